/* SPDX-License-Identifier: ISC */
/*
 * attest serve [--listen HOST:PORT] [--threads N] [--atlas FILE]
 * [--secure-cookies] [--session-idle S] [--session-max S] [--quiet]
 * [--user NAME] [--checkpoint-delay MS]: the web site and JSON API
 * (src/http) over the database, until SIGTERM or SIGINT.  Writes made
 * through it are covered by a signed audit checkpoint within MS
 * milliseconds, not only at exit.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "audit/audit.h"
#include "cli/audit_cli.h"
#include "cli/rules_cli.h"
#include "http/http.h"
#include "store/store_users.h"
#include "views/web.h"

/* The route table, one line per route: method, path pattern, roles
 * allowed, inputs.  Tests walk it; people read it. */
static void
print_routes(void)
{
	for (int p = 0; p < PAGE__MAX; p++) {
		const struct web_route *rt = web_route((enum page)p);
		bool first = true;

		printf("%s %s %s ", rt->method == WM_GET ? "GET" : "POST",
		    rt->pattern, rt->is_api ? "api" : rt->is_form ? "form" :
		    "page");
		for (int r = 0; r < ROLE__MAX; r++)
			if (rt->roles & WR(r)) {
				printf("%s%s", first ? "" : ",",
				    user_role_name((enum user_role)r));
				first = false;
			}
		printf(" ");
		first = true;
		for (size_t i = 0; rt->params[i].name != NULL; i++) {
			printf("%s%s", first ? "" : ",", rt->params[i].name);
			first = false;
		}
		printf("%s\n", first ? "-" : "");
	}
}

/* The server's checkpointer calls this on its own thread; errors are
 * printed and the next write tries again. */
static void
serve_checkpoint(void *arg, struct store *s)
{
	(void)cli_audit_checkpoint(arg, s, NULL);
}

int
cmd_serve(struct cli_ctx *ctx)
{
	const char *listen = "127.0.0.1:8080", *threads = NULL, *atlas = NULL;
	const char *rules = NULL, *user = NULL, *delay = NULL;
	const char *idle = NULL, *maxage = NULL;
	char *rules_dflt = NULL;
	bool secure = false, quiet = false, routes = false;
	const struct cli_opt opts[] = {
		{ "listen", &listen, NULL,
		    "address to serve on, HOST:PORT (default 127.0.0.1:8080; "
		    "port 0 picks one)" },
		{ "threads", &threads, NULL,
		    "worker threads (default 2, the number of cores here)" },
		{ "atlas", &atlas, NULL,
		    "us-atlas counties-albers-10m.json for the map" },
		{ "rules", &rules, NULL,
		    "rules directory or file for outcomes (default: the "
		    "shipped rules/)" },
		{ "secure-cookies", NULL, &secure,
		    "mark cookies Secure (when a TLS proxy is in front)" },
		{ "session-idle", &idle, NULL,
		    "seconds a session lives without a request (default "
		    "1800)" },
		{ "session-max", &maxage, NULL,
		    "seconds a session lives at most (default 28800)" },
		{ "quiet", NULL, &quiet, "no request log on stderr" },
		{ "user", &user, NULL,
		    "when started as root, switch to this user once the "
		    "address is bound (before the database is opened)" },
		{ "checkpoint-delay", &delay, NULL,
		    "sign an audit checkpoint at most this many milliseconds "
		    "after a write (default 1000)" },
		{ "routes", NULL, &routes,
		    "print the route table (method, path, kind, roles, "
		    "inputs) and exit" },
		{ NULL, NULL, NULL, NULL },
	};
	char atlas_buf[4096];
	uint8_t audit_pk[AUDIT_PK_LEN];
	struct http_config cfg;
	struct at_diag d;
	const char *pos[1];
	size_t npos;
	int64_t nthreads = 2, delay_ms = 1000;
	int64_t idle_s = HTTP_SESSION_IDLE_DEFAULT;
	int64_t max_s = HTTP_SESSION_MAX_DEFAULT;
	int rc;
	enum at_err er;

	if (cli_parse(ctx, opts, "[--listen HOST:PORT] [--threads N]", pos, 0,
		&npos, &rc) != 0)
		return rc;
	if (routes) {
		print_routes();
		return CLI_OK;
	}
	if (threads != NULL && parse_i64(threads, strlen(threads), 1, 64,
	    &nthreads) != AT_OK) {
		cli_err(ctx, "--threads takes a number from 1 to 64");
		return CLI_USAGE;
	}
	if (delay != NULL && parse_i64(delay, strlen(delay), 0, 3600000,
	    &delay_ms) != AT_OK) {
		cli_err(ctx, "--checkpoint-delay takes milliseconds from 0 to "
		    "3600000");
		return CLI_USAGE;
	}
	if (user != NULL && user[0] == '\0') {
		cli_err(ctx, "--user needs a user name");
		return CLI_USAGE;
	}
	if ((idle != NULL && parse_i64(idle, strlen(idle), 1, 31 * 86400,
	    &idle_s) != AT_OK) || (maxage != NULL && parse_i64(maxage,
	    strlen(maxage), 1, 31 * 86400, &max_s) != AT_OK)) {
		cli_err(ctx, "--session-idle and --session-max take seconds "
		    "from 1 to 2678400 (31 days)");
		return CLI_USAGE;
	}
	if (atlas == NULL)
		atlas = getenv("ATTEST_ATLAS");
	if (atlas == NULL || atlas[0] == '\0') {
		rc = snprintf(atlas_buf, sizeof(atlas_buf),
		    "%s/build/npm/node_modules/us-atlas/"
		    "counties-albers-10m.json", AT_SOURCE_DIR);
		atlas = rc > 0 && (size_t)rc < sizeof(atlas_buf) ? atlas_buf :
		    NULL;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.listen = listen;
	cfg.db_url = ctx->db_url;
	cfg.atlas_path = atlas;
	if (rules == NULL)
		rules = rules_dflt = cli_rules_dir();
	cfg.rules_dir = rules;
	cfg.data_dir = cli_data_dir();
	cfg.threads = (unsigned)nthreads;
	cfg.secure_cookies = secure;
	cfg.session_idle = idle_s;
	cfg.session_max = max_s;
	cfg.log = quiet ? NULL : stderr;
	cfg.user = user;
	cfg.checkpoint = serve_checkpoint;
	cfg.checkpoint_ctx = ctx;
	cfg.checkpoint_ms = (unsigned)delay_ms;
	at_diag_clear(&d);
	/* The log's public key, so the audit page checks signatures as
	 * `attest audit verify` does; without one it says they are not
	 * checked. */
	if (strncmp(ctx->db_url, "postgres", 8) != 0 ||
	    getenv("ATTEST_KEY") != NULL) {
		char kpath[4096];
		struct audit_key *k = NULL;

		if (cli_audit_key_path(ctx, NULL, kpath, sizeof(kpath)) == 0 &&
		    audit_key_load(kpath, &k, &d) == AT_OK) {
			audit_key_public(k, audit_pk);
			cfg.audit_pk = audit_pk;
		}
		audit_key_free(k);
		at_diag_clear(&d);
	}
	er = http_serve(&cfg, &d);
	free(rules_dflt);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return cli_exit_for(er);
	}
	return CLI_OK;
}
