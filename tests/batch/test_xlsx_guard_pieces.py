"""batch/xlsx_guard.py cuts each unpacked part in pieces; a sheet's pieces now end before a cell (``<c ``)
where one starts near the end, so each holds whole cells and the fast placement takes it. What the guard
finds must not depend on where the pieces are cut: the placement of a multi-megabyte sheet, piece by
piece, equals the tag-by-tag placement of the whole part at once."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from array import array

from batch import xlsx_guard as g
from batch.demo import demo_profiles
from reports import batch_book


def _parts():
    data = batch_book.profiles_workbook(demo_profiles(4000, as_of=dt.date(2026, 11, 27)))
    zf = zipfile.ZipFile(io.BytesIO(data))
    shared = zf.read("xl/sharedStrings.xml")
    lengths = array("q", [len(m) for m in shared.split(b"<si>")[1:]])  # a bound per string, as the guard's
    sheets = [zf.read(i.filename) for i in zf.infolist() if i.filename.startswith("xl/worksheets/sheet")]
    return lengths, max(sheets, key=len)


def _chunks(part: bytes, size: int):
    return (part[i:i + size] for i in range(0, len(part), size))


def test_pieces_hold_whole_tags_and_the_whole_part():
    _lengths, part = _parts()
    assert len(part) > 3 * g.CHUNK // 4
    for size in (g.CHUNK, 65_536, 4_099):
        pieces = list(g._pieces(_chunks(part, size), "zh", 32_767))
        assert b"".join(pieces) == part and len(pieces) > 1
        assert all(p.startswith(b"<") for p in pieces[1:])
        # each piece but the last ends where a cell starts when one started near its end
        cut_at_cells = sum(1 for p in pieces[1:] if p.startswith(b"<c "))
        assert cut_at_cells >= len(pieces) - 2


def test_the_placement_does_not_depend_on_where_the_pieces_are_cut():
    lengths, part = _parts()
    whole = g._Sheet()
    g._place_each(part, whole, lengths, "zh", 100, 200_001)
    for size in (g.CHUNK, 65_536, 4_099):
        sheet = g._Sheet()
        for piece in g._pieces(_chunks(part, size), "zh", 32_767):
            g._place(piece, sheet, lengths, "zh", 100, 200_001)
        assert (sheet.max_row, sheet.max_col, sheet.text) == (whole.max_row, whole.max_col, whole.text) != (0, 0, 0)


def test_a_shared_string_cell_cut_across_two_pieces_is_counted_once():
    """A cell padded past CELL_CUT bytes can still be cut between its tag and its value: the value, at the
    start of the next piece, is counted (the fast path used to miss it)."""
    lengths = array("q", [1000, 2000, 3000])
    padded = b'<c r="B2"' + b" " * (2 * g.CELL_CUT) + b't="s"><v>2</v></c>'
    part = (b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2">' + padded
            + b'</row><row r="3"><c r="A3" t="s"><v>1</v></c></row></sheetData></worksheet>')
    whole = g._Sheet()
    g._place_each(part, whole, lengths, "zh", 100, 200_001)
    assert whole.text == 6000
    at = part.index(b"<v>2")  # chunks that end in or just after the padded cell's value
    for size in [*range(at - 2, at + 12), *range(g.CELL_CUT + 1, len(part), 97)]:
        sheet = g._Sheet()
        for piece in g._pieces(_chunks(part, size), "zh", 32_767):
            g._place(piece, sheet, lengths, "zh", 100, 200_001)
        assert (sheet.text, sheet.max_row, sheet.max_col) == (6000, 3, 2), size
