"""统一社会信用代码: the GB 32100-2015 check character, and validation refusing a bad code."""

from __future__ import annotations

import random

import pytest

from calculators import validate_profile
from calculators.credit_code import check_character, is_valid, normalise

# GB 32100-2015 §4: the code's 31 characters (no I, O, Z, S, V) and weights 3^(i-1) mod 31.
CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def expected_check(first17: str) -> str:
    """The standard's formula, written out independently of the module: C18 = 31 - (Σ Ci·Wi mod 31)."""
    total = sum(CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    c18 = 31 - total % 31
    return CHARS[0 if c18 == 31 else c18]


def make_valid(rng: random.Random) -> str:
    body = rng.choice("159") + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6))
    body += "".join(rng.choice(CHARS) for _ in range(9))
    return body + expected_check(body)


@pytest.mark.parametrize("seed", range(20))
def test_codes_made_by_the_standards_formula_are_valid(seed):
    code = make_valid(random.Random(seed))
    assert check_character(code[:17]) == code[17]
    assert is_valid(code)


@pytest.mark.parametrize("code", ["91330100716105852F", "9144030071526726XG", "91310000132149237G"])
def test_known_real_format_codes_are_valid(code):
    assert expected_check(code[:17]) == code[17]
    assert is_valid(code)


@pytest.mark.parametrize("code", [
    "91330100716105852E",  # wrong check character
    "9133010071610585F",  # 17 characters
    "91330100716105852FF",  # 19 characters
    "91330100716105852f",  # lower case is not the code's alphabet
    "9133010071610585IF",  # I is not in the alphabet
    "",
])
def test_bad_codes_are_refused(code):
    assert not is_valid(code)


def test_normalise_drops_spaces_and_dashes_and_upper_cases():
    assert normalise(" 9133-0100 716105852f ") == "91330100716105852F"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validation_names_a_bad_code_and_accepts_a_good_one(lang):
    good, problems = validate_profile({"enterprise": {"name": "甲", "credit_code": "91330100716105852F"}}, lang)
    assert good is not None and not problems
    bad, problems = validate_profile({"enterprise": {"name": "甲", "credit_code": "91330100716105852E"}}, lang)
    assert bad is None and [p.field for p in problems] == ["enterprise.credit_code"]
    assert ("GB 32100" in problems[0].message) and ("统一社会信用代码" in problems[0].label if lang == "zh"
                                                     else "credit code" in problems[0].label)
