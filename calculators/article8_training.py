"""第三条 第8项 加大行业培训力度 (item 8): paid by the training subsidy rules' own standards."""

from __future__ import annotations

from .build import Context, check, make_item, review_check
from .models import ItemResult, Training


def assess_training(ctx: Context, t: Training) -> ItemResult:
    """对符合市、区两级职业技能培训补贴相关规定的，按标准给予对应补贴。"""
    if t.trainees > 0:
        checks = [review_check(ctx, "trainees", actual=str(t.trainees))]
    else:
        checks = [check(ctx, False, "trainees", "no_trainees", comparison="bool")]
    return make_item(
        ctx, "8", None, ctx.year_of(None), checks, kind="unquantified", ceiling=None, cap=None,
        notes=[ctx.note("training_by_standard")],
    )
