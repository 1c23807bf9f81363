/* SPDX-License-Identifier: ISC */
/*
 * Field and record validation of the model, every kind and field.  The
 * first byte picks the kind; the rest is split at 0x1f (ASCII unit
 * separator) into one value per field, in descriptor order.  Values
 * for missing fields stay NULL; extra ones are ignored.
 *
 * Properties: an accepted value is stored byte for byte, is clean
 * UTF-8 within the field's limit and is a real date, number or choice
 * as its type says; a refused one leaves the field NULL and the
 * diagnostic names the field; validation answers and a copy of the
 * record holds the same values.
 */
#include "fuzz.h"

#include <string.h>

#include "core/parse.h"
#include "model/model.h"

/* Records "exist" when the id's bytes add up to an even number, so
 * both answers are reached and the answer depends only on the id. */
static enum at_err
fake_exists(void *ctx, enum model_kind kind, const char *id, bool *found)
{
	unsigned sum = 0;

	(void)ctx;
	FUZZ_CHECK(kind < KIND__MAX);
	FUZZ_CHECK(id != NULL);
	for (const char *p = id; *p != '\0'; p++)
		sum += (unsigned char)*p;
	*found = sum % 2 == 0;
	return AT_OK;
}

static void
check_value(const struct model_field *f, const struct model_value *v,
    const char *s, size_t len)
{
	struct at_date dt;

	if (v->is_null) {
		FUZZ_CHECK(v->text == NULL);
		return;
	}
	FUZZ_CHECK(v->text != NULL);
	FUZZ_CHECK(strlen(v->text) == len && memcmp(v->text, s, len) == 0);
	FUZZ_CHECK(len <= f->max_len);
	FUZZ_CHECK(text_is_clean(v->text, len, f->type == FT_LONGTEXT));
	switch (f->type) {
	case FT_DATE:
		FUZZ_CHECK(at_date_parse(v->text, len, &dt) == AT_OK);
		break;
	case FT_CENTS:
		FUZZ_CHECK(v->num >= 0);
		break;
	case FT_INT:
		FUZZ_CHECK(v->num >= f->min && v->num <= f->max);
		break;
	case FT_ENUM: {
		bool found = false;

		for (size_t c = 0; f->choices[c] != NULL; c++)
			if (strcmp(f->choices[c], v->text) == 0)
				found = true;
		FUZZ_CHECK(found);
		break;
	}
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model_kind_desc *k;
	struct model_record *r, *dup;
	struct at_diag d;
	const char *p, *end;
	enum model_kind kind;

	if (size < 1)
		return 0;
	kind = (enum model_kind)(data[0] % KIND__MAX);
	k = model_kind_desc(kind);
	FUZZ_CHECK(k != NULL && k->nfields <= MODEL_FIELDS_MAX);
	r = model_record_new(kind);
	p = (const char *)data + 1;
	end = (const char *)data + size;
	for (size_t i = 0; i < k->nfields && p <= end; i++) {
		const char *sep = memchr(p, 0x1f, (size_t)(end - p));
		size_t len = (size_t)((sep != NULL ? sep : end) - p);
		enum at_err er;

		at_diag_clear(&d);
		er = model_record_set(r, i, p, len, &d);
		if (er == AT_OK) {
			check_value(&k->fields[i], &r->v[i], p, len);
		} else {
			FUZZ_CHECK(er == AT_EINVAL);
			FUZZ_CHECK(r->v[i].is_null && r->v[i].text == NULL);
			FUZZ_CHECK(strcmp(d.field, k->fields[i].name) == 0);
			FUZZ_CHECK(memchr(d.msg, '\0', sizeof(d.msg)) != NULL);
		}
		if (sep == NULL)
			break;
		p = sep + 1;
	}
	at_diag_clear(&d);
	(void)model_record_validate(r, NULL, NULL, &d);
	at_diag_clear(&d);
	(void)model_record_validate(r, fake_exists, NULL, &d);
	FUZZ_CHECK(memchr(d.msg, '\0', sizeof(d.msg)) != NULL);
	(void)model_record_in_force(r, at_date_from_days(17000));
	dup = model_record_dup(r);
	for (size_t i = 0; i < k->nfields; i++) {
		FUZZ_CHECK(dup->v[i].is_null == r->v[i].is_null);
		FUZZ_CHECK(dup->v[i].num == r->v[i].num);
		if (!r->v[i].is_null)
			FUZZ_CHECK(strcmp(dup->v[i].text, r->v[i].text) == 0);
	}
	model_record_free(dup);
	model_record_free(r);
	return 0;
}
