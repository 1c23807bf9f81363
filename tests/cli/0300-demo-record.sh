#!/bin/bash
# attest demo: the loaded record checked against ../shared/data/lists/
# (every listed jurisdiction present, with the FIPS codes the lists give)
# and against the dated facts of DOMAIN.md's timeline table (section 2.4)
# and its account of the process (section 2.3).
# Keep scratch files in the build tree when there is one: /tmp is shared.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
[ -d "$AT_SHARED/data/lists" ] || skip_all "no ../shared/data/lists"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
atlas=${ATTEST_ATLAS:-$AT_SRC/build/npm/node_modules/us-atlas/counties-albers-10m.json}
[ -f "$atlas" ] || skip_all "no us-atlas file (run make to fetch it)"
LISTS=$AT_SHARED/data/lists

db=$(fresh_db)
"$ATTEST" --db "$db" demo --data "$AT_SRC/data/demo" --atlas "$atlas" \
	>"$TMP/demo.out" 2>"$TMP/demo.err"
rc=$?
is "$rc" "0" "attest demo loads the record"
if [ "$rc" -ne 0 ]; then
	sed 's/^/#   /' "$TMP/demo.err"
	done_testing
	exit 1
fi

for k in jurisdictions agencies programs requirements conditions awards \
    policies provisions directives designations rulings notices \
    certifications events actions; do
	"$ATTEST" --db "$db" list "$k" --json >"$TMP/$k.json" 2>/dev/null ||
		echo '[]' >"$TMP/$k.json"
done
J=$TMP/jurisdictions.json
N=$TMP/notices.json

# q FILE FILTER ARGS...: run jq -r on a dumped kind.
q() {
	local f=$1
	shift
	jq -r "$@" <"$f"
}

for k in agencies programs requirements conditions awards policies \
    provisions directives designations rulings notices certifications \
    events actions; do
	read -r n nosrc < <(q "$TMP/$k.json" \
	    '"\(length) \([.[] | select((.source // "") == "")] | length)"')
	ok "[ $n -gt 0 ]" "$k: the demo holds some ($n)"
	is "$nosrc" "0" "$k: every row names its source"
done
# Amounts: only where a source states them, and the source names the figure.
while IFS=$'\t' read -r id cents src; do
	d=$((cents / 100))
	c=$(printf '%s' "$d" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
	ok "printf '%s' \"\$src\" | grep -qE '(\\\$$c|$d)'" "award $id: its source states the amount \$$c"
done < <(q "$TMP/awards.json" '.[] | select(.amount != null) | [.id, (.amount|tostring), .source] | @tsv')
is "$(q "$TMP/awards.json" '[.[] | select(.amount != null) | .id + "=" + (.amount/100|tostring)] | sort | join(" ")')" \
	"FY2016-JAG-CLARK-NOFAIN=975604 FY2016-JAG-MDC-NOFAIN=480000" \
	"the only amounts are Clark County's 975,604 and Miami-Dade's 480,000"

# State FIPS by USPS code, from the shared state list (DC is not in it).
declare -A ST
while IFS=, read -r fips abbr; do
	ST[$abbr]=$fips
done < <(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print("%02d,%s" % (int(r["fips"]), r["state_abbr"]))
' "$AT_SHARED/data/state_fips_master.csv")
ST[DC]=11

# jur ID: "kind|parent|also_in" of a loaded jurisdiction, or empty.
declare -A JUR
while IFS=$'\t' read -r id rest; do
	JUR[$id]=$rest
done < <(q "$J" '.[] | .id + "\t" + .kind + "|" + (.parent // "") + "|" + (.also_in // "")')
jur() {
	printf '%s' "${JUR[$1]:-}"
}

# notice_on JURISDICTION DATE KIND: "due_date" of that notice, "none" if
# the notice exists without one, empty if there is no such notice.
declare -A NOTE
while IFS=$'\t' read -r key due; do
	NOTE[$key]=${NOTE[$key]:-$due}
done < <(q "$N" '.[] | .jurisdiction + "|" + .date + "|" + .kind + "\t" + (.due_date // "none")')
notice_on() {
	printf '%s' "${NOTE[$1|$2|$3]:-}"
}

# --- The ten of the 2016 review -------------------------------------------
declare -A TEN=(
	["State of California"]=06 ["State of Connecticut"]=09
	["City of Chicago"]=1714000 ["Cook County"]=17031
	["City of New Orleans"]=22071 ["City of New York"]=3651000
	["City of Philadelphia"]=42101 ["Clark County (Las Vegas)"]=32003
	["Miami-Dade County"]=12086 ["Milwaukee County"]=55079
)
letters=0
while IFS=$'\x1f' read -r name type state sfips cfips apr oct notes; do
	id=${TEN[$name]:-}
	ok "[ -n '$id' ]" "ten: '$name' has a FIPS code in this test"
	[ -n "$id" ] || continue
	info=$(jur "$id")
	ok "[ -n '$info' ]" "ten: $name ($id) is loaded"
	is "${id:0:2}" "$sfips" "ten: $name is in state $sfips"
	if [ -n "$cfips" ]; then
		IFS='|' read -r _ parent _ <<<"$info"
		ok "[ '$id' = '$cfips' ] || [ '$parent' = '$cfips' ]" \
			"ten: $name is county $cfips or lies in it"
	fi
	# Counties the list's notes say the place spans.
	for c in $(printf '%s' "$notes" | grep -oE '\b[0-9]{5}\b'); do
		ok "printf '%s|%s' '$id' '$info' | grep -q '$c'" \
			"ten: $name is or spans county $c (list notes)"
	done
	case $apr in
	yes*)
		letters=$((letters + 1))
		is "$(notice_on "$id" 2017-04-21 certification_request)" "2017-06-30" \
			"ten: $name got the 2017-04-21 letter, due 2017-06-30" ;;
	*)
		is "$(notice_on "$id" 2017-04-21 certification_request)" "" \
			"ten: $name got no 2017-04-21 letter" ;;
	esac
	case $oct in
	preliminarily*)
		is "$(notice_on "$id" 2017-10-12 preliminary_finding)" "2017-10-27" \
			"ten: $name preliminarily found on 2017-10-12, answer due 2017-10-27" ;;
	"no evidence"*)
		is "$(notice_on "$id" 2017-10-12 clearance)" "none" \
			"ten: $name cleared on 2017-10-12" ;;
	"previously cleared"*)
		got=$(q "$N" --arg j "$id" '[.[] | select(.jurisdiction == $j and
		    .kind == "clearance" and .date > "2017-04-21" and
		    .date < "2017-10-12")] | length')
		is "$got" "1" "ten: $name was cleared between the April letter and 2017-10-12" ;;
	"not named"*)
		is "$(q "$N" --arg j "$id" '[.[] | select(.jurisdiction == $j and .date == "2017-10-12")] | length')" \
			"0" "ten: $name was not named on 2017-10-12" ;;
	*)
		ok false "ten: unknown Oct 12 status '$oct'" ;;
	esac
done < <(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print("\x1f".join(r[k] for k in ("jurisdiction", "jurisdiction_type", "state",
        "state_fips", "county_fips", "april_21_2017_letter", "oct_12_2017_status", "notes")))
' "$LISTS/doj_1373_review_2016_2017_ten_jurisdictions.csv")
is "$letters" "9" "ten: the list has nine April letters"
is "$(q "$N" '[.[] | select(.date == "2017-04-21" and .kind == "certification_request" and .due_date == "2017-06-30" and .due_rule == "fixed")] | length')" \
	"9" "nine certification requests of 2017-04-21, each due 2017-06-30 (fixed)"
is "$(q "$N" '[.[] | select(.date == "2017-04-21") | .conditions] | unique | join(",")')" \
	"JAG-FY2016-1373" "the April letters concern the FY2016 validation condition"

# --- The 29 of 2017-11-15 -------------------------------------------------
declare -A NOV=(
	[Albany]=3601000 [Berkeley]=0606000 ["Bernalillo County"]=35001
	[Burlington]=5010675 ["Contra Costa County"]=06013
	["City and County of Denver"]=08031 [Fremont]=0626000 [Jackson]=2836000
	["King County"]=53033 [Lawrence]=2534550 ["Los Angeles"]=0644000
	["Louisville Metro"]=21111 [Middlesex]=34023 ["Monterey County"]=06053
	["Multnomah County"]=41051 [Newark]=3451000 ["Riverside County"]=06065
	["Sacramento County"]=06067 ["City and County of San Francisco"]=06075
	["Santa Ana"]=0669000 ["Santa Clara County"]=06085 [Seattle]=5363000
	["Sonoma County"]=06097 ["Washington, District of Columbia"]=11
	[Watsonville]=0683668 ["West Palm Beach"]=1276600
	["State of Illinois"]=17 ["State of Oregon"]=41 ["State of Vermont"]=50
)
declare -A KINDS=([state]="state" [district]="district" [county]="county parish"
	[city]="city" [city-county]="county consolidated")
rows=0
while IFS=$'\x1f' read -r order name type state; do
	rows=$((rows + 1))
	id=${NOV[$name]:-}
	ok "[ -n '$id' ]" "29: '$name' has a FIPS code in this test"
	[ -n "$id" ] || continue
	info=$(jur "$id")
	ok "[ -n '$info' ]" "29: $name ($id) is loaded"
	is "${id:0:2}" "${ST[$state]}" "29: $name is in $state (${ST[$state]})"
	ok "printf ' %s ' '${KINDS[$type]}' | grep -q ' ${info%%|*} '" \
		"29: $name is a ${type} (loaded as ${info%%|*})"
	is "$(notice_on "$id" 2017-11-15 preliminary_finding)" "none" \
		"29: $name got a preliminary finding on 2017-11-15"
done < <(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print("\x1f".join(r[k] for k in ("order_in_press_release", "jurisdiction_as_named",
        "jurisdiction_type", "state")))
' "$LISTS/doj_2017_11_15_letters_29_jurisdictions.csv")
is "$rows" "29" "29: the list has 29 rows"
is "$(q "$N" '[.[] | select(.date == "2017-11-15" and .kind == "preliminary_finding")] | length')" \
	"29" "29 preliminary findings dated 2017-11-15"

# --- The 35 of 2025-08-05 -------------------------------------------------
declare -A CITY25=(
	[Albuquerque]=3502000 [Berkeley]=0606000 [Boston]=2507000
	[Chicago]=1714000 [Denver]=08031 ["East Lansing"]=2624120
	[Hoboken]=3432250 ["Jersey City"]=3436000 ["Los Angeles"]=0644000
	["New Orleans"]=22071 ["New York City"]=3651000 [Newark]=3451000
	[Paterson]=3457000 [Philadelphia]=42101 [Portland]=4159000
	[Rochester]=3663000 [Seattle]=5363000 ["San Francisco"]=06075
)
D=$TMP/designations.json
declare -A DSG
while read -r id; do
	DSG[$id]=1
done < <(q "$D" '.[] | select(.date == "2025-08-05" and .directive == "DOJ-LIST-2025-08-05") | .jurisdiction')
rows=0
while IFS=$'\x1f' read -r cat name abbr sfips cfips; do
	rows=$((rows + 1))
	case $cat in
	state) id=$sfips ;;
	county) id=$cfips ;;
	city) id=${CITY25[$name]:-} ;;
	esac
	ok "[ -n '$id' ]" "2025: '$name' has a FIPS code"
	[ -n "$id" ] || continue
	ok "[ -n '$(jur "$id")' ]" "2025: $name ($id) is loaded"
	is "${id:0:2}" "$sfips" "2025: $name is in state $sfips"
	ok "[ -n '${DSG[$id]:-}' ]" "2025: $name is designated on the 2025-08-05 list"
done < <(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print("\x1f".join(r[k] for k in ("category", "jurisdiction", "state_abbr", "state_fips", "county_fips")))
' "$LISTS/doj_2025_08_05_sanctuary_jurisdictions.csv")
is "$rows" "35" "2025: the list has 35 rows"
is "$(q "$D" '[.[] | select(.directive == "DOJ-LIST-2025-08-05")] | length')" "35" \
	"35 designations from the DOJ list"
is "$(q "$TMP/directives.json" '.[] | select(.id == "DOJ-LIST-2025-08-05") | .kind + " " + .date')" \
	"list 2025-08-05" "the DOJ list is a directive of kind list"

# --- DOMAIN.md 2.3: the 23 document demands of 2018-01-24 -----------------
dem23="06 0606000 0626000 0644000 06053 06067 06075 06097 0683668 08031 1276600
17 1714000 17031 21111 2534550 2836000 35001 3601000 3651000 41 5010675 53033"
is "$(printf '%s\n' $dem23 | wc -l)" "23" "DOMAIN.md 2.3 names 23 recipients"
dem23=$(printf '%s\n' $dem23 | LC_ALL=C sort | tr '\n' ' ')
got=$(q "$N" '[.[] | select(.date == "2018-01-24" and .kind == "document_demand") | .jurisdiction] | sort | join(" ")')
is "$got " "$dem23" "the 23 document demands of 2018-01-24 go to the jurisdictions DOMAIN.md 2.3 names"
is "$(q "$N" '[.[] | select(.date == "2018-01-24") | .due_date + "/" + .due_rule] | unique | join(",")')" \
	"2018-02-23/fixed" "every 2018-01-24 demand is due 2018-02-23"

# --- DOMAIN.md 2.4: the timeline table, one dated fact per cell -----------
for j in 1714000 17031 22071 3651000 42101; do
	is "$(notice_on $j 2017-10-12 preliminary_finding)" "2017-10-27" \
		"2017-10-12: $j preliminarily found (PNC), answer due 2017-10-27"
done
for j in 55079 09; do
	is "$(notice_on $j 2017-10-12 clearance)" "none" "2017-10-12: $j cleared (CLR)"
done
is "$(q "$N" '[.[] | select(.date == "2017-10-12")] | length')" "7" \
	"2017-10-12: seven outcomes, California not named"
is "$(notice_on 22071 2017-11-17 clearance)" "none" "2017-11-17: New Orleans cleared"
is "$(q "$N" '.[] | select(.id == "N-2017-11-17-NOLA") | .in_reply_to')" "N-2017-10-12-NOLA" \
	"the New Orleans clearance answers its preliminary finding"
for j in 06 1714000 17031 3651000; do
	is "$(notice_on $j 2018-01-24 document_demand)" "2018-02-23" "2018-01-24: $j got a demand (DEM)"
done
for j in 22071 42101 32003 12086 55079 09; do
	is "$(notice_on $j 2018-01-24 document_demand)" "" "2018-01-24: no demand to $j"
done
for c in 32003 12086; do
	n=$(q "$N" --arg j $c '[.[] | select(.jurisdiction == $j and .kind == "clearance" and (.date | startswith("2017-08")))] | length')
	is "$n" "1" "~2017-08: $c cleared (CLR)"
done
is "$(q "$TMP/certifications.json" '.[] | select(.jurisdiction == "06") | .date')" "2017-06-29" \
	"by 2017-06-30: California validated on June 29 (VAL)"
is "$(q "$TMP/certifications.json" '.[] | select(.jurisdiction == "32003") | .date')" "2017-05-30" \
	"by 2017-06-30: Clark County's letter of May 30 (VAL)"
is "$(q "$TMP/certifications.json" '[.[] | select(.date > "2017-06-30")] | length')" "0" \
	"every recorded validation came by 2017-06-30"
is "$(q "$TMP/events.json" '.[] | select(.kind == "report" and .date == "2016-05-31") | .id')" \
	"EV-2016-05-31-OIG-MEMO" "2016-05-31: the OIG memo"
is "$(q "$TMP/awards.json" '.[] | select(.id == "2016-DJ-BX-0446") | .agency + " " + (.fiscal_year|tostring)')" \
	"CA-BSCC 2016" "FY2016: award 2016-DJ-BX-0446 held by BSCC"
is "$(q "$TMP/awards.json" '.[] | select(.id == "2016-DJ-BX-0106") | .agency')" "CHI-CPD" \
	"FY2016: award 2016-DJ-BX-0106 held by the Chicago Police Department"
is "$(q "$TMP/conditions.json" '.[] | select(.id == "JAG-FY2016-1373") | .number + " " + .evidence + " " + .due_date')" \
	"55 legal_opinion 2017-06-30" "the FY2016 condition is no. 55, a legal opinion due 2017-06-30"
for f in "1714000 2017-08-07" "42101 2017-08-30" "06 2017-08-14"; do
	set -- $f
	n=$(q "$TMP/events.json" --arg j $1 --arg d $2 '[.[] | select(.kind == "filing" and .jurisdiction == $j and .date == $d)] | length')
	is "$n" "1" "$2: $1 files suit (LIT)"
done
R=$TMP/rulings.json
# rul DATE JURISDICTION: "kind scope" of the rulings of that day covering it.
rul() {
	q "$R" --arg d "$1" --arg j "$2" '[.[] | select(.date == $d and
	    ((.plaintiffs // "") | split(";") | index($j)))] |
	    map(.kind + " " + .scope) | join(",")'
}
is "$(rul 2017-09-15 1714000)" "preliminary_injunction nationwide" "2017-09-15: Chicago PI, nationwide"
is "$(q "$R" '.[] | select(.date == "2017-09-15") | .conditions')" \
	"JAG-FY2017-NOTICE;JAG-FY2017-ACCESS" "2017-09-15: the PI covers notice and access only"
is "$(rul 2017-11-15 42101)" "preliminary_injunction named_plaintiffs" "2017-11-15: Philadelphia PI"
is "$(rul 2018-06-06 42101)" "permanent_injunction named_plaintiffs" "2018-06-06: Philadelphia permanent injunction"
is "$(rul 2018-07-27 1714000)" "permanent_injunction named_plaintiffs" "2018-07-27: Chicago permanent injunction"
is "$(rul 2018-10-05 06)" "permanent_injunction state_and_subdivisions" "2018-10-05: California and its subdivisions"
is "$(rul 2018-11-30 3651000)" "permanent_injunction named_plaintiffs" "2018-11-30: New York City (S.D.N.Y.)"
is "$(rul 2018-11-30 09)" "permanent_injunction named_plaintiffs" "2018-11-30: Connecticut as plaintiff state"
is "$(rul 2019-02-15 42101)" "appellate named_plaintiffs" "2019-02-15: Third Circuit"
is "$(rul 2020-04-30 1714000)" "appellate named_plaintiffs" "2020-04-30: Seventh Circuit"
is "$(rul 2020-07-13 06)" "appellate state_and_subdivisions" "2020-07-13: Ninth Circuit"
is "$(q "$R" '.[] | select(.date == "2020-02-26") | .kind + " " + .target')" \
	"appellate NY-SJ-2018-11-30" "2020-02-26: the Second Circuit reverses the S.D.N.Y. order"
is "$(q "$R" '.[] | select(.id == "NY-SJ-2018-11-30") | .valid_to + " " + .superseded_by')" \
	"2020-02-26 NY-2C-2020-02-26" "the S.D.N.Y. order has effect until the reversal"
is "$(q "$R" '[.[] | select(.date == "2021-03-04" and .kind == "dismissal")] | length')" "2" \
	"2021-03-04: the Supreme Court petitions dismissed"
is "$(q "$TMP/directives.json" '.[] | select(.id == "EO-13768") | .valid_to + " " + .revoked_by')" \
	"2021-01-20 EO-13993" "2021-01-20: EO 13768 revoked by EO 13993"
is "$(q "$R" '.[] | select(.id == "USCM-PI-2018-08-09") | .scope + " " + .members_of')" \
	"members United States Conference of Mayors" "2018-08-09: the Conference of Mayors members' injunction"
for j in 06 1714000 17031 22071 42101 3651000 09; do
	n=$(q "$D" --arg j $j '[.[] | select(.jurisdiction == $j and .date == "2025-08-05")] | length')
	ok "[ $n -ge 1 ]" "2025-08-05: $j on the list (LIST25)"
done
for j in 32003 12086 55079; do
	is "$(q "$D" --arg j $j '[.[] | select(.jurisdiction == $j)] | length')" "0" \
		"2025-08-05: $j not on the list"
done
is "$(rul 2025-08-22 1714000)" "preliminary_injunction named_plaintiffs" \
	"2025-08-22: Chicago covered by the expanded injunction"

# Versions and chains: a successor starts the day its predecessor stops.
P=$TMP/policies.json
is "$(q "$P" 'INDEX(.id) as $by | [.[] | select(.supersedes != null and $by[.supersedes].valid_to != null and
    $by[.supersedes].valid_to != .valid_from) | .id] | join(" ")')" "" \
	"every superseded policy ends the day its new version starts"
is "$(q "$R" 'INDEX(.id) as $by | [.[] | select(.superseded_by != null and .valid_to != null and
    .valid_to != ($by[.superseded_by].valid_from // $by[.superseded_by].date)) | .id] | join(" ")')" "" \
	"every superseded ruling stops having effect the day its successor starts"
pol_asof() {
	"$ATTEST" --db "$db" list policies --as-of "$1" --json |
		jq -r '[.[] | select(.id | test("^POL-PHL-EO-(1-14|2015-12|5-16)$")) | .id] | sort | join(" ")'
}
is "$(pol_asof 2015-12-21)" "POL-PHL-EO-1-14" "2015-12-21: Philadelphia's EO 1-14 in force"
is "$(pol_asof 2015-12-22)" "POL-PHL-EO-2015-12" "2015-12-22: the December 2015 order replaces it"
is "$(pol_asof 2016-01-04)" "POL-PHL-EO-5-16" "2016-01-04: EO 5-16 restores the 2014 policy"
is "$(q "$P" '.[] | select(.id == "POL-CA-SB54") | .valid_from')" "2018-01-01" \
	"SB 54 takes effect 2018-01-01"

# The chain as of a date: valid_to is the first day a ruling no longer holds.
asof() {
	"$ATTEST" --db "$db" list rulings --as-of "$1" --json |
		jq -r '[.[] | .id] | sort | join(" ")'
}
like "$(asof 2018-06-25)" "CHI-PI-2017-09-15" "2018-06-25: the nationwide Chicago PI holds"
got=$(asof 2018-06-26)
ok "! printf '%s' '$got' | grep -q CHI-PI-2017-09-15" "2018-06-26: the nationwide reach is stayed"
like "$got" "CHI-STAY-2018-06-26" "2018-06-26: the stay holds"

done_testing
