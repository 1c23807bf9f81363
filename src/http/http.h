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

struct http_config {
	const char *listen;	/* "HOST:PORT"; port 0 picks a free one */
	const char *db_url;	/* the database every worker opens */
	const char *atlas_path; /* us-atlas counties-albers-10m.json */
	const char *rules_dir;	/* rule files for outcomes, or NULL */
	const char *data_dir;	/* templates/ for letters */
	unsigned threads;	/* worker threads (and database handles) */
	bool secure_cookies;	/* mark cookies Secure (behind TLS) */
	const uint8_t *audit_pk; /* checks checkpoint signatures, or NULL */
	FILE *log;		/* request log lines, or NULL for none */
};

/*
 * Serve until SIGTERM or SIGINT, then stop taking connections, let the
 * requests in flight finish (at most 10 s) and return AT_OK.  Prints
 * "attest: serving http://HOST:PORT/" to stdout once listening.  AT_IO
 * if the address cannot be bound, AT_EINVAL for a bad listen address,
 * AT_DB if the database cannot be opened (d says why).
 */
enum at_err http_serve(const struct http_config *cfg, struct at_diag *d);

#endif
