/* charts/chart.c - choosing a chart kind, and the sizes charts want. */
#include "chart.h"
#include "kinds.h"

#include <string.h>

static const char *const NAMES[] = {NULL,       "bar",     "column",  "stacked",
                                    "timeline", "heatmap", "calendar"};

int tl_chart_kind_parse(const char *name, tl_chart_kind *out)
{
	for (int i = 1; i <= TL_CHART_CALENDAR; i++)
		if (strcmp(name, NAMES[i]) == 0) {
			*out = (tl_chart_kind)i;
			return 0;
		}
	return -1;
}

const char *tl_chart_kind_name(tl_chart_kind k)
{
	return k >= TL_CHART_BAR && k <= TL_CHART_CALENDAR ? NAMES[k] : "?";
}

int tl_chart_draw_in(tl_canvas *c, tl_chart_kind kind, const tl_table *t,
                     const tl_chart_opts *o, double x, double y, double w,
                     double h, tl_error *err)
{
	frame f;
	tl_rect r = {x, y, w, h};
	frame_init(&f, c, o, err);
	cairo_save(tl_canvas_cr(c));
	int rc;
	switch (kind) {
	case TL_CHART_BAR:
		rc = tl_chart_bar_in(&f, t, r);
		break;
	case TL_CHART_COLUMN:
		rc = tl_chart_column_in(&f, t, r);
		break;
	case TL_CHART_STACKED:
		rc = tl_chart_stacked_in(&f, t, r);
		break;
	case TL_CHART_TIMELINE:
		rc = tl_chart_timeline_in(&f, t, r);
		break;
	case TL_CHART_HEATMAP:
		rc = tl_chart_heatmap_in(&f, t, r);
		break;
	case TL_CHART_CALENDAR:
		rc = tl_chart_calendar_in(&f, t, r);
		break;
	default:
		rc = tl_error_set(err, TL_EUSAGE, "unknown chart kind");
	}
	cairo_restore(tl_canvas_cr(c));
	return rc;
}

int tl_chart_draw(tl_canvas *c, tl_chart_kind kind, const tl_table *t,
                  const tl_chart_opts *o, tl_error *err)
{
	const double m = 24;
	return tl_chart_draw_in(c, kind, t, o, m, m, tl_canvas_width(c) - 2 * m,
	                        tl_canvas_height(c) - 2 * m, err);
}

double tl_chart_natural_height(tl_chart_kind kind, const tl_table *t,
                               const tl_chart_opts *o, double width)
{
	size_t rows = o->top && o->top < t->nrows ? o->top + 1 : t->nrows;
	switch (kind) {
	case TL_CHART_BAR:
		return tl_bar_natural_height(rows, 0);
	case TL_CHART_STACKED:
		return tl_bar_natural_height(rows, 2);
	case TL_CHART_HEATMAP:
		return 60 + 70 + 16.0 * (double)rows;
	case TL_CHART_CALENDAR:
		return tl_calendar_natural_height(t, width);
	default:
		return 0;
	}
}
