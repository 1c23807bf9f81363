/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the server's caches: views/vcache.h (a value is given
 * back only for its own data version, a kept value never steps back to
 * an older version, a value replaced while a reader holds it lives until
 * that reader lets go, the cache holds at most VCACHE_SLOTS values and
 * drops the least recently used) and the ETag helpers of http_int.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/http_int.h"
#include "views/vcache.h"

static int freed;

static void
count_free(void *p)
{
	freed++;
	free(p);
}

static int *
val(int v)
{
	int *p = malloc(sizeof(*p));

	assert_non_null(p);
	*p = v;
	return p;
}

static void
test_vcache_version_keyed(void **state)
{
	struct vcache_ref *ref = NULL;
	const int *got;

	(void)state;
	vcache_put("k-version", 7, val(70), count_free, NULL);
	got = vcache_get("k-version", 7, &ref);
	assert_non_null(got);
	assert_int_equal(*got, 70);
	vcache_release(ref);
	assert_null(vcache_get("k-version", 8, &ref));
	assert_null(ref);
	assert_null(vcache_get("k-version", 6, &ref));
	assert_null(vcache_get("other", 7, &ref));
	assert_null(vcache_get("k-version", -1, &ref));
}

static void
test_vcache_never_steps_back(void **state)
{
	struct vcache_ref *ref = NULL;
	const int *got;
	int before;

	(void)state;
	vcache_put("k-back", 5, val(50), count_free, NULL);
	before = freed;
	/* A slower request made at version 3 comes back late. */
	vcache_put("k-back", 3, val(30), count_free, NULL);
	assert_int_equal(freed, before + 1);
	assert_null(vcache_get("k-back", 3, &ref));
	got = vcache_get("k-back", 5, &ref);
	assert_non_null(got);
	assert_int_equal(*got, 50);
	vcache_release(ref);
}

static void
test_vcache_reader_keeps_replaced_value(void **state)
{
	struct vcache_ref *ref = NULL, *ref2 = NULL;
	const int *old, *cur;
	int before;

	(void)state;
	vcache_put("k-held", 1, val(10), count_free, NULL);
	old = vcache_get("k-held", 1, &ref);
	assert_non_null(old);
	before = freed;
	vcache_put("k-held", 2, val(20), count_free, NULL);
	assert_int_equal(freed, before); /* still held */
	assert_int_equal(*old, 10);
	cur = vcache_get("k-held", 2, &ref2);
	assert_non_null(cur);
	assert_int_equal(*cur, 20);
	vcache_release(ref2);
	vcache_release(ref);
	assert_int_equal(freed, before + 1); /* the last reader freed it */
}

static void
test_vcache_put_with_ref(void **state)
{
	struct vcache_ref *ref = NULL;
	const int *got;
	int before = freed;

	(void)state;
	/* Not kept (no version), but the caller may use it till release. */
	got = vcache_put("k-ref", -1, val(5), count_free, &ref);
	assert_non_null(got);
	assert_int_equal(*got, 5);
	assert_int_equal(freed, before);
	vcache_release(ref);
	assert_int_equal(freed, before + 1);
	/* Kept: the caller's reference and the cache's. */
	got = vcache_put("k-ref", 4, val(6), count_free, &ref);
	assert_int_equal(*got, 6);
	vcache_release(ref);
	got = vcache_get("k-ref", 4, &ref);
	assert_non_null(got);
	assert_int_equal(*got, 6);
	vcache_release(ref);
}

static void
test_vcache_bounded_lru(void **state)
{
	struct vcache_ref *ref = NULL;
	char key[32];
	int before;

	(void)state;
	vcache_put("k-hot", 1, val(1), count_free, NULL);
	before = freed;
	for (int i = 0; i < VCACHE_SLOTS + 5; i++) {
		/* Keep k-hot recently used. */
		assert_non_null(vcache_get("k-hot", 1, &ref));
		vcache_release(ref);
		(void)snprintf(key, sizeof(key), "k-lru-%d", i);
		vcache_put(key, 1, val(i), count_free, NULL);
	}
	/* Every put past the slots dropped one value. */
	assert_true(freed - before >= 5);
	assert_non_null(vcache_get("k-hot", 1, &ref));
	vcache_release(ref);
	assert_null(vcache_get("k-lru-0", 1, &ref));
	(void)snprintf(key, sizeof(key), "k-lru-%d", VCACHE_SLOTS + 4);
	assert_non_null(vcache_get(key, 1, &ref));
	vcache_release(ref);
}

static void
test_etag_matches(void **state)
{
	char tag[HTTP_ETAG_LEN], other[HTTP_ETAG_LEN];
	char list[100];

	(void)state;
	http_etag("abc", 3, tag);
	http_etag("abd", 3, other);
	assert_int_equal(strlen(tag), HTTP_ETAG_LEN - 1);
	assert_true(tag[0] == '"' && tag[HTTP_ETAG_LEN - 2] == '"');
	assert_string_not_equal(tag, other);
	assert_true(http_etag_matches(tag, tag));
	assert_false(http_etag_matches(other, tag));
	assert_false(http_etag_matches(NULL, tag));
	assert_false(http_etag_matches("", tag));
	assert_true(http_etag_matches("*", tag));
	(void)snprintf(list, sizeof(list), "%s, W/%s", other, tag);
	assert_true(http_etag_matches(list, tag));
	/* A tag that only begins like ours is another tag. */
	(void)snprintf(list, sizeof(list), "%.*sx\"", HTTP_ETAG_LEN - 2, tag);
	assert_false(http_etag_matches(list, tag));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vcache_version_keyed),
		cmocka_unit_test(test_vcache_never_steps_back),
		cmocka_unit_test(test_vcache_reader_keeps_replaced_value),
		cmocka_unit_test(test_vcache_put_with_ref),
		cmocka_unit_test(test_vcache_bounded_lru),
		cmocka_unit_test(test_etag_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
