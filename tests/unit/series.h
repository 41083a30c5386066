/* tests/unit/series.h - a store holding the fixture series, for the tests
 * that count from it. */
#ifndef TALLY_TESTS_SERIES_H
#define TALLY_TESTS_SERIES_H

#include "helpers.h"
#include "ingest.h"

/* Open (or create) db with flags and ingest the fixture series into it
 * with lex; 0 or a negative tl_error code. */
static inline int ingest_fixture_series(tl_store **s, const char *db, int flags,
                                        tl_lexicon *lex, tl_ingest_stats *st)
{
	tl_error err = TL_ERROR_INIT;
	const char *paths[] = {TL_FIXTURES "/series"};
	int rc = tl_store_open(s, db, flags, &err);
	if (!rc)
		rc = tl_ingest_paths(*s, lex, paths, 1, NULL, NULL, st, &err);
	return rc;
}

/* The fixture lexicon and a store in a fresh folder holding the series:
 * what the counting tests set up once (name: the database file). */
typedef struct {
	tl_store *store;
	tl_lexicon *lex;
	char dir[64];
	char db[128];       /* the database file, in dir */
	tl_ingest_stats st; /* what the ingest counted */
} fixture_series;

static inline int fixture_series_open(fixture_series *fx, const char *name,
                                      int flags)
{
	tl_error err = TL_ERROR_INIT;
	snprintf(fx->dir, sizeof(fx->dir), "%s", tmpdir());
	snprintf(fx->db, sizeof(fx->db), "%s/%s", fx->dir, name);
	if (tl_lexicon_load(&fx->lex, TL_FIXTURES "/lexicon", &err) ||
	    ingest_fixture_series(&fx->store, fx->db, flags, fx->lex, &fx->st))
		return -1;
	return 0;
}

static inline void fixture_series_close(fixture_series *fx)
{
	tl_store_close(fx->store);
	tl_lexicon_free(fx->lex);
	remove_tree(fx->dir);
}

#endif
