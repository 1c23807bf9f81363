/* SPDX-License-Identifier: ISC */
/*
 * A pool of stores on one database for a server's worker threads: a
 * store is used by one thread at a time, so each request borrows one
 * (store_pool_get) and gives it back (store_pool_put).  Connections are
 * opened lazily up to a maximum and kept open; a borrower waits while
 * all of them are lent out.  Works for both backends (SQLite: one
 * connection per worker in WAL mode; PostgreSQL: one libpq connection
 * per worker).  Not here: anything about requests or threads beyond a
 * mutex and a condition variable.
 */
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/xalloc.h"

struct store_pool {
	pthread_mutex_t mu;
	pthread_cond_t freed;
	char *url;
	size_t max;	      /* connections at most */
	size_t open;	      /* connections open (idle + lent) */
	size_t nidle;
	struct store **idle;  /* max slots */
};

enum at_err
store_pool_open(const char *url, size_t max, struct store_pool **out,
    struct at_diag *d)
{
	struct store_pool *p;
	struct store *s = NULL;
	enum at_err er;

	if (max == 0)
		return at_diag_set(d, AT_EINVAL, "db",
		    "a store pool needs at least one connection");
	/* The first connection applies migrations and proves the URL. */
	er = store_open(url, &s, d);
	if (er != AT_OK)
		return er;
	p = xcalloc(1, sizeof(*p));
	if (pthread_mutex_init(&p->mu, NULL) != 0 ||
	    pthread_cond_init(&p->freed, NULL) != 0)
		abort();
	p->url = xstrdup(url);
	p->max = max;
	p->idle = xcalloc(max, sizeof(*p->idle));
	p->idle[p->nidle++] = s;
	p->open = 1;
	*out = p;
	return AT_OK;
}

enum at_err
store_pool_get(struct store_pool *p, struct store **out, struct at_diag *d)
{
	struct store *s = NULL;
	enum at_err er = AT_OK;

	pthread_mutex_lock(&p->mu);
	while (p->nidle == 0 && p->open >= p->max)
		pthread_cond_wait(&p->freed, &p->mu);
	if (p->nidle > 0) {
		*out = p->idle[--p->nidle];
		pthread_mutex_unlock(&p->mu);
		return AT_OK;
	}
	p->open++; /* reserve the slot, connect without the lock */
	pthread_mutex_unlock(&p->mu);
	er = store_open(p->url, &s, d);
	if (er != AT_OK) {
		pthread_mutex_lock(&p->mu);
		p->open--;
		pthread_cond_signal(&p->freed);
		pthread_mutex_unlock(&p->mu);
		return er;
	}
	*out = s;
	return AT_OK;
}

void
store_pool_put(struct store_pool *p, struct store *s)
{
	if (s == NULL)
		return;
	/* Whatever the borrower left open does not reach the next one. */
	store_rollback(s);
	store_set_actor(s, "system");
	pthread_mutex_lock(&p->mu);
	p->idle[p->nidle++] = s;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->mu);
}

void
store_pool_close(struct store_pool *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nidle; i++)
		store_close(p->idle[i]);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->mu);
	free(p->idle);
	free(p->url);
	free(p);
}

size_t
store_pool_size(struct store_pool *p)
{
	size_t n;

	pthread_mutex_lock(&p->mu);
	n = p->open;
	pthread_mutex_unlock(&p->mu);
	return n;
}
