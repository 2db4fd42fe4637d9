"""The section pages' tables in a real Chromium: an edit in a cell moves the running total at once and stays.

The table is a canvas grid, so a cell is reached the way a keyboard user does: click the first cell of
the row, arrow to the column, type, Enter. The expected figures come from the engine.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from browser_helpers import choose_example, choose_option, main_text, nav, no_traceback, open_app, settle, total

from calculators import assess, validate_profile
from calculators.explain import wan
from ui.tables import VENUES

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


def engine_total(profile: dict) -> str:
    model, problems = validate_profile(profile, "zh")
    assert not problems, problems
    return f"{wan(assess(model, 'zh').total_ceiling_yuan)} 万元"


def edit_cell(page, row: int, field: str, value: str, *, until_total: str) -> None:
    """Edit one cell; the grid may still be drawing after a rerun, so a click that missed is tried again."""
    for _ in range(3):
        _type_into_cell(page, row, field, value)
        try:
            page.wait_for_function(
                "(t) => document.querySelector('[data-testid=stSidebar] [data-testid=stMetricValue]')"
                "?.innerText.trim() === t",
                arg=until_total, timeout=8000,
            )
            return
        except Exception:
            page.keyboard.press("Escape")
    raise AssertionError(f"the total never became {until_total}: it is {total(page)}")


def _type_into_cell(page, row: int, field: str, value: str) -> None:
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for(state="visible")
    page.wait_for_timeout(1000)  # the grid draws its cells after the script run has settled
    box = grid.bounding_box()
    # the first data cell of the row: past the row marker, below the header (rows are 35 px high)
    page.mouse.click(box["x"] + 60, box["y"] + 35 * (row + 1) + 17)
    page.wait_for_timeout(500)
    for _ in range(VENUES.fields.index(field)):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    page.keyboard.type(value, delay=30)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    settle(page)


def test_a_cell_edit_moves_the_total_at_once_and_survives_a_page_switch(page, app_server):
    open_app(page, app_server.url)
    choose_example(page, "场景运营方（第6条）")
    nav(page, "venues")
    profile = json.loads((REPO / "content" / "examples" / "venue_operator.json").read_text(encoding="utf-8"))
    assert total(page) == engine_total(profile) == "200.00 万元"

    # 浦江一站式拍摄基地: 7000 → 100 visitors a month, and no revenue: no longer eligible
    changed = copy.deepcopy(profile)
    changed["venues"][0]["avg_monthly_visitors"] = 100
    expected = engine_total(changed)
    assert expected == "120.00 万元"
    edit_cell(page, 0, "avg_monthly_visitors", "100", until_total=expected)
    settle(page)
    assert total(page) == expected  # the sidebar's total, redrawn by the page's fragment, has the edit
    assert "120.00 万元" in main_text(page)

    nav(page, "projects")
    nav(page, "venues")
    assert total(page) == "120.00 万元"
    assert "暂不符合" in main_text(page)
    no_traceback(page)
    assert page.page_errors == []


def test_choosing_another_work_redraws_only_its_cards(page, app_server):
    """The subject picker is a fragment: picking a work redraws that work's cards and charts and
    nothing else (no sidebar, no navigation), and what it shows is the engine's figure for that work."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    frames: list[bytes] = []  # what the server sends, listened to from the session's first message
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f) if isinstance(f, bytes) else None))
    open_app(page, app_server.url)
    choose_example(page, "微短剧制作公司（第2、3条）")
    nav(page, "projects")
    profile = json.loads((REPO / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    model, _ = validate_profile(profile, "zh")
    a = assess(model, "zh")
    before_total = total(page)
    second = profile["projects"][1]["name"]
    assert frames, "the session's messages were not seen"
    frames.clear()

    choose_option(page, "sections_subject_projects", second)
    no_traceback(page)

    messages = [ForwardMsg.FromString(f) for f in frames]
    deltas = [m for m in messages if m.WhichOneof("type") == "delta"]
    assert deltas, "the pick sent nothing"
    assert all(m.metadata.delta_path[0] == 0 for m in deltas), "the sidebar was redrawn"  # 0 = main, 1 = sidebar
    assert not [m for m in messages if m.WhichOneof("type") in ("navigation", "page_info_changed")]
    assert total(page) == before_total

    shown = main_text(page)
    assert f"「{second}」" in shown and f"「{profile['projects'][0]['name']}」" not in shown
    own = [r for r in a.items if r.subject == second and r.status == "eligible" and r.ceiling_yuan]
    assert own
    for r in own:
        assert f"{wan(r.ceiling_yuan)} 万元" in shown


def test_the_strict_reading_shows_the_item_each_work_claims_and_why(page, app_server):
    """RULES.md §6.3 in a real browser: under strict, 马桥遗珍's cards say it claims 2.3 because the
    2.2 yearly cap is already filled by two other works, and 七宝老街's say it claims 2.2 (the
    highest); the total is the engine's 574 万元."""
    from browser_helpers import key_css

    open_app(page, app_server.url)
    choose_example(page, "微短剧制作公司（第2、3条）")
    page.locator(key_css("w:interpretation")).get_by_text("严格口径").click()
    settle(page)
    profile = json.loads((REPO / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    assert total(page) == engine_total({**profile, "interpretation": "strict"}) == "574.00 万元"
    nav(page, "projects")
    choose_option(page, "sections_subject_projects", "马桥遗珍")
    shown = main_text(page)
    assert "本作品按第2.3项计" in shown
    assert "第2.2项限额更高（100.00 万元），但其 2026 年度每年上限 200.00 万元已由其他作品用足" in shown
    assert "本作品计第2.3项，本项不重复享受" in shown  # on its 2.2 and 3.2 cards
    choose_option(page, "sections_subject_projects", "七宝老街")
    assert "本作品按限额最高的第2.2项计" in main_text(page)
    no_traceback(page)
    assert page.page_errors == []
