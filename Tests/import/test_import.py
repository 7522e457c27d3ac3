#!/usr/bin/env python3
"""`.import` end to end, through the real binary on the shipped kb/: spreadsheets made here (`,` and `;`
CSV, a BOM, Windows-1252, embedded newlines and quotes, TSV, an .xlsx written by openpyxl with two sheets,
a date and a number), every outcome at least once with its FILE:LINE:COL, the summary, --report, --dry-run,
--map, --sheet, --encoding, OUT.kb's header (SHA-256 checked with hashlib), OUT never overwritten, the
result loading with 0 problems, re-import adding nothing, the new records in the running session, the
worked example of docs/import.md, and a real list of ~3,800 twin-town pairs (Tests/import/twinlist.py).
Usage: python3 Tests/import/test_import.py BINARY   (one line per check, then `N passed, M failed`)."""
import csv
import datetime
import hashlib
import io
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import unicodedata

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "debug", "coopkb"))
KB = os.path.join(root, "kb")
passed = failed = 0
tmp = tempfile.mkdtemp(prefix="coopkb-import-")


def check(ok, what, detail=""):
    global passed, failed
    passed += bool(ok)
    failed += not ok
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else "\n      " + str(detail).replace("\n", "\n      ")))


def run(*statements, kbs=(KB,), fmt="tsv"):
    args = [binary, "-f", fmt]
    for k in kbs:
        args += ["--kb", k]
    for s in statements:
        args += ["-e", s]
    return subprocess.run(args, capture_output=True, text=True, cwd=tmp, check=False)


def path(name):
    return os.path.join(tmp, name)


def summary(stdout):
    """The summary table (tsv): outcome -> rows."""
    out = {}
    for line in stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit():
            out[parts[0]] = int(parts[1])
    return out


def records(kbfile):
    with open(kbfile, encoding="utf-8") as f:
        return [l for l in f.read().splitlines() if l and not l.startswith("#")]


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s\-'’_.]+", " ", s).strip()


# --- 1. A comma CSV with every outcome, quotes and an embedded newline -----------------------------------
rows = [
    ["Collectivité", "Partenaire", "Pays", "Année", "Type", "Thèmes", "Note", "Budget"],
    ["Vitré", "Ségou", "Mali", "1988", "coopération", "eau, santé", 'two lines:\n"water" first'],  # 2-3 new
    ["Saint-Denis (93)", "Tizi Ouzou", "Algérie", "12/05/1990", "jumelage", "", ""],               # 4 created
    ["Brest", "Kiel", "Allemagne", "", "", "", ""],                                                # 5 existing
    ["Vitré", "Ségou", "ML", "", "", "", ""],                                                      # 6 duplicate
    ["Saint-Denis", "Bamako", "Mali", "", "", "", ""],                                             # 7 ambiguous
    ["Zzyzxville", "Bamako", "Mali", "", "", "", ""],                                              # 8 unresolved
    ["Vitré", "Bamako", "Mali", "19xx", "", "", ""],                                               # 9 invalid year
    ["Vitré", "Atlantis", "Atlantide", "", "", "", ""],                                            # 10 invalid country
    ["", "", "", "", "", "", ""],                                                                  # 11 empty
    ["Valence", "Asti", "Italy", "", "", "", ""],                                                  # 12 population
    ["Lyon", "Nowhereton", "England", "2001-05-03", "", "", ""],                                   # 13 created, free text
]
with open(path("list.csv"), "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(rows)
r = run(".import list.csv out.kb --report report.csv")
s = summary(r.stdout)
check(r.returncode == 0, "import of a comma CSV succeeds (status 0)", r.stderr)
expected = {"new": 1, "created": 2, "existing": 2, "duplicate": 1, "ambiguous": 1, "unresolved": 1, "invalid": 2, "empty": 1, "total": 11}
check(all(s.get(k) == v for k, v in expected.items()), "summary counts every outcome", r.stdout)
err = r.stderr
check("list.csv:6:7: warning: vitre – segou again: the same pair as line 2" in err, "duplicate: a warning at its line and column (embedded newline counted)", err)
check(re.search(r"list\.csv:7:1: error: 'Saint-Denis' is ambiguous: saint-denis-11 \(Saint-Denis, commune, Aude.*saint-denis-93", err), "ambiguous: the candidates and what tells them apart", err)
check("list.csv:8:1: error: no French authority is called 'Zzyzxville'" in err, "unresolved: a French authority is never created", err)
check("list.csv:9:19: error: '19xx' is not a year" in err, "invalid: a year that is not a year, at its cell", err)
check("list.csv:10:16: error: no country is called 'Atlantide'" in err, "invalid: an unknown country, at its cell", err)
check("columns ignored (not recognized): 'Budget'" in err, "unknown columns listed once and ignored", err)
out = open(path("out.kb"), encoding="utf-8").read()
sha = hashlib.sha256(open(path("list.csv"), "rb").read()).hexdigest()
check("# Source: list.csv (CSV, ','-separated, UTF-8), SHA-256 %s." % sha in out, "OUT.kb names the source file and its SHA-256", out[:400])
recs = records(path("out.kb"))
check('authority tizi-ouzou "Tizi Ouzou" kind=municipality country=DZ  # created from list.csv:4' in recs,
      "a missing partner is created: slug id, name as written, country, municipality, provenance", recs)
check('partnership vitre segou since=1988 kind=cooperation themes=water,health note="two lines: \\"water\\" first" source=list.csv:2' in recs,
      "a new partnership with its year, kind, themes, note (newline and quotes kept) and source line", recs)
check("partnership saint-denis-93 tizi-ouzou since=1990 kind=twinning source=list.csv:4" in recs, "'Saint-Denis (93)' is narrowed by the département; a full date gives its year", recs)
check(any(l.startswith("authority nowhereton ") and "country=GB" in l for l in recs), "'England' is the United Kingdom", recs)
check(not any("valence" in l for l in recs), "Valence: the town among hamlets, whose partnership with Asti is already in the KB", recs)
rep = list(csv.DictReader(open(path("report.csv"), encoding="utf-8")))
check([x["line"] for x in rep] == ["2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"], "--report: one CSV line per row, with its line", [x["line"] for x in rep])
byline = {x["line"]: x for x in rep}
check(byline["4"]["outcome"] == "created" and byline["4"]["authority"] == "saint-denis-93" and byline["4"]["partner"] == "tizi-ouzou", "--report: outcome and resolved ids", byline.get("4"))
check(byline["7"]["outcome"] == "ambiguous" and "saint-denis-93" in byline["7"]["candidates"].split(), "--report: the candidates of an ambiguous row", byline.get("7"))
check(byline["12"]["outcome"] == "existing" and byline["12"]["authority"] == "valence-26", "--report: Valence is valence-26", byline.get("12"))
c = subprocess.run([binary, "--kb", KB, "--kb", path("out.kb"), "--check"], capture_output=True, text=True, check=False)
check(c.returncode == 0 and "problems\t0" in c.stdout, "coopkb --kb kb --kb OUT.kb --check reports 0 problems", c.stdout + c.stderr)

# Re-import on the KB plus OUT.kb adds nothing; an existing OUT is refused and left as it was.
r2 = run(".import list.csv again.kb", kbs=(KB, path("out.kb")))
s2 = summary(r2.stdout)
check(s2.get("new") == 0 and s2.get("created") == 0 and records(path("again.kb")) == [], "importing the same spreadsheet again adds nothing", r2.stdout + r2.stderr)
before = open(path("out.kb"), "rb").read()
r3 = run(".import list.csv out.kb")
check(r3.returncode == 1 and "'out.kb' exists and would be overwritten" in r3.stderr and open(path("out.kb"), "rb").read() == before,
      "an existing OUT.kb is refused and never written over", r3.stderr)
r3b = run(".import list.csv new.kb --report report.csv")
check(r3b.returncode == 1 and "exists" in r3b.stderr and not os.path.exists(path("new.kb")), "an existing --report file is refused too", r3b.stderr)

# The new records are in the running session at once.
r4 = run(".import list.csv session.kb", "partners of tizi-ouzou | select id")
check("saint-denis-93" in r4.stdout.split("\n"), "the imported records are loaded into the running session", r4.stdout + r4.stderr)

# --dry-run writes nothing.
r5 = run(".import list.csv dry.kb --dry-run")
check(r5.returncode == 0 and not os.path.exists(path("dry.kb")) and summary(r5.stdout).get("created") == 2 and "dry run, nothing written" in r5.stderr,
      "--dry-run reports the outcomes and writes nothing", r5.stderr)

# --- 2. Semicolons, Windows-1252, BOM, TSV, --encoding ------------------------------------------------------
text = "Commune;Département;Ville partenaire;Pays;Depuis\nSaint-Étienne;42;Ségou;Mali;1999\nBrest;;Kiel;Allemagne;\n"
open(path("fr.csv"), "wb").write(text.encode("cp1252"))
r = run(".import fr.csv fr.kb")
check(summary(r.stdout).get("new") == 1 and "(CSV, ';'-separated, Windows-1252)" in r.stderr, "a ';' CSV in Windows-1252 is detected and read", r.stdout + r.stderr)
check("partnership saint-etienne segou since=1999 source=fr.csv:2" in records(path("fr.kb")), "accented names in Windows-1252 resolve", records(path("fr.kb")))
r = run(".import fr.csv fr2.kb --encoding utf-8")
check(r.returncode == 1 and re.search(r"fr\.csv:1:10: error: byte 0xE9: the file is not valid UTF-8; .*--encoding windows-1252", r.stderr), "--encoding utf-8 on Windows-1252 bytes: the place and the way forward", r.stderr)
r = run(".import fr.csv fr3.kb --encoding latin1")
check(summary(r.stdout).get("new") == 1 and "ISO-8859-1" in r.stderr, "--encoding latin1 is used as given", r.stderr)
open(path("bom.csv"), "wb").write(b"\xef\xbb\xbf" + "ville,partenaire,pays\nVitré,Kiel,DE\n".encode("utf-8"))
r = run(".import bom.csv bom.kb --dry-run")
check(summary(r.stdout).get("new") == 1 and "UTF-8 with BOM" in r.stderr, "a UTF-8 BOM is skipped (the first header is still recognized)", r.stdout + r.stderr)
open(path("list.tsv"), "w", encoding="utf-8").write("city\tpartner city\tcountry\nVitré\tKiel\tGermany\n")
r = run(".import list.tsv tsv.kb --dry-run")
check(summary(r.stdout).get("new") == 1 and "tab-separated" in r.stderr, "a tab-separated file", r.stdout + r.stderr)
open(path("bad.csv"), "w", encoding="utf-8").write('ville,partenaire,pays\nVitré,"Kiel" x,DE\n')
r = run(".import bad.csv bad.kb")
check(r.returncode == 1 and "bad.csv:2:1: error: malformed quotes in this row" in r.stderr and not os.path.exists(path("bad.kb")),
      "malformed quotes: the row's place and how to fix it; nothing written", r.stderr)

# --- 3. --map ------------------------------------------------------------------------------------------------
open(path("odd.csv"), "w", encoding="utf-8").write("Nom,Jumelée à,Land,Ref\nVitré,Kiel,Germany,x\n")
r = run(".import odd.csv odd.kb --dry-run")
check(r.returncode == 1 and "odd.csv:1:1: error: no column for the French authority" in r.stderr and "--map COLUMN=authority" in r.stderr,
      "no authority column: said, with the header and --map as the way forward", r.stderr)
r = run('.import odd.csv odd.kb --dry-run --map "Nom=authority,Jumelée à=partner,Land=country,Ref=-"')
check(summary(r.stdout).get("new") == 1 and "not recognized" not in r.stderr, "--map COLUMN=FIELD overrides the guess (and '-' drops a column)", r.stdout + r.stderr)
r = run(".import odd.csv odd.kb --map Nom=nothing")
check(r.returncode == 1 and "unknown field 'nothing'" in r.stderr, "--map with an unknown field is refused", r.stderr)

# --- 4. .xlsx written by openpyxl: two sheets, a date, a number ------------------------------------------------
try:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws.append(["nothing here"])
    ws2 = wb.create_sheet("Jumelages")
    ws2.append(["Collectivité", "Code INSEE", "Partenaire", "Pays", "Date de signature", "Fin", "Nature"])
    ws2.append(["Vitré", "35360", "Ségou", "Mali", datetime.date(1991, 6, 1), 2020, "Jumelage"])
    ws2.append(["Saint-Denis", "97411", "Tamatave", "MG", 2001, None, "coopération"])
    ws2.append(["Brest", None, "Kiel", "Germany", "1964", None, None])
    ws2.append(["Vitré", None, "Bamako", "Mali", "soon", None, None])
    wb.save(path("book.xlsx"))
    r = run(".import book.xlsx book.kb --sheet Jumelages")
    recs = records(path("book.kb")) if os.path.exists(path("book.kb")) else []
    # Tamatave is found as Toamasina (a GeoNames alternate name, docs/names.md): no partner is created.
    check(summary(r.stdout).get("new") == 2 and summary(r.stdout).get("created") == 0, "an .xlsx sheet chosen with --sheet", r.stdout + r.stderr)
    check("partnership vitre segou since=1991 until=2020 kind=twinning source=book.xlsx:2" in recs, "xlsx: a date cell gives its year, a number its value", recs)
    check(any(l.startswith("partnership saint-denis-974 toamasina since=2001 kind=cooperation") for l in recs), "xlsx: an INSEE code column narrows Saint-Denis", recs)
    check("book.xlsx:5:5: error: 'soon' is not a year" in r.stderr, "xlsx: messages give the row and the column number", r.stderr)
    r = run(".import book.xlsx book2.kb")
    check(r.returncode == 1 and "no column for the French authority" in r.stderr, "xlsx: the first sheet by default", r.stderr)
    r = run(".import book.xlsx book3.kb --sheet Nope")
    check(r.returncode == 1 and "has no sheet 'Nope'; its sheets are 'Notes', 'Jumelages'" in r.stderr, "xlsx: an unknown sheet lists the sheets", r.stderr)
except ImportError:
    check(False, "openpyxl is installed (Tests/requirements.txt, make test-deps)")

# --- 4b. An existing partnership: fields the KB lacks are added (amends=yes), none overwritten ----------------
open(path("am.csv"), "w", encoding="utf-8").write("commune;partenaire;pays;depuis;type;thèmes\nBrest;Kiel;Allemagne;1964;jumelage;culture, jeunesse\nBrest;Plymouth;UK;1963;coopération;\n")
r = run(".import am.csv am.kb", "partnerships of brest | where b = kiel or b = plymouth | select b, since, kind, themes, source")
recs = records(path("am.kb"))
check("partnership brest kiel since=1964 themes=culture,youth amends=yes source=am.csv:2" in recs and summary(r.stdout).get("existing") == 2,
      "existing pair: the fields the KB lacks are written as an amends=yes record", recs)
check("am.csv:3:7: warning: brest – plymouth is already in the KB: adds since=1963; keeps its kind=twinning (this row: cooperation)" in r.stderr,
      "existing pair: a different value is kept and said, never overwritten", r.stderr)
check("kiel\t1964\ttwinning\tculture,youth\tfrance.tsv:2655,am.csv:2" in r.stdout, "the added fields are in the session at once, the source lines joined", r.stdout)
r = run(".import am.csv am2.kb", kbs=(KB, path("am.kb")))
check(records(path("am2.kb")) == [], "re-import after an amendment adds nothing", records(path("am2.kb")))
open(path("bad-amend.kb"), "w", encoding="utf-8").write("partnership brest kiel since=1950 amends=yes\npartnership brest segou since=1990 amends=yes\npartnership rennes erlangen kind=friendship amends=yes\n")
c = subprocess.run([binary, "--kb", KB, "--kb", path("bad-amend.kb"), "--check"], capture_output=True, text=True, check=False)
check(c.returncode == 2 and "bad-amend.kb:1:" not in c.stderr
      and "bad-amend.kb:2:1: error: amends=yes, but there is no partnership between 'brest' and 'segou'" in c.stderr
      and re.search(r"bad-amend\.kb:3:1: error: amends=yes gives kind=friendship, but the partnership at \S+partnerships\.kb:\d+:\d+ has kind=twinning", c.stderr),
      "loader: an amendment adds a missing field; one that would overwrite, or has no partnership to add to, is a problem", c.stderr)

# --- 5. Usage errors, help ---------------------------------------------------------------------------------------
r = run(".import list.csv")
check(r.returncode == 1 and "usage: .import FILE OUT.kb" in r.stderr, ".import without OUT: usage", r.stderr)
r = run(".import missing.csv m.kb")
check(r.returncode == 1 and "cannot read 'missing.csv': no such file" in r.stderr, "a missing file is said plainly", r.stderr)
r = run(".import list.csv m.kb --dry-runn")
check(r.returncode == 1 and "did you mean '--dry-run'" in r.stderr, "an unknown option gets a suggestion", r.stderr)
r = run(".help import")
check(".import FILE OUT.kb" in r.stdout and "example: .import" in r.stdout, ".help import explains it with an example", r.stdout)

# --- 6. The worked example of docs/import.md -----------------------------------------------------------------------
doc = open(os.path.join(root, "docs", "import.md"), encoding="utf-8").read()
m = re.search(r"<!-- example: (.*?) -->\n```\n(.*?)```", doc, re.S)
if m:
    command = m.group(1)
    shown = m.group(2)
    args = [binary, "--kb", KB] + shlex.split(command)
    ex = subprocess.run(args, capture_output=True, text=True, cwd=root, check=False)
    got = ex.stderr + ex.stdout
    check(got == shown, "docs/import.md's worked example gives what the page shows", "expected:\n" + shown + "\ngot:\n" + got)
else:
    check(False, "docs/import.md has a worked example (<!-- example: ARGS --> then a code block)")

# --- 7. A real twin-town list: city1,country1,city2,country2 ------------------------------------------------------
subprocess.run([sys.executable, os.path.join(root, "Tests", "import", "twinlist.py"), path("twins.csv")], check=True)
r = run(".import twins.csv twins.kb --report twins-report.csv")
rep = list(csv.DictReader(open(path("twins-report.csv"), encoding="utf-8")))
total = len(rep)
ok = sum(1 for x in rep if x["outcome"] in ("new", "created", "existing", "duplicate"))
check(total > 3000 and ok >= 0.9 * total, "twin-town list: %d of %d rows (%.1f%%) become partnerships (at least 90%%)" % (ok, total, 100.0 * ok / max(total, 1)))
reported = set(int(x) for x in re.findall(r"^twins\.csv:(\d+):\d+: error:", r.stderr, re.M))
others = [x for x in rep if x["outcome"] not in ("new", "created", "existing", "duplicate")]
check(others and all(int(x["line"]) in reported for x in others), "twin-town list: every other row is reported with its line (%d rows)" % len(others))
c = subprocess.run([binary, "--kb", KB, "--kb", path("twins.kb"), "--check"], capture_output=True, text=True, check=False)
check(c.returncode == 0 and "problems\t0" in c.stdout, "twin-town list: the result loads with 0 problems", c.stderr[-2000:])
# Sampled pairs land on the right commune (name and INSEE population as the source gives) and partner country.
communes, parent_of, dep_name = {}, {}, {}
for line in open(os.path.join(KB, "france", "departements.kb"), encoding="utf-8"):
    mm = re.match(r'authority (\S+) "((?:[^"\\]|\\.)*)"', line)
    if mm:
        dep_name[mm.group(1)] = fold(mm.group(2))
for line in open(os.path.join(KB, "france", "communes.kb"), encoding="utf-8"):
    mm = re.match(r'authority (\S+) "((?:[^"\\]|\\.)*)"', line)
    if mm:
        pop = re.search(r" population=(\d+)", line)
        communes[mm.group(1)] = (fold(mm.group(2)), int(pop.group(1)) if pop else 0)
        parent_of[mm.group(1)] = re.search(r" parent=(\S+)", line).group(1)


def names_commune(label, a):
    """Whether a Wikidata label names commune a: its name, or "NAME, DÉPARTEMENT" with a's département."""
    if a not in communes:
        return False
    if communes[a][0] == fold(label):
        return True
    head, _, tail = label.rpartition(", ")
    return bool(head) and communes[a][0] == fold(head) and dep_name.get(parent_of[a]) == fold(tail)
foreign = {}
for f in ("foreign.kb",):
    for line in open(os.path.join(KB, f), encoding="utf-8"):
        mm = re.match(r'authority (\S+) "((?:[^"\\]|\\.)*)".*? country=(\S+)', line)
        if mm:
            foreign[mm.group(1)] = (fold(mm.group(2)), mm.group(3))
for line in records(path("twins.kb")):
    mm = re.match(r'authority (\S+) "((?:[^"\\]|\\.)*)".*? country=(\S+)', line)
    if mm:
        foreign[mm.group(1)] = (fold(mm.group(2)), mm.group(3))
truth = {}
for line in open(path("twins.csv.truth"), encoding="utf-8"):
    t = line.rstrip("\n").split("\t")
    truth[t[0]] = t
sample = random.Random(7).sample([x for x in rep if x["outcome"] in ("new", "created", "existing")], 40)
wrong = []
for x in sample:
    t = truth[x["line"]]
    a, b = x["authority"], x["partner"]
    name_ok = names_commune(t[1], a)
    homonyms = [k for k in communes if names_commune(t[1], k)]
    if len(homonyms) > 1 and t[2]:
        best = min(homonyms, key=lambda k: abs(communes[k][1] - float(t[2])))
        name_ok = name_ok and (a == best or abs(communes[a][1] - float(t[2])) <= 0.25 * float(t[2]))
    partner_ok = b in foreign and foreign[b][0] == fold(t[3]) or (b in communes and communes[b][0] == fold(t[3]))
    if not (name_ok and partner_ok):
        wrong.append((x["line"], t[1], a, t[3], b))
check(not wrong, "twin-town list: 40 sampled pairs land on the right commune and the right foreign place", wrong)

# --- The notices in both languages: the columns ignored and the outcome line, word for word -----------------
with open(path("notices.csv"), "w", newline="", encoding="utf-8") as f:
    csv.writer(f, delimiter=";").writerows([["Collectivité", "Partenaire", "Pays", "Budget"], ["Vitré", "Ségou", "Mali", "x"]])


def run_lang(lang, *statements):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "COOPKB_LANG", "LANGUAGE")}
    env["LANG"] = lang
    args = [binary, "-f", "tsv", "--kb", KB] + [x for st in statements for x in ("-e", st)]
    return subprocess.run(args, capture_output=True, text=True, cwd=tmp, check=False, env=env)


for lang, words in (("C.UTF-8", ["notices.csv: columns ignored (not recognized): 'Budget'; --map COLUMN=FIELD uses one",
                                 re.compile(r"^notices\.csv \(CSV, ';'-separated, UTF-8\): 1 row in \d+ ms; dry run, nothing written: "
                                            r"1 partnership and 0 authorities would be added$", re.M),
                                 re.compile(r"^notices\.csv \(CSV, ';'-separated, UTF-8\): 1 row in \d+ ms; "
                                            r"1 partnership and 0 authorities written to notices\.kb$", re.M)]),
                    ("fr_FR.UTF-8", ["notices.csv : colonne ignorée (non reconnue) : 'Budget' ; --map COLONNE=CHAMP en prend une",
                                     re.compile(r"^notices\.csv \(CSV, séparateur ';', UTF-8\) : 1 ligne en \d+ ms ; essai, rien n'est écrit : "
                                                r"1 partenariat et 0 collectivité serait ajouté$", re.M),
                                     re.compile(r"^notices\.csv \(CSV, séparateur ';', UTF-8\) : 1 ligne en \d+ ms ; "
                                                r"1 partenariat et 0 collectivité écrit dans notices\.kb$", re.M)])):
    r = run_lang(lang, ".import notices.csv notices.kb --dry-run")
    check(r.returncode == 0 and words[0] in r.stderr and words[1].search(r.stderr), "%s: the notices of a dry run" % lang, r.stderr)
    r = run_lang(lang, ".import notices.csv notices.kb")
    check(r.returncode == 0 and words[2].search(r.stderr), "%s: the notice of a written import" % lang, r.stderr)
    os.remove(path("notices.kb"))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
