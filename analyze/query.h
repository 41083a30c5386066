/* analyze/query.h - counts from the store, as tables ready to draw or write. */
#ifndef TL_QUERY_H
#define TL_QUERY_H

#include "store.h"
#include "table.h"

typedef struct {
	tl_axis rows, cols;     /* cols NONE: one column per measure */
	tl_measure measure;     /* the cells' measure when cols is an axis */
	const char *from, *to;  /* YYYY[-MM[-DD]], inclusive; NULL = open */
	const char *department; /* only this one (name or alias); NULL = all */
	int zero_fill;          /* emit empty periods on date axes */
	int include_external;   /* count units of other institutions too */
} tl_query;

#define TL_QUERY_INIT                                                          \
	{                                                                      \
		TL_BY_DEPARTMENT, TL_BY_NONE, TL_MEASURE_ACTIVITIES, NULL,     \
		    NULL, NULL, 1, 0                                           \
	}

/* Count activities in `store` as `q` asks. With cols NONE the columns are
 * activities, participants and hits. Rows of date axes are in time order,
 * others by their first column, largest first. On success *out belongs
 * to the caller: free it with tl_table_free(). */
int tl_query_run(tl_table **out, tl_store *store, const tl_query *q,
                 tl_error *err);

/* The label of a date on a date axis: 2022-11-10, 2022-W45, 2022-11. */
void tl_query_period_label(tl_axis axis, tl_date d, char out[16]);

/* The first and last day of a period label (2022-11-10, 2022-W45,
 * 2022-11). Returns 0 or -1. */
int tl_period_bounds(const char *label, tl_date *first, tl_date *last);

/* Resolve a department name or alias to its canonical name; -TL_ENOTFOUND
 * when the database knows neither. */
int tl_query_department(tl_store *store, const char *name, char **canonical,
                        tl_error *err);

#endif
