# SPDX-License-Identifier: ISC
# Helpers for the integration tests: TAP output and temporary databases.
# Source it: . "$(dirname "$0")/lib.sh"

: "${ATTEST:?ATTEST must name the attest binary}"
: "${AT_SRC:?AT_SRC must name the source tree}"
AT_SHARED=${AT_SHARED:-$AT_SRC/../shared}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/attest-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_n=0
_failed=0

# ok COND DESCRIPTION: COND is evaluated as a shell command.
ok() {
	_n=$((_n + 1))
	if eval "$1" >/dev/null 2>&1; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		echo "#   failed: $1"
		_failed=$((_failed + 1))
	fi
}

# is GOT WANT DESCRIPTION
is() {
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $_n - $3"
	else
		echo "not ok $_n - $3"
		echo "#   got:  '$1'"
		echo "#   want: '$2'"
		_failed=$((_failed + 1))
	fi
}

# like TEXT PATTERN DESCRIPTION (grep -E)
like() {
	_n=$((_n + 1))
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		echo "ok $_n - $3"
	else
		echo "not ok $_n - $3"
		echo "#   text: $(printf '%s' "$1" | head -c 400)"
		echo "#   does not match: $2"
		_failed=$((_failed + 1))
	fi
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# A fresh database URL: a new SQLite file, or, when ATTEST_TEST_DB_URL
# names a PostgreSQL server, whatever fresh_pg_db (tests/pg) provides.
fresh_db() {
	if [ -n "${ATTEST_TEST_DB_URL:-}" ] && command -v fresh_pg_db >/dev/null 2>&1; then
		fresh_pg_db
	else
		mktemp "$TMP/db.XXXXXX.sqlite" --dry-run
	fi
}

# On the PostgreSQL run (make check's second pass, tests/pg/run.sh) a
# database keeps no signing key beside it, so signing commands use this
# test's own key file; a test about the SQLite key file unsets it.
if [ -n "${ATTEST_TEST_DB_URL:-}" ] && [ -z "${ATTEST_KEY:-}" ]; then
	export ATTEST_KEY="$TMP/audit.key"
fi

# count KIND DB: number of records of KIND.
count() {
	"$ATTEST" --db "$2" list "$1" --json | jq length
}
