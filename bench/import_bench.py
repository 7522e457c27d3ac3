#!/usr/bin/env python3
"""Benchmark of `.import` on a 5,000-row spreadsheet made from real data: the ~3,800 Wikidata twin-town
pairs (Tests/import/twinlist.py: English names, free-text countries, sides shuffled) topped up to ROWS with
pairs of French communes (name and département) and GeoNames cities of 15,000+ inhabitants the KB lacks,
so that every outcome occurs. Times `.import` by its own notice (reading, resolving, reporting, writing; the KB's first load excluded), median
of RUNS runs, with --dry-run (resolution and reporting) and with writing OUT.kb (which also loads the KB
again with it). Wall times swing with the machine's load; the CPU time of the whole process, against a process that only loads
the KB and answers one query, says what the import itself costs. Usage: python3 bench/import_bench.py [BINARY] [ROWS] [RUNS]   (default: the release build)."""
import csv
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "release", "coopkb"))
rows_wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
tmp = tempfile.mkdtemp(prefix="coopkb-import-bench-")
twins = os.path.join(tmp, "twins.csv")
subprocess.run([sys.executable, os.path.join(root, "Tests", "import", "twinlist.py"), twins], check=True)
with open(twins, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]

rng = random.Random(5000)
communes = []
for line in open(os.path.join(root, "kb", "france", "communes.kb"), encoding="utf-8"):
    m = re.match(r'authority \S+ "((?:[^"\\]|\\.)*)".* parent=FR-(\w+)', line)
    if m:
        communes.append((m.group(1), m.group(2)))
cities = []
with open(os.path.join(root, "data", "sources", "geonames-cities", "cities15000.csv"), newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["countrycode"] != "FR":
            cities.append((r["name"], r["countrycode"]))
while len(body) < rows_wanted:
    name, dep = rng.choice(communes)
    city, cc = rng.choice(cities)
    body.append(["%s (%s)" % (name, dep), "France", city, cc])
path = os.path.join(tmp, "bench.csv")
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows(body[:rows_wanted])


def cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def once(extra, out):
    r = subprocess.run([binary, "--kb", os.path.join(root, "kb"),
                        "-e", ".import %s %s %s" % (path, out, extra)], capture_output=True, text=True, cwd=tmp)
    # The notice says how long reading and resolving took; loading OUT.kb after it says its own time.
    t = re.search(r" rows in ([0-9.]+) ms", r.stderr)
    load = re.search(r"^loaded .* in ([0-9.]+) ms", r.stderr, re.M)
    if not t:
        sys.exit("no timing in:\n" + r.stderr[-2000:])
    return float(t.group(1)) + (float(load.group(1)) if load and extra == "" else 0.0), r.stdout


def base():
    subprocess.run([binary, "--kb", os.path.join(root, "kb"), "--quiet", "-e", "countries | limit 1"], capture_output=True)


dry, wet, dry_cpu, base_cpu = [], [], [], []
summary = ""
for i in range(runs):  # interleaved, so that a busy machine slows both alike
    c0 = cpu()
    base()
    c1 = cpu()
    t, summary = once("--dry-run", "dry.kb")
    c2 = cpu()
    dry.append(t)
    base_cpu.append(c1 - c0)
    dry_cpu.append(c2 - c1)
    out = os.path.join(tmp, "out%d.kb" % i)
    t, _ = once("", out)
    wet.append(t)
print(summary.strip())
print("rows: %d; runs: %d; binary: %s" % (rows_wanted, runs, binary))
print(".import --dry-run: median %.0f ms (min %.0f, max %.0f)" % (statistics.median(dry), min(dry), max(dry)))
print("CPU time (user+sys) of the whole process: load + .import --dry-run median %.0f ms; load + one query median %.0f ms"
      % (1000 * statistics.median(dry_cpu), 1000 * statistics.median(base_cpu)))
print(".import writing OUT.kb and loading it: median %.0f ms (min %.0f, max %.0f)" % (statistics.median(wet), min(wet), max(wet)))
