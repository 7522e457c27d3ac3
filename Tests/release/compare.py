#!/usr/bin/env python3
"""The release build (`-Ounchecked`) and the debug build give the same answers: CI's guard for keeping -Ounchecked.

Usage: compare.py DEBUG_BIN RELEASE_BIN [--max-generated N] [--corpora-only]

- every KB of fuzz/corpus/kb and of the loader's generated corpus (fuzz/out/corpus-loader, after `make fuzz`),
  loaded by both binaries (`--check`, then every authority, partnership, country and group as TSV);
- every query of fuzz/corpus/query and of the query target's generated corpus (fuzz/out/corpus-query), run by both
  on the fixture KB; dot-commands that touch files, spawn programs or print times are turned into comments, as
  the fuzz target does, and each run has its own empty folder, HOME and config folder;
- the hostile suite (Tests/hostile/test_hostile.py) run with each binary: the same cases pass and fail.
Standard output, standard error and the exit status must be byte-identical; any difference fails (status 1)
and is shown. Generated corpora are sampled to --max-generated files each (default 500; in name order, so a
run is repeatable), to keep CI's time bounded.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests/Fixtures/kb")
# Dot-commands run as they are: they read nothing but the KB and write only to standard output.
SAFE = {"mode", "headers", "separator", "fields", "vars", "help", "maxrows", "measures", "check", "quit", "exit", "pager"}


def neutralized(data):
    """Every dot-command line not in SAFE becomes a comment (its '.' a '#'), where the lexer sees one."""
    out = []
    for line in data.split(b"\n"):
        m = re.match(rb"^([ \t]*)\.([^ \t\r]*)", line)
        if m and m.group(2).decode("utf-8", "replace").lower() not in SAFE:
            line = m.group(1) + b"#" + line[len(m.group(1)) + 1:]
        out.append(line)
    return b"\n".join(out)


def files(folder, limit=None):
    if not os.path.isdir(folder):
        return []
    names = sorted(n for n in os.listdir(folder) if os.path.isfile(os.path.join(folder, n)))
    return [os.path.join(folder, n) for n in (names if limit is None else names[:limit])]


def run(bin_, args, cwd, stdin=b""):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": cwd, "XDG_CONFIG_HOME": os.path.join(cwd, "config"),
           "COOPKB_HISTORY": os.path.join(cwd, "history"), "EDITOR": "false", "VISUAL": "false", "PAGER": "cat", "LANG": "C.UTF-8"}
    try:
        p = subprocess.run([bin_] + args, input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120)
        return (p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired:
        return ("timeout", b"", b"")


def compare_one(debug, release, kind, path):
    work = tempfile.mkdtemp(prefix="coopkb-cmp-")
    try:
        if kind == "kb":
            kb = os.path.join(work, "input.kb")
            shutil.copyfile(path, kb)
            runs = [["--kb", kb, "--check"],
                    ["--kb", kb, "--lenient", "-f", "tsv", "-e", "authorities", "-e", "partnerships", "-e", "countries", "-e", "groups"]]
        else:
            query = os.path.join(work, "input.kbq")
            with open(path, "rb") as f, open(query, "wb") as g:
                g.write(neutralized(f.read()))
            runs = [["--kb", FIXTURE, "-f", "tsv", query]]
        for args in runs:
            a = run(debug, args, work)
            b = run(release, args, work)
            if a != b:
                what = "status" if a[0] != b[0] else "stdout" if a[1] != b[1] else "stderr"
                return f"{kind} {os.path.relpath(path, ROOT)}: {what} differs ({' '.join(args[2:4])}):\n" \
                       f"  debug:   {a[0]} {a[1][:200]!r} {a[2][:200]!r}\n  release: {b[0]} {b[1][:200]!r} {b[2][:200]!r}"
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def hostile(bin_):
    """The hostile suite's verdict per case (timings left out): {case: ok or FAIL}."""
    p = subprocess.run([sys.executable, os.path.join(ROOT, "Tests/hostile/test_hostile.py"), bin_], capture_output=True, text=True,
                       cwd=ROOT, timeout=3600)
    verdicts = {}
    for line in p.stdout.splitlines():
        # "ok    NAME  (DETAIL)": the name ends at the last two blanks before a parenthesis.
        m = re.match(r"^(ok  |FAIL)  (.*)  \(.*\)$", line)
        if m:
            name = m.group(2)
            while name in verdicts:
                name += " (again)"
            verdicts[name] = m.group(1).strip()
    return p.returncode, verdicts, p.stdout.splitlines()[-1] if p.stdout else p.stderr[-300:]


def main():
    args = sys.argv[1:]
    limit = 500
    corpora_only = "--corpora-only" in args  # for a quick look; CI runs the hostile suite too
    args = [a for a in args if a != "--corpora-only"]
    if "--max-generated" in args:
        i = args.index("--max-generated")
        limit = int(args[i + 1])
        del args[i:i + 2]
    debug, release = (os.path.abspath(a) for a in args[:2])
    for b in (debug, release):
        if not os.access(b, os.X_OK):
            sys.exit(f"compare.py: no binary at {b} (make build release)")
    jobs = [("kb", p) for p in files(os.path.join(ROOT, "fuzz/corpus/kb")) + files(os.path.join(ROOT, "fuzz/out/corpus-loader"), limit)]
    jobs += [("query", p) for p in files(os.path.join(ROOT, "fuzz/corpus/query")) + files(os.path.join(ROOT, "fuzz/out/corpus-query"), limit)]
    differences = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for d in pool.map(lambda j: compare_one(debug, release, *j), jobs):
            if d:
                differences.append(d)
                print("DIFF", d)
    kbs = sum(1 for k, _ in jobs if k == "kb")
    print(f"corpora: {kbs} KBs and {len(jobs) - kbs} query files run by both builds, {len(differences)} differences")
    if corpora_only:
        print(f"release vs debug: {len(jobs) - len(differences)} passed, {len(differences)} failed")
        sys.exit(1 if differences else 0)
    (rd, vd, last_d), (rr, vr, last_r) = hostile(debug), hostile(release)
    print(f"hostile suite, debug: {last_d}; release: {last_r}")
    if not vd or vd != vr:
        only = sorted(set(vd.items()) ^ set(vr.items()))
        differences.append("hostile suite verdicts differ: " + "; ".join(f"{k}: {v}" for k, v in only[:20]) if vd else "hostile suite printed no verdicts")
        print("DIFF", differences[-1])
    if rd != 0 or rr != 0:
        differences.append(f"hostile suite failed (debug status {rd}, release status {rr})")
        print("FAIL", differences[-1])
    passed = len(jobs) + 1 - len(differences)
    print(f"release vs debug: {max(passed, 0)} passed, {len(differences)} failed")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
