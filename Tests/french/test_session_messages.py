#!/usr/bin/env python3
"""The session's problems and notices in French, through the real binary (LANG=fr_FR.UTF-8), and the same runs in
English word for word as before: `.read` of a missing file, `--kb` of a missing directory, `.output` into a
directory, a FILE argument that cannot be read, the load summary of `.reload`, `Run Time`, `.save` without a
statement, an unknown COOPKB_LANG, a KB file's "more problems not shown" line. Positions and exit codes are the same in both languages.

Usage: python3 Tests/french/test_session_messages.py [path/to/coopkb]
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/coopkb"))
KB = os.path.join(ROOT, "Tests/Fixtures/kb")
failures = 0
checks = 0


def run(lang, args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "COOPKB_LANG", "LANGUAGE")}
    env["LANG"] = lang
    env["HOME"] = HOME
    env.pop("XDG_CONFIG_HOME", None)
    p = subprocess.run([BIN] + args, capture_output=True, env=env, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check(label, ok, detail=""):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print(f"FAIL {label}: {detail}")


HOME = tempfile.mkdtemp(prefix="coopkb-fr-messages-")
missing = os.path.join(HOME, "absent.kbq")
# (label, arguments, exit status, English stderr lines, French stderr lines); each line must appear, in order.
CASES = [
    (".read of a missing file", ["--kb", KB, "-e", f".read {missing}"], 1,
     [f"<execute>:1:1: error: cannot read '{missing}': no such file"],
     [f"<execute>:1:1: error: impossible de lire '{missing}' : ce fichier n'existe pas"]),
    ("--kb of a missing directory", ["--kb", os.path.join(HOME, "nokb"), "-e", "countries"], 2,
     [f"coopkb: error: cannot read KB '{HOME}/nokb': No such file or directory"],
     [f"coopkb: error: impossible de lire la base '{HOME}/nokb' : aucun fichier ou dossier de ce nom"]),
    (".output into a directory", ["--kb", KB, "-e", f".output {HOME}"], 1,
     [f"<execute>:1:1: error: '{HOME}' exists and would be overwritten; remove it first or choose another name"],
     [f"<execute>:1:1: error: '{HOME}' existe et serait écrasé ; supprimez-le d'abord ou choisissez un autre nom"]),
    ("a FILE of statements that cannot be read", ["--kb", KB, missing], 2,
     [f"coopkb: error: cannot read '{missing}': No such file or directory"],
     [f"coopkb: error: impossible de lire '{missing}' : aucun fichier ou dossier de ce nom"]),
    (".save before any statement", ["--kb", KB, "-e", ".save x"], 1,
     ["<execute>:1:1: error: nothing to save yet: run a statement first (it may use $1, $2 … as parameters)"],
     ["<execute>:1:1: error: rien à garder pour l'instant : lancez d'abord une instruction (elle peut contenir $1, $2 … comme paramètres)"]),
]

for label, args, status, english, french in CASES:
    for lang, want in (("C.UTF-8", english), ("fr_FR.UTF-8", french)):
        code, out, err = run(lang, args)
        check(f"{label} ({lang}): exit {status}", code == status, f"exit {code}, stderr {err!r}")
        check(f"{label} ({lang}): nothing on standard output", out == "", repr(out))
        lines = err.split("\n")
        check(f"{label} ({lang}): message", all(w in lines for w in want), f"wanted {want!r}, got {err!r}")

# The load summary and Run Time: French words and grouping, English as before.
code, out, err = run("fr_FR.UTF-8", ["--kb", KB, "-e", ".reload", "-e", ".timer on", "-e", "countries | count"])
check(".reload in French: the load summary", re.search(r"^chargé : 11 pays, 36 collectivités, 26 partenariats, 4 groupes, 14 adhésions en \d+ ms$", err, re.M) is not None, repr(err))
check(".timer in French: Durée with a decimal comma", re.search(r"^Durée : \d+,\d{3} ms$", err, re.M) is not None, repr(err))
check("the result is the same in French", out == "count\n11\n", repr(out))
code, out, err = run("C.UTF-8", ["--kb", KB, "-e", ".reload", "-e", ".timer on", "-e", "countries | count"])
check(".reload in English: the load summary", re.search(r"^loaded 11 countries, 36 authorities, 26 partnerships, 4 groups, 14 memberships in \d+ ms$", err, re.M) is not None, repr(err))
check(".timer in English: Run Time", re.search(r"^Run Time: \d+\.\d{3} ms$", err, re.M) is not None, repr(err))
check("the result in English", out == "count\n11\n", repr(out))

# Warnings of the command line and the KB's "more problems" line: French words and grouping, English as before.
for lang, want in (("C.UTF-8", "coopkb: warning: COOPKB_LANG=de is not a language coopkb speaks (en or fr); the locale decides"),
                   ("fr_FR.UTF-8", "coopkb: warning: COOPKB_LANG=de n'est pas une langue que coopkb parle (en ou fr) ; la locale décide")):
    env_code = subprocess.run([BIN, "--kb", KB, "-e", "countries | count"], capture_output=True, timeout=120,
                              env=dict({k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")},
                                       LANG=lang, COOPKB_LANG="de", HOME=HOME))
    err = env_code.stderr.decode()
    check(f"an unknown COOPKB_LANG ({lang}): the warning", want in err.split("\n"), repr(err))
    check(f"an unknown COOPKB_LANG ({lang}): the locale decides, the result is unchanged", env_code.returncode == 0 and env_code.stdout == b"count\n11\n", repr(env_code.stdout))
bad = os.path.join(HOME, "badkb")
os.makedirs(bad, exist_ok=True)
with open(os.path.join(bad, "bad.kb"), "w") as f:
    f.write("".join("frobnicate x%d\n" % i for i in range(1234)))
for lang, want in (("C.UTF-8", "coopkb: %s/bad.kb: 1,134 more problems not shown (1,234 in this file); fix these first" % bad),
                   ("fr_FR.UTF-8", "coopkb: %s/bad.kb : 1\u202f134 autres problèmes non affichés (1\u202f234 dans ce fichier) ; corrigez d'abord ceux-ci" % bad)):
    code, out, err = run(lang, ["--kb", bad, "--check"])
    check(f"a KB file with 1,234 problems ({lang}): exit 2", code == 2, f"exit {code}")
    check(f"a KB file with 1,234 problems ({lang}): the line of the ones not shown", want in err.split("\n"), repr(err[-400:]))

print(f"session messages: {checks - failures}/{checks} checks passed")
sys.exit(1 if failures else 0)
