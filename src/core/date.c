/* SPDX-License-Identifier: ISC */
/*
 * Calendar date arithmetic by day numbers (Howard Hinnant's
 * days_from_civil / civil_from_days algorithms), so no time zone or
 * leap second can shift a deadline.
 */
#include "core/date.h"

#include <string.h>
#include <time.h>

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
at_date_days_in_month(int year, int month)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return dim[month - 1];
}

bool
at_date_valid(int year, int month, int day)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12)
		return false;
	return day >= 1 && day <= at_date_days_in_month(year, month);
}

static int
digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum at_err
at_date_parse(const char *s, size_t len, struct at_date *out)
{
	int y, m, d;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return AT_EINVAL;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !at_date_valid(y, m, d))
		return AT_EINVAL;
	out->year = y;
	out->month = m;
	out->day = d;
	return AT_OK;
}

enum at_err
at_date_parse_str(const char *s, struct at_date *out)
{
	if (s == NULL)
		return AT_EINVAL;
	return at_date_parse(s, strlen(s), out);
}

void
at_date_format(struct at_date d, char out[AT_DATE_LEN])
{
	int v[3] = { d.year, d.month, d.day };
	int w[3] = { 4, 2, 2 };
	size_t pos = 0;

	for (int i = 0; i < 3; i++) {
		int x = v[i];

		if (i > 0)
			out[pos++] = '-';
		for (int k = w[i] - 1; k >= 0; k--) {
			out[pos + (size_t)k] = (char)('0' + x % 10);
			x /= 10;
		}
		pos += (size_t)w[i];
	}
	out[pos] = '\0';
}

int64_t
at_date_to_days(struct at_date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct at_date
at_date_from_days(int64_t z)
{
	struct at_date d;
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

struct at_date
at_date_add_days(struct at_date d, int64_t n)
{
	return at_date_from_days(at_date_to_days(d) + n);
}

int
at_date_weekday(struct at_date d)
{
	int64_t z = at_date_to_days(d);

	/* 1970-01-01 was a Thursday (4). */
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

int
at_date_cmp(struct at_date a, struct at_date b)
{
	int64_t x = at_date_to_days(a), y = at_date_to_days(b);

	return x < y ? -1 : x > y;
}

struct at_date
at_date_today(void)
{
	time_t t = time(NULL);

	return at_date_from_days((int64_t)(t / 86400));
}
