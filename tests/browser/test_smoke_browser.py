"""The app opens in a real Chromium, loads everything from the local server, and shows no error."""

import pytest
from browser_helpers import main_text, no_traceback, open_app

pytestmark = pytest.mark.browser


def test_overview_opens_from_the_local_server_only(page, app_server):
    open_app(page, app_server.url)
    assert "闵行微短剧政策测算器" in page.title() or "闵行微短剧政策测算器" in main_text(page)
    no_traceback(page)
    assert page.requests.urls, "the page made no request at all"
    assert page.requests.foreign() == []
    assert page.page_errors == []
