"""Fixtures shared by every test folder. Keep this small: only what several folders reuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from in_process import run_in_process, under_mutmut

from workarounds import apptest_navigation_only

REPO_ROOT = Path(__file__).resolve().parents[1]

# Property tests (hypothesis). "ci", the default, is derandomised: the same examples on every run and
# every machine, so whether a test catches a fault never depends on the run. "wide" (`make test-wide`)
# draws many more, at random, to look for new counterexamples; "mutation" (`make mutation`) draws a
# few, deterministically, for each of thousands of mutants. A test's own max_examples still wins.
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=200, derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("wide", max_examples=3000, derandomize=False, **_COMMON)
settings.register_profile("mutation", max_examples=20, derandomize=True, database=None, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (where content/ and calculators/ live)."""
    return REPO_ROOT


def cli_env() -> dict[str, str]:
    """The environment for ``python -m calculators``: UTF-8 out, no bytecode, the repo importable."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="session")
def cli():
    """Run ``python -m calculators ARGS`` from the repo root: ``cli("assess", path, stdin=None)``.

    ``wait=False`` starts it and returns the Popen, so a test can run many at once.
    """

    def run(*args: str, stdin: str | None = None, timeout: float = 120, wait: bool = True):
        argv = [sys.executable, "-m", "calculators", *args]
        if wait and under_mutmut():
            from calculators.cli import main

            return run_in_process(main, argv, stdin)
        if not wait:
            return subprocess.Popen(
                argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                cwd=REPO_ROOT,
                env=cli_env(),
            )
        return subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO_ROOT,
            env=cli_env(),
            timeout=timeout,
        )

    return run


@pytest.fixture(autouse=True)
def navigation_only():
    """Every AppTest in every folder runs the whole app, as the server does (workarounds.py, 1.)."""
    with apptest_navigation_only():
        yield
