/* SPDX-License-Identifier: ISC */
/*
 * Helpers of the case commands (see cases_cli.h).  The decisions are
 * cases/'s and the rules engine's; this file only fetches what they need
 * and writes what they decide.
 */
#include "cli/cases_cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "casework/casework_common.h"
#include "cli/cli.h"
#include "cli/rules_cli.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "rules/rules.h"
#include "store/store.h"
#include "store/store_cases.h"

/*
 * The record helpers, the case step and the enforcement check live in
 * casework/ (shared with the web server); these keep the commands'
 * names for them.
 */
enum at_err
cases_cli_load(struct store *s, enum model_kind kind, struct cases_recs *out)
{
	struct casework_recs r;
	enum at_err er = casework_load(s, kind, &r);

	out->v = r.v;
	out->n = r.n;
	return er;
}

void
cases_cli_recs_fini(struct cases_recs *r)
{
	struct casework_recs cr = { r->v, r->n };

	casework_recs_fini(&cr);
	memset(r, 0, sizeof(*r));
}

const struct model_record *
cases_cli_find(const struct cases_recs *r, const char *id)
{
	const struct casework_recs cr = { r->v, r->n };

	return casework_find(&cr, id);
}

const char *
cases_cli_get(const struct model_record *r, const char *field)
{
	return casework_get(r, field);
}

enum at_err
cases_cli_set(struct model_record *r, const char *field, const char *val,
    struct at_diag *d)
{
	return casework_set(r, field, val, d);
}

bool
cases_cli_list_has(const char *list, const char *id)
{
	return casework_list_has(list, id);
}


int
cases_cli_date(const struct cli_ctx *ctx, const char *opt, const char *val,
    struct at_date *out)
{
	if (val == NULL) {
		*out = at_date_today();
		return 0;
	}
	if (at_date_parse_str(val, out) != AT_OK) {
		cli_err(
		    ctx, "--%s: \"%s\" is not a date (YYYY-MM-DD)", opt, val);
		return CLI_USAGE;
	}
	return 0;
}

void
cases_cli_date_long(const char *iso, char *out, size_t n)
{
	static const char *const months[12] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	struct at_date d;

	if (iso == NULL || at_date_parse_str(iso, &d) != AT_OK) {
		(void)snprintf(out, n, "%s", iso != NULL ? iso : "");
		return;
	}
	(void)snprintf(out, n, "%s %d, %d", months[d.month - 1], d.day, d.year);
}

enum at_err
cases_cli_step(struct store *s, const char *notice, enum cases_event ev,
    const char *on_date, const char *due_date, const char *due_rule,
    const char *derivation, const char *reason, const char *ref,
    enum cases_state *to, struct at_diag *d)
{
	return casework_step(s, notice, ev, on_date, due_date, due_rule,
	    derivation, reason, ref, to, d);
}


enum at_err
cases_cli_open(struct store *s, const struct model_record *notice,
    const char *derivation, struct at_diag *d)
{
	const char *id = model_record_id(notice);
	const char *date = cases_cli_get(notice, "date");
	const char *due = cases_cli_get(notice, "due_date");
	const char *rule = cases_cli_get(notice, "due_rule");
	const char *kind = cases_cli_get(notice, "kind");
	struct store_case_step st;
	enum at_err er;

	memset(&st, 0, sizeof(st));
	st.notice = id;
	st.event = "issue";
	st.to_state = cases_state_name(CASES_ISSUED);
	st.on_date = date;
	st.reason = kind;
	er = store_case_step(s, &st, NULL);
	if (er == AT_CONFLICT)
		return at_diag_set(d, AT_CONFLICT, "notice",
		    "notice \"%s\" already has a case", id);
	/* An extension moves the due date of the case it answers and a
	 * clearance asks for nothing: neither waits on a response. */
	if (er != AT_OK || due == NULL || strcmp(kind, "extension") == 0 ||
	    strcmp(kind, "clearance") == 0)
		return er;
	return cases_cli_step(s, id,
	    strcmp(kind, "document_demand") == 0 ? CASES_EV_DEMAND
	                                         : CASES_EV_AWAIT,
	    date, due, rule, derivation, NULL, NULL, NULL, d);
}

/* The shipped rules, or NULL when they do not load (the checks then
 * fall back to the ruling scopes alone). */
struct rules_set *
cases_cli_rules(void)
{
	char *dir = cli_rules_dir();
	struct rules_set *rs = NULL;
	struct at_diag d;

	at_diag_clear(&d);
	if (assess_rules_load_path(dir, &rs, &d) != AT_OK)
		rs = NULL;
	free(dir);
	return rs;
}

bool
cases_cli_not_enforced(struct store *s, const struct cases_recs *rulings,
    const char *condition, const char *jurisdiction, struct at_date on,
    char *id, size_t idn, char *why, size_t whyn)
{
	struct rules_set *rs = cases_cli_rules();
	const struct casework_recs cr = { rulings->v, rulings->n };
	bool found = casework_not_enforced(s, rs, &cr, condition,
	    jurisdiction, on, id, idn, why, whyn);

	rules_set_free(rs);
	return found;
}

char *
cases_cli_explain(struct store *s, const char *jurisdiction,
    const char *condition, struct at_date on)
{
	struct rules_set *rs = cases_cli_rules();
	char *out = casework_explain(s, rs, jurisdiction, condition, on);

	rules_set_free(rs);
	return out;
}


int
cases_cli_fail(const struct cli_ctx *ctx, struct store *s, enum at_err er,
    const struct at_diag *d)
{
	struct at_diag why;

	/* A failed begin or commit (full disk, read-only database) left
	 * its reason with the store, not in d. */
	if (s != NULL && d->msg[0] == '\0' && store_why(s)[0] != '\0') {
		why = *d;
		at_diag_set(&why, er, "", "%s", store_why(s));
		d = &why;
	}
	if (s != NULL) {
		store_rollback(s);
		store_close(s);
	}
	cli_err_diag(ctx, d, er);
	return cli_exit_for(er);
}

const char *
cases_cli_actor(struct store *s, const char *as)
{
	const char *a = cli_actor(as);

	store_set_actor(s, a);
	return a;
}

struct due_ctx {
	struct store *s;
	struct at_date as_of;
	int64_t within;
	struct cases_due_item *v;
	size_t n;
	enum at_err er;
};

static void
copy(char *dst, size_t n, const char *src)
{
	size_t len = src != NULL ? strlen(src) : 0;

	if (len >= n)
		len = n - 1;
	if (len > 0)
		memcpy(dst, src, len);
	dst[len] = '\0';
}

static int
due_one(void *ctx, const struct store_case *c)
{
	struct due_ctx *x = ctx;
	struct cases_due_item it;
	struct model_record *n = NULL, *j = NULL;
	enum cases_state st;
	struct at_date due;
	int64_t days;

	if (c->due_date == NULL || cases_state_parse(c->state, &st) != AT_OK ||
	    !cases_state_is_waiting(st) ||
	    at_date_parse_str(c->due_date, &due) != AT_OK)
		return 0;
	days = at_date_to_days(due) - at_date_to_days(x->as_of);
	if (x->within >= 0 && days > x->within)
		return 0;
	memset(&it, 0, sizeof(it));
	copy(it.notice, sizeof(it.notice), c->notice);
	copy(it.state, sizeof(it.state), c->state);
	copy(it.due, sizeof(it.due), c->due_date);
	copy(it.derivation, sizeof(it.derivation), c->derivation);
	it.days = days;
	x->er = store_record_get(x->s, KIND_NOTICE, c->notice, &n);
	if (x->er != AT_OK)
		return 1;
	copy(it.kind, sizeof(it.kind), cases_cli_get(n, "kind"));
	copy(it.jurisdiction, sizeof(it.jurisdiction),
	    cases_cli_get(n, "jurisdiction"));
	copy(it.agency, sizeof(it.agency), cases_cli_get(n, "agency"));
	if (store_record_get(x->s, KIND_JURISDICTION, it.jurisdiction, &j) ==
	    AT_OK)
		copy(it.jname, sizeof(it.jname), cases_cli_get(j, "name"));
	else
		copy(it.jname, sizeof(it.jname), it.jurisdiction);
	model_record_free(n);
	model_record_free(j);
	x->v = xreallocarray(x->v, x->n + 1, sizeof(*x->v));
	x->v[x->n++] = it;
	return 0;
}

enum at_err
cases_cli_due_list(struct store *s, struct at_date as_of, int64_t within,
    struct cases_due_item **out, size_t *n)
{
	struct due_ctx x;
	enum at_err er;

	memset(&x, 0, sizeof(x));
	x.s = s;
	x.as_of = as_of;
	x.within = within;
	er = store_case_each(s, due_one, &x);
	if (er == AT_OK)
		er = x.er;
	if (er != AT_OK) {
		free(x.v);
		return er;
	}
	*out = x.v;
	*n = x.n;
	return AT_OK;
}
