/* SPDX-License-Identifier: ISC */
/*
 * A growable byte buffer with a hard maximum and a sticky error, always
 * NUL-terminated (after curl's dynbuf and SQLite's sqlite3_str).
 *
 * Appends never fail loudly: past the maximum they set AT_LIMIT once and
 * ignore further input, so a caller appends freely and checks buf_err()
 * at the end.  Fields are private by convention; use the functions.
 */
#ifndef AT_CORE_BUF_H
#define AT_CORE_BUF_H

#include <stddef.h>

#include "core/err.h"

struct buf {
	char *ptr;	 /* owned; NULL until the first append */
	size_t len;	 /* bytes used, excluding the NUL */
	size_t cap;	 /* bytes allocated */
	size_t max;	 /* hard limit on len */
	enum at_err err; /* AT_OK or AT_LIMIT, sticky */
};

/* Prepare b, empty, holding at most max bytes. */
void buf_init(struct buf *b, size_t max);
/* Free b's bytes; b may be reused after buf_init.  NULL is a no-op. */
void buf_fini(struct buf *b);
/* Empty b, keeping its allocation and clearing the sticky error. */
void buf_reset(struct buf *b);

void buf_append(struct buf *b, const void *p, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The bytes so far, NUL-terminated; never NULL (an empty buf gives ""). */
const char *buf_str(const struct buf *b);
size_t buf_len(const struct buf *b);
/* AT_OK, or AT_LIMIT if any append overflowed max. */
enum at_err buf_err(const struct buf *b);
/* Hand the bytes to the caller (free() them); b is left empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
