/* SPDX-License-Identifier: ISC */
/*
 * The server's life around the requests: the listening socket, bound
 * before privileges are dropped (--user), and the checkpointer, which
 * signs an audit checkpoint soon after writes rather than only at exit,
 * so `attest audit verify` and receipts cover a long-running server's
 * writes while it runs.
 */
/* initgroups is BSD, not POSIX: glibc declares it with _DEFAULT_SOURCE. */
#define _DEFAULT_SOURCE
#include "http/http_int.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "store/store.h"

/* ---- the listening socket ---- */

int
http_listen_socket(const struct sockaddr_in *sa, struct at_diag *d)
{
	int fd, one = 1, fl;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		at_diag_set(d, AT_IO, "listen", "socket: %s", strerror(errno));
		return -1;
	}
	fl = fcntl(fd, F_GETFL);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0 ||
	    bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) != 0 ||
	    listen(fd, 4096) != 0) {
		at_diag_set(d, AT_IO, "listen", "cannot listen there: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- dropping privileges ---- */

enum at_err
http_drop_privileges(const char *user, struct at_diag *d)
{
	struct passwd pw, *res = NULL;
	char tmp[4096];
	int rc;

	rc = getpwnam_r(user, &pw, tmp, sizeof(tmp), &res);
	if (rc != 0 || res == NULL)
		return at_diag_set(d, AT_EINVAL, "user",
		    "no user named %s", user);
	if (geteuid() != 0) {
		if (geteuid() == pw.pw_uid && getuid() == pw.pw_uid)
			return AT_OK; /* already that user */
		return at_diag_set(d, AT_DENIED, "user",
		    "only root can switch to user %s", user);
	}
	if (pw.pw_uid == 0)
		return at_diag_set(d, AT_EINVAL, "user",
		    "%s is root: name an unprivileged user", user);
	/* Groups first, while still allowed to; then the user, real,
	 * effective and saved, so there is no way back. */
	if (initgroups(pw.pw_name, pw.pw_gid) != 0 ||
	    setgid(pw.pw_gid) != 0 || setuid(pw.pw_uid) != 0)
		return at_diag_set(d, AT_IO, "user",
		    "cannot become %s: %s", user, strerror(errno));
	if (setuid(0) == 0 || geteuid() == 0)
		return at_diag_set(d, AT_IO, "user",
		    "could become root again after switching to %s", user);
	return AT_OK;
}

/* ---- the checkpointer ---- */

struct ckpt {
	struct app *app;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool dirty;    /* a write may have committed since the last run */
	bool stopping;
};

static void
deadline_after(struct timespec *ts, unsigned ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static void
run_once(struct ckpt *c)
{
	const struct http_config *cfg = c->app->cfg;
	struct store *s = NULL;

	if (store_pool_get(c->app->pool, &s, NULL) != AT_OK)
		return;
	cfg->checkpoint(cfg->checkpoint_ctx, s);
	store_pool_put(c->app->pool, s);
}

static void *
ckpt_main(void *arg)
{
	struct ckpt *c = arg;
	unsigned ms = c->app->cfg->checkpoint_ms;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		struct timespec until;

		while (!c->dirty && !c->stopping)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->dirty)
			break;
		/* Writes come in bursts: one checkpoint for the burst, at
		 * most ms after its first write. */
		deadline_after(&until, ms);
		while (!c->stopping &&
		    pthread_cond_timedwait(&c->cv, &c->mu, &until) != ETIMEDOUT)
			;
		c->dirty = false;
		pthread_mutex_unlock(&c->mu);
		run_once(c);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct ckpt *
ckpt_start(struct app *app)
{
	struct ckpt *c;
	pthread_condattr_t ca;

	if (app->cfg->checkpoint == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->app = app;
	if (pthread_mutex_init(&c->mu, NULL) != 0 ||
	    pthread_condattr_init(&ca) != 0 ||
	    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&c->cv, &ca) != 0)
		abort();
	pthread_condattr_destroy(&ca);
	if (pthread_create(&c->th, NULL, ckpt_main, c) != 0)
		abort();
	return c;
}

void
ckpt_note(struct ckpt *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	if (!c->dirty) {
		c->dirty = true;
		pthread_cond_signal(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
}

void
ckpt_stop(struct ckpt *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->stopping = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->th, NULL); /* runs a pending checkpoint first */
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c);
}
