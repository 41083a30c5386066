/* analyze/csvin.c - a row-at-a-time CSV reader on top of libcsv. */
#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	tl_buf *fields; /* one buffer per field of the current row */
	size_t nfields, cap;
	tl_csv_row_fn fn;
	void *ud;
	tl_error *err;
	int rc;
	long line;      /* line being fed */
	long row_start; /* line the current row began on */
	int in_row;
} reader;

static void on_field(void *data, size_t len, void *ud)
{
	reader *r = ud;
	if (r->rc)
		return;
	r->in_row = 1;
	if (r->nfields == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		r->fields = tl_xrealloc(r->fields, cap * sizeof(tl_buf));
		for (size_t i = r->cap; i < cap; i++)
			tl_buf_init(&r->fields[i]);
		r->cap = cap;
	}
	tl_buf *f = &r->fields[r->nfields++];
	tl_buf_reset(f);
	tl_buf_add(f, data ? data : "", data ? len : 0);
	if (!f->cap)
		tl_buf_grow(f, 1); /* writable, so callers may edit fields */
}

static void on_row(int c, void *ud)
{
	reader *r = ud;
	(void)c;
	if (r->rc) {
		r->nfields = 0;
		return;
	}
	char *ptrs[64] = {0};
	size_t lens[64] = {0};
	char **pv = ptrs;
	size_t *lv = lens;
	if (r->nfields > 64) {
		pv = tl_xmalloc(r->nfields * sizeof(char *));
		lv = tl_xmalloc(r->nfields * sizeof(size_t));
	}
	for (size_t i = 0; i < r->nfields; i++) {
		pv[i] = r->fields[i].buf;
		lv[i] = r->fields[i].len;
	}
	r->rc = r->fn(r->ud, pv, lv, r->nfields, r->row_start, r->err);
	if (pv != ptrs) {
		free(pv);
		free(lv);
	}
	r->nfields = 0;
	r->in_row = 0;
	r->row_start = r->line + 1;
}

/* Feed a chunk line by line, so that rows know where they start. */
static int feed(struct csv_parser *p, reader *r, const char *data, size_t n,
                const char *name)
{
	size_t i = 0;
	while (i < n && !r->rc) {
		const char *nl = memchr(data + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (data + i)) + 1 : n - i;
		if (csv_parse(p, data + i, len, on_field, on_row, r) != len) {
			r->rc = tl_error_set(
			    r->err, TL_EPARSE, "%s:%ld: %s", name, r->line,
			    csv_error(p) == CSV_EPARSE
			        ? "malformed CSV (a quote not closed, or "
			          "text after a closing quote)"
			        : csv_strerror(csv_error(p)));
			break;
		}
		i += len;
		if (nl)
			r->line++;
	}
	return r->rc;
}

static int finish(struct csv_parser *p, reader *r, const char *name)
{
	if (!r->rc && csv_fini(p, on_field, on_row, r) != 0 && !r->rc)
		r->rc = tl_error_set(r->err, TL_EPARSE,
		                     "%s:%ld: unterminated quoted field", name,
		                     r->row_start);
	csv_free(p);
	for (size_t k = 0; k < r->cap; k++)
		tl_buf_release(&r->fields[k]);
	free(r->fields);
	return r->rc;
}

int tl_csv_read_mem(const char *data, size_t n, const char *name,
                    tl_csv_row_fn fn, void *ud, tl_error *err)
{
	struct csv_parser p;
	reader r = {NULL, 0, 0, fn, ud, err, 0, 1, 1, 0};
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
		return tl_error_set(err, TL_ENOMEM, "cannot start CSV parser");
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, n -= 3;
	feed(&p, &r, data, n, name);
	return finish(&p, &r, name);
}

/* Read a CSV file in chunks: a file of any size in bounded memory. */
int tl_csv_read_file(const char *path, tl_csv_row_fn fn, void *ud,
                     tl_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return tl_error_set(err, TL_EIO, "cannot open '%s': %s", path,
		                    strerror(errno));
	struct csv_parser p;
	reader r = {NULL, 0, 0, fn, ud, err, 0, 1, 1, 0};
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
		if (!is_stdin)
			fclose(f);
		return tl_error_set(err, TL_ENOMEM, "cannot start CSV parser");
	}
	char *chunk = tl_xmalloc(1 << 16);
	int first = 1;
	size_t got;
	while (!r.rc && (got = fread(chunk, 1, 1 << 16, f)) > 0) {
		const char *d = chunk;
		if (first && got >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
			d += 3, got -= 3;
		first = 0;
		feed(&p, &r, d, got, path);
	}
	if (!r.rc && ferror(f))
		r.rc = tl_error_set(err, TL_EIO, "cannot read '%s': %s", path,
		                    strerror(errno));
	free(chunk);
	if (!is_stdin)
		fclose(f);
	return finish(&p, &r, path);
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
