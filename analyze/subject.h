/* analyze/subject.h - inside extraction: the text helpers and the rules that
 * read a sentence's subject (which units act). Not a public interface. */
#ifndef TL_SUBJECT_H
#define TL_SUBJECT_H

#include "cndate.h"
#include "lexicon.h"
#include "match.h"

/* What the subject reader needs of the extractor. */
typedef struct {
	const tl_lexicon *lex;
	tl_match_list toks; /* departments, verbs, units, titles, suffixes */
	const char *self;   /* the article's own university, if known */
	size_t self_len;
} tl_subject_ctx;

#define TL_MAX_CANDS 32

/* A unit named in the subject. */
typedef struct {
	int dept;        /* lexicon index or -1 */
	size_t pos, end; /* the name in the text */
	size_t unit_end; /* end of the sub-unit run (== end when none) */
	int external;
	int rejected;
	int titled; /* rejected as a person's title: 学院党委书记 */
} tl_cand;

/* The subject of a sentence: its units, and the verb that ended it. */
typedef struct {
	tl_cand c[TL_MAX_CANDS];
	size_t n;
	const tl_match *verb;
	int speech;
} tl_subject;

/* Length of the character at s, 1 for bytes that start none. */
static inline size_t tl_text_clen(const char *s, size_t n)
{
	uint32_t cp;
	int k = tl_utf8_decode(s, n, &cp);
	return k > 0 ? (size_t)k : 1;
}

/* ，：； or ASCII , : ; at s. */
static inline int tl_text_is_clause_break(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!n)
		return 0;
	switch (s[0]) {
	case ',':
	case ':':
	case ';':
		return 1;
	case 0xEF: /* ， ： ； */
		return n >= 3 && s[1] == 0xBC &&
		       (s[2] == 0x8C || s[2] == 0x9A || s[2] == 0x9B);
	default:
		return 0;
	}
}
/* Start of the clause holding pos, not before `from`. */
size_t tl_text_clause_start(const char *t, size_t from, size_t pos);
/* Start of the name that ends at s (a suffix), read back over Han
 * characters to a stop, a clause break or `floor`. */
size_t tl_subject_name_start(const char *t, size_t floor, size_t s);
/* The units before the first action verb of the sentence [from, se). */
void tl_subject_read(const tl_subject_ctx *ex, const char *t, size_t from,
                     size_t se, const tl_datex *dx, tl_subject *sb);
size_t tl_subject_accepted(const tl_subject *sb);

#endif
