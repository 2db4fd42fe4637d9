"""Issue 15: hostile names from a share link and from a JSON upload are text on every page.

The same profile is opened twice, once with plain names and once with an attacker's (markdown,
HTML, links, bare URLs and e-mails, LaTeX, Streamlit directives, \\r and \\n): on every page the DOM
has exactly as many headings, links and images as with the plain names, nothing points at the
attacker's addresses, and the names are visible as typed.
"""

from __future__ import annotations

import base64
import json
import time
import zlib
from pathlib import Path

import pytest
from browser_helpers import nav, no_traceback, open_app, settle, total

from ui import share

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PAGES = ["overview", "carriers", "projects", "technology", "venues", "talent", "results", "batch", "policy",
         "whatifs"]

ENTERPRISE = "\r\r# 补贴已到账，请访问 www.evil.example 领取"
HOSTILE = [
    "![x](http://203.0.113.9/x.png) 作品",
    "[点此领取](http://evil.example/a)",
    "www.evil.example",
    "a@evil.example",
    "<a href='http://evil.example/b'>链接</a><img src='http://203.0.113.9/y.png'>",
    ":red[假通知] :material/warning: :smile:",
    "$\\frac{1}{2}$ `代码` **粗** ~~删~~",
    "- 列表\n1. 二\r> 引用\r\n## 小标题",
    "<https://evil.example/c> &lt;b&gt; &#60;",
    "    缩进代码块 | 表 | 格 |\n|---|---|",
]
# what the page must show (after each name's line breaks became spaces, leading blanks dropped)
VISIBLE = ["www.evil.example", "a@evil.example", "[点此领取](http://evil.example/a)", ":red[假通知]"]

COUNT_JS = """() => {
  const q = (s) => Array.from(document.querySelectorAll(s));
  const evil = (el) => /evil\\.example|203\\.0\\.113/.test((el.getAttribute('href') || '') + (el.getAttribute('src') || ''));
  return {
    // headings made of a name's text: the page's own headings come and go as charts draw (a count of
    // all of them differed by 2 between runs under load), a name's heading never may appear
    headings: q('h1, h2, h3, h4, h5, h6').filter((el) => /补贴已到账|小标题|evil|名称\\d/.test(el.textContent)).length,
    links: q('a').length,
    images: q('img').length,
    lists: q('[data-testid="stMarkdownContainer"] li').length,
    code: q('[data-testid="stMarkdownContainer"] pre, [data-testid="stMarkdownContainer"] code').length,
    tables: q('[data-testid="stMarkdownContainer"] table').length,
    math: q('.katex').length,
    evil: q('[href], [src]').filter(evil).map((el) => el.outerHTML.slice(0, 200)),
  };
}"""


def _load(name: str) -> dict:
    return json.loads((REPO / "content" / "examples" / name).read_text(encoding="utf-8"))


def _profile(names: list[str], enterprise: str) -> dict:
    """Every section filled (from the shipped examples), its names replaced in order by ``names``."""
    studio, park, tech, venue = (_load(f) for f in ("drama_studio.json", "park_operator.json", "tech_firm.json",
                                                    "venue_operator.json"))
    profile = {**studio, "carrier": park["carrier"], "tech_platforms": tech["tech_platforms"],
               "transformation_projects": tech["transformation_projects"], "rnd": tech.get("rnd"),
               "training": tech.get("training"), "venues": venue["venues"]}
    profile["enterprise"] = {**studio["enterprise"], "name": enterprise}
    pool = iter(names * 4)
    profile["carrier"] = {**profile["carrier"], "name": next(pool)}
    for section in ("projects", "tech_platforms", "transformation_projects", "venues"):
        profile[section] = [{**x, "name": next(pool) + ("" if i == 0 else f" {section} {i}")}
                            for i, x in enumerate(profile[section])]
    return {k: v for k, v in profile.items() if v is not None}


def _plain() -> dict:
    return _profile([f"名称{i}" for i in range(len(HOSTILE))], "普通企业")


def _hostile() -> dict:
    return _profile(HOSTILE, ENTERPRISE)


def _counts(page) -> dict:
    """The counts once the page stopped changing: the same in three samples 0.5 s apart, each taken
    while the script is idle (charts and expanders draw after the script is idle, and on a loaded
    machine a fragment's rerun can start more than 0.4 s after the full run ended)."""
    from browser_helpers import IDLE_JS

    samples: list[dict] = []
    for _ in range(40):
        page.wait_for_timeout(500)
        if not page.evaluate(IDLE_JS):
            samples.clear()
            continue
        samples.append(page.evaluate(COUNT_JS))
        if len(samples) >= 3 and samples[-1] == samples[-2] == samples[-3]:
            return samples[-1]
    raise AssertionError(f"the page never stopped changing: {samples[-3:]}")


def _walk(page, want_total: str) -> dict[str, dict]:
    """Every page in turn, each checked to still hold the profile (its total in the sidebar)."""
    seen = {}
    for url in PAGES:
        nav(page, url)
        no_traceback(page)
        seen[url] = _counts(page)
        _total_shown(page, want_total, url)
    return seen


def _total_shown(page, want: str, url: str, seconds: float = 20) -> None:
    """The sidebar's total is the profile's (waiting out a rerun that redraws the sidebar)."""
    deadline = time.monotonic() + seconds
    while True:
        shown = total(page)
        if shown == want or time.monotonic() > deadline:
            assert shown == want, (url, page.url, shown, want)
            return
        page.wait_for_timeout(250)


def _want_total(profile: dict) -> str:
    """The engine's total for the profile, as the sidebar writes it (the profile's own date)."""
    from calculators import assess, validate_profile
    from calculators.explain import wan

    model, problems = validate_profile(profile, "zh")
    assert model is not None, problems
    return f"{wan(assess(model, 'zh').total_ceiling_yuan)} 万元"


def _via_link(page, base: str, profile: dict) -> dict[str, dict]:
    code = share.encode(profile)
    assert share.decode(code, "zh")[0] is not None  # a valid profile: the link restores it
    open_app(page, base, "", f"{share.PARAM}={code}")
    return _walk(page, _want_total(profile))


def _via_upload(page, base: str, profile: dict, filename: str) -> dict[str, dict]:
    open_app(page, base)
    nav(page, "results")
    page.locator('[class*="st-key-upload_profile"] input[type="file"]').set_input_files([
        {"name": filename, "mimeType": "application/json",
         "buffer": json.dumps(profile, ensure_ascii=False).encode("utf-8")}])
    settle(page)
    return _walk(page, _want_total(profile))


def _same_structure(plain: dict[str, dict], hostile: dict[str, dict]) -> None:
    for url in PAGES:
        p, h = plain[url], hostile[url]
        assert h["evil"] == [], (url, h["evil"])
        for kind in ("headings", "links", "images", "lists", "code", "tables", "math"):
            assert h[kind] == p[kind], (url, kind, p[kind], h[kind])


def test_the_walk_covers_every_page_of_the_navigation():
    import ast

    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    listed = next(n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PAGES")
    assert [ast.literal_eval(e)[1] for e in listed.elts] == PAGES


def _body_once_it_shows(page, text: str, seconds: float = 30) -> str:
    """The page's text once ``text`` is in it (a loaded machine may draw the results a moment after
    the navigation settles), without the word joiners md() puts in addresses; fails after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        body = page.locator("body").inner_text().replace("\u2060", "")
        if text in body or time.monotonic() > deadline:
            assert text in body, body[:2000]
            return body
        page.wait_for_timeout(250)


def test_hostile_names_from_a_share_link_are_text_on_every_page(page, app_server):
    plain = _via_link(page, app_server.url, _plain())
    hostile = _via_link(page, app_server.url, _hostile())
    _same_structure(plain, hostile)
    nav(page, "results")
    body = _body_once_it_shows(page, "# 补贴已到账，请访问 www.evil.example 领取")
    for shown in VISIBLE:
        assert shown in body, shown
    assert page.requests.foreign() == []


def test_hostile_names_from_a_json_upload_are_text_on_every_page(page, app_server):
    plain = _via_upload(page, app_server.url, _plain(), "profile.json")
    hostile = _via_upload(page, app_server.url, _hostile(), "[x](http://evil.example) www.evil.example.json")
    _same_structure(plain, hostile)
    assert page.requests.foreign() == []


def test_a_json_upload_of_a_5000_digit_number_is_one_message(page, app_server):
    """Before: a ValueError from int() in Streamlit's own error box."""
    data = _plain()
    data["training"] = {"trainees": 123454321}
    raw = json.dumps(data, ensure_ascii=False).replace("123454321", "9" * 5000)
    open_app(page, app_server.url)
    nav(page, "results")
    page.locator('[class*="st-key-upload_profile"] input[type="file"]').set_input_files([
        {"name": "big.json", "mimeType": "application/json", "buffer": raw.encode("utf-8")}])
    settle(page)
    no_traceback(page)
    alerts = [a.inner_text() for a in page.locator('[data-testid="stMain"] [data-testid="stAlert"]').all()]
    assert any("数字过长：每个数字最多 30 位" in a for a in alerts), alerts


def test_a_share_link_nested_100000_deep_is_one_message(page, app_server):
    code = "1." + base64.urlsafe_b64encode(zlib.compress(b"[" * 100_000 + b"]" * 100_000, 9)).decode().rstrip("=")
    open_app(page, app_server.url, "", f"{share.PARAM}={code}")
    no_traceback(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "JSON 嵌套过深：最多 20 层" in sidebar


def _peak_mb(pid: int) -> float:
    """The server process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def test_the_worst_upload_leaves_the_server_up_for_everyone_else(new_context, app_server):
    """Issue 15: one 2 KB workbook with a cell at XFD1048576 aborted the whole server (every session
    lost). Now session B gets one message, the server's peak memory barely moves, and session A,
    open meanwhile, keeps its inputs and keeps working."""
    import sys

    sys.path.insert(0, str(REPO / "tests" / "security"))
    import hostile_files as h
    from browser_helpers import choose_example, main_text, total

    a = new_context().new_page()
    open_app(a, app_server.url)
    choose_example(a, "微短剧制作公司（第2、3条）")
    a_total = total(a)
    assert a_total != "0.00 万元"

    b = new_context().new_page()
    open_app(b, app_server.url)
    nav(b, "batch")
    before = _peak_mb(app_server.proc.pid)
    b.locator('[class*="st-key-batch_upload_"] input[type="file"]').set_input_files([
        {"name": "bomb.xlsx", "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "buffer": h.far_cell("XFD1048576")}])
    b.get_by_text("需要修改的单元格（1 处）").wait_for(timeout=30000)
    settle(b)
    no_traceback(b)
    assert _peak_mb(app_server.proc.pid) - before < 500
    assert app_server.proc.poll() is None  # the server is still running

    nav(a, "results")  # the other session: same inputs, same total, still served
    no_traceback(a)
    assert total(a) == a_total
    assert "测算" in main_text(a)
