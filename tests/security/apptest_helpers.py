"""Helpers for AppTest-driven security tests: start the app, load an example, read everything shown."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


def new_app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def example_date(file: str) -> dt.date:
    """The example's own assessment date (loading an example keeps the session's date, issue 17)."""
    return dt.date.fromisoformat(json.loads((REPO / "content" / "examples" / file).read_text(encoding="utf-8"))["as_of"])


def load_example(at: AppTest, file: str) -> AppTest:
    """Set the example's own date in the sidebar, then load it: the expected figures and messages do not
    depend on the day the tests run."""
    at.sidebar.date_input(key="w:as_of").set_value(example_date(file)).run()
    at.selectbox(key="example_choice").set_value(file).run()
    assert not at.exception, at.exception
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py").run()
    return at


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def all_text(at: AppTest) -> str:
    """Every string the session would send to the browser (all elements, main and sidebar)."""
    parts = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        if hasattr(node, "id") and hasattr(node, "value"):  # a widget: its current value lives in the session
            parts.append(str(node.value))  # a widget that cannot say its value is a failure, not a blank
    return "\n".join(parts)


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    text = all_text(at)
    assert "Traceback" not in text and 'File "' not in text
