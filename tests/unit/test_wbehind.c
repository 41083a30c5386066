/* tests/unit/test_wbehind.c - the write-behind VFS: reads see queued writes,
 * sizes count them, failed writes surface, a database written through it
 * reads back whole. */
#define _GNU_SOURCE /* O_DIRECT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "wbehind.h"

#define MAIN_FLAGS                                                             \
	(SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)

static sqlite3_vfs *wb_vfs(void)
{
	const char *name = tl_wbehind_vfs();
	assert_non_null(name);
	sqlite3_vfs *v = sqlite3_vfs_find(name);
	assert_non_null(v);
	return v;
}

static sqlite3_file *open_file(const char *path)
{
	sqlite3_vfs *v = wb_vfs();
	sqlite3_file *f = calloc(1, (size_t)v->szOsFile);
	int out = 0;
	assert_int_equal(v->xOpen(v, path, f, MAIN_FLAGS, &out), SQLITE_OK);
	return f;
}

/* A file's path in a fresh folder (tmpdir's). */
static void temp_path(char *path, size_t size, const char *name)
{
	snprintf(path, size, "%s/%s", tmpdir(), name);
}

/* The folder of such a path, to remove (cuts path at its last '/'). */
static const char *tmpdir_of(char *path)
{
	*strrchr(path, '/') = '\0';
	return path;
}

static void fill(char *buf, int n, int seed)
{
	for (int i = 0; i < n; i++)
		buf[i] = (char)(seed * 31 + i * 7);
}

/* A few pages stay queued (fewer than wake the thread): a read within one
 * is served from it, a read across two waits for both; the size counts
 * what is queued; after a rewrite the newest bytes win. */
static void test_wbehind__reads_see_queued_writes(void **state)
{
	(void)state;
	char path[256];
	temp_path(path, sizeof(path), "queued");
	sqlite3_file *f = open_file(path);
	const sqlite3_io_methods *m = f->pMethods;
	char page[3][4096], got[8192];
	for (int i = 0; i < 3; i++) {
		fill(page[i], 4096, i);
		assert_int_equal(m->xWrite(f, page[i], 4096, i * 4096),
		                 SQLITE_OK);
	}
	sqlite3_int64 size = 0;
	assert_int_equal(m->xFileSize(f, &size), SQLITE_OK);
	assert_int_equal(size, 3 * 4096);
	assert_int_equal(m->xRead(f, got, 100, 4096 + 10), SQLITE_OK);
	assert_memory_equal(got, page[1] + 10, 100);
	fill(page[1], 4096, 9); /* page 1 again, newer bytes */
	assert_int_equal(m->xWrite(f, page[1], 4096, 4096), SQLITE_OK);
	assert_int_equal(m->xRead(f, got, 4096, 4096), SQLITE_OK);
	assert_memory_equal(got, page[1], 4096);
	assert_int_equal(m->xRead(f, got, 8192, 2048), SQLITE_OK);
	assert_memory_equal(got, page[0] + 2048, 2048);
	assert_memory_equal(got + 2048, page[1], 4096);
	assert_memory_equal(got + 6144, page[2], 2048);
	assert_int_equal(m->xClose(f), SQLITE_OK);
	free(f);
	/* In the file after the close. */
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	char all[3 * 4096];
	assert_int_equal(fread(all, 1, sizeof(all), in), sizeof(all));
	fclose(in);
	assert_memory_equal(all + 4096, page[1], 4096);
	assert_memory_equal(all + 8192, page[2], 4096);
	remove_tree(tmpdir_of(path));
}

/* A write the thread cannot make (the device is full): the call that
 * waits for the queue fails with its error, and so does every later one. */
static void test_wbehind__a_failed_write_surfaces(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	sqlite3_file *f = open_file("/dev/full");
	const sqlite3_io_methods *m = f->pMethods;
	char page[4096];
	fill(page, 4096, 1);
	int rc = m->xWrite(f, page, 4096, 0); /* queued: no error yet */
	assert_true(rc == SQLITE_OK || (rc & 0xff) == SQLITE_FULL ||
	            (rc & 0xff) == SQLITE_IOERR);
	int sync = m->xSync(f, SQLITE_SYNC_NORMAL);
	assert_int_not_equal(sync, SQLITE_OK);
	assert_int_not_equal(m->xWrite(f, page, 4096, 4096), SQLITE_OK);
	assert_int_not_equal(m->xClose(f), SQLITE_OK);
	free(f);
}

static sqlite3_int64 one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 v = -1;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A page cache of a few pages makes SQLite write pages out and read them
 * back while the load goes on, as a bulk load of a large corpus does: the
 * database read back by the default VFS holds every row. */
static void reads_back_whole(int page_size, int rows)
{
	char path[256], sql[1024];
	temp_path(path, sizeof(path), "t.db");
	sqlite3 *db = NULL;
	assert_int_equal(
	    sqlite3_open_v2(path, &db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    tl_wbehind_vfs()),
	    SQLITE_OK);
	snprintf(sql, sizeof(sql),
	         "PRAGMA page_size=%d; PRAGMA journal_mode=OFF; "
	         "PRAGMA synchronous=OFF; PRAGMA "
	         "locking_mode=EXCLUSIVE; PRAGMA cache_size=8; "
	         "CREATE TABLE t(id INTEGER PRIMARY KEY, k TEXT, "
	         "v BLOB); BEGIN; "
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
	         "i + 1 FROM n WHERE i < %d) INSERT INTO t "
	         "SELECT i, printf('%%08d', (i * 7919) %% %d), "
	         "randomblob(300) FROM n; "
	         "CREATE INDEX t_k ON t(k); COMMIT",
	         page_size, rows, rows);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(tl_wbehind_flush(db), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(one(db, "PRAGMA page_size"), page_size);
	assert_int_equal(one(db, "SELECT count(*) FROM t"), rows);
	assert_int_equal(one(db, "SELECT sum(length(v)) FROM t"),
	                 (sqlite3_int64)rows * 300);
	assert_int_equal(one(db, "SELECT count(DISTINCT k) FROM t "
	                         "INDEXED BY t_k WHERE k >= ''"),
	                 rows);
	sqlite3_close(db);
	remove_tree(tmpdir_of(path));
}

static void test_wbehind__a_database_reads_back_whole(void **state)
{
	(void)state;
	reads_back_whole(4096, 20000);
}

/* Pages of 32 KB, as a bulk load writes: the queue is a ring of 128 of
 * them (4 MB), which the load's 400-odd pages go round several times. */
static void test_wbehind__large_pages_go_round_the_queue(void **state)
{
	(void)state;
	reads_back_whole(32768, 40000);
}

/* Whether the folder of path takes direct writes (most disk file systems
 * do; some, tmpfs before Linux 6.6 among them, refuse them). */
static int takes_direct_writes(const char *path)
{
	char probe[300];
	snprintf(probe, sizeof(probe), "%s.probe", path);
	int fd = open(probe, O_WRONLY | O_CREAT | O_DIRECT, 0600);
	int ok = 0;
	if (fd >= 0) {
		void *buf = NULL;
		if (!posix_memalign(&buf, 4096, 4096)) {
			memset(buf, 0, 4096);
			ok = pwrite(fd, buf, 4096, 0) == 4096;
			free(buf);
		}
		close(fd);
		unlink(probe);
	}
	return ok;
}

/* A load of bodies of kilobytes (some past a page: overflow pages) beside
 * a table of small rows, in pages of 32 KB and a page cache of a few
 * pages: the bodies' pages are written past the page cache, the rest
 * through it, and SQLite reads both kinds back while it goes on. Every
 * row reads back as written, by the default VFS too. */
static void test_wbehind__bodies_go_past_the_page_cache(void **state)
{
	(void)state;
	char path[256];
	temp_path(path, sizeof(path), "bodies.db");
	sqlite3 *db = NULL;
	assert_int_equal(
	    sqlite3_open_v2(path, &db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    tl_wbehind_vfs()),
	    SQLITE_OK);
	const char *load =
	    "PRAGMA page_size=32768; PRAGMA journal_mode=OFF; "
	    "PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; "
	    "PRAGMA cache_size=8; "
	    "CREATE TABLE body(id INTEGER PRIMARY KEY, v TEXT); "
	    "CREATE TABLE act(id INTEGER PRIMARY KEY, b INTEGER, k TEXT); "
	    "BEGIN; "
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 3000) INSERT INTO body SELECT i, printf('%.*c', "
	    "CASE WHEN i % 97 = 0 THEN 70000 ELSE 2000 + i % 3000 END, "
	    "char(65 + i % 26)) FROM n; "
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 30000) INSERT INTO act SELECT i, 1 + i % 3000, "
	    "printf('%08d', (i * 7919) % 30000) FROM n; "
	    "CREATE INDEX act_k ON act(k); COMMIT";
	assert_int_equal(sqlite3_exec(db, load, NULL, NULL, NULL), SQLITE_OK);
	/* Read back while the connection is open: queued, direct and
	 * page-cache pages alike. */
	const char *same =
	    "SELECT count(*) FROM body WHERE v = printf('%.*c', CASE WHEN "
	    "id % 97 = 0 THEN 70000 ELSE 2000 + id % 3000 END, "
	    "char(65 + id % 26))";
	assert_int_equal(one(db, same), 3000);
	assert_int_equal(tl_wbehind_flush(db), SQLITE_OK);
	sqlite3_int64 direct = tl_wbehind_direct_bytes(db);
	if (takes_direct_writes(path)) {
		/* The bodies are 10.5 MB; the small rows' pages stay. */
		assert_true(direct >= 8 << 20);
		assert_true(direct <= one(db, "SELECT sum(length(v)) FROM "
		                              "body") +
		                          (2 << 20));
	} else {
		assert_int_equal(direct, 0);
	}
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(one(db, same), 3000);
	assert_int_equal(one(db,
	                     "SELECT count(*) FROM act INDEXED BY act_k JOIN "
	                     "body ON body.id = act.b WHERE act.k >= ''"),
	                 30000);
	sqlite3_close(db);
	remove_tree(tmpdir_of(path));
}

/* A page of 32 KB written past the page cache (a body's leaf), then over
 * it through the page cache (an interior page), then past it again: each
 * read, and the file after the close, holds the newest bytes. */
static void test_wbehind__a_page_rewritten_either_way_reads_newest(void **state)
{
	(void)state;
	char path[256];
	temp_path(path, sizeof(path), "rewritten");
	sqlite3_file *f = open_file(path);
	const sqlite3_io_methods *m = f->pMethods;
	enum { PAGE = 32768 };
	char *page = malloc(PAGE), *got = malloc(PAGE);
	fill(page, PAGE, 1); /* page 1: the header's place, never direct */
	assert_int_equal(m->xWrite(f, page, PAGE, 0), SQLITE_OK);
	for (int round = 0; round < 3; round++) {
		fill(page, PAGE, round + 2);
		page[0] = round == 1 ? 0x05 : 0x0D; /* interior, or a leaf */
		page[3] = 0;
		page[4] = 2; /* of two cells */
		assert_int_equal(m->xWrite(f, page, PAGE, PAGE), SQLITE_OK);
		assert_int_equal(m->xSync(f, SQLITE_SYNC_NORMAL), SQLITE_OK);
		assert_int_equal(m->xRead(f, got, PAGE, PAGE), SQLITE_OK);
		assert_memory_equal(got, page, PAGE);
	}
	assert_int_equal(m->xClose(f), SQLITE_OK);
	free(f);
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	assert_int_equal(fseek(in, PAGE, SEEK_SET), 0);
	assert_int_equal(fread(got, 1, PAGE, in), PAGE);
	fclose(in);
	assert_memory_equal(got, page, PAGE);
	free(page);
	free(got);
	remove_tree(tmpdir_of(path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wbehind__reads_see_queued_writes),
	    cmocka_unit_test(test_wbehind__a_failed_write_surfaces),
	    cmocka_unit_test(test_wbehind__a_database_reads_back_whole),
	    cmocka_unit_test(test_wbehind__large_pages_go_round_the_queue),
	    cmocka_unit_test(test_wbehind__bodies_go_past_the_page_cache),
	    cmocka_unit_test(
	        test_wbehind__a_page_rewritten_either_way_reads_newest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
