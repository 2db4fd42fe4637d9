"""The opt-in share link: every input encoded in the URL's ``p`` query parameter.

``encode(profile) -> str`` and ``decode(code, lang) -> (profile | None, messages)``. The code is the
profile's compact JSON, compressed with zlib, in URL-safe base64 with a version prefix. Decoding is
bounded (length and decompressed size), and the result goes through ``validate_profile``: a bad link
gives messages, never a crash. Nothing leaves the machine: the link is only shown to the user.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from calculators import validate_profile
from calculators.content import text
from calculators.limits import BadInput, int_limit, load_json, refuse

PARAM = "p"
VERSION = "1"
MAX_CODE_CHARS = int_limit("max_share_link_chars")
MAX_JSON_BYTES = int_limit("max_share_json_bytes")  # unpacked: checked while inflating, before parsing


def encode(profile: dict[str, Any]) -> str:
    raw = json.dumps(profile, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")
    return f"{VERSION}.{packed}"


def decode(code: str, lang: str = "zh") -> tuple[Any, list[str]]:
    """Return (validated Profile, []) or (None, messages) for a share code."""
    def msg(key: str) -> str:
        return text(f"ui.{key}", lang)

    if isinstance(code, str) and len(code) > MAX_CODE_CHARS:
        return None, [msg("share.bad_link"), str(refuse("share_too_long", lang, limit=MAX_CODE_CHARS))]
    if not isinstance(code, str) or not code.startswith(VERSION + "."):
        return None, [msg("share.bad_link")]
    body = code[len(VERSION) + 1:]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:  # unpacks past the limit: a bomb, refused before it is unpacked
            return None, [msg("share.bad_link"), str(refuse("share_unpacked", lang, limit=MAX_JSON_BYTES))]
    except (binascii.Error, zlib.error, ValueError):
        return None, [msg("share.bad_link")]
    try:
        data = load_json(raw, lang, max_bytes=MAX_JSON_BYTES)
    except BadInput as exc:  # too deep, a number too long, not UTF-8, not JSON: say which
        return None, [msg("share.bad_link"), str(exc)]
    model, problems = validate_profile(data, lang)
    if model is None:
        return None, [msg("share.bad_values")] + [str(p) for p in problems]
    return model, []
