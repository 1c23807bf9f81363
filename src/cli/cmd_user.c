/* SPDX-License-Identifier: ISC */
/*
 * attest user add NAME --role ROLE [--jurisdiction FIPS]
 * attest user passwd NAME
 * attest user list
 * attest user token NAME [--label TEXT]
 *
 * People who sign in to attest serve.  Passwords are read as one line
 * from standard input (never from the command line, where other users
 * of the machine could see them); every change is in the audit log.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "store/store.h"
#include "store/store_users.h"

/* One line from stdin into buf without its newline.  -1 if none. */
static int
read_password(char *buf, size_t n)
{
	size_t len;

	if (fgets(buf, (int)n, stdin) == NULL)
		return -1;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (len == n - 1)
		return -1; /* longer than allowed */
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 0;
}

static int
list_one(void *ctx, const struct user *u)
{
	(void)ctx;
	printf("%-24s %-10s %s\n", u->name, user_role_name(u->role),
	    u->jurisdiction);
	return 0;
}

int
cmd_user(struct cli_ctx *ctx)
{
	const char *role_s = NULL, *jur = NULL, *label = NULL;
	const struct cli_opt opts[] = {
		{ "role", &role_s, NULL,
		    "admin, reviewer, approver or recipient (add)" },
		{ "jurisdiction", &jur, NULL,
		    "FIPS code a recipient acts for (add)" },
		{ "label", &label, NULL, "what an API token is for (token)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct at_diag d;
	char pass[USER_PASS_MAX + 2];
	enum at_err er = AT_OK;
	enum user_role role;

	if (cli_parse(ctx, opts, "add|passwd|list|token [NAME] [--role ROLE] "
		"[--jurisdiction FIPS] (password on stdin)", pos, 2, &npos,
		&rc) != 0)
		return rc;
	if (npos < 1 || (strcmp(pos[0], "list") != 0 && npos != 2)) {
		cli_err(ctx, "say add NAME, passwd NAME, token NAME or list "
		    "(see --help)");
		return CLI_USAGE;
	}
	if (sodium_init() < 0) {
		cli_err(ctx, "libsodium failed to start");
		return CLI_STORAGE;
	}
	at_diag_clear(&d);
	if (strcmp(pos[0], "add") == 0) {
		if (role_s == NULL || user_role_parse(role_s, &role) != AT_OK) {
			cli_err(ctx, "--role is admin, reviewer, approver or "
			    "recipient");
			return CLI_USAGE;
		}
		if (read_password(pass, sizeof(pass)) != 0) {
			cli_err(ctx, "give the password as one line on "
			    "standard input (8 to %d bytes)", USER_PASS_MAX);
			return CLI_USAGE;
		}
		if ((rc = cli_open_store(ctx, &s)) != 0)
			return rc;
		store_set_actor(s, cli_actor(NULL));
		er = store_user_add(s, pos[1], role, jur, pass, &d);
		if (er == AT_OK)
			printf("added %s (%s)\n", pos[1], role_s);
	} else if (strcmp(pos[0], "passwd") == 0) {
		if (read_password(pass, sizeof(pass)) != 0) {
			cli_err(ctx, "give the new password as one line on "
			    "standard input");
			return CLI_USAGE;
		}
		if ((rc = cli_open_store(ctx, &s)) != 0)
			return rc;
		store_set_actor(s, cli_actor(NULL));
		er = store_user_passwd(s, pos[1], pass, &d);
		if (er == AT_NOTFOUND)
			at_diag_set(&d, er, "name", "no user %s", pos[1]);
		if (er == AT_OK)
			printf("password changed for %s\n", pos[1]);
	} else if (strcmp(pos[0], "list") == 0) {
		if ((rc = cli_open_store(ctx, &s)) != 0)
			return rc;
		er = store_user_each(s, list_one, NULL);
	} else if (strcmp(pos[0], "token") == 0) {
		char tok[USER_TOKEN_HEX];

		if ((rc = cli_open_store(ctx, &s)) != 0)
			return rc;
		store_set_actor(s, cli_actor(NULL));
		er = store_token_new(s, pos[1], label, (int64_t)time(NULL),
		    tok);
		if (er == AT_NOTFOUND)
			at_diag_set(&d, er, "name", "no user %s", pos[1]);
		if (er == AT_OK)
			printf("%s\n", tok);
		sodium_memzero(tok, sizeof(tok));
	} else {
		cli_err(ctx, "unknown action \"%s\" (add, passwd, list, token)",
		    pos[0]);
		return CLI_USAGE;
	}
	sodium_memzero(pass, sizeof(pass));
	store_close(s);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return er == AT_CONFLICT ? CLI_USAGE : cli_exit_for(er);
	}
	return CLI_OK;
}
