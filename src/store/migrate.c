/* SPDX-License-Identifier: ISC */
/*
 * Numbered, forward-only schema migrations, applied on open.  Each
 * migration runs in its own transaction with the row that records it, so
 * a crash leaves the schema at a whole version.  This is the one file
 * allowed to run SQL text that is not in a statement table: the
 * migration scripts themselves, embedded at build time.
 */
#include "store/store_int.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "core/parse.h"

#define MIGRATED_MAX 256

struct applied {
	bool done[MIGRATED_MAX];
};

static int
applied_row(void *ctx, const struct store_row *row)
{
	struct applied *a = ctx;
	int64_t v;

	if (row->ncols > 0 && row->vals[0] != NULL &&
	    parse_i64(row->vals[0], strlen(row->vals[0]), 1, MIGRATED_MAX - 1,
		&v) == AT_OK)
		a->done[v] = true;
	return 0;
}

enum at_err
store_migrate(struct store *s, const struct store_migration *migs,
    struct at_diag *d)
{
	struct applied a;
	enum at_err er;
	char now[AUDIT_TIME_LEN];

	memset(&a, 0, sizeof(a));
	/* A read-only database is read as it is, if its schema is current. */
	er = s->readonly ? AT_OK : s->ops->exec_script(s,
	    "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, "
	    "applied_at TEXT NOT NULL)",
	    d);
	if (er != AT_OK)
		return er;
	er = s->ops->exec(s, STMT_MIGRATION_LIST, NULL, 0, applied_row, &a, d);
	if (er != AT_OK)
		return er;
	for (const struct store_migration *m = migs; m->sql != NULL; m++) {
		struct store_param p[3];

		if (m->version <= 0 || m->version >= MIGRATED_MAX)
			return at_diag_set(d, AT_DB, "", "bad migration %d",
			    m->version);
		if (a.done[m->version])
			continue;
		if (s->readonly)
			return at_diag_set(d, AT_DB, "db", "the database is "
			    "read-only here and lacks migration %d (%s): open it "
			    "once where it can be written", m->version, m->name);
		er = store_begin(s);
		if (er != AT_OK)
			return at_diag_set(d, er, "",
			    "cannot start migration %d", m->version);
		er = s->ops->exec_script(s, m->sql, d);
		if (er == AT_OK) {
			audit_now(now);
			p[0] = (struct store_param){ SP_INT, NULL, m->version };
			p[1] = (struct store_param){ SP_TEXT, m->name, 0 };
			p[2] = (struct store_param){ SP_TEXT, now, 0 };
			er = s->ops->exec(s, STMT_MIGRATION_INSERT, p, 3, NULL,
			    NULL, d);
		}
		if (er == AT_OK)
			er = store_commit(s);
		if (er != AT_OK) {
			store_rollback(s);
			return er;
		}
	}
	return AT_OK;
}
