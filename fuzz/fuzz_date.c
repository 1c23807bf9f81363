/* SPDX-License-Identifier: ISC */
/*
 * Date parsing (core/date.h).  Properties: whatever is accepted is a
 * real day, prints back to the same ten bytes, survives the trip
 * through day numbers, and its neighbours are one day and one weekday
 * away; the NUL-terminated parser agrees with the counted one.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct at_date d, e;
	char out[AT_DATE_LEN];
	char *z;
	enum at_err er, er2;

	er = at_date_parse(s, size, &d);
	z = malloc(size + 1);
	FUZZ_CHECK(z != NULL);
	memcpy(z, data, size);
	z[size] = '\0';
	er2 = at_date_parse_str(z, &e);
	if (memchr(data, '\0', size) == NULL) {
		FUZZ_CHECK(er == er2);
		if (er == AT_OK)
			FUZZ_CHECK(at_date_cmp(d, e) == 0);
	}
	free(z);
	if (er != AT_OK)
		return 0;
	FUZZ_CHECK(at_date_valid(d.year, d.month, d.day));
	FUZZ_CHECK(d.day <= at_date_days_in_month(d.year, d.month));
	at_date_format(d, out);
	FUZZ_CHECK(size == AT_DATE_LEN - 1 && memcmp(out, data, size) == 0);
	e = at_date_from_days(at_date_to_days(d));
	FUZZ_CHECK(at_date_cmp(d, e) == 0 && e.year == d.year &&
	    e.month == d.month && e.day == d.day);
	FUZZ_CHECK(at_date_weekday(d) >= 0 && at_date_weekday(d) <= 6);
	e = at_date_add_days(d, 1);
	FUZZ_CHECK(at_date_cmp(d, e) < 0 && at_date_cmp(e, d) > 0);
	FUZZ_CHECK(at_date_weekday(e) == (at_date_weekday(d) + 1) % 7);
	FUZZ_CHECK(at_date_to_days(e) == at_date_to_days(d) + 1);
	e = at_date_add_days(d, -1);
	FUZZ_CHECK(at_date_cmp(e, d) < 0);
	FUZZ_CHECK(at_date_weekday(d) == (at_date_weekday(e) + 1) % 7);
	return 0;
}
