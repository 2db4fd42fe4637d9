"""创新场景 (第6条): one row per venue; each venue's item 6 with status, ceiling, what-if and the yearly cap."""

import streamlit as st

from ui import components, state, tables
from ui.fragment import section_body
from ui.i18n import t
from ui.section_charts import section_results

ITEMS = ("6",)

st.title(t("venues.title"))
st.caption(t("venues.intro"))
components.policy_links(ITEMS)

st.subheader(t("venues.table.head"))
st.caption(t("sections.table.hint") + " " + t("sections.table.year_default"))


def body() -> None:
    tables.table_with_problems(tables.VENUES, help_for=lambda field: t(f"venues.help.{field}"))

    assessment, _ = state.get_assessment()
    section_results(assessment, ITEMS, key="venues")


section_body(body)
