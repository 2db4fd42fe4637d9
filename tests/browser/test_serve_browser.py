"""Serving a district (issue 19): `make serve` with two replicas behind HAProxy, driven by two browsers.

One module-wide deployment, started and stopped through the Makefile's front door (`make serve` /
`make stop`, on free loopback ports, state in a temporary directory outside the repository):

- two browser sessions, pinned to different replicas, each load a different example (one in the sidebar,
  one from a share link), upload a batch workbook and download a PDF report and see their own results,
  never the other's;
- the replica of the share-link session is killed: a new visitor is served; the other session keeps rerunning; the killed one's
  browser reconnects to the live replica, is told so, and gets its inputs back from the link; the
  supervisor restarts the replica and HAProxy takes it back;
- the access log records paths, never a query string; no log holds the share code or an enterprise name;
- the response headers (framing, nosniff, referrer, stickiness cookie), gzip on static files, the body
  limit equal to server.maxUploadSize, one cookie secret for both replicas, owner-only, off the command
  line; `make stop` ends every process `make serve` started (and the restarted replica).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import time
import tomllib
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser_helpers import choose_example, fill, key_css, main_text, nav, no_traceback, open_app, settle, total
from pypdf import PdfReader

from calculators import assess, validate_profile
from calculators.explain import wan
from reports import batch_book
from ui import share

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STUDIO, PARK, TECH = "微短剧制作公司（第2、3条）", "产业园运营方（第1条）", "科技企业（第4、5条）"
COOKIE = "mh_replica"


def _example(name: str) -> dict:
    profile = json.loads((REPO / "content" / "examples" / name).read_text(encoding="utf-8"))
    profile["as_of"] = dt.date.today().isoformat()
    return profile


def _yuan(profile: dict) -> int:
    model, problems = validate_profile(profile, "zh")
    assert not problems, problems
    return assess(model, "zh").total_ceiling_yuan


def _total(*profiles: dict) -> str:
    return f"{wan(sum(_yuan(p) for p in profiles))} 万元"


def _state(served) -> dict:
    return json.loads((served.state / "serve.json").read_text(encoding="utf-8"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by its parent) is not running
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *args], cwd=REPO, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if shutil.which("haproxy") is None:
        message = "haproxy is missing: `make test` (as root) or `apt-get install haproxy` installs it"
        if os.environ.get("CI"):
            pytest.fail(message + " — in CI the serving test must run", pytrace=False)
        pytest.skip(message)
    state = tmp_path_factory.mktemp("serve-state")
    started = _make("serve", "PORT=0", "REPLICAS=2", f"STATE_DIR={state}")
    assert started.returncode == 0, started.stdout + started.stderr
    info = json.loads((state / "serve.json").read_text(encoding="utf-8"))
    served = SimpleNamespace(state=state, url=info["url"], started=[info["haproxy"]["pid"]] +
                             [r["pid"] for r in info["replicas"]], supervisor=info["pid"])
    try:
        yield served
    finally:
        last = json.loads((state / "serve.json").read_text(encoding="utf-8"))
        ours = {served.supervisor, *served.started, last["haproxy"]["pid"], *(r["pid"] for r in last["replicas"])}
        stopped = _make("stop", f"STATE_DIR={state}")
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        time.sleep(0.5)
        # make stop ends exactly what make serve started, the restarted replica included
        assert [pid for pid in ours if _alive(pid)] == []
        assert not (state / "serve.json").exists()


def _context(chromium, served, replica: str):
    ctx = chromium.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1400, "height": 1000})
    # Pin the session to a replica the way the balancer does after a first response: by its cookie.
    ctx.add_cookies([{"name": COOKIE, "value": replica, "url": served.url}])
    page = ctx.new_page()
    page.page_errors = []
    page.on("pageerror", lambda err: page.page_errors.append(str(err)))
    return ctx, page


def _replica_cookie(ctx) -> str:
    return next(c["value"] for c in ctx.cookies() if c["name"] == COOKIE)


def _upload_batch(page, profiles: list[dict], name: str) -> str:
    nav(page, "batch")
    book = batch_book.profiles_workbook(profiles, "zh")
    page.locator('[class*="st-key-batch_upload_"] input[type="file"]').set_input_files(
        [{"name": name, "mimeType": XLSX, "buffer": book}])
    page.get_by_text("测算概况").wait_for(timeout=60000)
    settle(page)
    return main_text(page)


def _access_log(served) -> str:
    return (served.state / "access.log").read_text(encoding="utf-8", errors="replace")


def _requests(served) -> list[tuple[str, str, str]]:
    """(replica, method, path) of every request line in the access log."""
    pattern = re.compile(r" replicas/(\S+) .* (GET|PUT|POST|DELETE|HEAD|OPTIONS) (\S+) HTTP/")
    return [m.groups() for m in map(pattern.search, _access_log(served).splitlines()) if m]


def test_two_sessions_their_own_results_and_a_replica_killed(served, chromium):
    studio, park, tech = _example("drama_studio.json"), _example("park_operator.json"), _example("tech_firm.json")
    ctx_a, a = _context(chromium, served, "r1")
    ctx_b, b = _context(chromium, served, "r2")
    try:
        # A: an example from the sidebar.
        open_app(a, served.url)
        choose_example(a, STUDIO)
        assert total(a) == _total(studio)

        # B: another example, a share link made of it, and the link opened (its inputs in the query string).
        open_app(b, served.url)
        choose_example(b, PARK)
        b.locator(key_css("share_on")).locator("label").click()
        settle(b)
        link = b.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
        code = link.split(f"?{share.PARAM}=", 1)[1]
        b.goto(link)
        settle(b)
        assert total(b) == _total(park)

        # Each uploads a different batch and sees its own figures, not the other's.
        text_a = _upload_batch(a, [studio], "a.xlsx")
        text_b = _upload_batch(b, [park, tech], "b.xlsx")
        assert _total(studio) in text_a and _total(park, tech) not in text_a
        assert _total(park, tech) in text_b and _total(studio) not in text_b
        assert total(a) == _total(studio) and total(b) == _total(park)
        for page in (a, b):
            no_traceback(page)
            assert page.page_errors == []

        # Each downloads its PDF report (built on click, served from its replica's memory): its own.
        for page, profile in ((a, studio), (b, park)):
            nav(page, "results")
            with page.expect_download() as info:
                page.locator('[data-testid="stDownloadButton"]').filter(has_text="PDF").click()
            text = "".join(p.extract_text() or "" for p in PdfReader(info.value.path()).pages)
            assert profile["enterprise"]["name"] in text and wan(_yuan(profile)) in text
            other = park if profile is studio else studio
            assert other["enterprise"]["name"] not in text

        # Stickiness held: each session's page, websocket, upload and download went to its own replica.
        assert (_replica_cookie(ctx_a), _replica_cookie(ctx_b)) == ("r1", "r2")
        requests = _requests(served)
        for replica in ("r1", "r2"):
            ours = {(m, p.split("/")[2] if p.startswith("/_stcore/") else p.split("/")[1]) for r, m, p in requests
                    if r == replica}
            assert {("GET", "stream"), ("PUT", "upload_file"), ("GET", "media")} <= ours, (replica, ours)

        # B moves to a section page (its sidebar is part of the page's full run there).
        nav(b, "carriers")
        assert f"?{share.PARAM}={code}" in b.url  # the app keeps the link in the address bar

        # Kill B's replica.
        before = _state(served)
        victim = next(r for r in before["replicas"] if r["name"] == "r2")
        os.kill(victim["pid"], signal.SIGKILL)

        # A new visitor, right after: served by a live replica (the balancer retries elsewhere until its
        # health checks take the dead one out).
        ctx_c = chromium.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        c = ctx_c.new_page()
        c.goto(served.url)
        settle(c, timeout=120)  # it may land on the restarted replica: a fresh process's first run is slow
        choose_example(c, TECH)
        assert total(c) == _total(tech)
        assert _replica_cookie(ctx_c) in ("r1", "r2")
        ctx_c.close()

        # A, on the other replica, goes on: a change reruns and the total is still its own.
        nav(a, "overview")
        fill(a, "w:enterprise.name", "仍在运行的企业")
        assert total(a) == _total(studio)
        assert a.locator(key_css("w:enterprise.name")).locator("input").input_value() == "仍在运行的企业"
        no_traceback(a)

        # B's browser reconnects through the balancer to the live replica, which starts a new session.
        # On B's next change it is told what happened, and its inputs are back from the share link in its
        # address bar.
        deadline = time.monotonic() + 60  # the reconnect's first response carries the live replica's cookie
        while _replica_cookie(ctx_b) != "r1" and time.monotonic() < deadline:
            time.sleep(0.3)
        assert _replica_cookie(ctx_b) == "r1"
        b.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
            .getAttribute('data-test-connection-state') === 'CONNECTED'""", timeout=60000)
        box = b.locator(key_css("w:enterprise.name")).locator("input")
        box.fill("换了服务器的企业")
        box.press("Enter")
        settle(b, timeout=120)  # a new session's first run (restoring the profile from the link)
        message = b.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').first
        assert "连接已转到另一台服务器" in message.inner_text()
        assert "已从地址栏中的分享链接恢复" in message.inner_text()
        assert total(b) == _total(park)
        no_traceback(b)

        # The supervisor restarts the killed replica and HAProxy takes it back.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            now = next(r for r in _state(served)["replicas"] if r["name"] == "r2")
            states = re.findall(r"Server replicas/r2 is (UP|DOWN)", _access_log(served))
            if now["restarts"] >= 1 and "DOWN" in states and states[-1] == "UP":  # taken out, then back
                break
            time.sleep(0.5)
        else:
            pytest.fail("the killed replica was not restarted and taken back in 90 s:\n"
                        + (served.state / "serve.log").read_text(encoding="utf-8"))
        assert now["pid"] != victim["pid"] and now["port"] == victim["port"]

        # Privacy: paths only in the access log; the share code and the names in no log at all.
        assert any(p == "/" for _, m, p in requests)  # the share link's page request was logged ...
        assert all("?" not in p for _, _, p in _requests(served))  # ... without its query string
        logs = {f.name: f.read_text(encoding="utf-8", errors="replace") for f in served.state.glob("*.log")}
        assert {"access.log", "haproxy.log", "serve.log", "replica-r1.log", "replica-r2.log"} <= set(logs)
        for name, text in logs.items():
            for secret in (code, code[2:40], park["enterprise"]["name"], studio["enterprise"]["name"], "仍在运行的企业",
                           "换了服务器的企业"):
                assert secret not in text, f"{name} holds enterprise data"
    finally:
        ctx_a.close()
        ctx_b.close()


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def _raw(served, method: str, path: str, headers: dict[str, str]) -> int:
    """A request with these headers and no body: what the balancer answers from the headers alone."""
    host, port = served.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def test_headers_compression_body_limit_and_the_shared_secret(served):
    status, headers, body = _get(served.url + "/")
    assert status == 200
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=r") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert _get(served.url + "/_stcore/health")[0] == 200

    # The longest share link the app accepts gets through the balancer as it does to a replica directly.
    longest = f"/?{share.PARAM}={share.VERSION}.{'A' * (share.MAX_CODE_CHARS - len(share.VERSION) - 1)}"
    replica = _state(served)["replicas"][0]
    assert _get(f"http://127.0.0.1:{replica['port']}{longest}")[0] == 200
    assert _get(served.url + longest)[0] == 200

    # Static files are compressed by the balancer (Streamlit sends them as they are).
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', body).group(1).decode()
    status, headers, _ = _get(f"{served.url}/{script}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"

    # The body limit is server.maxUploadSize, refused before anything reaches a replica.
    with (REPO / ".streamlit" / "config.toml").open("rb") as f:
        limit = int(tomllib.load(f)["server"]["maxUploadSize"]) * 1024 * 1024
    path = "/_stcore/upload_file/no-such-session/no-such-file"
    assert _raw(served, "PUT", path, {"Content-Length": str(limit + 1)}) == 413
    assert _raw(served, "PUT", path, {"Content-Length": str(limit)}) != 413  # the replica answers (403: no XSRF)
    assert _raw(served, "PUT", path, {"Transfer-Encoding": "chunked"}) == 411

    # One cookie secret, made at first start, owner-only, outside the repository, in both replicas'
    # environment and on neither command line.
    secret_file = served.state / "cookie_secret"
    assert not secret_file.resolve().is_relative_to(REPO)
    assert secret_file.stat().st_mode & 0o777 == 0o600 and served.state.stat().st_mode & 0o777 == 0o700
    secret = secret_file.read_text(encoding="ascii").strip()
    assert len(secret) == 64
    for replica in _state(served)["replicas"]:
        environ = Path(f"/proc/{replica['pid']}/environ").read_bytes().split(b"\0")
        assert f"STREAMLIT_SERVER_COOKIE_SECRET={secret}".encode() in environ
        assert secret.encode() not in Path(f"/proc/{replica['pid']}/cmdline").read_bytes()
