/* analyze/base.c - errors, tl_buf, UTF-8 helpers, SHA-256 and file reading. */
#define _GNU_SOURCE /* memmem */
#include "base.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <fcntl.h>

char tl_buf_empty[1];

int tl_error_set(tl_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return -code;
}

void tl_error_clear(tl_error *err)
{
	if (err) {
		err->code = 0;
		err->msg[0] = '\0';
	}
}

static void oom(void)
{
	fputs("tally: out of memory\n", stderr);
	abort();
}

void *tl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *tl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *tl_xzalloc(size_t n, size_t size)
{
	void *p = tl_xmalloc(tl_size_mul(n, size));
	memset(p, 0, n * size);
	return p;
}

size_t tl_size_mul(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return n * size;
}

void *tl_xaligned(size_t align, size_t n)
{
	void *p = NULL;
	if (posix_memalign(&p, align, n ? n : 1) != 0)
		oom();
	return p;
}

void *tl_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *tl_xstrndup(const char *s, size_t n)
{
	char *p = tl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *tl_xstrdup(const char *s)
{
	return s ? tl_xstrndup(s, strlen(s)) : NULL;
}

void tl_buf_init(tl_buf *b)
{
	b->buf = tl_buf_empty;
	b->len = b->cap = 0;
}

void tl_buf_release(tl_buf *b)
{
	if (b->cap)
		free(b->buf);
	tl_buf_init(b);
}

void tl_buf_grow(tl_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;
	if (want <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap = cap < ((size_t)-1) / 2 ? cap * 2 : want;
	if (b->cap) {
		b->buf = tl_xrealloc(b->buf, cap);
	} else {
		b->buf = tl_xmalloc(cap);
		b->buf[0] = '\0';
	}
	b->cap = cap;
}

void tl_buf_add(tl_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	tl_buf_grow(b, len);
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void tl_buf_add_int(tl_buf *b, long long v)
{
	char tmp[24];
	size_t n = sizeof(tmp);
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		tmp[--n] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		tmp[--n] = '-';
	tl_buf_add(b, tmp + n, sizeof(tmp) - n);
}

void tl_buf_adds(tl_buf *b, const char *s)
{
	tl_buf_add(b, s, strlen(s));
}

void tl_buf_addc(tl_buf *b, char c)
{
	tl_buf_add(b, &c, 1);
}

void tl_buf_addf(tl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	tl_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void tl_buf_reset(tl_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->buf[0] = '\0';
}

char *tl_buf_detach(tl_buf *b)
{
	char *p = b->cap ? b->buf : tl_xstrdup("");
	tl_buf_init(b);
	return p;
}

int tl_utf8_decode_any(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static size_t utf8_invalid_scalar(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int k = tl_utf8_decode(s + i, n - i, &cp);
		if (!k)
			return i;
		i += (size_t)k;
	}
	return (size_t)-1;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define TL_X86 1

/* Does the CPU have AVX2 (and the OS its registers)? */
static int have_avx2(void)
{
	static int avx2 = -1;
	if (avx2 < 0) {
		__builtin_cpu_init();
		avx2 = __builtin_cpu_supports("avx2") != 0;
	}
	return avx2;
}

/* The 32 bytes before `cur` in the stream, shifted in from prev: the
 * byte N places back at every position. */
#define PREV_N(cur, prev, n)                                                   \
	_mm256_alignr_epi8(                                                    \
	    (cur), _mm256_permute2x128_si256((prev), (cur), 0x21), 16 - (n))

/* UTF-8 validation 32 bytes at a time by table look-ups on nibbles of each
 * byte and the one before (Keiser and Lemire, "Validating UTF-8 in less
 * than one instruction per byte", 2021), and NUL bytes found on the way.
 * Validates s[0..*done): whole blocks, ending where a character may run
 * past them; returns nonzero when that part holds an error or a NUL. */
__attribute__((target("avx2"))) static int
utf8_blocks_avx2(const unsigned char *s, size_t n, int nul, size_t *done)
{
	enum {
		TOO_SHORT = 1 << 0,
		TOO_LONG = 1 << 1,
		OVERLONG_3 = 1 << 2,
		TOO_LARGE = 1 << 3,
		SURROGATE = 1 << 4,
		OVERLONG_2 = 1 << 5,
		TOO_LARGE_1000 = 1 << 6,
		OVERLONG_4 = 1 << 6,
		TWO_CONTS = 1 << 7,
		CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
	};
	static const unsigned char b1_high_t[16] = {
	    TOO_LONG,
	    TOO_LONG,
	    TOO_LONG,
	    TOO_LONG,
	    TOO_LONG,
	    TOO_LONG,
	    TOO_LONG,
	    TOO_LONG,
	    TWO_CONTS,
	    TWO_CONTS,
	    TWO_CONTS,
	    TWO_CONTS,
	    TOO_SHORT | OVERLONG_2,
	    TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4};
	static const unsigned char b1_low_t[16] = {
	    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
	    CARRY | OVERLONG_2,
	    CARRY,
	    CARRY,
	    CARRY | TOO_LARGE,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000};
	static const unsigned char b2_high_t[16] = {
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 |
	        OVERLONG_4,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT,
	    TOO_SHORT};
	/* each table in both 128-bit lanes (the shuffles look up per lane) */
#define TABLE16(t)                                                             \
	_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(t)))
	const __m256i b1_high = TABLE16(b1_high_t), b1_low = TABLE16(b1_low_t),
	              b2_high = TABLE16(b2_high_t);
#undef TABLE16
	const __m256i nib = _mm256_set1_epi8(0x0F),
	              zero = _mm256_setzero_si256();
	const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80));
	const __m256i fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
	const __m256i bit7 = _mm256_set1_epi8((char)0x80);
	__m256i prev = zero, err = zero, zeros = zero;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		__m256i cur = _mm256_loadu_si256((const __m256i *)(s + i));
		__m256i p1 = PREV_N(cur, prev, 1);
		__m256i sc = _mm256_and_si256(
		    _mm256_and_si256(
		        _mm256_shuffle_epi8(
		            b1_high,
		            _mm256_and_si256(_mm256_srli_epi16(p1, 4), nib)),
		        _mm256_shuffle_epi8(b1_low, _mm256_and_si256(p1, nib))),
		    _mm256_shuffle_epi8(
		        b2_high,
		        _mm256_and_si256(_mm256_srli_epi16(cur, 4), nib)));
		__m256i p2 = PREV_N(cur, prev, 2), p3 = PREV_N(cur, prev, 3);
		__m256i must23 = _mm256_and_si256(
		    _mm256_or_si256(_mm256_subs_epu8(p2, third),
		                    _mm256_subs_epu8(p3, fourth)),
		    bit7);
		err = _mm256_or_si256(err, _mm256_xor_si256(must23, sc));
		if (nul)
			zeros = _mm256_or_si256(zeros,
			                        _mm256_cmpeq_epi8(cur, zero));
		prev = cur;
	}
	/* Back to the lead byte of the last character, which may run past
	 * the blocks: the caller checks it and what follows. (Continuation
	 * bytes with no lead in reach are already an error.) */
	size_t j = i;
	for (int k = 0; k < 3 && j > 0 && (s[j - 1] & 0xC0) == 0x80; k++)
		j--;
	i = j > 0 && s[j - 1] >= 0xC0 ? j - 1 : i;
	*done = i;
	return !_mm256_testz_si256(_mm256_or_si256(err, zeros),
	                           _mm256_or_si256(err, zeros));
}
#undef PREV_N
#endif

size_t tl_utf8_invalid_at(const char *s, size_t n)
{
#ifdef TL_X86
	size_t done;
	if (n >= 64 && have_avx2() &&
	    !utf8_blocks_avx2((const unsigned char *)s, n, 0, &done)) {
		size_t bad = utf8_invalid_scalar(s + done, n - done);
		return bad == (size_t)-1 ? bad : done + bad;
	}
#endif
	return utf8_invalid_scalar(s, n);
}

#ifdef TL_X86
/* tl_text_is_sentence_end at 32 offsets a step: the three bytes of 。(E3 80 82)
 * and ！？ (EF BC 81, EF BC 9F) compared at once. (size_t)-1 when none starts
 * in s[from, n - 2). */
__attribute__((target("avx2"))) static size_t
sentence_end_avx2(const unsigned char *s, size_t n, size_t *from)
{
	const __m256i e3 = _mm256_set1_epi8((char)0xE3),
	              x80 = _mm256_set1_epi8((char)0x80),
	              x82 = _mm256_set1_epi8((char)0x82),
	              ef = _mm256_set1_epi8((char)0xEF),
	              bc = _mm256_set1_epi8((char)0xBC),
	              x81 = _mm256_set1_epi8((char)0x81),
	              x9f = _mm256_set1_epi8((char)0x9F),
	              bang = _mm256_set1_epi8('!'), ask = _mm256_set1_epi8('?');
	size_t i = *from;
	for (; i + 34 <= n; i += 32) {
		__m256i b0 = _mm256_loadu_si256((const __m256i *)(s + i));
		__m256i b1 = _mm256_loadu_si256((const __m256i *)(s + i + 1));
		__m256i b2 = _mm256_loadu_si256((const __m256i *)(s + i + 2));
		__m256i full = _mm256_and_si256(
		    _mm256_and_si256(_mm256_cmpeq_epi8(b0, e3),
		                     _mm256_cmpeq_epi8(b1, x80)),
		    _mm256_cmpeq_epi8(b2, x82));
		__m256i wide = _mm256_and_si256(
		    _mm256_and_si256(_mm256_cmpeq_epi8(b0, ef),
		                     _mm256_cmpeq_epi8(b1, bc)),
		    _mm256_or_si256(_mm256_cmpeq_epi8(b2, x81),
		                    _mm256_cmpeq_epi8(b2, x9f)));
		__m256i ascii = _mm256_or_si256(_mm256_cmpeq_epi8(b0, bang),
		                                _mm256_cmpeq_epi8(b0, ask));
		unsigned m = (unsigned)_mm256_movemask_epi8(
		    _mm256_or_si256(_mm256_or_si256(full, wide), ascii));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	*from = i;
	return (size_t)-1;
}
#endif

size_t tl_text_find_sentence_end(const char *str, size_t n, size_t from)
{
	const unsigned char *s = (const unsigned char *)str;
#ifdef TL_X86
	if (n - from >= 64 && have_avx2()) {
		size_t at = sentence_end_avx2(s, n, &from);
		if (at != (size_t)-1)
			return at;
	}
#endif
	for (size_t i = from; i < n; i++)
		if (tl_text_is_sentence_end(str + i, n - i))
			return i;
	return n;
}

int tl_charset_add(tl_charset *cs, uint32_t cp)
{
	if (cp < 0x800 || cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    cs->n == TL_CHARSET_MAX)
		return 0;
	unsigned char *c = cs->c[cs->n++];
	c[0] = (unsigned char)(0xE0 | cp >> 12);
	c[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	c[2] = (unsigned char)(0x80 | (cp & 0x3F));
	cs->bits[cp >> 5] |= 1u << (cp & 31);
	size_t j = 0;
	while (j < cs->nleads && cs->lead[j][0] != c[0])
		j++;
	if (j == cs->nleads)
		memset(cs->lead[cs->nleads++], c[0], 32);
	cs->which[cs->n - 1] = (unsigned char)j;
	memset(cs->b1[cs->n - 1], c[1], 32);
	memset(cs->b2[cs->n - 1], c[2], 32);
	return 1;
}

/* Does a character of cs start at s[i] (its bytes up to n)? */
static int charset_at(const unsigned char *s, size_t n, size_t i,
                      const tl_charset *cs)
{
	uint32_t cp;
	if (s[i] < 0x80)
		return cs->digits && s[i] >= '0' && s[i] <= '9';
	return s[i] >= 0xE0 && s[i] < 0xF0 &&
	       tl_utf8_decode((const char *)s + i, n - i, &cp) == 3 &&
	       (cs->bits[cp >> 5] >> (cp & 31) & 1);
}

#ifdef TL_X86
/* Bit k set: a character of cs starts at p[k] (p[0..33] readable). */
__attribute__((target("avx2"))) static unsigned
charset_mask(const unsigned char *p, const tl_charset *cs)
{
#define V(a) _mm256_load_si256((const __m256i *)(a))
	__m256i b0 = _mm256_loadu_si256((const __m256i *)p);
	__m256i b1 = _mm256_loadu_si256((const __m256i *)(p + 1));
	__m256i b2 = _mm256_loadu_si256((const __m256i *)(p + 2));
	__m256i eq0[TL_CHARSET_MAX];
	for (size_t j = 0; j < cs->nleads; j++)
		eq0[j] = _mm256_cmpeq_epi8(b0, V(cs->lead[j]));
	__m256i m = _mm256_setzero_si256();
	if (cs->digits) /* '0' <= b0 <= '9', as unsigned bytes */
		m = _mm256_and_si256(
		    _mm256_cmpeq_epi8(
		        _mm256_max_epu8(b0, _mm256_set1_epi8('0')), b0),
		    _mm256_cmpeq_epi8(
		        _mm256_min_epu8(b0, _mm256_set1_epi8('9')), b0));
	for (size_t k = 0; k < cs->n; k++)
		m = _mm256_or_si256(
		    m,
		    _mm256_and_si256(
		        eq0[cs->which[k]],
		        _mm256_and_si256(_mm256_cmpeq_epi8(b1, V(cs->b1[k])),
		                         _mm256_cmpeq_epi8(b2, V(cs->b2[k])))));
#undef V
	return (unsigned)_mm256_movemask_epi8(m);
}

/* The first offset >= *from in whole 32-byte blocks (before limit) where
 * a character of cs starts, (size_t)-1 when none; *from: where the
 * blocks ended. */
__attribute__((target("avx2"))) static size_t
charset_avx2(const unsigned char *s, size_t n, size_t *from, size_t limit,
             const tl_charset *cs)
{
	size_t i = *from;
	for (; i + 34 <= n && i + 32 <= limit; i += 32) {
		unsigned bits = charset_mask(s + i, cs);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
	*from = i;
	return (size_t)-1;
}

/* The same from the end: the last offset in whole blocks at and after
 * *to - 32, going down; *to: where the blocks ended. */
__attribute__((target("avx2"))) static size_t
charset_avx2_last(const unsigned char *s, size_t n, size_t *to,
                  const tl_charset *cs)
{
	size_t i = *to; /* blocks [i - 32, i) with two bytes after them */
	for (; i >= 32 && i + 2 <= n; i -= 32) {
		unsigned bits = charset_mask(s + i - 32, cs);
		if (bits)
			return i - 32 + (size_t)(31 - __builtin_clz(bits));
	}
	*to = i;
	return (size_t)-1;
}
#endif

size_t tl_text_find_charset(const char *str, size_t n, size_t from,
                            size_t limit, const tl_charset *cs)
{
	const unsigned char *s = (const unsigned char *)str;
	if (limit > n)
		limit = n;
#ifdef TL_X86
	if (limit > from && limit - from >= 64 && have_avx2()) {
		size_t at = charset_avx2(s, n, &from, limit, cs);
		if (at != (size_t)-1)
			return at;
	}
#endif
	/* A character at a time: a whole one of three bytes is in the set
	 * or passed over; any other byte is looked at alone. */
	for (size_t i = from; i < limit;) {
		if (charset_at(s, n, i, cs))
			return i;
		i += s[i] >= 0xE0 && s[i] < 0xF0 && n - i >= 3 &&
		             (s[i + 1] & 0xC0) == 0x80 &&
		             (s[i + 2] & 0xC0) == 0x80
		         ? 3
		         : 1;
	}
	return limit;
}

size_t tl_text_find_last_charset(const char *str, size_t n,
                                 const tl_charset *cs)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t to = n >= 2 ? n - 2 : 0; /* no character of three starts later */
	for (size_t i = n; i > to; i--) /* digits there */
		if (charset_at(s, n, i - 1, cs))
			return i - 1;
#ifdef TL_X86
	if (to >= 64 && have_avx2()) {
		size_t at = charset_avx2_last(s, n, &to, cs);
		if (at != (size_t)-1)
			return at;
	}
#endif
	for (size_t i = to; i > 0; i--)
		if (charset_at(s, n, i - 1, cs))
			return i - 1;
	return n;
}

int tl_text_clean(const char *s, size_t n)
{
#ifdef TL_X86
	size_t done;
	if (n >= 64 && have_avx2()) {
		if (utf8_blocks_avx2((const unsigned char *)s, n, 1, &done))
			return 0;
		return memchr(s + done, '\0', n - done) == NULL &&
		       utf8_invalid_scalar(s + done, n - done) == (size_t)-1;
	}
#endif
	return memchr(s, '\0', n) == NULL &&
	       utf8_invalid_scalar(s, n) == (size_t)-1;
}

size_t tl_utf8_len(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

void tl_utf8_put(tl_buf *b, uint32_t cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	tl_buf_add(b, t, n);
}

/* Lead bytes of the characters tl_text_normalize changes: U+00A0 (C2),
 * U+200B-200D and U+2060 (E2), U+3000 (E3), U+FEFF and U+FF10-FF5A (EF).
 * Valid or not, a lead byte never sits inside another character, so the
 * bytes are matched as they stand (no decoding of the Chinese between). */
static const unsigned char NORM_LEAD[256] = {
    [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};

#ifdef TL_X86
/* The first offset >= i in whole 32-byte blocks where a character that
 * tl_text_normalize changes starts (the byte sequences of NORM_LEAD's
 * characters, compared at every offset), else where the blocks end. */
__attribute__((target("avx2"))) static size_t
norm_skip_avx2(const unsigned char *s, size_t n, size_t i)
{
#define EQ(v, c) _mm256_cmpeq_epi8((v), _mm256_set1_epi8((char)(c)))
#define IN(v, lo, hi)                                                          \
	_mm256_and_si256(                                                      \
	    _mm256_cmpeq_epi8(                                                 \
	        _mm256_max_epu8((v), _mm256_set1_epi8((char)(lo))), (v)),      \
	    _mm256_cmpeq_epi8(                                                 \
	        _mm256_min_epu8((v), _mm256_set1_epi8((char)(hi))), (v)))
#define AND3(a, b, c) _mm256_and_si256(_mm256_and_si256((a), (b)), (c))
	for (; i + 34 <= n; i += 32) {
		__m256i b0 = _mm256_loadu_si256((const __m256i *)(s + i));
		__m256i b1 = _mm256_loadu_si256((const __m256i *)(s + i + 1));
		__m256i b2 = _mm256_loadu_si256((const __m256i *)(s + i + 2));
		__m256i ef = EQ(b0, 0xEF);
		__m256i m = AND3(
		    ef, EQ(b1, 0xBC),
		    _mm256_or_si256(IN(b2, 0x90, 0x99), IN(b2, 0xA1, 0xBA)));
		m = _mm256_or_si256(m,
		                    AND3(ef, EQ(b1, 0xBD), IN(b2, 0x81, 0x9A)));
		m = _mm256_or_si256(m, AND3(ef, EQ(b1, 0xBB), EQ(b2, 0xBF)));
		m = _mm256_or_si256(
		    m,
		    _mm256_and_si256(
		        EQ(b0, 0xE2),
		        _mm256_or_si256(
		            _mm256_and_si256(EQ(b1, 0x80), IN(b2, 0x8B, 0x8D)),
		            _mm256_and_si256(EQ(b1, 0x81), EQ(b2, 0xA0)))));
		m = _mm256_or_si256(
		    m, AND3(EQ(b0, 0xE3), EQ(b1, 0x80), EQ(b2, 0x80)));
		m = _mm256_or_si256(
		    m, _mm256_and_si256(EQ(b0, 0xC2), EQ(b1, 0xA0)));
		unsigned bits = (unsigned)_mm256_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
#undef EQ
#undef IN
#undef AND3
	return i;
}
#endif

void tl_text_normalize(tl_buf *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;
#ifdef TL_X86
	int simd = n >= 64 && have_avx2();
#endif
	tl_buf_grow(out, n);
	while (i < n) {
#ifdef TL_X86
		if (simd && n - i >= 64) {
			size_t j = norm_skip_avx2(s, n, i);
			if (j > i) {
				i = j;
				continue;
			}
		}
#endif
		if (!NORM_LEAD[s[i]]) {
			i++;
			continue;
		}
		unsigned char c = s[i];
		size_t k = 0;
		int put = -1; /* the ASCII byte it becomes, or none */
		if (c == 0xC2) {
			if (i + 1 < n && s[i + 1] == 0xA0)
				k = 2, put = ' ';
		} else if (i + 2 < n) {
			unsigned char b1 = s[i + 1], b2 = s[i + 2];
			if (c == 0xEF && b1 == 0xBC &&
			    ((b2 >= 0x90 && b2 <= 0x99) ||
			     (b2 >= 0xA1 && b2 <= 0xBA)))
				k = 3, put = b2 - 0x60; /* ０-９ Ａ-Ｚ */
			else if (c == 0xEF && b1 == 0xBD && b2 >= 0x81 &&
			         b2 <= 0x9A)
				k = 3, put = b2 - 0x20; /* ａ-ｚ */
			else if (c == 0xEF && b1 == 0xBB && b2 == 0xBF)
				k = 3; /* BOM */
			else if (c == 0xE2 &&
			         ((b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8D) ||
			          (b1 == 0x81 && b2 == 0xA0)))
				k = 3; /* zero-width */
			else if (c == 0xE3 && b1 == 0x80 && b2 == 0x80)
				k = 3, put = ' '; /* ideographic space */
		}
		if (!k) {
			i++;
			continue;
		}
		tl_buf_add(out, s + run, i - run);
		if (put >= 0)
			tl_buf_addc(out, (char)put);
		i += k;
		run = i;
	}
	tl_buf_add(out, s + run, n - run);
}

static int is_space_at(const char *s, size_t n, size_t *len)
{
	unsigned char c = (unsigned char)s[0];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f') {
		*len = 1;
		return 1;
	}
	if (n >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80) {
		*len = 3;
		return 1;
	}
	if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0) {
		*len = 2;
		return 1;
	}
	return 0;
}

size_t tl_trim(const char **sp, size_t n)
{
	const char *s = *sp;
	size_t k;
	while (n && is_space_at(s, n, &k))
		s += k, n -= k;
	for (;;) {
		if (n >= 1 && is_space_at(s + n - 1, 1, &k)) {
			n--;
		} else if (n >= 3 && is_space_at(s + n - 3, 3, &k) && k == 3) {
			n -= 3;
		} else if (n >= 2 && is_space_at(s + n - 2, 2, &k) && k == 2) {
			n -= 2;
		} else {
			break;
		}
	}
	*sp = s;
	return n;
}

/* SHA-256 as FIPS 180-4 describes it; used to recognise articles seen
 * before, not for security. */
static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 =
		    ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 =
		    ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5],
	         g = h[6], hh = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		              ((e & f) ^ (~e & g)) + K256[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		              ((a & b) ^ (a & c) ^ (b & c));
		hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a,
		a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

#ifdef TL_X86
#define TL_SHA_NI 1
/* SHA-256 blocks with the x86 SHA extensions (after Intel's reference
 * code): about five times the portable loop, used when the CPU has them. */
__attribute__((target("sha,sse4.1"))) static void
sha256_blocks_ni(uint32_t h[8], const unsigned char *p, size_t blocks)
{
	const __m128i MASK =
	    _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i t = _mm_loadu_si128((const __m128i *)&h[0]);
	__m128i s1 = _mm_loadu_si128((const __m128i *)&h[4]);
	t = _mm_shuffle_epi32(t, 0xB1);         /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);       /* EFGH */
	__m128i s0 = _mm_alignr_epi8(t, s1, 8); /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);      /* CDGH */
	while (blocks--) {
		__m128i a0 = s0, c0 = s1, msg, m0, m1, m2, m3, tmp;
#define ROUNDS4(m, k0, k1)                                                     \
	msg = _mm_add_epi32(m, _mm_set_epi64x(k1, k0));                        \
	s1 = _mm_sha256rnds2_epu32(s1, s0, msg);                               \
	msg = _mm_shuffle_epi32(msg, 0x0E);                                    \
	s0 = _mm_sha256rnds2_epu32(s0, s1, msg)
		m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)),
		                      MASK);
		ROUNDS4(m0, 0x71374491428A2F98ULL, 0xE9B5DBA5B5C0FBCFULL);
		m1 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(p + 16)), MASK);
		ROUNDS4(m1, 0x59F111F13956C25BULL, 0xAB1C5ED5923F82A4ULL);
		m0 = _mm_sha256msg1_epu32(m0, m1);
		m2 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(p + 32)), MASK);
		ROUNDS4(m2, 0x12835B01D807AA98ULL, 0x550C7DC3243185BEULL);
		m1 = _mm_sha256msg1_epu32(m1, m2);
		m3 = _mm_shuffle_epi8(
		    _mm_loadu_si128((const __m128i *)(p + 48)), MASK);
		ROUNDS4(m3, 0x80DEB1FE72BE5D74ULL, 0xC19BF1749BDC06A7ULL);
		static const uint64_t K[24][2] = {
		    {0xEFBE4786E49B69C1ULL, 0x240CA1CC0FC19DC6ULL},
		    {0x4A7484AA2DE92C6FULL, 0x76F988DA5CB0A9DCULL},
		    {0xA831C66D983E5152ULL, 0xBF597FC7B00327C8ULL},
		    {0xD5A79147C6E00BF3ULL, 0x1429296706CA6351ULL},
		    {0x2E1B213827B70A85ULL, 0x53380D134D2C6DFCULL},
		    {0x766A0ABB650A7354ULL, 0x92722C8581C2C92EULL},
		    {0xA81A664BA2BFE8A1ULL, 0xC76C51A3C24B8B70ULL},
		    {0xD6990624D192E819ULL, 0x106AA070F40E3585ULL},
		    {0x1E376C0819A4C116ULL, 0x34B0BCB52748774CULL},
		    {0x4ED8AA4A391C0CB3ULL, 0x682E6FF35B9CCA4FULL},
		    {0x78A5636F748F82EEULL, 0x8CC7020884C87814ULL},
		    {0xA4506CEB90BEFFFAULL, 0xC67178F2BEF9A3F7ULL},
		};
		for (int r = 0; r < 12; r++) {
			/* Rounds 16..63, four at a time, the schedule rolling
			 * through m0..m3. */
			tmp = _mm_alignr_epi8(m3, m2, 4);
			m0 = _mm_add_epi32(m0, tmp);
			m0 = _mm_sha256msg2_epu32(m0, m3);
			ROUNDS4(m0, (long long)K[r][0], (long long)K[r][1]);
			if (r < 11)
				m2 = _mm_sha256msg1_epu32(m2, m3);
			__m128i x = m0;
			m0 = m1, m1 = m2, m2 = m3, m3 = x;
		}
#undef ROUNDS4
		s0 = _mm_add_epi32(s0, a0);
		s1 = _mm_add_epi32(s1, c0);
		p += 64;
	}
	t = _mm_shuffle_epi32(s0, 0x1B);   /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);  /* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0); /* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);    /* ABEF */
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}
#endif

static void sha256_run(uint32_t h[8], const unsigned char *p, size_t blocks)
{
#ifdef TL_SHA_NI
	static int ni = -1;
	if (ni < 0) {
		/* CPUID: SHA is leaf 7 EBX bit 29, SSE4.1 leaf 1 ECX bit 19. */
		unsigned a, b, c, d;
		int sse41 = __get_cpuid(1, &a, &b, &c, &d) && (c >> 19 & 1);
		int sha =
		    __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1);
		ni = sse41 && sha;
	}
	if (ni) {
		sha256_blocks_ni(h, p, blocks);
		return;
	}
#endif
	while (blocks--) {
		sha256_block(h, p);
		p += 64;
	}
}

void tl_sha256_init(tl_sha256 *c)
{
	static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	                               0xa54ff53a, 0x510e527f, 0x9b05688c,
	                               0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, H0, sizeof(H0));
	c->n = 0;
}

void tl_sha256_add(tl_sha256 *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t have = (size_t)(c->n % 64);
	c->n += n;
	if (have) {
		size_t k = 64 - have < n ? 64 - have : n;
		memcpy(c->tail + have, p, k);
		p += k, n -= k;
		if (have + k < 64)
			return;
		sha256_run(c->h, c->tail, 1);
	}
	sha256_run(c->h, p, n / 64);
	memcpy(c->tail, p + n / 64 * 64, n % 64);
}

void tl_sha256_hex_end(tl_sha256 *c, char out[65])
{
	size_t left = (size_t)(c->n % 64);
	unsigned char tail[128] = {0};
	memcpy(tail, c->tail, left);
	tail[left] = 0x80;
	size_t tlen = left < 56 ? 64 : 128;
	uint64_t bits = c->n * 8;
	for (int i = 0; i < 8; i++)
		tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
	sha256_run(c->h, tail, tlen / 64);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		unsigned char byte =
		    (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
		out[2 * i] = hex[byte >> 4];
		out[2 * i + 1] = hex[byte & 15];
	}
	out[64] = '\0';
}

void tl_sha256_hex(const void *data, size_t n, char out[65])
{
	tl_sha256 c;
	tl_sha256_init(&c);
	tl_sha256_add(&c, data, n);
	tl_sha256_hex_end(&c, out);
}

int tl_read_file_max(tl_buf *b, const char *path, long long max,
                     long long *size, tl_error *err)
{
	/* One open, one fstat for the size, reads straight into the
	 * buffer: no stdio, no second lookup of the path. Standard input
	 * is read the same way from its descriptor. */
	if (strcmp(path, "-") == 0)
		return tl_read_fd_max(b, STDIN_FILENO, path, max, size, err);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return tl_error_set(err, TL_EIO, "cannot open '%s': %s", path,
		                    strerror(errno));
	int rc = tl_read_fd_max(b, fd, path, max, size, err);
	close(fd);
	return rc;
}

int tl_read_fd_max(tl_buf *b, int fd, const char *path, long long max,
                   long long *size, tl_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "standard input" : path;
	struct stat st;
	long long hint = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
	                     ? (long long)st.st_size
	                     : 0;
	int rc = 0;
	if (max > 0 && hint > max) {
		rc = 1;
		goto done;
	}
	tl_buf_grow(b, (size_t)hint + 1);
	size_t start = b->len;
	for (;;) {
		if (b->cap - b->len < 2)
			tl_buf_grow(b, 65536);
		ssize_t got = read(fd, b->buf + b->len, b->cap - b->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = tl_error_set(err, TL_EIO, "cannot read %s%s%s: %s",
			                  is_stdin ? "" : "'", name,
			                  is_stdin ? "" : "'", strerror(errno));
			break;
		}
		b->len += (size_t)got;
		b->buf[b->len] = '\0';
		/* As many bytes as fstat said: the file is read. (A read more
		 * only to be told of its end was a system call a file; a
		 * file that grows meanwhile is read as it was when opened.) */
		if (got == 0 || (hint > 0 && b->len - start == (size_t)hint))
			break;
	}
done:
	if (size)
		*size = hint > (long long)b->len ? hint : (long long)b->len;
	return rc;
}

int tl_open_ahead(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
#ifdef POSIX_FADV_WILLNEED
	if (fd >= 0) /* a hint: the read is the same without it */
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
#endif
	return fd;
}

int tl_read_file(tl_buf *b, const char *path, tl_error *err)
{
	return tl_read_file_max(b, path, 0, NULL, err);
}

#ifdef TL_X86
/* The first needle at or after *from in whole 32-byte blocks: its first
 * and last bytes compared at 32 offsets a step, candidates then compared
 * whole (Muła's "SIMD-friendly" search); NULL when none, *from: where the
 * blocks ended. k >= 2. */
__attribute__((target("avx2"))) static const char *
memmem_avx2(const char *hay, size_t n, const char *needle, size_t k,
            size_t *from)
{
	const __m256i first = _mm256_set1_epi8(needle[0]),
	              last = _mm256_set1_epi8(needle[k - 1]);
	size_t i = *from;
	for (; i + k - 1 + 32 <= n; i += 32) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(hay + i));
		__m256i b =
		    _mm256_loadu_si256((const __m256i *)(hay + i + k - 1));
		unsigned bits = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(
		    _mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last)));
		while (bits) {
			size_t at = i + (size_t)__builtin_ctz(bits);
			if (memcmp(hay + at + 1, needle + 1, k - 2) == 0)
				return hay + at;
			bits &= bits - 1;
		}
	}
	*from = i;
	return NULL;
}
#endif

const char *tl_memmem(const char *hay, size_t n, const char *needle, size_t k)
{
#ifdef TL_X86
	/* Chinese needles start with lead bytes (E5 of 大学) that occur every
	 * few characters: first and last byte together rule out most. */
	if (k >= 2 && n >= k + 64 && have_avx2()) {
		size_t from = 0;
		const char *p = memmem_avx2(hay, n, needle, k, &from);
		if (p || from + k > n)
			return p;
		return memmem(hay + from, n - from, needle, k);
	}
#endif
	return memmem(hay, n, needle, k);
}

int tl_str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char a = s[n - k + i], b = suffix[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

size_t tl_display_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = tl_utf8_decode(s + i, n - i, &cp);
		if (k <= 0) {
			i++, w++;
			continue;
		}
		i += (size_t)k;
		w += (cp >= 0x1100 &&
		      (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		       (cp >= 0xAC00 && cp <= 0xD7A3) ||
		       (cp >= 0xF900 && cp <= 0xFAFF) ||
		       (cp >= 0xFE30 && cp <= 0xFE4F) ||
		       (cp >= 0xFF00 && cp <= 0xFF60) ||
		       (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
		         ? 2
		         : 1;
	}
	return w;
}
