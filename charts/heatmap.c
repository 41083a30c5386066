/* charts/heatmap.c - department x period heatmaps and the calendar of days. */
#include "../analyze/cndate.h"
#include "kinds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tl_rgb EMPTY = {0.922, 0.929, 0.941}; /* no activity */

/* More is darker: viridis read from yellow (few) to purple (many). */
static tl_rgb shade(int64_t v, int64_t max)
{
	if (v <= 0 || max <= 0)
		return EMPTY;
	return tl_viridis(1.0 - 0.92 * (double)v / (double)max - 0.04);
}

/* The key: "0 ▢  1 ■■■■■ N" (fewer shades when N is small). */
static int scale_legend(frame *f, tl_rect *r, int64_t max)
{
	char lo[32], hi[32];
	double w, h, x = r->x;
	int rc, shades = max < 5 ? (int)(max > 0 ? max : 0) : 5;
	tl_format_int(max, hi, sizeof(hi));
	snprintf(lo, sizeof(lo), "%s 0", f->o->english ? "none" : "无");
	if ((rc = tl_canvas_measure(f->c, lo, &f->small, 0, &w, &h, f->err)) ||
	    (rc =
	         tl_canvas_text(f->c, lo, &f->small, x, r->y, 0, 0, 0, f->err)))
		return rc;
	x += w + 4;
	frame_set(f->cr, EMPTY);
	cairo_rectangle(f->cr, x, r->y + h / 2 - 5, 10, 10);
	cairo_fill(f->cr);
	x += 22;
	if (shades) {
		if ((rc = tl_canvas_text(f->c, "1", &f->small, x, r->y, 0, 0, 0,
		                         f->err)))
			return rc;
		x += 10;
		for (int i = 0; i < shades; i++) {
			int64_t v =
			    shades > 1 ? 1 + (max - 1) * i / (shades - 1) : max;
			frame_set(f->cr, shade(v, max));
			cairo_rectangle(f->cr, x, r->y + h / 2 - 5, 10, 10);
			cairo_fill(f->cr);
			x += 12;
		}
		if (max > 1 && (rc = tl_canvas_text(f->c, hi, &f->small, x + 2,
		                                    r->y, 0, 0, 0, f->err)))
			return rc;
	}
	r->y += h + 8;
	r->h -= h + 8;
	return 0;
}

/* Calendar geometry: weeks shown and the cell size for a width. */
/* A calendar's bands: one for a period of up to 53 weeks; one per year
 * (54 week columns, January under January) for a longer one, so cells
 * stay large enough to see and weekdays to label. */
typedef struct {
	tl_date first, last;
	int bands;
	long columns; /* week columns a band */
} cal_shape;

static int calendar_shape(const tl_table *t, cal_shape *cs)
{
	if (!t->nrows || tl_date_parse_iso(t->rows[0], &cs->first) ||
	    tl_date_parse_iso(t->rows[t->nrows - 1], &cs->last))
		return -1;
	long weeks = (tl_date_to_days(cs->last) -
	              tl_date_to_days(tl_date_monday(cs->first))) /
	                 7 +
	             1;
	cs->bands = weeks > 53 ? cs->last.y - cs->first.y + 1 : 1;
	cs->columns = cs->bands > 1 ? 54 : weeks;
	return 0;
}

#define CAL_TOP  16 /* month labels over a band */
#define CAL_GAP  14 /* between bands */
#define CAL_LEFT 48 /* weekday (and year) labels, about */

double tl_calendar_natural_height(const tl_table *t, double width)
{
	cal_shape cs;
	if (calendar_shape(t, &cs))
		return 0;
	double cell = (width - CAL_LEFT - 30) / (double)cs.columns;
	if (cell > 36)
		cell = 36;
	return 48 + 60 + 30 + cs.bands * (CAL_TOP + 7 * cell) +
	       (cs.bands - 1) * CAL_GAP;
}

/* A cell by its value, then its place: cells of one colour together. */
typedef struct {
	int64_t v;
	size_t at;
} cell_ref;

/* Where the cells go: the first nrows rows and ncols columns of t, as
 * the chart shows them, from (x0, y0) in cells of cell_w x cell_h, each
 * inset half a unit (a unit's gap between cells). */
typedef struct {
	const tl_table *t;
	size_t nrows, ncols;
	int64_t max;
	double x0, y0, cell_w, cell_h;
} grid;

static int cmp_cell_ref(const void *a, const void *b)
{
	const cell_ref *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* One fill per colour (a colour per value): thousands of cells are a
 * few dozen paths. */
static void cells_as_paths(cairo_t *cr, const grid *g)
{
	size_t ncells = g->nrows * g->ncols;
	cell_ref *order = tl_xmalloc((ncells + 1) * sizeof(cell_ref));
	for (size_t k = 0; k < ncells; k++)
		order[k] = (cell_ref){
		    tl_table_get(g->t, k / g->ncols, k % g->ncols), k};
	qsort(order, ncells, sizeof(cell_ref), cmp_cell_ref);
	for (size_t k = 0; k < ncells; k++) {
		size_t i = order[k].at / g->ncols, j = order[k].at % g->ncols;
		cairo_rectangle(cr, g->x0 + g->cell_w * (double)j + 0.5,
		                g->y0 + g->cell_h * (double)i + 0.5,
		                g->cell_w - 1, g->cell_h - 1);
		if (k + 1 == ncells || order[k + 1].v != order[k].v) {
			frame_set(cr, shade(order[k].v, g->max));
			cairo_fill(cr);
		}
	}
	free(order);
}

/* The cells as an image a row, scaled without smoothing, for a PDF: as
 * paths, cairo prints every corner of every cell (345 KB of page content
 * at 40 x 131 cells, a third of the chart's time). A row's image is a
 * pixel high and about a pixel a unit wide, a cell kw pixels of which
 * the first is its gap; it is drawn over the row less half a unit at the
 * top and the bottom, and white lines keep the gaps between rows at low
 * resolutions (docs/performance.md: the forms tried). 1 when not drawn
 * so (cells too small, or the image too wide), 0 when drawn, -1 when out
 * of memory. */
static int cells_as_image(cairo_t *cr, const grid *g)
{
	long kw = lround(g->cell_w);
	if (g->cell_w < 2 || g->cell_h < 2 || !g->nrows || !g->ncols ||
	    (double)g->ncols * (double)kw >= 32767)
		return 1;
	int w = (int)((long)g->ncols * kw + 1);
	double sx = g->cell_w / (double)kw;
	for (size_t i = 0; i < g->nrows; i++) {
		cairo_surface_t *img =
		    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, 1);
		if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(img);
			return -1;
		}
		cairo_surface_flush(img);
		uint32_t *px =
		    (uint32_t *)(void *)cairo_image_surface_get_data(img);
		for (size_t j = 0; j < g->ncols; j++) {
			tl_rgb c = shade(tl_table_get(g->t, i, j), g->max);
			uint32_t v = (uint32_t)lround(c.r * 255) << 16 |
			             (uint32_t)lround(c.g * 255) << 8 |
			             (uint32_t)lround(c.b * 255);
			uint32_t *cell = px + j * (size_t)kw;
			cell[0] = 0xFFFFFF;
			for (long x = 1; x < kw; x++)
				cell[x] = v;
		}
		px[w - 1] = 0xFFFFFF;
		cairo_surface_mark_dirty(img);
		cairo_save(cr);
		cairo_translate(cr, g->x0 - sx / 2,
		                g->y0 + g->cell_h * (double)i + 0.5);
		cairo_scale(cr, sx, g->cell_h - 1);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr),
		                         CAIRO_FILTER_NEAREST);
		cairo_rectangle(cr, 0, 0, w, 1);
		cairo_fill(cr);
		cairo_restore(cr);
		cairo_surface_destroy(img);
	}
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 1);
	for (size_t i = 0; i <= g->nrows; i++) {
		double y = g->y0 + g->cell_h * (double)i;
		cairo_move_to(cr, g->x0, y);
		cairo_line_to(cr, g->x0 + g->cell_w * (double)g->ncols, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
	return 0;
}

int tl_chart_heatmap_in(frame *f, const tl_table *t, tl_rect r)
{
	int brief = tl_period_brief(t->col_axis, (const char *const *)t->cols,
	                            t->ncols);
	const tl_chart_opts *o = f->o;
	size_t nrows = o->top && o->top < t->nrows ? o->top : t->nrows;
	size_t ncols = t->ncols;
	int64_t max = 0;
	int rc;
	for (size_t i = 0; i < nrows; i++)
		for (size_t j = 0; j < ncols; j++)
			if (tl_table_get(t, i, j) > max)
				max = tl_table_get(t, i, j);
	double lw, cw = 0;
	if ((rc = frame_header(f, &r)) || (rc = scale_legend(f, &r, max)) ||
	    (rc = frame_widest(f, (const char *const *)t->rows, nrows,
	                       &f->label, &lw)))
		return rc;
	if (lw > r.w * 0.35)
		lw = r.w * 0.35;
	char buf[48];
	for (size_t j = 0; j < ncols; j++) {
		double w, h;
		tl_format_period(t->col_axis, t->cols[j], o->english, brief,
		                 buf, sizeof(buf));
		if ((rc = tl_canvas_measure(f->c, buf, &f->small, 0, &w, &h,
		                            f->err)))
			return rc;
		if (w > cw)
			cw = w;
	}
	double x0 = r.x + lw + 8, x1 = r.x + r.w, y0 = r.y + 16;
	double cell_w = ncols ? (x1 - x0) / (double)ncols : 0;
	double cell_h = nrows ? (r.y + r.h - y0) / (double)nrows : 0;
	if (cell_h > 22)
		cell_h = 22;
	int every = tl_label_every(ncols, cw, x1 - x0);
	for (size_t j = 0; j < ncols; j += (size_t)every) {
		tl_format_period(t->col_axis, t->cols[j], o->english, brief,
		                 buf, sizeof(buf));
		if ((rc = tl_canvas_text(
		         f->c, buf, &f->small, x0 + cell_w * ((double)j + 0.5),
		         y0 - 3, TL_ALIGN_CENTER | TL_ALIGN_BOTTOM, 0, 0,
		         f->err)))
			return rc;
	}
	tl_font label = cell_h < 13 ? f->small : f->label;
	/* Values go in every cell or in none: when the widest (the largest,
	 * its digits as 0s) fits. One measure, not one per cell. */
	int show_values = 0;
	{
		double w, h;
		tl_format_int(max, buf, sizeof(buf));
		for (char *p = buf; *p; p++)
			if (*p >= '1' && *p <= '9')
				*p = '0';
		if ((rc = tl_canvas_measure(f->c, buf, &f->small, 0, &w, &h,
		                            f->err)))
			return rc;
		show_values = w + 2 <= cell_w && h <= cell_h + 1;
	}
	for (size_t i = 0; i < nrows; i++)
		if ((rc = tl_canvas_text(f->c, t->rows[i], &label, r.x + lw,
		                         y0 + cell_h * ((double)i + 0.5),
		                         TL_ALIGN_RIGHT | TL_ALIGN_MIDDLE, 0,
		                         lw, f->err)))
			return rc;
	grid g = {t, nrows, ncols, max, x0, y0, cell_w, cell_h};
	int drawn = tl_canvas_format(f->c) == TL_FMT_PDF
	                ? cells_as_image(f->cr, &g)
	                : 1;
	if (drawn < 0)
		return tl_error_set(f->err, TL_ENOMEM,
		                    "cannot draw the heatmap's cells");
	if (drawn > 0)
		cells_as_paths(f->cr, &g);
	for (size_t i = 0; show_values && i < nrows; i++) {
		double y = y0 + cell_h * (double)i;
		for (size_t j = 0; j < ncols; j++) {
			int64_t v = tl_table_get(t, i, j);
			if (v <= 0)
				continue;
			tl_format_int(v, buf, sizeof(buf));
			tl_rgb tc = tl_text_on(shade(v, max));
			tl_font vf = f->small;
			vf.rgb[0] = tc.r, vf.rgb[1] = tc.g, vf.rgb[2] = tc.b;
			if ((rc = tl_canvas_text(
			         f->c, buf, &vf,
			         x0 + cell_w * ((double)j + 0.5),
			         y + cell_h / 2,
			         TL_ALIGN_CENTER | TL_ALIGN_MIDDLE, 0, 0,
			         f->err)))
				return rc;
		}
	}
	return tl_canvas_check(f->c, f->err);
}

int tl_chart_calendar_in(frame *f, const tl_table *t, tl_rect r)
{
	const tl_chart_opts *o = f->o;
	size_t col = o->column < t->ncols ? o->column : 0;
	cal_shape cs;
	int rc;
	if (calendar_shape(t, &cs))
		return tl_error_set(f->err, TL_EUSAGE,
		                    "a calendar needs days: count --by day");
	int64_t max = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (t->ncols && tl_table_get(t, i, col) > max)
			max = tl_table_get(t, i, col);
	if ((rc = frame_header(f, &r)) || (rc = scale_legend(f, &r, max)))
		return rc;
	static const char *const WD_ZH[] = {"一", "二", "三", "四",
	                                    "五", "六", "日"};
	static const char *const WD_EN[] = {"Mon", "Tue", "Wed", "Thu",
	                                    "Fri", "Sat", "Sun"};
	const char *const *wd_names = o->english ? WD_EN : WD_ZH;
	char years[2][16];
	snprintf(years[0], sizeof(years[0]), o->english ? "%d" : "%d年",
	         cs.last.y % 10000);
	snprintf(years[1], sizeof(years[1]), "%s", years[0]);
	double lw = 0, yw = 0, lh = 0, w;
	if ((rc = frame_widest(f, wd_names, 7, &f->small, &lw)) ||
	    (cs.bands > 1 &&
	     (rc = frame_widest(f, (const char *const[]){years[0]}, 1,
	                        &f->small, &yw))) ||
	    (rc = tl_canvas_measure(f->c, wd_names[0], &f->small, 0, &w, &lh,
	                            f->err)))
		return rc;
	if (yw > lw)
		lw = yw;
	double x0 = r.x + lw + 6;
	double cell = (r.x + r.w - x0) / (double)cs.columns;
	double cell_v = (r.h - cs.bands * CAL_TOP - (cs.bands - 1) * CAL_GAP) /
	                (7.0 * cs.bands);
	if (cell_v < cell)
		cell = cell_v;
	if (cell > 36)
		cell = 36;
	/* Every weekday named when the rows are as tall as the text, else
	 * Monday, Wednesday and Friday (as GitHub does), else none. */
	int wd_step = cell >= lh ? 1 : 2 * cell >= lh ? 2 : 0;
	long first_days = tl_date_to_days(cs.first);
	long last_days = tl_date_to_days(cs.last);
	for (int b = 0; b < cs.bands; b++) {
		double y0 = r.y + CAL_TOP + b * (CAL_TOP + 7 * cell + CAL_GAP);
		int year = cs.first.y + b;
		/* The band's days and the Monday its first column starts on. */
		long lo = first_days, hi = last_days;
		if (cs.bands > 1) {
			tl_date jan1 = {year, 1, 1}, dec31 = {year, 12, 31};
			if (tl_date_to_days(jan1) > lo)
				lo = tl_date_to_days(jan1);
			if (tl_date_to_days(dec31) < hi)
				hi = tl_date_to_days(dec31);
		}
		tl_date band_start =
		    cs.bands > 1 ? (tl_date){year, 1, 1} : cs.first;
		long d0 = tl_date_to_days(tl_date_monday(band_start));
		if (cs.bands > 1) {
			snprintf(years[1], sizeof(years[1]),
			         o->english ? "%d" : "%d年", year % 10000);
			if ((rc = tl_canvas_text(f->c, years[1], &f->small, r.x,
			                         y0 - 3, TL_ALIGN_BOTTOM, 0, 0,
			                         f->err)))
				return rc;
		}
		for (int wd = 0; wd_step && wd < 7; wd += wd_step)
			if ((rc = tl_canvas_text(f->c, wd_names[wd], &f->small,
			                         x0 - 4, y0 + cell * (wd + 0.5),
			                         TL_ALIGN_RIGHT |
			                             TL_ALIGN_MIDDLE,
			                         0, 0, f->err)))
				return rc;
		int last_month = -1;
		double last_label_end = -1e9;
		for (long day = lo; day <= hi; day++) {
			long wk = (day - d0) / 7;
			int wd = (int)((day - d0) % 7);
			double x = x0 + cell * (double)wk;
			size_t i = (size_t)(day - first_days);
			int64_t v = i < t->nrows && t->ncols
			                ? tl_table_get(t, i, col)
			                : 0;
			frame_set(f->cr, shade(v, max));
			cairo_rectangle(f->cr, x + 1, y0 + cell * wd + 1,
			                cell - 2, cell - 2);
			cairo_fill(f->cr);
			tl_date d = tl_date_from_days(day);
			/* A month's name over the week its first day is in. */
			if ((d.d == 1 || day == lo) && d.m != last_month &&
			    x >= last_label_end) {
				char buf[32], month[16];
				double h;
				snprintf(month, sizeof(month), "%04d-%02d",
				         d.y % 10000, d.m % 100);
				/* One band across a new year: its first
				 * month and each January say the year. */
				int brief = cs.bands > 1 ||
				            (d.m != 1 && last_month >= 0) ||
				            cs.first.y == cs.last.y;
				tl_format_period(TL_BY_MONTH, month, o->english,
				                 brief, buf, sizeof(buf));
				if ((rc = tl_canvas_measure(f->c, buf,
				                            &f->small, 0, &w,
				                            &h, f->err)) ||
				    (rc = tl_canvas_text(
				         f->c, buf, &f->small, x, y0 - 3,
				         TL_ALIGN_BOTTOM, 0, 0, f->err)))
					return rc;
				last_month = d.m;
				last_label_end = x + w + 4;
			}
		}
	}
	return tl_canvas_check(f->c, f->err);
}
