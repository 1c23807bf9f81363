#!/bin/bash
# attest deadlines lists open due dates (overdue ones flagged) and writes
# an iCalendar file that libical parses back with one VEVENT per due
# date and the derivation in each description; attest remind sends one
# reminder per due date through libcurl's SMTP client to a small SMTP
# sink this test runs on 127.0.0.1, which keeps every message it gets.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

db=$(fresh_db)
at() { "$ATTEST" --db "$db" "$@"; }
python3 "$AT_SRC/tests/cli/0500-cases-fixture.py" "$AT_SRC/data/demo" \
	"$TMP/fx" || skip_all "cannot build the fixture"
for k in jurisdictions agencies programs requirements conditions awards; do
	at import "$k" "$TMP/fx/$k.csv" >/dev/null 2>&1 ||
		skip_all "cannot import $k"
done

# Due 2018-02-23, in 22 days on 2018-02-01.
at notice issue --id N-DEMAND-CHI --kind document_demand --jurisdiction 1714000 \
	--agency CHI-CPD --date 2018-01-24 --due "30 calendar days" \
	--conditions JAG-FY2016-1373 --as bja >/dev/null
# Ten business days from 2018-01-02 skip Martin Luther King Jr. Day.
out=$(at notice issue --id N-COOK --kind certification_request --jurisdiction 17031 \
	--agency COOK-PRES --date 2018-01-02 --due "10 business days" \
	--conditions JAG-FY2016-1373 --as bja)
like "$out" "due 2018-01-17: 2018-01-02 \\+ 10 business days = 2018-01-17 \\(weekends skipped; federal holidays skipped: 2018-01-15 Martin Luther King Jr. Day\\)" \
	"business days skip Martin Luther King Jr. Day"
# Not listed: due later than 30 days ahead, withdrawn, answered.
at notice issue --id N-LATER --kind certification_request --jurisdiction 22071 \
	--date 2018-01-24 --due 2018-06-01 --as bja >/dev/null
at notice issue --id N-GONE --kind certification_request --jurisdiction 42101 \
	--date 2018-01-24 --due 2018-02-10 --as bja >/dev/null
at notice withdraw N-GONE --date 2018-01-25 --as bja >/dev/null
at notice issue --id N-DONE --kind certification_request --jurisdiction 55079 \
	--date 2018-01-24 --due 2018-02-10 --as bja >/dev/null
at certify --id C-DONE --notice N-DONE --date 2018-01-30 --authority \
	chief_legal_officer --as clerk >/dev/null

at deadlines --as-of 2018-02-01 --within 30 --ics "$TMP/due.ics" >"$TMP/due.txt"
rc=$?
is "$rc" "0" "attest deadlines runs"
ok "grep -q '^2018-01-17  N-COOK .*OVERDUE 15 days' '$TMP/due.txt'" \
	"an overdue due date is flagged with its days"
ok "grep -q '^2018-02-23  N-DEMAND-CHI .*document_demand .*in 22 days' '$TMP/due.txt'" \
	"a document demand due in 22 days is listed"
ok "grep -q '2018-01-24 + 30 calendar days = 2018-02-23' '$TMP/due.txt'" \
	"with its derivation"
ok "! grep -q -E 'N-LATER|N-GONE|N-DONE' '$TMP/due.txt'" \
	"later, withdrawn and answered notices are not listed"
ok "[ \$(grep -c '^20' '$TMP/due.txt') -eq 2 ]" "two due dates in all"
ok "grep -q 'wrote .*due.ics: 2 events' '$TMP/due.txt'" "the calendar has two events"
if command -v jq >/dev/null 2>&1; then
	j=$(at deadlines --as-of 2018-02-01 --within 30 --json)
	is "$(echo "$j" | jq -r 'length')" "2" "--json gives the same two due dates"
	is "$(echo "$j" | jq -r '.[0].notice + " " + (.[0].overdue|tostring) + " " + (.[0].days|tostring)')" \
		"N-COOK true -15" "first the overdue one, 15 days late"
	is "$(at timeline 17031 --json | jq -r '.[0].date')" "2018-01-02" \
		"timeline --json starts with the first step"
fi
at deadlines --as-of 2018-02-01 >"$TMP/all.txt"
ok "grep -q N-LATER '$TMP/all.txt'" "without --within every open due date is listed"

# The calendar, parsed back with libical.
tr=$AT_BUILD/tests/test_render
if [ -x "$tr" ]; then
	is "$("$tr" --ics-count "$TMP/due.ics")" "2" \
		"libical parses the calendar back: two VEVENTs"
else
	echo "# $tr not built: libical check skipped"
fi
unfolded=$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\r\n //g' -e 's/\n //g' "$TMP/due.ics")
like "$unfolded" "DTSTART;VALUE=DATE:20180223" "an all-day event on the due date"
like "$unfolded" "DESCRIPTION:.*2018-01-24 \\+ 30 calendar days = 2018-02-23" \
	"the description carries the derivation"
like "$unfolded" "UID:N-COOK-due-2018-01-17@attest" "each event has a stable UID"

# A small SMTP sink on 127.0.0.1.
cat >"$TMP/sink.py" <<'EOF'
import os, socketserver, sys
outdir, portfile = sys.argv[1], sys.argv[2]
class H(socketserver.StreamRequestHandler):
    def handle(self):
        def w(s):
            self.wfile.write((s + '\r\n').encode())
            self.wfile.flush()
        w('220 sink ESMTP')
        mfrom, rcpts = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode('utf-8', 'replace').rstrip('\r\n')
            u = cmd.upper()
            if u.startswith('EHLO'):
                w('250-sink')
                w('250 8BITMIME')
            elif u.startswith('HELO'):
                w('250 sink')
            elif u.startswith('MAIL FROM:'):
                mfrom, rcpts = cmd[10:].strip(), []
                w('250 ok')
            elif u.startswith('RCPT TO:'):
                rcpts.append(cmd[8:].strip())
                w('250 ok')
            elif u == 'DATA':
                w('354 go ahead')
                body = []
                while True:
                    l = self.rfile.readline()
                    if not l:
                        return
                    if l in (b'.\r\n', b'.\n'):
                        break
                    if l.startswith(b'..'):
                        l = l[1:]
                    body.append(l)
                n = len(os.listdir(outdir))
                tmp = os.path.join(outdir, '.msg%03d' % n)
                with open(tmp, 'wb') as f:
                    f.write(('X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n'
                             % (mfrom, ','.join(rcpts))).encode())
                    f.write(b''.join(body))
                os.rename(tmp, os.path.join(outdir, 'msg%03d.eml' % n))
                w('250 queued')
            elif u == 'QUIT':
                w('221 bye')
                return
            else:
                w('250 ok')
class S(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
srv = S(('127.0.0.1', 0), H)
with open(portfile + '.tmp', 'w') as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + '.tmp', portfile)
srv.serve_forever()
EOF
mkdir "$TMP/mail"
python3 "$TMP/sink.py" "$TMP/mail" "$TMP/port" &
sink=$!
trap 'kill $sink 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -f "$TMP/port" ] && break; sleep 0.1; done
[ -f "$TMP/port" ] || skip_all "the SMTP sink did not start"
port=$(cat "$TMP/port")

out=$(at remind --smtp "smtp://127.0.0.1:$port" --to cases@example.org \
	--from attest@example.org --as-of 2018-02-01 --within 30 --as clerk 2>&1)
is "$?" "0" "attest remind sends through SMTP"
like "$out" "2 reminders sent" "two reminders"
is "$(ls "$TMP/mail" | grep -c '\.eml$')" "2" "the sink received two messages"
all=$(cat "$TMP/mail"/*.eml)
like "$all" "X-Envelope-To: <cases@example.org>" "addressed to the case officer"
like "$all" "Subject: OVERDUE: notice N-COOK to Cook County, response due 2018-01-17" \
	"the overdue one says so in its subject"
like "$all" "Subject: Reminder: notice N-DEMAND-CHI to City of Chicago, response due 2018-02-23" \
	"the other is a reminder"
like "$all" "is 15 days overdue as of 2018-02-01" "the body counts the days"
like "$all" "How the due date was set: 2018-01-24 \\+ 30 calendar days = 2018-02-23" \
	"the body carries the derivation"
ok "! echo \"\$all\" | grep -q N-LATER" "nothing about notices not due"
ok "at audit log 2>/dev/null | grep -c remind | grep -q 2 || at audit log --json 2>/dev/null | grep -o '\"verb\":\"remind\"' | wc -l | grep -q 2" \
	"each sent reminder is an audit entry"

out=$(at remind --smtp "file:///etc/passwd" --to cases@example.org --as-of 2018-02-01 2>&1)
is "$?" "2" "a non-SMTP URL is refused"
out=$(at remind --smtp "smtp://127.0.0.1:$port" --to "a@example.org>, <b@example.org" \
	--as-of 2018-02-01 2>&1)
is "$?" "2" "an address that would inject a second recipient is refused"
is "$(ls "$TMP/mail" | grep -c '\.eml$')" "2" "and nothing more was sent"

kill $sink 2>/dev/null
done_testing
