"""AppTest of the batch page: upload through the file uploader, problems, results, dashboard, demo."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from batch_helpers import as_csv_files, engine_entries, examples, fill_template
from streamlit.testing.v1 import AppTest

from calculators.explain import wan

APP = str(Path(__file__).resolve().parents[2] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNIT = {"zh": " 万元", "en": " ×10k yuan"}



def batch_page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["profile"] = {"as_of": "2026-11-27", "interpretation": "default",
                                   "enterprise": {"name": "区文旅局批量测算"}}
    at.run()
    at.switch_page("pages/batch.py").run()
    assert not at.exception
    return at


def metrics(at) -> list[str]:
    return [m.value for m in at.metric]


def frame_with(at, column: str):
    """The table that has ``column`` (AppTest does not expose a read-only table's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


PROBLEM_CELL = "单元格"
# on screen in 万元 with two decimals, as every amount of the app (the Excel download keeps yuan)
ENTERPRISE_TOTAL = {"zh": "合计最高可达（万元）", "en": "Total, up to (×10k yuan)"}
ITEM_STATUS = {"zh": "状态", "en": "Status"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_and_offers_the_template(lang):
    at = batch_page(lang)
    assert not at.exception and not at.error
    assert at.file_uploader[0].accept_multiple_files
    assert set(at.file_uploader[0].allowed_type) == {".xlsx", ".csv"}
    nothing = {"zh": "上传文件或载入演示数据后", "en": "Upload a file or load the demo portfolio"}[lang]
    assert any(i.value.startswith(nothing) for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_uploading_the_filled_template_shows_the_engines_totals(lang):
    profiles = examples()
    at = batch_page(lang)
    at.file_uploader[0].set_value([("portfolio.xlsx", fill_template(profiles, lang), XLSX)]).run()
    assert not at.exception and not at.error
    expected = engine_entries(profiles, lang)
    assert at.session_state["batch_result"].entries == expected
    total = sum(e.total_ceiling_yuan for e in expected)
    shown = metrics(at)
    assert (wan(total) + UNIT[lang]) in shown
    assert str(len(profiles)) in shown
    enterprises = frame_with(at, ENTERPRISE_TOTAL[lang])
    assert list(enterprises[ENTERPRISE_TOTAL[lang]]) == [float(wan(e.total_ceiling_yuan).replace(",", ""))
                                                         for e in expected]
    items = next(d.value for d in at.dataframe if ITEM_STATUS[lang] in d.value.columns and len(d.value.columns) == 12)
    assert len(items) == sum(len(e.items) for e in expected)
    assert len(at.get("plotly_chart")) == 5


def test_bad_cells_are_listed_and_the_rest_assessed():
    profiles = examples()
    wb = openpyxl.load_workbook(io.BytesIO(fill_template(profiles)))
    wb["企业"]["B2"] = "不是代码"
    buf = io.BytesIO()
    wb.save(buf)
    at = batch_page("zh")
    at.file_uploader[0].set_value(("p.xlsx", buf.getvalue(), XLSX)).run()
    assert not at.exception
    problems = frame_with(at, PROBLEM_CELL)
    assert list(problems.iloc[0, :4]) == ["企业", "B2", 2, "统一社会信用代码（18 位，可留空）"]
    result = at.session_state["batch_result"]
    assert len(result.entries) == len(profiles) - 1 and result.invalid == 1


def test_gbk_csv_files_upload_like_the_workbook():
    profiles = examples()
    files = [(name, data, "text/csv") for name, data in as_csv_files(fill_template(profiles), "gbk")]
    at = batch_page("zh")
    at.file_uploader[0].set_value(files).run()
    assert not at.exception and not at.error
    assert at.session_state["batch_result"].entries == engine_entries(profiles)


def test_a_broken_file_gives_a_message_not_a_traceback():
    at = batch_page("zh")
    at.file_uploader[0].set_value(("x.xlsx", b"garbage", XLSX)).run()
    assert not at.exception
    problems = frame_with(at, PROBLEM_CELL)
    assert problems.iloc[0, 5].startswith("不是可读取的 Excel 工作簿（.xlsx）")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_demo_portfolio_loads_in_one_click_and_is_labelled_synthetic(lang):
    at = batch_page(lang)
    at.button(key="batch_demo").click().run()
    assert not at.exception and not at.error
    result = at.session_state["batch_result"]
    assert result.synthetic and len(result.entries) == 300
    assert any(("合成演示数据" if lang == "zh" else "synthetic demo data") in w.value for w in at.warning)
    assert len([c for c in at.get("plotly_chart")]) == 5
    at.text_input(key="batch_search").input(result.entries[0].name).run()
    enterprises = frame_with(at, ENTERPRISE_TOTAL[lang])
    assert list(enterprises.iloc[:, 0]) == [result.entries[0].name]
    at.button(key="batch_clear").click().run()
    assert at.session_state["batch_result"] is None
    at.button(key="batch_demo").click().run()  # and back again: a fresh source is assessed afresh
    assert len(at.session_state["batch_result"].entries) == 300


def test_the_results_follow_the_language_and_the_sidebars_reading():
    profiles = examples()
    at = batch_page("zh")
    at.file_uploader[0].set_value(("p.xlsx", fill_template([{k: v for k, v in p.items() if k != "interpretation"}
                                                            for p in profiles]), XLSX)).run()
    assert at.session_state["batch_result"].entries == engine_entries(profiles)
    at.session_state["lang"] = "en"
    at.run()
    assert at.session_state["batch_result"].entries == engine_entries(profiles, "en")
    strict = [{**p, "interpretation": "strict"} for p in profiles]
    at.session_state["profile"] = {**at.session_state["profile"], "interpretation": "strict"}
    at.run()
    assert at.session_state["batch_result"].entries == engine_entries(strict, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sidebar_reading_applies_to_the_whole_portfolio_and_both_are_compared(lang):
    """Issue 17: each row's own reading column made the sidebar's strict switch do nothing here."""
    profiles = examples()  # every row says "default"
    assert {p["interpretation"] for p in profiles} == {"default"}
    at = batch_page(lang)
    at.file_uploader[0].set_value([("portfolio.xlsx", fill_template(profiles, lang), XLSX)]).run()
    default = engine_entries(profiles, lang)
    strict = engine_entries([{**p, "interpretation": "strict"} for p in profiles], lang)
    assert at.session_state["batch_result"].entries == default
    at.sidebar.radio(key="w:interpretation").set_value("strict").run()
    assert not at.exception and not at.error
    assert at.session_state["batch_result"].entries == strict
    totals = {r: sum(e.total_ceiling_yuan for e in entries) for r, entries in (("d", default), ("s", strict))}
    assert totals["s"] < totals["d"]  # drama_studio's works count only their highest item
    shown = metrics(at)
    assert wan(totals["s"]) + UNIT[lang] in shown and wan(totals["d"]) + UNIT[lang] in shown
    assert wan(totals["d"] - totals["s"]) + UNIT[lang] in shown
    compare = frame_with(at, {"zh": "差额（默认 − 严格，万元）", "en": "Difference (default − strict, ×10k yuan)"}[lang])
    assert len(compare) == len({i for e in default for i, *_ in e.item_totals})
