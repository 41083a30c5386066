/* analyze/ingest.c - one transaction from files to stored activities, parsing
 * and extraction on every core.
 *
 * A reader thread walks the paths in sorted order, names the files (and
 * splits CSV files into rows) and hands them to a ring of jobs, a batch
 * of files or rows a job (one hand-over per batch, not per file); worker
 * threads read the files, parse the articles and extract their
 * activities; the calling thread, the one writer to SQLite, stores
 * finished jobs strictly in the order they were read, so the database
 * and the problem list come out as from a one-thread run. Articles
 * already stored are recognised by their hash before extraction. The
 * ring bounds how much is held in memory. */
#include "ingest.h"
#include "article.h"
#include "extract.h"
#include "filebatch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define RING 16 /* jobs in flight */
/* A job is a batch of up to this many files or rows, or of this much
 * text: few enough hand-overs that threads rarely wait on each other.
 * Each hand-over wakes a thread, and every thread had waited for a core
 * a fifth of its time (100k articles, 32 files a job: the writer 0.58 s
 * of 2.3 s; 128 a job, interleaved runs: median 2.87 -> 2.69 s, peak
 * 68 -> 73 MB). Articles of a few KB fill a job by count, long ones by
 * bytes. */
#define BATCH_ITEMS 128
#define BATCH_BYTES (1024 << 10) /* bounds the ring: 16 MB of text */

/* One result of a job: an article with its activities, or a problem. */
typedef struct {
	int is_problem;
	int known; /* stored before this run: counted, not stored */
	tl_article a;
	tl_activity *acts;
	size_t nacts;
	tl_hit *hits;
	/* One allocation for what the entry's article and activities point
	 * at but the body: its names, the activities, their hits, the
	 * department names and units (see keep_result). */
	void *block;
	char *source, *severity, *msg;
	long line;
} entry;

/* A file to read, or text already read (a CSV row, standard input). */
typedef struct {
	char *source;
	char *text; /* owned; NULL: read the file named source */
	size_t len;
	int fd; /* the file opened ahead, or -1 */
} item;

typedef struct {
	int state; /* 0 queued, 1 being worked, 2 done */
	int is_problem;
	item *items;
	size_t nitems, capitems, text_bytes;
	size_t nread;    /* items before it are read, or text already */
	long long bytes; /* read, for progress */
	entry *e;        /* results, in order */
	size_t ne, cap;
	/* a problem found before parsing (an unreadable file) */
	char *source;
	long line;
	char *severity, *msg;
} job;

/* Hashes of the stored articles, for workers to skip known ones: the
 * first 128 bits of each SHA-256 (16 bytes an article, not 32: the sets
 * grow with the corpus; two articles share a prefix with odds of about
 * 1e-27 among a million). */
#define HASH_KEY 16
typedef struct {
	unsigned char (*slot)[HASH_KEY]; /* all zero: empty */
	size_t mask, n;
} hashset;
static const unsigned char EMPTY[HASH_KEY];

typedef struct {
	tl_store *store;
	const tl_lexicon *lex;
	tl_ingest_stats *stats;
	tl_ingest_problem_fn on_problem;
	tl_ingest_progress_fn progress;
	void *ud;
	tl_error *err;
	int rc; /* first database error */
	/* The sets hold at most hash_limit hashes each. A set that is not
	 * held (slot NULL) is asked of the database instead: known by each
	 * worker through a connection of its own, reading what was
	 * committed before the run; stored by the writer in its
	 * transaction, which sees the run's articles too. */
	hashset known;  /* stored before this run: read by workers */
	hashset stored; /* stored in this run: the writer's alone */
	size_t hash_limit;
	const char *db_path;

	job ring[RING];
	job *open;       /* the reader's batch being filled (at next_seq) */
	long next_seq;   /* seq of the next job read */
	long next_write; /* seq of the next job to store */
	long next_claim; /* seq of the next job a worker may take */
	int stop;
	int reading_done; /* the reader thread has read every path */
	pthread_mutex_t mu;
	pthread_cond_t work, done, room;
	pthread_t *threads;
	int nthreads;
	/* The writer is the one thread that cannot be shared: while it
	 * stores, workers start jobs on the other cores only (cores - 1),
	 * so that it never waits for a core; while it waits for the job at
	 * the head, they may take every core. */
	int cores;
	int running;     /* workers in a job */
	int writer_busy; /* the writer is storing */
	tl_extractor
	    *own; /* the writer's extractor when there are no threads */
	/* The reader's batch reader: it reads the files itself, many to
	 * a system call (see read_pending); NULL where there is none. Made
	 * at the first file (fb_tried), so a CSV or stdin sets up no ring;
	 * NULL for the rest of the run once turned off. */
	tl_filebatch *fb;
	int fb_tried;
	/* Without it, files the reader has opened ahead of the workers,
	 * the kernel reading them meanwhile (see on_file), and how many
	 * may be open at once. */
	atomic_int ahead;
	int ahead_max;
	/* A job's articles to store, stored together (the writer's). */
	tl_store_item *batch;
	size_t capbatch;
} pipeline;

static int hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void hash_bytes(const char *hex, unsigned char out[HASH_KEY])
{
	for (int i = 0; i < HASH_KEY; i++)
		out[i] = (unsigned char)(hexval(hex[2 * i]) << 4 |
		                         hexval(hex[2 * i + 1]));
}

static size_t slot_of(const hashset *h, const unsigned char *k)
{
	size_t v;
	memcpy(&v, k, sizeof(v));
	return v & h->mask;
}

static void hs_alloc(hashset *h, size_t cap)
{
	h->slot = tl_xzalloc(cap, HASH_KEY);
	h->mask = cap - 1;
	h->n = 0;
}

/* Does a table of cap slots hold n keys? At most half full (and 64
 * slots spare): probes stay short. */
static int hs_fits(size_t cap, size_t n)
{
	return n * 2 + 64 <= cap;
}

/* A set with room for n keys before it grows. */
static void hs_init(hashset *h, size_t n)
{
	size_t cap = 64;
	while (!hs_fits(cap, n))
		cap *= 2;
	hs_alloc(h, cap);
}

/* 1 when k was not in the set and is now, 0 when it was. */
static int hs_put(hashset *h, const unsigned char k[HASH_KEY])
{
	size_t i = slot_of(h, k);
	while (memcmp(h->slot[i], EMPTY, HASH_KEY) != 0 &&
	       memcmp(h->slot[i], k, HASH_KEY) != 0)
		i = (i + 1) & h->mask;
	if (memcmp(h->slot[i], EMPTY, HASH_KEY) != 0)
		return 0;
	memcpy(h->slot[i], k, HASH_KEY);
	h->n++;
	return 1;
}

/* Add a hash, doubling the table when it is half full: 1 when it was
 * not there before. */
static int hs_add(hashset *h, const char *hex)
{
	if (!hs_fits(h->mask + 1, h->n + 1)) {
		hashset old = *h;
		hs_alloc(h, (old.mask + 1) * 2);
		for (size_t i = 0; i <= old.mask; i++)
			if (memcmp(old.slot[i], EMPTY, HASH_KEY) != 0)
				hs_put(h, old.slot[i]);
		free(old.slot);
	}
	unsigned char k[HASH_KEY];
	hash_bytes(hex, k);
	return hs_put(h, k);
}

/* The hash sets: the stored articles' hashes, and an empty set for the
 * run's; neither when the database holds more than hash_limit. */
static int sets_load(pipeline *p, tl_store *store, tl_error *err)
{
	hashset *h = &p->known;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 n = 0;
	if (sqlite3_prepare_v2(tl_store_db(store),
	                       "SELECT COUNT(*) FROM article", -1, &st,
	                       NULL) != SQLITE_OK)
		return tl_store_fail(store, err, "cannot read articles");
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((size_t)n > p->hash_limit)
		return 0; /* too many to hold: neither set is */
	hs_init(h, (size_t)n);
	hs_init(&p->stored, 0);
	if (n == 0)
		return 0;
	if (sqlite3_prepare_v2(tl_store_db(store), "SELECT sha256 FROM article",
	                       -1, &st, NULL) != SQLITE_OK)
		return tl_store_fail(store, err, "cannot read articles");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *hex = (const char *)sqlite3_column_text(st, 0);
		if (hex && strlen(hex) == 64)
			hs_add(h, hex);
	}
	sqlite3_finalize(st);
	return 0;
}

static int hs_has(const hashset *h, const char *hex)
{
	unsigned char k[HASH_KEY];
	hash_bytes(hex, k);
	for (size_t i = slot_of(h, k);; i = (i + 1) & h->mask) {
		if (memcmp(h->slot[i], k, HASH_KEY) == 0)
			return 1;
		if (memcmp(h->slot[i], EMPTY, HASH_KEY) == 0)
			return 0;
	}
}

static entry *add_entry(job *j)
{
	if (j->ne == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 4;
		j->e = tl_xrealloc(j->e, j->cap * sizeof(entry));
	}
	entry *e = &j->e[j->ne++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void entry_release(entry *e)
{
	free(e->block);
	free(e->a.body);
	free(e->source);
	free(e->severity);
	free(e->msg);
}

/* Close a file the reader opened ahead (fd -1: none). */
static void close_ahead(pipeline *p, int *fd)
{
	if (*fd < 0)
		return;
	close(*fd);
	*fd = -1;
	atomic_fetch_sub(&p->ahead, 1);
}

static void job_release(pipeline *p, job *j)
{
	for (size_t i = 0; i < j->ne; i++)
		entry_release(&j->e[i]);
	free(j->e);
	for (size_t i = 0; i < j->nitems; i++) {
		free(j->items[i].source);
		free(j->items[i].text);
		close_ahead(p, &j->items[i].fd);
	}
	free(j->items);
	free(j->source);
	free(j->severity);
	free(j->msg);
	memset(j, 0, sizeof(*j));
}

/* A worker's own connection to the database, to ask it whether an
 * article was stored before the run (when there are too many to hold):
 * NULL when there is none (then every article is read, and the writer
 * tells the known ones). */
static sqlite3_stmt *known_reader(const pipeline *p)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (p->known.slot || !p->db_path)
		return NULL;
	if (sqlite3_open_v2(p->db_path, &db,
	                    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA cache_size = -2048", NULL, NULL, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT 1 FROM article WHERE sha256 = ?1",
	                       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return st;
}

static void known_reader_close(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3 *db = sqlite3_db_handle(st);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Parsing a job: articles and problems become entries. */
typedef struct {
	pipeline *p;
	tl_extractor *ex;
	job *j;
	sqlite3_stmt *known; /* see known_reader */
} work_ctx;

/* Was the article stored before this run? */
static int is_known(const work_ctx *w, const char *sha256)
{
	if (w->p->known.slot)
		return hs_has(&w->p->known, sha256);
	if (!w->known)
		return 0;
	sqlite3_bind_text(w->known, 1, sha256, -1, SQLITE_STATIC);
	int found = sqlite3_step(w->known) == SQLITE_ROW;
	sqlite3_reset(w->known);
	return found;
}

/* Room for an entry's block: taken in order, each piece aligned for any
 * type. */
typedef struct {
	char *at;
	size_t len;
} block_room;

static size_t aligned(size_t n)
{
	size_t a = _Alignof(max_align_t);
	return (n + a - 1) / a * a;
}

static void *take(block_room *r, size_t n)
{
	void *p = r->at + r->len;
	r->len += aligned(n);
	return p;
}

static char *take_str(block_room *r, const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(take(r, n), s, n);
}

/* Copy the article's names and what the extractor found (its buffers
 * are reused by the next article) into one block: a few allocations an
 * article instead of one a string, which the reader thread then freed
 * one by one (n = 0, acts NULL: the names only). */
static void keep_result(entry *e, const tl_article *a, const tl_activity *acts,
                        size_t n, const tl_hit *hits)
{
	size_t nh = 0;
	for (size_t i = 0; i < n; i++)
		if (acts[i].hit_first + acts[i].nhits > nh)
			nh = acts[i].hit_first + acts[i].nhits;
	size_t size =
	    aligned(n * sizeof(tl_activity)) + aligned(nh * sizeof(tl_hit)) +
	    aligned(strlen(a->source) + 1) + aligned(strlen(a->title) + 1) +
	    (a->series ? aligned(strlen(a->series) + 1) : 0);
	for (size_t i = 0; i < n; i++) {
		if (acts[i].dept < 0)
			size += aligned(strlen(acts[i].dept_name) + 1);
		if (acts[i].unit)
			size += aligned(strlen(acts[i].unit) + 1);
	}
	block_room r = {e->block = tl_xmalloc(size), 0};
	e->acts = take(&r, n * sizeof(tl_activity));
	e->hits = take(&r, nh * sizeof(tl_hit));
	e->a.source = take_str(&r, a->source);
	e->a.title = take_str(&r, a->title);
	e->a.series = a->series ? take_str(&r, a->series) : NULL;
	if (n)
		memcpy(e->acts, acts, n * sizeof(tl_activity));
	if (nh)
		memcpy(e->hits, hits, nh * sizeof(tl_hit));
	for (size_t i = 0; i < n; i++) {
		tl_activity *x = &e->acts[i];
		if (x->dept < 0)
			x->dept_name = take_str(&r, x->dept_name);
		if (x->unit)
			x->unit = take_str(&r, x->unit);
	}
	e->nacts = n;
}

static void work_problem(void *ud, const char *source, long line,
                         const char *severity, const char *msg)
{
	work_ctx *w = ud;
	entry *e = add_entry(w->j);
	e->is_problem = 1;
	e->source = tl_xstrdup(source);
	e->severity = tl_xstrdup(severity);
	e->msg = tl_xstrdup(msg);
	e->line = line;
}

static int work_article(void *ud, const tl_article *a, tl_error *err)
{
	work_ctx *w = ud;
	entry *e = add_entry(w->j);
	size_t ei = w->j->ne - 1; /* entries may move as more are added */
	(void)err;
	e->a = *a;
	e->a.body = NULL;
	e->a.body_buf = NULL;
	if (is_known(w, a->sha256)) {
		e->known = 1;
		keep_result(e, a, NULL, 0, NULL);
		return 0;
	}
	const tl_activity *acts;
	const tl_hit *hits;
	size_t n;
	tl_extract_article(w->ex, a, &acts, &n, &hits);
	/* Lines too long to be paragraphs were passed over: say so. */
	const tl_extract_skip *skip;
	size_t nskip;
	tl_extract_skipped(w->ex, &skip, &nskip);
	for (size_t k = 0; k < nskip; k++) {
		char msg[160];
		snprintf(msg, sizeof(msg),
		         "paragraph %d is %zu KB long: not read for activities",
		         skip[k].para, skip[k].len >> 10);
		work_problem(w, a->source, a->body_line + skip[k].para - 1,
		             "warning", msg);
		e = &w->j->e[ei];
	}
	/* Keep the body: take the parser's buffer (the activities point
	 * into it), or copy it and point them at the copy. */
	keep_result(e, a, acts, n, hits);
	if (a->body_buf && a->body_buf->buf == a->body && a->body_buf->cap) {
		e->a.body = tl_buf_detach(a->body_buf);
		return 0;
	}
	e->a.body = tl_xstrndup(a->body, a->body_len);
	for (size_t i = 0; i < n; i++)
		e->acts[i].text = e->a.body + (acts[i].text - a->body);
	return 0;
}

static void run_job(pipeline *p, tl_extractor *ex, sqlite3_stmt *known, job *j)
{
	work_ctx w = {p, ex, j, known};
	tl_article_sink sink = {work_article, work_problem, NULL,
	                        NULL,         NULL,         &w};
	for (size_t i = 0; i < j->nitems; i++) {
		item *it = &j->items[i];
		tl_error local = TL_ERROR_INIT;
		long long got = 0;
		if (it->text) {
			tl_article_parse_text(it->text, it->len, it->source,
			                      &sink, &local);
			got = (long long)it->len;
		} else {
			tl_article_read_text_file(it->source, it->fd, &sink,
			                          &got, &local);
			close_ahead(p, &it->fd);
		}
		j->bytes += got;
		free(it->text);
		it->text = NULL;
	}
}

static void *worker(void *arg)
{
	pipeline *p = arg;
	tl_extractor *ex = tl_extractor_new(p->lex);
	sqlite3_stmt *known = known_reader(p);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		/* Jobs the writer has stored are gone from the ring; problem
		 * jobs need no work. */
		while (!p->stop) {
			if (p->next_claim < p->next_write)
				p->next_claim = p->next_write;
			if (p->next_claim < p->next_seq &&
			    p->ring[p->next_claim % RING].is_problem) {
				p->next_claim++;
				continue;
			}
			if (p->next_claim < p->next_seq &&
			    p->running + p->writer_busy < p->cores)
				break;
			pthread_cond_wait(&p->work, &p->mu);
		}
		if (p->stop)
			break;
		job *j = &p->ring[p->next_claim % RING];
		p->next_claim++;
		j->state = 1;
		p->running++;
		pthread_mutex_unlock(&p->mu);
		run_job(p, ex, known, j);
		pthread_mutex_lock(&p->mu);
		j->state = 2;
		p->running--;
		pthread_cond_broadcast(&p->done);
		pthread_cond_signal(&p->work); /* a core is free */
	}
	pthread_mutex_unlock(&p->mu);
	known_reader_close(known);
	tl_extractor_free(ex);
	return NULL;
}

static void store_problem(pipeline *p, const char *source, long line,
                          const char *severity, const char *msg)
{
	p->stats->problems++;
	if (p->on_problem)
		p->on_problem(p->ud, source, line, msg);
	if (!p->rc)
		p->rc = tl_store_add_problem(p->store, source, line, severity,
		                             msg, p->err);
}

/* Was the article stored already in this run (or, once the database is
 * asked, at all)? 1 or 0, <0 on a database error. The run's hashes are
 * held up to hash_limit; past it the database's index tells (built now
 * in a bulk load, which builds it at the end otherwise), and the set
 * goes. */
static int stored_before(pipeline *p, const char *sha256)
{
	if (p->stored.slot) {
		/* One look-up: adding tells whether it was there. */
		if (p->stored.n < p->hash_limit)
			return !hs_add(&p->stored, sha256);
		if (hs_has(&p->stored, sha256))
			return 1;
		int rc = tl_store_index_hashes(p->store, p->err);
		if (rc)
			return rc;
		free(p->stored.slot);
		p->stored = (hashset){0};
	}
	return tl_store_article_known(p->store, sha256, p->err);
}

/* Is an article with this hash among batch[0..n)? */
static int in_batch(const tl_store_item *batch, size_t n, const char *sha256)
{
	for (size_t k = 0; k < n; k++)
		if (memcmp(batch[k].a->sha256, sha256, 64) == 0)
			return 1;
	return 0;
}

/* Store a finished job (the writer, outside the lock): its new articles
 * in one call, a few statements for all of them. */
static void store_job(pipeline *p, job *j)
{
	if (j->is_problem) {
		store_problem(p, j->source, j->line, j->severity, j->msg);
		return;
	}
	p->stats->files += (long)j->nitems;
	p->stats->bytes += j->bytes;
	if (j->ne > p->capbatch) {
		p->capbatch = j->ne * 2;
		p->batch =
		    tl_xrealloc(p->batch, p->capbatch * sizeof(*p->batch));
	}
	size_t nb = 0;
	long nacts = 0;
	for (size_t i = 0; i < j->ne; i++) {
		entry *e = &j->e[i];
		if (e->is_problem) {
			store_problem(p, e->source, e->line, e->severity,
			              e->msg);
			continue;
		}
		p->stats->read++;
		if (e->known) {
			p->stats->known++;
			continue;
		}
		if (p->rc)
			continue;
		/* The same article twice in one run: the first is stored. The
		 * run holds the write lock, so nobody else stores meanwhile.
		 * Past the hash limit the database tells, and it holds this
		 * job's articles only once they have gone in together. */
		int dup = stored_before(p, e->a.sha256);
		if (dup == 0 && !p->stored.slot)
			dup = in_batch(p->batch, nb, e->a.sha256);
		if (dup < 0) {
			p->rc = dup;
			continue;
		}
		if (dup) {
			p->stats->known++;
			continue;
		}
		p->batch[nb++] =
		    (tl_store_item){&e->a, e->acts, e->nacts, e->hits};
		nacts += (long)e->nacts;
	}
	if (nb && !p->rc) {
		p->rc = tl_store_add_articles(p->store, p->batch, nb, p->err);
		if (!p->rc) {
			p->stats->fresh += (long)nb;
			p->stats->activities += nacts;
		}
	}
}

/* Store the finished job j at the head of the ring, outside the lock
 * (called and returning with p->mu held), and move the head on. The
 * job's memory is freed by the thread that reuses its slot (see
 * new_job), not by the writer. */
static void write_head(pipeline *p, job *j)
{
	pthread_mutex_unlock(&p->mu);
	store_job(p, j);
	if (p->progress && !j->is_problem)
		p->progress(p->ud, p->stats);
	pthread_mutex_lock(&p->mu);
	p->next_write++;
}

/* Store every finished job at the head of the ring. wait_for_room:
 * block until the ring has room for one more; all: until it is empty. */
static void drain(pipeline *p, int wait_for_room, int all)
{
	pthread_mutex_lock(&p->mu);
	while (p->next_write < p->next_seq) {
		job *j = &p->ring[p->next_write % RING];
		if (!j->is_problem && j->state != 2) {
			if (p->nthreads == 0) {
				pthread_mutex_unlock(&p->mu);
				run_job(p, p->own, NULL, j);
				pthread_mutex_lock(&p->mu);
				j->state = 2;
				continue;
			}
			int full = p->next_seq - p->next_write >= RING;
			if (!all && !(wait_for_room && full))
				break;
			pthread_cond_wait(&p->done, &p->mu);
			continue;
		}
		write_head(p, j);
	}
	pthread_mutex_unlock(&p->mu);
}

/* A free slot for the next job, emptied of the stored job it held. Without
 * workers the caller stores what is ready to make room; with them a
 * reader thread fills the ring, waits for the writer to make room and
 * frees what the writer stored: the writer is the one thread that cannot
 * be shared, and freeing the workers' allocations had it wait on their
 * malloc arenas (1380 waits in a run of 100k articles; none now; the
 * run's time changed within the noise). NULL when the run is failing. */
static job *new_job(pipeline *p)
{
	job *j;
	if (p->nthreads == 0) {
		drain(p, 1, 0);
		j = p->rc ? NULL : &p->ring[p->next_seq % RING];
	} else {
		pthread_mutex_lock(&p->mu);
		while (!p->rc && p->next_seq - p->next_write >= RING)
			pthread_cond_wait(&p->room, &p->mu);
		j = p->rc ? NULL : &p->ring[p->next_seq % RING];
		pthread_mutex_unlock(&p->mu);
	}
	if (j)
		job_release(p, j);
	return j;
}

static void push(pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	p->next_seq++;
	pthread_cond_signal(&p->work);
	pthread_cond_broadcast(
	    &p->done); /* the writer waits for new jobs too */
	pthread_mutex_unlock(&p->mu);
}

/* The writer, with a reader thread filling the ring: store jobs in read
 * order as they finish, until the reader is done and the ring empty. */
static void write_all(pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->next_write < p->next_seq) {
			job *j = &p->ring[p->next_write % RING];
			if (j->is_problem || j->state == 2) {
				p->writer_busy = 1;
				write_head(p, j);
				pthread_cond_broadcast(&p->room);
				continue;
			}
		} else if (p->reading_done) {
			break;
		}
		/* Waiting: its core is the workers' meanwhile. */
		if (p->writer_busy) {
			p->writer_busy = 0;
			pthread_cond_broadcast(&p->work);
		}
		pthread_cond_wait(&p->done, &p->mu);
	}
	p->writer_busy = 0;
	pthread_mutex_unlock(&p->mu);
}

/* The reader's batch: the job at next_seq, filled before it is pushed.
 * NULL when the run is failing. */
static job *open_job(pipeline *p)
{
	if (!p->open && (p->open = new_job(p)) != NULL)
		p->open->state = 0;
	return p->open;
}

/* The files of job j not read yet, read by the reader's batch reader. A
 * file it could not read stays unread (text NULL): the worker reads it
 * the usual way and tells why. Each file's bytes count towards the job's
 * text, as a CSV row's do. A full batch mostly left unread (files of
 * TL_FILEBATCH_CAP or more: the batch reader copied their first 64 KB
 * for nothing) turns the batch reader off for the rest of the run: 3000
 * files of 100 KB had taken 5.03 s one by one, 5.23 s in batches. */
static void read_pending(pipeline *p, job *j)
{
	const char *paths[TL_FILEBATCH_MAX];
	char *text[TL_FILEBATCH_MAX];
	size_t len[TL_FILEBATCH_MAX], at[TL_FILEBATCH_MAX];
	while (j->nread < j->nitems) {
		size_t n = 0;
		for (; j->nread < j->nitems && n < TL_FILEBATCH_MAX; j->nread++)
			if (!j->items[j->nread].text) {
				at[n] = j->nread;
				paths[n++] = j->items[j->nread].source;
			}
		if (n == 0)
			break;
		tl_filebatch_read(p->fb, paths, n, text, len);
		size_t unread = 0;
		for (size_t k = 0; k < n; k++) {
			j->items[at[k]].text = text[k];
			j->items[at[k]].len = len[k];
			j->text_bytes += len[k];
			unread += !text[k];
		}
		if (n == TL_FILEBATCH_MAX && unread * 2 > n) {
			tl_filebatch_free(p->fb);
			p->fb = NULL;
			return;
		}
	}
}

static void close_job(pipeline *p)
{
	if (p->open) {
		if (p->fb)
			read_pending(p, p->open);
		p->open = NULL;
		push(p);
	}
}

/* A file or row for the batch; text (owned from here) NULL for a file
 * the worker reads, fd the file opened ahead or -1. */
static int add_item(pipeline *p, const char *source, char *text, size_t len,
                    int fd)
{
	job *j = open_job(p);
	if (!j) {
		free(text);
		close_ahead(p, &fd);
		return p->rc;
	}
	if (j->nitems == j->capitems) {
		j->capitems = j->capitems ? j->capitems * 2 : BATCH_ITEMS;
		j->items = tl_xrealloc(j->items, j->capitems * sizeof(item));
	}
	j->items[j->nitems++] = (item){tl_xstrdup(source), text, len, fd};
	j->text_bytes += len;
	if (p->fb && j->nitems - j->nread >= TL_FILEBATCH_MAX)
		read_pending(p, j);
	if (j->nitems >= BATCH_ITEMS || j->text_bytes >= BATCH_BYTES)
		close_job(p);
	return 0;
}

/* The reader hands over text (a CSV row, standard input). */
static int on_text(void *ud, const char *source, tl_buf *text, tl_error *err)
{
	pipeline *p = ud;
	(void)err;
	size_t len = text->len;
	return add_item(p, source, tl_buf_detach(text), len, -1);
}

/* A file to read: the reader reads it with the batch reader, a batch of
 * files at a time (see read_pending). Without one a worker reads it, in
 * parallel with the writer; the reader opens it first and asks the
 * kernel to read it ahead, so that files not in memory arrive from the
 * disk many at a time, not one after the other as each worker asks (see
 * ahead_budget). */
static int on_file(void *ud, const char *path, tl_error *err)
{
	pipeline *p = ud;
	int fd = -1;
	(void)err;
	/* Made and used by the reader thread alone: a ring serves the
	 * thread that set it up (on_file is the sink's only with workers). */
	if (!p->fb_tried) {
		p->fb_tried = 1;
		p->fb = tl_filebatch_new();
	}
	if (!p->fb && atomic_load(&p->ahead) < p->ahead_max &&
	    (fd = tl_open_ahead(path)) >= 0)
		atomic_fetch_add(&p->ahead, 1);
	return add_item(p, path, NULL, 0, fd);
}

/* A problem met while reading (an unreadable file, a broken CSV): after
 * the batch read before it, in a job of its own. */
static void on_problem(void *ud, const char *source, long line,
                       const char *severity, const char *msg)
{
	pipeline *p = ud;
	close_job(p);
	job *j = new_job(p);
	if (!j)
		return;
	j->is_problem = 1;
	j->state = 2;
	j->source = tl_xstrdup(source);
	j->severity = tl_xstrdup(severity);
	j->msg = tl_xstrdup(msg);
	j->line = line;
	push(p);
}

static int on_article(void *ud, const tl_article *a, tl_error *err)
{
	(void)ud, (void)a, (void)err;
	return 0; /* never called: text is handed over unparsed */
}

static void on_skipped(void *ud, const char *path)
{
	pipeline *p = ud;
	(void)path;
	p->stats->skipped++;
}

/* The reader: walks the paths and fills the ring (its own thread when
 * there are workers, so that the writer only writes). */
typedef struct {
	pipeline *p;
	const tl_article_sink *sink;
	const char *const *paths;
	size_t npaths;
	int rc;
	tl_error err;
} reader_args;

static void *reader(void *arg)
{
	reader_args *r = arg;
	pipeline *p = r->p;
	for (size_t i = 0; i < r->npaths && !r->rc; i++) {
		pthread_mutex_lock(&p->mu);
		int failing = p->rc;
		pthread_mutex_unlock(&p->mu);
		if (failing)
			break;
		r->rc = tl_article_read_path(r->paths[i], r->sink, &r->err);
	}
	close_job(p);
	tl_filebatch_free(p->fb);
	p->fb = NULL;
	pthread_mutex_lock(&p->mu);
	p->reading_done = 1;
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* How many files may be open ahead: every file of a full ring, within
 * half the descriptors the process may hold (SQLite and the caller need
 * theirs). A file past the budget is opened by the worker that reads
 * it. */
static int ahead_budget(void)
{
	struct rlimit rl;
	long n = RING * BATCH_ITEMS;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && (long)(rl.rlim_cur / 2) < n)
		n = (long)(rl.rlim_cur / 2);
	return (int)n;
}

/* Workers: one per core, unless TALLY_THREADS says otherwise (0: none).
 * While the writer stores they start jobs on the other cores only (see
 * pipeline.cores): on 2 cores the writer had waited 0.81 s of a 3.2 s
 * ingest for a core held by a worker (100k articles with keywords:
 * 3.24 -> 2.96 s). A spare worker, which kept the cores busy while the
 * writer slept before, buys nothing with that rule. */
static int worker_count(int cores)
{
	const char *env = getenv("TALLY_THREADS");
	long n = env && *env ? strtol(env, NULL, 10) : cores;
	return n < 0 ? 0 : n > 32 ? 32 : (int)n;
}

int tl_ingest_paths(tl_store *store, const tl_lexicon *lex,
                    const char *const *paths, size_t npaths,
                    tl_ingest_problem_fn problem_fn, void *ud,
                    tl_ingest_stats *stats, tl_error *err)
{
	return tl_ingest_paths_progress(store, lex, paths, npaths, problem_fn,
	                                NULL, ud, stats, err);
}

int tl_ingest_paths_progress(tl_store *store, const tl_lexicon *lex,
                             const char *const *paths, size_t npaths,
                             tl_ingest_problem_fn problem_fn,
                             tl_ingest_progress_fn progress, void *ud,
                             tl_ingest_stats *stats, tl_error *err)
{
	pipeline *p = tl_xcalloc(1, sizeof(*p));
	int rc = 0;
	memset(stats, 0, sizeof(*stats));
	p->store = store;
	p->lex = lex;
	p->stats = stats;
	p->on_problem = problem_fn;
	p->progress = progress;
	p->ud = ud;
	p->err = err;
	atomic_init(&p->ahead, 0);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	pthread_cond_init(&p->room, NULL);
	if ((rc = tl_store_begin(store, err)))
		goto out;
	p->hash_limit = tl_store_hash_limit(store);
	p->db_path = tl_store_path(store);
	if ((rc = tl_store_sync_lexicon(store, lex, err)) ||
	    (rc = sets_load(p, store, err)))
		goto fail;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	p->cores = cores < 1 ? 1 : cores > 64 ? 64 : (int)cores;
	int want = worker_count(p->cores);
	p->threads = tl_xcalloc((size_t)want + 1, sizeof(pthread_t));
	for (int i = 0; i < want; i++)
		if (pthread_create(&p->threads[p->nthreads], NULL, worker, p) ==
		    0)
			p->nthreads++;
	if (p->nthreads == 0)
		p->own = tl_extractor_new(lex);
	else
		p->ahead_max = ahead_budget();
	tl_article_sink sink = {on_article,
	                        on_problem,
	                        on_skipped,
	                        on_text,
	                        p->nthreads ? on_file : NULL,
	                        p};
	reader_args ra = {p, &sink, paths, npaths, 0, TL_ERROR_INIT};
	pthread_t rt;
	if (p->nthreads && pthread_create(&rt, NULL, reader, &ra) == 0) {
		write_all(p);
		pthread_join(rt, NULL);
	} else {
		reader(&ra);
		drain(p, 0, 1);
	}
	/* A failed write stops the reader too, with the writer's code but
	 * no message of its own: the writer's error is the one to tell. */
	rc = p->rc ? p->rc : ra.rc;
	if (!p->rc && ra.rc && err)
		*err = ra.err;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	for (int i = 0; i < RING; i++) /* stored or not */
		job_release(p, &p->ring[i]);
	if (!rc)
		rc = p->rc;
	if (rc)
		goto fail;
	if ((rc = tl_store_commit(store, err)))
		goto fail;
	goto out;
fail:
	tl_store_rollback(store);
out:
	tl_extractor_free(p->own);
	free(p->threads);
	free(p->batch);
	free(p->known.slot);
	free(p->stored.slot);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->room);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return rc;
}
