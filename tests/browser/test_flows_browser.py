"""What a user does, in a real Chromium against `streamlit run app.py` on 127.0.0.1.

Every expected figure comes from the engine (calculators.assess) on the same profile.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from browser_helpers import (
    choose_example,
    fill,
    input_value,
    key_css,
    main_text,
    nav,
    no_traceback,
    open_app,
    set_language,
    settle,
    sidebar_text,
    total,
)

from calculators import assess, validate_profile
from calculators.explain import wan

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {"drama_studio.json": "微短剧制作公司（第2、3条）", "park_operator.json": "产业园运营方（第1条）"}


def example(file: str) -> dict:
    return json.loads((REPO / "content" / "examples" / file).read_text(encoding="utf-8"))


def engine(profile: dict, lang: str = "zh"):
    model, problems = validate_profile(profile, lang)
    assert not problems, problems
    return assess(model, lang)


def expected_total(profile: dict, lang: str = "zh") -> str:
    unit = "万元" if lang == "zh" else "×10k yuan"
    return f"{wan(engine(profile, lang).total_ceiling_yuan)} {unit}"


def _ok(page) -> None:
    no_traceback(page)
    assert page.page_errors == []
    assert page.requests.foreign() == []


def test_load_an_example(page, app_server):
    open_app(page, app_server.url)
    assert total(page) == "0.00 万元"
    choose_example(page, EXAMPLES["drama_studio.json"])
    assert total(page) == expected_total(example("drama_studio.json"))
    assert input_value(page, "w:enterprise.name") == example("drama_studio.json")["enterprise"]["name"]
    _ok(page)


def test_change_a_figure_switch_pages_and_back(page, app_server):
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["park_operator.json"])
    prof = example("park_operator.json")
    nav(page, "carriers")
    assert total(page) == expected_total(prof)
    before_item = wan(engine(prof).items[0].ceiling_yuan)
    assert before_item in main_text(page)

    fill(page, "w:carrier.revenue_this_year_yuan", "130,000,000")
    changed = copy.deepcopy(prof)
    changed["carrier"]["revenue_this_year_yuan"] = 130_000_000
    after_item = wan(engine(changed).items[0].ceiling_yuan)
    assert after_item != before_item
    assert total(page) == expected_total(changed)
    assert after_item in main_text(page)  # the page's own result card moved with it

    nav(page, "overview")
    nav(page, "results")
    nav(page, "carriers")
    assert input_value(page, "w:carrier.revenue_this_year_yuan") == "130,000,000"
    assert total(page) == expected_total(changed)
    _ok(page)


def test_switch_language_keeps_the_inputs(page, app_server):
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["drama_studio.json"])
    fill(page, "w:enterprise.name", "语言切换测试企业")
    page.locator(key_css("w:interpretation")).get_by_text("严格口径").click()
    settle(page)
    prof = example("drama_studio.json")
    prof["enterprise"]["name"] = "语言切换测试企业"
    prof["interpretation"] = "strict"
    assert expected_total(prof) != expected_total({**prof, "interpretation": "default"})
    assert total(page) == expected_total(prof)
    set_language(page, "English")
    assert "Total, up to" in sidebar_text(page)
    assert total(page) == expected_total(prof, "en")
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Carriers").count() == 1
    # on the overview the sidebar is a fragment; a language switch still reruns the whole page
    assert "Where you stand" in main_text(page) and "The policy at a glance" in main_text(page)
    assert "政策一览" not in main_text(page)
    assert input_value(page, "w:enterprise.name") == "语言切换测试企业"
    set_language(page, "中文")  # and back: the reading is still the strict one, nothing lost
    assert total(page) == expected_total(prof)
    assert input_value(page, "w:enterprise.name") == "语言切换测试企业"
    _ok(page)


def test_share_link_restores_the_same_results_in_a_new_context(page, app_server, new_context):
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["park_operator.json"])
    nav(page, "carriers")
    fill(page, "w:carrier.revenue_this_year_yuan", "125,500,000")
    page.locator(key_css("share_on")).locator("label").click()
    settle(page)
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
    assert link.startswith(app_server.url) and "?p=" in link
    shown_total = total(page)

    other = new_context().new_page()  # a different browser profile: no cookies, no storage in common
    other.goto(link)
    settle(other)
    assert total(other) == shown_total
    prof = example("park_operator.json")
    prof["carrier"]["revenue_this_year_yuan"] = 125_500_000
    assert shown_total == expected_total(prof)
    nav(other, "carriers")
    assert input_value(other, "w:carrier.revenue_this_year_yuan") == "125,500,000"
    no_traceback(other)


def test_download_the_pdf_report(page, app_server):
    from pypdf import PdfReader

    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["drama_studio.json"])
    nav(page, "results")
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="PDF")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    prof = example("drama_studio.json")
    assert prof["enterprise"]["name"] in text
    assert wan(engine(prof).total_ceiling_yuan) in text
    assert download.url.startswith(app_server.url)  # made by the local server, for this session
    _ok(page)


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>![t](http://203.0.113.9/t.png)'


def test_hostile_name_is_shown_literally_and_runs_nothing(page, app_server):
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["drama_studio.json"])
    fill(page, "w:enterprise.name", HOSTILE)
    for where in ("results", "overview", "projects", "results"):
        nav(page, where)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    assert input_value(page, "w:enterprise.name") == HOSTILE
    # shown on the results page as the literal text the user typed, markup and markdown alike (the
    # invisible word joiner md() puts inside "://", which keeps it from becoming a link, is left out)
    assert HOSTILE in main_text(page).replace("\u2060", "")
    _ok(page)  # includes: no request to 203.0.113.9


def test_two_users_at_once_never_see_each_other(new_context, app_server):
    a = new_context().new_page()
    b = new_context().new_page()
    a.requests, b.requests = a.context.requests, b.context.requests
    a.page_errors, b.page_errors = [], []
    open_app(a, app_server.url)
    open_app(b, app_server.url)
    choose_example(a, EXAMPLES["drama_studio.json"])
    choose_example(b, EXAMPLES["park_operator.json"])
    fill(a, "w:enterprise.name", "甲用户企业")
    nav(b, "carriers")
    fill(b, "w:carrier.revenue_this_year_yuan", "140,000,000")
    fill(b, "w:enterprise.name", "乙用户企业")
    nav(a, "projects")
    nav(b, "results")
    pa, pb = example("drama_studio.json"), example("park_operator.json")
    pa["enterprise"]["name"], pb["enterprise"]["name"] = "甲用户企业", "乙用户企业"
    pb["carrier"]["revenue_this_year_yuan"] = 140_000_000
    assert total(a) == expected_total(pa)
    assert total(b) == expected_total(pb)
    text_a = a.locator("body").inner_text()
    text_b = b.locator("body").inner_text()
    assert "乙用户企业" not in text_a and pb["carrier"]["name"] not in text_a
    assert "甲用户企业" not in text_b and pa["projects"][0]["name"] not in text_b
    # a reload is a fresh session: nothing of the previous one is served back
    a.reload()
    settle(a)
    assert total(a) == "0.00 万元"
    assert input_value(a, "w:enterprise.name") != "甲用户企业"
    for p in (a, b):
        no_traceback(p)
        assert p.requests.foreign() == []


def test_a_change_on_a_section_page_reruns_its_fragment_and_still_moves_the_total_and_the_link(page, app_server):
    """A section page's inputs and results are a fragment (ui/fragment.py): a figure typed there reruns
    only the page's body, not the navigation nor the sidebar's widgets, and the body redraws the sidebar's
    running total and share link, which must show the new figure at once."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from ui import share

    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f) if isinstance(f, bytes) else None))
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["park_operator.json"])
    nav(page, "carriers")
    page.locator(key_css("share_on")).locator("label").click()
    settle(page)
    frames.clear()

    fill(page, "w:carrier.revenue_this_year_yuan", "131,000,000")
    prof = example("park_operator.json")
    prof["carrier"]["revenue_this_year_yuan"] = 131_000_000
    assert total(page) == expected_total(prof)
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
    restored, problems = share.decode(link.split("?p=", 1)[1], "zh")
    assert not problems and restored.carrier.revenue_this_year_yuan == 131_000_000

    messages = [ForwardMsg.FromString(f) for f in frames]
    finished = [m.script_finished for m in messages if m.WhichOneof("type") == "script_finished"]
    assert finished == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY]  # one rerun, of the fragment only
    assert not [m for m in messages if m.WhichOneof("type") == "navigation"]
    # the address bar follows the link (page_info_changed carries the new query string)
    assert [m for m in messages if m.WhichOneof("type") == "page_info_changed"
            and m.page_info_changed.query_string.endswith(link.split("?", 1)[1])]
    sidebar = [m.delta.new_element for m in messages
               if m.WhichOneof("type") == "delta" and m.metadata.delta_path[0] == 1
               and m.delta.WhichOneof("type") == "new_element"]
    kinds = {el.WhichOneof("type") for el in sidebar}
    assert "metric" in kinds and "code" in kinds  # the total and the link, redrawn
    assert not kinds & {"text_input", "checkbox", "date_input", "radio", "selectbox", "button"}  # no sidebar widget
    no_traceback(page)


def _frames_of(page) -> list[bytes]:
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f) if isinstance(f, bytes) else None))
    return frames


def _messages(frames: list[bytes]) -> list:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return [ForwardMsg.FromString(f) for f in frames]


def _finished(messages: list) -> list:
    return [m.script_finished for m in messages if m.WhichOneof("type") == "script_finished"]


def _main_kinds(messages: list) -> set[str]:
    return {m.delta.new_element.WhichOneof("type") for m in messages
            if m.WhichOneof("type") == "delta" and m.metadata.delta_path[0] == 0
            and m.delta.WhichOneof("type") == "new_element"}


def test_a_sidebar_change_on_the_overview_reruns_the_app_once_with_the_engines_figures(page, app_server):
    """On a page with no input of its own a gate change reruns the whole app, once: the figures are the
    engine's at once, drawn once, and the policy's article cards are all still there."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    frames = _frames_of(page)
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["drama_studio.json"])
    prof = example("drama_studio.json")
    frames.clear()

    radio = page.locator(key_css("w:enterprise.registered_in_minhang"))
    radio.locator("label").filter(has_text="否").click()  # 注册在闵行: 否
    settle(page)
    prof["enterprise"]["registered_in_minhang"] = False
    assert total(page) == expected_total(prof) == "0.00 万元"
    messages = _messages(frames)
    assert _finished(messages) == [ForwardMsg.FINISHED_SUCCESSFULLY]  # one rerun, of the whole app
    assert {"metric", "plotly_chart"} <= _main_kinds(messages)  # the figures, redrawn
    main = page.locator('[data-testid="stMain"]')
    values = [v.strip() for v in main.locator('[data-testid="stMetricValue"]').all_inner_texts()]
    assert values[0] == "0.00 万元" and len(values) == 3  # the overview's three figures, once
    assert main.locator('[data-testid="stPlotlyChart"]').count() == 1

    frames.clear()
    radio.locator("label").filter(has_text="是").click()  # back to 是
    settle(page)
    prof["enterprise"]["registered_in_minhang"] = True
    want = expected_total(prof)
    assert total(page) == want and want != "0.00 万元"
    assert [v.strip() for v in main.locator('[data-testid="stMetricValue"]').all_inner_texts()][0] == want
    assert main.locator('[data-testid="stMetricValue"]').count() == 3
    assert main.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert "第1条" in main_text(page) and main.locator('[data-testid="stPageLink"]').count() >= 8
    _ok(page)


def test_on_the_results_page_a_name_and_a_date_change_are_in_the_report_at_once(page, app_server):
    """Results: the enterprise's name and the assessment date are in the report after one rerun each,
    and the page's static parts (the upload, the heading) are drawn once, not doubled."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    frames = _frames_of(page)
    open_app(page, app_server.url)
    choose_example(page, EXAMPLES["drama_studio.json"])
    nav(page, "results")
    frames.clear()
    fill(page, "w:enterprise.name", "乙测算企业")
    assert "企业：乙测算企业" in main_text(page)
    assert _finished(_messages(frames)) == [ForwardMsg.FINISHED_SUCCESSFULLY]
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stFileUploader"]').count() == 1  # drawn once, not doubled
    assert main.get_by_text("测算结果", exact=True).count() == 1

    frames.clear()
    prof = example("drama_studio.json")
    # Streamlit's date field is three spin buttons (year, month, day); typing moves from one to the next,
    # and the date is sent when the field loses the focus
    page.locator(key_css("w:as_of")).locator('[data-type="year"]').click()
    page.keyboard.type("20270630")
    page.locator(key_css("w:enterprise.name")).locator("input").click()
    settle(page)
    prof["as_of"] = "2027-06-30"
    assert total(page) == expected_total(prof)
    assert "测算日期：2027年6月30日" in main_text(page)
    assert ForwardMsg.FINISHED_SUCCESSFULLY in _finished(_messages(frames))  # the whole app ran
    assert main.locator('[data-testid="stFileUploader"]').count() == 1
    _ok(page)
