/* tests/score/score.c - extraction scored against an answer key.
 *
 * Two key formats:
 *  fixtures: file,para,date,date_precision,department,unit,kind,
 *            participants,participants_approx (canonical names)
 *  corpus:   file,para,date,date_precision,departments,kind_hint,
 *            participants (names as written; see shared/corpus/README.md)
 * Prints precision, recall and field accuracies; exits 1 below --min. */
#include "article.h"
#include "csvin.h"
#include "extract.h"
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	char *file, *dept, *date, *prec, *kind;
	int para;
	long participants; /* -1 none */
	int external, used;
} row;

typedef struct {
	row *v;
	size_t n, cap;
} rows;

static void push(rows *r, row x)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = tl_xrealloc(r->v, r->cap * sizeof(row));
	}
	r->v[r->n++] = x;
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

typedef struct {
	rows *got;
	tl_extractor *ex;
	const tl_lexicon *lex;
} sink_state;

static int on_article(void *ud, const tl_article *a, tl_error *err)
{
	sink_state *st = ud;
	const tl_activity *acts;
	const tl_hit *hits;
	size_t n;
	(void)err;
	tl_extract_article(st->ex, a, &acts, &n, &hits);
	for (size_t i = 0; i < n; i++) {
		char d[11];
		tl_date_format(acts[i].date.start, d);
		row r = {tl_xstrdup(base(a->source)),
		         tl_xstrdup(acts[i].dept_name),
		         tl_xstrdup(d),
		         tl_xstrdup(tl_precision_name(acts[i].date.precision)),
		         tl_xstrdup(acts[i].kind >= 0
		                        ? st->lex->kinds[acts[i].kind].kind
		                        : ""),
		         acts[i].para,
		         (long)acts[i].participants.value,
		         acts[i].external,
		         0};
		push(st->got, r);
	}
	return 0;
}

static void on_problem(void *ud, const char *source, long line,
                       const char *severity, const char *msg)
{
	(void)ud;
	fprintf(stderr, "score: %s:%ld: %s: %s\n", source, line, severity, msg);
}

typedef struct {
	rows *want;
	int corpus;
	int cols[9];
} key_state;

static int key_row(void *ud, char **f, const size_t *lens, size_t nf, long line,
                   tl_error *err)
{
	key_state *ks = ud;
	(void)lens;
	(void)err;
	if (line == 1) {
		ks->corpus = nf >= 5 && strcmp(f[4], "departments") == 0;
		return 0;
	}
	if (nf < 5)
		return 0;
	row r;
	memset(&r, 0, sizeof(r));
	r.file = tl_xstrdup(f[0]);
	r.para = atoi(f[1]);
	r.date = tl_xstrdup(f[2]);
	r.prec = tl_xstrdup(f[3]);
	r.dept = tl_xstrdup(f[4]);
	r.kind = tl_xstrdup(ks->corpus ? (nf > 5 ? f[5] : "")
	                               : (nf > 6 ? f[6] : ""));
	const char *p =
	    ks->corpus ? (nf > 6 ? f[6] : "") : (nf > 7 ? f[7] : "");
	r.participants = *p ? atol(p) : -1;
	push(ks->want, r);
	return 0;
}

/* Corpus matching (shared/corpus/README.md): equal without spaces, equal
 * once a trailing 党委/党支部-type suffix is dropped, or the key starts
 * with the exported name of at least three characters. A key naming its
 * university first (西安交大管理学院) matches the name after it. */
static void strip_spaces(char *s)
{
	char *o = s;
	for (; *s; s++)
		if (*s != ' ')
			*o++ = *s;
	*o = '\0';
}

static void drop_unit_suffix(char *s)
{
	static const char *const SUF[] = {
	    "直属党支部", "分党委", "党总支", "党支部", "党委", "团委", NULL};
	size_t n = strlen(s);
	for (size_t i = 0; SUF[i]; i++) {
		size_t k = strlen(SUF[i]);
		if (n > k && strcmp(s + n - k, SUF[i]) == 0 &&
		    strcmp(s, "机关党委") != 0) {
			s[n - k] = '\0';
			return;
		}
	}
}

static int corpus_match_one(const char *key, const char *got)
{
	char k[512], g[512];
	snprintf(k, sizeof(k), "%s", key);
	snprintf(g, sizeof(g), "%s", got);
	strip_spaces(k);
	strip_spaces(g);
	if (strcmp(k, g) == 0)
		return 1;
	char k2[512], g2[512];
	snprintf(k2, sizeof(k2), "%s", k);
	snprintf(g2, sizeof(g2), "%s", g);
	drop_unit_suffix(k2);
	drop_unit_suffix(g2);
	if (strcmp(k2, g2) == 0 || strcmp(k2, g) == 0 || strcmp(k, g2) == 0)
		return 1;
	size_t gl = strlen(g);
	if (tl_utf8_len(g, gl) >= 3 && strncmp(k, g, gl) == 0)
		return 1;
	/* The key may name the university first: 西安交大管理学院. */
	static const char *const UNIV[] = {
	    "西安交通大学", "西安交大",     "南开大学",     "哈尔滨工程大学",
	    "哈工程",       "中国矿业大学", "四川农业大学", NULL};
	for (size_t i = 0; UNIV[i]; i++) {
		size_t ul = strlen(UNIV[i]);
		if (strncmp(k, UNIV[i], ul) == 0 && k[ul])
			return corpus_match_one(k + ul, got);
	}
	return 0;
}

static int dept_match(int corpus, const tl_lexicon *lex, const char *key,
                      const char *got)
{
	if (!corpus)
		return strcmp(key, got) == 0;
	/* The key lists several names with '|'; a canonical name counts
	 * when the key's name is its alias. */
	int idx = tl_lexicon_find_dept(lex, got, strlen(got));
	if (corpus_match_one(key, got))
		return 1;
	if (idx >= 0)
		for (char **a = lex->depts[idx].aliases; *a; a++)
			if (corpus_match_one(key, *a))
				return 1;
	return 0;
}

static int neg_row(void *ud, char **f, const size_t *lens, size_t nf, long line,
                   tl_error *err)
{
	rows *neg = ud;
	(void)lens;
	(void)err;
	if (line == 1 || nf < 2)
		return 0;
	row r;
	memset(&r, 0, sizeof(r));
	r.file = tl_xstrdup(f[0]);
	r.para = atoi(f[1]);
	push(neg, r);
	return 0;
}

int main(int argc, char **argv)
{
	double min = 0, min_recall = 0, min_date = 0, min_people = 0,
	       max_neg = 1;
	const char *lexdir = NULL, *negfile = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
		if (i + 1 >= argc)
			break;
		if (strcmp(argv[i], "--min") == 0)
			min = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--lexicon") == 0)
			lexdir = argv[i + 1];
		else if (strcmp(argv[i], "--negatives") == 0)
			negfile = argv[i + 1];
		else if (strcmp(argv[i], "--min-recall") == 0)
			min_recall = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--min-date") == 0)
			min_date = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--min-people") == 0)
			min_people = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--max-negative") == 0)
			max_neg = atof(argv[i + 1]);
	}
	if (argc - i < 2 || !lexdir) {
		fprintf(stderr, "usage: tl_score [--min X] --lexicon DIR "
		                "[--negatives F] KEY.csv PATH...\n");
		return 2;
	}
	tl_error err = TL_ERROR_INIT;
	tl_lexicon *lex = NULL;
	if (access(argv[i], R_OK) != 0) {
		printf("skipped: no answer key at %s\n", argv[i]);
		return 77;
	}
	if (tl_lexicon_load(&lex, lexdir, &err)) {
		fprintf(stderr, "score: %s\n", err.msg);
		return 1;
	}
	rows want = {0}, got = {0}, neg = {0};
	key_state ks = {&want, 0, {0}};
	if (tl_csv_read_file(argv[i], key_row, &ks, &err)) {
		fprintf(stderr, "score: %s\n", err.msg);
		return 1;
	}
	if (negfile && tl_csv_read_file(negfile, neg_row, &neg, &err)) {
		fprintf(stderr, "score: %s\n", err.msg);
		return 1;
	}
	sink_state st = {&got, tl_extractor_new(lex), lex};
	tl_article_sink sink = {on_article, on_problem, NULL, NULL, NULL, &st};
	for (int k = i + 1; k < argc; k++)
		tl_article_read_path(argv[k], &sink, &err);

	size_t matched = 0, date_ok = 0, part_ok = 0, part_n = 0, kind_ok = 0,
	       both = 0, extracted = 0;
	for (size_t w = 0; w < want.n; w++) {
		row *k = &want.v[w];
		row *hit = NULL;
		for (size_t g = 0; g < got.n && !hit; g++) {
			row *x = &got.v[g];
			if (x->used || x->para != k->para ||
			    strcmp(x->file, k->file) != 0)
				continue;
			char names[512];
			snprintf(names, sizeof(names), "%s", k->dept);
			for (char *tok = strtok(names, "|"); tok && !hit;
			     tok = strtok(NULL, "|"))
				if (dept_match(ks.corpus, lex, tok, x->dept))
					hit = x;
		}
		if (!hit) {
			printf("missed   %s:%d %s %s\n", k->file, k->para,
			       k->dept, k->date);
			continue;
		}
		hit->used = 1;
		matched++;
		int dok =
		    ks.corpus && !*k->date
		        ? strcmp(hit->prec, "approx") == 0
		        : strcmp(hit->date, k->date) == 0 &&
		              (ks.corpus || strcmp(hit->prec, k->prec) == 0);
		date_ok += dok;
		both += dok;
		if (!dok)
			printf("date     %s:%d %s want %s %s got %s %s\n",
			       k->file, k->para, k->dept, k->date, k->prec,
			       hit->date, hit->prec);
		if (k->participants >= 0 || hit->participants >= 0) {
			part_n++;
			if (k->participants == hit->participants)
				part_ok++;
			else
				printf("people   %s:%d %s want %ld got %ld\n",
				       k->file, k->para, k->dept,
				       k->participants, hit->participants);
		} else {
			part_n++, part_ok++;
		}
		kind_ok += strcmp(k->kind, hit->kind) == 0;
	}
	size_t false_neg = 0;
	for (size_t g = 0; g < got.n; g++) {
		row *x = &got.v[g];
		if (x->external)
			continue;
		int on_neg = 0;
		for (size_t k = 0; k < neg.n; k++)
			on_neg |= neg.v[k].para == x->para &&
			          strcmp(neg.v[k].file, x->file) == 0;
		false_neg += on_neg;
		if (ks.corpus && !on_neg && !x->used)
			continue; /* unscored paragraph */
		extracted++;
		if (!x->used)
			printf("extra    %s:%d %s %s%s\n", x->file, x->para,
			       x->dept, x->date, on_neg ? " (negative)" : "");
	}
	double precision = extracted ? (double)both / (double)extracted : 0;
	double recall = want.n ? (double)both / (double)want.n : 0;
	double f1 = precision + recall > 0
	                ? 2 * precision * recall / (precision + recall)
	                : 0;
	printf("key rows %zu, activities scored %zu, matched %zu\n", want.n,
	       extracted, matched);
	printf("department recall %.3f\n",
	       want.n ? (double)matched / (double)want.n : 0);
	printf("date accuracy %.3f (on matched)\n",
	       matched ? (double)date_ok / (double)matched : 0);
	printf("participants accuracy %.3f (on matched)\n",
	       part_n ? (double)part_ok / (double)part_n : 0);
	printf("kind agreement %.3f (on matched)\n",
	       matched ? (double)kind_ok / (double)matched : 0);
	if (negfile)
		printf(
		    "activities on negative paragraphs %zu of %zu (%.1f%%)\n",
		    false_neg, neg.n,
		    neg.n ? 100.0 * (double)false_neg / (double)neg.n : 0);
	printf("(date, department) precision %.3f recall %.3f F1 %.3f\n",
	       precision, recall, f1);
	double drecall = want.n ? (double)matched / (double)want.n : 0;
	double dacc = matched ? (double)date_ok / (double)matched : 0;
	double pacc = part_n ? (double)part_ok / (double)part_n : 0;
	double negs = neg.n ? (double)false_neg / (double)neg.n : 0;
	int fail = precision < min || recall < min || drecall < min_recall ||
	           dacc < min_date || pacc < min_people || negs > max_neg;
	if (fail)
		printf("FAIL: below the thresholds given\n");
	tl_extractor_free(st.ex);
	tl_lexicon_free(lex);
	rows *all[3] = {&want, &got, &neg};
	for (int a = 0; a < 3; a++) {
		for (size_t k = 0; k < all[a]->n; k++) {
			row *r = &all[a]->v[k];
			free(r->file);
			free(r->dept);
			free(r->date);
			free(r->prec);
			free(r->kind);
		}
		free(all[a]->v);
	}
	return fail;
}
