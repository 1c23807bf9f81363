/* SPDX-License-Identifier: ISC */
/*
 * One entry point per command, each in cmd_<name>.c; the table in cli.c
 * maps names to them.  Add a line here and a row there for a new command.
 */
#ifndef AT_CLI_CMDS_H
#define AT_CLI_CMDS_H

#include <stdbool.h>

struct cli_ctx;

int cmd_init(struct cli_ctx *ctx);
int cmd_import(struct cli_ctx *ctx);
int cmd_list(struct cli_ctx *ctx);
int cmd_show(struct cli_ctx *ctx);
int cmd_export(struct cli_ctx *ctx);
int cmd_demo(struct cli_ctx *ctx);
int cmd_summary(struct cli_ctx *ctx);
int cmd_copy(struct cli_ctx *ctx);
int cmd_audit(struct cli_ctx *ctx);
int cmd_rules(struct cli_ctx *ctx);
int cmd_eval(struct cli_ctx *ctx);
int cmd_whatif(struct cli_ctx *ctx);
int cmd_notice(struct cli_ctx *ctx);
int cmd_certify(struct cli_ctx *ctx);
int cmd_review(struct cli_ctx *ctx);
int cmd_action(struct cli_ctx *ctx);
int cmd_report(struct cli_ctx *ctx);
int cmd_timeline(struct cli_ctx *ctx);
int cmd_deadlines(struct cli_ctx *ctx);
int cmd_remind(struct cli_ctx *ctx);
int cmd_letter(struct cli_ctx *ctx);
int cmd_serve(struct cli_ctx *ctx);
int cmd_user(struct cli_ctx *ctx);
int cmd_evidence(struct cli_ctx *ctx);
/* attest import detainers|usaspending|ice-aggregates (cmd_evidence.c):
 * cmd_import hands those kinds over. */
bool cmd_import_is_evidence(const struct cli_ctx *ctx);
int cmd_import_evidence(struct cli_ctx *ctx);

#endif
