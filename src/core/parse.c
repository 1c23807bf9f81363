/* SPDX-License-Identifier: ISC */
/*
 * Checked conversions of outside text (see parse.h).
 */
#include "core/parse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum at_err
parse_i64(const char *s, size_t len, int64_t min, int64_t max, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0, lim;

	if (s == NULL || len == 0)
		return AT_EINVAL;
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len)
		return AT_EINVAL;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		unsigned dgt;

		if (s[i] < '0' || s[i] > '9')
			return AT_EINVAL;
		dgt = (unsigned)(s[i] - '0');
		if (v > (lim - dgt) / 10)
			return AT_EINVAL;
		v = v * 10 + dgt;
	}
	int64_t r;
	if (neg)
		r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		r = (int64_t)v;
	if (r < min || r > max)
		return AT_EINVAL;
	*out = r;
	return AT_OK;
}

enum at_err
parse_cents(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0, ndig = 0, ndec = 0, group = 0;
	bool seen_dot = false, seen_comma = false;

	if (s == NULL || len == 0)
		return AT_EINVAL;
	if (s[0] == '$')
		i = 1;
	for (; i < len; i++) {
		char c = s[i];

		if (c == ',') {
			/* thousands separator: between digit groups of 3 */
			if (seen_dot || ndig == 0 || (seen_comma && group != 3))
				return AT_EINVAL;
			if (!seen_comma && ndig > 3)
				return AT_EINVAL;
			seen_comma = true;
			group = 0;
			continue;
		}
		if (c == '.') {
			if (seen_dot || ndig == 0)
				return AT_EINVAL;
			if (seen_comma && group != 3)
				return AT_EINVAL;
			seen_dot = true;
			continue;
		}
		if (c < '0' || c > '9')
			return AT_EINVAL;
		if (seen_dot) {
			if (++ndec > 2)
				return AT_EINVAL;
		} else {
			ndig++;
			group++;
		}
		if (v > (INT64_MAX - (c - '0')) / 10)
			return AT_EINVAL;
		v = v * 10 + (c - '0');
	}
	if (ndig == 0 || (seen_dot && ndec == 0))
		return AT_EINVAL;
	if (seen_comma && !seen_dot && group != 3)
		return AT_EINVAL;
	for (; ndec < 2; ndec++) {
		if (v > INT64_MAX / 10)
			return AT_EINVAL;
		v *= 10;
	}
	*out = v;
	return AT_OK;
}

void
format_cents(int64_t cents, char *out, size_t n)
{
	int rc;

	if (cents < 0)
		rc = snprintf(out, n, "-%lld.%02lld",
		    (long long)(-(cents / 100)), (long long)(-(cents % 100)));
	else
		rc = snprintf(out, n, "%lld.%02lld", (long long)(cents / 100),
		    (long long)(cents % 100));
	if (rc < 0 && n > 0)
		out[0] = '\0';
}

bool
text_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i - 1 < n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

bool
text_is_clean(const char *s, size_t len, bool allow_newlines)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			continue;
		if ((c == '\n' || c == '\r') && allow_newlines)
			continue;
		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return text_is_utf8(s, len);
}

bool
text_contains_ci(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	if (nl == 0)
		return true;
	for (; *hay != '\0'; hay++) {
		size_t i;

		for (i = 0; i < nl && hay[i] != '\0'; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == nl)
			return true;
	}
	return false;
}
