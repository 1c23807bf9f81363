#!/bin/bash
# attest copy: a whole database into an empty one, audit log verbatim.
# On the SQLite run, SQLite to SQLite; on the PostgreSQL run (make
# check's second pass) SQLite to PostgreSQL and back: the exports of
# every kind are identical at each step and the audit log verifies on
# each copy with the source's public key.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"
D=$AT_SRC/data/demo
[ -f "$D/jurisdictions.csv" ] || skip_all "no data/demo"

KINDS="jurisdictions programs requirements conditions"
export ATTEST_KEY=$TMP/src.key # the source's key signs and verifies all
src=$TMP/src.db
printf 'id,name,kind,parent,source\n06,California,state,,test\n41,Oregon,state,,test\n' >"$TMP/states.csv"
printf 'id,name,kind,parent,source\n06037,Los Angeles County,county,06,test\n41051,Multnomah County,county,41,test\n' >"$TMP/counties.csv"
for f in "$TMP/states.csv" "$TMP/counties.csv"; do
	"$ATTEST" --db "$src" import jurisdictions "$f" >/dev/null 2>"$TMP/err" ||
		sed 's/^/#   /' "$TMP/err"
done
for k in programs requirements conditions; do
	"$ATTEST" --db "$src" import "$k" "$D/$k.csv" >/dev/null 2>"$TMP/err" ||
		sed 's/^/#   /' "$TMP/err"
done
# Cases: a notice opens one (case_states, case_transitions).
"$ATTEST" --db "$src" notice issue --id N-1 --kind certification_request \
	--jurisdiction 06 --date 2017-04-21 --due "70 calendar days" >/dev/null 2>"$TMP/err" ||
	sed 's/^/#   /' "$TMP/err"
"$ATTEST" --db "$src" notice issue --id N-2 --kind preliminary_finding \
	--jurisdiction 41 --date 2017-11-15 --due "15 business days" >/dev/null 2>"$TMP/err" ||
	sed 's/^/#   /' "$TMP/err"
KINDS="$KINDS notices"
pk=$("$ATTEST" --db "$src" audit pubkey)
like "$pk" "^[0-9a-f]{64}$" "the source has a signing key"
"$ATTEST" --db "$src" audit verify --key "$pk" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "the source verifies"
n_src=$("$ATTEST" --db "$src" audit log --json | jq length)

exports() { # DB DIR
	mkdir -p "$2"
	for k in $KINDS; do
		"$ATTEST" --db "$1" export "$k" >"$2/$k.csv" 2>/dev/null
	done
	"$ATTEST" --db "$1" timeline 06 >"$2/timeline-06.txt" 2>&1
	"$ATTEST" --db "$1" timeline 41 >"$2/timeline-41.txt" 2>&1
}
exports "$src" "$TMP/e0"

mid=$(fresh_db)
out=$("$ATTEST" copy --from "$src" --to "$mid" 2>&1)
ok "[ $? -eq 0 ]" "copy into a fresh database"
like "$out" "copied [0-9]+ records, $n_src audit entries, [1-9][0-9]* checkpoints, [1-9][0-9]* other rows" \
	"copy says what it copied"
"$ATTEST" --db "$mid" audit verify --key "$pk" >"$TMP/v1" 2>&1
rc=$?
is "$rc" "0" "the audit log verifies on the copy"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$TMP/v1"
exports "$mid" "$TMP/e1"
ok "diff -r '$TMP/e0' '$TMP/e1'" "the copy exports the same records and case timelines"
is "$("$ATTEST" --db "$mid" audit log --json | jq -c '[.[] | [.seq, .hash]]')" \
	"$("$ATTEST" --db "$src" audit log --json | jq -c '[.[] | [.seq, .hash]]')" \
	"the copy's audit log is the source's, entry for entry"

back=$TMP/back.db
"$ATTEST" copy --from "$mid" --to "$back" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "copy back into SQLite"
"$ATTEST" --db "$back" audit verify --key "$pk" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "the audit log verifies after the round trip"
exports "$back" "$TMP/e2"
ok "diff -r '$TMP/e0' '$TMP/e2'" "the round trip exports the same records and case timelines"
ok "grep -q N-1 '$TMP/e2/timeline-06.txt'" "the case history came along"
"$ATTEST" --db "$back" notice issue --id N-3 --kind certification_request \
	--jurisdiction 06 --date 2018-01-24 --due "30 calendar days" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "the copy takes new case steps (its counters follow the copied ids)"

out=$("$ATTEST" copy --from "$src" --to "$mid" 2>&1)
is "$?" "2" "copy into a database that holds records is refused"
like "$out" "not empty" "the refusal says why"
"$ATTEST" copy --from "$src" >/dev/null 2>&1
is "$?" "2" "copy without --to is a usage error"
n=$("$ATTEST" --db "$mid" audit log --json | jq length)
is "$n" "$n_src" "a refused copy adds nothing"
case $mid in
postgres*) echo "# copied through PostgreSQL" ;;
*) echo "# copied SQLite to SQLite (no ATTEST_TEST_DB_URL)" ;;
esac
done_testing
