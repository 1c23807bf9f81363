#!/bin/bash
# Two `attest serve` processes on one database (on the PostgreSQL run,
# one PostgreSQL database: DESIGN.md section 7), driven with concurrent
# writes through both at once: every write the API has (users, a
# recipient's certifications with a document, review proposals, review
# decisions, actions on awards), by four clients, two on each server,
# the certifications, proposals and actions asking the server to name
# them (so both servers pick ids from one sequence at once), then
# both servers deciding the same reviews at the same time.  Afterwards
# no write is lost, none is done twice, each review is decided once, the
# audit log's sequence numbers run 1..N with no repeat and no gap, each
# entry names the hash of the one before, and `attest audit verify`
# passes.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"
command -v curl >/dev/null || skip_all "no curl"
"$ATTEST" serve --help >/dev/null 2>&1 || skip_all "no attest serve"
. "$AT_SRC/tests/http/serve_lib.bash"

CLIENTS=2 # per server
PER=${AT_TWO_SERVERS_PER:-5}
CERT=CERT-PHL-2017-06-22
demo_db || { echo "Bail out! demo load failed"; exit 1; }
declare -A TOKEN
for u in ada rev apr chi; do
	TOKEN[$u]=$("$ATTEST" --db "$DB" user token "$u" --label test 2>/dev/null)
done
like "${TOKEN[ada]}${TOKEN[rev]}${TOKEN[apr]}${TOKEN[chi]}" "^[0-9a-f]{256}$" \
	"API tokens for an admin, a reviewer, an approver and Chicago's recipient"
echo "Opinion of counsel: Chicago complies." >"$TMP/opinion.txt"
pk=$("$ATTEST" --db "$DB" audit pubkey 2>/dev/null)
"$ATTEST" --db "$DB" audit log --json >"$TMP/log0.json"
n0=$(jq length "$TMP/log0.json")

pids=
stop_servers() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap stop_servers EXIT
for s in 1 2; do
	ATTEST_ATLAS="$ATLAS_FILE" "$ATTEST" --db "$DB" serve --listen 127.0.0.1:0 --quiet \
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

# post PORT USER PATH JSON OUT: prints the status; the body goes to OUT.
post() {
	curl -s -o "$5" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[$2]}" \
		-H 'Content-Type: application/json' --data "$4" "http://127.0.0.1:$1$3"
}

# client PORT NAME: PER rounds of one user, one certification, one
# review proposal and one action, each a write of its own; the ids of
# what was made go to files.
client() {
	local i code fails=0 o="$TMP/$2.body"
	: >"$TMP/$2.reviews"
	: >"$TMP/$2.actions"
	: >"$TMP/$2.certs"
	for i in $(seq 1 $PER); do
		code=$(post "$1" ada /api/v1/users \
			"{\"name\":\"$2-$i\",\"role\":\"reviewer\",\"password\":\"password-$2-$i\"}" "$o")
		case $code in 2??) ;; *) fails=$((fails + 1)); echo "users $code $(head -c 200 "$o")" >>"$TMP/$2.err" ;; esac
		code=$(curl -s -o "$o" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[chi]}" \
			-F notice=N-2017-04-21-CHI -F authority=legal_counsel -F "summary=$2-$i" \
			-F "opinion=@$TMP/opinion.txt;type=text/plain" "http://127.0.0.1:$1/api/v1/certifications")
		case $code in
		2??) jq -r .id "$o" >>"$TMP/$2.certs" ;;
		*) fails=$((fails + 1)); echo "certifications $code $(head -c 200 "$o")" >>"$TMP/$2.err" ;;
		esac
		code=$(post "$1" rev /api/v1/reviews \
			"{\"certification\":\"$CERT\",\"finding\":\"complies\",\"rationale\":\"$2-$i\"}" "$o")
		case $code in
		2??) jq -r .id "$o" >>"$TMP/$2.reviews" ;;
		*) fails=$((fails + 1)); echo "reviews $code $(head -c 200 "$o")" >>"$TMP/$2.err" ;;
		esac
		code=$(post "$1" apr /api/v1/actions \
			"{\"kind\":\"withhold\",\"award\":\"FY2017-JAG-CA-NOFAIN\",\"jurisdiction\":\"06\",\"condition\":\"JAG-FY2017-1373\",\"date\":\"2018-10-04\",\"amount\":\"$i\",\"summary\":\"$2-$i\"}" "$o")
		case $code in
		2??) jq -r .id "$o" >>"$TMP/$2.actions" ;;
		*) fails=$((fails + 1)); echo "actions $code $(head -c 200 "$o")" >>"$TMP/$2.err" ;;
		esac
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
want=$((2 * CLIENTS * PER))
is "$fails" "0" "every write through either server succeeds ($((4 * want)) writes)"
curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "http://127.0.0.1:$p2/api/v1/users" >"$TMP/users.json"
got=$(jq '[.items[] | select(.name | test("^[ab][0-9]+-"))] | length' "$TMP/users.json" 2>/dev/null)
is "$got" "$want" "no user is lost ($want, as server 2 sees them)"
cat "$TMP"/[ab]*.certs | sort >"$TMP/certs.made"
is "$(sort -u "$TMP/certs.made" | wc -l)" "$want" "each certification got an id of its own"
curl -s "http://127.0.0.1:$p1/api/v1/certifications?limit=1000" >"$TMP/certs.json"
is "$(jq -r '[.items[] | select(.summary // "" | test("^[ab][0-9]+-")) | .id] | sort | .[]' "$TMP/certs.json")" \
	"$(cat "$TMP/certs.made")" "server 1 lists exactly the $want certifications made"
cat "$TMP"/[ab]*.reviews | sort >"$TMP/reviews.made"
is "$(sort -u "$TMP/reviews.made" | wc -l)" "$want" "each proposal got an id of its own"
curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "http://127.0.0.1:$p1/api/v1/reviews" >"$TMP/reviews.json"
is "$(jq -r --arg c "$CERT" '[.items[] | select(.certification == $c and .status == "proposed") | .id] | sort | .[]' \
	"$TMP/reviews.json")" "$(cat "$TMP/reviews.made")" "server 1 lists exactly the $want proposals made"
cat "$TMP"/[ab]*.actions | sort >"$TMP/actions.made"
is "$(sort -u "$TMP/actions.made" | wc -l)" "$want" "each action got an id of its own"
curl -s "http://127.0.0.1:$p2/api/v1/actions?limit=1000" >"$TMP/actions.json"
is "$(jq -r '[.items[] | select(.summary // "" | test("^[ab][0-9]+-")) | .id] | sort | .[]' "$TMP/actions.json")" \
	"$(cat "$TMP/actions.made")" "server 2 lists exactly the $want actions made"

# Both servers decide every proposal at once: each is decided once.
decide() { # PORT NAME
	local id
	while read -r id; do
		echo "$id $(post "$1" apr "/api/v1/reviews/$id" '{"decision":"approve"}' /dev/null)"
	done <"$TMP/reviews.made" >"$TMP/$2.decided"
}
decide "$p1" d1 &
d1=$!
decide "$p2" d2 &
d2=$!
wait $d1 $d2
is "$(sort "$TMP/d1.decided" "$TMP/d2.decided" | awk '{print $2}' | sort | uniq -c |
	awk '{printf "%s:%s ", $2, $1}')" "200:$want 409:$want " \
	"deciding each review through both servers at once: one 200, one 409"
is "$(join "$TMP/d1.decided" "$TMP/d2.decided" | awk '$2 + $3 != 609' | wc -l)" 0 \
	"for every review one server approved it and the other refused"

"$ATTEST" --db "$DB" audit log --json >"$TMP/log.json"
n=$(jq length "$TMP/log.json")
is "$(jq --argjson n0 "$n0" '[.[$n0:][] | select(.kind == "user")] | length' "$TMP/log.json")" \
	"$want" "one audit entry per user added"
is "$(jq --argjson n0 "$n0" '[.[$n0:][] | select(.kind == "reviews" and .verb == "propose")] | length' "$TMP/log.json")" \
	"$want" "one audit entry per proposal"
is "$(jq --argjson n0 "$n0" '[.[$n0:][] | select(.kind == "reviews" and .verb == "approve")] | length' "$TMP/log.json")" \
	"$want" "one audit entry per decision, none for the refused ones"
is "$(jq --argjson n0 "$n0" '[.[$n0:][] | select(.kind == "actions")] | length' "$TMP/log.json")" \
	"$want" "one audit entry per action"
is "$(jq --argjson n0 "$n0" '[.[$n0:][] | select(.kind == "certifications" and .verb == "insert")] | length' "$TMP/log.json")" \
	"$want" "one audit entry per certification"
is "$(jq '[.[].seq] == [range(1; length + 1)]' "$TMP/log.json")" "true" \
	"sequence numbers run 1..$n: none repeats, none is skipped"
is "$(jq '[range(1; length) as $i | .[$i].prev_hash == .[$i - 1].hash] | all' "$TMP/log.json")" \
	"true" "each entry names the hash of the one before"
"$ATTEST" --db "$DB" audit verify --key "$pk" >"$TMP/verify" 2>&1
rc=$?
is "$rc" "0" "attest audit verify passes"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$TMP/verify"
done_testing
