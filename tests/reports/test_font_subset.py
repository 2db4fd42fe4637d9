"""The font builder (reports/font_subset.py): which characters the report's and the interface's fonts hold,
how a font is cut down and renamed, its CFF outlines turned into TrueType ones, and the licence beside it.

The Noto Sans CJK collection it starts from is a system package (fonts-noto-cjk) that CI need not have,
so the outline conversion runs on a small CFF font built here, and the interface's font is cut from the
shipped report font, as ``python -m reports.font_subset web`` does.
"""

from __future__ import annotations

import array
import gzip
import io
import os
import re
import struct

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont, newTable

from reports import font_subset as fs

# --- which characters --------------------------------------------------------------------------------

def test_gb2312_is_7445_characters_of_which_3755_common_hanzi():
    # GB 2312-1980: 682 symbols and 6,763 hanzi, 3,755 of them level 1 (rows 16-55, lead bytes B0-D7)
    every, level1 = fs.gb2312_characters(), fs.gb2312_level1()
    assert (len(every), len(level1)) == (7445, 3755)
    # the first and last cells of a row (trail bytes A1 and FE), of level 1 and of the whole set
    assert {"　", "啊", "剥", "座", "亍", "齄"} <= every  # A1A1, B0A1, B0FE, D7F9, D8A1, F7FE
    assert {"啊", "剥", "座"} <= level1 and not {"亍", "齄", "　"} & level1
    assert fs.gb2312(0xB0, 0xB1) == {bytes([0xB0, lo]).decode("gb2312") for lo in range(0xA1, 0xFF)}


def test_punctuation_covers_ascii_latin1_and_the_symbol_blocks_and_no_more():
    chars = fs.punctuation()
    # 95 ASCII + 96 Latin-1 + 80 + 16 + 112 + 12 + 64 + 96 + 64 + 240 in the eight blocks
    assert len(chars) == 875
    first_and_last = " ~\u00a0ÿ‐\u205f←\u219f∀\u226f⌀\u230b①\u249f■\u25ff　\u303f\uff00\uffef"
    assert set(first_and_last) <= chars
    assert not set("\x1f\x7f\u0100\u200f\u2060\u218f\u21a0\u21ff\u2270\u22ff\u230c\u245f\u24a0\u259f\u2600"
                   "\u2fff\u3040\ufeff\ufff0") & chars
    assert set("…‰※≤≥×÷〔〕（）。，、：；□") <= chars  # what the policy and the reports print


def test_file_characters_adds_every_printable_character_of_the_files(tmp_path):
    one, two = tmp_path / "a.yaml", tmp_path / "b.txt"
    one.write_text("甲\t乙\n", encoding="utf-8")
    two.write_text("丙 ✓\r\n", encoding="utf-8")
    assert fs.file_characters({"A", "\n"}, [one, two]) == {"A", "甲", "乙", "丙", " ", "✓"}


def test_content_files_are_the_texts_of_content_not_the_fonts():
    found = {p.relative_to(fs.ROOT).as_posix() for p in fs.content_files()}
    assert {"content/policy/full_text.txt", "content/i18n/reports.yaml", "content/examples/drama_studio.json",
            "content/fonts/OFL.txt"} <= found
    assert all(p.endswith((".yaml", ".txt", ".json", ".md")) for p in found)
    assert "content/fonts/NotoSansSC-Report.ttf" not in found


def test_content_files_are_its_yaml_text_json_and_markdown_in_every_folder(tmp_path, monkeypatch):
    for name in ("a.yaml", "b.txt", "c.json", "d.md", "deep/e.yaml", "f.ttf", "g.py", "h.yml"):
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text("甲", encoding="utf-8")
    monkeypatch.setattr(fs, "ROOT", tmp_path)
    assert sorted(p.relative_to(tmp_path / "content").as_posix() for p in fs.content_files()) == [
        "a.yaml", "b.txt", "c.json", "d.md", "deep/e.yaml"]


def test_the_report_font_holds_gb2312_punctuation_and_every_character_of_content():
    wanted = fs.wanted_characters()
    printable = {c for c in fs.gb2312_characters() | fs.punctuation() if c.isprintable() or c == " "}
    assert printable <= wanted and {"啊", "齄", "（", " "} <= wanted
    assert not {"\u3000", "\u00a0", "\u200b"} & wanted  # spaces that print nothing are left out
    assert {"✓", "✗"} <= wanted  # in content/ (the policy page's marks), in neither GB2312 nor the blocks
    assert not {"\n", "\t", "\r"} & wanted


def test_the_interface_font_holds_common_hanzi_and_the_codes_own_strings():
    web = fs.web_characters()
    assert {c for c in fs.gb2312_level1() | fs.punctuation() if c.isprintable() or c == " "} <= web
    assert {"✓", "Σ", "ℹ", "⚠", "🎬"} <= web  # content/, then ui/ and pages/ strings (none of GB2312 level 1)
    assert "齄" not in web  # GB2312 level 2, used nowhere
    assert not {"\n", "\t"} & web


# --- cutting a font down -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report_font_bytes():
    return fs.TARGET.read_bytes()


def test_subset_keeps_the_characters_renames_the_family_and_takes_options(report_font_bytes):
    font = TTFont(io.BytesIO(report_font_bytes))
    fs.subset(font, {"甲", "A", "，"}, "Test Family Name", ["kern"])
    assert set(font.getBestCmap()) == {ord("甲"), ord("A"), ord("，")}
    names = {(r.nameID, r.toUnicode()) for r in font["name"].names}
    assert {(1, "Test Family Name"), (4, "Test Family Name"), (6, "TestFamilyName")} <= names
    assert {n for n, _ in names} == {0, 1, 2, 3, 4, 5, 6, 7, 11, 13, 14}
    features = {r.FeatureTag for t in ("GSUB", "GPOS") if t in font for r in font[t].table.FeatureList.FeatureRecord}
    assert features <= {"kern"}
    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[".notdef"].draw(pen)
    assert pen.value  # .notdef keeps its outline: a missing glyph prints as a box, not as nothing

    font = TTFont(io.BytesIO(report_font_bytes))
    fs.subset(font, {"甲"}, "Other", ["vert", "palt"], name_IDs=[1, 4, 6])
    assert {r.nameID for r in font["name"].names} == {1, 4, 6}
    assert {(r.nameID, r.toUnicode()) for r in font["name"].names} == {(1, "Other"), (4, "Other"), (6, "Other")}


def test_the_interface_font_is_cut_from_the_report_font_with_its_licence(tmp_path, monkeypatch, capsys):
    target = tmp_path / "fonts" / "NotoSansSC-UI.woff"
    monkeypatch.setattr(fs, "WEB_TARGET", target)
    monkeypatch.setattr(fs, "WEB_LICENCE", target.parent / "OFL.txt")
    fs.build_web()
    assert target.read_bytes()[:4] == b"wOFF"
    font = TTFont(str(target))
    assert font.flavor == "woff"
    assert {(r.nameID, r.toUnicode()) for r in font["name"].names if r.nameID in (1, 4, 6, 16)} == {
        (1, "Noto Sans SC UI"), (4, "Noto Sans SC UI"), (6, "NotoSansSCUI")}
    chars = {chr(c) for c in font.getBestCmap()}
    assert {"啊", "座", "闵", "（", "A"} <= chars and "齄" not in chars  # 闵: level 2, in content/
    features = {r.FeatureTag for t in ("GSUB", "GPOS") for r in font[t].table.FeatureList.FeatureRecord}
    assert features == {"kern", "liga", "palt", "halt"}  # not "vert": the interface is never set vertically
    licence = (target.parent / "OFL.txt").read_text(encoding="utf-8")
    assert licence == ("static/fonts/NotoSansSC-UI.woff is a further subset of content/fonts/NotoSansSC-Report.ttf,"
                       " made by\nreports/font_subset.py (`web`) for the browser; the same licence applies.\n\n"
                       + fs.LICENCE.read_text(encoding="utf-8"))
    out = capsys.readouterr().out
    assert out == f"{target}: {target.stat().st_size / 1e6:.2f} MB, {len(chars)} characters\n"


# --- the licence ----------------------------------------------------------------------------------------

def debian_copyright() -> str:
    """A machine-readable Debian copyright file (DEP-5) as fonts-noto-cjk ships it: the OFL as its
    standalone licence paragraph, one space in front of each line, "." for an empty one."""
    body = fs.LICENCE.read_text(encoding="utf-8").split("reproduced below.\n\n", 1)[1]
    ofl = "\n".join(" ." if not line else " " + line for line in body.rstrip("\n").split("\n"))
    return ("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            "Upstream-Name: noto-cjk\n\n"
            "Files: *\nCopyright: 2014-2021 Adobe (http://www.adobe.com/)\nLicense: SIL-1.1\n\n"
            "Files: debian/*\nCopyright: 2012 Debian Fonts Task Force\nLicense: GPL-3+\n\n"
            f"License: SIL-1.1\n{ofl}\n\n"
            "License: GPL-3+\n This package is free software.\n")


@pytest.mark.parametrize("name", ["copyright", "copyright.gz"])
def test_the_licence_is_the_ofl_of_the_debian_copyright_under_its_header(tmp_path, monkeypatch, name):
    source = tmp_path / name
    data = debian_copyright().encode("utf-8")
    source.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    monkeypatch.setattr(fs, "COPYRIGHT", source)
    monkeypatch.setattr(fs, "LICENCE", tmp_path / "OFL.txt")
    shipped = (fs.ROOT / "content" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    fs.write_licence()
    assert (tmp_path / "OFL.txt").read_text(encoding="utf-8") == shipped


# --- CFF to TrueType ------------------------------------------------------------------------------------

def cff_font(hanzi: str = "甲", vertical: bool = False) -> TTFont:
    """A CFF font of two characters (``hanzi`` and A), each one counter-clockwise contour (PostScript's
    direction) with a deep cubic curve, as Noto Sans CJK draws its outlines."""
    names = [".notdef", "hanzi", "uni0041"]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(hanzi): "hanzi", 0x41: "uni0041"})
    charstrings = {}
    for name in names:
        pen = T2CharStringPen(1000, None)
        pen.moveTo((50, 0))
        pen.lineTo((950, 0))
        pen.curveTo((950, 1200), (50, -300), (50, 800))
        pen.closePath()
        charstrings[name] = pen.getCharString()
    fb.setupCFF("TestCFF", {"FullName": "Test CFF"}, charstrings, {})
    fb.setupHorizontalMetrics({name: (1000, 50) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    if vertical:  # as a CJK font has, for vertical setting; the report is never set vertically
        fb.setupVerticalMetrics({name: (1000, 880) for name in names})
        fb.setupVerticalHeader(ascent=500, descent=-500)
        vorg = newTable("VORG")  # CFF's vertical origins: version 1.0, default 880, no exceptions
        vorg.decompile(struct.pack(">HHhH", 1, 0, 880, 0), fb.font)
        fb.font["VORG"] = vorg
    fb.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.font.save(out)
    return TTFont(io.BytesIO(out.getvalue()))


def cubic(t, p0, p1, p2, p3):
    return tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
                 for a, b, c, d in zip(p0, p1, p2, p3, strict=True))


def test_cff_outlines_become_truetype_ones_within_one_unit_and_clockwise():
    font = cff_font()
    fs.to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    tt = TTFont(io.BytesIO(out.getvalue()))
    assert "glyf" in tt and "loca" in tt and "CFF " not in tt
    assert tt.sfntVersion == "\x00\x01\x00\x00"
    assert tt.getGlyphOrder() == [".notdef", "hanzi", "uni0041"]  # post format 2 keeps the names
    assert tt["post"].formatType == 2.0 and tt["maxp"].tableVersion == 0x00010000 and tt["maxp"].maxZones == 1
    assert (tt["maxp"].maxStorage, tt["maxp"].maxFunctionDefs, tt["maxp"].maxStackElements,
            tt["maxp"].maxTwilightPoints, tt["maxp"].maxInstructionDefs, tt["maxp"].maxSizeOfInstructions,
            tt["maxp"].maxComponentElements) == (0, 0, 0, 0, 0, 0, 0)
    assert (tt["head"].indexToLocFormat, tt["head"].glyphDataFormat) == (0, 0)
    for name in tt.getGlyphOrder():
        glyph = tt["glyf"][name]
        coords, ends, flags = glyph.getCoordinates(tt["glyf"])
        points = list(coords)
        assert len(ends) == 1 and points[0] == (50, 0)
        # TrueType's outer contours run clockwise: a negative area (the shoelace formula, y up)
        area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        assert area < 0
        # the quadratic curve stays within 1 unit of the cubic: sample both and compare
        pen = DecomposingRecordingPen(tt.getGlyphSet())
        tt.getGlyphSet()[name].draw(pen)
        quad = []
        start = None
        for op, args in pen.value:
            if op == "moveTo":
                start = args[0]
            elif op == "qCurveTo":
                quad += quad_points(start, args)
                start = args[-1]
            elif op == "lineTo":
                start = args[0]
        assert quad
        for i in range(101):
            p = cubic(i / 100, (50, 800), (50, -300), (950, 1200), (950, 0))
            assert min((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 for q in quad) <= 1.0 ** 2 + 0.3


def quad_points(start, args, steps=400):
    """Points along a TrueType qCurveTo (implied on-curve points between off-curve ones)."""
    offs, end = list(args[:-1]), args[-1]
    segments, p0 = [], start
    for i, c in enumerate(offs):
        p2 = end if i == len(offs) - 1 else ((c[0] + offs[i + 1][0]) / 2, (c[1] + offs[i + 1][1]) / 2)
        segments.append((p0, c, p2))
        p0 = p2
    out = []
    for a, b, c in segments:
        for k in range(steps + 1):
            t = k / steps
            out.append(tuple((1 - t) ** 2 * x + 2 * (1 - t) * t * y + t ** 2 * z for x, y, z in zip(a, b, c, strict=True)))
    return out


def test_the_report_font_is_built_from_the_collections_simplified_chinese_face(tmp_path, monkeypatch, capsys):
    from fontTools.ttLib import TTCollection

    faces = []
    for hanzi in "日韩简繁":  # the collection's faces: Japanese, Korean, Simplified (index 2), Traditional
        faces.append(cff_font(hanzi, vertical=True))
    collection = TTCollection()
    collection.fonts = faces
    source = tmp_path / "NotoSansCJK-Regular.ttc"
    collection.save(str(source))
    copyright_file = tmp_path / "copyright"
    copyright_file.write_text(debian_copyright(), encoding="utf-8")
    target = tmp_path / "content" / "fonts" / "Report.ttf"  # neither folder there yet
    monkeypatch.setattr(fs, "SOURCE", source)
    monkeypatch.setattr(fs, "COPYRIGHT", copyright_file)
    monkeypatch.setattr(fs, "TARGET", target)
    monkeypatch.setattr(fs, "LICENCE", target.parent / "OFL.txt")
    fs.build()
    fs.build()  # again, over the first: the folder is there now
    assert {"vhea", "vmtx", "VORG"} <= set(faces[2].keys())
    font = TTFont(str(target))
    assert "glyf" in font and "CFF " not in font and not {"vhea", "vmtx", "VORG"} & set(font.keys())
    assert {r.toUnicode() for r in font["name"].names if r.nameID in (1, 4)} == {"Noto Sans SC Report Subset"}
    assert set(font.getBestCmap()) == {ord("简"), ord("A")}
    assert (target.parent / "OFL.txt").read_text(encoding="utf-8") == \
        (fs.ROOT / "content" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    line = rf"{re.escape(str(target))}: \d+\.\d\d MB, 2 characters\n"
    assert re.fullmatch(line + line, capsys.readouterr().out)


def test_the_interface_font_goes_into_a_new_or_existing_folder(tmp_path, monkeypatch):
    report_font = tmp_path / "report.ttf"
    font = cff_font()
    fs.to_truetype(font)
    font.save(str(report_font))
    target = tmp_path / "static" / "fonts" / "UI.woff"  # neither folder there yet
    monkeypatch.setattr(fs, "TARGET", report_font)
    monkeypatch.setattr(fs, "WEB_TARGET", target)
    monkeypatch.setattr(fs, "WEB_LICENCE", target.parent / "OFL.txt")
    fs.build_web()
    fs.build_web()  # again, over the first
    assert TTFont(str(target)).flavor == "woff" and set(TTFont(str(target)).getBestCmap()) == {ord("甲"), ord("A")}


# --- fifth round: what mutmut's own run left ------------------------------------------------------------

def test_subset_renames_the_family_in_every_language_and_the_typographic_family_too(report_font_bytes):
    """Kept with ``name_languages`` and ``name_IDs``, the family (1), full (4), PostScript (6) and typographic
    family (16) names are the new family's in every language (here English and Chinese); the typographic
    subfamily (17) stays as it was."""
    font = TTFont(io.BytesIO(report_font_bytes))
    names = font["name"]
    for name_id, lang, value in ((1, 0x804, "思源黑体"), (4, 0x804, "思源黑体"), (6, 0x804, "SourceHanSansSC"),
                                 (16, 0x409, "Old Family"), (16, 0x804, "思源黑体"), (17, 0x409, "Regular")):
        names.setName(value, name_id, 3, 1, lang)
    fs.subset(font, {"甲"}, "New Family", [], name_IDs=[1, 4, 6, 16, 17], name_languages=["*"])
    assert sorted((r.nameID, r.langID, r.toUnicode()) for r in font["name"].names) == [
        (1, 0x409, "New Family"), (1, 0x804, "New Family"), (4, 0x409, "New Family"), (4, 0x804, "New Family"),
        (6, 0x409, "NewFamily"), (6, 0x804, "NewFamily"), (16, 0x409, "New Family"), (16, 0x804, "New Family"),
        (17, 0x409, "Regular")]


def test_subset_drops_truetype_hinting():
    """A TrueType font with its hinting programs (fpgm, prep, cvt and a glyph's instructions) comes out
    without them: fpdf2 and the browser draw the outlines unhinted, and the programs only add bytes."""
    from fontTools.ttLib.tables import ttProgram

    font = cff_font()
    fs.to_truetype(font)
    for tag in ("fpgm", "prep"):
        table = font[tag] = newTable(tag)
        table.program = ttProgram.Program()
        table.program.fromAssembly(["PUSHB[ ]", "1", "POP[ ]"])
    font["cvt "] = newTable("cvt ")
    font["cvt "].values = array.array("h", [0, 100])
    glyph = font["glyf"]["hanzi"]
    glyph.program = ttProgram.Program()
    glyph.program.fromAssembly(["PUSHB[ ]", "1", "POP[ ]"])
    out = io.BytesIO()
    font.save(out)
    hinted = TTFont(io.BytesIO(out.getvalue()))
    assert {"fpgm", "prep", "cvt "} <= set(hinted.keys()) and hinted["glyf"]["hanzi"].program.getBytecode()
    fs.subset(hinted, {"甲"}, "Plain", [])
    out = io.BytesIO()
    hinted.save(out)
    plain = TTFont(io.BytesIO(out.getvalue()))
    assert not {"fpgm", "prep", "cvt "} & set(plain.keys())
    assert not plain["glyf"][plain.getBestCmap()[ord("甲")]].program.getBytecode()


class SizedPath(type(fs.ROOT)):
    """A path whose size, as stat() gives it, is ``SIZE`` bytes: the build log's figure, worked by hand."""

    SIZE = 2_245_001  # 2.245001 MB: "2.25 MB" (a megabyte is 10^6 bytes)

    def stat(self, *, follow_symlinks=True):
        st = super().stat(follow_symlinks=follow_symlinks)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, self.SIZE,
                               int(st.st_atime), int(st.st_mtime), int(st.st_ctime)))


def test_the_build_logs_give_the_size_in_megabytes_of_a_million_bytes(tmp_path, monkeypatch, capsys):
    report_font = tmp_path / "report.ttf"
    font = cff_font()
    fs.to_truetype(font)
    font.save(str(report_font))
    target = SizedPath(tmp_path / "UI.woff")
    monkeypatch.setattr(fs, "TARGET", report_font)
    monkeypatch.setattr(fs, "WEB_TARGET", target)
    monkeypatch.setattr(fs, "WEB_LICENCE", tmp_path / "OFL.txt")
    fs.build_web()
    assert capsys.readouterr().out == f"{target}: 2.25 MB, 2 characters\n"

    from fontTools.ttLib import TTCollection

    collection = TTCollection()
    collection.fonts = [cff_font(hanzi) for hanzi in "日韩简繁"]
    collection.save(str(tmp_path / "source.ttc"))
    copyright_file = tmp_path / "copyright"
    copyright_file.write_text(debian_copyright(), encoding="utf-8")
    monkeypatch.setattr(fs, "SOURCE", tmp_path / "source.ttc")
    monkeypatch.setattr(fs, "COPYRIGHT", copyright_file)
    monkeypatch.setattr(fs, "LICENCE", tmp_path / "OFL.txt")
    for path, figure in ((tmp_path / "Report.ttf", None), (SizedPath(tmp_path / "Report.ttf"), "2.25")):
        monkeypatch.setattr(fs, "TARGET", path)
        fs.build()
        size = path.stat().st_size
        assert figure or size < 5000  # the real file of two characters: under 0.005 MB, "0.00 MB"
        assert capsys.readouterr().out == f"{path}: {figure or '0.00'} MB, 2 characters\n"


def test_the_licence_is_the_sil_paragraph_when_more_licences_follow(tmp_path, monkeypatch):
    """The OFL's paragraph ends where the next licence begins, however many follow it."""
    source = tmp_path / "copyright"
    source.write_text(debian_copyright() + "\nLicense: Apache-2.0\n Licensed under the Apache License.\n",
                      encoding="utf-8")
    monkeypatch.setattr(fs, "COPYRIGHT", source)
    monkeypatch.setattr(fs, "LICENCE", tmp_path / "OFL.txt")
    fs.write_licence()
    assert (tmp_path / "OFL.txt").read_text(encoding="utf-8") == \
        (fs.ROOT / "content" / "fonts" / "OFL.txt").read_text(encoding="utf-8")


def test_the_licence_is_the_standalone_paragraph_however_many_files_name_it(tmp_path, monkeypatch):
    """Debian's copyright names SIL-1.1 in each Files paragraph it covers; the text is in its own paragraph."""
    files = "".join(f"Files: {folder}/*\nCopyright: 2014-2021 Adobe\nLicense: SIL-1.1\n\n"
                     for folder in ("Sans", "Serif", "extra"))
    text = debian_copyright().replace("Upstream-Name: noto-cjk\n\n", "Upstream-Name: noto-cjk\n\n" + files, 1)
    assert text.count("License: SIL-1.1\n") == 5
    source = tmp_path / "copyright"
    source.write_text(text, encoding="utf-8")
    monkeypatch.setattr(fs, "COPYRIGHT", source)
    monkeypatch.setattr(fs, "LICENCE", tmp_path / "OFL.txt")
    fs.write_licence()
    written = (tmp_path / "OFL.txt").read_text(encoding="utf-8")
    assert written == (fs.ROOT / "content" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "PERMISSION & CONDITIONS" in written and "Files:" not in written


def test_a_copyright_without_the_licence_text_stops_with_a_message_and_writes_nothing(tmp_path, monkeypatch):
    source = tmp_path / "copyright"
    source.write_text("Files: *\nCopyright: 2014-2021 Adobe\nLicense: SIL-1.1\n\nFiles: debian/*\n"
                      "License: GPL-3+\n", encoding="utf-8")
    monkeypatch.setattr(fs, "COPYRIGHT", source)
    monkeypatch.setattr(fs, "LICENCE", tmp_path / "OFL.txt")
    with pytest.raises(SystemExit, match="no standalone 'License: SIL-1.1' paragraph"):
        fs.write_licence()
    assert not (tmp_path / "OFL.txt").exists()
