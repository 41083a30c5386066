/* charts/kinds.h - the chart kinds as the dispatcher in chart.c calls them. */
#ifndef TL_CHART_KINDS_H
#define TL_CHART_KINDS_H

#include "frame.h"

int tl_chart_bar_in(frame *f, const tl_table *t, tl_rect r);
int tl_chart_stacked_in(frame *f, const tl_table *t, tl_rect r);
int tl_chart_column_in(frame *f, const tl_table *t, tl_rect r);
int tl_chart_timeline_in(frame *f, const tl_table *t, tl_rect r);
int tl_chart_heatmap_in(frame *f, const tl_table *t, tl_rect r);
int tl_chart_calendar_in(frame *f, const tl_table *t, tl_rect r);
double tl_bar_natural_height(size_t rows, int legend_rows);
double tl_calendar_natural_height(const tl_table *t, double width);

#endif
