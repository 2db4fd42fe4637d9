"""The Policy text page's pieces: articles with anchors, the items each one gives, every parameter."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import pyarrow as pa
import streamlit as st

from calculators.content import CONTENT_DIR, items, parameter_files, parameters_on

from .components import rows_table
from .fmt import date as fmt_date
from .fmt import wan
from .i18n import lang, t


def selected_article() -> int | None:
    raw = st.query_params.get("article")
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _value_text(value: Any, unit: str) -> str:
    if isinstance(value, dt.date):
        return fmt_date(value)
    if unit == "ratio":
        return f"{(Decimal(value) * 100).normalize():f}%"
    if unit == "元":  # in 万元 with two decimals, as every amount on screen
        return t("total.value", wan=wan(int(value)))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f} {unit}" if unit not in ("text",) else str(value)
    return str(value)


def parameters_frame(as_of: dt.date) -> pa.Table:
    """Every parameter in force on ``as_of`` with the sentence it rests on."""
    return _parameters_table(as_of, lang())


@functools.lru_cache(maxsize=64)
def _parameters_table(on: dt.date, lang: str) -> pa.Table:
    """The policy's own numbers (no session data), built once per date and language; an Arrow table
    cannot be changed, so every session can be handed the same one."""
    header = [t(f"policy.col.{c}") for c in ("article", "description", "value", "reference", "name")]
    return rows_table(_parameter_rows(on), header)


def _parameter_rows(as_of: dt.date) -> list[dict[str, Any]]:
    p = parameters_on(as_of)
    rows = []
    for stem, params in parameter_files().items():
        for name, spec in params.items():
            rows.append({
                t("policy.col.article"): str(spec.get("article", "")),
                t("policy.col.description"): str(spec.get("description", name)),
                t("policy.col.value"): _value_text(p.get(stem, name), spec.get("unit", "")),
                t("policy.col.reference"): str(spec.get("reference", "")),
                t("policy.col.name"): f"{stem}.{name}",
            })
    return rows


def policy_articles() -> list[dict[str, Any]]:
    """The eight articles that offer support (not the 附则, which number their own articles 1-3)."""
    from .glance import policy_articles as articles_of_the_policy

    return articles_of_the_policy()


def article_items(number: int) -> list[str]:
    return [i for i, spec in items().items() if int(spec["article"]) == number]


@functools.cache
def full_text() -> str:
    return (CONTENT_DIR / "policy" / "full_text.txt").read_text(encoding="utf-8")
