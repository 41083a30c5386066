/* charts/timeline.c - periods along x: columns and timelines, dates shown as
 * dates. */
#include "kinds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tl_rgb BLUE = {0.000, 0.447, 0.698};

/* The x axis of periods: labels thinned so that none overlaps another. */
static int period_axis(frame *f, const tl_table *t, double x0, double x1,
                       double y, int centred)
{
	size_t n = t->nrows;
	char buf[48];
	double wmax = 0;
	int rc;
	int brief =
	    tl_period_brief(t->row_axis, (const char *const *)t->rows, n);
	for (size_t i = 0; i < n; i++) {
		double w, h;
		tl_format_period(t->row_axis, t->rows[i], f->o->english, brief,
		                 buf, sizeof(buf));
		if ((rc = tl_canvas_measure(f->c, buf, &f->small, 0, &w, &h,
		                            f->err)))
			return rc;
		if (w > wmax)
			wmax = w;
	}
	int every = tl_label_every(n, wmax, x1 - x0);
	cairo_set_source_rgb(f->cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(f->cr, 0.8);
	cairo_move_to(f->cr, x0, y);
	cairo_line_to(f->cr, x1, y);
	cairo_stroke(f->cr);
	for (size_t i = 0; i < n; i += (size_t)every) {
		double x =
		    centred ? x0 + (x1 - x0) * ((double)i + 0.5) / (double)n
		    : n > 1 ? x0 + (x1 - x0) * (double)i / (double)(n - 1)
		            : (x0 + x1) / 2;
		cairo_set_source_rgb(f->cr, 0.3, 0.3, 0.3);
		cairo_move_to(f->cr, x, y);
		cairo_line_to(f->cr, x, y + 3);
		cairo_stroke(f->cr);
		tl_format_period(t->row_axis, t->rows[i], f->o->english, brief,
		                 buf, sizeof(buf));
		if ((rc = tl_canvas_text(f->c, buf, &f->small, x, y + 4,
		                         TL_ALIGN_CENTER | TL_ALIGN_TOP, 0, 0,
		                         f->err)))
			return rc;
	}
	return 0;
}

/* Left margin for value labels and the rotated y title. */
static int value_margin(frame *f, tl_ticks tk, double *m)
{
	char buf[32];
	double w, h;
	tl_format_int((int64_t)tk.top, buf, sizeof(buf));
	int rc = tl_canvas_measure(f->c, buf, &f->small, 0, &w, &h, f->err);
	*m = w + 8 + (f->o->y_title ? 16 : 0);
	return rc;
}

static int y_title(frame *f, tl_rect r, double y0, double y1)
{
	if (!f->o->y_title)
		return 0;
	return tl_canvas_text(f->c, f->o->y_title, &f->axis_title, r.x,
	                      (y0 + y1) / 2, TL_ALIGN_CENTER | TL_ALIGN_TOP,
	                      -M_PI / 2, 0, f->err);
}

int tl_chart_column_in(frame *f, const tl_table *t, tl_rect r)
{
	const tl_chart_opts *o = f->o;
	size_t n = t->nrows, col = o->column < t->ncols ? o->column : 0;
	int rc;
	int64_t max = 0;
	for (size_t i = 0; i < n && t->ncols; i++)
		if (tl_table_get(t, i, col) > max)
			max = tl_table_get(t, i, col);
	tl_ticks tk = tl_ticks_nice(
	    o->value_max > (double)max ? o->value_max : (double)max, 5);
	double lm;
	if ((rc = frame_header(f, &r)) || (rc = value_margin(f, tk, &lm)))
		return rc;
	double bottom = 18 + (o->x_title ? 16 : 0);
	double x0 = r.x + lm, x1 = r.x + r.w, y0 = r.y + r.h - bottom,
	       y1 = r.y + 8;
	if ((rc = frame_value_axis_v(f, tk, y0, y1, x0, x1)))
		return rc;
	double slot = n ? (x1 - x0) / (double)n : 0;
	for (size_t i = 0; i < n && t->ncols; i++) {
		int64_t v = tl_table_get(t, i, col);
		double h = (y0 - y1) * ((double)v / tk.top);
		double x = x0 + slot * (double)i + slot * 0.15;
		frame_set(f->cr, BLUE);
		cairo_rectangle(f->cr, x, y0 - h, slot * 0.7, h);
		cairo_fill(f->cr);
		char buf[32];
		double w, th;
		tl_format_int(v, buf, sizeof(buf));
		if ((rc = tl_canvas_measure(f->c, buf, &f->small, 0, &w, &th,
		                            f->err)))
			return rc;
		if (v > 0 && w + 2 <= slot &&
		    (rc = tl_canvas_text(
		         f->c, buf, &f->small, x + slot * 0.35, y0 - h - 1,
		         TL_ALIGN_CENTER | TL_ALIGN_BOTTOM, 0, 0, f->err)))
			return rc;
	}
	if ((rc = period_axis(f, t, x0, x1, y0, 1)) ||
	    (rc = y_title(f, r, y0, y1)))
		return rc;
	if (o->x_title)
		rc = tl_canvas_text(
		    f->c, o->x_title, &f->axis_title, (x0 + x1) / 2, r.y + r.h,
		    TL_ALIGN_CENTER | TL_ALIGN_BOTTOM, 0, 0, f->err);
	return rc ? rc : tl_canvas_check(f->c, f->err);
}

int tl_chart_timeline_in(frame *f, const tl_table *t, tl_rect r)
{
	const tl_chart_opts *o = f->o;
	size_t n = t->nrows;
	int multi = t->col_axis != TL_BY_NONE;
	size_t first = multi ? 0 : (o->column < t->ncols ? o->column : 0);
	size_t nser = multi ? t->ncols : (t->ncols ? 1 : 0);
	if (multi && o->top && o->top < nser)
		nser = o->top;
	int rc;
	int64_t max = 0;
	size_t peak_r = 0, peak_s = 0;
	for (size_t s = 0; s < nser; s++)
		for (size_t i = 0; i < n; i++)
			if (tl_table_get(t, i, first + s) > max) {
				max = tl_table_get(t, i, first + s);
				peak_r = i, peak_s = s;
			}
	tl_rgb *colors = tl_xcalloc(nser + 1, sizeof(tl_rgb));
	const char **names = tl_xcalloc(nser + 1, sizeof(char *));
	for (size_t s = 0; s < nser; s++) {
		names[s] = t->cols[first + s];
		colors[s] = !multi      ? BLUE
		            : o->colors ? tl_colormap_get(o->colors, names[s])
		                        : tl_okabe_ito(s);
	}
	tl_ticks tk = tl_ticks_nice(
	    o->value_max > (double)max ? o->value_max : (double)max, 5);
	double lm;
	if ((rc = frame_header(f, &r)) ||
	    (multi && (rc = frame_legend(f, &r, names, colors, nser))) ||
	    (rc = value_margin(f, tk, &lm)))
		goto done;
	double bottom = 18 + (o->x_title ? 16 : 0);
	double x0 = r.x + lm + 4, x1 = r.x + r.w - 4, y0 = r.y + r.h - bottom,
	       y1 = r.y + 14;
	if ((rc = frame_value_axis_v(f, tk, y0, y1, x0 - 4, x1 + 4)))
		goto done;
#define PX(i)                                                                  \
	(n > 1 ? x0 + (x1 - x0) * (double)(i) / (double)(n - 1) : (x0 + x1) / 2)
#define PY(v) (y0 - (y0 - y1) * ((double)(v) / tk.top))
	for (size_t s = 0; s < nser; s++) {
		size_t c = first + s;
		if (!multi && o->area && n > 1) {
			cairo_move_to(f->cr, PX(0), y0);
			for (size_t i = 0; i < n; i++)
				cairo_line_to(f->cr, PX(i),
				              PY(tl_table_get(t, i, c)));
			cairo_line_to(f->cr, PX(n - 1), y0);
			cairo_close_path(f->cr);
			cairo_set_source_rgba(f->cr, colors[s].r, colors[s].g,
			                      colors[s].b, 0.18);
			cairo_fill(f->cr);
		}
		frame_set(f->cr, colors[s]);
		cairo_set_line_width(f->cr, multi ? 1.4 : 1.6);
		cairo_set_line_join(f->cr, CAIRO_LINE_JOIN_ROUND);
		for (size_t i = 0; i < n; i++) {
			double x = PX(i), y = PY(tl_table_get(t, i, c));
			if (i == 0)
				cairo_move_to(f->cr, x, y);
			else
				cairo_line_to(f->cr, x, y);
		}
		cairo_stroke(f->cr);
		if (n == 1 || (n <= 62 && (x1 - x0) / (double)n > 6))
			for (size_t i = 0; i < n; i++) {
				cairo_arc(f->cr, PX(i),
				          PY(tl_table_get(t, i, c)),
				          n == 1 ? 3 : 1.8, 0, 2 * M_PI);
				cairo_fill(f->cr);
			}
	}
	/* The largest peak, annotated. */
	if (max > 0 && nser) {
		char when[48], label[96], num[32];
		double px = PX(peak_r), py = PY(max), w, h;
		tl_format_period(t->row_axis, t->rows[peak_r], o->english, 0,
		                 when, sizeof(when));
		tl_format_int(max, num, sizeof(num));
		if (multi)
			snprintf(label, sizeof(label),
			         o->english ? "peak %s: %s, %s"
			                    : "峰值 %s：%s %s",
			         when, names[peak_s], num);
		else
			snprintf(label, sizeof(label),
			         o->english ? "peak %s: %s" : "峰值 %s：%s",
			         when, num);
		if ((rc = tl_canvas_measure(f->c, label, &f->small, 0, &w, &h,
		                            f->err)))
			goto done;
		double lx = px, ly = py - 6;
		int align = TL_ALIGN_CENTER | TL_ALIGN_BOTTOM;
		if (lx - w / 2 < x0)
			align = TL_ALIGN_LEFT | TL_ALIGN_BOTTOM, lx = px + 4;
		else if (lx + w / 2 > x1)
			align = TL_ALIGN_RIGHT | TL_ALIGN_BOTTOM, lx = px - 4;
		cairo_set_source_rgb(f->cr, 0.2, 0.2, 0.2);
		cairo_arc(f->cr, px, py, 3, 0, 2 * M_PI);
		cairo_set_line_width(f->cr, 1);
		cairo_stroke(f->cr);
		if ((rc = tl_canvas_text(f->c, label, &f->small, lx, ly, align,
		                         0, 0, f->err)))
			goto done;
	}
#undef PX
#undef PY
	if ((rc = period_axis(f, t, x0, x1, y0, 0)) ||
	    (rc = y_title(f, r, y0, y1)))
		goto done;
	if (o->x_title)
		rc = tl_canvas_text(
		    f->c, o->x_title, &f->axis_title, (x0 + x1) / 2, r.y + r.h,
		    TL_ALIGN_CENTER | TL_ALIGN_BOTTOM, 0, 0, f->err);
done:
	free(colors);
	free(names);
	return rc ? rc : tl_canvas_check(f->c, f->err);
}
