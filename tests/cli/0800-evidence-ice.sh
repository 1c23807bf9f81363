#!/bin/bash
# attest import ice-aggregates and attest evidence: the ICE tables in
# ../shared/data load as they are, unmatched facilities are reported,
# and the yearly figures a county's evidence shows are the ones the
# source file holds for its facilities, with the data's gaps beside them.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
command -v python3 >/dev/null 2>&1 || skip_all "no python3"
D=$AT_SHARED/data
DECLINED=$D/ice_detainers_declined_by_facility_year_2007_2015.csv
OTHER=$D/ice_detainers_not_declined_by_facility_year_2007_2015.csv

db=$(fresh_db)
"$ATTEST" --db "$db" import jurisdictions "$D/county_fips_master.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "counties load"

out=$("$ATTEST" --db "$db" import ice-aggregates "$DECLINED" 2>"$TMP/err")
ok "[ $? -eq 0 ]" "the declined-by-facility table loads as it is"
like "$out" "imported 1370 rows" "every one of its 1,370 rows is stored"
like "$out" "[0-9]+ rows matched no jurisdiction" "unmatched facilities are counted"
like "$out" "line [0-9]+: .*\(.*, .*\)" "... with a sample naming line, facility, city and state"
ok "[ ! -s $TMP/err ]" "no progress bar when stderr is not a terminal"
out=$("$ATTEST" --db "$db" import ice-aggregates "$OTHER" 2>&1)
ok "[ $? -eq 0 ]" "the other-outcomes table loads after it"
like "$out" "[0-9]+ rows matched no jurisdiction" \
	"rows whose facility matched no county are reported"
# CHATHAM COUNTY JAIL is in Savannah, GA and in Pittsboro, NC; the
# other-outcome table names neither, so neither county gets its rows.
got=$("$ATTEST" --db "$db" evidence 13051 --json |
	jq -c '[.sources.ice_facility_tables.facilities[] | select(.name == "CHATHAM COUNTY JAIL") | .years[].other]')
like "$got" '^\[(null,?)+\]$' "a facility name shared by two states is not guessed"
for f in all_detainers_by_year lifted_detainers_by_year \
	detainers_by_lift_reason_and_year detainers_by_type_and_year \
	detainers_by_year_and_month; do
	"$ATTEST" --db "$db" import ice-aggregates "$D/ice_$f.csv" >/dev/null 2>&1
	ok "[ $? -eq 0 ]" "ice_$f.csv loads"
done

# The evidence of counties with declined detainers, against the CSV.
check_county() {
	"$ATTEST" --db "$db" evidence "$1" --json >"$TMP/$1.json"
	python3 - "$TMP/$1.json" "$DECLINED" "$OTHER" <<'PY'
import csv, json, sys
from collections import defaultdict
ev = json.load(open(sys.argv[1]))
src = ev["sources"]["ice_facility_tables"]
facs = {(f["name"], f["city"], f["state"]) for f in src["facilities"]}
want = defaultdict(int)
for r in csv.DictReader(open(sys.argv[2])):
    if (r["det_facility"], r["city"], r["state"]) in facs:
        want[r["year"]] += int(r["declined_count"])
got = {y["period"]: y["declined"] for y in src["years"] if y["declined"]}
if not want:
    sys.exit("no facility of the county is in the CSV")
if got != dict(want):
    sys.exit("evidence %s != csv %s" % (got, dict(want)))
# Per facility too.
for f in src["facilities"]:
    per = defaultdict(int)
    for r in csv.DictReader(open(sys.argv[2])):
        if (r["det_facility"], r["city"], r["state"]) == (f["name"], f["city"], f["state"]):
            per[r["year"]] += int(r["declined_count"])
    fy = {y["period"]: y["declined"] for y in f["years"] if y["declined"] is not None}
    if fy != dict(per):
        sys.exit("facility %s: %s != %s" % (f["name"], fy, dict(per)))
PY
}
for c in 06013 17031 06075 06085 53033; do
	check_county "$c" 2>"$TMP/py.err"
	ok "[ $? -eq 0 ]" "evidence $c: yearly declined = the CSV's rows for its facilities $(cat "$TMP/py.err")"
done

# A few figures straight from the CSV, without the program's matching:
# every Contra Costa County jail in California, per year.
for y in 2013 2014 2015; do
	want=$(python3 -c "
import csv, sys
print(sum(int(r['declined_count']) for r in csv.DictReader(open('$DECLINED'))
          if r['state'] == 'CALIFORNIA' and r['det_facility'].startswith('CONTRA COSTA')
          and r['year'] == '$y'))")
	got=$(jq -r ".sources.ice_facility_tables.years[] | select(.period == \"$y\") | .declined" "$TMP/06013.json")
	is "$got" "$want" "Contra Costa County declined in $y is the CSV's $want"
done
want=$(awk -F, '$2 == "COOK COUNTY JAIL" && $4 == "ILLINOIS" && $1 == 2014 { s += $5 } END { print s }' "$DECLINED")
got=$(jq -r '.sources.ice_facility_tables.years[] | select(.period == "2014") | .declined' "$TMP/17031.json")
is "$got" "$want" "Cook County, IL declined in 2014 is the CSV's $want"
got=$(jq -r '[.sources.ice_facility_tables.facilities[].state] | unique | join(",")' "$TMP/17031.json")
is "$got" "ILLINOIS" "Cook County, GA's sheriff is not counted in Cook County, IL"

# The gaps are stated beside the figures.
txt=$("$ATTEST" --db "$db" evidence 06013)
like "$txt" "2007-10-01 to 2015-07-19" "text states the period the tables cover"
like "$txt" "a subset" "... that declined counts are a subset"
like "$txt" "no declined share" "... that no share can be computed from them"
is "$(jq '.sources.ice_facility_tables.gaps | length' "$TMP/06013.json")" 5 \
	"JSON carries the gaps with the figures"
like "$txt" "CONTRA COSTA CO. JAIL \(MARTINEZ, CALIFORNIA\) \[matched by county name in facility name\]" \
	"each facility says how it was matched"

# Loading a table again replaces it: the figures do not double.
"$ATTEST" --db "$db" import ice-aggregates "$DECLINED" >/dev/null 2>&1
"$ATTEST" --db "$db" evidence 06013 --json >"$TMP/again.json"
is "$(jq -c .sources.ice_facility_tables.years "$TMP/again.json")" \
	"$(jq -c .sources.ice_facility_tables.years "$TMP/06013.json")" \
	"a second load of the same table leaves the figures as they were"

# CSV and SVG output.
csv=$("$ATTEST" --db "$db" evidence 06013 --csv --svg "$TMP/c.svg")
like "$csv" "^jurisdiction,source,facility,period,issued,declined,other" "CSV has a header"
like "$csv" "06013,ice_facility_tables,,2014,,373," "CSV has the county's 2014 row"
ok "grep -q '<svg' $TMP/c.svg && grep -q '<rect' $TMP/c.svg" "--svg writes a bar chart"
ok "! grep -qi '<script' $TMP/c.svg" "the SVG has no script"
"$ATTEST" --db "$db" evidence 99999 >/dev/null 2>&1
is "$?" 2 "an unknown jurisdiction exits 2"
"$ATTEST" --db "$db" evidence 06013 --from 2014-13 >/dev/null 2>&1
is "$?" 2 "a bad --from exits 2"
got=$("$ATTEST" --db "$db" evidence 06013 --from 2014 --to 2014 --json | jq -c '[.sources.ice_facility_tables.years[].period]')
is "$got" '["2014"]' "--from and --to bound the periods"

# Each import is one audit entry naming the file's SHA-256 and rows.
if [ -z "${ATTEST_TEST_DB_URL:-}" ] && command -v sqlite3 >/dev/null 2>&1; then
	sum=$(sha256sum "$DECLINED" | cut -d' ' -f1)
	n=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE verb = 'import' AND kind = 'evidence' AND entity_id = '$sum'")
	is "$n" 2 "both loads of the declined table are in the audit log by SHA-256"
	js=$(sqlite3 "$db" "SELECT new_json FROM audit_log WHERE entity_id = '$sum' LIMIT 1")
	is "$(printf '%s' "$js" | jq -r '.rows, .file' | tr '\n' ' ')" \
		"1370 ice_detainers_declined_by_facility_year_2007_2015.csv " \
		"the entry names the file and its row count"
	is "$(sqlite3 "$db" 'SELECT count(*) FROM evidence_national')" 228 \
		"the national tables hold 9 + 9 + 108 + 8 + 94 figures"
fi
done_testing
