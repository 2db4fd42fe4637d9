"""``python -m batch reform`` and ``run --reform``, run as a user would (a subprocess).

The portfolio, by hand:
  甲 R&D 8,000,000 x 30% = 2,400,000 today; with the rate at 20%: 1,600,000 (a loss of 800,000)
  乙 carrier: revenue up 15,000,000 x 20% = 3,000,000 (at the cap); the R&D reform cannot reach it
  丙 R&D 1,000,000 x 30% = 300,000; at 20%: 200,000
Today 5,700,000; under the reform 4,800,000; change -900,000; two losers, one enterprise not re-assessed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from in_process import run_in_process, under_mutmut
from openpyxl import load_workbook

from reports.batch_book import profiles_workbook

REPO = Path(__file__).resolve().parents[2]
PROFILES = [
    {
        "as_of": "2026-11-27",
        "enterprise": {"name": "甲公司", "registered_in_minhang": True},
        "rnd": {"expenditure_yuan": 8000000, "applied_with_results": True},
    },
    {
        "as_of": "2026-11-27",
        "enterprise": {"name": "乙园区", "registered_in_minhang": True},
        "carrier": {
            "name": "园区",
            "related_enterprises": 60,
            "total_enterprises": 150,
            "independent_area_sqm": 0,
            "revenue_last_year_yuan": 100000000,
            "revenue_this_year_yuan": 115000000,
        },
    },
    {
        "as_of": "2026-11-27",
        "enterprise": {"name": "丙科技", "registered_in_minhang": True},
        "rnd": {"expenditure_yuan": 1000000, "applied_with_results": True},
    },
]
REFORM = "article5_rnd:\n  rnd_support_rate:\n    note: 比例降至 20%\n    values: {2026-03-14: '0.20'}\n"


def run(*args: str) -> subprocess.CompletedProcess:
    if under_mutmut():
        from batch.cli import main

        return run_in_process(main, [sys.executable, "-m", "batch", *args])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "batch", *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )


def files(tmp_path: Path, reform: str = REFORM) -> tuple[Path, Path]:
    book = tmp_path / "名单.xlsx"
    book.write_bytes(profiles_workbook(PROFILES))
    path = tmp_path / "reform.yaml"
    path.write_text(reform, encoding="utf-8")
    return book, path


def test_reform_prints_the_comparison(tmp_path):
    book, reform = files(tmp_path)
    out = tmp_path / "对比.xlsx"
    p = run("reform", str(book), "--reform", str(reform), "-o", str(out))
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert (data["total_before_yuan"], data["total_after_yuan"], data["change_yuan"]) == (
        5_700_000,
        4_800_000,
        -900_000,
    )
    assert data["enterprises"] == 3 and data["reassessed"] == 2
    assert data["losers"] == 2 and data["gainers"] == 0 and data["crossers"] == 0
    assert {r["item"]: (r["before_yuan"], r["after_yuan"]) for r in data["by_item"]} == {
        "1": (3_000_000, 3_000_000),
        "5": (2_700_000, 1_800_000),
    }
    assert [(r["name"], r["change_yuan"]) for r in data["largest_losers"]] == [
        ("甲公司", -800_000),
        ("丙科技", -100_000),
    ]
    assert data["reform"]["changes"] == [
        {"parameter": "article5_rnd.rnd_support_rate", "since": "2026-03-14", "value": "0.20", "note": "比例降至 20%"}
    ]
    wb = load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
    summary = {r[0]: r[1] for r in wb["摘要"].iter_rows(min_row=2, values_only=True)}
    assert summary["潜在支出（现行，元）"] == 5_700_000 and summary["潜在支出（调整后，元）"] == 4_800_000
    rows = list(wb["按企业"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("甲公司", 2_400_000, 1_600_000, -800_000),
        ("乙园区", 3_000_000, 3_000_000, 0),
        ("丙科技", 300_000, 200_000, -100_000),
    ]


def test_batch_with_a_reform_writes_the_reformed_results(tmp_path):
    book, reform = files(tmp_path)
    out = tmp_path / "结果.xlsx"
    p = run("run", str(book), "--reform", str(reform), "-o", str(out), "--workers", "1")
    assert p.returncode == 0, p.stderr
    wb = load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
    rows = {r[0]: r[4] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert rows == {"甲公司": 1_600_000, "乙园区": 3_000_000, "丙科技": 200_000}


def test_a_bad_reform_is_one_message_per_field_and_exit_2(tmp_path):
    book, reform = files(
        tmp_path,
        "article5_rnd:\n  rnd_support_rate: 1.5\n  rnd_cap_yuan: 12.345\n"
        "article1_carrier: {no_such: 1}\ngeneral: {title: 新}\n",
    )
    for lang, fragment in (("zh", "比例应为 0 到 1"), ("en", "a share is a number from 0 to 1")):
        p = run("reform", str(book), "--reform", str(reform), "--lang", lang)
        assert p.returncode == 2 and p.stdout == ""
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 4, lines
        assert fragment in lines[0] and "Traceback" not in p.stderr


def test_a_reform_that_is_not_yaml_or_missing_is_refused(tmp_path):
    book, reform = files(tmp_path, "article5_rnd: [\n")
    p = run("reform", str(book), "--reform", str(reform))
    assert p.returncode == 2 and "不是有效的 YAML" in p.stderr and "Traceback" not in p.stderr
    p = run("run", str(book), "--reform", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "x.xlsx"))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert not (tmp_path / "x.xlsx").exists()


def _calculators(*args: str) -> subprocess.CompletedProcess:
    """``python -m calculators ARGS`` as a user runs it (its __main__ hands the batch's commands over)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=120)


def test_the_engines_command_line_hands_reform_to_the_batchs(tmp_path):
    """``python -m calculators reform …`` (as issue 18 writes it) runs ``python -m batch reform …``: the same
    comparison, the same messages and exit codes for a bad reform."""
    book, reform = files(tmp_path)
    via_engine = _calculators("reform", str(book), "--reform", str(reform))
    assert via_engine.returncode == 0, via_engine.stderr
    assert json.loads(via_engine.stdout) == json.loads(run("reform", str(book), "--reform", str(reform)).stdout)
    assert json.loads(via_engine.stdout)["change_yuan"] == -900_000

    bad = tmp_path / "bad.yaml"
    bad.write_text("article5_rnd:\n  rnd_support_rate:\n    values: {2026-03-14: '1.5'}\n", encoding="utf-8")
    refused = _calculators("reform", str(book), "--reform", str(bad))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == run("reform", str(book), "--reform", str(bad)).stderr
    assert "rnd_support_rate" in refused.stderr


def test_the_engines_command_line_hands_the_template_to_the_batchs(tmp_path):
    out = tmp_path / "模板.xlsx"
    done = _calculators("template", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert load_workbook(out, read_only=True).sheetnames[:3] == ["填写说明", "企业", "载体"]
