/* SPDX-License-Identifier: ISC */
/* Unit tests for src/store on SQLite: statements agree with the model,
 * writes are transactional and each carries its audit entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "audit/audit.h"
#include "store/store.h"
#include "store/store_int.h"

static char dbpath[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/attest-test-store-%ld.db",
	    (long)getpid());
	unlink(dbpath);
	return 0;
}

static int
teardown(void **state)
{
	char p[300];

	(void)state;
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static struct model_record *
state_rec(const char *id, const char *name)
{
	struct model_record *r = model_record_new(KIND_JURISDICTION);
	const char *v[] = { id, name, "state" };

	for (size_t i = 0; i < 3; i++)
		assert_int_equal(model_record_set(r, i, v[i], strlen(v[i]), NULL),
		    AT_OK);
	assert_int_equal(model_record_set(r, 7, "test", 4, NULL), AT_OK);
	return r;
}

static void
test_statement_table_matches_descriptors(void **state)
{
	struct store *s = NULL;
	sqlite3 *db;
	const char *const *sql = store_sqlite_sql();

	(void)state;
	for (int i = 0; i < STMT__MAX; i++)
		assert_non_null(sql[i]);
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (int i = 0; i < STMT__MAX; i++) {
		sqlite3_stmt *st = NULL;

		if (i == STMT_BEGIN || i == STMT_COMMIT || i == STMT_ROLLBACK)
			continue;
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
			fail_msg("statement %d does not prepare: %s", i,
			    sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	for (int k = 0; k < KIND__MAX; k++) {
		const struct model_kind_desc *kd =
		    model_kind_desc((enum model_kind)k);
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(db,
				     sql[store_kind_stmt((enum model_kind)k,
					 STORE_OP_GET)],
				     -1, &st, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_column_count(st), (int)kd->nfields);
		for (size_t c = 0; c < kd->nfields; c++)
			assert_string_equal(sqlite3_column_name(st, (int)c),
			    kd->fields[c].name);
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_prepare_v2(db,
				     sql[store_kind_stmt((enum model_kind)k,
					 STORE_OP_INSERT)],
				     -1, &st, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_bind_parameter_count(st),
		    (int)kd->nfields);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

static void
test_insert_get_and_conflict(void **state)
{
	struct store *s = NULL;
	struct model_record *r = state_rec("17", "Illinois"), *back = NULL;
	struct at_diag d;
	int64_t n = 0;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(store_open(dbpath, &s, &d), AT_OK);
	assert_int_equal(store_record_insert(s, r, &d), AT_CONFLICT); /* no tx */
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_begin(s), AT_CONFLICT);
	assert_int_equal(store_record_insert(s, r, &d), AT_OK);
	assert_int_equal(store_record_insert(s, r, &d), AT_CONFLICT);
	assert_string_equal(d.field, "id");
	assert_int_equal(store_commit(s), AT_OK);
	assert_int_equal(store_record_get(s, KIND_JURISDICTION, "17", &back),
	    AT_OK);
	assert_string_equal(model_record_text(back, 1), "Illinois");
	assert_null(model_record_text(back, 3));
	assert_int_equal(store_record_get(s, KIND_JURISDICTION, "18", &back),
	    AT_NOTFOUND);
	assert_int_equal(store_record_count(s, KIND_JURISDICTION, &n), AT_OK);
	assert_int_equal(n, 1);
	model_record_free(back);
	model_record_free(r);
	store_close(s);
}

static void
test_rollback_discards_record_and_audit_entry(void **state)
{
	struct store *s = NULL;
	struct model_record *r = state_rec("06", "California");
	int64_t before = -1, after = -1, n = 0;
	bool found = true;

	(void)state;
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(store_audit_count(s, &before), AT_OK);
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	store_rollback(s);
	assert_int_equal(store_record_exists(s, KIND_JURISDICTION, "06",
			     &found), AT_OK);
	assert_false(found);
	assert_int_equal(store_audit_count(s, &after), AT_OK);
	assert_int_equal(before, after);
	assert_int_equal(store_record_count(s, KIND_JURISDICTION, &n), AT_OK);
	assert_int_equal(n, 0);
	model_record_free(r);
	store_close(s);
}

struct chain {
	int64_t n;
	char last_hash[AUDIT_HEX_LEN];
	bool linked;
};

static int
walk(void *ctx, const struct store_audit_row *e)
{
	struct chain *c = ctx;

	if (c->n > 0 && strcmp(e->prev_hash, c->last_hash) != 0)
		c->linked = false;
	snprintf(c->last_hash, sizeof(c->last_hash), "%s", e->hash);
	c->n++;
	return 0;
}

static void
test_each_insert_appends_a_linked_audit_entry(void **state)
{
	struct store *s = NULL;
	const char *ids[] = { "01", "02", "04" };
	struct chain c = { 0, "", true };

	(void)state;
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	store_set_actor(s, "tester");
	for (size_t i = 0; i < 3; i++) {
		struct model_record *r = state_rec(ids[i], "x");

		assert_int_equal(store_begin(s), AT_OK);
		assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
		assert_int_equal(store_commit(s), AT_OK);
		model_record_free(r);
	}
	assert_int_equal(store_audit_each(s, 1, walk, &c), AT_OK);
	assert_int_equal(c.n, 3);
	assert_true(c.linked);
	store_close(s);
}

struct scan_seen {
	int n;
	size_t ncols;
	char ids[2][8];
	char names[2][32];
	bool parent_null;
	int stop_after;
};

static int
scan_take(void *ctx, const char *const *vals, size_t n)
{
	struct scan_seen *c = ctx;

	if (c->n < 2) {
		snprintf(c->ids[c->n], sizeof(c->ids[0]), "%s", vals[0]);
		snprintf(c->names[c->n], sizeof(c->names[0]), "%s", vals[1]);
	}
	c->ncols = n;
	c->parent_null = vals[3] == NULL;
	c->n++;
	return c->stop_after != 0 && c->n >= c->stop_after;
}

static void
test_record_scan_borrows_rows_in_id_order(void **state)
{
	struct store *s = NULL;
	struct model_record *a = state_rec("55", "Wisconsin");
	struct model_record *b = state_rec("06", "California");
	struct scan_seen c;

	(void)state;
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_record_insert(s, a, NULL), AT_OK);
	assert_int_equal(store_record_insert(s, b, NULL), AT_OK);
	assert_int_equal(store_commit(s), AT_OK);
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_record_scan(s, KIND_JURISDICTION, NULL,
			     scan_take, &c),
	    AT_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.ncols, model_kind_desc(KIND_JURISDICTION)->nfields);
	assert_string_equal(c.ids[0], "06");
	assert_string_equal(c.names[0], "California");
	assert_string_equal(c.ids[1], "55");
	assert_string_equal(c.names[1], "Wisconsin");
	assert_true(c.parent_null);
	memset(&c, 0, sizeof(c));
	c.stop_after = 1;
	assert_int_equal(store_record_scan(s, KIND_JURISDICTION, NULL,
			     scan_take, &c),
	    AT_OK);
	assert_int_equal(c.n, 1);
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_record_scan(s, KIND_AGENCY, NULL, scan_take,
			     &c),
	    AT_OK);
	assert_int_equal(c.n, 0);
	assert_int_equal(store_record_scan(s, KIND__MAX, NULL, scan_take, &c),
	    AT_EINVAL);
	model_record_free(a);
	model_record_free(b);
	store_close(s);
}

static void
test_reopen_keeps_schema_and_data(void **state)
{
	struct store *s = NULL;
	struct model_record *r = state_rec("09", "Connecticut");
	int64_t n = 0;

	(void)state;
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	assert_int_equal(store_commit(s), AT_OK);
	store_close(s);
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(store_record_count(s, KIND_JURISDICTION, &n), AT_OK);
	assert_int_equal(n, 1);
	model_record_free(r);
	store_close(s);
}

/* The plan SQLite gives statement k, its details one a line. */
static void
plan_of(enum stmt k, char *plan, size_t cap)
{
	struct store *s = NULL;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	char sql[1024];
	size_t n = 0;

	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	store_close(s);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_true(snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN %s",
			store_sqlite_sql()[k]) < (int)sizeof(sql));
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	plan[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		int rc = snprintf(plan + n, cap - n, "%s\n",
		    detail != NULL ? detail : "");

		assert_true(rc > 0 && (size_t)rc < cap - n);
		n += (size_t)rc;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* A page walks the place index over the county's days and nothing
 * else: no scan of the table, and no sort (the index ends with the id,
 * migration 0009), so it stops at its limit whatever the county. */
static void
assert_walks_place_index(enum stmt k)
{
	char plan[1024];

	plan_of(k, plan, sizeof(plan));
	if (strstr(plan, "SEARCH evidence_detainers USING INDEX "
			 "evidence_detainers_place (facility_county_fips=? "
			 "AND issued_date>? AND issued_date<?)") == NULL ||
	    strstr(plan, "SCAN evidence_detainers") != NULL ||
	    strstr(plan, "USE TEMP B-TREE") != NULL)
		fail_msg("the page does not walk the place index:\n%s", plan);
}

static void
test_detainer_page_uses_place_index(void **state)
{
	(void)state;
	assert_walks_place_index(STMT_EV_DETAINER_PAGE);
}

/* The page before a cursor walks the same index backward. */
static void
test_detainer_page_back_uses_place_index_unsorted(void **state)
{
	(void)state;
	assert_walks_place_index(STMT_EV_DETAINER_PAGE_BACK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_statement_table_matches_descriptors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_get_and_conflict,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_rollback_discards_record_and_audit_entry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_each_insert_appends_a_linked_audit_entry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_reopen_keeps_schema_and_data, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_record_scan_borrows_rows_in_id_order, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_detainer_page_uses_place_index, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_detainer_page_back_uses_place_index_unsorted, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
