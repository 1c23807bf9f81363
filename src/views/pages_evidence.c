/* SPDX-License-Identifier: ISC */
/*
 * The evidence section of a jurisdiction's page: the figures of each
 * source loaded for it (detainer records, the ICE facility tables) per
 * year, and per month where the source has months, with the data's known
 * gaps stated beside them, and the charts drawn by the program inline.
 * The charts go through the escaping writer like every other byte (an
 * ev_svg_sink over html_openv), with presentation attributes only: no
 * script, no style attribute, so the strict CSP holds.
 */
#include "views/pages_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/ev_chart.h"
#include "evidence/evidence.h"
#include "views/html.h"

/* ---- the charts, through the writer ---- */

static enum html_elem
svg_elem(const char *e)
{
	static const struct {
		const char *name;
		enum html_elem e;
	} map[] = { { "svg", HE_SVG }, { "g", HE_G }, { "rect", HE_RECT },
		{ "line", HE_LINE }, { "text", HE_SVGTEXT },
		{ "polyline", HE_POLYLINE }, { "title", HE_SVGTITLE } };

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].name, e) == 0)
			return map[i].e;
	abort(); /* the charts use only these, fixed in code */
}

static void
hs_open(void *ctx, const char *elem, const char *const *names,
    const char *const *vals, size_t n)
{
	html_openv(ctx, svg_elem(elem), names, vals, n);
}

static void
hs_text(void *ctx, const char *s)
{
	html_text(ctx, s);
}

static void
hs_close(void *ctx)
{
	html_close(ctx);
}

/* ---- the figures ---- */

enum pass { P_YEARS, P_MONTHS, P_FACILITIES };

struct figs {
	struct html *h;
	enum pass pass;
	size_t n;
};

static bool
wanted(const struct figs *f, const struct ev_figure *g)
{
	bool year = strlen(g->period) == 4;

	switch (f->pass) {
	case P_YEARS:
		return g->facility[0] == '\0' && year;
	case P_MONTHS:
		return g->facility[0] == '\0' && !year;
	default:
		return g->facility[0] != '\0' && year;
	}
}

static void
count_fig(void *ctx, const struct ev_figure *g)
{
	struct figs *f = ctx;

	if (wanted(f, g))
		f->n++;
}

static void
td_num(struct html *h, int64_t v)
{
	html_open(h, HE_TD, "class", "num", NULL);
	if (v < 0)
		html_text(h, "\xe2\x80\x93"); /* the source does not say */
	else
		html_int(h, v);
	html_close(h);
}

static void
row_fig(void *ctx, const struct ev_figure *g)
{
	struct figs *f = ctx;
	struct html *h = f->h;
	char pct[32];

	if (!wanted(f, g))
		return;
	html_open(h, HE_TR, NULL);
	if (f->pass == P_FACILITIES) {
		html_open(h, HE_TD, NULL);
		html_text(h, g->facility);
		if (g->matched_by[0] != '\0') {
			html_open(h, HE_SMALL, NULL);
			html_text(h, " (matched by ");
			html_text(h, g->matched_by);
			html_text(h, ")");
			html_close(h);
		}
		html_close(h);
	}
	html_elem_text(h, HE_TD, g->period);
	td_num(h, g->issued);
	td_num(h, g->declined);
	td_num(h, g->other);
	if (g->declined >= 0 && g->issued > 0)
		(void)snprintf(pct, sizeof(pct), "%.1f%%",
		    100.0 * (double)g->declined / (double)g->issued);
	else
		(void)snprintf(pct, sizeof(pct), "\xe2\x80\x93");
	html_open(h, HE_TD, "class", "num", NULL);
	html_text(h, pct);
	html_close(h);
	html_close(h);
}

/* A table of one pass over source k; false when it has no rows. */
static bool
fig_table(struct html *h, const struct ev_report *rep, size_t k,
    enum pass pass, const char *caption)
{
	struct figs f = { h, pass, 0 };

	(void)ev_report_each(rep, k, count_fig, &f);
	if (f.n == 0)
		return false;
	html_open(h, HE_TABLE, "class", "figures", NULL);
	html_elem_text(h, HE_CAPTION, caption);
	html_open(h, HE_THEAD, NULL);
	html_open(h, HE_TR, NULL);
	if (pass == P_FACILITIES)
		html_elem_text(h, HE_TH, "Facility");
	html_elem_text(h, HE_TH, pass == P_MONTHS ? "Month" : "Year");
	html_elem_text(h, HE_TH, "Issued");
	html_elem_text(h, HE_TH, "Declined");
	html_elem_text(h, HE_TH, "Other outcomes");
	html_elem_text(h, HE_TH, "Declined share");
	html_close_to(h, HE_THEAD);
	html_open(h, HE_TBODY, NULL);
	(void)ev_report_each(rep, k, row_fig, &f);
	html_close_to(h, HE_TABLE);
	return true;
}

static size_t
count_of(const struct ev_report *rep, size_t k, enum pass pass)
{
	struct figs f = { NULL, pass, 0 };

	(void)ev_report_each(rep, k, count_fig, &f);
	return f.n;
}

void
jur_evidence(struct html *h, struct store *s, const char *id)
{
	struct ev_report *rep = NULL;
	struct ev_svg_sink sink = { hs_open, hs_text, hs_close, h };

	if (ev_report_load(s, id, NULL, NULL, &rep, NULL) != AT_OK)
		return;
	if (!ev_report_has_figures(rep)) {
		ev_report_free(rep);
		return;
	}
	section(h, "evidence", "Evidence: immigration detainers");
	for (size_t k = 0; k < EV_SOURCES; k++) {
		const char *key, *name;
		const char *const *gaps;
		char label[64];
		size_t n;

		if (!ev_source_info(k, &key, &name, &gaps) ||
		    count_of(rep, k, P_YEARS) + count_of(rep, k, P_FACILITIES) ==
			0)
			continue;
		html_open(h, HE_DIV, "class", "source", "id", key, NULL);
		html_elem_text(h, HE_H3, name);
		(void)fig_table(h, rep, k, P_YEARS,
		    "Per year, all facilities");
		/* What the data cannot tell, beside the figures. */
		html_open(h, HE_P, "class", "gaps-head", NULL);
		html_elem_text(h, HE_STRONG, "Known gaps in these figures");
		html_close(h);
		html_open(h, HE_UL, "class", "gaps", NULL);
		for (; *gaps != NULL; gaps++)
			html_elem_text(h, HE_LI, *gaps);
		html_close(h);
		/* The records behind the figures, when the county has any. */
		if (strcmp(key, "detainers") == 0 && detainers_any(s, id)) {
			struct buf u;

			buf_init(&u, 256);
			web_link(&u, PAGE_DETAINERS, id, NULL);
			html_open(h, HE_P, "class", "records-link", NULL);
			html_open(h, HE_A, "href", buf_str(&u), NULL);
			html_text(h, "The detainer records themselves, by day "
				     "issued");
			html_close_to(h, HE_P);
			buf_fini(&u);
		}
		n = count_of(rep, k, P_MONTHS);
		if (n > 0) {
			html_open(h, HE_DETAILS, NULL);
			(void)snprintf(label, sizeof(label),
			    "Per month (%zu months)", n);
			html_elem_text(h, HE_SUMMARY, label);
			(void)fig_table(h, rep, k, P_MONTHS,
			    "Per month, all facilities");
			html_close_to(h, HE_DETAILS);
		}
		n = count_of(rep, k, P_FACILITIES);
		if (n > 0) {
			html_open(h, HE_DETAILS, NULL);
			(void)snprintf(label, sizeof(label),
			    "Per facility and year (%zu rows)", n);
			html_elem_text(h, HE_SUMMARY, label);
			(void)fig_table(h, rep, k, P_FACILITIES,
			    "Per facility and year");
			html_close_to(h, HE_DETAILS);
		}
		html_close_to(h, HE_DIV);
	}
	html_open(h, HE_DIV, "class", "charts", NULL);
	ev_report_charts(rep, &sink);
	html_close_to(h, HE_DIV);
	html_close_to(h, HE_SECTION);
	ev_report_free(rep);
}
