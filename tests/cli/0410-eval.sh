#!/bin/bash
# attest eval and attest whatif on the demo record: the FY2016 JAG 1373
# condition as of 2017-10-12 under both interpretations (DOMAIN.md 2.3,
# 2.4), the JSON shape, explanations, rulings over time, and what-if
# changes.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
atlas=${ATTEST_ATLAS:-$AT_SRC/build/npm/node_modules/us-atlas/counties-albers-10m.json}
[ -f "$atlas" ] || skip_all "no us-atlas file (run make to fetch it)"

db=$(fresh_db)
"$ATTEST" --db "$db" demo --data "$AT_SRC/data/demo" --atlas "$atlas" \
	>"$TMP/demo.out" 2>&1
is "$?" "0" "attest demo loads the record"

ev() {
	"$ATTEST" --db "$db" eval --rules "$AT_SRC/rules" "$@"
}

ev --as-of 2017-10-12 --interpretation agency-2017 \
	--condition JAG-FY2016-1373 --json >"$TMP/a.json"
is "$?" "0" "eval --json runs"
# outcome JSONFILE JUR
outcome() {
	jq -r --arg j "$2" '.[] | select(.jurisdiction == $j) | .outcome' <"$1"
}

# The agency's findings of 2017-10-11/12 (DOMAIN.md 2.3): preliminarily
# possibly non-compliant, and cleared.
for j in 1714000 17031 3651000 42101; do
	is "$(outcome "$TMP/a.json" $j)" "conflicts" \
		"$j conflicts on 2017-10-12 under agency-2017 (found possibly non-compliant)"
done
for j in 09 55079 32003 12086; do
	is "$(outcome "$TMP/a.json" $j)" "complies" \
		"$j complies on 2017-10-12 under agency-2017 (cleared)"
done
is "$(jq -r '.[0] | [has("jurisdiction"), has("condition"), has("as_of"),
	has("interpretation"), has("outcome"), has("explanation")] | all' \
	<"$TMP/a.json")" "true" "each JSON object has the required fields"
is "$(jq -r '.[0].as_of + " " + .[0].interpretation' <"$TMP/a.json")" \
	"2017-10-12 agency-2017" "as_of and interpretation are echoed"
like "$(jq -r '.[] | select(.jurisdiction == "1714000") | .explanation |
	.. | objects | select(.step == "provision" and .outcome == "conflicts")
	| .id' <"$TMP/a.json")" "^PRV-CHI-042-RELEASE$" \
	"Chicago's explanation names the release-date provision"

# The narrow reading: release-date bars are not 1373 conflicts.
ev --as-of 2017-10-12 --interpretation courts-narrow \
	--condition JAG-FY2016-1373 --json >"$TMP/n.json"
is "$(outcome "$TMP/n.json" 1714000)" "complies" "Chicago complies under courts-narrow"
is "$(outcome "$TMP/n.json" 17031)" "complies" "Cook County complies under courts-narrow"
is "$(outcome "$TMP/n.json" 3651000)" "conflicts" \
	"NYC's status-confidentiality order conflicts under either reading"

# Rulings over time: the Chicago PI (2017-09-15) covers the notice
# condition nationwide; after the June 2018 stay only Chicago.
ev --as-of 2017-10-12 --condition JAG-FY2017-NOTICE --jurisdiction 42101 \
	--json >"$TMP/r1.json"
is "$(jq -r '.[0].outcome + " " + .[0].underlying_outcome' <"$TMP/r1.json")" \
	"not_enforced conflicts" "the nationwide PI covers Philadelphia, underlying kept"
ev --as-of 2018-07-01 --condition JAG-FY2017-NOTICE --json \
	>"$TMP/r2.json"
is "$(outcome "$TMP/r2.json" 1714000)" "not_enforced" "Chicago still covered during the stay"
ok "[ \"$(outcome "$TMP/r2.json" 3651000)\" != not_enforced ]" \
	"NYC no longer covered during the stay"

# New York City and the FY2017 1373 condition: the S.D.N.Y. injunction
# (2018-11-30), the Second Circuit's reversal (2020-02-26), then the
# agency's own notice (2020-11-05).
for pair in 2018-12-01:not_enforced 2020-03-01:conflicts 2020-12-01:not_enforced; do
	d=${pair%%:*}
	ev --as-of "$d" --condition JAG-FY2017-1373 --jurisdiction 3651000 \
		--json >"$TMP/ny.json"
	is "$(jq -r '.[0].outcome' <"$TMP/ny.json")" "${pair#*:}" \
		"NYC, FY2017 1373 condition, on $d"
done
like "$(jq -r '.[0].explanation.steps[] | select(.step == "ruling") | .id' \
	<"$TMP/ny.json")" "^OJP-NOTICE-2020-11-05$" "the agency notice is named"

# Plain text with --explain.
out=$(ev --as-of 2017-10-12 --condition JAG-FY2016-1373 --jurisdiction 17031 --explain)
like "$out" "clause USC-8-1373-a, 8 U.S.C. 1373\\(a\\)" "the explanation names the clause"
like "$out" "provision PRV-COOK-RELEASE \\(P07\\)" "and the provision"

# What if: Chicago repeals its release-date bar.
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --as-of 2017-10-12 \
	--condition JAG-FY2016-1373 --repeal PRV-CHI-042-RELEASE --on 2017-10-01)
like "$out" "^1714000 +JAG-FY2016-1373 +conflicts -> complies$" \
	"repealing the release-date bar clears Chicago"
like "$out" "^1 of [0-9]+ outcomes change" "and nothing else"
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --as-of 2017-10-12 \
	--condition JAG-FY2016-1373 --switch-interpretation courts-narrow)
like "$out" "^17031 +JAG-FY2016-1373 +conflicts -> complies$" \
	"switching interpretation clears Cook County"
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --as-of 2018-07-01 \
	--condition JAG-FY2017-NOTICE --lift CHI-STAY-2018-06-26 --on 2018-06-26)
like "$out" "^1714000 +JAG-FY2017-NOTICE +not_enforced\\(conflicts\\) -> conflicts$" \
	"lifting the stay's protection exposes Chicago"
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --as-of 2017-10-12 \
	--condition JAG-FY2016-1373 --add-ruling nationwide \
	--conditions JAG-FY2016-1373 --on 2017-10-01)
like "$out" "^42101 +JAG-FY2016-1373 +conflicts -> not_enforced\\(conflicts\\)$" \
	"a hypothetical nationwide injunction covers Philadelphia"
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --as-of 2017-10-12 \
	--condition JAG-FY2016-1373 --amend PRV-CHI-042-RELEASE --type P05)
like "$out" "^1714000 +JAG-FY2016-1373 +conflicts -> complies$" \
	"amending the bar into a don't-ask rule clears Chicago"
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --as-of 2017-10-12 \
	--condition JAG-FY2016-1373 --add-provision POL-CT-TRUST --type P01 \
	--on 2017-01-01)
like "$out" "^09 +JAG-FY2016-1373 +complies -> conflicts$" \
	"adding a status-sharing bar to Connecticut's law makes it conflict"
out=$("$ATTEST" --db "$db" whatif --rules "$AT_SRC/rules" --repeal NOPE 2>&1)
is "$?" "2" "a change naming no record is refused"

done_testing
