#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The jurisdictions list filtered by outcome (for a condition, an as-of
# day and a reading, from the rules engine) and by designation, combined
# with search, state, kind and sort, all carried in the URL; and the same
# filters on GET /api/v1/jurisdictions, which lists the same ids.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }

# ids PAGE-QUERY: the FIPS codes listed, sorted.
ids() {
	curl -s "$URL/jurisdictions?$1" | grep -o '<td>[0-9]\{2,7\}</td>' |
		sed 's/<[^>]*>//g' | sort | tr '\n' ' '
}
# list_ids QUERY: the ids GET /api/v1/jurisdictions lists, sorted.
list_ids() {
	curl -s "$URL/api/v1/jurisdictions?$1&limit=10000" | jq -r '.items[].id' | sort | tr '\n' ' '
}
# api_status QUERY: the status of GET /api/v1/jurisdictions?QUERY.
api_status() {
	curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/jurisdictions?$1"
}
# api_ids CONDITION DAY READING OUTCOME: what /api/v1/outcomes says.
api_ids() {
	curl -s "$URL/api/v1/outcomes?condition=$1&as_of=$2&interpretation=$3&limit=10000" |
		jq -r --arg o "$4" '.items[] | select(.outcome == $o) | .jurisdiction' | sort | tr '\n' ' '
}

want=$(api_ids JAG-FY2017-ACCESS 2017-09-20 agency-2017 not_enforced)
ok '[ -n "$want" ]' "some jurisdictions are not_enforced for the access condition on 2017-09-20"
is "$(ids 'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&interpretation=agency-2017')" "$want" \
	"the outcome filter lists exactly the rules engine's jurisdictions"
like "$want" "1714000" "Chicago among them"
is "$(ids 'outcome=conflicts&condition=JAG-FY2017-ACCESS&as_of=2017-09-20')" "" \
	"none conflicts that day (the injunction)"
is "$(ids 'outcome=conflicts&condition=JAG-FY2017-ACCESS&as_of=2017-08-01')" \
	"$(api_ids JAG-FY2017-ACCESS 2017-08-01 agency-2017 conflicts)" "before the injunction the conflicts are listed"
like "$(ids 'outcome=conflicts&condition=JAG-FY2017-ACCESS&as_of=2017-08-01')" "1714000" "Chicago conflicts then"
is "$(ids 'outcome=complies&condition=JAG-FY2017-1373&as_of=2017-09-20&interpretation=courts-narrow')" \
	"$(api_ids JAG-FY2017-1373 2017-09-20 courts-narrow complies)" "the reading changes the list"
is "$(ids 'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&state=IL')" \
	"$(printf '%s\n' $want | grep '^17' | tr '\n' ' ')" "combined with the state"
is "$(ids 'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&q=chicago')" "1714000 " \
	"combined with the search"
is "$(ids 'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&kind=city')" \
	"$(for j in $want; do "$ATTEST" --db "$DB" show jurisdiction "$j" --json | jq -r 'select(.kind == "city") | .id'; done | sort | tr '\n' ' ')" \
	"combined with the kind"
page=$(curl -s "$URL/jurisdictions?outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&sort=id&order=desc")
is "$(printf '%s' "$page" | grep -o '<td>[0-9]\{2,7\}</td>' | sed 's/<[^>]*>//g' | tr '\n' ' ')" \
	"$(printf '%s\n' $want | sort -r | tr '\n' ' ')" "and with the sort order"
like "$page" '<option value="not_enforced" selected="selected">' "the form keeps the outcome"
like "$page" '<option value="JAG-FY2017-ACCESS" selected="selected">' "and the condition"
like "$page" 'name="as_of" value="2017-09-20"' "and the day"

is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/jurisdictions?outcome=conflicts")" 400 \
	"an outcome without a condition is refused"
like "$(curl -s "$URL/jurisdictions?outcome=conflicts")" "choose the condition" "saying so"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/jurisdictions?outcome=conflicts&condition=NO-SUCH")" 400 \
	"an unknown condition is refused"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/jurisdictions?outcome=maybe&condition=JAG-FY2017-ACCESS")" 400 \
	"an outcome not in the list is refused"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/jurisdictions?outcome=conflicts&condition=JAG-FY2017-ACCESS&interpretation=nope")" 400 \
	"a reading the rules lack is refused"

# The API: the same filters, the same ids as the page.
for q in 'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&interpretation=agency-2017' \
	'outcome=conflicts&condition=JAG-FY2017-ACCESS&as_of=2017-08-01' \
	'outcome=complies&condition=JAG-FY2017-1373&as_of=2017-09-20&interpretation=courts-narrow' \
	'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&state=IL'; do
	is "$(list_ids "$q")" "$(ids "$q")" "API and page agree: $q"
done
is "$(list_ids 'outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&interpretation=agency-2017')" "$want" \
	"the API's outcome filter lists the rules engine's jurisdictions"
is "$(curl -s "$URL/api/v1/jurisdictions?outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20&limit=1" | jq .total)" \
	"$(printf '%s\n' $want | wc -l)" "its total counts the filtered jurisdictions, not all"
is "$(api_status 'outcome=conflicts')" 400 "API: an outcome without a condition is refused"
is "$(curl -s "$URL/api/v1/jurisdictions?outcome=conflicts" | jq -r '.error.code + " " + .error.message')" \
	"bad_request condition: choose the condition the outcome is for" "naming the condition, as the page does"
is "$(curl -s "$URL/api/v1/jurisdictions?outcome=conflicts&condition=NO-SUCH" | jq -r .error.message)" \
	"condition: the rules know no such condition" "API: an unknown condition is refused"
like "$(curl -s "$URL/api/v1/jurisdictions?outcome=maybe&condition=JAG-FY2017-ACCESS" | jq -r .error.message)" \
	"^outcome: " "API: an outcome not in the list is refused, naming outcome"
is "$(curl -s "$URL/api/v1/jurisdictions?outcome=conflicts&condition=JAG-FY2017-ACCESS&interpretation=nope" | jq -r .error.message)" \
	"interpretation: the rules have no such reading" "API: a reading the rules lack is refused"
is "$(curl -s "$URL/api/v1/agencies?outcome=conflicts&condition=JAG-FY2017-ACCESS" | jq -r .error.message)" \
	"outcome: only jurisdictions have outcomes" "API: other kinds have no outcome filter"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/agencies?designation=any")" 400 \
	"nor a designation filter"

# Designations.
dir=$("$ATTEST" --db "$DB" list designations --json | jq -r '.[0].directive')
dwant=$("$ATTEST" --db "$DB" list designations --json |
	jq -r --arg d "$dir" '[.[] | select(.directive == $d) | .jurisdiction] | unique | .[]' | sort | tr '\n' ' ')
ok '[ -n "$dwant" ]' "the demo has designations by $dir"
is "$(ids "designation=$dir")" "$dwant" "the designation filter lists the jurisdictions the list names"
is "$(ids "designation=any")" "$dwant" "any designation: the same (one list in the demo)"
is "$(ids "designation=NO-SUCH-LIST")" "" "a list that names none: nothing"
is "$(list_ids "designation=$dir")" "$dwant" "the API's designation filter: the same ids"
is "$(list_ids "designation=any")" "$dwant" "and for any"
is "$(list_ids "designation=NO-SUCH-LIST")" "" "and none for a list that names none"
like "$(curl -s "$URL/jurisdictions?designation=$dir")" "<option value=\"$dir\" selected=\"selected\">" \
	"the form offers the list and keeps it"
is "$(ids "designation=$dir&state=CA")" "$(printf '%s\n' $dwant | grep '^06' | tr '\n' ' ')" \
	"combined with the state"
both=$(ids "designation=$dir&outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20")
is "$both" "$(comm -12 <(printf '%s\n' $dwant) <(printf '%s\n' $want) | tr '\n' ' ')" \
	"outcome and designation together: those in both"
is "$(list_ids "designation=$dir&outcome=not_enforced&condition=JAG-FY2017-ACCESS&as_of=2017-09-20")" "$both" \
	"the API agrees on both together"

# More than a page: the pager's links carry every filter.
"$ATTEST" --db "$DB" list jurisdictions --json |
	jq -r --arg d "$dir" '[.[] | select(.kind == "county" and (.id | startswith("48")))][0:60][] |
		"DSG-T-\(.id),\($d),\(.id),2025-08-05,test"' |
	{ echo "id,directive,jurisdiction,date,source"; cat; } >"$TMP/dsg.csv"
ok '"$ATTEST" --db "$DB" import designations "$TMP/dsg.csv" >/dev/null' "60 Texas counties designated"
q="designation=$dir&kind=county&state=TX&sort=id&order=asc"
page=$(curl -s "$URL/jurisdictions?$q")
like "$page" '<p class="count">60 found; 1–50 shown</p>' "the filters find the 60, a page of 50"
next=$(printf '%s' "$page" | grep -o '<a href="[^"]*" rel="next">' | sed 's/<a href="\([^"]*\)".*/\1/; s/&amp;/\&/g')
is "$next" "/jurisdictions?state=TX&kind=county&sort=id&order=asc&designation=$dir&page=2" \
	"the next page's link carries the filters"
like "$(curl -s "$URL$next")" '<p class="count">60 found; 51–60 shown</p>' "and page 2 shows the rest"
is "$(list_ids "$q")" "$(ids "$q")$(ids "$q&page=2")" "the API lists the same 60 (both pages)"
is "$(curl -s "$URL/api/v1/jurisdictions?designation=$dir&kind=county&state=TX&limit=50&offset=50" | jq '(.items | length), .total' | tr '\n' ' ')" \
	"10 60 " "and pages them by offset"

done_testing
