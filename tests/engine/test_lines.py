"""Every line's ``comparison:`` in content/parameters is the one the policy's word means, and the one the
engine applies: a figure just below, on and just above each line, built from the parameter file's own
value (read here with yaml, not through the engine).

超过 excludes the line itself; 以上, 及以上, （含）以上, 不低于 and 满 include it (RULES.md §1); the policy runs
自 its first day and 至 its last day, both included (附则3).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculators import assess, validate_profile
from calculators.content import OPERATORS, comparison, passes

ROOT = Path(__file__).resolve().parents[2]
PARAMETERS = ROOT / "content" / "parameters"

# The policy's word for each line, and what it means for a figure exactly on the line.
WORDS = {"超过": ">", "以上": ">=", "不低于": ">=", "满": ">=", "起": ">=", "至": "<="}
LINES = {  # parameter → the word its sentence uses
    "article1_carrier.related_share_min": "超过",
    "article1_carrier.related_enterprises_min": "以上",
    "article1_carrier.independent_area_min_sqm": "超过",
    "article1_carrier.revenue_growth_min": "以上",
    "article3_works.local_culture_min_minutes": "以上",
    "article4_platforms.transformation_min_investment_yuan": "以上",
    "article6_venues.min_operating_years": "满",
    "article6_venues.min_positive_media_reports": "以上",
    "article6_venues.min_avg_monthly_visitors": "不低于",
    "article6_venues.min_avg_monthly_revenue_yuan": "不低于",
    "general.effective_from": "起",
    "general.effective_until": "至",
}


def spec(key: str) -> dict:
    stem, name = key.split(".")
    return yaml.safe_load((PARAMETERS / f"{stem}.yaml").read_text(encoding="utf-8"))[name]


def line(key: str):
    (value,) = spec(key)["values"].values()  # one dated value today; a revision adds a test row
    return value if isinstance(value, dt.date) else Decimal(str(value))


def test_every_line_of_the_parameter_files_is_listed_here():
    """A new threshold parameter (stated ">" or ">=") needs its word here, so it is tested below. The
    input limits (limits.yaml, validation.yaml) are the tool's, not the policy's."""
    stated = set()
    for path in PARAMETERS.glob("*.yaml"):
        if path.stem in ("limits", "validation"):
            continue
        for name, s in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if s.get("comparison") in (">", ">="):
                stated.add(f"{path.stem}.{name}")
    assert stated == set(LINES) - {"general.effective_until"}


@pytest.mark.parametrize("key", sorted(LINES))
def test_each_comparison_is_the_one_its_sentence_says(key):
    word = LINES[key]
    s = spec(key)
    assert word in s["reference"], (key, s["reference"])
    assert s["comparison"] == WORDS[word]
    assert comparison(key) == WORDS[word]  # what the engine reads


def test_the_comparisons_mean_what_they_say():
    """The engine's reading of each stated comparison, on Decimal figures either side of a line."""
    line_, below, above = Decimal("0.30"), Decimal("0.2999"), Decimal("0.3001")
    assert [OPERATORS[">"](x, line_) for x in (below, line_, above)] == [False, False, True]
    assert [OPERATORS[">="](x, line_) for x in (below, line_, above)] == [False, True, True]
    assert [OPERATORS["<="](x, line_) for x in (below, line_, above)] == [True, True, False]
    assert passes("general.effective_from", dt.date(2026, 3, 14), dt.date(2026, 3, 14))


def _assess(profile: dict):
    base = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": True}}
    model, problems = validate_profile({**base, **profile})
    assert model is not None, [str(p) for p in problems]
    return assess(model)


def _passed(a, codes: set[str]) -> bool:
    """Whether the check with one of ``codes`` passed (附则3's window: the assessment's ``in_force``; an
    item carries the gate only when it fails)."""
    if codes == {"in_force", "not_in_force"}:
        return a.in_force
    return _check(a, codes).passed


def _check(a, codes: set[str]):
    found = [c for r in a.items for c in r.checks if c.code in codes]
    assert found, codes
    return found[0]


D = Decimal
ONE_YEAR_BEFORE = dt.date(2025, 11, 27)  # as_of 2026-11-27 less the 1 year of 满1年


def profile_at(key: str, figure):
    """A profile whose figure for ``key`` is ``figure``, everything else clear of the line."""
    if key == "article1_carrier.related_share_min":  # figure: related enterprises of 1,000
        return {"carrier": {"name": "园", "related_enterprises": figure, "total_enterprises": 1000,
                            "revenue_last_year_yuan": 100, "revenue_this_year_yuan": 200}}
    if key == "article1_carrier.related_enterprises_min":
        return {"carrier": {"name": "园", "related_enterprises": figure, "total_enterprises": 1000,
                            "revenue_last_year_yuan": 100, "revenue_this_year_yuan": 200}}
    if key == "article1_carrier.independent_area_min_sqm":
        return {"carrier": {"name": "园", "related_enterprises": 0, "total_enterprises": 10,
                            "independent_area_sqm": figure,
                            "revenue_last_year_yuan": 100, "revenue_this_year_yuan": 200}}
    if key == "article1_carrier.revenue_growth_min":  # figure: this year's revenue on 1,000,000 last year
        return {"carrier": {"name": "园", "related_enterprises": 60, "total_enterprises": 100,
                            "revenue_last_year_yuan": 1000000, "revenue_this_year_yuan": figure}}
    if key == "article3_works.local_culture_min_minutes":
        return {"projects": [{"name": "剧", "local_culture_minutes": figure}]}
    if key == "article4_platforms.transformation_min_investment_yuan":
        return {"transformation_projects": [{"name": "合作", "with_research_partner": True,
                                             "project_investment_yuan": figure}]}
    venue = {"name": "场", "opened_on": "2025-01-01", "positive_media_reports": 9, "avg_monthly_visitors": 9000,
             "avg_monthly_revenue_yuan": 0, "total_investment_yuan": 1000000}
    if key == "article6_venues.min_operating_years":  # figure: the day it opened
        return {"venues": [{**venue, "opened_on": figure.isoformat()}]}
    if key == "article6_venues.min_positive_media_reports":
        return {"venues": [{**venue, "positive_media_reports": figure}]}
    if key == "article6_venues.min_avg_monthly_visitors":
        return {"venues": [{**venue, "avg_monthly_visitors": figure, "avg_monthly_revenue_yuan": 0}]}
    if key == "article6_venues.min_avg_monthly_revenue_yuan":
        return {"venues": [{**venue, "avg_monthly_visitors": 0, "avg_monthly_revenue_yuan": figure}]}
    if key in ("general.effective_from", "general.effective_until"):  # figure: the assessment date
        return {"as_of": figure.isoformat(), "rnd": {"year": figure.year, "expenditure_yuan": 100,
                                                      "applied_with_results": True}}
    raise KeyError(key)


# For each line: the figures (below, on, above) as the profile states them, worked from the file's
# value by hand, and the codes of the check that judges it.
def figures(key: str):
    v = line(key)
    day = dt.timedelta(days=1)
    return {
        "article1_carrier.related_share_min": lambda: (int(v * 1000) - 1, int(v * 1000), int(v * 1000) + 1),
        "article1_carrier.related_enterprises_min": lambda: (int(v) - 1, int(v), int(v) + 1),
        "article1_carrier.independent_area_min_sqm": lambda: (v - D("0.01"), v, v + D("0.01")),
        # growth = (this − 1,000,000) / 1,000,000: on the line at 1,000,000 × (1 + v)
        "article1_carrier.revenue_growth_min": lambda: tuple(1000000 + int(v * 1000000) + d for d in (-1, 0, 1)),
        "article3_works.local_culture_min_minutes": lambda: (v - D("0.01"), v, v + D("0.01")),
        "article4_platforms.transformation_min_investment_yuan": lambda: (v - 1, v, v + 1),
        # opened one day later than a year before, exactly a year before, one day earlier
        "article6_venues.min_operating_years": lambda: (ONE_YEAR_BEFORE + day, ONE_YEAR_BEFORE, ONE_YEAR_BEFORE - day),
        "article6_venues.min_positive_media_reports": lambda: (int(v) - 1, int(v), int(v) + 1),
        "article6_venues.min_avg_monthly_visitors": lambda: (v - D("0.01"), v, v + D("0.01")),
        "article6_venues.min_avg_monthly_revenue_yuan": lambda: (v - D("0.01"), v, v + D("0.01")),
        "general.effective_from": lambda: (v - day, v, v + day),
        "general.effective_until": lambda: (v - day, v, v + day),
    }[key]()


CODES = {
    "article1_carrier.related_share_min": {"related_share_over", "related_share_at_line", "related_share_under"},
    "article1_carrier.related_enterprises_min": {"scale_met_count", "scale_met_area", "scale_not_reached"},
    "article1_carrier.independent_area_min_sqm": {"scale_met_count", "scale_met_area", "scale_not_reached"},
    "article1_carrier.revenue_growth_min": {"revenue_growth_met", "revenue_growth_below"},
    "article3_works.local_culture_min_minutes": {"local_culture_met", "local_culture_under"},
    "article4_platforms.transformation_min_investment_yuan": {"investment_met", "investment_below"},
    "article6_venues.min_operating_years": {"operating_met", "operating_under"},
    "article6_venues.min_positive_media_reports": {"media_met", "media_below"},
    "article6_venues.min_avg_monthly_visitors": {"footfall_met_visitors", "footfall_met_revenue", "footfall_below"},
    "article6_venues.min_avg_monthly_revenue_yuan": {"footfall_met_visitors", "footfall_met_revenue",
                                                     "footfall_below"},
    "general.effective_from": {"in_force", "not_in_force"},
    "general.effective_until": {"in_force", "not_in_force"},
}


@pytest.mark.parametrize("key", sorted(LINES))
def test_the_engine_applies_each_stated_comparison_below_on_and_above_the_line(key):
    """On the line, a check passes exactly when its sentence's word includes the line."""
    inclusive = WORDS[LINES[key]] in (">=", "<=")
    rising = WORDS[LINES[key]] in (">", ">=")  # more is better, except for the last day
    got = [_passed(_assess(profile_at(key, f)), CODES[key]) for f in figures(key)]
    expected = [not rising, inclusive, rising]
    assert got == expected, (key, figures(key), got)


def test_a_share_exactly_on_a_strict_line_says_so():
    """超过 30%: 300 of 1,000 is on the line, and the reason says the line itself does not count."""
    c = _check(_assess(profile_at("article1_carrier.related_share_min", 300)),
               CODES["article1_carrier.related_share_min"])
    assert (c.code, c.passed, c.actual, c.required) == ("related_share_at_line", False, "30%", "30%")


def test_either_or_reports_each_line_when_neither_is_met():
    """50 家以上 or 超过 8000 平方米: 49 and 8,000 meet neither; the reason names both figures and lines."""
    c = _check(_assess({"carrier": {"name": "园", "related_enterprises": 49, "total_enterprises": 100,
                                    "independent_area_sqm": 8000, "revenue_last_year_yuan": 100,
                                    "revenue_this_year_yuan": 200}}), CODES["article1_carrier.related_enterprises_min"])
    assert c.message == "相关企业 49 家，需 50 家以上（还差 1 家）；或独立企业租购面积需超过 8,000 平方米（现 8,000 平方米）"
    assert (c.parameter, c.comparison, c.actual_value, c.required_value) == (
        "article1_carrier.related_enterprises_min", ">=", D(49), D(50))
