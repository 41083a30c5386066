/* analyze/wbehind.c - an SQLite VFS whose main database files write behind:
 * pages are copied into a queue and a thread of the file's own writes them.
 *
 * Why: a bulk load's writer thread is the ingest's longest chain, and on
 * this machine the kernel's copy of a new file's pages into fresh page
 * cache took from 0.1 to 1.0 s of it (100k articles, 490 MB), depending on
 * how recently the memory was last touched. Queued, that copy runs on the
 * other core while the writer goes on with the next rows.
 *
 * The pages of bodies go past the page cache (O_DIRECT), adjacent ones in
 * one write: the load never reads them back, and the copy into fresh
 * page cache was most of this thread's time (fresh memory costs this
 * machine's host a fault a page). Every other page goes through the page
 * cache, where the index builds at the end read the tables back. */
#define _GNU_SOURCE /* O_DIRECT */
#include "wbehind.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* 4 MB queued at most: a ring of 256 slots for pages of 16 KB, of 128
 * for pages of 32 KB (QUEUE_BYTES over the first write's size; every
 * slot keeps a buffer of a page). The thread is woken once WAKE_AT
 * writes wait (a futex wake a page cost more than it saved). */
#define SLOTS       256u
#define QUEUE_BYTES (4u << 20)
#define WAKE_AT     16u

/* Direct writes: buffers, offsets and sizes in units of DIRECT_ALIGN (the
 * largest logical block a disk has); at most DIRECT_RUN pages a write
 * (1 MB of 32 KB pages: 478 MB in 1 MB writes took 0.35 s here, in
 * 32 KB ones 1.78 s). */
#define DIRECT_ALIGN 4096
#define DIRECT_RUN   32

typedef struct {
	sqlite3_int64 off;
	int amt, cap;
	char *buf;
} slot;

typedef struct {
	sqlite3_file base;  /* pMethods = &io */
	sqlite3_file *real; /* the default VFS's file, after this struct */
	pthread_mutex_t mu;
	pthread_cond_t more; /* writes to do, or stop */
	pthread_cond_t done; /* a write done */
	slot q[SLOTS];
	unsigned ring;    /* slots in use: fixed by the first write */
	unsigned head, n; /* queued: q[head] (being written) .. n of them */
	int err;          /* the first failed write's code */
	int idle;         /* the thread waits on more */
	int waiting;      /* someone waits on done */
	int stop;
	int threaded;  /* else every write is done at once */
	int direct_fd; /* the file opened O_DIRECT, or -1 */
	sqlite3_int64 direct_bytes;
	pthread_t thread;
} wb_file;

static sqlite3_vfs vfs, *real_vfs;
static const sqlite3_io_methods io;

/* A page to write past the page cache: a table leaf of a few rows (bodies
 * of kilobytes each; the activities' and articles' leaves hold a hundred
 * and more; an empty one is a new table's root, read again when its first
 * rows come) or an overflow page (its first bytes the next one's number, 0
 * in a file of fewer than 2^24 pages). Not the first page: it holds the
 * file's header, rewritten at every commit. */
static int goes_direct(const wb_file *f, const slot *s)
{
	const unsigned char *pg = (const unsigned char *)s->buf;
	if (f->direct_fd < 0 || s->off == 0 || s->amt % DIRECT_ALIGN ||
	    s->off % DIRECT_ALIGN)
		return 0;
	unsigned cells = (unsigned)pg[3] << 8 | pg[4];
	return (pg[0] == 0x0D && cells >= 1 && cells < 16) || pg[0] == 0;
}

/* How many queued slots from the head to write as one: the head and the
 * adjacent pages after it that go direct too (all with f->mu held). */
static unsigned direct_run(const wb_file *f, struct iovec *iov, size_t *len)
{
	const slot *s = &f->q[f->head];
	if (!goes_direct(f, s))
		return 0;
	unsigned k = 0;
	sqlite3_int64 end = s->off;
	*len = 0;
	while (k < f->n && k < DIRECT_RUN) {
		const slot *t = &f->q[(f->head + k) % f->ring];
		if (t->off != end || !goes_direct(f, t))
			break;
		iov[k].iov_base = t->buf;
		iov[k].iov_len = (size_t)t->amt;
		end += t->amt;
		*len += (size_t)t->amt;
		k++;
	}
	return k;
}

/* Write slots head .. head + k - 1 (k > 1 only for a direct run). A
 * direct write the file refuses (EINVAL: a file system without direct
 * I/O, or stricter alignment) turns direct writes off, and with any other
 * short write the slots go the ordinary way, which tells the error. *len:
 * the bytes written direct, on return. */
static int write_slots(wb_file *f, unsigned k, const struct iovec *iov,
                       size_t *len)
{
	const slot *s = &f->q[f->head];
	if (k) {
		ssize_t w = pwritev(f->direct_fd, iov, (int)k, s->off);
		if (w == (ssize_t)*len)
			return SQLITE_OK;
		if (w < 0 && errno == EINVAL) {
			close(f->direct_fd);
			f->direct_fd = -1;
		}
	}
	*len = 0; /* none of it went direct */
	for (unsigned i = 0; i < (k ? k : 1); i++) {
		const slot *t = &f->q[(f->head + i) % f->ring];
		int rc =
		    f->real->pMethods->xWrite(f->real, t->buf, t->amt, t->off);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static void *write_out(void *arg)
{
	wb_file *f = arg;
	struct iovec iov[DIRECT_RUN];
	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (!f->n && !f->stop) {
			f->idle = 1;
			pthread_cond_wait(&f->more, &f->mu);
			f->idle = 0;
		}
		if (!f->n)
			break;
		int failed = f->err;
		size_t len = 0;
		unsigned k = failed ? 0 : direct_run(f, iov, &len);
		pthread_mutex_unlock(&f->mu);
		/* After a failure the rest are dropped: the file is lost. The
		 * slots being written stay queued (and readable) until done. */
		int rc = failed ? failed : write_slots(f, k, iov, &len);
		pthread_mutex_lock(&f->mu);
		if (rc == SQLITE_OK)
			f->direct_bytes += (sqlite3_int64)len;
		if (rc != SQLITE_OK && !f->err)
			f->err = rc;
		unsigned done = k ? k : 1;
		f->head = (f->head + done) % f->ring;
		f->n -= done;
		if (f->waiting)
			pthread_cond_broadcast(&f->done);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

/* With f->mu held: wait until at most left writes are queued. */
static void wait_queue(wb_file *f, unsigned left)
{
	while (f->n > left) {
		if (f->idle)
			pthread_cond_signal(&f->more);
		f->waiting++;
		pthread_cond_wait(&f->done, &f->mu);
		f->waiting--;
	}
}

/* Every queued write in the file; its error, if one failed. */
static int flush(wb_file *f)
{
	if (!f->threaded)
		return f->err;
	pthread_mutex_lock(&f->mu);
	wait_queue(f, 0);
	int rc = f->err;
	pthread_mutex_unlock(&f->mu);
	return rc;
}

static int wb_write(sqlite3_file *file, const void *buf, int amt,
                    sqlite3_int64 off)
{
	wb_file *f = (wb_file *)file;
	if (!f->threaded)
		return f->real->pMethods->xWrite(f->real, buf, amt, off);
	pthread_mutex_lock(&f->mu);
	if (!f->ring) {
		unsigned fit = QUEUE_BYTES / (amt > 0 ? (unsigned)amt : 1u);
		f->ring = fit > SLOTS ? SLOTS : fit ? fit : 1;
	}
	wait_queue(f, f->ring - 1);
	int rc = f->err;
	slot *s = &f->q[(f->head + f->n) % f->ring];
	pthread_mutex_unlock(&f->mu);
	if (rc)
		return rc;
	/* The free slot is this thread's alone until it is counted in. */
	if (s->cap < amt) {
		void *nb = NULL; /* aligned for direct writes */
		if (posix_memalign(&nb, DIRECT_ALIGN, (size_t)amt))
			return SQLITE_IOERR_NOMEM;
		free(s->buf);
		s->buf = nb;
		s->cap = amt;
	}
	memcpy(s->buf, buf, (size_t)amt);
	s->off = off;
	s->amt = amt;
	pthread_mutex_lock(&f->mu);
	f->n++;
	if (f->idle && f->n >= WAKE_AT)
		pthread_cond_signal(&f->more);
	pthread_mutex_unlock(&f->mu);
	return SQLITE_OK;
}

static int wb_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
	wb_file *f = (wb_file *)file;
	int rc = SQLITE_OK;
	if (f->threaded) {
		/* The newest queued write that overlaps decides: it holds the
		 * bytes, or the read waits for the file to have them. */
		pthread_mutex_lock(&f->mu);
		rc = f->err;
		for (unsigned i = f->n; i-- > 0 && !rc;) {
			const slot *s = &f->q[(f->head + i) % f->ring];
			if (s->off >= off + amt || off >= s->off + s->amt)
				continue;
			if (s->off <= off && off + amt <= s->off + s->amt) {
				memcpy(buf, s->buf + (off - s->off),
				       (size_t)amt);
				pthread_mutex_unlock(&f->mu);
				return SQLITE_OK;
			}
			wait_queue(f, 0);
			rc = f->err;
			break;
		}
		pthread_mutex_unlock(&f->mu);
		if (rc)
			return rc;
	}
	return f->real->pMethods->xRead(f->real, buf, amt, off);
}

static int wb_size(sqlite3_file *file, sqlite3_int64 *size)
{
	wb_file *f = (wb_file *)file;
	sqlite3_int64 queued = 0;
	int rc = SQLITE_OK;
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		rc = f->err;
		for (unsigned i = 0; i < f->n; i++) {
			const slot *s = &f->q[(f->head + i) % f->ring];
			if (s->off + s->amt > queued)
				queued = s->off + s->amt;
		}
		pthread_mutex_unlock(&f->mu);
	}
	if (!rc)
		rc = f->real->pMethods->xFileSize(f->real, size);
	if (!rc && queued > *size)
		*size = queued;
	return rc;
}

static int wb_close(sqlite3_file *file)
{
	wb_file *f = (wb_file *)file;
	int err = f->err;
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		wait_queue(f, 0);
		f->stop = 1;
		pthread_cond_signal(&f->more);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->thread, NULL);
		err = f->err;
		pthread_cond_destroy(&f->more);
		pthread_cond_destroy(&f->done);
		pthread_mutex_destroy(&f->mu);
	}
	for (unsigned i = 0; i < SLOTS; i++)
		free(f->q[i].buf);
	if (f->direct_fd >= 0)
		close(f->direct_fd);
	int rc = f->real->pMethods->xClose(f->real);
	return err ? err : rc;
}

/* The calls that must see the file as written: after the queue. */
#define AFTER_QUEUE(call)                                                      \
	wb_file *f = (wb_file *)file;                                          \
	int rc = flush(f);                                                     \
	return rc ? rc : f->real->pMethods->call

static int wb_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	AFTER_QUEUE(xTruncate(f->real, size));
}

static int wb_sync(sqlite3_file *file, int flags)
{
	AFTER_QUEUE(xSync(f->real, flags));
}

static int wb_unlock(sqlite3_file *file, int level)
{
	AFTER_QUEUE(xUnlock(f->real, level));
}

static int wb_control(sqlite3_file *file, int op, void *arg)
{
	AFTER_QUEUE(xFileControl(f->real, op, arg));
}

static int wb_shm_map(sqlite3_file *file, int page, int size, int extend,
                      void volatile **pp)
{
	AFTER_QUEUE(xShmMap(f->real, page, size, extend, pp));
}

static int wb_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	AFTER_QUEUE(xShmLock(f->real, offset, n, flags));
}

static int wb_shm_unmap(sqlite3_file *file, int delete_flag)
{
	AFTER_QUEUE(xShmUnmap(f->real, delete_flag));
}

static int wb_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **pp)
{
	AFTER_QUEUE(xFetch(f->real, off, amt, pp));
}

static void wb_shm_barrier(sqlite3_file *file)
{
	wb_file *f = (wb_file *)file;
	f->real->pMethods->xShmBarrier(f->real);
}

static int wb_lock(sqlite3_file *file, int level)
{
	wb_file *f = (wb_file *)file;
	return f->real->pMethods->xLock(f->real, level);
}

static int wb_reserved(sqlite3_file *file, int *out)
{
	wb_file *f = (wb_file *)file;
	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int wb_sector(sqlite3_file *file)
{
	wb_file *f = (wb_file *)file;
	return f->real->pMethods->xSectorSize(f->real);
}

static int wb_device(sqlite3_file *file)
{
	wb_file *f = (wb_file *)file;
	return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int wb_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
	wb_file *f = (wb_file *)file;
	return f->real->pMethods->xUnfetch(f->real, off, p);
}

static const sqlite3_io_methods io = {
    3,
    wb_close,
    wb_read,
    wb_write,
    wb_truncate,
    wb_sync,
    wb_size,
    wb_lock,
    wb_unlock,
    wb_reserved,
    wb_control,
    wb_sector,
    wb_device,
    wb_shm_map,
    wb_shm_lock,
    wb_shm_barrier,
    wb_shm_unmap,
    wb_fetch,
    wb_unfetch,
};

#define REAL_AT ((sizeof(wb_file) + 15) & ~(size_t)15)

/* The queue's lock, conditions and thread: 1, or 0 and none of them
 * (then the file writes at once). */
static int start(wb_file *f)
{
	if (pthread_mutex_init(&f->mu, NULL))
		return 0;
	if (pthread_cond_init(&f->more, NULL))
		goto no_more;
	if (pthread_cond_init(&f->done, NULL))
		goto no_done;
	if (!pthread_create(&f->thread, NULL, write_out, f))
		return 1;
	pthread_cond_destroy(&f->done);
no_done:
	pthread_cond_destroy(&f->more);
no_more:
	pthread_mutex_destroy(&f->mu);
	return 0;
}

static int wb_open(sqlite3_vfs *self, const char *name, sqlite3_file *file,
                   int flags, int *out_flags)
{
	(void)self;
	if (!(flags & SQLITE_OPEN_MAIN_DB))
		return real_vfs->xOpen(real_vfs, name, file, flags, out_flags);
	wb_file *f = (wb_file *)file;
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)((char *)file + REAL_AT);
	int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK || !f->real->pMethods ||
	    f->real->pMethods->iVersion < 3) {
		if (rc == SQLITE_OK && f->real->pMethods)
			f->real->pMethods->xClose(f->real);
		f->base.pMethods = NULL;
		return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
	}
	f->threaded = start(f);
	/* The same file again for direct writes; where that cannot be, all
	 * go through the page cache. */
	f->direct_fd = f->threaded && name
	                   ? open(name, O_WRONLY | O_DIRECT | O_CLOEXEC)
	                   : -1;
	f->base.pMethods = &io;
	return SQLITE_OK;
}

#define VFS_NAME "tally-wbehind"

static int registered;

static void register_vfs(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs || real_vfs->szOsFile < 0)
		return;
	/* The default VFS's every call but open, its app data too (the
	 * unix VFS keeps its locking style there). */
	vfs = *real_vfs;
	vfs.pNext = NULL;
	vfs.zName = VFS_NAME;
	vfs.szOsFile = (int)(REAL_AT + (size_t)real_vfs->szOsFile);
	vfs.xOpen = wb_open;
	registered = sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
}

const char *tl_wbehind_vfs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, register_vfs);
	return registered ? VFS_NAME : NULL;
}

static wb_file *wb_of(sqlite3 *db)
{
	sqlite3_file *file = NULL;
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER,
	                         &file) != SQLITE_OK ||
	    !file || file->pMethods != &io)
		return NULL;
	return (wb_file *)file;
}

sqlite3_int64 tl_wbehind_direct_bytes(sqlite3 *db)
{
	wb_file *f = wb_of(db);
	if (!f || !f->threaded)
		return 0;
	pthread_mutex_lock(&f->mu);
	sqlite3_int64 n = f->direct_bytes;
	pthread_mutex_unlock(&f->mu);
	return n;
}

int tl_wbehind_flush(sqlite3 *db)
{
	wb_file *f = wb_of(db);
	return f ? flush(f) : SQLITE_OK;
}
