#!/usr/bin/env python3
"""Hostile inputs against the real coopkb binary: no crash, no hang, a clear message and the right status.

    python3 Tests/hostile/test_hostile.py [BIN]        (default .build/debug/coopkb)

Every case gives its expected exit status and a fragment expected on standard error (or standard output).
Every case also checks that nothing written contains a Swift runtime trap message ("Fatal error",
"Illegal instruction", ...) and that the process did not end by a signal (except the SIGINT case, which
expects status 130). Each case runs under a timeout, so a hang is a failure. Big inputs are generated in a
temporary directory at run time. One line per case, then `N passed, M failed`; exit 1 on any failure.
Python 3 standard library only.
"""

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/coopkb"))
FIXTURE = os.path.join(ROOT, "Tests/Fixtures/kb")
HOSTILE = os.path.join(ROOT, "Tests/Fixtures/hostile")
TRAPS = [b"Fatal error", b"Illegal instruction", b"Segmentation fault", b"Stack dump", b"SIGSEGV",
         b"SIGILL", b"SIGABRT", b"Trace/breakpoint trap", b"Current stack trace", b"AddressSanitizer"]

results = []   # (name, ok, detail)
tmp = tempfile.mkdtemp(prefix="coopkb-hostile-")


def path(*parts):
    return os.path.join(tmp, *parts)


def write(name, data):
    p = path(name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def kb_copy(name, extra=None):
    """A copy of the fixture KB in tmp/NAME, with optional extra files {relative name: bytes}."""
    d = path(name)
    shutil.copytree(FIXTURE, d)
    for rel, data in (extra or {}).items():
        write(os.path.join(name, rel), data)
    return d


def check_common(name, proc_rc, out, err, allow_signal=None):
    problems = []
    for t in TRAPS:
        if t in out or t in err:
            problems.append("output contains %r" % t.decode())
    if proc_rc is not None and proc_rc < 0 and -proc_rc != allow_signal:
        problems.append("ended by signal %d" % -proc_rc)
    return problems


def case(name, args, status, fragment=None, stdin=b"", timeout=60, stdout_fragment=None, stdout_empty=False,
         env=None, max_err=None):
    """Runs BIN ARGS; expects STATUS, FRAGMENT (bytes or str) in stderr, STDOUT_FRAGMENT in stdout."""
    t0 = time.time()
    try:
        p = subprocess.run([BIN] + args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        results.append((name, False, "timed out after %ds (a hang)" % timeout))
        return
    out, err = p.stdout, p.stderr
    problems = check_common(name, p.returncode, out, err)
    if status is not None and p.returncode != status:
        problems.append("status %d, expected %d" % (p.returncode, status))
    for frag, stream, label in ((fragment, err, "stderr"), (stdout_fragment, out, "stdout")):
        if frag is None:
            continue
        fb = frag.encode() if isinstance(frag, str) else frag
        if fb.lower() not in stream.lower():
            problems.append("%s lacks %r (got %r)" % (label, frag, stream[:300]))
    if stdout_empty and out:
        problems.append("stdout not empty: %r" % out[:200])
    if max_err is not None and len(err) > max_err:
        problems.append("stderr is %d bytes, more than %d" % (len(err), max_err))
    results.append((name, not problems, "; ".join(problems) or "%.1fs" % (time.time() - t0)))


def kb(*parts):
    return ["--kb", os.path.join(*parts)] if parts else ["--kb", FIXTURE]


# ---------------------------------------------------------------------------------------------------------
# Query nesting, numbers, big lines.

deep = "(" * 100000 + "countries" + ")" * 100000 + "\n"
case("parentheses nested 100,000 deep", kb() + [write("deep.kbq", deep)], 1, "too deeply nested")
case("condition parentheses 100,000 deep", kb() + [write("deepc.kbq", "countries | where " + "(" * 100000 + "id = ML" + ")" * 100000 + "\n")],
     1, "too deeply nested")
case("'not' 100,000 deep", kb() + [write("deepn.kbq", "countries | where " + "not " * 100000 + "id = ML\n")], 1, "too deeply nested")
case("open parentheses 100,000 deep, never closed", kb() + [write("deepo.kbq", "(" * 100000 + "\n")], 1, "")
case("100,000 set operations in a row", kb() + [write("union.kbq", "ML" + " union ML" * 100000 + " | count\n")], 0,
     stdout_fragment="count\n1\n")
case("100,000 stages in a row", kb() + [write("stages.kbq", "countries" + " | limit 5" * 100000 + " | count\n")], 0,
     stdout_fragment="count\n5\n")
case("limit 99999999999999999999", kb() + ["-e", "countries | limit 99999999999999999999"], 1, "too large", stdout_empty=True)
case("depth 99999999999999999999", kb() + ["-e", "neighbours of rennes depth 99999999999999999999"], 1, "too large")
case("depth 1000000", kb() + ["-e", "neighbours of rennes depth 1000000 | count"], 0, stdout_fragment="count\n")
case("limit -1", kb() + ["-e", "countries | limit -1"], 1, "")
case("number too large in a comparison", kb() + ["-e", "authorities | where population > 99999999999999999999999 | count"], 0, stdout_fragment="count\n0\n")

big = 50 * 1000 * 1000
case("50 MB comment line in a query", kb() + [write("bigcomment.kbq", "# " + "x" * big + "\ncountries | count\n")], 0,
     stdout_fragment="count\n11\n", timeout=180)
case("20 MB word in a query (an error quoting it, cut short)", kb() + [write("bigword.kbq", "partners of " + "x" * (big * 2 // 5) + "\n")], 1,
     "nothing is called", max_err=20000, timeout=180)
case("10 MB string in a query", kb() + [write("bigstring.kbq", 'countries | where name = "' + "x" * (big // 5) + '" | count\n')], 0,
     stdout_fragment="count\n0\n", timeout=180)
case("error at the end of a 1 MB line (shown cut short)", kb() + [write("bigerr.kbq", 'countries | where name = "' + "x" * 1000000 + '" | limitz 3\n')], 1,
     "expected a stage", max_err=4000)
case("50 MB line in a KB file", kb(kb_copy("kb-bigline", {"big.kb": "# " + "x" * big + "\n"
                                                                   'country ZZ "' + "z" * big + '"\n'})) + ["-e", "countries | count"], 0,
     stdout_fragment="count\n12\n", timeout=180)
shutil.rmtree(path("kb-bigline"))
for f in ("bigcomment.kbq", "bigstring.kbq", "bigword.kbq", "bigerr.kbq"):
    os.remove(path(f))

# ---------------------------------------------------------------------------------------------------------
# Bytes: invalid UTF-8, NUL, BOM in mid-file.

case("invalid UTF-8 in a KB file", kb(kb_copy("kb-utf8", {"bad.kb": b'country ZZ "Z\xe9d"\n'})), 2, "invalid UTF-8")
case("truncated UTF-8 at the end of a KB file", kb(kb_copy("kb-utf8end", {"bad.kb": b'country ZZ "Zed" en=\xc3'})), 2, "invalid UTF-8")
# One malformed KB under an English and a French locale: the problem in that language, at the same FILE:LINE:COL,
# with the same exit status (an encoded surrogate U+D800 is invalid UTF-8 in both).
for lang, words in (("C.UTF-8", ["unknown attribute 'knd' for authority; did you mean 'kind'?",
                                 "invalid UTF-8 (byte 0xED); the line is left out: save the file as UTF-8"]),
                    ("fr_FR.UTF-8", ["attribut 'knd' inconnu pour authority ; vouliez-vous dire 'kind' ?",
                                     "UTF-8 invalide (octet 0xED) ; la ligne est laissée de côté : enregistrez le fichier en UTF-8"])):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "COOPKB_LANG")}
    env["LANG"] = lang
    d = kb_copy("kb-lang-" + lang, {"bad.kb": b'country ZZ "Zed"\nauthority zz1 "Z" knd=commune country=ZZ\ncountry ZY "Z\xed\xa0\x80"\n'})
    for line, words_at in (("2:19", words[0]), ("3:14", words[1])):
        case("a malformed KB file under LANG=%s: %s" % (lang, words_at[:24]), kb(d) + ["--check"], 2,
             "%s:%s: error: %s" % (os.path.join(d, "bad.kb"), line, words_at), env=env)
    shutil.rmtree(d)
# Numbers longer than any machine integer in a KB file: a clear problem at the value, never a trap (a 25-digit
# latitude overflowed the coordinate parser's mantissa in the debug build: found by `make fuzz` in CI).
for field, value, words in (("lat", "1" * 25, "malformed coordinate '" + "1" * 25 + "' for 'lat'"),
                            ("lon", "-" + "9" * 400 + ".5", "malformed coordinate '-" + "9" * 40),
                            ("lat", "0." + "3" * 30, None),
                            ("population", "9" * 30, "population '" + "9" * 30 + "' is too large")):
    d = kb_copy("kb-number-" + field, {"n.kb": 'authority nn1 "Nn" kind=municipality country=ML %s=%s\n' % (field, value)})
    if words is None:
        case("a %d-digit %s in a KB file loads" % (len(value), field), kb(d) + ["-e", "show nn1"], 0, "", stdout_fragment="Nn")
    else:
        case("a %d-digit %s in a KB file" % (len(value), field), kb(d) + ["--check"], 2,
             "%s:1:%d: error: %s" % (os.path.join(d, "n.kb"), len('authority nn1 "Nn" kind=municipality country=ML %s=' % field) + 1, words))
    shutil.rmtree(d)
case("NUL byte in a KB word", kb(kb_copy("kb-nul", {"nul.kb": b'country Z\x00Z "Zed"\n'})), 2, "NUL byte")
case("NUL byte in a KB string", kb(kb_copy("kb-nuls", {"nul.kb": b'country ZZ "Z\x00d"\n'})), 2, "NUL byte")
case("NUL byte in a KB file, --lenient runs the rest", kb(kb_copy("kb-nul2", {"nul.kb": b'country ZZ "Z\x00d"\ncountry ZY "Zy"\n'})) +
     ["--lenient", "-e", "countries | count"], 0, "NUL byte", stdout_fragment="count\n12\n")
case("BOM in mid-file of a KB", kb(kb_copy("kb-bom", {"bom.kb": b'country ZY "Zy"\n\xef\xbb\xbfcountry ZX "Zx"\n'})), 2, "unknown record kind")
case("KB file of random bytes", kb(kb_copy("kb-random", {"random.kb": bytes((i * 7919 + 13) % 256 for i in range(200000))})), 2, "error:")
case("invalid UTF-8 in a query", kb() + [write("utf8.kbq", b"countries | where name = \"\xff\xfe\"\ncountries | count\n")], 1, "invalid UTF-8",
     stdout_fragment="count\n11\n")
case("invalid UTF-8 in -e", kb() + ["-e", b"partners of \xe9".decode("utf-8", "surrogateescape")], 1, "")
case("NUL byte in a query", kb() + [write("nul.kbq", b"coun\x00tries\ncountries | count\n")], 1, "U+0000", stdout_fragment="count\n11\n")
case("NUL byte in a query string", kb() + [write("nuls.kbq", b'countries | where name = "a\x00b"\n')], 1, "NUL byte")
case("NUL bytes on standard input", kb() + ["-"], 1, "", stdin=b"\x00" * 1000 + b"\n")
case("BOM in mid-file of a query", kb() + [write("bom.kbq", b"countries | count\n\xef\xbb\xbfcountries | count\n")], 1, "unexpected character")
case("query file of random bytes", kb() + [write("random.kbq", bytes((i * 7919 + 13) % 256 for i in range(100000)))], 1, "error:")

# ---------------------------------------------------------------------------------------------------------
# KB structure: parent cycles, a million repeated ids.

lines = ['country ZZ "Zed"']
lengths = [1, 2, 3, 10, 100, 1000]
for n in lengths:
    for i in range(n):
        lines.append('authority c%d-%d "C %d %d" kind=commune country=ZZ parent=c%d-%d' % (n, i, n, i, n, (i + 1) % n))
case("parent cycles of length 1 to 1,000", kb(kb_copy("kb-cycles", {"cycles.kb": "\n".join(lines) + "\n"})) + ["--check", "--lenient"],
     0, "cycle", stdout_fragment="problems\t", timeout=30)
case("a parent cycle, then a query with --lenient", kb(kb_copy("kb-cycles2", {"cycles.kb": "\n".join(lines) + "\n"})) +
     ["--lenient", "-e", "authorities in ZZ | count", "-e", "show ZZ"], 0, "cycle", stdout_fragment="count\n", timeout=30)
shutil.rmtree(path("kb-cycles"))
shutil.rmtree(path("kb-cycles2"))

rep = 'country ZZ "Zed"\n' + 'authority dup "Dup" kind=commune country=ZZ\n' * 1000000
case("a million repeated ids: 100 shown, the rest counted", kb(kb_copy("kb-dups", {"dups.kb": rep})) + ["--check"], 2,
     "999,899 more problems not shown", timeout=180, max_err=100000, stdout_fragment="problems\t999999\n")
shutil.rmtree(path("kb-dups"))

# ---------------------------------------------------------------------------------------------------------
# Files: .read of itself, .output that cannot be written, unreadable KB, symlink loops, FIFOs.

selfread = write("self.kbq", ".read %s\n" % path("self.kbq"))
case(".read of a file that reads itself", kb() + [selfread], 1, "nested more than")
write("ping.kbq", ".read %s\n" % path("pong.kbq"))
write("pong.kbq", ".read %s\n" % path("ping.kbq"))
case(".read of two files that read each other", kb() + [path("ping.kbq")], 1, "nested more than")
case(".read of a directory", kb() + ["-e", ".read " + tmp], 1, "cannot read")
case(".read of a missing file", kb() + ["-e", ".read " + path("missing.kbq")], 1, "no such file")
case(".output to a path that cannot be written", kb() + ["-e", ".output /nonexistent-dir/out.tsv", "-e", "countries | count"], 1,
     "", stdout_fragment="count\n11\n")
case(".output to a directory", kb() + ["-e", ".output " + tmp], 1, "exists")
case("a query file that is a directory", kb() + [tmp], 2, "cannot read")
case("a missing query file", kb() + [path("missing.kbq")], 2, "cannot read")
case("a missing KB", ["--kb", path("no-such-kb"), "-e", "countries"], 2, "cannot read KB")
case("a KB path through a file (not a directory)", ["--kb", os.path.join(selfread, "kb"), "-e", "countries"], 2, "cannot read KB")

unreadable = kb_copy("kb-unreadable")
os.chmod(os.path.join(unreadable, "links.kb"), 0)
os.chmod(os.path.join(unreadable, "authorities"), 0)
if os.geteuid() == 0 or os.access(os.path.join(unreadable, "links.kb"), os.R_OK):
    print("note: running as root, so chmod 000 does not stop reading: the unreadable-KB cases test a KB path "
          "through a file and a .kb directory instead")
    d = kb_copy("kb-dirkb")
    os.makedirs(os.path.join(d, "dir.kb"))
    case("a directory named *.kb in a KB", kb(d) + ["-e", "countries | count"], 0, stdout_fragment="count\n11\n")
else:
    case("an unreadable file in a KB", kb(unreadable) + ["-e", "countries | count"], 2, "cannot read this file")
    os.chmod(unreadable, 0)
    case("an unreadable KB directory", kb(unreadable) + ["-e", "countries | count"], 2, "cannot read KB")
    os.chmod(unreadable, 0o755)
os.chmod(os.path.join(unreadable, "authorities"), 0o755)
os.chmod(os.path.join(unreadable, "links.kb"), 0o644)

loop = kb_copy("kb-loop")
os.symlink(".", os.path.join(loop, "again"))
os.symlink("..", os.path.join(loop, "authorities", "up"))
os.symlink("self.kb", os.path.join(loop, "self.kb"))
os.symlink("a.kb", os.path.join(loop, "b.kb"))
os.symlink("b.kb", os.path.join(loop, "a.kb"))
case("a KB holding symbolic-link loops: the looping .kb links are problems", kb(loop) + ["-e", "countries | count"], 2,
     "cannot read this file: Too many levels of symbolic links")
case("a KB holding symbolic-link loops, --lenient", kb(loop) + ["--lenient", "-e", "countries | count"], 0, stdout_fragment="count\n11\n")
case("a KB that is a symbolic-link loop", ["--kb", os.path.join(loop, "self.kb"), "-e", "countries"], 2, "cannot read KB")

fifo = kb_copy("kb-fifo")
os.mkfifo(os.path.join(fifo, "fifo.kb"))
case("a FIFO named *.kb in a KB directory", kb(fifo) + ["-e", "countries | count"], 2, "not a regular file", timeout=10)
dev = kb_copy("kb-dev")
os.symlink("/dev/zero", os.path.join(dev, "zero.kb"))
case("/dev/zero linked as *.kb in a KB directory", kb(dev) + ["-e", "countries | count"], 2, "not a regular file", timeout=10)
case("a KB on standard input (--kb /dev/stdin)", ["--kb", "/dev/stdin", "-e", "countries | count"], 0,
     stdin=open(os.path.join(FIXTURE, "00-countries.kb"), "rb").read(), stdout_fragment="count\n11\n")
case("an empty KB directory", ["--kb", os.makedirs(path("empty-kb")) or path("empty-kb"), "-e", "countries | count"], 0,
     stdout_fragment="count\n0\n")

# Crashes found by fuzzing, kept as regression inputs.
if os.path.isdir(HOSTILE):
    for f in sorted(os.listdir(HOSTILE)):
        p = os.path.join(HOSTILE, f)
        if f.endswith(".kb"):
            d = path("kb-" + f)
            os.makedirs(d)
            shutil.copyfile(p, os.path.join(d, f))
            case("fuzz regression: KB %s" % f, ["--kb", d, "--check", "--lenient"], 0)
        elif f.endswith(".kbq"):
            case("fuzz regression: query %s" % f, kb() + [p], None)

# ---------------------------------------------------------------------------------------------------------
# Loader memory safety and limits (issue 15).

def timed_case(name, args, status, fragment=None, limit=60, **kw):
    """A case that must also end within LIMIT seconds (a generous bound: linear time, not a benchmark)."""
    case(name, args, status, fragment, timeout=limit, **kw)


d = path("kb-names")
os.makedirs(d)
for i in range(3000):
    # Names of every length up to 200 bytes: the last entry of a readdir buffer is shorter than a dirent.
    with open(os.path.join(d, "f%04d-%s.kb" % (i, "n" * (i % 200))), "w") as f:
        f.write('country %s%s "C %d"\n' % (chr(65 + i % 26), chr(65 + (i // 26) % 26), i))
case("a KB directory of 3,000 files with long names", ["--kb", d, "--check", "--lenient"], 0,
     stdout_fragment="country\t676\n")
shutil.rmtree(d)

d = path("kb-65k")
os.makedirs(d)
for i in range(70000):
    with open(os.path.join(d, "f%05d.kb" % i), "w") as f:
        f.write('authority a%d "A %d" kind=commune country=ZZ\n' % (i, i) if i else 'country ZZ "Zed"\n')
timed_case("a KB of 70,000 files (more than vm.max_map_count would allow mapped)", ["--kb", d, "--check"], 0,
           stdout_fragment="authority\t69999\n", limit=120)
shutil.rmtree(d)

long_id = "i" * (16 * 1024 * 1024 + 5)
d = kb_copy("kb-longid", {"long.kb": 'authority %s "Long" kind=commune country=FR\npartnership %s rennes\n' % (long_id, long_id)})
timed_case("an id of 16 MiB is found by its reference", kb(d) + ["-e", "partnerships | count"], 0,
           stdout_fragment="count\n27\n", limit=120)
with open(os.path.join(d, "long.kb"), "a") as f:
    f.write('authority %s "Again" kind=commune country=FR\n' % long_id)
timed_case("an id of 16 MiB defined twice is a duplicate", kb(d) + ["--check"], 2, "duplicate id", limit=120, max_err=50000)
shutil.rmtree(d)
del long_id

d = kb_copy("kb-huge")
with open(os.path.join(d, "huge.kb"), "wb") as f:
    f.truncate(2 ** 31 + 4096)     # sparse: 2 GiB of holes, over the 32-bit limit of positions
case("a KB file over 2 GiB is refused with a message", kb(d) + ["-e", "countries | count"], 2, "the most a KB file may hold",
     timeout=30)
case("a KB file over 2 GiB, --lenient runs on the rest", kb(d) + ["--lenient", "-e", "countries | count"], 0,
     "split it", stdout_fragment="count\n11\n", timeout=30)
shutil.rmtree(d)

case("--kb /dev/zero is refused at once", ["--kb", "/dev/zero", "-e", "countries"], 2, "device", timeout=10)
case("--kb /dev/null is refused at once", ["--kb", "/dev/null", "-e", "countries"], 2, "device", timeout=10)

d = kb_copy("kb-aka", {"aka.kb": 'authority x "X" kind=commune country=FR' + " aka=a" * 200000 + "\n"})
timed_case("200,000 repeated aka= on one line: a few problems shown, the rest counted", kb(d) + ["--check"], 2,
           "more problems on this line", max_err=20000, limit=60, stdout_fragment="problems\t199999\n")
shutil.rmtree(d)
d = kb_copy("kb-unknown", {"unknown.kb": 'authority x "X" kind=commune country=FR' + "".join(" u%d=1" % i for i in range(30000)) + "\n"})
timed_case("30,000 unknown attributes on one line", kb(d) + ["--check"], 2, "more problems on this line", max_err=20000,
           limit=30, stdout_fragment="problems\t30000\n")
shutil.rmtree(d)
d = kb_copy("kb-manyerr", {"many.kb": "".join('authority x%d "X" kind=commune country=FR bogus=1\n' % i for i in range(30000))})
timed_case("30,000 problems in one file: 100 shown, the rest counted", kb(d) + ["--check"], 2,
           "29,900 more problems not shown (30,000 in this file)", max_err=200000, limit=60, stdout_fragment="problems\t30000\n")
shutil.rmtree(d)


def as_nobody():
    os.setgid(65534)
    os.setuid(65534)


if os.geteuid() == 0:
    # chmod 000 stops only an ordinary user: run the binary (copied where nobody may run it) as nobody.
    ndir = tempfile.mkdtemp(prefix="coopkb-nobody-")
    os.chmod(ndir, 0o755)
    nbin = os.path.join(ndir, "coopkb")
    shutil.copy(BIN, nbin)
    nkb = os.path.join(ndir, "kb")
    shutil.copytree(FIXTURE, nkb)
    for root, dirs, files in os.walk(nkb):
        for x in dirs:
            os.chmod(os.path.join(root, x), 0o755)
        for x in files:
            os.chmod(os.path.join(root, x), 0o644)
    os.makedirs(os.path.join(nkb, "secret"))
    with open(os.path.join(nkb, "secret", "more.kb"), "w") as f:
        f.write('country ZZ "Zed"\n')
    os.chmod(os.path.join(nkb, "secret"), 0)

    def nobody_case(name, args, status, fragment, stdout_fragment=None):
        t0 = time.time()
        p = subprocess.run([nbin] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30, preexec_fn=as_nobody)
        problems = check_common(name, p.returncode, p.stdout, p.stderr)
        if p.returncode != status:
            problems.append("status %d, expected %d (stderr %r)" % (p.returncode, status, p.stderr[:300]))
        if fragment.encode() not in p.stderr:
            problems.append("stderr lacks %r (got %r)" % (fragment, p.stderr[:300]))
        if stdout_fragment and stdout_fragment.encode() not in p.stdout:
            problems.append("stdout lacks %r (got %r)" % (stdout_fragment, p.stdout[:300]))
        results.append((name, not problems, "; ".join(problems) or "%.1fs" % (time.time() - t0)))

    nobody_case("an unreadable subdirectory of the KB is a problem (as nobody)", ["--kb", nkb, "-e", "countries | count"], 2,
                "secret:1:1: error: cannot read this directory: Permission denied")
    nobody_case("an unreadable subdirectory, --lenient runs on the rest (as nobody)",
                ["--kb", nkb, "--lenient", "-e", "countries | count"], 0, "cannot read this directory", "count\n11\n")
    os.chmod(os.path.join(nkb, "secret"), 0o755)
    os.chmod(os.path.join(nkb, "secret", "more.kb"), 0)
    nobody_case("an unreadable file in the KB is a problem (as nobody)", ["--kb", nkb, "-e", "countries | count"], 2,
                "more.kb:1:1: error: cannot read this file: Permission denied")
    shutil.rmtree(ndir)

def cut_while_mapped(name, label, attrs, args, feed, check, env_fifo=None):
    """A KB of 60,000 authorities (each line ending with ATTRS) in tmp/LABEL, run with ARGS ("FIFO" in them is a
    FIFO's path) and cut to 100 bytes once BIN opens the FIFO: through `.read FIFO` (then FEED is written to it), or
    the variable ENV_FIFO names. CHECK(status, out, err) returns what is wrong. Returns the KB's folder."""
    d = path(label)
    os.makedirs(d)
    with open(os.path.join(d, "big.kb"), "w") as f:
        f.write('country ZZ "Zed"\n' + "".join('authority a%d "A" kind=commune country=ZZ%s\n' % (i, attrs) for i in range(60000)))
    fifo = path(label + ".fifo")
    os.mkfifo(fifo)
    t0 = time.time()
    env = dict(os.environ, **{env_fifo: fifo}) if env_fifo else None
    p = subprocess.Popen([BIN, "--kb", d] + [a.replace("FIFO", fifo) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    with open(fifo, "w") as f:  # opens once BIN reads it: the KB is mapped by then
        os.truncate(os.path.join(d, "big.kb"), 100)
        f.write(feed)
    try:
        out, err = p.communicate(timeout=120)
        problems = check_common(label, p.returncode, out, err) + check(p.returncode, out, err)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        problems = ["timed out"]
    results.append((name, not problems, "; ".join(problems) or "%.1fs" % (time.time() - t0)))
    return d


# A file cut short while mapped (SIGBUS on its lost pages), then quoted by .check: the run goes on.
d = cut_while_mapped("a KB file cut short while mapped, then quoted by .check (no SIGBUS)", "kb-cut", " bogus=1",
                     ["--lenient", "-e", ".read FIFO", "-e", "countries | count"], ".check\n",
                     lambda rc, out, err: (["no answer after .check (stdout %r, stderr %r)" % (out[-200:], err[-300:])] if b"count\n1\n" not in out else [])
                     + (["status %d" % rc] if rc != 0 else []))
shutil.rmtree(d)

# A file cut short in the middle of its load, deterministically: the loader waits on a FIFO
# ($COOPKB_TEST_PAUSE_AFTER_MAP) once every file is mapped and before parsing; the file is cut to 100 bytes then.
# The pages past the new end fault (SIGBUS) while parsed: read as NUL bytes, reported as "cut short", never a crash.
d = cut_while_mapped("a KB file cut short in the middle of its load: the 'cut short' problem, no SIGBUS", "kb-cut-mid", "",
                     ["-e", "countries | count"], "",
                     lambda rc, out, err: (["status %d, expected 2 (a KB with a problem, not interactive)" % rc] if rc != 2 else [])
                     + (["no 'cut short ... .reload' problem: %r" % err[-400:]]
                        if b"big.kb:1:1: error: this file was cut short while it was read" not in err or b".reload" not in err else [])
                     + (["killed by signal %d" % -rc] if rc < 0 else []),
                     env_fifo="COOPKB_TEST_PAUSE_AFTER_MAP")
p = subprocess.run([BIN, "--kb", d, "--lenient", "-e", "countries | count"], capture_output=True, timeout=60)
results.append(("after the cut, the file loads again as it now is", p.returncode == 0 and b"count\n1\n" in p.stdout,
                "status %d %r" % (p.returncode, p.stderr[-200:])))
shutil.rmtree(d)


def two_thread_kb():
    """A KB over 8 MiB (parsed on two threads) whose second half holds a left-out id, then its duplicates."""
    d = path("kb-halves")
    os.makedirs(d)
    rows = ['country ZZ "Zed"']
    for i in range(150000):
        rows.append('authority a%d "A %d" kind=commune country=ZZ population=%d' % (i, i, i))
    rows.append('authority a1 "first half duplicate" kind=commune country=ZZ')
    for i in range(150000, 300000):
        rows.append('authority a%d "A %d" kind=commune country=ZZ population=%d' % (i, i, i))
    rows.append('authority late "Bad" kind=commune country=ZZ population=x')     # left out
    rows.append('authority late "Dup 1" kind=commune country=ZZ')                # duplicate of a left-out one
    rows.append('authority late "Dup 2" kind=commune country=ZZ')
    rows.append('authority a200000 "Second half duplicate" kind=commune country=ZZ')
    rows.append('authority a5 "Second half duplicate of the first half" kind=commune country=ZZ')
    with open(os.path.join(d, "big.kb"), "w") as f:
        f.write("\n".join(rows) + "\n")
    return d


d = two_thread_kb()
if os.path.getsize(os.path.join(d, "big.kb")) > 8 << 20 and shutil.which("taskset"):
    one = subprocess.run(["taskset", "-c", "0", BIN, "--kb", d, "--check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    two = subprocess.run([BIN, "--kb", d, "--check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    problems = []
    if one.stderr != two.stderr or one.stdout != two.stdout:
        problems.append("one core and two cores differ:\n%s\n---\n%s" % (one.stderr.decode()[-800:], two.stderr.decode()[-800:]))
    if one.stderr.count(b"duplicate id") != 5:
        problems.append("expected 5 duplicates, got %r" % one.stderr[-800:])
    results.append(("problems of a two-thread load equal those of one thread", not problems, "; ".join(problems) or "ok"))
shutil.rmtree(d)

# ---------------------------------------------------------------------------------------------------------
# Write errors, .output/.render files, terminal escapes (issue 15).

if os.path.exists("/dev/full"):
    full = open("/dev/full", "wb")
    for label, args in (("tsv", []), ("table", ["-f", "table"]), ("json", ["-f", "json"])):
        t0 = time.time()
        p = subprocess.run([BIN] + kb() + args + ["-e", "countries", "-e", "authorities"], stdout=full, stderr=subprocess.PIPE, timeout=30)
        problems = check_common("full", p.returncode, b"", p.stderr)
        if p.returncode == 0:
            problems.append("status 0 on a full disk")
        if b"cannot write to standard output: No space left on device" not in p.stderr:
            problems.append("stderr %r" % p.stderr[:300])
        results.append(("output to /dev/full (%s): an error and a non-zero status" % label, not problems,
                        "; ".join(problems) or "%.1fs" % (time.time() - t0)))
    p = subprocess.run([BIN] + kb() + ["--check"], stdout=full, stderr=subprocess.PIPE, timeout=30)
    results.append(("--check to /dev/full: an error and a non-zero status", p.returncode != 0 and b"No space left" in p.stderr,
                    "status %d, %r" % (p.returncode, p.stderr[:200])))
    full.close()
    os.symlink("/dev/full", path("full.tsv"))
    case(".output through a link to a full device: the write error is reported", kb() + ["-e", ".output " + path("full.tsv"), "-e", "authorities",
         "-e", "countries"], 1, "cannot write to %s: No space left on device" % path("full.tsv"))
    os.remove(path("full.tsv"))

# A 1 MiB file system, when this machine lets us mount one (root): output cut by a full disk is an error.
small = path("small-fs")
os.makedirs(small)
if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    try:
        big_out = os.path.join(small, "out.tsv")
        many = write("many.kbq", "authorities\n" * 3000)
        case(".output FILE on a full 1 MiB disk: an error and status 1", kb() + ["-e", ".output " + big_out, many], 1,
             "cannot write to %s: No space left on device" % big_out, timeout=120)
        os.remove(big_out)
        with open(os.path.join(small, "stdout.tsv"), "wb") as f:
            p = subprocess.run([BIN] + kb() + [many], stdout=f, stderr=subprocess.PIPE, timeout=120)
        results.append(("standard output on a full 1 MiB disk: an error and status 1",
                        p.returncode == 1 and b"No space left on device" in p.stderr, "status %d %r" % (p.returncode, p.stderr[:200])))
    finally:
        subprocess.run(["umount", small])

case(".output /dev/null is written to, not refused", kb() + ["-e", ".output /dev/null", "-e", "countries | count"], 0, stdout_empty=True)
case(".once /dev/null is written to, not refused", kb() + ["-e", ".once /dev/null", "-e", "countries | count", "-e", "countries | count"], 0,
     stdout_fragment="count\n11\n")

if shutil.which("dot"):
    d = path("render")
    os.makedirs(d)
    cwd = os.getcwd()
    os.chdir(d)
    try:
        case('.render "my graph.svg" QUERY (a quoted name with a blank)', kb() + ["-e", '.render "my graph.svg" partners of rennes'], 0)
        results.append(('the quoted name is the file written', os.path.isfile("my graph.svg") and b"<svg" in open("my graph.svg", "rb").read(),
                        str(os.listdir("."))))
        case(".render to a name starting with '-' (not a Graphviz option)", kb() + ["-e", ".render -Tx.svg partners of rennes"], 0)
        results.append(("the '-' name is the file written", os.path.isfile("-Tx.svg") and b"<svg" in open("-Tx.svg", "rb").read(),
                        str(os.listdir("."))))
        os.symlink(os.path.join(d, "target.svg"), "dangling.svg")
        case(".render refuses a dangling symbolic link (its target is not created)", kb() + ["-e", ".render dangling.svg partners of rennes"],
             1, "exists")
        results.append(("the dangling link's target was not created", not os.path.exists("target.svg"), str(os.listdir("."))))
        with open("precious.svg", "w") as f:
            f.write("mine")
        os.symlink("precious.svg", "link.svg")
        case(".render refuses a link to an existing file", kb() + ["-e", ".render link.svg partners of rennes"], 1, "exists")
        results.append(("the linked file is untouched", open("precious.svg").read() == "mine", open("precious.svg").read()[:50]))
        if os.path.exists("/dev/full") and os.geteuid() == 0:
            pass
        esc = kb_copy("kb-esc", {"esc.kb": 'authority evil "Evil\x1b[31m\x07\x9b2J" kind=commune country=FR\npartnership evil rennes\n'})
        case(".render of names holding control characters gives well-formed SVG", kb(esc) + ["-e", ".render esc.svg partners of rennes"], 0)
        import xml.dom.minidom
        try:
            xml.dom.minidom.parse("esc.svg")
            ok = True
        except Exception as e:  # noqa: BLE001 - any parse error is the failure
            ok = False
        results.append(("the SVG parses as XML", ok, "malformed XML"))
    finally:
        os.chdir(cwd)
    shutil.rmtree(d)

esc = kb_copy("kb-escapes", {"esc.kb": 'authority evil "Evil\x1b]0;pwned\x07\x1b[2J\x9b31m" kind=commune country=FR\n'
                                      'partnership evil rennes\n'
                                      'authority \x1b[31mbad "Bad" kind=commune country=FR\n'})
for mode in ("tsv", "csv", "table", "json", "dot", "markdown"):
    t0 = time.time()
    p = subprocess.run([BIN] + kb(esc) + ["--lenient", "-f", mode, "-e", "partners of rennes", "-e", "evil", "-e", "partners of evi"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    bad = [c for c in (b"\x1b", b"\x07", b"\xc2\x9b") if c in p.stdout or c in p.stderr]
    results.append(("no terminal escape from KB text reaches the output (%s) or the messages" % mode, not bad and p.returncode == 1,
                    "found %r, status %d: %r" % (bad, p.returncode, (p.stdout + p.stderr)[:300])))
case("tsv shows control characters as \\x1B and \\u009B", kb(esc) + ["--lenient", "-e", "evil | select name"], 0,
     stdout_fragment="Evil\\x1B]0;pwned\\x07\\x1B[2J\\u009B31m")

# ---------------------------------------------------------------------------------------------------------
# Limits and linear time (issue 15).

ors = "countries | where " + " or ".join("id = ML" for _ in range(50000)) + " | count\n"
case("a where of 50,000 or: a clear limit, no stack overflow", kb() + [write("ors.kbq", ors)], 1, "too deeply nested", timeout=60)
ands = "countries | where " + " and ".join("id = ML" for _ in range(50000)) + " | count\n"
case("a where of 50,000 and: a clear limit", kb() + [write("ands.kbq", ands)], 1, "SQLite", timeout=60)
case("a where of 999 or is fine", kb() + ["-e", "countries | where " + " or ".join("id = ML" for _ in range(999)) + " | count"], 0,
     stdout_fragment="count\n1\n", timeout=60)
values = ",".join("v%d" % i for i in range(1000000))
timed_case("in (…) with a million values is a set look-up", kb() + [write("in.kbq", "authorities | where name in (%s, \"Rennes\") | count\n" % values)], 0,
           stdout_fragment="count\n1\n", limit=120)
# On a field holding ids each value is a REF of that field's kind (issue 11): one that names nothing is an error
# at its position, never an empty answer.
case("in (…) on an id field: a value that names nothing is an error", kb() + ["-e", "authorities | where id in (%s, rennes) | count" % ",".join("v%d" % i for i in range(1000))], 1,
     "<execute>:1:28: error: no authority is called v0", stdout_empty=True)

long_in = "countries | where id in (\n" + "ML,\n" * 10000 + "FR)\n| count\n"
timed_case("a statement continued over 10,000 lines inside ( ) is parsed once", kb() + [write("longin.kbq", long_in)], 0,
           stdout_fragment="count\n2\n", limit=60)
long_pipe = "countries |\n" + "limit 5 |\n" * 10000 + "count\n"
timed_case("a statement continued over 10,000 lines by trailing |", kb() + [write("longpipe.kbq", long_pipe)], 0,
           stdout_fragment="count\n5\n", limit=60)
lead_pipe = "countries\n" + "| limit 5\n" * 10000 + "| count\n"
timed_case("a statement continued over 10,000 lines by leading |", kb() + [write("leadpipe.kbq", lead_pipe)], 0,
           stdout_fragment="count\n5\n", limit=60)

near = "x" * 300000
d = kb_copy("kb-near", {"near.kb": 'authority %sa "Near" kind=commune country=FR\npartnership %sb rennes\n' % (near, near)})
timed_case("a reference to a 300 KB id that nearly matches another: did you mean, quickly", kb(d) + ["--check"], 2, "xa'?",
           limit=60, max_err=40000)
timed_case("a query REF of 300 KB nearly matching an id: did you mean, quickly", kb(d) + ["--lenient", write("near.kbq", "partners of %sc\n" % near)], 1,
           "xa' (Near, commune, France)?", limit=60, max_err=40000)
shutil.rmtree(d)

d = path("kb-chain")
os.makedirs(d)
with open(os.path.join(d, "chain.kb"), "w") as f:
    f.write('country ZZ "Zed"\nauthority d0 "D0" kind=region country=ZZ\n')
    for i in range(1, 100000):
        f.write('authority d%d "D%d" kind=commune country=ZZ parent=d%d\n' % (i, i, i - 1))
timed_case("within on a parent chain 100,000 deep is linear", kb(d) + ["-e", "authorities | where within d0 | count"], 0,
           stdout_fragment="count\n100000\n", limit=120)
timed_case("count by region on a parent chain 100,000 deep is linear", kb(d) + ["-e", "authorities | count by region"], 0,
           stdout_fragment="d0\t100000\n", limit=120)
timed_case("show d0 counts every authority inside it", kb(d) + ["-e", "show d0"], 0, stdout_fragment="99,999 authorities", limit=120)
shutil.rmtree(d)

lets = "".join("let $v%d = authorities | where population > %d | limit 3\n" % (i, i) for i in range(10000)) + ".vars\n"
timed_case("10,000 let of filtered results", kb() + [write("lets.kbq", lets)], 0, stdout_fragment="$v9999\t", limit=120)
d = path("kb-lets")
os.makedirs(d)
with open(os.path.join(d, "many.kb"), "w") as f:
    f.write('country ZZ "Zed"\n' + "".join('authority a%d "A %d" kind=commune country=ZZ population=%d\n' % (i, i, i) for i in range(100000)))
lets = "".join("let $v%d = authorities | limit 3\n" % i for i in range(300)) + "countries | count\n"


def run_rss(args, timeout=300):
    """Runs ARGS; returns (status, stdout, stderr, peak resident memory in MiB) from wait4's rusage."""
    import threading
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks = {"out": b"", "err": b""}

    def drain(stream, key):
        chunks[key] = stream.read()

    threads = [threading.Thread(target=drain, args=(p.stdout, "out")), threading.Thread(target=drain, args=(p.stderr, "err"))]
    for t in threads:
        t.start()
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    _, status, usage = os.wait4(p.pid, 0)
    timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    for t in threads:
        t.join()
    return p.returncode, chunks["out"], chunks["err"], usage.ru_maxrss / 1024.0


rc, out, err, rss = run_rss([BIN, "--kb", d, write("lets2.kbq", lets)])
results.append(("300 let of 3 rows each on 100,000 authorities: memory stays small", rc == 0 and b"count\n1\n" in out and rss < 250,
                "status %d, peak %.0f MiB (at most 250), %r" % (rc, rss, err[:200])))
shutil.rmtree(d)

# ---------------------------------------------------------------------------------------------------------
# Output to a closed pipe, SIGINT in a batch.


def closed_pipe(name, args):
    t0 = time.time()
    p = subprocess.Popen([BIN] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()     # like `| head -1`
    try:
        err = p.stderr.read()
        rc = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        results.append((name, False, "timed out (a hang)"))
        return
    problems = check_common(name, rc, first, err)
    if rc != 0:
        problems.append("status %d, expected 0" % rc)
    if err:
        problems.append("stderr not empty: %r" % err[:200])
    if not first:
        problems.append("no first line")
    results.append((name, not problems, "; ".join(problems) or "%.1fs" % (time.time() - t0)))


many = ["-e", "authorities"] * 300
closed_pipe("output to a closed pipe (| head -1), tsv", kb() + many)
closed_pipe("output to a closed pipe (| head -1), json", kb() + ["-f", "json"] + many)
closed_pipe("output to a closed pipe (| head -1), table", kb() + ["-f", "table"] + many)


def big_kb(n_auth=60000, n_part=300000):
    """A KB of N_AUTH authorities in two countries and N_PART partnerships (a connected, deterministic graph)."""
    d = path("kb-big")
    os.makedirs(d)
    out = ['country ZA "Za"', 'country ZB "Zb"']
    for i in range(n_auth):
        out.append('authority a%d "A %d" kind=commune country=%s' % (i, i, "ZA" if i % 2 else "ZB"))
    seen = set()
    i = 0
    k = 0
    while len(seen) < n_part:
        a, b = k % n_auth, (k * 7 + 1 + (k // n_auth) * 13) % n_auth
        k += 1
        if a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        out.append("partnership a%d a%d since=2000" % (a, b))
    with open(os.path.join(d, "big.kb"), "w") as f:
        f.write("\n".join(out) + "\n")
    return d


def sigint_case(name):
    d = big_kb()
    long_query = "neighbours of a1 depth 1000000 | count"
    # The first statement fails on purpose: its message on standard error (not buffered, unlike standard
    # output into a pipe) says the KB has loaded and the batch runs.
    args = [BIN, "--kb", d, "-e", "partners of batch-started"] + ["-e", long_query] * 200
    t0 = time.time()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = b""
    deadline = time.time() + 30
    while b"batch-started" not in first and time.time() < deadline:
        r, _, _ = select.select([p.stderr], [], [], 0.5)
        if r:
            c = os.read(p.stderr.fileno(), 4096)
            if not c:
                break
            first += c
    if b"batch-started" not in first:
        p.kill()
        p.communicate()
        results.append((name, False, "the batch did not start within 30 s"))
        return
    time.sleep(1.0)
    t1 = time.time()
    p.send_signal(signal.SIGINT)
    try:
        out, err = p.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        results.append((name, False, "did not stop within 15 s of SIGINT"))
        return
    problems = check_common(name, p.returncode, out, first + err)
    if p.returncode != 130:
        problems.append("status %d, expected 130 (stderr %r)" % (p.returncode, err[-200:]))
    results.append((name, not problems, "; ".join(problems) or "%.1fs, stopped %.2fs after SIGINT" % (time.time() - t0, time.time() - t1)))


sigint_case("SIGINT during a long batch query (status 130)")

# ---------------------------------------------------------------------------------------------------------
# The interactive shell and its history file (through a pseudo-terminal).


def shell_case(name, history, setup=None):
    env = dict(os.environ, COOPKB_HISTORY=history, TERM="dumb", HOME=tmp)
    if setup:
        setup(history)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, "--kb", FIXTURE], env)
    out = b""

    def read_until(marker, limit):
        nonlocal out
        end = time.time() + limit
        while marker not in out and time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        return marker in out

    problems = []
    time.sleep(0.3)
    os.write(fd, b"countries | count\n")
    if not read_until(b"11", 15):
        problems.append("no answer to a query")
    os.write(fd, b".quit\n")
    read_until(b"\x00never", 3)
    status = None
    end = time.time() + 10
    while time.time() < end:
        wpid, st = os.waitpid(pid, os.WNOHANG)
        if wpid:
            status = st
            break
        time.sleep(0.1)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        problems.append("did not leave on .quit")
    else:
        if os.WIFSIGNALED(status):
            problems.append("ended by signal %d" % os.WTERMSIG(status))
        elif os.WEXITSTATUS(status) != 0:
            problems.append("status %d, expected 0" % os.WEXITSTATUS(status))
    os.close(fd)
    for t in TRAPS:
        if t in out:
            problems.append("output contains %r" % t.decode())
    results.append((name, not problems, "; ".join(problems) or "ok"))


def garbage(p):
    with open(p, "wb") as f:
        f.write(bytes((i * 31 + 7) % 256 for i in range(100000)) + b"\x00" * 100 + b"x" * 200000)


def unwritable(p):
    with open(p, "w") as f:
        f.write("countries\n")
    os.chmod(p, 0o400)


shell_case("shell with a garbage history file", path("hist-garbage"), garbage)
shell_case("shell with a history file that is a directory", path("hist-dir"), lambda p: os.makedirs(p))
shell_case("shell with a history file in a missing directory", path("no-such-dir", "hist"))
shell_case("shell with a read-only history file", path("hist-ro"), unwritable)
shell_case("shell with a history file that is a symbolic-link loop", path("hist-loop"), lambda p: os.symlink(p, p))

# ---------------------------------------------------------------------------------------------------------

shutil.rmtree(tmp, ignore_errors=True)
failed = 0
for name, ok, detail in results:
    print("%s  %s  (%s)" % ("ok  " if ok else "FAIL", name, detail))
    failed += not ok
print("%d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed else 0)
