"""Policy what-ifs: a reform is a set of parameter changes (and, if chosen, a reading of 就高不重复).

A :class:`Reform` holds new dated values for some of ``content/parameters/``'s numbers, each checked
against its parameter's unit. The engine takes the reform's :class:`~calculators.content.Parameters`
as an input of the assessment (``assess(profile, lang, params=...)``): nothing global changes, no file
is written, and a reform with no change gives exactly today's result.

Comparing a portfolio today and under a reform is the batch package's (batch/whatif.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from . import content
from .content import Parameters, parameter_files, parameters_on
from .engine import assess
from .gates import all_gates
from .models import Assessment, Profile
from .validation import Problem

__all__ = [
    "Change", "Reform", "parameter_label", "reform_from_data", "reform_from_values", "reform_from_yaml", "reform_yaml",
    "reformable",
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
# Parameters the assessment reads only in the 附则 gates (calculators/gates.py; tests/reform/test_fast.py
# records every read): a reform of these alone changes an assessment only if it changes which gates fail.
GATE_ONLY = frozenset({("general", "effective_until")})
ALL_SECTIONS = frozenset({"carrier", "projects", "tech_platforms", "transformation_projects", "rnd", "venues",
                          "talent", "training"})


def _m(code: str, lang: str, **values: Any) -> str:
    return content.text(f"reform.messages.{code}", lang, **values)


def unit_label(unit: str, lang: str) -> str:
    """A parameter unit's name in ``lang`` (the unit itself when reform.yaml names none)."""
    key = f"reform.units.{unit}"
    return content.text(key, lang) if key in content.texts() else unit


def parameter_label(stem: str, name: str, lang: str = "zh") -> str:
    """The parameter's short name in ``lang``: the what-ifs' own label; else, in English, the name the
    policy page gives it (every parameter has one of the two, tests/reform/test_reform_texts.py); else, in
    Chinese, the parameter file's description."""
    key = f"reform.labels.{stem}.{name}"
    if key not in content.texts() and lang == "en":
        key = f"ui.policy.parameter_names.{stem}.{name}"
    if key in content.texts():
        return content.text(key, lang)
    return parameter_files()[stem][name]["description"]  # KeyError for a parameter there is not


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
            return None, _m("whole", lang, unit=unit_label(unit, lang), value=shown)
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

    def leaves_alone(self, profile: Profile) -> bool:
        """True when this reform cannot change ``profile``'s assessment: it sets no reading, changes only
        what the gates alone read (GATE_ONLY), and the gates that fail for the profile are the same under it
        as today. A gate that holds is in no item; one that fails is in every item, with its message (the
        in-force gate's names the period), so equal failed gates give an equal assessment."""
        if self.interpretation is not None or not self.changes:
            return False
        if any((c.stem, c.name) not in GATE_ONLY for c in self.changes):
            return False

        def failed(params: Parameters) -> list:  # a gate's values are its fields too: any language will do
            return [g for g in all_gates(profile.as_of, profile.enterprise, params, "zh") if not g.passed]

        return failed(parameters_on(profile.as_of)) == failed(self.parameters(profile.as_of))

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
                        message=_m("end_before_start", lang, until=until.isoformat(), since=since.isoformat()),
                        lang=lang)]
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
    return Problem(field=key, label=label, message=msg, lang=lang)


def _reading(value: Any, lang: str) -> tuple[str | None, list[Problem]]:
    if value is None or value == "":
        return None, []
    if value in READINGS:
        return value, []
    return None, [Problem(field="interpretation", label=_m("reading_field", lang),
                          message=_m("interpretation", lang, value=value), lang=lang)]


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
        return None, [Problem(field="", label="", message=_m("not_a_mapping", lang), lang=lang)]
    problems: list[Problem] = []
    changes: list[Change] = []
    meta = data.get("reform") or {}
    if not isinstance(meta, dict):
        meta = {}
        problems.append(Problem(field="reform", label="reform", message=_m("not_a_mapping", lang), lang=lang))
    reading, bad = _reading(meta.get("interpretation"), lang)
    problems += bad
    for stem, params in data.items():
        if stem == "reform":
            continue
        if not isinstance(params, dict):
            why = _lookup(str(stem), "", lang) if str(stem) not in parameter_files() else _m("not_a_mapping", lang)
            problems.append(Problem(field=str(stem), label=str(stem), message=why, lang=lang))
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
                try:  # a date-time key (2027-01-01 00:00:00) is not a date: refused, never compared with one
                    dated_key = isinstance(since_raw, dt.date) and not isinstance(since_raw, dt.datetime)
                    since = since_raw if dated_key else dt.date.fromisoformat(str(since_raw))
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
            return None, [Problem(field="", label="", message=_m("unreadable", lang, detail=exc), lang=lang)]
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date (2027-02-30: …) in a key or value
        detail = str(getattr(exc, "problem", "") or exc).strip()
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            detail = f"line {mark.line + 1}, column {mark.column + 1}: {detail}"
        return None, [Problem(field="", label="", message=_m("not_yaml", lang, detail=detail), lang=lang)]
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
