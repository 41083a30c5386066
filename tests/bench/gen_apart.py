#!/usr/bin/env python3
"""tests/bench/gen_apart.py - a series written apart from gen.c, to check
tally on text its own generator did not shape: other departments, keywords,
kinds and phrasing, headers spelled 标题：/发布时间：/浏览量：.

usage: gen_apart.py N OUT   -> OUT/articles/*.txt, OUT/lexicon/*.csv, OUT.csv
"""
import os, random, sys, csv
random.seed(2026)
n = int(sys.argv[1]); out = sys.argv[2]
os.makedirs(out + "/articles", exist_ok=True); os.makedirs(out + "/lexicon", exist_ok=True)
depts = [("水利工程学院","水利学院"),("交通运输学院","交运学院"),("药学院",""),("护理学院",""),("哲学院",""),
 ("历史文化学院","历史学院"),("地理科学学院","地科院"),("海洋学院",""),("农学院",""),("林学院",""),
 ("动物科技学院","动科院"),("食品科学与工程学院","食品学院"),("音乐学院",""),("美术学院",""),("教育学院",""),
 ("心理学院",""),("统计学院",""),("金融学院",""),("会计学院",""),("旅游学院",""),
 ("党委统战部","统战部"),("纪委办公室","纪委办"),("发展规划处","规划处"),("资产管理处","资产处"),("基建处",""),
 ("招生就业处","招就处"),("学科建设办公室","学科办"),("实验室管理处","实验处"),("博物馆",""),("附属中学","附中"),
 ("现代教育技术中心","电教中心"),("后勤集团",""),("体育部",""),("艺术教育中心",""),("继续教育中心","")]
kw = ["二十大","中国式现代化","高质量发展","新时代","乡村振兴","立德树人","教育强国","科技自立自强"]
kinds = [("座谈会","座谈会"),("报告会","报告会|宣讲报告会"),("读书班","读书班"),("调研","调研"),("培训","培训|培训班"),("竞赛","竞赛")]
events = ["学习党的二十大精神座谈会","二十大精神宣讲报告会","专题读书班","乡村振兴专题调研","新时代教师培训班","立德树人主题竞赛"]
with open(out+"/lexicon/departments.csv","w") as f:
    f.write("name,aliases,category,in_roster\n某某大学,某大,self,0\n")
    for d,a in depts: f.write(f"{d},{a},学院,1\n")
with open(out+"/lexicon/keywords.csv","w") as f:
    f.write("term,group\n" + "".join(f"{k},主题\n" for k in kw))
with open(out+"/lexicon/kinds.csv","w") as f:
    f.write("kind,triggers\n" + "".join(f"{k},{t}\n" for k,t in kinds))
filler = ["与会同志一致认为，要深刻领会党的二十大精神的丰富内涵和实践要求，坚持以人民为中心的发展思想，把学习成果转化为推动学校高质量发展的强大动力，为加快建设教育强国贡献智慧和力量。",
 "大家纷纷表示，将以此次活动为契机，进一步增强责任感和使命感，立足岗位、担当作为，在人才培养、科学研究、社会服务、文化传承创新等方面奋发有为，以实际行动践行初心使命。",
 "活动现场气氛热烈，师生代表结合自身经历畅谈体会，大家认为新时代新征程上，青年学子要勇担时代重任，坚定理想信念，练就过硬本领，努力成长为堪当民族复兴重任的时代新人。"]
rows = []
import datetime
d0 = datetime.date(2023,1,5)
cw = csv.writer(open(out+".csv","w",newline=""))
cw.writerow(["title","published","views","body"])
for k in range(n):
    pub = d0 + datetime.timedelta(days=k*900//n)
    paras = ["近期，某某大学各单位认真组织学习宣传贯彻党的二十大精神，形成了浓厚的学习氛围。"]
    for a in range(5):
        d = pub - datetime.timedelta(days=random.randint(1,15))
        dn, al = random.choice(depts); name = al if al and random.random() < .5 else dn
        ev = random.choice(events)
        ppl = f"，{random.randint(30,900)}余人参加" if random.random() < .4 else ""
        paras.append(f"{d.month}月{d.day}日，{name}举办{ev}{ppl}。" + random.choice(filler) + random.choice(filler))
        if random.random() < .5: paras.append(random.choice(filler))
    body = "\n".join(paras)
    title = f"学习贯彻党的二十大精神系列报道（{k%60+1}）"
    with open(f"{out}/articles/{k+1:06d}.txt","w") as f:
        f.write(f"标题：{title}\n发布时间：{pub.isoformat()}\n浏览量：{random.randint(50,5000)}\n正文内容：\n{body}\n")
    cw.writerow([title, pub.isoformat(), random.randint(50,5000), body])
