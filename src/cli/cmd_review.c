/* SPDX-License-Identifier: ISC */
/*
 * attest review propose|approve|return|list: the four-eyes review of a
 * certification.  A reviewer proposes a finding (complies,
 * possibly_noncompliant, insufficient, needs_information) citing
 * provisions, with the rules engine's explanation attached when the
 * rules load; a different person approves or returns it.  The same
 * person can never do both: cases_review_decider_ok refuses it here, and
 * the schema refuses it again in the store.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "core/buf.h"
#include "store/store.h"
#include "store/store_cases.h"

static int
review_propose(struct cli_ctx *ctx)
{
	const char *id = NULL, *cert = NULL, *finding = NULL, *provs = NULL,
	           *rationale = NULL, *date = NULL, *as = NULL;
	bool no_explain = false;
	const struct cli_opt opts[] = {
		{ "id", &id, NULL, "review id (required)" },
		{ "certification", &cert, NULL,
		    "certification reviewed "
		    "(required)" },
		{ "finding", &finding, NULL,
		    "complies, possibly_noncompliant, "
		    "insufficient or needs_information (required)" },
		{ "provisions", &provs, NULL,
		    "provision ids cited, "
		    "';'-separated" },
		{ "rationale", &rationale, NULL, "why" },
		{ "date", &date, NULL, "date proposed (default today)" },
		{ "no-explain", NULL, &no_explain,
		    "do not attach the rules "
		    "engine's explanation" },
		{ "as", &as, NULL,
		    "the proposer (default $ATTEST_ACTOR, $USER)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *c = NULL;
	struct store_review rv;
	struct store_case cs;
	enum cases_finding f;
	struct at_date day;
	char day_text[AT_DATE_LEN];
	struct at_diag d;
	struct buf expl;
	enum at_err er = AT_OK;
	const char *notice, *jur, *conds, *actor;

	if (cli_parse(ctx, opts,
	        "propose --id ID --certification ID "
	        "--finding F [--provisions P;P] [--rationale TEXT]",
	        pos, 0, &npos, &rc) != 0)
		return rc;
	if (id == NULL || cert == NULL || finding == NULL) {
		cli_err(ctx,
		    "propose needs --id, --certification and "
		    "--finding");
		return CLI_USAGE;
	}
	if (cases_finding_parse(finding, &f) != AT_OK) {
		cli_err(ctx,
		    "\"%s\" is not a finding (complies, "
		    "possibly_noncompliant, insufficient, needs_information)",
		    finding);
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_date_format(day, day_text);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	actor = cases_cli_actor(s, as);
	at_diag_clear(&d);
	memset(&cs, 0, sizeof(cs));
	buf_init(&expl, 256 * 1024);
	er = store_record_get(s, KIND_CERTIFICATION, cert, &c);
	if (er == AT_NOTFOUND)
		er = at_diag_set(&d, AT_EINVAL, "certification",
		    "unknown certification \"%s\"", cert);
	if (er != AT_OK)
		goto fail;
	notice = cases_cli_get(c, "notice");
	jur = cases_cli_get(c, "jurisdiction");
	conds = cases_cli_get(c, "conditions");
	for (const char *p = provs; p != NULL && *p != '\0';) {
		size_t n = strcspn(p, ";");
		char pid[80];
		bool found = false;

		(void)snprintf(pid, sizeof(pid), "%.*s", (int)n, p);
		er = store_record_exists(s, KIND_PROVISION, pid, &found);
		if (er == AT_OK && !found)
			er = at_diag_set(&d, AT_EINVAL, "provisions",
			    "unknown provision \"%s\"", pid);
		if (er != AT_OK)
			goto fail;
		p += n;
		if (*p == ';')
			p++;
	}
	if (!no_explain)
		for (const char *p = conds; p != NULL && *p != '\0';) {
			size_t n = strcspn(p, ";");
			char cid[80];
			char *e;

			(void)snprintf(cid, sizeof(cid), "%.*s", (int)n, p);
			e = cases_cli_explain(s, jur, cid, day);
			if (e != NULL) {
				buf_puts(&expl, e);
				free(e);
			}
			p += n;
			if (*p == ';')
				p++;
		}
	memset(&rv, 0, sizeof(rv));
	rv.id = id;
	rv.certification = cert;
	rv.notice = notice;
	rv.finding = finding;
	rv.provisions = provs;
	rv.rationale = rationale;
	rv.explanation = buf_len(&expl) > 0 ? buf_str(&expl) : NULL;
	rv.proposer = actor;
	rv.proposed_on = day_text;
	er = store_begin(s);
	if (er != AT_OK)
		goto fail;
	if (notice != NULL) {
		er = store_case_get(s, notice, &cs);
		if (er == AT_OK &&
		    strcmp(cs.state, cases_state_name(CASES_RECEIVED)) == 0)
			er = cases_cli_step(s, notice, CASES_EV_REVIEW,
			    day_text, NULL, NULL, NULL, NULL, cert, NULL, &d);
		if (er == AT_NOTFOUND)
			er = AT_OK; /* an imported notice without a case */
		else if (er == AT_OK) {
			char why[160];

			(void)snprintf(why, sizeof(why), "%s: %s", id, finding);
			er = cases_cli_step(s, notice, CASES_EV_PROPOSE,
			    day_text, NULL, NULL, NULL, why, id, NULL, &d);
		}
	}
	if (er == AT_OK)
		er = store_review_insert(s, &rv);
	if (er == AT_CONFLICT && d.msg[0] == '\0')
		er = at_diag_set(
		    &d, AT_CONFLICT, "id", "review \"%s\" already exists", id);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		goto fail;
	printf("proposed %s: %s finds %s %s", id, actor, cert, finding);
	if (provs != NULL)
		printf(" (citing %s)", provs);
	printf("\n");
	if (buf_len(&expl) > 0)
		printf("%s", buf_str(&expl));
	else if (!no_explain)
		printf("(no explanation from the rules engine: the rules or "
		       "facts did not load, or the engine knows neither the "
		       "jurisdiction nor the condition)\n");
	printf("awaiting approval by a person other than %s\n", actor);
	buf_fini(&expl);
	store_case_fini(&cs);
	model_record_free(c);
	store_close(s);
	return CLI_OK;
fail:
	buf_fini(&expl);
	store_case_fini(&cs);
	model_record_free(c);
	return cases_cli_fail(ctx, s, er, &d);
}

static int
review_decide(struct cli_ctx *ctx, bool approve)
{
	const char *date = NULL, *reason = NULL, *as = NULL;
	const struct cli_opt opts[] = {
		{ "date", &date, NULL, "date decided (default today)" },
		{ "reason", &reason, NULL,
		    approve ? "remarks"
		            : "why it goes back "
		              "(required)" },
		{ "as", &as, NULL,
		    "the decider (default $ATTEST_ACTOR, $USER)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct store_review rv;
	struct at_date day;
	char day_text[AT_DATE_LEN];
	struct at_diag d;
	enum at_err er;
	const char *actor;

	if (cli_parse(ctx, opts,
	        approve ? "approve REVIEW_ID [--as NAME]"
	                : "return REVIEW_ID --reason TEXT "
	                  "[--as NAME]",
	        pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2 || (!approve && reason == NULL)) {
		cli_err(ctx,
		    approve ? "usage: attest review approve ID"
		            : "usage: attest review return ID "
		              "--reason TEXT");
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_date_format(day, day_text);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	actor = cases_cli_actor(s, as);
	at_diag_clear(&d);
	memset(&rv, 0, sizeof(rv));
	er = store_review_get(s, pos[1], &rv);
	if (er == AT_NOTFOUND)
		er = at_diag_set(
		    &d, AT_NOTFOUND, "review", "no review \"%s\"", pos[1]);
	if (er != AT_OK)
		goto fail;
	er = cases_review_decider_ok(rv.proposer, actor, &d);
	if (er != AT_OK)
		goto fail;
	if (strcmp(rv.status, "proposed") != 0) {
		er = at_diag_set(&d, AT_CONFLICT, "review",
		    "review %s was %s by %s on %s; it can be decided once",
		    rv.id, rv.status, rv.decider != NULL ? rv.decider : "?",
		    rv.decided_on != NULL ? rv.decided_on : "?");
		goto fail;
	}
	er = store_begin(s);
	if (er == AT_OK)
		er = store_review_decide(s, rv.id,
		    approve ? "approved" : "returned", actor, day_text, reason);
	if (er == AT_OK && rv.notice != NULL) {
		char why[256];

		(void)snprintf(why, sizeof(why), "%s %s by %s%s%s", rv.id,
		    approve ? "approved" : "returned", actor,
		    reason != NULL ? ": " : "", reason != NULL ? reason : "");
		er = cases_cli_step(s, rv.notice,
		    approve ? CASES_EV_APPROVE : CASES_EV_RETURN, day_text,
		    NULL, NULL, NULL, why, rv.id, NULL, &d);
		if (er == AT_NOTFOUND)
			er = AT_OK;
	}
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		goto fail;
	printf("%s %s (%s, proposed by %s) by %s\n",
	    approve ? "approved" : "returned", rv.id, rv.finding, rv.proposer,
	    actor);
	store_review_fini(&rv);
	store_close(s);
	return CLI_OK;
fail:
	store_review_fini(&rv);
	return cases_cli_fail(ctx, s, er, &d);
}

static int
list_one(void *ctx, const struct store_review *r)
{
	const char *status = ctx;

	if (status != NULL && strcmp(status, r->status) != 0)
		return 0;
	printf("%-24s %-24s %-22s %-9s by %s on %s", r->id, r->certification,
	    r->finding, r->status, r->proposer, r->proposed_on);
	if (r->decider != NULL)
		printf(
		    "; %s by %s on %s", r->status, r->decider, r->decided_on);
	printf("\n");
	return 0;
}

static int
review_list(struct cli_ctx *ctx)
{
	const char *status = NULL, *cert = NULL;
	const struct cli_opt opts[] = {
		{ "status", &status, NULL, "proposed, approved or returned" },
		{ "certification", &cert, NULL, "only this certification" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	enum at_err er;

	if (cli_parse(ctx, opts, "list [--status S] [--certification ID]", pos,
	        2, &npos, &rc) != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	er = store_review_each(s, cert, list_one, (void *)(uintptr_t)status);
	store_close(s);
	return cli_exit_for(er);
}

int
cmd_review(struct cli_ctx *ctx)
{
	const char *sub = ctx->argc > 0 ? ctx->argv[0] : NULL;
	struct cli_ctx sc = *ctx;

	if (sub == NULL || strcmp(sub, "--help") == 0) {
		printf("usage: attest review propose|approve|return|list ...\n"
		       "(attest review SUBCOMMAND --help for each)\n");
		return sub == NULL ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(sub, "propose") == 0) {
		sc.argc--;
		sc.argv++;
		return review_propose(&sc);
	}
	if (strcmp(sub, "approve") == 0)
		return review_decide(&sc, true);
	if (strcmp(sub, "return") == 0)
		return review_decide(&sc, false);
	if (strcmp(sub, "list") == 0)
		return review_list(&sc);
	cli_err(ctx,
	    "unknown subcommand \"%s\" (propose, approve, return, "
	    "list)",
	    sub);
	return CLI_USAGE;
}
