/* reports/xlsx.h - an Excel workbook of counts or activities (libxlsxwriter).
 */
#ifndef TL_XLSX_H
#define TL_XLSX_H

#include "../analyze/base.h"
#include "../analyze/table.h"

#include <stdint.h>

typedef struct tl_xlsx tl_xlsx;

/* Start a workbook at path (a file name; Excel files cannot stream). */
int tl_xlsx_new(tl_xlsx **out, const char *path, tl_error *err);
/* A new sheet with a frozen, bold header row. */
void tl_xlsx_sheet(tl_xlsx *x, const char *name, const char *const *head,
                   size_t ncols);
void tl_xlsx_text(tl_xlsx *x, const char *s, size_t n);
void tl_xlsx_int(tl_xlsx *x, int64_t v);
void tl_xlsx_empty(tl_xlsx *x);
void tl_xlsx_end_row(tl_xlsx *x);
/* Size the columns to their widest cell (CJK counted double), write and
 * free the workbook. */
int tl_xlsx_finish(tl_xlsx *x, tl_error *err);
void tl_xlsx_free(tl_xlsx *x);

/* A table: a matrix sheet (wide, with totals) and a long sheet. */
void tl_xlsx_table(tl_xlsx *x, const tl_table *t, const char *measure);

#endif
