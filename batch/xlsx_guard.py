"""Check an uploaded workbook against the limits before any reader sizes anything from it.

A reader (python-calamine, openpyxl) sizes a sheet's grid from its furthest cell: one cell at
``XFD1048576`` in a 15 KB file asks for hundreds of GiB. And a zip part may unpack to far more than
it says. So every part is unpacked here, in bounded chunks and never kept, and scanned for what
would be allocated from it:

- the parts' count and their unpacked bytes (counting what the deflate stream really holds, not the
  size the zip directory declares);
- each sheet's declared ``<dimension>`` and the furthest cell it actually holds (rows and cells
  without an ``r`` attribute placed as a reader would place them): columns per sheet, and the
  grid (rows x columns from A1) of all sheets together;
- the characters of any one cell, and the text all cells together bring into memory (a shared
  string counts once for every cell that refers to it).

Only then does the fast reader open the file. Every refusal is a ``calculators.limits.BadInput``
with the limit in its message.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from array import array
from collections.abc import Iterator

from calculators.limits import int_limit, refuse

CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|v)(?=[\s/>])([^>]*)>")
_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
_R = re.compile(rb"""\br\s*=\s*["']\s*([A-Za-z]*)([0-9]*)\s*["']""")
_REF = re.compile(rb"""\bref\s*=\s*["']([^"']*)["']""")
_SHARED = re.compile(rb"""\bt\s*=\s*["']s["']""")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_ENTITY = re.compile(rb"&[#\w]{1,10};")


def _col(letters: bytes | str) -> int:
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        n = n * 26 + ord(ch) - 64
    return n


def _chars(text: bytes) -> int:
    """Characters of XML text: UTF-8 lead bytes, an entity (``&#20225;``) counting as one."""
    n = len(text) - sum(text.count(bytes([b])) for b in range(0x80, 0xC0))
    return n - sum(len(m) - 1 for m in _ENTITY.findall(text))


def _unpacked(data: bytes, info: zipfile.ZipInfo, lang: str, budget: list[int]) -> Iterator[bytes]:
    """The part's bytes as the deflate stream holds them, in chunks, charged to ``budget``."""
    start = info.header_offset
    fields = _LOCAL_HEADER.unpack_from(data, start)
    if fields[0] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    begin = start + _LOCAL_HEADER.size + fields[-2] + fields[-1]
    raw = memoryview(data)[begin:begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        chunks: Iterator[bytes] = (bytes(raw[i:i + CHUNK]) for i in range(0, len(raw), CHUNK))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        chunks = _inflate(raw)
    else:
        raise zipfile.BadZipFile("unsupported compression")
    for chunk in chunks:
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise refuse("unpacked", lang, limit=int_limit("max_xlsx_unpacked_bytes"))
        yield chunk


def _inflate(raw: memoryview) -> Iterator[bytes]:
    d = zlib.decompressobj(-15)
    pos = 0
    while pos < len(raw) or d.unconsumed_tail:
        src = d.unconsumed_tail or bytes(raw[pos:pos + CHUNK])
        if not d.unconsumed_tail:
            pos += CHUNK
        out = d.decompress(src, CHUNK)
        if out:
            yield out
        if d.eof:
            return


# A piece ends before a cell when one starts this close to its end (so a sheet's pieces hold whole
# cells and _place's fast path takes them), else before its last tag.
CELL_CUT = 4096


def _pieces(chunks: Iterator[bytes], lang: str, cell_chars: int) -> Iterator[bytes]:
    """The text in whole tags: each piece ends just before a ``<`` (before a cell's ``<c `` when one
    starts in the last CELL_CUT bytes); a carry that grows past what one cell may hold (12 bytes a
    character covers any entity) is refused before it grows further."""
    carry = b""
    most = 12 * cell_chars + 1024
    for chunk in chunks:
        buf = carry + chunk
        cut = buf.rfind(b"<c ", len(buf) - CELL_CUT)
        if cut <= 0:
            cut = buf.rfind(b"<")
        if cut <= 0:
            carry = buf
        else:
            carry = buf[cut:]
            yield buf[:cut]
        if len(carry) > most:
            raise refuse("cell_chars", lang, limit=cell_chars)
    if carry:
        yield carry


class _Sheet:
    """Where a reader would place each cell of one part (implicit positions included)."""

    def __init__(self) -> None:
        self.row = 0
        self.col = 0
        self.max_row = 0
        self.max_col = 0
        self.declared: tuple[int, int] | None = None
        self.shared_refs = 0
        self.text = 0
        self.in_shared_cell = False


def _scan_text(piece: bytes, cell_chars: int, lang: str) -> None:
    """Refuse a text run (between ``>`` and ``<``) of more than ``cell_chars`` characters.

    Any such run holds a whole window of half that many bytes with no ``<`` in it; the windows are
    checked with one memchr each, and only a window found empty is measured exactly.
    """
    half = max(cell_chars // 2, 1)
    for i in range(0, len(piece), half):
        if b"<" in piece[i:i + half]:
            continue
        start = piece.rfind(b"<", 0, i) + 1
        end = piece.find(b"<", i)
        run = piece[start:end if end >= 0 else len(piece)]
        run = run[run.find(b">") + 1:] if b">" in run else run
        if _chars(run) > cell_chars:
            raise refuse("cell_chars", lang, limit=cell_chars)


def _dimension(attrs: bytes) -> tuple[int, int] | None:
    m = _REF.search(attrs)
    if not m:
        return None
    last = m.group(1).decode("ascii", "replace").split(":")[-1]
    ref = _CELL_REF.match(last.strip())
    return (int(ref.group(2)), _col(ref.group(1))) if ref else None


def check_workbook(data: bytes, lang: str = "zh") -> None:
    """Raise BadInput if the workbook exceeds a limit; zipfile.BadZipFile if it is not a zip at all."""
    max_cols, max_cells = int_limit("max_columns"), int_limit("max_cells")
    max_rows = int_limit("max_rows") + 1  # and the header row
    cell_chars = int_limit("max_cell_chars")
    total_text = int_limit("max_xlsx_unpacked_bytes")
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    if len(infos) > int_limit("max_xlsx_parts"):
        raise refuse("parts", lang, count=len(infos), limit=int_limit("max_xlsx_parts"))
    budget = [total_text]
    # Shared strings first (their lengths, for the cells that refer to them), then every other part.
    infos.sort(key=lambda i: not i.filename.lower().endswith("sharedstrings.xml"))
    lengths = array("q")
    cells = 0
    text = 0
    for info in infos:
        is_shared = info.filename.lower().endswith("sharedstrings.xml")
        sheet = _Sheet()
        open_si: int | None = None  # bytes so far of the <si> still open at the end of the last piece
        for piece in _pieces(_unpacked(data, info, lang, budget), lang, cell_chars):
            _scan_text(piece, cell_chars, lang)
            if is_shared:
                # each string's bytes, from its <si> to the next one (tags included: a bound, never less)
                start = 0
                for m in _SI.finditer(piece):
                    if open_si is not None:
                        lengths.append(open_si + m.start() - start)
                    open_si, start = 0, m.start()
                if open_si is not None:
                    open_si += len(piece) - start
                continue
            _place(piece, sheet, lengths, lang, max_cols, max_rows)
        if is_shared and open_si is not None:
            lengths.append(open_si)
        if sheet.declared:
            rows, cols = sheet.declared
            if rows > max_rows:
                raise refuse("rows", lang, count=rows, limit=max_rows - 1)
            if cols > max_cols:
                raise refuse("columns", lang, count=cols, limit=max_cols)
            if rows * cols > max_cells:
                raise refuse("cells", lang, count=rows * cols, limit=max_cells)
        cells += sheet.max_row * sheet.max_col
        if cells > max_cells:
            raise refuse("cells", lang, count=cells, limit=max_cells)
        text += sheet.text
        if text + total_text - budget[0] > total_text:  # shared text at each use, plus everything unpacked
            raise refuse("unpacked", lang, limit=total_text)


# What Excel, LibreOffice and openpyxl write: every cell and row names its place, ``r`` first.
_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_FAST_ROW = re.compile(rb'<row r="([0-9]{1,7})"')
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b([^>]*)>")
_ENDS = (b" ", b">", b"/", b"\t", b"\n", b"\r")


def _count(piece: bytes, tag: bytes) -> int:
    """Tags named ``tag`` without a namespace prefix (a piece with a prefixed one is never counted here)."""
    return sum(piece.count(b"<" + tag + end) for end in _ENDS)


_ANY_SHARED = re.compile(rb"""\st\s*=\s*["']s["']""")
_FAST_SHARED = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]+")? t="s"(?: s="[0-9]+")?>\s*<v>([0-9]{1,11})<')


def _place(piece: bytes, sheet: _Sheet, lengths: array, lang: str, max_cols: int, max_rows: int) -> None:
    """Place the piece's cells: in a few passes of C regexes when every row and cell names its place
    first (the usual case), else tag by tag as a reader would."""
    if b"dimension" in piece:
        for m in _DIMENSION.finditer(piece):
            sheet.declared = _dimension(m.group(1))
    if sheet.in_shared_cell and not piece.startswith((b"<c ", b"<row")):
        # the last piece ended inside a shared-string cell (one of more than CELL_CUT bytes): its value
        # is here, before any cell of this piece
        _place_each(piece, sheet, lengths, lang, max_cols, max_rows)
        return
    cells = _FAST_CELL.findall(piece)
    rows = _FAST_ROW.findall(piece)
    shared = _FAST_SHARED.findall(piece) if lengths else []
    if (b":c" in piece or b":row" in piece or len(cells) != _count(piece, b"c") or len(rows) != _count(piece, b"row")
            or (lengths and len(shared) != len(_ANY_SHARED.findall(piece)))):
        _place_each(piece, sheet, lengths, lang, max_cols, max_rows)
        return
    if cells:
        top_col = max(_col(x) for x in {c[0] for c in cells})
        top_row = max(map(int, (c[1] for c in cells)))
        if top_col > max_cols:
            raise refuse("columns", lang, count=top_col, limit=max_cols)
        if top_row > max_rows:
            raise refuse("rows", lang, count=top_row, limit=max_rows - 1)
        sheet.max_row, sheet.max_col = max(sheet.max_row, top_row), max(sheet.max_col, top_col)
        sheet.row, sheet.col = int(cells[-1][1]), _col(cells[-1][0])
    if rows and (not cells or piece.rfind(b"<row ") > piece.rfind(b"<c ")):
        sheet.row, sheet.col = int(rows[-1]), 0
    n = len(lengths)
    for i in shared:
        k = int(i)
        if k < n:
            sheet.text += lengths[k]
    # a shared-string cell still open at the end (its value in the next piece) is counted there
    last = piece.rfind(b"<c ")
    tail = piece[last:] if last >= 0 else b""
    sheet.in_shared_cell = bool(lengths and tail and _SHARED.search(tail[:tail.find(b">") + 1])
                                and not _FAST_SHARED.match(tail))


def _place_each(piece: bytes, sheet: _Sheet, lengths: array, lang: str, max_cols: int, max_rows: int) -> None:
    for m in _TAG.finditer(piece):
        tag, attrs = m.group(1), m.group(2)
        if tag == b"c":
            r = _R.search(attrs)
            if r and r.group(1) and r.group(2):
                sheet.row, sheet.col = int(r.group(2)), _col(r.group(1))
            else:
                sheet.col += 1
            if sheet.col > max_cols:
                raise refuse("columns", lang, count=sheet.col, limit=max_cols)
            if sheet.row > max_rows:
                raise refuse("rows", lang, count=sheet.row, limit=max_rows - 1)
            sheet.max_row = max(sheet.max_row, sheet.row)
            sheet.max_col = max(sheet.max_col, sheet.col)
            sheet.in_shared_cell = bool(_SHARED.search(attrs))
        elif tag == b"row":
            r = _R.search(attrs)
            sheet.row = int(r.group(2)) if r and r.group(2) else sheet.row + 1
            sheet.col = 0
        elif tag == b"v" and sheet.in_shared_cell:
            end = piece.find(b"<", m.end())
            value = piece[m.end():end if end >= 0 else len(piece)].strip()
            if value.isdigit() and len(value) < 12 and int(value) < len(lengths):
                sheet.text += lengths[int(value)]
