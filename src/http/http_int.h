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
#define HTTP_SESSION_TTL  (8 * 3600)	     /* seconds */
#define HTTP_LOGIN_WINDOW 60		     /* seconds */
#define HTTP_LOGIN_TRIES  5		     /* failures per window and address */

struct store;
struct store_pool;
struct map_data;

/* Failed sign-ins per client address (hashed), for rate limiting. */
struct login_slot {
	uint64_t key;
	int64_t since; /* UTC seconds, start of the window */
	int fails;
};
#define HTTP_LOGIN_SLOTS 256

struct app {
	const struct http_config *cfg;
	struct store_pool *pool; /* database handles, one per worker */
	unsigned char key[crypto_auth_KEYBYTES]; /* CSRF MAC key */
	pthread_once_t map_once;
	struct map_data *map; /* loaded on first use; NULL if absent */
	pthread_once_t rules_once;
	struct rules_set *rules; /* loaded on first use; NULL if absent */
	pthread_mutex_t login_mu;
	struct login_slot login[HTTP_LOGIN_SLOTS];
	atomic_long inflight; /* requests begun and not completed */
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
	struct buf body;	 /* raw JSON body */
	char *seg[WEB_SEGS_MAX]; /* owned */
	int status;		 /* what was answered, for the log */
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
 * false (with w filled, 401) for a bearer token that is not valid. */
bool session_identify(struct app *app, struct MHD_Connection *c,
    const struct web_route *rt, struct web_req *r, struct web_resp *w,
    char pre_cookie[USER_TOKEN_HEX]);
/* true if the form's csrf field is the token for this visitor. */
bool session_csrf_ok(const struct web_req *r);
void session_login(struct app *app, struct MHD_Connection *c,
    struct web_req *r, struct web_resp *w);
void session_logout(struct app *app, struct MHD_Connection *c,
    struct web_req *r, struct web_resp *w);
/* Write a Set-Cookie value for a session token (or clear it if NULL). */
void session_cookie(const struct app *app, struct web_resp *w,
    const char *name, const char *token, int64_t max_age);

/* server.c */
const struct map_data *app_map(struct app *app);
const struct rules_set *app_rules(struct app *app);

#endif
