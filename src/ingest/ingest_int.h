/* SPDX-License-Identifier: ISC */
/*
 * Private to the importers: the state one import carries, and the
 * format-specific row handlers.
 */
#ifndef AT_INGEST_INGEST_INT_H
#define AT_INGEST_INGEST_INT_H

#include <stddef.h>
#include <stdio.h>

#include "ingest/ingest.h"

struct ingest {
	struct store *store;	   /* borrowed; a transaction is open */
	enum model_kind kind;
	const char *path;	   /* for messages */
	struct ingest_stats *stats; /* borrowed */
	struct at_diag *d;	   /* may be NULL */
};

/* Which format a header row names (INGEST_ATTEST_CSV if no Census one). */
enum ingest_format ingest_census_detect(const char *const *names, size_t n);
/* One data row of a Census file: insert its jurisdiction (and the state
 * it implies, when missing). */
enum at_err ingest_census_row(struct ingest *in, const char *const *vals,
    size_t n);
/* Insert a validated record, counting it; AT_CONFLICT names the id. */
enum at_err ingest_insert(struct ingest *in, const struct model_record *r);

enum at_err ingest_csv(struct ingest *in, FILE *f);
enum at_err ingest_topojson(struct ingest *in, FILE *f);

#endif
