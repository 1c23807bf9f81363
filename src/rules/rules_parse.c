/* SPDX-License-Identifier: ISC */
/*
 * Meaning for the statement tree: interpretations, provision types,
 * inheritance, requirements with dated versions and readings, grant
 * conditions, and tests (docs/rules.md is the grammar).  A file is
 * compiled into staging arrays first and merged into the set only when
 * the whole file is sound, so a bad file changes nothing.
 *
 * Test blocks are checked for shape here and kept as statements; they
 * are turned into facts only when run (rules_test.c).
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define FILE_MAX (4u * 1024u * 1024u)

/* ---- argument helpers ---- */

static size_t
npos(const struct rl_stmt *st)
{
	size_t n = 0;

	for (size_t i = 0; i < st->nargs; i++)
		if (st->args[i].key == NULL)
			n++;
	return n;
}

/* The k-th positional argument; an empty one (never NULL) when absent,
 * which check_npos has refused before anyone reads it. */
static const struct rl_arg *
pos(const struct rl_stmt *st, size_t k)
{
	static const struct rl_arg none = { NULL, "", false, { "", 0, 0 } };

	for (size_t i = 0; i < st->nargs; i++)
		if (st->args[i].key == NULL && k-- == 0)
			return &st->args[i];
	return &none;
}

static const struct rl_arg *
named(const struct rl_stmt *st, const char *key)
{
	for (size_t i = 0; i < st->nargs; i++)
		if (st->args[i].key != NULL &&
		    strcmp(st->args[i].key, key) == 0)
			return &st->args[i];
	return NULL;
}

static const char *
named_val(const struct rl_stmt *st, const char *key)
{
	const struct rl_arg *g = named(st, key);

	return g != NULL ? g->val : NULL;
}

/* Refuse keys outside allowed (NULL-terminated) and repeated keys. */
static enum at_err
check_keys(const struct rl_stmt *st, const char *const *allowed,
    struct at_diag *d)
{
	for (size_t i = 0; i < st->nargs; i++) {
		const struct rl_arg *g = &st->args[i];
		bool ok = false;

		if (g->key == NULL)
			continue;
		for (size_t k = 0; allowed != NULL && allowed[k] != NULL; k++)
			if (strcmp(allowed[k], g->key) == 0)
				ok = true;
		if (!ok)
			return rl_error(d, &g->loc,
			    "'%s' takes no key '%s'", st->kw, g->key);
		for (size_t j = 0; j < i; j++)
			if (st->args[j].key != NULL &&
			    strcmp(st->args[j].key, g->key) == 0)
				return rl_error(d, &g->loc,
				    "key '%s' given twice", g->key);
	}
	return AT_OK;
}

static enum at_err
check_npos(const struct rl_stmt *st, size_t min, size_t max,
    const char *what, struct at_diag *d)
{
	size_t n = npos(st);

	if (n < min)
		return rl_error(d, &st->loc, "'%s' needs %s", st->kw, what);
	if (n > max) {
		const struct rl_arg *g = pos(st, max);

		return rl_error(d, &g->loc, "'%s' takes %s; unexpected '%s'",
		    st->kw, what, g->val);
	}
	return AT_OK;
}

static enum at_err
no_block(const struct rl_stmt *st, struct at_diag *d)
{
	if (st->has_block)
		return rl_error(d, &st->loc, "'%s' takes no block", st->kw);
	return AT_OK;
}

static enum at_err
need_block(const struct rl_stmt *st, struct at_diag *d)
{
	if (!st->has_block)
		return rl_error(d, &st->loc, "'%s' needs a { ... } block",
		    st->kw);
	return AT_OK;
}

static bool
is_id(const char *s)
{
	if (s == NULL || s[0] == '\0' || strlen(s) > 64)
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		bool alnum = (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');

		if (!alnum && (p == s || strchr("._:-", *p) == NULL))
			return false;
	}
	return true;
}

static enum at_err
id_arg(const struct rl_arg *g, const char *what, struct at_diag *d)
{
	if (g->quoted || !is_id(g->val))
		return rl_error(d, &g->loc,
		    "'%s' is not a valid %s id (letters, digits, . _ : -)",
		    g->val, what);
	return AT_OK;
}

static enum at_err
date_arg(const struct rl_arg *g, int32_t dflt, int32_t *out,
    struct at_diag *d)
{
	if (g == NULL) {
		*out = dflt;
		return AT_OK;
	}
	if (rl_day_parse(g->val, dflt, out) != AT_OK || g->val[0] == '\0')
		return rl_error(d, &g->loc,
		    "'%s' is not a date (YYYY-MM-DD, a real day)", g->val);
	return AT_OK;
}

int
rl_type_parse(const char *s)
{
	if (s == NULL || strlen(s) != 3 || s[0] != 'P' || s[1] < '0' ||
	    s[1] > '2' || s[2] < '0' || s[2] > '9')
		return 0;
	int t = (s[1] - '0') * 10 + (s[2] - '0');

	return t >= 1 && t <= 20 ? t : 0;
}

static enum at_err
type_arg(const struct rl_arg *g, int *out, struct at_diag *d)
{
	int t = rl_type_parse(g->val);

	*out = 0;
	if (t == 0)
		return rl_error(d, &g->loc,
		    "'%s' is not a provision type (P01 to P20)", g->val);
	*out = t;
	return AT_OK;
}

/* ---- staging: one file's declarations ---- */

struct stage {
	struct rules_arena *a;
	struct rl_interp *interps;
	size_t ninterps;
	struct {
		int t;
		const char *label;
		enum rl_role role;
		struct rl_loc loc;
	} types[RL_NTYPES];
	size_t ntypes;
	const char **inherit;
	size_t ninherit;
	bool inherit_agencies;
	struct rl_requirement *reqs;
	size_t nreqs;
	struct rl_condition *conds;
	size_t nconds;
	struct rl_test *tests;
	size_t ntests;
};

/* Zero and return element n of arr, which was just grown to n + 1. */
static void *
grow_at(void *arr, size_t n, size_t size)
{
	char *p;

	if (arr == NULL)
		abort();
	p = (char *)arr + n * size;
	memset(p, 0, size);
	return p;
}

#define GROW(arr, n)                                                   \
	((arr) = xreallocarray((arr), (n) + 1, sizeof(*(arr))),        \
	    grow_at((arr), (n)++, sizeof(*(arr))))

static enum at_err
do_interpretation(struct stage *sg, const struct rl_stmt *st,
    struct at_diag *d)
{
	struct rl_interp *in;
	enum at_err er;

	if ((er = no_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 2, "a name and a description", d)) !=
		AT_OK ||
	    (er = id_arg(pos(st, 0), "interpretation", d)) != AT_OK)
		return er;
	if (strcmp(pos(st, 0)->val, "*") == 0)
		return rl_error(d, &st->loc, "'*' is not a name");
	in = GROW(sg->interps, sg->ninterps);
	in->name = pos(st, 0)->val;
	in->desc = npos(st) > 1 ? pos(st, 1)->val : "";
	in->loc = st->loc;
	return AT_OK;
}

static enum at_err
do_type(struct stage *sg, const struct rl_stmt *st, struct at_diag *d)
{
	static const char *const keys[] = { "role", NULL };
	const char *role;
	enum at_err er;
	int t;

	if ((er = no_block(st, d)) != AT_OK ||
	    (er = check_keys(st, keys, d)) != AT_OK ||
	    (er = check_npos(st, 2, 2, "a type and a label", d)) != AT_OK ||
	    (er = type_arg(pos(st, 0), &t, d)) != AT_OK)
		return er;
	for (size_t i = 0; i < sg->ntypes; i++)
		if (sg->types[i].t == t)
			return rl_error(d, &st->loc, "type %s declared twice",
			    pos(st, 0)->val);
	sg->types[sg->ntypes].t = t;
	sg->types[sg->ntypes].label = pos(st, 1)->val;
	sg->types[sg->ntypes].loc = st->loc;
	role = named_val(st, "role");
	if (role == NULL)
		sg->types[sg->ntypes].role = ROLE_NONE;
	else if (strcmp(role, "saving") == 0)
		sg->types[sg->ntypes].role = ROLE_SAVING;
	else if (strcmp(role, "scope") == 0)
		sg->types[sg->ntypes].role = ROLE_SCOPE;
	else
		return rl_error(d, &named(st, "role")->loc,
		    "role must be 'saving' or 'scope', not '%s'", role);
	sg->ntypes++;
	return AT_OK;
}

static enum at_err
do_inherit(struct stage *sg, const struct rl_stmt *st, struct at_diag *d)
{
	static const char *const kinds[] = { "state", "district",
		"territory", "county", "parish", "borough", "city", "town",
		"village", "consolidated", "tribal", NULL };
	enum at_err er;

	if ((er = no_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 16, "jurisdiction kinds", d)) != AT_OK)
		return er;
	for (size_t i = 0; i < npos(st); i++) {
		const struct rl_arg *g = pos(st, i);
		bool ok = false;

		if (strcmp(g->val, "agencies") == 0) {
			sg->inherit_agencies = true;
			continue;
		}
		for (size_t k = 0; kinds[k] != NULL; k++)
			if (strcmp(kinds[k], g->val) == 0)
				ok = true;
		if (!ok)
			return rl_error(d, &g->loc,
			    "'%s' is not a kind of jurisdiction (or 'agencies')",
			    g->val);
		const char **slot = GROW(sg->inherit, sg->ninherit);

		*slot = g->val;
	}
	return AT_OK;
}

/* conflicts|complies TYPES... because="..." */
static enum at_err
do_effect(struct rl_reading *rd, const struct rl_stmt *st,
    enum rl_effect eff, struct at_diag *d)
{
	static const char *const keys[] = { "because", NULL };
	const char *because;
	enum at_err er;

	if ((er = no_block(st, d)) != AT_OK ||
	    (er = check_keys(st, keys, d)) != AT_OK ||
	    (er = check_npos(st, 1, 20, "provision types", d)) != AT_OK)
		return er;
	because = named_val(st, "because");
	if (because == NULL)
		return rl_error(d, &st->loc,
		    "'%s' needs because=\"...\" (the reason, one sentence)",
		    st->kw);
	for (size_t i = 0; i < npos(st); i++) {
		int t;

		if ((er = type_arg(pos(st, i), &t, d)) != AT_OK)
			return er;
		if (rd->effect[t] != EFF_NONE)
			return rl_error(d, &pos(st, i)->loc,
			    "%s already has an effect in this reading",
			    pos(st, i)->val);
		rd->effect[t] = (uint8_t)eff;
		rd->reason[t] = because;
	}
	return AT_OK;
}

/* saved TYPES... by=PNN because="..." */
static enum at_err
do_saved(struct rl_reading *rd, const struct rl_stmt *st, struct at_diag *d)
{
	static const char *const keys[] = { "by", "because", NULL };
	const struct rl_arg *by = named(st, "by");
	const char *because = named_val(st, "because");
	enum at_err er;
	int s;

	if ((er = no_block(st, d)) != AT_OK ||
	    (er = check_keys(st, keys, d)) != AT_OK ||
	    (er = check_npos(st, 1, 20, "provision types", d)) != AT_OK)
		return er;
	if (by == NULL || because == NULL)
		return rl_error(d, &st->loc,
		    "'saved' needs by=PNN and because=\"...\"");
	if ((er = type_arg(by, &s, d)) != AT_OK)
		return er;
	for (size_t i = 0; i < npos(st); i++) {
		int t;

		if ((er = type_arg(pos(st, i), &t, d)) != AT_OK)
			return er;
		rd->saved_by[t] |= (uint32_t)1 << s;
		rd->save_reason[t] = because;
	}
	return AT_OK;
}

static enum at_err
do_under(struct rl_version *v, const struct rl_stmt *st, struct at_diag *d)
{
	struct rl_reading *rd;
	const struct rl_arg *g;
	enum at_err er;

	if ((er = need_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 1, "an interpretation name or *", d)) !=
		AT_OK)
		return er;
	g = pos(st, 0);
	if (strcmp(g->val, "*") != 0 && (er = id_arg(g, "interpretation",
					     d)) != AT_OK)
		return er;
	for (size_t i = 0; i < v->nreadings; i++)
		if (strcmp(v->readings[i].interp, g->val) == 0)
			return rl_error(d, &g->loc,
			    "a reading under '%s' is already given for this "
			    "version", g->val);
	rd = GROW(v->readings, v->nreadings);
	rd->interp = g->val;
	rd->loc = st->loc;
	for (const struct rl_stmt *c = st->child; c != NULL; c = c->next) {
		if (strcmp(c->kw, "conflicts") == 0)
			er = do_effect(rd, c, EFF_CONFLICT, d);
		else if (strcmp(c->kw, "complies") == 0)
			er = do_effect(rd, c, EFF_COMPLIES, d);
		else if (strcmp(c->kw, "saved") == 0)
			er = do_saved(rd, c, d);
		else
			er = rl_error(d, &c->loc,
			    "unknown statement '%s' in 'under' (conflicts, "
			    "complies, saved)", c->kw);
		if (er != AT_OK)
			return er;
	}
	for (int t = 1; t < RL_NTYPES; t++)
		if (rd->saved_by[t] != 0 && rd->effect[t] != EFF_CONFLICT)
			return rl_error(d, &st->loc,
			    "P%02d is saved but does not conflict in this "
			    "reading", t);
	return AT_OK;
}

static enum at_err
do_version(struct rl_requirement *rq, const struct rl_stmt *st,
    struct at_diag *d)
{
	static const char *const keys[] = { "from", "to", NULL };
	struct rl_version *v;
	enum at_err er;

	if ((er = need_block(st, d)) != AT_OK ||
	    (er = check_keys(st, keys, d)) != AT_OK ||
	    (er = check_npos(st, 0, 0, "only from= and to=", d)) != AT_OK)
		return er;
	v = GROW(rq->versions, rq->nversions);
	if ((er = date_arg(named(st, "from"), RL_DAY_MIN, &v->from, d)) !=
		AT_OK ||
	    (er = date_arg(named(st, "to"), RL_DAY_MAX, &v->to, d)) != AT_OK)
		return er;
	v->from_s = named_val(st, "from");
	v->to_s = named_val(st, "to");
	if (v->to <= v->from)
		return rl_error(d, &st->loc,
		    "a version must end (to=) after it starts (from=)");
	for (size_t i = 0; i + 1 < rq->nversions; i++)
		if (rq->versions[i].from < v->to &&
		    v->from < rq->versions[i].to)
			return rl_error(d, &st->loc,
			    "this version overlaps an earlier one of %s",
			    rq->id);
	for (const struct rl_stmt *c = st->child; c != NULL; c = c->next) {
		if (strcmp(c->kw, "text") == 0) {
			if ((er = no_block(c, d)) != AT_OK ||
			    (er = check_keys(c, NULL, d)) != AT_OK ||
			    (er = check_npos(c, 1, 1, "one string", d)) !=
				AT_OK)
				return er;
			v->text = pos(c, 0)->val;
		} else if (strcmp(c->kw, "under") == 0) {
			if ((er = do_under(v, c, d)) != AT_OK)
				return er;
		} else
			return rl_error(d, &c->loc,
			    "unknown statement '%s' in 'version' (text, under)",
			    c->kw);
	}
	if (v->nreadings == 0)
		return rl_error(d, &st->loc,
		    "a version needs at least one 'under' reading");
	return AT_OK;
}

/* A one-value statement in a block: citation "...", title "...". */
static enum at_err
one_value(const struct rl_stmt *st, const char **out, struct at_diag *d)
{
	enum at_err er;

	if ((er = no_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 1, "one value", d)) != AT_OK)
		return er;
	if (*out != NULL)
		return rl_error(d, &st->loc, "'%s' given twice", st->kw);
	*out = pos(st, 0)->val;
	return AT_OK;
}

static enum at_err
do_requirement(struct stage *sg, const struct rl_stmt *st,
    struct at_diag *d)
{
	struct rl_requirement *rq;
	enum at_err er;

	if ((er = need_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 1, "an id", d)) != AT_OK ||
	    (er = id_arg(pos(st, 0), "requirement", d)) != AT_OK)
		return er;
	rq = GROW(sg->reqs, sg->nreqs);
	rq->id = pos(st, 0)->val;
	rq->loc = st->loc;
	for (const struct rl_stmt *c = st->child; c != NULL; c = c->next) {
		if (strcmp(c->kw, "citation") == 0)
			er = one_value(c, &rq->citation, d);
		else if (strcmp(c->kw, "title") == 0)
			er = one_value(c, &rq->title, d);
		else if (strcmp(c->kw, "source") == 0)
			er = one_value(c, &rq->source, d);
		else if (strcmp(c->kw, "version") == 0)
			er = do_version(rq, c, d);
		else
			er = rl_error(d, &c->loc,
			    "unknown statement '%s' in 'requirement' "
			    "(citation, title, source, version)", c->kw);
		if (er != AT_OK)
			return er;
	}
	if (rq->citation == NULL)
		return rl_error(d, &st->loc,
		    "requirement %s needs a citation (e.g. citation \"8 "
		    "U.S.C. 1373(a)\")", rq->id);
	if (rq->nversions == 0)
		return rl_error(d, &st->loc,
		    "requirement %s needs at least one version", rq->id);
	return AT_OK;
}

static enum at_err
do_condition(struct stage *sg, const struct rl_stmt *st, struct at_diag *d)
{
	struct rl_condition *c;
	const char *fy = NULL;
	enum at_err er;

	if ((er = need_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 1, "an id", d)) != AT_OK ||
	    (er = id_arg(pos(st, 0), "condition", d)) != AT_OK)
		return er;
	c = GROW(sg->conds, sg->nconds);
	c->id = pos(st, 0)->val;
	c->loc = st->loc;
	for (const struct rl_stmt *s = st->child; s != NULL; s = s->next) {
		if (strcmp(s->kw, "citation") == 0)
			er = one_value(s, &c->citation, d);
		else if (strcmp(s->kw, "title") == 0)
			er = one_value(s, &c->title, d);
		else if (strcmp(s->kw, "program") == 0)
			er = one_value(s, &c->program, d);
		else if (strcmp(s->kw, "number") == 0)
			er = one_value(s, &c->number, d);
		else if (strcmp(s->kw, "fiscal-year") == 0) {
			er = one_value(s, &fy, d);
			if (er == AT_OK) {
				char *end;
				long y = strtol(fy, &end, 10);

				if (*end != '\0' || y < 1990 || y > 2100)
					er = rl_error(d, &pos(s, 0)->loc,
					    "'%s' is not a fiscal year", fy);
				c->fiscal_year = y;
			}
		} else if (strcmp(s->kw, "due") == 0) {
			int32_t day;

			er = one_value(s, &c->due, d);
			if (er == AT_OK)
				er = date_arg(pos(s, 0), 0, &day, d);
		} else if (strcmp(s->kw, "reach") == 0) {
			const char *r = NULL;

			er = one_value(s, &r, d);
			if (er == AT_OK && strcmp(r, "jurisdiction") == 0)
				c->reach_jurisdiction = true;
			else if (er == AT_OK && strcmp(r, "agencies") != 0)
				er = rl_error(d, &pos(s, 0)->loc,
				    "reach is 'jurisdiction' or 'agencies', "
				    "not '%s'", r);
		} else if (strcmp(s->kw, "requires") == 0) {
			if ((er = no_block(s, d)) != AT_OK ||
			    (er = check_keys(s, NULL, d)) != AT_OK ||
			    (er = check_npos(s, 1, 64, "requirement ids",
				 d)) != AT_OK)
				return er;
			for (size_t i = 0; i < npos(s); i++) {
				if ((er = id_arg(pos(s, i), "requirement",
					 d)) != AT_OK)
					return er;
				const char **slot = GROW(c->requires,
				    c->nrequires);

				*slot = pos(s, i)->val;
			}
		} else
			er = rl_error(d, &s->loc,
			    "unknown statement '%s' in 'condition' (citation, "
			    "title, program, fiscal-year, number, due, reach, "
			    "requires)", s->kw);
		if (er != AT_OK)
			return er;
	}
	if (c->nrequires == 0)
		return rl_error(d, &st->loc,
		    "condition %s needs 'requires' with its clauses", c->id);
	return AT_OK;
}

/* Shapes of the statements a test may hold: keyword, positional count,
 * allowed keys. */
static const struct {
	const char *kw;
	size_t minpos, maxpos;
	const char *const keys[16];
} test_stmts[] = {
	{ "as-of", 1, 1, { NULL } },
	{ "interpretation", 1, 1, { NULL } },
	{ "jurisdiction", 1, 1, { "name", "kind", "parent", "from", "to",
	    NULL } },
	{ "agency", 1, 1, { "jurisdiction", "name", NULL } },
	{ "policy", 1, 1, { "jurisdiction", "kind", "title", "citation",
	    "adopted", "binds", "from", "to", NULL } },
	{ "provision", 1, 1, { "policy", "type", "section", "excerpt",
	    "exceptions", "scope", "from", "to", NULL } },
	{ "award", 1, 1, { "agency", "program", "fy", "date", NULL } },
	{ "condition", 1, 1, { "program", "fy", "number", "title",
	    "requirements", "from", "to", NULL } },
	{ "ruling", 1, 1, { "kind", "scope", "conditions", "plaintiffs",
	    "members-of", "target", "superseded-by", "date", "from", "to",
	    "case", "court", NULL } },
	{ "expect", 3, 3, { "underlying", "as-of", "interpretation", NULL } },
};

static enum at_err
do_test(struct stage *sg, const struct rl_stmt *st, struct at_diag *d)
{
	struct rl_test *t;
	size_t nexpect = 0;
	enum at_err er;

	if ((er = need_block(st, d)) != AT_OK ||
	    (er = check_keys(st, NULL, d)) != AT_OK ||
	    (er = check_npos(st, 1, 1, "a name in quotes", d)) != AT_OK)
		return er;
	for (size_t i = 0; i < sg->ntests; i++)
		if (strcmp(sg->tests[i].name, pos(st, 0)->val) == 0)
			return rl_error(d, &st->loc,
			    "a test named \"%s\" is already in this file",
			    pos(st, 0)->val);
	for (const struct rl_stmt *c = st->child; c != NULL; c = c->next) {
		size_t k;

		for (k = 0; k < sizeof(test_stmts) / sizeof(test_stmts[0]);
		     k++)
			if (strcmp(test_stmts[k].kw, c->kw) == 0)
				break;
		if (k == sizeof(test_stmts) / sizeof(test_stmts[0]))
			return rl_error(d, &c->loc,
			    "unknown statement '%s' in a test", c->kw);
		if ((er = no_block(c, d)) != AT_OK ||
		    (er = check_keys(c, test_stmts[k].keys, d)) != AT_OK ||
		    (er = check_npos(c, test_stmts[k].minpos,
			 test_stmts[k].maxpos,
			 test_stmts[k].maxpos == 3
			     ? "a jurisdiction, a target and an outcome"
			     : "one value",
			 d)) != AT_OK)
			return er;
		if (strcmp(c->kw, "expect") == 0) {
			enum rules_outcome o;
			const struct rl_arg *u = named(c, "underlying");

			nexpect++;
			if (rules_outcome_parse(pos(c, 2)->val, &o) != AT_OK)
				return rl_error(d, &pos(c, 2)->loc,
				    "'%s' is not an outcome (complies, "
				    "conflicts, unknown, not_applicable, "
				    "not_enforced)", pos(c, 2)->val);
			if (u != NULL &&
			    (rules_outcome_parse(u->val, &o) != AT_OK ||
				o == RULES_NOT_ENFORCED))
				return rl_error(d, &u->loc,
				    "'%s' is not an underlying outcome",
				    u->val);
		}
		if (strcmp(c->kw, "as-of") == 0 || named(c, "as-of") != NULL) {
			const struct rl_arg *g = strcmp(c->kw, "as-of") == 0
			    ? pos(c, 0) : named(c, "as-of");
			int32_t day;

			if ((er = date_arg(g, 0, &day, d)) != AT_OK)
				return er;
		}
	}
	if (nexpect == 0)
		return rl_error(d, &st->loc, "test \"%s\" expects nothing",
		    pos(st, 0)->val);
	t = GROW(sg->tests, sg->ntests);
	t->name = pos(st, 0)->val;
	t->st = st;
	return AT_OK;
}

static void
stage_fini(struct stage *sg)
{
	for (size_t i = 0; i < sg->nreqs; i++) {
		for (size_t v = 0; v < sg->reqs[i].nversions; v++)
			free(sg->reqs[i].versions[v].readings);
		free(sg->reqs[i].versions);
	}
	for (size_t i = 0; i < sg->nconds; i++)
		free(sg->conds[i].requires);
	free(sg->interps);
	free(sg->inherit);
	free(sg->reqs);
	free(sg->conds);
	free(sg->tests);
}

/* Move heap arrays of a staged requirement or condition into the arena
 * the set keeps, so the set frees one arena per file. */
static void
move_req(struct rules_arena *a, struct rl_requirement *dst,
    const struct rl_requirement *src)
{
	*dst = *src;
	dst->versions = rarena_alloc(a, src->nversions * sizeof(*src->versions));
	for (size_t v = 0; v < src->nversions; v++) {
		struct rl_version *nv = &dst->versions[v];

		*nv = src->versions[v];
		nv->readings = rarena_alloc(a,
		    nv->nreadings * sizeof(*nv->readings));
		if (nv->nreadings > 0)
			memcpy(nv->readings, src->versions[v].readings,
			    nv->nreadings * sizeof(*nv->readings));
	}
}

static void
move_cond(struct rules_arena *a, struct rl_condition *dst,
    const struct rl_condition *src)
{
	*dst = *src;
	dst->requires = rarena_alloc(a, src->nrequires * sizeof(char *));
	memcpy(dst->requires, src->requires, src->nrequires * sizeof(char *));
	dst->req_ix = rarena_alloc(a, src->nrequires * sizeof(size_t));
}

/* Refuse what another file declared already. */
static enum at_err
check_dupes(const struct rules_set *rs, const struct stage *sg,
    struct at_diag *d)
{
	for (size_t i = 0; i < sg->ninterps; i++) {
		for (size_t j = 0; j < rs->ninterps; j++)
			if (strcmp(rs->interps[j].name, sg->interps[i].name) == 0)
				goto dup_interp;
		for (size_t j = 0; j < i; j++)
			if (strcmp(sg->interps[j].name, sg->interps[i].name) == 0)
				goto dup_interp;
		continue;
dup_interp:
		(void)rl_error(d, &sg->interps[i].loc,
		    "interpretation %s is declared twice", sg->interps[i].name);
		return AT_CONFLICT;
	}
	for (size_t i = 0; i < sg->ntypes; i++)
		if (rs->types[sg->types[i].t].declared) {
			(void)rl_error(d, &sg->types[i].loc,
			    "type P%02d is declared in another file",
			    sg->types[i].t);
			return AT_CONFLICT;
		}
	for (size_t i = 0; i < sg->nreqs; i++) {
		bool dup = rl_set_requirement(rs, sg->reqs[i].id) != NULL;

		for (size_t j = 0; j < i; j++)
			if (strcmp(sg->reqs[j].id, sg->reqs[i].id) == 0)
				dup = true;
		if (dup) {
			(void)rl_error(d, &sg->reqs[i].loc,
			    "requirement %s is declared twice", sg->reqs[i].id);
			return AT_CONFLICT;
		}
	}
	for (size_t i = 0; i < sg->nconds; i++) {
		bool dup = rl_set_condition(rs, sg->conds[i].id) != NULL;

		for (size_t j = 0; j < i; j++)
			if (strcmp(sg->conds[j].id, sg->conds[i].id) == 0)
				dup = true;
		if (dup) {
			(void)rl_error(d, &sg->conds[i].loc,
			    "condition %s is declared twice", sg->conds[i].id);
			return AT_CONFLICT;
		}
	}
	return AT_OK;
}

static void
merge(struct rules_set *rs, struct stage *sg)
{
	size_t n;

	n = rs->ninterps + sg->ninterps;
	rs->interps = xreallocarray(rs->interps, n + 1, sizeof(*rs->interps));
	if (sg->ninterps > 0)
		memcpy(rs->interps + rs->ninterps, sg->interps,
		    sg->ninterps * sizeof(*sg->interps));
	rs->ninterps = n;
	for (size_t i = 0; i < sg->ntypes; i++) {
		int t = sg->types[i].t;

		rs->types[t].label = sg->types[i].label;
		rs->types[t].role = sg->types[i].role;
		rs->types[t].declared = true;
	}
	n = rs->ninherit + sg->ninherit;
	rs->inherit = xreallocarray(rs->inherit, n + 1, sizeof(char *));
	if (sg->ninherit > 0)
		memcpy(rs->inherit + rs->ninherit, sg->inherit,
		    sg->ninherit * sizeof(char *));
	rs->ninherit = n;
	if (sg->inherit_agencies)
		rs->inherit_agencies = true;
	rs->reqs = xreallocarray(rs->reqs, rs->nreqs + sg->nreqs + 1,
	    sizeof(*rs->reqs));
	for (size_t i = 0; i < sg->nreqs; i++)
		move_req(sg->a, &rs->reqs[rs->nreqs++], &sg->reqs[i]);
	rs->conds = xreallocarray(rs->conds, rs->nconds + sg->nconds + 1,
	    sizeof(*rs->conds));
	for (size_t i = 0; i < sg->nconds; i++)
		move_cond(sg->a, &rs->conds[rs->nconds++], &sg->conds[i]);
	n = rs->ntests + sg->ntests;
	rs->tests = xreallocarray(rs->tests, n + 1, sizeof(*rs->tests));
	if (sg->ntests > 0)
		memcpy(rs->tests + rs->ntests, sg->tests,
		    sg->ntests * sizeof(*sg->tests));
	rs->ntests = n;
	rs->arenas = xreallocarray(rs->arenas, rs->narenas + 1,
	    sizeof(*rs->arenas));
	rs->arenas[rs->narenas++] = sg->a;
	sg->a = NULL;
}

enum at_err
rules_set_add(struct rules_set *rs, const char *file, const char *text,
    size_t len, struct at_diag *d)
{
	struct stage sg;
	struct rl_stmt *top = NULL;
	enum at_err er;

	if (len > FILE_MAX) {
		struct rl_loc z = { file, 1, 1 };

		(void)rl_error(d, &z, "file larger than %u bytes", FILE_MAX);
		return AT_LIMIT;
	}
	memset(&sg, 0, sizeof(sg));
	sg.a = rarena_new();
	er = rl_lex_parse(sg.a, file, text, len, &top, d);
	if (er != AT_OK)
		goto out;
	for (const struct rl_stmt *st = top; st != NULL; st = st->next) {
		if (strcmp(st->kw, "interpretation") == 0)
			er = do_interpretation(&sg, st, d);
		else if (strcmp(st->kw, "type") == 0)
			er = do_type(&sg, st, d);
		else if (strcmp(st->kw, "inherit") == 0)
			er = do_inherit(&sg, st, d);
		else if (strcmp(st->kw, "requirement") == 0)
			er = do_requirement(&sg, st, d);
		else if (strcmp(st->kw, "condition") == 0)
			er = do_condition(&sg, st, d);
		else if (strcmp(st->kw, "test") == 0)
			er = do_test(&sg, st, d);
		else
			er = rl_error(d, &st->loc,
			    "unknown statement '%s' (interpretation, type, "
			    "inherit, requirement, condition, test)", st->kw);
		if (er != AT_OK)
			goto out;
	}
	er = check_dupes(rs, &sg, d);
	if (er != AT_OK)
		goto out;
	merge(rs, &sg);
	rs->finished = false;
out:
	stage_fini(&sg);
	rarena_free(sg.a);
	return er;
}

enum at_err
rules_set_finish(struct rules_set *rs, struct at_diag *d)
{
	for (size_t i = 0; i < rs->nreqs; i++) {
		struct rl_requirement *rq = &rs->reqs[i];

		for (size_t v = 0; v < rq->nversions; v++) {
			struct rl_version *ver = &rq->versions[v];

			for (size_t r = 0; r < ver->nreadings; r++) {
				struct rl_reading *rd = &ver->readings[r];
				bool found = strcmp(rd->interp, "*") == 0;

				for (size_t k = 0; !found && k < rs->ninterps;
				     k++)
					if (strcmp(rs->interps[k].name,
						rd->interp) == 0) {
						rd->interp_ix = k;
						found = true;
					}
				if (!found)
					return rl_error(d, &rd->loc,
					    "no interpretation named '%s' is "
					    "declared", rd->interp);
				for (int t = 1; t < RL_NTYPES; t++)
					for (int s = 1; s < RL_NTYPES; s++)
						if ((rd->saved_by[t] >> s & 1) &&
						    rs->types[s].declared &&
						    rs->types[s].role !=
							ROLE_SAVING)
							return rl_error(d,
							    &rd->loc,
							    "P%02d saves P%02d "
							    "but is not "
							    "declared with "
							    "role=saving", s,
							    t);
			}
		}
	}
	for (size_t i = 0; i < rs->nconds; i++) {
		struct rl_condition *c = &rs->conds[i];

		for (size_t k = 0; k < c->nrequires; k++) {
			bool found = false;

			for (size_t j = 0; j < rs->nreqs; j++)
				if (strcmp(rs->reqs[j].id, c->requires[k]) ==
				    0) {
					c->req_ix[k] = j;
					found = true;
				}
			if (!found)
				return rl_error(d, &c->loc,
				    "condition %s requires %s, which no rule "
				    "file declares", c->id, c->requires[k]);
		}
	}
	if (rs->ninterps == 0 && (rs->nreqs > 0 || rs->ntests > 0)) {
		struct rl_loc z = { rs->nreqs > 0 ? rs->reqs[0].loc.file
						  : rs->tests[0].st->loc.file,
			1, 1 };

		return rl_error(d, &z, "no interpretation is declared");
	}
	for (size_t i = 0; i < rs->ntests; i++) {
		for (const struct rl_stmt *c = rs->tests[i].st->child; c != NULL;
		     c = c->next) {
			const struct rl_arg *g = NULL;

			if (strcmp(c->kw, "interpretation") == 0)
				g = pos(c, 0);
			else if (strcmp(c->kw, "expect") == 0)
				g = named(c, "interpretation");
			if (g != NULL &&
			    !rules_set_has_interpretation(rs, g->val))
				return rl_error(d, &g->loc,
				    "no interpretation named '%s' is declared",
				    g->val);
		}
	}
	rs->finished = true;
	return AT_OK;
}

struct rules_set *
rules_set_new(void)
{
	return xcalloc(1, sizeof(struct rules_set));
}

void
rules_set_free(struct rules_set *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->narenas; i++)
		rarena_free(rs->arenas[i]);
	free(rs->arenas);
	free(rs->interps);
	free(rs->inherit);
	free(rs->reqs);
	free(rs->conds);
	free(rs->tests);
	free(rs);
}

size_t
rules_set_ninterpretations(const struct rules_set *rs)
{
	return rs->ninterps;
}

const char *
rules_set_interpretation(const struct rules_set *rs, size_t i)
{
	return i < rs->ninterps ? rs->interps[i].name : NULL;
}

bool
rules_set_has_interpretation(const struct rules_set *rs, const char *name)
{
	for (size_t i = 0; i < rs->ninterps; i++)
		if (strcmp(rs->interps[i].name, name) == 0)
			return true;
	return false;
}

size_t
rules_set_nrequirements(const struct rules_set *rs)
{
	return rs->nreqs;
}

size_t
rules_set_nconditions(const struct rules_set *rs)
{
	return rs->nconds;
}

size_t
rules_set_ntests(const struct rules_set *rs)
{
	return rs->ntests;
}

const struct rl_requirement *
rl_set_requirement(const struct rules_set *rs, const char *id)
{
	for (size_t i = 0; i < rs->nreqs; i++)
		if (strcmp(rs->reqs[i].id, id) == 0)
			return &rs->reqs[i];
	return NULL;
}

const struct rl_condition *
rl_set_condition(const struct rules_set *rs, const char *id)
{
	for (size_t i = 0; i < rs->nconds; i++)
		if (strcmp(rs->conds[i].id, id) == 0)
			return &rs->conds[i];
	return NULL;
}

bool
rl_set_inherits(const struct rules_set *rs, const char *kind)
{
	if (kind == NULL)
		return false;
	for (size_t i = 0; i < rs->ninherit; i++)
		if (strcmp(rs->inherit[i], kind) == 0)
			return true;
	return false;
}

static const char *const outcome_names[RULES_OUTCOME__MAX] = {
	[RULES_COMPLIES] = "complies",
	[RULES_CONFLICTS] = "conflicts",
	[RULES_UNKNOWN] = "unknown",
	[RULES_NOT_APPLICABLE] = "not_applicable",
	[RULES_NOT_ENFORCED] = "not_enforced",
};

const char *
rules_outcome_name(enum rules_outcome o)
{
	if ((int)o < 0 || o >= RULES_OUTCOME__MAX)
		abort();
	return outcome_names[o];
}

enum at_err
rules_outcome_parse(const char *s, enum rules_outcome *out)
{
	for (int i = 0; i < RULES_OUTCOME__MAX; i++)
		if (s != NULL && strcmp(outcome_names[i], s) == 0) {
			*out = (enum rules_outcome)i;
			return AT_OK;
		}
	return AT_EINVAL;
}
