"""Small pieces the YAML cases cannot reach on their own: dates, tie-breaks, rounding, formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from calculators.article6_venues import anniversary
from calculators.build import Context
from calculators.content import parameters_on
from calculators.explain import wan
from calculators.models import ItemResult
from calculators.money import fmt_number, fmt_pct, fmt_points, rate_ceiling
from calculators.stacking import apply_strict_reading, totals


@pytest.mark.parametrize(("start", "years", "done"), [
    (dt.date(2025, 11, 27), 1, dt.date(2026, 11, 27)),   # 民法典 第201条: the opening day is not counted
    (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),     # 第202条: no corresponding day → month end
    (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),     # a leap year has the corresponding day
    (dt.date(2025, 12, 31), 1, dt.date(2026, 12, 31)),
])
def test_anniversary_follows_the_civil_code(start, years, done):
    assert anniversary(start, years) == done


@pytest.mark.parametrize(("rate", "base", "cap", "expected"), [
    ("0.30", "333.33", None, (99, 99)),              # 99.999 → 99
    ("0.20", "333.33", None, (66, 66)),              # 66.666 → 66
    ("0.20", "14999999.99", "3000000", (2999999, 2999999)),
    ("0.20", "15000005", "3000000", (3000001, 3000000)),
    ("0.30", "0", "2000000", (0, 0)),
    ("0.30", "0.01", None, (0, 0)),
])
def test_ceilings_are_rounded_down_then_capped(rate, base, cap, expected):
    assert rate_ceiling(Decimal(rate), Decimal(base), None if cap is None else Decimal(cap)) == expected


def test_amounts_in_wan_are_truncated_never_rounded_up():
    assert wan(2_999_999) == "299.99"
    assert wan(8_140_000) == "814.00"
    assert wan(99) == "0.00"


def test_a_share_below_the_line_never_shows_on_it():
    assert fmt_pct(Decimal("0.299999")) == "29.99%"
    assert fmt_pct(Decimal("0.3")) == "30%"
    # a gap is rounded up: never understated
    assert fmt_points(Decimal("0.000001")) == "0.01"


def _item(item: str, ceiling: int) -> ItemResult:
    return ItemResult(item=item, article=int(item.split(".")[0]), subject="作品", year=2026,
                      status="eligible", kind="ceiling", ceiling_yuan=ceiling, cap_yuan=ceiling)


def test_strict_reading_tie_keeps_the_lower_item_id():
    """Equal ceilings cannot happen with today's parameters; a revised policy could make them."""
    ctx = Context(as_of=dt.date(2026, 11, 27), params=parameters_on(dt.date(2026, 11, 27)), lang="zh", gates=())
    out, claims = apply_strict_reading(ctx, [_item("2.3", 500_000), _item("3.1", 20_000), _item("3.2", 500_000)])
    status = {r.item: (r.status, r.ceiling_yuan) for r in out}
    assert status == {"2.3": ("eligible", 500_000), "3.1": ("eligible", 20_000), "3.2": ("superseded", 0)}
    assert [(c.subject, c.item) for c in claims] == [("作品", "2.3")]


def test_strict_reading_keeps_the_highest_ceiling_not_the_lowest_item_id():
    """Today 2.1 > 2.2 > 2.3 > 3.2 in amount as in id; a revised policy could give 3.2 more than 2.3."""
    ctx = Context(as_of=dt.date(2026, 11, 27), params=parameters_on(dt.date(2026, 11, 27)), lang="zh", gates=())
    out, claims = apply_strict_reading(ctx, [_item("2.3", 600_000), _item("3.2", 800_000)])
    assert [(r.item, r.status, r.ceiling_yuan) for r in out] == [("2.3", "superseded", 0), ("3.2", "eligible", 800_000)]
    assert [(c.subject, c.item) for c in claims] == [("作品", "3.2")]


def test_yearly_totals_give_a_hand_built_item_its_yearly_cap():
    """stacking.totals fills in the yearly cap an item built outside make_item lacks (2.2: 200 万 a year)."""
    ctx = Context(as_of=dt.date(2026, 11, 27), params=parameters_on(dt.date(2026, 11, 27)), lang="zh", gates=())
    items, item_totals, potential = totals(ctx, [_item("2.2", 1_000_000), _item("2.2", 1_000_000), _item("5", 9)])
    assert [(r.item, r.yearly_cap_yuan) for r in items] == [("2.2", 2_000_000), ("2.2", 2_000_000), ("5", None)]
    assert [(t.item, t.sum_yuan, t.yearly_cap_yuan, t.total_yuan) for t in item_totals] == [
        ("2.2", 2_000_000, 2_000_000, 2_000_000), ("5", 9, None, 9)]
    assert potential == 0


def test_amounts_are_written_with_separators_and_cut_to_two_places():
    assert fmt_number(Decimal("1234567.5")) == "1,234,567.5"
    assert fmt_number(Decimal("1000000.00")) == "1,000,000"
    assert fmt_number(Decimal("0.129")) == "0.12"  # cut, not rounded
    assert fmt_number(Decimal("2.999"), places=1) == "2.9"
    assert fmt_pct(Decimal("0.28555")) == "28.55%"
    assert fmt_pct(Decimal("0.085")) == "8.5%"
    assert fmt_points(Decimal("0.0150001")) == "1.51"  # 1.50001 points: rounded up
    assert fmt_points(Decimal("0.015")) == "1.5"


def test_strict_reading_leaves_review_items_alone():
    ctx = Context(as_of=dt.date(2026, 11, 27), params=parameters_on(dt.date(2026, 11, 27)), lang="zh", gates=())
    review = _item("2.3", 600_000).model_copy(update={"status": "review"})
    out, _ = apply_strict_reading(ctx, [review, _item("3.2", 300_000)])
    assert [(r.item, r.status, r.ceiling_yuan) for r in out] == [("2.3", "review", 600_000), ("3.2", "eligible", 300_000)]


def test_what_if_curve_of_4_2_is_zero_below_the_2_million_line():
    """对成果转化且投资额达到 200 万元（含）以上的合作项目: below the line the what-if ceiling is 0."""
    import datetime as dt
    from decimal import Decimal

    from calculators import ceiling_curve

    on = dt.date(2026, 11, 27)
    bases = [Decimal("1999999.99"), Decimal("2000000"), Decimal("10000000"), Decimal("20000000")]
    # 2,000,000 x 30% = 600,000; 10,000,000 x 30% = 3,000,000 at the cap; 20,000,000 capped
    assert ceiling_curve("4.2", bases, on) == [0, 600000, 3000000, 3000000]
    # 5 has no line on its base: 30% of 1,999,999.99 = 599,999.997 → 599,999 rounded down
    assert ceiling_curve("5", bases[:1], on) == [599999]


def test_what_if_curves_of_4_1_at_each_levels_cap_and_of_6_without_one():
    """4.1: 按项目投资费用的 30% 以内…最高不超过 200 万元、100 万元 (national, municipal); 6: 按项目总投资20%以内,
    no cap on one venue (its 200 万元 is per enterprise a year, not on the curve)."""
    import datetime as dt
    from decimal import Decimal

    from calculators import ceiling_curve

    on = dt.date(2026, 11, 27)
    bases = [Decimal("3333333"), Decimal("3333334"), Decimal("10000000")]
    # 30%: 999,999.9 → 999,999; 1,000,000.2 → 1,000,000; 3,000,000 → capped at 2,000,000 or 1,000,000
    assert ceiling_curve("4.1", bases, on) == [999999, 1000000, 2000000]
    assert ceiling_curve("4.1", bases, on, cap_yuan=1000000) == [999999, 1000000, 1000000]
    # 20% of 50,000,000 = 10,000,000, far above the enterprise's yearly 2,000,000: the curve is not capped
    assert ceiling_curve("6", [Decimal("50000000"), Decimal("0.04")], on) == [10000000, 0]


def test_parameters_of_another_day_are_refused_naming_both_days():
    """A what-if's numbers are for one date (calculators/reform.py): assessing a profile of another date with
    them is a programming error, and the error says which dates."""
    import datetime as dt

    import pytest

    from calculators import assess, validate_profile
    from calculators.content import Parameters

    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": {"name": "甲"}})
    assert model is not None, problems
    with pytest.raises(ValueError, match="^parameters for 2026-11-26, profile as of 2026-11-27$"):
        assess(model, params=Parameters(dt.date(2026, 11, 26)))
