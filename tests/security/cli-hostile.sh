#!/bin/bash
# SPDX-License-Identifier: ISC
# Hostile strings through every CLI argument that reaches SQL or HTML
# (kinds, ids, names, dates, rule and interpretation names, file
# contents), on a database holding the small record set of fuzz/fixture.
# Each run must end in one of attest's exit codes (0-3) with no
# sanitizer report, no SQL syntax error (input never becomes SQL), no
# shell expansion; a LIKE wildcard finds nothing; and afterwards the
# database is intact: integrity_check ok, every table and record still
# there, the audit log verifies.  Records holding hostile text come out
# of the HTML letter writer escaped.
. "$(dirname "$0")/../cli/lib.sh"
command -v sqlite3 >/dev/null || skip_all "no sqlite3"
[ -n "${ATTEST_TEST_DB_URL:-}" ] && skip_all "SQLite only (PostgreSQL run)"
# Sanitizer reports must not pass for attest's own exit codes.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99"

db="$TMP/sec.sqlite"
"$ATTEST" --db "$db" init >/dev/null 2>&1
for k in jurisdictions agencies programs requirements conditions awards \
    policies provisions directives designations rulings notices \
    certifications events actions; do
	"$ATTEST" --db "$db" import "$k" "$AT_SRC/fuzz/fixture/$k.csv" \
		>/dev/null 2>&1 || echo "Bail out! fixture $k did not load"
done

PWNED="$TMP/pwned"
LONG=$(head -c 5000 /dev/zero | tr '\0' A)
# The full list with SECURITY_FULL=1; by default (make check) a core
# that covers each class: quotes and SQL, markup, LIKE wildcards, bad
# UTF-8, shell syntax, overlong.
HOSTILE=(
	"'; DROP TABLE programs; --"
	"1714000' UNION SELECT id FROM users --"
	'"><img src=x onerror=alert(1)>'
	'%'
	$'\xff\xfe\xc0\xaf'
	"\$(touch $PWNED)"
	"$LONG"
)
if [ -n "${SECURITY_FULL:-}" ]; then
	HOSTILE+=(
		"' OR '1'='1"
		'" OR 1=1 --'
		'<script>alert(1)</script>'
		'_'
		'%s%s%s%n%x'
		'../../../../etc/passwd'
		$'a\r\nSet-Cookie: x=1'
		"\`touch $PWNED\`"
		'-9223372036854775809'
	)
fi

snapshot() {
	sqlite3 -batch "$db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name" |
		while read -r t; do
			printf '%s=%s ' "$t" "$(sqlite3 "$db" "SELECT count(*) FROM \"$t\"")"
		done
}
before=$(snapshot)

# run TEMPLATE...: @ in any argument is replaced by the hostile string.
runs=0
bad=0
probe() {
	local h args a out err rc
	for h in "${HOSTILE[@]}"; do
		args=()
		for a in "$@"; do
			args+=("${a//@/$h}")
		done
		"$ATTEST" --db "$db" "${args[@]}" </dev/null >"$TMP/out" 2>"$TMP/err"
		rc=$?
		runs=$((runs + 1))
		err=$(head -c 2000 "$TMP/err")
		if [ "$rc" -gt 3 ] ||
		    grep -qiE 'syntax error|unrecognized token|SQL logic error|no such (column|table)|near "|AddressSanitizer|runtime error' "$TMP/err"; then
			bad=$((bad + 1))
			echo "#   attest $* with $(printf '%q' "${h:0:60}"): exit $rc: ${err:0:300}"
		fi
	done
}

probe_all() { # DESC TEMPLATE...
	local b=$bad
	probe "${@:2}"
	ok "[ $bad -eq $b ]" "$1"
}

probe_all "list KIND" list @
probe_all "list --as-of" list programs --as-of @
probe_all "show KIND" show @ JAG
probe_all "show ID" show programs @
probe_all "show ID --json" show programs @ --json
probe_all "show --history ID" show programs @ --history
probe_all "show --known-on" show programs JAG --known-on @
probe_all "export KIND" export @
probe_all "import KIND" import @ "$AT_SRC/fuzz/fixture/programs.csv"
probe_all "import FILE" import programs @
probe_all "audit log --entity" audit log --entity programs @
probe_all "audit log --since" audit log --since @
probe_all "audit proof" audit proof @
probe_all "eval --jurisdiction" eval --jurisdiction @
probe_all "eval --condition" eval --jurisdiction 1714000 --condition @
probe_all "eval --interpretation" eval --jurisdiction 1714000 --interpretation @
probe_all "eval --as-of" eval --jurisdiction 1714000 --as-of @
probe_all "whatif --repeal" whatif --repeal @ --jurisdiction 1714000
probe_all "notice show" notice show @
probe_all "notice issue --id/--jurisdiction" notice issue --id @ --kind other --jurisdiction 1714000
probe_all "notice issue --jurisdiction" notice issue --id N-H --kind other --jurisdiction @
probe_all "letter render" letter render @ --html "$TMP/l.html"
probe_all "certify show" certify show @
probe_all "timeline" timeline @
probe_all "evidence" evidence @
probe_all "user add NAME" user add @ --role recipient --jurisdiction 1714000
probe_all "user add --role" user add someone --role @
probe_all "review list" review list --jurisdiction @
echo "# $runs hostile runs"

ok "[ ! -e '$PWNED' ]" "no argument was expanded by a shell"
is "$("$ATTEST" --db "$db" show programs % 2>/dev/null; echo "rc=$?")" "rc=2" \
	"show with a LIKE wildcard as id finds nothing"
r=$(sqlite3 "$db" "PRAGMA integrity_check")
is "$r" ok "integrity_check is ok after every probe"
after=$(snapshot)
# Writes that were accepted (a notice or user with an odd but valid id)
# may add rows; nothing may disappear.
lost=$(python3 - "$before" "$after" <<'PY'
import sys
b = dict(x.split("=") for x in sys.argv[1].split())
a = dict(x.split("=") for x in sys.argv[2].split())
print(" ".join(t for t in b if t not in a or int(a[t]) < int(b[t])))
PY
)
is "$lost" "" "no table or record was lost"
"$ATTEST" --db "$db" audit verify >/dev/null 2>&1
ok "[ $? -eq 0 ]" "the audit log verifies"

# Hostile text stored in records, rendered as an HTML letter.
cat >"$TMP/notices.csv" <<'CSV'
id,kind,date,jurisdiction,agency,sender,conditions,awards,due_date,due_rule,in_reply_to,summary,source,confidence
N-EVIL,certification_request,2017-04-21,1714000,CHI-CPD,"<script>alert(1)</script>",JAG-FY2016-1373,,2017-06-30,fixed,,"""><img src=x onerror=alert(2)> '; DROP TABLE notices; --",<b>src</b>,verified
CSV
"$ATTEST" --db "$db" import notices "$TMP/notices.csv" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "a notice with hostile text is stored"
"$ATTEST" --db "$db" letter render N-EVIL --html "$TMP/evil.html" >/dev/null 2>&1
ok "[ $? -eq 0 ]" "its letter renders as HTML"
html=$(cat "$TMP/evil.html" 2>/dev/null)
ok "! grep -qiE '<script|<img|onerror=[^&]*>|<b>src' '$TMP/evil.html'" \
	"no stored markup comes out raw"
like "$html" '&lt;script&gt;|&lt;img' "the stored markup comes out escaped"
is "$(sqlite3 "$db" 'SELECT count(*) FROM notices')" \
	"$(($(echo "$before" | tr ' ' '\n' | sed -n 's/^notices=//p') + 1))" \
	"the notices table is intact"
done_testing
