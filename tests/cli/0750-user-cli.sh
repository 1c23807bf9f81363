#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# attest user add|passwd|list|token: roles, recipients bound to a
# jurisdiction, passwords only from standard input and only as Argon2id,
# every change in the audit log without the secret.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db)
"$ATTEST" --db "$DB" init >/dev/null 2>&1
printf 'id,name,kind,parent,also_in,valid_from,valid_to,source,confidence\n06,California,state,,,,,test,verified\n' >"$TMP/j.csv"
ok '"$ATTEST" --db "$DB" import jurisdictions "$TMP/j.csv"' "a jurisdiction to bind a recipient to"

ok 'echo "secret-pass-1" | "$ATTEST" --db "$DB" user add ada --role admin' "add an admin"
ok 'echo "secret-pass-2" | "$ATTEST" --db "$DB" user add ca --role recipient --jurisdiction 06' \
	"add a recipient bound to California"
ok '! echo "secret-pass-3" | "$ATTEST" --db "$DB" user add bad --role recipient' \
	"a recipient needs a jurisdiction"
ok '! echo "secret-pass-3" | "$ATTEST" --db "$DB" user add bad2 --role reviewer --jurisdiction 06' \
	"only a recipient names a jurisdiction"
ok '! echo "secret-pass-3" | "$ATTEST" --db "$DB" user add bad3 --role recipient --jurisdiction 99' \
	"the jurisdiction must exist"
ok '! echo "secret-pass-3" | "$ATTEST" --db "$DB" user add bad4 --role king' "unknown role refused"
ok '! echo "short" | "$ATTEST" --db "$DB" user add bad5 --role admin' "a short password is refused"
ok '! echo "secret-pass-3" | "$ATTEST" --db "$DB" user add "<b>" --role admin' "a bad name is refused"
ok '! echo "secret-pass-4" | "$ATTEST" --db "$DB" user add ada --role admin' "a name is added once"
list=$("$ATTEST" --db "$DB" user list)
like "$list" "^ada +admin" "list shows the admin"
like "$list" "ca +recipient +06" "list shows the recipient and its jurisdiction"
ok '! printf "%s" "$list" | grep -Eq "bad"' "no refused user was stored"
ok 'echo "new-secret-9" | "$ATTEST" --db "$DB" user passwd ada' "change a password"
ok '! echo "new-secret-9" | "$ATTEST" --db "$DB" user passwd nobody' "passwd for an unknown user fails"
tok=$("$ATTEST" --db "$DB" user token ada --label scripts)
like "$tok" '^[0-9a-f]{64}$' "a token is 64 hex digits"
log=$("$ATTEST" --db "$DB" audit log 2>/dev/null || true)
[ -z "$log" ] && log=$(sqlite3 "$DB" "SELECT verb || ' ' || kind || ' ' || entity_id || ' ' || coalesce(new_json,'') FROM audit_log" 2>/dev/null)
like "$log" "insert.*user.*ada" "adding a user is audited"
like "$log" "passwd.*user.*ada" "a password change is audited"
like "$log" "token.*user.*ada" "a new token is audited"
ok '! printf "%s" "$log" | grep -Eq "secret-pass|new-secret|argon2|$tok"' "no password, hash or token in the log"
if [ -z "${ATTEST_TEST_DB_URL:-}" ]; then
	like "$(sqlite3 "$DB" "SELECT pwhash FROM users WHERE name='ada'")" '^\$argon2id\$' \
		"passwords are stored as Argon2id"
	is "$(sqlite3 "$DB" "SELECT count(*) FROM api_tokens WHERE token_hash = '$tok'")" 0 \
		"the token itself is not stored"
fi
done_testing
