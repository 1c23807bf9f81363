/* SPDX-License-Identifier: ISC */
/*
 * People who sign in to the web site, their sessions and API tokens.
 *
 * Passwords are kept only as Argon2id strings (libsodium
 * crypto_pwhash_str); session and API tokens only as the SHA-256 of the
 * token, so a copy of the database lets nobody sign in.  Adding a user
 * or changing a password appends an audit entry (kind "user", never the
 * hash) in the same transaction; sessions are not audited.
 *
 * This file does not decide who may do what: that is the web server's
 * role table.
 */
#ifndef AT_STORE_STORE_USERS_H
#define AT_STORE_STORE_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

enum user_role {
	ROLE_PUBLIC,	/* nobody signed in; never stored */
	ROLE_RECIPIENT, /* bound to one jurisdiction */
	ROLE_REVIEWER,
	ROLE_APPROVER,
	ROLE_ADMIN,
	ROLE__MAX
};

#define USER_NAME_MAX	64
#define USER_PASS_MIN	8
#define USER_PASS_MAX	256
#define USER_TOKEN_LEN	32 /* random bytes of a session or API token */
#define USER_TOKEN_HEX	(USER_TOKEN_LEN * 2 + 1)

struct user {
	char name[USER_NAME_MAX + 1];
	enum user_role role;
	char jurisdiction[16]; /* FIPS code for recipients, else "" */
};

/* "admin", "reviewer", ...; "public" for ROLE_PUBLIC. */
const char *user_role_name(enum user_role r);
/* Parse a stored role name (not "public").  AT_EINVAL if unknown. */
enum at_err user_role_parse(const char *s, enum user_role *out);

/* true if name is 1..64 bytes of [A-Za-z0-9._-] starting with a letter
 * or digit. */
bool user_name_valid(const char *name);

/*
 * Add a user with password pass (USER_PASS_MIN..USER_PASS_MAX bytes).
 * jurisdiction is required for ROLE_RECIPIENT and must be NULL
 * otherwise.  Runs its own transaction with an audit entry.  Returns
 * AT_OK, AT_EINVAL (d says which field), AT_CONFLICT (the name exists),
 * AT_DB.
 */
enum at_err store_user_add(struct store *s, const char *name,
    enum user_role role, const char *jurisdiction, const char *pass,
    struct at_diag *d);

/* Set a new password (own transaction, audited) and end every session
 * of the user.  AT_NOTFOUND if no such user, AT_EINVAL for a bad
 * password. */
enum at_err store_user_passwd(struct store *s, const char *name,
    const char *pass, struct at_diag *d);

/* Look a user up.  AT_NOTFOUND if absent. */
enum at_err store_user_get(struct store *s, const char *name,
    struct user *out);

/* Every user, by name; u borrowed for the call; fn returns 0 to go on. */
typedef int (*store_user_fn)(void *ctx, const struct user *u);
enum at_err store_user_each(struct store *s, store_user_fn fn, void *ctx);

/*
 * Check name and password.  AT_OK with *out filled, AT_DENIED when the
 * user does not exist or the password is wrong (the same time is spent
 * either way), AT_DB.
 */
enum at_err store_user_check(struct store *s, const char *name,
    const char *pass, struct user *out);

/* Start a session for name lasting ttl seconds from now; the new
 * token's hex goes to token_hex.  AT_OK or AT_DB. */
enum at_err store_session_new(struct store *s, const char *name,
    int64_t now, int64_t ttl, char token_hex[USER_TOKEN_HEX]);
/* The user of an unexpired session token.  AT_NOTFOUND if none. */
enum at_err store_session_user(struct store *s, const char *token_hex,
    int64_t now, struct user *out);
/*
 * The user of a session token that has been used within the last idle
 * seconds and was made less than max seconds ago; moves the session's
 * expiry to min(now + idle, its start + max) (a write, done only when it
 * gains at least idle / 8).  AT_NOTFOUND if there is no such session.
 */
enum at_err store_session_use(struct store *s, const char *token_hex,
    int64_t now, int64_t idle, int64_t max, struct user *out);
/* End a session (no error if it does not exist). */
enum at_err store_session_end(struct store *s, const char *token_hex);

/* A new API token for name (own transaction, audited without the
 * token).  AT_NOTFOUND if no such user. */
enum at_err store_token_new(struct store *s, const char *name,
    const char *label, int64_t now, char token_hex[USER_TOKEN_HEX]);
/* The user of an API token.  AT_NOTFOUND if none. */
enum at_err store_token_user(struct store *s, const char *token_hex,
    struct user *out);

#endif
