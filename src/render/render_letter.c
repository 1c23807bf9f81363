/* SPDX-License-Identifier: ISC */
/*
 * Letter templates: fields, filling a template into blocks, and the
 * plain-text and HTML writers.  The PDF writer is render_pdf.c.  Field
 * values are inserted once and never scanned again, so a value holding
 * "{{x}}" or "<b>" stays text.
 */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/parse.h"
#include "core/xalloc.h"

struct kv {
	char *key, *val;
};

struct item {
	struct kv *kv;
	size_t n;
};

struct list {
	char *name;
	struct item *items;
	size_t n;
};

struct render_fields {
	struct kv *kv;
	size_t n;
	struct list *lists;
	size_t nlists;
};

struct render_fields *
render_fields_new(void)
{
	return xcalloc(1, sizeof(struct render_fields));
}

static void
kv_free(struct kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].val);
	}
	free(kv);
}

void
render_fields_free(struct render_fields *f)
{
	if (f == NULL)
		return;
	kv_free(f->kv, f->n);
	for (size_t i = 0; i < f->nlists; i++) {
		for (size_t k = 0; k < f->lists[i].n; k++)
			kv_free(
			    f->lists[i].items[k].kv, f->lists[i].items[k].n);
		free(f->lists[i].items);
		free(f->lists[i].name);
	}
	free(f->lists);
	free(f);
}

static void
kv_set(struct kv **kv, size_t *n, const char *key, const char *val)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*kv)[i].key, key) == 0) {
			free((*kv)[i].val);
			(*kv)[i].val = xstrdup(val != NULL ? val : "");
			return;
		}
	*kv = xreallocarray(*kv, *n + 1, sizeof(**kv));
	(*kv)[*n].key = xstrdup(key);
	(*kv)[*n].val = xstrdup(val != NULL ? val : "");
	(*n)++;
}

static const char *
kv_get(const struct kv *kv, size_t n, const char *key, size_t klen)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(kv[i].key) == klen &&
		    strncmp(kv[i].key, key, klen) == 0)
			return kv[i].val;
	return NULL;
}

void
render_fields_set(struct render_fields *f, const char *key, const char *val)
{
	kv_set(&f->kv, &f->n, key, val);
}

static struct list *
list_get(const struct render_fields *f, const char *name, size_t len)
{
	for (size_t i = 0; i < f->nlists; i++)
		if (strlen(f->lists[i].name) == len &&
		    strncmp(f->lists[i].name, name, len) == 0)
			return &f->lists[i];
	return NULL;
}

size_t
render_fields_item_add(struct render_fields *f, const char *list)
{
	struct list *l = list_get(f, list, strlen(list));

	if (l == NULL) {
		f->lists =
		    xreallocarray(f->lists, f->nlists + 1, sizeof(*f->lists));
		l = &f->lists[f->nlists++];
		memset(l, 0, sizeof(*l));
		l->name = xstrdup(list);
	}
	l->items = xreallocarray(l->items, l->n + 1, sizeof(*l->items));
	memset(&l->items[l->n], 0, sizeof(l->items[l->n]));
	return l->n++;
}

void
render_fields_item_set(struct render_fields *f, const char *list, size_t i,
    const char *key, const char *val)
{
	struct list *l = list_get(f, list, strlen(list));

	if (l == NULL || i >= l->n)
		abort();
	kv_set(&l->items[i].kv, &l->items[i].n, key, val);
}

/* ---- documents ---- */

void
render_doc_free(struct render_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->n; i++)
		free(doc->blocks[i].text);
	free(doc->blocks);
	free(doc->title);
	free(doc);
}

static void
doc_add(struct render_doc *doc, enum render_block_kind k, const char *text)
{
	/* An address line equal to the one before it (an agency named
	 * like its government) is said once. */
	if (k == RB_ADDRESS && doc->n > 0 &&
	    doc->blocks[doc->n - 1].kind == RB_ADDRESS &&
	    strcmp(doc->blocks[doc->n - 1].text, text) == 0)
		return;
	if (doc->n == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 16;
		doc->blocks =
		    xreallocarray(doc->blocks, doc->cap, sizeof(*doc->blocks));
	}
	doc->blocks[doc->n].kind = k;
	doc->blocks[doc->n].text = xstrdup(text);
	doc->n++;
	if (k == RB_SUBJECT && doc->title == NULL)
		doc->title = xstrdup(text);
}

static const struct {
	const char *name;
	enum render_block_kind kind;
} directives[] = {
	{ "letterhead", RB_LETTERHEAD },
	{ "date", RB_DATE },
	{ "address", RB_ADDRESS },
	{ "subject", RB_SUBJECT },
	{ "heading", RB_HEADING },
	{ "item", RB_ITEM },
	{ "sign", RB_SIGN },
	{ "footer", RB_FOOTER },
};

struct fill {
	const char *name;
	const struct render_fields *f;
	const struct item *item; /* inside a section, else NULL */
	struct render_doc *doc;
	struct buf para; /* the paragraph being collected */
	struct at_diag *d;
};

/* Substitute the fields of line (len bytes) into out. */
static enum at_err
substitute(
    struct fill *x, const char *line, size_t len, long lineno, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		const char *open = NULL;
		size_t k;

		for (k = i; k + 1 < len; k++)
			if (line[k] == '{' && line[k + 1] == '{') {
				open = line + k;
				break;
			}
		if (open == NULL) {
			buf_append(out, line + i, len - i);
			break;
		}
		buf_append(out, line + i, (size_t)(open - (line + i)));
		{
			const char *name = open + 2;
			const char *end = NULL;
			const char *v = NULL;
			size_t rest = len - (size_t)(name - line);

			for (size_t j = 0; j + 1 < rest; j++)
				if (name[j] == '}' && name[j + 1] == '}') {
					end = name + j;
					break;
				}
			if (end == NULL) {
				at_diag_set(x->d, AT_EINVAL, "template",
				    "%s:%ld: \"{{\" without \"}}\"", x->name,
				    lineno);
				return AT_EINVAL;
			}
			if (x->item != NULL)
				v = kv_get(x->item->kv, x->item->n, name,
				    (size_t)(end - name));
			if (v == NULL)
				v = kv_get(x->f->kv, x->f->n, name,
				    (size_t)(end - name));
			if (v == NULL) {
				at_diag_set(x->d, AT_EINVAL, "template",
				    "%s:%ld: unknown field {{%.*s}}", x->name,
				    lineno,
				    (int)(end - name > 60 ? 60 : end - name),
				    name);
				return AT_EINVAL;
			}
			/* Values are one paragraph: newlines become spaces. */
			for (const char *p = v; *p != '\0'; p++)
				buf_putc(
				    out, *p == '\n' || *p == '\r' ? ' ' : *p);
			i = (size_t)(end + 2 - line);
		}
	}
	return AT_OK;
}

static void
flush_para(struct fill *x)
{
	if (buf_len(&x->para) > 0)
		doc_add(x->doc, RB_PARA, buf_str(&x->para));
	buf_reset(&x->para);
}

static bool
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Trim spaces at both ends of b's text into a new string. */
static char *
trimmed(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

static enum at_err
fill_line(struct fill *x, const char *line, size_t len, long lineno)
{
	struct buf b;
	enum at_err er;

	if (len > 0 && line[0] == '%')
		return AT_OK;
	if (is_blank(line, len)) {
		flush_para(x);
		return AT_OK;
	}
	buf_init(&b, RENDER_TEMPLATE_MAX * 4);
	if (line[0] == '@') {
		size_t w = strcspn(line + 1, " \t");
		size_t k;

		if (w > len - 1)
			w = len - 1;
		for (k = 0; k < sizeof(directives) / sizeof(directives[0]); k++)
			if (strlen(directives[k].name) == w &&
			    strncmp(directives[k].name, line + 1, w) == 0)
				break;
		if (k == sizeof(directives) / sizeof(directives[0])) {
			buf_fini(&b);
			return at_diag_set(x->d, AT_EINVAL, "template",
			    "%s:%ld: unknown directive @%.*s", x->name, lineno,
			    (int)(w > 40 ? 40 : w), line + 1);
		}
		flush_para(x);
		er = substitute(x, line + 1 + w, len - 1 - w, lineno, &b);
		if (er == AT_OK) {
			char *t = trimmed(buf_str(&b));

			/* A line whose fields are all empty is left out. */
			if (t[0] != '\0')
				doc_add(x->doc, directives[k].kind, t);
			free(t);
		}
		buf_fini(&b);
		return er;
	}
	er = substitute(x, line, len, lineno, &b);
	if (er == AT_OK) {
		char *t = trimmed(buf_str(&b));

		if (buf_len(&x->para) > 0 && t[0] != '\0')
			buf_putc(&x->para, ' ');
		buf_puts(&x->para, t);
		free(t);
	}
	buf_fini(&b);
	return er;
}

/* The section name of a "{{#name}}" or "{{/name}}" line, or NULL. */
static const char *
section_mark(const char *line, size_t len, char which, size_t *nlen)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len < 6 || line[0] != '{' || line[1] != '{' || line[2] != which ||
	    line[len - 1] != '}' || line[len - 2] != '}')
		return NULL;
	*nlen = len - 5;
	return line + 3;
}

enum at_err
render_letter_fill(const char *name, const char *tmpl, size_t len,
    const struct render_fields *f, struct render_doc **out, struct at_diag *d)
{
	struct fill x;
	struct render_doc *doc = NULL;
	enum at_err er = AT_OK;
	const char *p = tmpl, *end = tmpl + len;
	long lineno = 0;

	if (len > RENDER_TEMPLATE_MAX)
		return at_diag_set(d, AT_LIMIT, "template",
		    "%s is larger than %u bytes", name, RENDER_TEMPLATE_MAX);
	if (!text_is_clean(tmpl, len, true))
		return at_diag_set(d, AT_EINVAL, "template",
		    "%s has bad UTF-8 or control characters", name);
	doc = xcalloc(1, sizeof(*doc));
	memset(&x, 0, sizeof(x));
	x.name = name;
	x.f = f;
	x.doc = doc;
	x.d = d;
	buf_init(&x.para, RENDER_TEMPLATE_MAX * 4);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		const char *sec;
		size_t slen;

		lineno++;
		if (ll > 0 && p[ll - 1] == '\r')
			ll--;
		sec = section_mark(p, ll, '#', &slen);
		if (sec != NULL) {
			const struct list *l = list_get(f, sec, slen);
			const char *body = nl != NULL ? nl + 1 : end;
			const char *q = body, *close = NULL, *after = end;
			long startline = lineno, nbody = 0;

			/* Find the closing line; sections do not nest. */
			while (q < end) {
				const char *qn =
				    memchr(q, '\n', (size_t)(end - q));
				size_t ql = qn != NULL ? (size_t)(qn - q)
				                       : (size_t)(end - q);
				size_t cl;
				const char *cs;

				if (ql > 0 && q[ql - 1] == '\r')
					ql--;
				cs = section_mark(q, ql, '/', &cl);
				if (cs != NULL) {
					if (cl != slen ||
					    strncmp(cs, sec, slen) != 0) {
						er = at_diag_set(d, AT_EINVAL,
						    "template",
						    "%s:%ld: {{/%.*s}} closes "
						    "{{#%.*s}}",
						    name, startline + nbody + 1,
						    (int)cl, cs, (int)slen,
						    sec);
						goto out;
					}
					close = q;
					after = qn != NULL ? qn + 1 : end;
					break;
				}
				if (section_mark(q, ql, '#', &cl) != NULL) {
					er = at_diag_set(d, AT_EINVAL,
					    "template",
					    "%s:%ld: sections do not nest",
					    name, startline + nbody + 1);
					goto out;
				}
				nbody++;
				q = qn != NULL ? qn + 1 : end;
			}
			if (close == NULL) {
				er = at_diag_set(d, AT_EINVAL, "template",
				    "%s:%ld: {{#%.*s}} is never closed", name,
				    startline, (int)slen, sec);
				goto out;
			}
			for (size_t it = 0; l != NULL && it < l->n; it++) {
				const char *r = body;
				long ln = startline;

				x.item = &l->items[it];
				while (r < close) {
					const char *rn = memchr(
					    r, '\n', (size_t)(close - r));
					size_t rl = rn != NULL
					    ? (size_t)(rn - r)
					    : (size_t)(close - r);

					if (rl > 0 && r[rl - 1] == '\r')
						rl--;
					ln++;
					er = fill_line(&x, r, rl, ln);
					if (er != AT_OK)
						goto out;
					r = rn != NULL ? rn + 1 : close;
				}
				flush_para(&x);
			}
			x.item = NULL;
			lineno += nbody + 1;
			p = after;
			continue;
		}
		if (section_mark(p, ll, '/', &slen) != NULL) {
			er = at_diag_set(d, AT_EINVAL, "template",
			    "%s:%ld: {{/%.*s}} without {{#%.*s}}", name, lineno,
			    (int)slen, p + 3, (int)slen, p + 3);
			goto out;
		}
		er = fill_line(&x, p, ll, lineno);
		if (er != AT_OK)
			goto out;
		p = nl != NULL ? nl + 1 : end;
	}
	flush_para(&x);
	if (buf_err(&x.para) != AT_OK) {
		er = at_diag_set(d, AT_LIMIT, "template",
		    "%s: a paragraph is too long", name);
		goto out;
	}
	if (doc->title == NULL)
		doc->title = xstrdup("Letter");
	*out = doc;
	doc = NULL;
out:
	buf_fini(&x.para);
	render_doc_free(doc);
	return er;
}

/* ---- plain text ---- */

#define TEXT_WIDTH 72

/* Display width of s[0..len): code points, not bytes. */
static size_t
cols(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Word-wrap text to width with first-line prefix first and later-line
 * prefix rest. */
static void
wrap(struct buf *out, const char *text, const char *first, const char *rest,
    size_t width)
{
	const char *p = text;
	size_t col = 0;
	bool line_start = true;

	buf_puts(out, first);
	col = cols(first, strlen(first));
	while (*p != '\0') {
		size_t wl;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		wl = strcspn(p, " ");
		if (!line_start && col + 1 + cols(p, wl) > width) {
			buf_putc(out, '\n');
			buf_puts(out, rest);
			col = cols(rest, strlen(rest));
			line_start = true;
		}
		if (!line_start) {
			buf_putc(out, ' ');
			col++;
		}
		buf_append(out, p, wl);
		col += cols(p, wl);
		line_start = false;
		p += wl;
	}
	buf_putc(out, '\n');
}

/* Kinds whose consecutive blocks stand without a blank line between. */
static bool
grouped(enum render_block_kind k)
{
	return k == RB_LETTERHEAD || k == RB_ADDRESS || k == RB_SIGN;
}

void
render_letter_text(const struct render_doc *doc, struct buf *out)
{
	for (size_t i = 0; i < doc->n; i++) {
		const struct render_block *b = &doc->blocks[i];
		bool same = i > 0 && doc->blocks[i - 1].kind == b->kind &&
		    grouped(b->kind);

		if (i > 0 && !same)
			buf_putc(out, '\n');
		switch (b->kind) {
		case RB_LETTERHEAD: {
			size_t w = cols(b->text, strlen(b->text));

			for (size_t k = 0;
			     w < TEXT_WIDTH && k < (TEXT_WIDTH - w) / 2; k++)
				buf_putc(out, ' ');
			buf_puts(out, b->text);
			buf_putc(out, '\n');
			if (i + 1 < doc->n &&
			    doc->blocks[i + 1].kind != RB_LETTERHEAD) {
				for (size_t k = 0; k < TEXT_WIDTH; k++)
					buf_putc(out, '=');
				buf_putc(out, '\n');
			}
			break;
		}
		case RB_ITEM:
			wrap(out, b->text, "  - ", "    ", TEXT_WIDTH);
			break;
		case RB_DATE:
		case RB_ADDRESS:
		case RB_SUBJECT:
		case RB_HEADING:
		case RB_PARA:
		case RB_SIGN:
		case RB_FOOTER:
			wrap(out, b->text, "", "", TEXT_WIDTH);
			break;
		case RB__MAX:
		default:
			abort();
		}
	}
}

/* ---- HTML ---- */

void
render_html_escape(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&#39;");
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

static const char *const html_open[RB__MAX] = {
	[RB_LETTERHEAD] = "<p class=\"letterhead\">",
	[RB_DATE] = "<p class=\"date\">",
	[RB_ADDRESS] = "<span class=\"address\">",
	[RB_SUBJECT] = "<p class=\"subject\"><strong>",
	[RB_HEADING] = "<h2>",
	[RB_PARA] = "<p>",
	[RB_ITEM] = "<li>",
	[RB_SIGN] = "<span class=\"sign\">",
	[RB_FOOTER] = "<p class=\"footer\">",
};
static const char *const html_close[RB__MAX] = {
	[RB_LETTERHEAD] = "</p>\n",
	[RB_DATE] = "</p>\n",
	[RB_ADDRESS] = "</span><br>\n",
	[RB_SUBJECT] = "</strong></p>\n",
	[RB_HEADING] = "</h2>\n",
	[RB_PARA] = "</p>\n",
	[RB_ITEM] = "</li>\n",
	[RB_SIGN] = "</span><br>\n",
	[RB_FOOTER] = "</p>\n",
};

void
render_letter_html(const struct render_doc *doc, struct buf *out)
{
	buf_puts(out,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	render_html_escape(out, doc->title != NULL ? doc->title : "Letter");
	buf_puts(out,
	    "</title>\n<style>\n"
	    "body{font-family:'DejaVu Serif',serif;max-width:40em;"
	    "margin:2em auto;line-height:1.4}\n"
	    ".letterhead{text-align:center;font-family:'DejaVu Sans',"
	    "sans-serif;font-weight:bold;margin:0}\n"
	    "header{border-bottom:2px solid #000;padding-bottom:.5em;"
	    "margin-bottom:1.5em}\n"
	    "address{font-style:normal;margin:1em 0}\n"
	    ".sign{display:inline}\n.footer{font-size:.8em}\n"
	    "</style>\n</head>\n<body>\n");
	for (size_t i = 0; i < doc->n; i++) {
		const struct render_block *b = &doc->blocks[i];
		enum render_block_kind prev =
		    i > 0 ? doc->blocks[i - 1].kind : RB__MAX;
		enum render_block_kind next =
		    i + 1 < doc->n ? doc->blocks[i + 1].kind : RB__MAX;

		if (b->kind != prev) {
			if (b->kind == RB_LETTERHEAD)
				buf_puts(out, "<header>\n");
			else if (b->kind == RB_ADDRESS)
				buf_puts(out, "<address>\n");
			else if (b->kind == RB_ITEM)
				buf_puts(out, "<ul>\n");
			else if (b->kind == RB_SIGN)
				buf_puts(out, "<p class=\"signature\">\n");
		}
		if ((int)b->kind < 0 || b->kind >= RB__MAX)
			abort();
		buf_puts(out, html_open[b->kind]);
		render_html_escape(out, b->text);
		buf_puts(out, html_close[b->kind]);
		if (b->kind != next) {
			if (b->kind == RB_LETTERHEAD)
				buf_puts(out, "</header>\n");
			else if (b->kind == RB_ADDRESS)
				buf_puts(out, "</address>\n");
			else if (b->kind == RB_ITEM)
				buf_puts(out, "</ul>\n");
			else if (b->kind == RB_SIGN)
				buf_puts(out, "</p>\n");
		}
	}
	buf_puts(out, "</body>\n</html>\n");
}
