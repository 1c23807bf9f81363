#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# /api/v1/openapi.json against the server: every API route of `attest
# serve --routes` is documented with its method and inputs, and every
# documented operation answers (not 404 or 405).
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
token=$("$ATTEST" --db "$DB" user token ada)
printf 'Opinion of counsel.\n' >"$TMP/opinion.txt"
"$ATTEST" --db "$DB" certify --id CERT-CHI-T --notice N-2017-04-21-CHI --date 2017-06-30 \
	--authority legal_counsel --opinion "$TMP/opinion.txt" --as clerk >/dev/null ||
	{ echo "Bail out! certify failed"; exit 1; }
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }

curl -s "$URL/api/v1/openapi.json" >"$TMP/openapi.json"
is "$(jq -r .openapi "$TMP/openapi.json")" 3.0.3 "an OpenAPI 3 document"
documented=$(jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | ascii_upcase + " " + $p' \
	"$TMP/openapi.json" | sort)
routes=$("$ATTEST" serve --routes | awk '$3 == "api" {print $1, $2}' | sort)
is "$documented" "$routes" "documented operations are exactly the API routes"

# Every documented query input is one the route declares, and back.
while read -r method pattern kind roles params; do
	[ "$kind" = api ] || continue
	[ "$params" = - ] && params=
	m=$(printf '%s' "$method" | tr A-Z a-z)
	if [ "$method" = GET ]; then
		doc=$(jq -r --arg p "$pattern" --arg m "$m" \
			'.paths[$p][$m].parameters[] | select(.in == "query") | .name' "$TMP/openapi.json" | sort | tr '\n' ,)
	else
		# JSON bodies, or multipart for uploads (their file parts are
		# documented as binary strings and checked below).
		doc=$(jq -r --arg p "$pattern" --arg m "$m" \
			'.paths[$p][$m].requestBody.content | to_entries[0].value.schema.properties
			 | to_entries[] | select(.value.format != "binary") | .key' \
			"$TMP/openapi.json" | sort | tr '\n' ,)
	fi
	is "$doc" "$(printf '%s' "$params" | tr , '\n' | sed '/^$/d' | sort | tr '\n' ,)" \
		"$method $pattern: documented inputs are the declared ones"
done < <("$ATTEST" serve --routes)

# Every documented operation answers.
while read -r method path; do
	real=$(printf '%s' "$path" | sed -e 's|/letters/{id}|/letters/N-2017-04-21-CHI|' \
		-e 's|/jurisdictions/{id}|/jurisdictions/1714000|' \
		-e 's|/certifications/{id}/documents/{n}|/certifications/CERT-CHI-T/documents/1|' \
		-e 's|{kind}/{id}|agencies/CHI-CPD|' -e 's|{kind}|agencies|')
	if [ "$method" = POST ]; then
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
			-H 'Content-Type: application/json' --data '{}' "$URL$real")
	else
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$URL$real")
	fi
	ok '[ "$code" != 404 ] && [ "$code" != 405 ] && [ "$code" -lt 500 ]' "$method $path answers ($code)"
done <<<"$documented"
is "$(jq -r '.paths["/api/v1/certifications"].post.requestBody.content["multipart/form-data"].schema.properties
	| to_entries[] | select(.value.format == "binary") | .key' "$TMP/openapi.json" | sort | tr '\n' ,)" \
	"attachment,certificate,opinion," "the upload documents its file parts as multipart binaries"
like "$(jq -r '.paths["/api/v1/audit"].get.responses["429"].description' \
	"$TMP/openapi.json")" "Retry-After" "a signed-in route documents the 429 of the sign-in limits"
# The jurisdictions list's outcome and designation filters, as on the page.
is "$(jq -r '.paths["/api/v1/{kind}"].get.parameters[] | select(.name == "outcome") | .schema.enum | join(",")' \
	"$TMP/openapi.json")" "complies,conflicts,unknown,not_applicable,not_enforced" \
	"the list documents the outcome filter and its choices"
is "$(jq -r '.paths["/api/v1/{kind}"].get.parameters[] | select(.name == "condition" or .name == "designation"
	or .name == "interpretation") | .name' "$TMP/openapi.json" | sort | tr '\n' ' ')" \
	"condition designation interpretation " "with the condition, the reading and the designation"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/agencies/CHI-CPD/extra")" 404 \
	"an undocumented path is 404"
done_testing
