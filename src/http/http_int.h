/* SPDX-License-Identifier: ISC */
/*
 * Private to src/http: the server's state, one request's state, and the
 * functions the server, router and session files share.
 */
#ifndef AT_HTTP_HTTP_INT_H
#define AT_HTTP_HTTP_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>
#include <sodium.h>

#include "core/buf.h"
#include "http/http.h"
#include "views/web.h"

#define HTTP_BODY_MAX	  (8u * 1024 * 1024) /* request body, bytes */
#define HTTP_FIELD_MAX	  (64u * 1024)	     /* one form field */
#define HTTP_FIELDS_MAX	  32		     /* form or query fields */
#define HTTP_HEADER_MEM	  (32u * 1024)	     /* headers of one request */
#define HTTP_TIMEOUT	  15		     /* seconds of client silence */
#define HTTP_LOGIN_WINDOW 60		     /* seconds */
#define HTTP_LOGIN_TRIES  5		     /* failures per window and address
					      * (sign-ins; bad tokens apart) */
#define HTTP_ACCOUNT_WINDOW 900		     /* seconds */
#define HTTP_ACCOUNT_TRIES  10		     /* failures per window and user name */
#define HTTP_CACHE_SLOTS  1024		     /* response cache entries */
#define HTTP_CACHE_BYTES  (64u * 1024 * 1024) /* bodies held, at most */
#define HTTP_CACHE_ENTRY  (1024u * 1024)     /* one body kept, at most */
#define HTTP_ETAG_LEN	  19		     /* "\"" 16 hex "\"" NUL */
/* Public answers that may be kept (with an ETag) and must be checked. */
#define HTTP_CACHE_PUBLIC "no-cache"

struct store;
struct store_pool;
struct map_data;
struct resp_cache;
struct ckpt;
struct sockaddr_in;

/* Failed sign-ins under one key (a client address or a user name,
 * hashed under the app's key), for rate limiting. */
struct login_slot {
	uint64_t key;
	int64_t since; /* UTC seconds, start of the window; 0: free */
	int fails;
};
#define HTTP_LOGIN_SLOTS 256 /* per table */
#define HTTP_LOGIN_PROBE 8   /* slots a key may take, from key % SLOTS */

struct app {
	const struct http_config *cfg;
	struct store_pool *pool; /* database handles, one per worker */
	unsigned char key[crypto_auth_KEYBYTES]; /* CSRF MAC key */
	pthread_once_t map_once;
	struct map_data *map; /* loaded on first use; NULL if absent */
	pthread_once_t rules_once;
	struct rules_set *rules; /* loaded on first use; NULL if absent */
	pthread_mutex_t login_mu; /* guards the three tables */
	struct login_slot login[HTTP_LOGIN_SLOTS];	 /* by client address */
	struct login_slot login_acct[HTTP_LOGIN_SLOTS];	 /* by user name */
	struct login_slot login_token[HTTP_LOGIN_SLOTS]; /* bad tokens, by
							  * client address */
	atomic_long inflight; /* requests begun and not completed */
	struct resp_cache *cache; /* public API answers by data version */
	struct MHD_Response *health; /* the fixed answer, made once */
	struct ckpt *ckpt;	     /* the checkpointer, or NULL */
};

/* One name=value of a query or form. */
struct kv {
	char *name, *val; /* owned */
	size_t len;	  /* of val */
	bool bad;	  /* too long or held a NUL */
};

struct req_state {
	struct app *app;
	int64_t t0_ns;		 /* monotonic, when the request began */
	enum page page;		 /* PAGE__MAX when no route matched */
	int early_status;	 /* 404, 405, 413, 415, or 0 */
	bool is_json;		 /* API POST with a JSON body */
	struct MHD_PostProcessor *pp;
	struct kv kv[HTTP_FIELDS_MAX];
	size_t nkv;
	bool too_many;		 /* more than HTTP_FIELDS_MAX fields */
	struct web_file files[WEB_FILES_MAX]; /* file parts; strings owned */
	size_t nfiles;
	size_t file_bytes;	 /* of every file part, for the cap */
	struct buf body;	 /* raw JSON body */
	char *seg[WEB_SEGS_MAX]; /* owned */
	int status;		 /* what was answered, for the log */
	const char *note;	 /* static, from the handler, for the log */
	char method[8];
	char path[256];		 /* for the log, cleaned */
};

/* router.c */
/* Match method and path; sets st->page and st->seg, or st->page =
 * PAGE__MAX with early_status 404 or 405. */
void router_match(struct req_state *st, const char *method, const char *url);
/* Check the declared inputs into r (vals, nums).  On failure fill a
 * 400 answer in w and return false. */
bool router_validate(struct req_state *st, struct web_req *r,
    struct web_resp *w);
/* Call the page's handler. */
void router_dispatch(struct req_state *st, struct web_req *r,
    struct web_resp *w, struct MHD_Connection *c);

/* session.c */
/* Work out who is asking (session cookie or bearer token) into r->user
 * and the CSRF token into r->csrf; may set a cookie on w.  Returns
 * false with w filled: 401 for a bearer token that is not valid, 403
 * for a cookie-signed API write without its CSRF header, 503 when the
 * database cannot say. */
bool session_identify(struct app *app, struct MHD_Connection *c,
    const struct web_route *rt, struct web_req *r, struct web_resp *w,
    char pre_cookie[USER_TOKEN_HEX]);
/* true if the form's csrf field (as sent, before the inputs are
 * checked) is the token for this visitor. */
bool session_csrf_ok(const struct req_state *st, const struct web_req *r);
void session_login(struct app *app, struct MHD_Connection *c,
    struct web_req *r, struct web_resp *w);
void session_logout(struct app *app, struct MHD_Connection *c,
    struct web_req *r, struct web_resp *w);
/* Write a Set-Cookie value for a session token (or clear it if NULL). */
void session_cookie(const struct app *app, struct web_resp *w,
    const char *name, const char *token, int64_t max_age);

/* cache.c */
/*
 * Answers to public GET requests, keyed by the request (route, path and
 * decoded query) and the data version (store_data_version): an answer
 * made at version v is given again only while the database is still at
 * v, in this process or any other on the same database, so no write
 * can leave a stale answer behind.  Bounded: nslots entries and at most
 * max_bytes of bodies.
 */
struct resp_cache *resp_cache_new(size_t nslots, size_t max_bytes);
void resp_cache_free(struct resp_cache *rc);
/* If an answer for (key, version) is kept, queue it on c (or a 304 when
 * inm, the request's If-None-Match, names its ETag), set *ret and
 * *status and return true. */
bool resp_cache_get(struct resp_cache *rc, const char *key, size_t klen,
    int64_t version, struct MHD_Connection *c, const char *inm,
    enum MHD_Result *ret, int *status);
/* Keep resp (the caller's reference passes to the cache) as the answer
 * for (key, version); bytes is its body size. */
void resp_cache_put(struct resp_cache *rc, const char *key, size_t klen,
    int64_t version, struct MHD_Response *resp, size_t bytes,
    const char *etag);
/* A strong ETag for a body: a quoted hash. */
void http_etag(const char *body, size_t len, char out[HTTP_ETAG_LEN]);
/* Queue a 304 Not Modified for an answer with etag. */
enum MHD_Result http_not_modified(struct MHD_Connection *c, const char *etag);
/* Whether an If-None-Match value names etag (or is "*"). */
bool http_etag_matches(const char *inm, const char *etag);

/* lifecycle.c */
/* A non-blocking socket bound to sa and listening; -1 with d on failure. */
int http_listen_socket(const struct sockaddr_in *sa, struct at_diag *d);
/* Become user (groups, then gid, then uid, no way back); AT_OK also when
 * already that user; AT_DENIED when not root. */
enum at_err http_drop_privileges(const char *user, struct at_diag *d);
/* The checkpointer (cfg->checkpoint on a thread of its own); NULL when
 * there is none.  ckpt_note after a request that may have written;
 * ckpt_stop runs a pending checkpoint, then ends the thread. */
struct ckpt *ckpt_start(struct app *app);
void ckpt_note(struct ckpt *c);
void ckpt_stop(struct ckpt *c);

/* server.c */
const struct map_data *app_map(struct app *app);
const struct rules_set *app_rules(struct app *app);

#endif
