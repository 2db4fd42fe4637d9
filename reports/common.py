"""What every export shares: its text, the engine's figures laid out as rows, and cell neutralisation.

Figures come from the :class:`~calculators.Assessment` as the engine returned them; nothing here
recomputes a ceiling or a total.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calculators import content
from calculators.content import display_value, field_label, item_name, items, parameters_on, section_label
from calculators.models import Assessment, ItemResult, Profile
from calculators.money import fmt_number, wan

from .sheets import neutralise  # noqa: F401  (re-exported for the exports)


def text(key: str, lang: str = "zh", /, **values: Any) -> str:
    """The export text ``key`` of content/i18n/reports.yaml: ``content.text("reports.<key>")``."""
    return content.text(f"reports.{key}", lang, **values)


def status_label(status: str, lang: str) -> str:
    return content.text(f"explain.status.{status}", lang)


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


def input_rows(profile: Profile, lang: str) -> list[tuple[str, int | str, str, Any, str]]:
    """Every input of the profile as (section, number, field, value, unit)."""
    rows: list[tuple[str, int | str, str, Any, str]] = []
    head = section_label("profile", lang)
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
                rows.append((section_label(section, lang), number, name, shown, unit))
    return rows


def citation_rows(a: Assessment, lang: str) -> list[tuple[str, str, str, str]]:
    """(item, name, article, clause text) for every item the assessment reaches."""
    seen: list[str] = []
    for r in a.items:
        if r.item not in seen:
            seen.append(r.item)
    return [(i, item_name(i, lang), clause_ref(i, lang), items()[i]["clause"]) for i in seen]
