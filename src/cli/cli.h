/* SPDX-License-Identifier: ISC */
/*
 * The command-line front end: a table of commands (cli.c), one file per
 * command (cmd_<name>.c), and the helpers they share for options, the
 * database and exit codes.  Commands parse and print; the work is done
 * by the modules below.
 */
#ifndef AT_CLI_CLI_H
#define AT_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct store;

enum cli_exit {
	CLI_OK = 0,	 /* success */
	CLI_CHECK = 1,	 /* a check failed (verify, rules test, ...) */
	CLI_USAGE = 2,	 /* usage or input error */
	CLI_STORAGE = 3, /* the database failed */
};

struct cli_ctx {
	const char *db_url; /* --db, $ATTEST_DB, or "./attest.db" */
	int argc;	    /* arguments after the command name */
	char **argv;	    /* borrowed from main */
	const char *cmd;    /* the command name, for messages */
};

typedef int (*cli_cmd_fn)(struct cli_ctx *ctx);

struct cli_command {
	const char *name;
	cli_cmd_fn fn;
	const char *summary; /* one line for `attest --help` */
};

/* The command table, ended by a NULL name. */
extern const struct cli_command cli_commands[];

/* One option of a command.  Exactly one of val (takes an argument) or
 * flag (takes none) is set. */
struct cli_opt {
	const char *name; /* without the leading "--" */
	const char **val; /* set to the argument */
	bool *flag;	  /* set to true when present */
	const char *help; /* one line for --help */
};

/*
 * Parse ctx's arguments against opts (ended by a NULL name): options
 * anywhere, "--" ends them; other words go to pos (at most maxpos, their
 * count in *npos).  --help prints usage (synopsis and the options) and
 * returns -1 with *exit_code 0; an error prints a message and returns -1
 * with *exit_code CLI_USAGE.  Returns 0 when the command should run.
 */
int cli_parse(struct cli_ctx *ctx, const struct cli_opt *opts,
    const char *synopsis, const char **pos, size_t maxpos, size_t *npos,
    int *exit_code);

/* Open ctx's database; on failure print why and return the exit code
 * (CLI_STORAGE or CLI_USAGE) with *out untouched.  0 on success. */
int cli_open_store(struct cli_ctx *ctx, struct store **out);

/* Exit code for an error. */
int cli_exit_for(enum at_err er);

/* Print "attest CMD: message" to stderr. */
void cli_err(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print a diag as "attest CMD: FILE:LINE: field F: reason". */
void cli_err_diag(const struct cli_ctx *ctx, const struct at_diag *d,
    enum at_err er);

/* The actor recorded in the audit log: explicit if not NULL, else
 * $ATTEST_ACTOR, else $USER, else "cli". */
const char *cli_actor(const char *explicit_actor);

/* Directory holding rules/ and data/ (ATTEST_DATA, or the source tree
 * the binary was built from). */
const char *cli_data_dir(void);

#endif
