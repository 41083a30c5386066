/* analyze/csvin.c - a row-at-a-time CSV reader: libcsv, with a fast path
 * for the rows that need no state machine.
 *
 * libcsv reads a byte at a time through a state machine: about 2.8 ns a
 * byte here, a second of the reader's CPU for a CSV of 100k articles,
 * most of whose bytes are the inside of a quoted body. So a row is
 * first tried by the fast path: fields quoted (the inside found with
 * memchr, "" unescaped) or bare (no quote, no space at either end), the
 * row ended by LF or CR LF. Anything else - a space before or after a
 * quote, a blank line, a lone CR, a quote in a bare field, a row not
 * ended - is left to libcsv, which parses that row from its first byte
 * with the options it always had (strict; a quote never closed is an
 * error) and says what is wrong. The fast path takes a row only where
 * libcsv would give the same fields; tests/unit/test_csvin.c and the
 * csv fuzzer compare the two on every input they make (TL_CSV_LIBCSV
 * reads with libcsv alone). */
#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file is read CHUNK bytes at a time; fast_row answers a size, or
 * NEED_MORE or NOT_SIMPLE. */
enum { CHUNK = 1 << 16, NEED_MORE = -1, NOT_SIMPLE = -2 };

typedef struct {
	struct csv_parser p;
	tl_buf row;   /* the current row's fields, each NUL-terminated */
	size_t *offs; /* where each field starts in row.buf */
	size_t *lens; /* and its length, without the NUL */
	size_t nfields, cap;
	tl_csv_row_fn fn;
	void *ud;
	tl_error *err;
	const char *name;
	int rc;
	int libcsv_only;
	long line;      /* line being read */
	long row_start; /* the line after the last row's end */
} reader;

static void field_begin(reader *r)
{
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->offs = tl_xrealloc(r->offs, r->cap * sizeof(size_t));
		r->lens = tl_xrealloc(r->lens, r->cap * sizeof(size_t));
	}
	r->offs[r->nfields] = r->row.len;
}

static void field_end(reader *r)
{
	r->lens[r->nfields] = r->row.len - r->offs[r->nfields];
	r->nfields++;
	tl_buf_addc(&r->row, '\0');
}

static void clear_row(reader *r)
{
	r->nfields = 0;
	tl_buf_reset(&r->row);
}

/* The row is complete: hand it over. */
static void emit(reader *r)
{
	char *ptrs[64];
	char **pv =
	    r->nfields > 64 ? tl_xmalloc(r->nfields * sizeof(char *)) : ptrs;
	for (size_t i = 0; i < r->nfields; i++)
		pv[i] = r->row.buf + r->offs[i];
	r->rc = r->fn(r->ud, pv, r->lens, r->nfields, r->row_start, r->err);
	if (pv != ptrs)
		free(pv);
	clear_row(r);
}

/* libcsv's callbacks (nothing is kept once the read has stopped). */
static void on_field(void *data, size_t len, void *ud)
{
	reader *r = ud;
	if (r->rc)
		return;
	field_begin(r);
	tl_buf_add(&r->row, data ? data : "", data ? len : 0);
	field_end(r);
}

static void on_row(int c, void *ud)
{
	reader *r = ud;
	(void)c;
	if (!r->rc)
		emit(r);
	r->row_start = r->line + 1;
}

static long count_nl(const char *s, size_t n)
{
	long k = 0;
	const char *e = s + n;
	while ((s = memchr(s, '\n', (size_t)(e - s))) != NULL)
		k++, s++;
	return k;
}

/* The fast path: one row from its first byte, if it is of the simple
 * kind (see the top), into the empty row. Returns the bytes the row
 * took, NEED_MORE when the row may go on past n, or NOT_SIMPLE; then
 * the fields it began are left for the caller to clear. */
static long fast_row(reader *r, const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	long lines = 0;
	if (p < e && (*p == '\n' || *p == '\r'))
		return NOT_SIMPLE; /* a blank line: libcsv skips it */
	for (;;) {
		if (p == e)
			return NEED_MORE;
		field_begin(r);
		if (*p == '"') {
			const char *q = p + 1;
			for (;;) {
				const char *z = memchr(q, '"', (size_t)(e - q));
				if (!z || z + 1 == e)
					return NEED_MORE;
				tl_buf_add(&r->row, q, (size_t)(z - q));
				lines += count_nl(q, (size_t)(z - q));
				if (z[1] != '"') {
					p = z + 1;
					break;
				}
				/* "" inside quotes: one quote */
				tl_buf_addc(&r->row, '"');
				q = z + 2;
			}
		} else {
			const char *q = p;
			while (q < e && *q != ',' && *q != '\n' && *q != '\r' &&
			       *q != '"')
				q++;
			if (q == e)
				return NEED_MORE;
			/* A quote in a bare field: libcsv tells the error. */
			if (*q == '"')
				return NOT_SIMPLE;
			if (q > p && (*p == ' ' || *p == '\t' || q[-1] == ' ' ||
			              q[-1] == '\t'))
				return NOT_SIMPLE; /* libcsv trims these */
			tl_buf_add(&r->row, p, (size_t)(q - p));
			p = q;
		}
		field_end(r);
		/* After a field: a comma, or the row's end. */
		if (p == e)
			return NEED_MORE;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\r') {
			if (p + 1 == e)
				return NEED_MORE;
			p++; /* CR LF: libcsv ends the row at CR, skips LF */
		}
		if (*p != '\n')
			return NOT_SIMPLE;
		r->line += lines + 1;
		emit(r);
		r->row_start = r->line;
		return (long)(p + 1 - s);
	}
}

/* Where a row libcsv is to read ends: the first LF outside quotes (by
 * their parity, which is libcsv's in-quote state as long as the text is
 * valid; where it is not, libcsv stops inside). 0: not within n. */
static size_t extent(const char *s, size_t n)
{
	int odd = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"')
			odd ^= 1;
		else if (s[i] == '\n' && !odd)
			return i + 1;
	return 0;
}

/* Give libcsv n bytes a line at a time, so that rows know their line. */
static void feed(reader *r, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !r->rc) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (s + i)) + 1 : n - i;
		if (csv_parse(&r->p, s + i, len, on_field, on_row, r) != len) {
			r->rc = tl_error_set(
			    r->err, TL_EPARSE, "%s:%ld: %s", r->name, r->line,
			    csv_error(&r->p) == CSV_EPARSE
			        ? "malformed CSV (a quote not closed, or "
			          "text after a closing quote)"
			        : csv_strerror(csv_error(&r->p)));
			break;
		}
		i += len;
		if (nl)
			r->line++;
	}
}

/* Read rows from s; returns the bytes used. A row that may go on past n
 * is left for the next call, unless eof. */
static size_t scan(reader *r, const char *s, size_t n, int eof)
{
	size_t i = 0;
	if (r->libcsv_only) {
		feed(r, s, n);
		return n;
	}
	while (i < n && !r->rc) {
		long used = fast_row(r, s + i, n - i);
		if (used > 0) {
			i += (size_t)used;
			continue;
		}
		clear_row(r);
		if (used == NEED_MORE && !eof)
			break;
		size_t len = extent(s + i, n - i);
		if (!len && !eof)
			break;
		if (!len)
			len = n - i;
		feed(r, s + i, len);
		i += len;
	}
	return i;
}

/* Nothing to release when it fails. */
static int start(reader *r, tl_csv_row_fn fn, void *ud, const char *name,
                 int flags, tl_error *err)
{
	memset(r, 0, sizeof(*r));
	tl_buf_init(&r->row);
	r->fn = fn;
	r->ud = ud;
	r->err = err;
	r->name = name;
	r->libcsv_only = (flags & TL_CSV_LIBCSV) != 0;
	r->line = r->row_start = 1;
	if (csv_init(&r->p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI))
		return tl_error_set(err, TL_ENOMEM, "cannot start CSV parser");
	/* Its field buffer grows by this much (by 128 bytes otherwise: 35
	 * reallocs for a body of 4.5 KB). */
	csv_set_blk_size(&r->p, 1 << 14);
	return 0;
}

static int finish(reader *r)
{
	if (!r->rc && csv_fini(&r->p, on_field, on_row, r) != 0 && !r->rc)
		r->rc = tl_error_set(r->err, TL_EPARSE,
		                     "%s:%ld: unterminated quoted field",
		                     r->name, r->row_start);
	csv_free(&r->p);
	tl_buf_release(&r->row);
	free(r->offs);
	free(r->lens);
	return r->rc;
}

static size_t skip_bom(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int tl_csv_read_mem_flags(const char *data, size_t n, const char *name,
                          int flags, tl_csv_row_fn fn, void *ud, tl_error *err)
{
	reader r;
	int rc = start(&r, fn, ud, name, flags, err);
	if (rc)
		return rc;
	size_t bom = skip_bom(data, n);
	scan(&r, data + bom, n - bom, 1);
	return finish(&r);
}

int tl_csv_read_mem(const char *data, size_t n, const char *name,
                    tl_csv_row_fn fn, void *ud, tl_error *err)
{
	return tl_csv_read_mem_flags(data, n, name, 0, fn, ud, err);
}

/* Read a CSV file 64 KB at a time: a file of any size in bounded
 * memory (a row longer than that grows the buffer to hold it). */
int tl_csv_read_file(const char *path, tl_csv_row_fn fn, void *ud,
                     tl_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return tl_error_set(err, TL_EIO, "cannot open '%s': %s", path,
		                    strerror(errno));
	reader r;
	int rc = start(&r, fn, ud, path, 0, err);
	if (rc) {
		if (!is_stdin)
			close(fd);
		return rc;
	}
	size_t cap = CHUNK, have = 0, at = 0;
	char *buf = tl_xmalloc(cap);
	int first = 1, eof = 0;
	while (!r.rc) {
		if (have == cap) { /* a row longer than the buffer */
			cap *= 2;
			buf = tl_xrealloc(buf, cap);
		}
		/* Fill the buffer, so that a long row is looked at again
		 * only when the buffer has doubled, not at every read. */
		while (have < cap && !eof) {
			ssize_t got = read(fd, buf + have, cap - have);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0) {
				r.rc = tl_error_set(err, TL_EIO,
				                    "cannot read '%s': %s",
				                    path, strerror(errno));
				break;
			}
			eof = got == 0;
			have += (size_t)got;
		}
		if (r.rc)
			break;
		if (first)
			at = skip_bom(buf, have), first = 0;
		at += scan(&r, buf + at, have - at, eof);
		memmove(buf, buf + at, have - at);
		have -= at;
		at = 0;
		if (eof)
			break;
	}
	free(buf);
	if (!is_stdin)
		close(fd);
	return finish(&r);
}

char **tl_split_bar(const char *s, size_t *count)
{
	size_t cap = 4, n = 0;
	char **v = tl_xmalloc(cap * sizeof(char *));
	while (s && *s) {
		const char *bar = strchr(s, '|');
		size_t len = bar ? (size_t)(bar - s) : strlen(s);
		const char *t = s;
		size_t tn = tl_trim(&t, len);
		if (tn) {
			if (n + 2 > cap) {
				cap *= 2;
				v = tl_xrealloc(v, cap * sizeof(char *));
			}
			v[n++] = tl_xstrndup(t, tn);
		}
		s = bar ? bar + 1 : s + len;
	}
	v[n] = NULL;
	if (count)
		*count = n;
	return v;
}

void tl_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}
