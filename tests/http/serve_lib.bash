# SPDX-License-Identifier: ISC
# Helpers for the web server's integration tests (tests/cli/07*-*.sh).
# Source tests/cli/lib.sh first, then this file.

# The web tests serve a SQLite demo database of their own, so the
# PostgreSQL pass of make check (ATTEST_TEST_DB_URL set) would only
# repeat them.
if [ -n "${ATTEST_TEST_DB_URL:-}" ]; then
	skip_all "the web tests run on the SQLite pass"
fi

ATLAS_FILE=${ATTEST_ATLAS:-$AT_SRC/build/npm/node_modules/us-atlas/counties-albers-10m.json}
SERVE_PID=

serve_cleanup() {
	if [ -n "$SERVE_PID" ]; then
		kill -TERM "$SERVE_PID" 2>/dev/null
		wait "$SERVE_PID" 2>/dev/null
	fi
	rm -rf "$TMP"
}
trap serve_cleanup EXIT

# demo_db PATH: the demo database with one user per role; needs us-atlas.
demo_db() {
	[ -f "$ATLAS_FILE" ] || skip_all "us-atlas not installed (run make)"
	ATTEST_ATLAS="$ATLAS_FILE" "$ATTEST" --db "$1" demo --force \
		>/dev/null 2>&1 || return 1
	echo "admin-pass-1" | "$ATTEST" --db "$1" user add ada --role admin >/dev/null &&
	echo "review-pass-1" | "$ATTEST" --db "$1" user add rev --role reviewer >/dev/null &&
	echo "approve-pass-1" | "$ATTEST" --db "$1" user add apr --role approver >/dev/null &&
	echo "recip-pass-1" | "$ATTEST" --db "$1" user add chi --role recipient \
		--jurisdiction 1714000 >/dev/null
}

# serve_start DB [ARGS...]: start attest serve on a free port; sets URL.
serve_start() {
	local db=$1
	shift
	ATTEST_ATLAS="$ATLAS_FILE" "$ATTEST" --db "$db" serve \
		--listen 127.0.0.1:0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.log" &
	SERVE_PID=$!
	for _i in $(seq 400); do
		grep -q '^attest: serving' "$TMP/serve.out" 2>/dev/null && break
		sleep 0.05
	done
	URL=$(sed -n 's|^attest: serving \(http://[^ ]*\)/$|\1|p' "$TMP/serve.out")
	[ -n "$URL" ]
}

serve_stop() {
	kill -TERM "$SERVE_PID"
	wait "$SERVE_PID"
	SERVE_STATUS=$?
	SERVE_PID=
}

# csrf_of JAR PATH: the CSRF token on a page, fetched with cookie jar JAR.
csrf_of() {
	curl -s -c "$1" -b "$1" "$URL$2" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1
}

# login JAR NAME PASSWORD: sign in; prints the status of the POST.
login() {
	local tok
	tok=$(csrf_of "$1" /login)
	curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" \
		--data-urlencode "name=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$tok" "$URL/login"
}
