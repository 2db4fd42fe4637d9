"""Rebuild ``content/fonts/NotoSansSC-Report.ttf``: Noto Sans CJK SC cut down to what a report can hold.

The PDF must render Chinese on a machine with no Chinese fonts, so the report ships its own font.
The full Noto Sans CJK SC is ~16 MB; the subset keeps every GB2312 character (all 6,763 hanzi and its
symbols), ASCII and Latin-1, CJK and full-width punctuation, and any character that appears in
``content/`` (policy text, item names, messages), which comes to ~2.2 MB. The CFF outlines are
converted to TrueType ones: fpdf2 writes the widths of a CFF font under the wrong CIDs (text is
spaced wrongly and extracts with gaps), while its TrueType path is exact.

Run where fonts-noto-cjk is installed (Debian): ``python -m reports.font_subset``.

``python -m reports.font_subset web`` cuts the interface's font from that report font (no system font
needed): ``static/fonts/NotoSansSC-UI.woff``, served by Streamlit's static serving to the browser
(``[[theme.fontFaces]]`` in .streamlit/config.toml), so the app and its charts read the same on a machine
with no Chinese font. It holds every character of ``content/`` and of the code's own strings (the
interface, the charts, the policy text, the examples), GB2312's 3,755 common hanzi (level 1: what an
enterprise or a work is usually called), ASCII, Latin-1 and the punctuation above: ~0.7 MB as WOFF
(zlib; WOFF2 would need the brotli package), loaded once per browser. The OFL notice goes beside it.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_INDEX_SC = 2  # the TTC's Simplified Chinese face
COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "content" / "fonts" / "NotoSansSC-Report.ttf"
LICENCE = ROOT / "content" / "fonts" / "OFL.txt"
FAMILY = "Noto Sans SC Report Subset"
WEB_TARGET = ROOT / "static" / "fonts" / "NotoSansSC-UI.woff"
WEB_LICENCE = WEB_TARGET.parent / "OFL.txt"
WEB_FAMILY = "Noto Sans SC UI"  # the family .streamlit/config.toml and ui/theme.py name
CODE_DIRS = ("calculators", "pages", "reports", "ui")


def gb2312(first_row: int = 0xA1, end_row: int = 0xF8) -> set[str]:
    """GB2312's characters in rows ``first_row`` to ``end_row`` - 1 (as EUC-CN lead bytes): all of them by default."""
    chars: set[str] = set()
    for hi in range(first_row, end_row):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def gb2312_characters() -> set[str]:
    return gb2312()


def gb2312_level1() -> set[str]:
    """GB2312's level-1 hanzi (rows 16-55): the 3,755 in common use."""
    return gb2312(0xB0, 0xD8)


def punctuation() -> set[str]:
    """ASCII, Latin-1, and the punctuation and symbol blocks the policy and the interface use."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    for lo, hi in ((0x2010, 0x2060),  # dashes, quotes, bullets, per mille, reference mark
                   (0x2190, 0x21A0),  # arrows
                   (0x2200, 0x2270),  # less/greater or equal, times, divide and friends
                   (0x2300, 0x230C),  # floor brackets
                   (0x2460, 0x24A0),  # circled numbers
                   (0x25A0, 0x2600),  # squares and circles
                   (0x3000, 0x3040),  # CJK punctuation
                   (0xFF00, 0xFFF0)):  # full-width forms
        chars |= {chr(c) for c in range(lo, hi)}
    return chars


def file_characters(chars: set[str], paths) -> set[str]:
    """``chars`` with every character of ``paths`` added, kept to the printable ones (and the space)."""
    for path in paths:
        chars |= set(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() or c == " "}


def content_files() -> list[Path]:
    return [p for p in (ROOT / "content").rglob("*") if p.suffix in (".yaml", ".txt", ".json", ".md")]


def wanted_characters() -> set[str]:
    """What a report can hold: all of GB2312, punctuation, and every character of content/."""
    return file_characters(gb2312_characters() | punctuation(), content_files())


def web_characters() -> set[str]:
    """What the interface can show: content/, the code's own strings, common hanzi, punctuation."""
    code = [p for folder in CODE_DIRS for p in (ROOT / folder).rglob("*.py")] + [ROOT / "app.py"]
    return file_characters(gb2312_level1() | punctuation(), content_files() + code)


def subset(font, chars: set[str], family: str, features: list[str], **options) -> None:
    """Cut ``font`` down to ``chars`` in place and name it ``family``."""
    from fontTools import subset as fontsubset

    opts = fontsubset.Options()
    opts.layout_features = features
    opts.hinting = False
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 11, 13, 14]
    opts.notdef_outline = True
    for name, value in options.items():
        setattr(opts, name, value)
    sub = fontsubset.Subsetter(opts)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(font)
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            names.setName(family, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            names.setName(family.replace(" ", ""), rec.nameID, rec.platformID, rec.platEncID, rec.langID)


def build_web() -> None:
    """Cut the interface's WOFF font from the bundled report font and put the licence beside it."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(TARGET))
    subset(font, web_characters(), WEB_FAMILY, ["kern", "liga", "palt", "halt"], flavor="woff")
    WEB_TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff"
    font.save(str(WEB_TARGET))
    WEB_LICENCE.write_text(
        "static/fonts/NotoSansSC-UI.woff is a further subset of content/fonts/NotoSansSC-Report.ttf, made by\n"
        "reports/font_subset.py (`web`) for the browser; the same licence applies.\n\n"
        + LICENCE.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{WEB_TARGET}: {WEB_TARGET.stat().st_size / 1e6:.2f} MB, {len(font.getBestCmap())} characters")


def write_licence() -> None:
    text = gzip.open(COPYRIGHT, "rt").read() if COPYRIGHT.suffix == ".gz" else COPYRIGHT.read_text()
    # DEP-5: the OFL's text is the standalone paragraph that opens with "License: SIL-1.1" (after a blank
    # line), each line indented, "." for an empty one; Files paragraphs only name the licence.
    found = re.search(r"(?:\A|\n\n)License: SIL-1\.1\n((?:[ \t].*(?:\n|\Z))+)", text)
    if found is None:
        raise SystemExit(f"{COPYRIGHT}: no standalone 'License: SIL-1.1' paragraph holding the licence text")
    lines = [("" if line.strip() == "." else re.sub(r"^ ", "", line)) for line in found.group(1).splitlines()]
    header = (
        "content/fonts/NotoSansSC-Report.ttf is a subset of Noto Sans CJK SC Regular\n"
        "(https://github.com/notofonts/noto-cjk), made by reports/font_subset.py with fontTools.\n"
        "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
        "Noto is a trademark of Google Inc. This Font Software is licensed under the\n"
        "SIL Open Font License, Version 1.1, reproduced below.\n\n"
    )
    LICENCE.write_text(header + "\n".join(lines).strip() + "\n", encoding="utf-8")


def to_truetype(font) -> None:
    """Replace the font's cubic CFF outlines by quadratic TrueType ones (max error 1 unit in 1000)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0


def build() -> None:
    from fontTools.subset import Options
    from fontTools.ttLib import TTCollection

    font = TTCollection(str(SOURCE)).fonts[SOURCE_INDEX_SC]
    subset(font, wanted_characters(), FAMILY, ["kern", "liga", "palt", "halt", "vert"],
           drop_tables=Options().drop_tables + ["VORG", "vhea", "vmtx"])
    to_truetype(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    write_licence()
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.2f} MB, {len(font.getBestCmap())} characters")


if __name__ == "__main__":
    if sys.argv[1:] == ["web"]:
        build_web()
        sys.exit(0)
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} not found: install fonts-noto-cjk to rebuild the subset")
    build()
