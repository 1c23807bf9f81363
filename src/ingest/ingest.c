/* SPDX-License-Identifier: ISC */
/*
 * Import entry points: open the file, pick the format, run it inside a
 * transaction that commits only if every row was good.
 */
#include "ingest/ingest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ingest/ingest_int.h"
#include "store/store.h"

enum at_err
ingest_insert(struct ingest *in, const struct model_record *r)
{
	enum at_err er;

	er = store_record_insert(in->store, r, in->d);
	if (er == AT_OK)
		in->stats->inserted++;
	return er;
}

enum at_err
ingest_file_in_tx(struct store *s, enum model_kind kind, const char *path,
    struct ingest_stats *st, struct at_diag *d)
{
	struct ingest in;
	FILE *f;
	int c;
	enum at_err er;

	memset(st, 0, sizeof(*st));
	f = fopen(path, "rb");
	if (f == NULL) {
		if (d != NULL)
			(void)snprintf(d->file, sizeof(d->file), "%s", path);
		return at_diag_set(d, AT_IO, "", "cannot open: %s",
		    strerror(errno));
	}
	in.store = s;
	in.kind = kind;
	in.path = path;
	in.stats = st;
	in.d = d;
	/* TopoJSON starts with '{' (after blanks); CSV never does. */
	do
		c = getc(f);
	while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
	if (c != EOF)
		ungetc(c, f);
	if (c == '{') {
		if (kind != KIND_JURISDICTION)
			er = at_diag_set(d, AT_EINVAL, "",
			    "JSON input is only read for jurisdictions "
			    "(us-atlas TopoJSON)");
		else {
			st->format = INGEST_TOPOJSON;
			er = ingest_topojson(&in, f);
		}
	} else {
		st->format = INGEST_ATTEST_CSV;
		er = ingest_csv(&in, f);
	}
	fclose(f);
	if (er != AT_OK && d != NULL && d->file[0] == '\0')
		(void)snprintf(d->file, sizeof(d->file), "%s", path);
	return er;
}

enum at_err
ingest_file(struct store *s, enum model_kind kind, const char *path,
    bool dry_run, struct ingest_stats *st, struct at_diag *d)
{
	enum at_err er;

	er = store_begin(s);
	if (er != AT_OK)
		return at_diag_set(d, er, "", "cannot start a transaction: %s",
		    store_why(s));
	er = ingest_file_in_tx(s, kind, path, st, d);
	if (er != AT_OK || dry_run) {
		store_rollback(s);
		return er;
	}
	er = store_commit(s);
	if (er != AT_OK)
		return at_diag_set(d, er, "", "commit failed: %s",
		    store_why(s));
	return AT_OK;
}
