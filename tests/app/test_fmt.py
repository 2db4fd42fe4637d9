"""How the interface writes amounts, dates and user text."""

import pytest
from conftest import new_app

from ui.fmt import md, plot_text, wan, yuan


@pytest.mark.parametrize(("value", "shown"), [(0, "0.00"), (2_400_000, "240.00"), (99, "0.00"), (123_456_789, "12,345.67")])
def test_wan_has_two_decimals_and_never_rounds_up(value, shown):
    assert wan(value) == shown


def test_yuan_has_thousands_separators():
    assert yuan(92_000_000) == "92,000,000"


@pytest.mark.parametrize(("text", "literal"), [
    ("![t](http://203.0.113.9/t.png)", "\\!\\[t\\](http\\:\u2060//203.0.113.9/t.png)"),
    ("<script>x</script>", "\\<script\\>x\\</script\\>"),
    (":material/home: :red[x]", "\\:material/home\\: \\:red\\[x\\]"),
    ("# 标题", "\\# 标题"),
    ("1. 第一", "1\\. 第一"),
    ("- 列表", "\\- 列表"),
    ("$x$ a_b*c", "\\$x\\$ a\\_b\\*c"),
    # issue 15: \r is a line break too; bare www., http:// and e-mail addresses are autolinks (a word
    # joiner U+2060 breaks them); & starts an entity
    ("\r\r# 补贴已到账，请访问 www.evil.example 领取", "\\# 补贴已到账，请访问 www\u2060.evil.example 领取"),
    ("甲\r\n- 乙\u2028> 丙", "甲 - 乙 \\> 丙"),
    ("WwW.evil.example", "WwW\u2060.evil.example"),
    ("a@evil.example", "a\u2060\\@evil.example"),
    ("&lt;b&gt;", "\\&lt;b\\&gt;"),
    ("    缩进", "缩进"),
    ("营业收入同比增幅 8.5%（还差 1.5 个百分点）", "营业收入同比增幅 8.5%（还差 1.5 个百分点）"),
])
def test_md_makes_text_literal(text, literal):
    assert md(text) == literal


def test_plot_text_shows_tags_literally():
    assert plot_text('<a href="http://x">x</a>') == '&lt;a href="http://x"&gt;x&lt;/a&gt;'


def test_a_hostile_work_name_is_escaped_on_the_cards():
    at = new_app("zh")
    at.run()
    at.sidebar.selectbox(key="example_choice").select("drama_studio.json").run()
    hostile = "![t](http://203.0.113.9/t.png)"
    profile = at.session_state["profile"]
    profile["projects"][4]["name"] = hostile  # the work in review: shown on a card of the Results page
    at.session_state["profile"] = profile
    at.switch_page("pages/results.py").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert hostile not in shown and md(hostile) in shown


@pytest.mark.parametrize(("lang", "shown"), [("zh", "2026年3月14日"), ("en", "14 Mar 2026")])
def test_dates_are_in_the_languages_form(lang, shown):
    at = new_app(lang)
    at.run()
    assert shown in " ".join(c.value for c in at.sidebar.caption)
