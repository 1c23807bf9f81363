/* SPDX-License-Identifier: ISC */
/*
 * The checkpoint that follows every committing write command, and where
 * the signing key lives (see audit_cli.h).  Signing happens in the
 * front end, after the commit, because the key is a file of the
 * process, not of the database: the store never sees it.
 */
#include "cli/audit_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "store/store.h"

int
cli_audit_key_path(
    const struct cli_ctx *ctx, const char *key_opt, char *out, size_t n)
{
	const char *env = getenv("ATTEST_KEY");
	int rc;

	if (key_opt != NULL && key_opt[0] != '\0')
		rc = snprintf(out, n, "%s", key_opt);
	else if (env != NULL && env[0] != '\0')
		rc = snprintf(out, n, "%s", env);
	else if (strncmp(ctx->db_url, "postgres", 8) == 0) {
		cli_err(ctx,
		    "a PostgreSQL database keeps its signing key "
		    "where --key or ATTEST_KEY says");
		return CLI_USAGE;
	} else
		rc = snprintf(out, n, "%s.key", ctx->db_url);
	if (rc < 0 || (size_t)rc >= n) {
		cli_err(ctx, "the key file name is too long");
		return CLI_USAGE;
	}
	return 0;
}

/* Whether a key file is named or implied for ctx's database. */
static bool
key_configured(const struct cli_ctx *ctx, const char *key_opt)
{
	const char *env = getenv("ATTEST_KEY");

	return (key_opt != NULL && key_opt[0] != '\0') ||
	    (env != NULL && env[0] != '\0') ||
	    strncmp(ctx->db_url, "postgres", 8) != 0;
}

int
cli_audit_checkpoint(struct cli_ctx *ctx, struct store *s, const char *key_opt)
{
	char path[4096], pkhex[AUDIT_PKHEX_LEN];
	struct audit_key *k = NULL;
	struct audit_checkpoint last;
	struct at_diag d;
	uint8_t pk[AUDIT_PK_LEN];
	bool made = false;
	enum at_err er;
	int rc;

	/* A PostgreSQL database has no "next to it": without --key or
	 * ATTEST_KEY its checkpoints are not signed (docs/internals). */
	if (!key_configured(ctx, key_opt))
		return 0;
	rc = cli_audit_key_path(ctx, key_opt, path, sizeof(path));
	if (rc != 0)
		return rc;
	at_diag_clear(&d);
	er = audit_key_load(path, &k, &d);
	if (er == AT_NOTFOUND) {
		er = store_checkpoint_last(s, &last, NULL);
		if (er == AT_OK) {
			cli_err(ctx,
			    "the signing key %s is missing: the change "
			    "is stored but not signed",
			    path);
			return CLI_STORAGE;
		}
		if (er != AT_NOTFOUND) {
			cli_err(ctx, "cannot read the audit checkpoints: %s",
			    at_strerror(er));
			return cli_exit_for(er);
		}
		at_diag_clear(&d);
		er = audit_key_create(path, &k, &d);
		if (er == AT_OK) {
			audit_key_public(k, pk);
			sodium_bin2hex(pkhex, sizeof(pkhex), pk, sizeof(pk));
			printf("created the audit signing key %s\n"
			       "public key: %s\n",
			    path, pkhex);
		}
	}
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		cli_err(ctx,
		    "the change is stored but its checkpoint is not "
		    "signed");
		return er == AT_DENIED ? CLI_USAGE : cli_exit_for(er);
	}
	at_diag_clear(&d);
	er = store_checkpoint_write(s, k, NULL, &made, &d);
	audit_key_free(k);
	if (er == AT_NOTFOUND) /* an empty log: nothing to sign yet */
		return 0;
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		cli_err(ctx,
		    "no checkpoint was signed (run `attest audit "
		    "verify`)");
		return cli_exit_for(er);
	}
	return 0;
}

/* Whether ctx's database is there to open without creating it. */
static bool
db_present(const struct cli_ctx *ctx)
{
	struct stat sb;

	if (strncmp(ctx->db_url, "postgres", 8) == 0)
		return true;
	return stat(ctx->db_url, &sb) == 0;
}

static bool
hooked(const struct cli_ctx *ctx)
{
	return ctx->cmd != NULL && strcmp(ctx->cmd, "audit") != 0;
}

int64_t
cli_audit_size(const struct cli_ctx *ctx)
{
	struct store *s = NULL;
	int64_t n = -1;

	if (!hooked(ctx) || !db_present(ctx))
		return -1;
	if (store_open(ctx->db_url, &s, NULL) != AT_OK)
		return -1;
	if (store_audit_count(s, &n) != AT_OK)
		n = -1;
	store_close(s);
	return n;
}

int
cli_audit_after(struct cli_ctx *ctx, int64_t before, int rc)
{
	struct store *s = NULL;
	struct audit_checkpoint last;
	int64_t n = 0;
	enum at_err er;
	int crc;

	if (!hooked(ctx) || !db_present(ctx))
		return rc;
	if (store_open(ctx->db_url, &s, NULL) != AT_OK)
		return rc;
	er = store_audit_count(s, &n);
	if (er != AT_OK || n <= (before > 0 ? before : 0)) {
		store_close(s);
		return rc;
	}
	/* Already signed by the command itself (init, import, demo)? */
	if (store_checkpoint_last(s, &last, NULL) == AT_OK &&
	    last.size >= (uint64_t)n) {
		store_close(s);
		return rc;
	}
	crc = cli_audit_checkpoint(ctx, s, NULL);
	store_close(s);
	return rc != 0 ? rc : crc;
}
