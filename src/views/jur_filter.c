/* SPDX-License-Identifier: ISC */
/*
 * The outcome and designation filters of the jurisdictions list, read
 * from a request once and shared by the page (/jurisdictions) and the
 * API (/api/v1/jurisdictions), so both answer the same filter with the
 * same jurisdictions and refuse the same bad input with the same words.
 * It filters; it does not search, sort or page (each front end does).
 */
#include "views/views.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"

/* Sorted ids, for membership tests by bsearch. */
struct idset {
	char **v; /* owned, each owned */
	size_t n, cap;
	bool on; /* the filter is in use (an empty set matches nothing) */
};

struct jur_filter {
	struct idset by_outcome, by_designation;
	struct idset directives; /* every directive with a designation */
	struct idset conditions; /* every condition, for the page's form */
};

static void
idset_add(struct idset *s, const char *id)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(id);
}

static int
idcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
idset_sort(struct idset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), idcmp);
}

static bool
idset_has(const struct idset *s, const char *id)
{
	return s->n > 0 &&
	    bsearch(&id, s->v, s->n, sizeof(*s->v), idcmp) != NULL;
}

static void
idset_fini(struct idset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct outcome_filter {
	struct idset *set;
	enum rules_outcome want;
};

static void
outcome_one(void *ctx, const char *jurisdiction, enum rules_outcome o)
{
	struct outcome_filter *f = ctx;

	if (o == f->want)
		idset_add(f->set, jurisdiction);
}

/* The jurisdictions whose outcome for the request's condition, day and
 * reading is the request's outcome.  A problem for the visitor goes to
 * *why (400). */
static enum at_err
filter_outcome(struct web_req *r, struct idset *set, const char **why)
{
	const char *want = web_arg(r, "outcome");
	const char *cond = web_arg(r, "condition");
	struct outcome_filter f;
	struct outcome_view v;
	enum at_err er;

	if (want == NULL)
		return AT_OK;
	if (cond == NULL) {
		*why = "condition: choose the condition the outcome is for";
		return AT_EINVAL;
	}
	if (r->rules == NULL) {
		*why = "outcome: the rules did not load, so there are no "
		       "outcomes to filter by";
		return AT_EINVAL;
	}
	if (outcome_view_args(r, &v) != AT_OK) {
		*why = "interpretation: the rules have no such reading";
		return AT_EINVAL;
	}
	if (rules_outcome_parse(want, &f.want) != AT_OK) {
		*why = "outcome: not an outcome";
		return AT_EINVAL;
	}
	f.set = set;
	set->on = true;
	er = outcome_map(r, &v, cond, outcome_one, &f);
	if (er == AT_NOTFOUND || er == AT_EINVAL) {
		*why = "condition: the rules know no such condition";
		return AT_EINVAL;
	}
	if (er != AT_OK) {
		*why = "outcome: the rules engine could not evaluate it";
		return AT_EINVAL;
	}
	idset_sort(set);
	return AT_OK;
}

struct desig_ctx {
	const char *want; /* a directive id, or "any" */
	struct idset *set;
	struct idset *directives;
};

static int
desig_cb(void *ctx, const struct model_record *rec)
{
	struct desig_ctx *x = ctx;
	int di = model_field_index(KIND_DESIGNATION, "directive");
	int ji = model_field_index(KIND_DESIGNATION, "jurisdiction");
	const char *dir = di >= 0 ? model_record_text(rec, (size_t)di) : NULL;
	const char *jur = ji >= 0 ? model_record_text(rec, (size_t)ji) : NULL;

	if (dir == NULL || jur == NULL)
		return 0;
	if (!idset_has(x->directives, dir)) {
		idset_add(x->directives, dir);
		idset_sort(x->directives);
	}
	if (x->want != NULL && (strcmp(x->want, "any") == 0 ||
	    strcmp(x->want, dir) == 0))
		idset_add(x->set, jur);
	return 0;
}

/* The jurisdictions a directive (or any) designates, and the directives
 * that designate any, for the page's form. */
static enum at_err
filter_designation(struct web_req *r, struct idset *set,
    struct idset *directives)
{
	struct desig_ctx x = { web_arg(r, "designation"), set, directives };
	enum at_err er;

	set->on = x.want != NULL;
	er = store_record_each(r->store, KIND_DESIGNATION, NULL, desig_cb, &x);
	idset_sort(set);
	return er;
}

static int
cond_cb(void *ctx, const struct model_record *rec)
{
	idset_add(ctx, model_record_id(rec));
	return 0;
}

enum at_err
jur_filter_load(struct web_req *r, bool for_form, struct jur_filter **out,
    const char **why)
{
	struct jur_filter *f = xcalloc(1, sizeof(*f));
	enum at_err er;

	er = filter_outcome(r, &f->by_outcome, why);
	if (er == AT_OK && filter_designation(r, &f->by_designation,
	    &f->directives) != AT_OK)
		er = AT_DB;
	if (er == AT_OK && for_form && store_record_each(r->store,
	    KIND_CONDITION, NULL, cond_cb, &f->conditions) != AT_OK)
		er = AT_DB;
	if (er != AT_OK) {
		jur_filter_free(f);
		return er;
	}
	*out = f;
	return AT_OK;
}

bool
jur_filter_on(const struct jur_filter *f)
{
	return f->by_outcome.on || f->by_designation.on;
}

bool
jur_filter_match(const struct jur_filter *f, const char *id)
{
	if (f->by_outcome.on && !idset_has(&f->by_outcome, id))
		return false;
	if (f->by_designation.on && !idset_has(&f->by_designation, id))
		return false;
	return true;
}

const char *const *
jur_filter_choices(const struct jur_filter *f, bool directives, size_t *n)
{
	const struct idset *s = directives ? &f->directives : &f->conditions;

	*n = s->n;
	return (const char *const *)s->v;
}

void
jur_filter_free(struct jur_filter *f)
{
	if (f == NULL)
		return;
	idset_fini(&f->by_outcome);
	idset_fini(&f->by_designation);
	idset_fini(&f->directives);
	idset_fini(&f->conditions);
	free(f);
}
