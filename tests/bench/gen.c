/* tests/bench/gen.c - a generated news series in the seed's form, with its own
 * lexicon and answer key, for benchmarks and for scoring extraction.
 *
 * usage: tl_gen [--csv FILE] [--seed N] [--stride S] ARTICLES OUTDIR
 * writes OUTDIR/articles/NNNNNN.txt (one article each), OUTDIR/lexicon/
 * (departments.csv, keywords.csv, kinds.csv), OUTDIR/expected.csv
 * (fixtures key format) and, with --csv, the same articles as one CSV
 * file. Articles come in the order of their days; with --stride S the
 * k-th gets the days of the (k * S mod ARTICLES)-th, in no order (S is
 * moved up to the next number coprime to ARTICLES). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

#define PICK(a) (a[rnd(sizeof(a) / sizeof(a[0]))])

typedef struct {
	const char *name, *alias, *category;
} dept;

static const dept DEPTS[] = {
    {"机械工程学院", "机械学院", "学院"},
    {"材料科学与工程学院", "材料学院", "学院"},
    {"土木工程学院", "土木学院", "学院"},
    {"化学与化工学院", "化工学院", "学院"},
    {"生命科学学院", "生科院", "学院"},
    {"经济与管理学院", "经管学院", "学院"},
    {"外国语学院", "外院", "学院"},
    {"新闻与传播学院", "新传学院", "学院"},
    {"马克思主义学院", "马院", "学院"},
    {"数学与统计学院", "数统学院", "学院"},
    {"物理与光电工程学院", "物理学院", "学院"},
    {"计算机科学与技术学院", "计算机学院", "学院"},
    {"电气与电子工程学院", "电气学院", "学院"},
    {"能源与动力工程学院", "能动学院", "学院"},
    {"环境科学与工程学院", "环境学院", "学院"},
    {"建筑与城市规划学院", "建规学院", "学院"},
    {"艺术与设计学院", "艺术学院", "学院"},
    {"体育学院", "", "学院"},
    {"法学院", "", "学院"},
    {"医学院", "", "学院"},
    {"公共管理学院", "公管学院", "学院"},
    {"人文学院", "", "学院"},
    {"软件学院", "", "学院"},
    {"航空航天学院", "航院", "学院"},
    {"信息与通信工程学院", "信通学院", "学院"},
    {"继续教育学院", "继教院", "学院"},
    {"国际教育学院", "国教院", "学院"},
    {"创新创业学院", "创院", "学院"},
    {"党委办公室", "党办", "机关"},
    {"校长办公室", "校办", "机关"},
    {"党委组织部", "组织部", "机关"},
    {"党委宣传部", "宣传部", "机关"},
    {"党委学生工作部", "学工部", "机关"},
    {"党委教师工作部", "教工部", "机关"},
    {"研究生院", "", "机关"},
    {"教务处", "", "机关"},
    {"科学技术研究院", "科研院", "机关"},
    {"人力资源处", "人事处", "机关"},
    {"财务处", "", "机关"},
    {"国际合作与交流处", "国际处", "机关"},
    {"审计处", "", "机关"},
    {"保卫处", "", "机关"},
    {"后勤保障处", "后勤处", "机关"},
    {"校团委", "团委", "机关"},
    {"校工会", "工会", "机关"},
    {"离退休工作处", "离退处", "机关"},
    {"图书馆", "", "直属单位"},
    {"档案馆", "", "直属单位"},
    {"网络与信息中心", "网信中心", "直属单位"},
    {"分析测试中心", "", "直属单位"},
    {"校医院", "", "直属单位"},
    {"期刊社", "", "直属单位"},
    {"出版社", "", "直属单位"},
    {"教师发展中心", "", "直属单位"},
    {"就业指导中心", "就业中心", "直属单位"},
    {"心理健康教育中心", "心理中心", "直属单位"},
};
#define NDEPTS (sizeof(DEPTS) / sizeof(DEPTS[0]))

static const char *const UNITS[] = {"党委",       "党支部", "教工党支部",
                                    "学生党支部", "党总支", "团委"};
static const char *const VERBS[] = {"召开", "组织开展", "举办",
                                    "举行", "开展",     "组织"};
/* Each event with the kind its words trigger (kinds.csv below). */
static const struct {
	const char *text, *kind;
} EVENTS[] = {{"党的二十大精神专题学习会", "学习会"},
              {"理论学习中心组（扩大）学习会议", "学习会"},
              {"专题组织生活会", "组织生活会"},
              {"主题党日活动", "主题党日"},
              {"党的二十大精神宣讲报告会", "宣讲"},
              {"学习贯彻党的二十大精神研讨会", "研讨会"},
              {"专题党课", "党课"},
              {"青年理论学习交流会", "交流会"},
              {"党的二十大报告原文诵读活动", "诵读"},
              {"学习成果展示活动", "展示"},
              {"党的二十大精神知识竞赛", "竞赛"},
              {"专题辅导讲座", "讲座"}};
#define NEVENTS (sizeof(EVENTS) / sizeof(EVENTS[0]))

/* The lexicon's keywords and kinds: the terms a user's lexicon would
 * hold for such a series (most paragraphs mention one or more). */
static const char KEYWORDS_CSV[] =
    "term,group\n二十大,主题\n中国式现代化,主题\n高质量发展,主题\n"
    "教育强国,主题\n新时代,主题\n入党誓词,党建\n组织生活,党建\n"
    "人才培养,事业\n科学研究,事业\n社会服务,事业\n";
static const char KINDS_CSV[] =
    "kind,triggers\n学习会,学习会|学习会议\n组织生活会,组织生活会\n"
    "主题党日,主题党日\n宣讲,宣讲|宣讲报告会\n研讨会,研讨会\n"
    "党课,党课\n交流会,交流会\n诵读,诵读\n展示,展示活动\n"
    "竞赛,竞赛|知识竞赛\n讲座,讲座\n";
static const char *const DETAILS[] = {
    "深入学习贯彻党的二十大精神，安排部署下一阶段学习宣传贯彻工作。",
    "围绕教育、科技、人才的重要论述展开交流研讨。",
    "与会人员结合岗位实际谈体会、谈打算。",
    "进一步推动党的二十大精神入脑入心、见行见效。",
    "全体党员重温入党誓词，交流学习心得。",
    "邀请校内专家作专题辅导，帮助师生深刻把握中国式现代化的内涵。"};
static const char *const FILLER[] = {
    "大家一致表示，要把学习宣传贯彻党的二十大精神作为当前和今后一个时期的首要政"
    "治任务，"
    "切实把思想和行动统一到党的二十大精神上来，以高质量发展的实际成效推动学校各"
    "项事业再上新台阶。",
    "会议强调，要坚持学以致用、知行合一，把党的二十大精神转化为推动工作的强大动"
    "力，"
    "在人才培养、科学研究、社会服务等方面取得新的更大成绩，为建设教育强国贡献力"
    "量。",
    "活动中，师生代表先后发言，分享了学习党的二十大报告的收获，表示将立足本职、"
    "勇担使命，"
    "以昂扬的精神状态和务实的工作作风，奋力谱写学校高质量发展新篇章。",
    "通过学习，广大师生进一步深化了对新时代十年伟大变革的认识，增强了做好本职工"
    "作的信心和决心，"
    "纷纷表示要踔厉奋发、勇毅前行，努力创造无愧于时代的新业绩。"};
static const char *const HEADINGS[] = {
    "学思践悟 笃行不怠", "凝心聚力 奋进新征程", "深学细悟 学以致用",
    "踔厉奋发 勇毅前行"};
static const char *const PEOPLE[] = {"王建国", "李明", "张华", "刘洋", "陈静",
                                     "杨帆",   "赵磊", "黄敏", "周涛", "吴琳"};
static const char *const CN_NUM[] = {"",   "一", "二", "三", "四", "五",
                                     "六", "七", "八", "九", "十"};

typedef struct {
	int y, m, d;
} date;

static long days(date d)
{
	long y = d.y - (d.m <= 2);
	long era = y / 400, yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static date from_days(long z)
{
	z += 719468;
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100),
	     mp = (5 * doy + 2) / 153;
	date d;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}

/* Chinese part numbers up to 99: 七, 十二, 二十三. */
static void part_name(int n, char *out, size_t len)
{
	if (n <= 10)
		snprintf(out, len, "%s", CN_NUM[n]);
	else if (n < 20)
		snprintf(out, len, "十%s", CN_NUM[n % 10]);
	else
		snprintf(out, len, "%s十%s", CN_NUM[(n / 10) % 10],
		         CN_NUM[n % 10]);
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* OUTDIR/name holding text; 0 or -1. */
static int write_text(const char *out, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", out, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int bad = fputs(text, f) < 0;
	return fclose(f) != 0 || bad ? -1 : 0;
}

static const char *dname(size_t i, int short_form)
{
	return short_form && *DEPTS[i].alias ? DEPTS[i].alias : DEPTS[i].name;
}

static long gcd(long a, long b)
{
	while (b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int main(int argc, char **argv)
{
	const char *csv = NULL;
	long stride = 1;
	int a = 1;
	while (a + 1 < argc && argv[a][0] == '-') {
		if (strcmp(argv[a], "--csv") == 0)
			csv = argv[a + 1];
		else if (strcmp(argv[a], "--seed") == 0)
			rng ^= strtoull(argv[a + 1], NULL, 10) * 2654435761ULL;
		else if (strcmp(argv[a], "--stride") == 0)
			stride = atol(argv[a + 1]);
		a += 2;
	}
	if (argc - a != 2) {
		fprintf(stderr,
		        "usage: tl_gen [--csv FILE] [--seed N] [--stride S] "
		        "ARTICLES OUTDIR\n");
		return 2;
	}
	long n = atol(argv[a]);
	const char *out = argv[a + 1];
	if (n < 1 || stride < 1) {
		fprintf(stderr, "tl_gen: ARTICLES and S must be positive\n");
		return 2;
	}
	while (gcd(stride % n, n) != 1)
		stride++;
	char path[4096];
	mkdir(out, 0755);
	snprintf(path, sizeof(path), "%s/articles", out);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/lexicon", out);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/lexicon/departments.csv", out);
	FILE *lf = fopen(path, "w");
	if (!lf)
		return 1;
	fprintf(lf,
	        "name,aliases,category,in_roster\n示范大学,示范大,self,0\n");
	for (size_t i = 0; i < NDEPTS; i++)
		fprintf(lf, "%s,%s,%s,1\n", DEPTS[i].name, DEPTS[i].alias,
		        DEPTS[i].category);
	fclose(lf);
	if (write_text(out, "lexicon/keywords.csv", KEYWORDS_CSV) ||
	    write_text(out, "lexicon/kinds.csv", KINDS_CSV))
		return 1;
	snprintf(path, sizeof(path), "%s/expected.csv", out);
	FILE *kf = fopen(path, "w");
	FILE *cf = csv ? fopen(csv, "w") : NULL;
	if (!kf || (csv && !cf))
		return 1;
	fprintf(kf, "file,para,date,date_precision,department,unit,kind,"
	            "participants,participants_approx\n");
	if (cf)
		fprintf(cf, "title,published,views,body,source\n");
	char *body = malloc(1 << 20);
	date pub;
	for (long k = 0; k < n; k++) {
		/* Two or three articles a week, across years. */
		/* Spread over about three years whatever the count: a few
		 * articles a week for small series, many a day for large. */
		long span = n < 400 ? 3 * n : 1100;
		long kk =
		    (long)((unsigned long long)k * (unsigned long long)stride %
		           (unsigned long long)n);
		pub =
		    from_days(days((date){2022, 10, 24}) + (kk + 1) * span / n);
		char name[64], title[256], part[32];
		snprintf(name, sizeof(name), "%06ld.txt", k + 1);
		part_name((int)(k % 99) + 1, part, sizeof(part));
		snprintf(title, sizeof(title),
		         "【奋进新征程】各单位深入学习贯彻党的二十大精神（%s）",
		         part);
		size_t bl = 0;
		int para = 0;
#define ADD(...)                                                               \
	(bl += (size_t)snprintf(body + bl, (1 << 20) - bl, __VA_ARGS__))
		para++;
		ADD("连日来，示范大学各单位、各部门多形式深入学习党的二十大精神"
		    "，掀起学习热潮。\n");
		int acts = 4 + (int)rnd(5);
		for (int i = 0; i < acts; i++) {
			if (rnd(6) == 0) {
				para++;
				ADD("%s\n", PICK(HEADINGS));
			}
			para++;
			size_t d1 = rnd(NDEPTS),
			       d2 = (d1 + 1 + rnd(NDEPTS - 1)) % NDEPTS;
			date d = from_days(days(pub) - 1 - rnd(20));
			char when[64], iso[16];
			const char *prec = "day";
			int form = (int)rnd(20);
			snprintf(iso, sizeof(iso), "%04d-%02d-%02d", d.y, d.m,
			         d.d);
			if (form == 0) {
				snprintf(when, sizeof(when), "近日");
				prec = "approx";
				snprintf(iso, sizeof(iso), "%04d-%02d-%02d",
				         pub.y, pub.m, pub.d);
			} else if (form == 1) {
				date e = from_days(days(d) + 1 + rnd(3));
				if (e.m == d.m)
					snprintf(when, sizeof(when),
					         "%d月%d日至%d日", d.m, d.d,
					         e.d);
				else
					snprintf(when, sizeof(when),
					         "%d月%d日至%d月%d日", d.m, d.d,
					         e.m, e.d);
				prec = "span";
			} else if (form == 2) {
				snprintf(when, sizeof(when), "%d月%d日下午",
				         d.m, d.d);
			} else if (form == 3) {
				snprintf(when, sizeof(when), "%d年%d月%d日",
				         d.y, d.m, d.d);
			} else {
				snprintf(when, sizeof(when), "%d月%d日", d.m,
				         d.d);
			}
			const char *unit = rnd(3) == 0 ? PICK(UNITS) : "";
			size_t ev = rnd(NEVENTS);
			const char *event = EVENTS[ev].text,
			           *kind = EVENTS[ev].kind;
			int shape = (int)rnd(10);
			int people = rnd(3) == 0 ? 20 + (int)rnd(300) : 0;
			char count[96] = "";
			if (people)
				snprintf(count, sizeof(count),
				         "，共有%d名党员参加", people);
			if (shape == 0) { /* two units together */
				ADD("%s，%s联合%s%s%s%s。%s%s\n", when,
				    dname(d1, rnd(2)), dname(d2, rnd(2)),
				    PICK(VERBS), event, count, PICK(DETAILS),
				    PICK(FILLER));
				/* The count goes with the first unit named. */
				if (people)
					fprintf(kf, "%s,%d,%s,%s,%s,,%s,%d,0\n",
					        name, para, iso, prec,
					        DEPTS[d1].name, kind, people);
				else
					fprintf(kf, "%s,%d,%s,%s,%s,,%s,,0\n",
					        name, para, iso, prec,
					        DEPTS[d1].name, kind);
				fprintf(kf, "%s,%d,%s,%s,%s,,%s,,0\n", name,
				        para, iso, prec, DEPTS[d2].name, kind);
				continue;
			} else if (shape == 1) { /* a list */
				size_t d3 = (d2 + 1 + rnd(NDEPTS - 2)) % NDEPTS;
				if (d3 == d1)
					d3 = (d3 + 1) % NDEPTS;
				if (d3 == d2)
					d3 = (d3 + 1) % NDEPTS;
				if (d3 == d1)
					d3 = (d3 + 1) % NDEPTS;
				ADD("%s，%s、%s、%s等相继%s%s。%s\n", when,
				    dname(d1, rnd(2)), dname(d2, rnd(2)),
				    dname(d3, rnd(2)), PICK(VERBS), event,
				    PICK(FILLER));
				fprintf(kf, "%s,%d,%s,%s,%s,,%s,,0\n", name,
				        para, iso, prec, DEPTS[d1].name, kind);
				fprintf(kf, "%s,%d,%s,%s,%s,,%s,,0\n", name,
				        para, iso, prec, DEPTS[d2].name, kind);
				fprintf(kf, "%s,%d,%s,%s,%s,,%s,,0\n", name,
				        para, iso, prec, DEPTS[d3].name, kind);
				continue;
			} else if (shape == 2 &&
			           form != 0) { /* subject first */
				ADD("%s%s于%s%s%s%s。%s%s\n", dname(d1, rnd(2)),
				    unit, when, PICK(VERBS), event, count,
				    PICK(DETAILS), PICK(FILLER));
			} else {
				ADD("%s，%s%s%s%s%s。%s%s\n", when,
				    dname(d1, rnd(2)), unit, PICK(VERBS), event,
				    count, PICK(DETAILS), PICK(FILLER));
			}
			if (people)
				fprintf(kf, "%s,%d,%s,%s,%s,%s,%s,%d,0\n", name,
				        para, iso, prec, DEPTS[d1].name, unit,
				        kind, people);
			else
				fprintf(kf, "%s,%d,%s,%s,%s,%s,%s,,0\n", name,
				        para, iso, prec, DEPTS[d1].name, unit,
				        kind);
			if (rnd(2)) { /* a continuation about the same activity
				       */
				para++;
				ADD("%s强调，%s\n", PICK(PEOPLE), PICK(FILLER));
			}
		}
		para++;
		ADD("%s\n", PICK(FILLER));
		snprintf(path, sizeof(path), "%s/articles/%s", out, name);
		FILE *f = fopen(path, "w");
		if (!f)
			return 1;
		fprintf(f,
		        "标题: %s\n发布日期: 日期：%04d-%02d-%02d "
		        "%02u:%02u\n浏览次数: %u\n正文内容:\n",
		        title, pub.y, pub.m, pub.d, 8 + rnd(10), rnd(60),
		        100 + rnd(2000));
		fwrite(body, 1, bl, f);
		fclose(f);
		if (cf) {
			char pubs[32], views[16];
			snprintf(pubs, sizeof(pubs), "%04d-%02d-%02d", pub.y,
			         pub.m, pub.d);
			snprintf(views, sizeof(views), "%u", 100 + rnd(2000));
			csv_field(cf, title);
			fputc(',', cf);
			fputs(pubs, cf);
			fputc(',', cf);
			fputs(views, cf);
			fputc(',', cf);
			body[bl - 1] = '\0';
			csv_field(cf, body);
			fprintf(cf, ",%s\n", name);
		}
	}
	free(body);
	fclose(kf);
	if (cf)
		fclose(cf);
	return 0;
}
