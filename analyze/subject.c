/* analyze/subject.c - which units act: names, titles, persons, institutions and
 * clauses, read over a sentence's tokens. */
#include "subject.h"
#include "cnnum.h"

#include <string.h>

#define at tl_at

/* Is there a clause break in text[a, b)? */
static int has_break(const char *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i += tl_text_clen(t + i, b - i))
		if (tl_text_is_clause_break(t + i, b - i) ||
		    tl_text_is_sentence_end(t + i, b - i))
			return 1;
	return 0;
}

/* A Han character of three bytes (CJK Extension A and the Unified block),
 * from a decode's length and code point. */
static int han(int len, uint32_t cp)
{
	return len == 3 && cp >= 0x3400 && cp <= 0x9FFF;
}

static int is_han(const char *s, size_t n)
{
	uint32_t cp;
	int len = tl_utf8_decode(s, n, &cp);
	return len > 0 && han(len, cp);
}

/* Is the name [s0, e), ending in the suffix [s, e), a unit? 部署, 系列,
 * 体系 and 处理 are words, not names; 学校学院 and 重点实验室 are
 * generic nouns. */
static int suffix_ok(const char *t, size_t n, size_t s0, size_t s, size_t e)
{
	static const char *const NOT_AFTER[] = {
	    "部署",     "部分",     "部门",   "部长",     "部委",
	    "处理",     "处长",     "处于",   "处在",     "系列",
	    "系统",     "系数",     "馆长",   "馆藏",     "中心组",
	    "中心任务", "中心工作", "学院派", "基地建设", NULL};
	static const char *const NOT_BEFORE_XI[] = {
	    "体", "关", "联", "派", "谱", "星", "水", "维",
	    "直", "世", "院", "父", "母", "嫡", NULL};
	static const char *const GENERIC[] = {"学校", "学院", "我校",
	                                      "全校", "本校", "我院",
	                                      "全院", "重点", NULL};
	for (size_t i = 0; NOT_AFTER[i]; i++) {
		size_t k = strlen(NOT_AFTER[i]);
		if (e - s < k && n - s >= k &&
		    memcmp(t + s, NOT_AFTER[i], k) == 0)
			return 0;
	}
	if (e - s == 3 && at(t + s, 3, "系") && s >= 3)
		for (size_t i = 0; NOT_BEFORE_XI[i]; i++)
			if (at(t + s - 3, 3, NOT_BEFORE_XI[i]))
				return 0;
	for (size_t i = 0; GENERIC[i]; i++)
		if (s0 < s && at(t + s0, s - s0, GENERIC[i]))
			return 0;
	/* 海军某部, 某学院: a unit left unnamed; 首个有机化学研究所, 两个中心:
	 * a kind of unit counted, after a measure word. */
	if ((s >= 3 && at(t + s - 3, 3, "某")) ||
	    (s0 >= 3 && at(t + s0 - 3, 3, "个")))
		return 0;
	/* 部 after a numeral counts things (教材近百部, 专著3部), it names
	 * no unit. */
	if (e - s == 3 && at(t + s, 3, "部") && s > 0) {
		static const char *const NUMERAL[] = {
		    "一", "二", "两", "三", "四", "五", "六", "七", "八",
		    "九", "十", "百", "千", "万", "几", "余", "多", NULL};
		if (t[s - 1] >= '0' && t[s - 1] <= '9')
			return 0;
		for (size_t i = 0; NUMERAL[i] && s >= 3; i++)
			if (at(t + s - 3, 3, NUMERAL[i]))
				return 0;
	}
	return 1;
}

/* Characters that end a name when reading backwards from its suffix: the
 * cases below (我 for 我们 too, 来 only in 来自), and whatever is not Han
 * or a Latin letter. One decode and a switch: this runs at every
 * character read back, and comparing each of 49 words in turn had been
 * 0.3 % of an ingest. */
static int stops_name(const char *s, size_t n)
{
	if (!n || (unsigned char)s[0] < 0x80)
		return !(n && ((s[0] >= 'A' && s[0] <= 'Z') ||
		               (s[0] >= 'a' && s[0] <= 'z')));
	uint32_t cp;
	int k = tl_utf8_decode(s, n, &cp);
	if (k <= 0)
		return 1;
	switch (cp) {
	case 0x7684: /* 的 */
	case 0x5728: /* 在 */
	case 0x4E8E: /* 于 */
	case 0x548C: /* 和 */
	case 0x4E0E: /* 与 */
	case 0x53CA: /* 及 */
	case 0x3001: /* 、 */
	case 0x5BF9: /* 对 */
	case 0x5411: /* 向 */
	case 0x4E3A: /* 为 */
	case 0x7531: /* 由 */
	case 0x5C06: /* 将 */
	case 0x5230: /* 到 */
	case 0x8D74: /* 赴 */
	case 0x4E86: /* 了 */
	case 0x662F: /* 是 */
	case 0x5404: /* 各 */
	case 0x5168: /* 全 */
	case 0x672C: /* 本 */
	case 0x8BE5: /* 该 */
	case 0x6211: /* 我 */
	case 0x5176: /* 其 */
	case 0x6B64: /* 此 */
	case 0x8FD9: /* 这 */
	case 0x90A3: /* 那 */
	case 0x6BCF: /* 每 */
	case 0x5373: /* 即 */
	case 0x5E76: /* 并 */
	case 0x540E: /* 后 */
	case 0x524D: /* 前 */
	case 0x201C: /* “ */
	case 0x201D: /* ” */
	case 0x300A: /* 《 */
	case 0x300B: /* 》 */
	case 0xFF08: /* （ */
	case 0xFF09: /* ） */
	case 0x300C: /* 「 */
	case 0x300D: /* 」 */
	case 0x00B7: /* · */
	case 0x2014: /* — */
	case 0x4E2A: /* 个 */
	case 0x9996: /* 首 */
	case 0x4F4D: /* 位 */
	case 0x9879: /* 项 */
	case 0x6279: /* 批 */
		return 1;
	case 0x6765: /* 来, a stop in 来自 */
		return at(s, n, "来自") != 0;
	default:
		return !han(k, cp);
	}
}

/* Start of the name that ends in the suffix token at [s, e): read back
 * over Han characters until a stop, a clause break or `floor`. */
size_t tl_subject_name_start(const char *t, size_t floor, size_t s)
{
	/* Two-character words that end a name as a whole: 我国高校… is no
	 * unit called 国高校…. */
	static const char *const WORDS[] = {
	    "我国", "我校", "全国", "全校", "本校", "我院", "各国", "全省",
	    "全市", "部分", "有关", "相关", "所有", "各类", "多个", NULL};
	size_t i = s, chars = 0;
	while (i > floor && chars < 12) {
		size_t p = i - 1;
		while (p > floor && ((unsigned char)t[p] & 0xC0) == 0x80)
			p--;
		/* The word may begin before floor: 部分学院 after a 部 that
		 * was read as a (rejected) suffix. */
		if (p >= 3 && i - p == 3) {
			int word = 0;
			for (size_t w = 0; WORDS[w] && !word; w++)
				word = at(t + p - 3, 6, WORDS[w]) != 0;
			if (word)
				break;
		}
		/* 21世纪马克思主义研究院: digits that count centuries. */
		if (t[p] >= '0' && t[p] <= '9' && at(t + i, s - i, "世纪")) {
			while (p > floor && t[p - 1] >= '0' && t[p - 1] <= '9')
				p--;
			i = p;
			chars++;
			continue;
		}
		if (stops_name(t + p, i - p))
			break;
		i = p;
		chars++;
	}
	return i;
}

/* A name found by the suffix rules that belongs to the state, not to a
 * university: 中国…, 中央…, 国家…, 全国…, 天津市…, 四川省…. */
static int governmental(const char *s, size_t n)
{
	static const char *const LEAD[] = {"中国",   "中央", "国家", "全国",
	                                   "原国家", "中共", NULL};
	for (size_t i = 0; LEAD[i]; i++)
		if (at(s, n, LEAD[i]))
			return 1;
	for (size_t i = 0; i + 3 <= n; i += tl_text_clen(s + i, n - i))
		if (at(s + i, n - i, "省") || at(s + i, n - i, "市") ||
		    at(s + i, n - i, "自治区"))
			return 1;
	return 0;
}

/* The name [s0, pos) before a unit's suffix or lexicon name is the
 * state's (中国…, 天津市…): the unit is that body's, unless the
 * article's own university names it right before (self_end: 南开大学
 * 中国公司治理研究院). */
static int state_body(const char *t, size_t s0, size_t pos, size_t self_end)
{
	return s0 < pos && s0 != self_end && governmental(t + s0, pos - s0);
}

/* The plain text [a, pos) right before a unit (read back from pos by
 * tl_subject_name_start) names another institution (西工大, 上海交大,
 * 同济大学): the unit that follows belongs to it. */
static int external_prefix(const char *t, size_t a, size_t pos)
{
	if (pos < a + 6)
		return 0;
	return (pos - a >= 6 && at(t + pos - 6, 6, "大学")) ||
	       at(t + pos - 3, 3, "大");
}

static const tl_match *tok(const tl_subject_ctx *ex, size_t k)
{
	return k < ex->toks.n ? &ex->toks.v[k] : NULL;
}

/* After a candidate: take the sub-unit run (党支部, 结构力学研究所…党支部)
 * and judge whether the name is a person's affiliation. Returns the
 * index of the first token after the run. */
/* Does a person's name start at s? Two or three Han characters after a
 * common surname: 党支部董嘉鹏、… The surname list keeps date words and
 * adverbs (近期, 随后, 同时) from looking like names. */
static int looks_like_name(const char *s, size_t n, size_t chars)
{
	static const char SURNAMES[] =
	    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
	    "曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
	    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
	    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪"
	    "庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
	    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
	    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
	    "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁"
	    "沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
	if (chars < 2 || chars > 3 || n < 3 || !is_han(s, n))
		return 0;
	for (size_t i = 0; i + 3 <= sizeof(SURNAMES) - 1; i += 3)
		if (memcmp(s, SURNAMES + i, 3) == 0)
			return 1;
	return 0;
}

/* Does a list that ends at `end` close with 等 and the title of its
 * people (宣传部、团委等有关部门负责同志): those who attend, not units
 * acting? Token k is the first after the list; the words between 等 and
 * the title may be unit words (部门, 单位). */
static int listed_people(const tl_subject_ctx *ex, const char *t, size_t se,
                         size_t k, size_t end)
{
	const tl_match *m = tok(ex, k);
	if (!m || m->start >= se || m->type != TL_M_CONJ ||
	    !at(t + m->start, m->end - m->start, "等"))
		return 0;
	while ((m = tok(ex, ++k)) && m->start < se && m->type == TL_M_SUFFIX)
		;
	return m && m->start < se && m->type == TL_M_TITLE &&
	       !has_break(t, end, m->start) &&
	       tl_utf8_len(t + end, m->start - end) <= 8;
}

/* After a candidate: take the sub-unit run (党支部, 博士生宣讲团,
 * 结构力学研究所…党支部) and judge whether the name is a person's
 * affiliation. Returns the index of the first token after the run. */
static size_t finish_cand(const tl_subject_ctx *ex, const char *t, size_t se,
                          size_t k, tl_cand *c)
{
	c->unit_end = c->end;
	for (;;) {
		/* Titles may stand inside a sub-unit name (博士生宣讲团) when a
		 * unit word closes it. */
		size_t j = k;
		const tl_match *m;
		while ((m = tok(ex, j)) && m->start < se &&
		       m->type == TL_M_TITLE)
			j++;
		/* 滨海学院纪委, 电信学部计算机学院党支部: a unit named
		 * right after another belongs to it. */
		int adjacent_dept = m && m->type == TL_M_DEPT &&
		                    m->start == c->unit_end && j == k &&
		                    !ex->lex->depts[m->id].self;
		if (!m || m->start >= se ||
		    (m->type != TL_M_UNIT && m->type != TL_M_SUFFIX &&
		     !adjacent_dept) ||
		    has_break(t, c->unit_end, m->start) ||
		    tl_utf8_len(t + c->unit_end, m->start - c->unit_end) > 8)
			break;
		c->unit_end = m->end;
		k = j + 1;
	}
	const tl_match *m = tok(ex, k);
	size_t next = m && m->start < se ? m->start : se;
	size_t gap_end = next;
	for (size_t i = c->unit_end; i < next;
	     i += tl_text_clen(t + i, next - i))
		if (tl_text_is_clause_break(t + i, next - i) ||
		    tl_text_is_sentence_end(t + i, next - i)) {
			gap_end = i;
			break;
		}
	size_t gap = tl_utf8_len(t + c->unit_end, gap_end - c->unit_end);
	int64_t num;
	size_t dk =
	    c->unit_end < gap_end && t[c->unit_end] >= '0' &&
	            t[c->unit_end] <= '9'
	        ? tl_cnnum_parse(t + c->unit_end, gap_end - c->unit_end, &num)
	        : 0;
	if (dk && (at(t + c->unit_end + dk, gap_end - c->unit_end - dk, "级") ||
	           at(t + c->unit_end + dk, gap_end - c->unit_end - dk, "届")))
		c->rejected = 1; /* 学院2022级博士研究生某某: a person */
	else if (m && m->start < se && m->type == TL_M_TITLE && gap <= 16 &&
	         gap_end == next)
		c->rejected = c->titled = 1; /* 学院党委书记, 学院的 */
	else if (listed_people(ex, t, se, k, c->unit_end))
		c->rejected = c->titled = 1;
	else if (looks_like_name(t + c->unit_end, gap_end - c->unit_end, gap))
		c->rejected = 1; /* 党支部董嘉鹏、… : a person's name */
	return k;
}

/* Add a candidate. A title after a list (附属医院、滨海学院纪委书记)
 * belongs to every unit of the list: they are people too. */
static void add_cand(tl_subject *sb, tl_cand c, size_t clause)
{
	if (c.titled)
		for (size_t i = 0; i < sb->n; i++)
			if (sb->c[i].pos >= clause)
				sb->c[i].rejected = 1;
	for (size_t i = 0; i < sb->n; i++)
		if (sb->c[i].dept >= 0 && sb->c[i].dept == c.dept)
			return;
	if (sb->n < TL_MAX_CANDS)
		sb->c[sb->n++] = c;
}

size_t tl_subject_accepted(const tl_subject *sb)
{
	size_t k = 0;
	for (size_t i = 0; i < sb->n; i++)
		k += !sb->c[i].rejected;
	return k;
}

/* Start of the clause holding pos, not before `from`. */
size_t tl_text_clause_start(const char *t, size_t from, size_t pos)
{
	size_t start = from;
	for (size_t i = from; i < pos; i += tl_text_clen(t + i, pos - i)) {
		size_t k;
		if (tl_text_is_clause_break(t + i, pos - i) ||
		    tl_text_is_sentence_end(t + i, pos - i)) {
			k = tl_text_clen(t + i, pos - i);
			start = i + k;
		}
	}
	return start;
}

/* If a quotation (“…” or 《…》) opened in [a, pos) is still open at pos,
 * where it closes (or se); else a, meaning pos is outside quotes. */
static size_t quote_end(const char *t, size_t a, size_t pos, size_t se)
{
	size_t open = (size_t)-1;
	const char *close = NULL;
	for (size_t i = a; i < pos; i += tl_text_clen(t + i, pos - i)) {
		if (open == (size_t)-1 && at(t + i, pos - i, "“"))
			open = i, close = "”";
		else if (open == (size_t)-1 && at(t + i, pos - i, "《"))
			open = i, close = "》";
		else if (close && at(t + i, pos - i, close))
			open = (size_t)-1, close = NULL;
	}
	if (!close)
		return a;
	const char *e = tl_memmem(t + pos, se - pos, close, strlen(close));
	return e ? (size_t)(e - t) : se;
}

/* Does the clause [a, b) open with a person: a pronoun (他, 我们, 大家,
 * 与会人员) or a name (陈雨露认真听取……)? Such a clause has a subject,
 * and it is no unit. The date phrase and quotes before it are skipped. */
static int opens_with_person(const char *t, size_t a, size_t b,
                             const tl_datex *dx)
{
	static const char *const PRONOUNS[] = {
	    "他们", "她们", "我们", "大家", "与会", "同学们", "师生们",
	    "他",   "她",   "我",   "笔者", "记者", NULL};
	size_t i = a;
	while (i < b) {
		if (dx->len && i >= dx->pos && i < dx->pos + dx->len)
			i = dx->pos + dx->len;
		else if (t[i] == ' ' || at(t + i, b - i, "“") ||
		         at(t + i, b - i, "”"))
			i += tl_text_clen(t + i, b - i);
		else
			break;
	}
	for (size_t p = 0; PRONOUNS[p]; p++)
		if (at(t + i, b - i, PRONOUNS[p]))
			return 1;
	return i < b &&
	       looks_like_name(t + i, b - i, tl_utf8_len(t + i, b - i));
}

/* The institution a "大学" token ends: self (the article's own) or not. */
static int inst_is_self(const tl_subject_ctx *ex, const char *t, size_t s0,
                        size_t end)
{
	size_t n = end - s0;
	int d = tl_lexicon_find_dept(ex->lex, t + s0, n);
	if (d >= 0)
		return ex->lex->depts[d].self;
	return ex->self_len == n && memcmp(ex->self, t + s0, n) == 0;
}

/* Read the subject of the sentence [from, se): the departments before
 * the first action verb. A clause that opens with a verb or preposition
 * (为……，围绕……，由……) is passed over; any other clause without a unit
 * before its verb has a subject that is no unit (a person, 学校), and the
 * sentence tells no department's activity. */
void tl_subject_read(const tl_subject_ctx *ex, const char *t, size_t from,
                     size_t se, const tl_datex *dx, tl_subject *sb)
{
	const tl_lexicon *lex = ex->lex;
	size_t k = 0, floor = from, clause = from;
	/* The last 与/和 seen, and the floor before it: "动力与能源学院" is
	 * one name when what stands before 与 is no unit of its own. */
	size_t conj_start = (size_t)-1, conj_end = 0, conj_floor = 0;
	size_t ext_end = (size_t)-1; /* end of the last other institution */
	/* End of the last naming of the article's own institution: 南开大学
	 * 中国公司治理研究院 is its own, though it opens with 中国. */
	size_t self_end = (size_t)-1;
	int skips = 0;
	/* Candidates are read only below n, each written whole first (the
	 * 1.5 KB array was zeroed a sentence). */
	sb->n = 0;
	sb->verb = NULL;
	sb->speech = 0;
	size_t qend = from; /* end of the quotation the reader is in */
	while (k < ex->toks.n && ex->toks.v[k].start < from)
		k++;
	while (k < ex->toks.n) {
		const tl_match *m = &ex->toks.v[k];
		if (m->start >= se)
			break;
		/* Words inside “” and 《》 are titles and slogans
		 * (“航建青年说”), not the sentence's own verbs. */
		if (m->start >= qend)
			qend = quote_end(t, floor > qend ? floor : qend,
			                 m->start, se);
		if (m->start < qend) {
			floor = m->end > floor ? m->end : floor;
			k++;
			continue;
		}
		if (has_break(t, floor, m->start)) {
			if (tl_subject_accepted(sb))
				return; /* the subject's clause is over */
			clause = tl_text_clause_start(t, floor, m->start);
		}
		switch (m->type) {
		case TL_M_INST: {
			size_t s0 = tl_subject_name_start(t, floor, m->start);
			if (!inst_is_self(ex, t, s0, m->end))
				ext_end = m->end;
			else
				self_end = m->end;
			floor = m->end;
			k++;
			break;
		}
		case TL_M_DEPT: {
			const tl_department *d = &lex->depts[m->id];
			const tl_match *nx = tok(ex, k + 1);
			if (d->self) {
				self_end = floor = m->end;
				k++;
				break;
			}
			if (d->external)
				ext_end = m->end;
			/* 上海交大党委宣传部: one unit of the other
			 * institution, not two. */
			if (d->external && nx && nx->start == m->end &&
			    (nx->type == TL_M_DEPT ||
			     nx->type == TL_M_SUFFIX)) {
				ext_end = floor = m->end;
				k++;
				break;
			}
			tl_cand c = {m->id,       m->start, m->end, m->end,
			             d->external, 0,        0};
			/* Behind another institution's name, or the tail of
			 * the name of a body of the state's
			 * (中国青年创业就业基金会: not the university's own
			 * 基金会). */
			size_t s0 = tl_subject_name_start(t, floor, m->start);
			if (external_prefix(t, s0, m->start) ||
			    ext_end == m->start ||
			    state_body(t, s0, m->start, self_end))
				c.external = 1;
			k = finish_cand(ex, t, se, k + 1, &c);
			add_cand(sb, c, clause);
			floor = c.unit_end;
			break;
		}
		case TL_M_SUFFIX: {
			size_t s0 = tl_subject_name_start(t, floor, m->start);
			if (conj_start != (size_t)-1 && s0 == floor &&
			    conj_end == floor && s0 < m->start) {
				size_t s1 = tl_subject_name_start(t, conj_floor,
				                                  conj_start);
				if (s1 < conj_start && s1 == conj_floor)
					s0 = s1;
			}
			if (m->start == s0 ||
			    !suffix_ok(t, se, s0, m->start, m->end) ||
			    tl_utf8_len(t + s0, m->end - s0) < 3) {
				k++;
				floor = m->end;
				break;
			}
			int known =
			    tl_lexicon_find_dept(lex, t + s0, m->end - s0);
			if (known >= 0 && lex->depts[known].self) {
				k++;
				floor = m->end;
				break;
			}
			tl_cand c = {known, s0, m->end, m->end, 0, 0, 0};
			if (known >= 0)
				c.external = lex->depts[known].external;
			if (external_prefix(
			        t, tl_subject_name_start(t, floor, s0), s0) ||
			    ext_end == s0 ||
			    (known < 0 &&
			     state_body(t, s0, m->start, self_end)))
				c.external = 1;
			k = finish_cand(ex, t, se, k + 1, &c);
			add_cand(sb, c, clause);
			floor = c.unit_end;
			break;
		}
		case TL_M_VERB: {
			/* 青岛创新发展基地: a verb inside a name that a suffix
			 * closes, with the name begun before the verb; not one
			 * that founds what follows (调整组建金融学院). */
			const tl_match *nx = tok(ex, k + 1);
			if (!tl_subject_accepted(sb) && nx && nx->start < se &&
			    nx->type == TL_M_SUFFIX &&
			    m->id != TL_VERB_FOUNDING &&
			    tl_subject_name_start(t, floor, nx->start) <
			        m->start &&
			    suffix_ok(
			        t, se,
			        tl_subject_name_start(t, floor, nx->start),
			        nx->start, nx->end)) {
				k++;
				break;
			}
			if (tl_subject_accepted(sb)) {
				sb->verb = m;
				sb->speech = m->id == TL_VERB_SPEECH;
				return;
			}
			sb->n = 0;
			if (m->id == TL_VERB_SPEECH || ++skips > 3 ||
			    opens_with_person(t, clause, m->start, dx)) {
				sb->speech = m->id == TL_VERB_SPEECH;
				return;
			}
			/* No unit before this clause's verb (为……，围绕……，
			 * 某讲堂开讲，): the next clause, unless someone
			 * speaks in this one (某某对……表示). */
			size_t i = m->end;
			while (i < se &&
			       !tl_text_is_clause_break(t + i, se - i))
				i += tl_text_clen(t + i, se - i);
			for (size_t j = k + 1;
			     j < ex->toks.n && ex->toks.v[j].start < i; j++)
				if (ex->toks.v[j].type == TL_M_VERB &&
				    ex->toks.v[j].id == TL_VERB_SPEECH) {
					sb->speech = 1;
					return;
				}
			floor = i;
			while (k < ex->toks.n && ex->toks.v[k].start < i)
				k++;
			break;
		}
		case TL_M_CONJ:
			if (at(t + m->start, m->end - m->start, "与") ||
			    at(t + m->start, m->end - m->start, "和")) {
				conj_start = m->start;
				conj_end = m->end;
				conj_floor = floor;
			}
			floor = m->end;
			k++;
			break;
		default:
			floor = m->end;
			k++;
			break;
		}
	}
}
