/* SPDX-License-Identifier: ISC */
/*
 * Any kind as a table, any record with its history.  Every byte of data goes
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
	if (kind == KIND_NOTICE &&
	    casework_letter_visible(&r->user, rec)) {
		html_open(&h, HE_P, "class", "letters", NULL);
		HTML_RAW(&h, "The letter: ");
		letter_links(&h, r, rec);
		html_close(&h);
	}
	rec_fields(&h, rec);
	if (kind == KIND_CERTIFICATION)
		cert_received(&h, r, rec);
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
	npages = pager_pages((int64_t)l.n, &pg);
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
