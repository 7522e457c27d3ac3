"""What the end-to-end test scripts share (Tests/pty/*.py, Tests/french/test_french.py, Tests/scripts/test_scripts.py):
the binary and repository paths, `check` and its tally, a shell environment, and a coopkb process on a
pseudo-terminal, typed at and read as a person would (`Shell`: it waits for what appears on the screen, never
for a fixed time). Usage in a script: `sys.path.insert(0, <Tests/pty>)`, `import common`, `common.check(...)`,
and `common.finish()` last."""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The binary under test: the script's first argument, by default the debug build.
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/coopkb"))
tally = {"passed": 0, "failed": 0}


def check(ok, what, detail="", keep=3000):
    """One line per check: `ok    WHAT`, or `FAIL  WHAT` and the end of the detail, indented."""
    tally["passed" if ok else "failed"] += 1
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else "\n      " + str(detail)[-keep:].replace("\n", "\n      ")), flush=True)
    return bool(ok)


def finish():
    """`N passed, M failed`, then exits 1 when a check failed."""
    print(f"{tally['passed']} passed, {tally['failed']} failed")
    sys.exit(1 if tally["failed"] else 0)


def shell_env(home, lang="C.UTF-8", **extra):
    """The environment of a shell under test: its own HOME and history, a terminal type, a locale."""
    env = {"HOME": home, "COOPKB_HISTORY": os.path.join(home, "history"), "TERM": "xterm", "LANG": lang,
           "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.update(extra)
    return env


ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r|\x07|\x08")


class Shell:
    def __init__(self, binary, args, env, columns=100, rows=40):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(binary, [binary] + args, env)
        self.resize(columns, rows)
        self.screen = b""

    def resize(self, columns, rows=40):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def read(self, seconds=0.3):
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], max(0.0, end - time.time()))
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.screen += data

    def wait_for(self, pattern, seconds=20):
        """True once the screen since the last mark matches the pattern."""
        end = time.time() + seconds
        while time.time() < end:
            if re.search(pattern, self.text()):
                return True
            self.read(0.1)
        return bool(re.search(pattern, self.text()))

    def text(self):
        return ANSI.sub(b"", self.screen).decode("utf-8", "replace")

    def type(self, keys, pause=0.2):
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)
        self.read(pause)

    def mark(self):
        self.screen = b""

    def leave(self):
        """Ctrl-D, then the exit status (None if the shell did not end)."""
        self.type(b"\x04", 0.2)
        return self.finish()

    def finish(self, seconds=10):
        end = time.time() + seconds
        while time.time() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            self.read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        return None


def start(args, env, binary=None, columns=100, rows=40, seconds=60):
    """A shell on a pseudo-terminal, once its prompt has appeared."""
    sh = Shell(binary or BINARY, args, env, columns=columns, rows=rows)
    sh.wait_for(r"coopkb> ", seconds)
    return sh
