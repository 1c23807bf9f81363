/* SPDX-License-Identifier: ISC */
/*
 * The escaping HTML writer (see html.h).
 */
#include "views/html.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static const struct {
	const char *name;
	bool is_void;
} elems[HE__MAX] = {
	[HE_HTML] = { "html", false }, [HE_HEAD] = { "head", false },
	[HE_TITLE] = { "title", false }, [HE_META] = { "meta", true },
	[HE_LINK] = { "link", true }, [HE_BODY] = { "body", false },
	[HE_HEADER] = { "header", false }, [HE_NAV] = { "nav", false },
	[HE_MAIN] = { "main", false }, [HE_FOOTER] = { "footer", false },
	[HE_SECTION] = { "section", false }, [HE_DIV] = { "div", false },
	[HE_SPAN] = { "span", false }, [HE_P] = { "p", false },
	[HE_A] = { "a", false }, [HE_H1] = { "h1", false },
	[HE_H2] = { "h2", false }, [HE_H3] = { "h3", false },
	[HE_UL] = { "ul", false }, [HE_OL] = { "ol", false },
	[HE_LI] = { "li", false }, [HE_DL] = { "dl", false },
	[HE_DT] = { "dt", false }, [HE_DD] = { "dd", false },
	[HE_TABLE] = { "table", false }, [HE_CAPTION] = { "caption", false },
	[HE_THEAD] = { "thead", false }, [HE_TBODY] = { "tbody", false },
	[HE_TR] = { "tr", false }, [HE_TH] = { "th", false },
	[HE_TD] = { "td", false }, [HE_FORM] = { "form", false },
	[HE_FIELDSET] = { "fieldset", false },
	[HE_LEGEND] = { "legend", false }, [HE_LABEL] = { "label", false },
	[HE_INPUT] = { "input", true }, [HE_SELECT] = { "select", false },
	[HE_OPTION] = { "option", false }, [HE_BUTTON] = { "button", false },
	[HE_TEXTAREA] = { "textarea", false },
	[HE_STRONG] = { "strong", false }, [HE_EM] = { "em", false },
	[HE_SMALL] = { "small", false }, [HE_CODE] = { "code", false },
	[HE_PRE] = { "pre", false }, [HE_TIME] = { "time", false },
	[HE_BR] = { "br", true }, [HE_SVG] = { "svg", false },
	[HE_G] = { "g", false }, [HE_PATH] = { "path", false },
	[HE_SVGTITLE] = { "title", false },
	[HE_DETAILS] = { "details", false }, [HE_SUMMARY] = { "summary", false },
	/* SVG shapes are closed explicitly: inside <svg> the HTML parser
	 * knows no void elements. */
	[HE_RECT] = { "rect", false }, [HE_LINE] = { "line", false },
	[HE_SVGTEXT] = { "text", false }, [HE_POLYLINE] = { "polyline", false },
};

void
html_init(struct html *h, struct buf *b)
{
	h->b = b;
	h->depth = 0;
}

/* Length of the valid UTF-8 sequence at s (at most len bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;

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
	{
		unsigned cp = c & (0x7f >> n);

		for (size_t i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return n;
}

void
html_escape(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	while (i < len) {
		unsigned char c = p[i];
		const char *rep = NULL;
		size_t n = 1;

		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			if (c < 0x20 && c != '\n' && c != '\t')
				rep = ""; /* control characters: dropped */
			else if (c == 0x7f)
				rep = "";
			else if (c >= 0x80) {
				n = utf8_len(p + i, len - i);
				if (n == 0) {
					rep = "\xef\xbf\xbd"; /* U+FFFD */
					n = 1;
				}
			}
			break;
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
}

static void
put_attr(struct html *h, const char *name, const char *val)
{
	buf_putc(h->b, ' ');
	html_escape(h->b, name, strlen(name));
	buf_puts(h->b, "=\"");
	html_escape(h->b, val, strlen(val));
	buf_putc(h->b, '"');
}

static void
push(struct html *h, enum html_elem e)
{
	assert(e < HE__MAX);
	if (elems[e].is_void) {
		buf_puts(h->b, ">");
		return;
	}
	buf_putc(h->b, '>');
	if (h->depth >= HTML_DEPTH_MAX)
		abort();
	h->stack[h->depth++] = e;
}

void
html_open(struct html *h, enum html_elem e, ...)
{
	va_list ap;
	const char *name, *val;

	buf_putc(h->b, '<');
	buf_puts(h->b, elems[e].name);
	va_start(ap, e);
	while ((name = va_arg(ap, const char *)) != NULL) {
		val = va_arg(ap, const char *);
		if (val == NULL)
			break;
		put_attr(h, name, val);
	}
	va_end(ap);
	push(h, e);
}

void
html_openv(struct html *h, enum html_elem e, const char *const *names,
    const char *const *vals, size_t n)
{
	buf_putc(h->b, '<');
	buf_puts(h->b, elems[e].name);
	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL && vals[i] != NULL)
			put_attr(h, names[i], vals[i]);
	push(h, e);
}

void
html_close(struct html *h)
{
	if (h->depth == 0)
		return;
	h->depth--;
	buf_puts(h->b, "</");
	buf_puts(h->b, elems[h->stack[h->depth]].name);
	buf_putc(h->b, '>');
}

void
html_close_to(struct html *h, enum html_elem e)
{
	while (h->depth > 0) {
		enum html_elem top = h->stack[h->depth - 1];

		html_close(h);
		if (top == e)
			break;
	}
}

void
html_close_all(struct html *h)
{
	while (h->depth > 0)
		html_close(h);
}

void
html_text(struct html *h, const char *s)
{
	if (s != NULL)
		html_escape(h->b, s, strlen(s));
}

void
html_textn(struct html *h, const char *s, size_t len)
{
	if (s != NULL)
		html_escape(h->b, s, len);
}

void
html_int(struct html *h, int64_t v)
{
	buf_printf(h->b, "%lld", (long long)v);
}

void
html_elem_text(struct html *h, enum html_elem e, const char *s)
{
	html_open(h, e, NULL);
	html_text(h, s);
	html_close(h);
}

void
html_raw_(struct html *h, const char *lit, size_t len)
{
	buf_append(h->b, lit, len);
}

void
url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	    p++) {
		unsigned char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			buf_putc(b, (char)c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

bool
url_scheme_ok(const char *url)
{
	return url != NULL && (strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0 || strncmp(url, "mailto:", 7) == 0);
}
