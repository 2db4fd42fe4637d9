"""The parameter loader: which value is in force on a date, and what type each unit gives.

The policy's own values all date from 2026-03-14 (附则: 自 2026 年 3 月 14 日起施行); a what-if (reform)
adds dated values. The figures here are the policy's: 第1项 最高不超过 300 万元, 占比超过 30%.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculators.content import Parameters, citation, item_name, label, message, parameters_on

CAP = ("article1_carrier", "cap_yuan")
LATER = {CAP: {dt.date(2027, 1, 1): 5000000}}


def test_a_dated_value_holds_from_its_own_day_on():
    """The day before the new value, the policy's; on its day and after, the new one."""
    assert Parameters(dt.date(2026, 12, 31), LATER).get(*CAP) == Decimal(3000000)
    assert Parameters(dt.date(2027, 1, 1), LATER).get(*CAP) == Decimal(5000000)
    assert Parameters(dt.date(2027, 6, 1), LATER).get(*CAP) == Decimal(5000000)


def test_before_the_first_date_the_earliest_value_holds():
    assert Parameters(dt.date(2026, 1, 1), LATER).get(*CAP) == Decimal(3000000)
    assert parameters_on(dt.date(2026, 3, 13)).get(*CAP) == Decimal(3000000)


def test_a_what_if_on_the_files_own_date_replaces_the_files_value():
    same_day = {CAP: {dt.date(2026, 3, 14): 4000000}}
    assert Parameters(dt.date(2026, 11, 27), same_day).get(*CAP) == Decimal(4000000)
    assert Parameters(dt.date(2026, 11, 27), same_day).get("article1_carrier", "related_share_min") == Decimal("0.30")
    # the reform's object is its own: the shared parameters keep the policy's value
    assert parameters_on(dt.date(2026, 11, 27)).get(*CAP) == Decimal(3000000)


def test_each_unit_gives_its_type():
    p = parameters_on(dt.date(2026, 11, 27))
    assert p.get("article1_carrier", "related_share_min") == Decimal("0.30")
    assert isinstance(p.get("article1_carrier", "related_share_min"), Decimal)
    assert isinstance(p.get("article1_carrier", "related_enterprises_min"), Decimal)  # 家: exact, not int or float
    assert (p.get("general", "effective_from"), p.get("general", "effective_until")) == (
        dt.date(2026, 3, 14), dt.date(2028, 3, 13))
    assert p.get("general", "document_number") == "闵文旅规〔2026〕1号"
    assert p.get("article2_projects", "major_platforms")["mgtv"] == {"zh": "芒果TV", "en": "Mango TV"}


def test_a_citation_is_the_article_and_the_sentence():
    cite = citation(*CAP)
    assert set(cite) == {"article", "reference"}
    assert cite["article"] == "一、第1条"
    assert "最高不超过 300 万元" in cite["reference"]


def test_texts_in_each_language_and_chinese_when_a_language_has_none():
    assert item_name("5") == "技术攻关研发扶持"
    assert item_name("5", "en") == "Technology R&D support"
    assert label("fund_status", "awarded") == "获得扶持"
    assert label("fund_status", "awarded", "en") == "awarded"
    assert label("fund_status", "awarded", "fr") == "获得扶持"
    assert message("checks", "rnd_applied") == "关键技术、共性技术攻关已应用并取得成效"
    assert message("checks", "rnd_applied", "fr") == "关键技术、共性技术攻关已应用并取得成效"
    assert message("checks", "trainees", "en", actual=30) == "Micro-drama training for 30 trainees"
