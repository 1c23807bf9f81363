/* SPDX-License-Identifier: ISC */
/*
 * attest list KIND [--as-of DATE] [--json]: the records of a kind, as a
 * table or a JSON array (money as integer cents, unknown as null).
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/records_out.h"
#include "store/store.h"

int
cmd_list(struct cli_ctx *ctx)
{
	bool json = false;
	const char *as_of = NULL;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL,
		    "only records in force (or dated) on DATE, YYYY-MM-DD" },
		{ "json", NULL, &json, "a JSON array of objects" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	enum model_kind kind;
	struct at_date day;
	struct store *s = NULL;
	struct out_stream o;
	enum at_err er;

	if (cli_parse(ctx, opts, "KIND [--as-of DATE] [--json]", pos, 1, &npos,
		&rc) != 0)
		return rc;
	if (npos != 1 || model_kind_lookup(pos[0], &kind) != AT_OK) {
		cli_err(ctx, npos == 1 ? "unknown kind \"%s\"" :
					 "usage: attest list KIND%s",
		    npos == 1 ? pos[0] : "");
		return CLI_USAGE;
	}
	if (as_of != NULL && at_date_parse_str(as_of, &day) != AT_OK) {
		cli_err(ctx, "--as-of: \"%s\" is not a date (YYYY-MM-DD)",
		    as_of);
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	out_begin(&o, json ? OUT_JSON : OUT_TABLE, kind);
	er = store_record_each(s, kind, as_of != NULL ? &day : NULL, out_record,
	    &o);
	out_end(&o);
	store_close(s);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		return cli_exit_for(er);
	}
	return CLI_OK;
}
