/* SPDX-License-Identifier: ISC */
/*
 * Number and text checks of core/parse.h.  parse_i64 is compared with
 * strtoll on the same bytes; an accepted money amount is not negative
 * and prints and parses back to itself; clean text is valid UTF-8.
 */
#include "fuzz.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"

/* What parse_i64 over the full range should accept: an optional sign,
 * then one or more ASCII digits, nothing else, within int64_t. */
static bool
ref_i64(const uint8_t *data, size_t size, int64_t *out)
{
	size_t i = 0;
	char *z, *end;
	long long v;
	bool ok;

	if (size > 0 && (data[0] == '+' || data[0] == '-'))
		i = 1;
	if (i == size)
		return false;
	for (size_t k = i; k < size; k++)
		if (data[k] < '0' || data[k] > '9')
			return false;
	z = malloc(size + 1);
	FUZZ_CHECK(z != NULL);
	memcpy(z, data, size);
	z[size] = '\0';
	errno = 0;
	v = strtoll(z, &end, 10);
	ok = errno == 0 && *end == '\0';
	free(z);
	if (ok)
		*out = v;
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int64_t v = 0, w = 0, r = 0;
	bool ref;
	char out[32];

	/* Full range: must agree with strtoll. */
	ref = ref_i64(data, size, &r);
	FUZZ_CHECK((parse_i64(s, size, INT64_MIN, INT64_MAX, &v) == AT_OK) ==
	    ref);
	if (ref)
		FUZZ_CHECK(v == r);
	/* A narrow range accepts exactly the in-range subset. */
	if (parse_i64(s, size, 1990, 2100, &w) == AT_OK)
		FUZZ_CHECK(ref && w == r && w >= 1990 && w <= 2100);
	else
		FUZZ_CHECK(!ref || r < 1990 || r > 2100);

	if (parse_cents(s, size, &v) == AT_OK) {
		FUZZ_CHECK(v >= 0);
		format_cents(v, out, sizeof(out));
		FUZZ_CHECK(parse_cents(out, strlen(out), &w) == AT_OK);
		FUZZ_CHECK(w == v);
	}

	if (text_is_clean(s, size, false))
		FUZZ_CHECK(text_is_clean(s, size, true));
	if (text_is_clean(s, size, true))
		FUZZ_CHECK(text_is_utf8(s, size));
	if (text_is_utf8(s, size)) {
		/* Every prefix ending on a character boundary is valid. */
		size_t k = size;

		while (k > 0 && (data[k - 1] & 0xc0) == 0x80)
			k--;
		if (k > 0)
			FUZZ_CHECK(text_is_utf8(s, k - 1));
	}
	return 0;
}
