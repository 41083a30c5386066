/* tests/unit/test_summary.c - the figures reports state agree with the counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "series.h"
#include "ingest.h"
#include "query.h"
#include "summary.h"

static fixture_series fx;

static int setup(void **state)
{
	(void)state;
	return fixture_series_open(&fx, "s.db", TL_STORE_BULK);
}

static int teardown(void **state)
{
	(void)state;
	fixture_series_close(&fx);
	return 0;
}

static void test_summary__figures_match_counts(void **state)
{
	(void)state;
	tl_figures f;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_summary_figures(fx.store, "2022-11-01",
	                                    "2022-11-30", 0, &f, &err),
	                 0);
	tl_query q = TL_QUERY_INIT;
	q.from = "2022-11";
	q.to = "2022-11";
	tl_table *t = NULL;
	assert_int_equal(tl_query_run(&t, fx.store, &q, &err), 0);
	int64_t acts = 0, part = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		acts += tl_table_get(t, i, 0);
		part += tl_table_get(t, i, 1);
	}
	assert_int_equal(f.activities, acts);
	assert_int_equal(f.departments, (long)t->nrows);
	assert_int_equal(f.participants, part);
	assert_int_equal(f.articles,
	                 7); /* parts 2..8 were published in November */
	assert_int_equal(f.parts_min, 2);
	assert_int_equal(f.parts_max, 8);
	tl_table_free(t);
	tl_figures_release(&f);
}

static void test_summary__silent_is_roster_minus_active(void **state)
{
	(void)state;
	tl_names silent;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_summary_silent(fx.store, "2022-11-01", "2022-11-30",
	                                   &silent, &err),
	                 0);
	tl_query q = TL_QUERY_INIT;
	q.from = "2022-11";
	q.to = "2022-11";
	tl_table *active = NULL;
	assert_int_equal(tl_query_run(&active, fx.store, &q, &err), 0);
	size_t roster = 0;
	for (size_t i = 0; i < fx.lex->ndepts; i++) {
		const tl_department *d = &fx.lex->depts[i];
		if (!d->in_roster || d->external)
			continue;
		roster++;
		int is_active = 0, is_silent = 0;
		for (size_t r = 0; r < active->nrows; r++)
			is_active |= strcmp(active->rows[r], d->name) == 0;
		for (size_t k = 0; k < silent.n; k++)
			is_silent |= strcmp(silent.v[k], d->name) == 0;
		assert_int_equal(is_active, !is_silent);
	}
	size_t active_roster = roster - silent.n;
	assert_true(active_roster <= active->nrows);
	tl_table_free(active);
	tl_names_release(&silent);
}

static void test_summary__new_and_listed(void **state)
{
	(void)state;
	tl_names fresh;
	tl_error err = TL_ERROR_INIT;
	/* 能动学院 was active in October: not new in November. */
	assert_int_equal(tl_summary_new(fx.store, "2022-11-01", "2022-11-30", 0,
	                                &fresh, &err),
	                 0);
	for (size_t i = 0; i < fresh.n; i++)
		assert_string_not_equal(fresh.v[i], "能源与动力工程学院");
	assert_true(fresh.n > 0);
	tl_names_release(&fresh);
	tl_listed *l = NULL;
	size_t n = 0;
	assert_int_equal(tl_summary_activities(fx.store, "2022-11-01",
	                                       "2022-11-30", NULL, 0, 5, &l, &n,
	                                       &err),
	                 0);
	assert_int_equal(n, 5);
	assert_string_equal(l[0].date, "2022-11-01");
	assert_true(strlen(l[0].sentence) > 0);
	tl_listed_free(l, n);
	char a[11], b[11], c[11], d[11];
	assert_int_equal(tl_month_range("2023-01", a, b, c, d), 0);
	assert_string_equal(c, "2022-12-01"); /* the year boundary */
	assert_string_equal(d, "2022-12-31");
	assert_int_equal(tl_month_range("2023-13", a, b, c, d), -1);
}

/* One number from the store: the first column of sql's first row, with
 * ?1, ?2 the period and ?3 whether external units count. */
static long answer(const char *sql, const char *from, const char *to, int ext)
{
	sqlite3_stmt *st = NULL;
	long v = -1;
	assert_int_equal(
	    sqlite3_prepare_v2(tl_store_db(fx.store), sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, ext);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The names joined with '|', as the activities themselves give them. */
static char *joined(const tl_names *n)
{
	tl_buf b = TL_BUF_INIT;
	for (size_t i = 0; i < n->n; i++) {
		tl_buf_adds(&b, i ? "|" : "");
		tl_buf_adds(&b, n->v[i]);
	}
	return tl_buf_detach(&b);
}

static char *joined_sql(const char *sql, const char *from, const char *to,
                        int ext)
{
	sqlite3_stmt *st = NULL;
	tl_buf b = TL_BUF_INIT;
	assert_int_equal(
	    sqlite3_prepare_v2(tl_store_db(fx.store), sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, ext);
	for (int i = 0; sqlite3_step(st) == SQLITE_ROW; i++) {
		tl_buf_adds(&b, i ? "|" : "");
		tl_buf_adds(&b, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return tl_buf_detach(&b);
}

/* Figures, silent and new departments come from the kept tables; they
 * say what the activity rows say, for every period and both ways of
 * counting external units. */
static void test_summary__kept_tables_agree_with_activities(void **state)
{
	(void)state;
	static const char *const periods[][2] = {
	    {"2022-10-01", "2022-10-31"}, {"2022-11-01", "2022-11-30"},
	    {"2022-11-07", "2022-11-13"}, {"2022-12-01", "2022-12-31"},
	    {"2022-01-01", "2023-12-31"}, {"2021-01-01", "2021-01-31"},
	};
#define ROWS                                                                   \
	" FROM activity a JOIN department d ON d.id = a.department_id WHERE "  \
	"a.date BETWEEN ?1 AND ?2 AND (?3 OR (a.external = 0 AND "             \
	"d.external = 0))"
	tl_error err = TL_ERROR_INIT;
	int checked = 0;
	for (size_t p = 0; p < sizeof(periods) / sizeof(periods[0]); p++)
		for (int ext = 0; ext < 2; ext++) {
			const char *from = periods[p][0], *to = periods[p][1];
			tl_figures f;
			assert_int_equal(tl_summary_figures(fx.store, from, to,
			                                    ext, &f, &err),
			                 0);
			assert_int_equal(
			    f.activities,
			    answer("SELECT COUNT(*)" ROWS, from, to, ext));
			assert_int_equal(
			    f.departments,
			    answer(
			        "SELECT COUNT(DISTINCT a.department_id)" ROWS,
			        from, to, ext));
			assert_int_equal(
			    f.participants,
			    answer(
			        "SELECT COALESCE(SUM(a.participants), 0)" ROWS,
			        from, to, ext));
			assert_int_equal(
			    f.participants_approx,
			    answer(
			        "SELECT COALESCE(MAX(CASE WHEN a.participants "
			        "IS NOT NULL THEN a.participants_approx END), "
			        "0)" ROWS,
			        from, to, ext));
			checked += f.activities > 0;
			tl_figures_release(&f);
			tl_names n;
			assert_int_equal(
			    tl_summary_new(fx.store, from, to, ext, &n, &err),
			    0);
			char *got = joined(&n),
			     *want =
			         joined_sql("SELECT d.name" ROWS
			                    " GROUP BY d.id HAVING NOT "
			                    "EXISTS (SELECT 1 FROM activity "
			                    "b WHERE b.department_id = d.id "
			                    "AND b.date < ?1) ORDER BY "
			                    "COUNT(*) DESC, d.name",
			                    from, to, ext);
			assert_string_equal(got, want);
			free(got);
			free(want);
			tl_names_release(&n);
			assert_int_equal(
			    tl_summary_silent(fx.store, from, to, &n, &err), 0);
			got = joined(&n);
			want = joined_sql(
			    "SELECT d.name FROM department d WHERE d.in_roster "
			    "= "
			    "1 AND d.external = 0 AND ?3 IS NOT NULL AND NOT "
			    "EXISTS (SELECT 1 FROM activity a WHERE "
			    "a.department_id = d.id AND a.external = 0 AND "
			    "a.date "
			    "BETWEEN ?1 AND ?2) ORDER BY d.id",
			    from, to, 0);
			assert_string_equal(got, want);
			free(got);
			free(want);
			tl_names_release(&n);
		}
	/* the fixture has external units: the two ways differ */
	assert_true(
	    answer("SELECT COUNT(*)" ROWS, "2022-01-01", "2023-12-31", 1) >
	    answer("SELECT COUNT(*)" ROWS, "2022-01-01", "2023-12-31", 0));
#undef ROWS
	assert_true(checked >= 6); /* periods with activities, both ways */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_summary__figures_match_counts),
	    cmocka_unit_test(test_summary__silent_is_roster_minus_active),
	    cmocka_unit_test(test_summary__new_and_listed),
	    cmocka_unit_test(test_summary__kept_tables_agree_with_activities),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
