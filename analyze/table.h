/* analyze/table.h - tl_table: counts with labelled rows and columns, the one
 * currency between counting and drawing or writing. */
#ifndef TL_TABLE_H
#define TL_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	TL_BY_NONE = 0,
	TL_BY_DEPARTMENT,
	TL_BY_DAY,
	TL_BY_WEEK,
	TL_BY_MONTH,
	TL_BY_KEYWORD,
	TL_BY_KIND
} tl_axis;

typedef enum {
	TL_MEASURE_ACTIVITIES = 0,
	TL_MEASURE_PARTICIPANTS,
	TL_MEASURE_HITS
} tl_measure;

typedef struct {
	tl_axis row_axis, col_axis; /* col_axis NONE: columns are measures */
	size_t nrows, ncols;
	char **rows, **cols;   /* labels */
	int64_t *v;            /* nrows * ncols, row-major */
	unsigned char *approx; /* per cell: part of the value was 余/多 */
} tl_table;

/* A table with the given labels (copied) and zero cells. */
tl_table *tl_table_new(tl_axis rows, tl_axis cols, const char *const *rlabels,
                       size_t nrows, const char *const *clabels, size_t ncols);
void tl_table_free(tl_table *t);

static inline int64_t *tl_table_cell(tl_table *t, size_t r, size_t c)
{
	return &t->v[r * t->ncols + c];
}
static inline int64_t tl_table_get(const tl_table *t, size_t r, size_t c)
{
	return t->v[r * t->ncols + c];
}

/* Axis names as used on the command line and in CSV headers. */
const char *tl_axis_name(tl_axis a);
int tl_axis_parse(const char *s, tl_axis *out);
const char *tl_measure_name(tl_measure m);
int tl_measure_parse(const char *s, tl_measure *out);
int tl_axis_is_date(tl_axis a);

#endif
