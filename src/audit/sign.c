/* SPDX-License-Identifier: ISC */
/*
 * Signed checkpoints: the text a checkpoint signs, Ed25519 signing and
 * verification (libsodium), and the signing key's file.
 *
 * The key file is the one file this module touches.  It holds the
 * 32-byte Ed25519 seed as hex under a version line; it is created with
 * O_EXCL and mode 0600 and refused on load when it is not a regular
 * file owned by the caller or when group or others have any access to
 * it (as OpenSSH treats private keys).  In memory the key lives in
 * sodium_malloc memory, which is locked and wiped when freed.  Which
 * file to use (DB.key next to the database, or --key) is decided by the
 * caller.
 */
#include "audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/xalloc.h"

#define KEY_MAGIC    "attest-audit-ed25519-seed-v1\n"
#define KEY_FILE_MAX 256

struct audit_key {
	uint8_t sk[crypto_sign_SECRETKEYBYTES]; /* seed || public key */
	uint8_t pk[crypto_sign_PUBLICKEYBYTES];
};

static void
init_sodium(void)
{
	if (sodium_init() < 0)
		at_oom();
}

enum at_err
audit_checkpoint_text(const struct audit_checkpoint *c, struct buf *out)
{
	char root[AUDIT_HEX_LEN];

	audit_hex(c->root, root);
	buf_printf(out, "attest-checkpoint-v1\n%llu\n%s\n%s\n",
	    (unsigned long long)c->size, root, c->time);
	return buf_err(out);
}

void
audit_key_id(const uint8_t pk[AUDIT_PK_LEN], uint8_t out[AUDIT_KEYID_LEN])
{
	uint8_t h[AUDIT_HASH_LEN];

	crypto_hash_sha256(h, pk, AUDIT_PK_LEN);
	memcpy(out, h, AUDIT_KEYID_LEN);
}

static struct audit_key *
key_from_seed(const uint8_t seed[32])
{
	struct audit_key *k;

	init_sodium();
	k = sodium_malloc(sizeof(*k));
	if (k == NULL)
		at_oom();
	if (crypto_sign_seed_keypair(k->pk, k->sk, seed) != 0)
		at_oom();
	return k;
}

struct audit_key *
audit_key_from_seed(const uint8_t seed[32])
{
	return key_from_seed(seed);
}

void
audit_key_free(struct audit_key *k)
{
	if (k != NULL)
		sodium_free(k);
}

void
audit_key_public(const struct audit_key *k, uint8_t out[AUDIT_PK_LEN])
{
	memcpy(out, k->pk, AUDIT_PK_LEN);
}

enum at_err
audit_key_create(const char *path, struct audit_key **out, struct at_diag *d)
{
	uint8_t *seed = NULL;
	char *text = NULL, *tmp = NULL;
	size_t len, hexlen = 2 * crypto_sign_SEEDBYTES + 1;
	int fd = -1, rc;
	enum at_err er = AT_IO;
	ssize_t n;

	init_sodium();
	seed = sodium_malloc(crypto_sign_SEEDBYTES);
	text = sodium_malloc(KEY_FILE_MAX);
	if (seed == NULL || text == NULL)
		at_oom();
	randombytes_buf(seed, crypto_sign_SEEDBYTES);
	memcpy(text, KEY_MAGIC, sizeof(KEY_MAGIC) - 1);
	sodium_bin2hex(
	    text + sizeof(KEY_MAGIC) - 1, hexlen, seed, crypto_sign_SEEDBYTES);
	len = sizeof(KEY_MAGIC) - 1 + hexlen - 1;
	text[len++] = '\n';

	/*
	 * Write a temporary file and link it into place, so the key file
	 * is whole or absent even if the process dies half way (a torn
	 * key file would leave the log unsignable for good); link(2)
	 * fails if the name exists, as O_EXCL would.
	 */
	tmp = xmalloc(strlen(path) + 32);
	rc =
	    snprintf(tmp, strlen(path) + 32, "%s.tmp%ld", path, (long)getpid());
	if (rc < 0) {
		er = at_diag_set(d, AT_IO, "key", "cannot create %s", path);
		goto out;
	}
	(void)unlink(tmp); /* left by a dead process with our pid */
	fd = open(
	    tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		er = at_diag_set(d, AT_IO, "key", "cannot create %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	n = write(fd, text, len);
	if (n < 0 || (size_t)n != len || fsync(fd) != 0) {
		er = at_diag_set(d, AT_IO, "key", "cannot write %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		er = at_diag_set(d, AT_IO, "key", "cannot write %s", tmp);
		goto out;
	}
	fd = -1;
	if (link(tmp, path) != 0) {
		if (errno == EEXIST)
			er = at_diag_set(d, AT_CONFLICT, "key",
			    "%s exists already; not replacing a signing key",
			    path);
		else
			er = at_diag_set(d, AT_IO, "key",
			    "cannot create %s: %s", path, strerror(errno));
		goto out;
	}
	*out = key_from_seed(seed);
	er = AT_OK;
out:
	if (fd >= 0)
		(void)close(fd);
	if (tmp != NULL)
		(void)unlink(tmp);
	free(tmp);
	sodium_free(text);
	sodium_free(seed);
	return er;
}

enum at_err
audit_key_load(const char *path, struct audit_key **out, struct at_diag *d)
{
	struct stat st;
	uint8_t *seed = NULL;
	char *text = NULL;
	size_t len = 0, bin = 0;
	const char *end = NULL, *hex;
	int fd = -1;
	enum at_err er = AT_IO;
	ssize_t n;

	init_sodium();
	seed = sodium_malloc(crypto_sign_SEEDBYTES);
	text = sodium_malloc(KEY_FILE_MAX + 1);
	if (seed == NULL || text == NULL)
		at_oom();
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			er = at_diag_set(d, AT_NOTFOUND, "key",
			    "no signing key at %s", path);
		else
			er = at_diag_set(d, AT_IO, "key", "cannot open %s: %s",
			    path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		er = at_diag_set(d, AT_IO, "key", "cannot stat %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		er = at_diag_set(d, AT_DENIED, "key",
		    "%s is not a regular file owned by you; refusing it", path);
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		er = at_diag_set(d, AT_DENIED, "key",
		    "%s is accessible by group or others (mode %03o); "
		    "refusing it (chmod 600 it)",
		    path, (unsigned)(st.st_mode & 0777));
		goto out;
	}
	while (len < KEY_FILE_MAX) {
		n = read(fd, text + len, KEY_FILE_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			er = at_diag_set(d, AT_IO, "key", "cannot read %s: %s",
			    path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	text[len] = '\0';
	if (len < sizeof(KEY_MAGIC) - 1 ||
	    memcmp(text, KEY_MAGIC, sizeof(KEY_MAGIC) - 1) != 0) {
		er = at_diag_set(d, AT_EINVAL, "key",
		    "%s is not an attest signing key", path);
		goto out;
	}
	hex = text + sizeof(KEY_MAGIC) - 1;
	if (sodium_hex2bin(seed, crypto_sign_SEEDBYTES, hex, strlen(hex), "\n",
	        &bin, &end) != 0 ||
	    bin != crypto_sign_SEEDBYTES ||
	    (*end != '\0' && strcmp(end, "\n") != 0)) {
		er = at_diag_set(
		    d, AT_EINVAL, "key", "%s: the key is malformed", path);
		goto out;
	}
	*out = key_from_seed(seed);
	er = AT_OK;
out:
	if (fd >= 0)
		(void)close(fd);
	sodium_free(text);
	sodium_free(seed);
	return er;
}

enum at_err
audit_checkpoint_sign(struct audit_checkpoint *c, const struct audit_key *k)
{
	struct buf b;
	enum at_err er;

	buf_init(&b, 4096);
	er = audit_checkpoint_text(c, &b);
	if (er == AT_OK) {
		audit_key_id(k->pk, c->key_id);
		crypto_sign_detached(c->sig, NULL,
		    (const unsigned char *)buf_str(&b), buf_len(&b), k->sk);
	}
	buf_fini(&b);
	return er;
}

enum at_err
audit_checkpoint_verify(
    const struct audit_checkpoint *c, const uint8_t pk[AUDIT_PK_LEN])
{
	uint8_t id[AUDIT_KEYID_LEN];
	struct buf b;
	enum at_err er;

	init_sodium();
	audit_key_id(pk, id);
	if (sodium_memcmp(id, c->key_id, AUDIT_KEYID_LEN) != 0)
		return AT_TAMPER;
	buf_init(&b, 4096);
	er = audit_checkpoint_text(c, &b);
	if (er == AT_OK &&
	    crypto_sign_verify_detached(c->sig,
	        (const unsigned char *)buf_str(&b), buf_len(&b), pk) != 0)
		er = AT_TAMPER;
	buf_fini(&b);
	return er;
}

enum at_err
audit_pubkey_parse(const char *s, uint8_t out[AUDIT_PK_LEN])
{
	uint8_t pk[AUDIT_PK_LEN];
	size_t bin = 0;
	const char *end = NULL;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (sodium_hex2bin(pk, sizeof(pk), s, strlen(s), NULL, &bin, &end) !=
	        0 ||
	    bin != sizeof(pk))
		return AT_EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (*end != '\0')
		return AT_EINVAL;
	memcpy(out, pk, sizeof(pk));
	return AT_OK;
}
