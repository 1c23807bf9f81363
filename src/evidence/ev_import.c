/* SPDX-License-Identifier: ISC */
/*
 * ev_import: the frame every evidence import runs in.  One transaction
 * holds the rows, the summary counts and the audit entry naming the file,
 * its SHA-256 and its row count; a bad row, a failed write or a killed
 * process leaves the database as it was.
 */
#include "evidence/evidence_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "store/store.h"
#include "store/store_evidence.h"

static const char *const kind_names[EV__MAX] = {
	[EV_DETAINERS] = "detainers",
	[EV_ICE] = "ice-aggregates",
	[EV_USASPENDING] = "usaspending",
};

enum at_err
ev_kind_lookup(const char *word, enum ev_kind *out)
{
	for (size_t i = 0; i < EV__MAX; i++)
		if (strcmp(word, kind_names[i]) == 0) {
			*out = (enum ev_kind)i;
			return AT_OK;
		}
	return AT_NOTFOUND;
}

const char *
ev_kind_name(enum ev_kind k)
{
	if ((int)k < 0 || k >= EV__MAX)
		abort();
	return kind_names[k];
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* The audit entry: what was loaded from which bytes. */
static enum at_err
audit(struct store *s, enum ev_kind kind, const char *path,
    const struct ev_import_stats *st)
{
	json_t *o;
	char *js;
	enum at_err er;

	o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "file",
	    base_name(path), "kind", kind_names[kind], "table", st->table,
	    "sha256", st->sha256, "bytes", (json_int_t)st->bytes, "rows",
	    (json_int_t)st->rows, "loaded", (json_int_t)st->loaded,
	    "rejected", (json_int_t)st->rejected, "unmatched",
	    (json_int_t)st->unmatched);
	if (o == NULL)
		abort();
	js = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (js == NULL)
		abort();
	er = store_audit_append(s, "import", "evidence", st->sha256, js, NULL);
	free(js);
	return er;
}

enum at_err
ev_import(struct store *s, enum ev_kind kind, const char *path,
    const struct ev_import_opts *o, struct ev_import_stats *st,
    struct at_diag *d)
{
	struct ev_reader rd;
	struct ev_reject rj;
	struct ev_ctx c;
	enum at_err er, er2;
	bool bulk = false;

	memset(st, 0, sizeof(*st));
	memset(&rd, 0, sizeof(rd));
	memset(&c, 0, sizeof(c));
	rd.path = path;
	rd.progress = o->progress;
	c.s = s;
	c.o = o;
	c.st = st;
	c.rd = &rd;
	c.d = d;
	if (o->reject_path != NULL) {
		er = ev_reject_open(&rj, o->reject_path, d);
		if (er != AT_OK)
			return er;
		c.rj = &rj;
	}
	er = store_begin(s);
	if (er != AT_OK) {
		er = at_diag_set(d, er, "", "cannot start a transaction: %s",
		    store_why(s));
		goto out;
	}
	/* Writes may stream, their errors coming back by the commit at the
	 * latest (PostgreSQL), where no error needs the line that caused
	 * it: not for USAspending, whose repeated transaction key is found
	 * by its insert. */
	store_set_bulk(s, kind != EV_USASPENDING);
	er = store_ev_bulk_begin(s);
	bulk = er == AT_OK;
	if (er == AT_OK)
		er = ev_places_load(s, &c.places);
	if (er == AT_OK) {
		switch (kind) {
		case EV_DETAINERS:
			er = ev_import_detainers(&c);
			break;
		case EV_ICE:
			er = ev_import_ice(&c);
			break;
		case EV_USASPENDING:
			er = ev_import_usaspending(&c);
			break;
		default:
			abort();
		}
	}
	ev_progress_done(&rd);
	st->rows = rd.rows;
	st->bytes = rd.bytes_in;
	memcpy(st->sha256, rd.sha256, sizeof(st->sha256));
	st->seconds = ev_now() - rd.t0;
	if (er == AT_OK)
		er = audit(s, kind, path, st);
	if (er != AT_OK || o->dry_run)
		store_rollback(s);
	else {
		er = store_commit(s);
		if (er != AT_OK)
			at_diag_set(d, er, "", "commit failed: %s",
			    store_why(s));
	}
out:
	store_set_bulk(s, false);
	if (bulk)
		store_ev_bulk_end(s);
	ev_places_free(c.places);
	if (c.rj != NULL) {
		er2 = ev_reject_close(&rj, d);
		if (er == AT_OK)
			er = er2;
	}
	if (er != AT_OK && d != NULL && d->file[0] == '\0')
		(void)snprintf(d->file, sizeof(d->file), "%s", path);
	return er;
}
