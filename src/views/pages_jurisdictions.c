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

/* Sorted ids, for the outcome and designation filters. */
struct idset {
	char **v;
	size_t n, cap;
	bool on; /* the filter is in use (an empty set matches nothing) */
};

static void
idset_add(struct idset *s, const char *id)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(id);
}

static int
idcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
idset_sort(struct idset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), idcmp);
}

static bool
idset_has(const struct idset *s, const char *id)
{
	return s->n > 0 &&
	    bsearch(&id, s->v, s->n, sizeof(*s->v), idcmp) != NULL;
}

static void
idset_free(struct idset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct jlist {
	struct jrow *v;
	size_t n, cap;
	const char *q, *state, *kind;
	struct idset by_outcome, by_designation;
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
	if (l->by_outcome.on && !idset_has(&l->by_outcome, id))
		return 0;
	if (l->by_designation.on && !idset_has(&l->by_designation, id))
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

struct outcome_filter {
	struct idset *set;
	enum rules_outcome want;
};

static void
outcome_one(void *ctx, const char *jurisdiction, enum rules_outcome o)
{
	struct outcome_filter *f = ctx;

	if (o == f->want)
		idset_add(f->set, jurisdiction);
}

/* The jurisdictions whose outcome for the request's condition, day and
 * reading is the request's outcome.  A problem for the visitor goes to
 * *why (400). */
static enum at_err
filter_outcome(struct web_req *r, struct idset *set, const char **why)
{
	const char *want = web_arg(r, "outcome");
	const char *cond = web_arg(r, "condition");
	struct outcome_filter f;
	struct outcome_view v;
	enum at_err er;

	if (want == NULL)
		return AT_OK;
	if (cond == NULL) {
		*why = "condition: choose the condition the outcome is for";
		return AT_EINVAL;
	}
	if (r->rules == NULL) {
		*why = "outcome: the rules did not load, so there are no "
		       "outcomes to filter by";
		return AT_EINVAL;
	}
	if (outcome_view_args(r, &v) != AT_OK) {
		*why = "interpretation: the rules have no such reading";
		return AT_EINVAL;
	}
	if (rules_outcome_parse(want, &f.want) != AT_OK) {
		*why = "outcome: not an outcome";
		return AT_EINVAL;
	}
	f.set = set;
	set->on = true;
	er = outcome_map(r, &v, cond, outcome_one, &f);
	if (er == AT_NOTFOUND || er == AT_EINVAL) {
		*why = "condition: the rules know no such condition";
		return AT_EINVAL;
	}
	if (er != AT_OK) {
		*why = "outcome: the rules engine could not evaluate it";
		return AT_EINVAL;
	}
	idset_sort(set);
	return AT_OK;
}

struct desig_ctx {
	const char *want; /* a directive id, or "any" */
	struct idset *set;
	struct idset *directives; /* every directive with a designation */
};

static int
desig_cb(void *ctx, const struct model_record *rec)
{
	struct desig_ctx *x = ctx;
	int di = model_field_index(KIND_DESIGNATION, "directive");
	int ji = model_field_index(KIND_DESIGNATION, "jurisdiction");
	const char *dir = di >= 0 ? model_record_text(rec, (size_t)di) : NULL;
	const char *jur = ji >= 0 ? model_record_text(rec, (size_t)ji) : NULL;

	if (dir == NULL || jur == NULL)
		return 0;
	if (!idset_has(x->directives, dir)) {
		idset_add(x->directives, dir);
		idset_sort(x->directives);
	}
	if (x->want != NULL && (strcmp(x->want, "any") == 0 ||
	    strcmp(x->want, dir) == 0))
		idset_add(x->set, jur);
	return 0;
}

/* The jurisdictions a directive (or any) designates, and the directives
 * that designate any, for the form. */
static enum at_err
filter_designation(struct web_req *r, struct idset *set,
    struct idset *directives)
{
	struct desig_ctx x = { web_arg(r, "designation"), set, directives };
	enum at_err er;

	set->on = x.want != NULL;
	er = store_record_each(r->store, KIND_DESIGNATION, NULL, desig_cb, &x);
	idset_sort(set);
	return er;
}

static int
cond_cb(void *ctx, const struct model_record *rec)
{
	idset_add(ctx, model_record_id(rec));
	return 0;
}

/* The outcome filter's part of the form: condition, outcome, day and
 * reading. */
static void
outcome_fields(struct html *h, struct web_req *r, const struct idset *conds,
    const struct idset *directives)
{
	static const char *const outs[] = { "complies", "conflicts",
		"unknown", "not_applicable", "not_enforced", NULL };
	struct outcome_view v;
	const char *cur;

	cur = web_arg(r, "condition");
	html_open(h, HE_LABEL, "for", "condition", NULL);
	HTML_RAW(h, "Condition");
	html_close(h);
	html_open(h, HE_SELECT, "id", "condition", "name", "condition", NULL);
	html_open(h, HE_OPTION, "value", "", NULL);
	HTML_RAW(h, "any");
	html_close(h);
	for (size_t i = 0; i < conds->n; i++) {
		if (cur != NULL && strcmp(cur, conds->v[i]) == 0)
			html_open(h, HE_OPTION, "value", conds->v[i],
			    "selected", "selected", NULL);
		else
			html_open(h, HE_OPTION, "value", conds->v[i], NULL);
		html_text(h, conds->v[i]);
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
	for (size_t i = 0; i < directives->n; i++) {
		if (cur != NULL && strcmp(cur, directives->v[i]) == 0)
			html_open(h, HE_OPTION, "value", directives->v[i],
			    "selected", "selected", NULL);
		else
			html_open(h, HE_OPTION, "value", directives->v[i],
			    NULL);
		html_text(h, directives->v[i]);
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
	struct idset conds, directives;
	const char *why = NULL;
	enum at_err er;

	memset(&l, 0, sizeof(l));
	memset(&conds, 0, sizeof(conds));
	memset(&directives, 0, sizeof(directives));
	l.q = web_arg(r, "q");
	if (l.q != NULL && l.q[0] == '\0')
		l.q = NULL;
	l.state = state_prefix(web_arg(r, "state"), st);
	l.kind = web_arg(r, "kind");
	if (l.kind != NULL && l.kind[0] == '\0')
		l.kind = NULL;
	er = filter_outcome(r, &l.by_outcome, &why);
	if (er != AT_OK) {
		page_error(r, w, 400, why);
		goto out;
	}
	er = filter_designation(r, &l.by_designation, &directives);
	if (er == AT_OK)
		er = store_record_each(r->store, KIND_CONDITION, NULL, cond_cb,
		    &conds);
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
	outcome_fields(&h, r, &conds, &directives);
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
	idset_free(&l.by_outcome);
	idset_free(&l.by_designation);
	idset_free(&conds);
	idset_free(&directives);
}
