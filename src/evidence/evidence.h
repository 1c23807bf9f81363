/* SPDX-License-Identifier: ISC */
/*
 * Evidence: bulk public data about how jurisdictions act, loaded fast
 * and all or nothing, and the per-jurisdiction figures drawn from it.
 *
 * Three importers: detainer records (one row per detainer), the ICE
 * aggregate tables published from the FOIA release (../shared/data/
 * ice_*.csv), and USAspending assistance transactions (kept, and summed
 * to awards by FAIN).  Each streams its file through libcsv in constant
 * memory (gzip read directly with zlib), runs in one transaction with
 * prepared statements, keeps the summary tables current, and appends one
 * audit entry naming the file, its SHA-256 and its row count.  A bad row
 * aborts everything (FILE:LINE: field: reason) unless a reject file is
 * given, which then receives the bad rows with their lines and reasons.
 *
 * What this module does not do: draw pages (views), or decide anything
 * about compliance; the figures are shown with what the data cannot tell.
 */
#ifndef AT_EVIDENCE_EVIDENCE_H
#define AT_EVIDENCE_EVIDENCE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct store;
struct buf;

enum ev_kind {
	EV_DETAINERS,	/* attest import detainers */
	EV_ICE,		/* attest import ice-aggregates */
	EV_USASPENDING, /* attest import usaspending */
	EV__MAX
};

/* The kind named by an import word ("detainers", "ice-aggregates",
 * "usaspending"); AT_NOTFOUND if none. */
enum at_err ev_kind_lookup(const char *word, enum ev_kind *out);
const char *ev_kind_name(enum ev_kind k);

#define EV_SAMPLES 5

struct ev_import_opts {
	const char *reject_path; /* NULL: all or nothing */
	bool progress;		 /* draw a progress bar on stderr */
	bool dry_run;		 /* check everything, keep nothing */
};

struct ev_import_stats {
	char table[48];	   /* what the file was read as */
	int64_t rows;	   /* data rows read */
	int64_t loaded;	   /* rows stored */
	int64_t rejected;  /* rows written to the reject file */
	int64_t unmatched; /* rows stored that matched no jurisdiction */
	int nsamples;	   /* of unmatched rows, at most EV_SAMPLES */
	char samples[EV_SAMPLES][200];
	int64_t bytes;	   /* bytes of the file as stored */
	char sha256[65];   /* of the file as stored (hex) */
	double seconds;
};

/*
 * Import path as kind in one transaction (its own: the store must not be
 * in one).  Returns AT_OK; AT_EINVAL or AT_CONFLICT with d naming file,
 * line, field and reason; AT_IO; AT_DB.  On any error the database is
 * unchanged.  st is filled as far as the import got.
 */
enum at_err ev_import(struct store *s, enum ev_kind kind, const char *path,
    const struct ev_import_opts *o, struct ev_import_stats *st,
    struct at_diag *d);

/*
 * The evidence for one jurisdiction, between two periods (YYYY or
 * YYYY-MM, inclusive; NULL for open), as one report.
 */
struct ev_report;

enum ev_format { EV_TEXT, EV_JSON, EV_CSV };

/* Gather the figures for jurisdiction (a FIPS code).  AT_NOTFOUND if
 * the jurisdiction is unknown, AT_EINVAL for a bad period, AT_DB. *out
 * is owned by the caller (ev_report_free). */
enum at_err ev_report_load(struct store *s, const char *jurisdiction,
    const char *from, const char *to, struct ev_report **out,
    struct at_diag *d);
void ev_report_free(struct ev_report *r);
/* Write r to out as text, JSON or CSV. */
void ev_report_write(const struct ev_report *r, enum ev_format f,
    struct buf *out);
/* Write r's charts (per year bars, per month lines) as one SVG. */
void ev_report_svg(const struct ev_report *r, struct buf *out);
/* The same <svg> element through a sink (ev_chart.h), e.g. a page's
 * escaping writer; a chart for each source with figures. */
struct ev_svg_sink;
void ev_report_charts(const struct ev_report *r, const struct ev_svg_sink *o);

/* For pages that lay the figures out themselves. */
bool ev_report_has_figures(const struct ev_report *r);
const char *ev_report_name(const struct ev_report *r);
#define EV_SOURCES 2
/* Source k (0 .. EV_SOURCES - 1): its key ("detainers",
 * "ice_facility_tables"), its name and its known gaps (NULL-ended). */
bool ev_source_info(size_t k, const char **key, const char **name,
    const char *const **gaps);
/* One figure: a source's counts for a period (YYYY or YYYY-MM) over all
 * its facilities (facility "") or for one.  -1: the source does not say. */
struct ev_figure {
	const char *facility;
	const char *matched_by; /* how the facility was placed, or "" */
	const char *period;
	int64_t issued, declined, other;
};
typedef void (*ev_figure_fn)(void *ctx, const struct ev_figure *f);
/* Call fn for each figure of source k in order (facility, then period);
 * returns how many. */
size_t ev_report_each(const struct ev_report *r, size_t k, ev_figure_fn fn,
    void *ctx);

/*
 * Detainer records themselves (ev_records.c), for one jurisdiction (the
 * records placed in its county) over a span of days, a page at a time
 * in (issued_date, detainer_id) order.  A page ends with a cursor, an
 * opaque word naming its last record, that asks for the page after it,
 * and begins with one naming its first record, that asks for the page
 * before it; rows loaded later in between never make a page repeat or
 * skip one, and going back gives the pages that going forward gave.
 */
#define EV_RECORDS_LIMIT     100  /* rows per page when none is asked */
#define EV_RECORDS_LIMIT_MAX 1000
#define EV_CURSOR_LEN	     104  /* a cursor's bytes, with the NUL */
#define EV_RECORDS_ID_MAX    64	  /* bytes of a detainer_id (the import's) */

struct ev_records_query {
	char jurisdiction[16];		       /* FIPS code */
	char from[11], to[11];		       /* YYYY-MM-DD; "" open */
	char after_date[11];		       /* the page after this */
	char after_id[EV_RECORDS_ID_MAX + 1]; /* record; "" for none */
	char before_date[11];		       /* or the page before */
	char before_id[EV_RECORDS_ID_MAX + 1]; /* this one; "" for none */
	int64_t limit;			       /* 1 .. EV_RECORDS_LIMIT_MAX */
};

/* The cursors of the pages around one, to hand back as after= and
 * before=: "" when no record follows or precedes the page. */
struct ev_records_links {
	char prev[EV_CURSOR_LEN]; /* the page's first record */
	char next[EV_CURSOR_LEN]; /* the page's last record */
};

/*
 * Check and fill q: from and to are days (YYYY-MM-DD) or NULL, to not
 * before from; limit 0 means EV_RECORDS_LIMIT; after (a page's next)
 * and before (a page's prev) are cursors of these records, or NULL,
 * not both.  AT_EINVAL with d naming the field ("from", "to", "limit",
 * "after" or "before"), AT_NOTFOUND for a jurisdiction no FIPS code
 * can be (ev_records_page finds the others); q untouched then.
 */
enum at_err ev_records_query_init(struct ev_records_query *q,
    const char *jurisdiction, const char *from, const char *to,
    int64_t limit, const char *after, const char *before,
    struct at_diag *d);

/* One record, borrowed for the call: detainer_id, issued_date,
 * facility, facility_county_fips, outcome, outcome_date and extra (a
 * JSON object of the file's other columns); NULL for none. */
struct ev_record {
	const char *detainer_id, *issued_date, *facility, *county_fips,
	    *outcome, *outcome_date, *extra;
};
typedef int (*ev_record_fn)(void *ctx, const struct ev_record *r);

/*
 * Call fn for each record of q's page in order (at most q->limit; fn
 * returns nonzero to stop), then move q's cursor to after the page's
 * last record, so that calling again gives the next page (q stays as
 * it was when the page is empty).  The page before a cursor is the
 * q->limit records right before it, read backward and held (one page,
 * at most EV_RECORDS_LIMIT_MAX records) to be given in order.  l gets
 * the cursors around the page (l->next "" also after a row no cursor
 * can name); whether records precede a page asked after a cursor, or
 * follow one asked before a cursor, costs a lookup of one record.
 * AT_NOTFOUND for an unknown jurisdiction (d says), AT_LIMIT for a page
 * too large to hold, AT_DB.
 */
enum at_err ev_records_page(struct store *s, struct ev_records_query *q,
    ev_record_fn fn, void *ctx, struct ev_records_links *l,
    struct at_diag *d);

/* The cursor q asks with into out ("" on a first page); returns its
 * parameter, "after" or "before", or NULL on a first page. */
const char *ev_records_cursor(const struct ev_records_query *q,
    char out[EV_CURSOR_LEN]);

/*
 * One page of q into out, as ev_records_page reads it: EV_JSON an
 * object {jurisdiction, from, to, limit, rows, prev, next} (prev null on
 * the first page, next at the end); EV_CSV the rows (a header line
 * first when header), columns as the import's; EV_TEXT a table (its
 * header line when header).  l gets the cursors of the pages around it.
 * Errors as ev_records_page, with out as it was.
 */
enum at_err ev_records_write(struct store *s, struct ev_records_query *q,
    enum ev_format f, bool header, struct buf *out,
    struct ev_records_links *l, struct at_diag *d);

#endif
