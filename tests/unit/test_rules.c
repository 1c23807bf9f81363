/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for src/rules: the parser's errors (with line and column,
 * whole file refused), evaluation outcomes and their combination,
 * rulings, explanations, and the test runner.  Facts are built here in
 * memory; no database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/date.h"
#include "rules/rules.h"

/* A small rule set: two interpretations, one statute clause, one
 * condition, one notice clause. */
static const char base_rules[] =
    "interpretation broad \"release dates count\"\n"
    "interpretation narrow \"status only\"\n"
    "type P01 \"bar on sending status\"\n"
    "type P07 \"bar on release dates\"\n"
    "type P19 \"savings clause\" role=saving\n"
    "type P20 \"scope\" role=scope\n"
    "inherit state agencies\n"
    "requirement STAT {\n"
    "\tcitation \"8 U.S.C. 1373(a)\"\n"
    "\tversion from=1996-09-30 {\n"
    "\t\tunder broad {\n"
    "\t\t\tconflicts P01 P07 because=\"restricts information\"\n"
    "\t\t\tsaved P01 by=P19 because=\"savings clause\"\n"
    "\t\t}\n"
    "\t\tunder narrow {\n"
    "\t\t\tconflicts P01 because=\"restricts status\"\n"
    "\t\t\tcomplies P07 because=\"not status\"\n"
    "\t\t\tsaved P01 by=P19 because=\"savings clause\"\n"
    "\t\t}\n"
    "\t}\n"
    "}\n"
    "requirement NOTICE {\n"
    "\tcitation \"notice condition\"\n"
    "\tversion from=2017-07-25 {\n"
    "\t\tunder * {\n"
    "\t\t\tconflicts P07 because=\"no notice\"\n"
    "\t\t}\n"
    "\t}\n"
    "}\n"
    "condition C16 {\n"
    "\tprogram JAG\n"
    "\tfiscal-year 2016\n"
    "\treach jurisdiction\n"
    "\trequires STAT\n"
    "}\n"
    "condition C17 {\n"
    "\tprogram JAG\n"
    "\tfiscal-year 2017\n"
    "\trequires STAT NOTICE\n"
    "}\n";

static struct rules_set *
load(const char *text)
{
	struct rules_set *rs = rules_set_new();
	struct at_diag d;

	at_diag_clear(&d);
	assert_int_equal(rules_set_add(rs, "base.rules", text, strlen(text),
			     &d),
	    AT_OK);
	assert_int_equal(rules_set_finish(rs, &d), AT_OK);
	return rs;
}

static struct at_date
day(const char *s)
{
	struct at_date d;

	assert_int_equal(at_date_parse_str(s, &d), AT_OK);
	return d;
}

/* State 17, county 17031 with agency AG holding JAG awards for 2016 and
 * 2017, and a city 1714000 without awards. */
static struct rules_facts *
facts(void)
{
	struct rules_facts *f = rules_facts_new();
	struct rules_jurisdiction_in st = { "17", "Illinois", "state", NULL,
		NULL, NULL };
	struct rules_jurisdiction_in co = { "17031", "Cook County", "county",
		"17", NULL, NULL };
	struct rules_jurisdiction_in ci = { "1714000", "Chicago", "city",
		"17031", NULL, NULL };
	struct rules_agency_in ag = { "AG", "17031", "Sheriff" };
	struct rules_agency_in ag2 = { "AG2", "17031", "Board" };
	struct rules_award_in a16 = { "A16", "AG", "JAG", 2016, NULL };
	struct rules_award_in a17 = { "A17", "AG", "JAG", 2017, "2017-10-01" };
	struct at_diag d;

	assert_int_equal(rules_facts_add_jurisdiction(f, &st, &d), AT_OK);
	assert_int_equal(rules_facts_add_jurisdiction(f, &co, &d), AT_OK);
	assert_int_equal(rules_facts_add_jurisdiction(f, &ci, &d), AT_OK);
	assert_int_equal(rules_facts_add_agency(f, &ag, &d), AT_OK);
	assert_int_equal(rules_facts_add_agency(f, &ag2, &d), AT_OK);
	assert_int_equal(rules_facts_add_award(f, &a16, &d), AT_OK);
	assert_int_equal(rules_facts_add_award(f, &a17, &d), AT_OK);
	return f;
}

static void
add_policy(struct rules_facts *f, const char *id, const char *jur,
    const char *binds, const char *from, const char *to)
{
	struct rules_policy_in p = { id, jur, "ordinance", id, id, NULL, binds,
		from, to };
	struct at_diag d;

	assert_int_equal(rules_facts_add_policy(f, &p, &d), AT_OK);
}

static void
add_prov(struct rules_facts *f, const char *id, const char *pol,
    const char *type, const char *scope)
{
	struct rules_provision_in v = { id, pol, type, "s. 1", "text", NULL,
		scope, NULL, NULL };
	struct at_diag d;

	assert_int_equal(rules_facts_add_provision(f, &v, &d), AT_OK);
}

static enum rules_outcome
eval(const struct rules_set *rs, const struct rules_facts *f, const char *j,
    const char *t, const char *on, const char *interp,
    enum rules_outcome *under)
{
	struct rules_result r;
	struct at_diag d;
	enum rules_outcome o;

	assert_int_equal(rules_eval(rs, f, j, t, day(on), interp, true, &r, &d),
	    AT_OK);
	assert_non_null(r.explanation);
	o = r.outcome;
	if (under != NULL)
		*under = r.underlying;
	rules_result_fini(&r);
	return o;
}

static void
test_rules_error_has_line_and_column(void **state)
{
	static const char bad[] = "interpretation a \"x\"\n"
				  "requirement R {\n"
				  "  citation \"c\"\n"
				  "  version from=2017-13-01 {\n"
				  "    under a {\n"
				  "    }\n"
				  "  }\n"
				  "}\n";
	struct rules_set *rs = rules_set_new();
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(rules_set_add(rs, "bad.rules", bad, strlen(bad), &d),
	    AT_EINVAL);
	assert_string_equal(d.file, "bad.rules");
	assert_int_equal(d.line, 4);
	assert_int_equal(d.column, 11);
	assert_non_null(strstr(d.msg, "not a date"));
	/* Nothing of the file was kept, not even its interpretation. */
	assert_int_equal(rules_set_ninterpretations(rs), 0);
	rules_set_free(rs);
}

static void
test_rules_lexical_errors(void **state)
{
	static const struct {
		const char *text;
		long line, col;
		const char *msg;
	} cases[] = {
		{ "test \"x\n", 1, 6, "unterminated string" },
		{ "requirement R {\n  citation \"c\"\n", 1, 15, "never closed" },
		{ "}\n", 1, 1, "without a matching" },
		{ "type P21 \"x\"\n", 1, 6, "not a provision type" },
		{ "inherit planet\n", 1, 9, "not a kind" },
		{ "type P01 \"a\" role=odd\n", 1, 14, "role must be" },
		{ "frobnicate\n", 1, 1, "unknown statement" },
		{ "interpretation a \"x\"\ninterpretation a \"y\"\n", 2, 1,
		    "declared twice" },
		{ "condition C {\n  program J\n}\n", 1, 1, "needs 'requires'" },
		{ "interpretation a \"x\" @\n", 1, 22, "unexpected character" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rules_set *rs = rules_set_new();
		struct at_diag d;
		enum at_err er;

		at_diag_clear(&d);
		er = rules_set_add(rs, "f.rules", cases[i].text,
		    strlen(cases[i].text), &d);
		assert_true(er == AT_EINVAL || er == AT_CONFLICT);
		if (d.line != cases[i].line || d.column != cases[i].col ||
		    strstr(d.msg, cases[i].msg) == NULL)
			fail_msg("case %zu: got %ld:%ld: %s", i, d.line,
			    d.column, d.msg);
		rules_set_free(rs);
	}
}

static void
test_rules_finish_refuses_unknown_references(void **state)
{
	static const char text[] = "interpretation a \"x\"\n"
				   "condition C {\n  requires NOPE\n}\n";
	struct rules_set *rs = rules_set_new();
	struct at_diag d;

	(void)state;
	assert_int_equal(rules_set_add(rs, "c.rules", text, strlen(text), &d),
	    AT_OK);
	assert_int_equal(rules_set_finish(rs, &d), AT_EINVAL);
	assert_int_equal(d.line, 2);
	assert_non_null(strstr(d.msg, "NOPE"));
	rules_set_free(rs);
}

static void
test_rules_no_provisions_is_unknown_never_complies(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct at_diag d;

	(void)state;
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	assert_int_equal(eval(rs, f, "17031", "C16", "2017-10-12", NULL, NULL),
	    RULES_UNKNOWN);
	assert_int_equal(eval(rs, f, "17031", "STAT", "2017-10-12", "narrow",
			     NULL),
	    RULES_UNKNOWN);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
test_rules_release_date_bar_depends_on_interpretation(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct at_diag d;

	(void)state;
	add_policy(f, "ORD", "17031", NULL, "2011-09-07", NULL);
	add_prov(f, "REL", "ORD", "P07", NULL);
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	assert_int_equal(eval(rs, f, "17031", "C16", "2017-10-12", "broad",
			     NULL),
	    RULES_CONFLICTS);
	assert_int_equal(eval(rs, f, "17031", "C16", "2017-10-12", "narrow",
			     NULL),
	    RULES_COMPLIES);
	/* Before the ordinance: a policy recorded, none in force; the
	 * record does not reach that day, so unknown, never complies. */
	assert_int_equal(eval(rs, f, "17031", "C16", "2011-09-06", "broad",
			     NULL),
	    RULES_UNKNOWN);
	/* The city has no award of its own. */
	assert_int_equal(eval(rs, f, "1714000", "C16", "2017-10-12", "broad",
			     NULL),
	    RULES_NOT_APPLICABLE);
	/* FY2017 award dated 2017-10-01: not yet on 2017-09-30. */
	assert_int_equal(eval(rs, f, "17031", "C17", "2017-09-30", "narrow",
			     NULL),
	    RULES_NOT_APPLICABLE);
	/* Combination: STAT complies (narrow), NOTICE conflicts. */
	assert_int_equal(eval(rs, f, "17031", "C17", "2017-10-12", "narrow",
			     NULL),
	    RULES_CONFLICTS);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
test_rules_savings_clause_and_scope(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct at_diag d;

	(void)state;
	/* P01 saved by P19 in the same policy; P01 in another policy is
	 * not. */
	add_policy(f, "A", "17031", NULL, NULL, NULL);
	add_prov(f, "A1", "A", "P01", NULL);
	add_prov(f, "A2", "A", "P19", NULL);
	/* A P01 limited by P20 to AG2, which holds no award. */
	add_policy(f, "B", "17031", NULL, NULL, NULL);
	add_prov(f, "B1", "B", "P01", NULL);
	add_prov(f, "B2", "B", "P20", "AG2");
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	/* C17 reaches the funded agencies only: B does not reach AG. */
	assert_int_equal(eval(rs, f, "17031", "STAT", "2017-10-12", "narrow",
			     NULL),
	    RULES_CONFLICTS);
	{
		struct rules_result r;

		assert_int_equal(rules_eval(rs, f, "17031", "C17",
				     day("2017-10-12"), "broad", true, &r, &d),
		    AT_OK);
		assert_int_equal(r.outcome, RULES_COMPLIES);
		rules_result_fini(&r);
	}
	/* C16 reaches the whole jurisdiction: B's P01 conflicts. */
	assert_int_equal(eval(rs, f, "17031", "C16", "2017-10-12", "broad",
			     NULL),
	    RULES_CONFLICTS);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
test_rules_state_law_reaches_county_not_county_to_city(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct rules_agency_in cpd = { "CPD", "1714000", "Police" };
	struct rules_award_in a = { "AC", "CPD", "JAG", 2016, NULL };
	struct at_diag d;

	(void)state;
	assert_int_equal(rules_facts_add_agency(f, &cpd, &d), AT_OK);
	assert_int_equal(rules_facts_add_award(f, &a, &d), AT_OK);
	add_policy(f, "STATE", "17", NULL, "2018-01-01", NULL);
	add_prov(f, "S1", "STATE", "P07", NULL);
	add_policy(f, "COUNTY", "17031", NULL, NULL, NULL);
	add_prov(f, "C1", "COUNTY", "P01", NULL);
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	assert_int_equal(eval(rs, f, "1714000", "C16", "2018-02-01", "broad",
			     NULL),
	    RULES_CONFLICTS);
	/* Before the state law: nothing in force binds the city. */
	assert_int_equal(eval(rs, f, "1714000", "C16", "2017-12-31", "broad",
			     NULL),
	    RULES_UNKNOWN);
	assert_int_equal(eval(rs, f, "17031", "C16", "2017-12-31", "broad",
			     NULL),
	    RULES_CONFLICTS);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
add_ruling(struct rules_facts *f, const char *id, const char *kind,
    const char *scope, const char *plaintiffs, const char *target,
    const char *from, const char *to)
{
	struct rules_ruling_in r;
	struct at_diag d;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.case_name = "Case";
	r.kind = kind;
	r.date = from;
	r.scope = scope;
	r.plaintiffs = plaintiffs;
	r.target = target;
	r.conditions = "C17";
	r.valid_to = to;
	assert_int_equal(rules_facts_add_ruling(f, &r, &d), AT_OK);
}

static void
test_rules_rulings_stay_and_nationwide(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct rules_agency_in cpd = { "CPD", "1714000", "Police" };
	struct rules_award_in a = { "AC", "CPD", "JAG", 2017, NULL };
	enum rules_outcome u;
	struct at_diag d;

	(void)state;
	assert_int_equal(rules_facts_add_agency(f, &cpd, &d), AT_OK);
	assert_int_equal(rules_facts_add_award(f, &a, &d), AT_OK);
	add_policy(f, "STATE", "17", NULL, NULL, NULL);
	add_prov(f, "S1", "STATE", "P07", NULL);
	add_ruling(f, "PI", "preliminary_injunction", "nationwide", "1714000",
	    NULL, "2017-09-15", NULL);
	add_ruling(f, "STAY", "stay", "named_plaintiffs", "1714000", "PI",
	    "2018-06-26", "2018-07-27");
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	assert_int_equal(eval(rs, f, "17031", "C17", "2017-10-12", "broad", &u),
	    RULES_NOT_ENFORCED);
	assert_int_equal(u, RULES_CONFLICTS);
	assert_int_equal(eval(rs, f, "17031", "C17", "2018-07-01", "broad", &u),
	    RULES_CONFLICTS);
	assert_int_equal(eval(rs, f, "1714000", "C17", "2018-07-01", "narrow",
			     &u),
	    RULES_NOT_ENFORCED);
	assert_int_equal(u, RULES_CONFLICTS);
	/* After the stay ends the nationwide injunction is back. */
	assert_int_equal(eval(rs, f, "17031", "C17", "2018-07-27", "broad", &u),
	    RULES_NOT_ENFORCED);
	/* Before the injunction (the city's award is undated). */
	assert_int_equal(eval(rs, f, "1714000", "C17", "2017-09-14", "broad",
			     &u),
	    RULES_CONFLICTS);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
test_rules_explanation_names_clause_provision_and_ruling(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct rules_result r;
	struct at_diag d;
	struct buf b;

	(void)state;
	add_policy(f, "ORD", "17031", NULL, NULL, NULL);
	add_prov(f, "REL", "ORD", "P07", NULL);
	add_ruling(f, "PI", "agency_notice", "state_and_subdivisions", "17",
	    NULL, "2017-09-15", NULL);
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	assert_int_equal(rules_eval(rs, f, "17031", "C17", day("2017-10-12"),
			     "broad", true, &r, &d),
	    AT_OK);
	assert_int_equal(r.outcome, RULES_NOT_ENFORCED);
	assert_int_equal(r.underlying, RULES_CONFLICTS);
	buf_init(&b, 1u << 20);
	rules_explain_text(r.explanation, &b);
	assert_non_null(strstr(buf_str(&b), "clause STAT, 8 U.S.C. 1373(a)"));
	assert_non_null(strstr(buf_str(&b), "provision REL (P07)"));
	assert_non_null(strstr(buf_str(&b), "ruling PI"));
	assert_non_null(strstr(buf_str(&b), "interpretation broad"));
	assert_non_null(strstr(buf_str(&b), "restricts information"));
	buf_fini(&b);
	rules_result_fini(&r);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
test_rules_eval_errors(void **state)
{
	struct rules_set *rs = load(base_rules);
	struct rules_facts *f = facts();
	struct rules_result r;
	struct at_diag d;

	(void)state;
	assert_int_equal(rules_facts_finish(f, &d), AT_OK);
	assert_int_equal(rules_eval(rs, f, "99", "C16", day("2017-10-12"), NULL,
			     false, &r, &d),
	    AT_NOTFOUND);
	assert_int_equal(rules_eval(rs, f, "17", "NOPE", day("2017-10-12"),
			     NULL, false, &r, &d),
	    AT_NOTFOUND);
	assert_int_equal(rules_eval(rs, f, "17", "C16", day("2017-10-12"),
			     "nope", false, &r, &d),
	    AT_NOTFOUND);
	rules_facts_free(f);
	rules_set_free(rs);
}

static void
test_rules_facts_refuse_bad_references(void **state)
{
	struct rules_facts *f = rules_facts_new();
	struct rules_jurisdiction_in j = { "17031", "X", "county", "17", NULL,
		NULL };
	struct rules_provision_in v = { "V", "P", "P99", NULL, NULL, NULL,
		NULL, NULL, NULL };
	struct at_diag d;

	(void)state;
	assert_int_equal(rules_facts_add_provision(f, &v, &d), AT_EINVAL);
	assert_int_equal(rules_facts_add_jurisdiction(f, &j, &d), AT_OK);
	assert_int_equal(rules_facts_finish(f, &d), AT_EINVAL);
	assert_non_null(strstr(d.msg, "unknown parent 17"));
	rules_facts_free(f);
}

static void
test_rules_tests_in_the_language_pass_and_fail(void **state)
{
	static const char tests[] =
	    "test \"passes\" {\n"
	    "\tas-of 2017-10-12\n"
	    "\tjurisdiction 17 kind=state\n"
	    "\tagency AG jurisdiction=17\n"
	    "\taward A agency=AG program=JAG fy=2016\n"
	    "\tpolicy P jurisdiction=17\n"
	    "\tprovision V policy=P type=P07\n"
	    "\texpect 17 C16 conflicts interpretation=broad\n"
	    "\texpect 17 C16 complies interpretation=narrow\n"
	    "}\n"
	    "test \"fails\" {\n"
	    "\tas-of 2017-10-12\n"
	    "\tjurisdiction 17 kind=state\n"
	    "\texpect 17 C16 complies\n"
	    "}\n";
	struct rules_set *rs = rules_set_new();
	struct at_diag d;
	size_t pass, fail;

	(void)state;
	assert_int_equal(rules_set_add(rs, "base.rules", base_rules,
			     strlen(base_rules), &d),
	    AT_OK);
	assert_int_equal(rules_set_add(rs, "t.rules", tests, strlen(tests),
			     &d),
	    AT_OK);
	assert_int_equal(rules_set_finish(rs, &d), AT_OK);
	assert_int_equal(rules_test_run(rs, NULL, NULL, &pass, &fail, &d),
	    AT_OK);
	assert_int_equal(pass, 1);
	assert_int_equal(fail, 1);
	rules_set_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_error_has_line_and_column),
		cmocka_unit_test(test_rules_lexical_errors),
		cmocka_unit_test(test_rules_finish_refuses_unknown_references),
		cmocka_unit_test(
		    test_rules_no_provisions_is_unknown_never_complies),
		cmocka_unit_test(
		    test_rules_release_date_bar_depends_on_interpretation),
		cmocka_unit_test(test_rules_savings_clause_and_scope),
		cmocka_unit_test(
		    test_rules_state_law_reaches_county_not_county_to_city),
		cmocka_unit_test(test_rules_rulings_stay_and_nationwide),
		cmocka_unit_test(
		    test_rules_explanation_names_clause_provision_and_ruling),
		cmocka_unit_test(test_rules_eval_errors),
		cmocka_unit_test(test_rules_facts_refuse_bad_references),
		cmocka_unit_test(test_rules_tests_in_the_language_pass_and_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
