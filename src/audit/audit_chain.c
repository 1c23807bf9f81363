/* SPDX-License-Identifier: ISC */
/*
 * Entry encoding and hashing (see audit.h).  The encoding is length-
 * prefixed rather than JSON so that hashing an entry never depends on a
 * JSON library's formatting choices.
 */
#include "audit/audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

static void
put_field(struct buf *out, const char *s)
{
	if (s == NULL) {
		buf_puts(out, "-\n");
		return;
	}
	buf_printf(out, "%zu:", strlen(s));
	buf_puts(out, s);
	buf_putc(out, '\n');
}

enum at_err
audit_entry_encode(const struct audit_entry *e, struct buf *out)
{
	char seq[24], prev[AUDIT_HEX_LEN];
	int rc;

	rc = snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
	if (rc < 0 || (size_t)rc >= sizeof(seq))
		return AT_LIMIT;
	audit_hex(e->prev, prev);
	buf_puts(out, "attest-audit-v1\n");
	put_field(out, seq);
	put_field(out, e->time);
	put_field(out, e->actor);
	put_field(out, e->verb);
	put_field(out, e->kind);
	put_field(out, e->entity_id);
	put_field(out, e->new_json);
	put_field(out, e->old_json);
	put_field(out, prev);
	return buf_err(out);
}

enum at_err
audit_entry_hash(const struct audit_entry *e, uint8_t out[AUDIT_HASH_LEN])
{
	struct buf b;
	enum at_err er;
	crypto_hash_sha256_state st;
	static const unsigned char leaf = 0x00;

	buf_init(&b, (size_t)64 << 20);
	er = audit_entry_encode(e, &b);
	if (er == AT_OK) {
		crypto_hash_sha256_init(&st);
		crypto_hash_sha256_update(&st, &leaf, 1);
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)buf_str(&b), buf_len(&b));
		crypto_hash_sha256_final(&st, out);
	}
	buf_fini(&b);
	return er;
}

void
audit_hex(const uint8_t h[AUDIT_HASH_LEN], char out[AUDIT_HEX_LEN])
{
	sodium_bin2hex(out, AUDIT_HEX_LEN, h, AUDIT_HASH_LEN);
}

enum at_err
audit_unhex(const char *hex, uint8_t out[AUDIT_HASH_LEN])
{
	size_t n = 0;
	const char *end = NULL;

	if (hex == NULL || strlen(hex) != AUDIT_HASH_LEN * 2)
		return AT_EINVAL;
	for (const char *p = hex; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return AT_EINVAL;
	if (sodium_hex2bin(out, AUDIT_HASH_LEN, hex, AUDIT_HASH_LEN * 2, NULL,
		&n, &end) != 0 || n != AUDIT_HASH_LEN || *end != '\0')
		return AT_EINVAL;
	return AT_OK;
}

void
audit_now(char out[AUDIT_TIME_LEN])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	if (strftime(out, AUDIT_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}
