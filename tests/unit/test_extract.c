/* tests/unit/test_extract.c - paragraphs into activities, on real sentence
 * shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "extract.h"
#include "helpers.h"

static tl_lexicon *lex;
static tl_extractor *ex;

static int setup(void **state)
{
	(void)state;
	tl_error err = TL_ERROR_INIT;
	if (tl_lexicon_load(&lex, TL_FIXTURES "/lexicon", &err))
		return -1;
	ex = tl_extractor_new(lex);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tl_extractor_free(ex);
	tl_lexicon_free(lex);
	return 0;
}

static const tl_activity *run(const char *text, size_t *n)
{
	const tl_activity *acts;
	const tl_hit *hits;
	tl_date pub = {2022, 11, 21};
	tl_extract_paragraph(ex, text, strlen(text), 1, pub, &acts, n, &hits);
	return acts;
}

/* The departments found, joined with '|'. */
static const char *depts(const char *text)
{
	static char out[512];
	size_t n;
	const tl_activity *a = run(text, &n);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (a[i].external)
			continue;
		if (out[0])
			strcat(out, "|");
		strncat(out, a[i].dept_name, sizeof(out) - strlen(out) - 1);
	}
	return out;
}

static void test_extract__seed_paragraph(void **state)
{
	(void)state;
	size_t n;
	const tl_activity *a =
	    run("11月10日，能动学院召开中心组（扩大）理论学习会议，"
	        "专题学习贯彻党的二十大精神。",
	        &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "能源与动力工程学院");
	assert_int_equal(a[0].date.start.d, 10);
	assert_int_equal(a[0].date.precision, TL_PREC_DAY);
	assert_null(a[0].unit);
	assert_string_equal(lex->kinds[a[0].kind].kind, "会议");
	assert_true(a[0].nhits > 0);
}

/* Mentions of the keyword term in a paragraph (its hit of the first
 * activity), or 0. */
static int mentions(const char *text, const char *term)
{
	const tl_activity *acts;
	const tl_hit *hits;
	size_t n;
	tl_date pub = {2022, 11, 21};
	tl_extract_paragraph(ex, text, strlen(text), 1, pub, &acts, &n, &hits);
	assert_true(n > 0);
	for (size_t h = 0; h < acts[0].nhits; h++) {
		const tl_hit *x = &hits[acts[0].hit_first + h];
		if (strcmp(lex->keywords[x->keyword].term, term) == 0)
			return x->n;
	}
	return 0;
}

/* A keyword inside a department's name is the name, not a mention; the
 * same word before, between and after names is. */
static void test_extract__keyword_inside_a_name_is_not_a_hit(void **state)
{
	(void)state;
	assert_int_equal(mentions("11月10日，继续教育学院召开会议。", "教育"),
	                 0);
	assert_int_equal(
	    mentions("11月10日，继续教育学院召开教育工作会议。", "教育"), 1);
	assert_int_equal(mentions("11月10日，教育学者来访，继续教育学院与"
	                          "国际教育学院召开教育工作会议，"
	                          "谈创新创业学院的创新。",
	                          "教育"),
	                 2);
	assert_int_equal(mentions("11月10日，教育学者来访，继续教育学院与"
	                          "国际教育学院召开教育工作会议，"
	                          "谈创新创业学院的创新。",
	                          "创新"),
	                 1);
}

/* A line too long to be a paragraph is passed over and said to be, with
 * its line and length; the lines around it are read. */
static void test_extract__too_long_a_paragraph_is_told(void **state)
{
	(void)state;
	const char *around = "11月10日，网络信息中心召开会议。";
	size_t nlong = TL_EXTRACT_MAX_PARA + 1, na = strlen(around);
	size_t n = 2 * na + nlong + 4;
	char *body = malloc(n + 1);
	memcpy(body, around, na);
	body[na] = '\n';
	memset(body + na + 1, 'x', nlong);
	memcpy(body + na + 1 + nlong, "\n\n", 2);
	memcpy(body + na + 3 + nlong, around, na);
	body[2 * na + 3 + nlong] = '\n';
	body[n - 1] = '\0';
	tl_article a;
	memset(&a, 0, sizeof(a));
	a.body = body;
	a.body_len = n - 1;
	a.published = (tl_date){2023, 11, 13};
	const tl_activity *acts;
	const tl_hit *hits;
	size_t nacts, nskip;
	const tl_extract_skip *skip;
	tl_extract_article(ex, &a, &acts, &nacts, &hits);
	tl_extract_skipped(ex, &skip, &nskip);
	assert_int_equal(nacts, 2);
	assert_int_equal(nskip, 1);
	assert_int_equal(skip[0].para, 2);
	assert_int_equal(skip[0].len, nlong);
	/* A paragraph of the limit's length is read; the next call forgets. */
	a.body_len = na + 1 + TL_EXTRACT_MAX_PARA;
	tl_extract_article(ex, &a, &acts, &nacts, &hits);
	tl_extract_skipped(ex, &skip, &nskip);
	assert_int_equal(nskip, 0);
	free(body);
}

static void test_extract__unit_is_not_a_department(void **state)
{
	(void)state;
	size_t n;
	const tl_activity *a =
	    run("11月11日，网络信息中心党支部开展专题组织生活。", &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "网络信息中心");
	assert_string_equal(a[0].unit, "党支部");
	assert_string_equal(lex->kinds[a[0].kind].kind, "组织生活");
}

static void test_extract__vague_date_and_participants(void **state)
{
	(void)state;
	size_t n;
	const tl_activity *a =
	    run("近日，期刊中心立足业务特色，通过组织专题讲座等系列举措，"
	        "累计参与师生达1000余人次。",
	        &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "期刊中心");
	assert_int_equal(a[0].date.precision, TL_PREC_APPROX);
	assert_int_equal(a[0].date.start.d, 21);
	assert_int_equal(a[0].participants.value, 1000);
	assert_int_equal(a[0].participants.approx, 1);
}

static void test_extract__lists_and_joint_activities(void **state)
{
	(void)state;
	assert_string_equal(
	    depts(
	        "10月26日，材料学院、化工学院、航天学院等相继举行专题学习会。"),
	    "材料科学与工程学院|化学工程与技术学院|航天航空学院");
	assert_string_equal(
	    depts("10月31日，计算机学院联合软件学院举办主题党日活动。"),
	    "计算机科学与技术学院|软件学院");
	assert_string_equal(
	    depts("12月3日，化学学院、数学学院联合开展研讨活动。"),
	    "化学学院|数学与统计学院");
}

static void test_extract__no_department_no_activity(void **state)
{
	(void)state;
	assert_string_equal(
	    depts(
	        "连日来，西安交大各单位、各部门多形式深入学习党的二十大精神。"),
	    "");
	assert_string_equal(
	    depts("与会人员纷纷表示，要把党的二十大精神落实到立德树人各环节。"),
	    "");
}

static void test_extract__people_are_not_departments(void **state)
{
	(void)state;
	assert_string_equal(
	    depts("能动学院党委书记何茂刚表示，学院将持续深化学习。"), "");
	assert_string_equal(
	    depts("来自环境学院的教师王莉淋表示，宣讲让我们进一步理解。"), "");
	assert_string_equal(
	    depts("首期大讲堂，党办党支部董嘉鹏、继续教育学院党支部王丹丹分别"
	          "围绕两个主题畅谈学习感悟。"),
	    "");
	assert_string_equal(depts("计算机学院党委书记周治国主持"), "");
}

static void test_extract__headings_and_broken_lines(void **state)
{
	(void)state;
	assert_string_equal(depts("学院书记带头学"), "");
	assert_string_equal(depts("图为主题党日活动现场"), "");
	assert_string_equal(depts("。各学院教学副院长参加会议。"), "");
	assert_string_equal(depts("南开新闻网讯"), "");
}

static void test_extract__date_after_subject_and_purpose(void **state)
{
	(void)state;
	size_t n;
	const tl_activity *a =
	    run("研究生院党支部于11月7日召开支部大会，专题学习党的二十大报告。",
	        &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "研究生院");
	assert_int_equal(a[0].date.start.d, 7);
	a = run(
	    "为推动学习往深里走，11月17日下午，档案馆组织全体职工集中学习。",
	    &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "档案馆");
	assert_int_equal(a[0].date.start.d, 17);
}

static void test_extract__external_units(void **state)
{
	(void)state;
	size_t n;
	const tl_activity *a = run("11月16日，能动学院党委与西工大动力与能源学"
	                           "院党委开展联学共建活动。",
	                           &n);
	size_t internal = 0;
	for (size_t i = 0; i < n; i++) {
		if (!a[i].external) {
			internal++;
			assert_string_equal(a[i].dept_name,
			                    "能源与动力工程学院");
		}
	}
	assert_int_equal(internal, 1);
}

static void test_extract__suffix_rule_finds_unknown_units(void **state)
{
	(void)state;
	assert_string_equal(depts("11月3日，草业科技学院召开专题学习会。"),
	                    "草业科技学院");
	/* a sub-unit under a known college stays the college's */
	size_t n;
	const tl_activity *a =
	    run("11月8日，电气学院教工第一党支部开展专题组织生活。", &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "电气工程学院");
	assert_string_equal(a[0].unit, "教工第一党支部");
	/* words that end like a unit are not units */
	assert_string_equal(depts("11月3日，会议安排部署了相关工作。"), "");
	/* 部 after a numeral counts books; 部分 (some) before 学院 is no
	 * unit's name, even right after a 部 read as a suffix */
	assert_string_equal(depts("11月3日，学科出版再版高水平教材近百部，"
	                          "专著3部。"),
	                    "");
	assert_string_equal(depts("11月3日，有关部门负责同志以及部分学院师生"
	                          "代表参会。"),
	                    "");
}

static void test_extract__several_dated_sentences(void **state)
{
	(void)state;
	assert_string_equal(
	    depts("11月14日，教务处召开会议。11月15日，财务处开展专题学习。"),
	    "教务处|财务处");
}

static void test_extract__real_shapes(void **state)
{
	(void)state;
	size_t n;
	/* a sub-body under its college; a title word inside its name */
	const tl_activity *a = run("“作为学生我们该怎样做？”11月13日，信通学院"
	                           "博士生宣讲团联线校友进社团，"
	                           "联学联讲党的二十大精神。",
	                           &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "信息与通信工程学院");
	assert_string_equal(a[0].unit, "博士生宣讲团");
	/* a vague date between the unit and its verb */
	a = run("围绕学习宣传贯彻党的二十大精神，机关党委近期开展机关干部风采展"
	        "示活动。",
	        &n);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].dept_name, "机关党委");
	assert_int_equal(a[0].date.precision, TL_PREC_APPROX);
	/* a verb inside a name the suffix closes */
	assert_string_equal(
	    depts("青岛创新发展基地以“再出发”为题召开体系化建设专题研讨会。"),
	    "青岛创新发展基地");
	/* but not a verb that founds what follows it: the school acts */
	assert_string_equal(depts("学校调整优化学科布局，调整组建金融学院、"
	                          "材料科学与工程学院。"),
	                    "");
	/* a delegation of another institution visiting: not the host */
	assert_string_equal(
	    depts("上海交大党委宣传部一行到交大西迁博物馆参观学习。"), "");
	/* no unit: one left unnamed, a generic noun */
	assert_string_equal(depts("9月1日，海军某部举办开放日活动。"), "");
	assert_string_equal(depts("11月2日，重点实验室召开年度工作会议。"), "");
	assert_string_equal(depts("11月5日，首个有机化学研究所举办庆祝大会。"),
	                    "");
	/* a unit name ending the name of a body of the state */
	assert_string_equal(
	    depts("11月2日，中国青年创业就业能动学院举办活动。"), "");
	/* a list closed by 等 and its people's title: they attend */
	assert_string_equal(
	    depts("理论宣讲团部分成员，党委宣传部、能动学院、团委"
	          "等有关部门负责同志参会。"),
	    "");
	/* ... but the university's own, named after it, is its own */
	assert_string_equal(
	    depts("12月4日，西安交通大学中国公司治理研究院发布报告。"),
	    "中国公司治理研究院");
	/* a unit's leaders (领导班子, 班子成员) are people who attend */
	assert_string_equal(
	    depts("会议采取线上线下结合的方式召开，信通学院、"
	          "能动学院领导班子成员及部分教师代表一同参会。"),
	    "");
	/* without a date, only a unit that opens the paragraph acts */
	assert_string_equal(
	    depts("管晓宏院长代表“信源通”人才奖基金管理委员会宣布了获奖名单。"),
	    "");
	assert_string_equal(depts("船舶学院结构力学研究所硕博第三党支部代表学校"
	                          "参加共建联学活动。"),
	                    "船舶学院");
	/* a clock time and the subject before the date */
	a = run(
	    "信通学院2022年10月24日成立博士生宣讲团，共吸纳86名博士生党员。",
	    &n);
	assert_int_equal(n, 1);
	assert_int_equal(a[0].date.start.m, 10);
	assert_int_equal(a[0].participants.value, 86);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_extract__seed_paragraph),
	    cmocka_unit_test(test_extract__unit_is_not_a_department),
	    cmocka_unit_test(test_extract__keyword_inside_a_name_is_not_a_hit),
	    cmocka_unit_test(test_extract__too_long_a_paragraph_is_told),
	    cmocka_unit_test(test_extract__vague_date_and_participants),
	    cmocka_unit_test(test_extract__lists_and_joint_activities),
	    cmocka_unit_test(test_extract__no_department_no_activity),
	    cmocka_unit_test(test_extract__people_are_not_departments),
	    cmocka_unit_test(test_extract__headings_and_broken_lines),
	    cmocka_unit_test(test_extract__date_after_subject_and_purpose),
	    cmocka_unit_test(test_extract__external_units),
	    cmocka_unit_test(test_extract__suffix_rule_finds_unknown_units),
	    cmocka_unit_test(test_extract__several_dated_sentences),
	    cmocka_unit_test(test_extract__real_shapes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
