"""``explain()``, the plain-text summary of the command line: each line as a reader sees it, worked out
from the policy's amounts by hand (万元 truncated to two places, 元 with thousands separators)."""

from __future__ import annotations

import pytest

from calculators import assess, validate_profile
from calculators.explain import ceiling_phrase, explain

ENTERPRISE = {"name": "甲", "registered_in_minhang": True}
RND = {"expenditure_yuan": 1000000, "applied_with_results": True, "year": 2026}  # 30% = 300,000
WORKS = [
    # 2.1 (300 万元) and 3.1 (12 whole minutes: 12 万元, at most 10 万元); 2.2 not added; 2.3 not broadcast
    {"name": "剧", "year": 2026, "municipal_fund": "awarded", "municipal_fund_date": "2026-05-01",
     "local_culture_minutes": 12},
    # shown only on another platform: 2.3 in review (最高不超过 60 万元)
    {"name": "片", "year": 2026, "platforms": ["other"]},
]
RND_CLAUSE = "开展人工智能、大数据、物联网、云计算、网络安全等关键技术、共性技术攻关并应用且取得成效，给予企业研发费用投入 30% 以…"


def _lines(lang: str, **sections) -> list[str]:
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, **sections}, lang)
    assert model is not None, problems
    return explain(assess(model, lang), lang).splitlines()


def _block(lines: list[str], head: str) -> list[str]:
    """The lines of one item, from its head to the blank line after it."""
    start = lines.index(head)
    return lines[start:lines.index("", start)]


def test_the_chinese_summary_line_by_line():
    lines = _lines("zh", rnd=RND, projects=WORKS, training={"trainees": 30})
    assert lines[:3] == ["闵文旅规〔2026〕1号  甲", "测算日期 2026-11-27，就高不重复：默认口径", ""]
    assert _block(lines, "[5] 技术攻关研发扶持 2026") == [
        "[5] 技术攻关研发扶持 2026",
        "  可申报：最高可达 30.00 万元",
        "  · 原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准",
        "  · 计入 2026 年度（按所填年度）",
        f"  依据：第5条  {RND_CLAUSE}",
    ]
    assert _block(lines, "[3.1] 在地文化内容额外扶持「剧」 2026")[1] == "  可申报：10.00 万元（固定额度）"
    assert _block(lines, "[2.2] 市级专项资金评审入围项目「剧」 2026")[1] == "  已按就高不重复"
    not_yet = _block(lines, "[2.3] 主要平台播出项目「剧」 2026")
    assert not_yet[1:3] == ["  暂不符合", "  未满足：未在主要网络视听平台（腾讯视频、优酷、爱奇艺、芒果TV、红果短剧、抖音）播出"]
    review = _block(lines, "[2.3] 主要平台播出项目「片」 2026")
    assert review[1:3] == ["  需评审认定：最高可达 60.00 万元", "  待认定：仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定"]
    training = _block(lines, "[8] 行业培训补贴 2026")
    assert training[1:3] == ["  需评审认定：金额以评审及相关规定为准", "  待认定：开展微短剧人才培训 30 人次"]
    # 3,000,000 + 100,000 + 300,000; 2.3 of 片 (600,000) only in the review potential
    total = lines.index("合计最高可达 340.00 万元（3,400,000 元）")
    assert lines[total + 1] == "另有需评审认定的项目，最高可再达 60.00 万元"
    assert all(line.startswith("· ") for line in lines[total + 2:-1])  # the assessment's notes
    assert lines[-1] == "本结果仅供参考，实际扶持以区文旅局评审认定为准。"


def test_the_english_summary_line_by_line():
    lines = _lines("en", rnd=RND, projects=WORKS, training={"trainees": 30})
    assert lines[1] == "Assessed on 2026-11-27, default reading"
    assert _block(lines, "[5] Technology R&D support 2026") == [
        "[5] Technology R&D support 2026",
        "  Eligible: up to 30.00 ×10k yuan",
        "  · The text says 'support may be given': the figure is a ceiling, and the bureau's review sets the award",
        "  · Counts in 2026 (the year given)",
        f"  Clause: article 5  {RND_CLAUSE}",
    ]
    assert _block(lines, "[3.1] Local culture bonus “剧” 2026")[1] == "  Eligible: 10.00 ×10k yuan (fixed amount)"
    assert _block(lines, "[2.2] Municipal special fund shortlist “剧” 2026")[1] == "  Not added (no duplication)"
    assert _block(lines, "[2.3] Broadcast on a major platform “剧” 2026")[1:3] == [
        "  Not yet", "  Unmet: Not broadcast on a major platform (Tencent Video, Youku, iQIYI, Mango TV, Hongguo, Douyin)"]
    assert _block(lines, "[8] Industry training subsidy 2026")[1:3] == [
        "  Needs review: amount set by review and the relevant rules", "  For review: Micro-drama training for 30 trainees"]
    total = lines.index("Total: up to 340.00 ×10k yuan (3,400,000 yuan)")
    assert lines[total + 1] == "Items in review could add up to 60.00 ×10k yuan"
    assert lines[-1] == "For reference only: the district bureau's review decides any award."


def _shortlisted(n: int) -> list[dict]:
    return [{"name": f"作品{i}", "year": 2026, "municipal_fund": "shortlisted", "municipal_fund_date": "2026-05-01"}
            for i in range(n)]


def test_the_yearly_cap_line_appears_only_over_the_cap():
    """2.2: 单个项目最高不超过 100 万元，单个企业每年不超过 200 万元. Two works are 2,000,000, on the cap (no
    line); three are 3,000,000, counted at 2,000,000."""
    two = _lines("zh", projects=_shortlisted(2))
    assert not any(line.startswith(("第2.2项", "另有")) for line in two)  # nothing over a cap, nothing in review
    assert "合计最高可达 200.00 万元（2,000,000 元）" in two
    three = _lines("zh", projects=_shortlisted(3))
    assert "第2.2项 2026 年合计 300.00 万元，按每年上限 200.00 万元计" in three
    assert "合计最高可达 200.00 万元（2,000,000 元）" in three
    en = _lines("en", projects=_shortlisted(3))
    assert "Item 2.2 in 2026: 300.00 ×10k yuan, counted at the yearly cap of 200.00 ×10k yuan" in en


def test_the_strict_reading_lists_each_works_claim():
    zh = _lines("zh", interpretation="strict", projects=_shortlisted(1))
    assert zh[1] == "测算日期 2026-11-27，就高不重复：严格口径"
    at = zh.index("严格口径下各作品所计项目：")
    assert zh[at + 1].startswith("  「作品0」按第2.2项计：")
    en = _lines("en", interpretation="strict", projects=_shortlisted(1))
    assert en[1] == "Assessed on 2026-11-27, strict reading"
    at = en.index("Strict reading, the item each work claims:")
    assert en[at + 1].startswith('  "作品0" claims 2.2: ')
    assert "严格口径下各作品所计项目：" not in _lines("zh", projects=_shortlisted(1))
    # the line whole, with its reason: a shortlisted work meets only 2.2 (最高不超过 100 万元)
    assert zh[zh.index("严格口径下各作品所计项目：") + 1] == (
        "  「作品0」按第2.2项计：严格口径：本作品在第2.1、2.2、2.3、3.2项中只符合第2.2项，按该项计（最高可达 100.00 万元）")
    assert en[at + 1] == ('  "作品0" claims 2.2: Strict reading: of 2.1, 2.2, 2.3, 3.2 this work meets only 2.2, '
                          "and claims it (up to 100.00 ×10k yuan)")


@pytest.mark.parametrize(("yuan", "kind", "lang", "text"), [
    (3_000_000, "ceiling", "zh", "最高可达 300.00 万元"),
    (2_999_999, "ceiling", "en", "up to 299.99 ×10k yuan"),  # truncated, never rounded up
    (100_000, "fixed", "zh", "10.00 万元（固定额度）"),
    (10_099, "fixed", "en", "1.00 ×10k yuan (fixed amount)"),
    (None, "unquantified", "zh", "金额以评审及相关规定为准"),
    (None, "unquantified", "en", "amount set by review and the relevant rules"),
    (0, "unquantified", "zh", "金额以评审及相关规定为准"),
    (None, "ceiling", "en", "amount set by review and the relevant rules"),
])
def test_the_amount_phrase_of_each_kind(yuan, kind, lang, text):
    assert ceiling_phrase(yuan, kind, lang) == text


def test_the_summary_is_in_chinese_unless_asked_otherwise():
    model, _ = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, "rnd": RND})
    lines = explain(assess(model)).splitlines()
    assert lines[1] == "测算日期 2026-11-27，就高不重复：默认口径"
    assert "  可申报：最高可达 30.00 万元" in lines


@pytest.mark.parametrize(("yuan", "text"), [
    (99, "0.00"), (100, "0.01"), (9_999, "0.99"), (10_000, "1.00"), (10_100, "1.01"), (12_345_678, "1,234.56")])
def test_wan_keeps_whole_hundreds_of_yuan_and_drops_the_rest(yuan, text):
    """万元 with two places: 100 元 is 0.01 万元; 99 元 shows as 0.00 (truncated, never overstated)."""
    from calculators.explain import wan

    assert wan(yuan) == text
