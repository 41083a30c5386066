/* analyze/ingest.h - the pipeline: article files through extraction into the
 * store. */
#ifndef TL_INGEST_H
#define TL_INGEST_H

#include "lexicon.h"
#include "store.h"

typedef struct {
	long read, fresh, known, activities, problems, skipped;
	long files;      /* files (and CSV rows) stored so far */
	long long bytes; /* their bytes */
} tl_ingest_stats;

/* Told after each file is stored (the stats so far). */
typedef void (*tl_ingest_progress_fn)(void *ud, const tl_ingest_stats *st);

/* Told of each input that could not be used (after it is recorded). */
typedef void (*tl_ingest_problem_fn)(void *ud, const char *source, long line,
                                     const char *msg);

/* Read every path (file, folder or "-"), extract what is new and store
 * it, all in one transaction: on a database error nothing is stored and
 * the error is returned. Bad input is recorded in `problem`, counted and
 * passed to on_problem (may be NULL); it never stops the others. */
int tl_ingest_paths(tl_store *store, const tl_lexicon *lex,
                    const char *const *paths, size_t npaths,
                    tl_ingest_problem_fn on_problem, void *ud,
                    tl_ingest_stats *stats, tl_error *err);

/* The same, telling progress to `progress` (may be NULL). */
int tl_ingest_paths_progress(tl_store *store, const tl_lexicon *lex,
                             const char *const *paths, size_t npaths,
                             tl_ingest_problem_fn on_problem,
                             tl_ingest_progress_fn progress, void *ud,
                             tl_ingest_stats *stats, tl_error *err);

#endif
