#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The review queue on the web and in the API: a reviewer proposes a
# finding, an approver who is not the proposer approves or returns it
# (with a reason), actions on awards are refused when a ruling enjoins
# them, naming the ruling.  Every refusal changes nothing (the audit log
# does not grow); every success is in the audit log under its actor.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
declare -A TOKEN PASS
PASS[ada]=admin-pass-1; PASS[rev]=review-pass-1; PASS[apr]=approve-pass-1
for u in ada rev apr; do
	TOKEN[$u]=$("$ATTEST" --db "$DB" user token "$u" --label test)
done
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
for u in ada rev apr; do
	is "$(login "$TMP/jar.$u" "$u" "${PASS[$u]}")" 303 "$u signs in"
done

audit_total() {
	curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "$URL/api/v1/audit?limit=1" | jq .total
}
status_of() { # REVIEW -> its status
	"$ATTEST" --db "$DB" review list | awk -v id="$1" '$1 == id {print $4}'
}
# post USER PATH FIELD=VALUE...: a form post with USER's session and CSRF
# token; prints the status, the Location in $TMP/loc and the body in $TMP/body.
post() {
	local u=$1 path=$2 tok args=()
	shift 2
	tok=$(csrf_of "$TMP/jar.$u" /reviews)
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$TMP/jar.$u" \
		--data-urlencode "csrf=$tok" "${args[@]}" "$URL$path"
	sed -n 's/^Location: \([^\r]*\).*/\1/p' "$TMP/hdr" >"$TMP/loc"
}
# api USER METHOD PATH JSON: prints the status; body in $TMP/body.
api() {
	curl -s -o "$TMP/body" -w '%{http_code}' -X "$2" \
		-H "Authorization: Bearer ${TOKEN[$1]}" -H 'Content-Type: application/json' \
		--data "$4" "$URL$3"
}

# ---- propose, return, propose again, approve: through the forms ----
like "$(curl -s -b "$TMP/jar.rev" "$URL/reviews")" 'name="finding"' \
	"a reviewer sees the form to propose a finding"
ok "! curl -s -b \"$TMP/jar.rev\" \"$URL/reviews\" | grep -q 'action=\"/actions\"'" \
	"a reviewer does not get the action form"
n0=$(audit_total)
is "$(post rev /reviews certification=CERT-CA-2017-06-29 finding=possibly_noncompliant \
	'rationale=No legal opinion is attached.')" 303 "the reviewer proposes a finding through the form"
is "$(cat "$TMP/loc")" "/reviews?done=proposed&id=CERT-CA-2017-06-29-R1" \
	"POST-redirect-GET back to the queue, naming the new review"
is "$(status_of CERT-CA-2017-06-29-R1)" proposed "the review is stored as proposed"
like "$("$ATTEST" --db "$DB" review list)" "CERT-CA-2017-06-29-R1 .* by rev on" "with the reviewer as proposer"
ok "[ $(audit_total) -gt $n0 ]" "the proposal is in the audit log"
page=$(curl -s -b "$TMP/jar.rev" "$URL/reviews?done=proposed&id=CERT-CA-2017-06-29-R1")
like "$page" 'Proposed review CERT-CA-2017-06-29-R1\.' "the queue says what was done"
like "$page" 'an approver decides' "the reviewer is not offered the decision"
like "$(curl -s -b "$TMP/jar.apr" "$URL/reviews")" 'action="/reviews/CERT-CA-2017-06-29-R1"' \
	"the approver is offered the decision form"

n=$(audit_total)
is "$(post rev /reviews/CERT-CA-2017-06-29-R1 decision=approve)" 403 "a reviewer may not approve (wrong role)"
like "$(cat "$TMP/body")" "role may not" "said so"
is "$(post apr /reviews/CERT-CA-2017-06-29-R1 decision=return)" 400 "returning without a reason is refused"
like "$(cat "$TMP/body")" "Nothing was changed: a returned finding needs a reason" "with a clear error"
is "$(post apr /reviews/NO-SUCH decision=approve)" 404 "an unknown review is refused"
is "$(post rev /reviews certification=NO-SUCH-CERT finding=complies)" 400 "an unknown certification is refused"
like "$(cat "$TMP/body")" 'unknown certification .*NO-SUCH-CERT' "naming it"
is "$(post rev /reviews certification=CERT-CA-2017-06-29 finding=complies provisions=NO-SUCH-PROV)" 400 \
	"an unknown provision is refused"
is "$(post rev /reviews certification=CERT-CA-2017-06-29 finding=maybe)" 400 "a finding not in the list is refused"
is "$(post rev /reviews certification=CERT-CA-2017-06-29 finding=complies 'id=<b>x</b>')" 400 \
	"a review id that is not an id is refused"
like "$(cat "$TMP/body")" "is not a valid id" "saying so"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.apr" --data-urlencode csrf=00 \
	--data-urlencode decision=approve "$URL/reviews/CERT-CA-2017-06-29-R1")
is "$code" 403 "a decision without the form's CSRF token is refused"
is "$(status_of CERT-CA-2017-06-29-R1)" proposed "after the refusals the review is still proposed"
is "$(audit_total)" "$n" "and the refusals wrote nothing to the audit log"

is "$(post apr /reviews/CERT-CA-2017-06-29-R1 decision=return 'reason=Cite the provisions.')" 303 \
	"the approver returns it with a reason"
is "$(cat "$TMP/loc")" "/reviews?done=returned&id=CERT-CA-2017-06-29-R1" "and is sent back to the queue"
is "$(status_of CERT-CA-2017-06-29-R1)" returned "the review is returned"
is "$(post apr /reviews/CERT-CA-2017-06-29-R1 decision=approve)" 409 "a decided review cannot be decided again"
like "$(cat "$TMP/body")" "it can be decided once" "said so"

is "$(post rev /reviews certification=CERT-CA-2017-06-29 finding=possibly_noncompliant \
	'provisions=PRV-CA-SB54-PERS;PRV-CA-SB54-RELEASE' 'rationale=Bars sharing release dates.')" 303 \
	"the reviewer proposes again, citing provisions"
is "$(cat "$TMP/loc")" "/reviews?done=proposed&id=CERT-CA-2017-06-29-R2" "as the next review of the certification"
is "$(post apr /reviews/CERT-CA-2017-06-29-R2 decision=approve 'reason=Agreed.')" 303 "the approver approves it"
is "$(status_of CERT-CA-2017-06-29-R2)" approved "the review is approved"
like "$(curl -s -b "$TMP/jar.apr" "$URL/reviews")" 'approved by apr, [0-9-]+: Agreed\.' \
	"the queue shows who approved it and why"

# ---- self-approval and the API ----
is "$(api ada POST /api/v1/reviews '{"certification":"CERT-PHL-2017-06-22","finding":"complies","id":"REV-PHL"}')" 201 \
	"an admin proposes through the API"
is "$(jq -r '.id + " " + .status + " " + .proposer' "$TMP/body")" "REV-PHL proposed ada" "the answer names the review"
n=$(audit_total)
is "$(api ada POST /api/v1/reviews/REV-PHL '{"decision":"approve"}')" 403 "the proposer may not approve it (API)"
is "$(jq -r .error.code "$TMP/body")" self_approval "with a stable code"
like "$(jq -r .error.message "$TMP/body")" "ada" "naming the person"
is "$(post ada /reviews/REV-PHL decision=approve)" 403 "nor through the form"
like "$(cat "$TMP/body")" "Nothing was changed" "said so on the page"
like "$(curl -s -b "$TMP/jar.ada" "$URL/reviews")" "you proposed it; another person decides" \
	"the queue tells the proposer someone else decides"
is "$(api rev POST /api/v1/reviews/REV-PHL '{"decision":"approve"}')" 403 "a reviewer may not decide (API)"
is "$(jq -r .error.code "$TMP/body")" denied "refused for the role"
is "$(api apr POST /api/v1/reviews '{"certification":"CERT-PHL-2017-06-22","finding":"complies"}')" 403 \
	"an approver may not propose (API)"
is "$(api rev POST /api/v1/reviews '{"certification":"CERT-PHL-2017-06-22","finding":"complies","admin":"yes"}')" 400 \
	"unknown fields are refused"
is "$(api apr POST /api/v1/reviews/REV-PHL '{"decision":"return"}')" 400 "a return without a reason is refused (API)"
is "$(status_of REV-PHL)" proposed "REV-PHL is still proposed"
is "$(audit_total)" "$n" "and nothing was written"
is "$(api apr POST /api/v1/reviews/REV-PHL '{"decision":"approve","reason":"fine"}')" 200 "another person approves it (API)"
is "$(jq -r '.status + " " + .decider + " " + .proposer' "$TMP/body")" "approved apr ada" "the answer says who did what"
is "$(status_of REV-PHL)" approved "stored"
items=$(curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "$URL/api/v1/audit?from=$((n0 + 1))&limit=100" |
	jq -r '.items[] | select(.kind == "reviews") | .actor + " " + .verb + " " + .entity_id')
like "$items" "rev propose CERT-CA-2017-06-29-R1" "the audit log has the proposal under the reviewer"
like "$items" "apr return CERT-CA-2017-06-29-R1" "the return under the approver"
like "$items" "apr approve CERT-CA-2017-06-29-R2" "the approval under the approver"
like "$items" "ada propose REV-PHL" "and the API's proposal under the admin"

# ---- actions: enjoined withholding refused, naming the ruling ----
nact=$(count actions "$DB")
n=$(audit_total)
is "$(post apr /actions kind=withhold award=FY2017-JAG-CHI-NOFAIN jurisdiction=1714000 \
	condition=JAG-FY2017-NOTICE date=2017-10-01 amount=2333000)" 403 \
	"withholding Chicago's FY2017 award in October 2017 is refused (form)"
like "$(cat "$TMP/body")" "because of ruling CHI-PI-2017-09-15" "naming the preliminary injunction"
is "$(api apr POST /api/v1/actions '{"kind":"withhold","award":"FY2017-JAG-CHI-NOFAIN","jurisdiction":"1714000","condition":"JAG-FY2017-NOTICE","date":"2017-10-01"}')" 403 \
	"and through the API"
is "$(jq -r '.error.code + " " + .error.ruling' "$TMP/body")" "enjoined CHI-PI-2017-09-15" \
	"with the code enjoined and the ruling named"
is "$(post apr /actions kind=withhold award=FY2016-JAG-COOK-NOFAIN jurisdiction=1714000 \
	condition=JAG-FY2016-1373 date=2017-10-01)" 400 "an award of another jurisdiction is refused"
like "$(cat "$TMP/body")" "is held by" "saying whose it is"
is "$(post apr /actions kind=withhold award=2016-DJ-BX-0106 jurisdiction=1714000 date=2017-10-01)" 400 \
	"a withholding that names no condition is refused"
is "$(post rev /actions kind=release award=FY2017-JAG-CHI-NOFAIN jurisdiction=1714000)" 403 \
	"a reviewer may not record actions"
is "$(count actions "$DB")" "$nact" "no action was recorded by the refusals"
is "$(audit_total)" "$n" "and nothing was written to the audit log"
is "$(post apr /actions kind=release award=FY2017-JAG-CHI-NOFAIN jurisdiction=1714000 \
	condition=JAG-FY2017-NOTICE date=2017-10-01 ruling=CHI-PI-2017-09-15 amount=2333000)" 303 \
	"a release ordered by the ruling is recorded"
is "$(cat "$TMP/loc")" "/reviews?done=recorded&id=release-FY2017-JAG-CHI-NOFAIN-20171001" \
	"redirected, naming the action"
is "$("$ATTEST" --db "$DB" show action release-FY2017-JAG-CHI-NOFAIN-20171001 --json | jq -r '"\(.kind) \(.amount) \(.ruling)"')" \
	"release 233300000 CHI-PI-2017-09-15" "the action is stored (the amount in cents)"
is "$(api apr POST /api/v1/actions '{"kind":"withhold","award":"FY2017-JAG-CA-NOFAIN","jurisdiction":"06","condition":"JAG-FY2017-1373","date":"2018-10-04","amount":"28300000","id":"ACT-CA-API"}')" 201 \
	"a withholding no ruling stops is recorded through the API"
like "$(curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "$URL/api/v1/audit?from=$((n + 1))&limit=100" |
	jq -r '.items[] | .actor + " " + .verb + " " + .entity_id')" "apr insert ACT-CA-API" \
	"under the approver's name in the audit log"

# ---- the agency's determination on an approved finding's case ----
"$ATTEST" --db "$DB" notice issue --id N-T1 --kind certification_request --jurisdiction 32003 \
	--agency CLARK-MGR --date 2017-04-21 --due 2017-06-30 --conditions JAG-FY2016-1373 \
	--awards FY2016-JAG-CLARK-NOFAIN --as hanson >/dev/null
"$ATTEST" --db "$DB" certify --id C-T1 --notice N-T1 --date 2017-06-20 --authority unknown --as clerk >/dev/null
is "$(api rev POST /api/v1/reviews '{"certification":"C-T1","finding":"possibly_noncompliant","date":"2017-07-01"}')" 201 \
	"a finding on a certification with a case"
is "$(post apr /reviews/C-T1-R1/determination kind=determination)" 409 "a finding not yet approved is not determined"
like "$(cat "$TMP/body")" "only an approved finding is determined" "said so"
is "$(api apr POST /api/v1/reviews/C-T1-R1 '{"decision":"approve","date":"2017-07-05"}')" 200 "approved"
like "$(curl -s -b "$TMP/jar.apr" "$URL/reviews")" 'action="/reviews/C-T1-R1/determination"' \
	"the approver is offered the determination form"
is "$(post rev /reviews/C-T1-R1/determination kind=determination)" 403 "a reviewer may not issue it"
is "$(post apr /reviews/C-T1-R1/determination kind=maybe)" 400 "a kind that decides nothing is refused"
n=$(audit_total)
is "$(post apr /reviews/C-T1-R1/determination kind=determination date=2017-08-01 \
	'summary=Not in compliance with 8 U.S.C. 1373.')" 303 "the approver issues the determination"
is "$(cat "$TMP/loc")" "/reviews?done=determined&id=N-T1-D1" "redirected, naming the new notice"
is "$("$ATTEST" --db "$DB" show notice N-T1-D1 --json | jq -r '"\(.kind) \(.in_reply_to) \(.jurisdiction) \(.awards)"')" \
	"determination N-T1 32003 FY2016-JAG-CLARK-NOFAIN" "the determination answers the notice, for its awards"
like "$("$ATTEST" --db "$DB" report funds-at-risk --as-of 2017-08-02)" "N-T1 determined by N-T1-D1" \
	"the case is determined and its award at risk"
ok "[ $(audit_total) -gt $n ]" "in the audit log"
like "$(curl -s -b "$TMP/jar.apr" "$URL/reviews")" "C-T1-R1.*case determination<" "the queue shows the case determined"
is "$(api apr POST /api/v1/reviews/C-T1-R1/determination '{"kind":"clearance"}')" 409 \
	"a determined case is not determined again (API)"
is "$(jq -r .error.code "$TMP/body")" conflict "with the code conflict"

done_testing
