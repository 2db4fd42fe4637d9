"""AppTest set-up shared by every app test (frame's and the section pages').

Why the patch: AppTest resets ``PagesManager.uses_pages_directory`` before every run, and because the
app keeps its page scripts in ``pages/``, Streamlit then takes the old pages-directory mode and, from
the second run on, executes the page script alone, without app.py (no sidebar, no frame). A real
server sets the flag once per process and st.navigation clears it, so only the test harness needs
this: it makes every AppTest run behave like the server after its first run (st.navigation only).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest, app_test

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 30


class _NavigationOnly(pages_manager.PagesManager):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch):
    monkeypatch.setattr(app_test, "PagesManager", _NavigationOnly)


def new_app(lang: str = "zh") -> AppTest:
    """Return an AppTest of the whole app (not yet run) in ``lang``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    return at


@pytest.fixture
def app_factory():
    return new_app
