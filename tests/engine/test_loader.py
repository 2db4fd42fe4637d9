"""The engine reads content/ with libyaml's safe loader when it is there: it must read every file
exactly as the pure-Python safe loader does (same values, same types, same order)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calculators import content

CONTENT = Path(__file__).resolve().parents[2] / "content"
FILES = sorted(CONTENT.rglob("*.yaml"))


def test_libyaml_is_used_when_installed():
    assert content._SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_same_values_as_the_python_loader(path: Path):
    text = path.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=content._SafeLoader)  # noqa: S506 - a safe loader
    slow = yaml.safe_load(text)
    assert fast == slow
    assert repr(fast) == repr(slow)  # types and key order too
