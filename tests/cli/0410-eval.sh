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
is "$?" "1" "eval --json runs and exits 1: some results conflict"
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
# California was not named on 2017-10-12 (no finding either way); the
# engine finds no conflict in its laws in force then.
is "$(outcome "$TMP/a.json" 06)" "complies" "06 complies on 2017-10-12 (not named)"
# The one disagreement: the agency preliminarily found New Orleans
# possibly non-compliant on 2017-10-12, then cleared it on 2017-11-17
# after the city pointed to the savings clause (P19, NOPD manual ch.
# 41.6.1 para. 5) that was in force all along; the engine reads that
# clause on 2017-10-12 already.
is "$(outcome "$TMP/a.json" 22071)" "complies" \
	"22071 complies on 2017-10-12 (the savings clause the 2017-11-17 clearance relied on)"
is "$(jq -r '.[0] | [has("jurisdiction"), has("condition"), has("as_of"),
	has("interpretation"), has("outcome"), has("explanation")] | all' \
	<"$TMP/a.json")" "true" "each JSON object has the required fields"
is "$(jq -r '.[0].as_of + " " + .[0].interpretation' <"$TMP/a.json")" \
	"2017-10-12 agency-2017" "as_of and interpretation are echoed"
like "$(jq -r '.[] | select(.jurisdiction == "1714000") | .explanation |
	.. | objects | select(.step == "provision" and .outcome == "conflicts")
	| .id' <"$TMP/a.json")" "^PRV-CHI-042-RELEASE$" \
	"Chicago's explanation names the release-date provision"

# Exit status: 1 when any result conflicts (a not_enforced result whose
# underlying answer conflicts counts), else 0; unknown is no finding.
ev --as-of 2017-10-12 --interpretation agency-2017 \
	--condition JAG-FY2016-1373 --jurisdiction 09 >/dev/null
is "$?" "0" "eval exits 0 when nothing conflicts (Connecticut complies)"
ev --as-of 2017-10-12 --interpretation agency-2017 \
	--condition JAG-FY2016-1373 --jurisdiction 1714000 >/dev/null
is "$?" "1" "eval exits 1 when a result conflicts (Chicago)"
ev --as-of 2017-10-12 --condition JAG-FY2017-NOTICE --jurisdiction 42101 \
	>/dev/null
is "$?" "1" "eval exits 1 for not_enforced over an underlying conflict"
ev --as-of 2011-09-06 --condition USC-8-1373-a --jurisdiction 17031 \
	>/dev/null
is "$?" "0" "eval exits 0 when the answer is only unknown"
ev --as-of 2017-10-12 --interpretation nope >/dev/null 2>&1
is "$?" "2" "eval exits 2 for an unknown interpretation"

# Policies recorded but none in force on the day: unknown, never
# complies (Cook County's ordinance took effect 2011-09-07).
# Miami-Dade's Mayor's order of 2017-01-26 (no provision: it restricts
# nothing) is data, so the county complies after its resolution ended.
out=$(ev --as-of 2011-09-06 --condition USC-8-1373-a --jurisdiction 17031 \
	--explain)
like "$out" "^17031 .* unknown$" "Cook County before its ordinance: unknown"
like "$out" "none was in force on 2011-09-06" "and the note says why"
out=$(ev --as-of 2011-09-07 --condition USC-8-1373-a --jurisdiction 17031)
like "$out" "^17031 .* conflicts$" "Cook County from the ordinance's first day: conflicts"
out=$(ev --as-of 2013-06-01 --condition USC-8-1373-a --jurisdiction 12086)
like "$out" "^12086 .* unknown$" "Miami-Dade before R-1008-13: unknown"
out=$(ev --as-of 2017-10-12 --condition USC-8-1373-a --jurisdiction 12086)
like "$out" "^12086 .* complies$" "Miami-Dade under the Mayor's order: complies"

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
