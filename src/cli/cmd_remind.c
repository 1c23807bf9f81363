/* SPDX-License-Identifier: ISC */
/*
 * attest remind --smtp URL --to ADDR [--from ADDR] [--within DAYS]
 * [--as-of DATE]: one reminder e-mail per case waiting on a response and
 * due within DAYS (default 14; overdue ones included), sent through
 * libcurl's SMTP client (render_mail_send).  Agencies carry no e-mail
 * address in the model, so the recipient is given with --to (a case
 * officer's mailbox).  Each sent reminder is an audit entry.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cases_cli.h"
#include "core/buf.h"
#include "core/parse.h"
#include "render/render.h"
#include "store/store.h"

int
cmd_remind(struct cli_ctx *ctx)
{
	const char *url = NULL, *to = NULL, *from = NULL, *within = NULL,
	           *as_of = NULL, *as = NULL;
	const struct cli_opt opts[] = {
		{ "smtp", &url, NULL,
		    "mail server: smtp://host:port or "
		    "smtps://... (required)" },
		{ "to", &to, NULL, "recipient address (required)" },
		{ "from", &from, NULL,
		    "sender address (default "
		    "attest@localhost.localdomain)" },
		{ "within", &within, NULL, "days ahead (default 14)" },
		{ "as-of", &as_of, NULL,
		    "the day to count from (default "
		    "today)" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos, n = 0, sent = 0;
	int rc;
	int64_t days = 14;
	struct store *s = NULL;
	struct at_date day;
	struct cases_due_item *v = NULL;
	struct render_mail *m = NULL;
	char(*subj)[400] = NULL, (*ids)[128] = NULL;
	struct buf *bodies = NULL;
	struct at_diag d;
	enum at_err er;

	if (cli_parse(ctx, opts, "--smtp URL --to ADDR [--within DAYS]", pos, 0,
	        &npos, &rc) != 0)
		return rc;
	if (url == NULL || to == NULL) {
		cli_err(ctx, "remind needs --smtp URL and --to ADDRESS");
		return CLI_USAGE;
	}
	if (from == NULL)
		from = "attest@localhost.localdomain";
	if (within != NULL &&
	    parse_i64(within, strlen(within), 0, 36600, &days) != AT_OK) {
		cli_err(
		    ctx, "--within: \"%s\" is not a number of days", within);
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "as-of", as_of, &day);
	if (rc != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	(void)cases_cli_actor(s, as);
	at_diag_clear(&d);
	er = cases_cli_due_list(s, day, days, &v, &n);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	m = calloc(n + 1, sizeof(*m));
	subj = calloc(n + 1, sizeof(*subj));
	ids = calloc(n + 1, sizeof(*ids));
	bodies = calloc(n + 1, sizeof(*bodies));
	if (m == NULL || subj == NULL || ids == NULL || bodies == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		char asof[AT_DATE_LEN];
		int w;

		at_date_format(day, asof);
		w = snprintf(subj[i], sizeof(subj[i]),
		    "%s: notice %s to %s, response due %s",
		    v[i].days < 0 ? "OVERDUE" : "Reminder", v[i].notice,
		    v[i].jname, v[i].due);
		if (w < 0)
			subj[i][0] = '\0';
		w = snprintf(ids[i], sizeof(ids[i]), "remind-%s-%s-%s",
		    v[i].notice, v[i].due, asof);
		if (w < 0)
			ids[i][0] = '\0';
		buf_init(&bodies[i], 64 * 1024);
		buf_printf(&bodies[i], "Notice %s (%s) to %s (%s) is %s.\n\n",
		    v[i].notice, v[i].kind, v[i].jname, v[i].jurisdiction,
		    v[i].state);
		if (v[i].days < 0)
			buf_printf(&bodies[i],
			    "The response was due on %s and is %lld days "
			    "overdue as of %s.\n",
			    v[i].due, (long long)-v[i].days, asof);
		else
			buf_printf(&bodies[i],
			    "The response is due on %s, in %lld days from "
			    "%s.\n",
			    v[i].due, (long long)v[i].days, asof);
		buf_printf(&bodies[i],
		    "How the due date was set: %s\n\n"
		    "attest notice show %s\n",
		    v[i].derivation, v[i].notice);
		m[i].from = from;
		m[i].to = to;
		m[i].subject = subj[i];
		m[i].body = buf_str(&bodies[i]);
		m[i].msgid = ids[i];
	}
	er = render_mail_send(url, m, n, &sent, &d);
	/* Record what went out, even when a later message failed. */
	if (sent > 0) {
		enum at_err er2 = store_begin(s);

		for (size_t i = 0; er2 == AT_OK && i < sent; i++) {
			json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "to", to,
			    "subject", subj[i], "due", v[i].due, "message_id",
			    ids[i]);
			char *js;

			if (o == NULL)
				abort();
			js = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
			json_decref(o);
			if (js == NULL)
				abort();
			er2 = store_audit_append(
			    s, "remind", "cases", v[i].notice, js, NULL);
			free(js);
		}
		if (er2 == AT_OK)
			er2 = store_commit(s);
		else
			store_rollback(s);
		if (er == AT_OK)
			er = er2;
	}
	for (size_t i = 0; i < sent; i++)
		printf("sent to %s: %s\n", to, subj[i]);
	printf("%zu reminder%s sent\n", sent, sent == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		buf_fini(&bodies[i]);
	free(bodies);
	free(m);
	free(subj);
	free(ids);
	free(v);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	store_close(s);
	return CLI_OK;
}
