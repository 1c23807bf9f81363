/* SPDX-License-Identifier: ISC */
/*
 * Writing records out: a readable table, CSV (attest's own import
 * format, so an export imports back) and JSON.  Shared by list, show and
 * export.
 */
#ifndef AT_CLI_RECORDS_OUT_H
#define AT_CLI_RECORDS_OUT_H

#include <stdio.h>

#include "model/model.h"

/* CSV header row of kind. */
void out_csv_header(FILE *f, enum model_kind kind);
/* One record as a CSV row (RFC 4180 quoting). */
void out_csv_row(FILE *f, const struct model_record *r);
/* Table: header line, then one line per record. */
void out_table_header(FILE *f, enum model_kind kind);
void out_table_row(FILE *f, const struct model_record *r);
/* Every field as "name: value" lines; unknown money reads "unknown". */
void out_fields(FILE *f, const struct model_record *r);

/*
 * A stream of records of one kind to stdout in one form: out_begin
 * writes the header (or "["), out_record is a store_record_each callback
 * writing one record, out_end closes a JSON array.
 */
enum out_form { OUT_TABLE, OUT_CSV, OUT_JSON };
struct out_stream {
	enum out_form form;
	size_t n; /* records written */
};
void out_begin(struct out_stream *o, enum out_form form,
    enum model_kind kind);
int out_record(void *ctx, const struct model_record *r);
void out_end(struct out_stream *o);

#endif
