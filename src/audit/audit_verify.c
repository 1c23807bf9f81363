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

#include <pthread.h>
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
	size_t next; /* first checkpoint not yet reached */
	bool sorted;
	struct audit_tree tree;       /* leaves so far */
	uint8_t prev[AUDIT_HASH_LEN]; /* hash of the last good entry */
	uint64_t good_size;           /* size of the last good checkpoint */
	struct buf enc;               /* reused encoding buffer */
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

static enum at_err fail(struct audit_verify *v, int64_t seq, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

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
audit_verify_checkpoint(
    struct audit_verify *v, const struct audit_checkpoint *c)
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
audit_verify_hashed(struct audit_verify *v, int64_t seq,
    const uint8_t prev[AUDIT_HASH_LEN], const uint8_t h[AUDIT_HASH_LEN],
    const uint8_t stored[AUDIT_HASH_LEN])
{
	int64_t want;

	if (v->failed)
		return AT_TAMPER;
	sort_cps(v);
	want = (int64_t)v->tree.size + 1;
	if (seq > want)
		return fail(v, want,
		    "entry %lld is missing (the next stored entry is %lld)",
		    (long long)want, (long long)seq);
	if (seq != want)
		return fail(v, want,
		    "entry %lld is out of order (stored as %lld)",
		    (long long)want, (long long)seq);
	if (sodium_memcmp(prev, v->prev, AUDIT_HASH_LEN) != 0)
		return fail(v, seq,
		    want == 1 ? "entry 1 does not start the chain"
		              : "entry %lld does not name the hash of entry "
		                "%lld before it",
		    (long long)seq, (long long)seq - 1);
	if (sodium_memcmp(h, stored, AUDIT_HASH_LEN) != 0)
		return fail(v, seq,
		    "entry %lld does not match its hash (its contents or its "
		    "hash were changed)",
		    (long long)seq);
	audit_tree_append(&v->tree, h);
	memcpy(v->prev, h, AUDIT_HASH_LEN);
	return reach_checkpoints(v);
}

/* SHA-256(0x00 || p[0..len)): a leaf. */
static void
leaf_hash(const void *p, size_t len, uint8_t out[AUDIT_HASH_LEN])
{
	crypto_hash_sha256_state st;
	static const unsigned char leaf = 0x00;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &leaf, 1);
	crypto_hash_sha256_update(&st, p, len);
	crypto_hash_sha256_final(&st, out);
}

enum at_err
audit_verify_entry(struct audit_verify *v, const struct audit_entry *e,
    const uint8_t stored[AUDIT_HASH_LEN])
{
	uint8_t h[AUDIT_HASH_LEN];

	if (v->failed)
		return AT_TAMPER;
	buf_reset(&v->enc);
	if (audit_entry_encode(e, &v->enc) != AT_OK)
		return fail(v, e->seq, "entry %lld cannot be encoded",
		    (long long)e->seq);
	leaf_hash(buf_str(&v->enc), buf_len(&v->enc), h);
	return audit_verify_hashed(v, e->seq, e->prev, h, stored);
}

enum at_err
audit_verify_fail(struct audit_verify *v, int64_t seq, const char *why)
{
	return fail(v, seq, "%s", why);
}

enum at_err
audit_verify_finish(
    struct audit_verify *v, uint64_t *count, uint8_t root[AUDIT_HASH_LEN])
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

/*
 * The pipeline.  Two batches: the caller fills one while the worker
 * checks the other; a full batch is handed over under the mutex, and
 * the caller waits only when the worker still holds the other one.
 */
#define PIPE_ITEMS 1024
#define PIPE_BYTES ((size_t)4 << 20) /* hand over past this many bytes */

struct pipe_item {
	int64_t seq;
	uint8_t prev[AUDIT_HASH_LEN];
	uint8_t stored[AUDIT_HASH_LEN];
	size_t off, len; /* the encoding, in the batch's bytes */
	char *why;       /* owned: a failure to report instead, or NULL */
};

struct pipe_batch {
	struct pipe_item it[PIPE_ITEMS];
	size_t n;
	struct buf bytes;
};

struct audit_pipe {
	struct audit_verify *v;
	struct pipe_batch b[2];
	int fill;      /* the batch the caller fills */
	bool ready[2]; /* handed to the worker, not yet checked */
	bool done;     /* no more batches will come */
	bool failed;   /* the worker found a failure */
	bool threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void
batch_check(struct audit_pipe *p, struct pipe_batch *b)
{
	uint8_t h[AUDIT_HASH_LEN];

	for (size_t i = 0; i < b->n; i++) {
		struct pipe_item *it = &b->it[i];

		if (it->why != NULL) {
			(void)fail(p->v, it->seq, "%s", it->why);
			break;
		}
		leaf_hash(buf_str(&b->bytes) + it->off, it->len, h);
		if (audit_verify_hashed(
		        p->v, it->seq, it->prev, h, it->stored) != AT_OK)
			break;
	}
	for (size_t i = 0; i < b->n; i++) {
		free(b->it[i].why);
		b->it[i].why = NULL;
	}
	b->n = 0;
	buf_reset(&b->bytes);
}

static void *
pipe_worker(void *arg)
{
	struct audit_pipe *p = arg;
	int w = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->ready[w] && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->ready[w])
			break; /* done, and nothing left */
		pthread_mutex_unlock(&p->mu);
		batch_check(p, &p->b[w]);
		pthread_mutex_lock(&p->mu);
		p->ready[w] = false;
		p->failed = p->v->failed;
		pthread_cond_broadcast(&p->cv);
		w ^= 1;
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct audit_pipe *
audit_pipe_new(struct audit_verify *v)
{
	struct audit_pipe *p = xcalloc(1, sizeof(*p));

	p->v = v;
	buf_init(&p->b[0].bytes, (size_t)1 << 30);
	buf_init(&p->b[1].bytes, (size_t)1 << 30);
	sort_cps(v);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->threaded = pthread_create(&p->th, NULL, pipe_worker, p) == 0;
	return p;
}

/* Hand the batch being filled to the worker (or check it here). */
static void
pipe_handoff(struct audit_pipe *p)
{
	if (!p->threaded) {
		batch_check(p, &p->b[p->fill]);
		p->failed = p->v->failed;
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->ready[p->fill] = true;
	pthread_cond_broadcast(&p->cv);
	p->fill ^= 1;
	while (p->ready[p->fill])
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static bool
pipe_failed(struct audit_pipe *p)
{
	bool f;

	if (!p->threaded)
		return p->failed;
	pthread_mutex_lock(&p->mu);
	f = p->failed;
	pthread_mutex_unlock(&p->mu);
	return f;
}

static struct pipe_item *
pipe_slot(struct audit_pipe *p)
{
	struct pipe_batch *b = &p->b[p->fill];

	if (b->n == PIPE_ITEMS || buf_len(&b->bytes) >= PIPE_BYTES) {
		pipe_handoff(p);
		b = &p->b[p->fill];
	}
	memset(&b->it[b->n], 0, sizeof(b->it[0]));
	return &b->it[b->n++];
}

enum at_err
audit_pipe_entry(struct audit_pipe *p, const struct audit_entry *e,
    const uint8_t stored[AUDIT_HASH_LEN])
{
	struct pipe_item *it;
	struct pipe_batch *b;
	size_t before;

	if (pipe_failed(p))
		return AT_TAMPER;
	it = pipe_slot(p);
	b = &p->b[p->fill];
	it->seq = e->seq;
	memcpy(it->prev, e->prev, AUDIT_HASH_LEN);
	memcpy(it->stored, stored, AUDIT_HASH_LEN);
	before = buf_len(&b->bytes);
	if (audit_entry_encode(e, &b->bytes) != AT_OK) {
		char msg[96];

		if (snprintf(msg, sizeof(msg), "entry %lld cannot be encoded",
		        (long long)e->seq) < 0)
			msg[0] = '\0';
		it->why = xstrdup(msg);
		return AT_OK;
	}
	it->off = before;
	it->len = buf_len(&b->bytes) - before;
	return AT_OK;
}

enum at_err
audit_pipe_fail(struct audit_pipe *p, int64_t seq, const char *why)
{
	struct pipe_item *it;

	if (pipe_failed(p))
		return AT_TAMPER;
	it = pipe_slot(p);
	it->seq = seq;
	it->why = xstrdup(why);
	return AT_TAMPER;
}

enum at_err
audit_pipe_finish(struct audit_pipe *p)
{
	enum at_err er;

	if (p->b[p->fill].n > 0)
		pipe_handoff(p);
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->done = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->th, NULL);
	}
	er = p->v->failed ? AT_TAMPER : AT_OK;
	for (int i = 0; i < 2; i++) {
		for (size_t j = 0; j < p->b[i].n; j++)
			free(p->b[i].it[j].why);
		buf_fini(&p->b[i].bytes);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
	return er;
}
