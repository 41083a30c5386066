/* reports/report.c - the monthly PDF summary: cover, charts, tables, appendix.
 *
 * Everything is counted first and laid out into pages before anything is
 * drawn, so the cover's contents and every footer know the page count.
 * The same page painter draws into the PDF and, when asked, into one PNG
 * per page. */
#include "report.h"
#include "../analyze/query.h"
#include "../analyze/summary.h"
#include "../charts/chart.h"
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define L(zh, eng) (m->en ? (eng) : (zh))
#define MAXPAGES   4096

typedef enum {
	P_COVER,
	P_TIME,
	P_RANK,
	P_RANKTABLE,
	P_KEYWORDS,
	P_WEEKS,
	P_LIST
} page_kind;

typedef struct {
	page_kind kind;
	size_t first; /* first table row on the page */
} page;

typedef struct {
	const char *title, *dest;
	int page; /* 1-based */
} section;

typedef struct {
	tl_store *store;
	const tl_report_opts *o;
	int en;
	char from[11], to[11], pfrom[11], pto[11];
	char title[200], period[200], source[400];
	tl_figures cur, prev;
	tl_names silent, fresh;
	tl_table *days, *depts, *dept_kind, *keywords, *kw_week, *dept_week,
	    *kinds;
	tl_listed *list;
	size_t nlist;
	tl_colormap *colors;
	page pages[MAXPAGES];
	int npages;
	section sections[8];
	int nsections;
	char cell[512];
	tl_error *err;
} monthly;

static int count(monthly *m, tl_table **out, tl_axis rows, tl_axis cols,
                 tl_measure measure)
{
	tl_query q = TL_QUERY_INIT;
	q.rows = rows;
	q.cols = cols;
	q.measure = measure;
	q.from = m->from;
	q.to = m->to;
	q.include_external = m->o->include_external;
	return tl_query_run(out, m->store, &q, m->err);
}

static void release(monthly *m)
{
	tl_figures_release(&m->cur);
	tl_figures_release(&m->prev);
	tl_names_release(&m->silent);
	tl_names_release(&m->fresh);
	tl_table_free(m->days);
	tl_table_free(m->depts);
	tl_table_free(m->dept_kind);
	tl_table_free(m->keywords);
	tl_table_free(m->kw_week);
	tl_table_free(m->dept_week);
	tl_table_free(m->kinds);
	tl_listed_free(m->list, m->nlist);
	tl_colormap_free(m->colors);
}

static void human_date(monthly *m, const char *iso, char *out, size_t n)
{
	tl_format_period(TL_BY_DAY, iso, m->en, 0, out, n);
}

static int gather(monthly *m, const char *month)
{
	int rc;
	int y = 0, mo = 0;
	sscanf(month, "%d-%d", &y, &mo);
	static const char *const MONTHS[] = {"January", "February", "March",
	                                     "April",   "May",      "June",
	                                     "July",    "August",   "September",
	                                     "October", "November", "December"};
	if (m->en)
		snprintf(m->title, sizeof(m->title),
		         "Department activity report, %s %d", MONTHS[mo - 1],
		         y);
	else
		snprintf(m->title, sizeof(m->title),
		         "%d年%d月 各单位学习活动月报", y, mo);
	char a[48], b[48];
	human_date(m, m->from, a, sizeof(a));
	human_date(m, m->to, b, sizeof(b));
	snprintf(m->period, sizeof(m->period), "%s%s – %s",
	         L("统计期间：", "Period: "), a, b);
	if ((rc =
	         tl_summary_figures(m->store, m->from, m->to,
	                            m->o->include_external, &m->cur, m->err)) ||
	    (rc = tl_summary_figures(m->store, m->pfrom, m->pto,
	                             m->o->include_external, &m->prev,
	                             m->err)) ||
	    (rc = tl_summary_silent(m->store, m->from, m->to, &m->silent,
	                            m->err)) ||
	    (rc = tl_summary_new(m->store, m->from, m->to,
	                         m->o->include_external, &m->fresh, m->err)) ||
	    (rc = count(m, &m->days, TL_BY_DAY, TL_BY_NONE, 0)) ||
	    (rc = count(m, &m->depts, TL_BY_DEPARTMENT, TL_BY_NONE, 0)) ||
	    (rc = count(m, &m->dept_kind, TL_BY_DEPARTMENT, TL_BY_KIND, 0)) ||
	    (rc = count(m, &m->keywords, TL_BY_KEYWORD, TL_BY_NONE, 0)) ||
	    (rc = count(m, &m->kw_week, TL_BY_KEYWORD, TL_BY_WEEK, 0)) ||
	    (rc = count(m, &m->dept_week, TL_BY_DEPARTMENT, TL_BY_WEEK, 0)) ||
	    (rc = count(m, &m->kinds, TL_BY_KIND, TL_BY_NONE, 0)) ||
	    (rc = tl_summary_activities(
	         m->store, m->from, m->to, NULL, m->o->include_external,
	         m->o->appendix_max, &m->list, &m->nlist, m->err)))
		return rc;
	if (m->cur.series) {
		if (m->cur.parts_max > 0)
			snprintf(
			    m->source, sizeof(m->source),
			    L("资料来源：%s 第 %d–%d 部分，本月发布 %ld 篇文章",
			      "Source: %s, parts %d–%d; %ld articles published "
			      "this month"),
			    m->cur.series, m->cur.parts_min, m->cur.parts_max,
			    m->cur.articles);
		else
			snprintf(
			    m->source, sizeof(m->source),
			    L("资料来源：%s，本月发布 %ld 篇文章",
			      "Source: %s; %ld articles published this month"),
			    m->cur.series, m->cur.articles);
	} else {
		snprintf(m->source, sizeof(m->source),
		         L("资料来源：本月发布 %ld 篇文章",
		           "Source: %ld articles published this month"),
		         m->cur.articles);
	}
	m->colors = tl_colormap_new();
	for (size_t i = 0; i < m->depts->nrows; i++)
		tl_colormap_get(m->colors, m->depts->rows[i]);
	return 0;
}

/* The table styles; their row capacity decides the pagination. */
static const double RANK_W[] = {34, 170, 60, 90, 145};
static const int RANK_R[] = {1, 0, 1, 1, 0};
static const double LIST_W[] = {46, 120, 60, 230, 43};
static const int LIST_R[] = {0, 0, 0, 0, 0};

static tl_table_style rank_style(monthly *m)
{
	static const char *zh[] = {"排名", "单位", "活动数", "参与人数",
	                           "主要活动类型"};
	static const char *en[] = {"Rank", "Department", "Activities",
	                           "Participants", "Main kinds"};
	tl_table_style st = {m->en ? en : zh, RANK_W, RANK_R, 5, &TL_F_BODY, 1};
	return st;
}

static tl_table_style list_style(monthly *m)
{
	static const char *zh[] = {"日期", "单位", "类型", "内容摘要", "出处"};
	static const char *en[] = {"Date", "Department", "Kind",
	                           "What was said", "Part"};
	tl_table_style st = {m->en ? en : zh, LIST_W, LIST_R, 5,
	                     &TL_F_SMALL,     2};
	return st;
}

#define BODY_TOP    60.0
#define BODY_BOTTOM (TL_A4_H - 50.0)

static void add_page(monthly *m, page_kind k, size_t first)
{
	if (m->npages < MAXPAGES) {
		m->pages[m->npages].kind = k;
		m->pages[m->npages].first = first;
		m->npages++;
	}
}

static void add_section(monthly *m, const char *title, const char *dest)
{
	section *s = &m->sections[m->nsections++];
	s->title = title;
	s->dest = dest;
	s->page = m->npages + 1;
}

static void paginate(monthly *m)
{
	tl_table_style rs = rank_style(m), ls = list_style(m);
	size_t per = tl_layout_rows_per_page(&rs, BODY_TOP + 30, BODY_BOTTOM);
	add_section(m, L("概览", "Overview"), "overview");
	add_page(m, P_COVER, 0);
	add_section(m, L("时间线与日历", "Timeline and calendar"), "timeline");
	add_page(m, P_TIME, 0);
	add_section(m, L("单位排名", "Department ranking"), "ranking");
	add_page(m, P_RANK, 0);
	for (size_t r = 0; r < m->depts->nrows || r == 0; r += per)
		add_page(m, P_RANKTABLE, r);
	add_section(m, L("关键词", "Keywords"), "keywords");
	add_page(m, P_KEYWORDS, 0);
	add_section(m, L("单位×周 与 活动类型", "Departments by week, kinds"),
	            "weeks");
	add_page(m, P_WEEKS, 0);
	add_section(m, L("附录：活动清单", "Appendix: every activity"), "list");
	per = tl_layout_rows_per_page(&ls, BODY_TOP + 44, BODY_BOTTOM);
	for (size_t r = 0; r < m->nlist || r == 0; r += per)
		add_page(m, P_LIST, r);
}

static int heading(monthly *m, tl_canvas *c, const char *text, double *y)
{
	int rc =
	    tl_canvas_text(c, text, &TL_F_H1, TL_MARGIN, *y, 0, 0, 0, m->err);
	*y += 26;
	return rc;
}

/* "+3 (+12%)", or "—" when the month before has nothing to compare. */
static void change(monthly *m, long cur, long prev, char *out, size_t n)
{
	if (prev <= 0) {
		snprintf(out, n, "%s —", L("较上月", "vs last month"));
		return;
	}
	long d = cur - prev;
	double pct = 100.0 * (double)d / (double)prev;
	char num[32];
	tl_format_int(d < 0 ? -d : d, num, sizeof(num));
	snprintf(out, n, "%s %s%s (%+.0f%%)", L("较上月", "vs last month"),
	         d < 0 ? "−" : "+", num, pct);
}

static int figure_box(monthly *m, tl_canvas *c, double x, double y, double w,
                      const char *value, const char *label, const char *delta)
{
	cairo_t *cr = tl_canvas_cr(c);
	int rc;
	cairo_set_source_rgb(cr, 0.95, 0.97, 0.99);
	cairo_rectangle(cr, x, y, w - 6, 86);
	cairo_fill(cr);
	double h = 0, vw = 0, vh = 0;
	/* A large figure (views run to millions) shrinks to stay in its
	 * box rather than run over the next one. */
	tl_font big = TL_F_FIGURE;
	if ((rc = tl_canvas_measure(c, value, &big, 0, &vw, &vh, m->err)))
		return rc;
	if (vw > w - 20)
		big.size *= (w - 20) / vw;
	if ((rc = tl_canvas_text(c, value, &big, x + 8, y + 8, 0, 0, 0,
	                         m->err)) ||
	    (rc = tl_layout_para(c, label, &TL_F_BODY, x + 8, y + 36, w - 20,
	                         &h, m->err)) ||
	    (rc = tl_canvas_text(c, delta, &TL_F_MUTED, x + 8, y + 38 + h, 0, 0,
	                         w - 20, m->err)))
		return rc;
	return 0;
}

static char *join_names(const tl_names *n, const char *sep, size_t max)
{
	tl_buf b = TL_BUF_INIT;
	for (size_t i = 0; i < n->n && (!max || i < max); i++) {
		if (i)
			tl_buf_adds(&b, sep);
		tl_buf_adds(&b, n->v[i]);
	}
	return tl_buf_detach(&b);
}

static int cover(monthly *m, tl_canvas *c)
{
	double y = 64, w = TL_A4_W - 2 * TL_MARGIN, h;
	int rc;
	char v[5][64], d[5][96];
	tl_canvas_dest(c, "overview");
	if ((rc = tl_layout_para(c, m->title, &TL_F_TITLE, TL_MARGIN, y, w, &h,
	                         m->err)))
		return rc;
	y += h + 8;
	if ((rc = tl_layout_para(c, m->period, &TL_F_BODY, TL_MARGIN, y, w, &h,
	                         m->err)))
		return rc;
	y += h + 2;
	if ((rc = tl_layout_para(c, m->source, &TL_F_BODY, TL_MARGIN, y, w, &h,
	                         m->err)))
		return rc;
	y += h + 18;
	/* Key figures, each against the month before. */
	tl_format_int(m->cur.activities, v[0], sizeof(v[0]));
	tl_format_int(m->cur.departments, v[1], sizeof(v[1]));
	char p[48];
	tl_format_int(m->cur.participants, p, sizeof(p));
	snprintf(v[2], sizeof(v[2]), "%s", p);
	tl_format_int(m->cur.articles, v[3], sizeof(v[3]));
	if (m->cur.views >= 0)
		tl_format_int(m->cur.views, v[4], sizeof(v[4]));
	else
		snprintf(v[4], sizeof(v[4]), "—");
	change(m, m->cur.activities, m->prev.activities, d[0], sizeof(d[0]));
	change(m, m->cur.departments, m->prev.departments, d[1], sizeof(d[1]));
	change(m, m->cur.participants, m->prev.participants, d[2],
	       sizeof(d[2]));
	change(m, m->cur.articles, m->prev.articles, d[3], sizeof(d[3]));
	change(m, m->cur.views, m->prev.views, d[4], sizeof(d[4]));
	/* A count the text gave as 余/多/约 says so in its label. */
	const char *labels[5] = {
	    L("活动", "activities"), L("活跃单位", "active departments"),
	    m->cur.participants_approx
	        ? L("参与人次（约）", "participants (approx.)")
	        : L("参与人次", "participants"),
	    L("文章", "articles"), L("浏览量", "views")};
	for (int i = 0; i < 5; i++)
		if ((rc = figure_box(m, c, TL_MARGIN + w / 5 * i, y, w / 5,
		                     v[i], labels[i], d[i])))
			return rc;
	y += 104;
	/* The most active departments. */
	if ((rc = tl_canvas_text(c,
	                         L("活动最多的单位", "Most active departments"),
	                         &TL_F_H2, TL_MARGIN, y, 0, 0, 0, m->err)))
		return rc;
	y += 20;
	if (m->depts->nrows == 0) {
		if ((rc = tl_canvas_text(
		         c,
		         L("本月没有记录到活动。", "No activity this month."),
		         &TL_F_BODY, TL_MARGIN, y, 0, 0, 0, m->err)))
			return rc;
		y += 16;
	}
	for (size_t i = 0; i < m->depts->nrows && i < 5; i++) {
		char line[300], num[32];
		tl_format_int(tl_table_get(m->depts, i, 0), num, sizeof(num));
		snprintf(line, sizeof(line),
		         L("%zu. %s　%s 项活动", "%zu. %s — %s activities"),
		         i + 1, m->depts->rows[i], num);
		if ((rc = tl_canvas_text(c, line, &TL_F_BODY, TL_MARGIN + 6, y,
		                         0, 0, w, m->err)))
			return rc;
		y += 15;
	}
	y += 10;
	/* New this month, and the roster departments with nothing. */
	char head[160];
	char *names = join_names(&m->fresh, L("、", ", "), 0);
	snprintf(head, sizeof(head),
	         L("本月首次出现的单位（%zu 个）", "New this month (%zu)"),
	         m->fresh.n);
	rc = tl_canvas_text(c, head, &TL_F_H2, TL_MARGIN, y, 0, 0, 0, m->err);
	y += 18;
	if (!rc)
		rc = tl_layout_para(c, *names ? names : L("无", "none"),
		                    &TL_F_BODY, TL_MARGIN, y, w, &h, m->err);
	free(names);
	if (rc)
		return rc;
	y += h + 12;
	names = join_names(&m->silent, L("、", ", "), 0);
	snprintf(head, sizeof(head),
	         L("本月没有活动的名册单位（%zu 个）",
	           "Roster departments with no activity (%zu)"),
	         m->silent.n);
	rc = tl_canvas_text(c, head, &TL_F_H2, TL_MARGIN, y, 0, 0, 0, m->err);
	y += 18;
	if (!rc)
		rc = tl_layout_para(c, *names ? names : L("无", "none"),
		                    &TL_F_SMALL, TL_MARGIN, y, w, &h, m->err);
	free(names);
	if (rc)
		return rc;
	y += h + 18;
	/* Contents: each line links to its section. */
	if ((rc = tl_canvas_text(c, L("目录", "Contents"), &TL_F_H2, TL_MARGIN,
	                         y, 0, 0, 0, m->err)))
		return rc;
	y += 20;
	for (int i = 0; i < m->nsections && y < BODY_BOTTOM - 14; i++) {
		char num[16];
		snprintf(num, sizeof(num), "%d", m->sections[i].page);
		if ((rc = tl_canvas_text(c, m->sections[i].title, &TL_F_BODY,
		                         TL_MARGIN + 6, y, 0, 0, 0, m->err)) ||
		    (rc =
		         tl_canvas_text(c, num, &TL_F_BODY, TL_A4_W - TL_MARGIN,
		                        y, TL_ALIGN_RIGHT, 0, 0, m->err)))
			return rc;
		tl_canvas_link(c, TL_MARGIN, y, w, 14, m->sections[i].dest);
		y += 16;
	}
	return 0;
}

static int chart_in(monthly *m, tl_canvas *c, tl_chart_kind kind,
                    const tl_table *t, const char *title, const char *sub,
                    size_t top, double y, double h)
{
	tl_chart_opts o = TL_CHART_OPTS_INIT;
	o.title = title;
	o.subtitle = sub;
	o.english = m->en;
	o.top = top;
	o.colors = m->colors;
	if (kind == TL_CHART_BAR)
		o.x_title = L("活动数", "activities");
	if (kind == TL_CHART_TIMELINE)
		o.y_title = L("活动数", "activities");
	return tl_chart_draw_in(c, kind, t, &o, TL_MARGIN, y,
	                        TL_A4_W - 2 * TL_MARGIN, h, m->err);
}

static const char *rank_cell(void *ud, size_t r, size_t col)
{
	monthly *m = ud;
	const tl_table *t = m->depts;
	switch (col) {
	case 0:
		snprintf(m->cell, sizeof(m->cell), "%zu", r + 1);
		return m->cell;
	case 1:
		return t->rows[r];
	case 2:
		tl_format_int(tl_table_get(t, r, 0), m->cell, sizeof(m->cell));
		return m->cell;
	case 3: {
		char num[32];
		if (tl_table_get(t, r, 1) == 0)
			return "—";
		tl_format_int(tl_table_get(t, r, 1), num, sizeof(num));
		snprintf(m->cell, sizeof(m->cell), "%s%s",
		         t->approx[r * t->ncols + 1] ? L("约", "~") : "", num);
		return m->cell;
	}
	default: {
		/* The department's kinds, largest first: 会议3、讲座1 */
		const tl_table *k = m->dept_kind;
		tl_buf b = TL_BUF_INIT;
		for (size_t i = 0; i < k->nrows; i++) {
			if (strcmp(k->rows[i], t->rows[r]) != 0)
				continue;
			int shown = 0;
			for (size_t j = 0; j < k->ncols && shown < 3; j++) {
				if (!tl_table_get(k, i, j))
					continue;
				tl_buf_addf(&b, "%s%s %lld",
				            shown ? L("、", ", ") : "",
				            k->cols[j],
				            (long long)tl_table_get(k, i, j));
				shown++;
			}
		}
		snprintf(m->cell, sizeof(m->cell), "%s", b.buf);
		tl_buf_release(&b);
		return m->cell;
	}
	}
}

static const char *list_cell(void *ud, size_t r, size_t col)
{
	monthly *m = ud;
	const tl_listed *l = &m->list[r];
	switch (col) {
	case 0:
		tl_format_period(TL_BY_DAY, l->date, m->en, 1, m->cell,
		                 sizeof(m->cell));
		return m->cell;
	case 1:
		return l->department;
	case 2:
		return l->kind;
	case 3:
		return l->sentence;
	default:
		if (l->part > 0) {
			snprintf(m->cell, sizeof(m->cell), L("（%d）", "(%d)"),
			         l->part);
		} else {
			const char *slash = strrchr(l->source, '/');
			snprintf(m->cell, sizeof(m->cell), "%s",
			         slash ? slash + 1 : l->source);
		}
		return m->cell;
	}
}

static int draw_page(monthly *m, tl_canvas *c, int i)
{
	const page *pg = &m->pages[i];
	double y = BODY_TOP, h;
	int rc = 0;
	size_t next;
	char sub[240];
	for (int s = 0; s < m->nsections; s++)
		if (m->sections[s].page == i + 1 && pg->kind != P_COVER) {
			tl_canvas_dest(c, m->sections[s].dest);
		}
	for (int s = 0; s < m->nsections; s++)
		if (m->sections[s].page == i + 1)
			tl_canvas_bookmark(c, m->sections[s].title,
			                   m->sections[s].dest, 0);
	switch (pg->kind) {
	case P_COVER:
		rc = cover(m, c);
		break;
	case P_TIME:
		snprintf(sub, sizeof(sub), "%s", m->period);
		if (!(rc = heading(m, c,
		                   L("时间线与日历", "Timeline and calendar"),
		                   &y)) &&
		    !(rc = chart_in(m, c, TL_CHART_TIMELINE, m->days,
		                    L("每日活动数", "Activities per day"), sub,
		                    0, y, 340)))
			rc = chart_in(m, c, TL_CHART_CALENDAR, m->days,
			              L("活动日历", "Calendar"), NULL, 0,
			              y + 360, 300);
		break;
	case P_RANK:
		if (!(rc = heading(m, c, L("单位排名", "Department ranking"),
		                   &y)))
			rc = chart_in(m, c, TL_CHART_BAR, m->depts,
			              L("各单位活动数（前 30）",
			                "Activities by department (top 30)"),
			              m->period, 30, y, BODY_BOTTOM - y);
		break;
	case P_RANKTABLE: {
		tl_table_style st = rank_style(m);
		if (!(rc = heading(
		          m, c,
		          L("单位排名（表）", "Department ranking (table)"),
		          &y)))
			rc = tl_layout_table(
			    c, &st, rank_cell, m, m->depts->nrows, pg->first,
			    TL_MARGIN, y, BODY_BOTTOM, &next, m->err);
		break;
	}
	case P_KEYWORDS:
		if (!(rc = heading(m, c, L("关键词", "Keywords"), &y)) &&
		    !(rc = chart_in(m, c, TL_CHART_BAR, m->keywords,
		                    L("提到各关键词的活动数",
		                      "Activities mentioning each keyword"),
		                    NULL, 15, y, 330)))
			rc = chart_in(m, c, TL_CHART_HEATMAP, m->kw_week,
			              L("关键词 × 周", "Keywords by week"),
			              NULL, 15, y + 350, BODY_BOTTOM - y - 350);
		break;
	case P_WEEKS:
		if (!(rc = heading(m, c,
		                   L("单位 × 周 与 活动类型",
		                     "Departments by week, kinds"),
		                   &y)) &&
		    !(rc = chart_in(m, c, TL_CHART_HEATMAP, m->dept_week,
		                    L("各单位每周活动数（前 25）",
		                      "Activities per week (top 25)"),
		                    NULL, 25, y, 470)))
			rc = chart_in(m, c, TL_CHART_BAR, m->kinds,
			              L("活动类型", "Kinds of activity"), NULL,
			              10, y + 490, BODY_BOTTOM - y - 490);
		break;
	case P_LIST: {
		tl_table_style st = list_style(m);
		if ((rc = heading(
		         m, c, L("附录：活动清单", "Appendix: every activity"),
		         &y)))
			break;
		if (m->cur.activities > (long)m->nlist) {
			char note[200], a[32], b[32];
			tl_format_int((long)m->nlist, a, sizeof(a));
			tl_format_int(m->cur.activities, b, sizeof(b));
			snprintf(note, sizeof(note),
			         L("列出前 %s 项（共 %s 项）；完整清单：tally "
			           "export activities",
			           "The first %s of %s; all of them: tally "
			           "export activities"),
			         a, b);
			if ((rc = tl_layout_para(
			         c, note, &TL_F_MUTED, TL_MARGIN, y,
			         TL_A4_W - 2 * TL_MARGIN, &h, m->err)))
				break;
		}
		y += 14;
		rc = tl_layout_table(c, &st, list_cell, m, m->nlist, pg->first,
		                     TL_MARGIN, y, BODY_BOTTOM, &next, m->err);
		break;
	}
	}
	if (!rc)
		rc = tl_layout_page_frame(c, m->title, i + 1, m->npages, m->en,
		                          m->err);
	return rc;
}

static int write_outputs(monthly *m, const char *title, const char *subject)
{
	tl_canvas_opts co = TL_CANVAS_OPTS_INIT;
	tl_canvas *c = NULL;
	int rc = 0;
	co.width = TL_A4_W;
	co.height = TL_A4_H;
	co.title = title;
	co.subject = subject;
	co.date = m->to;
	if (m->o->pdf) {
		co.format = TL_FMT_PDF;
		if ((rc = tl_canvas_new(&c, m->o->pdf, &co, m->err)))
			return rc;
		for (int i = 0; i < m->npages && !rc; i++) {
			if (i && (rc = tl_canvas_new_page(c, m->err)))
				break;
			rc = draw_page(m, c, i);
		}
		if (rc) {
			tl_canvas_free(c);
			return rc;
		}
		if ((rc = tl_canvas_finish(c, m->err)))
			return rc;
	}
	if (m->o->png_dir) {
		co.format = TL_FMT_PNG;
		co.dpi = 110;
		for (int i = 0; i < m->npages && !rc; i++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/page-%02d.png",
			         m->o->png_dir, i + 1);
			if ((rc = tl_canvas_new(&c, path, &co, m->err)))
				break;
			if ((rc = draw_page(m, c, i))) {
				tl_canvas_free(c);
				break;
			}
			rc = tl_canvas_finish(c, m->err);
		}
	}
	return rc;
}

int tl_report_monthly(tl_store *store, const char *month,
                      const tl_report_opts *o, int *pages, tl_error *err)
{
	monthly *m = tl_xcalloc(1, sizeof(*m));
	int rc;
	m->store = store;
	m->o = o;
	m->en = o->english;
	m->err = err;
	if (tl_month_range(month, m->from, m->to, m->pfrom, m->pto)) {
		free(m);
		return tl_error_set(err, TL_EUSAGE,
		                    "bad month '%s' (want YYYY-MM)", month);
	}
	/* Fonts load on a thread while the counts are gathered. */
	tl_canvas_warm_up(o->pdf ? TL_FMT_PDF : TL_FMT_PNG);
	if ((rc = gather(m, month)))
		goto done;
	paginate(m);
	rc = write_outputs(m, m->title, m->period);
	if (pages)
		*pages = m->npages;
done:
	release(m);
	free(m);
	return rc;
}
