#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# attest serve --user: started as root, it binds, then becomes the user
# (real, effective and saved ids, groups too) before opening the
# database, and serves and writes as that user.  Only as root.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip_all "needs root"
# About the process, not the storage: the SQLite pass is enough.
[ -z "${ATTEST_TEST_DB_URL:-}" ] || skip_all "runs on the SQLite pass"
id nobody >/dev/null 2>&1 || skip_all "no user nobody"
command -v curl >/dev/null || skip_all "no curl"
NUID=$(id -u nobody)

# A directory nobody can reach: /tmp is open to all, $TMP may not be.
D=$(mktemp -d /tmp/attest-user.XXXXXX)
SPID=
stop_server() {
	[ -n "$SPID" ] && { kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
	rm -rf "$TMP" "$D"
}
trap stop_server EXIT
db=$D/u.db
export ATTEST_KEY=$D/u.key
"$ATTEST" --db "$db" init >/dev/null 2>&1
echo "admin-password-1" | "$ATTEST" --db "$db" user add boss --role admin >/dev/null 2>&1
tok=$("$ATTEST" --db "$db" user token boss --label test 2>/dev/null)
chown -R nobody "$D"

like "$("$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --user no-such-user-x 2>&1)" \
	"no user named no-such-user-x" "an unknown user is refused"
like "$("$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --user root 2>&1)" \
	"is root" "root itself is refused"

"$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --user nobody --quiet \
	--checkpoint-delay 100 >"$TMP/s.out" 2>"$TMP/s.err" &
SPID=$!
for _i in $(seq 200); do
	grep -q '^attest: serving' "$TMP/s.out" 2>/dev/null && break
	sleep 0.05
done
URL=$(sed -n 's|^attest: serving \(http://[^ ]*\)/$|\1|p' "$TMP/s.out")
ok '[ -n "$URL" ]' "serve --user nobody started"
is "$(awk '/^Uid:/{print $2,$3,$4,$5}' /proc/$SPID/status)" "$NUID $NUID $NUID $NUID" \
	"real, effective, saved and file uid are nobody's"
is "$(awk '/^Gid:/{print $2==$3 && $3==$4 && $4==$5 && $2!=0}' /proc/$SPID/status)" 1 \
	"the group ids are one, not root's"
ok '! awk "/^Groups:/" /proc/$SPID/status | grep -qw 0' "no supplementary root group"
bad=0
for t in /proc/$SPID/task/*; do
	[ "$(awk '/^Uid:/{print $3}' "$t/status")" = "$NUID" ] || bad=$((bad + 1))
done
is "$bad" 0 "every thread runs as nobody"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/jurisdictions")" 200 "it serves"
is "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' \
	-d '{"name":"rev1","role":"reviewer","password":"password-rev-1"}' \
	"$URL/api/v1/users")" 201 "and writes, as nobody, to nobody's database"
ok '[ "$(find "$D" -user root | wc -l)" = 0 ]' "no file it made belongs to root"
done_testing
