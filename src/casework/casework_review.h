/* SPDX-License-Identifier: ISC */
/*
 * The four-eyes review of a certification, for `attest review` and the
 * web's review queue alike.  A reviewer proposes a finding (complies,
 * possibly_noncompliant, insufficient, needs_information) citing
 * provisions, with the rules engine's explanation attached; a different
 * person approves or returns it.  The same person can never do both:
 * cases_review_decider_ok refuses it here, and the schema refuses it
 * again in the store.  Each call is one transaction: on an error nothing
 * is written.
 */
#ifndef AT_CASEWORK_CASEWORK_REVIEW_H
#define AT_CASEWORK_CASEWORK_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"

struct store;
struct store_review;
struct rules_set;

struct casework_proposal {
	const char *id;		   /* review id; NULL: CERTIFICATION-R<n> */
	const char *certification; /* required */
	const char *finding;	   /* cases_finding_name() (required) */
	const char *provisions;	   /* ';'-separated ids, or NULL */
	const char *rationale;	   /* or NULL */
	const char *proposer;	   /* the actor (required) */
	struct at_date day;	   /* proposed on */
	bool explain;		   /* attach the rules engine's explanation */
};

/*
 * Propose p: the certification and every provision must exist, the
 * finding be one of cases_finding_name's; the notice's case moves from
 * received to in review (when it was received) and to proposed.  rs may
 * be NULL (no explanation).  On AT_OK the review's id is copied to
 * id_out[id_outn] (when not NULL) and *explanation is the attached
 * explanation (owned; NULL when none).  AT_EINVAL (d names the field),
 * AT_CONFLICT (the id exists, or the case is in a state that cannot
 * take a proposal), AT_DB.
 */
enum at_err casework_review_propose(struct store *s,
    const struct rules_set *rs, const struct casework_proposal *p,
    char *id_out, size_t id_outn, char **explanation, struct at_diag *d);

/*
 * Approve (approve true) or return the proposed review id as actor on
 * day, with reason (required to return; remarks to approve).  *out is
 * the review as it was before the decision, when it was found (free it
 * with store_review_fini whatever the result).  AT_OK; AT_NOTFOUND; AT_DENIED when actor proposed it;
 * AT_EINVAL when a return has no reason; AT_CONFLICT when it was decided
 * already; AT_DB.
 */
enum at_err casework_review_decide(struct store *s, const char *id,
    bool approve, const char *actor, struct at_date day, const char *reason,
    struct store_review *out, struct at_diag *d);

/*
 * The agency's determination on the case of an approved review: a new
 * notice of kind (determination, preliminary_finding or clearance) in
 * reply to the review's notice, to the same jurisdiction, agency,
 * conditions and awards, whose own case is opened as issued; the
 * answered case moves to determined.  id NULL: NOTICE-D<n>.  AT_OK with
 * the new notice's id in id_out[id_outn]; AT_NOTFOUND (no such review);
 * AT_CONFLICT (the review is not approved, has no notice, or its case is
 * not waiting for a determination); AT_EINVAL (d names the field);
 * AT_DB.  Nothing is written unless AT_OK.
 */
struct casework_determination {
	const char *review;  /* an approved review (required) */
	const char *id;	     /* the new notice's id, or NULL */
	const char *kind;    /* determination, preliminary_finding, clearance */
	const char *summary; /* or NULL */
	const char *actor;   /* required */
	struct at_date day;
};

enum at_err casework_review_determine(struct store *s,
    const struct casework_determination *in, char *id_out, size_t id_outn,
    struct at_diag *d);

#endif
