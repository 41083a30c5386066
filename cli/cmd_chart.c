/* cli/cmd_chart.c - tally chart: one chart of the counts into PNG, PDF or SVG.
 */
#include "../analyze/query.h"
#include "../charts/axis.h"
#include "../charts/chart.h"
#include "../reports/csv.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *axis_word(tl_axis a, int en)
{
	switch (a) {
	case TL_BY_DEPARTMENT:
		return en ? "department" : "单位";
	case TL_BY_DAY:
		return en ? "day" : "日期";
	case TL_BY_WEEK:
		return en ? "week" : "周";
	case TL_BY_MONTH:
		return en ? "month" : "月份";
	case TL_BY_KEYWORD:
		return en ? "keyword" : "关键词";
	case TL_BY_KIND:
		return en ? "kind of activity" : "活动类型";
	default:
		return "";
	}
}

static const char *measure_word(tl_measure m, int en)
{
	switch (m) {
	case TL_MEASURE_PARTICIPANTS:
		return en ? "participants" : "参与人数";
	case TL_MEASURE_HITS:
		return en ? "keyword mentions" : "关键词次数";
	default:
		return en ? "activities" : "活动数";
	}
}

/* A default title that says what is counted by what. */
static void default_title(char *buf, size_t n, tl_chart_kind k, tl_axis a,
                          tl_axis b, tl_measure m, int en)
{
	const char *mw = measure_word(m, en);
	switch (k) {
	case TL_CHART_CALENDAR:
		snprintf(buf, n, en ? "Calendar of %s" : "%s日历", mw);
		break;
	case TL_CHART_TIMELINE:
		snprintf(buf, n, en ? "%s over time" : "%s时间线", mw);
		break;
	case TL_CHART_HEATMAP:
	case TL_CHART_STACKED:
		snprintf(buf, n, en ? "%s by %s and %s" : "各%s%s（按%s）",
		         en ? mw : axis_word(a, en), en ? axis_word(a, en) : mw,
		         axis_word(b, en));
		break;
	default:
		snprintf(buf, n, en ? "%s by %s" : "各%s%s",
		         en ? mw : axis_word(a, en),
		         en ? axis_word(a, en) : mw);
	}
}

/* "2022年10月24日 – 2023年1月9日 · 14 篇文章 · 系列名" from the store. */
static int subtitle(tl_store *store, const tl_query *q, int en, char *buf,
                    size_t n)
{
	sqlite3_stmt *st = NULL;
	tl_date f0, f1, t0, t1;
	/* Open bounds as dates beyond any: MIN and MAX then read one end
	 * of the day index instead of scanning it. */
	char from[11] = "0000-00-00", to[11] = "9999-99-99";
	buf[0] = '\0';
	if (q->from && !tl_date_parse_loose(q->from, &f0, &f1))
		tl_date_format(f0, from);
	if (q->to && !tl_date_parse_loose(q->to, &t0, &t1))
		tl_date_format(t1, to);
	/* Over the whole store every article is a source (not only those
	 * published between the first and last activity: an article tells
	 * of days before it appeared); over a range, those published in
	 * it. CASE runs one of the two counts; the one without a WHERE
	 * counts an index's cells without reading its rows (sqlite3 at 100k
	 * articles, hyperfine means of 30: user time 5.3 -> 3.4 ms, against
	 * "WHERE ?3 OR published BETWEEN ..."). */
	if (sqlite3_prepare_v2(
	        tl_store_db(store),
	        "SELECT lo, hi, CASE WHEN ?3 THEN (SELECT COUNT(*) FROM "
	        "article) ELSE (SELECT COUNT(*) FROM article WHERE published "
	        "BETWEEN lo AND hi) END, (SELECT series FROM article WHERE "
	        "series <> '' AND published <= hi ORDER BY published DESC "
	        "LIMIT 1) FROM (SELECT (SELECT MIN(date) FROM agg_day WHERE "
	        "date BETWEEN ?1 AND ?2) AS lo, (SELECT MAX(date) FROM agg_day "
	        "WHERE date BETWEEN ?1 AND ?2) AS hi)",
	        -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, !q->from && !q->to);
	buf[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		char a[48], b[48];
		tl_format_period(TL_BY_DAY,
		                 (const char *)sqlite3_column_text(st, 0), en,
		                 0, a, sizeof(a));
		tl_format_period(TL_BY_DAY,
		                 (const char *)sqlite3_column_text(st, 1), en,
		                 0, b, sizeof(b));
		char arts[32]; /* grouped like the axis: 100,000 */
		tl_format_int(sqlite3_column_int64(st, 2), arts, sizeof(arts));
		const char *series = (const char *)sqlite3_column_text(st, 3);
		snprintf(buf, n,
		         en ? "%s – %s · from %s articles%s%s"
		            : "%s – %s · 来源：%s 篇文章%s%s",
		         a, b, arts, series ? " · " : "", series ? series : "");
	}
	sqlite3_finalize(st);
	return 0;
}

/* Colours follow the departments' overall ranking, so a department keeps
 * its colour in every chart drawn from the same database. */
static void seed_colors(tl_store *store, tl_colormap *cm)
{
	tl_query q = TL_QUERY_INIT;
	tl_table *t = NULL;
	if (tl_query_run(&t, store, &q, NULL) == 0)
		for (size_t i = 0; i < t->nrows; i++)
			tl_colormap_get(cm, t->rows[i]);
	tl_table_free(t);
}

static void help(void)
{
	puts(
	    "usage: tally chart KIND [OPTIONS] -o OUT.{png,pdf,svg}\n\n"
	    "KIND and what it counts by default:\n"
	    "  bar       departments ranked (--by department|keyword|kind)\n"
	    "  column    activities per period (--by month|week|day)\n"
	    "  stacked   departments split by kind (--by department --by2 "
	    "kind|month)\n"
	    "  timeline  activities per day (--by day|week; --series "
	    "department)\n"
	    "  heatmap   department x week (--by department --by2 week|month)\n"
	    "  calendar  a day grid, weeks from Monday\n\n"
	    "  -o, --output FILE   .png, .pdf or .svg ('-' = standard output,\n"
	    "                      with --format)\n"
	    "  --by AXIS, --by2 AXIS\n"
	    "  --series department timeline: one line per department\n"
	    "  --top N             keep the N largest (bar, stacked: the rest "
	    "as\n"
	    "                      其他; timeline series: default 5)\n"
	    "  --measure M         activities (default), participants, hits\n"
	    "  --from D, --to D    only dates in this range\n"
	    "  --title T, --subtitle S\n"
	    "  --lang zh|en        labels in Chinese (default) or English\n"
	    "  --width W, --height H  size in points (default 800 x 500; bar\n"
	    "                      charts grow with their rows)\n"
	    "  --dpi N             PNG resolution (default 144)\n"
	    "  --format F          png, pdf or svg (default: from the file "
	    "name)\n"
	    "  --data FILE.csv     also write the chart's numbers\n"
	    "  --include-external  count units of other institutions too\n"
	    "  --db FILE           database (default: $TALLY_DB or "
	    "tally.db)\n\n"
	    "Set SOURCE_DATE_EPOCH for byte-identical PDF and SVG output.");
}

int cmd_chart(int argc, char **argv)
{
	cli_reuse_large_blocks();
	enum {
		O_BY2 = 256,
		O_SERIES,
		O_TOP,
		O_MEASURE,
		O_FROM,
		O_TO,
		O_TITLE,
		O_SUB,
		O_LANG,
		O_W,
		O_H,
		O_DPI,
		O_FORMAT,
		O_DATA,
		O_EXT
	};
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},
	    {"output", required_argument, 0, 'o'},
	    {"by", required_argument, 0, 'b'},
	    {"by2", required_argument, 0, O_BY2},
	    {"series", required_argument, 0, O_SERIES},
	    {"top", required_argument, 0, O_TOP},
	    {"measure", required_argument, 0, O_MEASURE},
	    {"from", required_argument, 0, O_FROM},
	    {"to", required_argument, 0, O_TO},
	    {"title", required_argument, 0, O_TITLE},
	    {"subtitle", required_argument, 0, O_SUB},
	    {"lang", required_argument, 0, O_LANG},
	    {"width", required_argument, 0, O_W},
	    {"height", required_argument, 0, O_H},
	    {"dpi", required_argument, 0, O_DPI},
	    {"format", required_argument, 0, O_FORMAT},
	    {"data", required_argument, 0, O_DATA},
	    {"include-external", no_argument, 0, O_EXT},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	const char *db = NULL, *out = NULL, *by = NULL, *by2 = NULL,
	           *series = NULL, *data = NULL, *title = NULL, *sub = NULL;
	tl_query q = TL_QUERY_INIT;
	tl_canvas_opts co = TL_CANVAS_OPTS_INIT;
	tl_chart_opts ch = TL_CHART_OPTS_INIT;
	int c, rc, height_given = 0;
	long top = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:o:b:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		case O_BY2:
			by2 = optarg;
			break;
		case O_SERIES:
			series = optarg;
			break;
		case O_TOP:
			top = strtol(optarg, NULL, 10);
			if (top < 1)
				return cli_usage("chart",
				                 "--top wants a number from 1");
			break;
		case O_MEASURE:
			if (tl_measure_parse(optarg, &q.measure))
				return cli_usage(
				    "chart", "unknown measure '%s'", optarg);
			break;
		case O_FROM:
			q.from = optarg;
			break;
		case O_TO:
			q.to = optarg;
			break;
		case O_TITLE:
			title = optarg;
			break;
		case O_SUB:
			sub = optarg;
			break;
		case O_LANG:
			if (strcmp(optarg, "en") && strcmp(optarg, "zh"))
				return cli_usage("chart", "--lang is zh or en");
			ch.english = strcmp(optarg, "en") == 0;
			break;
		case O_W:
			co.width = strtod(optarg, NULL);
			break;
		case O_H:
			co.height = strtod(optarg, NULL);
			height_given = 1;
			break;
		case O_DPI:
			co.dpi = strtod(optarg, NULL);
			break;
		case O_FORMAT:
			if (tl_canvas_format_parse(optarg, &co.format))
				return cli_usage(
				    "chart",
				    "unknown format '%s' (png, pdf, svg)",
				    optarg);
			break;
		case O_DATA:
			data = optarg;
			break;
		case O_EXT:
			q.include_external = 1;
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("chart", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("chart",
		                 "say which chart: bar, column, stacked, "
		                 "timeline, heatmap or calendar");
	tl_chart_kind kind;
	if (tl_chart_kind_parse(argv[optind], &kind))
		return cli_usage("chart", "unknown chart '%s'", argv[optind]);
	if (optind + 1 < argc)
		return cli_usage("chart", "unexpected argument '%s'",
		                 argv[optind + 1]);
	if (!out)
		return cli_usage("chart", "-o FILE is required");
	if (co.width < 100 || co.width > 10000 || co.height < 100 ||
	    co.height > 10000)
		return cli_usage("chart",
		                 "--width and --height are points from 100 "
		                 "to 10000");
	static const char *const DEFAULT_BY[] = {
	    NULL,  "department", "month", "department",
	    "day", "department", "day"};
	static const char *const DEFAULT_BY2[] = {NULL, NULL,   NULL, "kind",
	                                          NULL, "week", NULL};
	if (!by)
		by = DEFAULT_BY[kind];
	if (!by2 && !series)
		by2 = DEFAULT_BY2[kind];
	if (kind == TL_CHART_CALENDAR)
		by = "day";
	if (tl_axis_parse(by, &q.rows))
		return cli_usage("chart", "unknown axis '%s'", by);
	if (series && strcmp(series, "department") &&
	    strcmp(series, "keyword") && strcmp(series, "kind"))
		return cli_usage("chart",
		                 "--series is department, keyword or kind");
	const char *second = series ? series : by2;
	if (second && (tl_axis_parse(second, &q.cols) || q.cols == q.rows))
		return cli_usage("chart", "bad second axis '%s'", second);
	if ((kind == TL_CHART_COLUMN || kind == TL_CHART_TIMELINE ||
	     kind == TL_CHART_CALENDAR) &&
	    !tl_axis_is_date(q.rows))
		return cli_usage("chart",
		                 "a %s runs over time: --by day, week or "
		                 "month",
		                 tl_chart_kind_name(kind));
	if ((kind == TL_CHART_STACKED || kind == TL_CHART_HEATMAP) && !second)
		return cli_usage("chart", "a %s needs --by2",
		                 tl_chart_kind_name(kind));
	ch.top = top > 0                               ? (size_t)top
	         : kind == TL_CHART_TIMELINE && series ? 5
	                                               : 0;

	tl_store *store = NULL;
	tl_table *t = NULL;
	tl_canvas *cv = NULL;
	tl_colormap *cm = tl_colormap_new();
	tl_error err = TL_ERROR_INIT;
	char tbuf[256], sbuf[512];
	/* Fonts load on a thread while the database answers. */
	tl_canvas_warm_up(co.format ? co.format : tl_canvas_format_of(out));
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		goto done;
	if (tl_query_run(&t, store, &q, &err)) {
		rc = cli_fail(&err);
		goto done;
	}
	if (t->nrows == 0) {
		cli_error("nothing to draw: no activities%s",
		          q.from || q.to ? " in that period" : "");
		rc = TL_EXIT_FAIL;
		goto done;
	}
	/* Only series of departments need their fixed colours. */
	if (q.cols == TL_BY_DEPARTMENT)
		seed_colors(store, cm);
	default_title(tbuf, sizeof(tbuf), kind, q.rows, q.cols, q.measure,
	              ch.english);
	subtitle(store, &q, ch.english, sbuf, sizeof(sbuf));
	ch.title = title ? title : tbuf;
	ch.subtitle = sub ? sub : sbuf;
	ch.colors = cm;
	if (kind == TL_CHART_BAR || kind == TL_CHART_STACKED)
		ch.x_title = measure_word(q.measure, ch.english);
	else if (kind == TL_CHART_COLUMN || kind == TL_CHART_TIMELINE) {
		ch.y_title = measure_word(q.measure, ch.english);
		ch.x_title = q.rows == TL_BY_WEEK
		                 ? (ch.english ? "week (by its Monday)"
		                               : "周（以周一日期表示）")
		                 : axis_word(q.rows, ch.english);
	}
	if (q.cols == TL_BY_NONE)
		ch.column = q.measure;
	if (!height_given) {
		double nh = tl_chart_natural_height(kind, t, &ch, co.width);
		if (nh > co.height || (kind == TL_CHART_CALENDAR && nh > 0))
			co.height = nh < 10000 ? nh : 10000;
	}
	co.title = ch.title;
	co.subject = ch.subtitle;
	if (tl_canvas_new(&cv, out, &co, &err) ||
	    tl_chart_draw(cv, kind, t, &ch, &err)) {
		rc = cli_fail(&err);
		goto done;
	}
	rc = tl_canvas_finish(cv, &err) ? cli_fail(&err) : 0;
	cv = NULL;
	if (!rc && data) {
		FILE *f = cli_open_out(data);
		if (!f) {
			rc = TL_EXIT_FAIL;
			goto done;
		}
		tl_csv_writer w;
		tl_csv_writer_init(&w, f, 0);
		tl_csv_write_table(&w, t, 1, tl_measure_name(q.measure));
		tl_csv_writer_release(&w);
		rc = cli_close_out(f, data);
	}
done:
	tl_canvas_free(cv);
	tl_colormap_free(cm);
	tl_table_free(t);
	tl_store_close(store);
	return rc;
}
