#!/usr/bin/env python3
"""coopkb en français, through the real binary on the shipped KB: every SPEC example and its French twin
(Tests/Fixtures/french/spec-examples.tsv) give byte-identical TSV, in English and in French mode; the
English examples of the fixture are those of queries/spec-examples.kbq (the repository's copy of SPEC §3);
every name of the shipped KB that is a French keyword (tools/french_names.py) is reachable unquoted; English
scripts give the same bytes whatever the locale.
Usage: python3 Tests/french/test_french.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(root, "tools"))
import french_names  # noqa: E402

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/coopkb"))
kb = os.path.join(root, "kb")
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    passed += bool(ok)
    failed += not ok
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else "\n      " + str(detail)[-2000:].replace("\n", "\n      ")))


ENGLISH = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "COOPKB_LANG", "LANGUAGE")}
FRENCH = dict(ENGLISH, LANG="fr_FR.UTF-8")


def run(args, env=ENGLISH, stdin=None):
    return subprocess.run([binary, "--kb", kb] + args, input=stdin, capture_output=True, env=env, cwd=root)


# The fixture: English examples, each followed by French twins.
pairs = []
with open(os.path.join(root, "Tests/Fixtures/french/spec-examples.tsv"), encoding="utf-8") as f:
    english = None
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        en, fr = line.split("\t")
        english = en or english
        pairs.append((english, fr))
with open(os.path.join(root, "queries/spec-examples.kbq"), encoding="utf-8") as f:
    spec = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
fixture_english = list(dict.fromkeys(en for en, _ in pairs))
check(fixture_english == spec, "the fixture's English column is every SPEC example, in order", (fixture_english, spec))

# `let` stores a variable for the next statement: the two run together.
def statements(en):
    return ["let $bzh = authorities in FR-BRE", en] if en.startswith("groups of $bzh") else [en]


def notes_only(err):
    """Nothing but notes on standard error (a homonym note, issue 11: SPEC's `brest` also names Brest, Belarus)."""
    return all(re.match(r"<execute>:\d+:\d+: (note|remarque)\b", line) for line in err.decode().splitlines())


for en, fr in pairs:
    if en.startswith("let "):
        continue
    if en.startswith("groups of $bzh"):
        fr_let = [f for e, f in pairs if e.startswith("let ")][0]
        e_args, f_args = ["-e", "let $bzh = authorities in FR-BRE", "-e", en], ["-e", fr_let, "-e", fr]
    else:
        e_args, f_args = ["-e", en], ["-e", fr]
    want = run(["-f", "tsv"] + e_args)
    check(want.returncode == 0 and want.stdout.count(b"\n") >= 1 and notes_only(want.stderr), f"English: {en}", want.stderr.decode())
    for env, mode in ((ENGLISH, "English mode"), (FRENCH, "French mode")):
        got = run(["-f", "tsv"] + f_args, env=env)
        check(got.returncode == 0 and got.stdout == want.stdout and notes_only(got.stderr), f"{mode}: {fr}",
              got.stderr.decode() + got.stdout.decode()[:300] + "\n--- want:\n" + want.stdout.decode()[:300])
    got = run(["-f", "tsv"] + e_args, env=FRENCH)
    check(got.stdout == want.stdout and got.returncode == 0, f"the English example in French mode: {en}", got.stderr.decode())

# The whole SPEC file, English and French, as scripts in every machine-read mode.
french_script = "\n".join(fr for en, fr in pairs if en != "" and fr == [f for e, f in pairs if e == en][0]) + "\n"
for fmt in ("tsv", "csv", "json"):
    want = run(["-f", fmt, os.path.join(root, "queries/spec-examples.kbq")])
    got = run(["-f", fmt, "-"], env=FRENCH, stdin=french_script.encode())
    check(want.returncode == 0 and got.returncode == 0 and got.stdout == want.stdout, f"the SPEC examples as one French script, -f {fmt}",
          got.stderr.decode())

# Names of the shipped KB that are French keywords stay names where a name stands.
found = list(french_names.matches(binary, kb))
check(len(found) >= 2 and any(i == "chemin" for i, _, _ in found) and any(i == "trier" for i, _, _ in found),
      "tools/french_names.py finds Chemin and Trier among the KB's names", found)
for id_, name, word in found:
    word_as_written = name if name.lower() == word else id_
    for q in (f"show {word_as_written}", f"partners of {word_as_written} | count", f"montre {word_as_written}",
              f"partenaires de {word_as_written} | compter", f"{word_as_written} | select id", f"{word_as_written} | choisir id"):
        for env in (ENGLISH, FRENCH):
            r = run(["-f", "tsv", "-e", q], env=env)
            out = r.stdout.decode()
            ok = r.returncode == 0 and not r.stderr and (id_ in out if "select" in q or "choisir" in q or "show" in q or "montre" in q else True)
            check(ok, f"{'fr' if env is FRENCH else 'en'}: {q}", r.stderr.decode() + out[:200])

# English scripts: the same bytes with no locale, LANG=fr_FR.UTF-8, LC_ALL=fr_FR.UTF-8.
queries = sorted(f for f in os.listdir(os.path.join(root, "queries")) if f.endswith(".kbq"))
for q in queries:
    path = os.path.join(root, "queries", q)
    want = run(["-f", "tsv", path])
    for extra in ({"LANG": "fr_FR.UTF-8"}, {"LC_ALL": "fr_CA.UTF-8"}):
        got = run(["-f", "tsv", path], env=dict(ENGLISH, **extra))
        check(got.stdout == want.stdout and got.returncode == want.returncode, f"queries/{q} gives the same TSV with {extra}",
              got.stderr.decode()[:500])

# The language: --lang, then COOPKB_LANG, then the first non-empty of LC_ALL, LC_MESSAGES, LANG; English otherwise.
def rows_word(extra, args=()):
    r = run(["-f", "table"] + list(args) + ["-e", "countries | limit 3"], env=dict(ENGLISH, **extra))
    out = r.stdout.decode()
    return "fr" if "(3 lignes)" in out else "en" if "(3 rows)" in out else "?" + out + r.stderr.decode()


for extra, args, want in [
    ({}, (), "en"), ({"LANG": "fr_FR.UTF-8"}, (), "fr"), ({"LANG": "fr"}, (), "fr"), ({"LC_MESSAGES": "fr_CA.UTF-8"}, (), "fr"),
    ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, (), "fr"), ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, (), "en"),
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}, (), "fr"), ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, (), "en"),
    ({"LANG": "fy_NL.UTF-8"}, (), "en"), ({"COOPKB_LANG": "fr"}, (), "fr"), ({"COOPKB_LANG": "en", "LANG": "fr_FR.UTF-8"}, (), "en"),
    ({"LANG": "fr_FR.UTF-8"}, ("--lang", "en"), "en"), ({"COOPKB_LANG": "en"}, ("--lang", "fr"), "fr"), ({}, ("--lang", "fr"), "fr"),
]:
    check(rows_word(extra, args) == want, f"language {want} with {extra} {' '.join(args)}", rows_word(extra, args))
r = run(["-f", "table", "-e", ".lang fr", "-e", "countries | limit 1", "-e", ".lang en", "-e", "countries | limit 2", "-e", ".lang"])
out = r.stdout.decode()
check("(1 ligne)" in out and "(2 rows)" in out and out.endswith("lang: en\n"), ".lang fr, then .lang en, then .lang shows it", out)
r = run(["-e", "countries"], env=dict(ENGLISH, COOPKB_LANG="xx"))
check(r.returncode == 0 and b"COOPKB_LANG=xx" in r.stderr, "an unknown COOPKB_LANG is said and passed over", r.stderr)
r = run(["--lang", "de", "-e", "countries"])
check(r.returncode == 2 and b"unknown language 'de'" in r.stderr, "--lang de is a usage error (status 2)", r.stderr)
r = run(["-e", ".lang de"], env=FRENCH)
check(r.returncode == 1, ".lang de fails (status 1)", r.stderr)

# Row counts in French: 0 and 1 singular; .headers fr names the columns in French, results unchanged.
r = run(["-f", "table", "-e", "countries | limit 0", "-e", "countries | limit 1", "-e", "countries | limit 2"], env=FRENCH)
out = r.stdout.decode()
check("(0 ligne)" in out and "(1 ligne)" in out and "(2 lignes)" in out, "French row counts: (0 ligne), (1 ligne), (2 lignes)", out)
q = "partnerships of rennes | select a.name, b.country, since, until, themes | limit 3"
plain = run(["-f", "tsv", "-e", q], env=FRENCH).stdout.decode().split("\n")
fr = run(["-f", "tsv", "-e", ".headers fr", "-e", q]).stdout.decode().split("\n")
check(fr[0] == "a.nom\tb.pays\tdepuis\tjusqu'à\tthèmes" and plain[0] == "a.name\tb.country\tsince\tuntil\tthemes" and fr[1:] == plain[1:],
      ".headers fr: French column names, the same rows; without it the field ids", (fr[:2], plain[:2]))

# Every .help topic has a French text whose example runs and answers what the English example answers.
examples = run(["-e", ".help keywords"]).stdout.decode()
help_fr = run(["-e", ".help"], env=FRENCH).stdout.decode()
check(help_fr.startswith("Instructions") and "Commandes :" in help_fr and "partenaires de ENSEMBLE" in help_fr, ".help in French", help_fr[:300])
topics = ["authorities", "countries", "groups", "partnerships", "partners", "members", "neighbours", "path", "similar", "components",
          "brief", "union", "where", "sort", "limit", "count", "select", "let", "show", "import", "refs"]
for t in topics:
    text = run(["-e", f".help {t}"], env=FRENCH).stdout.decode()
    en = run(["-e", f".help {t}"]).stdout.decode()
    check(text != en and text.strip(), f".help {t} in French", text)
    fr_ex = [l.split("exemple : ", 1)[1] for l in text.split("\n") if "exemple : " in l]
    en_ex = [l.split("example: ", 1)[1] for l in en.split("\n") if "example: " in l]
    if not en_ex:
        continue
    check(len(fr_ex) == 1, f".help {t}: a French example", text)
    if fr_ex:
        a = run(["-f", "tsv", "-e", en_ex[0]])
        b = run(["-f", "tsv", "-e", fr_ex[0]], env=FRENCH)
        check(a.returncode == 0 and b.returncode == 0 and a.stdout == b.stdout, f"the French example runs as the English one: {fr_ex[0]}",
              b.stderr.decode()[:400])
for word, key in (("trier", "trier par"), ("où", "où COND"), ("ou", "où COND"), ("sauf", "TERME union"), ("chemin", "chemin de")):
    text = run(["-e", f".help {word}"], env=FRENCH).stdout.decode()
    check(text.startswith(key), f".help {word} finds its topic", text[:200])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
