#!/usr/bin/env python3
"""Facts picked at random (seeded, so the same each run) from the sources in data/sources come back right
from the real binary on the shipped kb/: a commune's INSEE code, name and legal population, a département's
région, a town's twins. Usage: python3 Tests/kb/test_facts.py BINARY   (prints one line per check, then
`N passed, M failed`; exits 1 on any failure)."""
import csv
import json
import math
import os
import random
import re
import subprocess
import sys
import unicodedata

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


# ---------------------------------------------------------------------------------------------------------
# Facts of the sources that issue 13 added to the KB, each checked against its own source file here, with
# its own reading of the file (not genkb.py's code).

def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def one_commune(code):
    return f'authorities | where code = "{code}" and (kind = commune or kind = district) | select id, name, lat, lon, epci, population, parent'


# Coordinates: La Poste's centroid of sampled communes, to the KB's 4 decimals.
with open(os.path.join(src, "fr-communes-coords", "communes_2024_coords.csv"), encoding="utf-8") as f:
    coords = [r for r in csv.DictReader(f) if r["typecom"] == "COM"]
sample = rng.sample(coords, 25)
docs = run([one_commune(c["code_insee"]) for c in sample])
for c, rows in zip(sample, docs):
    ok = len(rows) == 1 and abs(rows[0]["lat"] - float(c["latitude"])) <= 0.00006 \
        and abs(rows[0]["lon"] - float(c["longitude"])) <= 0.00006
    check(ok, f'commune {c["code_insee"]} {c["libelle"]} at {c["latitude"]}, {c["longitude"]} -> {rows}')

# A département's coordinates are those of its chef-lieu commune.
coord_of = {c["code_insee"]: (float(c["latitude"]), float(c["longitude"])) for c in coords}
sample = rng.sample(deps, 5)
docs = run([f'authorities | where kind = departement and code = "{d["DEP"]}" | select lat, lon' for d in sample])
for d, rows in zip(sample, docs):
    la, lo = coord_of[d["CHEFLIEU"]]
    ok = len(rows) == 1 and abs(rows[0]["lat"] - la) <= 0.00006 and abs(rows[0]["lon"] - lo) <= 0.00006
    check(ok, f'département {d["DEP"]} {d["LIBELLE"]} at its chef-lieu {d["CHEFLIEU"]} ({la}, {lo}) -> {rows}')

# EPCI memberships (DGCL epci-membres-2024.csv): a sampled commune's epci, and whole EPCIs through
# `authorities in`, which gives exactly the member communes.
with open(os.path.join(src, "fr-cog-2024", "epci-membres-2024.csv"), encoding="utf-8") as f:
    membres = list(csv.DictReader(f))
sample = rng.sample(membres, 20)
docs = run([one_commune(m["insee"]) for m in sample])
for m, rows in zip(sample, docs):
    ok = len(rows) == 1 and rows[0]["epci"] == "epci-" + m["siren"]
    check(ok, f'commune {m["insee"]} {m["nom_membre"]} is in {m["raison_sociale"]} ({m["siren"]}) -> {rows}')
by_epci = {}
for m in membres:
    by_epci.setdefault(m["siren"], set()).add(m["insee"])
sample = rng.sample(sorted(by_epci), 8) + ["242900314"]   # and Brest Métropole, the audit's example
docs = run([f'authorities in epci-{e} | select code' for e in sample])
for e, rows in zip(sample, docs):
    ok = {r["code"] for r in rows} == by_epci[e]
    check(ok, f'authorities in epci-{e}: its {len(by_epci[e])} member communes -> {len(rows)} rows')

# Populations: Paris, Lyon, Marseille as the sum of their arrondissements (donnees_communes.csv); a
# commune nouvelle of 2024 (Oullins-Pierre-Bénite) with DGCL's 2024 count, not the former chef-lieu's.
arm_total = {}
for c in csv.DictReader(open(os.path.join(src, "fr-cog-2024", "communes.csv"), encoding="utf-8")):
    if c["TYPECOM"] == "ARM":
        arm_total[c["COMPARENT"]] = arm_total.get(c["COMPARENT"], 0) + population[c["COM"]]
pmun_2024 = {m["insee"]: int(m["pmun_2024"]) for m in membres}
cases = [("75056", arm_total["75056"]), ("69123", arm_total["69123"]), ("13055", arm_total["13055"]),
         ("69149", pmun_2024["69149"])]
docs = run([one_commune(c) for c, _ in cases])
for (c, want), rows in zip(cases, docs):
    check(len(rows) == 1 and rows[0]["population"] == want, f"population of {c} is {want} -> {rows}")

# Homonyms decided by the extract's coordinates: for sampled rows whose French label several communes
# share, the twin is attached to the commune of that name nearest the row's coordinates.
label_of = {}
for c in communes:
    label_of.setdefault(c["LIBELLE"], []).append(c["COM"])
homonym_rows = [p for p in pairs if len(label_of.get(p["origincityLabel"], [])) > 1
                and p["destination_countryLabel"] != "France"
                and all(x in coord_of for x in label_of[p["origincityLabel"]])]
sample = rng.sample(homonym_rows, 15)
want_codes = []
for p in sample:
    la, lo = float(p["originlat"]), float(p["originlong"])
    want_codes.append(min(label_of[p["origincityLabel"]], key=lambda x: km(la, lo, *coord_of[x])))
docs = run([f'partnerships of (authorities | where code = "{w}" and kind = commune) | select b.name' for w in want_codes])
for p, w, rows in zip(sample, want_codes, docs):
    check(any(r["b.name"] == p["sistercityLabel"] for r in rows),
          f'{p["origincityLabel"]} (at {p["originlat"]}, {p["originlong"]}) is commune {w}, twinned with {p["sistercityLabel"]}')
# The audit's two wrong homonyms: Rottenburg am Neckar's Saint-Claude is in Jura, Fürth's Thizy in Rhône.
fixed = [("Rottenburg am Neckar", "39478"), ("Fürth", "69248")]
docs = run([f'partners of (authorities | where name = "{n}" and country != FR) | where country = FR | select code' for n, _ in fixed])
for (n, code), rows in zip(fixed, docs):
    check([r["code"] for r in rows].count(code) == 1, f"{n}'s French twin is commune {code} -> {rows}")

# One place, one record: places the extract lists under two countries, or twice for one French town.
once = ["Dakhla", "Haouza", "Yalta", "Gjakova", "Trougoumbé"]
docs = run([f'authorities | where name = "{n}" | select id, country' for n in once])
for n, rows in zip(once, docs):
    check(len(rows) == 1, f"{n} is one record -> {rows}")

# Overseas collectivities: their communes load, with their own parent chain, and so do their twinnings.
with open(os.path.join(src, "fr-cog-2024", "collectivites-outremer.csv"), encoding="utf-8") as f:
    outremer = [r for r in csv.DictReader(f) if r["code_collectivite"] != "989"]
sample = rng.sample(outremer, 6)
docs = run([one_commune(r["code_commune"]) for r in sample])
for r, rows in zip(sample, docs):
    want_pop = int(r["population"]) if r["population"] else None
    ok = len(rows) == 1 and rows[0]["name"] == r["nom_commune"] and rows[0]["population"] == want_pop \
        and rows[0]["parent"].startswith("FR-") and len(rows[0]["parent"]) == 5
    check(ok, f'{r["code_commune"]} {r["nom_commune"]} ({r["nom_collectivite"]}), population {want_pop} -> {rows}')
overseas_rows = [p for p in pairs if float(p["originlat"]) < 0 and float(p["originlong"]) > 160]  # Nouvelle-Calédonie
docs = run([f'partnerships of (authorities | where name = "{p["origincityLabel"]}" and country = FR and parent = FR-NC) | select b.name' for p in overseas_rows])
for p, rows in zip(overseas_rows, docs):
    check(any(r["b.name"] == p["sistercityLabel"] for r in rows), f'{p["origincityLabel"]} (Nouvelle-Calédonie) - {p["sistercityLabel"]}')

# Memberships: NOTES.md states Nice in the Liban group; every other membership is derived by rule, and
# says so in the KB (no member record without its basis) and in every output that shows it.
member_lines = [ln for ln in open(os.path.join(root, "kb", "groups.kb"), encoding="utf-8") if ln.startswith("member ")]
check(member_lines and all(" basis=stated" in ln or " basis=derived" in ln for ln in member_lines),
      f"every one of the {len(member_lines)} member records of kb/groups.kb has its basis")
notes = open(os.path.join(src, "cuf-country-groups", "NOTES.md"), encoding="utf-8").read()
check("Nice is a member" in notes and any(ln.split()[1:3] == ["gp-liban", "nice"] and "basis=stated" in ln
                                          for ln in member_lines), "NOTES.md: Nice is a stated member of gp-liban")
docs = run(["show rennes", "show gp-liban", "path from brest to bandiagara-cercle via groups", "groups of rennes",
            "members of gp-liban"])
groups_lines = [r["value"] for r in docs[0] if r["field"] == "group"]
check(groups_lines and all(v.endswith("derived membership") for v in groups_lines), f"show rennes: {groups_lines}")
check(any(r["field"] == "member" and r["value"].startswith("nice ") and r["value"].endswith("stated") for r in docs[1]),
      "show gp-liban: nice is a stated member")
check(any(r.get("basis") == "derived" for r in docs[2]), f"path via groups names the derived step: {docs[2]}")
check(docs[3] and all(r.get("derived") == r.get("members") and r.get("basis") == "derived" for r in docs[3]),
      f"groups of rennes shows derived counts and the derived basis: {docs[3]}")
check(docs[4] and all(r.get("basis") == ("stated" if r["id"] == "nice" else "derived") for r in docs[4]),
      f"members of gp-liban: nice stated, the others derived: {docs[4]}")

# Homonyms across countries (docs/names.md): no French commune keeps the bare slug beside a foreign place of
# its name, but brest (SPEC's example), which gets the homonym note; renaming moved no partnership: each
# place has the source rows it had before (Tests/kb/homonyms.tsv), and each row names that place.
docs = run(["authorities | where kind = commune | select id", "authorities | where country != FR | select id, name, country"])
commune_ids = {r["id"] for r in docs[0]}
suffix = re.compile(r"-([a-z]{2})(-\d+)?$")  # a foreign place's id: slug-cc, or slug-cc-2 when its country has two
bare = sorted({r["id"][:m.start()] for r in docs[1] for m in [suffix.search(r["id"])]
               if m and m.group(1) == r["country"].lower() and r["id"][:m.start()] in commune_ids})
check(bare == ["brest"], f"the only commune with a bare slug beside a foreign namesake is brest: {bare}")
with open(os.path.join(src, "twinning-wikidata-fr", "france.tsv"), encoding="utf-8") as f:
    tsv_lines = f.read().split("\n")
homonyms = [ln.rstrip("\n").split("\t") for ln in open(os.path.join(root, "Tests", "kb", "homonyms.tsv"), encoding="utf-8")
            if not ln.startswith("#")]
docs = run([f"show {now}" for _, _, _, now, _ in homonyms] + [f"partnerships of {now} | select source" for _, _, _, now, _ in homonyms])
shows, sources = docs[:len(homonyms)], docs[len(homonyms):]
for (name, cc, before, now, rows), shown, got in zip(homonyms, shows, sources):
    fields = {r["field"]: r["value"] for r in shown}
    have = sorted({s for r in got for s in r["source"].split(",")}, key=lambda s: int(s.split(":")[1]))
    want = rows.split()
    named = []
    for s in have:
        row = tsv_lines[int(s.split(":")[1]) - 1].split("\t")
        french = row[0] == name or (row[5] == name and row[9] == "France")
        named.append(french if cc == "FR" else row[5] == name and row[9] != "France")
    check(fields.get("name") == name and fields.get("country") == cc and have == want and all(named),
          f"{before} -> {now} ({name}, {cc}): partnerships by source row {have} (before: {want}), each row names it")
note = subprocess.run([binary, "--kb", os.path.join(root, "kb"), "-e", "show brest"], capture_output=True, text=True).stderr
check(note.startswith("<execute>:1:6: note: 'brest' is the id of brest (commune, Finistère, ") and "also called \"brest\": brest-by (municipality, " in note,
      f"show brest: a note names Brest (Belarus): {note[:200]}")

# French places' alternate names (kb/SOURCES.md, docs/names.md): GeoNames alternates of the cities of France
# are match-only names of their commune. Each one is in the GeoNames file under a French place; none is a
# code or a lower-case transliteration; none folds like the name, en, aka, id or match name of any other
# record of the KB (a match-only name never takes another place's name); and they find the commune.
def spec_fold(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s\-'’_.]+", " ", s).strip()


quoted = re.compile(r'"((?:[^"\\]|\\.)*)"')
record = re.compile(r'^(country|authority|group) (\S+) "((?:[^"\\]|\\.)*)"(.*)$')
holders, commune_match = {}, {}
for dirpath, _, files in os.walk(os.path.join(root, "kb")):
    for fn in files:
        if not fn.endswith(".kb"):
            continue
        for ln in open(os.path.join(dirpath, fn), encoding="utf-8"):
            m = record.match(ln.rstrip("\n"))
            if not m:
                continue
            rest = m.group(4).split("  # ")[0]
            names_ = [m.group(2), m.group(3)]
            for attr in re.finditer(r' (en|aka|match)=((?:"(?:[^"\\]|\\.)*",?)+)', rest):
                names_ += quoted.findall(attr.group(2))
                if attr.group(1) == "match" and " kind=commune " in ln:
                    commune_match[m.group(2)] = quoted.findall(attr.group(2))
            for n in names_:
                holders.setdefault(spec_fold(n), set()).add(m.group(2))
french_codes = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"}
geonames_french = set()
with open(os.path.join(src, "geonames-alternatenames", "cities15000_alternatenames_latin.tsv"), encoding="utf-8") as f:
    next(f)
    for ln in f:
        row = ln.rstrip("\n").split("\t")
        if row[1] in french_codes:
            geonames_french.update([row[2]] + row[5].split("|"))
all_match = [(i, n) for i, ns in commune_match.items() for n in ns]
check(len(commune_match) > 500 and len(all_match) > 2000,
      f"{len(all_match)} GeoNames alternate names on {len(commune_match)} communes")
not_in_source = [(i, n) for i, n in all_match if n not in geonames_french]
check(not not_in_source, f"every commune's match name is a GeoNames name of a French city: {not_in_source[:5]}")
codes = [(i, n) for i, n in all_match if (len(n) <= 4 and n.isupper()) or not n[0].isupper()]
check(not codes, f"no commune's match name is a code or starts in lower case: {codes[:5]}")
clashes = [(i, n, sorted(holders[spec_fold(n)] - {i})) for i, n in all_match if holders[spec_fold(n)] - {i}]
check(not clashes, f"no commune's match name folds like a name, aka, id or match name of another record: {clashes[:5]}")
code_of = {}
for c in communes:
    code_of.setdefault(c["LIBELLE"], []).append(c["COM"])
exonyms = [("Dunkirk", "Dunkerque"), ("Lyons", "Lyon"), ("Marseilles", "Marseille"), ("Rheims", "Reims"),
           ('"Straßburg"', "Strasbourg"), ("nizza", "Nice"), ("Lutetia", "Paris"), ('"Dünkirchen"', "Dunkerque")]
docs = run([f"{n} | select code, name" for n, _ in exonyms] + ["show Dunkirk", "rans | select code"])
for (n, commune), rows in zip(exonyms, docs):
    check(rows == [{"code": code_of[commune][0], "name": commune}] and len(code_of[commune]) == 1,
          f"{n} is the commune {commune} ({code_of[commune]}) -> {rows}")
check(docs[-2] and not any("Dunkirk" in str(r["value"]) for r in docs[-2]), "show Dunkirk never shows the name Dunkirk")
check(docs[-1] == [{"code": "39452"}], f"rans is the commune Rans (Jura), not a name of Reims -> {docs[-1]}")
out = subprocess.run([binary, "--kb", os.path.join(root, "kb"), "-e", "Strassburg"], capture_output=True, text=True)
check(out.returncode == 1 and out.stdout == "" and out.stderr.startswith(
      "<execute>:1:1: error: nothing is called Strassburg; did you mean 'strasbourg' (Strasbourg, commune, Bas-Rhin, "),
      f"Strassburg, a GeoNames name of Strasbourg and of Aiud (Romania), is neither's: {out.stderr[:200]}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
