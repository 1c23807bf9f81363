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

#endif
