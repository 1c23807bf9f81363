#!/bin/bash
# Several writers on one database at once (on the PostgreSQL run, the
# situation of several `attest serve` processes sharing one server):
# WRITERS processes each run ROUNDS imports into the same database at
# the same time.  Afterwards no write is lost, the audit log's sequence
# numbers run 1..N without a repeat or a gap, every entry names its
# predecessor's hash, and `attest audit verify` passes, checkpoints
# included.  AT_CONCURRENCY_ROUNDS raises the load for soak runs.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"

WRITERS=4
ROUNDS=${AT_CONCURRENCY_ROUNDS:-8}
PER=5
db=$(fresh_db)
"$ATTEST" --db "$db" init >/dev/null 2>"$TMP/err"
ok "[ $? -eq 0 ]" "init" || sed 's/^/#   /' "$TMP/err"
pk=$("$ATTEST" --db "$db" audit pubkey 2>/dev/null)

# Each round of each writer is one file of PER programs with ids of its own.
for w in $(seq 1 $WRITERS); do
	for r in $(seq 1 $ROUNDS); do
		f=$TMP/w$w-r$r.csv
		echo "id,name,listing,federal_agency,source,confidence" >"$f"
		for i in $(seq 1 $PER); do
			echo "P-$w-$r-$i,Program $w $r $i,16.$w$r$i,Agency $w,test,verified" >>"$f"
		done
	done
done

writer() { # W
	local fails=0
	for r in $(seq 1 $ROUNDS); do
		ATTEST_ACTOR=writer$1 "$ATTEST" --db "$db" import programs \
			"$TMP/w$1-r$r.csv" >/dev/null 2>>"$TMP/w$1.err" ||
			fails=$((fails + 1))
	done
	echo "$fails" >"$TMP/w$1.fails"
}
for w in $(seq 1 $WRITERS); do
	writer "$w" &
done
wait

fails=0
for w in $(seq 1 $WRITERS); do
	fails=$((fails + $(cat "$TMP/w$w.fails")))
	[ -s "$TMP/w$w.err" ] && sed "s/^/#   writer $w: /" "$TMP/w$w.err" | head -5
done
is "$fails" "0" "every import of $WRITERS concurrent writers succeeds"
want=$((WRITERS * ROUNDS * PER))
is "$(count programs "$db")" "$want" "no write is lost ($want programs)"

"$ATTEST" --db "$db" audit log --json >"$TMP/log.json"
n=$(jq length "$TMP/log.json")
is "$n" "$want" "one audit entry per record"
is "$(jq '[.[].seq] == [range(1; length + 1)]' "$TMP/log.json")" "true" \
	"sequence numbers run 1..$n: none repeats, none is skipped"
is "$(jq '[range(1; length) as $i | .[$i].prev_hash == .[$i - 1].hash] | all' "$TMP/log.json")" \
	"true" "each entry names the hash of the one before"
for w in $(seq 1 $WRITERS); do
	got=$(jq --arg a "writer$w" '[.[] | select(.actor == $a)] | length' "$TMP/log.json")
	is "$got" "$((ROUNDS * PER))" "writer $w's entries are all there"
done
"$ATTEST" --db "$db" audit verify --key "$pk" >"$TMP/verify" 2>&1
rc=$?
is "$rc" "0" "attest audit verify passes"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$TMP/verify"
case $db in
postgres*) echo "# on PostgreSQL" ;;
*) echo "# on SQLite" ;;
esac
done_testing
