"""Small waits and reads for driving Streamlit in Chromium."""

from __future__ import annotations

import time

IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED';
}"""


def settle(page, timeout: float = 30, quiet: float = 0.4) -> None:
    """Wait until the script has finished its rerun and the page stayed idle for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        page.wait_for_function(IDLE_JS, timeout=max(1, deadline - time.monotonic()) * 1000)
        time.sleep(quiet)
        if page.evaluate(IDLE_JS):
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not settle")


def open_app(page, base: str, path: str = "", query: str = "") -> None:
    page.goto(f"{base}/{path}{'?' + query if query else ''}")
    settle(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def no_traceback(page) -> None:
    """No exception box and no Python traceback text anywhere on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.locator("body").inner_text()
    assert "Traceback (most recent call last)" not in body
    assert 'File "' not in body
