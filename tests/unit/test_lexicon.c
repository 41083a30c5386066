/* tests/unit/test_lexicon.c - loading departments, keywords and kinds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "lexicon.h"

static void test_lexicon__loads_default(void **state)
{
	(void)state;
	tl_lexicon *lex = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_lexicon_load(&lex, TL_FIXTURES "/lexicon", &err),
	                 0);
	assert_true(lex->ndepts > 80);
	int i = tl_lexicon_find_dept(lex, "能动学院", strlen("能动学院"));
	assert_true(i >= 0);
	assert_string_equal(lex->depts[i].name, "能源与动力工程学院");
	i = tl_lexicon_find_dept(lex, "电信学部", strlen("电信学部"));
	assert_string_equal(lex->depts[i].name, "电子与信息学部");
	i = tl_lexicon_find_dept(lex, "西安交大", strlen("西安交大"));
	assert_true(lex->depts[i].self);
	i = tl_lexicon_find_dept(lex, "西工大", strlen("西工大"));
	assert_true(lex->depts[i].external);
	assert_true(lex->nkeywords > 10);
	assert_true(lex->nkinds > 5);
	tl_lexicon_free(lex);
}

static void test_lexicon__quoted_fields_and_missing_optional(void **state)
{
	(void)state;
	const char *dir = tmpdir();
	write_file(dir, "departments.csv",
	           "name,aliases,category,in_roster\r\n"
	           "\"甲学院\",\"甲院|甲\",学院,1\r\n乙中心,,直属单位,no\r\n");
	tl_lexicon *lex = NULL;
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_lexicon_load(&lex, dir, &err), 0);
	assert_int_equal(lex->ndepts, 2);
	assert_int_equal(lex->depts[0].in_roster, 1);
	assert_int_equal(lex->depts[1].in_roster, 0);
	assert_string_equal(lex->depts[0].aliases[1], "甲");
	assert_int_equal(lex->nkeywords, 0);
	tl_lexicon_free(lex);
	remove_tree(dir);
}

static void test_lexicon__duplicates_are_errors(void **state)
{
	(void)state;
	const char *dir = tmpdir();
	tl_lexicon *lex = NULL;
	tl_error err = TL_ERROR_INIT;
	write_file(dir, "departments.csv",
	           "name,aliases,category,in_roster\n甲学院,,,1\n甲学院,,,1\n");
	assert_int_equal(tl_lexicon_load(&lex, dir, &err), -TL_EPARSE);
	assert_non_null(strstr(err.msg, "named twice"));
	write_file(dir, "departments.csv",
	           "name,aliases,category,in_roster\n甲学院,甲院,,1\n乙学院,"
	           "甲院,,1\n");
	assert_int_equal(tl_lexicon_load(&lex, dir, &err), -TL_EPARSE);
	assert_non_null(strstr(err.msg, "alias '甲院'"));
	write_file(dir, "departments.csv", "name,aliases\n\"甲学院,1\n");
	assert_true(tl_lexicon_load(&lex, dir, &err) < 0);
	assert_non_null(strstr(err.msg, "departments.csv"));
	assert_null(lex);
	remove_tree(dir);
	assert_true(tl_lexicon_load(&lex, "/nonexistent", &err) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lexicon__loads_default),
	    cmocka_unit_test(test_lexicon__quoted_fields_and_missing_optional),
	    cmocka_unit_test(test_lexicon__duplicates_are_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
