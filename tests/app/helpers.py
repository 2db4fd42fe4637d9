"""What the engine itself says for a profile, and how the app writes it, for comparing with the page."""

from __future__ import annotations

import json
from pathlib import Path

from calculators import assess, validate_profile
from calculators.explain import wan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "content" / "examples"
TOTAL_SUFFIX = {"zh": " 万元", "en": " ×10k yuan"}


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def engine(profile: dict, lang: str = "zh"):
    model, problems = validate_profile(profile, lang)
    assert model is not None, problems
    return assess(model, lang)


def total_text(yuan: int, lang: str = "zh") -> str:
    return wan(yuan) + TOTAL_SUFFIX[lang]


def sidebar_total(at) -> str:
    return at.sidebar.metric[0].value


def ceilings_shown(at) -> list[str]:
    """The ceiling phrase of every result card on the page ("### 最高可达 …")."""
    return [line[4:] for m in at.markdown for line in m.value.split("\n") if line.startswith("### ")]


def errors(at) -> list[str]:
    return [e.value for e in at.error]
