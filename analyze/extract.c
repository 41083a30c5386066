/* analyze/extract.c - who did what when: a paragraph's tokens and the rules
 * over them.
 *
 * A paragraph is scanned once by the lexicon's automaton. The tokens
 * (departments, verbs, conjunctions, sub-unit words, titles, name
 * suffixes) are read left to right from the clause that holds the date:
 * the departments before the first action verb are the ones acting. A
 * department that is a person's affiliation (学院党委书记某某, 学院的教师)
 * is not acting; nor is one followed by a speech verb (表示, 说). */
#include "extract.h"
#include "subject.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct tl_extractor {
	const tl_lexicon *lex;
	tl_match_list all, toks, kws, kinds;
	tl_activity *acts;
	size_t nacts, capacts;
	tl_hit *hits;
	size_t nhits, caphits;
	char **strs; /* names and units made for this call */
	size_t nstrs, capstrs;
	int *kwcount;             /* per keyword, scratch */
	tl_extract_skip *skipped; /* paragraphs passed over as too long */
	size_t nskipped, capskipped;
	/* The article's own university when the lexicon names none in it:
	 * the "…大学" named most often. */
	char self[64];
	size_t self_len;
};

tl_extractor *tl_extractor_new(const tl_lexicon *lex)
{
	tl_extractor *ex = tl_xcalloc(1, sizeof(*ex));
	ex->lex = lex;
	ex->kwcount = tl_xcalloc(lex->nkeywords + 1, sizeof(int));
	return ex;
}

static void reset(tl_extractor *ex)
{
	for (size_t i = 0; i < ex->nstrs; i++)
		free(ex->strs[i]);
	ex->nstrs = 0;
	ex->nacts = 0;
	ex->nhits = 0;
	ex->nskipped = 0;
}

void tl_extractor_free(tl_extractor *ex)
{
	if (!ex)
		return;
	reset(ex);
	free(ex->strs);
	free(ex->acts);
	free(ex->hits);
	free(ex->kwcount);
	free(ex->skipped);
	tl_match_list_release(&ex->all);
	tl_match_list_release(&ex->toks);
	tl_match_list_release(&ex->kws);
	tl_match_list_release(&ex->kinds);
	free(ex);
}

static const char *keep(tl_extractor *ex, const char *s, size_t n)
{
	if (ex->nstrs == ex->capstrs) {
		ex->capstrs = ex->capstrs ? ex->capstrs * 2 : 16;
		ex->strs = tl_xrealloc(ex->strs, ex->capstrs * sizeof(char *));
	}
	return ex->strs[ex->nstrs++] = tl_xstrndup(s, n);
}

#define at tl_at

int tl_extract_is_heading(const char *t, size_t n)
{
	/* A character takes at most four bytes: past 4 * 60 there are more
	 * than 60 of them, whatever the walk below would meet first. */
	if (n > 4 * 60)
		return 0;
	size_t chars = 0;
	for (size_t i = 0; i < n; i += tl_text_clen(t + i, n - i)) {
		if (tl_text_is_sentence_end(t + i, n - i) ||
		    at(t + i, n - i, "；"))
			return 0;
		chars++;
	}
	return chars <= 60;
}

/* The end of the sentence that runs from `from`: past its 。！？!?, or n.
 * Bytes are tested, not characters: in UTF-8 the lead bytes of 。(E3)
 * and ！？(EF) and ASCII never occur inside another character. */
static size_t sentence_end(const char *t, size_t n, size_t from)
{
	size_t i = tl_text_find_sentence_end(t, n, from);
	return i < n ? i + tl_text_clen(t + i, n - i) : n;
}

static void push_act(tl_extractor *ex, const tl_activity *a)
{
	if (ex->nacts == ex->capacts) {
		ex->capacts = ex->capacts ? ex->capacts * 2 : 16;
		ex->acts = tl_xrealloc(ex->acts, ex->capacts * sizeof(*a));
	}
	ex->acts[ex->nacts++] = *a;
}

static int dept_seen(const tl_extractor *ex, size_t first, const char *name)
{
	for (size_t i = first; i < ex->nacts; i++)
		if (strcmp(ex->acts[i].dept_name, name) == 0)
			return 1;
	return 0;
}

/* The kind: the first trigger from the verb on, else the first anywhere. */
static int find_kind(const tl_extractor *ex, size_t from, size_t se)
{
	for (size_t i = 0; i < ex->kinds.n; i++)
		if (ex->kinds.v[i].start >= from && ex->kinds.v[i].start < se)
			return ex->kinds.v[i].id;
	return ex->kinds.n ? ex->kinds.v[0].id : -1;
}

/* Keyword hits of the paragraph, outside department names. */
static void count_hits(tl_extractor *ex, size_t *first, size_t *n)
{
	const tl_lexicon *lex = ex->lex;
	*first = ex->nhits;
	/* Both selections are in text order without overlaps: the one token
	 * that can hold a keyword is the first that ends after its start. */
	size_t j = 0;
	for (size_t i = 0; i < ex->kws.n; i++) {
		const tl_match *kw = &ex->kws.v[i];
		while (j < ex->toks.n && ex->toks.v[j].end <= kw->start)
			j++;
		const tl_match *d = j < ex->toks.n ? &ex->toks.v[j] : NULL;
		if (!d || d->type != TL_M_DEPT || d->start > kw->start ||
		    kw->end > d->end)
			ex->kwcount[kw->id]++;
	}
	for (size_t i = 0; i < ex->kws.n; i++) {
		int id = ex->kws.v[i].id;
		if (!ex->kwcount[id])
			continue;
		if (ex->nhits == ex->caphits) {
			ex->caphits = ex->caphits ? ex->caphits * 2 : 64;
			ex->hits =
			    tl_xrealloc(ex->hits, ex->caphits * sizeof(tl_hit));
		}
		ex->hits[ex->nhits].keyword = id;
		ex->hits[ex->nhits].n = ex->kwcount[id];
		ex->nhits++;
		ex->kwcount[id] = 0;
	}
	(void)lex;
	*n = ex->nhits - *first;
}

/* Without any date, a paragraph tells an activity only when a unit opens
 * it (船舶学院……党支部代表学校参加……); a unit met later in such a paragraph
 * is someone's affiliation or an object (……院长代表某委员会宣布). The
 * university's own name may stand before the unit. */
static int opens_clause(const tl_extractor *ex, const char *t, size_t ss,
                        const tl_subject *sb)
{
	const tl_cand *c = NULL;
	for (size_t i = 0; i < sb->n && !c; i++)
		if (!sb->c[i].rejected)
			c = &sb->c[i];
	size_t cs = tl_text_clause_start(t, ss, c->pos);
	for (size_t k = 0; k < ex->toks.n && cs < c->pos; k++) {
		const tl_match *m = &ex->toks.v[k];
		if (m->start == cs && m->type == TL_M_DEPT &&
		    ex->lex->depts[m->id].self)
			cs = m->end;
	}
	return cs == c->pos;
}

/* One sentence [ss, se) of a paragraph: its activities, if it has a
 * subject. `dx` is the date phrase that governs it. */
static void sentence_acts(tl_extractor *ex, const char *t, size_t n, int para,
                          size_t ss, size_t se, const tl_datex *dx,
                          size_t para_first)
{
	const tl_lexicon *lex = ex->lex;
	size_t from = ss;
	if (dx->len && dx->pos >= ss && dx->pos < se)
		from = tl_text_clause_start(t, ss, dx->pos);
	tl_subject sb;
	tl_subject_ctx cx = {ex->lex, ex->toks, ex->self, ex->self_len};
	tl_subject_read(&cx, t, from, se, dx, &sb);
	if (sb.speech || !tl_subject_accepted(&sb))
		return;
	if (!dx->len && !opens_clause(ex, t, ss, &sb))
		return;
	size_t verb_at = sb.verb ? sb.verb->start : from;
	int kind = find_kind(ex, verb_at, se);
	tl_count count;
	if (!tl_cnnum_participants(t + ss, se - ss, &count))
		count.value = -1;
	else
		count.start += ss, count.end += ss;
	int first_with_count = 1;
	for (size_t i = 0; i < sb.n; i++) {
		const tl_cand *c = &sb.c[i];
		if (c->rejected)
			continue;
		tl_activity a;
		memset(&a, 0, sizeof(a));
		a.para = para;
		a.date = *dx;
		a.dept = c->dept;
		a.dept_name = c->dept >= 0
		                  ? lex->depts[c->dept].name
		                  : keep(ex, t + c->pos, c->end - c->pos);
		if (dept_seen(ex, para_first, a.dept_name))
			continue;
		a.external = c->external;
		a.unit = c->unit_end > c->end
		             ? keep(ex, t + c->end, c->unit_end - c->end)
		             : NULL;
		a.kind = kind;
		a.participants = count;
		if (!first_with_count)
			a.participants.value = -1;
		first_with_count = 0;
		a.text = t;
		a.text_len = n;
		a.sent_start = ss;
		a.sent_end = se;
		a.dept_pos = c->pos;
		a.dept_len = c->unit_end - c->pos;
		push_act(ex, &a);
	}
}

/* The article's own university: the "…大学" its text names most often
 * (a news site writes about its own school). Only used where the lexicon
 * names no institution as `self`. */
static void find_self(tl_extractor *ex, const char *t, size_t n)
{
	enum { MAXN = 16 };
	struct {
		size_t pos, len;
		int count;
	} seen[MAXN];
	size_t nseen = 0;
	ex->self_len = 0;
	for (const char *p = t;
	     (p = tl_memmem(p, n - (size_t)(p - t), "大学", 6)); p += 6) {
		size_t end = (size_t)(p - t) + 6;
		size_t s0 = tl_subject_name_start(t, 0, (size_t)(p - t));
		if ((size_t)(p - t) - s0 < 6 || end - s0 > sizeof(ex->self))
			continue;
		size_t i = 0;
		while (i < nseen &&
		       !(seen[i].len == end - s0 &&
		         memcmp(t + seen[i].pos, t + s0, end - s0) == 0))
			i++;
		if (i == nseen) {
			if (nseen == MAXN)
				continue;
			seen[nseen].pos = s0;
			seen[nseen].len = end - s0;
			seen[nseen++].count = 0;
		}
		seen[i].count++;
	}
	size_t best = 0;
	for (size_t i = 1; i < nseen; i++)
		if (seen[i].count > seen[best].count)
			best = i;
	if (nseen) {
		memcpy(ex->self, t + seen[best].pos, seen[best].len);
		ex->self_len = seen[best].len;
	}
}

static void paragraph(tl_extractor *ex, const char *t, size_t n, int para,
                      tl_date pub)
{
	const tl_lexicon *lex = ex->lex;
	const char *s = t;
	size_t sn = tl_trim(&s, n);
	if (sn == 0 || at(s, sn, "。") || at(s, sn, "：") || at(s, sn, "，") ||
	    at(s, sn, "、"))
		return; /* empty, or the tail of a sentence broken apart */
	tl_datex dx;
	int found = tl_cndate_find(t, n, pub, &dx);
	if (tl_extract_is_heading(t, n) &&
	    !(found &&
	      (dx.precision == TL_PREC_DAY || dx.precision == TL_PREC_SPAN)))
		return;
	/* Paragraphs are valid UTF-8 (the reader rejects what is not). */
	assert(tl_utf8_invalid_at(t, n) == (size_t)-1);
	tl_matcher_find_utf8(lex->matcher, t, n, &ex->all);
	static const unsigned types[] = {
	    TL_TYPE(TL_M_DEPT) | TL_TYPE(TL_M_VERB) | TL_TYPE(TL_M_CONJ) |
	        TL_TYPE(TL_M_UNIT) | TL_TYPE(TL_M_TITLE) |
	        TL_TYPE(TL_M_SUFFIX) | TL_TYPE(TL_M_INST),
	    TL_TYPE(TL_M_KEYWORD), TL_TYPE(TL_M_KIND)};
	tl_match_list *const outs[] = {&ex->toks, &ex->kws, &ex->kinds};
	tl_match_select_each(&ex->all, types, outs, 3);
	size_t first = ex->nacts;
	/* The sentence with the date (or the first one) speaks first. */
	size_t ss = 0, se;
	if (found && dx.len) {
		ss = tl_text_clause_start(t, 0, dx.pos);
		while (ss > 0) { /* back to the sentence start */
			size_t p = ss - 1;
			while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80)
				p--;
			if (tl_text_is_sentence_end(t + p, n - p))
				break;
			ss = p;
		}
	}
	se = sentence_end(t, n, found && dx.len ? dx.pos + dx.len : 0);
	sentence_acts(ex, t, n, para, ss, se, &dx, first);
	/* Later sentences that open with a date of their own: a round-up
	 * may tell several activities in one paragraph. */
	while (se < n) {
		size_t s2 = se, e2 = sentence_end(t, n, se);
		/* A date among the sentence's first three characters. */
		size_t within = 0;
		for (int c = 0; c < 3 && s2 + within < e2; c++)
			within +=
			    tl_text_clen(t + s2 + within, e2 - s2 - within);
		tl_datex d2;
		if (tl_cndate_find_within(t + s2, e2 - s2, within, pub, &d2) &&
		    d2.len && d2.precision != TL_PREC_APPROX &&
		    tl_utf8_len(t + s2, d2.pos) <= 2) {
			d2.pos += s2;
			sentence_acts(ex, t, n, para, s2, e2, &d2, first);
		}
		se = e2;
	}
	size_t hf, hn;
	count_hits(ex, &hf, &hn);
	/* A single activity takes a count from anywhere in its paragraph:
	 * its own sentence was read for one already, so the text before
	 * and after it. No count crosses a sentence's end, and what a
	 * count looks at around it (the character before, 约 before, 余 or
	 * 人 after) is not a sentence's end: these find what one read of
	 * the whole paragraph would, and most paragraphs, one sentence
	 * long, are not read twice. */
	if (ex->nacts == first + 1 && ex->acts[first].participants.value < 0) {
		tl_activity *a = &ex->acts[first];
		tl_count c;
		if (tl_cnnum_participants(t, a->sent_start, &c))
			a->participants = c;
		else if (tl_cnnum_participants(t + a->sent_end, n - a->sent_end,
		                               &c)) {
			c.start += a->sent_end;
			c.end += a->sent_end;
			a->participants = c;
		}
	}
	for (size_t i = first; i < ex->nacts; i++) {
		ex->acts[i].hit_first = hf;
		ex->acts[i].nhits = hn;
	}
}

void tl_extract_paragraph(tl_extractor *ex, const char *text, size_t n,
                          int para, tl_date published, const tl_activity **acts,
                          size_t *nacts, const tl_hit **hits)
{
	reset(ex);
	find_self(ex, text, n);
	paragraph(ex, text, n, para, published);
	*acts = ex->acts;
	*nacts = ex->nacts;
	*hits = ex->hits;
}

void tl_extract_skipped(const tl_extractor *ex, const tl_extract_skip **v,
                        size_t *n)
{
	*v = ex->skipped;
	*n = ex->nskipped;
}

void tl_extract_article(tl_extractor *ex, const tl_article *a,
                        const tl_activity **acts, size_t *nacts,
                        const tl_hit **hits)
{
	reset(ex);
	find_self(ex, a->body, a->body_len);
	const char *b = a->body;
	size_t n = a->body_len, i = 0;
	int para = 0;
	while (i <= n) {
		const char *nl = memchr(b + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (b + i)) : n - i;
		para++;
		if (len <= TL_EXTRACT_MAX_PARA) {
			paragraph(ex, b + i, len, para, a->published);
		} else {
			if (ex->nskipped == ex->capskipped) {
				ex->capskipped =
				    ex->capskipped ? ex->capskipped * 2 : 4;
				ex->skipped = tl_xrealloc(
				    ex->skipped,
				    ex->capskipped * sizeof(*ex->skipped));
			}
			ex->skipped[ex->nskipped++] =
			    (tl_extract_skip){para, len};
		}
		if (!nl)
			break;
		i += len + 1;
	}
	*acts = ex->acts;
	*nacts = ex->nacts;
	*hits = ex->hits;
}
