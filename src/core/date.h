/* SPDX-License-Identifier: ISC */
/*
 * Calendar dates (proleptic Gregorian, no time zone).
 *
 * Deadlines, effective dates and "as of" questions are about calendar
 * days, so they are kept as dates, never as time_t arithmetic.  The
 * only text form is ISO 8601 YYYY-MM-DD; anything else is refused.
 */
#ifndef AT_CORE_DATE_H
#define AT_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define AT_DATE_LEN 11 /* "YYYY-MM-DD" plus NUL */

struct at_date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..days in month */
};

/* true if y-m-d names a real day in years 1..9999. */
bool at_date_valid(int year, int month, int day);

/*
 * Parse exactly len bytes of s as YYYY-MM-DD.  Returns AT_OK or
 * AT_EINVAL (wrong shape, or no such day, e.g. 2017-02-29); *out is
 * untouched on error.
 */
enum at_err at_date_parse(const char *s, size_t len, struct at_date *out);

/* Same for a NUL-terminated string. */
enum at_err at_date_parse_str(const char *s, struct at_date *out);

/* Write "YYYY-MM-DD" and a NUL into out. */
void at_date_format(struct at_date d, char out[AT_DATE_LEN]);

/* Days since 1970-01-01 (negative before), and back. */
int64_t at_date_to_days(struct at_date d);
struct at_date at_date_from_days(int64_t days);

struct at_date at_date_add_days(struct at_date d, int64_t n);
/* 0 = Sunday .. 6 = Saturday. */
int at_date_weekday(struct at_date d);
/* <0, 0, >0 as a is before, equal to, after b. */
int at_date_cmp(struct at_date a, struct at_date b);
/* Today's date in UTC. */
struct at_date at_date_today(void);
int at_date_days_in_month(int year, int month);

#endif
