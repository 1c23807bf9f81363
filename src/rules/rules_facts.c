/* SPDX-License-Identifier: ISC */
/*
 * The facts the engine reads, copied into one arena and indexed: ids to
 * indexes by open-addressing hash tables, and for each jurisdiction its
 * policies and agencies, for each policy its provisions, for each agency
 * its awards, as contiguous index ranges.  Built once, read by every
 * evaluation; nothing here decides an outcome.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define ADD(f, arr, n, cap)                                              \
	(((n) == (cap) ? ((cap) = (cap) ? (cap) * 2 : 64,                \
			     (arr) = xreallocarray((arr), (cap),         \
				 sizeof(*(arr))))                        \
		       : 0),                                             \
	    memset(&(arr)[(n)], 0, sizeof(*(arr))), &(arr)[(n)++])

struct rules_facts *
rules_facts_new(void)
{
	struct rules_facts *f = xcalloc(1, sizeof(*f));

	f->arena = rarena_new();
	return f;
}

struct rules_facts *
rules_facts_new_lean(void)
{
	struct rules_facts *f = rules_facts_new();

	f->lean = true;
	return f;
}

static const char *const type_names[RL_NTYPES] = { NULL, "P01", "P02", "P03",
	"P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "P13",
	"P14", "P15", "P16", "P17", "P18", "P19", "P20" };

const char *
rl_type_name(int t)
{
	return t > 0 && t < RL_NTYPES ? type_names[t] : NULL;
}

static void
hash_fini(struct rl_hash *h)
{
	free(h->slot);
}

void
rules_facts_free(struct rules_facts *f)
{
	if (f == NULL)
		return;
	rarena_free(f->arena);
	free(f->jur);
	free(f->ag);
	free(f->pol);
	free(f->pv);
	free(f->aw);
	free(f->cond);
	free(f->req);
	free(f->rul);
	free(f->jur_pol);
	free(f->jur_ag);
	free(f->ag_aw);
	free(f->pol_pv);
	hash_fini(&f->hjur);
	hash_fini(&f->hag);
	hash_fini(&f->hpol);
	hash_fini(&f->hcond);
	hash_fini(&f->hreq);
	hash_fini(&f->hrul);
	free(f);
}

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

typedef const char *(*id_fn)(const struct rules_facts *f, size_t i);

static const char *
jur_id(const struct rules_facts *f, size_t i)
{
	return f->jur[i].id;
}
static const char *
ag_id(const struct rules_facts *f, size_t i)
{
	return f->ag[i].id;
}
static const char *
pol_id(const struct rules_facts *f, size_t i)
{
	return f->pol[i].id;
}
static const char *
cond_id(const struct rules_facts *f, size_t i)
{
	return f->cond[i].id;
}
static const char *
req_id(const struct rules_facts *f, size_t i)
{
	return f->req[i].id;
}
static const char *
rul_id(const struct rules_facts *f, size_t i)
{
	return f->rul[i].id;
}

/* Build h over n ids; *dup is the index of a repeated id, or -1. */
static void
hash_build(const struct rules_facts *f, struct rl_hash *h, size_t n,
    id_fn idof, int32_t *dup)
{
	size_t cap = 16;

	*dup = -1;
	while (cap < n * 2)
		cap *= 2;
	free(h->slot);
	h->slot = xcalloc(cap, sizeof(*h->slot));
	h->cap = cap;
	for (size_t i = 0; i < n; i++) {
		size_t k = hash_str(idof(f, i)) & (cap - 1);

		while (h->slot[k] != 0) {
			if (strcmp(idof(f, (size_t)h->slot[k] - 1),
				idof(f, i)) == 0 &&
			    *dup < 0)
				*dup = (int32_t)i;
			k = (k + 1) & (cap - 1);
		}
		h->slot[k] = (int32_t)i + 1;
	}
}

static int32_t
hash_find(const struct rules_facts *f, const struct rl_hash *h, id_fn idof,
    const char *id)
{
	size_t k;

	if (h->cap == 0 || id == NULL)
		return -1;
	k = hash_str(id) & (h->cap - 1);
	while (h->slot[k] != 0) {
		if (strcmp(idof(f, (size_t)h->slot[k] - 1), id) == 0)
			return h->slot[k] - 1;
		k = (k + 1) & (h->cap - 1);
	}
	return -1;
}

int32_t
rl_facts_jur(const struct rules_facts *f, const char *id)
{
	return hash_find(f, &f->hjur, jur_id, id);
}

int32_t
rl_facts_cond(const struct rules_facts *f, const char *id)
{
	return hash_find(f, &f->hcond, cond_id, id);
}

int32_t
rl_facts_req(const struct rules_facts *f, const char *id)
{
	return hash_find(f, &f->hreq, req_id, id);
}

static const char *
dup(struct rules_facts *f, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return NULL;
	return rarena_strdup(f->arena, s);
}

/* dup, sharing the copy with the previous call's when s is the same. */
static const char *
dup_last(struct rules_facts *f, const char **last, const char *s)
{
	if (s != NULL && *last != NULL && strcmp(*last, s) == 0)
		return *last;
	*last = dup(f, s);
	return *last;
}

/* A date as text for explanations; lean facts keep none. */
static const char *
dup_text(struct rules_facts *f, const char *s)
{
	return f->lean ? NULL : dup(f, s);
}

/* Split a ';' or ',' separated list into l. */
static void
list_set(struct rules_facts *f, struct rl_idlist *l, const char *s)
{
	size_t n = 0;
	const char *p;

	memset(l, 0, sizeof(*l));
	if (s == NULL || s[0] == '\0')
		return;
	n = 1;
	for (p = s; *p != '\0'; p++)
		if (*p == ';' || *p == ',')
			n++;
	l->ids = rarena_alloc(f->arena, n * sizeof(*l->ids));
	l->ix = rarena_alloc(f->arena, n * sizeof(*l->ix));
	p = s;
	while (*p != '\0') {
		size_t k = strcspn(p, ";,");

		if (k > 0)
			l->ids[l->n++] = rarena_strndup(f->arena, p, k);
		p += k;
		if (*p != '\0')
			p++;
	}
}

static enum at_err
dates(const char *what, const char *id, const char *from, const char *to,
    int32_t *dfrom, int32_t *dto, struct at_diag *d)
{
	if (rl_day_parse(from, RL_DAY_MIN, dfrom) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "valid_from",
		    "%s %s: \"%s\" is not a date", what, id, from);
	if (rl_day_parse(to, RL_DAY_MAX, dto) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "valid_to",
		    "%s %s: \"%s\" is not a date", what, id, to);
	/* Equal ends make an empty span: never in force. */
	if (*dto < *dfrom)
		return at_diag_set(d, AT_EINVAL, "valid_to",
		    "%s %s: valid_to is before valid_from", what, id);
	return AT_OK;
}

static enum at_err
need_id(const char *what, const char *id, struct rules_facts *f,
    struct at_diag *d)
{
	if (f->finished)
		return at_diag_set(d, AT_CONFLICT, NULL,
		    "facts are finished; no more can be added");
	if (id == NULL || id[0] == '\0')
		return at_diag_set(d, AT_EINVAL, "id", "%s without an id",
		    what);
	return AT_OK;
}

enum at_err
rules_facts_add_jurisdiction(struct rules_facts *f,
    const struct rules_jurisdiction_in *in, struct at_diag *d)
{
	struct fj j;
	enum at_err er;

	memset(&j, 0, sizeof(j));
	if ((er = need_id("jurisdiction", in->id, f, d)) != AT_OK ||
	    (er = dates("jurisdiction", in->id, in->valid_from, in->valid_to,
		 &j.from, &j.to, d)) != AT_OK)
		return er;
	j.id = dup(f, in->id);
	j.name = dup(f, in->name != NULL ? in->name : in->id);
	j.kind = dup(f, in->kind);
	j.parent_s = dup(f, in->parent);
	j.parent = -1;
	*ADD(f, f->jur, f->njur, f->capjur) = j;
	return AT_OK;
}

enum at_err
rules_facts_add_agency(struct rules_facts *f, const struct rules_agency_in *in,
    struct at_diag *d)
{
	struct fa *a;
	enum at_err er;

	if ((er = need_id("agency", in->id, f, d)) != AT_OK)
		return er;
	if (in->jurisdiction == NULL)
		return at_diag_set(d, AT_EINVAL, "jurisdiction",
		    "agency %s has no jurisdiction", in->id);
	a = ADD(f, f->ag, f->nag, f->capag);
	a->id = dup(f, in->id);
	a->name = dup(f, in->name != NULL ? in->name : in->id);
	a->jur_s = dup(f, in->jurisdiction);
	a->jur = -1;
	return AT_OK;
}

enum at_err
rules_facts_add_policy(struct rules_facts *f, const struct rules_policy_in *in,
    struct at_diag *d)
{
	struct fp p;
	enum at_err er;

	memset(&p, 0, sizeof(p));
	if ((er = need_id("policy", in->id, f, d)) != AT_OK ||
	    (er = dates("policy", in->id, in->valid_from, in->valid_to, &p.from,
		 &p.to, d)) != AT_OK)
		return er;
	if (in->jurisdiction == NULL)
		return at_diag_set(d, AT_EINVAL, "jurisdiction",
		    "policy %s has no jurisdiction", in->id);
	p.id = dup(f, in->id);
	p.jur_s = dup(f, in->jurisdiction);
	p.kind = dup(f, in->kind);
	p.title = dup(f, in->title);
	p.citation = dup(f, in->citation != NULL ? in->citation : in->id);
	p.adopted = dup(f, in->adopted);
	p.from_s = dup_text(f, in->valid_from);
	p.to_s = dup_text(f, in->valid_to);
	p.jur = -1;
	list_set(f, &p.binds, in->binds);
	*ADD(f, f->pol, f->npol, f->cappol) = p;
	return AT_OK;
}

enum at_err
rules_facts_add_provision(struct rules_facts *f,
    const struct rules_provision_in *in, struct at_diag *d)
{
	struct fv v;
	enum at_err er;

	memset(&v, 0, sizeof(v));
	if ((er = need_id("provision", in->id, f, d)) != AT_OK ||
	    (er = dates("provision", in->id, in->valid_from, in->valid_to,
		 &v.from, &v.to, d)) != AT_OK)
		return er;
	v.type = rl_type_parse(in->type);
	if (v.type == 0)
		return at_diag_set(d, AT_EINVAL, "type",
		    "provision %s: \"%s\" is not a type P01-P20", in->id,
		    in->type != NULL ? in->type : "");
	if (in->policy == NULL)
		return at_diag_set(d, AT_EINVAL, "policy",
		    "provision %s has no policy", in->id);
	/* Only explanations name a provision: lean facts keep no id. */
	v.id = f->lean ? NULL : dup(f, in->id);
	v.pol_s = dup_last(f, &f->last_pol_s, in->policy);
	if (!f->lean) {
		struct fv_text *t = rarena_alloc(f->arena, sizeof(*t));

		t->section = dup(f, in->section);
		t->excerpt = dup(f, in->excerpt);
		t->exceptions = dup(f, in->exceptions);
		t->from_s = dup(f, in->valid_from);
		t->to_s = dup(f, in->valid_to);
		v.text = t;
	}
	v.pol = -1;
	if (in->scope != NULL && in->scope[0] != '\0') {
		struct rl_idlist *l = rarena_alloc(f->arena, sizeof(*l));

		list_set(f, l, in->scope);
		if (l->n > 0)
			v.scope = l;
	}
	*ADD(f, f->pv, f->npv, f->cappv) = v;
	return AT_OK;
}

static const char *
provision_name(const char *id)
{
	return id != NULL ? id : "(of a lean load)";
}

static const char *
award_name(const char *id)
{
	return id != NULL ? id : "(of a lean load, without id)";
}

enum at_err
rules_facts_add_award(struct rules_facts *f, const struct rules_award_in *in,
    struct at_diag *d)
{
	struct fw w;
	enum at_err er;

	memset(&w, 0, sizeof(w));
	/* Only explanations name an award: lean facts may go without. */
	if (!(f->lean && in->id == NULL) &&
	    (er = need_id("award", in->id, f, d)) != AT_OK)
		return er;
	if (in->agency == NULL || in->program == NULL)
		return at_diag_set(d, AT_EINVAL, "agency",
		    "award %s needs an agency and a program", award_name(in->id));
	if (rl_day_parse(in->award_date, RL_DAY_MIN, &w.date) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "award_date",
		    "award %s: \"%s\" is not a date", award_name(in->id),
		    in->award_date);
	w.id = dup(f, in->id);
	w.ag_s = dup_last(f, &f->last_ag_s, in->agency);
	w.program = dup_last(f, &f->last_program, in->program);
	w.fy = in->fiscal_year;
	w.date_s = dup_text(f, in->award_date);
	w.ag = -1;
	*ADD(f, f->aw, f->naw, f->capaw) = w;
	return AT_OK;
}

enum at_err
rules_facts_add_condition(struct rules_facts *f,
    const struct rules_condition_in *in, struct at_diag *d)
{
	struct fc c;
	enum at_err er;

	memset(&c, 0, sizeof(c));
	if ((er = need_id("condition", in->id, f, d)) != AT_OK ||
	    (er = dates("condition", in->id, in->valid_from, in->valid_to,
		 &c.from, &c.to, d)) != AT_OK)
		return er;
	c.id = dup(f, in->id);
	c.program = dup(f, in->program);
	c.number = dup(f, in->number);
	c.title = dup(f, in->title);
	c.fy = in->fiscal_year;
	list_set(f, &c.reqs, in->requirements);
	*ADD(f, f->cond, f->ncond, f->capcond) = c;
	return AT_OK;
}

enum at_err
rules_facts_add_requirement(struct rules_facts *f,
    const struct rules_requirement_in *in, struct at_diag *d)
{
	struct fr_req *r;
	enum at_err er;

	if ((er = need_id("requirement", in->id, f, d)) != AT_OK)
		return er;
	r = ADD(f, f->req, f->nreq, f->capreq);
	r->id = dup(f, in->id);
	r->citation = dup(f, in->citation);
	r->title = dup(f, in->title);
	return AT_OK;
}

static const struct {
	const char *name;
	bool protects, narrows;
} ruling_kinds[] = {
	{ "preliminary_injunction", true, false },
	{ "permanent_injunction", true, false },
	{ "appellate", true, false },
	{ "order", true, false },
	{ "agency_notice", true, false },
	{ "stay", false, true },
	{ "vacatur", false, true },
	{ "dismissal", false, false },
};

static const char *const scope_names[] = { [SC_NAMED] = "named_plaintiffs",
	[SC_MEMBERS] = "members", [SC_STATE] = "state_and_subdivisions",
	[SC_NATIONWIDE] = "nationwide", [SC_NONE] = "none" };

enum at_err
rules_facts_add_ruling(struct rules_facts *f, const struct rules_ruling_in *in,
    struct at_diag *d)
{
	struct fr r;
	size_t k;
	int32_t date;
	enum at_err er;

	memset(&r, 0, sizeof(r));
	if ((er = need_id("ruling", in->id, f, d)) != AT_OK)
		return er;
	if (in->kind == NULL)
		return at_diag_set(d, AT_EINVAL, "kind",
		    "ruling %s has no kind", in->id);
	for (k = 0; k < sizeof(ruling_kinds) / sizeof(ruling_kinds[0]); k++)
		if (strcmp(ruling_kinds[k].name, in->kind) == 0)
			break;
	if (k == sizeof(ruling_kinds) / sizeof(ruling_kinds[0]))
		return at_diag_set(d, AT_EINVAL, "kind",
		    "ruling %s: \"%s\" is not a kind of ruling", in->id,
		    in->kind);
	r.protects = ruling_kinds[k].protects;
	r.narrows = ruling_kinds[k].narrows;
	r.scope = SC_NONE;
	if (in->scope != NULL) {
		size_t s;

		for (s = 0; s < sizeof(scope_names) / sizeof(scope_names[0]);
		     s++)
			if (strcmp(scope_names[s], in->scope) == 0)
				break;
		if (s == sizeof(scope_names) / sizeof(scope_names[0]))
			return at_diag_set(d, AT_EINVAL, "scope",
			    "ruling %s: \"%s\" is not a scope", in->id,
			    in->scope);
		r.scope = (enum rl_scope)s;
	}
	if (rl_day_parse(in->date, RL_DAY_MIN, &date) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "date",
		    "ruling %s: \"%s\" is not a date", in->id, in->date);
	if ((er = dates("ruling", in->id,
		 in->valid_from != NULL ? in->valid_from : in->date,
		 in->valid_to, &r.from, &r.to, d)) != AT_OK)
		return er;
	r.id = dup(f, in->id);
	r.case_name = dup(f, in->case_name);
	r.court = dup(f, in->court);
	r.docket = dup(f, in->docket);
	r.kind = ruling_kinds[k].name;
	r.scope_s = scope_names[r.scope];
	r.members_of = dup(f, in->members_of);
	r.target_s = dup(f, in->target);
	r.superseded_s = dup(f, in->superseded_by);
	r.summary = dup(f, in->summary);
	r.date_s = dup(f, in->date);
	r.from_s = dup(f, in->valid_from != NULL ? in->valid_from : in->date);
	r.to_s = dup(f, in->valid_to);
	r.target = r.superseded_by = -1;
	list_set(f, &r.conds, in->conditions);
	list_set(f, &r.plaintiffs, in->plaintiffs);
	*ADD(f, f->rul, f->nrul, f->caprul) = r;
	return AT_OK;
}

/* Counting sort of n children by parent index into a CSR range table. */
static uint32_t *
csr(size_t nparents, size_t n, const int32_t *parent_of, uint32_t *start,
    uint32_t *count)
{
	uint32_t *out = xcalloc(n + 1, sizeof(*out));
	uint32_t *fill = xcalloc(nparents + 1, sizeof(*fill));

	for (size_t i = 0; i < n; i++)
		if (parent_of[i] >= 0)
			count[parent_of[i]]++;
	for (size_t p = 0, acc = 0; p < nparents; p++) {
		start[p] = (uint32_t)acc;
		acc += count[p];
	}
	for (size_t i = 0; i < n; i++)
		if (parent_of[i] >= 0) {
			int32_t p = parent_of[i];

			out[start[p] + fill[p]++] = (uint32_t)i;
		}
	free(fill);
	return out;
}

/*
 * The jurisdiction with id s, trying the one *near found last and the
 * next before the hash: bulk loads hand agencies and policies over in
 * the order of their jurisdiction, as jurisdictions are (by id).
 */
static int32_t
jur_near(const struct rules_facts *f, int32_t *near, const char *s)
{
	int32_t j = *near;

	if (s == NULL)
		return -1;
	if (j + 1 < (int32_t)f->njur && strcmp(f->jur[j + 1].id, s) == 0)
		j++;
	else if (j < 0 || strcmp(f->jur[j].id, s) != 0)
		j = rl_facts_jur(f, s);
	if (j >= 0)
		*near = j;
	return j;
}

static enum at_err
resolve_agencies(struct rules_facts *f, struct rl_idlist *l, const char *what,
    const char *id, struct at_diag *d)
{
	for (size_t i = 0; i < l->n; i++) {
		l->ix[i] = hash_find(f, &f->hag, ag_id, l->ids[i]);
		if (l->ix[i] < 0)
			return at_diag_set(d, AT_EINVAL, NULL,
			    "%s %s names unknown agency %s", what, id,
			    l->ids[i]);
	}
	return AT_OK;
}

enum at_err
rules_facts_finish(struct rules_facts *f, struct at_diag *d)
{
	int32_t near = -1;
	int32_t dupix, *par = NULL;
	uint32_t *start = NULL, *count = NULL;
	enum at_err er = AT_OK;
	size_t mx;

	if (f->finished)
		return AT_OK;
#define BUILD(h, n, fn, what)                                            \
	do {                                                             \
		hash_build(f, &(h), (n), (fn), &dupix);                  \
		if (dupix >= 0)                                          \
			return at_diag_set(d, AT_CONFLICT, "id",         \
			    "%s %s is given twice", (what),              \
			    (fn)(f, (size_t)dupix));                     \
	} while (0)
	BUILD(f->hjur, f->njur, jur_id, "jurisdiction");
	BUILD(f->hag, f->nag, ag_id, "agency");
	BUILD(f->hpol, f->npol, pol_id, "policy");
	BUILD(f->hcond, f->ncond, cond_id, "condition");
	BUILD(f->hreq, f->nreq, req_id, "requirement");
	BUILD(f->hrul, f->nrul, rul_id, "ruling");
#undef BUILD
	for (size_t i = 0; i < f->njur; i++) {
		struct fj *j = &f->jur[i];

		if (j->parent_s == NULL)
			continue;
		j->parent = rl_facts_jur(f, j->parent_s);
		if (j->parent < 0)
			return at_diag_set(d, AT_EINVAL, "parent",
			    "jurisdiction %s names unknown parent %s", j->id,
			    j->parent_s);
	}
	/* A parent cycle would loop evaluation forever. */
	for (size_t i = 0; i < f->njur; i++) {
		int32_t p = f->jur[i].parent;

		for (size_t steps = 0; p >= 0; steps++) {
			if (steps > 64)
				return at_diag_set(d, AT_EINVAL, "parent",
				    "jurisdiction %s has a cycle of parents",
				    f->jur[i].id);
			p = f->jur[p].parent;
		}
	}
	for (size_t i = 0; i < f->nag; i++) {
		f->ag[i].jur = jur_near(f, &near, f->ag[i].jur_s);
		if (f->ag[i].jur < 0)
			return at_diag_set(d, AT_EINVAL, "jurisdiction",
			    "agency %s names unknown jurisdiction %s",
			    f->ag[i].id, f->ag[i].jur_s);
	}
	near = -1;
	for (size_t i = 0; i < f->npol; i++) {
		f->pol[i].jur = jur_near(f, &near, f->pol[i].jur_s);
		if (f->pol[i].jur < 0)
			return at_diag_set(d, AT_EINVAL, "jurisdiction",
			    "policy %s names unknown jurisdiction %s",
			    f->pol[i].id, f->pol[i].jur_s);
		er = resolve_agencies(f, &f->pol[i].binds, "policy",
		    f->pol[i].id, d);
		if (er != AT_OK)
			return er;
	}
	for (size_t i = 0; i < f->npv; i++) {
		/* Rows of one policy share one copy of its id (dup_last). */
		f->pv[i].pol = i > 0 && f->pv[i].pol_s == f->pv[i - 1].pol_s
		    ? f->pv[i - 1].pol
		    : hash_find(f, &f->hpol, pol_id, f->pv[i].pol_s);
		if (f->pv[i].pol < 0)
			return at_diag_set(d, AT_EINVAL, "policy",
			    "provision %s names unknown policy %s",
			    provision_name(f->pv[i].id), f->pv[i].pol_s);
		if (f->pv[i].scope != NULL) {
			/* Resolved here, once: the facts own the list. */
			er = resolve_agencies(f, f->pv[i].scope, "provision",
			    provision_name(f->pv[i].id), d);
			if (er != AT_OK)
				return er;
		}
	}
	for (size_t i = 0; i < f->naw; i++) {
		f->aw[i].ag = i > 0 && f->aw[i].ag_s == f->aw[i - 1].ag_s
		    ? f->aw[i - 1].ag
		    : hash_find(f, &f->hag, ag_id, f->aw[i].ag_s);
		if (f->aw[i].ag < 0)
			return at_diag_set(d, AT_EINVAL, "agency",
			    "award %s names unknown agency %s",
			    award_name(f->aw[i].id),
			    f->aw[i].ag_s);
	}
	for (size_t i = 0; i < f->nrul; i++) {
		struct fr *r = &f->rul[i];

		for (size_t k = 0; k < r->plaintiffs.n; k++) {
			r->plaintiffs.ix[k] = rl_facts_jur(f,
			    r->plaintiffs.ids[k]);
			if (r->plaintiffs.ix[k] < 0)
				return at_diag_set(d, AT_EINVAL, "plaintiffs",
				    "ruling %s names unknown jurisdiction %s",
				    r->id, r->plaintiffs.ids[k]);
		}
		for (size_t k = 0; k < r->conds.n; k++)
			r->conds.ix[k] = rl_facts_cond(f, r->conds.ids[k]);
		r->target = hash_find(f, &f->hrul, rul_id, r->target_s);
		if (r->target_s != NULL && r->target < 0)
			return at_diag_set(d, AT_EINVAL, "target",
			    "ruling %s names unknown ruling %s", r->id,
			    r->target_s);
		r->superseded_by = hash_find(f, &f->hrul, rul_id,
		    r->superseded_s);
		if (r->superseded_s != NULL && r->superseded_by < 0)
			return at_diag_set(d, AT_EINVAL, "superseded_by",
			    "ruling %s names unknown ruling %s", r->id,
			    r->superseded_s);
	}
	/* Index ranges. */
	mx = f->npol > f->npv ? f->npol : f->npv;
	mx = mx > f->nag ? mx : f->nag;
	mx = mx > f->naw ? mx : f->naw;
	par = xcalloc(mx + 1, sizeof(*par));
	start = xcalloc(f->njur + f->npol + f->nag + 1, sizeof(*start));
	count = xcalloc(f->njur + f->npol + f->nag + 1, sizeof(*count));

	for (size_t i = 0; i < f->npol; i++)
		par[i] = f->pol[i].jur;
	f->jur_pol = csr(f->njur, f->npol, par, start, count);
	for (size_t i = 0; i < f->njur; i++) {
		f->jur[i].pol0 = start[i];
		f->jur[i].npol = count[i];
	}
	memset(count, 0, (f->njur + 1) * sizeof(*count));
	for (size_t i = 0; i < f->nag; i++)
		par[i] = f->ag[i].jur;
	f->jur_ag = csr(f->njur, f->nag, par, start, count);
	for (size_t i = 0; i < f->njur; i++) {
		f->jur[i].ag0 = start[i];
		f->jur[i].nag = count[i];
	}
	memset(count, 0, (f->npol + 1) * sizeof(*count));
	for (size_t i = 0; i < f->npv; i++)
		par[i] = f->pv[i].pol;
	f->pol_pv = csr(f->npol, f->npv, par, start, count);
	for (size_t i = 0; i < f->npol; i++) {
		f->pol[i].pv0 = start[i];
		f->pol[i].npv = count[i];
	}
	memset(count, 0, (f->nag + 1) * sizeof(*count));
	for (size_t i = 0; i < f->naw; i++)
		par[i] = f->aw[i].ag;
	f->ag_aw = csr(f->nag, f->naw, par, start, count);
	for (size_t i = 0; i < f->nag; i++) {
		f->ag[i].aw0 = start[i];
		f->ag[i].naw = count[i];
	}
	free(par);
	free(start);
	free(count);
	f->finished = true;
	return AT_OK;
}

size_t
rules_facts_njurisdictions(const struct rules_facts *f)
{
	return f->njur;
}

const char *
rules_facts_jurisdiction_id(const struct rules_facts *f, size_t i)
{
	return i < f->njur ? f->jur[i].id : NULL;
}

const char *
rules_facts_jurisdiction_name(const struct rules_facts *f, size_t i)
{
	return i < f->njur ? f->jur[i].name : NULL;
}

const char *
rules_facts_jurisdiction_name_of(const struct rules_facts *f, const char *id)
{
	int32_t j = rl_facts_jur(f, id);

	return j >= 0 ? f->jur[j].name : NULL;
}
