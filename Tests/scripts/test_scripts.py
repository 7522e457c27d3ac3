#!/usr/bin/env python3
"""What scripts rely on, run through the real binary: every row in files and pipes, .once, .headers and
.separator, the excel CSV (bytes checked, read back with the csv module's Excel dialect), .xlsx workbooks read
back by openpyxl, jsonl, several json results joined by jq -s as docs/shell.md shows, a leading | in files,
--version and --help, and `make install PREFIX=…`.
Usage: python3 Tests/scripts/test_scripts.py BINARY   (one line per check, then `N passed, M failed`)."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pty"))
import common  # noqa: E402

binary = common.BINARY
root = common.ROOT


check = common.check


tmp = tempfile.mkdtemp(prefix="coopkb-scripts-")
kb = os.path.join(tmp, "kb")
os.mkdir(kb)
# 120 communes, with accents, a leading-zero INSEE code, populations and coordinates.
with open(os.path.join(kb, "a.kb"), "w", encoding="utf-8") as f:
    f.write('country FR "France"\ncountry ML "Mali"\n')
    f.write('authority FR-01 "Ain" kind=departement country=FR\n')
    f.write('authority bourg "Bourg-en-Bresse" kind=commune country=FR parent=FR-01 code=01053 population=41365 lat=46.2052 lon=5.2255\n')
    f.write('authority segou "Ségou" kind=commune country=ML population=133501\n')
    for i in range(120):
        f.write(f'authority c{i:03} "Château-Été {i}" kind=commune country=FR parent=FR-01 code=01{i:03} population={1000 + i}\n')
    f.write('partnership bourg segou since=1991 themes=water,health\n')
env = dict(os.environ)
env.pop("COOPKB_KB", None)
env["HOME"] = os.path.join(tmp, "home")
os.mkdir(env["HOME"])


def run(args, stdin=None, cwd=tmp, extra=None):
    e = dict(env, **(extra or {}))
    return subprocess.run([binary, "--kb", kb] + args, input=stdin, capture_output=True, cwd=cwd, env=e)


communes = "authorities in FR-01 | where kind = commune"
n_communes = 121

# 1. Files and pipes get every row and every character, whatever .maxrows says.
r = run(["-f", "table"], stdin=(".maxrows 5\n" + communes + "\n").encode())
out = r.stdout.decode()
check(r.returncode == 0 and f"({n_communes} rows)" in out and "more rows" not in out and out.count("Château-Été") == 120,
      "table mode into a pipe: every row, despite .maxrows", out[-500:])
r = run(["-f", "table"], stdin=(f".maxrows 5\n.output table.txt\n{communes}\n").encode())
with open(os.path.join(tmp, "table.txt"), encoding="utf-8") as f:
    text = f.read()
check(f"({n_communes} rows)" in text and "more rows" not in text and "…" not in text, ".output FILE in table mode holds every row", text[-300:])

# 2. .once FILE: the next result only.
r = run([], stdin=b".once once.tsv\ncountries\ngroups | count\n")
with open(os.path.join(tmp, "once.tsv"), encoding="utf-8") as f:
    once = f.read()
check(once == "id\tname\nFR\tFrance\nML\tMali\n" and r.stdout.decode() == "count\n0\n", ".once FILE gets the next result, then output is back", (once, r.stdout))
r = run([], stdin=b".once once.tsv\ncountries\n")
check(r.returncode == 1 and "exists and would be overwritten" in r.stderr.decode(), ".once refuses to overwrite a file", r.stderr)

# 3. .headers and .separator.
r = run(["-f", "csv"], stdin=b".headers off\ncountries\n.headers on\n.separator ;\ncountries | where id = ML | select id, name, en\n.separator tab\ncountries | where id = ML\n")
check(r.stdout.decode() == "FR,France\r\nML,Mali\r\n\nid;name;en\r\nML;Mali;\r\n\nid\tname\r\nML\tMali\r\n", ".headers off, .separator ; and tab in csv", repr(r.stdout))
r = run(["-f", "tsv"], stdin=b".headers off\ncountries\n")
check(r.stdout.decode() == "FR\tFrance\nML\tMali\n", ".headers off in tsv", repr(r.stdout))
r = run([], stdin=b".separator ab\n")
check(r.returncode == 1 and "<stdin>:1:1: error: usage: .separator" in r.stderr.decode(), "a separator of two characters is refused with its place", r.stderr)

# 4. The excel CSV: BOM, ;, CRLF, text quoted, numbers bare (decimal comma), accents; read back as Excel reads it.
r = run(["-f", "excel", "-e", "authorities | where population > 0 | select id, name, code, population, lat"])
raw = r.stdout
check(raw.startswith(b"\xef\xbb\xbf\"id\";\"name\";\"code\";\"population\";\"lat\"\r\n"), "excel: a UTF-8 BOM, then the header quoted and ;-separated", raw[:80])
check(b'\r\n"bourg";"Bourg-en-Bresse";"01053";41365;46,2052\r\n' in raw, "excel: numbers bare, decimals with a comma, text quoted, CRLF", raw[:300])
check(b"\n" not in raw.replace(b"\r\n", b""), "excel: every line ends with CRLF", raw[:200])
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), dialect="excel", delimiter=";"))
tsv = run(["-e", "authorities | where population > 0 | select id, name, code, population, lat"]).stdout.decode().splitlines()
check(len(rows) == len(tsv) == 123 and ["segou", "Ségou", "", "133501", ""] in rows and rows[1] == ["bourg", "Bourg-en-Bresse", "01053", "41365", "46,2052"], "excel: read back with the same rows, accents and numbers", rows[:3])
r = run(["-f", "excel", "-e", "countries", "-e", "countries"])
check(r.stdout.count(b"\xef\xbb\xbf") == 1 and b"\r\n\r\n\"id\"" in r.stdout, "excel: one BOM per output; results separated by a blank CRLF line", r.stdout)

# 5. .xlsx: -f xlsx to a file, .output FILE.xlsx, .excel FILE.xlsx; read back by openpyxl.
query = "authorities | where population > 0 | select id, name, code, population, lat"
r = run(["-f", "xlsx", "-e", query, "-e", "countries", "-e", "partnerships | select a, b, since, themes"])
path = os.path.join(tmp, "stdout.xlsx")
with open(path, "wb") as f:
    f.write(r.stdout)
wb = openpyxl.load_workbook(path)
check(r.returncode == 0 and len(wb.worksheets) == 3, "-f xlsx > FILE: a workbook with one sheet per result", (r.returncode, r.stderr, wb.sheetnames))
ws = wb.worksheets[0]
values = list(ws.iter_rows(values_only=True))
check(values[0] == ("id", "name", "code", "population", "lat") and len(values) == 123, "the sheet has a header row and every row", values[:2])
bourg = [v for v in values if v[0] == "bourg"][0]
check(bourg == ("bourg", "Bourg-en-Bresse", "01053", 41365, 46.2052), "numbers are numbers, an INSEE code stays text with its zero", bourg)
check(any(v[1] == "Ségou" for v in values) and any(v[1] == "Château-Été 7" for v in values), "accents are intact", values[:5])
check(list(wb.worksheets[2].iter_rows(values_only=True))[1] == ("bourg", "segou", 1991, "water,health"), "lists are joined by commas", list(wb.worksheets[2].iter_rows(values_only=True)))
check(ws.freeze_panes == "A2" and ws["A1"].font.b, "the header row is bold and stays in view", (ws.freeze_panes, ws["A1"].font.b))
r = run([], stdin=f".output out.xlsx\n{query}\ncountries\n.output\ncountries | count\n".encode())
wb = openpyxl.load_workbook(os.path.join(tmp, "out.xlsx"))
check(r.stdout.decode() == "count\n2\n" and len(wb.worksheets) == 2 and wb.worksheets[1].max_row == 3,
      ".output FILE.xlsx in tsv mode writes a workbook; .output returns to standard output", (r.stdout, wb.sheetnames))
r = run([], stdin=b".excel next.xlsx\ncountries\ngroups | count\n.excel notes.txt\n")
wb = openpyxl.load_workbook(os.path.join(tmp, "next.xlsx"))
check(len(wb.worksheets) == 1 and wb.worksheets[0].max_row == 3 and r.stdout.decode() == "count\n0\n",
      ".excel FILE.xlsx: the next result as a workbook", (r.stdout, wb.sheetnames))
check("<stdin>:4:1: error: 'notes.txt': .excel writes an .xlsx workbook" in r.stderr.decode(), ".excel refuses a name that is not .xlsx", r.stderr)
scratch = os.path.join(tmp, "scratch")
os.mkdir(scratch)
r = run([], stdin=b".excel\ncountries\n", extra={"TMPDIR": scratch, "PATH": "/usr/bin:/bin"})
made = [f for f in os.listdir(scratch) if f.endswith(".xlsx")]
check(len(made) == 1 and f"wrote {os.path.join(scratch, made[0])}" in r.stderr.decode()
      and openpyxl.load_workbook(os.path.join(scratch, made[0])).worksheets[0].max_row == 3,
      ".excel without FILE writes a workbook in $TMPDIR and says where", (made, r.stderr))
r = run(["-f", "xlsx", "-e", "countries"])
check(r.returncode == 0 and r.stdout.startswith(b"PK"), "-f xlsx to a pipe writes the workbook's bytes", r.stdout[:10])
r = run(["-f", "xlsx", "-e", ".output empty.xlsx", "-e", ".output"])
check(openpyxl.load_workbook(os.path.join(tmp, "empty.xlsx")) is not None, "a workbook file that got no result still opens", r.stderr)

# 6. jsonl: one object per line across results; json: one array per statement, joined by jq -s.
r = run(["-f", "jsonl", "-e", "countries", "-e", "partnerships | select a, b, themes", "-e", "countries | where zone = nowhere"])
lines = r.stdout.decode().splitlines()
objects = [json.loads(l) for l in lines]
check(len(lines) == 3 and objects[2] == {"a": "bourg", "b": "segou", "themes": ["water", "health"]}, "jsonl: one object per line across all results", lines)
r = run(["-f", "json", "-e", "countries", "-e", "groups", "-e", "countries | count"])
jq = subprocess.run(["jq", "-s", "."], input=r.stdout, capture_output=True)
joined = json.loads(jq.stdout) if jq.returncode == 0 else None
check(joined == [[{"id": "FR", "name": "France"}, {"id": "ML", "name": "Mali"}], [], [{"count": 2}]],
      "json with several statements: one array each, which jq -s joins into one document", (r.stdout, jq.stderr))

# 7. A line starting with | continues the statement before it, in files; after ; it is an error with its place.
qfile = os.path.join(tmp, "q.kbq")
with open(qfile, "w", encoding="utf-8") as f:
    f.write("partners of bourg\n# only Mali\n| where country = ML\n  | select id, name\ncountries | count;\n| limit 1\n")
r = run([qfile])
check(r.stdout.decode() == "id\tname\nsegou\tSégou\n\ncount\n2\n", "| at the start of a line continues the statement (comment lines between)", r.stdout)
check(r.returncode == 1 and f"{qfile}:6:1: error:" in r.stderr.decode(), "a | after ; starts nothing: an error at its line and column", r.stderr)

r = run(["-e", "partners of bourg", "-e", "| where country = ML", "-e", "| select id", "-e", "countries | count"])
check(r.stdout.decode() == "id\nsegou\n\ncount\n2\n", "an -e starting with | continues the -e before it", r.stdout)
r = run([], stdin=b"partners of bourg\n| select id\n")
check(r.stdout.decode() == "id\nsegou\n", "and so does a line of standard input", r.stdout)

# 8. --version, --help.
r = subprocess.run([binary, "--version"], capture_output=True)
check(r.returncode == 0 and r.stdout.decode().startswith("coopkb ") and r.stdout.decode().strip().split()[-1][0].isdigit(), "--version", r.stdout)
r = subprocess.run([binary, "--help"], capture_output=True, env=dict(env, COLUMNS="80"))
helptext = r.stdout.decode()
check(all(m in helptext for m in ["table", "tsv", "csv", "jsonl", "excel", "xlsx", "dot"]), "--help lists every format", helptext)
check(max(len(l) for l in helptext.splitlines()) <= 80, "--help wraps to the terminal's width", max(helptext.splitlines(), key=len))

# 9. make install PREFIX=…: binary, man page, completions.
prefix = os.path.join(tmp, "prefix")
r = subprocess.run(["make", "--no-print-directory", "install", f"PREFIX={prefix}", f"INSTALL_BIN={binary}"], capture_output=True, cwd=root)
check(r.returncode == 0, "make install PREFIX=… succeeds", r.stderr.decode()[-1000:])
installed = os.path.join(prefix, "bin", "coopkb")
v = subprocess.run([installed, "--version"], capture_output=True) if os.path.exists(installed) else None
check(v is not None and v.returncode == 0 and os.access(installed, os.X_OK), "the binary is installed in PREFIX/bin", v and v.stdout)
kbcopy = os.path.join(prefix, "share", "coopkb", "kb")
k = subprocess.run([installed, "-e", "countries | count"], capture_output=True, env=dict(env, COOPKB_KB=kbcopy))
check(k.returncode == 0 and int(k.stdout.decode().split()[1]) > 200, "the shipped KB is installed for $COOPKB_KB", (k.stdout, k.stderr))
man = os.path.join(prefix, "share", "man", "man1", "coopkb.1")
check(os.path.exists(man) and "--format" in open(man, encoding="utf-8").read(), "the man page is in PREFIX/share/man/man1", man)
if shutil.which("man") and os.path.exists(man):
    m = subprocess.run(["man", "-l", man], capture_output=True, env=dict(env, MANPAGER="cat", COLUMNS="80"))
    check(m.returncode == 0 and "coopkb" in m.stdout.decode(), "man reads it", m.stderr)
for shell, rel, marker in [("bash", "share/bash-completion/completions/coopkb", "-F _coopkb coopkb"),
                           ("zsh", "share/zsh/site-functions/_coopkb", "#compdef coopkb"),
                           ("fish", "share/fish/vendor_completions.d/coopkb.fish", "complete -c 'coopkb'")]:
    p = os.path.join(prefix, rel)
    body = open(p, encoding="utf-8").read() if os.path.exists(p) else ""
    check(marker in body and "jsonl" in body, f"the {shell} completion is installed and completes --format", p)
common.finish()
