#!/usr/bin/env python3
"""`.brief FILE.html REF`: the self-contained HTML page of a brief.

- the page of Mali on the fixture KB equals Tests/Fixtures/briefs/mali.html, byte for byte outside Graphviz's SVG, which is
  compared by what it draws (nodes, edges, labels), since its geometry changes with the Graphviz version (RECORD=1 rewrites it);
- on the shipped KB, the page of Mali read by Python's html.parser: the brief's sections (titles and rows
  equal to `-f json -e 'brief ML'`), numbers right-aligned, the map and the network as two inline SVGs that are
  well-formed XML and that rsvg-convert draws, nothing outside the page referred to, A4 print rules; two runs
  give the same bytes;
- a name holding HTML cannot break the page; an existing file or link is never written over; a write error
  (a full file system) is an error; wrong arguments get a message with their position.
Usage: test_brief_page.py BIN.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL", what)


def run(bin_, kb, *statements, cwd):
    args = [bin_, "--kb", kb]
    for s in statements:
        args += ["-e", s]
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=300)


class Page(html.parser.HTMLParser):
    """The parts of a page the checks look at: headings, tables, inline SVGs, every attribute, style text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []           # (tag, attrs) of every start tag
        self.stack = []
        self.h1 = ""
        self.h2 = []
        self.tables = []         # per table: rows of (text, class) cells, the header first
        self.svgs = []           # per top-level svg: its raw text
        self.svg_depth = 0
        self.style = ""
        self.text_in = None
        self.paragraphs = []
        self.raw = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "svg":
            if self.svg_depth == 0:
                self.svg_start = self.getpos()
            self.svg_depth += 1
        if self.svg_depth:
            return
        self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.tables[-1][-1].append(["", dict(attrs).get("class", "")])
        if tag in ("h1", "h2", "style", "td", "th", "p"):
            self.text_in = tag
            if tag == "h2":
                self.h2.append("")
            if tag == "p":
                self.paragraphs.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg_depth -= 1
            if self.svg_depth == 0:
                self.svgs.append((self.svg_start, self.getpos()))
            return
        if self.svg_depth:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        self.text_in = None

    def handle_data(self, data):
        if self.svg_depth or self.text_in is None:
            return
        if self.text_in == "h1":
            self.h1 += data
        elif self.text_in == "h2":
            self.h2[-1] += data
        elif self.text_in == "style":
            self.style += data
        elif self.text_in == "p":
            self.paragraphs[-1] += data
        else:
            self.tables[-1][-1][-1][0] += data


def svg_texts(text, page):
    """The inline SVGs' source texts, cut from the page by the parser's positions."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    out = []
    for (l0, c0), (l1, c1) in page.svgs:
        start = offsets[l0 - 1] + c0
        end = text.index(">", offsets[l1 - 1] + c1) + 1
        out.append(text[start:end])
    return out


def graphviz_structure(text):
    """The page with Graphviz's SVG (the network picture) replaced by what it draws: each node and edge (its class,
    <title>, <text> labels, fill colours, dashed or not), sorted. Its geometry (sizes, coordinates, paths) and the order of its elements
    change with the Graphviz version Debian ships; the rest of the page is compared byte for byte."""
    def summary(m):
        svg = m.group(0)
        if 'class="node"' not in svg and 'class="edge"' not in svg:
            return svg
        items = []
        for g in re.finditer(r'<g id="[^"]*" class="(node|edge|cluster)">(.*?)</g>', svg, re.S):
            title = re.search(r"<title>(.*?)</title>", g.group(2), re.S)
            labels = re.findall(r"<text[^>]*>(.*?)</text>", g.group(2), re.S)
            fills = sorted(set(re.findall(r'fill="(#[0-9a-fA-F]+)"', g.group(2))))
            dashed = "dashed" if "stroke-dasharray" in g.group(2) else ""
            items.append(f"{g.group(1)} {title.group(1) if title else ''} | {' / '.join(labels)} | {' '.join(fills)} {dashed}".rstrip())
        return "<svg graphviz>\n" + "\n".join(sorted(items)) + "\n</svg>"
    return re.sub(r"<svg\b.*?</svg>", summary, text, flags=re.S)


def cell_text(v):
    if v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(v)
    if isinstance(v, float):
        return ("%.15g" % v)
    return str(v)


def check_page(bin_, kb, ref, work, label):
    """The page of REF on KB: structure, sections against the JSON brief, pictures, self-containment, A4."""
    name = os.path.join(work, label + ".html")
    r = run(bin_, kb, f".brief {name} {ref}", cwd=work)
    check(r.returncode == 0 and os.path.isfile(name), f"{label}: .brief exits 0 and writes the page ({r.returncode}: {r.stderr[:300]})")
    if r.returncode != 0:
        return None
    check(f"wrote {name}" in r.stderr, f"{label}: a notice says what was written: {r.stderr[:200]}")
    text = open(name, encoding="utf-8").read()
    again = os.path.join(work, label + "-again.html")
    run(bin_, kb, f".brief {again} {ref}", cwd=work)
    check(open(again, "rb").read() == open(name, "rb").read(), f"{label}: two runs give the same bytes")
    page = Page()
    page.feed(text)
    page.close()
    brief = json.loads(subprocess.run([bin_, "--kb", kb, "-f", "json", "-e", f"brief {ref}"], capture_output=True, text=True).stdout)
    check(text.startswith("<!DOCTYPE html>\n"), f"{label}: an HTML5 doctype")
    check(any(t == "meta" and a.get("charset", "").lower() == "utf-8" for t, a in page.tags), f"{label}: <meta charset=utf-8>")
    check(page.h1 == brief["title"], f"{label}: the title {page.h1!r} is the brief's {brief['title']!r}")
    check(all(line in page.paragraphs for line in brief["lines"]), f"{label}: the brief's lines are paragraphs")
    titles = [s["title"] for s in brief["sections"]]
    check(page.h2 == ["Map", "Network"] + titles, f"{label}: the sections are Map, Network, then the brief's: {page.h2}")
    # Each section with rows is one table with the same header and cells as the JSON brief.
    with_rows = [s for s in brief["sections"] if s["rows"]]
    check(len(page.tables) == len(with_rows), f"{label}: {len(page.tables)} tables for {len(with_rows)} sections with rows")
    for s, t in zip(with_rows, page.tables):
        header = [c[0] for c in t[0]]
        check(header == list(s["rows"][0].keys()), f"{label}: '{s['title']}' header {header}")
        check(len(t) - 1 == len(s["rows"]), f"{label}: '{s['title']}' has {len(t) - 1} rows, the brief {len(s['rows'])}")
        for row, want in zip(t[1:], s["rows"]):
            got = [c[0] for c in row]
            exp = [cell_text(v) for v in want.values()]
            if got != exp:
                check(False, f"{label}: '{s['title']}' row {got} != {exp}")
                break
            for (txt, cls), v in zip(row, want.values()):
                numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
                if numeric and cls != "n":
                    check(False, f"{label}: '{s['title']}' number {txt} not right-aligned")
                    break
    # Two inline SVGs: the map (points) and Graphviz's network (nodes); well-formed, drawable.
    svgs = svg_texts(text, page)
    check(len(svgs) == 2, f"{label}: two inline SVGs, found {len(svgs)}")
    for i, svg in enumerate(svgs):
        try:
            xml.dom.minidom.parseString(svg)
            ok = True
        except Exception as e:  # noqa: BLE001 - a parse error is the failure
            ok = False
            print(e)
        check(ok, f"{label}: inline SVG {i + 1} is well-formed XML")
        if shutil.which("rsvg-convert"):
            png = subprocess.run(["rsvg-convert", "--format=png"], input=svg.encode(), capture_output=True)
            check(png.returncode == 0 and png.stdout[:8] == b"\x89PNG\r\n\x1a\n", f"{label}: rsvg-convert draws SVG {i + 1}: {png.stderr[:200]}")
    if len(svgs) == 2:
        check("<circle" in svgs[0] and "authorit" in svgs[0] and "Natural Earth" in svgs[0], f"{label}: the first SVG is the map")
        check('class="node"' in svgs[1], f"{label}: the second SVG is Graphviz's network")
    # Nothing outside the page: no script, link, image, frame or object; every reference a fragment of the page.
    for t, a in page.tags:
        if t in ("script", "link", "img", "iframe", "object", "embed", "image", "use", "source", "video", "audio"):
            check(False, f"{label}: a <{t}> element {a}")
        for k, v in a.items():
            if k in ("src", "href", "xlink:href", "action", "data", "poster", "srcset"):
                check((v or "").startswith("#"), f"{label}: {k}={v!r} refers outside the page")
            if k == "style" and "url(" in (v or "") and not re.fullmatch(r"[^()]*(url\(#[^)]*\)[^()]*)*", v):
                check(False, f"{label}: style {v!r} refers outside the page")
    for m in re.finditer(r"url\(([^)]*)\)", text):
        check(m.group(1).startswith("#"), f"{label}: url({m.group(1)}) refers outside the page")
    check("@import" not in text and "http://" not in re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", text),
          f"{label}: no @import and no http:// address besides the SVG namespaces")
    # Printable on A4: the page size, page breaks between parts, rows never split, long words wrapped.
    check(re.search(r"@page\s*\{[^}]*size:\s*A4", page.style) is not None, f"{label}: @page {{ size: A4 }}")
    check("break-before: page" in page.style and "break-inside: avoid" in page.style, f"{label}: page breaks between sections")
    check("overflow-wrap: anywhere" in page.style and "width: 100%" in page.style, f"{label}: tables wrap their cells within the page width")
    return page


def main():
    bin_ = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/coopkb")
    fixture = os.path.join(ROOT, "Tests/Fixtures/kb")
    shipped = os.path.join(ROOT, "kb")
    work = tempfile.mkdtemp(prefix="coopkb-brief-page-")
    try:
        # The golden page on the fixture KB.
        golden = os.path.join(ROOT, "Tests/Fixtures/briefs/mali.html")
        page = check_page(bin_, fixture, "ML", work, "fixture-mali")
        if page is not None:
            got = open(os.path.join(work, "fixture-mali.html"), encoding="utf-8").read()
            if os.environ.get("RECORD") == "1":
                open(golden, "w", encoding="utf-8").write(got)
            else:
                # Graphviz's SVG is compared by what it draws, the rest of the page exactly.
                want = graphviz_structure(open(golden, encoding="utf-8").read())
                got = graphviz_structure(got)
                if want != got:
                    a, b = want.split("\n"), got.split("\n")
                    line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                    check(False, f"fixture page differs from {golden} at line {line + 1}:\n  expected: {a[line][:200] if line < len(a) else '<end>'}\n"
                                 f"  actual:   {b[line][:200] if line < len(b) else '<end>'}")
                else:
                    check(True, "golden")
        # The shipped KB: Mali, a région and an authority.
        check_page(bin_, shipped, "ML", work, "shipped-mali")
        check_page(bin_, shipped, "rennes", work, "shipped-rennes")
        check_page(bin_, fixture, "FR-BRE", work, "fixture-bretagne")
        check_page(bin_, fixture, "gp-mali", work, "fixture-gp-mali")

        # A name holding HTML and quotes cannot break the page.
        hostile = os.path.join(work, "kb-hostile")
        shutil.copytree(fixture, hostile)
        with open(os.path.join(hostile, "zz-hostile.kb"), "w", encoding="utf-8") as f:
            f.write('authority evil "<script>alert(\\"x\\")</script> & </td></table><!-- \u00e9" kind=commune country=FR lat=48.1 lon=-1.6\n')
            f.write("partnership evil " + subprocess.run([bin_, "--kb", fixture, "-f", "tsv", "-e", "authorities in ML | limit 1 | select id"],
                                                         capture_output=True, text=True).stdout.split("\n")[1] + " since=2001\n")
        p = check_page(bin_, hostile, "ML", work, "hostile")
        if p is not None:
            check(not any(t == "script" for t, _ in p.tags), "hostile: no <script> element came from a name")
            cells = [c[0] for t in p.tables for row in t for c in row]
            check('<script>alert("x")</script> & </td></table><!-- \u00e9' in cells, "hostile: the name is shown as written, in a cell")

        # Nothing is written over: an existing file, a link to one, a dangling link.
        mine = os.path.join(work, "mine.html")
        open(mine, "w").write("mine")
        r = run(bin_, fixture, f".brief {mine} ML", cwd=work)
        check(r.returncode == 1 and "exists" in r.stderr and open(mine).read() == "mine", f"an existing file is refused and untouched: {r.stderr[:200]}")
        os.symlink(mine, os.path.join(work, "link.html"))
        r = run(bin_, fixture, ".brief link.html ML", cwd=work)
        check(r.returncode == 1 and open(mine).read() == "mine", "a link to an existing file is refused, the file untouched")
        os.symlink(os.path.join(work, "target.html"), os.path.join(work, "dangling.html"))
        r = run(bin_, fixture, ".brief dangling.html ML", cwd=work)
        check(r.returncode == 1 and not os.path.exists(os.path.join(work, "target.html")), "a dangling link is refused, its target not created")
        # A quoted name with a blank; a quoted REF.
        r = run(bin_, fixture, '.brief "my brief.html" "Mali"', cwd=work)
        check(r.returncode == 0 and os.path.isfile(os.path.join(work, "my brief.html")), f"a quoted file name and REF: {r.stderr[:200]}")
        # Wrong arguments: a message at the place, status 1, no file.
        for stmt, col, words in ((".brief x.txt ML", 1, "FILE.html"), (".brief x.html nowhere-at-all", 15, "nothing is called"),
                                 (".brief x.html ML extra", 18, "after the REF"), (".brief x.html", 1, "usage: .brief FILE.html REF")):
            r = run(bin_, fixture, stmt, cwd=work)
            check(r.returncode == 1 and f"<execute>:1:{col}: error:" in r.stderr and words in r.stderr and not os.path.exists(os.path.join(work, "x.html")),
                  f"{stmt!r}: status 1, '<execute>:1:{col}' and {words!r}: {r.stderr[:300]}")
        # A write error is an error: a full file system (root may mount a small tmpfs).
        small = os.path.join(work, "small")
        os.makedirs(small)
        if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small],
                                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            try:
                target = os.path.join(small, "full.html")
                r = run(bin_, fixture, f".brief {target} ML", cwd=work)
                check(r.returncode == 1 and "No space left on device" in r.stderr and not os.path.exists(target),
                      f"a full disk: status 1, the reason, no partial file: {r.returncode} {r.stderr[:200]}")
            finally:
                subprocess.run(["umount", small])
        else:
            print("skipped: the full-disk check needs root and tmpfs")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"brief pages: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
