/* SPDX-License-Identifier: ISC */
/*
 * Allocation wrappers that abort on failure (see xalloc.h for why).
 */
#include "core/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void
at_oom(void)
{
	fputs("attest: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p;

	p = malloc(n == 0 ? 1 : n);
	if (p == NULL)
		at_oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	p = calloc(nmemb == 0 ? 1 : nmemb, size == 0 ? 1 : size);
	if (p == NULL)
		at_oom();
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	void *q;

	if (size != 0 && nmemb > SIZE_MAX / size)
		at_oom();
	q = realloc(p, nmemb * size == 0 ? 1 : nmemb * size);
	if (q == NULL)
		at_oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
