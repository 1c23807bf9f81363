/* SPDX-License-Identifier: ISC */
/*
 * Evaluation (DESIGN.md section 4).  For one jurisdiction, one target
 * (a grant condition, or a requirement alone), one day and one
 * interpretation:
 *
 *   1. a condition applies only where an award to one of the
 *      jurisdiction's agencies carries its program and fiscal year on
 *      the day (else not_applicable);
 *   2. the provisions in force that reach the funded agencies are read
 *      from the jurisdiction's own policies and those of the ancestors
 *      whose kind the rules say is inherited (a state's laws bind its
 *      subdivisions); with no policy of that chain in force on the
 *      day (none recorded, or none in force then) a clause that finds
 *      no conflict is unknown, never complies;
 *   3. each clause the condition requires is judged under the reading
 *      its version in force gives for the interpretation: a provision
 *      type conflicts, complies, or is saved by a savings clause in the
 *      same policy; clauses combine as conflicts > unknown > complies;
 *   4. a ruling or agency notice in effect that covers the condition and
 *      the jurisdiction (its scope, narrowed by any stay) turns the
 *      answer into not_enforced, which keeps the underlying one.
 *
 * Explanations are built only when asked for, so a national evaluation
 * pays for none.  Across the targets of one jurisdiction the provisions
 * gathered in step 2 and each clause's judgement (with its explanation
 * subtree) are reused while the funded agencies are the same: most
 * conditions share the agencies funded and the statute clauses.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define FUNDED_MAX  64
#define CHAIN_MAX   64

struct target {
	const char *id;
	const struct rl_condition *rc;	/* rules' condition, or NULL */
	const struct fc *fc;		/* facts' condition, or NULL */
	const struct rl_requirement *rq; /* a requirement target, or NULL */
	const char *program;
	int64_t fy;
	const char **clause_ids;		 /* owned array */
	const struct rl_requirement **clauses; /* owned; NULL: no rules */
	size_t nclauses;
	const struct fr **rulings; /* owned; those naming this condition */
	size_t nrulings;
};

/* One provision that is in force and reaches the funded agencies. */
struct hit {
	const struct fv *pv;
	const struct fp *pol;
	uint32_t savers; /* bit t: the policy has a type-t provision in force */
};

/*
 * What the record says about the day.  DATA_NONE: no policy of the
 * jurisdiction or of a government whose laws bind it is recorded at
 * all.  DATA_OTHER_DAYS: policies are recorded, but none is in force on
 * the day (before the first was adopted, or after the last ended with
 * no recorded successor): the record does not reach that day.
 * DATA_IN_FORCE: at least one such policy is in force on the day; a
 * policy with no provision counts (the record then says it restricts
 * nothing, as Miami-Dade's order of 2017-01-26 to honour every
 * detainer).  Only DATA_IN_FORCE can give complies: missing data is
 * unknown, never compliance.
 */
enum data { DATA_NONE, DATA_OTHER_DAYS, DATA_IN_FORCE };

/* A clause judged for a hit set's current hits (gen). */
struct memo {
	uint32_t gen; /* 0: never */
	enum rules_outcome o;
	bool skipped;
	const struct rules_node *node; /* in the set's shared arena, or NULL */
};

/*
 * The provisions gathered for one jurisdiction, day and set of funded
 * agencies, and what they were gathered for.  There are two, one for
 * each reach (conditions alternate between them), so that the targets
 * of one jurisdiction reuse them.  In rules_eval_all each also keeps
 * the clauses judged on them (memo, by requirement index) and, when
 * explaining, the arena of those clauses' subtrees until the hits
 * change: results are borrowed for the callback only, so nothing else
 * refers to them then.
 */
struct hitset {
	struct hit *hits;
	size_t nhits, caphits;
	uint32_t *types; /* per policy with hits: bit t, a type-t hit */
	size_t ntypes, captypes;
	bool valid;
	int32_t j;
	int32_t funded[FUNDED_MAX];
	size_t nfunded;
	enum data data;
	uint32_t gen;
	struct memo *memo;
	struct rules_arena *shared;
};

struct ev {
	const struct rules_set *rs;
	const struct rules_facts *f;
	int32_t day;
	char day_s[AT_DATE_LEN];
	size_t interp;
	struct rules_arena *a; /* NULL when no explanation is wanted */
	/* per jurisdiction */
	int32_t funded[FUNDED_MAX];
	size_t nfunded;
	bool reach_all;
	/* What funded and its first award were found for: conditions of
	 * one program and year follow each other. */
	bool ff_valid;
	int32_t ff_j;
	const char *ff_program;
	int64_t ff_fy;
	const struct fw *ff_first;
	struct hitset sets[2]; /* by reach_all */
	struct hitset *cur;    /* the one for this evaluation */
	uint32_t gen;	       /* counts the gatherings */
};

/* ---- explanation nodes ---- */

static struct rules_node *
add(struct ev *e, struct rules_node *parent, enum rules_node_kind kind)
{
	struct rules_node *n, **p;

	if (e->a == NULL)
		return NULL;
	n = rarena_alloc(e->a, sizeof(*n));
	n->kind = kind;
	if (parent != NULL) {
		for (p = &parent->child; *p != NULL; p = &(*p)->next)
			;
		*p = n;
	}
	return n;
}

static void
set_outcome(struct rules_node *n, enum rules_outcome o)
{
	if (n == NULL)
		return;
	n->has_outcome = true;
	n->outcome = o;
}

/* ---- helpers ---- */

static bool
in_force(int32_t from, int32_t to, int32_t day)
{
	return from <= day && day < to;
}

static bool
lists_meet(const struct rl_idlist *l, const int32_t *set, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < n; k++)
			if (l->ix[i] == set[k])
				return true;
	return false;
}

static const char *
type_label(const struct rules_set *rs, int t)
{
	return rs->types[t].label != NULL ? rs->types[t].label
					  : "provision";
}

static const struct rl_reading *
reading_for(const struct rl_version *v, size_t interp)
{
	const struct rl_reading *any = NULL;

	for (size_t i = 0; i < v->nreadings; i++) {
		if (strcmp(v->readings[i].interp, "*") == 0)
			any = &v->readings[i];
		else if (v->readings[i].interp_ix == interp)
			return &v->readings[i];
	}
	return any;
}

static const struct rl_version *
version_on(const struct rl_requirement *rq, int32_t day)
{
	for (size_t i = 0; i < rq->nversions; i++)
		if (in_force(rq->versions[i].from, rq->versions[i].to, day))
			return &rq->versions[i];
	return NULL;
}

/* Does a policy reach the funded agencies on the day?  Its binds list
 * and any scope-limiting provision (role=scope, P20) must meet them. */
static bool
policy_reaches(const struct ev *e, const struct fp *p)
{
	const struct rules_facts *f = e->f;

	if (e->reach_all)
		return true;
	if (p->binds.n == 0 && !e->rs->inherit_agencies)
		return false;
	if (p->binds.n > 0 && !lists_meet(&p->binds, e->funded, e->nfunded))
		return false;
	for (uint32_t k = 0; k < p->npv; k++) {
		const struct fv *v = &f->pv[f->pol_pv[p->pv0 + k]];

		if (e->rs->types[v->type].role == ROLE_SCOPE &&
		    v->scope != NULL && in_force(v->from, v->to, e->day) &&
		    !lists_meet(v->scope, e->funded, e->nfunded))
			return false;
	}
	return true;
}

/* The jurisdiction and the ancestors whose policies flow down to it. */
static size_t
chain_of(const struct ev *e, int32_t j, int32_t *out)
{
	size_t n = 0;

	out[n++] = j;
	for (int32_t p = e->f->jur[j].parent; p >= 0 && n < CHAIN_MAX;
	     p = e->f->jur[p].parent)
		if (rl_set_inherits(e->rs, e->f->jur[p].kind))
			out[n++] = p;
	return n;
}


static enum data
data_on(const struct ev *e, const int32_t *chain, size_t nchain)
{
	const struct rules_facts *f = e->f;
	enum data r = DATA_NONE;

	for (size_t c = 0; c < nchain; c++) {
		const struct fj *j = &f->jur[chain[c]];

		for (uint32_t k = 0; k < j->npol; k++) {
			const struct fp *p = &f->pol[f->jur_pol[j->pol0 + k]];

			if (in_force(p->from, p->to, e->day))
				return DATA_IN_FORCE;
			r = DATA_OTHER_DAYS;
		}
	}
	return r;
}

static void
collect_hits(struct ev *e, const int32_t *chain, size_t nchain)
{
	const struct rules_facts *f = e->f;
	struct hitset *hs = e->cur;

	hs->nhits = 0;
	hs->ntypes = 0;
	for (size_t c = 0; c < nchain; c++) {
		const struct fj *j = &f->jur[chain[c]];

		for (uint32_t k = 0; k < j->npol; k++) {
			const struct fp *p = &f->pol[f->jur_pol[j->pol0 + k]];
			uint32_t savers = 0;
			size_t first = hs->nhits;

			if (p->npv == 0 || !in_force(p->from, p->to, e->day) ||
			    !policy_reaches(e, p))
				continue;
			for (uint32_t m = 0; m < p->npv; m++) {
				const struct fv *v =
				    &f->pv[f->pol_pv[p->pv0 + m]];

				if (!in_force(v->from, v->to, e->day))
					continue;
				if (!e->reach_all && v->scope != NULL &&
				    e->rs->types[v->type].role != ROLE_SCOPE &&
				    !lists_meet(v->scope, e->funded,
					e->nfunded))
					continue;
				savers |= (uint32_t)1 << v->type;
				if (hs->nhits == hs->caphits) {
					hs->caphits = hs->caphits ? hs->caphits * 2
								  : 64;
					hs->hits = xreallocarray(hs->hits,
					    hs->caphits, sizeof(*hs->hits));
				}
				hs->hits[hs->nhits].pv = v;
				hs->hits[hs->nhits].pol = p;
				hs->nhits++;
			}
			for (size_t h = first; h < hs->nhits; h++)
				hs->hits[h].savers = savers;
			if (hs->nhits == first)
				continue;
			if (hs->ntypes == hs->captypes) {
				hs->captypes = hs->captypes ? hs->captypes * 2
							    : 16;
				hs->types = xreallocarray(hs->types,
				    hs->captypes, sizeof(*hs->types));
			}
			hs->types[hs->ntypes++] = savers;
		}
	}
}

/* The provision in a hit's policy that saves it, for the explanation. */
static const struct fv *
saver_of(const struct ev *e, const struct hit *h, uint32_t mask)
{
	for (size_t i = 0; i < e->cur->nhits; i++)
		if (e->cur->hits[i].pol == h->pol &&
		    (mask >> e->cur->hits[i].pv->type & 1))
			return e->cur->hits[i].pv;
	return NULL;
}

static void
provision_node(struct ev *e, struct rules_node *parent, const struct hit *h,
    enum rules_outcome o, const char *reason)
{
	struct rules_node *n = add(e, parent, RN_PROVISION);

	if (n == NULL)
		return;
	set_outcome(n, o);
	n->id = h->pv->id;
	n->citation = h->pol->citation;
	n->title = h->pol->title;
	n->type = rl_type_name(h->pv->type);
	n->valid_from = h->pol->from_s;
	n->valid_to = h->pol->to_s;
	if (h->pv->text != NULL) {
		n->section = h->pv->text->section;
		n->excerpt = h->pv->text->excerpt;
		if (h->pv->text->from_s != NULL)
			n->valid_from = h->pv->text->from_s;
		if (h->pv->text->to_s != NULL)
			n->valid_to = h->pv->text->to_s;
	}
	n->reason = reason;
}

/* Judge one clause; returns its outcome.  data says what the record
 * holds for the day (data_on); without a policy in force a clause with
 * no conflict is unknown. */
static enum rules_outcome
judge_clause(struct ev *e, struct rules_node *parent, const char *cid,
    const struct rl_requirement *rq, enum data data, bool *skipped,
    struct rules_node **node)
{
	const struct rl_version *v;
	const struct rl_reading *rd;
	struct rules_node *cn = add(e, parent, RN_CLAUSE), *in;
	enum rules_outcome o;
	size_t nconf = 0, nok = 0;
	const char *iname = e->rs->interps[e->interp].name;

	*skipped = false;
	*node = cn;
	if (cn != NULL) {
		cn->id = cid;
		cn->citation = rq != NULL ? rq->citation : NULL;
		cn->title = rq != NULL ? rq->title : NULL;
	}
	if (rq == NULL) {
		set_outcome(cn, RULES_UNKNOWN);
		if (cn != NULL)
			cn->reason = rarena_printf(e->a,
			    "No rule file declares requirement %s, so what it "
			    "demands is unknown.", cid);
		return RULES_UNKNOWN;
	}
	v = version_on(rq, e->day);
	if (v == NULL) {
		*skipped = true;
		set_outcome(cn, RULES_NOT_APPLICABLE);
		if (cn != NULL)
			cn->reason = rarena_printf(e->a,
			    "No version of %s was in force on %s.",
			    rq->citation, e->day_s);
		return RULES_NOT_APPLICABLE;
	}
	if (cn != NULL) {
		cn->valid_from = v->from_s;
		cn->valid_to = v->to_s;
	}
	rd = reading_for(v, e->interp);
	in = add(e, cn, RN_INTERPRETATION);
	if (in != NULL) {
		in->id = iname;
		in->title = e->rs->interps[e->interp].desc;
	}
	if (rd == NULL) {
		set_outcome(cn, RULES_UNKNOWN);
		if (cn != NULL && in != NULL) {
			in->reason = rarena_printf(e->a,
			    "The rules give no reading of %s under %s.",
			    rq->citation, iname);
			cn->reason = in->reason;
		}
		return RULES_UNKNOWN;
	}
	if (cn == NULL) {
		/*
		 * No explanation: per policy, a hit of a conflicting type
		 * conflicts unless the policy holds a type that saves it
		 * (the savers of a hit are its policy's types in force).
		 */
		uint32_t cm = 0;

		for (int t = 1; t < RL_NTYPES; t++)
			if (rd->effect[t] == EFF_CONFLICT)
				cm |= (uint32_t)1 << t;
		for (size_t g = 0; g < e->cur->ntypes; g++)
			for (uint32_t m = e->cur->types[g] & cm; m != 0;
			     m &= m - 1)
				if ((rd->saved_by[__builtin_ctz(m)] &
					e->cur->types[g]) == 0)
					return RULES_CONFLICTS;
		return data != DATA_IN_FORCE ? RULES_UNKNOWN : RULES_COMPLIES;
	}
	if (in != NULL)
		in->reason = rarena_printf(e->a,
		    "%s is read as interpretation %s has it%s.", rq->citation,
		    iname,
		    rd->interp[0] == '*'
			? " (the reading shared by every interpretation)"
			: "");
	for (size_t i = 0; i < e->cur->nhits; i++) {
		const struct hit *h = &e->cur->hits[i];
		int t = h->pv->type;

		switch ((enum rl_effect)rd->effect[t]) {
		case EFF_NONE:
			break;
		case EFF_COMPLIES:
			nok++;
			if (cn != NULL)
				provision_node(e, cn, h, RULES_COMPLIES,
				    rarena_printf(e->a,
					"Type %s (%s) does not conflict with "
					"%s under %s: %s",
					rl_type_name(h->pv->type), type_label(e->rs, t),
					rq->citation, iname, rd->reason[t]));
			break;
		case EFF_CONFLICT:
			if ((rd->saved_by[t] & h->savers) != 0) {
				nok++;
				if (cn != NULL) {
					const struct fv *s = saver_of(e, h,
					    rd->saved_by[t]);
					const char *ssec = s != NULL &&
						s->text != NULL
					    ? s->text->section
					    : NULL;

					provision_node(e, cn, h,
					    RULES_COMPLIES,
					    rarena_printf(e->a,
						"Type %s (%s) would conflict "
						"with %s, but provision %s%s%s "
						"of the same policy saves it: "
						"%s",
						rl_type_name(h->pv->type),
						type_label(e->rs, t), rq->citation,
						s != NULL ? s->id : "?",
						ssec != NULL ? ", " : "",
						ssec != NULL ? ssec : "",
						rd->save_reason[t]));
				}
			} else {
				nconf++;
				if (cn != NULL)
					provision_node(e, cn, h,
					    RULES_CONFLICTS,
					    rarena_printf(e->a,
						"Type %s (%s) conflicts with "
						"%s under %s: %s",
						rl_type_name(h->pv->type),
						type_label(e->rs, t), rq->citation,
						iname, rd->reason[t]));
			}
			break;
		default:
			abort();
		}
	}
	if (nconf > 0)
		o = RULES_CONFLICTS;
	else if (data != DATA_IN_FORCE)
		o = RULES_UNKNOWN;
	else
		o = RULES_COMPLIES;
	set_outcome(cn, o);
	if (cn != NULL) {
		if (o == RULES_CONFLICTS)
			cn->reason = rarena_printf(e->a,
			    "%zu provision%s in force on %s conflict%s with %s "
			    "under %s.", nconf, nconf == 1 ? "" : "s",
			    e->day_s, nconf == 1 ? "s" : "", rq->citation,
			    iname);
		else if (o == RULES_UNKNOWN && data == DATA_NONE)
			cn->reason = rarena_printf(e->a,
			    "No policy is recorded for the jurisdiction or "
			    "the governments whose laws bind it, so "
			    "compliance with %s is unknown.", rq->citation);
		else if (o == RULES_UNKNOWN)
			cn->reason = rarena_printf(e->a,
			    "None of the policies recorded for the "
			    "jurisdiction or the governments whose laws bind "
			    "it was in force on %s, so compliance with %s "
			    "on that day is unknown.", e->day_s, rq->citation);
		else
			cn->reason = rarena_printf(e->a,
			    "None of the provisions in force on %s conflicts "
			    "with %s under %s%s.", e->day_s, rq->citation,
			    iname, nok > 0 ? " (see the provisions below)" : "");
	}
	return o;
}

/*
 * judge_clause, remembered per requirement while the hits stay the same.
 * With an explanation the subtree is built once in the hit set's shared
 * arena and each
 * result gets its own copy of the clause node (its place among the
 * root's steps differs) over the shared steps below it.
 */
static enum rules_outcome
clause(struct ev *e, struct rules_node *parent, const char *cid,
    const struct rl_requirement *rq, enum data data, bool *skipped)
{
	struct memo *m;
	struct rules_arena *own = e->a;
	struct rules_node *n, *copy;

	if (e->cur->memo == NULL || rq == NULL)
		return judge_clause(e, parent, cid, rq, data, skipped, &n);
	m = &e->cur->memo[rq - e->rs->reqs];
	if (m->gen != e->cur->gen) {
		if (own != NULL)
			e->a = e->cur->shared;
		m->o = judge_clause(e, NULL, cid, rq, data, &m->skipped, &n);
		e->a = own;
		m->node = n;
		m->gen = e->cur->gen;
	}
	*skipped = m->skipped;
	if (own != NULL && m->node != NULL) {
		copy = add(e, parent, RN_CLAUSE);
		if (copy != NULL) {
			*copy = *m->node;
			copy->next = NULL;
		}
	}
	return m->o;
}

static bool
ruling_in_effect(const struct rules_facts *f, const struct fr *r,
    int32_t day)
{
	if (!in_force(r->from, r->to, day))
		return false;
	if (r->superseded_by >= 0 && f->rul[r->superseded_by].from <= day)
		return false;
	return true;
}

static bool
scope_covers(const struct rules_facts *f, const struct fr *r, int32_t j)
{
	switch (r->scope) {
	case SC_NATIONWIDE:
		return true;
	case SC_NONE:
		return false;
	case SC_NAMED:
	case SC_MEMBERS:
		for (size_t k = 0; k < r->plaintiffs.n; k++)
			if (r->plaintiffs.ix[k] == j)
				return true;
		return false;
	case SC_STATE:
		for (int32_t p = j; p >= 0; p = f->jur[p].parent)
			for (size_t k = 0; k < r->plaintiffs.n; k++)
				if (r->plaintiffs.ix[k] == p)
					return true;
		return false;
	default:
		abort();
	}
}

/*
 * Does r keep the condition from being enforced against j on day?  A
 * stay or vacatur in effect against r leaves it standing only for those
 * its own scope names: for them r goes on even where the record ends r
 * (valid_to, superseded_by) when the stay begins; for everyone else it
 * is suspended.  *narrowed names the stay that excluded j.
 */
static bool
ruling_covers(const struct rules_facts *f, const struct fr *r, int32_t j,
    int32_t day, const struct fr **narrowed)
{
	bool normal;

	*narrowed = NULL;
	if (!r->protects || r->from > day || !scope_covers(f, r, j))
		return false;
	normal = ruling_in_effect(f, r, day);
	for (size_t i = 0; i < f->nrul; i++) {
		const struct fr *s = &f->rul[i];

		if (!s->narrows || s->target < 0 || &f->rul[s->target] != r ||
		    !ruling_in_effect(f, s, day))
			continue;
		if (!scope_covers(f, s, j)) {
			*narrowed = s;
			return false;
		}
		normal = true;
	}
	return normal;
}

static const char *
scope_words(const struct fr *r)
{
	switch (r->scope) {
	case SC_NATIONWIDE:
		return "every recipient (nationwide)";
	case SC_NAMED:
		return "the named plaintiffs";
	case SC_MEMBERS:
		return "the members of the association";
	case SC_STATE:
		return "the named states and their political subdivisions";
	case SC_NONE:
	default:
		return "no one";
	}
}

static void
ruling_node(struct ev *e, struct rules_node *parent, const struct fr *r,
    const char *reason)
{
	struct rules_node *n = add(e, parent, RN_RULING);

	if (n == NULL)
		return;
	n->id = r->id;
	n->title = r->case_name;
	n->citation = r->court;
	n->section = r->docket;
	n->type = r->kind;
	n->excerpt = r->summary;
	n->valid_from = r->from_s;
	n->valid_to = r->to_s;
	n->reason = reason;
}

static void
target_prepare(const struct rules_set *rs, const struct rules_facts *f,
    struct target *t, const char *id)
{
	int32_t fci = rl_facts_cond(f, id);
	size_t n;

	memset(t, 0, sizeof(*t));
	t->id = id;
	t->rc = rl_set_condition(rs, id);
	t->fc = fci >= 0 ? &f->cond[fci] : NULL;
	if (t->rc == NULL && t->fc == NULL) {
		t->rq = rl_set_requirement(rs, id);
		if (t->rq != NULL) {
			t->clause_ids = xcalloc(1, sizeof(*t->clause_ids));
			t->clauses = xcalloc(1, sizeof(*t->clauses));
			t->clause_ids[0] = t->rq->id;
			t->clauses[0] = t->rq;
			t->nclauses = 1;
		}
		return;
	}
	t->program = t->fc != NULL && t->fc->program != NULL ? t->fc->program
	    : t->rc != NULL ? t->rc->program : NULL;
	t->fy = t->fc != NULL && t->fc->fy != 0 ? t->fc->fy
	    : t->rc != NULL ? t->rc->fiscal_year : 0;
	n = t->rc != NULL ? t->rc->nrequires : t->fc->reqs.n;
	t->clause_ids = xcalloc(n + 1, sizeof(*t->clause_ids));
	t->clauses = xcalloc(n + 1, sizeof(*t->clauses));
	for (size_t i = 0; i < n; i++) {
		if (t->rc != NULL) {
			t->clauses[i] = &rs->reqs[t->rc->req_ix[i]];
			t->clause_ids[i] = t->clauses[i]->id;
		} else {
			t->clause_ids[i] = t->fc->reqs.ids[i];
			t->clauses[i] = rl_set_requirement(rs,
			    t->fc->reqs.ids[i]);
		}
	}
	t->nclauses = n;
	for (size_t i = 0; i < f->nrul; i++) {
		const struct fr *r = &f->rul[i];

		if (!r->protects)
			continue;
		for (size_t k = 0; k < r->conds.n; k++)
			if (strcmp(r->conds.ids[k], id) == 0) {
				t->rulings = xreallocarray(t->rulings,
				    t->nrulings + 1, sizeof(*t->rulings));
				t->rulings[t->nrulings++] = r;
				break;
			}
	}
}

static void
target_fini(struct target *t)
{
	if (t == NULL)
		return;
	free(t->clause_ids);
	free(t->clauses);
	free(t->rulings);
}

static bool
target_found(const struct target *t)
{
	return t->rc != NULL || t->fc != NULL || t->rq != NULL;
}

static const char *
target_citation(const struct target *t)
{
	if (t->rq != NULL)
		return t->rq->citation;
	if (t->rc != NULL && t->rc->citation != NULL)
		return t->rc->citation;
	return NULL;
}

static const char *
target_title(const struct target *t)
{
	if (t->rq != NULL)
		return t->rq->title;
	if (t->rc != NULL && t->rc->title != NULL)
		return t->rc->title;
	return t->fc != NULL ? t->fc->title : NULL;
}

/* Agencies of j holding an award of the target's program and year. */
static const struct fw *
find_funded(struct ev *e, const struct target *t, int32_t j)
{
	const struct rules_facts *f = e->f;
	const struct fj *jj = &f->jur[j];
	const struct fw *first = NULL;

	if (t->program != NULL && e->ff_valid && e->ff_j == j &&
	    e->ff_fy == t->fy && strcmp(e->ff_program, t->program) == 0)
		return e->ff_first;
	e->ff_valid = false;
	e->nfunded = 0;
	if (t->program == NULL)
		return NULL;
	for (uint32_t k = 0; k < jj->nag; k++) {
		int32_t ai = (int32_t)f->jur_ag[jj->ag0 + k];
		const struct fa *a = &f->ag[ai];

		for (uint32_t m = 0; m < a->naw; m++) {
			const struct fw *w = &f->aw[f->ag_aw[a->aw0 + m]];

			if (w->fy != t->fy || w->date > e->day ||
			    strcmp(w->program, t->program) != 0)
				continue;
			if (first == NULL)
				first = w;
			if (e->nfunded < FUNDED_MAX)
				e->funded[e->nfunded++] = ai;
			break;
		}
	}
	e->ff_valid = true;
	e->ff_j = j;
	e->ff_program = t->program;
	e->ff_fy = t->fy;
	e->ff_first = first;
	return first;
}

static void
eval_target(struct ev *e, const struct target *t, int32_t j,
    struct rules_result *out)
{
	const struct rules_facts *f = e->f;
	struct rules_node *root = NULL, *cn;
	int32_t chain[CHAIN_MAX];
	size_t nchain;
	enum data data;
	struct hitset *hs;
	bool any = false, unknown = false, conflict = false;
	enum rules_outcome o;
	const struct fw *award = NULL;

	memset(out, 0, sizeof(*out));
	root = add(e, NULL, RN_OUTCOME);
	if (root != NULL) {
		root->id = f->jur[j].id;
		root->title = f->jur[j].name;
	}
	if (t->rq == NULL) {
		award = find_funded(e, t, j);
		cn = add(e, root, RN_CONDITION);
		if (cn != NULL) {
			cn->id = t->id;
			cn->citation = target_citation(t);
			cn->title = target_title(t);
			cn->section = t->rc != NULL && t->rc->number != NULL
			    ? t->rc->number
			    : t->fc != NULL ? t->fc->number : NULL;
		}
		if (t->fc != NULL && !in_force(t->fc->from, t->fc->to, e->day)) {
			o = RULES_NOT_APPLICABLE;
			if (cn != NULL)
				cn->reason = rarena_printf(e->a,
				    "Condition %s was not in force on %s.",
				    t->id, e->day_s);
			goto done_na;
		}
		if (award == NULL) {
			o = RULES_NOT_APPLICABLE;
			if (cn != NULL)
				cn->reason = rarena_printf(e->a,
				    "No award to %s or its agencies carries "
				    "%s FY%lld on %s, so the condition does "
				    "not apply.", f->jur[j].name,
				    t->program != NULL ? t->program : "?",
				    (long long)t->fy, e->day_s);
			goto done_na;
		}
		if (cn != NULL)
			cn->reason = rarena_printf(e->a,
			    "Award %s to %s carries %s FY%lld, so the "
			    "condition applies%s.", award->id,
			    f->ag[award->ag].name, t->program,
			    (long long)t->fy,
			    e->nfunded > 1 ? " (with other awards)" : "");
		e->reach_all = t->rc != NULL && t->rc->reach_jurisdiction;
	} else
		e->reach_all = true;

	hs = &e->sets[e->reach_all];
	e->cur = hs;
	if (!hs->valid || hs->j != j || hs->nfunded != e->nfunded ||
	    memcmp(hs->funded, e->funded, e->nfunded * sizeof(*e->funded)) !=
		0) {
		nchain = chain_of(e, j, chain);
		hs->data = data_on(e, chain, nchain);
		collect_hits(e, chain, nchain);
		hs->valid = true;
		hs->j = j;
		hs->nfunded = e->nfunded;
		memcpy(hs->funded, e->funded, e->nfunded * sizeof(*e->funded));
		hs->gen = ++e->gen;
		if (hs->shared != NULL) {
			rarena_free(hs->shared);
			hs->shared = rarena_new();
		}
	}
	data = hs->data;
	if (t->nclauses == 0)
		unknown = true;
	for (size_t i = 0; i < t->nclauses; i++) {
		bool skipped;
		enum rules_outcome co = clause(e, root, t->clause_ids[i],
		    t->clauses[i], data, &skipped);

		if (skipped)
			continue;
		any = true;
		if (co == RULES_CONFLICTS)
			conflict = true;
		else if (co == RULES_UNKNOWN)
			unknown = true;
	}
	if (conflict)
		o = RULES_CONFLICTS;
	else if (unknown || t->nclauses == 0)
		o = RULES_UNKNOWN;
	else if (!any)
		o = RULES_NOT_APPLICABLE;
	else
		o = RULES_COMPLIES;
	if (data != DATA_IN_FORCE && root != NULL) {
		struct rules_node *n = add(e, root, RN_NOTE);

		if (n != NULL && data == DATA_NONE)
			n->reason = rarena_printf(e->a,
		    "No policy of %s or of a government whose laws bind it "
		    "is recorded; no data never means complies.",
		    f->jur[j].name);
		else if (n != NULL)
			n->reason = rarena_printf(e->a,
		    "Policies of %s or of a government whose laws bind it "
		    "are recorded, but none was in force on %s: the record "
		    "does not reach that day, and no data never means "
		    "complies.", f->jur[j].name, e->day_s);
	}
	if (t->nclauses == 0 && root != NULL) {
		struct rules_node *n = add(e, root, RN_NOTE);

		if (n != NULL)
			n->reason = rarena_printf(e->a,
		    "Neither the rules nor the record say which clauses %s "
		    "requires.", t->id);
	}
	out->outcome = out->underlying = o;
	if (o != RULES_NOT_APPLICABLE) {
		for (size_t i = 0; i < t->nrulings; i++) {
			const struct fr *r = t->rulings[i], *s;

			if (ruling_covers(f, r, j, e->day, &s)) {
				out->outcome = RULES_NOT_ENFORCED;
				ruling_node(e, root, r,
				    e->a == NULL ? NULL
				    : rarena_printf(e->a,
					  "%s (%s, %s) %s %s against %s on %s; "
					  "it covers %s.",
					  r->case_name != NULL ? r->case_name
							       : r->id,
					  r->kind,
					  r->date_s != NULL ? r->date_s : "",
					  strcmp(r->kind, "agency_notice") == 0
					      ? "says the agency will not "
						"enforce"
					      : "bars enforcing",
					  t->id, f->jur[j].name, e->day_s,
					  scope_words(r)));
			} else if (s != NULL && e->a != NULL)
				ruling_node(e, root, s,
				    rarena_printf(e->a,
					"%s (%s of %s) leaves that order in "
					"force only for %s, which does not "
					"include %s.",
					s->case_name != NULL ? s->case_name
							     : s->id,
					s->kind, r->id, scope_words(s),
					f->jur[j].name));
		}
	}
	goto done;
done_na:
	out->outcome = out->underlying = o;
done:
	set_outcome(root, out->outcome);
	if (root != NULL) {
		if (out->outcome == RULES_NOT_ENFORCED)
			root->reason = rarena_printf(e->a,
			    "%s: %s is not enforced on %s under %s; the "
			    "underlying answer is %s.", f->jur[j].name, t->id,
			    e->day_s, e->rs->interps[e->interp].name,
			    rules_outcome_name(out->underlying));
		else
			root->reason = rarena_printf(e->a,
			    "%s: %s for %s on %s under %s.", f->jur[j].name,
			    rules_outcome_name(out->outcome), t->id, e->day_s,
			    e->rs->interps[e->interp].name);
	}
	out->explanation = root;
}

static enum at_err
ev_init(struct ev *e, const struct rules_set *rs, const struct rules_facts *f,
    struct at_date on, const char *interpretation, struct at_diag *d)
{
	memset(e, 0, sizeof(*e));
	if (!rs->finished || !f->finished)
		return at_diag_set(d, AT_CONFLICT, NULL,
		    "rules or facts are not finished");
	e->rs = rs;
	e->f = f;
	e->day = rl_day(on);
	at_date_format(on, e->day_s);
	if (rs->ninterps == 0)
		return at_diag_set(d, AT_NOTFOUND, "interpretation",
		    "the rules declare no interpretation");
	if (interpretation == NULL) {
		e->interp = 0;
		return AT_OK;
	}
	for (size_t i = 0; i < rs->ninterps; i++)
		if (strcmp(rs->interps[i].name, interpretation) == 0) {
			e->interp = i;
			return AT_OK;
		}
	return at_diag_set(d, AT_NOTFOUND, "interpretation",
	    "no interpretation named \"%s\"", interpretation);
}

static void
ev_fini(struct ev *e)
{
	for (size_t i = 0; i < 2; i++) {
		free(e->sets[i].hits);
		free(e->sets[i].types);
		free(e->sets[i].memo);
		rarena_free(e->sets[i].shared);
	}
}

void
rules_result_fini(struct rules_result *r)
{
	if (r == NULL)
		return;
	rarena_free(r->arena);
	r->arena = NULL;
	r->explanation = NULL;
}

enum at_err
rules_eval(const struct rules_set *rs, const struct rules_facts *f,
    const char *jurisdiction, const char *target, struct at_date on,
    const char *interpretation, bool explain, struct rules_result *out,
    struct at_diag *d)
{
	struct ev e;
	struct target *t = NULL;
	int32_t j;
	enum at_err er;

	er = ev_init(&e, rs, f, on, interpretation, d);
	if (er != AT_OK)
		goto out;
	j = rl_facts_jur(f, jurisdiction);
	if (j < 0) {
		er = at_diag_set(d, AT_NOTFOUND, "jurisdiction",
		    "no jurisdiction \"%s\"", jurisdiction);
		goto out;
	}
	t = xcalloc(1, sizeof(*t));
	target_prepare(rs, f, t, target);
	if (!target_found(t)) {
		er = at_diag_set(d, AT_NOTFOUND, "condition",
		    "no condition or requirement \"%s\"", target);
		goto out;
	}
	if (explain)
		e.a = rarena_new();
	eval_target(&e, t, j, out);
	out->arena = e.a;
	e.a = NULL;
out:
	target_fini(t);
	free(t);
	ev_fini(&e);
	return er;
}

enum at_err
rules_eval_all(const struct rules_set *rs, const struct rules_facts *f,
    const char *jurisdiction, const char *target, struct at_date on,
    const char *interpretation, bool explain, rules_result_fn fn, void *ctx,
    struct at_diag *d)
{
	struct ev e;
	struct target *ts = NULL;
	size_t nt = 0;
	int32_t j0 = 0, j1;
	enum at_err er;

	er = ev_init(&e, rs, f, on, interpretation, d);
	if (er != AT_OK)
		goto out;
	j1 = (int32_t)f->njur;
	if (jurisdiction != NULL) {
		j0 = rl_facts_jur(f, jurisdiction);
		if (j0 < 0) {
			er = at_diag_set(d, AT_NOTFOUND, "jurisdiction",
			    "no jurisdiction \"%s\"", jurisdiction);
			goto out;
		}
		j1 = j0 + 1;
	}
	ts = xcalloc(f->ncond + rs->nconds + 1, sizeof(*ts));
	if (target != NULL) {
		target_prepare(rs, f, &ts[0], target);
		nt = 1;
		if (!target_found(&ts[0])) {
			er = at_diag_set(d, AT_NOTFOUND, "condition",
			    "no condition or requirement \"%s\"", target);
			goto out;
		}
	} else {
		/* The record's conditions, then those only the rules know. */
		for (size_t i = 0; i < f->ncond; i++)
			target_prepare(rs, f, &ts[nt++], f->cond[i].id);
		for (size_t i = 0; i < rs->nconds; i++)
			if (rl_facts_cond(f, rs->conds[i].id) < 0)
				target_prepare(rs, f, &ts[nt++],
				    rs->conds[i].id);
	}
	for (size_t i = 0; i < 2; i++) {
		e.sets[i].memo = xcalloc(rs->nreqs + 1, sizeof(*e.sets[i].memo));
		if (explain)
			e.sets[i].shared = rarena_new();
	}
	for (int32_t j = j0; j < j1; j++) {
		for (size_t k = 0; k < nt; k++) {
			struct rules_result r;
			int stop;

			if (explain)
				e.a = rarena_new();
			eval_target(&e, &ts[k], j, &r);
			r.arena = e.a;
			e.a = NULL;
			stop = fn(ctx, f->jur[j].id, ts[k].id, &r);
			rules_result_fini(&r);
			if (stop != 0)
				goto out;
		}
	}
out:
	for (size_t k = 0; k < nt; k++)
		target_fini(&ts[k]);
	free(ts);
	ev_fini(&e);
	return er;
}
