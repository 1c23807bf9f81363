/* SPDX-License-Identifier: ISC */
/*
 * The API's letters and certifications received: a letter as JSON (its
 * text, its PDF's size and SHA-256, links) or as the PDF itself; a
 * certification submitted as multipart/form-data with its documents by
 * a recipient's bearer token; a kept document's bytes.  The work is
 * the web site's (views.h: web_letter_open, web_certify,
 * web_document_get), so the API and the pages cannot answer
 * differently.
 */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/json_out.h"
#include "casework/casework_certify.h"
#include "casework/casework_common.h"
#include "casework/casework_letter.h"
#include "core/buf.h"
#include "model/model.h"
#include "render/render.h"
#include "views/views.h"

static void
letter_error(struct web_resp *w, enum at_err er, const struct at_diag *d)
{
	if (er == AT_NOTFOUND)
		api_error(w, 404, "not_found", "no such notice");
	else if (er == AT_DENIED)
		api_error(w, 403, "denied", "this letter is not yours to read");
	else
		api_error(w, 500, "letter", d->msg[0] != '\0' ? d->msg :
		    "the letter could not be made");
}

void
api_letter(struct web_req *r, struct web_resp *w)
{
	struct casework_letter l;
	struct at_diag d;
	struct buf text, u;
	char sha[65];
	size_t size = 0;
	bool rendered = false;
	enum at_err er;

	at_diag_clear(&d);
	buf_init(&text, CASEWORK_LETTER_MAX);
	buf_init(&u, 512);
	er = web_letter_open(r, r->seg[0], &l, &d);
	if (er == AT_OK)
		er = web_letter_hash(r, &l, &size, sha, &rendered, &d);
	if (er == AT_OK)
		er = casework_letter_render(&l, CASEWORK_LETTER_TEXT, &text,
		    &d);
	if (er != AT_OK) {
		letter_error(w, er, &d);
		goto out;
	}
	w->status = 200;
	w->ctype = "application/json";
	w->note = rendered ? "pdf=rendered" : "pdf=kept";
	buf_puts(&w->body, "{\"notice\":");
	json_put_str(&w->body, model_record_id(l.notice));
	buf_puts(&w->body, ",\"jurisdiction\":");
	json_put_str(&w->body, casework_get(l.notice, "jurisdiction"));
	buf_puts(&w->body, ",\"title\":");
	json_put_str(&w->body, l.doc->title);
	buf_puts(&w->body, ",\"template\":");
	json_put_str(&w->body, l.template);
	buf_puts(&w->body, ",\"text\":");
	json_put_strn(&w->body, buf_str(&text), buf_len(&text));
	buf_puts(&w->body, ",\"pdf\":{\"size\":");
	json_put_int(&w->body, (int64_t)size);
	buf_puts(&w->body, ",\"sha256\":");
	json_put_str(&w->body, sha);
	buf_puts(&w->body, ",\"href\":");
	web_link(&u, PAGE_API_LETTER_PDF, model_record_id(l.notice), NULL);
	json_put_str(&w->body, buf_str(&u));
	buf_puts(&w->body, "},\"html\":");
	buf_reset(&u);
	web_link(&u, PAGE_LETTER, model_record_id(l.notice), NULL);
	json_put_str(&w->body, buf_str(&u));
	buf_puts(&w->body, "}\n");
out:
	buf_fini(&u);
	buf_fini(&text);
	casework_letter_fini(&l);
}

void
api_letter_pdf(struct web_req *r, struct web_resp *w)
{
	struct at_diag d;
	enum at_err er;

	at_diag_clear(&d);
	er = web_letter_pdf_answer(r, w, &d);
	if (er != AT_OK)
		letter_error(w, er, &d);
}

void
api_certify(struct web_req *r, struct web_resp *w)
{
	static const char *const codes[] = { "ok", "bad_request", "not_found",
		"conflict", "denied", "too_large", "storage", "storage",
		"tampered" };
	struct casework_cert_result res;
	struct at_diag d;
	char id[128], msg[700];
	enum at_err er;

	at_diag_clear(&d);
	er = web_certify(r, "API", &res, id, sizeof(id), &d);
	if (er != AT_OK) {
		if (snprintf(msg, sizeof(msg), "%s%s%s", d.field,
		    d.field[0] != '\0' ? ": " : "", d.msg[0] != '\0' ? d.msg :
		    at_strerror(er)) < 0)
			msg[0] = '\0';
		api_error(w, web_certify_status(er),
		    (size_t)er < sizeof(codes) / sizeof(codes[0]) ? codes[er] :
		    "error", msg);
		return;
	}
	w->status = 201;
	w->ctype = "application/json";
	buf_puts(&w->body, "{\"id\":");
	json_put_str(&w->body, id);
	buf_puts(&w->body, ",\"jurisdiction\":");
	json_put_str(&w->body, res.jurisdiction);
	buf_puts(&w->body, ",\"on_time\":");
	buf_puts(&w->body, res.on_time < 0 ? "null" : res.on_time ? "true" :
	    "false");
	buf_puts(&w->body, ",\"days_late\":");
	json_put_int(&w->body, res.days_late);
	buf_puts(&w->body, ",\"complete\":");
	buf_puts(&w->body, res.complete ? "true" : "false");
	buf_puts(&w->body, ",\"summary\":");
	json_put_str(&w->body, res.summary);
	buf_puts(&w->body, ",\"documents\":[");
	for (size_t i = 0; i < res.ndocs; i++) {
		char num[24];
		struct buf u;

		(void)snprintf(num, sizeof(num), "%zu", i + 1);
		buf_init(&u, 512);
		web_link(&u, PAGE_API_DOCUMENT, id, num);
		buf_puts(&w->body, i > 0 ? ",{\"name\":" : "{\"name\":");
		json_put_str(&w->body, res.docs[i].name);
		buf_puts(&w->body, ",\"type\":");
		json_put_str(&w->body, res.docs[i].type);
		buf_puts(&w->body, ",\"size\":");
		json_put_int(&w->body, (int64_t)res.docs[i].len);
		buf_puts(&w->body, ",\"sha256\":");
		json_put_str(&w->body, res.docs[i].sha);
		buf_puts(&w->body, ",\"href\":");
		json_put_str(&w->body, buf_str(&u));
		buf_puts(&w->body, "}");
		buf_fini(&u);
	}
	buf_puts(&w->body, "]}\n");
}

void
api_document(struct web_req *r, struct web_resp *w)
{
	struct web_doc doc;
	enum at_err er;

	er = web_document_get(r, r->seg[0], r->seg[1], &doc);
	if (er == AT_DENIED) {
		api_error(w, 403, "denied", "this document is not yours to "
		    "read");
		return;
	}
	if (er == AT_NOTFOUND) {
		api_error(w, 404, "not_found", "no such document, or its "
		    "bytes were not kept");
		return;
	}
	if (er != AT_OK) {
		api_error(w, 500, er == AT_TAMPER ? "tampered" : "storage",
		    er == AT_TAMPER ? "the kept bytes do not match the "
		    "document's SHA-256" : "the database could not be read");
		return;
	}
	buf_reset(&w->body);
	buf_append(&w->body, doc.bytes, doc.len);
	w->status = 200;
	w->ctype = "application/octet-stream";
	web_attachment(w, doc.name);
	free(doc.bytes);
}
