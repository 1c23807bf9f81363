/* SPDX-License-Identifier: ISC */
/*
 * The REST handlers (see api.h).  Lists are written with the streaming
 * writer straight into the response buffer; jansson builds only small
 * documents (openapi.json).
 */
#include "api/api.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/json_out.h"
#include "assess/assess.h"
#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "store/store_users.h"
#include "views/views.h"

void
api_error(struct web_resp *w, int status, const char *code, const char *msg)
{
	buf_reset(&w->body);
	w->status = status;
	w->ctype = "application/json";
	buf_puts(&w->body, "{\"error\":{\"code\":");
	json_put_str(&w->body, code);
	buf_puts(&w->body, ",\"message\":");
	json_put_str(&w->body, msg);
	buf_puts(&w->body, "}}\n");
}

static void
json_begin(struct web_resp *w)
{
	w->status = 200;
	w->ctype = "application/json";
}

void
api_health(struct web_req *r, struct web_resp *w)
{
	(void)r;
	json_begin(w);
	buf_puts(&w->body, "{\"status\":\"ok\",\"service\":\"attest\","
			   "\"version\":\"" AT_VERSION "\"}\n");
}

void
api_me(struct web_req *r, struct web_resp *w)
{
	json_begin(w);
	buf_puts(&w->body, "{\"name\":");
	json_put_str(&w->body, r->user.role == ROLE_PUBLIC ? NULL :
	    r->user.name);
	buf_puts(&w->body, ",\"role\":");
	json_put_str(&w->body, user_role_name(r->user.role));
	buf_puts(&w->body, ",\"jurisdiction\":");
	json_put_str(&w->body, r->user.jurisdiction[0] != '\0' ?
	    r->user.jurisdiction : NULL);
	/* Signed in by cookie: the token API writes send back in the
	 * X-CSRF-Token header. */
	if (r->user.role != ROLE_PUBLIC && r->csrf[0] != '\0') {
		buf_puts(&w->body, ",\"csrf\":");
		json_put_str(&w->body, r->csrf);
	}
	buf_puts(&w->body, "}\n");
}

void
api_index(struct web_req *r, struct web_resp *w)
{
	(void)r;
	json_begin(w);
	buf_puts(&w->body, "{\"openapi\":\"/api/v1/openapi.json\",\"kinds\":[");
	for (int k = 0; k < KIND__MAX; k++) {
		struct buf u;

		buf_init(&u, 256);
		web_link(&u, PAGE_API_LIST,
		    model_kind_desc((enum model_kind)k)->name, NULL);
		if (k > 0)
			buf_putc(&w->body, ',');
		buf_puts(&w->body, "{\"kind\":");
		json_put_str(&w->body, model_kind_desc((enum model_kind)k)->name);
		buf_puts(&w->body, ",\"href\":");
		json_put_str(&w->body, buf_str(&u));
		buf_putc(&w->body, '}');
		buf_fini(&u);
	}
	buf_puts(&w->body, "]}\n");
}

/* ---- records ---- */

static void
json_record(struct buf *b, const struct model_record *rec)
{
	const struct model_kind_desc *k = model_kind_desc(rec->kind);

	for (size_t i = 0; i < k->nfields; i++) {
		const struct model_value *v = &rec->v[i];
		char key[80];
		size_t kn = strlen(k->fields[i].name);

		/* Field names are plain ASCII identifiers (model.c): the
		 * separator, the quoted name and the colon go in one append. */
		key[0] = i > 0 ? ',' : '{';
		key[1] = '"';
		if (kn > sizeof(key) - 4)
			kn = sizeof(key) - 4;
		/* key is a counted fragment, never a C string:
		 * NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
		memcpy(key + 2, k->fields[i].name, kn);
		key[kn + 2] = '"';
		key[kn + 3] = ':';
		buf_append(b, key, kn + 4);
		if (v->is_null)
			buf_puts(b, "null");
		else if (k->fields[i].type == FT_INT)
			json_put_int(b, v->num);
		else if (k->fields[i].type == FT_REFLIST) {
			const char *p = v->text;

			buf_putc(b, '[');
			while (*p != '\0') {
				size_t n = strcspn(p, ";");

				if (p != v->text)
					buf_putc(b, ',');
				json_put_strn(b, p, n);
				p += n;
				if (*p == ';')
					p++;
			}
			buf_putc(b, ']');
		} else
			json_put_str(b, v->text);
	}
	if (k->nfields == 0)
		buf_putc(b, '{');
	buf_putc(b, '}');
}

static void
csv_cell(struct buf *b, const char *s, bool is_text)
{
	bool quote;

	if (s == NULL)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	/* A cell a spreadsheet would run as a formula is shown as text. */
	if (is_text && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@'))
		quote = true;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (is_text && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@'))
		buf_putc(b, '\'');
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static void
csv_record(struct buf *b, const struct model_record *rec)
{
	const struct model_kind_desc *k = model_kind_desc(rec->kind);

	for (size_t i = 0; i < k->nfields; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_cell(b, model_record_text(rec, i),
		    k->fields[i].type == FT_TEXT ||
			k->fields[i].type == FT_LONGTEXT);
	}
	buf_puts(b, "\r\n");
}

struct list_ctx {
	struct buf *b;
	bool csv;
	bool filtered;	/* count every match (no COUNT statement) */
	int64_t offset, limit, seen, written;
	const char *q, *state;
	const char *kind;
	int kind_field, name_field, title_field;
	const struct jur_filter *by; /* outcome and designation, or NULL */
};

static bool
list_match(const struct list_ctx *c, const struct model_record *rec)
{
	if (c->state != NULL && (rec->kind != KIND_JURISDICTION ||
	    strncmp(model_record_id(rec), c->state, 2) != 0))
		return false;
	if (c->by != NULL && !jur_filter_match(c->by, model_record_id(rec)))
		return false;
	if (c->kind != NULL) {
		const char *k = c->kind_field < 0 ? NULL :
		    model_record_text(rec, (size_t)c->kind_field);

		if (k == NULL || strcmp(k, c->kind) != 0)
			return false;
	}
	if (c->q != NULL) {
		const char *n = c->name_field < 0 ? NULL :
		    model_record_text(rec, (size_t)c->name_field);
		const char *t = c->title_field < 0 ? NULL :
		    model_record_text(rec, (size_t)c->title_field);

		if (!text_contains_ci(model_record_id(rec), c->q) &&
		    (n == NULL || !text_contains_ci(n, c->q)) &&
		    (t == NULL || !text_contains_ci(t, c->q)))
			return false;
	}
	return true;
}

static int
list_cb(void *ctx, const struct model_record *rec)
{
	struct list_ctx *c = ctx;

	if (c->filtered && !list_match(c, rec))
		return 0;
	c->seen++;
	if (c->seen <= c->offset)
		return 0;
	if (c->written >= c->limit)
		return c->filtered ? 0 : 1;
	if (c->csv)
		csv_record(c->b, rec);
	else {
		if (c->written > 0)
			buf_putc(c->b, ',');
		json_record(c->b, rec);
	}
	c->written++;
	return 0;
}

void
api_list(struct web_req *r, struct web_resp *w)
{
	enum model_kind kind;
	struct list_ctx c;
	struct at_date asof, *pasof = NULL;
	const char *fmt = web_arg(r, "format");
	const char *as = web_arg(r, "as_of");
	const char *st = web_arg(r, "state");
	struct jur_filter *by = NULL;
	const char *why = NULL;
	int64_t total = 0;
	enum at_err er;

	if (model_kind_lookup(r->seg[0], &kind) != AT_OK) {
		api_error(w, 404, "not_found", "no such kind of record");
		return;
	}
	memset(&c, 0, sizeof(c));
	c.b = &w->body;
	c.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	c.limit = web_num(r, "limit", 50);
	c.offset = web_num(r, "offset", 0);
	c.q = web_arg(r, "q");
	c.kind = web_arg(r, "kind");
	c.kind_field = model_field_index(kind, "kind");
	c.name_field = model_field_index(kind, "name");
	c.title_field = model_field_index(kind, "title");
	if (st != NULL && st[0] != '\0') {
		char up[3] = { (char)toupper((unsigned char)st[0]),
			(char)toupper((unsigned char)st[1]), '\0' };

		c.state = isdigit((unsigned char)st[0]) ? st :
		    model_state_fips(up);
		if (c.state == NULL || strlen(st) != 2) {
			api_error(w, 400, "bad_request", "state is a two-letter "
			    "postal code or a two-digit FIPS code");
			goto out;
		}
	}
	if (c.q != NULL && c.q[0] == '\0')
		c.q = NULL;
	if (c.kind != NULL && c.kind[0] == '\0')
		c.kind = NULL;
	if (as != NULL) {
		if (at_date_parse_str(as, &asof) != AT_OK) {
			api_error(w, 400, "bad_request", "as_of is YYYY-MM-DD");
			goto out;
		}
		pasof = &asof;
	}
	/* The page's outcome and designation filters, read the same way so
	 * that page and API list the same jurisdictions. */
	if (web_arg(r, "outcome") != NULL ||
	    web_arg(r, "designation") != NULL) {
		if (kind != KIND_JURISDICTION) {
			api_error(w, 400, "bad_request",
			    web_arg(r, "outcome") != NULL ?
			    "outcome: only jurisdictions have outcomes" :
			    "designation: only jurisdictions are designated");
			goto out;
		}
		er = jur_filter_load(r, false, &by, &why);
		if (er == AT_EINVAL) {
			api_error(w, 400, "bad_request", why);
			goto out;
		}
		if (er != AT_OK) {
			api_error(w, 500, "storage",
			    "the database could not be read");
			goto out;
		}
		c.by = by;
	}
	c.filtered = c.q != NULL || c.kind != NULL || c.state != NULL ||
	    pasof != NULL || c.by != NULL;
	if (!c.filtered && store_record_count(r->store, kind, &total) !=
	    AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		goto out;
	}
	w->status = 200;
	if (c.csv) {
		const struct model_kind_desc *k = model_kind_desc(kind);

		w->ctype = "text/csv; charset=utf-8";
		w->disposition = "attachment";
		for (size_t i = 0; i < k->nfields; i++) {
			if (i > 0)
				buf_putc(&w->body, ',');
			buf_puts(&w->body, k->fields[i].name);
		}
		buf_puts(&w->body, "\r\n");
	} else {
		w->ctype = "application/json";
		buf_puts(&w->body, "{\"kind\":");
		json_put_str(&w->body, model_kind_desc(kind)->name);
		buf_puts(&w->body, ",\"offset\":");
		json_put_int(&w->body, c.offset);
		buf_puts(&w->body, ",\"limit\":");
		json_put_int(&w->body, c.limit);
		buf_puts(&w->body, ",\"items\":[");
	}
	if (c.filtered)
		er = store_record_each(r->store, kind, pasof, list_cb, &c);
	else {
		/* Let the database skip and limit: on PostgreSQL a full
		 * scan per page is what made lists slow. */
		int64_t off = c.offset;

		c.offset = 0;
		er = store_record_page(r->store, kind, off, c.limit, list_cb,
		    &c);
		c.offset = off;
	}
	if (er != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		goto out;
	}
	if (!c.csv) {
		buf_puts(&w->body, "],\"total\":");
		json_put_int(&w->body, c.filtered ? c.seen : total);
		buf_puts(&w->body, "}\n");
	}
out:
	jur_filter_free(by);
}

void
api_get(struct web_req *r, struct web_resp *w)
{
	struct model_record *rec = NULL;
	enum model_kind kind;

	if (model_kind_lookup(r->seg[0], &kind) != AT_OK) {
		api_error(w, 404, "not_found", "no such kind of record");
		return;
	}
	if (store_record_get(r->store, kind, r->seg[1], &rec) != AT_OK) {
		api_error(w, 404, "not_found", "no such record");
		return;
	}
	json_begin(w);
	json_record(&w->body, rec);
	buf_putc(&w->body, '\n');
	model_record_free(rec);
}

/* ---- audit ---- */

struct audit_ctx {
	struct buf *b;
	bool csv;
	int64_t left, n;
};

static int
audit_cb(void *ctx, const struct store_audit_row *e)
{
	struct audit_ctx *a = ctx;

	if (a->left-- <= 0)
		return 1;
	if (a->csv) {
		buf_printf(a->b, "%lld,", (long long)e->seq);
		csv_cell(a->b, e->time, false);
		buf_putc(a->b, ',');
		csv_cell(a->b, e->actor, true);
		buf_putc(a->b, ',');
		csv_cell(a->b, e->verb, false);
		buf_putc(a->b, ',');
		csv_cell(a->b, e->kind, false);
		buf_putc(a->b, ',');
		csv_cell(a->b, e->entity_id, true);
		buf_putc(a->b, ',');
		csv_cell(a->b, e->hash, false);
		buf_puts(a->b, "\r\n");
	} else {
		if (a->n > 0)
			buf_putc(a->b, ',');
		buf_puts(a->b, "{\"seq\":");
		json_put_int(a->b, e->seq);
		buf_puts(a->b, ",\"time\":");
		json_put_str(a->b, e->time);
		buf_puts(a->b, ",\"actor\":");
		json_put_str(a->b, e->actor);
		buf_puts(a->b, ",\"verb\":");
		json_put_str(a->b, e->verb);
		buf_puts(a->b, ",\"kind\":");
		json_put_str(a->b, e->kind);
		buf_puts(a->b, ",\"entity_id\":");
		json_put_str(a->b, e->entity_id);
		buf_puts(a->b, ",\"prev_hash\":");
		json_put_str(a->b, e->prev_hash);
		buf_puts(a->b, ",\"hash\":");
		json_put_str(a->b, e->hash);
		buf_putc(a->b, '}');
	}
	a->n++;
	return 0;
}

void
api_audit(struct web_req *r, struct web_resp *w)
{
	const char *fmt = web_arg(r, "format");
	struct audit_ctx a = { &w->body, fmt != NULL && strcmp(fmt, "csv") == 0,
		web_num(r, "limit", 50), 0 };
	int64_t from = web_num(r, "from", 1), total = 0;

	if (store_audit_count(r->store, &total) != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		return;
	}
	w->status = 200;
	if (a.csv) {
		w->ctype = "text/csv; charset=utf-8";
		w->disposition = "attachment";
		buf_puts(&w->body, "seq,time,actor,verb,kind,entity_id,hash\r\n");
	} else {
		w->ctype = "application/json";
		buf_puts(&w->body, "{\"total\":");
		json_put_int(&w->body, total);
		buf_puts(&w->body, ",\"from\":");
		json_put_int(&w->body, from);
		buf_puts(&w->body, ",\"items\":[");
	}
	if (store_audit_each(r->store, from, audit_cb, &a) != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		return;
	}
	if (!a.csv)
		buf_puts(&w->body, "]}\n");
}

/* ---- users ---- */

struct users_ctx {
	struct buf *b;
	size_t n;
};

static int
users_cb(void *ctx, const struct user *u)
{
	struct users_ctx *c = ctx;

	if (c->n++ > 0)
		buf_putc(c->b, ',');
	buf_puts(c->b, "{\"name\":");
	json_put_str(c->b, u->name);
	buf_puts(c->b, ",\"role\":");
	json_put_str(c->b, user_role_name(u->role));
	buf_puts(c->b, ",\"jurisdiction\":");
	json_put_str(c->b, u->jurisdiction[0] != '\0' ? u->jurisdiction : NULL);
	buf_putc(c->b, '}');
	return 0;
}

void
api_users(struct web_req *r, struct web_resp *w)
{
	struct users_ctx c = { &w->body, 0 };

	json_begin(w);
	buf_puts(&w->body, "{\"items\":[");
	if (store_user_each(r->store, users_cb, &c) != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		return;
	}
	buf_puts(&w->body, "]}\n");
}

void
api_user_add(struct web_req *r, struct web_resp *w)
{
	struct at_diag d;
	enum user_role role;
	enum at_err er;

	at_diag_clear(&d);
	if (user_role_parse(web_arg(r, "role"), &role) != AT_OK) {
		api_error(w, 400, "bad_request", "unknown role");
		return;
	}
	er = store_user_add(r->store, web_arg(r, "name"), role,
	    web_arg(r, "jurisdiction"), web_arg(r, "password"), &d);
	if (er == AT_CONFLICT) {
		api_error(w, 409, "conflict", "a user of that name exists");
		return;
	}
	if (er == AT_EINVAL) {
		api_error(w, 400, "bad_request", d.msg);
		return;
	}
	if (er != AT_OK) {
		api_error(w, 500, "storage", "the user could not be stored");
		return;
	}
	json_begin(w);
	w->status = 201;
	buf_puts(&w->body, "{\"name\":");
	json_put_str(&w->body, web_arg(r, "name"));
	buf_puts(&w->body, ",\"role\":");
	json_put_str(&w->body, user_role_name(role));
	buf_puts(&w->body, "}\n");
}

/* ---- openapi.json, from the route table ---- */

static json_t *
param_schema(const struct web_param *p)
{
	json_t *s = json_object();

	switch (p->type) {
	case WP_INT:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "minimum", json_integer(p->min));
		json_object_set_new(s, "maximum", json_integer(p->max));
		break;
	case WP_DATE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date"));
		break;
	case WP_ENUM: {
		json_t *e = json_array();

		for (size_t i = 0; p->choices[i] != NULL; i++)
			json_array_append_new(e, json_string(p->choices[i]));
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "enum", e);
		break;
	}
	case WP_SECRET:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("password"));
		json_object_set_new(s, "maxLength",
		    json_integer((json_int_t)p->max_len));
		break;
	default:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "maxLength",
		    json_integer((json_int_t)p->max_len));
		break;
	}
	return s;
}

static json_t *
responses(const struct web_route *rt)
{
	json_t *o = json_object();

	json_object_set_new(o, rt->method == WM_POST ? "201" : "200",
	    json_pack("{s:s}", "description", "success"));
	json_object_set_new(o, "400", json_pack("{s:s}", "description",
	    "input refused (error.code bad_request)"));
	if (rt->roles != WR_ALL) {
		json_object_set_new(o, "401", json_pack("{s:s}", "description",
		    "sign-in needed (error.code unauthenticated)"));
		json_object_set_new(o, "403", json_pack("{s:s}", "description",
		    "role may not (error.code denied)"));
		json_object_set_new(o, "429", json_pack("{s:s}", "description",
		    "too many bad bearer tokens from this address "
		    "(error.code too_many_attempts); Retry-After gives the "
		    "seconds to wait"));
	}
	if (strchr(rt->pattern, '{') != NULL)
		json_object_set_new(o, "404", json_pack("{s:s}", "description",
		    "no such record (error.code not_found)"));
	return o;
}

void
api_openapi(struct web_req *r, struct web_resp *w)
{
	json_t *doc, *paths;
	char *s;

	(void)r;
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}}", "openapi", "3.0.3",
	    "info", "title", "attest API", "version", AT_VERSION,
	    "description", "Open data on federal grant conditions, local "
	    "policies and outcomes. Generated from the server's route table.");
	paths = json_object();
	for (int p = 0; p < PAGE__MAX; p++) {
		const struct web_route *rt = web_route((enum page)p);
		json_t *item, *op, *params;
		const char *pat;

		if (!rt->is_api)
			continue;
		item = json_object_get(paths, rt->pattern);
		if (item == NULL) {
			item = json_object();
			json_object_set_new(paths, rt->pattern, item);
		}
		op = json_object();
		json_object_set_new(op, "summary", json_string(rt->summary));
		json_object_set_new(op, "operationId",
		    json_sprintf("op%d", p));
		params = json_array();
		for (pat = strchr(rt->pattern, '{'); pat != NULL;
		    pat = strchr(pat + 1, '{')) {
			const char *end = strchr(pat, '}');

			json_array_append_new(params, json_pack(
			    "{s:s%, s:s, s:b, s:{s:s}}", "name", pat + 1,
			    (size_t)(end - pat - 1), "in", "path", "required",
			    1, "schema", "type", "string"));
		}
		if (rt->method == WM_GET) {
			for (size_t i = 0; rt->params[i].name != NULL; i++)
				json_array_append_new(params, json_pack(
				    "{s:s, s:s, s:b, s:s, s:o}", "name",
				    rt->params[i].name, "in", "query",
				    "required", rt->params[i].required,
				    "description", rt->params[i].help,
				    "schema", param_schema(&rt->params[i])));
		} else {
			json_t *props = json_object(), *req = json_array();

			for (size_t i = 0; rt->params[i].name != NULL; i++) {
				json_object_set_new(props, rt->params[i].name,
				    param_schema(&rt->params[i]));
				if (rt->params[i].required)
					json_array_append_new(req,
					    json_string(rt->params[i].name));
			}
			/* An upload takes its documents as file parts. */
			for (size_t i = 0; rt->files != NULL &&
			    rt->files[i] != NULL; i++)
				json_object_set_new(props, rt->files[i],
				    json_pack("{s:s, s:s}", "type", "string",
				    "format", "binary"));
			json_object_set_new(op, "requestBody", json_pack(
			    "{s:b, s:{s:{s:{s:s, s:o, s:o, s:b}}}}",
			    "required", 1, "content", rt->files != NULL ?
			    "multipart/form-data" : "application/json",
			    "schema", "type", "object", "properties", props,
			    "required", req, "additionalProperties", 0));
			json_array_append_new(params, json_pack(
			    "{s:s, s:s, s:b, s:s, s:{s:s}}", "name",
			    "X-CSRF-Token", "in", "header", "required", 0,
			    "description", "needed when signed in by the "
			    "session cookie (error.code csrf without it): the "
			    "csrf of GET /api/v1/me; not with a bearer token",
			    "schema", "type", "string"));
		}
		json_object_set_new(op, "parameters", params);
		json_object_set_new(op, "responses", responses(rt));
		{
			json_t *roles = json_array();

			for (int ro = 0; ro < ROLE__MAX; ro++)
				if (rt->roles & WR(ro))
					json_array_append_new(roles,
					    json_string(user_role_name(
						(enum user_role)ro)));
			json_object_set_new(op, "x-roles", roles);
		}
		json_object_set_new(item, rt->method == WM_GET ? "get" :
		    "post", op);
	}
	json_object_set_new(doc, "paths", paths);
	json_object_set_new(doc, "components", json_pack(
	    "{s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}}", "securitySchemes",
	    "bearer", "type", "http", "scheme", "bearer", "session", "type",
	    "apiKey", "in", "cookie", "name", "attest_session"));
	s = json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS);
	json_decref(doc);
	if (s == NULL)
		at_oom();
	json_begin(w);
	buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
}

/* ---- outcomes of the rules engine ---- */

struct out_ctx {
	struct buf *b;
	bool csv, explain;
	int64_t offset, limit, seen, written;
};

static int
out_cb(void *ctx, const char *jurisdiction, const char *target,
    const struct rules_result *res)
{
	struct out_ctx *o = ctx;

	if (res->outcome == RULES_NOT_APPLICABLE)
		return 0;
	if (o->seen++ < o->offset || o->written >= o->limit)
		return 0;
	if (o->csv) {
		csv_cell(o->b, jurisdiction, false);
		buf_putc(o->b, ',');
		csv_cell(o->b, target, false);
		buf_putc(o->b, ',');
		buf_puts(o->b, rules_outcome_name(res->outcome));
		buf_putc(o->b, ',');
		buf_puts(o->b, rules_outcome_name(res->underlying));
		buf_puts(o->b, "\r\n");
	} else {
		if (o->written > 0)
			buf_putc(o->b, ',');
		buf_puts(o->b, "{\"jurisdiction\":");
		json_put_str(o->b, jurisdiction);
		buf_puts(o->b, ",\"condition\":");
		json_put_str(o->b, target);
		buf_puts(o->b, ",\"outcome\":");
		json_put_str(o->b, rules_outcome_name(res->outcome));
		buf_puts(o->b, ",\"underlying\":");
		json_put_str(o->b, rules_outcome_name(res->underlying));
		if (o->explain && res->explanation != NULL) {
			json_t *e = assess_explanation_json(res->explanation);
			char *s = e != NULL ? json_dumps(e, JSON_COMPACT |
			    JSON_SORT_KEYS) : NULL;

			buf_puts(o->b, ",\"explanation\":");
			buf_puts(o->b, s != NULL ? s : "null");
			free(s);
			json_decref(e);
		}
		buf_putc(o->b, '}');
	}
	o->written++;
	return 0;
}

void
api_outcomes(struct web_req *r, struct web_resp *w)
{
	const char *fmt = web_arg(r, "format");
	const char *jur = web_arg(r, "jurisdiction");
	const char *cond = web_arg(r, "condition");
	const char *as = web_arg(r, "as_of");
	const char *interp = web_arg(r, "interpretation");
	struct rules_facts *f = NULL;
	struct out_ctx o;
	struct at_date day = at_date_today();
	char day_s[AT_DATE_LEN];
	struct at_diag d;
	enum at_err er;

	if (r->rules == NULL) {
		api_error(w, 503, "no_rules", "the rules could not be loaded");
		return;
	}
	if (as != NULL && at_date_parse_str(as, &day) != AT_OK) {
		api_error(w, 400, "bad_request", "as_of is YYYY-MM-DD");
		return;
	}
	if (interp != NULL && !rules_set_has_interpretation(r->rules, interp)) {
		api_error(w, 400, "bad_request", "no such interpretation");
		return;
	}
	if (interp == NULL)
		interp = rules_set_interpretation(r->rules, 0);
	at_date_format(day, day_s);
	memset(&o, 0, sizeof(o));
	o.b = &w->body;
	o.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	o.explain = jur != NULL && !o.csv;
	o.limit = web_num(r, "limit", 50);
	o.offset = web_num(r, "offset", 0);
	at_diag_clear(&d);
	er = o.explain ? assess_facts_load(r->store, NULL, &f, &d) :
	    assess_facts_load_lean(r->store, NULL, &f, &d);
	if (er != AT_OK) {
		api_error(w, 500, "storage", "the facts could not be read");
		return;
	}
	w->status = 200;
	if (o.csv) {
		w->ctype = "text/csv; charset=utf-8";
		w->disposition = "attachment";
		buf_puts(&w->body, "jurisdiction,condition,outcome,underlying\r\n");
	} else {
		w->ctype = "application/json";
		buf_puts(&w->body, "{\"as_of\":");
		json_put_str(&w->body, day_s);
		buf_puts(&w->body, ",\"interpretation\":");
		json_put_str(&w->body, interp);
		buf_puts(&w->body, ",\"offset\":");
		json_put_int(&w->body, o.offset);
		buf_puts(&w->body, ",\"limit\":");
		json_put_int(&w->body, o.limit);
		buf_puts(&w->body, ",\"items\":[");
	}
	er = rules_eval_all(r->rules, f, jur, cond, day, interp, o.explain,
	    out_cb, &o, &d);
	rules_facts_free(f);
	if (er == AT_NOTFOUND) {
		api_error(w, 404, "not_found", "no such jurisdiction or condition");
		return;
	}
	if (er != AT_OK) {
		api_error(w, 500, "rules", "the rules could not be evaluated");
		return;
	}
	if (!o.csv) {
		buf_puts(&w->body, "],\"total\":");
		json_put_int(&w->body, o.seen);
		buf_puts(&w->body, "}\n");
	}
}

/* ---- reviews ---- */

struct rev_ctx {
	struct buf *b;
	size_t n;
};

static int
rev_cb(void *ctx, const struct store_review *rv)
{
	struct rev_ctx *c = ctx;
	const char *const keys[] = { "id", "certification", "notice",
		"finding", "provisions", "rationale", "proposer", "proposed_on",
		"status", "decider", "decided_on", "decision_reason" };
	const char *const vals[] = { rv->id, rv->certification, rv->notice,
		rv->finding, rv->provisions, rv->rationale, rv->proposer,
		rv->proposed_on, rv->status, rv->decider, rv->decided_on,
		rv->decision_reason };

	if (c->n++ > 0)
		buf_putc(c->b, ',');
	buf_putc(c->b, '{');
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (i > 0)
			buf_putc(c->b, ',');
		json_put_key(c->b, keys[i]);
		json_put_str(c->b, vals[i]);
	}
	buf_putc(c->b, '}');
	return 0;
}

void
api_reviews(struct web_req *r, struct web_resp *w)
{
	struct rev_ctx c = { &w->body, 0 };

	json_begin(w);
	buf_puts(&w->body, "{\"items\":[");
	if (store_review_each(r->store, NULL, rev_cb, &c) != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		return;
	}
	buf_puts(&w->body, "]}\n");
}
