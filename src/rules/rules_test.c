/* SPDX-License-Identifier: ISC */
/*
 * Tests written in the rules language: each test block declares its own
 * facts (jurisdictions, agencies, policies, provisions, awards,
 * conditions, rulings), a default day and interpretation, and expects
 * outcomes.  They run against the rule set they were loaded with, so a
 * changed rule that breaks a recorded answer fails `attest rules test`.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

static const char *
nval(const struct rl_stmt *st, const char *key)
{
	for (size_t i = 0; i < st->nargs; i++)
		if (st->args[i].key != NULL &&
		    strcmp(st->args[i].key, key) == 0)
			return st->args[i].val;
	return NULL;
}

static const char *
pval(const struct rl_stmt *st, size_t k)
{
	for (size_t i = 0; i < st->nargs; i++)
		if (st->args[i].key == NULL && k-- == 0)
			return st->args[i].val;
	return NULL;
}

static int64_t
num(const char *s)
{
	char *end;
	long long v;

	if (s == NULL)
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' ? (int64_t)v : 0;
}

/* Add one fact statement to f. */
static enum at_err
add_fact(struct rules_facts *f, const struct rl_stmt *c, struct at_diag *d)
{
	const char *id = pval(c, 0);

	if (strcmp(c->kw, "jurisdiction") == 0) {
		struct rules_jurisdiction_in in = { id, nval(c, "name"),
			nval(c, "kind"), nval(c, "parent"), nval(c, "from"),
			nval(c, "to") };

		return rules_facts_add_jurisdiction(f, &in, d);
	}
	if (strcmp(c->kw, "agency") == 0) {
		struct rules_agency_in in = { id, nval(c, "jurisdiction"),
			nval(c, "name") };

		return rules_facts_add_agency(f, &in, d);
	}
	if (strcmp(c->kw, "policy") == 0) {
		struct rules_policy_in in = { id, nval(c, "jurisdiction"),
			nval(c, "kind"), nval(c, "title"), nval(c, "citation"),
			nval(c, "adopted"), nval(c, "binds"), nval(c, "from"),
			nval(c, "to") };

		return rules_facts_add_policy(f, &in, d);
	}
	if (strcmp(c->kw, "provision") == 0) {
		struct rules_provision_in in = { id, nval(c, "policy"),
			nval(c, "type"), nval(c, "section"), nval(c, "excerpt"),
			nval(c, "exceptions"), nval(c, "scope"),
			nval(c, "from"), nval(c, "to") };

		return rules_facts_add_provision(f, &in, d);
	}
	if (strcmp(c->kw, "award") == 0) {
		struct rules_award_in in = { id, nval(c, "agency"),
			nval(c, "program"), num(nval(c, "fy")),
			nval(c, "date") };

		return rules_facts_add_award(f, &in, d);
	}
	if (strcmp(c->kw, "condition") == 0) {
		struct rules_condition_in in = { id, nval(c, "program"),
			nval(c, "number"), nval(c, "title"),
			num(nval(c, "fy")), nval(c, "requirements"),
			nval(c, "from"), nval(c, "to") };

		return rules_facts_add_condition(f, &in, d);
	}
	if (strcmp(c->kw, "ruling") == 0) {
		struct rules_ruling_in in = { id, nval(c, "case"),
			nval(c, "court"), NULL, nval(c, "date"),
			nval(c, "kind"), nval(c, "conditions"),
			nval(c, "scope"), nval(c, "plaintiffs"),
			nval(c, "members-of"), nval(c, "target"),
			nval(c, "superseded-by"), NULL, nval(c, "from"),
			nval(c, "to") };

		return rules_facts_add_ruling(f, &in, d);
	}
	return AT_OK;
}

static void
report(rules_test_fn fn, void *ctx, const struct rl_test *t, bool passed,
    const char *msg)
{
	struct rules_test_report r;

	if (fn == NULL)
		return;
	r.name = t->name;
	r.file = t->st->loc.file;
	r.line = t->st->loc.line;
	r.passed = passed;
	r.message = msg;
	fn(ctx, &r);
}

struct got {
	enum rules_outcome o, u;
	size_t n;
};

static int
got_one(void *ctx, const char *jurisdiction, const char *target,
    const struct rules_result *r)
{
	struct got *g = ctx;

	(void)jurisdiction;
	(void)target;
	g->o = r->outcome;
	g->u = r->underlying;
	g->n++;
	return 0;
}

/*
 * The other ways to reach the answer r gave: one evaluation with its
 * explanation, bulk evaluation (which reuses judged clauses, and their
 * explanation subtrees) with and without explanations, and lean facts.
 * Returns NULL when they all agree, else what differed.
 */
static const char *
paths_disagree(const struct rules_set *rs, const struct rules_facts *f,
    const struct rules_facts *fl, const char *jur, const char *target,
    struct at_date day, const char *in, const struct rules_result *r)
{
	struct rules_result x;
	struct got g;
	struct at_diag d;
	bool same;

	if (rules_eval(rs, f, jur, target, day, in, true, &x, &d) != AT_OK)
		return "with an explanation it fails";
	same = x.outcome == r->outcome && x.underlying == r->underlying &&
	    x.explanation != NULL;
	rules_result_fini(&x);
	if (!same)
		return "with an explanation the answer differs";
	for (int k = 0; k < 3; k++) {
		memset(&g, 0, sizeof(g));
		if (rules_eval_all(rs, k == 2 ? fl : f, jur, target, day, in,
			k == 1, got_one, &g, &d) != AT_OK ||
		    g.n != 1 || g.o != r->outcome || g.u != r->underlying)
			return k == 0 ? "bulk evaluation differs"
			    : k == 1  ? "bulk evaluation with explanations differs"
				      : "lean facts give another answer";
	}
	return NULL;
}

/* Run one test; *msg gets the first failure, from a. */
static bool
run_one(const struct rules_set *rs, const struct rl_test *t,
    struct rules_arena *a, const char **msg)
{
	struct rules_facts *f = rules_facts_new();
	struct rules_facts *fl = rules_facts_new_lean();
	struct at_diag d;
	const char *asof = NULL, *interp = NULL;
	bool ok = true;

	at_diag_clear(&d);
	for (const struct rl_stmt *c = t->st->child; c != NULL; c = c->next) {
		if (strcmp(c->kw, "as-of") == 0)
			asof = pval(c, 0);
		else if (strcmp(c->kw, "interpretation") == 0)
			interp = pval(c, 0);
		else if (strcmp(c->kw, "expect") != 0 &&
		    (add_fact(f, c, &d) != AT_OK ||
			add_fact(fl, c, &d) != AT_OK)) {
			*msg = rarena_printf(a, "line %ld: %s", c->loc.line,
			    d.msg);
			ok = false;
			goto out;
		}
	}
	if (rules_facts_finish(f, &d) != AT_OK ||
	    rules_facts_finish(fl, &d) != AT_OK) {
		*msg = rarena_printf(a, "facts: %s", d.msg);
		ok = false;
		goto out;
	}
	for (const struct rl_stmt *c = t->st->child; c != NULL; c = c->next) {
		struct rules_result r;
		enum rules_outcome want, wantu;
		const char *day_s = nval(c, "as-of") != NULL ? nval(c, "as-of")
							     : asof;
		const char *in = nval(c, "interpretation") != NULL
		    ? nval(c, "interpretation")
		    : interp;
		struct at_date day;

		if (strcmp(c->kw, "expect") != 0)
			continue;
		if (day_s == NULL || at_date_parse_str(day_s, &day) != AT_OK) {
			*msg = rarena_printf(a,
			    "line %ld: no as-of day for this expectation",
			    c->loc.line);
			ok = false;
			goto out;
		}
		(void)rules_outcome_parse(pval(c, 2), &want);
		wantu = want;
		if (nval(c, "underlying") != NULL)
			(void)rules_outcome_parse(nval(c, "underlying"), &wantu);
		if (rules_eval(rs, f, pval(c, 0), pval(c, 1), day, in, false,
			&r, &d) != AT_OK) {
			*msg = rarena_printf(a, "line %ld: %s", c->loc.line,
			    d.msg);
			ok = false;
			goto out;
		}
		if (r.outcome != want ||
		    (nval(c, "underlying") != NULL && r.underlying != wantu)) {
			*msg = rarena_printf(a,
			    "line %ld: %s / %s on %s under %s: expected %s%s%s%s"
			    ", got %s (underlying %s)",
			    c->loc.line, pval(c, 0), pval(c, 1), day_s,
			    in != NULL ? in : rs->interps[0].name,
			    rules_outcome_name(want),
			    nval(c, "underlying") != NULL ? " (underlying " : "",
			    nval(c, "underlying") != NULL
				? rules_outcome_name(wantu)
				: "",
			    nval(c, "underlying") != NULL ? ")" : "",
			    rules_outcome_name(r.outcome),
			    rules_outcome_name(r.underlying));
			ok = false;
		} else {
			const char *why = paths_disagree(rs, f, fl, pval(c, 0),
			    pval(c, 1), day, in, &r);

			if (why != NULL) {
				*msg = rarena_printf(a, "line %ld: %s", c->loc.line,
				    why);
				ok = false;
			}
		}
		rules_result_fini(&r);
		if (!ok)
			goto out;
	}
out:
	rules_facts_free(f);
	rules_facts_free(fl);
	return ok;
}

enum at_err
rules_test_run(const struct rules_set *rs, rules_test_fn fn, void *ctx,
    size_t *npassed, size_t *nfailed, struct at_diag *d)
{
	struct rules_arena *a;
	size_t pass = 0, fail = 0;

	if (!rs->finished)
		return at_diag_set(d, AT_CONFLICT, NULL,
		    "the rule set is not finished");
	a = rarena_new();
	for (size_t i = 0; i < rs->ntests; i++) {
		const char *msg = NULL;
		bool ok = run_one(rs, &rs->tests[i], a, &msg);

		if (ok)
			pass++;
		else
			fail++;
		report(fn, ctx, &rs->tests[i], ok, msg);
	}
	rarena_free(a);
	*npassed = pass;
	*nfailed = fail;
	return AT_OK;
}
