/* SPDX-License-Identifier: ISC */
/*
 * Allocation that cannot fail: out of memory prints one line and aborts.
 * attest is an application and all input is size-capped, so running out
 * of memory is an operations fault, not a case to recover from.
 */
#ifndef AT_CORE_XALLOC_H
#define AT_CORE_XALLOC_H

#include <stddef.h>

/* Print "attest: out of memory" and abort.  Never returns. */
_Noreturn void at_oom(void);

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* realloc of nmemb * size bytes, with the multiplication checked. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy of the first len bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t len);

#endif
