"""The Policy text page's pieces: articles with anchors, the items each one gives, every parameter."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import pyarrow as pa
import streamlit as st

from calculators.content import CONTENT_DIR, items, listing, parameter_files, parameters_on, text, texts
from calculators.reform import parameter_label, unit_label

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


def _value_text(value: Any, unit: str, lang: str) -> str:
    if isinstance(value, dt.date):
        return fmt_date(value)
    if unit == "ratio":
        return f"{(Decimal(value) * 100).normalize():f}%"
    if unit == "元":  # in 万元 with two decimals, as every amount on screen
        return t("total.value", wan=wan(int(value)))
    if isinstance(value, dict):  # named things (the major platforms): each by its name in the language
        return listing((str(names.get(lang, code)) if isinstance(names, dict) else str(names)
                        for code, names in value.items()), lang)
    if isinstance(value, list):
        return listing((str(v) for v in value), lang)
    if isinstance(value, Decimal):
        if unit == "text":
            return str(value)
        name = unit_label(unit, lang)
        if lang == "en" and value == 1 and name.endswith("s"):  # "1 year", not "1 years"
            name = name[:-1]
        return f"{value.normalize():f} {name}"
    return str(value)


def parameters_frame(as_of: dt.date) -> pa.Table:
    """Every parameter in force on ``as_of`` with the sentence it rests on."""
    return _parameters_table(as_of, lang())


@functools.lru_cache(maxsize=64)
def _parameters_table(on: dt.date, lang: str) -> pa.Table:
    """The policy's own numbers (no session data), built once per date and language; an Arrow table
    cannot be changed, so every session can be handed the same one."""
    header = [t(f"policy.col.{c}") for c in ("article", "description", "value", "reference", "name")]
    return rows_table(_parameter_rows(on, lang), header)


def _meaning(stem: str, name: str, spec: dict[str, Any], lang: str) -> str:
    """In Chinese the parameter file's description; in English the parameter's name (the what-ifs' own,
    else the policy page's for the parameters a what-if does not change)."""
    if lang == "zh":
        return str(spec.get("description", name))
    key = f"ui.policy.parameter_names.{stem}.{name}"
    return text(key, lang) if key in texts() else parameter_label(stem, name, lang)


def _parameter_rows(as_of: dt.date, lang: str) -> list[dict[str, Any]]:
    """One row a parameter: in Chinese its description as the parameter file gives it, in English its
    short name (the what-ifs' label), and its value with the unit in the page's language."""
    p = parameters_on(as_of)
    rows = []
    for stem, params in parameter_files().items():
        for name, spec in params.items():
            rows.append({
                t("policy.col.article"): t(f"policy.article_names.{spec['article']}") if "article" in spec else "",
                t("policy.col.description"): _meaning(stem, name, spec, lang),
                t("policy.col.value"): _value_text(p.get(stem, name), spec.get("unit", ""), lang),
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
