/* SPDX-License-Identifier: ISC */
/*
 * Output of the case workflow: letters filled from templates and
 * rendered as plain text, HTML and PDF (cairo + pango), deadlines as
 * iCalendar (libical), and reminder mail sent through libcurl's SMTP.
 *
 * A template (templates/NAME.tmpl; the format is in templates/README.md) is
 * text with {{field}} placeholders, {{#list}} ... {{/list}} sections repeated
 * per item, and lines starting with a block directive (@letterhead,
 * @date, @address, @subject, @heading, @item, @sign, @footer); other
 * lines form paragraphs, ended by a blank line.  Filling gives a
 * struct render_doc (blocks of plain text); each output writes that.
 * Field values are data, never markup: HTML escapes every byte of
 * them, and the PDF draws them as text.
 *
 * This module reads no database.  The caller gathers the fields.
 */
#ifndef AT_RENDER_RENDER_H
#define AT_RENDER_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct buf;

/* ---- fields ---- */

struct render_fields;

struct render_fields *render_fields_new(void);
void render_fields_free(struct render_fields *f);
/* Set key to a copy of val (NULL means empty). */
void render_fields_set(
    struct render_fields *f, const char *key, const char *val);
/* Append an item to list and return its index. */
size_t render_fields_item_add(struct render_fields *f, const char *list);
/* Set key of item i of list (which must exist). */
void render_fields_item_set(struct render_fields *f, const char *list, size_t i,
    const char *key, const char *val);

/* ---- documents ---- */

enum render_block_kind {
	RB_LETTERHEAD, /* centred, at the top of page one */
	RB_DATE,
	RB_ADDRESS, /* consecutive lines without a gap */
	RB_SUBJECT, /* "Re: ..." in bold */
	RB_HEADING,
	RB_PARA,   /* a wrapped paragraph */
	RB_ITEM,   /* a paragraph with a hanging indent */
	RB_SIGN,   /* signature block lines, without a gap */
	RB_FOOTER, /* small type at the end */
	RB__MAX
};

struct render_block {
	enum render_block_kind kind;
	char *text; /* owned, UTF-8, one paragraph */
};

struct render_doc {
	struct render_block *blocks; /* owned */
	size_t n, cap;
	char *title; /* the first @subject, or "Letter"; owned */
};

void render_doc_free(struct render_doc *doc);

#define RENDER_TEMPLATE_MAX (256u * 1024u)

/*
 * Fill template tmpl (len bytes; name is used in messages) with f.
 * Returns AT_OK and *out (free with render_doc_free), or AT_EINVAL with
 * d naming the template line: an unknown field or directive, an
 * unclosed or unknown section, bad UTF-8, or AT_LIMIT for a template
 * over RENDER_TEMPLATE_MAX.
 */
enum at_err render_letter_fill(const char *name, const char *tmpl, size_t len,
    const struct render_fields *f, struct render_doc **out, struct at_diag *d);

/* Plain text, wrapped at 72 columns.  Appends to out. */
void render_letter_text(const struct render_doc *doc, struct buf *out);

/* A standalone HTML document, every text escaped.  Appends to out. */
void render_letter_html(const struct render_doc *doc, struct buf *out);

/*
 * A PDF on US Letter pages: DejaVu fonts through pango, the letterhead
 * centred on page one, wrapped paragraphs that break across pages,
 * "Page N of M" at the foot of each page.  created (YYYY-MM-DD) is
 * written as the creation date so one letter renders to the same bytes
 * again.  Appends to out; AT_IO with d if cairo fails.
 */
enum at_err render_letter_pdf(const struct render_doc *doc, const char *created,
    struct buf *out, struct at_diag *d);

/*
 * Free the font and cairo caches PDF rendering leaves behind (fontconfig,
 * cairo's static data), so leak checkers see a clean exit.  Call once,
 * before exit, when no other thread renders; a later render works
 * again, at the cost of reloading the fonts.
 */
void render_pdf_cleanup(void);

/* Escape s for HTML text or attribute values (& < > " '). */
void render_html_escape(struct buf *out, const char *s);

/* ---- iCalendar ---- */

struct render_due {
	const char *uid;         /* unique and stable, e.g. notice@attest */
	const char *date;        /* YYYY-MM-DD, an all-day event */
	const char *summary;     /* one line */
	const char *description; /* the derivation and state */
};

/*
 * A VCALENDAR with one all-day VEVENT per item, built with libical;
 * stamp is the DTSTAMP (YYYYMMDDTHHMMSSZ).  Appends to out; AT_EINVAL
 * with d for a bad date.
 */
enum at_err render_ical(const struct render_due *items, size_t n,
    const char *stamp, struct buf *out, struct at_diag *d);

/*
 * Parse text back with libical: AT_OK and *nevents when it is one
 * VCALENDAR without parse errors; AT_EINVAL with d otherwise.
 */
enum at_err render_ical_check(
    const char *text, size_t *nevents, struct at_diag *d);

/* ---- mail ---- */

struct render_mail {
	const char *from;    /* bare address: a@b.example */
	const char *to;      /* bare address */
	const char *subject; /* one line */
	const char *body;    /* UTF-8 text, LF line ends */
	const char *msgid;   /* unique left part of the Message-ID */
};

/*
 * Send each message over SMTP to url (smtp:// or smtps:// only),
 * one transaction per message.  Header values with CR or LF, or
 * addresses with spaces or angle brackets, are refused (AT_EINVAL).
 * AT_IO with d naming the message and curl's reason when sending
 * fails; *sent says how many went out either way.
 */
enum at_err render_mail_send(const char *url, const struct render_mail *m,
    size_t n, size_t *sent, struct at_diag *d);

#endif
