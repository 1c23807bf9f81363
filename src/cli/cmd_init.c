/* SPDX-License-Identifier: ISC */
/*
 * attest init: create an empty database with the current schema.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>

#include "store/store.h"

int
cmd_init(struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = { { NULL, NULL, NULL, NULL } };
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;

	if (cli_parse(ctx, opts, "", pos, 0, &npos, &rc) != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	printf("initialized %s (%s)\n", ctx->db_url, store_backend(s));
	store_close(s);
	return CLI_OK;
}
