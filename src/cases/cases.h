/* SPDX-License-Identifier: ISC */
/*
 * The case workflow of DESIGN.md section 5, as pure functions: the case
 * state machine, due dates computed by an explicit calendar rule with a
 * printed derivation, US federal holidays with their observed dates,
 * overdue and on-time arithmetic, the completeness check of a
 * certification, the four-eyes rule of reviews, whether a ruling stops
 * a condition from being enforced, and sniffing and hashing of attached
 * documents.
 *
 * Nothing here reads a file, a database or the clock: callers pass the
 * records and "today" in.  Persisting a case is the store's business
 * (store/store_cases.h); printing it is the CLI's and render's.
 */
#ifndef AT_CASES_CASES_H
#define AT_CASES_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

struct model_record;

/* ---- the state machine ---- */

/*
 * One case per notice.  A notice that asks for a response starts in
 * AWAITING (or DEMAND for a document demand); a notice that only
 * informs (a clearance) stays ISSUED.
 */
enum cases_state {
	CASES_ISSUED,     /* notice issued */
	CASES_AWAITING,   /* awaiting the recipient's response */
	CASES_RECEIVED,   /* a certification or response was received */
	CASES_IN_REVIEW,  /* a reviewer is working on it */
	CASES_PROPOSED,   /* a finding is proposed, awaiting approval */
	CASES_APPROVED,   /* a second person approved the finding */
	CASES_DETERMINED, /* the agency issued its determination */
	CASES_ACTION,     /* an action (withhold, release, ...) was taken */
	CASES_DEMAND,     /* a document demand is outstanding */
	CASES_WITHDRAWN,  /* the notice was withdrawn */
	CASES_STATE__MAX
};

enum cases_event {
	CASES_EV_AWAIT,     /* issued -> awaiting */
	CASES_EV_DEMAND,    /* issued -> document demand */
	CASES_EV_EXTEND,    /* awaiting/demand -> same, due date moves */
	CASES_EV_RECEIVE,   /* awaiting/demand/received -> received */
	CASES_EV_REVIEW,    /* received -> in review */
	CASES_EV_PROPOSE,   /* in review -> finding proposed */
	CASES_EV_APPROVE,   /* proposed -> approved */
	CASES_EV_RETURN,    /* proposed -> in review */
	CASES_EV_DETERMINE, /* approved -> determination */
	CASES_EV_ACT,       /* determination/action -> action */
	CASES_EV_WITHDRAW,  /* any open state -> withdrawn */
	CASES_EVENT__MAX
};

/* "issued", "awaiting_response", ...; never NULL for a valid state. */
const char *cases_state_name(enum cases_state st);
/* AT_OK and *out, or AT_EINVAL for an unknown name. */
enum at_err cases_state_parse(const char *s, enum cases_state *out);
/* "await", "demand", "extend", ... */
const char *cases_event_name(enum cases_event ev);
enum at_err cases_event_parse(const char *s, enum cases_event *out);
/* A short English phrase for the timeline: "extension granted". */
const char *cases_event_phrase(enum cases_event ev);

/* true while the recipient owes something by a due date. */
bool cases_state_is_waiting(enum cases_state st);
/* true once no further transition but withdrawal is expected. */
bool cases_state_is_closed(enum cases_state st);

/*
 * The state event ev leads to from state from.  AT_OK and *to, or
 * AT_CONFLICT with d saying "cannot EVENT: case is STATE; from STATE
 * only: ev1 (-> s1), ev2 (-> s2)" (d may be NULL).
 */
enum at_err cases_transition(enum cases_state from, enum cases_event ev,
    enum cases_state *to, struct at_diag *d);

/* ---- deadlines and calendars ---- */

enum cases_due_kind {
	CASES_DUE_CALENDAR, /* N calendar days after the notice date */
	CASES_DUE_BUSINESS, /* N business days (no weekends or holidays) */
	CASES_DUE_FIXED,    /* a date named in the notice */
};

struct cases_due_rule {
	enum cases_due_kind kind;
	int64_t n;            /* days, for CALENDAR and BUSINESS; 1..3660 */
	struct at_date fixed; /* for FIXED */
};

#define CASES_DERIVATION_MAX 512

/*
 * Parse a rule: "70 calendar days", "10 business days", "fixed
 * 2017-06-30" or a bare "2017-06-30" (fixed).  AT_OK and *out, or
 * AT_EINVAL with d.
 */
enum at_err cases_due_rule_parse(
    const char *s, struct cases_due_rule *out, struct at_diag *d);
/* The rule in the form cases_due_rule_parse reads, into out[n]. */
void cases_due_rule_format(const struct cases_due_rule *r, char *out, size_t n);

/*
 * The due date of a notice dated from under rule r, and a derivation a
 * person can check: "2017-04-21 + 70 calendar days = 2017-06-30".  A
 * business-day derivation names the holidays it skipped.  A fixed date
 * before from is refused (AT_EINVAL with d).  derivation has
 * CASES_DERIVATION_MAX bytes.
 */
enum at_err cases_due_compute(struct at_date from,
    const struct cases_due_rule *r, struct at_date *due,
    char derivation[CASES_DERIVATION_MAX], struct at_diag *d);

/*
 * The US federal holiday (5 U.S.C. 6103) observed on day d, or NULL.
 * A holiday on a Saturday is observed the Friday before, on a Sunday
 * the Monday after, so 2021-12-31 is New Year's Day (observed) of 2022.
 * Names end in " (observed)" when moved.  Holidays follow the law of
 * each year: Monday holidays from 1971 (Veterans Day on the fourth
 * Monday of October 1971-1977), Martin Luther King Jr. Day from 1986,
 * Juneteenth from 2021.
 */
const char *cases_holiday(struct at_date d);

/* true for Saturday, Sunday and observed federal holidays. */
bool cases_is_business_day(struct at_date d);

/* Days d is past due on as_of (0 if not past due). */
int64_t cases_days_overdue(struct at_date due, struct at_date as_of);

/* ---- certifications ---- */

/* One condition a certification claims, with the evidence it needs
 * (the conditions' "evidence" field: legal_opinion, clo_certification,
 * policy_in_place, questionnaire, none; NULL = none). */
struct cases_claim {
	const char *condition; /* condition id */
	const char *evidence;
};

/* What was submitted. */
struct cases_submission {
	const char *authority; /* legal_counsel, chief_legal_officer, ... */
	bool has_opinion;      /* a legal opinion document is attached */
	const struct cases_claim *claims;
	size_t nclaims;
};

/*
 * Whether the submission carries what each claimed condition needs: a
 * legal opinion for "legal_opinion", a chief legal officer's signature
 * for "clo_certification".  Returns true if complete; otherwise false
 * and reason (one sentence per missing piece, "; "-separated) in
 * reason[n].
 */
bool cases_certification_complete(
    const struct cases_submission *sub, char *reason, size_t n);

/* ---- reviews ---- */

enum cases_finding {
	CASES_COMPLIES,
	CASES_POSSIBLY_NONCOMPLIANT,
	CASES_INSUFFICIENT,
	CASES_NEEDS_INFORMATION,
	CASES_FINDING__MAX
};

const char *cases_finding_name(enum cases_finding f);
enum at_err cases_finding_parse(const char *s, enum cases_finding *out);

/*
 * The four-eyes rule: the approver (or the one returning a finding)
 * must not be its proposer.  AT_OK, or AT_DENIED with d naming both.
 * Actor names compare exactly; empty names are refused (AT_EINVAL).
 */
enum at_err cases_review_decider_ok(
    const char *proposer, const char *decider, struct at_diag *d);

/* ---- enforcement ---- */

/*
 * Whether ruling (a KIND_RULING record) stops condition from being
 * enforced against jurisdiction (a FIPS id) on day on.  A ruling covers
 * when its kind suspends enforcement (an injunction, an order, an
 * agency notice or an appellate ruling; not a stay, vacatur or
 * dismissal), its conditions list names the condition, its span holds on
 * the day (valid_from, else its date, inclusive; valid_to exclusive),
 * and its scope reaches the jurisdiction: nationwide; named_plaintiffs
 * when the plaintiffs list names it; state_and_subdivisions when a
 * plaintiff is its state (the FIPS code's first two digits) or the
 * jurisdiction itself.  "members" scope needs a membership list the
 * model does not hold, so it never covers here.
 */
bool cases_ruling_covers(const struct model_record *ruling,
    const char *condition, const char *jurisdiction, struct at_date on);

/*
 * The same for a jurisdiction given with the governments it lies in:
 * chain[0] is its FIPS id, chain[1..n-1] its parents up to the state and
 * any other county it spans.  A state_and_subdivisions ruling covers it
 * when a plaintiff is any of them, so a ruling for a county reaches the
 * cities in it; named_plaintiffs still needs chain[0] itself.
 */
bool cases_ruling_covers_chain(const struct model_record *ruling,
    const char *condition, const char *const *chain, size_t n,
    struct at_date on);

/* ---- documents ---- */

#define CASES_DOC_MAX    (8u * 1024u * 1024u) /* bytes of one attachment */
#define CASES_SHA256_HEX 65                   /* 64 hex digits and a NUL */

/* The media type of bytes p[0..len), from their content only:
 * application/pdf, image/png, image/jpeg, image/gif, application/zip,
 * application/rtf, text/html, text/plain (UTF-8 without NULs), else
 * application/octet-stream. */
const char *cases_sniff_type(const unsigned char *p, size_t len);

/* SHA-256 of p[0..len) in lower-case hex. */
void cases_sha256_hex(const void *p, size_t len, char out[CASES_SHA256_HEX]);

/* ---- money ---- */

/* A sum of amounts some of which may be unknown: never sum unknown
 * as zero. */
struct cases_sum {
	int64_t known; /* cents, of the known amounts */
	size_t nknown;
	size_t nunknown; /* how many amounts were unknown */
};

void cases_sum_add(struct cases_sum *s, bool is_known, int64_t cents);
/* "$975,604.00", "unknown", or "$480,000.00 + 2 unknown" into out[n]. */
void cases_sum_format(const struct cases_sum *s, char *out, size_t n);
/* Cents as "$1,234.56" into out[n]. */
void cases_money_format(int64_t cents, char *out, size_t n);

#endif
