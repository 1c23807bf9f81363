#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# attest review determine: the agency's determination on the case of an
# approved finding, from the command line as from the review queue: a
# new notice answering the case, the case determined; refused (exit 2,
# nothing written) for an unknown review, one not approved, a kind that
# decides nothing, or a case determined already.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
at() { "$ATTEST" --db "$DB" "$@"; }
entries() { at audit log --json | jq length; }

out=$(at review determine --help)
is "$?" 0 "determine --help exits 0"
like "$out" "usage: attest review determine REVIEW_ID --kind K" "with the synopsis"
like "$out" "--json" "and the --json option"
like "$(at review --help)" "propose\|approve\|return\|determine\|list" "review --help names determine"

# A case with a finding proposed, not yet approved.
at notice issue --id N-T1 --kind certification_request --jurisdiction 32003 \
	--agency CLARK-MGR --date 2017-04-21 --due 2017-06-30 --conditions JAG-FY2016-1373 \
	--awards FY2016-JAG-CLARK-NOFAIN --as hanson >/dev/null
at certify --id C-T1 --notice N-T1 --date 2017-06-20 --authority unknown --as clerk >/dev/null
at review propose --id R-T1 --certification C-T1 --finding possibly_noncompliant \
	--date 2017-07-01 --no-explain --as rev >/dev/null
notices=$(count notices "$DB")

out=$(at review determine R-T1 --as apr 2>&1)
is "$?" 2 "without --kind: a usage error"
out=$(at review determine NOPE --kind determination --as apr 2>&1)
is "$?" 2 "an unknown review is refused"
like "$out" 'review: no review "NOPE"' "naming it"
out=$(at review determine R-T1 --kind determination --as apr 2>&1)
is "$?" 2 "a finding not yet approved is not determined"
like "$out" "review R-T1 is proposed; only an approved finding is determined" "said so"
at review approve R-T1 --date 2017-07-10 --as apr >/dev/null
n=$(entries)
out=$(at review determine R-T1 --kind maybe --as apr 2>&1)
is "$?" 2 "a kind that decides nothing is refused"
like "$out" 'kind: "maybe" does not decide a case' "naming the field"
out=$(at review determine R-T1 --kind determination --date 2017-13-01 --as apr 2>&1)
is "$?" 2 "a bad date is refused"
is "$(entries)" "$n" "the refusals wrote nothing to the audit log"
is "$(count notices "$DB")" "$notices" "and no notice"

out=$(at review determine R-T1 --kind determination --date 2017-08-01 \
	--summary 'Not in compliance with 8 U.S.C. 1373.' --as apr --json)
is "$?" 0 "the approved finding's case is determined"
is "$(printf '%s' "$out" | jq -c .)" '{"id":"N-T1-D1","kind":"determination","review":"R-T1"}' \
	"--json: the new notice, as the API answers"
is "$(at show notice N-T1-D1 --json | jq -r '"\(.kind) \(.in_reply_to) \(.jurisdiction) \(.awards) \(.date)"')" \
	"determination N-T1 32003 FY2016-JAG-CLARK-NOFAIN 2017-08-01" \
	"a notice answering the case, for its jurisdiction and awards, on the day given"
like "$(at report funds-at-risk --as-of 2017-08-02)" "N-T1 determined by N-T1-D1" \
	"the case is determined and its award at risk"
like "$(at audit log --json | jq -r '.[] | .actor + " " + .verb + " " + .entity_id')" "apr insert N-T1-D1" \
	"the audit log names who issued it"
out=$(at review determine R-T1 --kind clearance --as apr 2>&1)
is "$?" 2 "a determined case is not determined again"
like "$out" "not waiting for a determination" "said so"

# Text output, with an id of one's own.
at notice issue --id N-T2 --kind certification_request --jurisdiction 32003 \
	--agency CLARK-MGR --date 2017-04-21 --due 2017-06-30 --conditions JAG-FY2016-1373 \
	--as hanson >/dev/null
at certify --id C-T2 --notice N-T2 --date 2017-06-20 --authority unknown --as clerk >/dev/null
at review propose --id R-T2 --certification C-T2 --finding complies --date 2017-07-01 \
	--no-explain --as rev >/dev/null
at review approve R-T2 --date 2017-07-10 --as apr >/dev/null
is "$(at review determine R-T2 --kind clearance --id CLR-T2 --date 2017-08-02 --as apr)" \
	"determined R-T2: clearance CLR-T2 by apr" "the text answer names the review, kind, notice and who"
is "$(at show notice CLR-T2 --json | jq -r '"\(.kind) \(.in_reply_to)"')" "clearance N-T2" \
	"under the id given"
done_testing
