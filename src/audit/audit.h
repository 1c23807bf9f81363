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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define AUDIT_HASH_LEN 32
#define AUDIT_HEX_LEN  65 /* 64 hex digits and a NUL */
#define AUDIT_TIME_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" and a NUL */

struct audit_entry {
	int64_t seq;               /* 1-based position in the log */
	char time[AUDIT_TIME_LEN]; /* UTC, when recorded */
	const char *actor;         /* borrowed: who made the change */
	const char *verb;          /* borrowed: "insert", "update", ... */
	const char *kind;          /* borrowed: entity kind, "jurisdictions" */
	const char *entity_id;     /* borrowed: the record's id */
	const char *new_json;      /* borrowed, canonical JSON, or NULL */
	const char *old_json;      /* borrowed, canonical JSON, or NULL */
	uint8_t prev[AUDIT_HASH_LEN]; /* hash of entry seq-1; zeros for 1 */
};

/*
 * Append the canonical bytes of e to out: a version line, then each
 * field as "<length>:<bytes>\n" in a fixed order, so no two different
 * entries share an encoding.  Returns buf_err(out).
 */
enum at_err audit_entry_encode(const struct audit_entry *e, struct buf *out);

/* The entry's hash: SHA-256(0x00 || audit_entry_encode(e)). */
enum at_err audit_entry_hash(
    const struct audit_entry *e, uint8_t out[AUDIT_HASH_LEN]);

/* Lower-case hex of a hash, and back (AT_EINVAL on anything but 64
 * lower-case hex digits, so a stored hash has one spelling). */
void audit_hex(const uint8_t h[AUDIT_HASH_LEN], char out[AUDIT_HEX_LEN]);
enum at_err audit_unhex(const char *hex, uint8_t out[AUDIT_HASH_LEN]);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void audit_now(char out[AUDIT_TIME_LEN]);

/*
 * Documents.  A letter or certification records the SHA-256 of the
 * exact bytes it sent in its audit entry, as the key "document_sha256"
 * of the entry's JSON, so an inclusion receipt proves those bytes.
 */

/* Lower-case hex SHA-256 of doc[0..len). */
void audit_document_sha256(
    const void *doc, size_t len, char out[AUDIT_HEX_LEN]);

/*
 * Return json (a JSON object, canonical or not) with "document_sha256"
 * set to the SHA-256 of doc, as canonical JSON (sorted keys, compact):
 * the new_json to pass to store_audit_append.  AT_EINVAL if json is not
 * an object.  *out is owned by the caller (free()).
 */
enum at_err audit_json_with_document(
    const char *json, const void *doc, size_t len, char **out);

/*
 * The Merkle tree (RFC 6962 section 2.1).  Leaves are entry hashes
 * (audit_entry_hash, which already carries the 0x00 leaf prefix);
 * interior nodes are SHA-256(0x01 || left || right); the empty tree's
 * root is SHA-256 of no bytes.
 */
#define AUDIT_TREE_LEVELS 64  /* subtrees of up to 2^63 leaves */
#define AUDIT_PROOF_MAX   130 /* longest inclusion or consistency proof */

/* SHA-256(0x01 || l || r). */
void audit_node_hash(const uint8_t l[AUDIT_HASH_LEN],
    const uint8_t r[AUDIT_HASH_LEN], uint8_t out[AUDIT_HASH_LEN]);

/*
 * A tree grown one leaf at a time in O(log n) memory: the roots of the
 * perfect subtrees that make up the first size leaves (one per set bit
 * of size).  Caller storage; fields private by convention.
 */
struct audit_tree {
	uint64_t size;                                  /* leaves so far */
	uint8_t sub[AUDIT_TREE_LEVELS][AUDIT_HASH_LEN]; /* sub[i]: 2^i leaves */
};

void audit_tree_init(struct audit_tree *t);
void audit_tree_append(
    struct audit_tree *t, const uint8_t leaf[AUDIT_HASH_LEN]);
/* The RFC 6962 root of the leaves so far (SHA-256("") when empty). */
void audit_tree_root(const struct audit_tree *t, uint8_t out[AUDIT_HASH_LEN]);
/*
 * The subtree roots as hex, largest subtree first, appended to out
 * (no separators; popcount(size) * 64 digits).  Returns buf_err(out).
 */
enum at_err audit_tree_save(const struct audit_tree *t, struct buf *out);
/* Rebuild a tree of size leaves from audit_tree_save's text.  AT_EINVAL
 * when hex does not hold exactly the subtrees size needs. */
enum at_err audit_tree_load(
    struct audit_tree *t, uint64_t size, const char *hex);

/* An inclusion or consistency proof: a list of node hashes. */
struct audit_proof {
	size_t n;
	uint8_t h[AUDIT_PROOF_MAX][AUDIT_HASH_LEN];
};

/* Root of leaves[0..n), n >= 0. */
void audit_merkle_root(const uint8_t (*leaves)[AUDIT_HASH_LEN], uint64_t n,
    uint8_t out[AUDIT_HASH_LEN]);

/*
 * The audit path of leaf index (0-based) in the tree of leaves[0..n)
 * (RFC 6962 2.1.1, PATH).  AT_EINVAL if index >= n.  O(n) hashing.
 */
enum at_err audit_inclusion_proof(const uint8_t (*leaves)[AUDIT_HASH_LEN],
    uint64_t n, uint64_t index, struct audit_proof *out);

/*
 * Check that leaf sits at index in the tree of size leaves whose root
 * is root, using path (RFC 9162 2.1.3.2).  AT_OK, or AT_TAMPER when the
 * path does not lead to root, has the wrong length, or index >= size.
 */
enum at_err audit_inclusion_verify(const uint8_t leaf[AUDIT_HASH_LEN],
    uint64_t index, uint64_t size, const struct audit_proof *path,
    const uint8_t root[AUDIT_HASH_LEN]);

/*
 * The consistency proof between the first m leaves and all n leaves
 * (RFC 6962 2.1.2, PROOF).  AT_EINVAL unless 0 < m <= n.
 */
enum at_err audit_consistency_proof(const uint8_t (*leaves)[AUDIT_HASH_LEN],
    uint64_t n, uint64_t m, struct audit_proof *out);

/*
 * Check that the tree of size m with root old_root is a prefix of the
 * tree of size n with root new_root (RFC 9162 2.1.4.2).  AT_OK or
 * AT_TAMPER; AT_EINVAL unless 0 < m <= n.
 */
enum at_err audit_consistency_verify(uint64_t m, uint64_t n,
    const uint8_t old_root[AUDIT_HASH_LEN],
    const uint8_t new_root[AUDIT_HASH_LEN], const struct audit_proof *proof);

/*
 * Signed checkpoints.  A checkpoint commits to the first size entries
 * by their root; its signature is Ed25519 over the checkpoint text
 *
 *     attest-checkpoint-v1\n<size>\n<root hex>\n<time>\n
 *
 * The signing key lives in a file next to the database (DB.key) that
 * only its owner may read.
 */
#define AUDIT_SIG_LEN    64
#define AUDIT_PK_LEN     32
#define AUDIT_KEYID_LEN  8
#define AUDIT_PKHEX_LEN  65  /* public key as hex and a NUL */
#define AUDIT_SIGHEX_LEN 129 /* signature as hex and a NUL */

struct audit_checkpoint {
	uint64_t size;                   /* entries covered */
	uint8_t root[AUDIT_HASH_LEN];    /* their RFC 6962 root */
	char time[AUDIT_TIME_LEN];       /* UTC, when made */
	uint8_t key_id[AUDIT_KEYID_LEN]; /* SHA-256(public key)[0..8) */
	uint8_t sig[AUDIT_SIG_LEN];      /* Ed25519 over the text above */
};

/* Append the signed text of c (its size, root and time) to out. */
enum at_err audit_checkpoint_text(
    const struct audit_checkpoint *c, struct buf *out);

/* The key id of a public key. */
void audit_key_id(const uint8_t pk[AUDIT_PK_LEN], uint8_t out[AUDIT_KEYID_LEN]);

/* A signing key, held in locked libsodium memory.  Opaque. */
struct audit_key;

/*
 * Create a new key in a new file at path (mode 0600; AT_CONFLICT if the
 * file exists).  Returns AT_OK and *out (free with audit_key_free), or
 * AT_IO / AT_CONFLICT with d saying why.
 */
enum at_err audit_key_create(
    const char *path, struct audit_key **out, struct at_diag *d);

/*
 * Load the key at path.  Refused (AT_DENIED) when the file is not a
 * regular file owned by the caller, or group or others have any access
 * to it; AT_NOTFOUND if it does not exist; AT_EINVAL if malformed;
 * AT_IO otherwise.  d says why.
 */
enum at_err audit_key_load(
    const char *path, struct audit_key **out, struct at_diag *d);
void audit_key_free(struct audit_key *k);

/* A key from a 32-byte seed (tests and benchmarks). */
struct audit_key *audit_key_from_seed(const uint8_t seed[32]);

void audit_key_public(const struct audit_key *k, uint8_t out[AUDIT_PK_LEN]);

/* Fill c->key_id and c->sig for c's size, root and time. */
enum at_err audit_checkpoint_sign(
    struct audit_checkpoint *c, const struct audit_key *k);

/*
 * Check c's signature under pk (and that c->key_id names pk).  AT_OK or
 * AT_TAMPER.
 */
enum at_err audit_checkpoint_verify(
    const struct audit_checkpoint *c, const uint8_t pk[AUDIT_PK_LEN]);

/* Parse a public key given as 64 hex digits (surrounding white space
 * allowed).  AT_EINVAL otherwise. */
enum at_err audit_pubkey_parse(const char *s, uint8_t out[AUDIT_PK_LEN]);

/*
 * Verification of a whole log, fed one entry and checkpoint at a time
 * so it runs in constant memory over any number of entries.  Feed the
 * checkpoints first (any order), then every entry in seq order, then
 * call audit_verify_finish.  The first problem found is kept: its entry
 * (bad_seq, 0 if it concerns no single entry) and a reason.
 */
struct audit_verify;

/* pk may be NULL: then signatures are not checked (and that is said). */
struct audit_verify *audit_verify_new(const uint8_t *pk);
void audit_verify_free(struct audit_verify *v);

/* A stored checkpoint.  AT_OK, or AT_TAMPER once something failed. */
enum at_err audit_verify_checkpoint(
    struct audit_verify *v, const struct audit_checkpoint *c);

/*
 * The next stored entry: its fields (e->prev as stored) and the hash
 * stored with it.  AT_OK, or AT_TAMPER with the problem recorded.
 */
enum at_err audit_verify_entry(struct audit_verify *v,
    const struct audit_entry *e, const uint8_t stored_hash[AUDIT_HASH_LEN]);

/*
 * The same for an entry whose hash the caller computed (hash is
 * SHA-256(0x00 || audit_entry_encode(e)); e's strings are not read).
 */
enum at_err audit_verify_hashed(struct audit_verify *v, int64_t seq,
    const uint8_t prev[AUDIT_HASH_LEN], const uint8_t hash[AUDIT_HASH_LEN],
    const uint8_t stored_hash[AUDIT_HASH_LEN]);

/*
 * A two-stage pipeline over a verifier: the caller's thread encodes the
 * entries it reads into batches, a second thread hashes them and runs
 * the checks, so reading the log and hashing it overlap.  Entries must
 * still come in seq order; a failure stops the pipeline at the next
 * batch.  If no thread can be started the batches are checked in the
 * caller's thread.
 */
struct audit_pipe;

struct audit_pipe *audit_pipe_new(struct audit_verify *v);
/* Queue entry e (copied) and its stored hash.  AT_OK, or AT_TAMPER once
 * a failure is known (stop feeding then). */
enum at_err audit_pipe_entry(struct audit_pipe *p, const struct audit_entry *e,
    const uint8_t stored_hash[AUDIT_HASH_LEN]);
/* Queue a failure of the caller's (see audit_verify_fail). */
enum at_err audit_pipe_fail(struct audit_pipe *p, int64_t seq, const char *why);
/* Check everything queued, stop the thread and free p.  AT_OK or
 * AT_TAMPER (v says where). */
enum at_err audit_pipe_finish(struct audit_pipe *p);

/* Record a failure found by the caller (e.g. a stored entry or
 * checkpoint that cannot be read): entry seq (0 for none) and a
 * sentence.  Returns AT_TAMPER; a failure already recorded is kept. */
enum at_err audit_verify_fail(
    struct audit_verify *v, int64_t seq, const char *why);

/*
 * After the last entry: checkpoints beyond the log's end are missing
 * entries.  AT_OK (then *count and root are the log's size and root) or
 * AT_TAMPER.
 */
enum at_err audit_verify_finish(
    struct audit_verify *v, uint64_t *count, uint8_t root[AUDIT_HASH_LEN]);

/* After AT_TAMPER: the first bad entry (0 if none in particular) and a
 * sentence saying what did not match (borrowed from v). */
int64_t audit_verify_bad_seq(const struct audit_verify *v);
const char *audit_verify_reason(const struct audit_verify *v);
/* How many checkpoints were checked, and the size of the newest. */
uint64_t audit_verify_checkpoints(const struct audit_verify *v);
uint64_t audit_verify_signed_size(const struct audit_verify *v);

/*
 * Receipts: an entry, its leaf index, its audit path and the signed
 * checkpoint the path leads to, as one JSON document that anyone with
 * the public key can check without the database.
 */
struct audit_receipt {
	struct audit_entry entry;     /* strings owned by the receipt */
	uint8_t hash[AUDIT_HASH_LEN]; /* the entry's hash as stated */
	uint64_t leaf_index;          /* entry.seq - 1 */
	struct audit_proof path;
	struct audit_checkpoint cp;
	char *strings; /* owned storage behind entry's fields */
};

/* Write receipt r as JSON (pretty, with a trailing newline) to out. */
enum at_err audit_receipt_write(const struct audit_receipt *r, struct buf *out);

/*
 * Parse a receipt from JSON text.  AT_EINVAL with d saying what is
 * malformed.  Free with audit_receipt_fini.
 */
enum at_err audit_receipt_parse(
    const char *json, size_t len, struct audit_receipt *out, struct at_diag *d);
void audit_receipt_fini(struct audit_receipt *r);

/*
 * Check a receipt offline: the entry hashes to the stated leaf, the leaf
 * index matches its seq, the path leads from the leaf to the
 * checkpoint's root, and the checkpoint is signed by pk.  AT_OK, or
 * AT_TAMPER with d saying which check failed.
 */
enum at_err audit_receipt_verify(const struct audit_receipt *r,
    const uint8_t pk[AUDIT_PK_LEN], struct at_diag *d);

/*
 * The document hash the receipt's entry records, as hex into out: its
 * "document_sha256" (see audit_json_with_document), else its "sha256"
 * (the key letters and attached documents use).  AT_NOTFOUND if the
 * entry records neither.
 */
enum at_err audit_receipt_document(
    const struct audit_receipt *r, char out[AUDIT_HEX_LEN]);

#endif
