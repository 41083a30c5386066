/* analyze/lexicon.c - loading the lexicon folder and building its matcher. */
#include "lexicon.h"
#include "csvin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Words that start what a unit does (TL_M_VERB; TL_VERB_* in lexicon.h
 * tells the three lists apart). Prepositions that open an adverbial
 * clause (为, 围绕, 由) count as verbs here. */
/* clang-format off */
const char *const tl_grammar_verbs[] = {
	"组织", "特邀", "开讲", "启动", "发布", "学习", "宣讲", "走进", "赴",
	"前往", "来到", "收听", "收看", "观看", "立足", "通过", "围绕", "结合",
	"聚焦", "推出", "开设", "举行了", "进行", "部署", "召集", "策划", "发起",
	"开启", "打造", "制定", "印发", "编写", "创新", "采取", "利用", "依托",
	"以", "在", "于", "为", "对", "第一时间", "迅速", "积极", "认真",
	"深入", "持续", "集中", "专题", "特别", "精心", "先后", "相继", "分别",
	"共同", "再次", "率先", "扎实", "广泛", "全面", "充分", "紧扣", "紧密",
	"按照", "坚持", "面向", "针对", "联合举办", "领学", "带领", "组织开展", "获",
	"开幕", "闭幕", "落幕", "圆满", "顺利", "隆重", "成功", "召开了", "开展了",
	"到", "来", "联线", "连线", "深入到", "由", "随着", "根据", "依据",
	"为了", "着眼", "对照", NULL};
/* Verbs that found, hold or attend what follows them (TL_VERB_FOUNDING). */
static const char *const founding_verbs[] = {
	"组建", "成立", "设立", "召开", "举办", "举行", "开展", "邀请", "参加",
	"参与", "参观", "调研", "看望", "慰问", "主办", "承办", "协办", "接待",
	"会见", "走访", "获得", "荣获", NULL};
static const char *const speech_verbs[] = {
	"表示", "说", "指出", "强调", "认为", "谈到", "介绍", "希望", "要求",
	"提出", "感慨", "坦言", "说道", "讲道", "致辞", "总结", "主持", NULL};
static const char *const conj_words[] = {
	"联合", "与", "和", "及", "以及", "携手", "会同", "、", "同", "共同",
	"等", "一起", NULL};
const char *const tl_grammar_units[] = {
	"党委", "党总支", "党支部", "分党委", "直属党支部", "团委", "团总支",
	"团支部", "分工会", "工会", "党小组", "宣讲团", "学生会", "研究生会",
	"教工党支部", "学生党支部", "联合党支部", "第一党支部", "第二党支部",
	"第三党支部", "支部", NULL};
static const char *const title_words[] = {
	"书记", "副书记", "院长", "副院长", "主任", "副主任", "部长", "副部长",
	"处长", "副处长", "馆长", "副馆长", "所长", "校长", "副校长", "主席",
	"教授", "副教授", "讲师", "老师", "教师", "辅导员", "同学", "同志",
	"博士", "硕士", "研究员", "专家", "团长", "委员", "常委", "负责人",
	"学生", "党员", "干部", "班主任", "主管", "一行", "的", "本科生",
	"研究生", "硕士生", "新生", "校友", "毕业生", "学子", "院士", "职工",
	"员工", "工作人员", "领导班子", "班子成员", NULL};
const char *const tl_grammar_suffixes[] = {
	"学院", "学部", "研究院", "研究所", "研究中心", "中心", "处", "部",
	"办公室", "馆", "医院", "系", "基地", "实验室", "书院", NULL};
static const char *const inst_words[] = {"大学", "科学院", NULL};
/* clang-format on */

void tl_lexicon_free(tl_lexicon *lex)
{
	if (!lex)
		return;
	for (size_t i = 0; i < lex->ndepts; i++) {
		free(lex->depts[i].name);
		free(lex->depts[i].category);
		tl_strv_free(lex->depts[i].aliases);
	}
	for (size_t i = 0; i < lex->nkeywords; i++) {
		free(lex->keywords[i].term);
		free(lex->keywords[i].group);
	}
	for (size_t i = 0; i < lex->nkinds; i++) {
		free(lex->kinds[i].kind);
		tl_strv_free(lex->kinds[i].triggers);
	}
	free(lex->depts);
	free(lex->keywords);
	free(lex->kinds);
	tl_matcher_free(lex->matcher);
	free(lex);
}

static int parse_bool(const char *s)
{
	const char *t = s;
	size_t n = tl_trim(&t, strlen(s));
	if (n == 0)
		return 0;
	if ((n == 1 && (t[0] == '1' || t[0] == 'y' || t[0] == 'Y')) ||
	    (n == 3 && strncmp(t, "yes", 3) == 0) ||
	    (n == 4 && strncmp(t, "true", 4) == 0) ||
	    (n == 3 && strncmp(t, "是", 3) == 0))
		return 1;
	return 0;
}

static char *trimmed(const char *s, size_t n)
{
	const char *t = s;
	n = tl_trim(&t, n);
	return tl_xstrndup(t, n);
}

typedef struct {
	tl_lexicon *lex;
	const char *path;
	size_t cap;
	int header_seen;
} loader;

static int is_header(const char *first, const char *name)
{
	return strcmp(first, name) == 0;
}

static int check_utf8(const char *path, long line, char **f, size_t nf,
                      const size_t *lens, tl_error *err)
{
	for (size_t i = 0; i < nf; i++)
		if (tl_utf8_invalid_at(f[i], lens[i]) != (size_t)-1)
			return tl_error_set(err, TL_EPARSE,
			                    "%s:%ld: invalid UTF-8", path,
			                    line);
	return 0;
}

/* A lexicon row's first field, trimmed (the caller's to free), or NULL
 * with *rc 0 for a row to pass over (the header line naming `header`, a
 * blank row, an empty first field unless `required`) or with *rc an
 * error (invalid UTF-8, a required field empty). */
static char *row_key(loader *ld, char **f, const size_t *lens, size_t nf,
                     long line, const char *header, int required, int *rc,
                     tl_error *err)
{
	if ((*rc = check_utf8(ld->path, line, f, nf, lens, err)))
		return NULL;
	if (!ld->header_seen++ && nf && is_header(f[0], header))
		return NULL;
	if (nf == 0 || (nf == 1 && lens[0] == 0))
		return NULL;
	char *key = trimmed(f[0], lens[0]);
	if (*key)
		return key;
	free(key);
	if (required)
		*rc = tl_error_set(err, TL_EPARSE, "%s:%ld: empty %s", ld->path,
		                   line, header);
	return NULL;
}

static int dept_row(void *ud, char **f, const size_t *lens, size_t nf,
                    long line, tl_error *err)
{
	loader *ld = ud;
	tl_lexicon *lex = ld->lex;
	int rc;
	char *name = row_key(ld, f, lens, nf, line, "name", 1, &rc, err);
	if (!name)
		return rc;
	if (lex->ndepts == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 64;
		lex->depts =
		    tl_xrealloc(lex->depts, ld->cap * sizeof(tl_department));
	}
	tl_department *d = &lex->depts[lex->ndepts++];
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->aliases = tl_split_bar(nf > 1 ? f[1] : "", NULL);
	d->category = trimmed(nf > 2 ? f[2] : "", nf > 2 ? lens[2] : 0);
	d->in_roster = nf > 3 ? parse_bool(f[3]) : 0;
	d->external = strcmp(d->category, "external") == 0;
	d->self = strcmp(d->category, "self") == 0;
	return 0;
}

static int keyword_row(void *ud, char **f, const size_t *lens, size_t nf,
                       long line, tl_error *err)
{
	loader *ld = ud;
	tl_lexicon *lex = ld->lex;
	int rc;
	char *term = row_key(ld, f, lens, nf, line, "term", 0, &rc, err);
	if (!term)
		return rc;
	if (lex->nkeywords == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 64;
		lex->keywords =
		    tl_xrealloc(lex->keywords, ld->cap * sizeof(tl_keyword));
	}
	tl_keyword *k = &lex->keywords[lex->nkeywords++];
	k->term = term;
	k->group = trimmed(nf > 1 ? f[1] : "", nf > 1 ? lens[1] : 0);
	return 0;
}

static int kind_row(void *ud, char **f, const size_t *lens, size_t nf,
                    long line, tl_error *err)
{
	loader *ld = ud;
	tl_lexicon *lex = ld->lex;
	int rc;
	char *kind = row_key(ld, f, lens, nf, line, "kind", 0, &rc, err);
	if (!kind)
		return rc;
	if (lex->nkinds == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 32;
		lex->kinds = tl_xrealloc(lex->kinds, ld->cap * sizeof(tl_kind));
	}
	tl_kind *k = &lex->kinds[lex->nkinds++];
	k->kind = kind;
	k->triggers = tl_split_bar(nf > 1 ? f[1] : "", NULL);
	return 0;
}

static int load_file(tl_lexicon *lex, const char *dir, const char *file,
                     int required, tl_csv_row_fn fn, tl_error *err)
{
	tl_buf path = TL_BUF_INIT;
	struct stat st;
	int rc = 0;
	tl_buf_addf(&path, "%s/%s", dir, file);
	if (stat(path.buf, &st) != 0) {
		if (required)
			rc = tl_error_set(err, TL_EIO,
			                  "cannot read lexicon '%s': %s",
			                  path.buf, strerror(errno));
		goto done;
	}
	loader ld = {lex, path.buf, 0, 0};
	rc = tl_csv_read_file(path.buf, fn, &ld, err);
done:
	tl_buf_release(&path);
	return rc;
}

static void add_words(tl_matcher *m, const char *const *words, int type, int id)
{
	for (size_t i = 0; words[i]; i++)
		tl_matcher_add(m, words[i], strlen(words[i]), type, id);
}

/* Every name and alias into the matcher; a name used twice is an error. */
static int build(tl_lexicon *lex, const char *dir, tl_error *err)
{
	tl_matcher *m = tl_matcher_new();
	lex->matcher = m;
	for (size_t i = 0; i < lex->ndepts; i++) {
		tl_department *d = &lex->depts[i];
		int prev = tl_lexicon_find_dept(lex, d->name, strlen(d->name));
		if (prev >= 0 && (size_t)prev != i)
			return tl_error_set(err, TL_EPARSE,
			                    "%s/departments.csv: '%s' is "
			                    "named twice",
			                    dir, d->name);
		for (char **a = d->aliases; *a; a++) {
			int other = tl_lexicon_find_dept(lex, *a, strlen(*a));
			if (other >= 0 && (size_t)other != i)
				return tl_error_set(
				    err, TL_EPARSE,
				    "%s/departments.csv: alias '%s' "
				    "names both '%s' and '%s'",
				    dir, *a, lex->depts[other].name, d->name);
		}
	}
	for (size_t i = 0; i < lex->ndepts; i++) {
		tl_department *d = &lex->depts[i];
		tl_matcher_add(m, d->name, strlen(d->name), TL_M_DEPT, (int)i);
		for (char **a = d->aliases; *a; a++)
			tl_matcher_add(m, *a, strlen(*a), TL_M_DEPT, (int)i);
	}
	for (size_t i = 0; i < lex->nkeywords; i++)
		tl_matcher_add(m, lex->keywords[i].term,
		               strlen(lex->keywords[i].term), TL_M_KEYWORD,
		               (int)i);
	for (size_t i = 0; i < lex->nkinds; i++) {
		tl_kind *k = &lex->kinds[i];
		tl_matcher_add(m, k->kind, strlen(k->kind), TL_M_KIND, (int)i);
		for (char **t = k->triggers; *t; t++)
			tl_matcher_add(m, *t, strlen(*t), TL_M_KIND, (int)i);
	}
	add_words(m, tl_grammar_verbs, TL_M_VERB, TL_VERB_ACT);
	add_words(m, founding_verbs, TL_M_VERB, TL_VERB_FOUNDING);
	add_words(m, speech_verbs, TL_M_VERB, TL_VERB_SPEECH);
	add_words(m, conj_words, TL_M_CONJ, 0);
	add_words(m, tl_grammar_units, TL_M_UNIT, 0);
	add_words(m, title_words, TL_M_TITLE, 0);
	add_words(m, tl_grammar_suffixes, TL_M_SUFFIX, 0);
	add_words(m, inst_words, TL_M_INST, 0);
	tl_matcher_build(m);
	return 0;
}

int tl_lexicon_find_dept(const tl_lexicon *lex, const char *name, size_t len)
{
	for (size_t i = 0; i < lex->ndepts; i++) {
		const tl_department *d = &lex->depts[i];
		if (strlen(d->name) == len && memcmp(d->name, name, len) == 0)
			return (int)i;
		for (char **a = d->aliases; *a; a++)
			if (strlen(*a) == len && memcmp(*a, name, len) == 0)
				return (int)i;
	}
	return -1;
}

int tl_lexicon_load(tl_lexicon **out, const char *dir, tl_error *err)
{
	tl_lexicon *lex = tl_xcalloc(1, sizeof(*lex));
	int rc;
	*out = NULL;
	if ((rc = load_file(lex, dir, "departments.csv", 1, dept_row, err)) ||
	    (rc = load_file(lex, dir, "keywords.csv", 0, keyword_row, err)) ||
	    (rc = load_file(lex, dir, "kinds.csv", 0, kind_row, err)) ||
	    (rc = build(lex, dir, err))) {
		tl_lexicon_free(lex);
		return rc;
	}
	*out = lex;
	return 0;
}
