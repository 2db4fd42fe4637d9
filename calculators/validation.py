"""Turn raw input into a Profile, or into one clear message per bad field (Chinese or English)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from .article6_venues import anniversary
from .content import field_label, message, parameters_on, quoted, section_label, texts
from .credit_code import is_valid as credit_code_ok
from .limits import int_limit, subject_count
from .limits import limit as intake_limit
from .models import Profile
from .money import fmt_number


class Problem(BaseModel):
    """One bad field: where it is, what it is called, and what is wrong."""

    field: str
    label: str
    message: str
    lang: str = Field(default="zh", exclude=True, repr=False)  # the punctuation of the line, not data

    def __str__(self) -> str:
        """The line a person reads: 标签（字段）：问题, or in English "label (field): problem"."""
        if not self.label:
            return self.message
        if self.lang == "en":
            return f"{self.label} ({self.field}): {self.message}"
        return f"{self.label}（{self.field}）：{self.message}"


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _label(loc: tuple, lang: str, data: Any = None) -> str:
    parts: list[str] = []
    node = data
    i = 0
    while i < len(loc):
        part = loc[i]
        section = section_label(part, lang) if isinstance(part, str) else None
        if section is not None:
            node = node.get(part) if isinstance(node, dict) else None
            if i + 1 < len(loc) and isinstance(loc[i + 1], int):
                idx = loc[i + 1]
                entry = node[idx] if isinstance(node, list) and idx < len(node) else None
                name = entry.get("name") if isinstance(entry, dict) else None
                tag = f"{section} {idx + 1}" if lang == "en" else f"第{idx + 1}个{section}"
                if isinstance(name, str) and name.strip():
                    tag += quoted(name.strip()[:40], lang)
                parts.append(tag)
                node = entry
                i += 2
                continue
            parts.append(section)
            i += 1
            continue
        if isinstance(part, str) and f"fields.fields.{part}" in texts():
            parts.append(field_label(part, lang)[0])
        elif isinstance(part, int):
            parts.append(f"#{part + 1}")
        else:
            parts.append(str(part))
        i += 1
    return " · ".join(parts)


def _v(code: str, lang: str, **values: Any) -> str:
    return message("validation", code, lang, **values)


def _translate(err: dict, lang: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return _v("missing", lang)
    if kind == "extra_forbidden":
        return _v("extra_forbidden", lang)
    if kind == "finite_number":
        return _v("finite", lang)
    if kind == "number_too_large":
        return _v("too_large", lang)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        code = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}[kind]
        return _v(code, lang, limit=ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt")))))
    if kind in ("decimal_max_places",):
        return _v("decimal_places", lang, limit=ctx.get("decimal_places"))
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return _v("number", lang)
    if kind == "int_parsing_size":  # a whole number of thousands of digits
        return message("limits", "number_digits", lang, limit=int_limit("max_number_digits"))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _v("integer", lang)
    if kind in ("bool_parsing", "bool_type"):
        return _v("bool", lang)
    if kind.startswith("date") or kind.startswith("datetime"):
        return _v("date", lang)
    if kind in ("literal_error", "enum"):
        return _v("choice", lang, choices=ctx.get("expected", ""))
    if kind == "string_too_short":
        return _v("blank", lang)
    if kind in ("string_type", "string_unicode"):  # string_unicode: a lone surrogate (JSON "\ud800")
        return _v("text", lang)
    if kind in ("list_type",):
        return _v("list", lang)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _v("object", lang)
    return _v("invalid", lang, detail=err.get("msg", kind))


def _problem(loc: tuple, text: str, lang: str, data: Any) -> Problem:
    return Problem(field=_field_path(loc), label=_label(loc, lang, data), message=text, lang=lang)


def _business_rules(profile: Profile, lang: str, data: Any) -> list[Problem]:
    """The rule book's checks that span fields: totals, years, dates, duplicates, absurd sizes."""
    problems: list[Problem] = []
    p = parameters_on(profile.as_of)
    first = p.get("general", "effective_from").year
    last = p.get("general", "effective_until").year
    max_money = p.get("validation", "max_money_yuan")
    max_count = p.get("validation", "max_count")
    max_area = p.get("validation", "max_area_sqm")
    max_minutes = p.get("validation", "max_local_culture_minutes")
    max_name = int(p.get("validation", "max_name_length"))
    years_needed = int(p.get("article6_venues", "min_operating_years"))
    earliest = intake_limit("earliest_date")

    def add(loc: tuple, text: str) -> None:
        problems.append(_problem(loc, text, lang, data))

    def limit(loc: tuple, value: Any, top: Decimal) -> None:
        if value is not None and Decimal(value) > top:
            add(loc, _v("le", lang, limit=f"{int(top):,}"))

    def date_not_after(loc: tuple, value: dt.date | None) -> None:
        if value is not None and value < earliest:
            add(loc, _v("date_range", lang, first=earliest.isoformat(), last=profile.as_of.isoformat()))
        elif value is not None and value > profile.as_of:
            add(loc, _v("date_after_as_of", lang, date=value.isoformat(), as_of=profile.as_of.isoformat()))

    def year_ok(loc: tuple, year: int | None, event: str | None = None, date: dt.date | None = None) -> None:
        """RULES.md §6.2: a given year within the policy's years, not after the assessment date's
        year, and not before the year of the subject's qualifying date (when that date has come)."""
        if year is None:
            return
        if not first <= year <= last:
            add(loc, _v("year_outside_policy", lang, first=first, last=last))
        elif year > profile.as_of.year:
            add(loc, _v("year_after_as_of", lang, year=year, as_of=profile.as_of.isoformat()))
        elif date is not None and date <= profile.as_of and year < date.year:
            what = message("year_events", event, lang)
            add(loc, _v("year_before_event", lang, year=year, event=what, date=date.isoformat(),
                        event_year=date.year))

    def name_ok(loc: tuple, name: str | None) -> None:
        if name is not None and len(name) > max_name:
            add(loc, _v("too_long", lang, limit=max_name))

    def unique(section: str, entries: list) -> None:
        seen: set[str] = set()
        for i, e in enumerate(entries):
            key = e.name.casefold()
            if key in seen:
                add((section, i, "name"), _v("duplicate_name", lang, name=e.name))
            seen.add(key)

    latest = intake_limit("latest_as_of")
    if not earliest <= profile.as_of <= latest:  # 9999-12-31 would overflow the engine's date arithmetic
        add(("as_of",), _v("date_range", lang, first=earliest.isoformat(), last=latest.isoformat()))
    name_ok(("enterprise", "name"), profile.enterprise.name)
    code = profile.enterprise.credit_code
    if code is not None and code != "" and not credit_code_ok(code):
        add(("enterprise", "credit_code"), _v("credit_code", lang))
    c = profile.carrier
    if c is not None:
        name_ok(("carrier", "name"), c.name)
        year_ok(("carrier", "year"), c.year)
        if c.total_enterprises == 0:
            add(("carrier", "total_enterprises"), _v("gt", lang, limit=0))
        elif c.related_enterprises > c.total_enterprises:
            add(
                ("carrier", "related_enterprises"),
                _v("related_above_total", lang, related=c.related_enterprises, total=c.total_enterprises),
            )
        limit(("carrier", "total_enterprises"), c.total_enterprises, max_count)
        limit(("carrier", "independent_area_sqm"), c.independent_area_sqm, max_area)
        limit(("carrier", "revenue_last_year_yuan"), c.revenue_last_year_yuan, max_money)
        limit(("carrier", "revenue_this_year_yuan"), c.revenue_this_year_yuan, max_money)
    for i, w in enumerate(profile.projects):
        name_ok(("projects", i, "name"), w.name)
        year_ok(("projects", i, "year"), w.year, "municipal_fund",
                w.municipal_fund_date if w.municipal_fund != "none" else None)
        date_not_after(("projects", i, "municipal_fund_date"), w.municipal_fund_date)
        limit(("projects", i, "local_culture_minutes"), w.local_culture_minutes, max_minutes)
    for i, t in enumerate(profile.tech_platforms):
        name_ok(("tech_platforms", i, "name"), t.name)
        year_ok(("tech_platforms", i, "year"), t.year, "recognised",
                t.recognised_on if t.national or t.municipal else None)
        date_not_after(("tech_platforms", i, "recognised_on"), t.recognised_on)
        limit(("tech_platforms", i, "investment_yuan"), t.investment_yuan, max_money)
    for i, t in enumerate(profile.transformation_projects):
        loc = ("transformation_projects", i)
        name_ok((*loc, "name"), t.name)
        year_ok((*loc, "year"), t.year)
        for name in ("project_investment_yuan", "enterprise_investment_yuan", "investment_yuan"):
            limit((*loc, name), getattr(t, name), max_money)
        # RULES.md §6.4: two amounts; the old single one still loads, but not beside the new ones.
        if t.investment_yuan is not None and (
            t.project_investment_yuan is not None or t.enterprise_investment_yuan is not None
        ):
            add((*loc, "investment_yuan"), _v("legacy_with_new", lang))
        elif t.investment_yuan is None and t.project_investment_yuan is None:
            add((*loc, "project_investment_yuan"), _v("missing", lang))
        elif t.enterprise_investment_yuan is not None and t.enterprise_investment_yuan > t.project_amount:
            add((*loc, "enterprise_investment_yuan"), _v(
                "enterprise_above_project", lang, enterprise=fmt_number(t.enterprise_investment_yuan),
                project=fmt_number(t.project_amount)))
    if profile.rnd is not None:
        year_ok(("rnd", "year"), profile.rnd.year)
        limit(("rnd", "expenditure_yuan"), profile.rnd.expenditure_yuan, max_money)
    for i, v in enumerate(profile.venues):
        name_ok(("venues", i, "name"), v.name)
        year_ok(("venues", i, "year"), v.year, "anniversary", anniversary(v.opened_on, years_needed))
        date_not_after(("venues", i, "opened_on"), v.opened_on)
        limit(("venues", i, "positive_media_reports"), v.positive_media_reports, max_count)
        limit(("venues", i, "avg_monthly_visitors"), v.avg_monthly_visitors, max_count)
        limit(("venues", i, "avg_monthly_revenue_yuan"), v.avg_monthly_revenue_yuan, max_money)
        limit(("venues", i, "total_investment_yuan"), v.total_investment_yuan, max_money)
    if profile.talent is not None:
        limit(("talent", "chunshen_candidates"), profile.talent.chunshen_candidates, max_count)
    if profile.training is not None:
        limit(("training", "trainees"), profile.training.trainees, max_count)
    if profile.carrier is not None:
        limit(("carrier", "related_enterprises"), profile.carrier.related_enterprises, max_count)
    for section in ("projects", "tech_platforms", "transformation_projects", "venues"):
        unique(section, getattr(profile, section))
        for i, e in enumerate(getattr(profile, section)):
            limit((section, i, "other_minhang_support_yuan"), e.other_minhang_support_yuan, max_money)
    for section in ("carrier", "rnd"):
        e = getattr(profile, section)
        if e is not None:
            limit((section, "other_minhang_support_yuan"), e.other_minhang_support_yuan, max_money)
    return problems


def validate_profile(data: Any, lang: str = "zh") -> tuple[Profile | None, list[Problem]]:
    """Return (profile, []) for good input, or (None, problems) naming every bad field."""
    if not isinstance(data, dict):
        return None, [Problem(field="", label="", message=_v("not_object", lang), lang=lang)]
    count, most = subject_count(data), int_limit("max_subjects_per_profile")
    if count > most:  # before pydantic builds a model for each of 100,000 works
        return None, [Problem(field="", label="", message=_v("too_many_subjects", lang, count=f"{count:,}",
                                                               limit=f"{most:,}"), lang=lang)]
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        return None, [_problem(tuple(e["loc"]), _translate(e, lang), lang, data) for e in exc.errors()]
    problems = _business_rules(profile, lang, data)
    return (None, problems) if problems else (profile, [])
