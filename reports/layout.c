/* reports/layout.c - page furniture and tables for the PDF reports. */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const tl_font TL_F_TITLE = {20, 1, {0.08, 0.08, 0.08}};
const tl_font TL_F_H1 = {15, 1, {0.08, 0.08, 0.08}};
const tl_font TL_F_H2 = {11, 1, {0.15, 0.15, 0.15}};
const tl_font TL_F_BODY = {9, 0, {0.15, 0.15, 0.15}};
const tl_font TL_F_SMALL = {8, 0, {0.25, 0.25, 0.25}};
const tl_font TL_F_FIGURE = {20, 1, {0.0, 0.30, 0.55}};
const tl_font TL_F_MUTED = {8, 0, {0.45, 0.45, 0.45}};

int tl_layout_height(tl_canvas *c, const char *text, const tl_font *f, double w,
                     double *h, tl_error *err)
{
	double tw;
	return tl_canvas_measure(c, text, f, w, &tw, h, err);
}

int tl_layout_para(tl_canvas *c, const char *text, const tl_font *f, double x,
                   double y, double w, double *h, tl_error *err)
{
	int rc = tl_layout_height(c, text, f, w, h, err);
	if (!rc)
		rc = tl_canvas_text(c, text, f, x, y, 0, 0, w, err);
	return rc;
}

int tl_layout_page_frame(tl_canvas *c, const char *head, int page, int pages,
                         int english, tl_error *err)
{
	char foot[64];
	cairo_t *cr = tl_canvas_cr(c);
	snprintf(foot, sizeof(foot),
	         english ? "Page %d of %d" : "第 %d 页 / 共 %d 页", page,
	         pages);
	int rc = tl_canvas_text(c, foot, &TL_F_MUTED, TL_A4_W / 2, TL_A4_H - 28,
	                        TL_ALIGN_CENTER | TL_ALIGN_BOTTOM, 0, 0, err);
	if (!rc && head && page > 1) {
		rc = tl_canvas_text(c, head, &TL_F_MUTED, TL_MARGIN, 24, 0, 0,
		                    TL_A4_W - 2 * TL_MARGIN, err);
		cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, TL_MARGIN, 38);
		cairo_line_to(cr, TL_A4_W - TL_MARGIN, 38);
		cairo_stroke(cr);
	}
	return rc;
}

static double line_height(const tl_font *f)
{
	return f->size * 1.45;
}

size_t tl_layout_rows_per_page(const tl_table_style *st, double y, double y_max)
{
	double row = line_height(st->font) * st->max_lines + 6;
	double head = line_height(st->font) + 8;
	double avail = y_max - y - head;
	return avail > row ? (size_t)(avail / row) : 1;
}

char *tl_layout_shorten(const char *text, size_t max)
{
	size_t n = strlen(text), chars = 0, i = 0;
	while (i < n && chars < max) {
		uint32_t cp;
		int k = tl_utf8_decode(text + i, n - i, &cp);
		i += k > 0 ? (size_t)k : 1;
		chars++;
	}
	if (i >= n)
		return tl_xstrdup(text);
	/* Cut one character earlier to make room for the ellipsis. */
	size_t j = 0, c2 = 0;
	while (j < n && c2 + 1 < max) {
		uint32_t cp;
		int k = tl_utf8_decode(text + j, n - j, &cp);
		j += k > 0 ? (size_t)k : 1;
		c2++;
	}
	tl_buf b = TL_BUF_INIT;
	tl_buf_add(&b, text, j);
	tl_buf_adds(&b, "…");
	return tl_buf_detach(&b);
}

/* Characters of a line in a column: CJK glyphs are about one em wide. */
static size_t line_chars(double w, const tl_font *f)
{
	double n = (w - 6) / f->size;
	return n < 2 ? 2 : (size_t)n;
}

int tl_layout_table(tl_canvas *c, const tl_table_style *st, tl_cell_fn cell,
                    void *ud, size_t nrows, size_t first, double x, double y,
                    double y_max, size_t *next, tl_error *err)
{
	cairo_t *cr = tl_canvas_cr(c);
	double lh = line_height(st->font), total = 0;
	int rc = 0;
	for (size_t j = 0; j < st->ncols; j++)
		total += st->width[j];
	tl_font head = *st->font;
	head.bold = 1;
	/* Header on every page, on a tinted band. */
	cairo_set_source_rgb(cr, 0.92, 0.94, 0.97);
	cairo_rectangle(cr, x, y, total, lh + 6);
	cairo_fill(cr);
	double cx = x;
	for (size_t j = 0; j < st->ncols; j++) {
		if ((rc = tl_canvas_text(
		         c, st->head[j], &head,
		         st->right[j] ? cx + st->width[j] - 3 : cx + 3, y + 3,
		         st->right[j] ? TL_ALIGN_RIGHT : 0, 0, 0, err)))
			return rc;
		cx += st->width[j];
	}
	y += lh + 8;
	double row_h = lh * st->max_lines + 6;
	size_t r = first;
	for (; r < nrows && y + row_h <= y_max; r++) {
		if ((r - first) % 2 == 1) {
			cairo_set_source_rgb(cr, 0.975, 0.975, 0.975);
			cairo_rectangle(cr, x, y - 2, total, row_h);
			cairo_fill(cr);
		}
		cx = x;
		for (size_t j = 0; j < st->ncols; j++) {
			const char *text = cell(ud, r, j);
			char *cut = tl_layout_shorten(
			    text ? text : "",
			    line_chars(st->width[j], st->font) *
			        (size_t)st->max_lines);
			rc = tl_canvas_text(
			    c, cut, st->font,
			    st->right[j] ? cx + st->width[j] - 3 : cx + 3, y,
			    st->right[j] ? TL_ALIGN_RIGHT : 0, 0,
			    st->right[j] ? 0 : st->width[j] - 6, err);
			free(cut);
			if (rc)
				return rc;
			cx += st->width[j];
		}
		y += row_h;
	}
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, x, y - 2);
	cairo_line_to(cr, x + total, y - 2);
	cairo_stroke(cr);
	*next = r;
	return tl_canvas_check(c, err);
}
