/* SPDX-License-Identifier: ISC */
/*
 * Private to evidence: the streaming CSV reader every importer uses,
 * the reject file, jurisdiction matching, and the per-kind importers.
 */
#ifndef AT_EVIDENCE_EVIDENCE_INT_H
#define AT_EVIDENCE_EVIDENCE_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "evidence/evidence.h"

#define EV_FIELDS_MAX 256
#define EV_FIELD_MAX  ((size_t)64 << 10) /* bytes in one field */

/* One CSV record as read: fields NUL-terminated, borrowed for the call. */
struct ev_row {
	size_t n;
	const char *f[EV_FIELDS_MAX];
	size_t len[EV_FIELDS_MAX];
	long line; /* physical line the record starts on */
};

/* Called once with the header, then per data row.  Return AT_OK, or an
 * error with d's field and reason set (the reader adds file and line). */
typedef enum at_err (*ev_row_fn)(void *ctx, const struct ev_row *r,
    struct at_diag *d);

struct ev_reader {
	const char *path;
	bool progress;	      /* draw the bar (stderr is a terminal) */
	int64_t rows;	      /* data rows so far */
	int64_t bytes_in;     /* file bytes consumed */
	int64_t size;	      /* file size, 0 if unknown */
	char sha256[65];      /* hex, set when the file was read to its end */
	double t0;	      /* start, monotonic seconds */
	double last_draw;
};

/*
 * Read path (plain or gzip) through libcsv, calling header then row for
 * each record.  Stops at the first error a callback returns (d gets file
 * and line) or at a malformed record.  Fills r's counters and, after a
 * full read, its SHA-256.
 */
enum at_err ev_read(struct ev_reader *r, ev_row_fn header, ev_row_fn row,
    void *ctx, struct at_diag *d);
double ev_now(void);
/* Erase the bar (when one was drawn). */
void ev_progress_done(struct ev_reader *r);

/* The reject file: bad rows with their line and reason, as CSV. */
struct ev_reject {
	FILE *f;
	pthread_mutex_t mu;
	int64_t n;
};
enum at_err ev_reject_open(struct ev_reject *rj, const char *path,
    struct at_diag *d);
/* Append one bad row (fields may be NULL) with why it was refused. */
void ev_reject_write(struct ev_reject *rj, long line, const char *field,
    const char *reason, const struct ev_row *row);
/* AT_IO if writing failed. */
enum at_err ev_reject_close(struct ev_reject *rj, struct at_diag *d);

/* Jurisdictions in memory, for matching rows by FIPS and by name. */
struct ev_places;
enum at_err ev_places_load(struct store *s, struct ev_places **out);
void ev_places_free(struct ev_places *p);
size_t ev_places_count(const struct ev_places *p);
/* true if a jurisdiction has this code. */
bool ev_places_has(const struct ev_places *p, const char *fips);
/* Index of the jurisdiction with this code, or -1; and back. */
long ev_places_find(const struct ev_places *p, const char *fips);
const char *ev_places_code(const struct ev_places *p, size_t i);
/* The state code (2 digits) for a state name or postal abbreviation, or
 * NULL. */
const char *ev_places_state(const struct ev_places *p, const char *name);
/* A county of state (2 digits) by name ("Contra Costa", "CONTRA COSTA
 * COUNTY", "St. Louis city"); prefer_city picks an independent city over
 * a county of the same name.  NULL when none or ambiguous. */
const char *ev_places_county(const struct ev_places *p, const char *state,
    const char *name, bool prefer_city);
/* Match a facility (ICE free text, e.g. "CONTRA COSTA CO. JAIL") in city
 * and state to a county: by a county name in the facility name, then
 * by the city's name.  Returns the FIPS code and sets *how, or NULL. */
const char *ev_places_facility(const struct ev_places *p, const char *state,
    const char *facility, const char *city, const char **how);

/* Normalise a name for matching: upper-case ASCII letters and digits,
 * one space between words, "ST" for "SAINT"; into out (NUL-terminated). */
void ev_norm(const char *s, char *out, size_t n);

/* Append s as a JSON string (quoted, escaped) to b. */
void ev_json_str(struct buf *b, const char *s, size_t len);

/* Bytes that only grow, up to max (a fixed cap: beyond it has_err is
 * set and appends are dropped).  For the hot paths of the importers,
 * where struct buf's checks per call show in profiles. */
struct ev_bytes {
	char *p;	/* owned */
	size_t len, cap, max;
	bool has_err;
};
void ev_bytes_init(struct ev_bytes *b, size_t max);
void ev_bytes_fini(struct ev_bytes *b);
void ev_bytes_grow(struct ev_bytes *b, size_t need);
/* Append len bytes and a NUL; returns the offset of the copy. */
static inline size_t
ev_bytes_put(struct ev_bytes *b, const char *s, size_t len)
{
	size_t off = b->len;

	if (b->cap - b->len < len + 1)
		ev_bytes_grow(b, len + 1);
	if (b->has_err)
		return 0;
	memcpy(b->p + b->len, s, len);
	b->p[b->len + len] = '\0';
	b->len += len + 1;
	return off;
}

/* true if s[0..len) is printable ASCII, or else clean UTF-8 text
 * (text_is_clean) without newlines, or with them when allowed. */
bool ev_clean(const char *s, size_t len, bool allow_newlines);

/* Per-kind importers: inside the transaction ev_import opened. */
struct ev_ctx {
	struct store *s;
	const struct ev_import_opts *o;
	struct ev_import_stats *st;
	struct ev_reader *rd;
	struct ev_reject *rj; /* NULL: all or nothing */
	struct ev_places *places;
	struct at_diag *d;
};
enum at_err ev_import_detainers(struct ev_ctx *c);
enum at_err ev_import_ice(struct ev_ctx *c);
enum at_err ev_import_usaspending(struct ev_ctx *c);
/* Count an unmatched row and keep it as a sample. */
void ev_unmatched(struct ev_import_stats *st, long line, const char *what);

/* crypto_load.c: open libcrypto (once); false with *why when it cannot
 * be used.  Call before any EVP function. */
bool ev_crypto_load(const char **why);

#endif
