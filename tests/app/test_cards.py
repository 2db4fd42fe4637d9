"""The amount line of a result card, status by status, as literal text (not built with the app's helpers).

One profile reaches every status and kind of card: an eligible ceiling, an eligible fixed amount, a
ceiling and a fixed amount in review, an amount set by review, an ineligible item, and superseded items
(an awarded work's 2.2 in both readings; in the strict reading, the lower of a work's 2.x items).
"""

from __future__ import annotations

import pytest

import ui.i18n
from calculators import assess, validate_profile
from ui import components

PROFILE = {
    "as_of": "2026-11-27",
    "enterprise": {"name": "卡片测试企业", "registered_in_minhang": True},
    "projects": [
        # 2.1 awarded: 3,000,000; 2.2 superseded by 2.1; 2.3 on Douyin: 600,000; 3.1 2.5 min → 2 whole
        # minutes: 10,000 + 10,000 = 20,000 (fixed); 3.2 not an adaptation: ineligible
        {"name": "甲", "municipal_fund": "awarded", "municipal_fund_date": "2026-06-01", "platforms": ["douyin"],
         "local_culture_minutes": 2.5},
        # another platform only: 2.3 in review, 600,000; 3.1 rests on it: in review, 1 min = 10,000
        {"name": "乙", "platforms": ["other"], "local_culture_minutes": 1},
    ],
    "venues": [
        # 3,333,333.33 × 20% = 666,666.666 → 666,666 (down to the yuan) = 66.6666 万 → 66.66 (never rounded up)
        {"name": "丙", "opened_on": "2025-01-01", "positive_media_reports": 4, "avg_monthly_visitors": 6000,
         "avg_monthly_revenue_yuan": 0, "total_investment_yuan": "3333333.33", "previously_supported": False},
    ],
    "talent": {"chunshen_candidates": 1, "leads_key_project": False},
}

# (item, subject) → (status, zh, en): the words of content/i18n/ui.yaml, written out here.
DEFAULT = {
    ("2.1", "甲"): ("eligible", "最高可达 300.00 万元", "Up to 300.00 ×10k yuan (3,000,000 yuan)"),
    ("2.2", "甲"): ("superseded", "暂无可申报金额", "No amount for now"),
    ("2.3", "甲"): ("eligible", "最高可达 60.00 万元", "Up to 60.00 ×10k yuan (600,000 yuan)"),
    ("3.1", "甲"): ("eligible", "2.00 万元（固定额度）", "2.00 ×10k yuan, fixed (20,000 yuan)"),
    ("3.2", "甲"): ("ineligible", "暂无可申报金额", "No amount for now"),
    ("2.3", "乙"): ("review", "最高可达 60.00 万元", "Up to 60.00 ×10k yuan (600,000 yuan)"),
    ("3.1", "乙"): ("review", "1.00 万元（固定额度）", "1.00 ×10k yuan, fixed (10,000 yuan)"),
    ("6", "丙"): ("eligible", "最高可达 66.66 万元", "Up to 66.66 ×10k yuan (666,666 yuan)"),
    ("7", None): ("review", "金额以评审及相关规定为准", "Amount set by review and the relevant rules"),
}
# The strict reading: 甲 keeps only its highest of 2.1 (300 万) and 2.3 (60 万); 3.1 (额外) still stacks.
STRICT_CHANGES = {
    ("2.3", "甲"): ("superseded", "暂无可申报金额", "No amount for now"),
}


def assessment(interpretation: str, lang: str):
    model, problems = validate_profile({**PROFILE, "interpretation": interpretation}, lang)
    assert not problems, [str(p) for p in problems]
    return assess(model, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("interpretation", ["default", "strict"])
def test_every_status_has_its_own_amount_line(monkeypatch, interpretation, lang):
    monkeypatch.setattr(ui.i18n, "lang", lambda: lang)
    expected = {**DEFAULT, **(STRICT_CHANGES if interpretation == "strict" else {})}
    a = assessment(interpretation, lang)
    shown = {(r.item, r.subject): (r.status, components.ceiling_text(r)) for r in a.items if (r.item, r.subject) in expected}
    want = {key: (status, zh if lang == "zh" else en) for key, (status, zh, en) in expected.items()}
    assert shown == want


def test_a_superseded_or_ineligible_card_never_shows_an_amount(monkeypatch):
    """"最高可达 0.00 万元" would read as a promise of nothing: such cards say there is no amount."""
    monkeypatch.setattr(ui.i18n, "lang", lambda: "zh")
    a = assessment("strict", "zh")
    closed = [r for r in a.items if r.status in ("superseded", "ineligible")]
    assert {r.status for r in closed} == {"superseded", "ineligible"}
    assert [components.ceiling_text(r) for r in closed] == ["暂无可申报金额"] * len(closed)
