#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Outcomes of the rules engine on the site: the as-of date and the
# interpretation, carried in the URL, change what the API, Chicago's page
# and the map show (the 2017 story: the injunction of 2017-09-15
# suspended the FY2017 access condition; the courts' narrow reading of
# 8 U.S.C. 1373 finds Chicago compliant where the agency's did not).
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }

out() { # AS_OF INTERPRETATION CONDITION -> outcome/underlying
	curl -s "$URL/api/v1/outcomes?jurisdiction=1714000&condition=$3&as_of=$1&interpretation=$2" |
		jq -r '.items[0] | .outcome + "/" + .underlying'
}
is "$(out 2017-08-01 agency-2017 JAG-FY2017-ACCESS)" conflicts/conflicts \
	"access condition before the injunction: conflicts"
is "$(out 2017-09-20 agency-2017 JAG-FY2017-ACCESS)" not_enforced/conflicts \
	"after the injunction: not enforced, conflicts underneath"
is "$(out 2017-09-20 agency-2017 JAG-FY2017-1373)" conflicts/conflicts \
	"1373 condition under the agency's reading: conflicts"
is "$(out 2017-09-20 courts-narrow JAG-FY2017-1373)" complies/complies \
	"under the courts' narrow reading: complies"
like "$(curl -s "$URL/api/v1/outcomes?jurisdiction=1714000&condition=JAG-FY2017-ACCESS&as_of=2017-09-20")" \
	'"explanation":\{' "one jurisdiction's outcomes carry their explanation"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/outcomes?interpretation=nonesuch")" 400 \
	"an unknown interpretation is refused"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/outcomes?as_of=2017-02-30")" 400 \
	"an impossible date is refused"
like "$(curl -s "$URL/api/v1/outcomes?format=csv&limit=5" | head -1)" \
	"^jurisdiction,condition,outcome,underlying" "outcomes export as CSV"

page=$(curl -s "$URL/jurisdictions/1714000?as_of=2017-09-20&interpretation=courts-narrow")
like "$page" 'name="as_of" value="2017-09-20"' "the page's date picker shows the URL's day"
like "$page" '<option value="courts-narrow" selected="selected">' "the interpretation switch shows the URL's reading"
like "$page" 'JAG-FY2017-ACCESS</a></td><td><span class="badge o-not_enforced">' \
	"Chicago's page: access condition not enforced on 2017-09-20"
like "$(curl -s "$URL/jurisdictions/1714000?as_of=2017-08-01")" \
	'JAG-FY2017-ACCESS</a></td><td><span class="badge o-conflicts">' \
	"Chicago's page: conflicts on 2017-08-01"
like "$page" '<ul class="explain">' "the page explains each outcome"
like "$(curl -s "$URL/?as_of=2017-09-20")" "Outcomes by condition" "the dashboard counts outcomes"
map=$(curl -s "$URL/map?level=state&condition=JAG-FY2017-1373&as_of=2017-09-20")
like "$map" '<path class="o-(complies|conflicts|unknown|not_enforced|na)" d="M' \
	"the map colours states by a condition's outcome"
like "$map" 'name="as_of" value="2017-09-20"' "the map keeps the day"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/map?condition=NOPE")" 404 "an unknown condition on the map is 404"
done_testing
