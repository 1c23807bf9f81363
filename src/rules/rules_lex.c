/* SPDX-License-Identifier: ISC */
/*
 * The rules language's surface: a bump arena, the tokenizer and the
 * generic statement tree (keyword, arguments, optional block) that
 * rules_parse.c gives meaning to.  Errors carry FILE:LINE:COLUMN.
 *
 * It knows nothing about requirements or facts; it only checks that the
 * text is well formed (words, strings, key=value, balanced braces).
 */
#include "rules/rules_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "core/xalloc.h"

#define CHUNK	      (64u * 1024u)
#define STRING_MAX    20000u
#define ARGS_MAX      256u
#define DEPTH_MAX     16

struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[]; /* cap bytes */
};

struct rules_arena {
	struct chunk *head;
};

struct rules_arena *
rarena_new(void)
{
	return xcalloc(1, sizeof(struct rules_arena));
}

void
rarena_free(struct rules_arena *a)
{
	struct chunk *c, *n;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

/* n bytes aligned to al (a power of two), not cleared. */
static void *
bump(struct rules_arena *a, size_t n, size_t al)
{
	struct chunk *c = a->head;
	void *p;

	if (c != NULL)
		c->used = (c->used + al - 1) & ~(al - 1);
	if (c == NULL || c->used > c->cap || c->cap - c->used < n) {
		size_t cap = n > CHUNK ? n : CHUNK;

		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *
rarena_alloc(struct rules_arena *a, size_t n)
{
	void *p = bump(a, n == 0 ? 1 : n, sizeof(max_align_t));

	memset(p, 0, n);
	return p;
}

/* Strings need no alignment nor clearing: facts copy millions. */
char *
rarena_strndup(struct rules_arena *a, const char *s, size_t n)
{
	char *p = bump(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
rarena_strdup(struct rules_arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return rarena_strndup(a, s, strlen(s));
}

char *
rarena_printf(struct rules_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[512];
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return rarena_strdup(a, "");
	if ((size_t)n < sizeof(small))
		return rarena_strndup(a, small, (size_t)n);
	p = rarena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	n = vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		p[0] = '\0';
	return p;
}

int32_t
rl_day(struct at_date d)
{
	return (int32_t)at_date_to_days(d);
}

enum at_err
rl_day_parse(const char *s, int32_t dflt, int32_t *out)
{
	struct at_date d;

	if (s == NULL || s[0] == '\0') {
		*out = dflt;
		return AT_OK;
	}
	if (at_date_parse_str(s, &d) != AT_OK)
		return AT_EINVAL;
	*out = rl_day(d);
	return AT_OK;
}

enum at_err
rl_error(struct at_diag *d, const struct rl_loc *loc, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (d == NULL)
		return AT_EINVAL;
	at_diag_clear(d);
	rc = snprintf(d->file, sizeof(d->file), "%s",
	    loc->file != NULL ? loc->file : "");
	if (rc < 0)
		d->file[0] = '\0';
	d->line = loc->line;
	d->column = loc->col;
	va_start(ap, fmt);
	rc = vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	if (rc < 0)
		d->msg[0] = '\0';
	return AT_EINVAL;
}

/* ---- tokens ---- */

enum tok { T_EOF, T_NL, T_WORD, T_STRING, T_EQ, T_LBRACE, T_RBRACE };

struct lexer {
	struct rules_arena *a;
	const char *file;
	const char *p, *end;
	long line, col;
	/* the current token */
	enum tok t;
	const char *val;
	struct rl_loc loc;
	struct at_diag *d;
};

static bool
is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' ||
	    c == '*' || c == ',' || c == '-' || c == '/' || c == '+' ||
	    c == ';';
}

static void
adv(struct lexer *l)
{
	if (*l->p == '\n') {
		l->line++;
		l->col = 1;
	} else if (((unsigned char)*l->p & 0xc0) != 0x80)
		l->col++; /* count characters, not UTF-8 continuation bytes */
	l->p++;
}

static enum at_err
lex_string(struct lexer *l)
{
	char *out = rarena_alloc(l->a, STRING_MAX + 1);
	size_t n = 0;

	adv(l); /* the opening quote */
	for (;;) {
		if (l->p >= l->end || *l->p == '\n') {
			return rl_error(l->d, &l->loc,
			    "unterminated string (strings end on the same line)");
		}
		if (*l->p == '"') {
			adv(l);
			break;
		}
		if (*l->p == '\\') {
			struct rl_loc esc = { l->file, l->line, l->col };

			adv(l);
			if (l->p >= l->end || (*l->p != '"' && *l->p != '\\'))
				return rl_error(l->d, &esc,
				    "unknown escape (only \\\" and \\\\)");
		}
		if (n >= STRING_MAX)
			return rl_error(l->d, &l->loc,
			    "string longer than %u bytes", STRING_MAX);
		out[n++] = *l->p;
		adv(l);
	}
	out[n] = '\0';
	if (!text_is_clean(out, n, false))
		return rl_error(l->d, &l->loc,
		    "string holds bad UTF-8 or a control character");
	l->val = out;
	l->t = T_STRING;
	return AT_OK;
}

/* Read the next token into l. */
static enum at_err
next(struct lexer *l)
{
	for (;;) {
		while (l->p < l->end && (*l->p == ' ' || *l->p == '\t' ||
					    *l->p == '\r'))
			adv(l);
		if (l->p < l->end && *l->p == '#') {
			while (l->p < l->end && *l->p != '\n')
				adv(l);
			continue;
		}
		break;
	}
	l->loc.file = l->file;
	l->loc.line = l->line;
	l->loc.col = l->col;
	l->val = NULL;
	if (l->p >= l->end) {
		l->t = T_EOF;
		return AT_OK;
	}
	switch (*l->p) {
	case '\n':
		adv(l);
		l->t = T_NL;
		return AT_OK;
	case '=':
		adv(l);
		l->t = T_EQ;
		return AT_OK;
	case '{':
		adv(l);
		l->t = T_LBRACE;
		return AT_OK;
	case '}':
		adv(l);
		l->t = T_RBRACE;
		return AT_OK;
	case '"':
		return lex_string(l);
	default:
		break;
	}
	if (is_word((unsigned char)*l->p)) {
		const char *s = l->p;

		while (l->p < l->end && is_word((unsigned char)*l->p))
			adv(l);
		l->val = rarena_strndup(l->a, s, (size_t)(l->p - s));
		l->t = T_WORD;
		return AT_OK;
	}
	if ((unsigned char)*l->p < 0x20 || *l->p == 0x7f)
		return rl_error(l->d, &l->loc,
		    "control character 0x%02x is not allowed",
		    (unsigned)(unsigned char)*l->p);
	if ((unsigned char)*l->p >= 0x80)
		return rl_error(l->d, &l->loc,
		    "non-ASCII text must be inside a \"string\"");
	return rl_error(l->d, &l->loc, "unexpected character '%c'", *l->p);
}

static enum at_err parse_block(struct lexer *l, int depth,
    const struct rl_loc *open, struct rl_stmt **out);

static enum at_err
parse_stmt(struct lexer *l, int depth, struct rl_stmt **out)
{
	struct rl_arg args[ARGS_MAX];
	struct rl_stmt *st;
	enum at_err er;

	st = rarena_alloc(l->a, sizeof(*st));
	st->kw = l->val;
	st->loc = l->loc;
	er = next(l);
	while (er == AT_OK && (l->t == T_WORD || l->t == T_STRING)) {
		struct rl_arg *g = &args[st->nargs];

		if (st->nargs >= ARGS_MAX)
			return rl_error(l->d, &l->loc,
			    "more than %u arguments", ARGS_MAX);
		memset(g, 0, sizeof(*g));
		g->loc = l->loc;
		g->val = l->val;
		g->quoted = l->t == T_STRING;
		er = next(l);
		if (er != AT_OK)
			return er;
		if (l->t == T_EQ) {
			if (g->quoted)
				return rl_error(l->d, &g->loc,
				    "a key before '=' must be a word");
			g->key = g->val;
			er = next(l);
			if (er != AT_OK)
				return er;
			if (l->t != T_WORD && l->t != T_STRING)
				return rl_error(l->d, &l->loc,
				    "expected a value after '%s='", g->key);
			g->val = l->val;
			g->quoted = l->t == T_STRING;
			er = next(l);
		}
		st->nargs++;
	}
	if (er != AT_OK)
		return er;
	if (st->nargs > 0) {
		st->args = rarena_alloc(l->a, st->nargs * sizeof(*st->args));
		memcpy(st->args, args, st->nargs * sizeof(*st->args));
	}
	switch (l->t) {
	case T_LBRACE: {
		struct rl_loc open = l->loc;

		if (depth + 1 > DEPTH_MAX)
			return rl_error(l->d, &l->loc,
			    "blocks nested deeper than %d", DEPTH_MAX);
		st->has_block = true;
		er = next(l);
		if (er != AT_OK)
			return er;
		er = parse_block(l, depth + 1, &open, &st->child);
		if (er != AT_OK)
			return er;
		/* l is now just past the closing brace */
		er = next(l);
		if (er != AT_OK)
			return er;
		if (l->t != T_NL && l->t != T_EOF && l->t != T_RBRACE)
			return rl_error(l->d, &l->loc,
			    "expected the end of the line after '}'");
		break;
	}
	case T_NL:
	case T_EOF:
	case T_RBRACE:
		break;
	case T_EQ:
		return rl_error(l->d, &l->loc, "unexpected '='");
	case T_WORD:
	case T_STRING:
	default:
		abort();
	}
	*out = st;
	return AT_OK;
}

/* Statements until '}' (depth > 0) or the end (depth 0).  On return
 * for depth > 0 the current token is the closing brace. */
static enum at_err
parse_block(struct lexer *l, int depth, const struct rl_loc *open,
    struct rl_stmt **out)
{
	struct rl_stmt *head = NULL, **tail = &head, *st;
	enum at_err er;

	for (;;) {
		while (l->t == T_NL) {
			er = next(l);
			if (er != AT_OK)
				return er;
		}
		if (l->t == T_EOF) {
			if (depth > 0)
				return rl_error(l->d, open,
				    "this '{' is never closed");
			break;
		}
		if (l->t == T_RBRACE) {
			if (depth == 0)
				return rl_error(l->d, &l->loc,
				    "'}' without a matching '{'");
			break;
		}
		if (l->t != T_WORD)
			return rl_error(l->d, &l->loc,
			    "expected a keyword at the start of a statement");
		st = NULL;
		er = parse_stmt(l, depth, &st);
		if (er != AT_OK)
			return er;
		if (st == NULL)
			abort();
		*tail = st;
		tail = &st->next;
	}
	*out = head;
	return AT_OK;
}

enum at_err
rl_lex_parse(struct rules_arena *a, const char *file, const char *text,
    size_t len, struct rl_stmt **out, struct at_diag *d)
{
	struct lexer l;
	enum at_err er;

	memset(&l, 0, sizeof(l));
	l.a = a;
	l.file = rarena_strdup(a, file);
	l.p = text;
	l.end = text + len;
	l.line = 1;
	l.col = 1;
	l.d = d;
	if (memchr(text, '\0', len) != NULL) {
		struct rl_loc z = { l.file, 1, 1 };

		return rl_error(d, &z, "file contains a NUL byte");
	}
	er = next(&l);
	if (er != AT_OK)
		return er;
	return parse_block(&l, 0, NULL, out);
}
