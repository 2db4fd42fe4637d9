"""Running a command line in the test's own process, for mutation testing (`make mutation`)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading


def under_mutmut() -> bool:
    """True while mutmut runs the tests (`make mutation`): it sets MUTANT_UNDER_TEST."""
    return "MUTANT_UNDER_TEST" in os.environ


_IN_PROCESS = threading.Lock()


def run_in_process(main, argv: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run a command line's ``main(argv[3:])`` in this process, as ``python -m X`` would, and return
    what the subprocess would: exit code, stdout, stderr.

    For mutation testing only: mutmut learns which functions a test reaches from the calls made in
    its own process, so a test that runs the command as a subprocess would never be chosen for the
    command's mutants. Everywhere else the tests run the real ``python -m``. One at a time (the
    standard streams are the process's)."""
    out, err = io.StringIO(), io.StringIO()
    with _IN_PROCESS:
        saved_stdin = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(argv[3:])
                except SystemExit as exc:  # argparse's own exits (2 for a bad option, 0 for --help)
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.stdin = saved_stdin
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
