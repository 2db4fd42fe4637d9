"""Amounts as the engine writes them (calculators/money.py), worked out by hand.

万元 on the cards: two decimals, truncated (a ceiling is never overstated). In the messages, an amount
beside a line is in 万元 exactly: two decimals when that is exact, else every digit it has, never rounded.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.money import fmt_wan, wan


@pytest.mark.parametrize(("yuan", "shown"), [
    (0, "0.00"),
    (100, "0.01"),  # 100 元 = 0.01 万元
    (199, "0.01"),
    (9_999, "0.99"),
    (10_000, "1.00"),
    (12_345_678, "1,234.56"),  # 1,234.5678 万元, cut to 1,234.56
    (3_000_000, "300.00"),
])
def test_yuan_as_wan_with_two_decimals_cut(yuan, shown):
    assert wan(yuan) == shown


@pytest.mark.parametrize(("yuan", "shown"), [
    (1_500_000, "150.00"),  # exact in two decimals: as on the cards
    (0, "0.00"),
    (100_000_000, "10,000.00"),
    (Decimal("2000000.00"), "200.00"),
    (Decimal("599999.99"), "59.999999"),  # not exact: every digit, not rounded to 60.00
    (Decimal("0.5"), "0.00005"),
    (12_345_678, "1,234.5678"),
    (Decimal("123456789.01"), "12,345.678901"),
    (101, "0.0101"),
])
def test_an_amount_in_a_message_is_in_wan_exactly(yuan, shown):
    assert fmt_wan(yuan) == shown
