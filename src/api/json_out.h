/* SPDX-License-Identifier: ISC */
/*
 * A small streaming JSON writer straight into a struct buf, for list
 * responses (jansson's object building costs four times the query for
 * 50 rows; ../shared/PERF.md).  Strings are escaped on every byte:
 * quotes, backslashes and control characters as JSON escapes, < > &
 * and U+2028/2029 as \u escapes (inert if the JSON lands in HTML), and
 * bad UTF-8 as U+FFFD.  Structure (commas, nesting) is the caller's.
 */
#ifndef AT_API_JSON_OUT_H
#define AT_API_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* s as a JSON string, quotes included; NULL writes null. */
void json_put_str(struct buf *b, const char *s);
void json_put_strn(struct buf *b, const char *s, size_t len);
/* "key": */
void json_put_key(struct buf *b, const char *key);
void json_put_int(struct buf *b, int64_t v);

#endif
