/* analyze/cndate.c - calendar arithmetic and the date phrases of news text. */
#include "cndate.h"
#include "base.h"
#include "cnnum.h"

#include <stdio.h>
#include <string.h>

int tl_date_days_in_month(int y, int m)
{
	static const int DAYS[12] = {31, 28, 31, 30, 31, 30,
	                             31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return DAYS[m - 1];
}

int tl_date_valid(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && d >= 1 &&
	       d <= tl_date_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil. */
long tl_date_to_days(tl_date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

tl_date tl_date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	tl_date d;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int tl_date_parse_iso(const char *s, tl_date *out)
{
	tl_date d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &d.y) || digits(s + 5, 2, &d.m) ||
	    digits(s + 8, 2, &d.d) || !tl_date_valid(d.y, d.m, d.d))
		return -1;
	*out = d;
	return 0;
}

int tl_date_parse_loose(const char *s, tl_date *first, tl_date *last)
{
	tl_date d = {0, 1, 1};
	size_t n = strlen(s);
	if (n == 10 && tl_date_parse_iso(s, &d) == 0) {
		*first = *last = d;
		return 0;
	}
	if (n == 7 && s[4] == '-' && !digits(s, 4, &d.y) &&
	    !digits(s + 5, 2, &d.m) && tl_date_valid(d.y, d.m, 1)) {
		*first = d;
		d.d = tl_date_days_in_month(d.y, d.m);
		*last = d;
		return 0;
	}
	if (n == 4 && !digits(s, 4, &d.y) && tl_date_valid(d.y, 1, 1)) {
		*first = d;
		d.m = 12, d.d = 31;
		*last = d;
		return 0;
	}
	return -1;
}

void tl_date_format(tl_date d, char out[11])
{
	/* By hand: called twice for every stored activity. */
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u,
	         dd = (unsigned)d.d % 100u;
	out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10), out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

tl_date tl_date_monday(tl_date d)
{
	long days = tl_date_to_days(d);
	long wd = ((days % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday */
	return tl_date_from_days(days - wd);
}

void tl_date_iso_week(tl_date d, int *year, int *week)
{
	long days = tl_date_to_days(d);
	long wd = ((days % 7) + 7 + 3) % 7; /* 0 = Monday */
	tl_date thursday = tl_date_from_days(days - wd + 3);
	tl_date jan1 = {thursday.y, 1, 1};
	*year = thursday.y;
	*week =
	    (int)((tl_date_to_days(thursday) - tl_date_to_days(jan1)) / 7 + 1);
}

const char *tl_precision_name(tl_precision p)
{
	switch (p) {
	case TL_PREC_DAY:
		return "day";
	case TL_PREC_SPAN:
		return "span";
	case TL_PREC_MONTH:
		return "month";
	case TL_PREC_APPROX:
		return "approx";
	default:
		return "none";
	}
}

#define at tl_at

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* A number then the unit character: "11月", "十一月", "2022年". */
static size_t number_then(const char *s, size_t n, const char *unit, int *v)
{
	size_t k = tl_cnnum_small(s, n, v);
	if (!k)
		return 0;
	size_t i = skip_spaces(s, n, k);
	size_t u = at(s + i, n - i, unit);
	if (!u && strcmp(unit, "日") == 0)
		u = at(s + i, n - i, "号");
	return u ? i + u : 0;
}

int tl_cndate_header(const char *s, size_t n, tl_date *out, char time[6])
{
	time[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		int y, m, d;
		size_t k, j;
		if (i + 10 <= n && !digits(s + i, 4, &y) &&
		    (s[i + 4] == '-' || s[i + 4] == '/' || s[i + 4] == '.')) {
			char sep = s[i + 4];
			j = i + 5;
			if ((k = tl_cnnum_small(s + j, n - j, &m)) == 0)
				return -1;
			j += k;
			if (j >= n || s[j] != sep)
				return -1;
			j++;
			if ((k = tl_cnnum_small(s + j, n - j, &d)) == 0)
				return -1;
			j += k;
		} else if ((k = number_then(s + i, n - i, "年", &y)) != 0 &&
		           y >= 1000) {
			j = i + k;
			if ((k = number_then(s + j, n - j, "月", &m)) == 0)
				return -1;
			j += k;
			if ((k = number_then(s + j, n - j, "日", &d)) == 0)
				return -1;
			j += k;
		} else {
			return -1;
		}
		if (!tl_date_valid(y, m, d))
			return -1;
		out->y = y, out->m = m, out->d = d;
		j = skip_spaces(s, n, j);
		int hh, mm;
		if (j + 5 <= n && !digits(s + j, 2, &hh) && s[j + 2] == ':' &&
		    !digits(s + j + 3, 2, &mm) && hh < 24 && mm < 60)
			snprintf(time, 6, "%02d:%02d", hh, mm);
		return 0;
	}
	return -1;
}

static int is_numeral_start(const char *s, size_t n)
{
	int v;
	return tl_cnnum_small(s, n, &v) != 0;
}

static int prev_numeral(const char *s, size_t i)
{
	int v;
	if (i == 0)
		return 0;
	if (s[i - 1] >= '0' && s[i - 1] <= '9')
		return 1;
	return i >= 3 && tl_cnnum_small(s + i - 3, 3, &v) == 3;
}

static const char *const VAGUE[] = {"连日来", "近日",   "日前",   "近期",
                                    "近来",   "前不久", "不久前", "最近"};

/* An end day after a start: "至18日", "-18日", "至12月2日", "—5月18日". */
static size_t span_end(const char *s, size_t n, tl_date start, tl_date *end)
{
	size_t i = skip_spaces(s, n, 0), k;
	if (!((k = at(s + i, n - i, "至")) || (k = at(s + i, n - i, "到")) ||
	      (k = at(s + i, n - i, "—")) || (k = at(s + i, n - i, "–")) ||
	      (k = at(s + i, n - i, "～")) || (k = at(s + i, n - i, "-")) ||
	      (k = at(s + i, n - i, "~"))))
		return 0;
	i = skip_spaces(s, n, i + k);
	if (at(s + i, n - i, "—"))
		i += 3; /* a doubled dash */
	tl_date e = start;
	int y, m, d;
	if ((k = number_then(s + i, n - i, "年", &y)) && y >= 1000) {
		i += k;
		e.y = y;
	}
	if ((k = number_then(s + i, n - i, "月", &m))) {
		i += k;
		e.m = m;
		if (e.y == start.y && m < start.m)
			e.y++;
	}
	if (!(k = number_then(s + i, n - i, "日", &d)))
		return 0;
	e.d = d;
	if (!tl_date_valid(e.y, e.m, e.d) ||
	    tl_date_to_days(e) <= tl_date_to_days(start) ||
	    tl_date_to_days(e) - tl_date_to_days(start) > 366)
		return 0;
	*end = e;
	return i + k;
}

/* "14—18日" (the month said before): a span of days in one month. */
static size_t day_range(const char *s, size_t n, int y, int m, tl_datex *out)
{
	int d0;
	size_t i = tl_cnnum_small(s, n, &d0);
	if (!i || !tl_date_valid(y, m, d0))
		return 0;
	tl_date start = {y, m, d0}, end;
	size_t k = span_end(s + i, n - i, start, &end);
	if (!k)
		return 0;
	out->start = start;
	out->end = end;
	out->precision = TL_PREC_SPAN;
	return i + k;
}

/* 上旬/中旬/下旬/月初/月底 after "M月": the span it names, or 0. */
static size_t part_of_month(const char *s, size_t n, int y, int m,
                            tl_datex *out)
{
	size_t k;
	int last = tl_date_days_in_month(y, m), a, b;
	if ((k = at(s, n, "上旬")) || (k = at(s, n, "初")))
		a = 1, b = 10;
	else if ((k = at(s, n, "中旬")))
		a = 11, b = 20;
	else if ((k = at(s, n, "下旬")) || (k = at(s, n, "底")) ||
	         (k = at(s, n, "末")))
		a = 21, b = last;
	else if ((k = at(s, n, "中下旬")))
		a = 11, b = last;
	else
		return 0;
	out->start = (tl_date){y, m, a};
	out->end = (tl_date){y, m, b};
	out->precision = TL_PREC_SPAN;
	return k;
}

/* Try a date phrase starting at s[0]. Returns its length or 0. `explicit`
 * tells whether it named its year. */
static size_t date_at(const char *s, size_t n, tl_date pub, tl_datex *out,
                      int *explicit)
{
	int y = pub.y, m, d;
	size_t i = 0, k;
	*explicit = 0;
	if ((k = number_then(s, n, "年", &y)) && y >= 1000) {
		*explicit = 1;
		i = k;
	} else {
		y = pub.y;
	}
	if (!(k = number_then(s + i, n - i, "月", &m)) || m < 1 || m > 12)
		return 0;
	i += k;
	if (!*explicit) {
		/* A yearless month after the publish month is last year's. */
		tl_date first = {y, m, 1};
		if (tl_date_to_days(first) > tl_date_to_days(pub) + 7)
			y--;
	}
	size_t p = part_of_month(s + i, n - i, y, m, out);
	if (p)
		return i + p;
	if ((k = number_then(s + i, n - i, "日", &d)) == 0) {
		if ((k = day_range(s + i, n - i, y, m, out)))
			return i + k;
		if (!*explicit && !at(s + i, n - i, "份"))
			return 0; /* a bare "11月" is too weak alone */
		out->start = (tl_date){y, m, 1};
		out->end = (tl_date){y, m, tl_date_days_in_month(y, m)};
		out->precision = TL_PREC_MONTH;
		return i + at(s + i, n - i, "份");
	}
	if (!tl_date_valid(y, m, d))
		return 0;
	tl_date start = {y, m, d};
	if (!*explicit && tl_date_to_days(start) > tl_date_to_days(pub) + 7 &&
	    y == pub.y) {
		start.y--;
		if (!tl_date_valid(start.y, m, d))
			return 0;
	}
	i += k;
	out->start = out->end = start;
	out->precision = TL_PREC_DAY;
	tl_date e;
	if ((k = span_end(s + i, n - i, start, &e))) {
		out->end = e;
		out->precision = TL_PREC_SPAN;
		i += k;
	}
	return i;
}

/* Characters that may start something the scanner looks for: 《 》, the
 * first characters of the vague words, Chinese numerals. Everything
 * else is passed over after one decode. */
static int may_start(uint32_t cp)
{
	switch (cp) {
	case 0x300A: /* 《 */
	case 0x300B: /* 》 */
	case 0x8FDE: /* 连 */
	case 0x8FD1: /* 近 */
	case 0x65E5: /* 日 */
	case 0x524D: /* 前 */
	case 0x4E0D: /* 不 */
	case 0x6700: /* 最 */
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
	case 0x4E00:
	case 0x4E8C:
	case 0x4E24:
	case 0x4E09:
	case 0x56DB:
	case 0x4E94:
	case 0x516D:
	case 0x4E03:
	case 0x516B:
	case 0x4E5D:
	case 0x5341: /* 一二两三四五六七八九十 */
		return 1;
	default:
		return cp >= 0xFF10 && cp <= 0xFF19; /* full-width digits */
	}
}

int tl_cndate_find(const char *s, size_t n, tl_date pub, tl_datex *out)
{
	return tl_cndate_find_within(s, n, n, pub, out);
}

int tl_cndate_find_within(const char *s, size_t n, size_t within, tl_date pub,
                          tl_datex *out)
{
	int book = 0; /* inside 《》 */
	long pubdays = tl_date_to_days(pub);
	if (within > n)
		within = n;
	for (size_t i = 0; i < within;) {
		unsigned char c = (unsigned char)s[i];
		size_t k;
		if (c >= 0x80) {
			uint32_t cp;
			int len;
			/* Three bytes, the Chinese case, without the overlong
			 * and surrogate tests: neither is a character a date
			 * starts with, and the two bytes after it would be
			 * passed over one by one all the same. */
			if (tl_utf8_seq3(s + i, n - i, &cp))
				len = 3;
			else
				len = tl_utf8_decode(s + i, n - i, &cp);
			if (len <= 0) {
				i++;
				continue;
			}
			if (!may_start(cp)) {
				i += (size_t)len;
				continue;
			}
			if (cp == 0x300A || cp == 0x300B) {
				book =
				    cp == 0x300A ? book + 1 : book - (book > 0);
				i += (size_t)len;
				continue;
			}
		} else if (c < '0' || c > '9' || book) {
			i++;
			continue;
		}
		if (book) {
			i++;
			continue;
		}
		for (size_t v = 0; v < sizeof(VAGUE) / sizeof(VAGUE[0]); v++) {
			if ((k = at(s + i, n - i, VAGUE[v]))) {
				out->start = out->end = pub;
				out->precision = TL_PREC_APPROX;
				out->pos = i, out->len = k;
				return 1;
			}
		}
		if (!prev_numeral(s, i) && is_numeral_start(s + i, n - i)) {
			int explicit;
			tl_datex dx;
			if ((k = date_at(s + i, n - i, pub, &dx, &explicit))) {
				long days = tl_date_to_days(dx.start);
				/* History and plans are not the activity. */
				if (!explicit || (days <= pubdays + 7 &&
				                  days >= pubdays - 731)) {
					*out = dx;
					out->pos = i, out->len = k;
					return 1;
				}
				i += k;
				continue;
			}
		}
		i++;
	}
	out->start = out->end = pub;
	out->precision = TL_PREC_APPROX;
	out->pos = out->len = 0;
	return 0;
}
