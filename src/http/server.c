/* SPDX-License-Identifier: ISC */
/*
 * The libmicrohttpd glue: one daemon with an internal thread pool over
 * epoll, a pool of database handles (a store is used by one thread at a
 * time), request state made on the first access callback and freed in
 * the completed callback (libmicrohttpd's post_example.c), caps on
 * headers, bodies and fields, client timeouts, security headers on every
 * answer, a log line per request, and a graceful stop on SIGTERM/SIGINT.
 *
 * The answer is always queued on a later access callback than the first:
 * libmicrohttpd 0.9.75 drops keep-alive when a response is queued on the
 * first one (../shared/PERF.md).
 */
#include "http/http_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api/api.h"
#include "assess/assess.h"
#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "render/render.h"
#include "store/store.h"
#include "views/html.h"
#include "views/views.h"

#define CSP "default-src 'self'; script-src 'none'; object-src 'none'; " \
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- the map, loaded on first use ---- */

static struct app *map_app; /* for pthread_once, which takes no argument */

static void
load_map(void)
{
	struct at_diag d;

	at_diag_clear(&d);
	if (map_app->cfg->atlas_path == NULL ||
	    map_data_load(map_app->cfg->atlas_path, &map_app->map, &d) !=
		AT_OK) {
		map_app->map = NULL;
		if (map_app->cfg->log != NULL)
			fprintf(map_app->cfg->log, "attest serve: no map: %s\n",
			    d.msg);
	}
}

const struct map_data *
app_map(struct app *app)
{
	map_app = app;
	pthread_once(&app->map_once, load_map);
	return app->map;
}

/* ---- the rules, loaded on first use ---- */

static struct app *rules_app;

static void
load_rules(void)
{
	struct at_diag d;

	at_diag_clear(&d);
	if (rules_app->cfg->rules_dir == NULL ||
	    assess_rules_load_path(rules_app->cfg->rules_dir,
		&rules_app->rules, &d) != AT_OK) {
		rules_app->rules = NULL;
		if (rules_app->cfg->log != NULL)
			fprintf(rules_app->cfg->log,
			    "attest serve: no rules: %s\n", d.msg);
	}
}

const struct rules_set *
app_rules(struct app *app)
{
	rules_app = app;
	pthread_once(&app->rules_once, load_rules);
	return app->rules;
}

/* ---- request state ---- */

static void
state_free(struct req_state *st)
{
	if (st == NULL)
		return;
	if (st->pp != NULL)
		MHD_destroy_post_processor(st->pp);
	for (size_t i = 0; i < st->nkv; i++) {
		free(st->kv[i].name);
		if (st->kv[i].val != NULL)
			sodium_memzero(st->kv[i].val, st->kv[i].len);
		free(st->kv[i].val);
	}
	for (size_t i = 0; i < WEB_SEGS_MAX; i++)
		free(st->seg[i]);
	for (size_t i = 0; i < st->nfiles; i++) {
		free((void *)(uintptr_t)st->files[i].field);
		free((void *)(uintptr_t)st->files[i].filename);
		free((void *)(uintptr_t)st->files[i].bytes);
	}
	buf_fini(&st->body);
	free(st);
}

/* Find or add field name; NULL when there are too many. */
static struct kv *
kv_get(struct req_state *st, const char *name, bool add)
{
	for (size_t i = 0; i < st->nkv; i++)
		if (strcmp(st->kv[i].name, name) == 0)
			return add ? NULL : &st->kv[i];
	if (!add)
		return NULL;
	if (st->nkv >= HTTP_FIELDS_MAX) {
		st->too_many = true;
		return NULL;
	}
	st->kv[st->nkv].name = xstrdup(name);
	st->kv[st->nkv].val = xstrdup("");
	st->kv[st->nkv].len = 0;
	st->kv[st->nkv].bad = false;
	return &st->kv[st->nkv++];
}

static void
kv_append(struct kv *v, const char *data, size_t size)
{
	if (v->bad)
		return;
	if (v->len + size > HTTP_FIELD_MAX || memchr(data, '\0', size) !=
	    NULL) {
		v->bad = true;
		return;
	}
	v->val = xreallocarray(v->val, v->len + size + 1, 1);
	memcpy(v->val + v->len, data, size);
	v->len += size;
	v->val[v->len] = '\0';
}

/* A file part of a multipart body: kept only when the route declares
 * its name, the first of each name, at most WEB_FILES_MAX of them and
 * WEB_FILE_MAX bytes each (one more marks it too large), and at most
 * HTTP_BODY_MAX bytes in all. */
static void
file_part(struct req_state *st, const char *key, const char *filename,
    const char *data, uint64_t off, size_t size)
{
	const char *const *names = web_route(st->page)->files;
	struct web_file *f = NULL;
	bool known = false;

	for (size_t i = 0; names != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], key) == 0)
			known = true;
	if (!known)
		return;
	for (size_t i = 0; i < st->nfiles; i++)
		if (strcmp(st->files[i].field, key) == 0)
			f = &st->files[i];
	if (f == NULL) {
		if (off != 0)
			return;
		if (st->nfiles >= WEB_FILES_MAX) {
			st->too_many = true;
			return;
		}
		f = &st->files[st->nfiles++];
		f->field = xstrdup(key);
		f->filename = xstrdup(filename);
		f->bytes = xstrdup("");
		f->len = 0;
		f->too_large = false;
	} else if (off == 0 || strcmp(f->filename, filename) != 0)
		return; /* a second part of the same name */
	if (f->too_large || size == 0)
		return;
	if (f->len + size > WEB_FILE_MAX ||
	    st->file_bytes + size > HTTP_BODY_MAX) {
		f->too_large = true;
		return;
	}
	{
		char *b = xreallocarray((void *)(uintptr_t)f->bytes,
		    f->len + size + 1, 1);

		memcpy(b + f->len, data, size);
		b[f->len + size] = '\0';
		f->bytes = b;
	}
	f->len += size;
	st->file_bytes += size;
}

static enum MHD_Result
post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off,
    size_t size)
{
	struct req_state *st = cls;
	struct kv *v;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (key == NULL)
		return MHD_YES;
	if (filename != NULL) {
		file_part(st, key, filename, data, off, size);
		return MHD_YES;
	}
	/* Only the first value of a name counts; later ones are ignored. */
	v = off == 0 ? kv_get(st, key, true) : kv_get(st, key, false);
	if (v == NULL)
		return MHD_YES;
	if (size > 0)
		kv_append(v, data, size);
	return MHD_YES;
}

static enum MHD_Result
query_iter(void *cls, enum MHD_ValueKind kind, const char *key,
    size_t key_size, const char *value, size_t value_size)
{
	struct req_state *st = cls;
	struct kv *v;

	(void)kind;
	if (key == NULL)
		return MHD_YES;
	if (strlen(key) != key_size) {
		st->too_many = true; /* a NUL in a name: refuse the request */
		return MHD_YES;
	}
	v = kv_get(st, key, true);
	if (v == NULL)
		return MHD_YES;
	if (value != NULL && value_size > 0)
		kv_append(v, value, value_size);
	if (value != NULL && strlen(value) != value_size)
		v->bad = true;
	return MHD_YES;
}

/* Fields of a JSON body: every value a string (or null for absent). */
static bool
json_fields(struct req_state *st)
{
	json_error_t jerr;
	json_t *o, *val;
	const char *key;
	bool ok = true;

	o = json_loadb(buf_str(&st->body), buf_len(&st->body), JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		return false;
	}
	json_object_foreach(o, key, val) {
		struct kv *v;

		if (json_is_null(val))
			continue;
		if (!json_is_string(val)) {
			ok = false;
			break;
		}
		v = kv_get(st, key, true);
		if (v == NULL)
			continue;
		kv_append(v, json_string_value(val), json_string_length(val));
	}
	json_decref(o);
	return ok;
}

/* ---- answering ---- */

static void
log_path(char *out, size_t n, const char *url)
{
	size_t j = 0;

	for (const unsigned char *p = (const unsigned char *)url;
	    *p != '\0' && j + 4 < n; p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') {
			static const char hex[] = "0123456789ABCDEF";

			out[j++] = '%';
			out[j++] = hex[*p >> 4];
			out[j++] = hex[*p & 15];
		} else
			out[j++] = (char)*p;
	}
	out[j] = '\0';
}

/* Each worker thread keeps its response buffer between requests, so a
 * list answer does not regrow it from nothing every time; the key's
 * destructor frees it when the thread ends. */
static pthread_key_t body_key;
static pthread_once_t body_once = PTHREAD_ONCE_INIT;

static void
body_free(void *p)
{
	struct buf *b = p;

	buf_fini(b);
	free(b);
}

static void
body_key_make(void)
{
	if (pthread_key_create(&body_key, body_free) != 0)
		abort();
}

static struct buf *
thread_body(void)
{
	struct buf *b;

	pthread_once(&body_once, body_key_make);
	b = pthread_getspecific(body_key);
	if (b == NULL) {
		b = xcalloc(1, sizeof(*b));
		buf_init(b, WEB_BODY_MAX);
		if (pthread_setspecific(body_key, b) != 0)
			abort();
	}
	buf_reset(b);
	return b;
}

/* Give the (maybe grown) buffer back to the thread; a very large one
 * is freed rather than kept. */
static void
thread_body_keep(struct buf *used)
{
	struct buf *b = pthread_getspecific(body_key);

	if (buf_len(used) > 1024u * 1024) {
		buf_fini(used);
		buf_init(used, WEB_BODY_MAX);
	}
	*b = *used;
	buf_reset(b);
}

/* A libmicrohttpd response for w with the headers every answer carries;
 * etag is added when not NULL.  The body is copied. */
static struct MHD_Response *
make_response(const struct app *app, struct web_resp *w, const char *pre,
    const char *etag)
{
	struct MHD_Response *resp;
	size_t len = buf_len(&w->body);
	char cookie[256];

	resp = MHD_create_response_from_buffer(len,
	    (void *)(uintptr_t)buf_str(&w->body), MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		at_oom();
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    w->ctype != NULL ? w->ctype : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    w->cache != NULL ? w->cache : "no-store");
	if (etag != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
	if (w->disposition != NULL)
		MHD_add_response_header(resp, "Content-Disposition",
		    w->disposition);
	/* A location is always a path this server built; CR and LF are
	 * refused anyway (libmicrohttpd also refuses them). */
	if (w->location[0] != '\0' && strpbrk(w->location, "\r\n") == NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION,
		    w->location);
	if (w->cookie[0] != '\0')
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE,
		    w->cookie);
	if (w->retry_after > 0) {
		char secs[24];
		int rc = snprintf(secs, sizeof(secs), "%lld",
		    (long long)w->retry_after);

		if (rc > 0 && (size_t)rc < sizeof(secs))
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_RETRY_AFTER, secs);
	}
	/* A link is a path this server built, like a location. */
	if (w->link[0] != '\0' && strpbrk(w->link, "\r\n") == NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LINK, w->link);
	if (pre != NULL && pre[0] != '\0') {
		int rc = snprintf(cookie, sizeof(cookie),
		    "attest_pre=%s; Path=/; HttpOnly; SameSite=Lax%s", pre,
		    app->cfg->secure_cookies ? "; Secure" : "");

		if (rc > 0 && (size_t)rc < sizeof(cookie))
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_SET_COOKIE, cookie);
	}
	return resp;
}

/* An oversized answer becomes a 500 before anything is sent. */
static void
check_size(struct web_resp *w)
{
	if (buf_err(&w->body) != AT_OK) {
		buf_reset(&w->body);
		api_error(w, 500, "too_large", "the answer was too large");
	}
}

static enum MHD_Result
respond(struct req_state *st, struct MHD_Connection *c, struct web_resp *w,
    const char *pre)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	check_size(w);
	resp = make_response(st->app, w, pre, NULL);
	st->status = w->status;
	st->note = w->note;
	ret = MHD_queue_response(c, (unsigned)w->status, resp);
	MHD_destroy_response(resp);
	thread_body_keep(&w->body);
	return ret;
}

/* ---- the response cache (cache.c) for public GETs ---- */

/* Routes whose public answer is a function of the request and the data
 * version alone (records and the rules engine over records; the rules
 * are read once per process).  Outcomes without as_of depend on today,
 * which goes into the key; so does a list filtered by outcome. */
static bool
cacheable(enum page p)
{
	return p == PAGE_API_LIST || p == PAGE_API_GET ||
	    p == PAGE_API_OUTCOMES || p == PAGE_API_INDEX ||
	    p == PAGE_API_OPENAPI;
}

struct cache_key {
	bool on;
	int64_t v0; /* data version before the handler ran */
	size_t n;
	char k[2048];
};

static void
key_put(struct cache_key *ck, const char *s, size_t len)
{
	uint32_t n = (uint32_t)len;

	/* Length-prefixed, so no two requests share a key. */
	if (!ck->on || ck->n + sizeof(n) + len > sizeof(ck->k)) {
		ck->on = false;
		return;
	}
	memcpy(ck->k + ck->n, &n, sizeof(n));
	memcpy(ck->k + ck->n + sizeof(n), s, len);
	ck->n += sizeof(n) + len;
}

/* Whether a list request filters by outcome (jurisdictions), whose
 * answer without as_of depends on today. */
static bool
asks_outcome(const struct req_state *st)
{
	for (size_t i = 0; i < st->nkv; i++)
		if (strcmp(st->kv[i].name, "outcome") == 0)
			return true;
	return false;
}

/* The key of a request: route, path segments and the decoded query as
 * the handler sees it.  ck->on is false when it does not fit. */
static void
cache_key_make(const struct req_state *st, struct cache_key *ck)
{
	char page[16];
	int rc = snprintf(page, sizeof(page), "%d", (int)st->page);

	ck->on = rc > 0;
	ck->n = 0;
	key_put(ck, page, (size_t)rc);
	for (size_t i = 0; i < WEB_SEGS_MAX; i++)
		key_put(ck, st->seg[i] != NULL ? st->seg[i] : "",
		    st->seg[i] != NULL ? strlen(st->seg[i]) : 0);
	for (size_t i = 0; i < st->nkv; i++) {
		key_put(ck, st->kv[i].name, strlen(st->kv[i].name));
		key_put(ck, st->kv[i].bad ? "!" : "=", 1);
		key_put(ck, st->kv[i].val, st->kv[i].len);
	}
	if (st->too_many)
		ck->on = false;
	if (st->page == PAGE_API_OUTCOMES || (st->page == PAGE_API_LIST &&
	    asks_outcome(st))) {
		char today[AT_DATE_LEN];

		at_date_format(at_date_today(), today);
		key_put(ck, today, strlen(today));
	}
}

/* Answer a cacheable request: with its ETag, as a 304 when the client
 * has it, and kept in the cache when keep says the data did not change
 * while the handler ran. */
static enum MHD_Result
respond_kept(struct req_state *st, struct MHD_Connection *c,
    struct web_resp *w, const struct cache_key *ck, bool keep)
{
	struct app *app = st->app;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char etag[HTTP_ETAG_LEN];
	const char *inm;
	size_t len;

	check_size(w);
	len = buf_len(&w->body);
	if (w->status != 200 || w->location[0] != '\0' ||
	    w->cookie[0] != '\0' || len > HTTP_CACHE_ENTRY)
		return respond(st, c, w, NULL);
	http_etag(buf_str(&w->body), len, etag);
	w->cache = HTTP_CACHE_PUBLIC;
	resp = make_response(app, w, NULL, etag);
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (http_etag_matches(inm, etag)) {
		st->status = MHD_HTTP_NOT_MODIFIED;
		ret = http_not_modified(c, etag);
	} else {
		st->status = 200;
		ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
	}
	if (keep)
		resp_cache_put(app->cache, ck->k, ck->n, ck->v0, resp, len,
		    etag);
	else
		MHD_destroy_response(resp);
	thread_body_keep(&w->body);
	return ret;
}

static void
early_error(struct req_state *st, struct web_req *r, struct web_resp *w,
    bool api)
{
	static const struct {
		int status;
		const char *code, *msg;
	} errs[] = {
		{ 404, "not_found", "Nothing is here" },
		{ 405, "method_not_allowed", "That method is not allowed here" },
		{ 413, "too_large", "The request body is too large" },
		{ 415, "unsupported_media_type",
		    "The request body has a type this route does not take" },
		{ 400, "bad_request", "The request body could not be read" },
	};
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]) - 1; i++)
		if (errs[i].status == st->early_status)
			break;
	if (api)
		api_error(w, errs[i].status, errs[i].code, errs[i].msg);
	else
		page_error(r, w, errs[i].status, errs[i].msg);
}

static enum MHD_Result
answer(struct req_state *st, struct MHD_Connection *c)
{
	struct app *app = st->app;
	struct web_req r;
	struct web_resp w;
	char pre[USER_TOKEN_HEX];
	const struct web_route *rt;
	struct cache_key ck;
	enum MHD_Result ret;
	bool keep = false;

	/* The fixed answer needs no database: made once, queued as is. */
	if (st->page == PAGE_API_HEALTH && st->early_status == 0 &&
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_AUTHORIZATION) == NULL) {
		st->status = MHD_HTTP_OK;
		return MHD_queue_response(c, MHD_HTTP_OK, app->health);
	}
	ck.on = false;
	memset(&r, 0, sizeof(r));
	memset(&w, 0, sizeof(w));
	w.body = *thread_body();
	w.status = 200;
	r.user.role = ROLE_PUBLIC;
	r.path = st->path;
	r.data_dir = app->cfg->data_dir;
	r.files = st->files;
	r.nfiles = st->nfiles;
	r.accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT);
	pre[0] = '\0';
	if (st->page == PAGE__MAX) {
		early_error(st, &r, &w, strncmp(st->path, "/api/", 5) == 0);
		return respond(st, c, &w, NULL);
	}
	rt = web_route(st->page);
	r.page = st->page;
	for (size_t i = 0; i < WEB_SEGS_MAX; i++)
		r.seg[i] = st->seg[i];
	if (st->early_status != 0) {
		early_error(st, &r, &w, rt->is_api);
		return respond(st, c, &w, NULL);
	}
	if (rt->method == WM_GET)
		MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND,
		    query_iter, st);
	if (store_pool_get(app->pool, &r.store, NULL) != AT_OK) {
		r.store = NULL;
		if (rt->is_api)
			api_error(&w, 503, "storage",
			    "the database is not available");
		else
			page_error(&r, &w, 503,
			    "The database is not available");
		return respond(st, c, &w, NULL);
	}
	if (!session_identify(app, c, rt, &r, &w, pre))
		goto done;
	if ((rt->roles & WR(r.user.role)) == 0) {
		if (r.user.role == ROLE_PUBLIC && !rt->is_api &&
		    rt->method == WM_GET) {
			int rc;

			w.status = 303;
			rc = snprintf(w.location, sizeof(w.location),
			    "/login?next=");
			if (rc > 0) {
				struct buf u;

				buf_init(&u, 400);
				url_encode(&u, st->path);
				if (buf_len(&u) + (size_t)rc <
				    sizeof(w.location))
					memcpy(w.location + rc, buf_str(&u),
					    buf_len(&u) + 1);
				buf_fini(&u);
			}
		} else if (r.user.role == ROLE_PUBLIC) {
			if (rt->is_api)
				api_error(&w, 401, "unauthenticated",
				    "sign in or send a bearer token");
			else
				page_error(&r, &w, 401, "Sign in first");
		} else {
			if (rt->is_api)
				api_error(&w, 403, "denied",
				    "your role may not do this");
			else
				page_error(&r, &w, 403,
				    "Your role may not do this");
		}
		goto done;
	}
	/* A public GET of a cacheable route: the same request at the same
	 * data version was answered before (so its inputs were valid). */
	if (rt->method == WM_GET && cacheable(r.page) &&
	    r.user.role == ROLE_PUBLIC && pre[0] == '\0' &&
	    w.cookie[0] == '\0') {
		cache_key_make(st, &ck);
		if (ck.on && store_data_version(r.store, &ck.v0) != AT_OK)
			ck.on = false;
		if (ck.on && resp_cache_get(app->cache, ck.k, ck.n, ck.v0, c,
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND,
			MHD_HTTP_HEADER_IF_NONE_MATCH), &ret, &st->status)) {
			store_pool_put(app->pool, r.store);
			thread_body_keep(&w.body);
			return ret;
		}
	}
	/* A form's token is checked before its inputs, so a forged
	 * request is refused whatever it carries.  Inputs are checked only
	 * for those allowed here, so a refused visitor learns nothing about
	 * them. */
	if (rt->is_form && !session_csrf_ok(st, &r)) {
		page_error(&r, &w, 403, "The form has expired; reload the "
		    "page and try again");
		goto done;
	}
	if (!router_validate(st, &r, &w))
		goto done;
	if (r.page == PAGE_HOME || r.page == PAGE_JURISDICTION ||
	    r.page == PAGE_MAP || r.page == PAGE_API_OUTCOMES ||
	    r.page == PAGE_JURISDICTIONS ||
	    r.page == PAGE_REVIEW_PROPOSE || r.page == PAGE_ACTION_ADD ||
	    r.page == PAGE_API_REVIEW_PROPOSE || r.page == PAGE_API_ACTION_ADD ||
	    (r.page == PAGE_API_LIST && web_arg(&r, "outcome") != NULL))
		r.rules = app_rules(app);
	r.audit_pk = app->cfg->audit_pk;
	router_dispatch(st, &r, &w, c);
	/* A write may have committed: the checkpointer signs soon. */
	if (rt->method == WM_POST && w.status < 400)
		ckpt_note(app->ckpt);
done:
	/* Kept only if no write committed while the handler read. */
	if (ck.on && w.status == 200) {
		int64_t v1 = -1;

		keep = store_data_version(r.store, &v1) == AT_OK &&
		    v1 == ck.v0;
	}
	store_pool_put(app->pool, r.store);
	if (ck.on)
		ret = respond_kept(st, c, &w, &ck, keep);
	else
		ret = respond(st, c, &w, pre);
	return ret;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct app *app = cls;
	struct req_state *st = *con_cls;

	(void)version;
	if (st == NULL) {
		const char *clen, *ctype;

		st = xcalloc(1, sizeof(*st));
		st->app = app;
		st->t0_ns = now_ns();
		atomic_fetch_add(&app->inflight, 1);
		buf_init(&st->body, HTTP_BODY_MAX);
		log_path(st->path, sizeof(st->path), url);
		memcpy(st->method, method, strlen(method) < sizeof(st->method) ?
		    strlen(method) + 1 : 1);
		router_match(st, method, url);
		*con_cls = st;
		clen = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (clen != NULL) {
			int64_t n = 0;

			if (parse_i64(clen, strlen(clen), 0, INT64_MAX, &n) !=
			    AT_OK || n > (int64_t)HTTP_BODY_MAX) {
				/* Refuse now; libmicrohttpd closes the
				 * connection rather than read the body. */
				st->early_status = 413;
				return answer(st, c);
			}
		}
		if (st->page != PAGE__MAX &&
		    web_route(st->page)->method == WM_POST &&
		    st->early_status == 0) {
			ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
			    MHD_HTTP_HEADER_CONTENT_TYPE);
			if (web_route(st->page)->is_api &&
			    web_route(st->page)->files != NULL) {
				/* An API upload: multipart only. */
				if (ctype == NULL || strncmp(ctype,
				    "multipart/form-data", 19) != 0)
					st->early_status = 415;
				else {
					st->pp = MHD_create_post_processor(c,
					    8192, post_iter, st);
					if (st->pp == NULL)
						st->early_status = 415;
				}
			} else if (web_route(st->page)->is_api) {
				if (ctype == NULL || strncmp(ctype,
				    "application/json", 16) != 0)
					st->early_status = 415;
				else
					st->is_json = true;
			} else {
				st->pp = MHD_create_post_processor(c, 8192,
				    post_iter, st);
				if (st->pp == NULL)
					st->early_status = 415;
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (st->pp != NULL) {
			if (MHD_post_process(st->pp, upload_data,
				*upload_data_size) != MHD_YES &&
			    st->early_status == 0)
				st->early_status = 400;
		} else if (st->is_json)
			buf_append(&st->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (st->is_json && st->early_status == 0) {
		if (buf_err(&st->body) != AT_OK)
			st->early_status = 413;
		else if (!json_fields(st))
			st->early_status = 400;
	}
	return answer(st, c);
}

static void
completed_cb(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct app *app = cls;
	struct req_state *st = *con_cls;

	(void)c;
	(void)toe;
	if (st == NULL)
		return;
	if (app->cfg->log != NULL) {
		int64_t us = (now_ns() - st->t0_ns) / 1000;

		fprintf(app->cfg->log, "%s %s %d %lld.%03lldms%s%s\n",
		    st->method, st->path, st->status, (long long)(us / 1000),
		    (long long)(us % 1000), st->note != NULL ? " " : "",
		    st->note != NULL ? st->note : "");
	}
	state_free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&app->inflight, 1);
}

static enum at_err
parse_listen(const char *s, struct sockaddr_in *sa, struct at_diag *d)
{
	const char *colon = strrchr(s, ':');
	char host[64];
	int64_t port;

	memset(sa, 0, sizeof(*sa));
	if (colon == NULL || (size_t)(colon - s) >= sizeof(host) ||
	    parse_i64(colon + 1, strlen(colon + 1), 0, 65535, &port) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "listen",
		    "give the address as HOST:PORT, e.g. 127.0.0.1:8080");
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0)
		memcpy(host, "127.0.0.1", sizeof("127.0.0.1"));
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return at_diag_set(d, AT_EINVAL, "listen",
		    "%s is not an IPv4 address", host);
	return AT_OK;
}

enum at_err
http_serve(const struct http_config *cfg, struct at_diag *d)
{
	struct app *app;
	struct sockaddr_in sa;
	struct MHD_Daemon *daemon = NULL;
	struct sockaddr_in bound;
	socklen_t blen = sizeof(bound);
	sigset_t sigs;
	int lfd = -1;
	unsigned threads = cfg->threads > 0 ? cfg->threads : 2;
	char host[INET_ADDRSTRLEN];
	enum at_err er;
	int sig = 0;

	if ((er = parse_listen(cfg->listen, &sa, d)) != AT_OK)
		return er;
	if (sodium_init() < 0)
		return at_diag_set(d, AT_IO, "sodium", "libsodium failed");
	app = xcalloc(1, sizeof(*app));
	app->cfg = cfg;
	crypto_auth_keygen(app->key);
	pthread_mutex_init(&app->login_mu, NULL);
	app->map_once = (pthread_once_t)PTHREAD_ONCE_INIT;
	app->rules_once = (pthread_once_t)PTHREAD_ONCE_INIT;
	app->cache = resp_cache_new(HTTP_CACHE_SLOTS, HTTP_CACHE_BYTES);
	{
		struct web_resp w;
		struct web_req r;

		memset(&w, 0, sizeof(w));
		memset(&r, 0, sizeof(r));
		buf_init(&w.body, 4096);
		api_health(&r, &w);
		app->health = make_response(app, &w, NULL, NULL);
		buf_fini(&w.body);
	}
	/* Bind (perhaps a privileged port), then give up root before
	 * anything else: the database's files are opened as the user. */
	lfd = http_listen_socket(&sa, d);
	if (lfd < 0) {
		er = AT_IO;
		goto out;
	}
	if (cfg->user != NULL &&
	    (er = http_drop_privileges(cfg->user, d)) != AT_OK)
		goto out;
	/* The first handle opens now, so a bad database fails at start and
	 * the migrations run once, before any worker. */
	if ((er = store_pool_open(cfg->db_url, threads, &app->pool, d)) !=
	    AT_OK)
		goto out;

	/* Signals go to the thread that waits for them, not to workers. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    access_cb, app,
	    MHD_OPTION_LISTEN_SOCKET, lfd,
	    MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_HEADER_MEM,
	    MHD_OPTION_CONNECTION_LIMIT, 1000u,
	    MHD_OPTION_NOTIFY_COMPLETED, completed_cb, app,
	    MHD_OPTION_END);
	if (daemon == NULL) {
		er = at_diag_set(d, AT_IO, "listen", "cannot listen on %s",
		    cfg->listen);
		goto out;
	}
	app->ckpt = ckpt_start(app);
	if (getsockname(lfd, (struct sockaddr *)&bound, &blen) != 0)
		bound = sa;
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
	printf("attest: serving http://%s:%u/\n", host,
	    (unsigned)ntohs(bound.sin_port));
	fflush(stdout);

	if (sigwait(&sigs, &sig) != 0)
		sig = SIGTERM;
	/* Stop taking connections, let requests in flight finish. */
	if (MHD_quiesce_daemon(daemon) == lfd) {
		close(lfd);
		lfd = -1;
	}
	for (int i = 0; i < 1000 && atomic_load(&app->inflight) > 0; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(daemon);
	ckpt_stop(app->ckpt);
	/* No request renders now: let the PDF renderer's font caches go,
	 * so leak checkers see a clean exit. */
	render_pdf_cleanup();
	if (cfg->log != NULL)
		fprintf(cfg->log, "attest serve: stopped on %s\n",
		    sig == SIGINT ? "SIGINT" : "SIGTERM");
	er = AT_OK;
out:
	if (lfd >= 0)
		close(lfd);
	if (app->pool != NULL)
		store_pool_close(app->pool);
	resp_cache_free(app->cache);
	if (app->health != NULL)
		MHD_destroy_response(app->health);
	map_data_free(app->map);
	rules_set_free(app->rules);
	pthread_mutex_destroy(&app->login_mu);
	free(app);
	return er;
}
