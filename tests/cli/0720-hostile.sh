#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Hostile strings (script tags, quotes, CRLF, SQL metacharacters, bad
# UTF-8, NUL, very long) through every declared input of every route
# (from `attest serve --routes`), through path segments, and through
# stored records: each comes back inert (escaped) or is refused (4xx);
# never a 500, never raw markup, never an injected header, JSON always
# parses.
# Temporary files under the build directory, away from other /tmp users.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

demo_db || { echo "Bail out! demo load failed"; exit 1; }

# A record holding hostile text, stored through the importer.
cat >"$TMP/agencies.csv" <<'CSV'
id,jurisdiction,name,kind,officer_title,officer_name,source,confidence
EVIL-1,1714000,"<script>alert(1)</script>",police,"""><img src=x onerror=alert(2)>","'; DROP TABLE users; --",javascript:alert(3),verified
CSV
ok '"$ATTEST" --db "$DB" import agencies "$TMP/agencies.csv"' "a record with hostile text is stored"
token=$("$ATTEST" --db "$DB" user token ada)
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
is "$(login "$TMP/jar" ada admin-pass-1)" 303 "admin signs in"
# Everyone signs in before the walk: its hostile posts to /login are
# failed attempts, and past five a minute the server refuses sign-in.
is "$(login "$TMP/jar.chi" chi recip-pass-1)" 303 "Chicago's recipient signs in"
is "$(login "$TMP/jar.apr" apr approve-pass-1)" 303 "the approver signs in"

# Raw (percent-encoded) hostile values.
LONG=$(head -c 70000 /dev/zero | tr '\0' A)
HOSTILE=(
	'%3Cscript%3Ealert(1)%3C%2Fscript%3E'
	'%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'
	"%27%20OR%20%271%27%3D%271"
	'%27%3B%20DROP%20TABLE%20users%3B%20--'
	'a%0D%0ASet-Cookie%3A%20evil%3D1'
	'%FF%FE%C0%AF'
	'a%00b'
	"$LONG"
)

# The same values as JSON strings (bad UTF-8 as lone surrogate escapes,
# which a JSON parser must refuse or replace), made in one go.
mapfile -t HOSTILE_JSON < <(printf '%s\n' "${HOSTILE[@]}" | python3 -c '
import sys, json, urllib.parse
for line in sys.stdin.read().split("\n")[:-1]:
    print(json.dumps(urllib.parse.unquote(line, errors="surrogateescape")))')

# check DESC: the last answer is inert.  Bash's own pattern matching,
# not a grep per test, since this runs for every request of the walk.
check() {
	local code body hdr bad=
	read -r code <"$TMP/code"
	body= hdr=
	# $(<f) reads without an external process (NUL bytes dropped, as
	# with cat); read -d '' would stop at the first NUL.
	[ -f "$TMP/body" ] && body=$(<"$TMP/body")
	[ -f "$TMP/hdr" ] && hdr=$(<"$TMP/hdr")
	_n=$((_n + 1))
	case "$code" in
	[1-4][0-9][0-9]) ;;
	*) bad="status '$code'" ;;
	esac
	[ "$code" = 000 ] && bad="no answer"
	[[ $body == *'<script'* ]] && bad="raw <script> in body"
	[[ $body == *'<img src=x'* ]] && bad="raw <img> in body"
	shopt -s nocasematch
	[[ $hdr == *$'\n'Set-Cookie:\ evil* ]] && bad="injected header"
	# CSV is data for spreadsheets, sent as an attachment with nosniff:
	# markup in it is text, so only HTML and JSON are searched.
	if [[ $hdr == *$'\n'Content-Type:\ text/csv* ]]; then
		bad=
		case "$code" in [1-4][0-9][0-9]) ;; *) bad="status '$code'" ;; esac
	fi
	if [[ $hdr == *$'\n'Content-Type:\ application/json* ]]; then
		jq -e . "$TMP/body" >/dev/null 2>&1 || bad="JSON does not parse"
	fi
	shopt -u nocasematch
	if [ -z "$bad" ]; then
		echo "ok $_n - $1 ($code)"
	else
		echo "not ok $_n - $1: $bad"
		_failed=$((_failed + 1))
	fi
}

fill() {
	printf '%s' "$1" | sed -e 's|/jurisdictions/{id}|/jurisdictions/1714000|' \
		-e 's|/letters/{id}|/letters/N-2017-04-21-CHI|' \
		-e 's|{kind}|agencies|' -e 's|{id}|CHI-CPD|' -e 's|{n}|1|'
}

get() {
	curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$TMP/jar" \
		-H "Authorization: Bearer $token" "$1" >"$TMP/code"
}

# Every declared input of every route, with each hostile value.
"$ATTEST" serve --routes >"$TMP/routes"
while read -r method pattern kind roles params; do
	[ "$params" = - ] && params=
	path=$(fill "$pattern")
	for p in ${params//,/ }; do
		for hi in "${!HOSTILE[@]}"; do
			h=${HOSTILE[$hi]}
			case "$method $kind" in
			"GET "*)
				get "$URL$path?$p=$h" ;;
			"POST form")
				tok=$(csrf_of "$TMP/jar" /users)
				# A short password stops before hashing, so the
				# walk stays fast; the hostile field is still checked.
				# The hostile field comes first: a repeated name's
				# later values are ignored.
				printf '%s=%s&csrf=%s&name=x1&role=reviewer&password=short' \
					"$p" "$h" "$tok" >"$TMP/req.form"
				curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$TMP/jar" \
					--data-binary @"$TMP/req.form" "$URL$path" >"$TMP/code" ;;
			"POST api")
				json=${HOSTILE_JSON[$hi]}
				printf '{"name":"x2","role":"reviewer","password":"short","%s":%s}' "$p" "$json" >"$TMP/req.json"
				curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' \
					-H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
					--data-binary @"$TMP/req.json" "$URL$path" >"$TMP/code" ;;
			esac
			check "$method $pattern $p=${h:0:24}"
		done
	done
	# Path segments.
	if [ "${pattern#*\{}" != "$pattern" ] && [ "$method" = GET ]; then
		for h in "${HOSTILE[@]}"; do
			bad=$(printf '%s' "$pattern" | sed -e "s|{kind}/{id}|agencies/${h:0:2000}|" \
				-e "s|{kind}|${h:0:2000}|" -e "s|{id}|${h:0:2000}|")
			get "$URL$bad"
			check "GET $pattern with segment ${h:0:24}"
		done
	fi
done <"$TMP/routes"

# The certification upload (multipart/form-data) as Chicago's recipient:
# every text field with each hostile value, through the portal form and
# the API, and hostile file names; then every page that shows what was
# stored, and the downloads' headers.
chi_token=$("$ATTEST" --db "$DB" user token chi --label hostile)
printf 'an opinion of counsel\n' >"$TMP/op.txt"
# multipart OUT NAME=VALUEFILE... [file:FIELD=NAMEFILE:CONTENTFILE]: a
# multipart/form-data body in OUT (boundary attestB0undary); values and
# file names are read from files, byte for byte.
multipart() {
	python3 - "$@" <<'PYEOF'
import sys
out, parts = sys.argv[1], sys.argv[2:]
b = b"--attestB0undary\r\n"
body = b""
for p in parts:
    if p.startswith("file:"):
        field, rest = p[5:].split("=", 1)
        namef, contentf = rest.split(":", 1)
        name = open(namef, "rb").read()
        body += b + b'Content-Disposition: form-data; name="' + field.encode() + \
            b'"; filename="' + name + b'"\r\nContent-Type: text/plain\r\n\r\n' + \
            open(contentf, "rb").read() + b"\r\n"
    else:
        field, valf = p.split("=", 1)
        body += b + b'Content-Disposition: form-data; name="' + field.encode() + \
            b'"\r\n\r\n' + open(valf, "rb").read() + b"\r\n"
body += b"--attestB0undary--\r\n"
open(out, "wb").write(body)
PYEOF
}
post_multipart() { # URL AUTH...: send $TMP/mp.body
	local url=$1
	shift
	curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' "$@" \
		-H 'Content-Type: multipart/form-data; boundary=attestB0undary' \
		--data-binary @"$TMP/mp.body" "$url" >"$TMP/code"
}
for hi in "${!HOSTILE[@]}"; do
	printf '%s' "${HOSTILE[$hi]}" | python3 -c 'import sys, urllib.parse
sys.stdout.buffer.write(urllib.parse.unquote_to_bytes(sys.stdin.read()))' >"$TMP/hv.$hi"
done
printf 'N-2017-04-21-CHI' >"$TMP/v.notice"
printf 'legal_counsel' >"$TMP/v.authority"
# The token is bound to the session, so one serves every post.
printf '%s' "$(csrf_of "$TMP/jar.chi" /portal)" >"$TMP/v.csrf"
for p in notice signer signer_title authority summary; do
	for hi in "${!HOSTILE[@]}"; do
		base=()
		[ "$p" != notice ] && base+=("notice=$TMP/v.notice")
		multipart "$TMP/mp.body" "$p=$TMP/hv.$hi" "${base[@]}" "csrf=$TMP/v.csrf"
		post_multipart "$URL/portal/certifications" -b "$TMP/jar.chi"
		check "POST /portal/certifications $p=${HOSTILE[$hi]:0:24}"
		multipart "$TMP/mp.body" "$p=$TMP/hv.$hi" "${base[@]}"
		post_multipart "$URL/api/v1/certifications" -H "Authorization: Bearer $chi_token"
		check "POST /api/v1/certifications $p=${HOSTILE[$hi]:0:24}"
	done
done
FNAMES=('<script>alert(1)<\script>.txt' '"><img src=x onerror=alert(1)>.txt'
	$'a\r\nSet-Cookie: evil=1.txt' "'; DROP TABLE users; --.txt" $'\xff\xfe.txt'
	'../../etc/passwd.txt' "$(head -c 300 /dev/zero | tr '\0' n).txt" '.hidden.txt')
for fi in "${!FNAMES[@]}"; do
	printf '%s' "${FNAMES[$fi]}" >"$TMP/fn.$fi"
	multipart "$TMP/mp.body" "notice=$TMP/v.notice" "authority=$TMP/v.authority" \
		"file:opinion=$TMP/fn.$fi:$TMP/op.txt"
	post_multipart "$URL/api/v1/certifications" -H "Authorization: Bearer $chi_token"
	shown=${FNAMES[$fi]//[$'\r\n']/ }
	check "POST /api/v1/certifications with file name ${shown:0:24}"
	if [ "$(cat "$TMP/code")" = 201 ]; then
		get "$URL$(jq -r '.documents[0].href' "$TMP/body")"
		check "its document downloads"
		ok '! grep -qi "Set-Cookie: evil" "$TMP/hdr" && grep -q "^Content-Disposition: attachment; filename=\"[A-Za-z0-9._-]*\"" "$TMP/hdr"' \
			"its download name is made safe (${shown:0:24})"
	fi
done
is "$(grep -c . <<<"$(for fi in 2 4; do
	printf '%s' "${FNAMES[$fi]}" >"$TMP/fn.x"
	multipart "$TMP/mp.body" "notice=$TMP/v.notice" "file:opinion=$TMP/fn.x:$TMP/op.txt"
	post_multipart "$URL/api/v1/certifications" -H "Authorization: Bearer $chi_token"
	cat "$TMP/code"; echo
done | grep -v '^400$')")" 0 "file names with CR/LF or bad UTF-8 are refused"
for p in /portal /jurisdictions/1714000 /records/certifications; do
	curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$TMP/jar.chi" "$URL$p" >"$TMP/code"
	check "what the upload stored, shown at $p"
done
get "$URL/jurisdictions/1714000"
check "what the upload stored, shown to staff on Chicago's page"

# The stored hostile record, on every page and export that shows it.
for p in /records/agencies /records/agencies/EVIL-1 /jurisdictions/1714000 \
    /api/v1/agencies/EVIL-1 "/api/v1/agencies?limit=1000" "/api/v1/agencies?format=csv&limit=1000" \
    "/api/v1/agencies?q=script" /; do
	get "$URL$p"
	check "stored hostile record shown at $p"
done
get "$URL/records/agencies/EVIL-1"
like "$(cat "$TMP/body")" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "HTML shows the script tag as text"
ok '! grep -q "href=\"javascript:" "$TMP/body"' "a javascript: address is never a link"
get "$URL/api/v1/agencies/EVIL-1"
is "$(jq -r .name "$TMP/body")" '<script>alert(1)</script>' "JSON keeps the text exactly"
like "$(cat "$TMP/body")" '\\u003cscript\\u003e' "JSON escapes < and >"
get "$URL/api/v1/agencies?format=csv&limit=1000"
like "$(cat "$TMP/body")" "\"'; DROP TABLE users; --\"|'; DROP TABLE users; --" "CSV carries SQL metacharacters as data"

# The review queue and actions: hostile text in each free-text field
# with the other fields valid, so what is accepted is stored and shown
# back (inert), and what is not is refused; the ids are checked too.
apr_token=$("$ATTEST" --db "$DB" user token apr)
post_form() { # JAR PATH BODY
	local tok
	tok=$(csrf_of "$1" /reviews)
	printf '%s&csrf=%s' "$3" "$tok" >"$TMP/req.form"
	curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -b "$1" \
		--data-binary @"$TMP/req.form" "$URL$2" >"$TMP/code"
}
post_api() { # TOKEN PATH JSON
	printf '%s' "$3" >"$TMP/req.json"
	curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' \
		-H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
		--data-binary @"$TMP/req.json" "$URL$2" >"$TMP/code"
}
for hi in "${!HOSTILE[@]}"; do
	h=${HOSTILE[$hi]}
	j=${HOSTILE_JSON[$hi]}
	for f in rationale provisions id; do
		post_form "$TMP/jar" /reviews "certification=CERT-CA-2017-06-29&finding=complies&$f=$h"
		check "POST /reviews with hostile $f=${h:0:24}"
	done
	post_api "$token" /api/v1/reviews "{\"certification\":\"CERT-PHL-2017-06-22\",\"finding\":\"complies\",\"rationale\":$j}"
	check "POST /api/v1/reviews with hostile rationale ${h:0:24}"
	for f in summary amount id condition notice ruling award jurisdiction; do
		post_form "$TMP/jar" /actions "kind=release&award=FY2017-JAG-CHI-NOFAIN&jurisdiction=1714000&date=2017-10-01&$f=$h"
		check "POST /actions with hostile $f=${h:0:24}"
	done
	post_api "$apr_token" /api/v1/actions "{\"kind\":\"release\",\"award\":\"FY2017-JAG-CHI-NOFAIN\",\"jurisdiction\":\"1714000\",\"summary\":$j}"
	check "POST /api/v1/actions with hostile summary ${h:0:24}"
done
# Each proposal the admin made is decided by the approver with a hostile
# reason: returned through the form, or through the API.
"$ATTEST" --db "$DB" review list --status proposed | awk '{print $1}' >"$TMP/proposed"
i=0
while read -r rid; do
	h=${HOSTILE[$((i % ${#HOSTILE[@]}))]}
	j=${HOSTILE_JSON[$((i % ${#HOSTILE[@]}))]}
	if [ $((i % 2)) -eq 0 ]; then
		post_form "$TMP/jar.apr" "/reviews/$rid" "decision=return&reason=$h"
		check "POST /reviews/$rid with a hostile reason ${h:0:24}"
	else
		post_api "$apr_token" "/api/v1/reviews/$rid" "{\"decision\":\"return\",\"reason\":$j}"
		check "POST /api/v1/reviews/$rid with a hostile reason ${h:0:24}"
	fi
	i=$((i + 1))
done <"$TMP/proposed"
ok '[ "$(grep -c . "$TMP/proposed")" -ge 4 ]' "hostile proposals were stored (and then decided)"
for p in /reviews /api/v1/reviews /funds "/funds?as_of=2017-10-01" "/api/v1/funds-at-risk?as_of=2017-10-01" \
    "/api/v1/funds-at-risk?as_of=2017-10-01&format=csv" /audit "/api/v1/audit?limit=1000" \
    /records/actions /records/reviews /; do
	get "$URL$p"
	check "hostile reviews and actions shown at $p"
done
get "$URL/reviews"
like "$(cat "$TMP/body")" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "the queue shows a hostile rationale as text"
ok '"$ATTEST" --db "$DB" user list | grep -q "^ada"' "the users table is still there"
ok '! "$ATTEST" --db "$DB" user list | grep -Eq "script|DROP|evil"' "no hostile user was created"
done_testing
