/* reports/xlsx.c - workbooks: one sheet per table, frozen header, number
 * formats, columns as wide as their Chinese text. */
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAXCOLS 1024

struct tl_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *number;
	char *path;
	uint32_t row;
	uint16_t col;
	double width[MAXCOLS]; /* of the current sheet, in characters */
	int failed;
};

int tl_xlsx_new(tl_xlsx **out, const char *path, tl_error *err)
{
	*out = NULL;
	if (strcmp(path, "-") == 0)
		return tl_error_set(
		    err, TL_EUSAGE,
		    "an Excel workbook needs a file name, not '-'");
	tl_xlsx *x = tl_xcalloc(1, sizeof(*x));
	x->path = tl_xstrdup(path);
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE,
	                            .tmpdir = NULL,
	                            .use_zip64 = LXW_FALSE};
	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb) {
		free(x->path);
		free(x);
		return tl_error_set(err, TL_EIO, "cannot write '%s'", path);
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xE8EEF6);
	x->number = workbook_add_format(x->wb);
	format_set_num_format(x->number, "#,##0");
	*out = x;
	return 0;
}

/* Characters a cell takes on screen (CJK count two), with a margin. */
static double cells(const char *s, size_t n)
{
	return (double)tl_display_width(s, n) * 1.08;
}

static void fit(tl_xlsx *x)
{
	if (!x->ws)
		return;
	for (uint16_t c = 0; c < MAXCOLS && x->width[c] > 0; c++) {
		double w = x->width[c] + 2;
		worksheet_set_column(x->ws, c, c, w > 80 ? 80 : w, NULL);
	}
}

void tl_xlsx_sheet(tl_xlsx *x, const char *name, const char *const *head,
                   size_t ncols)
{
	fit(x);
	memset(x->width, 0, sizeof(x->width));
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws) {
		x->failed = 1;
		return;
	}
	x->row = 0;
	x->col = 0;
	for (size_t c = 0; c < ncols && c < MAXCOLS; c++) {
		worksheet_write_string(x->ws, 0, (lxw_col_t)c, head[c],
		                       x->head);
		double w = cells(head[c], strlen(head[c]));
		if (w > x->width[c])
			x->width[c] = w;
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
}

void tl_xlsx_text(tl_xlsx *x, const char *s, size_t n)
{
	if (!x->ws || x->col >= MAXCOLS)
		return;
	char *z = tl_xstrndup(s, n);
	worksheet_write_string(x->ws, x->row, x->col, z, NULL);
	double w = cells(s, n);
	if (w > x->width[x->col])
		x->width[x->col] = w;
	free(z);
	x->col++;
}

void tl_xlsx_int(tl_xlsx *x, int64_t v)
{
	if (!x->ws || x->col >= MAXCOLS)
		return;
	worksheet_write_number(x->ws, x->row, x->col, (double)v, x->number);
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);
	if (n * 1.3 > x->width[x->col])
		x->width[x->col] = n * 1.3;
	x->col++;
}

void tl_xlsx_empty(tl_xlsx *x)
{
	x->col++;
}

void tl_xlsx_end_row(tl_xlsx *x)
{
	x->row++;
	x->col = 0;
}

void tl_xlsx_free(tl_xlsx *x)
{
	if (!x)
		return;
	free(x->path);
	free(x);
}

int tl_xlsx_finish(tl_xlsx *x, tl_error *err)
{
	fit(x);
	lxw_error e = workbook_close(x->wb);
	int rc = 0;
	if (e != LXW_NO_ERROR || x->failed)
		rc = tl_error_set(err, TL_EIO, "cannot write '%s': %s", x->path,
		                  lxw_strerror(e));
	tl_xlsx_free(x);
	return rc;
}

void tl_xlsx_table(tl_xlsx *x, const tl_table *t, const char *measure)
{
	int measures = t->col_axis == TL_BY_NONE;
	size_t nh = t->ncols + 2;
	const char **head = tl_xcalloc(nh + 1, sizeof(char *));
	head[0] = tl_axis_name(t->row_axis);
	for (size_t c = 0; c < t->ncols; c++)
		head[c + 1] = t->cols[c];
	if (!measures)
		head[t->ncols + 1] = "total";
	tl_xlsx_sheet(x, measures ? "counts" : "matrix", head,
	              measures ? t->ncols + 1 : t->ncols + 2);
	free(head);
	int64_t *coltot = tl_xcalloc(t->ncols + 1, sizeof(int64_t));
	for (size_t r = 0; r < t->nrows; r++) {
		int64_t tot = 0;
		tl_xlsx_text(x, t->rows[r], strlen(t->rows[r]));
		for (size_t c = 0; c < t->ncols; c++) {
			tl_xlsx_int(x, tl_table_get(t, r, c));
			tot += tl_table_get(t, r, c);
			coltot[c] += tl_table_get(t, r, c);
		}
		if (!measures)
			tl_xlsx_int(x, tot);
		tl_xlsx_end_row(x);
	}
	if (!measures) {
		int64_t all = 0;
		tl_xlsx_text(x, "total", 5);
		for (size_t c = 0; c < t->ncols; c++) {
			tl_xlsx_int(x, coltot[c]);
			all += coltot[c];
		}
		tl_xlsx_int(x, all);
		tl_xlsx_end_row(x);
		/* The same numbers in long form, for pivot tables. */
		const char *lh[3] = {tl_axis_name(t->row_axis),
		                     tl_axis_name(t->col_axis), measure};
		tl_xlsx_sheet(x, "long", lh, 3);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				tl_xlsx_text(x, t->rows[r], strlen(t->rows[r]));
				tl_xlsx_text(x, t->cols[c], strlen(t->cols[c]));
				tl_xlsx_int(x, tl_table_get(t, r, c));
				tl_xlsx_end_row(x);
			}
	}
	free(coltot);
}
