#!/usr/bin/env python3
"""The shell's tools, driven through a pseudo-terminal with real programs: every row in .output and .once
files whatever the terminal's cap, the pager (a real `less`, q and Ctrl-C), .pager off, .edit with EDITOR
set to a script, .save/.run/.saved, ~/.coopkbrc, a line starting with | at the prompt.
Usage: python3 Tests/pty/test_shell_tools.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import re
import shutil
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

binary = common.BINARY
root = common.ROOT
kb = os.path.join(root, "Tests", "Fixtures", "kb")


check = common.check


tmp = tempfile.mkdtemp(prefix="coopkb-tools-")
home = os.path.join(tmp, "home")
os.mkdir(home)
work = os.path.join(tmp, "work")
os.mkdir(work)
os.chdir(work)
env = common.shell_env(home, XDG_CONFIG_HOME=os.path.join(tmp, "config"))
if not shutil.which("less", path=env["PATH"]):
    print("FAIL  less is not installed (make test-deps installs it)")
    sys.exit(1)


def start(extra=None, columns=100, rows=40):
    return common.start(["--kb", kb], dict(env, **(extra or {})), columns=columns, rows=rows, seconds=20)


def leave(sh):
    return sh.leave()


# 1. The terminal's row cap and cell cutting stay on the terminal: .output and .once files get everything.
sh = start(columns=60)
sh.type(".pager off\r")
sh.type(".maxrows 10\r")
sh.mark()
sh.type("authorities | select id, name, kind, country, population, region\r")
check(sh.wait_for(r"… 26 more rows") and sh.wait_for(r"\(36 rows\)"), "on the terminal, table mode shows .maxrows rows", sh.text())
sh.type(".output all.txt\r")
sh.type("authorities | select id, name, kind, country, population, region\r")
sh.type(".output\r")
sh.mark()
sh.type(".once once.txt\r")
sh.type("countries\r")
sh.type("groups | count\r")
check(sh.wait_for(r"(?s)count.*\b4\b.*\(1 row\)"), "after .once's result, output is back on the terminal", sh.text())
sh.type(".output book.xlsx\r")
sh.type("authorities | select id, name, population\r")
leave(sh)
try:
    import openpyxl
    book = openpyxl.load_workbook("book.xlsx")
    check(book.worksheets[0].max_row == 37, "a workbook open with .output is written when the shell ends", book.sheetnames)
except Exception as e:  # noqa: BLE001 (the check says what went wrong)
    check(False, "a workbook open with .output is written when the shell ends", repr(e))
sh = start(columns=60)
sh.type(".pager off\r")
sh.mark()
sh.type(".mode xlsx\r")
sh.type("countries\r")
check(sh.wait_for(r"xlsx is a binary workbook and standard output is a terminal"), "xlsx to the terminal is refused with a way forward", sh.text())
leave(sh)
with open("all.txt", encoding="utf-8") as f:
    text = f.read()
body = [l for l in text.splitlines()[2:] if l.startswith(" ") and "|" in l]
check(len(body) == 36 and "more rows" not in text and "…" not in text and "(36 rows)" in text,
      "a table written by .output holds every row, every cell whole", text)
check("Baden-Württemberg" in text and "Auvergne-Rhône-Alpes" in text, "and long names are not cut to the 60-column terminal", text)
with open("once.txt", encoding="utf-8") as f:
    once = f.read()
check("(11 rows)" in once and "count" not in once, ".once FILE holds the next result only", once)

# 2. The pager: a real less, on by default at a terminal, for results taller than the screen.
sh = start(rows=20)
sh.mark()
sh.type("authorities\r", 0.8)
check(sh.wait_for(r"agadir"), "a tall result starts in the pager", sh.text())
sh.read(0.5)
check("(36 rows)" not in sh.text() and "coopkb> " not in sh.text(), "the pager shows the first screen and waits", sh.text())
sh.mark()
sh.type("G", 0.5)
check(sh.wait_for(r"\(36 rows\)"), "G in less goes to the end: every row is there, with no cap", sh.text())
sh.mark()
sh.type("q", 0.5)
check(sh.wait_for(r"coopkb> "), "q leaves the pager for the prompt", sh.text())
sh.mark()
sh.type("countries | count\r")
check(sh.wait_for(r"(?s)\b11\b.*\(1 row\)"), "a short result is printed without the pager", sh.text())
sh.mark()
sh.type("authorities\r", 0.8)
sh.wait_for(r"agadir")
sh.mark()
sh.type(b"\x03", 0.5)
check(sh.wait_for(r"coopkb> ", 10), "Ctrl-C in the pager returns to the prompt", sh.text())
sh.mark()
sh.type("groups | count\r")
check(sh.wait_for(r"(?s)\b4\b.*\(1 row\)"), "and the shell answers the next query", sh.text())
sh.mark()
sh.type(".pager off\r")
sh.type("authorities\r", 0.8)
check(sh.wait_for(r"\(36 rows\)") and sh.wait_for(r"coopkb> "), ".pager off prints the result directly", sh.text())
status = leave(sh)
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "the shell leaves with status 0 after paging", str(status))

# 3. .edit: EDITOR is a script that edits the last statement; what it saves runs.
editor = os.path.join(tmp, "editor.sh")
with open(editor, "w") as f:
    f.write("#!/bin/sh\nsed -i 's/limit 1/limit 2/' \"$1\"\n")
os.chmod(editor, 0o755)
writer = os.path.join(tmp, "writer.sh")
with open(writer, "w") as f:
    f.write("#!/bin/sh\nprintf 'countries | where id = ML | select id, name\\n' > \"$1\"\n")
os.chmod(writer, 0o755)
failing = os.path.join(tmp, "failing.sh")
with open(failing, "w") as f:
    f.write("#!/bin/sh\nexit 3\n")
os.chmod(failing, 0o755)
sh = start({"EDITOR": editor})
sh.type("countries | limit 1\r")
sh.mark()
sh.type(".edit\r", 0.8)
check(sh.wait_for(r"(?s)Allemagne.*Burkina Faso.*\(2 rows\)"), ".edit opens $EDITOR on the last statement and runs what it saved", sh.text())
sh.mark()
sh.type(b"\x1b[A", 0.5)
check(sh.wait_for(r"countries \| limit 2"), "the edited statement is in the history (Up)", sh.text())
sh.type(b"\x15")
leave(sh)
sh = start({"VISUAL": writer, "EDITOR": failing})
sh.mark()
sh.type(".edit\r", 0.8)
check(sh.wait_for(r"(?s)ML\s*\|\s*Mali.*\(1 row\)"), "$VISUAL comes before $EDITOR; with no statement yet, a new one is written", sh.text())
leave(sh)
sh = start({"EDITOR": failing})
sh.mark()
sh.type(".edit\r", 0.8)
check(sh.wait_for(r"ended with status 3; nothing was run"), "an editor that fails runs nothing and says so", sh.text())
leave(sh)

# 4. Saved queries: .save with parameters, .run, .saved, kept in $XDG_CONFIG_HOME/coopkb/saved.kbq.
saved = os.path.join(tmp, "config", "coopkb", "saved.kbq")
sh = start()
sh.mark()
sh.type("partners of $1 | where country = $2 | select id, name\r")
check(sh.wait_for(r"\$\d is a parameter of a saved query"), "a statement with $1 says how to save it", sh.text())
sh.mark()
sh.type(".save partners-in\r")
check(sh.wait_for(r"saved 'partners-in' with 2 parameters"), ".save NAME keeps the last statement", sh.text())
sh.mark()
sh.type(".run partners-in rennes ML\r")
check(sh.wait_for(r"(?s)segou\s*\|\s*Ségou.*\(1 row\)"), ".run NAME ARGS… runs it with $1 and $2 replaced", sh.text())
sh.mark()
sh.type('.run partners-in "Rennes" FR\r')
check(sh.wait_for(r"(?s)brest\s*\|\s*Brest.*\(1 row\)"), "an argument may be a quoted name", sh.text())
sh.mark()
sh.type(".run partners-in rennes\r")
check(sh.wait_for(r"takes \$1 \$2 and was given 1 argument"), "a missing argument is an error that shows the usage", sh.text())
sh.mark()
sh.type(".saved\r")
check(sh.wait_for(r"partners-in\s+partners of \$1 \| where country = \$2 \| select id, name \(\$1 \$2\)"), ".saved lists the saved queries", sh.text())
sh.mark()
sh.type(".run part\t", 0.5)
check(sh.wait_for(r"\.run partners-in "), "Tab after .run completes a saved query's name", sh.text())
sh.type(b"\x15")
sh.mark()
sh.type(".save partners-in\r")
check(sh.wait_for(r"saved already"), "a name already saved is not overwritten", sh.text())
leave(sh)
with open(saved, encoding="utf-8") as f:
    content = f.read()
check("# name: partners-in\npartners of $1 | where country = $2 | select id, name\n" in content, "saved.kbq is a plain query file", content)
with open(saved, "a", encoding="utf-8") as f:
    f.write("\n# name: mali\n# written by hand\ncountries\n  | where id = ML\n")
sh = start()
sh.mark()
sh.type(".run mali\r")
check(sh.wait_for(r"(?s)ML\s*\|\s*Mali.*\(1 row\)"), "a query added to the file by hand runs, over two lines", sh.text())
leave(sh)

# 5. ~/.coopkbrc runs when the shell starts; its errors name it with line and column.
with open(os.path.join(home, ".coopkbrc"), "w", encoding="utf-8") as f:
    f.write("# my settings\n.mode csv\n.nosuch\n")
sh = start()
check(sh.wait_for(re.escape(os.path.join(home, ".coopkbrc")) + r":3:1: error: unknown command '\.nosuch'"),
      "an error in ~/.coopkbrc names the file, line and column", sh.text())
sh.mark()
sh.type("countries | where id = ML\r")
check(sh.wait_for(r"id,name\s*\nML,Mali"), "~/.coopkbrc's .mode csv is in force at the prompt", sh.text())
leave(sh)
os.unlink(os.path.join(home, ".coopkbrc"))

# 6. A line starting with | continues the statement before it at the prompt.
sh = start()
sh.type(".pager off\r")
sh.type("partners of rennes\r")
sh.mark()
sh.type("| where country = ML\r")
check(sh.wait_for(r"(?s)segou.*\(1 row\)") and "brest" not in sh.text(), "| where … at the prompt continues the last statement", sh.text())
sh.mark()
sh.type("| count\r")
check(sh.wait_for(r"(?s)count.*\b1\b.*\(1 row\)"), "and it continues again", sh.text())
leave(sh)

common.finish()
