/* SPDX-License-Identifier: ISC */
/*
 * The helpers the record pages share: collecting records, links to them,
 * record tables.  Every byte of data goes
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

void
rl_push(struct rec_list *l, const struct model_record *r)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = model_record_dup(r);
}

void
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
enum at_err
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

void
rec_href(struct buf *b, enum model_kind kind, const char *id)
{
	if (kind == KIND_JURISDICTION)
		web_link(b, PAGE_JURISDICTION, id, NULL);
	else
		web_link(b, PAGE_RECORD, model_kind_desc(kind)->name, id);
}

void
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
void
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

void
rec_table(struct html *h, enum model_kind kind, struct model_record *const *v,
    size_t n, const char *caption)
{
	const char *const *cols = model_summary_fields(kind);
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

void
html_begin(struct web_resp *w, struct html *h)
{
	w->status = 200;
	w->ctype = "text/html; charset=utf-8";
	html_init(h, &w->body);
}

void
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

void
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
section(struct html *h, const char *id, const char *title)
{
	html_open(h, HE_SECTION, "aria-labelledby", id, NULL);
	html_open(h, HE_H2, "id", id, NULL);
	html_text(h, title);
	html_close(h);
}

int64_t
pager_pages(int64_t n, int64_t *pg)
{
	int64_t npages = (n + PAGE_ROWS - 1) / PAGE_ROWS;

	if (npages < 1)
		npages = 1;
	if (*pg > npages)
		*pg = npages;
	return npages;
}

void
pager_nav(struct html *h, int64_t pg, int64_t npages, pager_link_fn link,
    const void *ctx, const char *prev, const char *next)
{
	struct buf u;

	buf_init(&u, 4096);
	html_open(h, HE_NAV, "class", "pager", "aria-label", "Pages", NULL);
	if (pg > 1) {
		link(&u, ctx, pg - 1);
		html_open(h, HE_A, "href", buf_str(&u), "rel", "prev", NULL);
		html_text(h, prev);
		html_close(h);
	}
	html_open(h, HE_SPAN, NULL);
	HTML_RAW(h, "page ");
	html_int(h, pg);
	HTML_RAW(h, " of ");
	html_int(h, npages);
	html_close(h);
	if (pg < npages) {
		buf_reset(&u);
		link(&u, ctx, pg + 1);
		html_open(h, HE_A, "href", buf_str(&u), "rel", "next", NULL);
		html_text(h, next);
		html_close(h);
	}
	html_close_to(h, HE_NAV);
	buf_fini(&u);
}
