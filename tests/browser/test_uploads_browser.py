"""Uploads in a real browser: the batch workbook (good, broken, wrong type, over the size limit) and the
saved-inputs JSON on the results page. Messages are the ones the user reads; good data is kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from browser_helpers import choose_example, key_css, main_text, nav, no_traceback, open_app, settle, total

from calculators import assess, validate_profile
from calculators.explain import wan
from reports import batch_book

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _example(name: str) -> dict:
    return json.loads((REPO / "content" / "examples" / name).read_text(encoding="utf-8"))


def _engine_total(profile: dict) -> int:
    model, problems = validate_profile(profile, "zh")
    assert not problems
    return assess(model, "zh").total_ceiling_yuan


def _batch_input(page):
    return page.locator('[class*="st-key-batch_upload_"] input[type="file"]')


def _open_batch(page, app_server):
    open_app(page, app_server.url)
    nav(page, "batch")


def test_batch_workbook_with_a_broken_file_beside_it(page, app_server):
    studio, park = _example("drama_studio.json"), _example("park_operator.json")
    for p in (studio, park):
        p["as_of"] = dt.date.today().isoformat()
    book = batch_book.profiles_workbook([studio, park], "zh")
    _open_batch(page, app_server)
    _batch_input(page).set_input_files([
        {"name": "portfolio.xlsx", "mimeType": XLSX, "buffer": book},
        {"name": "broken.xlsx", "mimeType": XLSX, "buffer": book[: len(book) // 3]},
    ])
    page.get_by_text("测算概况").wait_for(timeout=60000)
    settle(page)
    text = main_text(page)
    assert "需要修改的单元格（1 处）" in text  # the broken file: one problem, listed with the cells to fix
    expected = wan(_engine_total(studio) + _engine_total(park))
    assert f"{expected} 万元" in text  # the good workbook: both enterprises, the engine's figures
    no_traceback(page)
    assert page.requests.foreign() == []


def test_batch_upload_over_the_size_limit_is_refused_before_reaching_the_app(page, app_server):
    _open_batch(page, app_server)
    big = b"x" * (10 * 1024 * 1024 + 1)  # one byte over server.maxUploadSize = 10 (MB)
    _batch_input(page).set_input_files([{"name": "huge.csv", "mimeType": "text/csv", "buffer": big}])
    uploader = page.locator('[class*="st-key-batch_upload_"]')
    uploader.get_by_text("File must be 10.0MB or smaller.", exact=False).wait_for(timeout=30000)
    settle(page)
    assert "测算概况" not in main_text(page)  # nothing reached the batch: no result
    no_traceback(page)


def test_batch_upload_of_a_wrong_file_type_is_refused(page, app_server):
    _open_batch(page, app_server)
    _batch_input(page).set_input_files([{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}])
    uploader = page.locator('[class*="st-key-batch_upload_"]')
    uploader.get_by_text("text/plain files are not allowed.", exact=False).wait_for(timeout=30000)
    settle(page)
    assert "测算概况" not in main_text(page)
    no_traceback(page)


@pytest.mark.parametrize(("payload", "what"), [
    (b"{not json", "broken"),
    (b"\xff\xfe\x00\x00garbage", "binary"),
    (json.dumps({"enterprise": {"name": "<script>alert(1)</script>"}, "carrier": {"related_enterprises": -1}},
                ensure_ascii=False).encode("utf-8"), "bad values"),
], ids=["broken", "binary", "bad_values"])
def test_saved_inputs_upload_refuses_bad_files_and_keeps_the_inputs(page, app_server, payload, what):
    open_app(page, app_server.url)
    choose_example(page, "微短剧制作公司（第2、3条）")
    before = total(page)
    nav(page, "results")
    page.locator(key_css("upload_profile")).locator('input[type="file"]').set_input_files(
        [{"name": "inputs.json", "mimeType": "application/json", "buffer": payload}])
    page.get_by_text("文件无法使用，未做任何更改", exact=False).first.wait_for(timeout=30000)
    settle(page)
    assert total(page) == before  # nothing changed
    assert page.evaluate("() => window.__pwned") is None
    no_traceback(page)
