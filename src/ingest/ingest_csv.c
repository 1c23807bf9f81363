/* SPDX-License-Identifier: ISC */
/*
 * CSV import for every kind, and the Census FIPS files for jurisdictions.
 *
 * The file is fed to libcsv one physical line at a time, so when a
 * record ends we know the line it started on; that is the line an error
 * names.  Fields are copied into one reusable row buffer; nothing is
 * kept between rows except the header map and the list of same-kind
 * references that point forward (checked when the file ends).
 */
#include "ingest/ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "ingest/ingest_int.h"
#include "store/store.h"

#define ROW_FIELDS_MAX 128
#define FIELD_MAX      ((size_t)1 << 20)
#define LINE_MAX_BYTES ((size_t)4 << 20)

struct row {
	size_t n;
	size_t off[ROW_FIELDS_MAX]; /* offsets into bytes */
	size_t len[ROW_FIELDS_MAX];
	struct buf bytes;	    /* fields, each NUL-terminated */
	bool too_many;
};

struct deferred {
	long line;
	char field[64];
	char id[72];
};

struct csv_import {
	struct ingest *in;
	struct row row;
	bool have_header;
	int map[ROW_FIELDS_MAX]; /* column -> field index, or -1 */
	size_t ncols;
	long line;		 /* physical line being fed */
	long row_line;		 /* line the current record started on */
	bool row_started;
	struct deferred *defer;	 /* owned */
	size_t ndefer, capdefer;
	enum at_err er;
};

static void
field_cb(void *s, size_t len, void *data)
{
	struct csv_import *ci = data;
	struct row *r = &ci->row;

	if (!ci->row_started) {
		ci->row_started = true;
		ci->row_line = ci->line;
	}
	if (r->n >= ROW_FIELDS_MAX) {
		r->too_many = true;
		return;
	}
	if (len > FIELD_MAX)
		len = FIELD_MAX + 1; /* reported by the row handler */
	r->off[r->n] = buf_len(&r->bytes);
	r->len[r->n] = len;
	buf_append(&r->bytes, s, len > FIELD_MAX ? FIELD_MAX : len);
	buf_putc(&r->bytes, '\0');
	r->n++;
}

static const char *
row_field(const struct row *r, size_t i)
{
	return buf_str(&r->bytes) + r->off[i];
}

static enum at_err
fail(struct csv_import *ci, enum at_err er)
{
	struct at_diag *d = ci->in->d;

	if (d != NULL && d->line == 0)
		d->line = ci->row_line;
	ci->er = er;
	return er;
}

/* exists callback that lets same-kind references point forward. */
static enum at_err
exists_deferring(void *ctx, enum model_kind kind, const char *id, bool *found)
{
	struct csv_import *ci = ctx;
	enum at_err er;

	er = store_record_exists(ci->in->store, kind, id, found);
	if (er != AT_OK || *found || kind != ci->in->kind)
		return er;
	if (ci->ndefer == ci->capdefer) {
		ci->capdefer = ci->capdefer == 0 ? 16 : ci->capdefer * 2;
		ci->defer = xreallocarray(ci->defer, ci->capdefer,
		    sizeof(*ci->defer));
	}
	struct deferred *df = &ci->defer[ci->ndefer++];
	df->line = ci->row_line;
	df->field[0] = '\0';
	(void)snprintf(df->id, sizeof(df->id), "%s", id);
	*found = true;
	return AT_OK;
}

/* Which same-kind reference field of r holds df's id (for the message). */
static void
name_deferred(const struct model_record *r, struct deferred *df)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);

	for (size_t i = 0; i < k->nfields; i++) {
		const char *v = model_record_text(r, i);
		size_t n = strlen(df->id);

		if (k->fields[i].ref != r->kind || v == NULL ||
		    (k->fields[i].type != FT_REF &&
			k->fields[i].type != FT_REFLIST))
			continue;
		for (const char *p = strstr(v, df->id); p != NULL;
		     p = strstr(p + 1, df->id))
			if ((p == v || p[-1] == ';') &&
			    (p[n] == '\0' || p[n] == ';')) {
				(void)snprintf(df->field, sizeof(df->field),
				    "%s", k->fields[i].name);
				return;
			}
	}
}

static enum at_err
header_row(struct csv_import *ci)
{
	struct ingest *in = ci->in;
	const struct model_kind_desc *k = model_kind_desc(in->kind);
	bool seen[MODEL_FIELDS_MAX] = { false };

	ci->ncols = ci->row.n;
	for (size_t c = 0; c < ci->row.n; c++) {
		const char *name = row_field(&ci->row, c);
		int idx;

		/* A UTF-8 byte order mark before the first name. */
		if (c == 0 && strncmp(name, "\xEF\xBB\xBF", 3) == 0)
			name += 3;
		idx = model_field_index(in->kind, name);
		if (idx < 0)
			return fail(ci, at_diag_set(in->d, AT_EINVAL, name,
			    "unknown column for %s (the columns are the "
			    "field names of `attest import %s --help`)",
			    k->name, k->name));
		if (seen[idx])
			return fail(ci, at_diag_set(in->d, AT_EINVAL, name,
			    "column appears twice"));
		seen[idx] = true;
		ci->map[c] = idx;
	}
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].required && !seen[i])
			return fail(ci, at_diag_set(in->d, AT_EINVAL,
			    k->fields[i].name, "required column is missing"));
	return AT_OK;
}

static enum at_err
data_row(struct csv_import *ci)
{
	struct ingest *in = ci->in;
	struct model_record *r = NULL;
	enum at_err er = AT_OK;
	size_t first_defer = ci->ndefer;

	if (ci->row.n != ci->ncols)
		return fail(ci, at_diag_set(in->d, AT_EINVAL, "",
		    "row has %zu fields; the header has %zu", ci->row.n,
		    ci->ncols));
	r = model_record_new(in->kind);
	for (size_t c = 0; c < ci->row.n; c++) {
		er = model_record_set(r, (size_t)ci->map[c],
		    row_field(&ci->row, c), ci->row.len[c], in->d);
		if (er != AT_OK)
			goto out;
	}
	er = model_record_validate(r, exists_deferring, ci, in->d);
	if (er != AT_OK)
		goto out;
	for (size_t i = first_defer; i < ci->ndefer; i++) {
		ci->defer[i].line = ci->row_line;
		name_deferred(r, &ci->defer[i]);
	}
	er = ingest_insert(in, r);
out:
	model_record_free(r);
	if (er != AT_OK)
		return fail(ci, er);
	return AT_OK;
}

static void
row_cb(int c, void *data)
{
	struct csv_import *ci = data;
	struct ingest *in = ci->in;

	(void)c;
	if (ci->er != AT_OK)
		goto reset;
	if (!ci->row_started) {
		ci->row_started = true;
		ci->row_line = ci->line;
	}
	if (ci->row.too_many) {
		fail(ci, at_diag_set(in->d, AT_EINVAL, "",
		    "row has more than %d fields", ROW_FIELDS_MAX));
		goto reset;
	}
	for (size_t i = 0; i < ci->row.n; i++)
		if (ci->row.len[i] > FIELD_MAX) {
			fail(ci, at_diag_set(in->d, AT_LIMIT, "",
			    "field %zu is longer than %zu bytes", i + 1,
			    FIELD_MAX));
			goto reset;
		}
	if (buf_err(&ci->row.bytes) != AT_OK) {
		fail(ci, at_diag_set(in->d, AT_LIMIT, "", "row is too long"));
		goto reset;
	}
	if (!ci->have_header) {
		ci->have_header = true;
		if (in->kind == KIND_JURISDICTION) {
			const char *names[ROW_FIELDS_MAX];

			for (size_t i = 0; i < ci->row.n; i++)
				names[i] = row_field(&ci->row, i);
			in->stats->format = ingest_census_detect(names,
			    ci->row.n);
		}
		if (in->stats->format == INGEST_ATTEST_CSV)
			(void)header_row(ci);
		else {
			ci->ncols = ci->row.n;
			for (size_t i = 0; i < ci->row.n; i++)
				ci->map[i] = -1;
		}
		goto reset;
	}
	in->stats->rows++;
	if (in->stats->format == INGEST_ATTEST_CSV)
		(void)data_row(ci);
	else {
		const char *vals[ROW_FIELDS_MAX];
		enum at_err er;

		if (ci->row.n != ci->ncols) {
			fail(ci, at_diag_set(in->d, AT_EINVAL, "",
			    "row has %zu fields; the header has %zu",
			    ci->row.n, ci->ncols));
			goto reset;
		}
		for (size_t i = 0; i < ci->row.n; i++)
			vals[i] = row_field(&ci->row, i);
		er = ingest_census_row(in, vals, ci->row.n);
		if (er != AT_OK)
			fail(ci, er);
	}
reset:
	ci->row.n = 0;
	ci->row.too_many = false;
	buf_reset(&ci->row.bytes);
	ci->row_started = false;
}

static enum at_err
check_deferred(struct csv_import *ci)
{
	struct ingest *in = ci->in;

	for (size_t i = 0; i < ci->ndefer; i++) {
		bool found = false;
		enum at_err er;

		er = store_record_exists(in->store, in->kind, ci->defer[i].id,
		    &found);
		if (er != AT_OK)
			return er;
		if (!found) {
			ci->row_line = ci->defer[i].line;
			return fail(ci, at_diag_set(in->d, AT_EINVAL,
			    ci->defer[i].field,
			    "unknown %s \"%s\" (not in the file or the "
			    "database)",
			    model_kind_desc(in->kind)->singular,
			    ci->defer[i].id));
		}
	}
	return AT_OK;
}

enum at_err
ingest_csv(struct ingest *in, FILE *f)
{
	struct csv_import ci;
	struct csv_parser p;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	enum at_err er = AT_OK;

	memset(&ci, 0, sizeof(ci));
	ci.in = in;
	buf_init(&ci.row.bytes, LINE_MAX_BYTES + ROW_FIELDS_MAX);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		at_oom();
	while (ci.er == AT_OK && (n = getline(&line, &cap, f)) > 0) {
		ci.line++;
		if (!ci.row_started)
			ci.row_line = ci.line;
		if ((size_t)n > LINE_MAX_BYTES) {
			ci.row_line = ci.line;
			er = fail(&ci, at_diag_set(in->d, AT_LIMIT, "",
			    "line is longer than %zu bytes", LINE_MAX_BYTES));
			break;
		}
		if (csv_parse(&p, line, (size_t)n, field_cb, row_cb, &ci) !=
		    (size_t)n) {
			ci.row_line = ci.row_started ? ci.row_line : ci.line;
			er = fail(&ci, at_diag_set(in->d, AT_EINVAL, "",
			    "malformed CSV: %s", csv_strerror(csv_error(&p))));
			break;
		}
	}
	if (ci.er == AT_OK && er == AT_OK && ferror(f)) {
		er = at_diag_set(in->d, AT_IO, "", "read error: %s",
		    strerror(errno));
	}
	if (ci.er == AT_OK && er == AT_OK &&
	    csv_fini(&p, field_cb, row_cb, &ci) != 0) {
		ci.row_line = ci.line;
		er = fail(&ci, at_diag_set(in->d, AT_EINVAL, "",
		    "malformed CSV at end of file: %s",
		    csv_strerror(csv_error(&p))));
	}
	if (ci.er == AT_OK && er == AT_OK && !ci.have_header)
		er = at_diag_set(in->d, AT_EINVAL, "",
		    "the file is empty (a header row is required)");
	if (ci.er == AT_OK && er == AT_OK)
		er = check_deferred(&ci);
	if (er == AT_OK)
		er = ci.er;
	csv_free(&p);
	free(line);
	free(ci.defer);
	buf_fini(&ci.row.bytes);
	return er;
}
