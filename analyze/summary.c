/* analyze/summary.c - SQL for the figures and lists of reports. */
#include "summary.h"
#include "cndate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_EXTERNAL "(?3 OR (a.external = 0 AND d.external = 0))"

static int prep(tl_store *s, sqlite3_stmt **st, const char *sql, tl_error *err)
{
	if (sqlite3_prepare_v2(tl_store_db(s), sql, -1, st, NULL) != SQLITE_OK)
		return tl_store_fail(s, err, "cannot read the database");
	return 0;
}

static void bind_period(sqlite3_stmt *st, const char *from, const char *to,
                        int ext)
{
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, ext);
}

int tl_summary_figures(tl_store *s, const char *from, const char *to, int ext,
                       tl_figures *out, tl_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	memset(out, 0, sizeof(*out));
	out->views = -1;
	if ((rc = prep(s, &st,
	               "SELECT COALESCE(SUM(a.activities), 0), COUNT(DISTINCT "
	               "a.department_id), COALESCE(SUM(a.participants), 0), "
	               "COALESCE(MAX(a.approx), 0) FROM agg_day a JOIN "
	               "department d ON "
	               "d.id = a.department_id WHERE a.date BETWEEN ?1 AND ?2 "
	               "AND " NOT_EXTERNAL,
	               err)))
		return rc;
	bind_period(st, from, to, ext);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->activities = (long)sqlite3_column_int64(st, 0);
		out->departments = (long)sqlite3_column_int64(st, 1);
		out->participants = (long)sqlite3_column_int64(st, 2);
		out->participants_approx = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if ((rc = prep(
	         s, &st,
	         "SELECT COUNT(*), SUM(views), MIN(part), MAX(part), (SELECT "
	         "series FROM article WHERE published BETWEEN ?1 AND ?2 AND "
	         "series <> '' GROUP BY series ORDER BY COUNT(*) DESC, series "
	         "LIMIT 1) FROM article WHERE published BETWEEN ?1 AND ?2",
	         err)))
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->articles = (long)sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			out->views = (long)sqlite3_column_int64(st, 1);
		out->parts_min = sqlite3_column_int(st, 2);
		out->parts_max = sqlite3_column_int(st, 3);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			out->series = tl_xstrdup(
			    (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	return 0;
}

void tl_figures_release(tl_figures *f)
{
	free(f->series);
	f->series = NULL;
}

void tl_names_release(tl_names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	n->v = NULL;
	n->n = 0;
}

static int names_query(tl_store *s, const char *sql, const char *from,
                       const char *to, int ext, tl_names *out, tl_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc, step;
	out->v = NULL;
	out->n = 0;
	if ((rc = prep(s, &st, sql, err)))
		return rc;
	bind_period(st, from, to, ext);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = tl_xrealloc(out->v, cap * sizeof(char *));
		}
		out->v[out->n++] =
		    tl_xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return tl_store_fail(s, err, "cannot read the database");
	return 0;
}

int tl_summary_silent(tl_store *s, const char *from, const char *to,
                      tl_names *out, tl_error *err)
{
	return names_query(
	    s,
	    "SELECT d.name FROM department d WHERE d.in_roster = 1 "
	    "AND d.external = 0 AND ?3 IS NOT NULL AND d.id NOT IN "
	    "(SELECT a.department_id FROM agg_day a WHERE a.external = 0 "
	    "AND a.date BETWEEN ?1 AND ?2) ORDER BY d.id",
	    from, to, 0, out, err);
}

int tl_summary_new(tl_store *s, const char *from, const char *to, int ext,
                   tl_names *out, tl_error *err)
{
	return names_query(
	    s,
	    "SELECT d.name FROM agg_day a JOIN department d ON "
	    "d.id = a.department_id WHERE a.date BETWEEN ?1 AND ?2 "
	    "AND " NOT_EXTERNAL " AND d.id NOT IN (SELECT b.department_id "
	    "FROM agg_day b WHERE b.date < ?1) GROUP BY d.id ORDER BY "
	    "SUM(a.activities) DESC, d.name",
	    from, to, ext, out, err);
}

int tl_summary_activities(tl_store *s, const char *from, const char *to,
                          const char *department, int ext, size_t max,
                          tl_listed **out, size_t *n, tl_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc, step;
	*out = NULL;
	*n = 0;
	if ((rc = prep(
	         s, &st,
	         "SELECT a.date, d.name, COALESCE(a.kind, ''), "
	         "CAST(substr(CAST(tx.text AS BLOB), a.sentence_start + 1, "
	         "a.sentence_end - a.sentence_start) AS TEXT), ar.source, "
	         "COALESCE(ar.part, 0), a.participants, a.participants_approx "
	         "FROM activity a JOIN department d ON d.id = a.department_id "
	         "JOIN article ar ON ar.id = a.article_id JOIN activity_text "
	         "tx "
	         "ON tx.id = a.id WHERE a.date BETWEEN ?1 AND ?2 "
	         "AND " NOT_EXTERNAL
	         " AND (?4 IS NULL OR d.name = ?4) ORDER BY "
	         "a.date, d.name, a.id",
	         err)))
		return rc;
	bind_period(st, from, to, ext);
	if (department)
		sqlite3_bind_text(st, 4, department, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && (!max || *n < max)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = tl_xrealloc(*out, cap * sizeof(tl_listed));
		}
		tl_listed *l = &(*out)[(*n)++];
		snprintf(l->date, sizeof(l->date), "%s",
		         sqlite3_column_text(st, 0));
		l->department =
		    tl_xstrdup((const char *)sqlite3_column_text(st, 1));
		l->kind = tl_xstrdup((const char *)sqlite3_column_text(st, 2));
		const char *sent = (const char *)sqlite3_column_text(st, 3);
		l->sentence = tl_xstrdup(sent ? sent : "");
		l->source =
		    tl_xstrdup((const char *)sqlite3_column_text(st, 4));
		l->part = sqlite3_column_int(st, 5);
		l->participants = sqlite3_column_type(st, 6) == SQLITE_NULL
		                      ? -1
		                      : (long)sqlite3_column_int64(st, 6);
		l->approx = sqlite3_column_int(st, 7);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		return tl_store_fail(s, err, "cannot read the database");
	return 0;
}

void tl_listed_free(tl_listed *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].department);
		free(v[i].kind);
		free(v[i].sentence);
		free(v[i].source);
	}
	free(v);
}

int tl_month_range(const char *month, char from[11], char to[11],
                   char prev_from[11], char prev_to[11])
{
	tl_date a, b;
	if (strlen(month) != 7 || tl_date_parse_loose(month, &a, &b))
		return -1;
	tl_date_format(a, from);
	tl_date_format(b, to);
	tl_date pa = {a.m == 1 ? a.y - 1 : a.y, a.m == 1 ? 12 : a.m - 1, 1};
	tl_date pb = pa;
	pb.d = tl_date_days_in_month(pa.y, pa.m);
	tl_date_format(pa, prev_from);
	tl_date_format(pb, prev_to);
	return 0;
}
