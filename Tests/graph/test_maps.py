#!/usr/bin/env python3
"""Maps: .map renders SVG and PNG for a country and a région on the fixture KB and the shipped KB; points without
coordinates are counted in the legend, never drawn; the outlines are found from the build tree and from an
installed layout (PREFIX/bin/coopkb beside PREFIX/share/coopkb/maps). Usage: test_maps.py BIN [OUTDIR]."""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

FAILURES = []
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def check(cond, message):
    if not cond:
        FAILURES.append(message)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    check(head[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG")
    return struct.unpack(">II", head[16:24])


def render(bin_, kb, out, query, env=None):
    r = subprocess.run([bin_, "--kb", kb, "-e", f".map {out} {query}"], capture_output=True, text=True, env=env)
    check(r.returncode == 0, f".map {out} {query}: status {r.returncode}: {r.stderr}")
    return r


def main():
    bin_ = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/coopkb")
    keep = sys.argv[2] if len(sys.argv) > 2 else None
    tmp = tempfile.mkdtemp()
    try:
        cases = [("Tests/Fixtures/kb", "country", "partnerships of ML"), ("Tests/Fixtures/kb", "region", "partnerships of (authorities in FR-BRE)"),
                 ("kb", "country", "partnerships of ML"), ("kb", "region", "authorities in FR-BRE | where degree > 0")]
        for kb, what, query in cases:
            name = f"{'fixture' if 'Fixtures' in kb else 'shipped'}-{what}"
            svg = os.path.join(tmp, name + ".svg")
            png = os.path.join(tmp, name + ".png")
            render(bin_, kb, svg, query)
            render(bin_, kb, png, query)
            if not os.path.exists(svg) or not os.path.exists(png):
                check(False, f"{name}: no file written")
                continue
            w, h = png_size(png)
            check(w == 1000 and 300 < h < 2000, f"{name}: PNG {w}x{h}")
            text = open(svg, encoding="utf-8").read()
            root = ET.fromstring(text)
            ns = "{http://www.w3.org/2000/svg}"
            circles = [c for g in root.iter(ns + "g") if g.get("class") == "authorities" for c in g.findall(ns + "circle")]
            # Points: one circle per located authority of the network.
            m = re.search(r"(\d+) authorit(?:y|ies) placed(?:; (\d+) without coordinates, not shown)?", text)
            check(m is not None, f"{name}: the legend does not count the placed authorities")
            if m:
                placed = int(m.group(1))
                check(len(circles) == placed, f"{name}: {len(circles)} points drawn, legend says {placed}")
            check("Natural Earth" in text and "ADMIN EXPRESS" in text, f"{name}: credits missing")
            for c in circles:
                check(not (c.get("cx") == "0.0" and c.get("cy") == "0.0"), f"{name}: a point at 0,0")
            if what == "country":
                check("France (métropole)" in text, f"{name}: no France inset on a map with French and foreign points")
            if keep:
                os.makedirs(keep, exist_ok=True)
                shutil.copy(png, os.path.join(keep, name + ".png"))
        # The fixture has authorities without coordinates: counted, not shown.
        svg = os.path.join(tmp, "missing.svg")
        render(bin_, "Tests/Fixtures/kb", svg, "partners of rennes")
        text = open(svg, encoding="utf-8").read() if os.path.exists(svg) else ""
        check("1 without coordinates, not shown" in text, "partners of rennes: sendai (no coordinates) is not counted in the legend")
        # Never overwrite.
        r = subprocess.run([bin_, "--kb", "Tests/Fixtures/kb", "-e", f".map {svg} partners of rennes"], capture_output=True, text=True)
        check(r.returncode == 1 and "exists" in r.stderr, ".map over an existing file is not refused")
        # A quoted file name with a blank, then the query (as .render takes it).
        spaced = os.path.join(tmp, "my map.svg")
        r = subprocess.run([bin_, "--kb", "Tests/Fixtures/kb", "-e", f'.map "{spaced}" partners of rennes'], capture_output=True, text=True)
        check(r.returncode == 0 and os.path.exists(spaced), f'.map "my map.svg" QUERY: {r.stderr}')
        # Installed layout: PREFIX/bin/coopkb finds PREFIX/share/coopkb/maps.
        prefix = os.path.join(tmp, "prefix")
        os.makedirs(os.path.join(prefix, "bin"))
        shutil.copy(bin_, os.path.join(prefix, "bin", "coopkb"))
        shutil.copytree(os.path.join(ROOT, "share", "coopkb", "maps"), os.path.join(prefix, "share", "coopkb", "maps"))
        env = dict(os.environ)
        env.pop("COOPKB_SHARE", None)
        out = os.path.join(tmp, "installed.svg")
        r = subprocess.run([os.path.join(prefix, "bin", "coopkb"), "--kb", os.path.join(ROOT, "Tests/Fixtures/kb"), "-e", f".map {out} partnerships of ML"],
                           capture_output=True, text=True, env=env, cwd=tmp)
        check(r.returncode == 0 and os.path.exists(out), f"installed layout: {r.stderr}")
    finally:
        shutil.rmtree(tmp)
    for f in FAILURES:
        print("FAIL", f)
    print(f"maps: {len(cases)} maps in SVG and PNG, legend, credits, installed layout: {'ok' if not FAILURES else str(len(FAILURES)) + ' failures'}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
