"""The served app over plain HTTP: XSRF protection on uploads, nothing external in the page itself."""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.server import StreamlitServer  # noqa: E402


@pytest.fixture(scope="module")
def server():
    with StreamlitServer() as srv:
        yield srv


def _request(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_upload_without_the_xsrf_token_is_refused(server):
    boundary = "----x"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\na,b\r\n--{boundary}--\r\n").encode()
    status, _, _ = _request(f"{server.url}/_stcore/upload_file/some-session/some-file", "PUT", body,
                            {"Content-Type": f"multipart/form-data; boundary={boundary}",
                             "Origin": "http://evil.example"})
    assert status == 403


def test_the_page_loads_nothing_from_outside(server):
    status, headers, body = _request(server.url + "/")
    assert status == 200
    html = body.decode("utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs, "the page references its own scripts"
    assert [r for r in refs if r.startswith(("http:", "https:", "//"))] == []


def test_the_host_config_sends_no_metrics_anywhere(server):
    import json

    status, _, body = _request(server.url + "/_stcore/host-config")
    assert status == 200
    config = json.loads(body)
    assert config["metricsUrl"] == ""  # the browser gets no telemetry endpoint
    assert config["enableCustomParentMessages"] is False
    assert config["useExternalAuthToken"] is False
