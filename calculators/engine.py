"""Assess one enterprise profile against every clause of the policy."""

from __future__ import annotations

from decimal import Decimal

from .article1_carrier import assess_carrier
from .article2_projects import assess_project
from .article3_works import assess_work
from .article4_platforms import assess_platform, assess_transformation
from .article5_rnd import assess_rnd
from .article6_venues import assess_venue
from .article7_talent import assess_talent
from .article8_training import assess_training
from .build import Context
from .content import Parameters, parameters_on
from .gates import all_gates
from .models import Assessment, ItemResult, Profile
from .money import rate_ceiling
from .stacking import ITEM_RANK, apply_other_support, apply_strict_reading, totals


def assess(profile: Profile, lang: str = "zh", params: Parameters | None = None) -> Assessment:
    """Return the assessment of ``profile``: every item reached, its status, ceiling and reasons.

    ``params`` are the numbers to assess with (a what-if's, calculators/reform.py), for the
    profile's own date; by default the policy's in force on that date.
    """
    if params is None:
        params = parameters_on(profile.as_of)
    elif params.on != profile.as_of:
        raise ValueError(f"parameters for {params.on}, profile as of {profile.as_of}")
    gates = all_gates(profile.as_of, profile.enterprise, params, lang)
    ctx = Context(as_of=profile.as_of, params=params, lang=lang, gates=gates)

    strict = profile.interpretation == "strict"

    def subject(items: list[ItemResult], other) -> list[ItemResult]:
        return apply_other_support(ctx, items, other, strict)

    results: list[ItemResult] = []
    if profile.carrier is not None:
        results += subject(assess_carrier(ctx, profile.carrier), profile.carrier.other_minhang_support_yuan)
    for work in profile.projects:
        basis = assess_project(ctx, work)
        results += subject([*basis.values(), *assess_work(ctx, work, basis).values()],
                           work.other_minhang_support_yuan)
    for t in profile.tech_platforms:
        results += subject([assess_platform(ctx, t)], t.other_minhang_support_yuan)
    for t in profile.transformation_projects:
        results += subject([assess_transformation(ctx, t)], t.other_minhang_support_yuan)
    if profile.rnd is not None:
        results += subject([assess_rnd(ctx, profile.rnd)], profile.rnd.other_minhang_support_yuan)
    for v in profile.venues:
        results += subject([assess_venue(ctx, v)], v.other_minhang_support_yuan)
    if profile.talent is not None:
        results.append(assess_talent(ctx, profile.talent))
    if profile.training is not None:
        results.append(assess_training(ctx, profile.training))

    claims = []
    pre_strict = None
    if strict:
        pre_strict = list(results)
        results, claims = apply_strict_reading(ctx, results)
    results.sort(key=lambda r: ITEM_RANK[r.item])  # stable: subjects keep their order
    results, item_totals, potential = totals(ctx, results, strict, pre_strict)
    notes = [ctx.note("other_district_policy")] if profile.projects or profile.tech_platforms else []
    return Assessment(
        policy=params.get("general", "document_number"),
        as_of=profile.as_of,
        interpretation=profile.interpretation,
        in_force=gates[0].passed,
        enterprise=profile.enterprise.name,
        lang=lang,
        items=results,
        item_totals=item_totals,
        total_ceiling_yuan=sum(t.total_yuan for t in item_totals),
        review_potential_yuan=potential,
        notes=notes,
        claims=claims,
    )


# Rate-based items and the parameters of their ceiling: (rate, per-subject cap or None, and the
# smallest base that qualifies at all, where the clause sets one on the base itself).
RATE_ITEMS: dict[str, tuple[tuple[str, str], tuple[str, str] | None, tuple[str, str] | None]] = {
    "1": (("article1_carrier", "support_rate"), ("article1_carrier", "cap_yuan"), None),
    "4.1": (
        ("article4_platforms", "platform_support_rate"),
        ("article4_platforms", "platform_national_cap_yuan"),
        None,
    ),
    "4.1-municipal": (
        ("article4_platforms", "platform_support_rate"),
        ("article4_platforms", "platform_municipal_cap_yuan"),
        None,
    ),
    "4.2": (
        ("article4_platforms", "transformation_support_rate"),
        ("article4_platforms", "transformation_cap_yuan"),
        ("article4_platforms", "transformation_min_investment_yuan"),
    ),
    "5": (("article5_rnd", "rnd_support_rate"), ("article5_rnd", "rnd_cap_yuan"), None),
    "6": (("article6_venues", "venue_support_rate"), None, None),
}


def ceiling_curve(item: str, bases: list[Decimal], as_of, cap_yuan: int | None = None) -> list[int]:
    """What-if: the ceiling a rate-based item would have at each base (for charts).

    ``cap_yuan`` overrides the per-subject cap (4.1 municipal uses its own cap). Below a base the
    clause itself requires (4.2: 投资额达到 200 万元（含）以上), the ceiling is 0.
    """
    params = parameters_on(as_of)
    rate_ref, cap_ref, min_ref = RATE_ITEMS[item]
    rate = params.get(*rate_ref)
    cap = Decimal(cap_yuan) if cap_yuan is not None else (params.get(*cap_ref) if cap_ref else None)
    floor = params.get(*min_ref) if min_ref else None
    return [
        0 if floor is not None and Decimal(b) < floor else rate_ceiling(rate, Decimal(b), cap)[1]
        for b in bases
    ]
