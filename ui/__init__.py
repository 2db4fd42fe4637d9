"""Streamlit display helpers of 闵行微短剧政策测算器 (the only package besides pages that imports streamlit).

- ``ui.i18n``: ``t(key, **fmt)``, the interface strings of content/i18n/ui*.yaml
- ``ui.state``: the profile in session_state, widget binding, ``get_assessment()``
- ``ui.inputs``: bound inputs with units, clause help and per-field messages
- ``ui.components``: badges, result cards, threshold bars, cap and what-if charts
- ``ui.theme``: colours and chart layout; ``ui.fmt``: 万元, yuan and dates
- ``ui.sidebar``: the shared sidebar; ``ui.share``: the share link
"""


def _leave_pages_directory_mode() -> None:
    """Make Streamlit use app.py's st.navigation even on a process's very first request.

    The page scripts live in ``pages/``, so until app.py has called st.navigation once, Streamlit
    treats the app as an old pages-directory app: a first visit straight to a page URL (a share
    link such as ``/carriers?p=…`` right after the server starts) would run that page alone, with no
    sidebar and no frame, and keep doing so. Every page imports ``ui``, so clearing the flag here
    and rerunning once brings the frame back. Harmless when st.navigation has already cleared it.
    """
    try:
        import streamlit as st
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:  # a future Streamlit without this machinery needs nothing
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        if get_script_run_ctx() is not None:
            st.rerun()


_leave_pages_directory_mode()
