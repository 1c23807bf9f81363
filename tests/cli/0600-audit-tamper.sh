#!/bin/bash
# attest audit verify: every byte of a stored entry flipped, one at a
# time, is caught and the entry named; so are deleted, reordered and
# inserted entries and a forged checkpoint.  Tampering is done with the
# sqlite3 shell on copies, after dropping the append-only triggers.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "no sqlite3 shell"

db=$TMP/log.db
printf 'id,name,kind,parent,source\n06,California,state,,test\n41,Oregon,state,,test\n53,Washington,state,,test\n' > "$TMP/states.csv"
"$ATTEST" --db "$db" init >/dev/null 2>&1
"$ATTEST" --db "$db" import jurisdictions "$TMP/states.csv" >/dev/null
ok "[ $? -eq 0 ]" "three states import"
out=$("$ATTEST" --db "$db" audit verify)
ok "[ $? -eq 0 ]" "the untouched log verifies"
like "$out" "^ok: 3 entries, root [0-9a-f]{64}" "verify prints the entry count and the root"
like "$out" "1 checkpoints verified; the newest covers 3 entries" \
	"the import's checkpoint is verified"

# A pristine copy without the append-only triggers, in one file.
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$db" "$TMP/pristine.db"
cp "$db.key" "$TMP/pristine.db.key"
sqlite3 "$TMP/pristine.db" "PRAGMA journal_mode=DELETE; DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;" >/dev/null

# tamper SQL [COPY]: run SQL on a fresh copy of the pristine log, then
# verify it.  verify's output is in $vout, its exit status in $vrc.
tamper() {
	local t=${2:-$TMP/t.db}
	cp "$TMP/pristine.db" "$t"
	cp "$TMP/pristine.db.key" "$t.key"
	chmod 600 "$t.key"
	sqlite3 "$t" "$1" || return 1
	vout=$("$ATTEST" --db "$t" audit verify 2>&1)
	vrc=$?
}

# Flip every byte of one stored field of entry 2 (x -> x xor 1): one
# sqlite3 run writes a copy per byte (VACUUM INTO), then each copy is
# verified; print one line per byte: "ok" or what verify said.
flip_column() {
	local col=$1 len i c dir=$TMP/flip-$col
	mkdir -p "$dir"
	len=$(sqlite3 "$TMP/pristine.db" "SELECT length($col) FROM audit_log WHERE seq = 2")
	cp "$TMP/pristine.db" "$dir/src.db"
	for i in $(seq 1 "$len"); do
		c="unicode(substr($col, $i, 1))"
		flip="UPDATE audit_log SET $col = substr($col, 1, $i - 1) || char(($c | 1) - ($c & 1)) || substr($col, $i + 1) WHERE seq = 2;"
		echo "$flip VACUUM INTO '$dir/$i.db'; $flip"
	done | sqlite3 "$dir/src.db"
	for i in $(seq 1 "$len"); do
		vout=$("$ATTEST" --db "$dir/$i.db" audit verify --key "$pk" 2>&1)
		vrc=$?
		if [ "$vrc" -eq 1 ] && printf '%s' "$vout" | grep -q "^FAILED at entry 2:"; then
			echo ok
		else
			echo "$col byte $i: rc $vrc: $vout" | head -1
		fi
	done > "$TMP/flip-$col.out"
}

pk=$("$ATTEST" --db "$db" audit pubkey)
cols="time actor verb kind entity_id new_json prev_hash hash"
for col in $cols; do
	flip_column "$col" &
done
wait
total=$(cat "$TMP"/flip-*.out | wc -l)
fails=$(cat "$TMP"/flip-*.out | grep -vc '^ok$')
cat "$TMP"/flip-*.out | grep -v '^ok$' | head -3 | sed 's/^/# /'
ok "[ $total -gt 300 ]" "entry 2 has $total stored bytes"
is "$fails" "0" "each of the $total byte flips makes verify exit 1 naming entry 2"

tamper "DELETE FROM audit_log WHERE seq = 2"
is "$vrc" "1" "a deleted entry fails verification"
like "$vout" "^FAILED at entry 2: entry 2 is missing" "the deleted entry is named"

tamper "DELETE FROM audit_log WHERE seq = 3"
like "$vout" "^FAILED at entry 3: entry 3 is missing" \
	"deleting the newest entry is caught by the checkpoint that covers it"

tamper "CREATE TEMP TABLE x AS SELECT * FROM audit_log WHERE seq IN (2, 3);
UPDATE audit_log SET (time, actor, verb, kind, entity_id, new_json, old_json, prev_hash, hash) =
  (SELECT time, actor, verb, kind, entity_id, new_json, old_json, prev_hash, hash FROM x WHERE x.seq = 5 - audit_log.seq)
  WHERE seq IN (2, 3);"
is "$vrc" "1" "swapping two entries fails verification"
like "$vout" "^FAILED at entry 2:" "the first swapped entry is named"

tamper "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 2;
UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100;
INSERT INTO audit_log SELECT 2, time, actor, verb, kind, '99', new_json, old_json, hash, hash FROM audit_log WHERE seq = 1;"
is "$vrc" "1" "an inserted entry fails verification"
like "$vout" "^FAILED at entry 2:" "the inserted entry is named"

tamper "UPDATE audit_log SET seq = 7 WHERE seq = 3"
like "$vout" "^FAILED at entry 3: entry 3 is missing" "a gap in the numbering is named"

tamper "UPDATE audit_checkpoints SET signature = substr(signature, 1, 10) || (CASE substr(signature, 11, 1) WHEN '0' THEN '1' ELSE '0' END) || substr(signature, 12)"
is "$vrc" "1" "a forged checkpoint signature fails verification"
like "$vout" "^FAILED: the checkpoint of 3 entries .* is not signed by this log's key" \
	"the checkpoint is named"

tamper "UPDATE audit_checkpoints SET tree_size = 2"
like "$vout" "^FAILED: the checkpoint of 2 entries" "a checkpoint with its size changed is refused"

# Records changed or added outside the log.
tamper "UPDATE jurisdictions SET name = 'Oregon Territory' WHERE id = '41'"
is "$vrc" "1" "a record changed outside the log fails verification"
like "$vout" "^FAILED at entry 2: jurisdiction \"41\" differs from its newest audit entry 2" \
	"the record and its entry are named"
tamper "INSERT INTO jurisdictions (id, name, kind) VALUES ('32', 'Nevada', 'state')"
like "$vout" "^FAILED: jurisdiction \"32\" has no audit entry" \
	"a record inserted outside the log is named"
tamper "UPDATE jurisdictions SET name = name WHERE 0"
like "$vout" "3 records match their newest audit entries" "an untouched copy verifies its records"

# Verifying with a public key only (an auditor without the secret key).
mv "$db.key" "$TMP/secret.key"
out=$("$ATTEST" --db "$db" audit verify --key "$pk")
ok "[ $? -eq 0 ]" "verify --key PUBKEY checks the log without the secret key"
other=$(printf '%064d' 0 | tr 0 1)
"$ATTEST" --db "$db" audit verify --key "$other" >/dev/null
is "$?" "1" "under another public key the checkpoints do not verify"
mv "$TMP/secret.key" "$db.key"

done_testing
