#!/bin/bash
# SPDX-License-Identifier: ISC
#
# usage: bench/bench_backends.sh [BUILD_DIR]     (default: build)
#
# The import and web benchmarks on SQLite and on PostgreSQL side by side,
# in one run, on the same machine and data.  PostgreSQL is a throw-away
# cluster from tests/pg/run.sh (fsync off: these numbers measure attest
# and the protocol, not a disk).  Knobs: BENCH_ROWS (records to import,
# default 5000), BENCH_SECONDS (per web run, default 5), BENCH_CLIENTS
# (concurrent connections, default 4).
#
# Import: `attest import` of BENCH_ROWS programs (one transaction; one
# audit entry per record), and `attest copy` of the result into a new
# database (bulk mode: on PostgreSQL every insert streams down a libpq
# pipeline, the COPY-like path).  Web: GET of a JSON list of 50 records
# and of one record, and POST /api/v1/users (a write with its audit
# entry; Argon2id hashing dominates it), against `attest serve`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
ATTEST=$build/attest
[ -x "$ATTEST" ] || { echo "no $ATTEST: build first" >&2; exit 2; }

if [ -z "${AT_TEST_PG_URL:-}" ]; then
	exec "$src/tests/pg/run.sh" "$0" "$@"
fi

ROWS=${BENCH_ROWS:-5000}
SECS=${BENCH_SECONDS:-5}
CLIENTS=${BENCH_CLIENTS:-4}
T=$(mktemp -d "${TMPDIR:-/tmp}/attest-bench.XXXXXX")
pids=
cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
export ATTEST_KEY=$T/bench.key

python3 - "$ROWS" >"$T/programs.csv" <<'PY'
import sys
print('id,name,listing,federal_agency,source,confidence')
for i in range(int(sys.argv[1])):
    print('P%06d,Program number %d,16.%03d,Agency %d,bench,verified'
          % (i, i, i % 1000, i % 50))
PY

secs() { # COMMAND...: seconds it took (stdout), its output to $T/out
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >"$T/out" 2>&1 || { echo "failed: $*" >&2; sed 's/^/  /' "$T/out" >&2; }
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }'
}
rate() { # ROWS SECONDS
	echo "$1 $2" | awk '{ if ($2 > 0) printf "%.0f", $1 / $2; else print "-" }'
}

echo "attest benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
	"load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "import ($ROWS programs, one audit entry each)"
printf '  %-34s %8s %10s\n' "" seconds "records/s"
lite=$T/bench.db
pg=$(fresh_pg_db)
"$ATTEST" --db "$pg" init >/dev/null 2>&1
s=$(secs "$ATTEST" --db "$lite" import programs "$T/programs.csv")
printf '  %-34s %8s %10s\n' "sqlite   attest import" "$s" "$(rate "$ROWS" "$s")"
s=$(secs "$ATTEST" --db "$pg" import programs "$T/programs.csv")
printf '  %-34s %8s %10s\n' "postgres attest import" "$s" "$(rate "$ROWS" "$s")"
"$ATTEST" --db "$T/copy.db" init >/dev/null 2>&1
s=$(secs "$ATTEST" copy --from "$lite" --to "$T/copy.db")
printf '  %-34s %8s %10s\n' "sqlite   attest copy (bulk)" "$s" "$(rate "$ROWS" "$s")"
pg2=$(fresh_pg_db)
"$ATTEST" --db "$pg2" init >/dev/null 2>&1 # migrations are not the copy
s=$(secs "$ATTEST" copy --from "$lite" --to "$pg2")
printf '  %-34s %8s %10s\n' "postgres attest copy (pipelined)" "$s" "$(rate "$ROWS" "$s")"

serve() { # DB: start a server, print its port
	local i p
	"$ATTEST" --db "$1" serve --listen 127.0.0.1:0 --quiet \
		--threads "$CLIENTS" >"$T/serve.out" 2>"$T/serve.err" &
	pids="$pids $!"
	for i in $(seq 1 100); do
		p=$(grep -ho 'http://127.0.0.1:[0-9]*' "$T/serve.err" "$T/serve.out" |
			head -1 | cut -d: -f3)
		[ -n "$p" ] && { echo "$p"; return; }
		sleep 0.1
	done
}

echo
echo "web ($CLIENTS clients, ${SECS}s each, attest serve --threads $CLIENTS)"
for b in sqlite postgres; do
	db=$lite
	[ "$b" = postgres ] && db=$pg
	echo "admin-password-1" | "$ATTEST" --db "$db" user add bench --role admin >/dev/null 2>&1
	tok=$("$ATTEST" --db "$db" user token bench --label bench 2>/dev/null)
	: >"$T/serve.err"
	port=$(serve "$db")
	[ -n "$port" ] || { echo "  $b: the server did not start" >&2; continue; }
	u=http://127.0.0.1:$port
	printf '  %-8s %-26s %s\n' "$b" "GET /api/v1/programs" \
		"$(python3 "$here/web_load.py" "$u/api/v1/programs?limit=50" \
		--clients "$CLIENTS" --seconds "$SECS")"
	printf '  %-8s %-26s %s\n' "$b" "GET /api/v1/programs/ID" \
		"$(python3 "$here/web_load.py" "$u/api/v1/programs/P000042" \
		--clients "$CLIENTS" --seconds "$SECS")"
	printf '  %-8s %-26s %s\n' "$b" "POST /api/v1/users" \
		"$(python3 "$here/web_load.py" "$u/api/v1/users" \
		--clients "$CLIENTS" --seconds "$SECS" --token "$tok" \
		--post '{"name":"u{n}","role":"reviewer","password":"password-{n}"}')"
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	pids=
done
