/* tests/unit/test_rows.c - the tl_rows table: a C array read by SQL, every
 * row once and in order, empty when it holds none, and not for views. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "rows.h"

typedef struct {
	long long n;
	const char *name; /* NULL: a NULL value */
} pair;

static void pair_column(sqlite3_context *cx, const void *rows, size_t i,
                        int col)
{
	const pair *p = (const pair *)rows + i;
	if (col == 0)
		sqlite3_result_int64(cx, p->n);
	else if (col == 1 && p->name)
		sqlite3_result_text(cx, p->name, -1, SQLITE_STATIC);
	else
		sqlite3_result_null(cx);
}

static sqlite3 *open_with(tl_rows *src)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(tl_rows_register(db, src), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE TABLE t(id INTEGER PRIMARY KEY, "
	                              "n INTEGER NOT NULL, name TEXT, c TEXT)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

static long long one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_rows__every_row_once_in_order(void **state)
{
	(void)state;
	tl_rows src = {0};
	sqlite3 *db = open_with(&src);
	static const pair v[] = {{3, "三"}, {1, NULL}, {4, "四"}, {1, "一"}};
	sqlite3_stmt *ins = NULL;
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "INSERT INTO t(n, name) SELECT "
	                                    "c0, c1 FROM tl_rows",
	                                    -1, &ins, NULL),
	                 SQLITE_OK);
	/* The same statement twice, over two arrays, and once over none. */
	for (int run = 0; run < 3; run++) {
		src = (tl_rows){v, run == 1 ? 0 : 4, pair_column};
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	assert_int_equal(one(db, "SELECT COUNT(*) FROM t"), 8);
	assert_int_equal(one(db, "SELECT group_concat(n, '') FROM (SELECT n "
	                         "FROM t ORDER BY id)"),
	                 31413141);
	assert_int_equal(one(db, "SELECT COUNT(*) FROM t WHERE name IS NULL"),
	                 2);
	assert_int_equal(
	    one(db, "SELECT COUNT(*) FROM t WHERE name = '四' AND id = 7"), 1);
	/* A column the array does not give is NULL. */
	src = (tl_rows){v, 1, pair_column};
	assert_int_equal(
	    one(db, "SELECT COUNT(*) FROM tl_rows WHERE c23 IS NULL"), 1);
	/* A row NOT NULL refuses fails the statement, with SQLite's word. */
	src = (tl_rows){v, 2, pair_column};
	assert_int_not_equal(sqlite3_exec(db,
	                                  "INSERT INTO t(n) SELECT c1 FROM "
	                                  "tl_rows",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "NOT NULL"));
	sqlite3_close(db);
}

static void test_rows__not_for_views(void **state)
{
	(void)state;
	tl_rows src = {0};
	sqlite3 *db = open_with(&src);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE VIEW w AS SELECT c0 FROM tl_rows",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_not_equal(
	    sqlite3_prepare_v2(db, "SELECT * FROM w", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows__every_row_once_in_order),
	    cmocka_unit_test(test_rows__not_for_views),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
