/* SPDX-License-Identifier: ISC */
/*
 * attest rules check [PATH...] and attest rules test [PATH...]: parse the
 * rule files of directories or files (the shipped rules/ by default), and
 * report the first error as FILE:LINE:COLUMN: message; or run the tests
 * written in the rules language and report each failure.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "cli/rules_cli.h"
#include "core/xalloc.h"
#include "rules/rules.h"

/* The shipped rules directory, cli_data_dir() + "/rules" (owned). */
char *
cli_rules_dir(void)
{
	const char *base = cli_data_dir();
	size_t len = strlen(base) + sizeof("/rules");
	char *p = xmalloc(len);

	if (snprintf(p, len, "%s/rules", base) < 0)
		abort();
	return p;
}

int
cli_rules_load(const struct cli_ctx *ctx, const char *path,
    struct rules_set **out)
{
	return cli_rules_load_paths(ctx, path != NULL ? &path : NULL,
	    path != NULL ? 1 : 0, out);
}

int
cli_rules_load_paths(const struct cli_ctx *ctx, const char *const *paths,
    size_t n, struct rules_set **out)
{
	char *dflt = NULL;
	struct at_diag d;
	char msg[1024];
	enum at_err er;

	at_diag_clear(&d);
	if (n == 0) {
		dflt = cli_rules_dir();
		er = assess_rules_load_path(dflt, out, &d);
	} else
		er = assess_rules_load_paths(paths, n, out, &d);
	free(dflt);
	if (er == AT_OK)
		return 0;
	at_diag_format(&d, msg, sizeof(msg));
	if (er == AT_EINVAL || er == AT_CONFLICT || er == AT_LIMIT)
		fprintf(stderr, "%s\n", msg); /* FILE:LINE:COLUMN: message */
	else
		cli_err(ctx, "%s", msg[0] != '\0' ? msg : at_strerror(er));
	return er == AT_IO || er == AT_NOTFOUND ? CLI_USAGE : CLI_CHECK;
}

struct test_ctx {
	bool verbose;
};

static void
on_test(void *ctx, const struct rules_test_report *t)
{
	struct test_ctx *tc = ctx;

	if (!t->passed)
		printf("FAIL %s:%ld: %s\n     %s\n", t->file, t->line, t->name,
		    t->message != NULL ? t->message : "");
	else if (tc->verbose)
		printf("ok   %s:%ld: %s\n", t->file, t->line, t->name);
}

int
cmd_rules(struct cli_ctx *ctx)
{
	bool verbose = false;
	const struct cli_opt opts[] = {
		{ "verbose", NULL, &verbose, "test: list passing tests too" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[65];
	size_t npos, npass = 0, nfail = 0;
	struct rules_set *rs = NULL;
	struct test_ctx tc;
	struct at_diag d;
	int rc;

	if (cli_parse(ctx, opts, "check|test [DIR|FILE]... [--verbose]", pos,
		65, &npos, &rc) != 0)
		return rc;
	if (npos < 1 || (strcmp(pos[0], "check") != 0 &&
			    strcmp(pos[0], "test") != 0)) {
		cli_err(ctx, "say `rules check [DIR]` or `rules test [DIR]`");
		return CLI_USAGE;
	}
	rc = cli_rules_load_paths(ctx, pos + 1, npos - 1, &rs);
	if (rc != 0)
		return rc;
	if (strcmp(pos[0], "check") == 0) {
		printf("ok: %zu interpretations, %zu requirements, %zu "
		       "conditions, %zu tests\n",
		    rules_set_ninterpretations(rs), rules_set_nrequirements(rs),
		    rules_set_nconditions(rs), rules_set_ntests(rs));
		rules_set_free(rs);
		return CLI_OK;
	}
	tc.verbose = verbose;
	at_diag_clear(&d);
	if (rules_test_run(rs, on_test, &tc, &npass, &nfail, &d) != AT_OK) {
		cli_err(ctx, "%s", d.msg);
		rules_set_free(rs);
		return CLI_USAGE;
	}
	printf("%zu passed, %zu failed\n", npass, nfail);
	rules_set_free(rs);
	return nfail > 0 ? CLI_CHECK : CLI_OK;
}
