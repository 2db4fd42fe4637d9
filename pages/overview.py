"""总览 Overview: the policy at a glance and where the applicant stands on each article."""

import datetime as dt
from pathlib import Path

import streamlit as st

from calculators.content import parameters_on
from ui import components, glance, sidebar, state
from ui.fmt import date as fmt_date
from ui.fmt import wan
from ui.i18n import lang, t

ROOT = Path(__file__).resolve().parent.parent
CARD_WIDTH = 260  # px: as many cards a row as fit (three on a 1400 px screen, two on 1024, more on a projector)

as_of = dt.date.fromisoformat(state.get("as_of"))
params = parameters_on(as_of)
st.title(t("app.title"))
# the policy's own title in Chinese; in English, its translation (the document number stays as issued)
policy_title = params.get("general", "title") if lang() == "zh" else t("overview.policy_title")
st.caption(t("overview.subtitle", title=policy_title, number=params.get("general", "document_number"),
             start=fmt_date(params.get("general", "effective_from")),
             end=fmt_date(params.get("general", "effective_until"))))
st.markdown(t("overview.intro"))


def standing() -> None:
    """The part that follows the profile: the figures and where the applicant stands on each article."""
    assessment, problems = state.get_assessment()
    if assessment is not None and not assessment.items:
        st.markdown(t("overview.try_examples"))
        with st.container(horizontal=True):
            for ex in sidebar.examples():
                st.button(ex["name"][lang()], key=f"try_{ex['file']}", on_click=sidebar.load_example,
                          args=(ex["file"],))
    components.not_in_force(assessment)
    if assessment is not None:
        with st.container(horizontal=True):  # one block for the row of figures, not four (columns)
            st.metric(t("total.label"), t("total.value", wan=wan(assessment.total_ceiling_yuan)))
            st.metric(t("overview.eligible_items"), sum(1 for r in assessment.items if r.status == "eligible"))
            st.metric(t("overview.review_potential"), t("total.value", wan=wan(assessment.review_potential_yuan)))
    if problems:
        st.warning(t("overview.fix_inputs", n=len(problems)))
    if assessment is None:
        components.note(t("overview.no_assessment"))
    elif not assessment.items:
        components.note(t("overview.nothing_entered"))
    else:
        glance.standing_chart(assessment, key="overview_standing")


st.header(t("overview.standing"))
standing()

# What each article offers: the policy's, not the applicant's
st.header(t("overview.at_a_glance"))
# one wrapping row of cards, not a block of columns per row of four: Streamlit's cost is per element
with st.container(horizontal=True, wrap=True, gap="small"):
    article_items = glance.article_items()
    for number, title in sorted(glance.article_titles().items()):
        with st.container(border=True, width=CARD_WIDTH, height="stretch"):
            # one text per card (Streamlit's cost is per element): the article and what each item offers
            lines = [f"**{t('glance.article_label', n=number, title=glance.article_title(number, title))}**"]
            lines.append("\n".join(t("overview.item_line", item=item_id, name=components.item_name_of(item_id),
                                      offer=glance.offer_text(item_id, as_of))
                                    for item_id in article_items.get(number, [])))
            st.markdown("\n\n".join(lines))
            page = glance.ARTICLE_PAGES[number]
            if (ROOT / page).is_file():
                st.page_link(components.nav_page(page), label=t("overview.go_to_page"), icon=":material/arrow_forward:")
            components.policy_link(number)

st.caption(t("results.disclaimer"))
