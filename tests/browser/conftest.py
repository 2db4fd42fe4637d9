"""Fixtures for the real-browser tests: one `streamlit run app.py` and one Chromium for the whole session.

The server runs with the network recorder (tests/security/netaudit) on, so the browser tests double as
"no connection leaves the machine while people use the app" (checked in test_network_while_browsing).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.server import CHROMIUM_ARGS, REPO, StreamlitServer, chromium_path  # noqa: E402

NETAUDIT = REPO / "tests" / "security" / "netaudit"


def require_chromium() -> str:
    path = chromium_path()
    if path:
        return path
    message = "Chromium is missing: `make browser` (as root) or `apt-get install chromium` installs it"
    if os.environ.get("CI"):
        pytest.fail(message + " — in CI the browser tests must run", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def netaudit_log():
    fd, path = tempfile.mkstemp(prefix="netaudit-", suffix=".jsonl")
    os.close(fd)
    yield Path(path)
    os.unlink(path)


@pytest.fixture(scope="session")
def app_server(netaudit_log):
    env = {"PYTHONPATH": os.pathsep.join([str(NETAUDIT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "NETAUDIT_LOG": str(netaudit_log)}
    with StreamlitServer(extra_env=env) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    exe = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Requests:
    """Every URL the page asked for, to check that nothing came from outside the local server."""

    def __init__(self, base: str):
        self.base = base
        self.urls: list[str] = []

    def foreign(self) -> list[str]:
        allowed = (self.base, "data:", "blob:", "about:")
        return [u for u in self.urls if not u.startswith(allowed)]


@pytest.fixture
def new_context(chromium, app_server):
    """Make fresh browser contexts (separate cookies and storage: a separate user) with request logging."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("viewport", {"width": 1400, "height": 1000})  # a test may ask for a phone's
        ctx = chromium.new_context(accept_downloads=True, locale="zh-CN", **kwargs)
        ctx.requests = Requests(app_server.url)
        ctx.on("request", lambda req: ctx.requests.urls.append(req.url))
        ctx.console_errors = []
        ctx.page_errors = []
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(new_context):
    ctx = new_context()
    pg = ctx.new_page()
    pg.on("pageerror", lambda err: ctx.page_errors.append(str(err)))
    pg.on("console", lambda msg: msg.type == "error" and ctx.console_errors.append(msg.text))
    pg.requests = ctx.requests
    pg.page_errors = ctx.page_errors
    return pg
