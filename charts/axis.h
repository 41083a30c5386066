/* charts/axis.h - nice ticks, number and date labels, colours. */
#ifndef TL_AXIS_H
#define TL_AXIS_H

#include "../analyze/table.h"

#include <stddef.h>
#include <stdint.h>

/* Ticks 0, step, 2*step ... up to top >= max, with step 1, 2 or 5 times a
 * power of ten, about `want` of them. max <= 0 gives 0..1 (one step). */
typedef struct {
	double step, top;
	int count; /* ticks including 0 */
} tl_ticks;

tl_ticks tl_ticks_nice(double max, int want);

/* 12345 -> "12,345". */
void tl_format_int(int64_t v, char *out, size_t n);

/* A period label (2022-11-10, 2022-W45, 2022-11) for people: brief 1
 * short (on an axis: 11/10), 2 short with the year (2022/11/10), 0 long
 * (in a title), Chinese unless english. */
void tl_format_period(tl_axis axis, const char *label, int english, int brief,
                      char *out, size_t n);

/* The brief form an axis of these labels wants: 2 (with the year) when
 * they span more than one year, else 1. */
int tl_period_brief(tl_axis axis, const char *const *labels, size_t n);

/* Every how many labels to show so that labels of width `label_w` fit
 * into `avail` for n slots (1 = all). */
int tl_label_every(size_t n, double label_w, double avail);

/* Colours. */
typedef struct {
	double r, g, b;
} tl_rgb;

/* Okabe-Ito, for categories: 0..7, then round again. */
tl_rgb tl_okabe_ito(size_t i);
/* Viridis at t in [0, 1]. */
tl_rgb tl_viridis(double t);
/* Black or white, whichever reads on background c. */
tl_rgb tl_text_on(tl_rgb c);

/* One colour per category name across every chart of a run: the first
 * names given (the largest) get the Okabe-Ito colours in order; names
 * seen later get the next free one; "其他"/"other" is grey. */
typedef struct tl_colormap tl_colormap;
tl_colormap *tl_colormap_new(void);
void tl_colormap_free(tl_colormap *m);
tl_rgb tl_colormap_get(tl_colormap *m, const char *name);

#endif
