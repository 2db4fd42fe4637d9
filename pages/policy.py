"""政策原文 Policy text: every article (linkable), the items it gives, and every parameter with its citation."""

import contextlib
import datetime as dt

import streamlit as st

from calculators.content import articles, items, parameters_on
from ui import components, policy_view, state
from ui.fmt import date as fmt_date
from ui.i18n import lang, t

as_of = dt.date.fromisoformat(state.get("as_of"))
params = parameters_on(as_of)
chosen = policy_view.selected_article()
doc = articles()

st.title(t("policy.title"))
st.caption(f"{params.get('general', 'title')}（{params.get('general', 'document_number')}）")
if lang() == "en":
    st.info(t("policy.chinese_only"), icon=":material/translate:")

linked = next((a for a in policy_view.policy_articles() if a["number"] == chosen), None)
if linked is not None:
    with st.container(border=True):
        st.success(t("policy.jumped", article=chosen), icon=":material/bookmark:")
        st.markdown(f"### {t('policy.article_label', n=chosen)} {linked['title']}\n\n{linked['text']}")

st.markdown(doc["preamble"])
last = len(doc["sections"]) - 1
for s_index, section in enumerate(doc["sections"]):
    st.header(section["heading"], anchor=f"section-{s_index + 1}")
    for a in section["articles"]:
        is_chosen = s_index < last and chosen == a["number"]
        # a frame only around the linked article (Streamlit's cost is per element: ~75 µs each)
        with st.container(border=True) if is_chosen else contextlib.nullcontext():
            label = t("policy.article_label", n=a["number"]) if s_index < last else t(
                "policy.supplementary_label", n=a["number"])
            # the heading and the text in one element (Streamlit's cost is per element); the heading
            # keeps its own anchor (Streamlit anchors a markdown heading by its text)
            # a 附则 article has no title of its own (its "title" is its first sentence, or all of it):
            # its heading is its number, so the paragraph is not said twice
            title = f" {a['title']}" if s_index < last else ""
            st.markdown(f"### {label}{title}\n\n{a['text']}")
            if s_index < last:
                ids = policy_view.article_items(a["number"])
                if ids:
                    with st.expander(t("policy.items_of", n=a["number"]), expanded=is_chosen):
                        st.markdown("\n\n".join(
                            f"**{item_id} {components.item_name_of(item_id)}**\n\n> {items()[item_id]['clause']}"
                            for item_id in ids))

st.header(t("policy.parameters_title"), anchor="parameters")
st.caption(t("policy.parameters_caption", date=fmt_date(as_of)))
components.wide_table(policy_view.parameters_frame(as_of), key="policy_parameters")

st.header(t("policy.readings_title"), anchor="readings")
st.markdown(t("policy.readings"))  # RULES.md §6: how the calculator reads the text where it is open

with st.expander(t("policy.full_text")):
    st.text(policy_view.full_text())
