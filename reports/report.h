/* reports/report.h - the monthly summary and the department comparison as PDF
 * (and PNG pages). */
#ifndef TL_REPORT_H
#define TL_REPORT_H

#include "../analyze/store.h"

typedef struct {
	int english;          /* report text in English, not Chinese */
	int include_external; /* count units of other institutions too */
	size_t appendix_max;  /* list at most this many activities (0: all) */
	const char *pdf;      /* the PDF to write, or NULL */
	const char *png_dir; /* also (or only) each page as PNG here, or NULL */
} tl_report_opts;

#define TL_REPORT_OPTS_INIT                                                    \
	{                                                                      \
		0, 0, 300, NULL, NULL                                          \
	}

/* The month "YYYY-MM": cover with key figures against the month before,
 * silent and new departments, contents; timeline and calendar; ranking
 * chart and table; keywords; department x week; kinds; the activities.
 * *pages gets the page count. */
int tl_report_monthly(tl_store *store, const char *month,
                      const tl_report_opts *o, int *pages, tl_error *err);

/* Departments side by side over [from, to] (NULL: all dates): key figures
 * and ranks, timelines on one axis and as small multiples on a shared
 * scale, profiles of kinds and keywords as shares. */
int tl_report_compare(tl_store *store, const char *const *departments, size_t n,
                      const char *from, const char *to, const tl_report_opts *o,
                      int *pages, tl_error *err);

#endif
