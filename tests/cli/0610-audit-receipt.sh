#!/bin/bash
# attest audit proof / verify-receipt: a receipt verifies with only the
# public key, after the database is gone; receipts with a changed path,
# leaf, signature, size or index are each refused.  Also pubkey, the
# key file's mode, consistency proofs and checkpoint.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"

unset ATTEST_KEY # this test is about the key file beside a SQLite database
db=$TMP/log.db
printf 'id,name,kind,parent,source\n06,California,state,,test\n41,Oregon,state,,test\n53,Washington,state,,test\n' > "$TMP/states.csv"
printf 'id,name,kind,parent,source\n06037,Los Angeles County,county,06,test\n41051,Multnomah County,county,41,test\n' > "$TMP/counties.csv"
out=$("$ATTEST" --db "$db" init 2>&1)
ok "[ $? -eq 0 ]" "init succeeds"
like "$out" "created the audit signing key $db.key" "init creates the signing key next to the database"
is "$(stat -c %a "$db.key")" "600" "the key file is readable by its owner only"
"$ATTEST" --db "$db" import jurisdictions "$TMP/states.csv" >/dev/null
"$ATTEST" --db "$db" import jurisdictions "$TMP/counties.csv" >/dev/null
pk=$("$ATTEST" --db "$db" audit pubkey)
like "$pk" "^[0-9a-f]{64}$" "audit pubkey prints the public key as hex"

"$ATTEST" --db "$db" audit proof 4 --out "$TMP/r.json" 2>/dev/null
ok "[ $? -eq 0 ]" "audit proof writes a receipt"
is "$(jq -r '.entry.seq, .entry.entity_id, .leaf_index, .checkpoint.tree_size' "$TMP/r.json" | tr '\n' ' ')" \
	"4 06037 3 5 " "the receipt holds the entry, its leaf index and the checkpoint's size"

# Offline: only the receipt and the public key.
mkdir "$TMP/away"
mv "$db" "$db.key" "$TMP/away/"
rm -f "$db-wal" "$db-shm"
echo "$pk" > "$TMP/pub.txt"
out=$("$ATTEST" audit verify-receipt "$TMP/r.json" --key "$pk")
is "$?" "0" "the receipt verifies with only the public key, no database"
like "$out" "^ok: entry 4 \\(insert jurisdictions 06037" "it says which entry it proves"
"$ATTEST" audit verify-receipt "$TMP/r.json" --key "$TMP/pub.txt" >/dev/null
is "$?" "0" "the public key may be given as a file"
ok "[ ! -e '$db' ]" "no database was created by verifying"

# refused JQ-FILTER DESCRIPTION: the receipt changed by jq is refused.
refused() {
	jq "$1" "$TMP/r.json" > "$TMP/bad.json"
	out=$("$ATTEST" audit verify-receipt "$TMP/bad.json" --key "$pk" 2>&1)
	rc=$?
	is "$rc" "1" "$2: refused (exit 1)"
	like "$out" "REFUSED" "$2: says REFUSED"
}
flip='def flip: (.[0:1] | if . == "0" then "1" else "0" end) + .[1:];'
refused "$flip .audit_path[0] |= flip" "a changed audit path hash"
refused "$flip .audit_path[-1] |= flip" "a changed last path hash"
refused '.audit_path |= .[1:]' "a shortened audit path"
refused '.entry.entity_id = "06038"' "a changed leaf (entry field)"
refused '.entry.new_json |= sub("Los Angeles"; "Las Vegas")' "a changed leaf (entry values)"
refused "$flip .entry.hash |= flip" "a changed leaf hash"
refused "$flip .checkpoint.signature |= flip" "a changed signature"
refused '.checkpoint.tree_size = 4' "a smaller tree size"
refused '.checkpoint.tree_size = 6' "a larger tree size"
refused "$flip .checkpoint.root |= flip" "a changed root"
refused '.leaf_index = 2' "a changed leaf index"
refused '.entry.seq = 3 | .leaf_index = 2' "a changed entry number"
other=$(printf '%064d' 0 | tr 0 2)
"$ATTEST" audit verify-receipt "$TMP/r.json" --key "$other" >/dev/null 2>&1
is "$?" "1" "another public key is refused"
"$ATTEST" audit verify-receipt "$TMP/r.json" --key nothex >/dev/null 2>&1
is "$?" "2" "a malformed public key is a usage error"

mv "$TMP/away/log.db" "$TMP/away/log.db.key" "$TMP/"

# Consistency: the first 3 entries are a prefix of all 5.
out=$("$ATTEST" --db "$db" audit consistency 3 5)
ok "[ $? -eq 0 ]" "audit consistency 3 5 succeeds"
is "$(printf '%s' "$out" | jq -r '.old_size, .new_size' | tr '\n' ' ')" "3 5 " "it names both sizes"
is "$(printf '%s' "$out" | jq -r .new_root)" \
	"$("$ATTEST" --db "$db" audit verify | sed -n 's/^ok: 5 entries, root //p')" \
	"its new root is the root verify computes"
is "$(printf '%s' "$out" | jq -r .old_root)" \
	"$(sqlite3 "$db" 'SELECT root_hash FROM audit_checkpoints WHERE tree_size = 3')" \
	"its old root is the one the first import's checkpoint signed"
like "$(printf '%s' "$out" | jq -r .old_checkpoint.signature)" "^[0-9a-f]{128}$" \
	"the old size's signed checkpoint comes with the proof"
printf '%s' "$out" > "$TMP/c.json"
out=$("$ATTEST" audit verify-consistency "$TMP/c.json" --key "$pk")
is "$?" "0" "the consistency proof verifies offline with the public key"
like "$out" "signed: old root yes" "and the old root's signature is checked"
jq '.proof[0] |= (.[0:1] | if . == "0" then "1" else "0" end) + .[1:]' "$TMP/c.json" > "$TMP/c2.json"
"$ATTEST" audit verify-consistency "$TMP/c2.json" --key "$pk" >/dev/null
is "$?" "1" "a changed consistency proof is refused"
jq '.old_checkpoint.time = "2000-01-01T00:00:00Z"' "$TMP/c.json" > "$TMP/c3.json"
"$ATTEST" audit verify-consistency "$TMP/c3.json" --key "$pk" >/dev/null
is "$?" "1" "a changed checkpoint with the proof is refused"
"$ATTEST" --db "$db" audit consistency 4 9 >/dev/null 2>&1
is "$?" "2" "a size beyond the log is a usage error"

# A write command that signs nothing itself is checkpointed after it.
echo "password-of-bob" | "$ATTEST" --db "$db" user add bob --role reviewer >/dev/null 2>&1
if [ $? -eq 0 ]; then
	like "$("$ATTEST" --db "$db" audit verify)" "the newest covers 6 entries" \
		"a command that grew the log gets a checkpoint after it"
fi

out=$("$ATTEST" --db "$db" audit checkpoint)
like "$out" "^current checkpoint: [56] entries" "audit checkpoint reports the current checkpoint"

# The key file must be the owner's alone.
chmod 644 "$db.key"
err=$("$ATTEST" --db "$db" audit pubkey 2>&1)
is "$?" "2" "a key file others can read is refused"
like "$err" "accessible by group or others" "the refusal says why"
err=$("$ATTEST" --db "$db" import jurisdictions "$TMP/states.csv" 2>&1)
ok "[ $? -ne 0 ]" "a write command fails when it cannot sign"
chmod 600 "$db.key"
"$ATTEST" --db "$db" audit proof 1 --key /nonexistent/key >/dev/null 2>&1
is "$?" "2" "proof with a missing key file is a usage error"

done_testing
