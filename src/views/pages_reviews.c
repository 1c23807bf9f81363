/* SPDX-License-Identifier: ISC */
/*
 * The review queue.  Every byte of data goes
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
