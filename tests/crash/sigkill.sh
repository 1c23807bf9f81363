#!/bin/bash
# SPDX-License-Identifier: ISC
# Crash consistency: kill attest with SIGKILL at random moments while it
# writes, then check that the database kept its promises:
#   - every import the program reported ("imported N ...") is there,
#     whole; an interrupted one is there whole or not at all; the same
#     for notices issued (`attest notice issue`: the notice, its case
#     state and their audit entries, together or not at all);
#   - every record has its audit entry and the log has no others;
#   - `attest audit verify` passes (chain, tree, signed checkpoints);
#   - SQLite's PRAGMA integrity_check says ok;
#   - a killed `attest certify`, `review propose` or `review approve`
#     (the four-eyes workflow: certification, its checks, the review and
#     the case's transitions) leaves all of its writes or none, and the
#     case's state matches the review's;
#   - every case transition, certification and review write has its
#     audit entry and the log has no others;
#   - a killed `attest init` leaves a database that opens, or none;
#   - a killed `attest serve` kept every user its API answered 201 for
#     (POST /api/v1/users), each with its audit entry.
# On PostgreSQL (ATTEST_TEST_DB_URL set by tests/pg/run.sh, as in the
# second pass of make check) the same trials run against fresh databases
# from fresh_pg_db, with amcheck's bt_index_check over every index in
# place of integrity_check, and without the init trials (there is no
# file to tear).
# CRASH_TRIALS (default 100) trials, random choices from CRASH_SEED
# (default 1373), so a failure can be replayed; a trial is small (at
# most a few hundred rows) and every command is bounded by timeout(1).
. "$(dirname "$0")/../cli/lib.sh"
pg=""
if [ -n "${ATTEST_TEST_DB_URL:-}" ]; then
	command -v fresh_pg_db >/dev/null || skip_all "no fresh_pg_db (tests/pg/run.sh)"
	command -v psql >/dev/null || skip_all "no psql"
	pg=1
else
	command -v sqlite3 >/dev/null || skip_all "no sqlite3"
fi

# A process crash, unlike a power cut, loses nothing the kernel has, so
# the databases may live in memory (/dev/shm) where fsync costs nothing.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SHM=$(mktemp -d /dev/shm/attest-crash.XXXXXX)
	trap 'rm -rf "$TMP" "$SHM"' EXIT
else
	SHM=$TMP
fi
trials=${CRASH_TRIALS:-100}
RANDOM=${CRASH_SEED:-1373}
per_db=25 # trials on one database before a fresh one
maxdelay=400 # ms: kill moment drawn from 0..maxdelay; calibrated below

# INTEGRITY: a query answering "ok" when the database's structures are.
if [ -n "$pg" ]; then
	q() { psql "$db" -Atq -c "$1" 2>&1; }
	INTEGRITY="SELECT CASE WHEN count(*) >= 0 THEN 'ok' END FROM (SELECT bt_index_check(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relpersistence <> 't') x"
else
	q() { sqlite3 -batch -noheader "$db" "$1" 2>&1; }
	INTEGRITY="PRAGMA integrity_check"
fi

make_csv() { # KIND TRIAL ROWS FILE
	local i
	case $1 in
	programs)
		echo "id,name,listing,federal_agency,source,confidence"
		for ((i = 1; i <= $3; i++)); do
			printf 'T%d-%d,Program %d of trial %d with a name of some length,%02d.%03d,Bureau of Justice Assistance,crash test %d,reported\n' \
			    "$2" "$i" "$i" "$2" $((i % 90 + 10)) $((i % 1000)) "$2"
		done
		;;
	events)
		echo "id,date,kind,title,summary,source"
		for ((i = 1; i <= $3; i++)); do
			printf 'T%d-%d,2017-%02d-%02d,letter,Letter %d,"A summary, quoted, of letter %d of trial %d",crash test\n' \
			    "$2" "$i" $((i % 12 + 1)) $((i % 28 + 1)) "$i" "$i" "$2"
		done
		;;
	esac > "$4"
}

new_db() {
	dbn=$((dbn + 1))
	if [ -n "$pg" ]; then
		db=$(fresh_pg_db)
		q "CREATE EXTENSION IF NOT EXISTS amcheck" >/dev/null
	else
		db="$SHM/crash$dbn.sqlite"
	fi
	timeout 60 "$ATTEST" --db "$db" init >/dev/null 2>&1
	timeout 60 "$ATTEST" --db "$db" import jurisdictions \
		"$AT_SRC/fuzz/fixture/jurisdictions.csv" >/dev/null 2>&1
	echo "crash-admin-pass" | timeout 60 "$ATTEST" --db "$db" user add \
		crashadmin --role admin >/dev/null 2>&1
	token=$(timeout 60 "$ATTEST" --db "$db" user token crashadmin 2>/dev/null)
	expect_programs=0
	expect_events=0
	expect_notices=0
	expect_users=$(q "SELECT count(*) FROM users")
}

# Run a command in the background, SIGKILL it after delay ms (if it
# is still running), and leave its exit status in rc and its output in
# $TMP/out.
run_kill() { # DELAY_MS ARGS...
	local delay=$1 pid
	shift
	# No timeout(1) here: the kill itself bounds the run, and attest
	# must be the process that gets the signal.
	"$ATTEST" "$@" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	rc=$?
}

# The checks every trial ends with; prints why on failure.
check_db() {
	local r ic n m a orphans nn ns na nc nu nua
	r=$(q "$INTEGRITY; SELECT count(*) FROM programs; SELECT count(*) FROM events; SELECT count(*) FROM audit_log WHERE kind IN ('programs', 'events'); SELECT count(*) FROM programs p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.kind = 'programs' AND a.entity_id = p.id); SELECT count(*) FROM notices; SELECT count(*) FROM case_states; SELECT count(*) FROM audit_log WHERE kind = 'notices'; SELECT count(*) FROM audit_log WHERE kind = 'cases'; SELECT count(*) FROM users; SELECT count(*) FROM audit_log WHERE kind = 'user' AND verb = 'insert'; SELECT count(*) FROM case_transitions; SELECT count(*) FROM certifications; SELECT count(*) FROM audit_log WHERE kind = 'certifications'; SELECT count(*) FROM certification_checks; SELECT count(*) FROM audit_log WHERE kind = 'certification_checks'; SELECT count(*) FROM reviews; SELECT count(*) FROM audit_log WHERE kind = 'reviews' AND verb = 'propose'; SELECT count(*) FROM reviews WHERE status <> 'proposed'; SELECT count(*) FROM audit_log WHERE kind = 'reviews' AND verb <> 'propose'")
	read -r ic n m a orphans nn ns na nc nu nua ntr ncert ncerta nchk nchka nrev nreva ndec ndeca <<<"$(echo $r)"
	[ "$ic" = ok ] || { echo "#   integrity_check: $r"; return 1; }
	[ "$n" = "$expect_programs" ] ||
		{ echo "#   programs: $n, expected $expect_programs"; return 1; }
	[ "$m" = "$expect_events" ] ||
		{ echo "#   events: $m, expected $expect_events"; return 1; }
	[ "$a" = $((n + m)) ] ||
		{ echo "#   audit entries: $a for $((n + m)) records"; return 1; }
	[ "$orphans" = 0 ] ||
		{ echo "#   $orphans programs without an audit entry"; return 1; }
	[ "$nn" = "$expect_notices" ] ||
		{ echo "#   notices: $nn, expected $expect_notices"; return 1; }
	# Issuing with a due date records two case transitions (issued,
	# then the deadline set); certify and review add theirs.
	[ "$ns" = "$nn" ] && [ "$na" = "$nn" ] && [ "$nc" = "$ntr" ] &&
	    [ "$ntr" -ge $((2 * nn)) ] ||
		{ echo "#   $nn notices, $ns case states, $ntr transitions, $na + $nc audit entries"; return 1; }
	[ "$ncert" = "$ncerta" ] && [ "$nchk" = "$nchka" ] && [ "$nchk" = "$ncert" ] ||
		{ echo "#   $ncert certifications, $nchk checks, $ncerta + $nchka audit entries"; return 1; }
	[ "$nrev" = "$nreva" ] && [ "$ndec" = "$ndeca" ] ||
		{ echo "#   $nrev reviews ($ndec decided), $nreva + $ndeca audit entries"; return 1; }
	[ "$nu" = "$expect_users" ] ||
		{ echo "#   users: $nu, expected $expect_users"; return 1; }
	[ "$nua" = "$nu" ] ||
		{ echo "#   $nu users, $nua audit entries for them"; return 1; }
	r=$(timeout 60 "$ATTEST" --db "$db" audit verify 2>&1)
	[ $? -eq 0 ] || { echo "#   audit verify: $r"; return 1; }
	return 0
}

# Calibrate: kill moments spread over twice the time a typical import
# takes here, so about half the trials interrupt a write however fast or
# loaded the machine is.
new_db
make_csv programs 0 150 "$TMP/in.csv"
t0=${EPOCHREALTIME/[.,]/}
"$ATTEST" --db "$db" import programs "$TMP/in.csv" >/dev/null 2>&1
t1=${EPOCHREALTIME/[.,]/}
maxdelay=$(((t1 - t0) / 500))
((maxdelay < 50)) && maxdelay=50
((maxdelay > 2000)) && maxdelay=2000
echo "# one 150-row import took $(((t1 - t0) / 1000)) ms: kill moments 0..$maxdelay ms"
# The same for one step of the notice workflow (a certification).
"$ATTEST" --db "$db" notice issue --id N-CAL --kind certification_request \
	--jurisdiction 1714000 --date 2017-04-21 --due "70 calendar days" >/dev/null 2>&1
t0=${EPOCHREALTIME/[.,]/}
"$ATTEST" --db "$db" certify --id C-CAL --notice N-CAL --date 2017-05-01 \
	--signer "A. Counsel" --authority chief_legal_officer --as clerk >/dev/null 2>&1
t1=${EPOCHREALTIME/[.,]/}
stepdelay=$(((t1 - t0) / 500))
((stepdelay < 20)) && stepdelay=20
((stepdelay > 2000)) && stepdelay=2000
echo "# one certification took $(((t1 - t0) / 1000)) ms: workflow kill moments 0..$stepdelay ms"
[ -z "$pg" ] && rm -f "$db" "$db"-* "$db".key
dbn=0
killed=0
finished=0
start=$SECONDS
new_db
for ((t = 1; t <= trials; t++)); do
	if (((t - 1) % per_db == 0)) && ((t > 1)); then
		new_db
	fi
	op=$((RANDOM % 13))
	# No init trials on PostgreSQL: an import instead.
	[ -n "$pg" ] && [ "$op" = 9 ] && op=10
	delay=$((RANDOM % maxdelay))
	rows=$((20 + RANDOM % 280))
	why=""
	case $op in
	[0-4] | [5-6] | 10)
		kind=programs
		((op >= 5 && op <= 6)) && kind=events
		make_csv "$kind" "$t" "$rows" "$TMP/in.csv"
		run_kill "$delay" --db "$db" import "$kind" "$TMP/in.csv"
		n=$(q "SELECT count(*) FROM $kind WHERE id LIKE 'T$t-%'")
		if grep -q "^imported $rows $kind" "$TMP/out"; then
			[ "$n" = "$rows" ] ||
				why="reported $rows $kind imported, found $n"
		elif [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
			why="import failed without being killed (exit $rc): $(head -c 300 "$TMP/err")"
		else
			[ "$n" = 0 ] || [ "$n" = "$rows" ] ||
				why="interrupted import left $n of $rows $kind"
		fi
		if [ "$kind" = programs ]; then
			expect_programs=$((expect_programs + n))
		else
			expect_events=$((expect_events + n))
		fi
		desc="import $rows $kind, SIGKILL at ${delay} ms"
		;;
	7)
		run_kill "$delay" --db "$db" notice issue --id "N-T$t" \
			--kind certification_request --jurisdiction 1714000 \
			--date 2017-04-21 --due "70 calendar days"
		n=$(q "SELECT count(*) FROM notices WHERE id = 'N-T$t'")
		if grep -q "^issued N-T$t " "$TMP/out"; then
			[ "$n" = 1 ] || why="reported notice N-T$t issued, not found"
		elif [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
			why="notice issue failed without being killed (exit $rc): $(head -c 300 "$TMP/err")"
		fi
		expect_notices=$((expect_notices + n))
		desc="notice issue, SIGKILL at ${delay} ms"
		;;
	12)
		# The four-eyes workflow, each step killed at its own moment
		# (over twice a certification's time); a step runs only if
		# the one before finished.
		timeout 60 "$ATTEST" --db "$db" notice issue --id "N-R$t" \
			--kind certification_request --jurisdiction 1714000 \
			--date 2017-04-21 --due "70 calendar days" >/dev/null 2>&1
		expect_notices=$((expect_notices + $(q "SELECT count(*) FROM notices WHERE id = 'N-R$t'")))
		d1=$((RANDOM % stepdelay))
		d2=$((RANDOM % stepdelay))
		d3=$((RANDOM % stepdelay))
		desc="certify at ${d1} ms"
		state() { q "SELECT state FROM case_states WHERE notice = 'N-R$t'"; }
		run_kill "$d1" --db "$db" certify --id "C-R$t" --notice "N-R$t" \
			--date 2017-05-01 --signer "A. Counsel" \
			--authority chief_legal_officer --as clerk
		n=$(q "SELECT count(*) FROM certifications WHERE id = 'C-R$t'")
		st=$(state)
		if grep -q "^received C-R$t " "$TMP/out" && [ "$n" != 1 ]; then
			why="reported certification C-R$t received, not found"
		elif [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
			why="certify failed without being killed (exit $rc): $(head -c 300 "$TMP/err")"
		elif { [ "$n" = 1 ] && [ "$st" != certification_received ]; } ||
		    { [ "$n" = 0 ] && [ "$st" != awaiting_response ]; }; then
			why="$n certifications C-R$t, case state $st"
		elif [ "$n" = 1 ]; then
			desc="$desc, review propose at ${d2} ms"
			run_kill "$d2" --db "$db" review propose --id "R-T$t" \
				--certification "C-R$t" --finding complies \
				--no-explain --date 2017-05-10 --as rev1
			n=$(q "SELECT count(*) FROM reviews WHERE id = 'R-T$t'")
			st=$(state)
			if grep -q "^proposed R-T$t:" "$TMP/out" && [ "$n" != 1 ]; then
				why="reported review R-T$t proposed, not found"
			elif [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
				why="review propose failed without being killed (exit $rc): $(head -c 300 "$TMP/err")"
			elif { [ "$n" = 1 ] && [ "$st" != finding_proposed ]; } ||
			    { [ "$n" = 0 ] && [ "$st" != certification_received ]; }; then
				why="$n reviews R-T$t, case state $st"
			elif [ "$n" = 1 ]; then
				desc="$desc, approve at ${d3} ms"
				run_kill "$d3" --db "$db" review approve "R-T$t" \
					--date 2017-05-11 --as apr1
				r=$(q "SELECT status FROM reviews WHERE id = 'R-T$t'")
				st=$(state)
				if grep -q "^approved R-T$t " "$TMP/out" && [ "$r" != approved ]; then
					why="reported review R-T$t approved, status $r"
				elif [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
					why="review approve failed without being killed (exit $rc): $(head -c 300 "$TMP/err")"
				elif [ "$r/$st" != approved/finding_approved ] &&
				    [ "$r/$st" != proposed/finding_proposed ]; then
					why="review R-T$t $r, case state $st"
				fi
			fi
		fi
		desc="notice workflow: $desc"
		;;
	8)
		run_kill "$delay" --db "$db" audit checkpoint
		desc="audit checkpoint, SIGKILL at ${delay} ms"
		;;
	9)
		fresh="$SHM/init$t.sqlite"
		run_kill "$((delay / 4))" --db "$fresh" init
		desc="init, SIGKILL at $((delay / 4)) ms"
		# Whatever the moment, the path must end up usable: open it
		# (or init it again) and import into it.
		timeout 60 "$ATTEST" --db "$fresh" init >/dev/null 2>"$TMP/err2"
		printf 'id,name,listing,source\nP1,One,16.738,t\n' >"$TMP/one.csv"
		if ! timeout 60 "$ATTEST" --db "$fresh" import programs "$TMP/one.csv" \
		    >/dev/null 2>"$TMP/err3"; then
			why="after a killed init the database is unusable: $(head -c 300 "$TMP/err2") $(head -c 300 "$TMP/err3")"
		else
			r=$(sqlite3 "$fresh" "PRAGMA integrity_check" 2>&1)
			[ "$r" = ok ] || why="killed init: integrity_check: $r"
			r=$(timeout 60 "$ATTEST" --db "$fresh" audit verify 2>&1) ||
				why="killed init: audit verify: $r"
		fi
		rm -f "$fresh" "$fresh"-* "$fresh".key
		;;
	11)
		# The server, killed while it answers API writes.
		"$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --quiet \
			>"$TMP/serve.out" 2>"$TMP/serve.err" &
		spid=$!
		url=""
		for ((i = 0; i < 200; i++)); do
			url=$(sed -n 's|^attest: serving \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$TMP/serve.out")
			[ -n "$url" ] && break
			sleep 0.05
		done
		: >"$TMP/codes"
		if [ -n "$url" ]; then
			(
				for ((i = 1; i <= 20; i++)); do
					c=$(curl -s -o /dev/null -m 10 -w '%{http_code}' \
					    -X POST -H "Authorization: Bearer $token" \
					    -H 'Content-Type: application/json' \
					    -d "{\"name\":\"u${t}x$i\",\"role\":\"reviewer\",\"password\":\"crash-pass-$i\"}" \
					    "$url/api/v1/users")
					echo "u${t}x$i $c"
					[ "$c" = 000 ] && break
				done >"$TMP/codes"
			) &
			cpid=$!
			sleep "$(printf '%d.%03d' $((delay * 4 / 1000)) $((delay * 4 % 1000)))"
		fi
		kill -KILL "$spid" 2>/dev/null
		{ wait "$spid"; } 2>/dev/null
		rc=$?
		[ -n "$url" ] && wait "$cpid" 2>/dev/null
		n=$(q "SELECT count(*) FROM users WHERE name LIKE 'u${t}x%'")
		if [ -z "$url" ]; then
			why="serve did not start: $(head -c 300 "$TMP/serve.err")"
			rc=137
		fi
		while read -r name code; do
			if [ "$code" = 201 ]; then
				r=$(q "SELECT count(*) FROM users WHERE name = '$name'")
				[ "$r" = 1 ] || why="user $name answered 201, not stored"
			fi
		done <"$TMP/codes"
		expect_users=$((expect_users + n))
		desc="serve with API writes, SIGKILL at $((delay * 4)) ms ($(grep -c ' 201$' "$TMP/codes") answered 201, $n stored)"
		;;
	esac
	if [ "$rc" -eq 137 ]; then
		killed=$((killed + 1))
	else
		finished=$((finished + 1))
	fi
	if [ -z "$why" ]; then
		msg=$(check_db) || why="$msg"
	fi
	if [ -z "$why" ]; then
		ok true "trial $t: $desc"
	else
		ok false "trial $t: $desc"
		echo "#   $why"
	fi
done
echo "# $trials trials in $((SECONDS - start)) s: $killed killed mid-run, $finished finished first"
# The trials must actually interrupt writes, or they prove nothing.
ok "[ $killed -ge $((trials / 5)) ]" "at least a fifth of the trials were killed mid-run ($killed)"
done_testing
