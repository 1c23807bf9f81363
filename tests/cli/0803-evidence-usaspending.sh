#!/bin/bash
# attest import usaspending: assistance transactions under USAspending's
# own column names are kept and summed to awards by FAIN; the place of
# performance names the jurisdiction (county FIPS, else state and county
# codes, else the county's name); unmatched ones are reported.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
command -v jq >/dev/null 2>&1 || skip_all "no jq"

db=$(fresh_db)
"$ATTEST" --db "$db" import jurisdictions "$AT_SHARED/data/county_fips_master.csv" >/dev/null 2>&1
H=assistance_transaction_unique_key,award_id_fain,modification_number,assistance_listing_number,recipient_name,recipient_uei,federal_action_obligation,action_date,prime_award_transaction_place_of_performance_county_fips_code,primary_place_of_performance_state_code,primary_place_of_performance_county_code,primary_place_of_performance_state_name,primary_place_of_performance_county_name,awarding_agency_name
cat >"$TMP/u.csv" <<CSV
$H
T1,2016-DJ-BX-0446,0,16.738,COOK COUNTY,ABC123,"975,604.00",2016-09-20,17031,IL,031,ILLINOIS,COOK,Department of Justice
T2,2016-DJ-BX-0446,1,16.738,COOK COUNTY,ABC123,-1000.50,2017-03-01,,IL,031,ILLINOIS,COOK,Department of Justice
T3,2017-AP-BX-0001,0,16.606,COUNTY OF COOK,ABC123,12345.67,2017-06-30,,,,ILLINOIS,Cook,Department of Justice
T4,2017-AP-BX-0002,0,16.606,NOWHERE,XYZ,100,2017-06-30,,,,,,Department of Justice
CSV
out=$("$ATTEST" --db "$db" import usaspending "$TMP/u.csv" 2>&1)
ok "[ $? -eq 0 ]" "a USAspending transactions file imports"
like "$out" "imported 4 rows of usaspending transactions" "every transaction is kept"
like "$out" "1 rows matched no jurisdiction" "the one with no place is reported"
like "$out" "line 5: FAIN 2017-AP-BX-0002" "... with its line and FAIN"
"$ATTEST" --db "$db" evidence 17031 --json >"$TMP/e.json"
is "$(jq '.awards | length' "$TMP/e.json")" 2 \
	"Cook County has two awards (by code, by state and county code, by name)"
is "$(jq -r '.awards[] | select(.fain == "2016-DJ-BX-0446") | [.transactions, .obligated_cents, .first_action, .last_action] | join(" ")' "$TMP/e.json")" \
	"2 97460350 2016-09-20 2017-03-01" \
	"an award sums its transactions, a deobligation included"
is "$(jq -r '.awards[] | select(.fain == "2017-AP-BX-0001") | .listing' "$TMP/e.json")" \
	"16.606" "the assistance listing is kept"

# The same transaction twice: refused with its line, nothing stored.
cp "$TMP/u.csv" "$TMP/u2.csv"
sed -n 2p "$TMP/u.csv" | sed 's/^T1,/T9,/' >>"$TMP/u2.csv"
sed -n 2p "$TMP/u.csv" >>"$TMP/u2.csv"
"$ATTEST" --db "$db" import usaspending "$TMP/u2.csv" >/dev/null 2>"$TMP/err"
is "$?" 2 "a transaction already stored exits 2"
like "$(cat "$TMP/err")" "u2.csv:2: field assistance_transaction_unique_key: transaction \"T1\" is already" \
	"the error names the line and the key"
is "$("$ATTEST" --db "$db" evidence 17031 --json | jq -c '[.awards[].transactions]')" "[2,1]" \
	"the awards are as before"

# A bad amount, with a reject file: the rest load.
printf '%s\n%s\n%s\n' "$H" \
	"T10,2018-DJ-BX-0001,0,16.738,COOK COUNTY,ABC123,12.345,2018-09-20,17031,IL,031,ILLINOIS,COOK,DOJ" \
	"T11,2018-DJ-BX-0001,0,16.738,COOK COUNTY,ABC123,12.34,2018-09-21,17031,IL,031,ILLINOIS,COOK,DOJ" \
	>"$TMP/u3.csv"
"$ATTEST" --db "$db" import usaspending "$TMP/u3.csv" >/dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" "u3.csv:2: field federal_action_obligation: \"12.345\" is not an amount" \
	"a bad amount is named"
"$ATTEST" --db "$db" import usaspending "$TMP/u3.csv" --reject-file "$TMP/rej.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "with --reject-file the rest loads"
is "$(sed -n 2p "$TMP/rej.csv" | cut -d, -f1-2)" "2,federal_action_obligation" \
	"the reject file names the line and field"
is "$("$ATTEST" --db "$db" evidence 17031 --json | jq -r '.awards[] | select(.fain == "2018-DJ-BX-0001") | .obligated_cents')" \
	1234 "the good transaction made its award"
done_testing
