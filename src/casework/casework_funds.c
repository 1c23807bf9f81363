/* SPDX-License-Identifier: ISC */
/*
 * Funds at risk, withheld and released on a day (see casework_funds.h).
 */
#include "casework/casework_funds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_common.h"
#include "core/buf.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_cases.h"

struct report {
	struct store *s;
	const char *day;
	struct casework_recs notices, awards, jurs;
	struct casework_funds *f;
	struct buf *why; /* parallel to f->rows */
};

/* The case's state, due date and determining notice on the day. */
struct asof {
	const char *day;
	char state[32];
	char due[AT_DATE_LEN];
	char determined_by[80];
	bool any;
};

static int
asof_step(void *ctx, const struct store_case_step *st)
{
	struct asof *a = ctx;

	if (strcmp(st->on_date, a->day) > 0)
		return 0;
	a->any = true;
	(void)snprintf(a->state, sizeof(a->state), "%s", st->to_state);
	(void)snprintf(a->due, sizeof(a->due), "%s",
	    st->due_date != NULL ? st->due_date : "");
	if (strcmp(st->event, "determine") == 0 && st->ref != NULL)
		(void)snprintf(a->determined_by, sizeof(a->determined_by), "%s",
		    st->ref);
	return 0;
}

struct rv_ctx {
	const char *notice, *day;
	char finding[40], id[80], on[AT_DATE_LEN];
};

static int
rv_one(void *ctx, const struct store_review *r)
{
	struct rv_ctx *x = ctx;

	if (r->notice == NULL || strcmp(r->notice, x->notice) != 0 ||
	    strcmp(r->status, "approved") != 0 || r->decided_on == NULL ||
	    strcmp(r->decided_on, x->day) > 0)
		return 0;
	if (x->on[0] == '\0' || strcmp(r->decided_on, x->on) >= 0) {
		(void)snprintf(x->finding, sizeof(x->finding), "%s",
		    r->finding);
		(void)snprintf(x->id, sizeof(x->id), "%s", r->id);
		(void)snprintf(x->on, sizeof(x->on), "%s", r->decided_on);
	}
	return 0;
}

static void
jname(const struct report *rp, const char *jur, char *out, size_t n)
{
	const struct model_record *j = casework_find(&rp->jurs, jur);
	const char *name = j != NULL ? casework_get(j, "name") : NULL;

	(void)snprintf(out, n, "%s", name != NULL ? name : jur);
}

static size_t
row_of(struct report *rp, const char *jur, const char *program)
{
	struct casework_funds *f = rp->f;
	struct casework_funds_row *r;

	for (size_t i = 0; i < f->nrows; i++)
		if (strcmp(f->rows[i].jur, jur) == 0 &&
		    strcmp(f->rows[i].program, program) == 0)
			return i;
	f->rows = xreallocarray(f->rows, f->nrows + 1, sizeof(*f->rows));
	rp->why = xreallocarray(rp->why, f->nrows + 1, sizeof(*rp->why));
	r = &f->rows[f->nrows];
	memset(r, 0, sizeof(*r));
	(void)snprintf(r->jur, sizeof(r->jur), "%s", jur);
	jname(rp, jur, r->jname, sizeof(r->jname));
	(void)snprintf(r->program, sizeof(r->program), "%s", program);
	buf_init(&rp->why[f->nrows], 64 * 1024);
	return f->nrows++;
}

static void
add_why(struct buf *b, const char *why)
{
	if (buf_len(b) > 0 && strstr(buf_str(b), why) != NULL)
		return;
	buf_printf(b, "%s%s", buf_len(b) > 0 ? "; " : "", why);
}

static void
tie_awards(struct report *rp, const struct model_record *n, const char *jur,
    const char *why)
{
	const struct model_record *cur = n;
	const char *list = NULL;

	/* The notice's awards, else those of the notice it answers. */
	for (int depth = 0; cur != NULL && depth < 8; depth++) {
		list = casework_get(cur, "awards");
		if (list != NULL)
			break;
		cur = casework_find(&rp->notices,
		    casework_get(cur, "in_reply_to"));
	}
	if (list == NULL) {
		size_t i = row_of(rp, jur, "(no award named)");

		cases_sum_add(&rp->f->rows[i].sum, false, 0);
		cases_sum_add(&rp->f->at_risk, false, 0);
		add_why(&rp->why[i], why);
		return;
	}
	for (const char *p = list; *p != '\0';) {
		size_t len = strcspn(p, ";");
		char id[80];
		const struct model_record *a;
		const char *prog;
		struct casework_funds_row *r;
		size_t i;
		bool seen = false;

		(void)snprintf(id, sizeof(id), "%.*s", (int)len, p);
		a = casework_find(&rp->awards, id);
		prog = a != NULL ? casework_get(a, "program") : NULL;
		i = row_of(rp, jur, prog != NULL ? prog : "(unknown)");
		r = &rp->f->rows[i];
		for (size_t k = 0; k < r->nawards; k++)
			if (strcmp(r->awards[k], id) == 0)
				seen = true;
		if (!seen && r->nawards < CASEWORK_FUNDS_AWARDS) {
			const char *amt =
			    a != NULL ? casework_get(a, "amount") : NULL;
			int64_t cents = 0;
			bool known = amt != NULL &&
			    parse_cents(amt, strlen(amt), &cents) == AT_OK;

			(void)snprintf(r->awards[r->nawards], 80, "%s", id);
			r->known[r->nawards] = known;
			r->cents[r->nawards] = known ? cents : 0;
			r->nawards++;
			cases_sum_add(&r->sum, known, cents);
			cases_sum_add(&rp->f->at_risk, known, cents);
		}
		add_why(&rp->why[i], why);
		p += len;
		if (*p == ';')
			p++;
	}
}

static int
on_case(void *ctx, const struct store_case *c)
{
	struct report *rp = ctx;
	const struct model_record *n = casework_find(&rp->notices, c->notice);
	const char *kind, *jur;
	struct asof a;
	enum cases_state st;
	char why[300];

	if (n == NULL)
		return 0;
	kind = casework_get(n, "kind");
	jur = casework_get(n, "jurisdiction");
	memset(&a, 0, sizeof(a));
	a.day = rp->day;
	(void)store_case_step_each(rp->s, c->notice, asof_step, &a);
	if (!a.any || cases_state_parse(a.state, &st) != AT_OK ||
	    st == CASES_WITHDRAWN)
		return 0;
	if (st == CASES_DETERMINED || st == CASES_ACTION) {
		const struct model_record *by =
		    casework_find(&rp->notices, a.determined_by);
		const char *bk = by != NULL ? casework_get(by, "kind") : "";

		if (bk != NULL && (strcmp(bk, "clearance") == 0 ||
		    strcmp(bk, "preliminary_finding") == 0))
			return 0;
		(void)snprintf(why, sizeof(why), "%s determined by %s",
		    c->notice, a.determined_by);
		tie_awards(rp, n, jur, why);
		return 0;
	}
	if (strcmp(kind, "preliminary_finding") == 0 ||
	    strcmp(kind, "determination") == 0) {
		(void)snprintf(why, sizeof(why), "open finding %s (%s)",
		    c->notice, kind);
		tie_awards(rp, n, jur, why);
		return 0;
	}
	if (st == CASES_APPROVED) {
		struct rv_ctx x;

		memset(&x, 0, sizeof(x));
		x.notice = c->notice;
		x.day = rp->day;
		(void)store_review_each(rp->s, NULL, rv_one, &x);
		if (x.id[0] != '\0' && strcmp(x.finding, "complies") != 0) {
			(void)snprintf(why, sizeof(why),
			    "finding %s approved: %s", x.id, x.finding);
			tie_awards(rp, n, jur, why);
		}
		return 0;
	}
	if (cases_state_is_waiting(st) && a.due[0] != '\0' &&
	    strcmp(rp->day, a.due) > 0) {
		(void)snprintf(why, sizeof(why), "%s overdue since %s",
		    c->notice, a.due);
		tie_awards(rp, n, jur, why);
	}
	return 0;
}

static int
row_cmp(const void *x, const void *y)
{
	const struct casework_funds_row *a = x, *b = y;
	int c = strcmp(a->jur, b->jur);

	return c != 0 ? c : strcmp(a->program, b->program);
}

static int
act_cmp(const void *x, const void *y)
{
	const struct casework_funds_act *a = x, *b = y;
	int c = strcmp(a->jur, b->jur);

	if (c == 0)
		c = strcmp(a->award, b->award);
	if (c == 0)
		c = strcmp(a->date, b->date);
	return c != 0 ? c : strcmp(a->id, b->id);
}

static int
on_action(void *ctx, const struct model_record *r)
{
	struct report *rp = ctx;
	struct casework_funds *f = rp->f;
	struct casework_funds_act *a;
	const char *kind = casework_get(r, "kind");
	const char *date = casework_get(r, "date");
	const char *amt = casework_get(r, "amount");
	const char *jur = casework_get(r, "jurisdiction");
	const char *award = casework_get(r, "award");
	bool release;

	if (kind == NULL || date == NULL || strcmp(date, rp->day) > 0)
		return 0;
	release = strcmp(kind, "release") == 0;
	if (!release && strcmp(kind, "withhold") != 0 &&
	    strcmp(kind, "deobligate") != 0)
		return 0;
	f->acts = xreallocarray(f->acts, f->nacts + 1, sizeof(*f->acts));
	a = &f->acts[f->nacts++];
	memset(a, 0, sizeof(*a));
	(void)snprintf(a->id, sizeof(a->id), "%s", model_record_id(r));
	(void)snprintf(a->kind, sizeof(a->kind), "%s", kind);
	(void)snprintf(a->date, sizeof(a->date), "%s", date);
	(void)snprintf(a->jur, sizeof(a->jur), "%s", jur != NULL ? jur : "");
	jname(rp, a->jur, a->jname, sizeof(a->jname));
	(void)snprintf(a->award, sizeof(a->award), "%s",
	    award != NULL ? award : "(no award named)");
	{
		const struct model_record *aw = casework_find(&rp->awards,
		    award);
		const char *prog = aw != NULL ? casework_get(aw, "program")
		                              : NULL;

		(void)snprintf(a->program, sizeof(a->program), "%s",
		    prog != NULL ? prog : "");
	}
	a->known = amt != NULL &&
	    parse_cents(amt, strlen(amt), &a->cents) == AT_OK;
	if (!a->known)
		a->cents = 0;
	cases_sum_add(release ? &f->released : &f->withheld, a->known,
	    a->cents);
	return 0;
}

enum at_err
casework_funds(struct store *s, struct at_date day, struct casework_funds *out)
{
	struct report rp;
	enum at_err er;

	memset(out, 0, sizeof(*out));
	memset(&rp, 0, sizeof(rp));
	at_date_format(day, out->day);
	rp.s = s;
	rp.day = out->day;
	rp.f = out;
	er = casework_load(s, KIND_NOTICE, &rp.notices);
	if (er == AT_OK)
		er = casework_load(s, KIND_AWARD, &rp.awards);
	if (er == AT_OK)
		er = casework_load(s, KIND_JURISDICTION, &rp.jurs);
	if (er == AT_OK)
		er = store_case_each(s, on_case, &rp);
	if (er == AT_OK)
		er = store_record_each(s, KIND_ACTION, NULL, on_action, &rp);
	for (size_t i = 0; i < out->nrows; i++)
		out->rows[i].why = buf_detach(&rp.why[i], NULL);
	free(rp.why);
	casework_recs_fini(&rp.notices);
	casework_recs_fini(&rp.awards);
	casework_recs_fini(&rp.jurs);
	if (er != AT_OK) {
		casework_funds_fini(out);
		return er;
	}
	if (out->nrows > 1)
		qsort(out->rows, out->nrows, sizeof(*out->rows), row_cmp);
	if (out->nacts > 1)
		qsort(out->acts, out->nacts, sizeof(*out->acts), act_cmp);
	return AT_OK;
}

void
casework_funds_fini(struct casework_funds *f)
{
	for (size_t i = 0; i < f->nrows; i++)
		free(f->rows[i].why);
	free(f->rows);
	free(f->acts);
	memset(f, 0, sizeof(*f));
}
