/* SPDX-License-Identifier: ISC */
/*
 * The program's side of the renderer module (render_mod.h): the
 * functions of render.h that need cairo, libical or libcurl forward to
 * attest-render.so, opened on first use.  Looked for in
 * $ATTEST_MODULE_DIR, beside the program as built (src/render under its
 * directory), in the build tree, then where it is installed.
 */
#include "render/render_mod.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MOD_NAME "attest-render.so"

static pthread_once_t mod_once = PTHREAD_ONCE_INIT;
static _Atomic(const struct render_mod_ops *) mod;
static char mod_why[PATH_MAX + 256];

static bool
try_dir(const char *dir)
{
	char path[PATH_MAX];
	const struct render_mod_ops *ops;
	void *h;
	int rc;

	if (dir == NULL || dir[0] == '\0')
		return false;
	rc = snprintf(path, sizeof(path), "%s/%s", dir, MOD_NAME);
	if (rc < 0 || (size_t)rc >= sizeof(path) || access(path, R_OK) != 0)
		return false;
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		(void)snprintf(mod_why, sizeof(mod_why), "%s", dlerror());
		return false;
	}
	ops = dlsym(h, RENDER_MOD_SYMBOL);
	if (ops == NULL || ops->abi != RENDER_MOD_ABI) {
		(void)snprintf(mod_why, sizeof(mod_why), "%s is from another "
		    "build of attest", path);
		dlclose(h);
		return false;
	}
	atomic_store(&mod, ops);
	return true;
}

static void
load(void)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	ssize_t n;

	(void)snprintf(mod_why, sizeof(mod_why), "%s was not found (looked "
	    "in $ATTEST_MODULE_DIR, beside the program, in %s/src/render "
	    "and in %s)", MOD_NAME, AT_BUILD_DIR, AT_MODULE_DIR);
	if (try_dir(getenv("ATTEST_MODULE_DIR")))
		return;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (snprintf(dir, sizeof(dir), "%s/src/render", exe) <
				(int)sizeof(dir) && try_dir(dir))
				return;
		}
	}
	if (try_dir(AT_BUILD_DIR "/src/render"))
		return;
	(void)try_dir(AT_MODULE_DIR);
}

static bool
loaded(struct at_diag *d)
{
	pthread_once(&mod_once, load);
	if (mod == NULL) {
		at_diag_set(d, AT_IO, "render", "%s", mod_why);
		return false;
	}
	return true;
}

enum at_err
render_letter_pdf(const struct render_doc *doc, const char *created,
    struct buf *out, struct at_diag *d)
{
	if (!loaded(d))
		return AT_IO;
	return mod->letter_pdf(doc, created, out, d);
}

void
render_pdf_cleanup(void)
{
	const struct render_mod_ops *m = atomic_load(&mod);

	/* Nothing to clean when the module was never needed. */
	if (m != NULL)
		m->pdf_cleanup();
}

enum at_err
render_ical(const struct render_due *items, size_t n, const char *stamp,
    struct buf *out, struct at_diag *d)
{
	if (!loaded(d))
		return AT_IO;
	return mod->ical(items, n, stamp, out, d);
}

enum at_err
render_ical_check(const char *text, size_t *nevents, struct at_diag *d)
{
	if (!loaded(d))
		return AT_IO;
	return mod->ical_check(text, nevents, d);
}

enum at_err
render_mail_send(const char *url, const struct render_mail *m, size_t n,
    size_t *sent, struct at_diag *d)
{
	if (!loaded(d))
		return AT_IO;
	return mod->mail_send(url, m, n, sent, d);
}
