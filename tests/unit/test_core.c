/* SPDX-License-Identifier: ISC */
/* Unit tests for src/core: buffers, dates, number and text parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "core/parse.h"

static void
test_buf_append_past_max_sets_limit(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	buf_puts(&b, "abcd");
	assert_int_equal(buf_err(&b), AT_OK);
	buf_puts(&b, "efghi");
	assert_int_equal(buf_err(&b), AT_LIMIT);
	/* sticky: later small appends are ignored too */
	buf_puts(&b, "x");
	assert_string_equal(buf_str(&b), "abcd");
	buf_fini(&b);
}

static void
test_buf_printf_grows_and_detaches(void **state)
{
	struct buf b;
	char *p;
	size_t len;

	(void)state;
	buf_init(&b, 100000);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%04d,", i);
	assert_int_equal(buf_err(&b), AT_OK);
	assert_int_equal(buf_len(&b), 5000);
	p = buf_detach(&b, &len);
	assert_int_equal(len, 5000);
	assert_memory_equal(p + 4995, "0999,", 5);
	assert_string_equal(buf_str(&b), "");
	free(p);
}

static void
test_date_parse_refuses_impossible_days(void **state)
{
	struct at_date d;

	(void)state;
	assert_int_equal(at_date_parse_str("2017-06-30", &d), AT_OK);
	assert_int_equal(d.year, 2017);
	assert_int_equal(d.month, 6);
	assert_int_equal(d.day, 30);
	assert_int_equal(at_date_parse_str("2017-02-29", &d), AT_EINVAL);
	assert_int_equal(at_date_parse_str("2016-02-29", &d), AT_OK);
	assert_int_equal(at_date_parse_str("1900-02-29", &d), AT_EINVAL);
	assert_int_equal(at_date_parse_str("2000-02-29", &d), AT_OK);
	assert_int_equal(at_date_parse_str("2017-13-01", &d), AT_EINVAL);
	assert_int_equal(at_date_parse_str("2017-6-30", &d), AT_EINVAL);
	assert_int_equal(at_date_parse_str("2017-06-30x", &d), AT_EINVAL);
	assert_int_equal(at_date_parse_str("", &d), AT_EINVAL);
	assert_int_equal(at_date_parse_str("20170630", &d), AT_EINVAL);
}

static void
test_date_arithmetic_round_trips(void **state)
{
	struct at_date d, e;
	char s[AT_DATE_LEN];

	(void)state;
	assert_int_equal(at_date_parse_str("2017-04-21", &d), AT_OK);
	e = at_date_add_days(d, 70);
	at_date_format(e, s);
	assert_string_equal(s, "2017-06-30");
	assert_int_equal(at_date_weekday(e), 5); /* a Friday */
	assert_int_equal(at_date_to_days((struct at_date){ 1970, 1, 1 }), 0);
	/* every day of four centuries survives days -> date -> days */
	for (int64_t z = -146097; z < 146097 * 3; z += 7) {
		struct at_date x = at_date_from_days(z);

		assert_true(at_date_valid(x.year, x.month, x.day));
		assert_int_equal(at_date_to_days(x), z);
	}
	e = at_date_add_days((struct at_date){ 2016, 12, 31 }, 1);
	at_date_format(e, s);
	assert_string_equal(s, "2017-01-01");
	assert_true(at_date_cmp((struct at_date){ 2017, 1, 1 },
			(struct at_date){ 2016, 12, 31 }) > 0);
}

static void
test_parse_i64_checks_range_and_whole_string(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(parse_i64("2016", 4, 1990, 2100, &v), AT_OK);
	assert_int_equal(v, 2016);
	assert_int_equal(parse_i64("1989", 4, 1990, 2100, &v), AT_EINVAL);
	assert_int_equal(parse_i64("20x6", 4, 0, 9999, &v), AT_EINVAL);
	assert_int_equal(parse_i64("", 0, 0, 9, &v), AT_EINVAL);
	assert_int_equal(parse_i64("-", 1, -9, 9, &v), AT_EINVAL);
	assert_int_equal(parse_i64("9223372036854775808", 19, INT64_MIN,
			     INT64_MAX, &v), AT_EINVAL);
	assert_int_equal(parse_i64("-9223372036854775808", 20, INT64_MIN,
			     INT64_MAX, &v), AT_OK);
	assert_true(v == INT64_MIN);
}

static void
test_parse_cents_is_exact(void **state)
{
	int64_t c = 0;
	char s[32];

	(void)state;
	assert_int_equal(parse_cents("975604", 6, &c), AT_OK);
	assert_int_equal(c, 97560400);
	assert_int_equal(parse_cents("975604.5", 8, &c), AT_OK);
	assert_int_equal(c, 97560450);
	assert_int_equal(parse_cents("$1,200.05", 9, &c), AT_OK);
	assert_int_equal(c, 120005);
	assert_int_equal(parse_cents("1,20", 4, &c), AT_EINVAL);
	assert_int_equal(parse_cents("1.234", 5, &c), AT_EINVAL);
	assert_int_equal(parse_cents("-5", 2, &c), AT_EINVAL);
	assert_int_equal(parse_cents("5.", 2, &c), AT_EINVAL);
	assert_int_equal(parse_cents("abc", 3, &c), AT_EINVAL);
	format_cents(97560450, s, sizeof(s));
	assert_string_equal(s, "975604.50");
}

static void
test_text_is_clean_refuses_controls_and_bad_utf8(void **state)
{
	(void)state;
	assert_true(text_is_clean("Do\xc3\xb1" "a Ana", 8, false));
	assert_false(text_is_clean("a\x01", 2, false));
	assert_false(text_is_clean("a\nb", 3, false));
	assert_true(text_is_clean("a\nb", 3, true));
	assert_false(text_is_clean("\xc0\xaf", 2, true));  /* overlong */
	assert_false(text_is_clean("\xed\xa0\x80", 3, true)); /* surrogate */
	assert_false(text_is_clean("\xe2\x82", 2, true));   /* truncated */
}

static void
test_text_contains_ci_ignores_case(void **state)
{
	(void)state;
	assert_true(text_contains_ci("Cook County", "cook"));
	assert_true(text_contains_ci("Cook County", "UNTY"));
	assert_true(text_contains_ci("Cook", ""));
	assert_false(text_contains_ci("Cook", "cooks"));
	assert_false(text_contains_ci("", "a"));
}

static void
test_diag_format_names_file_line_field(void **state)
{
	struct at_diag d;
	char out[256];

	(void)state;
	at_diag_clear(&d);
	memcpy(d.file, "x.csv", 6);
	d.line = 1000;
	at_diag_set(&d, AT_EINVAL, "valid_to", "is before valid_from");
	at_diag_format(&d, out, sizeof(out));
	assert_string_equal(out,
	    "x.csv:1000: field valid_to: is before valid_from");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_append_past_max_sets_limit),
		cmocka_unit_test(test_buf_printf_grows_and_detaches),
		cmocka_unit_test(test_date_parse_refuses_impossible_days),
		cmocka_unit_test(test_date_arithmetic_round_trips),
		cmocka_unit_test(test_parse_i64_checks_range_and_whole_string),
		cmocka_unit_test(test_parse_cents_is_exact),
		cmocka_unit_test(test_text_is_clean_refuses_controls_and_bad_utf8),
		cmocka_unit_test(test_text_contains_ci_ignores_case),
		cmocka_unit_test(test_diag_format_names_file_line_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
