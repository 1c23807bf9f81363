/* SPDX-License-Identifier: ISC */
/* Unit tests for src/model: each validation error names its field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

static enum at_err
set(struct model_record *r, const char *field, const char *v,
    struct at_diag *d)
{
	int i = model_field_index(r->kind, field);

	assert_true(i >= 0);
	return model_record_set(r, (size_t)i, v, strlen(v), d);
}

/* Pretends only the ids in ctx (a NULL-terminated list) exist. */
static enum at_err
known_only(void *ctx, enum model_kind kind, const char *id, bool *found)
{
	const char *const *ids = ctx;

	(void)kind;
	*found = false;
	for (size_t i = 0; ids[i] != NULL; i++)
		if (strcmp(ids[i], id) == 0)
			*found = true;
	return AT_OK;
}

static void
test_bad_fips_is_refused_naming_id(void **state)
{
	struct model_record *r = model_record_new(KIND_JURISDICTION);
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(set(r, "id", "1714", &d), AT_EINVAL);
	assert_string_equal(d.field, "id");
	assert_int_equal(set(r, "id", "99001", &d), AT_EINVAL); /* no state 99 */
	assert_int_equal(set(r, "id", "17O31", &d), AT_EINVAL);
	assert_int_equal(set(r, "id", "1714000", &d), AT_OK);
	model_record_free(r);
}

static void
test_unknown_reference_is_refused_naming_field(void **state)
{
	static const char *const ids[] = { "17", NULL };
	struct model_record *r = model_record_new(KIND_AGENCY);
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(set(r, "id", "CHI-CPD", &d), AT_OK);
	assert_int_equal(set(r, "jurisdiction", "1714000", &d), AT_OK);
	assert_int_equal(set(r, "name", "Chicago Police Department", &d),
	    AT_OK);
	assert_int_equal(set(r, "kind", "police", &d), AT_OK);
	assert_int_equal(set(r, "source", "test", &d), AT_OK);
	assert_int_equal(model_record_validate(r, known_only,
			     (void *)(uintptr_t)ids, &d), AT_EINVAL);
	assert_string_equal(d.field, "jurisdiction");
	assert_non_null(strstr(d.msg, "unknown jurisdiction \"1714000\""));
	model_record_free(r);
}

static void
test_bad_date_negative_amount_and_missing_field(void **state)
{
	struct model_record *r = model_record_new(KIND_AWARD);
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(set(r, "award_date", "2017-02-30", &d), AT_EINVAL);
	assert_string_equal(d.field, "award_date");
	assert_int_equal(set(r, "amount", "-5", &d), AT_EINVAL);
	assert_string_equal(d.field, "amount");
	assert_non_null(strstr(d.msg, "negative"));
	assert_int_equal(set(r, "amount", "", &d), AT_OK);
	assert_true(r->v[model_field_index(KIND_AWARD, "amount")].is_null);
	assert_int_equal(set(r, "amount", "unknown", &d), AT_OK);
	assert_true(r->v[model_field_index(KIND_AWARD, "amount")].is_null);
	assert_int_equal(set(r, "fiscal_year", "16", &d), AT_EINVAL);
	assert_string_equal(d.field, "fiscal_year");
	assert_int_equal(set(r, "id", "2016-DJ-BX-0446", &d), AT_OK);
	assert_int_equal(model_record_validate(r, NULL, NULL, &d), AT_EINVAL);
	assert_string_equal(d.field, "program");
	assert_non_null(strstr(d.msg, "required"));
	model_record_free(r);
}

static void
test_valid_to_before_valid_from_is_refused(void **state)
{
	struct model_record *r = model_record_new(KIND_POLICY);
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(set(r, "id", "P1", &d), AT_OK);
	assert_int_equal(set(r, "jurisdiction", "17", &d), AT_OK);
	assert_int_equal(set(r, "kind", "statute", &d), AT_OK);
	assert_int_equal(set(r, "title", "t", &d), AT_OK);
	assert_int_equal(set(r, "citation", "c", &d), AT_OK);
	assert_int_equal(set(r, "source", "s", &d), AT_OK);
	assert_int_equal(set(r, "valid_from", "2018-01-01", &d), AT_OK);
	assert_int_equal(set(r, "valid_to", "2017-12-31", &d), AT_OK);
	assert_int_equal(model_record_validate(r, NULL, NULL, &d), AT_EINVAL);
	assert_string_equal(d.field, "valid_to");
	assert_int_equal(set(r, "valid_to", "2019-01-01", &d), AT_OK);
	assert_int_equal(model_record_validate(r, NULL, NULL, &d), AT_OK);
	assert_true(model_record_in_force(r, (struct at_date){ 2018, 6, 1 }));
	assert_false(model_record_in_force(r, (struct at_date){ 2017, 12, 31 }));
	/* valid_to is exclusive */
	assert_false(model_record_in_force(r, (struct at_date){ 2019, 1, 1 }));
	model_record_free(r);
}

static void
test_enum_text_and_list_checks(void **state)
{
	struct model_record *r = model_record_new(KIND_PROVISION);
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(set(r, "type", "P21", &d), AT_EINVAL);
	assert_string_equal(d.field, "type");
	assert_int_equal(set(r, "type", "P07", &d), AT_OK);
	assert_int_equal(set(r, "scope", "CHI-CPD;COOK-SHERIFF", &d), AT_OK);
	assert_int_equal(set(r, "scope", "CHI-CPD;;X", &d), AT_EINVAL);
	assert_string_equal(d.field, "scope");
	assert_int_equal(set(r, "section", "a\x01", &d), AT_EINVAL);
	assert_int_equal(set(r, "section", "\xff", &d), AT_EINVAL);
	assert_int_equal(set(r, "excerpt", "two\nlines", &d), AT_OK);
	assert_int_equal(set(r, "section", "two\nlines", &d), AT_EINVAL);
	model_record_free(r);
}

static void
test_jurisdiction_kind_and_parent_rules(void **state)
{
	struct model_record *r = model_record_new(KIND_JURISDICTION);
	struct at_diag d;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(set(r, "id", "17031", &d), AT_OK);
	assert_int_equal(set(r, "name", "Cook County", &d), AT_OK);
	assert_int_equal(set(r, "kind", "state", &d), AT_OK);
	assert_int_equal(set(r, "source", "s", &d), AT_OK);
	assert_int_equal(model_record_validate(r, NULL, NULL, &d), AT_EINVAL);
	assert_string_equal(d.field, "id");
	assert_int_equal(set(r, "kind", "county", &d), AT_OK);
	assert_int_equal(set(r, "parent", "06", &d), AT_OK);
	assert_int_equal(model_record_validate(r, NULL, NULL, &d), AT_EINVAL);
	assert_string_equal(d.field, "parent");
	assert_int_equal(set(r, "parent", "17", &d), AT_OK);
	assert_int_equal(model_record_validate(r, NULL, NULL, &d), AT_OK);
	model_record_free(r);
}

static void
test_descriptor_indexes_agree_with_names(void **state)
{
	(void)state;
	for (int k = 0; k < KIND__MAX; k++) {
		const struct model_kind_desc *kd =
		    model_kind_desc((enum model_kind)k);
		enum model_kind back;

		assert_true(kd->nfields <= MODEL_FIELDS_MAX);
		assert_string_equal(kd->fields[0].name, "id");
		assert_int_equal(model_kind_lookup(kd->name, &back), AT_OK);
		assert_int_equal(back, k);
		if (kd->valid_from >= 0) {
			assert_string_equal(kd->fields[kd->valid_from].name,
			    "valid_from");
			assert_string_equal(kd->fields[kd->valid_to].name,
			    "valid_to");
		}
		if (kd->date >= 0)
			assert_int_equal(kd->fields[kd->date].type, FT_DATE);
		assert_int_equal(model_field_index((enum model_kind)k,
				     "source") >= 0, 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_fips_is_refused_naming_id),
		cmocka_unit_test(test_unknown_reference_is_refused_naming_field),
		cmocka_unit_test(test_bad_date_negative_amount_and_missing_field),
		cmocka_unit_test(test_valid_to_before_valid_from_is_refused),
		cmocka_unit_test(test_enum_text_and_list_checks),
		cmocka_unit_test(test_jurisdiction_kind_and_parent_rules),
		cmocka_unit_test(test_descriptor_indexes_agree_with_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
