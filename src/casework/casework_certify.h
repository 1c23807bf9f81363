/* SPDX-License-Identifier: ISC */
/*
 * A recipient's certification received: the record, its documents (type
 * sniffed from their bytes, SHA-256, the bytes themselves), whether it
 * is on time against the due date of the notice's case, whether it
 * carries what its conditions need (cases_certification_complete: a
 * legal opinion from counsel for FY2016, the chief legal officer's
 * signature for FY2017), the case's "receive" step and the audit
 * entries, all in one transaction.  A notice without a case (loaded as
 * history, never issued here) is judged against its own due date and
 * no step is recorded.  Shared by `attest certify` and the web site's
 * portal and API.
 *
 * Late or incomplete certifications are accepted and flagged: they are
 * facts of the record.  Refused, with nothing changed: a document over
 * CASES_DOC_MAX bytes, more than CASEWORK_DOCS_MAX documents, a document
 * whose name says one type and whose bytes another, an unknown notice,
 * a recipient certifying for another jurisdiction, a taken id, and any
 * field the model refuses.
 */
#ifndef AT_CASEWORK_CASEWORK_CERTIFY_H
#define AT_CASEWORK_CASEWORK_CERTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cases/cases.h"
#include "core/err.h"

struct store;

#define CASEWORK_DOCS_MAX 3 /* documents with one certification */

/* One document as submitted; role is "legal_opinion", "certification"
 * or "attachment".  Everything borrowed. */
struct casework_doc {
	const char *role;
	const char *name;  /* file name as given; its base name is kept */
	const void *bytes; /* len bytes */
	size_t len;
};

/* What is submitted.  Everything borrowed; NULL means not given. */
struct casework_cert {
	const char *id;		  /* required, unless new_id is given */
	/* With id NULL: a buffer of new_idn bytes that receives the next
	 * free "NOTICE-Cn" of notice (required then), picked inside the
	 * write transaction so that two servers cannot both take it. */
	char *new_id;
	size_t new_idn;
	const char *notice;	  /* the notice answered, or NULL */
	const char *jurisdiction; /* NULL: the notice's (one is required) */
	const char *agency;
	const char *conditions;	  /* NULL: the notice's */
	const char *date;	  /* YYYY-MM-DD, required */
	const char *signer;
	const char *signer_title;
	const char *authority;	  /* NULL: "unknown" */
	const char *summary;
	const char *source;	  /* required */
	/* A recipient's own jurisdiction: the certification must be for
	 * it (AT_DENIED otherwise); NULL for staff and the command line. */
	const char *only_jurisdiction;
	const struct casework_doc *docs;
	size_t ndocs;
};

/* What was received, filled on AT_OK. */
struct casework_cert_result {
	char jurisdiction[16];
	int on_time;	   /* 1, 0, or -1 with no due date */
	int64_t days_late;
	bool complete;
	/* "on time (due D)", "LATE by N days (due D)" or "no due date",
	 * then "; INCOMPLETE: why" */
	char summary[1400];
	struct {
		char name[256];
		const char *type; /* static */
		char sha[CASES_SHA256_HEX];
		size_t len;
	} docs[CASEWORK_DOCS_MAX];
	size_t ndocs;
};

/*
 * Check one document: its role, its size (AT_LIMIT over CASES_DOC_MAX)
 * and that its name does not contradict its bytes (AT_EINVAL: a file
 * named .pdf must be a PDF, and so on for the types cases_sniff_type
 * knows).  On AT_OK *type is the sniffed media type (static).
 */
enum at_err casework_doc_check(const struct casework_doc *doc,
    const char **type, struct at_diag *d);

/*
 * Receive certification c into s: validate everything first, then one
 * transaction (record, documents with their bytes, the check, the
 * case's "receive" step, their audit entries).  AT_OK and *res;
 * AT_EINVAL, AT_LIMIT, AT_DENIED (another jurisdiction's), AT_CONFLICT
 * (id taken, or the case cannot receive), AT_NOTFOUND, AT_DB; d names
 * the field.  On error nothing is stored.
 */
enum at_err casework_certify(struct store *s, const struct casework_cert *c,
    struct casework_cert_result *res, struct at_diag *d);

/*
 * A free id for a certification of notice: "NOTICE-C1", "NOTICE-C2",
 * ... into out[n].  AT_LIMIT when none of the first 999 is free or out
 * is too small, AT_DB.
 */
enum at_err casework_cert_new_id(struct store *s, const char *notice,
    char *out, size_t n);

#endif
