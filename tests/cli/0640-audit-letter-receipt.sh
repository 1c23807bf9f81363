#!/bin/bash
# A letter's receipt proves its exact bytes: the letter's audit entry
# records the SHA-256 of the file, and verify-receipt --document checks
# the file against it with only the public key.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
command -v jq >/dev/null 2>&1 || skip_all "no jq"

db=$TMP/log.db
at() { "$ATTEST" --db "$db" "$@"; }
python3 "$AT_SRC/tests/cli/0500-cases-fixture.py" "$AT_SRC/data/demo" \
	"$TMP/fx" >/dev/null 2>&1 || skip_all "cannot build the fixture"
at init >/dev/null 2>&1
for k in jurisdictions agencies programs requirements conditions awards \
    policies provisions rulings; do
	at import "$k" "$TMP/fx/$k.csv" >/dev/null 2>&1 ||
		skip_all "cannot import $k"
done
at notice issue --id N1 --kind certification_request --jurisdiction 1714000 \
	--agency CHI-CPD --date 2017-04-21 --due 2017-06-30 \
	--conditions JAG-FY2016-1373 --awards 2016-DJ-BX-0106 --as hanson \
	>/dev/null 2>&1 || skip_all "cannot issue a notice"
at letter render N1 --text "$TMP/letter.txt" --as hanson >/dev/null 2>&1 ||
	skip_all "cannot render a letter"

seq=$(at audit log --json | jq '[.[] | select(.verb == "render" and .entity_id == "N1")] | last | .seq')
ok "[ -n '$seq' ] && [ '$seq' != null ]" "the letter has an audit entry ($seq)"
at audit proof "$seq" --out "$TMP/r.json" 2>/dev/null
ok "[ $? -eq 0 ]" "a receipt is made for it"
pk=$(at audit pubkey)
out=$("$ATTEST" audit verify-receipt "$TMP/r.json" --key "$pk" --document "$TMP/letter.txt")
is "$?" "0" "the receipt and the letter verify with only the public key"
like "$out" "is the recorded document" "it says the letter is the recorded document"
printf 'x' >> "$TMP/letter.txt"
out=$("$ATTEST" audit verify-receipt "$TMP/r.json" --key "$pk" --document "$TMP/letter.txt")
is "$?" "1" "a letter changed by one byte is refused"
like "$out" "^REFUSED: .* is not the document the entry records" "and the refusal says so"
first=$(at audit log --json | jq '.[0].seq')
at audit proof "$first" --out "$TMP/r1.json" 2>/dev/null
"$ATTEST" audit verify-receipt "$TMP/r1.json" --key "$pk" --document "$TMP/letter.txt" >/dev/null
is "$?" "1" "a receipt whose entry records no document refuses --document"
is "$(at audit log --entity letters N1 | cut -f4,5,6)" "render	letters	N1" \
	"audit log --entity takes the kinds entries record, letters too"
out=$(at audit verify)
like "$out" "^ok: " "the whole log verifies"

done_testing
