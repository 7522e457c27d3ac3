#!/usr/bin/env python3
"""A French session of the real coopkb shell on a pseudo-terminal, on the shipped KB, with LANG=fr_FR.UTF-8:
the banner in French with French grouping (U+202F), a query in French answered with "(N lignes)", an error in
French with its line and caret under the right column, `.help` in French, Tab offering a French keyword,
`.lang en` switching back, Ctrl-D leaving with status 0.
Usage: python3 Tests/pty/test_french_shell.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

binary = common.BINARY
root = common.ROOT


check = common.check


home = tempfile.mkdtemp(prefix="coopkb-pty-fr-")
env = common.shell_env(home, lang="fr_FR.UTF-8")
sh = common.start(["--kb", os.path.join(root, "kb")], env)
check("coopkb> " in sh.text(), "the shell starts with the prompt", sh.text())
banner = sh.text()
check(re.search(r"coopkb — \d+ pays, \d{1,3}(\u202f\d{3})+ collectivités, \d{1,3}(\u202f\d{3})* partenariats", banner)
      and ".help pour l'aide, Tab complète, Ctrl-C arrête une requête, Ctrl-D quitte" in banner,
      "the banner is French, thousands grouped with U+202F (40 958)", banner)

sh.mark()
sh.type("partenaires de rennes | où pays = ML | trier par nom | limite 2\r", 1.0)
check(sh.wait_for(r"(?s)Bandiagara.*\(1 ligne\)|\(2 lignes\)"), "a query in French is answered, with its French row count", sh.text())

sh.mark()
sh.type("partenaires de rennes | limite dix\r", 1.0)
check(sh.wait_for(r"un nombre entier est attendu après 'limite', trouvé 'dix'"), "an error in French", sh.text())
lines = sh.text().split("\n")
at = [i for i, l in enumerate(lines) if l.rstrip().endswith("partenaires de rennes | limite dix") and "error" not in l]
caret = lines[at[-1] + 1] if at and at[-1] + 1 < len(lines) else ""
check(":1:32: error:" in sh.text() and caret.index("^") - lines[at[-1]].index("partenaires") == 31 if "^" in caret else False,
      "the error has its position (1:32, as in English) and the caret under 'dix'", sh.text())

sh.mark()
sh.type(".help\r", 1.0)
check(sh.wait_for(r"(?s)Instructions .*partenaires de ENSEMBLE.*Commandes :"), ".help is French", sh.text())

sh.mark()
sh.type("partenaires de rennes | tri\t", 0.8)
check(sh.wait_for(r"\| trier par"), "Tab completes 'tri' to the French stage 'trier par'", sh.text())
sh.type(b"\x15", 0.2)

sh.mark()
sh.type(".lang en\r", 0.5)
sh.type("partners of rennes | where country = ML | limit 1\r", 1.0)
check(sh.wait_for(r"\(1 row\)"), ".lang en: row counts in English again", sh.text())

status = sh.leave()
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "Ctrl-D leaves with status 0", str(status))
common.finish()
