"""The engine builds its Check and ItemResult models by plain validation of the values it computed (build._output):
every one must be exactly what validation would have made of the same values (types included)."""

from __future__ import annotations

import json
from pathlib import Path

from calculators import assess, validate_profile
from calculators.models import Assessment, Check, ItemResult

from .test_cases import CASES

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "content" / "examples").glob("*.json"))


def _assert_as_validated(a: Assessment) -> None:
    for r in a.items:
        for c in [*r.checks, *r.unmet]:
            again = Check.model_validate(c.model_dump())
            assert again == c and again.model_dump_json() == c.model_dump_json()
            assert type(c.passed) is bool and isinstance(c.message, str)
            assert all(v is None or isinstance(v, str) for v in (c.actual, c.required, c.comparison, c.parameter))
        again = ItemResult.model_validate(r.model_dump())
        assert again == r and again.model_dump_json() == r.model_dump_json()
        assert again.model_fields_set == r.model_fields_set
    again = Assessment.model_validate_json(a.model_dump_json())
    assert again.model_dump_json() == a.model_dump_json()


def test_examples():
    """Every example, in both readings and both languages."""
    assert len(EXAMPLES) >= 5
    for path in EXAMPLES:
        for reading in ("default", "strict"):
            for lang in ("zh", "en"):
                data = {**json.loads(path.read_text(encoding="utf-8")), "interpretation": reading}
                model, problems = validate_profile(data, lang)
                assert model is not None, (path.stem, problems)
                _assert_as_validated(assess(model, lang))


def test_cases():
    """Every valid profile of the YAML cases (tests/cases); the cases that differ are listed at once."""
    valid, differ = 0, []
    for case in CASES:
        profile, _expect, lang = case.values
        model, _ = validate_profile(profile, lang)
        if model is not None:
            valid += 1
            try:
                _assert_as_validated(assess(model, lang))
            except AssertionError as e:  # collected, and reported by the assert below
                differ.append(f"{case.id}: {e}")
    assert differ == []
    assert valid >= 150
