"""How amounts, dates and shares are written in the interface (both languages).

Amounts in 万元 with two decimals (truncated, a ceiling is never overstated), yuan with thousands
separators, dates in Chinese form in Chinese (2026年11月27日) and ``27 Nov 2026`` in English.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from calculators.explain import wan as _wan
from calculators.money import fmt_number

from .i18n import lang


def wan(yuan: int | None) -> str:
    """``2400000`` → ``240.00`` (万元, two decimals, truncated)."""
    return _wan(int(yuan or 0))


def wan_value(yuan: int | Decimal | None) -> Decimal:
    """Yuan as a Decimal number of 万元, for chart axes (exact)."""
    return Decimal(yuan or 0) / Decimal(10000)


def yuan(value: int | Decimal | None) -> str:
    """``2400000`` → ``2,400,000``."""
    return fmt_number(value or 0)


def date(value: dt.date | str | None) -> str:
    """A date in the current language's form."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if lang() == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%-d %b %Y")


_MD_SPECIAL = set("\\`*_[]<>!:$~|&@")
_MD_LEADING = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
# Every line break markdown knows (\r too: "\r\r# x" was a heading), and the Unicode ones.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# GFM also links bare addresses after parsing (remark-gfm's autolink-literal transform runs on the text,
# after escapes are gone): "http://", "www." and "a@b.c". A word joiner (U+2060: invisible, no line
# break) inside each pattern keeps them text.
JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)")


def md(text: object) -> str:
    """User or engine text made literal inside Streamlit markdown (names, messages): the one function.

    Every line break becomes a space (so no heading, list, quote, table or code block can start),
    leading blanks go (an indented code block), the markdown, directive (``:material/…:``,
    ``:red[…]``), HTML (``<``, ``&``) and LaTeX (``$``) characters are backslash-escaped, and a
    word joiner breaks each bare address (``://``, ``www.``, ``@``), so a name such as
    ``![x](http://…)``, ``www.evil.example`` or ``a@evil.example`` is shown as typed and is never a
    link or an image.
    """
    flat = _AUTOLINK.sub(JOINER, _LINE_BREAKS.sub(" ", str(text)).lstrip())
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat)
    match = _MD_LEADING.match(out)
    if match and not match.group(1).isdigit():
        out = "\\" + out
    elif match:
        cut = match.end()
        out = f"{out[:cut]}\\{out[cut:]}"
    return out


def plot_text(text: object) -> str:
    """Text for a Plotly label: its few HTML tags (<a>, <b>…) are shown literally."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
