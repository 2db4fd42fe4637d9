"""Security tests: AppTest runs the whole app as the server does (see tests/app/conftest.py for why)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.runtime import pages_manager
from streamlit.testing.v1 import app_test

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


class _NavigationOnly(pages_manager.PagesManager):
    """AppTest resets the pages-directory flag before every run; the server sets it once. Keep it off."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch):
    monkeypatch.setattr(app_test, "PagesManager", _NavigationOnly)
