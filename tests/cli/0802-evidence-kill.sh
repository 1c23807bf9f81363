#!/bin/bash
# A detainer import killed with SIGKILL half-way leaves the database as
# it was before: the same counts in every evidence table and in the
# audit log, and (SQLite) PRAGMA integrity_check says ok.  On PostgreSQL
# the kill comes while the rows are going in by COPY.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
if [ -n "${ATTEST_TEST_DB_URL:-}" ]; then
	command -v psql >/dev/null 2>&1 || skip_all "no psql"
	sql() { psql -qAt -d "$db" -c "$1"; }
else
	command -v sqlite3 >/dev/null 2>&1 || skip_all "no sqlite3"
	sql() { sqlite3 "$db" "$1"; }
fi
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
	sql "SELECT (SELECT count(*) FROM evidence_detainers) || ' ' ||
		(SELECT count(*) FROM evidence_summary) || ' ' ||
		(SELECT sum(issued) FROM evidence_summary) || ' ' ||
		(SELECT count(*) FROM audit_log)"
}
before=$(counts)

# The big file has other ids (the generator's ids start at 1: shift them).
"$TMP/gen" 800000 "$TMP/counties" | sed '2,$s/^D/K/' >"$TMP/big.csv"
"$ATTEST" --db "$db" import detainers "$TMP/big.csv" >"$TMP/out" 2>&1 &
pid=$!
# Half-way: the transaction has spilled pages into the WAL, or the
# server has taken many rows of the COPY.
for _ in $(seq 1 600); do
	if [ -n "${ATTEST_TEST_DB_URL:-}" ]; then
		size=$(sql "SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy")
		[ "${size:-0}" -gt 100000 ] && break
	else
		size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
		[ "$size" -gt 8000000 ] && break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid"
status=$?
is "$status" 137 "the import was killed with SIGKILL while running (WAL bytes or rows copied: $size)"
ok "! grep -q imported $TMP/out" "it had not finished"

if [ -z "${ATTEST_TEST_DB_URL:-}" ]; then
	is "$(sql 'PRAGMA integrity_check')" "ok" "integrity_check is ok"
else
	# The server ends the dead client's transaction.
	for _ in $(seq 1 200); do
		[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY evidence%'")" = 0 ] && break
		sleep 0.05
	done
fi
is "$(counts)" "$before" "rows, summary counts and audit log are as before ($before)"
# The load drops the table's indexes to build them after: a kill brings
# them back with the rest.
if [ -n "${ATTEST_TEST_DB_URL:-}" ]; then
	idx=$(sql "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'evidence_detainers'")
else
	idx=$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evidence_detainers' ORDER BY name)")
fi
is "$idx" "evidence_detainers_id evidence_detainers_place" "and both indexes of the records are there"

# The database goes on working.
"$TMP/gen" 3000 "$TMP/counties" | sed '2,$s/^D/M/' >"$TMP/small2.csv"
"$ATTEST" --db "$db" import detainers "$TMP/small2.csv" >"$TMP/out" 2>&1
ok "[ $? -eq 0 ]" "another import then succeeds"
is "$(sql 'SELECT count(*) FROM evidence_detainers')" 8000 "with its rows added"
is "$(sql "SELECT sum(issued) FROM evidence_summary WHERE source = 'detainers'")" 8000 \
	"and the monthly counts add up to them"
done_testing
