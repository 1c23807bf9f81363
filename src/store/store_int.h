/* SPDX-License-Identifier: ISC */
/*
 * Private to the store: the statement enum shared by every backend, and
 * the small ops table a backend implements.  Record, audit and migration
 * logic lives once in store.c and migrate.c; a backend only runs its own
 * SQL text for a statement number with bound parameters.
 */
#ifndef AT_STORE_STORE_INT_H
#define AT_STORE_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "model/model.h"
#include "audit/audit.h"

/*
 * Every SQL statement attest runs.  Per entity kind there are
 * STORE_KIND_OPS statements in a fixed order (see store_kind_stmt), so
 * the table is indexed by kind arithmetic as well as by name.
 */
enum stmt {
	STMT_JURISDICTIONS_INSERT,
	STMT_JURISDICTIONS_GET,
	STMT_JURISDICTIONS_LIST,
	STMT_JURISDICTIONS_LIST_ASOF,
	STMT_JURISDICTIONS_COUNT,
	STMT_JURISDICTIONS_EXISTS,
	STMT_AGENCIES_INSERT,
	STMT_AGENCIES_GET,
	STMT_AGENCIES_LIST,
	STMT_AGENCIES_LIST_ASOF,
	STMT_AGENCIES_COUNT,
	STMT_AGENCIES_EXISTS,
	STMT_PROGRAMS_INSERT,
	STMT_PROGRAMS_GET,
	STMT_PROGRAMS_LIST,
	STMT_PROGRAMS_LIST_ASOF,
	STMT_PROGRAMS_COUNT,
	STMT_PROGRAMS_EXISTS,
	STMT_AWARDS_INSERT,
	STMT_AWARDS_GET,
	STMT_AWARDS_LIST,
	STMT_AWARDS_LIST_ASOF,
	STMT_AWARDS_COUNT,
	STMT_AWARDS_EXISTS,
	STMT_REQUIREMENTS_INSERT,
	STMT_REQUIREMENTS_GET,
	STMT_REQUIREMENTS_LIST,
	STMT_REQUIREMENTS_LIST_ASOF,
	STMT_REQUIREMENTS_COUNT,
	STMT_REQUIREMENTS_EXISTS,
	STMT_CONDITIONS_INSERT,
	STMT_CONDITIONS_GET,
	STMT_CONDITIONS_LIST,
	STMT_CONDITIONS_LIST_ASOF,
	STMT_CONDITIONS_COUNT,
	STMT_CONDITIONS_EXISTS,
	STMT_POLICIES_INSERT,
	STMT_POLICIES_GET,
	STMT_POLICIES_LIST,
	STMT_POLICIES_LIST_ASOF,
	STMT_POLICIES_COUNT,
	STMT_POLICIES_EXISTS,
	STMT_PROVISIONS_INSERT,
	STMT_PROVISIONS_GET,
	STMT_PROVISIONS_LIST,
	STMT_PROVISIONS_LIST_ASOF,
	STMT_PROVISIONS_COUNT,
	STMT_PROVISIONS_EXISTS,
	STMT_RULINGS_INSERT,
	STMT_RULINGS_GET,
	STMT_RULINGS_LIST,
	STMT_RULINGS_LIST_ASOF,
	STMT_RULINGS_COUNT,
	STMT_RULINGS_EXISTS,
	STMT_DIRECTIVES_INSERT,
	STMT_DIRECTIVES_GET,
	STMT_DIRECTIVES_LIST,
	STMT_DIRECTIVES_LIST_ASOF,
	STMT_DIRECTIVES_COUNT,
	STMT_DIRECTIVES_EXISTS,
	STMT_DESIGNATIONS_INSERT,
	STMT_DESIGNATIONS_GET,
	STMT_DESIGNATIONS_LIST,
	STMT_DESIGNATIONS_LIST_ASOF,
	STMT_DESIGNATIONS_COUNT,
	STMT_DESIGNATIONS_EXISTS,
	STMT_NOTICES_INSERT,
	STMT_NOTICES_GET,
	STMT_NOTICES_LIST,
	STMT_NOTICES_LIST_ASOF,
	STMT_NOTICES_COUNT,
	STMT_NOTICES_EXISTS,
	STMT_CERTIFICATIONS_INSERT,
	STMT_CERTIFICATIONS_GET,
	STMT_CERTIFICATIONS_LIST,
	STMT_CERTIFICATIONS_LIST_ASOF,
	STMT_CERTIFICATIONS_COUNT,
	STMT_CERTIFICATIONS_EXISTS,
	STMT_EVENTS_INSERT,
	STMT_EVENTS_GET,
	STMT_EVENTS_LIST,
	STMT_EVENTS_LIST_ASOF,
	STMT_EVENTS_COUNT,
	STMT_EVENTS_EXISTS,
	STMT_ACTIONS_INSERT,
	STMT_ACTIONS_GET,
	STMT_ACTIONS_LIST,
	STMT_ACTIONS_LIST_ASOF,
	STMT_ACTIONS_COUNT,
	STMT_ACTIONS_EXISTS,
	STMT_BEGIN,	       /* start a write transaction */
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_AUDIT_LOCK,       /* serialise audit appends across writers */
	STMT_AUDIT_LAST,       /* seq, hash of the newest entry */
	STMT_AUDIT_INSERT,
	STMT_AUDIT_GET,	       /* one entry by seq */
	STMT_AUDIT_LIST,       /* entries with seq >= ?1, in order */
	STMT_AUDIT_LIST_ENTITY, /* entries for kind ?1, id ?2 */
	STMT_AUDIT_COUNT,
	STMT_MIGRATION_LIST,   /* applied migration versions */
	STMT_MIGRATION_INSERT,
	STMT_CHECKPOINT_INSERT,	/* a signed checkpoint (store_audit.c) */
	STMT_CHECKPOINT_LAST,	/* the newest checkpoint */
	STMT_CHECKPOINT_LIST,	/* every checkpoint, by size */
	STMT_CHECKPOINT_GET,	/* the checkpoint of size ?1 */
	STMT_AUDIT_HASHES,	/* seq, hash of entries 1..?1 */
	STMT_USER_INSERT,	/* users (store_users.c) */
	STMT_USER_GET,
	STMT_USER_LIST,
	STMT_USER_SET_PWHASH,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,	/* the user of an unexpired session */
	STMT_SESSION_DELETE,
	STMT_SESSION_PURGE,	/* expired sessions */
	STMT_TOKEN_INSERT,
	STMT_TOKEN_GET,		/* the user of an API token */
	STMT_CASES_STATE_INSERT,	/* case_states (store_cases.c) */
	STMT_CASES_STATE_UPDATE,
	STMT_CASES_STATE_GET,
	STMT_CASES_STATE_LIST,		/* every case, by due date */
	STMT_CASES_STEP_INSERT,		/* case_transitions */
	STMT_CASES_STEP_LIST,		/* steps of notice ?1, in order */
	STMT_CASES_REVIEW_INSERT,
	STMT_CASES_REVIEW_GET,
	STMT_CASES_REVIEW_DECIDE,	/* only while status is proposed */
	STMT_CASES_REVIEW_LIST,		/* reviews of certification ?1 */
	STMT_CASES_REVIEW_LIST_ALL,
	STMT_CASES_DOC_INSERT,
	STMT_CASES_DOC_LIST,		/* documents of certification ?1 */
	STMT_CASES_LETTER_INSERT,
	STMT_CASES_LETTER_LIST,		/* letters of notice ?1 */
	STMT_CASES_CHECK_INSERT,	/* certification_checks */
	STMT_CASES_CHECK_GET,
	STMT_EV_DETAINER_INSERT,	/* evidence (store_evidence.c) */
	STMT_EV_DETAINER_INSERT_BATCH,	/* STORE_EV_BATCH rows at once */
	STMT_EV_SUMMARY_ADD,		/* add counts to a summary row */
	STMT_EV_SUMMARY_SET,		/* set the non-NULL counts */
	STMT_EV_SUMMARY_JURISDICTION,	/* summary rows of jurisdiction ?1 */
	STMT_EV_FACILITY_PUT,
	STMT_EV_FACILITY_GET,
	STMT_EV_FACILITY_LIST,		/* facilities of jurisdiction ?1 */
	STMT_EV_NATIONAL_PUT,
	STMT_EV_NATIONAL_LIST,
	STMT_EV_USAS_TXN_INSERT,
	STMT_EV_USAS_AWARD_ADD,		/* fold a transaction into its award */
	STMT_EV_USAS_AWARD_LIST,	/* awards of jurisdiction ?1 */
	STMT_EV_COUNT_DETAINERS,
	STMT_EV_COUNT_SUMMARY,
	STMT_EV_COUNT_FACILITIES,
	STMT_EV_COUNT_NATIONAL,
	STMT_EV_COUNT_USAS_TXN,
	STMT_EV_COUNT_USAS_AWARDS,
	STMT_EV_CACHE_BULK,		/* page cache for a bulk load */
	STMT_EV_CACHE_DEFAULT,		/* back to store_sqlite.c's size */
	STMT_EV_SUMMARY_CLEAR,		/* rows of source ?1 */
	STMT_EV_SUMMARY_ADD_BATCH,	/* STORE_EV_BATCH summary rows */
	STMT_COPY_TABLES,		/* every table, by name (store_copy.c) */
	STMT_COPY_STEPS_LIST,		/* whole rows, ids included, for */
	STMT_COPY_STEPS_INSERT,		/* attest copy */
	STMT_COPY_REVIEWS_INSERT,
	STMT_COPY_DOCS_LIST,
	STMT_COPY_DOCS_INSERT,
	STMT_COPY_LETTERS_LIST,
	STMT_COPY_LETTERS_INSERT,
	STMT_COPY_CHECKS_LIST,
	STMT_COPY_TOKENS_LIST,
	STMT_COPY_IDS_RESET,		/* identity counters past copied ids */
	STMT_EV_DETAINER_LAST,		/* highest rowid (SQLite) */
	STMT_EV_DETAINER_INDEX_DROP,	/* load first, index after */
	STMT_EV_DETAINER_INDEX_CREATE,
	STMT_EV_PLACE_INDEX_DROP,	/* the records by place and day */
	STMT_EV_PLACE_INDEX_CREATE,
	STMT_EV_DETAINER_DUP,		/* a duplicate id and its rowid */
	STMT_EV_DETAINER_EXISTS,	/* detainer_id ?1 is stored */
	STMT_EV_USAS_TXN_EXISTS,	/* transaction_key ?1 is stored */
	STMT_EV_CACHE_SORT,		/* cache (and sorter memory) for an
					 * index build */
	STMT_EV_SORT_THREADS,		/* helper threads for that sort */
	/* ?1 records after the first ?2, by id (store_record_page); one per
	 * kind, in the order of enum model_kind. */
	STMT_JURISDICTIONS_PAGE,
	STMT_AGENCIES_PAGE,
	STMT_PROGRAMS_PAGE,
	STMT_AWARDS_PAGE,
	STMT_REQUIREMENTS_PAGE,
	STMT_CONDITIONS_PAGE,
	STMT_POLICIES_PAGE,
	STMT_PROVISIONS_PAGE,
	STMT_RULINGS_PAGE,
	STMT_DIRECTIVES_PAGE,
	STMT_DESIGNATIONS_PAGE,
	STMT_NOTICES_PAGE,
	STMT_CERTIFICATIONS_PAGE,
	STMT_EVENTS_PAGE,
	STMT_ACTIONS_PAGE,
	STMT_AUDIT_HEAD,
	STMT_CASES_DOC_BYTES_PUT,	/* a document's bytes, once per sha256 */
	STMT_CASES_DOC_BYTES_GET,	/* size, base64 of sha256 ?1 */
	STMT_COPY_DOC_BYTES_LIST,	/* every kept document, for copy */
	STMT_EV_DETAINER_COPY,		/* COPY FROM STDIN (PostgreSQL only) */
	STMT_EV_SUMMARY_STAGE,		/* summary counts by COPY (PostgreSQL only) */
	STMT_EV_SUMMARY_COPY,
	STMT_EV_SUMMARY_MERGE,
	STMT_EV_SUMMARY_UNSTAGE,
	STMT_EV_DETAINER_COUNT_UPTO,	/* rows, counted up to ?1 (PostgreSQL) */
	STMT_EV_INDEX_SAVEPOINT,	/* before the unique index's build and */
	STMT_EV_INDEX_UNDO,		/* back to it (PostgreSQL only) */
	STMT_EV_SUMMARY_HAS_SOURCE,	/* a summary row of source ?1 exists */
	STMT_EV_SUMMARY_COPY_DIRECT,	/* COPY into evidence_summary itself */
	STMT_EV_SUMMARY_MERGE_MEM,	/* memory for the MERGE's join */
	STMT_FACTS_JURISDICTIONS, /* the columns rule evaluation reads, */
	STMT_FACTS_AGENCIES,	  /* in table order (jurisdictions by */
	STMT_FACTS_POLICIES,	  /* id); see store_record_scan_facts */
	STMT_FACTS_PROVISIONS,
	STMT_FACTS_AWARDS,
	STMT_SESSION_TOUCH,	/* a session's new expiry (idle timeout) */
	STMT_SESSION_END_USER,	/* every session of one user */
	STMT_EV_DETAINER_PAGE,	/* records of a county by day, keyset
				 * paged (store_detainers.c) */
	STMT_EV_DETAINER_PAGE_BACK, /* the same, the page before a cursor */
	STMT__MAX
};

enum store_kind_op {
	STORE_OP_INSERT,
	STORE_OP_GET,
	STORE_OP_LIST,
	STORE_OP_LIST_ASOF,
	STORE_OP_COUNT,
	STORE_OP_EXISTS,
	STORE_OP__MAX
};
#define STORE_KIND_OPS STORE_OP__MAX

static inline enum stmt
store_kind_stmt(enum model_kind kind, enum store_kind_op op)
{
	return (enum stmt)((int)kind * STORE_KIND_OPS + (int)op);
}

/* A bound parameter: NULL, text (borrowed) or integer. */
enum store_param_type { SP_NULL, SP_TEXT, SP_INT };
struct store_param {
	enum store_param_type type;
	const char *text; /* borrowed, for SP_TEXT */
	int64_t num;	  /* for SP_INT */
};

/* One result row; values are text (NULL for SQL NULL), valid only for
 * the duration of the callback. */
struct store_row {
	size_t ncols;
	const char *const *vals;
};

/* Called per row; return 0 to go on, anything else to stop early. */
typedef int (*store_row_fn)(void *ctx, const struct store_row *row);

struct store;
struct store_migration;

struct store_ops {
	const char *name; /* "sqlite", "postgresql" */
	/* Run statement st with params; rows go to fn (may be NULL).
	 * AT_CONFLICT on a unique violation, AT_DB otherwise (d says). */
	enum at_err (*exec)(struct store *s, enum stmt st,
	    const struct store_param *params, size_t nparams, store_row_fn fn,
	    void *ctx, struct at_diag *d);
	/* Run a migration script (several statements) inside the current
	 * transaction. */
	enum at_err (*exec_script)(struct store *s, const char *sql,
	    struct at_diag *d);
	void (*close)(struct store *s);
};

struct store {
	const struct store_ops *ops;
	void *impl;	    /* backend state, owned by the backend */
	int tx_depth;	    /* 0 or 1: nested begins are refused */
	bool audit_cached;  /* last_seq/last_hash valid within this tx */
	int64_t last_seq;
	uint8_t last_hash[AUDIT_HASH_LEN];
	char actor[128];    /* who the writes are recorded as */
	const struct store_migration *migrations; /* set by the backend */
	bool bulk;	    /* store_set_bulk: writes may report late */
	bool readonly;	    /* opened for reading only: store_begin refuses */
	bool ev_direct;	    /* summary counts go straight into their table
			     * (store_ev_summary_bulk_begin) */
	char why[512];	    /* why the last begin or commit failed (store_why) */
};

/* Backends. */
enum at_err store_sqlite_open(const char *path, struct store *s,
    struct at_diag *d);
const char *const *store_sqlite_sql(void);
/* PostgreSQL (store_pg.c): a postgres:// or postgresql:// URL or a libpq
 * "keyword=value" connection string. */
bool store_pg_is_conninfo(const char *url);
enum at_err store_pg_open(const char *url, struct store *s,
    struct at_diag *d);
const char *const *store_pg_sql(void);
/* COPY statement which FROM STDIN inside the current transaction: begin,
 * send its data (text format) in pieces, end.  store_pg_copy_end with
 * abandon true ends it with an error (and returns AT_DB); otherwise
 * AT_CONFLICT on a unique violation, with *row the COPY's row (1-based)
 * that failed when the server says. */
enum at_err store_pg_copy_begin(struct store *s, enum stmt which,
    struct at_diag *d);
enum at_err store_pg_copy_send(struct store *s, const char *data, size_t len,
    struct at_diag *d);
enum at_err store_pg_copy_end(struct store *s, bool abandon, int64_t *row,
    struct at_diag *d);

/* Migrations for a backend: NULL-terminated arrays, built from
 * src/store/sql/<backend>/NNNN_slug.sql at build time. */
struct store_migration {
	int version;
	const char *name;
	const char *sql;
};
extern const struct store_migration store_migrations_sqlite[];
extern const struct store_migration store_migrations_pg[];

enum at_err store_migrate(struct store *s,
    const struct store_migration *migs, struct at_diag *d);

/* AT_OK if store_copy knows every table of s (store_copy.c), else
 * AT_EINVAL naming the first it does not. */
enum at_err store_copy_tables_known(struct store *s, struct at_diag *d);

/* pq_load.c: open libpq (once); false with *why when it cannot be
 * used.  store_pg.c calls it before any other libpq function. */
bool store_pq_load(const char **why);

#endif
