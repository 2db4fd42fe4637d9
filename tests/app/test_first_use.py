"""What a first-time user and a leadership demo trip over (issue 17), in AppTest, both languages.

Expected texts are written out from the examples' own figures (content/examples), not computed
with the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import new_app


def load(at, name):
    at.sidebar.selectbox(key="example_choice").select(name).run()
    return at


def card_texts(at) -> list[str]:
    return [m.value for m in at.markdown if "\n### " in m.value]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_example_keeps_the_reading_and_the_date(lang):
    at = new_app(lang)
    at.run()
    at.sidebar.radio(key="w:interpretation").set_value("strict").run()
    at.sidebar.date_input(key="w:as_of").set_value(dt.date(2027, 1, 15)).run()
    load(at, "drama_studio.json")  # its file says 2026-11-27 and the default reading
    profile = at.session_state["profile"]
    assert profile["interpretation"] == "strict"
    assert profile["as_of"] == "2027-01-15"
    assert profile["enterprise"]["name"] == "春申短剧影业有限公司"
    assert at.sidebar.radio(key="w:interpretation").value == "strict"
    assert at.sidebar.date_input(key="w:as_of").value == dt.date(2027, 1, 15)
    message = " ".join(s.value for s in at.sidebar.success)
    if lang == "zh":
        assert "2027年1月15日" in message and "严格口径" in message
    else:
        assert "15 Jan 2027" in message and "Strict" in message


# tech_firm.json: platform 4.1「虚拟制片公共服务平台」invests 9,000,000 yuan, national and municipal:
# 9,000,000 x 30% = 2,700,000 yuan, capped at the national 2,000,000; 4.2「实时渲染引擎产学研项目」
# 3,000,000 x 30% = 900,000 under its 3,000,000 cap; R&D 6,500,000 x 30% = 1,950,000.
CARD_BASES = {
    "zh": ["按项目投资费用 900.00 万元 × 30% = 270.00 万元测算，单项上限 200.00 万元",
           "按项目投资额 300.00 万元 × 30% = 90.00 万元测算，单项上限 300.00 万元",
           "测算基数：项目投资额 180.00 万元（比例 30%）",
           "按研发费用投入 650.00 万元 × 30% = 195.00 万元测算，单项上限 300.00 万元"],
    "en": ["Project investment 900.00 ×10k yuan × 30% = 270.00 ×10k yuan; item cap 200.00 ×10k yuan",
           "Project investment 300.00 ×10k yuan × 30% = 90.00 ×10k yuan; item cap 300.00 ×10k yuan",
           "Base: Project investment 180.00 ×10k yuan (rate 30%)",
           "R&D expenditure 650.00 ×10k yuan × 30% = 195.00 ×10k yuan; item cap 300.00 ×10k yuan"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cards_show_the_figures_their_amount_rests_on(lang):
    at = new_app(lang)
    at.run()
    load(at, "tech_firm.json")
    at.switch_page("pages/technology.py").run()
    assert not at.exception
    shown = "\n".join(at.markdown[i].value for i in range(len(at.markdown)))
    # the picker shows one platform's cards at a time: choose each subject in turn
    for picker in at.selectbox:
        if picker.key and picker.key.startswith("sections_subject_"):
            for option in picker.options:
                picker.select(option).run()
                shown += "\n".join(m.value for m in at.markdown)
    for line in CARD_BASES[lang]:
        assert line in shown.replace("\\", "").replace("\u2060", ""), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_page_lists_every_unmet_reason(lang):
    at = new_app(lang)
    at.run()
    load(at, "not_yet_eligible.json")
    at.switch_page("pages/results.py").run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown).replace("\\", "").replace("\u2060", "")  # md()'s escapes
    heading = "暂不符合的原因" if lang == "zh" else "Why an item is not yet eligible"
    assert heading in [h.value for h in at.subheader]
    if lang == "zh":
        for reason in ("相关企业占比 28%，需超过 30%（还差 2 个百分点以上）",
                       "相关企业 42 家，需 50 家以上（还差 8 家）",
                       "合作项目投资总额 150.00 万元，需达到 200.00 万元（含）以上（还差 50.00 万元）",
                       "研发攻关须已应用并取得成效",
                       "未开展微短剧人才培训"):
            assert reason in text, reason
        assert "第4.2项" in text and "「校企合作剧本工坊」" in text


def test_english_interface_strings_hold_no_chinese():
    """Only the language switch's own label is bilingual ("语言 Language")."""
    import re

    from ui.i18n import strings

    leaks = {k: v["en"] for k, v in strings().items() if re.search(r"[\u4e00-\u9fff]", v.get("en", ""))}
    assert leaks == {"sidebar.language": "语言 Language"}


def test_every_example_has_a_whole_name_in_both_languages():
    """A comma in an unquoted YAML flow mapping cut "Drama studio (articles 2, 3)" to "…(articles 2"."""
    from calculators.content import load_yaml

    names = {e["file"]: e["name"] for e in load_yaml("examples/index.yaml")}
    assert names["drama_studio.json"] == {"zh": "微短剧制作公司（第2、3条）", "en": "Drama studio (articles 2, 3)"}
    assert names["tech_firm.json"] == {"zh": "科技企业（第4、5条）", "en": "Technology firm (articles 4, 5)"}
    assert all(set(n) == {"zh", "en"} for n in names.values())



@pytest.mark.parametrize("page", ["pages/overview.py", "pages/results.py", "pages/projects.py",
                                  "pages/carriers.py"])
def test_an_expired_date_is_explained_where_the_zeros_are(page):
    at = new_app("zh")
    at.run()
    load(at, "park_operator.json")
    at.sidebar.date_input(key="w:as_of").set_value(dt.date(2028, 6, 1)).run()
    at.switch_page(page).run()
    assert not at.exception
    main = [w.value for w in at.main.warning]
    assert ("测算日期 2028年6月1日 已超过政策有效期（至 2028年3月13日），各项均不可申报，金额均为 0。"
            "请在左侧“测算设置”中修改测算日期。") in main


def test_talent_page_with_nothing_entered_speaks_of_its_own_inputs():
    at = new_app("zh")
    at.run()
    at.switch_page("pages/talent.py").run()
    shown = [i.value for i in at.info]
    assert "在上方填写春申人才计划申报人选、是否牵头重点项目或培训人次后，这里显示测算结果。" in shown
    assert not any("表格" in s for s in shown)


def test_supplementary_articles_are_headed_by_their_number_only():
    at = new_app("zh")
    at.run()
    at.switch_page("pages/policy.py").run()
    texts = [m.value for m in at.markdown]
    heading = next(v for v in texts if v.startswith("### 附则第2条"))
    assert heading.split("\n\n")[0] == "### 附则第2条"
    assert heading.count("限制或取消其扶持资格") == 1


def test_long_axis_titles_wrap_at_a_natural_break():
    """Plotly never wraps a title: on a 390 px phone a long one ran off the screen."""
    from ui.components import chart_title

    assert chart_title("各项条件：您的数值与达标线（100% 即达标线）") == "各项条件：您的数值与达标线<br>（100% 即达标线）"
    assert chart_title("测算曲线：创新应用场景一次性扶持") == "测算曲线：创新应用场景一次性扶持"  # 16 hanzi fit
    assert chart_title("What if: Innovative venue one-off support") == "What if:<br>Innovative venue one-off support"
