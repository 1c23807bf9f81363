/* SPDX-License-Identifier: ISC */
/*
 * GET /api/v1/jurisdictions/{id}/detainers: the detainer records placed
 * in a jurisdiction's county, a page at a time in order of the day
 * issued, as JSON (rows and the cursors of the pages before and after)
 * or CSV (format=csv, or a request that prefers text/csv in its Accept
 * header); either way a Link header names the next, previous and first
 * pages.  The checks, the query and the writing are ev_records.c's, as
 * for `attest evidence --records`.
 */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "evidence/evidence.h"
#include "views/views.h"

/* The q of media range m (its "q=" parameter; 1 without one). */
static double
quality(const char *m, size_t len)
{
	const char *p = m, *end = m + len;

	while ((p = memchr(p, ';', (size_t)(end - p))) != NULL) {
		p++;
		while (p < end && *p == ' ')
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') &&
		    p[1] == '=') {
			char v[8];
			size_t n = (size_t)(end - p - 2);

			if (n >= sizeof(v))
				n = sizeof(v) - 1;
			memcpy(v, p + 2, n);
			v[n] = '\0';
			return strtod(v, NULL);
		}
	}
	return 1.0;
}

/* true when accept ranks text/csv above every range a JSON answer
 * would satisfy: application/json, any application type, any type. */
static bool
wants_csv(const char *accept)
{
	double csv = 0.0, json = 0.0;

	for (const char *p = accept; p != NULL && *p != '\0';) {
		size_t len = strcspn(p, ","), tlen;
		const char *t = p;
		double q;

		while (*t == ' ')
			t++;
		tlen = strcspn(t, ";,");
		while (tlen > 0 && t[tlen - 1] == ' ')
			tlen--;
		q = quality(p, len);
		if (tlen == 8 && strncasecmp(t, "text/csv", 8) == 0)
			csv = q > csv ? q : csv;
		else if ((tlen == 16 &&
			     strncasecmp(t, "application/json", 16) == 0) ||
		    (tlen == 13 && strncasecmp(t, "application/*", 13) == 0) ||
		    (tlen == 3 && strncmp(t, "*/*", 3) == 0))
			json = q > json ? q : json;
		p += len;
		if (*p == ',')
			p++;
	}
	return csv > 0.0 && csv > json;
}

/* One link of a Link header's list: q's page with cursor as name. */
static void
link_rel(struct buf *u, const struct ev_records_query *q, const char *name,
    const char *cursor, const char *fmt, const char *rel)
{
	if (buf_len(u) > 0)
		buf_puts(u, ", ");
	buf_putc(u, '<');
	detainers_link(u, PAGE_API_DETAINERS, q, name, cursor, fmt);
	buf_puts(u, ">; rel=\"");
	buf_puts(u, rel);
	buf_putc(u, '"');
}

void
api_detainers(struct web_req *r, struct web_resp *w)
{
	const char *fmt = web_arg(r, "format");
	bool csv = fmt != NULL ? strcmp(fmt, "csv") == 0 : wants_csv(r->accept);
	struct ev_records_query q;
	struct ev_records_links l;
	char asked[EV_CURSOR_LEN], msg[600];
	const char *link_fmt = csv && fmt != NULL ? "csv" : NULL;
	bool first_page = true;
	struct at_diag d;
	struct buf u;
	enum at_err er;

	at_diag_clear(&d);
	er = ev_records_query_init(&q, r->seg[0], web_arg(r, "from"),
	    web_arg(r, "to"), web_num(r, "limit", 0), web_arg(r, "after"),
	    web_arg(r, "before"), &d);
	if (er == AT_OK) {
		first_page = ev_records_cursor(&q, asked) == NULL;
		er = ev_records_write(r->store, &q, csv ? EV_CSV : EV_JSON,
		    true, &w->body, &l, &d);
	}
	if (er == AT_NOTFOUND) {
		api_error(w, 404, "not_found", "no such jurisdiction");
		return;
	}
	if (er == AT_EINVAL) {
		(void)snprintf(msg, sizeof(msg), "%s: %s", d.field, d.msg);
		api_error(w, 400, "bad_request", msg);
		return;
	}
	if (er != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		return;
	}
	w->status = 200;
	if (csv) {
		w->ctype = "text/csv; charset=utf-8";
		w->disposition = "attachment";
	} else
		w->ctype = "application/json";
	/* next first, as before there were others: a client that reads
	 * the header's first link still finds it. */
	buf_init(&u, sizeof(w->link));
	if (l.next[0] != '\0')
		link_rel(&u, &q, "after", l.next, link_fmt, "next");
	if (l.prev[0] != '\0')
		link_rel(&u, &q, "before", l.prev, link_fmt, "prev");
	if (!first_page)
		link_rel(&u, &q, NULL, NULL, link_fmt, "first");
	if (buf_err(&u) == AT_OK && buf_len(&u) < sizeof(w->link))
		memcpy(w->link, buf_str(&u), buf_len(&u) + 1);
	buf_fini(&u);
}
