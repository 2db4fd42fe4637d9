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


def main_shows(page, text: str, timeout: float = 30) -> str:
    """Wait until the main area shows ``text`` (an upload reruns the script only once the file has
    arrived, which under load can be after a quiet spell that `settle` takes for the end), then settle
    and return the main area's text. Fails with the text shown when it never appears."""
    main = page.locator('[data-testid="stMain"]')
    try:
        main.get_by_text(text, exact=False).first.wait_for(timeout=timeout * 1000)
    except Exception:
        raise AssertionError(f"{text!r} never shown in: {main.inner_text()!r}") from None
    settle(page)
    return main.inner_text()


def sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def no_traceback(page) -> None:
    """No exception box and no Python traceback text anywhere on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.locator("body").inner_text()
    assert "Traceback (most recent call last)" not in body
    assert 'File "' not in body


def key_css(key: str) -> str:
    """The CSS class Streamlit gives the container of a widget with this key."""
    import re

    return ".st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def total(page) -> str:
    """The running total in the sidebar ("814.00 万元")."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stMetricValue"]').first.inner_text().strip()


def nav(page, url_path: str) -> None:
    """Switch page the way a user does (client-side: the session and its inputs stay)."""
    href = "/" if url_path == "overview" else f"/{url_path}"  # the default page lives at the root
    page.locator(f'[data-testid="stSidebarNav"] a[href$="{href}"]').first.click()
    page.wait_for_function("(p) => location.pathname === p", arg=href)
    settle(page)


def choose_option(page, key: str, label: str) -> None:
    """Pick ``label`` in the select box with this widget key."""
    box = page.locator(key_css(key))
    option = page.get_by_role("option", name=label)
    for _ in range(5):  # the combobox may still be hydrating right after a rerun: open it until it shows
        box.locator("button[aria-haspopup=listbox]").click()
        try:
            option.wait_for(state="visible", timeout=3000)
            break
        except Exception:
            page.keyboard.press("Escape")
    option.click()
    settle(page)


def choose_example(page, label: str) -> None:
    choose_option(page, "example_choice", label)


def fill(page, key: str, value: str) -> None:
    box = page.locator(key_css(key)).locator("input")
    box.fill(value)
    box.press("Enter")
    settle(page)


def input_value(page, key: str) -> str:
    return page.locator(key_css(key)).locator("input").input_value()


def set_language(page, label: str) -> None:
    page.locator(key_css("lang")).get_by_role("radio", name=label).click()
    settle(page)
