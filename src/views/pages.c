/* SPDX-License-Identifier: ISC */
/*
 * The record pages: dashboard, the jurisdictions list, one
 * jurisdiction, any kind as a table, any record, the audit log.  Data
 * comes from the store through store_record_each; every byte of it goes
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

#define PAGE_ROWS 50

/* Records collected from the store; each owned. */
struct rec_list {
	struct model_record **v;
	size_t n, cap;
};

static void
rl_push(struct rec_list *l, const struct model_record *r)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = model_record_dup(r);
}

static void
rl_free(struct rec_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		model_record_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* true if the ';'-separated list contains id. */
static bool
list_has(const char *list, const char *id)
{
	size_t idlen = strlen(id);

	while (list != NULL && *list != '\0') {
		const char *end = strchr(list, ';');
		size_t len = end != NULL ? (size_t)(end - list) : strlen(list);

		while (len > 0 && *list == ' ') {
			list++;
			len--;
		}
		while (len > 0 && list[len - 1] == ' ')
			len--;
		if (len == idlen && strncmp(list, id, len) == 0)
			return true;
		list = end != NULL ? end + 1 : NULL;
	}
	return false;
}

struct collect {
	struct rec_list *out;
	int field;	 /* field index, or -1 for all */
	const char *val; /* wanted value */
	const struct rec_list *among; /* or: value is the id of one of these */
};

static bool
value_matches(const struct model_record *r, int field, const char *val)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	const char *t = model_record_text(r, (size_t)field);

	if (t == NULL)
		return false;
	if (k->fields[field].type == FT_REFLIST)
		return list_has(t, val);
	return strcmp(t, val) == 0;
}

static int
collect_cb(void *ctx, const struct model_record *r)
{
	struct collect *c = ctx;

	if (c->field < 0)
		rl_push(c->out, r);
	else if (c->among != NULL) {
		for (size_t i = 0; i < c->among->n; i++)
			if (value_matches(r, c->field,
				model_record_id(c->among->v[i]))) {
				rl_push(c->out, r);
				break;
			}
	} else if (value_matches(r, c->field, c->val))
		rl_push(c->out, r);
	return 0;
}

/* Records of kind whose field equals (or, for lists, contains) val; or
 * names one of among's ids when among is not NULL. */
static enum at_err
collect(struct store *s, enum model_kind kind, const char *field,
    const char *val, const struct rec_list *among, struct rec_list *out)
{
	struct collect c = { out, -1, val, among };

	if (field != NULL) {
		c.field = model_field_index(kind, field);
		if (c.field < 0)
			return AT_OK;
	}
	return store_record_each(s, kind, NULL, collect_cb, &c);
}

static void
rec_href(struct buf *b, enum model_kind kind, const char *id)
{
	if (kind == KIND_JURISDICTION)
		web_link(b, PAGE_JURISDICTION, id, NULL);
	else
		web_link(b, PAGE_RECORD, model_kind_desc(kind)->name, id);
}

static void
link_rec(struct html *h, enum model_kind kind, const char *id,
    const char *label)
{
	struct buf u;

	buf_init(&u, 2048);
	rec_href(&u, kind, id);
	html_open(h, HE_A, "href", buf_str(&u), NULL);
	html_text(h, label != NULL ? label : id);
	html_close(h);
	buf_fini(&u);
}

/* One field's value: references and safe addresses become links. */
static void
put_value(struct html *h, const struct model_record *r, size_t i)
{
	const struct model_field *f = &model_kind_desc(r->kind)->fields[i];
	const char *t = model_record_text(r, i);

	if (t == NULL) {
		html_open(h, HE_SPAN, "class", "none", NULL);
		HTML_RAW(h, "\xe2\x80\x94");
		html_close(h);
		return;
	}
	if (i == 0) {
		link_rec(h, r->kind, t, NULL);
		return;
	}
	switch (f->type) {
	case FT_REF:
		link_rec(h, f->ref, t, NULL);
		break;
	case FT_REFLIST: {
		const char *p = t;
		bool first = true;

		while (*p != '\0') {
			const char *end = strchr(p, ';');
			size_t len = end != NULL ? (size_t)(end - p) :
			    strlen(p);
			char *id = xstrndup(p, len);

			if (!first)
				HTML_RAW(h, ", ");
			link_rec(h, f->ref, id, NULL);
			free(id);
			first = false;
			if (end == NULL)
				break;
			p = end + 1;
		}
		break;
	}
	case FT_URL:
		if (url_scheme_ok(t)) {
			html_open(h, HE_A, "href", t, "rel",
			    "noopener noreferrer nofollow", NULL);
			html_text(h, t);
			html_close(h);
		} else
			html_text(h, t);
		break;
	default:
		html_text(h, t);
		break;
	}
}

/* Columns a person wants in a table, per kind. */
static const char *const *
table_cols(enum model_kind kind)
{
	static const char *const jur[] = { "id", "name", "kind", "parent",
		NULL };
	static const char *const agency[] = { "id", "name", "kind",
		"jurisdiction", NULL };
	static const char *const award[] = { "id", "program", "fiscal_year",
		"agency", "amount", NULL };
	static const char *const cond[] = { "id", "fiscal_year", "number",
		"due_date", "title", NULL };
	static const char *const policy[] = { "id", "title", "kind",
		"adopted", "valid_to", NULL };
	static const char *const prov[] = { "id", "policy", "type",
		"section", NULL };
	static const char *const ruling[] = { "id", "date", "kind", "scope",
		"case_name", NULL };
	static const char *const notice[] = { "id", "date", "kind",
		"jurisdiction", "due_date", NULL };
	static const char *const cert[] = { "id", "date", "jurisdiction",
		"authority", "signer", NULL };
	static const char *const dated[] = { "id", "date", "kind", "title",
		NULL };
	static const char *const design[] = { "id", "date", "directive",
		"jurisdiction", NULL };
	static const char *const action[] = { "id", "date", "kind",
		"jurisdiction", "award", "amount", NULL };
	static const char *const prog[] = { "id", "listing", "name", NULL };
	static const char *const req[] = { "id", "kind", "citation", "title",
		NULL };
	static const char *const generic[] = { "id", "kind", "title", NULL };

	switch (kind) {
	case KIND_JURISDICTION:
		return jur;
	case KIND_AGENCY:
		return agency;
	case KIND_PROGRAM:
		return prog;
	case KIND_AWARD:
		return award;
	case KIND_REQUIREMENT:
		return req;
	case KIND_CONDITION:
		return cond;
	case KIND_POLICY:
		return policy;
	case KIND_PROVISION:
		return prov;
	case KIND_RULING:
		return ruling;
	case KIND_NOTICE:
		return notice;
	case KIND_CERTIFICATION:
		return cert;
	case KIND_EVENT:
		return dated;
	case KIND_DESIGNATION:
		return design;
	case KIND_ACTION:
		return action;
	default:
		return generic;
	}
}

static void
rec_table(struct html *h, enum model_kind kind, struct model_record *const *v,
    size_t n, const char *caption)
{
	const char *const *cols = table_cols(kind);
	const struct model_kind_desc *k = model_kind_desc(kind);

	html_open(h, HE_TABLE, NULL);
	if (caption != NULL)
		html_elem_text(h, HE_CAPTION, caption);
	html_open(h, HE_THEAD, NULL);
	html_open(h, HE_TR, NULL);
	for (size_t c = 0; cols[c] != NULL; c++) {
		if (model_field_index(kind, cols[c]) < 0)
			continue;
		html_open(h, HE_TH, "scope", "col", NULL);
		html_text(h, cols[c]);
		html_close(h);
	}
	html_close_to(h, HE_THEAD);
	html_open(h, HE_TBODY, NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, HE_TR, NULL);
		for (size_t c = 0; cols[c] != NULL; c++) {
			int fi = model_field_index(kind, cols[c]);

			if (fi < 0)
				continue;
			html_open(h, HE_TD, NULL);
			put_value(h, v[i], (size_t)fi);
			html_close(h);
		}
		html_close_to(h, HE_TR);
	}
	if (n == 0) {
		html_open(h, HE_TR, NULL);
		html_open(h, HE_TD, "colspan", "6", "class", "none", NULL);
		HTML_RAW(h, "None on record.");
		html_close_to(h, HE_TR);
	}
	html_close_to(h, HE_TABLE);
	(void)k;
}

static void
html_begin(struct web_resp *w, struct html *h)
{
	w->status = 200;
	w->ctype = "text/html; charset=utf-8";
	html_init(h, &w->body);
}

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

/* ---- jurisdictions list ---- */

struct jrow {
	char *id, *name, *kind, *parent;
};

struct jlist {
	struct jrow *v;
	size_t n, cap;
	const char *q, *state, *kind;
};

static bool
ci_contains(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	if (nl == 0)
		return true;
	for (; *hay != '\0'; hay++) {
		size_t i;

		for (i = 0; i < nl && hay[i] != '\0'; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == nl)
			return true;
	}
	return false;
}

/* The FIPS prefix of a state given as "CA", "ca" or "06"; NULL if none. */
static const char *
state_prefix(const char *s, char out[3])
{
	const char *f;

	if (s == NULL || strlen(s) != 2)
		return NULL;
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]))
		return model_state_abbr(s) != NULL ? s : NULL;
	out[0] = (char)toupper((unsigned char)s[0]);
	out[1] = (char)toupper((unsigned char)s[1]);
	out[2] = '\0';
	f = model_state_fips(out);
	return f;
}

static int
jlist_cb(void *ctx, const struct model_record *r)
{
	struct jlist *l = ctx;
	const char *id = model_record_id(r);
	const char *name = model_record_text(r, 1);
	const char *kind = model_record_text(r, 2);
	const char *parent = model_record_text(r, 3);

	if (l->state != NULL && strncmp(id, l->state, 2) != 0)
		return 0;
	if (l->kind != NULL && (kind == NULL || strcmp(kind, l->kind) != 0))
		return 0;
	if (l->q != NULL && !ci_contains(name != NULL ? name : "", l->q) &&
	    strncmp(id, l->q, strlen(l->q)) != 0)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 256 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].id = xstrdup(id);
	l->v[l->n].name = xstrdup(name != NULL ? name : "");
	l->v[l->n].kind = xstrdup(kind != NULL ? kind : "");
	l->v[l->n].parent = parent != NULL ? xstrdup(parent) : NULL;
	l->n++;
	return 0;
}

static int
jcmp_name(const void *a, const void *b)
{
	const struct jrow *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->id, y->id);
}

static int
jcmp_id(const void *a, const void *b)
{
	const struct jrow *x = a, *y = b;

	return strcmp(x->id, y->id);
}

static int
jcmp_kind(const void *a, const void *b)
{
	const struct jrow *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);

	return c != 0 ? c : jcmp_name(a, b);
}

static int
jcmp_state(const void *a, const void *b)
{
	const struct jrow *x = a, *y = b;
	int c = strncmp(x->id, y->id, 2);

	return c != 0 ? c : jcmp_name(a, b);
}

/* Append the list's query string with page set to pg. */
static void
jur_query(struct buf *u, const struct web_req *r, int64_t pg)
{
	static const char *const keys[] = { "q", "state", "kind", "sort",
		"order", NULL };
	bool first = true;

	web_link(u, PAGE_JURISDICTIONS, NULL, NULL);
	for (size_t i = 0; keys[i] != NULL; i++) {
		const char *v = web_arg(r, keys[i]);

		if (v == NULL || v[0] == '\0')
			continue;
		buf_putc(u, first ? '?' : '&');
		buf_puts(u, keys[i]);
		buf_putc(u, '=');
		url_encode(u, v);
		first = false;
	}
	buf_printf(u, "%spage=%lld", first ? "?" : "&", (long long)pg);
}

static void
select_opts(struct html *h, const char *name, const char *label,
    const char *const *choices, const char *cur, const char *any)
{
	html_open(h, HE_LABEL, "for", name, NULL);
	html_text(h, label);
	html_close(h);
	html_open(h, HE_SELECT, "id", name, "name", name, NULL);
	if (any != NULL) {
		html_open(h, HE_OPTION, "value", "", NULL);
		html_text(h, any);
		html_close(h);
	}
	for (size_t i = 0; choices[i] != NULL; i++) {
		if (cur != NULL && strcmp(cur, choices[i]) == 0)
			html_open(h, HE_OPTION, "value", choices[i],
			    "selected", "selected", NULL);
		else
			html_open(h, HE_OPTION, "value", choices[i], NULL);
		html_text(h, choices[i]);
		html_close(h);
	}
	html_close(h);
}

void
page_jurisdictions(struct web_req *r, struct web_resp *w)
{
	static const char *const kinds[] = { "state", "district",
		"territory", "county", "parish", "borough", "city", "town",
		"village", "consolidated", "tribal", NULL };
	static const char *const sorts[] = { "name", "id", "kind", "state",
		NULL };
	static const char *const ords[] = { "asc", "desc", NULL };
	static const char *const states[] = { "AL", "AK", "AZ", "AR", "CA",
		"CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
		"IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS",
		"MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
		"OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
		"VT", "VA", "WA", "WV", "WI", "WY", "PR", NULL };
	struct html h;
	struct jlist l;
	char st[3];
	const char *sort = web_arg(r, "sort");
	const char *order = web_arg(r, "order");
	int64_t pg = web_num(r, "page", 1), npages;
	size_t from, to;
	enum at_err er;

	memset(&l, 0, sizeof(l));
	l.q = web_arg(r, "q");
	if (l.q != NULL && l.q[0] == '\0')
		l.q = NULL;
	l.state = state_prefix(web_arg(r, "state"), st);
	l.kind = web_arg(r, "kind");
	if (l.kind != NULL && l.kind[0] == '\0')
		l.kind = NULL;
	er = store_record_each(r->store, KIND_JURISDICTION, NULL, jlist_cb,
	    &l);
	if (er != AT_OK) {
		page_error(r, w, 500, "The database could not be read");
		goto out;
	}
	if (l.n == 0)
		; /* nothing to sort (and qsort may not take NULL) */
	else if (sort == NULL || strcmp(sort, "name") == 0)
		qsort(l.v, l.n, sizeof(*l.v), jcmp_name);
	else if (strcmp(sort, "id") == 0)
		qsort(l.v, l.n, sizeof(*l.v), jcmp_id);
	else if (strcmp(sort, "kind") == 0)
		qsort(l.v, l.n, sizeof(*l.v), jcmp_kind);
	else
		qsort(l.v, l.n, sizeof(*l.v), jcmp_state);
	if (order != NULL && strcmp(order, "desc") == 0)
		for (size_t i = 0; i < l.n / 2; i++) {
			struct jrow t = l.v[i];

			l.v[i] = l.v[l.n - 1 - i];
			l.v[l.n - 1 - i] = t;
		}
	npages = ((int64_t)l.n + PAGE_ROWS - 1) / PAGE_ROWS;
	if (npages < 1)
		npages = 1;
	if (pg > npages)
		pg = npages;
	from = (size_t)(pg - 1) * PAGE_ROWS;
	to = from + PAGE_ROWS < l.n ? from + PAGE_ROWS : l.n;

	html_begin(w, &h);
	layout_begin(&h, r, "Jurisdictions");
	html_elem_text(&h, HE_H1, "Jurisdictions");
	html_open(&h, HE_FORM, "method", "get", "action", "/jurisdictions",
	    "class", "filters", "role", "search", NULL);
	html_open(&h, HE_LABEL, "for", "q", NULL);
	HTML_RAW(&h, "Name or FIPS");
	html_close(&h);
	html_open(&h, HE_INPUT, "type", "search", "id", "q", "name", "q",
	    "maxlength", "200", "value", l.q != NULL ? l.q : "", NULL);
	select_opts(&h, "state", "State", states,
	    web_arg(r, "state") != NULL ? (l.state != NULL ? st : "") : NULL,
	    "any");
	select_opts(&h, "kind", "Kind", kinds, l.kind, "any");
	select_opts(&h, "sort", "Sort by", sorts, sort, NULL);
	select_opts(&h, "order", "Order", ords, order, NULL);
	html_open(&h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(&h, "Show");
	html_close_to(&h, HE_FORM);

	html_open(&h, HE_P, "class", "count", NULL);
	buf_printf(&w->body, "%zu found", l.n);
	if (l.n > 0)
		buf_printf(&w->body, "; %zu\xe2\x80\x93%zu shown", from + 1,
		    to);
	html_close(&h);
	html_open(&h, HE_TABLE, "class", "list", NULL);
	HTML_RAW(&h, "<thead><tr><th scope=\"col\">name</th><th scope=\"col\">"
		     "FIPS</th><th scope=\"col\">kind</th><th scope=\"col\">"
		     "state</th><th scope=\"col\">within</th></tr></thead>");
	html_open(&h, HE_TBODY, NULL);
	for (size_t i = from; i < to; i++) {
		const char *ab;
		char two[3] = { l.v[i].id[0], l.v[i].id[1], '\0' };

		ab = model_state_abbr(two);
		html_open(&h, HE_TR, NULL);
		html_open(&h, HE_TD, NULL);
		link_rec(&h, KIND_JURISDICTION, l.v[i].id, l.v[i].name);
		html_close(&h);
		html_elem_text(&h, HE_TD, l.v[i].id);
		html_elem_text(&h, HE_TD, l.v[i].kind);
		html_elem_text(&h, HE_TD, ab != NULL ? ab : "");
		html_open(&h, HE_TD, NULL);
		if (l.v[i].parent != NULL)
			link_rec(&h, KIND_JURISDICTION, l.v[i].parent, NULL);
		html_close_to(&h, HE_TR);
	}
	html_close_to(&h, HE_TABLE);
	html_open(&h, HE_NAV, "class", "pager", "aria-label", "Pages", NULL);
	if (pg > 1) {
		struct buf u;

		buf_init(&u, 4096);
		jur_query(&u, r, pg - 1);
		html_open(&h, HE_A, "href", buf_str(&u), "rel", "prev", NULL);
		HTML_RAW(&h, "\xe2\x86\x90 previous");
		html_close(&h);
		buf_fini(&u);
	}
	html_open(&h, HE_SPAN, NULL);
	buf_printf(&w->body, "page %lld of %lld", (long long)pg,
	    (long long)npages);
	html_close(&h);
	if (pg < npages) {
		struct buf u;

		buf_init(&u, 4096);
		jur_query(&u, r, pg + 1);
		html_open(&h, HE_A, "href", buf_str(&u), "rel", "next", NULL);
		HTML_RAW(&h, "next \xe2\x86\x92");
		html_close(&h);
		buf_fini(&u);
	}
	html_close_to(&h, HE_NAV);
	layout_end(&h);
out:
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].id);
		free(l.v[i].name);
		free(l.v[i].kind);
		free(l.v[i].parent);
	}
	free(l.v);
}

/* ---- one record, one jurisdiction ---- */

static void
rec_fields(struct html *h, const struct model_record *rec)
{
	const struct model_kind_desc *k = model_kind_desc(rec->kind);

	html_open(h, HE_DL, "class", "fields", NULL);
	for (size_t i = 0; i < k->nfields; i++) {
		html_elem_text(h, HE_DT, k->fields[i].name);
		html_open(h, HE_DD, NULL);
		put_value(h, rec, i);
		html_close(h);
	}
	html_close(h);
}

struct hist {
	struct html *h;
	size_t n;
};

static int
hist_cb(void *ctx, const struct store_audit_row *e)
{
	struct hist *hs = ctx;

	html_open(hs->h, HE_LI, NULL);
	html_text(hs->h, e->time);
	HTML_RAW(hs->h, " \xe2\x80\x94 ");
	html_text(hs->h, e->verb);
	HTML_RAW(hs->h, " by ");
	html_text(hs->h, e->actor);
	html_close(hs->h);
	hs->n++;
	return 0;
}

static void
rec_history(struct html *h, const struct web_req *r,
    const struct model_record *rec)
{
	struct hist hs = { h, 0 };

	if (r->user.role == ROLE_PUBLIC || r->user.role == ROLE_RECIPIENT)
		return;
	html_elem_text(h, HE_H2, "History");
	html_open(h, HE_UL, "class", "history", NULL);
	(void)store_audit_each_entity(r->store,
	    model_kind_desc(rec->kind)->name, model_record_id(rec), hist_cb,
	    &hs);
	if (hs.n == 0)
		HTML_RAW(h, "<li class=\"none\">No entries.</li>");
	html_close(h);
}

void
page_record(struct web_req *r, struct web_resp *w)
{
	struct model_record *rec = NULL;
	enum model_kind kind;
	struct html h;
	char title[512];

	if (model_kind_lookup(r->seg[0], &kind) != AT_OK) {
		page_error(r, w, 404, "No such kind of record");
		return;
	}
	if (store_record_get(r->store, kind, r->seg[1], &rec) != AT_OK) {
		page_error(r, w, 404, "No such record");
		return;
	}
	html_begin(w, &h);
	if (snprintf(title, sizeof(title), "%s %s",
		model_kind_desc(kind)->singular, model_record_id(rec)) < 0)
		title[0] = '\0';
	layout_begin(&h, r, title);
	html_open(&h, HE_P, "class", "crumbs", NULL);
	{
		struct buf u;

		buf_init(&u, 256);
		web_link(&u, PAGE_RECORDS, model_kind_desc(kind)->name, NULL);
		html_open(&h, HE_A, "href", buf_str(&u), NULL);
		html_text(&h, model_kind_desc(kind)->name);
		html_close(&h);
		buf_fini(&u);
	}
	html_close(&h);
	html_open(&h, HE_H1, NULL);
	html_text(&h, model_kind_desc(kind)->singular);
	HTML_RAW(&h, " ");
	html_open(&h, HE_CODE, NULL);
	html_text(&h, model_record_id(rec));
	html_close_to(&h, HE_H1);
	rec_fields(&h, rec);
	rec_history(&h, r, rec);
	layout_end(&h);
	model_record_free(rec);
}

void
page_records(struct web_req *r, struct web_resp *w)
{
	struct rec_list l = { NULL, 0, 0 };
	enum model_kind kind;
	struct html h;
	int64_t pg = web_num(r, "page", 1), npages;
	size_t from, to;

	if (model_kind_lookup(r->seg[0], &kind) != AT_OK) {
		page_error(r, w, 404, "No such kind of record");
		return;
	}
	if (collect(r->store, kind, NULL, NULL, NULL, &l) != AT_OK) {
		page_error(r, w, 500, "The database could not be read");
		return;
	}
	npages = ((int64_t)l.n + PAGE_ROWS - 1) / PAGE_ROWS;
	if (npages < 1)
		npages = 1;
	if (pg > npages)
		pg = npages;
	from = (size_t)(pg - 1) * PAGE_ROWS;
	to = from + PAGE_ROWS < l.n ? from + PAGE_ROWS : l.n;
	html_begin(w, &h);
	layout_begin(&h, r, model_kind_desc(kind)->name);
	html_open(&h, HE_H1, NULL);
	html_text(&h, model_kind_desc(kind)->name);
	html_close(&h);
	html_open(&h, HE_P, "class", "count", NULL);
	buf_printf(&w->body, "%zu on record. ", l.n);
	{
		struct buf u;

		buf_init(&u, 256);
		web_link(&u, PAGE_API_LIST, model_kind_desc(kind)->name, NULL);
		html_open(&h, HE_A, "href", buf_str(&u), NULL);
		HTML_RAW(&h, "JSON");
		html_close(&h);
		HTML_RAW(&h, " \xc2\xb7 ");
		buf_puts(&u, "?format=csv&limit=10000");
		html_open(&h, HE_A, "href", buf_str(&u), NULL);
		HTML_RAW(&h, "CSV");
		html_close(&h);
		buf_fini(&u);
	}
	html_close(&h);
	rec_table(&h, kind, l.v + from, to - from, NULL);
	html_open(&h, HE_NAV, "class", "pager", "aria-label", "Pages", NULL);
	for (int64_t p = 1; p <= npages && npages > 1; p++) {
		struct buf u;

		buf_init(&u, 512);
		web_link(&u, PAGE_RECORDS, model_kind_desc(kind)->name, NULL);
		buf_printf(&u, "?page=%lld", (long long)p);
		if (p == pg)
			html_open(&h, HE_A, "href", buf_str(&u),
			    "aria-current", "page", NULL);
		else
			html_open(&h, HE_A, "href", buf_str(&u), NULL);
		html_int(&h, p);
		html_close(&h);
		buf_fini(&u);
	}
	html_close(&h);
	layout_end(&h);
	rl_free(&l);
}

/* One entry of a jurisdiction's timeline. */
struct tl_item {
	const char *date; /* borrowed from the record */
	const struct model_record *rec;
	const char *what;
};

static int
tl_cmp(const void *a, const void *b)
{
	const struct tl_item *x = a, *y = b;

	return strcmp(x->date, y->date);
}

static const char *
rec_field(const struct model_record *r, const char *name)
{
	int i = model_field_index(r->kind, name);

	return i < 0 ? NULL : model_record_text(r, (size_t)i);
}

static void
tl_add(struct tl_item **v, size_t *n, size_t *cap,
    const struct rec_list *l, const char *date_field, const char *what)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *d = rec_field(l->v[i], date_field);

		if (d == NULL)
			continue;
		if (*n == *cap) {
			*cap = *cap == 0 ? 16 : *cap * 2;
			*v = xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[*n].date = d;
		(*v)[*n].rec = l->v[i];
		(*v)[*n].what = what;
		(*n)++;
	}
}

static const char *
rec_label(const struct model_record *r)
{
	static const char *const names[] = { "title", "case_name", "name",
		"summary", "kind", NULL };

	for (size_t i = 0; names[i] != NULL; i++) {
		const char *t = rec_field(r, names[i]);

		if (t != NULL)
			return t;
	}
	return model_record_id(r);
}

static void
section(struct html *h, const char *id, const char *title)
{
	html_open(h, HE_SECTION, "aria-labelledby", id, NULL);
	html_open(h, HE_H2, "id", id, NULL);
	html_text(h, title);
	html_close(h);
}

void
page_jurisdiction(struct web_req *r, struct web_resp *w)
{
	struct model_record *rec = NULL;
	struct rec_list agencies = { 0 }, awards = { 0 }, policies = { 0 },
	    provisions = { 0 }, notices = { 0 }, certs = { 0 },
	    rulings = { 0 }, events = { 0 }, actions = { 0 },
	    children = { 0 }, desigs = { 0 };
	struct tl_item *tl = NULL;
	size_t ntl = 0, captl = 0;
	struct html h;
	const char *id = r->seg[0];
	const char *name, *parent;
	struct outcome_view ov;

	if (outcome_view_args(r, &ov) != AT_OK) {
		page_error(r, w, 400, "No such day or reading of the statute");
		return;
	}
	if (store_record_get(r->store, KIND_JURISDICTION, id, &rec) !=
	    AT_OK) {
		page_error(r, w, 404, "No such jurisdiction");
		return;
	}
	(void)collect(r->store, KIND_AGENCY, "jurisdiction", id, NULL,
	    &agencies);
	(void)collect(r->store, KIND_AWARD, "agency", NULL, &agencies,
	    &awards);
	(void)collect(r->store, KIND_POLICY, "jurisdiction", id, NULL,
	    &policies);
	(void)collect(r->store, KIND_PROVISION, "policy", NULL, &policies,
	    &provisions);
	(void)collect(r->store, KIND_NOTICE, "jurisdiction", id, NULL,
	    &notices);
	(void)collect(r->store, KIND_CERTIFICATION, "jurisdiction", id, NULL,
	    &certs);
	(void)collect(r->store, KIND_RULING, "plaintiffs", id, NULL,
	    &rulings);
	(void)collect(r->store, KIND_EVENT, "jurisdiction", id, NULL,
	    &events);
	(void)collect(r->store, KIND_ACTION, "jurisdiction", id, NULL,
	    &actions);
	(void)collect(r->store, KIND_DESIGNATION, "jurisdiction", id, NULL,
	    &desigs);
	(void)collect(r->store, KIND_JURISDICTION, "parent", id, NULL,
	    &children);

	name = model_record_text(rec, 1);
	html_begin(w, &h);
	layout_begin(&h, r, name != NULL ? name : id);
	html_open(&h, HE_P, "class", "crumbs", NULL);
	parent = model_record_text(rec, 3);
	if (parent != NULL) {
		struct model_record *p = NULL;
		int depth = 0;
		char *cur = xstrdup(parent);

		/* The enclosing jurisdictions, innermost last. */
		struct model_record *chain[8];
		while (cur != NULL && depth < 8 &&
		    store_record_get(r->store, KIND_JURISDICTION, cur, &p) ==
			AT_OK) {
			const char *pp = model_record_text(p, 3);

			chain[depth++] = p;
			free(cur);
			cur = pp != NULL ? xstrdup(pp) : NULL;
		}
		free(cur);
		for (int i = depth - 1; i >= 0; i--) {
			link_rec(&h, KIND_JURISDICTION,
			    model_record_id(chain[i]),
			    model_record_text(chain[i], 1));
			HTML_RAW(&h, " \xe2\x80\xba ");
			model_record_free(chain[i]);
		}
	}
	html_close(&h);
	html_open(&h, HE_H1, NULL);
	html_text(&h, name);
	html_close(&h);
	rec_fields(&h, rec);
	outcome_jurisdiction(&h, r, &ov, id);

	if (children.n > 0) {
		section(&h, "within", "Within it");
		rec_table(&h, KIND_JURISDICTION, children.v,
		    children.n < 100 ? children.n : 100, NULL);
		html_close_to(&h, HE_SECTION);
	}
	section(&h, "agencies", "Agencies");
	rec_table(&h, KIND_AGENCY, agencies.v, agencies.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "awards", "Awards");
	rec_table(&h, KIND_AWARD, awards.v, awards.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "policies", "Policies and provisions");
	rec_table(&h, KIND_POLICY, policies.v, policies.n, "Policies");
	if (provisions.n > 0)
		rec_table(&h, KIND_PROVISION, provisions.v, provisions.n,
		    "Provisions");
	html_close_to(&h, HE_SECTION);
	section(&h, "notices", "Notices");
	rec_table(&h, KIND_NOTICE, notices.v, notices.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "certifications", "Certifications");
	rec_table(&h, KIND_CERTIFICATION, certs.v, certs.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "rulings", "Rulings naming it");
	rec_table(&h, KIND_RULING, rulings.v, rulings.n, NULL);
	html_close_to(&h, HE_SECTION);

	tl_add(&tl, &ntl, &captl, &policies, "adopted", "policy adopted");
	tl_add(&tl, &ntl, &captl, &notices, "date", "notice");
	tl_add(&tl, &ntl, &captl, &certs, "date", "certification");
	tl_add(&tl, &ntl, &captl, &rulings, "date", "ruling");
	tl_add(&tl, &ntl, &captl, &events, "date", "event");
	tl_add(&tl, &ntl, &captl, &actions, "date", "action");
	tl_add(&tl, &ntl, &captl, &desigs, "date", "designation");
	if (ntl > 0)
		qsort(tl, ntl, sizeof(*tl), tl_cmp);
	section(&h, "timeline", "Timeline");
	html_open(&h, HE_OL, "class", "timeline", NULL);
	for (size_t i = 0; i < ntl; i++) {
		html_open(&h, HE_LI, NULL);
		html_open(&h, HE_TIME, "datetime", tl[i].date, NULL);
		html_text(&h, tl[i].date);
		html_close(&h);
		HTML_RAW(&h, " ");
		html_open(&h, HE_SPAN, "class", "tag", NULL);
		html_text(&h, tl[i].what);
		html_close(&h);
		HTML_RAW(&h, " ");
		link_rec(&h, tl[i].rec->kind, model_record_id(tl[i].rec),
		    rec_label(tl[i].rec));
		html_close_to(&h, HE_LI);
	}
	if (ntl == 0)
		HTML_RAW(&h, "<li class=\"none\">Nothing dated on record.</li>");
	html_close_to(&h, HE_SECTION);
	rec_history(&h, r, rec);
	layout_end(&h);

	free(tl);
	rl_free(&agencies);
	rl_free(&awards);
	rl_free(&policies);
	rl_free(&provisions);
	rl_free(&notices);
	rl_free(&certs);
	rl_free(&rulings);
	rl_free(&events);
	rl_free(&actions);
	rl_free(&children);
	rl_free(&desigs);
	model_record_free(rec);
}

/* ---- audit log ---- */

struct audit_page {
	struct html *h;
	size_t left;
};

static int
audit_row_cb(void *ctx, const struct store_audit_row *e)
{
	struct audit_page *ap = ctx;
	struct html *h = ap->h;
	enum model_kind k;

	if (ap->left == 0)
		return 1;
	ap->left--;
	html_open(h, HE_TR, NULL);
	html_open(h, HE_TD, NULL);
	html_int(h, e->seq);
	html_close(h);
	html_elem_text(h, HE_TD, e->time);
	html_elem_text(h, HE_TD, e->actor);
	html_elem_text(h, HE_TD, e->verb);
	html_elem_text(h, HE_TD, e->kind);
	html_open(h, HE_TD, NULL);
	if (e->entity_id != NULL && model_kind_lookup(e->kind, &k) == AT_OK)
		link_rec(h, k, e->entity_id, NULL);
	else
		html_text(h, e->entity_id);
	html_close(h);
	html_open(h, HE_TD, NULL);
	html_open(h, HE_CODE, "title", e->hash, NULL);
	html_textn(h, e->hash, strlen(e->hash) > 12 ? 12 : strlen(e->hash));
	html_close_to(h, HE_TR);
	return 0;
}

void
page_audit(struct web_req *r, struct web_resp *w)
{
	struct html h;
	struct audit_page ap;
	int64_t total = 0, pg = web_num(r, "page", 1), npages, from;

	if (store_audit_count(r->store, &total) != AT_OK) {
		page_error(r, w, 500, "The database could not be read");
		return;
	}
	npages = (total + PAGE_ROWS - 1) / PAGE_ROWS;
	if (npages < 1)
		npages = 1;
	if (pg > npages)
		pg = npages;
	/* Page 1 is the newest entries. */
	from = total - pg * PAGE_ROWS + 1;
	ap.left = PAGE_ROWS;
	if (from < 1) {
		ap.left = (size_t)(PAGE_ROWS + from - 1);
		from = 1;
	}
	html_begin(w, &h);
	layout_begin(&h, r, "Audit log");
	html_elem_text(&h, HE_H1, "Audit log");
	html_open(&h, HE_P, NULL);
	buf_printf(&w->body, "%lld entries, each hashed with the one before; "
	    "`attest audit verify` checks the chain and its signed "
	    "checkpoints.", (long long)total);
	html_close(&h);
	html_open(&h, HE_TABLE, "class", "list", NULL);
	HTML_RAW(&h, "<thead><tr><th scope=\"col\">seq</th><th scope=\"col\">"
		     "time</th><th scope=\"col\">actor</th><th scope=\"col\">"
		     "change</th><th scope=\"col\">kind</th><th scope=\"col\">"
		     "record</th><th scope=\"col\">hash</th></tr></thead>");
	html_open(&h, HE_TBODY, NULL);
	ap.h = &h;
	if (total > 0)
		(void)store_audit_each(r->store, from, audit_row_cb, &ap);
	html_close_to(&h, HE_TABLE);
	html_open(&h, HE_NAV, "class", "pager", "aria-label", "Pages", NULL);
	if (pg > 1) {
		struct buf u;

		buf_init(&u, 64);
		buf_printf(&u, "/audit?page=%lld", (long long)(pg - 1));
		html_open(&h, HE_A, "href", buf_str(&u), "rel", "prev", NULL);
		HTML_RAW(&h, "\xe2\x86\x90 newer");
		html_close(&h);
		buf_fini(&u);
	}
	html_open(&h, HE_SPAN, NULL);
	buf_printf(&w->body, "page %lld of %lld", (long long)pg,
	    (long long)npages);
	html_close(&h);
	if (pg < npages) {
		struct buf u;

		buf_init(&u, 64);
		buf_printf(&u, "/audit?page=%lld", (long long)(pg + 1));
		html_open(&h, HE_A, "href", buf_str(&u), "rel", "next", NULL);
		HTML_RAW(&h, "older \xe2\x86\x92");
		html_close(&h);
		buf_fini(&u);
	}
	html_close(&h);
	layout_end(&h);
}

/* ---- the review queue ---- */

struct review_rows {
	struct html *h;
	bool proposed; /* this pass shows proposed (else decided) reviews */
	size_t n;
};

static int
review_row_cb(void *ctx, const struct store_review *rv)
{
	struct review_rows *rr = ctx;
	struct html *h = rr->h;
	bool is_proposed = rv->status != NULL &&
	    strcmp(rv->status, "proposed") == 0;

	if (is_proposed != rr->proposed)
		return 0;
	html_open(h, HE_TR, NULL);
	html_elem_text(h, HE_TD, rv->id);
	html_open(h, HE_TD, NULL);
	if (rv->certification != NULL)
		link_rec(h, KIND_CERTIFICATION, rv->certification, NULL);
	html_close(h);
	html_elem_text(h, HE_TD, rv->finding);
	html_open(h, HE_TD, NULL);
	html_text(h, rv->proposer);
	HTML_RAW(h, ", ");
	html_text(h, rv->proposed_on);
	html_close(h);
	html_open(h, HE_TD, NULL);
	html_text(h, rv->status);
	if (rv->decider != NULL) {
		HTML_RAW(h, " by ");
		html_text(h, rv->decider);
		HTML_RAW(h, ", ");
		html_text(h, rv->decided_on);
	}
	html_close(h);
	html_elem_text(h, HE_TD, rv->rationale);
	html_close_to(h, HE_TR);
	rr->n++;
	return 0;
}

static void
review_table(struct html *h, struct web_req *r, bool proposed,
    const char *caption)
{
	struct review_rows rr = { h, proposed, 0 };

	html_open(h, HE_TABLE, "class", "list", NULL);
	html_elem_text(h, HE_CAPTION, caption);
	HTML_RAW(h, "<thead><tr><th scope=\"col\">review</th><th scope=\"col\">"
		    "certification</th><th scope=\"col\">finding</th><th "
		    "scope=\"col\">proposed</th><th scope=\"col\">status</th>"
		    "<th scope=\"col\">rationale</th></tr></thead>");
	html_open(h, HE_TBODY, NULL);
	(void)store_review_each(r->store, NULL, review_row_cb, &rr);
	if (rr.n == 0)
		HTML_RAW(h, "<tr><td colspan=\"6\" class=\"none\">None.</td>"
			    "</tr>");
	html_close_to(h, HE_TABLE);
}

void
page_reviews(struct web_req *r, struct web_resp *w)
{
	struct html h;

	html_begin(w, &h);
	layout_begin(&h, r, "Reviews");
	html_elem_text(&h, HE_H1, "Review queue");
	html_elem_text(&h, HE_P, "Findings on certifications are proposed by "
	    "one person and approved or returned by another "
	    "(`attest review`); the audit log records each step.");
	review_table(&h, r, true, "Waiting for a decision");
	review_table(&h, r, false, "Decided");
	layout_end(&h);
}

/* ---- a recipient's portal ---- */

void
page_portal(struct web_req *r, struct web_resp *w)
{
	struct model_record *rec = NULL;
	struct rec_list notices = { 0 }, certs = { 0 }, agencies = { 0 },
	    awards = { 0 };
	const char *id = r->user.jurisdiction;
	struct html h;
	struct buf u;

	if (store_record_get(r->store, KIND_JURISDICTION, id, &rec) !=
	    AT_OK) {
		page_error(r, w, 404, "Your jurisdiction is not on record");
		return;
	}
	(void)collect(r->store, KIND_NOTICE, "jurisdiction", id, NULL,
	    &notices);
	(void)collect(r->store, KIND_CERTIFICATION, "jurisdiction", id, NULL,
	    &certs);
	(void)collect(r->store, KIND_AGENCY, "jurisdiction", id, NULL,
	    &agencies);
	(void)collect(r->store, KIND_AWARD, "agency", NULL, &agencies,
	    &awards);
	html_begin(w, &h);
	layout_begin(&h, r, "My jurisdiction");
	html_open(&h, HE_H1, NULL);
	html_text(&h, model_record_text(rec, 1));
	html_close(&h);
	html_open(&h, HE_P, NULL);
	HTML_RAW(&h, "You are signed in for this jurisdiction only: the "
		     "notices sent to it, what it has certified, and its "
		     "awards. ");
	buf_init(&u, 256);
	web_link(&u, PAGE_JURISDICTION, id, NULL);
	html_open(&h, HE_A, "href", buf_str(&u), NULL);
	HTML_RAW(&h, "Its full record, outcomes and timeline");
	html_close(&h);
	buf_fini(&u);
	HTML_RAW(&h, ".");
	html_close(&h);
	section(&h, "notices", "Notices to answer");
	rec_table(&h, KIND_NOTICE, notices.v, notices.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "certifications", "Certifications made");
	rec_table(&h, KIND_CERTIFICATION, certs.v, certs.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "awards", "Awards");
	rec_table(&h, KIND_AWARD, awards.v, awards.n, NULL);
	html_close_to(&h, HE_SECTION);
	layout_end(&h);
	rl_free(&notices);
	rl_free(&certs);
	rl_free(&agencies);
	rl_free(&awards);
	model_record_free(rec);
}
