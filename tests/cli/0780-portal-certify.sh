#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# A recipient's certification through the portal (multipart/form-data
# with a CSRF token) and the API: on time, late, incomplete; refused with
# nothing changed: a document whose name contradicts its bytes, one too
# large, another jurisdiction's notice, no CSRF token; the documents'
# bytes kept and downloaded by those allowed, their SHA-256 in the audit
# log; staff see the certification received in the jurisdiction's
# timeline.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

DB="$TMP/demo.db"
demo_db "$DB" || { echo "Bail out! demo load failed"; exit 1; }
at() { "$ATTEST" --db "$DB" "$@"; }
today=$(date -u +%F)
# Two notices to Chicago with a due date ahead: FY2016 (a legal opinion
# is needed) and FY2017 (the chief legal officer must sign).
at notice issue --id N-T16 --kind certification_request --jurisdiction 1714000 \
	--agency CHI-CPD --date "$today" --due "30 calendar days" \
	--conditions JAG-FY2016-1373 --as ojp >/dev/null &&
at notice issue --id N-T17 --kind certification_request --jurisdiction 1714000 \
	--agency CHI-CPD --date "$today" --due "30 calendar days" \
	--conditions JAG-FY2017-1373 --as ojp >/dev/null ||
	{ echo "Bail out! notices not issued"; exit 1; }
echo "nyc-pass-123" | at user add nyc --role recipient --jurisdiction 3651000 >/dev/null
chi=$(at user token chi --label t)
rev=$(at user token rev --label t)
at letter render N-2017-04-21-CHI --pdf "$TMP/opinion.pdf" --as clerk >/dev/null
op_sha=$(sha256sum "$TMP/opinion.pdf" | cut -d' ' -f1)
printf 'Certified: no restriction on sharing status with ICE.\n' >"$TMP/cert.txt"
printf 'plain words, not a PDF\n' >"$TMP/fake.pdf"
head -c $((9 * 1024 * 1024)) /dev/zero >"$TMP/big.txt"
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
is "$(login "$TMP/jar.chi" chi recip-pass-1)" 303 "Chicago's recipient signs in"
is "$(login "$TMP/jar.rev" rev review-pass-1)" 303 "a reviewer signs in"

# state: what a refusal must leave as it was.
state() {
	printf '%s %s\n' "$(at list certifications 2>/dev/null | wc -l)" \
		"$(at audit log 2>/dev/null | wc -l)"
}
# submit JAR ARGS...: POST the portal form with the page's CSRF token;
# prints the status, the body goes to $TMP/out, headers to $TMP/hdr.
submit() {
	local jar=$1 tok
	shift
	tok=$(csrf_of "$jar" /portal)
	curl -s -o "$TMP/out" -D "$TMP/hdr" -w '%{http_code}' -b "$jar" \
		-F "csrf=$tok" "$@" "$URL/portal/certifications"
}

page=$(curl -s -b "$TMP/jar.chi" "$URL/portal")
like "$page" 'enctype="multipart/form-data"' "the portal has an upload form"
like "$page" '<option value="N-T16">' "it offers the notices to answer"
like "$page" "N-T16</a></td><td>certification_request</td><td>$today</td><td>[0-9-]+</td><td>awaiting_response" \
	"with their due dates and states"
like "$page" 'href="/letters/N-2017-04-21-CHI/pdf"' "and their letters"

# On time and complete, with two documents.
code=$(submit "$TMP/jar.chi" -F notice=N-T16 -F "signer=Edward Siskel" \
	-F authority=chief_legal_officer -F "summary=We comply." \
	-F "opinion=@$TMP/opinion.pdf" -F "certificate=@$TMP/cert.txt")
is "$code" 303 "a certification with two documents is received"
like "$(cat "$TMP/hdr")" 'Location: /portal\?received=N-T16-C1' "and the portal confirms it"
page=$(curl -s -b "$TMP/jar.chi" "$URL/portal?received=N-T16-C1")
like "$page" "Received certification <strong>N-T16-C1</strong>" "the confirmation names it"
like "$page" "received on time, complete" "on time and complete"
like "$page" "$op_sha" "with the opinion's SHA-256"
like "$(at certify show N-T16-C1)" "legal_opinion +opinion.pdf +[0-9]+ bytes +application/pdf +sha256 $op_sha" \
	"the record holds the document, its sniffed type and hash"
like "$(at notice show N-T16)" "case: certification_received" "the case moved to received"
is "$(curl -s -b "$TMP/jar.chi" "$URL/certifications/N-T16-C1/documents/1" | sha256sum | cut -d' ' -f1)" \
	"$op_sha" "the recipient downloads the kept bytes"
curl -s -D "$TMP/dh" -o /dev/null -b "$TMP/jar.rev" "$URL/certifications/N-T16-C1/documents/2"
like "$(cat "$TMP/dh")" 'Content-Disposition: attachment; filename="cert.txt"' "staff download it as an attachment"
is "$(curl -s -b "$TMP/jar.rev" "$URL/certifications/N-T16-C1/documents/2")" \
	"$(cat "$TMP/cert.txt")" "byte for byte"
is "$(login "$TMP/jar.nyc" nyc nyc-pass-123)" 303 "New York's recipient signs in"
is "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.nyc" "$URL/certifications/N-T16-C1/documents/1")" 403 \
	"another jurisdiction's recipient may not download it"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/certifications/N-T16-C1/documents/1")" 303 \
	"nor the public (sent to sign in)"
at audit log --entity documents N-T16-C1 --json >"$TMP/audit.json" 2>&1
like "$(cat "$TMP/audit.json")" "$op_sha" "the audit log carries the opinion's SHA-256"
like "$(cat "$TMP/audit.json")" "$(sha256sum "$TMP/cert.txt" | cut -d' ' -f1)" "and the certificate's"
like "$(at audit log --entity certifications N-T16-C1)" "chi" "the write is the recipient's"
curl -s -b "$TMP/jar.rev" "$URL/jurisdictions/1714000" >"$TMP/chi.html"
like "$(cat "$TMP/chi.html")" \
	"N-T16-C1\">We comply.</a><span class=\"check\"> — received on time, complete</span><ul class=\"documents\"><li class=\"document\">legal_opinion: <a href=\"/certifications/N-T16-C1/documents/1\">opinion.pdf" \
	"staff see it received, with its documents, in Chicago's timeline"
ok '! curl -s "$URL/jurisdictions/1714000" | grep -q "/certifications/N-T16-C1/documents"' \
	"the public does not see the documents"

# Incomplete: FY2017 needs the chief legal officer.
code=$(submit "$TMP/jar.chi" -F notice=N-T17 -F "signer=A. Counsel" -F authority=legal_counsel \
	-F "certificate=@$TMP/cert.txt")
is "$code" 303 "an incomplete certification is still received"
like "$(curl -s -b "$TMP/jar.chi" "$URL/portal?received=N-T17-C1")" \
	"INCOMPLETE: condition JAG-FY2017-1373 needs a certification signed by the chief legal officer" \
	"and flagged incomplete, saying why"

# Late: the letter of 2017-04-21 was due 2017-06-30.
code=$(submit "$TMP/jar.chi" -F notice=N-2017-04-21-CHI -F authority=legal_counsel \
	-F "opinion=@$TMP/opinion.pdf")
is "$code" 303 "a late certification is received"
like "$(curl -s -b "$TMP/jar.chi" "$URL/portal?received=N-2017-04-21-CHI-C1")" \
	"received LATE by [0-9]+ days" "and flagged late"

# Refusals change nothing.
before=$(state)
code=$(submit "$TMP/jar.chi" -F notice=N-T16 -F authority=chief_legal_officer -F "opinion=@$TMP/fake.pdf")
is "$code" 400 "a document named .pdf holding text is refused"
like "$(cat "$TMP/out")" "fake.pdf is named as application/pdf but its bytes are text/plain" \
	"the refusal names the file and both types"
is "$(state)" "$before" "and nothing changed"
code=$(submit "$TMP/jar.chi" -F notice=N-T16 -F "attachment=@$TMP/big.txt")
is "$code" 413 "a document over 8 MiB is refused"
is "$(state)" "$before" "and nothing changed"
code=$(submit "$TMP/jar.chi" -F notice=N-2017-04-21-NYC -F authority=chief_legal_officer \
	-F "certificate=@$TMP/cert.txt")
is "$code" 403 "a certification for another jurisdiction's notice is refused"
like "$(cat "$TMP/out")" "only for your own jurisdiction" "saying why"
is "$(state)" "$before" "and nothing changed"
code=$(curl -s -o "$TMP/out" -w '%{http_code}' -b "$TMP/jar.chi" -F notice=N-T16 \
	-F "certificate=@$TMP/cert.txt" "$URL/portal/certifications")
is "$code" 403 "a form without its CSRF token is refused (before its inputs are read)"
like "$(cat "$TMP/out")" "The form has expired" "saying so"
code=$(curl -s -o "$TMP/out" -w '%{http_code}' -b "$TMP/jar.chi" -F csrf=00ff -F notice=N-T16 \
	-F "certificate=@$TMP/cert.txt" "$URL/portal/certifications")
is "$code" 403 "and one with a wrong token"
is "$(state)" "$before" "and nothing changed"
code=$(submit "$TMP/jar.chi" -F notice=N-NO-SUCH)
is "$code" 400 "an unknown notice is refused"
like "$(cat "$TMP/out")" 'unknown notice' "saying so"
is "$(state)" "$before" "and nothing changed"

# The API: multipart with a bearer token.
code=$(curl -s -o "$TMP/api.json" -w '%{http_code}' -H "Authorization: Bearer $chi" \
	-F notice=N-T16 -F authority=chief_legal_officer -F "opinion=@$TMP/opinion.pdf" \
	"$URL/api/v1/certifications")
is "$code" 201 "the API receives a certification"
is "$(jq -r .id "$TMP/api.json")" N-T16-C2 "with the next id"
is "$(jq -r .complete "$TMP/api.json")" true "complete"
is "$(jq -r .on_time "$TMP/api.json")" true "on time"
is "$(jq -r '.documents[0].sha256' "$TMP/api.json")" "$op_sha" "with the document's hash"
is "$(curl -s -H "Authorization: Bearer $chi" "$URL$(jq -r '.documents[0].href' "$TMP/api.json")" |
	sha256sum | cut -d' ' -f1)" "$op_sha" "whose bytes download through the API"
before=$(state)
code=$(curl -s -o "$TMP/api.json" -w '%{http_code}' -H "Authorization: Bearer $chi" \
	-F notice=N-T16 -F "opinion=@$TMP/fake.pdf" "$URL/api/v1/certifications")
is "$code" 400 "the API refuses a mislabelled document"
is "$(jq -r .error.code "$TMP/api.json")" bad_request "with a JSON error"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $chi" \
	-H 'Content-Type: application/json' --data '{"notice":"N-T16"}' "$URL/api/v1/certifications")
is "$code" 415 "the upload route takes multipart only"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $rev" \
	-F notice=N-T16 "$URL/api/v1/certifications")
is "$code" 403 "staff do not certify for a recipient"
is "$(state)" "$before" "and nothing changed"
done_testing
