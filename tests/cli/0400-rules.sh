#!/bin/bash
# attest rules check|test: the shipped rules parse and their tests (in
# the rules language) pass; a malformed file is refused as a whole with
# FILE:LINE:COLUMN; a failing test makes `rules test` exit 1.
. "$(dirname "$0")/lib.sh"

out=$("$ATTEST" rules check "$AT_SRC/rules" 2>&1)
is "$?" "0" "the shipped rules parse"
like "$out" "^ok: 2 interpretations" "check reports what it read"

out=$("$ATTEST" rules test "$AT_SRC/rules" 2>&1)
rc=$?
is "$rc" "0" "every shipped rule test passes"
like "$out" "^[0-9]+ passed, 0 failed" "test prints its totals"
[ "$rc" -eq 0 ] || printf '%s\n' "$out" | sed 's/^/#   /'

# The extra cases in tests/rules run with the shipped rules.
out=$("$ATTEST" rules test "$AT_SRC/rules" "$AT_SRC/tests/rules" 2>&1)
rc=$?
is "$rc" "0" "the tests in tests/rules pass with the shipped rules"
[ "$rc" -eq 0 ] || printf '%s\n' "$out" | sed 's/^/#   /'

# The default directory is the shipped one (cli_data_dir()/rules).
out=$(ATTEST_DATA="$AT_SRC" "$ATTEST" rules test 2>&1)
is "$?" "0" "rules test without a path runs the shipped rules"

# A malformed file: refused with its line and column.
mkdir -p "$TMP/bad"
cp "$AT_SRC/rules/00-taxonomy.rules" "$TMP/bad/"
cat >"$TMP/bad/50-bad.rules" <<'R'
requirement X-1 {
	citation "x"
	version from=2017-02-30 {
		under agency-2017 {
		}
	}
}
R
out=$("$ATTEST" rules check "$TMP/bad" 2>&1)
is "$?" "1" "a malformed rule file fails the check"
like "$out" "50-bad.rules:3:10: '2017-02-30' is not a date" \
	"the error names FILE:LINE:COLUMN"

printf 'interpretation x "y"\nrequirement R {\n\tcitation "never closed\n}\n' \
	>"$TMP/bad2.rules"
out=$("$ATTEST" rules check "$TMP/bad2.rules" 2>&1)
like "$out" "bad2.rules:3:11: unterminated string" "an unterminated string"

# A whole file is refused: its good half (an interpretation) is not used.
mkdir -p "$TMP/half"
cp "$AT_SRC"/rules/*.rules "$TMP/half/"
printf 'interpretation extra "x"\nfrobnicate\n' >"$TMP/half/99-half.rules"
out=$("$ATTEST" rules check "$TMP/half" 2>&1)
like "$out" "99-half.rules:2:1: unknown statement 'frobnicate'" \
	"an unknown statement is refused"

# A failing test makes `rules test` exit 1 and says why.
mkdir -p "$TMP/fail"
cp "$AT_SRC"/rules/0*.rules "$AT_SRC"/rules/1*.rules "$AT_SRC"/rules/2*.rules \
	"$TMP/fail/"
cat >"$TMP/fail/90-fail.rules" <<'R'
test "a release-date bar does not make a conflict under courts-narrow" {
	as-of 2017-10-12
	interpretation courts-narrow
	jurisdiction 17 kind=state
	agency A jurisdiction=17
	award W agency=A program=JAG fy=2016
	policy P jurisdiction=17
	provision V policy=P type=P07
	expect 17 JAG-FY2016-1373 conflicts
}
R
out=$("$ATTEST" rules test "$TMP/fail" 2>&1)
is "$?" "1" "a failing rule test exits 1"
like "$out" "FAIL .*90-fail.rules:1: a release-date bar" "the failure names the test"
like "$out" "line 9: .*expected conflicts, got complies" \
	"and the expectation's line and both outcomes"

done_testing
