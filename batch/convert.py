"""Cells to profile values: yes/no words, numbers with thousands separators, dates as people type them,
the fund and reading words, platform names. A cell that cannot be read stays as it is, and validation
then names it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from calculators.content import parameters_on
from calculators.credit_code import normalise as normalise_code

from .schema import blank, texts

MISSING = object()  # an empty cell: the field is left out of the profile

@cache
def _words() -> dict[str, Any]:
    v = texts()["values"]
    yes = {str(w).casefold() for w in v["yes"]} | {"true", "yes", "y", "1"}
    no = {str(w).casefold() for w in v["no"]} | {"false", "no", "n", "0"}
    choice = {}
    for group in ("interpretation", "fund"):
        choice[group] = {str(w).casefold().replace(" ", ""): code for code, words in v[group].items() for w in words}
    unknown = {str(w).casefold() for w in v["unknown"]}
    return {"yes": yes, "no": no, "unknown": unknown, **choice}


def platform_words(as_of: dt.date) -> dict[str, str]:
    v = texts()["values"]
    names = parameters_on(as_of).get("article2_projects", "major_platforms")
    out = {}
    for code, label in names.items():
        out[code.casefold()] = code
        for lang in ("zh", "en"):
            out[str(label[lang]).casefold().replace(" ", "")] = code
    for code, words in v["platform_aliases"].items():
        for w in words:
            out[str(w).casefold().replace(" ", "")] = code
    for w in v["platform_other"]:
        out[str(w).casefold()] = "other"
    out["other"] = "other"
    return out


_SPLIT = re.compile(r"[、,，;；/|\n]+")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")



def _number_text(value: str) -> str:
    return value.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u3000", "")


def convert(kind: str, value: Any, platforms: dict[str, str] | None = None) -> Any:
    """A cell as the profile's value, or the raw value when it cannot be read (validation then names it)."""
    if blank(value):
        return MISSING
    if kind in ("text", "key"):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()
    if kind == "code":
        return normalise_code(str(value))
    if kind == "tristate":  # yes / no / unknown: an empty cell is already unknown (RULES.md §6.5)
        word = str(value).strip().casefold()
        if word in _words()["unknown"]:
            return MISSING
        kind = "bool"
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = str(value).strip().casefold()
        if word in _words()["yes"]:
            return True
        if word in _words()["no"]:
            return False
        return str(value)
    if kind in ("int", "year"):
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return int(value) if value.is_integer() else value
        s = _number_text(str(value))
        # at most 100 digits: longer is no count or year (and past 4,300 digits int() itself refuses)
        return int(s) if re.fullmatch(r"-?\d{1,100}", s) else str(value)
    if kind == "number":
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))  # the shortest decimal that is this float: what the cell shows
        s = _number_text(str(value))
        try:
            return Decimal(s)
        except InvalidOperation:
            return str(value)
    if kind in ("date", "as_of"):
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        m = _DATE.match(str(value))
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return str(value)
        return str(value).strip()
    if kind in ("interpretation", "fund"):
        word = str(value).strip().casefold().replace(" ", "")
        return _words()[kind].get(word, str(value).strip())
    if kind == "platforms":
        if isinstance(value, list):
            return value
        out = []
        for part in _SPLIT.split(str(value)):
            word = part.strip().casefold().replace(" ", "")
            if word:
                out.append((platforms or {}).get(word, part.strip()))
        return out
    return value


