#!/bin/bash
# The detainer records themselves, a page at a time: attest evidence
# --records (text, JSON, CSV), GET /api/v1/jurisdictions/{id}/detainers
# (JSON, CSV) and the page /jurisdictions/{id}/detainers.  Paging through
# a county yields exactly the rows the database holds for it, in
# (issued_date, detainer_id) order, with no repeat and no gap across
# pages; going back from the last page (prev, before=, Link rel="prev",
# "Previous page") gives the very pages going forward gave; from and to
# bound the days inclusively; bad input is refused naming the field;
# records reach a page only through the escaping writer.
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
command -v curl >/dev/null 2>&1 || skip_all "no curl"
command -v cc >/dev/null 2>&1 || skip_all "no C compiler for the generator"
cc -O2 -o "$TMP/gen" "$AT_SRC/bench/gen_detainers.c" || skip_all "generator does not build"

db=$(fresh_db)
if [ -n "${ATTEST_TEST_DB_URL:-}" ]; then
	sql() { "${AT_PG_BINDIR:-/usr/lib/postgresql/15/bin}/psql" -qAt -d "$db" -c "$1"; }
else
	command -v sqlite3 >/dev/null 2>&1 || skip_all "no sqlite3"
	sql() { sqlite3 "$db" "$1"; }
fi

# Three counties, so each has hundreds of records (and Contra Costa
# more than one CSV page of 1000); then rows of one day whose ids sort
# differently from their order in the file ('Z' before 'a' in bytes),
# and a facility name that is markup.
printf '06085\n06013\n06001\n' >"$TMP/counties"
"$TMP/gen" 3000 "$TMP/counties" >"$TMP/d.csv"
cat >>"$TMP/d.csv" <<'CSV'
a1,2012-06-15,SANTA CLARA MAIN JAIL,06085,Removed,2012-07-01,MEXICO
Z3,2012-06-15,SANTA CLARA MAIN JAIL,06085,,,
Z1,2012-06-15,"<script>alert(1)</script> & JAIL ""A""",06085,Detainer Declined by LEA,2012-06-16,PERU
Z2,2012-06-15,=SUM(A1),06085,Removed,2012-06-30,
CSV
"$ATTEST" --db "$db" import jurisdictions "$AT_SHARED/data/county_fips_master.csv" >/dev/null 2>&1 &&
	"$ATTEST" --db "$db" import detainers "$TMP/d.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "counties and 3,004 detainer records load"

# want COUNTY [FROM TO]: "id,day" of the county's records in order,
# straight from the database.
want() {
	sql "SELECT detainer_id || ',' || issued_date FROM evidence_detainers
	     WHERE facility_county_fips = '$1' AND issued_date >= '${2:-0000-00-00}'
	     AND issued_date <= '${3:-9999-99-99}' ORDER BY issued_date, detainer_id"
}
want 06085 >"$TMP/want.85"
n85=$(wc -l <"$TMP/want.85")
ok "[ $n85 -gt 400 ]" "Santa Clara has $n85 records"
is "$(grep ',2012-06-15$' "$TMP/want.85" | tail -4 | cut -d, -f1 | tr '\n' ' ')" "Z1 Z2 Z3 a1 " \
	"the database orders ids of one day by their bytes"

# ---- the command line: JSON pages of 97 ----
after=
pages=0
: >"$TMP/cli.85"
while :; do
	"$ATTEST" --db "$db" evidence 06085 --records --json --limit 97 \
		${after:+--after "$after"} >"$TMP/p.json" || break
	pages=$((pages + 1))
	jq -r '.rows[] | .detainer_id + "," + .issued_date' "$TMP/p.json" | tee "$TMP/fwd.$pages" >>"$TMP/cli.85"
	[ "$pages" -eq 1 ] && cp "$TMP/p.json" "$TMP/first.json"
	after=$(jq -r '.next // empty' "$TMP/p.json")
	[ -z "$after" ] || [ "$pages" -gt 50 ] && break
done
is "$pages" $(((n85 + 96) / 97)) "--json --limit 97: $(((n85 + 96) / 97)) pages, the last with next null"
ok "cmp -s $TMP/cli.85 $TMP/want.85" "... whose rows are the county's, in order, none repeated or missing"
is "$(jq -c '[.jurisdiction, .limit, (.rows | length), .next]' "$TMP/p.json")" \
	"[\"06085\",97,$((n85 - 97 * (pages - 1))),null]" "the last page says so"
is "$(jq -c '[(.prev | type), (.next | type)]' "$TMP/first.json")" '["null","string"]' \
	"the first page has no prev, a next"

# Back from the last page by prev: the forward pages again, last to first.
before=$(jq -r '.prev // empty' "$TMP/p.json")
back=$pages
same=0
while [ -n "$before" ] && [ "$back" -gt 1 ]; do
	back=$((back - 1))
	"$ATTEST" --db "$db" evidence 06085 --records --json --limit 97 --before "$before" >"$TMP/b.json" || break
	jq -r '.rows[] | .detainer_id + "," + .issued_date' "$TMP/b.json" >"$TMP/bwd.$back"
	cmp -s "$TMP/bwd.$back" "$TMP/fwd.$back" && same=$((same + 1))
	before=$(jq -r '.prev // empty' "$TMP/b.json")
done
is "$back,$same" "1,$((pages - 1))" "--before prev from the last page: pages $((pages - 1)) to 1, each the same rows in the same order as forward"
is "$(jq -c '[.prev, (.rows | length)]' "$TMP/b.json")" '[null,97]' "... the first of them has no prev"
is "$(jq -r .next "$TMP/b.json")" "$(jq -r .next "$TMP/first.json")" "... and the same next as the first page"
"$ATTEST" --db "$db" evidence 06085 --records --json --from 2012-06-15 --to 2012-06-15 >"$TMP/day.json"
is "$(jq -c '.rows[] | select(.detainer_id == "Z1") | [.facility, .outcome_date, .extra]' "$TMP/day.json")" \
	'["<script>alert(1)</script> & JAIL \"A\"","2012-06-16",{"citizenship":"PERU"}]' \
	"a record's fields as stored, its other columns as an object"
is "$(jq -c '.rows[] | select(.detainer_id == "Z3") | [.outcome, .outcome_date, .extra]' "$TMP/day.json")" \
	'[null,null,null]' "... and null where the file had nothing"

# A day's ties, one record a page: the cursor names the id within the day.
after=
: >"$TMP/ties"
for _i in $(seq 20); do
	"$ATTEST" --db "$db" evidence 06085 --records --json --limit 1 \
		--from 2012-06-15 --to 2012-06-15 ${after:+--after "$after"} >"$TMP/p.json"
	jq -r '.rows[].detainer_id' "$TMP/p.json" >>"$TMP/ties"
	after=$(jq -r '.next // empty' "$TMP/p.json")
	[ -z "$after" ] && break
done
is "$(tr '\n' ' ' <"$TMP/ties")" "$(grep ',2012-06-15$' "$TMP/want.85" | cut -d, -f1 | tr '\n' ' ')" \
	"one record a page through one day: every id once, in order"
before=$(jq -r '.prev // empty' "$TMP/p.json")
: >"$TMP/ties.back"
for _i in $(seq 20); do
	[ -z "$before" ] && break
	"$ATTEST" --db "$db" evidence 06085 --records --json --limit 1 \
		--from 2012-06-15 --to 2012-06-15 --before "$before" >"$TMP/p.json"
	jq -r '.rows[].detainer_id' "$TMP/p.json" >>"$TMP/ties.back"
	before=$(jq -r '.prev // empty' "$TMP/p.json")
done
is "$(tac "$TMP/ties.back" | tr '\n' ' ')" "$(sed '$d' "$TMP/ties" | tr '\n' ' ')" \
	"... and back by prev, one record a page: every id before the last once"

# Text: a table, then the way on.
"$ATTEST" --db "$db" evidence 06085 --records --limit 3 >"$TMP/t.txt"
like "$(head -1 "$TMP/t.txt")" "^issued +detainer_id +facility +outcome +outcome_date$" "text: a table with a header"
is "$(sed -n 2,4p "$TMP/t.txt" | awk '{ print $2 "," $1 }')" "$(head -3 "$TMP/want.85")" \
	"... the first three records"
after=$(sed -n 's/^more: --after //p' "$TMP/t.txt")
ok "[ -n '$after' ]" "... and the cursor of the next page"
ok "! grep -q '^more: --before' $TMP/t.txt" "... and none of a page before the first"
"$ATTEST" --db "$db" evidence 06085 --records --limit 2 --after "$after" >"$TMP/t2.txt"
is "$(sed -n 2,3p "$TMP/t2.txt" | awk '{ print $2 "," $1 }')" "$(sed -n 4,5p "$TMP/want.85")" "--after it gives the fourth and fifth"
before=$(sed -n 's/^more: --before //p' "$TMP/t2.txt")
ok "[ -n '$before' ] && grep -q '^more: --after ' $TMP/t2.txt" "... with the cursors of the pages before and after"
is "$("$ATTEST" --db "$db" evidence 06085 --records --limit 2 --before "$before" | sed -n 2,3p |
	awk '{ print $2 "," $1 }')" "$(sed -n 2,3p "$TMP/want.85")" "--before it gives the second and third"

# CSV without --limit: every page, one header.
want 06013 >"$TMP/want.13"
n13=$(wc -l <"$TMP/want.13")
"$ATTEST" --db "$db" evidence 06013 --records --csv >"$TMP/all.csv" 2>"$TMP/err"
ok "[ $? -eq 0 ] && [ $n13 -gt 1000 ]" "--csv: Contra Costa's $n13 records, more than one page of 1000"
is "$(head -1 "$TMP/all.csv" | tr -d '\r')" \
	"detainer_id,issued_date,facility,facility_county_fips,outcome,outcome_date,extra" "one header"
is "$(tail -n +2 "$TMP/all.csv" | cut -d, -f1,2)" "$(cat "$TMP/want.13")" "... then every record in order"
ok "[ ! -s $TMP/err ]" "... with nothing on stderr"
"$ATTEST" --db "$db" evidence 06085 --records --csv --limit 5 >"$TMP/five.csv" 2>"$TMP/err"
is "$(wc -l <"$TMP/five.csv" | tr -d ' ')" 6 "--csv --limit 5: a header and five rows"
like "$(cat "$TMP/err")" "more records: --after [A-Za-z0-9_-]+" "... the cursor on stderr"

# from and to, inclusive.
want 06085 2009-03-01 2011-02-28 >"$TMP/want.span"
"$ATTEST" --db "$db" evidence 06085 --records --csv --from 2009-03-01 --to 2011-02-28 |
	tail -n +2 | cut -d, -f1,2 >"$TMP/got.span"
ok "cmp -s $TMP/got.span $TMP/want.span" "--from/--to: the $(wc -l <"$TMP/want.span") records of those days"
first=$(head -1 "$TMP/want.85" | cut -d, -f2)
is "$("$ATTEST" --db "$db" evidence 06085 --records --json --from "$first" --to "$first" | jq '.rows | length')" \
	"$(grep -c ",$first\$" "$TMP/want.85")" "from and to the same day: that day's records"

# Bad input: exit 2, the field named, nothing written.
bad() { # EXPECTED-PATTERN DESCRIPTION ARGS...
	local pat=$1 desc=$2
	shift 2
	"$ATTEST" --db "$db" evidence 06085 --records "$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	ok "[ $rc -eq 2 ] && [ ! -s $TMP/out ] && grep -Eq -- '$pat' $TMP/err" "$desc"
}
bad 'field from: "2014-13-01" is not a day' "--from 2014-13-01: exit 2 naming from" --from 2014-13-01
bad 'field to: "2014" is not a day' "--to 2014: exit 2 naming to" --to 2014
bad 'field to: 2010-01-01 is before from' "--to before --from: exit 2 naming to" --from 2011-01-01 --to 2010-01-01
bad 'field after: "nonsense" is not a cursor' "--after nonsense: exit 2 naming after" --after nonsense
bad 'field after: ' "a cursor cut short: exit 2" --after "${after:0:10}"
bad 'field limit: "0"' "--limit 0: exit 2 naming limit" --limit 0
bad 'field limit: "1001"' "--limit 1001: exit 2" --limit 1001
bad 'field limit: "ten"' "--limit ten: exit 2" --limit ten
after_cli=$after
bad 'field before: "nonsense" is not a cursor' "--before nonsense: exit 2 naming before" --before nonsense
bad 'field before: give after or before, not both' "--after and --before: exit 2 naming before" \
	--after "$after" --before "$before"
"$ATTEST" --db "$db" evidence 99999 --records >/dev/null 2>"$TMP/err"
ok "[ $? -eq 2 ] && grep -q 'field jurisdiction: no jurisdiction \"99999\"' $TMP/err" \
	"an unknown jurisdiction: exit 2 naming it"
"$ATTEST" --db "$db" evidence 06085 --limit 5 >/dev/null 2>&1
is "$?" 2 "--limit without --records is a usage error"

# ---- the API and the page ----
serve_start "$db" --quiet
ok "[ $? -eq 0 ]" "serve starts"
API=$URL/api/v1/jurisdictions

after=
pages=0
: >"$TMP/api.85"
while :; do
	curl -s -D "$TMP/h" -o "$TMP/p.json" -w '%{http_code}\n' "$API/06085/detainers?limit=128${after:+&after=$after}" >>"$TMP/codes"
	pages=$((pages + 1))
	jq -r '.rows[] | .detainer_id + "," + .issued_date' "$TMP/p.json" | tee "$TMP/afwd.$pages" >>"$TMP/api.85"
	[ "$pages" -eq 1 ] && cp "$TMP/h" "$TMP/h.first"
	after=$(jq -r '.next // empty' "$TMP/p.json")
	[ -z "$after" ] || [ "$pages" -gt 50 ] && break
done
is "$(sort -u "$TMP/codes")" 200 "API: every page is 200, without signing in"
is "$pages" $(((n85 + 127) / 128)) "API pages of 128: $(((n85 + 127) / 128)) of them"
ok "cmp -s $TMP/api.85 $TMP/want.85" "... holding exactly the county's records in order"
ok "! grep -q 'rel=\"prev\"' $TMP/h.first && ! grep -q 'rel=\"first\"' $TMP/h.first" \
	"the first page's Link names no previous or first page"
like "$(grep '^Link:' "$TMP/h")" 'rel="prev", <[^>]*>; rel="first"' "the last page's names both"
# rel: the target of rel="REL" in the Link header of headers file $1.
rel() { tr -d '\r' <"$1" | sed -n 's/^Link: //p' | tr ',' '\n' | sed -n "s/^ *<\([^>]*\)>; rel=\"$2\"\$/\1/p"; }
is "$(rel "$TMP/h" first)" /api/v1/jurisdictions/06085/detainers?limit=128 "... first the page without a cursor"
prev=$(rel "$TMP/h" prev)
back=$pages
same=0
while [ -n "$prev" ] && [ "$back" -gt 1 ]; do
	back=$((back - 1))
	curl -s -D "$TMP/h" -o "$TMP/b.json" "$URL$prev"
	jq -r '.rows[] | .detainer_id + "," + .issued_date' "$TMP/b.json" >"$TMP/abwd.$back"
	cmp -s "$TMP/abwd.$back" "$TMP/afwd.$back" && same=$((same + 1))
	prev=$(rel "$TMP/h" prev)
done
is "$back,$same" "1,$((pages - 1))" "API: Link rel=prev from the last page gives pages $((pages - 1)) to 1 as forward"
like "$prev$(jq -c '[.prev, (.rows | length)]' "$TMP/b.json")" '^\[null,128\]$' "... the first of them with no prev, in JSON or Link"
like "$(rel "$TMP/h" next)" '^/api/v1/jurisdictions/06085/detainers\?limit=128&after=' "... and a next"
curl -s "$API/06085/detainers?from=2009-03-01&to=2011-02-28&limit=1000" |
	jq -r '.rows[] | .detainer_id + "," + .issued_date' >"$TMP/got.span"
ok "cmp -s $TMP/got.span $TMP/want.span" "API from/to: the same records as the command line"
is "$(curl -s "$API/02013/detainers" | jq -c '[.rows, .next]')" "[[],null]" \
	"a county without records: no rows, next null"

# CSV: format=csv or Accept: text/csv; the next page in a Link header.
curl -s -D "$TMP/h" -o "$TMP/p.csv" "$API/06085/detainers?limit=10&format=csv"
like "$(cat "$TMP/h")" "Content-Type: text/csv" "format=csv: text/csv"
is "$(head -1 "$TMP/p.csv" | tr -d '\r')" \
	"detainer_id,issued_date,facility,facility_county_fips,outcome,outcome_date,extra" "... with a header"
is "$(tail -n +2 "$TMP/p.csv" | cut -d, -f1,2)" "$(head -10 "$TMP/want.85")" "... and the first ten records"
link=$(sed -n 's/^Link: <\([^>]*\)>; rel="next".*/\1/p' "$TMP/h")
like "$link" '^/api/v1/jurisdictions/06085/detainers\?limit=10&after=[A-Za-z0-9_-]+&format=csv$' \
	"... the next page in a Link header"
is "$(curl -s "$URL$link" | tail -n +2 | cut -d, -f1,2)" "$(sed -n 11,20p "$TMP/want.85")" \
	"which gives the next ten"
curl -s -D "$TMP/h" -o "$TMP/p.csv" -H 'Accept: text/csv' "$API/06085/detainers?from=2012-06-15&to=2012-06-15"
like "$(cat "$TMP/h")" "Content-Type: text/csv" "Accept: text/csv gives CSV too"
like "$(tr -d '\r' <"$TMP/p.csv")" 'Z1,2012-06-15,"<script>alert\(1\)</script> & JAIL ""A""",06085,Detainer Declined by LEA,2012-06-16,"\{""citizenship"":""PERU""\}"' \
	"... quoted as RFC 4180 says"
like "$(tr -d '\r' <"$TMP/p.csv")" "Z2,2012-06-15,\"'=SUM\(A1\)\"" "... a formula shown as text"
like "$(curl -s -D - -o /dev/null -H 'Accept: text/html,*/*;q=0.8' "$API/06085/detainers")" \
	"Content-Type: application/json" "a browser's Accept gets JSON"

api_bad() { # QUERY STATUS PATTERN DESCRIPTION
	local code
	code=$(curl -s -o "$TMP/b.json" -w '%{http_code}' "$API/$1")
	ok "[ '$code' = '$2' ] && jq -r .error.message $TMP/b.json | grep -Eq -- '$3'" "$4"
}
api_bad "06085/detainers?from=2014-02-30" 400 '^from: ' "API: a bad from is 400 naming from"
api_bad "06085/detainers?to=soon" 400 '^to: ' "... a bad to, naming to"
api_bad "06085/detainers?from=2011-01-01&to=2010-01-01" 400 '^to: .* before from' "... to before from"
api_bad "06085/detainers?limit=1001" 400 '^limit: ' "... a limit over 1000, naming limit"
api_bad "06085/detainers?after=nonsense" 400 '^after: ' "... a bad cursor, naming after"
api_bad "06085/detainers?before=nonsense" 400 '^before: .* not a cursor' "... a bad before cursor, naming before"
api_bad "06085/detainers?after=$after_cli&before=$before" 400 '^before: give after or before, not both' \
	"... both cursors, naming before"
api_bad "06085/detainers?format=xml" 400 '^format: ' "... an unknown format"
api_bad "99999/detainers" 404 'no such jurisdiction' "an unknown jurisdiction is 404"
api_bad "$(printf '0%.0s' $(seq 40))/detainers" 404 'no such jurisdiction' "... and one no FIPS code can be"

# The page: rows through the escaping writer, the next page linked.
curl -s -D "$TMP/h" "$URL/jurisdictions/06085/detainers?from=2012-06-15&to=2012-06-15" >"$TMP/day.html"
like "$(head -1 "$TMP/h")" " 200" "the page answers without signing in"
like "$(cat "$TMP/day.html")" '<td>&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; JAIL &quot;A&quot;</td>' \
	"a facility that is markup is shown as text"
ok "! grep -qi '<script' $TMP/day.html" "the page has no script"
like "$(cat "$TMP/day.html")" '<td class="day">2012-06-15</td><td><code>Z1</code></td>' "a row per record"
like "$(cat "$TMP/day.html")" '<td>citizenship: PERU</td>' "... with the file's other columns"
like "$(cat "$TMP/h")" "Content-Security-Policy: default-src 'self'; script-src 'none'" "... under the strict CSP"
curl -s "$URL/jurisdictions/06085/detainers?limit=25" >"$TMP/p1.html"
is "$(grep -o '<td><code>[^<]*</code>' "$TMP/p1.html" | sed 's/<[^>]*>//g')" "$(head -25 "$TMP/want.85" | cut -d, -f1)" \
	"page one: the first 25 records"
next=$(grep -o '<a href="[^"]*" rel="next">' "$TMP/p1.html" | sed 's/<a href="\([^"]*\)".*/\1/; s/&amp;/\&/g')
like "$next" '^/jurisdictions/06085/detainers\?limit=25&after=' "... linking the next page"
is "$(curl -s "$URL$next" | grep -o '<td><code>[^<]*</code>' | sed 's/<[^>]*>//g')" \
	"$(sed -n 26,50p "$TMP/want.85" | cut -d, -f1)" "which holds the next 25"
# Forward by "Next page", then back by "Previous page" from the last.
# href: the target of the pager's rel=$2 link in page $1.
href() { grep -o "<a href=\"[^\"]*\" rel=\"$2\">" "$1" | sed 's/<a href="\([^"]*\)".*/\1/; s/&amp;/\&/g'; }
ok "[ -z \"\$(href $TMP/p1.html prev)\" ] && ! grep -q 'Previous page' $TMP/p1.html" "page one has no Previous page"
url=/jurisdictions/06085/detainers?limit=100
pages=0
while [ -n "$url" ] && [ "$pages" -lt 20 ]; do
	pages=$((pages + 1))
	curl -s "$URL$url" >"$TMP/h.html"
	grep -o '<td><code>[^<]*</code>' "$TMP/h.html" | sed 's/<[^>]*>//g' >"$TMP/hfwd.$pages"
	url=$(href "$TMP/h.html" next)
done
is "$(cat "$TMP"/hfwd.? | tr '\n' ' ')" "$(cut -d, -f1 "$TMP/want.85" | tr '\n' ' ')" "Next page to the end: the county's records"
like "$(tr -d '\n' <"$TMP/h.html")" 'rel="first">First page</a><a href="[^"]*" rel="prev">Previous page</a><a href="[^"]*" rel="alternate">JSON' \
	"the last page: First page, then Previous page"
url=$(href "$TMP/h.html" prev)
back=$pages
same=0
while [ -n "$url" ] && [ "$back" -gt 1 ]; do
	back=$((back - 1))
	curl -s "$URL$url" >"$TMP/h.html"
	grep -o '<td><code>[^<]*</code>' "$TMP/h.html" | sed 's/<[^>]*>//g' >"$TMP/hbwd.$back"
	cmp -s "$TMP/hbwd.$back" "$TMP/hfwd.$back" && same=$((same + 1))
	url=$(href "$TMP/h.html" prev)
done
is "$back,$same" "1,$((pages - 1))" "Previous page from the last: pages $((pages - 1)) to 1 as forward"
ok "! grep -q 'Previous page' $TMP/h.html && grep -q 'rel=\"next\">Next page' $TMP/h.html" \
	"... the first of them with no Previous page, a Next page"
like "$(tr -d '\n' <"$TMP/h.html")" 'rel="first">First page</a><a href="[^"]*" rel="next">Next page</a><a href="/api/v1/jurisdictions/06085/detainers\?before=' \
	"... and its JSON link asks with its own cursor"
is "$(curl -s -o "$TMP/b.html" -w '%{http_code}' "$URL/jurisdictions/06085/detainers?before=%3Cb%3E")" 400 \
	"a bad before cursor on the page is 400"
like "$(cat "$TMP/b.html")" 'before: &quot;&lt;b&gt;&quot; is not a cursor' "... naming before, escaped"
is "$(curl -s -o /dev/null -w '%{http_code}' "$URL/jurisdictions/99999/detainers")" 404 \
	"the page of an unknown jurisdiction is 404"
is "$(curl -s -o "$TMP/b.html" -w '%{http_code}' "$URL/jurisdictions/06085/detainers?after=%3Cb%3E")" 400 \
	"a bad cursor is 400"
like "$(cat "$TMP/b.html")" 'after: &quot;&lt;b&gt;&quot; is not a cursor' "... naming after, escaped"
like "$(curl -s "$URL/jurisdictions/06085")" '<p class="records-link"><a href="/jurisdictions/06085/detainers">' \
	"the jurisdiction's evidence section links its records"
done_testing
