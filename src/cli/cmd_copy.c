/* SPDX-License-Identifier: ISC */
/*
 * attest copy: move a whole database into an empty one, between SQLite
 * and PostgreSQL either way, with its audit log verbatim so that
 * `attest audit verify` passes on the copy (store_copy does the work).
 * The signing key is a file, not part of the database: keep using the
 * one the source was signed with.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>

#include "store/store.h"

int
cmd_copy(struct cli_ctx *ctx)
{
	const char *from = NULL, *to = NULL;
	const struct cli_opt opts[] = {
		{ "from", &from, NULL, "the database to copy (path or URL)" },
		{ "to", &to, NULL, "an empty database to copy into (created "
		    "if it is a SQLite path); records, cases, users, API "
		    "tokens, the audit log and its checkpoints are copied, "
		    "not sessions or evidence tables" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	struct store *src = NULL, *dst = NULL;
	struct store_copy_counts n;
	struct at_diag d;
	enum at_err er;
	size_t npos;
	int rc;

	if (cli_parse(ctx, opts, "--from DB --to DB", pos, 0, &npos,
		&rc) != 0)
		return rc;
	if (from == NULL || to == NULL) {
		cli_err(ctx, "--from and --to are both needed (see --help)");
		return CLI_USAGE;
	}
	ctx->db_url = from;
	rc = cli_open_store(ctx, &src);
	if (rc != 0)
		goto out;
	ctx->db_url = to;
	rc = cli_open_store(ctx, &dst);
	if (rc != 0)
		goto out;
	at_diag_clear(&d);
	er = store_copy(src, dst, &n, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		rc = cli_exit_for(er);
		goto out;
	}
	/* Backends, not URLs: a URL may carry a password. */
	printf("copied %lld records, %lld audit entries, %lld checkpoints, "
	       "%lld other rows from %s to %s\n",
	    (long long)n.records, (long long)n.audit_entries,
	    (long long)n.checkpoints, (long long)n.other_rows,
	    store_backend(src), store_backend(dst));
out:
	store_close(dst);
	store_close(src);
	return rc;
}
