"""The results block of a section page: what the engine returned for some items, drawn with ui.components.

A section page calls :func:`section_results` once with the assessment and the items it serves. It
shows, for the page's items only: the page total (after the yearly caps) and what review could add,
a summary table of every subject, a picker of the subject to detail and, for that subject only, a
card per item (status badge, "最高可达 X 万元" or the fixed amount, the distance to each unmet line,
notes; the clause links are in the page's header) and that subject's charts
(thresholds, what-if for rate items), then the caps of the page (ceiling against cap per item, and
the use of each yearly cap per enterprise). Nothing here decides eligibility.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
import streamlit as st

from calculators import Assessment, ItemResult
from calculators.content import item_name
from calculators.models import Claim
from calculators.stacking import YEARLY_CAPS

from . import components
from .fmt import wan
from .i18n import lang, t

RATE_ITEMS = ("1", "4.1", "4.2", "5", "6")
CARD_WIDTH = 420  # px: room for the title and the badge side by side; two a line on a 1400 px screen
PAGE_CAP_CHART_ROWS = 8  # above this, each subject gets its own cap chart (readable on a projector)


def _has_thresholds(r: ItemResult) -> bool:
    return any(
        c.actual_value is not None and c.required_value is not None and c.comparison in (">", ">=")
        for c in r.checks
    )


def _subjects(results: list[ItemResult]) -> list[str | None]:
    seen: list[str | None] = []
    for r in results:
        if r.subject not in seen:
            seen.append(r.subject)
    return seen


def page_total(a: Assessment, items: Iterable[str]) -> int:
    """The eligible total of ``items`` after the yearly caps, as the engine counted it."""
    wanted = set(items)
    return sum(t_.total_yuan for t_ in a.item_totals if t_.item in wanted)


def summary_cell(r: ItemResult) -> str:
    """One item of one subject in a word or two: its status, and its amount when it has one."""
    if r.status in ("ineligible", "superseded"):
        return components.status_label(r.status)
    return t("sections.summary.cell", status=components.status_label(r.status), amount=components.ceiling_text(r))


def summary_frame(results: list[ItemResult], claims: list[Claim] | None = None) -> pa.Table:
    """One row per subject, one column per item (readable on a projector): status and amount; under
    the strict reading, a column with the item each work claims (RULES.md §6.3)."""
    current = lang()
    subjects = _subjects(results)
    columns = list(dict.fromkeys(r.item for r in results))
    data: dict[str, list[str]] = {t("sections.summary.subject"): [s or "—" for s in subjects]}
    claimed = {c.subject: c.item for c in claims or []}
    if claimed and any(s in claimed for s in subjects):
        data[t("sections.summary.claimed")] = [
            t("sections.summary.claimed_cell", item=claimed[s]) if s in claimed else "—" for s in subjects]
    for item in columns:
        cells = {r.subject: summary_cell(r) for r in results if r.item == item}
        data[f"{item} {item_name(item, current)}"] = [cells.get(s, "") for s in subjects]
    return components.text_table(data)


def _summary(table: pa.Table) -> None:
    """The subjects × items table. A grid, not an HTML table: a page of five works and five items is too
    wide for a phone to wrap, so it scrolls sideways there, the subject's name pinned at the left."""
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={table.column_names[0]: st.column_config.Column(pinned=True)})


def _cards(results: list[ItemResult]) -> None:
    """The cards in one wrapping row, as many a line as fit (two on a laptop, one on a narrow screen),
    the cards of a line as high as each other: one block for all of them, not a block of columns per
    line of two (Streamlit's cost is per element). The clause links are in the page's header
    (components.policy_links), drawn on a full run only, not on every card at every change."""
    if not results:
        return
    if len(results) == 1:  # one card needs no row around it (one element fewer at every change)
        components.item_card(results[0], link=False, width=CARD_WIDTH)
        return
    with st.container(horizontal=True, wrap=True, gap="small"):
        for r in results:
            components.item_card(r, link=False, width=CARD_WIDTH, height="stretch")


def _subject_charts(a: Assessment, results: list[ItemResult], key: str) -> None:
    drawn = False
    for r in results:
        if _has_thresholds(r):
            components.threshold_chart(r, key=f"{key}_thr_{r.item}")
            drawn = True
        if r.item in RATE_ITEMS and r.rate:
            components.what_if_chart(r, a.as_of, key=f"{key}_whatif_{r.item}")
            drawn = True
    if not drawn:
        components.note(t("sections.chart.no_subject_chart"))


def _yearly_caps(a: Assessment, results: list[ItemResult], key: str) -> None:
    pairs = sorted(
        {(r.item, r.year) for r in results if r.item in YEARLY_CAPS and r.status == "eligible" and r.ceiling_yuan}
    )
    capped_items = [i for i in dict.fromkeys(r.item for r in results) if i in YEARLY_CAPS]
    if not capped_items:
        return
    if not pairs:
        components.note(t("sections.chart.no_yearly_use"), title=t("sections.chart.yearly_cap"))
        return
    # the heading is the chart's own title, as the cap chart's (one element fewer at every change)
    components.yearly_caps_chart(a, pairs, key=f"{key}_yearly_caps", title=t("sections.chart.yearly_cap"))


def picker_key(key: str) -> str:
    """The session-state key of a section's subject picker (tests select a subject through it)."""
    return f"sections_subject_{key}"


def subject_picker(subjects: list[str | None], key: str) -> int:
    """A select box of the section's subjects (none when there is only one); return the chosen index.

    The first subject is chosen by default, and again whenever the chosen one is gone (rows edited,
    another example loaded).
    """
    if len(subjects) < 2:
        return 0
    labels = [s if s else t("sections.results.enterprise_subject") for s in subjects]
    wkey = picker_key(key)
    if st.session_state.get(wkey) not in labels:
        st.session_state[wkey] = labels[0]
    from . import state  # not at the top: ui.state imports this module's neighbours

    chosen = st.selectbox(t("sections.results.subject_picker"), labels, key=wkey,
                          **state.shown_default(wkey, options=labels))
    return labels.index(chosen) if chosen in labels else 0


@st.fragment
def _subject_view(a: Assessment, results: list[ItemResult], key: str, per_subject_caps: bool) -> None:
    """The subject picker and the chosen subject's cards and charts (the summary covers every subject).

    A fragment: choosing another subject changes nothing but this view, so Streamlit reruns only this
    function (with the assessment of the last full run: any input change reruns the whole page).
    """
    subjects = _subjects(results)
    n = subject_picker(subjects, key)
    own = [r for r in results if r.subject == subjects[n]]
    _cards(own)
    _subject_charts(a, own, key=f"{key}_{n}")
    if per_subject_caps:
        components.cap_chart(own, key=f"{key}_{n}_caps")


def section_results(
    a: Assessment | None, items: Iterable[str], *, key: str, strict_note: bool = False, amounts: bool = True,
    empty_note: str | None = None,
) -> list[ItemResult]:
    """Draw the results of ``items`` for every subject the page holds; return those results.

    ``amounts=False`` (articles 7 and 8, which set no amount) leaves out totals and amount charts.
    ``empty_note``: what to say when nothing is entered, on a page whose inputs are not a table.
    """
    items = tuple(items)
    st.subheader(t("sections.results.head"))
    if a is None:
        st.warning(t("sections.results.invalid_profile"), icon="⚠️")
        return []
    results = [r for r in a.items if r.item in items]
    if strict_note:
        st.caption(t("sections.results.strict_active" if a.interpretation == "strict" else "sections.results.default_active"))
    components.not_in_force(a)
    if not results:
        components.note(empty_note or t("sections.table.empty"))
        return []

    if not amounts:
        _summary(summary_frame(results))
        _cards(results)
        return results

    total = page_total(a, items)
    # what review could add: the engine's own figure, shown where all its items are on this page
    in_review = [r for r in a.items if r.status == "review" and r.ceiling_yuan]
    review_extra = a.review_potential_yuan if in_review and all(r.item in items for r in in_review) else 0
    page_total_metric = (t("sections.results.page_total_label"), t("sections.results.amount_wan", amount=wan(total)))
    if not review_extra:  # one figure needs no row around it (one element fewer at every change)
        st.metric(*page_total_metric)
    else:
        with st.container(horizontal=True):  # one block for the row of figures, not two (columns)
            st.metric(*page_total_metric)
            st.metric(t("sections.results.review_label"), t("sections.results.amount_wan", amount=wan(review_extra)))
    _summary(summary_frame(results, a.claims))

    per_subject_caps = len(results) > PAGE_CAP_CHART_ROWS
    _subject_view(a, results, key, per_subject_caps)

    if not per_subject_caps:
        components.cap_chart(results, key=f"{key}_caps")  # titled by its own title (chart.caps_title)
    _yearly_caps(a, results, key)
    return results


# ---- the R&D form's switch (technology page) ---------------------------------------------------

RND_TOGGLE_KEY = "w:sections.rnd_enabled"  # "w:" so state.replace_profile() resets it with the rest


def _on_rnd_toggle() -> None:
    from . import state

    if st.session_state.get(RND_TOGGLE_KEY):
        profile = state.profile()
        state.ensure_section(
            "rnd",
            {"year": _as_of_year(profile), "expenditure_yuan": 0, "applied_with_results": False},
        )
    else:
        state.drop_section("rnd")


def _as_of_year(profile: dict) -> int:
    from .tables import default_year

    return default_year(profile)


def rnd_toggle() -> bool:
    """A switch: does the enterprise apply under article 5? On adds the R&D section, off removes it."""
    from . import state

    if RND_TOGGLE_KEY not in st.session_state:
        st.session_state[RND_TOGGLE_KEY] = state.section("rnd") is not None
    st.toggle(t("technology.rnd.enable"), key=RND_TOGGLE_KEY, on_change=_on_rnd_toggle,
              **state.shown_default(RND_TOGGLE_KEY))
    return state.section("rnd") is not None
