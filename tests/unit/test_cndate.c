/* tests/unit/test_cndate.c - every date rule of DESIGN.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cndate.h"

static tl_date D(int y, int m, int d)
{
	tl_date x = {y, m, d};
	return x;
}

/* Find the date of s as published on pub; check start, end, precision. */
static void check(const char *s, tl_date pub, const char *start,
                  const char *end, tl_precision prec)
{
	tl_datex dx;
	char a[11], b[11];
	tl_cndate_find(s, strlen(s), pub, &dx);
	tl_date_format(dx.start, a);
	tl_date_format(dx.end, b);
	assert_string_equal(a, start);
	assert_string_equal(b, end);
	assert_int_equal(dx.precision, prec);
}

static void test_cndate__month_day_takes_publish_year(void **state)
{
	(void)state;
	check("11月10日，能动学院召开会议", D(2022, 11, 21), "2022-11-10",
	      "2022-11-10", TL_PREC_DAY);
	check("11月10号，能动学院", D(2022, 11, 21), "2022-11-10", "2022-11-10",
	      TL_PREC_DAY);
}

static void test_cndate__new_year_goes_to_year_before(void **state)
{
	(void)state;
	check("12月28日，学院召开", D(2023, 1, 3), "2022-12-28", "2022-12-28",
	      TL_PREC_DAY);
	/* within a week after the publish date: still this year */
	check("1月8日，学院将召开", D(2023, 1, 3), "2023-01-08", "2023-01-08",
	      TL_PREC_DAY);
	/* more than a week after: the year before */
	check("1月20日，学院召开", D(2023, 1, 3), "2022-01-20", "2022-01-20",
	      TL_PREC_DAY);
}

static void test_cndate__full_dates(void **state)
{
	(void)state;
	check("2022年11月4日上午10:00，学院", D(2022, 11, 8), "2022-11-04",
	      "2022-11-04", TL_PREC_DAY);
	check("二〇二二年十一月十日，学院", D(2022, 11, 21), "2022-11-10",
	      "2022-11-10", TL_PREC_DAY);
	check("十一月二十五日，物理学院", D(2022, 11, 28), "2022-11-25",
	      "2022-11-25", TL_PREC_DAY);
	check("１１月１０日", D(2022, 11, 21), "2022-11-10", "2022-11-10",
	      TL_PREC_DAY);
}

static void test_cndate__spans(void **state)
{
	(void)state;
	check("5月14日至18日，学院", D(2022, 5, 20), "2022-05-14", "2022-05-18",
	      TL_PREC_SPAN);
	check("11月30日至12月2日，学院", D(2022, 12, 5), "2022-11-30",
	      "2022-12-02", TL_PREC_SPAN);
	check("12月30日至1月2日，校工会", D(2023, 1, 4), "2022-12-30",
	      "2023-01-02", TL_PREC_SPAN);
	check("12月1日-2日，人文学院", D(2022, 12, 5), "2022-12-01",
	      "2022-12-02", TL_PREC_SPAN);
	check("11月14—18日", D(2022, 11, 21), "2022-11-14", "2022-11-18",
	      TL_PREC_SPAN);
}

static void test_cndate__parts_of_month(void **state)
{
	(void)state;
	check("11月上旬，外国语学院", D(2022, 11, 7), "2022-11-01",
	      "2022-11-10", TL_PREC_SPAN);
	check("11月中旬，学院", D(2022, 11, 25), "2022-11-11", "2022-11-20",
	      TL_PREC_SPAN);
	check("11月下旬，学院", D(2022, 11, 30), "2022-11-21", "2022-11-30",
	      TL_PREC_SPAN);
	check("2022年11月，学院", D(2022, 12, 1), "2022-11-01", "2022-11-30",
	      TL_PREC_MONTH);
}

static void test_cndate__times_of_day_are_dropped(void **state)
{
	(void)state;
	check("11月9日下午，学院", D(2022, 11, 10), "2022-11-09", "2022-11-09",
	      TL_PREC_DAY);
	check("11月9日晚，学院", D(2022, 11, 10), "2022-11-09", "2022-11-09",
	      TL_PREC_DAY);
	check("11月9日上午，学院", D(2022, 11, 10), "2022-11-09", "2022-11-09",
	      TL_PREC_DAY);
}

static void test_cndate__vague_and_missing_are_approx(void **state)
{
	(void)state;
	const char *words[] = {"近日，", "日前，", "连日来，", "近期，学院"};
	for (size_t i = 0; i < 4; i++)
		check(words[i], D(2022, 11, 21), "2022-11-21", "2022-11-21",
		      TL_PREC_APPROX);
	tl_datex dx;
	const char *none = "学院召开会议";
	assert_int_equal(
	    tl_cndate_find(none, strlen(none), D(2022, 11, 21), &dx), 0);
	assert_int_equal(dx.precision, TL_PREC_APPROX);
}

static void test_cndate__numbers_that_are_not_dates(void **state)
{
	(void)state;
	/* class numbers, years in names, history, weeks: no date */
	const char *s[] = {"20220201班郭超群说",
	                   "2010年“信源通”人才奖",
	                   "20世纪50年代",
	                   "1896年建校",
	                   "本周末",
	                   "财务管理202001班",
	                   "3个月"};
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		tl_datex dx;
		assert_int_equal(
		    tl_cndate_find(s[i], strlen(s[i]), D(2022, 11, 21), &dx),
		    0);
	}
	/* the first real date after a non-date */
	check("2022年教职工党支部书记培训会于11月4日举行", D(2022, 11, 8),
	      "2022-11-04", "2022-11-04", TL_PREC_DAY);
	/* dates inside a book title are not the activity's */
	check("学习《1月5日讲话》，12月1日，学院", D(2022, 12, 5), "2022-12-01",
	      "2022-12-01", TL_PREC_DAY);
	/* an explicit far past date is history */
	check("1921年7月1日建党，11月3日，学院", D(2022, 11, 5), "2022-11-03",
	      "2022-11-03", TL_PREC_DAY);
}

static void test_cndate__impossible_dates(void **state)
{
	(void)state;
	const char *s[] = {"2月30日，学院", "13月1日，学院", "11月31日，学院"};
	for (size_t i = 0; i < 3; i++) {
		tl_datex dx;
		assert_int_equal(
		    tl_cndate_find(s[i], strlen(s[i]), D(2022, 11, 21), &dx),
		    0);
	}
}

static void test_cndate__header_forms(void **state)
{
	(void)state;
	tl_date d;
	char t[6];
	const char *h[] = {"日期：2022-11-21 09:28", "2022/11/21",
	                   "2022年11月21日 09:28", "2022-11-21", "2022.11.21"};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(tl_cndate_header(h[i], strlen(h[i]), &d, t),
		                 0);
		assert_int_equal(d.y, 2022);
		assert_int_equal(d.m, 11);
		assert_int_equal(d.d, 21);
	}
	assert_int_equal(tl_cndate_header(h[0], strlen(h[0]), &d, t), 0);
	assert_string_equal(t, "09:28");
	assert_int_equal(tl_cndate_header("2022-02-30", 10, &d, t), -1);
	assert_int_equal(tl_cndate_header("", 0, &d, t), -1);
}

static void test_cndate__calendar(void **state)
{
	(void)state;
	int y, w;
	tl_date_iso_week(D(2022, 11, 10), &y, &w);
	assert_int_equal(y, 2022);
	assert_int_equal(w, 45);
	tl_date_iso_week(D(2023, 1, 1), &y, &w);
	assert_int_equal(y, 2022);
	assert_int_equal(w, 52);
	tl_date m = tl_date_monday(D(2022, 11, 13));
	assert_int_equal(m.d, 7);
	assert_int_equal(tl_date_to_days(D(1970, 1, 1)), 0);
	tl_date back = tl_date_from_days(tl_date_to_days(D(2024, 2, 29)));
	assert_int_equal(back.m, 2);
	assert_int_equal(back.d, 29);
	assert_false(tl_date_valid(2023, 2, 29));
	assert_true(tl_date_valid(2024, 2, 29));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cndate__month_day_takes_publish_year),
	    cmocka_unit_test(test_cndate__new_year_goes_to_year_before),
	    cmocka_unit_test(test_cndate__full_dates),
	    cmocka_unit_test(test_cndate__spans),
	    cmocka_unit_test(test_cndate__parts_of_month),
	    cmocka_unit_test(test_cndate__times_of_day_are_dropped),
	    cmocka_unit_test(test_cndate__vague_and_missing_are_approx),
	    cmocka_unit_test(test_cndate__numbers_that_are_not_dates),
	    cmocka_unit_test(test_cndate__impossible_dates),
	    cmocka_unit_test(test_cndate__header_forms),
	    cmocka_unit_test(test_cndate__calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
