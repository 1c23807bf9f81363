#!/bin/bash
# SPDX-License-Identifier: ISC
# sqlmap (Debian's) against every parameter of every route of a running
# `attest serve` on 127.0.0.1: query parameters, path segments, form
# fields (with their CSRF token), JSON API bodies and the session
# cookie, signed in as an admin so every route answers.  Fails on any
# injection point sqlmap confirms.  Bounded: boolean, error, UNION and
# stacked techniques (no time-based ones), --timeout, and timeout(1)
# around each route.  Non-interactive (--batch).  TAP output.
#
# Heavy, so make check skips it; `make security` runs it
# (ATTEST_SQLMAP=1).  SQLMAP_LEVEL (default 2) and SQLMAP_RISK (default
# 1) are passed on; SQLMAP_ONLY='POST /login' limits the routes.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/../cli/lib.sh"
[ -n "${ATTEST_SQLMAP:-}" ] || skip_all "heavy: run by make security (ATTEST_SQLMAP=1)"
command -v sqlmap >/dev/null || skip_all "sqlmap is not installed"
. "$AT_SRC/tests/http/serve_lib.bash"

DB="$TMP/sqlmap.db"
demo_db "$DB" || { echo "Bail out! demo load failed"; exit 1; }
token=$("$ATTEST" --db "$DB" user token ada)
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
case $URL in
http://127.0.0.1:*) ;;
*) echo "Bail out! not serving on 127.0.0.1: $URL"; exit 1 ;;
esac
is "$(login "$TMP/jar" ada admin-pass-1)" 303 "admin signs in"
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$TMP/jar")
# HttpOnly cookies are written as "#HttpOnly_host ..." lines.
[ -n "$cookie" ] || cookie=$(awk '/^#HttpOnly_/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$TMP/jar")

# A plausible value for each declared input, so requests get past
# validation and reach the database.
value_of() {
	case $1 in
	as_of) echo 2020-01-01 ;;
	interpretation) echo "" ;;
	q) echo Cook ;;
	state) echo 17 ;;
	kind) echo county ;;
	sort) echo name ;;
	order) echo asc ;;
	page) echo 1 ;;
	level) echo state ;;
	condition) echo JAG-FY2017-1373 ;;
	jurisdiction) echo 1714000 ;;
	limit) echo 10 ;;
	offset) echo 0 ;;
	format) echo json ;;
	from) echo 1 ;;
	next) echo / ;;
	name) echo "sqlmap$RANDOM" ;;
	role) echo reviewer ;;
	password) echo "sqlmap-pass-1" ;;
	*) echo 1 ;;
	esac
}
path_of() { # /records/{kind}/{id} -> a real record, with the injection mark
	local p=$1
	case $p in
	/jurisdictions/\{id\}) p="/jurisdictions/1714000*" ;;
	/jurisdictions/\{id\}/detainers) p="/jurisdictions/06085*/detainers" ;;
	/api/v1/jurisdictions/\{id\}/detainers) p="/api/v1/jurisdictions/06085*/detainers" ;;
	/records/\{kind\}) p="/records/programs*" ;;
	/records/\{kind\}/\{id\}) p="/records/programs*/JAG*" ;;
	/api/v1/\{kind\}) p="/api/v1/jurisdictions*" ;;
	/api/v1/\{kind\}/\{id\}) p="/api/v1/jurisdictions*/1714000*" ;;
	esac
	echo "$p"
}

common=(--batch --disable-coloring --flush-session --dbms=SQLite
	--technique=BEUS --level="${SQLMAP_LEVEL:-2}" --risk="${SQLMAP_RISK:-1}"
	--timeout=10 --retries=1 --smart
	--output-dir="$TMP/sqlmap")

findings=0
routes=0
while read -r method path kind roles inputs; do
	case $path in
	/static/*) continue ;;     # files, no parameters
	/logout) continue ;;       # would end the session the rest uses
	esac
	# SQLMAP_ONLY (a grep -E pattern) limits the run to some routes.
	if [ -n "${SQLMAP_ONLY:-}" ] &&
	    ! printf '%s %s\n' "$method" "$path" | grep -qE -- "$SQLMAP_ONLY"; then
		continue
	fi
	routes=$((routes + 1))
	args=()
	params=""
	if [ "$inputs" != "-" ]; then
		for i in ${inputs//,/ }; do
			[ "$i" = csrf ] && continue
			params="$params${params:+&}$i=$(value_of "$i")"
		done
	fi
	target="$URL$(path_of "$path")"
	if [ "$method" = GET ]; then
		[ -n "$params" ] && target="$target?$params"
		args=(-u "$target" --threads=2)
		# Path segments carry '*' marks; without any mark or
		# parameter there is nothing to inject.
		case "$target" in *\?* | *\**) ;; *) routes=$((routes - 1)); continue ;; esac
	elif [ "$kind" = api ]; then
		json=$(python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1].split("&") if a)))' "$params")
		args=(-u "$target" --data "$json" --method POST --threads=2
			--headers "Authorization: Bearer $token
Content-Type: application/json")
	else
		# The token is the session's, on every signed-in page (the
		# sign-out form); a route with no page of its own (POST
		# /actions, /reviews/{id}) takes it from the home page.
		tokpage=$path
		csrf=$(csrf_of "$TMP/jar" "$path")
		if [ -z "$csrf" ]; then
			tokpage=/
			csrf=$(csrf_of "$TMP/jar" /)
		fi
		# --csrf-url needs one thread (sqlmap refuses more).
		args=(-u "$target" --data "$params&csrf=$csrf" --csrf-token=csrf
			--csrf-url="$URL$tokpage" --threads=1)
		# A wrong password is answered 401, which sqlmap takes for
		# "stop" unless told it is the normal answer.
		[ "$path" = /login ] && args+=(--ignore-code=401)
	fi
	log="$TMP/sqlmap-$routes.log"
	timeout 900 sqlmap "${common[@]}" --cookie="$cookie" "${args[@]}" \
		</dev/null >"$log" 2>&1
	rc=$?
	if grep -qE 'identified the following injection point|is vulnerable|appears to be .*injectable' "$log"; then
		findings=$((findings + 1))
		ok false "$method $path: sqlmap found an injection point"
		grep -E 'Parameter:|Type:|Title:|Payload:' "$log" | head -20 | sed 's/^/#   /'
	elif ! grep -qE "heuristic \(basic\) test|testing '" "$log"; then
		# sqlmap gave up before testing anything (a refused request,
		# a missing token): that proves nothing, so it fails.
		ok false "$method $path: sqlmap could not test it"
		grep -E 'CRITICAL|ERROR' "$log" | head -5 | sed 's/^/#   /'
	else
		ok "[ $rc -ne 124 ]" "$method $path: nothing injectable (${inputs})"
		grep -E 'might be injectable' "$log" | head -3 | sed 's/^/#   /'
	fi
done < <("$ATTEST" serve --routes)
echo "# $routes routes probed, $findings with injection points"
ok "kill -0 $SERVE_PID" "the server is still up after the probes"
# Nothing sqlmap sent broke the database.
serve_stop
is "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "integrity_check is ok afterwards"
"$ATTEST" --db "$DB" audit verify >/dev/null 2>&1
ok "[ $? -eq 0 ]" "the audit log verifies afterwards"
done_testing
