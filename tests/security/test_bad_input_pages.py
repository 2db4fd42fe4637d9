"""Bad and hostile input typed into the pages (AppTest, the whole app as served).

Each case asserts the exact message the user sees next to the field, that nothing crashed, and that
the other inputs (and the other rows of a table) are kept and still counted.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from apptest_helpers import all_text, errors, go, load_example, new_app, no_traceback

from calculators import assess, validate_profile
from calculators.explain import wan


def _total(profile: dict) -> str:
    model, problems = validate_profile(profile, "zh")
    assert not problems, problems
    return f"{wan(assess(model, 'zh').total_ceiling_yuan)} 万元"


def _kept(at, before: dict, *, except_path: tuple[str, str]) -> None:
    """Every input but the one bad field is exactly as it was."""
    now = copy.deepcopy(at.session_state["profile"])
    section, field = except_path
    now[section].pop(field, None)
    before = copy.deepcopy(before)
    before[section].pop(field, None)
    assert now == before


MONEY_CASES = [
    # typed text, message under the field (zh)
    ("-5", "不能小于 0"),
    ("NaN", "须为有限的数字（不能是 NaN 或无穷大）"),
    ("inf", "须为有限的数字（不能是 NaN 或无穷大）"),
    ("-Infinity", "须为有限的数字（不能是 NaN 或无穷大）"),
    ("1e30", "不能大于 1,000,000,000,000"),
    ("abc", "须为数字"),
    ("=1+1", "须为数字"),
    ("12,000,000.555", "最多保留 2 位小数"),
]


@pytest.mark.parametrize(("typed", "message"), MONEY_CASES, ids=[c[0] for c in MONEY_CASES])
def test_bad_money_on_the_carriers_page(typed, message):
    at = new_app()
    load_example(at, "park_operator.json")
    go(at, "carriers")
    before = copy.deepcopy(at.session_state["profile"])
    at.text_input(key="w:carrier.revenue_this_year_yuan").set_value(typed).run()
    no_traceback(at)
    assert errors(at) == [message]
    # the field keeps what was typed, so the user can correct it
    assert at.text_input(key="w:carrier.revenue_this_year_yuan").value == typed
    assert at.text_input(key="w:carrier.related_enterprises").value == f"{before['carrier']['related_enterprises']:,}"
    _kept(at, before, except_path=("carrier", "revenue_this_year_yuan"))
    # correcting it brings the result back
    at.text_input(key="w:carrier.revenue_this_year_yuan").set_value("115,000,000").run()
    assert errors(at) == []
    fixed = copy.deepcopy(before)
    fixed["carrier"]["revenue_this_year_yuan"] = 115_000_000
    assert at.sidebar.metric[0].value == _total(fixed)


def test_bad_money_in_english():
    at = new_app("en")
    load_example(at, "park_operator.json")
    go(at, "carriers")
    at.text_input(key="w:carrier.revenue_last_year_yuan").set_value("lots").run()
    no_traceback(at)
    (message,) = errors(at)
    assert message and not any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_related_enterprises_above_the_total():
    at = new_app()
    load_example(at, "park_operator.json")
    go(at, "carriers")
    before = copy.deepcopy(at.session_state["profile"])
    total = before["carrier"]["total_enterprises"]
    at.text_input(key="w:carrier.related_enterprises").input(str(total + 350)).run()
    no_traceback(at)
    assert errors(at) == [f"相关企业数（{total + 350}）不能大于载体内企业总数（{total}）"]
    assert at.text_input(key="w:carrier.total_enterprises").value == f"{total:,}"
    _kept(at, before, except_path=("carrier", "related_enterprises"))


@pytest.mark.parametrize("name", ["", "   ", "\u3000\u3000"], ids=["empty", "spaces", "ideographic_spaces"])
def test_empty_or_blank_enterprise_name(name):
    at = new_app()
    load_example(at, "drama_studio.json")
    before = copy.deepcopy(at.session_state["profile"])
    at.text_input(key="w:enterprise.name").set_value(name).run()
    no_traceback(at)
    assert errors(at) == ["不能为空"]
    assert at.sidebar.metric[0].value == "—"
    _kept(at, before, except_path=("enterprise", "name"))
    go(at, "projects")  # the works are all still there
    text = all_text(at)
    assert all(p["name"] in text for p in before["projects"])


def _as_of_case(day: dt.date):
    at = new_app()
    load_example(at, "drama_studio.json")
    at.date_input(key="w:as_of").set_value(day).run()
    no_traceback(at)
    return at


def test_assessment_date_before_the_policy():
    at = _as_of_case(dt.date(2026, 1, 10))
    warnings = [w.value for w in at.sidebar.warning]
    assert any("63" in w for w in warnings), warnings  # 63 days until 2026-03-14
    assert at.sidebar.metric[0].value == "0.00 万元"
    assert at.session_state["profile"]["projects"], "the works are kept"


def test_assessment_date_after_the_policy():
    at = _as_of_case(dt.date(2028, 6, 1))
    assert [w.value for w in at.sidebar.warning], "an expired-policy warning is shown"
    assert at.sidebar.metric[0].value == "0.00 万元"


def _rows_case(mutate, lang: str = "zh"):
    at = new_app(lang)
    load_example(at, "drama_studio.json")
    prof = at.session_state["profile"]
    mutate(prof["projects"])
    typed = copy.deepcopy(prof)  # the page writes the valid rows back into the session's profile
    go(at, "projects")
    no_traceback(at)
    return at, typed


ROW_CASES = [
    ("duplicate_name", lambda p: p[1].__setitem__("name", p[0]["name"]), 2,
     "「名称」：名称“申城寻味记”重复：同一列表中每个对象的名称须唯一"),
    ("date_after_assessment", lambda p: p[0].__setitem__("municipal_fund_date", "2026-12-25"), 1,
     "「市级专项资金入围或获得日期」：日期 2026-12-25 晚于测算日期 2026-11-27"),
    ("negative_minutes", lambda p: p[1].__setitem__("local_culture_minutes", -3), 2, "「在地文化内容时长」：不能小于 0"),
    ("blank_name", lambda p: p[2].__setitem__("name", " "), 3, "「名称」：不能为空"),
]


@pytest.mark.parametrize(("mutate", "row", "message"), [c[1:] for c in ROW_CASES], ids=[c[0] for c in ROW_CASES])
def test_bad_row_in_the_works_table(mutate, row, message):
    at, prof = _rows_case(mutate)
    shown = errors(at)
    assert len(shown) == 1
    assert f"第 {row} 行 ·{message}" in shown[0]
    # the bad row is kept as typed (in the editor), the other rows are counted
    typed = at.session_state["_sections_rows_projects"]
    assert len(typed) == 5
    assert typed[row - 1]["name"].strip() == prof["projects"][row - 1]["name"].strip()
    good = copy.deepcopy(prof)
    good["projects"] = [r for i, r in enumerate(prof["projects"]) if i != row - 1]
    assert at.session_state["profile"]["projects"] == good["projects"]
    assert at.sidebar.metric[0].value == _total(good)


def test_event_before_the_policy_shows_why_it_is_not_counted():
    at, prof = _rows_case(lambda p: p[0].__setitem__("municipal_fund_date", "2025-02-01"))
    assert errors(at) == []  # valid input: the reason is shown on the item, not as an input error
    model, _ = validate_profile(prof, "zh")
    result = assess(model, "zh")
    (item,) = [i for i in result.items if i.item == "2.1" and i.subject == prof["projects"][0]["name"]]
    assert item.status == "ineligible" and item.unmet[0].code == "not_new"
    assert item.unmet[0].message in all_text(at)
    assert at.sidebar.metric[0].value == _total(prof)


HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "**粗体**<b>b</b>",
    "![x](http://203.0.113.9/track.png)",
]


def _html_enabled_bodies(at) -> list[str]:
    """Bodies of every element that would be rendered as raw HTML."""
    from apptest_helpers import _walk

    out = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if getattr(proto, "allow_html", False):
            out.append(proto.body)
        if proto.DESCRIPTOR.name == "Html":
            out.append(proto.body)
    return out


# The one script the app writes itself (ui/theme.page_language): a fixed string per language.
_APP_SCRIPTS = {'<script>document.documentElement.lang = "zh-CN";</script>',
                '<script>document.documentElement.lang = "en";</script>'}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_never_rendered_as_html(name):
    at = new_app()
    load_example(at, "drama_studio.json")
    at.text_input(key="w:enterprise.name").set_value(name).run()
    prof = at.session_state["profile"]
    prof["projects"][0]["name"] = name + "作品"
    shown = []
    for page in ("overview", "projects", "results", "policy"):
        go(at, page)
        no_traceback(at)
        shown.append(all_text(at))
        for body in _html_enabled_bodies(at):
            if body in _APP_SCRIPTS:  # the app's own fixed script setting <html lang>, never user text
                continue
            assert "onerror" not in body and "<script" not in body and "203.0.113.9" not in body, (page, body)
    assert at.session_state["profile"]["enterprise"]["name"] == name
    assert name + "作品" in "\n".join(shown)  # shown somewhere, as text (the browser test checks the rendering)
