/* analyze/filebatch.c - small files read whole, a batch to a system call.
 *
 * An ingest of a folder read every file with open, posix_fadvise (to have
 * it read ahead), fstat, read and close: five system calls a file, 523k
 * for a series of 100k articles. On the virtual machines tally is
 * measured on, a system call costs microseconds of its own beside the
 * work it asks for, and those calls were about a tenth of the run's CPU
 * (docs/performance.md, "The batch-read session"). io_uring takes the same work
 * for a batch of files in one submission: each file's open (into a slot of the
 * ring's own file table, so that its read and close can be linked to it), read
 * and close, all files' chains at once. Files not in memory are read by
 * the kernel's workers meanwhile, many at a time (what posix_fadvise
 * WILLNEED did before). */
#include "filebatch.h"

#include <stdlib.h>
#include <string.h>

/* Every file left to the caller, until read. */
static void none_read(size_t n, char **text, size_t *len)
{
	for (size_t k = 0; k < n; k++) {
		text[k] = NULL;
		len[k] = 0;
	}
}

#ifdef TL_HAVE_URING

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
/* valgrind knows nothing of what the kernel writes through the ring */
#include <valgrind/memcheck.h>
#endif
#endif
#ifndef VALGRIND_MAKE_MEM_DEFINED
#define VALGRIND_MAKE_MEM_DEFINED(p, n) ((void)(p), (void)(n))
#endif

enum { OP_OPEN, OP_READ, OP_CLOSE };

struct tl_filebatch {
	struct io_uring ring;
	int broken; /* the ring failed: every later read is left to the
	               caller */
	/* Where the files are read to, TL_FILEBATCH_CAP bytes a file,
	 * kept from batch to batch: each file is then copied into a block
	 * of its size. (A block of the cap for each file, cut to size
	 * after, had every file land on pages never touched before: the
	 * blocks freed meanwhile, by other threads, were too small for the
	 * next cap.) */
	char *stage;
};

static int supported(struct io_uring *ring)
{
	struct io_uring_probe *probe = io_uring_get_probe_ring(ring);
	if (!probe)
		return 0;
	int ok = io_uring_opcode_supported(probe, IORING_OP_OPENAT) &&
	         io_uring_opcode_supported(probe, IORING_OP_READ) &&
	         io_uring_opcode_supported(probe, IORING_OP_CLOSE);
	io_uring_free_probe(probe);
	return ok;
}

tl_filebatch *tl_filebatch_new(void)
{
	const char *env = getenv("TALLY_URING");
	if (env && strcmp(env, "0") == 0)
		return NULL;
	tl_filebatch *b = calloc(1, sizeof(*b));
	if (!b ||
	    !(b->stage = malloc((size_t)TL_FILEBATCH_MAX * TL_FILEBATCH_CAP))) {
		free(b);
		return NULL;
	}
	/* One thread submits and waits: completions are run when it waits,
	 * not by interrupting it (kernels that lack the flags refuse them;
	 * then without). */
	struct io_uring_params params = {0};
#if defined(IORING_SETUP_SINGLE_ISSUER) && defined(IORING_SETUP_DEFER_TASKRUN)
	params.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
#endif
	int rc =
	    io_uring_queue_init_params(3 * TL_FILEBATCH_MAX, &b->ring, &params);
	if (rc == -EINVAL && params.flags) {
		memset(&params, 0, sizeof(params));
		rc = io_uring_queue_init_params(3 * TL_FILEBATCH_MAX, &b->ring,
		                                &params);
	}
	if (rc < 0)
		goto fail;
	if (!supported(&b->ring) ||
	    io_uring_register_files_sparse(&b->ring, TL_FILEBATCH_MAX) < 0) {
		io_uring_queue_exit(&b->ring);
		goto fail;
	}
	return b;
fail:
	free(b->stage);
	free(b);
	return NULL;
}

void tl_filebatch_free(tl_filebatch *b)
{
	if (!b)
		return;
	if (!b->broken)
		io_uring_queue_exit(&b->ring);
	free(b->stage);
	free(b);
}

static void prep(struct io_uring_sqe *sqe, size_t k, int op, unsigned flags)
{
	io_uring_sqe_set_data64(sqe, (unsigned long long)k << 2 | (unsigned)op);
	sqe->flags |= (unsigned char)flags;
}

void tl_filebatch_read(tl_filebatch *b, const char *const *paths, size_t n,
                       char **text, size_t *len)
{
	int res[TL_FILEBATCH_MAX];
	size_t m = n < TL_FILEBATCH_MAX ? n : TL_FILEBATCH_MAX;
	none_read(n, text, len);
	if (b->broken)
		return;
	for (size_t k = 0; k < m; k++) {
		char *stage = b->stage + k * TL_FILEBATCH_CAP;
		res[k] = -ECANCELED;
		/* The open goes into slot k of the ring's file table; the
		 * read is linked to it (not run when the open fails), the
		 * close hard-linked to the read (run even when the read is
		 * short, as it is for every file shorter than the buffer). */
		struct io_uring_sqe *sqe = io_uring_get_sqe(&b->ring);
		/* (no O_CLOEXEC: a slot is no descriptor, and the kernel
		 * refuses the flag for one) */
		io_uring_prep_openat_direct(sqe, AT_FDCWD, paths[k], O_RDONLY,
		                            0, (unsigned)k);
		prep(sqe, k, OP_OPEN, IOSQE_IO_LINK);
		sqe = io_uring_get_sqe(&b->ring);
		io_uring_prep_read(sqe, (int)k, stage, TL_FILEBATCH_CAP - 1, 0);
		prep(sqe, k, OP_READ, IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK);
		sqe = io_uring_get_sqe(&b->ring);
		io_uring_prep_close_direct(sqe, (unsigned)k);
		prep(sqe, k, OP_CLOSE, 0);
	}
	unsigned want = io_uring_sq_ready(&b->ring), seen = 0;
	int rc = io_uring_submit_and_wait(&b->ring, want);
	if (rc >= 0 && (unsigned)rc < want)
		rc = -EAGAIN; /* not all taken: give the ring up (below) */
	while (rc >= 0 && seen < want) {
		struct io_uring_cqe *cqe;
		rc = io_uring_wait_cqe(&b->ring, &cqe);
		if (rc == -EINTR) {
			rc = 0;
			continue;
		}
		if (rc < 0)
			break;
		unsigned long long data = io_uring_cqe_get_data64(cqe);
		if ((data & 3) == OP_READ)
			res[data >> 2] = cqe->res;
		io_uring_cqe_seen(&b->ring, cqe);
		seen++;
	}
	if (rc < 0) {
		/* Leaving the ring cancels what is in flight and waits for
		 * it: nothing writes into the stage after. */
		io_uring_queue_exit(&b->ring);
		b->broken = 1;
		return;
	}
	for (size_t k = 0; k < m; k++) {
		if (res[k] <= 0 || res[k] >= TL_FILEBATCH_CAP - 1 ||
		    !(text[k] = malloc((size_t)res[k] + 1)))
			continue;
		const char *stage = b->stage + k * TL_FILEBATCH_CAP;
		VALGRIND_MAKE_MEM_DEFINED(stage, (size_t)res[k]);
		memcpy(text[k], stage, (size_t)res[k]);
		text[k][res[k]] = '\0';
		len[k] = (size_t)res[k];
	}
}

#else /* no io_uring in this build */

tl_filebatch *tl_filebatch_new(void)
{
	return NULL;
}

void tl_filebatch_free(tl_filebatch *b)
{
	(void)b;
}

void tl_filebatch_read(tl_filebatch *b, const char *const *paths, size_t n,
                       char **text, size_t *len)
{
	(void)b, (void)paths;
	none_read(n, text, len);
}

#endif
