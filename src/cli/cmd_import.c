/* SPDX-License-Identifier: ISC */
/*
 * attest import KIND FILE: load records, all or nothing.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <string.h>

#include "cli/audit_cli.h"
#include "ingest/ingest.h"
#include "model/model.h"
#include "store/store.h"

static void
kind_help(enum model_kind kind)
{
	const struct model_kind_desc *k = model_kind_desc(kind);

	printf("\ncolumns of %s (header row, any order):\n", k->name);
	for (size_t i = 0; i < k->nfields; i++)
		printf("  %-16s %s%s\n", k->fields[i].name,
		    k->fields[i].required ? "(required) " : "",
		    k->fields[i].help);
}

int
cmd_import(struct cli_ctx *ctx)
{
	bool dry_run = false;
	const char *actor = NULL;
	const struct cli_opt opts[] = {
		{ "dry-run", NULL, &dry_run,
		    "validate every row, change nothing" },
		{ "actor", &actor, NULL,
		    "name recorded in the audit log (default: $USER)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	enum model_kind kind;
	struct store *s = NULL;
	struct ingest_stats st;
	struct at_diag d;
	enum at_err er;

	if (cmd_import_is_evidence(ctx))
		return cmd_import_evidence(ctx);
	if (cli_parse(ctx, opts, "KIND FILE [--dry-run]\n\nKIND: "
			       "jurisdictions agencies programs awards "
			       "requirements conditions policies provisions\n"
			       "      rulings directives designations notices "
			       "certifications events actions\n"
			       "jurisdictions also reads the Census FIPS CSV "
			       "files and us-atlas TopoJSON as they are.\n"
			       "Bulk evidence: detainers usaspending "
			       "ice-aggregates (see attest import detainers "
			       "--help).",
		pos, 2, &npos, &rc) != 0) {
		if (rc == CLI_OK && npos >= 1 &&
		    model_kind_lookup(pos[0], &kind) == AT_OK)
			kind_help(kind);
		return rc;
	}
	if (npos != 2) {
		cli_err(ctx, "usage: attest import KIND FILE (see --help)");
		return CLI_USAGE;
	}
	if (model_kind_lookup(pos[0], &kind) != AT_OK) {
		cli_err(ctx, "unknown kind \"%s\" (see --help)", pos[0]);
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	store_set_actor(s, cli_actor(actor));
	at_diag_clear(&d);
	er = ingest_file(s, kind, pos[1], dry_run, &st, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		fprintf(stderr, "attest import: nothing was imported\n");
		store_close(s);
		return cli_exit_for(er);
	}
	printf("%s %lld %s from %s (%lld rows%s)\n",
	    dry_run ? "would import" : "imported", (long long)st.inserted,
	    model_kind_desc(kind)->name, pos[1], (long long)st.rows,
	    st.skipped > 0 ? ", some skipped" : "");
	rc = dry_run ? CLI_OK : cli_audit_checkpoint(ctx, s, NULL);
	store_close(s);
	return rc;
}
