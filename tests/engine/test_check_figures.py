"""Every check of an item, met or not: its code, the figures it compared and the sentence it shows.

The YAML cases fix each item's status and amount; the threshold charts, the dashboard's "nearest to the
line" and the cards read the figures and the sentence of every check, met ones too. Each expected value
here is worked out by hand from the policy's lines (content/parameters/*.yaml quote them), just below, at
and just above the line, never read back from the engine.
"""

from __future__ import annotations

from decimal import Decimal as D

from calculators import assess, validate_profile

ENTERPRISE = {"name": "甲", "registered_in_minhang": True}
CARRIER = {"name": "园", "related_enterprises": 60, "total_enterprises": 150, "independent_area_sqm": 0,
           "revenue_last_year_yuan": 100000000, "revenue_this_year_yuan": 115000000}


def _item(section: str, value, lang: str = "zh", as_of: str = "2026-11-27", item: str | None = None):
    model, problems = validate_profile({"as_of": as_of, "enterprise": ENTERPRISE, section: value}, lang)
    assert model is not None, problems
    items = [r for r in assess(model, lang).items if item is None or r.item == item]
    assert len(items) == 1, [r.item for r in items]
    return items[0]


def _figures(r) -> list[tuple]:
    """(code, passed, actual, required, actual_value, required_value, comparison, parameter, message)."""
    return [(c.code, c.passed, c.actual, c.required, c.actual_value, c.required_value, c.comparison, c.parameter,
             c.message) for c in r.checks]


def _carrier(**changes):
    return _item("carrier", {**CARRIER, **changes})


SHARE = "article1_carrier.related_share_min"
COUNT = "article1_carrier.related_enterprises_min"
AREA = "article1_carrier.independent_area_min_sqm"
GROWTH = "article1_carrier.revenue_growth_min"


def test_a_carrier_over_every_line_reports_each_lines_figures():
    """60 of 150 = 40% > 30%; 60 家 ≥ 50 家; (115,000,000 − 100,000,000) / 100,000,000 = 15% ≥ 10%."""
    assert _figures(_carrier()) == [
        ("related_share_over", True, "40%", "30%", D("0.4"), D("0.30"), ">", SHARE, "相关企业占比 40%，需超过 30%"),
        ("scale_met_count", True, "60", "50", D(60), D(50), ">=", COUNT, "相关企业 60 家，达到 50 家以上"),
        ("revenue_growth_met", True, "15%", "10%", D("0.15"), D("0.10"), ">=", GROWTH,
         "营业收入同比增幅 15%，达到 10% 及以上"),
    ]


def test_the_share_just_below_at_and_just_above_30_percent():
    """超过 30%: 59/200 = 29.5% (0.5 points short), 60/200 = 30% exactly (the line itself does not count),
    61/200 = 30.5%."""
    below, at, above = (_figures(_carrier(related_enterprises=n, total_enterprises=200))[0] for n in (59, 60, 61))
    assert below == ("related_share_under", False, "29.5%", "30%", D("0.295"), D("0.30"), ">", SHARE,
                     "相关企业占比 29.5%，需超过 30%（还差 0.5 个百分点以上）")
    assert at == ("related_share_at_line", False, "30%", "30%", D("0.3"), D("0.30"), ">", SHARE,
                  "相关企业占比恰为 30%，需超过 30%（“超过”不含本数）")
    assert above == ("related_share_over", True, "30.5%", "30%", D("0.305"), D("0.30"), ">", SHARE,
                     "相关企业占比 30.5%，需超过 30%")


def test_a_share_that_does_not_end_is_shown_cut_and_its_gap_rounded_up():
    """40/150 = 26.666…%: shown as 26.66% (never on the line it is under); the gap 3.333… points is shown
    as 3.34 (never understated)."""
    (share, *_rest) = _figures(_carrier(related_enterprises=40))
    assert share[:4] == ("related_share_under", False, "26.66%", "30%")
    assert share[8] == "相关企业占比 26.66%，需超过 30%（还差 3.34 个百分点以上）"


def test_the_scale_met_by_area_alone_reports_the_area_line():
    """49 家 < 50 家, but 8,000.5 m² > 8,000 m² (超过): the check names the area line and its figures."""
    scale = _figures(_carrier(related_enterprises=49, total_enterprises=100, independent_area_sqm="8000.5"))[1]
    assert scale == ("scale_met_area", True, "8,000.5", "8,000", D("8000.5"), D(8000), ">", AREA,
                     "独立企业租购面积 8,000.5 平方米，超过 8,000 平方米")


def test_the_scale_at_the_count_line_is_met_by_count_even_with_a_large_area():
    """50 家 is 50 家以上 (以上 includes the number): the count is reported, not the area."""
    scale = _figures(_carrier(related_enterprises=50, total_enterprises=100, independent_area_sqm=9000))[1]
    assert scale == ("scale_met_count", True, "50", "50", D(50), D(50), ">=", COUNT, "相关企业 50 家，达到 50 家以上")


def test_the_scale_unmet_on_both_lines_says_both_gaps():
    """49 家 (1 short of 50) and 8,000 m² (not over 8,000): neither line is met."""
    scale = _figures(_carrier(related_enterprises=49, total_enterprises=100, independent_area_sqm=8000))[1]
    assert scale == ("scale_not_reached", False, "49", "50", D(49), D(50), ">=", COUNT,
                     "相关企业 49 家，需 50 家以上（还差 1 家）；或独立企业租购面积需超过 8,000 平方米（现 8,000 平方米）")


def test_revenue_growth_just_below_at_and_above_10_percent():
    """10% 及以上: 9,999,999 / 100,000,000 = 9.999999% (shown 9.99%, 0.000001 points short, shown 0.01);
    exactly 10%; a fall of 10% is 20 points short."""
    below = _figures(_carrier(revenue_this_year_yuan=109999999))[2]
    at = _figures(_carrier(revenue_this_year_yuan=110000000))[2]
    fall = _figures(_carrier(revenue_this_year_yuan=90000000))[2]
    assert below == ("revenue_growth_below", False, "9.99%", "10%", D("0.09999999"), D("0.10"), ">=", GROWTH,
                     "营业收入同比增幅 9.99%，需达到 10% 及以上（增速还差 0.01 个百分点）")
    assert at == ("revenue_growth_met", True, "10%", "10%", D("0.1"), D("0.10"), ">=", GROWTH,
                  "营业收入同比增幅 10%，达到 10% 及以上")
    assert fall == ("revenue_growth_below", False, "-10%", "10%", D("-0.1"), D("0.10"), ">=", GROWTH,
                    "营业收入同比增幅 -10%，需达到 10% 及以上（增速还差 20 个百分点）")


def test_no_revenue_last_year_is_a_growth_that_cannot_be_computed():
    growth = _figures(_carrier(revenue_last_year_yuan=0, revenue_this_year_yuan=5000000))[2]
    assert growth == ("no_prior_revenue", False, "0", "10%", None, None, ">=", GROWTH,
                      "上年营业收入为 0，无法计算同比增幅")


def test_a_fall_in_revenue_is_a_base_of_zero():
    """总增长额 of a fall is no growth: the 20% applies to 0, not to a negative amount."""
    r = _carrier(revenue_this_year_yuan=90000000)
    assert (r.base_yuan, r.rate, r.uncapped_yuan, r.ceiling_yuan) == (D(0), D("0.20"), 0, 0)


# ---- 第2、3项: one work under 2.1, 2.2, 2.3, 3.1 and 3.2 -----------------------------------------------------

def _work(lang: str = "zh", registered=True, as_of: str = "2026-11-27", **work) -> dict:
    model, problems = validate_profile(
        {"as_of": as_of, "enterprise": {**ENTERPRISE, "registered_in_minhang": registered},
         "projects": [{"name": "剧", **work}]}, lang)
    assert model is not None, problems
    return {r.item: r for r in assess(model, lang).items}


FUND_NEW = ("is_new", True, "2026-05-01", "2026-03-14", None, None, ">=", "general.effective_from",
            "市级专项资金入围或获得日期 2026-05-01，在政策施行日 2026-03-14 之后")
PLATFORMS = "article2_projects.major_platforms"
EVERY_PLATFORM_ZH = "腾讯视频、优酷、爱奇艺、芒果TV、红果短剧、抖音"
EVERY_PLATFORM_EN = "Tencent Video, Youku, iQIYI, Mango TV, Hongguo, Douyin"
BOOL = (None, None, None, None, "bool", None)


def test_an_awarded_work_on_two_major_platforms():
    """新获得 (2026-05-01 ≥ 2026-03-14) and broadcast on 腾讯 and 抖音: 2.1 (最高不超过 300 万元) and 2.3; 2.2
    is the same fund's earlier stage, not added; 3.1 names the three article-2 items it rests on."""
    r = _work(municipal_fund="awarded", municipal_fund_date="2026-05-01", platforms=["tencent", "douyin"],
              local_culture_minutes=12)
    assert _figures(r["2.1"]) == [
        ("municipal_fund_awarded", True, "获得扶持", *BOOL[1:], "已获得市级微短剧专项资金扶持"), FUND_NEW]
    assert _figures(r["2.2"]) == [
        ("municipal_fund_shortlisted", True, "获得扶持", *BOOL[1:], "已入围市级微短剧专项资金扶持评审"), FUND_NEW]
    assert _figures(r["2.3"]) == [
        ("on_major_platform", True, "腾讯视频、抖音", None, None, None, "in", PLATFORMS, "在主要网络视听平台播出：腾讯视频、抖音")]
    assert _figures(r["3.1"])[0] == (
        "qualifying_work", True, "2.1 市级专项资金扶持项目配套、2.2 市级专项资金评审入围项目、2.3 主要平台播出项目", *BOOL[1:],
        "属于第2条“上述作品”（2.1 市级专项资金扶持项目配套、2.2 市级专项资金评审入围项目、2.3 主要平台播出项目）")
    assert [(i, r[i].status, r[i].ceiling_yuan, r[i].year, r[i].year_basis, r[i].year_note) for i in ("2.1", "2.2")] == [
        ("2.1", "eligible", 3000000, 2026, "event", "计入 2026 年度（市级专项资金入围或获得日期 2026-05-01 所在年度）"),
        ("2.2", "superseded", 0, 2026, "event", "计入 2026 年度（市级专项资金入围或获得日期 2026-05-01 所在年度）"),
    ]
    assert r["2.2"].notes == ["入围与获得市级专项资金扶持为同一资金的两个阶段，已获得扶持的作品按第2.1项计（就高不重复）"]
    # 3.1: 1 万元 for the first minute and 1 万元 for each of the 11 further whole minutes = 12 万元, at most 10 万元
    assert (r["3.1"].kind, r["3.1"].uncapped_yuan, r["3.1"].ceiling_yuan, r["3.1"].cap_yuan) == ("fixed", 120000, 100000, 100000)


def test_the_same_work_in_english():
    r = _work("en", municipal_fund="awarded", municipal_fund_date="2026-05-01", platforms=["tencent", "douyin"])
    assert _figures(r["2.1"]) == [
        ("municipal_fund_awarded", True, "awarded", *BOOL[1:], "Awarded the municipal micro-drama special fund"),
        ("is_new", True, "2026-05-01", "2026-03-14", None, None, ">=", "general.effective_from",
         "The municipal fund date 2026-05-01 is on or after the policy took effect (2026-03-14)")]
    assert _figures(r["2.3"]) == [("on_major_platform", True, "Tencent Video, Douyin", None, None, None, "in", PLATFORMS,
                                   "Broadcast on a major platform: Tencent Video, Douyin")]
    assert r["2.1"].year_note == "Counts in 2026 (the year of its municipal fund date, 2026-05-01)"


def test_a_work_with_no_fund_and_no_platform():
    """Nothing of article 2: each check says what it lacks; 2.3 lists the six platforms the text names."""
    for lang, none, awarded, shortlisted, every, platform_msg in (
        ("zh", "未入围或获得", "未获得市级微短剧专项资金扶持（现为：未入围或获得）", "未入围市级微短剧专项资金扶持评审（现为：未入围或获得）",
         EVERY_PLATFORM_ZH, f"未在主要网络视听平台（{EVERY_PLATFORM_ZH}）播出"),
        ("en", "none", "Not awarded the municipal micro-drama special fund (now: none)",
         "Not shortlisted for the municipal micro-drama special fund review (now: none)",
         EVERY_PLATFORM_EN, f"Not broadcast on a major platform ({EVERY_PLATFORM_EN})"),
    ):
        r = _work(lang)
        assert _figures(r["2.1"]) == [("not_municipal_awarded", False, none, *BOOL[1:], awarded)], lang
        assert _figures(r["2.2"]) == [("not_municipal_shortlisted", False, none, *BOOL[1:], shortlisted)], lang
        assert _figures(r["2.3"]) == [("no_major_platform", False, None, every, None, None, "in", PLATFORMS,
                                       platform_msg)], lang
        assert [(i, r[i].status, r[i].ceiling_yuan, r[i].year_basis) for i in ("2.1", "2.2", "2.3")] == [
            ("2.1", "ineligible", 0, "as_of"), ("2.2", "ineligible", 0, "as_of"), ("2.3", "ineligible", 0, "as_of")]
    r = _work()
    assert _figures(r["3.1"])[0] == ("no_qualifying_work", False, *BOOL,
                                     "须为第2条所列作品（获市级专项资金扶持、入围评审或在主要平台播出）")
    assert _figures(r["3.2"]) == [("not_adaptation", False, *BOOL, "须为改编优秀影视等作品且首次备案上线的微短剧")]
    assert r["2.1"].year_note == "计入 2026 年度（未填年度且无认定日期，按测算日期 2026-11-27 所在年度）"


def test_a_work_shortlisted_the_day_before_the_policy_and_shown_elsewhere():
    """入围 on 2026-03-13, the day before 施行 (not 新入围); shown only on another platform (等: review)."""
    r = _work(municipal_fund="shortlisted", municipal_fund_date="2026-03-13", platforms=["other"],
              local_culture_minutes="0.99")
    assert _figures(r["2.2"]) == [
        ("municipal_fund_shortlisted", True, "入围评审", *BOOL[1:], "已入围市级微短剧专项资金扶持评审"),
        ("not_new", False, "2026-03-13", "2026-03-14", None, None, ">=", "general.effective_from",
         "市级专项资金入围或获得日期 2026-03-13 早于政策施行日 2026-03-14，不属于“新获得或新入围”")]
    assert _figures(r["2.3"]) == [("other_platform_review", False, None, None, None, None, "review", None,
                                   "仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定")]
    assert _figures(r["3.1"]) == [
        ("qualifying_work_review", False, None, None, None, None, "review", None,  # named in the sentence
         "第2条依据（2.3 主要平台播出项目）尚需评审认定，本项随之待认定"),
        ("local_culture_under", False, "0.99", "1", D("0.99"), D(1), ">=", "article3_works.local_culture_min_minutes",
         "在地文化内容时长 0.99 分钟，需 1 分钟及以上"),
    ]
    assert (r["2.3"].status, r["2.3"].ceiling_yuan) == ("review", 600000)  # 最高不超过 60 万元
    assert (r["2.2"].status, r["2.2"].notes) == ("ineligible", [])
    assert (r["3.1"].status, r["3.1"].uncapped_yuan, r["3.1"].ceiling_yuan) == ("ineligible", 0, 0)


def test_an_undated_award_is_taken_as_new_and_says_so():
    r = _work(municipal_fund="awarded")
    assert _figures(r["2.1"])[1] == (
        "is_new_undated", True, None, "2026-03-14", None, None, ">=", "general.effective_from",
        "未填写市级专项资金入围或获得日期，按政策施行期间新发生处理，申报时需提供日期证明")
    assert r["2.1"].notes == ["原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准", "未填写日期，按新发生处理"]


def test_a_shortlisted_adaptation_with_two_and_a_half_minutes_of_local_culture():
    """3.1: 2.5 minutes is 2 whole minutes: 1 万元 + 1 万元 = 2 万元; 3.2: an adaptation first filed."""
    r = _work(municipal_fund="shortlisted", municipal_fund_date="2026-05-01", local_culture_minutes="2.5",
              adaptation_first_filing=True)
    assert _figures(r["3.1"]) == [
        ("qualifying_work", True, "2.2 市级专项资金评审入围项目", *BOOL[1:], "属于第2条“上述作品”（2.2 市级专项资金评审入围项目）"),
        ("local_culture_met", True, "2.5", "1", D("2.5"), D(1), ">=", "article3_works.local_culture_min_minutes",
         "在地文化内容时长 2.5 分钟，达到 1 分钟及以上"),
    ]
    assert (r["3.1"].status, r["3.1"].base_yuan, r["3.1"].uncapped_yuan, r["3.1"].ceiling_yuan) == (
        "eligible", D("2.5"), 20000, 20000)
    assert r["3.1"].notes == ["原文为固定额度：1 分钟 1 万元，每增加 1 整分钟再加 1 万元，最高 10 万元；按整分钟计"]
    assert _figures(r["3.2"]) == [("adaptation_first_filing", True, *BOOL, "改编优秀影视等作品，且为首次备案上线")]
    assert (r["3.2"].status, r["3.2"].ceiling_yuan, r["3.2"].cap_yuan) == ("eligible", 300000, 300000)  # 单个项目最高不超过 30 万元


def test_a_failed_gate_is_not_a_missing_article_2_basis():
    """附则: an enterprise whose Minhang registration is unconfirmed is left to review; 3.1 still finds its
    article-2 basis (the gate is reported once, not again as "not a qualifying work")."""
    r = _work(registered=None, municipal_fund="awarded", municipal_fund_date="2026-05-01", local_culture_minutes=1)
    assert [c.code for c in r["3.1"].checks] == ["minhang_unconfirmed", "qualifying_work", "local_culture_met"]
    assert (r["3.1"].status, r["3.1"].ceiling_yuan) == ("review", 10000)
    r = _work(registered=False, municipal_fund="awarded", municipal_fund_date="2026-05-01", local_culture_minutes=1)
    assert [(c.code, c.passed) for c in r["3.1"].checks] == [
        ("not_in_minhang", False), ("qualifying_work", True), ("local_culture_met", True)]
    assert [c.code for c in r["3.1"].unmet] == ["not_in_minhang"]


# ---- 第4项: platforms (4.1) and research cooperation (4.2) -------------------------------------------------------

RECOGNISED_NEW = ("is_new", True, "2026-05-01", "2026-03-14", None, None, ">=", "general.effective_from",
                  "认定或获得扶持日期 2026-05-01，在政策施行日 2026-03-14 之后")
REVIEW_NOTE = "原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准"
MIN_INVESTMENT = "article4_platforms.transformation_min_investment_yuan"


def _platform(lang: str = "zh", **platform):
    return _item("tech_platforms", [{"name": "台", "investment_yuan": 5000000, **platform}], lang)


def test_a_platform_at_each_level_gets_that_levels_cap():
    """按项目投资费用的 30% 以内，最高不超过 200 万元（国家级）、100 万元（市级）: 5,000,000 x 30% = 1,500,000."""
    national = _platform(national=True, recognised_on="2026-05-01")
    municipal = _platform(municipal=True, recognised_on="2026-05-01")
    both = _platform(national=True, municipal=True, recognised_on="2026-05-01")
    assert _figures(national) == [
        ("platform_recognised", True, "国家级", *BOOL[1:], "新获国家级专业化平台认定或专项资金扶持"), RECOGNISED_NEW]
    assert _figures(municipal)[0] == ("platform_recognised", True, "市级", *BOOL[1:], "新获市级专业化平台认定或专项资金扶持")
    assert _figures(both)[0] == ("platform_recognised", True, "国家级和市级", *BOOL[1:],
                                 "新获国家级和市级专业化平台认定或专项资金扶持")
    got = [(r.status, r.base_yuan, r.rate, r.uncapped_yuan, r.cap_yuan, r.ceiling_yuan) for r in (national, municipal, both)]
    assert got == [
        ("eligible", D(5000000), D("0.30"), 1500000, 2000000, 1500000),
        ("eligible", D(5000000), D("0.30"), 1500000, 1000000, 1000000),
        ("eligible", D(5000000), D("0.30"), 1500000, 2000000, 1500000),  # 就高: the national cap, once
    ]
    assert national.notes == [REVIEW_NOTE]
    assert both.notes == [REVIEW_NOTE, "同时获国家级和市级认定或扶持，按国家级就高计算，不重复享受"]
    assert (national.year, national.year_basis, national.year_note) == (
        2026, "event", "计入 2026 年度（认定或获得扶持日期 2026-05-01 所在年度）")
    en = _platform("en", national=True, municipal=True, recognised_on="2026-05-01")
    assert en.checks[0].message == "Newly recognised or funded at national and municipal level"
    assert en.notes[1] == "Recognised at both national and municipal level: the higher (national) counts once"


def test_a_platform_recognised_before_the_policy_or_not_at_all():
    before = _platform(national=True, recognised_on="2026-03-13")
    assert _figures(before)[1] == ("not_new", False, "2026-03-13", "2026-03-14", None, None, ">=", "general.effective_from",
                                   "认定或获得扶持日期 2026-03-13 早于政策施行日 2026-03-14，不属于“新获认定或扶持”")
    none = _platform()
    assert [(c.code, c.passed, c.comparison, c.message) for c in none.checks] == [
        ("no_recognition", False, "bool", "须新获国家级或市级产业专业化平台认定，或新获国家级、市级专项资金扶持")]
    assert (none.status, none.ceiling_yuan, none.year_basis) == ("ineligible", 0, "as_of")


def _cooperation(**project):
    return _item("transformation_projects", [{"name": "合作", **project}])


def test_a_cooperation_at_the_2m_line_gets_30_percent_of_the_enterprises_own_investment():
    """投资额达到 200 万元（含）以上: 2,000,000 is on the line; 30% of the enterprise's own 1,000,000 = 300,000."""
    r = _cooperation(with_research_partner=True, project_investment_yuan=2000000, enterprise_investment_yuan=1000000)
    assert _figures(r) == [
        ("research_partner", True, *BOOL, "与高校、科研院所合作，成果转化落地"),
        ("investment_met", True, "200.00", "200.00", D(2000000), D(2000000), ">=", MIN_INVESTMENT,
         "合作项目投资总额 200.00 万元，达到 200.00 万元（含）以上"),
    ]
    assert (r.status, r.base_yuan, r.rate, r.uncapped_yuan, r.ceiling_yuan, r.cap_yuan) == (
        "eligible", D(1000000), D("0.30"), 300000, 300000, 3000000)
    assert r.notes == [REVIEW_NOTE, "合作项目投资总额 200.00 万元（门槛）；扶持按企业自身投资 100.00 万元的 30% 以内计"]


def test_a_cooperation_one_fen_below_the_line_without_a_partner():
    """1,999,999.99 元 (199.999999 万元, every digit shown) is 0.01 元 short of 200 万元（含）; no university or institute; the enterprise's own
    investment left out is taken as the project's (⌊1,999,999.99 x 30%⌋ = 599,999, not payable)."""
    r = _cooperation(project_investment_yuan="1999999.99")
    assert _figures(r) == [
        ("no_research_partner", False, *BOOL, "须为与高校、科研院所合作并实现成果转化的项目"),
        ("investment_below", False, "199.999999", "200.00", D("1999999.99"), D(2000000), ">=", MIN_INVESTMENT,
         "合作项目投资总额 199.999999 万元，需达到 200.00 万元（含）以上（还差 0.000001 万元）"),
    ]
    assert (r.status, r.base_yuan, r.uncapped_yuan, r.ceiling_yuan) == ("ineligible", D("1999999.99"), 599999, 0)
    assert r.notes == ["合作项目投资总额 199.999999 万元（门槛）；扶持按企业自身投资 199.999999 万元的 30% 以内计",
                       "未填写企业自身投资，按合作项目投资总额 199.999999 万元计算；实际以企业自身投入为基数"]


def test_an_older_profiles_single_investment_stands_for_both_amounts():
    """12,000,000 x 30% = 3,600,000, above 最高不超过 300 万元."""
    r = _cooperation(with_research_partner=True, investment_yuan=12000000)
    assert (r.status, r.base_yuan, r.uncapped_yuan, r.ceiling_yuan) == ("eligible", D(12000000), 3600000, 3000000)
    assert r.checks[1].actual_value == D(12000000)
    assert r.notes == [
        REVIEW_NOTE, "合作项目投资总额 1,200.00 万元（门槛）；扶持按企业自身投资 1,200.00 万元的 30% 以内计",
        "旧版档案只有一个投资额（1,200.00 万元）：同时视为合作项目投资总额（200 万元门槛）和企业自身投资（30% 基数）；"
        "企业实际投入少于项目总投资时请分别填写"]


# ---- 第5、7、8项 ------------------------------------------------------------------------------------------------

def test_rnd_applied_with_results_gets_30_percent_up_to_3m():
    """10,000,001 x 30% = 3,000,000.3 → 3,000,000 (the cap); not applied, nothing."""
    r = _item("rnd", {"expenditure_yuan": 10000001, "applied_with_results": True, "year": 2026})
    assert _figures(r) == [("rnd_applied", True, *BOOL, "关键技术、共性技术攻关已应用并取得成效")]
    assert (r.item, r.subject, r.status, r.base_yuan, r.rate, r.uncapped_yuan, r.ceiling_yuan, r.cap_yuan) == (
        "5", None, "eligible", D(10000001), D("0.30"), 3000000, 3000000, 3000000)
    assert (r.year, r.year_basis, r.year_note, r.notes) == (2026, "given", "计入 2026 年度（按所填年度）", [REVIEW_NOTE])
    r = _item("rnd", {"expenditure_yuan": 1000000}, "en")
    assert _figures(r) == [("rnd_not_applied", False, *BOOL, "The R&D must have been applied with results")]
    assert (r.status, r.uncapped_yuan, r.ceiling_yuan, r.notes) == ("ineligible", 300000, 0, [])


UNQUANTIFIED = "原文未规定金额，按规定提供配套服务保障或给予一定扶持，需评审认定"


def test_talent_is_left_to_review_with_no_amount():
    """给予一定扶持 with no figure: candidates or a key project put item 7 in review, with no ceiling."""
    cases = [
        ({"chunshen_candidates": 2, "leads_key_project": True}, "review", "talent_candidates",
         "春申人才计划申报人选 2 人；牵头重点项目或长期合作：是"),
        ({"chunshen_candidates": 0, "leads_key_project": True}, "review", "talent_candidates",
         "春申人才计划申报人选 0 人；牵头重点项目或长期合作：是"),
        ({"chunshen_candidates": 1, "leads_key_project": False}, "review", "talent_candidates",
         "春申人才计划申报人选 1 人；牵头重点项目或长期合作：否"),
        ({"chunshen_candidates": 0, "leads_key_project": False}, "ineligible", "no_talent",
         "无春申人才计划申报人选，也未牵头重点项目或开展长期合作"),
    ]
    for talent, status, code, message in cases:
        r = _item("talent", talent)
        assert [(c.code, c.passed, c.comparison, c.message) for c in r.checks] == [
            (code, False, "review" if status == "review" else "bool", message)], talent
        assert (r.item, r.status, r.kind, r.ceiling_yuan, r.cap_yuan, r.notes) == (
            "7", status, "unquantified", None, None, [UNQUANTIFIED]), talent
        assert (r.year, r.year_basis) == (2026, "as_of")
    en = _item("talent", {"chunshen_candidates": 2, "leads_key_project": False}, "en")
    assert en.checks[0].message == "2 Chunshen Talent Programme candidates; leads a key project or long-term cooperation: no"


def test_training_is_paid_by_the_subsidy_rules_own_standards():
    r = _item("training", {"trainees": 30})
    assert [(c.code, c.passed, c.comparison, c.message) for c in r.checks] == [
        ("trainees", False, "review", "开展微短剧人才培训 30 人次")]
    assert (r.item, r.status, r.kind, r.ceiling_yuan, r.notes) == (
        "8", "review", "unquantified", None, ["按市、区两级职业技能培训补贴规定的标准给予补贴，金额以相关规定为准"])
    one = _item("training", {"trainees": 1})  # one trainee is training held: 1 is not 0
    assert [(c.code, c.message) for c in one.checks] == [("trainees", "开展微短剧人才培训 1 人次")]
    assert one.status == "review"
    r = _item("training", {"trainees": 0}, "en")
    assert [(c.code, c.passed, c.comparison, c.message) for c in r.checks] == [
        ("no_trainees", False, "bool", "No micro-drama training")]
    assert (r.status, r.ceiling_yuan, r.notes) == ("ineligible", None, ["Paid by the municipal and district vocational training subsidy standards"])
    assert r.year_note == "Counts in 2026 (no year or event date given: the year of the assessment date, 2026-11-27)"


def test_only_a_condition_left_to_the_bureau_is_a_review_check():
    from calculators.build import is_review

    assert [is_review(c) for c in _item("training", {"trainees": 30}).checks] == [True]
    assert [is_review(c) for c in _item("training", {"trainees": 0}).checks] == [False]
    assert [is_review(c) for c in _carrier().checks] == [False, False, False]


def test_a_platforms_year_is_the_given_one_else_its_recognitions_else_the_assessments():
    """RULES.md §6.2: a given year stands; else the year of the recognition date, which counts only when
    the platform is recognised."""
    given = _item("tech_platforms", [{"name": "台", "investment_yuan": 5000000, "national": True,
                                      "recognised_on": "2026-05-01", "year": 2027}], as_of="2027-06-01")
    assert (given.year, given.year_basis, given.year_note) == (2027, "given", "计入 2027 年度（按所填年度）")
    unrecognised = _item("tech_platforms", [{"name": "台", "investment_yuan": 5000000, "recognised_on": "2026-05-01"}],
                         as_of="2027-06-01")
    assert (unrecognised.year, unrecognised.year_basis) == (2027, "as_of")


def test_an_award_before_the_policy_still_says_it_would_count_under_2_1():
    """获得 on 2026-03-13 is not 新获得: 2.1 and 2.2 are both not met, and 2.2 says an award counts under 2.1."""
    r = _work(municipal_fund="awarded", municipal_fund_date="2026-03-13")
    assert [(i, r[i].status, [u.code for u in r[i].unmet]) for i in ("2.1", "2.2")] == [
        ("2.1", "ineligible", ["not_new"]), ("2.2", "ineligible", ["not_new"])]
    assert r["2.2"].notes == ["入围与获得市级专项资金扶持为同一资金的两个阶段，已获得扶持的作品按第2.1项计（就高不重复）"]


def test_three_one_names_its_article_2_items_in_english_with_english_commas():
    """The same work in English: the list reads "2.1 …, 2.2 …, 2.3 …", never with the Chinese 、."""
    r = _work("en", municipal_fund="awarded", municipal_fund_date="2026-05-01", platforms=["tencent", "douyin"],
              local_culture_minutes=12)
    actual = _figures(r["3.1"])[0][2]
    assert "、" not in actual
    assert actual.startswith("2.1 ") and actual.count(", 2.") == 2, actual
    assert _figures(r["2.3"])[0][2] == "Tencent Video, Douyin"


def test_a_works_fund_date_sets_its_year_only_when_the_work_is_in_the_fund():
    """RULES.md §6.2: the year of 2.1/2.2's qualifying event counts only when there is one. A work not in the
    municipal fund whose form still carries a fund date (2026-05-01), on 腾讯, assessed 2027-02-01 with no
    year given: every item counts in 2027, the assessment's year; shortlisted, the same work counts in 2026."""
    none = _work(municipal_fund="none", municipal_fund_date="2026-05-01", platforms=["tencent"], as_of="2027-02-01")
    assert {(r.year, r.year_basis) for r in none.values()} == {(2027, "as_of")}
    assert none["2.3"].status == "eligible"
    listed = _work(municipal_fund="shortlisted", municipal_fund_date="2026-05-01", platforms=["tencent"],
                   as_of="2027-02-01")
    assert {(r.year, r.year_basis) for r in listed.values()} == {(2026, "event")}


def test_three_one_names_its_article_2_basis_in_english_met_or_in_review():
    """The names are content/policy/items.yaml's English ones: met (awarded, so 2.1 and 2.2's own conditions,
    and 腾讯 for 2.3) and in review (shown only on another platform: 2.3 left to the bureau)."""
    met = _work("en", municipal_fund="awarded", municipal_fund_date="2026-05-01", platforms=["tencent"],
                local_culture_minutes=2)["3.1"].checks[0]
    assert (met.code, met.actual, met.message) == (
        "qualifying_work",
        "2.1 Municipal special fund award, 2.2 Municipal special fund shortlist, 2.3 Broadcast on a major platform",
        "Qualifies under article 2 (2.1 Municipal special fund award, 2.2 Municipal special fund shortlist, "
        "2.3 Broadcast on a major platform)")
    review = _work("en", platforms=["other"], local_culture_minutes=2)["3.1"].checks[0]
    assert (review.code, review.message) == (
        "qualifying_work_review",
        "Its article 2 basis (2.3 Broadcast on a major platform) is under review, so this item is too")
