/* analyze/extract.h - paragraphs of an article into activity records. */
#ifndef TL_EXTRACT_H
#define TL_EXTRACT_H

#include "article.h"
#include "cndate.h"
#include "cnnum.h"
#include "lexicon.h"

/* A keyword counted in an activity's paragraph. */
typedef struct {
	int keyword; /* index into the lexicon's keywords */
	int n;
} tl_hit;

/* One (paragraph, acting department). Pointers are into the article and
 * the extractor, valid until the next extraction. */
typedef struct {
	int para; /* 1-based line of the body */
	tl_datex date;
	int dept; /* lexicon index, -1 for a name from suffix rules */
	const char *dept_name; /* canonical name */
	int external;          /* a unit of another institution */
	const char *unit;      /* 党支部 ..., NULL when none */
	int kind;              /* lexicon kind index, -1 when unknown */
	tl_count participants;
	const char *text; /* the paragraph */
	size_t text_len;
	size_t sent_start, sent_end; /* the sentence that says it */
	size_t dept_pos, dept_len;   /* the department phrase */
	size_t hit_first, nhits;     /* into the hits array */
} tl_activity;

/* Paragraphs longer than this are no prose (a runaway line of a broken
 * page): they are not read for activities, and the ingest says so. */
#define TL_EXTRACT_MAX_PARA (64 << 10)

typedef struct tl_extractor tl_extractor;

/* The lexicon must outlive the extractor. */
tl_extractor *tl_extractor_new(const tl_lexicon *lex);
void tl_extractor_free(tl_extractor *ex);

/* Every activity of an article. *acts and *hits belong to the extractor
 * and stay valid until its next call. */
void tl_extract_article(tl_extractor *ex, const tl_article *a,
                        const tl_activity **acts, size_t *nacts,
                        const tl_hit **hits);

/* A paragraph tl_extract_article passed over: longer than
 * TL_EXTRACT_MAX_PARA. */
typedef struct {
	int para; /* 1-based line of the body */
	size_t len;
} tl_extract_skip;

/* The paragraphs the last tl_extract_article passed over, in order;
 * valid until the extractor's next call. */
void tl_extract_skipped(const tl_extractor *ex, const tl_extract_skip **v,
                        size_t *n);

/* The same for one paragraph (tests, fuzzing, `tally explain`). Text, as
 * articles' bodies, is normalised and valid UTF-8. */
void tl_extract_paragraph(tl_extractor *ex, const char *text, size_t n,
                          int para, tl_date published, const tl_activity **acts,
                          size_t *nacts, const tl_hit **hits);

/* Is this paragraph a heading, caption or byline rather than prose? */
int tl_extract_is_heading(const char *text, size_t n);

#endif
