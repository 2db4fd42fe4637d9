"""Assembling profiles: the raw sheets' rows turned into one profile dict per enterprise, each part
remembering the row it came from, so a validation problem can be placed back on its cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from calculators.credit_code import normalise as normalise_code

from .convert import MISSING, convert, platform_words
from .read import RawBook, RawSheet
from .schema import (
    KEY_CODE,
    KEY_NAME,
    LEGACY_COLUMNS,
    SECTION_KEYS,
    SPEC,
    BatchProblem,
    blank,
    column_letter,
    columns,
    header_lookup,
    norm_header,
    sheet_name,
    text,
    texts,
)


@dataclass
class Candidate:
    """One enterprise as read: its profile dict and where each part of it came from."""

    data: dict[str, Any]
    row: int
    origins: dict[tuple[str, int | None], int] = field(default_factory=dict)  # (section, index) -> row


class Sheet:
    """A raw sheet with its columns matched to fields."""

    def __init__(self, section: str, raw: RawSheet, lang: str, problems: list[BatchProblem]):
        self.section = section
        self.raw = raw
        lookup = header_lookup(section)
        kinds = {"name": "text"} | dict(LEGACY_COLUMNS.get(section, ())) | {f: k for f, k, _h in columns(section, "zh")}
        self.cols: list[tuple[int, str, str]] = []  # (index, field, kind)
        self.headers: dict[str, tuple[int, str]] = {}
        for i, h in enumerate(raw.header):
            if blank(h):
                continue
            fld = lookup.get(norm_header(h))
            if fld is None:  # an older template's hint in brackets (是/否 before 是/否/未确认): the label decides
                fld = lookup.get(norm_header(re.split(r"[（(]", str(h))[0]))
            if fld is None:
                problems.append(BatchProblem(raw.name, 1, str(h), text("problems", "unknown_column", lang),
                                             cell=f"{column_letter(i)}1"))
                continue
            self.cols.append((i, fld, kinds.get(fld, "text")))
            self.headers[fld] = (i, str(h))

    def where(self, fld: str) -> tuple[str, str]:
        """(column header, column letter) of a field on this sheet, or the expected header."""
        if fld in self.headers:
            i, h = self.headers[fld]
            return h, column_letter(i)
        for f, _k, h in columns(self.section, "zh"):
            if f == fld:
                return h, ""
        return fld, ""


def _key(code: Any, name: Any) -> tuple[str | None, str | None]:
    c = normalise_code(str(code)) if not blank(code) else None
    n = str(int(name) if isinstance(name, float) and name.is_integer() else name).strip() if not blank(name) else None
    return c, n


def assemble(book: RawBook, lang: str = "zh", as_of: dt.date | None = None,
             interpretation: str | None = None, reading_for_all: bool = False,
             ) -> tuple[list[Candidate], list[BatchProblem], dict[str, Sheet]]:
    """Turn the raw sheets into one profile dict per enterprise, reporting rows that cannot be placed.

    ``interpretation`` is the reading of rows that give none; with ``reading_for_all`` it is the
    reading of every row (the app's sidebar switch applies to the whole portfolio)."""
    problems = list(book.problems)
    sheets = {s: Sheet(s, raw, lang, problems) for s, raw in book.sheets.items()}
    if "enterprise" not in sheets:
        if book.sheets or not problems:
            problems.append(BatchProblem(sheet_name("enterprise", lang), None, "",
                                         text("problems", "no_enterprise_sheet", lang)))
        return [], problems, sheets
    example = tuple(texts()["example_prefix"][x] for x in ("zh", "en"))
    default_as_of = (as_of or dt.date.today()).isoformat()
    platforms = platform_words(as_of or dt.date.today())

    candidates: list[Candidate] = []
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    ent = sheets["enterprise"]
    for row, values in ent.raw.rows:
        data: dict[str, Any] = {}
        for i, fld, kind in ent.cols:
            v = convert(kind, values[i] if i < len(values) else None, platforms)
            if v is not MISSING:
                data[fld] = v
        name = data.get("name")
        if isinstance(name, str) and name.startswith(example):
            continue
        own_reading = data.pop("interpretation", None)
        reading = (interpretation or "default") if reading_for_all or own_reading is None else own_reading
        profile = {"as_of": data.pop("as_of", default_as_of), "interpretation": reading, "enterprise": data}
        code = data.get("credit_code")
        if code and code in by_code:
            h, letter = ent.where("credit_code")
            problems.append(BatchProblem(ent.raw.name, row, h, text("problems", "duplicate_enterprise", lang, key=code,
                                         first=candidates[by_code[code]].row), str(name or ""), f"{letter}{row}"))
            continue
        if not code and isinstance(name, str) and name in by_name:
            h, letter = ent.where("name")
            problems.append(BatchProblem(ent.raw.name, row, h, text("problems", "duplicate_enterprise", lang, key=name,
                                         first=candidates[by_name[name]].row), name, f"{letter}{row}"))
            continue
        idx = len(candidates)
        if code:
            by_code[code] = idx
        if isinstance(name, str) and name not in by_name:
            by_name[name] = idx
        candidates.append(Candidate(profile, row, {("enterprise", None): row}))

    for section in SECTION_KEYS[1:]:
        sh = sheets.get(section)
        if sh is None:
            continue
        many, _fields = SPEC[section]
        key_cols = {fld: i for i, fld, _k in sh.cols if fld in (KEY_NAME, KEY_CODE)}
        field_cols = [(i, fld, kind) for i, fld, kind in sh.cols if fld not in (KEY_NAME, KEY_CODE)]
        seen_one: dict[int, int] = {}
        ci, ni = key_cols.get(KEY_CODE), key_cols.get(KEY_NAME)
        for row, values in sh.raw.rows:
            code, name = _key(values[ci] if ci is not None and ci < len(values) else None,
                              values[ni] if ni is not None and ni < len(values) else None)
            if name and name.startswith(example):
                continue
            if not code and not name:
                h, letter = sh.where(KEY_NAME)
                problems.append(BatchProblem(sh.raw.name, row, h, text("problems", "missing_key", lang),
                                             cell=f"{letter}{row}"))
                continue
            idx = by_code.get(code) if code else by_name.get(name)
            if idx is None:
                h, letter = sh.where(KEY_CODE if code else KEY_NAME)
                problems.append(BatchProblem(sh.raw.name, row, h, text("problems", "unknown_enterprise", lang,
                                             key=code or name), name or "", f"{letter}{row}"))
                continue
            target = candidates[idx]
            ent_name = target.data["enterprise"].get("name")
            if code and name and isinstance(ent_name, str) and name != ent_name:
                h, letter = sh.where(KEY_NAME)
                problems.append(BatchProblem(sh.raw.name, row, h, text("problems", "code_name_mismatch", lang,
                                             name=ent_name), name, f"{letter}{row}"))
                continue
            data = {}
            for i, fld, kind in field_cols:
                v = convert(kind, values[i] if i < len(values) else None, platforms)
                if v is not MISSING:
                    data[fld] = v
            if many:
                lst = target.data.setdefault(section, [])
                target.origins[(section, len(lst))] = row
                lst.append(data)
            else:
                if idx in seen_one:
                    problems.append(BatchProblem(sh.raw.name, row, "", text("problems", "one_per_enterprise", lang,
                                                 first=seen_one[idx]), str(ent_name or "")))
                    continue
                seen_one[idx] = row
                target.origins[(section, None)] = row
                target.data[section] = data
    return candidates, problems, sheets


_FIELD_PATH = re.compile(r"^(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>[a-z_]+))?")


def place_problem(c: Candidate, field_path: str, msg: str, sheets: dict[str, Sheet], lang: str) -> BatchProblem:
    """Map a validation problem's field path (``projects[2].investment_yuan``) back to its cell."""
    name = str(c.data.get("enterprise", {}).get("name") or "")
    m = _FIELD_PATH.match(field_path or "")
    section, index, fld = (m["section"], m["index"], m["field"]) if m else ("enterprise", None, None)
    if section in ("as_of", "interpretation"):
        section, fld = "enterprise", section
    if section not in SPEC:
        section = "enterprise"
    sh = sheets.get(section) or sheets["enterprise"]
    row = c.origins.get((section, int(index) if index is not None else None), c.row)
    if fld is None:
        return BatchProblem(sh.raw.name, row, "", msg, name)
    header, letter = sh.where(fld)
    return BatchProblem(sh.raw.name, row, header, msg, name, f"{letter}{row}" if letter else "")


