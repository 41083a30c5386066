/* analyze/cnnum.c - Chinese and Arabic numerals, and counts of people. */
#include "cnnum.h"
#include "base.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT 1000000000000000LL

/* Length of lit when s starts with it, else 0. */
#define at tl_at

/* The value of the Chinese digit cp (〇 零 一 … 九 两), -1 if none. */
static int digit_cp(uint32_t cp)
{
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
		return 0;
	case 0x4E00: /* 一 */
		return 1;
	case 0x4E8C: /* 二 */
	case 0x4E24: /* 两 */
		return 2;
	case 0x4E09: /* 三 */
		return 3;
	case 0x56DB: /* 四 */
		return 4;
	case 0x4E94: /* 五 */
		return 5;
	case 0x516D: /* 六 */
		return 6;
	case 0x4E03: /* 七 */
		return 7;
	case 0x516B: /* 八 */
		return 8;
	case 0x4E5D: /* 九 */
		return 9;
	default:
		return -1;
	}
}

/* The value of the Chinese unit cp (十 百 千 万 亿), 0 if none. */
static int64_t unit_cp(uint32_t cp)
{
	switch (cp) {
	case 0x5341: /* 十 */
		return 10;
	case 0x767E: /* 百 */
		return 100;
	case 0x5343: /* 千 */
		return 1000;
	case 0x4E07: /* 万 */
		return 10000;
	case 0x4EBF: /* 亿 */
		return 100000000;
	default:
		return 0;
	}
}

/* The Chinese digit at s: its value, and its length in *len; -1 if none. */
static int cn_digit(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	if (n < 3 || (unsigned char)s[0] < 0xE3 ||
	    tl_utf8_decode(s, n, &cp) != 3)
		return -1;
	*len = 3;
	return digit_cp(cp);
}

/* A Chinese unit at s: its value, and its length in *len; 0 if none. */
static int64_t cn_unit(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	if (n < 3 || (unsigned char)s[0] < 0xE4 ||
	    tl_utf8_decode(s, n, &cp) != 3)
		return 0;
	*len = 3;
	return unit_cp(cp);
}

/* Can the Chinese numeral cp start a count (一 to 九, 两, 十, 百, 千)? */
static int count_start_cp(uint32_t cp)
{
	int64_t u = unit_cp(cp);
	return digit_cp(cp) > 0 || u == 10 || u == 100 || u == 1000;
}

static size_t parse_chinese(const char *s, size_t n, int64_t *value)
{
	size_t i = 0, len;
	int has_unit = 0, ndigits = 0;
	int64_t total = 0, section = 0, digit = -1, plain = 0;
	while (i < n) {
		int d = cn_digit(s + i, n - i, &len);
		if (d >= 0) {
			if (digit >= 0 && !has_unit)
				plain = plain * 10 + digit;
			digit = d;
			ndigits++;
			i += len;
			if (plain > LIMIT)
				return 0;
			continue;
		}
		int64_t u = cn_unit(s + i, n - i, &len);
		if (!u)
			break;
		has_unit = 1;
		int64_t dv = digit >= 0 ? digit : (u < 10000 ? 1 : 0);
		if (u < 10000) {
			section += dv * u;
		} else {
			int64_t part = section + (digit >= 0 ? digit : 0);
			if (part == 0 && total == 0)
				part = 1;
			if (total + part > LIMIT / u)
				return 0; /* absurd: more than 10^15 */
			total = (total + part) * u;
			section = 0;
		}
		digit = -1;
		i += len;
		if (total > LIMIT || section > LIMIT)
			return 0;
	}
	if (i == 0)
		return 0;
	if (!has_unit) {
		if (ndigits > 16)
			return 0;
		*value = plain * 10 + (digit >= 0 ? digit : 0);
	} else {
		*value = total + section + (digit >= 0 ? digit : 0);
	}
	return i;
}

/* ",ddd" followed by no further digit: a thousands separator. */
static int thousands_group(const char *s, size_t n)
{
	if (n < 4)
		return 0;
	for (int k = 1; k <= 3; k++)
		if (s[k] < '0' || s[k] > '9')
			return 0;
	return n == 4 || s[4] < '0' || s[4] > '9';
}

size_t tl_cnnum_parse(const char *s, size_t n, int64_t *value)
{
	size_t i = 0;
	if (n == 0)
		return 0;
	if (s[0] < '0' || s[0] > '9')
		return parse_chinese(s, n, value);
	int64_t v = 0;
	int ndig = 0;
	while (i < n) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (++ndig > 15)
				return 0;
			v = v * 10 + (s[i] - '0');
			i++;
		} else if (s[i] == ',' && ndig > 0 &&
		           thousands_group(s + i, n - i)) {
			i++;
		} else {
			break;
		}
	}
	/* A decimal part counts only before a multiplier: 1.5万. */
	int64_t frac = 0, scale = 1;
	size_t j = i;
	if (j + 1 < n && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9') {
		j++;
		while (j < n && s[j] >= '0' && s[j] <= '9' && scale < 1000000) {
			frac = frac * 10 + (s[j] - '0');
			scale *= 10;
			j++;
		}
	}
	size_t len;
	int64_t u = cn_unit(s + j, n - j, &len);
	if (u >= 1000) {
		if (v > LIMIT / u)
			return 0; /* absurd: more than 10^15 */
		*value = v * u + frac * u / scale;
		return j + len;
	}
	*value = v;
	return i;
}

/* An ASCII or full-width digit at s: its value (length in *len), or -1. */
static int digit_at(const char *s, size_t n, size_t *len)
{
	if (n && s[0] >= '0' && s[0] <= '9') {
		*len = 1;
		return s[0] - '0';
	}
	if (n >= 3 && (unsigned char)s[0] == 0xEF &&
	    (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0x90 &&
	    (unsigned char)s[2] <= 0x99) {
		*len = 3;
		return (unsigned char)s[2] - 0x90;
	}
	return -1;
}

size_t tl_cnnum_small(const char *s, size_t n, int *value)
{
	size_t i = 0, len;
	int v = 0, d, count = 0;
	if (digit_at(s, n, &len) >= 0) {
		while ((d = digit_at(s + i, n - i, &len)) >= 0 && count < 4) {
			v = v * 10 + d;
			i += len;
			count++;
		}
		if (digit_at(s + i, n - i, &len) >= 0)
			return 0;
		*value = v;
		return i;
	}
	int64_t big;
	size_t k = parse_chinese(s, n, &big);
	if (!k || big > 9999)
		return 0;
	/* Only 十 may appear as a unit in a date part. */
	for (size_t j = 0; j < k; j++)
		if (cn_unit(s + j, k - j, &len) > 10)
			return 0;
	*value = (int)big;
	return k;
}

/* Is the character that ends at s+i (exclusive) a numeral of either kind? */
static int prev_is_numeral(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	if (s[i - 1] >= '0' && s[i - 1] <= '9')
		return 1;
	if (s[i - 1] == '.' || s[i - 1] == ',')
		return 1;
	size_t len;
	if (i >= 3 &&
	    (cn_digit(s + i - 3, 3, &len) >= 0 || cn_unit(s + i - 3, 3, &len)))
		return 1;
	return 0;
}

static size_t approx_word_before(const char *s, size_t i, int *approx)
{
	static const char *const WORDS[] = {"大约", "超过", "约",
	                                    "近",   "逾",   "超"};
	for (size_t w = 0; w < sizeof(WORDS) / sizeof(WORDS[0]); w++) {
		size_t k = strlen(WORDS[w]);
		if (i >= k && memcmp(s + i - k, WORDS[w], k) == 0) {
			*approx = 1;
			return i - k;
		}
	}
	return i;
}

static size_t approx_suffix(const char *s, size_t n, int *approx)
{
	size_t k;
	if ((k = at(s, n, "余")) || (k = at(s, n, "多")) ||
	    (k = at(s, n, "几")))
		*approx = 1;
	return k;
}

/* The characters a count can start with (the digits, and those
 * count_start_cp names, found once by asking it of every character of
 * three bytes), and the counters 人 名 位. */
static tl_charset count_starts, counters;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void sets_init(void)
{
	count_starts.digits = 1;
	for (uint32_t cp = 0x800; cp <= 0xFFFF; cp++)
		if (count_start_cp(cp) && !tl_charset_add(&count_starts, cp))
			abort(); /* TL_CHARSET_MAX below count_start_cp's 13 */
	tl_charset_add(&counters, 0x4EBA); /* 人 */
	tl_charset_add(&counters, 0x540D); /* 名 */
	tl_charset_add(&counters, 0x4F4D); /* 位 */
}

/* Where the last counter (人, 名 or 位) starts, 0 when there is none: no
 * count starts after it, so the scan stops there. */
static size_t last_counter(const char *s, size_t n)
{
	size_t last = tl_text_find_last_charset(s, n, &counters);
	return last < n ? last : 0;
}

int tl_cnnum_participants(const char *s, size_t n, tl_count *out)
{
	out->value = -1;
	out->approx = 0;
	out->start = out->end = 0;
	pthread_once(&sets_once, sets_init);
	size_t stop = last_counter(s, n);
	for (size_t i = 0; i < stop;) {
		/* Straight to the next character that may start a count. */
		if ((i = tl_text_find_charset(s, n, i, stop, &count_starts)) >=
		    stop)
			break;
		if (prev_is_numeral(s, i) ||
		    (i >= 3 &&
		     (at(s + i - 3, 3, "第") || at(s + i - 3, 3, "每") ||
		      at(s + i - 3, 3, "单") || at(s + i - 3, 3, "这") ||
		      at(s + i - 3, 3, "那")))) {
			i++;
			continue;
		}
		int64_t v;
		size_t k = tl_cnnum_parse(s + i, n - i, &v);
		if (!k) {
			i++;
			continue;
		}
		size_t j = i + k, len;
		int approx = 0;
		j += approx_suffix(s + j, n - j, &approx);
		int64_t u = cn_unit(s + j, n - j, &len);
		if (u >= 1000 && v < LIMIT / u) {
			v *= u;
			j += len;
			j += approx_suffix(s + j, n - j, &approx);
		}
		size_t unit = 0;
		if ((unit = at(s + j, n - j, "人次")) ||
		    (unit = at(s + j, n - j, "人")) ||
		    (unit = at(s + j, n - j, "名")) ||
		    (unit = at(s + j, n - j, "位"))) {
			/* 人民, 名单, 名称, 位置 are words, not counters. */
			const char *t = s + j + unit;
			size_t tn = n - j - unit;
			if (at(t, tn, "民") || at(t, tn, "单") ||
			    at(t, tn, "称") || at(t, tn, "置") ||
			    at(t, tn, "于") || at(t, tn, "列") || v <= 0 ||
			    (k == 3 && at(s + i, 3, "一"))) {
				/* 一名党员, 一位同志: "a", not a count */
				i = j;
				continue;
			}
			out->start = approx_word_before(s, i, &approx);
			out->value = v;
			out->approx = approx;
			out->end = j + unit;
			return 1;
		}
		i = j > i ? j : i + 1;
	}
	return 0;
}
