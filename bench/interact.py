"""A change as a browser makes it: the rerun's latency over the websocket, next to a bare page's, on
real servers.

bench/rerun.py times whole-app reruns in AppTest, which always runs everything. In the app a change
reruns only what depends on it (ui/fragment.py): on a section page the inputs and results are a
fragment, so a change to one of the page's own inputs reruns that fragment only; on the pages with no
input of their own (overview, results, batch, policy, whatifs) a sidebar change reruns the whole app
(their sidebar fragment, measured at most 6 ms quicker, went in issue 16). This bench measures that, with
the protocol the browser speaks (bench/load.py's client): for each page it opens a session with an
example profile (through a share link, then turns the link off, as most sessions have it), goes to the
page, then changes one input per rerun: on a section page one of its own inputs (a number, or a cell
of the page's table as the data editor sends it), on the other pages the enterprise name in the
sidebar, each with the fragment id the browser would send. After every rerun it checks that the total
the sidebar now shows is exactly what the engine gives for the changed profile.

Next to it, interleaved rerun by rerun, it times a bare Streamlit page with the same widgets as the
whole app page (same kinds and number, counted from the page's full run) and one Plotly chart, served
by a second server with the same configuration, changing one checkbox; and the same page's whole-app
rerun (the enterprise name changed, the rerun asked for without a fragment), for comparison. Times are
the client's, from the rerun request to the script-finished message, over loopback.

    .venv/bin/python bench/interact.py                 # every page, 40 changes each
    .venv/bin/python bench/interact.py --runs 80 --pages carriers,projects
    .venv/bin/python bench/interact.py --frame --pages ""  # the frame alone (see below)

``--frame`` adds one row, "frame": a copy of the app (in a temporary folder) whose Policy text page
draws nothing but its title, measured like the policy page (a sidebar name change). It is what every
page costs before it draws anything of its own: since session 5, the sidebar's enterprise part (its
widgets, headings, running total) and the assessment; its "whole-app ms" adds the navigation, the
language switch and the assessment settings.

Target (issue 6): median ≤ 1.5 × the bare page's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bare import bare_script, element_kind  # noqa: E402
from load import Failure, Rerun, Session, expected_total, percentile  # noqa: E402

from tests.browser.server import StreamlitServer  # noqa: E402
from ui import share  # noqa: E402

EXAMPLES = ROOT / "content" / "examples"


def _number(section: str, field: str, start: int, step: int):
    def change(session: Session, prof: dict, k: int) -> str:
        value = start + step * k
        prof[section][field] = value
        key = f"w:{section}.{field}"
        session.set_widget(key, value)
        return session.fragment(key)
    return change


def _cell(section: str, field: str, start: int, step: int):
    """Edit row 1's ``field`` of the section's table, as the data editor reports an edit."""
    def change(session: Session, prof: dict, k: int) -> str:
        value = start + step * k
        prof[section][0][field] = value
        key = next(key for key in session.ids if key.startswith(f"sections_editor_{section}_"))
        session.set_widget(key, {"edited_rows": {"0": {field: value}}, "added_rows": [], "deleted_rows": []})
        return session.fragment(key)
    return change


def _sidebar_name(session: Session, prof: dict, k: int) -> str:
    """The enterprise name in the sidebar: for the pages with no input of their own. Returns the
    fragment the browser would name: none (a whole-app rerun) since issue 16 removed the sidebar's."""
    prof["enterprise"]["name"] = f"测算企业{k}"
    session.set_widget("w:enterprise.name", prof["enterprise"]["name"])
    return session.fragment("w:enterprise.name")


# page -> (example, what the change is, how to make it)
PAGES = {
    "overview": ("drama_studio.json", "sidebar: enterprise name (no input of its own)", _sidebar_name),
    "carriers": ("park_operator.json", "本年营收 number input",
                 _number("carrier", "revenue_this_year_yuan", 92_000_000, 1_000_000)),
    "projects": ("drama_studio.json", "table cell (本土文化时长)", _cell("projects", "local_culture_minutes", 12, 1)),
    "technology": ("tech_firm.json", "研发投入 number input", _number("rnd", "expenditure_yuan", 6_500_000, 100_000)),
    "venues": ("venue_operator.json", "table cell (总投资)", _cell("venues", "total_investment_yuan", 8_000_000, 100_000)),
    "talent": ("drama_studio.json", "春申人才 number input", _number("talent", "chunshen_candidates", 2, 1)),
    "results": ("drama_studio.json", "sidebar: enterprise name (no input of its own)", _sidebar_name),
    "batch": ("drama_studio.json", "sidebar: enterprise name (no input of its own)", _sidebar_name),
    "policy": ("drama_studio.json", "sidebar: enterprise name (no input of its own)", _sidebar_name),
}


def widget_kinds(session: Session, elements: list) -> Counter:
    """The kinds of widget a full run drew (as bench/rerun.py names them), for the bare page."""
    kinds: Counter = Counter()
    for etype, el in elements:
        kind = element_kind(etype, el)
        if getattr(el, "id", "") or kind == "plotly_chart":
            kinds[kind] += 1
    return kinds


def bare_app(bare_dir: Path, kinds: Counter) -> tuple[Path, Counter]:
    """Write the bare page for a page that drew widgets of ``kinds`` (its charts left out: the bare page
    has one), with the app's configuration, into ``bare_dir``; return the folder and its widgets."""
    bare_dir.mkdir(exist_ok=True)
    shutil.copytree(ROOT / ".streamlit", bare_dir / ".streamlit", dirs_exist_ok=True)
    widgets = Counter({k: n for k, n in kinds.items() if k != "plotly_chart"})
    widgets["checkbox"] = widgets.get("checkbox", 0) or 1  # the one it changes
    (bare_dir / "app.py").write_text(bare_script(widgets), encoding="utf-8")
    return bare_dir, widgets


def timed(session: Session, gap: float, **kwargs) -> tuple[float, object]:
    time.sleep(gap)  # a person between two changes (see --gap)
    t0 = time.perf_counter()
    r = session.rerun(**kwargs)
    elapsed = time.perf_counter() - t0
    if r.exception:
        raise Failure("the page showed an exception")
    return elapsed, r


def open_on_page(url: str, page: str) -> tuple[Session, dict, Rerun]:
    """A session on ``page`` with the page's example profile (through a share link, then the link turned
    off, as most sessions have it): the session, the profile, and the page's full run."""
    prof = json.loads((EXAMPLES / PAGES[page][0]).read_text(encoding="utf-8"))
    session = Session(url, query=f"{share.PARAM}={share.encode(prof)}")
    session.open()
    session.rerun(page_name=page)
    # the share link restored the profile and turned the link on; most sessions never share
    session.set_widget("share_on", False)
    full = session.rerun()
    if full.exception:
        raise Failure(f"{page}: the page showed an exception")
    return session, prof, full


def measure(page: str, runs: int, warmup: int, gap: float, app: StreamlitServer, folder: Path) -> dict:
    _, what, change = PAGES[page]
    session, prof, full = open_on_page(app.url, page)
    kinds = widget_kinds(session, full.elements)

    # the bare page, on its own server with the same configuration
    bare_dir, widgets = bare_app(folder / page, kinds)  # a page may be listed twice: same folder
    frag_t, full_t, bare_t, checks = [], [], [], 0
    fragment_ids = set()
    with StreamlitServer(cwd=bare_dir) as bare_server:
        bare = Session(bare_server.url)
        bare.open()
        try:
            for k in range(warmup + runs):
                # a change on the page (its fragment reruns), checked against the engine
                fragment_id = change(session, prof, k + 1)
                fragment_ids.add(fragment_id)
                t_frag, r = timed(session, gap, fragment_id=fragment_id)
                want = expected_total(prof)
                shown = r.metric_values()
                if not shown or want not in shown[0]:
                    raise Failure(f"{page}: the sidebar shows {shown[:1]} but the engine gives {want} 万元")
                checks += 1
                if not fragment_id:  # the change was a whole-app rerun already
                    t_full = t_frag
                else:  # and a whole-app rerun after a change in the sidebar (sent without a fragment)
                    _sidebar_name(session, prof, k)
                    t_full, r = timed(session, gap)
                    if not r.metric_values() or want not in r.metric_values()[0]:
                        raise Failure(f"{page}: after a sidebar change the total is {r.metric_values()[:1]}")
                # the bare page
                bare.set_widget("change", k % 2 == 0)
                t_bare, _ = timed(bare, gap)
                if k >= warmup:
                    frag_t.append(t_frag)
                    full_t.append(t_full)
                    bare_t.append(t_bare)
        finally:
            bare.close()
            session.close()
    return {
        "page": page, "what": what, "widgets": sum(widgets.values()), "fragment": sorted(fragment_ids) != [""],
        "frag": statistics.median(frag_t), "frag_p95": percentile(frag_t, 0.95),
        "full": statistics.median(full_t), "bare": statistics.median(bare_t), "bare_p95": percentile(bare_t, 0.95),
        "checks": checks,
    }


# What the frame copy of the app needs (everything the app imports or reads), and its empty page.
FRAME_PARTS = ("app.py", "ui", "calculators", "content", "reports", "pages", ".streamlit")
EMPTY_PAGE = "import streamlit as st\n\nst.title('—')\n"


def frame_app(folder: Path) -> Path:
    """A copy of the app whose Policy text page is empty (for ``--frame``)."""
    app_dir = folder / "frame_app"
    app_dir.mkdir()
    for part in FRAME_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, app_dir / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, app_dir / part)
    (app_dir / "pages" / "policy.py").write_text(EMPTY_PAGE, encoding="utf-8")
    return app_dir


def _row(name: str, r: dict) -> tuple[str, bool]:
    ratio = r["frag"] / r["bare"]
    flag = "" if ratio <= 1.5 else "  <- over target"
    return (f"{name:11} {r['widgets']:7d} {'yes' if r['fragment'] else 'no':>8} {r['frag'] * 1000:7.1f}"
            f" {r['frag_p95'] * 1000:6.1f} {r['bare'] * 1000:7.1f} {r['bare_p95'] * 1000:8.1f} {ratio:6.2f}"
            f" {r['full'] * 1000:12.1f} {r['checks']:6d}  {r['what']}{flag}"), bool(flag)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--gap", type=float, default=0.15,
                        help="seconds between a rerun's end and the next change (default 0.15: a quick person). "
                             "On asyncio's own event loop, a rerun within ~50 ms of the last one waited ~40 ms "
                             "more; on uvloop (requirements.txt) it does not (bench/README.md)")
    parser.add_argument("--frame", action="store_true",
                        help="also measure the frame alone: a copy of the app whose Policy text page is empty")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  changes per page: {args.runs}  gap: {args.gap}s")
    print(f"{'page':11} {'widgets':>7} {'fragment':>8} {'page ms':>7} {'p95':>6} {'bare ms':>7} {'bare p95':>8}"
          f" {'ratio':>6} {'whole-app ms':>12} {'checks':>6}  change")
    failed = False
    with StreamlitServer() as app, tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            line, over = _row(page, measure(page, args.runs, args.warmup, args.gap, app, Path(tmp)))
            failed |= over
            print(line, flush=True)
    if args.frame:  # not a page of the app: it does not decide the exit status
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            with StreamlitServer(cwd=frame_app(folder)) as frame:
                r = measure("policy", args.runs, args.warmup, args.gap, frame, folder)
            r["what"] = "the navigation and the sidebar over an empty page (sidebar: enterprise name)"
            print(_row("frame", r)[0].replace("  <- over target", ""), flush=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
