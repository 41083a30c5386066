/* analyze/query.c - GROUP BY in SQL, periods folded and zero-filled here. */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *k1, *k2;
	int64_t act, part, hits;
	int approx;
} raw;

typedef struct {
	raw *v;
	size_t n, cap;
} raws;

void tl_query_period_label(tl_axis axis, tl_date d, char out[16])
{
	int y, w;
	switch (axis) {
	case TL_BY_WEEK:
		tl_date_iso_week(d, &y, &w);
		snprintf(out, 16, "%04d-W%02d", y % 10000, w % 100);
		break;
	case TL_BY_MONTH:
		snprintf(out, 16, "%04d-%02d", d.y % 10000, d.m % 100);
		break;
	default:
		tl_date_format(d, out);
		break;
	}
}

/* The SQL for an axis key; `x` is the counted table's alias. */
static void key_sql(tl_buf *b, tl_axis a, const char *x)
{
	switch (a) {
	case TL_BY_DEPARTMENT:
		tl_buf_adds(b, "d.name");
		break;
	case TL_BY_DAY:
	case TL_BY_WEEK:
	case TL_BY_MONTH:
		tl_buf_addf(b, "%s.date", x);
		break;
	case TL_BY_KEYWORD:
		tl_buf_adds(b, "k.term");
		break;
	case TL_BY_KIND:
		tl_buf_addf(b, "COALESCE(NULLIF(%s.kind, ''), '未分类')", x);
		break;
	default:
		tl_buf_adds(b, "''");
	}
}

/* The kept tables' column for an axis (ids for names). */
static void inner_key(tl_buf *b, tl_axis a, tl_axis other, const char *table)
{
	if (a == TL_BY_WEEK &&
	    (other == TL_BY_NONE || tl_str_ends(table, "_week")))
		a = TL_BY_DAY; /* a few thousand days fold faster in C; the
		                  week rows' dates are Mondays already */
	switch (a) {
	case TL_BY_DEPARTMENT:
		tl_buf_adds(b, "x.department_id");
		break;
	case TL_BY_WEEK:
		/* The week's Monday: SQLite groups ~7x fewer rows than days
		 * and the labels are folded from it as from any day. */
		tl_buf_adds(b, "date(x.date, '-' || ((CAST(strftime('%w', "
		               "x.date) AS INTEGER) + 6) % 7) || ' days')");
		break;
	case TL_BY_DAY:
	case TL_BY_MONTH:
		tl_buf_adds(b, "x.date");
		break;
	case TL_BY_KEYWORD:
		tl_buf_adds(b, "x.keyword_id");
		break;
	case TL_BY_KIND:
		tl_buf_adds(b, "x.kind");
		break;
	default:
		tl_buf_adds(b, "''");
	}
}

/* The label of a grouped key: names for ids. */
static void outer_key(tl_buf *b, tl_axis a, const char *k)
{
	switch (a) {
	case TL_BY_DEPARTMENT:
		tl_buf_addf(b, "(SELECT name FROM department WHERE id = %s)",
		            k);
		break;
	case TL_BY_KEYWORD:
		tl_buf_addf(b, "(SELECT term FROM keyword WHERE id = %s)", k);
		break;
	case TL_BY_KIND:
		tl_buf_addf(b, "COALESCE(NULLIF(%s, ''), '未分类')", k);
		break;
	default:
		tl_buf_adds(b, k);
	}
}

/* Map a raw key (an ISO day on date axes) to its label. Rows come
 * grouped by day, so the last day's label is kept in `memo` (key, then
 * label) and reused. */
static char *fold(tl_axis a, const char *key, char memo[2][16])
{
	tl_date d;
	if (!tl_axis_is_date(a))
		return tl_xstrdup(key);
	if (strcmp(memo[0], key) == 0)
		return tl_xstrdup(memo[1]);
	if (strlen(key) >= sizeof(memo[0]) || tl_date_parse_iso(key, &d) != 0)
		return tl_xstrdup(key);
	tl_query_period_label(a, d, memo[1]);
	memcpy(memo[0], key, strlen(key) + 1);
	return tl_xstrdup(memo[1]);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted unique labels. */
typedef struct {
	char **v;
	size_t n, cap;
} labels;

static void labels_add(labels *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = tl_xrealloc(l->v, l->cap * sizeof(char *));
	}
	l->v[l->n++] = (char *)s;
}

static void labels_uniq(labels *l)
{
	if (!l->n)
		return;
	qsort(l->v, l->n, sizeof(char *), cmp_str);
	size_t k = 1;
	for (size_t i = 1; i < l->n; i++)
		if (strcmp(l->v[i], l->v[k - 1]) != 0)
			l->v[k++] = l->v[i];
	l->n = k;
}

static long find_label(const labels *l, const char *s)
{
	char **p = bsearch(&s, l->v, l->n, sizeof(char *), cmp_str);
	return p ? (long)(p - l->v) : -1;
}

/* Every period between first and last (inclusive), as labels kept in
 * `owned` so they can be freed. */
static void fill_periods(labels *l, tl_axis a, tl_date first, tl_date last,
                         labels *owned)
{
	long d0 = tl_date_to_days(first), d1 = tl_date_to_days(last);
	char buf[16], prev[16] = "";
	for (long d = d0; d <= d1 && l->n < 200000; d++) {
		tl_query_period_label(a, tl_date_from_days(d), buf);
		if (strcmp(buf, prev) == 0)
			continue;
		snprintf(prev, sizeof(prev), "%s", buf);
		char *s = tl_xstrdup(buf);
		labels_add(owned, s);
		labels_add(l, s);
	}
}

static int has_axis(const tl_query *q, tl_axis a)
{
	return q->rows == a || q->cols == a;
}

/* The kept table a count reads: keyword rows when keywords are counted,
 * else the day rows of all kinds together; month rows when no axis is
 * finer than a month and any bounds fall on month edges, week rows
 * likewise for weeks (Monday to Sunday). NULL: kinds by day, which only
 * the activities know (no table keeps them per day). */
static const char *kept_table(const tl_query *q, tl_date from, tl_date to)
{
	int kw = has_axis(q, TL_BY_KEYWORD);
	const char *days = kw                        ? "agg_kw"
	                   : has_axis(q, TL_BY_KIND) ? NULL
	                                             : "agg_day";
	if (has_axis(q, TL_BY_DAY))
		return days;
	if (!has_axis(q, TL_BY_WEEK) && (!q->from || from.d == 1) &&
	    (!q->to || to.d == tl_date_days_in_month(to.y, to.m)))
		return kw ? "agg_kw_month" : "agg_month";
	if (!has_axis(q, TL_BY_MONTH) &&
	    (!q->from ||
	     tl_date_to_days(tl_date_monday(from)) == tl_date_to_days(from)) &&
	    (!q->to ||
	     tl_date_to_days(tl_date_monday(to)) + 6 == tl_date_to_days(to)))
		return kw ? "agg_kw_week" : "agg_week";
	return days;
}

static int run_sql(tl_store *store, const tl_query *q, raws *out, tl_error *err)
{
	tl_buf sql = TL_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = 0, bind = 1;
	int kwjoin = q->rows == TL_BY_KEYWORD || q->cols == TL_BY_KEYWORD;
	tl_date f0 = {0, 0, 0}, f1, t0, t1 = {0, 0, 0};
	if (q->from && tl_date_parse_loose(q->from, &f0, &f1))
		return tl_error_set(err, TL_EUSAGE,
		                    "bad --from date '%s' (want YYYY-MM-DD, "
		                    "YYYY-MM or YYYY)",
		                    q->from);
	if (q->to && tl_date_parse_loose(q->to, &t0, &t1))
		return tl_error_set(err, TL_EUSAGE,
		                    "bad --to date '%s' (want YYYY-MM-DD, "
		                    "YYYY-MM or YYYY)",
		                    q->to);
	/* Counts come from the kept tables (thousands of rows) unless
	 * keywords are crossed with kinds, or kinds are counted by day: only
	 * the activities know those. */
	const char *table = kept_table(q, f0, t1);
	int from_activities =
	    !table ||
	    (kwjoin && (q->rows == TL_BY_KIND || q->cols == TL_BY_KIND));
	if (from_activities) {
		tl_buf_adds(&sql, "SELECT ");
		key_sql(&sql, q->rows, kwjoin ? "g" : "a");
		tl_buf_adds(&sql, ", ");
		key_sql(&sql, q->cols, kwjoin ? "g" : "a");
		if (kwjoin)
			/* Keywords by kind: the activities grouped by kind and
			 * keywords column first (a few hundred groups), then
			 * each group's keywords read once: an activity names a
			 * keyword once, so the group's size counts it (0.48 s
			 * at 100k, where a row a hit took 1.9 s). */
			tl_buf_adds(
			    &sql,
			    ", SUM(g.n), SUM(g.p), SUM(h.value * g.n), "
			    "MAX(g.ap) FROM (SELECT a.kind AS kind, "
			    "a.keywords AS keywords, COUNT(*) AS n, "
			    "SUM(a.participants) AS p, MAX(CASE WHEN "
			    "a.participants IS NOT NULL THEN "
			    "a.participants_approx ELSE 0 END) AS ap FROM "
			    "activity a JOIN department d ON d.id = "
			    "a.department_id WHERE a.keywords IS NOT NULL ");
		else /* kinds by day: the activities, by the date index */
			tl_buf_adds(
			    &sql,
			    ", COUNT(*), SUM(a.participants), SUM(a.hits), "
			    "MAX(CASE WHEN a.participants IS NOT NULL THEN "
			    "a.participants_approx ELSE 0 END) FROM "
			    "activity a JOIN department d ON d.id = "
			    "a.department_id WHERE 1 ");
		if (!q->include_external)
			tl_buf_adds(&sql,
			            "AND a.external = 0 AND d.external = 0 ");
		if (q->from)
			tl_buf_addf(&sql, "AND a.date >= ?%d ", bind++);
		if (q->to)
			tl_buf_addf(&sql, "AND a.date <= ?%d ", bind++);
		if (q->department)
			tl_buf_addf(&sql, "AND d.name = ?%d ", bind++);
		if (kwjoin)
			tl_buf_adds(&sql,
			            "GROUP BY 1, 2) g, json_each(g.keywords) h "
			            "JOIN keyword k ON k.id = CAST(h.key AS "
			            "INTEGER) ");
		tl_buf_adds(&sql, "GROUP BY 1, 2");
	} else {
		/* Group the kept counts by ids (integers group fast), then
		 * name the few groups. */
		tl_buf_adds(&sql, "SELECT ");
		outer_key(&sql, q->rows, "g.k1");
		tl_buf_adds(&sql, ", ");
		outer_key(&sql, q->cols, "g.k2");
		tl_buf_adds(&sql, ", g.a, g.p, g.h, g.ap FROM (SELECT ");
		inner_key(&sql, q->rows, q->cols, table);
		tl_buf_adds(&sql, " AS k1, ");
		inner_key(&sql, q->cols, q->rows, table);
		tl_buf_addf(
		    &sql,
		    " AS k2, SUM(x.activities) AS a, SUM(x.participants) "
		    "AS p, SUM(x.hits) AS h, MAX(x.approx) AS ap FROM %s x "
		    "WHERE 1 ",
		    table);
		if (!q->include_external)
			tl_buf_adds(&sql,
			            "AND x.external = 0 AND x.department_id "
			            "NOT IN (SELECT id FROM department WHERE "
			            "external = 1) ");
		if (q->from)
			tl_buf_addf(&sql, "AND x.date >= ?%d ", bind++);
		if (q->to)
			tl_buf_addf(&sql, "AND x.date <= ?%d ", bind++);
		if (q->department)
			tl_buf_addf(&sql,
			            "AND x.department_id = (SELECT id FROM "
			            "department WHERE name = ?%d) ",
			            bind++);
		/* Date first: the kept tables' key order, so SQLite groups
		 * as it reads instead of sorting every row first. */
		tl_buf_adds(&sql, tl_axis_is_date(q->cols) &&
		                          !tl_axis_is_date(q->rows)
		                      ? "GROUP BY 2, 1) g"
		                      : "GROUP BY 1, 2) g");
	}
	if (sqlite3_prepare_v2(tl_store_db(store), sql.buf, -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = tl_store_fail(store, err, "cannot count");
		goto done;
	}
	char from[11], to[11];
	bind = 1;
	if (q->from) {
		tl_date_format(f0, from);
		sqlite3_bind_text(st, bind++, from, -1, SQLITE_STATIC);
	}
	if (q->to) {
		tl_date_format(t1, to);
		sqlite3_bind_text(st, bind++, to, -1, SQLITE_STATIC);
	}
	if (q->department)
		sqlite3_bind_text(st, bind++, q->department, -1, SQLITE_STATIC);
	int step;
	char memo[2][2][16] = {{"", ""}, {"", ""}};
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->v = tl_xrealloc(out->v, out->cap * sizeof(raw));
		}
		raw *r = &out->v[out->n++];
		const char *k1 = (const char *)sqlite3_column_text(st, 0);
		const char *k2 = (const char *)sqlite3_column_text(st, 1);
		r->k1 = fold(q->rows, k1 ? k1 : "", memo[0]);
		r->k2 = fold(q->cols, k2 ? k2 : "", memo[1]);
		r->act = sqlite3_column_int64(st, 2);
		r->part = sqlite3_column_int64(st, 3);
		r->hits = sqlite3_column_int64(st, 4);
		r->approx = sqlite3_column_int(st, 5);
	}
	if (step != SQLITE_DONE)
		rc = tl_store_fail(store, err, "cannot count");
done:
	sqlite3_finalize(st);
	tl_buf_release(&sql);
	return rc;
}

/* The days a period label covers: 2022-11-10, 2022-W45, 2022-11. */
int tl_period_bounds(const char *label, tl_date *first, tl_date *last)
{
	int y, w;
	char tail;
	if (tl_date_parse_loose(label, first, last) == 0)
		return 0;
	if (sscanf(label, "%4d-W%2d%c", &y, &w, &tail) == 2 && w >= 1 &&
	    w <= 53) {
		tl_date jan4 = {y, 1, 4};
		long monday =
		    tl_date_to_days(tl_date_monday(jan4)) + 7L * (w - 1);
		*first = tl_date_from_days(monday);
		*last = tl_date_from_days(monday + 6);
		return 0;
	}
	return -1;
}

/* Labels of one axis: the keys seen, plus empty periods when asked. */
static void axis_labels(labels *l, labels *owned, tl_axis a, const raws *rw,
                        int second, const tl_query *q)
{
	for (size_t i = 0; i < rw->n; i++)
		labels_add(l, second ? rw->v[i].k2 : rw->v[i].k1);
	if (tl_axis_is_date(a) && q->zero_fill) {
		tl_date lo, hi, x, y;
		int have_lo = 0, have_hi = 0;
		if (q->from && !tl_date_parse_loose(q->from, &x, &y))
			lo = x, have_lo = 1;
		if (q->to && !tl_date_parse_loose(q->to, &x, &y))
			hi = y, have_hi = 1;
		for (size_t i = 0; i < l->n; i++) {
			if (tl_period_bounds(l->v[i], &x, &y))
				continue;
			if (!(have_lo & 1) &&
			    (!have_lo ||
			     tl_date_to_days(x) < tl_date_to_days(lo)))
				lo = x, have_lo = 2;
			if (!(have_hi & 1) &&
			    (!have_hi ||
			     tl_date_to_days(y) > tl_date_to_days(hi)))
				hi = y, have_hi = 2;
		}
		if (have_lo && have_hi)
			fill_periods(l, a, lo, hi, owned);
	}
	labels_uniq(l);
}

typedef struct {
	const char *label;
	int64_t total;
	size_t index;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* Reorder rows (or columns) of a non-date axis by their totals. */
static void rank(tl_table *t, int cols)
{
	size_t n = cols ? t->ncols : t->nrows, m = cols ? t->nrows : t->ncols;
	ranked *r = tl_xmalloc((n + 1) * sizeof(ranked));
	for (size_t i = 0; i < n; i++) {
		r[i].label = cols ? t->cols[i] : t->rows[i];
		r[i].index = i;
		r[i].total = 0;
		for (size_t j = 0; j < m && (cols || j < 1); j++)
			r[i].total += cols ? tl_table_get(t, j, i)
			                   : tl_table_get(t, i, j);
	}
	if (!cols && t->col_axis != TL_BY_NONE)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 1; j < m; j++)
				r[i].total += tl_table_get(t, i, j);
	qsort(r, n, sizeof(ranked), cmp_ranked);
	int64_t *v = tl_xmalloc((t->nrows * t->ncols + 1) * sizeof(int64_t));
	unsigned char *ap = tl_xmalloc(t->nrows * t->ncols + 1);
	char **lab = tl_xmalloc((n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		lab[i] = cols ? t->cols[r[i].index] : t->rows[r[i].index];
		for (size_t j = 0; j < m; j++) {
			size_t src = cols ? j * t->ncols + r[i].index
			                  : r[i].index * t->ncols + j;
			size_t dst = cols ? j * t->ncols + i : i * t->ncols + j;
			v[dst] = t->v[src];
			ap[dst] = t->approx[src];
		}
	}
	memcpy(cols ? t->cols : t->rows, lab, n * sizeof(char *));
	free(lab);
	free(t->v);
	free(t->approx);
	t->v = v;
	t->approx = ap;
	free(r);
}

int tl_query_run(tl_table **out, tl_store *store, const tl_query *q,
                 tl_error *err)
{
	raws rw = {NULL, 0, 0};
	labels rl = {NULL, 0, 0}, cl = {NULL, 0, 0}, owned = {NULL, 0, 0};
	char *canon = NULL;
	tl_query qq = *q;
	int rc;
	*out = NULL;
	if (q->department) {
		if ((rc = tl_query_department(store, q->department, &canon,
		                              err)))
			return rc;
		qq.department = canon;
	}
	if ((rc = run_sql(store, &qq, &rw, err)))
		goto done;
	axis_labels(&rl, &owned, qq.rows, &rw, 0, &qq);
	static const char *const MEAS[] = {"activities", "participants",
	                                   "hits"};
	if (qq.cols == TL_BY_NONE) {
		for (size_t i = 0; i < 3; i++)
			labels_add(&cl, MEAS[i]);
	} else {
		axis_labels(&cl, &owned, qq.cols, &rw, 1, &qq);
	}
	tl_table *t = tl_table_new(qq.rows, qq.cols, (const char *const *)rl.v,
	                           rl.n, (const char *const *)cl.v, cl.n);
	for (size_t i = 0; i < rw.n; i++) {
		const raw *r = &rw.v[i];
		long ri = find_label(&rl, r->k1);
		if (ri < 0)
			continue;
		if (qq.cols == TL_BY_NONE) {
			*tl_table_cell(t, (size_t)ri, 0) += r->act;
			*tl_table_cell(t, (size_t)ri, 1) += r->part;
			*tl_table_cell(t, (size_t)ri, 2) += r->hits;
			t->approx[(size_t)ri * t->ncols + 1] |=
			    (unsigned char)r->approx;
		} else {
			long ci = find_label(&cl, r->k2);
			if (ci < 0)
				continue;
			int64_t v = qq.measure == TL_MEASURE_PARTICIPANTS
			                ? r->part
			            : qq.measure == TL_MEASURE_HITS ? r->hits
			                                            : r->act;
			*tl_table_cell(t, (size_t)ri, (size_t)ci) += v;
			if (qq.measure == TL_MEASURE_PARTICIPANTS)
				t->approx[(size_t)ri * t->ncols + (size_t)ci] |=
				    (unsigned char)r->approx;
		}
	}
	if (!tl_axis_is_date(qq.rows))
		rank(t, 0);
	if (qq.cols != TL_BY_NONE && !tl_axis_is_date(qq.cols))
		rank(t, 1);
	*out = t;
done:
	for (size_t i = 0; i < rw.n; i++) {
		free(rw.v[i].k1);
		free(rw.v[i].k2);
	}
	free(rw.v);
	for (size_t i = 0; i < owned.n; i++)
		free(owned.v[i]);
	free(owned.v);
	free(rl.v);
	free(cl.v);
	free(canon);
	return rc;
}

int tl_query_department(tl_store *store, const char *name, char **canonical,
                        tl_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	*canonical = NULL;
	if (sqlite3_prepare_v2(tl_store_db(store),
	                       "SELECT name FROM department WHERE name = ?1 "
	                       "UNION ALL SELECT d.name FROM alias a JOIN "
	                       "department d ON d.id = a.department_id WHERE "
	                       "a.alias = ?1 LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return tl_store_fail(store, err, "cannot look up department");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*canonical =
		    tl_xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (step == SQLITE_DONE)
		rc =
		    tl_error_set(err, TL_ENOTFOUND, "no department '%s'", name);
	else
		rc = tl_store_fail(store, err, "cannot look up department");
	sqlite3_finalize(st);
	return rc;
}
