/* SPDX-License-Identifier: ISC */
/*
 * attest evidence JURISDICTION: the detainer figures (issued, declined,
 * other outcomes, declined share) per year, month and facility, and the
 * USAspending awards of one jurisdiction, with each source's known gaps;
 * as text, JSON or CSV, and as SVG charts with --svg FILE.  With
 * --records, the detainer records themselves, a page at a time (all of
 * them, page by page, for CSV without --limit).
 *
 * attest import detainers|usaspending|ice-aggregates FILE: the bulk
 * importers of src/evidence (cmd_import hands these kinds over).
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/parse.h"
#include "evidence/evidence.h"
#include "store/store.h"

bool
cmd_import_is_evidence(const struct cli_ctx *ctx)
{
	enum ev_kind k;

	for (int i = 0; i < ctx->argc; i++) {
		const char *a = ctx->argv[i];

		if (a[0] == '-') {
			/* Options of import that take a separate value. */
			if ((strcmp(a, "--actor") == 0 ||
				strcmp(a, "--reject-file") == 0) &&
			    i + 1 < ctx->argc)
				i++;
			continue;
		}
		return ev_kind_lookup(a, &k) == AT_OK;
	}
	return false;
}

static const char *const import_help[EV__MAX] = {
	[EV_DETAINERS] = "\n\nOne row per detainer.  The header names at "
			 "least detainer_id, issued_date,\nfacility, "
			 "facility_county_fips, outcome, outcome_date, in any "
			 "order;\nother columns are kept as they come.  "
			 "facility_county and facility_state\nplace a row "
			 "whose code is empty.",
	[EV_ICE] = "\n\nThe ICE aggregate detainer tables (NPR's exports of "
		   "the FOIA release):\nyear,count  year,lift_reason,count  "
		   "year,detainer_type,count\nyear_month,count  "
		   "year,det_facility,city,state,declined_count\n"
		   "det_facility,year,other_outcome_count.  Load the "
		   "declined table before\nthe other-outcome one.",
	[EV_USASPENDING] = "\n\nUSAspending assistance transactions as "
			   "downloaded (award_id_fain,\n"
			   "federal_action_obligation, action_date, "
			   "assistance_listing_number,\nrecipient_name, "
			   "recipient_uei, place of performance codes, ...); "
			   "summed\nto awards by FAIN.",
};

int
cmd_import_evidence(struct cli_ctx *ctx)
{
	bool dry_run = false, quiet = false;
	const char *actor = NULL, *reject = NULL;
	const struct cli_opt opts[] = {
		{ "dry-run", NULL, &dry_run, "check every row, change nothing" },
		{ "reject-file", &reject, NULL,
		    "write bad rows (with line and reason) here and load "
		    "the rest" },
		{ "quiet", NULL, &quiet, "no progress bar" },
		{ "actor", &actor, NULL,
		    "name recorded in the audit log (default: $USER)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	enum ev_kind kind = EV_DETAINERS;
	struct store *s = NULL;
	struct ev_import_opts o;
	struct ev_import_stats st;
	struct at_diag d;
	enum at_err er;
	char synopsis[1024];

	for (int i = 0; i < ctx->argc; i++)
		if (ev_kind_lookup(ctx->argv[i], &kind) == AT_OK)
			break;
	(void)snprintf(synopsis, sizeof(synopsis),
	    "%s FILE[.gz] [--reject-file FILE] [--dry-run]%s",
	    ev_kind_name(kind), import_help[kind]);
	if (cli_parse(ctx, opts, synopsis, pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2) {
		cli_err(ctx, "usage: attest import %s FILE (see --help)",
		    ev_kind_name(kind));
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	store_set_actor(s, cli_actor(actor));
	memset(&o, 0, sizeof(o));
	o.reject_path = reject;
	o.dry_run = dry_run;
	o.progress = !quiet && isatty(STDERR_FILENO);
	at_diag_clear(&d);
	er = ev_import(s, kind, pos[1], &o, &st, &d);
	store_close(s);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		fprintf(stderr, "attest import: nothing was imported\n");
		return cli_exit_for(er);
	}
	printf("%s %lld rows of %s from %s (%lld rows read, %lld rejected, "
	       "%.1f s, %.0f rows/s)\n",
	    dry_run ? "would import" : "imported", (long long)st.loaded,
	    st.table, pos[1], (long long)st.rows, (long long)st.rejected,
	    st.seconds, st.seconds > 0 ? (double)st.rows / st.seconds : 0.0);
	printf("sha256 %s\n", st.sha256);
	if (st.unmatched > 0) {
		printf("%lld rows matched no jurisdiction (kept, under none); "
		       "for example:\n",
		    (long long)st.unmatched);
		for (int i = 0; i < st.nsamples; i++)
			printf("  %s\n", st.samples[i]);
	}
	if (st.rejected > 0)
		printf("%lld bad rows written to %s\n", (long long)st.rejected,
		    reject);
	return CLI_OK;
}

/* The options of --records, borrowed from the command line; NULL when
 * not given. */
struct records_args {
	const char *from, *to, *limit, *after, *before;
};

/*
 * --records: one page (text, JSON, or CSV with --limit or --before), or
 * every page as CSV, each written out before the next is read, so
 * memory stays that of one page however many records the county has.
 */
static int
evidence_records(struct cli_ctx *ctx, const char *jurisdiction,
    const struct records_args *a, enum ev_format f)
{
	const char *limit = a->limit;
	struct store *s = NULL;
	struct ev_records_query q;
	struct ev_records_links l;
	struct at_diag d;
	struct buf b;
	int64_t n = 0;
	bool all = f == EV_CSV && limit == NULL && a->before == NULL;
	enum at_err er;
	int rc;

	at_diag_clear(&d);
	if (limit != NULL && parse_i64(limit, strlen(limit), 1,
	    EV_RECORDS_LIMIT_MAX, &n) != AT_OK)
		er = at_diag_set(&d, AT_EINVAL, "limit",
		    "\"%.20s\" is not a whole number from 1 to %d", limit,
		    EV_RECORDS_LIMIT_MAX);
	else
		er = ev_records_query_init(&q, jurisdiction, a->from, a->to,
		    all ? EV_RECORDS_LIMIT_MAX : n, a->after, a->before, &d);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return cli_exit_for(er);
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	buf_init(&b, (size_t)64 << 20);
	for (bool first = true;; first = false) {
		buf_reset(&b);
		er = ev_records_write(s, &q, f, first, &b, &l, &d);
		if (er != AT_OK)
			break;
		if (fwrite(buf_str(&b), 1, buf_len(&b), stdout) !=
		    buf_len(&b))
			break;
		if (!all || l.next[0] == '\0')
			break;
	}
	store_close(s);
	buf_fini(&b);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return cli_exit_for(er);
	}
	/* The ways on from a page shown alone, back then forward: after
	 * a table, or on stderr beside CSV (JSON carries them inside). */
	if (!all && f != EV_JSON) {
		FILE *o = f == EV_TEXT ? stdout : stderr;
		const char *lead = f == EV_TEXT ? "more:" :
		    "attest evidence: more records:";

		if (l.prev[0] != '\0')
			fprintf(o, "%s --before %s\n", lead, l.prev);
		if (l.next[0] != '\0')
			fprintf(o, "%s --after %s\n", lead, l.next);
	}
	if (fflush(stdout) != 0) {
		cli_err(ctx, "cannot write the records");
		return CLI_STORAGE;
	}
	return CLI_OK;
}

int
cmd_evidence(struct cli_ctx *ctx)
{
	bool json = false, csv = false, records = false;
	const char *from = NULL, *to = NULL, *svg = NULL, *limit = NULL,
		   *after = NULL, *before = NULL;
	const struct cli_opt opts[] = {
		{ "from", &from, NULL, "first year or month (YYYY or YYYY-MM); "
		    "with --records the first day (YYYY-MM-DD)" },
		{ "to", &to, NULL, "last year or month (YYYY or YYYY-MM); "
		    "with --records the last day (YYYY-MM-DD)" },
		{ "json", NULL, &json, "JSON instead of text" },
		{ "csv", NULL, &csv, "CSV instead of text" },
		{ "svg", &svg, NULL, "also write the charts to FILE (SVG)" },
		{ "records", NULL, &records, "the detainer records themselves, "
		    "by day issued, instead of the figures" },
		{ "limit", &limit, NULL, "with --records: records per page "
		    "(default 100, at most 1000; CSV without it: all)" },
		{ "after", &after, NULL, "with --records: the page after "
		    "this cursor (a page's \"next\")" },
		{ "before", &before, NULL, "with --records: the page before "
		    "this cursor (a page's \"prev\"; not with --after)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct ev_report *r = NULL;
	struct at_diag d;
	struct buf b;
	enum at_err er;

	if (cli_parse(ctx, opts, "JURISDICTION [--from YYYY[-MM]] "
			       "[--to YYYY[-MM]] [--json|--csv] [--svg FILE]\n"
			       "       attest evidence JURISDICTION --records "
			       "[--from DAY] [--to DAY] [--limit N]\n"
			       "           [--after CURSOR | --before CURSOR] "
			       "[--json|--csv]\n\n"
			       "JURISDICTION is a FIPS code (e.g. 06013).  "
			       "--records lists the detainer records\n"
			       "placed in its county in order of the day "
			       "issued; a page ends with the cursor\n"
			       "of the page after it (\"next\" in JSON) and "
			       "begins with that of the page before\n"
			       "it (\"prev\").",
		pos, 1, &npos, &rc) != 0)
		return rc;
	if (npos != 1 || (json && csv) || (records && svg != NULL) ||
	    (!records && (limit != NULL || after != NULL || before != NULL))) {
		cli_err(ctx, "usage: attest evidence JURISDICTION "
			     "[--records] [--json|--csv] (see --help)");
		return CLI_USAGE;
	}
	if (records)
		return evidence_records(ctx, pos[0],
		    &(const struct records_args){ from, to, limit, after,
			before },
		    json ? EV_JSON : csv ? EV_CSV : EV_TEXT);
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	at_diag_clear(&d);
	er = ev_report_load(s, pos[0], from, to, &r, &d);
	store_close(s);
	if (er != AT_OK) {
		cli_err_diag(ctx, &d, er);
		return cli_exit_for(er);
	}
	buf_init(&b, (size_t)256 << 20);
	ev_report_write(r, json ? EV_JSON : csv ? EV_CSV : EV_TEXT, &b);
	fwrite(buf_str(&b), 1, buf_len(&b), stdout);
	rc = CLI_OK;
	if (svg != NULL) {
		FILE *f;

		buf_reset(&b);
		ev_report_svg(r, &b);
		f = fopen(svg, "w");
		if (f == NULL || fwrite(buf_str(&b), 1, buf_len(&b), f) !=
			buf_len(&b)) {
			cli_err(ctx, "cannot write %s", svg);
			rc = CLI_STORAGE;
		}
		if (f != NULL && fclose(f) != 0 && rc == CLI_OK) {
			cli_err(ctx, "cannot write %s", svg);
			rc = CLI_STORAGE;
		}
	}
	buf_fini(&b);
	ev_report_free(r);
	return rc;
}
