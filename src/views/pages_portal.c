/* SPDX-License-Identifier: ISC */
/*
 * A recipient's portal: its jurisdiction's notices with their deadlines
 * and letters, the certifications it made (with their documents), and
 * the form that submits a certification with its documents as
 * multipart/form-data.  The intake is casework_certify's, shared with
 * `attest certify` and the API; a refusal changes nothing and says why.
 * Also the download of a certification's kept documents, for staff and
 * the certifying recipient.  Every byte of data goes out through
 * html_text or an attribute, never as markup.
 */
#include "views/views.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_certify.h"
#include "casework/casework_common.h"
#include "casework/casework_letter.h"
#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "views/html.h"
#include "views/pages_int.h"

static_assert(WEB_FILE_MAX == CASES_DOC_MAX,
    "an upload holds one document of the largest size kept");

/* The form's file parts and the roles of the documents they carry. */
static const struct {
	const char *field, *role, *label;
} parts[WEB_FILES_MAX] = {
	{ "opinion", "legal_opinion", "Legal opinion" },
	{ "certificate", "certification", "Signed certification" },
	{ "attachment", "attachment", "Other attachment" },
};

static bool
is_staff(const struct user *u)
{
	return u->role == ROLE_REVIEWER || u->role == ROLE_APPROVER ||
	    u->role == ROLE_ADMIN;
}

/* ---- documents ---- */

struct doc_find {
	int64_t want, seen;
	bool found;
	struct web_doc *out;
};

static int
doc_find(void *ctx, const struct store_document *d)
{
	struct doc_find *f = ctx;

	if (++f->seen != f->want)
		return 0;
	f->found = true;
	(void)snprintf(f->out->name, sizeof(f->out->name), "%s", d->name);
	(void)snprintf(f->out->type, sizeof(f->out->type), "%s", d->type);
	(void)snprintf(f->out->sha, sizeof(f->out->sha), "%s", d->sha256);
	return 1;
}

enum at_err
web_document_get(struct web_req *r, const char *cert, const char *n,
    struct web_doc *out)
{
	struct model_record *c = NULL;
	struct doc_find f;
	const char *jur;
	int64_t want;
	enum at_err er;

	memset(out, 0, sizeof(*out));
	if (parse_i64(n, strlen(n), 1, 1000, &want) != AT_OK)
		return AT_NOTFOUND;
	er = store_record_get(r->store, KIND_CERTIFICATION, cert, &c);
	if (er != AT_OK)
		return er;
	jur = casework_get(c, "jurisdiction");
	if (!is_staff(&r->user) && !(r->user.role == ROLE_RECIPIENT &&
	    jur != NULL && strcmp(jur, r->user.jurisdiction) == 0)) {
		model_record_free(c);
		return AT_DENIED;
	}
	model_record_free(c);
	memset(&f, 0, sizeof(f));
	f.want = want;
	f.out = out;
	er = store_document_each(r->store, cert, doc_find, &f);
	if (er != AT_OK)
		return er;
	if (!f.found)
		return AT_NOTFOUND;
	return store_document_bytes_get(r->store, out->sha, &out->bytes,
	    &out->len);
}

void
page_document(struct web_req *r, struct web_resp *w)
{
	struct web_doc doc;
	enum at_err er;

	er = web_document_get(r, r->seg[0], r->seg[1], &doc);
	switch (er) {
	case AT_OK:
		break;
	case AT_DENIED:
		page_error(r, w, 403, "This document is not yours to read");
		return;
	case AT_NOTFOUND:
		page_error(r, w, 404, "No such document, or its bytes were "
		    "not kept");
		return;
	case AT_TAMPER:
		page_error(r, w, 500, "The kept bytes do not match the "
		    "document's SHA-256");
		return;
	default:
		page_error(r, w, 500, "The database could not be read");
		return;
	}
	buf_reset(&w->body);
	buf_append(&w->body, doc.bytes, doc.len);
	w->status = 200;
	/* Always a download, never shown by the browser as a page of this
	 * site: what a recipient uploads is not ours to run. */
	w->ctype = "application/octet-stream";
	web_attachment(w, doc.name);
	free(doc.bytes);
}

struct doc_links {
	struct html *h;
	const char *cert;
	int64_t n;
};

static int
doc_link(void *ctx, const struct store_document *d)
{
	struct doc_links *dl = ctx;
	struct buf u;
	char num[24];

	dl->n++;
	(void)snprintf(num, sizeof(num), "%lld", (long long)dl->n);
	buf_init(&u, 512);
	web_link(&u, PAGE_DOCUMENT, dl->cert, num);
	html_open(dl->h, HE_LI, "class", "document", NULL);
	html_text(dl->h, d->role);
	HTML_RAW(dl->h, ": ");
	html_open(dl->h, HE_A, "href", buf_str(&u), NULL);
	html_text(dl->h, d->name);
	html_close(dl->h);
	HTML_RAW(dl->h, " (");
	html_text(dl->h, d->type);
	HTML_RAW(dl->h, ", ");
	html_int(dl->h, d->size);
	HTML_RAW(dl->h, " bytes, SHA-256 ");
	html_open(dl->h, HE_CODE, "class", "sha256", NULL);
	html_text(dl->h, d->sha256);
	html_close(dl->h);
	HTML_RAW(dl->h, ")");
	html_close(dl->h);
	buf_fini(&u);
	return 0;
}

void
cert_received(struct html *h, const struct web_req *r,
    const struct model_record *c)
{
	const char *jur = casework_get(c, "jurisdiction");
	struct store_cert_check chk;
	struct doc_links dl;

	if (!is_staff(&r->user) && !(r->user.role == ROLE_RECIPIENT &&
	    jur != NULL && strcmp(jur, r->user.jurisdiction) == 0))
		return;
	memset(&chk, 0, sizeof(chk));
	if (store_cert_check_get(r->store, model_record_id(c), &chk) ==
	    AT_OK) {
		html_open(h, HE_SPAN, "class", "check", NULL);
		HTML_RAW(h, " \xe2\x80\x94 received ");
		if (chk.on_time < 0)
			HTML_RAW(h, "(no due date)");
		else if (chk.on_time)
			HTML_RAW(h, "on time");
		else {
			HTML_RAW(h, "LATE by ");
			html_int(h, chk.days_late);
			HTML_RAW(h, " days");
		}
		if (chk.complete)
			HTML_RAW(h, ", complete");
		else {
			HTML_RAW(h, ", INCOMPLETE: ");
			html_text(h, chk.reason);
		}
		html_close(h);
		store_cert_check_fini(&chk);
	}
	dl.h = h;
	dl.cert = model_record_id(c);
	dl.n = 0;
	html_open(h, HE_UL, "class", "documents", NULL);
	(void)store_document_each(r->store, model_record_id(c), doc_link,
	    &dl);
	html_close(h);
}

/* ---- receiving a certification ---- */

int
web_certify_status(enum at_err er)
{
	switch (er) {
	case AT_OK:
		return 201;
	case AT_EINVAL:
		return 400;
	case AT_DENIED:
		return 403;
	case AT_NOTFOUND:
		return 404;
	case AT_CONFLICT:
		return 409;
	case AT_LIMIT:
		return 413;
	default:
		return 500;
	}
}

enum at_err
web_certify(struct web_req *r, const char *via,
    struct casework_cert_result *res, char *id, size_t idn,
    struct at_diag *d)
{
	struct casework_doc docs[WEB_FILES_MAX];
	struct casework_cert c;
	char day[AT_DATE_LEN], source[300];
	size_t ndocs = 0;

	if (idn > 0)
		id[0] = '\0';
	if (r->user.role != ROLE_RECIPIENT || r->user.jurisdiction[0] == '\0')
		return at_diag_set(d, AT_DENIED, "user",
		    "only a recipient bound to a jurisdiction certifies here");
	for (size_t i = 0; i < r->nfiles; i++) {
		const struct web_file *f = &r->files[i];
		size_t k;

		/* A file input left empty still sends an empty part. */
		if (f->filename[0] == '\0' && f->len == 0)
			continue;
		for (k = 0; k < WEB_FILES_MAX; k++)
			if (strcmp(parts[k].field, f->field) == 0)
				break;
		if (k == WEB_FILES_MAX)
			continue;
		if (f->too_large)
			return at_diag_set(d, AT_LIMIT, parts[k].field,
			    "%s is larger than the limit of %u bytes",
			    f->filename, WEB_FILE_MAX);
		docs[ndocs].role = parts[k].role;
		docs[ndocs].name = f->filename;
		docs[ndocs].bytes = f->bytes;
		docs[ndocs].len = f->len;
		ndocs++;
	}
	at_date_format(at_date_today(), day);
	if (snprintf(source, sizeof(source), "%s, user %s", via,
	    r->user.name) < 0)
		source[0] = '\0';
	memset(&c, 0, sizeof(c));
	c.new_id = id;
	c.new_idn = idn;
	c.notice = web_arg(r, "notice");
	c.date = day;
	c.signer = web_arg(r, "signer");
	c.signer_title = web_arg(r, "signer_title");
	c.authority = web_arg(r, "authority");
	c.summary = web_arg(r, "summary");
	c.source = source;
	c.only_jurisdiction = r->user.jurisdiction;
	c.docs = docs;
	c.ndocs = ndocs;
	store_set_actor(r->store, r->user.name);
	return casework_certify(r->store, &c, res, d);
}

/* ---- the portal ---- */

static void
notices_table(struct html *h, struct web_req *r, const struct rec_list *l)
{
	html_open(h, HE_TABLE, NULL);
	html_open(h, HE_THEAD, NULL);
	HTML_RAW(h, "<tr><th scope=\"col\">Notice</th><th scope=\"col\">Kind"
		    "</th><th scope=\"col\">Date</th><th scope=\"col\">Due"
		    "</th><th scope=\"col\">State</th><th scope=\"col\">"
		    "Letter</th></tr>");
	html_close(h);
	html_open(h, HE_TBODY, NULL);
	for (size_t i = 0; i < l->n; i++) {
		const struct model_record *n = l->v[i];
		struct store_case cs;

		memset(&cs, 0, sizeof(cs));
		(void)store_case_get(r->store, model_record_id(n), &cs);
		html_open(h, HE_TR, NULL);
		html_open(h, HE_TD, NULL);
		link_rec(h, KIND_NOTICE, model_record_id(n), NULL);
		html_close(h);
		html_elem_text(h, HE_TD, casework_get(n, "kind"));
		html_elem_text(h, HE_TD, casework_get(n, "date"));
		html_elem_text(h, HE_TD, cs.due_date != NULL ? cs.due_date :
		    casework_get(n, "due_date"));
		html_elem_text(h, HE_TD, cs.state);
		html_open(h, HE_TD, NULL);
		letter_links(h, r, n);
		html_close(h);
		html_close(h);
		store_case_fini(&cs);
	}
	if (l->n == 0)
		HTML_RAW(h, "<tr><td colspan=\"6\">No notices.</td></tr>");
	html_close_to(h, HE_TABLE);
}

static void
text_input(struct html *h, const char *name, const char *label)
{
	html_open(h, HE_LABEL, "for", name, NULL);
	html_text(h, label);
	html_close(h);
	html_open(h, HE_INPUT, "type", "text", "id", name, "name", name,
	    "maxlength", "200", NULL);
}

static void
certify_form(struct html *h, struct web_req *r, const struct rec_list *l)
{
	struct buf u;
	static const char *const auths[] = { "chief_legal_officer",
		"legal_counsel", "executive", "other", "unknown", NULL };

	buf_init(&u, 256);
	web_link(&u, PAGE_PORTAL_CERTIFY, NULL, NULL);
	html_open(h, HE_FORM, "method", "post", "action", buf_str(&u),
	    "enctype", "multipart/form-data", "class", "stack certify", NULL);
	buf_fini(&u);
	layout_csrf(h, r);
	html_open(h, HE_LABEL, "for", "notice", NULL);
	HTML_RAW(h, "Notice answered");
	html_close(h);
	html_open(h, HE_SELECT, "id", "notice", "name", "notice", NULL);
	for (size_t i = 0; i < l->n; i++) {
		html_open(h, HE_OPTION, "value", model_record_id(l->v[i]),
		    NULL);
		html_text(h, model_record_id(l->v[i]));
		HTML_RAW(h, " (");
		html_text(h, casework_get(l->v[i], "kind"));
		HTML_RAW(h, ")");
		html_close(h);
	}
	html_close(h);
	text_input(h, "signer", "Signed by");
	text_input(h, "signer_title", "Signer's title");
	html_open(h, HE_LABEL, "for", "authority", NULL);
	HTML_RAW(h, "Signer's authority");
	html_close(h);
	html_open(h, HE_SELECT, "id", "authority", "name", "authority", NULL);
	for (size_t i = 0; auths[i] != NULL; i++)
		html_elem_text(h, HE_OPTION, auths[i]);
	html_close(h);
	html_open(h, HE_LABEL, "for", "summary", NULL);
	HTML_RAW(h, "What you certify");
	html_close(h);
	html_open(h, HE_TEXTAREA, "id", "summary", "name", "summary", "rows",
	    "4", "maxlength", "4000", NULL);
	html_close(h);
	for (size_t i = 0; i < WEB_FILES_MAX; i++) {
		html_open(h, HE_LABEL, "for", parts[i].field, NULL);
		html_text(h, parts[i].label);
		html_close(h);
		html_open(h, HE_INPUT, "type", "file", "id", parts[i].field,
		    "name", parts[i].field, NULL);
	}
	html_open(h, HE_P, "class", "hint", NULL);
	HTML_RAW(h, "Documents: PDF, text, RTF, Word (.docx), images; at "
		    "most 8 MiB in all. A file whose name says one type and "
		    "whose content is another is refused. FY2016 conditions "
		    "need a legal opinion from counsel; FY2017 conditions a "
		    "certification signed by the chief legal officer.");
	html_close(h);
	html_open(h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(h, "Submit the certification");
	html_close_to(h, HE_FORM);
}

/* The portal, with a problem to show (status set by the caller) or
 * NULL. */
static void
portal(struct web_req *r, struct web_resp *w, const char *problem)
{
	struct model_record *rec = NULL;
	struct rec_list notices = { 0 }, certs = { 0 }, agencies = { 0 },
	    awards = { 0 };
	const char *id = r->user.jurisdiction;
	const char *got = web_arg(r, "received");
	struct html h;
	struct buf u;
	int status = w->status;

	if (store_record_get(r->store, KIND_JURISDICTION, id, &rec) !=
	    AT_OK) {
		page_error(r, w, 404, "Your jurisdiction is not on record");
		return;
	}
	(void)collect(r->store, KIND_NOTICE, "jurisdiction", id, NULL,
	    &notices);
	(void)collect(r->store, KIND_CERTIFICATION, "jurisdiction", id, NULL,
	    &certs);
	(void)collect(r->store, KIND_AGENCY, "jurisdiction", id, NULL,
	    &agencies);
	(void)collect(r->store, KIND_AWARD, "agency", NULL, &agencies,
	    &awards);
	buf_reset(&w->body);
	html_begin(w, &h);
	if (problem != NULL)
		w->status = status;
	layout_begin(&h, r, "My jurisdiction");
	html_open(&h, HE_H1, NULL);
	html_text(&h, model_record_text(rec, 1));
	html_close(&h);
	if (problem != NULL) {
		html_open(&h, HE_P, "class", "problem", "role", "alert", NULL);
		HTML_RAW(&h, "Nothing was stored: ");
		html_text(&h, problem);
		html_close(&h);
	}
	if (problem == NULL && got != NULL) {
		struct model_record *c = NULL;

		if (store_record_get(r->store, KIND_CERTIFICATION, got, &c) ==
		    AT_OK && casework_get(c, "jurisdiction") != NULL &&
		    strcmp(casework_get(c, "jurisdiction"), id) == 0) {
			html_open(&h, HE_DIV, "class", "received", "role",
			    "status", NULL);
			html_open(&h, HE_P, NULL);
			HTML_RAW(&h, "Received certification ");
			html_open(&h, HE_STRONG, NULL);
			html_text(&h, got);
			html_close(&h);
			html_close(&h);
			cert_received(&h, r, c);
			html_close(&h);
		}
		model_record_free(c);
	}
	html_open(&h, HE_P, NULL);
	HTML_RAW(&h, "You are signed in for this jurisdiction only: the "
		     "notices sent to it and their deadlines, what it has "
		     "certified, and its awards. ");
	buf_init(&u, 256);
	web_link(&u, PAGE_JURISDICTION, id, NULL);
	html_open(&h, HE_A, "href", buf_str(&u), NULL);
	HTML_RAW(&h, "Its full record, outcomes and timeline");
	html_close(&h);
	buf_fini(&u);
	HTML_RAW(&h, ".");
	html_close(&h);
	section(&h, "notices", "Notices to answer");
	notices_table(&h, r, &notices);
	html_close_to(&h, HE_SECTION);
	section(&h, "certify", "Submit a certification");
	if (notices.n > 0)
		certify_form(&h, r, &notices);
	else
		HTML_RAW(&h, "<p>No notice to answer.</p>");
	html_close_to(&h, HE_SECTION);
	section(&h, "certifications", "Certifications made");
	rec_table(&h, KIND_CERTIFICATION, certs.v, certs.n, NULL);
	if (certs.n > 0) {
		html_open(&h, HE_UL, "class", "received-list", NULL);
		for (size_t i = 0; i < certs.n; i++) {
			html_open(&h, HE_LI, NULL);
			link_rec(&h, KIND_CERTIFICATION,
			    model_record_id(certs.v[i]), NULL);
			cert_received(&h, r, certs.v[i]);
			html_close(&h);
		}
		html_close(&h);
	}
	html_close_to(&h, HE_SECTION);
	section(&h, "awards", "Awards");
	rec_table(&h, KIND_AWARD, awards.v, awards.n, NULL);
	html_close_to(&h, HE_SECTION);
	layout_end(&h);
	rl_free(&notices);
	rl_free(&certs);
	rl_free(&agencies);
	rl_free(&awards);
	model_record_free(rec);
}

void
page_portal(struct web_req *r, struct web_resp *w)
{
	portal(r, w, NULL);
}

void
page_portal_certify(struct web_req *r, struct web_resp *w)
{
	struct casework_cert_result res;
	struct at_diag d;
	char id[128], msg[700];
	enum at_err er;

	at_diag_clear(&d);
	er = web_certify(r, "web portal", &res, id, sizeof(id), &d);
	if (er == AT_OK) {
		struct buf u;

		buf_init(&u, sizeof(w->location));
		web_link(&u, PAGE_PORTAL, NULL, NULL);
		buf_puts(&u, "?received=");
		url_encode(&u, id);
		w->status = 303;
		if (buf_err(&u) == AT_OK && buf_len(&u) < sizeof(w->location))
			memcpy(w->location, buf_str(&u), buf_len(&u) + 1);
		buf_fini(&u);
		return;
	}
	if (snprintf(msg, sizeof(msg), "%s%s%s", d.field,
	    d.field[0] != '\0' ? ": " : "", d.msg[0] != '\0' ? d.msg :
	    at_strerror(er)) < 0)
		msg[0] = '\0';
	/* The portal again, with the problem, for the same visitor. */
	w->status = web_certify_status(er);
	portal(r, w, msg);
}
