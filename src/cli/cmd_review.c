/* SPDX-License-Identifier: ISC */
/*
 * attest review propose|approve|return|determine|list: the four-eyes
 * review of a certification.  A reviewer proposes a finding (complies,
 * possibly_noncompliant, insufficient, needs_information) citing
 * provisions, with the rules engine's explanation attached when the
 * rules load; a different person approves or returns it.  The same
 * person can never do both.  On an approved finding the agency then
 * issues its determination (a new notice answering the case).  The work
 * is casework_review's (shared with the web's review queue and the
 * API); this file parses and prints.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cases/cases.h"
#include "casework/casework_review.h"
#include "cli/cases_cli.h"
#include "core/xalloc.h"
#include "rules/rules.h"
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
	struct rules_set *rs = NULL;
	struct casework_proposal p;
	enum cases_finding f;
	struct at_date day;
	struct at_diag d;
	char *expl = NULL;
	enum at_err er;

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
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	memset(&p, 0, sizeof(p));
	p.id = id;
	p.certification = cert;
	p.finding = finding;
	p.provisions = provs;
	p.rationale = rationale;
	p.proposer = cases_cli_actor(s, as);
	p.day = day;
	p.explain = !no_explain;
	if (p.explain)
		rs = cases_cli_rules();
	at_diag_clear(&d);
	er = casework_review_propose(s, rs, &p, NULL, 0, &expl, &d);
	rules_set_free(rs);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	printf("proposed %s: %s finds %s %s", id, p.proposer, cert, finding);
	if (provs != NULL)
		printf(" (citing %s)", provs);
	printf("\n");
	if (expl != NULL)
		printf("%s", expl);
	else if (!no_explain)
		printf("(no explanation from the rules engine: the rules or "
		       "facts did not load, or the engine knows neither the "
		       "jurisdiction nor the condition)\n");
	printf("awaiting approval by a person other than %s\n", p.proposer);
	free(expl);
	store_close(s);
	return CLI_OK;
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
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	actor = cases_cli_actor(s, as);
	at_diag_clear(&d);
	er = casework_review_decide(s, pos[1], approve, actor, day, reason, &rv,
	    &d);
	if (er != AT_OK) {
		store_review_fini(&rv);
		return cases_cli_fail(ctx, s, er, &d);
	}
	printf("%s %s (%s, proposed by %s) by %s\n",
	    approve ? "approved" : "returned", rv.id, rv.finding, rv.proposer,
	    actor);
	store_review_fini(&rv);
	store_close(s);
	return CLI_OK;
}

static int
review_determine(struct cli_ctx *ctx)
{
	const char *kind = NULL, *id = NULL, *summary = NULL, *date = NULL,
	           *as = NULL;
	bool json = false;
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL,
		    "determination, preliminary_finding or clearance "
		    "(required)" },
		{ "id", &id, NULL,
		    "the new notice's id (default NOTICE-D<n>, the "
		    "answered notice's id and a number)" },
		{ "summary", &summary, NULL, "what the agency decided" },
		{ "date", &date, NULL, "date issued (default today)" },
		{ "as", &as, NULL,
		    "who issues it (default $ATTEST_ACTOR, $USER)" },
		{ "json", NULL, &json,
		    "the new notice as a JSON object (as the API answers)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct casework_determination c;
	struct at_diag d;
	char nid[128];
	enum at_err er;

	if (cli_parse(ctx, opts,
	        "determine REVIEW_ID --kind K [--id ID] [--summary TEXT] "
	        "[--date D] [--as NAME] [--json]",
	        pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2 || kind == NULL) {
		cli_err(ctx, "usage: attest review determine ID --kind K");
		return CLI_USAGE;
	}
	memset(&c, 0, sizeof(c));
	rc = cases_cli_date(ctx, "date", date, &c.day);
	if (rc != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	c.review = pos[1];
	c.id = id;
	c.kind = kind;
	c.summary = summary;
	c.actor = cases_cli_actor(s, as);
	at_diag_clear(&d);
	er = casework_review_determine(s, &c, nid, sizeof(nid), &d);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	if (json) {
		json_t *o = json_pack("{s:s, s:s, s:s}", "id", nid, "kind",
		    kind, "review", c.review);
		char *js = o != NULL ? json_dumps(o, JSON_INDENT(2)) : NULL;

		json_decref(o);
		if (js == NULL)
			at_oom();
		printf("%s\n", js);
		free(js);
	} else
		printf("determined %s: %s %s by %s\n", c.review, kind, nid,
		    c.actor);
	store_close(s);
	return CLI_OK;
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
		printf("usage: attest review "
		       "propose|approve|return|determine|list ...\n"
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
	if (strcmp(sub, "determine") == 0)
		return review_determine(&sc);
	if (strcmp(sub, "list") == 0)
		return review_list(&sc);
	cli_err(ctx,
	    "unknown subcommand \"%s\" (propose, approve, return, "
	    "determine, list)",
	    sub);
	return CLI_USAGE;
}
