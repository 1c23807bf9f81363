/* SPDX-License-Identifier: ISC */
/*
 * A page of detainer records (see store_detainers.h): the range and the
 * cursor become the statement's bounds, forward after a cursor or
 * backward before one.  Nothing here checks dates or decodes cursors;
 * the caller has.
 */
#include "store/store_detainers.h"

#include <stdbool.h>
#include <string.h>

#include "store/store_int.h"

struct page_ctx {
	store_ev_detainer_fn fn;
	void *ctx;
};

static int
page_row(void *ctx, const struct store_row *row)
{
	struct page_ctx *p = ctx;
	struct store_ev_detainer r;

	if (row->ncols < STORE_EV_DETAINER_FIELDS)
		return 1;
	for (size_t i = 0; i < STORE_EV_DETAINER_FIELDS; i++)
		r.v[i] = row->vals[i];
	return p->fn(p->ctx, &r);
}

enum at_err
store_ev_detainers_page(struct store *s,
    const struct store_detainer_range *q, store_ev_detainer_fn fn,
    void *ctx)
{
	struct page_ctx pc = { fn, ctx };
	struct store_param p[5];
	/* Every stored day is a YYYY-MM-DD string: "" sorts before all of
	 * them and "9999-99-99" after. */
	const char *lo = q->from != NULL ? q->from : "";
	const char *hi = q->to != NULL ? q->to : "9999-99-99";
	const char *id = "";
	bool back = q->before_date != NULL && q->before_id != NULL;

	if (back) {
		/* Backward: the earlier of the range's last day and the
		 * cursor's day; on the cursor's own day only the ids before
		 * its id (NULL, every id, when the range ends first). */
		id = NULL;
		if (strcmp(q->before_date, hi) <= 0) {
			hi = q->before_date;
			id = q->before_id;
		}
	} else if (q->after_date != NULL && q->after_id != NULL &&
	    strcmp(q->after_date, lo) >= 0) {
		/* Forward: the later of the range's first day and the
		 * cursor's day; on the cursor's own day only the ids after
		 * its id (ids are never empty, so "" lets every id of a
		 * later first day in). */
		lo = q->after_date;
		id = q->after_id;
	}
	p[0] = (struct store_param){ SP_TEXT, q->county, 0 };
	p[1] = (struct store_param){ SP_TEXT, lo, 0 };
	p[2] = (struct store_param){ SP_TEXT, hi, 0 };
	p[3] = (struct store_param){ id != NULL ? SP_TEXT : SP_NULL, id, 0 };
	p[4] = (struct store_param){ SP_INT, NULL, q->limit };
	return s->ops->exec(s,
	    back ? STMT_EV_DETAINER_PAGE_BACK : STMT_EV_DETAINER_PAGE, p, 5,
	    page_row, &pc, NULL);
}
