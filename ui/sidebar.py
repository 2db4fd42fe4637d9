"""The sidebar shared by every page: the language; the running total, the enterprise and its 附则 gates,
the examples, clearing and the share link (:func:`enterprise`, the part that changes only the profile);
then the assessment date and the reading (:func:`settings`)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from functools import cache
from typing import Any

import streamlit as st

from calculators.content import CONTENT_DIR, load_yaml, parameters_on
from calculators.limits import limit as intake_limit

from . import reconnect, share, state, tables
from .components import running_total
from .fmt import date as fmt_date
from .fmt import md
from .i18n import lang, t
from .inputs import field_problems


@cache
def examples() -> list[dict[str, Any]]:
    """The example profiles of content/examples/index.yaml, in order."""
    out = []
    for entry in load_yaml("examples/index.yaml"):
        with open(CONTENT_DIR / "examples" / entry["file"], encoding="utf-8") as handle:
            out.append({"file": entry["file"], "name": entry["name"], "profile": json.load(handle)})
    return out


def load_example(file: str) -> None:
    """Put an example profile in (validated and normalised like any other input).

    The example brings the enterprise's figures only: the assessment date and the reading chosen in the
    sidebar stay as they are (a strict reading at a consultation must not turn default unannounced),
    and the message says which date and reading the example is assessed on."""
    from calculators import validate_profile

    for ex in examples():
        if ex["file"] == file:
            kept = {key: state.get(key) for key in ("as_of", "interpretation") if state.get(key)}
            model, problems = validate_profile({**ex["profile"], **kept}, lang())
            if model is not None:
                state.replace_profile(state.normalise(model))
                reading = t(f"sidebar.reading_{model.interpretation}")
                st.session_state["_flash"] = ("success", t("sidebar.example_loaded", name=ex["name"][lang()],
                                                           date=fmt_date(model.as_of), reading=reading))
            else:
                st.session_state["_flash"] = ("error", md("; ".join(str(p) for p in problems)))


def _on_example() -> None:
    choice = st.session_state.get("example_choice")
    if choice:
        load_example(choice)
    st.session_state["example_choice"] = None


def _on_language() -> None:
    # Widgets whose option labels are translated would hand back a label of the old language:
    # seed every bound widget afresh from the profile, which the switch leaves untouched.
    state.reset_widgets()


def _on_clear() -> None:
    state.clear_all()
    st.session_state["share_on"] = False
    st.session_state["_flash"] = ("info", t("sidebar.cleared"))


def restore_from_link() -> None:
    """On a session's first run, restore the inputs of a share link (if the URL carries one), and say so
    when this session replaces one whose server went away (ui/reconnect.py)."""
    if st.session_state.get("_link_checked"):
        return
    lost = reconnect.replaces_lost_session()  # the server that held this browser's session is gone
    code = st.query_params.get(share.PARAM)
    model, messages = share.decode(code, lang()) if code else (None, [])
    if code and model is None:
        st.session_state["_link_error"] = messages
    if model is not None:
        state.replace_profile(state.normalise(model))
        st.session_state["share_on"] = True
    if lost:
        st.session_state["_flash"] = ("warning", t("reconnect.restored" if model is not None else "reconnect.lost"))
    elif model is not None:
        st.session_state["_flash"] = ("success", t("share.restored"))
    # Last, not first: a first run that a click interrupts (Streamlit stops a run at its next element
    # when a new rerun request arrives) left the flag set and the profile never restored, so the link's
    # inputs were lost for the whole session. Restoring twice gives the same profile.
    st.session_state["_link_checked"] = True


def _validity(as_of: dt.date) -> None:
    p = parameters_on(as_of)
    start, end = p.get("general", "effective_from"), p.get("general", "effective_until")
    validity = t("sidebar.validity", start=fmt_date(start), end=fmt_date(end))
    if start <= as_of <= end:  # one caption, not two: Streamlit's cost is per element
        st.caption(f"{validity}  \n{t('sidebar.days_left', days=(end - as_of).days)}")
        return
    st.caption(validity)
    if as_of < start:
        st.warning(t("sidebar.not_yet_in_force", days=(start - as_of).days))
    else:
        st.warning(t("sidebar.expired"))


LIVE_KEY = "_sidebar_live"  # the sidebar's (total, share) containers of this full run
LIVE_DRAWN_KEY = "_sidebar_live_drawn"


def prepare() -> None:
    """What a run needs before any page reads the profile (app.py calls it first, on every full run):
    the inputs of a share link on a session's first run, the language, and the typed table rows
    checked again against the current date, so every page's assessment and the total agree."""
    restore_from_link()
    st.session_state.setdefault("lang", "zh")
    tables.resync_sections()


def render(*, live_in_page: bool = False) -> None:
    """Draw the sidebar (call once per run, after :func:`prepare`, before the page).

    ``live_in_page``: the page runs as a fragment and draws the total and the share link itself
    (:func:`draw_live`); the sidebar only keeps their places.
    """
    st.session_state[LIVE_KEY] = None  # until this run's places exist (a failure below leaves none)
    st.session_state[LIVE_DRAWN_KEY] = False
    with st.sidebar:
        language()
        boxes = enterprise()
        settings()
    st.session_state[LIVE_KEY] = boxes
    if not live_in_page:
        draw_live(boxes)


def language() -> None:
    """The language switch (a change reruns the whole app: every text changes)."""
    st.segmented_control(
        t("sidebar.language"), options=["zh", "en"], key="lang", required=True,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        # Streamlit keeps a radio's value as its *shown* label; after a language switch the old label
        # matches no option and came back raw ("默认口径" as the reading). Re-seed the bound widgets
        # from the profile instead (it holds codes, not labels); placeholder names follow the language.
        on_change=state.language_changed, **state.shown_default("lang", arg="default"),
    )


def enterprise() -> tuple[Any, Any]:
    """Messages, the total's place, the enterprise and its 附则 gates, the examples, clearing and the
    share switch with the link's place: what changes the profile and nothing else. Returns the
    places of the total and the link."""
    flash = st.session_state.pop("_flash", None)
    if flash:
        getattr(st, flash[0])(flash[1])
    for message in st.session_state.pop("_link_error", []):
        st.error(md(message))

    total_box = st.container(border=True)

    st.subheader(t("sidebar.enterprise"))
    st.text_input(t("sidebar.name"), **state.bind("enterprise.name", ""))
    field_problems("enterprise.name")
    # three ways (RULES.md §6.5): not confirmed is not assumed, and is what a new profile starts with
    registered = {"yes": True, "no": False, "unknown": None}
    shown = {code: t(f"sidebar.registered_{code}") for code in registered}  # labels of this run's language
    st.radio(t("sidebar.registered"), options=list(registered), horizontal=True, help=t("sidebar.registered_help"),
             format_func=shown.get,
             **state.bind("enterprise.registered_in_minhang", None,
                          to_widget=lambda v: "yes" if v is True else "no" if v is False else "unknown",
                          from_widget=registered.get, options=list(registered)))
    if state.get("enterprise.registered_in_minhang", None) is None:
        st.caption(t("sidebar.registered_unknown_note"))
    st.checkbox(t("sidebar.false_materials"), help=t("sidebar.credit_help"),
                **state.bind("enterprise.false_materials", False))
    st.checkbox(t("sidebar.negative_credit"), help=t("sidebar.credit_help"),
                **state.bind("enterprise.unrepaired_negative_credit", False))

    st.subheader(t("sidebar.examples"))
    names = {e["file"]: e["name"][lang()] for e in examples()}
    st.selectbox(
        t("sidebar.load_example"), options=list(names), index=None, key="example_choice",
        placeholder=t("sidebar.example_placeholder"), format_func=names.get,
        on_change=_on_example,
    )
    st.button(t("sidebar.clear"), on_click=_on_clear, key="clear_all", icon=":material/delete_sweep:")

    st.subheader(t("share.title"))
    st.toggle(t("share.toggle"), key="share_on", help=t("share.help"), **state.shown_default("share_on"))
    share_box = st.container()
    return total_box, share_box


def settings() -> None:
    """The assessment date (with the policy's validity) and the reading of 就高不重复: what every page's
    figures and the policy's parameters are taken on (a change reruns the whole app)."""
    st.subheader(t("sidebar.assessment"))
    earliest, latest = intake_limit("earliest_date"), intake_limit("latest_as_of")
    st.date_input(
        # validation's range: any date a share link or a saved file may hold fits the widget
        t("sidebar.as_of"), format="YYYY-MM-DD", min_value=earliest, max_value=latest,
        **state.bind("as_of", dt.date.today().isoformat(),
                     to_widget=lambda v: dt.date.fromisoformat(v) if v else dt.date.today(),
                     from_widget=lambda d: (d or dt.date.today()).isoformat(), limits=(earliest, latest)),
    )
    field_problems("as_of")
    _validity(state.as_of())
    readings = {r: t(f"sidebar.reading_{r}") for r in ("default", "strict")}
    st.radio(
        t("sidebar.reading"), options=list(readings), horizontal=True, format_func=readings.get,
        **state.bind("interpretation", "default", options=list(readings)),
    )
    st.caption(t(f"sidebar.reading_{state.get('interpretation', 'default')}_explain"))


def draw_live(boxes: tuple[Any, Any]) -> None:
    """Fill the sidebar's two parts that follow every input: the running total and the share link.

    The sidebar draws them itself, unless the page is a fragment (ui/fragment.py): then the fragment
    draws them at its end, on the full run and on each of its own reruns, so a change on the page
    reruns only the page's fragment and still updates the total and the link (Streamlit keeps a slot
    for a fragment's writes to a container outside it).
    """
    total_box, share_box = boxes
    assessment, problems = state.get_assessment()
    with total_box:
        running_total(assessment)
        if problems:
            st.caption(t("total.some_invalid", n=len(problems)))
    with share_box:
        _share_link()
    st.session_state[LIVE_DRAWN_KEY] = True


def draw_live_guarded(boxes: tuple[Any, Any] | None = None) -> None:
    """:func:`draw_live` for a page's fragment: a failure shows the sidebar's own short message."""
    boxes = boxes or st.session_state.get(LIVE_KEY)
    if boxes is None:  # the sidebar failed before it kept their places (it said so itself)
        return
    try:
        draw_live(boxes)
    except Exception:
        logging.getLogger(__name__).exception("sidebar total failed")
        boxes[0].error(t("app.sidebar_error"))


def live_drawn() -> bool:
    """Whether the total and the share link were drawn in this run (the app's guard draws them if not)."""
    return bool(st.session_state.get(LIVE_DRAWN_KEY))


def _share_link() -> None:
    if st.session_state.get("share_on"):
        code = share.encode(state.profile())
        if st.query_params.get(share.PARAM) != code:
            st.query_params[share.PARAM] = code
        st.warning(t("share.warning"), icon=":material/link:")
        base = ""
        try:
            base = (st.context.url or "").split("?")[0]
        except Exception:  # the URL is unknown outside a browser session (tests)
            base = ""
        st.code(f"{base}?{share.PARAM}={code}", language=None, wrap_lines=True)
    elif share.PARAM in st.query_params:
        del st.query_params[share.PARAM]
