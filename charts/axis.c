/* charts/axis.c - ticks, labels and colours shared by every chart. */
#include "axis.h"
#include "../analyze/base.h"
#include "../analyze/cndate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tl_ticks tl_ticks_nice(double max, int want)
{
	tl_ticks t;
	if (want < 2)
		want = 2;
	if (!(max > 0)) {
		t.step = 1;
		t.top = 1;
		t.count = 2;
		return t;
	}
	double raw = max / want;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag, step;
	if (f <= 1)
		step = 1;
	else if (f <= 2)
		step = 2;
	else if (f <= 5)
		step = 5;
	else
		step = 10;
	step *= mag;
	if (step < 1)
		step = 1; /* counts are whole numbers */
	t.step = step;
	t.count = (int)ceil(max / step - 1e-9) + 1;
	t.top = step * (t.count - 1);
	return t;
}

void tl_format_int(int64_t v, char *out, size_t n)
{
	char digits[32];
	int neg = v < 0;
	uint64_t u = neg ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)u);
	size_t len = strlen(digits), o = 0;
	if (neg && o + 1 < n)
		out[o++] = '-';
	for (size_t i = 0; i < len && o + 1 < n; i++) {
		out[o++] = digits[i];
		size_t left = len - i - 1;
		if (left && left % 3 == 0 && o + 1 < n)
			out[o++] = ',';
	}
	out[o] = '\0';
}

static const char *const MONTHS_EN[] = {"Jan", "Feb", "Mar", "Apr",
                                        "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec"};

/* A day (or the week starting on it) as a person reads it; brief 2 is
 * short but with the year. */
static void day_label(int y, int m, int d, int week, int english, int brief,
                      char *out, size_t n)
{
	int year = brief == 2;
	if (english)
		snprintf(out, n,
		         !brief ? (week ? "week of %s %d, %d" : "%s %d, %d")
		         : year ? "%s %d '%02d"
		                : "%s %d",
		         MONTHS_EN[m - 1], d, !brief ? y : y % 100);
	else if (!brief)
		snprintf(out, n, week ? "%d年%d月%d日当周" : "%d年%d月%d日", y,
		         m, d);
	else if (year)
		snprintf(out, n, "%d/%d/%d", y, m, d);
	else
		snprintf(out, n, "%d/%d", m, d);
}

void tl_format_period(tl_axis axis, const char *label, int english, int brief,
                      char *out, size_t n)
{
	int y, m, d, w;
	char tail;
	/* brief 2: short, but with the year, for axes that span years */
	int year = brief == 2;
	if (axis == TL_BY_WEEK &&
	    sscanf(label, "%d-W%d%c", &y, &w, &tail) == 2) {
		/* A week is shown by its Monday: dates as dates. */
		tl_date jan4 = {y, 1, 4};
		tl_date mon = tl_date_from_days(
		    tl_date_to_days(tl_date_monday(jan4)) + 7L * (w - 1));
		day_label(mon.y, mon.m, mon.d, 1, english, brief, out, n);
		return;
	}
	if (sscanf(label, "%d-%d-%d", &y, &m, &d) == 3 && m >= 1 && m <= 12) {
		day_label(y, m, d, 0, english, brief, out, n);
		return;
	}
	if (sscanf(label, "%d-%d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12) {
		if (english)
			snprintf(out, n, brief && !year ? "%s" : "%s %d",
			         MONTHS_EN[m - 1], y);
		else if (brief && !year)
			snprintf(out, n, "%d月", m);
		else
			snprintf(out, n, "%d年%d月", y, m);
		return;
	}
	snprintf(out, n, "%s", label);
}

int tl_period_brief(tl_axis axis, const char *const *labels, size_t n)
{
	if (n < 2 || !tl_axis_is_date(axis))
		return 1;
	return strncmp(labels[0], labels[n - 1], 4) != 0 ? 2 : 1;
}

int tl_label_every(size_t n, double label_w, double avail)
{
	if (n == 0 || avail <= 0)
		return 1;
	double slot = avail / (double)n;
	int every = (int)ceil((label_w * 1.2) / slot);
	if (every < 1)
		every = 1;
	/* Prefer steps a reader counts in. */
	static const int NICE[] = {1,  2,  3,  4,  5,  7, 10,
	                           14, 15, 20, 28, 30, 50};
	for (size_t i = 0; i < sizeof(NICE) / sizeof(NICE[0]); i++)
		if (NICE[i] >= every)
			return NICE[i];
	return every;
}

tl_rgb tl_okabe_ito(size_t i)
{
	/* Okabe-Ito, ordered so that the first colours read best as lines
	 * on white; yellow comes last. */
	static const tl_rgb C[] = {
	    {0.000, 0.447, 0.698}, /* blue */
	    {0.902, 0.624, 0.000}, /* orange */
	    {0.000, 0.620, 0.451}, /* bluish green */
	    {0.835, 0.369, 0.000}, /* vermillion */
	    {0.800, 0.475, 0.655}, /* reddish purple */
	    {0.337, 0.706, 0.914}, /* sky blue */
	    {0.000, 0.000, 0.000}, /* black */
	    {0.941, 0.894, 0.259}, /* yellow */
	};
	return C[i % 8];
}

tl_rgb tl_viridis(double t)
{
	/* Viridis sampled at 9 stops, interpolated linearly. */
	static const tl_rgb S[] = {
	    {0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530},
	    {0.207, 0.372, 0.553}, {0.164, 0.471, 0.558}, {0.128, 0.567, 0.551},
	    {0.135, 0.659, 0.518}, {0.267, 0.749, 0.441}, {0.478, 0.821, 0.318},
	    {0.741, 0.873, 0.150}, {0.993, 0.906, 0.144}};
	const int n = (int)(sizeof(S) / sizeof(S[0]));
	if (!(t > 0))
		return S[0];
	if (t >= 1)
		return S[n - 1];
	double x = t * (n - 1);
	int i = (int)x;
	double f = x - i;
	tl_rgb c = {S[i].r + (S[i + 1].r - S[i].r) * f,
	            S[i].g + (S[i + 1].g - S[i].g) * f,
	            S[i].b + (S[i + 1].b - S[i].b) * f};
	return c;
}

tl_rgb tl_text_on(tl_rgb c)
{
	double lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
	tl_rgb black = {0.1, 0.1, 0.1}, white = {1, 1, 1};
	return lum > 0.45 ? black : white;
}

struct tl_colormap {
	char **names;
	size_t n, cap;
};

tl_colormap *tl_colormap_new(void)
{
	return tl_xcalloc(1, sizeof(tl_colormap));
}

void tl_colormap_free(tl_colormap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->names[i]);
	free(m->names);
	free(m);
}

tl_rgb tl_colormap_get(tl_colormap *m, const char *name)
{
	tl_rgb grey = {0.6, 0.6, 0.6};
	if (strcmp(name, "其他") == 0 || strcmp(name, "other") == 0)
		return grey;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->names[i], name) == 0)
			return tl_okabe_ito(i);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->names = tl_xrealloc(m->names, m->cap * sizeof(char *));
	}
	m->names[m->n] = tl_xstrdup(name);
	return tl_okabe_ito(m->n++);
}
