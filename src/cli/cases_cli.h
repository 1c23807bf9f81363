/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the case commands (cmd_notice.c, cmd_certify.c,
 * cmd_review.c, cmd_action.c, cmd_report.c, cmd_timeline.c,
 * cmd_deadlines.c, cmd_remind.c, cmd_letter.c): records by field name,
 * dates from options, one case step through the state machine of
 * cases/cases.h into store/store_cases.h, and the enforcement check.
 */
#ifndef AT_CLI_CASES_CLI_H
#define AT_CLI_CASES_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "cases/cases.h"
#include "core/date.h"
#include "core/err.h"
#include "model/model.h"

struct cli_ctx;
struct rules_set;
struct store;

/* Every record of a kind, owned. */
struct cases_recs {
	struct model_record **v;
	size_t n;
};

enum at_err cases_cli_load(
    struct store *s, enum model_kind kind, struct cases_recs *out);
void cases_cli_recs_fini(struct cases_recs *r);
/* The record of id in r, or NULL. */
const struct model_record *cases_cli_find(
    const struct cases_recs *r, const char *id);

/* Field by name (NULL when empty or no such field). */
const char *cases_cli_get(const struct model_record *r, const char *field);
/* Set a field from text; val NULL leaves it empty. */
enum at_err cases_cli_set(struct model_record *r, const char *field,
    const char *val, struct at_diag *d);
/* true if the ';'-separated list names id. */
bool cases_cli_list_has(const char *list, const char *id);

/*
 * Parse option opt's value val as a date (NULL: today, UTC).  Prints
 * the error and returns CLI_USAGE, or 0.
 */
int cases_cli_date(const struct cli_ctx *ctx, const char *opt, const char *val,
    struct at_date *out);
/* "April 21, 2017" from "2017-04-21" (empty for NULL) into out[n]. */
void cases_cli_date_long(const char *iso, char *out, size_t n);

/*
 * Apply event ev to notice's case on on_date: check the transition and
 * record the step.  due_date NULL keeps the case's due date, rule and
 * derivation.  AT_OK and *to (may be NULL); AT_NOTFOUND (no case),
 * AT_CONFLICT (illegal; d names the state and the allowed events),
 * AT_DB.  Must be inside a transaction.
 */
enum at_err cases_cli_step(struct store *s, const char *notice,
    enum cases_event ev, const char *on_date, const char *due_date,
    const char *due_rule, const char *derivation, const char *reason,
    const char *ref, enum cases_state *to, struct at_diag *d);

/*
 * Open the case of a notice just inserted: step "issue", then "await"
 * (or "demand" for a document demand) when it has a due date.  Must be
 * inside a transaction.
 */
enum at_err cases_cli_open(struct store *s, const struct model_record *notice,
    const char *derivation, struct at_diag *d);

/*
 * The ruling that stops condition from being enforced against
 * jurisdiction on day on, or NULL: the rules engine's answer (shipped
 * rules, facts from s) when it loads, and cases_ruling_covers over
 * rulings either way.  A found ruling's id is copied to id[idn] and a
 * description ("case, court, date, scope") to why[whyn].
 */
bool cases_cli_not_enforced(struct store *s, const struct cases_recs *rulings,
    const char *condition, const char *jurisdiction, struct at_date on,
    char *id, size_t idn, char *why, size_t whyn);

/* The shipped rules (free with rules_set_free), or NULL when they do not
 * load. */
struct rules_set *cases_cli_rules(void);

/*
 * The rules engine's explanation of jurisdiction against condition on
 * day on, as text, or NULL when the rules or facts do not load or the
 * engine knows neither.  The caller frees it.
 */
char *cases_cli_explain(struct store *s, const char *jurisdiction,
    const char *condition, struct at_date on);

/* One open due date: a case waiting on a response. */
struct cases_due_item {
	char notice[80];
	char kind[32];
	char jurisdiction[16];
	char jname[300]; /* the jurisdiction's name */
	char agency[80]; /* the notice's agency id, or "" */
	char state[32];
	char due[AT_DATE_LEN];
	char derivation[CASES_DERIVATION_MAX];
	int64_t days; /* days from as_of to due; negative = overdue */
};

/*
 * The cases waiting on a response (awaiting_response, document_demand)
 * with a due date, by due date; with within >= 0 only those due on or
 * before as_of + within days (overdue ones included).  *out is owned
 * by the caller (free()).
 */
enum at_err cases_cli_due_list(struct store *s, struct at_date as_of,
    int64_t within, struct cases_due_item **out, size_t *n);

/* Roll back, print er with d, close s, and return the exit code. */
int cases_cli_fail(const struct cli_ctx *ctx, struct store *s, enum at_err er,
    const struct at_diag *d);

/* The --as option's actor for writes: sets s's actor and returns it. */
const char *cases_cli_actor(struct store *s, const char *as);

#endif
