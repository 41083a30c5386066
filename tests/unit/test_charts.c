/* tests/unit/test_charts.c - ticks, date labels, colours, label fitting, and
 * every chart kind against a golden PNG (within a pixel tolerance). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chart.h"
#include "cndate.h"
#include "helpers.h"
#include "png.h"

#include <cairo.h>
#include <math.h>

static void test_charts__nice_ticks(void **state)
{
	(void)state;
	tl_ticks t = tl_ticks_nice(3, 5);
	assert_true(t.step == 1 && t.top == 3);
	t = tl_ticks_nice(47, 5);
	assert_true(t.step == 10 && t.top == 50 && t.count == 6);
	t = tl_ticks_nice(1234, 5);
	assert_true(t.step == 500 && t.top == 1500);
	t = tl_ticks_nice(0, 5); /* an empty chart still has an axis */
	assert_true(t.top == 1 && t.count == 2);
	t = tl_ticks_nice(100, 5);
	assert_true(t.top == 100 && t.step == 20);
}

static void test_charts__numbers_grouped(void **state)
{
	(void)state;
	char b[32];
	tl_format_int(0, b, sizeof(b));
	assert_string_equal(b, "0");
	tl_format_int(999, b, sizeof(b));
	assert_string_equal(b, "999");
	tl_format_int(1000, b, sizeof(b));
	assert_string_equal(b, "1,000");
	tl_format_int(1234567, b, sizeof(b));
	assert_string_equal(b, "1,234,567");
	tl_format_int(-4500, b, sizeof(b));
	assert_string_equal(b, "-4,500");
}

static void test_charts__dates_as_dates(void **state)
{
	(void)state;
	char b[64];
	tl_format_period(TL_BY_DAY, "2022-11-10", 0, 1, b, sizeof(b));
	assert_string_equal(b, "11/10");
	tl_format_period(TL_BY_DAY, "2022-11-10", 0, 0, b, sizeof(b));
	assert_string_equal(b, "2022年11月10日");
	tl_format_period(TL_BY_WEEK, "2022-W45", 0, 1, b, sizeof(b));
	assert_string_equal(b, "11/7"); /* the Monday of ISO week 45 */
	tl_format_period(TL_BY_WEEK, "2023-W01", 1, 1, b, sizeof(b));
	assert_string_equal(b, "Jan 2");
	tl_format_period(TL_BY_MONTH, "2022-11", 0, 1, b, sizeof(b));
	assert_string_equal(b, "11月");
	tl_format_period(TL_BY_MONTH, "2022-11", 1, 0, b, sizeof(b));
	assert_string_equal(b, "Nov 2022");
}

static void test_charts__colours_stay_with_names(void **state)
{
	(void)state;
	tl_colormap *m = tl_colormap_new();
	tl_rgb a = tl_colormap_get(m, "能源与动力工程学院");
	tl_rgb b = tl_colormap_get(m, "期刊中心");
	tl_rgb a2 = tl_colormap_get(m, "能源与动力工程学院");
	assert_true(a.r == a2.r && a.g == a2.g && a.b == a2.b);
	assert_false(a.r == b.r && a.g == b.g && a.b == b.b);
	tl_rgb o = tl_colormap_get(m, "其他");
	assert_true(o.r == o.g && o.g == o.b); /* grey */
	tl_colormap_free(m);
	tl_rgb lo = tl_viridis(0), hi = tl_viridis(1);
	assert_true(lo.b > lo.g && hi.r > 0.9); /* purple to yellow */
}

static void test_charts__labels_thinned_to_fit(void **state)
{
	(void)state;
	assert_int_equal(tl_label_every(10, 20, 1000), 1);
	int every = tl_label_every(365, 30, 700);
	assert_true(365.0 / every * 30 * 1.2 <= 700 + 30 * 1.2 * every);
	assert_true(700.0 / 365 * every >= 30); /* no two labels overlap */
}

static void test_charts__missing_glyph_is_an_error(void **state)
{
	(void)state;
	tl_canvas *c = NULL;
	tl_error err = TL_ERROR_INIT;
	tl_canvas_opts o = TL_CANVAS_OPTS_INIT;
	o.format = TL_FMT_SVG;
	assert_int_equal(tl_canvas_new(&c, "/dev/null", &o, &err), 0);
	tl_font f = {10, 0, {0, 0, 0}};
	double w, h;
	assert_int_equal(tl_canvas_measure(c, "能动学院", &f, 0, &w, &h, &err),
	                 0);
	assert_true(w > 30 && h > 8);
	/* U+10FFFD is a private-use code point no font draws. */
	assert_int_equal(tl_canvas_text(c, "标签\xf4\x8f\xbf\xbd", &f, 10, 10,
	                                0, 0, 0, &err),
	                 -TL_EDRAW);
	assert_non_null(strstr(err.msg, "标签"));
	tl_canvas_free(c);
}

/* A small table like the fixture series gives. */
static tl_table *dept_table(void)
{
	const char *rows[] = {"能源与动力工程学院", "电子与信息学部",
	                      "期刊中心",           "人力资源部",
	                      "网络信息中心",       "马克思主义学院"};
	const char *cols[] = {"activities"};
	tl_table *t =
	    tl_table_new(TL_BY_DEPARTMENT, TL_BY_NONE, rows, 6, cols, 1);
	int64_t v[] = {12, 9, 7, 7, 3, 1};
	for (int i = 0; i < 6; i++)
		*tl_table_cell(t, (size_t)i, 0) = v[i];
	return t;
}

static tl_table *day_table(void)
{
	char labels[42][11];
	const char *rows[42];
	for (int i = 0; i < 42; i++) {
		tl_date d = tl_date_from_days(
		    tl_date_to_days((tl_date){2022, 11, 1}) + i);
		tl_date_format(d, labels[i]);
		rows[i] = labels[i];
	}
	const char *cols[] = {"activities"};
	tl_table *t = tl_table_new(TL_BY_DAY, TL_BY_NONE, rows, 42, cols, 1);
	for (int i = 0; i < 42; i++)
		*tl_table_cell(t, (size_t)i, 0) =
		    (i * 7) % 5 + (i == 10 ? 6 : 0);
	return t;
}

static tl_table *matrix_table(tl_axis cols_axis)
{
	const char *rows[] = {"能源与动力工程学院", "电子与信息学部",
	                      "期刊中心", "人力资源部"};
	const char *kinds[] = {"会议", "专题学习", "讲座", "组织生活"};
	const char *weeks[] = {"2022-W44", "2022-W45", "2022-W46", "2022-W47"};
	tl_table *t = tl_table_new(TL_BY_DEPARTMENT, cols_axis, rows, 4,
	                           cols_axis == TL_BY_KIND ? kinds : weeks, 4);
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < 4; j++)
			*tl_table_cell(t, i, j) =
			    (int64_t)((i * 3 + j * 5) % 7);
	return t;
}

/* Draw t as kind into path at the golden images' size (top: as
 * --top). */
static void draw(const char *path, tl_chart_kind kind, tl_table *t, size_t top,
                 double dpi)
{
	tl_canvas_opts o = TL_CANVAS_OPTS_INIT;
	o.width = 480;
	o.height = 320;
	o.dpi = dpi;
	tl_chart_opts ch = TL_CHART_OPTS_INIT;
	ch.title = "测试图表";
	ch.subtitle = "2022年11月 · 固定数据";
	ch.x_title = kind == TL_CHART_BAR ? "活动数" : NULL;
	ch.top = top;
	tl_canvas *c = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_canvas_new(&c, path, &o, &err), 0);
	assert_int_equal(tl_chart_draw(c, kind, t, &ch, &err), 0);
	assert_int_equal(tl_canvas_finish(c, &err), 0);
}

/* The PNGs at out and want, of one size; their width and height. */
static void load_pair(const char *out, const char *want, cairo_surface_t **a,
                      cairo_surface_t **b, int *w, int *h)
{
	*a = cairo_image_surface_create_from_png(out);
	*b = cairo_image_surface_create_from_png(want);
	assert_int_equal(cairo_surface_status(*a), CAIRO_STATUS_SUCCESS);
	if (cairo_surface_status(*b) != CAIRO_STATUS_SUCCESS)
		fail_msg("no image %s (golden ones: run with "
		         "TALLY_UPDATE_GOLDEN=1)",
		         want);
	*w = cairo_image_surface_get_width(*a);
	*h = cairo_image_surface_get_height(*a);
	assert_int_equal(*w, cairo_image_surface_get_width(*b));
	assert_int_equal(*h, cairo_image_surface_get_height(*b));
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row =
	    cairo_image_surface_get_data(s) +
	    (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	return ((const uint32_t *)(const void *)row)[x];
}

/* The largest difference of a colour channel. */
static int channel_diff(uint32_t a, uint32_t b)
{
	int diff = 0;
	for (int s = 0; s < 24; s += 8) {
		int d = abs((int)((a >> s) & 255) - (int)((b >> s) & 255));
		diff = d > diff ? d : diff;
	}
	return diff;
}

/* Render kind from t at 72 dpi; compare with tests/golden/NAME.png
 * (TALLY_UPDATE_GOLDEN=1 writes it). Fewer than 1 % of the pixels may
 * differ by more than 48 in a channel (font builds), and something must
 * be drawn. */
static void golden(const char *name, tl_chart_kind kind, tl_table *t)
{
	char out[512], want[512];
	const char *dir = tmpdir();
	snprintf(out, sizeof(out), "%s/%s.png", dir, name);
	snprintf(want, sizeof(want), "%s/%s.png", TL_GOLDEN, name);
	draw(out, kind, t, 0, 72);
	const char *update = getenv("TALLY_UPDATE_GOLDEN");
	if (update && *update == '1') {
		char cmd[1200];
		snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", out, want);
		assert_int_equal(system(cmd), 0);
	}
	cairo_surface_t *a, *b;
	int w, h;
	load_pair(out, want, &a, &b, &w, &h);
	long bad = 0, ink = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t pa = pixel(a, x, y);
			bad += channel_diff(pa, pixel(b, x, y)) > 48;
			ink += (pa & 0xffffff) != 0xffffff;
		}
	if (bad * 100 > (long)w * h)
		fail_msg("%s: %ld of %d pixels differ from %s", name, bad,
		         w * h, want);
	assert_true(ink > (long)w * h / 50);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	remove_tree(dir);
}

/* Pixels of a with no pixel like them (within 48 a channel) at or next
 * to the same place in b. */
static long unmatched(cairo_surface_t *a, cairo_surface_t *b, int w, int h)
{
	long bad = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int best = 255;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int u = x + dx, v = y + dy;
					if (u < 0 || v < 0 || u >= w || v >= h)
						continue;
					int d = channel_diff(pixel(a, x, y),
					                     pixel(b, u, v));
					best = d < best ? d : best;
				}
			bad += best > 48;
		}
	return bad;
}

/* The same chart as PDF, turned into PNG by poppler, against tally's
 * own PNG of it: the PDF draws some things its own way (the heatmap's
 * cells are an image there). At 144 dpi: two renderers put an edge a
 * pixel apart now and then, so a pixel may match one next to it; each
 * image's pixels must be found in the other, so that a line one lacks (a
 * gap between cells) is found too. */
static void pdf_like_png(const char *name, tl_chart_kind kind, tl_table *t,
                         size_t top)
{
	char pdf[512], png[512], out[512], cmd[1600];
	const char *dir = tmpdir();
	snprintf(pdf, sizeof(pdf), "%s/%s.pdf", dir, name);
	snprintf(png, sizeof(png), "%s/%s.png", dir, name);
	draw(pdf, kind, t, top, 72);
	draw(png, kind, t, top, 144);
	snprintf(out, sizeof(out), "%s/%s-pdf", dir, name);
	snprintf(cmd, sizeof(cmd), "pdftoppm -png -r 144 -singlefile '%s' '%s'",
	         pdf, out);
	assert_int_equal(system(cmd), 0);
	strncat(out, ".png", sizeof(out) - strlen(out) - 1);
	cairo_surface_t *a, *b;
	int w, h;
	load_pair(out, png, &a, &b, &w, &h);
	/* Half a percent of the pixels of both at most. Measured on the
	 * 4 x 4 heatmap: 4070 of 1228800 as it is, 10590 with no gaps
	 * between the cells, 85k and more with rows, colours or scale
	 * wrong. */
	long bad = unmatched(a, b, w, h) + unmatched(b, a, w, h),
	     all = 2L * w * h;
	if (bad * 200 > all)
		fail_msg("%s: %ld of %ld pixels of the PDF and the PNG have no "
		         "match in the other",
		         name, bad, all);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	remove_tree(dir);
}

/* Pixels not white in the PNG at path. */
static long ink_of(const char *path)
{
	cairo_surface_t *a = cairo_image_surface_create_from_png(path);
	assert_int_equal(cairo_surface_status(a), CAIRO_STATUS_SUCCESS);
	long ink = 0;
	for (int y = 0; y < cairo_image_surface_get_height(a); y++)
		for (int x = 0; x < cairo_image_surface_get_width(a); x++)
			ink += (pixel(a, x, y) & 0xffffff) != 0xffffff;
	cairo_surface_destroy(a);
	return ink;
}

/* --top 2 draws two rows of cells, not the table's four: the heatmap,
 * as PNG and as PDF, has far less ink than with every row. */
static void test_charts__heatmap_top_keeps_rows(void **state)
{
	(void)state;
	tl_table *weeks = matrix_table(TL_BY_WEEK);
	const char *dir = tmpdir();
	char all[512], top[512], pdf[512], out[512], cmd[1600];
	snprintf(all, sizeof(all), "%s/all.png", dir);
	snprintf(top, sizeof(top), "%s/top.png", dir);
	snprintf(pdf, sizeof(pdf), "%s/top.pdf", dir);
	snprintf(out, sizeof(out), "%s/top-pdf", dir);
	draw(all, TL_CHART_HEATMAP, weeks, 0, 72);
	draw(top, TL_CHART_HEATMAP, weeks, 2, 72);
	draw(pdf, TL_CHART_HEATMAP, weeks, 2, 72);
	snprintf(cmd, sizeof(cmd), "pdftoppm -png -r 72 -singlefile '%s' '%s'",
	         pdf, out);
	assert_int_equal(system(cmd), 0);
	strncat(out, ".png", sizeof(out) - strlen(out) - 1);
	long ink_all = ink_of(all);
	assert_true(ink_of(top) * 4 < ink_all * 3);
	assert_true(ink_of(out) * 4 < ink_all * 3);
	remove_tree(dir);
	tl_table_free(weeks);
}

static void test_charts__golden_images(void **state)
{
	(void)state;
	tl_table *d = dept_table(), *days = day_table();
	tl_table *kinds = matrix_table(TL_BY_KIND),
	         *weeks = matrix_table(TL_BY_WEEK);
	golden("bar", TL_CHART_BAR, d);
	golden("column", TL_CHART_COLUMN, days);
	golden("stacked", TL_CHART_STACKED, kinds);
	golden("timeline", TL_CHART_TIMELINE, days);
	golden("heatmap", TL_CHART_HEATMAP, weeks);
	pdf_like_png("heatmap", TL_CHART_HEATMAP, weeks, 0);
	pdf_like_png("heatmap-top2", TL_CHART_HEATMAP, weeks, 2);
	golden("calendar", TL_CHART_CALENDAR, days);
	tl_table_free(d);
	tl_table_free(days);
	tl_table_free(kinds);
	tl_table_free(weeks);
}

/* When 其他 (the departments past --top) sums to far more than the
 * ranked ones, the scale stays the ranked bars' (the 其他 bar is drawn
 * broken): the top department's bar spans most of the plot instead of a
 * sliver. */
static void test_charts__other_does_not_dwarf_the_ranking(void **state)
{
	(void)state;
	char names[30][16];
	const char *rows[30];
	const char *cols[] = {"activities"};
	for (int i = 0; i < 30; i++) {
		snprintf(names[i], sizeof(names[i]), "单位%02d", i);
		rows[i] = names[i];
	}
	tl_table *t =
	    tl_table_new(TL_BY_DEPARTMENT, TL_BY_NONE, rows, 30, cols, 1);
	for (int i = 0; i < 30; i++)
		*tl_table_cell(t, (size_t)i, 0) = 100 - i;
	const char *dir = tmpdir();
	char out[512];
	snprintf(out, sizeof(out), "%s/other.png", dir);
	tl_canvas_opts o = TL_CANVAS_OPTS_INIT;
	o.width = 480;
	o.height = 320;
	o.dpi = 72;
	tl_chart_opts ch = TL_CHART_OPTS_INIT;
	ch.top = 3;
	tl_canvas *c = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_canvas_new(&c, out, &o, &err), 0);
	assert_int_equal(tl_chart_draw(c, TL_CHART_BAR, t, &ch, &err), 0);
	assert_int_equal(tl_canvas_finish(c, &err), 0);
	cairo_surface_t *img = cairo_image_surface_create_from_png(out);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	int w = cairo_image_surface_get_width(img),
	    h = cairo_image_surface_get_height(img),
	    stride = cairo_image_surface_get_stride(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	int longest = 0;
	for (int y = 0; y < h; y++) {
		const uint32_t *row =
		    (const uint32_t *)(px + (size_t)y * (size_t)stride);
		int run = 0;
		for (int x = 0; x < w; x++) {
			run = (row[x] & 0xffffff) == 0x0072b2 ? run + 1 : 0;
			longest = run > longest ? run : longest;
		}
	}
	assert_true(longest > w * 4 / 10);
	cairo_surface_destroy(img);
	tl_table_free(t);
	remove_tree(dir);
}

/* The PNG encoder against libpng (through cairo): images of flat runs,
 * rows equal to the one above, noise and odd sizes decode to exactly
 * the pixels given (libpng checks the CRCs and the Adler-32 sum: a wrong
 * sum fails the decode). */
typedef struct {
	const unsigned char *p;
	size_t left;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *data,
                               unsigned int len)
{
	png_reader *r = closure;
	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

static void test_charts__png_round_trip(void **state)
{
	(void)state;
	static const int SIZES[][2] = {{1, 1},   {1, 2},    {2, 1},  {3, 5},
	                               {257, 3}, {300, 40}, {97, 61}};
	uint32_t seed = 12345;
	for (size_t k = 0; k < sizeof(SIZES) / sizeof(SIZES[0]); k++) {
		int w = SIZES[k][0], h = SIZES[k][1], stride = w * 4 + 8;
		unsigned char *px = calloc((size_t)stride * (size_t)h, 1);
		for (int y = 0; y < h; y++) {
			uint32_t *row = (uint32_t *)(px + (size_t)y * stride);
			int mode = y % 5;
			for (int x = 0; x < w; x++) {
				seed = seed * 1103515245u + 12345u;
				uint32_t noise = seed >> 8;
				uint32_t v =
				    mode == 0 ? 0xFFFFFF /* white */
				    : mode == 1
				        ? (x < w / 2 ? 0x0072B2 : 0xE69F00)
				    : mode == 2 ? noise /* anything */
				    : mode == 3
				        ? (noise & 0x010101) * (x % 7 == 0)
				        : 0;
				if (mode == 4 && y > 0) /* the row above */
					v = ((uint32_t *)(px + (size_t)(y - 1) *
					                           stride))[x];
				row[x] = 0xFF000000u | (v & 0xFFFFFF);
			}
		}
		tl_buf png = TL_BUF_INIT;
		tl_png_encode(&png, px, w, h, stride, 144);
		png_reader r = {(const unsigned char *)png.buf, png.len};
		cairo_surface_t *img =
		    cairo_image_surface_create_from_png_stream(read_png, &r);
		assert_int_equal(cairo_surface_status(img),
		                 CAIRO_STATUS_SUCCESS);
		assert_int_equal(cairo_image_surface_get_width(img), w);
		assert_int_equal(cairo_image_surface_get_height(img), h);
		assert_int_equal(r.left, 0);
		const unsigned char *got = cairo_image_surface_get_data(img);
		int gs = cairo_image_surface_get_stride(img);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				uint32_t a = ((
				             const uint32_t *)(px +
				                               (size_t)y *
				                                   stride))[x],
				         b = ((const uint32_t *)(got +
				                                 (size_t)y *
				                                     gs))[x];
				if ((a & 0xFFFFFF) != (b & 0xFFFFFF))
					fail_msg("%dx%d: pixel (%d,%d) %06x "
					         "became %06x",
					         w, h, x, y, a & 0xFFFFFF,
					         b & 0xFFFFFF);
			}
		cairo_surface_destroy(img);
		tl_buf_release(&png);
		free(px);
	}
}

/* A calendar over three years is a band a year: cells stay large enough
 * to see (GitHub's size, not 1/160 of the width) and every weekday keeps
 * its label row. */
static void test_charts__long_calendar_bands_by_year(void **state)
{
	(void)state;
	enum { DAYS = 1100 };
	static char labels[DAYS][11];
	static const char *rows[DAYS];
	long d0 = tl_date_to_days((tl_date){2022, 10, 4});
	for (int i = 0; i < DAYS; i++) {
		tl_date_format(tl_date_from_days(d0 + i), labels[i]);
		rows[i] = labels[i];
	}
	const char *cols[] = {"activities"};
	tl_table *t = tl_table_new(TL_BY_DAY, TL_BY_NONE, rows, DAYS, cols, 1);
	for (int i = 0; i < DAYS; i++)
		*tl_table_cell(t, (size_t)i, 0) = i % 9;
	tl_chart_opts o = TL_CHART_OPTS_INIT;
	/* 2022 to 2025: four bands of seven rows of at least 12 points
	 * (one band of 160 weeks had rows of 4.5). */
	double h = tl_chart_natural_height(TL_CHART_CALENDAR, t, &o, 800);
	assert_true(h >= 4 * 7 * 12.0 + 100);
	char dir[64], out[128];
	snprintf(dir, sizeof(dir), "%s", tmpdir());
	snprintf(out, sizeof(out), "%s/cal.png", dir);
	tl_canvas_opts co = TL_CANVAS_OPTS_INIT;
	co.height = h;
	co.dpi = 72;
	tl_canvas *c = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_canvas_new(&c, out, &co, &err), 0);
	assert_int_equal(tl_chart_draw(c, TL_CHART_CALENDAR, t, &o, &err), 0);
	assert_int_equal(tl_canvas_finish(c, &err), 0);
	tl_table_free(t);
	remove_tree(dir);
}

static void test_charts__formats(void **state)
{
	(void)state;
	assert_int_equal(tl_canvas_format_of("a.PNG"), TL_FMT_PNG);
	assert_int_equal(tl_canvas_format_of("a.pdf"), TL_FMT_PDF);
	assert_int_equal(tl_canvas_format_of("x/y.svg"), TL_FMT_SVG);
	assert_int_equal(tl_canvas_format_of("-"), 0);
	tl_canvas *c = NULL;
	tl_error err = TL_ERROR_INIT;
	tl_canvas_opts o = TL_CANVAS_OPTS_INIT;
	assert_int_equal(tl_canvas_new(&c, "chart.gif", &o, &err), -TL_EUSAGE);
	assert_int_equal(tl_canvas_new(&c, "/nonexistent/dir/a.png", &o, &err),
	                 -TL_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_charts__nice_ticks),
	    cmocka_unit_test(test_charts__numbers_grouped),
	    cmocka_unit_test(test_charts__dates_as_dates),
	    cmocka_unit_test(test_charts__colours_stay_with_names),
	    cmocka_unit_test(test_charts__labels_thinned_to_fit),
	    cmocka_unit_test(test_charts__missing_glyph_is_an_error),
	    cmocka_unit_test(test_charts__golden_images),
	    cmocka_unit_test(test_charts__heatmap_top_keeps_rows),
	    cmocka_unit_test(test_charts__other_does_not_dwarf_the_ranking),
	    cmocka_unit_test(test_charts__png_round_trip),
	    cmocka_unit_test(test_charts__long_calendar_bands_by_year),
	    cmocka_unit_test(test_charts__formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
