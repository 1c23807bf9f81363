/* SPDX-License-Identifier: ISC */
/*
 * An action on an award (withhold, release, deobligate, refer), recorded
 * as an actions record and, when it names a notice, as a step of that
 * notice's case; for `attest action` and the web alike.
 *
 * An adverse action (withhold, deobligate, refer) must name the
 * condition it enforces, and is refused when that condition is not
 * enforced against the recipient on that day: the refusal names the
 * ruling (casework_not_enforced: the rules engine and the ruling scopes
 * of cases_ruling_covers).  A release is never refused on that ground;
 * releases are what such rulings order.
 */
#ifndef AT_CASEWORK_CASEWORK_ACTION_H
#define AT_CASEWORK_CASEWORK_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"

struct store;
struct rules_set;

struct casework_action {
	const char *id;		  /* action id; NULL: KIND-AWARD-YYYYMMDD */
	const char *kind;	  /* withhold, release, deobligate, refer */
	const char *jurisdiction; /* FIPS; NULL: the notice's */
	const char *award;	  /* required; must be the recipient's */
	const char *condition;	  /* NULL: the notice's conditions */
	const char *amount;	  /* dollars; NULL when unknown */
	const char *notice;	  /* the case it concludes, or NULL */
	const char *ruling;	  /* court order that compelled it, or NULL */
	const char *summary;	  /* or NULL */
	const char *source;	  /* NULL: "attest action by ACTOR" */
	const char *actor;	  /* required */
	struct at_date day;	  /* taken on */
};

/* true for withhold, deobligate and refer. */
bool casework_action_adverse(const char *kind);
/* true for the four kinds of action. */
bool casework_action_kind_ok(const char *kind);

/*
 * Record action a.  rs may be NULL (the ruling scopes alone decide).
 * AT_OK, the action's id copied to id_out[id_outn] (when not NULL); AT_EINVAL (d names the field: unknown notice or award, an
 * award of another jurisdiction, no condition, a bad amount); AT_DENIED
 * when a ruling enjoins it, d's message naming the ruling and the
 * ruling's id copied to ruling[rulingn] (when not NULL); AT_CONFLICT
 * (the id exists, or the case cannot take an action); AT_DB.  Nothing
 * is written unless AT_OK.
 */
enum at_err casework_action_take(struct store *s, const struct rules_set *rs,
    const struct casework_action *a, char *id_out, size_t id_outn,
    char *ruling, size_t rulingn, struct at_diag *d);

#endif
