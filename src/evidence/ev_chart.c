/* SPDX-License-Identifier: ISC */
/*
 * SVG charts drawn by the program: grouped bars and lines over labelled
 * points, with axes, a scale and a legend.  Every text (titles, labels,
 * series names) is escaped; numbers are formatted here.  No JavaScript,
 * no external style: the SVG stands alone or inside a page.
 */
#include "evidence/ev_chart.h"

#include <math.h>
#include <stdio.h>
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

static void
frame(struct buf *b, const struct ev_chart *c, double top, double *plot_x,
    double *plot_w, double *plot_h, double *base_y)
{
	double px = c->x + 56, pw = c->w - 72, py = c->y + 28,
	    ph = c->h - 28 - 44;

	buf_printf(b, "<g class=\"chart\">\n<text x=\"%.1f\" y=\"%.1f\" "
		      "font-size=\"14\" font-weight=\"bold\">",
	    c->x + 4, c->y + 16);
	ev_svg_text(b, c->title);
	buf_puts(b, "</text>\n");
	for (int i = 0; i <= 4; i++) {
		double yy = py + ph - ph * i / 4;

		buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			      "y2=\"%.1f\" stroke=\"#ddd\"/>\n"
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
			      "text-anchor=\"end\">%.0f</text>\n",
		    px, yy, px + pw, yy, px - 4, yy + 3, top * i / 4);
	}
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		      "stroke=\"#333\"/>\n",
	    px, py + ph, px + pw, py + ph);
	*plot_x = px;
	*plot_w = pw;
	*plot_h = ph;
	*base_y = py + ph;
}

static void
legend(struct buf *b, const struct ev_chart *c)
{
	double lx = c->x + 60;

	for (size_t s = 0; s < c->nseries; s++) {
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
			      "height=\"10\" fill=\"%s\"/>"
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">",
		    lx, c->y + c->h - 12, c->series[s].color, lx + 14,
		    c->y + c->h - 3);
		ev_svg_text(b, c->series[s].name);
		buf_puts(b, "</text>\n");
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
	size_t k = 1;

	while ((double)(n / k) * 44.0 > w)
		k++;
	return k;
}

void
ev_chart_bars(struct buf *b, const struct ev_chart *c)
{
	double top = max_of(c), px, pw, ph, by, slot, bw;
	size_t step;

	frame(b, c, top, &px, &pw, &ph, &by);
	if (c->n == 0 || c->nseries == 0) {
		buf_puts(b, "</g>\n");
		return;
	}
	slot = pw / (double)c->n;
	bw = slot * 0.8 / (double)c->nseries;
	step = label_step(c->n, pw);
	for (size_t i = 0; i < c->n; i++) {
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->series[s].v[i], hh = ph * v / top;

			if (v < 0)
				continue;
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" "
				      "width=\"%.1f\" height=\"%.1f\" "
				      "fill=\"%s\"><title>",
			    px + slot * (double)i + slot * 0.1 +
				bw * (double)s,
			    by - hh, bw, hh, c->series[s].color);
			ev_svg_text(b, c->series[s].name);
			buf_puts(b, " ");
			ev_svg_text(b, c->labels[i]);
			buf_printf(b, ": %.0f</title></rect>\n", v);
		}
		if (i % step == 0) {
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
				      "font-size=\"10\" text-anchor=\"middle\">",
			    px + slot * ((double)i + 0.5), by + 12);
			ev_svg_text(b, c->labels[i]);
			buf_puts(b, "</text>\n");
		}
	}
	legend(b, c);
	buf_puts(b, "</g>\n");
}

void
ev_chart_lines(struct buf *b, const struct ev_chart *c)
{
	double top = max_of(c), px, pw, ph, by, dx;
	size_t step;

	frame(b, c, top, &px, &pw, &ph, &by);
	if (c->n == 0 || c->nseries == 0) {
		buf_puts(b, "</g>\n");
		return;
	}
	dx = c->n > 1 ? pw / (double)(c->n - 1) : 0;
	step = label_step(c->n, pw);
	for (size_t s = 0; s < c->nseries; s++) {
		buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" "
			      "stroke-width=\"1.5\" points=\"",
		    c->series[s].color);
		for (size_t i = 0; i < c->n; i++) {
			double v = c->series[s].v[i];

			buf_printf(b, "%s%.1f,%.1f", i ? " " : "",
			    px + dx * (double)i,
			    by - ph * (v < 0 ? 0 : v) / top);
		}
		buf_puts(b, "\"><title>");
		ev_svg_text(b, c->series[s].name);
		buf_puts(b, "</title></polyline>\n");
	}
	for (size_t i = 0; i < c->n; i += step) {
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
			      "text-anchor=\"middle\">",
		    px + dx * (double)i, by + 12);
		ev_svg_text(b, c->labels[i]);
		buf_puts(b, "</text>\n");
	}
	legend(b, c);
	buf_puts(b, "</g>\n");
}
