/* SPDX-License-Identifier: ISC */
/*
 * The dashboard and the deadlines feed.  Every byte of data goes
 * out through html_text or an attribute, never as markup.
 */
#include "views/views.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "render/render.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "views/html.h"
#include "views/pages_int.h"

/* ---- dashboard ---- */

struct deadline {
	char date[AT_DATE_LEN];
	enum model_kind kind;
	char *id, *label;
};

struct deadlines {
	struct deadline *v;
	size_t n, cap;
	int field;
	const char *label_field;
};

static int
deadline_cb(void *ctx, const struct model_record *r)
{
	struct deadlines *d = ctx;
	const char *due = model_record_text(r, (size_t)d->field);
	int lf = model_field_index(r->kind, d->label_field);
	const char *label = lf >= 0 ? model_record_text(r, (size_t)lf) : NULL;

	if (due == NULL || strlen(due) != AT_DATE_LEN - 1)
		return 0;
	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 16 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	memcpy(d->v[d->n].date, due, AT_DATE_LEN);
	d->v[d->n].kind = r->kind;
	d->v[d->n].id = xstrdup(model_record_id(r));
	d->v[d->n].label = xstrdup(label != NULL ? label :
	    model_record_id(r));
	d->n++;
	return 0;
}

static int
deadline_cmp(const void *a, const void *b)
{
	const struct deadline *x = a, *y = b;

	return strcmp(x->date, y->date);
}

static void
gather_deadlines(struct store *s, struct deadlines *dl)
{
	dl->field = model_field_index(KIND_CONDITION, "due_date");
	dl->label_field = "title";
	(void)store_record_each(s, KIND_CONDITION, NULL, deadline_cb, dl);
	dl->field = model_field_index(KIND_NOTICE, "due_date");
	dl->label_field = "summary";
	if (dl->field >= 0)
		(void)store_record_each(s, KIND_NOTICE, NULL, deadline_cb,
		    dl);
	if (dl->n > 0)
		qsort(dl->v, dl->n, sizeof(*dl->v), deadline_cmp);
}

static void
free_deadlines(struct deadlines *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].id);
		free(dl->v[i].label);
	}
	free(dl->v);
}

void
page_ics(struct web_req *r, struct web_resp *w)
{
	struct deadlines dl;
	struct render_due *items;
	char **uids;
	struct at_diag d;
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];

	memset(&dl, 0, sizeof(dl));
	gather_deadlines(r->store, &dl);
	items = xcalloc(dl.n + 1, sizeof(*items));
	uids = xcalloc(dl.n + 1, sizeof(*uids));
	for (size_t i = 0; i < dl.n; i++) {
		struct buf u;

		buf_init(&u, 256);
		buf_puts(&u, dl.v[i].id);
		buf_puts(&u, dl.v[i].kind == KIND_NOTICE ? ".notice" :
		    ".condition");
		buf_puts(&u, "@attest");
		uids[i] = buf_detach(&u, NULL);
		items[i].uid = uids[i];
		items[i].date = dl.v[i].date;
		items[i].summary = dl.v[i].label;
		items[i].description = dl.v[i].id;
	}
	gmtime_r(&now, &tm);
	if (strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm) == 0)
		stamp[0] = '\0';
	at_diag_clear(&d);
	w->status = 200;
	w->ctype = "text/calendar; charset=utf-8";
	w->disposition = "inline; filename=\"attest-deadlines.ics\"";
	if (render_ical(items, dl.n, stamp, &w->body, &d) != AT_OK) {
		buf_reset(&w->body);
		page_error(r, w, 500, "The calendar could not be made");
	}
	for (size_t i = 0; i < dl.n; i++)
		free(uids[i]);
	free(uids);
	free(items);
	free_deadlines(&dl);
}

struct recent {
	struct html *h;
	int64_t skip;
};

static int
recent_cb(void *ctx, const struct store_audit_row *e)
{
	struct recent *rc = ctx;
	struct html *h = rc->h;
	enum model_kind k;

	if (rc->skip > 0) {
		rc->skip--;
		return 0;
	}
	html_open(h, HE_TR, NULL);
	html_elem_text(h, HE_TD, e->time);
	html_elem_text(h, HE_TD, e->verb);
	html_elem_text(h, HE_TD, e->kind);
	html_open(h, HE_TD, NULL);
	if (e->entity_id != NULL && model_kind_lookup(e->kind, &k) == AT_OK)
		link_rec(h, k, e->entity_id, NULL);
	else
		html_text(h, e->entity_id);
	html_close_to(h, HE_TR);
	return 0;
}

void
page_home(struct web_req *r, struct web_resp *w)
{
	struct html h;
	struct deadlines dl;
	struct at_date today = at_date_today();
	char today_s[AT_DATE_LEN];
	int64_t naudit = 0;
	size_t shown;

	struct outcome_view ov;

	if (outcome_view_args(r, &ov) != AT_OK) {
		page_error(r, w, 400, "No such day or reading of the statute");
		return;
	}
	memset(&dl, 0, sizeof(dl));
	at_date_format(today, today_s);
	html_begin(w, &h);
	layout_begin(&h, r, "Dashboard");
	html_elem_text(&h, HE_H1, "Dashboard");
	html_open(&h, HE_P, "class", "lead", NULL);
	HTML_RAW(&h, "Federal grant conditions on immigration enforcement, "
		     "the local policies they meet, and what courts said.");
	html_close(&h);

	html_open(&h, HE_SECTION, "aria-labelledby", "counts", NULL);
	html_open(&h, HE_H2, "id", "counts", NULL);
	HTML_RAW(&h, "On record");
	html_close(&h);
	html_open(&h, HE_UL, "class", "cards", NULL);
	for (int k = 0; k < KIND__MAX; k++) {
		int64_t n = 0;
		struct buf u;

		if (store_record_count(r->store, (enum model_kind)k, &n) !=
		    AT_OK)
			continue;
		buf_init(&u, 256);
		if (k == KIND_JURISDICTION)
			web_link(&u, PAGE_JURISDICTIONS, NULL, NULL);
		else
			web_link(&u, PAGE_RECORDS,
			    model_kind_desc((enum model_kind)k)->name, NULL);
		html_open(&h, HE_LI, NULL);
		html_open(&h, HE_A, "href", buf_str(&u), NULL);
		html_open(&h, HE_STRONG, NULL);
		html_int(&h, n);
		html_close(&h);
		HTML_RAW(&h, " ");
		html_text(&h, model_kind_desc((enum model_kind)k)->name);
		html_close_to(&h, HE_LI);
		buf_fini(&u);
	}
	html_close_to(&h, HE_SECTION);

	outcome_counts(&h, r, &ov);
	funds_summary(&h, r, ov.day);

	gather_deadlines(r->store, &dl);
	html_open(&h, HE_SECTION, "aria-labelledby", "deadlines", NULL);
	html_open(&h, HE_H2, "id", "deadlines", NULL);
	HTML_RAW(&h, "Deadlines");
	html_close(&h);
	html_open(&h, HE_P, NULL);
	html_open(&h, HE_A, "href", "/deadlines.ics", NULL);
	HTML_RAW(&h, "Subscribe to these dates (iCalendar)");
	html_close_to(&h, HE_P);
	html_open(&h, HE_TABLE, NULL);
	html_open(&h, HE_THEAD, NULL);
	HTML_RAW(&h, "<tr><th scope=\"col\">due</th><th scope=\"col\">"
		     "status</th><th scope=\"col\">what</th></tr>");
	html_close(&h);
	html_open(&h, HE_TBODY, NULL);
	for (size_t i = 0; i < dl.n; i++) {
		bool overdue = strcmp(dl.v[i].date, today_s) < 0;

		html_open(&h, HE_TR, "class", overdue ? "past" : "upcoming",
		    NULL);
		html_elem_text(&h, HE_TD, dl.v[i].date);
		html_elem_text(&h, HE_TD, overdue ? "past" : "upcoming");
		html_open(&h, HE_TD, NULL);
		link_rec(&h, dl.v[i].kind, dl.v[i].id, dl.v[i].label);
		html_close_to(&h, HE_TR);
	}
	if (dl.n == 0)
		HTML_RAW(&h, "<tr><td colspan=\"3\" class=\"none\">No dated "
			     "deadlines on record.</td></tr>");
	html_close_to(&h, HE_SECTION);
	free_deadlines(&dl);

	html_open(&h, HE_SECTION, "aria-labelledby", "recent", NULL);
	html_open(&h, HE_H2, "id", "recent", NULL);
	HTML_RAW(&h, "Recent changes");
	html_close(&h);
	(void)store_audit_count(r->store, &naudit);
	html_open(&h, HE_TABLE, NULL);
	HTML_RAW(&h, "<thead><tr><th scope=\"col\">time</th><th scope=\"col\">"
		     "change</th><th scope=\"col\">kind</th><th scope=\"col\">"
		     "record</th></tr></thead>");
	html_open(&h, HE_TBODY, NULL);
	{
		struct recent rc = { &h, 0 };
		int64_t from = naudit > 10 ? naudit - 9 : 1;

		(void)store_audit_each(r->store, from, recent_cb, &rc);
	}
	html_close_to(&h, HE_SECTION);
	shown = 0;
	(void)shown;
	layout_end(&h);
}
