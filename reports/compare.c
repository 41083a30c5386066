/* reports/compare.c - departments side by side: figures, ranks, timelines,
 * profiles. */
#include "../analyze/query.h"
#include "../analyze/summary.h"
#include "../charts/chart.h"
#include "layout.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define L(zh, eng) (en ? (eng) : (zh))

typedef struct {
	tl_store *store;
	const tl_report_opts *o;
	const char *const *names;
	size_t n;
	const char *from, *to;
	tl_axis period;
	tl_table *all;      /* department measures over the period (ranks) */
	tl_table *time;     /* period x the chosen departments */
	tl_table *kinds;    /* chosen departments x kind */
	tl_table *keywords; /* chosen departments x keyword */
	tl_colormap *colors;
	char title[400], sub[200];
	tl_error *err;
} compare;

static long find_row(const tl_table *t, const char *name)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i], name) == 0)
			return (long)i;
	return -1;
}

static long find_col(const tl_table *t, const char *name)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (strcmp(t->cols[j], name) == 0)
			return (long)j;
	return -1;
}

static int run_measure(compare *c, tl_table **out, tl_axis rows, tl_axis cols,
                       tl_measure measure)
{
	tl_query q = TL_QUERY_INIT;
	q.rows = rows;
	q.cols = cols;
	q.measure = measure;
	q.from = c->from;
	q.to = c->to;
	q.include_external = c->o->include_external;
	return tl_query_run(out, c->store, &q, c->err);
}

static int run(compare *c, tl_table **out, tl_axis rows, tl_axis cols)
{
	return run_measure(c, out, rows, cols, TL_MEASURE_ACTIVITIES);
}

/* The rows (or columns) of t named in `names`, in that order. */
static tl_table *pick(const tl_table *t, const char *const *names, size_t n,
                      int columns)
{
	tl_table *s =
	    columns
	        ? tl_table_new(t->row_axis, t->col_axis,
	                       (const char *const *)t->rows, t->nrows, names, n)
	        : tl_table_new(t->row_axis, t->col_axis, names, n,
	                       (const char *const *)t->cols, t->ncols);
	for (size_t k = 0; k < n; k++) {
		long at =
		    columns ? find_col(t, names[k]) : find_row(t, names[k]);
		if (at < 0)
			continue;
		if (columns)
			for (size_t i = 0; i < t->nrows; i++)
				*tl_table_cell(s, i, k) =
				    tl_table_get(t, i, (size_t)at);
		else
			for (size_t j = 0; j < t->ncols; j++)
				*tl_table_cell(s, k, j) =
				    tl_table_get(t, (size_t)at, j);
	}
	return s;
}

static int gather(compare *c)
{
	tl_table *time = NULL, *kinds = NULL, *kws = NULL;
	int rc;
	tl_date a, b;
	/* Weeks for up to half a year, months beyond. */
	c->period = TL_BY_WEEK;
	if (c->from && c->to && !tl_date_parse_loose(c->from, &a, &b) &&
	    !tl_date_parse_loose(c->to, &b, &b) &&
	    tl_date_to_days(b) - tl_date_to_days(a) > 200)
		c->period = TL_BY_MONTH;
	if ((rc = run(c, &c->all, TL_BY_DEPARTMENT, TL_BY_NONE)))
		return rc;
	if (!c->from && c->all->nrows) {
		tl_table *m = NULL;
		if ((rc = run(c, &m, TL_BY_MONTH, TL_BY_NONE)))
			return rc;
		if (m->nrows > 6)
			c->period = TL_BY_MONTH;
		tl_table_free(m);
	}
	if ((rc = run(c, &time, c->period, TL_BY_DEPARTMENT)) ||
	    (rc = run(c, &kinds, TL_BY_DEPARTMENT, TL_BY_KIND)) ||
	    (rc = run_measure(c, &kws, TL_BY_DEPARTMENT, TL_BY_KEYWORD,
	                      TL_MEASURE_HITS)))
		goto done;
	c->time = pick(time, c->names, c->n, 1);
	c->kinds = pick(kinds, c->names, c->n, 0);
	c->keywords = pick(kws, c->names, c->n, 0);
	c->colors = tl_colormap_new();
	for (size_t i = 0; i < c->n; i++)
		tl_colormap_get(c->colors, c->names[i]);
done:
	tl_table_free(time);
	tl_table_free(kinds);
	tl_table_free(kws);
	return rc;
}

/* Page 1: the figures side by side, and the timelines on one axis. */
static int page_figures(compare *c, tl_canvas *cv, int en)
{
	double y = 64, w = TL_A4_W - 2 * TL_MARGIN, h;
	int rc;
	tl_canvas_dest(cv, "figures");
	tl_canvas_bookmark(cv, L("关键数字与时间线", "Figures and timelines"),
	                   "figures", 0);
	if ((rc = tl_layout_para(cv, c->title, &TL_F_TITLE, TL_MARGIN, y, w, &h,
	                         c->err)))
		return rc;
	y += h + 6;
	if ((rc = tl_layout_para(cv, c->sub, &TL_F_BODY, TL_MARGIN, y, w, &h,
	                         c->err)))
		return rc;
	y += h + 16;
	/* One column per department: activities, participants, keyword
	 * mentions, rank among all departments. */
	double first = 120, col = (w - first) / (double)c->n;
	static const char *zh[] = {"活动数", "参与人次", "关键词次数",
	                           "活动数排名"};
	static const char *enl[] = {"Activities", "Participants",
	                            "Keyword mentions", "Rank by activities"};
	cairo_t *cr = tl_canvas_cr(cv);
	cairo_set_source_rgb(cr, 0.92, 0.94, 0.97);
	cairo_rectangle(cr, TL_MARGIN, y - 2, w, 18);
	cairo_fill(cr);
	for (size_t k = 0; k < c->n; k++) {
		tl_font f = TL_F_BODY;
		f.bold = 1;
		if ((rc = tl_canvas_text(cv, c->names[k], &f,
		                         TL_MARGIN + first + col * (double)k +
		                             col - 4,
		                         y, TL_ALIGN_RIGHT, 0, 0, c->err)))
			return rc;
	}
	y += 22;
	for (int r = 0; r < 4; r++) {
		if ((rc = tl_canvas_text(cv, en ? enl[r] : zh[r], &TL_F_BODY,
		                         TL_MARGIN, y, 0, 0, 0, c->err)))
			return rc;
		for (size_t k = 0; k < c->n; k++) {
			char buf[64], num[32];
			long row = find_row(c->all, c->names[k]);
			int64_t v = row < 0  ? 0
			            : r == 3 ? row + 1
			                     : tl_table_get(c->all, (size_t)row,
			                                    r == 0   ? 0
			                                    : r == 1 ? 1
			                                             : 2);
			tl_format_int(v, num, sizeof(num));
			if (r == 3)
				snprintf(buf, sizeof(buf),
				         row < 0 ? "—" : "%s / %zu", num,
				         c->all->nrows);
			else if (r == 1 && row >= 0 &&
			         c->all
			             ->approx[(size_t)row * c->all->ncols + 1])
				snprintf(buf, sizeof(buf), "%s%s",
				         en ? "~" : "约", num);
			else
				snprintf(buf, sizeof(buf), "%s", num);
			if ((rc = tl_canvas_text(
			         cv, buf, &TL_F_BODY,
			         TL_MARGIN + first + col * (double)k + col - 4,
			         y, TL_ALIGN_RIGHT, 0, 0, c->err)))
				return rc;
		}
		y += 18;
	}
	y += 16;
	tl_chart_opts o = TL_CHART_OPTS_INIT;
	o.title = L("时间线（同一坐标）", "Timelines on one axis");
	o.english = en;
	o.colors = c->colors;
	o.y_title = L("活动数", "activities");
	return tl_chart_draw_in(cv, TL_CHART_TIMELINE, c->time, &o, TL_MARGIN,
	                        y, w, TL_A4_H - 60 - y, c->err);
}

/* Page 2: one small timeline per department, all on the same scale. */
static int page_multiples(compare *c, tl_canvas *cv, int en)
{
	double w = TL_A4_W - 2 * TL_MARGIN, y = 60;
	int rc;
	tl_canvas_dest(cv, "multiples");
	tl_canvas_bookmark(cv, L("分单位时间线", "Small multiples"),
	                   "multiples", 0);
	if ((rc = tl_canvas_text(
	         cv,
	         L("分单位时间线（统一刻度）", "One timeline each, same scale"),
	         &TL_F_H1, TL_MARGIN, y, 0, 0, 0, c->err)))
		return rc;
	y += 28;
	int64_t max = 0;
	for (size_t i = 0; i < c->time->nrows; i++)
		for (size_t j = 0; j < c->time->ncols; j++)
			if (tl_table_get(c->time, i, j) > max)
				max = tl_table_get(c->time, i, j);
	size_t cols = c->n > 4 ? 2 : 1, rows = (c->n + cols - 1) / cols;
	double cw = w / (double)cols, ch = (TL_A4_H - 60 - y) / (double)rows;
	for (size_t k = 0; k < c->n; k++) {
		const char *one[1] = {c->names[k]};
		tl_table *t = pick(c->time, one, 1, 1);
		tl_table *single = tl_table_new(t->row_axis, TL_BY_NONE,
		                                (const char *const *)t->rows,
		                                t->nrows, one, 1);
		for (size_t i = 0; i < t->nrows; i++)
			*tl_table_cell(single, i, 0) = tl_table_get(t, i, 0);
		tl_chart_opts o = TL_CHART_OPTS_INIT;
		o.title = c->names[k];
		o.english = en;
		o.value_max = (double)max;
		rc = tl_chart_draw_in(cv, TL_CHART_TIMELINE, single, &o,
		                      TL_MARGIN + cw * (double)(k % cols),
		                      y + ch * (double)(k / cols), cw - 8,
		                      ch - 8, c->err);
		tl_table_free(t);
		tl_table_free(single);
		if (rc)
			return rc;
	}
	return 0;
}

/* Page 3: what they do, as shares, so large and small compare. */
static int page_profiles(compare *c, tl_canvas *cv, int en)
{
	double w = TL_A4_W - 2 * TL_MARGIN, y = 60;
	int rc;
	tl_canvas_dest(cv, "profiles");
	tl_canvas_bookmark(cv, L("活动类型与关键词构成", "Profiles"),
	                   "profiles", 0);
	if ((rc = tl_canvas_text(cv,
	                         L("活动类型与关键词构成（占比）",
	                           "Kinds and keywords, as shares"),
	                         &TL_F_H1, TL_MARGIN, y, 0, 0, 0, c->err)))
		return rc;
	y += 28;
	tl_chart_opts o = TL_CHART_OPTS_INIT;
	o.english = en;
	o.shares = 1;
	o.title = L("活动类型构成", "Kinds of activity");
	o.x_title =
	    L("占该单位活动的比例（条末为活动数）",
	      "share of the department's activities (count at the end)");
	double h = (TL_A4_H - 60 - y) / 2;
	if ((rc = tl_chart_draw_in(cv, TL_CHART_STACKED, c->kinds, &o,
	                           TL_MARGIN, y, w, h - 10, c->err)))
		return rc;
	o.title = L("关键词构成", "Keywords");
	o.x_title = L("占该单位关键词提及的比例",
	              "share of the department's keyword mentions");
	return tl_chart_draw_in(cv, TL_CHART_STACKED, c->keywords, &o,
	                        TL_MARGIN, y + h, w, h - 10, c->err);
}

static int draw(compare *c, tl_canvas *cv, int page, int pages)
{
	int en = c->o->english, rc;
	switch (page) {
	case 0:
		rc = page_figures(c, cv, en);
		break;
	case 1:
		rc = page_multiples(c, cv, en);
		break;
	default:
		rc = page_profiles(c, cv, en);
		break;
	}
	if (!rc)
		rc = tl_layout_page_frame(cv, c->title, page + 1, pages, en,
		                          c->err);
	return rc;
}

int tl_report_compare(tl_store *store, const char *const *names, size_t n,
                      const char *from, const char *to, const tl_report_opts *o,
                      int *pages, tl_error *err)
{
	compare c;
	int rc, en = o->english;
	const int npages = 3;
	memset(&c, 0, sizeof(c));
	c.store = store;
	c.o = o;
	c.names = names;
	c.n = n;
	c.from = from;
	c.to = to;
	c.err = err;
	/* Fonts load on a thread while the counts are gathered. */
	tl_canvas_warm_up(o->pdf ? TL_FMT_PDF : TL_FMT_PNG);
	if ((rc = gather(&c)))
		goto done;
	tl_buf t = TL_BUF_INIT;
	tl_buf_adds(&t, L("单位对比：", "Comparing "));
	for (size_t i = 0; i < n; i++) {
		if (i)
			tl_buf_adds(&t, L("、", ", "));
		tl_buf_adds(&t, names[i]);
	}
	snprintf(c.title, sizeof(c.title), "%s", t.buf);
	tl_buf_release(&t);
	char a[48] = "", b[48] = "";
	if (c.time->nrows) {
		/* Say the period in days, whatever the timeline's step. */
		tl_date d0, d1, x;
		char iso[11];
		if (!tl_period_bounds(c.time->rows[0], &d0, &x) &&
		    !tl_period_bounds(c.time->rows[c.time->nrows - 1], &x,
		                      &d1)) {
			tl_date_format(d0, iso);
			tl_format_period(TL_BY_DAY, iso, en, 0, a, sizeof(a));
			tl_date_format(d1, iso);
			tl_format_period(TL_BY_DAY, iso, en, 0, b, sizeof(b));
		}
	}
	snprintf(c.sub, sizeof(c.sub), "%s%s – %s", L("统计期间：", "Period: "),
	         a, b);
	tl_canvas_opts co = TL_CANVAS_OPTS_INIT;
	co.width = TL_A4_W;
	co.height = TL_A4_H;
	co.title = c.title;
	co.subject = c.sub;
	tl_canvas *cv = NULL;
	if (o->pdf) {
		co.format = TL_FMT_PDF;
		if ((rc = tl_canvas_new(&cv, o->pdf, &co, err)))
			goto done;
		for (int p = 0; p < npages && !rc; p++)
			rc = (p ? tl_canvas_new_page(cv, err) : 0) ||
			     draw(&c, cv, p, npages);
		if (rc) {
			if (!err->code)
				tl_error_set(err, TL_EDRAW,
				             "cannot draw the report");
			rc = -err->code;
			tl_canvas_free(cv);
			goto done;
		}
		if ((rc = tl_canvas_finish(cv, err)))
			goto done;
	}
	if (o->png_dir) {
		co.format = TL_FMT_PNG;
		co.dpi = 110;
		for (int p = 0; p < npages && !rc; p++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/page-%02d.png",
			         o->png_dir, p + 1);
			if ((rc = tl_canvas_new(&cv, path, &co, err)))
				break;
			if ((rc = draw(&c, cv, p, npages))) {
				tl_canvas_free(cv);
				break;
			}
			rc = tl_canvas_finish(cv, err);
		}
	}
	if (pages)
		*pages = npages;
done:
	tl_table_free(c.all);
	tl_table_free(c.time);
	tl_table_free(c.kinds);
	tl_table_free(c.keywords);
	tl_colormap_free(c.colors);
	return rc;
}
