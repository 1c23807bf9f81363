/* SPDX-License-Identifier: ISC */
/*
 * OpenSSL's libcrypto, opened when the first evidence file is hashed
 * rather than linked: only the importers need it (SHA-256 of each file,
 * where OpenSSL is several times faster than libsodium's portable code),
 * yet loading and relocating it cost every start of attest some
 * milliseconds.  These are the functions ev_reader.c calls, forwarding
 * to libcrypto.so.3; none may be called before ev_crypto_load succeeds.
 */
#include "evidence/evidence_int.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#define CRYPTO_SONAME "libcrypto.so.3"

#define CRYPTO_FUNCS(X) \
	X(EVP_MD_CTX_new) \
	X(EVP_MD_CTX_free) \
	X(EVP_sha256) \
	X(EVP_DigestInit_ex) \
	X(EVP_DigestUpdate) \
	X(EVP_DigestFinal_ex)

static struct {
/* f names a member here: no parentheses. */
#define X(f) __typeof__(f) *f; /* NOLINT(bugprone-macro-parentheses) */
	CRYPTO_FUNCS(X)
#undef X
} cr;

static pthread_once_t cr_once = PTHREAD_ONCE_INIT;
static bool cr_ok;
static char cr_why[300];

static void
cr_open(void)
{
	void *h = dlopen(CRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL), *sym;

	if (h == NULL) {
		(void)snprintf(cr_why, sizeof(cr_why), "%s", dlerror());
		return;
	}
	/* dlsym gives an object pointer; POSIX guarantees it converts to
	 * the function pointer it names. */
#define X(f)                                                           \
	sym = dlsym(h, #f);                                             \
	if (sym == NULL) {                                              \
		(void)snprintf(cr_why, sizeof(cr_why), "%s lacks %s",   \
		    CRYPTO_SONAME, #f);                                 \
		return;                                                 \
	}                                                               \
	memcpy(&cr.f, &sym, sizeof(sym));
	CRYPTO_FUNCS(X)
#undef X
	cr_ok = true;
}

bool
ev_crypto_load(const char **why)
{
	pthread_once(&cr_once, cr_open);
	*why = cr_why;
	return cr_ok;
}

EVP_MD_CTX *
EVP_MD_CTX_new(void)
{
	return cr.EVP_MD_CTX_new();
}

void
EVP_MD_CTX_free(EVP_MD_CTX *ctx)
{
	/* Called on every way out, also when libcrypto never loaded. */
	if (cr.EVP_MD_CTX_free != NULL)
		cr.EVP_MD_CTX_free(ctx);
}

const EVP_MD *
EVP_sha256(void)
{
	return cr.EVP_sha256();
}

int
EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl)
{
	return cr.EVP_DigestInit_ex(ctx, type, impl);
}

int
EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt)
{
	return cr.EVP_DigestUpdate(ctx, d, cnt);
}

int
EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s)
{
	return cr.EVP_DigestFinal_ex(ctx, md, s);
}
