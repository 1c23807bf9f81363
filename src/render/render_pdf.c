/* SPDX-License-Identifier: ISC */
/*
 * A letter as PDF, with cairo's PDF surface and pango for text: real
 * fonts (DejaVu, found through fontconfig), paragraphs wrapped by pango
 * and broken across pages line by line, the letterhead centred above a
 * rule on page one, a running head on later pages and "Page N of M" at
 * the foot of each.  The layout runs twice: once to count the pages,
 * once to draw them.
 */
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "core/buf.h"

#define PAGE_W   612.0 /* US Letter, points */
#define PAGE_H   792.0
#define MARGIN_X 72.0
#define MARGIN_T 64.0
#define MARGIN_B 72.0
#define GAP      10.0 /* points between blocks */
#define HANG     18.0 /* hanging indent of items */

static const char *
font_of(enum render_block_kind k, bool first)
{
	switch (k) {
	case RB_LETTERHEAD:
		return first ? "DejaVu Sans Bold 14" : "DejaVu Sans 9.5";
	case RB_SUBJECT:
	case RB_HEADING:
		return "DejaVu Serif Bold 10.5";
	case RB_FOOTER:
		return "DejaVu Sans 8";
	case RB_DATE:
	case RB_ADDRESS:
	case RB_PARA:
	case RB_ITEM:
	case RB_SIGN:
		return "DejaVu Serif 10.5";
	case RB__MAX:
	default:
		abort();
	}
}

static bool
grouped(enum render_block_kind k)
{
	return k == RB_LETTERHEAD || k == RB_ADDRESS || k == RB_SIGN;
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	struct buf *b = closure;

	buf_append(b, data, length);
	return buf_err(b) == AT_OK ? CAIRO_STATUS_SUCCESS
	                           : CAIRO_STATUS_WRITE_ERROR;
}

struct pager {
	cairo_t *cr;
	PangoContext *pc; /* from a font map of our own, freed after */
	bool draw;
	int page, pages;
	double y;
	const char *running; /* running head for pages after the first */
};

static void
small_text(struct pager *pg, const char *text, double y, bool centre)
{
	PangoLayout *l = pango_layout_new(pg->pc);
	PangoFontDescription *fd =
	    pango_font_description_from_string("DejaVu Sans 8");
	int w, h;

	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(pg->cr, centre ? (PAGE_W - w) / 2 : MARGIN_X, y);
	pango_cairo_show_layout(pg->cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void
end_page(struct pager *pg)
{
	if (pg->draw) {
		char foot[64];

		(void)snprintf(
		    foot, sizeof(foot), "Page %d of %d", pg->page, pg->pages);
		small_text(pg, foot, PAGE_H - MARGIN_B + 30, true);
		cairo_show_page(pg->cr);
	}
}

static void
new_page(struct pager *pg)
{
	if (pg->page > 0)
		end_page(pg);
	pg->page++;
	pg->y = MARGIN_T;
	if (pg->page > 1 && pg->running != NULL) {
		if (pg->draw) {
			small_text(pg, pg->running, MARGIN_T - 24, false);
			cairo_set_line_width(pg->cr, 0.5);
			cairo_move_to(pg->cr, MARGIN_X, MARGIN_T - 8);
			cairo_line_to(pg->cr, PAGE_W - MARGIN_X, MARGIN_T - 8);
			cairo_stroke(pg->cr);
		}
		pg->y = MARGIN_T + 4;
	}
}

/* A layout of block b (first: the first of its kind in a row). */
static PangoLayout *
layout_of(struct pager *pg, const struct render_block *b, bool first,
    PangoFontDescription **fd, double *x)
{
	PangoLayout *l = pango_layout_new(pg->pc);
	double width = PAGE_W - 2 * MARGIN_X;

	*fd = pango_font_description_from_string(font_of(b->kind, first));
	*x = MARGIN_X;
	pango_layout_set_font_description(l, *fd);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (b->kind == RB_ITEM) {
		/* The bullet hangs in the margin of the indented text. */
		*x += HANG;
		width -= HANG;
	}
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	if (b->kind == RB_LETTERHEAD)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, b->text, -1);
	return l;
}

/* Height in points of block b. */
static double
block_height(struct pager *pg, const struct render_block *b, bool first)
{
	PangoFontDescription *fd;
	double x;
	PangoLayout *l = layout_of(pg, b, first, &fd, &x);
	int w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return h;
}

/* Lay one block out and place its lines, breaking pages between them. */
static void
place_block(struct pager *pg, const struct render_block *b, bool first)
{
	PangoFontDescription *fd;
	double x;
	PangoLayout *l = layout_of(pg, b, first, &fd, &x);
	PangoLayoutIter *it;

	it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		int baseline = pango_layout_iter_get_baseline(it);
		double h, top;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		h = (double)logical.height / PANGO_SCALE;
		if (pg->y + h > PAGE_H - MARGIN_B)
			new_page(pg);
		top = pg->y;
		if (pg->draw) {
			cairo_move_to(pg->cr,
			    x + (double)logical.x / PANGO_SCALE,
			    top + (double)(baseline - logical.y) / PANGO_SCALE);
			pango_cairo_show_layout_line(pg->cr, line);
			if (b->kind == RB_ITEM && logical.y == 0) {
				PangoLayout *bl = pango_layout_new(pg->pc);

				pango_layout_set_font_description(bl, fd);
				pango_layout_set_text(bl, "\u2022", -1);
				cairo_move_to(pg->cr, x - HANG + 4, top);
				pango_cairo_show_layout(pg->cr, bl);
				g_object_unref(bl);
			}
		}
		pg->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void
lay_out(struct pager *pg, const struct render_doc *doc)
{
	pg->page = 0;
	new_page(pg);
	for (size_t i = 0; i < doc->n; i++) {
		const struct render_block *b = &doc->blocks[i];
		bool same = i > 0 && doc->blocks[i - 1].kind == b->kind &&
		    grouped(b->kind);

		if (i > 0 && !same)
			pg->y += doc->blocks[i - 1].kind == RB_LETTERHEAD
			    ? 2 * GAP
			    : GAP;
		/* Keep a signature block on one page. */
		if (b->kind == RB_SIGN && !same) {
			double h = 0;

			for (size_t k = i;
			     k < doc->n && doc->blocks[k].kind == RB_SIGN; k++)
				h += block_height(pg, &doc->blocks[k], false);
			if (pg->y + h > PAGE_H - MARGIN_B &&
			    h < PAGE_H - MARGIN_B - MARGIN_T)
				new_page(pg);
		}
		place_block(pg, b, !same);
		if (b->kind == RB_LETTERHEAD &&
		    (i + 1 == doc->n ||
		        doc->blocks[i + 1].kind != RB_LETTERHEAD)) {
			pg->y += 6;
			if (pg->draw) {
				cairo_set_line_width(pg->cr, 1.2);
				cairo_move_to(pg->cr, MARGIN_X, pg->y);
				cairo_line_to(pg->cr, PAGE_W - MARGIN_X, pg->y);
				cairo_stroke(pg->cr);
			}
			pg->y += 4;
		}
	}
	end_page(pg);
}

/*
 * Font maps not yet finalized.  Pango's fontconfig set-up runs in a
 * GTask on its own thread and holds a reference to the font map until
 * that task is freed, which can be just after a render returns; cairo's
 * and fontconfig's static data may only be reset once every font map
 * (and so every scaled font) is gone, or cairo aborts on an assertion.
 */
static gint live_font_maps;

static void
font_map_gone(gpointer data, GObject *gone)
{
	(void)data;
	(void)gone;
	g_atomic_int_add(&live_font_maps, -1);
}

enum at_err
render_letter_pdf(const struct render_doc *doc, const char *created,
    struct buf *out, struct at_diag *d)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	PangoFontMap *fm;
	struct pager pg;
	cairo_status_t st;
	char when[32];

	sf =
	    cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return at_diag_set(d, AT_IO, "pdf", "cairo: %s",
		    cairo_status_to_string(cairo_surface_status(sf)));
	}
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
	    doc->title != NULL ? doc->title : "Letter");
	cairo_pdf_surface_set_metadata(
	    sf, CAIRO_PDF_METADATA_CREATOR, "attest");
	if (created != NULL && strlen(created) == 10) {
		(void)snprintf(when, sizeof(when), "%sT00:00:00Z", created);
		cairo_pdf_surface_set_metadata(
		    sf, CAIRO_PDF_METADATA_CREATE_DATE, when);
	}
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 0, 0, 0);
	memset(&pg, 0, sizeof(pg));
	pg.cr = cr;
	/* A font map of our own rather than pango's process-wide default,
	 * so everything it caches is freed when the letter is done. */
	fm = pango_cairo_font_map_new();
	g_atomic_int_inc(&live_font_maps);
	g_object_weak_ref(G_OBJECT(fm), font_map_gone, NULL);
	pg.pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, pg.pc);
	for (size_t i = 0; i < doc->n; i++)
		if (doc->blocks[i].kind == RB_LETTERHEAD) {
			pg.running = doc->blocks[i].text;
			break;
		}
	/* First pass counts the pages, the second draws them. */
	pg.draw = false;
	lay_out(&pg, doc);
	pg.pages = pg.page;
	pg.draw = true;
	lay_out(&pg, doc);
	st = cairo_status(cr);
	g_object_unref(pg.pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS)
		return at_diag_set(
		    d, AT_IO, "pdf", "cairo: %s", cairo_status_to_string(st));
	if (buf_err(out) != AT_OK)
		return at_diag_set(d, AT_LIMIT, "pdf",
		    "the PDF is larger than the output limit");
	return AT_OK;
}

void
render_pdf_cleanup(void)
{
	struct timespec tick = { 0, 1000 * 1000 };

	/* Up to 2 s for pango's last reference to go; a font map still
	 * alive then keeps its caches, which is only a leak report. */
	for (int i = 0; i < 2000 && g_atomic_int_get(&live_font_maps) > 0; i++)
		nanosleep(&tick, NULL);
	if (g_atomic_int_get(&live_font_maps) > 0)
		return;
	cairo_debug_reset_static_data();
	FcFini();
}
