"""The two places where the app reaches under a library's public API, because no public way exists and
the feature matters. Nothing else in app.py, ui/ or pages/ does (issue 16); the third such place, the
server's address lookups, is launch.py's ``pin_server_addresses``. tests/test_workarounds.py fails when
either library changes under these.

1. **Navigation, never the old pages-directory mode** (Streamlit 1.67). The page scripts live in
   ``pages/`` (the brief names the folder), so until app.py has called ``st.navigation`` once in a
   process, Streamlit takes the app for a pre-1.36 pages-directory app: a process's first request
   straight to a page URL (a share link such as ``/carriers?p=…`` right after a start) runs that page
   alone, with no frame and no sidebar. :func:`navigation_only` clears Streamlit's class-wide flag
   (``PagesManager.uses_pages_directory``) at the server's start (launch.py) and, for a bare
   ``streamlit run app.py``, from the first page that imports ``ui`` (then reruns once). AppTest sets the
   flag again before every run, so the tests run it through :func:`apptest_navigation_only`.
   *Removed by*: an option to turn the pages directory off (or Streamlit dropping the v1 mode, or
   ignoring ``pages/`` when the main script calls ``st.navigation``).
2. **Uploads kept in memory** (Starlette 0.x). Starlette spools an uploaded part over 1 MB to a temporary
   file on disk before Streamlit reads it all into memory anyway; enterprise data must not touch the
   disk. :func:`keep_uploads_in_memory` raises ``MultiPartParser.spool_max_size`` above the server's
   upload limit (server.maxUploadSize). *Removed by*: Streamlit reading uploads with
   ``request.stream()`` or passing a spool size to ``request.form()`` (Starlette has no such argument).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


def navigation_only() -> None:
    """Make Streamlit use app.py's st.navigation from a process's very first request (idempotent).

    Inside a script run that Streamlit started in pages-directory mode (a page script run alone), the
    flag is cleared and the run restarted, so app.py's frame runs it."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if PagesManager.uses_pages_directory is False:
        return
    was_on = bool(PagesManager.uses_pages_directory)
    PagesManager.uses_pages_directory = False
    if was_on and get_script_run_ctx(suppress_warning=True) is not None:
        st.rerun()


@contextmanager
def apptest_navigation_only() -> Iterator[None]:
    """While inside, every ``AppTest.run()`` keeps to st.navigation as the server does (see 1. above):
    AppTest resets the flag before each run, and from the second run on would run a page script alone."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    class NavigationOnly(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    real = app_test.PagesManager
    app_test.PagesManager = NavigationOnly
    try:
        yield
    finally:
        app_test.PagesManager = real


def keep_uploads_in_memory(max_upload_mb: int | None = None) -> None:
    """Keep every uploaded part in memory up to the server's upload limit (idempotent)."""
    from starlette.formparsers import MultiPartParser

    if max_upload_mb is None:
        import streamlit as st

        max_upload_mb = int(st.get_option("server.maxUploadSize"))
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, (max_upload_mb + 1) * 1024 * 1024)
