/* SPDX-License-Identifier: ISC */
/*
 * The streaming JSON writer of the API (src/api/json_out.h): any bytes
 * written with json_put_strn must come out as one JSON string that
 * jansson reads back, with no raw '<', '>' or '&' (the output may land
 * in HTML), and, when the input was valid UTF-8, as exactly the input
 * (but each NUL as U+FFFD, as the writer means to).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/json_out.h"
#include "core/buf.h"
#include "core/parse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b;
	json_t *j;
	json_error_t err;

	buf_init(&b, 16 * 1024 * 1024);
	json_put_strn(&b, (const char *)data, size);
	FUZZ_CHECK(buf_err(&b) == AT_OK);
	FUZZ_CHECK(memchr(buf_str(&b), '<', buf_len(&b)) == NULL);
	FUZZ_CHECK(memchr(buf_str(&b), '>', buf_len(&b)) == NULL);
	FUZZ_CHECK(memchr(buf_str(&b), '&', buf_len(&b)) == NULL);
	j = json_loadb(buf_str(&b), buf_len(&b),
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (j == NULL) {
		fuzz_report(__FILE__, __LINE__, err.text);
		abort();
	}
	FUZZ_CHECK(json_is_string(j));
	if (text_is_utf8((const char *)data, size)) {
		/* Exactly the input, but NUL is written as U+FFFD (a NUL
		 * in a JSON string breaks too many readers). */
		struct buf want;

		buf_init(&want, 64 * 1024 * 1024);
		for (size_t i = 0; i < size; i++)
			if (data[i] == '\0')
				buf_puts(&want, "\xef\xbf\xbd");
			else
				buf_putc(&want, (char)data[i]);
		FUZZ_CHECK(json_string_length(j) == buf_len(&want) &&
		    memcmp(json_string_value(j), buf_str(&want),
			buf_len(&want)) == 0);
		buf_fini(&want);
	} else
		FUZZ_CHECK(text_is_utf8(json_string_value(j),
		    json_string_length(j)));
	json_decref(j);
	buf_fini(&b);
	return 0;
}
