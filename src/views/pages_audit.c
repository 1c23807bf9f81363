/* SPDX-License-Identifier: ISC */
/*
 * The audit log.  Every byte of data goes
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
		buf_printf(&u, "/audit?page=%lld", (long long)pg + 1);
		html_open(&h, HE_A, "href", buf_str(&u), "rel", "next", NULL);
		HTML_RAW(&h, "older \xe2\x86\x92");
		html_close(&h);
		buf_fini(&u);
	}
	html_close(&h);
	layout_end(&h);
}
