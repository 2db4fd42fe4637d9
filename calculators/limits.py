"""Limits before work: every byte, file and JSON text the app reads goes through here.

The limits are named parameters (content/parameters/limits.yaml); each refusal is a :class:`BadInput`
whose message states the limit, in the user's language. Nothing here allocates more than a limit
allows before checking it: a file is read to at most its cap plus one byte, a JSON text's nesting is
counted before the (recursive) parser sees it, and every number's digits are counted as it is parsed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import sys
from decimal import Decimal
from functools import cache
from typing import Any

from .content import message, parameters_on

# The sections of a profile that hold a list of subjects (RULES.md §5).
SUBJECT_LISTS = ("projects", "tech_platforms", "transformation_projects", "venues")


class BadInput(ValueError):
    """Input refused before any work: ``str(exc)`` is the one message for the user."""


def limit(name: str) -> Any:
    """The limit ``name`` of content/parameters/limits.yaml in force today (a Decimal or a date)."""
    return parameters_on(dt.date.today()).get("limits", name)


@cache
def _whole_limits() -> dict[str, int]:
    """Every whole-number limit, read once (a batch asks per cell; a revised limit needs a restart)."""
    from .content import parameter_files

    return {name: int(limit(name)) for name, spec in parameter_files()["limits"].items() if spec["unit"] != "date"}


def int_limit(name: str) -> int:
    """A whole-number limit of content/parameters/limits.yaml."""
    return _whole_limits()[name]


def refuse(code: str, lang: str, **values: Any) -> BadInput:
    """The refusal ``limits.code``, with its limit filled in (``limit`` formatted with thousands separators)."""
    shown = {k: f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()}
    return BadInput(message("limits", code, lang, **shown))


# ---- bytes from files and standard input ------------------------------------------------------

def _read_capped(read, cap: int, lang: str) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = read(min(1 << 20, cap + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            raise refuse("file_too_large", lang, limit=cap)


def read_bytes(path: str | os.PathLike, lang: str = "zh", cap: int | None = None) -> bytes:
    """A regular file's bytes (``-``: standard input), at most ``cap`` (default ``max_file_bytes``).

    A FIFO, device or folder is refused without reading it (opened non-blocking, so a FIFO with no
    writer cannot hang); standard input may be a pipe but is read to the cap and no further, so
    ``< /dev/zero`` ends in the size message, not in memory exhaustion.
    """
    cap = int_limit("max_file_bytes") if cap is None else cap
    if str(path) == "-":
        return _read_capped(sys.stdin.buffer.read, cap, lang)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise refuse("not_regular", lang, path=str(path)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refuse("not_regular", lang, path=str(path))
        if info.st_size > cap:
            raise refuse("file_too_large", lang, limit=cap)
        return _read_capped(lambda n: os.read(fd, n), cap, lang)
    finally:
        os.close(fd)


# ---- JSON text ----------------------------------------------------------------------------------

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
_DIGIT_RUN = re.compile(r"\d")


def json_depth_ok(text: str, cap: int) -> bool:
    """Whether no array or object in ``text`` is nested deeper than ``cap`` (strings ignored)."""
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub("", text)):
        if m.group() in "[{":
            depth += 1
            if depth > cap:
                return False
        else:
            depth -= 1
    return True


def load_json(raw: bytes | str, lang: str = "zh", max_bytes: int | None = None) -> Any:
    """Parse a JSON text within the limits: its size, its nesting and every number's digits.

    Numbers with a fraction or an exponent become exact Decimals (never a binary float); integers
    stay int. NaN and Infinity pass through as floats, for validation to name the field. Raises
    :class:`BadInput` with one message (size, depth, digits, encoding or syntax).
    """
    cap = int_limit("max_json_bytes") if max_bytes is None else max_bytes
    if len(raw) > cap:
        raise refuse("file_too_large", lang, limit=cap)
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadInput(message("validation", "not_utf8", lang)) from None
    depth = int_limit("max_json_depth")
    if not json_depth_ok(raw, depth):
        raise refuse("json_depth", lang, limit=depth)
    digits, exponent = int_limit("max_number_digits"), int_limit("max_number_exponent")

    def too_long(s: str) -> bool:
        return len(_DIGIT_RUN.findall(s)) > digits

    def parse_int(s: str) -> int:
        if too_long(s):
            raise refuse("number_digits", lang, limit=digits)
        return int(s)

    def parse_float(s: str) -> Decimal:
        if too_long(s):
            raise refuse("number_digits", lang, limit=digits)
        d = Decimal(s)
        if d and not -exponent <= d.adjusted() < exponent:  # 1e999999999: few digits, absurd size
            raise refuse("number_exponent", lang, limit=exponent)
        return d

    try:
        return json.loads(raw, parse_int=parse_int, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        # The place, in the user's language; Python's own wording of the fault is English only.
        raise BadInput(message("validation", "not_json", lang, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:  # not reached within the depth limit; kept so no input can give a traceback
        raise refuse("json_depth", lang, limit=depth) from None


def subject_count(data: Any) -> int:
    """Works, platforms, projects and venues of a profile dict, together (checked before validation)."""
    if not isinstance(data, dict):
        return 0
    return sum(len(v) for v in (data.get(k) for k in SUBJECT_LISTS) if isinstance(v, list))
