/* SPDX-License-Identifier: ISC */
/* Unit tests for src/render: template filling, text wrapping, HTML
 * escaping of every field, PDF output, iCalendar round trips through
 * libical, and the refusals of the mail sender.
 *
 * Run as `test_render --ics-count FILE`, it parses FILE with libical and
 * prints the number of VEVENTs (the CLI tests use this to check the
 * calendar attest wrote). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "render/render.h"

static const char tmpl[] = "% a comment\n"
                           "@letterhead U.S. Department of Justice\n"
                           "@date {{date_long}}\n"
                           "@address {{officer_name}}\n"
                           "@address {{officer_title}}\n"
                           "@subject Re: award {{awards}}\n"
                           "Dear {{salutation}}:\n"
                           "\n"
                           "This letter concerns {{awards}} and\n"
                           "the conditions below.\n"
                           "\n"
                           "{{#conditions}}\n"
                           "@item Condition {{number}}: {{text}}\n"
                           "{{/conditions}}\n"
                           "\n"
                           "Due {{due_date}}.\n"
                           "@sign Sincerely,\n"
                           "@sign {{sender_name}}\n";

static struct render_fields *
fields(const char *hostile)
{
	struct render_fields *f = render_fields_new();
	size_t i;

	render_fields_set(f, "date_long", "April 21, 2017");
	render_fields_set(f, "officer_name", "Eddie Johnson");
	render_fields_set(f, "officer_title", "");
	render_fields_set(f, "awards", "2016-DJ-BX-0106");
	render_fields_set(f, "salutation", hostile);
	render_fields_set(f, "due_date", "2017-06-30");
	render_fields_set(f, "sender_name", "Alan R. Hanson");
	i = render_fields_item_add(f, "conditions");
	render_fields_item_set(f, "conditions", i, "number", "55");
	render_fields_item_set(f, "conditions", i, "text",
	    "Validate compliance with 8 U.S.C. 1373 and submit a legal "
	    "opinion from counsel; this sentence is long enough to need "
	    "wrapping at seventy-two columns in the plain text output.");
	i = render_fields_item_add(f, "conditions");
	render_fields_item_set(f, "conditions", i, "number", "56");
	render_fields_item_set(f, "conditions", i, "text", "{{awards}}");
	return f;
}

static struct render_doc *
fill(const char *hostile)
{
	struct render_fields *f = fields(hostile);
	struct render_doc *doc = NULL;
	struct at_diag d;

	at_diag_clear(&d);
	assert_int_equal(
	    render_letter_fill("t", tmpl, strlen(tmpl), f, &doc, &d), AT_OK);
	render_fields_free(f);
	return doc;
}

static void
test_fill_blocks(void **state)
{
	struct render_doc *doc = fill("Superintendent Johnson");

	(void)state;
	/* letterhead, date, 1 address (empty title left out), subject,
	 * salutation, paragraph, 2 items, due, 2 sign lines */
	assert_int_equal(doc->n, 11);
	assert_int_equal(doc->blocks[0].kind, RB_LETTERHEAD);
	assert_int_equal(doc->blocks[2].kind, RB_ADDRESS);
	assert_int_equal(doc->blocks[3].kind, RB_SUBJECT);
	assert_string_equal(doc->title, "Re: award 2016-DJ-BX-0106");
	assert_string_equal(doc->blocks[5].text,
	    "This letter concerns 2016-DJ-BX-0106 and the conditions below.");
	assert_int_equal(doc->blocks[6].kind, RB_ITEM);
	/* a value is never expanded again */
	assert_string_equal(doc->blocks[7].text, "Condition 56: {{awards}}");
	render_doc_free(doc);
}

static void
test_fill_errors_name_the_line(void **state)
{
	struct render_fields *f = fields("x");
	struct render_doc *doc = NULL;
	struct at_diag d;
	const char *bad1 = "@date x\nHello {{nope}}\n";
	const char *bad2 = "{{#conditions}}\n@item x\n";
	const char *bad3 = "@stamp x\n";
	const char *bad4 = "{{#conditions}}\n{{#awards}}\n{{/awards}}\n"
	                   "{{/conditions}}\n";

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(
	    render_letter_fill("t.tmpl", bad1, strlen(bad1), f, &doc, &d),
	    AT_EINVAL);
	assert_non_null(strstr(d.msg, "t.tmpl:2: unknown field {{nope}}"));
	assert_int_equal(
	    render_letter_fill("t.tmpl", bad2, strlen(bad2), f, &doc, &d),
	    AT_EINVAL);
	assert_non_null(strstr(d.msg, "never closed"));
	assert_int_equal(
	    render_letter_fill("t.tmpl", bad3, strlen(bad3), f, &doc, &d),
	    AT_EINVAL);
	assert_non_null(strstr(d.msg, "unknown directive @stamp"));
	assert_int_equal(
	    render_letter_fill("t.tmpl", bad4, strlen(bad4), f, &doc, &d),
	    AT_EINVAL);
	assert_non_null(strstr(d.msg, "do not nest"));
	assert_null(doc);
	render_fields_free(f);
}

static void
test_text_wraps_at_72(void **state)
{
	struct render_doc *doc = fill("Superintendent Johnson");
	struct buf b;
	const char *p;

	(void)state;
	buf_init(&b, 1 << 20);
	render_letter_text(doc, &b);
	p = buf_str(&b);
	assert_non_null(strstr(p, "Dear Superintendent Johnson:"));
	assert_non_null(strstr(p, "  - Condition 55: Validate"));
	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		assert_true(n <= 72);
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_fini(&b);
	render_doc_free(doc);
}

static void
test_html_escapes_every_field(void **state)
{
	const char *hostile = "<script>alert('x')</script> & \"q\"";
	struct render_doc *doc = fill(hostile);
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 20);
	render_letter_html(doc, &b);
	assert_null(strstr(buf_str(&b), "<script>"));
	assert_non_null(strstr(buf_str(&b),
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
	    "&quot;q&quot;"));
	assert_non_null(strstr(buf_str(&b), "<ul>\n<li>Condition 55"));
	assert_non_null(strstr(buf_str(&b), "<address>"));
	buf_fini(&b);
	render_doc_free(doc);
}

static void
test_pdf_is_a_pdf_and_stable(void **state)
{
	struct render_doc *doc = fill("Superintendent Johnson");
	struct buf a, b;

	(void)state;
	buf_init(&a, 16u << 20);
	buf_init(&b, 16u << 20);
	assert_int_equal(render_letter_pdf(doc, "2017-04-21", &a, NULL), AT_OK);
	assert_int_equal(render_letter_pdf(doc, "2017-04-21", &b, NULL), AT_OK);
	assert_true(buf_len(&a) > 1000);
	assert_memory_equal(buf_str(&a), "%PDF-", 5);
	assert_int_equal(buf_len(&a), buf_len(&b));
	assert_memory_equal(buf_str(&a), buf_str(&b), buf_len(&a));
	buf_fini(&a);
	buf_fini(&b);
	render_doc_free(doc);
}

static void
test_ical_round_trip(void **state)
{
	const struct render_due items[] = {
		{ "N-CHI-2017-04-21@attest", "2017-06-30",
		    "Response due: City of Chicago",
		    "2017-04-21 + 70 calendar days = 2017-06-30; "
		    "state awaiting_response, commas, semicolons; and "
		    "a very long line that libical has to fold at 75 "
		    "octets so the parser must unfold it again" },
		{ "N-CHI-2017-10-12@attest", "2017-10-27", "Response due",
		    "2017-10-12 + 15 calendar days = 2017-10-27" },
	};
	struct buf b;
	size_t n = 0;

	(void)state;
	buf_init(&b, 1 << 20);
	assert_int_equal(
	    render_ical(items, 2, "20171001T120000Z", &b, NULL), AT_OK);
	assert_non_null(strstr(buf_str(&b), "BEGIN:VCALENDAR"));
	assert_non_null(strstr(buf_str(&b), "DTSTART;VALUE=DATE:20170630"));
	assert_int_equal(render_ical_check(buf_str(&b), &n, NULL), AT_OK);
	assert_int_equal(n, 2);
	buf_fini(&b);
	assert_int_not_equal(render_ical_check("hello", &n, NULL), AT_OK);
	buf_init(&b, 1 << 20);
	assert_int_equal(
	    render_ical(items, 0, "20171001T120000Z", &b, NULL), AT_OK);
	assert_int_equal(render_ical_check(buf_str(&b), &n, NULL), AT_OK);
	assert_int_equal(n, 0);
	buf_fini(&b);
}

static void
test_mail_refuses_bad_input(void **state)
{
	struct render_mail m = { "attest@example.org", "cpd@example.org",
		"Reminder", "body\n", "id1" };
	struct at_diag d;
	size_t sent = 9;

	(void)state;
	at_diag_clear(&d);
	assert_int_equal(
	    render_mail_send("file:///etc/passwd", &m, 1, &sent, &d),
	    AT_EINVAL);
	assert_int_equal(sent, 0);
	m.subject = "Reminder\r\nBcc: x@example.org";
	assert_int_equal(
	    render_mail_send("smtp://127.0.0.1:1", &m, 1, &sent, &d),
	    AT_EINVAL);
	assert_non_null(strstr(d.msg, "line break"));
	m.subject = "Reminder";
	m.to = "a@b.example>, <c@d.example";
	assert_int_equal(
	    render_mail_send("smtp://127.0.0.1:1", &m, 1, &sent, &d),
	    AT_EINVAL);
}

static int
ics_count(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n, count = 0;
	struct at_diag d;
	int rc = 1;

	if (f == NULL) {
		perror(path);
		return 2;
	}
	buf_init(&b, 64u << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	at_diag_clear(&d);
	if (render_ical_check(buf_str(&b), &count, &d) == AT_OK) {
		printf("%zu\n", count);
		rc = 0;
	} else
		fprintf(stderr, "%s: %s\n", path, d.msg);
	buf_fini(&b);
	return rc;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fill_blocks),
		cmocka_unit_test(test_fill_errors_name_the_line),
		cmocka_unit_test(test_text_wraps_at_72),
		cmocka_unit_test(test_html_escapes_every_field),
		cmocka_unit_test(test_pdf_is_a_pdf_and_stable),
		cmocka_unit_test(test_ical_round_trip),
		cmocka_unit_test(test_mail_refuses_bad_input),
	};

	int rc;

	if (argc == 3 && strcmp(argv[1], "--ics-count") == 0)
		return ics_count(argv[2]);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	render_pdf_cleanup();
	return rc;
}
