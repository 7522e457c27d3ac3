#!/usr/bin/env python3
"""Briefs of a country, a région, an authority and a group on the fixture KB, in table and Markdown modes,
compared with Tests/Fixtures/briefs/*; the same brief twice gives the same bytes. RECORD=1 rewrites the files.
Usage: test_briefs.py BIN."""
import os
import subprocess
import sys

CASES = [("ML", "mali"), ("FR-BRE", "bretagne"), ("rennes", "rennes"), ("gp-mali", "gp-mali")]


def main():
    bin_ = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/coopkb"
    failures = 0
    for ref, name in CASES:
        for mode, ext in (("table", "txt"), ("markdown", "md")):
            args = [bin_, "--kb", "Tests/Fixtures/kb", "-f", mode, "-e", f"brief {ref}"]
            out = subprocess.run(args, capture_output=True, text=True)
            again = subprocess.run(args, capture_output=True, text=True)
            path = f"Tests/Fixtures/briefs/{name}.{ext}"
            if out.returncode != 0 or out.stderr:
                print(f"FAIL brief {ref} ({mode}): status {out.returncode}: {out.stderr}")
                failures += 1
                continue
            if out.stdout != again.stdout:
                print(f"FAIL brief {ref} ({mode}): two runs differ")
                failures += 1
            if os.environ.get("RECORD") == "1":
                open(path, "w", encoding="utf-8").write(out.stdout)
                continue
            want = open(path, encoding="utf-8").read()
            if want != out.stdout:
                a, b = want.split("\n"), out.stdout.split("\n")
                line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                print(f"FAIL brief {ref} ({mode}) differs from {path} at line {line + 1}:\n  expected: {a[line] if line < len(a) else '<end>'}\n  actual:   {b[line] if line < len(b) else '<end>'}")
                failures += 1
    r = subprocess.run([bin_, "--kb", "Tests/Fixtures/kb", "-f", "gexf", "-e", "brief ML"], capture_output=True, text=True)
    if r.returncode != 1 or "brief is a document" not in r.stderr:
        print("FAIL brief in gexf mode is not refused")
        failures += 1
    print(f"briefs: {len(CASES)} refs in table and markdown: {'ok' if not failures else str(failures) + ' failures'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
