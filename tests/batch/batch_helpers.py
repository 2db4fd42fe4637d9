"""Shared by the batch tests: the example profiles, filling the template, sheets as CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl

import batch
from calculators import assess, validate_profile
from reports import batch_book

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 27)


def examples() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "content" / "examples").glob("*.json"))]


def engine_entries(profiles: list[dict], lang: str = "zh") -> list[batch.Entry]:
    out = []
    for data in profiles:
        profile, problems = validate_profile(data, lang)
        assert not problems, problems
        out.append(batch.entry_of(assess(profile, lang), profile.enterprise.credit_code))
    return out


def fill_template(profiles: list[dict], lang: str = "zh") -> bytes:
    """Open the downloaded template, drop its example rows and type the profiles in, as a user would."""
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.template_xlsx(lang)))
    rows = batch_book.profile_rows(profiles, lang)
    for section in batch.SECTION_KEYS:
        ws = wb[batch.sheet_name(section, lang)]
        ws.delete_rows(2, ws.max_row)
        for row in rows[section]:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # typed as text (Excel: a leading quote), not a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def as_csv_files(workbook: bytes, encoding: str) -> list[tuple[str, bytes]]:
    """Each section sheet saved as CSV in ``encoding`` (utf-8, utf-8-sig or gbk), named after its sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)
    files = []
    for ws in wb.worksheets:
        if batch.section_of_sheet(ws.title) is None:
            continue
        buf = io.StringIO(newline="")
        csv.writer(buf).writerows(["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True))
        files.append((f"{ws.title}.csv", buf.getvalue().encode(encoding)))
    return files
