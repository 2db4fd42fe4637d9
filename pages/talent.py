"""人才与培训 (第7、8条): what the policy offers, who qualifies, what to prepare; no amounts invented."""

import streamlit as st

from calculators.content import items
from ui import components, inputs, state
from ui.fragment import section_body
from ui.i18n import lang, t
from ui.section_charts import section_results

ITEMS = ("7", "8")

st.title(t("talent.title"))
st.info(t("talent.intro"), icon="ℹ️")

for item, article in (("7", "article7"), ("8", "article8")):
    with st.container(border=True):
        st.subheader(t(f"talent.{article}.head"))
        # one text a column, its heading included (cost is per element)
        offers, who, prepare = st.columns(3)
        offers.markdown(f"**{t('talent.offers.head')}**\n\n{t(f'talent.{article}.offers')}")
        who.markdown(f"**{t('talent.who.head')}**\n\n{t(f'talent.{article}.who')}")
        prepare.markdown(f"**{t('talent.prepare.head')}**\n\n"
                         + "\n".join(f"- {m}" for m in items()[item]["materials"][lang()]))
        components.policy_links((item,))


def body() -> None:
    st.subheader(t("talent.inputs.head"))
    left, right = st.columns(2)
    with left:
        inputs.count("talent.chunshen_candidates", "chunshen_candidates", help=t("talent.help.chunshen_candidates"))
        inputs.check("talent.leads_key_project", "leads_key_project", help=t("talent.help.leads_key_project"))
    with right:
        inputs.count("training.trainees", "trainees", help=t("talent.help.trainees"))

    assessment, _ = state.get_assessment()
    section_results(assessment, ITEMS, key="talent", amounts=False, empty_note=t("talent.nothing_entered"))
    st.caption(t("talent.no_amount"))


section_body(body)
