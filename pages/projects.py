"""优质项目 (第2、3条): one row per work; each work's items 2.1–3.2 with status, ceiling and charts."""

import streamlit as st

from ui import components, state, tables
from ui.fragment import section_body
from ui.i18n import t
from ui.section_charts import section_results

ITEMS = ("2.1", "2.2", "2.3", "3.1", "3.2")

st.title(t("projects.title"))
st.caption(t("projects.intro"))
components.policy_links(ITEMS)

st.subheader(t("projects.table.head"))
st.caption(t("sections.table.hint") + " " + t("sections.table.year_default"))


def body() -> None:
    tables.table_with_problems(tables.PROJECTS, help_for=lambda field: t(f"projects.help.{field}"))

    assessment, _ = state.get_assessment()
    section_results(assessment, ITEMS, key="projects", strict_note=True)


section_body(body)
st.caption(t("sections.results.other_district"))  # the policy's, not the work's: drawn on a full run only
