"""测算结果 Results: every item in one table and chart, the total, review items, materials, exports."""

import streamlit as st

from ui import components, results_view, state
from ui.fmt import date as fmt_date
from ui.fmt import md, wan, yuan
from ui.i18n import t

st.title(t("results.title"))


def body() -> None:
    """Everything that follows the profile: the figures, the items, the report and its downloads."""
    assessment, problems = state.get_assessment()
    if problems:
        st.warning(t("overview.fix_inputs", n=len(problems)))
        with st.expander(t("results.problems")):
            st.markdown("\n".join(f"- {md(p)}" for p in problems))
    if assessment is None:
        components.note(t("overview.no_assessment"))
        return

    components.not_in_force(assessment)
    # the enterprise, the date and the reading in one text (Streamlit's cost is per element)
    st.markdown(f"{t('results.enterprise', name=md(assessment.enterprise), date=fmt_date(assessment.as_of))}  \n"
                f":small[:gray[{t('results.reading', reading=t(f'sidebar.reading_{assessment.interpretation}'))}]]")
    with st.container(horizontal=True):  # one block for the row of figures, not four (columns)
        st.metric(t("total.label"), t("total.value", wan=wan(assessment.total_ceiling_yuan)),
                  help=t("results.total_yuan", yuan=yuan(assessment.total_ceiling_yuan)))
        st.metric(t("overview.eligible_items"), sum(1 for r in assessment.items if r.status == "eligible"))
        st.metric(t("overview.review_potential"), t("total.value", wan=wan(assessment.review_potential_yuan)))

    if not assessment.items:
        components.note(t("overview.nothing_entered"))
    else:
        st.header(t("results.all_items"))
        components.wide_table(results_view.items_frame(assessment), key="results_items")
        st.subheader(t("results.reasons_title"))
        results_view.unmet_reasons(assessment)
        st.subheader(t("results.totals"))
        if assessment.item_totals:
            components.wide_table(results_view.totals_frame(assessment), key="results_totals")
        if assessment.claims:  # RULES.md §6.3: which item each work claims, and why (one element)
            st.subheader(t("results.claims_title"))
            st.markdown("\n".join("- " + t("results.claim_line", subject=md(c.subject), item=c.item,
                                            reason=md(c.reason)) for c in assessment.claims))
        results_view.stage_chart(assessment, key="results_stages")
        capped = [tt for tt in assessment.item_totals if tt.yearly_cap_yuan is not None]
        if capped:  # titled by its own title, as the stage chart above it
            components.yearly_caps_chart(assessment, [(tt.item, tt.year) for tt in capped],
                                         key="results_yearly_caps", title=t("results.yearly_caps"))
        results_view.article_links(assessment)

        st.header(t("results.review_title"))
        results_view.review_items(assessment)

        st.header(t("results.materials_title"))
        results_view.materials(assessment)

    for n in assessment.notes:
        st.info(md(n), icon=":material/info:")

    st.header(t("results.save_title"))
    results_view.downloads(assessment)


body()
results_view.upload()

st.divider()
st.markdown(f"**{t('results.disclaimer')}**")
