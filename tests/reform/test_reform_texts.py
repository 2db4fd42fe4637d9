"""content/i18n/reform.yaml: every text in both languages with the same placeholders; every parameter a
what-if may change has a name in both."""

from __future__ import annotations

import string

from calculators.content import load_yaml
from calculators.reform import reformable


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Texts whose English leaves out a value the Chinese gives: the policy line of the brief names the measures
# by their English translation (as the overview page does), the Chinese by the document's own title.
ENGLISH_OMITS = {("brief", "policy"): {"title"}}


def test_every_text_in_both_languages_with_the_same_placeholders():
    doc = load_yaml("i18n/reform.yaml")
    for group in ("messages", "units", "tables", "figures", "brief"):
        for key, entry in doc[group].items():
            assert set(entry) == {"zh", "en"}, (group, key)
            assert all(isinstance(v, str) and v.strip() for v in entry.values()), (group, key)
            omitted = ENGLISH_OMITS.get((group, key), set())
            assert _fields(entry["zh"]) - omitted == _fields(entry["en"]), (group, key)
            assert omitted <= _fields(entry["zh"]), (group, key)


def test_every_parameter_name_is_in_both_languages_and_names_a_parameter():
    """A parameter added later without a name here shows its description (test below), never fails."""
    labels = load_yaml("i18n/reform.yaml")["labels"]
    known = {(stem, name) for stem, name, _spec in reformable()}
    for stem, names in labels.items():
        for name, entry in names.items():
            assert (stem, name) in known, (stem, name)
            assert set(entry) == {"zh", "en"} and all(isinstance(v, str) and v for v in entry.values()), (stem, name)


def test_a_parameter_without_a_what_if_label_has_a_name_in_each_language():
    """In Chinese the parameter file's description; in English the policy page's name: an English message
    about an input limit or a text parameter names it in English, not in Chinese."""
    from calculators.reform import parameter_files, parameter_label

    assert parameter_label("general", "title", "zh") == "政策名称"
    assert parameter_label("general", "title", "en") == "Title of the measures"
    assert parameter_label("validation", "max_money_yuan", "en") == "Largest amount accepted"
    assert parameter_label("limits", "max_json_bytes", "zh") == parameter_files()["limits"]["max_json_bytes"]["description"]
    chinese = [(s, n) for s, ps in parameter_files().items() for n in ps
               if any("\u4e00" <= ch <= "\u9fff" for ch in parameter_label(s, n, "en"))]
    assert chinese == []


def test_the_report_font_draws_every_character_of_the_what_if_texts():
    """The brief prints these texts in the report's own font: none may fall back to □."""
    from calculators.content import CONTENT_DIR
    from reports.pdf import _font_chars

    text = (CONTENT_DIR / "i18n" / "reform.yaml").read_text(encoding="utf-8")
    assert sorted({c for c in text if c not in _font_chars() and c != "\n"}) == []


def test_only_the_policy_s_own_numbers_are_reformable():
    """A what-if changes the policy's lines, never the input checks or intake limits (输入校验)."""
    from calculators.reform import reformable

    articles = {spec["article"] for _, _, spec in reformable()}
    assert "输入校验" not in articles
    assert {"一、第1条", "一、第2条", "二、第6条", "附则 第3条"} <= articles
