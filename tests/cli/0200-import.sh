#!/bin/bash
# attest import: Census files as they are, all-or-nothing imports that
# name the bad line and field, round trips, and the CLI conventions.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"

db=$(fresh_db)
out=$("$ATTEST" --db "$db" import jurisdictions "$AT_SHARED/data/county_fips_master.csv" 2>&1)
ok "[ $? -eq 0 ]" "county_fips_master.csv imports as it is"
counties=$(tail -n +2 "$AT_SHARED/data/county_fips_master.csv" | cut -d, -f1 | sort -u | wc -l)
got=$("$ATTEST" --db "$db" list jurisdictions --json | jq '[.[] | select(.id | length == 5)] | length')
is "$got" "$counties" "every distinct county code is loaded ($counties)"
is "$("$ATTEST" --db "$db" show jurisdiction 17031 --json | jq -r '.name + "|" + .parent')" \
	"Cook County|17" "Cook County has its name and its state as parent"
is "$("$ATTEST" --db "$db" show jurisdiction 01001 --json | jq -r .id)" "01001" \
	"codes get their leading zero back"
"$ATTEST" --db "$db" import jurisdictions "$AT_SHARED/data/state_fips_master.csv" >/dev/null
ok "[ $? -eq 0 ]" "the states file loads on top (known codes skipped)"
states=$(tail -n +2 "$AT_SHARED/data/state_fips_master.csv" | grep -c .)
db2=$(fresh_db)
"$ATTEST" --db "$db2" import jurisdictions "$AT_SHARED/data/state_fips_master.csv" >/dev/null
is "$(count jurisdictions "$db2")" "$states" "state_fips_master.csv loads every state"
db3=$(fresh_db)
"$ATTEST" --db "$db3" import jurisdictions "$AT_SHARED/data/state_and_county_fips_master.csv" >/dev/null
ok "[ $? -eq 0 ]" "state_and_county_fips_master.csv imports as it is"
is "$("$ATTEST" --db "$db3" show jurisdiction 11 --json | jq -r .name)" "District of Columbia" \
	"capitalised state names are made readable"

# All or nothing: a 2,000-row file with a bad row at line 1,000.
{
	echo "id,name,kind,parent,source"
	i=0
	"$ATTEST" --db "$db" list jurisdictions --json |
		jq -r '.[] | select(.id | length == 5) | .id' | head -1999 |
		while read -r c; do
			i=$((i + 1))
			if [ "$i" -eq 999 ]; then
				echo "${c:0:2}99999,Bad Place,city,${c:0:2}999,test"
			else
				echo "${c:0:2}$(printf %05d $i),Place $i,city,$c,test"
			fi
		done
} > "$TMP/places.csv"
is "$(wc -l < "$TMP/places.csv")" "2000" "the test file has 2,000 lines"
before=$(count jurisdictions "$db")
err=$("$ATTEST" --db "$db" import jurisdictions "$TMP/places.csv" 2>&1 >/dev/null)
rc=$?
is "$rc" "2" "a bad row makes the import exit 2"
like "$err" "places.csv:1000: field parent: " "the error names the file, line 1000 and the field"
is "$(count jurisdictions "$db")" "$before" "no row of the failed import is left behind"
sed -i '1000s/.*/0100999,Good Place,city,01001,test/' "$TMP/places.csv"
"$ATTEST" --db "$db" import jurisdictions "$TMP/places.csv" --dry-run >/dev/null
ok "[ $? -eq 0 ]" "--dry-run accepts the mended file"
is "$(count jurisdictions "$db")" "$before" "--dry-run changes nothing"
"$ATTEST" import jurisdictions "$TMP/places.csv" --db "$db" >/dev/null
ok "[ $? -eq 0 ]" "--db may follow the command"
is "$(count jurisdictions "$db")" "$((before + 1999))" "the mended file loads all 1,999 rows"

# Each validation error names its field.
printf 'id,name,kind,source\n17,Illinois,state,t\n' > "$TMP/s.csv"
db4=$(fresh_db)
"$ATTEST" --db "$db4" import jurisdictions "$TMP/s.csv" >/dev/null
check_err() { # file kind pattern description
	err=$("$ATTEST" --db "$db4" import "$2" "$1" 2>&1 >/dev/null)
	rc=$?
	is "$rc" "2" "$4: exit 2"
	like "$err" "$3" "$4: message"
}
printf 'id,name,kind,source\n1799,X,county,t\n' > "$TMP/e1.csv"
check_err "$TMP/e1.csv" jurisdictions 'e1.csv:2: field id: .*not a FIPS code' "bad FIPS code"
printf 'id,jurisdiction,name,kind,source\nA1,18,X,police,t\n' > "$TMP/e2.csv"
check_err "$TMP/e2.csv" agencies 'e2.csv:2: field jurisdiction: unknown jurisdiction "18"' "unknown jurisdiction"
printf 'id,jurisdiction,kind,title,citation,valid_from,source\nP1,17,statute,T,C,2017-02-30,t\n' > "$TMP/e3.csv"
check_err "$TMP/e3.csv" policies 'e3.csv:2: field valid_from: .*not a date' "a date that is not a date"
printf 'id,name,listing,source\nJAG,Byrne JAG,16.738,t\n' > "$TMP/p.csv"
"$ATTEST" --db "$db4" import programs "$TMP/p.csv" >/dev/null
printf 'id,jurisdiction,name,kind,source\nIL-A,17,Agency,state_administering,t\n' > "$TMP/a.csv"
"$ATTEST" --db "$db4" import agencies "$TMP/a.csv" >/dev/null
printf 'id,program,agency,fiscal_year,amount,source\nX-1,JAG,IL-A,2016,-100,t\n' > "$TMP/e4.csv"
check_err "$TMP/e4.csv" awards 'e4.csv:2: field amount: .*negative' "a negative amount"
printf 'id,jurisdiction,kind,title,citation,valid_from,valid_to,source\nP1,17,statute,T,C,2018-01-01,2017-01-01,t\n' > "$TMP/e5.csv"
check_err "$TMP/e5.csv" policies 'e5.csv:2: field valid_to: .*before valid_from' "valid_to before valid_from"
printf 'id,bogus,source\nX,1,t\n' > "$TMP/e6.csv"
check_err "$TMP/e6.csv" programs 'e6.csv:1: field bogus: unknown column' "an unknown column"
printf 'id,name,listing,source\nJAG2,"unterminated,16.738,t\n' > "$TMP/e7.csv"
check_err "$TMP/e7.csv" programs 'e7.csv:2: .*malformed CSV' "malformed quoting"
check_err "$TMP/p.csv" programs 'p.csv:2: field id: program "JAG" already exists' "a duplicate id"

# Unknown amounts stay unknown, never 0.
printf 'id,program,agency,fiscal_year,amount,source\nX-2,JAG,IL-A,2016,,t\nX-3,JAG,IL-A,2017,975604,t\n' > "$TMP/aw.csv"
"$ATTEST" --db "$db4" import awards "$TMP/aw.csv" >/dev/null
is "$("$ATTEST" --db "$db4" show award X-2 --json | jq -r .amount)" "null" "an empty amount is stored as unknown (null)"
like "$("$ATTEST" --db "$db4" show award X-2)" "amount +unknown" "and shown as unknown"
is "$("$ATTEST" --db "$db4" show award X-3 --json | jq -r .amount)" "97560400" "amounts are integer cents"

# Round trip: export -> import into a fresh database -> same export.
db5=$(fresh_db)
for k in jurisdictions programs agencies awards; do
	"$ATTEST" --db "$db4" export "$k" --csv > "$TMP/$k.csv"
	"$ATTEST" --db "$db5" import "$k" "$TMP/$k.csv" >/dev/null
	ok "[ $? -eq 0 ]" "export of $k imports back"
done
for k in jurisdictions programs agencies awards; do
	is "$("$ATTEST" --db "$db5" export "$k" --json | jq -S .)" \
		"$("$ATTEST" --db "$db4" export "$k" --json | jq -S .)" "$k round-trips unchanged"
done

# --as-of filters by valid time.
printf 'id,jurisdiction,kind,title,citation,valid_from,valid_to,source\nOLD,17,statute,Old,C1,2010-01-01,2018-01-01,t\nNEW,17,statute,New,C2,2018-01-01,,t\n' > "$TMP/pol.csv"
"$ATTEST" --db "$db4" import policies "$TMP/pol.csv" >/dev/null
is "$("$ATTEST" --db "$db4" list policies --as-of 2017-12-31 --json | jq -r '.[].id')" "OLD" "as of 2017-12-31 only the old policy is in force"
is "$("$ATTEST" --db "$db4" list policies --as-of 2018-01-01 --json | jq -r '.[].id')" "NEW" "valid_to is exclusive"

# CLI conventions.
ATTEST_DB="$db4" "$ATTEST" show program JAG >/dev/null
ok "[ $? -eq 0 ]" "ATTEST_DB sets the default database"
for c in init import list show export demo summary; do
	"$ATTEST" "$c" --help >/dev/null
	ok "[ $? -eq 0 ]" "attest $c --help"
done
"$ATTEST" nonsense >/dev/null 2>&1
is "$?" "2" "an unknown command exits 2"
"$ATTEST" --db "$db4" list widgets >/dev/null 2>&1
is "$?" "2" "an unknown kind exits 2"
"$ATTEST" --db /nonexistent/dir/x.db list programs >/dev/null 2>&1
is "$?" "3" "an unusable database exits 3"

done_testing
