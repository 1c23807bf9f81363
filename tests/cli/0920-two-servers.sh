#!/bin/bash
# Two `attest serve` processes on one database (on the PostgreSQL run,
# one PostgreSQL database: DESIGN.md section 7), driven with concurrent
# writes through both at once.  Afterwards no write is lost, the audit
# log's sequence numbers run 1..N with no repeat and no gap, each entry
# names the hash of the one before, and `attest audit verify` passes.
# The writes are the API's writes (today: POST /api/v1/users).
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"
command -v curl >/dev/null || skip_all "no curl"
"$ATTEST" serve --help >/dev/null 2>&1 || skip_all "no attest serve"

CLIENTS=2 # per server
PER=${AT_TWO_SERVERS_PER:-5}
db=$(fresh_db)
"$ATTEST" --db "$db" init >/dev/null 2>&1
echo "admin-password-1" | "$ATTEST" --db "$db" user add boss --role admin >/dev/null 2>&1
tok=$("$ATTEST" --db "$db" user token boss --label test 2>/dev/null)
like "$tok" "^[0-9a-f]{16,}$" "an API token for the writers"
pk=$("$ATTEST" --db "$db" audit pubkey 2>/dev/null)

pids=
stop_servers() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap stop_servers EXIT
for s in 1 2; do
	"$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --quiet \
		>"$TMP/s$s.out" 2>"$TMP/s$s.err" &
	pids="$pids $!"
done
port() { # N: the port server N said it serves on
	local i
	for i in $(seq 1 100); do
		p=$(grep -ho 'http://127.0.0.1:[0-9]*' "$TMP/s$1.err" "$TMP/s$1.out" 2>/dev/null |
			head -1 | cut -d: -f3)
		[ -n "$p" ] && { echo "$p"; return; }
		sleep 0.1
	done
}
p1=$(port 1)
p2=$(port 2)
ok "[ -n '$p1' ] && [ -n '$p2' ] && [ '$p1' != '$p2' ]" "two servers up on one database ($p1, $p2)"
[ -n "$p1" ] && [ -n "$p2" ] || { sed 's/^/#   /' "$TMP"/s*.err; done_testing; exit 1; }

client() { # SERVER_PORT NAME_PREFIX
	local i code fails=0
	for i in $(seq 1 $PER); do
		code=$(curl -s -o "$TMP/$2-$i.out" -w '%{http_code}' \
			-H "Authorization: Bearer $tok" \
			-H 'Content-Type: application/json' \
			-d "{\"name\":\"$2-$i\",\"role\":\"reviewer\",\"password\":\"password-$2-$i\"}" \
			"http://127.0.0.1:$1/api/v1/users")
		case $code in 2??) ;; *) fails=$((fails + 1)); echo "$code $(cat "$TMP/$2-$i.out")" >>"$TMP/$2.err" ;; esac
	done
	echo "$fails" >"$TMP/$2.fails"
}
names=
cpids=
for c in $(seq 1 $CLIENTS); do
	client "$p1" "a$c" &
	cpids="$cpids $!"
	client "$p2" "b$c" &
	cpids="$cpids $!"
	names="$names a$c b$c"
done
for p in $cpids; do
	wait "$p"
done

fails=0
for n in $names; do
	fails=$((fails + $(cat "$TMP/$n.fails")))
	[ -f "$TMP/$n.err" ] && sed "s/^/#   $n: /" "$TMP/$n.err" | head -3
done
is "$fails" "0" "every write through either server succeeds"
want=$((2 * CLIENTS * PER))
curl -s -H "Authorization: Bearer $tok" "http://127.0.0.1:$p2/api/v1/users" >"$TMP/users.json"
got=$(cat "$TMP/users.json" |
	jq '[.items[] | select(.name | test("^[ab][0-9]+-"))] | length' 2>/dev/null)
is "$got" "$want" "no write is lost ($want users, as server 2 sees them)"
[ "$got" = "$want" ] || head -c 300 "$TMP/users.json" | sed "s/^/#   /"

"$ATTEST" --db "$db" audit log --json >"$TMP/log.json"
n=$(jq length "$TMP/log.json")
is "$(jq '[.[] | select(.kind == "user" and (.entity_id | test("^[ab][0-9]+-")))] | length' "$TMP/log.json")" \
	"$want" "one audit entry per write"
is "$(jq '[.[].seq] == [range(1; length + 1)]' "$TMP/log.json")" "true" \
	"sequence numbers run 1..$n: none repeats, none is skipped"
is "$(jq '[range(1; length) as $i | .[$i].prev_hash == .[$i - 1].hash] | all' "$TMP/log.json")" \
	"true" "each entry names the hash of the one before"
"$ATTEST" --db "$db" audit verify --key "$pk" >"$TMP/verify" 2>&1
rc=$?
is "$rc" "0" "attest audit verify passes"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$TMP/verify"
case $db in
postgres*) echo "# on PostgreSQL" ;;
*) echo "# on SQLite" ;;
esac
done_testing
