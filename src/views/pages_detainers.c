/* SPDX-License-Identifier: ISC */
/*
 * A jurisdiction's detainer records, a page at a time: a table of the
 * records placed in its county in order of the day issued, a form for
 * the span of days, and links to the first page, the page before and
 * the page after (keyset cursors, so a page never repeats or skips a
 * row whatever was loaded in between) and to the same page as JSON and
 * CSV.  Every byte of a record goes out
 * through the escaping writer; no script.  The checks and the query are
 * the evidence module's (ev_records.c), shared with the API and the
 * command line.
 */
#include "views/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "evidence/evidence.h"
#include "model/model.h"
#include "store/store.h"
#include "views/html.h"
#include "views/pages_int.h"

static void
query_put(struct buf *u, bool *first, const char *name, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return;
	buf_putc(u, *first ? '?' : '&');
	buf_puts(u, name);
	buf_putc(u, '=');
	url_encode(u, v);
	*first = false;
}

void
detainers_link(struct buf *u, enum page p, const struct ev_records_query *q,
    const char *name, const char *cursor, const char *format)
{
	bool first = true;
	char lim[24];

	web_link(u, p, q->jurisdiction, NULL);
	query_put(u, &first, "from", q->from);
	query_put(u, &first, "to", q->to);
	lim[0] = '\0';
	if (q->limit != EV_RECORDS_LIMIT)
		(void)snprintf(lim, sizeof(lim), "%lld", (long long)q->limit);
	query_put(u, &first, "limit", lim);
	if (name != NULL)
		query_put(u, &first, name, cursor);
	query_put(u, &first, "format", format);
}

static int
one_row(void *ctx, const struct ev_record *r)
{
	(void)r;
	*(bool *)ctx = true;
	return 1;
}

bool
detainers_any(struct store *s, const char *id)
{
	struct ev_records_query q;
	struct ev_records_links l;
	bool any = false;

	if (ev_records_query_init(&q, id, NULL, NULL, 1, NULL, NULL, NULL) !=
	    AT_OK)
		return false;
	return ev_records_page(s, &q, one_row, &any, &l, NULL) == AT_OK &&
	    any;
}

/* The file's other columns ("name: value; ..."), from the stored JSON
 * object; the text itself when it is not one. */
static void
extra_cell(struct html *h, const char *extra)
{
	json_t *v = extra != NULL ? json_loads(extra, 0, NULL) : NULL;
	const char *k;
	json_t *x;
	bool first = true;

	html_open(h, HE_TD, NULL);
	if (v == NULL || !json_is_object(v)) {
		html_text(h, extra);
		html_close(h);
		json_decref(v);
		return;
	}
	json_object_foreach(v, k, x) {
		if (!first)
			html_text(h, "; ");
		first = false;
		html_text(h, k);
		html_text(h, ": ");
		html_text(h, json_is_string(x) ? json_string_value(x) : "");
	}
	html_close(h);
	json_decref(v);
}

struct rows {
	struct html *h;
	int64_t n;
};

static int
row(void *ctx, const struct ev_record *r)
{
	struct rows *rs = ctx;
	struct html *h = rs->h;

	html_open(h, HE_TR, NULL);
	html_open(h, HE_TD, "class", "day", NULL);
	html_text(h, r->issued_date);
	html_close(h);
	html_open(h, HE_TD, NULL);
	html_elem_text(h, HE_CODE, r->detainer_id);
	html_close(h);
	html_elem_text(h, HE_TD, r->facility);
	html_elem_text(h, HE_TD, r->outcome);
	html_open(h, HE_TD, "class", "day", NULL);
	html_text(h, r->outcome_date);
	html_close(h);
	extra_cell(h, r->extra);
	html_close(h);
	rs->n++;
	return 0;
}

static void
date_field(struct html *h, const char *name, const char *label,
    const char *v)
{
	html_open(h, HE_LABEL, "for", name, NULL);
	html_text(h, label);
	html_close(h);
	html_open(h, HE_INPUT, "type", "date", "id", name, "name", name,
	    "value", v, NULL);
}

static void
nav_link(struct html *h, const char *href, const char *rel,
    const char *label)
{
	html_open(h, HE_A, "href", href, "rel", rel, NULL);
	html_text(h, label);
	html_close(h);
}

void
page_detainers(struct web_req *r, struct web_resp *w)
{
	struct model_record *j = NULL;
	struct ev_records_query q;
	struct at_diag d;
	struct html h;
	struct rows rs = { &h, 0 };
	struct buf u;
	struct ev_records_links l;
	char title[300], asked[EV_CURSOR_LEN];
	const char *name, *asked_by;
	enum at_err er;

	at_diag_clear(&d);
	er = ev_records_query_init(&q, r->seg[0], web_arg(r, "from"),
	    web_arg(r, "to"), web_num(r, "limit", 0), web_arg(r, "after"),
	    web_arg(r, "before"), &d);
	if (er == AT_NOTFOUND) {
		page_error(r, w, 404, "No such jurisdiction");
		return;
	}
	if (er != AT_OK) {
		char msg[600];

		(void)snprintf(msg, sizeof(msg), "%s: %s", d.field, d.msg);
		page_error(r, w, 400, msg);
		return;
	}
	if (store_record_get(r->store, KIND_JURISDICTION, q.jurisdiction,
	    &j) != AT_OK) {
		page_error(r, w, 404, "No such jurisdiction");
		return;
	}
	name = model_record_text(j, 1);
	if (name == NULL)
		name = q.jurisdiction;
	asked_by = ev_records_cursor(&q, asked);
	(void)snprintf(title, sizeof(title), "Detainer records: %s", name);
	html_begin(w, &h);
	layout_begin(&h, r, title);
	buf_init(&u, 2048);
	html_open(&h, HE_P, "class", "crumbs", NULL);
	web_link(&u, PAGE_JURISDICTION, q.jurisdiction, NULL);
	buf_puts(&u, "#evidence");
	html_open(&h, HE_A, "href", buf_str(&u), NULL);
	html_text(&h, name);
	html_close_to(&h, HE_P);
	html_elem_text(&h, HE_H1, title);
	html_elem_text(&h, HE_P, "The detainer records placed in this "
	    "county, in order of the day issued, as imported: one row per "
	    "detainer, with the file's other columns.");

	buf_reset(&u);
	web_link(&u, PAGE_DETAINERS, q.jurisdiction, NULL);
	html_open(&h, HE_FORM, "method", "get", "action", buf_str(&u),
	    "class", "filters", NULL);
	date_field(&h, "from", "Issued from", q.from);
	date_field(&h, "to", "to", q.to);
	html_open(&h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(&h, "Show");
	html_close_to(&h, HE_FORM);

	html_open(&h, HE_TABLE, "class", "figures records", NULL);
	html_open(&h, HE_THEAD, NULL);
	html_open(&h, HE_TR, NULL);
	html_elem_text(&h, HE_TH, "Issued");
	html_elem_text(&h, HE_TH, "Detainer");
	html_elem_text(&h, HE_TH, "Facility");
	html_elem_text(&h, HE_TH, "Outcome");
	html_elem_text(&h, HE_TH, "Outcome date");
	html_elem_text(&h, HE_TH, "Other columns");
	html_close_to(&h, HE_THEAD);
	html_open(&h, HE_TBODY, NULL);
	/* Rows go out as they are read; the page has at most
	 * EV_RECORDS_LIMIT_MAX of them. */
	er = ev_records_page(r->store, &q, row, &rs, &l, &d);
	html_close_to(&h, HE_TABLE);
	if (er != AT_OK) {
		buf_fini(&u);
		model_record_free(j);
		page_error(r, w, 500, "The database could not be read");
		return;
	}
	if (rs.n == 0)
		html_elem_text(&h, HE_P, "No records in this span of days.");

	html_open(&h, HE_NAV, "class", "pager", "aria-label", "Pages", NULL);
	if (asked_by != NULL) {
		buf_reset(&u);
		detainers_link(&u, PAGE_DETAINERS, &q, NULL, NULL, NULL);
		nav_link(&h, buf_str(&u), "first", "First page");
	}
	if (l.prev[0] != '\0') {
		buf_reset(&u);
		detainers_link(&u, PAGE_DETAINERS, &q, "before", l.prev, NULL);
		nav_link(&h, buf_str(&u), "prev", "Previous page");
	}
	if (l.next[0] != '\0') {
		buf_reset(&u);
		detainers_link(&u, PAGE_DETAINERS, &q, "after", l.next, NULL);
		nav_link(&h, buf_str(&u), "next", "Next page");
	}
	/* This page as data: the cursor it was asked with. */
	buf_reset(&u);
	detainers_link(&u, PAGE_API_DETAINERS, &q, asked_by, asked, NULL);
	nav_link(&h, buf_str(&u), "alternate", "JSON");
	buf_reset(&u);
	detainers_link(&u, PAGE_API_DETAINERS, &q, asked_by, asked, "csv");
	nav_link(&h, buf_str(&u), "alternate", "CSV");
	html_close_to(&h, HE_NAV);
	layout_end(&h);
	buf_fini(&u);
	model_record_free(j);
}
