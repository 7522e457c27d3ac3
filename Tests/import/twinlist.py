#!/usr/bin/env python3
"""Builds a twin-town list as found on the web, from real data: the Wikidata P190 pairs of French communes
(data/sources/twinning-wikidata-fr/france.tsv), with columns city1,country1,city2,country2, English names,
free-text countries ("England", "Scotland", "Republic of Ireland", "Gaza Strip", "USA", "People's Republic
of China"…) and the French town on either side (seeded shuffle). Usage: twinlist.py OUT.csv [SEED]
Also writes OUT.csv.truth (TSV: line, French label, French population, partner, partner country) for checks."""
import csv
import os
import random
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TSV = os.path.join(root, "data", "sources", "twinning-wikidata-fr", "france.tsv")

# Wikidata country label -> the free-text forms lists write for it (picked at random per row).
FREE = {
    "United Kingdom": None,  # by coordinates: England, Scotland, Wales, Northern Ireland
    "Republic of Ireland": ["Republic of Ireland", "Ireland", "Eire"],
    "State of Palestine": ["Gaza Strip", "West Bank", "Palestine", "Palestinian territories"],
    "United States of America": ["USA", "United States", "United States of America"],
    "People's Republic of China": ["People's Republic of China", "China", "PRC"],
    "Germany": ["Germany", "Germany", "Federal Republic of Germany", "West Germany"],
    "Czech Republic": ["Czech Republic", "Czechia"],
    "Netherlands": ["Netherlands", "The Netherlands", "Holland"],
    "Russia": ["Russia", "Russian Federation"],
    "South Korea": ["South Korea", "Republic of Korea"],
    "Italy": ["Italy", "italy", "ITALY"],
}


def uk_part(lat, lon):
    try:
        lat, lon = float(lat), float(lon)
    except ValueError:
        return "England"
    if lat > 55.0 and lon < -1.8:
        return "Scotland"
    if 54.0 < lat < 55.3 and lon < -5.4:
        return "Northern Ireland"
    if 51.3 < lat < 53.5 and lon < -2.65:
        return "Wales"
    return "England"


def main():
    out = sys.argv[1]
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 12)
    with open(TSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    seen = set()
    pairs = []
    for r in rows:
        key = (r["origincityLabel"], r["sistercityLabel"], r["destination_countryLabel"])
        if key in seen:
            continue
        seen.add(key)
        pairs.append(r)
    with open(out, "w", newline="", encoding="utf-8") as f, open(out + ".truth", "w", encoding="utf-8") as t:
        w = csv.writer(f)
        w.writerow(["city1", "country1", "city2", "country2"])
        for i, r in enumerate(pairs):
            c = r["destination_countryLabel"]
            if c == "United Kingdom":
                country = uk_part(r["destinationlat"], r["destinationlong"])
            elif c in FREE:
                country = rng.choice(FREE[c])
            else:
                country = c
            french = (r["origincityLabel"], rng.choice(["France", "France", "france", "FR"]))
            partner = (r["sistercityLabel"], country)
            row = [*french, *partner] if rng.random() < 0.5 else [*partner, *french]
            w.writerow(row)
            t.write("\t".join([str(i + 2), r["origincityLabel"], r["originpopulation"], r["sistercityLabel"], c,
                               r["originlat"], r["originlong"]]) + "\n")


main()
