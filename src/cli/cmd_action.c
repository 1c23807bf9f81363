/* SPDX-License-Identifier: ISC */
/*
 * attest action withhold|release|deobligate|refer: an action on an
 * award, recorded as an actions record (and a step of the notice's case
 * when --notice names one).
 *
 * An adverse action (withhold, deobligate, refer) must name the
 * condition it enforces, and is refused when that condition is not
 * enforced against the recipient on that day: the refusal names the
 * ruling or agency notice (cases_cli_not_enforced: the rules engine and
 * the ruling scopes of cases_ruling_covers).  A release is never
 * refused on that ground; releases are what such rulings order.  The
 * work is casework_action's (shared with the web); this file parses and
 * prints.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/casework_action.h"
#include "cli/cases_cli.h"
#include "rules/rules.h"
#include "store/store.h"

int
cmd_action(struct cli_ctx *ctx)
{
	const char *id = NULL, *jur = NULL, *award = NULL, *cond = NULL,
	           *amount = NULL, *date = NULL, *notice = NULL, *ruling = NULL,
	           *summary = NULL, *source = NULL, *as = NULL;
	const struct cli_opt opts[] = {
		{ "id", &id, NULL, "action id (required)" },
		{ "jurisdiction", &jur, NULL,
		    "FIPS code (default: the "
		    "notice's)" },
		{ "award", &award, NULL, "award number (required)" },
		{ "condition", &cond, NULL,
		    "condition enforced (default: "
		    "the notice's conditions)" },
		{ "amount", &amount, NULL,
		    "amount in dollars; omit when "
		    "unknown" },
		{ "date", &date, NULL, "date taken (default today)" },
		{ "notice", &notice, NULL, "the case the action concludes" },
		{ "ruling", &ruling, NULL, "court order that compelled it" },
		{ "summary", &summary, NULL, "summary" },
		{ "source", &source, NULL, "where the fact comes from" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct rules_set *rs = NULL;
	struct casework_action a;
	struct at_diag d;
	struct at_date day;
	char day_text[AT_DATE_LEN];
	enum at_err er;

	if (cli_parse(ctx, opts,
	        "withhold|release|deobligate|refer --id ID "
	        "--award AWARD [--condition C] [--amount DOLLARS] "
	        "[--notice N] [--date DATE]",
	        pos, 1, &npos, &rc) != 0)
		return rc;
	if (npos != 1 || id == NULL || award == NULL) {
		cli_err(ctx,
		    "usage: attest action withhold|release|"
		    "deobligate|refer --id ID --award AWARD ...");
		return CLI_USAGE;
	}
	if (!casework_action_kind_ok(pos[0])) {
		cli_err(ctx,
		    "\"%s\" is not an action (withhold, release, "
		    "deobligate, refer)",
		    pos[0]);
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_date_format(day, day_text);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.kind = pos[0];
	a.jurisdiction = jur;
	a.award = award;
	a.condition = cond;
	a.amount = amount;
	a.notice = notice;
	a.ruling = ruling;
	a.summary = summary;
	a.source = source;
	a.actor = cases_cli_actor(s, as);
	a.day = day;
	if (casework_action_adverse(a.kind))
		rs = cases_cli_rules();
	at_diag_clear(&d);
	er = casework_action_take(s, rs, &a, NULL, 0, NULL, 0, &d);
	rules_set_free(rs);
	if (er != AT_OK)
		return cases_cli_fail(ctx, s, er, &d);
	printf("recorded %s: %s of award %s (%s) on %s\n", id, a.kind, award,
	    amount != NULL ? amount : "amount unknown", day_text);
	store_close(s);
	return CLI_OK;
}
