/* SPDX-License-Identifier: ISC */
/*
 * The store's side of evidence (src/evidence): bulk rows of detainer
 * records and USAspending transactions, the national ICE tables, the
 * facilities they name, and the summary counts the evidence views read.
 * Writes must be inside the caller's transaction (store_begin); reads
 * need none.  Nothing here parses files or decides what matches what.
 */
#ifndef AT_STORE_STORE_EVIDENCE_H
#define AT_STORE_STORE_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/* Rows per multi-row insert (the statement has this many tuples). */
#define STORE_EV_BATCH 32

/* One detainer record: detainer_id, issued_date, facility,
 * facility_county_fips, outcome, outcome_date, extra (JSON); NULL for
 * SQL NULL.  Borrowed. */
#define STORE_EV_DETAINER_FIELDS 7
struct store_ev_detainer {
	const char *v[STORE_EV_DETAINER_FIELDS];
};

/*
 * Insert n detainer records (one statement when n is STORE_EV_BATCH);
 * *done is how many went in before an error (0 for a refused batch).
 * AT_CONFLICT if a detainer_id exists already (then none of the n were
 * inserted when n is STORE_EV_BATCH on SQLite: retry them one at a time
 * to find which; elsewhere rows go one at a time and the refusal ends
 * the transaction, see store_ev_refusal_ends_tx), AT_DB otherwise.
 */
enum at_err store_ev_detainers_insert(struct store *s,
    const struct store_ev_detainer *rows, size_t n, size_t *done,
    struct at_diag *d);

/*
 * Detainer records by COPY FROM STDIN (PostgreSQL; store_ev_has_copy):
 * begin inside the transaction, send rows, end.  Nothing else may run on
 * the store in between.  End returns AT_CONFLICT for a repeated
 * detainer_id, with dup_id (of size n) naming it and *row the 1-based
 * row of the COPY that repeated it (0 if unknown); with abandon it ends
 * the COPY with an error (AT_DB).
 */
bool store_ev_has_copy(const struct store *s);
enum at_err store_ev_detainers_copy_begin(struct store *s, struct at_diag *d);
enum at_err store_ev_detainers_copy(struct store *s,
    const struct store_ev_detainer *rows, size_t n, struct at_diag *d);
enum at_err store_ev_detainers_copy_end(struct store *s, bool abandon,
    char *dup_id, size_t n, int64_t *row, struct at_diag *d);

/* true when a refused row ends the whole transaction (PostgreSQL): then
 * a caller that wants to go on past bad rows must check before it
 * inserts (store_ev_detainer_exists, store_ev_usas_exists) instead of
 * retrying.  On SQLite only the refused statement is undone. */
bool store_ev_refusal_ends_tx(const struct store *s);
enum at_err store_ev_detainer_exists(struct store *s, const char *id,
    bool *found);
enum at_err store_ev_usas_exists(struct store *s, const char *key,
    bool *found);

/*
 * Load first, index after: when the rows to come (an estimate) are at
 * least as many as the table holds, drop the table's two indexes (the
 * unique one on detainer_id, the one by place and day) for the load;
 * *dropped says so.  On SQLite *last is the highest rowid before it
 * (inserted rows follow it in order), elsewhere 0.  Must be inside a
 * transaction; on PostgreSQL the table stays locked until its end.
 */
enum at_err store_ev_detainers_load_begin(struct store *s,
    int64_t expected_rows, bool *dropped, int64_t *last);
/* Build the indexes again.  AT_CONFLICT when an id repeats: dup_id (of
 * size n) names the repeated id; on SQLite *dup_rowid is its later
 * occurrence's rowid, on PostgreSQL (*dup_rowid 0) *dup_rows is how
 * many rows hold it, those stored before the load and the load's. */
enum at_err store_ev_detainers_load_end(struct store *s, char *dup_id,
    size_t n, int64_t *dup_rowid, int64_t *dup_rows);

/* One summary row.  A count below 0 stands for NULL (unknown). */
struct store_ev_count {
	const char *source;	  /* "detainers", "ice-facility" */
	const char *jurisdiction; /* FIPS, "" when unmatched */
	const char *facility;
	const char *period;	  /* YYYY or YYYY-MM */
	int64_t issued, declined, other;
};

/* Add c's counts to its row (created at c when absent). */
enum at_err store_ev_summary_add(struct store *s,
    const struct store_ev_count *c);
/* The same for n rows (one statement when n is STORE_EV_BATCH). */
enum at_err store_ev_summary_add_many(struct store *s,
    const struct store_ev_count *c, size_t n);
/*
 * Many summary rows at once, added as store_ev_summary_add does: begin,
 * add (any n), end; every row of them has source source.  On PostgreSQL
 * they go by COPY, straight into the summary table when it holds no row
 * of that source, else into a staging table that end merges in with
 * one statement; nothing else may run on the store between begin and
 * end.  Elsewhere add is store_ev_summary_add_many.  With abandon, end
 * only closes what begin opened (and returns AT_DB on PostgreSQL).
 */
enum at_err store_ev_summary_bulk_begin(struct store *s, const char *source,
    struct at_diag *d);
enum at_err store_ev_summary_bulk_add(struct store *s,
    const struct store_ev_count *c, size_t n, struct at_diag *d);
enum at_err store_ev_summary_bulk_end(struct store *s, bool abandon,
    struct at_diag *d);
/* Set the counts of c that are not unknown, keeping the others. */
enum at_err store_ev_summary_set(struct store *s,
    const struct store_ev_count *c);
/* Delete every summary row of source (before a table is loaded again). */
enum at_err store_ev_summary_clear(struct store *s, const char *source);
/* Each summary row of a jurisdiction, by source, period, facility; c is
 * borrowed for the call.  fn returns nonzero to stop. */
typedef int (*store_ev_count_fn)(void *ctx, const struct store_ev_count *c);
enum at_err store_ev_summary_each(struct store *s, const char *jurisdiction,
    store_ev_count_fn fn, void *ctx);

/* A facility named by an aggregate table and the county it matched. */
struct store_ev_facility {
	char facility[256];
	char city[128];
	char state[64];
	char jurisdiction[8]; /* "" when unmatched */
	char matched_by[48];  /* how: "fips", "county name in facility
				 name", "city name", "" */
};
enum at_err store_ev_facility_put(struct store *s,
    const struct store_ev_facility *f);
/* Each facility of that name (one per city and state). */
typedef int (*store_ev_facility_fn)(void *ctx,
    const struct store_ev_facility *f);
enum at_err store_ev_facility_named(struct store *s, const char *facility,
    store_ev_facility_fn fn, void *ctx);
enum at_err store_ev_facility_each(struct store *s, const char *jurisdiction,
    store_ev_facility_fn fn, void *ctx);

/* A national figure (replacing the one with the same measure, category
 * and period). */
struct store_ev_national {
	const char *measure, *category, *period, *source;
	int64_t count;
};
enum at_err store_ev_national_put(struct store *s,
    const struct store_ev_national *n);
typedef int (*store_ev_national_fn)(void *ctx,
    const struct store_ev_national *n);
enum at_err store_ev_national_each(struct store *s, store_ev_national_fn fn,
    void *ctx);

/* A USAspending transaction; its award (by FAIN) is created or updated
 * in the same call.  AT_CONFLICT if transaction_key exists. */
struct store_ev_usas {
	const char *transaction_key, *fain, *listing, *recipient_name,
	    *recipient_uei, *action_date, *jurisdiction, *extra;
	int64_t amount_cents;
};
enum at_err store_ev_usas_insert(struct store *s,
    const struct store_ev_usas *t, struct at_diag *d);

/* An award as summed from its transactions. */
struct store_ev_award {
	const char *fain, *listing, *recipient_name, *recipient_uei,
	    *jurisdiction, *first_action, *last_action;
	int64_t transactions, obligated_cents;
};
typedef int (*store_ev_award_fn)(void *ctx, const struct store_ev_award *a);
enum at_err store_ev_awards_each(struct store *s, const char *jurisdiction,
    store_ev_award_fn fn, void *ctx);

enum store_ev_table {
	STORE_EV_DETAINERS,
	STORE_EV_SUMMARY,
	STORE_EV_FACILITIES,
	STORE_EV_NATIONAL,
	STORE_EV_USAS_TXN,
	STORE_EV_USAS_AWARDS,
	STORE_EV__MAX
};
enum at_err store_ev_count_rows(struct store *s, enum store_ev_table t,
    int64_t *out);

/* Around a bulk load: a page cache small enough that memory does not
 * grow with the file (appends need few pages), and back. */
enum at_err store_ev_bulk_begin(struct store *s);
void store_ev_bulk_end(struct store *s);

#endif
