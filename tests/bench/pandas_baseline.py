#!/usr/bin/env python3
"""tests/bench/pandas_baseline.py - the yardstick of issue 6: what a
pandas + regex script does with a series, a subset of tally's work.

Reads every .txt article under a folder (the seed's text form), takes
title, publish date and body, splits the body into paragraphs, finds in
each the first "M月D日" date (year from the publish date) and the lexicon's
department names and aliases (one regex alternation, longest first),
and counts activities per department and month with a pandas groupby,
written as CSV. No spans, vague dates, sub-units, kinds, participants,
keywords, de-duplication or database: tally does all of those too.

usage: pandas_baseline.py LEXICON_DIR ARTICLES_DIR OUT.csv
"""
import csv
import os
import re
import sys

import pandas as pd


def lexicon(path):
    names = {}
    with open(os.path.join(path, "departments.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            names[name] = name
            for alias in (row.get("aliases") or "").split("|"):
                if alias.strip():
                    names[alias.strip()] = name
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(alt)


DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
YEAR = re.compile(r"(\d{4})")
HEAD = re.compile(r"^(标题|发布日期|发布时间|浏览次数|浏览量)[:：]\s*(.*)$")


def articles(root):
    for d, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".txt"):
                yield os.path.join(d, name)


def main():
    names, dept_re = lexicon(sys.argv[1])
    rows = []
    for path in articles(sys.argv[2]):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        head, _, body = text.partition("正文内容")
        fields = {}
        for line in head.splitlines():
            m = HEAD.match(line.strip())
            if m:
                fields[m.group(1)] = m.group(2)
        y = YEAR.search(fields.get("发布日期", fields.get("发布时间", "")))
        year = y.group(1) if y else ""
        for para in body.splitlines():
            m = DATE.search(para)
            if not m or not year.isdigit():
                continue
            month = "%s-%02d" % (year, int(m.group(1)))
            for dept in {names[x] for x in dept_re.findall(para)}:
                rows.append((dept, month))
    df = pd.DataFrame(rows, columns=["department", "month"])
    df.groupby(["department", "month"]).size().rename("activities") \
        .reset_index().to_csv(sys.argv[3], index=False)


if __name__ == "__main__":
    main()
