/* analyze/match.h - Aho-Corasick over UTF-8 bytes: every lexicon term in one
 * pass. */
#ifndef TL_MATCH_H
#define TL_MATCH_H

#include <stddef.h>

typedef struct tl_matcher tl_matcher;

/* One occurrence of a pattern: bytes [start, end) of the text. */
typedef struct {
	size_t start, end;
	int type; /* the caller's kind of pattern */
	int id;   /* the caller's number for it */
} tl_match;

/* A growable list of matches. */
typedef struct {
	tl_match *v;
	size_t n, cap;
} tl_match_list;

#define TL_MATCH_LIST_INIT                                                     \
	{                                                                      \
		NULL, 0, 0                                                     \
	}
void tl_match_list_release(tl_match_list *l);

tl_matcher *tl_matcher_new(void);
void tl_matcher_free(tl_matcher *m);
/* Add a pattern (non-empty bytes). The same bytes may carry several
 * (type, id) pairs; a repeated (bytes, type) keeps the first id and
 * returns 1, else 0. Call before tl_matcher_build. */
int tl_matcher_add(tl_matcher *m, const char *pat, size_t len, int type,
                   int id);
/* Compute failure links; the matcher is read-only afterwards and may be
 * shared between threads. */
void tl_matcher_build(tl_matcher *m);

/* Append every occurrence of every pattern in s to out (cleared first),
 * sorted by start, then longer first. */
void tl_matcher_find(const tl_matcher *m, const char *s, size_t n,
                     tl_match_list *out);

/* The same for s known to be valid UTF-8 (what tl_utf8_invalid_at
 * accepts): characters are decoded without the tests broken text needs.
 * On other bytes it may read up to two bytes past s + n. */
void tl_matcher_find_utf8(const tl_matcher *m, const char *s, size_t n,
                          tl_match_list *out);

/* The same, walking the automaton a byte at a time (what tl_matcher_find
 * does when a pattern is not UTF-8; the tests compare the two). */
void tl_matcher_find_bytes(const tl_matcher *m, const char *s, size_t n,
                           tl_match_list *out);

/* Keep, of the matches in `all` whose type is in `types` (a bit mask,
 * 1u << type), the leftmost-longest non-overlapping ones, in text order,
 * into out (cleared first). */
void tl_match_select(const tl_match_list *all, unsigned types,
                     tl_match_list *out);
/* The same for n selections at once (n <= 8): types[k] into outs[k]. */
void tl_match_select_each(const tl_match_list *all, const unsigned *types,
                          tl_match_list *const *outs, size_t n);
#define TL_TYPE(t) (1u << (t))

#endif
