/* SPDX-License-Identifier: ISC */
/*
 * A process-wide cache of data derived from the database (outcomes of a
 * whole evaluation, the map's record tallies), keyed by a string and the
 * data version (store_data_version), so what it gives back is exactly
 * what would be computed now, whichever process wrote last.  Values are
 * immutable once kept and shared by reference count: a reader holds its
 * reference while it uses a value, and a value replaced meanwhile is
 * freed by the last reader.  Bounded to VCACHE_SLOTS values, least
 * recently used first out.  Thread-safe.
 */
#ifndef AT_VIEWS_VCACHE_H
#define AT_VIEWS_VCACHE_H

#include <stdint.h>

#define VCACHE_SLOTS  32
#define VCACHE_KEYLEN 256

struct store;
struct vcache_ref;

/* The data version of s now, or -1 when it cannot be read (then nothing
 * is looked up or kept). */
int64_t vcache_version(struct store *s);

/* The value kept for (key, version), or NULL; *ref must be released
 * with vcache_release once the value is no longer used. */
const void *vcache_get(const char *key, int64_t version,
    struct vcache_ref **ref);
void vcache_release(struct vcache_ref *ref);

/*
 * Keep data (freed with free_fn when dropped) for (key, version) if
 * version >= 0 and nothing newer is kept for key.  With ref NULL the
 * caller must not use data afterwards (it may be freed at once) and
 * NULL is returned; otherwise data is returned with a reference in
 * *ref, to release with vcache_release, kept or not.
 */
const void *vcache_put(const char *key, int64_t version, void *data,
    void (*free_fn)(void *), struct vcache_ref **ref);

#endif
