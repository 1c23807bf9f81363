/* SPDX-License-Identifier: ISC */
/* The derived-data cache (see vcache.h). */
#include "views/vcache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store.h"

struct vcache_ref {
	char key[VCACHE_KEYLEN];
	int64_t version;
	void *data;
	void (*free_fn)(void *);
	int refs;      /* readers, plus one while kept */
	uint64_t used; /* tick of the last hit, for eviction */
};

static pthread_mutex_t vc_mu = PTHREAD_MUTEX_INITIALIZER;
static struct vcache_ref *vc_slot[VCACHE_SLOTS];
static uint64_t vc_tick;

int64_t
vcache_version(struct store *s)
{
	int64_t v = -1;

	if (s == NULL || store_data_version(s, &v) != AT_OK)
		return -1;
	return v;
}

/* Drop one reference; under vc_mu.  Returns the entry to free (outside
 * the lock) or NULL. */
static struct vcache_ref *
unref(struct vcache_ref *e)
{
	return --e->refs == 0 ? e : NULL;
}

static void
destroy(struct vcache_ref *e)
{
	if (e == NULL)
		return;
	if (e->free_fn != NULL)
		e->free_fn(e->data);
	free(e);
}

const void *
vcache_get(const char *key, int64_t version, struct vcache_ref **ref)
{
	const void *data = NULL;

	*ref = NULL;
	if (version < 0)
		return NULL;
	pthread_mutex_lock(&vc_mu);
	for (size_t i = 0; i < VCACHE_SLOTS; i++) {
		struct vcache_ref *e = vc_slot[i];

		if (e != NULL && e->version == version &&
		    strcmp(e->key, key) == 0) {
			e->refs++;
			e->used = ++vc_tick;
			*ref = e;
			data = e->data;
			break;
		}
	}
	pthread_mutex_unlock(&vc_mu);
	return data;
}

void
vcache_release(struct vcache_ref *ref)
{
	struct vcache_ref *dead;

	if (ref == NULL)
		return;
	pthread_mutex_lock(&vc_mu);
	dead = unref(ref);
	pthread_mutex_unlock(&vc_mu);
	destroy(dead);
}

const void *
vcache_put(const char *key, int64_t version, void *data,
    void (*free_fn)(void *), struct vcache_ref **ref)
{
	struct vcache_ref *e, *dead = NULL;
	size_t victim = 0;

	e = xcalloc(1, sizeof(*e));
	e->version = version;
	e->data = data;
	e->free_fn = free_fn;
	e->refs = 1; /* the caller's, or the slot's */
	if (ref != NULL)
		*ref = e;
	if (version < 0 || strlen(key) >= VCACHE_KEYLEN)
		goto unkept;
	memcpy(e->key, key, strlen(key) + 1);
	pthread_mutex_lock(&vc_mu);
	e->used = ++vc_tick;
	for (size_t i = 0; i < VCACHE_SLOTS; i++) {
		struct vcache_ref *o = vc_slot[i];

		if (o != NULL && strcmp(o->key, key) == 0) {
			/* Never step back to an older version. */
			if (o->version >= version) {
				pthread_mutex_unlock(&vc_mu);
				goto unkept;
			}
			victim = i;
			goto found;
		}
	}
	for (size_t i = 0; i < VCACHE_SLOTS; i++) {
		if (vc_slot[i] == NULL) {
			victim = i;
			goto found;
		}
		if (vc_slot[i]->used < vc_slot[victim]->used)
			victim = i;
	}
found:
	if (vc_slot[victim] != NULL)
		dead = unref(vc_slot[victim]);
	vc_slot[victim] = e;
	if (ref != NULL)
		e->refs++;
	pthread_mutex_unlock(&vc_mu);
	destroy(dead);
	return ref != NULL ? data : NULL;
unkept:
	if (ref != NULL)
		return data;
	destroy(e);
	return NULL;
}
