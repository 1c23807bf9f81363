#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Print the closing line of `make check`: "N passed, N failed".

Counts TAP test points inside each test (cmocka and the shell tests speak
TAP); a test that is not TAP counts as one.  A test that crashed or timed
out after some passing points counts as one more failure.
"""
import json
import re
import sys


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    passed = failed = skipped = 0
    try:
        with open(build + '/meson-logs/testlog.json', encoding='utf-8') as f:
            lines = f.readlines()
    except OSError:
        print('0 passed, 1 failed (no test log)')
        return
    for line in lines:
        t = json.loads(line)
        out = t.get('stdout') or ''
        oks = len(re.findall(r'^ok\b', out, re.M))
        noks = len(re.findall(r'^not ok\b', out, re.M))
        skips = len(re.findall(r'^ok\b.*# SKIP', out, re.M | re.I))
        res = t.get('result')
        if oks + noks > 0:
            passed += oks - skips
            skipped += skips
            failed += noks
            if res not in ('OK', 'SKIP', 'EXPECTEDFAIL') and noks == 0:
                failed += 1
        elif res == 'SKIP':
            skipped += 1
        elif res in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        else:
            failed += 1
    extra = ' (%d skipped)' % skipped if skipped else ''
    print('%d passed, %d failed%s' % (passed, failed, extra))


if __name__ == '__main__':
    main()
