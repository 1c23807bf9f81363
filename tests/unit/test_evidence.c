/* SPDX-License-Identifier: ISC */
/* Unit tests for src/evidence: name matching, the detainer importer (all
 * or nothing, reject file, gzip, summary counts, audit entry) and the
 * SVG charts' escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "core/buf.h"
#include "evidence/ev_chart.h"
#include "evidence/evidence.h"
#include "evidence/evidence_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_evidence.h"

static char dbpath[256], csvpath[256], rejpath[256];

static void
rm_db(void)
{
	char p[300];

	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s.key", dbpath);
	unlink(p);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/attest-test-ev-%ld.db",
	    (long)getpid());
	snprintf(csvpath, sizeof(csvpath), "/tmp/attest-test-ev-%ld.csv",
	    (long)getpid());
	snprintf(rejpath, sizeof(rejpath), "/tmp/attest-test-ev-%ld.rej",
	    (long)getpid());
	rm_db();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	rm_db();
	unlink(csvpath);
	unlink(rejpath);
	return 0;
}

static void
put_place(struct store *s, const char *id, const char *name,
    const char *kind, const char *parent)
{
	struct model_record *r = model_record_new(KIND_JURISDICTION);
	const char *v[] = { id, name, kind, parent };

	for (size_t i = 0; i < 4; i++)
		if (v[i] != NULL)
			assert_int_equal(model_record_set(r, i, v[i],
					     strlen(v[i]), NULL),
			    AT_OK);
	assert_int_equal(model_record_set(r, 7, "test", 4, NULL), AT_OK);
	assert_int_equal(store_record_insert(s, r, NULL), AT_OK);
	model_record_free(r);
}

static struct store *
places_db(void)
{
	struct store *s = NULL;

	assert_int_equal(store_open(dbpath, &s, NULL), AT_OK);
	assert_int_equal(store_begin(s), AT_OK);
	put_place(s, "06", "California", "state", NULL);
	put_place(s, "06013", "Contra Costa County", "county", "06");
	put_place(s, "06075", "San Francisco County", "county", "06");
	put_place(s, "12", "Florida", "state", NULL);
	put_place(s, "12086", "Miami-Dade County", "county", "12");
	put_place(s, "24", "Maryland", "state", NULL);
	put_place(s, "24005", "Baltimore County", "county", "24");
	put_place(s, "24510", "Baltimore city", "city", "24");
	put_place(s, "28", "Mississippi", "state", NULL);
	put_place(s, "28049", "Hinds County", "county", "28");
	put_place(s, "28059", "Jackson County", "county", "28");
	put_place(s, "29", "Missouri", "state", NULL);
	put_place(s, "29189", "St. Louis County", "county", "29");
	assert_int_equal(store_commit(s), AT_OK);
	return s;
}

static void
test_norm_folds_case_punctuation_and_saint(void **state)
{
	char out[96];

	(void)state;
	ev_norm("St. Louis  city", out, sizeof(out));
	assert_string_equal(out, "ST LOUIS CITY");
	ev_norm("Saint Mary's Parish", out, sizeof(out));
	assert_string_equal(out, "ST MARYS PARISH");
	ev_norm("Do\xc3\xb1" "a Ana County", out, sizeof(out));
	assert_string_equal(out, "DONA ANA COUNTY");
	ev_norm("SANTA CLARA CO MAIN JAIL/", out, sizeof(out));
	assert_string_equal(out, "SANTA CLARA CO MAIN JAIL");
}

static void
test_facilities_match_by_county_name_not_by_city_name(void **state)
{
	struct store *s = places_db();
	struct ev_places *p = NULL;
	const char *how = NULL, *f;

	(void)state;
	assert_int_equal(ev_places_load(s, &p), AT_OK);
	assert_string_equal(ev_places_state(p, "CALIFORNIA"), "06");
	assert_string_equal(ev_places_state(p, "MD"), "24");
	assert_null(ev_places_state(p, "ATLANTIS"));
	f = ev_places_facility(p, "06", "CONTRA COSTA CO. JAIL", "MARTINEZ",
	    &how);
	assert_non_null(f);
	assert_string_equal(f, "06013");
	assert_string_equal(how, "county name in facility name");
	f = ev_places_facility(p, "12", "DADE COUNTY CORRECTIONAL", "MIAMI",
	    &how);
	assert_non_null(f);
	assert_string_equal(f, "12086");
	f = ev_places_facility(p, "29", "ST. LOUIS COUNTY JAIL", "CLAYTON",
	    &how);
	assert_non_null(f);
	assert_string_equal(f, "29189");
	/* Jackson, Mississippi is in Hinds County, not Jackson County. */
	assert_null(ev_places_facility(p, "28", "CITY JAIL", "JACKSON", &how));
	f = ev_places_facility(p, "28", "HINDS CO DETENTION", "JACKSON", &how);
	assert_non_null(f);
	assert_string_equal(f, "28049");
	f = ev_places_facility(p, "24", "CENTRAL BOOKING", "BALTIMORE", &how);
	assert_non_null(f);
	assert_string_equal(f, "24510");
	assert_string_equal(how, "independent city");
	f = ev_places_facility(p, "06", "SFR HOLD ROOM", "SAN FRANCISCO",
	    &how);
	assert_non_null(f);
	assert_string_equal(f, "06075");
	assert_string_equal(how, "consolidated city-county");
	assert_null(ev_places_facility(p, "06", "SANTA CLARA CO MAIN JAIL/",
	    "SAN JOSE", &how));
	assert_int_equal(ev_places_find(p, "06013") >= 0, 1);
	assert_int_equal(ev_places_find(p, "99999"), -1);
	ev_places_free(p);
	store_close(s);
}

/* n rows; row bad_at (1-based data row) gets a bad issued_date. */
static void
write_detainers(const char *path, int n, int bad_at, int dup_at, bool gz)
{
	char line[256];
	gzFile g = NULL;
	FILE *f = NULL;

	if (gz)
		g = gzopen(path, "wb");
	else
		f = fopen(path, "w");
	assert_true(g != NULL || f != NULL);
	for (int i = 0; i <= n; i++) {
		if (i == 0)
			snprintf(line, sizeof(line),
			    "detainer_id,issued_date,facility,"
			    "facility_county_fips,outcome,outcome_date,"
			    "gender\n");
		else
			snprintf(line, sizeof(line),
			    "D%05d,%s,\"JAIL, %s\",%s,%s,%s,%s\n",
			    i == dup_at ? 1 : i,
			    i == bad_at ? "2014-02-30" :
			    i % 2 ? "2014-03-05" : "2015-01-20",
			    i % 3 ? "MAIN" : "WEST",
			    i % 4 ? "06013" : i % 8 ? "" : "99999",
			    i % 5 == 0 ? "Detainer Declined by LEA" :
			    i % 5 == 1 ? "" : "Removed",
			    i % 5 == 1 ? "" : "2015-02-01",
			    i % 2 ? "M" : "F");
		if (gz)
			assert_true(gzputs(g, line) > 0);
		else
			assert_true(fputs(line, f) >= 0);
	}
	if (gz)
		assert_int_equal(gzclose(g), Z_OK);
	else
		assert_int_equal(fclose(f), 0);
}

struct sums {
	int64_t issued, declined, other; /* per facility rows */
	int nrows;
	int64_t total_issued, total_declined; /* facility "" rows */
};

/* The year figures of the detainer records, as the views read them. */
static void
sum_year(void *ctx, const struct ev_figure *f)
{
	struct sums *s = ctx;

	if (strlen(f->period) != 4)
		return;
	if (f->facility[0] == '\0') {
		s->total_issued += f->issued;
		s->total_declined += f->declined;
		return;
	}
	s->issued += f->issued;
	s->declined += f->declined;
	s->other += f->other;
	s->nrows++;
}

/* Stored summary rows of the detainer records other than facility
 * months: there are none, the rest is added up when read. */
static int
not_a_facility_month(void *ctx, const struct store_ev_count *c)
{
	if (strcmp(c->source, "detainers") == 0 &&
	    (c->facility[0] == '\0' || strlen(c->period) != 7))
		(*(int *)ctx)++;
	return 0;
}

static void
report_sums(struct store *s, const char *jurisdiction, struct sums *sm)
{
	struct ev_report *r = NULL;
	int others = 0;

	memset(sm, 0, sizeof(*sm));
	assert_int_equal(ev_report_load(s, jurisdiction, NULL, NULL, &r, NULL),
	    AT_OK);
	(void)ev_report_each(r, 0, sum_year, sm);
	ev_report_free(r);
	assert_int_equal(store_ev_summary_each(s, jurisdiction,
	    not_a_facility_month, &others), AT_OK);
	assert_int_equal(others, 0);
}

static int64_t
count_of(struct store *s, enum store_ev_table t)
{
	int64_t n = -1;

	assert_int_equal(store_ev_count_rows(s, t, &n), AT_OK);
	return n;
}

static void
test_detainer_import_is_all_or_nothing(void **state)
{
	struct store *s = places_db();
	struct ev_import_opts o;
	struct ev_import_stats st;
	struct at_diag d;
	int64_t audit0 = 0, audit1 = 0;
	struct sums sm;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(store_audit_count(s, &audit0), AT_OK);
	write_detainers(csvpath, 400, 251, 0, false);
	at_diag_clear(&d);
	assert_int_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_EINVAL);
	assert_int_equal(d.line, 252); /* the header is line 1 */
	assert_string_equal(d.field, "issued_date");
	assert_string_equal(d.file, csvpath);
	assert_int_equal(count_of(s, STORE_EV_DETAINERS), 0);
	assert_int_equal(count_of(s, STORE_EV_SUMMARY), 0);
	assert_int_equal(store_audit_count(s, &audit1), AT_OK);
	assert_int_equal(audit1, audit0);

	write_detainers(csvpath, 400, 0, 0, false);
	at_diag_clear(&d);
	assert_int_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_OK);
	assert_int_equal(st.rows, 400);
	assert_int_equal(st.loaded, 400);
	/* Rows i % 8 == 4 have no code, i % 8 == 0 an unknown one. */
	assert_int_equal(st.unmatched, 100);
	assert_int_equal(st.nsamples, EV_SAMPLES);
	assert_int_equal(strlen(st.sha256), 64);
	assert_int_equal(count_of(s, STORE_EV_DETAINERS), 400);
	assert_int_equal(store_audit_count(s, &audit1), AT_OK);
	assert_int_equal(audit1, audit0 + 1);
	report_sums(s, "06013", &sm);
	assert_int_equal(sm.issued, 300);
	assert_int_equal(sm.declined, 60); /* i % 5 == 0 among i % 4 != 0 */
	assert_int_equal(sm.other, 180);
	/* 2 facilities x 2 years */
	assert_int_equal(sm.nrows, 4);
	/* And the county's totals over its facilities. */
	assert_int_equal(sm.total_issued, 300);
	assert_int_equal(sm.total_declined, 60);
	/* Loading the same file again is refused, naming the first row. */
	at_diag_clear(&d);
	assert_int_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_CONFLICT);
	assert_int_equal(d.line, 2);
	assert_string_equal(d.field, "detainer_id");
	assert_int_equal(count_of(s, STORE_EV_DETAINERS), 400);
	store_close(s);
}

static void
test_reject_file_takes_bad_rows_and_the_rest_load(void **state)
{
	struct store *s = places_db();
	struct ev_import_opts o;
	struct ev_import_stats st;
	struct at_diag d;
	struct sums sm;
	char buf[4096];
	FILE *f;
	size_t n;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.reject_path = rejpath;
	write_detainers(csvpath, 100, 10, 20, true); /* gzip */
	at_diag_clear(&d);
	assert_int_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_OK);
	assert_int_equal(st.rows, 100);
	assert_int_equal(st.loaded, 98);
	assert_int_equal(st.rejected, 2);
	assert_int_equal(count_of(s, STORE_EV_DETAINERS), 98);
	f = fopen(rejpath, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "\n11,issued_date,"));
	assert_non_null(strstr(buf, "\n21,detainer_id,"));
	/* The refused duplicate is not counted in the summary. */
	report_sums(s, "06013", &sm);
	assert_int_equal(sm.issued, 74); /* 75 rows with 06013, one bad */
	assert_int_equal(sm.total_issued, 74);
	store_close(s);
}

static void
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void
test_errors_name_the_line_a_record_starts_on(void **state)
{
	struct store *s = places_db();
	struct ev_import_opts o;
	struct ev_import_stats st;
	struct at_diag d;

	(void)state;
	memset(&o, 0, sizeof(o));
	/* A byte order mark, CRLF endings and a quoted field over two
	 * lines (kept in extra); the bad date is on line 5. */
	write_text(csvpath,
	    "\xEF\xBB\xBF" "detainer_id,issued_date,facility,"
	    "facility_county_fips,outcome,outcome_date,note\r\n"
	    "A1,2014-01-02,JAIL,06013,Removed,,\"TWO\r\nLINES\"\r\n"
	    "A2,2014-01-03,JAIL,06013,,,\r\n"
	    "A3,2014-01-32,JAIL,06013,,,\r\n");
	at_diag_clear(&d);
	assert_int_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_EINVAL);
	assert_int_equal(d.line, 5);
	assert_string_equal(d.field, "issued_date");
	/* Unbalanced quotes are malformed CSV, named at their record. */
	write_text(csvpath,
	    "detainer_id,issued_date,facility,facility_county_fips,outcome,"
	    "outcome_date\nA1,2014-01-02,\"JAIL,06013,Removed,\n");
	at_diag_clear(&d);
	assert_int_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_EINVAL);
	assert_int_equal(d.line, 2);
	assert_non_null(strstr(d.msg, "malformed CSV"));
	assert_int_equal(count_of(s, STORE_EV_DETAINERS), 0);
	store_close(s);
}

static void
test_truncated_gzip_is_refused(void **state)
{
	struct store *s = places_db();
	struct ev_import_opts o;
	struct ev_import_stats st;
	struct at_diag d;
	FILE *f;
	long size;

	(void)state;
	memset(&o, 0, sizeof(o));
	write_detainers(csvpath, 3000, 0, 0, true);
	f = fopen(csvpath, "r+");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(truncate(csvpath, size / 2), 0);
	at_diag_clear(&d);
	assert_int_not_equal(ev_import(s, EV_DETAINERS, csvpath, &o, &st, &d),
	    AT_OK);
	assert_int_equal(count_of(s, STORE_EV_DETAINERS), 0);
	store_close(s);
}

static void
test_svg_text_is_escaped(void **state)
{
	struct buf b;
	const char *labels[] = { "\"><script>x</script>", "2015" };
	double v[] = { 3, 5 };
	struct ev_series ser[] = { { "a & <b>", "#000", v } };
	struct ev_chart c = { "<title>'t'", labels, 2, ser, 1, 0, 0, 400,
		200 };

	(void)state;
	buf_init(&b, 1 << 20);
	ev_chart_bars(&b, &c);
	ev_chart_lines(&b, &c);
	assert_null(strstr(buf_str(&b), "<script"));
	assert_null(strstr(buf_str(&b), "<title>'"));
	assert_null(strstr(buf_str(&b), "<b>"));
	assert_non_null(strstr(buf_str(&b), "&lt;script&gt;"));
	assert_non_null(strstr(buf_str(&b), "a &amp; &lt;b&gt;"));
	assert_non_null(strstr(buf_str(&b), "&#39;t&#39;"));
	buf_fini(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_folds_case_punctuation_and_saint),
		cmocka_unit_test_setup_teardown(
		    test_facilities_match_by_county_name_not_by_city_name,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_detainer_import_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_reject_file_takes_bad_rows_and_the_rest_load, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_errors_name_the_line_a_record_starts_on, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_truncated_gzip_is_refused,
		    setup, teardown),
		cmocka_unit_test(test_svg_text_is_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
