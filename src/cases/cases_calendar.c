/* SPDX-License-Identifier: ISC */
/*
 * Due dates: the three rules (calendar days, business days, fixed date),
 * their derivations, and the US federal holidays of 5 U.S.C. 6103 with
 * the observed-date rule (Saturday -> Friday, Sunday -> Monday), for any
 * year.  All arithmetic is on calendar days (core/date.h).
 */
#include "cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"

#define N(a)         (sizeof(a) / sizeof((a)[0]))
#define DUE_DAYS_MAX 3660

enum {
	SUN,
	MON,
	TUE,
	WED,
	THU,
	FRI,
	SAT
};

/* The nth (1-based) weekday wd of a month. */
static struct at_date
nth_weekday(int y, int m, int wd, int nth)
{
	struct at_date d = { y, m, 1 };
	int first = at_date_weekday(d);

	d.day = 1 + (wd - first + 7) % 7 + 7 * (nth - 1);
	return d;
}

static struct at_date
last_weekday(int y, int m, int wd)
{
	struct at_date d = { y, m, at_date_days_in_month(y, m) };
	int last = at_date_weekday(d);

	d.day -= (last - wd + 7) % 7;
	return d;
}

struct holiday {
	struct at_date day; /* the legal date, before observance */
	const char *name, *observed_name;
};

/* The holidays of year y on their legal dates; returns how many. */
static size_t
holidays_of(int y, struct holiday out[12])
{
	size_t n = 0;

#define H(d, nm) out[n++] = (struct holiday){ d, nm, nm " (observed)" }
	H(((struct at_date){ y, 1, 1 }), "New Year's Day");
	if (y >= 1986)
		H(nth_weekday(y, 1, MON, 3), "Martin Luther King Jr. Day");
	if (y >= 1971)
		H(nth_weekday(y, 2, MON, 3), "Washington's Birthday");
	else
		H(((struct at_date){ y, 2, 22 }), "Washington's Birthday");
	if (y >= 1971)
		H(last_weekday(y, 5, MON), "Memorial Day");
	else
		H(((struct at_date){ y, 5, 30 }), "Memorial Day");
	if (y >= 2021)
		H(((struct at_date){ y, 6, 19 }),
		    "Juneteenth National Independence Day");
	H(((struct at_date){ y, 7, 4 }), "Independence Day");
	H(nth_weekday(y, 9, MON, 1), "Labor Day");
	if (y >= 1971)
		H(nth_weekday(y, 10, MON, 2), "Columbus Day");
	else if (y >= 1937)
		H(((struct at_date){ y, 10, 12 }), "Columbus Day");
	if (y >= 1971 && y <= 1977)
		H(nth_weekday(y, 10, MON, 4), "Veterans Day");
	else if (y >= 1938)
		H(((struct at_date){ y, 11, 11 }), "Veterans Day");
	if (y >= 1942)
		H(nth_weekday(y, 11, THU, 4), "Thanksgiving Day");
	else
		H(last_weekday(y, 11, THU), "Thanksgiving Day");
	H(((struct at_date){ y, 12, 25 }), "Christmas Day");
#undef H
	return n;
}

static struct at_date
observed(struct at_date d)
{
	int wd = at_date_weekday(d);

	if (wd == SAT)
		return at_date_add_days(d, -1);
	if (wd == SUN)
		return at_date_add_days(d, 1);
	return d;
}

const char *
cases_holiday(struct at_date d)
{
	struct holiday h[12];

	/* A New Year's Day on a Saturday is observed on December 31 of
	 * the year before, so look at the next year too. */
	for (int y = d.year; y <= d.year + 1 && y <= 9999; y++) {
		size_t n = holidays_of(y, h);

		for (size_t i = 0; i < n; i++) {
			struct at_date o = observed(h[i].day);

			if (at_date_cmp(o, d) == 0)
				return at_date_cmp(o, h[i].day) == 0
				    ? h[i].name
				    : h[i].observed_name;
		}
	}
	return NULL;
}

bool
cases_is_business_day(struct at_date d)
{
	int wd = at_date_weekday(d);

	return wd != SAT && wd != SUN && cases_holiday(d) == NULL;
}

int64_t
cases_days_overdue(struct at_date due, struct at_date as_of)
{
	int64_t n = at_date_to_days(as_of) - at_date_to_days(due);

	return n > 0 ? n : 0;
}

/* Skip spaces; true if the rest of s starts with word (then past it). */
static bool
take_word(const char **s, const char *word)
{
	size_t n = strlen(word);

	while (**s == ' ')
		(*s)++;
	if (strncmp(*s, word, n) != 0)
		return false;
	if ((*s)[n] != '\0' && (*s)[n] != ' ')
		return false;
	*s += n;
	return true;
}

enum at_err
cases_due_rule_parse(
    const char *s, struct cases_due_rule *out, struct at_diag *d)
{
	struct cases_due_rule r;
	const char *p = s;
	size_t digits;

	memset(&r, 0, sizeof(r));
	if (take_word(&p, "fixed"))
		while (*p == ' ')
			p++;
	if (strlen(p) == 10 && p[4] == '-') {
		if (at_date_parse(p, 10, &r.fixed) != AT_OK)
			return at_diag_set(d, AT_EINVAL, "due",
			    "\"%s\" is not a real date (YYYY-MM-DD)", p);
		r.kind = CASES_DUE_FIXED;
		*out = r;
		return AT_OK;
	}
	digits = strspn(p, "0123456789");
	if (digits == 0 || parse_i64(p, digits, 1, DUE_DAYS_MAX, &r.n) != AT_OK)
		goto bad;
	p += digits;
	if (take_word(&p, "calendar"))
		r.kind = CASES_DUE_CALENDAR;
	else if (take_word(&p, "business"))
		r.kind = CASES_DUE_BUSINESS;
	else
		r.kind = CASES_DUE_CALENDAR;
	if (!take_word(&p, r.n == 1 ? "day" : "days"))
		goto bad;
	while (*p == ' ')
		p++;
	if (*p != '\0')
		goto bad;
	*out = r;
	return AT_OK;
bad:
	return at_diag_set(d, AT_EINVAL, "due",
	    "\"%s\" is not a due-date rule; write \"70 calendar days\", "
	    "\"10 business days\" (1 to %d) or a date YYYY-MM-DD",
	    s, DUE_DAYS_MAX);
}

void
cases_due_rule_format(const struct cases_due_rule *r, char *out, size_t n)
{
	char day[AT_DATE_LEN];

	switch (r->kind) {
	case CASES_DUE_CALENDAR:
		(void)snprintf(out, n, "%lld calendar day%s", (long long)r->n,
		    r->n == 1 ? "" : "s");
		break;
	case CASES_DUE_BUSINESS:
		(void)snprintf(out, n, "%lld business day%s", (long long)r->n,
		    r->n == 1 ? "" : "s");
		break;
	case CASES_DUE_FIXED:
		at_date_format(r->fixed, day);
		(void)snprintf(out, n, "fixed %s", day);
		break;
	default:
		abort();
	}
}

enum at_err
cases_due_compute(struct at_date from, const struct cases_due_rule *r,
    struct at_date *due, char derivation[CASES_DERIVATION_MAX],
    struct at_diag *d)
{
	char f[AT_DATE_LEN], t[AT_DATE_LEN], rule[64];
	char skipped[CASES_DERIVATION_MAX - 128];
	size_t used = 0;
	struct at_date x = from;

	at_date_format(from, f);
	cases_due_rule_format(r, rule, sizeof(rule));
	switch (r->kind) {
	case CASES_DUE_CALENDAR:
		x = at_date_add_days(from, r->n);
		at_date_format(x, t);
		(void)snprintf(derivation, CASES_DERIVATION_MAX, "%s + %s = %s",
		    f, rule, t);
		break;
	case CASES_DUE_BUSINESS:
		skipped[0] = '\0';
		for (int64_t k = 0; k < r->n;) {
			const char *h;

			x = at_date_add_days(x, 1);
			h = cases_holiday(x);
			if (h != NULL && at_date_weekday(x) != SAT &&
			    at_date_weekday(x) != SUN) {
				char day[AT_DATE_LEN];
				int rc;

				at_date_format(x, day);
				rc = snprintf(skipped + used,
				    sizeof(skipped) - used, "%s%s %s",
				    used > 0 ? ", " : "", day, h);
				if (rc > 0 &&
				    (size_t)rc < sizeof(skipped) - used)
					used += (size_t)rc;
			}
			if (cases_is_business_day(x))
				k++;
		}
		at_date_format(x, t);
		/* A long list of holidays may be cut short; the date and
		 * the rule always fit. */
		if (snprintf(derivation, CASES_DERIVATION_MAX,
		        "%s + %s = %s (weekends skipped; federal holidays "
		        "skipped: %s)",
		        f, rule, t,
		        used > 0 ? skipped : "none") >= CASES_DERIVATION_MAX)
			memcpy(
			    derivation + CASES_DERIVATION_MAX - 5, "...)", 5);
		break;
	case CASES_DUE_FIXED:
		if (at_date_cmp(r->fixed, from) < 0) {
			at_date_format(r->fixed, t);
			return at_diag_set(d, AT_EINVAL, "due",
			    "the fixed due date %s is before the notice date "
			    "%s",
			    t, f);
		}
		x = r->fixed;
		at_date_format(x, t);
		(void)snprintf(derivation, CASES_DERIVATION_MAX,
		    "fixed date %s, named in the notice of %s (%lld calendar "
		    "days)",
		    t, f,
		    (long long)(at_date_to_days(x) - at_date_to_days(from)));
		break;
	default:
		abort();
	}
	*due = x;
	return AT_OK;
}
