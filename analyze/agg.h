/* analyze/agg.h - counts per day, department, kind (and keyword), kept beside
 * the activities so that counting reads thousands of rows, not millions. */
#ifndef TL_AGG_H
#define TL_AGG_H

#include "base.h"
#include "rows.h"

#include <sqlite3.h>
#include <stdint.h>

typedef struct tl_agg tl_agg;

tl_agg *tl_agg_new(void);
void tl_agg_free(tl_agg *g);
/* How many cells the adds since the last flush or clear fill, at most
 * (adds wait a few turns before they are counted in). */
size_t tl_agg_cells(const tl_agg *g);
/* Forget what was added (a rolled-back transaction). */
void tl_agg_clear(tl_agg *g);

/* One activity: its day, department, kind ("" when unknown), whether it
 * is external, participants (-1 none) and keyword hits. keyword < 0 adds
 * to the table of days; keyword >= 0 to the table of keywords. */
void tl_agg_add(tl_agg *g, const char *date, int64_t dept, const char *kind,
                int external, int64_t keyword, int64_t participants, int approx,
                int64_t hits);

/* At the map's limit: its cells go to the kept tables (upserts, inside
 * the caller's transaction), or, when many are for days already
 * written (articles out of the order of their days), to a sorted run in
 * a temporary file ($TMPDIR or /tmp), merged by the last flush (where
 * no such file can be made or written, to the tables too). The map is
 * empty after.
 * fresh: the tables were empty when the transaction began (a new
 * database), so the first rows written are inserted without looking
 * for their like. rows: what db's table tl_rows reads (rows.h), which
 * the writes set. */
int tl_agg_spill(tl_agg *g, sqlite3 *db, tl_rows *rows, int fresh,
                 tl_error *err);

/* Everything added and spilled into the kept tables, the map empty
 * again (it may be flushed again: counts add up). Merged runs go in
 * parts of at most chunk cells (0: no limit). */
int tl_agg_flush(tl_agg *g, sqlite3 *db, tl_rows *rows, int fresh, size_t chunk,
                 tl_error *err);

/* How many runs the map has spilled since it was made (for tests). */
size_t tl_agg_runs(const tl_agg *g);

/* Fill the tables from the activities already stored (a database made
 * before they existed). */
int tl_agg_rebuild(sqlite3 *db, tl_error *err);

#endif
