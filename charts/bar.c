/* charts/bar.c - horizontal ranked bars and stacked bars: long Chinese labels
 * stay whole. */
#include "kinds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tl_rgb BAR_BLUE = {0.000, 0.447, 0.698};
static const tl_rgb GREY = {0.6, 0.6, 0.6};

#define ROW_MIN 15.0 /* points a bar row needs to keep its label readable */

double tl_bar_natural_height(size_t rows, int legend_rows)
{
	return 60 + 36 + 14.0 * legend_rows + ROW_MIN * (double)rows;
}

/* Room for the row labels: the widest, but at most 40 % of the width
 * (longer ones wrap onto two lines, never cut). */
static int label_column(frame *f, const char *const *labels, size_t n,
                        double width, double *lw)
{
	int rc = frame_widest(f, labels, n, &f->label, lw);
	if (rc)
		return rc;
	if (*lw > width * 0.4)
		*lw = width * 0.4;
	return 0;
}

static int value_width(frame *f, int64_t max, double *w)
{
	char buf[32];
	double h;
	tl_format_int(max, buf, sizeof(buf));
	return tl_canvas_measure(f->c, buf, &f->small, 0, w, &h, f->err);
}

static int row_label(frame *f, const char *label, double x, double y, double lw,
                     double row_h)
{
	tl_font font = row_h < 13 ? f->small : f->label;
	return tl_canvas_text(f->c, label, &font, x, y,
	                      TL_ALIGN_RIGHT | TL_ALIGN_MIDDLE, 0, lw, f->err);
}

/* A row's label at the left and its value at the bar's end. */
static int row_ends(frame *f, const char *label, int64_t value, double lx,
                    double lw, double vx, double cy, double row_h)
{
	char buf[32];
	int rc;
	tl_format_int(value, buf, sizeof(buf));
	if ((rc = row_label(f, label, lx, cy, lw, row_h)))
		return rc;
	return tl_canvas_text(f->c, buf, &f->small, vx, cy, TL_ALIGN_MIDDLE, 0,
	                      0, f->err);
}

/* Two white slashes across a bar too long for the scale. */
static void break_mark(cairo_t *cr, double x, double cy, double bh)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 2.5);
	for (int k = 0; k < 2; k++) {
		double bx = x + 5 * k;
		cairo_move_to(cr, bx - bh * 0.3, cy + bh * 0.6);
		cairo_line_to(cr, bx + bh * 0.3, cy - bh * 0.6);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The zero line over the bars' feet, and the value axis title. */
static int bar_feet(frame *f, tl_rect r, double x0, double x1, double y0,
                    double y1)
{
	cairo_set_source_rgb(f->cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(f->cr, 0.8);
	cairo_move_to(f->cr, x0, y0);
	cairo_line_to(f->cr, x0, y1);
	cairo_stroke(f->cr);
	if (!f->o->x_title)
		return 0;
	return tl_canvas_text(f->c, f->o->x_title, &f->axis_title,
	                      (x0 + x1) / 2, r.y + r.h,
	                      TL_ALIGN_CENTER | TL_ALIGN_BOTTOM, 0, 0, f->err);
}

int tl_chart_bar_in(frame *f, const tl_table *t, tl_rect r)
{
	const tl_chart_opts *o = f->o;
	folded fd;
	int rc;
	double lw, vw;
	fold_top(t, o->column, o->top, o->english, &fd);
	int64_t max = 0, named = 0;
	for (size_t i = 0; i < fd.n; i++) {
		if (fd.values[i] > max)
			max = fd.values[i];
		if (fd.rows[i] != (size_t)-1 && fd.values[i] > named)
			named = fd.values[i];
	}
	/* 其他 (the sum of every department not shown) can dwarf the
	 * ranked ones: then the scale is the ranked bars' and the 其他 bar is
	 * drawn broken, its value written at its end. */
	int broken = named > 0 && (double)max > 1.5 * (double)named &&
	             o->value_max <= (double)named;
	int64_t scale = broken ? named : max;
	if ((rc = frame_header(f, &r)) ||
	    (rc = label_column(f, fd.labels, fd.n, r.w, &lw)) ||
	    (rc = value_width(f, max, &vw)))
		goto done;
	double bottom = 16 + (o->x_title ? 16 : 0);
	double x0 = r.x + lw + 8, x1 = r.x + r.w - vw - 8;
	double y0 = r.y, y1 = r.y + r.h - bottom;
	tl_ticks tk = tl_ticks_nice(
	    o->value_max > (double)scale ? o->value_max : (double)scale, 5);
	if ((rc = frame_value_axis_h(f, tk, x0, x1, y0, y1)))
		goto done;
	double row_h = fd.n ? (y1 - y0) / (double)fd.n : 0;
	for (size_t i = 0; i < fd.n; i++) {
		double cy = y0 + row_h * ((double)i + 0.5);
		double bw = (x1 - x0) * ((double)fd.values[i] / tk.top);
		double bh = row_h * 0.68;
		int cut = bw > x1 - x0;
		if (cut)
			bw = x1 - x0;
		frame_set(f->cr, fd.rows[i] == (size_t)-1 ? GREY : BAR_BLUE);
		cairo_rectangle(f->cr, x0, cy - bh / 2, bw, bh);
		cairo_fill(f->cr);
		if (cut)
			break_mark(f->cr, x0 + bw * 0.85, cy, bh);
		if ((rc = row_ends(f, fd.labels[i], fd.values[i], r.x + lw, lw,
		                   x0 + bw + 3, cy, row_h)))
			goto done;
	}
	rc = bar_feet(f, r, x0, x1, y0, y1);
done:
	folded_release(&fd);
	return rc ? rc : tl_canvas_check(f->c, f->err);
}

/* Stacked: rows are departments (top N, the rest as 其他), segments the
 * columns (kinds in Okabe-Ito, periods in viridis). */
int tl_chart_stacked_in(frame *f, const tl_table *t, tl_rect r)
{
	const tl_chart_opts *o = f->o;
	int rc = 0;
	size_t keep = o->top && o->top < t->nrows ? o->top : t->nrows;
	size_t nrows = keep + (keep < t->nrows);
	int periods = tl_axis_is_date(t->col_axis);
	size_t kcols = !periods && t->ncols > 8 ? 7 : t->ncols;
	size_t ncols = kcols + (kcols < t->ncols);
	const char **rl = tl_xcalloc(nrows + 1, sizeof(char *));
	const char **cl = tl_xcalloc(ncols + 1, sizeof(char *));
	char **cl_owned = tl_xcalloc(ncols + 1, sizeof(char *));
	int64_t *v = tl_xcalloc(nrows * ncols + 1, sizeof(int64_t));
	int64_t *tot = tl_xcalloc(nrows + 1, sizeof(int64_t));
	tl_rgb *colors = tl_xcalloc(ncols + 1, sizeof(tl_rgb));
	const char *other = o->english ? "Other" : "其他";
	for (size_t i = 0; i < t->nrows; i++) {
		size_t ri = i < keep ? i : keep;
		rl[ri] = i < keep ? t->rows[i] : other;
		for (size_t j = 0; j < t->ncols; j++) {
			size_t cj = j < kcols ? j : kcols;
			v[ri * ncols + cj] += tl_table_get(t, i, j);
			tot[ri] += tl_table_get(t, i, j);
		}
	}
	for (size_t j = 0; j < ncols; j++) {
		if (j < kcols && periods) {
			char buf[48];
			tl_format_period(t->col_axis, t->cols[j], o->english, 0,
			                 buf, sizeof(buf));
			cl[j] = cl_owned[j] = tl_xstrdup(buf);
			colors[j] = tl_viridis(
			    ncols > 1 ? (double)j / (double)(ncols - 1) : 0.5);
		} else if (j < kcols) {
			cl[j] = t->cols[j];
			/* Departments keep their colour across charts; other
			 * categories take Okabe-Ito in rank order. */
			colors[j] = o->colors && t->col_axis == TL_BY_DEPARTMENT
			                ? tl_colormap_get(o->colors, cl[j])
			                : tl_okabe_ito(j);
		} else {
			cl[j] = other;
			colors[j] = GREY;
		}
	}
	int64_t max = 0;
	for (size_t i = 0; i < nrows; i++)
		if (tot[i] > max)
			max = tot[i];
	double lw, vw;
	if ((rc = frame_header(f, &r)) ||
	    (rc = frame_legend(f, &r, cl, colors, ncols)) ||
	    (rc = label_column(f, rl, nrows, r.w, &lw)) ||
	    (rc = value_width(f, max, &vw)))
		goto done;
	double bottom = 16 + (o->x_title ? 16 : 0);
	double x0 = r.x + lw + 8, x1 = r.x + r.w - vw - 8;
	double y0 = r.y, y1 = r.y + r.h - bottom;
	tl_ticks tk = tl_ticks_nice(
	    o->value_max > (double)max ? o->value_max : (double)max, 5);
	rc = o->shares ? frame_share_axis_h(f, x0, x1, y0, y1)
	               : frame_value_axis_h(f, tk, x0, x1, y0, y1);
	if (rc)
		goto done;
	double row_h = nrows ? (y1 - y0) / (double)nrows : 0;
	for (size_t i = 0; i < nrows; i++) {
		double cy = y0 + row_h * ((double)i + 0.5), bh = row_h * 0.68;
		double x = x0;
		/* Shares: every row is a whole; the total stays at its end. */
		double whole =
		    o->shares ? (double)(tot[i] ? tot[i] : 1) : tk.top;
		for (size_t j = 0; j < ncols; j++) {
			double w =
			    (x1 - x0) * ((double)v[i * ncols + j] / whole);
			if (w <= 0)
				continue;
			frame_set(f->cr, colors[j]);
			cairo_rectangle(f->cr, x, cy - bh / 2, w, bh);
			cairo_fill(f->cr);
			/* A thin white seam keeps neighbours apart. */
			cairo_set_source_rgb(f->cr, 1, 1, 1);
			cairo_set_line_width(f->cr, 0.6);
			cairo_move_to(f->cr, x + w, cy - bh / 2);
			cairo_line_to(f->cr, x + w, cy + bh / 2);
			cairo_stroke(f->cr);
			x += w;
		}
		if ((rc = row_ends(f, rl[i], tot[i], r.x + lw, lw, x + 3, cy,
		                   row_h)))
			goto done;
	}
	rc = bar_feet(f, r, x0, x1, y0, y1);
done:
	for (size_t j = 0; j < ncols; j++)
		free(cl_owned[j]);
	free(cl_owned);
	free(rl);
	free(cl);
	free(v);
	free(tot);
	free(colors);
	return rc ? rc : tl_canvas_check(f->c, f->err);
}
