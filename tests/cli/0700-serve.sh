#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# attest serve: pages and API answer, every answer carries the security
# headers, limits refuse what is too big, a second request reuses the
# connection (keep-alive), requests are logged, SIGTERM stops it cleanly.
# Temporary files under the build directory, away from other /tmp users.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
ok 'serve_start "$DB"' "serve starts on a free port and prints its address"

for p in / /jurisdictions "/jurisdictions?q=chicago&sort=name" \
    /jurisdictions/1714000 /map "/map?level=state" /records/agencies \
    /records/agencies/CHI-CPD /login /static/attest.css /api/v1 \
    /api/v1/health /api/v1/openapi.json "/api/v1/jurisdictions?limit=5"; do
	is "$(curl -s -o /dev/null -w '%{http_code}' "$URL$p")" 200 "GET $p is 200"
done

hdr=$(curl -s -D - -o /dev/null "$URL/")
like "$hdr" "Content-Security-Policy: default-src 'self'" "CSP default-src 'self'"
like "$hdr" "script-src 'none'" "CSP allows no script"
like "$hdr" "X-Content-Type-Options: nosniff" "nosniff"
ok '! printf "%s" "$hdr" | grep -qi "^Set-Cookie"' "the public gets no cookie"
like "$(curl -s -D - -o /dev/null "$URL/login")" \
	"Set-Cookie: attest_pre=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax" \
	"the sign-in form's cookie is HttpOnly and SameSite=Lax"
hdr=$(curl -s -D - -o /dev/null "$URL/no/such/page")
like "$hdr" "^HTTP/1.1 404" "unknown path is 404"
like "$hdr" "Content-Security-Policy: default-src 'self'" "404 carries the CSP too"
like "$hdr" "X-Content-Type-Options: nosniff" "404 carries nosniff too"

body=$(curl -s "$URL/api/v1/jurisdictions?limit=50")
is "$(printf '%s' "$body" | jq '.items | length')" 50 "JSON list has 50 rows"
is "$(printf '%s' "$body" | jq -r '.kind')" jurisdictions "JSON list names its kind"
ok '[ "$(printf "%s" "$body" | jq .total)" -gt 3000 ]' "JSON list gives the total"
is "$(curl -s "$URL/api/v1/jurisdictions?limit=2&offset=1" | jq -r '.items[0].id')" \
	"$(curl -s "$URL/api/v1/jurisdictions?limit=2" | jq -r '.items[1].id')" "offset pages"
is "$(curl -s "$URL/api/v1/jurisdictions?state=IL&kind=county&limit=500" | jq '.total')" 102 \
	"102 Illinois counties through the API filters"
csv=$(curl -s -D "$TMP/h" "$URL/api/v1/agencies?format=csv&limit=1000")
like "$(cat "$TMP/h")" "Content-Type: text/csv" "CSV export has its type"
is "$(printf '%s' "$csv" | head -1 | tr -d '\r')" \
	"id,jurisdiction,name,kind,officer_title,officer_name,valid_from,valid_to,source,confidence" \
	"CSV header is the model's fields"
like "$(curl -s "$URL/api/v1/nosuchkind")" '"code":"not_found"' "unknown kind: JSON error with a code"
like "$(curl -s "$URL/api/v1/agencies?limit=0")" '"code":"bad_request"' "limit out of range refused"
like "$(curl -s "$URL/jurisdictions/1714000")" "City of Chicago" "Chicago's page names it"
like "$(curl -s "$URL/jurisdictions/1714000")" 'href="/jurisdictions/17031"' "Chicago's page links its county"
like "$(curl -s "$URL/map")" '<path class="v[0-4]" d="M' "map draws county paths"
like "$(curl -s "$URL/map")" '<a href="/jurisdictions/17031"><path' "map links Cook County to its page"
ok '[ "$(curl -s "$URL/map" | grep -o "<path class=\"v" | wc -l)" -gt 3000 ]' "map has every county"
ics=$(curl -s -D "$TMP/h" "$URL/deadlines.ics")
like "$(cat "$TMP/h")" "Content-Type: text/calendar" "the deadlines feed is iCalendar"
like "$ics" "^BEGIN:VCALENDAR" "the feed is a VCALENDAR"
like "$ics" "DTSTART;VALUE=DATE:20170630" "the FY2016 validation deadline is in the feed"
like "$(curl -s "$URL/jurisdictions?q=zzzz-no-such-place")" "0 found" \
	"a search that finds nothing says so"
like "$(curl -s "$URL/jurisdictions?state=IL&kind=county&sort=name&order=desc")" \
	"102 found" "jurisdictions list filters by state and kind"

# Keep-alive: curl reuses the connection for a second URL.
v=$(curl -sv -o /dev/null -o /dev/null "$URL/api/v1/health" "$URL/api/v1/health" 2>&1)
like "$v" "Re-using existing connection" "a second request reuses the connection"
is "$(printf '%s' "$v" | grep -c 'Connected to')" 1 "only one TCP connection was made"

is "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$URL/")" 405 "DELETE is 405"
is "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/jurisdictions")" 405 "POST to a GET route is 405"
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' \
	-H 'Content-Length: 99999999' --data 'x=1' "$URL/login")" 413 "a body over the cap is refused"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/jurisdictions?q=$(head -c 300 /dev/zero | tr '\0' a)")" \
	400 "a field over its declared length is refused"
big=$(head -c 40000 /dev/zero | tr '\0' a)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$URL/")
ok '[ "$code" != 200 ]' "headers over the cap are refused ($code)"
is "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/plain' \
	--data 'x' "$URL/api/v1/users")" 415 "API POST takes only JSON"

like "$(cat "$TMP/serve.log")" "GET /api/v1/health 200 [0-9]+\.[0-9]{3}ms" "request log: method, path, status, duration"
like "$(cat "$TMP/serve.log")" "GET /no/such/page 404 " "request log has errors too"

# A request in flight when SIGTERM comes still gets its answer.
curl -s -o "$TMP/inflight" -w '%{http_code}' "$URL/map" >"$TMP/inflight.code" &
cpid=$!
sleep 0.02
serve_stop
wait "$cpid"
is "$SERVE_STATUS" 0 "SIGTERM: exit status 0"
like "$(cat "$TMP/serve.log")" "stopped on SIGTERM" "SIGTERM: stopped cleanly"
code=$(cat "$TMP/inflight.code")
ok '[ "$code" = 200 ] || [ "$code" = 000 -a ! -s "$TMP/inflight" ]' \
	"a request in flight is answered whole or never started ($code)"
done_testing
