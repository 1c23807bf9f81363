#!/bin/bash
# SPDX-License-Identifier: ISC
# A database attest may not write: a write command fails with a clear
# message and a non-signal exit, and nothing is lost or changed.
#   - read-only file system: a read-only bind mount in a private mount
#     namespace (root and unshare -m only);
#   - no write permission: a file and directory without write bits,
#     used by an ordinary user (as root: setpriv to nobody).
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
	ok "[ $2 -ne 0 ] && [ $2 -lt 128 ]" "$1: the import fails without a crash (exit $2)"
	like "$3" "attest import: .*(read-only|readonly|permission|denied|cannot|unable)" \
		"$1: the message says why"
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
"$ATTEST" --db "$dir/ro.sqlite" list programs >/dev/null 2>"$TMP/rofs-list.err"
echo "list=$?"
EOS
	rc=$(sed -n 's/^rc=//p' "$TMP/rofs.out")
	write_refused "read-only mount" "${rc:-999}" "$(cat "$TMP/rofs.err" 2>/dev/null)"
	lrc=$(sed -n 's/^list=//p' "$TMP/rofs.out")
	ok "[ ${lrc:-999} -lt 128 ]" "read-only mount: list does not crash (exit ${lrc:-?})"
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
	as_user "$ATTEST" --db "$dir/ro.sqlite" list programs >/dev/null 2>&1
	lrc=$?
	ok "[ $lrc -lt 128 ]" "no permission: list does not crash (exit $lrc)"
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
done_testing
