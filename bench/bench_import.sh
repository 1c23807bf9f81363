#!/bin/bash
# SPDX-License-Identifier: ISC
# bench_import.sh: attest's detainer importer against the sqlite3 shell,
# side by side in one run (../shared/PERF.md: compare only as ratios).
#
#   bench/bench_import.sh [ROWS] [REPEATS]     (default 2000000 3)
#
# For a generated file of ROWS detainer records (bench/gen_detainers.c,
# fixed seed) it measures, REPEATS times each, alternating, median shown:
#   - attest import detainers into a fresh copy of a database holding the
#     counties (evidence_detainers and its two indexes, the unique one on
#     detainer_id and the one by county and day; summary tables kept
#     current, one audit entry), and
#   - sqlite3 -cmd '.mode csv' DB '.import --skip 1 FILE evidence_detainers'
#     into a copy of the same database: the same table, nothing else;
#   - for reference, the shell into a copy whose table has only its
#     unique index, and into one whose table has no index;
# then the aggregate "declined per county per month" from attest's
# summary table against the same question asked of the raw rows in the
# sqlite3 shell, one jurisdiction's evidence (summary rows, the page's
# query), and the peak memory (/usr/bin/time -v) of attest's import for
# 200,000 and ROWS rows.  On PostgreSQL (a throw-away cluster from
# tests/pg/run.sh, unless BENCH_NO_PG is set): attest's import (COPY
# FROM STDIN through libpq, summaries and audit entry in the same
# transaction) against psql's \copy of the same file into the same table
# (both of its indexes kept current as it goes), each into a fresh copy
# of a database holding the counties, and where attest's time went (its
# statements the server logged, each over 200 ms).  Environment:
# ATTEST (default build/attest), WORK (default build/bench-import),
# AT_SHARED (default ../shared), BENCH_NO_PG (skip PostgreSQL),
# BENCH_ONLY_PG (only PostgreSQL).
set -eu
ROWS=${1:-2000000}
REPEATS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# PostgreSQL side by side: on a throw-away cluster (tests/pg/run.sh,
# fsync off for both sides) when the server binaries are there.
if [ -z "${AT_TEST_PG_URL:-}" ] && [ -z "${BENCH_NO_PG:-}" ] &&
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	exec "$ROOT/tests/pg/run.sh" bash "$0" "$@"
fi
ATTEST=${ATTEST:-$ROOT/build/attest}
WORK=${WORK:-$ROOT/build/bench-import}
AT_SHARED=${AT_SHARED:-$ROOT/../shared}
mkdir -p "$WORK"
cd "$WORK"
command -v sqlite3 >/dev/null || { echo "needs sqlite3" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: time)" >&2; exit 2; }
[ -x "$ATTEST" ] || { echo "build attest first ($ATTEST)" >&2; exit 2; }
cc -O2 -o gen "$ROOT/bench/gen_detainers.c"

# The base database: counties, so rows match jurisdictions.
rm -f base.db base.db-* base.db.key counties
if [ -f "$AT_SHARED/data/county_fips_master.csv" ]; then
	"$ATTEST" --db base.db import jurisdictions \
		"$AT_SHARED/data/county_fips_master.csv" >/dev/null
	tail -n +2 "$AT_SHARED/data/county_fips_master.csv" | cut -d, -f1 |
		awk '{ printf "%05d\n", $1 }' >counties
else
	"$ATTEST" --db base.db init >/dev/null
	: >counties
fi
sqlite3 base.db 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
[ -f "rows-$ROWS.csv" ] || ./gen "$ROWS" counties >"rows-$ROWS.csv"
[ -f rows-200000.csv ] || ./gen 200000 counties >rows-200000.csv
echo "file: rows-$ROWS.csv, $ROWS rows, $(stat -c %s "rows-$ROWS.csv") bytes"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

fresh() { # fresh NAME: a copy of the base database
	rm -f "$1" "$1"-wal "$1"-shm "$1".key
	cp base.db "$1"
	[ ! -f base.db.key ] || cp base.db.key "$1".key
}
now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

: >t.attest; : >t.shell; : >t.uniq; : >t.bare
: >c.attest; : >c.shell; : >c.uniq; : >c.bare
# run OUT CPUOUT CMD...: wall seconds to OUT, user+sys CPU seconds to CPUOUT
run() {
	out=$1 cpu=$2
	shift 2
	/usr/bin/time -f '%e %U %S' -o tm "$@" >/dev/null
	awk '{ print $1 }' tm >>"$out"
	awk '{ print $2 + $3 }' tm >>"$cpu"
}
for i in $(seq 1 "$REPEATS"); do
	[ -z "${BENCH_ONLY_PG:-}" ] || break
	fresh a.db
	run t.attest c.attest "$ATTEST" --db a.db import detainers --quiet "rows-$ROWS.csv"
	fresh s.db
	run t.shell c.shell sqlite3 -cmd '.mode csv' s.db ".import --skip 1 rows-$ROWS.csv evidence_detainers"
	fresh u.db
	sqlite3 u.db 'DROP INDEX evidence_detainers_place'
	run t.uniq c.uniq sqlite3 -cmd '.mode csv' u.db ".import --skip 1 rows-$ROWS.csv evidence_detainers"
	fresh b.db
	sqlite3 b.db 'DROP INDEX evidence_detainers_id; DROP INDEX evidence_detainers_place'
	run t.bare c.bare sqlite3 -cmd '.mode csv' b.db ".import --skip 1 rows-$ROWS.csv evidence_detainers"
done
ta=$(median <t.attest); ts=$(median <t.shell); tu=$(median <t.uniq); tb=$(median <t.bare)
ca=$(median <c.attest); cs=$(median <c.shell); cu=$(median <c.uniq); cb=$(median <c.bare)
if [ -z "${BENCH_ONLY_PG:-}" ]; then
[ "$(sqlite3 a.db 'SELECT count(*) FROM evidence_detainers')" = "$ROWS" ]
[ "$(sqlite3 s.db 'SELECT count(*) FROM evidence_detainers')" = "$ROWS" ]
printf '\nimport of %s rows (median of %s; CPU = user + sys of all threads)\n' "$ROWS" "$REPEATS"
printf '  %-46s %7.2f s %9.0f rows/s  CPU %6.2f s\n' "attest import detainers (summaries, audit)" "$ta" "$(echo "$ROWS / $ta" | bc -l)" "$ca"
printf '  %-46s %7.2f s %9.0f rows/s  CPU %6.2f s\n' "sqlite3 .import, same table" "$ts" "$(echo "$ROWS / $ts" | bc -l)" "$cs"
printf '  %-46s %7.2f s %9.0f rows/s  CPU %6.2f s\n' "sqlite3 .import, only the unique index" "$tu" "$(echo "$ROWS / $tu" | bc -l)" "$cu"
printf '  %-46s %7.2f s %9.0f rows/s  CPU %6.2f s\n' "sqlite3 .import, same table without indexes" "$tb" "$(echo "$ROWS / $tb" | bc -l)" "$cb"
printf '  %-46s %7.2fx wall (goal >= 2.0x), %.2fx CPU\n' "attest / shell, same table" "$(echo "$ts / $ta" | bc -l)" "$(echo "$cs / $ca" | bc -l)"
printf '  %-46s %7.2fx wall, %.2fx CPU\n' "attest / shell, only the unique index" "$(echo "$tu / $ta" | bc -l)" "$(echo "$cu / $ca" | bc -l)"
printf '  %-46s %7.2fx wall, %.2fx CPU\n' "attest / shell, table without indexes" "$(echo "$tb / $ta" | bc -l)" "$(echo "$cb / $ca" | bc -l)"
printf '  walls: attest %s; shell %s; unique only %s; bare %s\n' "$(tr '\n' ' ' <t.attest)" "$(tr '\n' ' ' <t.shell)" "$(tr '\n' ' ' <t.uniq)" "$(tr '\n' ' ' <t.bare)"
fi

# PostgreSQL: attest (COPY through libpq) against psql \copy.
if [ -n "${AT_TEST_PG_URL:-}" ] && command -v psql >/dev/null; then
	pgurl() { echo "postgresql:///$1?host=$PGHOST&port=${PGPORT:-5432}&user=${PGUSER:-postgres}"; }
	export ATTEST_KEY=$WORK/pg-audit.key
	rm -f "$ATTEST_KEY"
	psql -q -d postgres -c 'DROP DATABASE IF EXISTS bench_base' >/dev/null
	psql -q -d postgres -c 'CREATE DATABASE bench_base' >/dev/null
	if [ -f "$AT_SHARED/data/county_fips_master.csv" ]; then
		"$ATTEST" --db "$(pgurl bench_base)" import jurisdictions \
			"$AT_SHARED/data/county_fips_master.csv" >/dev/null
	else
		"$ATTEST" --db "$(pgurl bench_base)" init >/dev/null
	fi
	pgfresh() { # pgfresh NAME: a copy of the base database
		psql -q -d postgres -c "DROP DATABASE IF EXISTS $1" >/dev/null
		psql -q -d postgres -c "CREATE DATABASE $1 TEMPLATE bench_base" >/dev/null
	}
	: >t.pga; : >t.pgp; : >c.pga; : >c.pgp
	COLS="detainer_id, issued_date, facility, facility_county_fips, outcome, outcome_date, extra"
	# The server logs each statement's duration: the rows' COPY alone.
	log=$PGHOST/server.log
	logstart=$(wc -l <"$log" 2>/dev/null || echo 0)
	export PGOPTIONS="-c log_min_duration_statement=200"
	for i in $(seq 1 "$REPEATS"); do
		pgfresh bench_a
		from=$(wc -l <"$log" 2>/dev/null || echo 0)
		run t.pga c.pga "$ATTEST" --db "$(pgurl bench_a)" import detainers --quiet "rows-$ROWS.csv"
		# The statements of this (the last) import that took long.
		tail -n +"$((from + 1))" "$log" 2>/dev/null |
			sed -n 's/.*duration: \([0-9.]*\) ms  *\(statement\|execute [^:]*\): *\(.\{0,60\}\).*/\1 ms  \3/p' >slow.pga
		pgfresh bench_p
		run t.pgp c.pgp psql -q -d bench_p -c "\\copy evidence_detainers ($COLS) FROM 'rows-$ROWS.csv' WITH (FORMAT csv, HEADER true)"
	done
	unset PGOPTIONS
	copy_ms() { # copy_ms PATTERN: median duration (ms) of logged COPYs
		tail -n +"$((logstart + 1))" "$log" 2>/dev/null |
			grep 'duration: .* statement: COPY  *evidence_detainers' | grep -e "$1" |
			sed 's/.*duration: \([0-9.]*\) ms.*/\1/' | median
	}
	ca_ms=$(copy_ms 'FROM STDIN$'); cp_ms=$(copy_ms 'FORMAT csv')
	[ "$(psql -qAt -d bench_a -c 'SELECT count(*) FROM evidence_detainers')" = "$ROWS" ]
	[ "$(psql -qAt -d bench_p -c 'SELECT count(*) FROM evidence_detainers')" = "$ROWS" ]
	pa=$(median <t.pga); pp=$(median <t.pgp)
	printf '\nimport of %s rows into PostgreSQL %s (median of %s; CPU = the client'"'"'s)\n' "$ROWS" \
		"$(psql -qAt -d postgres -c 'SHOW server_version')" "$REPEATS"
	printf '  %-46s %7.2f s %9.0f rows/s  CPU %6.2f s\n' "attest import detainers (COPY, summaries, audit)" "$pa" "$(echo "$ROWS / $pa" | bc -l)" "$(median <c.pga)"
	printf '  %-46s %7.2f s %9.0f rows/s  CPU %6.2f s\n' "psql \\copy, same table" "$pp" "$(echo "$ROWS / $pp" | bc -l)" "$(median <c.pgp)"
	printf '  %-46s %7.2fx wall (goal >= 0.9x)\n' "attest / psql \\copy" "$(echo "$pp / $pa" | bc -l)"
	printf '  walls: attest %s; psql %s\n' "$(tr '\n' ' ' <t.pga)" "$(tr '\n' ' ' <t.pgp)"
	[ -n "${BENCH_ONLY_PG:-}" ] ||
		printf '  %-46s %7.2fx wall\n' "attest on PostgreSQL / sqlite3 .import" "$(echo "$ts / $pa" | bc -l)"
	if [ -n "$ca_ms" ] && [ -n "$cp_ms" ]; then
		printf '  %-46s %7.2f s / %.2f s = %.2fx\n' "the rows' COPY alone (server log), attest / psql" \
			"$(echo "$ca_ms / 1000" | bc -l)" "$(echo "$cp_ms / 1000" | bc -l)" "$(echo "$cp_ms / $ca_ms" | bc -l)"
	fi
	echo "  attest's statements over 200 ms (the last import, server log):"
	sed 's/^/    /' slow.pga
	psql -q -d postgres -c 'DROP DATABASE bench_a' -c 'DROP DATABASE bench_p' >/dev/null
fi
echo "load after the imports: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "${BENCH_ONLY_PG:-}" ] || exit 0

# Aggregates: declined per county per month.
SUM="SELECT jurisdiction, period, sum(declined) FROM evidence_summary WHERE source = 'detainers' GROUP BY jurisdiction, period;"
RAW="SELECT facility_county_fips, substr(issued_date, 1, 7), count(*) FROM evidence_detainers WHERE outcome = 'Detainer Declined by LEA' GROUP BY 1, 2;"
timed() { # timed DB SQL: median seconds of the query (the shell's .timer)
	for _ in 1 2 3 4 5; do
		printf '.timer on\n.once /dev/null\n%s\n' "$2" | sqlite3 "$1" |
			awk '/^Run Time/ { print $4 }'
	done | median
}
t_sum=$(timed a.db "$SUM"); t_raw=$(timed s.db "$RAW")
n_sum=$(sqlite3 a.db "SELECT count(*) FROM (${SUM%;})")
top=$(sqlite3 a.db "SELECT jurisdiction FROM evidence_summary WHERE source = 'detainers' AND jurisdiction <> '' GROUP BY jurisdiction ORDER BY sum(issued) DESC LIMIT 1")
ONE="SELECT source, facility, period, issued, declined, other FROM evidence_summary WHERE jurisdiction = '$top' ORDER BY source, period, facility;"
t_one=$(timed a.db "$ONE")
t_ev=$( for _ in 1 2 3; do t0=$(now); "$ATTEST" --db a.db evidence "$top" --json >/dev/null; t1=$(now); echo "$t1 - $t0" | bc; done | median)
# The same answer both ways.
a=$(sqlite3 a.db "SELECT sum(declined) FROM evidence_summary WHERE source = 'detainers'")
b=$(sqlite3 s.db "SELECT count(*) FROM evidence_detainers WHERE outcome = 'Detainer Declined by LEA'")
printf '\naggregates (median of 5; a query: its time in the sqlite3 shell, .timer)\n'
printf "  %-52s %7.1f ms (%s rows)\n" "declined per county per month, summary table" "$(echo "$t_sum * 1000" | bc -l)" "${n_sum:-?}"
printf '  %-52s %7.1f ms\n' "same from the raw rows (GROUP BY)" "$(echo "$t_raw * 1000" | bc -l)"
printf '  %-52s %s / %s\n' "total declined, summary / raw" "$a" "$b"
printf '  %-52s %7.1f ms (goal <= 50 ms)\n' "one jurisdiction's summary rows ($top)" "$(echo "$t_one * 1000" | bc -l)"
printf '  %-52s %7.1f ms\n' "attest evidence $top --json (whole command)" "$(echo "$t_ev * 1000" | bc -l)"
# The jurisdiction's page with its evidence section, as served.
"$ATTEST" --db a.db serve --listen 127.0.0.1:0 >serve.out 2>serve.log &
spid=$!
for _ in $(seq 400); do grep -q '^attest: serving' serve.out 2>/dev/null && break; sleep 0.05; done
url=$(sed -n 's|^attest: serving \(http://[^ ]*\)/$|\1|p' serve.out)
if [ -n "$url" ] && command -v curl >/dev/null; then
	curl -s -o /dev/null "$url/jurisdictions/$top"
	t_page=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' "$url/jurisdictions/$top"; done | median)
	printf '  %-52s %7.1f ms (%s bytes)\n' "GET /jurisdictions/$top (whole page, evidence in it)" \
		"$(echo "$t_page * 1000" | bc -l)" "$(curl -s "$url/jurisdictions/$top" | wc -c)"
fi
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null || true

# Peak memory of the import: flat in the file size.
peak() {
	fresh m.db
	/usr/bin/time -v "$ATTEST" --db m.db import detainers --quiet "$1" 2>&1 >/dev/null |
		awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }'
}
m1=$(peak rows-200000.csv); m2=$(peak "rows-$ROWS.csv")
printf '\npeak memory of attest import detainers\n'
printf '  %-52s %7d KB\n' "200000 rows" "$m1" "$ROWS rows" "$m2"
printf '  %-52s %7.1f%% (goal within 10%%)\n' "difference" "$(echo "($m2 - $m1) * 100 / $m1" | bc -l)"
rm -f a.db* s.db* u.db* b.db* m.db* tm serve.out serve.log
