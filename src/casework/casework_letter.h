/* SPDX-License-Identifier: ISC */
/*
 * A notice as a letter: the fields gathered from the store (the notice,
 * its jurisdiction and agency, its awards and conditions, the notice it
 * answers, the due date of its case), filled into templates/KIND.tmpl,
 * rendered as text, HTML or PDF, and recorded with its SHA-256.  Shared
 * by `attest letter render` and the web site, so the PDF a browser
 * downloads is the PDF the command writes, byte for byte.
 */
#ifndef AT_CASEWORK_CASEWORK_LETTER_H
#define AT_CASEWORK_CASEWORK_LETTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "model/model.h"

struct buf;
struct render_doc;
struct render_fields;
struct store;
struct user;

#define CASEWORK_LETTER_MAX (32u * 1024u * 1024u) /* bytes of one output */

enum casework_letter_format {
	CASEWORK_LETTER_TEXT,
	CASEWORK_LETTER_HTML,
	CASEWORK_LETTER_PDF,
	CASEWORK_LETTER__MAX
};

/* "text", "html", "pdf". */
const char *casework_letter_format_name(enum casework_letter_format f);

/* A notice filled into its template. */
struct casework_letter {
	struct model_record *notice; /* owned */
	struct render_doc *doc;	     /* owned */
	char template[256];	     /* the template's file name */
};

/*
 * Gather the fields of notice n's letter from s into f.  A notice that
 * names no award or agency takes them from the notice it answers, and
 * so on up.  AT_OK (missing records leave their fields empty).
 */
enum at_err casework_letter_gather(struct store *s,
    const struct model_record *n, struct render_fields *f,
    struct at_diag *d);

/*
 * Load notice id and fill its template: tmpl_path when not NULL, else
 * DATA_DIR/templates/KIND.tmpl, else DATA_DIR/templates/notice.tmpl.
 * AT_OK and *out (release with casework_letter_fini); AT_NOTFOUND (no
 * such notice), AT_IO (template unreadable), AT_LIMIT (template too
 * large), AT_EINVAL (template error, d names its line), AT_DB.  *out is
 * zeroed on error.
 */
enum at_err casework_letter_open(struct store *s, const char *data_dir,
    const char *id, const char *tmpl_path, struct casework_letter *out,
    struct at_diag *d);
void casework_letter_fini(struct casework_letter *l);

/*
 * Render l as fmt, appending to out (whose cap should be
 * CASEWORK_LETTER_MAX).  The PDF's creation date is the notice's date,
 * so a letter renders to the same bytes every time.  AT_LIMIT when out
 * overflows, AT_IO (cairo failed, d says).
 */
enum at_err casework_letter_render(const struct casework_letter *l,
    enum casework_letter_format fmt, struct buf *out, struct at_diag *d);

/* One rendered output, for casework_letter_record. */
struct casework_letter_out {
	enum casework_letter_format format;
	size_t size;	 /* bytes */
	const char *sha; /* hex SHA-256 of the bytes */
};

/*
 * Record outputs[0..n) of l in the letters table, each with its audit
 * entry, in one transaction; when is the UTC time (ISO 8601).  AT_OK,
 * AT_DB (rolled back, nothing recorded).
 */
enum at_err casework_letter_record(struct store *s,
    const struct casework_letter *l, const struct casework_letter_out *outs,
    size_t n, const char *when, struct at_diag *d);

/*
 * Who may read the letter of notice n: staff (reviewer, approver,
 * admin) every letter; a recipient only letters to its own
 * jurisdiction; the public (no sign-in) only letters of notices whose
 * confidence is "verified", that is, notices the agency itself made
 * public (its press releases and published letters): a letter built
 * from a reported or unconfirmed notice is a reconstruction, and is not
 * published as if it were the agency's letter.
 */
bool casework_letter_visible(const struct user *u,
    const struct model_record *n);

/* A safe download name for notice id's letter: "letter-ID.EXT" with
 * every byte outside [A-Za-z0-9._-] replaced by '_', into out[n]. */
void casework_letter_filename(const char *id, enum casework_letter_format f,
    char *out, size_t n);

#endif
