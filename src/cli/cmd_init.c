/* SPDX-License-Identifier: ISC */
/*
 * attest init: create an empty database with the current schema.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>

#include "cli/audit_cli.h"
#include "store/store.h"

int
cmd_init(struct cli_ctx *ctx)
{
	const char *key = NULL;
	const struct cli_opt opts[] = {
		{ "key", &key, NULL, "audit signing key file to create "
		    "(default DB.key)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;

	if (cli_parse(ctx, opts, "[--key FILE]", pos, 0, &npos, &rc) != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	printf("initialized %s (%s)\n", ctx->db_url, store_backend(s));
	rc = cli_audit_checkpoint(ctx, s, key);
	store_close(s);
	return rc;
}
