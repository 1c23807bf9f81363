/* SPDX-License-Identifier: ISC */
/*
 * attest audit verify|log|proof|verify-receipt|consistency|pubkey|
 * checkpoint: the audit log from the command line.  Parsing and printing
 * only; hashing, proofs and signatures are in audit/, rows in
 * store/store_audit.c.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "audit/audit.h"
#include "cli/audit_cli.h"
#include "core/buf.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"

#define FILE_MAX ((size_t)64 << 20) /* receipts, documents, key files */

static const char synopsis[] =
    "verify|log|proof|verify-receipt|consistency|pubkey|checkpoint ...\n\n"
    "  verify [--key PUBKEY]         recompute chain, tree and checkpoints\n"
    "  log [--entity KIND ID] [--since DATE] [--json]\n"
    "  proof ENTRY [--out FILE]      inclusion receipt of entry ENTRY\n"
    "  verify-receipt FILE --key PUBKEY [--document FILE]\n"
    "                                check a receipt without the database\n"
    "  consistency OLD NEW           prove the first OLD entries are a\n"
    "                                prefix of the first NEW\n"
    "  verify-consistency FILE --key PUBKEY\n"
    "                                check such a proof without the "
    "database\n"
    "  pubkey                        print the log's public key\n"
    "  checkpoint                    sign a checkpoint now\n\n"
    "PUBKEY is 64 hex digits or a file holding them; the signing key is\n"
    "--key FILE for proof, pubkey and checkpoint (default DB.key, or\n"
    "$ATTEST_KEY)";

/* Read a whole file (at most FILE_MAX bytes) into b. */
static enum at_err
read_file(const char *path, struct buf *b, struct at_diag *d)
{
	char chunk[8192];
	FILE *f;
	size_t n;

	f = fopen(path, "rb");
	if (f == NULL)
		return at_diag_set(d, errno == ENOENT ? AT_NOTFOUND : AT_IO, "",
		    "cannot open %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return at_diag_set(d, AT_IO, "", "cannot read %s", path);
	}
	fclose(f);
	if (buf_err(b) != AT_OK)
		return at_diag_set(d, AT_LIMIT, "", "%s is too large", path);
	return AT_OK;
}

/* A public key given as hex, or a file holding it. */
static int
get_pubkey(struct cli_ctx *ctx, const char *arg, uint8_t pk[AUDIT_PK_LEN])
{
	struct buf b;
	struct at_diag d;
	enum at_err er;

	if (audit_pubkey_parse(arg, pk) == AT_OK)
		return 0;
	buf_init(&b, 4096);
	at_diag_clear(&d);
	er = read_file(arg, &b, &d);
	if (er == AT_OK && audit_pubkey_parse(buf_str(&b), pk) != AT_OK)
		er = at_diag_set(&d, AT_EINVAL, "key",
		    "%s: not a public key "
		    "(64 hex digits)",
		    arg);
	buf_fini(&b);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return CLI_USAGE;
	}
	return 0;
}

/* Load the signing key (never creating one). */
static int
load_key(struct cli_ctx *ctx, const char *key_opt, struct audit_key **k)
{
	char path[4096];
	struct at_diag d;
	enum at_err er;
	int rc;

	rc = cli_audit_key_path(ctx, key_opt, path, sizeof(path));
	if (rc != 0)
		return rc;
	at_diag_clear(&d);
	er = audit_key_load(path, k, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return er == AT_IO ? CLI_STORAGE : CLI_USAGE;
	}
	return 0;
}

static int
sub_verify(struct cli_ctx *ctx)
{
	const char *keyarg = NULL;
	const struct cli_opt opts[] = {
		{ "key", &keyarg, NULL,
		    "public key to check signatures "
		    "with (default: that of DB.key)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct audit_key *k = NULL;
	struct audit_verify *v = NULL;
	struct store *s = NULL;
	uint8_t pk[AUDIT_PK_LEN], root[AUDIT_HASH_LEN];
	char hex[AUDIT_HEX_LEN];
	bool have_pk = false;
	uint64_t count = 0, signed_size;
	int64_t records = 0, bad = 0;
	struct at_diag d;
	enum at_err er;
	int rc;

	if (cli_parse(ctx, opts, "[--key PUBKEY]", pos, 0, &npos, &rc) != 0)
		return rc;
	if (keyarg != NULL) {
		rc = get_pubkey(ctx, keyarg, pk);
		if (rc != 0)
			return rc;
		have_pk = true;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	if (!have_pk) {
		char path[4096];

		at_diag_clear(&d);
		if (strncmp(ctx->db_url, "postgres", 8) == 0 &&
		    getenv("ATTEST_KEY") == NULL) {
			printf("no signing key given: signatures are not "
			       "checked (give --key PUBKEY)\n");
			goto check;
		}
		rc = cli_audit_key_path(ctx, NULL, path, sizeof(path));
		if (rc != 0)
			goto out;
		er = audit_key_load(path, &k, &d);
		if (er == AT_OK) {
			audit_key_public(k, pk);
			have_pk = true;
		} else if (er == AT_NOTFOUND)
			printf("no signing key at %s: signatures are not "
			       "checked (give --key PUBKEY)\n",
			    path);
		else {
			cli_err_diag(ctx, &d, er);
			rc = CLI_USAGE;
			goto out;
		}
	}
check:
	v = audit_verify_new(have_pk ? pk : NULL);
	er = store_audit_verify(s, v, &count, root);
	if (er == AT_TAMPER) {
		bad = audit_verify_bad_seq(v);
		if (bad > 0)
			printf("FAILED at entry %lld: %s\n", (long long)bad,
			    audit_verify_reason(v));
		else
			printf("FAILED: %s\n", audit_verify_reason(v));
		rc = CLI_CHECK;
		goto out;
	}
	if (er != AT_OK) {
		cli_err(ctx, "cannot read the audit log: %s", at_strerror(er));
		rc = cli_exit_for(er);
		goto out;
	}
	at_diag_clear(&d);
	er = store_audit_check_records(s, &records, &bad, &d);
	if (er == AT_TAMPER) {
		char msg[1024];

		at_diag_format(&d, msg, sizeof(msg));
		if (bad > 0)
			printf(
			    "FAILED at entry %lld: %s\n", (long long)bad, msg);
		else
			printf("FAILED: %s\n", msg);
		rc = CLI_CHECK;
		goto out;
	}
	if (er != AT_OK) {
		cli_err(ctx, "cannot read the records: %s", at_strerror(er));
		rc = cli_exit_for(er);
		goto out;
	}
	audit_hex(root, hex);
	signed_size = audit_verify_signed_size(v);
	printf("ok: %llu entries, root %s\n", (unsigned long long)count, hex);
	printf("%llu checkpoints %s; the newest covers %llu entries\n",
	    (unsigned long long)audit_verify_checkpoints(v),
	    have_pk ? "verified" : "checked (signatures not checked)",
	    (unsigned long long)signed_size);
	printf("%lld records match their newest audit entries\n",
	    (long long)records);
	if (signed_size < count)
		printf("entries %llu..%llu are not yet covered by a "
		       "checkpoint (`attest audit checkpoint` signs them)\n",
		    (unsigned long long)signed_size + 1,
		    (unsigned long long)count);
	rc = CLI_OK;
out:
	audit_verify_free(v);
	audit_key_free(k);
	store_close(s);
	return rc;
}

struct log_ctx {
	const char *since; /* YYYY-MM-DD or NULL */
	json_t *arr;       /* --json */
	int64_t n;
};

static int
log_row(void *ctx, const struct store_audit_row *e)
{
	struct log_ctx *l = ctx;

	if (l->since != NULL && strncmp(e->time, l->since, AT_DATE_LEN - 1) < 0)
		return 0;
	l->n++;
	if (l->arr != NULL) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s?,s:s?,"
		                      "s:s,s:s}",
		    "seq", (json_int_t)e->seq, "time", e->time, "actor",
		    e->actor, "verb", e->verb, "kind", e->kind, "entity_id",
		    e->entity_id, "new_json", e->new_json, "old_json",
		    e->old_json, "prev_hash", e->prev_hash, "hash", e->hash);

		if (o == NULL || json_array_append_new(l->arr, o) != 0)
			at_oom();
		return 0;
	}
	printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)e->seq, e->time,
	    e->actor, e->verb, e->kind, e->entity_id);
	return 0;
}

static int
sub_log(struct cli_ctx *ctx)
{
	const char *entity = NULL, *since = NULL;
	bool json = false;
	const struct cli_opt opts[] = {
		{ "entity", &entity, NULL,
		    "KIND: only entries about this "
		    "record (its ID follows)" },
		{ "since", &since, NULL,
		    "only entries recorded on or after "
		    "DATE (YYYY-MM-DD, UTC)" },
		{ "json", NULL, &json, "entries as a JSON array" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct log_ctx l;
	struct at_date day;
	enum model_kind kind;
	struct store *s = NULL;
	char dstr[AT_DATE_LEN];
	enum at_err er;
	int rc;

	if (cli_parse(ctx, opts, "[--entity KIND ID] [--since DATE] [--json]",
	        pos, 1, &npos, &rc) != 0)
		return rc;
	if ((entity != NULL) != (npos == 1)) {
		cli_err(ctx,
		    "usage: attest audit log [--entity KIND ID] "
		    "[--since DATE]");
		return CLI_USAGE;
	}
	/* A model kind by either of its names; other entries (letters,
	 * cases, documents, user, ...) by the kind they record. */
	if (entity != NULL && model_kind_lookup(entity, &kind) == AT_OK)
		entity = model_kind_desc(kind)->name;
	memset(&l, 0, sizeof(l));
	if (since != NULL) {
		if (at_date_parse_str(since, &day) != AT_OK) {
			cli_err(ctx,
			    "--since: \"%s\" is not a date "
			    "(YYYY-MM-DD)",
			    since);
			return CLI_USAGE;
		}
		at_date_format(day, dstr);
		l.since = dstr;
	}
	if (json && (l.arr = json_array()) == NULL)
		at_oom();
	rc = cli_open_store(ctx, &s);
	if (rc != 0) {
		json_decref(l.arr);
		return rc;
	}
	if (entity != NULL)
		er = store_audit_each_entity(s, entity, pos[0], log_row, &l);
	else
		er = store_audit_each(s, 1, log_row, &l);
	store_close(s);
	if (er != AT_OK) {
		json_decref(l.arr);
		cli_err(ctx, "cannot read the audit log: %s", at_strerror(er));
		return cli_exit_for(er);
	}
	if (l.arr != NULL) {
		char *out = json_dumps(l.arr, JSON_INDENT(2));

		if (out == NULL)
			at_oom();
		printf("%s\n", out);
		free(out);
		json_decref(l.arr);
	}
	return CLI_OK;
}

struct entry_copy {
	struct audit_entry e;
	uint8_t hash[AUDIT_HASH_LEN];
	char *actor, *verb, *kind, *id, *nj, *oj; /* owned */
	bool bad;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
copy_row(void *ctx, const struct store_audit_row *row)
{
	struct entry_copy *c = ctx;
	const char *why = NULL;

	if (store_audit_row_entry(row, &c->e, c->hash, &why) != AT_OK) {
		c->bad = true;
		return 1;
	}
	c->actor = xstrdup(row->actor);
	c->verb = xstrdup(row->verb);
	c->kind = xstrdup(row->kind);
	c->id = xstrdup(row->entity_id);
	c->nj = dup_or_null(row->new_json);
	c->oj = dup_or_null(row->old_json);
	c->e.actor = c->actor;
	c->e.verb = c->verb;
	c->e.kind = c->kind;
	c->e.entity_id = c->id;
	c->e.new_json = c->nj;
	c->e.old_json = c->oj;
	return 1;
}

static void
entry_copy_fini(struct entry_copy *c)
{
	free(c->actor);
	free(c->verb);
	free(c->kind);
	free(c->id);
	free(c->nj);
	free(c->oj);
}

static int
sub_proof(struct cli_ctx *ctx)
{
	const char *keyopt = NULL, *outpath = NULL;
	const struct cli_opt opts[] = {
		{ "key", &keyopt, NULL, "signing key file (default DB.key)" },
		{ "out", &outpath, NULL, "write the receipt to FILE" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct store *s = NULL;
	struct audit_key *k = NULL;
	struct audit_receipt r;
	struct entry_copy c;
	uint8_t(*leaves)[AUDIT_HASH_LEN] = NULL;
	uint8_t pk[AUDIT_PK_LEN];
	struct at_diag d;
	struct buf b;
	bool made;
	int64_t seq;
	enum at_err er;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	buf_init(&b, FILE_MAX);
	if (cli_parse(ctx, opts, "ENTRY [--out FILE] [--key FILE]", pos, 1,
	        &npos, &rc) != 0)
		goto out;
	if (npos != 1 ||
	    parse_i64(pos[0], strlen(pos[0]), 1, INT64_MAX, &seq) != AT_OK) {
		cli_err(ctx,
		    "usage: attest audit proof ENTRY (an entry "
		    "number, see `attest audit log`)");
		rc = CLI_USAGE;
		goto out;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		goto out;
	rc = load_key(ctx, keyopt, &k);
	if (rc != 0)
		goto out;
	er = store_audit_get(s, seq, copy_row, &c);
	if (er == AT_OK && c.bad)
		er = AT_TAMPER;
	if (er != AT_OK) {
		if (er == AT_NOTFOUND)
			cli_err(ctx, "there is no entry %lld", (long long)seq);
		else
			cli_err(ctx, "entry %lld: %s", (long long)seq,
			    at_strerror(er));
		rc = er == AT_NOTFOUND ? CLI_USAGE : cli_exit_for(er);
		goto out;
	}
	/* Sign the log as it stands, so the receipt covers the entry. */
	at_diag_clear(&d);
	er = store_checkpoint_write(s, k, &r.cp, &made, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		rc = cli_exit_for(er);
		goto out;
	}
	er = store_audit_leaves(s, r.cp.size, &leaves);
	if (er == AT_OK)
		er = audit_inclusion_proof(
		    (const uint8_t(*)[AUDIT_HASH_LEN])leaves, r.cp.size,
		    (uint64_t)seq - 1, &r.path);
	if (er != AT_OK) {
		cli_err(ctx,
		    "cannot make the proof: %s (run `attest audit "
		    "verify`)",
		    at_strerror(er));
		rc = cli_exit_for(er);
		goto out;
	}
	r.entry = c.e;
	memcpy(r.hash, c.hash, AUDIT_HASH_LEN);
	r.leaf_index = (uint64_t)seq - 1;
	/* Never hand out a receipt that does not verify. */
	audit_key_public(k, pk);
	at_diag_clear(&d);
	er = audit_receipt_verify(&r, pk, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		cli_err(ctx,
		    "the stored log does not support entry %lld "
		    "(run `attest audit verify`)",
		    (long long)seq);
		rc = CLI_CHECK;
		goto out;
	}
	er = audit_receipt_write(&r, &b);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		rc = cli_exit_for(er);
		goto out;
	}
	if (outpath != NULL) {
		FILE *f = fopen(outpath, "wb");

		if (f == NULL ||
		    fwrite(buf_str(&b), 1, buf_len(&b), f) != buf_len(&b)) {
			cli_err(ctx, "cannot write %s: %s", outpath,
			    strerror(errno));
			if (f != NULL)
				fclose(f);
			rc = CLI_STORAGE;
			goto out;
		}
		if (fclose(f) != 0) {
			cli_err(ctx, "cannot write %s", outpath);
			rc = CLI_STORAGE;
			goto out;
		}
		fprintf(stderr, "receipt for entry %lld written to %s\n",
		    (long long)seq, outpath);
	} else
		fwrite(buf_str(&b), 1, buf_len(&b), stdout);
	rc = CLI_OK;
out:
	free(leaves);
	entry_copy_fini(&c);
	audit_key_free(k);
	store_close(s);
	buf_fini(&b);
	return rc;
}

static int
sub_verify_receipt(struct cli_ctx *ctx)
{
	const char *keyarg = NULL, *docpath = NULL;
	const struct cli_opt opts[] = {
		{ "key", &keyarg, NULL,
		    "the log's public key (hex, or a file "
		    "holding it)" },
		{ "document", &docpath, NULL,
		    "also check that the entry "
		    "records this document's SHA-256" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct audit_receipt r;
	struct at_diag d;
	struct buf b, doc;
	uint8_t pk[AUDIT_PK_LEN];
	char want[AUDIT_HEX_LEN], got[AUDIT_HEX_LEN];
	bool parsed = false;
	enum at_err er;
	int rc;

	memset(&r, 0, sizeof(r));
	buf_init(&b, FILE_MAX);
	buf_init(&doc, FILE_MAX);
	if (cli_parse(ctx, opts, "FILE --key PUBKEY [--document FILE]", pos, 1,
	        &npos, &rc) != 0)
		goto out;
	if (npos != 1 || keyarg == NULL) {
		cli_err(ctx,
		    "usage: attest audit verify-receipt FILE --key "
		    "PUBKEY");
		rc = CLI_USAGE;
		goto out;
	}
	rc = get_pubkey(ctx, keyarg, pk);
	if (rc != 0)
		goto out;
	at_diag_clear(&d);
	er = read_file(pos[0], &b, &d);
	if (er == AT_OK) {
		er = audit_receipt_parse(buf_str(&b), buf_len(&b), &r, &d);
		parsed = er == AT_OK;
	}
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		printf("REFUSED: %s is not a readable receipt\n", pos[0]);
		rc = er == AT_IO ? CLI_STORAGE : CLI_CHECK;
		goto out;
	}
	at_diag_clear(&d);
	er = audit_receipt_verify(&r, pk, &d);
	if (er != AT_OK) {
		char msg[1024];

		at_diag_format(&d, msg, sizeof(msg));
		printf("REFUSED: %s\n", msg);
		rc = CLI_CHECK;
		goto out;
	}
	if (docpath != NULL) {
		at_diag_clear(&d);
		er = read_file(docpath, &doc, &d);
		if (er != AT_OK) {
			cli_err_diag(ctx, &d, er);
			rc = CLI_USAGE;
			goto out;
		}
		audit_document_sha256(buf_str(&doc), buf_len(&doc), got);
		if (audit_receipt_document(&r, want) != AT_OK) {
			printf("REFUSED: the entry records no document\n");
			rc = CLI_CHECK;
			goto out;
		}
		if (strcmp(want, got) != 0) {
			printf("REFUSED: %s is not the document the entry "
			       "records (sha256 %s, recorded %s)\n",
			    docpath, got, want);
			rc = CLI_CHECK;
			goto out;
		}
	}
	printf("ok: entry %lld (%s %s %s by %s, %s) is in the log of %llu "
	       "entries signed %s\n",
	    (long long)r.entry.seq, r.entry.verb, r.entry.kind,
	    r.entry.entity_id, r.entry.actor, r.entry.time,
	    (unsigned long long)r.cp.size, r.cp.time);
	if (docpath != NULL)
		printf("ok: %s is the recorded document (sha256 %s)\n", docpath,
		    got);
	rc = CLI_OK;
out:
	if (parsed)
		audit_receipt_fini(&r);
	buf_fini(&b);
	buf_fini(&doc);
	return rc;
}

static void
put_proof(json_t *o, const char *k, const struct audit_proof *p)
{
	json_t *a = json_array();
	char hex[AUDIT_HEX_LEN];

	if (a == NULL)
		at_oom();
	for (size_t i = 0; i < p->n; i++) {
		audit_hex(p->h[i], hex);
		if (json_array_append_new(a, json_string(hex)) != 0)
			at_oom();
	}
	if (json_object_set_new(o, k, a) != 0)
		at_oom();
}

static int
sub_consistency(struct cli_ctx *ctx)
{
	const struct cli_opt opts[] = { { NULL, NULL, NULL, NULL } };
	const char *pos[2];
	size_t npos;
	struct store *s = NULL;
	uint8_t(*leaves)[AUDIT_HASH_LEN] = NULL;
	uint8_t r1[AUDIT_HASH_LEN], r2[AUDIT_HASH_LEN];
	char h1[AUDIT_HEX_LEN], h2[AUDIT_HEX_LEN];
	struct audit_proof p;
	struct audit_checkpoint cp;
	json_t *o = NULL;
	int64_t m, n, count = 0;
	char *text;
	enum at_err er;
	int rc;

	if (cli_parse(ctx, opts, "OLD NEW", pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2 ||
	    parse_i64(pos[0], strlen(pos[0]), 1, INT64_MAX, &m) != AT_OK ||
	    parse_i64(pos[1], strlen(pos[1]), 1, INT64_MAX, &n) != AT_OK ||
	    m > n) {
		cli_err(ctx,
		    "usage: attest audit consistency OLD NEW (tree "
		    "sizes, 0 < OLD <= NEW)");
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	er = store_audit_count(s, &count);
	if (er == AT_OK && n > count) {
		cli_err(ctx, "the log has only %lld entries", (long long)count);
		rc = CLI_USAGE;
		goto out;
	}
	if (er == AT_OK)
		er = store_audit_leaves(s, (uint64_t)n, &leaves);
	if (er == AT_OK)
		er = audit_consistency_proof(
		    (const uint8_t(*)[AUDIT_HASH_LEN])leaves, (uint64_t)n,
		    (uint64_t)m, &p);
	if (er != AT_OK) {
		cli_err(ctx, "cannot make the proof: %s", at_strerror(er));
		rc = cli_exit_for(er);
		goto out;
	}
	audit_merkle_root(
	    (const uint8_t(*)[AUDIT_HASH_LEN])leaves, (uint64_t)m, r1);
	audit_merkle_root(
	    (const uint8_t(*)[AUDIT_HASH_LEN])leaves, (uint64_t)n, r2);
	audit_hex(r1, h1);
	audit_hex(r2, h2);
	o = json_pack("{s:I,s:s,s:I,s:s}", "old_size", (json_int_t)m,
	    "old_root", h1, "new_size", (json_int_t)n, "new_root", h2);
	if (o == NULL)
		at_oom();
	put_proof(o, "proof", &p);
	rc = CLI_OK;
	if (audit_consistency_verify((uint64_t)m, (uint64_t)n, r1, r2, &p) !=
	    AT_OK) {
		cli_err(ctx, "the proof does not verify");
		rc = CLI_CHECK;
	}
	/* Where a checkpoint signed either size, its root must agree. */
	/* Where a checkpoint signed either size, its root must agree,
	 * and its signature goes with the proof. */
	for (int i = 0; i < 2; i++) {
		uint64_t size = (uint64_t)(i == 0 ? m : n);
		const uint8_t *want = i == 0 ? r1 : r2;
		char kid[2 * AUDIT_KEYID_LEN + 1], sig[AUDIT_SIGHEX_LEN];

		if (store_checkpoint_get(s, size, &cp) != AT_OK)
			continue;
		if (sodium_memcmp(cp.root, want, AUDIT_HASH_LEN) != 0) {
			cli_err(ctx,
			    "the checkpoint of %llu entries signed another "
			    "root",
			    (unsigned long long)size);
			rc = CLI_CHECK;
			continue;
		}
		sodium_bin2hex(kid, sizeof(kid), cp.key_id, AUDIT_KEYID_LEN);
		sodium_bin2hex(sig, sizeof(sig), cp.sig, AUDIT_SIG_LEN);
		if (json_object_set_new(o,
		        i == 0 ? "old_checkpoint" : "new_checkpoint",
		        json_pack("{s:s,s:s,s:s}", "time", cp.time, "key_id",
		            kid, "signature", sig)) != 0)
			at_oom();
	}
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text == NULL)
		at_oom();
	printf("%s\n", text);
	free(text);
out:
	json_decref(o);
	free(leaves);
	store_close(s);
	return rc;
}

/* 64 hex digits from member k of o into out. */
static bool
json_hash(json_t *o, const char *k, uint8_t out[AUDIT_HASH_LEN])
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL && audit_unhex(s, out) == AT_OK;
}

/* Check the checkpoint member k of o (if present) for size and root.
 * Returns 1 if present and good, 0 if absent, -1 if bad. */
static int
check_cp_member(json_t *o, const char *k, uint64_t size,
    const uint8_t root[AUDIT_HASH_LEN], const uint8_t pk[AUDIT_PK_LEN])
{
	json_t *c = json_object_get(o, k);
	struct audit_checkpoint cp;
	const char *time, *kid, *sig;
	size_t bin = 0;

	if (c == NULL)
		return 0;
	time = json_string_value(json_object_get(c, "time"));
	kid = json_string_value(json_object_get(c, "key_id"));
	sig = json_string_value(json_object_get(c, "signature"));
	memset(&cp, 0, sizeof(cp));
	if (time == NULL || kid == NULL || sig == NULL ||
	    strlen(time) >= AUDIT_TIME_LEN ||
	    strlen(kid) != 2 * AUDIT_KEYID_LEN ||
	    strlen(sig) != 2 * AUDIT_SIG_LEN ||
	    sodium_hex2bin(cp.key_id, AUDIT_KEYID_LEN, kid, strlen(kid), NULL,
	        &bin, NULL) != 0 ||
	    sodium_hex2bin(
	        cp.sig, AUDIT_SIG_LEN, sig, strlen(sig), NULL, &bin, NULL) != 0)
		return -1;
	cp.size = size;
	memcpy(cp.root, root, AUDIT_HASH_LEN);
	memcpy(cp.time, time, strlen(time) + 1);
	return audit_checkpoint_verify(&cp, pk) == AT_OK ? 1 : -1;
}

static int
sub_verify_consistency(struct cli_ctx *ctx)
{
	const char *keyarg = NULL;
	const struct cli_opt opts[] = {
		{ "key", &keyarg, NULL,
		    "the log's public key (hex, or a file holding it)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct at_diag d;
	struct audit_proof p;
	struct buf b;
	json_t *o = NULL, *arr;
	uint8_t pk[AUDIT_PK_LEN], r1[AUDIT_HASH_LEN], r2[AUDIT_HASH_LEN];
	json_int_t m, n;
	int c1, c2, rc;

	buf_init(&b, FILE_MAX);
	if (cli_parse(ctx, opts, "FILE --key PUBKEY", pos, 1, &npos, &rc) != 0)
		goto out;
	if (npos != 1 || keyarg == NULL) {
		cli_err(ctx,
		    "usage: attest audit verify-consistency FILE --key PUBKEY");
		rc = CLI_USAGE;
		goto out;
	}
	rc = get_pubkey(ctx, keyarg, pk);
	if (rc != 0)
		goto out;
	at_diag_clear(&d);
	if (read_file(pos[0], &b, &d) != AT_OK) {
		cli_err_diag(ctx, &d, AT_IO);
		rc = CLI_USAGE;
		goto out;
	}
	o = json_loadb(buf_str(&b), buf_len(&b), JSON_REJECT_DUPLICATES, NULL);
	arr = json_object_get(o, "proof");
	m = json_integer_value(json_object_get(o, "old_size"));
	n = json_integer_value(json_object_get(o, "new_size"));
	memset(&p, 0, sizeof(p));
	if (!json_is_object(o) || !json_is_array(arr) || m < 1 || n < m ||
	    !json_hash(o, "old_root", r1) || !json_hash(o, "new_root", r2) ||
	    json_array_size(arr) > AUDIT_PROOF_MAX) {
		printf("REFUSED: %s is not a consistency proof\n", pos[0]);
		rc = CLI_CHECK;
		goto out;
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *h = json_string_value(json_array_get(arr, i));

		if (h == NULL || audit_unhex(h, p.h[i]) != AT_OK) {
			printf("REFUSED: proof element %zu is not a hash\n", i);
			rc = CLI_CHECK;
			goto out;
		}
		p.n = i + 1;
	}
	if (audit_consistency_verify((uint64_t)m, (uint64_t)n, r1, r2, &p) !=
	    AT_OK) {
		printf("REFUSED: the proof does not lead from the old root to "
		       "the new one\n");
		rc = CLI_CHECK;
		goto out;
	}
	c1 = check_cp_member(o, "old_checkpoint", (uint64_t)m, r1, pk);
	c2 = check_cp_member(o, "new_checkpoint", (uint64_t)n, r2, pk);
	if (c1 < 0 || c2 < 0) {
		printf("REFUSED: the %s checkpoint is not signed by this key\n",
		    c1 < 0 ? "old" : "new");
		rc = CLI_CHECK;
		goto out;
	}
	printf("ok: the log of %lld entries is a prefix of the log of %lld\n",
	    (long long)m, (long long)n);
	printf("signed: old root %s, new root %s\n", c1 > 0 ? "yes" : "no",
	    c2 > 0 ? "yes" : "no");
	rc = CLI_OK;
out:
	json_decref(o);
	buf_fini(&b);
	return rc;
}

static int
sub_pubkey(struct cli_ctx *ctx)
{
	const char *keyopt = NULL;
	const struct cli_opt opts[] = {
		{ "key", &keyopt, NULL, "signing key file (default DB.key)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct audit_key *k = NULL;
	uint8_t pk[AUDIT_PK_LEN];
	char hex[AUDIT_PKHEX_LEN];
	int rc;

	if (cli_parse(ctx, opts, "[--key FILE]", pos, 0, &npos, &rc) != 0)
		return rc;
	rc = load_key(ctx, keyopt, &k);
	if (rc != 0)
		return rc;
	audit_key_public(k, pk);
	audit_key_free(k);
	sodium_bin2hex(hex, sizeof(hex), pk, sizeof(pk));
	printf("%s\n", hex);
	return CLI_OK;
}

static int
sub_checkpoint(struct cli_ctx *ctx)
{
	const char *keyopt = NULL;
	const struct cli_opt opts[] = {
		{ "key", &keyopt, NULL, "signing key file (default DB.key)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct store *s = NULL;
	struct audit_key *k = NULL;
	struct audit_checkpoint cp;
	struct at_diag d;
	char hex[AUDIT_HEX_LEN];
	bool made = false;
	enum at_err er;
	int rc;

	if (cli_parse(ctx, opts, "[--key FILE]", pos, 0, &npos, &rc) != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	/* Creates the key if the log has never been signed. */
	rc = cli_audit_checkpoint(ctx, s, keyopt);
	if (rc != 0)
		goto out;
	rc = load_key(ctx, keyopt, &k);
	if (rc != 0)
		goto out;
	at_diag_clear(&d);
	er = store_checkpoint_write(s, k, &cp, &made, &d);
	if (er == AT_NOTFOUND) {
		printf("the log is empty: nothing to sign\n");
		rc = CLI_OK;
		goto out;
	}
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		rc = cli_exit_for(er);
		goto out;
	}
	audit_hex(cp.root, hex);
	printf("%s checkpoint: %llu entries, root %s, signed %s\n",
	    made ? "new" : "current", (unsigned long long)cp.size, hex,
	    cp.time);
	rc = CLI_OK;
out:
	audit_key_free(k);
	store_close(s);
	return rc;
}

static const struct {
	const char *name;
	const char *full; /* for messages: "attest audit verify: ..." */
	int (*fn)(struct cli_ctx *);
} subs[] = {
	{ "verify", "audit verify", sub_verify },
	{ "log", "audit log", sub_log },
	{ "proof", "audit proof", sub_proof },
	{ "verify-receipt", "audit verify-receipt", sub_verify_receipt },
	{ "consistency", "audit consistency", sub_consistency },
	{ "verify-consistency", "audit verify-consistency",
	    sub_verify_consistency },
	{ "pubkey", "audit pubkey", sub_pubkey },
	{ "checkpoint", "audit checkpoint", sub_checkpoint },
};

int
cmd_audit(struct cli_ctx *ctx)
{
	struct cli_ctx sub;

	if (ctx->argc < 1) {
		fprintf(stderr, "usage: attest audit %s\n", synopsis);
		return CLI_USAGE;
	}
	if (strcmp(ctx->argv[0], "--help") == 0) {
		printf("usage: attest audit %s\n", synopsis);
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		if (strcmp(ctx->argv[0], subs[i].name) != 0)
			continue;
		sub = *ctx;
		sub.cmd = subs[i].full;
		sub.argc = ctx->argc - 1;
		sub.argv = ctx->argv + 1;
		return subs[i].fn(&sub);
	}
	cli_err(ctx, "unknown subcommand \"%s\" (see attest audit --help)",
	    ctx->argv[0]);
	return CLI_USAGE;
}
