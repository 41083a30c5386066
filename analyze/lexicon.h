/* analyze/lexicon.h - departments, aliases, keywords and kinds, from CSV files.
 */
#ifndef TL_LEXICON_H
#define TL_LEXICON_H

#include "base.h"
#include "match.h"

/* What a pattern in the lexicon's matcher stands for. */
enum {
	TL_M_DEPT = 1, /* id: index into depts */
	TL_M_KEYWORD,  /* id: index into keywords */
	TL_M_KIND,     /* id: index into kinds */
	TL_M_VERB,     /* an action verb: 召开, 举办 ... (id: TL_VERB_*) */
	TL_M_CONJ,     /* joins acting units: 联合, 与, 和, 、 ... */
	TL_M_UNIT,     /* a sub-unit word: 党委, 党支部, 团委 ... */
	TL_M_TITLE,    /* a person's title after a unit: 书记, 院长 ... */
	TL_M_SUFFIX,   /* ends a unit name: 学院, 中心, 处 ... */
	TL_M_INST      /* ends an institution's name: 大学, 科学院 */
};

typedef struct {
	char *name;     /* canonical full name */
	char *category; /* free text; "external" and "self" are special */
	char **aliases; /* NULL-terminated */
	int in_roster;  /* expected to report; silent ones are listed */
	int external;   /* another institution: not counted by default */
	int self;       /* the university itself: not a department */
} tl_department;

typedef struct {
	char *term, *group;
} tl_keyword;

typedef struct {
	char *kind;
	char **triggers; /* NULL-terminated */
} tl_kind;

typedef struct {
	tl_department *depts;
	size_t ndepts;
	tl_keyword *keywords;
	size_t nkeywords;
	tl_kind *kinds;
	size_t nkinds;
	tl_matcher *matcher; /* every term above plus the grammar words */
} tl_lexicon;

/* Load dir/departments.csv (required), dir/keywords.csv and dir/kinds.csv
 * (optional). A duplicate name, or an alias naming two departments, is an
 * error with file and line. On success *out belongs to the caller. */
int tl_lexicon_load(tl_lexicon **out, const char *dir, tl_error *err);
void tl_lexicon_free(tl_lexicon *lex);

/* What a verb's id tells: a verb that founds, holds or attends what
 * follows it (组建, 举办, 参加) never stands inside a unit's name, as 创新
 * may (青岛创新发展基地); after a speech verb (表示, 说) the unit is being
 * quoted, not acting. */
enum { TL_VERB_ACT, TL_VERB_FOUNDING, TL_VERB_SPEECH };

/* Index of the department named or aliased `name`, or -1. */
int tl_lexicon_find_dept(const tl_lexicon *lex, const char *name, size_t len);

/* The grammar words the extractor relies on (NULL-terminated lists). */
extern const char *const tl_grammar_verbs[];
extern const char *const tl_grammar_units[];
extern const char *const tl_grammar_suffixes[];

#endif
