/* SPDX-License-Identifier: ISC */
/*
 * The SQLite backend: one connection in WAL mode with foreign keys on,
 * synchronous=NORMAL (durable across application crashes; WAL keeps the
 * file consistent across power loss) and a busy timeout so a second
 * writer waits instead of failing.  Statements are prepared on first use
 * with SQLITE_PREPARE_PERSISTENT and reused.
 */
#include "store/store_int.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/buf.h"
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

/* Whether path's write-ahead log is absent or empty. */
static bool
wal_empty(const char *path)
{
	struct buf wal;
	struct stat sb;
	bool empty;

	buf_init(&wal, strlen(path) + 8);
	buf_printf(&wal, "%s-wal", path);
	empty = stat(buf_str(&wal), &sb) != 0 ? errno == ENOENT :
	    sb.st_size == 0;
	buf_fini(&wal);
	return empty;
}

/*
 * A file this process may not write opens read-only (sqlite3_db_readonly)
 * and reads as usual when the WAL index (the -shm file) exists or can be
 * made.  On a read-only file system, or in a directory we may not write,
 * it can be neither, and every read fails.  If the -wal file is absent or
 * empty, every committed transaction is in the main file, so it is
 * reopened immutable: no locks, no -shm.  That read is consistent unless
 * someone who may write the file writes it meanwhile, which a read-only
 * file system rules out.
 */
static int
open_immutable(const char *path, sqlite3 **db)
{
	struct buf uri;
	int rc;

	buf_init(&uri, 3 * strlen(path) + 32);
	buf_append(&uri, "file:", 5);
	for (const char *p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned)(unsigned char)*p);
		else
			buf_append(&uri, p, 1);
	}
	buf_append(&uri, "?immutable=1", 12);
	if (buf_err(&uri) != AT_OK)
		at_oom();
	rc = sqlite3_open_v2(buf_str(&uri), db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	buf_fini(&uri);
	return rc;
}

enum at_err
store_sqlite_open(const char *path, struct store *s, struct at_diag *d)
{
	struct sqlite_impl *im;
	const char *setup;
	int rc;

	im = xcalloc(1, sizeof(*im));
	rc = sqlite3_open_v2(path, &im->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc == SQLITE_OK && sqlite3_db_readonly(im->db, "main") == 1) {
		s->readonly = true;
		rc = sqlite3_exec(im->db, "SELECT count(*) FROM sqlite_schema",
		    NULL, NULL, NULL);
		if (rc != SQLITE_OK && wal_empty(path)) {
			sqlite3_close(im->db);
			im->db = NULL;
			rc = open_immutable(path, &im->db);
		} else
			rc = SQLITE_OK; /* a real failure shows on first use */
	}
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
	/* journal_mode=WAL writes the file header (once); it is read-only. */
	setup = s->readonly ? "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;" :
	    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
	    "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;";
	if (sqlite_exec_script(s, setup, d) != AT_OK) {
		sqlite_close(s);
		return AT_DB;
	}
	return AT_OK;
}
