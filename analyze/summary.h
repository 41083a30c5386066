/* analyze/summary.h - the figures and lists a report states: key figures of a
 * period, silent and new departments, the activities themselves. */
#ifndef TL_SUMMARY_H
#define TL_SUMMARY_H

#include "store.h"

/* Key figures of a period [from, to] (ISO days, inclusive). */
typedef struct {
	long activities;         /* dated in the period */
	long departments;        /* with at least one activity in it */
	long participants;       /* summed over its activities */
	int participants_approx; /* some count was 余/多/约 */
	long articles;           /* published in the period */
	long views; /* of those articles; -1 when none gave views */
	int parts_min,
	    parts_max; /* part numbers of those articles, 0 if none */
	char *series;  /* the most common series name, NULL if none */
} tl_figures;

int tl_summary_figures(tl_store *s, const char *from, const char *to,
                       int include_external, tl_figures *out, tl_error *err);
void tl_figures_release(tl_figures *f);

typedef struct {
	char **v;
	size_t n;
} tl_names;

void tl_names_release(tl_names *n);

/* Departments on the roster with no activity in the period. */
int tl_summary_silent(tl_store *s, const char *from, const char *to,
                      tl_names *out, tl_error *err);
/* Departments active in the period and never before it. */
int tl_summary_new(tl_store *s, const char *from, const char *to,
                   int include_external, tl_names *out, tl_error *err);

/* One activity as a report lists it. */
typedef struct {
	char date[11];
	char *department, *kind, *sentence, *source;
	int part;          /* the series part of its article, 0 if none */
	long participants; /* -1 none */
	int approx;
} tl_listed;

/* Every activity of the period, by date then department (at most `max`,
 * 0 = all). Free with tl_listed_free. */
int tl_summary_activities(tl_store *s, const char *from, const char *to,
                          const char *department, int include_external,
                          size_t max, tl_listed **out, size_t *n,
                          tl_error *err);
void tl_listed_free(tl_listed *v, size_t n);

/* The ISO days of month "YYYY-MM", and of the month before it. */
int tl_month_range(const char *month, char from[11], char to[11],
                   char prev_from[11], char prev_to[11]);

#endif
