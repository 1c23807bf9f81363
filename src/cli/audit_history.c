/* SPDX-License-Identifier: ISC */
/*
 * `attest show KIND ID --history` and `--known-on DATE`: a record's
 * story told from the audit log.  Each entry holds the canonical JSON
 * of the record's new values (and old ones for updates), so the history
 * is a list of field changes and the record as known on a day is the
 * newest entry recorded by the end of that day.  Nothing here writes.
 */
#include "cli/audit_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/records_out.h"
#include "core/buf.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"

/* A field's value in an entry's JSON, as the user typed it. */
static void
value_text(const struct model_field *f, json_t *j, char *out, size_t n)
{
	int rc = 0;

	if (j == NULL || json_is_null(j))
		rc = snprintf(out, n, "(none)");
	else if (json_is_integer(j) && f->type == FT_CENTS)
		format_cents((int64_t)json_integer_value(j), out, n);
	else if (json_is_integer(j))
		rc = snprintf(out, n, "%lld", (long long)json_integer_value(j));
	else if (json_is_string(j))
		rc = snprintf(out, n, "%s", json_string_value(j));
	else
		rc = snprintf(out, n, "?");
	if (rc < 0 && n > 0)
		out[0] = '\0';
}

struct hist {
	enum model_kind kind;
	bool json;
	json_t *arr; /* --json: the entries */
	int64_t n;
	bool bad; /* an entry's JSON does not parse */
};

static int
hist_row(void *ctx, const struct store_audit_row *e)
{
	struct hist *h = ctx;
	const struct model_kind_desc *k = model_kind_desc(h->kind);
	json_t *nj = NULL, *oj = NULL;
	char a[1024], b[1024];

	h->n++;
	if (e->new_json != NULL)
		nj = json_loads(e->new_json, 0, NULL);
	if (e->old_json != NULL)
		oj = json_loads(e->old_json, 0, NULL);
	if ((e->new_json != NULL && nj == NULL) ||
	    (e->old_json != NULL && oj == NULL))
		h->bad = true;
	if (h->json) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:O?,s:O?}", "seq",
		    (json_int_t)e->seq, "time", e->time, "actor", e->actor,
		    "verb", e->verb, "new", nj, "old", oj);

		if (o == NULL || json_array_append_new(h->arr, o) != 0)
			at_oom();
		json_decref(nj);
		json_decref(oj);
		return 0;
	}
	printf(
	    "#%lld %s %s %s\n", (long long)e->seq, e->time, e->actor, e->verb);
	for (size_t i = 0; i < k->nfields; i++) {
		const struct model_field *f = &k->fields[i];
		json_t *nv = json_object_get(nj, f->name);
		json_t *ov = json_object_get(oj, f->name);

		if (oj == NULL) {
			if (nv == NULL || json_is_null(nv))
				continue;
			value_text(f, nv, a, sizeof(a));
			printf("  %s: %s\n", f->name, a);
			continue;
		}
		if (json_equal(nv, ov) || (nv == NULL && ov == NULL))
			continue;
		value_text(f, ov, a, sizeof(a));
		value_text(f, nv, b, sizeof(b));
		printf("  %s: %s -> %s\n", f->name, a, b);
	}
	/* What an entry records beyond the fields (e.g. a document's
	 * hash) is shown too. */
	if (nj != NULL) {
		const char *key;
		json_t *v;

		json_object_foreach(nj, key, v)
		{
			if (model_field_index(h->kind, key) >= 0 ||
			    !json_is_string(v))
				continue;
			printf("  %s: %s\n", key, json_string_value(v));
		}
	}
	json_decref(nj);
	json_decref(oj);
	return 0;
}

int
cli_audit_history(struct cli_ctx *ctx, struct store *s, enum model_kind kind,
    const char *id, bool json)
{
	const struct model_kind_desc *k = model_kind_desc(kind);
	struct hist h;
	enum at_err er;

	memset(&h, 0, sizeof(h));
	h.kind = kind;
	h.json = json;
	if (json && (h.arr = json_array()) == NULL)
		at_oom();
	er = store_audit_each_entity(s, k->name, id, hist_row, &h);
	if (er != AT_OK) {
		json_decref(h.arr);
		cli_err(ctx, "cannot read the audit log: %s", at_strerror(er));
		return cli_exit_for(er);
	}
	if (h.n == 0) {
		json_decref(h.arr);
		cli_err(ctx, "the audit log has no entry about %s \"%s\"",
		    k->singular, id);
		return CLI_USAGE;
	}
	if (json) {
		char *out = json_dumps(h.arr, JSON_INDENT(2));

		if (out == NULL)
			at_oom();
		printf("%s\n", out);
		free(out);
		json_decref(h.arr);
	}
	if (h.bad)
		cli_err(ctx,
		    "an entry's values do not parse as JSON (run "
		    "`attest audit verify`)");
	return h.bad ? CLI_CHECK : CLI_OK;
}

struct known {
	char day[AT_DATE_LEN];
	int64_t seq;
	char time[32];
	char *actor, *verb;
	char *json; /* owned: new values, NULL when the entry removed it */
};

static int
known_row(void *ctx, const struct store_audit_row *e)
{
	struct known *kn = ctx;

	if (strncmp(e->time, kn->day, AT_DATE_LEN - 1) > 0)
		return 1; /* entries come in order: the rest are later */
	kn->seq = e->seq;
	if (snprintf(kn->time, sizeof(kn->time), "%s", e->time) < 0)
		kn->time[0] = '\0';
	free(kn->actor);
	free(kn->verb);
	free(kn->json);
	kn->actor = xstrdup(e->actor);
	kn->verb = xstrdup(e->verb);
	kn->json = e->new_json != NULL ? xstrdup(e->new_json) : NULL;
	return 0;
}

/* Rebuild a record from an entry's JSON.  NULL if it does not parse. */
static struct model_record *
record_from_json(enum model_kind kind, const char *text)
{
	const struct model_kind_desc *k = model_kind_desc(kind);
	struct model_record *r;
	json_t *o;

	o = json_loads(text, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	r = model_record_new(kind);
	for (size_t i = 0; i < k->nfields; i++) {
		json_t *v = json_object_get(o, k->fields[i].name);
		char buf[4096];

		if (v == NULL || json_is_null(v))
			continue;
		value_text(&k->fields[i], v, buf, sizeof(buf));
		/* Values were valid when stored; one the model refuses
		 * now is shown as absent rather than guessed at. */
		(void)model_record_set(r, i, buf, strlen(buf), NULL);
	}
	json_decref(o);
	return r;
}

int
cli_audit_known_on(struct cli_ctx *ctx, struct store *s, enum model_kind kind,
    const char *id, struct at_date on, bool json)
{
	const struct model_kind_desc *k = model_kind_desc(kind);
	struct known kn;
	struct model_record *r = NULL;
	enum at_err er;
	int rc = CLI_OK;

	memset(&kn, 0, sizeof(kn));
	at_date_format(on, kn.day);
	er = store_audit_each_entity(s, k->name, id, known_row, &kn);
	if (er != AT_OK) {
		cli_err(ctx, "cannot read the audit log: %s", at_strerror(er));
		rc = cli_exit_for(er);
		goto out;
	}
	if (kn.seq == 0 || kn.json == NULL) {
		cli_err(ctx, "%s \"%s\" was not known on %s", k->singular, id,
		    kn.day);
		rc = CLI_USAGE;
		goto out;
	}
	if (json) {
		printf("%s\n", kn.json);
		goto out;
	}
	r = record_from_json(kind, kn.json);
	if (r == NULL) {
		cli_err(ctx,
		    "audit entry %lld does not parse (run `attest "
		    "audit verify`)",
		    (long long)kn.seq);
		rc = CLI_CHECK;
		goto out;
	}
	printf("# as known on %s: audit entry %lld, %s by %s (%s)\n", kn.day,
	    (long long)kn.seq, kn.time, kn.actor, kn.verb);
	out_fields(stdout, r);
out:
	model_record_free(r);
	free(kn.actor);
	free(kn.verb);
	free(kn.json);
	return rc;
}
