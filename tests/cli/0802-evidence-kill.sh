#!/bin/bash
# A detainer import killed with SIGKILL half-way leaves the database as
# it was before: the same counts in every evidence table and in the
# audit log, and PRAGMA integrity_check says ok.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
[ -z "${ATTEST_TEST_DB_URL:-}" ] || skip_all "counts are read with sqlite3"
command -v sqlite3 >/dev/null 2>&1 || skip_all "no sqlite3"
command -v cc >/dev/null 2>&1 || skip_all "no C compiler for the generator"
cc -O2 -o "$TMP/gen" "$AT_SRC/bench/gen_detainers.c" || skip_all "generator does not build"

db=$(fresh_db)
"$ATTEST" --db "$db" import jurisdictions "$AT_SHARED/data/county_fips_master.csv" >/dev/null 2>&1
tail -n +2 "$AT_SHARED/data/county_fips_master.csv" | cut -d, -f1 |
	awk '{ printf "%05d\n", $1 }' >"$TMP/counties"
# A first import, so "as it was" is not an empty table.
"$TMP/gen" 5000 "$TMP/counties" >"$TMP/small.csv"
"$ATTEST" --db "$db" import detainers "$TMP/small.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "a first import of 5,000 rows"
counts() {
	sqlite3 "$db" "SELECT (SELECT count(*) FROM evidence_detainers) || ' ' ||
		(SELECT count(*) FROM evidence_summary) || ' ' ||
		(SELECT sum(issued) FROM evidence_summary) || ' ' ||
		(SELECT count(*) FROM audit_log)"
}
before=$(counts)

# The big file has other ids (the generator's ids start at 1: shift them).
"$TMP/gen" 800000 "$TMP/counties" | sed '2,$s/^D/K/' >"$TMP/big.csv"
"$ATTEST" --db "$db" import detainers "$TMP/big.csv" >"$TMP/out" 2>&1 &
pid=$!
# Half-way: the transaction has spilled pages into the WAL.
for _ in $(seq 1 600); do
	size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
	[ "$size" -gt 8000000 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid"
status=$?
is "$status" 137 "the import was killed with SIGKILL while running (WAL at $size bytes)"
ok "! grep -q imported $TMP/out" "it had not finished"

is "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok" "integrity_check is ok"
is "$(counts)" "$before" "rows, summary counts and audit log are as before ($before)"

# The database goes on working.
"$TMP/gen" 3000 "$TMP/counties" | sed '2,$s/^D/M/' >"$TMP/small2.csv"
"$ATTEST" --db "$db" import detainers "$TMP/small2.csv" >"$TMP/out" 2>&1
ok "[ $? -eq 0 ]" "another import then succeeds"
is "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_detainers')" 8000 "with its rows added"
is "$(sqlite3 "$db" "SELECT sum(issued) FROM evidence_summary WHERE length(period) = 4 AND facility = ''")" 8000 \
	"and the yearly counts add up to them"
done_testing
