/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the audit log over the store (store_audit.c): a record
 * and its audit entry commit or fail together, checkpoints are written
 * incrementally and refuse a tampered log, and store_audit_verify names
 * a changed entry.
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
#include <sqlite3.h>

#include "audit/audit.h"
#include "store/store.h"

static char dbpath[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/attest-test-audit-%ld.db",
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

static void
raw_sql(const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int64_t
raw_count(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t n;

	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static struct model_record *
state_rec(const char *id, const char *name)
{
	struct model_record *r = model_record_new(KIND_JURISDICTION);
	const char *v[] = { id, name, "state" };

	for (size_t i = 0; i < 3; i++)
		assert_int_equal(
		    model_record_set(r, i, v[i], strlen(v[i]), NULL), AT_OK);
	return r;
}

static enum at_err
insert_one(struct store *s, const char *id, const char *name)
{
	struct model_record *r = state_rec(id, name);
	enum at_err er;

	er = store_begin(s);
	if (er == AT_OK)
		er = store_record_insert(s, r, NULL);
	if (er == AT_OK)
		er = store_commit(s);
	else
		store_rollback(s);
	model_record_free(r);
	return er;
}

static struct audit_key *
test_key(void)
{
	uint8_t seed[32];

	memset(seed, 3, sizeof(seed));
	return audit_key_from_seed(seed);
}

static void
test_failed_audit_insert_leaves_no_record(void **state)
{
	struct store *s = NULL;
	bool found = true;

	(void)state;
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(insert_one(s, "06", "California"), AT_OK);
	store_close(s);
	/* Fault injected between the record's insert and its entry's. */
	raw_sql("CREATE TRIGGER inject BEFORE INSERT ON audit_log "
	        "BEGIN SELECT RAISE(ABORT, 'injected'); END;");
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_not_equal(insert_one(s, "41", "Oregon"), AT_OK);
	assert_int_equal(
	    store_record_exists(s, KIND_JURISDICTION, "41", &found), AT_OK);
	assert_false(found);
	store_close(s);
	assert_int_equal(raw_count("SELECT count(*) FROM audit_log"), 1);
	assert_int_equal(raw_count("SELECT count(*) FROM jurisdictions"), 1);
	raw_sql("DROP TRIGGER inject");
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(insert_one(s, "41", "Oregon"), AT_OK);
	store_close(s);
	assert_int_equal(raw_count("SELECT count(*) FROM audit_log"), 2);
}

static void
test_checkpoints_grow_incrementally_and_verify(void **state)
{
	struct audit_key *k = test_key();
	struct store *s = NULL;
	struct audit_checkpoint cp, cp2;
	struct audit_tree t;
	struct audit_verify *v;
	uint8_t pk[AUDIT_PK_LEN], root[AUDIT_HASH_LEN];
	uint64_t count = 0;
	bool made = false;

	(void)state;
	audit_key_public(k, pk);
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(
	    store_checkpoint_write(s, k, &cp, &made, NULL), AT_NOTFOUND);
	assert_int_equal(insert_one(s, "06", "California"), AT_OK);
	assert_int_equal(insert_one(s, "41", "Oregon"), AT_OK);
	assert_int_equal(insert_one(s, "53", "Washington"), AT_OK);
	assert_int_equal(store_checkpoint_write(s, k, &cp, &made, NULL), AT_OK);
	assert_true(made);
	assert_int_equal(cp.size, 3);
	assert_int_equal(
	    store_checkpoint_write(s, k, &cp2, &made, NULL), AT_OK);
	assert_false(made);
	assert_int_equal(cp2.size, 3);
	assert_int_equal(insert_one(s, "32", "Nevada"), AT_OK);
	assert_int_equal(
	    store_checkpoint_write(s, k, &cp2, &made, NULL), AT_OK);
	assert_true(made);
	assert_int_equal(cp2.size, 4);
	assert_int_equal(store_checkpoint_last(s, &cp, &t), AT_OK);
	assert_int_equal(t.size, 4);
	assert_memory_equal(cp.root, cp2.root, AUDIT_HASH_LEN);

	v = audit_verify_new(pk);
	assert_int_equal(store_audit_verify(s, v, &count, root), AT_OK);
	assert_int_equal(count, 4);
	assert_memory_equal(root, cp2.root, AUDIT_HASH_LEN);
	assert_int_equal(audit_verify_checkpoints(v), 2);
	audit_verify_free(v);
	store_close(s);

	/* A changed entry: verify names it, and no checkpoint is signed
	 * over it. */
	raw_sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET "
	        "actor = 'mallory' WHERE seq = 2;");
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	v = audit_verify_new(pk);
	assert_int_equal(store_audit_verify(s, v, &count, root), AT_TAMPER);
	assert_int_equal(audit_verify_bad_seq(v), 2);
	audit_verify_free(v);
	assert_int_equal(insert_one(s, "30", "Montana"), AT_OK);
	/* Entry 2 is behind the last checkpoint: the new checkpoint is
	 * still made (it hashes only entries 4..5), verify still fails. */
	assert_int_equal(store_checkpoint_write(s, k, &cp, &made, NULL), AT_OK);
	store_close(s);

	/* A tampered newer entry is refused before signing. */
	raw_sql("UPDATE audit_log SET verb = 'delete' WHERE seq = 5;");
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(insert_one(s, "16", "Idaho"), AT_OK);
	assert_int_equal(
	    store_checkpoint_write(s, k, &cp, &made, NULL), AT_TAMPER);
	store_close(s);
	audit_key_free(k);
}

static void
test_checkpoint_with_a_forged_frontier_is_refused(void **state)
{
	struct audit_key *k = test_key();
	struct store *s = NULL;
	struct audit_checkpoint cp;
	struct audit_tree t;
	bool made;

	(void)state;
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(insert_one(s, "06", "California"), AT_OK);
	assert_int_equal(insert_one(s, "41", "Oregon"), AT_OK);
	assert_int_equal(store_checkpoint_write(s, k, &cp, &made, NULL), AT_OK);
	store_close(s);
	raw_sql("DROP TRIGGER audit_checkpoints_no_update; "
	        "UPDATE audit_checkpoints SET frontier = "
	        "replace(frontier, substr(frontier, 1, 1), "
	        "CASE substr(frontier, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END);");
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(store_checkpoint_last(s, &cp, &t), AT_TAMPER);
	assert_int_equal(insert_one(s, "53", "Washington"), AT_OK);
	assert_int_equal(
	    store_checkpoint_write(s, k, &cp, &made, NULL), AT_TAMPER);
	store_close(s);
	audit_key_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_failed_audit_insert_leaves_no_record, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_checkpoints_grow_incrementally_and_verify, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_checkpoint_with_a_forged_frontier_is_refused, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
