/* analyze/cndate.h - calendar dates and the date phrases of Chinese news text.
 */
#ifndef TL_CNDATE_H
#define TL_CNDATE_H

#include <stddef.h>

typedef struct {
	int y, m, d;
} tl_date;

typedef enum {
	TL_PREC_NONE = 0, /* not set */
	TL_PREC_DAY,      /* one day: 11月10日 */
	TL_PREC_SPAN,     /* several days: 5月14日至18日, 11月上旬 */
	TL_PREC_MONTH,    /* a month: 2022年11月 */
	TL_PREC_APPROX    /* 近日/日前 or no date: the publish date */
} tl_precision;

/* A date phrase found in text. */
typedef struct {
	tl_date start, end; /* end == start unless a span or month */
	tl_precision precision;
	size_t pos, len; /* byte span of the phrase; len 0 if none */
} tl_datex;

int tl_date_valid(int y, int m, int d);
int tl_date_days_in_month(int y, int m);
/* Days since 1970-01-01 and back. */
long tl_date_to_days(tl_date d);
tl_date tl_date_from_days(long days);
/* Parse "YYYY-MM-DD" exactly (a valid date). Returns 0 or -1. */
int tl_date_parse_iso(const char *s, tl_date *out);
/* Also "YYYY-MM" (first day) and "YYYY" (1 January), for --from/--to;
 * *last gets the last day the text covers. */
int tl_date_parse_loose(const char *s, tl_date *first, tl_date *last);
/* "YYYY-MM-DD" into out (11 bytes). */
void tl_date_format(tl_date d, char out[11]);
/* ISO 8601 week: year and week number (1-53); Monday of that week. */
void tl_date_iso_week(tl_date d, int *year, int *week);
tl_date tl_date_monday(tl_date d);
const char *tl_precision_name(tl_precision p);

/* The publish date in an article header: "日期：2022-11-21 09:28",
 * "2022/11/21", "2022年11月16日 10:00". Returns 0 and fills *out (and
 * time "HH:MM" or "" when absent), or -1 when no valid date is there. */
int tl_cndate_header(const char *s, size_t n, tl_date *out, char time[6]);

/* The first date phrase of a paragraph, as DESIGN.md's rules say: full
 * dates, M月D日 with the year taken from `published` (a date more than a
 * week after it belongs to the year before), spans, 上旬/中旬/下旬, months,
 * and 近日-type words (the publish date, approx). Dates inside 《》
 * and dates far from the publish date (history, plans) are passed over.
 * Returns 1 when a phrase was found; otherwise 0 and *out is the publish
 * date with precision TL_PREC_APPROX and len 0. */
int tl_cndate_find(const char *s, size_t n, tl_date published, tl_datex *out);
/* The same, for a date that starts in the first `within` bytes (it may
 * run past them): whether a sentence opens with a date, without reading
 * the rest of it. */
int tl_cndate_find_within(const char *s, size_t n, size_t within,
                          tl_date published, tl_datex *out);

#endif
