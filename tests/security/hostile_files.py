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
    """One 30,000-character shared string, referred to by 60,000 cells: 1.8 G characters to copy.
    A short string follows it in the table (each string must be measured on its own, not the last
    one of a chunk taking the chunk's length)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, cells + 2))
    return workbook(header_row() + rows, shared=["y" * chars, "z"])


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


def as_of_far_workbook() -> bytes:
    """Two enterprises: one assessed as of 9999-12-31 (refused, named), one valid (kept)."""
    from reports import batch_book

    good = {"as_of": "2026-11-27", "interpretation": "default", "enterprise": {
        "name": "乙公司", "registered_in_minhang": True, "false_materials": False, "unrepaired_negative_credit": False},
        "training": {"trainees": 120}}
    far = {**good, "as_of": "9999-12-31", "enterprise": {**good["enterprise"], "name": "甲公司"},
           "venues": [{"name": "场景", "opened_on": "2026-04-01", "positive_media_reports": 5,
                       "avg_monthly_visitors": 100, "avg_monthly_revenue_yuan": 1, "total_investment_yuan": 1000}]}
    return batch_book.profiles_workbook([far, good])


# ---- the catalogue, each probe measured in a process of its own (bench/hostile.py, the tests) ----

# name: (what it is, how it is fed, maker of its bytes). "upload": the batch page's reader and run
# (batch.read_files, run); "json": the results page's upload (reports.profile_json);
# "share": a share link (ui.share.decode).
UPLOAD_PROBES = {
    "xlsx_cell_XFD1048576": ("15 KB-class XLSX, one cell at XFD1048576", "upload",
                             lambda: ("bomb.xlsx", far_cell("XFD1048576"))),
    "xlsx_cell_CV1048576": ("XLSX, one cell at CV1048576", "upload", lambda: ("bomb.xlsx", far_cell("CV1048576"))),
    "xlsx_dimension_lies": ("XLSX declaring A1:XFD1048576", "upload", lambda: ("dim.xlsx", lying_dimension())),
    "xlsx_implicit_cells": ("XLSX, 20,000 cells without r in one row", "upload",
                            lambda: ("implicit.xlsx", implicit_far_cell())),
    "xlsx_300mb_string": ("~300 KB XLSX holding one 300 MB shared string", "upload",
                          lambda: ("string.xlsx", huge_string())),
    "xlsx_shared_fanout": ("XLSX, one 30,000-char shared string in 60,000 cells", "upload",
                           lambda: ("fanout.xlsx", shared_fanout())),
    "csv_300000_rows": ("CSV of 300,000 rows", "upload", lambda: ("企业.csv", csv_rows())),
    "csv_field_131073": ("CSV field of 131,073 characters", "upload", lambda: ("企业.csv", csv_long_field())),
    "csv_100000_columns": ("CSV of 100,000 columns", "upload", lambda: ("企业.csv", csv_wide())),
    "xlsx_as_of_9999": ("XLSX, one enterprise as of 9999-12-31 beside a valid one", "upload",
                        lambda: ("asof.xlsx", as_of_far_workbook())),
    "json_nested_100000": ("JSON upload, 100,000 nested brackets", "json", nested_json),
    "json_integer_5000_digits": ("JSON upload, a 5,000-digit integer", "json", long_integer_json),
    "json_100000_works": ("JSON upload, 100,000 works (4.5 MB)", "json", lambda: many_works_json()),
    "json_10000_works": ("JSON upload, 10,000 works within 1 MB", "json", lambda: many_works_json(10_000)),
    "share_nested_100000": ("share link, 100,000 nested brackets", "share", nested_json),
    "share_zip_bomb": ("share link unpacking to 30 MB of spaces", "share", lambda: b" " * 30_000_000),
}


def heaviest_accepted(cells: int = 3_200, chars: int = 32_000) -> bytes:
    """What the limits still let through: 3,200 cells each showing one 32,000-character shared string
    (102 M characters at each use, just under max_xlsx_unpacked_bytes)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, cells + 2))
    return workbook(header_row() + rows, shared=["y" * chars])


# Not refused, so not in the catalogue of refusals: measured by bench/hostile.py only.
ACCEPTED_PROBES = {
    "xlsx_heaviest_accepted": ("XLSX the limits still accept: 3,200 cells x a 32,000-char shared string", "upload",
                               lambda: ("heavy.xlsx", heaviest_accepted())),
}


def run_probe(name: str, lang: str = "zh") -> dict:
    """Feed one probe to its reader in this process: its messages, seconds, CPU seconds and the
    peak memory it added (MB, from ru_maxrss: the input is made first, then the baseline taken)."""
    import resource
    import time

    _what, kind, make = {**UPLOAD_PROBES, **ACCEPTED_PROBES}[name]
    made = make()
    import batch
    from reports.profile_json import profile_from_json
    from ui import share

    if kind == "share":
        import base64
        import zlib

        code = "1." + base64.urlsafe_b64encode(zlib.compress(made, 9)).decode().rstrip("=")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, c = time.perf_counter(), time.process_time()
    assessed = None
    if kind == "upload":
        result = batch.run(batch.read_files([made], lang), lang)
        messages, assessed = [p.message for p in result.problems], [e.name for e in result.entries]
    elif kind == "json":
        _model, problems = profile_from_json(made, lang)
        messages = [str(p) for p in problems]
    else:
        _model, messages = share.decode(code, lang)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    extra = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
    return {"name": name, "messages": messages, "assessed": assessed, "seconds": seconds, "cpu": cpu,
            "extra_mb": extra}


MEMORY_CAP = 3 * 1024 ** 3  # address space of a probe's process: a regression fails, the machine stays up


def run_probe_bounded(name: str, lang: str = "zh", timeout: float = 120) -> dict:
    """run_probe in a fresh interpreter under an address-space limit (so a bomb that got through
    kills only that process)."""
    import json as _json
    import resource
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    code = ("import json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; import hostile_files as h; "
            "print(json.dumps(h.run_probe(sys.argv[3], sys.argv[4]), ensure_ascii=False))")
    proc = subprocess.run([sys.executable, "-c", code, str(root), str(root / "tests" / "security"), name, lang],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=cap, cwd=root)
    if proc.returncode != 0:
        raise AssertionError(f"probe {name} ended with {proc.returncode}: {proc.stderr[-2000:]}")
    return _json.loads(proc.stdout.strip().splitlines()[-1])
