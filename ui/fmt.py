"""How amounts, dates and shares are written in the interface (both languages).

Amounts in 万元 with two decimals (truncated, a ceiling is never overstated), yuan with thousands
separators, dates in Chinese form in Chinese (2026年11月27日) and ``27 Nov 2026`` in English.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculators.explain import wan as _wan
from calculators.money import fmt_number

from .i18n import lang


def wan(yuan: int | None) -> str:
    """``2400000`` → ``240.00`` (万元, two decimals, truncated)."""
    return _wan(int(yuan or 0))


def wan_value(yuan: int | Decimal | None) -> Decimal:
    """Yuan as a Decimal number of 万元, for chart axes (exact)."""
    return Decimal(yuan or 0) / Decimal(10000)


def yuan(value: int | Decimal | None) -> str:
    """``2400000`` → ``2,400,000``."""
    return fmt_number(value or 0)


def date(value: dt.date | str | None) -> str:
    """A date in the current language's form."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if lang() == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%-d %b %Y")
