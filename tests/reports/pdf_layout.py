"""Read a PDF as a reader sees it: each piece of text with its place on the page, its size and its colour,
and each filled rectangle (a heading's band, a table's heading row). Positions in mm from the page's top
left corner; a text's ``y`` is its baseline."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from functools import cache

import pypdf
from fontTools.ttLib import TTFont

from reports.pdf import FONT_PATH

PT = 25.4 / 72  # one point in mm


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float
    colour: tuple[int, int, int] | None


@dataclass(frozen=True)
class Rect:
    """A rectangle the page fills (``f``); ``colour`` is its fill."""
    x: float
    top: float
    w: float
    h: float
    colour: tuple[int, int, int] | None


@dataclass
class Page:
    runs: list[Run] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)  # stroked: x1, y1, x2, y2
    spaced: int = 0  # texts set with their spaces widened (TJ adjustments): justified lines
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # stroked rectangles

    def find(self, text: str) -> list[Run]:
        return [r for r in self.runs if r.text == text]

    def one(self, text: str) -> Run:
        found = self.find(text)
        assert len(found) == 1, (text, found, [r.text for r in self.runs])
        return found[0]


def _mm(v) -> float:
    return round(float(v) * PT, 2)


def _colour(args) -> tuple[int, int, int]:
    return tuple(round(float(v) * 255) for v in args)


def layout(pdf: bytes) -> tuple[list[Page], pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = []
    for p in reader.pages:
        height = float(p.mediabox.height)
        page = Page()
        state: dict = {"rg": None, "saved": [], "re": [], "path": []}

        def before(op, args, cm, tm, page=page, state=state, height=height):
            if op == b"q":
                state["saved"].append(state["rg"])
            elif op == b"Q":
                state["rg"] = state["saved"].pop()
            elif op == b"rg":
                state["rg"] = _colour(args)
            elif op == b"re":
                state["re"].append(tuple(float(v) for v in args))
            elif op in (b"f", b"F", b"f*", b"B", b"B*"):
                for x, y, w, h in state["re"]:
                    page.rects.append(Rect(_mm(x), _mm(height - max(y, y + h)), _mm(w), _mm(abs(h)), state["rg"]))
                state["re"] = []
            elif op == b"TJ" and any(not isinstance(v, (str, bytes)) for v in args[0]):
                page.spaced += 1
            elif op == b"m":
                state["path"] = [tuple(float(v) for v in args)]
            elif op == b"l":
                state["path"].append(tuple(float(v) for v in args))
            elif op == b"S":
                for (x1, y1), (x2, y2) in itertools.pairwise(state["path"]):
                    page.lines.append((_mm(x1), _mm(height - y1), _mm(x2), _mm(height - y2)))
                page.boxes += [(_mm(x), _mm(height - max(y, y + h)), _mm(w), _mm(abs(h))) for x, y, w, h in state["re"]]
                state["re"], state["path"] = [], []
            elif op == b"n":
                state["re"], state["path"] = [], []

        def visit(text, cm, tm, font, size, page=page, state=state, height=height):
            if text.strip():
                page.runs.append(Run(text.strip(), _mm(tm[4]), _mm(height - tm[5]), float(size), state["rg"]))

        p.extract_text(visitor_operand_before=before, visitor_text=visit)
        pages.append(page)
    return pages, reader


@cache
def _advances() -> tuple[dict[str, int], int]:
    font = TTFont(str(FONT_PATH), lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"].metrics
    return {chr(c): hmtx[g][0] for c, g in cmap.items()}, font["head"].unitsPerEm


def width(text: str, size: float) -> float:
    """The width in mm of ``text`` set in the report font at ``size`` pt, from the font's own advances."""
    advances, em = _advances()
    return sum(advances[c] for c in text) / em * size * PT
