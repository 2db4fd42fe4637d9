"""第一条 第2项 支持优质项目发展 (items 2.1, 2.2, 2.3)."""

from __future__ import annotations

from .build import Context, Year, check, make_item, new_event_check, review_check
from .content import label, listing
from .models import Check, ItemResult, Project

STEM = "article2_projects"


def municipal_fund_awarded(ctx: Context, w: Project) -> Check:
    """对新获得市级微短剧专项资金扶持的优秀微短剧及相关项目"""
    return check(
        ctx, w.municipal_fund == "awarded", "municipal_fund_awarded", "not_municipal_awarded",
        actual=label("fund_status", w.municipal_fund, ctx.lang), comparison="bool",
    )


def municipal_fund_shortlisted(ctx: Context, w: Project) -> Check:
    """对新入围市级微短剧专项资金扶持评审的优秀微短剧及相关项目"""
    return check(
        ctx, w.municipal_fund in ("shortlisted", "awarded"),
        "municipal_fund_shortlisted", "not_municipal_shortlisted",
        actual=label("fund_status", w.municipal_fund, ctx.lang), comparison="bool",
    )


def broadcast_on_major_platform(ctx: Context, w: Project) -> Check:
    """在腾讯、优酷、爱奇艺、芒果 TV、红果、抖音等主要网络视听平台中播出

    The list ends in 等: a work shown only on another platform is left to the bureau's review.
    """
    majors = ctx.p(STEM, "major_platforms")
    names = [majors[code][ctx.lang] for code in w.platforms if code in majors]
    if names:
        return check(
            ctx, True, "on_major_platform", "no_major_platform",
            actual=listing(names, ctx.lang),
            comparison="in", parameter=f"{STEM}.major_platforms",
        )
    if "other" in w.platforms:
        return review_check(ctx, "other_platform_review")
    every = [v[ctx.lang] for v in majors.values()]
    return check(
        ctx, False, "on_major_platform", "no_major_platform",
        required=listing(every, ctx.lang),
        comparison="in", parameter=f"{STEM}.major_platforms",
    )


def work_year(ctx: Context, w: Project) -> Year:
    """The year a work's items count in (RULES.md §6.2): its given year, else the year of its
    municipal fund date (2.1/2.2's qualifying event), else the year of the assessment date. 2.3, 3.1
    and 3.2 follow their work, so one work counts in one year."""
    return ctx.year_of(w.year, "municipal_fund", w.municipal_fund_date if w.municipal_fund != "none" else None)


def assess_project(ctx: Context, w: Project) -> dict[str, ItemResult]:
    """One work under 2.1, 2.2 and 2.3 (before 就高不重复 across items)."""
    year = work_year(ctx, w)
    awarded_cap = ctx.p(STEM, "awarded_cap_yuan")
    shortlisted_cap = ctx.p(STEM, "shortlisted_cap_yuan")
    platform_cap = ctx.p(STEM, "platform_cap_yuan")

    awarded = municipal_fund_awarded(ctx, w)
    checks_21 = [awarded] + ([new_event_check(ctx, "municipal_fund", w.municipal_fund_date)] if awarded.passed else [])
    item_21 = make_item(ctx, "2.1", w.name, year, checks_21, ceiling=int(awarded_cap), cap=awarded_cap)

    shortlisted = municipal_fund_shortlisted(ctx, w)
    checks_22 = [shortlisted]
    if shortlisted.passed:
        checks_22.append(new_event_check(ctx, "municipal_fund", w.municipal_fund_date))
    item_22 = make_item(ctx, "2.2", w.name, year, checks_22, ceiling=int(shortlisted_cap), cap=shortlisted_cap)
    if w.municipal_fund == "awarded" and item_22.status == "eligible":
        # Shortlist and award are two stages of one fund: an awarded work counts under 2.1 only.
        item_22 = item_22.model_copy(
            update={"status": "superseded", "ceiling_yuan": 0,
                    "notes": [ctx.note("awarded_counts_under_2_1")]}
        )
    elif w.municipal_fund == "awarded":
        item_22.notes.append(ctx.note("awarded_counts_under_2_1"))

    item_23 = make_item(
        ctx, "2.3", w.name, year, [broadcast_on_major_platform(ctx, w)],
        ceiling=int(platform_cap), cap=platform_cap,
    )
    return {"2.1": item_21, "2.2": item_22, "2.3": item_23}
