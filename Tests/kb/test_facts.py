#!/usr/bin/env python3
"""Facts picked at random (seeded, so the same each run) from the sources in data/sources come back right
from the real binary on the shipped kb/: a commune's INSEE code, name and legal population, a département's
région, a town's twins. Usage: python3 Tests/kb/test_facts.py BINARY   (prints one line per check, then
`N passed, M failed`; exits 1 on any failure)."""
import csv
import json
import os
import random
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
src = os.path.join(root, "data", "sources")
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "debug", "coopkb")
rng = random.Random(20261128)
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(("ok    " if ok else "FAIL  ") + what)


def run(statements):
    args = [binary, "--kb", os.path.join(root, "kb"), "-f", "json", "--quiet"]
    for s in statements:
        args += ["-e", s]
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr)
    docs, depth, start = [], 0, 0
    text = out.stdout
    for i, ch in enumerate(text):  # one JSON array per statement
        if ch == "[" and depth == 0:
            start = i
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                docs.append(json.loads(text[start:i + 1]))
    return docs


# Communes: INSEE code, name, population (PMUN), département.
with open(os.path.join(src, "fr-cog-2024", "communes.csv"), encoding="utf-8") as f:
    communes = [r for r in csv.DictReader(f) if r["TYPECOM"] == "COM"]
with open(os.path.join(src, "fr-cog-2024", "donnees_communes.csv"), encoding="utf-8") as f:
    population = {r["COM"]: int(r["PMUN"]) for r in csv.DictReader(f, delimiter=";")}
sample = rng.sample(communes, 25)
docs = run([f'authorities | where code = "{c["COM"]}" and kind = commune | select code, name, population, parent' for c in sample])
for c, rows in zip(sample, docs):
    want_pop = population.get(c["COM"])
    ok = len(rows) == 1 and rows[0]["name"] == c["LIBELLE"] and rows[0]["population"] == want_pop
    ok = ok and rows[0]["parent"].endswith(c["DEP"]) if ok else ok
    check(ok, f'commune {c["COM"]} {c["LIBELLE"]}: population {want_pop}, département {c["DEP"]} -> {rows}')

# Départements: their région (INSEE code) through the parent.
with open(os.path.join(src, "fr-cog-2024", "departements.csv"), encoding="utf-8") as f:
    deps = list(csv.DictReader(f))
with open(os.path.join(src, "fr-cog-2024", "regions.csv"), encoding="utf-8") as f:
    regions = {r["REG"]: r["LIBELLE"] for r in csv.DictReader(f)}
sample = rng.sample(deps, 10)
docs = run([f'authorities | where kind = departement and code = "{d["DEP"]}" | select code, name, region' for d in sample])
region_names = run([f'authorities | where id = "{rows[0]["region"] if rows else "none"}" | select name, code' for rows in docs])
for d, rows, reg in zip(sample, docs, region_names):
    ok = len(rows) == 1 and rows[0]["name"] == d["LIBELLE"] and len(reg) == 1 and reg[0]["code"] == d["REG"]
    check(ok, f'département {d["DEP"]} {d["LIBELLE"]} is in région {d["REG"]} {regions[d["REG"]]} -> {rows} {reg}')

# Twins: a sampled Wikidata pair whose French town has a unique name comes back as a partnership.
with open(os.path.join(src, "twinning-wikidata-fr", "france.tsv"), encoding="utf-8") as f:
    pairs = [r for r in csv.DictReader(f, delimiter="\t")]
by_name = {}
for c in communes:
    by_name.setdefault(c["LIBELLE"], []).append(c)
unique = [p for p in pairs if len(by_name.get(p["origincityLabel"], [])) == 1 and p["destination_countryLabel"] != "France"]
sample = rng.sample(unique, 20)
docs = run([f'partnerships of (authorities | where code = "{by_name[p["origincityLabel"]][0]["COM"]}" and kind = commune) | select a.name, b.name' for p in sample])
found = 0
for p, rows in zip(sample, docs):
    ok = any(r["b.name"] == p["sistercityLabel"] for r in rows)
    found += ok
    print(("ok    " if ok else "miss  ") + f'{p["origincityLabel"]} - {p["sistercityLabel"]} ({p["destination_countryLabel"]})')
check(found >= 19, f"twin pairs found: {found} of {len(sample)} (the generator's summary owns up to about 2% left out)")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
