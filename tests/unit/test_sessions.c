/* SPDX-License-Identifier: ISC */
/*
 * Web sessions in the store (store_users.h): the idle timeout slides
 * with use, the absolute one does not, the expiry is written only when
 * it gains an eighth of the idle time, a password change or sign-out
 * ends sessions.  The clock is a parameter, so no test waits.  On
 * SQLite always; on PostgreSQL too when AT_TEST_PG_URL is set (make
 * check's second pass), in a database made for the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>

#include "store/store.h"
#include "store/store_int.h"
#include "store/store_users.h"

static char url[1024];
static char dbname[64];
static char sqlite_path[256];

/* A connection string for dbname on the server of AT_TEST_PG_URL. */
static void
pg_url_for(const char *base, const char *name, char *out, size_t n)
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
pg_admin(const char *base, const char *sql)
{
	const char *why = NULL;
	PGconn *c;
	PGresult *r;

	/* The store opens libpq on first use; these calls go through it. */
	if (!store_pq_load(&why))
		fail_msg("libpq: %s", why);
	c = PQconnectdb(base);
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
setup_sqlite(void **state)
{
	const char *dir = getenv("TMPDIR");

	(void)state;
	snprintf(sqlite_path, sizeof(sqlite_path), "%s/attest-sessions-%ld.db",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp", (long)getpid());
	unlink(sqlite_path);
	snprintf(url, sizeof(url), "%s", sqlite_path);
	return 0;
}

static int
teardown_sqlite(void **state)
{
	static const char *const sfx[] = { "", "-wal", "-shm", ".key" };
	char p[300];

	(void)state;
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", sqlite_path, sfx[i]);
		unlink(p);
	}
	return 0;
}

static int
setup_pg(void **state)
{
	char sql[128];

	(void)state;
	snprintf(dbname, sizeof(dbname), "attest_sessions_%ld",
	    (long)getpid());
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", dbname);
	pg_admin(getenv("AT_TEST_PG_URL"), sql);
	pg_url_for(getenv("AT_TEST_PG_URL"), dbname, url, sizeof(url));
	return 0;
}

static int
teardown_pg(void **state)
{
	char sql[128];

	(void)state;
	snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", dbname);
	pg_admin(getenv("AT_TEST_PG_URL"), sql);
	return 0;
}

static struct store *
open_with_users(void)
{
	struct store *s = NULL;
	struct at_diag d;

	at_diag_clear(&d);
	if (store_open(url, &s, &d) != AT_OK)
		fail_msg("store_open %s: %s", url, d.msg);
	if (store_user_add(s, "ada", ROLE_ADMIN, NULL, "ada-pass-1", &d) !=
	    AT_OK)
		fail_msg("user add: %s", d.msg);
	if (store_user_add(s, "bob", ROLE_REVIEWER, NULL, "bob-pass-1", &d) !=
	    AT_OK)
		fail_msg("user add: %s", d.msg);
	return s;
}

/* 1 if the session is alive at now (idle, max), else 0. */
static int
alive(struct store *s, const char *tok, int64_t now, int64_t idle,
    int64_t max)
{
	struct user u;
	enum at_err er = store_session_use(s, tok, now, idle, max, &u);

	if (er == AT_NOTFOUND)
		return 0;
	assert_int_equal(er, AT_OK);
	return 1;
}

static void
test_sessions(void **state)
{
	struct store *s = open_with_users();
	char a[USER_TOKEN_HEX], b[USER_TOKEN_HEX], c[USER_TOKEN_HEX];
	struct user u;
	struct at_diag d;
	const int64_t idle = 100, max = 300;

	(void)state;
	at_diag_clear(&d);

	/* The idle time slides with each use (no absolute limit here). */
	assert_int_equal(store_session_new(s, "ada", 1000, idle, a), AT_OK);
	assert_int_equal(store_session_use(s, a, 1050, idle, 10000, &u),
	    AT_OK);
	assert_string_equal(u.name, "ada");
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_int_equal(alive(s, a, 1140, idle, 10000), 1);
	assert_int_equal(alive(s, a, 1230, idle, 10000), 1);
	assert_int_equal(alive(s, a, 1320, idle, 10000), 1);
	assert_int_equal(alive(s, a, 1419, idle, 10000), 1);
	/* Unused for more than idle seconds: gone. */
	assert_int_equal(alive(s, a, 1520, idle, 10000), 0);

	/* The absolute time does not slide, however busy the session. */
	assert_int_equal(store_session_new(s, "ada", 2000, idle, b), AT_OK);
	for (int64_t t = 2090; t < 2300; t += 90)
		assert_int_equal(alive(s, b, t, idle, max), 1);
	assert_int_equal(alive(s, b, 2299, idle, max), 1);
	assert_int_equal(alive(s, b, 2300, idle, max), 0);
	assert_int_equal(alive(s, b, 2301, idle, max), 0);

	/* A use gaining less than idle / 8 writes nothing (the session
	 * may so end up to idle / 8 early); one gaining more does. */
	assert_int_equal(store_session_new(s, "bob", 3000, idle, c), AT_OK);
	assert_int_equal(alive(s, c, 3010, idle, max), 1);
	assert_int_equal(alive(s, c, 3100, idle, max), 0);
	assert_int_equal(store_session_new(s, "bob", 3500, idle, c), AT_OK);
	assert_int_equal(alive(s, c, 3513, idle, max), 1);
	assert_int_equal(alive(s, c, 3605, idle, max), 1);
	/* Signing out ends it. */
	assert_int_equal(store_session_end(s, c), AT_OK);
	assert_int_equal(alive(s, c, 3606, idle, max), 0);

	/* A new password ends every session of that user, and only his. */
	assert_int_equal(store_session_new(s, "ada", 4000, idle, a), AT_OK);
	assert_int_equal(store_session_new(s, "ada", 4001, idle, b), AT_OK);
	assert_int_equal(store_session_new(s, "bob", 4002, idle, c), AT_OK);
	assert_int_equal(store_user_passwd(s, "ada", "ada-pass-2", &d), AT_OK);
	assert_int_equal(alive(s, a, 4010, idle, max), 0);
	assert_int_equal(alive(s, b, 4010, idle, max), 0);
	assert_int_equal(alive(s, c, 4010, idle, max), 1);

	/* Tokens of the wrong shape are nobody's. */
	assert_int_equal(alive(s, "", 4010, idle, max), 0);
	assert_int_equal(alive(s, "zz", 4010, idle, max), 0);
	c[0] = c[0] == 'a' ? 'b' : 'a';
	assert_int_equal(alive(s, c, 4010, idle, max), 0);
	store_close(s);
}

int
main(void)
{
	/* The PostgreSQL run is left out (not reported as skipped, which
	 * meson's TAP reader counts as failed) without AT_TEST_PG_URL. */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sessions, setup_sqlite,
		    teardown_sqlite),
		cmocka_unit_test_setup_teardown(test_sessions, setup_pg,
		    teardown_pg),
	};
	const char *pg = getenv("AT_TEST_PG_URL");

	return _cmocka_run_group_tests("sessions", tests,
	    pg != NULL && pg[0] != '\0' ? 2 : 1, NULL, NULL);
}
