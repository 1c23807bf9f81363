/* SPDX-License-Identifier: ISC */
/*
 * The jurisdictions list: search, filters, sorting, pages.  Every byte of data goes
 * out through html_text or an attribute, never as markup.
 */
#include "views/views.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "render/render.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "views/html.h"
#include "views/pages_int.h"

/* ---- jurisdictions list ---- */

struct jrow {
	char *id, *name, *kind, *parent;
};

struct jlist {
	struct jrow *v;
	size_t n, cap;
	const char *q, *state, *kind;
	const struct jur_filter *by; /* outcome and designation */
};

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
	if (l->q != NULL && !text_contains_ci(name != NULL ? name : "", l->q) &&
	    strncmp(id, l->q, strlen(l->q)) != 0)
		return 0;
	if (!jur_filter_match(l->by, id))
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

/* Append the list's address, with its query string and page set to pg
 * (ctx is the request). */
static void
jur_query(struct buf *u, const void *ctx, int64_t pg)
{
	const struct web_req *r = ctx;
	static const char *const keys[] = { "q", "state", "kind", "sort",
		"order", "outcome", "condition", "as_of", "interpretation",
		"designation", NULL };
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

/* The outcome filter's part of the form: condition, outcome, day and
 * reading. */
static void
outcome_fields(struct html *h, struct web_req *r, const struct jur_filter *f)
{
	static const char *const outs[] = { "complies", "conflicts",
		"unknown", "not_applicable", "not_enforced", NULL };
	struct outcome_view v;
	const char *cur;
	size_t nconds, ndirs;
	const char *const *conds = jur_filter_choices(f, false, &nconds);
	const char *const *dirs = jur_filter_choices(f, true, &ndirs);

	cur = web_arg(r, "condition");
	html_open(h, HE_LABEL, "for", "condition", NULL);
	HTML_RAW(h, "Condition");
	html_close(h);
	html_open(h, HE_SELECT, "id", "condition", "name", "condition", NULL);
	html_open(h, HE_OPTION, "value", "", NULL);
	HTML_RAW(h, "any");
	html_close(h);
	for (size_t i = 0; i < nconds; i++) {
		if (cur != NULL && strcmp(cur, conds[i]) == 0)
			html_open(h, HE_OPTION, "value", conds[i],
			    "selected", "selected", NULL);
		else
			html_open(h, HE_OPTION, "value", conds[i], NULL);
		html_text(h, conds[i]);
		html_close(h);
	}
	html_close(h);
	select_opts(h, "outcome", "Outcome", outs, web_arg(r, "outcome"),
	    "any");
	if (r->rules != NULL && outcome_view_args(r, &v) == AT_OK) {
		html_open(h, HE_LABEL, "for", "as_of", NULL);
		HTML_RAW(h, "As of");
		html_close(h);
		html_open(h, HE_INPUT, "type", "date", "id", "as_of", "name",
		    "as_of", "value", v.day_s, NULL);
		html_open(h, HE_LABEL, "for", "interpretation", NULL);
		HTML_RAW(h, "Reading");
		html_close(h);
		html_open(h, HE_SELECT, "id", "interpretation", "name",
		    "interpretation", NULL);
		for (size_t i = 0; i < rules_set_ninterpretations(r->rules);
		    i++) {
			const char *name = rules_set_interpretation(r->rules,
			    i);

			if (v.interp != NULL && strcmp(name, v.interp) == 0)
				html_open(h, HE_OPTION, "value", name,
				    "selected", "selected", NULL);
			else
				html_open(h, HE_OPTION, "value", name, NULL);
			html_text(h, name);
			html_close(h);
		}
		html_close(h);
	}
	cur = web_arg(r, "designation");
	html_open(h, HE_LABEL, "for", "designation", NULL);
	HTML_RAW(h, "Designated by");
	html_close(h);
	html_open(h, HE_SELECT, "id", "designation", "name", "designation",
	    NULL);
	html_open(h, HE_OPTION, "value", "", NULL);
	HTML_RAW(h, "no matter");
	html_close(h);
	if (cur != NULL && strcmp(cur, "any") == 0)
		html_open(h, HE_OPTION, "value", "any", "selected", "selected",
		    NULL);
	else
		html_open(h, HE_OPTION, "value", "any", NULL);
	HTML_RAW(h, "any list or order");
	html_close(h);
	for (size_t i = 0; i < ndirs; i++) {
		if (cur != NULL && strcmp(cur, dirs[i]) == 0)
			html_open(h, HE_OPTION, "value", dirs[i],
			    "selected", "selected", NULL);
		else
			html_open(h, HE_OPTION, "value", dirs[i], NULL);
		html_text(h, dirs[i]);
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
	struct jur_filter *f = NULL;
	const char *why = NULL;
	enum at_err er;

	memset(&l, 0, sizeof(l));
	l.q = web_arg(r, "q");
	if (l.q != NULL && l.q[0] == '\0')
		l.q = NULL;
	l.state = state_prefix(web_arg(r, "state"), st);
	l.kind = web_arg(r, "kind");
	if (l.kind != NULL && l.kind[0] == '\0')
		l.kind = NULL;
	er = jur_filter_load(r, true, &f, &why);
	if (er == AT_EINVAL) {
		page_error(r, w, 400, why);
		goto out;
	}
	l.by = f;
	if (er == AT_OK)
		er = store_record_each(r->store, KIND_JURISDICTION, NULL,
		    jlist_cb, &l);
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
	npages = pager_pages((int64_t)l.n, &pg);
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
	outcome_fields(&h, r, f);
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
	pager_nav(&h, pg, npages, jur_query, r, "\xe2\x86\x90 previous",
	    "next \xe2\x86\x92");
	layout_end(&h);
out:
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].id);
		free(l.v[i].name);
		free(l.v[i].kind);
		free(l.v[i].parent);
	}
	free(l.v);
	jur_filter_free(f);
}
