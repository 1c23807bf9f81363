/* SPDX-License-Identifier: ISC */
/*
 * Importers: attest's own CSV for every entity kind, the Census FIPS CSV
 * files and the us-atlas TopoJSON for jurisdictions.
 *
 * Imports are all or nothing.  Rows are streamed (libcsv, one physical
 * line at a time so errors can name their line) and inserted in one
 * transaction; the first bad row rolls everything back and is reported
 * as FILE:LINE: field NAME: reason.  Memory does not grow with the file.
 */
#ifndef AT_INGEST_INGEST_H
#define AT_INGEST_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/model.h"

struct store;

enum ingest_format {
	INGEST_ATTEST_CSV,    /* header = field names of the kind */
	INGEST_CENSUS_COUNTY, /* county_fips_master.csv */
	INGEST_CENSUS_STATE,  /* state_fips_master.csv */
	INGEST_CENSUS_BOTH,   /* state_and_county_fips_master.csv */
	INGEST_TOPOJSON,      /* us-atlas states/counties TopoJSON */
};

struct ingest_stats {
	enum ingest_format format;
	int64_t rows;	  /* data rows read */
	int64_t inserted; /* records inserted (may exceed rows: implied
			     states) */
	int64_t skipped;  /* rows deliberately skipped (e.g. the US total) */
};

/*
 * Import path as records of kind.  Runs its own transaction; with
 * dry_run it validates everything and rolls back.  Returns AT_OK, or
 * AT_EINVAL / AT_CONFLICT (d has file, line, field and reason), AT_IO,
 * AT_DB.  On any error the database is unchanged.
 */
enum at_err ingest_file(struct store *s, enum model_kind kind,
    const char *path, bool dry_run, struct ingest_stats *st,
    struct at_diag *d);

/* The same inside the caller's transaction (no begin/commit/rollback):
 * for loading several files all or nothing. */
enum at_err ingest_file_in_tx(struct store *s, enum model_kind kind,
    const char *path, struct ingest_stats *st, struct at_diag *d);

#endif
