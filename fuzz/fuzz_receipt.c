/* SPDX-License-Identifier: ISC */
/*
 * The audit receipt reader and offline verifier (src/audit/receipt.c):
 * the input is receipt JSON, checked against the public key of a fixed
 * test key (the seeds were signed with it, so mutations reach every
 * check).  Properties: an accepted receipt writes out as JSON that
 * reads back to the same receipt, writing is stable, and verification
 * answers the same for the copy.
 */
#include "fuzz.h"

#include <string.h>

#include "audit/audit.h"
#include "core/buf.h"

/* The key the seed receipts were signed with: 32 bytes of 0x42. */
static uint8_t pk[AUDIT_PK_LEN];
static bool have_pk;

static void
load_pk(void)
{
	uint8_t seed[32];
	struct audit_key *k;

	memset(seed, 0x42, sizeof(seed));
	k = audit_key_from_seed(seed);
	FUZZ_CHECK(k != NULL);
	audit_key_public(k, pk);
	audit_key_free(k);
	have_pk = true;
}

static bool
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_receipt r, r2;
	struct at_diag d;
	struct buf b1, b2;
	enum at_err v1, v2;

	if (!have_pk)
		load_pk();
	at_diag_clear(&d);
	if (audit_receipt_parse((const char *)data, size, &r, &d) != AT_OK) {
		FUZZ_CHECK(memchr(d.msg, '\0', sizeof(d.msg)) != NULL);
		return 0;
	}
	at_diag_clear(&d);
	v1 = audit_receipt_verify(&r, pk, &d);
	FUZZ_CHECK(v1 == AT_OK || v1 == AT_TAMPER);

	buf_init(&b1, 16 * 1024 * 1024);
	buf_init(&b2, 16 * 1024 * 1024);
	FUZZ_CHECK(audit_receipt_write(&r, &b1) == AT_OK);
	at_diag_clear(&d);
	FUZZ_CHECK(audit_receipt_parse(buf_str(&b1), buf_len(&b1), &r2, &d) ==
	    AT_OK);
	FUZZ_CHECK(r2.entry.seq == r.entry.seq);
	FUZZ_CHECK(strcmp(r2.entry.time, r.entry.time) == 0);
	FUZZ_CHECK(same_str(r2.entry.actor, r.entry.actor));
	FUZZ_CHECK(same_str(r2.entry.verb, r.entry.verb));
	FUZZ_CHECK(same_str(r2.entry.kind, r.entry.kind));
	FUZZ_CHECK(same_str(r2.entry.entity_id, r.entry.entity_id));
	FUZZ_CHECK(same_str(r2.entry.new_json, r.entry.new_json));
	FUZZ_CHECK(same_str(r2.entry.old_json, r.entry.old_json));
	FUZZ_CHECK(memcmp(r2.entry.prev, r.entry.prev, AUDIT_HASH_LEN) == 0);
	FUZZ_CHECK(memcmp(r2.hash, r.hash, AUDIT_HASH_LEN) == 0);
	FUZZ_CHECK(r2.leaf_index == r.leaf_index);
	FUZZ_CHECK(r2.path.n == r.path.n);
	FUZZ_CHECK(memcmp(r2.path.h, r.path.h, r.path.n * AUDIT_HASH_LEN) == 0);
	FUZZ_CHECK(r2.cp.size == r.cp.size);
	FUZZ_CHECK(memcmp(r2.cp.root, r.cp.root, AUDIT_HASH_LEN) == 0);
	FUZZ_CHECK(strcmp(r2.cp.time, r.cp.time) == 0);
	FUZZ_CHECK(memcmp(r2.cp.key_id, r.cp.key_id, AUDIT_KEYID_LEN) == 0);
	FUZZ_CHECK(memcmp(r2.cp.sig, r.cp.sig, AUDIT_SIG_LEN) == 0);
	FUZZ_CHECK(audit_receipt_write(&r2, &b2) == AT_OK);
	FUZZ_CHECK(buf_len(&b1) == buf_len(&b2) &&
	    memcmp(buf_str(&b1), buf_str(&b2), buf_len(&b1)) == 0);
	at_diag_clear(&d);
	v2 = audit_receipt_verify(&r2, pk, &d);
	FUZZ_CHECK(v1 == v2);
	buf_fini(&b1);
	buf_fini(&b2);
	audit_receipt_fini(&r2);
	audit_receipt_fini(&r);
	return 0;
}
