/* analyze/store.h - the SQLite database: articles, activities, problems. */
#ifndef TL_STORE_H
#define TL_STORE_H

#include "article.h"
#include "base.h"
#include "extract.h"
#include "lexicon.h"

#include <sqlite3.h>

#define TL_SCHEMA_VERSION 8

typedef struct tl_store tl_store;

enum {
	TL_STORE_READONLY = 1,
	/* When the database does not exist yet: build it in a side file
	 * without a journal, indexes at the end, and move it into place on
	 * commit (others wait for <path>.lock meanwhile). */
	TL_STORE_BULK = 2
};

/* Open (creating when allowed) the database at path. A file that is not
 * SQLite, or holds a newer schema, is an error and is left untouched. */
int tl_store_open(tl_store **out, const char *path, int flags, tl_error *err);
void tl_store_close(tl_store *s);
sqlite3 *tl_store_db(tl_store *s);

int tl_store_begin(tl_store *s, tl_error *err);
int tl_store_commit(tl_store *s, tl_error *err);
void tl_store_rollback(tl_store *s);

/* Bring departments, aliases and keywords of the lexicon into the
 * database (inside the caller's transaction). */
int tl_store_sync_lexicon(tl_store *s, const tl_lexicon *lex, tl_error *err);

/* 1 when an article with this hash is stored, 0 when not, <0 on error.
 * A look-up by the hash index, but in a bulk load before
 * tl_store_index_hashes a read of every article. */
int tl_store_article_known(tl_store *s, const char *sha256, tl_error *err);

/* Build the index of article hashes now (inside the transaction) if the
 * database has none yet: a bulk load builds it at the end otherwise. For
 * runs with more articles than ingest keeps the hashes of in memory. */
int tl_store_index_hashes(tl_store *s, tl_error *err);

/* The database's file, for other connections to read what was committed
 * before the transaction; NULL while a bulk load writes a file of its
 * own (nothing was committed to it) or for ":memory:". */
const char *tl_store_path(const tl_store *s);

/* How many article hashes ingest keeps in memory at most (those stored
 * before the run, and those stored in it); past that it asks the
 * database, so that its memory stays bounded however large the corpus.
 * 0: the default (130000 of each, 4 MB). The tests use a small limit. */
void tl_store_set_hash_limit(tl_store *s, size_t n);
size_t tl_store_hash_limit(const tl_store *s);
/* 1 when the store's bulk load has kept its date-keyed indexes from its
 * start (its dates came in order), so far or to its end; 0 when they were
 * left for the end, or the store made no bulk load (for tests). */
int tl_store_early_indexes(const tl_store *s);
/* How many runs of counts the store's ingests have spilled to a
 * temporary file, articles out of the order of their days (agg.h; for
 * tests). */
size_t tl_store_count_runs(const tl_store *s);

/* Store an article and its activities (inside tl_store_begin's
 * transaction, after tl_store_sync_lexicon with the lexicon that
 * extracted them). */
int tl_store_add_article(tl_store *s, const tl_article *a,
                         const tl_activity *acts, size_t nacts,
                         const tl_hit *hits, tl_error *err);

/* One article and its activities, for tl_store_add_articles. */
typedef struct {
	const tl_article *a;
	const tl_activity *acts;
	size_t nacts;
	const tl_hit *hits;
} tl_store_item;

/* Store n articles as tl_store_add_article does each, in a few
 * statements (their articles, bodies and activities each go in one
 * statement of up to a few hundred rows, not one or two an article). On
 * an error some of them may be stored: roll back. */
int tl_store_add_articles(tl_store *s, const tl_store_item *v, size_t n,
                          tl_error *err);

/* How many distinct counts (day, department, kind or keyword) the store
 * gathers in memory before adding them to the kept tables; 0: the
 * default (about 8 MB of them). Counts flushed in parts add up to the
 * same tables; the tests use a small limit to show it. */
void tl_store_set_count_limit(tl_store *s, size_t cells);

/* Record input that could not be used; the same problem twice is kept
 * once. */
int tl_store_add_problem(tl_store *s, const char *source, long line,
                         const char *severity, const char *msg, tl_error *err);

/* Set err from the database's last error with a prefix; returns -TL_EDB. */
int tl_store_fail(tl_store *s, tl_error *err, const char *what);

#endif
