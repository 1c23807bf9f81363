#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# A running server signs audit checkpoints soon after its writes, not
# only at exit: while it still runs, `attest audit verify` finds the
# newest checkpoint covering every entry and a receipt for the server's
# write can be made and checked.  A burst of writes gets one checkpoint.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"
command -v curl >/dev/null || skip_all "no curl"

db=$(fresh_db)
"$ATTEST" --db "$db" init >/dev/null 2>&1
echo "admin-password-1" | "$ATTEST" --db "$db" user add boss --role admin >/dev/null 2>&1
tok=$("$ATTEST" --db "$db" user token boss --label test 2>/dev/null)
pk=$("$ATTEST" --db "$db" audit pubkey 2>/dev/null)
like "$pk" '^[0-9a-f]{64}$' "the log has a signing key"

SPID=
stop_server() {
	[ -n "$SPID" ] && { kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
	rm -rf "$TMP"
}
trap stop_server EXIT
"$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --quiet --checkpoint-delay 5000 \
	>"$TMP/s.out" 2>"$TMP/s.err" &
SPID=$!
for _i in $(seq 200); do
	grep -q '^attest: serving' "$TMP/s.out" 2>/dev/null && break
	sleep 0.05
done
URL=$(sed -n 's|^attest: serving \(http://[^ ]*\)/$|\1|p' "$TMP/s.out")
ok '[ -n "$URL" ]' "serve started"

newest() { # the size the newest checkpoint covers
	"$ATTEST" --db "$db" audit verify 2>/dev/null |
		sed -n 's/.*the newest covers \([0-9]*\) entries.*/\1/p'
}
entries() {
	"$ATTEST" --db "$db" audit verify 2>/dev/null | sed -n 's/^ok: \([0-9]*\) entries.*/\1/p'
}
n0=$(entries)
c0=$(newest)
is "$c0" "$n0" "before: the newest checkpoint covers the log ($n0 entries)"
ncp0=$("$ATTEST" --db "$db" audit verify 2>/dev/null | sed -n 's/^\([0-9]*\) checkpoints verified.*/\1/p')

# Three writes at once through the API: a burst.
for u in rev1 rev2 rev3; do
	curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $tok" \
		-H 'Content-Type: application/json' \
		-d "{\"name\":\"$u\",\"role\":\"reviewer\",\"password\":\"password-$u-1\"}" \
		"$URL/api/v1/users" >"$TMP/code.$u" &
done
wait $(jobs -p | grep -v "^$SPID\$")
cat "$TMP"/code.* >"$TMP/codes"
is "$(sort -u "$TMP/codes")" 201 "three users added through the API"
n1=$(entries)
is "$n1" "$((n0 + 3))" "the log grew by three entries"
for _i in $(seq 150); do
	[ "$(newest)" = "$n1" ] && break
	sleep 0.1
done
ok 'kill -0 "$SPID"' "the server still runs"
is "$(newest)" "$n1" "while it runs, the newest checkpoint covers the server's writes"
ncp1=$("$ATTEST" --db "$db" audit verify 2>/dev/null | sed -n 's/^\([0-9]*\) checkpoints verified.*/\1/p')
is "$ncp1" "$((ncp0 + 1))" "one checkpoint for the burst"
ok '"$ATTEST" --db "$db" audit verify --key "$pk"' "audit verify passes against the public key"
ok '"$ATTEST" --db "$db" audit proof "$n1" --out "$TMP/r.json"' "a receipt for the server's last write"
ok '"$ATTEST" audit verify-receipt "$TMP/r.json" --key "$pk"' "the receipt verifies without the database"
done_testing
