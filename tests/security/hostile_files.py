"""Hostile files of issue 15, made on the fly (never committed as binaries).

Each maker returns the bytes an attacker would upload or pass on the command line. The workbooks are
written as raw zip parts so they can say what no spreadsheet program would write (a single cell at
XFD1048576, a 300 MB string in a 300 KB file, a dimension that lies). Used by the tests in this
folder and by bench/hostile.py, which measures the time and memory of each refusal.
"""

from __future__ import annotations

import io
import json
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>")
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(sheet_data: str | bytes, dimension: str | None = None, shared: list[str] | bytes = (),
             ) -> bytes:
    """A minimal one-sheet workbook (sheet 企业) around raw ``<sheetData>`` content."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    data = sheet_data.encode() if isinstance(sheet_data, str) else sheet_data
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>{dim}<sheetData>'.encode() + data + \
        b"</sheetData></worksheet>"
    if isinstance(shared, bytes):
        sst = shared
    else:
        sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(shared)}" uniqueCount="{len(shared)}">'
               + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", sst)
    return buf.getvalue()


def header_row() -> str:
    return '<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c></row>'


def far_cell(ref: str) -> bytes:
    """One cell at ``ref`` (XFD1048576: the reader would size a 17-billion-cell grid)."""
    row = "".join(ch for ch in ref if ch.isdigit())
    return workbook(header_row() + f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>')


def lying_dimension() -> bytes:
    """Declares A1:XFD1048576 and holds one cell."""
    return workbook(header_row(), dimension="A1:XFD1048576")


def implicit_far_cell() -> bytes:
    """Cells with no ``r``: the 20,000th cell of row 2, placed only by counting."""
    return workbook(header_row() + '<row r="2">' + "<c><v>1</v></c>" * 20_000 + "</row>")


def huge_string(chars: int = 300_000_000) -> bytes:
    """One shared string of ``chars`` characters (300 MB in a ~300 KB file), used by one cell."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="1" uniqueCount="1"><si><t>'.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        base = zipfile.ZipFile(io.BytesIO(workbook(header_row() + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>')))
        for info in base.infolist():
            if info.filename != "xl/sharedStrings.xml":
                z.writestr(info.filename, base.read(info.filename))
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(head)
            block = b"x" * (1 << 20)
            left = chars
            while left > 0:
                f.write(block[:min(left, len(block))])
                left -= len(block)
            f.write(b"</t></si></sst>")
    return buf.getvalue()


def shared_fanout(cells: int = 60_000, chars: int = 30_000) -> bytes:
    """One 30,000-character shared string, referred to by 60,000 cells: 1.8 G characters to copy."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, cells + 2))
    return workbook(header_row() + rows, shared=["y" * chars])


def csv_rows(n: int = 300_000) -> bytes:
    lines = ["企业名称,统一社会信用代码"] + [f"企业{i}," for i in range(n)]
    return "\n".join(lines).encode("utf-8")


def csv_long_field(chars: int = 131_073) -> bytes:
    return ("企业名称\n" + '"' + "x" * chars + '"\n').encode("utf-8")


def csv_wide(columns: int = 100_000) -> bytes:
    return (",".join(f"c{i}" for i in range(columns)) + "\n").encode("utf-8")


def nested_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


def long_integer_json(digits: int = 5000) -> bytes:
    return ('{"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": true, '
            '"false_materials": false, "unrepaired_negative_credit": false}, '
            '"training": {"trainees": ' + "9" * digits + "}}").encode()


def many_works_json(n: int = 100_000) -> bytes:
    works = [{"name": f"作品{i}", "municipal_fund": "none"} for i in range(n)]
    return json.dumps({"as_of": "2026-11-27", "enterprise": {
        "name": "甲", "registered_in_minhang": True, "false_materials": False,
        "unrepaired_negative_credit": False}, "projects": works}, ensure_ascii=False).encode()
