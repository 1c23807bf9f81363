/* SPDX-License-Identifier: ISC */
/*
 * Copy a whole database into an empty one, across backends: the rows of
 * each table read with its list statement on the source and written with
 * its insert statement on the destination, as text, in one transaction.
 * Records are copied without new audit entries; instead the audit log
 * itself is copied entry by entry, verbatim (its hashes cover the
 * stored text, so they verify on the copy), checking on the way that
 * sequence numbers run 1, 2, 3 and each entry names its predecessor's
 * hash.  Checkpoints follow verbatim.  Foreign keys are deferred, so
 * kinds can go in any order.  Not copied (yet): sessions and API
 * tokens (secrets of a running server; users sign in again) and the
 * tables that have no list-everything statement: the case workflow's
 * and the evidence tables.  `attest copy --help` says so.
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
			    "%lld", (long long)(c->last_seq + 1));
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
	/* users: name, role, jurisdiction, pwhash, created */
	if (er == AT_OK)
		er = copy_table(from, to, STMT_USER_LIST, NULL, 0,
		    STMT_USER_INSERT, 5, false, &n.other_rows, d);
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
