/* analyze/article.c - article files into tl_article records. */
#include "article.h"
#include "cnnum.h"
#include "csvin.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum field { F_NONE, F_TITLE, F_DATE, F_VIEWS, F_BODY, F_SOURCE };

static const struct {
	const char *key;
	enum field field;
} KEYS[] = {{"标题", F_TITLE},    {"题目", F_TITLE},     {"发布日期", F_DATE},
            {"发布时间", F_DATE}, {"发表时间", F_DATE},  {"发表日期", F_DATE},
            {"更新日期", F_DATE}, {"更新时间", F_DATE},  {"日期", F_DATE},
            {"时间", F_DATE},     {"浏览次数", F_VIEWS}, {"浏览量", F_VIEWS},
            {"点击量", F_VIEWS},  {"点击数", F_VIEWS},   {"浏览数", F_VIEWS},
            {"阅读量", F_VIEWS},  {"点击次数", F_VIEWS}, {"阅读次数", F_VIEWS},
            {"正文内容", F_BODY}, {"正文", F_BODY},      {"内容", F_BODY},
            {"来源", F_SOURCE}};

/* "key: value" or "key：value" with a known key (a title key only, when
 * titles_only): the field, and the value's start in *val. */
static enum field header_field(const char *s, size_t n, int titles_only,
                               const char **val, size_t *vlen)
{
	for (size_t k = 0; k < sizeof(KEYS) / sizeof(KEYS[0]); k++) {
		if (titles_only && KEYS[k].field != F_TITLE)
			continue;
		/* Two bytes tell most keys apart from most lines. */
		const char *key = KEYS[k].key;
		if (n < 2 || s[0] != key[0] || s[1] != key[1])
			continue;
		size_t kl = strlen(key), i;
		if (n < kl || memcmp(s, key, kl) != 0)
			continue;
		i = kl;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == ':')
			i++;
		else if (n - i >= 3 && memcmp(s + i, "：", 3) == 0)
			i += 3;
		else
			continue;
		*val = s + i;
		*vlen = tl_trim(val, n - i);
		return KEYS[k].field;
	}
	return F_NONE;
}

void tl_article_series(const char *title, char **series, int *part)
{
	size_t n = strlen(title);
	const char *t = title;
	n = tl_trim(&t, n);
	*part = 0;
	/* The last bracketed number: （七） (7) （12） */
	size_t close_len = 0;
	if (n >= 3 && memcmp(t + n - 3, "）", 3) == 0)
		close_len = 3;
	else if (n >= 1 && t[n - 1] == ')')
		close_len = 1;
	if (close_len) {
		size_t end = n - close_len, open = end;
		while (open > 0 && t[open - 1] != '(' &&
		       !(open >= 3 && memcmp(t + open - 3, "（", 3) == 0) &&
		       end - open < 24)
			open--;
		size_t open_len = 0;
		if (open > 0 && t[open - 1] == '(')
			open_len = 1;
		else if (open >= 3 && memcmp(t + open - 3, "（", 3) == 0)
			open_len = 3;
		int64_t v;
		size_t used =
		    open_len ? tl_cnnum_parse(t + open, end - open, &v) : 0;
		if (used && used == end - open && v > 0 && v < 10000) {
			*part = (int)v;
			const char *s = t;
			size_t sl = tl_trim(&s, open - open_len);
			*series = tl_xstrndup(s, sl);
			return;
		}
	}
	*series = tl_xstrndup(t, n);
}

static long line_of(const char *data, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		line += data[i] == '\n';
	return line;
}

/* Reject what is not text; names the line. */
static int check_text(const char *data, size_t n, const char *source,
                      const tl_article_sink *sink)
{
	if (tl_text_clean(data, n))
		return 0;
	const char *nul = memchr(data, '\0', n);
	size_t bad = tl_utf8_invalid_at(data, n);
	char msg[160];
	if (nul && (bad == (size_t)-1 || (size_t)(nul - data) < bad)) {
		snprintf(msg, sizeof(msg), "binary data (NUL byte at byte %zu)",
		         (size_t)(nul - data));
		sink->problem(sink->ud, source,
		              line_of(data, (size_t)(nul - data)), "error",
		              msg);
		return -1;
	}
	if (bad != (size_t)-1) {
		snprintf(msg, sizeof(msg), "invalid UTF-8 at byte %zu", bad);
		sink->problem(sink->ud, source, line_of(data, bad), "error",
		              msg);
		return -1;
	}
	return 0;
}

typedef struct {
	tl_article a;
	int have_title, have_date, have_body_marker, date_bad;
	tl_buf body, title, date_text; /* body: normalised as it is read */
	size_t body_keep; /* body's length up to its last non-empty line */
	long body_lines;
} draft;

static void draft_reset(draft *d, const char *source, long line)
{
	memset(&d->a, 0, sizeof(d->a));
	d->a.source = source;
	d->a.line = line;
	d->a.views = -1;
	d->have_title = d->have_date = d->have_body_marker = d->date_bad = 0;
	tl_buf_reset(&d->body);
	tl_buf_reset(&d->title);
	tl_buf_reset(&d->date_text);
	d->body_keep = 0;
	d->body_lines = 0;
}

static long parse_views(const char *s, size_t n)
{
	int64_t v;
	if (n == 0)
		return -1;
	size_t used = tl_cnnum_parse(s, n, &v);
	if (!used || v > 2000000000)
		return -1;
	return (long)v;
}

/* The most room a body is given before its lines come (see F_BODY). */
#define BODY_ROOM (1u << 20)

/* Finish the article in d: validate, normalise, hash, hand over. */
static int finish(draft *d, const tl_article_sink *sink, tl_error *err)
{
	const char *src = d->a.source;
	if (!d->have_title && !d->have_date && !d->have_body_marker &&
	    d->body.len == 0)
		return 0;
	if (!d->have_title || !d->have_body_marker) {
		sink->problem(sink->ud, src, d->a.line, "error",
		              !d->have_title ? "no article header (标题: line)"
		                             : "no body (正文内容: line)");
		return 0;
	}
	if (!d->have_date || d->date_bad) {
		char msg[200];
		if (!d->have_date)
			snprintf(msg, sizeof(msg),
			         "no publish date (发布日期)");
		else
			snprintf(msg, sizeof(msg),
			         "impossible publish date '%.80s'",
			         d->date_text.buf);
		sink->problem(sink->ud, src, d->a.line, "error", msg);
		return 0;
	}
	/* Drop trailing empty lines; keep inner ones (they count as paras). */
	d->body.len = d->body_keep;
	if (d->body.cap)
		d->body.buf[d->body.len] = '\0';
	if (d->body.cap - d->body.len > 4096) { /* room another article left */
		d->body.buf = tl_xrealloc(d->body.buf, d->body.len + 1);
		d->body.cap = d->body.len + 1;
	}
	d->a.title = d->title.buf;
	tl_article_series(d->a.title, &d->a.series, &d->a.part);
	d->a.body = d->body.buf;
	d->a.body_len = d->body.len;
	d->a.body_buf = &d->body;
	char iso[11];
	tl_date_format(d->a.published, iso);
	tl_sha256 h;
	tl_sha256_init(&h);
	tl_sha256_add(&h, d->a.title, strlen(d->a.title));
	tl_sha256_add(&h, "\n", 1);
	tl_sha256_add(&h, iso, strlen(iso));
	tl_sha256_add(&h, "\n", 1);
	tl_sha256_add(&h, d->a.body, d->a.body_len);
	tl_sha256_hex_end(&h, d->a.sha256);
	int rc = sink->article(sink->ud, &d->a, err);
	free(d->a.series);
	d->a.series = NULL;
	return rc;
}

/* A line of the body, normalised (tl_text_normalize) on the way in. */
static void body_line(draft *d, const char *s, size_t n)
{
	tl_text_normalize(&d->body, s, n);
	if (n)
		d->body_keep = d->body.len;
	tl_buf_addc(&d->body, '\n');
}

int tl_article_parse_text(const char *data, size_t n, const char *source,
                          const tl_article_sink *sink, tl_error *err)
{
	if (check_text(data, n, source, sink))
		return 0;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, n -= 3;
	draft d;
	memset(&d, 0, sizeof(d));
	tl_buf_init(&d.body);
	tl_buf_init(&d.title);
	tl_buf_init(&d.date_text);
	draft_reset(&d, source, 1);
	int rc = 0, in_body = 0, stray = 0;
	long line = 0;
	for (size_t i = 0; i < n && !rc;) {
		const char *nl = memchr(data + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (data + i)) : n - i;
		const char *s = data + i;
		size_t sl = len;
		i += len + (nl != NULL);
		line++;
		while (sl && (s[sl - 1] == '\r' || s[sl - 1] == ' ' ||
		              s[sl - 1] == '\t'))
			sl--;
		const char *val;
		size_t vlen;
		const char *ts = s;
		size_t tn = tl_trim(&ts, sl);
		/* In a body only a title line can start the next article. */
		enum field f = header_field(ts, tn, in_body, &val, &vlen);
		if (in_body && f != F_TITLE) {
			body_line(&d, s, sl);
			continue;
		}
		if (f == F_TITLE && (in_body || d.have_title)) {
			rc = finish(&d, sink, err);
			draft_reset(&d, source, line);
			in_body = 0;
		}
		switch (f) {
		case F_TITLE:
			d.have_title = 1;
			tl_buf_add(&d.title, val, vlen);
			d.a.line = line;
			break;
		case F_DATE:
			if (d.have_date)
				break; /* the first date header wins */
			d.have_date = 1;
			tl_buf_add(&d.date_text, val, vlen);
			d.date_bad = tl_cndate_header(val, vlen, &d.a.published,
			                              d.a.time) != 0;
			break;
		case F_VIEWS:
			d.a.views = parse_views(val, vlen);
			break;
		case F_BODY:
			d.have_body_marker = 1;
			in_body = 1;
			d.a.body_line = line + 1;
			/* Room for the rest of the text at once, not grown a
			 * line at a time (a body a few KB long went through
			 * seven reallocations); finish gives back what a body
			 * followed by other articles leaves unused. */
			tl_buf_grow(&d.body,
			            n - i < BODY_ROOM ? n - i : BODY_ROOM);
			if (vlen) {
				d.a.body_line = line;
				body_line(&d, val, vlen);
			}
			break;
		case F_SOURCE:
			break;
		case F_NONE:
			if (tn && !d.have_title && !stray) {
				stray = 1;
				sink->problem(sink->ud, source, line, "error",
				              "no article header (标题: line)");
			}
			break;
		}
	}
	if (!rc)
		rc = finish(&d, sink, err);
	tl_buf_release(&d.body);
	tl_buf_release(&d.title);
	tl_buf_release(&d.date_text);
	return rc;
}

/* CSV of articles. */
typedef struct {
	const tl_article_sink *sink;
	const char *source;
	int col[5]; /* title, published, views, body, source; -1 = absent */
	int header_done, bad_header;
	int rc;
	tl_buf name;
} csv_state;

static const char *const CSV_COLS[5] = {"title", "published", "views", "body",
                                        "source"};

static int csv_row(void *ud, char **f, const size_t *lens, size_t nf, long line,
                   tl_error *err)
{
	csv_state *st = ud;
	const tl_article_sink *sink = st->sink;
	if (!st->header_done) {
		st->header_done = 1;
		for (int c = 0; c < 5; c++)
			st->col[c] = -1;
		for (size_t i = 0; i < nf; i++) {
			const char *t = f[i];
			size_t tn = tl_trim(&t, lens[i]);
			for (int c = 0; c < 5; c++)
				if (tn == strlen(CSV_COLS[c]) &&
				    memcmp(t, CSV_COLS[c], tn) == 0)
					st->col[c] = (int)i;
		}
		if (st->col[0] < 0 || st->col[1] < 0 || st->col[3] < 0) {
			sink->problem(sink->ud, st->source, line, "error",
			              "not a CSV of articles (header needs "
			              "title,published,views,body)");
			st->bad_header = 1;
			return 1; /* stop reading this file */
		}
		return 0;
	}
	if (nf == 1 && lens[0] == 0)
		return 0;
	tl_buf text = TL_BUF_INIT;
	/* A field, "" when the row is short of it. */
#define FIELD(c, len)                                                          \
	(st->col[c] >= 0 && (size_t)st->col[c] < nf                            \
	     ? ((len) = lens[st->col[c]], f[st->col[c]])                       \
	     : ((len) = 0, ""))
	size_t title_n, pub_n, views_n, body_n, src_n;
	const char *title = FIELD(0, title_n), *pub = FIELD(1, pub_n),
	           *views = FIELD(2, views_n), *body = FIELD(3, body_n),
	           *src = FIELD(4, src_n);
#undef FIELD
	(void)src_n;
	if ((size_t)st->col[3] >= nf) {
		char msg[96];
		snprintf(msg, sizeof(msg),
		         "row has %zu fields, the header more", nf);
		sink->problem(sink->ud, st->source, line, "error", msg);
		return 0;
	}
	/* Rebuild the text form so both inputs share one parser (copies,
	 * not a printf over a body of many KB). */
	tl_buf_grow(&text, title_n + pub_n + views_n + body_n + 64);
	tl_buf_adds(&text, "标题: ");
	tl_buf_add(&text, title, title_n);
	tl_buf_adds(&text, "\n发布日期: ");
	tl_buf_add(&text, pub, pub_n);
	tl_buf_adds(&text, "\n浏览次数: ");
	tl_buf_add(&text, views, views_n);
	tl_buf_adds(&text, "\n正文内容:\n");
	tl_buf_add(&text, body, body_n);
	tl_buf_addc(&text, '\n');
	tl_buf_reset(&st->name);
	if (*src)
		tl_buf_adds(&st->name, src);
	else {
		tl_buf_adds(&st->name, st->source);
		tl_buf_addc(&st->name, ':');
		tl_buf_add_int(&st->name, line);
	}
	int rc = sink->text ? sink->text(sink->ud, st->name.buf, &text, err)
	                    : tl_article_parse_text(text.buf, text.len,
	                                            st->name.buf, sink, err);
	tl_buf_release(&text);
	return rc;
}

/* After a CSV read: its outcome as the sink should hear it. */
static int csv_done(int rc, csv_state *st, tl_error *local, const char *source,
                    tl_error *err)
{
	const tl_article_sink *sink = st->sink;
	tl_buf_release(&st->name);
	if (rc == 1 || st->bad_header)
		return 0;
	if (rc < 0 && (local->code == TL_EPARSE || local->code == TL_EIO)) {
		/* "name:LINE: reason" from the CSV reader: file, line, reason
		 */
		size_t k = strlen(source);
		long line = 0;
		const char *msg = local->msg;
		if (strncmp(msg, source, k) == 0 && msg[k] == ':') {
			char *end;
			line = strtol(msg + k + 1, &end, 10);
			msg = *end == ':' ? end + 1 : msg;
			while (*msg == ' ')
				msg++;
		}
		sink->problem(sink->ud, source, line, "error", msg);
		return 0;
	}
	if (rc < 0 && err)
		*err = *local;
	return rc;
}

int tl_article_parse_csv(const char *data, size_t n, const char *source,
                         const tl_article_sink *sink, tl_error *err)
{
	if (check_text(data, n, source, sink))
		return 0;
	csv_state st;
	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.source = source;
	tl_buf_init(&st.name);
	tl_error local = TL_ERROR_INIT;
	int rc = tl_csv_read_mem(data, n, source, csv_row, &st, &local);
	return csv_done(rc, &st, &local, source, err);
}

/* A CSV file of any size, read in chunks; each row's text is checked
 * where it is parsed. */
static int parse_csv_file(const char *path, const tl_article_sink *sink,
                          tl_error *err)
{
	csv_state st;
	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.source = path;
	tl_buf_init(&st.name);
	tl_error local = TL_ERROR_INIT;
	int rc = tl_csv_read_file(path, csv_row, &st, &local);
	return csv_done(rc, &st, &local, path, err);
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && strcasecmp(s + n - k, suf) == 0;
}

static int looks_csv(const char *path, const char *data, size_t n)
{
	if (has_suffix(path, ".csv"))
		return 1;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, n -= 3;
	return n >= 6 && memcmp(data, "title,", 6) == 0;
}

/* Does the first line name the article columns? Other CSV files found
 * in a folder (an answer key, a lexicon) are passed over, not errors. */
static int csv_has_article_header(const char *data, size_t n)
{
	const char *nl = memchr(data, '\n', n);
	size_t len = nl ? (size_t)(nl - data) : n;
	int title = 0, body = 0;
	for (size_t i = 0; i <= len;) {
		const char *comma = memchr(data + i, ',', len - i);
		size_t fl = comma ? (size_t)(comma - (data + i)) : len - i;
		const char *f = data + i;
		size_t tn = tl_trim(&f, fl);
		if (tn >= 2 && f[0] == '"' && f[tn - 1] == '"')
			f++, tn -= 2;
		title |= tn == 5 && memcmp(f, "title", 5) == 0;
		body |= tn == 4 && memcmp(f, "body", 4) == 0;
		i += fl + 1;
	}
	return title && body;
}

/* A file in the text form, up to TL_ARTICLE_MAX_FILE bytes: an article is
 * a few kilobytes; a larger file is no article (and would not fit in the
 * memory tally allows itself). */
static int read_text(tl_buf *b, const char *path, int fd, tl_error *err)
{
	long long size = 0;
	int rc =
	    fd >= 0
	        ? tl_read_fd_max(b, fd, path, TL_ARTICLE_MAX_FILE, &size, err)
	        : tl_read_file_max(b, path, TL_ARTICLE_MAX_FILE, &size, err);
	if (rc == 1)
		return tl_error_set(
		    err, TL_EPARSE,
		    "file of %lld MB is too large for articles in "
		    "the text form (at most %d MB; use CSV)",
		    size >> 20, TL_ARTICLE_MAX_FILE >> 20);
	return rc;
}

int tl_article_read_text_file(const char *path, int fd,
                              const tl_article_sink *sink, long long *bytes,
                              tl_error *err)
{
	tl_buf b = TL_BUF_INIT;
	tl_error local = TL_ERROR_INIT;
	int rc = 0;
	int unread = read_text(&b, path, fd, &local);
	if (bytes)
		*bytes = (long long)b.len;
	if (unread)
		sink->problem(sink->ud, path, 0, "error", local.msg);
	else if (b.len == 0)
		sink->problem(sink->ud, path, 0, "error", "empty file");
	else
		rc = tl_article_parse_text(b.buf, b.len, path, sink, err);
	tl_buf_release(&b);
	return rc;
}

/* The first line of a file (at most 64 KB of it). */
static void first_line(const char *path, tl_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	tl_buf_grow(out, 65536);
	size_t got = fread(out->buf, 1, 65535, f);
	out->buf[got] = '\0';
	out->len = got;
	char *nl = memchr(out->buf, '\n', got);
	if (nl) {
		*nl = '\0';
		out->len = (size_t)(nl - out->buf);
	}
	fclose(f);
}

static int read_file(const char *path, const tl_article_sink *sink,
                     int in_folder, tl_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	if (!is_stdin && has_suffix(path, ".csv")) {
		struct stat st;
		if (stat(path, &st) == 0 && st.st_size == 0) {
			sink->problem(sink->ud, path, 0, "error", "empty file");
			return 0;
		}
		if (in_folder) {
			/* CSV files that are not articles (an answer key, a
			 * lexicon) are passed over. */
			tl_buf head = TL_BUF_INIT;
			first_line(path, &head);
			size_t bom =
			    head.len >= 3 &&
			            memcmp(head.buf, "\xEF\xBB\xBF", 3) == 0
			        ? 3
			        : 0;
			int articles = csv_has_article_header(head.buf + bom,
			                                      head.len - bom);
			tl_buf_release(&head);
			if (!articles) {
				if (sink->skipped)
					sink->skipped(sink->ud, path);
				return 0;
			}
		}
		return parse_csv_file(path, sink, err);
	}
	if (sink->file && !is_stdin)
		return sink->file(sink->ud, path, err);
	tl_buf b = TL_BUF_INIT;
	tl_error local = TL_ERROR_INIT;
	int rc = read_text(&b, path, -1, &local);
	if (rc) {
		sink->problem(sink->ud, path, 0, "error", local.msg);
		tl_buf_release(&b);
		return 0;
	}
	if (b.len == 0)
		sink->problem(sink->ud, path, 0, "error", "empty file");
	else if (looks_csv(path, b.buf, b.len))
		rc = tl_article_parse_csv(b.buf, b.len, path, sink, err);
	else if (sink->text)
		rc = sink->text(sink->ud, path, &b, err);
	else
		rc = tl_article_parse_text(b.buf, b.len, path, sink, err);
	tl_buf_release(&b);
	return rc;
}

static int wanted(const char *name)
{
	return has_suffix(name, ".txt") || has_suffix(name, ".csv") ||
	       has_suffix(name, ".text");
}

/* A folder entry and what readdir says it is (DT_UNKNOWN: ask stat).
 * key holds the name's first 16 bytes, big-endian and padded with
 * zeros, so that most comparisons of a sort are two of integers: with
 * strcmp on every one, sorting 100k names in readdir's order took 31 ms,
 * before any file was read. */
typedef struct {
	uint64_t key[2];
	size_t at;        /* of the name in the folder's names buffer */
	const char *name; /* there, once every name is in */
	unsigned char type;
} dir_entry;

static void entry_key(dir_entry *d, const char *name, size_t len)
{
	for (size_t w = 0; w < 2; w++) {
		uint64_t k = 0;
		for (size_t i = 0; i < 8; i++) {
			size_t at = w * 8 + i;
			k = k << 8 | (at < len ? (unsigned char)name[at] : 0u);
		}
		d->key[w] = k;
	}
}

static int cmp_entry(const void *a, const void *b)
{
	const dir_entry *x = a, *y = b;
	for (size_t w = 0; w < 2; w++)
		if (x->key[w] != y->key[w])
			return x->key[w] < y->key[w] ? -1 : 1;
	/* The same first 16 bytes: a name shorter than that ends there. */
	return strnlen(x->name, 16) < 16 ? 0
	                                 : strcmp(x->name + 16, y->name + 16);
}

static int read_dir(const char *path, const tl_article_sink *sink,
                    tl_error *err, int depth)
{
	DIR *dir = opendir(path);
	if (!dir) {
		char msg[300];
		snprintf(msg, sizeof(msg), "cannot open folder: %s",
		         strerror(errno));
		sink->problem(sink->ud, path, 0, "error", msg);
		return 0;
	}
	dir_entry *entries = NULL;
	size_t n = 0, cap = 0;
	tl_buf names = TL_BUF_INIT; /* every name, each ended by a NUL */
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			entries = tl_xrealloc(entries, cap * sizeof(*entries));
		}
		size_t len = strlen(e->d_name);
		entry_key(&entries[n], e->d_name, len);
		entries[n].at = names.len;
		entries[n++].type = e->d_type;
		tl_buf_add(&names, e->d_name, len + 1);
	}
	closedir(dir);
	for (size_t i = 0; i < n; i++)
		entries[i].name = names.buf + entries[i].at;
	if (n > 1)
		qsort(entries, n, sizeof(*entries), cmp_entry);
	int rc = 0;
	tl_buf full = TL_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (rc)
			break;
		tl_buf_reset(&full);
		tl_buf_adds(&full, path);
		if (full.len && full.buf[full.len - 1] != '/')
			tl_buf_addc(&full, '/');
		const char *name = entries[i].name;
		tl_buf_adds(&full, name);
		/* The folder says what most entries are: no stat for them. */
		int is_dir = entries[i].type == DT_DIR,
		    is_reg = entries[i].type == DT_REG;
		if (!is_dir && !is_reg) {
			struct stat st;
			if (lstat(full.buf, &st) != 0)
				continue;
			if (S_ISLNK(st.st_mode)) {
				/* Follow links to files, never to folders: no
				 * loops. */
				if (stat(full.buf, &st) != 0 ||
				    S_ISDIR(st.st_mode)) {
					if (sink->skipped)
						sink->skipped(sink->ud,
						              full.buf);
					continue;
				}
			}
			is_dir = S_ISDIR(st.st_mode);
			is_reg = S_ISREG(st.st_mode);
		}
		if (is_dir) {
			if (depth < 64)
				rc = read_dir(full.buf, sink, err, depth + 1);
		} else if (is_reg && wanted(name)) {
			rc = read_file(full.buf, sink, 1, err);
		} else if (sink->skipped) {
			sink->skipped(sink->ud, full.buf);
		}
	}
	tl_buf_release(&full);
	tl_buf_release(&names);
	free(entries);
	return rc;
}

int tl_article_read_path(const char *path, const tl_article_sink *sink,
                         tl_error *err)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return read_file(path, sink, 0, err);
	if (stat(path, &st) != 0) {
		char msg[300];
		snprintf(msg, sizeof(msg), "cannot open: %s", strerror(errno));
		sink->problem(sink->ud, path, 0, "error", msg);
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return read_dir(path, sink, err, 0);
	return read_file(path, sink, 0, err);
}
