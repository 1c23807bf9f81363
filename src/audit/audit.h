/* SPDX-License-Identifier: ISC */
/*
 * The audit log's entries and how they are hashed.
 *
 * An entry records one change: who (actor) did what (verb) to which
 * record (kind, id), with the canonical JSON of the new values and, for
 * updates, of the old ones.  Its hash covers all of that plus the hash
 * of the entry before it, so the entries form a chain; the same hash is
 * the entry's leaf hash in the RFC 6962 Merkle tree (SHA-256 over a 0x00
 * byte and the entry's canonical bytes).
 *
 * Pure: no database, no files.  The store appends entries inside the
 * transaction of the change they record.
 */
#ifndef AT_AUDIT_AUDIT_H
#define AT_AUDIT_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define AUDIT_HASH_LEN 32
#define AUDIT_HEX_LEN  65 /* 64 hex digits and a NUL */
#define AUDIT_TIME_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" and a NUL */

struct audit_entry {
	int64_t seq;		     /* 1-based position in the log */
	char time[AUDIT_TIME_LEN];   /* UTC, when recorded */
	const char *actor;	     /* borrowed: who made the change */
	const char *verb;	     /* borrowed: "insert", "update", ... */
	const char *kind;	     /* borrowed: entity kind, "jurisdictions" */
	const char *entity_id;	     /* borrowed: the record's id */
	const char *new_json;	     /* borrowed, canonical JSON, or NULL */
	const char *old_json;	     /* borrowed, canonical JSON, or NULL */
	uint8_t prev[AUDIT_HASH_LEN]; /* hash of entry seq-1; zeros for 1 */
};

/*
 * Append the canonical bytes of e to out: a version line, then each
 * field as "<length>:<bytes>\n" in a fixed order, so no two different
 * entries share an encoding.  Returns buf_err(out).
 */
enum at_err audit_entry_encode(const struct audit_entry *e, struct buf *out);

/* The entry's hash: SHA-256(0x00 || audit_entry_encode(e)). */
enum at_err audit_entry_hash(const struct audit_entry *e,
    uint8_t out[AUDIT_HASH_LEN]);

/* Lower-case hex of a hash, and back (AT_EINVAL on bad input). */
void audit_hex(const uint8_t h[AUDIT_HASH_LEN], char out[AUDIT_HEX_LEN]);
enum at_err audit_unhex(const char *hex, uint8_t out[AUDIT_HASH_LEN]);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void audit_now(char out[AUDIT_TIME_LEN]);

#endif
