"""Start and stop the app (`python -m launch`: `streamlit run app.py`) on 127.0.0.1 for the browser, security and load tests.

Used by tests/browser/conftest.py, tests/security/test_network.py and bench/load.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """The Chromium binary to drive, or None when the machine has none."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """`streamlit run app.py` on 127.0.0.1:<free port>, headless, in its own process group.

    `extra_env` is added to the environment (e.g. PYTHONPATH for the network recorder);
    `prefix` is put before the python command (e.g. ["strace", "-f", ...]).
    """

    def __init__(self, *, extra_env: dict[str, str] | None = None, prefix: list[str] | None = None,
                 extra_args: list[str] | None = None, cwd: Path = REPO):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cwd = cwd
        env = dict(os.environ)
        env.update(extra_env or {})
        env.setdefault("PYTHONUNBUFFERED", "1")
        self.env = env
        self.cmd = [
            *(prefix or []),
            # `streamlit run app.py` with the addresses pinned (launch.py); the app.py of `cwd`
            sys.executable, str(REPO / "launch.py"), str(Path(cwd) / "app.py"),
            "--server.address", "127.0.0.1",
            "--server.port", str(self.port),
            "--server.headless", "true",
            *(extra_args or []),
        ]
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60, *, http_probe: bool = True) -> StreamlitServer:
        """Start and wait until it answers /_stcore/health; with ``http_probe=False`` only until its port
        accepts a connection (no request at all: the test's own first request is then the first)."""
        self.proc = subprocess.Popen(self.cmd, cwd=self.cwd, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if not http_probe:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                        return self
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy in {timeout}s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        try:
            os.unlink(self.log.name)
        except OSError:
            pass
