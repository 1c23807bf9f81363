/* SPDX-License-Identifier: ISC */
/*
 * The response cache (see http_int.h): finished libmicrohttpd responses
 * keyed by (request key, data version).  A hit queues the stored
 * response itself: libmicrohttpd counts its references, so one response
 * serves any number of connections and an entry replaced meanwhile is
 * freed only when the last of them is done with it.
 *
 * Direct-mapped slots under a reader-writer lock: lookups share the lock,
 * a store or a replacement takes it alone.  Memory is bounded by the
 * number of slots and a cap on the bytes held; an answer past the cap is
 * simply not kept.
 */
#include "http/http_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct rc_entry {
	uint64_t h;		   /* shorthash of key */
	int64_t version;	   /* data version the answer was made at */
	char *key;		   /* owned */
	size_t klen;
	size_t bytes;		   /* body size, for the cap */
	struct MHD_Response *resp; /* one reference held */
	char etag[HTTP_ETAG_LEN];
};

struct resp_cache {
	pthread_rwlock_t lk;
	unsigned char hkey[crypto_shorthash_KEYBYTES];
	size_t nslots;
	struct rc_entry *slot;
	size_t bytes; /* held in bodies, under lk */
	size_t max_bytes;
};

struct resp_cache *
resp_cache_new(size_t nslots, size_t max_bytes)
{
	struct resp_cache *rc = xcalloc(1, sizeof(*rc));

	if (pthread_rwlock_init(&rc->lk, NULL) != 0)
		abort();
	crypto_shorthash_keygen(rc->hkey);
	rc->nslots = nslots > 0 ? nslots : 1;
	rc->slot = xcalloc(rc->nslots, sizeof(*rc->slot));
	rc->max_bytes = max_bytes;
	return rc;
}

static void
entry_clear(struct resp_cache *rc, struct rc_entry *e)
{
	if (e->resp != NULL)
		MHD_destroy_response(e->resp);
	free(e->key);
	rc->bytes -= e->bytes;
	memset(e, 0, sizeof(*e));
}

void
resp_cache_free(struct resp_cache *rc)
{
	if (rc == NULL)
		return;
	for (size_t i = 0; i < rc->nslots; i++)
		entry_clear(rc, &rc->slot[i]);
	free(rc->slot);
	pthread_rwlock_destroy(&rc->lk);
	free(rc);
}

static uint64_t
key_hash(const struct resp_cache *rc, const char *key, size_t klen)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h;

	crypto_shorthash(out, (const unsigned char *)key, klen, rc->hkey);
	memcpy(&h, out, sizeof(h));
	return h;
}

void
http_etag(const char *body, size_t len, char out[HTTP_ETAG_LEN])
{
	unsigned char h[8];
	static const char hex[] = "0123456789abcdef";

	crypto_generichash(h, sizeof(h), (const unsigned char *)body, len,
	    NULL, 0);
	out[0] = '"';
	for (size_t i = 0; i < sizeof(h); i++) {
		out[1 + 2 * i] = hex[h[i] >> 4];
		out[2 + 2 * i] = hex[h[i] & 15];
	}
	out[17] = '"';
	out[18] = '\0';
}

bool
http_etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);

	if (inm == NULL)
		return false;
	/* If-None-Match: a list of tags, maybe weak (W/"..."), or "*". */
	for (const char *p = inm; *p != '\0';) {
		p += strspn(p, " \t,");
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' ||
		    p[n] == ' ' || p[n] == '\t'))
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

enum MHD_Result
http_not_modified(struct MHD_Connection *c, const char *etag)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		at_oom();
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
	    HTTP_CACHE_PUBLIC);
	/* libmicrohttpd 0.9.75 adds Content-Length: 0 (RFC 9110 8.6 wants
	 * the 200's length or none); a length of our own would be sent
	 * beside it, not instead, so it stays. */
	ret = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
	MHD_destroy_response(r);
	return ret;
}

bool
resp_cache_get(struct resp_cache *rc, const char *key, size_t klen,
    int64_t version, struct MHD_Connection *c, const char *inm,
    enum MHD_Result *ret, int *status)
{
	uint64_t h = key_hash(rc, key, klen);
	struct rc_entry *e;
	char etag[HTTP_ETAG_LEN];
	bool hit = false, fresh = false;

	pthread_rwlock_rdlock(&rc->lk);
	e = &rc->slot[h % rc->nslots];
	if (e->resp != NULL && e->h == h && e->version == version &&
	    e->klen == klen && memcmp(e->key, key, klen) == 0) {
		hit = true;
		if (http_etag_matches(inm, e->etag)) {
			memcpy(etag, e->etag, sizeof(etag));
			fresh = true;
		} else {
			/* Queue under the lock: a replacement cannot free
			 * the response before the connection holds it. */
			*ret = MHD_queue_response(c, MHD_HTTP_OK, e->resp);
			*status = MHD_HTTP_OK;
		}
	}
	pthread_rwlock_unlock(&rc->lk);
	if (fresh) {
		*ret = http_not_modified(c, etag);
		*status = MHD_HTTP_NOT_MODIFIED;
	}
	return hit;
}

void
resp_cache_put(struct resp_cache *rc, const char *key, size_t klen,
    int64_t version, struct MHD_Response *resp, size_t bytes,
    const char *etag)
{
	uint64_t h = key_hash(rc, key, klen);
	struct rc_entry *e;

	pthread_rwlock_wrlock(&rc->lk);
	e = &rc->slot[h % rc->nslots];
	/* Never step back: a slower request made at an older version must
	 * not replace a newer answer to the same key. */
	if (e->resp != NULL && e->h == h && e->klen == klen &&
	    memcmp(e->key, key, klen) == 0 && e->version >= version)
		goto out;
	entry_clear(rc, e);
	if (rc->bytes + bytes > rc->max_bytes)
		goto out;
	e->h = h;
	e->version = version;
	e->key = xmalloc(klen);
	memcpy(e->key, key, klen);
	e->klen = klen;
	e->bytes = bytes;
	rc->bytes += bytes;
	memcpy(e->etag, etag, sizeof(e->etag));
	e->resp = resp;
	resp = NULL;
out:
	pthread_rwlock_unlock(&rc->lk);
	if (resp != NULL)
		MHD_destroy_response(resp);
}
