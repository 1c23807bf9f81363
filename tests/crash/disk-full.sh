#!/bin/bash
# SPDX-License-Identifier: ISC
# A full disk while attest writes: the write fails with a storage error
# (exit 3) and a message, nothing of it is stored, the data written
# before is intact (integrity_check, counts, audit verify), and once
# there is room again the same import succeeds.
#
# Two ways to fill the disk, neither needing LD_PRELOAD:
#   - RLIMIT_FSIZE (ulimit -f) with SIGXFSZ ignored, so write(2) fails
#     with EFBIG once a file would grow past the limit: works anywhere;
#   - a real ENOSPC on a 1 MiB tmpfs mounted in a private mount
#     namespace (unshare -m): only as root, skipped elsewhere.
. "$(dirname "$0")/../cli/lib.sh"
command -v sqlite3 >/dev/null || skip_all "no sqlite3"
[ -n "${ATTEST_TEST_DB_URL:-}" ] && skip_all "SQLite only (PostgreSQL run)"

programs_csv() { # PREFIX ROWS
	echo "id,name,listing,federal_agency,source"
	for ((i = 1; i <= $2; i++)); do
		printf '%s-%d,Program %d with a name long enough to fill pages,16.%03d,Bureau of Justice Assistance,disk test\n' \
		    "$1" "$i" "$i" $((i % 1000))
	done
}
programs_csv S 50 >"$TMP/small.csv"
programs_csv B 3000 >"$TMP/big.csv"

# state DB: "programs audit_entries integrity"
state() {
	sqlite3 -batch "$1" "SELECT count(*) FROM programs; SELECT count(*) FROM audit_log; PRAGMA integrity_check" | tr '\n' ' '
}

# 1. RLIMIT_FSIZE.
db="$TMP/fsize.sqlite"
"$ATTEST" --db "$db" init >/dev/null 2>&1
"$ATTEST" --db "$db" import programs "$TMP/small.csv" >/dev/null
ok "[ $? -eq 0 ]" "fsize: the small import fits"
before=$(state "$db")
limit=$(($(stat -c %s "$db") / 1024 + 64)) # KiB: room for 64 more
(
	trap '' XFSZ
	ulimit -f "$limit"
	exec "$ATTEST" --db "$db" import programs "$TMP/big.csv"
) >"$TMP/out" 2>"$TMP/err"
rc=$?
is "$rc" 3 "fsize: the import that does not fit exits 3 (storage error)"
# EFBIG reaches SQLite as a failed write (SQLITE_IOERR_WRITE).
like "$(cat "$TMP/err")" "attest import: commit failed: sqlite: disk I/O error" \
	"fsize: it says the commit failed, and SQLite's reason"
like "$(cat "$TMP/err")" "nothing was imported" "fsize: it says nothing was imported"
is "$(state "$db")" "$before" "fsize: records, audit log and integrity as before"
"$ATTEST" --db "$db" audit verify >/dev/null 2>&1
ok "[ $? -eq 0 ]" "fsize: audit verify passes"
"$ATTEST" --db "$db" import programs "$TMP/big.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "fsize: with room again the same import succeeds"
is "$(sqlite3 "$db" 'SELECT count(*) FROM programs')" 3050 "fsize: all 3,050 records are there"
"$ATTEST" --db "$db" audit verify >/dev/null 2>&1
ok "[ $? -eq 0 ]" "fsize: audit verify passes after the retry"

# 2. A real full file system.
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
	_n=$((_n + 1))
	echo "ok $_n # SKIP tmpfs: needs root and unshare -m"
else
	mnt="$TMP/mnt"
	mkdir -p "$mnt"
	# One shell in a private mount namespace: the tmpfs vanishes with it.
	unshare -m bash -s "$ATTEST" "$mnt" "$TMP" >"$TMP/tmpfs.out" 2>&1 <<'EOS'
ATTEST=$1 mnt=$2 TMP=$3
mount -t tmpfs -o size=1m tmpfs "$mnt" || { echo "mount failed"; exit 9; }
db="$mnt/full.sqlite"
"$ATTEST" --db "$db" init >/dev/null 2>&1 || { echo "init failed"; exit 9; }
"$ATTEST" --db "$db" import programs "$TMP/small.csv" >/dev/null || exit 9
st() { sqlite3 -batch "$db" "SELECT count(*) FROM programs; SELECT count(*) FROM audit_log; PRAGMA integrity_check" | tr '\n' ' '; }
before=$(st)
"$ATTEST" --db "$db" import programs "$TMP/big.csv" >/dev/null 2>"$TMP/err2"
echo "rc=$?"
echo "err=$(tr '\n' ' ' <"$TMP/err2")"
after=$(st)
[ "$before" = "$after" ] && echo "same=yes" || echo "same=no: $before / $after"
"$ATTEST" --db "$db" audit verify >/dev/null 2>&1 && echo "verify=ok"
# A later small write still works when it fits.
printf 'id,name,listing,source\nP1,One,16.738,t\n' >"$TMP/one.csv"
"$ATTEST" --db "$db" import programs "$TMP/one.csv" >/dev/null 2>&1 && echo "later=ok"

EOS
	out=$(cat "$TMP/tmpfs.out")
	like "$out" "rc=3" "tmpfs: the import that does not fit exits 3"
	like "$out" "err=attest import: commit failed: sqlite: database or disk is full" \
		"tmpfs: it says the commit failed because the disk is full"
	like "$out" "same=yes" "tmpfs: records, audit log and integrity as before"
	like "$out" "verify=ok" "tmpfs: audit verify passes"
	like "$out" "later=ok" "tmpfs: a small write that fits still succeeds"
fi
done_testing
