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

struct export_ctx {
	bool json;
	size_t n;
};

static int
export_one(void *ctx, const struct model_record *r)
{
	struct export_ctx *e = ctx;

	if (e->json) {
		char *j = store_record_json(r);

		printf("%s%s", e->n > 0 ? ",\n" : "\n", j);
		free(j);
	} else
		out_csv_row(stdout, r);
	e->n++;
	return 0;
}

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
	struct export_ctx e = { false, 0 };
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
	e.json = json;
	if (json)
		fputs("[", stdout);
	else
		out_csv_header(stdout, kind);
	er = store_record_each(s, kind, NULL, export_one, &e);
	if (json)
		fputs(e.n > 0 ? "\n]\n" : "]\n", stdout);
	store_close(s);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		return cli_exit_for(er);
	}
	return CLI_OK;
}
