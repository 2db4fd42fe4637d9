"""workarounds.py: each reach under a library's public API still does what the app needs, and still is
needed. A failure here means Streamlit or Starlette changed under it: read workarounds.py's docstring
for what to do (fix the workaround, or remove it when the upstream change it names has come)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest

import workarounds

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pages_flag():
    """Streamlit's class-wide flag, put back as it was after the test."""
    from streamlit.runtime.pages_manager import PagesManager

    before = PagesManager.uses_pages_directory
    yield PagesManager
    PagesManager.uses_pages_directory = before


def test_streamlit_still_takes_this_app_for_a_pages_directory_app_and_navigation_only_stops_it(pages_flag):
    pages_flag.uses_pages_directory = None  # a fresh process
    pages_flag(str(ROOT / "app.py"), setup_watcher=False)
    # still needed: with pages/ next to app.py, a first request would run a page script alone
    assert pages_flag.uses_pages_directory is True
    workarounds.navigation_only()
    assert pages_flag.uses_pages_directory is False
    pages_flag(str(ROOT / "app.py"), setup_watcher=False)  # a later session keeps it
    assert pages_flag.uses_pages_directory is False


def test_in_apptest_a_second_run_on_a_page_still_runs_the_whole_app():
    """Under apptest_navigation_only (tests/conftest.py, for every test) the page runs inside app.py's
    frame on every run: the sidebar's language switch and total are there."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("pages/technology.py").run()
    at.run()
    assert not at.exception
    assert at.sidebar.button_group(key="lang") is not None
    assert at.sidebar.metric  # the running total


def _multipart(size: int) -> tuple[bytes, bytes]:
    boundary = b"----boundary7MA4YWxkTrZu0gW"
    body = (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n"
            b"Content-Type: application/octet-stream\r\n\r\n" + b"x" * size + b"\r\n--" + boundary + b"--\r\n")
    return body, b"multipart/form-data; boundary=" + boundary


def _parse(body: bytes, content_type: bytes) -> bytes:
    from starlette.requests import Request

    async def run() -> bytes:
        sent = False

        async def receive():
            nonlocal sent
            if sent:
                return {"type": "http.request", "body": b"", "more_body": False}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-type", content_type)]}
        form = await Request(scope, receive).form()
        data = await form["file"].read()
        await form.close()
        return data

    # in a thread of its own: after the browser tests, Playwright's sync API keeps an event loop
    # running in this thread for the rest of the session, and asyncio.run() refuses to nest in it
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


@pytest.mark.parametrize("keep", [True, False])
def test_an_upload_over_starlettes_1_mb_spool_stays_in_memory(monkeypatch, keep):
    """A 3 MB upload (the limit is 10 MB): no temporary file is made while Starlette parses it. Without
    the workaround Starlette still makes one (so the workaround is still needed, and this test sees it)."""
    from starlette.formparsers import MultiPartParser

    monkeypatch.setattr(MultiPartParser, "spool_max_size", 1024 * 1024)  # Starlette's own, as in a new process
    if keep:
        workarounds.keep_uploads_in_memory(10)
        assert MultiPartParser.spool_max_size == 11 * 1024 * 1024
    made = []
    real = tempfile.TemporaryFile

    def recording(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    body, content_type = _multipart(3 * 1024 * 1024)
    assert _parse(body, content_type) == b"x" * (3 * 1024 * 1024)
    assert (made == []) is keep


def test_the_app_keeps_uploads_up_to_its_own_limit_in_memory(monkeypatch):
    """app.py's call reads server.maxUploadSize (10 MB in .streamlit/config.toml)."""
    import tomllib

    from starlette.formparsers import MultiPartParser

    monkeypatch.setattr(MultiPartParser, "spool_max_size", 1024 * 1024)
    limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]["maxUploadSize"]
    workarounds.keep_uploads_in_memory()  # as app.py calls it
    assert MultiPartParser.spool_max_size > limit * 1024 * 1024
