/* SPDX-License-Identifier: ISC */
/*
 * SVG bar and line charts (ev_chart.c), for the evidence views and any
 * page that wants one.  The caller writes the enclosing <svg> element.
 */
#ifndef AT_EVIDENCE_EV_CHART_H
#define AT_EVIDENCE_EV_CHART_H

#include <stddef.h>

#include "core/buf.h"

struct ev_series {
	const char *name;  /* shown in the legend (escaped) */
	const char *color; /* a fixed CSS colour from the caller's code */
	const double *v;   /* n values; a negative one is not drawn */
};

struct ev_chart {
	const char *title;	   /* escaped */
	const char *const *labels; /* n point labels, escaped */
	size_t n;
	const struct ev_series *series;
	size_t nseries;
	double x, y, w, h;	   /* where, in the SVG's units */
};

/* Grouped bars, one group per label. */
void ev_chart_bars(struct buf *b, const struct ev_chart *c);
/* One line per series across the labels. */
void ev_chart_lines(struct buf *b, const struct ev_chart *c);
/* Append s with & < > " ' escaped for SVG text and attributes. */
void ev_svg_text(struct buf *b, const char *s);

#endif
