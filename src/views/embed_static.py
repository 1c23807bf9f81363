#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Embed a static file as a C byte array.

usage: embed_static.py SYMBOL OUT.c FILE
"""
import sys


def main():
    sym, dst, src = sys.argv[1], sys.argv[2], sys.argv[3]
    data = open(src, 'rb').read()
    rows = []
    for i in range(0, len(data), 12):
        rows.append('\t' + ', '.join('0x%02x' % b for b in data[i:i + 12])
                    + ',')
    with open(dst, 'w') as f:
        f.write('/* generated from %s by embed_static.py */\n' % src)
        f.write('#include <stddef.h>\n')
        f.write('extern const char %s[];\n' % sym)
        f.write('extern const size_t %s_len;\n' % sym)
        f.write('const char %s[] = {\n%s\n\t0x00\n};\n' % (sym, '\n'.join(rows)))
        f.write('const size_t %s_len = %d;\n' % (sym, len(data)))


main()
