/* SPDX-License-Identifier: ISC */
/*
 * SVG charts drawn by the program: grouped bars and lines over labelled
 * points, with axes, a scale and a legend.  Every text (titles, labels,
 * series names) and every attribute value goes to the sink as plain
 * text for it to escape; numbers are formatted here.  No JavaScript, no
 * style attribute: the SVG stands alone or inside a page.
 */
#include "evidence/ev_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
ev_svg_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_putc(b, *s);
		}
}

/* ---- the buffer sink ---- */

static void
sb_open(void *ctx, const char *elem, const char *const *names,
    const char *const *vals, size_t n)
{
	struct ev_svg_buf *sb = ctx;

	if (sb->depth == EV_SVG_DEPTH)
		abort(); /* the charts nest a few levels, fixed in code */
	sb->stack[sb->depth++] = elem;
	buf_putc(sb->b, '<');
	buf_puts(sb->b, elem);
	for (size_t i = 0; i < n; i++) {
		buf_putc(sb->b, ' ');
		buf_puts(sb->b, names[i]);
		buf_puts(sb->b, "=\"");
		ev_svg_text(sb->b, vals[i]);
		buf_putc(sb->b, '"');
	}
	buf_putc(sb->b, '>');
}

static void
sb_text(void *ctx, const char *s)
{
	struct ev_svg_buf *sb = ctx;

	ev_svg_text(sb->b, s);
}

static void
sb_close(void *ctx)
{
	struct ev_svg_buf *sb = ctx;

	if (sb->depth == 0)
		abort();
	buf_puts(sb->b, "</");
	buf_puts(sb->b, sb->stack[--sb->depth]);
	buf_puts(sb->b, ">");
	if (sb->depth <= 2)
		buf_putc(sb->b, '\n');
}

void
ev_svg_buf_init(struct ev_svg_buf *sb, struct buf *b)
{
	memset(sb, 0, sizeof(*sb));
	sb->sink.open = sb_open;
	sb->sink.text = sb_text;
	sb->sink.close = sb_close;
	sb->sink.ctx = sb;
	sb->b = b;
}

/* ---- attributes ---- */

#define ATTRS_MAX 12

struct attrs {
	const char *name[ATTRS_MAX];
	const char *val[ATTRS_MAX];
	char num[ATTRS_MAX][32];
	size_t n;
};

static struct attrs *
a_str(struct attrs *a, const char *name, const char *val)
{
	if (a->n == ATTRS_MAX)
		abort();
	a->name[a->n] = name;
	a->val[a->n] = val;
	a->n++;
	return a;
}

static struct attrs *
a_num(struct attrs *a, const char *name, double v)
{
	if (a->n == ATTRS_MAX)
		abort();
	(void)snprintf(a->num[a->n], sizeof(a->num[0]), "%.1f", v);
	return a_str(a, name, a->num[a->n]);
}

static void
open_el(const struct ev_svg_sink *o, const char *elem, const struct attrs *a)
{
	o->open(o->ctx, elem, a->name, a->val, a->n);
}

/* An element holding only text. */
static void
text_el(const struct ev_svg_sink *o, const struct attrs *a, const char *s)
{
	open_el(o, "text", a);
	o->text(o->ctx, s);
	o->close(o->ctx);
}

static void
line_el(const struct ev_svg_sink *o, double x1, double y1, double x2,
    double y2, const char *stroke)
{
	struct attrs a = { .n = 0 };

	a_num(&a, "x1", x1);
	a_num(&a, "y1", y1);
	a_num(&a, "x2", x2);
	a_num(&a, "y2", y2);
	a_str(&a, "stroke", stroke);
	open_el(o, "line", &a);
	o->close(o->ctx);
}

/* A text element at x, y of a size, anchored (NULL: start). */
static void
label_el(const struct ev_svg_sink *o, double x, double y, const char *size,
    const char *anchor, const char *s)
{
	struct attrs a = { .n = 0 };

	a_num(&a, "x", x);
	a_num(&a, "y", y);
	a_str(&a, "font-size", size);
	if (anchor != NULL)
		a_str(&a, "text-anchor", anchor);
	text_el(o, &a, s);
}

static double
nice_max(double m)
{
	double p, f;

	if (m <= 0)
		return 1;
	p = pow(10, floor(log10(m)));
	f = m / p;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* Open the chart's group; draw its title, scale and axis. */
static void
frame(const struct ev_svg_sink *o, const struct ev_chart *c, double top,
    double *plot_x, double *plot_w, double *plot_h, double *base_y)
{
	double px = c->x + 56, pw = c->w - 72, py = c->y + 28,
	    ph = c->h - 28 - 44;
	struct attrs a = { .n = 0 };

	open_el(o, "g", a_str(&a, "class", "chart"));
	a.n = 0;
	a_num(&a, "x", c->x + 4);
	a_num(&a, "y", c->y + 16);
	a_str(&a, "font-size", "14");
	a_str(&a, "font-weight", "bold");
	text_el(o, &a, c->title);
	for (int i = 0; i <= 4; i++) {
		double yy = py + ph - ph * i / 4;
		char v[32];

		line_el(o, px, yy, px + pw, yy, "#ddd");
		(void)snprintf(v, sizeof(v), "%.0f", top * i / 4);
		label_el(o, px - 4, yy + 3, "10", "end", v);
	}
	line_el(o, px, py + ph, px + pw, py + ph, "#333");
	*plot_x = px;
	*plot_w = pw;
	*plot_h = ph;
	*base_y = py + ph;
}

static void
legend(const struct ev_svg_sink *o, const struct ev_chart *c)
{
	double lx = c->x + 60;

	for (size_t s = 0; s < c->nseries; s++) {
		struct attrs a = { .n = 0 };

		a_num(&a, "x", lx);
		a_num(&a, "y", c->y + c->h - 12);
		a_str(&a, "width", "10");
		a_str(&a, "height", "10");
		a_str(&a, "fill", c->series[s].color);
		open_el(o, "rect", &a);
		o->close(o->ctx);
		label_el(o, lx + 14, c->y + c->h - 3, "11", NULL,
		    c->series[s].name);
		lx += 24 + 7 * (double)strlen(c->series[s].name);
	}
}

static double
max_of(const struct ev_chart *c)
{
	double m = 0;

	for (size_t s = 0; s < c->nseries; s++)
		for (size_t i = 0; i < c->n; i++)
			if (c->series[s].v[i] > m)
				m = c->series[s].v[i];
	return nice_max(m);
}

/* Label every k-th point so labels do not overlap. */
static size_t
label_step(size_t n, double w)
{
	size_t k = 1, shown = n; /* labels drawn: every k-th, 44 units each */

	while ((double)shown * 44.0 > w)
		shown = n / ++k;
	return k;
}

void
ev_chart_bars_to(const struct ev_svg_sink *o, const struct ev_chart *c)
{
	double top = max_of(c), px, pw, ph, by, slot, bw;
	size_t step;

	frame(o, c, top, &px, &pw, &ph, &by);
	if (c->n == 0 || c->nseries == 0) {
		o->close(o->ctx);
		return;
	}
	slot = pw / (double)c->n;
	bw = slot * 0.8 / (double)c->nseries;
	step = label_step(c->n, pw);
	for (size_t i = 0; i < c->n; i++) {
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->series[s].v[i], hh = ph * v / top;
			struct attrs a = { .n = 0 };
			char t[300];

			if (v < 0)
				continue;
			a_num(&a, "x", px + slot * (double)i + slot * 0.1 +
				bw * (double)s);
			a_num(&a, "y", by - hh);
			a_num(&a, "width", bw);
			a_num(&a, "height", hh);
			a_str(&a, "fill", c->series[s].color);
			open_el(o, "rect", &a);
			open_el(o, "title", &(struct attrs){ .n = 0 });
			(void)snprintf(t, sizeof(t), "%s %s: %.0f",
			    c->series[s].name, c->labels[i], v);
			o->text(o->ctx, t);
			o->close(o->ctx);
			o->close(o->ctx);
		}
		if (i % step == 0)
			label_el(o, px + slot * ((double)i + 0.5), by + 12,
			    "10", "middle", c->labels[i]);
	}
	legend(o, c);
	o->close(o->ctx);
}

void
ev_chart_lines_to(const struct ev_svg_sink *o, const struct ev_chart *c)
{
	double top = max_of(c), px, pw, ph, by, dx;
	size_t step;
	struct buf pts;

	frame(o, c, top, &px, &pw, &ph, &by);
	if (c->n == 0 || c->nseries == 0) {
		o->close(o->ctx);
		return;
	}
	dx = c->n > 1 ? pw / (double)(c->n - 1) : 0;
	step = label_step(c->n, pw);
	buf_init(&pts, (size_t)1 << 20);
	for (size_t s = 0; s < c->nseries; s++) {
		struct attrs a = { .n = 0 };

		buf_reset(&pts);
		for (size_t i = 0; i < c->n; i++) {
			double v = c->series[s].v[i];

			buf_printf(&pts, "%s%.1f,%.1f", i ? " " : "",
			    px + dx * (double)i,
			    by - ph * (v < 0 ? 0 : v) / top);
		}
		a_str(&a, "fill", "none");
		a_str(&a, "stroke", c->series[s].color);
		a_str(&a, "stroke-width", "1.5");
		a_str(&a, "points", buf_str(&pts));
		open_el(o, "polyline", &a);
		open_el(o, "title", &(struct attrs){ .n = 0 });
		o->text(o->ctx, c->series[s].name);
		o->close(o->ctx);
		o->close(o->ctx);
	}
	buf_fini(&pts);
	for (size_t i = 0; i < c->n; i += step)
		label_el(o, px + dx * (double)i, by + 12, "10", "middle",
		    c->labels[i]);
	legend(o, c);
	o->close(o->ctx);
}

void
ev_chart_bars(struct buf *b, const struct ev_chart *c)
{
	struct ev_svg_buf sb;

	ev_svg_buf_init(&sb, b);
	ev_chart_bars_to(&sb.sink, c);
}

void
ev_chart_lines(struct buf *b, const struct ev_chart *c)
{
	struct ev_svg_buf sb;

	ev_svg_buf_init(&sb, b);
	ev_chart_lines_to(&sb.sink, c);
}
