#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The server's caches follow the data: public API answers carry an ETag
# and come back as 304 while nothing changed; the dashboard, the map and
# /api/v1/outcomes (evaluations cached per data version, day and
# reading) change as soon as a provision is added through the CLI while
# two servers run on the database (on the PostgreSQL run, one
# PostgreSQL database).
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "no jq"
command -v curl >/dev/null || skip_all "no curl"
ATLAS_FILE=${ATTEST_ATLAS:-$AT_SRC/build/npm/node_modules/us-atlas/counties-albers-10m.json}
[ -f "$ATLAS_FILE" ] || skip_all "us-atlas not installed (run make)"
export ATTEST_ATLAS=$ATLAS_FILE

db=$(fresh_db)
"$ATTEST" --db "$db" demo --force >/dev/null 2>&1 || { echo "Bail out! demo load failed"; exit 1; }

pids=
stop_servers() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap stop_servers EXIT
for s in 1 2; do
	"$ATTEST" --db "$db" serve --listen 127.0.0.1:0 --quiet \
		>"$TMP/s$s.out" 2>"$TMP/s$s.err" &
	pids="$pids $!"
done
port() { # N: the port server N serves on
	local i p
	for i in $(seq 1 200); do
		p=$(sed -n 's|^attest: serving http://127.0.0.1:\([0-9]*\)/$|\1|p' "$TMP/s$1.out" 2>/dev/null)
		[ -n "$p" ] && { echo "$p"; return; }
		sleep 0.05
	done
}
A=http://127.0.0.1:$(port 1)
B=http://127.0.0.1:$(port 2)
ok "[ '$A' != 'http://127.0.0.1:' ] && [ '$B' != 'http://127.0.0.1:' ]" "two servers up on one database"

etag() { # URL: the ETag of a GET
	curl -s -D - -o /dev/null "$1" | tr -d '\r' | sed -n 's/^ETag: //Ip'
}
outcome() { # BASE: Milwaukee County's JAG-FY2016-1373 outcome on 2017-08-01
	curl -s "$1/api/v1/outcomes?jurisdiction=55079&condition=JAG-FY2016-1373&as_of=2017-08-01" |
		jq -r '.items[0].outcome'
}
count() { # BASE OUTCOME: the dashboard's count of OUTCOME on 2017-08-01
	curl -s "$1/?as_of=2017-08-01" |
		sed -n "s|.*<strong>\([0-9]*\)</strong><span class=\"badge o-$2\".*|\1|p"
}
badge() { # BASE: Milwaukee County's page, its JAG-FY2016-1373 badge on 2017-08-01
	curl -s "$1/jurisdictions/55079?as_of=2017-08-01" |
		grep -o 'JAG-FY2016-1373</a></td><td><span class="badge o-[a-z_]*"' | sed 's/.*badge //; s/"$//'
}
mapclass() { # BASE: Milwaukee County's colour on the JAG-FY2016-1373 map
	curl -s "$1/map?condition=JAG-FY2016-1373&as_of=2017-08-01" |
		grep -o '<a href="/jurisdictions/55079"><path class="[^"]*"' | sed 's/.*class="//; s/"$//'
}

L="/api/v1/policies?limit=500"
n0=$(curl -s "$A$L" | jq '.total')
e0=$(etag "$A$L")
like "$e0" '^"[0-9a-f]{16}"$' "a public list carries a strong ETag"
is "$(etag "$A$L")" "$e0" "asked again, the same ETag"
is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $e0" "$A$L")" 304 \
	"If-None-Match with it: 304 Not Modified"
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "0000000000000000"' "$A$L")" 200 \
	"If-None-Match with another tag: 200"
is "$(curl -s -D - -o /dev/null "$A/api/v1/openapi.json" | tr -d '\r' | sed -n 's/^Cache-Control: //Ip')" \
	no-cache "a cached public answer says no-cache (revalidate)"
is "$(curl -s -D - -o /dev/null "$A/" | tr -d '\r' | sed -n 's/^Cache-Control: //Ip')" \
	no-store "pages stay no-store"
is "$(curl -s "$B$L" | jq '.total')" "$n0" "the other server lists as many"
is "$(etag "$B$L")" "$e0" "and gives the same ETag for the same answer"

# Both servers answer (and so cache) before the write.
for s in "$A" "$B"; do
	is "$(outcome "$s")" complies "before: Milwaukee County complies ($s)"
	is "$(mapclass "$s")" o-complies "before: the map colours it complies ($s)"
	is "$(badge "$s")" o-complies "before: its page says complies ($s)"
done
c0=$(count "$A" complies)
k0=$(count "$A" conflicts)
like "$c0" '^[0-9]+$' "the dashboard counts complies ($c0)"
is "$(count "$B" complies)" "$c0" "the other server counts as many"

# A provision that conflicts, added through the CLI while both run.
printf '%s\n' 'id,jurisdiction,kind,title,citation,adopted,binds,supersedes,url,valid_from,valid_to,source,confidence' \
	'POL-TEST-MKE,55079,ordinance,Test ordinance,Test 1,2010-01-01,,,,2010-01-01,,test,reported' >"$TMP/pol.csv"
printf '%s\n' 'id,policy,type,section,excerpt,excerpt_kind,scope,exceptions,valid_from,valid_to,source,confidence' \
	'PRV-TEST-MKE,POL-TEST-MKE,P01,1,Disclosing information prohibited,described,,,2010-01-01,,test,reported' >"$TMP/prv.csv"
ok '"$ATTEST" --db "$db" import policies "$TMP/pol.csv" && "$ATTEST" --db "$db" import provisions "$TMP/prv.csv"' \
	"a policy and a provision imported while the servers run"

for s in "$A" "$B"; do
	is "$(curl -s "$s$L" | jq '.total')" "$((n0 + 1))" "after: the list has the new policy ($s)"
	is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $e0" "$s$L")" 200 \
		"after: the old ETag no longer matches ($s)"
	is "$(outcome "$s")" conflicts "after: Milwaukee County conflicts ($s)"
	is "$(mapclass "$s")" o-conflicts "after: the map colours it conflicts ($s)"
	is "$(badge "$s")" o-conflicts "after: its page says conflicts ($s)"
	is "$(count "$s" complies)" "$((c0 - 1))" "after: the dashboard counts one fewer complies ($s)"
	is "$(count "$s" conflicts)" "$((k0 + 1))" "after: and one more conflicts ($s)"
done
ok '[ "$(etag "$A$L")" != "$e0" ]' "after: a new ETag"
done_testing
