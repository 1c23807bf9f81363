/* SPDX-License-Identifier: ISC */
/* Unit tests for casework_certify.c and casework_letter.c: a document's
 * name may not contradict its bytes, sizes are capped, file names must
 * be clean text; a refused certification stores nothing; kept bytes
 * come back and are checked against their hash; who may read which
 * letter; download names are made safe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cases/cases.h"
#include "casework/casework_certify.h"
#include "casework/casework_letter.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "store/store_users.h"

static const char pdf[] = "%PDF-1.4\n% test\n";
static const char png[] = "\211PNG\r\n\032\n\0\0\0\rIHDR";

static struct casework_doc
doc(const char *role, const char *name, const char *bytes, size_t len)
{
	struct casework_doc d;

	d.role = role;
	d.name = name;
	d.bytes = bytes;
	d.len = len;
	return d;
}

static void
test_doc_named_pdf_holding_png_is_refused(void **state)
{
	struct casework_doc d = doc("legal_opinion", "dir/opinion.PDF", png,
	    sizeof(png) - 1);
	struct at_diag dg;
	const char *type = NULL;

	(void)state;
	at_diag_clear(&dg);
	assert_int_equal(casework_doc_check(&d, &type, &dg), AT_EINVAL);
	assert_non_null(strstr(dg.msg, "opinion.PDF is named as "
	    "application/pdf but its bytes are image/png"));
	assert_string_equal(dg.field, "legal_opinion");
}

static void
test_doc_type_matching_name_passes(void **state)
{
	struct casework_doc d = doc("certification", "c.pdf", pdf,
	    sizeof(pdf) - 1);
	const char *type = NULL;

	(void)state;
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_OK);
	assert_string_equal(type, "application/pdf");
	d = doc("attachment", "notes.txt", "<p>hello</p>", 12);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_OK);
	d = doc("attachment", "no-extension", png, sizeof(png) - 1);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_OK);
	assert_string_equal(type, "image/png");
	d = doc("attachment", "report.docx", "PK\003\004rest", 8);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_OK);
}

static void
test_doc_over_cap_and_bad_names_refused(void **state)
{
	struct casework_doc d = doc("attachment", "big.txt", "", 0);
	const char *type = NULL;

	(void)state;
	d.len = CASES_DOC_MAX + 1;
	d.bytes = calloc(1, d.len);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_LIMIT);
	free((void *)(uintptr_t)d.bytes);
	d = doc("attachment", "a\r\nb.txt", "x", 1);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_EINVAL);
	d = doc("attachment", "\377\376.txt", "x", 1);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_EINVAL);
	d = doc("attachment", "", "x", 1);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_EINVAL);
	d = doc("invoice", "x.txt", "x", 1);
	assert_int_equal(casework_doc_check(&d, &type, NULL), AT_EINVAL);
}

static void
test_letter_filename_is_safe(void **state)
{
	char out[64];

	(void)state;
	casework_letter_filename("N-2017-04-21-CHI", CASEWORK_LETTER_PDF, out,
	    sizeof(out));
	assert_string_equal(out, "letter-N-2017-04-21-CHI.pdf");
	casework_letter_filename("a\"b\r\n/../x", CASEWORK_LETTER_HTML, out,
	    sizeof(out));
	assert_string_equal(out, "letter-a_b___.._x.html");
	casework_letter_filename("0123456789012345678901234567890123456789"
				 "0123456789012345678901234567890123456789",
	    CASEWORK_LETTER_TEXT, out, sizeof(out));
	assert_true(strlen(out) < sizeof(out));
	assert_string_equal(out + strlen(out) - 4, ".txt");
}

static struct model_record *
notice(const char *jur, const char *confidence)
{
	struct model_record *r = model_record_new(KIND_NOTICE);
	const char *f[] = { "id", "kind", "date", "jurisdiction", "source",
		"confidence" };
	const char *v[] = { "N1", "certification_request", "2017-04-21", jur,
		"test", confidence };

	for (size_t i = 0; i < 6; i++) {
		int k = model_field_index(KIND_NOTICE, f[i]);

		assert_true(k >= 0);
		if (v[i] != NULL)
			assert_int_equal(model_record_set(r, (size_t)k, v[i],
			    strlen(v[i]), NULL), AT_OK);
	}
	return r;
}

static void
test_letter_visible_by_role(void **state)
{
	struct model_record *ver = notice("1714000", "verified");
	struct model_record *rep = notice("1714000", "reported");
	struct user u;

	(void)state;
	memset(&u, 0, sizeof(u));
	u.role = ROLE_PUBLIC;
	assert_true(casework_letter_visible(&u, ver));
	assert_false(casework_letter_visible(&u, rep));
	u.role = ROLE_RECIPIENT;
	memcpy(u.jurisdiction, "1714000", 8);
	assert_true(casework_letter_visible(&u, rep));
	memcpy(u.jurisdiction, "3651000", 8);
	assert_false(casework_letter_visible(&u, ver));
	u.jurisdiction[0] = '\0';
	assert_false(casework_letter_visible(&u, ver));
	u.role = ROLE_REVIEWER;
	assert_true(casework_letter_visible(&u, rep));
	model_record_free(ver);
	model_record_free(rep);
}

/* ---- with a store ---- */

static char dbpath[256];
static struct store *s;

static int
count_certs(void)
{
	int64_t n = -1;

	assert_int_equal(store_record_count(s, KIND_CERTIFICATION, &n), AT_OK);
	return (int)n;
}

static int
setup(void **state)
{
	struct model_record *r;
	const char *jf[] = { "id", "name", "kind", "source" };
	const char *jv[][4] = { { "1714000", "City of Chicago", "city", "t" },
		{ "3651000", "New York City", "city", "t" } };

	(void)state;
	(void)snprintf(dbpath, sizeof(dbpath),
	    "/tmp/attest-test-casework-%ld.db", (long)getpid());
	unlink(dbpath);
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	store_set_actor(s, "tester");
	assert_int_equal(store_begin(s), AT_OK);
	for (size_t j = 0; j < 2; j++) {
		r = model_record_new(KIND_JURISDICTION);
		for (size_t i = 0; i < 4; i++)
			assert_int_equal(model_record_set(r,
			    (size_t)model_field_index(KIND_JURISDICTION, jf[i]),
			    jv[j][i], strlen(jv[j][i]), NULL), AT_OK);
		assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
		model_record_free(r);
	}
	r = notice("1714000", "verified");
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
	assert_int_equal(store_commit(s), AT_OK);
	return 0;
}

static int
teardown(void **state)
{
	char p[300];

	(void)state;
	store_close(s);
	unlink(dbpath);
	(void)snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	(void)snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	(void)snprintf(p, sizeof(p), "%s.key", dbpath);
	unlink(p);
	return 0;
}

static void
test_refusals_store_nothing_and_bytes_come_back(void **state)
{
	struct casework_doc docs[2];
	struct casework_cert c;
	struct casework_cert_result res;
	struct at_diag d;
	char *back = NULL;
	size_t len = 0;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.id = "C1";
	c.notice = "N1";
	c.date = "2017-07-05";
	c.source = "test";
	c.authority = "legal_counsel";
	c.only_jurisdiction = "3651000";
	docs[0] = doc("legal_opinion", "opinion.pdf", pdf, sizeof(pdf) - 1);
	docs[1] = doc("attachment", "photo.pdf", png, sizeof(png) - 1);
	c.docs = docs;
	c.ndocs = 1;
	at_diag_clear(&d);
	assert_int_equal(casework_certify(s, &c, &res, &d), AT_DENIED);
	assert_int_equal(count_certs(), 0);
	c.only_jurisdiction = "1714000";
	c.ndocs = 2;
	assert_int_equal(casework_certify(s, &c, &res, &d), AT_EINVAL);
	assert_int_equal(count_certs(), 0);
	c.ndocs = 1;
	assert_int_equal(casework_certify(s, &c, &res, &d), AT_OK);
	assert_int_equal(count_certs(), 1);
	assert_int_equal(res.on_time, -1); /* the notice named no due date */
	assert_true(res.complete);
	assert_string_equal(res.docs[0].type, "application/pdf");
	assert_int_equal(store_document_bytes_get(s, res.docs[0].sha, &back,
	    &len), AT_OK);
	assert_int_equal(len, sizeof(pdf) - 1);
	assert_memory_equal(back, pdf, len);
	free(back);
	assert_int_equal(store_document_bytes_get(s, "00", &back, &len),
	    AT_NOTFOUND);
	/* The same id again is a conflict, and still nothing more. */
	assert_int_equal(casework_certify(s, &c, &res, &d), AT_CONFLICT);
	assert_int_equal(count_certs(), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_named_pdf_holding_png_is_refused),
		cmocka_unit_test(test_doc_type_matching_name_passes),
		cmocka_unit_test(test_doc_over_cap_and_bad_names_refused),
		cmocka_unit_test(test_letter_filename_is_safe),
		cmocka_unit_test(test_letter_visible_by_role),
		cmocka_unit_test_setup_teardown(
		    test_refusals_store_nothing_and_bytes_come_back, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
