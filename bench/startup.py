"""Start-up: seconds from `streamlit run app.py` to the first page fully served.

Starts the app as a user would (`python -m streamlit run app.py` on 127.0.0.1, a free port, the repo's
.streamlit/config.toml), then, polling every 20 ms:

- health: the moment /_stcore/health answers "ok" (the server listens);
- index: GET / returns the page (the browser's first request);
- first page served: a session opened over the websocket (as the browser does, bench/load.py's
  client) has its first script run finished (the overview page drawn, sidebar and all);
- first run: that first script run alone (it imports the app's modules: pandas, Plotly, pydantic,
  the engine's content), and, for comparison, a second session's first run (everything imported).

    .venv/bin/python bench/startup.py            # 3 starts, prints each and the median
    .venv/bin/python bench/startup.py --starts 5

Target (issue 6): first page served under 3 s after start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import Session  # noqa: E402

from tests.browser.server import StreamlitServer  # noqa: E402


def one_start(timeout: float = 60) -> dict[str, float]:
    server = StreamlitServer()
    t0 = time.perf_counter()
    server.proc = subprocess.Popen(server.cmd, cwd=server.cwd, env=server.env, stdout=server.log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    out: dict[str, float] = {}
    try:
        deadline = t0 + timeout
        while True:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"not healthy after {timeout}s:\n{server.output()}")
            if server.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {server.proc.returncode}:\n{server.output()}")
            try:
                with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            time.sleep(0.02)
        out["health"] = time.perf_counter() - t0
        with urllib.request.urlopen(server.url + "/", timeout=10) as r:
            r.read()
        out["index"] = time.perf_counter() - t0
        first = Session(server.url)
        t1 = time.perf_counter()
        r = first.open()
        out["first_run"] = time.perf_counter() - t1
        out["served"] = time.perf_counter() - t0
        if r.exception or not r.metric_values():
            raise RuntimeError("the first page did not draw its running total")
        first.close()
        second = Session(server.url)
        t2 = time.perf_counter()
        second.open()
        out["second_run"] = time.perf_counter() - t2
        second.close()
    finally:
        server.stop()
        try:
            os.unlink(server.log.name)
        except OSError:
            pass
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'start':>5} {'health s':>8} {'index s':>7} {'served s':>8} {'1st run s':>9} {'2nd session run s':>17}")
    runs = []
    for i in range(args.starts):
        r = one_start()
        runs.append(r)
        print(f"{i + 1:5d} {r['health']:8.2f} {r['index']:7.2f} {r['served']:8.2f} {r['first_run']:9.2f}"
              f" {r['second_run']:17.3f}", flush=True)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"{'med':>5} {med['health']:8.2f} {med['index']:7.2f} {med['served']:8.2f} {med['first_run']:9.2f}"
          f" {med['second_run']:17.3f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("target: first page served < 3 s:", "met" if med["served"] < 3 else "NOT met")
    return 0 if med["served"] < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
