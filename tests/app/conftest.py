"""AppTest set-up shared by every app test (frame's and the section pages').

AppTest is kept on st.navigation (the app's pages live in pages/) by tests/conftest.py (workarounds.py, 1.).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 30


def new_app(lang: str = "zh") -> AppTest:
    """Return an AppTest of the whole app (not yet run) in ``lang``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    return at


@pytest.fixture
def app_factory():
    return new_app
