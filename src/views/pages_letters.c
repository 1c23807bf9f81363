/* SPDX-License-Identifier: ISC */
/*
 * Letters on the web: a notice's letter as a page of the site (its
 * blocks through the one escaping writer, inside the layout, so the
 * strict CSP holds: render_letter_html's standalone document carries an
 * inline style and is for files, not for this site) and as the PDF
 * download, byte for byte what `attest letter render --pdf` writes, with
 * its SHA-256 shown.  The page (and the API's letter) shows only the
 * PDF's size and hash, which are kept per letter and data version, so
 * showing a letter again does not render its PDF again.  Who may read which letter is
 * casework_letter_visible's rule.  Reading a letter here records
 * nothing: a GET changes no state; `attest letter render` records the
 * letters actually sent.
 */
#include "views/views.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_common.h"
#include "casework/casework_letter.h"
#include "core/buf.h"
#include "model/model.h"
#include "render/render.h"
#include "store/store.h"
#include "views/html.h"
#include "views/pages_int.h"
#include "views/vcache.h"

enum at_err
web_letter_open(struct web_req *r, const char *id, struct casework_letter *l,
    struct at_diag *d)
{
	struct model_record *n = NULL;
	enum at_err er;
	bool ok;

	memset(l, 0, sizeof(*l));
	er = store_record_get(r->store, KIND_NOTICE, id, &n);
	if (er != AT_OK)
		return er;
	ok = casework_letter_visible(&r->user, n);
	model_record_free(n);
	if (!ok)
		return AT_DENIED;
	return casework_letter_open(r->store,
	    r->data_dir != NULL ? r->data_dir : ".", id, NULL, l, d);
}

enum at_err
web_letter_pdf(const struct casework_letter *l, struct buf *out, char sha[65],
    struct at_diag *d)
{
	enum at_err er;

	er = casework_letter_render(l, CASEWORK_LETTER_PDF, out, d);
	if (er == AT_OK)
		cases_sha256_hex(buf_str(out), buf_len(out), sha);
	return er;
}

/*
 * The PDF's size and hash per letter.  A table of its own, not vcache:
 * one entry per letter read would push the costly evaluations out of
 * vcache's few slots, and these values are small enough to copy out.
 * An entry holds for its data version and for the very blocks and date
 * the PDF is made from (their digest), so a template edited on disk is
 * rendered afresh too.  Direct-mapped by id: a collision only renders
 * again.
 */
#define LETTER_HASH_SLOTS 64

struct letter_hash {
	int64_t version;		/* the data version it was made at */
	size_t size;			/* of the PDF, bytes */
	char id[128];			/* notice id; "" when free */
	char doc[CASES_SHA256_HEX];	/* digest of the blocks and the date */
	char sha[CASES_SHA256_HEX];	/* of the PDF */
};

static pthread_mutex_t lh_mu = PTHREAD_MUTEX_INITIALIZER;
static struct letter_hash lh_slot[LETTER_HASH_SLOTS];

static struct letter_hash *
lh_of(const char *id)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (const char *p = id; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &lh_slot[h % LETTER_HASH_SLOTS];
}

/* The digest of what l's PDF is made from: each block's kind and text,
 * and the notice's date. */
static void
doc_digest(const struct casework_letter *l, char out[CASES_SHA256_HEX])
{
	const char *date = casework_get(l->notice, "date");
	struct buf b;

	buf_init(&b, 2 * CASEWORK_LETTER_MAX);
	buf_puts(&b, date != NULL ? date : "");
	for (size_t i = 0; i < l->doc->n; i++) {
		buf_putc(&b, '\0');
		buf_putc(&b, (char)('A' + (int)l->doc->blocks[i].kind));
		buf_puts(&b, l->doc->blocks[i].text);
	}
	/* A letter too large to digest is never found again: it renders. */
	if (buf_err(&b) != AT_OK)
		memset(out, 0, CASES_SHA256_HEX);
	else
		cases_sha256_hex(buf_str(&b), buf_len(&b), out);
	buf_fini(&b);
}

enum at_err
web_letter_hash(struct web_req *r, const struct casework_letter *l,
    size_t *size, char sha[65], bool *rendered, struct at_diag *d)
{
	const char *id = model_record_id(l->notice);
	int64_t ver = vcache_version(r->store);
	struct letter_hash *e = lh_of(id);
	char doc[CASES_SHA256_HEX];
	struct buf pdf;
	bool hit;
	enum at_err er;

	*rendered = false;
	doc_digest(l, doc);
	pthread_mutex_lock(&lh_mu);
	hit = ver >= 0 && doc[0] != '\0' && e->version == ver &&
	    strcmp(e->id, id) == 0 && strcmp(e->doc, doc) == 0;
	if (hit) {
		*size = e->size;
		memcpy(sha, e->sha, CASES_SHA256_HEX);
	}
	pthread_mutex_unlock(&lh_mu);
	if (hit)
		return AT_OK;
	buf_init(&pdf, CASEWORK_LETTER_MAX);
	er = web_letter_pdf(l, &pdf, sha, d);
	if (er == AT_OK) {
		*size = buf_len(&pdf);
		*rendered = true;
	}
	buf_fini(&pdf);
	if (er != AT_OK || ver < 0 || doc[0] == '\0' ||
	    strlen(id) >= sizeof(e->id))
		return er;
	pthread_mutex_lock(&lh_mu);
	memcpy(e->id, id, strlen(id) + 1);
	e->version = ver;
	memcpy(e->doc, doc, sizeof(e->doc));
	e->size = *size;
	memcpy(e->sha, sha, sizeof(e->sha));
	pthread_mutex_unlock(&lh_mu);
	return AT_OK;
}

void
web_attachment(struct web_resp *w, const char *name)
{
	size_t j = 0;
	static const char pre[] = "attachment; filename=\"";

	memcpy(w->disp_buf, pre, sizeof(pre) - 1);
	j = sizeof(pre) - 1;
	for (size_t i = 0; name[i] != '\0' && j + 3 < sizeof(w->disp_buf);
	    i++) {
		unsigned char c = (unsigned char)name[i];
		bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';

		/* No leading dot: the name is never a hidden file. */
		w->disp_buf[j++] = keep && !(c == '.' && i == 0) ? (char)c :
		    '_';
	}
	w->disp_buf[j++] = '"';
	w->disp_buf[j] = '\0';
	w->disposition = w->disp_buf;
}

void
letter_links(struct html *h, const struct web_req *r,
    const struct model_record *n)
{
	struct buf u;

	if (!casework_letter_visible(&r->user, n))
		return;
	buf_init(&u, 512);
	web_link(&u, PAGE_LETTER, model_record_id(n), NULL);
	html_open(h, HE_A, "href", buf_str(&u), "class", "letter", NULL);
	HTML_RAW(h, "letter");
	html_close(h);
	buf_reset(&u);
	HTML_RAW(h, " \xc2\xb7 ");
	web_link(&u, PAGE_LETTER_PDF, model_record_id(n), NULL);
	html_open(h, HE_A, "href", buf_str(&u), "class", "pdf", NULL);
	HTML_RAW(h, "PDF");
	html_close(h);
	buf_fini(&u);
}

static void
refuse(struct web_req *r, struct web_resp *w, enum at_err er,
    const struct at_diag *d)
{
	switch (er) {
	case AT_NOTFOUND:
		page_error(r, w, 404, "No such notice");
		break;
	case AT_DENIED:
		page_error(r, w, 403, r->user.role == ROLE_PUBLIC ?
		    "This letter is not public; sign in to read it" :
		    "This letter is not yours to read");
		break;
	default:
		page_error(r, w, 500, d->msg[0] != '\0' ? d->msg :
		    "The letter could not be made");
		break;
	}
}

/* The letter's blocks as the site's markup: runs of address lines,
 * items and signature lines are grouped as the text and PDF group
 * them. */
static void
letter_blocks(struct html *h, const struct render_doc *doc)
{
	static const char *const cls[RB__MAX] = { "letterhead", "date",
		"address", "subject", "heading", "para", "item", "sign",
		"footer" };

	html_open(h, HE_DIV, "class", "letter", NULL);
	for (size_t i = 0; i < doc->n; i++) {
		const struct render_block *b = &doc->blocks[i];
		bool first = i == 0 || doc->blocks[i - 1].kind != b->kind;
		bool last = i + 1 == doc->n || doc->blocks[i + 1].kind != b->kind;

		if ((int)b->kind < 0 || b->kind >= RB__MAX)
			abort();
		switch (b->kind) {
		case RB_HEADING:
			html_elem_text(h, HE_H2, b->text);
			break;
		case RB_ITEM:
			if (first)
				html_open(h, HE_UL, "class", "items", NULL);
			html_elem_text(h, HE_LI, b->text);
			if (last)
				html_close(h);
			break;
		case RB_ADDRESS:
		case RB_SIGN:
			if (first)
				html_open(h, HE_P, "class", cls[b->kind], NULL);
			else
				html_open(h, HE_BR, NULL);
			html_text(h, b->text);
			if (last)
				html_close(h);
			break;
		default:
			html_open(h, HE_P, "class", cls[b->kind], NULL);
			if (b->kind == RB_SUBJECT || b->kind == RB_LETTERHEAD) {
				html_elem_text(h, HE_STRONG, b->text);
			} else
				html_text(h, b->text);
			html_close(h);
			break;
		}
	}
	html_close(h);
}

void
page_letter(struct web_req *r, struct web_resp *w)
{
	struct casework_letter l;
	struct at_diag d;
	struct buf u;
	struct html h;
	char sha[65], title[300];
	const char *jur;
	size_t size = 0;
	bool rendered = false;
	enum at_err er;

	at_diag_clear(&d);
	er = web_letter_open(r, r->seg[0], &l, &d);
	if (er == AT_OK)
		er = web_letter_hash(r, &l, &size, sha, &rendered, &d);
	if (er != AT_OK) {
		refuse(r, w, er, &d);
		goto out;
	}
	w->note = rendered ? "pdf=rendered" : "pdf=kept";
	jur = casework_get(l.notice, "jurisdiction");
	if (snprintf(title, sizeof(title), "Letter %s",
		model_record_id(l.notice)) < 0)
		title[0] = '\0';
	html_begin(w, &h);
	layout_begin(&h, r, title);
	buf_init(&u, 512);
	html_open(&h, HE_P, "class", "crumbs", NULL);
	if (jur != NULL) {
		struct model_record *j = NULL;

		/* The jurisdiction by name, as the rest of the site shows it. */
		if (store_record_get(r->store, KIND_JURISDICTION, jur, &j) !=
		    AT_OK)
			j = NULL;
		link_rec(&h, KIND_JURISDICTION, jur,
		    j != NULL ? model_record_text(j, 1) : NULL);
		model_record_free(j);
		HTML_RAW(&h, " \xe2\x80\xba ");
	}
	link_rec(&h, KIND_NOTICE, model_record_id(l.notice), NULL);
	html_close(&h);
	html_open(&h, HE_H1, NULL);
	HTML_RAW(&h, "Letter: ");
	html_text(&h, l.doc->title);
	html_close(&h);
	html_open(&h, HE_P, "class", "download", NULL);
	web_link(&u, PAGE_LETTER_PDF, model_record_id(l.notice), NULL);
	html_open(&h, HE_A, "href", buf_str(&u), "download", "", NULL);
	HTML_RAW(&h, "Download the PDF");
	html_close(&h);
	HTML_RAW(&h, " (");
	html_int(&h, (int64_t)size);
	HTML_RAW(&h, " bytes, SHA-256 ");
	html_open(&h, HE_CODE, "class", "sha256", NULL);
	html_text(&h, sha);
	html_close(&h);
	HTML_RAW(&h, "), the same bytes as ");
	html_open(&h, HE_CODE, NULL);
	HTML_RAW(&h, "attest letter render ");
	html_text(&h, model_record_id(l.notice));
	HTML_RAW(&h, " --pdf FILE");
	html_close(&h);
	HTML_RAW(&h, ". Template ");
	html_open(&h, HE_CODE, NULL);
	html_text(&h, l.template);
	html_close(&h);
	HTML_RAW(&h, ".");
	html_close(&h);
	letter_blocks(&h, l.doc);
	layout_end(&h);
	buf_fini(&u);
out:
	casework_letter_fini(&l);
}

enum at_err
web_letter_pdf_answer(struct web_req *r, struct web_resp *w,
    struct at_diag *d)
{
	struct casework_letter l;
	char sha[65], name[160];
	enum at_err er;

	er = web_letter_open(r, r->seg[0], &l, d);
	if (er == AT_OK) {
		buf_reset(&w->body);
		er = web_letter_pdf(&l, &w->body, sha, d);
	}
	if (er == AT_OK) {
		w->status = 200;
		w->ctype = "application/pdf";
		casework_letter_filename(model_record_id(l.notice),
		    CASEWORK_LETTER_PDF, name, sizeof(name));
		web_attachment(w, name);
	}
	casework_letter_fini(&l);
	return er;
}

void
page_letter_pdf(struct web_req *r, struct web_resp *w)
{
	struct at_diag d;
	enum at_err er;

	at_diag_clear(&d);
	er = web_letter_pdf_answer(r, w, &d);
	if (er != AT_OK)
		refuse(r, w, er, &d);
}
