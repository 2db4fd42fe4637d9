"""The consultation report as an A4 PDF, Chinese or English, printable and self-contained.

The report embeds its own font (``content/fonts``, a subset of Noto Sans CJK SC), so it renders the
same on a machine with no Chinese font installed. Every figure is the engine's.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from calculators.content import CONTENT_DIR, item_name, quoted
from calculators.explain import wan
from calculators.models import Assessment, ItemResult, Profile

from .common import (
    ceiling_text,
    citation_rows,
    claim_lines,
    clause_ref,
    count_statuses,
    materials,
    policy_dates,
    reasons,
    status_label,
    text,
    total_text,
)
from .palette import rgb, theme

FONT_PATH = CONTENT_DIR / "fonts" / "NotoSansSC-Report.ttf"
FONT = "report"
# The app's status colours (eligible green, not yet orange, review blue, superseded grey).
STATUS_RGB = {status: rgb(theme.STATUS_COLOURS[status]) for status in ("eligible", "ineligible", "review",
                                                                        "superseded")}
HEAD_FILL = (221, 235, 247)
INK = (33, 37, 41)
MUTED = (100, 100, 100)


@cache
def _font_bytes() -> bytes:
    return Path(FONT_PATH).read_bytes()


@cache
def _font_chars() -> frozenset[str]:
    from fontTools.ttLib import TTFont

    return frozenset(chr(c) for c in TTFont(str(FONT_PATH), lazy=True).getBestCmap())


def _printable(value: object) -> str:
    """Text the font can draw: a character it lacks (emoji, a rare hanzi) becomes □, never a blank; a space
    it lacks (the full-width 　 of Chinese typing, a no-break space, a tab) is a plain space."""
    s = "" if value is None else str(value)
    chars = _font_chars()
    return "".join(c if c in chars or c == "\n" else " " if c.isspace() else "□" for c in s)


# The page count's alias: a private-use character the report font lacks, so _printable turns it into
# □ wherever else it appears and only the footer holds it. With fpdf2's default "{nb}", a name typed
# as "{nb}" printed the number of pages.
NB = "\ue000"
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def _one_line(value: object) -> str:
    """A user's text (a name) on one line: its line breaks as spaces. A name of a hundred line breaks
    made a table row taller than a page, and fpdf2 refused the whole report."""
    return _LINE_BREAKS.sub(" ", "" if value is None else str(value))


def _make_pdf(number: str, lang: str, title: str = ""):
    """An A4 document in the report's font, page numbers in its footer; ``title`` for its metadata."""
    from fpdf import FPDF

    class Report(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.set_text_color(*MUTED)
            self.cell(0, 6, text("footer", lang, number=number, page=self.page_no(), pages=NB), align="C")

    pdf = Report(orientation="P", unit="mm", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.alias_nb_pages(NB)
    pdf.add_font(FONT, "", str(FONT_PATH))
    pdf.set_lang("zh-CN" if lang == "zh" else "en")
    pdf.set_text_shaping(False)
    # Chinese breaks between any two characters; English only between words.
    pdf.wrap = "CHAR" if lang == "zh" else "WORD"
    if title:
        pdf.set_title(title)
        pdf.set_author(number)
        pdf.set_creator("minhang-microdrama-calculator")
    return pdf


def _title_block(pdf, title: str, lines: list[str], compact: bool = False) -> None:
    """A document's centred title and the lines under it (the policy, the date), in the muted colour;
    ``compact`` a size smaller, for the one-page brief."""
    size, height, sub_size, sub_height = (16, 9, 9.5, 5) if compact else (17, 10, 10, 6)
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*INK)
    pdf.cell(0, height, _printable(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=sub_size)
    pdf.set_text_color(*MUTED)
    for line in lines:
        pdf.cell(0, sub_height, _printable(line), align="C", new_x="LMARGIN", new_y="NEXT")


def _heading(pdf, title: str) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, size=12.5)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(*HEAD_FILL)
    pdf.cell(0, 8, _printable(title), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(FONT, size=9.5)


def _para(pdf, body: str, size: float = 9.5, color=INK, h: float = 5.2) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, h, _printable(body), wrapmode=pdf.wrap, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _table(pdf, header: list[str], rows: list[list], widths: list[float], styles: list[list] | None = None,
           size: float = 8.5, aligns: list[str] | None = None) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*INK)
    heading = FontFace(family=FONT, emphasis="", size_pt=size, fill_color=HEAD_FILL)
    with pdf.table(col_widths=widths, width=sum(widths), headings_style=heading, wrapmode=pdf.wrap,
                   text_align="LEFT", v_align="TOP", line_height=4.6, padding=1.2,
                   borders_layout="HORIZONTAL_LINES", repeat_headings=1) as table:
        row = table.row()
        for h in header:
            row.cell(_printable(h))
        for i, values in enumerate(rows):
            row = table.row()
            for j, v in enumerate(values):
                style = styles[i][j] if styles and styles[i][j] else None
                align = aligns[j] if aligns else None
                row.cell(_printable(v), style=style, align=align)


def _info(pdf, pairs: list[tuple[str, str]]) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, size=9.5)
    label_face = FontFace(family=FONT, emphasis="", color=MUTED)
    with pdf.table(col_widths=(38, 142), width=180, first_row_as_headings=False, wrapmode=pdf.wrap,
                   text_align="LEFT", v_align="TOP", line_height=5.2, padding=1.2,
                   borders_layout="NONE") as table:
        for k, v in pairs:
            row = table.row()
            row.cell(_printable(k), style=label_face)
            row.cell(_printable(v))


def _item_rows(a: Assessment, lang: str):
    from fpdf.fonts import FontFace

    rows, styles = [], []
    for r in a.items:
        subject = _one_line(r.subject)
        name = item_name(r.item, lang) + (f"\n「{subject}」" if subject and lang == "zh" else
                                          f"\n“{subject}”" if subject else "")
        why = "\n".join(reasons(r, lang))
        rows.append([r.item, name, str(r.year), status_label(r.status, lang), ceiling_text(r, lang), why,
                     clause_ref(r.item, lang)])
        face = FontFace(family=FONT, emphasis="", color=STATUS_RGB[r.status])
        styles.append([None, None, None, face, face, None, None])
    return rows, styles


def _review_items(a: Assessment) -> list[ItemResult]:
    return [r for r in a.items if r.status == "review"]


def build_pdf(assessment: Assessment, profile: Profile | None = None, lang: str = "zh") -> bytes:
    """Return the consultation report as A4 PDF bytes."""
    a = assessment
    number, title, start, end = policy_dates(a.as_of)
    enterprise = _one_line(a.enterprise)
    pdf = _make_pdf(number, lang, text("report_title", lang) + " - " + enterprise)
    pdf.add_page()
    _title_block(pdf, text("report_title", lang), [text("policy_title", lang, title=title, number=number)])
    pdf.ln(4)

    pairs = [(text("enterprise", lang), enterprise)]
    if profile is not None and profile.enterprise.credit_code:
        pairs.append((text("credit_code", lang), profile.enterprise.credit_code))
    pairs += [
        (text("as_of", lang), _date(a.as_of, lang)),
        (text("in_force", lang), text("in_force_yes" if a.in_force else "in_force_no", lang, start=start, end=end)),
        (text("reading", lang), text(f"reading_name_{a.interpretation}", lang)),
        ("", text(f"reading_{a.interpretation}", lang)),
    ]
    _info(pdf, pairs)

    _heading(pdf, text("summary", lang))
    pdf.set_font(FONT, size=14)
    pdf.set_text_color(*STATUS_RGB["eligible"])
    pdf.multi_cell(0, 8, _printable(text("total", lang) + "  " + total_text(a.total_ceiling_yuan, lang)),
                   wrapmode=pdf.wrap, align="L", new_x="LMARGIN", new_y="NEXT")
    if a.review_potential_yuan:
        pdf.set_font(FONT, size=10.5)
        pdf.set_text_color(*STATUS_RGB["review"])
        pdf.multi_cell(0, 6, _printable(text("review_potential", lang) + "  " +
                                        total_text(a.review_potential_yuan, lang)),
                       wrapmode=pdf.wrap, align="L", new_x="LMARGIN", new_y="NEXT")
    _para(pdf, text("counts", lang, **count_statuses(a)), color=MUTED)

    _heading(pdf, text("items_heading", lang))
    if a.items:
        rows, styles = _item_rows(a, lang)
        header = [text(k, lang) for k in ("col_item", "col_name", "col_year", "col_status", "col_ceiling",
                                          "col_reason", "col_clause")]
        # the unit on a line of its own: left to wrap, the narrow column broke it as "最高可达（ / 万元）"
        header[4] = header[4].replace("（", "\n（").replace(" (", "\n(")
        _table(pdf, header, rows, [9, 42, 11, 17, 19, 70, 12], styles)
    else:
        _para(pdf, text("no_items", lang))

    if a.claims:
        _heading(pdf, text("claims_heading", lang))
        for line in claim_lines(a, lang):
            _para(pdf, "· " + line, size=9)

    if a.item_totals:
        _heading(pdf, text("totals_heading", lang))
        # in 万元 with two decimals, as the rest of the report and the screen (the Excel keeps yuan)
        header = [text(k, lang) for k in ("col_item", "col_name", "col_year", "col_sum_wan",
                                          "col_yearly_cap_wan", "col_total_wan")]
        rows = [[t.item, item_name(t.item, lang), str(t.year), wan(t.sum_yuan),
                 "" if t.yearly_cap_yuan is None else wan(t.yearly_cap_yuan), wan(t.total_yuan)]
                for t in a.item_totals]
        rows.append(["", text("total", lang), "", "", "", wan(a.total_ceiling_yuan)])
        _table(pdf, header, rows, [10, 52, 14, 36, 36, 32], aligns=["L", "L", "L", "R", "R", "R"])

    _heading(pdf, text("review_heading", lang))
    review = _review_items(a)
    if review:
        for r in review:
            subject = quoted(_one_line(r.subject), lang) if r.subject else ""
            amount = (text("unquantified", lang) if r.ceiling_yuan is None
                      else f"{wan(r.ceiling_yuan)} " + ("万元" if lang == "zh" else "×10k yuan"))
            _para(pdf, f"· [{r.item}] {item_name(r.item, lang)}{subject}：{amount}" if lang == "zh"
                  else f"· [{r.item}] {item_name(r.item, lang)}{subject}: {amount}")
            for c in r.checks:
                if c.comparison == "review":
                    _para(pdf, "   " + c.message, size=8.5, color=MUTED)
    else:
        _para(pdf, text("review_none", lang))

    _heading(pdf, text("materials_heading", lang))
    checklist = materials(a, lang)
    if checklist:
        for item, mats in checklist:
            _para(pdf, f"[{item}] {item_name(item, lang)}", size=10)
            for m in mats:
                _para(pdf, "   □ " + m, size=9)
    else:
        _para(pdf, text("materials_none", lang))

    if a.notes:
        _heading(pdf, text("notes_heading", lang))
        for n in a.notes:
            _para(pdf, "· " + n)

    _heading(pdf, text("clauses_heading", lang))
    for item, name, article, clause in citation_rows(a, lang):
        _para(pdf, f"[{item}] {name}（{article}）" if lang == "zh" else f"[{item}] {name} ({article})", size=9.5)
        _para(pdf, clause, size=8.5, color=MUTED)

    _heading(pdf, text("disclaimer_heading", lang))
    _para(pdf, text("disclaimer", lang), size=9)
    return bytes(pdf.output())


def build_pdf_or_notice(assessment: Assessment, profile: Profile | None = None, lang: str = "zh") -> bytes:
    """The report, or, if it cannot be made, a one-page PDF that says so in the user's language.

    The download button builds the file after the click, outside the page's run: an exception there
    would be swallowed and the button would silently do nothing.
    """
    try:
        return build_pdf(assessment, profile, lang)
    except Exception as exc:
        logging.getLogger(__name__).exception("PDF report failed")
        pdf = _make_pdf(policy_dates(assessment.as_of)[0], lang)
        pdf.add_page()
        _para(pdf, text("pdf_failed", lang, detail=type(exc).__name__), size=11)
        return bytes(pdf.output())


def _date(d, lang: str) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日" if lang == "zh" else d.isoformat()
