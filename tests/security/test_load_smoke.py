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


def test_a_change_on_a_section_page_reruns_its_fragment_with_the_right_total():
    """bench/interact.py keeps working, and with it the fragment path over the real protocol: a figure
    typed on carriers and a table cell edited on projects and venues each rerun only the page's fragment
    (the fragment id the browser sends), and after every rerun the sidebar's total is the engine's own
    figure for the changed profile (the bench raises otherwise)."""
    import subprocess

    runs, warmup = 3, 1
    done = subprocess.run(
        [sys.executable, "bench/interact.py", "--runs", str(runs), "--warmup", str(warmup), "--gap", "0.05",
         "--pages", "carriers,projects,venues"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines()
            if line.split() and line.split()[0] in ("carriers", "projects", "venues")}
    assert set(rows) == {"carriers", "projects", "venues"}, done.stdout
    for page, row in rows.items():
        assert row[2] == "yes", (page, row)  # the change reran the page's fragment, not the whole app
        assert int(row[9]) == runs + warmup, (page, row)  # every rerun's total checked against the engine
