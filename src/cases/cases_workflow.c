/* SPDX-License-Identifier: ISC */
/*
 * The case state machine as one table of (event, from state, to state),
 * findings and the four-eyes rule of reviews, and the completeness check
 * of a certification.  The table is the whole workflow: a transition
 * not listed is illegal, and the refusal lists the ones that are.
 */
#include "cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const state_names[CASES_STATE__MAX] = {
	[CASES_ISSUED] = "issued",
	[CASES_AWAITING] = "awaiting_response",
	[CASES_RECEIVED] = "certification_received",
	[CASES_IN_REVIEW] = "in_review",
	[CASES_PROPOSED] = "finding_proposed",
	[CASES_APPROVED] = "finding_approved",
	[CASES_DETERMINED] = "determination",
	[CASES_ACTION] = "action_taken",
	[CASES_DEMAND] = "document_demand",
	[CASES_WITHDRAWN] = "withdrawn",
};

static const char *const event_names[CASES_EVENT__MAX] = {
	[CASES_EV_AWAIT] = "await",
	[CASES_EV_DEMAND] = "demand",
	[CASES_EV_EXTEND] = "extend",
	[CASES_EV_RECEIVE] = "receive",
	[CASES_EV_REVIEW] = "review",
	[CASES_EV_PROPOSE] = "propose",
	[CASES_EV_APPROVE] = "approve",
	[CASES_EV_RETURN] = "return",
	[CASES_EV_DETERMINE] = "determine",
	[CASES_EV_ACT] = "act",
	[CASES_EV_WITHDRAW] = "withdraw",
};

static const char *const event_phrases[CASES_EVENT__MAX] = {
	[CASES_EV_AWAIT] = "awaiting response",
	[CASES_EV_DEMAND] = "document demand outstanding",
	[CASES_EV_EXTEND] = "extension granted",
	[CASES_EV_RECEIVE] = "response received",
	[CASES_EV_REVIEW] = "review opened",
	[CASES_EV_PROPOSE] = "finding proposed",
	[CASES_EV_APPROVE] = "finding approved",
	[CASES_EV_RETURN] = "finding returned",
	[CASES_EV_DETERMINE] = "determination issued",
	[CASES_EV_ACT] = "action taken",
	[CASES_EV_WITHDRAW] = "notice withdrawn",
};

static const struct {
	enum cases_event ev;
	enum cases_state from, to;
} table[] = {
	{ CASES_EV_AWAIT, CASES_ISSUED, CASES_AWAITING },
	{ CASES_EV_DEMAND, CASES_ISSUED, CASES_DEMAND },
	{ CASES_EV_EXTEND, CASES_AWAITING, CASES_AWAITING },
	{ CASES_EV_EXTEND, CASES_DEMAND, CASES_DEMAND },
	{ CASES_EV_RECEIVE, CASES_AWAITING, CASES_RECEIVED },
	{ CASES_EV_RECEIVE, CASES_DEMAND, CASES_RECEIVED },
	{ CASES_EV_RECEIVE, CASES_RECEIVED, CASES_RECEIVED },
	{ CASES_EV_REVIEW, CASES_RECEIVED, CASES_IN_REVIEW },
	{ CASES_EV_PROPOSE, CASES_IN_REVIEW, CASES_PROPOSED },
	{ CASES_EV_APPROVE, CASES_PROPOSED, CASES_APPROVED },
	{ CASES_EV_RETURN, CASES_PROPOSED, CASES_IN_REVIEW },
	{ CASES_EV_DETERMINE, CASES_APPROVED, CASES_DETERMINED },
	{ CASES_EV_ACT, CASES_DETERMINED, CASES_ACTION },
	{ CASES_EV_ACT, CASES_ACTION, CASES_ACTION },
	{ CASES_EV_WITHDRAW, CASES_ISSUED, CASES_WITHDRAWN },
	{ CASES_EV_WITHDRAW, CASES_AWAITING, CASES_WITHDRAWN },
	{ CASES_EV_WITHDRAW, CASES_RECEIVED, CASES_WITHDRAWN },
	{ CASES_EV_WITHDRAW, CASES_IN_REVIEW, CASES_WITHDRAWN },
	{ CASES_EV_WITHDRAW, CASES_PROPOSED, CASES_WITHDRAWN },
	{ CASES_EV_WITHDRAW, CASES_APPROVED, CASES_WITHDRAWN },
	{ CASES_EV_WITHDRAW, CASES_DEMAND, CASES_WITHDRAWN },
};

const char *
cases_state_name(enum cases_state st)
{
	if ((int)st < 0 || st >= CASES_STATE__MAX)
		abort();
	return state_names[st];
}

enum at_err
cases_state_parse(const char *s, enum cases_state *out)
{
	for (int i = 0; i < CASES_STATE__MAX; i++)
		if (strcmp(state_names[i], s) == 0) {
			*out = (enum cases_state)i;
			return AT_OK;
		}
	return AT_EINVAL;
}

const char *
cases_event_name(enum cases_event ev)
{
	if ((int)ev < 0 || ev >= CASES_EVENT__MAX)
		abort();
	return event_names[ev];
}

enum at_err
cases_event_parse(const char *s, enum cases_event *out)
{
	for (int i = 0; i < CASES_EVENT__MAX; i++)
		if (strcmp(event_names[i], s) == 0) {
			*out = (enum cases_event)i;
			return AT_OK;
		}
	return AT_EINVAL;
}

const char *
cases_event_phrase(enum cases_event ev)
{
	if ((int)ev < 0 || ev >= CASES_EVENT__MAX)
		abort();
	return event_phrases[ev];
}

bool
cases_state_is_waiting(enum cases_state st)
{
	return st == CASES_AWAITING || st == CASES_DEMAND;
}

bool
cases_state_is_closed(enum cases_state st)
{
	return st == CASES_DETERMINED || st == CASES_ACTION ||
	    st == CASES_WITHDRAWN;
}

enum at_err
cases_transition(enum cases_state from, enum cases_event ev,
    enum cases_state *to, struct at_diag *d)
{
	char allowed[400];
	size_t used = 0;

	if ((int)from < 0 || from >= CASES_STATE__MAX || (int)ev < 0 ||
	    ev >= CASES_EVENT__MAX)
		abort();
	for (size_t i = 0; i < N(table); i++)
		if (table[i].ev == ev && table[i].from == from) {
			*to = table[i].to;
			return AT_OK;
		}
	allowed[0] = '\0';
	for (size_t i = 0; i < N(table); i++) {
		int rc;

		if (table[i].from != from)
			continue;
		rc = snprintf(allowed + used, sizeof(allowed) - used,
		    "%s%s (-> %s)", used > 0 ? ", " : "",
		    event_names[table[i].ev], state_names[table[i].to]);
		if (rc < 0 || (size_t)rc >= sizeof(allowed) - used)
			break;
		used += (size_t)rc;
	}
	if (used == 0)
		return at_diag_set(d, AT_CONFLICT, "state",
		    "cannot %s: the case is %s, from which no transition is "
		    "allowed",
		    event_names[ev], state_names[from]);
	return at_diag_set(d, AT_CONFLICT, "state",
	    "cannot %s: the case is %s; allowed from %s: %s", event_names[ev],
	    state_names[from], state_names[from], allowed);
}

static const char *const finding_names[CASES_FINDING__MAX] = {
	[CASES_COMPLIES] = "complies",
	[CASES_POSSIBLY_NONCOMPLIANT] = "possibly_noncompliant",
	[CASES_INSUFFICIENT] = "insufficient",
	[CASES_NEEDS_INFORMATION] = "needs_information",
};

const char *
cases_finding_name(enum cases_finding f)
{
	if ((int)f < 0 || f >= CASES_FINDING__MAX)
		abort();
	return finding_names[f];
}

enum at_err
cases_finding_parse(const char *s, enum cases_finding *out)
{
	for (int i = 0; i < CASES_FINDING__MAX; i++)
		if (strcmp(finding_names[i], s) == 0) {
			*out = (enum cases_finding)i;
			return AT_OK;
		}
	return AT_EINVAL;
}

enum at_err
cases_review_decider_ok(
    const char *proposer, const char *decider, struct at_diag *d)
{
	if (proposer == NULL || proposer[0] == '\0' || decider == NULL ||
	    decider[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "actor",
		    "a review needs a named proposer and a named approver");
	if (strcmp(proposer, decider) == 0)
		return at_diag_set(d, AT_DENIED, "actor",
		    "%s proposed this finding and cannot also approve or "
		    "return it; a different person must decide",
		    proposer);
	return AT_OK;
}

/* Append one sentence to reason, "; "-separated. */
static void
add_reason(char *reason, size_t n, size_t *used, const char *s)
{
	int rc;

	if (n == 0 || *used >= n)
		return;
	rc = snprintf(
	    reason + *used, n - *used, "%s%s", *used > 0 ? "; " : "", s);
	if (rc < 0)
		return;
	*used += (size_t)rc < n - *used ? (size_t)rc : n - *used - 1;
}

bool
cases_certification_complete(
    const struct cases_submission *sub, char *reason, size_t n)
{
	size_t used = 0;
	bool ok = true;
	char one[300];

	if (n > 0)
		reason[0] = '\0';
	for (size_t i = 0; i < sub->nclaims; i++) {
		const struct cases_claim *c = &sub->claims[i];
		const char *auth =
		    sub->authority != NULL ? sub->authority : "unknown";

		if (c->evidence == NULL)
			continue;
		if (strcmp(c->evidence, "legal_opinion") == 0 &&
		    !sub->has_opinion) {
			ok = false;
			(void)snprintf(one, sizeof(one),
			    "condition %s needs a legal opinion from counsel "
			    "and none is attached",
			    c->condition);
			add_reason(reason, n, &used, one);
		}
		if (strcmp(c->evidence, "clo_certification") == 0 &&
		    strcmp(auth, "chief_legal_officer") != 0) {
			ok = false;
			(void)snprintf(one, sizeof(one),
			    "condition %s needs a certification signed by "
			    "the chief legal officer, but the signer's "
			    "authority is %s",
			    c->condition, auth);
			add_reason(reason, n, &used, one);
		}
	}
	return ok;
}
