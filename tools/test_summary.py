#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Print the closing line of `make check`: "N passed, N failed".

usage: test_summary.py [BUILD_DIR | TESTLOG.json]...

Each argument is a build directory (its meson-logs/testlog.json) or a
test log file (meson test --logbase NAME writes meson-logs/NAME.json).
With several, one line per log comes first, then the closing line sums
them: `make check` runs the suite on SQLite and again on PostgreSQL.

Counts TAP test points inside each test (cmocka and the shell tests speak
TAP); a test that is not TAP counts as one.  A test point with a SKIP
directive counts as skipped whether it says "ok" or "not ok" (cmocka
says "not ok N # SKIP").  A test that crashed or timed out after some
passing points counts as one more failure.  A log that is missing counts
as one failure.
"""
import json
import os
import re
import sys


def count(path):
    passed = failed = skipped = 0
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.readlines()
    except OSError:
        return 0, 1, 0
    for line in lines:
        t = json.loads(line)
        out = t.get('stdout') or ''
        skips = len(re.findall(r'^(?:not )?ok\b.*#\s*SKIP', out, re.M | re.I))
        oks = len(re.findall(r'^ok\b', out, re.M))
        noks = len(re.findall(r'^not ok\b', out, re.M))
        nok_skips = len(re.findall(r'^not ok\b.*#\s*SKIP', out, re.M | re.I))
        res = t.get('result')
        if oks + noks > 0:
            passed += oks - (skips - nok_skips)
            skipped += skips
            failed += noks - nok_skips
            if res not in ('OK', 'SKIP', 'EXPECTEDFAIL') and \
                    noks - nok_skips == 0:
                failed += 1
        elif res == 'SKIP':
            skipped += 1
        elif res in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        else:
            failed += 1
    return passed, failed, skipped


def line(passed, failed, skipped):
    extra = ' (%d skipped)' % skipped if skipped else ''
    return '%d passed, %d failed%s' % (passed, failed, extra)


def main():
    args = sys.argv[1:] or ['build']
    total = [0, 0, 0]
    for a in args:
        path = a if a.endswith('.json') else \
            os.path.join(a, 'meson-logs', 'testlog.json')
        p, f, s = count(path)
        if len(args) > 1:
            name = os.path.basename(path)[:-len('.json')]
            print('  %-12s %s%s' % (name + ':', line(p, f, s),
                                   '' if os.path.exists(path)
                                   else ' (no test log)'))
        elif not os.path.exists(path):
            print('0 passed, 1 failed (no test log)')
            return
        total = [total[0] + p, total[1] + f, total[2] + s]
    print(line(*total))


if __name__ == '__main__':
    main()
