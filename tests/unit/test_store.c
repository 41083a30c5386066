/* tests/unit/test_store.c - the database: schema, idempotent ingest, problems,
 * faults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "filebatch.h"
#include "helpers.h"
#include "series.h"
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "ingest.h"
#include "agg.h"
#include "rows.h"

static long count(tl_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(tl_store_db(s), sql, -1, &st, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static tl_lexicon *load(void)
{
	tl_lexicon *lex = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_lexicon_load(&lex, TL_FIXTURES "/lexicon", &err),
	                 0);
	return lex;
}

/* Every row of a query, one string (cells joined by |, rows by \n). */
static char *dump_db(sqlite3 *db, const char *sql)
{
	tl_buf b = TL_BUF_INIT;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *v = sqlite3_column_text(st, c);
			tl_buf_addf(&b, "%s%s", c ? "|" : "",
			            v ? (const char *)v : "NULL");
		}
		tl_buf_addc(&b, '\n');
	}
	sqlite3_finalize(st);
	return tl_buf_detach(&b);
}

static char *dump(tl_store *s, const char *sql)
{
	return dump_db(tl_store_db(s), sql);
}

/* Every kept table, in key order. */
#define NKEPT 6
static const char *const KEPT_TABLES[NKEPT] = {
    "SELECT * FROM agg_kw ORDER BY 1, 2, 3, 4",
    "SELECT * FROM agg_day ORDER BY 1, 2, 3",
    "SELECT * FROM agg_month ORDER BY 1, 2, 3, 4",
    "SELECT * FROM agg_week ORDER BY 1, 2, 3, 4",
    "SELECT * FROM agg_kw_month ORDER BY 1, 2, 3, 4",
    "SELECT * FROM agg_kw_week ORDER BY 1, 2, 3, 4"};

/* db's kept tables, each one string (none empty). */
static void kept_read(sqlite3 *db, char *kept[NKEPT])
{
	for (int t = 0; t < NKEPT; t++) {
		kept[t] = dump_db(db, KEPT_TABLES[t]);
		assert_true(strlen(kept[t]) > 0);
	}
}

/* The fixture series bulk-loaded into dir/name (the path to db), and its
 * kept tables (freed by kept_same). */
static tl_store *kept_series(const char *dir, const char *name, tl_lexicon *lex,
                             char *kept[NKEPT], char db[128])
{
	snprintf(db, 128, "%s/%s", dir, name);
	tl_store *s = NULL;
	tl_ingest_stats st;
	assert_int_equal(ingest_fixture_series(&s, db, TL_STORE_BULK, lex, &st),
	                 0);
	kept_read(tl_store_db(s), kept);
	return s;
}

/* db holds the kept tables read into kept (which are freed). */
static void kept_same_db(sqlite3 *db, char *kept[NKEPT])
{
	for (int t = 0; t < NKEPT; t++) {
		char *now = dump_db(db, KEPT_TABLES[t]);
		assert_string_equal(now, kept[t]);
		free(now);
		free(kept[t]);
	}
}

/* s holds the kept tables it held when kept_series read them. */
static void kept_same(tl_store *s, char *kept[NKEPT])
{
	kept_same_db(tl_store_db(s), kept);
}

/* s's kept tables are those SQL counts anew from its activities. */
static void kept_match_activities(tl_store *s)
{
	char *kept[NKEPT];
	tl_error err = TL_ERROR_INIT;
	kept_read(tl_store_db(s), kept);
	assert_int_equal(tl_agg_rebuild(tl_store_db(s), &err), 0);
	kept_same(s, kept);
}

/* The kept tables an ingest writes from its count map equal the same
 * tables counted anew by SQL from the activities and their hits. */
static void test_store__kept_tables_match_the_activities(void **state)
{
	(void)state;
	tl_lexicon *lex = load();
	const char *dir = tmpdir();
	char *kept[NKEPT], db[128];
	tl_error err = TL_ERROR_INIT;
	tl_store *s = kept_series(dir, "kept.db", lex, kept, db);
	assert_int_equal(tl_agg_rebuild(tl_store_db(s), &err), 0);
	kept_same(s, kept);
	tl_store_close(s);
	tl_lexicon_free(lex);
	remove_tree(dir);
}

/* An older schema made by sql on s, the file at db: closed and opened
 * again to read, which brings it up to date. */
static tl_store *reopened(tl_store *s, const char *db, const char *sql)
{
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(sqlite3_exec(tl_store_db(s), sql, NULL, NULL, NULL),
	                 SQLITE_OK);
	tl_store_close(s);
	s = NULL;
	assert_int_equal(tl_store_open(&s, db, TL_STORE_READONLY, &err), 0);
	assert_int_equal(count(s, "PRAGMA user_version"), TL_SCHEMA_VERSION);
	return s;
}

/* A version 5 file lacks the day counts of all kinds and the keyword
 * months and weeks: opening it (even to read) counts them, the same as
 * an ingest into a new file writes them. */
static void test_store__upgrade_from_5_adds_kept_tables(void **state)
{
	(void)state;
	tl_lexicon *lex = load();
	const char *dir = tmpdir();
	char *kept[NKEPT], db[128];
	tl_store *s = kept_series(dir, "v5.db", lex, kept, db);
	s = reopened(s, db,
	             "DROP TABLE agg_day; DROP TABLE agg_kw_month; DROP "
	             "TABLE agg_kw_week; PRAGMA user_version = 5");
	kept_same(s, kept);
	tl_store_close(s);
	tl_lexicon_free(lex);
	remove_tree(dir);
}

/* A version 7 file kept the hits as a table: brought up to date, each
 * activity's keywords column holds them (ids ascending), the view hit
 * lists the same rows, and the kept tables are unchanged. */
static void test_store__upgrade_from_7_moves_hits(void **state)
{
	(void)state;
	tl_lexicon *lex = load();
	const char *dir = tmpdir();
	char *kept[NKEPT], db[128];
	tl_store *s = kept_series(dir, "v7.db", lex, kept, db);
	const char *rows = "SELECT activity_id, keyword_id, n FROM hit "
	                   "ORDER BY 1, 2";
	const char *cols = "SELECT id, keywords FROM activity ORDER BY id";
	char *hits = dump(s, rows), *keywords = dump(s, cols);
	assert_true(count(s, "SELECT COUNT(*) FROM hit") > 0);
	/* Back to version 7's shape. */
	s = reopened(
	    s, db,
	    "CREATE TABLE old_hit AS SELECT * FROM hit; DROP VIEW hit; ALTER "
	    "TABLE activity DROP COLUMN keywords; CREATE TABLE hit "
	    "(activity_id INTEGER NOT NULL, keyword_id INTEGER NOT NULL, n "
	    "INTEGER NOT NULL, PRIMARY KEY (activity_id, keyword_id)) WITHOUT "
	    "ROWID; INSERT INTO hit SELECT * FROM old_hit ORDER BY keyword_id "
	    "DESC; DROP TABLE old_hit; PRAGMA user_version = 7");
	assert_int_equal(count(s, "SELECT COUNT(*) FROM sqlite_master WHERE "
	                          "name = 'hit' AND type = 'view'"),
	                 1);
	char *now = dump(s, rows);
	assert_string_equal(now, hits);
	free(now);
	now = dump(s, cols);
	assert_string_equal(now, keywords);
	free(now);
	free(hits);
	free(keywords);
	kept_same(s, kept);
	tl_store_close(s);
	tl_lexicon_free(lex);
	remove_tree(dir);
}

/* The count map goes to the kept tables in parts when it grows past its
 * limit: after every article with a limit of one cell, in a new
 * database (first part inserted, the rest upserted) and in an existing
 * one, the kept tables equal those of one flush at commit. */
static void test_store__counts_flushed_in_parts_add_up(void **state)
{
	(void)state;
	static const char *const *TABLES = KEPT_TABLES;
	tl_lexicon *lex = load();
	const char *dir = tmpdir();
	const char *paths[] = {TL_FIXTURES "/series"};
	for (int bulk = 0; bulk < 2; bulk++) {
		char *want[NKEPT];
		for (int limit = 0; limit < 2; limit++) {
			char db[128];
			snprintf(db, sizeof(db), "%s/parts-%d-%d.db", dir, bulk,
			         limit);
			tl_store *s = NULL;
			tl_error err = TL_ERROR_INIT;
			tl_ingest_stats st;
			assert_int_equal(tl_store_open(&s, db,
			                               bulk ? TL_STORE_BULK : 0,
			                               &err),
			                 0);
			tl_store_set_count_limit(s, limit ? 1 : 0);
			assert_int_equal(tl_ingest_paths(s, lex, paths, 1, NULL,
			                                 NULL, &st, &err),
			                 0);
			assert_true(st.activities > 20);
			for (int t = 0; t < NKEPT; t++) {
				char *got = dump(s, TABLES[t]);
				if (!limit) {
					assert_true(strlen(got) > 0);
					want[t] = got;
					continue;
				}
				assert_string_equal(got, want[t]);
				free(got);
				free(want[t]);
			}
			tl_store_close(s);
		}
	}
	tl_lexicon_free(lex);
	remove_tree(dir);
}

/* The fixture series' files, last first: articles out of the order of
 * their days. */
#define NREVERSED 12
static void reversed_files(char paths[NREVERSED][128], const char *v[])
{
	for (int i = 0; i < NREVERSED; i++) {
		int k = NREVERSED - i;
		snprintf(paths[i], 128, TL_FIXTURES "/series/%02d%s.txt", k,
		         k == 7 ? "_seed" : "");
		v[i] = paths[i];
	}
}

/* Articles out of the order of their days, the count map flushed after
 * every one: the flushes for days already written go to sorted runs in
 * a temporary file, merged at commit (and written a cell at a time: the
 * limit is the merge's part too). The kept tables are those the
 * activities give, in a new database and in one that had rows. */
static void test_store__counts_out_of_day_order_merge_from_runs(void **state)
{
	(void)state;
	tl_lexicon *lex = load();
	const char *dir = tmpdir();
	char files[NREVERSED][128];
	const char *paths[NREVERSED];
	reversed_files(files, paths);
	for (int bulk = 0; bulk < 2; bulk++) {
		char db[128];
		snprintf(db, sizeof(db), "%s/runs-%d.db", dir, bulk);
		tl_store *s = NULL;
		tl_error err = TL_ERROR_INIT;
		tl_ingest_stats st;
		assert_int_equal(
		    tl_store_open(&s, db, bulk ? TL_STORE_BULK : 0, &err), 0);
		tl_store_set_count_limit(s, 1);
		/* one article first (into an existing database: rows there) */
		assert_int_equal(tl_ingest_paths(s, lex, paths, bulk ? 0 : 1,
		                                 NULL, NULL, &st, &err),
		                 0);
		assert_int_equal(tl_ingest_paths(s, lex, paths, NREVERSED, NULL,
		                                 NULL, &st, &err),
		                 0);
		assert_true(st.activities > 20);
		assert_true(tl_store_count_runs(s) > 5);
		kept_match_activities(s);
		tl_store_close(s);
	}
	tl_lexicon_free(lex);
	remove_tree(dir);
}

/* A database file with tally's schema, opened bare with the table
 * tl_rows reading *rows. */
static sqlite3 *kept_db(const char *dir, const char *name, tl_rows *rows)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	tl_store *s = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_store_open(&s, path, 0, &err), 0);
	tl_store_close(s);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(tl_rows_register(db, rows), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

/* The count map spilled every few adds, its days at random (most cells
 * in many runs), then merged in parts of a few cells: the kept tables
 * hold what one flush of the whole map gives, into empty tables and
 * into tables that had rows. */
static void test_store__runs_merge_to_the_counts_of_one_flush(void **state)
{
	(void)state;
	static const char *const KINDS[] = {"会议", "调研", ""};
	const char *dir = tmpdir();
	for (int fresh = 0; fresh < 2; fresh++) {
		tl_rows rows[2] = {{0}, {0}};
		sqlite3 *one =
		    kept_db(dir, fresh ? "one-f.db" : "one.db", &rows[0]);
		sqlite3 *parts =
		    kept_db(dir, fresh ? "parts-f.db" : "parts.db", &rows[1]);
		tl_agg *g[2] = {tl_agg_new(), tl_agg_new()};
		tl_error err = TL_ERROR_INIT;
		unsigned x = 12345;
		for (int pass = 0; pass < (fresh ? 1 : 2); pass++) {
			for (int i = 0; i < 6000; i++) {
				x = x * 1103515245u + 12345u;
				unsigned r = x >> 8;
				char date[11];
				snprintf(date, sizeof(date), "2024-%02u-%02u",
				         1 + r % 12, 1 + (r >> 4) % 28);
				int64_t dept = (int64_t)((r >> 9) % 6);
				int kw = (int)((r >> 12) % 5) - 1;
				const char *kind = KINDS[(r >> 15) % 3];
				int64_t part =
				    (r >> 17) % 4 ? (int64_t)(r % 90) : -1;
				for (int k = 0; k < 2; k++)
					tl_agg_add(g[k], date, dept, kind,
					           (r >> 20) & 1, kw, part,
					           (r >> 21) & 1,
					           1 + (r >> 22) % 3);
				if (i % 37 == 36)
					assert_int_equal(
					    tl_agg_spill(g[1], parts, &rows[1],
					                 fresh, &err),
					    0);
			}
			/* fresh: into empty tables; else twice, the
			 * second time into the first's rows */
			assert_int_equal(
			    tl_agg_flush(g[0], one, &rows[0], fresh, 0, &err),
			    0);
			assert_int_equal(
			    tl_agg_flush(g[1], parts, &rows[1], fresh, 7, &err),
			    0);
		}
		assert_true(tl_agg_runs(g[1]) > 50);
		assert_int_equal(tl_agg_runs(g[0]), 0);
		char *want[NKEPT];
		kept_read(one, want);
		assert_true(strlen(want[0]) > 100);
		kept_same_db(parts, want);
		for (int k = 0; k < 2; k++)
			tl_agg_free(g[k]);
		sqlite3_close(one);
		sqlite3_close(parts);
	}
	remove_tree(dir);
}

/* Days that move on with the adds, each up to 20 days before the
 * latest (as a series read in date order dates its activities): every
 * part goes to the tables, none to a run; the same days at random go
 * to runs. */
static void test_store__counts_in_day_order_stay_out_of_runs(void **state)
{
	(void)state;
	const char *dir = tmpdir();
	for (int mixed = 0; mixed < 2; mixed++) {
		tl_rows rows = {0};
		sqlite3 *db =
		    kept_db(dir, mixed ? "mixed.db" : "ordered.db", &rows);
		tl_agg *g = tl_agg_new();
		tl_error err = TL_ERROR_INIT;
		unsigned x = 777;
		for (int i = 0; i < 20000; i++) {
			x = x * 1103515245u + 12345u;
			unsigned r = x >> 8;
			/* a day number: 2000 adds a day over 300 days */
			int day =
			    mixed ? (int)(r % 300) : i / 64 - (int)(r % 21);
			day = day < 0 ? 0 : day;
			char date[11];
			snprintf(date, sizeof(date), "%04d-%02d-%02d",
			         2023 + day / 336, 1 + day / 28 % 12,
			         1 + day % 28);
			tl_agg_add(g, date, (int64_t)((r >> 9) % 40), "会议", 0,
			           -1, -1, 0, 1);
			if (tl_agg_cells(g) >= 500)
				assert_int_equal(
				    tl_agg_spill(g, db, &rows, 1, &err), 0);
		}
		assert_int_equal(tl_agg_flush(g, db, &rows, 1, 500, &err), 0);
		if (mixed)
			assert_true(tl_agg_runs(g) > 10);
		else
			assert_int_equal(tl_agg_runs(g), 0);
		tl_agg_free(g);
		sqlite3_close(db);
	}
	remove_tree(dir);
}

/* No temporary file to be had for the runs: the counts go to the
 * tables at every flush (the slow way), and come out the same. */
static void
test_store__counts_without_a_temporary_file_still_add_up(void **state)
{
	(void)state;
	tl_lexicon *lex = load();
	const char *dir = tmpdir();
	char files[NREVERSED][128], db[128];
	const char *paths[NREVERSED];
	reversed_files(files, paths);
	snprintf(db, sizeof(db), "%s/notmp.db", dir);
	const char *was = getenv("TMPDIR");
	char *keep = was ? strdup(was) : NULL;
	setenv("TMPDIR", "/nonexistent/tally-tmp", 1);
	tl_store *s = NULL;
	tl_error err = TL_ERROR_INIT;
	tl_ingest_stats st;
	assert_int_equal(tl_store_open(&s, db, 0, &err), 0);
	tl_store_set_count_limit(s, 1);
	assert_int_equal(
	    tl_ingest_paths(s, lex, paths, NREVERSED, NULL, NULL, &st, &err),
	    0);
	if (keep)
		setenv("TMPDIR", keep, 1);
	else
		unsetenv("TMPDIR");
	free(keep);
	assert_true(st.activities > 20);
	assert_int_equal(tl_store_count_runs(s), 0);
	kept_match_activities(s);
	tl_store_close(s);
	tl_lexicon_free(lex);
	remove_tree(dir);
}

static void test_store__reingest_changes_nothing(void **state)
{
	(void)state;
	fixture_series fx;
	assert_int_equal(fixture_series_open(&fx, "t.db", 0), 0);
	tl_store *s = fx.store;
	tl_ingest_stats st = fx.st;
	tl_error err = TL_ERROR_INIT;
	const char *paths[] = {TL_FIXTURES "/series"};
	assert_int_equal(st.problems, 0);
	assert_true(st.fresh >= 13);
	long acts = count(s, "SELECT COUNT(*) FROM activity");
	long arts = count(s, "SELECT COUNT(*) FROM article");
	assert_int_equal(acts, st.activities);
	assert_int_equal(
	    tl_ingest_paths(s, fx.lex, paths, 1, NULL, NULL, &st, &err), 0);
	assert_int_equal(st.fresh, 0);
	assert_int_equal(st.known, arts);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM activity"), acts);
	assert_int_equal(count(s, "PRAGMA user_version"), TL_SCHEMA_VERSION);
	assert_int_equal(
	    count(s, "SELECT COUNT(*) FROM article WHERE part = 7"), 1);
	fixture_series_close(&fx);
}

/* A row that breaks a constraint in the middle of a statement of several
 * rows leaves nothing once the transaction is rolled back: rows go in
 * OR FAIL (no statement journal), so the rows before it stay in the
 * transaction until the ingest rolls it back, as it does on any error. */
static void test_store__a_failed_row_leaves_nothing(void **state)
{
	(void)state;
	fixture_series fx;
	assert_int_equal(fixture_series_open(&fx, "t.db", 0), 0);
	tl_store *s = fx.store;
	const char *const TABLES[] = {
	    "SELECT * FROM article ORDER BY id",
	    "SELECT id, length(body) FROM article_body ORDER BY id",
	    "SELECT * FROM activity ORDER BY id",
	    "SELECT * FROM agg_day ORDER BY 1, 2, 3",
	    "SELECT * FROM agg_month ORDER BY 1, 2, 3, 4"};
	enum { NT = sizeof(TABLES) / sizeof(TABLES[0]) };
	char *before[NT];
	for (size_t t = 0; t < NT; t++)
		before[t] = dump(s, TABLES[t]);
	long acts_before = count(s, "SELECT COUNT(*) FROM activity");
	char body[] = "11月10日，学院召开会议。\n11月11日，学院举办讲座。\n"
	              "11月12日，学院开展活动。";
	tl_article a;
	memset(&a, 0, sizeof(a));
	a.source = "broken.txt";
	a.title = "坏的文章";
	a.series = "";
	a.published = (tl_date){2023, 11, 13};
	a.views = -1;
	a.body = body;
	a.body_len = strlen(body);
	memset(a.sha256, 'e', 64);
	tl_activity acts[3];
	memset(acts, 0, sizeof(acts));
	for (int i = 0; i < 3; i++) {
		acts[i].para = i + 1;
		acts[i].date.start = acts[i].date.end =
		    (tl_date){2023, 11, 10 + i};
		acts[i].date.precision = TL_PREC_DAY;
		acts[i].dept = 0;
		acts[i].dept_name = fx.lex->depts[0].name;
		acts[i].kind = -1;
		acts[i].participants.value = -1;
		acts[i].text = body;
		acts[i].text_len = a.body_len;
	}
	acts[1].date.precision = TL_PREC_NONE; /* fails the CHECK */
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_store_begin(s, &err), 0);
	assert_int_not_equal(tl_store_add_article(s, &a, acts, 3, NULL, &err),
	                     0);
	/* The article and the row before the broken one are in, for now. */
	assert_int_equal(count(s, "SELECT COUNT(*) FROM activity"),
	                 acts_before + 1);
	tl_store_rollback(s);
	for (size_t t = 0; t < NT; t++) {
		char *after = dump(s, TABLES[t]);
		assert_string_equal(after, before[t]);
		free(after);
		free(before[t]);
	}
	fixture_series_close(&fx);
}

/* A fresh folder for a test's own articles (in, made empty) and
 * database (db, opened by folder_store), and the fixture lexicon. */
typedef struct {
	const char *dir;
	char db[256], in[256];
	tl_lexicon *lex;
	tl_store *s;
} folder;

static void folder_open(folder *f)
{
	f->dir = tmpdir();
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	snprintf(f->in, sizeof(f->in), "%s/in", f->dir);
	mkdir(f->in, 0755);
	f->lex = load();
	f->s = NULL;
}

static void folder_store(folder *f)
{
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_store_open(&f->s, f->db, 0, &err), 0);
}

/* Ingest the folder's articles into its store. */
static void folder_ingest(folder *f, tl_ingest_stats *st)
{
	tl_error err = TL_ERROR_INIT;
	const char *paths[] = {f->in};
	assert_int_equal(
	    tl_ingest_paths(f->s, f->lex, paths, 1, NULL, NULL, st, &err), 0);
}

static void folder_close(folder *f)
{
	tl_store_close(f->s);
	tl_lexicon_free(f->lex);
	remove_tree(f->dir);
}

static void test_store__bad_files_recorded_once(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	write_file(f.in, "good.txt",
	           "标题: 甲\n发布日期: 2022-11-03\n正文内容:\n"
	           "11月2日，能动学院召开会议。\n");
	write_file(f.in, "utf8.txt",
	           "标题: 乙\n发布日期: 2022-11-03\n正文内容:\n\xff\n");
	write_file(f.in, "noheader.txt", "just text\n");
	write_file(f.in, "date.txt",
	           "标题: 丙\n发布日期: 2022-02-30\n正文内容:\n段。\n");
	tl_ingest_stats st;
	folder_store(&f);
	for (int round = 0; round < 2; round++) {
		folder_ingest(&f, &st);
		assert_int_equal(st.problems, 3);
	}
	assert_int_equal(count(f.s, "SELECT COUNT(*) FROM article"), 1);
	assert_int_equal(count(f.s, "SELECT COUNT(*) FROM activity"), 1);
	assert_int_equal(count(f.s, "SELECT COUNT(*) FROM problem"), 3);
	folder_close(&f);
}

/* Names in dir, but . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* Descriptors this process holds (and the one listing them). */
static int open_fds(void)
{
	return entries("/proc/self/fd");
}

/* n articles in the folder in (made here), and a second copy of the
 * first dups of them under other names. */
static void write_articles(const char *in, int n, int dups)
{
	mkdir(in, 0755);
	for (int i = 0; i < n + dups; i++) {
		char name[32], text[256];
		int k = i < n ? i : i - n; /* the copies repeat the first */
		snprintf(name, sizeof(name), "%s%03d.txt", i < n ? "a" : "z",
		         i);
		snprintf(text, sizeof(text),
		         "标题: 第%d篇\n发布日期: 2022-11-03\n正文内容:\n"
		         "11月2日，能动学院召开第%d次会议。\n",
		         k, k);
		write_file(in, name, text);
	}
}

/* Without the batch reader (TALLY_URING=0), the reader opens files ahead
 * of the workers within half the descriptors allowed: with few allowed,
 * every file is still read (past the budget by name), and none is left
 * open. With it (the default where there is io_uring), the same: its
 * ring and its slots are closed too. */
static void test_store__files_opened_ahead_all_read_and_closed(void **state)
{
	(void)state;
	const char *uring[] = {"0", NULL};
	for (int run = 0; run < 2; run++) {
		folder f;
		folder_open(&f);
		enum { FILES = 300 };
		write_articles(f.in, FILES, 0);
		struct rlimit old, low;
		assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
		low = old;
		low.rlim_cur = 64; /* 32 ahead at most */
		assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
		setenv("TALLY_THREADS", "2", 1);
		if (uring[run])
			setenv("TALLY_URING", uring[run], 1);
		tl_ingest_stats st;
		folder_store(&f);
		int before = open_fds();
		folder_ingest(&f, &st);
		assert_int_equal(open_fds(), before);
		assert_int_equal(st.problems, 0);
		assert_int_equal(st.fresh, FILES);
		assert_int_equal(count(f.s, "SELECT COUNT(*) FROM activity"),
		                 FILES);
		unsetenv("TALLY_THREADS");
		unsetenv("TALLY_URING");
		assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
		folder_close(&f);
	}
}

/* A folder read a batch of files at a time (the reader, through
 * io_uring) and one file at a time (the workers, TALLY_URING=0) makes
 * the same database: the same articles, activities, kept counts and
 * problems, in the same order. Among the files: an empty one, broken
 * text, no header, an article longer than the batch reader reads (left
 * to the worker), a copy of another, a folder within, and a folder of
 * long articles (a batch of them turns the batch reader off: what
 * follows is read the other way in the same run). */
static void test_store__files_read_in_batches_store_the_same(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	write_articles(f.in, 150, 5);
	char sub[300];
	snprintf(sub, sizeof(sub), "%s/sub", f.in);
	write_articles(sub, 40, 0); /* copies of the first 40, named anew */
	write_file(f.in, "b-empty.txt", "");
	write_file(f.in, "b-utf8.txt",
	           "标题: 乙\n发布日期: 2022-11-03\n正文内容:\n\xff\n");
	write_file(f.in, "b-noheader.txt", "just text\n");
	tl_buf longer = TL_BUF_INIT;
	tl_buf_adds(&longer, "标题: 长文\n发布日期: 2022-12-01\n正文内容:\n");
	for (int i = 0; longer.len <= TL_FILEBATCH_CAP; i++)
		tl_buf_addf(&longer, "11月%d日，能动学院召开第%d次学习会。\n",
		            i % 28 + 1, i);
	write_file(f.in, "b-long.txt", longer.buf);
	char lng[300];
	snprintf(lng, sizeof(lng), "%s/long", f.in);
	mkdir(lng, 0755);
	enum { LONG = TL_FILEBATCH_MAX + 8 };
	for (int i = 0; i < LONG; i++) {
		char name[32];
		snprintf(name, sizeof(name), "l%02d.txt", i);
		/* each its own article: its title differs */
		tl_buf one = TL_BUF_INIT;
		tl_buf_addf(&one, "标题: 长文%d\n%s", i,
		            strchr(longer.buf, '\n') + 1);
		write_file(lng, name, one.buf);
		tl_buf_release(&one);
	}
	tl_buf_release(&longer);
	const char *tables[] = {
	    "SELECT * FROM article ORDER BY id",
	    "SELECT * FROM activity ORDER BY id",
	    "SELECT source, line, severity, message FROM problem ORDER BY 1, 2",
	    KEPT_TABLES[1],
	    KEPT_TABLES[2],
	    KEPT_TABLES[3]};
	enum { NT = sizeof(tables) / sizeof(*tables) };
	char *want[NT] = {0};
	tl_ingest_stats first = {0};
	for (int run = 0; run < 2; run++) {
		setenv("TALLY_THREADS", "2", 1);
		if (run == 1)
			setenv("TALLY_URING", "0", 1);
		snprintf(f.db, sizeof(f.db), "%s/t%d.db", f.dir, run);
		tl_ingest_stats st;
		folder_store(&f);
		folder_ingest(&f, &st);
		unsetenv("TALLY_THREADS");
		unsetenv("TALLY_URING");
		assert_int_equal(st.read, 150 + 5 + 40 + 1 + LONG);
		assert_int_equal(st.fresh, 150 + 1 + LONG);
		assert_int_equal(st.known, 5 + 40);
		assert_int_equal(st.problems, 3);
		if (run == 0)
			first = st;
		else
			assert_memory_equal(&st, &first, sizeof(st));
		for (int t = 0; t < NT; t++) {
			char *got = dump(f.s, tables[t]);
			assert_true(strlen(got) > 0);
			if (run == 0) {
				want[t] = got;
				continue;
			}
			assert_string_equal(got, want[t]);
			free(got);
			free(want[t]);
		}
		tl_store_close(f.s);
		f.s = NULL;
	}
	folder_close(&f);
}

/* A new database that cannot be written whole (files may not grow past
 * 256 KB): the ingest fails with the write's error and leaves no file
 * behind (a rollback journal had stayed: defensive mode had kept the
 * bulk load's journal_mode=OFF from taking). */
static void test_store__a_full_disk_leaves_no_file(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	write_articles(f.in, 3000, 0);
	struct rlimit old, low;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	low = old;
	low.rlim_cur = 256 << 10;
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_store_open(&f.s, f.db, TL_STORE_BULK, &err), 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &low), 0);
	const char *paths[] = {f.in};
	tl_ingest_stats st;
	int rc = tl_ingest_paths(f.s, f.lex, paths, 1, NULL, NULL, &st, &err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(err.msg, "disk"));
	tl_store_close(f.s);
	f.s = NULL;
	assert_int_equal(entries(f.dir), 1); /* in/ alone */
	folder_close(&f);
}

/* The writer fails (at the 129th article) while the reader, a full ring
 * ahead, waits for room to hand over more files: the error told is the writer's
 * (the reader, stopped with the writer's code, had put its own empty message
 * over it: "unknown error"). */
static void test_store__a_failed_write_is_the_error_told(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	enum { FILES = 3000 };
	write_articles(f.in, FILES, 0);
	folder_store(&f);
	/* Slow while the first job is stored (the reader meanwhile fills the
	 * ring and waits for room), then failing. */
	assert_int_equal(
	    sqlite3_exec(tl_store_db(f.s),
	                 "CREATE TRIGGER no_room BEFORE INSERT ON article "
	                 "BEGIN SELECT CASE WHEN (SELECT COUNT(*) FROM "
	                 "article) >= 128 THEN RAISE(ABORT, 'no room here') "
	                 "END; SELECT COUNT(*) FROM (WITH RECURSIVE n(i) AS "
	                 "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
	                 "5000) SELECT i FROM n); END",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	/* Each file named, as a shell's * names them. */
	char *paths[FILES];
	for (int i = 0; i < FILES; i++) {
		tl_buf path = TL_BUF_INIT;
		tl_buf_addf(&path, "%s/a%03d.txt", f.in, i); /* as written */
		paths[i] = tl_buf_detach(&path);
	}
	setenv("TALLY_THREADS", "2", 1);
	tl_error err = TL_ERROR_INIT;
	tl_ingest_stats st;
	int rc = tl_ingest_paths(f.s, f.lex, (const char *const *)paths, FILES,
	                         NULL, NULL, &st, &err);
	unsetenv("TALLY_THREADS");
	for (int i = 0; i < FILES; i++)
		free(paths[i]);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(err.msg, "no room here"));
	assert_int_equal(count(f.s, "SELECT COUNT(*) FROM article"), 0);
	folder_close(&f);
}

/* Past the number of hashes ingest holds in memory, the database tells
 * which articles are stored (the writer's index, built then in a bulk
 * load; the workers' own connections for those stored before): with a
 * limit of 2 the counts and tables are what they are with the default,
 * with workers and without. */
static void test_store__past_the_hash_limit_the_database_tells(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	char more[256];
	snprintf(more, sizeof(more), "%s/more", f.dir);
	write_articles(f.in, 12, 3);
	write_articles(more, 20, 0); /* 12 of them stored before, 8 new */
	const char *threads[] = {"2", "0"};
	char *want[NKEPT] = {0};
	for (int run = 0; run < 4; run++) {
		size_t limit = run % 2 ? 2 : 0;
		setenv("TALLY_THREADS", threads[run / 2], 1);
		char db[256];
		snprintf(db, sizeof(db), "%s/t%d.db", f.dir, run);
		tl_store *s = NULL;
		tl_error err = TL_ERROR_INIT;
		tl_ingest_stats st;
		assert_int_equal(tl_store_open(&s, db, TL_STORE_BULK, &err), 0);
		tl_store_set_hash_limit(s, limit);
		const char *p1[] = {f.in}, *p2[] = {more}, *p3[] = {f.in, more};
		assert_int_equal(
		    tl_ingest_paths(s, f.lex, p1, 1, NULL, NULL, &st, &err), 0);
		assert_int_equal(st.fresh, 12);
		assert_int_equal(st.known, 3); /* the copies */
		assert_int_equal(
		    tl_ingest_paths(s, f.lex, p2, 1, NULL, NULL, &st, &err), 0);
		assert_int_equal(st.fresh, 8);
		assert_int_equal(st.known, 12);
		assert_int_equal(
		    tl_ingest_paths(s, f.lex, p3, 2, NULL, NULL, &st, &err), 0);
		assert_int_equal(st.fresh, 0);
		assert_int_equal(st.known, 35);
		assert_int_equal(count(s, "SELECT COUNT(*) FROM article"), 20);
		assert_int_equal(
		    count(s, "SELECT COUNT(DISTINCT sha256) FROM article"), 20);
		assert_int_equal(count(s, "SELECT COUNT(*) FROM activity"), 20);
		for (int t = 0; t < NKEPT; t++) {
			char *got = dump(s, KEPT_TABLES[t]);
			if (!want[t])
				want[t] = got;
			else {
				assert_string_equal(got, want[t]);
				free(got);
			}
		}
		tl_store_close(s);
	}
	unsetenv("TALLY_THREADS");
	for (int t = 0; t < NKEPT; t++)
		free(want[t]);
	folder_close(&f);
}

/* A CSV of n articles, one activity each on its own day from 2010-01-01:
 * in date order, or with the days in no order (a stride through them). */
static void write_days_csv(const char *path, int n, int shuffled)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs("title,published,views,body\n", out);
	long day0 = tl_date_to_days((tl_date){2010, 1, 1});
	for (int i = 0; i < n; i++) {
		int k = shuffled ? (int)((long)i * 7919 % n) : i;
		tl_date d = tl_date_from_days(day0 + k);
		char iso[11];
		tl_date_format(d, iso);
		fprintf(
		    out,
		    "第%d期,%s,1,\"%d月%d日，能动学院召开理论学习会议。\"\n", k,
		    iso, d.m, d.d);
	}
	fclose(out);
}

/* A bulk load whose dates come in order keeps its date-keyed indexes from
 * the start; one whose dates come in no order drops them early on and
 * builds them at the end. Both files hold the same rows, every index,
 * whole (integrity_check), and the same kept counts. */
static void test_store__indexes_grow_with_rows_in_date_order(void **state)
{
	(void)state;
	folder f;
	folder_open(&f);
	enum { N = 4500 }; /* past ORDER_SAMPLE activities */
	char *kept[NKEPT] = {0};
	for (int shuffled = 0; shuffled < 2; shuffled++) {
		char csv[300], db[300];
		snprintf(csv, sizeof(csv), "%s/days-%d.csv", f.in, shuffled);
		snprintf(db, sizeof(db), "%s/days-%d.db", f.dir, shuffled);
		write_days_csv(csv, N, shuffled);
		tl_store *s = NULL;
		tl_error err = TL_ERROR_INIT;
		tl_ingest_stats st;
		assert_int_equal(tl_store_open(&s, db, TL_STORE_BULK, &err), 0);
		const char *paths[] = {csv};
		assert_int_equal(
		    tl_ingest_paths(s, f.lex, paths, 1, NULL, NULL, &st, &err),
		    0);
		assert_int_equal(st.fresh, N);
		assert_int_equal(tl_store_early_indexes(s), !shuffled);
		assert_int_equal(
		    count(s, "SELECT COUNT(*) FROM sqlite_schema WHERE name IN "
		             "('activity_date', 'article_published', "
		             "'article_sha256')"),
		    3);
		char *ok = dump(s, "PRAGMA integrity_check");
		assert_string_equal(ok, "ok\n");
		free(ok);
		assert_int_equal(count(s,
		                       "SELECT COUNT(*) FROM activity INDEXED "
		                       "BY activity_date WHERE date >= "
		                       "'2010-01-01'"),
		                 N);
		assert_int_equal(count(s,
		                       "SELECT COUNT(*) FROM article INDEXED "
		                       "BY article_published WHERE "
		                       "published >= '2010-01-01'"),
		                 N);
		if (!shuffled) {
			for (int t = 0; t < NKEPT; t++)
				kept[t] = dump(s, KEPT_TABLES[t]);
		} else {
			kept_same(s, kept);
		}
		tl_store_close(s);
	}
	folder_close(&f);
}

static void test_store__refuses_foreign_and_newer_files(void **state)
{
	(void)state;
	const char *dir = tmpdir();
	char path[256];
	tl_store *s = NULL;
	tl_error err = TL_ERROR_INIT;
	write_file(dir, "not.db",
	           "this is not a database, just text that is long enough");
	snprintf(path, sizeof(path), "%s/not.db", dir);
	assert_int_equal(tl_store_open(&s, path, 0, &err), -TL_EDB);
	assert_non_null(strstr(err.msg, "not a tally database"));
	snprintf(path, sizeof(path), "%s/new.db", dir);
	sqlite3 *db;
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(tl_store_open(&s, path, 0, &err), -TL_EDB);
	assert_non_null(strstr(err.msg, "schema version 99"));
	snprintf(path, sizeof(path), "%s/missing.db", dir);
	assert_true(tl_store_open(&s, path, TL_STORE_READONLY, &err) < 0);
	remove_tree(dir);
}

/* A database written by schema version 1 (no kept counts) opened for
 * reading is brought up to date first, with the same counts as a fresh
 * ingest keeps. */
static void test_store__reading_an_old_schema_upgrades_it(void **state)
{
	(void)state;
	fixture_series fx;
	assert_int_equal(fixture_series_open(&fx, "old.db", 0), 0);
	tl_store *s = fx.store;
	const char *sum =
	    "SELECT SUM(activities) * 1000003 + SUM(participants) * 101 + "
	    "SUM(hits) FROM agg_day";
	long kept = count(s, sum);
	long kw = count(s, "SELECT SUM(activities) + SUM(hits) FROM agg_kw");
	assert_true(kept > 0 && kw > 0);
	/* The month rows hold the same counts as the day rows. */
	const char *msum = "SELECT SUM(activities) * 1000003 + "
	                   "SUM(participants) * 101 + SUM(hits) FROM agg_month";
	assert_int_equal(count(s, msum), kept);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM (SELECT 1 FROM "
	                          "activity GROUP BY substr(date, 1, 7), "
	                          "department_id, COALESCE(kind, ''), "
	                          "external)"),
	                 count(s, "SELECT COUNT(*) FROM agg_month"));
	/* And the week rows, a row per week's Monday. */
	const char *wsum = "SELECT SUM(activities) * 1000003 + "
	                   "SUM(participants) * 101 + SUM(hits) FROM agg_week";
	assert_int_equal(count(s, wsum), kept);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM agg_week WHERE "
	                          "strftime('%w', date) <> '1'"),
	                 0);
	s = reopened(s, fx.db,
	             "DROP TABLE agg_day; DROP TABLE agg_kw; DROP TABLE "
	             "agg_month; DROP TABLE agg_week; DROP TABLE agg_kw_month; "
	             "DROP TABLE agg_kw_week; ALTER TABLE activity DROP COLUMN "
	             "hits; PRAGMA user_version = 1");
	assert_int_equal(count(s, sum), kept);
	assert_int_equal(
	    count(s, "SELECT SUM(activities) + SUM(hits) FROM agg_kw"), kw);
	assert_int_equal(count(s, msum), kept);
	assert_int_equal(count(s, wsum), kept);
	fx.store = s;
	fixture_series_close(&fx);
}

/* A version 3 file kept the article hash unique in the table; brought up
 * to date it has one unique index on the hash, not that and a twin. */
static void test_store__upgrade_keeps_one_hash_index(void **state)
{
	(void)state;
	const char *dir = tmpdir();
	char db[256];
	snprintf(db, sizeof(db), "%s/v3.db", dir);
	sqlite3 *raw = NULL;
	assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(
	        raw,
	        "CREATE TABLE article (id INTEGER PRIMARY KEY, "
	        "sha256 TEXT NOT NULL UNIQUE, source TEXT NOT NULL, "
	        "title TEXT NOT NULL, series TEXT NOT NULL DEFAULT "
	        "'', part INTEGER, published TEXT NOT NULL, "
	        "published_time TEXT NOT NULL DEFAULT '', views "
	        "INTEGER, body TEXT NOT NULL); PRAGMA user_version = 3",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	tl_store *s = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_store_open(&s, db, TL_STORE_READONLY, &err), 0);
	assert_int_equal(count(s, "PRAGMA user_version"), TL_SCHEMA_VERSION);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM pragma_index_list("
	                          "'article') l JOIN pragma_index_info(l.name) "
	                          "i WHERE l.\"unique\" AND i.name = 'sha256'"),
	                 1);
	tl_store_close(s);
	remove_tree(dir);
}

/* A version 4 file kept the bodies in the article table and indexes on
 * activities by department and by article: brought up to date, the
 * bodies are in article_body, every activity's paragraph reads the same,
 * and those indexes are gone. */
static void test_store__upgrade_moves_bodies(void **state)
{
	(void)state;
	fixture_series fx;
	assert_int_equal(fixture_series_open(&fx, "v4.db", 0), 0);
	tl_store *s = fx.store;
	tl_error err = TL_ERROR_INIT;
	/* every paragraph's text, in one number that changes with a byte */
	const char *paras =
	    "SELECT SUM(a.id * length(CAST(t.text AS BLOB)) + unicode(t.text)) "
	    "FROM activity a JOIN activity_text t ON t.id = a.id";
	long text = count(s, paras);
	long bodies = count(s, "SELECT COUNT(*) FROM article_body");
	assert_true(text > 0 && bodies >= 13);
	/* Back to version 4's shape. */
	assert_int_equal(
	    sqlite3_exec(
	        tl_store_db(s),
	        "DROP VIEW activity_text; ALTER TABLE article ADD COLUMN body "
	        "TEXT NOT NULL DEFAULT ''; UPDATE article SET body = (SELECT "
	        "body FROM article_body WHERE id = article.id); DROP TABLE "
	        "article_body; CREATE VIEW activity_text AS SELECT a.id AS "
	        "id, CAST(substr(CAST(ar.body AS BLOB), a.para_start + 1, "
	        "a.para_len) AS TEXT) AS text FROM activity a JOIN article "
	        "ar ON ar.id = a.article_id; CREATE INDEX activity_dept ON "
	        "activity(department_id, date); CREATE INDEX "
	        "activity_article ON activity(article_id); PRAGMA "
	        "user_version = 4",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(count(s, paras), text);
	s = reopened(s, fx.db, "");
	assert_int_equal(count(s, "SELECT COUNT(*) FROM article_body"), bodies);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM pragma_table_info("
	                          "'article') WHERE name = 'body'"),
	                 0);
	assert_int_equal(count(s, paras), text);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM sqlite_master WHERE "
	                          "name IN ('activity_dept', "
	                          "'activity_article')"),
	                 0);
	tl_store_close(s);
	/* And it takes more articles as before. */
	assert_int_equal(tl_store_open(&s, fx.db, 0, &err), 0);
	const char *paths[] = {TL_FIXTURES "/series"};
	assert_int_equal(
	    tl_ingest_paths(s, fx.lex, paths, 1, NULL, NULL, &fx.st, &err), 0);
	assert_int_equal(fx.st.fresh, 0);
	assert_int_equal(count(s, paras), text);
	fx.store = s;
	fixture_series_close(&fx);
}

/* The SQLite tally runs on is the one its code was compiled against:
 * the header and the library of the same build (third_party/sqlite, or
 * the system's both), never the one's header with the other's code. */
static void test_store__sqlite_library_matches_its_header(void **state)
{
	(void)state;
	assert_string_equal(sqlite3_libversion(), SQLITE_VERSION);
	assert_string_equal(sqlite3_sourceid(), SQLITE_SOURCE_ID);
	assert_int_equal(sqlite3_libversion_number(), SQLITE_VERSION_NUMBER);
	/* the ingest's threads each use their own connection */
	assert_true(sqlite3_threadsafe() != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_store__sqlite_library_matches_its_header),
	    cmocka_unit_test(test_store__reingest_changes_nothing),
	    cmocka_unit_test(test_store__a_failed_row_leaves_nothing),
	    cmocka_unit_test(test_store__counts_flushed_in_parts_add_up),
	    cmocka_unit_test(
	        test_store__counts_out_of_day_order_merge_from_runs),
	    cmocka_unit_test(test_store__runs_merge_to_the_counts_of_one_flush),
	    cmocka_unit_test(test_store__counts_in_day_order_stay_out_of_runs),
	    cmocka_unit_test(
	        test_store__counts_without_a_temporary_file_still_add_up),
	    cmocka_unit_test(test_store__kept_tables_match_the_activities),
	    cmocka_unit_test(test_store__upgrade_from_5_adds_kept_tables),
	    cmocka_unit_test(test_store__upgrade_from_7_moves_hits),
	    cmocka_unit_test(test_store__bad_files_recorded_once),
	    cmocka_unit_test(
	        test_store__files_opened_ahead_all_read_and_closed),
	    cmocka_unit_test(
	        test_store__past_the_hash_limit_the_database_tells),
	    cmocka_unit_test(test_store__indexes_grow_with_rows_in_date_order),
	    cmocka_unit_test(test_store__a_full_disk_leaves_no_file),
	    cmocka_unit_test(test_store__a_failed_write_is_the_error_told),
	    cmocka_unit_test(test_store__files_read_in_batches_store_the_same),
	    cmocka_unit_test(test_store__refuses_foreign_and_newer_files),
	    cmocka_unit_test(test_store__reading_an_old_schema_upgrades_it),
	    cmocka_unit_test(test_store__upgrade_keeps_one_hash_index),
	    cmocka_unit_test(test_store__upgrade_moves_bodies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
