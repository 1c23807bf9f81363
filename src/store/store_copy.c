/* SPDX-License-Identifier: ISC */
/*
 * Copy a whole database into an empty one, across backends: the rows of
 * each table read with a list statement on the source and written with
 * an insert statement on the destination, as text, in one transaction
 * (in bulk mode, so PostgreSQL takes them as a stream).  Records are
 * copied without new audit entries; instead the audit log itself is
 * copied entry by entry, verbatim (its hashes cover the stored text, so
 * they verify on the copy), checking on the way that sequence numbers
 * run 1, 2, 3 and each entry names its predecessor's hash.  Checkpoints
 * follow verbatim.  Foreign keys are deferred, so tables can go in any
 * order.  Every table of the source must be one this file knows: a new
 * table makes copy refuse (and test_store_pg fail) until it is added to
 * tables[] below, copied or deliberately skipped.  Skipped: sessions
 * (people sign in again) and the evidence tables (public data, loaded
 * again with its importers).
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#include "core/parse.h"
#include "store/store_int.h"

struct copy_ctx {
	struct store *to;
	enum stmt insert;
	size_t ncols;	    /* parameters of the insert */
	int64_t rows;
	enum at_err er;
	struct at_diag *d;
	/* audit chain check */
	bool is_audit;
	int64_t last_seq;
	char last_hash[AUDIT_HEX_LEN];
};

static int
copy_row(void *arg, const struct store_row *row)
{
	struct copy_ctx *c = arg;
	struct store_param p[MODEL_FIELDS_MAX > 16 ? MODEL_FIELDS_MAX : 16];

	if (row->ncols < c->ncols || c->ncols > sizeof(p) / sizeof(p[0])) {
		c->er = at_diag_set(c->d, AT_DB, "",
		    "statement %d: %zu columns for %zu parameters",
		    (int)c->insert, row->ncols, c->ncols);
		return 1;
	}
	if (c->is_audit) {
		int64_t seq = 0;
		const char *s = row->vals[0], *prev = row->vals[8];

		if (s == NULL || parse_i64(s, strlen(s), 1, INT64_MAX,
		    &seq) != AT_OK || seq != c->last_seq + 1 ||
		    prev == NULL || row->vals[9] == NULL ||
		    (c->last_seq > 0 && strcmp(prev, c->last_hash) != 0)) {
			c->er = at_diag_set(c->d, AT_TAMPER, "",
			    "the source audit log does not chain at entry "
			    "%lld", (long long)c->last_seq + 1);
			return 1;
		}
		c->last_seq = seq;
		(void)snprintf(c->last_hash, sizeof(c->last_hash), "%s",
		    row->vals[9]);
	}
	for (size_t i = 0; i < c->ncols; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i].type = row->vals[i] == NULL ? SP_NULL : SP_TEXT;
		p[i].text = row->vals[i];
	}
	c->er = c->to->ops->exec(c->to, c->insert, p, c->ncols, NULL, NULL,
	    c->d);
	if (c->er != AT_OK)
		return 1;
	c->rows++;
	return 0;
}

/* Every row of list (with params) on from into insert on to. */
static enum at_err
copy_table(struct store *from, struct store *to, enum stmt list,
    const struct store_param *lp, size_t nlp, enum stmt insert,
    size_t ncols, bool is_audit, int64_t *rows, struct at_diag *d)
{
	struct copy_ctx c;
	enum at_err er;

	memset(&c, 0, sizeof(c));
	c.to = to;
	c.insert = insert;
	c.ncols = ncols;
	c.d = d;
	c.is_audit = is_audit;
	er = from->ops->exec(from, list, lp, nlp, copy_row, &c, d);
	if (er == AT_OK)
		er = c.er;
	*rows += c.rows;
	return er;
}

/* Tables other than the model kinds'.  list/insert STMT__MAX: not
 * copied. */
static const struct {
	const char *name;
	enum stmt list, insert;
	size_t ncols;
} tables[] = {
	{ "users", STMT_USER_LIST, STMT_USER_INSERT, 5 },
	{ "api_tokens", STMT_COPY_TOKENS_LIST, STMT_TOKEN_INSERT, 4 },
	{ "case_states", STMT_CASES_STATE_LIST, STMT_CASES_STATE_INSERT, 6 },
	{ "case_transitions", STMT_COPY_STEPS_LIST, STMT_COPY_STEPS_INSERT,
	    11 },
	{ "reviews", STMT_CASES_REVIEW_LIST_ALL, STMT_COPY_REVIEWS_INSERT,
	    13 },
	{ "documents", STMT_COPY_DOCS_LIST, STMT_COPY_DOCS_INSERT, 7 },
	{ "document_bytes", STMT_COPY_DOC_BYTES_LIST,
	    STMT_CASES_DOC_BYTES_PUT, 3 },
	{ "letters", STMT_COPY_LETTERS_LIST, STMT_COPY_LETTERS_INSERT, 7 },
	{ "certification_checks", STMT_COPY_CHECKS_LIST,
	    STMT_CASES_CHECK_INSERT, 7 },
	/* copied by store_copy itself, or not at all */
	{ "audit_log", STMT__MAX, STMT__MAX, 0 },
	{ "audit_checkpoints", STMT__MAX, STMT__MAX, 0 },
	{ "schema_migrations", STMT__MAX, STMT__MAX, 0 },
	{ "sessions", STMT__MAX, STMT__MAX, 0 },
	{ "evidence_detainers", STMT__MAX, STMT__MAX, 0 },
	{ "evidence_summary", STMT__MAX, STMT__MAX, 0 },
	{ "evidence_facilities", STMT__MAX, STMT__MAX, 0 },
	{ "evidence_national", STMT__MAX, STMT__MAX, 0 },
	{ "evidence_usas_transactions", STMT__MAX, STMT__MAX, 0 },
	{ "evidence_usas_awards", STMT__MAX, STMT__MAX, 0 },
};

struct known_ctx {
	char unknown[128]; /* the first table copy does not know */
};

static int
table_row(void *ctx, const struct store_row *row)
{
	struct known_ctx *k = ctx;
	const char *name = row->ncols > 0 ? row->vals[0] : NULL;

	if (name == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (strcmp(tables[i].name, name) == 0)
			return 0;
	for (int k2 = 0; k2 < KIND__MAX; k2++)
		if (strcmp(model_kind_desc((enum model_kind)k2)->name,
		    name) == 0)
			return 0;
	(void)snprintf(k->unknown, sizeof(k->unknown), "%s", name);
	return 1;
}

enum at_err
store_copy_tables_known(struct store *s, struct at_diag *d)
{
	struct known_ctx k;
	enum at_err er;

	memset(&k, 0, sizeof(k));
	er = s->ops->exec(s, STMT_COPY_TABLES, NULL, 0, table_row, &k, d);
	if (er != AT_OK)
		return er;
	if (k.unknown[0] != '\0')
		return at_diag_set(d, AT_EINVAL, "from",
		    "table %s is not known to attest copy "
		    "(src/store/store_copy.c)", k.unknown);
	return AT_OK;
}

static int
any_row(void *ctx, const struct store_row *row)
{
	(void)row;
	*(bool *)ctx = true;
	return 1;
}

static enum at_err
is_empty(struct store *s, bool *empty)
{
	int64_t n = 0;
	bool any = false;
	enum at_err er;

	*empty = false;
	er = store_audit_count(s, &n);
	if (er != AT_OK || n != 0)
		return er;
	for (int k = 0; k < KIND__MAX; k++) {
		er = store_record_count(s, (enum model_kind)k, &n);
		if (er != AT_OK || n != 0)
			return er;
	}
	er = s->ops->exec(s, STMT_USER_LIST, NULL, 0, any_row, &any, NULL);
	if (er != AT_OK || any)
		return er;
	*empty = true;
	return AT_OK;
}

enum at_err
store_copy(struct store *from, struct store *to,
    struct store_copy_counts *counts, struct at_diag *d)
{
	struct store_copy_counts n;
	struct store_param from1 = { SP_INT, NULL, 1 };
	bool empty = false;
	enum at_err er;

	memset(&n, 0, sizeof(n));
	er = store_copy_tables_known(from, d);
	if (er != AT_OK)
		return er;
	er = is_empty(to, &empty);
	if (er != AT_OK)
		return at_diag_set(d, er, "to", "cannot read the destination");
	if (!empty)
		return at_diag_set(d, AT_CONFLICT, "to",
		    "the destination is not empty");
	er = store_begin(to);
	if (er != AT_OK)
		return at_diag_set(d, er, "to",
		    "cannot start a transaction on the destination");
	/* All or nothing anyway: let PostgreSQL take the rows in a stream. */
	store_set_bulk(to, true);
	for (int k = 0; k < KIND__MAX && er == AT_OK; k++) {
		const struct model_kind_desc *kd =
		    model_kind_desc((enum model_kind)k);

		er = copy_table(from, to,
		    store_kind_stmt((enum model_kind)k, STORE_OP_LIST), NULL,
		    0, store_kind_stmt((enum model_kind)k, STORE_OP_INSERT),
		    kd->nfields, false, &n.records, d);
	}
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]) &&
	    er == AT_OK; i++)
		if (tables[i].list != STMT__MAX)
			er = copy_table(from, to, tables[i].list, NULL, 0,
			    tables[i].insert, tables[i].ncols, false,
			    &n.other_rows, d);
	if (er == AT_OK)
		er = to->ops->exec(to, STMT_COPY_IDS_RESET, NULL, 0, NULL,
		    NULL, d);
	if (er == AT_OK)
		er = copy_table(from, to, STMT_AUDIT_LIST, &from1, 1,
		    STMT_AUDIT_INSERT, 10, true, &n.audit_entries, d);
	if (er == AT_OK)
		er = copy_table(from, to, STMT_CHECKPOINT_LIST, NULL, 0,
		    STMT_CHECKPOINT_INSERT, 6, false, &n.checkpoints, d);
	if (er == AT_OK) {
		er = store_commit(to);
		if (er != AT_OK && d != NULL && d->msg[0] == '\0')
			at_diag_set(d, er, "to", "the copy did not commit");
	} else
		store_rollback(to);
	store_set_bulk(to, false);
	if (er == AT_OK && counts != NULL)
		*counts = n;
	return er;
}
