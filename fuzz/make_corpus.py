#!/usr/bin/env python3
"""Regenerates the seed corpora fuzz/corpus/{kb,query}/ from the test fixtures, queries/ and fuzz/regressions/
(each input a fuzz run once crashed on, kept so that every later run tries it first)."""
import glob, os, re, shutil

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
kb_dir, q_dir = os.path.join(root, "fuzz/corpus/kb"), os.path.join(root, "fuzz/corpus/query")
for d in (kb_dir, q_dir):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
for f in sorted(glob.glob(os.path.join(root, "Tests/Fixtures/kb/**/*.kb"), recursive=True)
                + glob.glob(os.path.join(root, "Tests/Fixtures/broken/*.kb"))
                + glob.glob(os.path.join(root, "Tests/Fixtures/hostile/*.kb"))
                + glob.glob(os.path.join(root, "fuzz/regressions/kb/*.kb"))):
    rel = os.path.relpath(f, root).replace("/", "_")
    shutil.copyfile(f, os.path.join(kb_dir, rel))
n = 0
for f in sorted(glob.glob(os.path.join(root, "Tests/Fixtures/cases/*.case"))):
    for case in open(f, encoding="utf-8", errors="surrogateescape").read().split("\n====\n"):
        lines = case.split("\n")
        body = []
        for line in lines:
            if line == "----":
                break
            if not line.startswith("-- "):
                body.append(line)
        text = "\n".join(body).strip("\n")
        if text:
            n += 1
            with open(os.path.join(q_dir, "%s-%03d.kbq" % (os.path.basename(f)[:-5], n)), "w",
                      encoding="utf-8", errors="surrogateescape") as out:
                out.write(text + "\n")
for f in sorted(glob.glob(os.path.join(root, "queries/*.kbq")) + glob.glob(os.path.join(root, "Tests/Fixtures/dot/*.kbq"))
                + glob.glob(os.path.join(root, "Tests/Fixtures/hostile/*.kbq"))):
    rel = os.path.relpath(f, root).replace("/", "_")
    shutil.copyfile(f, os.path.join(q_dir, rel))
print("kb: %d files, query: %d files" % (len(os.listdir(kb_dir)), len(os.listdir(q_dir))))
