/* SPDX-License-Identifier: ISC */
/*
 * attest show KIND ID [--json]: one record, every field.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/audit_cli.h"
#include "cli/records_out.h"
#include "store/store.h"

int
cmd_show(struct cli_ctx *ctx)
{
	bool json = false, history = false;
	const char *known_on = NULL;
	struct at_date on;
	const struct cli_opt opts[] = {
		{ "json", NULL, &json, "the record as a JSON object" },
		{ "history", NULL, &history, "every change to the record and "
		    "who made it, from the audit log" },
		{ "known-on", &known_on, NULL, "the record as the database "
		    "knew it on DATE (YYYY-MM-DD), from the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	enum model_kind kind;
	struct store *s = NULL;
	struct model_record *r = NULL;
	enum at_err er;

	if (cli_parse(ctx, opts, "KIND ID [--json] [--history | --known-on DATE]", pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2) {
		cli_err(ctx, "usage: attest show KIND ID");
		return CLI_USAGE;
	}
	if (model_kind_lookup(pos[0], &kind) != AT_OK) {
		cli_err(ctx, "unknown kind \"%s\"", pos[0]);
		return CLI_USAGE;
	}
	if (known_on != NULL && at_date_parse_str(known_on, &on) != AT_OK) {
		cli_err(ctx, "--known-on: \"%s\" is not a date (YYYY-MM-DD)",
		    known_on);
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	if (history || known_on != NULL) {
		rc = history ? cli_audit_history(ctx, s, kind, pos[1], json) :
			       cli_audit_known_on(ctx, s, kind, pos[1], on,
				   json);
		store_close(s);
		return rc;
	}
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
