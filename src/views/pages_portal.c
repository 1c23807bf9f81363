/* SPDX-License-Identifier: ISC */
/*
 * A recipient's portal.  Every byte of data goes
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
