#!/bin/bash
# The evidence section of a jurisdiction's page: a county's yearly
# figures as the ICE CSV in ../shared/data holds them, its monthly
# figures from detainer records, the data's known gaps beside them, and
# the charts drawn inline as SVG through the escaping writer (no script,
# no style attribute: the strict CSP holds).  A county with no evidence
# has no such section.
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data" ] || skip_all "no ../shared/data"
command -v curl >/dev/null 2>&1 || skip_all "no curl"
command -v python3 >/dev/null 2>&1 || skip_all "no python3"
D=$AT_SHARED/data
DECLINED=$D/ice_detainers_declined_by_facility_year_2007_2015.csv
OTHER=$D/ice_detainers_not_declined_by_facility_year_2007_2015.csv

db=$(fresh_db)
"$ATTEST" --db "$db" import jurisdictions "$D/county_fips_master.csv" >/dev/null 2>&1 &&
	"$ATTEST" --db "$db" import ice-aggregates "$DECLINED" >/dev/null 2>&1 &&
	"$ATTEST" --db "$db" import ice-aggregates "$OTHER" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "counties and the ICE facility tables load"
# Detainer records for Santa Clara County: 3 in 2014-03 (1 declined),
# 2 in 2015-01 (both declined).
cat >"$TMP/d.csv" <<'CSV'
detainer_id,issued_date,facility,facility_county_fips,outcome,outcome_date
P1,2014-03-02,SANTA CLARA MAIN JAIL,06085,Detainer Declined by LEA,2014-03-04
P2,2014-03-09,SANTA CLARA MAIN JAIL,06085,Removed,2014-05-01
P3,2014-03-30,SANTA CLARA MAIN JAIL,06085,,
P4,2015-01-05,ELMWOOD CORRECTIONAL,06085,Detainer Declined by LEA,2015-01-06
P5,2015-01-20,ELMWOOD CORRECTIONAL,06085,Detainer Declined by LEA,2015-01-21
CSV
"$ATTEST" --db "$db" import detainers "$TMP/d.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "detainer records load"

"$ATTEST" --db "$db" serve --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$TMP"' EXIT
for _i in $(seq 400); do
	grep -q '^attest: serving' "$TMP/serve.out" 2>/dev/null && break
	sleep 0.05
done
URL=$(sed -n 's|^attest: serving \(http://[^ ]*\)/$|\1|p' "$TMP/serve.out")
ok "[ -n '$URL' ]" "serve starts"

curl -s -D "$TMP/h" "$URL/jurisdictions/06013" >"$TMP/06013.html"
like "$(cat "$TMP/06013.html")" '<h2 id="evidence">Evidence' "Contra Costa's page has an evidence section"
# Its yearly declined counts against the CSV: every facility the page
# places in the county, summed per year straight from the file.
python3 - "$TMP/06013.html" "$DECLINED" >"$TMP/py.out" 2>&1 <<'PY'
import csv, html, re, sys
from collections import defaultdict
page = open(sys.argv[1]).read()
src = page[page.index('id="ice_facility_tables"'):]
src = src[:src.index('</div>')]
tables = re.findall(r'<table class="figures">(.*?)</table>', src, re.S)
def rows(t):
    return [[html.unescape(re.sub(r'<[^>]*>', '', c)) for c in re.findall(r'<td[^>]*>(.*?)</td>', r, re.S)]
            for r in re.findall(r'<tr>(.*?)</tr>', t, re.S)]
years = {r[0]: r[2] for r in rows(tables[0]) if r}
facs = set()
for r in rows(tables[1]):
    if r:
        name = r[0].split(' (matched by')[0]
        m = re.match(r'(.*) \((.*), (.*)\)$', name)
        facs.add(m.groups())
want = defaultdict(int)
for r in csv.DictReader(open(sys.argv[2])):
    if (r["det_facility"], r["city"], r["state"]) in facs:
        want[r["year"]] += int(r["declined_count"])
got = {y: int(v) for y, v in years.items() if v not in ("\u2013", "0")}
if not want or got != dict(want):
    sys.exit("page %s != csv %s (facilities %s)" % (got, dict(want), sorted(facs)))
print(len(facs), "facilities,", ", ".join("%s: %s" % kv for kv in sorted(got.items())))
PY
ok "[ $? -eq 0 ]" "its yearly declined figures are the CSV's for its facilities ($(cat "$TMP/py.out"))"
# One figure straight from the file, without the program's matching.
want=$(python3 -c "
import csv
print(sum(int(r['declined_count']) for r in csv.DictReader(open('$DECLINED'))
          if r['state'] == 'CALIFORNIA' and r['det_facility'].startswith('CONTRA COSTA')
          and r['year'] == '2014'))")
like "$(tr -d '\n' <"$TMP/06013.html")" "<tr><td>2014</td><td class=\"num\">–</td><td class=\"num\">$want</td>" \
	"2014 declined is the CSV's $want, issued shown as not stated"
like "$(cat "$TMP/06013.html")" "no declined share can be computed" "the gaps are stated beside the figures"
like "$(cat "$TMP/06013.html")" "2007-10-01 to 2015-07-19" "... with the period the tables cover"
like "$(cat "$TMP/06013.html")" '<svg xmlns="http://www.w3.org/2000/svg"[^>]*role="img"' "the chart is inline SVG"
like "$(cat "$TMP/06013.html")" '<rect x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="[0-9.]+" fill="#c0392b"><title>declined \(ICE facility tables\) 2014: '"$want"'</title></rect>' \
	"... with a bar for 2014's $want"
ok "! grep -qi '<script' $TMP/06013.html" "the page has no script"
ok "! grep -qi ' style=' $TMP/06013.html" "... and no style attribute"
like "$(cat "$TMP/h")" "Content-Security-Policy: default-src 'self'; script-src 'none'" "... under the strict CSP"

# Santa Clara: detainer records per year and per month, with lines.
page=$(curl -s "$URL/jurisdictions/06085" | tr -d '\n')
like "$page" '<div class="source" id="detainers"><h3>detainer records</h3>' "Santa Clara's page shows its detainer records"
like "$page" '<tr><td>2014</td><td class="num">3</td><td class="num">1</td><td class="num">1</td><td class="num">33.3%</td></tr>' \
	"2014: 3 issued, 1 declined, 1 other, 33.3% declined"
like "$page" '<tr><td>2015-01</td><td class="num">2</td><td class="num">2</td><td class="num">0</td><td class="num">100.0%</td></tr>' \
	"2015-01: 2 issued, both declined"
like "$page" 'a detainer with no outcome is counted as issued only' "the records' gaps are stated"
like "$page" '<polyline fill="none" stroke="#c0392b" stroke-width="1.5" points="[0-9., ]+"><title>declined</title></polyline>' \
	"the monthly chart is drawn as lines"

# A county without evidence: no section.
page=$(curl -s "$URL/jurisdictions/02013")
like "$page" "Aleutians East" "a county with no evidence still has its page"
ok "! printf '%s' \"\$page\" | grep -q 'id=\"evidence\"'" "... without an evidence section"
done_testing
