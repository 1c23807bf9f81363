/* SPDX-License-Identifier: ISC */
/*
 * The case tables (see store_cases.h): rows to structs and back, and the
 * audit entry that rides with every write.  No workflow rule lives here;
 * cases/ decides, this file keeps.
 */
#include "store/store_cases.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <jansson.h>

#include "audit/audit.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_int.h"

static struct store_param
T(const char *s) {
	struct store_param p;

	memset(&p, 0, sizeof(p));
	p.type = s != NULL ? SP_TEXT : SP_NULL;
	p.text = s;
	return p;
}

static struct store_param
I(int64_t n) {
	struct store_param p;

	memset(&p, 0, sizeof(p));
	p.type = SP_INT;
	p.num = n;
	return p;
}

/* Free a string this file allocated into a const field. */
static void
sfree(const char *p)
{
	free((void *)(uintptr_t)p);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int64_t
num(const char *s)
{
	int64_t n = 0;

	if (s != NULL)
		(void)parse_i64(s, strlen(s), INT64_MIN, INT64_MAX, &n);
	return n;
}

/* Add key: string or null to o. */
static void
jset(json_t *o, const char *key, const char *val)
{
	json_t *j = val != NULL ? json_string(val) : json_null();

	if (j == NULL || json_object_set_new(o, key, j) != 0)
		at_oom();
}

static void
jseti(json_t *o, const char *key, int64_t val)
{
	json_t *j = json_integer((json_int_t)val);

	if (j == NULL || json_object_set_new(o, key, j) != 0)
		at_oom();
}

/* Append the audit entry for o (consumed). */
static enum at_err
audit(struct store *s, const char *verb, const char *kind, const char *id,
    json_t *o)
{
	char *js;
	enum at_err er;

	js = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (js == NULL)
		at_oom();
	er = store_audit_append(s, verb, kind, id, js, NULL);
	free(js);
	return er;
}

static json_t *
jobj(void)
{
	json_t *o = json_object();

	if (o == NULL)
		at_oom();
	return o;
}

/* ---- cases ---- */

void
store_case_fini(struct store_case *c)
{
	if (c == NULL)
		return;
	sfree(c->notice);
	sfree(c->state);
	sfree(c->due_date);
	sfree(c->due_rule);
	sfree(c->derivation);
	sfree(c->updated);
	memset(c, 0, sizeof(*c));
}

static void
case_from_row(const struct store_row *row, struct store_case *c)
{
	memset(c, 0, sizeof(*c));
	if (row->ncols < 6)
		return;
	c->notice = dup_or_null(row->vals[0]);
	c->state = dup_or_null(row->vals[1]);
	c->due_date = dup_or_null(row->vals[2]);
	c->due_rule = dup_or_null(row->vals[3]);
	c->derivation = dup_or_null(row->vals[4]);
	c->updated = dup_or_null(row->vals[5]);
}

struct one_ctx {
	bool found;
	void *out;
	void (*fill)(const struct store_row *, void *);
};

static int
one_row(void *ctx, const struct store_row *row)
{
	struct one_ctx *o = ctx;

	o->fill(row, o->out);
	o->found = true;
	return 1;
}

static void
fill_case(const struct store_row *row, void *out)
{
	case_from_row(row, out);
}

enum at_err
store_case_get(struct store *s, const char *notice, struct store_case *out)
{
	struct store_param p = T(notice);
	struct store_case c;
	struct one_ctx o = { false, &c, fill_case };
	enum at_err er;

	memset(&c, 0, sizeof(c));
	er = s->ops->exec(s, STMT_CASES_STATE_GET, &p, 1, one_row, &o, NULL);
	if (er != AT_OK) {
		store_case_fini(&c);
		return er;
	}
	if (!o.found)
		return AT_NOTFOUND;
	*out = c;
	return AT_OK;
}

struct case_each {
	store_case_fn fn;
	void *ctx;
};

static int
case_each_row(void *ctx, const struct store_row *row)
{
	struct case_each *e = ctx;
	struct store_case c;
	int rc;

	case_from_row(row, &c);
	rc = e->fn(e->ctx, &c);
	store_case_fini(&c);
	return rc;
}

enum at_err
store_case_each(struct store *s, store_case_fn fn, void *ctx)
{
	struct case_each e = { fn, ctx };

	return s->ops->exec(
	    s, STMT_CASES_STATE_LIST, NULL, 0, case_each_row, &e, NULL);
}

static int
count_row(void *ctx, const struct store_row *row)
{
	(void)row;
	(*(int *)ctx)++;
	return 0;
}

enum at_err
store_case_step(
    struct store *s, const struct store_case_step *st, const char *due_rule)
{
	struct store_param p[10];
	struct store_case cur;
	enum at_err er;
	json_t *o;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	memset(&cur, 0, sizeof(cur));
	er = store_case_get(s, st->notice, &cur);
	if (er != AT_OK && er != AT_NOTFOUND)
		return er;
	store_case_fini(&cur);
	if ((st->from_state == NULL) != (er == AT_NOTFOUND))
		return AT_CONFLICT;
	p[0] = T(st->notice);
	p[1] = T(st->to_state);
	p[2] = T(st->due_date);
	p[3] = T(due_rule);
	p[4] = T(st->derivation);
	p[5] = T(st->on_date);
	er = s->ops->exec(s,
	    st->from_state == NULL ? STMT_CASES_STATE_INSERT
	                           : STMT_CASES_STATE_UPDATE,
	    p, 6, NULL, NULL, NULL);
	if (er != AT_OK)
		return er;
	p[0] = T(st->notice);
	p[1] = T(st->event);
	p[2] = T(st->from_state);
	p[3] = T(st->to_state);
	p[4] = T(st->on_date);
	p[5] = T(st->due_date);
	p[6] = T(st->derivation);
	p[7] = T(s->actor);
	p[8] = T(st->reason);
	p[9] = T(st->ref);
	er = s->ops->exec(s, STMT_CASES_STEP_INSERT, p, 10, NULL, NULL, NULL);
	if (er != AT_OK)
		return er;
	o = jobj();
	jset(o, "notice", st->notice);
	jset(o, "event", st->event);
	jset(o, "from", st->from_state);
	jset(o, "to", st->to_state);
	jset(o, "on_date", st->on_date);
	jset(o, "due_date", st->due_date);
	jset(o, "due_rule", due_rule);
	jset(o, "derivation", st->derivation);
	jset(o, "reason", st->reason);
	jset(o, "ref", st->ref);
	return audit(s, "transition", "cases", st->notice, o);
}

static void
step_fini(struct store_case_step *st)
{
	sfree(st->notice);
	sfree(st->event);
	sfree(st->from_state);
	sfree(st->to_state);
	sfree(st->on_date);
	sfree(st->due_date);
	sfree(st->derivation);
	sfree(st->actor);
	sfree(st->reason);
	sfree(st->ref);
}

struct step_each {
	store_case_step_fn fn;
	void *ctx;
};

static int
step_row(void *ctx, const struct store_row *row)
{
	struct step_each *e = ctx;
	struct store_case_step st;
	int rc;

	if (row->ncols < 11)
		return 1;
	memset(&st, 0, sizeof(st));
	st.id = num(row->vals[0]);
	st.notice = dup_or_null(row->vals[1]);
	st.event = dup_or_null(row->vals[2]);
	st.from_state = dup_or_null(row->vals[3]);
	st.to_state = dup_or_null(row->vals[4]);
	st.on_date = dup_or_null(row->vals[5]);
	st.due_date = dup_or_null(row->vals[6]);
	st.derivation = dup_or_null(row->vals[7]);
	st.actor = dup_or_null(row->vals[8]);
	st.reason = dup_or_null(row->vals[9]);
	st.ref = dup_or_null(row->vals[10]);
	rc = e->fn(e->ctx, &st);
	step_fini(&st);
	return rc;
}

enum at_err
store_case_step_each(
    struct store *s, const char *notice, store_case_step_fn fn, void *ctx)
{
	struct step_each e = { fn, ctx };
	struct store_param p = T(notice);

	return s->ops->exec(s, STMT_CASES_STEP_LIST, &p, 1, step_row, &e, NULL);
}

/* ---- reviews ---- */

void
store_review_fini(struct store_review *r)
{
	if (r == NULL)
		return;
	sfree(r->id);
	sfree(r->certification);
	sfree(r->notice);
	sfree(r->finding);
	sfree(r->provisions);
	sfree(r->rationale);
	sfree(r->explanation);
	sfree(r->proposer);
	sfree(r->proposed_on);
	sfree(r->status);
	sfree(r->decider);
	sfree(r->decided_on);
	sfree(r->decision_reason);
	memset(r, 0, sizeof(*r));
}

static void
fill_review(const struct store_row *row, void *out)
{
	struct store_review *r = out;

	memset(r, 0, sizeof(*r));
	if (row->ncols < 13)
		return;
	r->id = dup_or_null(row->vals[0]);
	r->certification = dup_or_null(row->vals[1]);
	r->notice = dup_or_null(row->vals[2]);
	r->finding = dup_or_null(row->vals[3]);
	r->provisions = dup_or_null(row->vals[4]);
	r->rationale = dup_or_null(row->vals[5]);
	r->explanation = dup_or_null(row->vals[6]);
	r->proposer = dup_or_null(row->vals[7]);
	r->proposed_on = dup_or_null(row->vals[8]);
	r->status = dup_or_null(row->vals[9]);
	r->decider = dup_or_null(row->vals[10]);
	r->decided_on = dup_or_null(row->vals[11]);
	r->decision_reason = dup_or_null(row->vals[12]);
}

enum at_err
store_review_insert(struct store *s, const struct store_review *r)
{
	struct store_param p[9];
	enum at_err er;
	json_t *o;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = T(r->id);
	p[1] = T(r->certification);
	p[2] = T(r->notice);
	p[3] = T(r->finding);
	p[4] = T(r->provisions);
	p[5] = T(r->rationale);
	p[6] = T(r->explanation);
	p[7] = T(r->proposer);
	p[8] = T(r->proposed_on);
	er = s->ops->exec(s, STMT_CASES_REVIEW_INSERT, p, 9, NULL, NULL, NULL);
	if (er != AT_OK)
		return er;
	o = jobj();
	jset(o, "id", r->id);
	jset(o, "certification", r->certification);
	jset(o, "notice", r->notice);
	jset(o, "finding", r->finding);
	jset(o, "provisions", r->provisions);
	jset(o, "rationale", r->rationale);
	jset(o, "explanation", r->explanation);
	jset(o, "proposer", r->proposer);
	jset(o, "proposed_on", r->proposed_on);
	jset(o, "status", "proposed");
	return audit(s, "propose", "reviews", r->id, o);
}

enum at_err
store_review_get(struct store *s, const char *id, struct store_review *out)
{
	struct store_param p = T(id);
	struct store_review r;
	struct one_ctx o = { false, &r, fill_review };
	enum at_err er;

	memset(&r, 0, sizeof(r));
	er = s->ops->exec(s, STMT_CASES_REVIEW_GET, &p, 1, one_row, &o, NULL);
	if (er != AT_OK) {
		store_review_fini(&r);
		return er;
	}
	if (!o.found)
		return AT_NOTFOUND;
	*out = r;
	return AT_OK;
}

enum at_err
store_review_decide(struct store *s, const char *id, const char *status,
    const char *decider, const char *decided_on, const char *reason)
{
	struct store_review cur;
	struct store_param p[5];
	enum at_err er;
	int n = 0;
	json_t *o;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	er = store_review_get(s, id, &cur);
	if (er != AT_OK)
		return er;
	if (cur.proposer != NULL && decider != NULL &&
	    strcmp(cur.proposer, decider) == 0) {
		store_review_fini(&cur);
		return AT_DENIED;
	}
	store_review_fini(&cur);
	p[0] = T(id);
	p[1] = T(status);
	p[2] = T(decider);
	p[3] = T(decided_on);
	p[4] = T(reason);
	er = s->ops->exec(
	    s, STMT_CASES_REVIEW_DECIDE, p, 5, count_row, &n, NULL);
	if (er != AT_OK)
		return er;
	if (n != 1)
		return AT_CONFLICT;
	o = jobj();
	jset(o, "id", id);
	jset(o, "status", status);
	jset(o, "decider", decider);
	jset(o, "decided_on", decided_on);
	jset(o, "reason", reason);
	return audit(s, strcmp(status, "approved") == 0 ? "approve" : "return",
	    "reviews", id, o);
}

struct review_each {
	store_review_fn fn;
	void *ctx;
};

static int
review_row(void *ctx, const struct store_row *row)
{
	struct review_each *e = ctx;
	struct store_review r;
	int rc;

	fill_review(row, &r);
	rc = e->fn(e->ctx, &r);
	store_review_fini(&r);
	return rc;
}

enum at_err
store_review_each(
    struct store *s, const char *certification, store_review_fn fn, void *ctx)
{
	struct review_each e = { fn, ctx };
	struct store_param p = T(certification);

	if (certification == NULL)
		return s->ops->exec(s, STMT_CASES_REVIEW_LIST_ALL, NULL, 0,
		    review_row, &e, NULL);
	return s->ops->exec(
	    s, STMT_CASES_REVIEW_LIST, &p, 1, review_row, &e, NULL);
}

/* ---- documents ---- */

enum at_err
store_document_insert(struct store *s, const struct store_document *doc)
{
	struct store_param p[6];
	enum at_err er;
	json_t *o;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = T(doc->certification);
	p[1] = T(doc->role);
	p[2] = T(doc->name);
	p[3] = I(doc->size);
	p[4] = T(doc->type);
	p[5] = T(doc->sha256);
	er = s->ops->exec(s, STMT_CASES_DOC_INSERT, p, 6, NULL, NULL, NULL);
	if (er != AT_OK)
		return er;
	if (doc->bytes != NULL) {
		/* Parameters are text on both backends: the bytes go as
		 * base64, which has no NUL and no encoding to get wrong. */
		size_t cap = sodium_base64_encoded_len(doc->len,
		    sodium_base64_VARIANT_ORIGINAL);
		char *b64 = xmalloc(cap);
		struct store_param bp[3];

		sodium_bin2base64(b64, cap, doc->bytes, doc->len,
		    sodium_base64_VARIANT_ORIGINAL);
		bp[0] = T(doc->sha256);
		bp[1] = I((int64_t)doc->len);
		bp[2] = T(b64);
		er = s->ops->exec(s, STMT_CASES_DOC_BYTES_PUT, bp, 3, NULL,
		    NULL, NULL);
		free(b64);
		if (er != AT_OK)
			return er;
	}
	o = jobj();
	jset(o, "certification", doc->certification);
	jset(o, "role", doc->role);
	jset(o, "name", doc->name);
	jseti(o, "size", doc->size);
	jset(o, "type", doc->type);
	jset(o, "sha256", doc->sha256);
	json_object_set_new(o, "kept", json_boolean(doc->bytes != NULL));
	return audit(s, "attach", "documents", doc->certification, o);
}

struct bytes_ctx {
	char *b64; /* owned */
	int64_t size;
};

static int
bytes_row(void *ctx, const struct store_row *row)
{
	struct bytes_ctx *b = ctx;

	if (row->ncols < 2 || row->vals[0] == NULL || row->vals[1] == NULL)
		return 1;
	b->size = num(row->vals[0]);
	b->b64 = xstrdup(row->vals[1]);
	return 1;
}

enum at_err
store_document_bytes_get(struct store *s, const char *sha256, char **out,
    size_t *len)
{
	struct bytes_ctx b = { NULL, 0 };
	struct store_param p = T(sha256);
	char *bin = NULL, hex[65];
	unsigned char h[crypto_hash_sha256_BYTES];
	size_t n = 0;
	enum at_err er;

	er = s->ops->exec(s, STMT_CASES_DOC_BYTES_GET, &p, 1, bytes_row, &b,
	    NULL);
	if (er != AT_OK)
		goto out;
	if (b.b64 == NULL) {
		er = AT_NOTFOUND;
		goto out;
	}
	bin = xmalloc(strlen(b.b64) + 1);
	if (sodium_base642bin((unsigned char *)bin, strlen(b.b64) + 1, b.b64,
	    strlen(b.b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) !=
	    0 || (int64_t)n != b.size) {
		er = AT_TAMPER;
		goto out;
	}
	crypto_hash_sha256(h, (const unsigned char *)bin, n);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if (strcmp(hex, sha256) != 0) {
		er = AT_TAMPER;
		goto out;
	}
	*out = bin;
	*len = n;
	bin = NULL;
out:
	free(bin);
	free(b.b64);
	return er;
}

struct doc_each {
	store_document_fn fn;
	void *ctx;
};

static int
doc_row(void *ctx, const struct store_row *row)
{
	struct doc_each *e = ctx;
	struct store_document d;
	int rc;

	if (row->ncols < 6)
		return 1;
	memset(&d, 0, sizeof(d));
	d.certification = dup_or_null(row->vals[0]);
	d.role = dup_or_null(row->vals[1]);
	d.name = dup_or_null(row->vals[2]);
	d.size = num(row->vals[3]);
	d.type = dup_or_null(row->vals[4]);
	d.sha256 = dup_or_null(row->vals[5]);
	rc = e->fn(e->ctx, &d);
	sfree(d.certification);
	sfree(d.role);
	sfree(d.name);
	sfree(d.type);
	sfree(d.sha256);
	return rc;
}

enum at_err
store_document_each(
    struct store *s, const char *certification, store_document_fn fn, void *ctx)
{
	struct doc_each e = { fn, ctx };
	struct store_param p = T(certification);

	return s->ops->exec(s, STMT_CASES_DOC_LIST, &p, 1, doc_row, &e, NULL);
}

/* ---- letters ---- */

enum at_err
store_letter_insert(struct store *s, const struct store_letter *l)
{
	struct store_param p[6];
	enum at_err er;
	json_t *o;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = T(l->notice);
	p[1] = T(l->format);
	p[2] = T(l->template);
	p[3] = I(l->size);
	p[4] = T(l->sha256);
	p[5] = T(l->rendered);
	er = s->ops->exec(s, STMT_CASES_LETTER_INSERT, p, 6, NULL, NULL, NULL);
	if (er != AT_OK)
		return er;
	o = jobj();
	jset(o, "notice", l->notice);
	jset(o, "format", l->format);
	jset(o, "template", l->template);
	jseti(o, "size", l->size);
	jset(o, "sha256", l->sha256);
	return audit(s, "render", "letters", l->notice, o);
}

struct letter_each {
	store_letter_fn fn;
	void *ctx;
};

static int
letter_row(void *ctx, const struct store_row *row)
{
	struct letter_each *e = ctx;
	struct store_letter l;
	int rc;

	if (row->ncols < 6)
		return 1;
	memset(&l, 0, sizeof(l));
	l.notice = dup_or_null(row->vals[0]);
	l.format = dup_or_null(row->vals[1]);
	l.template = dup_or_null(row->vals[2]);
	l.size = num(row->vals[3]);
	l.sha256 = dup_or_null(row->vals[4]);
	l.rendered = dup_or_null(row->vals[5]);
	rc = e->fn(e->ctx, &l);
	sfree(l.notice);
	sfree(l.format);
	sfree(l.template);
	sfree(l.sha256);
	sfree(l.rendered);
	return rc;
}

enum at_err
store_letter_each(
    struct store *s, const char *notice, store_letter_fn fn, void *ctx)
{
	struct letter_each e = { fn, ctx };
	struct store_param p = T(notice);

	return s->ops->exec(
	    s, STMT_CASES_LETTER_LIST, &p, 1, letter_row, &e, NULL);
}

/* ---- certification checks ---- */

void
store_cert_check_fini(struct store_cert_check *c)
{
	if (c == NULL)
		return;
	sfree(c->certification);
	sfree(c->notice);
	sfree(c->due_date);
	sfree(c->reason);
	memset(c, 0, sizeof(*c));
}

enum at_err
store_cert_check_insert(struct store *s, const struct store_cert_check *c)
{
	struct store_param p[7];
	enum at_err er;
	json_t *o;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = T(c->certification);
	p[1] = T(c->notice);
	p[2] = T(c->due_date);
	p[3] = c->on_time < 0 ? T(NULL) : I(c->on_time);
	p[4] = c->on_time < 0 ? T(NULL) : I(c->days_late);
	p[5] = I(c->complete ? 1 : 0);
	p[6] = T(c->reason);
	er = s->ops->exec(s, STMT_CASES_CHECK_INSERT, p, 7, NULL, NULL, NULL);
	if (er != AT_OK)
		return er;
	o = jobj();
	jset(o, "certification", c->certification);
	jset(o, "notice", c->notice);
	jset(o, "due_date", c->due_date);
	if (c->on_time < 0) {
		jset(o, "on_time", NULL);
		jset(o, "days_late", NULL);
	} else {
		if (json_object_set_new(
		        o, "on_time", json_boolean(c->on_time == 1)) != 0)
			at_oom();
		jseti(o, "days_late", c->days_late);
	}
	if (json_object_set_new(o, "complete", json_boolean(c->complete)) != 0)
		at_oom();
	jset(o, "reason", c->reason);
	return audit(s, "check", "certification_checks", c->certification, o);
}

static void
fill_check(const struct store_row *row, void *out)
{
	struct store_cert_check *c = out;

	memset(c, 0, sizeof(*c));
	if (row->ncols < 7)
		return;
	c->certification = dup_or_null(row->vals[0]);
	c->notice = dup_or_null(row->vals[1]);
	c->due_date = dup_or_null(row->vals[2]);
	c->on_time = row->vals[3] == NULL ? -1 : (int)num(row->vals[3]);
	c->days_late = num(row->vals[4]);
	c->complete = num(row->vals[5]) != 0;
	c->reason = dup_or_null(row->vals[6]);
}

enum at_err
store_cert_check_get(
    struct store *s, const char *certification, struct store_cert_check *out)
{
	struct store_param p = T(certification);
	struct store_cert_check c;
	struct one_ctx o = { false, &c, fill_check };
	enum at_err er;

	memset(&c, 0, sizeof(c));
	er = s->ops->exec(s, STMT_CASES_CHECK_GET, &p, 1, one_row, &o, NULL);
	if (er != AT_OK) {
		store_cert_check_fini(&c);
		return er;
	}
	if (!o.found)
		return AT_NOTFOUND;
	*out = c;
	return AT_OK;
}
