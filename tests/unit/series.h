/* tests/unit/series.h - a store holding the fixture series, for the tests
 * that count from it. */
#ifndef TALLY_TESTS_SERIES_H
#define TALLY_TESTS_SERIES_H

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

#endif
