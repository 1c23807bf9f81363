#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Letters on the web: a notice's letter as a page and as a PDF download
# (and through the API), the PDF byte-identical to `attest letter render
# --pdf` with the same SHA-256 shown; who may read which letter (staff
# all, a recipient its own jurisdiction's, the public those of verified
# notices); links from the notice's and the jurisdiction's pages; the
# PDF's hash kept per letter and data version, so a second view renders
# nothing (the request log says pdf=rendered or pdf=kept); and no letter
# read over the web is recorded.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

DB="$TMP/demo.db"
demo_db "$DB" || { echo "Bail out! demo load failed"; exit 1; }
N=N-2017-04-21-CHI
"$ATTEST" --db "$DB" letter render "$N" --pdf "$TMP/cli.pdf" --as clerk >/dev/null
cli_sha=$(sha256sum "$TMP/cli.pdf" | cut -d' ' -f1)
ok '[ ${#cli_sha} = 64 ]' "the command line renders Chicago's letter"
letters_logged() { "$ATTEST" --db "$DB" audit log | awk -F'\t' '$5 == "letters"' | wc -l; }
audit_before=$(letters_logged)
is "$audit_before" 1 "the command line recorded the letter it wrote"
rev=$("$ATTEST" --db "$DB" user token rev --label t)
chi=$("$ATTEST" --db "$DB" user token chi --label t)
serve_start "$DB" || { echo "Bail out! serve did not start"; exit 1; }
is "$(login "$TMP/jar.rev" rev review-pass-1)" 303 "a reviewer signs in"
is "$(login "$TMP/jar.chi" chi recip-pass-1)" 303 "Chicago's recipient signs in"

# The page.
code=$(curl -s -o "$TMP/page" -w '%{http_code}' -b "$TMP/jar.rev" "$URL/letters/$N")
is "$code" 200 "the letter page answers"
like "$(cat "$TMP/page")" "<h1>Letter: " "it is headed as a letter"
like "$(cat "$TMP/page")" "<code class=\"sha256\">$cli_sha</code>" \
	"it shows the SHA-256 of the PDF the command line writes"
like "$(cat "$TMP/page")" 'href="/letters/N-2017-04-21-CHI/pdf"' "it links the PDF"
like "$(cat "$TMP/page")" 'Office of Justice Programs' "it holds the letter's text"
ok '! grep -q "<style" "$TMP/page"' "no inline style (the CSP forbids it)"

# The PDF.
code=$(curl -s -D "$TMP/hdr" -o "$TMP/web.pdf" -w '%{http_code}' -b "$TMP/jar.rev" "$URL/letters/$N/pdf")
is "$code" 200 "the PDF downloads"
like "$(cat "$TMP/hdr")" $'Content-Type: application/pdf\r' "as application/pdf"
like "$(cat "$TMP/hdr")" "Content-Disposition: attachment; filename=\"letter-$N.pdf\"" \
	"as an attachment with a safe name"
is "$(head -c 5 "$TMP/web.pdf")" "%PDF-" "it is a PDF"
is "$(sha256sum "$TMP/web.pdf" | cut -d' ' -f1)" "$cli_sha" \
	"byte for byte the PDF of attest letter render --pdf"

# The API.
curl -s -H "Authorization: Bearer $rev" "$URL/api/v1/letters/$N" >"$TMP/api.json"
is "$(jq -r .pdf.sha256 "$TMP/api.json")" "$cli_sha" "the API gives the same SHA-256"
is "$(jq -r .pdf.href "$TMP/api.json")" "/api/v1/letters/$N/pdf" "and links the PDF"
like "$(jq -r .text "$TMP/api.json")" "Office of Justice Programs" "and the letter's text"
is "$(curl -s -H "Authorization: Bearer $rev" "$URL/api/v1/letters/$N/pdf" | sha256sum | cut -d' ' -f1)" \
	"$cli_sha" "the API's PDF is the same bytes"

# The hash is kept: only the first view rendered the PDF.
# notes PATH WHAT WANT: the request log's lines for GET PATH ending
# pdf=WHAT. The server logs a request once its answer has gone out, so
# curl may be back first: wait (5 s at most) for WANT lines to be there.
notes() {
	local n i=0
	while n=$(grep -c "^GET $1 200 [0-9.]*ms pdf=$2\$" "$TMP/serve.log" || true)
		[ "$n" -lt "$3" ] && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	echo "$n"
}
is "$(notes "/letters/$N" rendered 1)" 1 "the first view of the page rendered the PDF, for its hash"
code=$(curl -s -o "$TMP/page2" -w '%{http_code}' -b "$TMP/jar.rev" "$URL/letters/$N")
is "$code" 200 "the page answers again"
is "$(notes "/letters/$N" kept 1)" 1 "the second view rendered nothing: the hash was kept"
is "$(notes "/letters/$N" rendered 1)" 1 "(one rendering still)"
is "$(notes "/api/v1/letters/$N" kept 1)" 1 "the API's letter used the kept hash too"
like "$(cat "$TMP/page2")" "<code class=\"sha256\">$cli_sha</code>" \
	"the kept hash is the SHA-256 of attest letter render --pdf"
is "$(grep -o 'Download the PDF</a> ([0-9]* bytes' "$TMP/page2")" \
	"Download the PDF</a> ($(wc -c <"$TMP/cli.pdf") bytes" "and the size kept is the PDF's"
echo "temp-pass-12" | "$ATTEST" --db "$DB" user add letter-temp --role reviewer >/dev/null
curl -s -o "$TMP/page3" -b "$TMP/jar.rev" "$URL/letters/$N"
is "$(notes "/letters/$N" rendered 2)" 2 "after a write (a new data version) the next view renders again"
like "$(cat "$TMP/page3")" "<code class=\"sha256\">$cli_sha</code>" "to the same SHA-256"
"$ATTEST" --db "$DB" letter render N-2017-04-21-NYC --pdf "$TMP/nyc.pdf" --as clerk >/dev/null
like "$(curl -s -b "$TMP/jar.rev" "$URL/letters/N-2017-04-21-NYC")" \
	"<code class=\"sha256\">$(sha256sum "$TMP/nyc.pdf" | cut -d' ' -f1)</code>" \
	"each letter its own hash"
audit_before=$(letters_logged)

# Who may read which letter.
is "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.chi" "$URL/letters/$N/pdf")" 200 \
	"a recipient reads its own jurisdiction's letter"
is "$(curl -s -o "$TMP/b" -w '%{http_code}' -b "$TMP/jar.chi" "$URL/letters/N-2017-04-21-NYC")" 403 \
	"but not another jurisdiction's"
ok '! grep -q "%PDF\|New York" "$TMP/b"' "and sees nothing of it"
is "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.chi" "$URL/letters/N-2017-04-21-NYC/pdf")" 403 \
	"nor its PDF"
is "$(curl -s -o "$TMP/b" -w '%{http_code}' -H "Authorization: Bearer $chi" "$URL/api/v1/letters/N-2017-04-21-NYC")" 403 \
	"nor through the API"
is "$(jq -r .error.code "$TMP/b")" denied "with a JSON error"
is "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.rev" "$URL/letters/N-2017-04-21-NYC/pdf")" 200 \
	"staff read every letter"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/letters/$N")" 200 \
	"the public reads the letter of a verified notice"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/letters/$N/pdf")" 200 \
	"and its PDF through the API"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/letters/N-2017-08-07-CLARK/pdf")" 403 \
	"but not the letter of an unverified one"
is "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar.rev" "$URL/letters/N-NO-SUCH")" 404 \
	"an unknown notice is 404"
is "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $rev" "$URL/api/v1/letters/N-NO-SUCH/pdf")" 404 \
	"in the API too"

# Links.
like "$(curl -s -b "$TMP/jar.rev" "$URL/jurisdictions/1714000")" "href=\"/letters/$N\"" \
	"Chicago's page links its letter"
like "$(curl -s "$URL/records/notices/$N")" "href=\"/letters/$N/pdf\"" \
	"the notice's page links its PDF"
ok '! curl -s -b "$TMP/jar.chi" "$URL/jurisdictions/3651000" | grep -q "href=\"/letters/"' \
	"a recipient sees no letter links on another jurisdiction's page"

serve_stop
is "$(letters_logged)" "$audit_before" \
	"reading letters over the web records nothing"
done_testing
