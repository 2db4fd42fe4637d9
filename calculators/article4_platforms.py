"""第二条 第4项 支持企业专业化发展 (items 4.1, 4.2)."""

from __future__ import annotations

from .build import Context, Year, check, make_item, new_event_check
from .content import label
from .lines import threshold
from .models import Check, ItemResult, TechPlatform, TransformationProject
from .money import fmt_pct, fmt_wan, rate_ceiling

STEM = "article4_platforms"


def newly_recognised_national_or_municipal(ctx: Context, t: TechPlatform) -> Check:
    """新获国家级、市级产业专业化平台认定，或新获得国家级、市级专项资金扶持的"""
    level = "both" if t.national and t.municipal else "national" if t.national else "municipal"
    return check(
        ctx, t.national or t.municipal, "platform_recognised", "no_recognition",
        actual=label("levels", level, ctx.lang), comparison="bool",
    )


def platform_year(ctx: Context, t: TechPlatform) -> Year:
    """4.1 counts in the year of its recognition date unless a year is given (RULES.md §6.2)."""
    return ctx.year_of(t.year, "recognised", t.recognised_on if t.national or t.municipal else None)


def assess_platform(ctx: Context, t: TechPlatform) -> ItemResult:
    """按项目投资费用的 30% 以内给予配套扶持，最高不超过 200 万元、100 万元

    Both levels for one platform: the higher cap counts once (就高不重复).
    """
    recognised = newly_recognised_national_or_municipal(ctx, t)
    checks = [recognised]
    if recognised.passed:
        checks.append(new_event_check(ctx, "recognised", t.recognised_on))
    cap_name = "platform_municipal_cap_yuan" if t.municipal and not t.national else "platform_national_cap_yuan"
    cap = ctx.p(STEM, cap_name)
    rate = ctx.p(STEM, "platform_support_rate")
    uncapped, ceiling = rate_ceiling(rate, t.investment_yuan, cap)
    notes = [ctx.note("both_levels")] if t.national and t.municipal else []
    return make_item(
        ctx, "4.1", t.name, platform_year(ctx, t), checks,
        ceiling=ceiling, cap=cap, uncapped=uncapped, base=t.investment_yuan, rate=rate, notes=notes,
    )


def cooperation_with_research_partner(ctx: Context, t: TransformationProject) -> Check:
    """鼓励微短剧企业与高校、科研院所合作……形成项目化落地并产生实际经济效益；对成果转化……的合作项目"""
    return check(ctx, t.with_research_partner, "research_partner", "no_research_partner", comparison="bool")


def investment_at_least_2m(ctx: Context, t: TransformationProject) -> Check:
    """对成果转化且投资额达到 200 万元（含）以上的合作项目

    The line is on the cooperation project's total investment (RULES.md §6.4).
    """
    return threshold(
        ctx, f"{STEM}.transformation_min_investment_yuan", t.project_amount, "investment_met", "investment_below"
    )


def assess_transformation(ctx: Context, t: TransformationProject) -> ItemResult:
    """给予企业项目投资 30% 以内的扶持，最高不超过 300 万元。

    The base is the enterprise's own investment in the project (RULES.md §6.4).
    """
    checks = [cooperation_with_research_partner(ctx, t), investment_at_least_2m(ctx, t)]
    rate = ctx.p(STEM, "transformation_support_rate")
    cap = ctx.p(STEM, "transformation_cap_yuan")
    base = t.enterprise_amount
    uncapped, ceiling = rate_ceiling(rate, base, cap)
    notes = [ctx.note("transformation_amounts", project=fmt_wan(t.project_amount), base=fmt_wan(base),
                      rate=fmt_pct(rate))]
    if t.investment_yuan is not None:
        notes.append(ctx.note("legacy_investment", amount=fmt_wan(t.investment_yuan)))
    elif t.enterprise_investment_yuan is None:
        notes.append(ctx.note("enterprise_investment_assumed", amount=fmt_wan(t.project_amount)))
    return make_item(
        ctx, "4.2", t.name, ctx.year_of(t.year), checks,
        ceiling=ceiling, cap=cap, uncapped=uncapped, base=base, rate=rate, notes=notes,
    )
