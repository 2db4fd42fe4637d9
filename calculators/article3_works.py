"""第一条 第3项 支持优秀作品创制增效 (items 3.1, 3.2)."""

from __future__ import annotations

from decimal import ROUND_FLOOR

from .article2_projects import work_year
from .build import Context, check, make_item, review_check
from .content import item_name, listing
from .lines import line_of, meets, threshold
from .models import Check, ItemResult, Project

STEM = "article3_works"


def qualifies_as_work_above(ctx: Context, basis: dict[str, ItemResult]) -> Check:
    """若上述作品中…: the work qualifies under 2.1, 2.2 or 2.3 (before 就高不重复).

    Judged on the 2.x items' own conditions: a failed 附则 gate is reported once on 3.1 itself,
    not again as "not a qualifying work".
    """
    gate_codes = {g.code for g in ctx.gates if not g.passed}

    def own_outcome(r: ItemResult) -> str:
        if any(c.code not in gate_codes for c in r.unmet):
            return "unmet"
        own_review = any(c.comparison == "review" and c.code not in gate_codes for c in r.checks)
        return "review" if own_review else "met"

    outcomes = {i: own_outcome(r) for i, r in basis.items()}
    eligible = [i for i, o in outcomes.items() if o == "met"]
    in_review = [i for i, o in outcomes.items() if o == "review"]
    if eligible:
        names = listing((f"{i} {item_name(i, ctx.lang)}" for i in eligible), ctx.lang)
        return check(ctx, True, "qualifying_work", "no_qualifying_work", actual=names, comparison="bool")
    if in_review:
        names = listing((f"{i} {item_name(i, ctx.lang)}" for i in in_review), ctx.lang)
        return review_check(ctx, "qualifying_work_review", actual=names)
    return check(ctx, False, "qualifying_work", "no_qualifying_work", comparison="bool")


def local_culture_at_least_1_minute(ctx: Context, w: Project) -> Check:
    """体现在地文化、区域文旅地标，且涉及内容时长 1 分钟及以上的"""
    return threshold(
        ctx, f"{STEM}.local_culture_min_minutes", w.local_culture_minutes, "local_culture_met", "local_culture_under"
    )


def local_culture_amount(ctx: Context, minutes) -> tuple[int, int]:
    """额外给予 1 万元的扶持，每增加 1 分钟再给予 1 万元的扶持，最高不超过 10 万元。

    Only whole minutes count: 1 minute brings the first amount, each further whole minute one more.
    Returns (uncapped, fixed amount).
    """
    key = f"{STEM}.local_culture_min_minutes"
    if not meets(ctx, key, minutes):
        return 0, 0
    line = line_of(ctx, key)
    whole = int(minutes.to_integral_value(rounding=ROUND_FLOOR))
    extra_minutes = whole - int(line)
    uncapped = int(ctx.p(STEM, "local_culture_first_minute_yuan")) + extra_minutes * int(
        ctx.p(STEM, "local_culture_per_extra_minute_yuan")
    )
    return uncapped, min(uncapped, int(ctx.p(STEM, "local_culture_cap_yuan")))


def adaptation_first_filed(ctx: Context, w: Project) -> Check:
    """对优秀影视等作品进行改编且为首次备案上线的微短剧项目"""
    return check(
        ctx, w.adaptation_first_filing, "adaptation_first_filing", "not_adaptation", comparison="bool"
    )


def assess_work(ctx: Context, w: Project, basis: dict[str, ItemResult]) -> dict[str, ItemResult]:
    year = work_year(ctx, w)
    uncapped, amount = local_culture_amount(ctx, w.local_culture_minutes)
    item_31 = make_item(
        ctx, "3.1", w.name, year,
        [qualifies_as_work_above(ctx, basis), local_culture_at_least_1_minute(ctx, w)],
        kind="fixed", ceiling=amount, cap=ctx.p(STEM, "local_culture_cap_yuan"),
        uncapped=uncapped, base=w.local_culture_minutes, notes=[ctx.note("fixed_amount")],
    )
    cap_32 = ctx.p(STEM, "adaptation_cap_yuan")
    item_32 = make_item(
        ctx, "3.2", w.name, year, [adaptation_first_filed(ctx, w)], ceiling=int(cap_32), cap=cap_32
    )
    return {"3.1": item_31, "3.2": item_32}
