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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_summary__figures_match_counts),
	    cmocka_unit_test(test_summary__silent_is_roster_minus_active),
	    cmocka_unit_test(test_summary__new_and_listed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
