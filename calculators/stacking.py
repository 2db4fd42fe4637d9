"""附则1 就高不重复: within one work (strict reading), across policies, and the yearly caps per enterprise."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from .build import YEARLY_CAPS, Context
from .models import Alternative, Claim, ItemResult, ItemTotal
from .money import fmt_wan, wan

__all__ = [
    "YEARLY_CAPS", "ITEM_ORDER", "ITEM_RANK", "STRICT_COMPETING", "apply_other_support", "apply_strict_reading",
    "yearly_cap", "totals",
]

# Under the strict reading these items compete for one work: exactly one of them counts.
STRICT_COMPETING = ("2.1", "2.2", "2.3", "3.2")

ITEM_ORDER = ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "5", "6", "7", "8")
ITEM_RANK = {item: rank for rank, item in enumerate(ITEM_ORDER)}

_OPEN = ("eligible", "review")  # what this policy could still bring a subject


def yearly_cap(ctx: Context, item: str) -> int | None:
    return ctx.yearly_caps.get(item)


def _supersede(r: ItemResult, note: str) -> ItemResult:
    return r.model_copy(update={"status": "superseded", "ceiling_yuan": 0, "notes": [*r.notes, note]})


# ---- 附则1 across policies (RULES.md §6.6) ------------------------------------------------------


def subject_ceiling(items: list[ItemResult], strict: bool) -> int:
    """The most this policy could bring one subject, before the yearly caps: the ceilings of its
    eligible and review items (strict reading: of a work's 2.1/2.2/2.3/3.2 only the highest)."""
    own = [r.ceiling_yuan or 0 for r in items if r.status in _OPEN and not (strict and r.item in STRICT_COMPETING)]
    competing = [r.ceiling_yuan or 0 for r in items if r.status in _OPEN and strict and r.item in STRICT_COMPETING]
    return sum(own) + max(competing, default=0)


def apply_other_support(
    ctx: Context, items: list[ItemResult], other: Decimal | None, strict: bool
) -> list[ItemResult]:
    """同一项目不得重复享受本区同层级、同类型的产业扶持政策 (附则1): only the higher one can be had.

    When the other support is at least what this policy could bring the subject, its items are
    ``superseded``; otherwise they stand, with a note on what taking them gives up.
    """
    if other is None or other <= 0:
        return items
    for r in items:
        r.other_support_yuan = other
    if not any(r.status in _OPEN for r in items):
        return items
    ours = subject_ceiling(items, strict)
    values = {"other": fmt_wan(other), "ours": wan(ours)}
    if other >= ours:
        note = ctx.note("other_support_superseded", **values)
        return [_supersede(r, note) if r.status in _OPEN else r for r in items]
    note = ctx.note("other_support_stands", net=fmt_wan(Decimal(ours) - other), **values)
    for r in items:
        if r.status in _OPEN:
            r.notes = [*r.notes, note]
    return items


# ---- the strict reading: the best admissible claim (RULES.md §6.3) ----------------------------


def _counted(caps: dict[str, int], amounts: Iterable[tuple[str, int, int]]) -> int:
    """What ceilings add up to after the yearly caps per enterprise: Σ over (item, year) of min(sum, cap)."""
    sums: dict[tuple[str, int], int] = defaultdict(int)
    for item, year, amount in amounts:
        sums[(item, year)] += amount
    return sum(s if caps.get(item) is None else min(s, caps[item]) for (item, _), s in sums.items())


def _preference(r: ItemResult) -> tuple[int, int]:
    """Ties between equally good plans: the larger ceiling, then the lower item id."""
    return -(r.ceiling_yuan or 0), ITEM_RANK[r.item]


def _best_plan(caps: dict[str, int], works: list[list[ItemResult]]) -> list[ItemResult]:
    """Choose one option per work so that the total after the yearly caps is as large as possible.

    Exact dynamic programming over the works in their listed order. The state is what each capped
    item has counted so far, clipped at its cap (more cannot add anything), so the states stay few:
    with this policy's ceilings at most 3 × 6 × 5 per year. All options of one call share a year.
    Among optimal plans, the first work listed gets its preferred option, then the next, and so on.
    """
    keys = sorted({r.item for opts in works for r in opts if r.item in caps})
    index = {k: i for i, k in enumerate(keys)}
    memo: dict[tuple[tuple[int, ...], str, int], tuple[int, tuple[int, ...]]] = {}

    def step(state: tuple[int, ...], r: ItemResult) -> tuple[int, tuple[int, ...]]:
        """(what claiming ``r`` adds, the state after); works share few options, so memoised."""
        amount = r.ceiling_yuan or 0
        key = (state, r.item, amount)
        done = memo.get(key)
        if done is not None:
            return done
        k = index.get(r.item)
        if k is None:
            done = amount, state
        else:
            now = min(state[k] + amount, caps[r.item])
            done = now - state[k], (*state[:k], now, *state[k + 1:])
        memo[key] = done
        return done

    layers: list[set[tuple[int, ...]]] = [{(0,) * len(keys)}]
    for opts in works:
        layers.append({step(s, r)[1] for s in layers[-1] for r in opts})
    value: list[dict[tuple[int, ...], int]] = [{} for _ in layers]
    value[-1] = dict.fromkeys(layers[-1], 0)
    for i in range(len(works) - 1, -1, -1):
        nxt = value[i + 1]
        value[i] = {
            s: max(gain + nxt[ns] for gain, ns in (step(s, r) for r in works[i])) for s in layers[i]
        }
    plan, state = [], layers[0].copy().pop()
    for i, opts in enumerate(works):
        for r in sorted(opts, key=_preference):
            gain, ns = step(state, r)
            if gain + value[i + 1][ns] == value[i][state]:
                plan.append(r)
                state = ns
                break
    return plan


def _works(results: list[ItemResult], statuses: tuple[str, ...]) -> dict[str, list[ItemResult]]:
    """Each work's competing items with one of ``statuses`` (works in the order listed)."""
    works: dict[str, list[ItemResult]] = {}
    for r in results:
        if r.item in STRICT_COMPETING and r.subject is not None:
            opts = works.setdefault(r.subject, [])
            if r.status in statuses and r.ceiling_yuan is not None:
                opts.append(r)
    return {name: opts for name, opts in works.items() if opts}


def strict_choice(ctx: Context, results: list[ItemResult], statuses: tuple[str, ...]) -> list[ItemResult]:
    """The item each work counts under the strict reading, over all works together, year by year."""
    by_year: dict[int, list[list[ItemResult]]] = defaultdict(list)
    for opts in _works(results, statuses).values():
        by_year[opts[0].year].append(opts)  # a work's items share its year (RULES.md §6.2)
    chosen: list[ItemResult] = []
    for year in sorted(by_year):
        chosen += _best_plan(ctx.yearly_caps, by_year[year])
    return chosen


def _change(caps: dict[str, int], sums: dict[tuple[str, int], int], old: ItemResult, new: ItemResult) -> int:
    """How the enterprise's total after the yearly caps changes if one work claims ``new`` instead of ``old``."""

    def f(item: str, s: int) -> int:
        return s if caps.get(item) is None else min(s, caps[item])

    a, b = (old.item, old.year), (new.item, new.year)
    before = f(old.item, sums[a]) + f(new.item, sums[b])
    after = f(old.item, sums[a] - (old.ceiling_yuan or 0)) + f(new.item, sums[b] + (new.ceiling_yuan or 0))
    return after - before


def _change_phrase(ctx: Context, change: int) -> str:
    return ctx.note("change_none") if change >= 0 else ctx.note("change_less", amount=fmt_wan(-change))


def apply_strict_reading(ctx: Context, results: list[ItemResult]) -> tuple[list[ItemResult], list[Claim]]:
    """Strict reading: for each work exactly one eligible of 2.1, 2.2, 2.3, 3.2 counts, chosen so that
    the enterprise's total after the yearly caps is the largest (RULES.md §6.3).

    The others become ``superseded`` with a note saying which item the work claims and what
    claiming this one instead would do to the total; 3.1 (额外) still stacks; items in review stay in
    review. Returns the items and one claim per work, with its reason.
    """
    caps = ctx.yearly_caps
    works = _works(results, ("eligible",))
    chosen = {r.subject: r for r in strict_choice(ctx, results, ("eligible",))}
    sums: dict[tuple[str, int], int] = defaultdict(int)
    for r in chosen.values():
        sums[(r.item, r.year)] += r.ceiling_yuan or 0

    claims: list[Claim] = []
    changes: dict[tuple[str, str], int] = {}
    for name, opts in works.items():
        win = chosen[name]
        alts = [r for r in opts if r is not win]
        for r in alts:
            changes[(name, r.item)] = _change(caps, sums, win, r)
        higher = [r for r in alts if (r.ceiling_yuan or 0) > (win.ceiling_yuan or 0)]
        values = {"item": win.item, "ceiling": wan(win.ceiling_yuan or 0)}
        if not alts:
            reason = ctx.note("strict_claim_only", **values)
        elif not higher:
            reason = ctx.note("strict_claim_highest", **values)
        else:
            top = min(higher, key=_preference)
            reason = ctx.note(
                "strict_claim_cap", alt=top.item, alt_ceiling=wan(top.ceiling_yuan or 0), year=top.year,
                cap=wan(caps.get(top.item, 0)), change=_change_phrase(ctx, changes[(name, top.item)]),
                **values,
            )
        claims.append(Claim(
            subject=name, year=win.year, item=win.item, ceiling_yuan=win.ceiling_yuan or 0, reason=reason,
            alternatives=[Alternative(item=r.item, ceiling_yuan=r.ceiling_yuan or 0, change_yuan=changes[(name, r.item)])
                          for r in alts],
        ))

    out: list[ItemResult] = []
    for r in results:
        win = chosen.get(r.subject) if r.item in STRICT_COMPETING else None
        if win is not None and r is not win:
            if r.status == "eligible":
                r = _supersede(r, ctx.note("superseded_strict", winner=win.item,
                                           change=_change_phrase(ctx, changes[(r.subject, r.item)])))
            elif r.status == "review" and r.ceiling_yuan:
                r.notes = [*r.notes, ctx.note("strict_review_one_only", winner=win.item,
                                              ceiling=wan(win.ceiling_yuan or 0))]
        elif win is not None:  # each work's card says which item it claims, and why
            r.notes = [*r.notes, next(c.reason for c in claims if c.subject == r.subject)]
        out.append(r)
    return out, claims


# ---- the yearly caps and what review could add ------------------------------------------------


def _scenario_total(ctx: Context, results: list[ItemResult], strict: bool, with_review: bool) -> int:
    """The counted total, with items in review taken as eligible when ``with_review``."""
    statuses = ("eligible", "review") if with_review else ("eligible",)
    amounts = [
        (r.item, r.year, r.ceiling_yuan)
        for r in results
        if r.status in statuses and r.ceiling_yuan and not (strict and r.item in STRICT_COMPETING)
    ]
    if strict:
        amounts += [(r.item, r.year, r.ceiling_yuan or 0) for r in strict_choice(ctx, results, statuses)]
    return _counted(ctx.yearly_caps, amounts)


def totals(
    ctx: Context, results: list[ItemResult], strict: bool = False, pre_strict: list[ItemResult] | None = None
) -> tuple[list[ItemResult], list[ItemTotal], int]:
    """Apply the yearly caps: return items (with cap notes), item totals and the review potential.

    The review potential is what items in review could add on top of the eligible ones if confirmed:
    the total with them taken as eligible, less the total without them. So a review item never
    lifts a total past its yearly cap, and under the strict reading it adds only what it could add
    over what its work already counts (RULES.md §6.3). ``pre_strict``: the items before the strict
    reading superseded any (the options it chooses among again once review items are confirmed).
    """
    eligible: dict[tuple[str, int], int] = defaultdict(int)
    has_review = False
    for r in results:
        if r.status == "eligible" and r.ceiling_yuan is not None:
            eligible[(r.item, r.year)] += r.ceiling_yuan
        elif r.status == "review" and r.ceiling_yuan:
            has_review = True

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
                "yearly_cap_binds", cap=wan(cap), year=key[1], sum=wan(eligible[key])
            )

    potential = 0
    if has_review:  # the total now is the sum of the item totals (the scenario without review items)
        base = pre_strict if strict and pre_strict is not None else results
        potential = _scenario_total(ctx, base, strict, True) - sum(t.total_yuan for t in item_totals)

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
