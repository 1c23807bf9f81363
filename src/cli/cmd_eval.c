/* SPDX-License-Identifier: ISC */
/*
 * attest eval: evaluate jurisdictions against grant conditions (or a
 * requirement) on a day under an interpretation, with the rules of
 * rules/ (or --rules DIR) and the facts in the database.  Prints a table
 * or, with --json, an array of objects; --explain adds the explanation
 * tree.  Rows that are not_applicable (no award carries the condition)
 * are left out unless a jurisdiction is named or --all is given.
 *
 * Exit status (DESIGN.md section 7: 1 = findings): 1 when any result
 * conflicts, counting a not_enforced result whose underlying answer is
 * conflicts (a ruling suspends enforcement; it does not cure the
 * conflict), else 0; unknown is not a finding.  2 and 3 as always.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/eval_json.h"
#include "assess/assess.h"
#include "cli/rules_cli.h"
#include "core/buf.h"
#include "rules/rules.h"
#include "store/store.h"

struct eval_out {
	const struct rules_facts *f;
	struct at_date day;
	const char *interp;
	bool json, explain, all;
	struct buf out; /* JSON, written out as it fills */
	bool wfail;
	size_t n, nskipped, nconflicts;
};

static void
flush(struct eval_out *o)
{
	if (buf_err(&o->out) != AT_OK ||
	    fwrite(buf_str(&o->out), 1, buf_len(&o->out), stdout) !=
		buf_len(&o->out))
		o->wfail = true;
	buf_reset(&o->out);
}

static int
print_one(void *ctx, const char *jur, const char *target,
    const struct rules_result *r)
{
	struct eval_out *o = ctx;
	const char *name;

	if (r->underlying == RULES_CONFLICTS)
		o->nconflicts++;
	if (!o->all && r->outcome == RULES_NOT_APPLICABLE) {
		o->nskipped++;
		return 0;
	}
	o->n++;
	if (o->json) {
		/* Streamed: a national evaluation with explanations is
		 * gigabytes of JSON, never one tree in memory. */
		buf_puts(&o->out, o->n == 1 ? "[\n" : ",\n");
		eval_json_result(&o->out, jur, target, o->day, o->interp, r);
		if (buf_len(&o->out) >= (1u << 16))
			flush(o);
		return o->wfail ? 1 : 0;
	}
	name = rules_facts_jurisdiction_name_of(o->f, jur);
	printf("%-8s %-30.30s %-26s %s", jur, name != NULL ? name : "",
	    target, rules_outcome_name(r->outcome));
	if (r->outcome == RULES_NOT_ENFORCED)
		printf(" (underlying: %s)", rules_outcome_name(r->underlying));
	printf("\n");
	if (o->explain && r->explanation != NULL) {
		struct buf b;

		buf_init(&b, 1u << 20);
		rules_explain_text(r->explanation, &b);
		printf("%s\n", buf_str(&b));
		buf_fini(&b);
	}
	return 0;
}

int
cmd_eval(struct cli_ctx *ctx)
{
	const char *as_of = NULL, *interp = NULL, *jur = NULL, *cond = NULL;
	const char *rules_dir = NULL;
	bool explain = false, json = false, all = false;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL, "the day to evaluate (default today)" },
		{ "interpretation", &interp, NULL,
		    "interpretation name (default: the first the rules declare)" },
		{ "jurisdiction", &jur, NULL, "only this jurisdiction (FIPS id)" },
		{ "condition", &cond, NULL,
		    "only this condition (or a requirement id)" },
		{ "explain", NULL, &explain, "print the explanation of each" },
		{ "json", NULL, &json, "a JSON array of objects" },
		{ "all", NULL, &all, "include not_applicable rows" },
		{ "rules", &rules_dir, NULL,
		    "rules directory or file (default: the shipped rules/)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	struct rules_set *rs = NULL;
	struct rules_facts *f = NULL;
	struct store *s = NULL;
	struct eval_out o;
	struct at_diag d;
	enum at_err er;
	int rc;

	if (cli_parse(ctx, opts,
		"[--as-of DATE] [--interpretation NAME] [--jurisdiction ID] "
		"[--condition ID] [--explain] [--json] [--all] [--rules DIR]\n\n"
		"Exit status: 0 when no result conflicts, 1 when at least one "
		"does\n(a not_enforced result whose underlying answer is "
		"conflicts counts),\n2 for a usage or input error, 3 for a "
		"storage error.",
		pos, 0, &npos, &rc) != 0)
		return rc;
	memset(&o, 0, sizeof(o));
	o.day = at_date_today();
	if (as_of != NULL && at_date_parse_str(as_of, &o.day) != AT_OK) {
		cli_err(ctx, "--as-of \"%s\" is not a date (YYYY-MM-DD)", as_of);
		return CLI_USAGE;
	}
	rc = cli_rules_load(ctx, rules_dir, &rs);
	if (rc != 0)
		return rc;
	if (interp != NULL && !rules_set_has_interpretation(rs, interp)) {
		cli_err(ctx, "no interpretation named \"%s\"", interp);
		rc = CLI_USAGE;
		goto out;
	}
	if (interp == NULL)
		interp = rules_set_interpretation(rs, 0);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		goto out;
	at_diag_clear(&d);
	/* Explanations need the provisions' text; bare outcomes do not. */
	er = explain || json ? assess_facts_load(s, NULL, &f, &d)
			     : assess_facts_load_lean(s, NULL, &f, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		rc = cli_exit_for(er);
		goto out;
	}
	o.f = f;
	o.interp = interp;
	o.json = json;
	o.explain = explain;
	o.all = all || jur != NULL;
	/* One result's JSON is far below this; see flush. */
	buf_init(&o.out, (size_t)1 << 30);
	/* JSON always carries the explanation. */
	er = rules_eval_all(rs, f, jur, cond, o.day, interp, explain || json,
	    print_one, &o, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		rc = cli_exit_for(er);
		goto out;
	}
	if (json) {
		buf_puts(&o.out, o.n == 0 ? "[]\n" : "\n]\n");
		flush(&o);
		if (o.wfail || fflush(stdout) != 0) {
			cli_err(ctx, "cannot write the JSON output");
			rc = CLI_STORAGE;
			goto out;
		}
	} else if (o.n == 0)
		printf("no applicable results (%zu not_applicable; see --all)\n",
		    o.nskipped);
	rc = o.nconflicts > 0 ? CLI_CHECK : CLI_OK;
out:
	buf_fini(&o.out);
	rules_facts_free(f);
	store_close(s);
	rules_set_free(rs);
	return rc;
}
