"""第三条 第7项 强化专业人才引育保障 (item 7): no amount in the text, left to review."""

from __future__ import annotations

from .build import Context, check, make_item, review_check
from .content import label
from .models import ItemResult, Talent


def assess_talent(ctx: Context, t: Talent) -> ItemResult:
    """支持微短剧相关产业领域人才申报“春申人才计划”……对于牵头推进重点项目或开展长期合作……的相关主体，给予一定扶持。"""
    has_any = t.chunshen_candidates > 0 or t.leads_key_project
    if has_any:
        checks = [
            review_check(
                ctx, "talent_candidates", actual=str(t.chunshen_candidates),
                extra=label("yes_no", t.leads_key_project, ctx.lang),
            )
        ]
    else:
        checks = [check(ctx, False, "talent_candidates", "no_talent", comparison="bool")]
    return make_item(
        ctx, "7", None, ctx.year_of(None), checks, kind="unquantified", ceiling=None, cap=None,
        notes=[ctx.note("unquantified")],
    )
