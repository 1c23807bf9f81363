/* SPDX-License-Identifier: ISC */
/*
 * Who is asking: a session cookie (HttpOnly, SameSite=Lax, Path=/,
 * Secure when configured) for people, a bearer token for scripts.  CSRF
 * tokens are a MAC, under a key made at start-up, of the visitor's
 * session token or, on the sign-in form, of a random "pre" cookie, so a
 * form from another site cannot carry one; the public gets no cookie
 * anywhere else.  A cookie-authenticated API write carries the token in
 * an X-CSRF-Token header (GET /api/v1/me tells it); a bearer-token write
 * needs none, as no browser sends the token by itself.
 *
 * Sessions: signing in always makes a new token (one presented before is
 * never adopted, and a session presented at sign-in is ended); it dies at
 * sign-out, at a password change, after cfg->session_idle seconds without
 * a request and cfg->session_max seconds after sign-in.
 *
 * Limits: failed sign-ins are counted per client address, and an
 * address past HTTP_LOGIN_TRIES in HTTP_LOGIN_WINDOW seconds may not
 * sign in for the rest of that window; wrong passwords are also counted
 * per user name, from any address, and a name past HTTP_ACCOUNT_TRIES in
 * HTTP_ACCOUNT_WINDOW seconds may not sign in.  Bad bearer tokens are
 * counted per address apart, with the same numbers, and an address past
 * them may not use a token: so a person's typos never stop the scripts
 * that share an address (a proxy's), nor a script's stale token the
 * people.  A name is counted whether or not it names
 * an account, so the limit tells nobody which ones exist.  A limited
 * request is answered 429 with Retry-After, the seconds until the
 * window that limits it ends.
 */
#include "http/http_int.h"

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "store/store.h"
#include "store/store_users.h"
#include "views/views.h"
#include "api/api.h"

#define COOKIE_SESSION "attest_session"
#define COOKIE_PRE     "attest_pre"
#define HEADER_CSRF    "X-CSRF-Token"

static int64_t
idle_of(const struct app *app)
{
	return app->cfg->session_idle > 0 ? app->cfg->session_idle :
	    HTTP_SESSION_IDLE_DEFAULT;
}

static int64_t
max_of(const struct app *app)
{
	return app->cfg->session_max > 0 ? app->cfg->session_max :
	    HTTP_SESSION_MAX_DEFAULT;
}

void
session_cookie(const struct app *app, struct web_resp *w, const char *name,
    const char *token, int64_t max_age)
{
	int rc;

	rc = snprintf(w->cookie, sizeof(w->cookie),
	    "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Lax%s", name,
	    token != NULL ? token : "", (long long)(token != NULL ? max_age :
	    0), app->cfg->secure_cookies ? "; Secure" : "");
	if (rc < 0 || (size_t)rc >= sizeof(w->cookie))
		w->cookie[0] = '\0';
}

static void
csrf_for(const struct app *app, const char *binding, char out[72])
{
	unsigned char mac[crypto_auth_BYTES];

	crypto_auth(mac, (const unsigned char *)binding, strlen(binding),
	    app->key);
	sodium_bin2hex(out, 72, mac, sizeof(mac));
}

static bool
same_token(const char *got, const char *want)
{
	size_t n = strlen(want);

	return got != NULL && n > 0 && strlen(got) == n &&
	    sodium_memcmp(got, want, n) == 0;
}

static bool
token_ok(const char *t)
{
	if (t == NULL || strlen(t) != USER_TOKEN_HEX - 1)
		return false;
	for (const char *p = t; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

static uint64_t
client_key(const struct app *app, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	unsigned char h[crypto_generichash_BYTES_MIN];
	uint64_t k = 0;

	if (ci == NULL || ci->client_addr == NULL)
		return 0;
	if (ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *in =
		    (const struct sockaddr_in *)(const void *)ci->client_addr;

		crypto_generichash(h, sizeof(h),
		    (const unsigned char *)&in->sin_addr, sizeof(in->sin_addr),
		    app->key, sizeof(app->key));
	} else if (ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
		    (const struct sockaddr_in6 *)(const void *)ci->client_addr;

		crypto_generichash(h, sizeof(h),
		    (const unsigned char *)&in6->sin6_addr, 8, app->key,
		    sizeof(app->key));
	} else
		return 0;
	memcpy(&k, h, sizeof(k));
	return k;
}

/* A user name's key: keyed, so which names share slots is not known
 * outside. */
static uint64_t
name_key(const struct app *app, const char *name)
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	uint64_t k;

	crypto_generichash(h, sizeof(h), (const unsigned char *)name,
	    strlen(name), app->key, sizeof(app->key));
	memcpy(&k, h, sizeof(k));
	return k;
}

/*
 * Whether key may go on under tab's limit (tries failures in window
 * seconds), counting a failure first when fail; when not, *retry is the
 * seconds until its window ends.  Only a failure takes a slot: the key's
 * own, a free or expired one among the HTTP_LOGIN_PROBE it may use, else
 * the one there with the fewest failures, so failing under other names
 * pushes out a count only by making larger ones.  Caller holds login_mu.
 */
static bool
gate(struct login_slot *tab, uint64_t key, int64_t window, int tries,
    bool fail, int64_t now, int64_t *retry)
{
	struct login_slot *own = NULL, *spare = NULL, *weak = NULL;

	for (size_t i = 0; i < HTTP_LOGIN_PROBE && own == NULL; i++) {
		struct login_slot *s = &tab[(key + i) % HTTP_LOGIN_SLOTS];
		bool live = s->since != 0 && now - s->since < window;

		if (live && s->key == key)
			own = s;
		else if (!live && spare == NULL)
			spare = s;
		else if (live && (weak == NULL || s->fails < weak->fails))
			weak = s;
	}
	if (own == NULL && !fail)
		return true;
	if (own == NULL) {
		own = spare != NULL ? spare : weak;
		own->key = key;
		own->since = now;
		own->fails = 0;
	}
	if (fail)
		own->fails++;
	if (own->fails < tries)
		return true;
	*retry = own->since + window - now;
	if (*retry < 1)
		*retry = 1;
	return false;
}

/* Whether an attempt from address addr, counted in by_addr (sign-ins or
 * tokens), for user name (NULL: the address alone), may go on; counts a
 * failure first when fail.  When not, *retry is the seconds to wait. */
static bool
login_gate(struct app *app, struct login_slot *by_addr, uint64_t addr,
    const char *name, bool fail, int64_t *retry)
{
	int64_t now = (int64_t)time(NULL), ra = 0, rn = 0;
	uint64_t nk = name != NULL ? name_key(app, name) : 0;
	bool ok;

	pthread_mutex_lock(&app->login_mu);
	ok = gate(by_addr, addr, HTTP_LOGIN_WINDOW, HTTP_LOGIN_TRIES, fail,
	    now, &ra);
	if (name != NULL && !gate(app->login_acct, nk, HTTP_ACCOUNT_WINDOW,
	    HTTP_ACCOUNT_TRIES, fail, now, &rn))
		ok = false;
	pthread_mutex_unlock(&app->login_mu);
	*retry = ra > rn ? ra : rn;
	return ok;
}

/* The answer to a limited request: 429 with Retry-After, as the sign-in
 * form with the reason or as an API error. */
static void
limited(struct web_req *r, struct web_resp *w, bool api, int64_t retry)
{
	char msg[120];
	int64_t mins = (retry + 59) / 60;

	if (api) {
		api_error(w, 429, "too_many_attempts", "too many bad "
		    "tokens from this address; wait for Retry-After "
		    "seconds");
	} else {
		if (snprintf(msg, sizeof(msg), "Too many failed attempts; "
		    "wait %lld minute%s and try again.", (long long)mins,
		    mins == 1 ? "" : "s") < 0)
			msg[0] = '\0';
		page_login_form(r, w, msg);
		w->status = 429;
	}
	w->retry_after = retry;
}

bool
session_identify(struct app *app, struct MHD_Connection *c,
    const struct web_route *rt, struct web_req *r, struct web_resp *w,
    char pre[USER_TOKEN_HEX])
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	const char *sess = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	    COOKIE_SESSION);
	const char *pc = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	    COOKIE_PRE);
	enum at_err er = AT_NOTFOUND;

	memset(&r->user, 0, sizeof(r->user));
	r->user.role = ROLE_PUBLIC;
	pre[0] = '\0';
	if (rt->is_api && auth != NULL) {
		uint64_t key = client_key(app, c);
		int64_t retry = 0;

		if (!login_gate(app, app->login_token, key, NULL, false,
		    &retry)) {
			limited(r, w, true, retry);
			return false;
		}
		if (strncmp(auth, "Bearer ", 7) == 0)
			er = store_token_user(r->store, auth + 7, &r->user);
		if (er != AT_OK) {
			memset(&r->user, 0, sizeof(r->user));
			r->user.role = ROLE_PUBLIC;
			/* A database that cannot answer is not a bad token:
			 * the client should try again, not give up. */
			if (er != AT_NOTFOUND)
				api_error(w, 503, "storage",
				    "the database is not available");
			else {
				(void)login_gate(app, app->login_token, key,
				    NULL, true, &retry);
				api_error(w, 401, "unauthenticated",
				    "the bearer token is not valid");
			}
			return false;
		}
		return true;
	}
	if (sess != NULL && token_ok(sess))
		er = store_session_use(r->store, sess, (int64_t)time(NULL),
		    idle_of(app), max_of(app), &r->user);
	if (er != AT_OK && er != AT_NOTFOUND) {
		/* Nor does it sign anyone out. */
		memset(&r->user, 0, sizeof(r->user));
		r->user.role = ROLE_PUBLIC;
		if (rt->is_api)
			api_error(w, 503, "storage",
			    "the database is not available");
		else
			page_error(r, w, 503, "The database is not available");
		return false;
	}
	if (er == AT_OK) {
		csrf_for(app, sess, r->csrf);
		/* Another site's page cannot set this header (nor send
		 * JSON without asking first, which is never allowed). */
		if (rt->is_api && rt->method == WM_POST &&
		    !same_token(MHD_lookup_connection_value(c,
			MHD_HEADER_KIND, HEADER_CSRF), r->csrf)) {
			api_error(w, 403, "csrf", "a write signed in by "
			    "cookie needs the X-CSRF-Token header that "
			    "GET /api/v1/me gives");
			return false;
		}
		return true;
	}
	memset(&r->user, 0, sizeof(r->user));
	r->user.role = ROLE_PUBLIC;
	/* Only the sign-in form carries a token for the public; no other
	 * page sets a cookie for them. */
	if (r->page != PAGE_LOGIN_FORM && r->page != PAGE_LOGIN)
		return true;
	if (pc != NULL && token_ok(pc))
		csrf_for(app, pc, r->csrf);
	else {
		unsigned char raw[USER_TOKEN_LEN];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(pre, USER_TOKEN_HEX, raw, sizeof(raw));
		csrf_for(app, pre, r->csrf);
	}
	return true;
}

bool
session_csrf_ok(const struct req_state *st, const struct web_req *r)
{
	for (size_t i = 0; i < st->nkv; i++)
		if (strcmp(st->kv[i].name, "csrf") == 0)
			return !st->kv[i].bad &&
			    same_token(st->kv[i].val, r->csrf);
	return false;
}

void
session_login(struct app *app, struct MHD_Connection *c, struct web_req *r,
    struct web_resp *w)
{
	uint64_t key = client_key(app, c);
	const char *name = web_arg(r, "name"); /* required by the route */
	const char *next = web_arg(r, "next");
	const char *sess = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	    COOKIE_SESSION);
	char tok[USER_TOKEN_HEX];
	struct user u;
	int64_t retry = 0;
	enum at_err er;

	if (!login_gate(app, app->login, key, name, false, &retry)) {
		limited(r, w, false, retry);
		return;
	}
	er = store_user_check(r->store, name, web_arg(r, "password"), &u);
	if (er != AT_OK) {
		/* A wrong password counts against the name too; a database
		 * that cannot answer only against the address, so an outage
		 * locks no account. */
		(void)login_gate(app, app->login, key,
		    er == AT_DENIED ? name : NULL, true, &retry);
		page_login_form(r, w, er == AT_DENIED ?
		    "Wrong name or password." :
		    "Signing in failed; try again.");
		w->status = er == AT_DENIED ? 401 : 500;
		return;
	}
	/* A session this browser held before ends here: whoever planted or
	 * saw it keeps nothing. */
	if (sess != NULL && token_ok(sess))
		(void)store_session_end(r->store, sess);
	if (store_session_new(r->store, u.name, (int64_t)time(NULL),
		idle_of(app) < max_of(app) ? idle_of(app) : max_of(app),
		tok) != AT_OK) {
		page_error(r, w, 500, "Signing in failed; try again.");
		return;
	}
	session_cookie(app, w, COOKIE_SESSION, tok, max_of(app));
	sodium_memzero(tok, sizeof(tok));
	w->status = 303;
	/* Only a path on this site, never "//host" or a scheme. */
	if (next != NULL && next[0] == '/' && next[1] != '/' &&
	    next[1] != '\\' && strlen(next) < sizeof(w->location))
		memcpy(w->location, next, strlen(next) + 1);
	else if (u.role == ROLE_RECIPIENT)
		memcpy(w->location, "/portal", sizeof("/portal"));
	else
		memcpy(w->location, "/", 2);
}

void
session_logout(struct app *app, struct MHD_Connection *c, struct web_req *r,
    struct web_resp *w)
{
	const char *sess = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	    COOKIE_SESSION);

	if (sess != NULL && token_ok(sess))
		(void)store_session_end(r->store, sess);
	w->status = 303;
	memcpy(w->location, "/", 2);
	session_cookie(app, w, COOKIE_SESSION, NULL, 0);
}
