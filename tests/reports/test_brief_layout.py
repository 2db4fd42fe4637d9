"""The one-page leadership brief of a what-if, read back from the PDF: every text with its place, size and
colour, every bar with its length, worked out by hand from the brief's layout (A4, 15 mm margins).

fpdf2 puts a cell's text on the baseline ``top + height / 2 + 0.3 × font size``, ``c_margin`` (1 mm) in from
the cell's edge, and a table's cells 1.2 mm in; string widths are measured in the report's own font. Charts:
the change by item at x 15 (labels 46 mm, bars in 94 − 46 − 18 = 30 mm around the zero line at
15 + 46 + 14 + 1 = 76, values in the last 18 mm), the enterprises by change at x 112 (labels 44 mm, bars up
to 83 − 44 − 12 = 27 mm).
"""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from fpdf import FPDF

from batch.whatif import Comparison, EnterpriseChange, compare
from calculators.reform import Reform, reform_from_data, reform_from_values
from reports.brief import build_brief, histogram_bins, signed_wan
from reports.pdf import FONT, FONT_PATH
from tests.reform.test_reform_cli import PROFILES
from tests.reports.test_reform_exports import _portfolio

MM = 72 / 25.4  # points per mm
INK, MUTED, UP, DOWN, BAR = (33, 37, 41), (100, 100, 100), (26, 127, 55), (196, 84, 12), (9, 105, 218)
HEAD_FILL, ZERO_LINE = (221, 235, 247), (140, 149, 159)


def runs(pdf: bytes, page_number: int = 1) -> tuple[int, list[tuple]]:
    """The pages, and what a page (the first) draws in order: ("text", text, x, baseline, size, colour),
    ("rect", x, top, width, height, fill colour or ("outline", colour)) and ("line", x1, y1, x2, y2, colour),
    in mm from the top left."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[page_number - 1]
    height = float(page.mediabox.height)
    out: list[tuple] = []
    state: dict = {"fill": None, "stroke": None, "from": None}
    stack: list[dict] = []

    def colour(args):
        return tuple(round(float(a) * 255) for a in args)

    def before(op, args, cm, tm):
        op = op.decode() if isinstance(op, bytes) else op
        if op == "q":
            stack.append(dict(state))
        elif op == "Q":
            state.update(stack.pop())
        elif op == "rg":
            state["fill"] = colour(args)
        elif op == "RG":
            state["stroke"] = colour(args)
        elif op == "re":
            x, y, w, h = (float(a) for a in args)
            out.append(("rect", round(x / MM, 2), round((height - y) / MM, 2), round(w / MM, 2), round(-h / MM, 2),
                        None))
        elif op in ("f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n") and out and out[-1][0] == "rect":
            # what the rectangle shows: its fill colour, or only an outline
            paint = state["fill"] if op[0] in "fFBb" else ("outline", state["stroke"]) if op in "Ss" else "nothing"
            out[-1] = (*out[-1][:5], paint)
        elif op == "m":
            state["from"] = (round(float(args[0]) / MM, 2), round((height - float(args[1])) / MM, 2))
        elif op == "l":
            out.append(("line", *state["from"], round(float(args[0]) / MM, 2), round((height - float(args[1])) / MM, 2),
                        state["stroke"]))

    def text(t, cm, tm, font, size):
        if t.strip():
            out.append(("text", t.strip(), round(tm[4] / MM, 2), round((height - tm[5]) / MM, 2), size, state["fill"]))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return len(reader.pages), out


_MEASURE = FPDF(unit="mm")
_MEASURE.add_font(FONT, "", str(FONT_PATH))


def width(s: str, size: float) -> float:
    _MEASURE.set_font(FONT, size=size)
    return _MEASURE.get_string_width(s)


def baseline(top: float, h: float, size: float) -> float:
    return round(top + h / 2 + 0.3 * size / MM, 2)


def near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.02


def placed(run, x, y, size, colour) -> bool:
    """A text run at (x, baseline y) to 0.02 mm, in this size and colour."""
    return near(run[2], x) and near(run[3], y) and run[4:] == (size, colour)


def the(log, s):
    """The one text run that reads ``s``."""
    found = [r for r in log if r[0] == "text" and r[1] == s]
    assert len(found) == 1, (s, found)
    return found[0]


def heading_top(log, s):
    """The top of the filled band of the heading ``s`` (8 mm high, right above its text)."""
    t = the(log, s)
    band = [r for r in log if r[0] == "rect" and r[5] == HEAD_FILL and near(baseline(r[2], 8, 12.5), t[3])]
    assert len(band) == 1 and band[0][1:5] == (15.0, band[0][2], 180.0, 8.0), (s, band)
    return band[0][2]


# The hand-computed portfolio of tests/reform/test_reform_cli.py, the R&D rate cut from 30% to 20%:
# 甲公司 2,400,000 → 1,600,000, 丙科技 300,000 → 200,000, 乙园区 3,000,000 unchanged; item 5 270.00 → 180.00.
@pytest.fixture(scope="module")
def rnd_cut():
    out = {}
    for lang in ("zh", "en"):
        reform, _ = reform_from_values({"article5_rnd.rnd_support_rate": "20%"}, lang=lang)
        out[lang] = compare(_portfolio(PROFILES, lang), reform)
    return out


def test_the_brief_of_the_rnd_cut_drawn_where_its_layout_puts_it(rnd_cut):
    pages, log = runs(build_brief(rnd_cut["zh"], "zh"))
    assert pages == 1
    # the compact title block: 16 pt in a 9 mm cell at the top margin, two 9.5 pt lines of 5 mm, muted, centred
    title = the(log, "政策调整模拟简报")
    assert placed(title, 15 + (180 - width("政策调整模拟简报", 16)) / 2, baseline(15, 9, 16), 16, INK)
    policy = "闵行区关于促进微短剧产业发展的若干措施（闵文旅规〔2026〕1号）"
    made = "测算日期：2026-11-27；企业 3 家（受调整影响 2 家）"  # the enterprises' own date; two reach item 5
    for k, line in enumerate((policy, made)):
        assert placed(the(log, line), 15 + (180 - width(line, 9.5)) / 2, baseline(24 + 5 * k, 5, 9.5), 9.5, MUTED)
    assert not any(r[0] == "text" and "合成" in r[1] for r in log)  # real enterprises: no synthetic line
    # 1. the changes: parameter (article) 50 mm, the policy's sentence 90 mm, today → new 40 mm, 7.5 pt
    top = heading_top(log, "一、调整内容")
    assert near(top, 29 + 5 + 3)  # 3 mm above the heading
    header = [the(log, s) for s in ("参数（条款）", "政策原文", "现行 → 调整为")]
    assert [r[2] for r in header] == [16.2, 66.2, 156.2] and {r[4] for r in header} == {7.5}
    row = [the(log, s) for s in ("研发费用扶持比例（二、第5条）", "给予企业研发费用投入 30% 以内的扶持", "30% → 20%")]
    assert [r[2] for r in row] == [16.2, 66.2, 156.2] and {r[4] for r in row} == {7.5}
    # 2. the cost in 12.5 pt, orange: the spend falls by 90 万元
    cost = the(log, "现行 570.00 万元 → 调整后 480.00 万元，变化 -90.00 万元")
    assert cost[2] == 16.0 and cost[4:] == (12.5, DOWN)
    assert near(cost[3], baseline(heading_top(log, "二、潜在支出（最高可达合计）") + 9.5, 7, 12.5))
    who = the(log, "增加 0 家、减少 2 家；有条款跨过门槛的 0 家（新增可申报 0 家，失去 0 家）")
    assert who[4:] == (9.5, INK)
    # 3. by item: 84 mm of names, three 32 mm columns of figures, right-aligned (1.2 mm in from the right)
    top = heading_top(log, "三、按条款（万元）")
    for name, figures, line in (("条款", ("现行", "调整后", "变化"), 0),
                                ("1 产业载体扶持", ("300.00", "300.00", "0.00"), 1),
                                ("5 技术攻关研发扶持", ("270.00", "180.00", "-90.00"), 2),
                                ("合计", ("570.00", "480.00", "-90.00"), 3)):
        y = baseline(top + 9.5 + 7 * line, 7, 7.5)
        cells = [r for r in log if r[0] == "text" and near(r[3], y)]
        assert [c[1] for c in cells] == [name, *figures]
        assert cells[0][2] == 16.2
        for right, c in zip((131, 163, 195), cells[1:], strict=True):
            if line:  # the figures right-aligned, the header's words from the left
                assert near(c[2] + width(c[1], 7.5), right - 1.2), c
            else:
                assert near(c[2], right - 32 + 1.2), c
    # 4. the charts, 1 mm under their heading's band and gap
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 8 + 1.5 + 1
    assert ("line", 76.0, round(y, 2), 76.0, round(y + 5, 2), ZERO_LINE) in log  # one row of 5 mm
    label = [r for r in log if r[0] == "text" and r[1] == "5 技术攻关研发扶持" and r[2] == 16.0]
    assert len(label) == 1 and placed(label[0], 16, baseline(y, 5, 7.5), 7.5, INK)
    # the largest change fills its 14 mm side: a loss, to the left of the zero line, orange
    assert ("rect", 62.0, round(y + 0.6, 2), 14.0, 3.8, DOWN) in log
    value = [r for r in log if r[0] == "text" and r[1] == "-90.00" and near(r[3], baseline(y, 5, 7.5))]
    assert len(value) == 1 and near(value[0][2] + width("-90.00", 7.5), 15 + 94 - 1)
    # the enterprises by change: -80 and -10 万元, in eight ranges of 10 万元 from -80 to 0
    caption = the(log, "企业数（按变化区间，万元）")
    assert placed(caption, 113, baseline(y - 0.5, 4, 7.5), 7.5, MUTED)
    ranges = [f"{-80 + 10 * k:.2f} ~ {-70 + 10 * k:.2f}".replace("-0.00", "0.00") for k in range(8)]
    for k, (rng, count) in enumerate(zip(ranges, [1, 0, 0, 0, 0, 0, 0, 1], strict=True)):
        yy = y + 4 + 5 * k
        assert placed(the(log, rng), 113, baseline(yy, 5, 7.5), 7.5, INK)
        bar = [r for r in log if r[0] == "rect" and r[1] == 156.0 and near(r[2], yy + 0.8)]
        number = [r for r in log if r[0] == "text" and r[1] == str(count) and near(r[3], baseline(yy, 5, 7.5))]
        if count:  # one enterprise is the most in a range: the full 27 mm
            assert [b[3:] for b in bar] == [(27.0, 3.4, BAR)] and number[0][2] == 112 + 44 + 27 + 1 + 1
        else:
            assert bar == [] and number[0][2] == 112 + 44 + 0 + 1 + 1
    # the disclaimer 2 mm under the taller chart (4 + 8 × 5 mm), 8 pt muted, lines of 4.2 mm
    end = the(log, "测算结果仅供参考：“最高可达”是上限，实际扶持以区文旅局评审认定为准；政策调整为模拟，不代表任何已作出的决定。")
    assert placed(end, 16, baseline(y + 44 + 2, 4.2, 8), 8, MUTED)


# A reform written by hand: the transformation cap raised from its first day, the R&D rate cut from
# 2026-07-01, everyone on the strict reading; four synthetic enterprises.
def hand_reform():
    r, problems = reform_from_data({
        "article4_platforms": {"transformation_cap_yuan": {"values": {dt.date(2026, 3, 14): 4_000_000}}},
        "article5_rnd": {"rnd_support_rate": {"values": {dt.date(2026, 7, 1): "0.20"}}}})
    assert not problems
    return Reform(r.changes, "strict")


ROWS = [EnterpriseChange("甲", None, 900_000, 2_100_000, ("4.2",), (), True),  # +120 万元, gains 4.2
        EnterpriseChange("乙", None, 2_400_000, 1_600_000, (), ("5",), True),  # -80 万元, loses 5
        EnterpriseChange("丙", None, 300_000, 200_000, (), (), False),  # -10 万元
        EnterpriseChange("丁", None, 3_000_000, 3_000_000, (), (), False)]  # unchanged
BY_ITEM = [("1", 3_000_000, 3_000_000), ("4.2", 900_000, 2_100_000), ("5", 2_700_000, 1_800_000)]


def test_a_change_of_one_yuan_keeps_its_sign():
    # 万元 with two decimals, cut: 1 元 is 0.00 万元, still a gain or a loss; no change is unsigned
    assert (signed_wan(1), signed_wan(-1), signed_wan(0), signed_wan(10_000)) == ("+0.00", "-0.00", "0.00", "+1.00")


def test_histogram_of_the_hand_reform():
    c = Comparison(hand_reform(), [], [], ROWS, BY_ITEM, [], 3)
    # from -80 to +120 万元: ⌈200 / 8⌉ = 25 万元 a range; -80 starts the range from -100, +120 ends at +125
    assert histogram_bins(c) == [("-100.00 ~ -75.00", 1), ("-75.00 ~ -50.00", 0), ("-50.00 ~ -25.00", 0),
                                 ("-25.00 ~ 0.00", 1), ("0.00 ~ +25.00", 0), ("+25.00 ~ +50.00", 0),
                                 ("+50.00 ~ +75.00", 0), ("+75.00 ~ +100.00", 0), ("+100.00 ~ +125.00", 1)]


def test_the_brief_of_a_hand_written_reform_in_english():
    c = Comparison(hand_reform(), [], [], ROWS, BY_ITEM, [], 3, synthetic=True)
    pages, log = runs(build_brief(c, "en", dt.date(2026, 11, 27)))
    assert pages == 1
    assert the(log, "Policy what-if brief")[4:] == (16, INK)
    assert the(log, "Minhang District's measures to promote the micro-short-drama industry (闵文旅规〔2026〕1号)")[4:] == (9.5, MUTED)
    assert the(log, "Assessed as of 2026-11-27; 4 enterprises (3 reached by the change)")[4:] == (9.5, MUTED)
    # synthetic: a 9 pt orange line under the title block, 5.2 mm high
    synthetic = the(log, "[Synthetic demo] every enterprise below is fictitious")
    assert placed(synthetic, 16, baseline(34, 5.2, 9), 9, DOWN)
    assert near(heading_top(log, "1. The changes"), 34 + 5.2 + 3)
    for s in ("2. Potential spend (sum of ceilings)", "3. By item (10k yuan)"):
        assert the(log, s)[2:] == (16.0, the(log, s)[3], 12.5, INK) and heading_top(log, s)
    # the article in brackets after the label; today's value on the change's own date, the date only when
    # it is not the parameter's first
    for s in ("Parameter (article)", "Item", "Total"):
        assert the(log, s)[2] == 16.2
    assert [the(log, s)[2] for s in ("Policy sentence", "Today → new", "Today", "After", "Change")] == [
        66.2, 156.2, 100.2, 132.2, 164.2]
    for s in ("Transformation project, cap", "(二、第4条)", "R&D spending, support rate", "(二、第5条)"):
        assert the(log, s)[2] == 16.2
    assert the(log, "3,000,000 → 4,000,000")[2] == 156.2
    assert the(log, "30% → 20% (from 2026-07-01)")[2] == 156.2
    assert the(log, "给予企业项目投资 30% 以内的扶持，最高不超过 300 万元")[2] == 66.2
    assert the(log, "Reading of the no-duplication rule: strict reading for all")[4:] == (9.5, INK)
    # the spend rises by 30 万元: green
    assert the(log, "Today 660.00 → after 690.00 (10k yuan); change +30.00")[4:] == (12.5, UP)
    assert the(log, "1 gain, 2 lose; 2 with an item crossing a line (1 gain an item, 1 lose one)")[4:] == (9.5, INK)
    table = [r[1] for r in log if r[0] == "text" and r[2] == 16.2 and r[1][0].isdigit()]
    assert table == ["1 Industry carrier support", "4.2 Research cooperation and commercialisation",
                     "5 Technology R&D support"]  # the by-item table's names, whole
    for s in ("+120.00", "-90.00", "+30.00"):  # the by-item table's changes, signed
        assert any(r[1] == s and near(r[2] + width(s, 7.5), 195 - 1.2) for r in log if r[0] == "text"), s
    y = heading_top(log, "4. Change by item (10k yuan) and per enterprise") + 10.5
    # two items changed, ten rows of histogram (nine ranges and the caption): rows of 5 mm
    assert ("line", 76.0, round(y, 2), 76.0, round(y + 10, 2), ZERO_LINE) in log
    # 4.2's label cut to fit its 45 mm with …; the largest change (+120) fills the 14 mm right of zero, green;
    # 5's -90 is 14 × 90 / 120 = 10.5 mm left of it, orange
    cut = [r for r in log if r[0] == "text" and r[1].startswith("4.2 Research") and r[2] == 16.0]
    assert len(cut) == 1 and cut[0][1].endswith("…") and cut[0][1] != "4.2 Research cooperation and commercialisation"
    full, kept = "4.2 Research cooperation and commercialisation", cut[0][1][:-1]
    assert full.startswith(kept) and width(kept + "…", 7.5) <= 45 < width(full[:len(kept) + 1] + "…", 7.5)
    assert ("rect", 76.0, round(y + 0.6, 2), 14.0, 3.8, UP) in log
    assert ("rect", 65.5, round(y + 5.6, 2), 10.5, 3.8, DOWN) in log
    for k, s in enumerate(("+120.00", "-90.00")):
        value = [r for r in log if r[0] == "text" and r[1] == s and near(r[3], baseline(y + 5 * k, 5, 7.5))]
        assert len(value) == 1 and near(value[0][2] + width(s, 7.5), 108), s
    # the histogram under its caption: three ranges of one enterprise each, the full 27 mm
    assert placed(the(log, "Enterprises by change (10k yuan)"), 113, baseline(y - 0.5, 4, 7.5), 7.5, MUTED)
    bars = [r for r in log if r[0] == "rect" and r[5] == BAR]
    assert [(b[1], round(b[2] - y, 2), b[3], b[4]) for b in bars] == [
        (156.0, 4.8, 27.0, 3.4), (156.0, 19.8, 27.0, 3.4), (156.0, 44.8, 27.0, 3.4)]
    assert placed(the(log, "+100.00 ~ +125.00"), 113, baseline(y + 4 + 40, 5, 7.5), 7.5, INK)
    disclaimer = [r for r in log if r[0] == "text" and r[1].startswith("For reference only")]
    assert len(disclaimer) == 1 and placed(disclaimer[0], 16, baseline(y + 4 + 45 + 2, 4.2, 8), 8, MUTED)


def test_the_changes_of_the_hand_written_reform_in_chinese():
    c = Comparison(hand_reform(), [], [], ROWS, BY_ITEM, [], 3)
    _pages, log = runs(build_brief(c, "zh", dt.date(2026, 11, 27)))
    # the article in full-width brackets; the new rate from 2026-07-01, the new cap from the policy's first day
    # the table under the heading's band (37 + 8 + 1.5 mm), a 7 mm header, rows of 7 mm at 53.5 and 60.5
    first, second = baseline(53.5, 7, 7.5), baseline(60.5, 7, 7.5)
    assert [r[1:4] for r in log if r[0] == "text" and r[3] in (first, second)] == [
        ("成果转化项目最高（二、第4条）", 16.2, first), ("给予企业项目投资 30% 以内的扶持，最高不超过 300 万元", 66.2, first),
        ("3,000,000 → 4,000,000", 156.2, first),
        ("研发费用扶持比例（二、第5条）", 16.2, second), ("给予企业研发费用投入 30% 以内的扶持", 66.2, second),
        ("30% → 20%（2026-07-01起）", 156.2, second)]
    assert the(log, "就高不重复口径：统一按严格口径")[4:] == (9.5, INK)


def test_a_brief_with_no_change_says_so_and_draws_no_chart():
    rows = [EnterpriseChange("甲", None, 900_000, 900_000, (), (), False)]
    c = Comparison(Reform(), [], [], rows, [("4.2", 900_000, 900_000)], [], 0)
    pages, log = runs(build_brief(c, "zh", dt.date(2026, 11, 27)))
    assert pages == 1
    assert the(log, "未调整任何参数（与现行政策相同）。")[4:] == (9.5, INK)
    assert not any(r[0] == "text" and r[1].startswith("就高不重复口径") for r in log)  # no reading chosen
    # nothing changes: the cost line in ink, with 0.00 unsigned
    assert the(log, "现行 90.00 万元 → 调整后 90.00 万元，变化 0.00 万元")[4:] == (12.5, INK)
    assert not any(r[0] == "text" and r[1].startswith("四、") for r in log)
    assert not any(r[0] == "rect" and r[5] in (UP, DOWN, BAR) for r in log)
    _pages, english = runs(build_brief(c, "en", dt.date(2026, 11, 27)))
    assert the(english, "No parameter changed (today's policy).")[4:] == (9.5, INK)
    table_end = heading_top(log, "三、按条款（万元）") + 9.5 + 7 * 3  # header, 4.2, total
    disclaimer = [r for r in log if r[0] == "text" and r[1].startswith("测算结果仅供参考")]
    assert len(disclaimer) == 1 and placed(disclaimer[0], 16, baseline(table_end, 4.2, 8), 8, MUTED)


ITEMS = ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "5", "6", "7", "8")


def twelve_items_up(reading=None, caps=4):
    """``caps`` caps raised by 1 万元 each and every item's spend up by 1, 2, … 12 万元: twelve rows of bars."""
    raised = {"article1_carrier.cap_yuan": 3_010_000, "article2_projects.awarded_cap_yuan": 3_010_000,
              "article2_projects.shortlisted_cap_yuan": 1_010_000, "article2_projects.shortlisted_yearly_cap_yuan": 2_010_000,
              "article2_projects.platform_cap_yuan": 610_000}
    reform, problems = reform_from_values(dict(list(raised.items())[:caps]))
    assert not problems
    by_item = [(i, 1_000_000, 1_000_000 + 10_000 * (k + 1)) for k, i in enumerate(ITEMS)]
    rows = [EnterpriseChange("甲", None, 12_000_000, 12_780_000, (), (), False)]  # + (1 + … + 12) = 78 万元
    return Comparison(Reform(reform.changes, reading), [], [], rows, by_item, [], 1)


@pytest.mark.parametrize(("reading", "h", "size"), [
    (None, 3.0, 6.9),  # the charts start at y 244.0: (297 − 10 − 7 − 244.0) / 12 rows = 3.0 mm, 3.0 × 2.3 pt
    ("default", 2.6, 5.98),  # a line lower (the reading's): 30.8 / 12 = 2.57, never under 2.6 mm; 2.6 × 2.3 pt
])
def test_the_charts_rows_shrink_to_fit_the_page_above_the_disclaimer(reading, h, size):
    pages, log = runs(build_brief(twelve_items_up(reading), "zh", dt.date(2026, 11, 27)))
    assert pages == 1
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 10.5
    assert near(y, 244.0 if reading is None else 249.2)
    assert ("line", 76.0, round(y, 2), 76.0, round(y + 12 * h, 2), ZERO_LINE) in log
    bars = [r for r in log if r[0] == "rect" and r[5] == UP]
    # item k's +k 万元 of the largest, +12: 14 × k / 12 mm right of the zero line
    assert len(bars) == 12
    for k, bar in enumerate(bars):
        assert bar[1] == 76.0 and near(bar[2], y + k * h + 0.6) and near(bar[3], 14 * (k + 1) / 12)
        assert near(bar[4], h - 1.2)
    for k, item in enumerate(ITEMS):
        label = [r for r in log if r[0] == "text" and r[1].startswith(item + " ") and r[2] == 16.0]
        assert len(label) == 1 and placed(label[0], 16, baseline(y + k * h, h, size), size, INK), item
        value = f"+{k + 1}.00"
        shown = [r for r in log if r[0] == "text" and r[1] == value and near(r[3], baseline(y + k * h, h, size))]
        assert len(shown) == 1 and near(shown[0][2] + width(value, size), 108), value
    # one enterprise, +78 万元: in (+70, +80], the eighth range of 10 万元 from 0, the only one left
    assert placed(the(log, "企业数（按变化区间，万元）"), 113, baseline(y - 0.5, 4, 7.5), 7.5, MUTED)
    assert placed(the(log, "+70.00 ~ +80.00"), 113, baseline(y + 4, h, size), size, INK)
    (bar,) = [r for r in log if r[0] == "rect" and r[5] == BAR]
    assert bar[1] == 156.0 and near(bar[2], y + 4 + 0.8) and bar[3] == 27.0 and near(bar[4], h - 1.6)
    assert placed(the(log, "1"), 185, baseline(y + 4, h, size), size, INK)
    end = [r for r in log if r[0] == "text" and r[1].startswith("测算结果仅供参考")]
    assert len(end) == 1 and placed(end[0], 16, baseline(y + 12 * h + 2, 4.2, 8), 8, MUTED)


def test_a_label_that_just_fits_is_kept_and_a_longer_one_cut_to_fit_with_its_ellipsis():
    from reports.brief import _fit

    pdf = FPDF(unit="mm")
    pdf.add_font(FONT, "", str(FONT_PATH))
    pdf.set_font(FONT, size=7.5)
    assert _fit(pdf, "技术攻关", width("技术攻关", 7.5)) == "技术攻关"
    assert _fit(pdf, "技术攻关", width("技术…", 7.5)) == "技术…"  # "技术…" fits exactly
    assert _fit(pdf, "技术攻关", width("技术…", 7.5) - 0.01) == "技…"


def test_a_gain_of_one_yuan_is_a_thin_green_bar_and_long_labels_are_cut_to_their_column():
    by_item = [("4.1", 1_000_000, 1_000_001), ("6", 500_000, 400_000)]
    rows = [EnterpriseChange("甲", None, 1_000_000, 1_000_001, (), (), False),
            EnterpriseChange("乙", None, 500_000, 400_000, (), (), False)]
    c = Comparison(Reform(), [], [], rows, by_item, [], 2)
    pages, log = runs(build_brief(c, "en", dt.date(2026, 11, 27)))
    y = heading_top(log, "4. Change by item (10k yuan) and per enterprise") + 10.5
    # +1 元 of the largest change's 10 万元 is 0.00014 mm: drawn 0.4 mm wide so it is seen, green, right of zero
    assert ("rect", 76.0, round(y + 0.6, 2), 0.4, 3.8, UP) in log
    assert ("rect", 62.0, round(y + 5.6, 2), 14.0, 3.8, DOWN) in log
    for k, s in enumerate(("+0.00", "-10.00")):
        shown = [r for r in log if r[0] == "text" and r[1] == s and near(r[3], baseline(y + 5 * k, 5, 7.5))]
        assert len(shown) == 1 and near(shown[0][2] + width(s, 7.5), 108), s
    # "4.1 Specialised platform matching support" is 52 mm at 7.5 pt: cut with … to fit 46 − 1 mm
    label = [r for r in log if r[0] == "text" and r[2] == 16.0 and near(r[3], baseline(y, 5, 7.5))]
    assert [r[1] for r in label] == ["4.1 Specialised platform matching…"]
    assert width("4.1 Specialised platform matching…", 7.5) <= 45 < width("4.1 Specialised platform matching …", 7.5)


def test_a_single_gain_of_one_yuan_fills_the_right_side_in_green():
    c = Comparison(Reform(), [], [], [EnterpriseChange("甲", None, 1_000_000, 1_000_001, (), (), False)],
                   [("4.1", 1_000_000, 1_000_001)], [], 1)
    _pages, log = runs(build_brief(c, "zh", dt.date(2026, 11, 27)))
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 10.5
    assert ("rect", 76.0, round(y + 0.6, 2), 14.0, 3.8, UP) in log  # the largest change: the full 14 mm
    # the spend rises by 1 元: shown +0.00 万元, and green
    assert the(log, "现行 100.00 万元 → 调整后 100.00 万元，变化 +0.00 万元")[4:] == (12.5, UP)


def test_histogram_ranges_are_a_whole_number_of_wan_from_zero():
    class C:
        def __init__(self, *changes):
            self.rows = [EnterpriseChange("甲", None, 0, v, (), (), False) for v in changes]

    # one gain of 80,001 元: ⌈80,001 / 8⌉ = 10,001 元 a range, rounded up to 2 万元; from 0, the fifth range
    assert histogram_bins(C(80_001)) == [("+8.00 ~ +10.00", 1)]
    # 80,000 元: exactly 1 万元 a range; the gain is in (7, 8]
    assert histogram_bins(C(80_000)) == [("+7.00 ~ +8.00", 1)]
    assert histogram_bins(C(-80_000)) == [("-8.00 ~ -7.00", 1)]  # a loss in [-8, -7)
    assert histogram_bins(C(0, 0)) == []  # nobody changes: no chart


def test_a_range_of_one_enterprise_beside_a_hundred_still_shows_its_bar():
    rows = [EnterpriseChange(f"企业{k}", None, 20_000, 10_000, (), (), False) for k in range(100)]
    rows.append(EnterpriseChange("甲", None, 0, 10_000, (), (), False))
    c = Comparison(Reform(), [], [], rows, [("5", 2_000_000, 1_010_000)], [], 101)
    _pages, log = runs(build_brief(c, "zh", dt.date(2026, 11, 27)))
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 10.5 + 4
    # from -1 to +1 万元: ranges of 1 万元 (⌈20,000 / 8⌉ rounded up); a hundred lose 1 万元, one gains 1 万元
    assert placed(the(log, "-1.00 ~ 0.00"), 113, baseline(y, 5, 7.5), 7.5, INK)
    assert placed(the(log, "0.00 ~ +1.00"), 113, baseline(y + 5, 5, 7.5), 7.5, INK)
    # the hundred fill the 27 mm; the one is 27 / 100 = 0.27 mm, drawn 0.4 mm wide, its count just after it
    assert [r[1:] for r in log if r[0] == "rect" and r[5] == BAR] == [
        (156.0, round(y + 0.8, 2), 27.0, 3.4, BAR), (156.0, round(y + 5.8, 2), 0.4, 3.4, BAR)]
    assert placed(the(log, "100"), 156 + 27 + 1 + 1, baseline(y, 5, 7.5), 7.5, INK)
    assert placed(the(log, "1"), 156 + 0.27 + 1 + 1, baseline(y + 5, 5, 7.5), 7.5, INK)


def test_when_the_charts_take_the_whole_page_the_disclaimer_goes_whole_to_a_second_page():
    # a fifth cap raised: the charts start at 251.0, twelve rows of 2.6 mm end at 282.2; the disclaimer
    # (2 mm under them, 4.2 mm high) would end at 288.4, past the 10 mm bottom margin (287)
    brief = build_brief(twelve_items_up(caps=5), "zh", dt.date(2026, 11, 27))
    pages, log = runs(brief)
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 10.5
    assert pages == 2 and near(y, 251.0)
    assert ("line", 76.0, 251.0, 76.0, 282.2, ZERO_LINE) in log
    assert not any(r[0] == "text" and r[1].startswith("测算结果仅供参考") for r in log)
    _pages, second = runs(brief, 2)
    assert len(second) == 1 and second[0][1].startswith("测算结果仅供参考")
    assert placed(second[0], 16, baseline(15, 4.2, 8), 8, MUTED)  # at the top margin, and no page number


def test_when_the_histogram_is_the_taller_chart_its_rows_set_the_height():
    """Ten caps raised by 1 万元; seven enterprises spread from -80 to +100 万元 over nine ranges."""
    from calculators.content import parameter_files, parameters_on

    caps = [f"{stem}.{name}" for stem, names in parameter_files().items() for name in names
            if name.endswith("cap_yuan")][:10]
    today = parameters_on(dt.date(2026, 11, 27))
    reform, problems = reform_from_values({k: int(today.get(*k.split("."))) + 10_000 for k in caps})
    assert not problems and len(reform.changes) == 10
    changes = [-800_000, -500_000, -250_000, 10_000, 300_000, 600_000, 1_000_000]  # 360,000 in all
    rows = [EnterpriseChange(f"企业{k}", None, 2_000_000, 2_000_000 + v, (), (), False) for k, v in enumerate(changes)]
    by_item = [("5", 5_000_000, 4_200_000), ("6", 1_000_000, 2_160_000)]  # -80 and +116 万元
    c = Comparison(Reform(reform.changes), [], [], rows, by_item, [], 7)
    pages, log = runs(build_brief(c, "zh", dt.date(2026, 11, 27)))
    assert pages == 1
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 10.5
    assert near(y, 234.4)
    h = (297 - 10 - 7 - y) / 10  # nine ranges and the caption: 45.6 / 10 = 4.56 mm, not the two items' 5
    assert ("line", 76.0, round(y, 2), 76.0, round(y + 2 * h, 2), ZERO_LINE) in log
    assert ("rect", round(76 - 14 * 800_000 / 1_160_000, 2), round(y + 0.6, 2), round(14 * 800_000 / 1_160_000, 2),
            round(h - 1.2, 2), DOWN) in log
    assert ("rect", 76.0, round(y + h + 0.6, 2), 14.0, round(h - 1.2, 2), UP) in log
    # ranges of ⌈180 / 8⌉ = 22.5, rounded up to 23 万元, from -92 (a multiple of 23 below -80) to +115
    labels = [f"{-92 + 23 * k:+.2f} ~ {-69 + 23 * k:+.2f}".replace("+0.00", "0.00") for k in range(9)]
    counts = [1, 1, 1, 0, 1, 1, 1, 0, 1]
    for k, (label, n) in enumerate(zip(labels, counts, strict=True)):
        assert placed(the(log, label), 113, baseline(y + 4 + k * h, h, 7.5), 7.5, INK), label
        count = [r for r in log if r[0] == "text" and r[1] == str(n) and near(r[3], baseline(y + 4 + k * h, h, 7.5))]
        assert len(count) == 1 and near(count[0][2], 156 + 27 * n + 1 + 1), label
    bars = [r for r in log if r[0] == "rect" and r[5] == BAR]
    assert [round(b[2] - y - 4 - 0.8, 2) for b in bars] == [round(k * h, 2) for k, n in enumerate(counts) if n]
    assert {(b[1], b[3], b[4]) for b in bars} == {(156.0, 27.0, round(h - 1.6, 2))}
    end = [r for r in log if r[0] == "text" and r[1].startswith("测算结果仅供参考")]
    assert len(end) == 1 and placed(end[0], 16, baseline(y + 4 + 9 * h + 2, 4.2, 8), 8, MUTED)


@pytest.mark.parametrize("synthetic", [False, True])
def test_a_brief_filled_to_the_bottom_margin_stays_on_one_page(synthetic):
    """Ten caps raised by 1 万元 that move nobody, ten items unchanged, the default reading for all: the
    disclaimer ends 0.7 mm above the 10 mm bottom margin (and would not fit one of 11 mm). The synthetic
    line (5.2 mm) pushes the table past the margin: its last rows and the disclaimer go to a second page,
    nothing into the margin."""
    from calculators.content import parameter_files, parameters_on

    caps = [f"{stem}.{name}" for stem, names in parameter_files().items() for name in names
            if name.endswith("cap_yuan")][:10]
    today = parameters_on(dt.date(2026, 11, 27))
    reform, problems = reform_from_values({k: int(today.get(*k.split("."))) + 10_000 for k in caps})
    assert not problems
    rows = [EnterpriseChange("甲", None, 10_000_000, 10_000_000, (), (), False)]
    c = Comparison(Reform(reform.changes, "default"), [], [], rows, [(i, 1_000_000, 1_000_000) for i in ITEMS[:10]],
                   [], 0, synthetic=synthetic)
    brief = build_brief(c, "zh", dt.date(2026, 11, 27))
    pages, log = runs(brief)
    top = heading_top(log, "三、按条款（万元）") + 9.5 + 7 * 12  # the header, ten items and the total
    end = [r for r in log if r[0] == "text" and r[1].startswith("测算结果仅供参考")]
    if not synthetic:
        assert pages == 1
        assert near(top, 282.1) and top + 4.2 <= 297 - 10 < top + 4.2 + 1
        assert len(end) == 1 and placed(end[0], 16, baseline(top, 4.2, 8), 8, MUTED)
    else:  # the table's last rows (under its header again) and the disclaimer on page 2
        _pages, second = runs(brief, 2)
        assert pages == 2 and end == [] and the(second, "合计")[2] == 16.2
        assert [r[1] for r in second if r[0] == "text"][-1].startswith("测算结果仅供参考")
        assert max(r[3] for r in log + second if r[0] == "text") < 297 - 10


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_names_its_title_policy_and_language(lang):
    c = Comparison(hand_reform(), [], [], ROWS, BY_ITEM, [], 3)
    reader = pypdf.PdfReader(io.BytesIO(build_brief(c, lang, dt.date(2026, 11, 27))))
    meta = reader.metadata
    assert (meta.title, meta.author, meta.creator) == (
        {"zh": "政策调整模拟简报", "en": "Policy what-if brief"}[lang], "闵文旅规〔2026〕1号", "minhang-microdrama-calculator")
    assert reader.trailer["/Root"]["/Lang"] == {"zh": "zh-CN", "en": "en"}[lang]


def test_by_default_the_brief_is_in_chinese_as_of_the_enterprises_own_date(rnd_cut):
    reader = pypdf.PdfReader(io.BytesIO(build_brief(rnd_cut["zh"])))
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    _pages, log = runs(build_brief(rnd_cut["zh"]))
    for s in ("政策调整模拟简报", "测算日期：2026-11-27；企业 3 家（受调整影响 2 家）", "研发费用扶持比例（二、第5条）"):
        the(log, s)


def test_the_brief_of_one_enterprise_is_dated_by_it_and_without_any_by_today():
    reform, _ = reform_from_values({"article5_rnd.rnd_support_rate": "20%"})
    one = compare(_portfolio(PROFILES[:1]), reform)  # 甲公司, assessed on 2026-11-27
    _pages, log = runs(build_brief(one, "zh"))
    the(log, "测算日期：2026-11-27；企业 1 家（受调整影响 1 家）")
    nobody = Comparison(Reform(), [], [], [], [], [], 0)
    days = {dt.date.today()}
    _pages, log = runs(build_brief(nobody, "en"))
    days.add(dt.date.today())  # the same day, unless the brief was made across midnight
    made = [r[1] for r in log if r[0] == "text" and r[1].startswith("Assessed as of ")]
    assert made in ([f"Assessed as of {d.isoformat()}; 0 enterprises (0 reached by the change)"] for d in days)


def test_when_changes_cancel_out_within_each_item_only_the_histogram_is_drawn():
    # one enterprise gains 10 万元 of item 5, another loses as much: item 5 is unchanged, two enterprises are not
    rows = [EnterpriseChange("甲", None, 500_000, 600_000, (), (), False),
            EnterpriseChange("乙", None, 500_000, 400_000, (), (), False)]
    c = Comparison(Reform(), [], [], rows, [("5", 1_000_000, 1_000_000)], [], 2)
    _pages, log = runs(build_brief(c, "zh", dt.date(2026, 11, 27)))
    y = heading_top(log, "四、变化（按条款，万元）与各企业变化分布") + 10.5
    assert not any(r[0] == "line" and r[5] == ZERO_LINE for r in log)  # no chart of items, not even its axis
    assert not any(r[0] == "rect" and r[5] in (UP, DOWN) for r in log)
    # ranges of ⌈20 / 8⌉ = 2.5, rounded up to 3 万元, from -12: -10 in the first, +10 in the eighth
    assert placed(the(log, "-12.00 ~ -9.00"), 113, baseline(y + 4, 5, 7.5), 7.5, INK)
    assert placed(the(log, "+9.00 ~ +12.00"), 113, baseline(y + 4 + 7 * 5, 5, 7.5), 7.5, INK)
    end = [r for r in log if r[0] == "text" and r[1].startswith("测算结果仅供参考")]
    assert len(end) == 1 and placed(end[0], 16, baseline(y + 4 + 8 * 5 + 2, 4.2, 8), 8, MUTED)
