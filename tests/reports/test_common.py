"""The words and figures the PDF and the workbook share (reports/common.py), as literal text.

The profile is the one of tests/app/test_cards.py: it reaches every status and kind of item.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from calculators import assess, validate_profile
from reports.common import (
    ceiling_text,
    citation_rows,
    claim_lines,
    count_statuses,
    input_rows,
    materials,
    money,
    reasons,
    total_text,
)
from tests.app.test_cards import PROFILE

ROOT = Path(__file__).resolve().parents[2]

# (item, subject) → the report's 最高可达（万元） cell: 万元 with two decimals, cut; a "no" is 0.00
CEILING_CELL = {
    ("2.1", "甲"): ("300.00", "300.00"),
    ("2.2", "甲"): ("0.00", "0.00"),  # superseded by 2.1
    ("2.3", "甲"): ("60.00", "60.00"),
    ("3.1", "甲"): ("2.00（固定额度）", "2.00 (fixed)"),  # 2.5 minutes → 2 whole: 20,000
    ("3.2", "甲"): ("0.00", "0.00"),  # not an adaptation
    ("2.3", "乙"): ("60.00", "60.00"),  # in review, with its ceiling
    ("3.1", "乙"): ("1.00（固定额度）", "1.00 (fixed)"),
    ("6", "丙"): ("66.66", "66.66"),  # 666,666 yuan
    ("7", None): ("以评审及规定为准", "set by review"),
}
# A "no" on a fixed amount prints 0.00 without the fixed-amount words: a work on Douyin with half a
# minute of local culture (below 1 分钟).
HALF_MINUTE = {"name": "丁", "platforms": ["douyin"], "local_culture_minutes": 0.5}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ceiling_cell_of_every_status_and_kind(lang):
    model, problems = validate_profile({**PROFILE, "projects": [*PROFILE["projects"], HALF_MINUTE]}, lang)
    assert not problems
    a = assess(model, lang)
    expected = {**CEILING_CELL, ("3.1", "丁"): ("0.00", "0.00")}
    got = {(r.item, r.subject): ceiling_text(r, lang) for r in a.items if (r.item, r.subject) in expected}
    assert got == {key: cells[0 if lang == "zh" else 1] for key, cells in expected.items()}


def test_statuses_are_counted_item_by_item():
    data = json.loads((ROOT / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    model, _ = validate_profile(data)
    # 25 work items and 7: eligible 2.1×1 + 2.2×3 + 2.3×4 + 3.1×3 + 3.2×2 = 13; not yet 2.1×4 + 2.2×1 +
    # 3.1×1 + 3.2×3 = 9; in review 2.3, 3.1 (虹桥来客) and 7 = 3; superseded 申城寻味记's 2.2 = 1
    assert count_statuses(assess(model)) == {"eligible": 13, "ineligible": 9, "review": 3, "superseded": 1}


def test_money_and_totals_as_printed():
    assert money(None) == "" and money(0) == "0" and money(8140000) == "8,140,000"
    assert total_text(8140000, "zh") == "814.00 万元（8,140,000 元）"
    assert total_text(666666, "en") == "666,666 yuan (66.66 ×10k)"  # cut, never rounded up


def test_reasons_list_the_unmet_lines_then_the_review_then_the_notes():
    model, _ = validate_profile(PROFILE)
    a = assess(model)
    other = next(r for r in a.items if (r.item, r.subject) == ("2.3", "乙"))
    assert reasons(other, "zh") == [
        "待认定：仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定",
        "原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准",
        # no year given and no dated event: the year of as_of (RULES.md §6.2)
        "计入 2026 年度（未填年度且无认定日期，按测算日期 2026-11-27 所在年度）",
    ]
    adaptation = next(r for r in a.items if (r.item, r.subject) == ("3.2", "甲"))
    assert reasons(adaptation, "zh")[0] == "未满足：须为改编优秀影视等作品且首次备案上线的微短剧"


def test_reasons_are_in_the_reports_language():
    model, _ = validate_profile(PROFILE, "en")
    a = assess(model, "en")
    other = next(r for r in a.items if (r.item, r.subject) == ("2.3", "乙"))
    adaptation = next(r for r in a.items if (r.item, r.subject) == ("3.2", "甲"))
    assert reasons(other, "en")[0].startswith("For review: ")
    assert reasons(adaptation, "en")[0].startswith("Not met: ")


def test_a_language_without_its_own_text_falls_back_to_chinese():
    from reports.common import text

    assert text("total", "zh") == "合计最高可达" and text("total", "en") == "Total, up to"
    assert text("total", "fr") == "合计最高可达"


def test_the_inputs_sheet_lists_every_field_in_section_order_with_numbers_for_lists():
    """The workbook's 输入 sheet (reports/xlsx.py): the assessment's date and reading, then each section in
    the form's order (enterprise, …, 成果转化项目, 研发投入), each field with its label and unit from
    content/i18n/fields.yaml, 是/否 for yes and no, a blank for a field left out; the entries of a list section
    numbered from 1. The old single investment (RULES.md §6.4) is shown only where a profile has it."""
    model, problems = validate_profile({
        "as_of": "2026-11-27", "interpretation": "strict", "enterprise": {"name": "甲", "registered_in_minhang": True},
        "rnd": {"expenditure_yuan": 1000000, "applied_with_results": True},
        "transformation_projects": [{"name": "合作A", "with_research_partner": True, "project_investment_yuan": 2000000},
                                    {"name": "合作B", "investment_yuan": 3000000}]})
    assert model is not None, problems
    ent, tp, rnd = "企业基本信息", "成果转化项目", "研发投入"
    assert input_rows(model, "zh") == [
        ("测算档案", "", "测算日期", "2026-11-27", ""),
        ("测算档案", "", "就高不重复口径", "严格口径", ""),
        (ent, "", "名称", "甲", ""), (ent, "", "在闵行区注册或经营", "是", ""), (ent, "", "存在虚假申报材料", "否", ""),
        (ent, "", "存在未修复的负面信用记录", "否", ""), (ent, "", "统一社会信用代码", "", ""),
        (tp, 1, "名称", "合作A", ""), (tp, 1, "年度", "", ""), (tp, 1, "与高校或科研院所合作并成果转化", "是", ""),
        (tp, 1, "合作项目投资总额", 2000000, "元"), (tp, 1, "企业自身投资", "", "元"),
        (tp, 1, "本区其他政策已给予的支持", "", "元"),
        (tp, 2, "名称", "合作B", ""), (tp, 2, "年度", "", ""), (tp, 2, "与高校或科研院所合作并成果转化", "否", ""),
        (tp, 2, "合作项目投资总额", "", "元"), (tp, 2, "企业自身投资", "", "元"), (tp, 2, "项目投资额", 3000000, "元"),
        (tp, 2, "本区其他政策已给予的支持", "", "元"),
        (rnd, "", "年度", "", ""), (rnd, "", "研发费用投入", 1000000, "元"), (rnd, "", "攻关已应用并取得成效", "是", ""),
        (rnd, "", "本区其他政策已给予的支持", "", "元"),
    ]
    ent, tp, rnd = "enterprise", "cooperation project", "R&D"
    assert input_rows(model, "en") == [  # content/i18n/fields.yaml and reports.yaml's English: labels, yes/no, units
        ("profile", "", "assessment date", "2026-11-27", ""),
        ("profile", "", "reading of the no-duplication rule", "strict reading", ""),
        (ent, "", "name", "甲", ""), (ent, "", "registered or operating in Minhang", "yes", ""),
        (ent, "", "false application materials", "no", ""), (ent, "", "unrepaired negative credit record", "no", ""),
        (ent, "", "unified social credit code", "", ""),
        (tp, 1, "name", "合作A", ""), (tp, 1, "year", "", ""), (tp, 1, "with a university or research institute", "yes", ""),
        (tp, 1, "cooperation project's total investment", 2000000, "yuan"), (tp, 1, "enterprise's own investment", "", "yuan"),
        (tp, 1, "other Minhang support for it", "", "yuan"),
        (tp, 2, "name", "合作B", ""), (tp, 2, "year", "", ""), (tp, 2, "with a university or research institute", "no", ""),
        (tp, 2, "cooperation project's total investment", "", "yuan"), (tp, 2, "enterprise's own investment", "", "yuan"),
        (tp, 2, "project investment", 3000000, "yuan"), (tp, 2, "other Minhang support for it", "", "yuan"),
        (rnd, "", "year", "", ""), (rnd, "", "R&D expenditure", 1000000, "yuan"), (rnd, "", "applied with results", "yes", ""),
        (rnd, "", "other Minhang support for it", "", "yuan"),
    ]


def test_a_superseded_fixed_amount_shows_0_00_without_its_fixed_suffix():
    """附则1: a work's 3.1 (1 minute: 1 万元, 定额) superseded by other support of 1,010,000 元 under the strict
    reading brings nothing: its cell is 0.00, like any item that brings nothing, not 0.00 with the suffix of a
    fixed amount."""
    work = {"name": "剧", "year": 2026, "municipal_fund": "shortlisted", "municipal_fund_date": "2026-05-01",
            "platforms": ["tencent"], "local_culture_minutes": 1, "other_minhang_support_yuan": 1010000}
    model, problems = validate_profile({"as_of": "2026-11-27", "interpretation": "strict",
                                        "enterprise": {"name": "甲", "registered_in_minhang": True}, "projects": [work]})
    assert model is not None, problems
    (r31,) = [r for r in assess(model).items if r.item == "3.1"]
    assert (r31.status, r31.kind) == ("superseded", "fixed")
    assert ceiling_text(r31, "zh") == "0.00"


def test_the_materials_checklist_lists_each_item_that_is_eligible_or_in_review_once():
    """The PDF's checklist: 2.1 (甲, eligible), 2.3 (甲 eligible, 乙 in review: once), 3.1 (the same), 6 and 7 (in
    review), in the order the items come; not 2.2 (甲's superseded by 2.1, 乙's not met) nor 3.2 (neither an
    adaptation). Each item's list is the one of content/policy/items.yaml in the report's language; a language
    without lists of its own gets the Chinese ones, as every export text does."""
    model, problems = validate_profile(PROFILE)
    assert not problems
    a = assess(model)
    listed = yaml.safe_load((ROOT / "content" / "policy" / "items.yaml").read_text(encoding="utf-8"))
    order = ["2.1", "2.3", "3.1", "6", "7"]
    for lang, source in (("zh", "zh"), ("en", "en"), ("fr", "zh")):
        assert materials(a, lang) == [(i, listed[i]["materials"][source]) for i in order], lang
    assert materials(a, "zh")[0] == ("2.1", ["市级微短剧专项资金扶持立项或拨付文件", "项目备案及上线证明", "项目投入及收益情况说明"])
    assert materials(a, "en")[0] == ("2.1", ["Municipal special fund award or payment document",
                                             "Filing and release records", "Statement of the project's costs and returns"])


# RULES.md §6.3: one work on Douyin, also a first-filed adaptation: 2.3 (最高 60 万元) over 3.2 (30 万元)
STRICT_WORK = {"as_of": "2026-11-27", "interpretation": "strict", "enterprise": {"name": "甲影业", "registered_in_minhang": True},
               "projects": [{"name": "作品", "platforms": ["douyin"], "adaptation_first_filing": True}]}


@pytest.mark.parametrize(("lang", "line"), [
    ("zh", "「作品」按第2.3项计：严格口径：同一作品只计一项，本作品按限额最高的第2.3项计（最高可达 60.00 万元）"),
    ("en", "“作品” claims 2.3: Strict reading: one work counts under one item only; this work claims 2.3, the "
           "highest (up to 60.00 ×10k yuan)"),
])
def test_the_claim_line_of_a_work_under_the_strict_reading_is_in_the_reports_language(lang, line):
    model, problems = validate_profile(STRICT_WORK, lang)
    assert not problems
    assert claim_lines(assess(model, lang), lang) == [line]


def test_the_citations_name_each_item_once_in_the_reports_language_with_the_clause_verbatim():
    model, problems = validate_profile(STRICT_WORK, "en")
    assert not problems
    rows = citation_rows(assess(model, "en"), "en")
    # the work reaches 2.1, 2.2, 2.3, 3.1 and 3.2, in that order; the clause stays the policy's Chinese sentence
    assert [r[:3] for r in rows] == [
        ("2.1", "Municipal special fund award", "Art. 2"), ("2.2", "Municipal special fund shortlist", "Art. 2"),
        ("2.3", "Broadcast on a major platform", "Art. 2"), ("3.1", "Local culture bonus", "Art. 3"),
        ("3.2", "Adaptation of an excellent work", "Art. 3")]
    assert rows[2][3] == ("在腾讯、优酷、爱奇艺、芒果 TV、红果、抖音等主要网络视听平台中播出，根据播放量、热度等情况，"
                          "单个项目给予一定扶持，最高不超过 60 万元，单个企业每年不超过 300 万元")
