/* SPDX-License-Identifier: ISC */
/*
 * The HTML writer (src/views/html.h).  The input is split at 0x1f into
 * pieces; the first byte of each picks what to do with the rest: write
 * it as text, as an attribute value of an opened element, as a link
 * built with url_encode, open or close elements.
 *
 * Properties, checked on the bytes each call adds:
 *   - text never yields a raw '<' (nor '>' or a quote), and every '&'
 *     starts one of the entities the writer uses;
 *   - an opened element is exactly <name( attr="value")*> or the same
 *     ending in '>' for void elements, with no '<', '>' or '"' inside
 *     a value, so data can neither open a tag nor leave an attribute;
 *   - no control characters other than tab and newline come out, and
 *     the output is valid UTF-8;
 *   - url_encode leaves only unreserved bytes and %XX escapes.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/parse.h"
#include "views/html.h"

static void
check_text(const char *s, size_t len)
{
	static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;",
		"&#39;" };

	for (size_t i = 0; i < len; i++) {
		FUZZ_CHECK(s[i] != '<' && s[i] != '>' && s[i] != '"' &&
		    s[i] != '\'');
		FUZZ_CHECK((unsigned char)s[i] >= 0x20 || s[i] == '\t' ||
		    s[i] == '\n');
		if (s[i] == '&') {
			bool ok = false;

			for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]);
			    k++)
				if (strncmp(s + i, ents[k], strlen(ents[k])) ==
				    0)
					ok = true;
			FUZZ_CHECK(ok);
		}
	}
	FUZZ_CHECK(text_is_utf8(s, len));
}

/* <name( attr="value")*> with escaped values. */
static void
check_open(const char *s, size_t len)
{
	size_t i = 0;

	FUZZ_CHECK(len >= 3 && s[0] == '<' && s[len - 1] == '>');
	i = 1;
	while (i < len && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= '0' && s[i] <= '9')))
		i++;
	FUZZ_CHECK(i > 1);
	while (i < len - 1) {
		size_t v;

		FUZZ_CHECK(s[i] == ' ');
		i++;
		while (i < len && ((s[i] >= 'a' && s[i] <= 'z') ||
		    s[i] == '-' || s[i] == ':'))
			i++;
		FUZZ_CHECK(i + 1 < len && s[i] == '=' && s[i + 1] == '"');
		i += 2;
		v = i;
		while (i < len && s[i] != '"')
			i++;
		FUZZ_CHECK(i < len - 1 || (i == len - 1 && s[i] == '"'));
		FUZZ_CHECK(s[i] == '"');
		check_text(s + v, i - v);
		i++;
		if (i == len - 2 && s[i] == '/')
			i++;
	}
}

static void
check_url(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			FUZZ_CHECK(i + 2 < len);
			FUZZ_CHECK(s[i + 1] != '\0' &&
			    strchr("0123456789ABCDEF", s[i + 1]) != NULL);
			FUZZ_CHECK(s[i + 2] != '\0' &&
			    strchr("0123456789ABCDEF", s[i + 2]) != NULL);
			i += 2;
			continue;
		}
		FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~');
	}
}

static const enum html_elem containers[] = { HE_DIV, HE_SPAN, HE_P, HE_A,
	HE_TD, HE_LI, HE_OPTION, HE_TEXTAREA, HE_PRE, HE_CODE, HE_LABEL,
	HE_TITLE, HE_SVGTITLE };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b, u;
	struct html h;
	const char *p = (const char *)data, *end = p + size;

	buf_init(&b, 4 * 1024 * 1024);
	buf_init(&u, 1024 * 1024);
	html_init(&h, &b);
	while (p < end) {
		const char *sep = memchr(p, 0x1f, (size_t)(end - p));
		size_t len = (size_t)((sep != NULL ? sep : end) - p);
		unsigned op = len > 0 ? (unsigned char)p[0] : 0;
		char *s = malloc(len > 0 ? len : 1);
		size_t before = buf_len(&b);
		enum html_elem e;

		FUZZ_CHECK(s != NULL);
		/* The piece without its op byte, NUL-terminated. */
		if (len > 0)
			memcpy(s, p + 1, len - 1);
		s[len > 0 ? len - 1 : 0] = '\0';
		e = containers[(op >> 3) % (sizeof(containers) /
		    sizeof(containers[0]))];
		switch (op & 7) {
		case 0:
			html_text(&h, s);
			check_text(buf_str(&b) + before, buf_len(&b) - before);
			break;
		case 1:
			html_textn(&h, p + (len > 0), len > 0 ? len - 1 : 0);
			check_text(buf_str(&b) + before, buf_len(&b) - before);
			break;
		case 2:
			if (h.depth < HTML_DEPTH_MAX - 1) {
				html_open(&h, e, "class", s, "title", s, NULL);
				check_open(buf_str(&b) + before,
				    buf_len(&b) - before);
			}
			break;
		case 3:
			buf_reset(&u);
			url_encode(&u, s);
			check_url(buf_str(&u), buf_len(&u));
			if (h.depth < HTML_DEPTH_MAX - 1) {
				before = buf_len(&b);
				html_open(&h, HE_A, "href", buf_str(&u), NULL);
				check_open(buf_str(&b) + before,
				    buf_len(&b) - before);
			}
			break;
		case 4:
			if (url_scheme_ok(s))
				FUZZ_CHECK(strncmp(s, "http://", 7) == 0 ||
				    strncmp(s, "https://", 8) == 0 ||
				    strncmp(s, "mailto:", 7) == 0);
			break;
		case 5:
			if (h.depth > 0)
				html_close(&h);
			break;
		case 6:
			if (h.depth < HTML_DEPTH_MAX - 1) {
				html_elem_text(&h, e, s);
				FUZZ_CHECK(buf_len(&b) >= before);
			}
			break;
		default:
			html_int(&h, (int64_t)len * (op & 1 ? -1 : 1));
			break;
		}
		free(s);
		if (sep == NULL)
			break;
		p = sep + 1;
	}
	html_close_all(&h);
	FUZZ_CHECK(h.depth == 0);
	FUZZ_CHECK(text_is_utf8(buf_str(&b), buf_len(&b)));
	buf_fini(&u);
	buf_fini(&b);
	return 0;
}
