/* analyze/filebatch.h - small files read whole, a batch of them to a system
 * call (io_uring: open, read and close of each, linked, for all files of the
 * batch in one submission). Where the build or the kernel has no io_uring,
 * or TALLY_URING=0 is set, there is no batch reader and files are read one
 * system call at a time, as before. */
#ifndef TL_FILEBATCH_H
#define TL_FILEBATCH_H

#include <stddef.h>

/* Files a call reads at most. */
#define TL_FILEBATCH_MAX 32
/* A file is read up to this many bytes; one as long is left to the
 * caller (it may be longer). Articles in the text form are a few KB. */
#define TL_FILEBATCH_CAP (64 << 10)

typedef struct tl_filebatch tl_filebatch;

/* A batch reader for the calling thread (it alone may use it), or NULL
 * where there is none (see above). */
tl_filebatch *tl_filebatch_new(void);
void tl_filebatch_free(tl_filebatch *b);

/* Read the regular files paths[0..n), n <= TL_FILEBATCH_MAX: text[i] is
 * file i, malloc'd and NUL-terminated (the caller frees it), len[i] its
 * length; or text[i] NULL where this way could not read the whole file
 * (cannot be opened or read, empty, TL_FILEBATCH_CAP bytes or more): the
 * caller reads those the usual way, which tells why. */
void tl_filebatch_read(tl_filebatch *b, const char *const *paths, size_t n,
                       char **text, size_t *len);

#endif
