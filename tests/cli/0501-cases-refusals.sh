#!/bin/bash
# What the case workflow refuses or flags: illegal transitions (naming
# the current state and the allowed steps), self-approval of a finding,
# late and incomplete certifications, a file whose bytes are not what
# its name says, actions against a condition a ruling stops from being
# enforced (naming the ruling), and an extension that keeps its history.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

db=$(fresh_db)
at() { "$ATTEST" --db "$db" "$@"; }
python3 "$AT_SRC/tests/cli/0500-cases-fixture.py" "$AT_SRC/data/demo" \
	"$TMP/fx" || skip_all "cannot build the fixture"
for k in jurisdictions agencies programs requirements conditions awards \
    policies provisions rulings; do
	at import "$k" "$TMP/fx/$k.csv" >/dev/null 2>&1 ||
		skip_all "cannot import $k"
done
printf 'Opinion of counsel.\n' >"$TMP/opinion.txt"

# A letter to Chicago, due 2017-06-30.
at notice issue --id N1 --kind certification_request --jurisdiction 1714000 \
	--agency CHI-CPD --date 2017-04-21 --due 2017-06-30 \
	--conditions JAG-FY2016-1373 --awards 2016-DJ-BX-0106 --as hanson >/dev/null

# Illegal transitions.
out=$(at notice issue --id N1-CLR --kind clearance --jurisdiction 1714000 \
	--date 2017-05-01 --in-reply-to N1 --as hanson 2>&1)
rc=$?
is "$rc" "2" "a clearance of a case still awaiting its response is refused"
like "$out" "notice N1: cannot determine: the case is awaiting_response" \
	"the refusal names the current state"
like "$out" "allowed from awaiting_response: extend \\(-> awaiting_response\\), receive \\(-> certification_received\\), withdraw \\(-> withdrawn\\)" \
	"and the steps allowed from it"
ok "! at show notice N1-CLR" "the refused clearance left no notice behind"
out=$(at review approve NOPE --as bob 2>&1)
ok "[ $? -eq 2 ]" "approving an unknown review is refused"

# An extension moves the due date and keeps the old one in the history.
out=$(at notice extend N1 --due "14 calendar days" --date 2017-06-20 \
	--reason "asked for more time" --as hanson)
like "$out" "due 2017-07-14 \\(was 2017-06-30\\): 2017-06-30 \\+ 14 calendar days = 2017-07-14" \
	"an extension counts from the due date in force"
at notice show N1 >"$TMP/n1.txt"
ok "grep -q 'await .*due 2017-06-30' '$TMP/n1.txt' && grep -q 'extend .*due 2017-07-14' '$TMP/n1.txt'" \
	"the history keeps both due dates"
ok "grep -q '^due: 2017-07-14' '$TMP/n1.txt'" "the case is due on the new date"
out=$(at notice extend N1 --due 2017-07-01 --as hanson 2>&1)
ok "[ $? -eq 2 ]" "an 'extension' to an earlier date is refused"

# A late certification is recorded and flagged; an incomplete one too.
out=$(at certify --id C-LATE --notice N1 --date 2017-07-19 --signer "A. Counsel" \
	--authority legal_counsel --as clerk)
like "$out" "LATE by 5 days \\(due 2017-07-14\\)" "a certification after the due date is flagged late"
like "$out" "INCOMPLETE: condition JAG-FY2016-1373 needs a legal opinion from counsel and none is attached" \
	"a FY2016 certification without a legal opinion is flagged incomplete"
like "$(at certify show C-LATE)" "timeliness: LATE by 5 days" "certify show repeats the flags"

at notice issue --id N2 --kind certification_request --jurisdiction 17031 \
	--agency COOK-PRES --date 2017-07-01 --due "10 business days" \
	--conditions JAG-FY2017-1373 --as hanson >"$TMP/n2.out"
like "$(cat "$TMP/n2.out")" "due 2017-07-17: 2017-07-01 \\+ 10 business days = 2017-07-17 \\(weekends skipped; federal holidays skipped: 2017-07-04 Independence Day\\)" \
	"business days skip weekends and Independence Day"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' >"$TMP/opinion.pdf"
out=$(at certify --id C-FY17 --notice N2 --date 2017-07-10 --signer "B. Counsel" \
	--authority legal_counsel --opinion "$TMP/opinion.pdf" --as clerk 2>&1)
ok "[ $? -eq 2 ]" "a file named .pdf whose bytes are a PNG is refused"
like "$out" "opinion.pdf is named as application/pdf but its bytes are image/png" \
	"the refusal names the file, its claimed and its sniffed type"
ok "! at certify show C-FY17 >/dev/null 2>&1" "and nothing was stored"
cp "$TMP/opinion.pdf" "$TMP/opinion.png"
out=$(at certify --id C-FY17 --notice N2 --date 2017-07-10 --signer "B. Counsel" \
	--authority legal_counsel --opinion "$TMP/opinion.png" --as clerk)
like "$out" "on time \\(due 2017-07-17\\)" "on time before the due date"
like "$out" "INCOMPLETE: condition JAG-FY2017-1373 needs a certification signed by the chief legal officer, but the signer's authority is legal_counsel" \
	"a FY2017 certification not signed by the chief legal officer is incomplete"
like "$out" "legal_opinion opinion.png: 16 bytes, image/png, sha256 [0-9a-f]{64}" \
	"an attachment's type is sniffed from its bytes"
sha=$(sha256sum "$TMP/opinion.png" | cut -d' ' -f1)
ok "at certify show C-FY17 | grep -q '$sha'" "the attachment is stored with its SHA-256"
head -c $((8 * 1024 * 1024 + 1)) /dev/zero >"$TMP/big.bin"
out=$(at certify --id C-BIG --notice N2 --date 2017-07-11 --authority chief_legal_officer \
	--attach "$TMP/big.bin" --as clerk 2>&1)
ok "[ $? -eq 2 ]" "an attachment over 8 MiB is refused"
like "$out" "larger than the limit" "and the refusal says why"
out=$(at certify --id C-CLO --notice N2 --date 2017-07-12 --signer "Ed Siskel" \
	--authority chief_legal_officer --as clerk)
ok "! echo '$out' | grep -q INCOMPLETE" "signed by the chief legal officer it is complete"

# Four eyes: nobody approves their own finding.
at review propose --id R1 --certification C-CLO --finding complies \
	--date 2017-07-20 --as alice >/dev/null
out=$(at review approve R1 --date 2017-07-20 --as alice 2>&1)
is "$?" "2" "the proposer cannot approve their own finding"
like "$out" "alice proposed this finding and cannot also approve or return it" \
	"the refusal says so"
out=$(ATTEST_ACTOR=alice at review return R1 --reason "second thoughts" 2>&1)
ok "[ $? -eq 2 ]" "nor return it (actor from ATTEST_ACTOR)"
ok "at notice show N2 | grep -q 'case: finding_proposed'" "the case did not move"
out=$(at review approve R1 --date 2017-07-21 --as bob)
like "$out" "approved R1 \\(complies, proposed by alice\\) by bob" "a second person approves"
out=$(at review approve R1 --as carol 2>&1)
ok "[ $? -eq 2 ]" "a decided review cannot be decided again"
like "$out" "it can be decided once" "and the refusal says so"

# A withdrawn notice takes no certification.
at notice issue --id N3 --kind certification_request --jurisdiction 1714000 \
	--date 2017-08-01 --due "30 days" --as hanson >/dev/null
at notice withdraw N3 --date 2017-08-02 --as hanson >/dev/null
out=$(at certify --id C-N3 --notice N3 --date 2017-08-03 --authority unknown --as clerk 2>&1)
ok "[ $? -eq 2 ]" "a certification for a withdrawn notice is refused"
like "$out" "cannot receive: the case is withdrawn, from which no transition is allowed" \
	"naming the state"
ok "! at show certification C-N3" "and nothing of it was stored"

# Actions against a condition a ruling stops from being enforced.
out=$(at action withhold --id A1 --jurisdiction 1714000 --award FY2017-JAG-CHI-NOFAIN \
	--condition JAG-FY2017-NOTICE --date 2017-10-01 --as ojp 2>&1)
is "$?" "2" "withholding Chicago's FY2017 award over the notice condition in October 2017 is refused"
like "$out" "ruling CHI-PI-2017-09-15" "the refusal names the preliminary injunction"
out=$(at action withhold --id A1b --jurisdiction 1714000 --award FY2017-JAG-CHI-NOFAIN \
	--condition JAG-FY2017-NOTICE --date 2018-07-01 --as ojp 2>&1)
ok "[ $? -eq 2 ]" "after the stay of 2018-06-26 the injunction still covers Chicago itself"
like "$out" "ruling CHI-PI-2017-09-15" "(the rules engine applies the stay's narrowing)"
out=$(at action withhold --id A2 --jurisdiction 42101 --award FY2017-JAG-PHL-NOFAIN \
	--condition JAG-FY2017-1373 --date 2018-06-06 --as ojp 2>&1)
ok "[ $? -eq 2 ]" "withholding Philadelphia's FY2017 award on 2018-06-06 is refused"
like "$out" "ruling PHL-PERM-2018-06-06" "naming the permanent injunction of that day"
out=$(at action withhold --id A3 --jurisdiction 06 --award FY2017-JAG-CA-NOFAIN \
	--condition JAG-FY2017-1373 --date 2018-11-01 --as ojp 2>&1)
ok "[ $? -eq 2 ]" "withholding California's award after 2018-10-05 is refused"
like "$out" "ruling CA-SJ-2018-10-05" "naming the ruling for the state and its subdivisions"
out=$(at action withhold --id A4 --jurisdiction 06 --award FY2017-JAG-CA-NOFAIN \
	--condition JAG-FY2017-1373 --date 2018-10-04 --amount 28300000 --as ojp)
like "$out" "recorded A4: withhold of award FY2017-JAG-CA-NOFAIN \\(28300000\\)" \
	"the day before the ruling the same withholding is recorded"
out=$(at action release --id A5 --jurisdiction 1714000 --award FY2017-JAG-CHI-NOFAIN \
	--condition JAG-FY2017-NOTICE --date 2017-10-01 --ruling CHI-PI-2017-09-15 --as ojp)
like "$out" "recorded A5: release" "a release is never refused for an injunction"
out=$(at action withhold --id A6 --jurisdiction 1714000 --award FY2016-JAG-COOK-NOFAIN \
	--condition JAG-FY2016-1373 --date 2017-10-01 --as ojp 2>&1)
ok "[ $? -eq 2 ]" "an award of another jurisdiction is refused"
out=$(at action withhold --id A7 --jurisdiction 1714000 --award 2016-DJ-BX-0106 \
	--date 2017-10-01 --as ojp 2>&1)
ok "[ $? -eq 2 ]" "a withholding that names no condition is refused"
out=$(at action withhold --id A8 --notice N1 --award 2016-DJ-BX-0106 \
	--date 2017-10-01 --as ojp 2>&1)
like "$out" "cannot act: the case is certification_received" \
	"an action on a case not yet determined is refused"

# Funds at risk: a known amount and an unknown one are not added up.
at notice issue --id N4 --kind certification_request --jurisdiction 32003 \
	--agency CLARK-MGR --date 2017-04-21 --due 2017-06-30 \
	--conditions JAG-FY2016-1373 --awards FY2016-JAG-CLARK-NOFAIN --as hanson >/dev/null
at notice issue --id N5 --kind certification_request --jurisdiction 17031 \
	--date 2017-04-21 --due 2017-06-30 --conditions JAG-FY2016-1373 \
	--awards FY2016-JAG-COOK-NOFAIN --as hanson >/dev/null
at report funds-at-risk --as-of 2017-07-05 >"$TMP/risk.txt"
ok "grep -E -q 'Clark County .* 32003 +JAG .*\\\$975,604.00' '$TMP/risk.txt'" \
	"an overdue notice puts Clark County's known \$975,604.00 at risk"
ok "grep -E -q 'Cook County .* 17031 +JAG .*unknown' '$TMP/risk.txt'" \
	"Cook County's award of unknown amount shows as unknown"
ok "grep -q 'total: \\\$975,604.00 known + [0-9]* awards\\? of unknown amount (not counted as zero)' '$TMP/risk.txt'" \
	"the total keeps the unknown amounts apart"
ok "grep -q 'N4 overdue since 2017-06-30' '$TMP/risk.txt'" "it says why"
if command -v jq >/dev/null 2>&1; then
	j=$(at report funds-at-risk --as-of 2017-07-05 --json)
	is "$(echo "$j" | jq -r '.[] | select(.jurisdiction == "32003") | .known_cents')" \
		"97560400" "--json gives Clark County's amount in cents"
	is "$(echo "$j" | jq -r '.[] | select(.jurisdiction == "17031") | (.known_cents|tostring) + " " + (.unknown_awards|tostring)')" \
		"null 1" "and Cook County's as null with one unknown award, not 0"
fi
at report funds-at-risk --as-of 2017-06-30 >"$TMP/risk0.txt"
ok "! grep -q ' 32003 ' '$TMP/risk0.txt'" "on the due date itself nothing is overdue"

# Imported notices get their cases; imported answers are received.
cat >"$TMP/notices.csv" <<'CSV'
id,kind,date,jurisdiction,agency,sender,conditions,awards,due_date,due_rule,in_reply_to,summary,source,confidence
IMP-1,certification_request,2017-04-21,55079,,,JAG-FY2016-1373,,2017-06-30,fixed,,,test,reported
IMP-2,certification_request,2017-04-21,12086,,,JAG-FY2016-1373,,2017-06-30,fixed,,,test,reported
CSV
cat >"$TMP/certs.csv" <<'CSV'
id,jurisdiction,agency,notice,conditions,date,signer,signer_title,authority,has_legal_opinion,summary,source,confidence
IMP-C1,55079,,IMP-1,JAG-FY2016-1373,2017-07-03,,,unknown,unknown,,test,reported
CSV
at import notices "$TMP/notices.csv" >/dev/null
at import certifications "$TMP/certs.csv" >/dev/null
out=$(at notice open --all --as importer)
like "$out" "opened 2 cases; 1 imported certifications received" \
	"notice open --all opens the imported notices and receives their answers"
ok "at notice show IMP-1 | grep -q 'receive .*LATE by 3 days (due 2017-06-30); imported'" \
	"an imported answer is received, late by 3 days"
ok "at notice show IMP-2 --as-of 2017-07-05 | grep -q 'overdue: 5 days'" \
	"an imported notice without an answer is overdue"
out=$(at notice open IMP-1 2>&1)
ok "[ $? -eq 2 ]" "a case is opened once"
like "$out" "already has a case" "and the refusal says so"

ok "at audit verify >/dev/null" "the audit log verifies"
done_testing
