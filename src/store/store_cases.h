/* SPDX-License-Identifier: ISC */
/*
 * Persistence of the case workflow (migration 0004_cases): case state
 * and its append-only history, reviews, documents attached to
 * certifications, rendered letters and the checks made when a
 * certification was received.
 *
 * Every write must run inside store_begin()/store_commit() and appends
 * its own audit entry (canonical JSON of what changed; documents and
 * letters carry their SHA-256), so the case tables and the audit log
 * cannot diverge.  Whether a step is legal is decided by cases/cases.h
 * before these are called; the store only keeps what it is given
 * (except that a review is decided once, and never by its proposer:
 * the schema refuses both).
 *
 * Structs handed to callbacks are borrowed for the call; structs filled
 * by a _get own their strings (const only so callers can fill the same
 * structs with borrowed ones for the writes) and are released with their
 * _fini.
 */
#ifndef AT_STORE_STORE_CASES_H
#define AT_STORE_STORE_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/* A case: one per notice.  Strings owned (NULL when absent). */
struct store_case {
	const char *notice;   /* notice id */
	const char *state;    /* cases_state_name() */
	const char *due_date; /* YYYY-MM-DD, or NULL */
	const char *due_rule; /* "70 calendar days", or NULL */
	const char
	    *derivation;     /* "2017-04-21 + 70 calendar days = 2017-06-30" */
	const char *updated; /* business date of the last step */
};

void store_case_fini(struct store_case *c);

/* The case of notice.  AT_OK and *out (owned), AT_NOTFOUND, AT_DB. */
enum at_err store_case_get(
    struct store *s, const char *notice, struct store_case *out);

/* Every case, by due date (undated last). */
typedef int (*store_case_fn)(void *ctx, const struct store_case *c);
enum at_err store_case_each(struct store *s, store_case_fn fn, void *ctx);

/* One step of a case's history. */
struct store_case_step {
	int64_t id; /* set when read back */
	const char *notice;
	const char *event;      /* cases_event_name() */
	const char *from_state; /* NULL for the first step */
	const char *to_state;
	const char *on_date;    /* business date of the step */
	const char *due_date;   /* due date in force after the step */
	const char *derivation; /* of that due date */
	const char *actor;      /* who did it (set from the store's actor) */
	const char *reason;     /* free text, or NULL */
	const char *ref;        /* certification, review, notice or action id */
};

/*
 * Record a step: append it to the history and set the case's current
 * state, due date, rule and derivation (creating the case when
 * from_state is NULL), with one audit entry (verb "transition", kind
 * "cases", the notice id, the step as JSON).  due_rule may be NULL.
 * actor is ignored: the store's actor is recorded.  AT_CONFLICT if the
 * case exists already (first step) or is missing (later steps), AT_DB.
 */
enum at_err store_case_step(
    struct store *s, const struct store_case_step *st, const char *due_rule);

typedef int (*store_case_step_fn)(void *ctx, const struct store_case_step *st);
/* The steps of notice's case, oldest first. */
enum at_err store_case_step_each(
    struct store *s, const char *notice, store_case_step_fn fn, void *ctx);

/* A review of a certification. */
struct store_review {
	const char *id;
	const char *certification;
	const char *notice;     /* the case it belongs to, or NULL */
	const char *finding;    /* cases_finding_name() */
	const char *provisions; /* ';'-separated provision ids, or NULL */
	const char *rationale;
	const char *explanation; /* the rules engine's explanation, or NULL */
	const char *proposer;
	const char *proposed_on; /* YYYY-MM-DD */
	const char *status;      /* proposed, approved, returned */
	const char *decider;
	const char *decided_on;
	const char *decision_reason;
};

void store_review_fini(struct store_review *r);

/* Insert r (status proposed; decider fields ignored) with its audit
 * entry (verb "propose").  AT_CONFLICT if the id exists, AT_DB. */
enum at_err store_review_insert(struct store *s, const struct store_review *r);

/* AT_OK and *out (owned), AT_NOTFOUND, AT_DB. */
enum at_err store_review_get(
    struct store *s, const char *id, struct store_review *out);

/*
 * Approve or return (status "approved" or "returned") a proposed
 * review, with its audit entry (verb "approve" or "return").  AT_CONFLICT
 * when it is no longer proposed, AT_DENIED when decider is its proposer
 * (refused by the schema as well), AT_NOTFOUND, AT_DB.
 */
enum at_err store_review_decide(struct store *s, const char *id,
    const char *status, const char *decider, const char *decided_on,
    const char *reason);

typedef int (*store_review_fn)(void *ctx, const struct store_review *r);
/* Reviews of one certification, or every review when certification is
 * NULL, oldest first. */
enum at_err store_review_each(
    struct store *s, const char *certification, store_review_fn fn, void *ctx);

/* A file attached to a certification. */
struct store_document {
	const char *certification;
	const char *role;   /* legal_opinion, certification, attachment */
	const char *name;   /* file name as given */
	int64_t size;       /* bytes */
	const char *type;   /* sniffed from the bytes */
	const char *sha256; /* hex */
	const void *bytes;  /* insert: the bytes to keep (size of them), or
			     * NULL; always NULL when listed */
	size_t len;         /* of bytes */
};

/* Insert with its audit entry (verb "attach", kind "documents", the
 * certification id; JSON carries name, role, size, type, sha256 and
 * "kept": whether the bytes are stored).  The bytes are kept once per
 * SHA-256 (document_bytes), so the hash in the audit entry names them. */
enum at_err store_document_insert(
    struct store *s, const struct store_document *doc);

/*
 * The kept bytes of the document whose SHA-256 is sha256: AT_OK and
 * *out (owned, free()) and *len; AT_NOTFOUND when they were not kept
 * (documents attached before bytes were kept); AT_TAMPER when the
 * stored bytes do not hash to sha256; AT_DB.
 */
enum at_err store_document_bytes_get(struct store *s, const char *sha256,
    char **out, size_t *len);

typedef int (*store_document_fn)(void *ctx, const struct store_document *d);
enum at_err store_document_each(struct store *s, const char *certification,
    store_document_fn fn, void *ctx);

/* A rendered letter. */
struct store_letter {
	const char *notice;
	const char *format;   /* text, html, pdf */
	const char *template; /* template name */
	int64_t size;         /* bytes */
	const char *sha256;   /* hex, of the bytes written */
	const char *rendered; /* UTC time, ISO 8601 */
};

/* Insert with its audit entry (verb "render", kind "letters", the
 * notice id; JSON carries format, template, size, sha256). */
enum at_err store_letter_insert(struct store *s, const struct store_letter *l);

typedef int (*store_letter_fn)(void *ctx, const struct store_letter *l);
enum at_err store_letter_each(
    struct store *s, const char *notice, store_letter_fn fn, void *ctx);

/* What was computed when a certification was received. */
struct store_cert_check {
	const char *certification;
	const char *notice;   /* the case it answered, or NULL */
	const char *due_date; /* due date then in force, or NULL */
	int on_time;          /* 1, 0, or -1 when there was no due date */
	int64_t days_late;
	bool complete;
	const char *reason; /* why incomplete, or NULL */
};

void store_cert_check_fini(struct store_cert_check *c);

/* Insert with its audit entry (verb "check", kind
 * "certification_checks"). */
enum at_err store_cert_check_insert(
    struct store *s, const struct store_cert_check *c);
/* AT_OK and *out (owned), AT_NOTFOUND, AT_DB. */
enum at_err store_cert_check_get(
    struct store *s, const char *certification, struct store_cert_check *out);

#endif
