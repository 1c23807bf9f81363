#!/bin/sh
# SPDX-License-Identifier: ISC
# checksrc: the rules of STYLE.md that a compiler does not enforce.
#   tools/checksrc.sh [SOURCE_ROOT]
# Scans the C files of src/ fuzz/ bench/ tests/ and reports, as
# FILE:LINE: rule: text, and exits 1 if there is any:
#   banned    a call to gets strcpy strcat sprintf vsprintf strncpy
#             strtok atoi atol atof rand srand system tmpnam (section 6)
#   snprintf  in src/, snprintf whose result is neither used nor cast
#             to void
#   sql       SQL text outside the statement tables src/store/sql_*.c,
#             the migrations, migrate.c and the backends' connection
#             set-up (store_sqlite.c, store_pg.c) (section 7)
#   sqlcall   a database driver call (sqlite3_*, PQ*) outside src/store/,
#             or SQL formatting (sqlite3_mprintf, PQexec) outside
#             migrate.c and the backends
#   guard     a header without its AT_<DIR>_<FILE>_H guard (section 2)
#   spdx      a file that does not open with an SPDX line (section 9)
# Comments and string contents are ignored for calls; SQL is looked
# for inside string literals only.
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
exec python3 - "$root" <<'EOF'
import os, re, sys

root = sys.argv[1]
BANNED = ("gets strcpy strcat sprintf vsprintf strncpy strtok atoi atol "
          "atof rand srand system tmpnam").split()
banned_re = re.compile(r"(?<![\w.>])(" + "|".join(BANNED) + r")\s*\(")
sql_re = re.compile(r"\b(SELECT\s.*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|"
                    r"DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|"
                    r"DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA\s+\w+|"
                    r"BEGIN\s+(IMMEDIATE|EXCLUSIVE|TRANSACTION)|"
                    r"SAVEPOINT\s+\w+)\b")
driver_re = re.compile(r"\b(sqlite3_\w+|PQ[a-z]\w*)\s*\(")
format_re = re.compile(r"\b(sqlite3_v?mprintf|sqlite3_exec|PQexec)\s*\(")
# snprintf as a statement of its own: what precedes it (blanks
# skipped) ends a statement or a block, or is "else" / "do".
snprintf_re = re.compile(r"(?:[;{}]|\belse|\bdo)(\s*)snprintf\s*\(")

SQL_OK = re.compile(r"^src/store/(sql_\w+\.c|migrate\.c|store_sqlite\.c|"
                    r"store_pg\.c|sql/.*)$")
# pq_load.c forwards every libpq call store_pg.c makes (PQexec too) to
# libpq opened on first use: part of the backend.
FORMAT_OK = re.compile(r"^src/store/(migrate\.c|store_sqlite\.c|store_pg\.c|"
                       r"pq_load\.c)$")


def split_code(text):
    """Return (code, strings): code with comments and string/char
    contents blanked (newlines kept), and a list of (line, literal)."""
    out = []
    strings = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            seg = text[i:j]
            out.append("".join("\n" if ch == "\n" else " " for ch in seg))
            line += seg.count("\n")
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            if c == '"':
                strings.append((line, text[i + 1:j - 1]))
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
        else:
            if c == "\n":
                line += 1
            out.append(c)
            i += 1
    return "".join(out), strings


def header_guard(rel):
    parts = rel.split("/")
    if parts[0] != "src" or len(parts) != 3:
        return None
    base = re.sub(r"\.h$", "", parts[2])
    # src/core/buf.h -> AT_CORE_BUF_H; a module's own header
    # (src/store/store.h) may also be AT_STORE_STORE_H.
    return "AT_%s_%s_H" % (parts[1].upper(), base.upper())


problems = []
for top in ("src", "fuzz", "bench", "tests"):
    for dirpath, dirnames, files in os.walk(os.path.join(root, top)):
        dirnames[:] = sorted(d for d in dirnames if d != "corpus")
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)
            text = open(path, encoding="utf-8", errors="replace").read()
            code, strings = split_code(text)
            lines = code.split("\n")
            first = text.split("\n", 1)[0]
            if "SPDX-License-Identifier" not in first:
                problems.append((rel, 1, "spdx", "no SPDX line first"))
            for no, l in enumerate(lines, 1):
                for m in banned_re.finditer(l):
                    problems.append((rel, no, "banned", m.group(1) + "()"))
                m = driver_re.search(l)
                if m and not rel.startswith("src/store/") and \
                        rel.startswith("src/"):
                    problems.append((rel, no, "sqlcall", m.group(1)))
                m = format_re.search(l)
                if m and rel.startswith("src/store/") and \
                        not FORMAT_OK.match(rel):
                    problems.append((rel, no, "sqlcall", m.group(1)))
            if rel.startswith("src/"):
                for m in snprintf_re.finditer(code):
                    no = code.count("\n", 0, m.end()) + 1
                    problems.append((rel, no, "snprintf", "result ignored"))
            if rel.startswith("src/") and not SQL_OK.match(rel):
                for no, s in strings:
                    if sql_re.search(s):
                        problems.append((rel, no, "sql", s[:60]))
            g = header_guard(rel) if f.endswith(".h") else None
            if g is not None and not re.search(
                    r"#ifndef\s+%s\b" % g, text):
                problems.append((rel, 1, "guard", "want " + g))

for rel, no, rule, what in problems:
    print("%s:%d: %s: %s" % (rel, no, rule, what))
print("checksrc: %d problem%s" % (len(problems),
      "" if len(problems) == 1 else "s"))
sys.exit(1 if problems else 0)
EOF
