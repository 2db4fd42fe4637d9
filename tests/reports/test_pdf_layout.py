"""The PDF report as a reader sees it: where each line sits, its size and its colour, what is filled.

Each expected place is worked out by hand from the report's design (A4 portrait, 15 mm margins, the
sizes and colours of the app) and fpdf2's layout rules: a cell's text starts 1 mm (its margin) inside it,
a table's 1.2 mm (its padding); a baseline sits at the middle of its line plus 0.3 × the font size. Text
widths come from the font's own advances (``pdf_layout.width``), never from the code under test.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from calculators import assess, validate_profile
from reports import build_pdf, build_pdf_or_notice
from reports import pdf as report
from tests.reports.pdf_layout import PT, layout, width

ROOT = Path(__file__).resolve().parents[2]
NUMBER = "闵文旅规〔2026〕1号"
INK, MUTED, HEAD_FILL = (33, 37, 41), (100, 100, 100), (221, 235, 247)
# the app's status colours (ui/theme.py): eligible green, not yet orange, review blue, superseded grey
GREEN, ORANGE, BLUE, GREY = (26, 127, 55), (196, 84, 12), (31, 111, 235), (140, 149, 159)


def drop(line: float, size: float) -> float:
    """fpdf2 sets a line's baseline at its middle plus 0.3 × the font size: this far below its top."""
    return line / 2 + 0.3 * size * PT


def baseline(top: float, line: float, size: float):
    """The baseline of a line ``line`` mm high from ``top``, to the hundredth of a mm the PDF holds."""
    return pytest.approx(top + drop(line, size), abs=0.011)


def profile_of(data):
    profile, problems = validate_profile(data)
    assert not problems
    return profile


def example(name: str) -> dict:
    return json.loads((ROOT / "content" / "examples" / f"{name}.json").read_text(encoding="utf-8"))


def fresh(lang: str = "zh", title: str = ""):
    pdf = report._make_pdf(NUMBER, lang, title)
    pdf.add_page()
    return pdf


def read(pdf):
    return layout(bytes(pdf.output()))


# --- the document -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, lang_tag, footer", [("zh", "zh-CN", f"{NUMBER}    第 1 页 / 共 1 页"),
                                                    ("en", "en", f"{NUMBER}    Page 1 of 1")])
def test_a4_portrait_with_its_metadata_and_a_centred_footer(lang, lang_tag, footer):
    pdf = fresh(lang, "测算报告 - 甲公司")
    assert (pdf.l_margin, pdf.t_margin, pdf.r_margin) == (15, 15, 15)
    assert pdf.auto_page_break and pdf.b_margin == 18
    pages, reader = read(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (595.28, 841.89)  # 210 × 297 mm
    meta = reader.metadata
    assert (meta.title, meta.author, meta.creator) == ("测算报告 - 甲公司", NUMBER, "minhang-microdrama-calculator")
    assert reader.trailer["/Root"]["/Lang"] == lang_tag
    run = pages[0].one(footer)
    # the footer's cell starts 12 mm above the bottom edge (285 mm), 6 mm high, across the page
    assert (run.size, run.colour, run.y) == (8, MUTED, baseline(285, 6, 8))
    assert abs(run.x + width(footer, 8) / 2 - 105) < 0.05  # centred on the page's middle


def test_a_document_without_a_title_has_no_title_or_author():
    pdf = report._make_pdf(NUMBER, "zh")  # as the notice of a failed report is made
    pdf.add_page()
    _, reader = read(pdf)
    assert reader.metadata.title is None and reader.metadata.author is None and reader.metadata.creator is None


def test_the_footer_counts_every_page():
    pdf = fresh("en")
    pdf.add_page()
    pdf.add_page()
    pages, _ = read(pdf)
    for n, page in enumerate(pages, 1):
        assert page.one(f"{NUMBER}    Page {n} of 3").y == 288.85


def test_chinese_fills_each_line_and_english_breaks_only_between_words():
    # 178 mm inside the cell margins; a hanzi at 9.5 pt is 1 em = 3.351 mm: 53 to a line
    zh = fresh("zh")
    report._para(zh, "二〇二六年度 " * 30)
    first = read(zh)[0][0].runs[0]
    assert width(first.text, 9.5) <= 178 < width(first.text, 9.5) + 9.5 * PT
    en = fresh("en")
    report._para(en, "policy " * 60)
    page = read(en)[0][0]
    lines = [r.text for r in page.runs if "policy" in r.text]
    assert len(lines) > 1 and all(set(line.split()) == {"policy"} for line in lines)
    assert page.spaced == 0  # ragged right: no line has its spaces widened to fill it (justified)


# --- the helpers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("compact, sizes, heights", [(False, (17, 10), (10, 6)), (True, (16, 9.5), (9, 5))])
def test_title_block(compact, sizes, heights):
    pdf = fresh()
    report._title_block(pdf, "微短剧产业扶持政策测算报告", ["第一行", "第二行"], compact=compact)
    assert pdf.get_y() == 15 + heights[0] + 2 * heights[1] and pdf.get_x() == 15
    page = read(pdf)[0][0]
    title, one, two = page.one("微短剧产业扶持政策测算报告"), page.one("第一行"), page.one("第二行")
    assert (title.size, title.colour, title.y) == (sizes[0], INK, baseline(15, heights[0], sizes[0]))
    assert (one.size, one.colour, one.y) == (sizes[1], MUTED, baseline(15 + heights[0], heights[1], sizes[1]))
    assert two.y == baseline(15 + heights[0] + heights[1], heights[1], sizes[1])
    for run in (title, one, two):
        assert abs(run.x + width(run.text, run.size) / 2 - 105) < 0.05


def test_heading_is_a_filled_band_and_leaves_body_text_size():
    pdf = fresh()
    report._heading(pdf, "测算结论")
    assert pdf.get_y() == pytest.approx(15 + 3 + 8 + 1.5) and pdf.font_size_pt == 9.5
    page = read(pdf)[0][0]
    run = page.one("测算结论")
    assert (run.size, run.colour, run.x, run.y) == (12.5, INK, 16, baseline(18, 8, 12.5))
    assert page.rects == [type(page.rects[0])(15, 18, 180, 8, HEAD_FILL)]


@pytest.mark.parametrize("below, pages", [(0, 1), (0.01, 2)])
def test_heading_starts_a_new_page_when_less_than_45_mm_are_left(below, pages):
    # 45 mm above the page's bottom edge (297 − 45 = 252 mm) the heading stays; a hair below, it moves
    # to the next page's top
    pdf = fresh()
    y = pdf.h - 45 + below
    pdf.set_y(y)
    report._heading(pdf, "申报材料清单")
    found = read(pdf)[0]
    assert len(found) == pages
    assert found[-1].one("申报材料清单").y == baseline((y if pages == 1 else 15) + 3, 8, 12.5)


def test_paragraph_sizes_colours_and_line_height():
    pdf = fresh()
    report._para(pdf, "甲" * 60)
    report._para(pdf, "乙", size=8.5, color=MUTED, h=4)
    pdf.cell(0, 5, "丙")
    runs = read(pdf)[0][0].runs
    first, second, muted, after = runs[0], runs[1], runs[2], runs[3]
    assert (first.text, first.size, first.colour, first.x) == ("甲" * 53, 9.5, INK, 16)
    assert (first.y, second.y) == (baseline(15, 5.2, 9.5), baseline(20.2, 5.2, 9.5))
    assert (muted.size, muted.colour, muted.y) == (8.5, MUTED, baseline(25.4, 4, 8.5))
    assert (after.colour, after.x) == (INK, 16)  # ink again after a muted paragraph, from the left margin


def test_table_heading_columns_padding_alignment_and_styles():
    from fpdf.fonts import FontFace

    pdf = fresh()
    red = FontFace(family=report.FONT, emphasis="", color=(200, 0, 0))
    report._table(pdf, ["项", "金额"], [["甲\n乙", "1.00"], ["丙", "22.50"]], [20, 40],
                  styles=[[None, red], [None, None]], aligns=["L", "R"])
    page = read(pdf)[0][0]
    # a 60 mm table is centred between the margins: it starts at 15 + (180 − 60) / 2 = 75 mm
    heads = [r for r in page.rects if r.colour == HEAD_FILL and r.top == 15]
    assert [(r.x, r.w, r.h) for r in heads] == [(75, 20, 7), (95, 40, 7)]  # 4.6 mm a line + 2 × 1.2 mm
    head = page.one("项")
    assert (head.x, head.y, head.size, head.colour) == (76.2, baseline(16.2, 4.6, 8.5), 8.5, INK)
    one, two = page.one("甲"), page.one("乙")
    assert (one.x, one.y, two.y) == (76.2, baseline(23.2, 4.6, 8.5), baseline(27.8, 4.6, 8.5))
    amount = page.one("1.00")  # right-aligned, 1.2 mm inside the column's right edge (135 mm), at the top
    assert (round(amount.x + width("1.00", 8.5), 1), amount.y, amount.colour) == (133.8, one.y, (200, 0, 0))
    last = page.one("22.50")  # the second row starts below the two-line first: 22 + 4.6 × 2 + 2.4
    assert (round(last.x + width("22.50", 8.5), 1), last.y, last.colour) == (133.8, baseline(34.8, 4.6, 8.5), INK)
    # horizontal lines only, between rows, never down the sides, and no frames
    assert page.lines and all(y1 == y2 for _x1, y1, _x2, y2 in page.lines) and page.boxes == []


def test_a_long_table_repeats_its_heading_row_on_the_next_page():
    pdf = fresh()
    report._table(pdf, ["项", "名称"], [[str(i), "甲"] for i in range(40)], [90, 90], size=9)
    pages = read(pdf)[0]
    assert len(pages) == 2 and pages[1].one("项").y == baseline(16.2, 4.6, 9) and pages[1].one("项").size == 9


def test_info_rows_have_muted_labels_and_no_borders():
    pdf = fresh()
    report._info(pdf, [("企业名称", "甲公司"), ("", "乙")])
    page = read(pdf)[0][0]
    label, value, second = page.one("企业名称"), page.one("甲公司"), page.one("乙")
    # labels 38 mm wide; 5.2 mm a line and 1.2 mm padding: a row of one line is 7.6 mm
    assert (label.x, label.y, label.size, label.colour) == (16.2, baseline(16.2, 5.2, 9.5), 9.5, MUTED)
    assert (value.x, value.y, value.size) == (54.2, label.y, 9.5)
    assert (second.x, second.y) == (54.2, baseline(23.8, 5.2, 9.5))
    assert page.lines == [] and page.rects == [] and page.boxes == []  # no rules, no fills, no frames


def test_printable_one_line_and_dates():
    assert report._printable("甲🎬\n乙") == "甲□\n乙" and report._printable(None) == ""
    # spaces the font lacks: the full-width space of Chinese typing, a no-break space, a tab
    assert report._printable("甲\u3000公司\u00a0A\tB") == "甲 公司 A B"
    assert report._printable(report.NB) == "□"  # the page-count alias is no space
    assert report._printable(12) == "12"
    assert report._one_line("甲\r\n乙\r丙\n丁\u2028戊\x85己\v庚\f辛\u2029壬") == "甲 乙 丙 丁 戊 己 庚 辛 壬"
    assert report._one_line(None) == ""
    from datetime import date
    assert report._date(date(2027, 3, 1), "zh") == "2027 年 3 月 1 日"
    assert report._date(date(2027, 3, 1), "en") == "2027-03-01"


# --- the whole report ---------------------------------------------------------------------------------

HEADINGS = {
    "zh": ["测算结论", "逐项测算结果", "分项合计（已计每年上限）", "需评审认定的项目", "申报材料清单", "提示",
           "所依据的政策条款原文", "免责声明"],
    "en": ["Summary", "Item by item", "Totals per item and year (after yearly caps)",
           "Items that need the bureau's review", "Materials to prepare", "Notes",
           "The clauses these results rest on", "Disclaimer"],
}


@pytest.fixture
def drama_studio():
    """The drama studio's report in a language, built anew for each test: mutmut picks the tests to run
    for a mutant by the calls it saw each test make, and a report built once for the module was seen
    only by the first test to ask for it (the line-by-line tests never ran against build_pdf's mutants)."""
    profile = profile_of(example("drama_studio"))

    def report_in(lang):
        return layout(build_pdf(assess(profile, lang), profile, lang))
    return report_in


def runs_of(pages):
    return [r for page in pages for r in page.runs]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_section_heading_in_order_on_its_band(drama_studio, lang):
    pages, _ = drama_studio(lang)
    found = []
    for page in pages:
        bands = [r for r in page.rects if r.w == 180 and r.h == 8]
        for run in page.runs:
            if run.size == 12.5:
                found.append(run.text)
                assert run.colour == INK and run.x == 16
                assert any(b.colour == HEAD_FILL and b.top < run.y < b.top + 8 for b in bands), run.text
    assert found == HEADINGS[lang]


def test_the_chinese_report_line_by_line(drama_studio):
    pages, reader = drama_studio("zh")
    assert reader.metadata.title == "微短剧产业扶持政策测算报告 - 春申短剧影业有限公司"
    assert reader.metadata.author == NUMBER
    first = pages[0]
    title = first.one("微短剧产业扶持政策测算报告")
    assert (title.size, title.colour, title.y) == (17, INK, baseline(15, 10, 17))
    policy = first.one("闵行区关于促进微短剧产业发展的若干措施（闵文旅规〔2026〕1号）")
    assert (policy.size, policy.colour) == (10, MUTED)
    # the facts under the title, label beside value, from 4 mm below the title block (35 mm)
    facts = [("企业名称", "春申短剧影业有限公司"), ("测算日期", "2026 年 11 月 27 日"),
             ("政策有效期", "测算日期在有效期内（2026-03-14 至 2028-03-13）"), ("就高不重复口径", "默认口径")]
    for label, value in facts:
        assert (first.one(label).x, first.one(value).x, first.one(value).y) == (16.2, 54.2, first.one(label).y)
    assert first.one("企业名称").y == baseline(36.2, 5.2, 9.5)
    assert first.one("默认口径：各项可叠加；入围与获得市级专项资金为同一资金两个阶段（按获得计）；专业化").x == 54.2
    total = first.one("合计最高可达  814.00 万元（8,140,000 元）")
    assert (total.size, total.colour, total.x) == (14, GREEN, 16)
    review = first.one("需评审认定项目另可达  62.00 万元（620,000 元）")  # 2.3 60 万元 + 3.1 2 万元
    assert (review.size, review.colour, review.y) == (10.5, BLUE, baseline(total.y - drop(8, 14) + 8, 6, 10.5))
    counts = first.one("可申报 13 项，暂不符合 9 项，需评审认定 3 项，已按就高不重复 1 项")
    assert (counts.size, counts.colour) == (9.5, MUTED)
    # the items table: columns 9, 42, 11, 17, 19, 70, 12 mm from the left margin, the unit under its heading
    for text, x in (("项", 16.2), ("扶持项目", 25.2), ("年度", 67.2), ("状态", 78.2), ("最高可达", 95.2),
                    ("原因与说明", 114.2), ("依据", 184.2)):
        assert first.one(text).x == x and first.one(text).size == 8.5
    assert first.one("（万元）").y == round(first.one("最高可达").y + 4.6, 2)
    runs = runs_of(pages)
    status = {r.text: r.colour for r in runs if r.x == 78.2}
    assert (status["可申报"], status["暂不符合"], status["已按就高"], status["需评审认"]) == (GREEN, ORANGE, GREY, BLUE)
    work = [r for r in first.runs if r.y == round(first.find("「申城寻味记」")[0].y - 4.6, 2)]
    assert [(r.text, r.colour) for r in work] == [
        ("2.1", INK), ("市级专项资金扶持项目配套", INK), ("2026", INK), ("可申报", GREEN), ("300.00", GREEN),
        ("原文为“给予一定扶持”，最高可达金额为上限，", INK), ("第2条", INK)]
    row_top = first.find("「申城寻味记」")[0].y - 4.6
    assert [r.text for r in first.runs if r.x == 114.2 and row_top <= r.y < row_top + 14] == [
        "原文为“给予一定扶持”，最高可达金额为上限，", "实际金额以区文旅局评审为准", "计入 2026 年度（按所填年度）"]
    # Chinese wraps between any two characters: the 70 mm reason column is filled, not broken at a space
    texts = [r.text for r in runs]
    assert "单个企业每年不超过 200.00 万元：2026 年本项各" in texts and "申报对象合计 300.00 万元，按 200.00 万元计" in texts
    # the totals table: amounts right-aligned 1.2 mm inside their columns (10, 52, 14, 36, 36, 32 mm)
    heads = {r.text: r.x for r in runs if r.x in (92.2, 128.2, 164.2)}
    assert heads["各对象合计（万元）"] == 92.2 and heads["计入合计（万元）"] == 164.2
    assert heads["单个企业每年上限（万元"] == 128.2  # the narrow column wraps its last character
    grand = [r for r in runs if r.text == "814.00" and r.size == 8.5]
    assert len(grand) == 1 and round(grand[0].x + width("814.00", 8.5), 1) == 193.8
    cap = [r for r in runs if r.text == "200.00" and r.size == 8.5 and r.x > 127]
    assert [round(r.x + width("200.00", 8.5), 1) for r in cap] == [161.8, 193.8]  # 2.2: its cap, counted
    assert [r.x for r in runs if r.text == "合计最高可达" and r.size == 8.5] == [26.2]
    # the review, the materials, the notes, the clauses, the disclaimer
    lines = {r.text: r for r in runs if r.size != 8.5 or r.colour == MUTED}
    for text, size, colour in (
            ("· [2.3] 主要平台播出项目「虹桥来客」：60.00 万元", 9.5, INK),
            ("仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定", 8.5, MUTED),
            ("· [7] 专业人才引育保障：以评审及规定为准", 9.5, INK),
            ("[2.1] 市级专项资金扶持项目配套", 10, INK), ("□ 市级微短剧专项资金扶持立项或拨付文件", 9, INK),
            ("· 同一项目享受本区同层级、同类型其他扶持政策的，按就高不重复原则只能享受其一", 9.5, INK),
            ("[2.1] 市级专项资金扶持项目配套（第2条）", 9.5, INK),
            ("对新获得市级微短剧专项资金扶持的优秀微短剧及相关项目给予一定扶持，最高不超过 300 万元", 8.5, MUTED)):
        assert (lines[text].size, lines[text].colour, lines[text].x) == (size, colour, 16), text
    assert lines["仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定"].y - \
        lines["· [2.3] 主要平台播出项目「虹桥来客」：60.00 万元"].y == pytest.approx(5.09, abs=0.01)
    disclaimer = [r for r in pages[-1].runs if r.text.startswith("本报告依据")]
    assert len(disclaimer) == 1 and (disclaimer[0].size, disclaimer[0].colour) == (9, INK)
    for n, page in enumerate(pages, 1):
        assert page.one(f"{NUMBER}    第 {n} 页 / 共 {len(pages)} 页").y == 288.85
        assert page.spaced == 0  # no line of a cell or a paragraph has its spaces widened (justified)


def test_the_english_report_line_by_line(drama_studio):
    pages, reader = drama_studio("en")
    assert reader.metadata.title == "Micro-drama support policy consultation report - 春申短剧影业有限公司"
    runs = runs_of(pages)
    texts = [r.text for r in runs]
    for text in ("Enterprise", "Assessment date", "2026-11-27", "Policy in force", "default reading",
                 "Total, up to  8,140,000 yuan (814.00 ×10k)",
                 "Items in review could add up to  620,000 yuan (62.00 ×10k)",
                 "13 eligible, 9 not yet, 3 in review, 1 not added (no duplication)",
                 "· [2.3] Broadcast on a major platform “虹桥来客”: 60.00 ×10k yuan",
                 "· [7] Talent attraction and support: set by review", "“申城寻味记”", "Up to", "(×10k"):
        assert text in texts, text
    assert "[2.1] Municipal special fund award (Art. 2)" in " ".join(texts)
    first = pages[0]
    title = first.one("Micro-drama support policy consultation report")
    assert (title.size, title.colour, title.y) == (17, INK, baseline(15, 10, 17))
    facts = [("Enterprise", "春申短剧影业有限公司"), ("Assessment date", "2026-11-27"),
             ("Policy in force", "The assessment date is within the policy's validity (2026-03-14 to 2028-03-13)"),
             ("Reading of the", "default reading")]
    for label, value in facts:
        assert (first.one(label).x, first.one(value).x, first.one(value).y) == (16.2, 54.2, first.one(label).y)
    assert first.one("no-duplication rule").x == 16.2
    assert first.one("Default reading: the items stack, except that shortlist and award of the municipal fund").x == 54.2
    assert first.one("Minhang District's measures to promote the micro-short-drama industry (闵文旅规〔2026〕1号)").size == 10
    for text, x in (("Item", 16.2), ("Support", 25.2), ("Year", 67.2), ("Status", 78.2), ("Up to", 95.2),
                    ("Reasons and notes", 114.2), ("Clause", 184.2)):
        assert first.one(text).x == x
    for text, x in (("Sum of subjects (×10k", 92.2), ("Yearly cap per", 128.2), ("Counted (×10k", 164.2),
                    ("enterprise (×10k yuan)", 128.2)):
        assert [r.x for r in runs if r.text == text] == [x], text
    status = {r.text: r.colour for r in runs if r.x == 78.2}
    assert (status["Eligible"], status["Not yet"]) == (GREEN, ORANGE)
    reasons = [r.text for r in first.runs if r.x == 114.2]
    assert reasons[:4] == ["Reasons and notes", "The text says 'support may be given': the figure",
                           "is a ceiling, and the bureau's review sets the", "award"]
    assert "Not met: Not awarded the municipal" in [r.text for r in runs if r.x == 114.2]
    assert not [t for t in texts if "“”" in t]  # an item with no subject (7) has no empty quotes
    names = [r.text for r in first.runs if r.x == 25.2]
    assert names[:4] == ["Support", "Municipal special fund", "award", "“申城寻味记”"]  # the item in English
    # item 7 has no amount: "set by review", in English, in the review colour
    assert [(r.text, r.colour) for r in runs if r.x == 95.2 and r.text in ("set by", "review")] == [
        ("set by", BLUE), ("review", BLUE)]
    assert {r.text for r in runs if r.x == 184.2} == {"Clause", "Art. 2", "Art. 3", "Art. 7"}
    assert any(r.text.startswith("This report applies the Minhang measures") and r.size == 9 for r in runs)
    assert [r.text for r in runs if r.text.startswith("Total, up to") and r.size == 8.5] == ["Total, up to"]
    # the unit starts a line of its own under "Up to" (the narrow column wraps it once more)
    assert pages[0].one("Up to").y + 4.6 == pytest.approx(pages[0].one("(×10k").y, abs=0.01)
    for n, page in enumerate(pages, 1):
        assert page.one(f"{NUMBER}    Page {n} of {len(pages)}").size == 8


STRICT = {
    "as_of": "2026-11-27", "interpretation": "strict",
    "enterprise": {"name": "甲影业\n有限公司", "registered_in_minhang": True, "credit_code": "91330100716105852F"},
    "projects": [
        {"name": "作品一", "municipal_fund": "shortlisted", "platforms": ["douyin"]},
        {"name": "作品二", "municipal_fund": "shortlisted", "platforms": ["douyin"]},
        {"name": "作品三", "municipal_fund": "shortlisted", "platforms": ["douyin"]},
        {"name": "作品四", "municipal_fund": "none", "platforms": ["other"], "local_culture_minutes": 2},
    ],
    "talent": {"chunshen_candidates": 1},
}


def test_a_strict_report_every_section_in_its_size_and_colour():
    """One report with every section: the credit code, each work's claim (strict reading), items in
    review (one unquantified), materials, a note. 作品一 and 作品二 claim 2.2 (100 万元 each, the 200 万元
    yearly cap), 作品三 2.3 (60 万元): 260 万元; 作品四 in review: 2.3 60 万元 + 3.1 2 万元 = 62 万元."""
    profile = profile_of(STRICT)
    pages, reader = layout(build_pdf(assess(profile, "zh"), profile, "zh"))
    first = pages[0]
    assert reader.metadata.title == "微短剧产业扶持政策测算报告 - 甲影业 有限公司"  # one line, as typed
    # the facts from 4 mm below the title block (15 + 10 + 6 + 4 = 35 mm), 7.6 mm a row
    facts = [("企业名称", "甲影业 有限公司"), ("统一社会信用代码", "91330100716105852F"),
             ("测算日期", "2026 年 11 月 27 日"), ("政策有效期", "测算日期在有效期内（2026-03-14 至 2028-03-13）"),
             ("就高不重复口径", "严格口径")]
    for row, (label, value) in enumerate(facts):
        assert (first.one(label).x, first.one(label).y) == (16.2, baseline(36.2 + 7.6 * row, 5.2, 9.5)), label
        assert (first.one(value).x, first.one(value).y) == (54.2, first.one(label).y), value
    reading = first.one("严格口径：同一作品在 2.1、2.2、2.3、3.2 项中只计一项，按全企业扣除每年上限后合计最高")
    assert (reading.x, reading.y) == (54.2, baseline(36.2 + 7.6 * 5, 5.2, 9.5))
    runs = runs_of(pages)
    assert [r.text for r in runs if r.size == 12.5] == [
        "测算结论", "逐项测算结果", "严格口径下各作品所计项目", "分项合计（已计每年上限）", "需评审认定的项目",
        "申报材料清单", "提示", "所依据的政策条款原文", "免责声明"]
    band = [r for r in first.rects if r.w == 180 and r.h == 8][0]  # the summary's heading
    total = first.one("合计最高可达  260.00 万元（2,600,000 元）")
    review = first.one("需评审认定项目另可达  62.00 万元（620,000 元）")
    counts = first.one("可申报 3 项，暂不符合 12 项，需评审认定 3 项，已按就高不重复 3 项")
    assert (total.size, total.colour, total.x, total.y) == (14, GREEN, 16, baseline(band.top + 8 + 1.5, 8, 14))
    assert (review.size, review.colour, review.y) == (10.5, BLUE, baseline(band.top + 17.5, 6, 10.5))
    assert (counts.size, counts.colour, counts.y) == (9.5, MUTED, baseline(band.top + 23.5, 5.2, 9.5))
    lines = {r.text: r for r in runs}
    for text, size, colour in (
            ("· 「作品一」按第2.2项计：严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 100.00 万元）",
             9, INK),
            ("· 「作品二」按第2.2项计：严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 100.00 万元）",
             9, INK),
            ("· [2.3] 主要平台播出项目「作品四」：60.00 万元", 9.5, INK),
            ("仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定", 8.5, MUTED),
            ("· [3.1] 在地文化内容额外扶持「作品四」：2.00 万元", 9.5, INK),
            ("· [7] 专业人才引育保障：以评审及规定为准", 9.5, INK),
            ("春申人才计划申报人选 1 人；牵头重点项目或长期合作：否", 8.5, MUTED),
            ("[2.2] 市级专项资金评审入围项目", 10, INK), ("□ 市级微短剧专项资金评审入围通知或名单", 9, INK),
            ("□ 项目备案及上线证明", 9, INK),
            ("· 同一项目享受本区同层级、同类型其他扶持政策的，按就高不重复原则只能享受其一", 9.5, INK),
            ("[2.1] 市级专项资金扶持项目配套（第2条）", 9.5, INK),
            ("对新获得市级微短剧专项资金扶持的优秀微短剧及相关项目给予一定扶持，最高不超过 300 万元", 8.5, MUTED)):
        assert (lines[text].size, lines[text].colour, lines[text].x) == (size, colour, 16), text
    # one paragraph after another: 5.2 mm a line, whatever the size (baselines move with the size)
    pairs = (("· 「作品一」按第2.2项计：严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 100.00 万元）", 9,
              "· 「作品二」按第2.2项计：严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 100.00 万元）", 9),
             ("· [2.3] 主要平台播出项目「作品四」：60.00 万元", 9.5, "仅在其他平台播出，是否属于“等主要网络视听平台”需评审认定", 8.5),
             ("[2.2] 市级专项资金评审入围项目", 10, "□ 市级微短剧专项资金评审入围通知或名单", 9),
             ("[2.1] 市级专项资金扶持项目配套（第2条）", 9.5,
              "对新获得市级微短剧专项资金扶持的优秀微短剧及相关项目给予一定扶持，最高不超过 300 万元", 8.5))
    for above, size_above, below, size_below in pairs:
        top = lines[above].y - drop(5.2, size_above)
        assert lines[below].y == baseline(top + 5.2, 5.2, size_below), below
    disclaimer = [r for r in runs if r.text.startswith("本报告依据")]
    assert len(disclaimer) == 1 and (disclaimer[0].size, disclaimer[0].colour, disclaimer[0].x) == (9, INK, 16)
    # an item with no subject (7, talent) is named alone, with nothing after it
    assert [r.text for r in runs if r.x == 25.2 and r.text.startswith("专业人才引育保障")] == ["专业人才引育保障"]
    # the amounts in the items table are in their status's colour: 作品一's 2.2 (eligible), 作品四's 2.3 (review)
    amounts = [(r.text, r.colour) for r in runs if r.x == 95.2 and r.text in ("100.00", "60.00")]
    assert ("100.00", GREEN) in amounts and ("60.00", BLUE) in amounts


def test_the_english_strict_report_names_the_credit_code_and_the_claims():
    profile = profile_of(STRICT)
    pages, _ = layout(build_pdf(assess(profile, "en"), profile, "en"))
    first, runs = pages[0], runs_of(pages)
    assert first.one("Unified social credit").y == first.one("91330100716105852F").y and first.one("code").x == 16.2
    assert first.one("strict reading").x == 54.2
    assert [r.text for r in runs if r.size == 12.5][2] == "Strict reading: the item each work claims"
    assert any(r.text.startswith("· “作品一” claims 2.2") and r.size == 9 for r in runs)


def test_a_date_outside_the_policys_validity_says_so():
    # in force 2026-03-14 to 2028-03-13 (two years from the day after 2026-03-13): the next day is outside
    profile = profile_of({"as_of": "2028-03-14", "enterprise": {"name": "空白企业"}})
    first = layout(build_pdf(assess(profile, "zh"), profile, "zh"))[0][0]
    line = first.one("测算日期不在有效期内（2026-03-14 至 2028-03-13），各项均不可申报")
    assert (line.x, line.y) == (54.2, first.one("政策有效期").y)
    assert first.one("2028 年 3 月 14 日").x == 54.2


def test_an_empty_report_says_so_in_each_section():
    profile = profile_of({"as_of": "2026-11-27", "enterprise": {"name": "空白企业"}})
    for lang, lines, absent in (
            ("zh", ["未填写任何扶持项目的信息。", "无", "暂无可申报或需评审认定的项目，无需准备材料。"],
             ["分项合计（已计每年上限）", "严格口径下各作品所计项目", "提示", "统一社会信用代码", "需评审认定项目另可达"]),
            ("en", ["No section was filled in.", "None",
                    "No item is eligible or in review, so there is nothing to prepare yet."],
             ["Totals per item and year (after yearly caps)", "Notes", "Items in review could add up to"])):
        pages, _ = layout(build_pdf(assess(profile, lang), profile, lang))
        texts = [r.text for r in runs_of(pages)]
        for line in lines:
            found = [r for r in runs_of(pages) if r.text == line]
            assert len(found) == 1 and (found[0].size, found[0].colour, found[0].x) == (9.5, INK, 16), line
        assert not any(t.startswith(a) for t in texts for a in absent)
        assert [r for r in runs_of(pages) if r.size == 14][0].text.startswith(("合计最高可达  0.00 万元",
                                                                               "Total, up to  0 yuan (0.00 ×10k)"))


@pytest.mark.parametrize("lang, start", [
    ("zh", "未能生成测算报告（ValueError）。页面上的测算结果不受影响"),
    ("en", "The report could not be made (ValueError). The results on the page")])
def test_a_report_that_cannot_be_made_is_a_one_page_notice(monkeypatch, caplog, lang, start):
    def broken(*_args, **_kwargs):
        raise ValueError("boom")

    profile = profile_of(example("drama_studio"))
    a = assess(profile, lang)
    monkeypatch.setattr(report, "build_pdf", broken)
    with caplog.at_level(logging.ERROR, logger="reports.pdf"):
        pages, reader = layout(build_pdf_or_notice(a, profile, lang))
    assert len(pages) == 1 and reader.metadata.title is None
    first = pages[0].runs[0]
    assert first.text.startswith(start) and (first.size, first.colour, first.x) == (11, INK, 16)
    assert pages[0].find(f"{NUMBER}    第 1 页 / 共 1 页" if lang == "zh" else f"{NUMBER}    Page 1 of 1")
    [record] = caplog.records
    assert (record.name, record.getMessage(), record.exc_info[0]) == ("reports.pdf", "PDF report failed", ValueError)


def test_the_report_is_chinese_unless_told_otherwise_and_needs_no_profile():
    a = assess(profile_of({"as_of": "2026-11-27", "enterprise": {"name": "空白企业"}}), "zh")
    for made in (build_pdf(a), build_pdf_or_notice(a)):
        pages, reader = layout(made)
        first = pages[0]
        assert first.find("微短剧产业扶持政策测算报告") and first.find(f"{NUMBER}    第 1 页 / 共 1 页")
        assert first.one("2026 年 11 月 27 日").x == 54.2 and reader.trailer["/Root"]["/Lang"] == "zh-CN"
        assert not first.find("统一社会信用代码")


def test_the_report_behind_the_download_button_has_the_profiles_credit_code():
    profile = profile_of({"as_of": "2026-11-27", "enterprise": {"name": "甲", "credit_code": "91330100716105852F"}})
    first = layout(build_pdf_or_notice(assess(profile, "en"), profile, "en"))[0][0]
    assert first.one("91330100716105852F").x == 54.2 and first.find("Unified social credit")


def test_a_report_that_can_be_made_is_the_report():
    profile = profile_of(example("tech_firm"))
    a = assess(profile, "en")
    pages, _ = layout(build_pdf_or_notice(a, profile, "en"))
    assert pages[0].find("Micro-drama support policy consultation report") and len(pages) > 1


# --- fifth round (mutmut's own run): what the report says in each language, row by row ----------------

TOTALS_HEADINGS = {
    # the totals table's columns 10, 52, 14, 36, 36, 32 mm from the left margin, 1.2 mm padding; the
    # narrow cap column wraps its heading, so only its first line shares the row's first baseline
    "zh": [(16.2, "项"), (26.2, "扶持项目"), (78.2, "年度"), (92.2, "各对象合计（万元）"),
           (128.2, "单个企业每年上限（万元"), (164.2, "计入合计（万元）")],
    "en": [(16.2, "Item"), (26.2, "Support"), (78.2, "Year"), (92.2, "Sum of subjects (×10k"),
           (128.2, "Yearly cap per"), (164.2, "Counted (×10k")],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_totals_table_has_its_own_heading_row_in_the_reports_language(drama_studio, lang):
    pages, _ = drama_studio(lang)
    rows = []
    for page in pages:
        for anchor in [r for r in page.runs if (r.x, r.text) == TOTALS_HEADINGS[lang][3]]:
            rows.append(sorted((r.x, r.text) for r in page.runs if r.y == anchor.y))
    assert rows and all(row == TOTALS_HEADINGS[lang] for row in rows), rows


@pytest.mark.parametrize("lang, explanation", [
    ("zh", "默认口径：各项可叠加；入围与获得市级专项资金为同一资金两个阶段（按获得计）；专业化"),
    ("en", "Default reading: the items stack, except that shortlist and award of the municipal fund")])
def test_the_readings_explanation_has_no_label_of_its_own(drama_studio, lang, explanation):
    first = drama_studio(lang)[0][0]
    line = first.one(explanation)
    # the label column (from 16.2 mm) is empty on the explanation's row: it reads as part of the reading
    assert line.x == 54.2 and [r.text for r in first.runs if r.y == line.y and r.x < 54.2] == []


def test_every_clause_title_is_body_size_after_a_muted_clause():
    """Each cited item's title, "[item] name（第N条）", at 9.5 pt in ink; each follows the previous item's
    clause, set at 8.5 pt: the title sets its own size rather than keeping the one before."""
    profile = profile_of(example("drama_studio"))
    pages, _ = layout(build_pdf(assess(profile, "zh"), profile, "zh"))
    runs = runs_of(pages)
    titles = [r for r in runs if r.x == 16 and r.text.startswith("[") and r.text.endswith("条）")]
    # drama studio's report cites 2.1, 2.2, 2.3, 3.1, 3.2 (article 2 and 3) and 7 (article 7)
    assert [r.text.split("]")[0] for r in titles] == ["[2.1", "[2.2", "[2.3", "[3.1", "[3.2", "[7"]
    assert {(r.size, r.colour) for r in titles} == {(9.5, INK)}


def test_the_english_materials_list_is_in_english():
    profile = profile_of(example("drama_studio"))
    pages, _ = layout(build_pdf(assess(profile, "en"), profile, "en"))
    lines = {r.text: r for r in runs_of(pages)}
    for text, size in (("[2.1] Municipal special fund award", 10),
                       ("□ Municipal special fund award or payment document", 9),
                       ("□ Statement of the project's costs and returns", 9),
                       ("[2.3] Broadcast on a major platform", 10),
                       ("□ Proof of broadcast (listing screenshots, platform agreement)", 9)):
        assert (lines[text].size, lines[text].x) == (size, 16), text
    assert not [t for t in lines if "□" in t and any("\u4e00" <= c <= "\u9fff" for c in t)]  # no Chinese item
