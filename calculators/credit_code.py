"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17."""

from __future__ import annotations

# The code's alphabet: digits and capital letters without I, O, Z, S and V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^(i) mod 31
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """Return the check character (GB 32100 §5.2) for the code's first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    """Upper-case the code and drop spaces and dashes people type between its groups."""
    return "".join(code.split()).replace("-", "").upper()


def is_valid(code: str) -> bool:
    """True when ``code`` has 18 characters of the alphabet and a correct check character."""
    if len(code) != 18 or any(c not in _VALUE for c in code):
        return False
    return check_character(code[:17]) == code[17]
