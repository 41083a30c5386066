/* tests/unit/test_query.c - counting: axes, zero-filled periods, filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "series.h"
#include "ingest.h"
#include "query.h"

static fixture_series fx;

static int setup(void **state)
{
	(void)state;
	return fixture_series_open(&fx, "q.db", 0);
}

static int teardown(void **state)
{
	(void)state;
	fixture_series_close(&fx);
	return 0;
}

static long row_of(const tl_table *t, const char *label)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i], label) == 0)
			return (long)i;
	return -1;
}

static void test_query__departments_ranked(void **state)
{
	(void)state;
	tl_query q = TL_QUERY_INIT;
	tl_table *t = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	assert_string_equal(t->cols[0], "activities");
	for (size_t i = 1; i < t->nrows; i++)
		assert_true(tl_table_get(t, i - 1, 0) >= tl_table_get(t, i, 0));
	long r = row_of(t, "能源与动力工程学院");
	assert_true(r >= 0);
	assert_int_equal(tl_table_get(t, (size_t)r, 0), 3);
	r = row_of(t, "期刊中心");
	assert_int_equal(tl_table_get(t, (size_t)r, 1), 1030);
	assert_int_equal(t->approx[(size_t)r * t->ncols + 1], 1);
	/* the external unit is left out unless asked for */
	for (size_t i = 0; i < t->nrows; i++)
		assert_null(strstr(t->rows[i], "动力与能源学院"));
	tl_table_free(t);
}

static void test_query__days_zero_filled(void **state)
{
	(void)state;
	tl_query q = TL_QUERY_INIT;
	q.rows = TL_BY_DAY;
	q.from = "2022-11-01";
	q.to = "2022-11-30";
	tl_table *t = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	assert_int_equal(t->nrows, 30);
	assert_string_equal(t->rows[0], "2022-11-01");
	assert_string_equal(t->rows[29], "2022-11-30");
	assert_int_equal(tl_table_get(t, 5, 0), 0); /* 11-06: nothing */
	assert_int_equal(tl_table_get(t, 9, 0), 1); /* 11-10: 能动学院 */
	tl_table_free(t);
}

static void test_query__weeks_and_months(void **state)
{
	(void)state;
	tl_query q = TL_QUERY_INIT;
	q.rows = TL_BY_MONTH;
	tl_table *t = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	assert_string_equal(t->rows[0], "2022-10");
	assert_string_equal(t->rows[t->nrows - 1], "2023-01");
	int64_t total = 0;
	for (size_t i = 0; i < t->nrows; i++)
		total += tl_table_get(t, i, 0);
	assert_int_equal(total, 50);
	tl_table_free(t);
	q.rows = TL_BY_WEEK;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	assert_string_equal(t->rows[0], "2022-W43");
	for (size_t i = 1; i < t->nrows; i++) /* consecutive, none missing */
		assert_true(strcmp(t->rows[i - 1], t->rows[i]) < 0);
	assert_int_equal(row_of(t, "2022-W52") >= 0, 1);
	tl_table_free(t);
}

/* Crossed with departments, weeks are grouped by their Monday in SQL;
 * alone, by day and folded here: both give the same week totals. */
static void test_query__weeks_crossed_match_weeks_alone(void **state)
{
	(void)state;
	tl_query q = TL_QUERY_INIT;
	tl_table *alone = NULL, *cross = NULL;
	tl_error err = TL_ERROR_INIT;
	q.rows = TL_BY_WEEK;
	assert_int_equal(tl_query_run(&alone, fx.store, &q, &err), 0);
	q.rows = TL_BY_DEPARTMENT;
	q.cols = TL_BY_WEEK;
	assert_int_equal(tl_query_run(&cross, fx.store, &q, &err), 0);
	assert_int_equal(cross->ncols, alone->nrows);
	for (size_t w = 0; w < alone->nrows; w++) {
		int64_t sum = 0;
		assert_string_equal(cross->cols[w], alone->rows[w]);
		for (size_t d = 0; d < cross->nrows; d++)
			sum += tl_table_get(cross, d, w);
		assert_int_equal(sum, tl_table_get(alone, w, 0));
	}
	tl_table_free(alone);
	tl_table_free(cross);
}

static long col_of(const tl_table *t, const char *label)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], label) == 0)
			return (long)i;
	return -1;
}

/* Every count of a is b's under the same labels, and b counts nothing
 * a does not. */
static void same_counts(const tl_table *a, const tl_table *b)
{
	int64_t sa = 0, sb = 0;
	for (size_t r = 0; r < a->nrows; r++)
		for (size_t c = 0; c < a->ncols; c++) {
			long br = row_of(b, a->rows[r]),
			     bc = col_of(b, a->cols[c]);
			int64_t v = tl_table_get(a, r, c);
			if (v == 0 && (br < 0 || bc < 0))
				continue;
			if (br < 0 || bc < 0)
				fail_msg("%s / %s missing", a->rows[r],
				         a->cols[c]);
			assert_int_equal(
			    tl_table_get(b, (size_t)br, (size_t)bc), v);
			sa += v;
		}
	for (size_t r = 0; r < b->nrows; r++)
		for (size_t c = 0; c < b->ncols; c++)
			sb += tl_table_get(b, r, c);
	assert_int_equal(sa, sb);
	assert_true(sa > 0);
}

/* Unbounded counts read the week and month rows; bounds off week and
 * month edges (a Friday, a Wednesday) make them read the day rows: the
 * same counts either way, on every axis that has a coarser table. */
static void test_query__kept_tables_agree(void **state)
{
	(void)state;
	static const tl_axis PAIRS[][2] = {
	    {TL_BY_WEEK, TL_BY_NONE},        {TL_BY_DEPARTMENT, TL_BY_WEEK},
	    {TL_BY_WEEK, TL_BY_KIND},        {TL_BY_DEPARTMENT, TL_BY_NONE},
	    {TL_BY_MONTH, TL_BY_DEPARTMENT}, {TL_BY_KIND, TL_BY_NONE}};
	for (size_t i = 0; i < sizeof(PAIRS) / sizeof(PAIRS[0]); i++) {
		for (tl_measure m = TL_MEASURE_ACTIVITIES; m <= TL_MEASURE_HITS;
		     m++) {
			tl_query q = TL_QUERY_INIT;
			tl_table *kept = NULL, *days = NULL;
			tl_error err = TL_ERROR_INIT;
			q.rows = PAIRS[i][0];
			q.cols = PAIRS[i][1];
			q.measure = m;
			assert_int_equal(
			    tl_query_run(&kept, fx.store, &q, &err), 0);
			q.from = "2022-09-30";
			q.to = "2023-02-01";
			assert_int_equal(
			    tl_query_run(&days, fx.store, &q, &err), 0);
			same_counts(kept, days);
			tl_table_free(kept);
			tl_table_free(days);
		}
	}
}

/* Keywords by kind are counted from groups of activities; each count
 * is what one row a hit gives (the hit view), for every measure. */
static void test_query__keywords_by_kind_match_the_hits(void **state)
{
	(void)state;
	static const char *const REF[] = {"COUNT(DISTINCT a.id)",
	                                  "SUM(a.participants)", "SUM(h.n)"};
	for (tl_measure m = TL_MEASURE_ACTIVITIES; m <= TL_MEASURE_HITS; m++) {
		tl_query q = TL_QUERY_INIT;
		tl_table *t = NULL;
		tl_error err = TL_ERROR_INIT;
		q.rows = TL_BY_KEYWORD;
		q.cols = TL_BY_KIND;
		q.measure = m;
		assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
		char sql[600];
		snprintf(sql, sizeof(sql),
		         "SELECT k.term, COALESCE(NULLIF(a.kind, ''), "
		         "'未分类'), %s FROM activity a JOIN department d ON "
		         "d.id = a.department_id JOIN hit h ON h.activity_id = "
		         "a.id JOIN keyword k ON k.id = h.keyword_id WHERE "
		         "a.external = 0 AND d.external = 0 GROUP BY 1, 2",
		         REF[m - TL_MEASURE_ACTIVITIES]);
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(tl_store_db(fx.store), sql,
		                                    -1, &st, NULL),
		                 SQLITE_OK);
		int64_t want = 0, got = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			long r =
			    row_of(t, (const char *)sqlite3_column_text(st, 0));
			long c =
			    col_of(t, (const char *)sqlite3_column_text(st, 1));
			int64_t v = sqlite3_column_int64(st, 2);
			assert_true(r >= 0 && c >= 0);
			assert_int_equal(tl_table_get(t, (size_t)r, (size_t)c),
			                 v);
			want += v;
		}
		sqlite3_finalize(st);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++)
				got += tl_table_get(t, r, c);
		assert_int_equal(got, want);
		assert_true(want > 0);
		tl_table_free(t);
	}
}

static void test_query__two_axes_and_filters(void **state)
{
	(void)state;
	tl_query q = TL_QUERY_INIT;
	q.rows = TL_BY_DEPARTMENT;
	q.cols = TL_BY_MONTH;
	q.department = "能动学院";
	tl_table *t = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0], "能源与动力工程学院");
	assert_string_equal(t->cols[0], "2022-10");
	assert_int_equal(tl_table_get(t, 0, 0), 1);
	assert_int_equal(tl_table_get(t, 0, 1), 2);
	tl_table_free(t);
	q.department = "不存在的学院";
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), -TL_ENOTFOUND);
	q.department = NULL;
	q.rows = TL_BY_KEYWORD;
	q.cols = TL_BY_NONE;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	assert_true(row_of(t, "二十大") >= 0);
	tl_table_free(t);
	q.from = "2022-13";
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), -TL_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_query__departments_ranked),
	    cmocka_unit_test(test_query__days_zero_filled),
	    cmocka_unit_test(test_query__weeks_and_months),
	    cmocka_unit_test(test_query__weeks_crossed_match_weeks_alone),
	    cmocka_unit_test(test_query__kept_tables_agree),
	    cmocka_unit_test(test_query__two_axes_and_filters),
	    cmocka_unit_test(test_query__keywords_by_kind_match_the_hits),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
