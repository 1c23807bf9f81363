/* SPDX-License-Identifier: ISC */
/*
 * attest demo: a fresh database holding the national list of states and
 * counties (us-atlas) and the record under data/demo/, loaded through
 * the same importers `attest import` uses, in one transaction.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/audit_cli.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* Load order: every file may refer only to kinds loaded before it. */
static const enum model_kind demo_order[] = {
	KIND_JURISDICTION, KIND_AGENCY, KIND_PROGRAM, KIND_REQUIREMENT,
	KIND_CONDITION, KIND_AWARD, KIND_POLICY, KIND_PROVISION,
	KIND_DIRECTIVE, KIND_DESIGNATION, KIND_RULING, KIND_NOTICE,
	KIND_CERTIFICATION, KIND_EVENT, KIND_ACTION,
};

static bool
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static const char *
default_atlas(char *buf, size_t n)
{
	const char *env = getenv("ATTEST_ATLAS");
	int rc;

	if (env != NULL && env[0] != '\0')
		return env;
	rc = snprintf(buf, n,
	    "%s/build/npm/node_modules/us-atlas/counties-albers-10m.json",
	    AT_SOURCE_DIR);
	return rc < 0 || (size_t)rc >= n ? NULL : buf;
}

/* Remove an SQLite database and its WAL files. */
static int
remove_db(struct cli_ctx *ctx, const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char p[4096];

	for (size_t i = 0; i < 3; i++) {
		int rc = snprintf(p, sizeof(p), "%s%s", path, sfx[i]);

		if (rc < 0 || (size_t)rc >= sizeof(p))
			return CLI_USAGE;
		if (unlink(p) != 0 && errno != ENOENT) {
			cli_err(ctx, "cannot remove %s: %s", p,
			    strerror(errno));
			return CLI_STORAGE;
		}
	}
	return 0;
}

static int
load(struct cli_ctx *ctx, struct store *s, enum model_kind kind,
    const char *path, long long *total)
{
	struct ingest_stats st;
	struct at_diag d;
	enum at_err er;

	at_diag_clear(&d);
	er = ingest_file_in_tx(s, kind, path, &st, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return cli_exit_for(er);
	}
	printf("  %-16s %7lld  %s\n", model_kind_desc(kind)->name,
	    (long long)st.inserted, path);
	*total += st.inserted;
	return 0;
}

int
cmd_demo(struct cli_ctx *ctx)
{
	bool force = false;
	const char *data = NULL, *atlas = NULL, *key = NULL;
	const struct cli_opt opts[] = {
		{ "force", NULL, &force, "replace the database if it exists" },
		{ "data", &data, NULL,
		    "folder of demo CSV files (default: data/demo of the "
		    "source tree, or $ATTEST_DATA/data/demo)" },
		{ "atlas", &atlas, NULL,
		    "us-atlas counties TopoJSON (default: $ATTEST_ATLAS or the "
		    "copy `make` installs under build/npm)" },
		{ "key", &key, NULL, "audit signing key file (default DB.key, "
		    "created if missing)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	char dir[4096], abuf[4096], path[4096];
	struct store *s = NULL;
	long long total = 0;
	enum at_err er;
	bool is_pg;

	if (cli_parse(ctx, opts, "[--force] [--data DIR] [--atlas FILE] [--key FILE]", pos,
		0, &npos, &rc) != 0)
		return rc;
	if (data == NULL) {
		rc = snprintf(dir, sizeof(dir), "%s/data/demo", cli_data_dir());
		if (rc < 0 || (size_t)rc >= sizeof(dir))
			return CLI_USAGE;
		data = dir;
	}
	if (atlas == NULL)
		atlas = default_atlas(abuf, sizeof(abuf));
	if (atlas == NULL || !exists(atlas)) {
		cli_err(ctx, "the us-atlas file %s is missing: run `make` "
		    "(it installs it) or pass --atlas FILE",
		    atlas != NULL ? atlas : "");
		return CLI_USAGE;
	}
	is_pg = strncmp(ctx->db_url, "postgres", 8) == 0;
	if (!is_pg && exists(ctx->db_url)) {
		if (!force) {
			cli_err(ctx, "%s exists; use --force to replace it",
			    ctx->db_url);
			return CLI_USAGE;
		}
		rc = remove_db(ctx, ctx->db_url);
		if (rc != 0)
			return rc;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	store_set_actor(s, "demo");
	er = store_begin(s);
	if (er != AT_OK) {
		cli_err(ctx, "cannot start a transaction: %s", store_why(s));
		store_close(s);
		return cli_exit_for(er);
	}
	printf("loading the demo into %s\n", ctx->db_url);
	rc = load(ctx, s, KIND_JURISDICTION, atlas, &total);
	for (size_t i = 0; rc == 0 && i < sizeof(demo_order) /
		 sizeof(demo_order[0]); i++) {
		enum model_kind k = demo_order[i];
		int n = snprintf(path, sizeof(path), "%s/%s.csv", data,
		    model_kind_desc(k)->name);

		if (n < 0 || (size_t)n >= sizeof(path)) {
			rc = CLI_USAGE;
			break;
		}
		if (!exists(path))
			continue;
		rc = load(ctx, s, k, path, &total);
	}
	if (rc == 0) {
		er = store_commit(s);
		if (er != AT_OK) {
			cli_err(ctx, "commit failed: %s", store_why(s));
			rc = cli_exit_for(er);
		}
	}
	if (rc != 0) {
		store_rollback(s);
		fprintf(stderr, "attest demo: nothing was loaded\n");
	} else {
		printf("loaded %lld records\n", total);
		rc = cli_audit_checkpoint(ctx, s, key);
	}
	store_close(s);
	return rc;
}
