/* SPDX-License-Identifier: ISC */
/*
 * The PostgreSQL backend over libpq: one connection per struct store,
 * each statement of sql_pg.c prepared on first use (PQprepare, named
 * "s<N>") and then only executed with bound text parameters.  Result
 * rows reach the callback as text, NULL for SQL NULL, as from SQLite;
 * the whole result is fetched before the first callback, so a callback
 * may run other statements on the same store.
 *
 * Writers are serialised per database: STMT_BEGIN is followed at once
 * by STMT_AUDIT_LOCK, a transaction-scoped advisory lock, the way
 * SQLite's BEGIN IMMEDIATE takes its write lock.  The audit log therefore
 * grows in one line whatever the number of processes, READ COMMITTED is
 * enough (each statement sees what the previous writer committed), and
 * writers cannot deadlock or fail to serialise against each other.
 * Readers take no lock.
 *
 * Migrations run under a session advisory lock so that several servers
 * starting at once on a new database apply each migration once.  A
 * connection lost outside a transaction is re-established once before
 * the next statement; inside a transaction the error is returned and
 * the caller's rollback ends it.  Not here: connection pooling
 * (store_pool.c) and SQL text (sql_pg.c).
 */
#include "store/store_int.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/xalloc.h"

#define PG_PARAMS_MAX 65535 /* the protocol's limit */
#define PG_COLS_MAX 64
#define PG_NUM_LEN 24	     /* an int64_t in decimal, with its NUL */
/* Read results after this many queued statements, before the server's
 * replies could fill the socket while we are still writing. */
#define PG_PIPELINE_MAX 256

/* A statement sent down the pipe whose result is not read yet. */
struct pg_pending {
	enum stmt which;
	bool is_prepare; /* its Parse, not its execution */
};

struct pg_impl {
	PGconn *conn;
	bool prepared[STMT__MAX]; /* on this connection */
	struct pg_pending *q;	  /* sent, not read yet, in order */
	size_t nq, capq;
};

/* libpq prints NOTICEs ("relation already exists, skipping") to stderr
 * by default; the migrations cause them on every open. */
static void
quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The first line of a libpq error message, without its newline. */
static void
first_line(const char *msg, char *out, size_t n)
{
	size_t len = strcspn(msg, "\n");

	if (len >= n)
		len = n - 1;
	memcpy(out, msg, len);
	out[len] = '\0';
}

static enum at_err
result_error(const PGresult *res, PGconn *conn, struct at_diag *d)
{
	const char *state, *msg;
	char line[400];

	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	msg = res != NULL ? PQresultErrorMessage(res) : PQerrorMessage(conn);
	if (msg == NULL || msg[0] == '\0')
		msg = PQerrorMessage(conn);
	first_line(msg, line, sizeof(line));
	/* 23505: unique_violation, the one error callers act on; the
	 * detail names the key ("Key (id)=(X) already exists."). */
	if (state != NULL && strcmp(state, "23505") == 0) {
		const char *detail = PQresultErrorField(res,
		    PG_DIAG_MESSAGE_DETAIL);

		return at_diag_set(d, AT_CONFLICT, "", "%s%s%s", line,
		    detail != NULL ? ": " : "", detail != NULL ? detail : "");
	}
	return at_diag_set(d, AT_DB, "", "postgresql: %s", line);
}

/* Re-establish a connection that was lost outside a transaction. */
static enum at_err
ensure_conn(struct store *s, struct at_diag *d)
{
	struct pg_impl *im = s->impl;

	if (PQstatus(im->conn) == CONNECTION_OK)
		return AT_OK;
	if (s->tx_depth != 0)
		return result_error(NULL, im->conn, d);
	PQreset(im->conn);
	memset(im->prepared, 0, sizeof(im->prepared));
	if (PQstatus(im->conn) != CONNECTION_OK)
		return result_error(NULL, im->conn, d);
	return AT_OK;
}

/* Parameters as text for libpq; *vals and *nums are the caller's to
 * free (NULL when n is 0). */
static void
bind_params(const struct store_param *p, size_t n, const char ***vals,
    char **nums)
{
	const char **v = NULL;
	char *num = NULL;
	int rc;

	if (n > PG_PARAMS_MAX)
		abort();
	if (n > 0) {
		v = xcalloc(n, sizeof(*v));
		num = xcalloc(n, PG_NUM_LEN);
	}
	for (size_t i = 0; i < n; i++) {
		switch (p[i].type) {
		case SP_NULL:
			v[i] = NULL;
			break;
		case SP_TEXT:
			v[i] = p[i].text;
			break;
		case SP_INT:
			rc = snprintf(num + i * PG_NUM_LEN, PG_NUM_LEN, "%lld",
			    (long long)p[i].num);
			if (rc < 0 || rc >= PG_NUM_LEN)
				abort();
			v[i] = num + i * PG_NUM_LEN;
			break;
		default:
			abort();
		}
	}
	*vals = v;
	*nums = num;
}

static void
stmt_name(enum stmt which, char name[16])
{
	int rc = snprintf(name, 16, "s%d", (int)which);

	if (rc < 0 || rc >= 16)
		abort();
}

static const char *
stmt_sql(enum stmt which, struct at_diag *d)
{
	const char *sql = store_pg_sql()[which];

	if (sql == NULL)
		at_diag_set(d, AT_DB, "",
		    "statement %d has no PostgreSQL text in sql_pg.c",
		    (int)which);
	return sql;
}

/* Rows of res to fn, as text (NULL for SQL NULL). */
static void
deliver_rows(const PGresult *res, store_row_fn fn, void *ctx)
{
	int nrows = PQntuples(res), ncols = PQnfields(res);
	const char *cols[PG_COLS_MAX];
	struct store_row row;

	if (fn == NULL)
		return;
	if (ncols > PG_COLS_MAX)
		ncols = PG_COLS_MAX;
	row.ncols = (size_t)ncols;
	row.vals = cols;
	for (int r = 0; r < nrows; r++) {
		for (int c = 0; c < ncols; c++)
			cols[c] = PQgetisnull(res, r, c) ?
			    NULL : PQgetvalue(res, r, c);
		if (fn(ctx, &row) != 0)
			break;
	}
}

/* Run one statement and wait for it. */
static enum at_err
run(struct store *s, enum stmt which, const struct store_param *p, size_t n,
    store_row_fn fn, void *ctx, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	const char *sql = stmt_sql(which, d);
	const char **vals = NULL;
	char *nums = NULL;
	char name[16];
	PGresult *res = NULL;
	enum at_err er = AT_OK;

	if (sql == NULL)
		return AT_DB;
	stmt_name(which, name);
	if (!im->prepared[which]) {
		res = PQprepare(im->conn, name, sql, 0, NULL);
		if (res == NULL)
			at_oom();
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			er = result_error(res, im->conn, d);
			goto out;
		}
		PQclear(res);
		res = NULL;
		im->prepared[which] = true;
	}
	bind_params(p, n, &vals, &nums);
	res = PQexecPrepared(im->conn, name, (int)n, vals, NULL, NULL, 0);
	if (res == NULL)
		at_oom();
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
		break;
	case PGRES_TUPLES_OK:
		deliver_rows(res, fn, ctx);
		break;
	default:
		er = result_error(res, im->conn, d);
		break;
	}
out:
	PQclear(res);
	free(vals);
	free(nums);
	return er;
}

/*
 * Pipelining.  A write whose outcome nobody waits for (the audit insert,
 * which cannot conflict under the writers' lock, and in bulk mode every
 * write) is sent and queued; the next statement that needs its answer
 * goes down the same pipe, and one round trip brings back all of them.
 * The first error among them is that statement's error.
 */
static enum at_err
send_stmt(struct store *s, enum stmt which, const struct store_param *p,
    size_t n, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	const char *sql = stmt_sql(which, d);
	const char **vals = NULL;
	char *nums = NULL;
	char name[16];
	int ok;

	if (sql == NULL)
		return AT_DB;
	if (PQpipelineStatus(im->conn) == PQ_PIPELINE_OFF &&
	    PQenterPipelineMode(im->conn) != 1)
		return result_error(NULL, im->conn, d);
	if (im->nq + 2 > im->capq) {
		im->capq = im->capq == 0 ? 64 : im->capq * 2;
		im->q = xreallocarray(im->q, im->capq, sizeof(*im->q));
	}
	stmt_name(which, name);
	if (!im->prepared[which]) {
		if (PQsendPrepare(im->conn, name, sql, 0, NULL) != 1)
			return result_error(NULL, im->conn, d);
		im->q[im->nq++] = (struct pg_pending){ which, true };
		im->prepared[which] = true;
	}
	bind_params(p, n, &vals, &nums);
	ok = PQsendQueryPrepared(im->conn, name, (int)n, vals, NULL, NULL, 0);
	free(vals);
	free(nums);
	if (ok != 1)
		return result_error(NULL, im->conn, d);
	im->q[im->nq++] = (struct pg_pending){ which, false };
	return AT_OK;
}

/* Read every queued result; rows of the last one go to fn.  Leaves
 * pipeline mode. */
static enum at_err
drain(struct store *s, store_row_fn fn, void *ctx, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	enum at_err er = AT_OK;
	PGresult *res;

	if (PQpipelineSync(im->conn) != 1) {
		er = result_error(NULL, im->conn, d);
		im->nq = 0;
		return er;
	}
	for (size_t i = 0; i < im->nq; i++) {
		const struct pg_pending *e = &im->q[i];

		while ((res = PQgetResult(im->conn)) != NULL) {
			switch (PQresultStatus(res)) {
			case PGRES_COMMAND_OK:
				break;
			case PGRES_TUPLES_OK:
				if (i + 1 == im->nq && !e->is_prepare &&
				    er == AT_OK)
					deliver_rows(res, fn, ctx);
				break;
			case PGRES_PIPELINE_ABORTED:
				if (e->is_prepare)
					im->prepared[e->which] = false;
				break;
			default:
				if (e->is_prepare)
					im->prepared[e->which] = false;
				if (er == AT_OK)
					er = result_error(res, im->conn, d);
				break;
			}
			PQclear(res);
		}
		if (PQstatus(im->conn) != CONNECTION_OK)
			break;
	}
	im->nq = 0;
	/* Then the sync point itself. */
	while ((res = PQgetResult(im->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(res);

		PQclear(res);
		if (st == PGRES_PIPELINE_SYNC)
			break;
	}
	if (PQexitPipelineMode(im->conn) != 1 && er == AT_OK)
		er = result_error(NULL, im->conn, d);
	if (PQstatus(im->conn) != CONNECTION_OK && er == AT_OK)
		er = result_error(NULL, im->conn, d);
	return er;
}

/* A statement without parameters or rows, not prepared: BEGIN, COMMIT,
 * ROLLBACK (which must also run in an aborted transaction). */
static enum at_err
run_plain(struct store *s, enum stmt which, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	PGresult *res;
	enum at_err er = AT_OK;

	res = PQexecParams(im->conn, store_pg_sql()[which], 0, NULL, NULL,
	    NULL, NULL, 0);
	if (res == NULL)
		at_oom();
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		er = result_error(res, im->conn, d);
	PQclear(res);
	return er;
}

/* Whether a write may go down the pipe without waiting. */
static bool
deferrable(const struct store *s, enum stmt which, store_row_fn fn)
{
	if (fn != NULL || s->tx_depth == 0)
		return false;
	switch (which) {
	case STMT_BEGIN:
	case STMT_COMMIT:
	case STMT_ROLLBACK:
	case STMT_AUDIT_LOCK:
	/* A repeated detainer_id fails this build, and the importer goes
	 * back to the savepoint before it to find which (bulk mode too). */
	case STMT_EV_DETAINER_INDEX_CREATE:
	case STMT_EV_INDEX_UNDO:
		return false;
	case STMT_AUDIT_INSERT:
		return true;
	default:
		return s->bulk;
	}
}

static enum at_err
pg_exec(struct store *s, enum stmt which, const struct store_param *p,
    size_t n, store_row_fn fn, void *ctx, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	enum at_err er;

	if (which != STMT_COMMIT && which != STMT_ROLLBACK && im->nq == 0) {
		er = ensure_conn(s, d);
		if (er != AT_OK)
			return er;
	}
	switch (which) {
	case STMT_BEGIN:
		er = run_plain(s, STMT_BEGIN, d);
		if (er != AT_OK)
			return er;
		er = run(s, STMT_AUDIT_LOCK, NULL, 0, NULL, NULL, d);
		if (er != AT_OK)
			(void)run_plain(s, STMT_ROLLBACK, NULL);
		return er;
	case STMT_COMMIT:
		er = im->nq > 0 ? drain(s, NULL, NULL, d) : AT_OK;
		if (er == AT_OK)
			er = run_plain(s, STMT_COMMIT, d);
		/* A failed COMMIT has ended the transaction already. */
		if (er != AT_OK && PQtransactionStatus(im->conn) != PQTRANS_IDLE)
			(void)run_plain(s, STMT_ROLLBACK, NULL);
		return er;
	case STMT_ROLLBACK:
		if (im->nq > 0)
			(void)drain(s, NULL, NULL, NULL);
		if (PQstatus(im->conn) != CONNECTION_OK)
			return AT_OK; /* nothing left to roll back */
		return run_plain(s, STMT_ROLLBACK, d);
	default:
		break;
	}
	if (deferrable(s, which, fn)) {
		er = send_stmt(s, which, p, n, d);
		if (er == AT_OK && im->nq >= PG_PIPELINE_MAX)
			er = drain(s, NULL, NULL, d);
		return er;
	}
	if (im->nq > 0) {
		er = send_stmt(s, which, p, n, d);
		if (er != AT_OK) {
			(void)drain(s, NULL, NULL, NULL);
			return er;
		}
		return drain(s, fn, ctx, d);
	}
	return run(s, which, p, n, fn, ctx, d);
}

/*
 * COPY ... FROM STDIN: the fastest way in for bulk rows.  The pipe is
 * drained first (COPY cannot run in pipeline mode); the data goes out
 * in libpq's buffer, flushed as it fills, so memory stays flat.
 */
enum at_err
store_pg_copy_begin(struct store *s, enum stmt which, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	PGresult *res;
	enum at_err er = AT_OK;

	if (s->tx_depth == 0)
		return at_diag_set(d, AT_CONFLICT, "", "COPY outside a "
		    "transaction");
	if (im->nq > 0) {
		er = drain(s, NULL, NULL, d);
		if (er != AT_OK)
			return er;
	}
	res = PQexec(im->conn, store_pg_sql()[which]);
	if (res == NULL)
		at_oom();
	if (PQresultStatus(res) != PGRES_COPY_IN)
		er = result_error(res, im->conn, d);
	PQclear(res);
	return er;
}

enum at_err
store_pg_copy_send(struct store *s, const char *data, size_t len,
    struct at_diag *d)
{
	struct pg_impl *im = s->impl;

	while (len > 0) {
		int n = len > (size_t)1 << 30 ? 1 << 30 : (int)len;

		if (PQputCopyData(im->conn, data, n) != 1)
			return result_error(NULL, im->conn, d);
		data += n;
		len -= (size_t)n;
	}
	return AT_OK;
}

/* The "line N" of a COPY error's context: the row (1-based) that
 * failed, 0 if not said. */
static int64_t
copy_line(const PGresult *res)
{
	const char *ctx = PQresultErrorField(res, PG_DIAG_CONTEXT);
	const char *p = ctx != NULL ? strstr(ctx, ", line ") : NULL;
	int64_t n = 0;

	if (p == NULL)
		return 0;
	for (p += 7; *p >= '0' && *p <= '9' && n < INT64_MAX / 10; p++)
		n = n * 10 + (*p - '0');
	return n;
}

enum at_err
store_pg_copy_end(struct store *s, bool abandon, int64_t *row,
    struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	PGresult *res;
	enum at_err er = AT_OK;

	*row = 0;
	if (PQputCopyEnd(im->conn, abandon ? "import abandoned" : NULL) != 1)
		er = result_error(NULL, im->conn, d);
	while ((res = PQgetResult(im->conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && er == AT_OK &&
		    !abandon) {
			er = result_error(res, im->conn, d);
			*row = copy_line(res);
		}
		PQclear(res);
	}
	if (abandon && er == AT_OK)
		er = AT_DB;
	return er;
}

static enum at_err
pg_exec_script(struct store *s, const char *sql, struct at_diag *d)
{
	struct pg_impl *im = s->impl;
	PGresult *res;
	enum at_err er = AT_OK;
	ExecStatusType st;

	er = ensure_conn(s, d);
	if (er != AT_OK)
		return er;
	res = PQexec(im->conn, sql);
	if (res == NULL)
		at_oom();
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		er = result_error(res, im->conn, d);
	PQclear(res);
	return er;
}

static void
pg_close(struct store *s)
{
	struct pg_impl *im = s->impl;

	if (im == NULL)
		return;
	PQfinish(im->conn);
	free(im->q);
	free(im);
	s->impl = NULL;
}

static const struct store_ops pg_ops = {
	"postgresql",
	pg_exec,
	pg_exec_script,
	pg_close,
};

bool
store_pg_is_conninfo(const char *url)
{
	static const char *const words[] = { "host", "hostaddr", "port",
		"dbname", "user", "password", "passfile", "service",
		"options", "sslmode", "connect_timeout", "application_name",
		NULL };

	if (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0)
		return true;
	/* A keyword/value string starts with "keyword =". */
	for (const char *const *w = words; *w != NULL; w++) {
		size_t len = strlen(*w);
		const char *q = url + len;

		if (strncmp(url, *w, len) != 0)
			continue;
		while (*q == ' ')
			q++;
		if (*q == '=')
			return true;
	}
	return false;
}

enum at_err
store_pg_open(const char *url, struct store *s, struct at_diag *d)
{
	struct pg_impl *im;
	enum at_err er;
	char line[400];
	const char *why;

	if (!store_pq_load(&why))
		return at_diag_set(d, AT_DB, "db",
		    "cannot use PostgreSQL: %s", why);
	im = xcalloc(1, sizeof(*im));
	im->conn = PQconnectdb(url);
	if (im->conn == NULL)
		at_oom();
	if (PQstatus(im->conn) != CONNECTION_OK) {
		first_line(PQerrorMessage(im->conn), line, sizeof(line));
		PQfinish(im->conn);
		free(im);
		return at_diag_set(d, AT_DB, "db",
		    "cannot connect to PostgreSQL: %s", line);
	}
	PQsetNoticeProcessor(im->conn, quiet_notice, NULL);
	s->impl = im;
	s->ops = &pg_ops;
	s->migrations = store_migrations_pg;
	/*
	 * Apply migrations under a session lock (a different key from the
	 * writers' lock); store_open's own pass then finds nothing to do.
	 */
	er = pg_exec_script(s, "SELECT pg_advisory_lock(107152796906357)", d);
	if (er == AT_OK) {
		er = store_migrate(s, store_migrations_pg, d);
		if (pg_exec_script(s,
			"SELECT pg_advisory_unlock(107152796906357)",
			er == AT_OK ? d : NULL) != AT_OK && er == AT_OK)
			er = AT_DB;
	}
	if (er != AT_OK) {
		pg_close(s);
		return er;
	}
	return AT_OK;
}
