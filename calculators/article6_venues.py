"""第二条 第6项 支持企业打造创新应用场景 (item 6)."""

from __future__ import annotations

import datetime as dt

from .build import Context, check, make_item
from .lines import Line, comparison, either, line_of, passes, threshold
from .models import Check, ItemResult, Venue
from .money import fmt_number, rate_ceiling, wan

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
    key = f"{STEM}.min_operating_years"
    years = int(line_of(ctx, key))
    done_on = anniversary(v.opened_on, years)
    return check(
        ctx, passes(key, ctx.as_of, done_on), "operating_met", "operating_under",
        actual=v.opened_on.isoformat(), required=fmt_number(years), comparison=comparison(key), parameter=key,
        anniversary=done_on.isoformat(), gap=fmt_number(max((done_on - ctx.as_of).days, 0)),
    )


def media_reports_at_least_4(ctx: Context, v: Venue) -> Check:
    """且累计获得市级及以上主流媒体正面报道4次及以上"""
    return threshold(
        ctx, f"{STEM}.min_positive_media_reports", v.positive_media_reports, "media_met", "media_below"
    )


def footfall_or_revenue(ctx: Context, v: Venue) -> Check:
    """平均月度票务服务人次不低于……人或月度经营性收入不低于……的 (第6条): the lines, their comparisons and
    the sentence as cited are in content/parameters/article6_venues.yaml."""
    return either(
        ctx, "footfall_below",
        visitors=Line(f"{STEM}.min_avg_monthly_visitors", v.avg_monthly_visitors, "footfall_met_visitors"),
        revenue=Line(f"{STEM}.min_avg_monthly_revenue_yuan", v.avg_monthly_revenue_yuan, "footfall_met_revenue"),
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
        notes=[ctx.note("venue_no_cap", cap=wan(int(yearly)))],
    )
