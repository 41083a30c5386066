/* charts/frame.h - what the chart kinds share: header, legend, value axis,
 * folding. */
#ifndef TL_FRAME_H
#define TL_FRAME_H

#include "chart.h"

typedef struct {
	double x, y, w, h;
} tl_rect;

typedef struct {
	tl_canvas *c;
	cairo_t *cr;
	const tl_chart_opts *o;
	tl_error *err;
	tl_font title, subtitle, label, small, axis_title;
} frame;

void frame_init(frame *f, tl_canvas *c, const tl_chart_opts *o, tl_error *err);
/* Title and subtitle at the top of r; r shrinks below them. */
int frame_header(frame *f, tl_rect *r);
/* A row of colour keys under the header; wraps; r shrinks. */
int frame_legend(frame *f, tl_rect *r, const char *const *names,
                 const tl_rgb *colors, size_t n);
/* The widest of n labels in font. */
int frame_widest(frame *f, const char *const *labels, size_t n,
                 const tl_font *font, double *w);
void frame_set(cairo_t *cr, tl_rgb c);
/* Value ticks along a horizontal axis from x0 (0) to x1 (top), grid
 * lines from y0 to y1, labels under y1. */
int frame_value_axis_h(frame *f, tl_ticks tk, double x0, double x1, double y0,
                       double y1);
/* Labels in per cent, 0 to 100 (shares). */
int frame_share_axis_h(frame *f, double x0, double x1, double y0, double y1);
/* Value ticks up a vertical axis from y0 (0) to y1 (top), grid lines
 * from x0 to x1, labels left of x0. */
int frame_value_axis_v(frame *f, tl_ticks tk, double y0, double y1, double x0,
                       double x1);

/* Rows of column `col` ranked, the top n kept and the rest summed into
 * 其他 (Other): labels point into t (or at a static string). */
typedef struct {
	const char **labels;
	int64_t *values;
	size_t *rows; /* source row, or (size_t)-1 for 其他 */
	size_t n;
} folded;
void fold_top(const tl_table *t, size_t col, size_t top, int english,
              folded *out);
void folded_release(folded *f);

#endif
