"""bench/load.py keeps working: a few concurrent sessions over the websocket protocol, no error, every
session sees exactly its own figures (the full 20-session run is `python bench/load.py`)."""

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_few_concurrent_sessions_see_only_their_own_results(capsys):
    spec = importlib.util.spec_from_file_location("bench_load", REPO / "bench" / "load.py")
    load = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = load  # dataclasses look their module up
    spec.loader.exec_module(load)
    code = load.main(["-n", "4", "--rounds", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "errors: 0" in out
    checks = int(out.split("checks passed: ")[1].split()[0])
    assert checks >= 4 * 6  # open, page switch, gate off/on, name, carrier figure: each checked
