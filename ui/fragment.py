"""Streamlit fragments, so that a change reruns only what depends on it.

Streamlit reruns the whole app on every change: the navigation, the sidebar (a dozen widgets, the
share link) and the page. Two kinds of page avoid that:

- A section page (PAGES): a change on the page (a figure typed, a table cell edited) changes nothing
  but that page's results, the sidebar's running total and the share link, so the page's body runs as
  a fragment: Streamlit reruns only the body, and the body redraws the total and the link into the
  places the sidebar kept for them (ui.sidebar.draw_live). A change in the sidebar (the gate, the
  date, the reading, an example) still reruns everything, fragment included.
- A page with no input of its own (SIDEBAR_PAGES): the sidebar's enterprise part is the fragment, and
  it redraws the part of the page that follows the profile (see below).

AppTest always runs the whole app, so the pages' tests see the same output as before; a fragment's
own rerun is checked over the real websocket by tests/browser/test_flows_browser.py
(test_a_change_on_a_section_page_reruns_its_fragment_..., test_a_sidebar_change_on_the_overview_...,
test_on_the_results_page_...) and tests/security/test_load_smoke.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from . import sidebar, state
from .i18n import lang, t

# The pages (url paths) whose body is a fragment: app.py tells the sidebar to leave the total and the
# link to them. tests/app/test_fragment.py checks this is exactly the pages that call section_body.
PAGES = frozenset({"carriers", "projects", "technology", "venues", "talent"})


def section_body(body: Callable[[], None]) -> None:
    """Run ``body`` (the page's inputs and results) as a fragment that also refreshes the total."""
    _run(body, st.session_state.get(sidebar.LIVE_KEY))


@st.fragment
def _run(body: Callable[[], None], boxes) -> None:
    try:
        _guarded(body, PAGE_PART)
    finally:
        sidebar.draw_live_guarded(boxes)


# What a failure of each part logs and says (as app.py's guards, which a fragment's own rerun does not
# pass through): the page's short message with its icon, or the sidebar's.
PAGE_PART = ("page part failed", "app.page_error", ":material/warning:")
SIDEBAR_PART = ("sidebar failed", "app.sidebar_error", None)


def _guarded(draw: Callable[[], None], part: tuple[str, str, str | None] = SIDEBAR_PART, *,
             speak: bool = True) -> bool:
    """Run one part of a page or of the sidebar; on a failure, log it and (unless told not to) show the
    part's short message. True if it ran."""
    try:
        draw()
    except Exception:  # one part must never take the page down with it
        log, message, icon = part
        logging.getLogger(__name__).exception(log)
        if speak:
            st.error(t(message), icon=icon)
        return False
    return True


# ---- the pages with no input of their own: the sidebar is the fragment --------------------------------
#
# Overview, results, batch and the policy text take no input of their own: the only changes they see
# are the sidebar's. Most of those (the enterprise's name, the 附则 gates, an example, clearing) change
# the profile and nothing that the page draws from the policy alone: its text, parameters, headings and
# article cards. So on these pages the sidebar's enterprise part runs as a fragment: a change in it
# reruns that part and the page's live part (what follows the profile, which the page hands over with
# :func:`page_live`), not the navigation, the rest of the sidebar and the page's static parts. The
# language switch and the assessment settings (date, reading), which the static parts depend on, are
# drawn outside the fragment, so a change there reruns the whole app. A change inside it that replaces
# the whole profile (an example, clearing) re-seeds every bound widget, those outside included, and may
# bring another date and reading: then the fragment asks for a whole-app rerun itself (:func:`run_key`).

SIDEBAR_PAGES = frozenset({"overview", "results", "batch", "policy", "whatifs"})
RUN_KEY = "_full_run_key"  # run_key() at the last full run
PAGE_LIVE_KEY = "_page_live"  # (container, draw) the page handed over in the last full run, or None


def run_key() -> tuple:
    """What needs a whole-app run when it changes: what a page's static parts depend on besides the
    policy (the language, the date, the reading), and a profile replaced as a whole."""
    return lang(), state.get("as_of"), state.get("interpretation"), state.generation()


def begin_full_run() -> None:
    """app.py, first thing in every full run on a sidebar-fragment page: forget the last page's live
    part (until this page hands over its own)."""
    st.session_state[PAGE_LIVE_KEY] = None


def remember_run_key() -> None:
    """app.py, after sidebar.prepare() (a share link's profile is in by then): what this full run was
    drawn with, for the fragment's own reruns to compare with."""
    st.session_state[RUN_KEY] = run_key()


def page_live(draw: Callable[[], None]) -> None:
    """Keep a place here for the page's part that follows the profile; ``draw`` fills it, from the
    sidebar fragment, on the full run and on every change in the sidebar. ``draw`` reads what it needs
    (the assessment) itself when it runs."""
    st.session_state[PAGE_LIVE_KEY] = (st.container(), draw)


def sidebar_and_live() -> None:
    """app.py, after the page: the sidebar, whose enterprise part is a fragment that also draws the
    page's live part. The language and the assessment settings stay outside it: a change there reruns
    the whole app, as it must (every text, the policy's parameters, the reading change)."""
    with st.sidebar:
        spoke = not _guarded(sidebar.language)
        st.session_state[_IN_FULL_RUN_KEY] = True  # the fragment's own reruns do not pass here
        try:
            _sidebar(st.session_state.get(PAGE_LIVE_KEY))
        finally:
            st.session_state[_IN_FULL_RUN_KEY] = False
        # one message for the sidebar, as on the other pages (the fragment's part ran just now)
        _guarded(sidebar.settings, speak=not (spoke or st.session_state.get(_FAILED_KEY)))


_FAILED_KEY = "_sidebar_fragment_failed"  # whether the fragment's part failed in its latest run
_IN_FULL_RUN_KEY = "_sidebar_fragment_in_full_run"


def _needs_full_run() -> bool:
    """In a rerun of the fragment alone: whether what the whole app depends on changed since the last
    full run. Never in a full run (a whole-app rerun from there could go round for ever)."""
    if st.session_state.get(_IN_FULL_RUN_KEY):
        return False
    try:
        return st.session_state.get(RUN_KEY) != run_key()
    except Exception:  # reading the profile failed: the sidebar's own guard will say so
        logging.getLogger(__name__).exception("run key failed")
        return False


@st.fragment
def _sidebar(live: tuple[Any, Callable[[], None]] | None) -> None:
    if _needs_full_run():  # a new profile, language, date or reading
        st.rerun(scope="app")
    st.session_state[_FAILED_KEY] = not _guarded(sidebar.render_enterprise_here)
    if live is None:
        return
    box, draw = live
    with box:
        _guarded(draw, PAGE_PART)
