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
#include "casework/casework_funds.h"
#include "cli/cases_cli.h"
#include "store/store.h"

static void
print_json(const struct casework_funds *rp)
{
	json_t *a = json_array();
	char *js;

	if (a == NULL)
		abort();
	for (size_t i = 0; i < rp->nrows; i++) {
		const struct casework_funds_row *r = &rp->rows[i];
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
		    "jurisdiction_name", r->jname, "program",
		    r->program, "awards", aw, "known_cents",
		    r->sum.nknown > 0 ? json_integer((json_int_t)r->sum.known)
		                      : json_null(),
		    "unknown_awards", (json_int_t)r->sum.nunknown, "amount",
		    amount, "why", r->why != NULL ? r->why : "");
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
	struct casework_funds rp;
	struct store *s = NULL;
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
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	er = casework_funds(s, day, &rp);
	store_close(s);
	if (er != AT_OK) {
		cli_err(ctx, "%s", at_strerror(er));
		return cli_exit_for(er);
	}
	memset(&total, 0, sizeof(total));
	if (json) {
		print_json(&rp);
		goto out;
	}
	printf("funds at risk as of %s (open findings and overdue notices)\n",
	    rp.day);
	for (size_t i = 0; i < rp.nrows; i++) {
		const struct casework_funds_row *r = &rp.rows[i];
		char amount[96];

		cases_sum_format(&r->sum, amount, sizeof(amount));
		if (r->sum.nknown > 0)
			cases_sum_add(&total, true, r->sum.known);
		for (size_t k = 0; k < r->sum.nunknown; k++)
			cases_sum_add(&total, false, 0);
		printf("%-34s %-8s %-8s %zu award%s  %s\n",
		    r->jname, r->jur,
		    r->program, r->nawards, r->nawards == 1 ? " " : "s",
		    amount);
		for (size_t k = 0; k < r->nawards; k++)
			printf("    award %s\n", r->awards[k]);
		printf("    why: %s\n", r->why != NULL ? r->why : "");
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
	casework_funds_fini(&rp);
	return cli_exit_for(er);
}
