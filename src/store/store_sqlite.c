/* SPDX-License-Identifier: ISC */
/*
 * The SQLite backend: one connection in WAL mode with foreign keys on,
 * synchronous=NORMAL (durable across application crashes; WAL keeps the
 * file consistent across power loss) and a busy timeout so a second
 * writer waits instead of failing.  Statements are prepared on first use
 * with SQLITE_PREPARE_PERSISTENT and reused.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xalloc.h"

struct sqlite_impl {
	sqlite3 *db;
	sqlite3_stmt *st[STMT__MAX]; /* prepared lazily; owned */
};

static enum at_err
db_error(sqlite3 *db, int rc, struct at_diag *d)
{
	int ext = sqlite3_extended_errcode(db);

	if (rc == SQLITE_NOMEM)
		at_oom();
	if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE)
		return at_diag_set(d, AT_CONFLICT, "", "%s", sqlite3_errmsg(db));
	return at_diag_set(d, AT_DB, "", "sqlite: %s", sqlite3_errmsg(db));
}

static enum at_err
get_stmt(struct sqlite_impl *im, enum stmt which, sqlite3_stmt **out,
    struct at_diag *d)
{
	int rc;

	if (im->st[which] == NULL) {
		const char *sql = store_sqlite_sql()[which];

		if (sql == NULL)
			abort();
		rc = sqlite3_prepare_v3(im->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &im->st[which], NULL);
		if (rc != SQLITE_OK)
			return db_error(im->db, rc, d);
	}
	*out = im->st[which];
	return AT_OK;
}

static enum at_err
sqlite_exec(struct store *s, enum stmt which, const struct store_param *p,
    size_t n, store_row_fn fn, void *ctx, struct at_diag *d)
{
	struct sqlite_impl *im = s->impl;
	sqlite3_stmt *st = NULL;
	const char *vals[64];
	enum at_err er;
	int rc = SQLITE_OK;

	er = get_stmt(im, which, &st, d);
	if (er != AT_OK)
		return er;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		int idx = (int)i + 1;

		switch (p[i].type) {
		case SP_NULL:
			rc = sqlite3_bind_null(st, idx);
			break;
		case SP_TEXT:
			rc = sqlite3_bind_text(st, idx, p[i].text, -1,
			    SQLITE_STATIC);
			break;
		case SP_INT:
			rc = sqlite3_bind_int64(st, idx, p[i].num);
			break;
		default:
			abort();
		}
	}
	if (rc != SQLITE_OK) {
		er = db_error(im->db, rc, d);
		goto out;
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			er = db_error(im->db, rc, d);
			goto out;
		}
		if (fn == NULL)
			continue;
		int ncols = sqlite3_column_count(st);
		struct store_row row;

		if (ncols > 64)
			ncols = 64;
		for (int c = 0; c < ncols; c++)
			vals[c] = (const char *)sqlite3_column_text(st, c);
		row.ncols = (size_t)ncols;
		row.vals = vals;
		if (fn(ctx, &row) != 0)
			break;
	}
out:
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return er;
}

static enum at_err
sqlite_exec_script(struct store *s, const char *sql, struct at_diag *d)
{
	struct sqlite_impl *im = s->impl;
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(im->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		at_diag_set(d, AT_DB, "", "sqlite: %s",
		    msg != NULL ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return AT_DB;
	}
	return AT_OK;
}

static void
sqlite_close(struct store *s)
{
	struct sqlite_impl *im = s->impl;

	if (im == NULL)
		return;
	for (size_t i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(im->st[i]);
	sqlite3_close(im->db);
	free(im);
	s->impl = NULL;
}

static const struct store_ops sqlite_ops = {
	"sqlite",
	sqlite_exec,
	sqlite_exec_script,
	sqlite_close,
};

enum at_err
store_sqlite_open(const char *path, struct store *s, struct at_diag *d)
{
	struct sqlite_impl *im;
	int rc;

	im = xcalloc(1, sizeof(*im));
	rc = sqlite3_open_v2(path, &im->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		at_diag_set(d, AT_DB, "db", "cannot open %s: %s", path,
		    im->db != NULL ? sqlite3_errmsg(im->db) : sqlite3_errstr(rc));
		sqlite3_close(im->db);
		free(im);
		return AT_DB;
	}
	sqlite3_extended_result_codes(im->db, 1);
	sqlite3_busy_timeout(im->db, 10000);
	s->impl = im;
	s->ops = &sqlite_ops;
	s->migrations = store_migrations_sqlite;
	if (sqlite_exec_script(s,
		"PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
		"PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
		d) != AT_OK) {
		sqlite_close(s);
		return AT_DB;
	}
	return AT_OK;
}
