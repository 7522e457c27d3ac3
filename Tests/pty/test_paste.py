#!/usr/bin/env python3
"""Pasting a long statement at the prompt takes linear time (issue 15): one statement of 10,000 lines pasted into
the real shell on a pseudo-terminal is answered within a generous bound, and 5 times the lines take far less
than 25 times the time (the shell lexes each new line once; it used to re-lex its whole buffer per line).
Usage: python3 Tests/pty/test_paste.py BINARY   (one line per check, then `N passed, M failed`)."""
import os
import re
import select
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

binary = common.BINARY
BOUND = 180.0  # seconds for 10,000 lines: generous (a busy 2-core machine, a debug build)


check = common.check


def statement(lines):
    """`countries | where name in (` then one value a line, the last one Mali, then `) | count`: lines in all."""
    values = [f'"nowhere {i}",' for i in range(lines - 3)] + ['"Mali")']
    return "countries | where name in (\n" + "\n".join(values) + "\n| count\n"


def paste(sh, text):
    """Writes the text as a terminal paste does, reading the echo meanwhile so neither side blocks; returns the
    seconds from the first byte sent to the answer on the screen."""
    data = text.replace("\n", "\r").encode()
    start = time.time()
    i = 0
    while i < len(data):
        _, w, _ = select.select([], [sh.fd], [], 0.05)
        if w:
            try:
                i += os.write(sh.fd, data[i:i + 1024])
            except BlockingIOError:
                pass
        sh.read(0.001)
        if len(sh.screen) > 1 << 20:  # keep only the end of the echo
            sh.screen = sh.screen[-65536:]
    ok = sh.wait_for(r"count\s*\n[-+ ]*\n\s*1\s*\n\(1 row\)", seconds=BOUND)
    return ok, time.time() - start


tmp = tempfile.mkdtemp(prefix="coopkb-paste-")
try:
    kb = os.path.join(tmp, "kb")
    os.mkdir(kb)
    with open(os.path.join(kb, "a.kb"), "w", encoding="utf-8") as f:
        f.write('country FR "France"\ncountry ML "Mali"\ncountry SN "Sénégal"\n')
    env = {"HOME": tmp, "COOPKB_HISTORY": os.path.join(tmp, "history"), "TERM": "xterm", "LANG": "C.UTF-8",
           "PATH": os.environ.get("PATH", "")}
    times = {}
    for lines in (2000, 10000):
        sh = common.Shell(binary, ["--kb", kb], env)
        check(sh.wait_for(r"coopkb> "), f"the shell starts ({lines} lines next)", sh.text())
        os.set_blocking(sh.fd, False)
        sh.mark()
        ok, seconds = paste(sh, statement(lines))
        times[lines] = seconds
        check(ok, f"a statement of {lines} lines pasted at the prompt is answered (count 1) in {seconds:.1f} s "
                  f"(bound {BOUND:.0f} s)", sh.text()[-600:])
        sh.mark()
        sh.type(b"\x04", 0.3)
        status = sh.finish(20)
        check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "Ctrl-D then leaves with status 0",
              str(status))
    ratio = times[10000] / max(times[2000], 0.01)
    # Quadratic work would take about 25 times as long for 5 times the lines; linear about 5 times. Short runs are
    # noise (a busy machine), so the ratio counts only once the long paste takes over 5 seconds.
    check(times[10000] < 5 or ratio < 12, f"5 times the lines take {ratio:.1f} times the time (linear: ~5, quadratic: ~25)",
          f"{times}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
common.finish()
