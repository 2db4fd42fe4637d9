"""产业载体 Carriers (第1条): the carrier's figures, its status and ceiling, and how close it is to each line.

The pattern of every section page: inputs bound to the profile (ui.inputs) -> one engine call
(state.get_assessment) -> shared display helpers (ui.components). No rule logic here.
"""

import streamlit as st

from calculators.content import items
from ui import components, inputs, state
from ui.fragment import section_body
from ui.i18n import t

ITEM = "1"
CLAUSE = items()[ITEM]["clause"]
DEFAULTS = {
    "name": t("carriers.default_name"),
    "related_enterprises": 0,
    "total_enterprises": 0,
    "independent_area_sqm": 0,
    "revenue_last_year_yuan": 0,
    "revenue_this_year_yuan": 0,
}

st.title(t("carriers.title"))
st.markdown(t("carriers.intro"))
with st.expander(t("carriers.clause_title")):
    st.markdown(f"> {CLAUSE}")
    components.policy_link(1)


def body() -> None:
    entered = inputs.section_switch("carrier", t("carriers.switch"), DEFAULTS, help=t("carriers.switch_help"))
    if not entered:
        components.note(t("carriers.not_entered"))
        return

    left, right = st.columns([1, 1.25], gap="large")
    with left:
        st.subheader(t("carriers.inputs"))
        inputs.text("carrier.name", "name", help=t("carriers.name_help"))
        inputs.year("carrier.year", help=t("carriers.year_help"))
        inputs.count("carrier.related_enterprises", "related_enterprises", clause=CLAUSE,
                     help=t("carriers.related_help"))
        inputs.count("carrier.total_enterprises", "total_enterprises", clause=CLAUSE, help=t("carriers.total_help"))
        inputs.count("carrier.independent_area_sqm", "independent_area_sqm", clause=CLAUSE,
                     help=t("carriers.area_help"))
        inputs.money("carrier.revenue_last_year_yuan", "revenue_last_year_yuan", clause=CLAUSE)
        inputs.money("carrier.revenue_this_year_yuan", "revenue_this_year_yuan", clause=CLAUSE)
        inputs.money("carrier.other_minhang_support_yuan", "other_minhang_support_yuan",
                     help=t("sections.help.other_minhang_support_yuan"))

    assessment, _ = state.get_assessment()
    results = [r for r in (assessment.items if assessment else []) if r.item == ITEM]
    with right:
        st.subheader(t("carriers.result"))
        components.not_in_force(assessment)
        if assessment is None:
            components.note(t("overview.no_assessment"))
        elif not results:
            components.note(t("carriers.fix_first"))
        for r in results:
            components.item_card(r)

    if results:
        as_of = assessment.as_of
        st.header(t("carriers.charts"))
        for i, r in enumerate(results):
            components.threshold_chart(r, key=f"carrier_thresholds_{i}")
            c1, c2 = st.columns(2)
            with c1:
                components.cap_chart([r], key=f"carrier_cap_{i}")
            with c2:
                components.what_if_chart(r, as_of, key=f"carrier_what_if_{i}")


section_body(body)
