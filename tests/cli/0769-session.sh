#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Session security of attest serve, on either backend:
# - fixation: a session id presented before sign-in is never adopted;
#   sign-in issues a new one and ends any the browser held; the id is
#   dead after sign-out and after a password change;
# - CSRF: every form of `attest serve --routes` and every API write
#   signed in by cookie refuses a missing, wrong or other visitor's token
#   with 403 and changes nothing; bearer-token writes need none;
# - cookies: HttpOnly, SameSite, Path, Max-Age, Secure when told the
#   server is behind TLS, none at all for the public outside sign-in;
#   idle and absolute session timeouts;
# - sign-in limits per client address and per user name from any
#   address (a name with no account alike), bad bearer tokens limited
#   per address apart, each answered 429 with Retry-After, on the form
#   and the API;
# - error answers and the request log hold no password, token, database
#   address or SQL.
# Temporary files under the build directory, away from other /tmp users.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
ADMIN_TOKEN=$("$ATTEST" --db "$DB" user token ada --label test)
serve_start "$DB" || { echo "Bail out! serve did not start"; exit 1; }

declare -A PASS USER_OF
PASS[ada]=admin-pass-1; PASS[rev]=review-pass-1; PASS[apr]=approve-pass-1; PASS[chi]=recip-pass-1
USER_OF[admin]=ada; USER_OF[reviewer]=rev; USER_OF[approver]=apr; USER_OF[recipient]=chi
ERRBODIES="$TMP/error-bodies"
: >"$ERRBODIES"

# fetch ARGS...: curl; the status to stdout, headers to $TMP/h, body to
# $TMP/b; error bodies are kept for the leak checks at the end.
fetch() {
	local code
	code=$(curl -s -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' "$@")
	case $code in
	[45]??) cat "$TMP/b" >>"$ERRBODIES"; echo >>"$ERRBODIES" ;;
	esac
	echo "$code"
}
# set_cookie NAME: the value NAME is set to in the last answer's headers.
set_cookie() {
	sed -n "s/^Set-Cookie: $1=\\([^;]*\\);.*/\\1/p" "$TMP/h" | tr -d '\r' | head -1
}
cookie_line() {
	grep -i "^Set-Cookie: $1=" "$TMP/h" | tr -d '\r' | head -1
}
form_token() {
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/b" | head -1
}
# pre_form [CURL ARGS]: GET /login; sets PRE (cookie; none for a browser
# already signed in, whose session the form's token is then bound to)
# and PRE_CSRF.
pre_form() {
	fetch "$@" "$URL/login" >/dev/null
	PRE=$(set_cookie attest_pre)
	PRE_CSRF=$(form_token)
}
# signin NAME [COOKIE] [CURL ARGS]: sign in with a fresh sign-in form,
# sending COOKIE (extra cookies) too; sets CODE (the status) and SID.
signin() {
	local name=$1 extra=${2:-}
	shift 2 2>/dev/null || shift
	pre_form "$@" ${extra:+-H "Cookie: $extra"}
	CODE=$(fetch "$@" -H "Cookie: attest_pre=$PRE${extra:+; $extra}" \
		--data-urlencode "name=$name" --data-urlencode "password=${PASS[$name]}" \
		--data-urlencode "csrf=$PRE_CSRF" "$URL/login")
	SID=$(set_cookie attest_session)
}
# who SID: the user name a session cookie stands for ("public" if none).
who() {
	curl -s -H "Cookie: attest_session=$1" "$URL/api/v1/me" | jq -r '.name // "public"'
}
# csrf_of_sid SID: the form token of a session, from a page.
csrf_of_sid() {
	curl -s -H "Cookie: attest_session=$1" "$URL/" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1
}
audit_total() {
	curl -s -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/audit?limit=1" | jq .total
}
rand_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

# ---- cookies: none for the public, flags on the ones there are ----
for p in / /jurisdictions /jurisdictions/1714000 /map /records/agencies \
    /deadlines.ics /api/v1/health "/api/v1/jurisdictions?limit=1" /api/v1/me; do
	fetch "$URL$p" >/dev/null
	is "$(grep -ci '^Set-Cookie' "$TMP/h")" 0 "the public gets no cookie from $p"
done
pre_form
like "$(cookie_line attest_pre)" '^Set-Cookie: attest_pre=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax$' \
	"the sign-in form's cookie: HttpOnly, SameSite=Lax, Path=/, not Secure without TLS"
like "$PRE_CSRF" '^[0-9a-f]{64}$' "the sign-in form carries a token"
signin ada
is "$CODE" 303 "ada signs in"
like "$(cookie_line attest_session)" \
	'^Set-Cookie: attest_session=[0-9a-f]{64}; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax$' \
	"the session cookie: HttpOnly, SameSite=Lax, Path=/, eight hours at most, not Secure"
ADA=$SID
is "$(who "$ADA")" ada "the session stands for ada"

# ---- fixation ----
planted=$(rand_hex)
signin rev "attest_session=$planted"
is "$CODE" 303 "rev signs in carrying a planted session id"
ok '[ -n "$SID" ] && [ "$SID" != "$planted" ]' "sign-in issues a new id, not the planted one"
is "$(who "$planted")" public "the planted id stands for nobody"
REV=$SID
is "$(who "$REV")" rev "the new id stands for rev"
is "$(who "$PRE")" public "the sign-in form's cookie is no session"
signin apr "attest_session=$REV"
is "$CODE" 303 "apr signs in in a browser holding rev's session"
ok '[ "$SID" != "$REV" ]' "apr gets an id of its own"
is "$(who "$REV")" public "the session the browser held is ended at sign-in"
APR=$SID
signin rev
is "$CODE" 303 "rev signs in again"
REV2=$SID
signin rev
is "$CODE" 303 "and once more"
ok '[ "$REV2" != "$SID" ]' "each sign-in makes a new id"
REV=$SID
is "$(who "$REV2")" rev "two sessions of one user live side by side"
tok=$(csrf_of_sid "$REV2")
is "$(fetch -H "Cookie: attest_session=$REV2" --data-urlencode "csrf=$tok" "$URL/logout")" 303 \
	"rev signs out of one"
like "$(cookie_line attest_session)" '^Set-Cookie: attest_session=; Path=/; Max-Age=0; HttpOnly' \
	"signing out clears the cookie"
is "$(who "$REV2")" public "the id is dead after sign-out"
is "$(fetch -H "Cookie: attest_session=$REV2" "$URL/audit")" 303 "a dead id is sent to sign in"
is "$(who "$REV")" rev "rev's other session lives on"
ok 'echo "review-pass-2" | "$ATTEST" --db "$DB" user passwd rev' "rev's password is changed"
is "$(who "$REV")" public "rev's session is dead after the password change"
is "$(who "$APR")" apr "another user's session is untouched"
PASS[rev]=review-pass-2
signin rev
is "$CODE" 303 "rev signs in with the new password"
REV=$SID

# ---- CSRF: every form ----
signin chi
is "$CODE" 303 "chi signs in"
CHI=$SID
declare -A SID_OF=([ada]=$ADA [rev]=$REV [apr]=$APR [chi]=$CHI)
fill() {
	printf '%s' "$1" | sed -e 's|/jurisdictions/{id}|/jurisdictions/1714000|' \
		-e 's|{kind}|agencies|' -e 's|{id}|CHI-CPD|g'
}
# a user allowed on a route and another signed-in user
user_for() {
	local r
	for r in admin reviewer approver recipient; do
		case ",$1," in *",$r,"*) echo "${USER_OF[$r]}"; return ;; esac
	done
}
other_of() { [ "$1" = ada ] && echo apr || echo ada; }
nforms=0
while read -r method pattern kind roles params; do
	[ "$method" = POST ] && [ "$kind" = form ] || continue
	nforms=$((nforms + 1))
	path=$(fill "$pattern")
	if [ "$pattern" = /login ]; then
		pre_form
		jar="attest_pre=$PRE"
		good=$PRE_CSRF
		other=$(csrf_of_sid "$ADA")
		data=(--data-urlencode name=ada --data-urlencode "password=${PASS[ada]}")
	else
		u=$(user_for "$roles")
		jar="attest_session=${SID_OF[$u]}"
		good=$(csrf_of_sid "${SID_OF[$u]}")
		other=$(csrf_of_sid "${SID_OF[$(other_of "$u")]}")
		data=(--data-urlencode name=mallory --data-urlencode role=admin
			--data-urlencode password=mallory-pass-1)
	fi
	before=$(audit_total)
	for t in none wrong other prefix; do
		case $t in
		none) tok=() ;;
		wrong) tok=(--data-urlencode "csrf=$(rand_hex)") ;;
		other) tok=(--data-urlencode "csrf=$other") ;;
		prefix) tok=(--data-urlencode "csrf=${good:0:32}") ;;
		esac
		is "$(fetch -H "Cookie: $jar" "${data[@]}" "${tok[@]}" "$URL$path")" 403 \
			"POST $pattern with $t token: 403"
		is "$(grep -ci '^Set-Cookie: attest_session=[0-9a-f]' "$TMP/h")" 0 \
			"POST $pattern with $t token: no session cookie"
	done
	is "$(audit_total)" "$before" "POST $pattern: the refused forms changed nothing"
	case $pattern in
	/login) ;;
	*) is "$(who "${jar#attest_session=}")" "$u" "POST $pattern: the session survives" ;;
	esac
done < <("$ATTEST" serve --routes)
ok '[ "$nforms" -ge 3 ]' "every form of the route table was tried ($nforms)"
ok '! "$ATTEST" --db "$DB" user list | grep -q mallory' "no refused form added a user"
# The right token passes (the form's other inputs are then checked).
tok=$(csrf_of_sid "$ADA")
is "$(fetch -H "Cookie: attest_session=$ADA" --data-urlencode "csrf=$tok" "$URL/users")" 400 \
	"POST /users with the right token but no inputs: 400, past the token check"

# ---- CSRF: API writes signed in by cookie ----
me_csrf=$(curl -s -H "Cookie: attest_session=$ADA" "$URL/api/v1/me" | jq -r .csrf)
is "$me_csrf" "$(csrf_of_sid "$ADA")" "GET /api/v1/me gives a cookie session its token"
is "$(curl -s "$URL/api/v1/me" | jq -r '.csrf // "none"')" none "and the public none"
is "$(curl -s -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/me" | jq -r '.csrf // "none"')" none \
	"and a bearer token none"
# api_write PATH JSON CURL-ARGS...: an API write with a JSON body, or,
# for an upload route (which answers a JSON body 415), as multipart with
# a text field; prints the status.
api_write() {
	local path=$1 json=$2 code
	shift 2
	code=$(fetch "$@" -H 'Content-Type: application/json' --data "$json" "$URL$path")
	[ "$code" = 415 ] && code=$(fetch "$@" -F 'signer=mallory' "$URL$path")
	echo "$code"
}
napi=0
while read -r method pattern kind roles params; do
	[ "$method" = POST ] && [ "$kind" = api ] || continue
	napi=$((napi + 1))
	path=$(fill "$pattern")
	u=$(user_for "$roles")
	sid=${SID_OF[$u]}
	good=$(curl -s -H "Cookie: attest_session=$sid" "$URL/api/v1/me" | jq -r .csrf)
	other=$(curl -s -H "Cookie: attest_session=${SID_OF[$(other_of "$u")]}" "$URL/api/v1/me" | jq -r .csrf)
	before=$(audit_total)
	for t in none wrong other; do
		case $t in
		none) hdr=() ;;
		wrong) hdr=(-H "X-CSRF-Token: $(rand_hex)") ;;
		other) hdr=(-H "X-CSRF-Token: $other") ;;
		esac
		code=$(api_write "$path" '{"name":"mallory2","role":"admin","password":"mallory-pass-2"}' \
			-H "Cookie: attest_session=$sid" "${hdr[@]}")
		is "$code" 403 "POST $pattern by cookie with $t token: 403"
		is "$(jq -r .error.code "$TMP/b")" csrf "POST $pattern by cookie with $t token: the error says csrf"
	done
	is "$(audit_total)" "$before" "POST $pattern: the refused writes changed nothing"
	code=$(api_write "$path" '{}' -H "Cookie: attest_session=$sid" -H "X-CSRF-Token: $good")
	ok '[ "$code" != 403 ] && [ "$code" != 401 ] && [ "$code" -lt 500 ]' \
		"POST $pattern by cookie with the right token passes the check ($code)"
	is "$(api_write "$path" '{}')" 401 "POST $pattern without cookie or token: 401"
done < <("$ATTEST" serve --routes)
ok '[ "$napi" -ge 1 ]' "every API write of the route table was tried ($napi)"
ok '! "$ATTEST" --db "$DB" user list | grep -q mallory' "no refused API write added a user"
is "$(fetch -H "Cookie: attest_session=$ADA" -H "X-CSRF-Token: $me_csrf" -H 'Content-Type: application/json' \
	--data '{"name":"carol","role":"reviewer","password":"carol-pass-1"}' "$URL/api/v1/users")" 201 \
	"a cookie-signed API write with its token is done"
is "$(fetch -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
	--data '{"name":"dave","role":"reviewer","password":"dave-pass-12"}' "$URL/api/v1/users")" 201 \
	"a bearer-token API write needs no CSRF token"
like "$("$ATTEST" --db "$DB" user list)" "carol .*dave|dave .*carol|carol" "both users are stored"
ok '"$ATTEST" --db "$DB" user list | grep -q "^dave"' "the bearer-token user is stored"

# ---- sign-in limits ----
# retry_after: the last answer's Retry-After ("" if none).
retry_after() {
	grep -i '^Retry-After:' "$TMP/h" | tr -d '\r' | sed 's/^[^:]*: *//' | head -1
}
# fail_signin NAME [ADDRESS]: a wrong password for NAME (from ADDRESS);
# prints the status.
fail_signin() {
	local via=()
	[ -n "${2:-}" ] && via=(--interface "$2")
	pre_form "${via[@]}"
	fetch "${via[@]}" -H "Cookie: attest_pre=$PRE" --data-urlencode "name=$1" \
		--data-urlencode "password=not-it-$RANDOM" --data-urlencode "csrf=$PRE_CSRF" "$URL/login"
}
# form_body: the last answer's body without its per-visitor token.
form_body() { sed 's/name="csrf" value="[0-9a-f]*"//' "$TMP/b"; }
codes=
for i in 1 2 3 4 5; do
	codes="$codes $(fail_signin apr)"
done
is "$codes" " 401 401 401 401 401" "five wrong passwords: 401 each"
is "$(retry_after)" "" "a failure that is not yet limited has no Retry-After"
signin apr
is "$CODE" 429 "then even the right password is refused for a while (429)"
ra=$(retry_after)
ok '[ "$ra" -ge 1 ] && [ "$ra" -le 60 ]' "with Retry-After: the seconds left of the address's minute ($ra)"
like "$(cat "$TMP/b")" "Too many failed attempts; wait 1 minute and try again" "the form says how long"
is "$(grep -ci '^Set-Cookie: attest_session=[0-9a-f]' "$TMP/h")" 0 "a refused sign-in sets no session"
is "$(fetch -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/me")" 200 \
	"failed sign-ins do not stop a good bearer token from that address"
badtok=$(rand_hex)
codes=
for i in 1 2 3 4 5; do
	codes="$codes $(fetch -H "Authorization: Bearer $badtok" "$URL/api/v1/me")"
done
is "$codes" " 401 401 401 401 401" "five bad bearer tokens: 401 each"
is "$(fetch -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/me")" 429 \
	"then the API refuses even a good token from that address (429)"
is "$(jq -r .error.code "$TMP/b")" too_many_attempts "with a stable error code"
ra=$(retry_after)
ok '[ "$ra" -ge 1 ] && [ "$ra" -le 60 ]' "and Retry-After ($ra)"
is "$(fetch "$URL/api/v1/me")" 200 "a request that signs nobody in is not limited"
is "$(who "$ADA")" ada "nor is a session signed in already"
if curl -s -o /dev/null --interface 127.0.0.2 "$URL/api/v1/health" 2>/dev/null; then
	signin apr "" --interface 127.0.0.2
	is "$CODE" 303 "another address may still sign in"
	# ten_fails NAME A B C: ten wrong passwords for NAME, four from A,
	# four from B, two from C (none past its address's limit).
	ten_fails() {
		local name=$1 a
		shift
		for a in $1 $1 $1 $1 $2 $2 $2 $2 $3 $3; do
			printf ' %s' "$(fail_signin "$name" "$a")"
		done
	}
	all401=" 401 401 401 401 401 401 401 401 401 401"
	is "$(ten_fails rev 127.0.0.2 127.0.0.3 127.0.0.4)" "$all401" \
		"ten wrong passwords for rev from three addresses: 401 each"
	rev401=$(form_body)
	signin rev "" --interface 127.0.0.5
	is "$CODE" 429 "then rev may not sign in from a fourth address, even with the right password"
	ra=$(retry_after)
	ok '[ "$ra" -gt 60 ] && [ "$ra" -le 900 ]' "Retry-After: the seconds left of the name's 15 minutes ($ra)"
	like "$(cat "$TMP/b")" "Too many failed attempts; wait 15 minutes and try again" "the form says how long"
	rev429=$(form_body)
	signin apr "" --interface 127.0.0.5
	is "$CODE" 303 "another name signs in from that address"
	is "$(ten_fails no-such-user 127.0.0.6 127.0.0.7 127.0.0.8)" "$all401" \
		"ten wrong passwords for a name with no account: 401 each"
	is "$(form_body)" "$rev401" "answered as for an account that exists"
	is "$(fail_signin no-such-user 127.0.0.9)" 429 "then that name is limited the same way"
	ra=$(retry_after)
	ok '[ "$ra" -gt 60 ] && [ "$ra" -le 900 ]' "with Retry-After ($ra)"
	is "$(form_body)" "$rev429" "and the same answer: the limit tells nobody which names exist"
else
	ok true "# SKIP no 127.0.0.2 on this machine"
fi

# ---- no secrets in error answers ----
long=$(head -c 300 /dev/zero | tr '\0' s)
pre_form
fetch -H "Cookie: attest_pre=$PRE" --data-urlencode name=ada --data-urlencode "password=$long" \
	--data-urlencode "csrf=$PRE_CSRF" "$URL/login" >/dev/null
# (By cookie: this address may use no token until its minute is over.)
is "$(fetch -H "Cookie: attest_session=$ADA" -H "X-CSRF-Token: $me_csrf" -H 'Content-Type: application/json' \
	--data '{"name":"dave","role":"reviewer","password":"dup-secret-9"}' "$URL/api/v1/users")" 409 \
	"adding a user twice is a conflict"
fetch "$URL/api/v1/nosuchkind" >/dev/null
fetch "$URL/jurisdictions/nope" >/dev/null
fetch "$URL/api/v1/agencies?limit=0" >/dev/null
ok '[ -s "$ERRBODIES" ]' "error answers were collected ($(wc -l <"$ERRBODIES") lines)"
for s in "${PASS[@]}" "$long" dup-secret-9 mallory-pass "$badtok" "$ADMIN_TOKEN" \
    "$ADA" "$REV" "$APR" "$CHI" "$PRE"; do
	ok '[ -n "$s" ] && ! grep -qF -- "$s" "$ERRBODIES"' "no error answer holds the secret ${s:0:6}..."
done
# The database's name: the SQLite file's, or the PostgreSQL URL's path.
case $DB in
postgres*) db_name=${DB#*:///} ;;
*) db_name=${DB##*/} ;;
esac
db_name=${db_name%%\?*}
for s in "$db_name" "${PGHOST:-/nonexistent-host}" "$AT_SRC" "SELECT " "INSERT INTO" \
    SQLITE_ "sqlite3" libpq "syntax error" "\$argon2"; do
	ok '! grep -qF -- "$s" "$ERRBODIES"' "no error answer names '$s'"
done
serve_stop
for s in "${PASS[@]}" "$ADA" "$REV" "$ADMIN_TOKEN" "$me_csrf"; do
	ok '[ -n "$s" ] && ! grep -qF -- "$s" "$TMP/serve.log" "$TMP/serve.out"' "the server's output holds no secret ${s:0:6}..."
done

# ---- Secure cookies, idle and absolute timeouts ----
serve_start "$DB" --quiet --secure-cookies --session-idle 4 --session-max 8 ||
	{ echo "Bail out! serve did not start"; exit 1; }
pre_form
like "$(cookie_line attest_pre)" '; Secure$' "behind TLS the sign-in form's cookie is Secure"
signin ada
is "$CODE" 303 "ada signs in (session A)"
t0=$(date +%s.%N)
like "$(cookie_line attest_session)" '^Set-Cookie: attest_session=[0-9a-f]{64}; Path=/; Max-Age=8; HttpOnly; SameSite=Lax; Secure$' \
	"behind TLS the session cookie is Secure; Max-Age is --session-max"
A=$SID
signin apr
is "$CODE" 303 "apr signs in (session B)"
B=$SID
tb=$(date +%s.%N)
# at SECONDS [FROM]: sleep until SECONDS after FROM (default t0).
at() {
	local d
	d=$(awk -v a="${2:-$t0}" -v s="$1" -v n="$(date +%s.%N)" 'BEGIN { d = a + s - n; print (d > 0 ? d : 0) }')
	sleep "$d"
}
at 2
is "$(who "$A")" ada "A is alive after 2 s"
at 4.5
is "$(who "$A")" ada "A, used 2.5 s ago, is alive 4.5 s after sign-in (the idle time slides)"
at 4.5 "$tb"
is "$(who "$B")" public "B, unused for 4.5 s, has timed out (--session-idle 4)"
at 6.5
is "$(who "$A")" ada "A, used 2 s ago, is alive after 6.5 s"
at 9
is "$(who "$A")" public "A, used 2.5 s ago, is dead 9 s after sign-in (--session-max 8)"

# ---- a database that cannot answer is neither a bad token nor a
# sign-out, and its error names nothing (PostgreSQL: the server's
# connections are cut under it) ----
if on_pg; then
	signin ada
	C=$SID
	is "$(who "$C")" ada "session C is alive"
	: >"$ERRBODIES"
	"${AT_PG_BINDIR:-/usr/lib/postgresql/15/bin}/psql" -qAt -c \
		"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$db_name'" \
		postgres >/dev/null
	codes=
	for i in 1 2 3; do
		codes="$codes $(fetch -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/me")"
		codes="$codes $(fetch -H "Cookie: attest_session=$C" "$URL/api/v1/me")"
		codes="$codes $(fetch -H "Cookie: attest_session=$C" "$URL/audit")"
	done
	like "$codes" '^( (200|503))+$' "with its connections cut the server answers 200 or 503, never 401 or a sign-out ($codes)"
	is "$(who "$C")" ada "session C outlives the cut"
	"${AT_PG_BINDIR:-/usr/lib/postgresql/15/bin}/psql" -qAt -c \
		"DROP DATABASE $db_name WITH (FORCE)" postgres >/dev/null
	codes=
	for i in 1 2; do
		codes="$codes $(fetch -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/me")"
		codes="$codes $(fetch -H "Cookie: attest_session=$C" "$URL/api/v1/me")"
		codes="$codes $(fetch -H "Cookie: attest_session=$C" "$URL/audit")"
	done
	is "$codes" " 503 503 503 503 503 503" \
		"with its database gone the server answers 503, not 401 nor a sign-out"
	ok '[ -s "$ERRBODIES" ] && ! grep -qF -- "$db_name" "$ERRBODIES" && ! grep -qF -- "$PGHOST" "$ERRBODIES" && ! grep -qi "terminat\|FATAL\|libpq\|does not exist" "$ERRBODIES"' \
		"the 503 answers name no database, host or driver message"
fi
done_testing
