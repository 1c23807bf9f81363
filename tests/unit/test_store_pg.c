/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the PostgreSQL backend.  Always: both statement tables
 * are complete and twins (same parameters in the same order), and both
 * backends have the same migrations.  With AT_TEST_PG_URL set (make
 * check and tests/pg/run.sh set it): every statement prepares against
 * the migrated schema, writes are transactional with their audit entry,
 * ids sort bytewise as on SQLite, and several writers on separate
 * connections keep the audit log one gapless, linked line.  Each test
 * gets a database of its own, dropped afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <pthread.h>

#include "audit/audit.h"
#include "store/store.h"
#include "store/store_int.h"

static char dbname[64];
static char url[2048];
static int dbcount;

/* Parameter numbers in order of appearance, after mark ('?' or '$'). */
static size_t
params_of(const char *sql, char mark, int *out, size_t max)
{
	size_t n = 0;

	for (const char *p = sql; *p != '\0'; p++) {
		int v = 0;

		if (*p != mark || p[1] < '0' || p[1] > '9')
			continue;
		for (p++; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (*p - '0');
		p--;
		if (n < max)
			out[n] = v;
		n++;
	}
	return n;
}

static void
test_statement_tables_are_complete_twins(void **state)
{
	const char *const *lite = store_sqlite_sql();
	const char *const *pg = store_pg_sql();

	(void)state;
	for (int i = 0; i < STMT__MAX; i++) {
		int a[512], b[512];
		size_t na, nb;

		if (lite[i] == NULL)
			fail_msg("statement %d has no SQLite text in "
			    "src/store/sql_sqlite.c", i);
		if (pg[i] == NULL)
			fail_msg("statement %d (SQLite: \"%s\") has no "
			    "PostgreSQL twin in src/store/sql_pg.c: add it "
			    "with $1..$n in the same order", i, lite[i]);
		if (strchr(pg[i], '?') != NULL)
			fail_msg("statement %d: PostgreSQL text uses '?': %s",
			    i, pg[i]);
		na = params_of(lite[i], '?', a, 512);
		nb = params_of(pg[i], '$', b, 512);
		if (na != nb || memcmp(a, b, (na < 512 ? na : 512) *
		    sizeof(a[0])) != 0)
			fail_msg("statement %d: parameters differ between "
			    "SQLite \"%s\" and PostgreSQL \"%s\"", i, lite[i],
			    pg[i]);
	}
}

static void
test_migrations_are_twins(void **state)
{
	const struct store_migration *a = store_migrations_sqlite;
	const struct store_migration *b = store_migrations_pg;

	(void)state;
	for (; a->sql != NULL && b->sql != NULL; a++, b++) {
		if (a->version != b->version || strcmp(a->name, b->name) != 0)
			fail_msg("migration %04d_%s (SQLite) has no twin "
			    "src/store/sql/pg/%04d_%s.sql", a->version,
			    a->name, a->version, a->name);
	}
	if (a->sql != NULL)
		fail_msg("migration %04d_%s has no PostgreSQL twin "
		    "src/store/sql/pg/%04d_%s.sql", a->version, a->name,
		    a->version, a->name);
	if (b->sql != NULL)
		fail_msg("PostgreSQL migration %04d_%s has no SQLite twin",
		    b->version, b->name);
}

static void
test_conninfo_detection(void **state)
{
	(void)state;
	assert_true(store_pg_is_conninfo("postgres://u@h/db"));
	assert_true(store_pg_is_conninfo("postgresql:///db?host=/tmp"));
	assert_true(store_pg_is_conninfo("host=/tmp dbname=x"));
	assert_true(store_pg_is_conninfo("dbname = attest"));
	assert_false(store_pg_is_conninfo("attest.db"));
	assert_false(store_pg_is_conninfo("hostnames.db"));
	assert_false(store_pg_is_conninfo("/tmp/user=1.db"));
}

/* A connection string for dbname on the server of AT_TEST_PG_URL. */
static void
url_for(const char *base, const char *name, char *out, size_t n)
{
	PQconninfoOption *opts, *o;
	size_t len = 0;
	char *err = NULL;

	opts = PQconninfoParse(base, &err);
	if (opts == NULL)
		fail_msg("AT_TEST_PG_URL does not parse: %s", err);
	out[0] = '\0';
	for (o = opts; o->keyword != NULL; o++) {
		const char *v = o->val;
		int rc;

		if (strcmp(o->keyword, "dbname") == 0)
			v = name;
		if (v == NULL || v[0] == '\0')
			continue;
		/* Test values hold no quotes or backslashes. */
		rc = snprintf(out + len, n - len, "%s='%s' ", o->keyword, v);
		assert_true(rc > 0 && (size_t)rc < n - len);
		len += (size_t)rc;
	}
	PQconninfoFree(opts);
}

static void
admin(const char *base, const char *sql)
{
	PGconn *c = PQconnectdb(base);
	PGresult *r;

	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("cannot connect to AT_TEST_PG_URL: %s",
		    PQerrorMessage(c));
	r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
}

static int
setup(void **state)
{
	const char *base = getenv("AT_TEST_PG_URL");
	char sql[128];

	(void)state;
	url[0] = '\0';
	if (base == NULL || base[0] == '\0')
		return 0;
	snprintf(dbname, sizeof(dbname), "attest_unit_%ld_%d",
	    (long)getpid(), dbcount++);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", dbname);
	admin(base, sql);
	url_for(base, dbname, url, sizeof(url));
	return 0;
}

static int
teardown(void **state)
{
	const char *base = getenv("AT_TEST_PG_URL");
	char sql[128];

	(void)state;
	if (url[0] == '\0')
		return 0;
	snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", dbname);
	admin(base, sql);
	return 0;
}

#define NEED_PG()                                                      \
	do {                                                           \
		if (url[0] == '\0') {                                  \
			print_message("# AT_TEST_PG_URL not set\n");     \
			skip();                                        \
		}                                                      \
	} while (0)

static struct model_record *
state_rec(const char *id, const char *name)
{
	struct model_record *r = model_record_new(KIND_JURISDICTION);
	const char *v[] = { id, name, "state" };

	for (size_t i = 0; i < 3; i++)
		assert_int_equal(model_record_set(r, i, v[i], strlen(v[i]),
				     NULL), AT_OK);
	assert_int_equal(model_record_set(r, 7, "test", 4, NULL), AT_OK);
	return r;
}

static void
test_every_statement_prepares(void **state)
{
	const char *const *pg = store_pg_sql();
	struct store *s = NULL;
	struct at_diag d;
	PGconn *c;

	(void)state;
	NEED_PG();
	at_diag_clear(&d);
	if (store_open(url, &s, &d) != AT_OK)
		fail_msg("store_open: %s", d.msg);
	assert_string_equal(store_backend(s), "postgresql");
	store_close(s);
	c = PQconnectdb(url);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	/* The evidence import's staging table is temporary, made in the
	 * import's transaction: so here too. */
	PQclear(PQexec(c, "BEGIN"));
	PQclear(PQexec(c, pg[STMT_EV_SUMMARY_STAGE]));
	for (int i = 0; i < STMT__MAX; i++) {
		char name[16];
		PGresult *r;

		snprintf(name, sizeof(name), "t%d", i);
		r = PQprepare(c, name, pg[i], 0, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			fail_msg("statement %d does not prepare: %s", i,
			    PQresultErrorMessage(r));
		PQclear(r);
	}
	for (int k = 0; k < KIND__MAX; k++) {
		const struct model_kind_desc *kd =
		    model_kind_desc((enum model_kind)k);
		PGresult *r;
		char name[16];

		snprintf(name, sizeof(name), "t%d",
		    (int)store_kind_stmt((enum model_kind)k, STORE_OP_GET));
		r = PQdescribePrepared(c, name);
		assert_int_equal(PQnfields(r), (int)kd->nfields);
		for (size_t f = 0; f < kd->nfields; f++)
			assert_string_equal(PQfname(r, (int)f),
			    kd->fields[f].name);
		PQclear(r);
		snprintf(name, sizeof(name), "t%d",
		    (int)store_kind_stmt((enum model_kind)k,
			STORE_OP_INSERT));
		r = PQdescribePrepared(c, name);
		assert_int_equal(PQnparams(r), (int)kd->nfields);
		PQclear(r);
	}
	PQfinish(c);
}

static void
test_insert_get_conflict_rollback(void **state)
{
	struct store *s = NULL;
	struct model_record *r, *r2, *back = NULL;
	struct at_diag d;
	int64_t n = 0, before = 0, after = 0;
	bool found = true;

	(void)state;
	NEED_PG();
	r = state_rec("17", "Illinois");
	r2 = state_rec("06", "California");
	at_diag_clear(&d);
	assert_int_equal(store_open(url, &s, &d), AT_OK);
	assert_int_equal(store_record_insert(s, r, &d), AT_CONFLICT);
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_begin(s), AT_CONFLICT);
	assert_int_equal(store_record_insert(s, r, &d), AT_OK);
	assert_int_equal(store_commit(s), AT_OK);
	/* A unique violation is a conflict, and aborts the transaction. */
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_record_insert(s, r, &d), AT_CONFLICT);
	assert_string_equal(d.field, "id");
	store_rollback(s);
	assert_int_equal(store_record_get(s, KIND_JURISDICTION, "17", &back),
	    AT_OK);
	assert_string_equal(model_record_text(back, 1), "Illinois");
	assert_null(model_record_text(back, 3));
	model_record_free(back);
	assert_int_equal(store_record_get(s, KIND_JURISDICTION, "18", &back),
	    AT_NOTFOUND);
	/* Rollback takes the record and its audit entry away together. */
	assert_int_equal(store_audit_count(s, &before), AT_OK);
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_record_insert(s, r2, NULL), AT_OK);
	store_rollback(s);
	assert_int_equal(store_record_exists(s, KIND_JURISDICTION, "06",
			     &found), AT_OK);
	assert_false(found);
	assert_int_equal(store_audit_count(s, &after), AT_OK);
	assert_int_equal(before, 1);
	assert_int_equal(after, 1);
	assert_int_equal(store_record_count(s, KIND_JURISDICTION, &n), AT_OK);
	assert_int_equal(n, 1);
	model_record_free(r);
	model_record_free(r2);
	store_close(s);
}

struct ids {
	char got[8][16];
	int n;
};

static int
collect(void *ctx, const struct model_record *r)
{
	struct ids *ids = ctx;

	if (ids->n < 8)
		snprintf(ids->got[ids->n++], sizeof(ids->got[0]), "%s",
		    model_record_id(r));
	return 0;
}

static struct model_record *
program_rec(const char *id)
{
	struct model_record *r = model_record_new(KIND_PROGRAM);

	assert_int_equal(model_record_set(r, 0, id, strlen(id), NULL), AT_OK);
	assert_int_equal(model_record_set(r,
			     (size_t)model_field_index(KIND_PROGRAM, "name"),
			     "P", 1, NULL), AT_OK);
	return r;
}

static void
test_ids_sort_bytewise_and_as_of(void **state)
{
	const char *in[] = { "b", "B", "a", "Z", "10", "9" };
	const char *want[] = { "10", "9", "B", "Z", "a", "b" };
	struct store *s = NULL;
	struct model_record *r;
	struct ids ids;
	struct at_date day;

	(void)state;
	NEED_PG();
	assert_int_equal(store_open(url, &s, NULL), AT_OK);
	assert_int_equal(store_begin(s), AT_OK);
	for (size_t i = 0; i < 6; i++) {
		r = program_rec(in[i]);
		assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
		model_record_free(r);
	}
	/* 01 is in force from 2020 on, 02 always. */
	r = state_rec("01", "x");
	assert_int_equal(model_record_set(r, 5, "2020-01-01", 10, NULL),
	    AT_OK);
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
	r = state_rec("02", "y");
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
	assert_int_equal(store_commit(s), AT_OK);
	memset(&ids, 0, sizeof(ids));
	assert_int_equal(store_record_each(s, KIND_PROGRAM, NULL, collect,
			     &ids), AT_OK);
	assert_int_equal(ids.n, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(ids.got[i], want[i]);
	assert_int_equal(at_date_parse("2019-06-01", 10, &day), AT_OK);
	memset(&ids, 0, sizeof(ids));
	assert_int_equal(store_record_each(s, KIND_JURISDICTION, &day,
			     collect, &ids), AT_OK);
	assert_int_equal(ids.n, 1);
	assert_string_equal(ids.got[0], "02");
	/* A page: two records after the first three, by id. */
	memset(&ids, 0, sizeof(ids));
	assert_int_equal(store_record_page(s, KIND_PROGRAM, 3, 2, collect,
			     &ids), AT_OK);
	assert_int_equal(ids.n, 2);
	assert_string_equal(ids.got[0], "Z");
	assert_string_equal(ids.got[1], "a");
	assert_int_equal(store_record_page(s, KIND_PROGRAM, -1, 2, collect,
			     &ids), AT_EINVAL);
	/* Programs have no dates: all of them on any day. */
	memset(&ids, 0, sizeof(ids));
	assert_int_equal(store_record_each(s, KIND_PROGRAM, &day, collect,
			     &ids), AT_OK);
	assert_int_equal(ids.n, 6);
	store_close(s);
}

#define WRITERS 4
#define PER_WRITER 40

struct writer {
	struct store_pool *pool;
	int no;
	int failed;
};

static void *
write_many(void *arg)
{
	struct writer *w = arg;

	for (int i = 0; i < PER_WRITER; i++) {
		struct store *s = NULL;
		struct model_record *r;
		char id[32];

		snprintf(id, sizeof(id), "w%d-%03d", w->no, i);
		r = program_rec(id);
		if (store_pool_get(w->pool, &s, NULL) != AT_OK ||
		    store_begin(s) != AT_OK ||
		    store_record_insert(s, r, NULL) != AT_OK ||
		    store_commit(s) != AT_OK)
			w->failed++;
		store_pool_put(w->pool, s);
		model_record_free(r);
	}
	return NULL;
}

struct chain {
	int64_t n;
	int64_t bad_seq;
	char last_hash[AUDIT_HEX_LEN];
};

static int
walk(void *ctx, const struct store_audit_row *e)
{
	struct chain *c = ctx;

	c->n++;
	if (c->bad_seq == 0 && (e->seq != c->n || (c->n > 1 &&
	    strcmp(e->prev_hash, c->last_hash) != 0)))
		c->bad_seq = e->seq;
	snprintf(c->last_hash, sizeof(c->last_hash), "%s", e->hash);
	return 0;
}

static void
test_concurrent_writers_keep_one_audit_line(void **state)
{
	struct store_pool *pool = NULL;
	struct writer w[WRITERS];
	pthread_t th[WRITERS];
	struct store *s = NULL;
	struct chain c;
	struct audit_verify *v;
	uint64_t count = 0;
	uint8_t root[AUDIT_HASH_LEN];
	int64_t n = 0;

	(void)state;
	NEED_PG();
	assert_int_equal(store_pool_open(url, WRITERS, &pool, NULL), AT_OK);
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct writer){ pool, i, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, write_many,
				     &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(w[i].failed, 0);
	}
	assert_true(store_pool_size(pool) <= WRITERS);
	assert_int_equal(store_pool_get(pool, &s, NULL), AT_OK);
	assert_int_equal(store_record_count(s, KIND_PROGRAM, &n), AT_OK);
	assert_int_equal(n, WRITERS * PER_WRITER);
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_audit_each(s, 1, walk, &c), AT_OK);
	assert_int_equal(c.n, WRITERS * PER_WRITER);
	assert_int_equal(c.bad_seq, 0);
	v = audit_verify_new(NULL);
	assert_int_equal(store_audit_verify(s, v, &count, root), AT_OK);
	assert_int_equal(count, WRITERS * PER_WRITER);
	audit_verify_free(v);
	store_pool_put(pool, s);
	store_pool_close(pool);
}

struct waiter {
	struct store_pool *pool;
	struct store *got;
};

static void *
wait_get(void *arg)
{
	struct waiter *w = arg;

	if (store_pool_get(w->pool, &w->got, NULL) != AT_OK)
		w->got = NULL;
	return NULL;
}

static void
test_pool_lends_at_most_max(void **state)
{
	struct store_pool *pool = NULL;
	struct store *a = NULL, *b = NULL;
	struct waiter w;
	pthread_t th;

	(void)state;
	NEED_PG();
	assert_int_equal(store_pool_open(url, 2, &pool, NULL), AT_OK);
	assert_int_equal(store_pool_get(pool, &a, NULL), AT_OK);
	assert_int_equal(store_pool_get(pool, &b, NULL), AT_OK);
	assert_ptr_not_equal(a, b);
	assert_int_equal(store_pool_size(pool), 2);
	/* An open transaction is rolled back when the store goes back. */
	assert_int_equal(store_begin(a), AT_OK);
	w = (struct waiter){ pool, NULL };
	assert_int_equal(pthread_create(&th, NULL, wait_get, &w), 0);
	nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
	assert_null(w.got);
	store_pool_put(pool, a);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_ptr_equal(w.got, a);
	assert_int_equal(store_begin(w.got), AT_OK);
	store_rollback(w.got);
	store_pool_put(pool, w.got);
	store_pool_put(pool, b);
	store_pool_close(pool);
}

/* attest copy must know every table the migrations make (store_copy.c
 * tables[]): a new table fails here until it is copied or skipped. */
static void
test_copy_knows_every_table(void **state)
{
	char path[64];
	struct store *s = NULL;
	struct at_diag d;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/attest-test-copy-%ld.db",
	    (long)getpid());
	unlink(path);
	at_diag_clear(&d);
	assert_int_equal(store_open(path, &s, &d), AT_OK);
	if (store_copy_tables_known(s, &d) != AT_OK)
		fail_msg("SQLite: %s", d.msg);
	store_close(s);
	unlink(path);
	if (url[0] == '\0')
		return;
	assert_int_equal(store_open(url, &s, &d), AT_OK);
	if (store_copy_tables_known(s, &d) != AT_OK)
		fail_msg("PostgreSQL: %s", d.msg);
	store_close(s);
}

static void
test_bad_url_fails_cleanly(void **state)
{
	struct store *s = NULL;
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(store_open("postgresql:///attest_no_such_db?"
			     "host=/nonexistent&connect_timeout=2", &s, &d),
	    AT_DB);
	assert_null(s);
	assert_non_null(strstr(d.msg, "cannot connect"));
}

int
main(void)
{
	/* The first five run everywhere; the rest need AT_TEST_PG_URL and
	 * are left out (not reported as skipped, which meson's TAP reader
	 * counts as failed) without it. */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statement_tables_are_complete_twins),
		cmocka_unit_test(test_migrations_are_twins),
		cmocka_unit_test(test_conninfo_detection),
		cmocka_unit_test(test_bad_url_fails_cleanly),
		cmocka_unit_test_setup_teardown(test_copy_knows_every_table,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_statement_prepares,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_insert_get_conflict_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ids_sort_bytewise_and_as_of, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_concurrent_writers_keep_one_audit_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pool_lends_at_most_max,
		    setup, teardown),
	};
	const char *pg = getenv("AT_TEST_PG_URL");
	size_t n = pg != NULL && pg[0] != '\0' ?
	    sizeof(tests) / sizeof(tests[0]) : 5;

	return _cmocka_run_group_tests("store_pg", tests, n, NULL, NULL);
}
