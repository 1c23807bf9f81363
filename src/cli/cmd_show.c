/* SPDX-License-Identifier: ISC */
/*
 * attest show KIND ID [--json]: one record, every field.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/records_out.h"
#include "store/store.h"

int
cmd_show(struct cli_ctx *ctx)
{
	bool json = false;
	const struct cli_opt opts[] = {
		{ "json", NULL, &json, "the record as a JSON object" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	enum model_kind kind;
	struct store *s = NULL;
	struct model_record *r = NULL;
	enum at_err er;

	if (cli_parse(ctx, opts, "KIND ID [--json]", pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2) {
		cli_err(ctx, "usage: attest show KIND ID");
		return CLI_USAGE;
	}
	if (model_kind_lookup(pos[0], &kind) != AT_OK) {
		cli_err(ctx, "unknown kind \"%s\"", pos[0]);
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	er = store_record_get(s, kind, pos[1], &r);
	if (er == AT_NOTFOUND) {
		cli_err(ctx, "no %s \"%s\"", model_kind_desc(kind)->singular,
		    pos[1]);
		store_close(s);
		return CLI_USAGE;
	}
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		store_close(s);
		return cli_exit_for(er);
	}
	if (json) {
		char *j = store_record_json(r);

		printf("%s\n", j);
		free(j);
	} else
		out_fields(stdout, r);
	model_record_free(r);
	store_close(s);
	return CLI_OK;
}
