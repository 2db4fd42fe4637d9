"""第一条 第1项 支持产业载体发展 (item 1)."""

from __future__ import annotations

from decimal import Decimal

from .build import Context, check, make_item
from .lines import Line, comparison, either, line_of, threshold
from .models import Carrier, Check, ItemResult
from .money import fmt_pct, rate_ceiling

STEM = "article1_carrier"


def related_share_over_30pct(ctx: Context, c: Carrier) -> Check:
    """对于产业载体内微短剧等网络视听相关企业数占比超过 30%"""
    return threshold(
        ctx, f"{STEM}.related_share_min", c.related_enterprises, "related_share_over", "related_share_under",
        per=c.total_enterprises, at_line="related_share_at_line",
    )


def scale_by_count_or_area(ctx: Context, c: Carrier) -> Check:
    """相关企业总数达到……家以上，或独立企业租购面积超过……平方米 (第1条): the lines, their comparisons and
    the sentence as cited are in content/parameters/article1_carrier.yaml."""
    return either(
        ctx, "scale_not_reached",
        count=Line(f"{STEM}.related_enterprises_min", c.related_enterprises, "scale_met_count"),
        area=Line(f"{STEM}.independent_area_min_sqm", c.independent_area_sqm, "scale_met_area"),
    )


def revenue_growth_at_least_10pct(ctx: Context, c: Carrier) -> Check:
    """同时微短剧企业年度营业收入总额同比增幅达到 10% 及以上的"""
    key = f"{STEM}.revenue_growth_min"
    last, this = c.revenue_last_year_yuan, c.revenue_this_year_yuan
    if last == 0:
        return check(
            ctx, False, "revenue_growth_met", "no_prior_revenue",
            actual="0", required=fmt_pct(line_of(ctx, key)), comparison=comparison(key),
            parameter=key,
        )
    return threshold(ctx, key, this - last, "revenue_growth_met", "revenue_growth_below", per=last)


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
