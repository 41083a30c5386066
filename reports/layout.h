/* reports/layout.h - pages of a report: A4 frames, headings, wrapped text,
 * tables. */
#ifndef TL_LAYOUT_H
#define TL_LAYOUT_H

#include "../charts/canvas.h"

#define TL_A4_W   595.0
#define TL_A4_H   842.0
#define TL_MARGIN 48.0

extern const tl_font TL_F_TITLE, TL_F_H1, TL_F_H2, TL_F_BODY, TL_F_SMALL,
    TL_F_FIGURE, TL_F_MUTED;

/* Draw text wrapped into width w at (x, y); *h gets the height used. */
int tl_layout_para(tl_canvas *c, const char *text, const tl_font *f, double x,
                   double y, double w, double *h, tl_error *err);

/* Height text takes wrapped into width w. */
int tl_layout_height(tl_canvas *c, const char *text, const tl_font *f, double w,
                     double *h, tl_error *err);

/* "第 3 页 / 共 12 页" (or "Page 3 of 12") at the page foot, and a thin
 * running head with the report's title. */
int tl_layout_page_frame(tl_canvas *c, const char *head, int page, int pages,
                         int english, tl_error *err);

/* A table: columns with widths (points) and alignments; cells as text.
 * Rows are drawn from `first` while they fit above y_max; the header is
 * drawn first on every page. Returns the index of the first row not
 * drawn in *next. */
typedef struct {
	const char *const *head;
	const double *width;
	const int *right; /* right-aligned (numbers) */
	size_t ncols;
	const tl_font *font;
	int max_lines; /* lines a cell may wrap to; longer text is cut with … */
} tl_table_style;

typedef const char *(*tl_cell_fn)(void *ud, size_t row, size_t col);

int tl_layout_table(tl_canvas *c, const tl_table_style *st, tl_cell_fn cell,
                    void *ud, size_t nrows, size_t first, double x, double y,
                    double y_max, size_t *next, tl_error *err);

/* How many rows fit on a page from y to y_max (rows of max_lines). */
size_t tl_layout_rows_per_page(const tl_table_style *st, double y,
                               double y_max);

/* Shorten text to at most max characters, ending in … when cut. */
char *tl_layout_shorten(const char *text, size_t max);

#endif
