/* reports/csv.h - writing CSV (RFC 4180) for people and spreadsheets. */
#ifndef TL_CSV_H
#define TL_CSV_H

#include "../analyze/base.h"
#include "../analyze/table.h"

#include <stdio.h>

typedef struct {
	FILE *f;
	int excel; /* BOM, CRLF, cells starting = + - @ guarded */
	int fields_in_row;
	tl_buf cell;
} tl_csv_writer;

/* Start writing to f; with excel, the BOM is written at once. */
void tl_csv_writer_init(tl_csv_writer *w, FILE *f, int excel);
void tl_csv_writer_release(tl_csv_writer *w);
/* A text cell: quoted when it holds , " CR or LF; under excel a cell
 * that a spreadsheet would take for a formula gets a leading '. */
void tl_csv_text(tl_csv_writer *w, const char *s);
void tl_csv_textn(tl_csv_writer *w, const char *s, size_t n);
void tl_csv_int(tl_csv_writer *w, int64_t v);
/* An empty cell. */
void tl_csv_empty(tl_csv_writer *w);
void tl_csv_end_row(tl_csv_writer *w);
/* 0, or -TL_EIO when the stream failed. */
int tl_csv_writer_check(tl_csv_writer *w, const char *name, tl_error *err);

/* A table in long form (one row per cell: row label, column label,
 * value) or, with wide, as a matrix with a total column and row. The
 * header names the axes: department,month,activities. */
void tl_csv_write_table(tl_csv_writer *w, const tl_table *t, int wide,
                        const char *measure);

#endif
