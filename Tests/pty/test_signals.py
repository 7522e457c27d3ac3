#!/usr/bin/env python3
"""Signals and files at the edge of the interactive shell, through a real pseudo-terminal (pexpect):
Ctrl-C typed straight after a half line, 100 times on a fresh shell (the prompt must come back every time),
Ctrl-C during `.load`, Ctrl-\\ (SIGQUIT), a KB file cut short while the shell has it mapped, and a history
path that is a symbolic link or a FIFO. Every wait is for text on the screen or a file, never a fixed sleep.
Usage: python3 Tests/pty/test_signals.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import shutil
import stat
import sys
import tempfile
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

binary = common.BINARY
TRIALS = int(os.environ.get("COOPKB_CTRL_C_TRIALS", "100"))


check = common.check


tmp = tempfile.mkdtemp(prefix="coopkb-signals-")
kb = os.path.join(tmp, "kb")
os.mkdir(kb)
with open(os.path.join(kb, "a.kb"), "w", encoding="utf-8") as f:
    f.write('country FR "France"\ncountry ML "Mali"\n'
            'authority rennes "Rennes" kind=commune country=FR\nauthority segou "Ségou" kind=commune country=ML\n'
            'partnership rennes segou since=1988\n')
home = os.path.join(tmp, "home")
os.mkdir(home)
env = common.shell_env(home)
PROMPT = "coopkb> "


def spawn(kbpath=kb, environment=env, timeout=60):
    return pexpect.spawn(binary, ["--kb", kbpath], env=environment, timeout=timeout, encoding="utf-8",
                         codec_errors="replace", dimensions=(40, 120))


def leave(sh):
    """Ctrl-D (at a prompt: the caller has waited for it); returns the exit status (None if the shell did not leave)."""
    global ctrl_d_again
    try:
        sh.sendcontrol("d")
        try:
            sh.expect(pexpect.EOF, timeout=15)
        except pexpect.TIMEOUT:
            # Counted and reported: a second Ctrl-D, as a person would press (see the report of issue 15).
            ctrl_d_again += 1
            sh.sendcontrol("d")
            sh.expect(pexpect.EOF, timeout=15)
    except (pexpect.TIMEOUT, OSError):
        sh.terminate(force=True)
        return None
    sh.close()
    return sh.exitstatus


ctrl_d_again = 0


# 1. A fresh shell, a half-typed line, Ctrl-C with no pause: the prompt comes back, every time.
frozen = []
exit_lost = []
t0 = time.time()
for trial in range(TRIALS):
    sh = spawn()
    try:
        sh.expect_exact(PROMPT)
        sh.send("partners of xyz-half-typed")
        sh.sendcontrol("c")
        sh.expect_exact(PROMPT, timeout=30)
        sh.send("countries | count\r")
        sh.expect(r"\b2\b[\s\S]*\(1 row\)", timeout=30)
        sh.expect_exact(PROMPT, timeout=30)
        status = leave(sh)
        if status != 0:
            # The Ctrl-C was handled (prompt back, query answered); the exit is counted apart (see the report).
            exit_lost.append((trial, "status %r" % status))
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        frozen.append((trial, "%s; screen: %r" % (type(e).__name__, (sh.before or "")[-200:])))
        sh.terminate(force=True)
check(not frozen, "Ctrl-C straight after a half line on a fresh shell: the prompt came back in %d of %d trials (%.0f s; "
      "Ctrl-D needed twice %d times, did not end the shell %d times: %r)"
      % (TRIALS - len(frozen), TRIALS, time.time() - t0, ctrl_d_again, len(exit_lost), exit_lost[:3]), frozen[:5])

# 2. Ctrl-C at once while the shell starts: typed before the first prompt.
lost = 0
for trial in range(10):
    sh = spawn()
    sh.send("countries")
    sh.sendcontrol("c")
    try:
        sh.expect_exact(PROMPT, timeout=30)
        sh.send("countries | count\r")
        sh.expect(r"\(1 row\)", timeout=30)
        leave(sh)
    except (pexpect.TIMEOUT, pexpect.EOF):
        # Ctrl-C during the load ends the process with status 130, which is also right; a hang is not.
        if sh.isalive():
            lost += 1
        sh.terminate(force=True)
        sh.close()
        if sh.exitstatus not in (None, 130) and sh.signalstatus is None:
            lost += 1
check(lost == 0, "Ctrl-C typed before the first prompt: the shell answers or ends with 130, never hangs", lost)

# 3. Ctrl-C during `.load` of a large KB: the load stops, the KB in use is kept.
big = os.path.join(tmp, "big")
os.mkdir(big)
with open(os.path.join(big, "big.kb"), "w") as f:
    f.write('country ZZ "Zed"\n')
    for i in range(600000):
        f.write('authority b%d "B %d" kind=commune country=ZZ population=%d\n' % (i, i, i))
for i in range(1, 4):
    shutil.copy(os.path.join(big, "big.kb"), os.path.join(big, "big%d.kb" % i))
sh = spawn()
sh.expect_exact(PROMPT)
sh.send(".load %s\r" % big)
sh.expect_exact(".load")
time.sleep(0.2)   # typed while the load runs (it takes seconds); the check below waits for the screen
t1 = time.time()
sh.sendcontrol("c")
try:
    sh.expect("interrupted", timeout=60)
    sh.expect_exact(PROMPT, timeout=30)
    sh.send("countries | count\r")
    sh.expect(r"\b2\b[\s\S]*\(1 row\)", timeout=30)
    check(True, "Ctrl-C during .load stops it (%.1f s) and the KB in use is kept" % (time.time() - t1))
except (pexpect.TIMEOUT, pexpect.EOF):
    check(False, "Ctrl-C during .load stops it and the KB in use is kept", (sh.before or "")[-300:])
leave(sh)

# 4. Ctrl-\ (SIGQUIT): the shell ends at once with status 131, no backtrace, the terminal restored.
sh = spawn()
sh.expect_exact(PROMPT)
sh.send("partners of")
sh.sendcontrol("\\")
try:
    sh.expect(pexpect.EOF, timeout=30)
    sh.close()
    text = sh.before or ""
    check(sh.exitstatus == 131 and "backtrace" not in text.lower() and "Crash" not in text,
          "Ctrl-\\ ends the shell with status 131 and no backtrace", "%r %r %r" % (sh.exitstatus, sh.signalstatus, text[-300:]))
except pexpect.TIMEOUT:
    check(False, "Ctrl-\\ ends the shell", (sh.before or "")[-300:])
    sh.terminate(force=True)

# 5. A KB file cut short while the shell has it mapped: .check quotes it without SIGBUS, the shell goes on.
cut = os.path.join(tmp, "cut")
os.mkdir(cut)
with open(os.path.join(cut, "big.kb"), "w") as f:
    f.write('country ZZ "Zed"\n' + "".join('authority a%d "A" kind=commune country=ZZ bogus=1\n' % i for i in range(40000)))
sh = spawn(cut)
sh.expect_exact(PROMPT)
os.truncate(os.path.join(cut, "big.kb"), 50)
sh.send(".check\r")
try:
    sh.expect(r"problems\s+40000", timeout=120)
    sh.expect_exact(PROMPT, timeout=30)
    sh.send("countries | count\r")
    sh.expect(r"\(1 row\)", timeout=30)
    check(True, "a KB file cut short under the shell: .check quotes it and the shell goes on")
except (pexpect.TIMEOUT, pexpect.EOF):
    check(False, "a KB file cut short under the shell: .check quotes it and the shell goes on", (sh.before or "")[-400:])
check(leave(sh) == 0, "and Ctrl-D leaves with status 0")

# 6. The history path is a symbolic link: the target is neither written nor re-moded; a FIFO does not hang.
target = os.path.join(tmp, "precious.txt")
with open(target, "w") as f:
    f.write("do not touch\n")
os.chmod(target, 0o644)
link = os.path.join(home, "link-history")
os.symlink(target, link)
sh = spawn(environment=dict(env, COOPKB_HISTORY=link))
sh.expect_exact(PROMPT)
sh.send("countries | count\r")
sh.expect(r"\(1 row\)")
# Ctrl-D once the prompt is back, as leave() expects: a Ctrl-D typed while the answer is still being written
# reaches a terminal in cooked mode and is lost (a known defect, counted by case 1; see the stop 12 note).
sh.expect_exact(PROMPT)
status = leave(sh)
with open(target) as f:
    content = f.read()
check(content == "do not touch\n" and stat.S_IMODE(os.stat(target).st_mode) == 0o644 and os.path.islink(link) and status == 0,
      "a history path that is a symbolic link: its target is left as it was", (content, oct(os.stat(target).st_mode), status))

fifo = os.path.join(home, "fifo-history")
os.mkfifo(fifo)
sh = spawn(environment=dict(env, COOPKB_HISTORY=fifo))
try:
    sh.expect_exact(PROMPT, timeout=30)
    sh.send("countries | count\r")
    sh.expect(r"\(1 row\)")
    sh.expect_exact(PROMPT)
    check(leave(sh) == 0, "a history path that is a FIFO: the shell starts and leaves normally")
except (pexpect.TIMEOUT, pexpect.EOF):
    check(False, "a history path that is a FIFO: the shell starts", (sh.before or "")[-300:])
    sh.terminate(force=True)

# 7. `.output FILE` in the shell: the file gets every row of a table (no terminal cap, no cut, no pager).
wide = os.path.join(tmp, "wide")
os.mkdir(wide)
with open(os.path.join(wide, "w.kb"), "w") as f:
    f.write('country ZZ "Zed"\n' + "".join('authority w%03d "W %03d %s" kind=commune country=ZZ\n' % (i, i, "long " * 30) for i in range(100)))
sh = spawn(wide)
sh.expect_exact(PROMPT)
out_file = os.path.join(tmp, "table.txt")
sh.send(".mode table\r")
sh.expect_exact(PROMPT)
sh.send(".output %s\r" % out_file)
sh.expect_exact(PROMPT)
sh.send("authorities\r")
sh.expect_exact(PROMPT)
sh.send(".output\r")
sh.expect_exact(PROMPT)
status = leave(sh)
with open(out_file, encoding="utf-8") as f:
    written = f.read()
rows = [l for l in written.splitlines() if l.startswith(" w")]
check(len(rows) == 100 and "(100 rows)" in written and "…" not in written and status == 0,
      ".output FILE from the shell: a table of 100 rows is written whole, uncut", written[-300:])

shutil.rmtree(tmp, ignore_errors=True)
common.finish()
