#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Funds at risk on the web: the page, its API (JSON and CSV) and the
# dashboard show the same figures as `attest report funds-at-risk`, plus
# what actions withheld and released; an amount not on record is shown
# as unknown, never as $0.00, and the totals say how many were unknown.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
at() { "$ATTEST" --db "$DB" "$@"; }
# Two overdue notices: Clark County's award has an amount, Cook County's not.
at notice issue --id N4 --kind certification_request --jurisdiction 32003 \
	--agency CLARK-MGR --date 2017-04-21 --due 2017-06-30 \
	--conditions JAG-FY2016-1373 --awards FY2016-JAG-CLARK-NOFAIN --as hanson >/dev/null
at notice issue --id N5 --kind certification_request --jurisdiction 17031 \
	--date 2017-04-21 --due 2017-06-30 --conditions JAG-FY2016-1373 \
	--awards FY2016-JAG-COOK-NOFAIN --as hanson >/dev/null
# A withholding of a known amount and a release, before 2018-10-05.
at action withhold --id ACT-CA-W --jurisdiction 06 --award FY2017-JAG-CA-NOFAIN \
	--condition JAG-FY2017-1373 --date 2018-10-04 --amount 28300000 --as ojp >/dev/null
at action release --id ACT-CA-R --jurisdiction 06 --award FY2017-JAG-CA-NOFAIN \
	--date 2018-10-05 --amount 28300000 --ruling CA-SJ-2018-10-05 --as ojp >/dev/null
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }

day=2019-01-01
rep=$(at report funds-at-risk --as-of "$day" --json)
api=$(curl -s "$URL/api/v1/funds-at-risk?as_of=$day")
ok '[ "$(echo "$rep" | jq length)" -ge 2 ]' "the report has rows at risk on $day"
is "$(echo "$api" | jq .totals.at_risk.known_cents)" \
	"$(echo "$rep" | jq '[.[] | .known_cents // 0] | add')" \
	"the API's known amount at risk is the report's"
is "$(echo "$api" | jq .totals.at_risk.unknown)" \
	"$(echo "$rep" | jq '[.[] | .unknown_awards] | add')" \
	"and so is the count of awards of unknown amount"
is "$(echo "$api" | jq -r '[.items[] | select(.status == "at_risk") | .award] | sort | join(" ")')" \
	"$(echo "$rep" | jq -r '[.[] | .awards[]] | sort | join(" ")')" \
	"the same awards are at risk"
is "$(echo "$api" | jq '.items[] | select(.award == "FY2016-JAG-CLARK-NOFAIN") | .amount_cents')" \
	97560400 "Clark County's award: 97560400 cents"
is "$(echo "$api" | jq '.items[] | select(.award == "FY2016-JAG-COOK-NOFAIN") | .amount_cents')" \
	null "Cook County's award: null, not 0"
is "$(echo "$api" | jq -c .totals.withheld)" '{"known_cents":2830000000,"known":1,"unknown":3}' \
	"withheld: the known amount, and the demo's three withholdings of unknown amount counted apart"
is "$(echo "$api" | jq -c .totals.released)" '{"known_cents":2830000000,"known":1,"unknown":0}' \
	"released: the release of 2018-10-05"
is "$(curl -s "$URL/api/v1/funds-at-risk?as_of=2018-10-04" | jq -c .totals.released)" \
	'{"known_cents":null,"known":0,"unknown":0}' "nothing released the day before: null, not 0"
is "$(curl -s "$URL/api/v1/funds-at-risk?as_of=2017-06-30" | jq -c .totals.at_risk)" \
	'{"known_cents":null,"known":0,"unknown":0}' "on the due date nothing is overdue yet"
n=$(echo "$api" | jq .total)
is "$n" "$(echo "$api" | jq '.items | length')" "total counts the items"
is "$(curl -s "$URL/api/v1/funds-at-risk?as_of=$day&limit=2&offset=1" | jq -c '[.offset, .limit, (.items | length), .total]')" \
	"[1,2,2,$n]" "the items are paginated; the totals are over all"
is "$(curl -s "$URL/api/v1/funds-at-risk?as_of=$day&limit=2&offset=1" | jq -c '[.items[].award]')" \
	"$(echo "$api" | jq -c '[.items[1:3][].award]')" "page 2 of 2 rows is rows 2 and 3"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/funds-at-risk?as_of=2019-02-30")" 400 \
	"a day that does not exist is refused"

csv=$(curl -s -D "$TMP/hdr" "$URL/api/v1/funds-at-risk?as_of=$day&format=csv")
like "$(cat "$TMP/hdr")" "Content-Type: text/csv" "CSV export"
is "$(printf '%s\n' "$csv" | head -1 | tr -d '\r')" \
	"status,jurisdiction,jurisdiction_name,program,award,amount,action,date,why" "with a header"
like "$csv" '"at_risk","32003","Clark County","JAG","FY2016-JAG-CLARK-NOFAIN","975604.00"' \
	"Clark County's amount in dollars"
like "$csv" '"at_risk","17031","Cook County","JAG","FY2016-JAG-COOK-NOFAIN","unknown"' \
	"Cook County's as unknown"
like "$csv" '"released","06",.*"28300000.00","ACT-CA-R","2018-10-05"' "the release"
is "$(printf '%s\n' "$csv" | tail -n +2 | grep -c .)" "$(echo "$api" | jq '.items | length')" \
	"one CSV row per JSON item"

page=$(curl -s "$URL/funds?as_of=$day")
like "$page" '<h1>Funds at risk on 2019-01-01</h1>' "the page, for the chosen day"
like "$page" '\$975,604.00' "shows Clark County's amount"
like "$page" 'FY2016-JAG-COOK-NOFAIN</a></td><td class="amount"><span class="unknown">unknown</span>' \
	"and Cook County's as unknown"
ok "! printf '%s' \"\$page\" | grep -q '\\\$0\\.00'" "no unknown amount is shown as \$0.00"
like "$page" '<tr id="total-at-risk"><th scope="row">at risk</th><td class="amount">\$975,604.00 \+ 1 unknown</td><td>1</td><td>1</td>' \
	"the total at risk says one amount is unknown"
like "$page" '<tr id="total-withheld"><th scope="row">withheld</th><td class="amount">\$28,300,000.00 \+ 3 unknown</td>' \
	"the total withheld says three are unknown"
like "$page" 'href="/api/v1/funds-at-risk\?as_of=2019-01-01&amp;format=csv"' "links its CSV export"
like "$page" 'ACT-CA-R' "lists the release"
home=$(curl -s "$URL/?as_of=$day")
like "$home" '<h2 id="funds">Funds at risk</h2>' "the dashboard has funds at risk"
like "$home" 'total-at-risk.*\$975,604.00 \+ 1 unknown' "with the same total"
like "$(curl -s "$URL/")" 'href="/funds"' "the navigation links the page"

# A write after the page was made: the next view shows it (the totals are
# cached by data version, not kept stale).
at action withhold --id ACT-CA-W2 --jurisdiction 06 --award FY2017-JAG-CA-NOFAIN \
	--condition JAG-FY2017-1373 --date 2018-10-04 --amount 100 --as ojp >/dev/null
like "$(curl -s "$URL/funds?as_of=$day")" '<tr id="total-withheld"><th scope="row">withheld</th><td class="amount">\$28,300,100.00 \+ 3 unknown</td>' \
	"a withholding recorded meanwhile is in the next view's total"
like "$(curl -s "$URL/?as_of=$day")" 'total-withheld.*\$28,300,100.00 \+ 3 unknown' "and on the dashboard"

done_testing
