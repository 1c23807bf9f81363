/* SPDX-License-Identifier: ISC */
/*
 * The one error enum of attest, and the diagnostic a user sees.
 *
 * Fallible functions return an enum at_err and write results through
 * trailing out-parameters.  Detail meant for a person (which file, line,
 * field and why) goes into an optional struct at_diag, filled once where
 * the problem is found.  Nothing here prints.
 */
#ifndef AT_CORE_ERR_H
#define AT_CORE_ERR_H

#include <stddef.h>

enum at_err {
	AT_OK = 0,
	AT_EINVAL,   /* input is malformed or violates a rule */
	AT_NOTFOUND, /* the named record does not exist */
	AT_CONFLICT, /* the record exists already, or a state forbids it */
	AT_DENIED,   /* the actor may not do this */
	AT_LIMIT,    /* a size or count limit was reached */
	AT_DB,       /* the storage backend failed */
	AT_IO,       /* a file or socket operation failed */
	AT_TAMPER,   /* stored integrity data does not match */
	AT_ERR__MAX
};

/* Location and reason of a user-facing error.  All fields are owned
 * arrays, so a diag can be copied and needs no freeing. */
struct at_diag {
	char file[256];	 /* input file, or "" */
	long line;	 /* 1-based line, 0 if none */
	long column;	 /* 1-based column, 0 if none */
	char field[64];	 /* field or column name, or "" */
	char msg[512];	 /* the reason, one sentence, no trailing newline */
};

/* One-line English description of er; never NULL. */
const char *at_strerror(enum at_err er);

/* Reset d to empty.  d may be NULL. */
void at_diag_clear(struct at_diag *d);

/*
 * Set the field name and a printf-style reason; keeps file and line.
 * d may be NULL (then nothing happens).  Returns er so callers can
 * write "return at_diag_set(d, AT_EINVAL, "date", "...")".
 */
enum at_err at_diag_set(struct at_diag *d, enum at_err er, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Format d as "FILE:LINE: field NAME: reason" (parts omitted when empty)
 * into out of size n.  Always NUL-terminates when n > 0. */
void at_diag_format(const struct at_diag *d, char *out, size_t n);

#endif
