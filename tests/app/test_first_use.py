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
    "zh": ["按项目投资费用900.00 万元 × 30% = 270.00 万元测算，单项上限 200.00 万元",
           "按项目投资额300.00 万元 × 30% = 90.00 万元测算，单项上限 300.00 万元",
           "测算基数：项目投资额180.00 万元（比例 30%）",
           "按研发费用投入650.00 万元 × 30% = 195.00 万元测算，单项上限 300.00 万元"],
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
        assert line in shown.replace("\\", ""), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_page_lists_every_unmet_reason(lang):
    at = new_app(lang)
    at.run()
    load(at, "not_yet_eligible.json")
    at.switch_page("pages/results.py").run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    heading = "暂不符合的原因" if lang == "zh" else "Why an item is not yet eligible"
    assert heading in [h.value for h in at.subheader]
    if lang == "zh":
        for reason in ("相关企业占比 28%，需超过 30%（还差 2 个百分点以上）",
                       "相关企业 42 家，需 50 家以上（还差 8 家）",
                       "投资额 1,500,000 元，需达到 2,000,000 元（含）以上（还差 500,000 元）",
                       "研发攻关须已应用并取得成效",
                       "未开展微短剧人才培训"):
            assert reason in text, reason
        assert "第4.2项" in text and "「校企合作剧本工坊」" in text
