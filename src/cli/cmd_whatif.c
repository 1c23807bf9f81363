/* SPDX-License-Identifier: ISC */
/*
 * attest whatif: evaluate as recorded and again with one hypothetical
 * change (repeal, amend or add a provision; lift or add a ruling; switch
 * the interpretation), and print the outcomes that change, before ->
 * after.  The database is not written.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assess/assess.h"
#include "cli/rules_cli.h"
#include "core/xalloc.h"
#include "rules/rules.h"
#include "store/store.h"

struct row {
	char *jur, *target;
	enum rules_outcome o, u;
};

struct rows {
	struct row *v;
	size_t n, cap;
};

static int
keep(void *ctx, const char *jur, const char *target,
    const struct rules_result *r)
{
	struct rows *rs = ctx;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 256;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n].jur = xstrdup(jur);
	rs->v[rs->n].target = xstrdup(target);
	rs->v[rs->n].o = r->outcome;
	rs->v[rs->n].u = r->underlying;
	rs->n++;
	return 0;
}

static void
rows_fini(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].jur);
		free(rs->v[i].target);
	}
	free(rs->v);
}

static void
outcome_text(char *out, size_t n, enum rules_outcome o, enum rules_outcome u)
{
	int rc;

	if (o == RULES_NOT_ENFORCED)
		rc = snprintf(out, n, "not_enforced(%s)", rules_outcome_name(u));
	else
		rc = snprintf(out, n, "%s", rules_outcome_name(o));
	if (rc < 0)
		out[0] = '\0';
}

static json_t *
change_json(const struct row *a, const struct row *b)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "jurisdiction", a->jur,
	    "condition", a->target, "before", rules_outcome_name(a->o),
	    "after", rules_outcome_name(b->o));

	if (o == NULL)
		abort();
	if (a->o == RULES_NOT_ENFORCED &&
	    json_object_set_new(o, "before_underlying",
		json_string(rules_outcome_name(a->u))) != 0)
		abort();
	if (b->o == RULES_NOT_ENFORCED &&
	    json_object_set_new(o, "after_underlying",
		json_string(rules_outcome_name(b->u))) != 0)
		abort();
	return o;
}

int
cmd_whatif(struct cli_ctx *ctx)
{
	const char *as_of = NULL, *interp = NULL, *jur = NULL, *cond = NULL;
	const char *rules_dir = NULL, *on = NULL, *type = NULL;
	const char *section = NULL, *excerpt = NULL;
	const char *repeal = NULL, *amend = NULL, *add = NULL, *lift = NULL;
	const char *add_ruling = NULL, *switch_to = NULL, *conditions = NULL;
	const char *plaintiffs = NULL, *kind = NULL;
	bool json = false;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL, "the day to evaluate (default today)" },
		{ "interpretation", &interp, NULL,
		    "interpretation (default: the rules' first)" },
		{ "jurisdiction", &jur, NULL, "only this jurisdiction" },
		{ "condition", &cond, NULL, "only this condition" },
		{ "rules", &rules_dir, NULL, "rules directory or file" },
		{ "json", NULL, &json, "a JSON array of the changes" },
		{ "repeal", &repeal, NULL,
		    "change: provision ID ends on --on (default --as-of)" },
		{ "amend", &amend, NULL,
		    "change: provision ID takes --type (and --section)" },
		{ "add-provision", &add, NULL,
		    "change: policy ID gains a provision of --type from --on" },
		{ "lift", &lift, NULL, "change: ruling ID ends on --on" },
		{ "add-ruling", &add_ruling, NULL,
		    "change: a ruling of scope SCOPE (named_plaintiffs, members, "
		    "state_and_subdivisions, nationwide) for --conditions and "
		    "--plaintiffs from --on" },
		{ "switch-interpretation", &switch_to, NULL,
		    "change: evaluate under interpretation NAME instead" },
		{ "on", &on, NULL, "the day the change takes effect" },
		{ "type", &type, NULL, "provision type P01-P20" },
		{ "section", &section, NULL, "provision section" },
		{ "excerpt", &excerpt, NULL, "provision text" },
		{ "conditions", &conditions, NULL, "condition ids, comma separated" },
		{ "plaintiffs", &plaintiffs, NULL,
		    "jurisdiction ids, comma separated" },
		{ "kind", &kind, NULL, "ruling kind (default preliminary_injunction)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos, nchanges = 0, nchanged = 0;
	struct rules_set *rs = NULL;
	struct rules_facts *f0 = NULL, *f1 = NULL;
	struct store *s = NULL;
	struct assess_change chg;
	struct rows before = { NULL, 0, 0 }, after = { NULL, 0, 0 };
	struct at_date day = at_date_today();
	char day_s[AT_DATE_LEN];
	const char *interp1;
	json_t *arr = NULL;
	struct at_diag d;
	enum at_err er;
	int rc;

	if (cli_parse(ctx, opts,
		"CHANGE [--as-of DATE] [--interpretation NAME] "
		"[--jurisdiction ID] [--condition ID] [--json]\n"
		"CHANGE is one of --repeal PROVISION, --amend PROVISION --type "
		"PNN,\n  --add-provision POLICY --type PNN, --lift RULING, "
		"--add-ruling SCOPE --conditions C,...,\n"
		"  --switch-interpretation NAME",
		pos, 0, &npos, &rc) != 0)
		return rc;
	if (as_of != NULL && at_date_parse_str(as_of, &day) != AT_OK) {
		cli_err(ctx, "--as-of \"%s\" is not a date", as_of);
		return CLI_USAGE;
	}
	at_date_format(day, day_s);
	if (on != NULL) {
		struct at_date t;

		if (at_date_parse_str(on, &t) != AT_OK) {
			cli_err(ctx, "--on \"%s\" is not a date", on);
			return CLI_USAGE;
		}
	} else
		on = day_s;
	memset(&chg, 0, sizeof(chg));
	chg.on = on;
	chg.type = type;
	chg.section = section;
	chg.excerpt = excerpt;
	if (repeal != NULL) {
		chg.kind = ASSESS_CHANGE_REPEAL;
		chg.id = repeal;
		nchanges++;
	}
	if (amend != NULL) {
		chg.kind = ASSESS_CHANGE_AMEND;
		chg.id = amend;
		nchanges++;
	}
	if (add != NULL) {
		chg.kind = ASSESS_CHANGE_ADD;
		chg.policy = add;
		chg.id = "WHATIF-PROVISION";
		nchanges++;
	}
	if (lift != NULL) {
		chg.kind = ASSESS_CHANGE_LIFT;
		chg.id = lift;
		nchanges++;
	}
	if (add_ruling != NULL) {
		chg.kind = ASSESS_CHANGE_ADD_RULING;
		chg.id = "WHATIF-RULING";
		chg.scope = add_ruling;
		chg.conditions = conditions;
		chg.plaintiffs = plaintiffs;
		chg.ruling_kind = kind;
		nchanges++;
	}
	if (switch_to != NULL)
		nchanges++;
	if (nchanges != 1) {
		cli_err(ctx, "give exactly one change (see --help)");
		return CLI_USAGE;
	}
	if ((chg.kind == ASSESS_CHANGE_AMEND || chg.kind == ASSESS_CHANGE_ADD) &&
	    type == NULL) {
		cli_err(ctx, "--amend and --add-provision need --type PNN");
		return CLI_USAGE;
	}
	if (chg.kind == ASSESS_CHANGE_ADD_RULING && conditions == NULL) {
		cli_err(ctx, "--add-ruling needs --conditions");
		return CLI_USAGE;
	}
	rc = cli_rules_load(ctx, rules_dir, &rs);
	if (rc != 0)
		return rc;
	if (interp == NULL)
		interp = rules_set_interpretation(rs, 0);
	interp1 = switch_to != NULL ? switch_to : interp;
	if (!rules_set_has_interpretation(rs, interp) ||
	    !rules_set_has_interpretation(rs, interp1)) {
		cli_err(ctx, "no interpretation named \"%s\"",
		    rules_set_has_interpretation(rs, interp) ? interp1 : interp);
		rc = CLI_USAGE;
		goto out;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		goto out;
	at_diag_clear(&d);
	er = assess_facts_load_lean(s, NULL, &f0, &d);
	if (er == AT_OK && chg.kind != ASSESS_CHANGE_NONE)
		er = assess_facts_load_lean(s, &chg, &f1, &d);
	if (er == AT_OK)
		er = rules_eval_all(rs, f0, jur, cond, day, interp, false, keep,
		    &before, &d);
	if (er == AT_OK)
		er = rules_eval_all(rs, f1 != NULL ? f1 : f0, jur, cond, day,
		    interp1, false, keep, &after, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		rc = cli_exit_for(er);
		goto out;
	}
	if (before.n != after.n)
		abort(); /* same jurisdictions and conditions on both sides */
	if (json)
		arr = json_array();
	for (size_t i = 0; i < before.n; i++) {
		const struct row *a = &before.v[i], *b = &after.v[i];
		char sa[64], sb[64];

		if (a->o == b->o && a->u == b->u)
			continue;
		nchanged++;
		if (json) {
			if (json_array_append_new(arr, change_json(a, b)) != 0)
				abort();
			continue;
		}
		outcome_text(sa, sizeof(sa), a->o, a->u);
		outcome_text(sb, sizeof(sb), b->o, b->u);
		printf("%-8s %-26s %s -> %s\n", a->jur, a->target, sa, sb);
	}
	if (json) {
		if (json_dumpf(arr, stdout, JSON_INDENT(2)) != 0)
			rc = CLI_STORAGE;
		printf("\n");
	} else
		printf("%zu of %zu outcomes change on %s\n", nchanged, before.n,
		    day_s);
	rc = rc == 0 ? CLI_OK : rc;
out:
	json_decref(arr);
	rows_fini(&before);
	rows_fini(&after);
	rules_facts_free(f0);
	rules_facts_free(f1);
	store_close(s);
	rules_set_free(rs);
	return rc;
}
