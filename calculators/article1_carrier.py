"""第一条 第1项 支持产业载体发展 (item 1)."""

from __future__ import annotations

from decimal import Decimal

from .build import Context, check, make_item
from .models import Carrier, Check, ItemResult
from .money import fmt_number, fmt_pct, fmt_points, rate_ceiling

STEM = "article1_carrier"


def related_share_over_30pct(ctx: Context, c: Carrier) -> Check:
    """对于产业载体内微短剧等网络视听相关企业数占比超过 30%"""
    line = ctx.p(STEM, "related_share_min")
    share = Decimal(c.related_enterprises) / Decimal(c.total_enterprises)
    passed = Decimal(c.related_enterprises) > line * c.total_enterprises
    on_line = Decimal(c.related_enterprises) == line * c.total_enterprises
    return check(
        ctx,
        passed,
        "related_share_over",
        "related_share_at_line" if on_line else "related_share_under",
        actual=fmt_pct(share),
        required=fmt_pct(line),
        actual_value=share,
        required_value=line,
        comparison=">",
        parameter=f"{STEM}.related_share_min",
        gap=fmt_points(max(line - share, Decimal(0))),
    )


def scale_by_count_or_area(ctx: Context, c: Carrier) -> Check:
    """The carrier's scale: related enterprises at least ``related_enterprises_min`` (达到……家以上), or an
    independent enterprise's rented or bought area over ``independent_area_min_sqm`` (超过). The lines
    and the sentence they come from are in content/parameters/article1_carrier.yaml."""
    min_count = ctx.p(STEM, "related_enterprises_min")
    min_area = ctx.p(STEM, "independent_area_min_sqm")
    by_count = c.related_enterprises >= min_count
    by_area = c.independent_area_sqm > min_area
    if by_count:
        return check(
            ctx, True, "scale_met_count", "scale_not_reached",
            actual=fmt_number(c.related_enterprises), required=fmt_number(min_count),
            actual_value=c.related_enterprises, required_value=min_count,
            comparison=">=", parameter=f"{STEM}.related_enterprises_min",
        )
    if by_area:
        return check(
            ctx, True, "scale_met_area", "scale_not_reached",
            actual=fmt_number(c.independent_area_sqm), required=fmt_number(min_area),
            actual_value=c.independent_area_sqm, required_value=min_area,
            comparison=">", parameter=f"{STEM}.independent_area_min_sqm",
        )
    return check(
        ctx, False, "scale_met_count", "scale_not_reached",
        actual=fmt_number(c.related_enterprises), required=fmt_number(min_count),
        actual_value=c.related_enterprises, required_value=min_count,
        comparison=">=", parameter=f"{STEM}.related_enterprises_min",
        actual_count=fmt_number(c.related_enterprises), required_count=fmt_number(min_count),
        gap_count=fmt_number(min_count - c.related_enterprises),
        actual_area=fmt_number(c.independent_area_sqm), required_area=fmt_number(min_area),
    )


def revenue_growth_at_least_10pct(ctx: Context, c: Carrier) -> Check:
    """同时微短剧企业年度营业收入总额同比增幅达到 10% 及以上的"""
    line = ctx.p(STEM, "revenue_growth_min")
    last, this = c.revenue_last_year_yuan, c.revenue_this_year_yuan
    if last == 0:
        return check(
            ctx, False, "revenue_growth_met", "no_prior_revenue",
            actual="0", required=fmt_pct(line), comparison=">=",
            parameter=f"{STEM}.revenue_growth_min",
        )
    growth = (this - last) / last
    passed = this - last >= line * last
    return check(
        ctx,
        passed,
        "revenue_growth_met",
        "revenue_growth_below",
        actual=fmt_pct(growth),
        required=fmt_pct(line),
        actual_value=growth,
        required_value=line,
        comparison=">=",
        parameter=f"{STEM}.revenue_growth_min",
        gap=fmt_points(max(line - growth, Decimal(0))),
    )


def assess_carrier(ctx: Context, c: Carrier) -> list[ItemResult]:
    """按产业载体内微短剧企业年度营业收入总增长额 20% 以内给予扶持，最高不超过 300 万元。"""
    checks = [
        related_share_over_30pct(ctx, c),
        scale_by_count_or_area(ctx, c),
        revenue_growth_at_least_10pct(ctx, c),
    ]
    rate = ctx.p(STEM, "support_rate")
    cap = ctx.p(STEM, "cap_yuan")
    base = max(c.revenue_this_year_yuan - c.revenue_last_year_yuan, Decimal(0))
    uncapped, ceiling = rate_ceiling(rate, base, cap)
    return [
        make_item(
            ctx, "1", c.name, ctx.year_of(c.year), checks,
            ceiling=ceiling, cap=cap, uncapped=uncapped, base=base, rate=rate,
        )
    ]
