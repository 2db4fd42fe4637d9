"""tests/mutation/score.py: the score `make mutation` prints, and what makes it fail."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "mutation"))
import score  # noqa: E402


def meta(root: Path, module: str, codes: dict) -> None:
    path = root.joinpath(*module.split(".")).with_suffix(".py.meta")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")


@pytest.fixture
def run(tmp_path, capsys):
    mutants, equivalent = tmp_path / "mutants", tmp_path / "equivalent"
    equivalent.mkdir()

    def go(*extra: str) -> tuple[int, str]:
        code = score.main(["--mutants", str(mutants), "--equivalent", str(equivalent), *extra])
        return code, capsys.readouterr().out

    return mutants, equivalent, go


def test_killed_of_those_not_equivalent_per_module_and_in_all(run):
    mutants, equivalent, go = run
    # 10 mutants: 8 killed (exit 1 and 3), 1 survivor explained, 1 survivor not; batch/ is out of scope.
    codes = {f"calculators.m.x_f__mutmut_{i}": 1 for i in range(1, 8)} | {"calculators.m.x_f__mutmut_8": 3}
    codes |= {"calculators.m.x_f__mutmut_9": 0, "calculators.m.x_f__mutmut_10": 0}
    meta(mutants, "calculators.m", codes)
    meta(mutants, "batch.read", {"batch.read.x_g__mutmut_1": 0})
    (equivalent / "calculators.m.yaml").write_text("calculators.m.x_f__mutmut_9: never read\n", encoding="utf-8")
    code, out = go("--under", "80")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:3]}
    assert rows["calculators.m"] == ["10", "8", "1", "1", "0", "88.9%"]  # 8 / (10 - 1)
    assert rows["total"] == ["10", "8", "1", "1", "0", "88.9%"]
    assert "batch.read" not in out
    assert "1 survivors neither killed nor explained" in out and "calculators.m.x_f__mutmut_10" in out
    assert code == 1  # 88.9 % would pass 80, but a survivor is unexplained


def test_passes_only_at_or_above_the_line_with_nothing_left_open(run):
    mutants, equivalent, go = run
    meta(mutants, "reports.r", {f"reports.r.x_f__mutmut_{i}": 1 for i in range(1, 10)} | {"reports.r.x_f__mutmut_10": 0})
    (equivalent / "reports.r.yaml").write_text("reports.r.x_f__mutmut_10: same output\n", encoding="utf-8")
    assert go("--under", "100")[0] == 0  # 9 of 9 not equivalent
    meta(mutants, "reports.s", {"reports.s.x_g__mutmut_1": 1, "reports.s.x_g__mutmut_2": None})
    code, out = go("--under", "90")
    assert code == 1 and "total" in out  # one not run yet: undecided fails the line
    meta(mutants, "reports.s", {"reports.s.x_g__mutmut_1": 1, "reports.s.x_g__mutmut_2": 1})
    assert go("--under", "100")[0] == 0
    meta(mutants, "reports.s", {f"reports.s.x_g__mutmut_{i}": int(i > 2) for i in range(1, 12)})
    code, out = go("--under", "90")  # 18 killed of 20 not equivalent (two unexplained survivors)
    total = next(line for line in out.splitlines() if line.startswith("total")).split()
    assert total[1:] == ["21", "18", "2", "1", "0", "90.0%"] and code == 1  # at the line, but 2 unexplained


def test_an_entry_that_no_longer_survives_is_named_stale(run):
    mutants, equivalent, go = run
    meta(mutants, "calculators.m", {"calculators.m.x_f__mutmut_1": 1})
    (equivalent / "calculators.m.yaml").write_text("calculators.m.x_f__mutmut_1: was equivalent\n", encoding="utf-8")
    code, out = go()
    assert "1 listed as equivalent but no longer surviving" in out and code == 0


def test_an_entry_without_a_reason_is_refused(run):
    mutants, equivalent, go = run
    meta(mutants, "calculators.m", {"calculators.m.x_f__mutmut_1": 0})
    (equivalent / "calculators.m.yaml").write_text("calculators.m.x_f__mutmut_1: ''\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="has no reason"):
        go()


def test_an_entry_of_a_mutant_not_run_yet_is_not_stale_but_one_renumbered_away_is(run):
    mutants, equivalent, go = run
    meta(mutants, "calculators.m", {"calculators.m.x_f__mutmut_1": None, "calculators.m.x_f__mutmut_2": 0})
    (equivalent / "calculators.m.yaml").write_text(
        "calculators.m.x_f__mutmut_1: not run yet\ncalculators.m.x_f__mutmut_2: same\n"
        "calculators.m.x_f__mutmut_9: no such mutant any more\n", encoding="utf-8")
    code, out = go()
    assert "1 listed as equivalent but no longer surviving" in out and "calculators.m.x_f__mutmut_9" in out
    assert "x_f__mutmut_1\n" not in out.split("no longer surviving")[1]


def test_a_mutant_that_runs_past_the_cpu_limit_counts_as_killed_and_is_said(run):
    mutants, equivalent, go = run
    # mutmut 3.8.1 records a timeout as 36, -24, 24, 152 or 255; a broken test run (exit 2) stays undecided
    codes = {f"reports.p.x_f__mutmut_{i}": c for i, c in enumerate([1, 36, -24, 24, 152, 255], start=1)}
    meta(mutants, "reports.p", codes)
    code, out = go("--under", "100")
    assert next(line for line in out.splitlines() if line.startswith("total")).split()[1:] == \
        ["6", "6", "0", "0", "0", "100.0%"]
    assert "5 of the killed timed out" in out and code == 0
    meta(mutants, "reports.p", codes | {"reports.p.x_f__mutmut_7": 2})
    code, out = go("--under", "80")
    assert next(line for line in out.splitlines() if line.startswith("total")).split()[1:] == \
        ["7", "6", "0", "0", "1", "85.7%"] and code == 1
    (equivalent / "reports.p.yaml").write_text("reports.p.x_f__mutmut_2: hangs\n", encoding="utf-8")
    assert "reports.p.x_f__mutmut_2" in go()[1].split("no longer surviving")[1]  # a timeout is no survivor


def test_survivors_lists_only_the_unexplained_ones_for_mutmut_to_run_again(run):
    mutants, equivalent, go = run
    meta(mutants, "reports.q", {"reports.q.x_f__mutmut_1": 0, "reports.q.x_f__mutmut_2": 0, "reports.q.x_f__mutmut_3": 1,
                                "reports.q.x_f__mutmut_4": None})
    meta(mutants, "batch.read", {"batch.read.x_g__mutmut_1": 0})
    (equivalent / "reports.q.yaml").write_text("reports.q.x_f__mutmut_2: same\n", encoding="utf-8")
    code, out = go("--survivors")
    assert (code, out) == (0, "reports.q.x_f__mutmut_1\n")
