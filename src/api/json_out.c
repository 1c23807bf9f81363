/* SPDX-License-Identifier: ISC */
/*
 * The streaming JSON writer (see json_out.h).
 */
#include "api/json_out.h"

#include <stdbool.h>
#include <string.h>

#include "core/buf.h"

/* Length of the valid UTF-8 sequence at s (at most len bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0], cp, min;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	cp = c & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp == 0x2028 || cp == 0x2029)
		return 0x10 | n; /* flag: escape it */
	return n;
}

/* Bytes that cannot be copied as they are: control characters, quote,
 * backslash, < > &, DEL, and every non-ASCII byte (checked as UTF-8). */
#define JSON_SHORT 1024

static bool
special(unsigned char c)
{
	return c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' ||
	    c == '>' || c == '&';
}
void
json_put_strn(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	/* Most strings need no escape: write them with their quotes in
	 * one append. */
	if (len <= JSON_SHORT) {
		char tmp[JSON_SHORT + 2];

		while (i < len && !special(p[i]))
			i++;
		if (i == len) {
			tmp[0] = '"';
			memcpy(tmp + 1, s, len);
			tmp[len + 1] = '"';
			buf_append(b, tmp, len + 2);
			return;
		}
		i = 0;
	}
	buf_putc(b, '"');
	while (i < len) {
		unsigned char c;
		char esc[8];
		const char *rep = NULL;
		size_t n = 1;

		while (i < len && !special(p[i]))
			i++;
		if (i == len)
			break;
		c = p[i];

		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c == 0)
			rep = "\\ufffd"; /* many readers refuse \u0000 */
		else if (c < 0x20 || c == '<' || c == '>' || c == '&' ||
		    c == 0x7f) {
			esc[0] = '\\';
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
			rep = esc;
		} else if (c >= 0x80) {
			n = utf8_len(p + i, len - i);
			if (n == 0) {
				rep = "\\ufffd";
				n = 1;
			} else if (n & 0x10) {
				n &= 0xf;
				rep = p[i + 2] == 0xa8 ? "\\u2028" : "\\u2029";
			}
		}
		if (rep != NULL) {
			buf_append(b, s + start, i - start);
			buf_puts(b, rep);
			i += n;
			start = i;
		} else
			i += n;
	}
	buf_append(b, s + start, i - start);
	buf_putc(b, '"');
}

void
json_put_str(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, "null");
	else
		json_put_strn(b, s, strlen(s));
}

void
json_put_key(struct buf *b, const char *key)
{
	json_put_str(b, key);
	buf_putc(b, ':');
}

void
json_put_int(struct buf *b, int64_t v)
{
	buf_printf(b, "%lld", (long long)v);
}
