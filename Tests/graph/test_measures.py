#!/usr/bin/env python3
"""Betweenness, closeness and components of coopkb equal networkx's, on a KB (default: the fixture KB; `make test`
runs it on the fixture KB and on the shipped kb/).

Usage: test_measures.py BIN [KB]. The graph networkx gets is built from the binary's plain tsv output
(`authorities` and `partnerships`), so the test checks the measures, not a shared reading of the files.
"""
import subprocess
import sys

import networkx as nx


def tsv(bin_, kb, query):
    out = subprocess.run([bin_, "--kb", kb, "-f", "tsv", "-e", query], check=True, capture_output=True, text=True).stdout
    lines = out.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def measures(g):
    """networkx's betweenness_centrality(g) and closeness_centrality(g), with their defaults.

    On a small graph, called as they are. networkx initialises a dict over every node for each source, so on the
    shipped KB (39,766 authorities, 36,000 of them without a partnership) the direct call takes over 5 minutes;
    there, networkx computes both on the subgraph of authorities with a partnership and the whole graph's
    normalisation is applied to its values: an isolated node changes no shortest path, so betweenness is
    networkx's unnormalised value (halved for an undirected graph) times 2/((n-1)(n-2)), and closeness is
    networkx's (r-1)/sum(d) times (r-1)/(n-1), r the size of the node's component, n the whole graph's size
    (its Wasserman-Faust factor). Isolated nodes get 0 for both, as networkx gives them.
    """
    n = g.number_of_nodes()
    if n <= 5000:
        return nx.betweenness_centrality(g), nx.closeness_centrality(g)
    h = g.subgraph([v for v in g if g.degree(v) > 0]).copy()
    raw = nx.betweenness_centrality(h, normalized=False)
    near = nx.closeness_centrality(h, wf_improved=False)
    size = {}
    for c in nx.connected_components(h):
        for v in c:
            size[v] = len(c)
    bc = {v: 0.0 for v in g}
    cc = {v: 0.0 for v in g}
    for v, x in raw.items():
        bc[v] = x * 2 / ((n - 1) * (n - 2))
    for v, x in near.items():
        cc[v] = x * (size[v] - 1) / (n - 1)
    return bc, cc


def main():
    bin_ = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/coopkb"
    kb = sys.argv[2] if len(sys.argv) > 2 else "Tests/Fixtures/kb"
    authorities = tsv(bin_, kb, "authorities | select id, betweenness, closeness, component")
    edges = tsv(bin_, kb, "partnerships | select a, b")
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in authorities)
    g.add_edges_from((e["a"], e["b"]) for e in edges)
    assert g.number_of_edges() == len(edges), "a pair appears twice"
    bc, cc = measures(g)
    failures = []
    for a in authorities:
        for name, ref in (("betweenness", bc), ("closeness", cc)):
            got = float(a[name])
            if abs(got - ref[a["id"]]) > 1e-12 + 1e-9 * abs(ref[a["id"]]):
                failures.append(f"{a['id']}: {name} {got} != networkx {ref[a['id']]}")
    # Components: the same partition, numbered by size then smallest id.
    ours = {}
    for a in authorities:
        ours.setdefault(int(a["component"]), set()).add(a["id"])
    theirs = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), min(x.encode() for x in c)))
    expected = {i + 1: set(c) for i, c in enumerate(theirs)}
    if ours != expected:
        failures.append(f"components differ: {len(ours)} vs networkx {len(expected)}")
    rows = tsv(bin_, kb, "components")
    if len(rows) != nx.number_connected_components(g):
        failures.append(f"components term: {len(rows)} rows, networkx {nx.number_connected_components(g)}")
    # Partnerships per component, counted once over the edges (a subgraph view per component would walk the
    # whole graph each time: minutes on the shipped KB's 36,000 components).
    component_of = {v: i for i, members in expected.items() for v in members}
    edges_in = {}
    for u, v in g.edges():
        edges_in[component_of[u]] = edges_in.get(component_of[u], 0) + 1
    for r in rows:
        number = int(r["component"])
        members = expected.get(number, set())
        if int(r["size"]) != len(members):
            failures.append(f"component {r['component']}: size {r['size']} != {len(members)}")
        if int(r["partnerships"]) != edges_in.get(number, 0):
            failures.append(f"component {r['component']}: partnerships {r['partnerships']} != networkx {edges_in.get(number, 0)}")
        if r["largest"] not in members or r["hub"] not in members:
            failures.append(f"component {r['component']}: largest/hub not a member")
        elif int(r["hub_degree"]) != max(g.degree(v) for v in members):
            failures.append(f"component {r['component']}: hub_degree {r['hub_degree']}")
    # The brokers, as `sort by betweenness desc` ranks them.
    ranked = [r["id"] for r in tsv(bin_, kb, "authorities | sort by betweenness desc, id | limit 5 | select id")]
    want = [v for v, _ in sorted(bc.items(), key=lambda kv: (-kv[1], kv[0].encode()))][:5]
    if [bc[x] for x in ranked] != [bc[x] for x in want]:
        failures.append(f"sort by betweenness desc: {ranked}, networkx {want}")
    for f in failures:
        print("FAIL", f)
    print(f"measures on {kb}: {len(authorities)} authorities, {len(edges)} partnerships, "
          f"{len(rows)} components: {'ok' if not failures else str(len(failures)) + ' failures'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
