#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The web server against its peers, side by side in one run (make bench-web):
#   1. JSON list of 50 rows: attest /api/v1/jurisdictions?limit=50 against
#      the 2-worker Node + better-sqlite3 peer serving the same 50 rows of
#      the same database file (../shared/peers/node-sqlite-peer.js);
#      goal >= 3x its requests/s, p99 <= 5 ms at 32 connections.
#   2. A small fixed answer: attest /api/v1/health against nginx serving a
#      static file of the same bytes; goal >= 1.0x.
#   3. Start to first answered request: attest serve and the Node peer,
#      median of 7; goal <= 15 ms.  The first request is a real one: the
#      JSON list of 50 rows from the database (for Node, its /rows).
# wrk runs on the same cores as the servers: compare ratios, not absolutes.
# Installs wrk and nginx (Debian) and better-sqlite3 (npm, into
# build/bench-npm) on first use; traffic goes to 127.0.0.1 only.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
ATTEST=${ATTEST:-$ROOT/build/attest}
SHARED=${AT_SHARED:-$ROOT/../shared}
# From a git worktree, ../shared is beside the main checkout.
if [ ! -d "$SHARED" ] && common=$(git -C "$ROOT" rev-parse --git-common-dir 2>/dev/null); then
	SHARED=$(cd "$ROOT" && cd "$common/../.." && pwd)/shared
fi
PEERS=$SHARED/peers
OUT=$ROOT/build/bench-web
RUNS=${RUNS:-3}
SECS=${SECS:-10}
CONNS=${CONNS:-32}
P_ATTEST=18080 P_NGINX=18081 P_NODE=18082
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
pids=()

die() { echo "bench_web: $*" >&2; exit 2; }
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	[ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null
	wait 2>/dev/null
}
trap cleanup EXIT

[ -x "$ATTEST" ] || die "no $ATTEST (make first)"
[ -f "$PEERS/node-sqlite-peer.js" ] || die "no peers in $PEERS"
for tool in wrk nginx; do
	if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
		echo "installing $tool (bench only)"
		$SUDO apt-get install -y -qq --no-install-recommends "$tool" >/dev/null ||
			die "cannot install $tool"
	fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -d "$ROOT/build/bench-npm/node_modules/better-sqlite3" ]; then
	echo "installing better-sqlite3 for the Node peer (compiles; a few minutes)"
	mkdir -p "$ROOT/build/bench-npm"
	npm install --silent --no-audit --no-fund --prefix "$ROOT/build/bench-npm" \
		better-sqlite3@12 || die "cannot install better-sqlite3"
fi

mkdir -p "$OUT"
DB=$OUT/demo.db
if [ ! -f "$DB" ]; then
	"$ATTEST" --db "$DB" demo --force >/dev/null || die "demo load failed"
fi

wait_up() { # URL
	for _ in $(seq 200); do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.05
	done
	die "$1 did not answer"
}

# attest
"$ATTEST" --db "$DB" serve --listen 127.0.0.1:$P_ATTEST --threads 2 --quiet \
	>/dev/null 2>"$OUT/attest.log" &
pids+=($!)
# Node peer, 2 workers, the same 50 rows.
SQL="SELECT id, name, kind, parent, also_in, valid_from, valid_to, source, confidence FROM jurisdictions ORDER BY id LIMIT 50"
NODE_PATH=$ROOT/build/bench-npm/node_modules DB=$DB SQL=$SQL PORT=$P_NODE WORKERS=2 \
	node "$PEERS/node-sqlite-peer.js" >/dev/null 2>"$OUT/node.log" &
pids+=($!)
# nginx, a static file of exactly attest's fixed answer.
wait_up "http://127.0.0.1:$P_ATTEST/api/v1/health"
mkdir -p "$OUT/nginx/html" "$OUT/nginx/tmp"
curl -s "http://127.0.0.1:$P_ATTEST/api/v1/health" >"$OUT/nginx/html/health.json"
cat >"$OUT/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $OUT/nginx/tmp;
	proxy_temp_path $OUT/nginx/tmp;
	fastcgi_temp_path $OUT/nginx/tmp;
	uwsgi_temp_path $OUT/nginx/tmp;
	scgi_temp_path $OUT/nginx/tmp;
	sendfile on;
	keepalive_requests 1000000;
	default_type application/json;
	server {
		listen 127.0.0.1:$P_NGINX;
		root $OUT/nginx/html;
	}
}
CONF
chmod -R a+rX "$OUT/nginx"
"$NGINX" -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" 2>>"$OUT/nginx/error.log" &
pids+=($!)
wait_up "http://127.0.0.1:$P_NGINX/health.json"
wait_up "http://127.0.0.1:$P_NODE/rows"

a=$(curl -s "http://127.0.0.1:$P_ATTEST/api/v1/jurisdictions?limit=50" | jq -c '[.items[].id]')
b=$(curl -s "http://127.0.0.1:$P_NODE/rows" | jq -c '[.[].id]')
[ "$a" = "$b" ] || die "attest and the Node peer do not serve the same 50 rows"
echo "same 50 rows from both; fixed answer $(wc -c <"$OUT/nginx/html/health.json") bytes from both"
echo "wrk: $RUNS runs of ${SECS}s at $CONNS connections, interleaved"
echo "load before: $(uptime)"
echo

RES=$OUT/results.tsv
: >"$RES"
for i in $(seq "$RUNS"); do
	bash "$PEERS/wrk-run.sh" attest-json "http://127.0.0.1:$P_ATTEST/api/v1/jurisdictions?limit=50" 1 "$CONNS" "$SECS" | sed "s/\t1\t/\t$i\t/" >>"$RES"
	bash "$PEERS/wrk-run.sh" node2-json "http://127.0.0.1:$P_NODE/rows" 1 "$CONNS" "$SECS" | sed "s/\t1\t/\t$i\t/" >>"$RES"
	bash "$PEERS/wrk-run.sh" attest-fixed "http://127.0.0.1:$P_ATTEST/api/v1/health" 1 "$CONNS" "$SECS" | sed "s/\t1\t/\t$i\t/" >>"$RES"
	bash "$PEERS/wrk-run.sh" nginx-fixed "http://127.0.0.1:$P_NGINX/health.json" 1 "$CONNS" "$SECS" | sed "s/\t1\t/\t$i\t/" >>"$RES"
done
cleanup
pids=()

# Start to first answer: spawn, then poll with a raw socket every 0.2 ms.
python3 - "$ATTEST" "$DB" "$PEERS/node-sqlite-peer.js" "$ROOT/build/bench-npm/node_modules" "$SQL" >>"$RES" <<'PY'
import os, socket, statistics, subprocess, sys, time
attest, db, peer, nodepath, sql = sys.argv[1:6]
def first_answer(argv, env, port, path):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=1)
                s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                data = s.recv(64)
                s.close()
                if data.startswith(b"HTTP/1.1 200"):
                    return (time.perf_counter() - t0) * 1000
            except OSError:
                time.sleep(0.0002)
            if time.perf_counter() - t0 > 10:
                return float("nan")
    finally:
        p.terminate()
        p.wait()
env = dict(os.environ)
a = [first_answer([attest, "--db", db, "serve", "--listen", "127.0.0.1:18090", "--quiet"], env, 18090, b"/api/v1/jurisdictions?limit=50") for _ in range(7)]
env2 = dict(env, NODE_PATH=nodepath, DB=db, SQL=sql, PORT="18091", WORKERS="1")
n = [first_answer(["node", peer], env2, 18091, b"/rows") for _ in range(7)]
print("attest-start\t-\t-\t%.1f ms\t\t\t" % statistics.median(a))
print("node-start\t-\t-\t%.1f ms\t\t\t" % statistics.median(n))
PY

echo "load after: $(uptime)"
echo "label	conns	run	req/s	p50	p99	errors"
cat "$RES"
echo
python3 - "$RES" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
def med(label, col):
    v = []
    for r in rows:
        if r[0] == label and len(r) > col and r[col]:
            s = r[col]
            f = 1.0
            if s.endswith("us"): s, f = s[:-2], 0.001
            elif s.endswith("ms"): s, f = s[:-2], 1.0
            elif s.endswith("s"): s, f = s[:-1], 1000.0
            try: v.append(float(s) * f)
            except ValueError: pass
    return statistics.median(v) if v else float("nan")
for l in ("attest-json", "node2-json", "attest-fixed", "nginx-fixed"):
    print("%-13s median %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms" % (l, med(l, 3), med(l, 4), med(l, 5)))
print("JSON list, attest / Node 2 workers: %.2fx (goal >= 3x); attest p99 %.2f ms (goal <= 5 ms)" %
      (med("attest-json", 3) / med("node2-json", 3), med("attest-json", 5)))
print("fixed answer, attest / nginx: %.2fx (goal >= 1.0x)" % (med("attest-fixed", 3) / med("nginx-fixed", 3)))
for r in rows:
    if r[0].endswith("-start"):
        print("start to first answer, %s: %s" % (r[0][:-6], r[3]))
PY
