/* analyze/csvin.h - reading CSV (RFC 4180, UTF-8) row by row: libcsv, with
 * a fast path for plain rows (csvin.c). */
#ifndef TL_CSVIN_H
#define TL_CSVIN_H

#include "base.h"

/* One row: nfields fields, each NUL-terminated (lens without the NUL).
 * `line` is the line the row starts on. Return 0 to go on, a negative
 * code to stop the read with that code (fill err first). */
typedef int (*tl_csv_row_fn)(void *ud, char **fields, const size_t *lens,
                             size_t nfields, long line, tl_error *err);

/* Read CSV from memory (a leading UTF-8 BOM is skipped). Strict: an
 * unterminated quote is an error naming the line. */
int tl_csv_read_mem(const char *data, size_t n, const char *name,
                    tl_csv_row_fn fn, void *ud, tl_error *err);

/* The same, with flags: TL_CSV_LIBCSV reads every row with libcsv (no
 * fast path), what the tests compare the fast path with. */
enum { TL_CSV_LIBCSV = 1 };
int tl_csv_read_mem_flags(const char *data, size_t n, const char *name,
                          int flags, tl_csv_row_fn fn, void *ud, tl_error *err);

/* Read a CSV file ("-" = stdin). */
int tl_csv_read_file(const char *path, tl_csv_row_fn fn, void *ud,
                     tl_error *err);

/* Split s at '|' into a NULL-terminated array of trimmed, non-empty
 * strings; free with tl_strv_free. */
char **tl_split_bar(const char *s, size_t *count);
void tl_strv_free(char **v);

#endif
