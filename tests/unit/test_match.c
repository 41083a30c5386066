/* tests/unit/test_match.c - Aho-Corasick, longest non-overlapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base.h"
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

static void same_matches(const tl_match_list *a, const tl_match_list *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_int_equal(a->v[i].start, b->v[i].start);
		assert_int_equal(a->v[i].end, b->v[i].end);
		assert_int_equal(a->v[i].type, b->v[i].type);
		assert_int_equal(a->v[i].id, b->v[i].id);
	}
}

/* The character walk (tl_matcher_find) and the byte walk find the same
 * matches, on text mixing pattern pieces with other Chinese, ASCII,
 * two- and four-byte characters and broken UTF-8 (surrogates and
 * overlong forms too); and the walk for valid UTF-8 the same as they
 * on the texts that are valid. */
static void test_match__characters_agree_with_bytes(void **state)
{
	(void)state;
	static const char *const PATS[] = {
	    "学院",   "能动学院", "能源与动力工程学院",
	    "动力",   "院",       "AI",
	    "AI学院", "café",     "𠀀学院",
	    "学生会", "会议",     "议",
	    "工程"};
	static const char *const PIECES[] = {
	    "学", "院", "能", "动", "力", "与", "源", "工", "程", "会", "议",
	    "生", "A", "I", "c", "a", "f", "é", "𠀀", "，", "的", "x", "\xE5",
	    "\xE5\xAD", "\xAD", "\xFF", "\xF0\x9F",
	    /* a surrogate and an overlong A, in three bytes each */
	    "\xED\xA0\x80", "\xE0\x81\x81"};
	tl_matcher *m = tl_matcher_new();
	for (size_t i = 0; i < sizeof(PATS) / sizeof(PATS[0]); i++)
		add(m, PATS[i], (int)(i % 3), (int)i);
	tl_matcher_build(m);
	tl_match_list a = TL_MATCH_LIST_INIT, b = TL_MATCH_LIST_INIT;
	uint32_t seed = 2024;
	char text[512];
	int valid = 0;
	for (int round = 0; round < 2000; round++) {
		size_t n = 0;
		int pieces = 1 + round % 40;
		for (int k = 0; k < pieces; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p =
			    PIECES[(seed >> 16) %
			           (sizeof(PIECES) / sizeof(PIECES[0]))];
			size_t len = strlen(p);
			if (n + len >= sizeof(text))
				break;
			memcpy(text + n, p, len);
			n += len;
		}
		tl_matcher_find(m, text, n, &a);
		tl_matcher_find_bytes(m, text, n, &b);
		same_matches(&a, &b);
		if (tl_utf8_invalid_at(text, n) == (size_t)-1) {
			tl_matcher_find_utf8(m, text, n, &b);
			same_matches(&a, &b);
			valid++;
		}
	}
	assert_true(valid > 100); /* the valid walk was tried */
	tl_match_list_release(&a);
	tl_match_list_release(&b);
	tl_matcher_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_match__characters_agree_with_bytes),
	    cmocka_unit_test(test_match__finds_all_and_selects_longest),
	    cmocka_unit_test(test_match__same_bytes_two_types),
	    cmocka_unit_test(test_match__suffix_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
