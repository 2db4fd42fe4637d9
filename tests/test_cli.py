"""``python -m calculators``: assess, explain and schema, run as a user would (a subprocess).

Good input: exit 0, the assessment as JSON with Chinese unescaped, and for each example profile the
totals the rule book implies (worked out by hand below). Bad input (every kind RULES.md §5 lists):
exit 2, one line naming the field, nothing on stdout, never a traceback.
"""

from __future__ import annotations

import copy
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "content" / "examples"
POLICY = "闵文旅规〔2026〕1号"

GOOD = {
    "as_of": "2026-11-27",
    "interpretation": "default",
    "enterprise": {"name": "甲公司", "registered_in_minhang": True, "false_materials": False,
                   "unrepaired_negative_credit": False},
    "carrier": {"name": "园区", "year": 2026, "related_enterprises": 60, "total_enterprises": 150,
                "independent_area_sqm": 0, "revenue_last_year_yuan": 100000000,
                "revenue_this_year_yuan": 115000000},
    "projects": [
        {"name": "作品一", "year": 2026, "municipal_fund": "shortlisted", "municipal_fund_date": "2026-05-10",
         "platforms": ["douyin"], "local_culture_minutes": 3.5, "adaptation_first_filing": False},
        {"name": "作品二", "year": 2026, "municipal_fund": "none", "platforms": ["other"],
         "local_culture_minutes": 0, "adaptation_first_filing": True},
    ],
    "tech_platforms": [{"name": "平台", "year": 2026, "national": True, "municipal": False,
                        "recognised_on": "2026-06-01", "investment_yuan": 5000000}],
    "transformation_projects": [{"name": "合作", "year": 2026, "with_research_partner": True,
                                 "investment_yuan": 3000000}],
    "rnd": {"year": 2026, "expenditure_yuan": 2000000, "applied_with_results": True},
    "venues": [{"name": "场景", "year": 2026, "opened_on": "2025-06-01", "positive_media_reports": 5,
                "avg_monthly_visitors": 7000, "avg_monthly_revenue_yuan": 0, "total_investment_yuan": 8000000,
                "previously_supported": False}],
    "talent": {"chunshen_candidates": 2, "leads_key_project": True},
    "training": {"trainees": 30},
}
# The GOOD profile by hand:
#   1    15,000,000 x 20% = 3,000,000 (at the cap)
#   2.2  作品一 1,000,000;  2.3 作品一 600,000 (抖音), 作品二 review 600,000
#   3.1  作品一 3 whole minutes = 30,000;  3.2 作品二 300,000
#   4.1  5,000,000 x 30% = 1,500,000;  4.2 3,000,000 x 30% = 900,000;  5 2,000,000 x 30% = 600,000
#   6    8,000,000 x 20% = 1,600,000;  7, 8 review without an amount
GOOD_TOTAL = 3_000_000 + 1_000_000 + 600_000 + 30_000 + 300_000 + 1_500_000 + 900_000 + 600_000 + 1_600_000
GOOD_REVIEW = 600_000


def write(tmp_path: Path, data, name: str = "profile.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---- assess ----------------------------------------------------------------------------------


def test_assess_prints_the_assessment_as_json(cli, tmp_path):
    done = cli("assess", str(write(tmp_path, GOOD)))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = json.loads(done.stdout)
    assert {"policy", "as_of", "interpretation", "in_force", "items", "item_totals", "total_ceiling_yuan",
            "review_potential_yuan"} <= set(out)
    assert out["policy"] == POLICY
    assert (out["as_of"], out["interpretation"], out["in_force"]) == ("2026-11-27", "default", True)
    assert out["total_ceiling_yuan"] == GOOD_TOTAL == 9_530_000
    assert out["review_potential_yuan"] == GOOD_REVIEW
    for item in out["items"]:
        assert {"item", "subject", "year", "status", "kind", "ceiling_yuan", "cap_yuan", "uncapped_yuan",
                "unmet", "notes"} <= set(item)
        assert item["status"] in ("eligible", "ineligible", "review", "superseded")
        assert item["kind"] in ("ceiling", "fixed", "unquantified")
        for u in item["unmet"]:
            assert {"code", "message", "actual", "required"} <= set(u)
    for t in out["item_totals"]:
        assert set(t) == {"item", "year", "sum_yuan", "yearly_cap_yuan", "total_yuan"}
    assert sum(t["total_yuan"] for t in out["item_totals"]) == out["total_ceiling_yuan"]
    # every item the profile reaches, in the rule book's order
    order = ["1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "5", "6", "7", "8"]
    ids = [i["item"] for i in out["items"]]
    assert ids == sorted(ids, key=order.index)
    assert set(ids) == set(order)


def test_assess_writes_chinese_unescaped(cli, tmp_path):
    done = cli("assess", str(write(tmp_path, GOOD)))
    assert POLICY in done.stdout
    assert "作品一" in done.stdout
    assert "\\u" not in done.stdout


def test_assess_reads_standard_input(cli):
    done = cli("assess", "-", stdin=json.dumps(GOOD, ensure_ascii=False))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_ceiling_yuan"] == GOOD_TOTAL


def test_assess_in_english_keeps_the_numbers(cli, tmp_path):
    done = cli("assess", str(write(tmp_path, GOOD)), "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["total_ceiling_yuan"] == GOOD_TOTAL
    unmet = [u["message"] for i in out["items"] for u in i["unmet"]]
    assert unmet
    assert not [m for m in unmet if re.search(r"[\u4e00-\u9fff]", m)]


def test_interpretation_switch_on_the_command_line(cli, tmp_path):
    # strict: 作品一 keeps 2.2 (1,000,000 > 600,000), 2.3 superseded; 作品二's 3.2 has no eligible rival
    done = cli("assess", str(write(tmp_path, GOOD)), "--interpretation", "strict")
    out = json.loads(done.stdout)
    assert out["interpretation"] == "strict"
    assert out["total_ceiling_yuan"] == GOOD_TOTAL - 600_000
    superseded = [(i["item"], i["subject"]) for i in out["items"] if i["status"] == "superseded"]
    assert superseded == [("2.3", "作品一")]


# ---- the example profiles --------------------------------------------------------------------
#
# park_operator: 62 / 150 = 41.3% > 30%; 62 ≥ 50; (92,000,000 - 80,000,000) / 80,000,000 = 15% ≥ 10%;
#   12,000,000 x 20% = 2,400,000 < 3,000,000.
# drama_studio (default reading):
#   申城寻味记 awarded: 2.1 3,000,000 (2.2 superseded); 2.3 600,000; 3.1 12 min → 100,000 (cap)
#   七宝老街 shortlisted: 2.2 1,000,000; 2.3 600,000; 3.1 3.5 min → 30,000; 3.2 300,000
#   浦江夜航 shortlisted: 2.2 1,000,000; 2.3 600,000; 3.1 0 min → none
#   马桥遗珍 shortlisted: 2.2 1,000,000; 2.3 600,000; 3.1 1 min → 10,000; 3.2 300,000
#   虹桥来客 other platform only: 2.3 review 600,000; 3.1 review 2 min → 20,000
#   2.2: 3,000,000 → yearly cap 2,000,000; 2.3: 2,400,000 (cap 3,000,000); 3.2 600,000 (cap 1,000,000)
#   total 3,000,000 + 2,000,000 + 2,400,000 + 140,000 + 600,000 = 8,140,000
#   review: 2.3 min(2,400,000 + 600,000, 3,000,000) - 2,400,000 = 600,000; 3.1 20,000 → 620,000
# tech_firm: 4.1 municipal 5,000,000 x 30% = 1,500,000 → 1,000,000; both levels 9,000,000 x 30% =
#   2,700,000 → 2,000,000; 4.2 3,000,000 x 30% = 900,000, 1,800,000 < 2,000,000 fails;
#   5 6,500,000 x 30% = 1,950,000; 8 review → 1,000,000 + 2,000,000 + 900,000 + 1,950,000 = 5,850,000
# venue_operator: 浦江 8,000,000 x 20% = 1,600,000; 古美 (revenue 650,000 ≥ 600,000) 6,000,000 x 20% =
#   1,200,000; 梅陇 opened 2026-02-01 fails; 2,800,000 → yearly cap 2,000,000
# not_yet_eligible: nothing holds → 0
EXPECTED_EXAMPLES = {
    "park_operator.json": (2_400_000, 0, {("1", "莘庄微短剧产业园"): ("eligible", 2_400_000)}),
    "drama_studio.json": (8_140_000, 620_000, {
        ("2.1", "申城寻味记"): ("eligible", 3_000_000),
        ("2.2", "申城寻味记"): ("superseded", 0),
        ("2.2", "七宝老街"): ("eligible", 1_000_000),
        ("2.3", "虹桥来客"): ("review", 600_000),
        ("3.1", "申城寻味记"): ("eligible", 100_000),
        ("3.1", "七宝老街"): ("eligible", 30_000),
        ("3.1", "浦江夜航"): ("ineligible", 0),
        ("3.1", "虹桥来客"): ("review", 20_000),
        ("3.2", "马桥遗珍"): ("eligible", 300_000),
        ("7", None): ("review", None),
    }),
    "tech_firm.json": (5_850_000, 0, {
        ("4.1", "AIGC微短剧创作平台"): ("eligible", 1_000_000),
        ("4.1", "虚拟制片公共服务平台"): ("eligible", 2_000_000),
        ("4.2", "实时渲染引擎产学研项目"): ("eligible", 900_000),
        ("4.2", "智能剪辑工具联合研发"): ("ineligible", 0),
        ("5", None): ("eligible", 1_950_000),
        ("8", None): ("review", None),
    }),
    "venue_operator.json": (2_000_000, 0, {
        ("6", "浦江一站式拍摄基地"): ("eligible", 1_600_000),
        ("6", "古美数字沉浸剧场"): ("eligible", 1_200_000),
        ("6", "梅陇微短剧体验馆"): ("ineligible", 0),
    }),
    "not_yet_eligible.json": (0, 0, {
        ("1", "吴泾文创楼宇"): ("ineligible", 0),
        ("2.1", "城市微光"): ("ineligible", 0),
        ("4.2", "校企合作剧本工坊"): ("ineligible", 0),
        ("5", None): ("ineligible", 0),
        ("6", "剧本体验小剧场"): ("ineligible", 0),
    }),
}


def test_every_example_has_its_expected_totals():
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(EXPECTED_EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXPECTED_EXAMPLES))
def test_example_gives_what_the_rule_book_implies(cli, name):
    total, review, items = EXPECTED_EXAMPLES[name]
    done = cli("assess", str(EXAMPLES / name))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["total_ceiling_yuan"] == total
    assert out["review_potential_yuan"] == review
    got = {(i["item"], i["subject"]): (i["status"], i["ceiling_yuan"]) for i in out["items"]}
    for key, want in items.items():
        assert got[key] == want, key


def test_drama_studio_yearly_cap_of_2_2(cli):
    out = json.loads(cli("assess", str(EXAMPLES / "drama_studio.json")).stdout)
    totals = {t["item"]: t for t in out["item_totals"]}
    assert (totals["2.2"]["sum_yuan"], totals["2.2"]["yearly_cap_yuan"], totals["2.2"]["total_yuan"]) == (
        3_000_000, 2_000_000, 2_000_000)


def test_drama_studio_strict_reading(cli):
    # strict (RULES.md §6.3): 申城寻味记 2.1 (+3.1 100,000); 七宝老街, 浦江夜航 2.2 (2 x 1,000,000 = the
    # 2,000,000 cap); 马桥遗珍's 2.2 would add nothing, so it claims 2.3 (600,000) (+3.1 30,000, 10,000):
    # 3,000,000 + 2,000,000 + 600,000 + 140,000 = 5,740,000; review: 虹桥来客 2.3 600,000 + 3.1 20,000
    done = cli("assess", str(EXAMPLES / "drama_studio.json"), "--interpretation", "strict")
    out = json.loads(done.stdout)
    assert (out["total_ceiling_yuan"], out["review_potential_yuan"]) == (5_740_000, 620_000)
    assert {c["subject"]: c["item"] for c in out["claims"]} == {
        "申城寻味记": "2.1", "七宝老街": "2.2", "浦江夜航": "2.2", "马桥遗珍": "2.3"}
    done = cli("explain", str(EXAMPLES / "drama_studio.json"), "--interpretation", "strict")
    assert "「马桥遗珍」按第2.3项计" in done.stdout


def test_numbers_with_more_digits_than_a_float_are_read_exactly(cli, tmp_path):
    """RULES.md §6.1: 3.1's line at 0.99999999999999999 minutes, and a count that is not whole."""
    path = tmp_path / "p.json"
    path.write_text(
        '{"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": true},'
        ' "projects": [{"name": "作品", "platforms": ["douyin"], "local_culture_minutes": 0.99999999999999999}]}',
        encoding="utf-8")
    out = json.loads(cli("assess", str(path)).stdout)
    got = {i["item"]: (i["status"], i["ceiling_yuan"]) for i in out["items"]}
    assert (got["2.3"], got["3.1"]) == (("eligible", 600000), ("ineligible", 0))
    path.write_text(
        '{"as_of": "2026-11-27", "enterprise": {"name": "甲"}, "training": {"trainees": 3.99999999999999999}}',
        encoding="utf-8")
    done = cli("assess", str(path))
    assert done.returncode == 2 and "training.trainees" in done.stderr and "整数" in done.stderr
    assert "Traceback" not in done.stderr


# ---- explain and schema ----------------------------------------------------------------------


def test_explain_prints_a_chinese_summary(cli):
    done = cli("explain", str(EXAMPLES / "not_yet_eligible.json"))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert POLICY in text
    assert "暂不符合" in text and "未满足" in text and "依据" in text
    assert "合计最高可达 0.00 万元" in text
    # 42 / 150 = 28%: the gap to the line is shown
    assert "相关企业占比 28%" in text


def test_explain_shows_ceilings_and_caps(cli):
    done = cli("explain", str(EXAMPLES / "drama_studio.json"))
    assert done.returncode == 0, done.stderr
    assert "最高可达 300.00 万元" in done.stdout
    assert "合计最高可达 814.00 万元（8,140,000 元）" in done.stdout
    assert "按每年上限 200.00 万元计" in done.stdout  # 2,000,000 yuan, in 万元 as every amount


def test_schema_prints_the_profiles_json_schema(cli):
    done = cli("schema")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert schema["type"] == "object"
    assert {"as_of", "interpretation", "enterprise", "carrier", "projects", "tech_platforms",
            "transformation_projects", "rnd", "venues", "talent", "training"} <= set(schema["properties"])
    assert schema["required"] == ["enterprise"]
    assert schema.get("additionalProperties") is False


# ---- bad input: exit 2, the field named, no traceback ----------------------------------------


def mutate(path: list, value) -> dict:
    data = copy.deepcopy(GOOD)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


DUPLICATE = copy.deepcopy(GOOD)
DUPLICATE["projects"][1]["name"] = "作品一"
UNKNOWN_TOP = {**copy.deepcopy(GOOD), "budget": 1}

# id: (file text or profile, field named in the message)
BAD = {
    "negative money": (mutate(["carrier", "revenue_last_year_yuan"], -1), "carrier.revenue_last_year_yuan"),
    "negative money in a list": (mutate(["venues", 0, "total_investment_yuan"], -0.01),
                                 "venues[0].total_investment_yuan"),
    "negative count": (mutate(["carrier", "related_enterprises"], -1), "carrier.related_enterprises"),
    "negative visitors": (mutate(["venues", 0, "avg_monthly_visitors"], -5), "venues[0].avg_monthly_visitors"),
    "NaN": (json.dumps(mutate(["rnd", "expenditure_yuan"], float("nan"))), "rnd.expenditure_yuan"),
    "Infinity": (json.dumps(mutate(["tech_platforms", 0, "investment_yuan"], float("inf"))),
                 "tech_platforms[0].investment_yuan"),
    "-Infinity minutes": (json.dumps(mutate(["projects", 0, "local_culture_minutes"], float("-inf"))),
                          "projects[0].local_culture_minutes"),
    "text for money": (mutate(["rnd", "expenditure_yuan"], "两百万"), "rnd.expenditure_yuan"),
    "text for a count": (mutate(["carrier", "total_enterprises"], "很多"), "carrier.total_enterprises"),
    "related more than total": (mutate(["carrier", "related_enterprises"], 151), "carrier.related_enterprises"),
    "total of 0": (mutate(["carrier", "total_enterprises"], 0), "carrier.total_enterprises"),
    "minutes above 600": (mutate(["projects", 0, "local_culture_minutes"], 600.01), "projects[0].local_culture_minutes"),
    "year before the policy": (mutate(["projects", 0, "year"], 2025), "projects[0].year"),
    "year after the policy": (mutate(["carrier", "year"], 2029), "carrier.year"),
    "fund date after as_of": (mutate(["projects", 0, "municipal_fund_date"], "2026-11-28"),
                              "projects[0].municipal_fund_date"),
    "recognition date after as_of": (mutate(["tech_platforms", 0, "recognised_on"], "2027-01-01"),
                                     "tech_platforms[0].recognised_on"),
    "opening date after as_of": (mutate(["venues", 0, "opened_on"], "2026-12-01"), "venues[0].opened_on"),
    "duplicate names": (DUPLICATE, "projects[1].name"),
    "unknown field in a section": (mutate(["carrier", "floors"], 3), "carrier.floors"),
    "unknown top-level field": (UNKNOWN_TOP, "budget"),
    "unknown platform": (mutate(["projects", 0, "platforms"], ["bilibili"]), "projects[0].platforms[0]"),
    "bad date": (mutate(["as_of"], "2026-02-30"), "as_of"),
    "unknown reading of 就高不重复": (mutate(["interpretation"], "loose"), "interpretation"),
    "a list where a section belongs": (mutate(["rnd"], [1, 2]), "rnd"),
    "missing enterprise": ({"as_of": "2026-11-27"}, "enterprise"),
    "three decimals of a yuan": (mutate(["rnd", "expenditure_yuan"], 1.005), "rnd.expenditure_yuan"),
}


@pytest.fixture(scope="module")
def bad_runs(cli, tmp_path_factory):
    """Run every bad input, one process each, as many at a time as there are CPUs."""
    folder = tmp_path_factory.mktemp("bad")
    paths = {key: write(folder, data, f"bad{i}.json") for i, (key, (data, _)) in enumerate(BAD.items())}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = dict(zip(paths, pool.map(lambda path: cli("assess", str(path)), paths.values()), strict=True))
    return {key: (d.returncode, d.stdout, d.stderr) for key, d in done.items()}


@pytest.mark.parametrize("key", list(BAD))
def test_bad_input_is_refused_with_the_field_named(bad_runs, key):
    code, stdout, stderr = bad_runs[key]
    field = BAD[key][1]
    assert code == 2, stderr
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert any(f"（{field}）" in line for line in lines), stderr
    # one line per problem, and only the bad field is reported
    assert all("（" in line for line in lines)


def test_several_problems_give_one_line_each(cli, tmp_path):
    data = mutate(["carrier", "revenue_last_year_yuan"], -1)
    data["rnd"]["expenditure_yuan"] = "abc"
    done = cli("assess", str(write(tmp_path, data)))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "carrier.revenue_last_year_yuan" in lines[0] and "不能小于 0" in lines[0]
    assert "rnd.expenditure_yuan" in lines[1] and "须为数字" in lines[1]


def test_bad_input_in_english(cli, tmp_path):
    done = cli("assess", str(write(tmp_path, mutate(["carrier", "related_enterprises"], 151))), "--lang", "en")
    assert done.returncode == 2
    assert "carrier.related_enterprises" in done.stderr
    assert "cannot exceed" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("text", "fragment"), [
    ("{", "JSON"),
    ('{"as_of": "2026-11-27",}', "JSON"),
    ("", "JSON"),
    ("[1, 2]", "JSON 对象"),
    ("\"profile\"", "JSON 对象"),
])
def test_invalid_json_is_refused(cli, tmp_path, text, fragment):
    done = cli("assess", str(write(tmp_path, text)))
    assert done.returncode == 2
    assert done.stdout == ""
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_is_refused(cli, tmp_path):
    missing = tmp_path / "nowhere.json"
    for command in ("assess", "explain"):
        done = cli(command, str(missing))
        assert done.returncode == 2
        assert "无法读取文件" in done.stderr
        assert "Traceback" not in done.stderr


def test_explain_refuses_bad_input_like_assess(cli, tmp_path):
    done = cli("explain", str(write(tmp_path, mutate(["carrier", "total_enterprises"], 0))))
    assert done.returncode == 2
    assert "carrier.total_enterprises" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["assess", "explain", "schema"])
def test_a_reader_that_stops_early_gets_no_traceback(cli, command):
    """`python -m calculators explain x.json | head` must not end in a traceback."""
    args = [command] if command == "schema" else [command, str(EXAMPLES / "drama_studio.json")]
    proc = cli(*args, wait=False)
    proc.stdout.close()  # before the process has written anything: its first write finds no reader
    stderr = proc.stderr.read()
    proc.wait(timeout=120)
    proc.stderr.close()
    assert "Traceback" not in stderr, stderr
    assert proc.returncode in (0, 1)


def test_a_folder_or_a_non_utf8_file_is_refused(cli, tmp_path):
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(json.dumps({"enterprise": {"name": "甲公司"}}, ensure_ascii=False).encode("gbk"))
    for path in (tmp_path, gbk):
        done = cli("assess", str(path))
        assert done.returncode == 2
        assert "无法读取文件" in done.stderr
        assert "Traceback" not in done.stderr


def test_a_utf8_file_with_a_byte_order_mark_is_read(cli, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD, ensure_ascii=False).encode("utf-8"))
    done = cli("assess", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_ceiling_yuan"] == GOOD_TOTAL


# ---- the command line itself: help, choices, exit codes ---------------------------------------

def _flat(text: str) -> str:
    return " ".join(text.split())


def test_help_names_every_command_and_where_the_batch_is(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one help line a command, however wide the terminal
    done = cli("--help")
    assert done.returncode == 0
    out = _flat(done.stdout)
    for line in ("usage: python -m calculators [-h] {assess,explain,schema} ...",
                 "assess print the assessment of a profile as JSON",
                 "explain print a readable summary of a profile's assessment",
                 "schema print the profile's JSON Schema"):
        assert line in out, line
    lines = [line.strip() for line in done.stdout.splitlines()]
    assert "闵行微短剧政策测算器" in lines
    assert "run, reform, template, demo-portfolio: python -m batch (run by it from here too)" in lines


@pytest.mark.parametrize("command", ["assess", "explain"])
def test_help_of_a_command_names_its_file_language_and_reading(cli, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "200")
    done = cli(command, "--help")
    assert done.returncode == 0
    out = _flat(done.stdout)
    assert f"usage: python -m calculators {command} [-h] [--lang {{zh,en}}] [--interpretation {{default,strict}}] profile" in out
    assert "profile profile JSON file, or - for standard input" in out
    assert "--interpretation {default,strict} override the profile's reading of 就高不重复" in out


def test_a_command_is_required_and_choices_are_checked(cli, tmp_path):
    done = cli()
    assert done.returncode == 2 and "the following arguments are required: command" in done.stderr
    path = str(write(tmp_path, GOOD))
    for args, wrong in ((("--lang", "fr"), "--lang: invalid choice: 'fr'"),
                        (("--interpretation", "loose"), "--interpretation: invalid choice: 'loose'")):
        done = cli("assess", path, *args)
        assert done.returncode == 2 and wrong in done.stderr and done.stdout == ""


def test_without_the_switch_the_profiles_own_reading_stands(cli, tmp_path):
    # strict, from the profile: 作品一's 2.3 superseded by its 2.2 (as in the switch's test above)
    done = cli("assess", str(write(tmp_path, {**GOOD, "interpretation": "strict"})))
    out = json.loads(done.stdout)
    assert out["interpretation"] == "strict" and out["total_ceiling_yuan"] == GOOD_TOTAL - 600_000
    done = cli("explain", str(write(tmp_path, {**GOOD, "interpretation": "strict"})), "--interpretation", "default")
    assert done.returncode == 0 and done.stderr == ""


def test_the_switch_on_a_file_that_is_not_a_profile_is_the_same_message(cli, tmp_path):
    path = str(write(tmp_path, "[1, 2]"))
    plain = cli("assess", path)
    switched = cli("assess", path, "--interpretation", "strict")
    assert switched.returncode == plain.returncode == 2
    assert switched.stderr == plain.stderr and "JSON 对象" in switched.stderr


@pytest.mark.parametrize(("lang", "template"), [("zh", "无法读取文件：{}: No such file or directory"),
                                                ("en", "cannot read the file: {}: No such file or directory")])
def test_a_missing_file_is_named_with_why(cli, tmp_path, lang, template):
    missing = tmp_path / "nowhere.json"
    done = cli("assess", str(missing), "--lang", lang)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", template.format(missing) + "\n")


def _parser(func, *, lang: str | None = None):
    """Another command line run by calculators.cli.main (as ``python -m batch``'s is)."""
    import argparse

    parser = argparse.ArgumentParser(prog="other")
    if lang is not None:
        parser.add_argument("--lang", default=lang)
    parser.set_defaults(func=func)
    return parser


def _raise(exc):
    def func(args):
        raise exc
    return func


def test_an_internal_error_is_one_line_in_the_users_language(capsys, monkeypatch):
    from calculators.cli import main

    monkeypatch.delenv("CALCULATORS_TRACEBACK", raising=False)
    assert main([], _parser(_raise(RuntimeError("secret detail")))) == 1
    assert capsys.readouterr() == ("", "内部错误，未能完成：RuntimeError\n")  # no lang: Chinese
    assert main([], _parser(_raise(ZeroDivisionError()), lang="en")) == 1
    assert capsys.readouterr() == ("", "Internal error, not completed: ZeroDivisionError\n")
    assert main([], _parser(lambda args: 0)) == 0


def test_bad_input_is_exit_2_with_its_message_and_an_interrupt_is_130(capsys):
    from calculators.cli import main
    from calculators.limits import BadInput

    assert main([], _parser(_raise(BadInput("文件过大")))) == 2
    assert capsys.readouterr() == ("", "文件过大\n")
    assert main([], _parser(_raise(KeyboardInterrupt()))) == 130
    assert capsys.readouterr() == ("", "")


def test_a_developer_may_ask_for_the_traceback(monkeypatch):
    from calculators.cli import main

    monkeypatch.setenv("CALCULATORS_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="secret detail"):
        main([], _parser(_raise(RuntimeError("secret detail"))))


@pytest.mark.parametrize("command", ["assess", "schema"])
def test_the_json_is_indented_by_two_and_unescaped(cli, tmp_path, command):
    """Read by people too: two spaces a level, Chinese as it is (the schema's descriptions are Chinese)."""
    done = cli(command, str(write(tmp_path, GOOD))) if command == "assess" else cli(command)
    assert done.returncode == 0
    assert done.stdout == json.dumps(json.loads(done.stdout), ensure_ascii=False, indent=2) + "\n"
    assert "\\u" not in done.stdout and re.search(r"[\u4e00-\u9fff]", done.stdout)


def test_explain_in_english_is_english_but_the_policys_own_sentences(cli, tmp_path):
    data = copy.deepcopy(GOOD)
    data["projects"][0]["name"] = "Work 1"
    done = cli("explain", str(write(tmp_path, data)), "--lang", "en")
    assert done.returncode == 0
    assert "Eligible: up to 300.00 ×10k yuan" in done.stdout  # 1: the carrier at its 300 万元 cap
    assert "Unmet: Not awarded the municipal micro-drama special fund (now: shortlisted)" in done.stdout  # 2.1
    assert "Counts in 2026 (the year given)" in done.stdout


@pytest.mark.parametrize(("lang", "want"), [
    ("zh", "无法读取文件：“{}”不是普通文件（而是管道、设备或文件夹）"),
    ("en", 'Cannot read the file: "{}" is not a regular file (it is a pipe, device or folder)'),
])
def test_a_folder_is_refused_with_one_line_in_the_users_language(cli, tmp_path, lang, want):
    done = cli("assess", str(tmp_path), "--lang", lang)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", want.format(tmp_path) + "\n")


def test_invalid_json_in_english(cli, tmp_path):
    done = cli("assess", str(write(tmp_path, "[1, 2]")), "--lang", "en")
    assert done.returncode == 2 and "JSON object" in done.stderr
    assert not re.search(r"[\u4e00-\u9fff]", done.stderr)
    done = cli("assess", str(write(tmp_path, '{"as_of": ')), "--lang", "en")  # 10 characters, then no value: column 11
    assert (done.returncode, done.stderr) == (
        2, "the file is not valid JSON: the format breaks near line 1, column 11\n")


def test_a_profile_file_above_the_json_limit_is_refused_before_reading(cli, tmp_path):
    """limits.max_json_bytes: 1,000,000 bytes a profile (files in general may be 10 MB)."""
    path = tmp_path / "big.json"
    path.write_text(json.dumps(GOOD).ljust(1_000_001), encoding="ascii")  # ASCII: a character a byte
    done = cli("assess", str(path))
    assert (done.returncode, done.stderr) == (2, "文件过大：上限 1,000,000 字节\n")
    path.write_text(json.dumps(GOOD).ljust(1_000_000), encoding="ascii")  # at the limit: read
    done = cli("assess", str(path))
    assert done.returncode == 0 and json.loads(done.stdout)["total_ceiling_yuan"] == GOOD_TOTAL
    with path.open("r+b") as f:  # above any file's limit too (10,485,760 bytes): still the profile's limit
        f.truncate(10_485_761)  # sparse: nothing written
    done = cli("assess", str(path), "--lang", "en")
    assert (done.returncode, done.stderr) == (2, "The file is too large: the limit is 1,000,000 bytes\n")
