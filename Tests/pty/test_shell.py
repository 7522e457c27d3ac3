#!/usr/bin/env python3
"""Drives the real coopkb shell through a pseudo-terminal, typing keys and reading the screen as a person
would: a query answered, Tab completion of names, a statement on two lines, Ctrl-C at the prompt and during a
long query, history kept across runs with mode 0600, Ctrl-D leaving with status 0.
Usage: python3 Tests/pty/test_shell.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import re
import stat
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

binary = common.BINARY


check = common.check


class Shell(common.Shell):
    """A coopkb process on a pseudo-terminal, on a KB."""

    def __init__(self, kb, env, columns=100):
        super().__init__(binary, ["--kb", kb], env, columns)


tmp = tempfile.mkdtemp(prefix="coopkb-pty-")
kb = os.path.join(tmp, "kb")
os.mkdir(kb)
with open(os.path.join(kb, "a.kb"), "w", encoding="utf-8") as f:
    f.write("""country FR "France"
country ML "Mali"
authority FR-34 "Hérault" kind=departement country=FR
authority FR-38 "Isère" kind=departement country=FR
authority saint-egreve "Saint-Égrève" kind=commune country=FR parent=FR-38
authority saint-etienne "Saint-Étienne" kind=commune country=FR
authority montpellier "Montpellier" kind=commune country=FR parent=FR-34 population=302454
authority segou "Ségou" kind=commune country=ML
authority bamako "Bamako" kind=commune country=ML
authority ca-long "Communauté d'agglomération du Pays de Saint-Omer et des villages alentour" kind=intercommunalite country=FR
authority ML-4 "Ségou" kind=region country=ML
authority timbuktu "Timbuktu" kind=municipality country=ML match="Tombouctou"
authority valence-34 "Valence" kind=commune country=FR parent=FR-34
authority valence-38 "Valence" kind=commune country=FR parent=FR-38
partnership montpellier segou since=1990
partnership saint-etienne bamako
""")
# A large KB for a query long enough to interrupt: a chain of 400,000 partnerships.
big = os.path.join(tmp, "big")
os.mkdir(big)
with open(os.path.join(big, "big.kb"), "w") as f:
    f.write('country FR "France"\n')
    n = 400_000
    for i in range(n):
        f.write(f'authority a{i} "A {i}" kind=commune country=FR\n')
    for i in range(n - 1):
        f.write(f"partnership a{i} a{i + 1}\n")
home = os.path.join(tmp, "home")
os.mkdir(home)
history = os.path.join(home, "history")
env = common.shell_env(home)

# 1. A query answered; Tab completion; a statement on two lines; Ctrl-C at the prompt; Ctrl-D.
sh = Shell(kb, env)
check(sh.wait_for(r"coopkb> "), "the shell starts with a banner and the prompt", sh.text())
check("12 authorities" in sh.text() and "problem" not in sh.text(), "the banner gives the KB's counts", sh.text())
sh.mark()
sh.type("partners of montpellier\r", 1.0)
check(sh.wait_for(r"segou\s+\|\s+Ségou") and "(1 row)" in sh.text(), "a query is answered", sh.text())
sh.mark()
sh.type("show Hér")
sh.type("\t", 0.5)
check(sh.wait_for(r"show \"?Hérault"), "Tab completes Hér to Hérault", sh.text())
sh.type("\r", 0.8)
check(sh.wait_for(r"departement"), "the completed name resolves", sh.text())
sh.mark()
sh.type("partners of saint-e")
sh.type("\t\t", 0.8)
check(sh.wait_for(r"Égrève") and "Étienne" in sh.text(), "Tab on `partners of saint-e` lists the candidates", sh.text())
sh.type(b"\x15", 0.2)  # Ctrl-U: clear the line
sh.mark()
sh.type("partners of saint e")
sh.type("\t\t", 0.8)
check(sh.wait_for(r"Saint-Égrève\s+Saint-Étienne"), "Tab on `partners of saint e` (blanks for hyphens) lists both", sh.text())
sh.type(b"\x15", 0.2)
sh.mark()
sh.type("partners of saint-egr\t", 0.5)
sh.type("\r", 0.8)
check(sh.wait_for(r"(?s)Saint-Égrève .*\(0 rows\)"), "Tab completes `saint-egr` to the bare word Saint-Égrève, which runs", sh.text())
sh.mark()
sh.type("partners of segou\r", 0.8)
check(sh.wait_for(r"note: 'segou' is the id of segou \(commune, Mali\); also called \"segou\": ML-4 \(region, Mali\)")
      and sh.wait_for(r"montpellier\s+\|\s+Montpellier"),
      "in the shell too, a homonym note is shown and the statement runs on the id", sh.text())
sh.mark()
sh.type("show tombou\t", 0.5)
check(sh.wait_for(r"timbuktu \(Timbuktu, Mali\)") and sh.wait_for(r"show timbuktu "),
      "Tab on an exonym (tombou) puts the id on the line and shows it with its name", sh.text())
sh.type(b"\x15", 0.2)
sh.mark()
sh.type("show valence-")
sh.type("\t\t", 0.8)
check(sh.wait_for(r"valence-34 \(Valence, Hérault\)\s+valence-38 \(Valence, Isère\)"),
      "a Tab listing shows each id with its name and place, so homonyms can be told apart", sh.text())
sh.type(b"\x15", 0.2)
sh.mark()
sh.type("countries | where zo\t", 0.5)
check(sh.wait_for(r"where zone "), "Tab after `where` completes a field of the rows queried", sh.text())
sh.type(b"\x15", 0.2)
sh.mark()
sh.type(".mode ts\t", 0.5)
check(sh.wait_for(r"\.mode tsv "), "Tab after `.mode` completes a mode name", sh.text())
sh.type(b"\x15", 0.2)
sh.mark()
sh.resize(50)
sh.type("ca-long | select id, name, kind\r", 0.8)
sh.wait_for(r"\(1 row\)")
wide = [l for l in sh.text().splitlines() if l.startswith(" ca-long |")]
check(wide and "…" in wide[0] and len(wide[0]) <= 50,
      "a table is cut to the terminal's width, long cells ending with …", sh.text())
sh.resize(100)
sh.mark()
sh.type("partners of\r", 0.5)
check(sh.wait_for(r"\.\.\.> "), "an incomplete statement gets the continuation prompt", sh.text())
sh.type("saint-etienne\r", 0.8)
check(sh.wait_for(r"bamako"), "the statement continued on a second line runs", sh.text())
sh.mark()
sh.type("countries | cou")
sh.type(b"\x03", 0.5)  # Ctrl-C abandons the line
sh.type("countries | count\r", 0.8)
check(sh.wait_for(r"\n\s*2\s*\n") and "coucountries" not in sh.text(), "Ctrl-C clears the line being typed", sh.text())
sh.type(b"\x04", 0.3)  # Ctrl-D leaves
status = sh.finish()
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "Ctrl-D leaves with status 0", str(status))

# 2. History kept across two runs, mode 0600, no consecutive duplicates.
check(os.path.exists(history) and stat.S_IMODE(os.stat(history).st_mode) == 0o600, "the history file is written with mode 0600",
      oct(os.stat(history).st_mode) if os.path.exists(history) else "missing")
sh = Shell(kb, env)
sh.wait_for(r"coopkb> ")
check("warning" not in sh.text(), "the history file reads back without a warning", sh.text())
sh.mark()
sh.type(b"\x1b[A", 0.5)  # Up arrow: the last statement
check(sh.wait_for(r"countries \| count"), "the previous run's statement comes back with Up", sh.text())
sh.type(b"\x15", 0.2)
sh.type("countries | count\r", 0.5)
sh.type("countries | count\r", 0.5)
sh.type(b"\x04", 0.3)
sh.finish()
with open(history, encoding="utf-8", errors="replace") as f:
    lines = [l for l in f.read().splitlines() if "countries" in l]
check(len(lines) == 1, "no consecutive duplicates in the history", repr(lines))

# 3. Ctrl-C during a long query returns to the prompt with the terminal intact.
sh = Shell(big, env)
check(sh.wait_for(r"coopkb> ", 60), "the shell starts on a KB of 400,000 partnerships", sh.text()[-300:])
sh.mark()
sh.type("path from a0 to a399999\r", 1.0)
start = time.time()
sh.type(b"\x03", 0.2)
stopped = sh.wait_for(r"interrupted", 20)
check(stopped, "Ctrl-C during a long query stops it", sh.text()[-300:])
check(sh.wait_for(r"coopkb> ", 10), "and returns to the prompt", sh.text()[-300:])
sh.mark()
sh.type("a5 | select id\r", 1.0)
check(sh.wait_for(r"(?s)\ba5\b.*\(1 row\)", 10), "the terminal is intact: the next query is answered", sh.text())
sh.type(b"\x04", 0.3)
status = sh.finish()
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "Ctrl-D leaves with status 0 after an interruption", str(status))

# 4. A history file that is garbage or cannot be written: one warning, and the shell goes on.
with open(history, "wb") as f:
    f.write(b"\x00\xff garbage \n\x80\x81")
sh = Shell(kb, env)
check(sh.wait_for(r"coopkb> "), "a garbage history file does not stop the shell", sh.text())
sh.type("countries | count\r", 0.8)
check(sh.wait_for(r"\(1 row\)"), "and it answers", sh.text())
sh.type(b"\x04", 0.3)
sh.finish()
env2 = dict(env, COOPKB_HISTORY=os.path.join(tmp, "no-such-dir", "history"))
sh = Shell(kb, env2)
sh.wait_for(r"coopkb> ")
sh.type("countries | count\r", 0.8)
sh.type(b"\x04", 0.5)
status = sh.finish()
check(sh.text().count("cannot write the history") == 1 and status is not None and os.WEXITSTATUS(status) == 0,
      "an unwritable history file gives one warning and the shell ends normally", sh.text())

# 5. Accented input is kept without any locale in the environment (the shell sets a UTF-8 one).
bare_env = {k: v for k, v in env.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE")}
sh = Shell(kb, bare_env)
sh.wait_for(r"coopkb> ")
sh.mark()
sh.type("show Ségou\r", 1.0)
check(sh.wait_for(r"show Ségou") and sh.wait_for(r"commune") and "\\303" not in sh.text(),
      "accented input is kept with no locale set", sh.text())
sh.type(b"\x04", 0.3)
sh.finish()

# 6. A KB with problems: the shell starts on what loaded, and its banner says how many and how to list them.
broken = os.path.join(tmp, "broken")
os.mkdir(broken)
with open(os.path.join(broken, "b.kb"), "w", encoding="utf-8") as f:
    f.write('country FR "France"\nauthority x "X" kind=commune country=ZZ\nauthority y "Y" kind=commune country=FR\n')
sh = Shell(broken, env)
check(sh.wait_for(r"coopkb> ") and re.search(r"1 problem\b.*\.check", sh.text()) is not None,
      "a KB with problems: the banner gives their number and .check", sh.text())
sh.type(b"\x04", 0.3)
status = sh.finish()
check(status is not None and os.WEXITSTATUS(status) == 0, "and Ctrl-D still leaves with status 0", str(status))

common.finish()
