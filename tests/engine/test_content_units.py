"""The content loader (calculators/content.py) piece by piece: each parameter's type by its unit, the
comparisons the files state, the i18n catalogue's keys, and how a profile value is shown.

Expected values are read from content/ by hand (the YAML files) or written out here, never through the
loader under test. The catalogue's builders (``_flatten``, ``namespace``) run once a process behind a
cache, so they are also called directly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculators import content
from calculators.content import (
    Parameters,
    display_value,
    field_label,
    i18n_files,
    label,
    listing,
    message,
    namespace,
    passes,
    section_label,
    text,
)

ROOT = Path(__file__).resolve().parents[2]
PARAMETERS = ROOT / "content" / "parameters"
ON = dt.date(2026, 11, 27)

# The units whose values are numbers (read exactly, as Decimal), as the parameter files name them.
NUMERIC = {"ratio", "元", "平方米", "家", "分钟", "次", "人次", "年", "个", "字符", "字节", "层", "位", "行", "列", "单元格"}


def _files() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(PARAMETERS.glob("*.yaml"))}


def test_every_parameter_has_the_type_of_its_unit():
    """A number is the exact Decimal its file spells (never a float or an int), a date a date, text and
    lists as written; checked for every parameter of every file."""
    p = Parameters(ON)
    wrong = []
    for stem, params in _files().items():
        for name, spec in params.items():
            raw = spec["values"][max(spec["values"])]
            got = p.get(stem, name)
            if spec["unit"] in NUMERIC:
                ok = isinstance(got, Decimal) and got == Decimal(str(raw))
            elif spec["unit"] == "date":
                ok = isinstance(got, dt.date) and got == raw
            else:
                ok = got == raw and not isinstance(got, Decimal)
            if not ok:
                wrong.append(f"{stem}.{name} ({spec['unit']}): {got!r}")
    assert wrong == []
    assert {spec["unit"] for params in _files().values() for spec in params.values()} <= NUMERIC | {"date", "text", "list"}


def test_a_date_written_as_text_is_read_as_a_date():
    """A parameter file may quote a date ("2026-03-14"); it is the same date."""
    assert content._typed("2028-03-13", "date") == dt.date(2028, 3, 13)
    assert content._typed(dt.date(2028, 3, 13), "date") == dt.date(2028, 3, 13)
    assert content._typed("2028-03-13", "text") == "2028-03-13"
    assert content._typed(3, "元") == Decimal(3) and isinstance(content._typed(3, "元"), Decimal)
    assert content._as_date("2026-03-14") == dt.date(2026, 3, 14)
    assert content._as_date(dt.date(2026, 3, 14)) == dt.date(2026, 3, 14)


def test_a_what_if_value_between_two_dates_and_before_the_first():
    cap = ("article1_carrier", "cap_yuan")
    dated = {cap: {dt.date(2026, 1, 1): 1000000, dt.date(2027, 1, 1): 5000000}}
    assert Parameters(dt.date(2025, 12, 31), dated).get(*cap) == Decimal(1000000)  # before all: the earliest
    assert Parameters(dt.date(2026, 1, 1), dated).get(*cap) == Decimal(1000000)
    assert Parameters(dt.date(2026, 3, 13), dated).get(*cap) == Decimal(1000000)
    assert Parameters(dt.date(2026, 3, 14), dated).get(*cap) == Decimal(3000000)  # the file's, 300 万元
    assert Parameters(dt.date(2026, 12, 31), dated).get(*cap) == Decimal(3000000)
    assert Parameters(dt.date(2027, 1, 1), dated).get(*cap) == Decimal(5000000)
    # other parameters keep the file's values; the object keeps its date and its what-ifs
    p = Parameters(ON, dated)
    assert p.get("article1_carrier", "support_rate") == Decimal("0.20")
    assert (p.on, p.overrides) == (ON, dated)
    assert Parameters(ON).overrides == {}


@pytest.mark.parametrize(("key", "actual", "line", "expected"), [
    ("article1_carrier.related_share_min", Decimal("0.30"), Decimal("0.30"), False),  # 超过30%: strict
    ("article1_carrier.related_share_min", Decimal("0.3001"), Decimal("0.30"), True),
    ("article1_carrier.independent_area_min_sqm", Decimal(8000), Decimal(8000), False),  # 超过 8000 平方米
    ("article1_carrier.related_enterprises_min", Decimal(50), Decimal(50), True),  # 50 家以上: inclusive
    ("article6_venues.min_positive_media_reports", 4, 4, True),  # 4次及以上: inclusive
    ("article6_venues.min_positive_media_reports", 3, 4, False),
    ("limits.max_json_depth", 20, 20, True),  # <=
    ("limits.max_json_depth", 21, 20, False),
    ("general.effective_from", dt.date(2026, 3, 14), dt.date(2026, 3, 14), True),  # dates compare too
    ("general.effective_until", dt.date(2028, 3, 14), dt.date(2028, 3, 13), False),
])
def test_a_figure_passes_a_line_as_its_file_states(key, actual, line, expected):
    assert passes(key, actual, line) is expected


def test_a_citation_quotes_the_files_sentence():
    spec = _files()["article6_venues"]["min_operating_years"]
    assert content.citation("article6_venues", "min_operating_years") == {
        "article": "二、第6条", "reference": "对开放运营满1年"} == {"article": spec["article"], "reference": spec["reference"]}


# ---- the i18n catalogue -------------------------------------------------------------------------

def test_the_i18n_files_are_every_yaml_file_of_content_i18n_in_order():
    assert [p.name for p in i18n_files()] == ["batch.yaml", "engine.yaml", "explain.yaml", "fields.yaml", "reform.yaml",
                                              "reports.yaml", "ui.yaml", "ui_batch.yaml", "ui_sections.yaml",
                                              "ui_whatifs.yaml"]


@pytest.mark.parametrize(("name", "prefix"), [
    ("ui.yaml", "ui"), ("ui_batch.yaml", "ui"), ("ui_whatifs.yaml", "ui"), ("engine.yaml", "engine"),
    ("fields.yaml", "fields"), ("reform.yaml", "reform"),
])
def test_each_file_has_its_namespace_and_the_interfaces_files_share_ui(name, prefix):
    assert namespace(Path("content/i18n") / name) == prefix


def test_entries_are_mappings_with_a_language_and_only_they_are_flattened():
    assert content._is_entry({"zh": "甲"}) and content._is_entry({"en": "a", "unit": {}})
    assert not content._is_entry({"fr": "a"})
    assert not content._is_entry("zh") and not content._is_entry(["zh", "en"])
    out: dict = {}
    content._flatten({"a": {"zh": "甲", "en": "A"}, "b": {"c": {"zh": "乙"}, "d": ["zh"]}, "e": "zh"}, "ns", out)
    assert out == {"ns.a": {"zh": "甲", "en": "A"}, "ns.b.c": {"zh": "乙"}}


def test_the_catalogue_has_each_files_keys_under_its_namespace():
    catalogue = content.texts()
    assert catalogue["reports.yes"] == {"zh": "是", "en": "yes"}
    assert catalogue["engine.validation.blank"] == {"zh": "不能为空", "en": "must not be empty"}
    assert catalogue["fields.sections.carrier"] == {"zh": "产业载体", "en": "carrier"}
    per_file = content.texts_per_file()
    assert per_file["fields.yaml"]["fields.fields.trainees"]["unit"] == {"zh": "人次", "en": "person-times"}
    assert not any(key.startswith("ui_") for key in catalogue)


@pytest.mark.parametrize(("key", "lang", "values", "expected"), [
    ("reports.unconfirmed", "zh", {}, "未确认"),
    ("reports.unconfirmed", "en", {}, "not confirmed"),
    ("reports.unconfirmed", "fr", {}, "未确认"),  # a language without the text: Chinese
    ("engine.validation.ge", "en", {"limit": 0}, "must not be less than 0"),
    ("engine.validation.ge", "zh", {}, "不能小于 {limit}"),  # no values: the template as written
    ("no.such.key", "en", {"x": 1}, "no.such.key"),
])
def test_a_text_in_a_language_with_its_values(key, lang, values, expected):
    assert text(key, lang, **values) == expected


@pytest.mark.parametrize(("group", "code", "lang", "values", "expected"), [
    ("validation", "le", "zh", {"limit": "600"}, "不能大于 600"),
    ("validation", "le", "en", {"limit": "600"}, "must not be greater than 600"),
    ("validation", "blank", "en", {}, "must not be empty"),
    ("validation", "le", "fr", {}, "不能大于 {limit}"),
    ("validation", "no_such_code", "en", {"limit": 1}, "engine.validation.no_such_code"),
])
def test_an_engine_message_in_a_language_with_its_values(group, code, lang, values, expected):
    assert message(group, code, lang, **values) == expected


def test_a_label_of_the_engine():
    assert label("fund_status", "shortlisted") == "入围评审"
    assert label("fund_status", "shortlisted", "en") == "shortlisted"


@pytest.mark.parametrize(("field", "lang", "expected"), [
    ("related_enterprises", "zh", ("相关企业数", "家")),
    ("related_enterprises", "en", ("related enterprises", "enterprises")),
    ("avg_monthly_visitors", "fr", ("平均月度票务服务人次", "人次")),
    ("name", "en", ("name", "")),  # no unit
    ("hack", "en", ("hack", "")),  # not a field: its own name
])
def test_a_fields_label_and_unit(field, lang, expected):
    assert field_label(field, lang) == expected


@pytest.mark.parametrize(("section", "lang", "expected"), [
    ("carrier", "zh", "产业载体"), ("venues", "en", "venue"), ("rnd", "fr", "研发投入"), ("name", "zh", None),
])
def test_a_sections_name(section, lang, expected):
    assert section_label(section, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [("zh", "甲、乙、丙"), ("en", "甲, 乙, 丙"), ("fr", "甲, 乙, 丙")])
def test_names_in_a_row(lang, expected):
    assert listing(["甲", "乙", "丙"], lang) == expected
    assert listing([], lang) == ""


def test_without_a_language_names_and_values_are_chinese():
    assert listing(["甲", "乙"]) == "甲、乙"
    assert display_value("platforms", ["tencent", "youku"], ON) == "腾讯视频、优酷"
    assert display_value("registered_in_minhang", None, ON) == "未确认"


@pytest.mark.parametrize(("field", "value", "lang", "expected"), [
    ("registered_in_minhang", None, "zh", "未确认"),
    ("registered_in_minhang", None, "en", "not confirmed"),
    ("credit_code", None, "zh", ""),
    ("registered_in_minhang", True, "zh", "是"),
    ("false_materials", False, "en", "no"),
    ("national", True, "en", "yes"),
    ("platforms", ["tencent", "mgtv", "other"], "zh", "腾讯视频、芒果TV、其他平台"),
    ("platforms", ["hongguo", "other", "netflix"], "en", "Hongguo, another platform, netflix"),
    ("platforms", [], "en", ""),
    ("municipal_fund", "awarded", "zh", "获得扶持"),
    ("municipal_fund", "none", "en", "none"),
    ("opened_on", dt.date(2026, 3, 1), "zh", "2026-03-01"),
    ("expenditure_yuan", Decimal("2000000.00"), "zh", 2000000),
    ("expenditure_yuan", Decimal("2000000.50"), "zh", Decimal("2000000.50")),
    ("trainees", 30, "en", 30),
    ("name", "甲公司", "en", "甲公司"),
])
def test_a_profile_value_as_a_person_reads_it(field, value, lang, expected):
    shown = display_value(field, value, ON, lang)
    assert shown == expected and type(shown) is type(expected)
