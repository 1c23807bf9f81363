/* SPDX-License-Identifier: ISC */
/*
 * Reading rule files, loading facts from the store into the engine's
 * input structs, applying a what-if change, and JSON for results (see
 * assess.h).  The only I/O here is reading rule files and the store.
 */
#include "assess/assess.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/parse.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"

#define RULE_FILE_MAX (4L * 1024 * 1024)
#define RULE_FILES_MAX 1000

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Read a whole file (at most RULE_FILE_MAX bytes). */
static enum at_err
slurp(const char *path, char **out, size_t *len, struct at_diag *d)
{
	FILE *fp = NULL;
	char *p = NULL;
	size_t n = 0, cap = 0;
	enum at_err er = AT_OK;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		er = at_diag_set(d, AT_IO, NULL, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	for (;;) {
		size_t got;

		if (cap - n < 4096) {
			cap = cap == 0 ? 8192 : cap * 2;
			p = xreallocarray(p, cap, 1);
		}
		got = fread(p + n, 1, cap - n - 1, fp);
		n += got;
		if ((long)n > RULE_FILE_MAX) {
			er = at_diag_set(d, AT_LIMIT, NULL,
			    "%s: larger than %ld bytes", path, RULE_FILE_MAX);
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		er = at_diag_set(d, AT_IO, NULL, "%s: read error", path);
		goto out;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	p = NULL;
out:
	if (fp != NULL)
		fclose(fp);
	free(p);
	return er;
}

static enum at_err
add_file(struct rules_set *rs, const char *path, struct at_diag *d)
{
	char *text = NULL;
	size_t len = 0;
	enum at_err er;

	er = slurp(path, &text, &len, d);
	if (er == AT_OK)
		er = rules_set_add(rs, path, text, len, d);
	free(text);
	return er;
}

/* Add every *.rules file of dir, in name order, to rs. */
static enum at_err
add_dir(struct rules_set *rs, const char *dir, struct at_diag *d)
{
	DIR *dp = NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	enum at_err er = AT_OK;

	dp = opendir(dir);
	if (dp == NULL) {
		er = at_diag_set(d, AT_IO, NULL, "%s: %s", dir,
		    strerror(errno));
		goto out;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len;
		char *path;

		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".rules"))
			continue;
		if (n >= RULE_FILES_MAX) {
			er = at_diag_set(d, AT_LIMIT, NULL,
			    "%s: more than %d rule files", dir, RULE_FILES_MAX);
			goto out;
		}
		len = strlen(dir) + strlen(de->d_name) + 2;
		path = xmalloc(len);
		if (snprintf(path, len, "%s/%s", dir, de->d_name) < 0)
			abort();
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = path;
	}
	if (n == 0) {
		er = at_diag_set(d, AT_NOTFOUND, NULL,
		    "%s: no *.rules file", dir);
		goto out;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		er = add_file(rs, names[i], d);
		if (er != AT_OK)
			goto out;
	}
out:
	if (dp != NULL)
		closedir(dp);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return er;
}

enum at_err
assess_rules_add_path(struct rules_set *rs, const char *path,
    struct at_diag *d)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return at_diag_set(d, AT_IO, NULL, "%s: %s", path,
		    strerror(errno));
	if (S_ISDIR(st.st_mode))
		return add_dir(rs, path, d);
	return add_file(rs, path, d);
}

enum at_err
assess_rules_load_paths(const char *const *paths, size_t n,
    struct rules_set **out, struct at_diag *d)
{
	struct rules_set *rs = rules_set_new();
	enum at_err er = AT_OK;

	for (size_t i = 0; i < n && er == AT_OK; i++)
		er = assess_rules_add_path(rs, paths[i], d);
	if (er == AT_OK)
		er = rules_set_finish(rs, d);
	if (er != AT_OK) {
		rules_set_free(rs);
		return er;
	}
	*out = rs;
	return AT_OK;
}

enum at_err
assess_rules_load(const char *dir, struct rules_set **out, struct at_diag *d)
{
	return assess_rules_load_paths(&dir, 1, out, d);
}

enum at_err
assess_rules_load_path(const char *path, struct rules_set **out,
    struct at_diag *d)
{
	return assess_rules_load_paths(&path, 1, out, d);
}

/* ---- facts ---- */

/* Field indexes, looked up once per load. */
struct fields {
	int jur_name, jur_kind, jur_parent, jur_from, jur_to;
	int ag_jur, ag_name;
	int pol_jur, pol_kind, pol_title, pol_cit, pol_adopted, pol_binds,
	    pol_from, pol_to;
	int pv_pol, pv_type, pv_section, pv_excerpt, pv_scope, pv_exc,
	    pv_from, pv_to;
	int aw_program, aw_agency, aw_fy, aw_date;
	int c_program, c_fy, c_number, c_title, c_reqs, c_from, c_to;
	int rq_cit, rq_title;
	int r_case, r_court, r_docket, r_date, r_kind, r_conds, r_scope,
	    r_plaintiffs, r_members, r_target, r_super, r_summary, r_from,
	    r_to;
};

struct load {
	struct rules_facts *f;
	const struct assess_change *chg;
	bool lean; /* leave out text only explanations use */
	bool matched;
	struct fields x;
	enum at_err er;
	struct at_diag *d;
};

/* A row as store_record_scan hands it over: column texts in descriptor
 * order, borrowed for the call (rules_facts_add_* copy what they keep
 * into the facts' arena). */
struct row {
	enum model_kind kind;
	const char *const *vals;
	size_t n;
};

static const char *
v(const struct row *r, int i)
{
	return i < 0 || (size_t)i >= r->n ? NULL : r->vals[i];
}

/* An FT_INT column: stored by us as a decimal integer. */
static int64_t
num(const struct row *r, int i)
{
	const char *t = v(r, i);
	int64_t n = 0;

	if (t == NULL ||
	    parse_i64(t, strlen(t), INT64_MIN, INT64_MAX, &n) != AT_OK)
		return 0;
	return n;
}

static void
fields_init(struct fields *x)
{
#define F(k, name) model_field_index((k), (name))
	x->jur_name = F(KIND_JURISDICTION, "name");
	x->jur_kind = F(KIND_JURISDICTION, "kind");
	x->jur_parent = F(KIND_JURISDICTION, "parent");
	x->jur_from = F(KIND_JURISDICTION, "valid_from");
	x->jur_to = F(KIND_JURISDICTION, "valid_to");
	x->ag_jur = F(KIND_AGENCY, "jurisdiction");
	x->ag_name = F(KIND_AGENCY, "name");
	x->pol_jur = F(KIND_POLICY, "jurisdiction");
	x->pol_kind = F(KIND_POLICY, "kind");
	x->pol_title = F(KIND_POLICY, "title");
	x->pol_cit = F(KIND_POLICY, "citation");
	x->pol_adopted = F(KIND_POLICY, "adopted");
	x->pol_binds = F(KIND_POLICY, "binds");
	x->pol_from = F(KIND_POLICY, "valid_from");
	x->pol_to = F(KIND_POLICY, "valid_to");
	x->pv_pol = F(KIND_PROVISION, "policy");
	x->pv_type = F(KIND_PROVISION, "type");
	x->pv_section = F(KIND_PROVISION, "section");
	x->pv_excerpt = F(KIND_PROVISION, "excerpt");
	x->pv_scope = F(KIND_PROVISION, "scope");
	x->pv_exc = F(KIND_PROVISION, "exceptions");
	x->pv_from = F(KIND_PROVISION, "valid_from");
	x->pv_to = F(KIND_PROVISION, "valid_to");
	x->aw_program = F(KIND_AWARD, "program");
	x->aw_agency = F(KIND_AWARD, "agency");
	x->aw_fy = F(KIND_AWARD, "fiscal_year");
	x->aw_date = F(KIND_AWARD, "award_date");
	x->c_program = F(KIND_CONDITION, "program");
	x->c_fy = F(KIND_CONDITION, "fiscal_year");
	x->c_number = F(KIND_CONDITION, "number");
	x->c_title = F(KIND_CONDITION, "title");
	x->c_reqs = F(KIND_CONDITION, "requirements");
	x->c_from = F(KIND_CONDITION, "valid_from");
	x->c_to = F(KIND_CONDITION, "valid_to");
	x->rq_cit = F(KIND_REQUIREMENT, "citation");
	x->rq_title = F(KIND_REQUIREMENT, "title");
	x->r_case = F(KIND_RULING, "case_name");
	x->r_court = F(KIND_RULING, "court");
	x->r_docket = F(KIND_RULING, "docket");
	x->r_date = F(KIND_RULING, "date");
	x->r_kind = F(KIND_RULING, "kind");
	x->r_conds = F(KIND_RULING, "conditions");
	x->r_scope = F(KIND_RULING, "scope");
	x->r_plaintiffs = F(KIND_RULING, "plaintiffs");
	x->r_members = F(KIND_RULING, "members_of");
	x->r_target = F(KIND_RULING, "target");
	x->r_super = F(KIND_RULING, "superseded_by");
	x->r_summary = F(KIND_RULING, "summary");
	x->r_from = F(KIND_RULING, "valid_from");
	x->r_to = F(KIND_RULING, "valid_to");
#undef F
}

static bool
is_change(const struct load *l, enum assess_change_kind k, const char *id)
{
	return l->chg != NULL && l->chg->kind == k && l->chg->id != NULL &&
	    strcmp(l->chg->id, id) == 0;
}

/* The earlier of a recorded end and a what-if end (both may be NULL). */
static const char *
earlier(const char *recorded, const char *change)
{
	if (recorded == NULL)
		return change;
	if (change == NULL)
		return recorded;
	return strcmp(change, recorded) < 0 ? change : recorded;
}

static int
take(struct load *l, const struct row *r)
{
	const struct fields *x = &l->x;
	const char *id = v(r, 0);
	enum at_err er = AT_OK;

	switch (r->kind) {
	case KIND_JURISDICTION: {
		struct rules_jurisdiction_in in = { id, v(r, x->jur_name),
			v(r, x->jur_kind), v(r, x->jur_parent),
			v(r, x->jur_from), v(r, x->jur_to) };

		er = rules_facts_add_jurisdiction(l->f, &in, l->d);
		break;
	}
	case KIND_AGENCY: {
		struct rules_agency_in in = { id, v(r, x->ag_jur),
			v(r, x->ag_name) };

		er = rules_facts_add_agency(l->f, &in, l->d);
		break;
	}
	case KIND_POLICY: {
		struct rules_policy_in in = { id, v(r, x->pol_jur),
			v(r, x->pol_kind), v(r, x->pol_title), v(r, x->pol_cit),
			v(r, x->pol_adopted), v(r, x->pol_binds),
			v(r, x->pol_from), v(r, x->pol_to) };

		if (l->lean)
			in.title = in.adopted = NULL;
		er = rules_facts_add_policy(l->f, &in, l->d);
		break;
	}
	case KIND_PROVISION: {
		struct rules_provision_in in = { id, v(r, x->pv_pol),
			v(r, x->pv_type), v(r, x->pv_section),
			v(r, x->pv_excerpt), v(r, x->pv_exc), v(r, x->pv_scope),
			v(r, x->pv_from), v(r, x->pv_to) };

		if (l->lean)
			in.section = in.excerpt = in.exceptions = NULL;
		if (is_change(l, ASSESS_CHANGE_REPEAL, id)) {
			in.valid_to = earlier(in.valid_to, l->chg->on);
			l->matched = true;
		} else if (is_change(l, ASSESS_CHANGE_AMEND, id)) {
			in.type = l->chg->type;
			if (l->chg->section != NULL)
				in.section = l->chg->section;
			l->matched = true;
		}
		er = rules_facts_add_provision(l->f, &in, l->d);
		break;
	}
	case KIND_AWARD: {
		struct rules_award_in in = { id, v(r, x->aw_agency),
			v(r, x->aw_program), num(r, x->aw_fy),
			v(r, x->aw_date) };

		er = rules_facts_add_award(l->f, &in, l->d);
		break;
	}
	case KIND_CONDITION: {
		struct rules_condition_in in = { id, v(r, x->c_program),
			v(r, x->c_number), v(r, x->c_title), num(r, x->c_fy),
			v(r, x->c_reqs), v(r, x->c_from), v(r, x->c_to) };

		er = rules_facts_add_condition(l->f, &in, l->d);
		break;
	}
	case KIND_REQUIREMENT: {
		struct rules_requirement_in in = { id, v(r, x->rq_cit),
			v(r, x->rq_title) };

		er = rules_facts_add_requirement(l->f, &in, l->d);
		break;
	}
	case KIND_RULING: {
		struct rules_ruling_in in = { id, v(r, x->r_case),
			v(r, x->r_court), v(r, x->r_docket), v(r, x->r_date),
			v(r, x->r_kind), v(r, x->r_conds), v(r, x->r_scope),
			v(r, x->r_plaintiffs), v(r, x->r_members),
			v(r, x->r_target), v(r, x->r_super),
			v(r, x->r_summary), v(r, x->r_from), v(r, x->r_to) };

		if (l->lean)
			in.summary = NULL;
		if (is_change(l, ASSESS_CHANGE_LIFT, id)) {
			in.valid_to = earlier(in.valid_to, l->chg->on);
			l->matched = true;
		}
		er = rules_facts_add_ruling(l->f, &in, l->d);
		break;
	}
	default:
		break;
	}
	if (er != AT_OK) {
		l->er = er;
		return 1;
	}
	return 0;
}

struct scan {
	struct load *l;
	enum model_kind kind;
};

static int
take_row(void *ctx, const char *const *vals, size_t n)
{
	const struct scan *sc = ctx;
	struct row r = { sc->kind, vals, n };

	return take(sc->l, &r);
}

static enum at_err
add_new(struct load *l)
{
	const struct assess_change *c = l->chg;

	if (c->kind == ASSESS_CHANGE_ADD) {
		struct rules_provision_in in;

		memset(&in, 0, sizeof(in));
		in.id = c->id != NULL ? c->id : "WHATIF-PROVISION";
		in.policy = c->policy;
		in.type = c->type;
		in.section = c->section;
		in.excerpt = c->excerpt != NULL ? c->excerpt
						: "(hypothetical provision)";
		in.valid_from = c->on;
		return rules_facts_add_provision(l->f, &in, l->d);
	}
	if (c->kind == ASSESS_CHANGE_ADD_RULING) {
		struct rules_ruling_in in;

		memset(&in, 0, sizeof(in));
		in.id = c->id != NULL ? c->id : "WHATIF-RULING";
		in.case_name = "hypothetical ruling";
		in.kind = c->ruling_kind != NULL ? c->ruling_kind
						 : "preliminary_injunction";
		in.date = c->on;
		in.scope = c->scope;
		in.conditions = c->conditions;
		in.plaintiffs = c->plaintiffs;
		return rules_facts_add_ruling(l->f, &in, l->d);
	}
	return AT_OK;
}

static enum at_err
facts_load(struct store *s, const struct assess_change *chg, bool lean,
    struct rules_facts **out, struct at_diag *d)
{
	static const enum model_kind kinds[] = { KIND_JURISDICTION,
		KIND_AGENCY, KIND_POLICY, KIND_PROVISION, KIND_AWARD,
		KIND_CONDITION, KIND_REQUIREMENT, KIND_RULING };
	struct load l;
	enum at_err er = AT_OK;

	memset(&l, 0, sizeof(l));
	l.f = lean ? rules_facts_new_lean() : rules_facts_new();
	l.chg = chg != NULL && chg->kind != ASSESS_CHANGE_NONE ? chg : NULL;
	l.lean = lean;
	l.d = d;
	fields_init(&l.x);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		struct scan sc = { &l, kinds[k] };

		/* Lean loads read only the columns evaluation needs, in
		 * table order: outcomes do not depend on the order of
		 * agencies, policies, provisions or awards. */
		er = lean ? store_record_scan_facts(s, kinds[k], take_row, &sc)
			  : store_record_scan(s, kinds[k], NULL, take_row, &sc);
		if (er == AT_OK)
			er = l.er;
		if (er != AT_OK)
			goto out;
	}
	if (l.chg != NULL) {
		switch (l.chg->kind) {
		case ASSESS_CHANGE_REPEAL:
		case ASSESS_CHANGE_AMEND:
		case ASSESS_CHANGE_LIFT:
			if (!l.matched) {
				er = at_diag_set(d, AT_NOTFOUND, NULL,
				    "no %s \"%s\"",
				    l.chg->kind == ASSESS_CHANGE_LIFT
					? "ruling"
					: "provision",
				    l.chg->id != NULL ? l.chg->id : "");
				goto out;
			}
			break;
		case ASSESS_CHANGE_ADD:
		case ASSESS_CHANGE_ADD_RULING:
			er = add_new(&l);
			if (er != AT_OK)
				goto out;
			break;
		case ASSESS_CHANGE_NONE:
		default:
			break;
		}
	}
	er = rules_facts_finish(l.f, d);
	if (er != AT_OK)
		goto out;
	*out = l.f;
	l.f = NULL;
out:
	rules_facts_free(l.f);
	return er;
}

enum at_err
assess_facts_load(struct store *s, const struct assess_change *chg,
    struct rules_facts **out, struct at_diag *d)
{
	return facts_load(s, chg, false, out, d);
}

enum at_err
assess_facts_load_lean(struct store *s, const struct assess_change *chg,
    struct rules_facts **out, struct at_diag *d)
{
	return facts_load(s, chg, true, out, d);
}

/* ---- JSON ---- */

static void
set_str(json_t *o, const char *key, const char *s)
{
	json_t *j;

	if (s == NULL)
		return;
	j = json_string(s);
	if (j == NULL) /* not UTF-8: the store refuses that at the edge */
		return;
	if (json_object_set_new(o, key, j) != 0)
		at_oom();
}

json_t *
assess_explanation_json(const struct rules_node *n)
{
	json_t *o, *kids;

	if (n == NULL)
		return NULL;
	o = json_object();
	if (o == NULL)
		at_oom();
	set_str(o, "step", rules_node_kind_name(n->kind));
	if (n->has_outcome)
		set_str(o, "outcome", rules_outcome_name(n->outcome));
	set_str(o, "id", n->id);
	set_str(o, "citation", n->citation);
	set_str(o, "title", n->title);
	set_str(o, n->kind == RN_RULING ? "docket" : "section", n->section);
	set_str(o, n->kind == RN_RULING ? "kind" : "type", n->type);
	set_str(o, n->kind == RN_RULING ? "summary" : "excerpt", n->excerpt);
	set_str(o, "valid_from", n->valid_from);
	set_str(o, "valid_to", n->valid_to);
	set_str(o, "reason", n->reason);
	if (n->child != NULL) {
		kids = json_array();
		if (kids == NULL)
			at_oom();
		for (const struct rules_node *c = n->child; c != NULL;
		     c = c->next)
			if (json_array_append_new(kids,
				assess_explanation_json(c)) != 0)
				at_oom();
		if (json_object_set_new(o, "steps", kids) != 0)
			at_oom();
	}
	return o;
}

json_t *
assess_result_json(const char *jurisdiction, const char *target,
    struct at_date as_of, const char *interpretation,
    const struct rules_result *r)
{
	char day[AT_DATE_LEN];
	json_t *o = json_object();

	if (o == NULL)
		at_oom();
	at_date_format(as_of, day);
	set_str(o, "jurisdiction", jurisdiction);
	set_str(o, "condition", target);
	set_str(o, "as_of", day);
	set_str(o, "interpretation", interpretation);
	set_str(o, "outcome", rules_outcome_name(r->outcome));
	if (r->outcome == RULES_NOT_ENFORCED)
		set_str(o, "underlying_outcome",
		    rules_outcome_name(r->underlying));
	if (r->explanation != NULL &&
	    json_object_set_new(o, "explanation",
		assess_explanation_json(r->explanation)) != 0)
		at_oom();
	return o;
}
