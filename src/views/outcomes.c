/* SPDX-License-Identifier: ISC */
/*
 * Outcomes of the rules engine on pages: the as-of date picker and
 * interpretation switch (a GET form, so the URL carries both and a view
 * can be shared), a jurisdiction's outcome per condition with its
 * explanation tree, counts by outcome for the dashboard, and outcomes
 * per county or state for the map.  Every outcome comes from src/rules
 * through src/assess; nothing is decided here.
 */
#include "views/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "rules/rules.h"
#include "store/store.h"
#include "views/html.h"
#include "views/vcache.h"

enum at_err
outcome_view_args(const struct web_req *r, struct outcome_view *v)
{
	const char *as = web_arg(r, "as_of");
	const char *in = web_arg(r, "interpretation");

	memset(v, 0, sizeof(*v));
	v->day = at_date_today();
	if (as != NULL && at_date_parse_str(as, &v->day) != AT_OK)
		return AT_EINVAL;
	at_date_format(v->day, v->day_s);
	if (r->rules == NULL)
		return AT_OK;
	if (in != NULL && !rules_set_has_interpretation(r->rules, in))
		return AT_EINVAL;
	v->interp = in != NULL ? in : rules_set_interpretation(r->rules, 0);
	return AT_OK;
}

void
outcome_controls(struct html *h, const struct web_req *r,
    const struct outcome_view *v, const char *action, const char *level,
    const char *condition)
{
	if (r->rules == NULL)
		return;
	html_open(h, HE_FORM, "method", "get", "action", action, "class",
	    "filters", "aria-label", "Day and reading", NULL);
	if (level != NULL)
		html_open(h, HE_INPUT, "type", "hidden", "name", "level",
		    "value", level, NULL);
	if (condition != NULL)
		html_open(h, HE_INPUT, "type", "hidden", "name", "condition",
		    "value", condition, NULL);
	html_open(h, HE_DIV, NULL);
	html_open(h, HE_LABEL, "for", "as_of", NULL);
	HTML_RAW(h, "As of");
	html_close(h);
	html_open(h, HE_INPUT, "type", "date", "id", "as_of", "name", "as_of",
	    "value", v->day_s, NULL);
	html_close(h);
	html_open(h, HE_DIV, NULL);
	html_open(h, HE_LABEL, "for", "interpretation", NULL);
	HTML_RAW(h, "Reading of the statute");
	html_close(h);
	html_open(h, HE_SELECT, "id", "interpretation", "name",
	    "interpretation", NULL);
	for (size_t i = 0; i < rules_set_ninterpretations(r->rules); i++) {
		const char *name = rules_set_interpretation(r->rules, i);

		if (v->interp != NULL && strcmp(name, v->interp) == 0)
			html_open(h, HE_OPTION, "value", name, "selected",
			    "selected", NULL);
		else
			html_open(h, HE_OPTION, "value", name, NULL);
		html_text(h, name);
		html_close(h);
	}
	html_close_to(h, HE_DIV);
	html_open(h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(h, "Show");
	html_close_to(h, HE_FORM);
}

void
outcome_badge(struct html *h, enum rules_outcome o)
{
	const char *name = rules_outcome_name(o);
	struct buf cls;

	buf_init(&cls, 64);
	buf_puts(&cls, "badge o-");
	buf_puts(&cls, name);
	html_open(h, HE_SPAN, "class", buf_str(&cls), NULL);
	html_text(h, name);
	html_close(h);
	buf_fini(&cls);
}

/* The explanation tree as nested lists, each step collapsible. */
static void
explain_node(struct html *h, const struct rules_node *n, int depth)
{
	for (; n != NULL; n = n->next) {
		html_open(h, HE_LI, NULL);
		html_open(h, HE_SPAN, "class", "step", NULL);
		html_text(h, rules_node_kind_name(n->kind));
		html_close(h);
		HTML_RAW(h, " ");
		if (n->has_outcome) {
			outcome_badge(h, n->outcome);
			HTML_RAW(h, " ");
		}
		if (n->id != NULL) {
			html_open(h, HE_CODE, NULL);
			html_text(h, n->id);
			html_close(h);
			HTML_RAW(h, " ");
		}
		if (n->citation != NULL) {
			html_text(h, n->citation);
			HTML_RAW(h, " ");
		}
		if (n->title != NULL) {
			html_open(h, HE_EM, NULL);
			html_text(h, n->title);
			html_close(h);
			HTML_RAW(h, " ");
		}
		if (n->type != NULL) {
			HTML_RAW(h, "[");
			html_text(h, n->type);
			if (n->section != NULL) {
				HTML_RAW(h, ", ");
				html_text(h, n->section);
			}
			HTML_RAW(h, "] ");
		}
		if (n->valid_from != NULL || n->valid_to != NULL) {
			html_open(h, HE_SMALL, NULL);
			html_text(h, n->valid_from != NULL ? n->valid_from : "");
			HTML_RAW(h, " to ");
			html_text(h, n->valid_to != NULL ? n->valid_to : "");
			html_close(h);
			HTML_RAW(h, " ");
		}
		if (n->reason != NULL) {
			HTML_RAW(h, "\xe2\x80\x94 ");
			html_text(h, n->reason);
		}
		if (n->excerpt != NULL) {
			html_open(h, HE_P, "class", "excerpt", NULL);
			html_text(h, n->excerpt);
			html_close(h);
		}
		if (n->child != NULL && depth < 12) {
			html_open(h, HE_UL, NULL);
			explain_node(h, n->child, depth + 1);
			html_close(h);
		}
		html_close_to(h, HE_LI);
	}
}

struct jur_out {
	struct html *h;
	size_t n;
};

static int
jur_out_cb(void *ctx, const char *jurisdiction, const char *target,
    const struct rules_result *res)
{
	struct jur_out *o = ctx;
	struct html *h = o->h;

	(void)jurisdiction;
	html_open(h, HE_TR, NULL);
	html_open(h, HE_TD, NULL);
	{
		struct buf u;

		buf_init(&u, 256);
		web_link(&u, PAGE_RECORD, "conditions", target);
		html_open(h, HE_A, "href", buf_str(&u), NULL);
		html_text(h, target);
		html_close(h);
		buf_fini(&u);
	}
	html_close(h);
	html_open(h, HE_TD, NULL);
	outcome_badge(h, res->outcome);
	if (res->outcome == RULES_NOT_ENFORCED) {
		HTML_RAW(h, " (otherwise ");
		outcome_badge(h, res->underlying);
		HTML_RAW(h, ")");
	}
	html_close(h);
	html_open(h, HE_TD, NULL);
	if (res->explanation != NULL) {
		/* Closed by default: the steps are long; no script needed. */
		html_open(h, HE_DETAILS, NULL);
		html_open(h, HE_SUMMARY, NULL);
		html_text(h, res->explanation->reason != NULL ?
		    res->explanation->reason : "the steps");
		html_close(h);
		html_open(h, HE_UL, "class", "explain", NULL);
		explain_node(h, res->explanation, 0);
		html_close_to(h, HE_DETAILS);
	}
	html_close_to(h, HE_TR);
	o->n++;
	return 0;
}

static void
facts_free(void *p)
{
	rules_facts_free(p);
}

/* The facts as recorded now (all, or lean: without the text only
 * explanations print), loaded once per data version and shared between
 * requests: the engine takes them const.  Release *ref after use; NULL
 * with d on failure. */
static const struct rules_facts *
facts_get(struct web_req *r, bool lean, struct vcache_ref **ref,
    struct at_diag *d)
{
	const char *key = lean ? "facts|lean" : "facts|full";
	int64_t ver = vcache_version(r->store);
	const struct rules_facts *f = vcache_get(key, ver, ref);
	struct rules_facts *nf = NULL;
	enum at_err er;

	if (f != NULL)
		return f;
	er = lean ? assess_facts_load_lean(r->store, NULL, &nf, d) :
	    assess_facts_load(r->store, NULL, &nf, d);
	if (er != AT_OK) {
		rules_facts_free(nf);
		return NULL;
	}
	/* Kept only if no write came between the two readings. */
	if (ver >= 0 && vcache_version(r->store) != ver)
		ver = -1;
	return vcache_put(key, ver, nf, facts_free, ref);
}

void
outcome_jurisdiction(struct html *h, struct web_req *r,
    const struct outcome_view *v, const char *id)
{
	const struct rules_facts *f;
	struct vcache_ref *fref = NULL;
	struct at_diag d;
	struct jur_out o = { h, 0 };
	struct buf act;

	html_open(h, HE_SECTION, "aria-labelledby", "outcomes", NULL);
	html_open(h, HE_H2, "id", "outcomes", NULL);
	HTML_RAW(h, "Outcomes");
	html_close(h);
	if (r->rules == NULL) {
		html_elem_text(h, HE_P, "The rules could not be loaded, so no "
		    "outcomes are shown.");
		html_close_to(h, HE_SECTION);
		return;
	}
	buf_init(&act, 256);
	web_link(&act, PAGE_JURISDICTION, id, NULL);
	buf_puts(&act, "#outcomes");
	outcome_controls(h, r, v, buf_str(&act), NULL, NULL);
	buf_fini(&act);
	at_diag_clear(&d);
	if ((f = facts_get(r, false, &fref, &d)) == NULL) {
		html_elem_text(h, HE_P, "The facts could not be read.");
		html_close_to(h, HE_SECTION);
		return;
	}
	html_open(h, HE_TABLE, "class", "outcomes", NULL);
	html_open(h, HE_CAPTION, NULL);
	HTML_RAW(h, "Each condition on ");
	html_text(h, v->day_s);
	HTML_RAW(h, " under the ");
	html_text(h, v->interp);
	HTML_RAW(h, " reading, with the steps that decided it");
	html_close(h);
	HTML_RAW(h, "<thead><tr><th scope=\"col\">condition</th><th "
		    "scope=\"col\">outcome</th><th scope=\"col\">why</th></tr>"
		    "</thead>");
	html_open(h, HE_TBODY, NULL);
	if (rules_eval_all(r->rules, f, id, NULL, v->day, v->interp, true,
		jur_out_cb, &o, &d) != AT_OK || o.n == 0)
		HTML_RAW(h, "<tr><td colspan=\"3\" class=\"none\">No condition "
			    "applies to it.</td></tr>");
	html_close_to(h, HE_SECTION);
	vcache_release(fref);
}

struct count_ctx {
	int64_t n[RULES_OUTCOME__MAX];
};

/* The cache key of a whole evaluation (vcache.h): what, the rules, the
 * day, the reading and the condition; false when it does not fit. */
static bool
eval_key(char out[VCACHE_KEYLEN], const char *what, const struct web_req *r,
    const struct outcome_view *v, const char *condition)
{
	int rc = snprintf(out, VCACHE_KEYLEN, "%s|%p|%s|%s|%s", what,
	    (const void *)r->rules, v->day_s, v->interp != NULL ? v->interp :
	    "", condition != NULL ? condition : "");

	return rc > 0 && rc < VCACHE_KEYLEN;
}

static int
count_cb(void *ctx, const char *jurisdiction, const char *target,
    const struct rules_result *res)
{
	struct count_ctx *c = ctx;

	(void)jurisdiction;
	(void)target;
	if (res->outcome < RULES_OUTCOME__MAX)
		c->n[res->outcome]++;
	return 0;
}

void
outcome_counts(struct html *h, struct web_req *r,
    const struct outcome_view *v)
{
	const struct rules_facts *f = NULL;
	struct vcache_ref *fref = NULL;
	struct count_ctx c;
	const struct count_ctx *kept;
	struct vcache_ref *ref = NULL;
	char key[VCACHE_KEYLEN];
	int64_t ver = -1;
	struct at_diag d;

	if (r->rules == NULL)
		return;
	html_open(h, HE_SECTION, "aria-labelledby", "outcomes", NULL);
	html_open(h, HE_H2, "id", "outcomes", NULL);
	HTML_RAW(h, "Outcomes by condition");
	html_close(h);
	outcome_controls(h, r, v, "/", NULL, NULL);
	memset(&c, 0, sizeof(c));
	at_diag_clear(&d);
	/* Every jurisdiction is evaluated once per data version, day and
	 * reading, not once per visit. */
	if (eval_key(key, "counts", r, v, NULL))
		ver = vcache_version(r->store);
	kept = vcache_get(key, ver, &ref);
	if (kept != NULL)
		c = *kept;
	vcache_release(ref);
	if (kept == NULL && ((f = facts_get(r, true, &fref, &d)) == NULL ||
	    rules_eval_all(r->rules, f, NULL, NULL, v->day, v->interp, false,
		count_cb, &c, &d) != AT_OK)) {
		html_elem_text(h, HE_P, "The outcomes could not be computed.");
		html_close_to(h, HE_SECTION);
		vcache_release(fref);
		return;
	}
	vcache_release(fref);
	/* Kept only if no write came between the two readings. */
	if (kept == NULL && ver >= 0 && vcache_version(r->store) == ver) {
		struct count_ctx *copy = xmalloc(sizeof(*copy));

		*copy = c;
		vcache_put(key, ver, copy, free, NULL);
	}
	html_open(h, HE_UL, "class", "cards", NULL);
	for (int o = 0; o < RULES_OUTCOME__MAX; o++) {
		if (o == RULES_NOT_APPLICABLE)
			continue;
		html_open(h, HE_LI, NULL);
		html_open(h, HE_SPAN, "class", "card", NULL);
		html_open(h, HE_STRONG, NULL);
		html_int(h, c.n[o]);
		html_close(h);
		outcome_badge(h, (enum rules_outcome)o);
		html_close_to(h, HE_LI);
	}
	html_close(h);
	html_open(h, HE_P, "class", "lead", NULL);
	HTML_RAW(h, "Pairs of jurisdiction and condition on ");
	html_text(h, v->day_s);
	HTML_RAW(h, " (");
	html_int(h, c.n[RULES_NOT_APPLICABLE]);
	HTML_RAW(h, " pairs where the condition does not apply are left out).");
	html_close(h);
	html_close_to(h, HE_SECTION);
}

struct map_ctx {
	char **ids;	 /* jurisdiction ids, owned */
	int *outcome;	 /* parallel: enum rules_outcome, or -1 */
	size_t n, cap;
};

static int
map_cb(void *ctx, const char *jurisdiction, const char *target,
    const struct rules_result *res)
{
	struct map_ctx *m = ctx;

	(void)target;
	if (res->outcome == RULES_NOT_APPLICABLE)
		return 0;
	if (m->n == m->cap) {
		m->cap = m->cap == 0 ? 64 : m->cap * 2;
		m->ids = xreallocarray(m->ids, m->cap, sizeof(*m->ids));
		m->outcome = xreallocarray(m->outcome, m->cap,
		    sizeof(*m->outcome));
	}
	m->ids[m->n] = xstrdup(jurisdiction);
	m->outcome[m->n] = (int)res->outcome;
	m->n++;
	return 0;
}

static void
map_ctx_free(void *p)
{
	struct map_ctx *m = p;

	for (size_t i = 0; i < m->n; i++)
		free(m->ids[i]);
	free(m->ids);
	free(m->outcome);
	free(m);
}

enum at_err
outcome_map(struct web_req *r, const struct outcome_view *v,
    const char *condition, outcome_map_fn fn, void *ctx)
{
	const struct rules_facts *f;
	struct vcache_ref *fref = NULL;
	struct map_ctx *m;
	const struct map_ctx *kept;
	struct vcache_ref *ref = NULL;
	char key[VCACHE_KEYLEN];
	int64_t ver = -1;
	struct at_diag d;
	enum at_err er;

	if (r->rules == NULL)
		return AT_NOTFOUND;
	/* The outcomes per jurisdiction, once per data version, day,
	 * reading and condition. */
	if (eval_key(key, "map", r, v, condition))
		ver = vcache_version(r->store);
	kept = vcache_get(key, ver, &ref);
	if (kept != NULL) {
		for (size_t i = 0; i < kept->n; i++)
			fn(ctx, kept->ids[i],
			    (enum rules_outcome)kept->outcome[i]);
		vcache_release(ref);
		return AT_OK;
	}
	m = xcalloc(1, sizeof(*m));
	at_diag_clear(&d);
	f = facts_get(r, true, &fref, &d);
	er = f != NULL ? rules_eval_all(r->rules, f, NULL, condition, v->day,
	    v->interp, false, map_cb, m, &d) : AT_DB;
	vcache_release(fref);
	if (er == AT_OK)
		for (size_t i = 0; i < m->n; i++)
			fn(ctx, m->ids[i], (enum rules_outcome)m->outcome[i]);
	if (er == AT_OK && ver >= 0 && vcache_version(r->store) == ver)
		vcache_put(key, ver, m, map_ctx_free, NULL);
	else
		map_ctx_free(m);
	return er;
}
