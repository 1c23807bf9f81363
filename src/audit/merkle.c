/* SPDX-License-Identifier: ISC */
/*
 * The RFC 6962 Merkle tree over audit entries: the incremental tree (a
 * binary counter of perfect-subtree roots), the root of a list of
 * leaves, and inclusion and consistency proofs with their verification
 * (RFC 6962 section 2.1, verification as in RFC 9162 section 2.1).
 *
 * Proofs are made from the full list of leaf hashes, which the caller
 * reads from the log; each costs O(n) node hashes.  Nothing here
 * touches a file or the database.
 */
#include "audit/audit.h"

#include <string.h>

#include <sodium.h>

void
audit_node_hash(const uint8_t l[AUDIT_HASH_LEN],
    const uint8_t r[AUDIT_HASH_LEN], uint8_t out[AUDIT_HASH_LEN])
{
	unsigned char in[1 + 2 * AUDIT_HASH_LEN];

	in[0] = 0x01;
	memcpy(in + 1, l, AUDIT_HASH_LEN);
	memcpy(in + 1 + AUDIT_HASH_LEN, r, AUDIT_HASH_LEN);
	crypto_hash_sha256(out, in, sizeof(in));
}

void
audit_tree_init(struct audit_tree *t)
{
	memset(t, 0, sizeof(*t));
}

void
audit_tree_append(struct audit_tree *t, const uint8_t leaf[AUDIT_HASH_LEN])
{
	uint8_t h[AUDIT_HASH_LEN];
	unsigned i = 0;

	memcpy(h, leaf, AUDIT_HASH_LEN);
	/* Adding one to a binary counter: each carry merges two equal
	 * perfect subtrees into one of twice the size. */
	while (i < AUDIT_TREE_LEVELS && (t->size >> i & 1) != 0) {
		audit_node_hash(t->sub[i], h, h);
		i++;
	}
	if (i < AUDIT_TREE_LEVELS)
		memcpy(t->sub[i], h, AUDIT_HASH_LEN);
	t->size++;
}

void
audit_tree_root(const struct audit_tree *t, uint8_t out[AUDIT_HASH_LEN])
{
	uint8_t h[AUDIT_HASH_LEN];
	bool have = false;

	if (t->size == 0) {
		crypto_hash_sha256(out, NULL, 0);
		return;
	}
	/* RFC 6962 splits n at the largest power of two below it, so the
	 * root folds the subtrees from the smallest (rightmost) up. */
	for (unsigned i = 0; i < AUDIT_TREE_LEVELS; i++) {
		if ((t->size >> i & 1) == 0)
			continue;
		if (!have) {
			memcpy(h, t->sub[i], AUDIT_HASH_LEN);
			have = true;
		} else
			audit_node_hash(t->sub[i], h, h);
	}
	memcpy(out, h, AUDIT_HASH_LEN);
}

enum at_err
audit_tree_save(const struct audit_tree *t, struct buf *out)
{
	char hex[AUDIT_HEX_LEN];

	for (unsigned i = AUDIT_TREE_LEVELS; i-- > 0;) {
		if ((t->size >> i & 1) == 0)
			continue;
		audit_hex(t->sub[i], hex);
		buf_puts(out, hex);
	}
	return buf_err(out);
}

enum at_err
audit_tree_load(struct audit_tree *t, uint64_t size, const char *hex)
{
	struct audit_tree nt;
	char one[AUDIT_HEX_LEN];
	size_t need = 0, len;

	for (unsigned i = 0; i < AUDIT_TREE_LEVELS; i++)
		need += (size >> i & 1) != 0;
	len = strlen(hex);
	if (len != need * (AUDIT_HASH_LEN * 2))
		return AT_EINVAL;
	audit_tree_init(&nt);
	nt.size = size;
	for (unsigned i = AUDIT_TREE_LEVELS; i-- > 0;) {
		if ((size >> i & 1) == 0)
			continue;
		memcpy(one, hex, AUDIT_HASH_LEN * 2);
		one[AUDIT_HASH_LEN * 2] = '\0';
		if (audit_unhex(one, nt.sub[i]) != AT_OK)
			return AT_EINVAL;
		hex += AUDIT_HASH_LEN * 2;
	}
	*t = nt;
	return AT_OK;
}

void
audit_merkle_root(const uint8_t (*leaves)[AUDIT_HASH_LEN], uint64_t n,
    uint8_t out[AUDIT_HASH_LEN])
{
	struct audit_tree t;

	audit_tree_init(&t);
	for (uint64_t i = 0; i < n; i++)
		audit_tree_append(&t, leaves[i]);
	audit_tree_root(&t, out);
}

/* Largest power of two strictly less than n (n >= 2). */
static uint64_t
split(uint64_t n)
{
	uint64_t k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

static bool
proof_push(struct audit_proof *p, const uint8_t h[AUDIT_HASH_LEN])
{
	if (p->n >= AUDIT_PROOF_MAX)
		return false;
	memcpy(p->h[p->n++], h, AUDIT_HASH_LEN);
	return true;
}

/* PATH(m, D[0:n]) of RFC 6962 2.1.1, appended to p. */
static bool
path(const uint8_t (*d)[AUDIT_HASH_LEN], uint64_t n, uint64_t m,
    struct audit_proof *p)
{
	uint8_t h[AUDIT_HASH_LEN];
	uint64_t k;

	if (n <= 1)
		return true;
	k = split(n);
	if (m < k) {
		if (!path(d, k, m, p))
			return false;
		audit_merkle_root(d + k, n - k, h);
	} else {
		if (!path(d + k, n - k, m - k, p))
			return false;
		audit_merkle_root(d, k, h);
	}
	return proof_push(p, h);
}

enum at_err
audit_inclusion_proof(const uint8_t (*leaves)[AUDIT_HASH_LEN], uint64_t n,
    uint64_t index, struct audit_proof *out)
{
	if (index >= n)
		return AT_EINVAL;
	out->n = 0;
	if (!path(leaves, n, index, out))
		return AT_LIMIT;
	return AT_OK;
}

enum at_err
audit_inclusion_verify(const uint8_t leaf[AUDIT_HASH_LEN], uint64_t index,
    uint64_t size, const struct audit_proof *p,
    const uint8_t root[AUDIT_HASH_LEN])
{
	uint8_t r[AUDIT_HASH_LEN];
	uint64_t fn = index, sn;

	if (index >= size)
		return AT_TAMPER;
	sn = size - 1;
	memcpy(r, leaf, AUDIT_HASH_LEN);
	for (size_t i = 0; i < p->n; i++) {
		if (sn == 0)
			return AT_TAMPER;
		if ((fn & 1) != 0 || fn == sn) {
			audit_node_hash(p->h[i], r, r);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			audit_node_hash(r, p->h[i], r);
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || sodium_memcmp(r, root, AUDIT_HASH_LEN) != 0)
		return AT_TAMPER;
	return AT_OK;
}

/* SUBPROOF(m, D[0:n], b) of RFC 6962 2.1.2, appended to p. */
static bool
subproof(const uint8_t (*d)[AUDIT_HASH_LEN], uint64_t n, uint64_t m, bool b,
    struct audit_proof *p)
{
	uint8_t h[AUDIT_HASH_LEN];
	uint64_t k;

	if (m == n) {
		if (b)
			return true;
		audit_merkle_root(d, n, h);
		return proof_push(p, h);
	}
	k = split(n);
	if (m <= k) {
		if (!subproof(d, k, m, b, p))
			return false;
		audit_merkle_root(d + k, n - k, h);
	} else {
		if (!subproof(d + k, n - k, m - k, false, p))
			return false;
		audit_merkle_root(d, k, h);
	}
	return proof_push(p, h);
}

enum at_err
audit_consistency_proof(const uint8_t (*leaves)[AUDIT_HASH_LEN], uint64_t n,
    uint64_t m, struct audit_proof *out)
{
	if (m == 0 || m > n)
		return AT_EINVAL;
	out->n = 0;
	if (m == n)
		return AT_OK;
	if (!subproof(leaves, n, m, true, out))
		return AT_LIMIT;
	return AT_OK;
}

enum at_err
audit_consistency_verify(uint64_t m, uint64_t n,
    const uint8_t old_root[AUDIT_HASH_LEN],
    const uint8_t new_root[AUDIT_HASH_LEN], const struct audit_proof *p)
{
	uint8_t fr[AUDIT_HASH_LEN], sr[AUDIT_HASH_LEN];
	uint64_t fn, sn;
	size_t i = 0;

	if (m == 0 || m > n)
		return AT_EINVAL;
	if (m == n) {
		if (p->n != 0 ||
		    sodium_memcmp(old_root, new_root, AUDIT_HASH_LEN) != 0)
			return AT_TAMPER;
		return AT_OK;
	}
	if (p->n == 0)
		return AT_TAMPER;
	fn = m - 1;
	sn = n - 1;
	/* When m is a power of two the old root is the proof's implicit
	 * first element (RFC 9162 2.1.4.2 step 2). */
	if ((m & (m - 1)) == 0) {
		memcpy(fr, old_root, AUDIT_HASH_LEN);
		memcpy(sr, old_root, AUDIT_HASH_LEN);
	} else {
		memcpy(fr, p->h[0], AUDIT_HASH_LEN);
		memcpy(sr, p->h[0], AUDIT_HASH_LEN);
		i = 1;
	}
	while ((fn & 1) != 0) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < p->n; i++) {
		if (sn == 0)
			return AT_TAMPER;
		if ((fn & 1) != 0 || fn == sn) {
			audit_node_hash(p->h[i], fr, fr);
			audit_node_hash(p->h[i], sr, sr);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			audit_node_hash(sr, p->h[i], sr);
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || sodium_memcmp(fr, old_root, AUDIT_HASH_LEN) != 0 ||
	    sodium_memcmp(sr, new_root, AUDIT_HASH_LEN) != 0)
		return AT_TAMPER;
	return AT_OK;
}
