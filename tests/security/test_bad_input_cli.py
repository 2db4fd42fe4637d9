"""Bad and hostile input on the command line (`python -m calculators assess FILE`).

Each case: the exit code, the exact message the user reads on stderr (naming the field), no traceback,
and only the bad field is reported (the valid sections of the same file raise nothing).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.cli import main

REPO = Path(__file__).resolve().parents[2]
ENTERPRISE = {"name": "甲公司", "registered_in_minhang": True, "false_materials": False,
              "unrepaired_negative_credit": False}
GOOD_CARRIER = {"name": "园区", "related_enterprises": 60, "total_enterprises": 150, "independent_area_sqm": 0,
                "revenue_last_year_yuan": 100000000, "revenue_this_year_yuan": 115000000}
GOOD_RND = {"expenditure_yuan": 2000000, "applied_with_results": True}


def profile(**sections):
    data = {"as_of": "2026-11-27", "enterprise": dict(ENTERPRISE), "carrier": dict(GOOD_CARRIER),
            "rnd": dict(GOOD_RND)}
    for key, value in sections.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def raw(text: str) -> str:
    return text


CASES = [
    # id, file text, lang, expected stderr line (exact)
    ("negative_count", profile(carrier={**GOOD_CARRIER, "related_enterprises": -5}), "zh",
     "产业载体 · 相关企业数（carrier.related_enterprises）：不能小于 0"),
    ("negative_money_en", profile(rnd={**GOOD_RND, "expenditure_yuan": -1}), "en",
     None),
    ("nan", profile(rnd={**GOOD_RND, "expenditure_yuan": float("nan")}), "zh",
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为有限的数字（不能是 NaN 或无穷大）"),
    ("infinite", profile(rnd={**GOOD_RND, "expenditure_yuan": float("inf")}), "zh",
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为有限的数字（不能是 NaN 或无穷大）"),
    ("absurdly_large", profile(rnd={**GOOD_RND, "expenditure_yuan": 1e30}), "zh",
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：不能大于 1,000,000,000,000"),
    ("non_numeric", profile(rnd={**GOOD_RND, "expenditure_yuan": "abc"}), "zh",
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为数字"),
    ("whitespace_enterprise_name", profile(enterprise={**ENTERPRISE, "name": "   "}), "zh",
     "企业基本信息 · 名称（enterprise.name）：不能为空"),
    ("duplicate_work_names", profile(projects=[{"name": "A", "municipal_fund": "awarded"},
                                               {"name": "A", "municipal_fund": "none"}]), "zh",
     "第2个作品「A」 · 名称（projects[1].name）：名称“A”重复：同一列表中每个对象的名称须唯一"),
    ("date_after_assessment", profile(projects=[{"name": "A", "municipal_fund": "awarded",
                                                 "municipal_fund_date": "2026-12-01"}]), "zh",
     "第1个作品「A」 · 市级专项资金入围或获得日期（projects[0].municipal_fund_date）：日期 2026-12-01 晚于测算日期 2026-11-27"),
    ("impossible_date", profile(projects=[{"name": "A", "municipal_fund": "awarded",
                                           "municipal_fund_date": "2026-02-30"}]), "zh",
     "第1个作品「A」 · 市级专项资金入围或获得日期（projects[0].municipal_fund_date）：须为有效日期（YYYY-MM-DD）"),
    ("related_above_total", profile(carrier={**GOOD_CARRIER, "related_enterprises": 500, "total_enterprises": 100}),
     "zh", "产业载体 · 相关企业数（carrier.related_enterprises）：相关企业数（500）不能大于载体内企业总数（100）"),
    ("related_above_total_en", profile(carrier={**GOOD_CARRIER, "related_enterprises": 500, "total_enterprises": 100}),
     "en", None),
    ("unknown_field", {**profile(), "hack": 1}, "zh", "hack（hack）：不是可识别的字段"),
    ("not_an_object", [1, 2], "zh", "文件内容须为一个 JSON 对象（企业测算档案）"),
    ("broken_json", raw("{not json"), "zh",
     "文件不是有效的 JSON：第 1 行第 2 列附近格式有误"),
    ("empty_file", raw(""), "zh", "文件不是有效的 JSON：第 1 行第 1 列附近格式有误"),
]


def _write(tmp_path: Path, content) -> Path:
    path = tmp_path / "profile.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        # allow_nan: a hand-written file may carry NaN/Infinity, which Python's json reads
        path.write_text(json.dumps(content, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("content", "lang", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_one_clear_message(tmp_path, capsys, content, lang, expected):
    code = main(["assess", str(_write(tmp_path, content)), "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines  # only the bad field: the valid carrier/R&D/enterprise raise nothing
    assert "Traceback" not in err
    if expected is not None:
        assert lines[0] == expected
    else:  # English: the field path is named and the text is English (no CJK characters in the message)
        message = lines[0].split("：", 1)[-1]
        assert message and not any("\u4e00" <= ch <= "\u9fff" for ch in message), lines[0]


def test_several_bad_fields_are_all_named_at_once(tmp_path, capsys):
    data = profile(carrier={**GOOD_CARRIER, "related_enterprises": -1},
                   rnd={**GOOD_RND, "expenditure_yuan": "x"})
    assert main(["assess", str(_write(tmp_path, data))]) == 2
    err = capsys.readouterr().err
    assert "carrier.related_enterprises" in err and "rnd.expenditure_yuan" in err


def test_event_before_the_policy_is_not_new_but_the_rest_counts(tmp_path, capsys):
    """A fund awarded before 2026-03-14 is valid input; the item is ineligible (not_new), the rest stays."""
    data = profile(projects=[{"name": "旧作", "municipal_fund": "awarded", "municipal_fund_date": "2025-01-01"}])
    assert main(["assess", str(_write(tmp_path, data))]) == 0
    result = json.loads(capsys.readouterr().out)
    by_item = {(i["item"], i["subject"]): i for i in result["items"]}
    old = by_item[("2.1", "旧作")]
    assert old["status"] == "ineligible" and old["ceiling_yuan"] == 0
    assert [u["code"] for u in old["unmet"]] == ["not_new"]
    assert by_item[("5", None)]["status"] == "eligible"
    assert by_item[("5", None)]["ceiling_yuan"] == 600000  # 30% of 2,000,000: the valid section still counts
    assert by_item[("1", "园区")]["status"] == "eligible"


def test_hostile_name_is_carried_literally(tmp_path, capsys):
    """The CLI prints JSON; a name with markup comes back byte for byte, never interpreted or dropped."""
    name = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    assert main(["assess", str(_write(tmp_path, profile(enterprise={**ENTERPRISE, "name": name})))]) == 0
    assert json.loads(capsys.readouterr().out)["enterprise"] == name


def test_formula_in_a_name_is_plain_text(tmp_path, capsys):
    name = '=HYPERLINK("http://evil.example","x")'
    data = profile(projects=[{"name": name, "municipal_fund": "awarded", "municipal_fund_date": "2026-06-01"}])
    assert main(["assess", str(_write(tmp_path, data))]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert any(i["subject"] == name and i["status"] == "eligible" for i in items)


@pytest.mark.parametrize("payload", [b"\xff\xfe\x00{", "{\"as_of\": \"2026-11-27\"}".encode("gb18030") + b"\xb9\xab"],
                         ids=["binary", "gbk_bytes"])
def test_unreadable_bytes_give_a_message_not_a_traceback(tmp_path, payload):
    path = tmp_path / "profile.json"
    path.write_bytes(payload)
    proc = subprocess.run([sys.executable, "-m", "calculators", "assess", str(path)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("无法读取文件：") and "Traceback" not in proc.stderr


def test_missing_file_gives_a_message(tmp_path, capsys):
    assert main(["assess", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("无法读取文件：") and "Traceback" not in err
