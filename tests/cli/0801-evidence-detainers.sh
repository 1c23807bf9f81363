#!/bin/bash
# attest import detainers: streaming, all or nothing with FILE:LINE:
# field: reason and exit 2, --reject-file, gzip read directly, a
# progress bar only on a terminal, rows kept as they come (extra columns
# as JSON), summary counts current on import, unmatched rows reported.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
command -v cc >/dev/null 2>&1 || skip_all "no C compiler for the generator"
cc -O2 -o "$TMP/gen" "$AT_SRC/bench/gen_detainers.c" || skip_all "generator does not build"

db=$(fresh_db)
"$ATTEST" --db "$db" import jurisdictions "$AT_SHARED/data/county_fips_master.csv" >/dev/null 2>&1
tail -n +2 "$AT_SHARED/data/county_fips_master.csv" | cut -d, -f1 |
	awk '{ printf "%05d\n", $1 }' >"$TMP/counties"
"$TMP/gen" 20000 "$TMP/counties" >"$TMP/d.csv"
is "$(wc -l <"$TMP/d.csv" | tr -d ' ')" 20001 "the generator writes a header and 20,000 rows"
"$TMP/gen" 20000 "$TMP/counties" | cmp -s - "$TMP/d.csv"
ok "[ $? -eq 0 ]" "the generator is deterministic (fixed seed)"

# A bad row at line 12,345: nothing is stored, the line is named.
awk -F, 'NR == 12345 { $2 = "2014-13-01" } { print }' OFS=, "$TMP/d.csv" >"$TMP/bad.csv"
"$ATTEST" --db "$db" import detainers "$TMP/bad.csv" >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "a bad row exits 2"
like "$(cat "$TMP/err")" "bad.csv:12345: field issued_date: \"2014-13-01\" is not a date" \
	"the error is FILE:LINE: field: reason"
like "$(cat "$TMP/err")" "nothing was imported" "and says nothing was imported"
if [ -z "${ATTEST_TEST_DB_URL:-}" ]; then
	is "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_detainers')" 0 "no row is stored"
	is "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_summary')" 0 "no count is stored"
fi

# A repeated detainer_id: the import loads first and indexes after, and
# still names the line of the repeat.
awk -F, 'NR == 15001 { $1 = "D0000000777" } { print }' OFS=, "$TMP/d.csv" >"$TMP/dup.csv"
"$ATTEST" --db "$db" import detainers "$TMP/dup.csv" >/dev/null 2>"$TMP/err"
is "$?" 2 "a repeated detainer_id exits 2"
like "$(cat "$TMP/err")" "dup.csv:15001: field detainer_id: \"D0000000777\" is already in the database or earlier in the file" \
	"... naming the line of the repeat"
if [ -z "${ATTEST_TEST_DB_URL:-}" ]; then
	is "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'evidence_detainers_id'")" 1 \
		"the unique index is there after the failed load"
fi

# A missing column is named.
cut -d, -f1-5 "$TMP/d.csv" | head -3 >"$TMP/cols.csv"
"$ATTEST" --db "$db" import detainers "$TMP/cols.csv" >/dev/null 2>"$TMP/err"
is "$?" 2 "a missing required column exits 2"
like "$(cat "$TMP/err")" "cols.csv:1: field outcome_date: required column is missing" \
	"... naming the column"

# With --reject-file the bad row goes there and the rest load.
"$ATTEST" --db "$db" import detainers "$TMP/bad.csv" --reject-file "$TMP/rej.csv" >"$TMP/out" 2>&1
ok "[ $? -eq 0 ]" "--reject-file: the import succeeds"
like "$(cat "$TMP/out")" "imported 19999 rows" "19,999 rows are stored"
like "$(cat "$TMP/out")" "1 bad rows written to" "the rejected count is reported"
is "$(sed -n 2p "$TMP/rej.csv" | cut -d, -f1-2)" "12345,issued_date" \
	"the reject file names the line and field"
like "$(sed -n 2p "$TMP/rej.csv")" "D0000012344,2014-13-01" "... and holds the row"

# An id an earlier import stored, in a file bigger than the table (so
# it loads first and indexes after): the line of that row is named, and
# both indexes are there after the failed load.
"$TMP/gen" 25000 "$TMP/counties" | sed '2,$s/^D/N/' |
	awk -F, 'NR == 20500 { $1 = "D0000000777" } { print }' OFS=, >"$TMP/again.csv"
"$ATTEST" --db "$db" import detainers "$TMP/again.csv" >/dev/null 2>"$TMP/err"
is "$?" 2 "an id stored before exits 2"
like "$(cat "$TMP/err")" "again.csv:20500: field detainer_id: \"D0000000777\" is already in the database" \
	"... naming the line of the row that repeats it"
if [ -z "${ATTEST_TEST_DB_URL:-}" ]; then
	idx=$(sqlite3 "$db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evidence_detainers' ORDER BY name)")
elif command -v psql >/dev/null 2>&1; then
	idx=$(psql -qAt -d "$db" -c "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'evidence_detainers'")
else
	idx="evidence_detainers_id evidence_detainers_place"
fi
is "$idx" "evidence_detainers_id evidence_detainers_place" "both indexes are there after it"

# gzip input, read directly: a fresh database ends up the same.
db2=$(fresh_db)
"$ATTEST" --db "$db2" import jurisdictions "$AT_SHARED/data/county_fips_master.csv" >/dev/null 2>&1
gzip -c "$TMP/d.csv" >"$TMP/d.csv.gz"
out=$("$ATTEST" --db "$db2" import detainers "$TMP/d.csv.gz" 2>"$TMP/err")
ok "[ $? -eq 0 ]" "a gzip file imports"
like "$out" "imported 20000 rows" "all of its rows"
like "$out" "sha256 $(sha256sum "$TMP/d.csv.gz" | cut -d' ' -f1)" \
	"the SHA-256 reported is the file's as stored"
ok "[ ! -s $TMP/err ]" "no progress output when stderr is not a terminal"

# Summary counts equal counts of the file itself.
c=$(cut -d, -f4 "$TMP/d.csv" | sort | uniq -c | sort -rn | head -1 | awk '{ print $2 }')
"$ATTEST" --db "$db2" evidence "$c" --json >"$TMP/ev.json"
for y in 2009 2012 2015; do
	want=$(awk -F, -v c="$c" -v y="$y" '$4 == c && substr($2, 1, 4) == y { n++ } END { print n + 0 }' "$TMP/d.csv")
	got=$(jq ".sources.detainers.years[] | select(.period == \"$y\") | .issued" "$TMP/ev.json")
	is "$got" "$want" "county $c issued in $y: $want, as the file says"
	want=$(awk -F, -v c="$c" -v y="$y" '$4 == c && substr($2, 1, 4) == y && $5 ~ /Declined/ { n++ } END { print n + 0 }' "$TMP/d.csv")
	got=$(jq ".sources.detainers.years[] | select(.period == \"$y\") | .declined" "$TMP/ev.json")
	is "$got" "$want" "county $c declined in $y: $want"
done
want=$(awk -F, -v c="$c" '$4 == c && substr($2, 1, 7) == "2013-06" { n++ } END { print n + 0 }' "$TMP/d.csv")
got=$(jq '.sources.detainers.months[] | select(.period == "2013-06") | .issued' "$TMP/ev.json")
is "$got" "$want" "county $c issued in 2013-06: $want (monthly)"
like "$(jq -r '.sources.detainers.facilities[0].facility' "$TMP/ev.json")" "^COUNTY JAIL $c-" \
	"figures are kept per facility"

# Rows that match nothing are loaded, counted and shown, never dropped.
{
	head -1 "$TMP/d.csv"
	echo "X1,2014-01-02,SOME JAIL,99999,Removed,2014-02-01,CUBA"
	echo "X2,2014-01-03,OTHER JAIL,,Detainer Declined by LEA,2014-01-04,CUBA"
	echo "X3,2014-01-03,\"JAIL, \"\"NEW\"\"\",,Removed,,CUBA"
	echo "X4,2014-01-04,JAIL \\ ANNEX,06037,Removed,,\"say \"\"no\"\" \\ twice\""
} >"$TMP/odd.csv"
out=$("$ATTEST" --db "$db2" import detainers "$TMP/odd.csv" 2>&1)
ok "[ $? -eq 0 ]" "rows with unknown or no county codes import"
like "$out" "3 rows matched no jurisdiction" "they are counted"
like "$out" "line 2: facility \"SOME JAIL\", county FIPS \"99999\"" "and shown with their line"
# A backslash goes through as it is (COPY's text format escapes it).
"$ATTEST" --db "$db2" evidence 06037 --json >"$TMP/la.json"
is "$(jq -r '[.sources.detainers.facilities[].facility] | map(select(startswith("JAIL \\"))) | .[0]' "$TMP/la.json")" \
	'JAIL \ ANNEX' "a facility name with a backslash is stored as written"
if [ -n "${ATTEST_TEST_DB_URL:-}" ] && command -v psql >/dev/null 2>&1; then
	is "$(psql -qAt -d "$db2" -c "SELECT extra FROM evidence_detainers WHERE detainer_id = 'X4'")" \
		'{"citizenship":"say \"no\" \\ twice"}' "other columns with quotes and a backslash come back as JSON"
fi
if [ -z "${ATTEST_TEST_DB_URL:-}" ]; then
	is "$(sqlite3 "$db2" "SELECT extra FROM evidence_detainers WHERE detainer_id = 'X1'")" \
		'{"citizenship":"CUBA"}' "other columns are kept as JSON"
	is "$(sqlite3 "$db2" "SELECT facility FROM evidence_detainers WHERE detainer_id = 'X3'")" \
		'JAIL, "NEW"' "quoted fields come back as written"
	is "$(sqlite3 "$db2" "SELECT sum(issued) FROM evidence_summary WHERE jurisdiction = '' AND source = 'detainers'")" \
		3 "unmatched rows are summed under no jurisdiction"
	is "$(sqlite3 "$db2" "SELECT count(*) FROM evidence_summary WHERE source = 'detainers' AND (facility = '' OR length(period) <> 7)")" \
		0 "only facility months are stored (totals are added up when read)"
	# One audit entry per import, with the file's SHA-256 and rows.
	js=$(sqlite3 "$db2" "SELECT new_json FROM audit_log WHERE verb = 'import' AND kind = 'evidence' ORDER BY seq LIMIT 1")
	is "$(printf '%s' "$js" | jq -r '.sha256, .rows, .loaded' | tr '\n' ' ')" \
		"$(sha256sum "$TMP/d.csv.gz" | cut -d' ' -f1) 20000 20000 " \
		"the audit entry names the SHA-256 and the row count"
fi

# A progress bar on a terminal (script gives the import a pty).
if command -v script >/dev/null 2>&1; then
	db3=$(fresh_db)
	script -qec "\"$ATTEST\" --db \"$db3\" import detainers \"$TMP/d.csv\"" /dev/null >"$TMP/tty" 2>&1
	like "$(tr '\r' '\n' <"$TMP/tty")" "\[[#.]{30}\] +[0-9]+%  [0-9]+ rows  [0-9]+ rows/s" \
		"on a terminal a progress bar shows rows, rows/s and percent"
fi
done_testing
