/* analyze/rows.h - rows of a C array that SQL reads as a table: a batch of
 * rows goes in with one INSERT ... SELECT, without a bind a value. */
#ifndef TL_ROWS_H
#define TL_ROWS_H

#include <sqlite3.h>
#include <stddef.h>

/* The table's columns: c0 .. c23, untyped (the target's affinity
 * applies). */
#define TL_ROWS_COLS 24

/* Give column col of row i with sqlite3_result_*(). */
typedef void (*tl_rows_column_fn)(sqlite3_context *cx, const void *rows,
                                  size_t i, int col);

/* What the table holds when a statement reads it: rows[0..n), each
 * column through column(). */
typedef struct {
	const void *rows;
	size_t n;
	tl_rows_column_fn column;
} tl_rows;

/* Make the table tl_rows of db (this connection only, not in its schema;
 * statements only, not views or triggers) read *src as it stands at each
 * scan: set src, then step "INSERT INTO t(a, b) SELECT c0, c1 FROM
 * tl_rows". src must outlive db. A table of the database named tl_rows
 * would hide it (tally's schema has none). An SQLite result code. */
int tl_rows_register(sqlite3 *db, const tl_rows *src);

#endif
