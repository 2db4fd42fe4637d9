"""Policy what-ifs: a reform is a set of parameter changes (and, if chosen, a reading of 就高不重复).

A :class:`Reform` holds new dated values for some of ``content/parameters/``'s numbers, each checked
against its parameter's unit. The engine takes the reform's :class:`~calculators.content.Parameters`
as an input of the assessment (``assess(profile, lang, params=...)``): nothing global changes, no file
is written, and a reform with no change gives exactly today's result.

``compare(portfolio, reform)`` re-assesses a portfolio under the reform, reusing the baseline for every
enterprise the reform cannot touch (none of its sections reads a changed parameter), and returns the
spend before and after per item and per year, who gains and who loses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import yaml

from .content import Parameters, load_yaml, parameter_files
from .engine import assess
from .models import Assessment, Profile
from .stacking import ITEM_RANK
from .validation import Problem, validate_profile

__all__ = [
    "Change", "Comparison", "EnterpriseChange", "Portfolio", "Reform", "compare", "comparison_json",
    "comparison_xlsx", "parameter_label", "portfolio_from_book", "portfolio_from_profiles", "reform_from_data",
    "reform_from_values", "reform_from_yaml", "reform_yaml", "reformable",
]

_WHOLE_UNITS = {"家", "分钟", "次", "人次", "年", "个"}
_REFORMABLE_UNITS = {"ratio", "元", "平方米", "date"} | _WHOLE_UNITS
_NOT_POLICY = {"validation", "limits"}  # input checks and intake limits, not the policy's numbers
READINGS = ("default", "strict")

# Which sections of a profile read each parameter file (the articles' modules and the yearly caps of
# build.YEARLY_CAPS, which stay within their own article). ``general`` (the dates) reaches every item
# through the 附则 gates. tests/reform/test_fast.py checks that skipping the rest changes nothing.
STEM_SECTIONS: dict[str, frozenset[str]] = {
    "article1_carrier": frozenset({"carrier"}),
    "article2_projects": frozenset({"projects"}),
    "article3_works": frozenset({"projects"}),
    "article4_platforms": frozenset({"tech_platforms", "transformation_projects"}),
    "article5_rnd": frozenset({"rnd"}),
    "article6_venues": frozenset({"venues"}),
}
ALL_SECTIONS = frozenset({"carrier", "projects", "tech_platforms", "transformation_projects", "rnd", "venues",
                          "talent", "training"})


@cache
def _texts() -> dict[str, Any]:
    return load_yaml("i18n/reform.yaml")


def _m(code: str, lang: str, **values: Any) -> str:
    entry = _texts()["messages"][code]
    return (entry.get(lang) or entry["zh"]).format(**values)


def _unit(unit: str, lang: str) -> str:
    entry = _texts()["units"].get(unit)
    return (entry.get(lang) or entry["zh"]) if entry else unit


def parameter_label(stem: str, name: str, lang: str = "zh") -> str:
    """The parameter's short name in ``lang`` (its description when no label is given)."""
    entry = _texts()["labels"].get(stem, {}).get(name)
    if entry:
        return entry.get(lang) or entry["zh"]
    return parameter_files()[stem][name]["description"]


def reformable() -> list[tuple[str, str, dict[str, Any]]]:
    """Every parameter a what-if may change, in file order: (stem, name, its spec)."""
    return [(stem, name, spec) for stem, params in parameter_files().items() if stem not in _NOT_POLICY
            for name, spec in params.items() if spec["unit"] in _REFORMABLE_UNITS]


def _first_date(stem: str, name: str) -> dt.date:
    keys = parameter_files()[stem][name]["values"]
    return min(k if isinstance(k, dt.date) else dt.date.fromisoformat(str(k)) for k in keys)


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, Decimal):
        d = raw
    elif isinstance(raw, (int, float, str)):
        text = str(raw).strip().replace(",", "").replace("，", "")
        try:
            d = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return d if d.is_finite() else None


def check_value(stem: str, name: str, raw: Any, lang: str = "zh") -> tuple[Any, str | None]:
    """Return ``(value, None)`` with the value typed for its unit, or ``(None, message)``."""
    spec = parameter_files()[stem][name]
    unit = spec["unit"]
    shown = "" if raw is None else str(raw)
    if unit == "date":
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw, None
        try:
            return dt.date.fromisoformat(str(raw).strip()), None
        except ValueError:
            return None, _m("date", lang, value=shown)
    if unit == "ratio":
        text = str(raw).strip() if isinstance(raw, str) else raw
        percent = isinstance(text, str) and text.endswith("%")
        d = _number(text[:-1] if percent else text)
        if d is not None and percent:
            d = d / 100
        if d is None or not 0 <= d <= 1:
            return None, _m("ratio", lang, value=shown)
        return d, None
    d = _number(raw)
    if unit == "元":
        limit = parameter_files()["validation"]["max_money_yuan"]["values"]
        top = Decimal(str(max(limit.values())))
        if d is None or d < 0 or d > top or d.as_tuple().exponent < -2:
            return None, _m("money", lang, value=shown)
        return d, None
    if unit == "平方米":
        if d is None or d < 0 or d.as_tuple().exponent < -2:
            return None, _m("area", lang, value=shown)
        return d, None
    if unit in _WHOLE_UNITS:
        if d is None or d < 0 or d != d.to_integral_value():
            return None, _m("whole", lang, unit=_unit(unit, lang), value=shown)
        return Decimal(int(d)), None
    return None, _m("not_reformable", lang, unit=unit)


@dataclass(frozen=True)
class Change:
    """One parameter's new value from a date on (the date its file's first value takes effect by default)."""

    stem: str
    name: str
    value: Any
    since: dt.date
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.stem}.{self.name}"


class Reform:
    """A what-if: parameter changes and, optionally, the reading of 就高不重复 for every enterprise.

    Holds its own parameters per date (built on first use): an input of the assessment, never global.
    """

    def __init__(self, changes: tuple[Change, ...] | list[Change] = (), interpretation: str | None = None,
                 note: str = ""):
        self.changes = tuple(changes)
        self.interpretation = interpretation
        self.note = note
        self._params: dict[dt.date, Parameters] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reform) and (self.changes, self.interpretation, self.note) == (
            other.changes, other.interpretation, other.note)

    def __hash__(self) -> int:
        return hash((self.changes, self.interpretation, self.note))

    def __repr__(self) -> str:
        return f"Reform({list(self.changes)!r}, interpretation={self.interpretation!r})"

    @property
    def empty(self) -> bool:
        return not self.changes and self.interpretation is None

    def overrides(self) -> dict[tuple[str, str], dict[dt.date, Any]]:
        out: dict[tuple[str, str], dict[dt.date, Any]] = defaultdict(dict)
        for c in self.changes:
            out[(c.stem, c.name)][c.since] = c.value
        return dict(out)

    def parameters(self, on: dt.date) -> Parameters:
        """The numbers in force on ``on`` under this reform."""
        params = self._params.get(on)
        if params is None:
            params = self._params[on] = Parameters(on, self.overrides())
        return params

    def sections(self) -> frozenset[str]:
        """The profile sections whose results this reform may change."""
        touched: set[str] = set()
        for c in self.changes:
            touched |= STEM_SECTIONS.get(c.stem, ALL_SECTIONS)
        if self.interpretation is not None:
            touched.add("projects")
        return frozenset(touched)

    def applied(self, profile: Profile) -> Profile:
        if self.interpretation is None or self.interpretation == profile.interpretation:
            return profile
        return profile.model_copy(update={"interpretation": self.interpretation})

    def assess(self, profile: Profile, lang: str = "zh") -> Assessment:
        """The assessment of ``profile`` under this reform (today's when the reform is empty)."""
        if not self.changes:
            return assess(self.applied(profile), lang)
        return assess(self.applied(profile), lang, params=self.parameters(profile.as_of))


def _end_dates_ok(changes: list[Change], lang: str) -> list[Problem]:
    reform = Reform(changes)
    latest = max([c.since for c in changes] + [_first_date("general", "effective_from")])
    p = reform.parameters(latest)
    since, until = p.get("general", "effective_from"), p.get("general", "effective_until")
    if until < since:
        return [Problem(field="general.effective_until", label=parameter_label("general", "effective_until", lang),
                        message=_m("end_before_start", lang, until=until.isoformat(), since=since.isoformat()))]
    return []


def _lookup(stem: str, name: str, lang: str) -> str | None:
    """None when ``stem.name`` may be changed, else why not."""
    files = parameter_files()
    if stem not in files:
        return _m("unknown_file", lang, stem=stem)
    if name not in files[stem]:
        return _m("unknown_parameter", lang, name=name)
    if stem in _NOT_POLICY:
        return _m("input_limit", lang)
    unit = files[stem][name]["unit"]
    if unit not in _REFORMABLE_UNITS:
        return _m("not_reformable", lang, unit=unit)
    return None


def _problem(key: str, stem: str, name: str, msg: str, lang: str) -> Problem:
    try:
        label = parameter_label(stem, name, lang)
    except KeyError:
        label = key
    return Problem(field=key, label=label, message=msg)


def _reading(value: Any, lang: str) -> tuple[str | None, list[Problem]]:
    if value is None or value == "":
        return None, []
    if value in READINGS:
        return value, []
    return None, [Problem(field="interpretation", label=_m("reading_field", lang),
                          message=_m("interpretation", lang, value=value))]


def reform_from_values(values: dict[str, Any], interpretation: str | None = None, lang: str = "zh",
                       note: str = "") -> tuple[Reform | None, list[Problem]]:
    """A reform from ``{"article1_carrier.cap_yuan": 5000000, ...}``: each value from its parameter's first date.

    Returns the reform, or None with one message per field that is wrong.
    """
    problems: list[Problem] = []
    changes: list[Change] = []
    for key, raw in values.items():
        stem, _, name = str(key).partition(".")
        why = _lookup(stem, name, lang)
        if why is None:
            value, why = check_value(stem, name, raw, lang)
        if why is not None:
            problems.append(_problem(str(key), stem, name, why, lang))
            continue
        changes.append(Change(stem, name, value, _first_date(stem, name)))
    reading, bad = _reading(interpretation, lang)
    problems += bad
    problems += _end_dates_ok(changes, lang)  # on the valid changes: every wrong field is named at once
    return (None, problems) if problems else (Reform(changes, reading, note), [])


def reform_from_data(data: Any, lang: str = "zh") -> tuple[Reform | None, list[Problem]]:
    """A reform from the YAML shape of the parameter files (see :func:`reform_yaml`)."""
    if data is None:
        return Reform(), []
    if not isinstance(data, dict):
        return None, [Problem(field="", label="", message=_m("not_a_mapping", lang))]
    problems: list[Problem] = []
    changes: list[Change] = []
    meta = data.get("reform") or {}
    if not isinstance(meta, dict):
        meta = {}
        problems.append(Problem(field="reform", label="reform", message=_m("not_a_mapping", lang)))
    reading, bad = _reading(meta.get("interpretation"), lang)
    problems += bad
    for stem, params in data.items():
        if stem == "reform":
            continue
        if not isinstance(params, dict):
            why = _lookup(str(stem), "", lang) if str(stem) not in parameter_files() else _m("not_a_mapping", lang)
            problems.append(Problem(field=str(stem), label=str(stem), message=why))
            continue
        for name, spec in params.items():
            key = f"{stem}.{name}"
            why = _lookup(str(stem), str(name), lang)
            if why is not None:
                problems.append(_problem(key, str(stem), str(name), why, lang))
                continue
            note = ""
            if isinstance(spec, dict):
                note = str(spec.get("note") or "")
                dated = spec.get("values")
                if not isinstance(dated, dict) or not dated:
                    problems.append(_problem(key, stem, name, _m("no_values", lang), lang))
                    continue
            else:  # a bare value: from the parameter's first date
                dated = {_first_date(stem, name): spec}
            for since_raw, raw in dated.items():
                try:
                    since = since_raw if isinstance(since_raw, dt.date) else dt.date.fromisoformat(str(since_raw))
                except ValueError:
                    problems.append(_problem(key, stem, name, _m("bad_since", lang, value=since_raw), lang))
                    continue
                value, why = check_value(stem, name, raw, lang)
                if why is not None:
                    problems.append(_problem(key, stem, name, why, lang))
                    continue
                changes.append(Change(stem, name, value, since, note))
    problems += _end_dates_ok(changes, lang)  # on the valid changes: every wrong field is named at once
    return (None, problems) if problems else (Reform(changes, reading, str(meta.get("note") or "")), [])


def reform_from_yaml(text: str | bytes, lang: str = "zh") -> tuple[Reform | None, list[Problem]]:
    """A reform from an uploaded YAML file; a file that is not YAML is one message."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [Problem(field="", label="", message=_m("unreadable", lang, detail=exc))]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        detail = str(getattr(exc, "problem", "") or exc).strip()
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            detail = f"line {mark.line + 1}, column {mark.column + 1}: {detail}"
        return None, [Problem(field="", label="", message=_m("not_yaml", lang, detail=detail))]
    return reform_from_data(data, lang)


def _plain(value: Any, unit: str) -> Any:
    if isinstance(value, Decimal):
        if unit == "ratio":
            return str(value.normalize()) if value else "0"
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def reform_yaml(reform: Reform, lang: str = "zh") -> str:
    """The reform in the parameter files' own shape: each changed parameter with its citation, a note and
    its new dated value; ``reform:`` holds the reading of 就高不重复 and a note. Reads back equal."""
    out: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    if reform.note:
        meta["note"] = reform.note
    if reform.interpretation:
        meta["interpretation"] = reform.interpretation
    if meta:
        out["reform"] = meta
    for c in reform.changes:
        spec = parameter_files()[c.stem][c.name]
        entry = out.setdefault(c.stem, {}).setdefault(c.name, {
            "description": spec["description"], "unit": spec["unit"], "article": spec["article"],
            "reference": spec["reference"], **({"comparison": spec["comparison"]} if "comparison" in spec else {}),
            "note": c.note or "", "values": {},
        })
        entry["values"][c.since] = _plain(c.value, spec["unit"])
    head = "# 政策调整模拟 / policy what-if (闵文旅规〔2026〕1号): new dated values in the parameter files' shape\n"
    return head + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120)


# ---- portfolios ----------------------------------------------------------------------------------

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
_EMPTY: dict[str, Any] = {"carrier": None, "projects": [], "tech_platforms": [], "transformation_projects": [],
                          "rnd": None, "venues": [], "talent": None, "training": None}


@dataclass
class Portfolio:
    """A portfolio assessed once (the baseline, batch.Entry per enterprise), to compare reforms against.

    ``datas`` are the valid enterprises' profile dicts; each is validated again only when a reform can
    reach it (and then kept), so a portfolio read with several workers ships no models between processes.
    """

    datas: list[dict[str, Any]]
    baseline: list[Any]
    lang: str = "zh"
    result: Any = None  # the baseline batch.BatchResult (problems, counts), when read from a book
    profiles: dict[int, Profile] = field(default_factory=dict)

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
            return frozenset(s for s in ALL_SECTIONS if getattr(model, s))
        data = self.datas[i]
        return frozenset(s for s in ALL_SECTIONS if data.get(s) is not None and data.get(s) != [])


def portfolio_from_profiles(profiles: list[Profile], lang: str = "zh") -> Portfolio:
    from .batch import entry_of

    shared: dict[Any, Any] = {}
    baseline = [entry_of(assess(p, lang), p.enterprise.credit_code, shared) for p in profiles]
    return Portfolio([p.model_dump(mode="json") for p in profiles], baseline, lang,
                     profiles=dict(enumerate(profiles)))


def portfolio_from_book(book: Any, lang: str = "zh", as_of: dt.date | None = None,
                        interpretation: str | None = None, workers: int = 1) -> Portfolio:
    """Read, validate and assess a batch book once with batch.py's own steps (assemble, check_many,
    collect): the baseline every reform is compared with."""
    from . import batch

    candidates, problems, sheets = batch.assemble(book, lang, as_of, interpretation)
    outcomes = batch.check_many([c.data for c in candidates], lang, workers)
    result = batch.collect(candidates, outcomes, problems, sheets, lang, book.synthetic)
    datas = [c.data for c, o in zip(candidates, outcomes, strict=True) if isinstance(o, batch.Entry)]
    return Portfolio(datas, result.entries, lang, result)


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
    anything from another section. Equal to ``entry_of(reform.assess(profile))`` (tests/reform/test_fast.py).
    """
    from .batch import entry_of

    touched = reform.sections()
    if touched >= ALL_SECTIONS:
        return entry_of(reform.assess(profile, lang), base.credit_code, shared)
    keep = {s: v for s, v in _EMPTY.items() if s not in touched}
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


_JOB: tuple[Any, Reform, str, list[int]] | None = None


def _reassess_chunk(bounds: tuple[int, int]) -> list[Any]:
    portfolio, reform, lang, todo = _JOB
    shared: dict[Any, Any] = {}
    return [reassess(portfolio.profile(i), portfolio.baseline[i], reform, lang, shared)
            for i in todo[bounds[0]:bounds[1]]]


def _reassess_many(portfolio: Portfolio, reform: Reform, lang: str, todo: list[int], workers: int) -> list[Any]:
    """Re-assess the enterprises ``todo``; with ``workers`` > 1 in forked processes (command line and
    bench only, as batch.check_many: a web server's threads do not mix with fork)."""
    global _JOB
    if workers <= 1 or len(todo) < 500:
        shared: dict[Any, Any] = {}
        return [reassess(portfolio.profile(i), portfolio.baseline[i], reform, lang, shared) for i in todo]
    import multiprocessing as mp

    own = len(todo) // workers
    size = -(-(len(todo) - own) // ((workers - 1) * 4))
    bounds = [(i, min(i + size, len(todo))) for i in range(own, len(todo), size)]
    _JOB = (portfolio, reform, lang, todo)
    try:
        with mp.get_context("fork").Pool(workers - 1) as pool:
            pending = pool.map_async(_reassess_chunk, bounds)
            first = _reassess_chunk((0, own))
            parts = pending.get()
    finally:
        _JOB = None
    return first + [x for part in parts for x in part]


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


def compare(portfolio: Portfolio, reform: Reform, lang: str | None = None, workers: int = 1) -> Comparison:
    """The portfolio under ``reform`` next to its baseline (reused: an enterprise the reform cannot reach
    keeps its baseline entry, and one it can is assessed again only in the sections it reaches)."""
    lang = lang or portfolio.lang
    sections = reform.sections()
    todo = [i for i in range(len(portfolio.baseline)) if sections & portfolio.sections(i)]
    after = list(portfolio.baseline)
    if reform.interpretation is not None:  # results the same, the reading they were made under is not
        after = [e if e.interpretation == reform.interpretation else e._replace(interpretation=reform.interpretation)
                 for e in after]
    for i, entry in zip(todo, _reassess_many(portfolio, reform, lang, todo, workers), strict=True):
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
    from .reform_tables import comparison_workbook

    return comparison_workbook(c, lang)
