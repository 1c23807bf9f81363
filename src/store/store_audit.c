/* SPDX-License-Identifier: ISC */
/*
 * The audit log's checkpoints and verification over the store: reading
 * and writing audit_checkpoints rows, driving the pure verifier of
 * audit/ over every stored checkpoint and entry, and reading the leaf
 * hashes proofs are made from.  Hashing, signing and proof logic stay
 * in audit/; this file only moves rows.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "audit/audit.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store_int.h"

enum at_err
store_audit_row_entry(const struct store_audit_row *row, struct audit_entry *e,
    uint8_t hash[AUDIT_HASH_LEN], const char **why)
{
	memset(e, 0, sizeof(*e));
	e->seq = row->seq;
	if (row->time == NULL || row->actor == NULL || row->verb == NULL ||
	    row->kind == NULL || row->entity_id == NULL) {
		*why = "a required field is empty";
		return AT_TAMPER;
	}
	if (strlen(row->time) >= AUDIT_TIME_LEN) {
		*why = "its time is not a timestamp";
		return AT_TAMPER;
	}
	memcpy(e->time, row->time, strlen(row->time) + 1);
	e->actor = row->actor;
	e->verb = row->verb;
	e->kind = row->kind;
	e->entity_id = row->entity_id;
	e->new_json = row->new_json;
	e->old_json = row->old_json;
	if (audit_unhex(row->prev_hash, e->prev) != AT_OK) {
		*why = "its previous-entry hash is not a hash";
		return AT_TAMPER;
	}
	if (audit_unhex(row->hash, hash) != AT_OK) {
		*why = "its hash is not a hash";
		return AT_TAMPER;
	}
	return AT_OK;
}

/* A checkpoint row: tree_size, root_hash, time, key_id, signature,
 * frontier. */
struct cp_row {
	struct audit_checkpoint cp;
	char *frontier; /* owned, when wanted */
	bool want_frontier;
	bool found, bad;
	store_checkpoint_fn fn;
	void *ctx;
	int rc;
};

static bool
row_checkpoint(const struct store_row *row, struct audit_checkpoint *c)
{
	const char *const *v = row->vals;
	int64_t size;
	size_t bin = 0;
	const char *end = NULL;

	memset(c, 0, sizeof(*c));
	if (row->ncols < 6 || v[0] == NULL || v[1] == NULL || v[2] == NULL ||
	    v[3] == NULL || v[4] == NULL)
		return false;
	if (parse_i64(v[0], strlen(v[0]), 0, INT64_MAX, &size) != AT_OK)
		return false;
	c->size = (uint64_t)size;
	if (audit_unhex(v[1], c->root) != AT_OK ||
	    strlen(v[2]) >= AUDIT_TIME_LEN)
		return false;
	memcpy(c->time, v[2], strlen(v[2]) + 1);
	if (strlen(v[3]) != 2 * AUDIT_KEYID_LEN ||
	    sodium_hex2bin(c->key_id, AUDIT_KEYID_LEN, v[3], strlen(v[3]), NULL,
	        &bin, &end) != 0 ||
	    bin != AUDIT_KEYID_LEN || *end != '\0')
		return false;
	if (strlen(v[4]) != 2 * AUDIT_SIG_LEN ||
	    sodium_hex2bin(c->sig, AUDIT_SIG_LEN, v[4], strlen(v[4]), NULL,
	        &bin, &end) != 0 ||
	    bin != AUDIT_SIG_LEN || *end != '\0')
		return false;
	return true;
}

static int
cp_one(void *ctx, const struct store_row *row)
{
	struct cp_row *r = ctx;

	r->found = true;
	if (!row_checkpoint(row, &r->cp)) {
		r->bad = true;
		return 1;
	}
	if (r->want_frontier)
		r->frontier = xstrdup(row->vals[5] != NULL ? row->vals[5] : "");
	return 1;
}

enum at_err
store_checkpoint_last(
    struct store *s, struct audit_checkpoint *out, struct audit_tree *tree)
{
	struct cp_row r;
	uint8_t root[AUDIT_HASH_LEN];
	enum at_err er;

	memset(&r, 0, sizeof(r));
	r.want_frontier = tree != NULL;
	er = s->ops->exec(s, STMT_CHECKPOINT_LAST, NULL, 0, cp_one, &r, NULL);
	if (er == AT_OK && !r.found)
		er = AT_NOTFOUND;
	if (er == AT_OK && r.bad)
		er = AT_TAMPER;
	if (er == AT_OK && tree != NULL) {
		if (audit_tree_load(tree, r.cp.size, r.frontier) != AT_OK)
			er = AT_TAMPER;
		else {
			audit_tree_root(tree, root);
			if (sodium_memcmp(root, r.cp.root, AUDIT_HASH_LEN) != 0)
				er = AT_TAMPER;
		}
	}
	if (er == AT_OK)
		*out = r.cp;
	free(r.frontier);
	return er;
}

enum at_err
store_checkpoint_get(
    struct store *s, uint64_t size, struct audit_checkpoint *out)
{
	struct cp_row r;
	struct store_param p = { SP_INT, NULL, (int64_t)size };
	enum at_err er;

	memset(&r, 0, sizeof(r));
	er = s->ops->exec(s, STMT_CHECKPOINT_GET, &p, 1, cp_one, &r, NULL);
	if (er == AT_OK && !r.found)
		er = AT_NOTFOUND;
	if (er == AT_OK && r.bad)
		er = AT_TAMPER;
	if (er == AT_OK)
		*out = r.cp;
	return er;
}

static int
cp_each(void *ctx, const struct store_row *row)
{
	struct cp_row *r = ctx;

	if (!row_checkpoint(row, &r->cp)) {
		r->bad = true;
		return 1;
	}
	r->rc = r->fn(r->ctx, &r->cp);
	return r->rc;
}

enum at_err
store_checkpoint_each(struct store *s, store_checkpoint_fn fn, void *ctx)
{
	struct cp_row r;
	enum at_err er;

	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.ctx = ctx;
	er = s->ops->exec(s, STMT_CHECKPOINT_LIST, NULL, 0, cp_each, &r, NULL);
	if (er == AT_OK && r.bad)
		er = AT_TAMPER;
	return er;
}

/* Extending the tree past the last checkpoint. */
struct grow_ctx {
	struct audit_tree *tree;
	uint8_t prev[AUDIT_HASH_LEN];
	uint64_t from; /* the last covered entry (0: none) */
	struct at_diag *d;
	enum at_err er;
};

static int
grow_row(void *ctx, const struct store_audit_row *row)
{
	struct grow_ctx *g = ctx;
	struct audit_entry e;
	uint8_t stored[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN];
	const char *why = NULL;

	if (store_audit_row_entry(row, &e, stored, &why) != AT_OK) {
		g->er = at_diag_set(g->d, AT_TAMPER, "audit", "entry %lld: %s",
		    (long long)row->seq, why);
		return 1;
	}
	if (audit_entry_hash(&e, h) != AT_OK ||
	    sodium_memcmp(h, stored, AUDIT_HASH_LEN) != 0) {
		g->er = at_diag_set(g->d, AT_TAMPER, "audit",
		    "entry %lld does not match its hash", (long long)e.seq);
		return 1;
	}
	if ((uint64_t)e.seq == g->from && g->from != 0) {
		/* The last entry already covered: only its hash is needed. */
		memcpy(g->prev, h, AUDIT_HASH_LEN);
		return 0;
	}
	if ((uint64_t)e.seq != g->tree->size + 1 ||
	    sodium_memcmp(e.prev, g->prev, AUDIT_HASH_LEN) != 0) {
		g->er = at_diag_set(g->d, AT_TAMPER, "audit",
		    "entry %lld does not follow entry %llu", (long long)e.seq,
		    (unsigned long long)g->tree->size);
		return 1;
	}
	audit_tree_append(g->tree, h);
	memcpy(g->prev, h, AUDIT_HASH_LEN);
	return 0;
}

enum at_err
store_checkpoint_write(struct store *s, const struct audit_key *k,
    struct audit_checkpoint *out, bool *made, struct at_diag *d)
{
	struct audit_tree *tree = NULL;
	struct audit_checkpoint last, cp;
	struct grow_ctx g;
	struct buf frontier;
	char root[AUDIT_HEX_LEN], keyid[2 * AUDIT_KEYID_LEN + 1];
	char sig[AUDIT_SIGHEX_LEN];
	struct store_param p[6];
	uint8_t pk[AUDIT_PK_LEN];
	bool have_last = true;
	enum at_err er;

	*made = false;
	buf_init(&frontier, 1 << 16);
	tree = xmalloc(sizeof(*tree));
	audit_tree_init(tree);
	er = store_begin(s);
	/* One signer at a time, and none while entries are appended
	 * (SQLite's BEGIN IMMEDIATE does this already). */
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_AUDIT_LOCK, NULL, 0, NULL, NULL, d);
	if (er != AT_OK)
		goto out;
	er = store_checkpoint_last(s, &last, tree);
	if (er == AT_NOTFOUND) {
		have_last = false;
		audit_tree_init(tree);
		er = AT_OK;
	} else if (er == AT_TAMPER) {
		er = at_diag_set(d, AT_TAMPER, "audit",
		    "the newest checkpoint "
		    "does not match the tree stored with it");
		goto out;
	}
	if (er != AT_OK)
		goto out;
	if (have_last) {
		audit_key_public(k, pk);
		if (audit_checkpoint_verify(&last, pk) != AT_OK) {
			er = at_diag_set(d, AT_TAMPER, "audit",
			    "the newest checkpoint is not signed by this key");
			goto out;
		}
	}
	memset(&g, 0, sizeof(g));
	g.tree = tree;
	g.from = have_last ? last.size : 0;
	g.d = d;
	g.er = AT_OK;
	er =
	    store_audit_each(s, g.from > 0 ? (int64_t)g.from : 1, grow_row, &g);
	if (er == AT_OK)
		er = g.er;
	if (er != AT_OK)
		goto out;
	if (tree->size == 0) {
		er = AT_NOTFOUND;
		goto out;
	}
	if (have_last && tree->size == last.size) {
		if (out != NULL)
			*out = last;
		goto out;
	}
	memset(&cp, 0, sizeof(cp));
	cp.size = tree->size;
	audit_tree_root(tree, cp.root);
	audit_now(cp.time);
	er = audit_checkpoint_sign(&cp, k);
	if (er == AT_OK)
		er = audit_tree_save(tree, &frontier);
	if (er != AT_OK)
		goto out;
	audit_hex(cp.root, root);
	sodium_bin2hex(keyid, sizeof(keyid), cp.key_id, AUDIT_KEYID_LEN);
	sodium_bin2hex(sig, sizeof(sig), cp.sig, AUDIT_SIG_LEN);
	p[0] = (struct store_param){ SP_INT, NULL, (int64_t)cp.size };
	p[1] = (struct store_param){ SP_TEXT, root, 0 };
	p[2] = (struct store_param){ SP_TEXT, cp.time, 0 };
	p[3] = (struct store_param){ SP_TEXT, keyid, 0 };
	p[4] = (struct store_param){ SP_TEXT, sig, 0 };
	p[5] = (struct store_param){ SP_TEXT, buf_str(&frontier), 0 };
	er = s->ops->exec(s, STMT_CHECKPOINT_INSERT, p, 6, NULL, NULL, d);
	if (er == AT_OK)
		er = store_commit(s);
	if (er == AT_OK) {
		*made = true;
		if (out != NULL)
			*out = cp;
	}
out:
	store_rollback(s);
	buf_fini(&frontier);
	free(tree);
	return er;
}

struct vctx {
	struct audit_verify *v;
	struct audit_pipe *pipe; /* entries go through it */
};

static int
verify_cp(void *ctx, const struct audit_checkpoint *c)
{
	struct vctx *x = ctx;

	return audit_verify_checkpoint(x->v, c) != AT_OK;
}

static int
verify_row(void *ctx, const struct store_audit_row *row)
{
	struct vctx *x = ctx;
	struct audit_entry e;
	uint8_t h[AUDIT_HASH_LEN];
	const char *why = NULL;
	char msg[256];
	int rc;

	if (store_audit_row_entry(row, &e, h, &why) != AT_OK) {
		rc = snprintf(msg, sizeof(msg), "entry %lld cannot be read: %s",
		    (long long)row->seq, why);
		if (rc < 0)
			msg[0] = '\0';
		(void)audit_pipe_fail(x->pipe, row->seq, msg);
		return 1;
	}
	return audit_pipe_entry(x->pipe, &e, h) != AT_OK;
}

enum at_err
store_audit_verify(struct store *s, struct audit_verify *v, uint64_t *count,
    uint8_t root[AUDIT_HASH_LEN])
{
	struct vctx x = { v, NULL };
	enum at_err er, per;

	er = store_checkpoint_each(s, verify_cp, &x);
	if (er == AT_TAMPER)
		return audit_verify_fail(
		    v, 0, "a stored checkpoint cannot be read");
	if (er != AT_OK)
		return er;
	/* Reading the rows overlaps with hashing them (audit_pipe). */
	x.pipe = audit_pipe_new(v);
	er = store_audit_each(s, 1, verify_row, &x);
	per = audit_pipe_finish(x.pipe);
	if (er != AT_OK)
		return er;
	if (per != AT_OK)
		return per;
	return audit_verify_finish(v, count, root);
}

struct leaves_ctx {
	uint8_t (*h)[AUDIT_HASH_LEN];
	uint64_t n, got;
	bool bad;
};

static int
leaf_row(void *ctx, const struct store_row *row)
{
	struct leaves_ctx *l = ctx;
	int64_t seq;

	if (row->ncols < 2 || row->vals[0] == NULL ||
	    parse_i64(row->vals[0], strlen(row->vals[0]), 1, INT64_MAX, &seq) !=
	        AT_OK ||
	    (uint64_t)seq != l->got + 1 || l->got >= l->n ||
	    audit_unhex(row->vals[1], l->h[l->got]) != AT_OK) {
		l->bad = true;
		return 1;
	}
	l->got++;
	return 0;
}

enum at_err
store_audit_leaves(struct store *s, uint64_t n, uint8_t (**out)[AUDIT_HASH_LEN])
{
	struct leaves_ctx l;
	struct store_param p = { SP_INT, NULL, (int64_t)n };
	enum at_err er;

	memset(&l, 0, sizeof(l));
	l.n = n;
	l.h = xreallocarray(NULL, n > 0 ? n : 1, AUDIT_HASH_LEN);
	er = s->ops->exec(s, STMT_AUDIT_HASHES, &p, 1, leaf_row, &l, NULL);
	if (er == AT_OK && (l.bad || l.got != n))
		er = AT_TAMPER;
	if (er != AT_OK) {
		free(l.h);
		return er;
	}
	*out = l.h;
	return AT_OK;
}

struct get1_ctx {
	store_audit_fn fn;
	void *ctx;
	int64_t seq;
	bool found;
};

static int
get1_row(void *ctx, const struct store_audit_row *e)
{
	struct get1_ctx *g = ctx;

	if (e->seq == g->seq) {
		g->found = true;
		(void)g->fn(g->ctx, e);
	}
	return 1;
}

enum at_err
store_audit_get(struct store *s, int64_t seq, store_audit_fn fn, void *ctx)
{
	struct get1_ctx g = { fn, ctx, seq, false };
	enum at_err er;

	/* STMT_AUDIT_LIST from seq, stopping after the first row. */
	er = store_audit_each(s, seq, get1_row, &g);
	if (er == AT_OK && !g.found)
		return AT_NOTFOUND;
	return er;
}

struct newest {
	int64_t seq;
	char *json; /* owned: new_json of the newest entry that has one */
};

static int
newest_row(void *ctx, const struct store_audit_row *e)
{
	struct newest *n = ctx;

	if (e->new_json == NULL)
		return 0;
	n->seq = e->seq;
	free(n->json);
	n->json = xstrdup(e->new_json);
	return 0;
}

struct recs {
	struct store *s;
	int64_t count, bad_seq;
	struct at_diag *d;
	enum at_err er;
};

static int
rec_row(void *ctx, const struct model_record *r)
{
	struct recs *x = ctx;
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	struct newest n = { 0, NULL };
	char *json;
	enum at_err er;

	x->count++;
	er = store_audit_each_entity(
	    x->s, k->name, model_record_id(r), newest_row, &n);
	if (er != AT_OK) {
		x->er = er;
		free(n.json);
		return 1;
	}
	json = store_record_json(r);
	if (n.json == NULL)
		x->er = at_diag_set(x->d, AT_TAMPER, "",
		    "%s \"%s\" has no "
		    "audit entry: it was stored outside the log",
		    k->singular, model_record_id(r));
	else if (strcmp(json, n.json) != 0)
		x->er = at_diag_set(x->d, AT_TAMPER, "",
		    "%s \"%s\" differs "
		    "from its newest audit entry %lld: it was changed outside "
		    "the log",
		    k->singular, model_record_id(r), (long long)n.seq);
	if (x->er != AT_OK)
		x->bad_seq = n.seq;
	free(json);
	free(n.json);
	return x->er != AT_OK;
}

enum at_err
store_audit_check_records(
    struct store *s, int64_t *count, int64_t *bad_seq, struct at_diag *d)
{
	struct recs x = { s, 0, 0, d, AT_OK };
	enum at_err er = AT_OK;

	for (int k = 0; k < KIND__MAX && er == AT_OK && x.er == AT_OK; k++)
		er =
		    store_record_each(s, (enum model_kind)k, NULL, rec_row, &x);
	if (er == AT_OK)
		er = x.er;
	*count = x.count;
	*bad_seq = x.bad_seq;
	return er;
}
