/* SPDX-License-Identifier: ISC */
/*
 * One jurisdiction: its parents, agencies, awards, policies, outcomes, evidence and timeline.  Every byte of data goes
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
#include "casework/casework_letter.h"
#include "views/html.h"
#include "views/pages_int.h"

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
	if (notices.n > 0) {
		/* Each notice's letter, for those who may read it. */
		html_open(&h, HE_UL, "class", "letter-list", "aria-label",
		    "Letters", NULL);
		for (size_t i = 0; i < notices.n; i++) {
			if (!casework_letter_visible(&r->user, notices.v[i]))
				continue;
			html_open(&h, HE_LI, NULL);
			html_text(&h, model_record_id(notices.v[i]));
			HTML_RAW(&h, ": ");
			letter_links(&h, r, notices.v[i]);
			html_close(&h);
		}
		html_close(&h);
	}
	html_close_to(&h, HE_SECTION);
	section(&h, "certifications", "Certifications");
	rec_table(&h, KIND_CERTIFICATION, certs.v, certs.n, NULL);
	html_close_to(&h, HE_SECTION);
	section(&h, "rulings", "Rulings naming it");
	rec_table(&h, KIND_RULING, rulings.v, rulings.n, NULL);
	html_close_to(&h, HE_SECTION);
	jur_evidence(&h, r->store, id);

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
		if (tl[i].rec->kind == KIND_NOTICE) {
			HTML_RAW(&h, " ");
			html_open(&h, HE_SPAN, "class", "letters", NULL);
			letter_links(&h, r, tl[i].rec);
			html_close(&h);
		} else if (tl[i].rec->kind == KIND_CERTIFICATION)
			cert_received(&h, r, tl[i].rec);
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
