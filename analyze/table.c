/* analyze/table.c - building and freeing tl_table. */
#include "table.h"
#include "base.h"

#include <stdlib.h>
#include <string.h>

tl_table *tl_table_new(tl_axis rows, tl_axis cols, const char *const *rl,
                       size_t nrows, const char *const *cl, size_t ncols)
{
	tl_table *t = tl_xcalloc(1, sizeof(*t));
	t->row_axis = rows;
	t->col_axis = cols;
	t->nrows = nrows;
	t->ncols = ncols;
	t->rows = tl_xcalloc(nrows + 1, sizeof(char *));
	t->cols = tl_xcalloc(ncols + 1, sizeof(char *));
	for (size_t i = 0; i < nrows; i++)
		t->rows[i] = tl_xstrdup(rl[i]);
	for (size_t i = 0; i < ncols; i++)
		t->cols[i] = tl_xstrdup(cl[i]);
	t->v = tl_xcalloc(nrows * ncols + 1, sizeof(int64_t));
	t->approx = tl_xcalloc(nrows * ncols + 1, 1);
	return t;
}

void tl_table_free(tl_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->rows);
	free(t->cols);
	free(t->v);
	free(t->approx);
	free(t);
}

static const char *const AXES[] = {"none",  "department", "day", "week",
                                   "month", "keyword",    "kind"};

const char *tl_axis_name(tl_axis a)
{
	return (unsigned)a < sizeof(AXES) / sizeof(AXES[0]) ? AXES[a] : "?";
}

int tl_axis_parse(const char *s, tl_axis *out)
{
	for (size_t i = 1; i < sizeof(AXES) / sizeof(AXES[0]); i++)
		if (strcmp(s, AXES[i]) == 0) {
			*out = (tl_axis)i;
			return 0;
		}
	if (strcmp(s, "date") == 0) {
		*out = TL_BY_DAY;
		return 0;
	}
	return -1;
}

int tl_axis_is_date(tl_axis a)
{
	return a == TL_BY_DAY || a == TL_BY_WEEK || a == TL_BY_MONTH;
}

static const char *const MEASURES[] = {"activities", "participants", "hits"};

const char *tl_measure_name(tl_measure m)
{
	return (unsigned)m < 3 ? MEASURES[m] : "?";
}

int tl_measure_parse(const char *s, tl_measure *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, MEASURES[i]) == 0) {
			*out = (tl_measure)i;
			return 0;
		}
	return -1;
}
