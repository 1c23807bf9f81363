/* SPDX-License-Identifier: ISC */
/*
 * Inclusion receipts as JSON, their offline verification, and the
 * document hash that letters and certifications put in their entries.
 *
 * A receipt carries the entry's fields exactly as hashed (new_json and
 * old_json as strings, never re-serialised), the entry's hash, its leaf
 * index, the audit path and the signed checkpoint the path leads to.
 * Checking one needs only the log's public key.
 */
#include "audit/audit.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/xalloc.h"

#define RECEIPT_FORMAT "attest-receipt-v1"

void
audit_document_sha256(const void *doc, size_t len, char out[AUDIT_HEX_LEN])
{
	uint8_t h[AUDIT_HASH_LEN];

	crypto_hash_sha256(h, doc, len);
	audit_hex(h, out);
}

enum at_err
audit_json_with_document(
    const char *json, const void *doc, size_t len, char **out)
{
	char hex[AUDIT_HEX_LEN];
	json_t *o = NULL;
	char *s;

	o = json_loads(json, JSON_REJECT_DUPLICATES, NULL);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return AT_EINVAL;
	}
	audit_document_sha256(doc, len, hex);
	if (json_object_set_new(o, "document_sha256", json_string(hex)) != 0)
		at_oom();
	s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		at_oom();
	*out = s;
	return AT_OK;
}

static json_t *
jhex(const uint8_t *h, size_t len)
{
	char hex[2 * AUDIT_SIG_LEN + 1];
	json_t *j;

	sodium_bin2hex(hex, sizeof(hex), h, len);
	j = json_string(hex);
	if (j == NULL)
		at_oom();
	return j;
}

static json_t *
jstr(const char *s)
{
	json_t *j = s != NULL ? json_string(s) : json_null();

	if (j == NULL)
		at_oom();
	return j;
}

static void
set(json_t *o, const char *k, json_t *v)
{
	if (v == NULL || json_object_set_new(o, k, v) != 0)
		at_oom();
}

enum at_err
audit_receipt_write(const struct audit_receipt *r, struct buf *out)
{
	const struct audit_entry *e = &r->entry;
	json_t *root, *je, *jp, *jc;
	char *s;

	root = json_object();
	je = json_object();
	jp = json_array();
	jc = json_object();
	if (root == NULL || je == NULL || jp == NULL || jc == NULL)
		at_oom();
	set(je, "seq", json_integer((json_int_t)e->seq));
	set(je, "time", jstr(e->time));
	set(je, "actor", jstr(e->actor));
	set(je, "verb", jstr(e->verb));
	set(je, "kind", jstr(e->kind));
	set(je, "entity_id", jstr(e->entity_id));
	set(je, "new_json", jstr(e->new_json));
	set(je, "old_json", jstr(e->old_json));
	set(je, "prev_hash", jhex(e->prev, AUDIT_HASH_LEN));
	set(je, "hash", jhex(r->hash, AUDIT_HASH_LEN));
	for (size_t i = 0; i < r->path.n; i++)
		if (json_array_append_new(
		        jp, jhex(r->path.h[i], AUDIT_HASH_LEN)) != 0)
			at_oom();
	set(jc, "tree_size", json_integer((json_int_t)r->cp.size));
	set(jc, "root", jhex(r->cp.root, AUDIT_HASH_LEN));
	set(jc, "time", jstr(r->cp.time));
	set(jc, "key_id", jhex(r->cp.key_id, AUDIT_KEYID_LEN));
	set(jc, "signature", jhex(r->cp.sig, AUDIT_SIG_LEN));
	set(root, "format", jstr(RECEIPT_FORMAT));
	set(root, "entry", je);
	set(root, "leaf_index", json_integer((json_int_t)r->leaf_index));
	set(root, "audit_path", jp);
	set(root, "checkpoint", jc);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		at_oom();
	buf_puts(out, s);
	buf_putc(out, '\n');
	free(s);
	return buf_err(out);
}

/* Decode exactly n bytes of hex from string member k of o. */
static bool
get_hex(json_t *o, const char *k, uint8_t *out, size_t n)
{
	const char *s = json_string_value(json_object_get(o, k));
	size_t bin = 0;
	const char *end = NULL;

	if (s == NULL || strlen(s) != 2 * n)
		return false;
	return sodium_hex2bin(out, n, s, 2 * n, NULL, &bin, &end) == 0 &&
	    bin == n && *end == '\0';
}

static bool
get_u64(json_t *o, const char *k, uint64_t min, uint64_t *out)
{
	json_t *j = json_object_get(o, k);
	json_int_t v;

	if (!json_is_integer(j))
		return false;
	v = json_integer_value(j);
	if (v < 0 || (uint64_t)v < min)
		return false;
	*out = (uint64_t)v;
	return true;
}

/* Copy string member k (or NULL when null and nullable) into the
 * receipt's string storage at *pos. */
static bool
get_str(json_t *o, const char *k, bool nullable, char *store, size_t *pos,
    const char **out)
{
	json_t *j = json_object_get(o, k);
	const char *s;
	size_t len;

	if (nullable && json_is_null(j)) {
		*out = NULL;
		return true;
	}
	s = json_string_value(j);
	if (s == NULL)
		return false;
	len = json_string_length(j);
	if (memchr(s, '\0', len) != NULL)
		return false;
	memcpy(store + *pos, s, len + 1);
	*out = store + *pos;
	*pos += len + 1;
	return true;
}

enum at_err
audit_receipt_parse(const char *text, size_t textlen, struct audit_receipt *out,
    struct at_diag *d)
{
	struct audit_receipt r;
	json_error_t jerr;
	json_t *root = NULL, *je, *jp, *jc;
	const char *time, *fmt;
	uint64_t u;
	size_t pos = 0;
	enum at_err er = AT_EINVAL;

	memset(&r, 0, sizeof(r));
	root = json_loadb(text, textlen, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		at_diag_set(d, AT_EINVAL, "", "not JSON: %s (line %d)",
		    jerr.text, jerr.line);
		goto out;
	}
	fmt = json_string_value(json_object_get(root, "format"));
	if (fmt == NULL || strcmp(fmt, RECEIPT_FORMAT) != 0) {
		at_diag_set(d, AT_EINVAL, "format", "not an %s receipt",
		    RECEIPT_FORMAT);
		goto out;
	}
	je = json_object_get(root, "entry");
	jp = json_object_get(root, "audit_path");
	jc = json_object_get(root, "checkpoint");
	if (!json_is_object(je) || !json_is_array(jp) || !json_is_object(jc)) {
		at_diag_set(d, AT_EINVAL, "",
		    "entry, audit_path or "
		    "checkpoint is missing");
		goto out;
	}
	/* All strings of the entry fit in the receipt's text. */
	r.strings = xmalloc(textlen + 8);
	if (!get_u64(je, "seq", 1, &u) || u > INT64_MAX) {
		at_diag_set(d, AT_EINVAL, "entry.seq", "missing or invalid");
		goto out;
	}
	r.entry.seq = (int64_t)u;
	time = json_string_value(json_object_get(je, "time"));
	if (time == NULL || strlen(time) >= AUDIT_TIME_LEN) {
		at_diag_set(d, AT_EINVAL, "entry.time", "missing or invalid");
		goto out;
	}
	memcpy(r.entry.time, time, strlen(time) + 1);
	if (!get_str(je, "actor", false, r.strings, &pos, &r.entry.actor) ||
	    !get_str(je, "verb", false, r.strings, &pos, &r.entry.verb) ||
	    !get_str(je, "kind", false, r.strings, &pos, &r.entry.kind) ||
	    !get_str(
	        je, "entity_id", false, r.strings, &pos, &r.entry.entity_id) ||
	    !get_str(
	        je, "new_json", true, r.strings, &pos, &r.entry.new_json) ||
	    !get_str(
	        je, "old_json", true, r.strings, &pos, &r.entry.old_json)) {
		at_diag_set(d, AT_EINVAL, "entry",
		    "a text field is missing or invalid");
		goto out;
	}
	if (!get_hex(je, "prev_hash", r.entry.prev, AUDIT_HASH_LEN) ||
	    !get_hex(je, "hash", r.hash, AUDIT_HASH_LEN)) {
		at_diag_set(d, AT_EINVAL, "entry",
		    "prev_hash or hash is "
		    "missing or invalid");
		goto out;
	}
	if (!get_u64(root, "leaf_index", 0, &r.leaf_index)) {
		at_diag_set(d, AT_EINVAL, "leaf_index", "missing or invalid");
		goto out;
	}
	if (json_array_size(jp) > AUDIT_PROOF_MAX) {
		at_diag_set(d, AT_EINVAL, "audit_path", "too long");
		goto out;
	}
	for (size_t i = 0; i < json_array_size(jp); i++) {
		const char *s = json_string_value(json_array_get(jp, i));

		if (s == NULL || audit_unhex(s, r.path.h[i]) != AT_OK) {
			at_diag_set(d, AT_EINVAL, "audit_path",
			    "element %zu is not a hash", i);
			goto out;
		}
		r.path.n = i + 1;
	}
	time = json_string_value(json_object_get(jc, "time"));
	if (!get_u64(jc, "tree_size", 1, &r.cp.size) ||
	    !get_hex(jc, "root", r.cp.root, AUDIT_HASH_LEN) ||
	    !get_hex(jc, "key_id", r.cp.key_id, AUDIT_KEYID_LEN) ||
	    !get_hex(jc, "signature", r.cp.sig, AUDIT_SIG_LEN) ||
	    time == NULL || strlen(time) >= AUDIT_TIME_LEN) {
		at_diag_set(d, AT_EINVAL, "checkpoint",
		    "a field is missing or invalid");
		goto out;
	}
	memcpy(r.cp.time, time, strlen(time) + 1);
	*out = r;
	r.strings = NULL;
	er = AT_OK;
out:
	free(r.strings);
	json_decref(root);
	return er;
}

void
audit_receipt_fini(struct audit_receipt *r)
{
	if (r == NULL)
		return;
	free(r->strings);
	r->strings = NULL;
}

enum at_err
audit_receipt_verify(const struct audit_receipt *r,
    const uint8_t pk[AUDIT_PK_LEN], struct at_diag *d)
{
	uint8_t h[AUDIT_HASH_LEN];

	if (audit_entry_hash(&r->entry, h) != AT_OK)
		return at_diag_set(
		    d, AT_TAMPER, "entry", "the entry cannot be encoded");
	if (sodium_memcmp(h, r->hash, AUDIT_HASH_LEN) != 0)
		return at_diag_set(d, AT_TAMPER, "entry",
		    "the entry does not match its stated hash");
	if ((uint64_t)r->entry.seq != r->leaf_index + 1)
		return at_diag_set(d, AT_TAMPER, "leaf_index",
		    "leaf %llu cannot hold entry %lld",
		    (unsigned long long)r->leaf_index, (long long)r->entry.seq);
	if (audit_checkpoint_verify(&r->cp, pk) != AT_OK)
		return at_diag_set(d, AT_TAMPER, "checkpoint",
		    "the checkpoint is not signed by this key");
	if (audit_inclusion_verify(
	        h, r->leaf_index, r->cp.size, &r->path, r->cp.root) != AT_OK)
		return at_diag_set(d, AT_TAMPER, "audit_path",
		    "the audit path does not lead from entry %lld to the "
		    "signed root of %llu entries",
		    (long long)r->entry.seq, (unsigned long long)r->cp.size);
	return AT_OK;
}

enum at_err
audit_receipt_document(const struct audit_receipt *r, char out[AUDIT_HEX_LEN])
{
	json_t *o;
	const char *s;
	enum at_err er = AT_NOTFOUND;

	if (r->entry.new_json == NULL)
		return AT_NOTFOUND;
	o = json_loads(r->entry.new_json, 0, NULL);
	s = json_string_value(json_object_get(o, "document_sha256"));
	if (s == NULL) /* letters and attached documents say "sha256" */
		s = json_string_value(json_object_get(o, "sha256"));
	if (s != NULL && strlen(s) == AUDIT_HEX_LEN - 1) {
		memcpy(out, s, AUDIT_HEX_LEN);
		er = AT_OK;
	}
	json_decref(o);
	return er;
}
