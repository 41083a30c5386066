/* tests/unit/test_match.c - Aho-Corasick, longest non-overlapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "match.h"

static void add(tl_matcher *m, const char *s, int type, int id)
{
	tl_matcher_add(m, s, strlen(s), type, id);
}

static void test_match__finds_all_and_selects_longest(void **state)
{
	(void)state;
	tl_matcher *m = tl_matcher_new();
	add(m, "学院", 1, 0);
	add(m, "能动学院", 1, 1);
	add(m, "能源与动力工程学院", 1, 2);
	add(m, "动力", 2, 3);
	tl_matcher_build(m);
	const char *s = "能动学院和能源与动力工程学院";
	tl_match_list all = TL_MATCH_LIST_INIT, sel = TL_MATCH_LIST_INIT;
	tl_matcher_find(m, s, strlen(s), &all);
	assert_int_equal(all.n,
	                 5); /* 能动学院, 学院, 能源与…学院, 动力, 学院 */
	tl_match_select(&all, TL_TYPE(1), &sel);
	assert_int_equal(sel.n, 2);
	assert_int_equal(sel.v[0].id, 1);
	assert_int_equal(sel.v[1].id, 2);
	assert_int_equal(sel.v[1].start, strlen("能动学院和"));
	tl_match_select(&all, TL_TYPE(2), &sel);
	assert_int_equal(sel.n, 1);
	tl_match_list_release(&all);
	tl_match_list_release(&sel);
	tl_matcher_free(m);
}

static void test_match__same_bytes_two_types(void **state)
{
	(void)state;
	tl_matcher *m = tl_matcher_new();
	add(m, "研讨", 1, 7);
	add(m, "研讨", 2, 9);
	assert_int_equal(tl_matcher_add(m, "研讨", 6, 1, 8), 1);
	tl_matcher_build(m);
	tl_match_list all = TL_MATCH_LIST_INIT;
	tl_matcher_find(m, "开展研讨", strlen("开展研讨"), &all);
	assert_int_equal(all.n, 2);
	tl_match_list_release(&all);
	tl_matcher_free(m);
}

static void test_match__suffix_links(void **state)
{
	(void)state;
	tl_matcher *m = tl_matcher_new();
	add(m, "he", 1, 0);
	add(m, "she", 1, 1);
	add(m, "his", 1, 2);
	add(m, "hers", 1, 3);
	tl_matcher_build(m);
	tl_match_list all = TL_MATCH_LIST_INIT;
	tl_matcher_find(m, "ushers", 6, &all);
	assert_int_equal(all.n, 3); /* she, he, hers */
	tl_match_list_release(&all);
	tl_matcher_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_match__finds_all_and_selects_longest),
	    cmocka_unit_test(test_match__same_bytes_two_types),
	    cmocka_unit_test(test_match__suffix_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
