# SPDX-License-Identifier: ISC
# Helpers for the web server's integration tests (tests/cli/07*-*.sh).
# Source tests/cli/lib.sh first, then this file.

# Each test serves a demo database of its own: an SQLite file, or on the
# PostgreSQL pass of make check (ATTEST_TEST_DB_URL set, tests/pg/run.sh)
# a PostgreSQL database copied from a demo template that the first test
# to need it loads once for the whole cluster.

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

# demo_load DB: load the demo and one user per role into DB.
demo_load() {
	ATTEST_ATLAS="$ATLAS_FILE" "$ATTEST" --db "$1" demo --force \
		>/dev/null 2>&1 || return 1
	echo "admin-pass-1" | "$ATTEST" --db "$1" user add ada --role admin >/dev/null &&
	echo "review-pass-1" | "$ATTEST" --db "$1" user add rev --role reviewer >/dev/null &&
	echo "approve-pass-1" | "$ATTEST" --db "$1" user add apr --role approver >/dev/null &&
	echo "recip-pass-1" | "$ATTEST" --db "$1" user add chi --role recipient \
		--jurisdiction 1714000 >/dev/null
}

# pg_url NAME: the URL of database NAME on the test cluster.
pg_url() {
	echo "postgresql:///$1?host=$PGHOST&port=${PGPORT:-5432}&user=${PGUSER:-postgres}"
}

# demo_pg: a new PostgreSQL database copied from the cluster's demo
# template (CREATE DATABASE ... TEMPLATE, a file copy: well under a
# second where loading takes several).  The template is loaded once,
# under a lock, by whichever test comes first; its signing key is kept
# beside it and copied to this test's ATTEST_KEY.
demo_pg() {
	local bindir=${AT_PG_BINDIR:-/usr/lib/postgresql/15/bin}
	local tpl=attest_demo_template name
	name=attest_demo_$$_$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
	(
		flock 9 || exit 1
		if [ ! -f "$PGHOST/demo-template.done" ]; then
			"$bindir/dropdb" --if-exists "$tpl" >/dev/null 2>&1
			"$bindir/createdb" "$tpl" || exit 1
			ATTEST_KEY="$PGHOST/demo-template.key" demo_load "$(pg_url "$tpl")" ||
				exit 1
			touch "$PGHOST/demo-template.done"
		fi
		# Copies are made under the lock too: a template must have
		# no other session while it is copied.
		"$bindir/createdb" -T "$tpl" "$name"
	) 9>"$PGHOST/demo-template.lock" || return 1
	cp "$PGHOST/demo-template.key" "$ATTEST_KEY" || return 1
	DB=$(pg_url "$name")
	echo "# on PostgreSQL: database $name, a copy of $tpl"
}

# demo_db [PATH]: sets DB to a demo database with one user per role (ada
# admin, rev reviewer, apr approver, chi recipient of Chicago): the
# SQLite file PATH (default $TMP/demo.db), or on the PostgreSQL pass a
# copy of the template.  Needs us-atlas.
demo_db() {
	[ -f "$ATLAS_FILE" ] || skip_all "us-atlas not installed (run make)"
	if [ -n "${ATTEST_TEST_DB_URL:-}" ] && [ -n "${PGHOST:-}" ] &&
	    command -v fresh_pg_db >/dev/null 2>&1; then
		demo_pg
	else
		DB=${1:-$TMP/demo.db}
		echo "# on SQLite: $DB"
		demo_load "$DB"
	fi
}

# on_pg: true on the PostgreSQL pass.
on_pg() {
	case $DB in postgres*) return 0 ;; *) return 1 ;; esac
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
