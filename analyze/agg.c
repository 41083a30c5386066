/* analyze/agg.c - an in-memory map of counts, flushed into SQLite at commit. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "agg.h"
#include "cndate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One cache line a cell (the table is aligned to them): a probe that
 * misses the cache costs one line, not two. */
typedef struct {
	char date[11];
	unsigned char used, external, approx;
	int64_t dept, keyword;
	const char *kind; /* one of the map's kinds (intern) */
	int64_t activities, participants, hits;
} cell;
_Static_assert(sizeof(cell) <= 64, "a cell fits a cache line");

/* A key as the map holds it: the day NUL-padded, the kind interned ("" for
 * keyword cells), external 0 or 1; and its hash. */
typedef struct {
	char day[11];
	int64_t dept, keyword;
	int external;
	const char *kind;
	uint64_t h;
} key;

/* An add waiting its turn: AGG_AHEAD adds are held back, each cell
 * prefetched when its add comes in and updated AGG_AHEAD adds later, by
 * when it is in the cache (the first probe of the map was a cache miss,
 * 84 % of the map's time). */
#define AGG_AHEAD 16

/* A flush at the limit goes to a run (below) when more than one cell in
 * RUN_LATE is for a day a month or more before the latest already
 * written. */
#define RUN_LATE 4
typedef struct {
	key k;
	int64_t participants, hits;
	int approx;
} pending;

struct tl_agg {
	cell *v;
	size_t n, cap; /* open addressing, cap a power of two */
	/* Where the used cells are in v, as made (n of them): a flush reads
	 * and clears them, not the whole table (8 MB at the limit for some
	 * 49k cells, eight times in a 100k ingest). */
	uint32_t *used;
	/* Each kind's text once: cells point at it, so keys compare and
	 * hash by pointer. */
	char **kinds;
	size_t nkinds;
	const char *last;         /* the kind (not "") added last */
	const char *empty;        /* "", the kind of keyword cells */
	pending ahead[AGG_AHEAD]; /* a ring: oldest at head */
	size_t head, nahead;
	/* The map the coarser tables are summed in at a flush, kept from
	 * one to the next with its table grown (NULL until the first). */
	struct tl_agg *coarse;
	/* Parts of the map that went to sorted runs in a temporary file
	 * (fd, -1 until the first) instead of the tables: see
	 * tl_agg_spill. */
	int fd;
	struct run *runs;
	size_t nruns;
	off_t end;       /* the file's runs end here */
	uint64_t hi;     /* the latest day (day_number) written to tables */
	int wrote;       /* rows went to the tables since the last flush */
	size_t nspilled; /* runs written since the map was made */
};

tl_agg *tl_agg_new(void)
{
	tl_agg *g = tl_xcalloc(1, sizeof(tl_agg));
	g->fd = -1;
	return g;
}

static void runs_end(tl_agg *g);

void tl_agg_clear(tl_agg *g)
{
	runs_end(g);
	g->head = g->nahead = 0;
	free(g->v);
	free(g->used);
	g->v = NULL;
	g->used = NULL;
	g->n = g->cap = 0;
	for (size_t i = 0; i < g->nkinds; i++)
		free(g->kinds[i]);
	free(g->kinds);
	g->kinds = NULL;
	g->nkinds = 0;
	g->last = g->empty = NULL;
}

/* The map's copy of kind (a few distinct kinds; "" and the last other
 * one first: an activity's adds are its kind's, then its keywords'). */
static const char *intern(tl_agg *g, const char *kind)
{
	if (!kind[0] && g->empty)
		return g->empty;
	if (g->last && strcmp(g->last, kind) == 0)
		return g->last;
	const char *k = NULL;
	for (size_t i = 0; i < g->nkinds && !k; i++)
		if (strcmp(g->kinds[i], kind) == 0)
			k = g->kinds[i];
	if (!k) {
		g->kinds =
		    tl_xrealloc(g->kinds, (g->nkinds + 1) * sizeof(char *));
		k = g->kinds[g->nkinds++] = tl_xstrdup(kind);
	}
	return *k ? (g->last = k) : (g->empty = k);
}

/* The place of an interned kind among the map's kinds. */
static size_t kind_index(const tl_agg *g, const char *kind)
{
	for (size_t i = 0; i < g->nkinds; i++)
		if (g->kinds[i] == kind)
			return i;
	return 0; /* not reached: every cell's kind is the map's */
}

size_t tl_agg_cells(const tl_agg *g)
{
	return g ? g->n + g->nahead : 0;
}

void tl_agg_free(tl_agg *g)
{
	if (!g)
		return;
	tl_agg_clear(g);
	tl_agg_free(g->coarse);
	if (g->fd >= 0)
		close(g->fd);
	free(g);
}

/* A word at a time (multiply and fold): no key string is built per
 * activity, and no byte-by-byte loop over the parts that are numbers. */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

static uint64_t hash(const char *date, int64_t dept, int external,
                     int64_t keyword, const char *kind)
{
	uint64_t a = 0, b = 0, h = 0x243F6A8885A308D3ULL;
	memcpy(&a, date, 8); /* YYYY-MM- */
	memcpy(&b, date + 8, 2);
	h = mix(h, a);
	h = mix(h, b ^ (uint64_t)external << 32);
	h = mix(h, (uint64_t)dept);
	h = mix(h, (uint64_t)keyword);
	return mix(h, (uint64_t)(uintptr_t)kind); /* interned */
}

static int same(const cell *c, const char *date, int64_t dept, int external,
                int64_t keyword, const char *kind)
{
	return c->dept == dept && c->external == external &&
	       c->keyword == keyword && memcmp(c->date, date, 10) == 0 &&
	       c->kind == kind; /* both interned */
}

/* n empty cells on cache-line boundaries, zeroed by writing (see
 * tl_xzalloc). */
static cell *cells_new(size_t n)
{
	cell *v = tl_xaligned(64, tl_size_mul(n, sizeof(cell)));
	memset(v, 0, n * sizeof(cell));
	return v;
}

/* Double the table (cells stay in the order they were made). */
static void grow(tl_agg *g)
{
	cell *old = g->v;
	g->cap = g->cap ? g->cap * 2 : 4096;
	g->v = cells_new(g->cap);
	/* At most half full: room for every cell slot() may make. */
	g->used = tl_xrealloc(g->used, (g->cap / 2 + 1) * sizeof(uint32_t));
	for (size_t k = 0; k < g->n; k++) {
		const cell *c = &old[g->used[k]];
		size_t j = (size_t)hash(c->date, c->dept, c->external,
		                        c->keyword, c->kind) &
		           (g->cap - 1);
		while (g->v[j].used)
			j = (j + 1) & (g->cap - 1);
		g->v[j] = *c;
		g->used[k] = (uint32_t)j;
	}
	free(old);
}

/* Empty the cells, keeping the table and the kinds. */
static void cells_clear(tl_agg *g)
{
	for (size_t k = 0; k < g->n; k++)
		memset(&g->v[g->used[k]], 0, sizeof(cell));
	g->n = 0;
}

static void key_make(tl_agg *g, key *k, const char *date, int64_t dept,
                     const char *kind, int external, int64_t keyword)
{
	memset(k->day, 0, sizeof(k->day));
	memcpy(k->day, date, strnlen(date, 10));
	k->dept = dept;
	k->keyword = keyword;
	k->external = external != 0;
	k->kind = intern(g, !kind || keyword >= 0 ? "" : kind);
	k->h = hash(k->day, dept, k->external, keyword, k->kind);
}

/* The cell of a key, made (with zero counts) when new. */
static cell *slot(tl_agg *g, const key *k)
{
	if ((g->n + 1) * 2 > g->cap)
		grow(g);
	size_t i = (size_t)k->h & (g->cap - 1);
	while (g->v[i].used && !same(&g->v[i], k->day, k->dept, k->external,
	                             k->keyword, k->kind))
		i = (i + 1) & (g->cap - 1);
	cell *c = &g->v[i];
	if (!c->used) {
		c->used = 1;
		memcpy(c->date, k->day, 11);
		c->dept = k->dept;
		c->keyword = k->keyword;
		c->external = (unsigned char)k->external;
		c->kind = k->kind;
		g->used[g->n++] = (uint32_t)i;
	}
	return c;
}

/* from's counts added to to's. */
static void cell_add(cell *to, const cell *from)
{
	to->activities += from->activities;
	to->participants += from->participants;
	to->approx |= from->approx;
	to->hits += from->hits;
}

/* Count a waiting add into its cell. */
static void apply(tl_agg *g, const pending *p)
{
	cell *c = slot(g, &p->k);
	c->activities++;
	if (p->participants >= 0) {
		c->participants += p->participants;
		c->approx |= p->approx != 0;
	}
	c->hits += p->hits;
}

/* Every waiting add, oldest first. */
static void drain(tl_agg *g)
{
	for (size_t i = 0; i < g->nahead; i++)
		apply(g, &g->ahead[(g->head + i) % AGG_AHEAD]);
	g->head = g->nahead = 0;
}

void tl_agg_add(tl_agg *g, const char *date, int64_t dept, const char *kind,
                int external, int64_t keyword, int64_t participants, int approx,
                int64_t hits)
{
	pending p;
	key_make(g, &p.k, date, dept, kind, external, keyword);
	p.participants = participants;
	p.approx = approx;
	p.hits = hits;
	if (g->cap)
		__builtin_prefetch(&g->v[(size_t)p.k.h & (g->cap - 1)], 1);
	if (g->nahead < AGG_AHEAD) {
		g->ahead[(g->head + g->nahead++) % AGG_AHEAD] = p;
		return;
	}
	apply(g, &g->ahead[g->head]);
	g->ahead[g->head] = p;
	g->head = (g->head + 1) % AGG_AHEAD;
}

/* The kept tables: each holds the cells of keywords (kw) or of kinds,
 * per day, ISO week (its Monday) or month (its first day), and with the
 * kind as a key or all kinds together. The map's own cells, per day and
 * kind, are kept as weeks and months only: a count of kinds by day reads
 * the activities (a tenth of the rows a day table per kind would hold,
 * and the largest of the kept tables to write: schema 7). */
enum { PER_DAY, PER_WEEK, PER_MONTH };
static const struct {
	const char *table;
	int kw, period, kinds;
} KEPT[] = {{"agg_kw", 1, PER_DAY, 0},         {"agg_day", 0, PER_DAY, 0},
            {"agg_month", 0, PER_MONTH, 1},    {"agg_week", 0, PER_WEEK, 1},
            {"agg_kw_month", 1, PER_MONTH, 0}, {"agg_kw_week", 1, PER_WEEK, 0}};

/* The key column after the department: keyword_id, kind, or none. */
static const char *key_column(int kw, int kinds)
{
	return kw ? "keyword_id" : kinds ? "kind" : NULL;
}

/* A cell and where it goes in its table's key order (date, department,
 * keyword or kind, external), as one number: the sort compares numbers,
 * not the cells, which sit at random in a table of megabytes. The order
 * serves only the B-tree's pages, filled in turn rather than at random:
 * a key that does not fit its field (a department past 2^20) still goes
 * in right, only not quite in order. With the map read once a flush,
 * not once a kept table, the flushes of a 100k ingest took 352-406 ms
 * (seven runs), against 383-444 ms comparing cells. */
typedef struct {
	uint64_t rank;
	const cell *c;
} ranked;

static uint64_t field(uint64_t v, int bits)
{
	uint64_t max = ((uint64_t)1 << bits) - 1;
	return v > max ? max : v;
}

/* The date's digits as a number: YYYYMMDD, a shorter date (NUL-padded)
 * with zeros for what it lacks, ordered as the text is. */
static uint64_t date_rank(const char *d)
{
	uint64_t v = 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7)
			v = v * 10 + (d[i] >= '0' && d[i] <= '9'
			                  ? (uint64_t)(d[i] - '0')
			                  : 0);
	return v; /* < 10^8 < 2^27 */
}

/* A number of the date's day that grows by one a day within a month
 * and by at least one from a month's last day to the next month's first
 * (months of 31 days, years of 372): differences are days, near
 * enough. */
static uint64_t day_number(const char *d)
{
	uint64_t r = date_rank(d);
	return r / 10000 * 372 + r / 100 % 100 * 31 + r % 100;
}

static uint64_t rank_of(const tl_agg *g, const cell *c)
{
	/* the kinds in the order first met */
	uint64_t sub = c->keyword >= 0 ? (uint64_t)c->keyword
	                               : (uint64_t)kind_index(g, c->kind);
	return date_rank(c->date) << 37 |
	       field((uint64_t)(c->dept < 0 ? 0 : c->dept), 20) << 17 |
	       field(sub, 16) << 1 | (c->external & 1u);
}

/* Sort r[0..n) by rank: least significant byte first, a counting pass
 * each (tmp as large as r), skipping the bytes every rank shares (most
 * of them: a flush spans weeks). glibc's merge sort with a comparison
 * function had been a tenth of a flush's own time. */
static void sort_ranked(ranked *r, ranked *tmp, size_t n)
{
	ranked *src = r, *dst = tmp;
	uint64_t all_or = 0, all_and = ~(uint64_t)0;
	int sorted = 1; /* the merge's parts come in order */
	for (size_t i = 0; i < n; i++) {
		all_or |= r[i].rank;
		all_and &= r[i].rank;
		sorted &= i == 0 || r[i - 1].rank <= r[i].rank;
	}
	if (sorted)
		return;
	for (int shift = 0; shift < 64; shift += 8) {
		if ((((all_or ^ all_and) >> shift) & 0xFF) == 0)
			continue; /* the same byte in every rank */
		size_t at[256] = {0};
		for (size_t i = 0; i < n; i++)
			at[(src[i].rank >> shift) & 0xFF]++;
		for (size_t b = 0, sum = 0; b < 256; b++) {
			size_t c = at[b];
			at[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[at[(src[i].rank >> shift) & 0xFF]++] = src[i];
		ranked *t = src;
		src = dst;
		dst = t;
	}
	if (src != r)
		memcpy(r, src, n * sizeof(*r));
}

/* The row of a coarser kept table a day's counts also go to: the
 * month's first day, or the ISO week's Monday; other dates as they are. */
static void coarse_date(const char *day, int period, char out[11])
{
	tl_date d;
	memcpy(out, day, 11);
	if (period == PER_DAY || strlen(day) != 10 ||
	    tl_date_parse_iso(day, &d) != 0)
		return;
	if (period == PER_WEEK)
		tl_date_format(tl_date_monday(d), out);
	else
		memcpy(out + 8, "01", 2);
}

/* Column col of a kept table's row from cell rows[i].c (a ranked;
 * tl_rows_column_fn): date, department, the keyword or kind (tables keyed
 * by one), external, activities, participants, approx, hits. */
static void cell_column(sqlite3_context *cx, const void *rows, size_t i,
                        int col)
{
	const cell *c = ((const ranked *)rows)[i].c;
	switch (col) {
	case 0:
		sqlite3_result_text(cx, c->date,
		                    c->date[9] ? 10 : (int)strnlen(c->date, 10),
		                    SQLITE_STATIC);
		break;
	case 1:
		sqlite3_result_int64(cx, c->dept);
		break;
	case 2:
		if (c->keyword >= 0)
			sqlite3_result_int64(cx, c->keyword);
		else
			sqlite3_result_text(cx, c->kind, -1, SQLITE_STATIC);
		break;
	case 3:
		sqlite3_result_int(cx, c->external);
		break;
	case 4:
		sqlite3_result_int64(cx, c->activities);
		break;
	case 5:
		sqlite3_result_int64(cx, c->participants);
		break;
	case 6:
		sqlite3_result_int(cx, c->approx);
		break;
	case 7:
		sqlite3_result_int64(cx, c->hits);
		break;
	default:
		sqlite3_result_null(cx);
		break;
	}
}

/* Add the cells v[0..n) into one table in one statement, in the table's
 * key order: B-tree pages filled in turn, not at random. g holds the
 * cells (its kinds rank them). An upsert, or a plain insert when the
 * table is known to be empty; OR FAIL: no statement journal (see
 * ACT_SQL in store.c), a failure rolls the transaction back. The rows
 * come through tl_rows (rows.h): bound, 64 rows a statement, they had
 * taken a bind a value. */
static int flush_table(const tl_agg *g, const cell *const *v, size_t n,
                       const char *keycol, int fresh, sqlite3 *db,
                       tl_rows *rows, const char *table, tl_error *err)
{
	if (!n)
		return 0;
	ranked *r = tl_xmalloc(tl_size_mul(2 * n + 1, sizeof(*r)));
	for (size_t i = 0; i < n; i++)
		r[i] = (ranked){rank_of(g, v[i]), v[i]};
	sort_ranked(r, r + n, n);
	tl_buf sql = TL_BUF_INIT;
	tl_buf_addf(&sql,
	            "INSERT OR FAIL INTO %s(date, department_id, %s%sexternal, "
	            "activities, participants, approx, hits) SELECT c0, c1, "
	            "%sc3, c4, c5, c6, c7 FROM tl_rows",
	            table, keycol ? keycol : "", keycol ? ", " : "",
	            keycol ? "c2, " : "");
	if (!fresh) /* WHERE: ON would be read as a join's */
		tl_buf_adds(&sql,
		            " WHERE 1 ON CONFLICT DO UPDATE SET activities = "
		            "activities + excluded.activities, participants = "
		            "participants + excluded.participants, approx = "
		            "MAX(approx, excluded.approx), hits = hits + "
		            "excluded.hits");
	sqlite3_stmt *st = NULL;
	int rc = 0;
	*rows = (tl_rows){r, n, cell_column};
	if (sqlite3_prepare_v2(db, sql.buf, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		rc = tl_error_set(err, TL_EDB, "cannot update counts: %s",
		                  sqlite3_errmsg(db));
	*rows = (tl_rows){0};
	sqlite3_finalize(st);
	tl_buf_release(&sql);
	free(r);
	return rc;
}

/* The used cells of g into v (room for g->n), in one pass: those of
 * keywords first, then those of kinds; how many of keywords. */
static size_t used_cells(const tl_agg *g, const cell **v)
{
	size_t nkw = 0, end = g->n;
	for (size_t k = 0; k < g->n; k++) {
		const cell *c = &g->v[g->used[k]];
		if (c->keyword >= 0)
			v[nkw++] = c;
		else
			v[--end] = c;
	}
	return nkw;
}

/* Cells v[0..n), those of keywords first (nkw of them), into the kept
 * tables; g holds their kinds. */
static int write_cells(tl_agg *g, const cell **v, size_t n, size_t nkw,
                       sqlite3 *db, tl_rows *rows, int fresh, tl_error *err)
{
	fresh = fresh && !g->wrote;
	g->wrote = 1;
	for (size_t i = 0; i < n; i++) {
		uint64_t d = day_number(v[i]->date);
		g->hi = d > g->hi ? d : g->hi;
	}
	const cell **kw = v, **kinds = v + nkw;
	size_t nkinds = n - nkw;
	/* A table keyed as the map is (days, and a keyword or a kind) takes
	 * its cells as they stand; the others' rows are summed here first,
	 * one row however many cells feed it. */
	int rc = 0;
	for (size_t t = 0; t < sizeof(KEPT) / sizeof(KEPT[0]) && !rc; t++) {
		const char *keycol = key_column(KEPT[t].kw, KEPT[t].kinds);
		const cell *const *src = KEPT[t].kw ? kw : kinds;
		size_t nsrc = KEPT[t].kw ? nkw : nkinds;
		if (KEPT[t].period == PER_DAY &&
		    (KEPT[t].kinds || KEPT[t].kw)) {
			rc = flush_table(g, src, nsrc, keycol, fresh, db, rows,
			                 KEPT[t].table, err);
			continue;
		}
		if (!g->coarse)
			g->coarse = tl_agg_new();
		tl_agg *coarse = g->coarse;
		for (size_t i = 0; i < nsrc; i++) {
			const cell *c = src[i];
			char date[11];
			coarse_date(c->date, KEPT[t].period, date);
			key ck;
			key_make(coarse, &ck, date, c->dept,
			         KEPT[t].kinds ? c->kind : "", c->external,
			         c->keyword);
			cell_add(slot(coarse, &ck), c);
		}
		/* All of keywords, or all of kinds. */
		const cell **cv = tl_xmalloc((coarse->n + 1) * sizeof(*cv));
		used_cells(coarse, cv);
		rc = flush_table(coarse, cv, coarse->n, keycol, fresh, db, rows,
		                 KEPT[t].table, err);
		free(cv);
		cells_clear(coarse);
	}
	return rc;
}

/* The map's cells into the kept tables, the map emptied: plain inserts
 * when fresh (the tables were empty when the transaction began) and
 * nothing went to them since, upserts otherwise. */
static int write_tables(tl_agg *g, sqlite3 *db, tl_rows *rows, int fresh,
                        tl_error *err)
{
	drain(g);
	/* The map's cells of keywords and of kinds, found once: the table
	 * (8 MB at the limit) was read once for every kept table. */
	const cell **v = tl_xmalloc((g->n + 1) * sizeof(*v));
	size_t nkw = used_cells(g, v);
	int rc = write_cells(g, v, g->n, nkw, db, rows, fresh, err);
	free(v);
	/* Empty again, the table kept for what comes next. */
	cells_clear(g);
	return rc;
}

/* Runs. A map flushed at its limit upserts its cells into the kept
 * tables. Where the articles come in the order of their days, most of
 * its cells are new rows at the tables' ends. Out of that order (a
 * folder named by title, a CSV in no order), most are rows made by an
 * earlier flush, updated at random: the 100k series shuffled took 35
 * flushes and 4.0 s of the writer's time, against 8 and 0.25 s in
 * order. So a flush whose cells are mostly for days already written
 * sorts them into a run in a temporary file instead; the last flush
 * merges the runs, a cell's counts summed across them, and writes each
 * row once. */

/* A cell as a run holds it: runs are in the order of rank, then of the
 * whole key where ranks are the same (a rank is exact only while the
 * key's parts fit its fields). The cell's kind points at the map's
 * kinds, which stay until the map is cleared, and the runs with them;
 * the file is this process's alone. */
typedef struct {
	uint64_t rank;
	cell c;
} rec;

struct run {
	off_t at;
	size_t n;
};

/* Cells in the order of their whole key (the kinds by address: any
 * order serves, as long as it is one). */
static int cell_cmp(const cell *a, const cell *b)
{
	int c = memcmp(a->date, b->date, sizeof(a->date));
	if (c)
		return c;
	if (a->dept != b->dept)
		return a->dept < b->dept ? -1 : 1;
	if (a->keyword != b->keyword)
		return a->keyword < b->keyword ? -1 : 1;
	if (a->kind != b->kind)
		return (uintptr_t)a->kind < (uintptr_t)b->kind ? -1 : 1;
	return (int)a->external - (int)b->external;
}

static int rec_cmp(const rec *a, const rec *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return cell_cmp(&a->c, &b->c);
}

/* The transaction's runs gone (the file kept, emptied), and what the
 * spills knew of the tables. */
static void runs_end(tl_agg *g)
{
	free(g->runs);
	g->runs = NULL;
	g->nruns = 0;
	g->end = 0;
	g->hi = 0;
	g->wrote = 0;
	/* (should it fail, the space comes back when the file closes) */
	if (g->fd >= 0)
		(void)!ftruncate(g->fd, 0);
}

/* The runs' file: unnamed, in $TMPDIR or /tmp, gone when closed. */
static int runs_open(tl_agg *g, tl_error *err)
{
	if (g->fd >= 0)
		return 0;
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	g->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (g->fd < 0) { /* a file system without unnamed files */
		tl_buf path = TL_BUF_INIT;
		tl_buf_addf(&path, "%s/tally-counts-XXXXXX", dir);
		g->fd = mkostemp(path.buf, O_CLOEXEC);
		if (g->fd >= 0)
			unlink(path.buf);
		tl_buf_release(&path);
	}
	if (g->fd < 0)
		return tl_error_set(err, TL_EIO,
		                    "cannot make a temporary file in %s for "
		                    "the counts: %s",
		                    dir, strerror(errno));
	return 0;
}

/* n bytes at at, to the file or from it (write: 1). */
static int runs_io(tl_agg *g, int write, void *p, size_t n, off_t at,
                   tl_error *err)
{
	char *b = p;
	while (n) {
		ssize_t k =
		    write ? pwrite(g->fd, b, n, at) : pread(g->fd, b, n, at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return tl_error_set(
			    err, TL_EIO,
			    "cannot %s the counts' temporary file: %s",
			    write ? "write" : "read",
			    k < 0 ? strerror(errno) : "it ended early");
		b += k;
		n -= (size_t)k;
		at += k;
	}
	return 0;
}

/* Cells a part of the merge holds at most (4 MB), and when the caller
 * sets no smaller limit. */
#define MERGE_PART 65536

/* Records written at a time: 72 KB (the whole run in one array had
 * been 3 MB more at the peak for a map at its limit). */
#define RUN_WRITE 1024

/* The map's cells as a sorted run at the file's end, the map emptied. */
static int spill_run(tl_agg *g, tl_error *err)
{
	int rc = runs_open(g, err);
	if (rc)
		return rc;
	size_t n = g->n;
	ranked *r = tl_xmalloc(tl_size_mul(2 * n + 1, sizeof(*r)));
	for (size_t k = 0; k < n; k++) {
		const cell *c = &g->v[g->used[k]];
		r[k] = (ranked){rank_of(g, c), c};
	}
	sort_ranked(r, r + n, n);
	/* The same rank (rare: a part past its field): in the order of
	 * the whole key. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && r[j - 1].rank == r[j].rank &&
		                   cell_cmp(r[j - 1].c, r[j].c) > 0;
		     j--) {
			ranked t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	rec *v = tl_xmalloc(RUN_WRITE * sizeof(*v));
	off_t at = g->end;
	for (size_t i = 0; i < n && !rc; i += RUN_WRITE) {
		size_t m = n - i < RUN_WRITE ? n - i : RUN_WRITE;
		for (size_t k = 0; k < m; k++)
			v[k] = (rec){r[i + k].rank, *r[i + k].c};
		rc = runs_io(g, 1, v, m * sizeof(*v), at, err);
		at += (off_t)(m * sizeof(*v));
	}
	free(v);
	free(r);
	if (rc)
		return rc;
	g->runs = tl_xrealloc(g->runs, (g->nruns + 1) * sizeof(*g->runs));
	g->runs[g->nruns++] = (struct run){g->end, n};
	g->end = at;
	g->nspilled++;
	cells_clear(g);
	return 0;
}

/* A run being read: its records in buf[pos..len), left more in the
 * file at at. */
typedef struct {
	rec *buf;
	size_t pos, len, left;
	off_t at;
} reader;

static int reader_fill(tl_agg *g, reader *rd, size_t cap, tl_error *err)
{
	size_t n = rd->left < cap ? rd->left : cap;
	int rc = runs_io(g, 0, rd->buf, n * sizeof(rec), rd->at, err);
	rd->at += (off_t)(n * sizeof(rec));
	rd->left -= n;
	rd->pos = 0;
	rd->len = n;
	return rc;
}

/* Restore the heap h[0..n) of readers (least head record first) below i. */
static void sift(const reader *rd, size_t *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && rec_cmp(&rd[h[l]].buf[rd[h[l]].pos],
		                     &rd[h[m]].buf[rd[h[m]].pos]) < 0)
			m = l;
		if (l + 1 < n && rec_cmp(&rd[h[l + 1]].buf[rd[h[l + 1]].pos],
		                         &rd[h[m]].buf[rd[h[m]].pos]) < 0)
			m = l + 1;
		if (m == i)
			return;
		size_t t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* The merge's cells, each once and in key order, waiting to go to the
 * tables in parts: an array, not the map (no hashing, no cell at
 * random in 8 MB). */
typedef struct {
	cell *v;
	const cell **p; /* v's cells, those of keywords first */
	size_t n, cap;
} part;

static int part_write(tl_agg *g, part *pt, sqlite3 *db, tl_rows *rows,
                      int fresh, tl_error *err)
{
	size_t nkw = 0, end = pt->n;
	for (size_t i = 0; i < pt->n; i++)
		if (pt->v[i].keyword >= 0)
			pt->p[nkw++] = &pt->v[i];
	for (size_t i = pt->n; i-- > 0;) /* kinds after, in order */
		if (pt->v[i].keyword < 0)
			pt->p[--end] = &pt->v[i];
	int rc =
	    pt->n ? write_cells(g, pt->p, pt->n, nkw, db, rows, fresh, err) : 0;
	pt->n = 0;
	return rc;
}

/* One cell's counts summed over the runs, into the part, which goes to
 * the tables when full. */
static int merged(tl_agg *g, part *pt, const cell *c, sqlite3 *db,
                  tl_rows *rows, int fresh, tl_error *err)
{
	pt->v[pt->n++] = *c;
	return pt->n == pt->cap ? part_write(g, pt, db, rows, fresh, err) : 0;
}

/* The runs merged into the tables, in key order, in parts of at most
 * chunk cells (the map's own table freed meanwhile: it is empty).
 * Reading takes 2 MB of buffers however many runs there are (4 KB each
 * at least). */
static int merge_runs(tl_agg *g, sqlite3 *db, tl_rows *rows, int fresh,
                      size_t chunk, tl_error *err)
{
	size_t k = g->nruns, cap = ((size_t)2 << 20) / sizeof(rec) / k;
	cap = cap < 64 ? 64 : cap;
	free(g->v);
	free(g->used);
	g->v = NULL;
	g->used = NULL;
	g->n = g->cap = 0;
	part pt = {0};
	pt.cap = chunk && chunk < MERGE_PART ? chunk : MERGE_PART;
	pt.v = tl_xaligned(64, tl_size_mul(pt.cap, sizeof(cell)));
	pt.p = tl_xmalloc(tl_size_mul(pt.cap, sizeof(*pt.p)));
	reader *rd = tl_xcalloc(k, sizeof(*rd));
	size_t *h = tl_xmalloc(k * sizeof(*h)), nh = 0;
	rec *bufs = tl_xmalloc(tl_size_mul(tl_size_mul(k, cap), sizeof(rec)));
	int rc = 0;
	for (size_t i = 0; i < k && !rc; i++) {
		rd[i] =
		    (reader){bufs + i * cap, 0, 0, g->runs[i].n, g->runs[i].at};
		if (!(rc = reader_fill(g, &rd[i], cap, err)) && rd[i].len)
			h[nh++] = i;
	}
	for (size_t i = nh; i-- > 0;)
		sift(rd, h, nh, i);
	rec acc;
	int have = 0;
	while (nh && !rc) {
		reader *r = &rd[h[0]];
		const rec *x = &r->buf[r->pos];
		if (have && rec_cmp(&acc, x) == 0) {
			cell_add(&acc.c, &x->c);
		} else {
			if (have)
				rc = merged(g, &pt, &acc.c, db, rows, fresh,
				            err);
			acc = *x;
			have = 1;
		}
		if (++r->pos == r->len && !rc) {
			if (r->left)
				rc = reader_fill(g, r, cap, err);
			else
				h[0] = h[--nh];
		}
		sift(rd, h, nh, 0);
	}
	if (have && !rc)
		rc = merged(g, &pt, &acc.c, db, rows, fresh, err);
	if (!rc)
		rc = part_write(g, &pt, db, rows, fresh, err);
	free(pt.v);
	free(pt.p);
	free(bufs);
	free(h);
	free(rd);
	return rc;
}

int tl_agg_spill(tl_agg *g, sqlite3 *db, tl_rows *rows, int fresh,
                 tl_error *err)
{
	drain(g);
	if (!g->n)
		return 0;
	/* Days a month or more before the latest written: rows made
	 * already, or made among them, updated all over the tables. Days
	 * in the last month are rows at the tables' ends, in pages the
	 * flushes keep in the cache (gen.c's series dates activities up to
	 * 20 days before their article, and its map holds a few days: all
	 * to runs, the merge took 0.66 s at the end, where the core beside
	 * the writer has nothing to do). */
	size_t late = 0;
	for (size_t k = 0; k < g->n; k++)
		late += day_number(g->v[g->used[k]].date) + 31 < g->hi;
	/* No temporary file to be had, or no room in it: the slow way. */
	if (late * RUN_LATE <= g->n || spill_run(g, NULL) != 0)
		return write_tables(g, db, rows, fresh, err);
	return 0;
}

int tl_agg_flush(tl_agg *g, sqlite3 *db, tl_rows *rows, int fresh, size_t chunk,
                 tl_error *err)
{
	drain(g);
	int rc = 0;
	if (!g->nruns)
		rc = write_tables(g, db, rows, fresh, err);
	else if (!(rc = g->n ? spill_run(g, err) : 0))
		rc = merge_runs(g, db, rows, fresh, chunk, err);
	runs_end(g);
	return rc;
}

size_t tl_agg_runs(const tl_agg *g)
{
	return g ? g->nspilled : 0;
}

int tl_agg_rebuild(sqlite3 *db, tl_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(
	    db,
	    "DELETE FROM agg_kw; DELETE FROM agg_month; DELETE FROM agg_week; "
	    "DELETE FROM agg_day; DELETE FROM agg_kw_month; DELETE FROM "
	    "agg_kw_week; DROP TABLE IF EXISTS temp.kind_day;"
	    /* the counts per day and kind, as the ingest's map holds them */
	    "CREATE TEMP TABLE kind_day AS SELECT date, department_id, "
	    "COALESCE(kind, '') AS kind, external, COUNT(*) AS activities, "
	    "COALESCE(SUM(participants), 0) AS participants, "
	    "MAX(CASE WHEN participants IS NOT NULL THEN participants_approx "
	    "ELSE 0 END) AS approx, COALESCE(SUM(hits), 0) AS hits FROM "
	    "activity GROUP BY 1, 2, 3, 4;"
	    "INSERT INTO agg_kw SELECT a.date, a.department_id, h.keyword_id, "
	    "a.external, COUNT(*), COALESCE(SUM(a.participants), 0), "
	    "MAX(CASE WHEN a.participants IS NOT NULL THEN "
	    "a.participants_approx "
	    "ELSE 0 END), SUM(h.n) FROM hit h JOIN activity a ON a.id = "
	    "h.activity_id GROUP BY 1, 2, 3, 4;"
	    "INSERT INTO agg_month SELECT CASE WHEN length(date) = 10 THEN "
	    "substr(date, 1, 8) || '01' ELSE date END, department_id, kind, "
	    "external, SUM(activities), SUM(participants), MAX(approx), "
	    "SUM(hits) FROM temp.kind_day GROUP BY 1, 2, 3, 4;"
	    "INSERT INTO agg_week SELECT CASE WHEN length(date) = 10 THEN "
	    "date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) "
	    "% 7) || ' days') ELSE date END, department_id, kind, "
	    "external, SUM(activities), SUM(participants), MAX(approx), "
	    "SUM(hits) FROM temp.kind_day GROUP BY 1, 2, 3, 4;"
	    "INSERT INTO agg_day SELECT date, department_id, external, "
	    "SUM(activities), SUM(participants), MAX(approx), SUM(hits) FROM "
	    "temp.kind_day GROUP BY 1, 2, 3;"
	    "DROP TABLE temp.kind_day;"
	    "INSERT INTO agg_kw_month SELECT CASE WHEN length(date) = 10 THEN "
	    "substr(date, 1, 8) || '01' ELSE date END, department_id, "
	    "keyword_id, external, SUM(activities), SUM(participants), "
	    "MAX(approx), SUM(hits) FROM agg_kw GROUP BY 1, 2, 3, 4;"
	    "INSERT INTO agg_kw_week SELECT CASE WHEN length(date) = 10 THEN "
	    "date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) "
	    "% 7) || ' days') ELSE date END, department_id, keyword_id, "
	    "external, SUM(activities), SUM(participants), MAX(approx), "
	    "SUM(hits) FROM agg_kw GROUP BY 1, 2, 3, 4;",
	    NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		rc = tl_error_set(err, TL_EDB, "cannot rebuild counts: %s",
		                  msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}
