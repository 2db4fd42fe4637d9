"""A section page that is one table with its results (优质项目 第2、3条, 创新场景 第6条).

Inputs in (one row per work or venue, ui.tables), one engine call (state.get_assessment), each row's
items out (ui.section_charts). The page's strings are ``<key>.title``, ``<key>.intro``,
``<key>.table.head`` and ``<key>.help.<field>`` in content/i18n.
"""

from __future__ import annotations

import streamlit as st

from . import components, fragment, state, tables
from .i18n import t
from .section_charts import section_results


def table_page(key: str, items: tuple[str, ...], spec: tables.TableSpec, *, strict_note: bool = False) -> None:
    st.title(t(f"{key}.title"))
    st.caption(t(f"{key}.intro"))
    components.policy_links(items)

    st.subheader(t(f"{key}.table.head"))
    st.caption(t("sections.table.hint") + " " + t("sections.table.year_default"))

    def body() -> None:
        tables.table_with_problems(spec, help_for=lambda field: t(f"{key}.help.{field}"))
        assessment, _ = state.get_assessment()
        section_results(assessment, items, key=key, strict_note=strict_note)

    fragment.section_body(body)
