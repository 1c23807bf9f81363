/* SPDX-License-Identifier: ISC */
/*
 * Growable buffer with a hard maximum (see buf.h).
 */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

void
buf_fini(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->err = AT_OK;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = AT_OK;
	if (b->ptr != NULL)
		b->ptr[0] = '\0';
}

/* Make room for n more bytes plus the NUL; false (and AT_LIMIT) if that
 * would pass the maximum. */
static int
grow(struct buf *b, size_t n)
{
	size_t need, cap;

	if (b->err != AT_OK)
		return 0;
	if (n > b->max || b->len > b->max - n) {
		b->err = AT_LIMIT;
		return 0;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return 1;
	cap = b->cap == 0 ? 64 : b->cap;
	while (cap < need)
		cap = cap > (b->max + 1) / 2 ? b->max + 1 : cap * 2;
	b->ptr = xreallocarray(b->ptr, cap, 1);
	b->cap = cap;
	return 1;
}

void
buf_append(struct buf *b, const void *p, size_t len)
{
	if (!grow(b, len))
		return;
	if (len > 0)
		memcpy(b->ptr + b->len, p, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int rc;

	va_start(ap, fmt);
	rc = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (rc < 0) {
		b->err = AT_LIMIT;
		return;
	}
	if ((size_t)rc < sizeof(small)) {
		buf_append(b, small, (size_t)rc);
		return;
	}
	if (!grow(b, (size_t)rc))
		return;
	va_start(ap, fmt);
	rc = vsnprintf(b->ptr + b->len, (size_t)rc + 1, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		b->err = AT_LIMIT;
		return;
	}
	b->len += (size_t)rc;
}

const char *
buf_str(const struct buf *b)
{
	return b->ptr == NULL ? "" : b->ptr;
}

size_t
buf_len(const struct buf *b)
{
	return b->len;
}

enum at_err
buf_err(const struct buf *b)
{
	return b->err;
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p;

	p = b->ptr == NULL ? xstrdup("") : b->ptr;
	if (len != NULL)
		*len = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}
