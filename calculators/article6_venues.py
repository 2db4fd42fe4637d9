"""第二条 第6项 支持企业打造创新应用场景 (item 6)."""

from __future__ import annotations

import datetime as dt

from .build import Context, check, make_item
from .models import Check, ItemResult, Venue
from .money import fmt_number, rate_ceiling

STEM = "article6_venues"


def anniversary(start: dt.date, years: int) -> dt.date:
    """The day a period of whole years from ``start`` is complete (民法典 第201、202条).

    The opening day is not counted, so the period ends on the corresponding day; a 29 February
    start, with no corresponding day, ends on the last day of February.
    """
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def operating_for_1_year(ctx: Context, v: Venue) -> Check:
    """对开放运营满1年"""
    years = int(ctx.p(STEM, "min_operating_years"))
    done_on = anniversary(v.opened_on, years)
    return check(
        ctx, ctx.as_of >= done_on, "operating_met", "operating_under",
        actual=v.opened_on.isoformat(), required=fmt_number(years), comparison=">=",
        parameter=f"{STEM}.min_operating_years",
        anniversary=done_on.isoformat(), gap=fmt_number(max((done_on - ctx.as_of).days, 0)),
    )


def media_reports_at_least_4(ctx: Context, v: Venue) -> Check:
    """且累计获得市级及以上主流媒体正面报道4次及以上"""
    line = ctx.p(STEM, "min_positive_media_reports")
    return check(
        ctx, v.positive_media_reports >= line, "media_met", "media_below",
        actual=fmt_number(v.positive_media_reports), required=fmt_number(line),
        actual_value=v.positive_media_reports, required_value=line, comparison=">=",
        parameter=f"{STEM}.min_positive_media_reports",
        gap=fmt_number(max(line - v.positive_media_reports, 0)),
    )


def footfall_or_revenue(ctx: Context, v: Venue) -> Check:
    """Average monthly ticketed visitors at least ``min_avg_monthly_visitors``, or average monthly
    operating revenue at least ``min_avg_monthly_revenue_yuan`` (不低于: the line itself passes). The
    lines and the sentence they come from are in content/parameters/article6_venues.yaml."""
    min_visitors = ctx.p(STEM, "min_avg_monthly_visitors")
    min_revenue = ctx.p(STEM, "min_avg_monthly_revenue_yuan")
    if v.avg_monthly_visitors >= min_visitors:
        return check(
            ctx, True, "footfall_met_visitors", "footfall_below",
            actual=fmt_number(v.avg_monthly_visitors), required=fmt_number(min_visitors),
            actual_value=v.avg_monthly_visitors, required_value=min_visitors, comparison=">=",
            parameter=f"{STEM}.min_avg_monthly_visitors",
        )
    if v.avg_monthly_revenue_yuan >= min_revenue:
        return check(
            ctx, True, "footfall_met_revenue", "footfall_below",
            actual=fmt_number(v.avg_monthly_revenue_yuan), required=fmt_number(min_revenue),
            actual_value=v.avg_monthly_revenue_yuan, required_value=min_revenue, comparison=">=",
            parameter=f"{STEM}.min_avg_monthly_revenue_yuan",
        )
    return check(
        ctx, False, "footfall_met_visitors", "footfall_below",
        actual=fmt_number(v.avg_monthly_visitors), required=fmt_number(min_visitors),
        actual_value=v.avg_monthly_visitors, required_value=min_visitors, comparison=">=",
        parameter=f"{STEM}.min_avg_monthly_visitors",
        actual_visitors=fmt_number(v.avg_monthly_visitors), required_visitors=fmt_number(min_visitors),
        gap_visitors=fmt_number(min_visitors - v.avg_monthly_visitors),
        actual_revenue=fmt_number(v.avg_monthly_revenue_yuan), required_revenue=fmt_number(min_revenue),
    )


def not_supported_before(ctx: Context, v: Venue) -> Check:
    """给予一次性扶持: a venue is supported under this clause once."""
    return check(
        ctx, not v.previously_supported, "not_previously_supported", "previously_supported", comparison="bool"
    )


def assess_venue(ctx: Context, v: Venue) -> ItemResult:
    """按项目总投资20%以内给予一次性扶持，单个企业每年不超过200万元。"""
    checks = [
        operating_for_1_year(ctx, v),
        media_reports_at_least_4(ctx, v),
        footfall_or_revenue(ctx, v),
        not_supported_before(ctx, v),
    ]
    rate = ctx.p(STEM, "venue_support_rate")
    uncapped, ceiling = rate_ceiling(rate, v.total_investment_yuan, None)
    yearly = ctx.p(STEM, "venue_yearly_cap_yuan")
    return make_item(
        ctx, "6", v.name, ctx.year_of(v.year), checks,
        ceiling=ceiling, cap=None, uncapped=uncapped, base=v.total_investment_yuan, rate=rate,
        notes=[ctx.note("venue_no_cap", cap=fmt_number(yearly))],
    )
