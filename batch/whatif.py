"""What-ifs over a portfolio: a book assessed once (the baseline), then compared with a reform.

A reform (calculators/reform.py: parameter changes, an input of the assessment) re-assesses only the
enterprises it can reach (one of their sections reads a changed parameter), and only in the sections it
reaches; every other enterprise keeps its baseline entry. ``compare`` returns the spend before and after
per item and per year, who gains and who loses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from calculators.engine import assess
from calculators.models import Profile
from calculators.reform import ALL_SECTIONS, Reform
from calculators.stacking import ITEM_RANK
from calculators.validation import validate_profile

from .assemble import assemble
from .entries import BatchResult, Entry, entry_of
from .pool import gc_paused, map_ranges
from .run import check_one, collect

# The items each section of a profile gives (every item comes from one section only: the yearly caps,
# the strict reading and the review potential all stay within an item).
SECTION_ITEMS: dict[str, frozenset[str]] = {
    "carrier": frozenset({"1"}),
    "projects": frozenset({"2.1", "2.2", "2.3", "3.1", "3.2"}),
    "tech_platforms": frozenset({"4.1"}),
    "transformation_projects": frozenset({"4.2"}),
    "rnd": frozenset({"5"}),
    "venues": frozenset({"6"}),
    "talent": frozenset({"7"}),
    "training": frozenset({"8"}),
}
EMPTY_SECTIONS: dict[str, Any] = {"carrier": None, "projects": [], "tech_platforms": [], "transformation_projects": [],
                                  "rnd": None, "venues": [], "talent": None, "training": None}


@dataclass
class Portfolio:
    """A portfolio assessed once (the baseline, an Entry per enterprise), to compare reforms against.

    ``datas`` are the valid enterprises' profile dicts. ``profiles`` keeps the models validated in this
    process (for the baseline, or the first time a reform reached one); a worker's models stay in the
    worker, so a portfolio read with several workers ships no models between processes. ``ahead`` holds,
    for a reform given when the book was read, the entries of the enterprises it reaches, made in the
    baseline's own pass (:func:`portfolio_from_book`).
    """

    datas: list[dict[str, Any]]
    baseline: list[Any]
    lang: str = "zh"
    result: BatchResult | None = None  # the baseline (problems, counts), when read from a book
    profiles: dict[int, Profile] = field(default_factory=dict)
    ahead: dict[Reform, dict[int, Entry]] = field(default_factory=dict)

    def profile(self, i: int) -> Profile:
        model = self.profiles.get(i)
        if model is None:
            model, problems = validate_profile(self.datas[i], self.lang)
            assert model is not None, problems  # it was valid when the baseline was made
            self.profiles[i] = model
        return model

    def sections(self, i: int) -> frozenset[str]:
        """The sections the enterprise has filled in."""
        model = self.profiles.get(i)
        if model is not None:
            return filled(model)
        data = self.datas[i]
        return frozenset(s for s in ALL_SECTIONS if data.get(s) is not None and data.get(s) != [])


def filled(model: Profile) -> frozenset[str]:
    """The sections a validated profile has filled in."""
    return frozenset(s for s in ALL_SECTIONS if getattr(model, s))


def portfolio_from_profiles(profiles: list[Profile], lang: str = "zh") -> Portfolio:
    shared: dict[Any, Any] = {}
    baseline = [entry_of(assess(p, lang), p.enterprise.credit_code, shared) for p in profiles]
    return Portfolio([p.model_dump(mode="json") for p in profiles], baseline, lang,
                     profiles=dict(enumerate(profiles)))


def portfolio_from_book(book: Any, lang: str = "zh", as_of: dt.date | None = None,
                        interpretation: str | None = None, workers: int = 1,
                        reform: Reform | None = None) -> Portfolio:
    """Read, validate and assess a batch book once with the batch's own steps (assemble, check_one,
    collect): the baseline every reform is compared with.

    With ``reform`` (the command line's, known before the book is read), each enterprise it reaches is
    also assessed under it in the same pass, its validated model at hand (``reassess``, as ``compare``
    would): the first comparison then needs no second pass over the portfolio (bench/README.md).
    """
    with gc_paused():  # assembling 10,000 profiles is a heap that only grows too
        return _portfolio_from_book(book, lang, as_of, interpretation, workers, reform)


def _baseline_range(job: tuple[list[dict[str, Any]], str, dict[int, Profile], Reform | None], start: int,
                    end: int) -> list[tuple[Any, Entry | None]]:
    """Each enterprise's outcome (check_many's) and, if ``reform`` reaches it, its entry under the reform."""
    datas, lang, kept, reform = job
    shared: dict[Any, Any] = {}
    reached = reform.sections() if reform is not None else frozenset()
    out: list[tuple[Any, Entry | None]] = []
    for i in range(start, end):
        outcome = check_one(datas[i], lang, shared, kept, i)
        ahead = None
        if reform is not None and isinstance(outcome, Entry) and reached & filled(kept[i]):
            ahead = reassess(kept[i], outcome, reform, lang, shared)
        out.append((outcome, ahead))
    return out


def _portfolio_from_book(book: Any, lang: str, as_of: dt.date | None, interpretation: str | None,
                         workers: int, reform: Reform | None) -> Portfolio:
    candidates, problems, sheets = assemble(book, lang, as_of, interpretation)
    kept: dict[int, Profile] = {}  # the models validated here, so a reform need not validate them again
    pairs = map_ranges(_baseline_range, ([c.data for c in candidates], lang, kept, reform), len(candidates),
                       workers)
    outcomes = [outcome for outcome, _ahead in pairs]
    result = collect(candidates, outcomes, problems, sheets, lang, book.synthetic)
    valid = [i for i, o in enumerate(outcomes) if isinstance(o, Entry)]
    ahead = {reform: {j: pairs[i][1] for j, i in enumerate(valid) if pairs[i][1] is not None}} if reform else {}
    return Portfolio([candidates[i].data for i in valid], result.entries, lang, result,
                     profiles={j: kept[i] for j, i in enumerate(valid) if i in kept}, ahead=ahead)


def _potential(rows) -> int:
    """What items in review could add within their yearly caps (stacking.totals' review potential)."""
    eligible: dict[tuple[str, int], int] = defaultdict(int)
    review: dict[tuple[str, int], int] = defaultdict(int)
    caps: dict[str, int | None] = {}
    for r in rows:
        caps[r.item] = r.yearly_cap_yuan
        if r.status == "eligible" and r.ceiling_yuan is not None:
            eligible[(r.item, r.year)] += r.ceiling_yuan
        elif r.status == "review" and r.ceiling_yuan:
            review[(r.item, r.year)] += r.ceiling_yuan
    out = 0
    for key, extra in review.items():
        cap, have = caps[key[0]], eligible.get(key, 0)
        out += extra if cap is None else min(have + extra, cap) - min(have, cap)
    return out


def reassess(profile: Profile, base: Any, reform: Reform, lang: str, shared: dict[Any, Any] | None = None) -> Any:
    """The enterprise's entry under ``reform``, assessing only the sections the reform can reach.

    The other sections' items, totals and review potential are the baseline's (``base``): no item takes
    anything from another section. A reform that changes only what the 附则 gates read, and not which of
    them fail for this enterprise, leaves it as it was (``Reform.leaves_alone``): its baseline entry is
    kept. Equal to ``entry_of(reform.assess(profile))`` (tests/reform/test_fast.py).
    """
    if reform.leaves_alone(profile):
        return base
    touched = reform.sections()
    if touched >= ALL_SECTIONS:
        return entry_of(reform.assess(profile, lang), base.credit_code, shared)
    keep = {s: v for s, v in EMPTY_SECTIONS.items() if s not in touched}
    part = entry_of(reform.assess(profile.model_copy(update=keep), lang), base.credit_code, shared)
    items_touched = frozenset().union(*(SECTION_ITEMS[s] for s in touched))
    rows = sorted([r for r in base.items if r.item not in items_touched] + list(part.items),
                  key=lambda r: ITEM_RANK[r.item])
    totals = sorted([t for t in base.item_totals if t[0] not in items_touched] + list(part.item_totals),
                    key=lambda t: (ITEM_RANK[t[0]], t[1]))
    # The potential adds up section by section (no item, and so no yearly cap, spans two sections). Per
    # item and year it is _potential's, except for the works under the strict reading, whose items are
    # chosen together (RULES.md §6.3): those are taken from the engine's own figure, never recomputed.
    if "projects" in touched or base.interpretation != "strict":
        kept = _potential([r for r in base.items if r.item not in items_touched])
    else:
        kept = base.review_potential_yuan - _potential([r for r in base.items if r.item in items_touched])
    potential = kept + part.review_potential_yuan
    return part._replace(total_ceiling_yuan=sum(t[4] for t in totals), review_potential_yuan=potential,
                         item_totals=tuple(totals), items=tuple(rows))


def _reassess_range(job: tuple[Portfolio, Reform, str, list[int]], start: int, end: int) -> list[Entry]:
    portfolio, reform, lang, todo = job
    shared: dict[Any, Any] = {}
    return [reassess(portfolio.profile(i), portfolio.baseline[i], reform, lang, shared) for i in todo[start:end]]


def _reassess_many(portfolio: Portfolio, reform: Reform, lang: str, todo: list[int], workers: int) -> list[Entry]:
    """Re-assess the enterprises ``todo``, in that order; with ``workers`` > 1 over several processes
    (batch/pool.py).

    This process works from the front of the list, the forked workers from the back: the enterprises
    whose model this process has not validated yet go first, so it validates most of them and keeps the
    models for the next reform, while the workers take those it has (and inherit their models through
    the fork).
    """
    if workers > 1:
        kept = portfolio.profiles
        order = sorted(range(len(todo)), key=lambda k: todo[k] in kept)  # stable: the not-yet-validated first
        done = map_ranges(_reassess_range, (portfolio, reform, lang, [todo[k] for k in order]), len(todo), workers)
        out: list[Entry] = [None] * len(todo)  # type: ignore[list-item]
        for k, entry in zip(order, done, strict=True):
            out[k] = entry
        return out
    return map_ranges(_reassess_range, (portfolio, reform, lang, todo), len(todo), workers)


@dataclass(frozen=True)
class EnterpriseChange:
    name: str
    credit_code: str | None
    before_yuan: int
    after_yuan: int
    gained: tuple[str, ...]  # items eligible after, not before
    lost: tuple[str, ...]  # items eligible before, not after
    crossed: bool  # some item changed status (a line crossed either way)

    @property
    def change_yuan(self) -> int:
        return self.after_yuan - self.before_yuan


@dataclass
class Comparison:
    reform: Reform
    before: list[Any]
    after: list[Any]
    rows: list[EnterpriseChange]
    by_item: list[tuple[str, int, int]]  # (item, before, after), in the policy's order
    by_year: list[tuple[int, int, int]]
    reassessed: int
    review_before: int = 0
    review_after: int = 0
    synthetic: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total_before(self) -> int:
        return sum(b for _i, b, _a in self.by_item)

    @property
    def total_after(self) -> int:
        return sum(a for _i, _b, a in self.by_item)

    @property
    def change(self) -> int:
        return self.total_after - self.total_before

    @property
    def gainers(self) -> list[EnterpriseChange]:
        return [r for r in self.rows if r.change_yuan > 0]

    @property
    def losers(self) -> list[EnterpriseChange]:
        return [r for r in self.rows if r.change_yuan < 0]

    @property
    def crossers(self) -> list[EnterpriseChange]:
        return [r for r in self.rows if r.crossed]

    def largest(self, n: int = 10, gains: bool = True) -> list[EnterpriseChange]:
        pool = self.gainers if gains else self.losers
        return sorted(pool, key=lambda r: (-abs(r.change_yuan), r.name))[:n]


def _eligible(entry: Any) -> set[str]:
    return {r.item for r in entry.items if r.status == "eligible"}


def _statuses(entry: Any) -> list[tuple[str, str | None, int, str]]:
    return [(r.item, r.subject, r.year, r.status) for r in entry.items]


def compare(portfolio: Portfolio, reform: Reform, workers: int = 1) -> Comparison:
    """The portfolio under ``reform`` next to its baseline (reused: an enterprise the reform cannot reach
    keeps its baseline entry, and one it can is assessed again only in the sections it reaches), in the
    portfolio's language: the sections a reform does not reach keep the baseline's texts."""
    with gc_paused():  # 10,000 entries and rows: a heap that only grows (batch/pool.py)
        return _compare(portfolio, reform, portfolio.lang, workers)


def _compare(portfolio: Portfolio, reform: Reform, lang: str, workers: int) -> Comparison:
    sections = reform.sections()
    todo = [i for i in range(len(portfolio.baseline)) if sections & portfolio.sections(i)]
    after = list(portfolio.baseline)
    if reform.interpretation is not None:  # results the same, the reading they were made under is not
        after = [e if e.interpretation == reform.interpretation else e._replace(interpretation=reform.interpretation)
                 for e in after]
    ready = portfolio.ahead.get(reform)
    if ready is not None:  # made in the baseline's pass, for the same enterprises
        assert sorted(ready) == todo, "the reform's entries made with the baseline are not the ones it reaches"
        reassessed = [ready[i] for i in todo]
    else:
        reassessed = _reassess_many(portfolio, reform, lang, todo, workers)
    for i, entry in zip(todo, reassessed, strict=True):
        after[i] = entry
    return _comparison(reform, portfolio.baseline, after, len(todo),
                       bool(portfolio.result is not None and portfolio.result.synthetic))


def _comparison(reform: Reform, before: list[Any], after: list[Any], reassessed: int, synthetic: bool) -> Comparison:
    items: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    years: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows: list[EnterpriseChange] = []
    for b, a in zip(before, after, strict=True):
        for side, entry in ((0, b), (1, a)):
            for item, year, _sum, _cap, total in entry.item_totals:
                items[item][side] += total
                years[year][side] += total
        if a is b or (a.items == b.items and a.item_totals == b.item_totals):
            rows.append(EnterpriseChange(b.name, b.credit_code, b.total_ceiling_yuan, b.total_ceiling_yuan, (), (),
                                         False))
            continue
        eb, ea = _eligible(b), _eligible(a)
        rows.append(EnterpriseChange(
            b.name, b.credit_code, b.total_ceiling_yuan, a.total_ceiling_yuan,
            tuple(sorted(ea - eb, key=ITEM_RANK.__getitem__)), tuple(sorted(eb - ea, key=ITEM_RANK.__getitem__)),
            _statuses(a) != _statuses(b)))
    return Comparison(
        reform, before, after, rows,
        [(i, v[0], v[1]) for i, v in sorted(items.items(), key=lambda kv: ITEM_RANK[kv[0]])],
        [(y, v[0], v[1]) for y, v in sorted(years.items())],
        reassessed,
        sum(e.review_potential_yuan for e in before), sum(e.review_potential_yuan for e in after),
        synthetic,
    )


def comparison_json(c: Comparison, top: int = 10) -> dict[str, Any]:
    """The comparison as plain JSON values (yuan as integers)."""
    def person(r: EnterpriseChange) -> dict[str, Any]:
        return {"name": r.name, "credit_code": r.credit_code, "before_yuan": r.before_yuan,
                "after_yuan": r.after_yuan, "change_yuan": r.change_yuan, "gained": list(r.gained),
                "lost": list(r.lost)}

    return {
        "reform": {
            "interpretation": c.reform.interpretation,
            "note": c.reform.note,
            "changes": [{"parameter": ch.key, "since": ch.since.isoformat(),
                         "value": ch.value.isoformat() if isinstance(ch.value, dt.date) else str(ch.value),
                         "note": ch.note} for ch in c.reform.changes],
        },
        "synthetic": c.synthetic,
        "enterprises": len(c.rows),
        "reassessed": c.reassessed,
        "total_before_yuan": c.total_before,
        "total_after_yuan": c.total_after,
        "change_yuan": c.change,
        "review_before_yuan": c.review_before,
        "review_after_yuan": c.review_after,
        "by_item": [{"item": i, "before_yuan": b, "after_yuan": a, "change_yuan": a - b} for i, b, a in c.by_item],
        "by_year": [{"year": y, "before_yuan": b, "after_yuan": a, "change_yuan": a - b} for y, b, a in c.by_year],
        "gainers": len(c.gainers),
        "losers": len(c.losers),
        "crossers": len(c.crossers),
        "gained_an_item": sum(1 for r in c.rows if r.gained),
        "lost_an_item": sum(1 for r in c.rows if r.lost),
        "largest_gainers": [person(r) for r in c.largest(top, True)],
        "largest_losers": [person(r) for r in c.largest(top, False)],
    }


def comparison_xlsx(c: Comparison, lang: str = "zh") -> bytes:
    """The portfolio comparison as a workbook: summary, by item, by year, every enterprise, the changes."""
    from reports.reform_tables import comparison_workbook

    return comparison_workbook(c, lang)
