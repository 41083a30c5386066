/* tests/unit/test_base.c - tl_buf, UTF-8 helpers, SHA-256. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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
	/* integers without printf, as printf writes them */
	static const long long INTS[] = {0,
	                                 7,
	                                 -5,
	                                 10,
	                                 1234567890123LL,
	                                 -9223372036854775807LL - 1,
	                                 9223372036854775807LL};
	for (size_t i = 0; i < sizeof(INTS) / sizeof(INTS[0]); i++) {
		char want[32];
		snprintf(want, sizeof(want), "%lld", INTS[i]);
		tl_buf_reset(&b);
		tl_buf_add_int(&b, INTS[i]);
		assert_string_equal(b.buf, want);
	}
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

/* The reference the fast paths must agree with: decode every character. */
static size_t ref_invalid_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = tl_utf8_decode_any(s + i, n - i, &cp);
		if (!k)
			return i;
		i += (size_t)k;
	}
	return (size_t)-1;
}

static void ref_normalize(tl_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = tl_utf8_decode_any(s + i, n - i, &cp);
		if (!k) {
			tl_buf_addc(out, s[i++]);
			continue;
		}
		if ((cp >= 0xFF10 && cp <= 0xFF19) ||
		    (cp >= 0xFF21 && cp <= 0xFF3A) ||
		    (cp >= 0xFF41 && cp <= 0xFF5A))
			tl_buf_addc(out, (char)(cp - 0xFEE0));
		else if (cp == 0x3000 || cp == 0xA0)
			tl_buf_addc(out, ' ');
		else if (!(cp == 0x200B || cp == 0x200C || cp == 0x200D ||
		           cp == 0xFEFF || cp == 0x2060))
			tl_buf_add(out, s + i, (size_t)k);
		i += (size_t)k;
	}
}

static size_t ref_sentence_end(const char *s, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++) {
		const char *t = s + i;
		if (*t == '!' || *t == '?' ||
		    (n - i >= 3 &&
		     (memcmp(t, "。", 3) == 0 || memcmp(t, "！", 3) == 0 ||
		      memcmp(t, "？", 3) == 0)))
			return i;
	}
	return n;
}

/* Where a character of cs (or a digit) starts, byte by byte. */
static int ref_charset_at(const char *s, size_t n, size_t i,
                          const tl_charset *cs)
{
	if (cs->digits && s[i] >= '0' && s[i] <= '9')
		return 1;
	for (size_t k = 0; k < cs->n; k++)
		if (n - i >= 3 && memcmp(s + i, cs->c[k], 3) == 0)
			return 1;
	return 0;
}

static size_t ref_find_charset(const char *s, size_t n, size_t from,
                               size_t limit, const tl_charset *cs)
{
	for (size_t i = from; i < limit && i < n; i++)
		if (ref_charset_at(s, n, i, cs))
			return i;
	return limit < n ? limit : n;
}

static size_t ref_find_last_charset(const char *s, size_t n,
                                    const tl_charset *cs)
{
	for (size_t i = n; i > 0; i--)
		if (ref_charset_at(s, n, i - 1, cs))
			return i - 1;
	return n;
}

static const char *ref_memmem(const char *s, size_t n, const char *needle,
                              size_t k)
{
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

static uint32_t rng = 2463534242u;
static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Text like the articles' (Chinese, punctuation, ASCII, the characters
 * normalisation folds), then a few bytes broken: the 32-byte validator,
 * the NUL check and the byte-matching normaliser against the references,
 * at every length and break position the loop reaches. */
static void test_base__fast_paths_agree_with_reference(void **state)
{
	(void)state;
	static const char *const PIECES[] = {"能",
	                                     "动",
	                                     "学院",
	                                     "，",
	                                     "。",
	                                     "a",
	                                     "1",
	                                     " ",
	                                     "\n",
	                                     "１",
	                                     "Ｚ",
	                                     "ｑ",
	                                     "　",
	                                     "\xC2\xA0",
	                                     "\xE2\x80\x8B",
	                                     "\xEF\xBB\xBF",
	                                     "\xE2\x81\xA0",
	                                     "𠀀",
	                                     "é",
	                                     "（",
	                                     "）",
	                                     "\xEF\xBC\x9A",
	                                     "！",
	                                     "？",
	                                     "!",
	                                     "?",
	                                     "、",
	                                     "\xEF\xBC\x80",
	                                     "\xE3\x80\x81"};
	static const unsigned char BREAKS[] = {0x00, 0x80, 0xBF, 0xC0, 0xC1,
	                                       0xE0, 0xED, 0xF0, 0xF4, 0xF5,
	                                       0xFF, 0xA0, 0x8B, 0xEF};
	const size_t npieces = sizeof(PIECES) / sizeof(PIECES[0]);
	/* what the scanners stop at: a few of the pieces, digits or not */
	static tl_charset sets[2];
	static const uint32_t CHARS[] = {0x80FD /* 能 */, 0x5B66 /* 学 */,
	                                 0x3002 /* 。 */, 0xFF08 /* （ */};
	for (int k = 0; k < 2; k++) {
		memset(&sets[k], 0, sizeof(sets[k]));
		sets[k].digits = k;
		for (size_t c = 0; c < sizeof(CHARS) / sizeof(CHARS[0]); c++)
			assert_true(tl_charset_add(&sets[k], CHARS[c]));
	}
	assert_false(tl_charset_add(&sets[0], 0x41));    /* one byte */
	assert_false(tl_charset_add(&sets[0], 0x20000)); /* four */
	char text[400];
	for (int round = 0; round < 4000; round++) {
		size_t n = 0, want = next_rand() % 360;
		while (n < want) {
			const char *p = PIECES[next_rand() % npieces];
			size_t k = strlen(p);
			memcpy(text + n, p, k);
			n += k;
		}
		int breaks = round % 3 == 0 ? 0 : (int)(next_rand() % 3);
		for (int b = 0; b < breaks && n; b++)
			text[next_rand() % n] =
			    (char)BREAKS[next_rand() % sizeof(BREAKS)];
		if (round % 7 == 0 && n)
			n -= next_rand() % 4 % (n + 1); /* cut a character */
		size_t want_bad = ref_invalid_at(text, n);
		assert_int_equal(tl_utf8_invalid_at(text, n), want_bad);
		int clean = want_bad == (size_t)-1 && !memchr(text, 0, n);
		assert_int_equal(tl_text_clean(text, n), clean);
		size_t from = n ? next_rand() % (n + 1) : 0;
		assert_int_equal(tl_text_find_sentence_end(text, n, from),
		                 ref_sentence_end(text, n, from));
		const tl_charset *cs = &sets[round % 2];
		size_t limit = from + next_rand() % (n - from + 8);
		assert_int_equal(tl_text_find_charset(text, n, from, limit, cs),
		                 ref_find_charset(text, n, from, limit, cs));
		assert_int_equal(tl_text_find_last_charset(text, n, cs),
		                 ref_find_last_charset(text, n, cs));
		/* a needle from the text or from the pieces: found where
		 * the byte-by-byte search finds it */
		char needle[16];
		size_t k = 2 + next_rand() % 8;
		if (round % 2 && n >= k) {
			memcpy(needle, text + next_rand() % (n - k + 1), k);
		} else {
			const char *a = PIECES[next_rand() % npieces],
			           *b = PIECES[next_rand() % npieces];
			k = strlen(a) + strlen(b);
			memcpy(needle, a, strlen(a));
			memcpy(needle + strlen(a), b, strlen(b));
		}
		assert_ptr_equal(tl_memmem(text, n, needle, k),
		                 ref_memmem(text, n, needle, k));
		tl_buf got = TL_BUF_INIT, ref = TL_BUF_INIT;
		tl_text_normalize(&got, text, n);
		ref_normalize(&ref, text, n);
		assert_int_equal(got.len, ref.len);
		assert_memory_equal(got.buf, ref.buf, ref.len);
		tl_buf_release(&got);
		tl_buf_release(&ref);
	}
}

/* SHA-256 over pieces of every size equals the one-call digest. */
static void test_base__sha256_in_pieces(void **state)
{
	(void)state;
	unsigned char data[700];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)next_rand();
	for (size_t n = 0; n < sizeof(data); n += 37) {
		char whole[65], parts[65];
		tl_sha256_hex(data, n, whole);
		for (size_t step = 1; step < 140; step += 13) {
			tl_sha256 c;
			tl_sha256_init(&c);
			for (size_t i = 0; i < n; i += step)
				tl_sha256_add(&c, data + i,
				              n - i < step ? n - i : step);
			tl_sha256_hex_end(&c, parts);
			assert_string_equal(parts, whole);
		}
	}
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
	    cmocka_unit_test(test_base__fast_paths_agree_with_reference),
	    cmocka_unit_test(test_base__sha256_in_pieces),
	    cmocka_unit_test(test_base__trim_handles_ideographic_space),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
