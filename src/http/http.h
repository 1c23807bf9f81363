/* SPDX-License-Identifier: ISC */
/*
 * attest serve: the web site and JSON API on GNU libmicrohttpd (an
 * internal thread pool over epoll).  This module owns the socket, the
 * request decoding with its caps, sign-in, sessions, CSRF and roles;
 * pages and API handlers (src/views, src/api) see only validated input.
 */
#ifndef AT_HTTP_HTTP_H
#define AT_HTTP_HTTP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct store;

/* Session lifetimes unless the configuration says otherwise: signed
 * out after half an hour without a request, and after eight hours in
 * any case. */
#define HTTP_SESSION_IDLE_DEFAULT 1800
#define HTTP_SESSION_MAX_DEFAULT  (8 * 3600)

struct http_config {
	const char *listen;	/* "HOST:PORT"; port 0 picks a free one */
	const char *db_url;	/* the database every worker opens */
	const char *atlas_path; /* us-atlas counties-albers-10m.json */
	const char *rules_dir;	/* rule files for outcomes, or NULL */
	const char *data_dir;	/* templates/ for letters */
	unsigned threads;	/* worker threads (and database handles) */
	bool secure_cookies;	/* mark cookies Secure (behind TLS) */
	const uint8_t *audit_pk; /* checks checkpoint signatures, or NULL */
	int64_t session_idle;	/* seconds a session lives unused */
	int64_t session_max;	/* seconds a session lives at most */
	FILE *log;		/* request log lines, or NULL for none */
	const char *user;	/* switch to this user after binding, or NULL */
	/* Sign an audit checkpoint of the log as it stands (NULL: never);
	 * called on a thread of its own, at most checkpoint_ms after the
	 * first write of a burst, and at stop if writes are pending. */
	void (*checkpoint)(void *ctx, struct store *s);
	void *checkpoint_ctx;
	unsigned checkpoint_ms;
};

/*
 * Serve until SIGTERM or SIGINT, then stop taking connections, let the
 * requests in flight finish (at most 10 s) and return AT_OK.  Prints
 * "attest: serving http://HOST:PORT/" to stdout once listening.  AT_IO
 * if the address cannot be bound, AT_EINVAL for a bad listen address,
 * AT_DB if the database cannot be opened (d says why).  With user set,
 * the socket is bound first and the database opened after the switch,
 * so its files are the user's.
 */
enum at_err http_serve(const struct http_config *cfg, struct at_diag *d);

#endif
