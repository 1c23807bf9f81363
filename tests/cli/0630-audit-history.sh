#!/bin/bash
# attest audit log [--entity KIND ID] [--since DATE], attest show KIND ID
# --history and --known-on DATE.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"

db=$TMP/log.db
printf 'id,name,kind,parent,source\n06,California,state,,test\n41,Oregon,state,,test\n' > "$TMP/a.csv"
printf 'id,name,kind,parent,source\n06037,Los Angeles County,county,06,test\n' > "$TMP/b.csv"
"$ATTEST" --db "$db" init >/dev/null 2>&1
"$ATTEST" --db "$db" import jurisdictions "$TMP/a.csv" --actor alice >/dev/null
"$ATTEST" --db "$db" import jurisdictions "$TMP/b.csv" --actor bob >/dev/null
today=$(date -u +%F)
yesterday=$(date -u -d yesterday +%F)
tomorrow=$(date -u -d tomorrow +%F)

out=$("$ATTEST" --db "$db" audit log)
is "$(printf '%s\n' "$out" | wc -l)" "3" "audit log lists every entry"
like "$out" "^1	${today}T[0-9:]{8}Z	alice	insert	jurisdictions	06" "each line: seq, time, actor, verb, kind, id"
out=$("$ATTEST" --db "$db" audit log --entity jurisdictions 06037)
is "$(printf '%s\n' "$out" | cut -f1,3)" "3	bob" "--entity shows one record's entries"
is "$("$ATTEST" --db "$db" audit log --since "$tomorrow" | wc -c)" "0" "--since a later day shows nothing"
is "$("$ATTEST" --db "$db" audit log --since "$today" | wc -l)" "3" "--since today shows all"
is "$("$ATTEST" --db "$db" audit log --json | jq -r '.[1].entity_id')" "41" "--json gives the entries as JSON"
"$ATTEST" --db "$db" audit log --since 2026-02-30 >/dev/null 2>&1
is "$?" "2" "a bad date is a usage error"

out=$("$ATTEST" --db "$db" show jurisdiction 06037 --history)
like "$out" "^#3 ${today}T[0-9:]{8}Z bob insert" "--history names the entry, time, actor and verb"
like "$out" "name: Los Angeles County" "and the values it set"
is "$("$ATTEST" --db "$db" show jurisdiction 06 --history --json | jq -r '.[0].actor + " " + .[0].new.name')" \
	"alice California" "--history --json"
"$ATTEST" --db "$db" show jurisdiction 99 --history >/dev/null 2>&1
is "$?" "2" "--history of an unknown record is a usage error"

out=$("$ATTEST" --db "$db" show jurisdiction 06037 --known-on "$today")
ok "[ $? -eq 0 ]" "--known-on today finds the record"
like "$out" "as known on $today: audit entry 3" "and says which entry it comes from"
like "$out" "name +Los Angeles County" "with its fields"
"$ATTEST" --db "$db" show jurisdiction 06037 --known-on "$yesterday" >/dev/null 2>&1
is "$?" "2" "a record was not known before it was recorded"
is "$("$ATTEST" --db "$db" show jurisdiction 06 --known-on "$today" --json | jq -r .name)" "California" \
	"--known-on --json gives the recorded values"

done_testing
