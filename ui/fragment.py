"""The section pages' fragment, so that a change on a section page reruns only that page's body.

Streamlit reruns the whole app on every change: the navigation, the sidebar (a dozen widgets, the
share link) and the page. On a section page (PAGES) a change on the page (a figure typed, a table cell
edited) changes nothing but that page's results, the sidebar's running total and the share link, so
the page's body runs as a fragment: Streamlit reruns only the body, and the body redraws the total and
the link into the places the sidebar kept for them (ui.sidebar.draw_live). A change in the sidebar (the
gate, the date, the reading, an example) reruns everything, fragment included; on the other pages
every change reruns the whole app, which AppTest sees as the browser does.

AppTest always runs the whole app; a fragment's own rerun is checked over the real websocket by
tests/browser/test_flows_browser.py (test_a_change_on_a_section_page_reruns_its_fragment_...) and
tests/security/test_load_smoke.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from . import sidebar
from .i18n import t

# The pages (url paths) whose body is a fragment: app.py tells the sidebar to leave the total and the
# link to them. tests/app/test_fragment.py checks this is exactly the pages that call section_body.
PAGES = frozenset({"carriers", "projects", "technology", "venues", "talent"})


def section_body(body: Callable[[], None]) -> None:
    """Run ``body`` (the page's inputs and results) as a fragment that also refreshes the total."""
    _run(body, st.session_state.get(sidebar.LIVE_KEY))


@st.fragment
def _run(body: Callable[[], None], boxes) -> None:
    try:
        body()
    except Exception:  # as app.py's guard, which a fragment's own rerun does not pass through
        logging.getLogger(__name__).exception("page part failed")
        st.error(t("app.page_error"), icon=":material/warning:")
    finally:
        sidebar.draw_live_guarded(boxes)
