#!/usr/bin/env python3
"""Lists the ids and names of a KB that are French keywords of coopkb: the words a French speaker could take
for a keyword (`Chemin`, a commune of the Jura, is `path` in French; `Trier` is `sort`). The French spellings
come from the binary itself (`.help keywords`), the ids and names from the KB's files.
Usage: python3 tools/french_names.py [BINARY] [KB]   prints `id<TAB>name<TAB>keyword word`, one line per match."""
import os
import re
import subprocess
import sys
import unicodedata

RECORD = re.compile(r'^\s*(authority|country|group)\s+(\S+)\s+"((?:[^"\\]|\\.)*)"')


def french_words(binary):
    out = subprocess.run([binary, "--kb", os.devnull, "--lenient", "-e", ".help keywords"], capture_output=True, text=True).stdout
    words = set()
    for line in out.splitlines()[1:]:
        if "\t" in line:
            words.update(w.strip() for w in line.split("\t", 1)[1].split(",") if w.strip())
    return words


def names(kb):
    for folder, _, files in sorted(os.walk(kb)):
        for f in sorted(files):
            if f.endswith(".kb"):
                with open(os.path.join(folder, f), encoding="utf-8-sig") as h:
                    for line in h:
                        m = RECORD.match(line)
                        if m:
                            yield m.group(2), m.group(3).replace('\\"', '"').replace("\\\\", "\\")


def matches(binary, kb):
    words = {unicodedata.normalize("NFC", w).lower() for w in french_words(binary)}
    for id_, name in names(kb):
        for text in (id_, name):
            t = unicodedata.normalize("NFC", text).lower()
            if t in words:
                yield id_, name, t
                break


if __name__ == "__main__":
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/coopkb"
    kb = sys.argv[2] if len(sys.argv) > 2 else "kb"
    for m in matches(binary, kb):
        print("\t".join(m))
