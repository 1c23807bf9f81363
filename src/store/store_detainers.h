/* SPDX-License-Identifier: ISC */
/*
 * Reading detainer records back, one page at a time: a county's records
 * in (issued_date, detainer_id) order between two days, after a keyset
 * cursor.  The importer's side of the table is store_evidence.h; what a
 * cursor looks like outside, and which jurisdiction is which county, is
 * the evidence module's business (ev_records.c).
 */
#ifndef AT_STORE_STORE_DETAINERS_H
#define AT_STORE_STORE_DETAINERS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store_evidence.h"

struct store;

/* Which records: all strings borrowed for the call. */
struct store_detainer_range {
	const char *county;	/* facility_county_fips */
	const char *from, *to;	/* issued_date bounds, YYYY-MM-DD,
				 * inclusive; NULL for open */
	const char *after_date; /* keyset: only records after (after_date, */
	const char *after_id;	/* after_id); both NULL on a first page */
	const char *before_date; /* or only records before (before_date, */
	const char *before_id;	 /* before_id), newest first; NULL else */
	int64_t limit;		 /* rows at most, > 0 */
};

/* A record as store_evidence.h lays it out (v[0] detainer_id ...
 * v[6] extra, NULL for SQL NULL), borrowed for the call.  Return
 * nonzero to stop. */
typedef int (*store_ev_detainer_fn)(void *ctx,
    const struct store_ev_detainer *row);

/*
 * Call fn for each record of q in order, at most q->limit: ascending
 * after q's after cursor, or descending (the nearest first) before its
 * before cursor when that is set (after is then ignored).  Prepared
 * statements STMT_EV_DETAINER_PAGE and STMT_EV_DETAINER_PAGE_BACK on
 * either backend, both a walk of the index evidence_detainers_place.
 * AT_OK (also for none), AT_DB.
 */
enum at_err store_ev_detainers_page(struct store *s,
    const struct store_detainer_range *q, store_ev_detainer_fn fn,
    void *ctx);

#endif
