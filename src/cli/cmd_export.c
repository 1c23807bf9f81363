/* SPDX-License-Identifier: ISC */
/*
 * attest export KIND [--csv|--json]: every record of a kind in a form
 * `attest import` reads back (CSV) or as a JSON array.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/records_out.h"
#include "store/store.h"

int
cmd_export(struct cli_ctx *ctx)
{
	bool csv = false, json = false;
	const struct cli_opt opts[] = {
		{ "csv", NULL, &csv, "CSV with a header row (the default)" },
		{ "json", NULL, &json, "a JSON array of objects" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	enum model_kind kind;
	struct store *s = NULL;
	struct out_stream o;
	enum at_err er;

	if (cli_parse(ctx, opts, "KIND [--csv|--json]", pos, 1, &npos, &rc) !=
	    0)
		return rc;
	if (npos != 1 || model_kind_lookup(pos[0], &kind) != AT_OK) {
		cli_err(ctx, "usage: attest export KIND [--csv|--json]");
		return CLI_USAGE;
	}
	if (csv && json) {
		cli_err(ctx, "choose one of --csv and --json");
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	out_begin(&o, json ? OUT_JSON : OUT_CSV, kind);
	er = store_record_each(s, kind, NULL, out_record, &o);
	out_end(&o);
	store_close(s);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		return cli_exit_for(er);
	}
	return CLI_OK;
}
