/* analyze/article.h - reading articles: the seed's text form, CSV, folders,
 * stdin. */
#ifndef TL_ARTICLE_H
#define TL_ARTICLE_H

#include "base.h"
#include "cndate.h"

/* Files in the text form larger than this are refused (CSV streams). */
#define TL_ARTICLE_MAX_FILE (32 << 20)

typedef struct {
	const char *source; /* file name, "-" for stdin */
	long line;          /* line of the source where the article starts */
	long body_line;     /* line of the source holding body line 1 */
	char *title;
	char *series; /* title without its part number, "" if none */
	int part;     /* 7 for "（七）", 0 when the title has none */
	tl_date published;
	char time[6]; /* "HH:MM" or "" */
	long views;   /* -1 when not given */
	char *body;   /* LF-separated lines, trailing spaces removed */
	size_t body_len;
	/* The buffer holding body, when a sink may keep it: tl_buf_detach
	 * takes it (NULL: body must be copied to be kept). */
	tl_buf *body_buf;
	char sha256[65]; /* of title, publish date and body */
} tl_article;

/* Where articles and problems go. Returning non-zero from `article`
 * stops the read with that code. */
typedef struct {
	int (*article)(void *ud, const tl_article *a, tl_error *err);
	void (*problem)(void *ud, const char *source, long line,
	                const char *severity, const char *msg);
	/* Files passed over in folders (not .txt or .csv). */
	void (*skipped)(void *ud, const char *path);
	/* When set, input in the text form is handed over unparsed (a CSV
	 * row rebuilt as text): the callee may take the bytes with
	 * tl_buf_detach and parse them later, on another thread, with
	 * tl_article_parse_text. */
	int (*text)(void *ud, const char *source, tl_buf *text, tl_error *err);
	/* When set, a file in the text form (not .csv) is handed over by
	 * name, unread, to be read with tl_article_read_text_file (perhaps
	 * opened ahead with tl_open_ahead). */
	int (*file)(void *ud, const char *path, tl_error *err);
	void *ud;
} tl_article_sink;

/* Read a file, a folder (recursively, in sorted order, not following
 * symbolic links to folders) or "-" (stdin). A file that cannot be used
 * goes to sink->problem and the read goes on; the return value is 0
 * unless the sink stopped it. */
int tl_article_read_path(const char *path, const tl_article_sink *sink,
                         tl_error *err);

/* Parse articles in the text form from memory (several may follow each
 * other, each starting with a 标题 line). */
int tl_article_parse_text(const char *data, size_t n, const char *source,
                          const tl_article_sink *sink, tl_error *err);

/* Parse a CSV of articles with header title,published,views,body[,source]. */
int tl_article_parse_csv(const char *data, size_t n, const char *source,
                         const tl_article_sink *sink, tl_error *err);

/* Read one file in the text form and parse it (problems to the sink);
 * *bytes (when not NULL) gets the bytes read. fd: the file already open
 * (left open), or -1 to open path. */
int tl_article_read_text_file(const char *path, int fd,
                              const tl_article_sink *sink, long long *bytes,
                              tl_error *err);

/* Split "……精神（七）" into series and part; *part = 0 when none. */
void tl_article_series(const char *title, char **series, int *part);

#endif
