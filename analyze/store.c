/* analyze/store.c - SQLite storage with prepared statements and one transaction
 * per ingest. */
#define _GNU_SOURCE /* sync_file_range */
#include "store.h"
#include "agg.h"
#include "rows.h"
#include "wbehind.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static const char SCHEMA[] =
#include "schema.inc"
    ;

enum {
	ST_KNOWN,
	ST_PROBLEM,
	ST_DEPT_FIND,
	ST_ALIAS_FIND,
	ST_DEPT_ADD,
	ST_COUNT
};

static const char *const SQL[ST_COUNT] = {
    "SELECT 1 FROM article WHERE sha256 = ?1",
    "INSERT OR IGNORE INTO problem(source, line, severity, message) "
    "VALUES (?1, ?2, ?3, ?4)",
    "SELECT id FROM department WHERE name = ?1",
    "SELECT department_id FROM alias WHERE alias = ?1",
    "INSERT INTO department(name, category, in_roster, external, origin) "
    "VALUES (?1, '', 0, ?2, 'suffix')",
};

/* The count map goes to the kept tables (upserts) whenever it holds
 * this many cells, and at commit: its memory stays bounded however many
 * days, departments and keywords a corpus has (8 MB: the map's table
 * doubles past 65536 cells, and an article adds a few dozen). */
#define AGG_MAX_CELLS 49152

/* Article hashes ingest keeps in memory at most, of each set: its table
 * (16 bytes a hash, at most half full) stays at 2^18 slots, 4 MB (it
 * would double at 131040). At 300k articles the set of those stored in
 * the run had grown to 16 MB, 24 while it doubled, and the run's peak to
 * 121 MB. */
#define HASH_MAX 130000

/* Articles, their bodies and their activities wait in the writer's rows
 * until the call that added them returns; then each kind goes in one
 * statement (INSERT ... SELECT from the table tl_rows, rows.h). Before,
 * every article took a statement for itself, one for its body and one
 * for its activities, each value bound: the writer's instructions for
 * 5k articles 637 -> 599 M, the 100k folder 2.96 -> 2.76 s (6
 * interleaved pairs). Articles' ids are given by tally (their bodies
 * and activities refer to them); activities' by SQLite, the next after
 * the largest as tally gave them before: a row given its id is first
 * looked for in the table (599 -> 566 M).
 *
 * OR FAIL, not the default OR ABORT: a statement of several rows that
 * may abort has SQLite keep a statement journal, a copy in memory of
 * every page the statement changes (in 1 KB pieces, each a malloc),
 * to undo the statement alone. An ingest never needs that: on any
 * error it rolls the whole transaction back (a bulk load drops its
 * file), rows a failed statement had put in with it. One-thread ingest
 * of 3k articles: 3236 statement journals -> 236, SQLite's instructions
 * 288 -> 252 M; 100k articles: 2.61 -> 2.50 s (medians of 7,
 * interleaved). */
#define ACT_PENDING 512 /* activities a statement at most */
#define ART_PENDING 128 /* articles */
static const char ART_SQL[] =
    "INSERT OR FAIL INTO article(id, sha256, source, title, series, part, "
    "published, published_time, views) SELECT c0, c1, c2, c3, c4, c5, c6, "
    "c7, c8 FROM tl_rows";
/* A body left behind by articles deleted without foreign keys on (the
 * sqlite3 shell) gives way. */
static const char BODY_SQL[] = "INSERT OR REPLACE INTO article_body(id, body) "
                               "SELECT c0, c1 FROM tl_rows";
static const char ACT_SQL[] =
    "INSERT OR FAIL INTO activity(article_id, para, date, date_end, "
    "date_precision, department_id, external, unit, kind, participants, "
    "participants_approx, para_start, para_len, sentence_start, "
    "sentence_end, date_pos, date_len, dept_pos, dept_len, hits, "
    "keywords) SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, "
    "c12, c13, c14, c15, c16, c17, c18, c19, c20 FROM tl_rows";

struct tl_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	/* ART_SQL, BODY_SQL and ACT_SQL, made when first needed */
	sqlite3_stmt *arts, *bodies, *acts;
	sqlite3_int64 next_article; /* id of the next article */
	/* What tl_rows holds for this connection while a statement reads
	 * it. Rows waiting to be stored until the call that added them
	 * returns: articles (nart_rows of ART_PENDING), activities
	 * (nact_rows of ACT_PENDING), their keywords columns in keywords. */
	tl_rows rows;
	struct art_row *art_rows;
	size_t nart_rows;
	struct act_row *act_rows;
	size_t nact_rows;
	tl_buf keywords;
	sqlite3_int64 *dept_ids; /* lexicon index -> department.id */
	size_t ndept_ids;
	sqlite3_int64 *kw_ids; /* lexicon index -> keyword.id */
	size_t nkw_ids;
	const tl_lexicon *lex;
	/* Bulk load into a new database: written to tmp_path without a
	 * journal, then linked into place. Its indexes are made with its
	 * tables and grow with the rows while the dates come in order
	 * (early); when they do not, the date-keyed ones are dropped and
	 * built at the end (see watch_order). */
	int bulk;
	int early;          /* the date-keyed indexes are kept from the start */
	long max_day;       /* the latest activity date so far (days) */
	size_t dated, late; /* activities, and those a month or more earlier
	                     * than the latest before them */
	char *path, *tmp_path, *lock_path;
	/* During a bulk load the kernel is asked to start writing the file
	 * every WRITEBACK_BYTES of bodies, so that the fsync before the
	 * rename waits for the last stretch only, not for the whole file. */
	int wb_fd;
	size_t wb_bytes;
	tl_agg *agg;         /* counts of this transaction, flushed at commit */
	size_t agg_limit;    /* cells before they go (AGG_MAX_CELLS) */
	size_t hash_limit;   /* see tl_store_set_hash_limit (HASH_MAX) */
	struct kw_count *kw; /* an activity's keywords (capkw places) */
	size_t capkw;
	/* Departments found by suffix rules, by name: their ids once looked
	 * up or added in this transaction (two look-ups an activity
	 * otherwise). */
	struct name_id {
		char *name;
		sqlite3_int64 id;
	} * names;
	size_t nnames, capnames; /* open addressing, cap a power of two */
};

int tl_store_fail(tl_store *s, tl_error *err, const char *what)
{
	return tl_error_set(err, TL_EDB, "%s: %s", what,
	                    s && s->db ? sqlite3_errmsg(s->db) : "no database");
}

sqlite3 *tl_store_db(tl_store *s)
{
	return s->db;
}

#define WRITEBACK_BYTES (32u << 20)

static void writeback_kick(tl_store *s, size_t bytes)
{
	s->wb_bytes += bytes;
	if (!s->bulk || s->wb_bytes < WRITEBACK_BYTES)
		return;
	s->wb_bytes = 0;
#ifdef SYNC_FILE_RANGE_WRITE
	if (s->wb_fd < 0)
		s->wb_fd = open(s->tmp_path, O_RDONLY | O_CLOEXEC);
	if (s->wb_fd >= 0) /* a hint: the fsync at publish is the guarantee */
		(void)sync_file_range(s->wb_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

static uint64_t name_hash(const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return h;
}

static struct name_id *name_slot(tl_store *s, const char *name)
{
	size_t mask = s->capnames - 1;
	for (size_t i = (size_t)name_hash(name) & mask;; i = (i + 1) & mask)
		if (!s->names[i].name || strcmp(s->names[i].name, name) == 0)
			return &s->names[i];
}

/* The id a suffix-found name was given in this transaction, or 0. */
static sqlite3_int64 names_find(tl_store *s, const char *name)
{
	return s->capnames ? name_slot(s, name)->id : 0;
}

static void names_put(tl_store *s, const char *name, sqlite3_int64 id)
{
	if ((s->nnames + 1) * 2 > s->capnames) {
		struct name_id *old = s->names;
		size_t oldcap = s->capnames;
		s->capnames = oldcap ? oldcap * 2 : 256;
		s->names = tl_xcalloc(s->capnames, sizeof(*s->names));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name)
				*name_slot(s, old[i].name) = old[i];
		free(old);
	}
	struct name_id *e = name_slot(s, name);
	if (!e->name) {
		e->name = tl_xstrdup(name);
		s->nnames++;
	}
	e->id = id;
}

static void names_clear(tl_store *s)
{
	for (size_t i = 0; i < s->capnames; i++)
		free(s->names[i].name);
	free(s->names);
	s->names = NULL;
	s->nnames = s->capnames = 0;
}

static void finalize_all(tl_store *s)
{
	for (int i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
	sqlite3_stmt **made[] = {&s->arts, &s->bodies, &s->acts};
	for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		sqlite3_finalize(*made[i]);
		*made[i] = NULL;
	}
}

void tl_store_close(tl_store *s)
{
	if (!s)
		return;
	finalize_all(s);
	sqlite3_close(s->db);
	if (s->bulk) { /* never published: nothing half-written stays */
		unlink(s->tmp_path);
		unlink(s->lock_path);
	}
	if (s->wb_fd >= 0)
		close(s->wb_fd);
	names_clear(s);
	tl_agg_free(s->agg);
	tl_buf_release(&s->keywords);
	free(s->kw);
	free(s->art_rows);
	free(s->act_rows);
	free(s->path);
	free(s->tmp_path);
	free(s->lock_path);
	free(s->dept_ids);
	free(s->kw_ids);
	free(s);
}

static int exec(tl_store *s, const char *sql, tl_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = tl_error_set(err, TL_EDB, "%s",
		                      msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

/* Temporary files in memory while an ingest writes rows: a statement
 * that inserts several rows keeps a statement journal (the pages it
 * changes, to undo it on a failed constraint), a temporary file past 64
 * KB, and the multi-row inserts of activities, hits and counts wrote 645
 * MB into /var/tmp for a 63 MB database (10k articles with keywords;
 * system time 1.15 -> 0.94 s at 100k, wall within noise). A statement's
 * journal holds the pages one statement changes: a few. Outside the
 * ingest's transaction (index builds, upgrades) sorts of every row spill
 * to files again. */
static void temp_in_memory(tl_store *s, int on)
{
	exec(s, on ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = FILE",
	     NULL);
}

/* Does sql give a row? Its first value to *v (when not NULL). */
static int first_row(tl_store *s, const char *sql, sqlite3_int64 *v)
{
	sqlite3_stmt *st = NULL;
	int yes = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	          sqlite3_step(st) == SQLITE_ROW;
	if (yes && v)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return yes;
}

static int user_version(tl_store *s, int *v, tl_error *err)
{
	sqlite3_int64 x;
	if (!first_row(s, "PRAGMA user_version", &x))
		return tl_error_set(err, TL_EDB, "%s", sqlite3_errmsg(s->db));
	*v = (int)x;
	return 0;
}

static char *cat(const char *a, const char *b)
{
	tl_buf x = TL_BUF_INIT;
	tl_buf_adds(&x, a);
	tl_buf_adds(&x, b);
	return tl_buf_detach(&x);
}

/* Take <path>.lock for a bulk load. 1: ours, and no database is there;
 * 0: the database exists (or appeared while another ingest built it), so
 * open it as usual. A lock whose process is gone is taken over, and the
 * half-built file it left is removed. */
static int take_bulk_lock(tl_store *s)
{
	for (int waited = 0; waited < 72000; waited++) { /* an hour at most */
		if (access(s->path, F_OK) == 0)
			return 0;
		int fd = open(s->lock_path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd >= 0) {
			char pid[32];
			int n =
			    snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
			int ok = write(fd, pid, (size_t)n) == n;
			close(fd);
			if (!ok || access(s->path, F_OK) == 0) {
				unlink(s->lock_path);
				return 0;
			}
			unlink(s->tmp_path); /* a stale one from a crash */
			return 1;
		}
		if (errno != EEXIST)
			return 0; /* cannot make a lock here: no bulk load */
		FILE *f = fopen(s->lock_path, "r");
		long pid = 0;
		if (f) {
			if (fscanf(f, "%ld", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			unlink(s->tmp_path);
			unlink(s->lock_path);
			continue;
		}
		usleep(50000);
	}
	return 0;
}

static void configure(tl_store *s)
{
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	                  NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/* A writer waits for another ingest to finish, however long. */
	sqlite3_busy_timeout(s->db, 3600 * 1000);
}

static int prepare_all(tl_store *s, tl_error *err)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(s->db, SQL[i], -1,
		                       SQLITE_PREPARE_PERSISTENT, &s->st[i],
		                       NULL) != SQLITE_OK)
			return tl_store_fail(s, err,
			                     "cannot prepare statement");
	return 0;
}

/* The schema's tables, and its indexes (after the "-- indexes" line). */
static char *schema_part(int indexes)
{
	const char *mark = strstr(SCHEMA, "-- indexes");
	size_t at = mark ? (size_t)(mark - SCHEMA) : strlen(SCHEMA);
	return indexes ? tl_xstrdup(SCHEMA + at) : tl_xstrndup(SCHEMA, at);
}

#define STR_(x)     #x
#define STR(x)      STR_(x)
#define SET_VERSION "PRAGMA user_version = " STR(TL_SCHEMA_VERSION)

/* When probe finds a row, run sql (which moves data and drops what
 * depends on the old shape), then the schema again (the views over the
 * new shape). */
static int migrate(tl_store *s, const char *probe, const char *sql,
                   tl_error *err)
{
	int rc = 0;
	if (first_row(s, probe, NULL) && !(rc = exec(s, sql, err)))
		rc = exec(s, SCHEMA, err);
	return rc;
}

/* An older file gets the tables and indexes it lacks, its bodies moved to
 * article_body and its hits to the activities, and loses the indexes no
 * statement uses. */
static int upgrade_schema(tl_store *s, tl_error *err)
{
	int rc = exec(s, SCHEMA, err);
	/* Up to version 4 the bodies were the article table's last column
	 * (every index build over articles read them all), and activities
	 * had indexes by department and by article that no reader uses. */
	if (!rc)
		rc = migrate(
		    s,
		    "SELECT 1 FROM pragma_table_info('article') WHERE "
		    "name = 'body'",
		    "DROP VIEW IF EXISTS activity_text; "
		    "INSERT INTO article_body(id, body) SELECT id, body "
		    "FROM article; ALTER TABLE article DROP COLUMN body",
		    err);
	if (!rc)
		rc = exec(s,
		          "DROP INDEX IF EXISTS activity_dept; DROP INDEX IF "
		          "EXISTS activity_article; DROP INDEX IF EXISTS "
		          "hit_keyword; DROP TABLE IF EXISTS agg",
		          err);
	/* Version 3 kept the hash unique in the table: one index is enough. */
	if (!rc && first_row(s,
	                     "SELECT 1 FROM sqlite_master WHERE name = "
	                     "'sqlite_autoindex_article_1'",
	                     NULL))
		rc = exec(s, "DROP INDEX article_sha256", err);
	/* Up to version 7 the hits were a table: now each activity's
	 * keywords column, and hit a view of them. */
	if (!rc)
		rc = migrate(s,
		             "SELECT 1 FROM sqlite_master WHERE type = 'table' "
		             "AND name = 'hit'",
		             "ALTER TABLE activity ADD COLUMN keywords TEXT; "
		             "UPDATE activity SET keywords = (SELECT "
		             "json_group_object(keyword_id, n) FROM (SELECT "
		             "keyword_id, n FROM hit WHERE activity_id = "
		             "activity.id ORDER BY keyword_id)) WHERE id IN "
		             "(SELECT activity_id FROM hit); DROP TABLE hit",
		             err);
	return rc;
}

static int open_db(tl_store *s, int flags, tl_error *err)
{
	const char *path = s->bulk ? s->tmp_path : s->path;
	int rc = 0, v = 0;
	/* A connection is its thread's alone: no mutex on every call. */
	int oflags = SQLITE_OPEN_NOMUTEX |
	             ((flags & TL_STORE_READONLY)
	                  ? SQLITE_OPEN_READONLY
	                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	/* A bulk load's pages are written behind, on a thread of their
	 * own (wbehind.c). */
	if (sqlite3_open_v2(path, &s->db, oflags,
	                    s->bulk ? tl_wbehind_vfs() : NULL) != SQLITE_OK)
		return tl_error_set(err, TL_EDB,
		                    "cannot open database '%s': %s", s->path,
		                    sqlite3_errmsg(s->db));
	configure(s);
	if (tl_rows_register(s->db, &s->rows) != SQLITE_OK)
		return tl_store_fail(s, err, "cannot open database");
	if (user_version(s, &v, err))
		return tl_error_set(err, TL_EDB,
		                    "'%s' is not a tally database: %s", s->path,
		                    sqlite3_errmsg(s->db));
	if (v > TL_SCHEMA_VERSION)
		return tl_error_set(err, TL_EDB,
		                    "'%s' has schema version %d; this tally "
		                    "knows %d: use a newer tally",
		                    s->path, v, TL_SCHEMA_VERSION);
	if (flags & TL_STORE_READONLY) {
		/* Readers map the file: pages come without a copy or a
		 * system call each. */
		exec(s, "PRAGMA mmap_size = 1073741824", NULL);
		if (v == 0)
			return tl_error_set(err, TL_EDB,
			                    "'%s' holds no tally data yet: run "
			                    "'tally ingest' first",
			                    s->path);
		if (v < TL_SCHEMA_VERSION) {
			/* An older tally wrote it: bring it up to date once,
			 * then read as asked. */
			sqlite3_close(s->db);
			s->db = NULL;
			if ((rc = open_db(s, flags & ~TL_STORE_READONLY, err)))
				return rc;
			finalize_all(s);
			sqlite3_close(s->db);
			s->db = NULL;
			return open_db(s, flags, err);
		}
		return 0;
	}
	if (s->bulk) {
		/* A file nobody else sees until it is complete: no journal
		 * needed; indexes come after the load. Defensive mode
		 * (configure) refuses journal_mode=OFF without a word (the
		 * pragma answers "delete"), so it is lifted for these pragmas
		 * alone: until it was, every bulk load kept a rollback
		 * journal of its first pages, and left it beside the
		 * database when a write failed. Pages of 32 KB: bodies of a
		 * few KB leave less of each page empty (the 100k series' file
		 * 511 -> 478 MB), and half as many writes carry it into the
		 * page cache (system time 1.59 -> 1.27 s from files, 0.90 ->
		 * 0.57 s from CSV; interleaved means of 8,
		 * docs/performance.md). */
		char *tables = schema_part(0);
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
		rc = exec(
		    s,
		    "PRAGMA page_size=32768; PRAGMA journal_mode=OFF; PRAGMA "
		    "synchronous=OFF; "
		    "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-16384; "
		    "PRAGMA secure_delete=OFF",
		    err);
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
		/* The tables in one transaction: the header page written
		 * once, not once a statement (18 writes of 16 KB before the
		 * first article, 33 before). */
		if (!rc)
			rc = exec(s, "BEGIN", err);
		char *indexes = schema_part(1);
		if (!rc)
			rc = exec(s, tables, err);
		if (!rc)
			rc = exec(s, indexes, err);
		if (!rc)
			rc = exec(s, SET_VERSION "; COMMIT", err);
		if (rc)
			exec(s, "ROLLBACK", NULL);
		s->early = !rc;
		free(tables);
		free(indexes);
	} else {
		/* 16 MB of page cache, as a bulk load has: 32 MB took 100k
		 * new articles into a database of 300k to a peak of 87-91 MB
		 * (72 MB now), in the same time (8.8 s, medians of four). */
		rc = exec(s,
		          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
		          "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384",
		          err);
		if (!rc && v == 0) {
			if ((rc = exec(s, "BEGIN IMMEDIATE", err)) ||
			    (rc = exec(s, SCHEMA, err)) ||
			    (rc = exec(s, SET_VERSION, err)) ||
			    (rc = exec(s, "COMMIT", err)))
				exec(s, "ROLLBACK", NULL);
		} else if (!rc && v < TL_SCHEMA_VERSION) {
			/* An older tally wrote it: version 1 kept no counts
			 * (nor an activity's hits), 2 no month counts, 3 no
			 * week counts, 4 the bodies in the article table, 5
			 * no day counts of all kinds nor keyword months and
			 * weeks, 6 day counts per kind (every kept table is
			 * counted anew). */
			if ((rc = exec(s, "BEGIN IMMEDIATE", err)) ||
			    (v == 1 &&
			     (rc = exec(s,
			                "ALTER TABLE activity ADD COLUMN hits "
			                "INTEGER NOT NULL DEFAULT 0; UPDATE "
			                "activity SET hits = (SELECT "
			                "COALESCE(SUM(n), 0) FROM hit WHERE "
			                "activity_id = activity.id)",
			                err))) ||
			    (rc = upgrade_schema(s, err)) ||
			    (rc = tl_agg_rebuild(s->db, err)) ||
			    (rc = exec(s, SET_VERSION, err)) ||
			    (rc = exec(s, "COMMIT", err)))
				exec(s, "ROLLBACK", NULL);
		}
	}
	if (rc) {
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
		return tl_error_set(err, TL_EDB, "cannot use database '%s': %s",
		                    s->path, msg);
	}
	return prepare_all(s, err);
}

/* Before SQLite's first use: no allocation statistics (they take a
 * global mutex on every malloc). Refused, harmlessly, when the program
 * used SQLite before. */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int tl_store_open(tl_store **out, const char *path, int flags, tl_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	tl_store *s = tl_xcalloc(1, sizeof(*s));
	int rc;
	*out = NULL;
	s->wb_fd = -1;
	tl_buf_init(&s->keywords);
	s->agg_limit = AGG_MAX_CELLS;
	s->hash_limit = HASH_MAX;
	s->path = tl_xstrdup(path);
	s->tmp_path = cat(path, ".ingest.tmp");
	s->lock_path = cat(path, ".lock");
	if ((flags & TL_STORE_READONLY) && access(path, F_OK) != 0) {
		rc = tl_error_set(err, TL_ENOTFOUND,
		                  "no database '%s': run 'tally ingest' first "
		                  "(or name one with --db or TALLY_DB)",
		                  path);
		goto fail;
	}
	if ((flags & TL_STORE_BULK) && !(flags & TL_STORE_READONLY) &&
	    strcmp(path, ":memory:") != 0)
		s->bulk = take_bulk_lock(s);
	if ((rc = open_db(s, flags, err)))
		goto fail;
	*out = s;
	return 0;
fail:
	tl_store_close(s);
	return rc;
}

/* Run sql (index builds) with a page cache of 2 MB, then the one before:
 * SQLite's sorter takes as much memory again as the page cache is
 * large, and the index builds at the end of a bulk load had been the
 * run's peak (100k articles: 84-85 -> 79 MB; the builds as fast). */
static int exec_small_cache(tl_store *s, const char *sql, tl_error *err)
{
	sqlite3_int64 before = 0;
	char pragma[64];
	first_row(s, "PRAGMA cache_size", &before);
	exec(s, "PRAGMA cache_size = -2048", NULL);
	int rc = exec(s, sql, err);
	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = %lld",
	         (long long)before);
	if (before)
		exec(s, pragma, NULL);
	return rc;
}

/* Build the indexes, switch to WAL, and move the finished file into
 * place: the database appears whole or not at all. */
static int publish(tl_store *s, tl_error *err)
{
	/* The indexes are sorts of every row, on this thread: SQLite's
	 * helper threads (PRAGMA threads) made them slower here and took a
	 * sort buffer each (an index of 2.3M hits: 0.63 s and 37 MB
	 * without, 0.78 s and 70 MB with two; activities by date 0.25 and
	 * 0.28 s). */
	char *indexes = schema_part(1);
	int rc = exec_small_cache(s, indexes, err);
	free(indexes);
	if (!rc)
		rc = exec(s,
		          "PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL",
		          err);
	/* Every page in the file, or the write that failed. */
	int wrc = rc ? SQLITE_OK : tl_wbehind_flush(s->db);
	if (wrc != SQLITE_OK)
		rc = tl_error_set(err, TL_EIO, "cannot write '%s': %s", s->path,
		                  sqlite3_errstr(wrc));
	if (rc)
		return rc;
	finalize_all(s);
	if (sqlite3_close(s->db) != SQLITE_OK)
		return tl_store_fail(s, err, "cannot close the new database");
	s->db = NULL;
	int fd = open(s->tmp_path, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0 || rename(s->tmp_path, s->path) != 0) {
		rc = tl_error_set(err, TL_EIO, "cannot write '%s': %s", s->path,
		                  strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	close(fd);
	unlink(s->lock_path);
	s->bulk = 0;
	/* Go on as an ordinary connection to the published file. */
	return open_db(s, 0, err);
}

static int one_id(tl_store *s, sqlite3_stmt *st, sqlite3_int64 *id,
                  tl_error *err);
static int prepare(tl_store *s, sqlite3_stmt **st, const char *sql,
                   tl_error *err);

static int store_rows(tl_store *s, tl_error *err);
static void drop_rows(tl_store *s);

/* The counts gathered so far into the kept tables (plain inserts into
 * the empty tables of a new database at first, upserts after): all of
 * them at commit, or at the map's limit (last: 0) a part, which may
 * wait in a run for the last (agg.h). */
static int flush_counts(tl_store *s, int last, tl_error *err)
{
	if (!s->agg)
		return 0;
	return last ? tl_agg_flush(s->agg, s->db, &s->rows, s->bulk,
	                           s->agg_limit, err)
	            : tl_agg_spill(s->agg, s->db, &s->rows, s->bulk, err);
}

int tl_store_begin(tl_store *s, tl_error *err)
{
	sqlite3_stmt *st = NULL;
	names_clear(s);
	temp_in_memory(s, 1);
	int rc = exec(s, "BEGIN IMMEDIATE", err);
	/* The write lock is held from here: the article ids after the
	 * largest are this transaction's to give. */
	if (!rc && (rc = prepare(s, &st,
	                         "SELECT COALESCE(MAX(id), 0) + 1 FROM article",
	                         err)) == 0)
		rc = one_id(s, st, &s->next_article, err);
	sqlite3_finalize(st);
	if (rc && !sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK", NULL);
	return rc;
}

int tl_store_commit(tl_store *s, tl_error *err)
{
	int rc = store_rows(s, err);
	if (!rc)
		rc = flush_counts(s, 1, err);
	if (rc)
		return rc;
	rc = exec(s, "COMMIT", err);
	temp_in_memory(s, 0);
	if (!rc && s->bulk)
		rc = publish(s, err);
	return rc;
}

void tl_store_set_count_limit(tl_store *s, size_t cells)
{
	s->agg_limit = cells ? cells : AGG_MAX_CELLS;
}

void tl_store_set_hash_limit(tl_store *s, size_t n)
{
	s->hash_limit = n ? n : HASH_MAX;
}

size_t tl_store_hash_limit(const tl_store *s)
{
	return s->hash_limit;
}

const char *tl_store_path(const tl_store *s)
{
	return s->bulk || strcmp(s->path, ":memory:") == 0 ? NULL : s->path;
}

int tl_store_index_hashes(tl_store *s, tl_error *err)
{
	/* As schema.sql makes it; IF NOT EXISTS: a database not loaded in
	 * bulk has it already. */
	return exec_small_cache(s,
	                        "CREATE UNIQUE INDEX IF NOT EXISTS "
	                        "article_sha256 ON article(sha256)",
	                        err);
}

void tl_store_rollback(tl_store *s)
{
	names_clear(s); /* ids added in the transaction are gone */
	drop_rows(s);
	if (s->agg)
		tl_agg_clear(s->agg);
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK", NULL);
	temp_in_memory(s, 0);
}

/* Step and reset a statement whose parameters, if it has any, are all
 * bound anew before each run (no clearing). */
static int run_bound(tl_store *s, sqlite3_stmt *st, tl_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return tl_store_fail(s, err, "database write failed");
	return 0;
}

/* The same for statements with optional parameters, cleared to NULL. */
static int run(tl_store *s, sqlite3_stmt *st, tl_error *err)
{
	int rc = run_bound(s, st, err);
	sqlite3_clear_bindings(st);
	return rc;
}

static int one_id(tl_store *s, sqlite3_stmt *st, sqlite3_int64 *id,
                  tl_error *err)
{
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tl_store_fail(s, err, "database read failed");
	return 0;
}

static int prepare(tl_store *s, sqlite3_stmt **st, const char *sql,
                   tl_error *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return tl_store_fail(s, err, "cannot prepare statement");
	return 0;
}

int tl_store_sync_lexicon(tl_store *s, const tl_lexicon *lex, tl_error *err)
{
	sqlite3_stmt *dept = NULL, *alias = NULL, *kw = NULL;
	int rc;
	if ((rc = prepare(s, &dept,
	                  "INSERT INTO department(name, category, in_roster, "
	                  "external, origin) VALUES (?1, ?2, ?3, ?4, "
	                  "'lexicon') ON CONFLICT(name) DO UPDATE SET "
	                  "category = ?2, in_roster = ?3, external = ?4, "
	                  "origin = 'lexicon' RETURNING id",
	                  err)) ||
	    (rc = prepare(s, &alias,
	                  "INSERT INTO alias(alias, department_id) VALUES "
	                  "(?1, ?2) ON CONFLICT(alias) DO UPDATE SET "
	                  "department_id = ?2",
	                  err)) ||
	    (rc = prepare(s, &kw,
	                  "INSERT INTO keyword(term, grp) VALUES (?1, ?2) ON "
	                  "CONFLICT(term) DO UPDATE SET grp = ?2 RETURNING id",
	                  err)))
		goto done;
	free(s->dept_ids);
	free(s->kw_ids);
	s->dept_ids = tl_xcalloc(lex->ndepts + 1, sizeof(sqlite3_int64));
	s->kw_ids = tl_xcalloc(lex->nkeywords + 1, sizeof(sqlite3_int64));
	s->ndept_ids = lex->ndepts;
	s->nkw_ids = lex->nkeywords;
	s->lex = lex;
	for (size_t i = 0; i < lex->ndepts; i++) {
		const tl_department *d = &lex->depts[i];
		sqlite3_bind_text(dept, 1, d->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(dept, 2, d->category, -1, SQLITE_STATIC);
		sqlite3_bind_int(dept, 3, d->in_roster);
		sqlite3_bind_int(dept, 4, d->external);
		if ((rc = one_id(s, dept, &s->dept_ids[i], err)))
			goto done;
		for (char **a = d->aliases; *a; a++) {
			sqlite3_bind_text(alias, 1, *a, -1, SQLITE_STATIC);
			sqlite3_bind_int64(alias, 2, s->dept_ids[i]);
			if ((rc = run(s, alias, err)))
				goto done;
		}
	}
	for (size_t i = 0; i < lex->nkeywords; i++) {
		sqlite3_bind_text(kw, 1, lex->keywords[i].term, -1,
		                  SQLITE_STATIC);
		sqlite3_bind_text(kw, 2, lex->keywords[i].group, -1,
		                  SQLITE_STATIC);
		if ((rc = one_id(s, kw, &s->kw_ids[i], err)))
			goto done;
	}
done:
	sqlite3_finalize(dept);
	sqlite3_finalize(alias);
	sqlite3_finalize(kw);
	return rc;
}

int tl_store_article_known(tl_store *s, const char *sha256, tl_error *err)
{
	sqlite3_stmt *st = s->st[ST_KNOWN];
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return tl_store_fail(s, err, "database read failed");
}

/* The database id of an activity's department, creating names found by
 * the suffix rules on first sight. */
static int dept_id(tl_store *s, const tl_activity *a, sqlite3_int64 *id,
                   tl_error *err)
{
	int rc;
	if (a->dept >= 0 && (size_t)a->dept < s->ndept_ids) {
		*id = s->dept_ids[a->dept];
		return 0;
	}
	if ((*id = names_find(s, a->dept_name)) != 0)
		return 0;
	sqlite3_stmt *st = s->st[ST_DEPT_FIND];
	sqlite3_bind_text(st, 1, a->dept_name, -1, SQLITE_STATIC);
	if ((rc = one_id(s, st, id, err)) || *id)
		goto found;
	st = s->st[ST_ALIAS_FIND];
	sqlite3_bind_text(st, 1, a->dept_name, -1, SQLITE_STATIC);
	if ((rc = one_id(s, st, id, err)) || *id)
		goto found;
	st = s->st[ST_DEPT_ADD];
	sqlite3_bind_text(st, 1, a->dept_name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, a->external);
	if ((rc = run(s, st, err)))
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
found:
	if (!rc && *id)
		names_put(s, a->dept_name, *id);
	return rc;
}

/* An activity waiting for its statement: the caller's (alive until the
 * call that added it returns, which stores it first) and what the
 * writer adds to it. */
typedef struct act_row {
	const tl_activity *x;
	sqlite3_int64 article_id, dept, hits;
	size_t para_start;    /* the paragraph's offset in the body */
	char dates[2][11];    /* start, end */
	const char *kind;     /* the lexicon's, "" when none */
	const char *keywords; /* its keywords column, set when stored from */
	size_t kw_at, kw_len; /* its place in s->keywords */
} act_row;

/* A keyword of an activity: its id and mentions. */
typedef struct kw_count {
	sqlite3_int64 id;
	int n;
} kw_count;

/* The keywords column of activity x: {"id":n,...}, ids ascending, each
 * once; appended to out. Its keywords as stored ids in s->kw; how many
 * there are. */
static size_t keywords_json(tl_store *s, const tl_activity *x,
                            const tl_hit *hits, tl_buf *out)
{
	if (x->nhits > s->capkw) {
		s->capkw = x->nhits * 2;
		s->kw = tl_xrealloc(s->kw, s->capkw * sizeof(*s->kw));
	}
	kw_count *ids = s->kw;
	size_t n = 0;
	for (size_t h = 0; h < x->nhits; h++) {
		const tl_hit *hit = &hits[x->hit_first + h];
		if ((size_t)hit->keyword >= s->nkw_ids)
			continue;
		sqlite3_int64 id = s->kw_ids[hit->keyword];
		size_t i = n;
		while (i > 0 && ids[i - 1].id > id)
			i--;
		if (i > 0 && ids[i - 1].id == id) {
			ids[i - 1].n += hit->n;
			continue;
		}
		memmove(&ids[i + 1], &ids[i], (n - i) * sizeof(*ids));
		ids[i] = (kw_count){id, hit->n};
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		tl_buf_add(out, i ? ",\"" : "{\"", 2);
		tl_buf_add_int(out, ids[i].id);
		tl_buf_add(out, "\":", 2);
		tl_buf_add_int(out, ids[i].n);
	}
	if (n)
		tl_buf_addc(out, '}');
	return n;
}

/* Text (n bytes; -1: to its NUL), NULL when there is none. */
static void result_text_or_null(sqlite3_context *cx, const char *s, int n)
{
	if (s && (n > 0 || (n < 0 && *s)))
		sqlite3_result_text(cx, s, n, SQLITE_STATIC);
	else
		sqlite3_result_null(cx);
}

/* v, or NULL when it is not said. */
static void result_int_or_null(sqlite3_context *cx, sqlite3_int64 v, int said)
{
	if (said)
		sqlite3_result_int64(cx, v);
	else
		sqlite3_result_null(cx);
}

/* Column col of activity row i, in ACT_SQL's order (tl_rows_column_fn). */
static void act_column(sqlite3_context *cx, const void *rows, size_t i, int col)
{
	const act_row *r = (const act_row *)rows + i;
	const tl_activity *x = r->x;
	const tl_count *p = &x->participants;
	switch (col) {
	case 0:
		sqlite3_result_int64(cx, r->article_id);
		break;
	case 1:
		sqlite3_result_int(cx, x->para);
		break;
	case 2:
		sqlite3_result_text(cx, r->dates[0], 10, SQLITE_STATIC);
		break;
	case 3:
		sqlite3_result_text(cx, r->dates[1], 10, SQLITE_STATIC);
		break;
	case 4:
		sqlite3_result_text(cx, tl_precision_name(x->date.precision),
		                    -1, SQLITE_STATIC);
		break;
	case 5:
		sqlite3_result_int64(cx, r->dept);
		break;
	case 6:
		sqlite3_result_int(cx, x->external);
		break;
	case 7:
		result_text_or_null(cx, x->unit, -1);
		break;
	case 8:
		result_text_or_null(cx, r->kind, -1);
		break;
	case 9:
		result_int_or_null(cx, p->value, p->value >= 0);
		break;
	case 10:
		sqlite3_result_int(cx, p->value >= 0 && p->approx);
		break;
	case 11:
		sqlite3_result_int64(cx, (sqlite3_int64)r->para_start);
		break;
	case 12:
		sqlite3_result_int64(cx, (sqlite3_int64)x->text_len);
		break;
	case 13:
		sqlite3_result_int64(cx, (sqlite3_int64)x->sent_start);
		break;
	case 14:
		sqlite3_result_int64(cx, (sqlite3_int64)x->sent_end);
		break;
	case 15:
		sqlite3_result_int64(cx, (sqlite3_int64)x->date.pos);
		break;
	case 16:
		sqlite3_result_int64(cx, (sqlite3_int64)x->date.len);
		break;
	case 17:
		sqlite3_result_int64(cx, (sqlite3_int64)x->dept_pos);
		break;
	case 18:
		sqlite3_result_int64(cx, (sqlite3_int64)x->dept_len);
		break;
	case 19:
		sqlite3_result_int64(cx, r->hits);
		break;
	case 20:
		result_text_or_null(cx, r->keywords, (int)r->kw_len);
		break;
	default:
		sqlite3_result_null(cx);
		break;
	}
}

/* An article waiting for its statements (its body in the second). */
typedef struct art_row {
	sqlite3_int64 id;
	const tl_article *a;
	char published[11];
} art_row;

/* Column col of article row i, in ART_SQL's order. */
static void art_column(sqlite3_context *cx, const void *rows, size_t i, int col)
{
	const art_row *r = (const art_row *)rows + i;
	const tl_article *a = r->a;
	switch (col) {
	case 0:
		sqlite3_result_int64(cx, r->id);
		break;
	case 1:
		sqlite3_result_text(cx, a->sha256, -1, SQLITE_STATIC);
		break;
	case 2:
		sqlite3_result_text(cx, a->source, -1, SQLITE_STATIC);
		break;
	case 3:
		sqlite3_result_text(cx, a->title, -1, SQLITE_STATIC);
		break;
	case 4:
		sqlite3_result_text(cx, a->series ? a->series : "", -1,
		                    SQLITE_STATIC);
		break;
	case 5:
		result_int_or_null(cx, a->part, a->part > 0);
		break;
	case 6:
		sqlite3_result_text(cx, r->published, 10, SQLITE_STATIC);
		break;
	case 7:
		sqlite3_result_text(cx, a->time, -1, SQLITE_STATIC);
		break;
	case 8:
		result_int_or_null(cx, a->views, a->views >= 0);
		break;
	default:
		sqlite3_result_null(cx);
		break;
	}
}

/* Column col of article row i, in BODY_SQL's order. */
static void body_column(sqlite3_context *cx, const void *rows, size_t i,
                        int col)
{
	const art_row *r = (const art_row *)rows + i;
	if (col == 0)
		sqlite3_result_int64(cx, r->id);
	else
		sqlite3_result_text(cx, r->a->body, (int)r->a->body_len,
		                    SQLITE_STATIC);
}

/* Run *st (sql, made when first needed) over rows[0..n) through tl_rows. */
static int store_through(tl_store *s, sqlite3_stmt **st, const char *sql,
                         const void *rows, size_t n, tl_rows_column_fn col,
                         tl_error *err)
{
	if (!*st &&
	    sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	                       NULL) != SQLITE_OK)
		return tl_store_fail(s, err, "cannot prepare statement");
	s->rows = (tl_rows){rows, n, col};
	int rc = run_bound(s, *st, err);
	s->rows = (tl_rows){0};
	return rc;
}

/* Store the rows waiting: articles, their bodies, then the activities
 * (which refer to them). */
/* A bulk load's date-keyed indexes (activities by date, articles by
 * publish date) are kept from its start: in a series read in date order
 * each grows at its end, which costs the writer less than sorting every
 * row in the end while the other core idles (100k articles: 3.24 ->
 * 3.05 s; docs/performance.md). Rows in no order would instead land all
 * over the indexes, each insert a page the cache may have let go: once
 * ORDER_SAMPLE activities are in and more than one in ORDER_LATE came a
 * month or more before the latest so far, those two indexes are dropped
 * and built at the end. The hashes' index is random in any order and
 * stays: it is small while the run's hash set holds the hashes, and past
 * that the load keeps it anyway (tl_store_index_hashes). */
#define ORDER_SAMPLE 4096
#define ORDER_LATE   8

static void count_order(tl_store *s, tl_date day)
{
	long d = tl_date_to_days(day);
	if (s->dated++ == 0 || d > s->max_day)
		s->max_day = d;
	else if (d < s->max_day - 31)
		s->late++;
}

/* Drop them when the order says so. A drop that fails (a statement of
 * the load still reading) leaves an index to grow as it is: slower, not
 * wrong; the end builds whichever is missing. */
static void watch_order(tl_store *s)
{
	if (s->dated < ORDER_SAMPLE || s->late * ORDER_LATE <= s->dated)
		return;
	s->early = 0;
	exec(s,
	     "DROP INDEX IF EXISTS activity_date; "
	     "DROP INDEX IF EXISTS article_published",
	     NULL);
}

int tl_store_early_indexes(const tl_store *s)
{
	return s->early;
}

size_t tl_store_count_runs(const tl_store *s)
{
	return tl_agg_runs(s->agg);
}

static int store_rows(tl_store *s, tl_error *err)
{
	int rc = 0;
	if (s->nart_rows)
		rc = store_through(s, &s->arts, ART_SQL, s->art_rows,
		                   s->nart_rows, art_column, err);
	if (!rc && s->nart_rows)
		rc = store_through(s, &s->bodies, BODY_SQL, s->art_rows,
		                   s->nart_rows, body_column, err);
	act_row *rows = s->act_rows;
	for (size_t i = 0; i < s->nact_rows; i++) /* keywords stopped moving */
		rows[i].keywords =
		    rows[i].kw_len ? s->keywords.buf + rows[i].kw_at : NULL;
	if (!rc && s->nact_rows)
		rc = store_through(s, &s->acts, ACT_SQL, rows, s->nact_rows,
		                   act_column, err);
	drop_rows(s); /* stored, or to be rolled back */
	return rc;
}

/* Done with the rows waiting: stored, or to be rolled back (a statement
 * failed, or a rollback; the next transaction reads its ids anew). */
static void drop_rows(tl_store *s)
{
	s->nart_rows = s->nact_rows = 0;
	tl_buf_reset(&s->keywords);
}

/* An article and its activities into the rows waiting (stored when they
 * are full; the caller stores the rest before it returns). */
static int add_rows(tl_store *s, const tl_article *a, const tl_activity *acts,
                    size_t nacts, const tl_hit *hits, tl_error *err)
{
	int rc;
	if (s->nart_rows == ART_PENDING && (rc = store_rows(s, err)))
		return rc;
	if (!s->art_rows)
		s->art_rows = tl_xmalloc(ART_PENDING * sizeof(art_row));
	art_row *ar = &s->art_rows[s->nart_rows++];
	ar->id = s->next_article++;
	ar->a = a;
	tl_date_format(a->published, ar->published);
	sqlite3_int64 article_id = ar->id;
	writeback_kick(s, a->body_len + 64 * nacts);
	if (!s->agg)
		s->agg = tl_agg_new();
	for (size_t i = 0; i < nacts; i++) {
		if (s->nact_rows == ACT_PENDING && (rc = store_rows(s, err)))
			return rc;
		if (!s->act_rows)
			s->act_rows = tl_xmalloc(ACT_PENDING * sizeof(act_row));
		act_row *r = &s->act_rows[s->nact_rows];
		const tl_activity *x = r->x = &acts[i];
		if ((rc = dept_id(s, x, &r->dept, err)))
			return rc;
		r->article_id = article_id;
		r->para_start = (size_t)(x->text - a->body);
		tl_date_format(x->date.start, r->dates[0]);
		tl_date_format(x->date.end, r->dates[1]);
		if (s->early)
			count_order(s, x->date.start);
		r->kind =
		    x->kind >= 0 && s->lex ? s->lex->kinds[x->kind].kind : "";
		r->hits = 0;
		for (size_t h = 0; h < x->nhits; h++)
			r->hits += hits[x->hit_first + h].n;
		r->kw_at = s->keywords.len;
		size_t nkw = keywords_json(s, x, hits, &s->keywords);
		const kw_count *ids = s->kw;
		r->kw_len = s->keywords.len - r->kw_at;
		s->nact_rows++;
		/* Counts, of the activity and of each keyword. */
		tl_agg_add(s->agg, r->dates[0], r->dept, r->kind, x->external,
		           -1, x->participants.value, x->participants.approx,
		           r->hits);
		for (size_t h = 0; h < nkw; h++)
			tl_agg_add(s->agg, r->dates[0], r->dept, "",
			           x->external, ids[h].id,
			           x->participants.value,
			           x->participants.approx, ids[h].n);
	}
	if (s->early)
		watch_order(s);
	/* The kept counts do not wait for the rows: they are apart. */
	if (tl_agg_cells(s->agg) >= s->agg_limit)
		return flush_counts(s, 0, err);
	return 0;
}

int tl_store_add_articles(tl_store *s, const tl_store_item *v, size_t n,
                          tl_error *err)
{
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = add_rows(s, v[i].a, v[i].acts, v[i].nacts, v[i].hits, err);
	if (!rc)
		rc = store_rows(s, err);
	else
		drop_rows(s);
	return rc;
}

int tl_store_add_article(tl_store *s, const tl_article *a,
                         const tl_activity *acts, size_t nacts,
                         const tl_hit *hits, tl_error *err)
{
	tl_store_item one = {a, acts, nacts, hits};
	return tl_store_add_articles(s, &one, 1, err);
}

int tl_store_add_problem(tl_store *s, const char *source, long line,
                         const char *severity, const char *msg, tl_error *err)
{
	sqlite3_stmt *st = s->st[ST_PROBLEM];
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, line);
	sqlite3_bind_text(st, 3, severity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, msg, -1, SQLITE_STATIC);
	return run(s, st, err);
}
