/* SPDX-License-Identifier: ISC */
/*
 * attest evidence JURISDICTION: the detainer figures (issued, declined,
 * other outcomes, declined share) per year, month and facility, and the
 * USAspending awards of one jurisdiction, with each source's known gaps;
 * as text, JSON or CSV, and as SVG charts with --svg FILE.
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

int
cmd_evidence(struct cli_ctx *ctx)
{
	bool json = false, csv = false;
	const char *from = NULL, *to = NULL, *svg = NULL;
	const struct cli_opt opts[] = {
		{ "from", &from, NULL, "first year or month (YYYY or YYYY-MM)" },
		{ "to", &to, NULL, "last year or month (YYYY or YYYY-MM)" },
		{ "json", NULL, &json, "JSON instead of text" },
		{ "csv", NULL, &csv, "CSV instead of text" },
		{ "svg", &svg, NULL, "also write the charts to FILE (SVG)" },
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
			       "[--to YYYY[-MM]] [--json|--csv] [--svg FILE]\n\n"
			       "JURISDICTION is a FIPS code (e.g. 06013).",
		pos, 1, &npos, &rc) != 0)
		return rc;
	if (npos != 1 || (json && csv)) {
		cli_err(ctx, "usage: attest evidence JURISDICTION "
			     "[--json|--csv] (see --help)");
		return CLI_USAGE;
	}
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
