"""What every export shares: its text, the engine's figures laid out as rows, and cell neutralisation.

Figures come from the :class:`~calculators.Assessment` as the engine returned them; nothing here
recomputes a ceiling or a total.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from calculators.content import field_labels, item_name, items, label, load_yaml, parameters_on
from calculators.explain import STATUS, wan
from calculators.models import Assessment, ItemResult, Profile
from calculators.money import fmt_number

from .sheets import neutralise  # noqa: F401  (re-exported for the exports)


@cache
def _texts() -> dict[str, Any]:
    return load_yaml("i18n/reports.yaml")


def text(key: str, lang: str = "zh", **values: Any) -> str:
    """Return the export text ``key`` in ``lang``, with ``values`` filled in."""
    entry = _texts()[key]
    template = entry.get(lang) or entry["zh"]
    return template.format(**values) if values else template


def status_label(status: str, lang: str) -> str:
    return STATUS[lang][status]


def ceiling_text(r: ItemResult, lang: str) -> str:
    """The ceiling as the report shows it, in 万元 (truncated, never overstated)."""
    if r.kind == "unquantified" or r.ceiling_yuan is None:
        return text("unquantified", lang)
    if r.status in ("ineligible", "superseded"):
        return "0.00"
    suffix = text("fixed_suffix", lang) if r.kind == "fixed" else ""
    return wan(r.ceiling_yuan) + suffix


def clause_ref(item: str, lang: str) -> str:
    return text("clause_ref", lang, article=items()[item]["article"])


def reasons(r: ItemResult, lang: str) -> list[str]:
    """The reason for a "no" (each unmet condition), what awaits review, the engine's notes, and the
    year the item counts in with why (RULES.md §6.2)."""
    out = [text("unmet_prefix", lang) + u.message for u in r.unmet]
    out += [text("review_prefix", lang) + c.message for c in r.checks if c.comparison == "review"]
    out += list(r.notes)
    if r.year_note:
        out.append(r.year_note)
    return out


def claim_lines(a: Assessment, lang: str) -> list[str]:
    """Strict reading (RULES.md §6.3): the item each work claims, and why."""
    return [text("claim_line", lang, subject=c.subject, item=c.item, reason=c.reason) for c in a.claims]


def count_statuses(a: Assessment) -> dict[str, int]:
    counts = {"eligible": 0, "ineligible": 0, "review": 0, "superseded": 0}
    for r in a.items:
        counts[r.status] += 1
    return counts


def money(yuan: int | None) -> str:
    return "" if yuan is None else fmt_number(yuan)


def total_text(yuan: int, lang: str) -> str:
    return text("total_value", lang, wan=wan(yuan), yuan=fmt_number(yuan))


def reading_text(interpretation: str, lang: str) -> str:
    return text(f"reading_{interpretation}", lang)


def policy_dates(as_of: dt.date) -> tuple[str, str, str, str]:
    """Return (document number, title, first day, last day) of the policy in force on ``as_of``."""
    p = parameters_on(as_of)
    return (
        p.get("general", "document_number"),
        p.get("general", "title"),
        p.get("general", "effective_from").isoformat(),
        p.get("general", "effective_until").isoformat(),
    )


def materials(a: Assessment, lang: str) -> list[tuple[str, list[str]]]:
    """The materials checklist: for each item that is eligible or in review, what to prepare."""
    seen: list[str] = []
    for r in a.items:
        if r.status in ("eligible", "review") and r.item not in seen:
            seen.append(r.item)
    out = []
    for item in seen:
        mats = items()[item].get("materials", {})
        out.append((item, list(mats.get(lang) or mats.get("zh") or [])))
    return out


# ---- the profile's inputs, as rows ------------------------------------------------------------

_LIST_SECTIONS = ("projects", "tech_platforms", "transformation_projects", "venues")
_ONE_SECTIONS = ("enterprise", "carrier", "rnd", "talent", "training")
SECTION_ORDER = ("enterprise", "carrier", "projects", "tech_platforms", "transformation_projects", "rnd",
                 "venues", "talent", "training")


def _platform_label(code: str, as_of: dt.date, lang: str) -> str:
    if code == "other":
        return text("platform_other", lang)
    names = parameters_on(as_of).get("article2_projects", "major_platforms")
    return names.get(code, {}).get(lang, code)


def display_value(field: str, value: Any, as_of: dt.date, lang: str) -> Any:
    """A profile value as a person reads it: 是/否, platform names, fund status, ISO dates."""
    if value is None:
        return text("unconfirmed", lang) if field == "registered_in_minhang" else ""
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if field == "platforms":
        return "、".join(_platform_label(c, as_of, lang) for c in value) if lang == "zh" else ", ".join(
            _platform_label(c, as_of, lang) for c in value
        )
    if field == "municipal_fund":
        return label("fund_status", value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


def field_label(field: str, lang: str) -> tuple[str, str]:
    """Return (label, unit) of a profile field."""
    spec = field_labels()["fields"].get(field)
    if spec is None:
        return field, ""
    unit = spec.get("unit", {})
    return spec[lang], (unit.get(lang, "") if isinstance(unit, dict) else "")


def input_rows(profile: Profile, lang: str) -> list[tuple[str, int | str, str, Any, str]]:
    """Every input of the profile as (section, number, field, value, unit)."""
    sections = field_labels()["sections"]
    rows: list[tuple[str, int | str, str, Any, str]] = []
    head = sections["profile"][lang]
    rows.append((head, "", field_label("as_of", lang)[0], profile.as_of.isoformat(), ""))
    rows.append((head, "", field_label("interpretation", lang)[0], text(f"reading_name_{profile.interpretation}", lang), ""))
    for section in SECTION_ORDER:
        value = getattr(profile, section)
        entries = value if section in _LIST_SECTIONS else ([value] if value is not None else [])
        for i, entry in enumerate(entries, start=1):
            number: int | str = i if section in _LIST_SECTIONS else ""
            for field in type(entry).model_fields:
                if field == "investment_yuan" and section == "transformation_projects" and entry.investment_yuan is None:
                    continue  # the old single amount (RULES.md §6.4): shown only when a profile has it
                shown = display_value(field, getattr(entry, field), profile.as_of, lang)
                name, unit = field_label(field, lang)
                rows.append((sections[section][lang], number, name, shown, unit))
    return rows


def citation_rows(a: Assessment, lang: str) -> list[tuple[str, str, str, str]]:
    """(item, name, article, clause text) for every item the assessment reaches."""
    seen: list[str] = []
    for r in a.items:
        if r.item not in seen:
            seen.append(r.item)
    return [(i, item_name(i, lang), clause_ref(i, lang), items()[i]["clause"]) for i in seen]
