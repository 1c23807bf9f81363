#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The audit page and /api/v1/audit/status verify the log as `attest
# audit verify` does and show the latest signed checkpoint (size and
# root); the answer is cached by log size and recomputed when the log
# grows; a tampered database shows the first bad entry.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
TOK=$("$ATTEST" --db "$DB" user token ada --label test)
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
is "$(login "$TMP/jar" ada admin-pass-1)" 303 "the admin signs in"

status() { curl -s -H "Authorization: Bearer $TOK" "$URL/api/v1/audit/status"; }
cli=$("$ATTEST" --db "$DB" audit verify)
n=$(printf '%s\n' "$cli" | sed -n 's/^ok: \([0-9]*\) entries, root \([0-9a-f]*\)$/\1/p')
root=$(printf '%s\n' "$cli" | sed -n 's/^ok: \([0-9]*\) entries, root \([0-9a-f]*\)$/\2/p')
covers=$(printf '%s\n' "$cli" | sed -n 's/.*the newest covers \([0-9]*\) entries$/\1/p')
ok '[ -n "$n" ] && [ -n "$root" ]' "attest audit verify passes on the demo ($n entries)"

s=$(status)
is "$(echo "$s" | jq -r '"\(.ok) \(.entries) \(.root)"')" "true $n $root" \
	"the API says OK with the same entry count and root as the CLI"
is "$(echo "$s" | jq -r .checkpoint.size)" "$covers" "the latest checkpoint covers what the CLI says"
like "$(echo "$s" | jq -r .checkpoint.root)" '^[0-9a-f]{64}$' "with its root"
is "$(echo "$s" | jq -r .signatures_checked)" true "checkpoint signatures are checked with the log's key"
is "$(status | jq -r .cached)" true "the second request is answered from the cache"
page=$(curl -s -b "$TMP/jar" "$URL/audit")
like "$page" "<p class=\"ok\" id=\"verify-status\">OK: $n entries, root <code>$root</code>" \
	"the audit page shows the status"
like "$page" "Latest signed checkpoint: $covers entries, root <code>[0-9a-f]{64}</code>, made " \
	"and the latest signed checkpoint"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/audit/status")" 401 "the status is not public"

# The log grows: the cache is not used, and the new entries verify.
rev=$("$ATTEST" --db "$DB" user token rev --label test)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $rev" \
	-H 'Content-Type: application/json' \
	--data '{"certification":"CERT-CA-2017-06-29","finding":"complies"}' "$URL/api/v1/reviews")
is "$code" 201 "a write through the API"
s=$(status)
is "$(echo "$s" | jq -r '"\(.ok) \(.cached)"')" "true false" "the grown log is verified again"
ok "[ $(echo "$s" | jq .entries) -gt $n ]" "with the new entries"
# The server signs a checkpoint soon after a write: until then the page
# says which entries none covers yet, and after it the answer is new.
# The page is read before the status: if the status still finds entries
# uncovered, the page (older) must say so too.
for _i in $(seq 100); do
	page=$(curl -s -b "$TMP/jar" "$URL/audit")
	s=$(status)
	[ "$(echo "$s" | jq .checkpoint.size)" = "$(echo "$s" | jq .entries)" ] && break
	like "$page" "not yet covered by a checkpoint" \
		"the page says which entries no checkpoint covers yet"
	sleep 0.2
done
is "$(echo "$s" | jq .checkpoint.size)" "$(echo "$s" | jq .entries)" \
	"the checkpoint the server signs after the write is shown (not a cached answer)"

# Tampering: an entry's actor changed behind the log's back (SQLite).
if on_pg || ! command -v sqlite3 >/dev/null; then
	echo "# tampering is done with the sqlite3 shell: not on this pass"
	done_testing
	exit
fi
serve_stop
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$DB" "$TMP/bad.db"
cp "$DB.key" "$TMP/bad.db.key"
chmod 600 "$TMP/bad.db.key"
sqlite3 "$TMP/bad.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 5;"
cli=$("$ATTEST" --db "$TMP/bad.db" audit verify)
like "$cli" "^FAILED at entry 5: " "attest audit verify finds entry 5"
serve_start "$TMP/bad.db" --quiet || { echo "Bail out! serve did not start"; exit 1; }
s=$(status)
is "$(echo "$s" | jq -r '"\(.ok) \(.bad_entry)"')" "false 5" "the API names the first bad entry"
is "FAILED at entry 5: $(echo "$s" | jq -r .reason)" "$(printf '%s\n' "$cli" | head -1)" \
	"with the CLI's reason"
is "$(login "$TMP/jar2" ada admin-pass-1)" 303 "the admin signs in to the tampered copy"
like "$(curl -s -b "$TMP/jar2" "$URL/audit")" '<p class="problem" role="alert" id="verify-status">FAILED at entry 5: ' \
	"the audit page shows the failure and the entry"

done_testing
