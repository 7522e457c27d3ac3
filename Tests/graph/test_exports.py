#!/usr/bin/env python3
"""The exports read back: GraphML and GEXF by networkx with the same nodes, edges and attributes as the KB says;
GeoJSON against RFC 7946's rules; the neo4j-admin files' headers and rows. Usage: test_exports.py BIN [KB [QUERY...]]."""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

import networkx as nx

FAILURES = []


def check(cond, message):
    if not cond:
        FAILURES.append(message)


def run(bin_, kb, *args):
    return subprocess.run([bin_, "--kb", kb, *args], check=True, capture_output=True, text=True).stdout


def json_rows(bin_, kb, query):
    return json.loads(run(bin_, kb, "-f", "json", "-e", query))


NODE_FIELDS = ["name", "kind", "country", "parent", "code", "population", "member", "lat", "lon", "region", "degree"]
EDGE_FIELDS = ["since", "until", "status", "kind", "themes", "note"]


def expected(bin_, kb, query):
    """The nodes and edges of a query's network, from the binary's json output."""
    if query.startswith("partnerships"):
        rows = json_rows(bin_, kb, f"{query} | select a, b, " + ", ".join(EDGE_FIELDS))
        edges = {frozenset((r["a"], r["b"])): r for r in rows}
        ids = ", ".join(f'"{i}"' for r in rows for i in (r["a"], r["b"]))
        nodes = {r["id"]: r for r in json_rows(bin_, kb, f"authorities | where id in ({ids}) | select id, " + ", ".join(NODE_FIELDS))}
        return nodes, edges
    nodes = {r["id"]: r for r in json_rows(bin_, kb, f"{query} | select id, " + ", ".join(NODE_FIELDS))}
    ids = ", ".join(f'"{i}"' for i in nodes)
    edges = {}
    if nodes:
        for r in json_rows(bin_, kb, f"partnerships | where a in ({ids}) and b in ({ids}) | select a, b, " + ", ".join(EDGE_FIELDS)):
            edges[frozenset((r["a"], r["b"]))] = r
    return nodes, edges


def same(value, want, name, where):
    if want is None:
        check(value is None, f"{where}: {name} should be absent, is {value!r}")
        return
    if isinstance(want, list):
        want = ",".join(want)
    if isinstance(want, float) or name in ("lat", "lon"):
        check(value is not None and abs(float(value) - float(want)) < 1e-9, f"{where}: {name} {value!r} != {want!r}")
    else:
        check(value == want, f"{where}: {name} {value!r} ({type(value).__name__}) != {want!r}")


def check_graph(g, nodes, edges, fmt, query):
    check(set(g.nodes) == set(nodes), f"{fmt} {query}: nodes {sorted(g.nodes)} != {sorted(nodes)}")
    got_edges = {frozenset(e) for e in g.edges}
    check(got_edges == set(edges), f"{fmt} {query}: edges differ ({len(got_edges)} vs {len(edges)})")
    for n, want in nodes.items():
        if n not in g.nodes:
            continue
        data = dict(g.nodes[n])
        if fmt == "gexf":
            check(data.get("label") == want["name"], f"gexf {n}: label {data.get('label')!r}")
            data["name"] = data.pop("label", None)
            viz = data.pop("viz", {})
            if want["lat"] is None:
                check("position" not in viz, f"gexf {n}: a position without coordinates")
            else:
                check("position" in viz, f"gexf {n}: no viz:position")
        for f in NODE_FIELDS:
            same(data.get(f), want[f], f, f"{fmt} {query} node {n}")
    for key, want in edges.items():
        a, b = tuple(key)
        if not g.has_edge(a, b):
            continue
        data = dict(g.edges[a, b])
        for f in EDGE_FIELDS:
            same(data.get(f), want[f], f, f"{fmt} {query} edge {a}-{b}")


def check_geojson(text, nodes, edges, query):
    """RFC 7946: a FeatureCollection of Features; positions [lon, lat] in range; LineStrings of 2+ positions;
    geometry null for what has no coordinates; no crs member; ids strings or numbers."""
    doc = json.loads(text)
    where = f"geojson {query}"
    check(doc.get("type") == "FeatureCollection", f"{where}: not a FeatureCollection")
    check("crs" not in doc, f"{where}: RFC 7946 drops crs")
    features = doc.get("features")
    check(isinstance(features, list), f"{where}: features is not an array")
    points, lines = {}, {}
    for f in features:
        check(f.get("type") == "Feature", f"{where}: a member is not a Feature")
        check("geometry" in f and "properties" in f, f"{where}: Feature without geometry or properties member")
        check(isinstance(f.get("id", ""), (str, int, float)), f"{where}: id neither string nor number")
        g = f["geometry"]
        props = f["properties"]
        check(props is None or isinstance(props, dict), f"{where}: properties not an object")

        def position(p):
            check(isinstance(p, list) and len(p) in (2, 3) and all(isinstance(x, (int, float)) for x in p), f"{where}: bad position {p}")
            lon, lat = p[0], p[1]
            check(-180 <= lon <= 180 and -90 <= lat <= 90, f"{where}: position out of range {p}")
            check(not (lon == 0 and lat == 0), f"{where}: a point at 0,0")
            return lon, lat

        if props["element"] == "authority":
            points[props["id"]] = g
            want = nodes.get(props["id"])
            check(want is not None, f"{where}: unexpected authority {props['id']}")
            if g is None:
                check(want is None or want["lat"] is None, f"{where}: {props['id']} has coordinates but a null geometry")
            else:
                check(g["type"] == "Point", f"{where}: authority geometry {g['type']}")
                lon, lat = position(g["coordinates"])
                if want:
                    check(abs(lon - want["lon"]) < 1e-6 and abs(lat - want["lat"]) < 1e-6, f"{where}: {props['id']} not in lon, lat order")
        else:
            key = frozenset((props["a"], props["b"]))
            lines[key] = g
            if g is not None:
                check(g["type"] == "LineString", f"{where}: partnership geometry {g['type']}")
                check(len(g["coordinates"]) >= 2, f"{where}: LineString of fewer than two positions")
                for p in g["coordinates"]:
                    position(p)
    check(set(points) == set(nodes), f"{where}: points {len(points)} != {len(nodes)}")
    check(set(lines) == set(edges), f"{where}: lines {len(lines)} != {len(edges)}")


def check_neo4j(bin_, kb):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "neo")
        subprocess.run([bin_, "--kb", kb, "-e", f".export neo4j {out}"], check=True, capture_output=True)
        files = sorted(os.listdir(out))
        check("import.sh" in files and "load.cypher" in files, "neo4j: import.sh or load.cypher missing")
        with open(os.path.join(out, "authorities.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        check(rows[0][0] == "id:ID(Authority)" and rows[0][-1] == ":LABEL", f"neo4j: authorities header {rows[0]}")
        n = len(json_rows(bin_, kb, "authorities | select id"))
        check(len(rows) - 1 == n, f"neo4j: {len(rows) - 1} authority rows, KB has {n}")
        check(all(len(r) == len(rows[0]) for r in rows), "neo4j: a row with the wrong number of fields")
        with open(os.path.join(out, "partnerships.csv"), newline="", encoding="utf-8") as f:
            prow = list(csv.reader(f))
        check(prow[0][:2] == [":START_ID(Authority)", ":END_ID(Authority)"] and prow[0][-1] == ":TYPE", f"neo4j: partnerships header {prow[0]}")
        check(len(prow) - 1 == len(json_rows(bin_, kb, "partnerships | select a")), "neo4j: partnership rows")
        check(all(len(r) == len(prow[0]) for r in prow), "neo4j: a partnership row with the wrong number of fields")
        script = open(os.path.join(out, "load.cypher"), encoding="utf-8").read()
        for name in files:
            if name.endswith(".csv"):
                check(f"file:///{name}" in script, f"neo4j: load.cypher does not load {name}")
                check(f"--nodes={name}" in open(os.path.join(out, "import.sh")).read()
                      or f"--relationships={name}" in open(os.path.join(out, "import.sh")).read(), f"neo4j: import.sh skips {name}")
        r = subprocess.run([bin_, "--kb", kb, "-e", f".export neo4j {out}"], capture_output=True, text=True)
        check(r.returncode == 1 and "not empty" in r.stderr, "neo4j: a second export into the same directory is not refused")


def main():
    bin_ = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/coopkb"
    kb = sys.argv[2] if len(sys.argv) > 2 else "Tests/Fixtures/kb"
    queries = sys.argv[3:] or ["authorities", "partners of rennes", "neighbours of ML depth 2", "members of gp-mali",
                               "partnerships of rennes"]
    for q in queries:
        nodes, edges = expected(bin_, kb, q)
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("graphml", "gexf"):
                path = os.path.join(tmp, "g." + fmt)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(run(bin_, kb, "-f", fmt, "-e", q))
                g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
                check(not g.is_directed(), f"{fmt} {q}: directed")
                check_graph(g, nodes, edges, fmt, q)
        check_geojson(run(bin_, kb, "-f", "geojson", "-e", q), nodes, edges, q)
    # A table has no network: refused, not an empty file.
    r = subprocess.run([bin_, "--kb", kb, "-f", "gexf", "-e", "authorities | count by kind"], capture_output=True, text=True)
    check(r.returncode == 1 and r.stdout == "" and "no network" in r.stderr, "a count in gexf mode is not refused")
    check_neo4j(bin_, kb)
    for f in FAILURES:
        print("FAIL", f)
    print(f"exports on {kb}: {len(queries)} queries in graphml, gexf, geojson; neo4j: {'ok' if not FAILURES else str(len(FAILURES)) + ' failures'}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
