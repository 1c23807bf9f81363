/* SPDX-License-Identifier: ISC */
/*
 * attest letter render NOTICE_ID [--pdf FILE] [--html FILE] [--text FILE]
 * [--template FILE]: a notice as a letter.
 *
 * The fields come from the notice, its recipient jurisdiction and
 * agency, its awards and conditions, the notice it answers and the due
 * date of its case; the template is templates/<kind>.tmpl (notice.tmpl
 * for other kinds).  Every file written is recorded in the letters table
 * with its SHA-256, and the audit entry carries the hash too, so a
 * letter a recipient holds can be matched to the record.  Without an
 * output option the text goes to stdout and nothing is recorded.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "core/buf.h"
#include "core/parse.h"
#include "render/render.h"
#include "store/store.h"
#include "store/store_cases.h"

#define OUT_MAX (32u * 1024u * 1024u)

static enum at_err
read_all(const char *path, struct buf *b, struct at_diag *d)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return at_diag_set(d, AT_IO, "template", "cannot open %s: %s",
		    path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	if (buf_err(b) != AT_OK)
		return at_diag_set(
		    d, AT_LIMIT, "template", "%s is too large", path);
	return AT_OK;
}

/* Write bytes to path through a temporary file and a rename. */
static enum at_err
write_file(const char *path, const char *p, size_t len, struct at_diag *d)
{
	char tmp[4096];
	FILE *f;
	int rc;

	rc = snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (rc < 0 || (size_t)rc >= sizeof(tmp))
		return at_diag_set(d, AT_EINVAL, "file", "path too long");
	f = fopen(tmp, "wb");
	if (f == NULL)
		return at_diag_set(d, AT_IO, "file", "cannot write %s: %s", tmp,
		    strerror(errno));
	if (fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		(void)remove(tmp);
		return at_diag_set(d, AT_IO, "file", "cannot write %s", tmp);
	}
	if (rename(tmp, path) != 0) {
		(void)remove(tmp);
		return at_diag_set(d, AT_IO, "file", "cannot rename to %s: %s",
		    path, strerror(errno));
	}
	return AT_OK;
}

static void
set(struct render_fields *f, const char *k, const char *v)
{
	render_fields_set(f, k, v != NULL ? v : "");
}

/* Gather the letter's fields from the store. */
static enum at_err
gather(struct store *s, const struct model_record *n, struct render_fields *f,
    struct at_diag *d)
{
	struct model_record *j = NULL, *ag = NULL, *prev = NULL, *chain[8];
	size_t nchain = 0;
	struct store_case c;
	const char *awards = cases_cli_get(n, "awards");
	const char *conds = cases_cli_get(n, "conditions");
	const char *sender = cases_cli_get(n, "sender");
	const char *agency = cases_cli_get(n, "agency");
	char tmp[512], first_award_agency[80];
	struct buf list;
	size_t nawards = 0;

	(void)d;
	/* A notice that names no award or agency (a clearance, a finding)
	 * takes them from the notice it answers, and so on up. */
	chain[0] = NULL;
	for (const struct model_record *cur = n;
	     (awards == NULL || agency == NULL) && nchain < 8 &&
	     cases_cli_get(cur, "in_reply_to") != NULL;
	     cur = chain[nchain - 1]) {
		if (store_record_get(s, KIND_NOTICE,
		        cases_cli_get(cur, "in_reply_to"),
		        &chain[nchain]) != AT_OK)
			break;
		nchain++;
		if (awards == NULL)
			awards = cases_cli_get(chain[nchain - 1], "awards");
		if (agency == NULL)
			agency = cases_cli_get(chain[nchain - 1], "agency");
	}
	memset(&c, 0, sizeof(c));
	first_award_agency[0] = '\0';
	buf_init(&list, 64 * 1024);
	set(f, "notice_id", model_record_id(n));
	set(f, "kind", cases_cli_get(n, "kind"));
	set(f, "date", cases_cli_get(n, "date"));
	cases_cli_date_long(cases_cli_get(n, "date"), tmp, sizeof(tmp));
	set(f, "date_long", tmp);
	set(f, "summary", cases_cli_get(n, "summary"));
	set(f, "jurisdiction_id", cases_cli_get(n, "jurisdiction"));
	if (store_record_get(s, KIND_JURISDICTION,
	        cases_cli_get(n, "jurisdiction"), &j) == AT_OK)
		set(f, "jurisdiction_name", cases_cli_get(j, "name"));
	else
		set(f, "jurisdiction_name", cases_cli_get(n, "jurisdiction"));
	/* awards: the list and the joined numbers */
	for (const char *p = awards; p != NULL && *p != '\0';) {
		size_t len = strcspn(p, ";");
		char id[80];
		struct model_record *a = NULL;
		size_t i = render_fields_item_add(f, "awards");

		(void)snprintf(id, sizeof(id), "%.*s", (int)len, p);
		render_fields_item_set(f, "awards", i, "award", id);
		if (nawards++ > 0)
			buf_puts(&list, ", ");
		buf_puts(&list, id);
		if (store_record_get(s, KIND_AWARD, id, &a) == AT_OK) {
			const char *amt = cases_cli_get(a, "amount");
			char money[64];

			if (amt != NULL) {
				int64_t cents = 0;

				(void)parse_cents(amt, strlen(amt), &cents);
				cases_money_format(cents, money, sizeof(money));
			} else
				(void)snprintf(money, sizeof(money), "unknown");
			render_fields_item_set(f, "awards", i, "program",
			    cases_cli_get(a, "program"));
			render_fields_item_set(f, "awards", i, "fiscal_year",
			    cases_cli_get(a, "fiscal_year"));
			render_fields_item_set(f, "awards", i, "amount", money);
			if (first_award_agency[0] == '\0' &&
			    cases_cli_get(a, "agency") != NULL)
				(void)snprintf(first_award_agency,
				    sizeof(first_award_agency), "%s",
				    cases_cli_get(a, "agency"));
			model_record_free(a);
		}
		p += len;
		if (*p == ';')
			p++;
	}
	set(f, "awards", nawards > 0 ? buf_str(&list) : "(no award named)");
	set(f, "awards_label", nawards > 1 ? "Awards" : "Award");
	/* the recipient agency: the notice's, else the first award's */
	if (agency == NULL && first_award_agency[0] != '\0')
		agency = first_award_agency;
	if (agency != NULL &&
	    store_record_get(s, KIND_AGENCY, agency, &ag) == AT_OK) {
		const char *on = cases_cli_get(ag, "officer_name");
		const char *ot = cases_cli_get(ag, "officer_title");

		set(f, "agency_name", cases_cli_get(ag, "name"));
		set(f, "officer_name", on);
		set(f, "officer_title", ot);
		(void)snprintf(tmp, sizeof(tmp), "%s",
		    on != NULL       ? on
		        : ot != NULL ? ot
		                     : "Sir or Madam");
		set(f, "salutation", tmp);
	} else {
		set(f, "agency_name",
		    j != NULL ? cases_cli_get(j, "name")
		              : cases_cli_get(n, "jurisdiction"));
		set(f, "officer_name", NULL);
		set(f, "officer_title", NULL);
		set(f, "salutation", "Sir or Madam");
	}
	/* conditions */
	for (const char *p = conds; p != NULL && *p != '\0';) {
		size_t len = strcspn(p, ";");
		char id[80];
		struct model_record *cr = NULL;
		size_t i = render_fields_item_add(f, "conditions");

		(void)snprintf(id, sizeof(id), "%.*s", (int)len, p);
		render_fields_item_set(f, "conditions", i, "id", id);
		if (store_record_get(s, KIND_CONDITION, id, &cr) == AT_OK) {
			const char *num = cases_cli_get(cr, "number");

			render_fields_item_set(f, "conditions", i, "number",
			    num != NULL ? num : id);
			render_fields_item_set(f, "conditions", i, "title",
			    cases_cli_get(cr, "title"));
			render_fields_item_set(f, "conditions", i, "text",
			    cases_cli_get(cr, "text"));
			(void)snprintf(tmp, sizeof(tmp), "FY%s",
			    cases_cli_get(cr, "fiscal_year"));
			render_fields_item_set(
			    f, "conditions", i, "fiscal_year", tmp);
			model_record_free(cr);
		} else {
			render_fields_item_set(
			    f, "conditions", i, "number", id);
			render_fields_item_set(f, "conditions", i, "title", "");
			render_fields_item_set(f, "conditions", i, "text", "");
			render_fields_item_set(
			    f, "conditions", i, "fiscal_year", "");
		}
		p += len;
		if (*p == ';')
			p++;
	}
	/* sender: "Name, Title" */
	if (sender != NULL && strchr(sender, ',') != NULL) {
		size_t k = (size_t)(strchr(sender, ',') - sender);
		const char *t = sender + k + 1;

		while (*t == ' ')
			t++;
		(void)snprintf(tmp, sizeof(tmp), "%.*s", (int)k, sender);
		set(f, "sender_name", tmp);
		set(f, "sender_title", t);
	} else {
		set(f, "sender_name", sender);
		set(f, "sender_title", NULL);
	}
	/* the notice it answers */
	if (cases_cli_get(n, "in_reply_to") != NULL &&
	    store_record_get(s, KIND_NOTICE, cases_cli_get(n, "in_reply_to"),
	        &prev) == AT_OK) {
		cases_cli_date_long(
		    cases_cli_get(prev, "date"), tmp, sizeof(tmp));
		set(f, "in_reply_to_date", tmp);
	} else
		set(f, "in_reply_to_date", "an earlier date");
	/* due date: the case's (it may have been extended) */
	if (store_case_get(s, model_record_id(n), &c) == AT_OK &&
	    c.due_date != NULL) {
		set(f, "due_date", c.due_date);
		set(f, "due_rule", c.due_rule);
		set(f, "due_derivation", c.derivation);
	} else {
		set(f, "due_date", cases_cli_get(n, "due_date"));
		set(f, "due_rule", cases_cli_get(n, "due_rule"));
		set(f, "due_derivation", cases_cli_get(n, "due_rule"));
	}
	cases_cli_date_long(
	    c.due_date != NULL ? c.due_date : cases_cli_get(n, "due_date"), tmp,
	    sizeof(tmp));
	set(f, "due_date_long", tmp);
	store_case_fini(&c);
	buf_fini(&list);
	model_record_free(j);
	model_record_free(ag);
	model_record_free(prev);
	for (size_t i = 0; i < nchain; i++)
		model_record_free(chain[i]);
	return AT_OK;
}

struct output {
	const char *path;
	const char *format;
	struct buf bytes;
	char sha[CASES_SHA256_HEX];
};

int
cmd_letter(struct cli_ctx *ctx)
{
	const char *pdf = NULL, *html = NULL, *text = NULL, *tmpl = NULL,
	           *as = NULL;
	const struct cli_opt opts[] = {
		{ "pdf", &pdf, NULL, "write the letter as PDF to FILE" },
		{ "html", &html, NULL, "write it as HTML to FILE" },
		{ "text", &text, NULL, "write it as plain text to FILE" },
		{ "template", &tmpl, NULL,
		    "template file (default "
		    "templates/KIND.tmpl)" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *n = NULL;
	struct render_fields *f = NULL;
	struct render_doc *doc = NULL;
	struct output outs[3];
	size_t nouts = 0;
	struct buf tb;
	struct at_diag d;
	char path[4096], tname[256], when[32];
	enum at_err er = AT_OK;

	buf_init(&tb, RENDER_TEMPLATE_MAX + 1);
	memset(outs, 0, sizeof(outs));
	if (cli_parse(ctx, opts,
	        "render NOTICE_ID [--pdf FILE] [--html FILE] "
	        "[--text FILE] [--template FILE]",
	        pos, 2, &npos, &rc) != 0)
		return rc;
	if (npos != 2 || strcmp(pos[0], "render") != 0) {
		cli_err(ctx,
		    "usage: attest letter render NOTICE_ID [--pdf "
		    "FILE] [--html FILE] [--text FILE]");
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	(void)cases_cli_actor(s, as);
	at_diag_clear(&d);
	er = store_record_get(s, KIND_NOTICE, pos[1], &n);
	if (er == AT_NOTFOUND)
		er = at_diag_set(
		    &d, AT_NOTFOUND, "notice", "no notice \"%s\"", pos[1]);
	if (er != AT_OK)
		goto fail;
	if (tmpl == NULL) {
		struct stat sb;

		rc = snprintf(path, sizeof(path), "%s/templates/%s.tmpl",
		    cli_data_dir(), cases_cli_get(n, "kind"));
		if (rc < 0 || (size_t)rc >= sizeof(path) ||
		    stat(path, &sb) != 0)
			(void)snprintf(path, sizeof(path),
			    "%s/templates/notice.tmpl", cli_data_dir());
		tmpl = path;
	}
	{
		const char *b = strrchr(tmpl, '/');

		if (snprintf(tname, sizeof(tname), "%s",
		        b != NULL ? b + 1 : tmpl) >= (int)sizeof(tname))
			tname[sizeof(tname) - 1] = '\0';
	}
	er = read_all(tmpl, &tb, &d);
	if (er != AT_OK)
		goto fail;
	f = render_fields_new();
	er = gather(s, n, f, &d);
	if (er == AT_OK)
		er = render_letter_fill(
		    tname, buf_str(&tb), buf_len(&tb), f, &doc, &d);
	if (er != AT_OK)
		goto fail;
	if (pdf == NULL && html == NULL && text == NULL) {
		struct buf o;

		buf_init(&o, OUT_MAX);
		render_letter_text(doc, &o);
		fwrite(buf_str(&o), 1, buf_len(&o), stdout);
		buf_fini(&o);
		goto done;
	}
	if (text != NULL) {
		outs[nouts].path = text;
		outs[nouts].format = "text";
		buf_init(&outs[nouts].bytes, OUT_MAX);
		render_letter_text(doc, &outs[nouts].bytes);
		nouts++;
	}
	if (html != NULL) {
		outs[nouts].path = html;
		outs[nouts].format = "html";
		buf_init(&outs[nouts].bytes, OUT_MAX);
		render_letter_html(doc, &outs[nouts].bytes);
		nouts++;
	}
	if (pdf != NULL) {
		outs[nouts].path = pdf;
		outs[nouts].format = "pdf";
		buf_init(&outs[nouts].bytes, OUT_MAX);
		er = render_letter_pdf(
		    doc, cases_cli_get(n, "date"), &outs[nouts].bytes, &d);
		render_pdf_cleanup();
		nouts++;
		if (er != AT_OK)
			goto fail;
	}
	for (size_t i = 0; i < nouts; i++) {
		if (buf_err(&outs[i].bytes) != AT_OK) {
			er = at_diag_set(&d, AT_LIMIT, outs[i].format,
			    "the letter is too large");
			goto fail;
		}
		cases_sha256_hex(buf_str(&outs[i].bytes),
		    buf_len(&outs[i].bytes), outs[i].sha);
		er = write_file(outs[i].path, buf_str(&outs[i].bytes),
		    buf_len(&outs[i].bytes), &d);
		if (er != AT_OK)
			goto fail;
	}
	{
		time_t now = time(NULL);
		struct tm tm;

		if (gmtime_r(&now, &tm) == NULL ||
		    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) ==
		        0)
			(void)snprintf(when, sizeof(when), "unknown");
	}
	er = store_begin(s);
	for (size_t i = 0; er == AT_OK && i < nouts; i++) {
		struct store_letter l;

		l.notice = pos[1];
		l.format = outs[i].format;
		l.template = tname;
		l.size = (int64_t)buf_len(&outs[i].bytes);
		l.sha256 = outs[i].sha;
		l.rendered = when;
		er = store_letter_insert(s, &l);
	}
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK)
		goto fail;
	for (size_t i = 0; i < nouts; i++)
		printf("wrote %s (%s, %zu bytes, sha256 %s)\n", outs[i].path,
		    outs[i].format, buf_len(&outs[i].bytes), outs[i].sha);
done:
	for (size_t i = 0; i < 3; i++)
		buf_fini(&outs[i].bytes);
	buf_fini(&tb);
	render_doc_free(doc);
	render_fields_free(f);
	model_record_free(n);
	store_close(s);
	return CLI_OK;
fail:
	for (size_t i = 0; i < 3; i++)
		buf_fini(&outs[i].bytes);
	buf_fini(&tb);
	render_doc_free(doc);
	render_fields_free(f);
	model_record_free(n);
	return cases_cli_fail(ctx, s, er, &d);
}
