"""A coopkb process on a pseudo-terminal, typed at and read as a person would (shared by the pty tests)."""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

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

    def finish(self, seconds=10):
        end = time.time() + seconds
        while time.time() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            self.read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        return None
