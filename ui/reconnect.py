"""A session that replaces one the server no longer has: say so, once.

Behind the balancer (deploy/), a session lives in the memory of one replica. When that replica dies,
the browser reconnects through the balancer to a live one, which starts a new, empty session. Streamlit's
frontend names its last session when it reconnects (the third entry of the websocket's
Sec-WebSocket-Protocol header; Streamlit reattaches the session when this process still has it, so a
*new* session whose browser names a last one means that one was lost). The app then tells the user
what happened: with a share link in the address, the inputs come back from it (ui/sidebar.py); without
one they could not be kept. Read through st.context.headers (public API); checked in the browser test
tests/browser/test_serve_browser.py, which kills a replica under a live session.
"""

from __future__ import annotations

import streamlit as st


def replaces_lost_session() -> bool:
    """True when this (new) session's browser says it had another session before."""
    try:
        raw = st.context.headers.get("Sec-Websocket-Protocol") or ""
    except Exception:  # no websocket (AppTest, bare script run)
        return False
    entries = [entry.strip() for entry in raw.split(",")]
    return len(entries) >= 3 and bool(entries[2])
