/* SPDX-License-Identifier: ISC */
/* Unit tests for casework_review.c and casework_funds.c: a review id must
 * be an id; the proposer never decides; a return needs a reason; a
 * review is decided once; only an approved finding with a case is
 * determined; every refusal stores nothing; withheld and released sums
 * keep unknown amounts apart and count only actions up to the day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "casework/casework_funds.h"
#include "casework/casework_review.h"
#include "store/store.h"
#include "store/store_cases.h"

static char dbpath[256];
static struct store *s;

/* A record of kind from n field names and values (NULL: left empty). */
static void
put(enum model_kind kind, const char *const *f, const char *const *v,
    size_t n)
{
	struct model_record *r = model_record_new(kind);

	for (size_t i = 0; i < n; i++) {
		int k = model_field_index(kind, f[i]);

		assert_true(k >= 0);
		if (v[i] != NULL)
			assert_int_equal(model_record_set(r, (size_t)k, v[i],
			    strlen(v[i]), NULL), AT_OK);
	}
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
}

static int
setup(void **state)
{
	const char *jf[] = { "id", "name", "kind", "source" };
	const char *jv[] = { "1714000", "City of Chicago", "city", "t" };
	const char *cf[] = { "id", "jurisdiction", "date", "source" };
	const char *cv[] = { "C1", "1714000", "2017-06-20", "t" };
	const char *af[] = { "id", "kind", "date", "jurisdiction", "amount",
		"source" };
	const char *a1[] = { "A1", "withhold", "2018-01-10", "1714000", NULL,
		"t" };
	const char *a2[] = { "A2", "withhold", "2018-02-10", "1714000",
		"1000.50", "t" };
	const char *a3[] = { "A3", "release", "2018-03-10", "1714000", "250",
		"t" };

	(void)state;
	(void)snprintf(dbpath, sizeof(dbpath),
	    "/tmp/attest-test-casework-review-%ld.db", (long)getpid());
	unlink(dbpath);
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	store_set_actor(s, "tester");
	assert_int_equal(store_begin(s), AT_OK);
	put(KIND_JURISDICTION, jf, jv, 4);
	put(KIND_CERTIFICATION, cf, cv, 4);
	put(KIND_ACTION, af, a1, 6);
	put(KIND_ACTION, af, a2, 6);
	put(KIND_ACTION, af, a3, 6);
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
	return 0;
}

static int
count_one(void *ctx, const struct store_review *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int
reviews(void)
{
	int n = 0;

	assert_int_equal(store_review_each(s, NULL, count_one, &n), AT_OK);
	return n;
}

static void
test_four_eyes(void **state)
{
	struct casework_proposal p;
	struct casework_determination det;
	struct store_review rv;
	struct at_diag d;
	char id[64], nid[64];
	char *expl = NULL;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.certification = "C1";
	p.finding = "possibly_noncompliant";
	p.proposer = "alice";
	p.day = (struct at_date){ 2017, 7, 1 };
	p.id = "<b>x</b>";
	at_diag_clear(&d);
	assert_int_equal(casework_review_propose(s, NULL, &p, id, sizeof(id),
	    &expl, &d), AT_EINVAL);
	assert_string_equal(d.field, "id");
	p.id = NULL;
	p.finding = "maybe";
	assert_int_equal(casework_review_propose(s, NULL, &p, id, sizeof(id),
	    &expl, &d), AT_EINVAL);
	p.finding = "possibly_noncompliant";
	p.certification = "NOPE";
	assert_int_equal(casework_review_propose(s, NULL, &p, id, sizeof(id),
	    &expl, &d), AT_EINVAL);
	assert_int_equal(reviews(), 0);
	p.certification = "C1";
	assert_int_equal(casework_review_propose(s, NULL, &p, id, sizeof(id),
	    &expl, &d), AT_OK);
	assert_string_equal(id, "C1-R1");
	assert_null(expl); /* no rules passed: no explanation */
	assert_int_equal(reviews(), 1);

	/* The proposer may not decide; a return needs a reason. */
	at_diag_clear(&d);
	assert_int_equal(casework_review_decide(s, "C1-R1", true, "alice",
	    p.day, NULL, &rv, &d), AT_DENIED);
	store_review_fini(&rv);
	assert_non_null(strstr(d.msg, "alice"));
	assert_int_equal(casework_review_decide(s, "C1-R1", false, "bob",
	    p.day, "", &rv, &d), AT_EINVAL);
	store_review_fini(&rv);
	assert_int_equal(casework_review_decide(s, "C1-R9", true, "bob",
	    p.day, NULL, &rv, &d), AT_NOTFOUND);
	store_review_fini(&rv);
	assert_int_equal(store_review_get(s, "C1-R1", &rv), AT_OK);
	assert_string_equal(rv.status, "proposed");
	store_review_fini(&rv);

	assert_int_equal(casework_review_decide(s, "C1-R1", true, "bob",
	    p.day, "ok", &rv, &d), AT_OK);
	store_review_fini(&rv);
	assert_int_equal(casework_review_decide(s, "C1-R1", false, "carol",
	    p.day, "no", &rv, &d), AT_CONFLICT);
	store_review_fini(&rv);

	/* Approved, but its certification answers no notice: no case. */
	memset(&det, 0, sizeof(det));
	det.review = "C1-R1";
	det.kind = "determination";
	det.actor = "bob";
	det.day = p.day;
	assert_int_equal(casework_review_determine(s, &det, nid, sizeof(nid),
	    &d), AT_CONFLICT);
	det.kind = "other";
	assert_int_equal(casework_review_determine(s, &det, nid, sizeof(nid),
	    &d), AT_EINVAL);

	/* The next proposal gets the next id. */
	assert_int_equal(casework_review_propose(s, NULL, &p, id, sizeof(id),
	    &expl, &d), AT_OK);
	assert_string_equal(id, "C1-R2");
}

static void
test_funds_keep_unknown_apart(void **state)
{
	struct casework_funds f;

	(void)state;
	assert_int_equal(casework_funds(s, (struct at_date){ 2018, 2, 1 }, &f),
	    AT_OK);
	assert_int_equal(f.withheld.nknown, 0);
	assert_int_equal(f.withheld.nunknown, 1);
	assert_int_equal(f.released.nknown + f.released.nunknown, 0);
	assert_int_equal(f.nacts, 1);
	assert_false(f.acts[0].known);
	casework_funds_fini(&f);

	assert_int_equal(casework_funds(s, (struct at_date){ 2018, 12, 31 },
	    &f), AT_OK);
	assert_int_equal(f.withheld.known, 100050);
	assert_int_equal(f.withheld.nknown, 1);
	assert_int_equal(f.withheld.nunknown, 1);
	assert_int_equal(f.released.known, 25000);
	assert_int_equal(f.released.nunknown, 0);
	assert_int_equal(f.nacts, 3);
	assert_int_equal(f.nrows, 0); /* no case puts anything at risk */
	assert_int_equal(f.at_risk.nknown + f.at_risk.nunknown, 0);
	casework_funds_fini(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_four_eyes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_funds_keep_unknown_apart,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
