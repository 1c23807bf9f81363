/* SPDX-License-Identifier: ISC */
/*
 * attest certify: record a recipient's certification (or other
 * response) to a notice, with its signer, the signer's authority, the
 * conditions it claims and attached files; attest certify show ID.
 *
 * Attached files are read whole (at most CASES_DOC_MAX bytes), their
 * type is sniffed from their bytes and their SHA-256 recorded; the
 * bytes themselves are not kept.  On time or late is computed against
 * the due date of the notice's case; whether the certification carries
 * what its conditions need is computed by cases_certification_complete.
 * Both are stored and printed; neither refuses the submission, since a
 * late or incomplete certification is still a fact of the record.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "cli/records_out.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_cases.h"

struct doc {
	const char *path;
	const char *role;
	char *bytes;
	size_t len;
	const char *type;
	char sha[CASES_SHA256_HEX];
};

static enum at_err
read_doc(struct doc *x, struct at_diag *d)
{
	FILE *f = fopen(x->path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return at_diag_set(d, AT_IO, x->role, "cannot open %s: %s",
		    x->path, strerror(errno));
	buf_init(&b, CASES_DOC_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(&b, chunk, n);
		if (buf_err(&b) != AT_OK)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		buf_fini(&b);
		return at_diag_set(
		    d, AT_IO, x->role, "cannot read %s", x->path);
	}
	fclose(f);
	if (buf_err(&b) != AT_OK) {
		buf_fini(&b);
		return at_diag_set(d, AT_LIMIT, x->role,
		    "%s is larger than the limit of %u bytes", x->path,
		    CASES_DOC_MAX);
	}
	/* buf_detach never returns NULL: an empty file gives "". */
	x->bytes = buf_detach(&b, &x->len);
	x->type = cases_sniff_type((const unsigned char *)x->bytes, x->len);
	cases_sha256_hex(x->bytes, x->len, x->sha);
	return AT_OK;
}

/* The base name of a path, for the record. */
static const char *
base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

/* Types that can carry a written legal opinion. */
static bool
is_document(const char *type)
{
	if (type == NULL)
		return false;
	return strcmp(type, "application/pdf") == 0 ||
	    strcmp(type, "text/plain") == 0 ||
	    strcmp(type, "application/rtf") == 0 ||
	    strcmp(type, "application/zip") == 0 ||
	    strcmp(type, "text/html") == 0;
}

static int
show_doc(void *ctx, const struct store_document *d)
{
	(void)ctx;
	printf("  %-14s %s  %lld bytes  %s  sha256 %s\n", d->role, d->name,
	    (long long)d->size, d->type, d->sha256);
	return 0;
}

static int
certify_show(struct cli_ctx *ctx, const char *id)
{
	struct store *s = NULL;
	struct model_record *r = NULL;
	struct store_cert_check c;
	enum at_err er;
	int rc;

	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	er = store_record_get(s, KIND_CERTIFICATION, id, &r);
	if (er != AT_OK) {
		cli_err(ctx,
		    er == AT_NOTFOUND ? "no certification \"%s\"" : "%s",
		    er == AT_NOTFOUND ? id : at_strerror(er));
		store_close(s);
		return cli_exit_for(er);
	}
	out_fields(stdout, r);
	memset(&c, 0, sizeof(c));
	if (store_cert_check_get(s, id, &c) == AT_OK) {
		if (c.on_time < 0)
			printf("\ntimeliness: no due date\n");
		else if (c.on_time)
			printf("\ntimeliness: on time (due %s)\n", c.due_date);
		else
			printf("\ntimeliness: LATE by %lld days (due %s)\n",
			    (long long)c.days_late, c.due_date);
		printf("complete: %s%s%s\n", c.complete ? "yes" : "NO",
		    c.reason != NULL ? ": " : "",
		    c.reason != NULL ? c.reason : "");
		store_cert_check_fini(&c);
	}
	printf("documents:\n");
	(void)store_document_each(s, id, show_doc, NULL);
	model_record_free(r);
	store_close(s);
	return CLI_OK;
}

int
cmd_certify(struct cli_ctx *ctx)
{
	const char *id = NULL, *notice = NULL, *jur = NULL, *agency = NULL,
	           *conds = NULL, *date = NULL, *signer = NULL, *title = NULL,
	           *authority = NULL, *opinion = NULL, *certificate = NULL,
	           *attach = NULL, *summary = NULL, *source = NULL, *as = NULL;
	const struct cli_opt opts[] = {
		{ "id", &id, NULL, "certification id (required)" },
		{ "notice", &notice, NULL, "the notice it answers" },
		{ "jurisdiction", &jur, NULL,
		    "FIPS code (default: the "
		    "notice's)" },
		{ "agency", &agency, NULL, "submitting agency id" },
		{ "conditions", &conds, NULL,
		    "condition ids it certifies "
		    "(default: the notice's)" },
		{ "date", &date, NULL, "date submitted (default today)" },
		{ "signer", &signer, NULL, "who signed" },
		{ "signer-title", &title, NULL, "the signer's title" },
		{ "authority", &authority, NULL,
		    "legal_counsel, "
		    "chief_legal_officer, executive, other or unknown" },
		{ "opinion", &opinion, NULL, "file: the legal opinion" },
		{ "certificate", &certificate, NULL,
		    "file: the signed "
		    "certification" },
		{ "attach", &attach, NULL, "file: any other attachment" },
		{ "summary", &summary, NULL, "summary" },
		{ "source", &source, NULL, "where the fact comes from" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *r = NULL, *nrec = NULL;
	struct doc docs[3];
	size_t ndocs = 0;
	struct at_diag d;
	struct at_date day;
	char day_text[AT_DATE_LEN], src[256], why[1024], reason[1400];
	struct cases_claim claims[16];
	size_t nclaims = 0;
	struct cases_submission sub;
	struct store_case c;
	struct store_cert_check chk;
	bool complete, has_opinion = false;
	char opinion_note[256];
	enum at_err er = AT_OK;

	if (ctx->argc > 0 && strcmp(ctx->argv[0], "show") == 0) {
		if (ctx->argc != 2) {
			cli_err(ctx, "usage: attest certify show ID");
			return CLI_USAGE;
		}
		return certify_show(ctx, ctx->argv[1]);
	}
	if (cli_parse(ctx, opts,
	        "--id ID --notice NOTICE --signer NAME "
	        "--authority A [--opinion FILE] [options] | show ID",
	        pos, 0, &npos, &rc) != 0)
		return rc;
	if (id == NULL || (notice == NULL && jur == NULL)) {
		cli_err(ctx,
		    "certify needs --id and --notice (or "
		    "--jurisdiction)");
		return CLI_USAGE;
	}
	rc = cases_cli_date(ctx, "date", date, &day);
	if (rc != 0)
		return rc;
	at_date_format(day, day_text);
	at_diag_clear(&d);
	memset(docs, 0, sizeof(docs));
	memset(&c, 0, sizeof(c));
	memset(&chk, 0, sizeof(chk));
	opinion_note[0] = '\0';
	{
		const char *paths[3] = { opinion, certificate, attach };
		const char *roles[3] = { "legal_opinion", "certification",
			"attachment" };

		for (size_t i = 0; i < 3; i++) {
			if (paths[i] == NULL)
				continue;
			docs[ndocs].path = paths[i];
			docs[ndocs].role = roles[i];
			er = read_doc(&docs[ndocs], &d);
			if (er != AT_OK)
				goto fail;
			ndocs++;
		}
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0) {
		for (size_t i = 0; i < ndocs; i++)
			free(docs[i].bytes);
		return rc;
	}
	(void)cases_cli_actor(s, as);
	if (notice != NULL) {
		er = store_record_get(s, KIND_NOTICE, notice, &nrec);
		if (er == AT_NOTFOUND)
			er = at_diag_set(&d, AT_EINVAL, "notice",
			    "unknown notice \"%s\"", notice);
		if (er != AT_OK)
			goto fail;
		if (jur == NULL)
			jur = cases_cli_get(nrec, "jurisdiction");
		if (conds == NULL)
			conds = cases_cli_get(nrec, "conditions");
	}
	if (source == NULL) {
		(void)snprintf(
		    src, sizeof(src), "attest certify by %s", cli_actor(as));
		source = src;
	}
	for (size_t i = 0; i < ndocs; i++)
		if (strcmp(docs[i].role, "legal_opinion") == 0) {
			if (is_document(docs[i].type))
				has_opinion = true;
			else
				(void)snprintf(opinion_note,
				    sizeof(opinion_note),
				    "the file given as the legal opinion (%s) "
				    "is %s, not a document",
				    base(docs[i].path), docs[i].type);
		}
	r = model_record_new(KIND_CERTIFICATION);
	er = cases_cli_set(r, "id", id, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "jurisdiction", jur, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "agency", agency, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "notice", notice, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "conditions", conds, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "date", day_text, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "signer", signer, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "signer_title", title, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "authority",
		    authority != NULL ? authority : "unknown", &d);
	if (er == AT_OK)
		er = cases_cli_set(
		    r, "has_legal_opinion", has_opinion ? "yes" : "no", &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "summary", summary, &d);
	if (er == AT_OK)
		er = cases_cli_set(r, "source", source, &d);
	if (er == AT_OK)
		er = model_record_validate(r, store_exists_cb, s, &d);
	if (er != AT_OK)
		goto fail;
	/* What each claimed condition needs. */
	for (const char *p = conds; p != NULL && *p != '\0' &&
	     nclaims < sizeof(claims) / sizeof(claims[0]);) {
		size_t n = strcspn(p, ";");
		char cid[80];
		struct model_record *cr = NULL;

		(void)snprintf(cid, sizeof(cid), "%.*s", (int)n, p);
		if (store_record_get(s, KIND_CONDITION, cid, &cr) == AT_OK) {
			const char *ev = cases_cli_get(cr, "evidence");

			claims[nclaims].condition = xstrdup(cid);
			claims[nclaims].evidence =
			    ev != NULL ? xstrdup(ev) : NULL;
			nclaims++;
			model_record_free(cr);
		}
		p += n;
		if (*p == ';')
			p++;
	}
	sub.authority = cases_cli_get(r, "authority");
	sub.has_opinion = has_opinion;
	sub.claims = claims;
	sub.nclaims = nclaims;
	complete = cases_certification_complete(&sub, why, sizeof(why));
	if (!complete && opinion_note[0] != '\0') {
		size_t l = strlen(why);

		(void)snprintf(why + l, sizeof(why) - l, " (%s)", opinion_note);
	}
	chk.certification = id;
	chk.notice = notice;
	chk.on_time = -1;
	chk.complete = complete;
	chk.reason = complete ? NULL : why;
	if (notice != NULL && store_case_get(s, notice, &c) == AT_OK &&
	    c.due_date != NULL) {
		struct at_date due;

		if (at_date_parse_str(c.due_date, &due) == AT_OK) {
			int64_t late = cases_days_overdue(due, day);

			chk.due_date = c.due_date;
			chk.on_time = late > 0 ? 0 : 1;
			chk.days_late = late;
		}
	}
	if (chk.on_time < 0)
		(void)snprintf(reason, sizeof(reason), "no due date");
	else if (chk.on_time)
		(void)snprintf(
		    reason, sizeof(reason), "on time (due %s)", chk.due_date);
	else
		(void)snprintf(reason, sizeof(reason),
		    "LATE by %lld days (due %s)", (long long)chk.days_late,
		    chk.due_date);
	if (!complete) {
		size_t l = strlen(reason);

		(void)snprintf(
		    reason + l, sizeof(reason) - l, "; INCOMPLETE: %s", why);
	}
	er = store_begin(s);
	if (er == AT_OK)
		er = store_record_insert(s, r, &d);
	for (size_t i = 0; er == AT_OK && i < ndocs; i++) {
		struct store_document sd;

		sd.certification = id;
		sd.role = docs[i].role;
		sd.name = base(docs[i].path);
		sd.size = (int64_t)docs[i].len;
		sd.type = docs[i].type;
		sd.sha256 = docs[i].sha;
		er = store_document_insert(s, &sd);
	}
	if (er == AT_OK)
		er = store_cert_check_insert(s, &chk);
	if (er == AT_OK && notice != NULL)
		er = cases_cli_step(s, notice, CASES_EV_RECEIVE, day_text, NULL,
		    NULL, NULL, reason, id, NULL, &d);
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		goto fail;
	printf("received %s from %s on %s: %s\n", id, jur, day_text, reason);
	for (size_t i = 0; i < ndocs; i++)
		printf("  %s %s: %zu bytes, %s, sha256 %s\n", docs[i].role,
		    base(docs[i].path), docs[i].len, docs[i].type, docs[i].sha);
	goto out;
fail:
	rc = cases_cli_fail(ctx, s, er, &d);
	s = NULL;
out:
	for (size_t i = 0; i < nclaims; i++) {
		free((void *)(uintptr_t)claims[i].condition);
		free((void *)(uintptr_t)claims[i].evidence);
	}
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i].bytes);
	store_case_fini(&c);
	model_record_free(r);
	model_record_free(nrec);
	if (s != NULL)
		store_close(s);
	return er == AT_OK ? CLI_OK : rc;
}
