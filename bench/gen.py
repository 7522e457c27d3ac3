#!/usr/bin/env python3
"""Writes a synthetic KB shaped like the shipped one, deterministically.

Scale 1 is about the shipped KB (~15,000 authorities, ~12,000 partnerships); the benchmark uses
scale 100 (1,500,000 authorities, 2,400,000 partnerships). Usage:

    python3 bench/gen.py --scale 100 --out bench/data/s100   # writes kb files + CSV for sqlite3/DuckDB

DIR/kb/{countries,authorities,partnerships,groups}.kb, and the same facts as CSV with a header line
for the SQL engines: DIR/csv/countries.csv (id,name,en,zone), authorities.csv
(id,name,kind,country,parent,population; a commune's région is reached through its département,
parent of parent), partnerships.csv (a,b,since,until,kind,themes; themes a quoted comma list),
groups.csv (id,name,kind,countries) and members.csv (grp,authority). Same seed, same files.
"""
import argparse
import itertools
import os
import random

ZONES = ["africa", "asia", "europe", "north-america", "south-america", "oceania"]
THEMES = ["water", "health", "education", "culture", "youth", "economy", "agriculture", "environment",
          "governance", "sport", "tourism", "energy"]
KINDS = ["twinning", "cooperation", "friendship"]
SYLL = ["ba", "ko", "ri", "sa", "mon", "ville", "ter", "lo", "gu", "an", "dé", "bé", "é", "ra", "to", "ni",
        "ma", "li", "sé", "gou", "ren", "nes", "bre", "st", "ly", "on", "mar", "seille"]


def name(rng, n):
    return "".join(rng.choice(SYLL) for _ in range(n)).capitalize()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-csv", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    s = a.scale
    n_countries = 200
    n_regions = 18
    n_deps = 101
    n_communes = int(7000 * s)
    n_foreign = int(8000 * s)
    n_partnerships = int(24000 * s)
    n_groups = 15
    os.makedirs(a.out, exist_ok=True)
    kb = os.path.join(a.out, "kb")
    os.makedirs(kb, exist_ok=True)

    countries = ["FR"] + [chr(65 + i // 26) + chr(65 + i % 26) for i in range(n_countries) if chr(65 + i // 26) + chr(65 + i % 26) != "FR"][: n_countries - 1]
    auth = []  # (id, name, kind, country, parent, population)
    for r in range(n_regions):
        auth.append((f"FR-R{r:02d}", "Région " + name(rng, 3), "region", "FR", "", rng.randint(300000, 12000000)))
    for d in range(n_deps):
        auth.append((f"FR-D{d:03d}", "Département " + name(rng, 3), "departement", "FR", f"FR-R{d % n_regions:02d}", rng.randint(80000, 2600000)))
    for c in range(n_communes):
        auth.append((f"c{c}", name(rng, rng.randint(2, 4)), "commune", "FR", f"FR-D{rng.randrange(n_deps):03d}", int(rng.paretovariate(1.2) * 300)))
    provinces = {}
    for cc in countries[1:]:
        provinces[cc] = [f"{cc}-P{p}" for p in range(3)]
        for p in provinces[cc]:
            auth.append((p, "Province " + name(rng, 3), "province", cc, "", rng.randint(100000, 5000000)))
    foreign_ids = []
    for f in range(n_foreign):
        # Heavy-tailed choice of country: a few countries hold most partners.
        cc = countries[1 + min(int(rng.paretovariate(0.8)) - 1, len(countries) - 2)]
        fid = f"f{f}"
        foreign_ids.append(fid)
        auth.append((fid, name(rng, rng.randint(2, 4)), "municipality", cc, rng.choice(provinces[cc]), int(rng.paretovariate(1.1) * 2000)))
    french_ids = [f"c{c}" for c in range(n_communes)] + [f"FR-D{d:03d}" for d in range(n_deps)] + [f"FR-R{r:02d}" for r in range(n_regions)]

    # Heavy-tailed partnership counts: every authority gets a Pareto(2) weight (a few hubs, a long
    # tail of authorities with one or two partnerships, many with none); départements and régions
    # are heavier, like the real network's. Sides are drawn in proportion to the weights.
    w_fr = [rng.paretovariate(2.0) for _ in range(n_communes)]
    w_fr += [3 * s ** 0.5 * rng.paretovariate(2.0) for _ in range(n_deps)]
    w_fr += [10 * s ** 0.5 * rng.paretovariate(2.0) for _ in range(n_regions)]
    w_fo = [rng.paretovariate(2.0) for _ in range(n_foreign)]
    cw_fr = list(itertools.accumulate(w_fr))
    cw_fo = list(itertools.accumulate(w_fo))

    seen = set()
    parts = []
    while len(parts) < n_partnerships:
        batch = int((n_partnerships - len(parts)) * 1.1) + 16
        xs = rng.choices(french_ids, cum_weights=cw_fr, k=batch)
        ys_fo = rng.choices(foreign_ids, cum_weights=cw_fo, k=batch)
        ys_fr = rng.choices(french_ids, cum_weights=cw_fr, k=batch)
        for x, y_fo, y_fr in zip(xs, ys_fo, ys_fr):
            if len(parts) >= n_partnerships:
                break
            y = y_fo if rng.random() < 0.85 else y_fr
            if x == y:
                continue
            key = (x, y) if x < y else (y, x)
            if key in seen:
                continue
            seen.add(key)
            since = rng.randint(1950, 2024)
            until = since + rng.randint(1, 20) if rng.random() < 0.15 else 0
            themes = rng.sample(THEMES, rng.randint(0, 3))
            parts.append((x, y, since, until, rng.choice(KINDS), themes))

    with open(os.path.join(kb, "countries.kb"), "w") as out:
        for i, cc in enumerate(countries):
            out.write(f'country {cc} "Pays {cc}" en="Country {cc}" zone={ZONES[i % len(ZONES)]}\n')
    with open(os.path.join(kb, "authorities.kb"), "w") as out:
        for (i, n, k, c, p, pop) in auth:
            out.write(f'authority {i} "{n}" kind={k} country={c}' + (f" parent={p}" if p else "") + f" population={pop}\n")
    with open(os.path.join(kb, "partnerships.kb"), "w") as out:
        for (x, y, since, until, kind, themes) in parts:
            line = f"partnership {x} {y} since={since}"
            if until:
                line += f" until={until}"
            line += f" kind={kind}"
            if themes:
                line += " themes=" + ",".join(themes)
            out.write(line + "\n")
    members = []
    with open(os.path.join(kb, "groups.kb"), "w") as out:
        for g in range(n_groups):
            cc = countries[1 + g]
            out.write(f'group gp-{cc.lower()} "Groupe-pays {cc}" countries={cc}\n')
        for g in range(n_groups):
            cc = countries[1 + g]
            chosen = sorted(set(rng.choice(french_ids) for _ in range(int(40 * s) + 5)))
            for m in chosen:
                members.append((f"gp-{cc.lower()}", m))
                out.write(f"member gp-{cc.lower()} {m}\n")
    if not a.no_csv:
        csv = os.path.join(a.out, "csv")
        os.makedirs(csv, exist_ok=True)
        with open(os.path.join(csv, "countries.csv"), "w") as out:
            out.write("id,name,en,zone\n")
            for i, cc in enumerate(countries):
                out.write(f"{cc},Pays {cc},Country {cc},{ZONES[i % len(ZONES)]}\n")
        with open(os.path.join(csv, "authorities.csv"), "w") as out:
            out.write("id,name,kind,country,parent,population\n")
            for (i, n, k, c, p, pop) in auth:
                out.write(f"{i},{n},{k},{c},{p},{pop}\n")
        with open(os.path.join(csv, "partnerships.csv"), "w") as out:
            out.write("a,b,since,until,kind,themes\n")
            for (x, y, since, until, kind, themes) in parts:
                out.write(f"{x},{y},{since},{until if until else ''},{kind},\"{','.join(themes)}\"\n")
        with open(os.path.join(csv, "groups.csv"), "w") as out:
            out.write("id,name,kind,countries\n")
            for g in range(n_groups):
                cc = countries[1 + g]
                out.write(f"gp-{cc.lower()},Groupe-pays {cc},country,{cc}\n")
        with open(os.path.join(csv, "members.csv"), "w") as out:
            out.write("grp,authority\n")
            for (g, m) in members:
                out.write(f"{g},{m}\n")
    print(f"scale {s}: {len(countries)} countries, {len(auth)} authorities, {len(parts)} partnerships, {len(members)} memberships -> {a.out}")


if __name__ == "__main__":
    main()
