"""The app's colours and chart layout (``ui/theme.py``), read without importing the ``ui`` package.

``ui/__init__`` imports streamlit; the exports must not (they run from the command line and in
tests), yet they should draw with exactly the app's colours. ``ui/theme.py`` itself imports nothing
but ``typing``, so it is loaded here on its own, from its file: one source of truth for the colours.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_THEME_FILE = Path(__file__).resolve().parent.parent / "ui" / "theme.py"
_NAME = "reports._ui_theme"


def _load():
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, _THEME_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module
    spec.loader.exec_module(module)
    return module


theme = _load()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """``#1a7f37`` → ``(26, 127, 55)`` (for the PDF)."""
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
