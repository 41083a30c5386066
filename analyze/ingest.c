/* analyze/ingest.c - one transaction from files to stored activities. */
#include "ingest.h"
#include "article.h"
#include "extract.h"

#include <string.h>

typedef struct {
	tl_store *store;
	tl_extractor *ex;
	tl_ingest_stats *stats;
	tl_ingest_problem_fn on_problem;
	void *ud;
	int rc; /* first database error */
	tl_error *err;
} state;

static int on_article(void *ud, const tl_article *a, tl_error *err)
{
	state *st = ud;
	const tl_activity *acts;
	const tl_hit *hits;
	size_t n;
	st->stats->read++;
	int known = tl_store_article_known(st->store, a->sha256, err);
	if (known < 0)
		return known;
	if (known) {
		st->stats->known++;
		return 0;
	}
	tl_extract_article(st->ex, a, &acts, &n, &hits);
	int rc = tl_store_add_article(st->store, a, acts, n, hits, err);
	if (rc)
		return rc;
	st->stats->fresh++;
	st->stats->activities += (long)n;
	return 0;
}

static void on_problem(void *ud, const char *source, long line,
                       const char *severity, const char *msg)
{
	state *st = ud;
	st->stats->problems++;
	if (!st->rc)
		st->rc = tl_store_add_problem(st->store, source, line, severity,
		                              msg, st->err);
	if (st->on_problem)
		st->on_problem(st->ud, source, line, msg);
}

static void on_skipped(void *ud, const char *path)
{
	state *st = ud;
	(void)path;
	st->stats->skipped++;
}

int tl_ingest_paths(tl_store *store, const tl_lexicon *lex,
                    const char *const *paths, size_t npaths,
                    tl_ingest_problem_fn problem_fn, void *ud,
                    tl_ingest_stats *stats, tl_error *err)
{
	state st = {store, NULL, stats, problem_fn, ud, 0, err};
	int rc;
	memset(stats, 0, sizeof(*stats));
	if ((rc = tl_store_begin(store, err)))
		return rc;
	if ((rc = tl_store_sync_lexicon(store, lex, err)))
		goto fail;
	st.ex = tl_extractor_new(lex);
	tl_article_sink sink = {on_article, on_problem, on_skipped, &st};
	for (size_t i = 0; i < npaths && !rc && !st.rc; i++)
		rc = tl_article_read_path(paths[i], &sink, err);
	tl_extractor_free(st.ex);
	if (!rc)
		rc = st.rc;
	if (rc)
		goto fail;
	if ((rc = tl_store_commit(store, err)))
		goto fail;
	return 0;
fail:
	tl_store_rollback(store);
	return rc;
}
