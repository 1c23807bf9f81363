/* SPDX-License-Identifier: ISC */
/*
 * attest notice issue|open|list|show|extend|withdraw: notices as cases.
 *
 * issue inserts a notice record (the model's notices kind, with the due
 * date computed from an explicit rule) and opens its case; a clearance,
 * preliminary finding or determination issued in reply to a case moves
 * that case to its determination.  open gives an imported notice its
 * case.  extend moves a due date and keeps the old one in the history.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "cli/records_out.h"
#include "store/store.h"
#include "store/store_cases.h"

/* Notice kinds that decide the case they answer. */
static bool
determines(const char *kind)
{
	return strcmp(kind, "clearance") == 0 ||
	    strcmp(kind, "preliminary_finding") == 0 ||
	    strcmp(kind, "determination") == 0;
}

static int
notice_issue(struct cli_ctx *ctx)
{
	const char *id = NULL, *kind = NULL, *jur = NULL, *agency = NULL,
	           *date = NULL, *due = NULL, *conds = NULL, *awards = NULL,
	           *sender = NULL, *reply = NULL, *summary = NULL,
	           *source = NULL, *as = NULL;
	const struct cli_opt opts[] = {
		{ "id", &id, NULL, "notice id (required)" },
		{ "kind", &kind, NULL,
		    "certification_request, "
		    "preliminary_finding, clearance, document_demand, "
		    "determination, extension or other (required)" },
		{ "jurisdiction", &jur, NULL,
		    "FIPS code of the recipient "
		    "(required)" },
		{ "agency", &agency, NULL, "recipient agency id" },
		{ "date", &date, NULL, "date sent (default today)" },
		{ "due", &due, NULL,
		    "due-date rule: \"70 calendar days\", "
		    "\"10 business days\" or a date" },
		{ "conditions", &conds, NULL, "condition ids, ';'-separated" },
		{ "awards", &awards, NULL, "award numbers, ';'-separated" },
		{ "sender", &sender, NULL, "sender's name and title" },
		{ "in-reply-to", &reply, NULL,
		    "the notice whose case this "
		    "one answers" },
		{ "summary", &summary, NULL, "summary" },
		{ "source", &source, NULL, "where the fact comes from" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *r = NULL;
	struct at_diag d;
	struct at_date day, due_day;
	struct cases_due_rule rule;
	char deriv[CASES_DERIVATION_MAX], rule_text[64], due_text[AT_DATE_LEN];
	char src[256];
	enum at_err er;
	const char *actor;

	if (cli_parse(ctx, opts,
	        "issue --id ID --kind KIND --jurisdiction "
	        "FIPS [--due RULE] [options]",
	        pos, 0, &npos, &rc) != 0)
		return rc;
	if (id == NULL || kind == NULL || jur == NULL) {
		cli_err(ctx, "issue needs --id, --kind and --jurisdiction");
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_diag_clear(&d);
	deriv[0] = '\0';
	if (due != NULL) {
		if (cases_due_rule_parse(due, &rule, &d) != AT_OK ||
		    cases_due_compute(day, &rule, &due_day, deriv, &d) != AT_OK)
			return cases_cli_fail(ctx, NULL, AT_EINVAL, &d);
		cases_due_rule_format(&rule, rule_text, sizeof(rule_text));
		at_date_format(due_day, due_text);
	}
	if (due == NULL &&
	    (strcmp(kind, "certification_request") == 0 ||
	        strcmp(kind, "document_demand") == 0)) {
		cli_err(ctx,
		    "a %s needs --due (a rule such as \"70 calendar "
		    "days\" or a date)",
		    kind);
		return CLI_USAGE;
	}
	if (strcmp(kind, "extension") == 0 && (reply == NULL || due == NULL)) {
		cli_err(ctx, "an extension needs --in-reply-to and --due");
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	actor = cases_cli_actor(s, as);
	if (source == NULL) {
		(void)snprintf(
		    src, sizeof(src), "attest notice issue by %s", actor);
		source = src;
	}
	r = model_record_new(KIND_NOTICE);
	{
		char day_text[AT_DATE_LEN];

		at_date_format(day, day_text);
		er = cases_cli_set(r, "id", id, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "kind", kind, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "date", day_text, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "jurisdiction", jur, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "agency", agency, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "sender", sender, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "conditions", conds, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "awards", awards, &d);
		if (er == AT_OK && due != NULL)
			er = cases_cli_set(r, "due_date", due_text, &d);
		if (er == AT_OK && due != NULL)
			er = cases_cli_set(r, "due_rule", rule_text, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "in_reply_to", reply, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "summary", summary, &d);
		if (er == AT_OK)
			er = cases_cli_set(r, "source", source, &d);
		if (er == AT_OK)
			er = model_record_validate(r, store_exists_cb, s, &d);
		if (er != AT_OK)
			goto fail;
		er = store_begin(s);
		if (er == AT_OK)
			er = store_record_insert(s, r, &d);
		if (er != AT_OK)
			goto fail;
		er = cases_cli_open(s, r, deriv, &d);
		if (er != AT_OK)
			goto fail;
		if (reply != NULL && determines(kind)) {
			char why[128];

			(void)snprintf(why, sizeof(why), "%s %s", kind, id);
			er = cases_cli_step(s, reply, CASES_EV_DETERMINE,
			    day_text, NULL, NULL, NULL, why, id, NULL, &d);
		} else if (reply != NULL && strcmp(kind, "extension") == 0) {
			char why[128];

			(void)snprintf(why, sizeof(why), "extension %s", id);
			er = cases_cli_step(s, reply, CASES_EV_EXTEND, day_text,
			    due_text, rule_text, deriv, why, id, NULL, &d);
		}
		if (er != AT_OK)
			goto fail;
		er = store_commit(s);
		if (er != AT_OK)
			goto fail;
	}
	printf("issued %s (%s) to %s", id, kind, jur);
	if (due != NULL)
		printf("; due %s: %s", due_text, deriv);
	printf("\n");
	model_record_free(r);
	store_close(s);
	return CLI_OK;
fail:
	model_record_free(r);
	return cases_cli_fail(ctx, s, er, &d);
}

/* "due date D as recorded in the notice (rule: R)" for imported ones. */
static void
recorded_derivation(const struct model_record *r, char *deriv, size_t n)
{
	deriv[0] = '\0';
	if (cases_cli_get(r, "due_date") != NULL)
		(void)snprintf(deriv, n,
		    "due date %s as recorded in the notice (rule: %s)",
		    cases_cli_get(r, "due_date"),
		    cases_cli_get(r, "due_rule") != NULL
		        ? cases_cli_get(r, "due_rule")
		        : "not recorded");
}

static int
by_date(const void *a, const void *b)
{
	const struct model_record *x = *(const struct model_record *const *)a;
	const struct model_record *y = *(const struct model_record *const *)b;
	int c = strcmp(cases_cli_get(x, "date"), cases_cli_get(y, "date"));

	return c != 0 ? c : strcmp(model_record_id(x), model_record_id(y));
}

/*
 * Give every imported notice without a case its case, oldest first, and
 * let each imported certification that answers a waiting case be
 * received (on time or late against the recorded due date).  Reviews
 * and determinations are not invented: the record holds none.
 */
static enum at_err
open_all(struct store *s, size_t *opened, size_t *received, struct at_diag *d)
{
	struct cases_recs ns, cs;
	enum at_err er;
	char deriv[CASES_DERIVATION_MAX];

	memset(&cs, 0, sizeof(cs));
	er = cases_cli_load(s, KIND_NOTICE, &ns);
	if (er == AT_OK)
		er = cases_cli_load(s, KIND_CERTIFICATION, &cs);
	if (er != AT_OK)
		goto out;
	if (ns.n > 1)
		qsort(ns.v, ns.n, sizeof(*ns.v), by_date);
	if (cs.n > 1)
		qsort(cs.v, cs.n, sizeof(*cs.v), by_date);
	er = store_begin(s);
	for (size_t i = 0; er == AT_OK && i < ns.n; i++) {
		struct store_case c;

		memset(&c, 0, sizeof(c));
		er = store_case_get(s, model_record_id(ns.v[i]), &c);
		store_case_fini(&c);
		if (er == AT_OK)
			continue;
		if (er != AT_NOTFOUND)
			break;
		recorded_derivation(ns.v[i], deriv, sizeof(deriv));
		er = cases_cli_open(s, ns.v[i], deriv, d);
		if (er == AT_OK)
			(*opened)++;
	}
	for (size_t i = 0; er == AT_OK && i < cs.n; i++) {
		const char *n = cases_cli_get(cs.v[i], "notice");
		const char *day = cases_cli_get(cs.v[i], "date");
		struct store_case c;
		enum cases_state st;
		struct at_date due, on;
		char why[160];

		memset(&c, 0, sizeof(c));
		if (n == NULL || store_case_get(s, n, &c) != AT_OK)
			continue;
		if (cases_state_parse(c.state, &st) != AT_OK ||
		    !cases_state_is_waiting(st) || c.due_date == NULL ||
		    at_date_parse_str(c.due_date, &due) != AT_OK ||
		    at_date_parse_str(day, &on) != AT_OK) {
			store_case_fini(&c);
			continue;
		}
		if (cases_days_overdue(due, on) > 0)
			(void)snprintf(why, sizeof(why),
			    "LATE by %lld days (due %s); imported",
			    (long long)cases_days_overdue(due, on), c.due_date);
		else
			(void)snprintf(why, sizeof(why),
			    "on time (due %s); imported", c.due_date);
		store_case_fini(&c);
		er = cases_cli_step(s, n, CASES_EV_RECEIVE, day, NULL, NULL,
		    NULL, why, model_record_id(cs.v[i]), NULL, d);
		if (er == AT_OK)
			(*received)++;
	}
	if (er == AT_OK)
		er = store_commit(s);
out:
	cases_cli_recs_fini(&ns);
	cases_cli_recs_fini(&cs);
	return er;
}

static int
notice_open(struct cli_ctx *ctx)
{
	const char *as = NULL;
	bool all = false;
	const struct cli_opt opts[] = {
		{ "all", NULL, &all,
		    "every notice without a case; imported "
		    "certifications answering them are received" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *r = NULL;
	struct at_diag d;
	enum at_err er;
	char deriv[CASES_DERIVATION_MAX];

	if (cli_parse(ctx, opts, "open NOTICE_ID | open --all", pos, 2, &npos,
	        &rc) != 0)
		return rc;
	if (npos != (all ? 1 : 2)) {
		cli_err(
		    ctx, "usage: attest notice open NOTICE_ID | open --all");
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	(void)cases_cli_actor(s, as);
	at_diag_clear(&d);
	if (all) {
		size_t opened = 0, received = 0;

		er = open_all(s, &opened, &received, &d);
		if (er != AT_OK)
			return cases_cli_fail(ctx, s, er, &d);
		printf("opened %zu cases; %zu imported certifications "
		       "received\n",
		    opened, received);
		store_close(s);
		return CLI_OK;
	}
	er = store_record_get(s, KIND_NOTICE, pos[1], &r);
	if (er == AT_NOTFOUND)
		er = at_diag_set(
		    &d, AT_NOTFOUND, "notice", "no notice \"%s\"", pos[1]);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	recorded_derivation(r, deriv, sizeof(deriv));
	er = store_begin(s);
	if (er == AT_OK)
		er = cases_cli_open(s, r, deriv, &d);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK) {
		model_record_free(r);
		return cases_cli_fail(ctx, s, er, &d);
	}
	printf("opened the case of %s\n", pos[1]);
	model_record_free(r);
	store_close(s);
	return CLI_OK;
}

struct list_ctx {
	struct store *s;
	const char *jur;
	struct at_date as_of;
};

static int
list_one(void *ctx, const struct model_record *r)
{
	struct list_ctx *l = ctx;
	struct store_case c;
	const char *j = cases_cli_get(r, "jurisdiction");

	if (l->jur != NULL && (j == NULL || strcmp(j, l->jur) != 0))
		return 0;
	memset(&c, 0, sizeof(c));
	printf("%-28s %s %-22s %-8s", model_record_id(r),
	    cases_cli_get(r, "date"), cases_cli_get(r, "kind"), j);
	if (store_case_get(l->s, model_record_id(r), &c) == AT_OK) {
		enum cases_state st;

		printf(" %-22s", c.state);
		if (c.due_date != NULL)
			printf(" due %s", c.due_date);
		if (c.due_date != NULL &&
		    cases_state_parse(c.state, &st) == AT_OK &&
		    cases_state_is_waiting(st)) {
			struct at_date due;

			if (at_date_parse_str(c.due_date, &due) == AT_OK &&
			    cases_days_overdue(due, l->as_of) > 0)
				printf(" OVERDUE %lld days",
				    (long long)cases_days_overdue(
				        due, l->as_of));
		}
		store_case_fini(&c);
	} else
		printf(" %-22s", "(no case)");
	printf("\n");
	return 0;
}

static int
notice_list(struct cli_ctx *ctx)
{
	const char *jur = NULL, *as_of = NULL;
	const struct cli_opt opts[] = {
		{ "jurisdiction", &jur, NULL, "only this recipient" },
		{ "as-of", &as_of, NULL,
		    "day overdue is computed for "
		    "(default today)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct list_ctx l;
	enum at_err er;

	if (cli_parse(ctx, opts, "list [--jurisdiction FIPS] [--as-of DATE]",
	        pos, 1, &npos, &rc) != 0)
		return rc;
	memset(&l, 0, sizeof(l));
	rc = cases_cli_date(ctx, "as-of", as_of, &l.as_of);
	if (rc != 0)
		return rc;
	l.jur = jur;
	rc = cli_open_store(ctx, &l.s);
	if (rc != 0)
		return rc;
	er = store_record_each(l.s, KIND_NOTICE, NULL, list_one, &l);
	store_close(l.s);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		return cli_exit_for(er);
	}
	return CLI_OK;
}

static int
show_step(void *ctx, const struct store_case_step *st)
{
	(void)ctx;
	printf("  %s  %-8s %s -> %s", st->on_date, st->event,
	    st->from_state != NULL ? st->from_state : "-", st->to_state);
	if (st->due_date != NULL)
		printf("  due %s", st->due_date);
	printf("  by %s", st->actor);
	if (st->reason != NULL)
		printf("  (%s)", st->reason);
	printf("\n");
	if (st->derivation != NULL && strcmp(st->event, "extend") == 0)
		printf("      %s\n", st->derivation);
	return 0;
}

static int
show_letter(void *ctx, const struct store_letter *l)
{
	(void)ctx;
	printf("  %s  %-4s %lld bytes  sha256 %s  (%s)\n", l->rendered,
	    l->format, (long long)l->size, l->sha256, l->template);
	return 0;
}

static int
notice_show(struct cli_ctx *ctx)
{
	const char *as_of = NULL;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL,
		    "day overdue is computed for "
		    "(default today)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *r = NULL;
	struct store_case c;
	struct at_date today;
	enum at_err er;

	if (cli_parse(ctx, opts, "show NOTICE_ID [--as-of DATE]", pos, 2, &npos,
	        &rc) != 0)
		return rc;
	if (npos != 2) {
		cli_err(ctx, "usage: attest notice show NOTICE_ID");
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "as-of", as_of, &today);
	if (rc != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	er = store_record_get(s, KIND_NOTICE, pos[1], &r);
	if (er != AT_OK) {
		cli_err(ctx, er == AT_NOTFOUND ? "no notice \"%s\"" : "%s",
		    er == AT_NOTFOUND ? pos[1] : at_strerror(er));
		store_close(s);
		return cli_exit_for(er);
	}
	out_fields(stdout, r);
	memset(&c, 0, sizeof(c));
	if (store_case_get(s, pos[1], &c) == AT_OK) {
		enum cases_state st;
		struct at_date due;

		printf("\ncase: %s\n", c.state);
		if (c.due_date != NULL) {
			printf("due: %s\n", c.due_date);
			if (c.derivation != NULL)
				printf("derivation: %s\n", c.derivation);
			if (cases_state_parse(c.state, &st) == AT_OK &&
			    cases_state_is_waiting(st) &&
			    at_date_parse_str(c.due_date, &due) == AT_OK) {
				int64_t late = cases_days_overdue(due, today);

				if (late > 0)
					printf("overdue: %lld days\n",
					    (long long)late);
				else
					printf("overdue: no\n");
			}
		}
		printf("history:\n");
		(void)store_case_step_each(s, pos[1], show_step, NULL);
		printf("letters:\n");
		(void)store_letter_each(s, pos[1], show_letter, NULL);
		store_case_fini(&c);
	} else
		printf("\ncase: none (attest notice open %s)\n", pos[1]);
	model_record_free(r);
	store_close(s);
	return CLI_OK;
}

static int
notice_move(struct cli_ctx *ctx, bool extend)
{
	const char *date = NULL, *due = NULL, *reason = NULL, *as = NULL;
	const struct cli_opt opts_ext[] = {
		{ "due", &due, NULL,
		    "new due date: a date, or \"N calendar "
		    "days\" / \"N business days\" after the current one "
		    "(required)" },
		{ "date", &date, NULL, "date granted (default today)" },
		{ "reason", &reason, NULL, "why" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const struct cli_opt opts_wd[] = {
		{ "date", &date, NULL, "date withdrawn (default today)" },
		{ "reason", &reason, NULL, "why" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct store_case c;
	struct at_diag d;
	struct at_date day, from, to;
	struct cases_due_rule rule;
	char deriv[CASES_DERIVATION_MAX], full[CASES_DERIVATION_MAX + 64];
	char rule_text[64], due_text[AT_DATE_LEN], day_text[AT_DATE_LEN];
	enum at_err er;

	if (cli_parse(ctx, extend ? opts_ext : opts_wd,
	        extend ? "extend NOTICE_ID --due RULE|DATE [--reason TEXT]"
	               : "withdraw NOTICE_ID [--reason TEXT]",
	        pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2 || (extend && due == NULL)) {
		cli_err(ctx,
		    extend ? "usage: attest notice extend NOTICE_ID "
		             "--due RULE|DATE"
		           : "usage: attest notice withdraw "
		             "NOTICE_ID");
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_date_format(day, day_text);
	at_diag_clear(&d);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	(void)cases_cli_actor(s, as);
	memset(&c, 0, sizeof(c));
	if (!extend) {
		er = store_begin(s);
		if (er == AT_OK)
			er = cases_cli_step(s, pos[1], CASES_EV_WITHDRAW,
			    day_text, NULL, NULL, NULL, reason, NULL, NULL, &d);
		if (er == AT_OK)
			er = store_commit(s);
		if (er != AT_OK)
			return cases_cli_fail(ctx, s, er, &d);
		printf("withdrew %s\n", pos[1]);
		store_close(s);
		return CLI_OK;
	}
	er = store_case_get(s, pos[1], &c);
	if (er == AT_NOTFOUND)
		er = at_diag_set(&d, AT_NOTFOUND, "notice",
		    "notice \"%s\" has no case", pos[1]);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	/* Day rules count from the due date in force. */
	if (c.due_date == NULL || at_date_parse_str(c.due_date, &from) != AT_OK)
		from = day;
	if (cases_due_rule_parse(due, &rule, &d) != AT_OK ||
	    cases_due_compute(from, &rule, &to, deriv, &d) != AT_OK) {
		store_case_fini(&c);
		return cases_cli_fail(ctx, s, AT_EINVAL, &d);
	}
	if (c.due_date != NULL && at_date_cmp(to, from) <= 0) {
		store_case_fini(&c);
		at_diag_set(&d, AT_EINVAL, "due",
		    "an extension must move the "
		    "due date %s later",
		    c.due_date);
		return cases_cli_fail(ctx, s, AT_EINVAL, &d);
	}
	cases_due_rule_format(&rule, rule_text, sizeof(rule_text));
	at_date_format(to, due_text);
	(void)snprintf(
	    full, sizeof(full), "extended on %s: %s", day_text, deriv);
	er = store_begin(s);
	if (er == AT_OK)
		er = cases_cli_step(s, pos[1], CASES_EV_EXTEND, day_text,
		    due_text, rule_text, full, reason, NULL, NULL, &d);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK) {
		store_case_fini(&c);
		return cases_cli_fail(ctx, s, er, &d);
	}
	printf("extended %s: due %s (was %s): %s\n", pos[1], due_text,
	    c.due_date != NULL ? c.due_date : "none", deriv);
	store_case_fini(&c);
	store_close(s);
	return CLI_OK;
}

int
cmd_notice(struct cli_ctx *ctx)
{
	const char *sub = ctx->argc > 0 ? ctx->argv[0] : NULL;
	struct cli_ctx sc = *ctx;

	if (sub == NULL || strcmp(sub, "--help") == 0) {
		printf("usage: attest notice issue|open|list|show|extend|"
		       "withdraw ...\n(attest notice SUBCOMMAND --help for "
		       "each)\n");
		return sub == NULL ? CLI_USAGE : CLI_OK;
	}
	sc.argc = ctx->argc - 1;
	sc.argv = ctx->argv + 1;
	if (strcmp(sub, "issue") == 0)
		return notice_issue(&sc);
	if (strcmp(sub, "open") == 0) {
		sc = *ctx;
		return notice_open(&sc);
	}
	if (strcmp(sub, "list") == 0)
		return notice_list(&sc);
	if (strcmp(sub, "show") == 0) {
		sc = *ctx;
		return notice_show(&sc);
	}
	if (strcmp(sub, "extend") == 0) {
		sc = *ctx;
		return notice_move(&sc, true);
	}
	if (strcmp(sub, "withdraw") == 0) {
		sc = *ctx;
		return notice_move(&sc, false);
	}
	cli_err(ctx,
	    "unknown subcommand \"%s\" (issue, open, list, show, "
	    "extend, withdraw)",
	    sub);
	return CLI_USAGE;
}
