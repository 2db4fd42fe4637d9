"""Every third-party package the code imports is pinned by name: the product's in requirements.txt (what
`make run` installs), the tests' and benches' in requirements-dev.txt or requirements.txt.

A package that arrives only as another's dependency (fontTools through fpdf2, numpy through pandas) can
change version or vanish with that package's next release; pinned, it changes only when we say so.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", "node_modules", ".git", "__pycache__", ".mutmut-cache", "mutants"}
# Code that `make run` runs: its imports must be in requirements.txt itself.
RUNTIME = ("app.py", "launch.py", "calculators", "ui", "pages", "reports")


def normalise(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """name → the whole requirement line, following `-r other.txt`; fails on a line that is not `name==version`."""
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==[0-9][^;\s]*(\s*;.*)?", line)
        assert match, f"{path.name}: not pinned to one version: {raw!r}"
        found[normalise(match.group(1))] = line
    return found


def python_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.py") if not SKIP_DIRS & set(p.relative_to(root).parts)]


def imported(source: str) -> set[str]:
    """Top-level names of the absolute imports in one file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def unpinned(files: dict[str, str], local: set[str], runtime: dict[str, str], dev: dict[str, str]) -> list[str]:
    """Problems, one a line: an imported third-party module whose distribution is not pinned where it must be.

    `files` maps a path relative to the repository to its source; `local` holds the repository's own
    module names (its files' stems and packages, whichever folder a script puts on sys.path).
    """
    distributions = md.packages_distributions()
    problems = []
    for path, source in sorted(files.items()):
        product = path.split("/", 1)[0] in RUNTIME
        for module in sorted(imported(source) - local - set(sys.stdlib_module_names) - {"__future__"}):
            names = [normalise(d) for d in distributions.get(module, [])]
            if not names:
                problems.append(f"{path}: imports {module}, which no installed distribution provides")
            elif not any(n in (runtime if product else dev) for n in names):
                where = "requirements.txt" if product else "requirements-dev.txt or requirements.txt"
                problems.append(f"{path}: imports {module} ({', '.join(names)}), not pinned in {where}")
    return problems


def local_modules(root: Path) -> set[str]:
    paths = python_files(root)
    return {p.stem for p in paths} | {d.name for p in paths for d in p.relative_to(root).parents if d.name}


def test_every_directly_imported_package_is_pinned():
    files = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in python_files(ROOT)}
    runtime = pins(ROOT / "requirements.txt")
    dev = pins(ROOT / "requirements-dev.txt")
    assert set(runtime) <= set(dev), "requirements-dev.txt must include requirements.txt (-r)"
    assert unpinned(files, local_modules(ROOT), runtime, dev) == []


def test_the_check_finds_a_package_that_arrives_only_through_another():
    # fontTools is installed (fpdf2 needs it) but, in this made-up tree, pinned nowhere; numpy is pinned
    # for the tests only while the product imports it; pytest is pinned for the tests and used there.
    files = {
        "reports/pdf.py": "from fontTools import subset\nimport numpy as np\nfrom reports import common\n",
        "tests/test_x.py": "import pytest\nimport numpy\n",
        "ui/x.py": "from . import y\nimport json\n",
    }
    runtime = {"fpdf2": "fpdf2==2.8.9"}
    dev = {**runtime, "pytest": "pytest==9.2.0", "numpy": "numpy==2.4.6"}
    assert unpinned(files, {"reports", "ui"}, runtime, dev) == [
        "reports/pdf.py: imports fontTools (fonttools), not pinned in requirements.txt",
        "reports/pdf.py: imports numpy (numpy), not pinned in requirements.txt",
    ]
    assert unpinned({"bench/x.py": "import surely_not_installed_xyz\n"}, set(), runtime, dev) == [
        "bench/x.py: imports surely_not_installed_xyz, which no installed distribution provides"
    ]


def test_a_requirement_without_one_version_is_refused(tmp_path):
    (tmp_path / "r.txt").write_text("plotly>=7\n", encoding="utf-8")
    try:
        pins(tmp_path / "r.txt")
    except AssertionError as error:
        assert "not pinned to one version" in str(error)
    else:
        raise AssertionError("a range was accepted as a pin")
