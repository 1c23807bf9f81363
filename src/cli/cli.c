/* SPDX-License-Identifier: ISC */
/*
 * The command table and the helpers every command shares.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "store/store.h"

const struct cli_command cli_commands[] = {
	{ "init", cmd_init, "create an empty database" },
	{ "import", cmd_import, "load records from a CSV or TopoJSON file" },
	{ "list", cmd_list, "list records of a kind" },
	{ "show", cmd_show, "show one record" },
	{ "export", cmd_export, "write every record of a kind as CSV or JSON" },
	{ "demo", cmd_demo, "create a database holding the demo record" },
	{ "summary", cmd_summary, "what the database holds, in a table" },
	{ "copy", cmd_copy, "copy a database, audit log and all, into an empty one" },
	{ "audit", cmd_audit, "verify the audit log, prove entries, show history" },
	{ "eval", cmd_eval, "evaluate jurisdictions against conditions" },
	{ "rules", cmd_rules, "check the rule files or run their tests" },
	{ "whatif", cmd_whatif, "show which outcomes one change would alter" },
	{ "notice", cmd_notice, "issue, list, show, extend or withdraw notices (cases)" },
	{ "certify", cmd_certify, "record a certification with its documents" },
	{ "review", cmd_review, "propose, approve or return a finding (four eyes); determine its case" },
	{ "action", cmd_action, "withhold, release, deobligate or refer an award" },
	{ "report", cmd_report, "reports: funds-at-risk" },
	{ "timeline", cmd_timeline, "the case history of one jurisdiction, in order" },
	{ "deadlines", cmd_deadlines, "due dates, overdue cases, iCalendar file" },
	{ "remind", cmd_remind, "send reminder mail about due dates over SMTP" },
	{ "letter", cmd_letter, "render a notice as a letter: text, HTML, PDF" },
	{ "serve", cmd_serve, "serve the web site and JSON API" },
	{ "user", cmd_user, "add people who sign in, set passwords, API tokens" },
	{ "evidence", cmd_evidence,
	    "detainer and award figures for a jurisdiction, with their gaps; "
	    "--records: the detainer records" },
	{ NULL, NULL, NULL },
};

static const char *
opt_name_of(const char *arg, size_t *len)
{
	const char *eq;

	arg += 2;
	eq = strchr(arg, '=');
	*len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	return arg;
}

static void
usage(const struct cli_ctx *ctx, const struct cli_opt *opts,
    const char *synopsis)
{
	printf("usage: attest %s %s\n", ctx->cmd, synopsis);
	printf("\noptions:\n");
	for (const struct cli_opt *o = opts; o->name != NULL; o++)
		printf("  --%s%s\n      %s\n", o->name,
		    o->val != NULL ? " VALUE" : "", o->help);
	printf("  --db PATH|URL\n      database (default $ATTEST_DB or ./attest.db)\n");
	printf("  --help\n      show this help\n");
}

int
cli_parse(struct cli_ctx *ctx, const struct cli_opt *opts,
    const char *synopsis, const char **pos, size_t maxpos, size_t *npos,
    int *exit_code)
{
	bool only_pos = false;

	*npos = 0;
	for (int i = 0; i < ctx->argc; i++) {
		const char *a = ctx->argv[i];
		const struct cli_opt *o;
		size_t len;
		const char *name;

		if (only_pos || a[0] != '-' || a[1] != '-' || a[2] == '\0') {
			if (!only_pos && strcmp(a, "--") == 0) {
				only_pos = true;
				continue;
			}
			if (!only_pos && a[0] == '-' && a[1] != '\0') {
				cli_err(ctx, "unknown option %s (see --help)",
				    a);
				*exit_code = CLI_USAGE;
				return -1;
			}
			if (*npos >= maxpos) {
				cli_err(ctx, "unexpected argument \"%s\" "
				    "(see --help)", a);
				*exit_code = CLI_USAGE;
				return -1;
			}
			pos[(*npos)++] = a;
			continue;
		}
		name = opt_name_of(a, &len);
		if (len == 4 && strncmp(name, "help", 4) == 0) {
			usage(ctx, opts, synopsis);
			*exit_code = CLI_OK;
			return -1;
		}
		for (o = opts; o->name != NULL; o++)
			if (strlen(o->name) == len &&
			    strncmp(o->name, name, len) == 0)
				break;
		if (o->name == NULL) {
			cli_err(ctx, "unknown option --%.*s (see --help)",
			    (int)len, name);
			*exit_code = CLI_USAGE;
			return -1;
		}
		if (o->flag != NULL) {
			if (name[len] == '=') {
				cli_err(ctx, "--%s takes no value", o->name);
				*exit_code = CLI_USAGE;
				return -1;
			}
			*o->flag = true;
			continue;
		}
		if (name[len] == '=')
			*o->val = name + len + 1;
		else if (i + 1 < ctx->argc)
			*o->val = ctx->argv[++i];
		else {
			cli_err(ctx, "--%s needs a value", o->name);
			*exit_code = CLI_USAGE;
			return -1;
		}
	}
	return 0;
}

int
cli_exit_for(enum at_err er)
{
	switch (er) {
	case AT_OK:
		return CLI_OK;
	case AT_DB:
	case AT_IO:
		return CLI_STORAGE;
	case AT_TAMPER:
		return CLI_CHECK;
	default:
		return CLI_USAGE;
	}
}

int
cli_open_store(struct cli_ctx *ctx, struct store **out)
{
	struct at_diag d;
	enum at_err er;

	at_diag_clear(&d);
	er = store_open(ctx->db_url, out, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return cli_exit_for(er);
	}
	return 0;
}

void
cli_err(const struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "attest %s: ", ctx->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_err_diag(const struct cli_ctx *ctx, const struct at_diag *d,
    enum at_err er)
{
	char msg[1024];

	at_diag_format(d, msg, sizeof(msg));
	if (msg[0] == '\0')
		cli_err(ctx, "%s", at_strerror(er));
	else
		cli_err(ctx, "%s", msg);
}

const char *
cli_data_dir(void)
{
	const char *env = getenv("ATTEST_DATA");

	if (env != NULL && env[0] != '\0')
		return env;
	return AT_SOURCE_DIR;
}

const char *
cli_actor(const char *explicit_actor)
{
	const char *a = explicit_actor;

	if (a == NULL || a[0] == '\0')
		a = getenv("ATTEST_ACTOR");
	if (a == NULL || a[0] == '\0')
		a = getenv("USER");
	if (a == NULL || a[0] == '\0')
		a = "cli";
	return a;
}
