/* charts/chart.h - charts over a tl_table, drawn on a tl_canvas. Nothing here
 * knows SQL. */
#ifndef TL_CHART_H
#define TL_CHART_H

#include "../analyze/table.h"
#include "axis.h"
#include "canvas.h"

typedef enum {
	TL_CHART_BAR = 1,  /* horizontal, ranked: departments, keywords */
	TL_CHART_COLUMN,   /* vertical bars over periods */
	TL_CHART_STACKED,  /* department x kind (or month), with a legend */
	TL_CHART_TIMELINE, /* activities per period, one or several series */
	TL_CHART_HEATMAP,  /* department x period, viridis */
	TL_CHART_CALENDAR  /* a day grid, weeks Monday first */
} tl_chart_kind;

typedef struct {
	const char *title;    /* NULL: none */
	const char *subtitle; /* period and source */
	const char *x_title, *y_title;
	const char *value_name; /* what the numbers count: 活动数 */
	int english;            /* labels in English */
	size_t top;          /* bar, stacked: keep the top N rows, sum the rest
	                        as 其他 (0: all) */
	size_t column;       /* bar, column, timeline: which column */
	tl_colormap *colors; /* category colours shared by a run; may be NULL */
	int area;            /* timeline: fill under a single series */
	double value_max;    /* shared scale for small multiples (0: data) */
	int shares;          /* stacked: each row as 100 %, to compare
	                        profiles of large and small departments */
} tl_chart_opts;

#define TL_CHART_OPTS_INIT                                                     \
	{                                                                      \
		NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, 1, 0, 0           \
	}

int tl_chart_kind_parse(const char *name, tl_chart_kind *out);
const char *tl_chart_kind_name(tl_chart_kind k);

/* Draw a chart of `kind` filling the canvas (or the rectangle given to
 * tl_chart_draw_in). */
int tl_chart_draw(tl_canvas *c, tl_chart_kind kind, const tl_table *t,
                  const tl_chart_opts *o, tl_error *err);
int tl_chart_draw_in(tl_canvas *c, tl_chart_kind kind, const tl_table *t,
                     const tl_chart_opts *o, double x, double y, double w,
                     double h, tl_error *err);

/* The height (points) a chart wants at this width so that every row
 * label fits: bar and stacked grow with their rows, heatmaps too; a
 * calendar wants just its grid. 0: no preference. */
double tl_chart_natural_height(tl_chart_kind kind, const tl_table *t,
                               const tl_chart_opts *o, double width);

#endif
