/* SPDX-License-Identifier: ISC */
/*
 * What the case work services share (see casework_common.h).  The
 * decisions are cases/'s and the rules engine's; this file only fetches
 * what they need and writes what they decide.
 */
#include "casework/casework_common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "rules/rules.h"
#include "store/store.h"
#include "store/store_cases.h"

static int
load_one(void *ctx, const struct model_record *rec)
{
	struct casework_recs *r = ctx;

	r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = model_record_dup(rec);
	return 0;
}

enum at_err
casework_load(struct store *s, enum model_kind kind, struct casework_recs *out)
{
	memset(out, 0, sizeof(*out));
	return store_record_each(s, kind, NULL, load_one, out);
}

void
casework_recs_fini(struct casework_recs *r)
{
	for (size_t i = 0; i < r->n; i++)
		model_record_free(r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

const struct model_record *
casework_find(const struct casework_recs *r, const char *id)
{
	for (size_t i = 0; id != NULL && i < r->n; i++)
		if (strcmp(model_record_id(r->v[i]), id) == 0)
			return r->v[i];
	return NULL;
}

const char *
casework_get(const struct model_record *r, const char *field)
{
	int i;

	if (r == NULL)
		return NULL;
	i = model_field_index(r->kind, field);
	return i < 0 ? NULL : model_record_text(r, (size_t)i);
}

enum at_err
casework_set(struct model_record *r, const char *field, const char *val,
    struct at_diag *d)
{
	int i = model_field_index(r->kind, field);

	if (i < 0)
		abort();
	if (val == NULL)
		return AT_OK;
	return model_record_set(r, (size_t)i, val, strlen(val), d);
}

enum at_err
casework_record_make(struct store *s, enum model_kind kind,
    const struct casework_field *f, size_t n, struct model_record **out,
    struct at_diag *d)
{
	struct model_record *r = model_record_new(kind);
	enum at_err er = AT_OK;

	for (size_t i = 0; er == AT_OK && i < n; i++)
		er = casework_set(r, f[i].name, f[i].val, d);
	if (er == AT_OK)
		er = model_record_validate(r, store_exists_cb, s, d);
	if (er != AT_OK) {
		model_record_free(r);
		return er;
	}
	*out = r;
	return AT_OK;
}

bool
casework_list_has(const char *list, const char *id)
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

enum at_err
casework_step(struct store *s, const char *notice, enum cases_event ev,
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


static void
describe(const struct model_record *r, char *why, size_t n)
{
	(void)snprintf(why, n, "%s, %s, %s, scope %s",
	    casework_get(r, "case_name") ? casework_get(r, "case_name") : "",
	    casework_get(r, "court") ? casework_get(r, "court") : "",
	    casework_get(r, "date") ? casework_get(r, "date") : "",
	    casework_get(r, "scope") ? casework_get(r, "scope") : "");
}

/* The facts of s for the engine, or NULL when rs is NULL or they do not
 * load. */
static struct rules_facts *
facts_load(struct store *s, const struct rules_set *rs)
{
	struct rules_facts *f = NULL;
	struct at_diag d;

	if (rs == NULL)
		return NULL;
	at_diag_clear(&d);
	if (assess_facts_load(s, NULL, &f, &d) != AT_OK)
		return NULL;
	return f;
}

bool
casework_not_enforced(struct store *s, const struct rules_set *rs,
    const struct casework_recs *rulings, const char *condition,
    const char *jurisdiction, struct at_date on, char *id, size_t idn,
    char *why, size_t whyn)
{
	struct rules_facts *f = facts_load(s, rs);
	bool found = false;
	char *chain[CHAIN_MAX];
	size_t nchain = 0;

	if (f != NULL) {
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
				    ? casework_find(rulings, n->id)
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
	/* The jurisdiction and the governments it lies in, for rulings on
	 * a state or county and its subdivisions. */
	chain[nchain++] = xstrdup(jurisdiction);
	for (size_t k = 0; k < nchain && nchain < CHAIN_MAX; k++) {
		struct model_record *jr = NULL;
		const char *p, *also;

		if (store_record_get(s, KIND_JURISDICTION, chain[k], &jr) !=
		    AT_OK)
			continue;
		p = casework_get(jr, "parent");
		if (p != NULL && nchain < CHAIN_MAX)
			chain[nchain++] = xstrdup(p);
		also = casework_get(jr, "also_in");
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
casework_explain(struct store *s, const struct rules_set *rs,
    const char *jurisdiction, const char *condition, struct at_date on)
{
	struct rules_facts *f = facts_load(s, rs);
	struct rules_result res;
	struct at_diag d;
	char *out = NULL;

	if (f == NULL)
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
	return out;
}
