"""第二条 第5项 支持企业技术攻关 (item 5)."""

from __future__ import annotations

from .build import Context, check, make_item
from .models import Check, ItemResult, Rnd
from .money import rate_ceiling

STEM = "article5_rnd"


def rnd_applied_with_results(ctx: Context, r: Rnd) -> Check:
    """开展人工智能、大数据、物联网、云计算、网络安全等关键技术、共性技术攻关并应用且取得成效"""
    return check(ctx, r.applied_with_results, "rnd_applied", "rnd_not_applied", comparison="bool")


def assess_rnd(ctx: Context, r: Rnd) -> ItemResult:
    """给予企业研发费用投入 30% 以内的扶持，最高不超过 300 万元。"""
    rate = ctx.p(STEM, "rnd_support_rate")
    cap = ctx.p(STEM, "rnd_cap_yuan")
    uncapped, ceiling = rate_ceiling(rate, r.expenditure_yuan, cap)
    return make_item(
        ctx, "5", None, ctx.year_of(r.year), [rnd_applied_with_results(ctx, r)],
        ceiling=ceiling, cap=cap, uncapped=uncapped, base=r.expenditure_yuan, rate=rate,
    )
