"""What each check reports besides pass or fail: the comparison it applied and the figures it compared.

The app's threshold charts and the dashboard's "nearest to the line" read ``comparison``,
``actual_value`` and ``required_value`` from the checks; a wrong one draws a wrong line without any
total changing, so they are checked here against the parameter files and hand-worked figures.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import yaml

from calculators import assess, validate_profile
from calculators.content import parameters_on
from calculators.gates import all_gates, in_force
from calculators.models import Enterprise
from tests.engine.test_cases import CASES

ROOT = Path(__file__).resolve().parents[2]
PARAMETERS = ROOT / "content" / "parameters"
EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.json"))


def stated_comparisons() -> dict[str, str]:
    """``stem.name`` → the ``comparison:`` its parameter file states (read here, not through the engine);
    a list (the major platforms) is a membership test, "in"."""
    out = {}
    for path in PARAMETERS.glob("*.yaml"):
        for name, spec in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if "comparison" in spec:
                out[f"{path.stem}.{name}"] = spec["comparison"]
            elif all(isinstance(v, (list, dict)) for v in spec["values"].values()):
                out[f"{path.stem}.{name}"] = "in"
    return out


def every_profile() -> list[dict]:
    profiles = [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    profiles += [case.values[0] for case in CASES if "invalid" not in case.values[1]]
    return profiles


def test_every_check_applies_the_comparison_its_parameter_file_states():
    """附则3's window is the one check with two ends: it names its first day and says "within"."""
    stated = stated_comparisons()
    wrong, seen = [], set()
    for data in every_profile():
        model, problems = validate_profile(data)
        assert model is not None, problems
        for r in assess(model).items:
            for c in r.checks:
                if c.parameter is None:
                    assert c.comparison in ("bool", "review"), (r.item, c.code, c.comparison)
                    continue
                want = "within" if c.code in ("in_force", "not_in_force") else stated[c.parameter]
                seen.add(c.parameter)
                if c.comparison != want:
                    wrong.append((r.item, c.code, c.parameter, c.comparison, want))
    assert wrong == []
    # every line an applicant can fall short of is among those seen
    assert {"article1_carrier.related_share_min", "article1_carrier.related_enterprises_min",
            "article1_carrier.revenue_growth_min", "article3_works.local_culture_min_minutes",
            "article4_platforms.transformation_min_investment_yuan", "article6_venues.min_operating_years",
            "article6_venues.min_positive_media_reports", "article6_venues.min_avg_monthly_visitors",
            "article6_venues.min_avg_monthly_revenue_yuan", "general.effective_from"} <= seen


def test_each_unmet_line_reports_the_figures_it_compared():
    """The "not yet eligible" example, line by line (RULES.md §3; the figures are the example's)."""
    data = json.loads((ROOT / "content" / "examples" / "not_yet_eligible.json").read_text(encoding="utf-8"))
    model, _ = validate_profile(data)
    got = [(r.item, u.code, u.actual_value, u.required_value, u.comparison)
           for r in assess(model).items for u in r.unmet if u.actual_value is not None]
    D = Decimal
    assert got == [
        ("1", "related_share_under", D("0.28"), D("0.30"), ">"),  # 42 / 150 = 28%, 超过 30% required
        ("1", "scale_not_reached", D(42), D(50), ">="),  # 42 related enterprises, 50 家以上
        # (21,700,000 − 20,000,000) / 20,000,000 = 8.5%, 10% 及以上 required
        ("1", "revenue_growth_below", D("0.085"), D("0.10"), ">="),
        ("3.1", "local_culture_under", D("0.5"), D(1), ">="),  # 0.5 minute, 1 分钟及以上
        ("4.2", "investment_below", D(1500000), D(2000000), ">="),  # 150 万, 200 万元（含）以上
        ("6", "media_below", D(3), D(4), ">="),  # 3 reports, 4 次及以上
        ("6", "footfall_below", D(5200), D(6000), ">="),  # 5,200 visitors a month (and 45 万 < 60 万 revenue)
    ]


def test_a_venue_met_on_revenue_reports_the_revenue_line():
    """不低于60万元: met on revenue alone, the check names the revenue line and its figures."""
    data = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": True},
            "venues": [{"name": "场景", "opened_on": "2025-01-01", "positive_media_reports": 4,
                        "avg_monthly_visitors": 5999, "avg_monthly_revenue_yuan": 600000,
                        "total_investment_yuan": 1000000}]}
    model, _ = validate_profile(data)
    (venue,) = assess(model).items
    footfall = next(c for c in venue.checks if c.code.startswith("footfall"))
    assert (footfall.code, footfall.passed, footfall.actual_value, footfall.required_value, footfall.comparison,
            footfall.parameter) == ("footfall_met_revenue", True, Decimal(600000), Decimal(600000), ">=",
                                    "article6_venues.min_avg_monthly_revenue_yuan")
    media = next(c for c in venue.checks if c.code == "media_met")
    assert (media.actual_value, media.required_value) == (Decimal(4), Decimal(4))


def test_a_venue_met_on_visitors_reports_the_figures_of_each_line():
    """Passed lines carry their figures too (the threshold chart draws them): 6,000 人次 at 不低于6000人."""
    data = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": True},
            "venues": [{"name": "场景", "opened_on": "2025-01-01", "positive_media_reports": 5,
                        "avg_monthly_visitors": 6000, "avg_monthly_revenue_yuan": 0,
                        "total_investment_yuan": 1000000}]}
    model, _ = validate_profile(data)
    (venue,) = assess(model).items
    got = [(c.code, c.passed, c.actual_value, c.required_value, c.comparison) for c in venue.checks
           if c.actual_value is not None or c.required_value is not None]
    assert got == [
        ("media_met", True, Decimal(5), Decimal(4), ">="),
        ("footfall_met_visitors", True, Decimal(6000), Decimal(6000), ">="),
    ]


def test_each_unmet_line_says_what_was_given_and_what_is_required():
    """The words beside each "no" (the card shows them): the not-yet-eligible example, line by line."""
    data = json.loads((ROOT / "content" / "examples" / "not_yet_eligible.json").read_text(encoding="utf-8"))
    model, _ = validate_profile(data)
    got = [(r.item, u.code, u.actual, u.required) for r in assess(model).items for u in r.unmet]
    assert got == [
        ("1", "related_share_under", "28%", "30%"),  # 42 / 150
        ("1", "scale_not_reached", "42", "50"),
        ("1", "revenue_growth_below", "8.5%", "10%"),  # 1,700,000 / 20,000,000
        ("2.1", "not_new", "2025-12-01", "2026-03-14"),  # awarded before the policy took effect
        ("2.2", "not_new", "2025-12-01", "2026-03-14"),
        ("2.3", "no_major_platform", None, "腾讯视频、优酷、爱奇艺、芒果TV、红果短剧、抖音"),
        ("3.1", "no_qualifying_work", None, None),
        ("3.1", "local_culture_under", "0.5", "1"),
        ("3.2", "not_adaptation", None, None),
        ("4.2", "investment_below", "150.00", "200.00"),  # 万元: 1,500,000 and 2,000,000 yuan
        ("5", "rnd_not_applied", None, None),
        ("6", "operating_under", "2026-01-10", "1"),  # opened on, 满 1 年
        ("6", "media_below", "3", "4"),
        ("6", "footfall_below", "5,200", "6,000"),
        ("7", "no_talent", None, None),
        ("8", "no_trainees", None, None),
    ]


def test_the_in_force_gate_says_the_date_and_the_window():
    """附则3: 2026-03-14 至 2028-03-13; the day before, the gate names both."""
    data = {"as_of": "2026-03-13", "enterprise": {"name": "甲", "registered_in_minhang": True},
            "rnd": {"expenditure_yuan": 1000000, "applied_with_results": True}}
    model, _ = validate_profile(data)
    (rnd,) = assess(model).items
    assert [(u.code, u.actual, u.required, u.comparison, u.parameter) for u in rnd.unmet] == [
        ("not_in_force", "2026-03-13", "2026-03-14 – 2028-03-13", "within", "general.effective_from")]


def test_the_gates_speak_the_profiles_language():
    data = {"as_of": "2026-03-13", "enterprise": {"name": "甲", "registered_in_minhang": False},
            "rnd": {"expenditure_yuan": 1000000, "applied_with_results": True}}
    expected = {
        "zh": ["测算日期 2026-03-13 不在政策有效期内（2026-03-14 – 2028-03-13）", "须为在闵行区注册或实际经营的市场主体"],
        "en": ["The assessment date 2026-03-13 is outside the policy's validity (2026-03-14 – 2028-03-13)",
               "Must be a market entity registered or operating in Minhang"],
    }
    for lang, messages in expected.items():
        model, _ = validate_profile(data, lang)
        (rnd,) = assess(model, lang).items
        assert [u.message for u in rnd.unmet] == messages


def test_amounts_in_the_reasons_are_in_wan_in_both_languages():
    """Issue 17: the reasons write amounts in 万元 as the cards do, exactly: 1,999,999.50 yuan is
    199.99995 万元, 0.50 yuan (0.00005 万元) short of 200 万元（含）以上; nothing in yuan."""
    data = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": True},
            "transformation_projects": [{"name": "合作", "with_research_partner": True,
                                         "project_investment_yuan": "1999999.50"}],
            "venues": [{"name": "场景", "opened_on": "2025-01-01", "positive_media_reports": 4,
                        "avg_monthly_visitors": 100, "avg_monthly_revenue_yuan": 450000,
                        "total_investment_yuan": 1000000}]}
    expected = {
        "zh": ["合作项目投资总额 199.99995 万元，需达到 200.00 万元（含）以上（还差 0.00005 万元）",
               "平均月度票务服务 100 人次，需不低于 6,000 人次（还差 5,900 人次）；"
               "或月度经营性收入需不低于 60.00 万元（现 45.00 万元）"],
        "en": ["The cooperation project's total investment is 199.99995 ×10k yuan; 200.00 ×10k yuan or more "
               "required (0.00005 ×10k yuan to go)",
               "100 ticketed visitors a month; at least 6,000 required (5,900 to go); or monthly operating revenue "
               "of at least 60.00 ×10k yuan (now 45.00 ×10k yuan)"],
    }
    for lang, messages in expected.items():
        model, problems = validate_profile(data, lang)
        assert model is not None, problems
        got = [u.message for r in assess(model, lang).items for u in r.unmet]
        assert got == messages
        notes = [n for r in assess(model, lang).items for n in r.notes]
        assert any(("每年 200.00 万元" if lang == "zh" else "yearly cap of 200.00 ×10k yuan") in n for n in notes)
        assert not any(" 元" in m or " yuan" in m.replace("×10k yuan", "") for m in got + notes)


def test_the_in_force_gate_on_the_first_and_last_day_says_it_is_within():
    """附则3: 自 2026 年 3 月 14 日起施行，有效期至 2028 年 3 月 13 日, both days included: the gate passed says so."""
    for day in (dt.date(2026, 3, 14), dt.date(2028, 3, 13)):
        g = in_force(day, parameters_on(day), "zh")
        assert (g.code, g.passed, g.actual, g.required, g.message) == (
            "in_force", True, day.isoformat(), "2026-03-14 – 2028-03-13",
            f"测算日期 {day.isoformat()} 在政策有效期内（2026-03-14 – 2028-03-13）")
    after = in_force(dt.date(2028, 3, 14), parameters_on(dt.date(2028, 3, 14)), "en")
    assert (after.code, after.passed, after.message) == (
        "not_in_force", False, "The assessment date 2028-03-14 is outside the policy's validity (2026-03-14 – 2028-03-13)")


def test_an_unconfirmed_registration_is_left_to_review_in_the_profiles_language():
    """RULES.md §6.5: 闵行区 registration left out is a condition for the bureau, said in each language."""
    expected = {
        "zh": "尚未确认是否在闵行区注册或实际经营：确认前本项需评审认定，不计入合计",
        "en": "Registration or operation in Minhang is not confirmed: until it is, this item is for review and not in "
              "the total",
    }
    for lang, text in expected.items():
        model, _ = validate_profile({"as_of": "2026-11-27", "enterprise": {"name": "甲"},
                                     "rnd": {"expenditure_yuan": 1000000, "applied_with_results": True}}, lang)
        (rnd,) = assess(model, lang).items
        assert (rnd.status, rnd.ceiling_yuan) == ("review", 300000)
        assert [(c.code, c.passed, c.comparison, c.message) for c in rnd.checks if c.code.startswith("minhang")] == [
            ("minhang_unconfirmed", False, "review", text)]


def test_the_three_gates_of_a_clean_enterprise_say_each_is_met():
    """附则: in force on 2026-11-27, registered in 闵行区, no false materials or unrepaired negative credit; and
    the same enterprise with a negative record is restricted (附则2: 限制或取消其扶持资格)."""
    day = dt.date(2026, 11, 27)
    clean = Enterprise.model_validate({"name": "甲", "registered_in_minhang": True})
    assert [(g.code, g.passed, g.comparison, g.message) for g in all_gates(day, clean, parameters_on(day), "zh")] == [
        ("in_force", True, "within", "测算日期 2026-11-27 在政策有效期内（2026-03-14 – 2028-03-13）"),
        ("in_minhang", True, "bool", "在闵行区注册或实际经营"),
        ("credit_ok", True, "bool", "无虚假材料及未修复的负面信用记录"),
    ]
    assert [g.message for g in all_gates(day, clean, parameters_on(day), "en")][2] == (
        "No false materials and no unrepaired negative credit record")
    marked = Enterprise.model_validate({"name": "甲", "registered_in_minhang": True, "unrepaired_negative_credit": True})
    assert [(g.code, g.passed) for g in all_gates(day, marked, parameters_on(day), "zh")][2] == ("credit_restricted", False)
