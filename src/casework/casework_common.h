/* SPDX-License-Identifier: ISC */
/*
 * What the case work services share: records by field name, one case
 * step through the state machine of cases/cases.h into
 * store/store_cases.h, and the enforcement check (is a condition
 * enforced against a jurisdiction on a day, and if not, which ruling
 * says so).  The rules engine is passed in (NULL when it did not load):
 * the command line loads the shipped rules per run, the server once.
 */
#ifndef AT_CASEWORK_CASEWORK_COMMON_H
#define AT_CASEWORK_CASEWORK_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "cases/cases.h"
#include "core/date.h"
#include "core/err.h"
#include "model/model.h"

struct store;
struct rules_set;

/* Every record of a kind, owned. */
struct casework_recs {
	struct model_record **v;
	size_t n;
};

enum at_err casework_load(
    struct store *s, enum model_kind kind, struct casework_recs *out);
void casework_recs_fini(struct casework_recs *r);
/* The record of id in r, or NULL. */
const struct model_record *casework_find(
    const struct casework_recs *r, const char *id);

/* Field by name (NULL when empty or no such field, or r NULL). */
const char *casework_get(const struct model_record *r, const char *field);
/* Set a field from text; val NULL leaves it empty. */
enum at_err casework_set(struct model_record *r, const char *field,
    const char *val, struct at_diag *d);
/* One field of a record being made: its name and text (NULL: empty). */
struct casework_field {
	const char *name;
	const char *val;
};
/* A new record of kind with fields f[n] set in order (the first refused
 * stops), validated against s (what it references must exist).  AT_OK
 * and *out (owned: model_record_free); AT_EINVAL (d names the field),
 * AT_DB. */
enum at_err casework_record_make(struct store *s, enum model_kind kind,
    const struct casework_field *f, size_t n, struct model_record **out,
    struct at_diag *d);
/* true if the ';'-separated list names id. */
bool casework_list_has(const char *list, const char *id);

/*
 * Apply event ev to notice's case on on_date: check the transition and
 * record the step.  due_date NULL keeps the case's due date, rule and
 * derivation.  AT_OK and *to (may be NULL); AT_NOTFOUND (no case),
 * AT_CONFLICT (illegal; d names the state and the allowed events),
 * AT_DB.  Must be inside a transaction.
 */
enum at_err casework_step(struct store *s, const char *notice,
    enum cases_event ev, const char *on_date, const char *due_date,
    const char *due_rule, const char *derivation, const char *reason,
    const char *ref, enum cases_state *to, struct at_diag *d);

/*
 * The ruling that stops condition from being enforced against
 * jurisdiction on day on, or false: the rules engine's answer (rs with
 * facts from s) when rs is not NULL, and cases_ruling_covers over
 * rulings either way.  A found ruling's id is copied to id[idn] and a
 * description ("case, court, date, scope") to why[whyn].
 */
bool casework_not_enforced(struct store *s, const struct rules_set *rs,
    const struct casework_recs *rulings, const char *condition,
    const char *jurisdiction, struct at_date on, char *id, size_t idn,
    char *why, size_t whyn);

/*
 * The rules engine's explanation of jurisdiction against condition on
 * day on, as text, or NULL when rs is NULL, the facts do not load or the
 * engine knows neither.  The caller frees it.
 */
char *casework_explain(struct store *s, const struct rules_set *rs,
    const char *jurisdiction, const char *condition, struct at_date on);

#endif
