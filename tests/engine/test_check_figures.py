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
