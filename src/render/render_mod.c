/* SPDX-License-Identifier: ISC */
/*
 * The renderer module's table (render_mod.h).  Everything else in the
 * module is hidden, so its functions never stand in for the loader's
 * forwarders of the same names in the program.
 */
#include "render/render_mod.h"

__attribute__((visibility("default"))) extern const struct render_mod_ops
    render_mod_ops;

const struct render_mod_ops render_mod_ops = {
	RENDER_MOD_ABI,
	render_letter_pdf,
	render_pdf_cleanup,
	render_ical,
	render_ical_check,
	render_mail_send,
};
