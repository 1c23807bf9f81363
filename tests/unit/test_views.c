/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the escaping writers: views/html.h (text never yields
 * a raw <, quote or control character; bad UTF-8 becomes U+FFFD;
 * nesting closes in order) and api/json_out.h (every string is valid
 * JSON that jansson reads back to the same text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "api/json_out.h"
#include "core/buf.h"
#include "views/html.h"
#include "views/web.h"

static void
test_html_text_escapes_markup(void **state)
{
	struct buf b;
	struct html h;

	(void)state;
	buf_init(&b, 1024);
	html_init(&h, &b);
	html_text(&h, "<script>alert('x\")</script> & more");
	assert_string_equal(buf_str(&b), "&lt;script&gt;alert(&#39;x&quot;)"
	    "&lt;/script&gt; &amp; more");
	buf_fini(&b);
}

static void
test_html_attr_values_are_escaped(void **state)
{
	struct buf b;
	struct html h;

	(void)state;
	buf_init(&b, 1024);
	html_init(&h, &b);
	html_open(&h, HE_A, "href", "/x?a=\"><img src=x>", NULL);
	html_close(&h);
	assert_string_equal(buf_str(&b),
	    "<a href=\"/x?a=&quot;&gt;&lt;img src=x&gt;\"></a>");
	buf_fini(&b);
}

static void
test_html_bad_utf8_becomes_replacement(void **state)
{
	struct buf b;
	struct html h;

	(void)state;
	buf_init(&b, 1024);
	html_init(&h, &b);
	/* lone continuation, overlong '/', surrogate, then good "é" */
	html_text(&h, "a\x80" "b\xc0\xaf" "c\xed\xa0\x80" "d\xc3\xa9");
	assert_string_equal(buf_str(&b), "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
	    "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d\xc3\xa9");
	buf_fini(&b);
}

static void
test_html_control_characters_dropped(void **state)
{
	struct buf b;
	struct html h;

	(void)state;
	buf_init(&b, 1024);
	html_init(&h, &b);
	html_text(&h, "a\r\x01" "b\x7f" "c\td\ne");
	assert_string_equal(buf_str(&b), "abc\td\ne");
	buf_fini(&b);
}

/* Property: random bytes as text never produce a raw < > " ' or a
 * control character other than tab and newline. */
static void
test_html_random_text_is_inert(void **state)
{
	unsigned char in[512];

	(void)state;
	for (int round = 0; round < 2000; round++) {
		struct buf b;
		struct html h;
		const char *out;

		randombytes_buf(in, sizeof(in));
		buf_init(&b, 64 * 1024);
		html_init(&h, &b);
		html_textn(&h, (const char *)in, sizeof(in));
		out = buf_str(&b);
		for (size_t i = 0; i < buf_len(&b); i++) {
			unsigned char c = (unsigned char)out[i];

			assert_true(c != '<' && c != '>' && c != '"' &&
			    c != '\'');
			assert_true(c >= 0x20 || c == '\t' || c == '\n');
		}
		buf_fini(&b);
	}
}

static void
test_html_nesting_closes_in_order(void **state)
{
	struct buf b;
	struct html h;

	(void)state;
	buf_init(&b, 1024);
	html_init(&h, &b);
	html_open(&h, HE_UL, NULL);
	html_open(&h, HE_LI, NULL);
	html_open(&h, HE_A, "href", "/", NULL);
	HTML_RAW(&h, "x");
	html_close_to(&h, HE_UL);
	html_open(&h, HE_INPUT, "type", "text", NULL);
	html_close_all(&h);
	assert_string_equal(buf_str(&b),
	    "<ul><li><a href=\"/\">x</a></li></ul><input type=\"text\">");
	buf_fini(&b);
}

static void
test_web_link_encodes_segments(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1024);
	web_link(&b, PAGE_RECORD, "agencies", "a/b c<d>");
	assert_string_equal(buf_str(&b), "/records/agencies/a%2Fb%20c%3Cd%3E");
	buf_fini(&b);
}

static void
test_json_strings_read_back(void **state)
{
	static const char *const in[] = { "plain", "quote\" back\\slash",
		"<script>&</script>", "line\nfeed\rtab\t\x01", "caf\xc3\xa9",
		"sep\xe2\x80\xa8" "ara\xe2\x80\xa9tor", "" };

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct buf b;
		json_error_t err;
		json_t *j;

		buf_init(&b, 4096);
		json_put_str(&b, in[i]);
		assert_null(strchr(buf_str(&b), '<'));
		j = json_loads(buf_str(&b), JSON_DECODE_ANY, &err);
		assert_non_null(j);
		assert_string_equal(json_string_value(j), in[i]);
		json_decref(j);
		buf_fini(&b);
	}
}

static void
test_json_bad_utf8_still_parses(void **state)
{
	unsigned char in[256];

	(void)state;
	for (int round = 0; round < 2000; round++) {
		struct buf b;
		json_error_t err;
		json_t *j;

		randombytes_buf(in, sizeof(in));
		buf_init(&b, 64 * 1024);
		json_put_strn(&b, (const char *)in, sizeof(in));
		j = json_loads(buf_str(&b), JSON_DECODE_ANY, &err);
		assert_non_null(j);
		assert_true(json_is_string(j));
		json_decref(j);
		buf_fini(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_text_escapes_markup),
		cmocka_unit_test(test_html_attr_values_are_escaped),
		cmocka_unit_test(test_html_bad_utf8_becomes_replacement),
		cmocka_unit_test(test_html_control_characters_dropped),
		cmocka_unit_test(test_html_random_text_is_inert),
		cmocka_unit_test(test_html_nesting_closes_in_order),
		cmocka_unit_test(test_web_link_encodes_segments),
		cmocka_unit_test(test_json_strings_read_back),
		cmocka_unit_test(test_json_bad_utf8_still_parses),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
