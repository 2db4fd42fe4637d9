"""附则1 就高不重复, and the yearly caps per enterprise."""

from __future__ import annotations

from collections import defaultdict

from .build import YEARLY_CAPS, Context
from .models import ItemResult, ItemTotal
from .money import fmt_number

__all__ = ["YEARLY_CAPS", "ITEM_ORDER", "ITEM_RANK", "apply_strict_reading", "yearly_cap", "totals"]

# Under the strict reading these items compete for one work: only the highest counts.
STRICT_COMPETING = ("2.1", "2.2", "2.3", "3.2")

ITEM_ORDER = ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "5", "6", "7", "8")
ITEM_RANK = {item: rank for rank, item in enumerate(ITEM_ORDER)}


def apply_strict_reading(ctx: Context, work_items: list[ItemResult]) -> list[ItemResult]:
    """Strict reading: for one work, only the highest eligible of 2.1, 2.2, 2.3, 3.2 counts.

    Ties keep the lower item id; 3.1 (额外) still stacks; items in review stay in review.
    """
    competing = [r for r in work_items if r.item in STRICT_COMPETING and r.status == "eligible"]
    if len(competing) < 2:
        return work_items
    winner = max(competing, key=lambda r: (r.ceiling_yuan or 0, -ITEM_RANK[r.item]))
    out = []
    for r in work_items:
        if r in competing and r is not winner:
            r = r.model_copy(
                update={
                    "status": "superseded",
                    "ceiling_yuan": 0,
                    "notes": [*r.notes, ctx.note("superseded_strict", winner=winner.item)],
                }
            )
        out.append(r)
    return out


def yearly_cap(ctx: Context, item: str) -> int | None:
    return ctx.yearly_caps.get(item)


def totals(ctx: Context, results: list[ItemResult]) -> tuple[list[ItemResult], list[ItemTotal], int]:
    """Apply the yearly caps: return items (with cap notes), item totals and the review potential.

    The review potential is what items in review could add on top of the eligible ones, within the
    same yearly cap (a review item never lifts a total past its cap).
    """
    eligible: dict[tuple[str, int], int] = defaultdict(int)
    review: dict[tuple[str, int], int] = defaultdict(int)
    for r in results:
        key = (r.item, r.year)
        if r.status == "eligible" and r.ceiling_yuan is not None:
            eligible[key] += r.ceiling_yuan
        elif r.status == "review" and r.ceiling_yuan:
            review[key] += r.ceiling_yuan

    item_totals: list[ItemTotal] = []
    binding: dict[tuple[str, int], str] = {}
    for key in sorted(eligible, key=lambda k: (ITEM_RANK[k[0]], k[1])):
        cap = yearly_cap(ctx, key[0])
        total = eligible[key] if cap is None else min(eligible[key], cap)
        item_totals.append(
            ItemTotal(item=key[0], year=key[1], sum_yuan=eligible[key], yearly_cap_yuan=cap, total_yuan=total)
        )
        if cap is not None and eligible[key] > cap:
            binding[key] = ctx.note(
                "yearly_cap_binds", cap=fmt_number(cap), year=key[1], sum=fmt_number(eligible[key])
            )

    potential = 0
    for key, extra in review.items():
        cap = yearly_cap(ctx, key[0])
        have = eligible.get(key, 0)
        potential += extra if cap is None else min(have + extra, cap) - min(have, cap)

    caps = ctx.yearly_caps
    for r in results:  # the engine's own fresh objects: annotate in place
        cap = caps.get(r.item)
        if r.yearly_cap_yuan != cap:  # make_item already sets it; only a hand-built item lacks it
            r.yearly_cap_yuan = cap
        if binding:
            note = binding.get((r.item, r.year))
            if note and r.status == "eligible":
                r.notes = [*r.notes, note]
    return results, item_totals, potential
