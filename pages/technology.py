"""技术融合 (第4、5条): specialised platforms and cooperation projects (one row each), and the R&D form."""

import streamlit as st

from ui import components, inputs, state, tables
from ui.fragment import section_body
from ui.i18n import t
from ui.section_charts import rnd_toggle, section_results

ITEMS = ("4.1", "4.2", "5")

st.title(t("technology.title"))
st.caption(t("technology.intro"))
components.policy_links(ITEMS)


def body() -> None:
    st.subheader(t("technology.platforms.head"))
    st.caption(t("sections.table.hint") + " " + t("sections.table.year_default"))
    tables.table_with_problems(
        tables.TECH_PLATFORMS,
        help_for=lambda field: t(
            {"name": "technology.help.platform_name", "investment_yuan": "technology.help.platform_investment"}.get(
                field, f"technology.help.{field}"
            )
        ),
    )

    st.subheader(t("technology.transformation.head"))
    tables.table_with_problems(
        tables.TRANSFORMATION_PROJECTS,
        help_for=lambda field: t(
            {"name": "technology.help.transformation_name"}.get(field, f"technology.help.{field}")
        ),
    )

    st.subheader(t("technology.rnd.head"))
    if rnd_toggle():
        left, right = st.columns(2)
        with left:
            inputs.money("rnd.expenditure_yuan", "expenditure_yuan", help=t("technology.help.expenditure"))
            inputs.money("rnd.other_minhang_support_yuan", "other_minhang_support_yuan",
                         help=t("sections.help.other_minhang_support_yuan"))
        with right:
            inputs.year("rnd.year", help=t("technology.help.rnd_year"))
            inputs.check("rnd.applied_with_results", "applied_with_results", help=t("technology.help.applied_with_results"))

    assessment, _ = state.get_assessment()
    section_results(assessment, ITEMS, key="technology")


section_body(body)
