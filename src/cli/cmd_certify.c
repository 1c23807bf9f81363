/* SPDX-License-Identifier: ISC */
/*
 * attest certify: record a recipient's certification (or other
 * response) to a notice, with its signer, the signer's authority, the
 * conditions it claims and attached files; attest certify show ID.
 *
 * The intake itself (checks, on time or late, complete or not, the
 * documents' types, hashes and bytes, the case step and the audit) is
 * casework/casework_certify.h's, shared with the web portal; this file
 * reads the files named, passes them on and prints.  Late or
 * incomplete certifications are stored and flagged, not refused.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_certify.h"
#include "cli/cases_cli.h"
#include "cli/records_out.h"
#include "core/buf.h"
#include "store/store.h"
#include "store/store_cases.h"

/* Read path whole into *out (owned); one byte past CASES_DOC_MAX is
 * read so the intake can refuse a file that is too large. */
static enum at_err
read_doc(const char *path, const char *role, char **out, size_t *len,
    struct at_diag *d)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return at_diag_set(d, AT_IO, role, "cannot open %s: %s", path,
		    strerror(errno));
	buf_init(&b, CASES_DOC_MAX + 1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_len(&b) + n > CASES_DOC_MAX + 1)
			n = CASES_DOC_MAX + 1 - buf_len(&b);
		buf_append(&b, chunk, n);
		if (buf_len(&b) > CASES_DOC_MAX)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		buf_fini(&b);
		return at_diag_set(d, AT_IO, role, "cannot read %s", path);
	}
	fclose(f);
	/* buf_detach never returns NULL: an empty file gives "". */
	*out = buf_detach(&b, len);
	return AT_OK;
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
	struct casework_doc docs[CASEWORK_DOCS_MAX];
	char *bytes[CASEWORK_DOCS_MAX] = { NULL, NULL, NULL };
	size_t ndocs = 0;
	struct casework_cert c;
	struct casework_cert_result res;
	struct at_diag d;
	struct at_date day;
	char day_text[AT_DATE_LEN], src[256];
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
	{
		const char *files[CASEWORK_DOCS_MAX] = { opinion, certificate,
			attach };
		const char *roles[CASEWORK_DOCS_MAX] = { "legal_opinion",
			"certification", "attachment" };

		for (size_t i = 0; i < CASEWORK_DOCS_MAX; i++) {
			if (files[i] == NULL)
				continue;
			er = read_doc(files[i], roles[i], &bytes[ndocs],
			    &docs[ndocs].len, &d);
			if (er != AT_OK)
				goto fail;
			docs[ndocs].role = roles[i];
			docs[ndocs].name = files[i];
			docs[ndocs].bytes = bytes[ndocs];
			ndocs++;
		}
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		goto out;
	(void)cases_cli_actor(s, as);
	if (source == NULL) {
		(void)snprintf(
		    src, sizeof(src), "attest certify by %s", cli_actor(as));
		source = src;
	}
	memset(&c, 0, sizeof(c));
	c.id = id;
	c.notice = notice;
	c.jurisdiction = jur;
	c.agency = agency;
	c.conditions = conds;
	c.date = day_text;
	c.signer = signer;
	c.signer_title = title;
	c.authority = authority;
	c.summary = summary;
	c.source = source;
	c.docs = docs;
	c.ndocs = ndocs;
	er = casework_certify(s, &c, &res, &d);
	if (er != AT_OK)
		goto fail;
	printf("received %s from %s on %s: %s\n", id, res.jurisdiction,
	    day_text, res.summary);
	for (size_t i = 0; i < res.ndocs; i++)
		printf("  %s %s: %zu bytes, %s, sha256 %s\n", docs[i].role,
		    res.docs[i].name, res.docs[i].len, res.docs[i].type,
		    res.docs[i].sha);
	rc = CLI_OK;
	goto out;
fail:
	rc = cases_cli_fail(ctx, s, er, &d);
	s = NULL;
out:
	for (size_t i = 0; i < CASEWORK_DOCS_MAX; i++)
		free(bytes[i]);
	if (s != NULL)
		store_close(s);
	return rc;
}
