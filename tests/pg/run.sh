#!/bin/sh
# SPDX-License-Identifier: ISC
#
# usage: tests/pg/run.sh COMMAND [ARG...]
#
# Run COMMAND with a throw-away PostgreSQL cluster: initdb into a fresh
# temporary directory, listen only on a Unix socket inside it, create the
# database "attest", export where it is, run COMMAND, and stop the
# cluster and remove the directory on exit, whatever COMMAND returned.
# Exits with COMMAND's status (or 3 if the cluster cannot be started).
#
# COMMAND sees:
#   AT_TEST_PG_URL, ATTEST_TEST_DB_URL  postgresql:///attest?host=DIR
#   PGHOST PGPORT PGUSER PGDATABASE      so psql/createdb reach it too
#   AT_PG_BINDIR                         initdb, pg_ctl, createdb, psql
#   PATH                                 with fresh_pg_db, which creates
#                                        an empty database, prints its URL
#
# The server binaries come from $PG_BINDIR, else the newest
# /usr/lib/postgresql/*/bin (Debian's postgresql package; version 15 on
# Debian 12).  initdb refuses to run as root, so as root the cluster runs
# as the "postgres" system user (created by that package) and the
# directory is handed to it; the tests still run as root and connect
# over the socket as database user "postgres" (trust authentication,
# which is safe only because the socket directory is private).
# Durability is off (fsync, synchronous_commit): this cluster is thrown
# away.
set -u

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && bindir=$d
	done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "tests/pg/run.sh: no PostgreSQL server binaries" \
	    "(apt-get install postgresql, or set PG_BINDIR)" >&2
	exit 3
fi
[ $# -gt 0 ] || { echo "usage: tests/pg/run.sh COMMAND [ARG...]" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/attest-pg.XXXXXX") || exit 3
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	owner=${PG_TEST_USER:-postgres}
	if ! id "$owner" >/dev/null 2>&1; then
		echo "tests/pg/run.sh: running as root needs the system user" \
		    "$owner to run the cluster" >&2
		rm -rf "$dir"
		exit 3
	fi
	chown "$owner" "$dir"
	chmod 700 "$dir"
	as_owner() { runuser -u "$owner" -- "$@"; }
fi

stop() {
	as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop \
	    >/dev/null 2>&1
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=5432
if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust \
    -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
	echo "tests/pg/run.sh: initdb failed:" >&2
	cat "$dir/initdb.log" >&2
	exit 3
fi
if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -t 60 -o "-c listen_addresses= -k $dir -p $port -c fsync=off \
	-c synchronous_commit=off -c full_page_writes=off \
	-c max_connections=300 -c shared_buffers=64MB" \
    start >/dev/null 2>&1; then
	echo "tests/pg/run.sh: the server did not start:" >&2
	cat "$dir/server.log" >&2
	exit 3
fi

export PGHOST="$dir" PGPORT=$port PGUSER=postgres PGDATABASE=attest
export AT_PG_BINDIR="$bindir"
# fresh_pg_db: a new empty database per call (tests/cli/lib.sh fresh_db).
PATH="$(cd "$(dirname "$0")" && pwd):$PATH"
export PATH
if ! "$bindir/createdb" attest; then
	echo "tests/pg/run.sh: createdb failed" >&2
	exit 3
fi
export AT_TEST_PG_URL="postgresql:///attest?host=$dir&port=$port&user=postgres"
export ATTEST_TEST_DB_URL="$AT_TEST_PG_URL"

"$@"
