"""The engine builds its Check and ItemResult models without pydantic's validation (build._trusted):
every one must be exactly what validation would have made of the same values (types included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("reading", ["default", "strict"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_examples(path: Path, reading: str, lang: str):
    model, problems = validate_profile({**json.loads(path.read_text(encoding="utf-8")), "interpretation": reading}, lang)
    assert model is not None, problems
    _assert_as_validated(assess(model, lang))


@pytest.mark.parametrize(("profile", "expect", "lang"), CASES)
def test_cases(profile: dict, expect: dict, lang: str):
    model, _ = validate_profile(profile, lang)
    if model is not None:
        _assert_as_validated(assess(model, lang))
