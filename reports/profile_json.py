"""Save a consultation's inputs as JSON, and restore them: the file is the profile of RULES.md §5."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from calculators.limits import BadInput, int_limit, load_json
from calculators.models import Profile
from calculators.validation import Problem, validate_profile

# A saved profile is a few kilobytes; anything far larger is not one (and is not parsed).
MAX_JSON_BYTES = int_limit("max_json_bytes")

_MARK = "\u0000dec:"
_MARKED = re.compile(r'"\\u0000dec:(-?[0-9.]+)"')


def _plain(value: Any) -> Any:
    """Decimals as exact JSON numbers: marked here, unquoted after encoding (no binary float between)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else _MARK + format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def profile_to_json(profile: Profile) -> bytes:
    """Return the profile as UTF-8 JSON (Chinese unescaped); :func:`profile_from_json` restores it."""
    data = _plain(profile.model_dump(mode="python", exclude_none=True))
    encoded = json.dumps(data, ensure_ascii=False, indent=2)
    return _MARKED.sub(r"\1", encoded).encode("utf-8")


def _problem(msg: str, lang: str) -> list[Problem]:
    return [Problem(field="", label="", message=msg, lang=lang)]


def profile_from_json(raw: bytes | str, lang: str = "zh") -> tuple[Profile | None, list[Problem]]:
    """Read a saved profile: (profile, []) or (None, problems), each problem a clear message.

    The text goes through calculators.limits.load_json (size, nesting, digits, exact decimals).
    """
    try:
        data = load_json(raw, lang, max_bytes=MAX_JSON_BYTES)
    except BadInput as exc:
        return None, _problem(str(exc), lang)
    return validate_profile(data, lang)
