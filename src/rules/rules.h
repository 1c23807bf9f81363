/* SPDX-License-Identifier: ISC */
/*
 * The rules engine: a small text language for legal requirements, grant
 * conditions and their interpretations (docs/rules.md), the facts it
 * reads (jurisdictions, agencies, policies, provisions, awards,
 * conditions, rulings), and the evaluation of one jurisdiction against
 * one condition or requirement on one date under one interpretation,
 * with an explanation tree.
 *
 * This module is pure: it reads no file and no database.  Callers hand
 * it the text of each rule file and the facts as plain structs; it
 * hands back outcomes and explanations.  Text rendering goes into a
 * struct buf; JSON is left to the callers (src/assess).
 */
#ifndef AT_RULES_RULES_H
#define AT_RULES_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

struct buf;

/* DESIGN.md section 4.  NOT_ENFORCED always carries an underlying one. */
enum rules_outcome {
	RULES_COMPLIES,
	RULES_CONFLICTS,
	RULES_UNKNOWN,
	RULES_NOT_APPLICABLE,
	RULES_NOT_ENFORCED,
	RULES_OUTCOME__MAX
};

/* "complies", "conflicts", "unknown", "not_applicable", "not_enforced". */
const char *rules_outcome_name(enum rules_outcome o);
/* AT_OK and *out, or AT_EINVAL for an unknown name. */
enum at_err rules_outcome_parse(const char *s, enum rules_outcome *out);

/* ---- rule sets ---- */

struct rules_set;

/* An empty rule set; free with rules_set_free. */
struct rules_set *rules_set_new(void);
void rules_set_free(struct rules_set *rs);

/*
 * Parse the text of one rule file (len bytes; file names it in
 * messages) and add what it declares.  A file with any error adds
 * nothing: AT_EINVAL with d set to FILE:LINE:COLUMN and the reason.
 * AT_CONFLICT (with d) when it redeclares something another file
 * declared.  AT_LIMIT for files over 4 MiB.
 */
enum at_err rules_set_add(struct rules_set *rs, const char *file,
    const char *text, size_t len, struct at_diag *d);

/*
 * Check references across files (a condition's clauses, a reading's
 * interpretation, test expectations).  Call once after the last
 * rules_set_add.  AT_EINVAL with d at the offending statement.
 */
enum at_err rules_set_finish(struct rules_set *rs, struct at_diag *d);

/* Interpretations in declaration order; the first is the default. */
size_t rules_set_ninterpretations(const struct rules_set *rs);
const char *rules_set_interpretation(const struct rules_set *rs, size_t i);
bool rules_set_has_interpretation(const struct rules_set *rs,
    const char *name);
size_t rules_set_nrequirements(const struct rules_set *rs);
size_t rules_set_nconditions(const struct rules_set *rs);
size_t rules_set_ntests(const struct rules_set *rs);

/* ---- facts ---- */

/*
 * Facts as read from the store: every string is borrowed for the call
 * and copied; NULL means absent.  Dates are YYYY-MM-DD; lists are ids
 * separated by ';' (or ',').  Validity is [valid_from, valid_to).
 */
struct rules_jurisdiction_in {
	const char *id, *name, *kind, *parent, *valid_from, *valid_to;
};
struct rules_agency_in {
	const char *id, *jurisdiction, *name;
};
struct rules_policy_in {
	const char *id, *jurisdiction, *kind, *title, *citation, *adopted;
	const char *binds; /* agencies; NULL = all of the jurisdiction */
	const char *valid_from, *valid_to;
};
struct rules_provision_in {
	const char *id, *policy, *type, *section, *excerpt, *exceptions;
	const char *scope; /* agencies; NULL = all the policy binds */
	const char *valid_from, *valid_to;
};
struct rules_award_in {
	const char *id, *agency, *program;
	int64_t fiscal_year;
	const char *award_date; /* NULL = undated (counts on every day) */
};
struct rules_condition_in {
	const char *id, *program, *number, *title;
	int64_t fiscal_year;
	const char *requirements; /* used when the rules give no clauses */
	const char *valid_from, *valid_to;
};
struct rules_requirement_in {
	const char *id, *citation, *title;
};
struct rules_ruling_in {
	const char *id, *case_name, *court, *docket, *date, *kind;
	const char *conditions, *scope, *plaintiffs, *members_of, *target;
	const char *superseded_by, *summary, *valid_from, *valid_to;
};

struct rules_facts;

struct rules_facts *rules_facts_new(void);
/*
 * Facts for outcomes only: they keep no text that only explanations
 * print (provision ids, types, texts and dates; award ids may be
 * absent); evaluate them without explanations.  Outcomes are the same
 * as with rules_facts_new.
 */
struct rules_facts *rules_facts_new_lean(void);
void rules_facts_free(struct rules_facts *f);

/*
 * Add one fact.  AT_OK, or AT_EINVAL with d (bad date, bad provision
 * type, bad scope) or AT_CONFLICT (duplicate id).  References are
 * resolved by rules_facts_finish, so the order of adds is free.
 */
enum at_err rules_facts_add_jurisdiction(struct rules_facts *f,
    const struct rules_jurisdiction_in *in, struct at_diag *d);
enum at_err rules_facts_add_agency(struct rules_facts *f,
    const struct rules_agency_in *in, struct at_diag *d);
enum at_err rules_facts_add_policy(struct rules_facts *f,
    const struct rules_policy_in *in, struct at_diag *d);
enum at_err rules_facts_add_provision(struct rules_facts *f,
    const struct rules_provision_in *in, struct at_diag *d);
enum at_err rules_facts_add_award(struct rules_facts *f,
    const struct rules_award_in *in, struct at_diag *d);
enum at_err rules_facts_add_condition(struct rules_facts *f,
    const struct rules_condition_in *in, struct at_diag *d);
enum at_err rules_facts_add_requirement(struct rules_facts *f,
    const struct rules_requirement_in *in, struct at_diag *d);
enum at_err rules_facts_add_ruling(struct rules_facts *f,
    const struct rules_ruling_in *in, struct at_diag *d);

/*
 * Resolve references and build the indexes evaluation uses.  AT_EINVAL
 * with d for a reference to a missing record.  Adding after finish is
 * refused with AT_CONFLICT.
 */
enum at_err rules_facts_finish(struct rules_facts *f, struct at_diag *d);

size_t rules_facts_njurisdictions(const struct rules_facts *f);
const char *rules_facts_jurisdiction_id(const struct rules_facts *f,
    size_t i);
const char *rules_facts_jurisdiction_name(const struct rules_facts *f,
    size_t i);
/* The name of the jurisdiction with id, or NULL. */
const char *rules_facts_jurisdiction_name_of(const struct rules_facts *f,
    const char *id);

/* ---- evaluation ---- */

enum rules_node_kind {
	RN_OUTCOME,	   /* the root: the answer for (jurisdiction, target) */
	RN_CONDITION,	   /* the grant condition and whether it applies */
	RN_CLAUSE,	   /* a requirement clause (id, citation) */
	RN_INTERPRETATION, /* the reading the clause was taken under */
	RN_PROVISION,	   /* a provision that bore on the clause */
	RN_RULING,	   /* a ruling or notice that suspended enforcement */
	RN_NOTE,	   /* anything else worth one sentence */
	RN__MAX
};

/* "outcome", "condition", "clause", ... */
const char *rules_node_kind_name(enum rules_node_kind k);

/* One step of an explanation.  Strings may be NULL; all are owned by
 * the result the node belongs to. */
struct rules_node {
	enum rules_node_kind kind;
	bool has_outcome;
	enum rules_outcome outcome;
	const char *id;		/* record or rule id */
	const char *citation;	/* of the clause, policy or ruling */
	const char *title;	/* clause title, policy title, case name */
	const char *section;	/* provision section */
	const char *type;	/* provision type, "P07" */
	const char *excerpt;	/* provision excerpt */
	const char *valid_from, *valid_to; /* YYYY-MM-DD */
	const char *reason;	/* one sentence */
	struct rules_node *child, *next;
};

struct rules_arena;

struct rules_result {
	enum rules_outcome outcome;
	enum rules_outcome underlying; /* == outcome unless NOT_ENFORCED */
	struct rules_node *explanation; /* NULL unless asked for */
	struct rules_arena *arena;	/* owns the explanation */
};

/* Free what a result owns; the struct itself is the caller's. */
void rules_result_fini(struct rules_result *r);

/*
 * Evaluate jurisdiction (its id) against target (a condition id, or a
 * requirement id for the statute alone) on day on, under interpretation
 * (NULL = the rule set's default).  With explain, out->explanation gets
 * the tree.  Returns AT_OK and *out (call rules_result_fini), or
 * AT_NOTFOUND with d for an unknown jurisdiction, target or
 * interpretation.  Both arguments must be finished.
 */
enum at_err rules_eval(const struct rules_set *rs,
    const struct rules_facts *f, const char *jurisdiction, const char *target,
    struct at_date on, const char *interpretation, bool explain,
    struct rules_result *out, struct at_diag *d);

/* Called per (jurisdiction, target) by rules_eval_all; the result is
 * borrowed for the call.  Return nonzero to stop. */
typedef int (*rules_result_fn)(void *ctx, const char *jurisdiction,
    const char *target, const struct rules_result *r);

/*
 * Evaluate each jurisdiction (or only the one named) against each
 * condition known to the facts or the rules (or only the target named).
 * Errors as rules_eval.
 */
enum at_err rules_eval_all(const struct rules_set *rs,
    const struct rules_facts *f, const char *jurisdiction, const char *target,
    struct at_date on, const char *interpretation, bool explain,
    rules_result_fn fn, void *ctx, struct at_diag *d);

/* Append the explanation as indented plain text, one step a line. */
void rules_explain_text(const struct rules_node *n, struct buf *b);

/* ---- tests written in the rules language ---- */

struct rules_test_report {
	const char *name;   /* the test's name */
	const char *file;   /* where it is */
	long line;
	bool passed;
	const char *message; /* why it failed, or NULL */
};
typedef void (*rules_test_fn)(void *ctx, const struct rules_test_report *t);

/*
 * Run every test in the set, each on its own facts; fn (may be NULL)
 * hears of each.  Sets *npassed and *nfailed.  AT_OK even when tests
 * fail; AT_EINVAL (with d) when a test's facts are inconsistent.
 */
enum at_err rules_test_run(const struct rules_set *rs, rules_test_fn fn,
    void *ctx, size_t *npassed, size_t *nfailed, struct at_diag *d);

#endif
