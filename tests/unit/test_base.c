/* tests/unit/test_base.c - tl_buf, UTF-8 helpers, SHA-256. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base.h"

static void test_base__buf_grows_and_stays_terminated(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	assert_string_equal(b.buf, "");
	for (int i = 0; i < 1000; i++)
		tl_buf_addf(&b, "%d,", i);
	assert_int_equal(b.buf[b.len], '\0');
	assert_memory_equal(b.buf, "0,1,2,", 6);
	tl_buf_reset(&b);
	assert_string_equal(b.buf, "");
	tl_buf_release(&b);
	assert_string_equal(b.buf, "");
}

static void test_base__utf8_rejects_invalid(void **state)
{
	(void)state;
	assert_int_equal(tl_utf8_invalid_at("能动学院", strlen("能动学院")),
	                 (size_t)-1);
	assert_int_equal(tl_utf8_invalid_at("ab\xff", 3), 2);
	assert_int_equal(tl_utf8_invalid_at("\xc0\xaf", 2), 0); /* overlong */
	assert_int_equal(tl_utf8_invalid_at("\xed\xa0\x80", 3),
	                 0);                                    /* surrogate */
	assert_int_equal(tl_utf8_invalid_at("\xe8\x83", 2), 0); /* truncated */
	assert_int_equal(tl_utf8_len("中文ab", strlen("中文ab")), 4);
}

static void test_base__normalize_folds_fullwidth(void **state)
{
	(void)state;
	tl_buf b = TL_BUF_INIT;
	const char *s = "１１月１０日，\xEF\xBB\xBF能动学院　召开";
	tl_text_normalize(&b, s, strlen(s));
	assert_string_equal(b.buf, "11月10日，能动学院 召开");
	tl_buf_release(&b);
}

static void test_base__sha256_known_vectors(void **state)
{
	(void)state;
	char hex[65];
	tl_sha256_hex("", 0, hex);
	assert_string_equal(
	    hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	tl_sha256_hex("abc", 3, hex);
	assert_string_equal(
	    hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *long_msg =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	tl_sha256_hex(long_msg, strlen(long_msg), hex);
	assert_string_equal(
	    hex,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_base__trim_handles_ideographic_space(void **state)
{
	(void)state;
	const char *s = "　 标题 \t";
	size_t n = tl_trim(&s, strlen(s));
	assert_int_equal(n, strlen("标题"));
	assert_memory_equal(s, "标题", n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_base__buf_grows_and_stays_terminated),
	    cmocka_unit_test(test_base__utf8_rejects_invalid),
	    cmocka_unit_test(test_base__normalize_folds_fullwidth),
	    cmocka_unit_test(test_base__sha256_known_vectors),
	    cmocka_unit_test(test_base__trim_handles_ideographic_space),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
