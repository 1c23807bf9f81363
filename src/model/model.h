/* SPDX-License-Identifier: ISC */
/*
 * The domain entities of attest (DESIGN.md section 2), described as
 * tables of typed fields, and their validation.
 *
 * Every entity kind has one descriptor: its fields in a fixed order (the
 * column order of its table and of its CSV), each with a type, whether it
 * is required, its maximum length and, for references, the kind it
 * points to.  One validator per field type plus one cross-field check per
 * kind give the same rules to the CLI import, the web forms and the API,
 * and the same descriptor drives the store's statements, the CSV export
 * and the JSON output, so a new field is added in one place.
 *
 * This module does no I/O.  Whether a referenced record exists is asked
 * through a callback, so the caller decides where records live.
 */
#ifndef AT_MODEL_MODEL_H
#define AT_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

enum model_kind {
	KIND_JURISDICTION,
	KIND_AGENCY,
	KIND_PROGRAM,
	KIND_AWARD,
	KIND_REQUIREMENT,
	KIND_CONDITION,
	KIND_POLICY,
	KIND_PROVISION,
	KIND_RULING,
	KIND_DIRECTIVE,
	KIND_DESIGNATION,
	KIND_NOTICE,
	KIND_CERTIFICATION,
	KIND_EVENT,
	KIND_ACTION,
	KIND__MAX
};

enum field_type {
	FT_ID,	     /* readable identifier: [A-Za-z0-9][A-Za-z0-9._:-]* */
	FT_FIPS,     /* Census FIPS: 2 (state), 5 (county) or 7 (place) digits */
	FT_TEXT,     /* one line of UTF-8 text */
	FT_LONGTEXT, /* UTF-8 text, newlines allowed */
	FT_DATE,     /* YYYY-MM-DD */
	FT_CENTS,    /* money: dollars in, integer cents stored; empty = unknown */
	FT_INT,	     /* integer within [min, max] */
	FT_ENUM,     /* one of choices */
	FT_REF,	     /* id of a record of kind ref */
	FT_REFLIST,  /* ';'-separated ids of records of kind ref */
	FT_URL,	     /* http, https or mailto address */
	FT__MAX
};

struct model_field {
	const char *name;	   /* column and CSV header name */
	enum field_type type;
	bool required;
	size_t max_len;		   /* bytes */
	enum model_kind ref;	   /* for FT_REF and FT_REFLIST */
	const char *const *choices; /* for FT_ENUM, NULL-terminated */
	int64_t min, max;	   /* for FT_INT */
	const char *help;	   /* one line, for --help and docs */
};

struct model_kind_desc {
	const char *name;	   /* plural, as typed: "jurisdictions" */
	const char *singular;	   /* "jurisdiction" */
	const struct model_field *fields; /* fields[0] is always "id" */
	size_t nfields;
	int valid_from;		   /* index of valid_from, or -1 */
	int valid_to;		   /* index of valid_to, or -1 */
	int date;		   /* index of the dated-on field, or -1 */
};

#define MODEL_FIELDS_MAX 24

/* One value: NULL (absent or unknown) or text; numbers also parsed. */
struct model_value {
	bool is_null;
	char *text; /* owned; NULL when is_null */
	int64_t num; /* FT_CENTS and FT_INT: the parsed number */
};

/* One record of some kind; values in descriptor order. */
struct model_record {
	enum model_kind kind;
	struct model_value v[MODEL_FIELDS_MAX];
};

/* Answers "does a record of this kind with this id exist?".  Returns
 * AT_OK and sets *found, or an error (e.g. AT_DB) that aborts. */
typedef enum at_err (*model_exists_fn)(void *ctx, enum model_kind kind,
    const char *id, bool *found);

/* The descriptor of kind; never NULL for kind < KIND__MAX. */
const struct model_kind_desc *model_kind_desc(enum model_kind kind);

/* Look a kind up by its plural or singular name.  AT_NOTFOUND if none. */
enum at_err model_kind_lookup(const char *name, enum model_kind *out);

/* The fields a one-line listing of kind shows, in order, NULL-terminated. */
const char *const *model_summary_fields(enum model_kind kind);

/* Index of field name in kind, or -1. */
int model_field_index(enum model_kind kind, const char *name);

/* A new record of kind with every value NULL.  Free with
 * model_record_free. */
struct model_record *model_record_new(enum model_kind kind);
void model_record_free(struct model_record *r);
/* Deep copy. */
struct model_record *model_record_dup(const struct model_record *r);

/*
 * Set field i from text s of len bytes, as read from outside: an empty
 * string (or "unknown" for money) means NULL.  Checks the field's
 * syntax (type, length, UTF-8, range) and parses numbers.  Returns AT_OK
 * or AT_EINVAL with d naming the field.
 */
enum at_err model_record_set(struct model_record *r, size_t i, const char *s,
    size_t len, struct at_diag *d);

/* The value of field i as text, or NULL when NULL. */
const char *model_record_text(const struct model_record *r, size_t i);
/* The id (field 0); never NULL for a validated record. */
const char *model_record_id(const struct model_record *r);

/*
 * Whole-record checks after every field is set: required fields present,
 * cross-field rules (valid_to not before valid_from, a county's id starts
 * with its state's, ...), and, when exists is not NULL, that every
 * reference names an existing record.  Returns AT_OK, AT_EINVAL (d names
 * the field), or the error exists returned.
 */
enum at_err model_record_validate(const struct model_record *r,
    model_exists_fn exists, void *ctx, struct at_diag *d);

/* true if the record is in force on date (valid time), or for kinds
 * without valid time, dated on or before it. */
bool model_record_in_force(const struct model_record *r, struct at_date on);

/* Two-letter postal code of a state FIPS code ("06" -> "CA"), or NULL. */
const char *model_state_abbr(const char *fips2);
/* State FIPS code of a postal code ("CA" -> "06"), or NULL. */
const char *model_state_fips(const char *abbr);

#endif
