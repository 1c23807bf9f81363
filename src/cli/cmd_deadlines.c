/* SPDX-License-Identifier: ISC */
/*
 * attest deadlines [--within DAYS] [--as-of DATE] [--ics FILE] [--json]: the
 * due dates of cases waiting on a response, by date, with days left or days
 * overdue and the derivation of each; with --ics, the same as an
 * iCalendar file (one all-day VEVENT per due date, the derivation in its
 * description) built with libical.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli/cases_cli.h"
#include "core/buf.h"
#include "core/parse.h"
#include "render/render.h"
#include "store/store.h"

int
cmd_deadlines(struct cli_ctx *ctx)
{
	const char *within = NULL, *as_of = NULL, *ics = NULL;
	bool json = false;
	const struct cli_opt opts[] = {
		{ "json", NULL, &json, "print the due dates as a JSON array" },
		{ "within", &within, NULL,
		    "only due dates at most DAYS ahead "
		    "(overdue ones included)" },
		{ "as-of", &as_of, NULL,
		    "the day to count from (default "
		    "today)" },
		{ "ics", &ics, NULL, "also write an iCalendar file" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos, n = 0;
	int rc;
	int64_t days = -1;
	struct store *s = NULL;
	struct at_date day;
	struct cases_due_item *v = NULL;
	struct render_due *due = NULL;
	char(*summ)[400] = NULL, (*desc)[1200] = NULL, (*uid)[128] = NULL;
	struct at_diag d;
	enum at_err er;

	if (cli_parse(ctx, opts, "[--within DAYS] [--as-of DATE] [--ics FILE]",
	        pos, 0, &npos, &rc) != 0)
		return rc;
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
	at_diag_clear(&d);
	er = cases_cli_due_list(s, day, days, &v, &n);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	if (json) {
		json_t *a = json_array();
		char *js;

		if (a == NULL)
			abort();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, "
			                      "s:I, s:b, s:s}",
			    "notice", v[i].notice, "kind", v[i].kind,
			    "jurisdiction", v[i].jurisdiction,
			    "jurisdiction_name", v[i].jname, "state",
			    v[i].state, "due_date", v[i].due, "days",
			    (json_int_t)v[i].days, "overdue", v[i].days < 0,
			    "derivation", v[i].derivation);

			if (o == NULL || json_array_append_new(a, o) != 0)
				abort();
		}
		js = json_dumps(a, JSON_INDENT(2));
		json_decref(a);
		if (js == NULL)
			abort();
		printf("%s\n", js);
		free(js);
	}
	for (size_t i = 0; !json && i < n; i++) {
		printf("%s  %-26s %-8s %-22s ", v[i].due, v[i].notice,
		    v[i].jurisdiction, v[i].state);
		if (v[i].days < 0)
			printf("OVERDUE %lld days", (long long)-v[i].days);
		else if (v[i].days == 0)
			printf("due today");
		else
			printf("in %lld days", (long long)v[i].days);
		printf("\n    %s (%s)\n    %s\n", v[i].jname, v[i].kind,
		    v[i].derivation);
	}
	if (n == 0 && !json)
		printf("no open due dates\n");
	if (ics != NULL) {
		struct buf b;
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		FILE *f;

		if (gmtime_r(&now, &tm) == NULL ||
		    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm) == 0)
			(void)snprintf(
			    stamp, sizeof(stamp), "19700101T000000Z");
		due = calloc(n + 1, sizeof(*due));
		summ = calloc(n + 1, sizeof(*summ));
		desc = calloc(n + 1, sizeof(*desc));
		uid = calloc(n + 1, sizeof(*uid));
		if (due == NULL || summ == NULL || desc == NULL || uid == NULL)
			abort();
		for (size_t i = 0; i < n; i++) {
			int w;

			w = snprintf(summ[i], sizeof(summ[i]),
			    "Response due: %s, notice %s", v[i].jname,
			    v[i].notice);
			if (w < 0)
				summ[i][0] = '\0';
			w = snprintf(desc[i], sizeof(desc[i]),
			    "Notice %s (%s) to %s (%s) is %s. Due %s: %s.",
			    v[i].notice, v[i].kind, v[i].jname,
			    v[i].jurisdiction, v[i].state, v[i].due,
			    v[i].derivation);
			if (w < 0)
				desc[i][0] = '\0';
			w = snprintf(uid[i], sizeof(uid[i]), "%s-due-%s@attest",
			    v[i].notice, v[i].due);
			if (w < 0)
				uid[i][0] = '\0';
			due[i].uid = uid[i];
			due[i].date = v[i].due;
			due[i].summary = summ[i];
			due[i].description = desc[i];
		}
		buf_init(&b, 64u << 20);
		er = render_ical(due, n, stamp, &b, &d);
		if (er == AT_OK) {
			f = fopen(ics, "wb");
			if (f == NULL ||
			    fwrite(buf_str(&b), 1, buf_len(&b), f) !=
			        buf_len(&b) ||
			    fclose(f) != 0)
				er = at_diag_set(&d, AT_IO, "ics",
				    "cannot write %s: %s", ics,
				    strerror(errno));
		}
		buf_fini(&b);
		if (er == AT_OK && !json)
			printf("wrote %s: %zu events\n", ics, n);
	}
	free(v);
	free(due);
	free(summ);
	free(desc);
	free(uid);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	store_close(s);
	return CLI_OK;
}
