"""The session's portfolio, shared by the batch page and the what-ifs page: uploaded files or the
synthetic demo, kept in the session (never on disk) under one key.

A source is ``(kind, files, ids)``: ``("upload", [(name, bytes)], upload ids)`` or ``("demo", None, ())``.
Setting a new one drops the batch page's signature, so both pages assess it afresh.
"""

from __future__ import annotations

import streamlit as st

from batch.demo import demo_workbook

from . import state
from .i18n import lang

SOURCE, SIGNATURE = "batch_source", "batch_signature"
DEMO_SIZE = 300  # enterprises in the synthetic demo portfolio


def source() -> tuple | None:
    return st.session_state.get(SOURCE)


def set_source(value: tuple | None) -> None:
    st.session_state[SOURCE] = value
    st.session_state.pop(SIGNATURE, None)


def load_demo() -> None:
    """A button's callback: the synthetic demo portfolio becomes the session's portfolio."""
    set_source(("demo", None, ()))


def files() -> list[tuple[str, bytes]]:
    """The session's input: the uploaded files, or the synthetic portfolio (made afresh, seeded, on the
    assessment date and in the language shown)."""
    kind, uploaded = st.session_state[SOURCE][:2]
    if kind == "demo":
        return [("demo.xlsx", demo_workbook(DEMO_SIZE, as_of=state.as_of(), lang=lang()))]
    return uploaded
