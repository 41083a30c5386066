/* analyze/cnnum.h - numbers as Chinese text writes them, and participant
 * counts. */
#ifndef TL_CNNUM_H
#define TL_CNNUM_H

#include <stddef.h>
#include <stdint.h>

/* Parse a number at the start of s: ASCII digits (with thousands commas
 * and a decimal part before 万/千), Chinese numerals (一千二百, 两千, 十一,
 * 二〇二二), and a trailing 万/千/百/亿 multiplier ("2万", "1.5万"). Returns
 * the number of bytes used, 0 when s does not start with a number. Values
 * that would pass 10^15 are rejected (0). */
size_t tl_cnnum_parse(const char *s, size_t n, int64_t *value);

/* Only the integer digits at s: ASCII digits or the Chinese digits
 * 〇零一二三四五六七八九 read one by one, or a small Chinese numeral with
 * 十 (十一, 二十八). Used for parts of dates. Returns bytes used or 0. */
size_t tl_cnnum_small(const char *s, size_t n, int *value);

/* A count of people: 1000余人次, 约1500名党员, 近2万余名团员, 约千名师生. */
typedef struct {
	int64_t value; /* -1 when none was found */
	int approx; /* 余/多/近/约/逾/超 said the number is not exact */
	size_t start, end; /* byte span of the phrase in the text */
} tl_count;

/* Find the first participant count in s. Counts of things (160余个会场),
 * ages (88岁) and years (70载) are not participants. Returns 1 when one
 * was found, else 0 (and out->value = -1). */
int tl_cnnum_participants(const char *s, size_t n, tl_count *out);

#endif
