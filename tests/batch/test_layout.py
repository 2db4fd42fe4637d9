"""The batch intake lives in batch/, outside the engine: calculators/ never imports it (nor reports/)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported(path: Path) -> set[str]:
    """Top-level package names a module imports (relative imports stay inside its own package)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_calculators_never_import_batch_or_reports():
    found = {p.name: _imported(p) & {"batch", "reports", "ui", "streamlit"} for p in (ROOT / "calculators").glob("*.py")}
    assert {name: names for name, names in found.items() if names} == {}


def test_engine_and_its_command_line_load_without_the_batch_package():
    code = ("import sys, calculators, calculators.cli, calculators.reform; "
            "print(sorted(m for m in ('batch', 'reports', 'openpyxl', 'python_calamine', 'xlsxwriter', 'rustpy_xlsxwriter') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_calculators_hold_no_file_intake_or_workbook_writing():
    names = {p.name for p in (ROOT / "calculators").glob("*.py")}
    assert not names & {"batch.py", "batch_demo.py", "sheets.py", "xlsx_writer.py", "xlsx_guard.py", "reform_tables.py"}
    for p in (ROOT / "calculators").glob("*.py"):
        assert not _imported(p) & {"openpyxl", "xlsxwriter", "rustpy_xlsxwriter", "python_calamine", "csv", "zipfile"}, p.name
