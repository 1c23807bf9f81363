/* SPDX-License-Identifier: ISC */
/*
 * The backend-independent half of the store: records to parameters and
 * back, transactions, and the audit append that rides in every write
 * transaction.  SQL text lives only in sql_<backend>.c.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit/audit.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store_int.h"

enum at_err
store_open(const char *url, struct store **out, struct at_diag *d)
{
	struct store *s;
	enum at_err er;

	if (url == NULL || url[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "db", "no database given");
	s = xcalloc(1, sizeof(*s));
	store_set_actor(s, "system");
	if (store_pg_is_conninfo(url))
		er = store_pg_open(url, s, d);
	else
		er = store_sqlite_open(url, s, d);
	if (er != AT_OK) {
		free(s);
		return er;
	}
	er = store_migrate(s, s->migrations, d);
	if (er != AT_OK) {
		store_close(s);
		return er;
	}
	*out = s;
	return AT_OK;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	store_rollback(s);
	s->ops->close(s);
	free(s);
}

const char *
store_backend(const struct store *s)
{
	return s->ops->name;
}

void
store_set_actor(struct store *s, const char *actor)
{
	int rc;

	rc = snprintf(s->actor, sizeof(s->actor), "%s", actor);
	if (rc < 0)
		s->actor[0] = '\0';
}

void
store_set_bulk(struct store *s, bool on)
{
	s->bulk = on;
}

/* Keep the reason of a failed begin or commit for store_why. */
static enum at_err
keep_why(struct store *s, enum at_err er, const struct at_diag *d)
{
	int rc;

	rc = snprintf(s->why, sizeof(s->why), "%s",
	    d->msg[0] != '\0' ? d->msg : at_strerror(er));
	if (rc < 0)
		s->why[0] = '\0';
	return er;
}

enum at_err
store_begin(struct store *s)
{
	struct at_diag d;
	enum at_err er;

	if (s->tx_depth != 0)
		return AT_CONFLICT;
	at_diag_clear(&d);
	if (s->readonly) {
		at_diag_set(&d, AT_DB, "", "the database is read-only here "
		    "(a read-only file system or no write permission)");
		return keep_why(s, AT_DB, &d);
	}
	er = s->ops->exec(s, STMT_BEGIN, NULL, 0, NULL, NULL, &d);
	if (er != AT_OK)
		return keep_why(s, er, &d);
	s->tx_depth = 1;
	s->audit_cached = false;
	return AT_OK;
}

enum at_err
store_commit(struct store *s)
{
	struct at_diag d;
	enum at_err er;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	at_diag_clear(&d);
	er = s->ops->exec(s, STMT_COMMIT, NULL, 0, NULL, NULL, &d);
	if (er != AT_OK) {
		store_rollback(s);
		return keep_why(s, er, &d);
	}
	s->tx_depth = 0;
	s->audit_cached = false;
	return AT_OK;
}

const char *
store_why(const struct store *s)
{
	return s->why;
}

bool
store_readonly(const struct store *s)
{
	return s->readonly;
}

void
store_rollback(struct store *s)
{
	if (s->tx_depth == 0)
		return;
	(void)s->ops->exec(s, STMT_ROLLBACK, NULL, 0, NULL, NULL, NULL);
	s->tx_depth = 0;
	s->audit_cached = false;
}

/* Parameters for every field of r, in descriptor order. */
static void
record_params(const struct model_record *r, struct store_param *p)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);

	for (size_t i = 0; i < k->nfields; i++) {
		const struct model_value *v = &r->v[i];
		enum field_type t = k->fields[i].type;

		memset(&p[i], 0, sizeof(p[i]));
		if (v->is_null)
			p[i].type = SP_NULL;
		else if (t == FT_INT || t == FT_CENTS) {
			p[i].type = SP_INT;
			p[i].num = v->num;
		} else {
			p[i].type = SP_TEXT;
			p[i].text = v->text;
		}
	}
}

char *
store_record_json(const struct model_record *r)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	json_t *o;
	char *out;

	o = json_object();
	if (o == NULL)
		at_oom();
	for (size_t i = 0; i < k->nfields; i++) {
		const struct model_value *v = &r->v[i];
		enum field_type t = k->fields[i].type;
		json_t *j;

		if (v->is_null)
			j = json_null();
		else if (t == FT_INT || t == FT_CENTS)
			j = json_integer((json_int_t)v->num);
		else
			j = json_string(v->text);
		if (j == NULL || json_object_set_new(o, k->fields[i].name, j))
			at_oom();
	}
	out = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (out == NULL)
		at_oom();
	return out;
}

enum at_err
store_record_insert(struct store *s, const struct model_record *r,
    struct at_diag *d)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	struct store_param p[MODEL_FIELDS_MAX];
	enum at_err er;
	char *json;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	record_params(r, p);
	er = s->ops->exec(s, store_kind_stmt(r->kind, STORE_OP_INSERT), p,
	    k->nfields, NULL, NULL, d);
	if (er == AT_CONFLICT)
		return at_diag_set(d, AT_CONFLICT, "id",
		    "%s \"%s\" already exists", k->singular,
		    model_record_id(r));
	if (er != AT_OK)
		return er;
	json = store_record_json(r);
	er = store_audit_append(s, "insert", k->name, model_record_id(r), json,
	    NULL);
	free(json);
	return er;
}

/* Build a record from a row whose columns follow the descriptor. */
static struct model_record *
row_record(enum model_kind kind, const struct store_row *row)
{
	const struct model_kind_desc *k = model_kind_desc(kind);
	struct model_record *r;

	r = model_record_new(kind);
	for (size_t i = 0; i < k->nfields && i < row->ncols; i++) {
		const char *v = row->vals[i];
		enum field_type t = k->fields[i].type;

		if (v == NULL)
			continue;
		r->v[i].is_null = false;
		r->v[i].text = xstrdup(v);
		if (t == FT_INT || t == FT_CENTS) {
			int64_t n = 0;

			/* Stored by us as integers; a bad value would be
			 * tampering, caught by the audit verifier. */
			(void)parse_i64(v, strlen(v), INT64_MIN, INT64_MAX, &n);
			r->v[i].num = n;
			if (t == FT_CENTS) {
				char tmp[32];

				format_cents(n, tmp, sizeof(tmp));
				free(r->v[i].text);
				r->v[i].text = xstrdup(tmp);
			}
		}
	}
	return r;
}

struct get_ctx {
	enum model_kind kind;
	struct model_record *r;
};

static int
get_row(void *ctx, const struct store_row *row)
{
	struct get_ctx *g = ctx;

	g->r = row_record(g->kind, row);
	return 1;
}

enum at_err
store_record_get(struct store *s, enum model_kind kind, const char *id,
    struct model_record **out)
{
	struct store_param p = { SP_TEXT, id, 0 };
	struct get_ctx g = { kind, NULL };
	enum at_err er;

	er = s->ops->exec(s, store_kind_stmt(kind, STORE_OP_GET), &p, 1,
	    get_row, &g, NULL);
	if (er != AT_OK) {
		model_record_free(g.r);
		return er;
	}
	if (g.r == NULL)
		return AT_NOTFOUND;
	*out = g.r;
	return AT_OK;
}

static int
found_row(void *ctx, const struct store_row *row)
{
	(void)row;
	*(bool *)ctx = true;
	return 1;
}

enum at_err
store_record_exists(struct store *s, enum model_kind kind, const char *id,
    bool *found)
{
	struct store_param p = { SP_TEXT, id, 0 };
	bool f = false;
	enum at_err er;

	er = s->ops->exec(s, store_kind_stmt(kind, STORE_OP_EXISTS), &p, 1,
	    found_row, &f, NULL);
	if (er != AT_OK)
		return er;
	*found = f;
	return AT_OK;
}

enum at_err
store_exists_cb(void *ctx, enum model_kind kind, const char *id, bool *found)
{
	return store_record_exists(ctx, kind, id, found);
}

static int
int_row(void *ctx, const struct store_row *row)
{
	int64_t *n = ctx;

	if (row->ncols > 0 && row->vals[0] != NULL)
		(void)parse_i64(row->vals[0], strlen(row->vals[0]), INT64_MIN,
		    INT64_MAX, n);
	return 1;
}

enum at_err
store_record_count(struct store *s, enum model_kind kind, int64_t *out)
{
	int64_t n = 0;
	enum at_err er;

	er = s->ops->exec(s, store_kind_stmt(kind, STORE_OP_COUNT), NULL, 0,
	    int_row, &n, NULL);
	if (er == AT_OK)
		*out = n;
	return er;
}

struct each_ctx {
	enum model_kind kind;
	store_record_fn fn;
	void *ctx;
};

static int
each_row(void *ctx, const struct store_row *row)
{
	struct each_ctx *e = ctx;
	struct model_record *r;
	int rc;

	r = row_record(e->kind, row);
	rc = e->fn(e->ctx, r);
	model_record_free(r);
	return rc;
}

enum at_err
store_record_each(struct store *s, enum model_kind kind,
    const struct at_date *as_of, store_record_fn fn, void *ctx)
{
	struct each_ctx e = { kind, fn, ctx };
	char day[AT_DATE_LEN];
	struct store_param p = { SP_TEXT, day, 0 };

	if (as_of == NULL)
		return s->ops->exec(s, store_kind_stmt(kind, STORE_OP_LIST),
		    NULL, 0, each_row, &e, NULL);
	at_date_format(*as_of, day);
	return s->ops->exec(s, store_kind_stmt(kind, STORE_OP_LIST_ASOF), &p,
	    1, each_row, &e, NULL);
}

struct scan_ctx {
	size_t nfields;
	store_scan_fn fn;
	void *ctx;
};

static int
scan_row(void *ctx, const struct store_row *row)
{
	struct scan_ctx *c = ctx;

	return c->fn(c->ctx, row->vals,
	    row->ncols < c->nfields ? row->ncols : c->nfields);
}

enum at_err
store_record_scan(struct store *s, enum model_kind kind,
    const struct at_date *as_of, store_scan_fn fn, void *ctx)
{
	struct scan_ctx c = { 0, fn, ctx };
	char day[AT_DATE_LEN];
	struct store_param p = { SP_TEXT, day, 0 };

	if ((int)kind < 0 || kind >= KIND__MAX || fn == NULL)
		return AT_EINVAL;
	c.nfields = model_kind_desc(kind)->nfields;
	if (as_of == NULL)
		return s->ops->exec(s, store_kind_stmt(kind, STORE_OP_LIST),
		    NULL, 0, scan_row, &c, NULL);
	at_date_format(*as_of, day);
	return s->ops->exec(s, store_kind_stmt(kind, STORE_OP_LIST_ASOF), &p,
	    1, scan_row, &c, NULL);
}

/*
 * The columns each STMT_FACTS_* statement selects, in its order: rule
 * evaluation reads nothing else of these kinds (an award's id only
 * names it in explanations).  Rows are handed on in
 * descriptor positions, NULL for the columns not read.
 */
static const struct {
	enum model_kind kind;
	enum stmt st;
	const char *cols[8]; /* NULL-terminated */
} facts_cols[] = {
	{ KIND_JURISDICTION, STMT_FACTS_JURISDICTIONS,
	    { "id", "name", "kind", "parent", "valid_from", "valid_to" } },
	{ KIND_AGENCY, STMT_FACTS_AGENCIES, { "id", "jurisdiction" } },
	{ KIND_POLICY, STMT_FACTS_POLICIES,
	    { "id", "jurisdiction", "binds", "valid_from", "valid_to" } },
	{ KIND_PROVISION, STMT_FACTS_PROVISIONS,
	    { "id", "policy", "type", "scope", "valid_from", "valid_to" } },
	{ KIND_AWARD, STMT_FACTS_AWARDS,
	    { "program", "agency", "fiscal_year", "award_date" } },
};

#define FACTS_FIELDS_MAX 32

struct facts_ctx {
	size_t nfields, ncols;
	int pos[8]; /* descriptor position of each selected column */
	const char *vals[FACTS_FIELDS_MAX];
	store_scan_fn fn;
	void *ctx;
};

static int
facts_row(void *ctx, const struct store_row *row)
{
	struct facts_ctx *c = ctx;
	size_t n = row->ncols < c->ncols ? row->ncols : c->ncols;

	for (size_t i = 0; i < n; i++)
		c->vals[c->pos[i]] = row->vals[i];
	return c->fn(c->ctx, c->vals, c->nfields);
}

enum at_err
store_record_scan_facts(struct store *s, enum model_kind kind,
    store_scan_fn fn, void *ctx)
{
	struct facts_ctx c;
	size_t k;

	if ((int)kind < 0 || kind >= KIND__MAX || fn == NULL)
		return AT_EINVAL;
	for (k = 0; k < sizeof(facts_cols) / sizeof(facts_cols[0]); k++)
		if (facts_cols[k].kind == kind)
			break;
	if (k == sizeof(facts_cols) / sizeof(facts_cols[0]))
		return store_record_scan(s, kind, NULL, fn, ctx);
	memset(&c, 0, sizeof(c));
	c.nfields = model_kind_desc(kind)->nfields;
	if (c.nfields > FACTS_FIELDS_MAX)
		abort();
	for (; c.ncols < 8 && facts_cols[k].cols[c.ncols] != NULL; c.ncols++) {
		int i = model_field_index(kind, facts_cols[k].cols[c.ncols]);

		if (i < 0)
			abort(); /* the table above names a field that is gone */
		c.pos[c.ncols] = i;
	}
	c.fn = fn;
	c.ctx = ctx;
	return s->ops->exec(s, facts_cols[k].st, NULL, 0, facts_row, &c,
	    NULL);
}

enum at_err
store_record_page(struct store *s, enum model_kind kind, int64_t offset,
    int64_t limit, store_record_fn fn, void *ctx)
{
	struct each_ctx e = { kind, fn, ctx };
	struct store_param p[2];

	if ((int)kind < 0 || kind >= KIND__MAX || offset < 0 || limit < 0)
		return AT_EINVAL;
	p[0] = (struct store_param){ SP_INT, NULL, limit };
	p[1] = (struct store_param){ SP_INT, NULL, offset };
	return s->ops->exec(s,
	    (enum stmt)((int)STMT_JURISDICTIONS_PAGE + (int)kind), p, 2,
	    each_row, &e, NULL);
}

struct last_ctx {
	int64_t seq;
	uint8_t hash[AUDIT_HASH_LEN];
	bool bad;
};

static int
last_row(void *ctx, const struct store_row *row)
{
	struct last_ctx *l = ctx;

	if (row->ncols < 2 || row->vals[0] == NULL ||
	    parse_i64(row->vals[0], strlen(row->vals[0]), 1, INT64_MAX,
		&l->seq) != AT_OK ||
	    audit_unhex(row->vals[1], l->hash) != AT_OK)
		l->bad = true;
	return 1;
}

enum at_err
store_audit_append(struct store *s, const char *verb, const char *kind,
    const char *entity_id, const char *new_json, const char *old_json)
{
	struct audit_entry e;
	uint8_t h[AUDIT_HASH_LEN];
	char prev_hex[AUDIT_HEX_LEN], hex[AUDIT_HEX_LEN];
	struct store_param p[10];
	enum at_err er;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	if (!s->audit_cached) {
		struct last_ctx l;

		memset(&l, 0, sizeof(l));
		er = s->ops->exec(s, STMT_AUDIT_LOCK, NULL, 0, NULL, NULL,
		    NULL);
		if (er != AT_OK)
			return er;
		er = s->ops->exec(s, STMT_AUDIT_LAST, NULL, 0, last_row, &l,
		    NULL);
		if (er != AT_OK)
			return er;
		if (l.bad)
			return AT_TAMPER;
		s->last_seq = l.seq;
		memcpy(s->last_hash, l.hash, AUDIT_HASH_LEN);
		s->audit_cached = true;
	}
	memset(&e, 0, sizeof(e));
	e.seq = s->last_seq + 1;
	audit_now(e.time);
	e.actor = s->actor;
	e.verb = verb;
	e.kind = kind;
	e.entity_id = entity_id;
	e.new_json = new_json;
	e.old_json = old_json;
	memcpy(e.prev, s->last_hash, AUDIT_HASH_LEN);
	er = audit_entry_hash(&e, h);
	if (er != AT_OK)
		return er;
	audit_hex(e.prev, prev_hex);
	audit_hex(h, hex);
	p[0] = (struct store_param){ SP_INT, NULL, e.seq };
	p[1] = (struct store_param){ SP_TEXT, e.time, 0 };
	p[2] = (struct store_param){ SP_TEXT, e.actor, 0 };
	p[3] = (struct store_param){ SP_TEXT, verb, 0 };
	p[4] = (struct store_param){ SP_TEXT, kind, 0 };
	p[5] = (struct store_param){ SP_TEXT, entity_id, 0 };
	p[6] = (struct store_param){ new_json ? SP_TEXT : SP_NULL, new_json,
		0 };
	p[7] = (struct store_param){ old_json ? SP_TEXT : SP_NULL, old_json,
		0 };
	p[8] = (struct store_param){ SP_TEXT, prev_hex, 0 };
	p[9] = (struct store_param){ SP_TEXT, hex, 0 };
	er = s->ops->exec(s, STMT_AUDIT_INSERT, p, 10, NULL, NULL, NULL);
	if (er != AT_OK) {
		s->audit_cached = false;
		return er;
	}
	s->last_seq = e.seq;
	memcpy(s->last_hash, h, AUDIT_HASH_LEN);
	return AT_OK;
}

struct audit_ctx {
	store_audit_fn fn;
	void *ctx;
};

static int
audit_row(void *ctx, const struct store_row *row)
{
	struct audit_ctx *a = ctx;
	struct store_audit_row e;

	if (row->ncols < 10)
		return 1;
	memset(&e, 0, sizeof(e));
	(void)parse_i64(row->vals[0] ? row->vals[0] : "0",
	    strlen(row->vals[0] ? row->vals[0] : "0"), INT64_MIN, INT64_MAX,
	    &e.seq);
	e.time = row->vals[1];
	e.actor = row->vals[2];
	e.verb = row->vals[3];
	e.kind = row->vals[4];
	e.entity_id = row->vals[5];
	e.new_json = row->vals[6];
	e.old_json = row->vals[7];
	e.prev_hash = row->vals[8];
	e.hash = row->vals[9];
	return a->fn(a->ctx, &e);
}

enum at_err
store_audit_each(struct store *s, int64_t from_seq, store_audit_fn fn,
    void *ctx)
{
	struct audit_ctx a = { fn, ctx };
	struct store_param p = { SP_INT, NULL, from_seq };

	return s->ops->exec(s, STMT_AUDIT_LIST, &p, 1, audit_row, &a, NULL);
}

enum at_err
store_audit_each_entity(struct store *s, const char *kind, const char *id,
    store_audit_fn fn, void *ctx)
{
	struct audit_ctx a = { fn, ctx };
	struct store_param p[2] = { { SP_TEXT, kind, 0 }, { SP_TEXT, id, 0 } };

	return s->ops->exec(s, STMT_AUDIT_LIST_ENTITY, p, 2, audit_row, &a,
	    NULL);
}

enum at_err
store_data_version(struct store *s, int64_t *out)
{
	int64_t n = 0;
	enum at_err er;

	er = s->ops->exec(s, STMT_AUDIT_HEAD, NULL, 0, int_row, &n, NULL);
	if (er == AT_OK)
		*out = n;
	return er;
}

enum at_err
store_audit_count(struct store *s, int64_t *out)
{
	int64_t n = 0;
	enum at_err er;

	er = s->ops->exec(s, STMT_AUDIT_COUNT, NULL, 0, int_row, &n, NULL);
	if (er == AT_OK)
		*out = n;
	return er;
}
