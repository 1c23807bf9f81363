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
 * refused on that ground; releases are what such rulings order.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "store/store.h"

static bool
adverse(const char *kind)
{
	return strcmp(kind, "withhold") == 0 ||
	    strcmp(kind, "deobligate") == 0 || strcmp(kind, "refer") == 0;
}

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
	struct model_record *r = NULL, *nrec = NULL, *arec = NULL,
	                    *agrec = NULL;
	struct cases_recs rulings;
	struct at_diag d;
	struct at_date day;
	char day_text[AT_DATE_LEN], src[256];
	const char *kind, *conds;
	enum at_err er = AT_OK;

	memset(&rulings, 0, sizeof(rulings));
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
	kind = pos[0];
	if (!adverse(kind) && strcmp(kind, "release") != 0) {
		cli_err(ctx,
		    "\"%s\" is not an action (withhold, release, "
		    "deobligate, refer)",
		    kind);
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_date_format(day, day_text);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	(void)cases_cli_actor(s, as);
	at_diag_clear(&d);
	if (notice != NULL) {
		er = store_record_get(s, KIND_NOTICE, notice, &nrec);
		if (er == AT_NOTFOUND)
			er = at_diag_set(&d, AT_EINVAL, "notice",
			    "unknown notice \"%s\"", notice);
		if (er != AT_OK)
			goto fail;
		if (jur == NULL)
			jur = cases_cli_get(nrec, "jurisdiction");
	}
	if (jur == NULL) {
		er = at_diag_set(&d, AT_EINVAL, "jurisdiction",
		    "give --jurisdiction or --notice");
		goto fail;
	}
	/* The award must be the recipient's. */
	er = store_record_get(s, KIND_AWARD, award, &arec);
	if (er == AT_NOTFOUND)
		er = at_diag_set(
		    &d, AT_EINVAL, "award", "unknown award \"%s\"", award);
	if (er != AT_OK)
		goto fail;
	if (store_record_get(s, KIND_AGENCY, cases_cli_get(arec, "agency"),
	        &agrec) == AT_OK &&
	    strcmp(cases_cli_get(agrec, "jurisdiction"), jur) != 0) {
		er = at_diag_set(&d, AT_EINVAL, "award",
		    "award %s is held by %s of jurisdiction %s, not %s", award,
		    model_record_id(agrec),
		    cases_cli_get(agrec, "jurisdiction"), jur);
		goto fail;
	}
	conds = cond != NULL ? cond : cases_cli_get(nrec, "conditions");
	if (adverse(kind) && conds == NULL) {
		er = at_diag_set(&d, AT_EINVAL, "condition",
		    "a %s must name the condition it enforces (--condition, "
		    "or a --notice that names conditions)",
		    kind);
		goto fail;
	}
	if (adverse(kind)) {
		er = cases_cli_load(s, KIND_RULING, &rulings);
		if (er != AT_OK)
			goto fail;
		for (const char *p = conds; *p != '\0';) {
			size_t n = strcspn(p, ";");
			char cid[80], rid[80], why[600];

			(void)snprintf(cid, sizeof(cid), "%.*s", (int)n, p);
			if (cases_cli_not_enforced(s, &rulings, cid, jur, day,
			        rid, sizeof(rid), why, sizeof(why))) {
				er = at_diag_set(&d, AT_DENIED, "condition",
				    "refused: %s of award %s: condition %s is "
				    "not enforced against %s on %s because of "
				    "ruling %s (%s)",
				    kind, award, cid, jur, day_text, rid, why);
				goto fail;
			}
			p += n;
			if (*p == ';')
				p++;
		}
	}
	if (source == NULL) {
		(void)snprintf(
		    src, sizeof(src), "attest action by %s", cli_actor(as));
		source = src;
	}
	r = model_record_new(KIND_ACTION);
	er = cases_cli_set(r, "id", id, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "kind", kind, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "date", day_text, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "jurisdiction", jur, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "award", award, &d);
	if (er == AT_OK && conds != NULL) {
		char first[80];

		(void)snprintf(first, sizeof(first), "%.*s",
		    (int)strcspn(conds, ";"), conds);
		er = cases_cli_set(r, "condition", first, &d);
	}
	if (er == AT_OK)
		er = cases_cli_set(r, "amount", amount, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "ruling", ruling, &d);
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
	if (er == AT_OK && notice != NULL) {
		char why[200];

		(void)snprintf(
		    why, sizeof(why), "%s %s of award %s", kind, id, award);
		er = cases_cli_step(s, notice, CASES_EV_ACT, day_text, NULL,
		    NULL, NULL, why, id, NULL, &d);
	}
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		goto fail;
	printf("recorded %s: %s of award %s (%s) on %s\n", id, kind, award,
	    amount != NULL ? amount : "amount unknown", day_text);
	cases_cli_recs_fini(&rulings);
	model_record_free(r);
	model_record_free(nrec);
	model_record_free(arec);
	model_record_free(agrec);
	store_close(s);
	return CLI_OK;
fail:
	cases_cli_recs_fini(&rulings);
	model_record_free(r);
	model_record_free(nrec);
	model_record_free(arec);
	model_record_free(agrec);
	return cases_cli_fail(ctx, s, er, &d);
}
