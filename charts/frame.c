/* charts/frame.c - header, legend and value axes shared by the charts. */
#include "frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Three sizes only: every distinct size makes Pango match fonts anew
 * (two threads and a fontconfig sort each). One weight: a chart's PDF
 * embeds a subset of each CJK face it uses, and cairo copies the face's
 * whole CFF table (15.5 MB, twice) to make it; a bold title was a
 * second face, 20-28 ms of every PDF chart (heatmap 126 -> 107 ms,
 * timeline 104 -> 80, calendar 101 -> 73, bar 90 -> 68; hyperfine
 * means of 10 on the 100k database). The title stands out by its size
 * and colour. */
static const tl_font FONT_TITLE = {15, 0, {0.1, 0.1, 0.1}};
static const tl_font FONT_SUB = {9, 0, {0.35, 0.35, 0.35}};
static const tl_font FONT_LABEL = {9, 0, {0.15, 0.15, 0.15}};
static const tl_font FONT_SMALL = {8, 0, {0.35, 0.35, 0.35}};
static const tl_font FONT_AXIS = {8, 0, {0.3, 0.3, 0.3}};

void frame_init(frame *f, tl_canvas *c, const tl_chart_opts *o, tl_error *err)
{
	f->c = c;
	f->cr = tl_canvas_cr(c);
	f->o = o;
	f->err = err;
	f->title = FONT_TITLE;
	f->subtitle = FONT_SUB;
	f->label = FONT_LABEL;
	f->small = FONT_SMALL;
	f->axis_title = FONT_AXIS;
}

void frame_set(cairo_t *cr, tl_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

int frame_header(frame *f, tl_rect *r)
{
	double w, h;
	int rc;
	if (f->o->title && *f->o->title) {
		if ((rc = tl_canvas_measure(f->c, f->o->title, &f->title, r->w,
		                            &w, &h, f->err)) ||
		    (rc = tl_canvas_text(f->c, f->o->title, &f->title, r->x,
		                         r->y, 0, 0, r->w, f->err)))
			return rc;
		r->y += h + 2;
		r->h -= h + 2;
	}
	if (f->o->subtitle && *f->o->subtitle) {
		if ((rc = tl_canvas_measure(f->c, f->o->subtitle, &f->subtitle,
		                            r->w, &w, &h, f->err)) ||
		    (rc = tl_canvas_text(f->c, f->o->subtitle, &f->subtitle,
		                         r->x, r->y, 0, 0, r->w, f->err)))
			return rc;
		r->y += h;
		r->h -= h;
	}
	r->y += 10;
	r->h -= 10;
	return 0;
}

int frame_legend(frame *f, tl_rect *r, const char *const *names,
                 const tl_rgb *colors, size_t n)
{
	double x = r->x, y = r->y, lh = 0;
	int rc;
	for (size_t i = 0; i < n; i++) {
		double w, h;
		if ((rc = tl_canvas_measure(f->c, names[i], &f->small, 0, &w,
		                            &h, f->err)))
			return rc;
		double item = 10 + 4 + w + 12;
		if (x > r->x && x + item > r->x + r->w) {
			x = r->x;
			y += lh + 3;
		}
		lh = h > lh ? h : lh;
		frame_set(f->cr, colors[i]);
		cairo_rectangle(f->cr, x, y + h / 2 - 5, 10, 10);
		cairo_fill(f->cr);
		if ((rc = tl_canvas_text(f->c, names[i], &f->small, x + 14,
		                         y + h / 2, TL_ALIGN_MIDDLE, 0, 0,
		                         f->err)))
			return rc;
		x += item;
	}
	if (n) {
		double used = y + lh + 8 - r->y;
		r->y += used;
		r->h -= used;
	}
	return 0;
}

int frame_widest(frame *f, const char *const *labels, size_t n,
                 const tl_font *font, double *wmax)
{
	*wmax = 0;
	for (size_t i = 0; i < n; i++) {
		double w, h;
		int rc =
		    tl_canvas_measure(f->c, labels[i], font, 0, &w, &h, f->err);
		if (rc)
			return rc;
		if (w > *wmax)
			*wmax = w;
	}
	return 0;
}

/* Grid lines across [y0, y1] at n + 1 even steps from x0 to x1, each
 * labelled under y1 by label(i). */
static int grid_h(frame *f, int n, double x0, double x1, double y0, double y1,
                  void (*label)(int i, const void *ud, char *buf, size_t len),
                  const void *ud)
{
	char buf[32];
	cairo_set_line_width(f->cr, 0.5);
	for (int i = 0; i <= n; i++) {
		double x = x0 + (x1 - x0) * i / (double)n;
		double g = i ? 0.88 : 0.3;
		cairo_set_source_rgb(f->cr, g, g, g);
		cairo_move_to(f->cr, x, y0);
		cairo_line_to(f->cr, x, y1);
		cairo_stroke(f->cr);
		label(i, ud, buf, sizeof(buf));
		int rc = tl_canvas_text(f->c, buf, &f->small, x, y1 + 3,
		                        TL_ALIGN_CENTER | TL_ALIGN_TOP, 0, 0,
		                        f->err);
		if (rc)
			return rc;
	}
	return 0;
}

static void tick_label(int i, const void *ud, char *buf, size_t len)
{
	const tl_ticks *tk = ud;
	tl_format_int((int64_t)llround(tk->step * i), buf, len);
}

static void share_label(int i, const void *ud, char *buf, size_t len)
{
	(void)ud;
	snprintf(buf, len, "%d%%", i * 25);
}

int frame_value_axis_h(frame *f, tl_ticks tk, double x0, double x1, double y0,
                       double y1)
{
	return grid_h(f, tk.count - 1, x0, x1, y0, y1, tick_label, &tk);
}

int frame_share_axis_h(frame *f, double x0, double x1, double y0, double y1)
{
	return grid_h(f, 4, x0, x1, y0, y1, share_label, NULL);
}

int frame_value_axis_v(frame *f, tl_ticks tk, double y0, double y1, double x0,
                       double x1)
{
	char buf[32];
	cairo_set_line_width(f->cr, 0.5);
	for (int i = 0; i < tk.count; i++) {
		double v = tk.step * i;
		double y = y0 + (y1 - y0) * (v / tk.top);
		cairo_set_source_rgb(f->cr, i ? 0.88 : 0.3, i ? 0.88 : 0.3,
		                     i ? 0.88 : 0.3);
		cairo_move_to(f->cr, x0, y);
		cairo_line_to(f->cr, x1, y);
		cairo_stroke(f->cr);
		tl_format_int((int64_t)llround(v), buf, sizeof(buf));
		int rc = tl_canvas_text(f->c, buf, &f->small, x0 - 4, y,
		                        TL_ALIGN_RIGHT | TL_ALIGN_MIDDLE, 0, 0,
		                        f->err);
		if (rc)
			return rc;
	}
	return 0;
}

void fold_top(const tl_table *t, size_t col, size_t top, int english,
              folded *out)
{
	size_t n = t->nrows;
	size_t keep = top && top < n ? top : n;
	out->n = keep + (keep < n);
	out->labels = tl_xcalloc(out->n + 1, sizeof(char *));
	out->values = tl_xcalloc(out->n + 1, sizeof(int64_t));
	out->rows = tl_xcalloc(out->n + 1, sizeof(size_t));
	for (size_t i = 0; i < keep; i++) {
		out->labels[i] = t->rows[i];
		out->values[i] = col < t->ncols ? tl_table_get(t, i, col) : 0;
		out->rows[i] = i;
	}
	if (keep < n) {
		int64_t rest = 0;
		for (size_t i = keep; i < n; i++)
			rest += col < t->ncols ? tl_table_get(t, i, col) : 0;
		out->labels[keep] = english ? "Other" : "其他";
		out->values[keep] = rest;
		out->rows[keep] = (size_t)-1;
	}
}

void folded_release(folded *f)
{
	free(f->labels);
	free(f->values);
	free(f->rows);
	memset(f, 0, sizeof(*f));
}
