#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The role matrix: every route of `attest serve --routes` with every role
# (public, recipient, reviewer, approver, admin), allowed or denied as
# the table below says; and the table must list exactly the server's
# routes, so a new route cannot skip this test.  Also: CSRF, bearer
# tokens, rate-limited sign-in, user changes in the audit log.
# Temporary files under the build directory, away from other /tmp users.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

# METHOD PATTERN public recipient reviewer approver admin (y allowed, n denied)
MATRIX='GET / y y y y y
GET /jurisdictions y y y y y
GET /jurisdictions/{id} y y y y y
GET /map y y y y y
GET /deadlines.ics y y y y y
GET /records/{kind} y y y y y
GET /records/{kind}/{id} y y y y y
GET /audit n n y y y
GET /reviews n n y y y
GET /login y y y y y
POST /login y y y y y
GET /users n n n n y
POST /users n n n n y
GET /portal n y n n n
GET /static/attest.css y y y y y
GET /static/icon.svg y y y y y
GET /api/v1 y y y y y
GET /api/v1/openapi.json y y y y y
GET /api/v1/health y y y y y
GET /api/v1/me y y y y y
GET /api/v1/audit n n y y y
GET /api/v1/users n n n n y
POST /api/v1/users n n n n y
GET /api/v1/outcomes y y y y y
GET /api/v1/reviews n n y y y
POST /reviews n n y n y
POST /reviews/{id} n n n y y
POST /actions n n n y y
POST /api/v1/reviews n n y n y
POST /api/v1/reviews/{id} n n n y y
POST /api/v1/actions n n n y y
GET /funds y y y y y
GET /api/v1/funds-at-risk y y y y y
GET /api/v1/audit/status n n y y y
GET /jurisdictions/{id}/detainers y y y y y
GET /api/v1/jurisdictions/{id}/detainers y y y y y
POST /reviews/{id}/determination n n n y y
POST /api/v1/reviews/{id}/determination n n n y y
GET /api/v1/{kind} y y y y y
GET /api/v1/{kind}/{id} y y y y y
GET /letters/{id} y y y y y
GET /letters/{id}/pdf y y y y y
POST /portal/certifications n y n n n
GET /certifications/{id}/documents/{n} n y y y y
GET /api/v1/letters/{id} y y y y y
GET /api/v1/letters/{id}/pdf y y y y y
POST /api/v1/certifications n y n n n
GET /api/v1/certifications/{id}/documents/{n} n y y y y
POST /logout n y y y y'

demo_db || { echo "Bail out! demo load failed"; exit 1; }
DB="$TMP/demo.db"
demo_db "$DB" || { echo "Bail out! demo load failed"; exit 1; }
# A certification of Chicago's with a kept document, for the download routes.
printf 'Opinion of counsel.\n' >"$TMP/opinion.txt"
"$ATTEST" --db "$DB" certify --id CERT-CHI-T --notice N-2017-04-21-CHI --date 2017-06-30 \
	--authority legal_counsel --opinion "$TMP/opinion.txt" --as clerk >/dev/null ||
	{ echo "Bail out! certify failed"; exit 1; }

is "$(printf '%s\n' "$MATRIX" | awk '{print $1, $2}' | sort)" \
	"$("$ATTEST" serve --routes | awk '{print $1, $2}' | sort)" \
	"the matrix lists exactly the server's routes"

declare -A TOKEN PASS
PASS[ada]=admin-pass-1; PASS[rev]=review-pass-1; PASS[apr]=approve-pass-1; PASS[chi]=recip-pass-1
for u in ada rev apr chi; do
	TOKEN[$u]=$("$ATTEST" --db "$DB" user token "$u" --label test)
done
ok '[ ${#TOKEN[ada]} = 64 ]' "attest user token prints a 64-hex token"
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }

ROLES=(public chi rev apr ada)
for u in chi rev apr ada; do
	is "$(login "$TMP/jar.$u" "$u" "${PASS[$u]}")" 303 "$u signs in"
done
: >"$TMP/jar.public"

fill() {
	printf '%s' "$1" | sed -e 's|/jurisdictions/{id}|/jurisdictions/1714000|' \
		-e 's|/reviews/{id}|/reviews/NO-SUCH-REVIEW|' \
		-e 's|/letters/{id}|/letters/N-2017-04-21-CHI|' \
		-e 's|/certifications/{id}/documents/{n}|/certifications/CERT-CHI-T/documents/1|' \
		-e 's|{kind}|agencies|' -e 's|{id}|CHI-CPD|'
}

# request ROLE METHOD PATH: prints "denied" or "allowed (STATUS)".
request() {
	local role=$1 method=$2 path=$3 jar="$TMP/jar.$1" code loc body auth=()
	rm -f "$TMP/body" "$TMP/hdr"
	case "$path" in
	/api/*)
		[ "$role" != public ] && auth=(-H "Authorization: Bearer ${TOKEN[$role]}")
		if [ "$method" = POST ] && [ "$path" = /api/v1/certifications ]; then
			# An upload route takes multipart/form-data.
			code=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' "${auth[@]}" \
				-F 'signer=nobody' "$URL$path")
		elif [ "$method" = POST ]; then
			code=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' "${auth[@]}" \
				-H 'Content-Type: application/json' --data '{}' "$URL$path")
		else
			code=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' "${auth[@]}" "$URL$path")
		fi ;;
	*)
		if [ "$method" = POST ]; then
			local tok
			tok=$(csrf_of "$jar" /login)
			code=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$jar" \
				--data-urlencode "csrf=$tok" "$URL$path")
		else
			code=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$jar" "$URL$path")
		fi ;;
	esac
	loc=$(sed -n 's/^Location: \([^\r]*\).*/\1/p' "$TMP/hdr")
	body=$(cat "$TMP/body" 2>/dev/null)
	if [ "$code" = 401 ] || { [ "$code" = 303 ] && [ "${loc#/login}" != "$loc" ]; } ||
	    { [ "$code" = 403 ] && printf '%s' "$body" | grep -Eq 'role may not|"denied"'; }; then
		echo denied
	else
		echo "allowed ($code)"
	fi
}

while read -r method pattern p1 p2 p3 p4 p5; do
	want=($p1 $p2 $p3 $p4 $p5)
	path=$(fill "$pattern")
	for i in 0 1 2 3 4; do
		got=$(request "${ROLES[$i]}" "$method" "$path")
		if [ "${want[$i]}" = y ]; then
			like "$got" '^allowed \((200|201|303|400)\)$' "$method $pattern allowed for ${ROLES[$i]}"
		else
			is "$got" denied "$method $pattern denied for ${ROLES[$i]}"
		fi
	done
done <<<"$MATRIX"

# Which letter: the routes are open to all, the letters are not.
is "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[chi]}" \
	"$URL/api/v1/letters/N-2017-04-21-NYC")" 403 "a recipient may not read another jurisdiction's letter"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/letters/N-2017-08-07-CLARK")" 403 \
	"the public may not read the letter of an unverified notice"
is "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[rev]}" \
	"$URL/api/v1/letters/N-2017-08-07-CLARK")" 200 "staff may"
"$ATTEST" --db "$DB" certify --id CERT-NYC-T --notice N-2017-04-21-NYC --date 2017-06-30 \
	--authority legal_counsel --opinion "$TMP/opinion.txt" --as clerk >/dev/null
is "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[chi]}" \
	"$URL/api/v1/certifications/CERT-NYC-T/documents/1")" 403 \
	"a recipient may not download another jurisdiction's document"
is "$(curl -s -H "Authorization: Bearer ${TOKEN[apr]}" \
	"$URL/api/v1/certifications/CERT-NYC-T/documents/1")" "Opinion of counsel." \
	"staff may, and get the bytes kept"

# After the walk the sessions are signed out (POST /logout came last).
is "$(curl -s -b "$TMP/jar.ada" "$URL/api/v1/me" | jq -r .role)" public "signed out: the session is gone"

is "$(login "$TMP/jar.ada" ada admin-pass-1)" 303 "admin signs in again"
is "$(curl -s -b "$TMP/jar.ada" "$URL/api/v1/me" | jq -r .name)" ada "a session cookie names its user"
like "$(curl -s -b "$TMP/jar.ada" "$URL/api/v1/audit?limit=1")" '"items":\[\{' "staff read the API with a session cookie"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.ada" --data-urlencode "csrf=0000" \
	--data-urlencode name=eve --data-urlencode role=reviewer --data-urlencode password=long-enough-1 "$URL/users")
is "$code" 403 "a form without the right CSRF token is refused"
tok=$(csrf_of "$TMP/jar.ada" /users)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.ada" --data-urlencode "csrf=$tok" \
	--data-urlencode name=eve --data-urlencode role=reviewer --data-urlencode password=long-enough-1 "$URL/users")
is "$code" 303 "admin adds a user through the form"
like "$("$ATTEST" --db "$DB" user list)" "^eve +reviewer" "the user is stored"
total=$(curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "$URL/api/v1/audit?limit=1" | jq .total)
like "$(curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "$URL/api/v1/audit?from=$((total - 20))&limit=100" | jq -r '.items[] | select(.kind=="user") | .entity_id + " " + .verb')" \
	"eve insert" "adding a user is in the audit log"
ok '! curl -s -H "Authorization: Bearer ${TOKEN[ada]}" "$URL/api/v1/audit?from=$((total - 20))&limit=100" | grep -q "long-enough-1"' \
	"no password in the audit log"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[ada]}" \
	-H 'Content-Type: application/json' \
	--data '{"name":"bob","role":"approver","password":"long-enough-2"}' "$URL/api/v1/users")
is "$code" 201 "admin adds a user through the API"
code=$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[ada]}" \
	-H 'Content-Type: application/json' \
	--data '{"name":"bob2","role":"approver","password":"long-enough-2","admin":"yes"}' "$URL/api/v1/users")
is "$code" 400 "the API refuses unknown fields"
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer 0123' "$URL/api/v1/me")" 401 \
	"a bad bearer token is refused"
is "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.chi" "$URL/portal")" 303 \
	"a signed-out recipient is sent to sign in"

# Sign-in attempts are limited per address.
codes=
for i in 1 2 3 4 5 6; do
	codes="$codes $(login "$TMP/jar.bad" ada wrong-password)"
done
is "$codes" " 401 401 401 401 401 429" "the sixth failed sign-in in a minute is refused (429)"
done_testing
