/* SPDX-License-Identifier: ISC */
/*
 * A notice as a letter (casework_letter.h): the fields from the store,
 * the template from the data directory, the outputs through render/,
 * and the letters table.  Writing files is the caller's business: the
 * command line writes them, the web site sends them.
 */
#include "casework/casework_letter.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cases/cases.h"
#include "casework/casework_common.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/parse.h"
#include "render/render.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "store/store_users.h"

static const char *const format_names[CASEWORK_LETTER__MAX] = { "text",
	"html", "pdf" };

const char *
casework_letter_format_name(enum casework_letter_format f)
{
	if ((int)f < 0 || f >= CASEWORK_LETTER__MAX)
		abort();
	return format_names[f];
}

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

/* "April 21, 2017" from "2017-04-21" into out[n]; anything that is not
 * a date is copied as is, NULL gives "". */
static void
date_long(const char *iso, char *out, size_t n)
{
	static const char *const months[12] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	struct at_date d;

	if (iso == NULL || at_date_parse_str(iso, &d) != AT_OK) {
		(void)snprintf(out, n, "%s", iso != NULL ? iso : "");
		return;
	}
	(void)snprintf(out, n, "%s %d, %d", months[d.month - 1], d.day, d.year);
}

static void
set(struct render_fields *f, const char *k, const char *v)
{
	render_fields_set(f, k, v != NULL ? v : "");
}

enum at_err
casework_letter_gather(struct store *s, const struct model_record *n,
    struct render_fields *f,
    struct at_diag *d)
{
	struct model_record *j = NULL, *ag = NULL, *prev = NULL, *chain[8];
	size_t nchain = 0;
	struct store_case c;
	const char *awards = casework_get(n, "awards");
	const char *conds = casework_get(n, "conditions");
	const char *sender = casework_get(n, "sender");
	const char *agency = casework_get(n, "agency");
	char tmp[512], first_award_agency[80];
	struct buf list;
	size_t nawards = 0;

	(void)d;
	/* A notice that names no award or agency (a clearance, a finding)
	 * takes them from the notice it answers, and so on up. */
	chain[0] = NULL;
	for (const struct model_record *cur = n;
	     (awards == NULL || agency == NULL) && nchain < 8 &&
	     casework_get(cur, "in_reply_to") != NULL;
	     cur = chain[nchain - 1]) {
		if (store_record_get(s, KIND_NOTICE,
		        casework_get(cur, "in_reply_to"),
		        &chain[nchain]) != AT_OK)
			break;
		nchain++;
		if (awards == NULL)
			awards = casework_get(chain[nchain - 1], "awards");
		if (agency == NULL)
			agency = casework_get(chain[nchain - 1], "agency");
	}
	memset(&c, 0, sizeof(c));
	first_award_agency[0] = '\0';
	buf_init(&list, 64 * 1024);
	set(f, "notice_id", model_record_id(n));
	set(f, "kind", casework_get(n, "kind"));
	set(f, "date", casework_get(n, "date"));
	date_long(casework_get(n, "date"), tmp, sizeof(tmp));
	set(f, "date_long", tmp);
	set(f, "summary", casework_get(n, "summary"));
	set(f, "jurisdiction_id", casework_get(n, "jurisdiction"));
	if (store_record_get(s, KIND_JURISDICTION,
	        casework_get(n, "jurisdiction"), &j) == AT_OK)
		set(f, "jurisdiction_name", casework_get(j, "name"));
	else
		set(f, "jurisdiction_name", casework_get(n, "jurisdiction"));
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
			const char *amt = casework_get(a, "amount");
			char money[64];

			if (amt != NULL) {
				int64_t cents = 0;

				(void)parse_cents(amt, strlen(amt), &cents);
				cases_money_format(cents, money, sizeof(money));
			} else
				(void)snprintf(money, sizeof(money), "unknown");
			render_fields_item_set(f, "awards", i, "program",
			    casework_get(a, "program"));
			render_fields_item_set(f, "awards", i, "fiscal_year",
			    casework_get(a, "fiscal_year"));
			render_fields_item_set(f, "awards", i, "amount", money);
			if (first_award_agency[0] == '\0' &&
			    casework_get(a, "agency") != NULL)
				(void)snprintf(first_award_agency,
				    sizeof(first_award_agency), "%s",
				    casework_get(a, "agency"));
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
		const char *on = casework_get(ag, "officer_name");
		const char *ot = casework_get(ag, "officer_title");

		set(f, "agency_name", casework_get(ag, "name"));
		set(f, "officer_name", on);
		set(f, "officer_title", ot);
		(void)snprintf(tmp, sizeof(tmp), "%s",
		    on != NULL       ? on
		        : ot != NULL ? ot
		                     : "Sir or Madam");
		set(f, "salutation", tmp);
	} else {
		set(f, "agency_name",
		    j != NULL ? casework_get(j, "name")
		              : casework_get(n, "jurisdiction"));
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
			const char *num = casework_get(cr, "number");

			render_fields_item_set(f, "conditions", i, "number",
			    num != NULL ? num : id);
			render_fields_item_set(f, "conditions", i, "title",
			    casework_get(cr, "title"));
			render_fields_item_set(f, "conditions", i, "text",
			    casework_get(cr, "text"));
			(void)snprintf(tmp, sizeof(tmp), "FY%s",
			    casework_get(cr, "fiscal_year"));
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
	if (casework_get(n, "in_reply_to") != NULL &&
	    store_record_get(s, KIND_NOTICE, casework_get(n, "in_reply_to"),
	        &prev) == AT_OK) {
		date_long(
		    casework_get(prev, "date"), tmp, sizeof(tmp));
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
		set(f, "due_date", casework_get(n, "due_date"));
		set(f, "due_rule", casework_get(n, "due_rule"));
		set(f, "due_derivation", casework_get(n, "due_rule"));
	}
	date_long(
	    c.due_date != NULL ? c.due_date : casework_get(n, "due_date"), tmp,
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

enum at_err
casework_letter_open(struct store *s, const char *data_dir, const char *id,
    const char *tmpl_path, struct casework_letter *out, struct at_diag *d)
{
	struct casework_letter l;
	struct render_fields *f = NULL;
	struct buf tb;
	char path[4096];
	const char *tmpl = tmpl_path, *b;
	enum at_err er;

	memset(&l, 0, sizeof(l));
	memset(out, 0, sizeof(*out));
	buf_init(&tb, RENDER_TEMPLATE_MAX + 1);
	er = store_record_get(s, KIND_NOTICE, id, &l.notice);
	if (er == AT_NOTFOUND)
		er = at_diag_set(d, AT_NOTFOUND, "notice", "no notice \"%s\"",
		    id);
	if (er != AT_OK)
		goto fail;
	if (tmpl == NULL) {
		struct stat sb;
		int rc;

		rc = snprintf(path, sizeof(path), "%s/templates/%s.tmpl",
		    data_dir, casework_get(l.notice, "kind"));
		if (rc < 0 || (size_t)rc >= sizeof(path) ||
		    stat(path, &sb) != 0)
			(void)snprintf(path, sizeof(path),
			    "%s/templates/notice.tmpl", data_dir);
		tmpl = path;
	}
	b = strrchr(tmpl, '/');
	if (snprintf(l.template, sizeof(l.template), "%s",
		b != NULL ? b + 1 : tmpl) >= (int)sizeof(l.template))
		l.template[sizeof(l.template) - 1] = '\0';
	er = read_all(tmpl, &tb, d);
	if (er != AT_OK)
		goto fail;
	f = render_fields_new();
	er = casework_letter_gather(s, l.notice, f, d);
	if (er == AT_OK)
		er = render_letter_fill(l.template, buf_str(&tb), buf_len(&tb),
		    f, &l.doc, d);
	if (er != AT_OK)
		goto fail;
	*out = l;
	render_fields_free(f);
	buf_fini(&tb);
	return AT_OK;
fail:
	render_fields_free(f);
	buf_fini(&tb);
	casework_letter_fini(&l);
	return er;
}

void
casework_letter_fini(struct casework_letter *l)
{
	if (l == NULL)
		return;
	render_doc_free(l->doc);
	model_record_free(l->notice);
	memset(l, 0, sizeof(*l));
}

enum at_err
casework_letter_render(const struct casework_letter *l,
    enum casework_letter_format fmt, struct buf *out, struct at_diag *d)
{
	enum at_err er = AT_OK;

	switch (fmt) {
	case CASEWORK_LETTER_TEXT:
		render_letter_text(l->doc, out);
		break;
	case CASEWORK_LETTER_HTML:
		render_letter_html(l->doc, out);
		break;
	case CASEWORK_LETTER_PDF:
		er = render_letter_pdf(l->doc, casework_get(l->notice, "date"),
		    out, d);
		break;
	default:
		abort();
	}
	if (er == AT_OK && buf_err(out) != AT_OK)
		er = at_diag_set(d, AT_LIMIT, casework_letter_format_name(fmt),
		    "the letter is too large");
	return er;
}

enum at_err
casework_letter_record(struct store *s, const struct casework_letter *l,
    const struct casework_letter_out *outs, size_t n, const char *when,
    struct at_diag *d)
{
	enum at_err er;

	er = store_begin(s);
	for (size_t i = 0; er == AT_OK && i < n; i++) {
		struct store_letter sl;

		memset(&sl, 0, sizeof(sl));
		sl.notice = model_record_id(l->notice);
		sl.format = casework_letter_format_name(outs[i].format);
		sl.template = l->template;
		sl.size = (int64_t)outs[i].size;
		sl.sha256 = outs[i].sha;
		sl.rendered = when;
		er = store_letter_insert(s, &sl);
	}
	if (er == AT_OK)
		er = store_commit(s);
	if (er != AT_OK) {
		store_rollback(s);
		if (d != NULL && d->msg[0] == '\0')
			(void)at_diag_set(d, er, "letters",
			    "the letter could not be recorded: %s",
			    at_strerror(er));
	}
	return er;
}

bool
casework_letter_visible(const struct user *u, const struct model_record *n)
{
	const char *conf, *jur;

	switch (u->role) {
	case ROLE_REVIEWER:
	case ROLE_APPROVER:
	case ROLE_ADMIN:
		return true;
	case ROLE_RECIPIENT:
		jur = casework_get(n, "jurisdiction");
		return jur != NULL && u->jurisdiction[0] != '\0' &&
		    strcmp(jur, u->jurisdiction) == 0;
	case ROLE_PUBLIC:
		conf = casework_get(n, "confidence");
		return conf != NULL && strcmp(conf, "verified") == 0;
	default:
		abort();
	}
}

void
casework_letter_filename(const char *id, enum casework_letter_format f,
    char *out, size_t n)
{
	static const char *const ext[CASEWORK_LETTER__MAX] = { "txt", "html",
		"pdf" };
	size_t j = 0;

	if (n == 0)
		return;
	if ((int)f < 0 || f >= CASEWORK_LETTER__MAX)
		abort();
	for (const char *p = "letter-"; *p != '\0' && j + 1 < n; p++)
		out[j++] = *p;
	/* At most 100 bytes of the id, so the extension always fits. */
	for (size_t i = 0; i < 100 && id[i] != '\0' && j + 6 < n; i++) {
		unsigned char c = (unsigned char)id[i];
		bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';

		out[j++] = keep ? (char)c : '_';
	}
	if (j + 1 < n)
		out[j++] = '.';
	for (const char *p = ext[f]; *p != '\0' && j + 1 < n; p++)
		out[j++] = *p;
	out[j] = '\0';
}
