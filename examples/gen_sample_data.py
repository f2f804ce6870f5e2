#!/usr/bin/env python3
"""Generate the synthetic sample data set for shuangsuiji (双随机、一公开).

Writes three UTF-8 CSV files (header row, RFC 4180 quoting, "\\n" line ends) into
examples/data/ next to this script:

* items.csv      -- the six 省公安厅 items of 豫政办〔2017〕80号, texts verbatim (检查方式
                    left concatenated, e.g. "实地检查网上检查": the importer must split it);
* targets.csv    -- synthetic 检查对象名录库: 10,000 targets, GB 32100-2015 valid USCCs,
                    Henan region codes, industry, credit, risk, status, past inspections;
* inspectors.csv -- synthetic 执法检查人员名录库: 72 inspectors in 5 departments, with
                    certificates, expertise, expert pool and recusals (回避).

Why: examples, tests and benchmarks need realistic 一单两库 without any real person's
or company's data. All randomness comes from random.Random(20191213), so re-running
gives byte-identical files.

Usage: python3 examples/gen_sample_data.py   (standard library only)
"""
import csv
import datetime as dt
import os
import random

R = random.Random(20191213)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
D = dt.date

# ---------------------------------------------------------------- GB 32100-2015
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check_char(first17):
    """Check character (position 18) of a unified social credit code."""
    assert len(first17) == 17, first17
    s = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return CHARSET[(31 - s % 31) % 31]


def pick(weighted):
    """weighted: list of (value, weight)."""
    vals, ws = zip(*weighted)
    return R.choices(vals, weights=ws)[0]


def unique(seen, gen):
    """Call gen() until it yields a value not in seen; record and return it."""
    while (v := gen()) in seen:
        pass
    seen.add(v)
    return v


def rand_date(lo, hi):
    return D.fromordinal(R.randint(lo.toordinal(), hi.toordinal()))


def plus_years(d, n):  # 29 Feb -> 28 Feb
    return d.replace(year=d.year + n, day=min(d.day, 28) if d.month == 2 else d.day)


def write_csv(name, header, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header.split(","), *rows])
    print(f"{name}: {len(rows)} rows")


ITEM_HEADER = ("序号,事项编码,部门,抽查事项,检查对象,检查内容,事项类别,检查方式,"
               "检查部门实施层级,检查依据,抽查比例,抽查频次,备注")
TARGET_HEADER = ("序号,对象编码,统一社会信用代码,企业名称,成立日期,住所,行政区划代码,"
                 "行业,对象类型,信用类别,风险等级,所属部门,状态,检查记录")
INSPECTOR_HEADER = ("序号,人员编码,姓名,性别,职务（职级）,警号,所属部门,联系电话,手机号码,"
                    "执法证号,执法证有效期起,执法证有效期至,业务专长,状态,专家库,回避对象,"
                    "所在地区,工作单位")

# ---------------------------------------------------------------- 1. items
WA, ZA, JD, JJ, SJ = ("省公安厅网安总队", "省公安厅治安总队", "省公安厅禁毒总队",
                      "省公安厅交警总队", "省市场监督管理局")
# (部门, 名称, 对象, 内容, 类别, 方式, 依据, 比例, 频次) -- verbatim from 豫政办〔2017〕80号
ITEMS = [
    (WA, "计算机信息系统安全等级保护工作监督检查", "重要信息系统、重点网站责任单位",
     "1.网站和信息系统定级、备案、测评和安全情况； 2.信息系统安全等级保护制度落实情况。",
     "一般检查事项", "现场检查技术检测",
     "《中华人民共和国计算机信息系统安全保护条例》（国务院令第147号）第十七条。", "5%", "1次/年"),
    (ZA, "娱乐场所监督检查", "娱乐场所",
     "1.备案情况；2.安全设施、保安人员配备情况；3.经营活动是否合规。",
     "一般检查事项", "实地检查网上检查", "《娱乐场所管理条例》（国务院令第458号）第三条。", "5%",
     "一级治安管理场所1次/年、二级和三级治安管理场所每半年1次"),
    (ZA, "剧毒化学品存放场所监督检查", "剧毒化学品从业单位",
     "1.购买、销售剧毒化学品品种、数量、流向登记备案情况；2.剧毒化学品存放场所治安防范要求落实情况。",
     "重点检查事项", "实地检查网上检查",
     "《危险化学品安全管理条例》（国务院令第344号）第六条第二项、第七条。", "3%", "1次/年"),
    (ZA, "放射源存放场所治安防范监督检查", "放射源从业单位",
     "1.放射源品种、数量、流向的登记情况；放射源存放场所治安防范要求落实情况。",
     "重点检查事项", "实地检查查阅台账",
     "《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第三条第三款。", "3%", "1次/年"),
    (JD, "第一类非药品类易制毒化学品购买监督检查", "第一类非药品类易制毒化学品购买企业",
     "1.现场及有关资料、记录情况；2.法律、法规和规章规定的其他事项。",
     "重点检查事项", "现场检查", "《易制毒化学品管理条例》（国务院令第445号）第十五条第一款。", "3%", "1次/年"),
    (JJ, "剧毒危险化学品跨省、跨省辖市运输监督检查", "剧毒化学品道路通行证使用单位",
     "1.申请材料是否属实；2.行驶路线是否征得途经地公安机关交通管理部门同意；3.是否按通行证规定线路"
     "通行；4. 收到货物后的七日内是否将通行证交回备案存查。",
     "重点检查事项", "实地检查书面检查",
     "《危险化学品安全管理条例》（国务院令第344号）第六条第三项；《剧毒化学品购买和公路运输许可证件"
     "管理办法》（公安部令第77号）第十二条。", "50%", "1次/年"),
]

# ---------------------------------------------------------------- regions / industries
# code: (city, district, weight, streets)
REGIONS = {
    "410102": ("郑州市", "中原区", 12, ["建设西路", "中原中路", "桐柏北路", "棉纺西路"]),
    "410103": ("郑州市", "二七区", 11, ["大学路", "航海中路", "京广中路", "兴华南街"]),
    "410105": ("郑州市", "金水区", 18, ["花园路", "文化路", "经三路", "农业路"]),
    "410122": ("郑州市", "中牟县", 5, ["青年路", "广惠街", "官渡大道"]),
    "410202": ("开封市", "龙亭区", 7, ["北门大街", "龙亭北路", "宋都御街"]),
    "410302": ("洛阳市", "老城区", 7, ["中州东路", "西大街", "唐宫东路"]),
    "410305": ("洛阳市", "涧西区", 11, ["中州西路", "南昌路", "天津路", "景华路"]),
    "410502": ("安阳市", "文峰区", 10, ["文峰大道", "中华路", "红旗路"]),
    "410702": ("新乡市", "红旗区", 10, ["人民路", "胜利路", "向阳路"]),
    "411102": ("漯河市", "源汇区", 9, ["人民路", "交通路", "黄河路"]),
}
# industry: (weight, department, item index or None, name words)
INDUSTRIES = {
    "R9011": (10, ZA, 2, ["娱乐", "歌舞娱乐", "KTV娱乐"]),
    "I6450": (12, WA, 1, ["网络科技", "信息技术", "数据服务"]),
    "C2614": (6, ZA, 3, ["化工", "精细化工", "化学"]),
    "Q8411": (6, ZA, 4, ["医院", "医疗", "综合医院"]),
    "F5162": (6, JD, 5, ["化工贸易", "石化贸易", "化学品贸易"]),
    "G5430": (8, JJ, 6, ["物流", "危险货物运输", "运输"]),
    "F5211": (22, SJ, None, ["百货", "商贸", "超市"]),
    "H6110": (15, SJ, None, ["酒店", "宾馆", "酒店管理"]),
    "M7520": (15, SJ, None, ["科技服务", "知识产权代理", "技术服务"]),
}
BRAND_CHARS = "鑫盛华宏泰瑞丰源恒达德昌隆兴嘉和信诚博远腾飞汇通佳明新锦天润中金安宇永正阳豪福"
CREDIT = [("A", 40), ("B", 35), ("C", 20), ("D", 5)]
RISK = ["低", "较低", "较高", "高"]
STATUS = [("存续", 96), ("注销", 2), ("吊销", 1), ("停业", 1)]
KINDS = [("企业", 80), ("个体工商户", 14), ("农民专业合作社", 5), ("行为", 0.5), ("项目", 0.5)]
USCC_TYPE = {"企业": "91", "个体工商户": "92", "农民专业合作社": "93"}
P_RECORD = 0.31  # of targets in a police industry -> ~15% of all targets


KIND_INDUSTRIES = {"农民专业合作社": ["F5211", "M7520"], "行为": ["G5430", "F5162"],
                   "项目": ["I6450", "Q8411"]}
BEHAVIOUR = {"G5430": "剧毒化学品道路运输行为", "F5162": "第一类易制毒化学品购买行为"}
SHOP = {"F5211": "百货店", "H6110": "宾馆", "R9011": "歌舞厅"}


def target_name(kind, ind, city, dist, code):
    brand, word = "".join(R.sample(BRAND_CHARS, 2)), R.choice(INDUSTRIES[ind][3])
    if kind == "企业":
        place = city[:-1] if R.random() < 0.7 else city + dist
        return place + brand + word + pick([("有限公司", 8), ("有限责任公司", 3), ("股份有限公司", 1)])
    if kind == "个体工商户":
        return f"{city}{dist}{brand}{SHOP.get(ind, word + '部')}（个体工商户）"
    if kind == "农民专业合作社":
        return f"{dist}{brand}{R.choice(['种植', '养殖', '农机'])}农民专业合作社"
    if kind == "行为":
        return f"{city[:-1]}{brand}{word}公司{BEHAVIOUR[ind]}（{code}）"
    return f"{city}{brand}{word}建设项目（{code}）"


def make_targets(n=10000):
    rows, codes, names, serial = [], set(), set(), {"行为": 0, "项目": 0}
    region_w = [(c, v[2]) for c, v in REGIONS.items()]
    ind_w = [(c, v[0]) for c, v in INDUSTRIES.items()]
    for i in range(1, n + 1):
        kind, region = pick(KINDS), pick(region_w)
        city, dist, _, streets = REGIONS[region]
        ind = R.choice(KIND_INDUSTRIES[kind]) if kind in KIND_INDUSTRIES else pick(ind_w)
        _, dept, item, _ = INDUSTRIES[ind]
        uscc = code = ""
        if kind in USCC_TYPE:
            uscc = unique(codes, lambda: (f := USCC_TYPE[kind] + region + "".join(
                R.choices(CHARSET, k=9))) + uscc_check_char(f))
        else:
            serial[kind] += 1
            code = f"{'XW' if kind == '行为' else 'XM'}-{region}-{serial[kind]:06d}"
        name = unique(names, lambda: target_name(kind, ind, city, dist, code))
        founded = rand_date(D(1995, 1, 1), D(2023, 6, 30)).isoformat()
        addr = f"河南省{city}{dist}{R.choice(streets)}{R.randint(1, 399)}号"
        credit = pick(CREDIT)  # risk follows credit 60% of the time, else independent
        risk = RISK["ABCD".index(credit if R.random() < 0.6 else pick(CREDIT))]
        record = ""
        if item is not None and R.random() < P_RECORD:
            dates = ([rand_date(D(2022, 1, 1), D(2023, 8, 15))] if R.random() < 0.7 else
                     [rand_date(D(2022, 1, 1), D(2022, 12, 31)), rand_date(D(2023, 1, 1), D(2023, 8, 15))])
            record = ";".join(f"HA-GAT-{item:03d}:{d.isoformat()}" for d in dates)
        rows.append([i, code, uscc, name, founded, addr, region, ind, kind,
                     credit, risk, dept, pick(STATUS), record])
    assert all(len(r[2]) == 18 and set(r[2]) <= set(CHARSET)
               and uscc_check_char(r[2][:17]) == r[2][17] for r in rows if r[2])
    assert all(bool(r[1]) != bool(r[2]) for r in rows)
    return rows


# ---------------------------------------------------------------- 3. inspectors
DEPTS = [(ZA, 24), (WA, 14), (JD, 12), (JJ, 12), (SJ, 10)]
SKILLS = {ZA: ["娱乐场所", "危险化学品", "放射源"], WA: ["网络安全"],
          JD: ["易制毒化学品", "危险化学品"], JJ: ["道路运输", "危险化学品"],
          SJ: ["危险化学品", "娱乐场所", "道路运输"]}
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭") + ["欧阳", "司马", "诸葛"]
GIVEN = {"男": "伟强磊军洋勇杰涛明超平刚华建国志文斌鹏飞宇浩", "女": "芳娜敏静丽艳秀霞桂英红玉兰琳婷雪"}
POLICE_RANKS = [("一级警长", 5), ("二级警长", 5), ("三级警长", 4), ("四级警长", 3),
                ("一级高级警长", 1), ("二级高级警长", 2), ("三级高级警长", 2), ("四级高级警长", 3)]
CIVIL_RANKS = [("科员", 2), ("一级科员", 2), ("四级主任科员", 3), ("三级主任科员", 2),
               ("二级主任科员", 1)]
# The register date of the demo draw, which uses drand quicknet round 123 (2023-08-23).
AS_OF = D(2023, 8, 23)


def work_unit(dept, region):
    city, dist = REGIONS[region][:2]
    if dept == SJ:
        return f"{city}{dist}市场监督管理局" if dist.endswith("区") else f"{dist}市场监督管理局"
    if dist.endswith("县"):
        return f"{dist}公安局"
    if dept == JJ:
        return f"{city}公安局交通警察支队"
    return f"{city}公安局{dist[:-1]}分局"


def make_inspectors(targets):
    plan = [d for d, k in DEPTS for _ in range(k)]
    n = len(plan)
    special = R.sample(range(n), 9)
    leave, retired, experts = special[:3], special[3:5], special[5:9]
    expired = [leave[0], retired[0]]          # exactly 2 inactive with expired certs
    no_cert = experts[:2]                      # expert-pool members without qualification
    recusers = set(R.sample([k for k in range(n) if k not in no_cert], 10))
    by_dept = {d: [t[2] or t[1] for t in targets if t[11] == d] for d, _ in DEPTS}
    non_uscc = [t[1] for t in targets if t[1]]
    rows, names, badges, mobiles, cert_no = [], set(), set(), set(), 0
    for k, dept in enumerate(plan):
        sex, police = R.choice(["男", "男", "女"]), dept != SJ
        name = unique(names, lambda: R.choice(SURNAMES) + "".join(
            R.choices(GIVEN[sex], k=R.choice([1, 2, 2]))))
        rank = pick(POLICE_RANKS if police else CIVIL_RANKS)
        badge = unique(badges, lambda: f"{R.randint(100000, 999999)}") if police else ""
        phone = f"0371-6{R.randint(0, 9999999):07d}"
        mobile = unique(mobiles, lambda: R.choice(["13", "15", "18"]) + f"{R.randint(0, 10**9 - 1):09d}")
        cert = start = end = ""
        if k not in no_cert:
            # expired: ends before AS_OF; otherwise valid on AS_OF and beyond
            s = (rand_date(D(2016, 1, 1), D(2018, 8, 22)) if k in expired
                 else rand_date(D(2018, 8, 24), D(2023, 6, 30)))
            cert_no += 1
            cert = f"豫公执字第{s.year}-{cert_no:05d}号" if police else f"HA{s.year}{cert_no:05d}"
            start, end = s.isoformat(), plus_years(s, 5).isoformat()
        skills = R.sample(SKILLS[dept], min(len(SKILLS[dept]), R.choice([0, 1, 1, 2])))
        status = "休假" if k in leave else "退休" if k in retired else "在岗"
        avoid = ""
        if k in recusers:
            avoid_ids = R.sample(by_dept[dept], R.randint(1, 3))
            if k == min(recusers):
                avoid_ids[-1] = R.choice(non_uscc)
            avoid = ";".join(avoid_ids)
        region = R.choice(list(REGIONS))
        rows.append([k + 1, f"P{k + 1:04d}", name, sex, rank, badge, dept, phone, mobile,
                     cert, start, end, ";".join(skills), status,
                     "是" if k in experts else "否", avoid, region, work_unit(dept, region)])
    lapsed = [r for r in rows if r[11] and D.fromisoformat(r[11]) < AS_OF]
    assert len(lapsed) == 2 and all(r[13] != "在岗" for r in lapsed)  # no active one lapsed
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    example = "91350100M000100Y4"
    print(f"check char for {example}: {uscc_check_char(example)}")
    write_csv("items.csv", ITEM_HEADER, [[i, f"HA-GAT-{i:03d}", *it[:6], "省、市、县", *it[6:], ""]
                                         for i, it in enumerate(ITEMS, 1)])
    targets = make_targets()
    write_csv("targets.csv", TARGET_HEADER, targets)
    write_csv("inspectors.csv", INSPECTOR_HEADER, make_inspectors(targets))


if __name__ == "__main__":
    main()
