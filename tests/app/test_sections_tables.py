"""ui/tables.py without Streamlit: rows <-> editor table, and the per-row problems from the engine."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from calculators import validate_profile
from ui import tables

EXAMPLES = Path(__file__).resolve().parents[2] / "content" / "examples"
UI_SECTIONS = Path(__file__).resolve().parents[2] / "content" / "i18n" / "ui_sections.yaml"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("example_name", "section"),
    [
        ("drama_studio", "projects"),
        ("tech_firm", "tech_platforms"),
        ("tech_firm", "transformation_projects"),
        ("venue_operator", "venues"),
    ],
)
def test_example_rows_survive_the_round_trip_through_the_editor_table(example_name, section):
    rows = example(example_name)[section]
    spec = tables.SPECS[section]
    back = tables.frame_to_rows(spec, tables.rows_to_frame(spec, rows))
    # the engine reads both the same way (3.5 minutes comes back as the decimal string "3.5")
    original, _ = validate_profile({"enterprise": {"name": "x"}, section: rows})
    again, _ = validate_profile({"enterprise": {"name": "x"}, section: back})
    assert original is not None and again is not None
    assert getattr(original, section) == getattr(again, section)


def test_editor_floats_become_the_decimal_that_was_typed():
    spec = tables.TECH_PLATFORMS
    frame = pd.DataFrame(
        [{"name": "A", "year": 2026, "national": True, "municipal": False, "recognised_on": None,
          "investment_yuan": 1234567.89}]
    )
    row = tables.frame_to_rows(spec, frame)[0]
    assert row["investment_yuan"] == "1234567.89"
    assert Decimal(row["investment_yuan"]) == Decimal("1234567.89")
    frame.loc[0, "investment_yuan"] = 5000000.0
    assert tables.frame_to_rows(spec, frame)[0]["investment_yuan"] == 5000000


def test_blank_cells_are_left_out_so_the_engine_names_them():
    spec = tables.VENUES
    frame = tables.rows_to_frame(spec, [{"name": ""}])
    row = tables.frame_to_rows(spec, frame)[0]
    assert row["name"] == ""
    assert "opened_on" not in row and "total_investment_yuan" not in row
    valid, problems, kept = tables.validate_rows("venues", [row], {"as_of": "2026-11-27"}, "zh")
    assert valid == [] and kept == []
    by_field = {p.field: p.message for p in problems}
    assert by_field == {"name": "不能为空", "opened_on": "必须填写", "total_investment_yuan": "必须填写"}
    assert {p.row for p in problems} == {1}


def test_bad_rows_are_reported_by_row_and_column_and_the_good_rows_kept():
    rows = [
        {"name": "甲平台", "national": True, "investment_yuan": -5},  # negative investment
        {"name": "乙平台", "municipal": True, "investment_yuan": 4000000},
        {"name": "乙平台", "national": True, "investment_yuan": 1000000},  # repeats row 2's name
        {"name": "", "national": True, "investment_yuan": 1000000},  # empty name
        {"name": "丙平台", "national": True, "investment_yuan": 3000000},
    ]
    valid, problems, kept = tables.validate_rows("tech_platforms", rows, {"as_of": "2026-11-27"}, "zh")
    assert kept == [1, 4]
    assert [r["name"] for r in valid] == ["乙平台", "丙平台"]
    assert [(p.row, p.field) for p in problems] == [(1, "investment_yuan"), (3, "name"), (4, "name")]
    assert problems[0].message == "不能小于 0"
    assert "乙平台" in problems[1].message and "重复" in problems[1].message
    assert problems[2].message == "不能为空"


def test_rows_are_checked_against_the_profiles_assessment_date():
    rows = [{"name": "作品", "municipal_fund": "awarded", "municipal_fund_date": "2026-10-01"}]
    _, early, _ = tables.validate_rows("projects", rows, {"as_of": "2026-09-01"}, "en")
    assert [(p.row, p.field) for p in early] == [(1, "municipal_fund_date")]
    assert "after the assessment date" in early[0].message
    valid, late, _ = tables.validate_rows("projects", rows, {"as_of": "2026-11-27"}, "en")
    assert late == [] and valid == rows


def test_column_labels_carry_their_units():
    assert tables.column_label("investment_yuan", "zh") == "项目投资额（元）"
    assert tables.column_label("avg_monthly_visitors", "zh") == "平均月度票务服务人次（人次）"
    assert tables.column_label("local_culture_minutes", "en") == "Local culture minutes (min)"


def test_every_section_string_has_both_languages():
    data = yaml.safe_load(UI_SECTIONS.read_text(encoding="utf-8"))
    assert data
    for key, entry in data.items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"].strip() and entry["en"].strip(), key
        # the same placeholders in both languages
        import string

        names = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("zh", "en")]
        assert names[0] == names[1], key


def test_an_edit_is_in_the_profile_and_in_the_total_of_the_run_that_follows():
    """The run that draws the editor commits its edit before anything reads the profile: the typed rows
    (the bad one too), the valid rows in the profile and the sidebar's total of that same run."""
    from helpers import engine, example, sidebar_total, total_text

    from tests.app.conftest import new_app

    at = new_app()
    at.run()
    at.sidebar.selectbox(key="example_choice").select("venue_operator.json").run()
    at.switch_page("pages/venues.py").run()
    assert sidebar_total(at) == "200.00 万元"
    key = next(e.key for e in at.data_editor if e.key and e.key.startswith("sections_editor_venues_"))
    # 浦江一站式拍摄基地: 7000 → 100 visitors a month; and a new row with no name and a negative investment
    at.session_state[key] = {"edited_rows": {"0": {"avg_monthly_visitors": "100"}},
                             "added_rows": [{"name": "", "total_investment_yuan": "-1", "previously_supported": False}],
                             "deleted_rows": []}
    at.run()
    assert not at.exception
    typed = at.session_state["_sections_rows_venues"]
    assert len(typed) == 4 and typed[0]["avg_monthly_visitors"] == 100
    assert typed[3]["name"] == "" and typed[3]["total_investment_yuan"] == -1
    venues = at.session_state["profile"]["venues"]
    assert [v["name"] for v in venues] == [v["name"] for v in example("venue_operator.json")["venues"]]
    assert venues[0]["avg_monthly_visitors"] == 100
    changed = example("venue_operator.json")
    changed["venues"][0]["avg_monthly_visitors"] = 100
    assert sidebar_total(at) == total_text(engine(changed).total_ceiling_yuan) == "120.00 万元"
    assert at.main.error  # the new row's problems, next to the table


def _date_moves_on_another_page():
    """A work awarded on 1 Dec typed while the assessment date is 27 Nov, then the date moves on."""
    import streamlit as st

    from ui import state, tables

    profile = state.profile()
    if "_sections_rows_projects" not in st.session_state:
        profile["as_of"] = "2026-11-27"
        rows = [{"name": "后来获奖", "municipal_fund": "awarded", "municipal_fund_date": "2026-12-01"}]
        frame = tables.rows_to_frame(tables.PROJECTS, rows)
        tables._commit(tables.PROJECTS, frame)
    else:
        profile["as_of"] = "2026-12-31"  # as the sidebar's date input would, on any page
        tables.resync_sections()


def test_resync_takes_in_rows_that_a_new_assessment_date_makes_valid():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_date_moves_on_another_page).run()
    assert at.session_state["profile"]["projects"] == []  # 1 Dec is after 27 Nov: left out
    at.run()
    assert not at.exception
    assert [w["name"] for w in at.session_state["profile"]["projects"]] == ["后来获奖"]


def test_a_tables_verdicts_follow_the_date_through_reruns_that_reuse_them():
    """The projects page keeps its table's last verdicts while nothing they depend on changes (a new
    name), and checks the rows again when the assessment date moves: a work awarded on 18 June is
    left out on 1 June and back in on 27 November, with a name change in between each time."""
    import datetime as dt

    from tests.app.conftest import new_app

    at = new_app()
    at.run()
    at.sidebar.selectbox(key="example_choice").select("drama_studio.json").run()
    at.switch_page("pages/projects.py").run()

    def names():
        assert not at.exception
        return [w["name"] for w in at.session_state["profile"]["projects"]]

    def row_problems() -> list[str]:  # what the page says under the table
        return [e.value for e in at.main.error if "2026-06-18" in e.value]

    every = names()
    assert "申城寻味记" in every and row_problems() == []
    at.sidebar.text_input(key="w:enterprise.name").set_value("另一家公司").run()
    assert names() == every and row_problems() == []
    at.sidebar.date_input(key="w:as_of").set_value(dt.date(2026, 6, 1)).run()
    assert "申城寻味记" not in names()
    assert "申城寻味记" in [r["name"] for r in at.session_state["_sections_rows_projects"]]  # kept as typed
    shown = row_problems()
    assert len(shown) == 1
    at.sidebar.text_input(key="w:enterprise.name").set_value("第三家公司").run()
    assert "申城寻味记" not in names() and row_problems() == shown
    at.sidebar.date_input(key="w:as_of").set_value(dt.date(2026, 11, 27)).run()
    assert names() == every and row_problems() == []


def test_number_cells_are_text_read_as_the_decimals_they_spell():
    """RULES.md §6.1: a number typed into a table is never a binary float on its way to the engine."""
    spec = tables.VENUES
    frame = tables.rows_to_frame(spec, [{"name": "场景", "opened_on": "2025-01-01", "total_investment_yuan": 8000000,
                                         "avg_monthly_visitors": "5999.5"}])
    assert frame.loc[0, "total_investment_yuan"] == "8,000,000"
    assert frame.loc[0, "avg_monthly_visitors"] == "5999.5"
    for typed, read in [("3.9999999999999999", "3.9999999999999999"), ("4", 4), ("4.0", 4), (" 1,234,567.89 ", "1234567.89"),
                        ("100.001", "100.001"), ("四次", "四次"), ("NaN", "NaN")]:
        frame.loc[0, "positive_media_reports"] = typed
        assert tables.frame_to_rows(spec, frame)[0]["positive_media_reports"] == read, typed
    frame.loc[0, "positive_media_reports"] = "3.9999999999999999"
    rows = tables.frame_to_rows(spec, frame)
    valid, problems, _ = tables.validate_rows("venues", rows, {"as_of": "2026-11-27"}, "zh")
    assert valid == [] and [(p.row, p.field, p.message) for p in problems] == [(1, "positive_media_reports", "须为整数")]


def test_an_older_profiles_single_4_2_amount_fills_the_project_total_column():
    """RULES.md §6.4: ``investment_yuan`` of a saved profile stands for the project's total."""
    spec = tables.TRANSFORMATION_PROJECTS
    frame = tables.rows_to_frame(spec, [{"name": "合作", "with_research_partner": True, "investment_yuan": 3000000}])
    row = tables.frame_to_rows(spec, frame)[0]
    assert row["project_investment_yuan"] == 3000000 and "enterprise_investment_yuan" not in row


def test_a_huge_number_in_exponent_form_is_kept_as_typed_not_made_an_int():
    """int(Decimal('1e999999999')) would take hours: the cell, the form box and the engine refuse it at once."""
    import time

    from ui.inputs import money_to_text, text_to_money

    start = time.process_time()
    assert tables.exact_text_out("1e999999999") == "1e999999999"
    assert tables.exact_text_in("1e999999999", money=True) == "1e999999999"
    assert text_to_money("1e999999999") == "1e999999999" and money_to_text("1e999999999") == "1e999999999"
    rows = [{"name": "场景", "opened_on": "2025-01-01", "total_investment_yuan": "1e999999999",
             "positive_media_reports": "1e999999999"}]
    _, problems, _ = tables.validate_rows("venues", rows, {"as_of": "2026-11-27"}, "zh")
    assert {(p.field, p.message) for p in problems} == {
        ("total_investment_yuan", "数值过大，不是有效的输入"), ("positive_media_reports", "数值过大，不是有效的输入")}
    assert time.process_time() - start < 1
