#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Base records for the case tests (tests/cli/05*-*.sh), from data/demo.

usage: 0500-cases-fixture.py DEMO_DIR OUT_DIR

The demo's jurisdictions refer to states and counties that `attest demo`
takes from the us-atlas file, which the tests do not need: this writes
the states and counties the ten jurisdictions of the 2016 review sit in
(Census FIPS codes), then every demo row of the base kinds whose
references all resolve, so `attest import` loads each file whole.
Notices, certifications and actions are left out: the tests make them
through the CLI.
"""
import csv
import os
import sys

# FIPS code -> (name, kind, parent): the states and counties under the
# ten jurisdictions and the plaintiffs of the rulings the tests use.
BASE = {
    '06': ('California', 'state', ''),
    '09': ('Connecticut', 'state', ''),
    '12': ('Florida', 'state', ''),
    '17': ('Illinois', 'state', ''),
    '22': ('Louisiana', 'state', ''),
    '32': ('Nevada', 'state', ''),
    '36': ('New York', 'state', ''),
    '42': ('Pennsylvania', 'state', ''),
    '55': ('Wisconsin', 'state', ''),
    '06001': ('Alameda County', 'county', '06'),
    '06075': ('San Francisco County', 'county', '06'),
    '06085': ('Santa Clara County', 'county', '06'),
    '12086': ('Miami-Dade County', 'county', '12'),
    '17031': ('Cook County', 'county', '17'),
    '17043': ('DuPage County', 'county', '17'),
    '22071': ('Orleans Parish', 'parish', '22'),
    '32003': ('Clark County', 'county', '32'),
    '36005': ('Bronx County', 'county', '36'),
    '36047': ('Kings County', 'county', '36'),
    '36061': ('New York County', 'county', '36'),
    '36081': ('Queens County', 'county', '36'),
    '36085': ('Richmond County', 'county', '36'),
    '42101': ('Philadelphia County', 'county', '42'),
    '55079': ('Milwaukee County', 'county', '55'),
}

# kind: fields that refer to (kind, is a ';' list)
REFS = {
    'jurisdictions': {'parent': ('jurisdictions', False),
                      'also_in': ('jurisdictions', True)},
    'agencies': {'jurisdiction': ('jurisdictions', False)},
    'programs': {},
    'requirements': {},
    'conditions': {'program': ('programs', False),
                   'requirements': ('requirements', True)},
    'awards': {'program': ('programs', False),
               'agency': ('agencies', False)},
    'policies': {'jurisdiction': ('jurisdictions', False),
                 'binds': ('agencies', True),
                 'supersedes': ('policies', False)},
    'provisions': {'policy': ('policies', False),
                   'scope': ('agencies', True)},
    'rulings': {'conditions': ('conditions', True),
                'plaintiffs': ('jurisdictions', True),
                'target': ('rulings', False),
                'superseded_by': ('rulings', False)},
}
ORDER = ['jurisdictions', 'agencies', 'programs', 'requirements',
         'conditions', 'awards', 'policies', 'provisions', 'rulings']


def main():
    demo, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    have = {k: set() for k in ORDER}
    rows = {}
    heads = {}
    for k in ORDER:
        with open(os.path.join(demo, k + '.csv'), newline='') as f:
            r = csv.DictReader(f)
            heads[k] = r.fieldnames
            rows[k] = list(r)
    demo_j = {r['id'] for r in rows['jurisdictions']}
    base = []
    for fips, (name, kind, parent) in BASE.items():
        if fips in demo_j:
            continue
        row = {h: '' for h in heads['jurisdictions']}
        row.update(id=fips, name=name, kind=kind, parent=parent,
                   source='US Census Bureau FIPS code (test fixture)',
                   confidence='reported')
        base.append(row)
        have['jurisdictions'].add(fips)
    kept = {k: [] for k in ORDER}
    kept['jurisdictions'] = base
    # Kinds in dependency order.  Within a kind, rows may refer to each
    # other in cycles (a ruling and the one that supersedes it), so keep
    # rows whose references to other kinds resolve, then drop those
    # whose references within the kind point at a dropped row.
    for k in ORDER:
        cand = {}
        changed = True
        while changed:
            changed = False
            for r in rows[k]:
                if r['id'] in cand or r['id'] in have[k]:
                    continue
                ok = True
                for field, (ref, is_list) in REFS[k].items():
                    v = r.get(field, '')
                    if not v:
                        continue
                    ids = v.split(';') if is_list else [v]
                    if ref == k:
                        continue
                    if any(i not in have[ref] for i in ids):
                        ok = False
                        break
                if ok:
                    cand[r['id']] = r
                    changed = True
        changed = True
        while changed:
            changed = False
            for rid, r in list(cand.items()):
                for field, (ref, is_list) in REFS[k].items():
                    v = r.get(field, '')
                    if ref != k or not v:
                        continue
                    ids = v.split(';') if is_list else [v]
                    if any(i not in cand and i not in have[k]
                           for i in ids):
                        del cand[rid]
                        changed = True
                        break
        for r in rows[k]:
            if r['id'] in cand:
                have[k].add(r['id'])
                kept[k].append(r)
    for k in ORDER:
        with open(os.path.join(out, k + '.csv'), 'w', newline='') as f:
            w = csv.DictWriter(f, fieldnames=heads[k])
            w.writeheader()
            for r in kept[k]:
                w.writerow(r)


if __name__ == '__main__':
    main()
