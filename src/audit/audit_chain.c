/* SPDX-License-Identifier: ISC */
/*
 * Entry encoding and hashing (see audit.h).  The encoding is length-
 * prefixed rather than JSON so that hashing an entry never depends on a
 * JSON library's formatting choices.
 */
#include "audit/audit.h"

#include <string.h>
#include <time.h>

#include <sodium.h>

/* Decimal digits of v, with a trailing ':', into the end of tmp; returns
 * where they start.  (No printf: this runs for every field of every
 * entry when a log is verified.) */
static char *
put_len(char *end, uint64_t v)
{
	char *p = end;

	*--p = ':';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return p;
}

static void
put_field(struct buf *out, const char *s)
{
	char tmp[24], *p;
	size_t len;

	if (s == NULL) {
		buf_append(out, "-\n", 2);
		return;
	}
	len = strlen(s);
	p = put_len(tmp + sizeof(tmp), len);
	buf_append(out, p, (size_t)(tmp + sizeof(tmp) - p));
	buf_append(out, s, len);
	buf_append(out, "\n", 1);
}

enum at_err
audit_entry_encode(const struct audit_entry *e, struct buf *out)
{
	char seq[24], prev[AUDIT_HEX_LEN], *p;

	if (e->seq < 0)
		return AT_EINVAL;
	p = put_len(seq + sizeof(seq), (uint64_t)e->seq);
	seq[sizeof(seq) - 1] = '\0'; /* drop the ':' */
	audit_hex(e->prev, prev);
	buf_append(out, "attest-audit-v1\n", 16);
	put_field(out, p);
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
		crypto_hash_sha256_update(
		    &st, (const unsigned char *)buf_str(&b), buf_len(&b));
		crypto_hash_sha256_final(&st, out);
	}
	buf_fini(&b);
	return er;
}

static const char hexdig[] = "0123456789abcdef";

void
audit_hex(const uint8_t h[AUDIT_HASH_LEN], char out[AUDIT_HEX_LEN])
{
	for (size_t i = 0; i < AUDIT_HASH_LEN; i++) {
		out[2 * i] = hexdig[h[i] >> 4];
		out[2 * i + 1] = hexdig[h[i] & 0xf];
	}
	out[2 * AUDIT_HASH_LEN] = '\0';
}

/* Value of each byte as a lower-case hex digit, or 0xff.  A table: this
 * runs for 128 characters of every entry when a log is verified. */
static const uint8_t hexval[256] = {
	['0'] = 1,
	['1'] = 2,
	['2'] = 3,
	['3'] = 4,
	['4'] = 5,
	['5'] = 6,
	['6'] = 7,
	['7'] = 8,
	['8'] = 9,
	['9'] = 10,
	['a'] = 11,
	['b'] = 12,
	['c'] = 13,
	['d'] = 14,
	['e'] = 15,
	['f'] = 16,
};

enum at_err
audit_unhex(const char *hex, uint8_t out[AUDIT_HASH_LEN])
{
	const unsigned char *u = (const unsigned char *)hex;
	uint8_t tmp[AUDIT_HASH_LEN];
	unsigned bad = 0;

	if (hex == NULL)
		return AT_EINVAL;
	/* hexval holds value + 1, so 0 marks a non-digit (a NUL before
	 * the end included, which also stops the reading). */
	for (size_t i = 0; i < AUDIT_HASH_LEN; i++) {
		unsigned hi = hexval[u[2 * i]], lo;

		if (hi == 0)
			return AT_EINVAL;
		lo = hexval[u[2 * i + 1]];
		bad |= lo == 0;
		tmp[i] = (uint8_t)((hi - 1) << 4 | (lo - 1));
		if (bad)
			return AT_EINVAL;
	}
	if (hex[2 * AUDIT_HASH_LEN] != '\0')
		return AT_EINVAL;
	memcpy(out, tmp, AUDIT_HASH_LEN);
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
