/* analyze/base.h - errors, the growable buffer and UTF-8 helpers every module
 * uses. */
#ifndef TL_BASE_H
#define TL_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Error codes: functions return 0 or one of these, negated. */
enum {
	TL_OK = 0,
	TL_ENOMEM = 1, /* out of memory */
	TL_EIO,        /* a file or stream could not be read or written */
	TL_EPARSE,     /* input is not in the expected form */
	TL_EDB,        /* SQLite reported an error */
	TL_EUSAGE,     /* the caller asked for something impossible */
	TL_ENOTFOUND,  /* a named thing does not exist */
	TL_EDRAW       /* cairo or Pango reported an error */
};

/* The caller owns a tl_error; a failing function fills it with one message
 * (lower-case, no full stop). The message is cut at the buffer's size. */
typedef struct {
	int code;
	char msg[512];
} tl_error;

#define TL_ERROR_INIT                                                          \
	{                                                                      \
		0,                                                             \
		{                                                              \
			0                                                      \
		}                                                              \
	}

/* Set err (may be NULL) and return -code, so callers can
 * `return tl_error_set(err, TL_EIO, "...")`. */
int tl_error_set(tl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tl_error_clear(tl_error *err);

/* A growable byte buffer whose buf is never NULL and always NUL-terminated.
 * Embedded: tl_buf_init / tl_buf_release. Allocation failure aborts: a
 * command-line tool that cannot get a few kilobytes cannot go on. */
typedef struct {
	char *buf;
	size_t len, cap;
} tl_buf;

#define TL_BUF_INIT                                                            \
	{                                                                      \
		tl_buf_empty, 0, 0                                             \
	}
extern char tl_buf_empty[];

void tl_buf_init(tl_buf *b);
void tl_buf_release(tl_buf *b);
void tl_buf_grow(tl_buf *b, size_t extra);
void tl_buf_add(tl_buf *b, const void *data, size_t len);
void tl_buf_adds(tl_buf *b, const char *s);
void tl_buf_addc(tl_buf *b, char c);
void tl_buf_addf(tl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* v in decimal (no printf: for what is written once a row or more). */
void tl_buf_add_int(tl_buf *b, long long v);
void tl_buf_reset(tl_buf *b);
/* Hand the bytes to the caller (free with free()); b is empty afterwards. */
char *tl_buf_detach(tl_buf *b);

/* Allocation helpers that abort on failure. */
void *tl_xmalloc(size_t n);
void *tl_xcalloc(size_t n, size_t size);
/* Zeroed like tl_xcalloc, but by writing: for hash tables that are read
 * before they are written. Fresh calloc memory reads as the shared zero
 * page, and the first write to each page then costs a copy and, once
 * other threads ran, a TLB shootdown on every core. */
void *tl_xzalloc(size_t n, size_t size);
void *tl_xrealloc(void *p, size_t n);
/* n * size, aborting (out of memory) when it does not fit a size_t. */
size_t tl_size_mul(size_t n, size_t size);
/* n bytes at a multiple of align (a power of two), for free(). */
void *tl_xaligned(size_t align, size_t n);
char *tl_xstrdup(const char *s);
char *tl_xstrndup(const char *s, size_t n);

/* Decode one UTF-8 code point at s (at most n bytes). Returns its length in
 * bytes (1-4) and stores the code point, or returns 0 on an invalid or
 * truncated sequence (overlong forms and surrogates are invalid). Inline
 * for ASCII and three-byte sequences (all of Chinese text), which the
 * scanners meet at every character. */
int tl_utf8_decode_any(const char *s, size_t n, uint32_t *cp);
/* The value of the three bytes at s, read as a lead E0-EF and two
 * continuation bytes, without testing them. */
static inline uint32_t tl_utf8_value3(const unsigned char *s)
{
	return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
	       (s[2] & 0x3F);
}
/* Is there a lead E0-EF and two continuation bytes at s (at most n)?
 * Their value in *cp, overlong forms and surrogates included: callers
 * that need a character test for those, as tl_utf8_decode does; a
 * scanner that no such value could stop need not. (tl_utf8_decode keeps
 * its own test inline: built on this one, a 20k ingest took 1 % more
 * instructions.) */
static inline int tl_utf8_seq3(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n < 3 || (s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 ||
	    (s[2] & 0xC0) != 0x80)
		return 0;
	*cp = tl_utf8_value3(s);
	return 1;
}
static inline int tl_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (n >= 3 && (s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		uint32_t c = tl_utf8_value3(s);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		*cp = c;
		return 3;
	}
	return tl_utf8_decode_any(str, n, cp);
}
/* Offset of the first invalid byte, or (size_t)-1 when s is valid UTF-8. */
size_t tl_utf8_invalid_at(const char *s, size_t n);
/* Is s valid UTF-8 without NUL bytes? (32 bytes a step where the CPU
 * can; tl_utf8_invalid_at and memchr say where it is not.) */
int tl_text_clean(const char *s, size_t n);
/* 。！？ or ASCII ! ? at s. Inline byte tests: called at every character
 * of every paragraph. */
static inline int tl_text_is_sentence_end(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!n)
		return 0;
	switch (s[0]) {
	case '!':
	case '?':
		return 1;
	case 0xE3: /* 。 */
		return n >= 3 && s[1] == 0x80 && s[2] == 0x82;
	case 0xEF: /* ！ ？ */
		return n >= 3 && s[1] == 0xBC && (s[2] == 0x81 || s[2] == 0x9F);
	default:
		return 0;
	}
}

/* Where the first of them at or after `from` starts, or n (32 offsets a
 * step where the CPU can). */
size_t tl_text_find_sentence_end(const char *s, size_t n, size_t from);
/* A few characters a scanner stops at, looked for 32 offsets a step: up to
 * TL_CHARSET_MAX characters of three UTF-8 bytes (the CJK ones), and the
 * ASCII digits when `digits` is set. Zero-initialised: empty. */
#define TL_CHARSET_MAX 32
typedef struct {
	unsigned char c[TL_CHARSET_MAX][3];
	/* The same 32 times over, for compares 32 offsets a step: the
	 * distinct first bytes (nleads), and each character's second and
	 * third bytes with the index of its first in which[]. */
	_Alignas(32) unsigned char lead[TL_CHARSET_MAX][32];
	_Alignas(32) unsigned char b1[TL_CHARSET_MAX][32];
	_Alignas(32) unsigned char b2[TL_CHARSET_MAX][32];
	unsigned char which[TL_CHARSET_MAX];
	size_t nleads;
	uint32_t bits[2048]; /* the same as a set of code points */
	size_t n;
	int digits;
} tl_charset;
/* Add cp (three bytes in UTF-8: U+0800..U+FFFF, not a surrogate); 0 when
 * it is not such a character or the set is full. */
int tl_charset_add(tl_charset *cs, uint32_t cp);
/* The first offset in [from, limit) where a character of cs starts (its
 * bytes may run up to n), else limit. In valid UTF-8 that is the first
 * of them a character-by-character scan meets; in invalid, too (their
 * bytes start with a lead byte, never inside another character). */
size_t tl_text_find_charset(const char *s, size_t n, size_t from, size_t limit,
                            const tl_charset *cs);
/* The last offset where a character of cs starts, n when none. */
size_t tl_text_find_last_charset(const char *s, size_t n, const tl_charset *cs);

/* Number of code points in s. */
size_t tl_utf8_len(const char *s, size_t n);
/* Append cp encoded as UTF-8. */
void tl_utf8_put(tl_buf *b, uint32_t cp);

/* Columns s takes on a terminal or in a spreadsheet: East Asian wide
 * characters count two. */
size_t tl_display_width(const char *s, size_t n);

/* Fold full-width digits and Latin letters and the ideographic and
 * no-break spaces to ASCII, drop zero-width characters and the BOM, copy
 * the rest (punctuation stays as written). The result is what the
 * extractor scans and stores; offsets refer to it. */
void tl_text_normalize(tl_buf *out, const char *s, size_t n);

/* Trim ASCII white space and the ideographic space at both ends; returns
 * the new length and moves *s. */
size_t tl_trim(const char **s, size_t n);

/* SHA-256 of data as 64 lowercase hex digits plus NUL. */
void tl_sha256_hex(const void *data, size_t n, char out[65]);
/* The same over pieces: init, add each, then the hex digits. */
typedef struct {
	uint32_t h[8];
	uint64_t n; /* bytes added */
	unsigned char tail[64];
} tl_sha256;
void tl_sha256_init(tl_sha256 *c);
void tl_sha256_add(tl_sha256 *c, const void *data, size_t n);
void tl_sha256_hex_end(tl_sha256 *c, char out[65]);

/* The length of lit when s (n bytes) starts with it, else 0. Compares as
 * it goes, so a mismatch on the first byte costs one comparison: the
 * scanners call this at every character. */
static inline size_t tl_at(const char *s, size_t n, const char *lit)
{
	size_t i = 0;
	for (; lit[i]; i++)
		if (i >= n || s[i] != lit[i])
			return 0;
	return i;
}

/* Does s end with suffix (ASCII case ignored)? */
int tl_str_ends(const char *s, const char *suffix);

/* The first occurrence of needle in hay, or NULL. */
const char *tl_memmem(const char *hay, size_t n, const char *needle, size_t k);

/* Read a whole file (or stdin for "-") into b. */
int tl_read_file(tl_buf *b, const char *path, tl_error *err);
/* The same; a regular file over max bytes (max > 0) is not read and 1 is
 * returned. *size (when not NULL) gets the file's size. */
int tl_read_file_max(tl_buf *b, const char *path, long long max,
                     long long *size, tl_error *err);
/* The same from a descriptor already open (left open); path names it in
 * errors, "-" standard input. */
int tl_read_fd_max(tl_buf *b, int fd, const char *path, long long max,
                   long long *size, tl_error *err);
/* Open a file that will be read soon and have the kernel start reading
 * it meanwhile: -1 when it cannot be opened (read it by name then, to
 * report why). */
int tl_open_ahead(const char *path);

#endif
