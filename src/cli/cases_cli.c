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
#include "cli/cli.h"
#include "cli/rules_cli.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "rules/rules.h"
#include "store/store.h"
#include "store/store_cases.h"

struct load_ctx {
	struct cases_recs *r;
};

static int
load_one(void *ctx, const struct model_record *rec)
{
	struct cases_recs *r = ctx;

	r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = model_record_dup(rec);
	return 0;
}

enum at_err
cases_cli_load(struct store *s, enum model_kind kind, struct cases_recs *out)
{
	memset(out, 0, sizeof(*out));
	return store_record_each(s, kind, NULL, load_one, out);
}

void
cases_cli_recs_fini(struct cases_recs *r)
{
	for (size_t i = 0; i < r->n; i++)
		model_record_free(r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

const struct model_record *
cases_cli_find(const struct cases_recs *r, const char *id)
{
	for (size_t i = 0; id != NULL && i < r->n; i++)
		if (strcmp(model_record_id(r->v[i]), id) == 0)
			return r->v[i];
	return NULL;
}

const char *
cases_cli_get(const struct model_record *r, const char *field)
{
	int i;

	if (r == NULL)
		return NULL;
	i = model_field_index(r->kind, field);
	return i < 0 ? NULL : model_record_text(r, (size_t)i);
}

enum at_err
cases_cli_set(struct model_record *r, const char *field, const char *val,
    struct at_diag *d)
{
	int i = model_field_index(r->kind, field);

	if (i < 0)
		abort();
	if (val == NULL)
		return AT_OK;
	return model_record_set(r, (size_t)i, val, strlen(val), d);
}

bool
cases_cli_list_has(const char *list, const char *id)
{
	size_t n;

	if (list == NULL || id == NULL)
		return false;
	n = strlen(id);
	while (*list != '\0') {
		size_t len = strcspn(list, ";");

		if (len == n && strncmp(list, id, n) == 0)
			return true;
		list += len;
		if (*list == ';')
			list++;
	}
	return false;
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
	struct store_case c;
	struct store_case_step st;
	enum cases_state from, next;
	enum at_err er;

	memset(&c, 0, sizeof(c));
	er = store_case_get(s, notice, &c);
	if (er == AT_NOTFOUND)
		return at_diag_set(d, AT_NOTFOUND, "notice",
		    "notice \"%s\" has no case (issue it with attest notice "
		    "issue, or open it with attest notice open)",
		    notice);
	if (er != AT_OK)
		return er;
	if (cases_state_parse(c.state, &from) != AT_OK) {
		er = at_diag_set(d, AT_TAMPER, "state",
		    "case %s has an unknown state \"%s\"", notice, c.state);
		goto out;
	}
	er = cases_transition(from, ev, &next, d);
	if (er != AT_OK) {
		char msg[sizeof(d->msg)];

		if (d != NULL) {
			int w = snprintf(
			    msg, sizeof(msg), "notice %s: %s", notice, d->msg);

			if (w >= 0)
				memcpy(d->msg, msg, sizeof(d->msg));
		}
		goto out;
	}
	memset(&st, 0, sizeof(st));
	st.notice = notice;
	st.event = cases_event_name(ev);
	st.from_state = c.state;
	st.to_state = cases_state_name(next);
	st.on_date = on_date;
	st.due_date = due_date != NULL ? due_date : c.due_date;
	st.derivation = due_date != NULL ? derivation : c.derivation;
	st.reason = reason;
	st.ref = ref;
	er = store_case_step(s, &st, due_date != NULL ? due_rule : c.due_rule);
	if (er == AT_OK && to != NULL)
		*to = next;
out:
	store_case_fini(&c);
	return er;
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

#define CHAIN_MAX 16 /* a government and those it lies in */

/* The first RN_RULING node under n, depth first. */
static const struct rules_node *
find_ruling(const struct rules_node *n)
{
	for (; n != NULL; n = n->next) {
		const struct rules_node *c;

		if (n->kind == RN_RULING && n->id != NULL)
			return n;
		c = find_ruling(n->child);
		if (c != NULL)
			return c;
	}
	return NULL;
}

/* Load the shipped rules and the facts; false if either fails. */
static bool
engine_load(struct store *s, struct rules_set **rs, struct rules_facts **f)
{
	char *dir = cli_rules_dir();
	struct at_diag d;
	enum at_err er;

	at_diag_clear(&d);
	*rs = NULL;
	*f = NULL;
	er = assess_rules_load_path(dir, rs, &d);
	free(dir);
	if (er != AT_OK)
		return false;
	if (assess_facts_load(s, NULL, f, &d) != AT_OK) {
		rules_set_free(*rs);
		*rs = NULL;
		return false;
	}
	return true;
}

static void
describe(const struct model_record *r, char *why, size_t n)
{
	(void)snprintf(why, n, "%s, %s, %s, scope %s",
	    cases_cli_get(r, "case_name") ? cases_cli_get(r, "case_name") : "",
	    cases_cli_get(r, "court") ? cases_cli_get(r, "court") : "",
	    cases_cli_get(r, "date") ? cases_cli_get(r, "date") : "",
	    cases_cli_get(r, "scope") ? cases_cli_get(r, "scope") : "");
}

bool
cases_cli_not_enforced(struct store *s, const struct cases_recs *rulings,
    const char *condition, const char *jurisdiction, struct at_date on,
    char *id, size_t idn, char *why, size_t whyn)
{
	struct rules_set *rs = NULL;
	struct rules_facts *f = NULL;
	bool found = false;
	char *chain[CHAIN_MAX];
	size_t nchain = 0;

	if (engine_load(s, &rs, &f)) {
		struct rules_result res;
		struct at_diag d;

		memset(&res, 0, sizeof(res));
		at_diag_clear(&d);
		if (rules_eval(rs, f, jurisdiction, condition, on, NULL, true,
		        &res, &d) == AT_OK) {
			if (res.outcome == RULES_NOT_ENFORCED) {
				const struct rules_node *n =
				    find_ruling(res.explanation);
				const struct model_record *r = n != NULL
				    ? cases_cli_find(rulings, n->id)
				    : NULL;

				(void)snprintf(id, idn, "%s",
				    n != NULL ? n->id : "(unnamed ruling)");
				if (r != NULL)
					describe(r, why, whyn);
				else
					(void)snprintf(why, whyn, "%s",
					    n != NULL && n->title != NULL
					        ? n->title
					        : "the rules engine says "
					          "not_enforced");
				found = true;
			}
			rules_result_fini(&res);
		}
	}
	rules_facts_free(f);
	rules_set_free(rs);
	/* The jurisdiction and the governments it lies in, for rulings on
	 * a state or county and its subdivisions. */
	chain[nchain++] = xstrdup(jurisdiction);
	for (size_t k = 0; k < nchain && nchain < CHAIN_MAX; k++) {
		struct model_record *jr = NULL;
		const char *p, *also;

		if (store_record_get(s, KIND_JURISDICTION, chain[k], &jr) !=
		    AT_OK)
			continue;
		p = cases_cli_get(jr, "parent");
		if (p != NULL && nchain < CHAIN_MAX)
			chain[nchain++] = xstrdup(p);
		also = cases_cli_get(jr, "also_in");
		while (also != NULL && *also != '\0' && nchain < CHAIN_MAX) {
			size_t len = strcspn(also, ";");

			chain[nchain++] = xstrndup(also, len);
			also += len;
			if (*also == ';')
				also++;
		}
		model_record_free(jr);
	}
	for (size_t i = 0; !found && i < rulings->n; i++)
		if (cases_ruling_covers_chain(rulings->v[i], condition,
		        (const char *const *)chain, nchain, on)) {
			(void)snprintf(
			    id, idn, "%s", model_record_id(rulings->v[i]));
			describe(rulings->v[i], why, whyn);
			found = true;
		}
	for (size_t i = 0; i < nchain; i++)
		free(chain[i]);
	return found;
}

char *
cases_cli_explain(struct store *s, const char *jurisdiction,
    const char *condition, struct at_date on)
{
	struct rules_set *rs = NULL;
	struct rules_facts *f = NULL;
	struct rules_result res;
	struct at_diag d;
	char *out = NULL;

	if (!engine_load(s, &rs, &f))
		return NULL;
	memset(&res, 0, sizeof(res));
	at_diag_clear(&d);
	if (rules_eval(rs, f, jurisdiction, condition, on, NULL, true, &res,
	        &d) == AT_OK) {
		struct buf b;

		buf_init(&b, 64 * 1024);
		buf_printf(&b, "rules engine: %s against %s on ", jurisdiction,
		    condition);
		{
			char day[AT_DATE_LEN];

			at_date_format(on, day);
			buf_printf(&b, "%s: %s\n", day,
			    rules_outcome_name(res.outcome));
		}
		rules_explain_text(res.explanation, &b);
		out = buf_detach(&b, NULL);
		rules_result_fini(&res);
	}
	rules_facts_free(f);
	rules_set_free(rs);
	return out;
}

int
cases_cli_fail(const struct cli_ctx *ctx, struct store *s, enum at_err er,
    const struct at_diag *d)
{
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
