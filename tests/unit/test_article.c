/* tests/unit/test_article.c - the text form, CSV of articles, folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "article.h"
#include "helpers.h"
#include <sys/stat.h>

typedef struct {
	int articles, problems, skipped;
	char title[256], series[256], body[1024], pub[11], last_problem[256];
	int part;
	long views, body_line;
} seen;

static int on_article(void *ud, const tl_article *a, tl_error *err)
{
	seen *s = ud;
	(void)err;
	s->articles++;
	snprintf(s->title, sizeof(s->title), "%s", a->title);
	snprintf(s->series, sizeof(s->series), "%s", a->series);
	snprintf(s->body, sizeof(s->body), "%s", a->body);
	tl_date_format(a->published, s->pub);
	s->part = a->part;
	s->views = a->views;
	s->body_line = a->body_line;
	return 0;
}

static void on_problem(void *ud, const char *src, long line, const char *sev,
                       const char *msg)
{
	seen *s = ud;
	(void)src;
	(void)line;
	(void)sev;
	s->problems++;
	snprintf(s->last_problem, sizeof(s->last_problem), "%s", msg);
}

static void on_skipped(void *ud, const char *path)
{
	seen *s = ud;
	(void)path;
	s->skipped++;
}

static seen parse(const char *text)
{
	seen s;
	memset(&s, 0, sizeof(s));
	tl_article_sink sink = {on_article, on_problem, on_skipped,
	                        NULL,       NULL,       &s};
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(
	    tl_article_parse_text(text, strlen(text), "t.txt", &sink, &err), 0);
	return s;
}

static void test_article__seed_form(void **state)
{
	(void)state;
	seen s =
	    parse("标题: 学习党的二十大精神（七）\n发布日期: 日期：2022-11-21 "
	          "09:28\n浏览次数: 801\n正文内容:\n第一段。\n第二段。\n");
	assert_int_equal(s.articles, 1);
	assert_string_equal(s.title, "学习党的二十大精神（七）");
	assert_string_equal(s.series, "学习党的二十大精神");
	assert_int_equal(s.part, 7);
	assert_string_equal(s.pub, "2022-11-21");
	assert_int_equal(s.views, 801);
	assert_string_equal(s.body, "第一段。\n第二段。");
	assert_int_equal(s.body_line, 5);
}

static void test_article__tolerant_headers(void **state)
{
	(void)state;
	seen s = parse(
	    "\xEF\xBB\xBF标题：题（十二）  \r\n发布时间：2022年11月16日\r\n"
	    "点击量: \r\n正文内容:\r\n１１月段落。  \r\n");
	assert_int_equal(s.articles, 1);
	assert_int_equal(s.part, 12);
	assert_string_equal(s.pub, "2022-11-16");
	assert_int_equal(s.views, -1);
	assert_string_equal(s.body, "11月段落。");
	s = parse("标题: 题(7)\n发表时间: 2022/11/16\n浏览量: "
	          "1,024\n正文内容:\n段。\n");
	assert_int_equal(s.part, 7);
	assert_int_equal(s.views, 1024);
	s = parse(
	    "标题: 题\n更新日期: 2022-11-16\n浏览数: 5\n正文内容:\n段。\n");
	assert_int_equal(s.part, 0);
	assert_string_equal(s.series, "题");
}

static void test_article__bad_articles_are_problems(void **state)
{
	(void)state;
	seen s = parse("no header at all\n");
	assert_int_equal(s.articles, 0);
	assert_int_equal(s.problems, 1);
	assert_non_null(strstr(s.last_problem, "no article header"));
	s = parse("标题: 题\n发布日期: 2022-02-30\n正文内容:\n段。\n");
	assert_int_equal(s.articles, 0);
	assert_non_null(strstr(s.last_problem, "impossible publish date"));
	s = parse("标题: 题\n正文内容:\n段。\n");
	assert_non_null(strstr(s.last_problem, "no publish date"));
	s = parse("标题: 题\n发布日期: 2022-11-02\n正文内容:\n\xff\xfe\n");
	assert_int_equal(s.articles, 0);
	assert_non_null(strstr(s.last_problem, "invalid UTF-8 at byte"));
}

static void test_article__two_articles_in_one_stream(void **state)
{
	(void)state;
	seen s =
	    parse("标题: 甲\n发布日期: 2022-11-01\n正文内容:\n段一。\n"
	          "标题: 乙（二）\n发布日期: 2022-11-02\n正文内容:\n段二。\n");
	assert_int_equal(s.articles, 2);
	assert_int_equal(s.part, 2);
	assert_string_equal(s.body, "段二。");
}

static void test_article__csv_of_articles(void **state)
{
	(void)state;
	const char *csv = "title,published,views,body,source\n"
	                  "\"题（三）\",2022-11-05,12,"
	                  "\"第一段，有逗号。\n第二段\"\"引号\"\"。\",a.txt\n"
	                  "题,2022-13-05,1,段。,b.txt\n";
	seen s;
	memset(&s, 0, sizeof(s));
	tl_article_sink sink = {on_article, on_problem, on_skipped,
	                        NULL,       NULL,       &s};
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(
	    tl_article_parse_csv(csv, strlen(csv), "x.csv", &sink, &err), 0);
	assert_int_equal(s.articles, 1);
	assert_int_equal(s.problems, 1);
	assert_int_equal(s.part, 3);
	assert_string_equal(s.body, "第一段，有逗号。\n第二段\"引号\"。");
	const char *bad =
	    "title,published,views,body\n\"unclosed,2022-11-05,1,x\n";
	memset(&s, 0, sizeof(s));
	assert_int_equal(
	    tl_article_parse_csv(bad, strlen(bad), "y.csv", &sink, &err), 0);
	assert_int_equal(s.articles, 0);
	assert_int_equal(s.problems, 1);
}

static void test_article__folders_sorted_and_recursive(void **state)
{
	(void)state;
	const char *d = tmpdir();
	char sub[128];
	snprintf(sub, sizeof(sub), "%s/sub", d);
	mkdir(sub, 0755);
	write_file(d, "b.txt",
	           "标题: 乙\n发布日期: 2022-11-02\n正文内容:\n段。\n");
	write_file(d, "a.txt",
	           "标题: 甲\n发布日期: 2022-11-01\n正文内容:\n段。\n");
	write_file(d, "sub/c.txt",
	           "标题: 丙\n发布日期: 2022-11-03\n正文内容:\n段。\n");
	write_file(d, "notes.md", "# not an article\n");
	char loop[128];
	snprintf(loop, sizeof(loop), "%s/sub/loop", d);
	assert_int_equal(symlink(d, loop), 0);
	seen s;
	memset(&s, 0, sizeof(s));
	tl_article_sink sink = {on_article, on_problem, on_skipped,
	                        NULL,       NULL,       &s};
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_article_read_path(d, &sink, &err), 0);
	assert_int_equal(s.articles, 3);
	assert_string_equal(s.title, "丙"); /* a, b, then sub/c */
	assert_int_equal(s.skipped, 2);     /* notes.md and the loop */
	remove_tree(d);
}

/* The paths a folder's files are handed over by, in order. */
typedef struct {
	char paths[400][192];
	size_t n;
} order;

static int on_file(void *ud, const char *path, tl_error *err)
{
	(void)err;
	order *o = ud;
	assert_true(o->n < 400);
	snprintf(o->paths[o->n++], sizeof(o->paths[0]), "%s", path);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Files come in strcmp's order of their names, whatever readdir's: the
 * sort compares the first 16 bytes as integers, so the names here are
 * short ones, prefixes of others, ones alike in their first 16 bytes
 * and after, and ones with bytes above 0x7F (Chinese names). */
static void test_article__folder_order_is_strcmp_order(void **state)
{
	(void)state;
	static const char *const PIECES[] = {"a", "b",  "-",    "0",   "9",
	                                     "~", "能", "\x7f", "学院"};
	const char *d = tmpdir();
	static char names[300][64];
	const char *sorted[300];
	size_t n = 0;
	uint32_t seed = 7;
	for (int k = 0; k < 300; k++) {
		char name[64] = "";
		seed = seed * 1103515245u + 12345u;
		int pieces = 1 + (int)((seed >> 16) % 22);
		for (int j = 0; j < pieces; j++) {
			seed = seed * 1103515245u + 12345u;
			/* alike first 16 bytes: most names start the same */
			const char *p = j < 5 && (seed >> 20) % 4
			                    ? "2023-"
			                    : PIECES[(seed >> 16) % 9];
			strncat(name, p, sizeof(name) - strlen(name) - 6);
		}
		strcat(name, ".txt");
		int dup = 0;
		for (size_t i = 0; i < n && !dup; i++)
			dup = strcmp(names[i], name) == 0;
		if (dup)
			continue;
		strcpy(names[n], name);
		write_file(d, name, "x");
		sorted[n] = names[n];
		n++;
	}
	qsort(sorted, n, sizeof(sorted[0]), cmp_str);
	static order o;
	memset(&o, 0, sizeof(o));
	tl_article_sink sink = {NULL, on_problem, on_skipped,
	                        NULL, on_file,    &o};
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_article_read_path(d, &sink, &err), 0);
	assert_int_equal(o.n, n);
	size_t dl = strlen(d);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(o.paths[i] + dl + 1, sorted[i]);
	remove_tree(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_article__seed_form),
	    cmocka_unit_test(test_article__tolerant_headers),
	    cmocka_unit_test(test_article__bad_articles_are_problems),
	    cmocka_unit_test(test_article__two_articles_in_one_stream),
	    cmocka_unit_test(test_article__csv_of_articles),
	    cmocka_unit_test(test_article__folders_sorted_and_recursive),
	    cmocka_unit_test(test_article__folder_order_is_strcmp_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
