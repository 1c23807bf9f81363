/* SPDX-License-Identifier: ISC */
/*
 * Users, sessions and API tokens over the statement table (see
 * store_users.h).  No SQL here: only statement numbers and binds.
 */
#include "store/store_users.h"

#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_int.h"

static const char *const role_names[ROLE__MAX] = {
	[ROLE_PUBLIC] = "public",
	[ROLE_RECIPIENT] = "recipient",
	[ROLE_REVIEWER] = "reviewer",
	[ROLE_APPROVER] = "approver",
	[ROLE_ADMIN] = "admin",
};

const char *
user_role_name(enum user_role r)
{
	return r < ROLE__MAX ? role_names[r] : "public";
}

enum at_err
user_role_parse(const char *s, enum user_role *out)
{
	for (int i = ROLE_RECIPIENT; i < ROLE__MAX; i++)
		if (s != NULL && strcmp(s, role_names[i]) == 0) {
			*out = (enum user_role)i;
			return AT_OK;
		}
	return AT_EINVAL;
}

bool
user_name_valid(const char *name)
{
	size_t len;

	if (name == NULL)
		return false;
	len = strlen(name);
	if (len == 0 || len > USER_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return false;
	}
	return true;
}

static enum at_err
check_pass(const char *pass, struct at_diag *d)
{
	size_t len = pass != NULL ? strlen(pass) : 0;

	if (len < USER_PASS_MIN || len > USER_PASS_MAX)
		return at_diag_set(d, AT_EINVAL, "password",
		    "a password has %d to %d bytes", USER_PASS_MIN,
		    USER_PASS_MAX);
	return AT_OK;
}

static enum at_err
hash_pass(const char *pass, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, pass, strlen(pass),
		crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		at_oom();
	return AT_OK;
}

/* A user row: name, role, jurisdiction, pwhash, created; a session's
 * row adds the session's created and expires. */
struct user_row {
	bool found;
	bool bad;
	struct user u;
	int64_t s_created, s_expires; /* UTC seconds, session rows only */
	char pwhash[crypto_pwhash_STRBYTES];
	store_user_fn fn; /* for store_user_each */
	void *ctx;
};

static int
user_row(void *ctx, const struct store_row *row)
{
	struct user_row *ur = ctx;
	size_t n;

	memset(&ur->u, 0, sizeof(ur->u));
	if (row->ncols < 5 || row->vals[0] == NULL || row->vals[1] == NULL ||
	    row->vals[3] == NULL ||
	    user_role_parse(row->vals[1], &ur->u.role) != AT_OK) {
		ur->bad = true;
		return 1;
	}
	n = strlen(row->vals[0]);
	if (n > USER_NAME_MAX || strlen(row->vals[3]) >= sizeof(ur->pwhash)) {
		ur->bad = true;
		return 1;
	}
	memcpy(ur->u.name, row->vals[0], n + 1);
	if (row->vals[2] != NULL && strlen(row->vals[2]) <
	    sizeof(ur->u.jurisdiction))
		memcpy(ur->u.jurisdiction, row->vals[2],
		    strlen(row->vals[2]) + 1);
	memcpy(ur->pwhash, row->vals[3], strlen(row->vals[3]) + 1);
	if (row->ncols >= 7 && (row->vals[5] == NULL ||
	    row->vals[6] == NULL ||
	    parse_i64(row->vals[5], strlen(row->vals[5]), INT64_MIN,
		INT64_MAX, &ur->s_created) != AT_OK ||
	    parse_i64(row->vals[6], strlen(row->vals[6]), INT64_MIN,
		INT64_MAX, &ur->s_expires) != AT_OK)) {
		ur->bad = true;
		return 1;
	}
	ur->found = true;
	if (ur->fn != NULL)
		return ur->fn(ur->ctx, &ur->u);
	return 1;
}

static char *
user_json(const char *name, enum user_role role, const char *jur)
{
	json_t *o = json_object();
	char *s;

	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "role", json_string(user_role_name(role)));
	json_object_set_new(o, "jurisdiction",
	    jur != NULL ? json_string(jur) : json_null());
	s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		at_oom();
	return s;
}

static void
now_text(char out[AT_DATE_LEN])
{
	struct at_date d = at_date_today();

	at_date_format(d, out);
}

enum at_err
store_user_add(struct store *s, const char *name, enum user_role role,
    const char *jurisdiction, const char *pass, struct at_diag *d)
{
	char hash[crypto_pwhash_STRBYTES], day[AT_DATE_LEN];
	struct store_param p[5];
	char *js = NULL;
	bool found = false;
	enum at_err er;

	if (!user_name_valid(name))
		return at_diag_set(d, AT_EINVAL, "name",
		    "a user name is 1 to 64 letters, digits, '.', '_' or '-'");
	if (role <= ROLE_PUBLIC || role >= ROLE__MAX)
		return at_diag_set(d, AT_EINVAL, "role",
		    "role is admin, reviewer, approver or recipient");
	if ((role == ROLE_RECIPIENT) != (jurisdiction != NULL &&
	    jurisdiction[0] != '\0'))
		return at_diag_set(d, AT_EINVAL, "jurisdiction",
		    "a recipient, and only a recipient, names a jurisdiction");
	if (role != ROLE_RECIPIENT)
		jurisdiction = NULL;
	if ((er = check_pass(pass, d)) != AT_OK)
		return er;
	if (jurisdiction != NULL) {
		er = store_record_exists(s, KIND_JURISDICTION, jurisdiction,
		    &found);
		if (er != AT_OK)
			return er;
		if (!found)
			return at_diag_set(d, AT_EINVAL, "jurisdiction",
			    "no jurisdiction has that FIPS code");
	}
	hash_pass(pass, hash);
	now_text(day);
	p[0] = (struct store_param){ SP_TEXT, name, 0 };
	p[1] = (struct store_param){ SP_TEXT, user_role_name(role), 0 };
	p[2] = jurisdiction != NULL ?
	    (struct store_param){ SP_TEXT, jurisdiction, 0 } :
	    (struct store_param){ SP_NULL, NULL, 0 };
	p[3] = (struct store_param){ SP_TEXT, hash, 0 };
	p[4] = (struct store_param){ SP_TEXT, day, 0 };
	if ((er = store_begin(s)) != AT_OK)
		return er;
	er = s->ops->exec(s, STMT_USER_INSERT, p, 5, NULL, NULL, d);
	if (er == AT_CONFLICT)
		at_diag_set(d, er, "name", "a user of that name exists");
	if (er != AT_OK)
		goto out;
	js = user_json(name, role, jurisdiction);
	if ((er = store_audit_append(s, "insert", "user", name, js, NULL)) !=
	    AT_OK)
		goto out;
	er = store_commit(s);
out:
	if (er != AT_OK)
		store_rollback(s);
	free(js);
	sodium_memzero(hash, sizeof(hash));
	return er;
}

enum at_err
store_user_get(struct store *s, const char *name, struct user *out)
{
	struct user_row ur;
	struct store_param p = { SP_TEXT, name, 0 };
	enum at_err er;

	memset(&ur, 0, sizeof(ur));
	er = s->ops->exec(s, STMT_USER_GET, &p, 1, user_row, &ur, NULL);
	if (er != AT_OK)
		return er;
	if (ur.bad)
		return AT_DB;
	if (!ur.found)
		return AT_NOTFOUND;
	*out = ur.u;
	return AT_OK;
}

enum at_err
store_user_passwd(struct store *s, const char *name, const char *pass,
    struct at_diag *d)
{
	char hash[crypto_pwhash_STRBYTES];
	struct store_param p[2];
	struct user u;
	char *js = NULL;
	enum at_err er;

	if ((er = check_pass(pass, d)) != AT_OK)
		return er;
	if ((er = store_user_get(s, name, &u)) != AT_OK)
		return er;
	hash_pass(pass, hash);
	p[0] = (struct store_param){ SP_TEXT, name, 0 };
	p[1] = (struct store_param){ SP_TEXT, hash, 0 };
	if ((er = store_begin(s)) != AT_OK)
		return er;
	if ((er = s->ops->exec(s, STMT_USER_SET_PWHASH, p, 2, NULL, NULL,
		 d)) != AT_OK)
		goto out;
	js = user_json(u.name, u.role,
	    u.jurisdiction[0] != '\0' ? u.jurisdiction : NULL);
	if ((er = store_audit_append(s, "passwd", "user", name, js, NULL)) !=
	    AT_OK)
		goto out;
	/* A new password signs the user out everywhere: whoever knew the
	 * old one keeps no session made with it. */
	if ((er = s->ops->exec(s, STMT_SESSION_END_USER, p, 1, NULL, NULL,
		 d)) != AT_OK)
		goto out;
	er = store_commit(s);
out:
	if (er != AT_OK)
		store_rollback(s);
	free(js);
	sodium_memzero(hash, sizeof(hash));
	return er;
}

enum at_err
store_user_each(struct store *s, store_user_fn fn, void *ctx)
{
	struct user_row ur;
	enum at_err er;

	memset(&ur, 0, sizeof(ur));
	ur.fn = fn;
	ur.ctx = ctx;
	er = s->ops->exec(s, STMT_USER_LIST, NULL, 0, user_row, &ur, NULL);
	if (er == AT_OK && ur.bad)
		er = AT_DB;
	return er;
}

enum at_err
store_user_check(struct store *s, const char *name, const char *pass,
    struct user *out)
{
	/* A hash to check against when the user does not exist, so the
	 * answer takes as long as for a wrong password. */
	static char dummy[crypto_pwhash_STRBYTES];
	struct user_row ur;
	struct store_param p = { SP_TEXT, name, 0 };
	enum at_err er;
	size_t plen;

	memset(&ur, 0, sizeof(ur));
	plen = pass != NULL ? strlen(pass) : 0;
	if (plen > USER_PASS_MAX)
		return AT_DENIED;
	er = s->ops->exec(s, STMT_USER_GET, &p, 1, user_row, &ur, NULL);
	if (er != AT_OK)
		return er;
	if (!ur.found || ur.bad) {
		if (dummy[0] == '\0')
			hash_pass("not a password at all", dummy);
		if (crypto_pwhash_str_verify(dummy, pass != NULL ? pass : "",
			plen) == 0)
			return AT_DENIED;
		return AT_DENIED;
	}
	if (crypto_pwhash_str_verify(ur.pwhash, pass != NULL ? pass : "",
		plen) != 0)
		return AT_DENIED;
	*out = ur.u;
	return AT_OK;
}

/* SHA-256 of a token's hex, in hex. */
static void
token_hash(const char *token_hex, char out[crypto_hash_sha256_BYTES * 2 + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token_hex,
	    strlen(token_hex));
	sodium_bin2hex(out, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof(h));
}

static void
token_make(char token_hex[USER_TOKEN_HEX])
{
	unsigned char t[USER_TOKEN_LEN];

	randombytes_buf(t, sizeof(t));
	sodium_bin2hex(token_hex, USER_TOKEN_HEX, t, sizeof(t));
	sodium_memzero(t, sizeof(t));
}

enum at_err
store_session_new(struct store *s, const char *name, int64_t now,
    int64_t ttl, char token_hex[USER_TOKEN_HEX])
{
	char th[crypto_hash_sha256_BYTES * 2 + 1], tok[USER_TOKEN_HEX];
	struct store_param p[4];
	struct store_param pp = { SP_INT, NULL, now };
	enum at_err er;

	token_make(tok);
	token_hash(tok, th);
	p[0] = (struct store_param){ SP_TEXT, th, 0 };
	p[1] = (struct store_param){ SP_TEXT, name, 0 };
	p[2] = (struct store_param){ SP_INT, NULL, now };
	p[3] = (struct store_param){ SP_INT, NULL, now + ttl };
	/* Expired sessions go first, so the table stays small. */
	(void)s->ops->exec(s, STMT_SESSION_PURGE, &pp, 1, NULL, NULL, NULL);
	er = s->ops->exec(s, STMT_SESSION_INSERT, p, 4, NULL, NULL, NULL);
	if (er == AT_OK)
		memcpy(token_hex, tok, USER_TOKEN_HEX);
	sodium_memzero(tok, sizeof(tok));
	return er;
}

static bool
token_shape_ok(const char *token_hex)
{
	size_t len = token_hex != NULL ? strlen(token_hex) : 0;

	if (len != USER_TOKEN_HEX - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((token_hex[i] >= '0' && token_hex[i] <= '9') ||
			(token_hex[i] >= 'a' && token_hex[i] <= 'f')))
			return false;
	return true;
}

enum at_err
store_session_user(struct store *s, const char *token_hex, int64_t now,
    struct user *out)
{
	char th[crypto_hash_sha256_BYTES * 2 + 1];
	struct store_param p[2];
	struct user_row ur;
	enum at_err er;

	if (!token_shape_ok(token_hex))
		return AT_NOTFOUND;
	token_hash(token_hex, th);
	memset(&ur, 0, sizeof(ur));
	p[0] = (struct store_param){ SP_TEXT, th, 0 };
	p[1] = (struct store_param){ SP_INT, NULL, now };
	er = s->ops->exec(s, STMT_SESSION_GET, p, 2, user_row, &ur, NULL);
	if (er != AT_OK)
		return er;
	if (!ur.found || ur.bad)
		return AT_NOTFOUND;
	*out = ur.u;
	return AT_OK;
}

enum at_err
store_session_use(struct store *s, const char *token_hex, int64_t now,
    int64_t idle, int64_t max, struct user *out)
{
	char th[crypto_hash_sha256_BYTES * 2 + 1];
	struct store_param p[2];
	struct user_row ur;
	int64_t until;
	enum at_err er;

	if (!token_shape_ok(token_hex) || idle <= 0 || max <= 0)
		return AT_NOTFOUND;
	token_hash(token_hex, th);
	memset(&ur, 0, sizeof(ur));
	p[0] = (struct store_param){ SP_TEXT, th, 0 };
	p[1] = (struct store_param){ SP_INT, NULL, now };
	er = s->ops->exec(s, STMT_SESSION_GET, p, 2, user_row, &ur, NULL);
	if (er != AT_OK)
		return er;
	if (!ur.found || ur.bad || now >= ur.s_created + max)
		return AT_NOTFOUND;
	until = now + idle < ur.s_created + max ? now + idle :
	    ur.s_created + max;
	/* Moving the expiry is a write: do it only when it gains an eighth
	 * of the idle time, not on every request.  If it fails (a busy
	 * database), the session is still valid now and slides next time. */
	if ((until - ur.s_expires) * 8 >= idle) {
		p[1] = (struct store_param){ SP_INT, NULL, until };
		(void)s->ops->exec(s, STMT_SESSION_TOUCH, p, 2, NULL, NULL,
		    NULL);
	}
	*out = ur.u;
	return AT_OK;
}

enum at_err
store_session_end(struct store *s, const char *token_hex)
{
	char th[crypto_hash_sha256_BYTES * 2 + 1];
	struct store_param p;

	if (!token_shape_ok(token_hex))
		return AT_OK;
	token_hash(token_hex, th);
	p = (struct store_param){ SP_TEXT, th, 0 };
	return s->ops->exec(s, STMT_SESSION_DELETE, &p, 1, NULL, NULL, NULL);
}

enum at_err
store_token_new(struct store *s, const char *name, const char *label,
    int64_t now, char token_hex[USER_TOKEN_HEX])
{
	char th[crypto_hash_sha256_BYTES * 2 + 1], tok[USER_TOKEN_HEX];
	struct store_param p[4];
	struct user u;
	json_t *o;
	char *js = NULL;
	enum at_err er;

	if ((er = store_user_get(s, name, &u)) != AT_OK)
		return er;
	token_make(tok);
	token_hash(tok, th);
	p[0] = (struct store_param){ SP_TEXT, th, 0 };
	p[1] = (struct store_param){ SP_TEXT, name, 0 };
	p[2] = (struct store_param){ SP_TEXT, label != NULL ? label : "", 0 };
	p[3] = (struct store_param){ SP_INT, NULL, now };
	if ((er = store_begin(s)) != AT_OK)
		return er;
	if ((er = s->ops->exec(s, STMT_TOKEN_INSERT, p, 4, NULL, NULL,
		 NULL)) != AT_OK)
		goto out;
	o = json_object();
	json_object_set_new(o, "label", json_string(label != NULL ? label :
	    ""));
	json_object_set_new(o, "token_sha256", json_string(th));
	js = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (js == NULL)
		at_oom();
	if ((er = store_audit_append(s, "token", "user", name, js, NULL)) !=
	    AT_OK)
		goto out;
	er = store_commit(s);
out:
	if (er != AT_OK)
		store_rollback(s);
	else
		memcpy(token_hex, tok, USER_TOKEN_HEX);
	free(js);
	sodium_memzero(tok, sizeof(tok));
	return er;
}

enum at_err
store_token_user(struct store *s, const char *token_hex, struct user *out)
{
	char th[crypto_hash_sha256_BYTES * 2 + 1];
	struct store_param p;
	struct user_row ur;
	enum at_err er;

	if (!token_shape_ok(token_hex))
		return AT_NOTFOUND;
	token_hash(token_hex, th);
	memset(&ur, 0, sizeof(ur));
	p = (struct store_param){ SP_TEXT, th, 0 };
	er = s->ops->exec(s, STMT_TOKEN_GET, &p, 1, user_row, &ur, NULL);
	if (er != AT_OK)
		return er;
	if (!ur.found || ur.bad)
		return AT_NOTFOUND;
	*out = ur.u;
	return AT_OK;
}
