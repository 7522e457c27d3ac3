#!/usr/bin/env python3
"""Runs Tests/Fixtures against a coopkb binary. Usage: run_fixtures.py [BIN] (default $COOPKB_BIN or .build/debug/coopkb)."""
import glob, json, os, re, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('COOPKB_BIN', os.path.join(HERE, '../../.build/debug/coopkb'))
KB = os.path.join(HERE, 'kb')
fails = total = 0

def report(ok, what, detail=''):
    global fails, total
    total += 1
    if not ok:
        fails += 1
        print('FAIL', what + ('\n' + detail if detail else ''))

def parse_cases(path):
    text = open(path, encoding='utf-8').read()
    for chunk in re.split(r'^====\n', text, flags=re.M):
        head, _, expected = chunk.partition('\n----\n')
        meta, query = {'error': []}, []
        for line in head.split('\n'):
            m = re.match(r'-- (\w+): (.*)$', line)
            if m and not query:
                if m.group(1) == 'error': meta['error'].append(m.group(2))
                else: meta[m.group(1)] = m.group(2)
            else: query.append(line)
        yield meta, '\n'.join(query) + '\n', expected

for path in sorted(glob.glob(os.path.join(HERE, 'cases', '*.case'))):
    for meta, query, expected in parse_cases(path):
        what = f"{os.path.basename(path)}: {meta.get('name')}"
        fmt = meta.get('format', 'tsv')
        p = subprocess.run([BIN, '--kb', KB, '--format', fmt], input=query.encode(), capture_output=True)
        out, err = p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
        if meta['error']:
            ok = p.returncode == 1 and out == ''
            for e in meta['error']:
                pos, sub = e.split(': ', 1)
                ok = ok and any(f':{pos}: error:' in l and sub.lower() in l.lower() for l in err.splitlines())
            report(ok, what, f'exit {p.returncode}\nstdout: {out!r}\nstderr: {err}')
        elif meta.get('compare') == 'json':
            try: ok = p.returncode == 0 and json.loads(out) == json.loads(expected)
            except ValueError: ok = False
            report(ok, what, f'expected: {expected}\nactual:   {out}\nstderr: {err}')
        else:
            if fmt == 'csv':
                ok = out == expected.replace('\n', '\r\n')
            else:
                ok = out == expected
            report(ok and p.returncode == 0, what, f'expected:\n{expected}actual:\n{out}stderr: {err}')

KINDS = ['country', 'authority', 'partnership', 'group', 'member']
def counts(text):
    got = {}
    for k in KINDS:
        m = re.search(r'\b' + k + r's?\b\D{0,20}?(\d+)', text, re.I) or re.search(r'(\d+)\s+' + k + r's?\b', text, re.I)
        if m: got[k] = int(m.group(1))
    return got

p = subprocess.run([BIN, '--kb', KB, '--check'], capture_output=True)
report(p.returncode == 0 and 'error' not in p.stderr.decode(), 'fixture kb loads with no problem', p.stderr.decode())
want = dict(country=11, authority=36, partnership=26, group=4, member=14)
report(counts(p.stdout.decode()) == want, 'fixture kb counts', p.stdout.decode())

for path in sorted(glob.glob(os.path.join(HERE, 'broken', '*.kb'))):
    name = os.path.basename(path)
    text = open(path, 'rb').read().decode('utf-8', 'replace').lstrip('\ufeff')
    exps = re.findall(r'^# expect: (\d+:\d+): (.*?)\r?$', text, re.M)
    loaded = dict((k, int(v)) for k, v in re.findall(r'(\w+)=(\d+)', re.search(r'^# expect-loaded: (.*)$', text, re.M).group(1)))
    p = subprocess.run([BIN, '--kb', path, '--check', '--lenient'], capture_output=True)
    err = p.stderr.decode('utf-8', 'replace')
    errlines = [l for l in err.splitlines() if ': error: ' in l]
    ok = len(errlines) == len(exps)
    for pos, sub in exps:
        ok = ok and any(f'{name}:{pos}: error:' in l and sub.lower() in l.lower() for l in errlines)
    report(ok, f'broken/{name}: errors', f'expected {exps}\nstderr:\n{err}')
    report(counts(p.stdout.decode()) == loaded, f'broken/{name}: loaded counts', f'expected {loaded}\nstdout:\n{p.stdout.decode()}')

print(f'{total - fails}/{total} passed')
sys.exit(1 if fails else 0)
