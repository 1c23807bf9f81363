/* SPDX-License-Identifier: ISC */
/*
 * Private to src/render: the table the renderer module exports.  PDF
 * (cairo, pango, fontconfig), iCalendar (libical) and mail (libcurl)
 * pull in some seventy shared libraries, whose loading and relocation
 * was most of the time `attest serve` and every CLI command took to
 * start; they live in a module (attest-render.so) that render_load.c
 * opens the first time one of them is called.
 */
#ifndef AT_RENDER_RENDER_MOD_H
#define AT_RENDER_RENDER_MOD_H

#include "render/render.h"

/* Raised whenever the table or a signature in it changes. */
#define RENDER_MOD_ABI 1

struct render_mod_ops {
	unsigned abi;
	enum at_err (*letter_pdf)(const struct render_doc *doc,
	    const char *created, struct buf *out, struct at_diag *d);
	void (*pdf_cleanup)(void);
	enum at_err (*ical)(const struct render_due *items, size_t n,
	    const char *stamp, struct buf *out, struct at_diag *d);
	enum at_err (*ical_check)(const char *text, size_t *nevents,
	    struct at_diag *d);
	enum at_err (*mail_send)(const char *url, const struct render_mail *m,
	    size_t n, size_t *sent, struct at_diag *d);
};

/* The module's one exported symbol. */
#define RENDER_MOD_SYMBOL "render_mod_ops"

#endif
