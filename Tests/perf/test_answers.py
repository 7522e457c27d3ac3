#!/usr/bin/env python3
"""The fast paths of issue 17 checked against answers computed here, independently, on a generated KB.

    python Tests/perf/test_answers.py .build/debug/coopkb

A KB from bench/gen.py (scale 0.3, about 4,700 authorities and 7,200 partnerships) is loaded into networkx;
then for many pairs of authorities `path from A to B` and `path from A to B via groups` must give a shortest
chain (length from networkx) whose id sequence is the smallest (every smallest-id choice checked against
networkx's distances to B), with the right link at each step; and `count by` over partnerships and
authorities, `where` on coded fields, and the default name order must match what Python computes from the
same files.
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/coopkb"))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def fold(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.category(c).startswith("M"))
    s = s.lower()
    return " ".join(x for x in re.split(r"[ \t\n\r\-'’_.\u00a0\u202f]+", s) if x)


def run(kb, statements):
    """Each statement's TSV rows (header dropped), in one process."""
    args = [BIN, "--kb", kb, "-f", "tsv"]
    for s in statements:
        args += ["-e", s]
    p = subprocess.run(args, capture_output=True, text=True)
    check(p.returncode == 0, f"coopkb exit {p.returncode}: {p.stderr[-500:]}")
    blocks = p.stdout.split("\n\n")
    check(len(blocks) == len(statements), f"{len(blocks)} results for {len(statements)} statements")
    return [[line.split("\t") for line in b.strip("\n").split("\n")[1:] if line] for b in blocks]


def read_kb(kb):
    auth, parts, groups = {}, [], {}
    rx = re.compile(r'(\w+)\s+(\S+)\s+("(?:[^"\\]|\\.)*"|\S+)(.*)')
    for f in sorted(os.listdir(kb)):
        for line in open(os.path.join(kb, f), encoding="utf-8"):
            m = rx.match(line)
            if not m:
                continue
            kind, x, y, rest = m.groups()
            attrs = dict(re.findall(r"(\w+)=(\S+)", rest))
            if kind == "authority":
                auth[x] = {"name": y.strip('"'), **attrs}
            elif kind == "partnership":
                parts.append((x, y, attrs))
            elif kind == "member":
                groups.setdefault(x, []).append(y)
    return auth, parts, groups


def main():
    tmp = tempfile.mkdtemp(prefix="coopkb-answers-")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/gen.py"), "--scale", "0.3", "--out", tmp, "--no-csv"],
                   check=True, capture_output=True)
    kb = os.path.join(tmp, "kb")
    auth, parts, groups = read_kb(kb)

    # Paths: plain and via groups, against networkx.
    plain = nx.Graph()
    plain.add_nodes_from(auth)
    plain.add_edges_from((a, b) for a, b, _ in parts)
    withg = plain.copy()
    group_of_pair = {}
    for g in sorted(groups):
        ms = sorted(set(groups[g]))
        for i, x in enumerate(ms):
            for y in ms[i + 1:]:
                withg.add_edge(x, y)
                group_of_pair.setdefault(frozenset((x, y)), g)
    rng = random.Random(17)
    connected = [a for a in sorted(auth) if plain.degree(a) > 0]
    pairs = [(rng.choice(connected), rng.choice(connected)) for _ in range(60)]
    pairs += [(connected[0], connected[0]), (connected[0], sorted(auth)[0] if plain.degree(sorted(auth)[0]) == 0 else connected[1])]
    lonely = [a for a in sorted(auth) if plain.degree(a) == 0]
    if lonely:
        pairs.append((connected[0], lonely[0]))
    stmts = []
    for a, b in pairs:
        stmts.append(f"path from {a} to {b} | select step, id, link")
        stmts.append(f"path from {a} to {b} via groups | select step, id, link")
    results = run(kb, stmts)
    longest = 0
    for k, (a, b) in enumerate(pairs):
        for g, via, rows in ((plain, False, results[2 * k]), (withg, True, results[2 * k + 1])):
            what = f"path from {a} to {b}{' via groups' if via else ''}"
            try:
                to_b = nx.single_source_shortest_path_length(g, b)
            except nx.NodeNotFound:
                to_b = {}
            if a not in to_b:
                check(rows == [], f"{what}: no chain expected, got {len(rows)} rows")
                continue
            d = to_b[a]
            longest = max(longest, d)
            # The expected chain: from A, always the smallest id one step closer to B.
            chain, cur = [a], a
            while cur != b:
                cur = min(n for n in g.neighbors(cur) if to_b.get(n) == to_b[cur] - 1)
                chain.append(cur)
            check([r[1] for r in rows] == chain, f"{what}: got {[r[1] for r in rows]}, expected {chain}")
            check([r[0] for r in rows] == [str(i) for i in range(len(chain))], f"{what}: steps {[r[0] for r in rows]}")
            for i in range(1, min(len(rows), len(chain))):
                x, y = chain[i - 1], chain[i]
                link = "partnership" if plain.has_edge(x, y) else "group:" + group_of_pair.get(frozenset((x, y)), "?")
                check(rows[i][2] == link, f"{what}: step {i} link {rows[i][2]}, expected {link}")
    check(longest >= 4, f"the pairs should include long chains (longest {longest})")

    # count by, where and the default order, against Python's own counts.
    country = {a: v["country"] for a, v in auth.items()}
    fr = [(a, b, at) if country[a] == "FR" else (b, a, at) for a, b, at in parts if "FR" in (country[a], country[b])]
    by_b = {}
    for a, b, _ in fr:
        by_b[country[b]] = by_b.get(country[b], 0) + 1
    by_kind = {}
    for v in auth.values():
        by_kind[v["kind"]] = by_kind.get(v["kind"], 0) + 1
    by_since = {}
    for _a, _b, at in parts:
        by_since[at["since"]] = by_since.get(at["since"], 0) + 1
    foreign = max((c for c in set(country.values()) if c != "FR"), key=lambda c: (sum(1 for a, b, _ in parts if c in (country[a], country[b])), c))
    partners = set()
    for a, b, _ in parts:
        if country[a] == foreign:
            partners.add(b)
        if country[b] == foreign:
            partners.add(a)
    fr_partners = sorted((p for p in partners if country[p] == "FR"), key=lambda p: (fold(auth[p]["name"]).encode(), p.encode()))
    out = run(kb, ["partnerships of FR | count by b.country", "authorities | count by kind",
                   "partnerships | count by since", "partnerships of FR | count",
                   f"partners of {foreign} | where country = fr | select id", "authorities | select id",
                   "partners of FR | select id", "partners of FR-R03 | select id", "partnerships of FR-R03 | select a, b"])

    def expected_counts(d):
        return [[k, str(n)] for k, n in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))]
    check(out[0] == expected_counts(by_b), "partnerships of FR | count by b.country")
    check(out[1] == expected_counts(by_kind), "authorities | count by kind")
    check(sorted(out[2], key=lambda r: (-int(r[1]), int(r[0]))) == sorted(expected_counts(by_since), key=lambda r: (-int(r[1]), int(r[0]))), "partnerships | count by since")
    check(out[3] == [[str(len(fr))]], "partnerships of FR | count")
    check([r[0] for r in out[4]] == fr_partners, f"partners of {foreign} | where country = fr (in name order)")
    def partners_of(members):
        found = set()
        for a, b, _ in parts:
            if a in members:
                found.add(b)
            if b in members:
                found.add(a)
        return sorted(found, key=lambda p: (fold(auth[p]["name"]).encode(), p.encode()))
    french = {a for a in auth if country[a] == "FR"}
    check([r[0] for r in out[6]] == partners_of(french), "partners of FR (one pass over the partnerships)")
    check([r[0] for r in out[7]] == partners_of({"FR-R03"}), "partners of FR-R03 (following its partnerships)")
    turned = sorted(((a, b) if a == "FR-R03" else (b, a)) for a, b, _ in parts if "FR-R03" in (a, b))
    check([tuple(r) for r in out[8]] == turned, "partnerships of FR-R03, turned so that a is FR-R03")
    names = sorted(auth, key=lambda a: (fold(auth[a]["name"]).encode(), a.encode()))
    check([r[0] for r in out[5]] == names, "authorities in the default order (folded name, then id)")

    print(f"{len(pairs)} pairs (longest chain {longest}), counts and orders: "
          + ("all agree" if not failures else f"{len(failures)} failures"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
