/* SPDX-License-Identifier: ISC */
/*
 * Verification of a whole audit log in one pass and constant memory:
 * the caller feeds the stored checkpoints, then every stored entry in
 * order.  Each entry must have the next sequence number, name the hash
 * of the entry before it, and hash to the hash stored with it; the
 * recomputed Merkle tree must have, at every checkpoint's size, the
 * root the checkpoint signed, and every signature must hold.
 *
 * The first failure is kept with the entry it concerns.  Where the
 * chain is intact but a checkpoint's root is not (the chain was
 * rewritten from some entry on), the entry named is the first one not
 * covered by the previous good checkpoint, and the reason says so.
 */
#include "audit/audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/xalloc.h"

struct audit_verify {
	bool has_pk;
	uint8_t pk[AUDIT_PK_LEN];
	struct audit_checkpoint *cps; /* owned, sorted by size once used */
	size_t ncps, cap;
	size_t next;		      /* first checkpoint not yet reached */
	bool sorted;
	struct audit_tree tree;	      /* leaves so far */
	uint8_t prev[AUDIT_HASH_LEN]; /* hash of the last good entry */
	uint64_t good_size;	      /* size of the last good checkpoint */
	struct buf enc;		      /* reused encoding buffer */
	bool failed;
	int64_t bad_seq;
	char reason[512];
};

struct audit_verify *
audit_verify_new(const uint8_t *pk)
{
	struct audit_verify *v;

	if (sodium_init() < 0)
		at_oom();
	v = xcalloc(1, sizeof(*v));
	if (pk != NULL) {
		v->has_pk = true;
		memcpy(v->pk, pk, AUDIT_PK_LEN);
	}
	audit_tree_init(&v->tree);
	buf_init(&v->enc, (size_t)64 << 20);
	return v;
}

void
audit_verify_free(struct audit_verify *v)
{
	if (v == NULL)
		return;
	buf_fini(&v->enc);
	free(v->cps);
	free(v);
}

static enum at_err
fail(struct audit_verify *v, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum at_err
fail(struct audit_verify *v, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	if (v->failed)
		return AT_TAMPER;
	v->failed = true;
	v->bad_seq = seq;
	va_start(ap, fmt);
	if (vsnprintf(v->reason, sizeof(v->reason), fmt, ap) < 0)
		v->reason[0] = '\0';
	va_end(ap);
	return AT_TAMPER;
}

enum at_err
audit_verify_checkpoint(struct audit_verify *v,
    const struct audit_checkpoint *c)
{
	if (v->failed)
		return AT_TAMPER;
	if (v->tree.size != 0)
		return fail(v, 0, "checkpoints must be given before entries");
	if (v->has_pk && audit_checkpoint_verify(c, v->pk) != AT_OK)
		return fail(v, 0,
		    "the checkpoint of %llu entries made %s is not signed "
		    "by this log's key",
		    (unsigned long long)c->size, c->time);
	if (v->ncps == v->cap) {
		v->cap = v->cap != 0 ? v->cap * 2 : 16;
		v->cps = xreallocarray(v->cps, v->cap, sizeof(*v->cps));
	}
	v->cps[v->ncps++] = *c;
	v->sorted = false;
	return AT_OK;
}

static int
cmp_cp(const void *a, const void *b)
{
	const struct audit_checkpoint *x = a, *y = b;

	return x->size < y->size ? -1 : x->size > y->size;
}

static void
sort_cps(struct audit_verify *v)
{
	if (v->sorted)
		return;
	if (v->ncps > 1)
		qsort(v->cps, v->ncps, sizeof(*v->cps), cmp_cp);
	v->sorted = true;
	/* A checkpoint of zero entries covers nothing: check it now. */
	while (v->next < v->ncps && v->cps[v->next].size == 0)
		v->next++;
}

/* Check every checkpoint whose size the tree has just reached. */
static enum at_err
reach_checkpoints(struct audit_verify *v)
{
	uint8_t root[AUDIT_HASH_LEN];

	while (v->next < v->ncps && v->cps[v->next].size == v->tree.size) {
		const struct audit_checkpoint *c = &v->cps[v->next];

		audit_tree_root(&v->tree, root);
		if (sodium_memcmp(root, c->root, AUDIT_HASH_LEN) != 0)
			return fail(v, (int64_t)v->good_size + 1,
			    "the checkpoint of %llu entries made %s signed "
			    "another root: one of entries %llu..%llu was "
			    "changed and the chain rewritten after it",
			    (unsigned long long)c->size, c->time,
			    (unsigned long long)v->good_size + 1,
			    (unsigned long long)c->size);
		v->good_size = c->size;
		v->next++;
	}
	return AT_OK;
}

enum at_err
audit_verify_entry(struct audit_verify *v, const struct audit_entry *e,
    const uint8_t stored[AUDIT_HASH_LEN])
{
	crypto_hash_sha256_state st;
	static const unsigned char leaf = 0x00;
	uint8_t h[AUDIT_HASH_LEN];
	int64_t want;
	enum at_err er;

	if (v->failed)
		return AT_TAMPER;
	sort_cps(v);
	want = (int64_t)v->tree.size + 1;
	if (e->seq > want)
		return fail(v, want,
		    "entry %lld is missing (the next stored entry is %lld)",
		    (long long)want, (long long)e->seq);
	if (e->seq != want)
		return fail(v, want,
		    "entry %lld is out of order (stored as %lld)",
		    (long long)want, (long long)e->seq);
	if (sodium_memcmp(e->prev, v->prev, AUDIT_HASH_LEN) != 0)
		return fail(v, e->seq,
		    want == 1 ? "entry 1 does not start the chain" :
				"entry %lld does not name the hash of entry "
				"%lld before it",
		    (long long)e->seq, (long long)e->seq - 1);
	buf_reset(&v->enc);
	er = audit_entry_encode(e, &v->enc);
	if (er != AT_OK)
		return fail(v, e->seq, "entry %lld cannot be encoded",
		    (long long)e->seq);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &leaf, 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)buf_str(&v->enc),
	    buf_len(&v->enc));
	crypto_hash_sha256_final(&st, h);
	if (sodium_memcmp(h, stored, AUDIT_HASH_LEN) != 0)
		return fail(v, e->seq,
		    "entry %lld does not match its hash (its contents or its "
		    "hash were changed)",
		    (long long)e->seq);
	audit_tree_append(&v->tree, h);
	memcpy(v->prev, h, AUDIT_HASH_LEN);
	return reach_checkpoints(v);
}

enum at_err
audit_verify_fail(struct audit_verify *v, int64_t seq, const char *why)
{
	return fail(v, seq, "%s", why);
}

enum at_err
audit_verify_finish(struct audit_verify *v, uint64_t *count,
    uint8_t root[AUDIT_HASH_LEN])
{
	if (v->failed)
		return AT_TAMPER;
	sort_cps(v);
	if (v->next < v->ncps)
		return fail(v, (int64_t)v->tree.size + 1,
		    "entry %llu is missing: the checkpoint made %s covers "
		    "%llu entries but the log ends at %llu",
		    (unsigned long long)v->tree.size + 1, v->cps[v->next].time,
		    (unsigned long long)v->cps[v->next].size,
		    (unsigned long long)v->tree.size);
	*count = v->tree.size;
	audit_tree_root(&v->tree, root);
	return AT_OK;
}

int64_t
audit_verify_bad_seq(const struct audit_verify *v)
{
	return v->bad_seq;
}

const char *
audit_verify_reason(const struct audit_verify *v)
{
	return v->reason;
}

uint64_t
audit_verify_checkpoints(const struct audit_verify *v)
{
	return v->ncps;
}

uint64_t
audit_verify_signed_size(const struct audit_verify *v)
{
	return v->good_size;
}
