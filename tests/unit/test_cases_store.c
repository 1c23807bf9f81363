/* SPDX-License-Identifier: ISC */
/* Unit tests for store/store_cases.c on SQLite: case steps keep their
 * history, each write carries its audit entry (documents and letters
 * with their SHA-256), a review is decided once and never by its
 * proposer, even when the caller skips the check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"
#include "store/store_cases.h"

static char dbpath[256];
static struct store *s;

static void
put(struct model_record *r, const char *field, const char *val)
{
	int i = model_field_index(r->kind, field);

	assert_true(i >= 0);
	assert_int_equal(
	    model_record_set(r, (size_t)i, val, strlen(val), NULL), AT_OK);
}

static int
setup(void **state)
{
	struct model_record *r;

	(void)state;
	(void)snprintf(dbpath, sizeof(dbpath),
	    "/tmp/attest-test-cases-store-%ld.db", (long)getpid());
	unlink(dbpath);
	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	store_set_actor(s, "tester");
	assert_int_equal(store_begin(s), AT_OK);
	r = model_record_new(KIND_JURISDICTION);
	put(r, "id", "17");
	put(r, "name", "Illinois");
	put(r, "kind", "state");
	put(r, "source", "test");
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
	r = model_record_new(KIND_NOTICE);
	put(r, "id", "N1");
	put(r, "kind", "certification_request");
	put(r, "date", "2017-04-21");
	put(r, "jurisdiction", "17");
	put(r, "source", "test");
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
	r = model_record_new(KIND_CERTIFICATION);
	put(r, "id", "C1");
	put(r, "jurisdiction", "17");
	put(r, "notice", "N1");
	put(r, "date", "2017-06-29");
	put(r, "source", "test");
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

static struct store_case_step
step(const char *ev, const char *from, const char *to, const char *on,
    const char *due)
{
	struct store_case_step st;

	memset(&st, 0, sizeof(st));
	st.notice = "N1";
	st.event = ev;
	st.from_state = from;
	st.to_state = to;
	st.on_date = on;
	st.due_date = due;
	return st;
}

struct seen {
	int n;
	char due[4][16];
	char actor[32];
};

static int
on_step(void *ctx, const struct store_case_step *st)
{
	struct seen *x = ctx;

	if (x->n < 4)
		(void)snprintf(x->due[x->n], sizeof(x->due[x->n]), "%s",
		    st->due_date != NULL ? st->due_date : "-");
	(void)snprintf(x->actor, sizeof(x->actor), "%s", st->actor);
	x->n++;
	return 0;
}

struct want {
	const char *verb, *needle;
	int n;
};

static int
count_verb(void *ctx, const struct store_audit_row *e)
{
	struct want *w = ctx;

	if (strcmp(e->verb, w->verb) == 0 && e->new_json != NULL &&
	    (w->needle == NULL || strstr(e->new_json, w->needle) != NULL))
		w->n++;
	return 0;
}

/* How many audit entries of verb hold needle in their JSON. */
static int
audited(const char *verb, const char *needle)
{
	struct want w = { verb, needle, 0 };

	assert_int_equal(store_audit_each(s, 1, count_verb, &w), AT_OK);
	return w.n;
}

static void
test_steps_keep_history_and_audit(void **state)
{
	struct store_case_step a =
	    step("issue", NULL, "issued", "2017-04-21", NULL);
	struct store_case_step b = step(
	    "await", "issued", "awaiting_response", "2017-04-21", "2017-06-30");
	struct store_case_step c = step("extend", "awaiting_response",
	    "awaiting_response", "2017-06-20", "2017-07-14");
	struct store_case cs;
	struct seen x;

	(void)state;
	assert_int_equal(store_case_step(s, &a, NULL), AT_CONFLICT); /* no tx */
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_case_step(s, &a, NULL), AT_OK);
	assert_int_equal(store_case_step(s, &a, NULL), AT_CONFLICT);
	assert_int_equal(store_case_step(s, &b, "fixed 2017-06-30"), AT_OK);
	assert_int_equal(store_case_step(s, &c, "14 calendar days"), AT_OK);
	assert_int_equal(store_commit(s), AT_OK);
	memset(&cs, 0, sizeof(cs));
	assert_int_equal(store_case_get(s, "N1", &cs), AT_OK);
	assert_string_equal(cs.state, "awaiting_response");
	assert_string_equal(cs.due_date, "2017-07-14");
	assert_string_equal(cs.due_rule, "14 calendar days");
	store_case_fini(&cs);
	memset(&x, 0, sizeof(x));
	assert_int_equal(store_case_step_each(s, "N1", on_step, &x), AT_OK);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.due[1], "2017-06-30");
	assert_string_equal(x.due[2], "2017-07-14");
	assert_string_equal(x.actor, "tester");
	assert_int_equal(
	    audited("transition", "\"due_date\":\"2017-06-30\""), 1);
	assert_int_equal(audited("transition", NULL), 3);
	assert_int_equal(store_case_get(s, "N9", &cs), AT_NOTFOUND);
}

static void
test_review_decided_once_never_by_proposer(void **state)
{
	struct store_review r, got;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.id = "R1";
	r.certification = "C1";
	r.notice = "N1";
	r.finding = "possibly_noncompliant";
	r.proposer = "alice";
	r.proposed_on = "2017-10-06";
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_review_insert(s, &r), AT_OK);
	assert_int_equal(store_review_decide(
	                     s, "R1", "approved", "alice", "2017-10-06", NULL),
	    AT_DENIED);
	assert_int_equal(store_review_decide(s, "R1", "approved", "bob",
	                     "2017-10-07", "agreed"),
	    AT_OK);
	assert_int_equal(store_review_decide(
	                     s, "R1", "returned", "carol", "2017-10-08", NULL),
	    AT_CONFLICT);
	assert_int_equal(store_commit(s), AT_OK);
	memset(&got, 0, sizeof(got));
	assert_int_equal(store_review_get(s, "R1", &got), AT_OK);
	assert_string_equal(got.status, "approved");
	assert_string_equal(got.decider, "bob");
	store_review_fini(&got);
	assert_int_equal(audited("propose", "\"proposer\":\"alice\""), 1);
	assert_int_equal(audited("approve", "\"decider\":\"bob\""), 1);
}

static int
on_doc(void *ctx, const struct store_document *d)
{
	(*(int *)ctx)++;
	assert_string_equal(d->type, "application/pdf");
	assert_int_equal(d->size, 1234);
	return 0;
}

static void
test_documents_and_letters_carry_sha256(void **state)
{
	static const char sha[] = "ba7816bf8f01cfea414140de5dae2223"
	                          "b00361a396177a9cb410ff61f20015ad";
	struct store_document d;
	struct store_letter l;
	struct store_cert_check c, got;
	int n = 0;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.certification = "C1";
	d.role = "legal_opinion";
	d.name = "opinion.pdf";
	d.size = 1234;
	d.type = "application/pdf";
	d.sha256 = sha;
	memset(&l, 0, sizeof(l));
	l.notice = "N1";
	l.format = "pdf";
	l.template = "certification_request.tmpl";
	l.size = 5000;
	l.sha256 = sha;
	l.rendered = "2026-01-01T00:00:00Z";
	memset(&c, 0, sizeof(c));
	c.certification = "C1";
	c.notice = "N1";
	c.due_date = "2017-06-30";
	c.on_time = 0;
	c.days_late = 5;
	c.complete = false;
	c.reason = "needs a legal opinion";
	assert_int_equal(store_begin(s), AT_OK);
	assert_int_equal(store_document_insert(s, &d), AT_OK);
	assert_int_equal(store_letter_insert(s, &l), AT_OK);
	assert_int_equal(store_cert_check_insert(s, &c), AT_OK);
	assert_int_equal(store_commit(s), AT_OK);
	assert_int_equal(store_document_each(s, "C1", on_doc, &n), AT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(audited("attach", sha), 1);
	assert_int_equal(audited("render", sha), 1);
	memset(&got, 0, sizeof(got));
	assert_int_equal(store_cert_check_get(s, "C1", &got), AT_OK);
	assert_int_equal(got.on_time, 0);
	assert_int_equal(got.days_late, 5);
	assert_false(got.complete);
	assert_string_equal(got.reason, "needs a legal opinion");
	store_cert_check_fini(&got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_keep_history_and_audit),
		cmocka_unit_test(test_review_decided_once_never_by_proposer),
		cmocka_unit_test(test_documents_and_letters_carry_sha256),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
