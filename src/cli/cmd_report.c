/* SPDX-License-Identifier: ISC */
/*
 * attest report funds-at-risk [--as-of DATE]: per jurisdiction and
 * program, the awards tied to open findings or overdue notices on a day,
 * and the sum of their amounts.  An award whose amount is not known is
 * counted as unknown, never as zero: a row shows "unknown" or
 * "$X + N unknown".
 *
 * A case counts, as of the day (its history replayed up to it), when:
 * its notice is a preliminary finding or a determination not yet
 * answered by a clearance; or a second reviewer approved a finding other
 * than "complies" and the agency has not yet determined the case; or it
 * is waiting on a response past its due date.  A case determined by a
 * clearance, or withdrawn, does not count; one determined by a
 * preliminary finding passes the risk to that finding's own case.  The
 * awards are the notice's, else those of the notice it answers.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "core/buf.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_cases.h"

/* One (jurisdiction, program) row. */
struct row {
	char jur[16];
	char program[80];
	char awards[40][80]; /* distinct award ids */
	size_t nawards;
	struct cases_sum sum;
	struct buf why;
};

struct report {
	struct store *s;
	char day[AT_DATE_LEN];
	struct cases_recs notices, awards, jurs;
	struct row *rows;
	size_t nrows;
};

/* The case's state, due date and determining notice on r->day. */
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
		(void)snprintf(
		    a->determined_by, sizeof(a->determined_by), "%s", st->ref);
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
		(void)snprintf(
		    x->finding, sizeof(x->finding), "%s", r->finding);
		(void)snprintf(x->id, sizeof(x->id), "%s", r->id);
		(void)snprintf(x->on, sizeof(x->on), "%s", r->decided_on);
	}
	return 0;
}

static struct row *
row_of(struct report *rp, const char *jur, const char *program)
{
	struct row *r;

	for (size_t i = 0; i < rp->nrows; i++)
		if (strcmp(rp->rows[i].jur, jur) == 0 &&
		    strcmp(rp->rows[i].program, program) == 0)
			return &rp->rows[i];
	rp->rows = xreallocarray(rp->rows, rp->nrows + 1, sizeof(*rp->rows));
	r = &rp->rows[rp->nrows++];
	memset(r, 0, sizeof(*r));
	(void)snprintf(r->jur, sizeof(r->jur), "%s", jur);
	(void)snprintf(r->program, sizeof(r->program), "%s", program);
	buf_init(&r->why, 64 * 1024);
	return r;
}

static void
tie_awards(struct report *rp, const struct model_record *n, const char *jur,
    const char *why)
{
	const struct model_record *cur = n;
	const char *list = NULL;

	/* The notice's awards, else those of the notice it answers. */
	for (int depth = 0; cur != NULL && depth < 8; depth++) {
		list = cases_cli_get(cur, "awards");
		if (list != NULL)
			break;
		cur = cases_cli_find(
		    &rp->notices, cases_cli_get(cur, "in_reply_to"));
	}
	if (list == NULL) {
		struct row *r = row_of(rp, jur, "(no award named)");

		cases_sum_add(&r->sum, false, 0);
		buf_printf(&r->why, "%s%s", buf_len(&r->why) ? "; " : "", why);
		return;
	}
	for (const char *p = list; *p != '\0';) {
		size_t len = strcspn(p, ";");
		char id[80];
		const struct model_record *a;
		struct row *r;
		bool seen = false;

		(void)snprintf(id, sizeof(id), "%.*s", (int)len, p);
		a = cases_cli_find(&rp->awards, id);
		r = row_of(rp, jur,
		    a != NULL ? cases_cli_get(a, "program") : "(unknown)");
		for (size_t i = 0; i < r->nawards; i++)
			if (strcmp(r->awards[i], id) == 0)
				seen = true;
		if (!seen && r->nawards < 40) {
			const char *amt =
			    a != NULL ? cases_cli_get(a, "amount") : NULL;
			int64_t cents = 0;

			(void)snprintf(r->awards[r->nawards++], 80, "%s", id);
			if (amt != NULL &&
			    parse_cents(amt, strlen(amt), &cents) == AT_OK)
				cases_sum_add(&r->sum, true, cents);
			else
				cases_sum_add(&r->sum, false, 0);
		}
		if (strstr(buf_str(&r->why), why) == NULL)
			buf_printf(
			    &r->why, "%s%s", buf_len(&r->why) ? "; " : "", why);
		p += len;
		if (*p == ';')
			p++;
	}
}

static int
on_case(void *ctx, const struct store_case *c)
{
	struct report *rp = ctx;
	const struct model_record *n = cases_cli_find(&rp->notices, c->notice);
	const char *kind, *jur;
	struct asof a;
	enum cases_state st;
	char why[300];

	if (n == NULL)
		return 0;
	kind = cases_cli_get(n, "kind");
	jur = cases_cli_get(n, "jurisdiction");
	memset(&a, 0, sizeof(a));
	a.day = rp->day;
	(void)store_case_step_each(rp->s, c->notice, asof_step, &a);
	if (!a.any || cases_state_parse(a.state, &st) != AT_OK ||
	    st == CASES_WITHDRAWN)
		return 0;
	if (st == CASES_DETERMINED || st == CASES_ACTION) {
		const struct model_record *by =
		    cases_cli_find(&rp->notices, a.determined_by);
		const char *bk = by != NULL ? cases_cli_get(by, "kind") : "";

		if (strcmp(bk, "clearance") == 0 ||
		    strcmp(bk, "preliminary_finding") == 0)
			return 0;
		(void)snprintf(why, sizeof(why), "%s determined by %s",
		    c->notice, a.determined_by);
		tie_awards(rp, n, jur, why);
		return 0;
	}
	if (strcmp(kind, "preliminary_finding") == 0 ||
	    strcmp(kind, "determination") == 0) {
		(void)snprintf(
		    why, sizeof(why), "open finding %s (%s)", c->notice, kind);
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
		(void)snprintf(
		    why, sizeof(why), "%s overdue since %s", c->notice, a.due);
		tie_awards(rp, n, jur, why);
	}
	return 0;
}

static int
row_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = strcmp(a->jur, b->jur);

	return c != 0 ? c : strcmp(a->program, b->program);
}

static void
print_json(const struct report *rp)
{
	json_t *a = json_array();
	char *js;

	if (a == NULL)
		abort();
	for (size_t i = 0; i < rp->nrows; i++) {
		const struct row *r = &rp->rows[i];
		const struct model_record *j =
		    cases_cli_find(&rp->jurs, r->jur);
		json_t *aw = json_array(), *o;
		char amount[96];

		if (aw == NULL)
			abort();
		for (size_t k = 0; k < r->nawards; k++)
			if (json_array_append_new(
			        aw, json_string(r->awards[k])) != 0)
				abort();
		cases_sum_format(&r->sum, amount, sizeof(amount));
		/* known_cents is null when no amount is known: never 0. */
		o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:s, s:s}",
		    "as_of", rp->day, "jurisdiction", r->jur,
		    "jurisdiction_name",
		    j != NULL ? cases_cli_get(j, "name") : r->jur, "program",
		    r->program, "awards", aw, "known_cents",
		    r->sum.nknown > 0 ? json_integer((json_int_t)r->sum.known)
		                      : json_null(),
		    "unknown_awards", (json_int_t)r->sum.nunknown, "amount",
		    amount, "why", buf_str(&r->why));
		if (o == NULL || json_array_append_new(a, o) != 0)
			abort();
	}
	js = json_dumps(a, JSON_INDENT(2));
	json_decref(a);
	if (js == NULL)
		abort();
	printf("%s\n", js);
	free(js);
}

int
cmd_report(struct cli_ctx *ctx)
{
	const char *as_of = NULL;
	bool json = false;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL, "the day (default today)" },
		{ "json", NULL, &json,
		    "print the rows as a JSON array; "
		    "known_cents counts only known amounts, unknown_awards "
		    "the others" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct report rp;
	struct at_date day;
	struct cases_sum total;
	enum at_err er;

	if (cli_parse(ctx, opts, "funds-at-risk [--as-of DATE]", pos, 1, &npos,
	        &rc) != 0)
		return rc;
	if (npos != 1 || strcmp(pos[0], "funds-at-risk") != 0) {
		cli_err(ctx,
		    "usage: attest report funds-at-risk [--as-of "
		    "DATE]");
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "as-of", as_of, &day);
	if (rc != 0)
		return rc;
	memset(&rp, 0, sizeof(rp));
	at_date_format(day, rp.day);
	rc = cli_open_store(ctx, &rp.s);
	if (rc != 0)
		return rc;
	er = cases_cli_load(rp.s, KIND_NOTICE, &rp.notices);
	if (er == AT_OK)
		er = cases_cli_load(rp.s, KIND_AWARD, &rp.awards);
	if (er == AT_OK)
		er = cases_cli_load(rp.s, KIND_JURISDICTION, &rp.jurs);
	if (er == AT_OK)
		er = store_case_each(rp.s, on_case, &rp);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		goto out;
	}
	if (rp.nrows > 1)
		qsort(rp.rows, rp.nrows, sizeof(*rp.rows), row_cmp);
	memset(&total, 0, sizeof(total));
	if (json) {
		print_json(&rp);
		goto out;
	}
	printf("funds at risk as of %s (open findings and overdue notices)\n",
	    rp.day);
	for (size_t i = 0; i < rp.nrows; i++) {
		struct row *r = &rp.rows[i];
		const struct model_record *j = cases_cli_find(&rp.jurs, r->jur);
		char amount[96];

		cases_sum_format(&r->sum, amount, sizeof(amount));
		if (r->sum.nknown > 0)
			cases_sum_add(&total, true, r->sum.known);
		for (size_t k = 0; k < r->sum.nunknown; k++)
			cases_sum_add(&total, false, 0);
		printf("%-34s %-8s %-8s %zu award%s  %s\n",
		    j != NULL ? cases_cli_get(j, "name") : r->jur, r->jur,
		    r->program, r->nawards, r->nawards == 1 ? " " : "s",
		    amount);
		for (size_t k = 0; k < r->nawards; k++)
			printf("    award %s\n", r->awards[k]);
		printf("    why: %s\n", buf_str(&r->why));
	}
	if (rp.nrows == 0)
		printf("nothing at risk\n");
	else {
		char amount[96];

		/* total.nknown counts rows, so show the known sum and the
		 * count of unknown awards separately. */
		cases_money_format(total.known, amount, sizeof(amount));
		printf("total: %s known", amount);
		if (total.nunknown > 0)
			printf(" + %zu award%s of unknown amount (not counted "
			       "as zero)",
			    total.nunknown, total.nunknown == 1 ? "" : "s");
		printf("\n");
	}
out:
	for (size_t i = 0; i < rp.nrows; i++)
		buf_fini(&rp.rows[i].why);
	free(rp.rows);
	cases_cli_recs_fini(&rp.notices);
	cases_cli_recs_fini(&rp.awards);
	cases_cli_recs_fini(&rp.jurs);
	store_close(rp.s);
	return cli_exit_for(er);
}
