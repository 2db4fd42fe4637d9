"""Inputs bound to the profile (ui/state.py), with units, clause help and the field's own messages.

The pattern every section page follows::

    from ui import inputs
    inputs.count("carrier.related_enterprises", "related_enterprises", clause=CLAUSE)
    inputs.money("carrier.revenue_last_year_yuan", "revenue_last_year_yuan", clause=CLAUSE)

Labels and units come from content/i18n/fields.yaml (the engine's field names); ``clause`` is the
sentence of the policy the field serves (shown as help). After each widget, the validation messages
for that path are shown right under it (``field_problems``), so a bad value never hides the others.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import streamlit as st

from calculators.content import field_label
from calculators.limits import limit as intake_limit
from calculators.models import MAX_DIGITS_BEFORE_POINT

from . import state
from .fmt import md
from .i18n import lang, t

_MONEY_CLEAN = re.compile(r"[,，\s_]")
YEARS = (2000, 2100)  # the year box's range


def label(field: str) -> str:
    """The field's label with its unit, e.g. ``相关企业数（家）`` / ``Number of related firms (firms)``."""
    text, unit = field_label(field, lang())
    if lang() == "en":
        text = text[:1].upper() + text[1:]  # a widget's label starts with a capital, as a column heading does
    if unit:
        text += f"（{unit}）" if lang() == "zh" else f" ({unit})"
    return text


def _help(clause: str | None, extra: str | None = None) -> str | None:
    parts = []
    if clause:
        parts.append(t("inputs.clause", clause=clause))
    if extra:
        parts.append(extra)
    return "\n\n".join(parts) or None


def field_problems(path: str) -> None:
    """Show every validation message at or under ``path`` right here."""
    for p in state.problems_for(path):
        st.error(md(p.message if p.label else str(p)), icon=":material/warning:")


def money_to_text(value: Any) -> str:
    """A money value as its box shows it (``1,500,000``): the same text as a table's money cell."""
    from .tables import exact_text_in

    return exact_text_in(value, money=True)


def text_to_money(text: Any) -> Any:
    """``"92,000,000"`` → ``92000000``; text that is not a number is kept as typed (the engine says why)."""
    raw = _MONEY_CLEAN.sub("", str(text or ""))
    if raw == "":
        return 0
    try:
        d = Decimal(raw)
    except InvalidOperation:
        return str(text)
    if not d.is_finite() or d.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return str(text)  # kept as typed: the engine refuses it (an int of 1e999999999 would take hours)
    return int(d) if d == d.to_integral_value() else format(d, "f")


def money(path: str, field: str, *, clause: str | None = None, default: int = 0, help: str | None = None) -> None:
    """A yuan amount typed as text (thousands separators allowed), shown back with separators."""
    st.text_input(
        label(field), help=_help(clause, help or t("inputs.money_help")),
        **state.bind(path, default, to_widget=money_to_text, from_widget=text_to_money),
    )
    value = state.get(path, default)
    text = str(value)
    if isinstance(value, int | str) and len(text) <= MAX_DIGITS_BEFORE_POINT and text.replace(".", "", 1).isdigit():
        st.caption(t("inputs.money_caption", wan=_wan_text(value)))
    field_problems(path)


def _wan_text(value: Any) -> str:
    # integer arithmetic: exact and never overflowing, whatever was typed (1e30 is refused by the engine,
    # but its caption must not take the page down); 0.01 万元 = 100 yuan, rounded down
    hundreds = int(Decimal(str(value))) // 100
    return f"{hundreds // 100:,}.{hundreds % 100:02d}"


def count(path: str, field: str, *, clause: str | None = None, default: int = 0, help: str | None = None) -> None:
    """A number of 家, 人次, 次, 人 (or 平方米), typed as text and read as the decimal it spells (RULES.md
    §6.1): a browser's number box would turn 3.9999999999999999 into 4 before Python sees it. A count
    that is not whole is refused by the engine, with its message right under the box."""
    st.text_input(label(field), help=_help(clause, help),
                  **state.bind(path, default, to_widget=money_to_text, from_widget=text_to_money))
    field_problems(path)


def check(path: str, field: str, *, clause: str | None = None, default: bool = False, help: str | None = None) -> None:
    st.checkbox(label(field), help=_help(clause, help), **state.bind(path, default))
    field_problems(path)


def text(path: str, field: str, *, clause: str | None = None, default: str = "", help: str | None = None) -> None:
    st.text_input(label(field), help=_help(clause, help), **state.bind(path, default))
    field_problems(path)


def date(path: str, field: str, *, clause: str | None = None, default: str | None = None,
         help: str | None = None) -> None:
    """A date stored as an ISO string (``None`` when left empty)."""
    earliest, latest = intake_limit("earliest_date"), intake_limit("latest_as_of")  # validation's range
    st.date_input(
        label(field), help=_help(clause, help), min_value=earliest, max_value=latest, format="YYYY-MM-DD",
        **state.bind(path, default,
                     to_widget=lambda v: dt.date.fromisoformat(v) if v else None,
                     from_widget=lambda d: d.isoformat() if d else None, limits=(earliest, latest)),
    )
    field_problems(path)


def year(path: str, *, clause: str | None = None, help: str | None = None) -> None:
    """The year the subject is assessed for (defaults to the assessment date's year)."""
    as_of = dt.date.fromisoformat(state.get("as_of", dt.date.today().isoformat()))
    st.number_input(label("year"), min_value=YEARS[0], max_value=YEARS[1], step=1, format="%d",
                    help=_help(clause, help), **state.bind(path, as_of.year, limits=YEARS))
    field_problems(path)


def _switch(name: str, key: str, defaults: dict[str, Any]) -> None:
    if st.session_state.get(key):
        state.ensure_section(name, defaults)
    else:
        state.drop_section(name)


def section_switch(name: str, text: str, defaults: dict[str, Any], *, help: str | None = None) -> bool:
    """A toggle that adds the section (from ``defaults``) or leaves it out; returns whether it is in."""
    key = f"{state.WIDGET_PREFIX}@{name}"
    if key not in st.session_state:
        st.session_state[key] = state.section(name) is not None
    st.toggle(text, key=key, on_change=_switch, args=(name, key, defaults), help=help, **state.shown_default(key))
    return state.section(name) is not None
