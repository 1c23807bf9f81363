/* SPDX-License-Identifier: ISC */
/*
 * Assessment: the glue between the store and the pure rules engine.  It
 * reads rule files from a directory, loads the facts the engine needs
 * (jurisdictions with parents, agencies, policies, provisions, awards,
 * conditions, requirements, rulings) through store_record_each, applies
 * a what-if change on the way, and turns results and explanations into
 * JSON.
 *
 * It decides nothing itself: every outcome comes from src/rules.
 */
#ifndef AT_ASSESS_ASSESS_H
#define AT_ASSESS_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/date.h"
#include "core/err.h"
#include "rules/rules.h"

struct store;

/*
 * Read every *.rules file of dir (in name order) into a new rule set and
 * finish it.  A file that does not parse is refused: AT_EINVAL with d
 * at FILE:LINE:COLUMN, and nothing is returned.  AT_IO (d names the
 * path) when dir or a file cannot be read, AT_NOTFOUND when dir holds no
 * rule file.  *out is owned by the caller (rules_set_free).
 */
enum at_err assess_rules_load(const char *dir, struct rules_set **out,
    struct at_diag *d);

/* Same for a single file or a directory, whichever path is. */
enum at_err assess_rules_load_path(const char *path, struct rules_set **out,
    struct at_diag *d);

/* Same for n paths, each a file or a directory, added in order. */
enum at_err assess_rules_load_paths(const char *const *paths, size_t n,
    struct rules_set **out, struct at_diag *d);

/* Add the rule files at path (file or directory) to rs, without
 * finishing it.  Errors as assess_rules_load. */
enum at_err assess_rules_add_path(struct rules_set *rs, const char *path,
    struct at_diag *d);

/* A hypothetical change for `attest whatif`. */
enum assess_change_kind {
	ASSESS_CHANGE_NONE,
	ASSESS_CHANGE_REPEAL,	   /* provision id ends on `on` */
	ASSESS_CHANGE_AMEND,	   /* provision id gets type (and section) */
	ASSESS_CHANGE_ADD,	   /* new provision of type in policy from `on` */
	ASSESS_CHANGE_LIFT,	   /* ruling id ends on `on` */
	ASSESS_CHANGE_ADD_RULING,  /* new ruling from `on` */
};

struct assess_change {
	enum assess_change_kind kind;
	const char *id;	      /* provision or ruling id (borrowed) */
	const char *on;	      /* YYYY-MM-DD the change takes effect */
	const char *type;     /* AMEND, ADD: provision type P01-P20 */
	const char *policy;   /* ADD: policy id */
	const char *section;  /* AMEND, ADD: optional */
	const char *excerpt;  /* ADD: optional */
	const char *scope;    /* ADD_RULING: named_plaintiffs ... nationwide */
	const char *ruling_kind; /* ADD_RULING: default preliminary_injunction */
	const char *conditions;	 /* ADD_RULING: ';' or ',' separated */
	const char *plaintiffs;	 /* ADD_RULING: jurisdiction ids */
};

/*
 * Load the facts from s, with chg applied (NULL or kind NONE: as
 * recorded), and finish them.  AT_NOTFOUND with d when chg names a
 * record that does not exist, AT_EINVAL when the record is
 * inconsistent (d says which), AT_DB on a storage failure.  *out is
 * owned by the caller (rules_facts_free).
 */
enum at_err assess_facts_load(struct store *s, const struct assess_change *chg,
    struct rules_facts **out, struct at_diag *d);

/*
 * Same, without the text only explanations print (provision excerpts,
 * sections and exceptions, policy titles, ruling summaries): for bulk
 * evaluation without explanations, which then read less and copy less.
 * Outcomes are the same as with assess_facts_load.
 */
enum at_err assess_facts_load_lean(struct store *s,
    const struct assess_change *chg, struct rules_facts **out,
    struct at_diag *d);

/* JSON of an explanation tree (a new reference; NULL for NULL). */
json_t *assess_explanation_json(const struct rules_node *n);

/*
 * One result as the JSON object `attest eval --json` prints: jurisdiction,
 * condition, as_of, interpretation, outcome, underlying_outcome (only
 * when not_enforced) and, when r has one, explanation.  New reference.
 */
json_t *assess_result_json(const char *jurisdiction, const char *target,
    struct at_date as_of, const char *interpretation,
    const struct rules_result *r);

#endif
