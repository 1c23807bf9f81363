#!/bin/bash
# SPDX-License-Identifier: ISC
# A database attest may not write: reading commands work as usual, a
# write command fails with a clear message (exit 3) and nothing is lost
# or changed.
#   - read-only file system: a read-only bind mount in a private mount
#     namespace (root and unshare -m only);
#   - no write permission: a file and directory without write bits,
#     used by an ordinary user (as root: setpriv to nobody); SQLite cannot
#     make its WAL index there, so attest reads the file immutable;
#   - a read-only file in a directory the user may write: SQLite's own
#     read-only WAL access, with its -shm file.
. "$(dirname "$0")/../cli/lib.sh"
command -v sqlite3 >/dev/null || skip_all "no sqlite3"
[ -n "${ATTEST_TEST_DB_URL:-}" ] && skip_all "SQLite only (PostgreSQL run)"

printf 'id,name,listing,source\nP1,One,16.738,t\nP2,Two,16.739,t\n' >"$TMP/two.csv"
printf 'id,name,listing,source\nP3,Three,16.740,t\n' >"$TMP/three.csv"
chmod 755 "$TMP"
chmod 644 "$TMP"/*.csv

state() {
	sqlite3 -batch "$1" "SELECT count(*) FROM programs; SELECT count(*) FROM audit_log; PRAGMA integrity_check" | tr '\n' ' '
}
make_db() { # DIR
	mkdir -p "$1"
	"$ATTEST" --db "$1/ro.sqlite" init >/dev/null 2>&1 &&
		"$ATTEST" --db "$1/ro.sqlite" import programs "$TMP/two.csv" >/dev/null
}
write_refused() { # LABEL RC ERR
	is "$2" 3 "$1: the import fails with a storage error (exit 3)"
	like "$3" "attest import: cannot start a transaction: the database is read-only" \
		"$1: the message says the database is read-only"
}
read_works() { # LABEL RC OUT
	is "$2" 0 "$1: list works (exit 0)"
	like "$3" "P1 .*One" "$1: list shows the records"
}

# 1. Read-only file system.
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
	_n=$((_n + 1))
	echo "ok $_n # SKIP read-only mount: needs root and unshare -m"
else
	dir="$TMP/rofs"
	make_db "$dir"
	before=$(state "$dir/ro.sqlite")
	unshare -m bash -s "$ATTEST" "$dir" "$TMP" >"$TMP/rofs.out" 2>&1 <<'EOS'
ATTEST=$1 dir=$2 TMP=$3
mount --bind "$dir" "$dir" && mount -o remount,bind,ro "$dir" ||
	{ echo "mount failed"; exit 9; }
"$ATTEST" --db "$dir/ro.sqlite" import programs "$TMP/three.csv" >/dev/null 2>"$TMP/rofs.err"
echo "rc=$?"
"$ATTEST" --db "$dir/ro.sqlite" list programs >"$TMP/rofs-list.out" 2>"$TMP/rofs-list.err"
echo "list=$?"
"$ATTEST" --db "$dir/ro.sqlite" audit verify >/dev/null 2>"$TMP/rofs-verify.err"
echo "verify=$?"
"$ATTEST" --db "$dir/ro.sqlite" export programs >"$TMP/rofs-export.csv" 2>&1
echo "export=$?"
EOS
	rc=$(sed -n 's/^rc=//p' "$TMP/rofs.out")
	write_refused "read-only mount" "${rc:-999}" "$(cat "$TMP/rofs.err" 2>/dev/null)"
	lrc=$(sed -n 's/^list=//p' "$TMP/rofs.out")
	read_works "read-only mount" "${lrc:-999}" "$(cat "$TMP/rofs-list.out" "$TMP/rofs-list.err")"
	is "$(sed -n 's/^verify=//p' "$TMP/rofs.out")" 0 \
		"read-only mount: audit verify passes on the read-only database"
	is "$(sed -n 's/^export=//p' "$TMP/rofs.out")/$(wc -l <"$TMP/rofs-export.csv")" 0/3 \
		"read-only mount: export gives the header and both records"
	is "$(state "$dir/ro.sqlite")" "$before" "read-only mount: nothing changed"
	"$ATTEST" --db "$dir/ro.sqlite" audit verify >/dev/null 2>&1
	ok "[ $? -eq 0 ]" "read-only mount: audit verify passes afterwards"
fi

# 2. No write permission, as an ordinary user.
dir="$TMP/noperm"
make_db "$dir"
before=$(state "$dir/ro.sqlite")
chmod 444 "$dir/ro.sqlite"
chmod 555 "$dir"
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null; then
		as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	else
		as_user() { false; }
	fi
else
	as_user() { "$@"; }
fi
if as_user true 2>/dev/null; then
	as_user "$ATTEST" --db "$dir/ro.sqlite" import programs "$TMP/three.csv" \
		>/dev/null 2>"$TMP/np.err"
	rc=$?
	write_refused "no permission" "$rc" "$(cat "$TMP/np.err")"
	as_user "$ATTEST" --db "$dir/ro.sqlite" list programs >"$TMP/np.out" 2>&1
	read_works "no permission" "$?" "$(cat "$TMP/np.out")"
	ok "[ ! -e '$dir/ro.sqlite-wal' ] && [ ! -e '$dir/ro.sqlite-shm' ]" \
		"no permission: no -wal or -shm file appeared"
else
	_n=$((_n + 1))
	echo "ok $_n # SKIP no permission: cannot become an ordinary user"
fi
chmod 755 "$dir"
chmod 644 "$dir/ro.sqlite"
is "$(state "$dir/ro.sqlite")" "$before" "no permission: nothing changed"
"$ATTEST" --db "$dir/ro.sqlite" import programs "$TMP/three.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "no permission: writable again, the import succeeds"
"$ATTEST" --db "$dir/ro.sqlite" audit verify >/dev/null 2>&1
ok "[ $? -eq 0 ]" "no permission: audit verify passes afterwards"

# 3. A read-only file in a directory the user may write.
dir="$TMP/rofile"
make_db "$dir"
before=$(state "$dir/ro.sqlite")
chmod 444 "$dir/ro.sqlite"
chmod 777 "$dir"
if as_user true 2>/dev/null; then
	as_user "$ATTEST" --db "$dir/ro.sqlite" list programs >"$TMP/rf.out" 2>&1
	read_works "read-only file" "$?" "$(cat "$TMP/rf.out")"
	as_user "$ATTEST" --db "$dir/ro.sqlite" import programs "$TMP/three.csv" \
		>/dev/null 2>"$TMP/rf.err"
	write_refused "read-only file" "$?" "$(cat "$TMP/rf.err")"
else
	_n=$((_n + 1))
	echo "ok $_n # SKIP read-only file: cannot become an ordinary user"
fi
chmod 755 "$dir"
chmod 644 "$dir/ro.sqlite"
is "$(state "$dir/ro.sqlite")" "$before" "read-only file: nothing changed"
"$ATTEST" --db "$dir/ro.sqlite" import programs "$TMP/three.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "read-only file: writable again, the import succeeds"
done_testing
