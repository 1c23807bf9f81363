/* SPDX-License-Identifier: ISC */
/*
 * attest: dispatch `attest [--db DB] <command> [options]` to the command
 * table in cli/cli.c.  --db may stand before or after the command; the
 * environment variable ATTEST_DB sets the default.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/audit_cli.h"
#include "cli/cli.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: attest [--db PATH|URL] <command> [options]\n\n"
		   "attest runs the grant-condition compliance process: "
		   "conditions, policies,\nrules, notices, certifications, "
		   "reviews and an audit log that can be verified.\n\n"
		   "commands:\n");
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\n`attest <command> --help` describes each command.\n"
		   "exit codes: 0 ok, 1 check failed, 2 usage or input "
		   "error, 3 storage error\n");
}

int
main(int argc, char **argv)
{
	struct cli_ctx ctx;
	const char *env;
	char **rest;
	int n = 0;
	const char *cmd = NULL;

	memset(&ctx, 0, sizeof(ctx));
	env = getenv("ATTEST_DB");
	ctx.db_url = env != NULL && env[0] != '\0' ? env : "attest.db";
	rest = calloc((size_t)argc + 1, sizeof(*rest));
	if (rest == NULL)
		return CLI_STORAGE;
	/* Take --db out wherever it stands (until "--"), keep the rest. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			for (; i < argc; i++)
				rest[n++] = argv[i];
			break;
		}
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "attest: --db needs a value\n");
				free(rest);
				return CLI_USAGE;
			}
			ctx.db_url = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) == 0) {
			ctx.db_url = argv[i] + 5;
			continue;
		}
		if (cmd == NULL && argv[i][0] != '-') {
			cmd = argv[i];
			continue;
		}
		if (cmd == NULL && (strcmp(argv[i], "--help") == 0 ||
					strcmp(argv[i], "-h") == 0)) {
			usage(stdout);
			free(rest);
			return CLI_OK;
		}
		if (cmd == NULL && strcmp(argv[i], "--version") == 0) {
			printf("attest %s\n", AT_VERSION);
			free(rest);
			return CLI_OK;
		}
		if (cmd == NULL) {
			fprintf(stderr, "attest: unknown option %s\n", argv[i]);
			usage(stderr);
			free(rest);
			return CLI_USAGE;
		}
		rest[n++] = argv[i];
	}
	if (cmd == NULL) {
		usage(stderr);
		free(rest);
		return CLI_USAGE;
	}
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		if (strcmp(c->name, cmd) == 0) {
			int64_t before;
			int rc;

			ctx.cmd = c->name;
			ctx.argc = n;
			ctx.argv = rest;
			/* serve opens the database itself (perhaps as
			 * another user, --user) and signs as it writes;
			 * opening it here too only slowed its start. */
			before = strcmp(c->name, "serve") == 0 ? -1 :
			    cli_audit_size(&ctx);
			rc = c->fn(&ctx);
			/* A command that grew the audit log gets its
			 * checkpoint signed (docs/internals/audit.md). */
			rc = cli_audit_after(&ctx, before, rc);
			free(rest);
			return rc;
		}
	}
	fprintf(stderr, "attest: unknown command \"%s\" (see attest --help)\n",
	    cmd);
	free(rest);
	return CLI_USAGE;
}
