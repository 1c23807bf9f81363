#!/bin/bash
# The 2017 record of the ten jurisdictions, replayed step by step through
# the CLI (DOMAIN.md 2.2-2.4): the letters of 2017-04-21 due 2017-06-30,
# the validations, the reviews, the August and October 2017 clearances,
# the preliminary findings of 2017-10-12 due 2017-10-27 and the answers
# to them, the New Orleans clearance of 2017-11-17 and the document
# demands of 2018-01-24 due 2018-02-23; then `attest timeline` for each
# jurisdiction prints that history in date order, and the Chicago letter
# renders as a PDF holding the recipient, award, condition and due date.
#
# Validation dates the record does not give (marked [M] in DOMAIN.md) are
# set to 2017-06-30; so are the reviews' dates, which the record does not
# hold at all.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

db=$(fresh_db)
at() { "$ATTEST" --db "$db" "$@"; }
python3 "$AT_SRC/tests/cli/0500-cases-fixture.py" "$AT_SRC/data/demo" \
	"$TMP/fx" || skip_all "cannot build the fixture"
for k in jurisdictions agencies programs requirements conditions awards \
    policies provisions rulings; do
	at import "$k" "$TMP/fx/$k.csv" >/dev/null 2>"$TMP/import.err" ||
		{ cat "$TMP/import.err"; skip_all "cannot import $k"; }
done

# name fips agency award: the nine letters of 2017-04-21
LETTERS="CA 06 CA-BSCC 2016-DJ-BX-0446
CHI 1714000 CHI-CPD 2016-DJ-BX-0106
COOK 17031 COOK-PRES FY2016-JAG-COOK-NOFAIN
NOLA 22071 NOLA-MAYOR FY2016-JAG-NOLA-NOFAIN
PHL 42101 PHL-CITY FY2016-JAG-PHL-NOFAIN
CLARK 32003 CLARK-MGR FY2016-JAG-CLARK-NOFAIN
MDC 12086 MDC-MAYOR FY2016-JAG-MDC-NOFAIN
MILW 55079 MILW-EXEC FY2016-JAG-MILW-NOFAIN
NYC 3651000 NYC-MOCJ FY2016-JAG-NYC-NOFAIN"
SENDER="Alan R. Hanson, Acting Assistant Attorney General, Office of Justice Programs"

fips_of() { echo "$LETTERS" | awk -v n="$1" '$1 == n { print $2 }'; }
award_of() { echo "$LETTERS" | awk -v n="$1" '$1 == n { print $4 }'; }

n=0
while read -r name fips agency award; do
	out=$(at notice issue --id "N-2017-04-21-$name" \
	    --kind certification_request --jurisdiction "$fips" \
	    --agency "$agency" --date 2017-04-21 --due "70 calendar days" \
	    --conditions JAG-FY2016-1373 --awards "$award" \
	    --sender "$SENDER" --as ojp-hanson 2>&1) && n=$((n + 1))
	case $name in CHI) chi_issue=$out ;; esac
done <<EOF
$LETTERS
EOF
is "$n" "9" "nine letters of 2017-04-21 issued"
like "$chi_issue" "due 2017-06-30: 2017-04-21 \\+ 70 calendar days = 2017-06-30" \
	"the due date is derived and printed"

# Validations: the demo's signers where the record has them.
cert() { # name date signer authority [opinion-file]
	local name=$1 date=$2 signer=$3 auth=$4 op=${5:-}
	if [ -n "$op" ]; then
		at certify --id "CERT-$name-$date" --notice "N-2017-04-21-$name" \
		    --date "$date" --signer "$signer" --authority "$auth" \
		    --opinion "$op" --as "clerk-$name"
	else
		at certify --id "CERT-$name-$date" --notice "N-2017-04-21-$name" \
		    --date "$date" --signer "$signer" --authority "$auth" \
		    --as "clerk-$name"
	fi
}
printf 'Opinion of counsel on compliance with 8 U.S.C. 1373.\n' >"$TMP/opinion.txt"
v=0
cert CLARK 2017-05-30 "Clark County" legal_counsel "$TMP/opinion.txt" >/dev/null && v=$((v + 1))
cert PHL 2017-06-22 "Sozi Pedro Tulante" chief_legal_officer "$TMP/opinion.txt" >/dev/null && v=$((v + 1))
cert MILW 2017-06-28 "Margaret C. Daun" chief_legal_officer "$TMP/opinion.txt" >/dev/null && v=$((v + 1))
cert COOK 2017-06-29 "Cook County" legal_counsel "$TMP/opinion.txt" >/dev/null && v=$((v + 1))
cert CA 2017-06-29 "California BSCC" legal_counsel "$TMP/opinion.txt" >/dev/null && v=$((v + 1))
for j in CHI NOLA MDC NYC; do
	cert "$j" 2017-06-30 "$j counsel" legal_counsel "$TMP/opinion.txt" >/dev/null && v=$((v + 1))
done
is "$v" "9" "nine validations received"
out=$(at certify show CERT-CLARK-2017-05-30)
like "$out" "on time \\(due 2017-06-30\\)" "Clark's validation is on time"
like "$out" "complete: yes" "it carries the legal opinion FY2016 needs"

# Reviews: proposed by one reviewer, approved by another.
review() { # name finding date [provisions]
	local args=(review propose --id "REV-$1" --certification "$(at_cert "$1")"
	    --finding "$2" --date "$3" --as ojp-reviewer)
	[ -n "${4:-}" ] && args+=(--provisions "$4")
	at "${args[@]}" >/dev/null &&
		at review approve "REV-$1" --date "$3" --as ojp-approver >/dev/null
}
at_cert() {
	case $1 in
	CLARK) echo CERT-CLARK-2017-05-30 ;; PHL) echo CERT-PHL-2017-06-22 ;;
	MILW) echo CERT-MILW-2017-06-28 ;; COOK) echo CERT-COOK-2017-06-29 ;;
	CA) echo CERT-CA-2017-06-29 ;; *) echo "CERT-$1-2017-06-30" ;;
	esac
}
r=0
review CLARK complies 2017-07-31 && r=$((r + 1))
review MDC complies 2017-07-31 && r=$((r + 1))
review MILW complies 2017-10-06 && r=$((r + 1))
review CHI possibly_noncompliant 2017-10-06 "PRV-CHI-042-RELEASE" && r=$((r + 1))
review COOK possibly_noncompliant 2017-10-06 "PRV-COOK-RELEASE" && r=$((r + 1))
review NOLA possibly_noncompliant 2017-10-06 "PRV-NOLA-ASK" && r=$((r + 1))
review NYC possibly_noncompliant 2017-10-06 "PRV-NYC-EO41-CONF" && r=$((r + 1))
review PHL possibly_noncompliant 2017-10-06 "PRV-PHL-EO516-NOTICE" && r=$((r + 1))
is "$r" "8" "eight findings proposed and approved by a second person"
at review propose --id REV-CA --certification CERT-CA-2017-06-29 \
	--finding needs_information --date 2017-10-06 --as ojp-reviewer >/dev/null
ok "at notice show N-2017-04-21-CA | grep -q 'case: finding_proposed'" \
	"California's finding stays proposed (not named in October)"

# August and October clearances; preliminary findings due 2017-10-27.
ok "at notice issue --id N-2017-08-04-MDC --kind clearance --jurisdiction 12086 --agency MDC-MAYOR --date 2017-08-04 --conditions JAG-FY2016-1373 --awards FY2016-JAG-MDC-NOFAIN --in-reply-to N-2017-04-21-MDC --as ojp-hanson" \
	"Miami-Dade cleared on 2017-08-04"
ok "at notice issue --id N-2017-08-07-CLARK --kind clearance --jurisdiction 32003 --agency CLARK-MGR --date 2017-08-07 --conditions JAG-FY2016-1373 --awards FY2016-JAG-CLARK-NOFAIN --in-reply-to N-2017-04-21-CLARK --as ojp-hanson" \
	"Clark County cleared on 2017-08-07"
ok "at notice issue --id N-2017-10-12-MILW --kind clearance --jurisdiction 55079 --date 2017-10-12 --conditions JAG-FY2016-1373 --in-reply-to N-2017-04-21-MILW --as ojp-hanson" \
	"Milwaukee County cleared on 2017-10-12"
ok "at notice issue --id N-2017-10-12-CT --kind clearance --jurisdiction 09 --date 2017-10-12 --conditions JAG-FY2016-1373 --as ojp-hanson" \
	"Connecticut cleared on 2017-10-12 (it had no April letter)"
p=0
for j in CHI COOK NOLA NYC PHL; do
	out=$(at notice issue --id "N-2017-10-12-$j" --kind preliminary_finding \
	    --jurisdiction "$(fips_of "$j")" --date 2017-10-12 \
	    --due "15 calendar days" --conditions JAG-FY2016-1373 \
	    --awards "$(award_of "$j")" --in-reply-to "N-2017-04-21-$j" \
	    --sender "$SENDER" --as ojp-hanson) &&
		echo "$out" | grep -q "due 2017-10-27: 2017-10-12 + 15 calendar days = 2017-10-27" &&
		p=$((p + 1))
done
is "$p" "5" "five preliminary findings due 2017-10-27"
ok "at notice show N-2017-04-21-CHI | grep -q 'case: determination'" \
	"the April case of Chicago is determined by the preliminary finding"

# The answers by 2017-10-27; New Orleans cleared on 2017-11-17.
a=0
for j in CHI COOK NOLA NYC PHL; do
	at certify --id "RESP-$j-2017-10-27" --notice "N-2017-10-12-$j" \
	    --date 2017-10-27 --signer "$j counsel" --authority legal_counsel \
	    --opinion "$TMP/opinion.txt" --as "clerk-$j" | grep -q "on time" &&
		a=$((a + 1))
done
is "$a" "5" "five answers received on time"
at review propose --id REV-NOLA-2 --certification RESP-NOLA-2017-10-27 \
	--finding complies --provisions PRV-NOLA-SAVE --date 2017-11-13 \
	--as ojp-reviewer >/dev/null
at review approve REV-NOLA-2 --date 2017-11-14 --as ojp-approver >/dev/null
ok "at notice issue --id N-2017-11-17-NOLA --kind clearance --jurisdiction 22071 --date 2017-11-17 --conditions JAG-FY2016-1373 --in-reply-to N-2017-10-12-NOLA --as ojp-hanson" \
	"New Orleans cleared on 2017-11-17"

# The document demands of 2018-01-24, due 2018-02-23.
dd=0
for j in CHI COOK NYC CA; do
	reply=N-2017-10-12-$j
	[ "$j" = CA ] && reply=N-2017-04-21-CA
	at notice issue --id "N-2018-01-24-$j" --kind document_demand \
	    --jurisdiction "$(fips_of "$j")" --date 2018-01-24 \
	    --due "30 calendar days" \
	    --conditions "JAG-FY2016-1373;JAG-FY2017-1373" \
	    --awards "$(award_of "$j")" --in-reply-to "$reply" \
	    --sender "Jon Adler, Director, Bureau of Justice Assistance" \
	    --as bja-adler | grep -q "due 2018-02-23" && dd=$((dd + 1))
done
is "$dd" "4" "four document demands due 2018-02-23"

# Each jurisdiction's timeline, in order.
sorted_dates() { # the date column is non-decreasing
	awk 'NR > 1 { print $1 }' | sort -c 2>/dev/null
}
for j in CA CHI COOK NOLA PHL CLARK MDC MILW NYC; do
	at timeline "$(fips_of "$j")" >"$TMP/tl-$j.txt"
	ok "sorted_dates <'$TMP/tl-$j.txt'" "timeline of $j is in date order"
done
at timeline 09 >"$TMP/tl-CT.txt"
ok "grep -q '2017-10-12  N-2017-10-12-CT: clearance issued' '$TMP/tl-CT.txt'" \
	"timeline of Connecticut shows its clearance"
# order_of FILE PATTERN...: the patterns match lines in this order.
order_of() {
	local f=$1 last=0 ln
	shift
	for p in "$@"; do
		ln=$(grep -n -E -- "$p" "$f" | head -1 | cut -d: -f1)
		[ -n "$ln" ] && [ "$ln" -gt "$last" ] || return 1
		last=$ln
	done
}
ok "order_of '$TMP/tl-CHI.txt' \
	'^2017-04-21  N-2017-04-21-CHI: certification_request issued' \
	'^2017-04-21  N-2017-04-21-CHI: awaiting response, due 2017-06-30 \\(2017-04-21 \\+ 70 calendar days = 2017-06-30\\)' \
	'^2017-06-30  N-2017-04-21-CHI: response received: CERT-CHI-2017-06-30, on time' \
	'^2017-10-06  N-2017-04-21-CHI: finding proposed' \
	'^2017-10-06  N-2017-04-21-CHI: finding approved' \
	'^2017-10-12  N-2017-10-12-CHI: preliminary_finding issued' \
	'^2017-10-12  N-2017-10-12-CHI: awaiting response, due 2017-10-27' \
	'^2017-10-12  N-2017-04-21-CHI: determination issued \\(preliminary_finding N-2017-10-12-CHI\\)' \
	'^2017-10-27  N-2017-10-12-CHI: response received: RESP-CHI-2017-10-27, on time' \
	'^2018-01-24  N-2018-01-24-CHI: document_demand issued' \
	'^2018-01-24  N-2018-01-24-CHI: document demand outstanding, due 2018-02-23'" \
	"Chicago's timeline holds its 2017 record in order"
ok "order_of '$TMP/tl-NOLA.txt' '^2017-04-21 ' '^2017-10-12  N-2017-10-12-NOLA: preliminary_finding issued' \
	'^2017-10-27  N-2017-10-12-NOLA: response received' '^2017-11-17  N-2017-10-12-NOLA: determination issued \\(clearance N-2017-11-17-NOLA\\)'" \
	"New Orleans: preliminary finding, answer, clearance of 2017-11-17"
ok "order_of '$TMP/tl-CLARK.txt' '^2017-04-21 ' '^2017-05-30  N-2017-04-21-CLARK: response received' \
	'^2017-08-07  N-2017-04-21-CLARK: determination issued \\(clearance'" \
	"Clark County: letter, validation of 2017-05-30, clearance of 2017-08-07"
ok "order_of '$TMP/tl-MDC.txt' '^2017-04-21 ' '^2017-08-04  N-2017-04-21-MDC: determination issued \\(clearance'" \
	"Miami-Dade: cleared on 2017-08-04"
ok "order_of '$TMP/tl-MILW.txt' '^2017-06-28 ' '^2017-10-12  N-2017-04-21-MILW: determination issued \\(clearance'" \
	"Milwaukee County: validation of 2017-06-28, cleared on 2017-10-12"
ok "order_of '$TMP/tl-PHL.txt' '^2017-06-22 ' '^2017-10-12  N-2017-10-12-PHL: awaiting response, due 2017-10-27' '^2017-10-27 '" \
	"Philadelphia: validation, preliminary finding, answer"
ok "! grep -q 2018-01-24 '$TMP/tl-PHL.txt'" \
	"Philadelphia got no document demand (it was in litigation)"
ok "order_of '$TMP/tl-CA.txt' '^2017-06-29  N-2017-04-21-CA: response received' \
	'^2017-10-06  N-2017-04-21-CA: finding proposed' '^2018-01-24  N-2018-01-24-CA: document demand outstanding, due 2018-02-23'" \
	"California: validation, review, the demand of 2018-01-24"
ok "order_of '$TMP/tl-COOK.txt' '^2017-10-12 ' '^2017-10-27 ' '^2018-01-24 '" \
	"Cook County: preliminary finding, answer, demand"
ok "order_of '$TMP/tl-NYC.txt' '^2017-10-12 ' '^2017-10-27 ' '^2018-01-24 '" \
	"New York City: preliminary finding, answer, demand"

# Funds at risk on 2017-11-01: the five open findings; the cleared not.
at report funds-at-risk --as-of 2017-11-01 >"$TMP/risk.txt"
for j in 1714000 17031 22071 3651000 42101; do
	ok "grep -q ' $j ' '$TMP/risk.txt'" "funds at risk on 2017-11-01 include $j"
done
for j in 32003 12086 55079; do
	ok "! grep -q ' $j ' '$TMP/risk.txt'" "cleared $j has nothing at risk"
done
ok "grep -q 'unknown' '$TMP/risk.txt' && ! grep -q '\\$0.00 ' '$TMP/risk.txt'" \
	"unknown award amounts are shown as unknown, not as \$0.00"
at report funds-at-risk --as-of 2017-11-20 >"$TMP/risk2.txt"
ok "! grep -q ' 22071 ' '$TMP/risk2.txt'" \
	"after its clearance of 2017-11-17 New Orleans has nothing at risk"

# The Chicago letter of 2017-04-21 as PDF.
if command -v pdftotext >/dev/null 2>&1; then
	at letter render N-2017-04-21-CHI --pdf "$TMP/chi.pdf" \
	    --text "$TMP/chi.txt" >"$TMP/letter.out"
	pdftotext "$TMP/chi.pdf" "$TMP/chi-pdf.txt"
	t=$(tr '\n' ' ' <"$TMP/chi-pdf.txt")
	like "$t" "Eddie Johnson" "the PDF names the recipient officer"
	like "$t" "Chicago Police Department" "the PDF names the recipient agency"
	like "$t" "2016-DJ-BX-0106" "the PDF gives the award number"
	like "$t" "Validation of compliance with 8 U.S.C. 1373" "the PDF holds the condition"
	like "$t" "official legal opinion from counsel" "the PDF holds the condition text"
	like "$t" "June 30, 2017 \\(2017-06-30\\)" "the PDF gives the due date"
	like "$t" "Page 1 of [0-9]" "the PDF numbers its pages"
	like "$t" "U.S. Department of Justice" "the PDF has its letterhead"
	like "$t" "Sincerely, Alan R. Hanson" "and a signature block"
	if command -v pdftoppm >/dev/null 2>&1; then
		pdftoppm -png -r 40 -f 1 -l 1 "$TMP/chi.pdf" "$TMP/page"
		png=$(ls "$TMP"/page*.png 2>/dev/null | head -1)
		ok "[ -n '$png' ] && [ \$(wc -c <'$png') -gt 4000 ]" \
			"its first page renders to a picture with text on it"
	fi
	sha=$(sha256sum "$TMP/chi.pdf" | cut -d' ' -f1)
	like "$(cat "$TMP/letter.out")" "sha256 $sha" "the printed SHA-256 is the file's"
	at letter render N-2017-04-21-CHI --pdf "$TMP/chi2.pdf" >/dev/null
	ok "cmp -s '$TMP/chi.pdf' '$TMP/chi2.pdf'" \
		"rendered again, the letter has the same bytes (and SHA-256)"
	ok "at audit log 2>/dev/null | grep -q '$sha' || at audit log --json 2>/dev/null | grep -q '$sha'" \
		"the audit log carries the letter's SHA-256"
	ok "at notice show N-2017-04-21-CHI | grep -q 'pdf .*sha256 $sha'" \
		"the letter is stored with its SHA-256"
else
	echo "# pdftotext missing: PDF checks skipped"
fi
# The other letters: a clearance takes award and addressee from the
# notice it answers; a demand gives its due date and derivation.
t=$(at letter render N-2017-11-17-NOLA)
like "$t" "Re: Award FY2016-JAG-NOLA-NOFAIN: review of compliance completed" \
	"the New Orleans clearance names the award of the letter it answers"
like "$t" "Mitch Landrieu" "and its addressee"
t=$(at letter render N-2018-01-24-CHI --html "$TMP/demand.html" >/dev/null &&
	tr '\n' ' ' <"$TMP/demand.html")
like "$t" "February 23, 2018 \\(2018-02-23\\)" "the demand gives its due date"
like "$t" "2018-01-24 \\+ 30 calendar days = 2018-02-23" "and how it was set"
like "$t" "<title>Re: Award 2016-DJ-BX-0106: request for documents" "as an HTML page"

ok "at audit verify >/dev/null" "the audit log verifies after the replay"

done_testing
