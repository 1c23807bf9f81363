/* SPDX-License-Identifier: ISC */
/*
 * Error strings and diagnostics.  Formatting only; printing is left to
 * the front end that handles the error.
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const errstr[AT_ERR__MAX] = {
	[AT_OK] = "success",
	[AT_EINVAL] = "invalid input",
	[AT_NOTFOUND] = "not found",
	[AT_CONFLICT] = "conflict",
	[AT_DENIED] = "permission denied",
	[AT_LIMIT] = "limit exceeded",
	[AT_DB] = "storage error",
	[AT_IO] = "input/output error",
	[AT_TAMPER] = "integrity check failed",
};

const char *
at_strerror(enum at_err er)
{
	if ((int)er < 0 || er >= AT_ERR__MAX)
		return "unknown error";
	return errstr[er];
}

void
at_diag_clear(struct at_diag *d)
{
	if (d != NULL)
		memset(d, 0, sizeof(*d));
}

static void
copy_trunc(char *dst, size_t n, const char *src)
{
	size_t len;

	if (src == NULL)
		src = "";
	len = strlen(src);
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

enum at_err
at_diag_set(struct at_diag *d, enum at_err er, const char *field,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (d == NULL)
		return er;
	copy_trunc(d->field, sizeof(d->field), field);
	va_start(ap, fmt);
	rc = vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	if (rc < 0)
		d->msg[0] = '\0';
	return er;
}

void
at_diag_format(const struct at_diag *d, char *out, size_t n)
{
	char loc[320] = "";
	int rc;

	if (n == 0)
		return;
	if (d->file[0] != '\0' && d->line > 0 && d->column > 0)
		rc = snprintf(loc, sizeof(loc), "%s:%ld:%ld: ", d->file,
		    d->line, d->column);
	else if (d->file[0] != '\0' && d->line > 0)
		rc = snprintf(loc, sizeof(loc), "%s:%ld: ", d->file, d->line);
	else if (d->file[0] != '\0')
		rc = snprintf(loc, sizeof(loc), "%s: ", d->file);
	else
		rc = 0;
	if (rc < 0)
		loc[0] = '\0';
	if (d->field[0] != '\0')
		rc = snprintf(out, n, "%sfield %s: %s", loc, d->field, d->msg);
	else
		rc = snprintf(out, n, "%s%s", loc, d->msg);
	if (rc < 0)
		out[0] = '\0';
}
