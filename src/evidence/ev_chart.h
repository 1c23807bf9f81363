/* SPDX-License-Identifier: ISC */
/*
 * SVG bar and line charts (ev_chart.c), for the evidence views and any
 * page that wants one.  The markup goes to a sink: ev_svg_buf writes it
 * as SVG text into a buffer (attest evidence --svg); a web page passes
 * one over its own escaping HTML writer, so the chart is inline and
 * every byte of it goes through that writer.  The caller opens and
 * closes the enclosing <svg> element.
 */
#ifndef AT_EVIDENCE_EV_CHART_H
#define AT_EVIDENCE_EV_CHART_H

#include <stddef.h>

#include "core/buf.h"

/*
 * Where chart markup goes.  open: element elem (svg, g, rect, line,
 * text, polyline, title) with n attributes, names literal, values plain
 * text the sink escapes; text: plain text the sink escapes; close: the
 * innermost element open.  No style attribute, no script: presentation
 * attributes only, so a strict Content-Security-Policy passes.
 */
struct ev_svg_sink {
	void (*open)(void *ctx, const char *elem, const char *const *names,
	    const char *const *vals, size_t n);
	void (*text)(void *ctx, const char *s);
	void (*close)(void *ctx);
	void *ctx;
};

#define EV_SVG_DEPTH 16

/* A sink writing SVG markup into b. */
struct ev_svg_buf {
	struct ev_svg_sink sink;
	struct buf *b; /* borrowed */
	const char *stack[EV_SVG_DEPTH];
	size_t depth;
};
void ev_svg_buf_init(struct ev_svg_buf *sb, struct buf *b);

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
void ev_chart_bars_to(const struct ev_svg_sink *o, const struct ev_chart *c);
/* One line per series across the labels. */
void ev_chart_lines_to(const struct ev_svg_sink *o, const struct ev_chart *c);
/* The same as SVG text appended to b. */
void ev_chart_bars(struct buf *b, const struct ev_chart *c);
void ev_chart_lines(struct buf *b, const struct ev_chart *c);
/* Append s with & < > " ' escaped for SVG text and attributes. */
void ev_svg_text(struct buf *b, const char *s);

#endif
