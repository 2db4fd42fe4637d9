"""Hand-computed reforms (tests/reform_cases/*.yaml): each case's reform, read from the YAML shape a user
uploads, gives the expected assessment; its ``baseline`` is checked against today's engine too."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calculators import assess, validate_profile
from calculators.reform import reform_from_data, reform_from_yaml, reform_yaml
from tests.engine.test_cases import ITEM_FIELDS, TOTAL_FIELDS, _find, merge

CASES_DIR = Path(__file__).resolve().parent.parent / "reform_cases"


def load() -> list:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            assert set(case) <= {"name", "profile", "reform", "baseline", "expect"}, case["name"]
            out.append(pytest.param(merge(doc.get("defaults") or {}, case.get("profile") or {}), case["reform"],
                                    case.get("baseline"), case["expect"], id=case["name"]))
    return out


def check(a, expect: dict) -> None:
    for want in expect.get("items", []):
        r = _find(a.items, str(want["item"]), want.get("subject"), want.get("year"))
        for f in ITEM_FIELDS:
            if f in want:
                assert getattr(r, f) == want[f], f"{r.item} {r.subject}: {f}"
        if "unmet" in want:
            assert [u.code for u in r.unmet] == want["unmet"]
    if "item_totals" in expect:
        got = {(t.item, t.year): t for t in a.item_totals}
        assert sorted(got) == sorted((str(t["item"]), t["year"]) for t in expect["item_totals"])
        for want in expect["item_totals"]:
            t = got[(str(want["item"]), want["year"])]
            for f in TOTAL_FIELDS:
                if f in want:
                    assert getattr(t, f) == want[f], f
    for f in ("total_ceiling_yuan", "review_potential_yuan", "in_force", "interpretation"):
        if f in expect:
            assert getattr(a, f) == expect[f], f


@pytest.mark.parametrize(("profile", "reform_data", "baseline", "expect"), load())
def test_reform_case(profile, reform_data, baseline, expect):
    model, problems = validate_profile(profile)
    assert not problems, [str(p) for p in problems]
    reform, problems = reform_from_data(reform_data)
    assert not problems, [str(p) for p in problems]
    if baseline:
        check(assess(model), baseline)
    check(reform.assess(model), expect)
    # the exported file reads back as the same reform, with the same result
    again, problems = reform_from_yaml(reform_yaml(reform))
    assert not problems and again == reform
    assert again.assess(model) == reform.assess(model)
