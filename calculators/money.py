"""Exact arithmetic and the formats the engine writes into its messages."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal


def floor_yuan(amount: Decimal) -> int:
    """Round a ceiling down to a whole yuan: a ceiling is never overstated."""
    return int(amount.to_integral_value(rounding=ROUND_DOWN))


def rate_ceiling(rate: Decimal, base: Decimal, cap: Decimal | None) -> tuple[int, int]:
    """Return (uncapped, ceiling): ⌊rate × base⌋, then at most ``cap``."""
    uncapped = floor_yuan(rate * base)
    if cap is None:
        return uncapped, uncapped
    return uncapped, min(uncapped, int(cap))


def wan(yuan: int) -> str:
    """Yuan as 万元 with two decimals (truncated: a ceiling is never overstated): ``2400000`` → ``240.00``."""
    return f"{yuan // 10000:,}.{(yuan % 10000) // 100:02d}"


def fmt_wan(yuan: Decimal | int) -> str:
    """An amount in the engine's messages, in 万元, exactly: two decimals as on the cards when that is
    exact, else every digit it has (never rounded, so a gap or a figure beside a line is never
    misstated): ``1500000`` → ``150.00``, ``599999.99`` → ``59.999999``, ``Decimal("0.5")`` → ``0.00005``."""
    d = Decimal(yuan).scaleb(-4)
    two = d.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return f"{two:,.2f}" if two == d else f"{d.normalize():,f}"


def fmt_number(value: Decimal | int | float, places: int = 2) -> str:
    """``1234567.5`` → ``1,234,567.5``: thousands separators, no trailing zeros."""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN).normalize()
    return f"{q:,f}"


def fmt_pct(ratio: Decimal, places: int = 2) -> str:
    """``Decimal('0.285')`` → ``28.5%`` (truncated, so a share below a line never shows on it)."""
    pct = (ratio * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN).normalize()
    return f"{pct:f}%"


def fmt_points(ratio: Decimal, places: int = 2) -> str:
    """A gap between two ratios in percentage points, rounded up so the gap is never understated."""
    from decimal import ROUND_UP

    pts = (ratio * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_UP).normalize()
    return f"{pts:f}"
