#!/usr/bin/env python3
"""coopkb en français, through the real binary on the shipped KB: every SPEC example and its French twins
(Tests/Fixtures/french/spec-examples.tsv) give byte-identical TSV, in English and in French mode; the
English examples of the fixture are those of queries/spec-examples.kbq (the repository's copy of SPEC §3);
every README query has French twins too (Tests/Fixtures/french/more-examples.tsv, with `dans` for within and
every keyword and field alias of issue 16); every name of the shipped KB that is a French keyword
(tools/french_names.py) is reachable unquoted; English scripts give the same bytes whatever the locale; the
language choice; `.help` and every `.help TOPIC` in French, each French example run beside the English one;
the examples of docs/langage.md run; `show` and `.headers fr`.

Checks are batched: many statements run in one process, each result written to its own file by `.once`, and
each problem on standard error is given to its statement by its line in the script — so that a check still
asserts one statement's bytes, status and messages, without a process per check.
Usage: python3 Tests/french/test_french.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pty"))
import common  # noqa: E402

root = common.ROOT
sys.path.insert(0, os.path.join(root, "tools"))
import french_names  # noqa: E402

binary = common.BINARY
kb = os.path.join(root, "kb")
check = common.check
scratch = tempfile.mkdtemp(prefix="coopkb-french-")

ENGLISH = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "COOPKB_LANG", "LANGUAGE")}
FRENCH = dict(ENGLISH, LANG="fr_FR.UTF-8")


def run(args, env=ENGLISH, stdin=None, cwd=root):
    return subprocess.run([binary, "--kb", kb] + args, input=stdin, capture_output=True, env=env, cwd=cwd)


class Result:
    """One statement's part of a batch: its output bytes, its messages on standard error, whether it failed."""

    def __init__(self, out, messages):
        self.stdout = out
        self.messages = messages
        self.failed = any(re.search(r":\d+:\d+: error:", m) for m in messages)

    def notes_only(self):
        """Nothing but notes and hints (a homonym note, issue 11: SPEC's `brest` also names Brest, Belarus)."""
        return all(re.search(r":\d+:\d+: (note|hint|remarque|indice)\b", m) for m in self.messages)

    def pointed_at(self, statement):
        """The word of the statement its first error points at (the line is its place in the batch, the column
        its place in the statement): an error points at the same word in English and in French."""
        m = next((re.search(r":\d+:(\d+): error:", x) for x in self.messages if ": error:" in x), None)
        return m and statement[int(m.group(1)) - 1:].split(" ")[0]


def batch(statements, env=ENGLISH, fmt="tsv", args=(), cwd=root):
    """Runs the statements in one process, in order (a `let` stays for the next ones), each result to a file
    of its own (`.once`); returns one Result per statement. Standard error's lines `SCRIPT:LINE:COL: …` (and
    the line and caret after them) go to the statement written on LINE."""
    d = tempfile.mkdtemp(dir=scratch)
    lines, placed = [], []
    for i, s in enumerate(statements):
        out = os.path.join(d, f"{i}.out")
        if not re.match(r"(let|soit)\s+\$|\.", s):
            lines.append(f'.once "{out}"')
        first = len(lines) + 1
        lines += s.split("\n")
        placed.append((range(first, len(lines) + 1), out))
    script = os.path.join(d, "batch.kbq")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    r = subprocess.run([binary, "--kb", kb, "-f", fmt] + list(args) + [script], capture_output=True, env=env, cwd=cwd)
    messages = {}
    current = None
    for line in r.stderr.decode("utf-8", "replace").splitlines():
        m = re.match(re.escape(script) + r":(\d+):\d+: ", line)
        if m:
            current = int(m.group(1))
            messages.setdefault(current, []).append(line)
        elif current is None:
            messages.setdefault(0, []).append(line)
    results = []
    for span, out in placed:
        data = open(out, "rb").read() if os.path.exists(out) else b""
        results.append(Result(data, [m for n in span for m in messages.get(n, [])]))
    check(not messages.get(0), f"a batch of {len(statements)} statements: nothing on standard error outside them", messages.get(0))
    return results


def read_pairs(path):
    """English examples, each followed by French twins; an empty English column is another twin of the one above."""
    pairs, english = [], None
    with open(os.path.join(root, path), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            en, fr = line.split("\t")
            english = en or english
            pairs.append((english, fr))
    return pairs


def twins(pairs, what, errors_allowed=False):
    """Each English statement and each French twin: byte-identical TSV, in English and in French mode, the same
    failure and error column; the English statement too in French mode."""
    english = list(dict.fromkeys(en for en, _ in pairs))
    want = dict(zip(english, batch(english)))
    want_fr = dict(zip(english, batch(english, env=FRENCH)))
    french = [fr for _, fr in pairs]
    got = {"English mode": batch(french), "French mode": batch(french, env=FRENCH)}
    for en in english:
        w = want[en]
        ok = (w.stdout.count(b"\n") >= 1 or re.match(r"let ", en)) and w.notes_only() or (errors_allowed and w.failed)
        check(ok, f"{what}, English: {en}", w.messages)
        g = want_fr[en]
        check(g.stdout == w.stdout and g.failed == w.failed, f"{what}, the English statement in French mode: {en}", g.messages)
    for i, (en, fr) in enumerate(pairs):
        w = want[en]
        for mode, results in got.items():
            g = results[i]
            same = g.stdout == w.stdout and g.failed == w.failed and (g.notes_only() if not w.failed else g.pointed_at(fr) == w.pointed_at(en))
            check(same, f"{what}, {mode}: {fr}", "\n".join(g.messages) + g.stdout.decode()[:300] + "\n--- want:\n" + w.stdout.decode()[:300])


# 1. SPEC §3: the fixture's English column is every SPEC example, in order; each twin gives the same bytes.
pairs = read_pairs("Tests/Fixtures/french/spec-examples.tsv")
with open(os.path.join(root, "queries/spec-examples.kbq"), encoding="utf-8") as f:
    spec = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
check(list(dict.fromkeys(en for en, _ in pairs)) == spec, "the fixture's English column is every SPEC example, in order", spec)
twins(pairs, "SPEC")

# The whole SPEC file, English and French, as scripts in every machine-read mode.
first_twins = [next(fr for e, fr in pairs if e == en) for en in spec]
french_script = "\n".join(first_twins) + "\n"
for fmt in ("tsv", "csv", "json"):
    want = run(["-f", fmt, os.path.join(root, "queries/spec-examples.kbq")])
    got = run(["-f", fmt, "-"], env=FRENCH, stdin=french_script.encode())
    check(want.returncode == 0 and got.returncode == 0 and got.stdout == want.stdout, f"the SPEC examples as one French script, -f {fmt}",
          got.stderr.decode())

# 2. The README's queries (each one is in the fixture) and more: `dans` for within, every keyword and alias.
more = read_pairs("Tests/Fixtures/french/more-examples.tsv")
with open(os.path.join(root, "tools/README.template.md"), encoding="utf-8") as f:
    readme = [m.group(1) for m in re.finditer(r"^@@coopkb (?:-f \w+ )*-e '([^'.][^']*)'", f.read(), re.M)]
english_more = {en for en, _ in more}
check(len(readme) >= 10 and all(q in english_more for q in readme), "every query of the README has French twins in the fixture",
      [q for q in readme if q not in english_more])
twins(more, "README and more", errors_allowed=True)

# 3. Names of the shipped KB that are French keywords stay names where a name stands.
found = list(french_names.matches(binary, kb))
check(len(found) >= 2 and any(i == "chemin" for i, _, _ in found) and any(i == "trier" for i, _, _ in found),
      "tools/french_names.py finds Chemin and Trier among the KB's names", found)
queries = []
for id_, name, word in found:
    written = name if name.lower() == word else id_
    for q in (f"show {written}", f"partners of {written} | count", f"montre {written}", f"partenaires de {written} | compter",
              f"{written} | select id", f"{written} | choisir id"):
        queries.append((id_, q))
for env, lang in ((ENGLISH, "en"), (FRENCH, "fr")):
    for (id_, q), r in zip(queries, batch([q for _, q in queries], env=env)):
        out = r.stdout.decode()
        shows_id = any(w in q for w in ("select", "choisir", "show", "montre"))
        check(not r.messages and out and (id_ in out if shows_id else True), f"{lang}: {q}", "\n".join(r.messages) + out[:200])

# 4. English scripts: the same bytes with no locale, LANG=fr_FR.UTF-8, LC_ALL=fr_CA.UTF-8.
files = sorted(f for f in os.listdir(os.path.join(root, "queries")) if f.endswith(".kbq"))


def all_scripts(env):
    """Every queries/*.kbq in one process, each to its own file (.output), and standard error."""
    d = tempfile.mkdtemp(dir=scratch)
    lines = []
    for q in files:
        lines += [f'.output "{os.path.join(d, q)}.out"', f'.read "{os.path.join(root, "queries", q)}"']
    r = run(["-f", "tsv", "-"], env=env, stdin=("\n".join(lines) + "\n").encode())
    return {q: open(os.path.join(d, q) + ".out", "rb").read() for q in files}, r


want, want_run = all_scripts(ENGLISH)
for extra in ({"LANG": "fr_FR.UTF-8"}, {"LC_ALL": "fr_CA.UTF-8"}):
    got, got_run = all_scripts(dict(ENGLISH, **extra))
    for q in files:
        check(got[q] == want[q] and want[q], f"queries/{q} gives the same TSV with {extra}")
    check(got_run.returncode == want_run.returncode and got_run.stderr.count(b": error:") == want_run.stderr.count(b": error:"),
          f"queries/*.kbq: the same status and errors with {extra}", got_run.stderr.decode()[:500])


# 5. The language: --lang, then COOPKB_LANG, then the first non-empty of LC_ALL, LC_MESSAGES, LANG; English otherwise.
def rows_word(extra, args=()):
    r = run(["-f", "table"] + list(args) + ["-e", "countries | limit 3"], env=dict(ENGLISH, **extra))
    out = r.stdout.decode()
    return "fr" if "(3 lignes)" in out else "en" if "(3 rows)" in out else "?" + out + r.stderr.decode()


for extra, args, want_lang in [
    ({}, (), "en"), ({"LANG": "fr_FR.UTF-8"}, (), "fr"), ({"LANG": "fr"}, (), "fr"), ({"LC_MESSAGES": "fr_CA.UTF-8"}, (), "fr"),
    ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, (), "fr"), ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, (), "en"),
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}, (), "fr"), ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, (), "en"),
    ({"LANG": "fy_NL.UTF-8"}, (), "en"), ({"COOPKB_LANG": "fr"}, (), "fr"), ({"COOPKB_LANG": "en", "LANG": "fr_FR.UTF-8"}, (), "en"),
    ({"LANG": "fr_FR.UTF-8"}, ("--lang", "en"), "en"), ({"COOPKB_LANG": "en"}, ("--lang", "fr"), "fr"), ({}, ("--lang", "fr"), "fr"),
]:
    got_lang = rows_word(extra, args)
    check(got_lang == want_lang, f"language {want_lang} with {extra} {' '.join(args)}", got_lang)
r = run(["-f", "table", "-e", ".lang fr", "-e", "countries | limit 1", "-e", ".lang en", "-e", "countries | limit 2", "-e", ".lang"])
out = r.stdout.decode()
check("(1 ligne)" in out and "(2 rows)" in out and out.endswith("lang: en\n"), ".lang fr, then .lang en, then .lang shows it", out)
r = run(["-e", "countries"], env=dict(ENGLISH, COOPKB_LANG="xx"))
check(r.returncode == 0 and b"COOPKB_LANG=xx" in r.stderr, "an unknown COOPKB_LANG is said and passed over", r.stderr)
r = run(["--lang", "de", "-e", "countries"])
check(r.returncode == 2 and b"unknown language 'de'" in r.stderr, "--lang de is a usage error (status 2)", r.stderr)
r = run(["-e", ".lang de"], env=FRENCH)
check(r.returncode == 1, ".lang de fails (status 1)", r.stderr)

# 6. Row counts in French: 0 and 1 singular; .headers fr names the columns in French, results unchanged.
r = run(["-f", "table", "-e", "countries | limit 0", "-e", "countries | limit 1", "-e", "countries | limit 2"], env=FRENCH)
out = r.stdout.decode()
check("(0 ligne)" in out and "(1 ligne)" in out and "(2 lignes)" in out, "French row counts: (0 ligne), (1 ligne), (2 lignes)", out)
headed = {
    "partnerships of rennes | select a.name, b.country, since, until, themes | limit 3": "a.nom\tb.pays\tdepuis\tjusqu'à\tthèmes",
    "authorities in FR-35 | limit 2": "id\tnom\tgenre\tpays",
    "countries | limit 2": "id\tnom",
    "groups | limit 2": "id\tnom\tmembres\tdérivés",
    "partnerships of rennes | count by b.country | limit 2": "b.pays\tnombre",
    "neighbours of rennes | limit 2": "id\tnom\tgenre\tpays\tdistance",
    "similar to marseille limit 2": "id\tnom\tgenre\tpays\tpartagés\tjaccard",
    "path from rennes to segou": "étape\tid\tnom\tpays\tlien",
    "components | limit 2": "composante\ttaille\tpartenariats\tplus_peuplée\tnom_plus_peuplée\tpivot\tdegré_pivot",
    "show rennes": "champ\tvaleur",
}
statements = list(headed)
plain = batch(statements, env=FRENCH)
fr = batch([".headers fr"] + statements)[1:]
for s, p, f in zip(statements, plain, fr):
    head_plain, head_fr = p.stdout.decode().split("\n")[0], f.stdout.decode().split("\n")[0]
    same_rows = s.startswith("show") or p.stdout.split(b"\n")[1:] == f.stdout.split(b"\n")[1:]
    check(head_fr.startswith(headed[s]) and "\t".join(head_plain.split("\t")[:1]) in ("a.name", "id", "b.country", "step", "component", "field")
          and same_rows, f".headers fr: French column names, the same rows; without it the field ids: {s}", (head_fr, head_plain))

# 7. show: field ids and English labels in tsv whatever the language; French labels in a French table, and
# French labels and field names under .headers fr.
show_en = run(["-f", "tsv", "-e", "show rennes"]).stdout.decode()
show_fr = run(["-f", "tsv", "-e", "montre rennes"], env=FRENCH).stdout.decode()
check(show_en == show_fr and "located in\t" in show_en and "\npartner\t" in show_en, "show in tsv: the same bytes in French mode", show_fr[:400])
table_fr = run(["-f", "table", "-e", "montre rennes", "-e", "montre gp-mali", "-e", "montre FR"], env=FRENCH).stdout.decode()
check(all(w in table_fr for w in ("élément", "collectivité", "situé dans", "partenaire", "adhésion dérivée", "membre", "pays partenaire",
                                  " partenariats", "lignes)")) and "located in" not in table_fr,
      "show in a French table: French labels (élément, situé dans, partenaire, pays partenaire…)", table_fr[:1500])
headers_fr = run(["-f", "tsv", "-e", ".headers fr", "-e", "show FR-35"]).stdout.decode()
check(headers_fr.startswith("champ\tvaleur\n") and "\nnom\tIlle-et-Vilaine" in headers_fr and "contient\t" in headers_fr
      and "collectivités dans FR-35" in headers_fr, "show under .headers fr: champ, valeur, French field names and labels", headers_fr[:600])

# 8. .help in French: every dot-command has its French line; every topic its French text, whose example runs
# and answers what the English example answers.
help_en = run(["-e", ".help"]).stdout.decode()
help_fr = run(["-e", ".help"], env=FRENCH).stdout.decode()
check(help_fr.startswith("Instructions") and "Commandes :" in help_fr and "partenaires de ENSEMBLE" in help_fr, ".help in French", help_fr[:300])
commands_en = [l.split()[0].rstrip(",") for l in help_en.split("Commands:\n", 1)[1].splitlines() if l.startswith(".")]
lines_fr = {l.split()[0].rstrip(","): l for l in help_fr.split("Commandes :\n", 1)[1].splitlines() if l.startswith(".")}
for c in commands_en:
    en_line = next(l for l in help_en.splitlines() if l.startswith(c + " ") or l.startswith(c + ",") or l == c)
    check(c in lines_fr and lines_fr[c] != en_line, f".help in French has a French line for {c}", lines_fr.get(c))
topics = ["authorities", "countries", "groups", "partnerships", "partners", "members", "neighbours", "path", "similar", "components",
          "brief", "union", "where", "sort", "limit", "count", "select", "let", "show", "import", "refs", "keywords"]
marker = ".help zz-end-of-topic"


def helps(words, env):
    """`.help WORD` for each word, in one process: the texts, split at a topic that does not exist."""
    out = run(["-f", "tsv", "-"], env=env, stdin="".join(f".help {w}\n{marker}\n" for w in words).encode()).stdout.decode()
    parts = re.split(r"^(?:pas d'aide sur|no help on) .*zz-end-of-topic.*\n", out, flags=re.M)
    return dict(zip(words, parts))


text_fr, text_en = helps(topics, FRENCH), helps(topics, ENGLISH)
examples = []
for t in topics:
    check(text_fr[t] != text_en[t] and text_fr[t].strip(), f".help {t} in French", text_fr[t])
    fr_ex = [l.split("exemple : ", 1)[1] for l in text_fr[t].split("\n") if "exemple : " in l]
    en_ex = [l.split("example: ", 1)[1] for l in text_en[t].split("\n") if "example: " in l]
    if en_ex and not en_ex[0].startswith("."):
        check(len(fr_ex) == 1, f".help {t}: a French example", text_fr[t])
        examples += [(en_ex[0], f) for f in fr_ex[:1]]
en_runs = batch([e for e, _ in examples])
fr_runs = batch([f for _, f in examples], env=FRENCH)
for (e, f), a, b in zip(examples, en_runs, fr_runs):
    check(not a.failed and not b.failed and a.stdout == b.stdout and (a.stdout or e.startswith("let ")), f"the French example runs as the English one: {f}",
          "\n".join(b.messages)[:400])
found_topics = helps(["trier", "où", "ou", "sauf", "chemin", "dans"], FRENCH)
for word, key in (("trier", "trier par"), ("où", "où COND"), ("ou", "où COND"), ("sauf", "TERME union"), ("chemin", "chemin de"),
                  ("dans", "où COND")):
    check(found_topics[word].startswith(key), f".help {word} finds its topic", found_topics[word][:200])

# The dot-commands with a French topic of their own: each example runs in a scratch folder and makes its file.
command_topics = helps([".map", ".render", ".brief", ".export", ".import"], FRENCH)
work = tempfile.mkdtemp(dir=scratch)
shutil.copytree(os.path.join(root, "docs"), os.path.join(work, "docs"))
for c, text in command_topics.items():
    ex = [l.split("exemple : ", 1)[1] for l in text.split("\n") if "exemple : " in l]
    check(text.startswith(c + " ") and len(ex) == 1, f".help {c} in French, with an example", text[:300])
    if ex:
        r = run(["-e", ex[0]], env=FRENCH, cwd=work)
        made = ex[0].split()[2] if c == ".export" else ex[0].split()[1] if c != ".import" else None
        check(r.returncode == 0 and (made is None or os.path.exists(os.path.join(work, made))), f"the French example runs: {ex[0]}",
              r.stderr.decode()[:400])

# 9. docs/langage.md: every statement of its ```kbq blocks runs on the shipped KB without an error.
with open(os.path.join(root, "docs/langage.md"), encoding="utf-8") as f:
    blocks = re.findall(r"```kbq\n(.*?)```", f.read(), re.S)
doc_statements = []
for b in blocks:
    for line in b.splitlines():
        if line.startswith((" ", "\t")) and doc_statements:
            doc_statements[-1] += "\n" + line  # a statement continued on the next line
        elif line.strip() and not line.startswith("#"):
            doc_statements.append(line)
check(len(doc_statements) >= 30, f"docs/langage.md has French examples ({len(doc_statements)})")
for s, r in zip(doc_statements, batch(doc_statements, env=FRENCH, cwd=work)):
    check(not r.failed, f"docs/langage.md: {s}", "\n".join(r.messages)[:400])

# 10. Dot-command arguments that are keywords take their French spelling too: .measures limite N.
# The report is worded in the session's language, with the same figures (French grouping: U+202F).
fr_measures, en_measures = run(["-e", ".measures limite 5000"], env=FRENCH), run(["-e", ".measures limit 5000"])
fr_text, en_text = fr_measures.stdout.decode(), en_measures.stdout.decode()
check(fr_measures.returncode == 0 and en_measures.returncode == 0 and "past the exact limit of 5000" in en_text
      and "au-delà de la limite exacte de 5\u202f000" in fr_text and fr_text.startswith("graphe des partenariats : ")
      and [int(x) for x in re.findall(r"\d+", en_text.split(";")[0])] == [int(x.replace("\u202f", "")) for x in re.findall(r"\d+(?:\u202f\d{3})*", fr_text.split(";")[0])],
      ".measures limite 5000 is .measures limit 5000, worded in French", fr_text + en_text)

shutil.rmtree(scratch, ignore_errors=True)
common.finish()
