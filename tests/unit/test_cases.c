/* SPDX-License-Identifier: ISC */
/* Unit tests for src/cases: the state machine, due-date rules and their
 * derivations, federal holidays and their observed dates, certification
 * completeness, the four-eyes rule, ruling coverage, sniffing, sums. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cases/cases.h"
#include "model/model.h"

static struct at_date
D(const char *s) {
	struct at_date d;

	assert_int_equal(at_date_parse_str(s, &d), AT_OK);
	return d;
}

static void
test_transition_chain_of_2017(void **state)
{
	static const enum cases_event evs[] = { CASES_EV_AWAIT, CASES_EV_EXTEND,
		CASES_EV_RECEIVE, CASES_EV_REVIEW, CASES_EV_PROPOSE,
		CASES_EV_RETURN, CASES_EV_PROPOSE, CASES_EV_APPROVE,
		CASES_EV_DETERMINE, CASES_EV_ACT, CASES_EV_ACT };
	enum cases_state st = CASES_ISSUED;

	(void)state;
	for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
		assert_int_equal(
		    cases_transition(st, evs[i], &st, NULL), AT_OK);
	assert_int_equal(st, CASES_ACTION);
	assert_true(cases_state_is_closed(st));
}

static void
test_illegal_transition_names_state_and_allowed(void **state)
{
	struct at_diag d;
	enum cases_state to = CASES_ISSUED;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(
	    cases_transition(CASES_AWAITING, CASES_EV_APPROVE, &to, &d),
	    AT_CONFLICT);
	assert_int_equal(to, CASES_ISSUED); /* untouched */
	assert_non_null(strstr(d.msg, "cannot approve"));
	assert_non_null(strstr(d.msg, "awaiting_response"));
	assert_non_null(strstr(d.msg, "receive (-> certification_received)"));
	assert_non_null(strstr(d.msg, "extend (-> awaiting_response)"));
	assert_non_null(strstr(d.msg, "withdraw (-> withdrawn)"));
	at_diag_clear(&d);
	assert_int_equal(
	    cases_transition(CASES_WITHDRAWN, CASES_EV_RECEIVE, &to, &d),
	    AT_CONFLICT);
	assert_non_null(strstr(d.msg, "withdrawn"));
	assert_non_null(strstr(d.msg, "no transition"));
	/* a determined case cannot be withdrawn or re-opened */
	assert_int_equal(
	    cases_transition(CASES_DETERMINED, CASES_EV_WITHDRAW, &to, NULL),
	    AT_CONFLICT);
}

static void
test_names_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < CASES_STATE__MAX; i++) {
		enum cases_state s;

		assert_int_equal(cases_state_parse(
		                     cases_state_name((enum cases_state)i), &s),
		    AT_OK);
		assert_int_equal(s, i);
	}
	for (int i = 0; i < CASES_EVENT__MAX; i++) {
		enum cases_event e;

		assert_int_equal(cases_event_parse(
		                     cases_event_name((enum cases_event)i), &e),
		    AT_OK);
		assert_int_equal(e, i);
	}
	for (int i = 0; i < CASES_FINDING__MAX; i++) {
		enum cases_finding f;

		assert_int_equal(
		    cases_finding_parse(
		        cases_finding_name((enum cases_finding)i), &f),
		    AT_OK);
		assert_int_equal(f, i);
	}
	assert_int_equal(
	    cases_finding_parse("guilty", &(enum cases_finding){ 0 }),
	    AT_EINVAL);
}

static void
due(const char *from, const char *rule, const char *want,
    const char *want_derivation)
{
	struct cases_due_rule r;
	struct at_date x;
	char got[AT_DATE_LEN], der[CASES_DERIVATION_MAX];

	assert_int_equal(cases_due_rule_parse(rule, &r, NULL), AT_OK);
	assert_int_equal(cases_due_compute(D(from), &r, &x, der, NULL), AT_OK);
	at_date_format(x, got);
	assert_string_equal(got, want);
	if (want_derivation != NULL)
		assert_string_equal(der, want_derivation);
}

static void
test_due_calendar_days_2017(void **state)
{
	(void)state;
	due("2017-04-21", "70 calendar days", "2017-06-30",
	    "2017-04-21 + 70 calendar days = 2017-06-30");
	due("2017-10-12", "15 calendar days", "2017-10-27",
	    "2017-10-12 + 15 calendar days = 2017-10-27");
	due("2018-01-24", "30 days", "2018-02-23", NULL);
	due("2016-12-31", "1 calendar day", "2017-01-01", NULL);
}

static void
test_due_fixed_date(void **state)
{
	struct cases_due_rule r;
	struct at_date x;
	char der[CASES_DERIVATION_MAX];
	struct at_diag d;

	(void)state;
	due("2017-04-21", "fixed 2017-06-30", "2017-06-30",
	    "fixed date 2017-06-30, named in the notice of 2017-04-21 "
	    "(70 calendar days)");
	due("2017-04-21", "2017-06-30", "2017-06-30", NULL);
	at_diag_clear(&d);
	assert_int_equal(cases_due_rule_parse("2017-06-01", &r, NULL), AT_OK);
	assert_int_equal(
	    cases_due_compute(D("2017-07-01"), &r, &x, der, &d), AT_EINVAL);
	assert_non_null(strstr(d.msg, "before the notice date"));
}

static void
test_due_business_days_skip_holidays(void **state)
{
	(void)state;
	/* Friday 2017-05-26 + 1 business day: Monday is Memorial Day. */
	due("2017-05-26", "1 business day", "2017-05-30",
	    "2017-05-26 + 1 business day = 2017-05-30 (weekends skipped; "
	    "federal holidays skipped: 2017-05-29 Memorial Day)");
	/* Across the year end of 2021: Dec 24 and Dec 31 are observed. */
	due("2021-12-23", "2 business days", "2021-12-28", NULL);
	due("2021-12-30", "1 business day", "2022-01-03",
	    "2021-12-30 + 1 business day = 2022-01-03 (weekends skipped; "
	    "federal holidays skipped: 2021-12-31 New Year's Day "
	    "(observed))");
	due("2017-04-21", "10 business days", "2017-05-05",
	    "2017-04-21 + 10 business days = 2017-05-05 (weekends skipped; "
	    "federal holidays skipped: none)");
}

static void
test_due_rule_parse_refuses_nonsense(void **state)
{
	struct cases_due_rule r;
	struct at_diag d;
	char s[64];

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(cases_due_rule_parse("soon", &r, &d), AT_EINVAL);
	assert_non_null(strstr(d.msg, "calendar days"));
	assert_int_equal(cases_due_rule_parse("0 days", &r, NULL), AT_EINVAL);
	assert_int_equal(cases_due_rule_parse("-3 days", &r, NULL), AT_EINVAL);
	assert_int_equal(
	    cases_due_rule_parse("99999 days", &r, NULL), AT_EINVAL);
	assert_int_equal(
	    cases_due_rule_parse("3 fortnights", &r, NULL), AT_EINVAL);
	assert_int_equal(
	    cases_due_rule_parse("2017-02-29", &r, NULL), AT_EINVAL);
	assert_int_equal(
	    cases_due_rule_parse("10 business days", &r, NULL), AT_OK);
	cases_due_rule_format(&r, s, sizeof(s));
	assert_string_equal(s, "10 business days");
}

static void
holiday(const char *day, const char *name)
{
	const char *h = cases_holiday(D(day));

	if (name == NULL) {
		if (h != NULL)
			fail_msg("%s should be no holiday but is %s", day, h);
		return;
	}
	if (h == NULL)
		fail_msg("%s should be %s", day, name);
	assert_string_equal(h, name);
}

static void
test_holidays_fixed_and_floating(void **state)
{
	(void)state;
	holiday("2017-01-16", "Martin Luther King Jr. Day");
	holiday("2017-02-20", "Washington's Birthday");
	holiday("2017-05-29", "Memorial Day");
	holiday("2017-07-04", "Independence Day");
	holiday("2017-09-04", "Labor Day");
	holiday("2017-10-09", "Columbus Day");
	holiday("2017-11-23", "Thanksgiving Day");
	holiday("2017-12-25", "Christmas Day");
	holiday("2017-06-30", NULL);
	holiday("2017-10-27", NULL);
	/* the law of each year */
	holiday("1985-01-21", NULL);
	holiday("1986-01-20", "Martin Luther King Jr. Day");
	holiday("2020-06-19", NULL);
	holiday("2022-06-20",
	    "Juneteenth National Independence Day "
	    "(observed)");
	holiday("1975-10-27", "Veterans Day");
	holiday("1975-11-11", NULL);
	holiday("1978-11-10", "Veterans Day (observed)");
	holiday("1968-05-30", "Memorial Day");
}

static void
test_holidays_on_weekends_and_year_ends(void **state)
{
	(void)state;
	/* Saturday -> Friday before, Sunday -> Monday after. */
	holiday("2017-01-02", "New Year's Day (observed)"); /* Sun 01-01 */
	holiday("2017-01-01", NULL);
	holiday("2020-07-03", "Independence Day (observed)"); /* Sat */
	holiday("2020-07-04", NULL);
	holiday("2021-06-18",
	    "Juneteenth National Independence Day "
	    "(observed)");
	holiday("2021-11-11", "Veterans Day");
	holiday("2018-11-12", "Veterans Day (observed)"); /* Sun */
	/* New Year's Day 2022 is a Saturday: observed 2021-12-31. */
	holiday("2021-12-31", "New Year's Day (observed)");
	holiday("2021-12-24", "Christmas Day (observed)");
	holiday("2022-12-26", "Christmas Day (observed)");
	holiday("2022-01-03", NULL);
	holiday("2010-12-31", "New Year's Day (observed)");
	holiday("9999-12-31", NULL);
	assert_false(cases_is_business_day(D("2021-12-31")));
	assert_false(cases_is_business_day(D("2017-06-24")));
	assert_true(cases_is_business_day(D("2017-06-30")));
}

static void
test_overdue_days(void **state)
{
	(void)state;
	assert_int_equal(
	    cases_days_overdue(D("2017-06-30"), D("2017-06-30")), 0);
	assert_int_equal(
	    cases_days_overdue(D("2017-06-30"), D("2017-07-03")), 3);
	assert_int_equal(
	    cases_days_overdue(D("2017-06-30"), D("2017-01-03")), 0);
}

static void
test_certification_completeness(void **state)
{
	const struct cases_claim fy16[] = { { "JAG-FY2016-1373",
	    "legal_opinion" } };
	const struct cases_claim fy17[] = { { "JAG-FY2017-1373",
	    "clo_certification" } };
	const struct cases_claim both[] = { { "JAG-FY2016-1373",
		                                "legal_opinion" },
		{ "JAG-FY2017-1373", "clo_certification" } };
	struct cases_submission s = { "legal_counsel", true, fy16, 1 };
	char why[512];

	(void)state;
	assert_true(cases_certification_complete(&s, why, sizeof(why)));
	assert_string_equal(why, "");
	s.has_opinion = false;
	assert_false(cases_certification_complete(&s, why, sizeof(why)));
	assert_non_null(strstr(why, "JAG-FY2016-1373 needs a legal opinion"));
	s = (struct cases_submission){ "legal_counsel", true, fy17, 1 };
	assert_false(cases_certification_complete(&s, why, sizeof(why)));
	assert_non_null(strstr(why, "chief legal officer"));
	assert_non_null(strstr(why, "legal_counsel"));
	s.authority = "chief_legal_officer";
	assert_true(cases_certification_complete(&s, why, sizeof(why)));
	s = (struct cases_submission){ NULL, false, both, 2 };
	assert_false(cases_certification_complete(&s, why, sizeof(why)));
	assert_non_null(strstr(why, "legal opinion"));
	assert_non_null(strstr(why, "; condition JAG-FY2017-1373"));
	assert_non_null(strstr(why, "unknown"));
}

static void
test_self_approval_refused(void **state)
{
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(
	    cases_review_decider_ok("alice", "alice", &d), AT_DENIED);
	assert_non_null(strstr(d.msg, "alice proposed"));
	assert_non_null(strstr(d.msg, "different person"));
	assert_int_equal(cases_review_decider_ok("alice", "bob", NULL), AT_OK);
	assert_int_equal(cases_review_decider_ok("", "bob", NULL), AT_EINVAL);
	assert_int_equal(
	    cases_review_decider_ok("alice", NULL, NULL), AT_EINVAL);
}

static struct model_record *
ruling(const char *kind, const char *scope, const char *plaintiffs,
    const char *conditions, const char *date, const char *from, const char *to)
{
	struct model_record *r = model_record_new(KIND_RULING);
	const struct {
		const char *f, *v;
	} vals[] = { { "id", "R1" }, { "case_name", "Chicago v. Sessions" },
		{ "court", "N.D. Ill." }, { "date", date }, { "kind", kind },
		{ "conditions", conditions }, { "scope", scope },
		{ "plaintiffs", plaintiffs }, { "valid_from", from },
		{ "valid_to", to }, { "source", "test" } };

	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		int k = model_field_index(KIND_RULING, vals[i].f);

		assert_true(k >= 0);
		if (vals[i].v != NULL)
			assert_int_equal(
			    model_record_set(r, (size_t)k, vals[i].v,
			        strlen(vals[i].v), NULL),
			    AT_OK);
	}
	return r;
}

static void
test_ruling_scopes(void **state)
{
	struct model_record *r;

	(void)state;
	/* named plaintiff, span with exclusive end */
	r = ruling("preliminary_injunction", "named_plaintiffs", "1714000",
	    "JAG-FY2017-NOTICE;JAG-FY2017-ACCESS", "2017-09-15", NULL,
	    "2018-07-27");
	assert_true(cases_ruling_covers(
	    r, "JAG-FY2017-NOTICE", "1714000", D("2017-09-15")));
	assert_false(cases_ruling_covers(
	    r, "JAG-FY2017-NOTICE", "1714000", D("2017-09-14")));
	assert_true(cases_ruling_covers(
	    r, "JAG-FY2017-ACCESS", "1714000", D("2018-07-26")));
	assert_false(cases_ruling_covers(
	    r, "JAG-FY2017-ACCESS", "1714000", D("2018-07-27")));
	assert_false(cases_ruling_covers(
	    r, "JAG-FY2017-1373", "1714000", D("2017-10-01")));
	assert_false(cases_ruling_covers(
	    r, "JAG-FY2017-NOTICE", "17031", D("2017-10-01")));
	model_record_free(r);
	/* nationwide */
	r = ruling("preliminary_injunction", "nationwide", NULL,
	    "JAG-FY2017-NOTICE", "2017-09-15", NULL, NULL);
	assert_true(cases_ruling_covers(
	    r, "JAG-FY2017-NOTICE", "4260000", D("2019-01-01")));
	model_record_free(r);
	/* a state and everything under it */
	r = ruling("agency_notice", "state_and_subdivisions", "06",
	    "JAG-FY2017-1373", "2018-10-05", "2018-10-05", NULL);
	assert_true(
	    cases_ruling_covers(r, "JAG-FY2017-1373", "06", D("2018-10-05")));
	assert_true(cases_ruling_covers(
	    r, "JAG-FY2017-1373", "06075", D("2019-01-01")));
	assert_true(cases_ruling_covers(
	    r, "JAG-FY2017-1373", "0606000", D("2019-01-01")));
	assert_false(
	    cases_ruling_covers(r, "JAG-FY2017-1373", "41", D("2019-01-01")));
	assert_false(cases_ruling_covers(
	    r, "JAG-FY2017-1373", "06075", D("2018-10-04")));
	model_record_free(r);
	/* a ruling for a county and its subdivisions reaches a city in
	 * it only through the chain of governments */
	r = ruling("permanent_injunction", "state_and_subdivisions", "06075",
	    "JAG-FY2017-1373", "2018-10-05", NULL, NULL);
	{
		const char *city[] = { "0667000", "06075", "06" };
		const char *other[] = { "0644000", "06037", "06" };

		assert_false(cases_ruling_covers(
		    r, "JAG-FY2017-1373", "0667000", D("2019-01-01")));
		assert_true(cases_ruling_covers_chain(
		    r, "JAG-FY2017-1373", city, 3, D("2019-01-01")));
		assert_false(cases_ruling_covers_chain(
		    r, "JAG-FY2017-1373", other, 3, D("2019-01-01")));
	}
	model_record_free(r);
	/* named plaintiffs: a parent being named does not reach the city */
	r = ruling("permanent_injunction", "named_plaintiffs", "17031",
	    "JAG-FY2017-1373", "2018-10-05", NULL, NULL);
	{
		const char *chi[] = { "1714000", "17031", "17" };

		assert_false(cases_ruling_covers_chain(
		    r, "JAG-FY2017-1373", chi, 3, D("2019-01-01")));
	}
	model_record_free(r);
	/* a stay suspends nothing */
	r = ruling("stay", "nationwide", NULL, "JAG-FY2017-NOTICE",
	    "2018-06-26", NULL, NULL);
	assert_false(cases_ruling_covers(
	    r, "JAG-FY2017-NOTICE", "1714000", D("2019-01-01")));
	model_record_free(r);
}

static void
test_sniff_types_from_bytes(void **state)
{
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const unsigned char bin[] = { 0x00, 0x01, 0xfe, 0xff };

	(void)state;
	assert_string_equal(
	    cases_sniff_type((const unsigned char *)"%PDF-1.5\n", 9),
	    "application/pdf");
	assert_string_equal(
	    cases_sniff_type(png, sizeof(png) - 1), "image/png");
	assert_string_equal(
	    cases_sniff_type((const unsigned char *)"PK\x03\x04rest", 8),
	    "application/zip");
	assert_string_equal(
	    cases_sniff_type((const unsigned char *)"  <!DOCTYPE html><p>", 20),
	    "text/html");
	assert_string_equal(
	    cases_sniff_type(
	        (const unsigned char *)"Legal opinion of counsel\n", 25),
	    "text/plain");
	assert_string_equal(
	    cases_sniff_type(bin, sizeof(bin)), "application/octet-stream");
	assert_string_equal(cases_sniff_type((const unsigned char *)"", 0),
	    "application/octet-stream");
}

static void
test_sha256_hex(void **state)
{
	char h[CASES_SHA256_HEX];

	(void)state;
	cases_sha256_hex("abc", 3, h);
	assert_string_equal(h,
	    "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

static void
test_sums_keep_unknown_apart(void **state)
{
	struct cases_sum s;
	char out[64];

	(void)state;
	memset(&s, 0, sizeof(s));
	cases_sum_add(&s, false, 0);
	cases_sum_format(&s, out, sizeof(out));
	assert_string_equal(out, "unknown");
	cases_sum_add(&s, true, 97560400);
	cases_sum_format(&s, out, sizeof(out));
	assert_string_equal(out, "$975,604.00 + 1 unknown");
	memset(&s, 0, sizeof(s));
	cases_sum_add(&s, true, 48000000);
	cases_sum_add(&s, true, 5);
	cases_sum_format(&s, out, sizeof(out));
	assert_string_equal(out, "$480,000.05");
	cases_money_format(0, out, sizeof(out));
	assert_string_equal(out, "$0.00");
	cases_money_format(100000000000, out, sizeof(out));
	assert_string_equal(out, "$1,000,000,000.00");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transition_chain_of_2017),
		cmocka_unit_test(
		    test_illegal_transition_names_state_and_allowed),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_due_calendar_days_2017),
		cmocka_unit_test(test_due_fixed_date),
		cmocka_unit_test(test_due_business_days_skip_holidays),
		cmocka_unit_test(test_due_rule_parse_refuses_nonsense),
		cmocka_unit_test(test_holidays_fixed_and_floating),
		cmocka_unit_test(test_holidays_on_weekends_and_year_ends),
		cmocka_unit_test(test_overdue_days),
		cmocka_unit_test(test_certification_completeness),
		cmocka_unit_test(test_self_approval_refused),
		cmocka_unit_test(test_ruling_scopes),
		cmocka_unit_test(test_sniff_types_from_bytes),
		cmocka_unit_test(test_sha256_hex),
		cmocka_unit_test(test_sums_keep_unknown_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
