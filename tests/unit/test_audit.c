/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for src/audit: RFC 6962 hashing against published vectors
 * and a reference implementation, inclusion and consistency proofs for
 * every pair of sizes up to 40, the incremental tree and its saved form,
 * checkpoint signatures, the key file's permission checks, the
 * streaming verifier, and receipts (round trip and every kind of
 * tampering).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "audit/audit.h"

#define NLEAVES 40

/* RFC 6962 test vectors (as used by certificate-transparency): leaf
 * inputs and the roots of their first 1..8 leaves. */
static const char *const vec_leaves[] = { "", "00", "10", "2021", "3031",
	"40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" };
static const char *const vec_roots[] = {
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static uint8_t leaves[NLEAVES][AUDIT_HASH_LEN];

static void
vec_leaf(size_t i, uint8_t out[AUDIT_HASH_LEN])
{
	uint8_t in[1 + 16];
	size_t n = 0;

	in[0] = 0x00;
	assert_int_equal(sodium_hex2bin(in + 1, 16, vec_leaves[i],
	                     strlen(vec_leaves[i]), NULL, &n, NULL),
	    0);
	crypto_hash_sha256(out, in, 1 + n);
}

/* MTH straight from RFC 6962 2.1, recursively: the reference. */
static void
ref_mth(
    const uint8_t (*d)[AUDIT_HASH_LEN], size_t n, uint8_t out[AUDIT_HASH_LEN])
{
	uint8_t l[AUDIT_HASH_LEN], r[AUDIT_HASH_LEN], in[65];
	size_t k = 1;

	if (n == 0) {
		crypto_hash_sha256(out, NULL, 0);
		return;
	}
	if (n == 1) {
		memcpy(out, d[0], AUDIT_HASH_LEN);
		return;
	}
	while (k * 2 < n)
		k *= 2;
	ref_mth(d, k, l);
	ref_mth(d + k, n - k, r);
	in[0] = 1;
	memcpy(in + 1, l, 32);
	memcpy(in + 33, r, 32);
	crypto_hash_sha256(out, in, sizeof(in));
}

static int
setup(void **state)
{
	(void)state;
	assert_true(sodium_init() >= 0);
	for (size_t i = 0; i < NLEAVES; i++) {
		uint8_t b[8];

		memcpy(b, &i, sizeof(b) < sizeof(i) ? sizeof(b) : sizeof(i));
		crypto_hash_sha256(leaves[i], b, sizeof(b));
	}
	return 0;
}

static void
test_root_matches_rfc6962_vectors(void **state)
{
	uint8_t d[8][AUDIT_HASH_LEN], root[AUDIT_HASH_LEN];
	char hex[AUDIT_HEX_LEN];

	(void)state;
	for (size_t i = 0; i < 8; i++)
		vec_leaf(i, d[i]);
	for (size_t n = 1; n <= 8; n++) {
		audit_merkle_root((const uint8_t(*)[AUDIT_HASH_LEN])d, n, root);
		audit_hex(root, hex);
		assert_string_equal(hex, vec_roots[n - 1]);
	}
}

static void
test_empty_root_is_sha256_of_nothing(void **state)
{
	struct audit_tree t;
	uint8_t root[AUDIT_HASH_LEN];
	char hex[AUDIT_HEX_LEN];

	(void)state;
	audit_tree_init(&t);
	audit_tree_root(&t, root);
	audit_hex(root, hex);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e46"
	    "49b934ca495991b7852b855");
}

static void
test_incremental_tree_matches_reference_at_every_size(void **state)
{
	struct audit_tree t, t2;
	uint8_t a[AUDIT_HASH_LEN], b[AUDIT_HASH_LEN];
	struct buf s;

	(void)state;
	audit_tree_init(&t);
	for (size_t n = 1; n <= NLEAVES; n++) {
		audit_tree_append(&t, leaves[n - 1]);
		audit_tree_root(&t, a);
		ref_mth((const uint8_t(*)[AUDIT_HASH_LEN])leaves, n, b);
		assert_memory_equal(a, b, AUDIT_HASH_LEN);
		/* The saved form rebuilds the same tree. */
		buf_init(&s, 1 << 16);
		assert_int_equal(audit_tree_save(&t, &s), AT_OK);
		assert_int_equal(audit_tree_load(&t2, n, buf_str(&s)), AT_OK);
		audit_tree_root(&t2, a);
		assert_memory_equal(a, b, AUDIT_HASH_LEN);
		/* ...and refuses a size it does not fit. */
		assert_int_equal(
		    audit_tree_load(&t2, n + 1, buf_str(&s)) == AT_OK &&
		        __builtin_popcountll(n) != __builtin_popcountll(n + 1),
		    0);
		buf_fini(&s);
	}
}

static void
test_inclusion_proofs_verify_for_every_leaf_and_size(void **state)
{
	const uint8_t(*d)[AUDIT_HASH_LEN] =
	    (const uint8_t(*)[AUDIT_HASH_LEN])leaves;
	struct audit_proof p;
	uint8_t root[AUDIT_HASH_LEN];

	(void)state;
	for (uint64_t n = 1; n <= NLEAVES; n++) {
		ref_mth(d, n, root);
		for (uint64_t m = 0; m < n; m++) {
			assert_int_equal(
			    audit_inclusion_proof(d, n, m, &p), AT_OK);
			assert_int_equal(
			    audit_inclusion_verify(d[m], m, n, &p, root),
			    AT_OK);
			/* Wrong leaf, index or a changed path fail.  (The size
			 * is bound by the checkpoint's signature, not here.) */
			assert_int_equal(audit_inclusion_verify(d[(m + 1) % n],
			                     m, n, &p, root) == AT_OK,
			    n == 1);
			if (n > 1) {
				assert_int_equal(audit_inclusion_verify(d[m],
				                     (m + 1) % n, n, &p, root),
				    AT_TAMPER);
				p.h[p.n / 2][3] ^= 0x40;
				assert_int_equal(audit_inclusion_verify(
				                     d[m], m, n, &p, root),
				    AT_TAMPER);
			}
		}
		assert_int_equal(audit_inclusion_proof(d, n, n, &p), AT_EINVAL);
	}
}

static void
test_consistency_proofs_verify_for_every_pair_of_sizes(void **state)
{
	const uint8_t(*d)[AUDIT_HASH_LEN] =
	    (const uint8_t(*)[AUDIT_HASH_LEN])leaves;
	struct audit_proof p;
	uint8_t r1[AUDIT_HASH_LEN], r2[AUDIT_HASH_LEN];

	(void)state;
	for (uint64_t n = 1; n <= NLEAVES; n++) {
		ref_mth(d, n, r2);
		for (uint64_t m = 1; m <= n; m++) {
			ref_mth(d, m, r1);
			assert_int_equal(
			    audit_consistency_proof(d, n, m, &p), AT_OK);
			assert_int_equal(
			    audit_consistency_verify(m, n, r1, r2, &p), AT_OK);
			if (m == n)
				continue;
			/* Swapped roots, wrong sizes, changed hashes. */
			assert_int_equal(
			    audit_consistency_verify(m, n, r2, r1, &p),
			    AT_TAMPER);
			if (m + 1 < n)
				assert_int_equal(audit_consistency_verify(
				                     m + 1, n, r1, r2, &p),
				    AT_TAMPER);
			p.h[p.n - 1][0] ^= 1;
			assert_int_equal(
			    audit_consistency_verify(m, n, r1, r2, &p),
			    AT_TAMPER);
		}
	}
	assert_int_equal(audit_consistency_proof(d, 4, 0, &p), AT_EINVAL);
	assert_int_equal(audit_consistency_proof(d, 4, 5, &p), AT_EINVAL);
}

static struct audit_key *
test_key(void)
{
	uint8_t seed[32];

	memset(seed, 7, sizeof(seed));
	return audit_key_from_seed(seed);
}

static void
test_checkpoint_signature_covers_size_root_and_time(void **state)
{
	struct audit_key *k = test_key();
	struct audit_checkpoint c, x;
	uint8_t pk[AUDIT_PK_LEN], other[AUDIT_PK_LEN];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.size = 5;
	memcpy(c.root, leaves[0], AUDIT_HASH_LEN);
	memcpy(c.time, "2026-01-02T03:04:05Z", 21);
	assert_int_equal(audit_checkpoint_sign(&c, k), AT_OK);
	audit_key_public(k, pk);
	assert_int_equal(audit_checkpoint_verify(&c, pk), AT_OK);
	x = c;
	x.size = 6;
	assert_int_equal(audit_checkpoint_verify(&x, pk), AT_TAMPER);
	x = c;
	x.root[31] ^= 1;
	assert_int_equal(audit_checkpoint_verify(&x, pk), AT_TAMPER);
	x = c;
	x.time[3] = '7';
	assert_int_equal(audit_checkpoint_verify(&x, pk), AT_TAMPER);
	x = c;
	x.sig[0] ^= 1;
	assert_int_equal(audit_checkpoint_verify(&x, pk), AT_TAMPER);
	memcpy(other, pk, sizeof(other));
	other[0] ^= 1;
	assert_int_equal(audit_checkpoint_verify(&c, other), AT_TAMPER);
	audit_key_free(k);
}

static void
test_key_file_is_0600_and_refused_when_others_can_read(void **state)
{
	char path[128];
	struct audit_key *k = NULL, *k2 = NULL;
	struct at_diag d;
	struct stat st;
	uint8_t a[AUDIT_PK_LEN], b[AUDIT_PK_LEN];
	FILE *f;

	(void)state;
	snprintf(
	    path, sizeof(path), "/tmp/attest-test-key-%ld", (long)getpid());
	unlink(path);
	assert_int_equal(audit_key_load(path, &k, &d), AT_NOTFOUND);
	assert_int_equal(audit_key_create(path, &k, &d), AT_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Never overwritten. */
	assert_int_equal(audit_key_create(path, &k2, &d), AT_CONFLICT);
	assert_int_equal(audit_key_load(path, &k2, &d), AT_OK);
	audit_key_public(k, a);
	audit_key_public(k2, b);
	assert_memory_equal(a, b, sizeof(a));
	audit_key_free(k2);
	k2 = NULL;
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(audit_key_load(path, &k2, &d), AT_DENIED);
	assert_non_null(strstr(d.msg, "refusing"));
	assert_int_equal(chmod(path, 0604), 0);
	assert_int_equal(audit_key_load(path, &k2, &d), AT_DENIED);
	assert_int_equal(chmod(path, 0600), 0);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("not a key\n", f);
	fclose(f);
	assert_int_equal(audit_key_load(path, &k2, &d), AT_EINVAL);
	assert_null(k2);
	audit_key_free(k);
	unlink(path);
}

/* A small chained log in memory. */
struct mlog {
	size_t n;
	struct audit_entry e[8];
	char actor[8][32];
	uint8_t h[8][AUDIT_HASH_LEN];
};

static void
mlog_build(struct mlog *l, size_t n)
{
	memset(l, 0, sizeof(*l));
	l->n = n;
	for (size_t i = 0; i < n; i++) {
		struct audit_entry *e = &l->e[i];

		snprintf(l->actor[i], sizeof(l->actor[i]), "user%zu", i);
		e->seq = (int64_t)i + 1;
		memcpy(e->time, "2026-03-01T10:00:00Z", 21);
		e->actor = l->actor[i];
		e->verb = "insert";
		e->kind = "jurisdictions";
		e->entity_id = "06";
		e->new_json = "{\"id\":\"06\",\"name\":\"California\"}";
		if (i > 0)
			memcpy(e->prev, l->h[i - 1], AUDIT_HASH_LEN);
		assert_int_equal(audit_entry_hash(e, l->h[i]), AT_OK);
	}
}

static void
checkpoint_of(const struct mlog *l, size_t n, const struct audit_key *k,
    struct audit_checkpoint *c)
{
	memset(c, 0, sizeof(*c));
	c->size = n;
	audit_merkle_root((const uint8_t(*)[AUDIT_HASH_LEN])l->h, n, c->root);
	memcpy(c->time, "2026-03-01T10:00:01Z", 21);
	assert_int_equal(audit_checkpoint_sign(c, k), AT_OK);
}

/* Run the verifier over l with checkpoints at sizes 3 and n. */
static enum at_err
run_verify(const struct mlog *l, const struct audit_checkpoint *cps,
    size_t ncps, const uint8_t *pk, int64_t *bad)
{
	struct audit_verify *v = audit_verify_new(pk);
	uint64_t count;
	uint8_t root[AUDIT_HASH_LEN];
	enum at_err er = AT_OK;

	for (size_t i = 0; i < ncps && er == AT_OK; i++)
		er = audit_verify_checkpoint(v, &cps[i]);
	for (size_t i = 0; i < l->n && er == AT_OK; i++)
		er = audit_verify_entry(v, &l->e[i], l->h[i]);
	if (er == AT_OK)
		er = audit_verify_finish(v, &count, root);
	*bad = audit_verify_bad_seq(v);
	if (er == AT_OK)
		assert_int_equal(count, l->n);
	audit_verify_free(v);
	return er;
}

static void
test_verifier_names_the_first_bad_entry(void **state)
{
	struct audit_key *k = test_key();
	struct mlog l, t;
	struct audit_checkpoint cps[2];
	uint8_t pk[AUDIT_PK_LEN];
	int64_t bad;

	(void)state;
	audit_key_public(k, pk);
	mlog_build(&l, 6);
	checkpoint_of(&l, 3, k, &cps[0]);
	checkpoint_of(&l, 6, k, &cps[1]);
	assert_int_equal(run_verify(&l, cps, 2, pk, &bad), AT_OK);

	/* A changed field. */
	t = l;
	t.e[3].actor = "mallory";
	assert_int_equal(run_verify(&t, cps, 2, pk, &bad), AT_TAMPER);
	assert_int_equal(bad, 4);
	/* A changed stored hash. */
	t = l;
	t.h[1][5] ^= 1;
	assert_int_equal(run_verify(&t, cps, 2, pk, &bad), AT_TAMPER);
	assert_int_equal(bad, 2);
	/* A deleted entry. */
	t = l;
	memmove(&t.e[2], &t.e[3], 3 * sizeof(t.e[0]));
	memmove(&t.h[2], &t.h[3], 3 * sizeof(t.h[0]));
	t.n = 5;
	assert_int_equal(run_verify(&t, cps, 2, pk, &bad), AT_TAMPER);
	assert_int_equal(bad, 3);
	/* The last entry deleted: the checkpoint still covers it. */
	t = l;
	t.n = 5;
	assert_int_equal(run_verify(&t, cps, 2, pk, &bad), AT_TAMPER);
	assert_int_equal(bad, 6);
	/* Whole chain rewritten from entry 5 on: the chain holds, the
	 * checkpoint of 6 does not; 4..6 are blamed from entry 4 on. */
	t = l;
	t.e[4].actor = "mallory";
	assert_int_equal(audit_entry_hash(&t.e[4], t.h[4]), AT_OK);
	memcpy(t.e[5].prev, t.h[4], AUDIT_HASH_LEN);
	assert_int_equal(audit_entry_hash(&t.e[5], t.h[5]), AT_OK);
	assert_int_equal(run_verify(&t, cps, 2, pk, &bad), AT_TAMPER);
	assert_int_equal(bad, 4);
	/* A forged checkpoint signature. */
	t = l;
	cps[1].sig[10] ^= 1;
	assert_int_equal(run_verify(&t, cps, 2, pk, &bad), AT_TAMPER);
	assert_int_equal(bad, 0);
	audit_key_free(k);
}

/* Through the two-thread pipeline: 3000 entries span several batches;
 * a change at entry `bad` (0: none) must be named exactly. */
static int64_t
pipe_run(int64_t bad, const struct audit_key *k)
{
	enum {
		N = 3000
	};
	static uint8_t h[N][AUDIT_HASH_LEN];
	struct audit_checkpoint cp;
	struct audit_verify *v;
	struct audit_pipe *p;
	struct audit_entry e;
	uint8_t pk[AUDIT_PK_LEN], root[AUDIT_HASH_LEN];
	char id[32];
	uint64_t count = 0;
	int64_t seq;
	enum at_err er = AT_OK;

	memset(&e, 0, sizeof(e));
	memcpy(e.time, "2026-03-01T10:00:00Z", 21);
	e.actor = "bench";
	e.verb = "insert";
	e.kind = "jurisdictions";
	e.entity_id = id;
	e.new_json = "{\"x\":1}";
	for (int64_t i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "%lld", (long long)i);
		e.seq = i + 1;
		if (i > 0)
			memcpy(e.prev, h[i - 1], AUDIT_HASH_LEN);
		assert_int_equal(audit_entry_hash(&e, h[i]), AT_OK);
	}
	memset(&cp, 0, sizeof(cp));
	cp.size = N;
	audit_merkle_root((const uint8_t(*)[AUDIT_HASH_LEN])h, N, cp.root);
	memcpy(cp.time, "2026-03-01T10:00:01Z", 21);
	assert_int_equal(audit_checkpoint_sign(&cp, k), AT_OK);
	audit_key_public(k, pk);
	v = audit_verify_new(pk);
	assert_int_equal(audit_verify_checkpoint(v, &cp), AT_OK);
	p = audit_pipe_new(v);
	memset(e.prev, 0, sizeof(e.prev));
	for (int64_t i = 0; i < N && er == AT_OK; i++) {
		snprintf(id, sizeof(id), "%lld", (long long)i);
		e.seq = i + 1;
		e.actor = e.seq == bad ? "mallory" : "bench";
		if (i > 0)
			memcpy(e.prev, h[i - 1], AUDIT_HASH_LEN);
		er = audit_pipe_entry(p, &e, h[i]);
	}
	er = audit_pipe_finish(p);
	if (er == AT_OK)
		er = audit_verify_finish(v, &count, root);
	seq = er == AT_OK ? 0 : audit_verify_bad_seq(v);
	if (er == AT_OK) {
		assert_int_equal(count, N);
		assert_memory_equal(root, cp.root, AUDIT_HASH_LEN);
	}
	audit_verify_free(v);
	return seq;
}

static void
test_pipeline_verifies_and_names_the_bad_entry(void **state)
{
	struct audit_key *k = test_key();

	(void)state;
	assert_int_equal(pipe_run(0, k), 0);
	assert_int_equal(pipe_run(1, k), 1);
	assert_int_equal(pipe_run(1024, k), 1024);
	assert_int_equal(pipe_run(1025, k), 1025);
	assert_int_equal(pipe_run(2999, k), 2999);
	assert_int_equal(pipe_run(3000, k), 3000);
	audit_key_free(k);
}

static void
make_receipt(const struct mlog *l, size_t seq, const struct audit_key *k,
    struct audit_receipt *r)
{
	memset(r, 0, sizeof(*r));
	r->entry = l->e[seq - 1];
	memcpy(r->hash, l->h[seq - 1], AUDIT_HASH_LEN);
	r->leaf_index = seq - 1;
	assert_int_equal(
	    audit_inclusion_proof((const uint8_t(*)[AUDIT_HASH_LEN])l->h, l->n,
	        seq - 1, &r->path),
	    AT_OK);
	checkpoint_of(l, l->n, k, &r->cp);
}

static void
test_receipt_round_trip_verifies_and_tampering_is_refused(void **state)
{
	struct audit_key *k = test_key();
	struct audit_receipt r, p, t;
	struct mlog l;
	struct buf b;
	struct at_diag d;
	uint8_t pk[AUDIT_PK_LEN];

	(void)state;
	audit_key_public(k, pk);
	mlog_build(&l, 7);
	make_receipt(&l, 5, k, &r);
	buf_init(&b, 1 << 20);
	assert_int_equal(audit_receipt_write(&r, &b), AT_OK);
	assert_int_equal(
	    audit_receipt_parse(buf_str(&b), buf_len(&b), &p, &d), AT_OK);
	assert_int_equal(audit_receipt_verify(&p, pk, &d), AT_OK);
	assert_string_equal(p.entry.actor, "user4");

	t = p; /* path */
	t.path.h[1][0] ^= 1;
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	assert_string_equal(d.field, "audit_path");
	t = p; /* path shortened */
	t.path.n--;
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	t = p; /* leaf: the entry's content */
	t.entry.verb = "delete";
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	assert_string_equal(d.field, "entry");
	t = p; /* leaf: entry and stated hash changed together */
	t.entry.verb = "delete";
	assert_int_equal(audit_entry_hash(&t.entry, t.hash), AT_OK);
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	assert_string_equal(d.field, "audit_path");
	t = p; /* leaf index */
	t.leaf_index = 3;
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	t = p; /* signature */
	t.cp.sig[0] ^= 1;
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	assert_string_equal(d.field, "checkpoint");
	t = p; /* size */
	t.cp.size = 8;
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	t = p; /* root */
	t.cp.root[0] ^= 1;
	assert_int_equal(audit_receipt_verify(&t, pk, &d), AT_TAMPER);
	pk[0] ^= 1; /* another key */
	assert_int_equal(audit_receipt_verify(&p, pk, &d), AT_TAMPER);

	audit_receipt_fini(&p);
	assert_int_equal(
	    audit_receipt_parse("{\"format\":1}", 12, &p, &d), AT_EINVAL);
	assert_int_equal(audit_receipt_parse("nope", 4, &p, &d), AT_EINVAL);
	buf_fini(&b);
	audit_key_free(k);
}

static void
test_document_hash_is_recorded_and_read_back(void **state)
{
	static const char letter[] = "Dear Clerk,\nYour notice...\n";
	char *json = NULL;
	char hex[AUDIT_HEX_LEN], got[AUDIT_HEX_LEN];
	struct audit_receipt r;

	(void)state;
	assert_int_equal(audit_json_with_document("{\"id\":\"n1\",\"a\":1}",
	                     letter, sizeof(letter) - 1, &json),
	    AT_OK);
	audit_document_sha256(letter, sizeof(letter) - 1, hex);
	assert_non_null(strstr(json, hex));
	/* Canonical: sorted keys, compact. */
	assert_int_equal(
	    strncmp(json, "{\"a\":1,\"document_sha256\":\"", 26), 0);
	memset(&r, 0, sizeof(r));
	r.entry.new_json = json;
	assert_int_equal(audit_receipt_document(&r, got), AT_OK);
	assert_string_equal(got, hex);
	r.entry.new_json = "{\"id\":\"x\"}";
	assert_int_equal(audit_receipt_document(&r, got), AT_NOTFOUND);
	/* Letters record the hash as "sha256". */
	r.entry.new_json =
	    "{\"notice\":\"n1\",\"sha256\":\"e3b0c44298fc1c1"
	    "49afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}";
	assert_int_equal(audit_receipt_document(&r, got), AT_OK);
	assert_string_equal(got,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b9"
	    "34ca495991b7852b855");
	free(json);
	assert_int_equal(
	    audit_json_with_document("[1]", "x", 1, &json), AT_EINVAL);
}

static void
test_unhex_accepts_only_lower_case(void **state)
{
	uint8_t h[AUDIT_HASH_LEN];
	char hex[AUDIT_HEX_LEN];

	(void)state;
	audit_hex(leaves[0], hex);
	assert_int_equal(audit_unhex(hex, h), AT_OK);
	assert_memory_equal(h, leaves[0], AUDIT_HASH_LEN);
	for (size_t i = 0; i < 64; i++)
		if (hex[i] >= 'a') {
			hex[i] = (char)(hex[i] - 'a' + 'A');
			break;
		}
	assert_int_equal(audit_unhex(hex, h), AT_EINVAL);
	assert_int_equal(audit_unhex("00", h), AT_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_matches_rfc6962_vectors),
		cmocka_unit_test(test_empty_root_is_sha256_of_nothing),
		cmocka_unit_test(
		    test_incremental_tree_matches_reference_at_every_size),
		cmocka_unit_test(
		    test_inclusion_proofs_verify_for_every_leaf_and_size),
		cmocka_unit_test(
		    test_consistency_proofs_verify_for_every_pair_of_sizes),
		cmocka_unit_test(
		    test_checkpoint_signature_covers_size_root_and_time),
		cmocka_unit_test(
		    test_key_file_is_0600_and_refused_when_others_can_read),
		cmocka_unit_test(test_verifier_names_the_first_bad_entry),
		cmocka_unit_test(
		    test_pipeline_verifies_and_names_the_bad_entry),
		cmocka_unit_test(
		    test_receipt_round_trip_verifies_and_tampering_is_refused),
		cmocka_unit_test(test_document_hash_is_recorded_and_read_back),
		cmocka_unit_test(test_unhex_accepts_only_lower_case),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
