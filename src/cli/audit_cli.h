/* SPDX-License-Identifier: ISC */
/*
 * The audit log's front-end helpers that other commands call: the
 * checkpoint every committing write command makes after its commit, the
 * signing key's location, and `show --history` / `show --known-on`.
 * The commands themselves are in cmd_audit.c.
 */
#ifndef AT_CLI_AUDIT_CLI_H
#define AT_CLI_AUDIT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "model/model.h"

struct cli_ctx;
struct store;

/*
 * The signing key's file: key_opt when not NULL, else $ATTEST_KEY, else
 * "<database file>.key".  Writes it to out (size n).  Returns 0, or an
 * exit code after printing why (a PostgreSQL URL needs --key or
 * ATTEST_KEY).
 */
int cli_audit_key_path(
    const struct cli_ctx *ctx, const char *key_opt, char *out, size_t n);

/*
 * Call after a write command has committed: sign a checkpoint of the
 * log as it now stands (nothing if it has not grown).  The key is
 * created, mode 0600, when there is none and the log has no checkpoint
 * yet (so `attest init` and `attest demo` make it); a missing key for a
 * log with checkpoints, a key file others can read, or a log that does
 * not match its last checkpoint is an error.  key_opt may be NULL.
 * Returns 0, or an exit code after printing why; the write itself is
 * committed either way and the next checkpoint will cover it.  For a
 * PostgreSQL database with neither key_opt nor $ATTEST_KEY nothing is
 * signed (there is no "next to the database" there).
 */
int cli_audit_checkpoint(
    struct cli_ctx *ctx, struct store *s, const char *key_opt);

/*
 * Around every command (main.c): the log's size before it runs (-1 when
 * the database does not exist yet, or cannot be opened), and, after it,
 * a checkpoint when the log grew meanwhile, so a write command need not
 * sign one itself.  The audit command is left alone (verify must never
 * sign).  cli_audit_after returns rc, or an exit code after printing why
 * the checkpoint failed when rc was 0.
 */
int64_t cli_audit_size(const struct cli_ctx *ctx);
int cli_audit_after(struct cli_ctx *ctx, int64_t before, int rc);

/*
 * `attest show KIND ID --history`: every audit entry about the record,
 * oldest first, with who made it and which fields changed (as JSON with
 * json).  Returns an exit code (CLI_USAGE with a message when the log
 * has no entry about the record).
 */
int cli_audit_history(struct cli_ctx *ctx, struct store *s,
    enum model_kind kind, const char *id, bool json);

/*
 * `attest show KIND ID --known-on DATE`: the record as the database
 * knew it at the end of DATE (UTC), rebuilt from the audit log, printed
 * like `show` (or as JSON).  Returns an exit code (CLI_USAGE with a
 * message when the record was not yet known then).
 */
int cli_audit_known_on(struct cli_ctx *ctx, struct store *s,
    enum model_kind kind, const char *id, struct at_date on, bool json);

#endif
