/* reports/csv.c - the CSV writer and its Excel-friendly profile. */
#include "csv.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

void tl_csv_writer_init(tl_csv_writer *w, FILE *f, int excel)
{
	w->f = f;
	w->excel = excel;
	w->fields_in_row = 0;
	tl_buf_init(&w->cell);
	if (excel)
		fputs("\xEF\xBB\xBF", f);
}

void tl_csv_writer_release(tl_csv_writer *w)
{
	tl_buf_release(&w->cell);
}

static void sep(tl_csv_writer *w)
{
	if (w->fields_in_row++)
		fputc(',', w->f);
}

void tl_csv_textn(tl_csv_writer *w, const char *s, size_t n)
{
	int quote = 0;
	sep(w);
	tl_buf_reset(&w->cell);
	if (w->excel && n &&
	    (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	     s[0] == '\t' || s[0] == '\r'))
		tl_buf_addc(&w->cell, '\'');
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',' || c == '"' || c == '\n' || c == '\r')
			quote = 1;
		if (c == '"')
			tl_buf_addc(&w->cell, '"');
		tl_buf_addc(&w->cell, c);
	}
	if (quote)
		fputc('"', w->f);
	fwrite(w->cell.buf, 1, w->cell.len, w->f);
	if (quote)
		fputc('"', w->f);
}

void tl_csv_text(tl_csv_writer *w, const char *s)
{
	tl_csv_textn(w, s ? s : "", s ? strlen(s) : 0);
}

void tl_csv_int(tl_csv_writer *w, int64_t v)
{
	sep(w);
	fprintf(w->f, "%" PRId64, v);
}

void tl_csv_empty(tl_csv_writer *w)
{
	sep(w);
}

void tl_csv_end_row(tl_csv_writer *w)
{
	fputs(w->excel ? "\r\n" : "\n", w->f);
	w->fields_in_row = 0;
}

int tl_csv_writer_check(tl_csv_writer *w, const char *name, tl_error *err)
{
	if (fflush(w->f) != 0 || ferror(w->f))
		return tl_error_set(err, TL_EIO, "cannot write '%s': %s", name,
		                    strerror(errno));
	return 0;
}

void tl_csv_write_table(tl_csv_writer *w, const tl_table *t, int wide,
                        const char *measure)
{
	int measures = t->col_axis == TL_BY_NONE;
	tl_csv_text(w, tl_axis_name(t->row_axis));
	if (wide || measures) {
		for (size_t c = 0; c < t->ncols; c++) {
			tl_csv_text(w, t->cols[c]);
			if (measures && c == TL_MEASURE_PARTICIPANTS)
				tl_csv_text(w, "participants_approx");
		}
		if (!measures)
			tl_csv_text(w, "total");
		tl_csv_end_row(w);
		int64_t *coltot = tl_xcalloc(t->ncols + 1, sizeof(int64_t));
		for (size_t r = 0; r < t->nrows; r++) {
			int64_t tot = 0;
			tl_csv_text(w, t->rows[r]);
			for (size_t c = 0; c < t->ncols; c++) {
				int64_t v = tl_table_get(t, r, c);
				tl_csv_int(w, v);
				if (measures && c == TL_MEASURE_PARTICIPANTS)
					tl_csv_int(w,
					           t->approx[r * t->ncols + c]);
				tot += v;
				coltot[c] += v;
			}
			if (!measures)
				tl_csv_int(w, tot);
			tl_csv_end_row(w);
		}
		if (!measures) {
			int64_t all = 0;
			tl_csv_text(w, "total");
			for (size_t c = 0; c < t->ncols; c++) {
				tl_csv_int(w, coltot[c]);
				all += coltot[c];
			}
			tl_csv_int(w, all);
			tl_csv_end_row(w);
		}
		free(coltot);
		return;
	}
	tl_csv_text(w, tl_axis_name(t->col_axis));
	tl_csv_text(w, measure);
	tl_csv_end_row(w);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			tl_csv_text(w, t->rows[r]);
			tl_csv_text(w, t->cols[c]);
			tl_csv_int(w, tl_table_get(t, r, c));
			tl_csv_end_row(w);
		}
}
