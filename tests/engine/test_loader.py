"""The engine reads content/ with libyaml's safe loader when it is there: it must read every file
exactly as the pure-Python safe loader does (same values, same types, same order)."""

from __future__ import annotations

from pathlib import Path

import yaml

from calculators import content

CONTENT = Path(__file__).resolve().parents[2] / "content"
FILES = sorted(CONTENT.rglob("*.yaml"))


def test_libyaml_is_used_when_installed():
    assert content._SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def test_same_values_as_the_python_loader():
    """Every content file, the mismatching ones listed at once."""
    differ = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        fast = yaml.load(text, Loader=content._SafeLoader)  # noqa: S506 - a safe loader
        slow = yaml.safe_load(text)
        if fast != slow or repr(fast) != repr(slow):  # types and key order too
            differ.append(str(path.relative_to(CONTENT)))
    assert differ == []
    assert len(FILES) >= 15  # parameters, interface texts, the policy
