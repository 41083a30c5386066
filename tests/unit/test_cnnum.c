/* tests/unit/test_cnnum.c - numerals and participant counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cnnum.h"

static int64_t num(const char *s)
{
	int64_t v = -1;
	size_t k = tl_cnnum_parse(s, strlen(s), &v);
	return k ? v : -1;
}

static void test_cnnum__arabic_and_chinese(void **state)
{
	(void)state;
	assert_int_equal(num("1000"), 1000);
	assert_int_equal(num("1,024人"), 1024);
	assert_int_equal(num("2万"), 20000);
	assert_int_equal(num("1.5万"), 15000);
	assert_int_equal(num("十一"), 11);
	assert_int_equal(num("二十八"), 28);
	assert_int_equal(num("一千二百三十四"), 1234);
	assert_int_equal(num("两千"), 2000);
	assert_int_equal(num("千"), 1000);
	assert_int_equal(num("二〇二二"), 2022);
	assert_int_equal(num("三万五千"), 35000);
	assert_int_equal(num("学院"), -1);
	assert_int_equal(num("99999999999999999999"), -1);
	/* found by fuzzing: huge numbers times 亿 overflowed */
	assert_int_equal(num("88888888888888亿"), -1);
	assert_int_equal(num("二千二百亿三千亿万亿"), -1);
}

static void count(const char *s, int64_t want, int approx)
{
	tl_count c;
	int found = tl_cnnum_participants(s, strlen(s), &c);
	if (want < 0) {
		assert_int_equal(found, 0);
		return;
	}
	assert_int_equal(found, 1);
	assert_int_equal(c.value, want);
	assert_int_equal(c.approx, approx);
}

static void test_cnnum__participants(void **state)
{
	(void)state;
	count("累计参与师生达1000余人次。", 1000, 1);
	count("学院300余人参加", 300, 1);
	count("共计110余人", 110, 1);
	count("约1500名党员师生", 1500, 1);
	count("约千名师生", 1000, 1);
	count("近2万余名团员", 20000, 1);
	count("共有50名党员参加", 50, 0);
	count("10余万人次观看", 100000, 1);
	count("200余名师生", 200, 1);
	count("三十位专家", 30, 0);
}

static void test_cnnum__not_participants(void **state)
{
	(void)state;
	count("160余个观看会场", -1, 0);
	count("700余个团支部", -1, 0);
	count("88岁高龄", -1, 0);
	count("风雨70载", -1, 0);
	count("作为一名党员", -1, 0);
	count("每一位同志", -1, 0);
	count("获得第1名", -1, 0);
	count("2022年人民日报", -1, 0);
	count("88888888888888亿人", -1, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cnnum__arabic_and_chinese),
	    cmocka_unit_test(test_cnnum__participants),
	    cmocka_unit_test(test_cnnum__not_participants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
