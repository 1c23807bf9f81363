/* SPDX-License-Identifier: ISC */
/*
 * Persistence for attest: one interface over SQLite (a file path) and,
 * later, PostgreSQL (a postgres:// URL).
 *
 * Every write happens inside store_begin()/store_commit() and appends its
 * audit entry in the same transaction, so the data and the audit log
 * cannot diverge: if either fails, store_rollback() discards both.
 * Reads need no transaction.  A store is used by one thread at a time.
 */
#ifndef AT_STORE_STORE_H
#define AT_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "model/model.h"

struct store;

/*
 * Open (creating if needed) the database at url: a file path for
 * SQLite, or a postgres:// or postgresql:// URL.  Applies pending
 * migrations.  A SQLite file this process may not write (a read-only file
 * system, no write permission) opens for reading if its schema is
 * current: reads work, store_begin fails with AT_DB and store_why says
 * the database is read-only.  Returns AT_OK and *out (free with store_close), AT_DB or
 * AT_IO with d saying why, or AT_EINVAL for an unsupported URL.
 */
enum at_err store_open(const char *url, struct store **out,
    struct at_diag *d);
void store_close(struct store *s);

/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);

/* Record later writes as made by actor (copied; default "system"). */
void store_set_actor(struct store *s, const char *actor);

/*
 * Bulk mode, for loads that are all-or-nothing anyway: writes inside a
 * transaction may be sent without waiting for their outcome (PostgreSQL
 * pipelines them; SQLite ignores the flag), so an error, a duplicate id
 * included, is returned by a later call, at the latest by store_commit,
 * with d naming the key.  Off by default.
 */
void store_set_bulk(struct store *s, bool on);

/* One write transaction.  Nested begins are refused (AT_CONFLICT). */
enum at_err store_begin(struct store *s);
enum at_err store_commit(struct store *s);
/*
 * Why the last store_begin or store_commit failed, for the caller's
 * message (they take no struct at_diag): the backend's reason, such as
 * "sqlite: database or disk is full", or that the database is read-only.
 * Never NULL; "" before any failure.
 */
const char *store_why(const struct store *s);
/* Whether the database was opened for reading only (see store_open). */
bool store_readonly(const struct store *s);
/* Always safe to call; a no-op outside a transaction. */
void store_rollback(struct store *s);

/*
 * Insert a validated record and its audit entry ("insert").  Must be
 * inside a transaction.  AT_CONFLICT if the id exists (d says so),
 * AT_DB otherwise.
 */
enum at_err store_record_insert(struct store *s, const struct model_record *r,
    struct at_diag *d);

/* Fetch one record.  AT_NOTFOUND if absent; *out owned by the caller. */
enum at_err store_record_get(struct store *s, enum model_kind kind,
    const char *id, struct model_record **out);

/* Set *found to whether the record exists. */
enum at_err store_record_exists(struct store *s, enum model_kind kind,
    const char *id, bool *found);

/* model_exists_fn over a store (ctx is the struct store *). */
enum at_err store_exists_cb(void *ctx, enum model_kind kind, const char *id,
    bool *found);

enum at_err store_record_count(struct store *s, enum model_kind kind,
    int64_t *out);

/*
 * Call fn for each record of kind, ordered by id; with as_of, only
 * those in force on that day (model_record_in_force).  The record is
 * borrowed for the call.  fn returns 0 to continue, nonzero to stop.
 */
typedef int (*store_record_fn)(void *ctx, const struct model_record *r);
enum at_err store_record_each(struct store *s, enum model_kind kind,
    const struct at_date *as_of, store_record_fn fn, void *ctx);

/*
 * Like store_record_each, without building records: fn gets the row's
 * column texts in the kind's descriptor order (vals[0] is the id), n of
 * them (at most the descriptor's nfields).  vals and every string in it
 * are BORROWED from the backend and valid only for the duration of the
 * call: fn must copy whatever it keeps.  A SQL NULL is a NULL pointer.
 * Values are as stored, not as store_record_each formats them: FT_INT
 * and FT_CENTS are decimal integer text (money is integer cents, e.g.
 * "12345", not "123.45").  For hot loaders that need only text; uses
 * the same statements as store_record_each, so it works on every
 * backend.  fn returns 0 to continue, nonzero to stop.  AT_EINVAL for a
 * kind out of range.
 */
typedef int (*store_scan_fn)(void *ctx, const char *const *vals, size_t n);
enum at_err store_record_scan(struct store *s, enum model_kind kind,
    const struct at_date *as_of, store_scan_fn fn, void *ctx);

/*
 * store_record_scan for bulk loads that need only what rule evaluation
 * reads: for jurisdictions, agencies, policies, provisions and awards
 * the other columns (an award's id among them) come as NULL, positions
 * still following the descriptor, and rows in no particular order,
 * except jurisdictions, by id; other kinds as store_record_scan (every
 * column, by id).
 */
enum at_err store_record_scan_facts(struct store *s, enum model_kind kind,
    store_scan_fn fn, void *ctx);

/*
 * At most limit records of kind, by id, after the first offset: a page
 * of a list, read with LIMIT/OFFSET in the statement.  Prefer it to
 * stopping store_record_each early: PostgreSQL sends a whole result
 * before the first callback.  AT_EINVAL for a negative offset or limit.
 */
enum at_err store_record_page(struct store *s, enum model_kind kind,
    int64_t offset, int64_t limit, store_record_fn fn, void *ctx);

/* Canonical JSON (sorted keys, compact) of a record: what the audit log
 * stores.  Returns a string the caller frees. */
char *store_record_json(const struct model_record *r);

/*
 * Append an audit entry for a change made in the current transaction
 * (verb e.g. "insert", "import", "transition"; new_json/old_json
 * canonical JSON or NULL).  Must be inside a transaction.
 */
enum at_err store_audit_append(struct store *s, const char *verb,
    const char *kind, const char *entity_id, const char *new_json,
    const char *old_json);

/* One stored audit entry, as read back. */
struct store_audit_row {
	int64_t seq;
	const char *time, *actor, *verb, *kind, *entity_id;
	const char *new_json, *old_json; /* NULL when absent */
	const char *prev_hash, *hash;	 /* hex */
};
typedef int (*store_audit_fn)(void *ctx, const struct store_audit_row *e);

/* Entries with seq >= from_seq in order; borrowed for each call. */
enum at_err store_audit_each(struct store *s, int64_t from_seq,
    store_audit_fn fn, void *ctx);
/* Entries about one record, in order. */
enum at_err store_audit_each_entity(struct store *s, const char *kind,
    const char *id, store_audit_fn fn, void *ctx);
enum at_err store_audit_count(struct store *s, int64_t *out);
/*
 * The database's data version: the last audit seq (0 for an empty log).
 * Every committed write appends to the audit log in its transaction and
 * seqs only grow, so a change of this number is a change of the data,
 * seen by every process on the database (SQLite or PostgreSQL).  One
 * index lookup; servers check it per request to key their caches.
 */
enum at_err store_data_version(struct store *s, int64_t *out);

/*
 * Signed checkpoints of the audit log (store_audit.c).  A checkpoint
 * is written in a transaction of its own after the write it follows
 * has committed (docs/internals/audit.md says why).
 */

/* The newest checkpoint into *out; with tree not NULL, also the tree it
 * was made from, checked against its root (AT_TAMPER if it differs).
 * AT_NOTFOUND if there is none. */
enum at_err store_checkpoint_last(struct store *s,
    struct audit_checkpoint *out, struct audit_tree *tree);
/* The checkpoint of exactly size entries.  AT_NOTFOUND if none. */
enum at_err store_checkpoint_get(struct store *s, uint64_t size,
    struct audit_checkpoint *out);

/* Every checkpoint, by size; *c is borrowed for the call.  A stored
 * checkpoint that cannot be read gives AT_TAMPER. */
typedef int (*store_checkpoint_fn)(void *ctx,
    const struct audit_checkpoint *c);
enum at_err store_checkpoint_each(struct store *s, store_checkpoint_fn fn,
    void *ctx);

/*
 * If the log has grown since the newest checkpoint, hash the new entries
 * (checking each against its stored hash and the one before it), sign a
 * checkpoint of the whole log with k and store it, in one transaction.
 * *made says whether one was written; *out (may be NULL) is the newest
 * checkpoint either way.  Must be called outside a transaction.
 * Returns AT_OK, AT_NOTFOUND (the log is empty), AT_TAMPER (a stored
 * entry or the last checkpoint does not match; d says which), AT_DB.
 */
enum at_err store_checkpoint_write(struct store *s, const struct audit_key *k,
    struct audit_checkpoint *out, bool *made, struct at_diag *d);

/*
 * Feed every checkpoint and then every entry to v (see audit.h) and
 * finish it.  AT_OK with *count and root, AT_TAMPER (v says where), or
 * AT_DB.
 */
enum at_err store_audit_verify(struct store *s, struct audit_verify *v,
    uint64_t *count, uint8_t root[AUDIT_HASH_LEN]);

/*
 * Check every stored record of every model kind against the newest
 * audit entry about it: its canonical JSON must be that entry's
 * new_json, so a record written or changed outside the log is found.
 * *count is the number of records checked.  AT_OK, AT_TAMPER with d
 * naming the first record that does not match (and *bad_seq the entry
 * it was compared with, 0 if it has none), or AT_DB.
 */
enum at_err store_audit_check_records(struct store *s, int64_t *count,
    int64_t *bad_seq, struct at_diag *d);

/* The stored hashes of entries 1..n as an array the caller frees.
 * AT_TAMPER if one is missing or malformed. */
enum at_err store_audit_leaves(struct store *s, uint64_t n,
    uint8_t (**out)[AUDIT_HASH_LEN]);

/* Entry seq, to fn.  AT_NOTFOUND if there is none. */
enum at_err store_audit_get(struct store *s, int64_t seq, store_audit_fn fn,
    void *ctx);

/* Fill e (strings borrowed from row) from a stored row.  AT_TAMPER with
 * why set when a field cannot be what the program stores. */
enum at_err store_audit_row_entry(const struct store_audit_row *row,
    struct audit_entry *e, uint8_t hash[AUDIT_HASH_LEN], const char **why);

/*
 * A pool of stores on one database, for a server's worker threads
 * (store_pool.c).  store_pool_open opens the first connection (applying
 * migrations) and fails as store_open does; later ones are opened on
 * demand up to max.  store_pool_get lends a store to the calling thread,
 * waiting while all max are lent; AT_DB (d says) if a new connection
 * fails.  store_pool_put takes it back, rolling back any transaction the
 * borrower left open and resetting the actor.  Every store must be put
 * back before store_pool_close.  The pool may be shared by threads; a
 * lent store is used by its borrower only.
 */
struct store_pool;
enum at_err store_pool_open(const char *url, size_t max,
    struct store_pool **out, struct at_diag *d);
enum at_err store_pool_get(struct store_pool *p, struct store **out,
    struct at_diag *d);
void store_pool_put(struct store_pool *p, struct store *s);
void store_pool_close(struct store_pool *p);
/* Connections open now (lent and idle). */
size_t store_pool_size(struct store_pool *p);

/*
 * Copy a whole database into an empty one, across backends
 * (store_copy.c, for `attest copy`): every record of every kind, the
 * case workflow, users and API tokens, the audit log and its
 * checkpoints, verbatim, so the audit log verifies on the copy; the
 * copy adds no audit entry of its own (sessions and the evidence tables
 * are not copied).  One transaction on to.  AT_CONFLICT if to holds any
 * record or audit entry, AT_EINVAL if from has a table store_copy does
 * not know, AT_TAMPER if the source log does not chain, AT_DB
 * otherwise; d says which.  counts (may be NULL) gets what was copied.
 */
struct store_copy_counts {
	int64_t records;
	int64_t audit_entries;
	int64_t checkpoints;
	int64_t other_rows; /* users, API tokens, cases */
};
enum at_err store_copy(struct store *from, struct store *to,
    struct store_copy_counts *counts, struct at_diag *d);

#endif
