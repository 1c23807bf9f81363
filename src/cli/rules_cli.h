/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the rules commands (cmd_rules.c, cmd_eval.c,
 * cmd_whatif.c): where the shipped rules are and how a load failure is
 * reported.
 */
#ifndef AT_CLI_RULES_CLI_H
#define AT_CLI_RULES_CLI_H

#include <stddef.h>

struct cli_ctx;
struct rules_set;

/* cli_data_dir() + "/rules"; the caller frees it. */
char *cli_rules_dir(void);

/*
 * Load the rules at path (a directory or one file; NULL = the shipped
 * directory) into *out.  On failure print FILE:LINE:COLUMN: message (or
 * why the path could not be read) and return the exit code; 0 on
 * success.
 */
int cli_rules_load(const struct cli_ctx *ctx, const char *path,
    struct rules_set **out);
/* Same for n paths (n == 0: the shipped directory), added in order. */
int cli_rules_load_paths(const struct cli_ctx *ctx, const char *const *paths,
    size_t n, struct rules_set **out);

#endif
