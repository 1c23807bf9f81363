#!/bin/bash
# A change and its audit entry commit or fail together: a trigger in a
# test database makes the audit insert fail (a failure injected between
# the record's insert and its entry's), and the import leaves neither
# records nor entries behind; the other way round, a record insert that
# fails leaves no entry.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "no sqlite3 shell"
command -v jq >/dev/null || skip_all "no jq"

db=$TMP/log.db
printf 'id,name,kind,parent,source\n06,California,state,,test\n41,Oregon,state,,test\n' > "$TMP/a.csv"
printf 'id,name,kind,parent,source\n53,Washington,state,,test\n32,Nevada,state,,test\n' > "$TMP/b.csv"
"$ATTEST" --db "$db" init >/dev/null 2>&1
"$ATTEST" --db "$db" import jurisdictions "$TMP/a.csv" >/dev/null
entries() { sqlite3 "$db" "SELECT count(*) FROM audit_log"; }
is "$(entries)" "2" "two records, two entries"

# The audit insert fails on the third entry, after the third record's
# own insert succeeded inside the same transaction.
sqlite3 "$db" "CREATE TRIGGER inject BEFORE INSERT ON audit_log WHEN NEW.seq = 3 BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;"
err=$("$ATTEST" --db "$db" import jurisdictions "$TMP/b.csv" 2>&1)
ok "[ $? -ne 0 ]" "the import fails when its audit entry cannot be written"
like "$err" "nothing was imported" "and says nothing was imported"
is "$(count jurisdictions "$db")" "2" "the record whose entry failed is absent"
is "$(sqlite3 "$db" "SELECT count(*) FROM jurisdictions WHERE id IN ('53', '32')")" "0" \
	"neither new record is stored"
is "$(entries)" "2" "no entry is stored either"
"$ATTEST" --db "$db" audit verify >/dev/null
is "$?" "0" "the log still verifies"

# The record's insert fails: no entry is left for it.
sqlite3 "$db" "DROP TRIGGER inject; CREATE TRIGGER inject BEFORE INSERT ON jurisdictions WHEN NEW.id = '32' BEGIN SELECT RAISE(ABORT, 'injected record failure'); END;"
"$ATTEST" --db "$db" import jurisdictions "$TMP/b.csv" >/dev/null 2>&1
ok "[ $? -ne 0 ]" "the import fails when a record cannot be written"
is "$(entries)" "2" "the entry of the record before it is rolled back too"
is "$(count jurisdictions "$db")" "2" "and so is that record"

sqlite3 "$db" "DROP TRIGGER inject"
"$ATTEST" --db "$db" import jurisdictions "$TMP/b.csv" >/dev/null
ok "[ $? -eq 0 ]" "without the fault the import succeeds"
is "$(count jurisdictions "$db"):$(entries)" "4:4" "records and entries arrive together"
out=$("$ATTEST" --db "$db" audit verify)
like "$out" "^ok: 4 entries" "the log verifies"
like "$out" "the newest covers 4 entries" "and the import was checkpointed"

# The audit log refuses updates and deletes by itself.
err=$(sqlite3 "$db" "UPDATE audit_log SET actor = 'x' WHERE seq = 1" 2>&1)
like "$err" "append-only" "the audit log refuses an UPDATE"
err=$(sqlite3 "$db" "DELETE FROM audit_checkpoints" 2>&1)
like "$err" "append-only" "the checkpoints refuse a DELETE"

done_testing
