"""Rerun speed per page: the server time of a rerun after one input changes, next to a bare page.

For every page of the app this opens a fresh session (Streamlit's AppTest, which runs the real
script runner in-process, so the figure is the server's script time without a network), loads the
example profile that fills that page, goes to the page, and then changes one input per rerun (the
enterprise name in the sidebar by default: every change is a new profile, so the engine runs again
and every result is drawn anew). The time of a rerun is taken from Streamlit's own script-runner
events, SCRIPT_STARTED to SCRIPT_STOPPED. A real server then runs a full garbage collection after
every script run (``runner.postScriptGC``, on by default; it holds the GIL, so the next message and
every other session wait for it); AppTest leaves it out, so this bench runs ``gc.collect(2)`` after
each rerun when the option is on and reports its time separately ("gc ms"). "cpu ms" is the script
thread's CPU time over the same span (time.thread_time): on a shared, busy machine wall times swing
2-3x from run to run, CPU time far less.

Next to each page it measures, in the same run and interleaved rerun by rerun (so both see the same
machine load), a bare Streamlit page with the same widgets (same kinds, same number, counted from
the page's own messages) and one Plotly chart, changing one checkbox per rerun. It prints the
median and 95th percentile of both, their ratio and the page's own work (page − bare).

    .venv/bin/python bench/rerun.py                      # every page, 40 reruns each
    .venv/bin/python bench/rerun.py --runs 80 --pages results,carriers
    .venv/bin/python bench/rerun.py --change gate        # toggle the 注册在闵行 gate instead
    .venv/bin/python bench/rerun.py --profile results    # cProfile of the page's reruns (top 25)

Targets (issue 6): every page's median ≤ 1.5 × the bare page's; no page's own work above 30 ms.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import logging
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from streamlit import config  # noqa: E402
from streamlit.runtime import pages_manager  # noqa: E402
from streamlit.runtime.scriptrunner import ScriptRunnerEvent  # noqa: E402
from streamlit.runtime.scriptrunner import script_runner as _script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test, local_script_runner  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bare import bare_script, element_kind  # noqa: E402

APP = str(ROOT / "app.py")
TIMEOUT = 60

# page url -> (file, example loaded first)
PAGES = {
    "overview": ("pages/overview.py", "drama_studio.json"),
    "carriers": ("pages/carriers.py", "park_operator.json"),
    "projects": ("pages/projects.py", "drama_studio.json"),
    "technology": ("pages/technology.py", "tech_firm.json"),
    "venues": ("pages/venues.py", "venue_operator.json"),
    "talent": ("pages/talent.py", "drama_studio.json"),
    "results": ("pages/results.py", "drama_studio.json"),
    "batch": ("pages/batch.py", "drama_studio.json"),
    "policy": ("pages/policy.py", "drama_studio.json"),
}


# ---- timing hooks -----------------------------------------------------------------------------

class Clock:
    """Collects the script time (SCRIPT_STARTED → SCRIPT_STOPPED), the post-script GC and the widgets
    of the runs of whichever AppTest is current."""

    def __init__(self) -> None:
        self.started = 0.0
        self.started_cpu = 0.0
        self.script: list[float] = []
        self.cpu: list[float] = []
        self.stopped_at = 0.0
        self.kinds: Counter = Counter()
        self.elements: Counter = Counter()  # every element and block of the run, by kind (widgets too)
        self.profile: cProfile.Profile | None = None

    def reset(self) -> None:
        self.script.clear()
        self.kinds = Counter()


CLOCK = Clock()
_local = threading.local()


def _on_event(sender, event, **kwargs) -> None:
    now = time.perf_counter()
    if event == ScriptRunnerEvent.SCRIPT_STARTED:  # sent from the script thread, as is SCRIPT_STOPPED
        CLOCK.started = now
        CLOCK.started_cpu = time.thread_time()
        CLOCK.kinds = Counter()
        CLOCK.elements = Counter()
    elif event == ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS:
        CLOCK.script.append(now - CLOCK.started)
        CLOCK.cpu.append(time.thread_time() - CLOCK.started_cpu)
        CLOCK.stopped_at = now
    elif event == ScriptRunnerEvent.ENQUEUE_FORWARD_MSG:
        fm = kwargs["forward_msg"]
        if fm.WhichOneof("type") == "delta" and fm.delta.WhichOneof("type") == "add_block":
            CLOCK.elements["block"] += 1
        if fm.WhichOneof("type") == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            sub = getattr(el, el.WhichOneof("type"))
            kind = element_kind(el.WhichOneof("type"), sub)
            if getattr(sub, "id", ""):
                CLOCK.kinds[kind] += 1
                CLOCK.elements[kind] += 1
            elif kind in ("plotly_chart", "arrow_vega_lite_chart"):
                CLOCK.kinds[kind] += 1
                CLOCK.elements[kind] += 1
            else:
                CLOCK.elements[kind] += 1


_orig_init = local_script_runner.LocalScriptRunner.__init__


def _init(self, *args, **kwargs):
    _orig_init(self, *args, **kwargs)
    self.on_event.connect(_on_event, weak=False)


local_script_runner.LocalScriptRunner.__init__ = _init

_orig_exec = _script_runner.exec_func_with_error_handling


def _exec(func, ctx):
    if CLOCK.profile is None:
        return _orig_exec(func, ctx)
    return CLOCK.profile.runcall(_orig_exec, func, ctx)


_script_runner.exec_func_with_error_handling = _exec


class _NavigationOnly(pages_manager.PagesManager):
    """As tests/app/conftest.py: behave like the server after its first run (st.navigation only)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False


app_test.PagesManager = _NavigationOnly

# A server compiles each page script once and keeps the bytecode for every session (ScriptCache);
# AppTest makes a new cache for every run, so each rerun would also compile app.py and the page.
_SCRIPT_CACHE = app_test.ScriptCache()
app_test.ScriptCache = lambda: _SCRIPT_CACHE


class _Errors(logging.Handler):
    """The app's guard logs a page or sidebar failure and shows a short message: count it as a failure."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


ERRORS = _Errors()
logging.getLogger().addHandler(ERRORS)


def timed_run(at: AppTest) -> tuple[float, float, float]:
    """Run and return (script seconds, the script thread's CPU seconds, post-script GC seconds)."""
    n = len(CLOCK.script)
    ERRORS.records.clear()
    at.run(timeout=TIMEOUT)
    if ERRORS.records:
        raise RuntimeError(f"the app logged an error: {ERRORS.records[0].getMessage()}")
    if len(CLOCK.script) != n + 1:
        raise RuntimeError(f"expected one finished script run, got {len(CLOCK.script) - n}")
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].value}")
    gc_time = 0.0
    if config.get_option("runner.postScriptGC"):  # what ScriptRunner._on_script_finished does
        t0 = time.perf_counter()
        gc.collect(2)
        gc_time = time.perf_counter() - t0
    return CLOCK.script[-1], CLOCK.cpu[-1], gc_time


# ---- the app ------------------------------------------------------------------------------------

class AppPage:
    def __init__(self, url: str, change: str):
        file, example = PAGES[url]
        self.url, self.change, self.k = url, change, 0
        self.at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        self.at.session_state["lang"] = "zh"
        self.at.run()
        self.at.sidebar.selectbox(key="example_choice").select(example).run()
        self.at.switch_page(file).run()
        if self.at.exception:
            raise RuntimeError(f"{url}: {self.at.exception[0].value}")

    def step(self) -> tuple[float, float, float]:
        self.k += 1
        if self.change == "gate":
            self.at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("yes" if self.k % 2 == 0 else "no")
        else:
            self.at.sidebar.text_input(key="w:enterprise.name").set_value(f"测算企业{self.k}")
        return timed_run(self.at)


# ---- the bare page --------------------------------------------------------------------------------

# The bare page itself (same widgets, one chart) is bench/bare.py's, shared with bench/interact.py.


# How the same-elements page draws each kind of element that is not a widget (one line each).
ELEMENT_CODE = {
    "block": "st.container()",
    "markdown": "st.markdown('**m{i}** text')",
    "heading": "st.subheader('h{i}', anchor=False)",
    "metric": "st.metric('m{i}', '{i}')",
    "alert": "st.info('a{i}')",
    "page_link": "st.page_link('https://example.invalid/{i}', label='p{i}')",
    "table": "st.dataframe(FRAME)",
    "text": "st.text('t{i}')",
    "code": "st.code('c{i}', language=None)",
    "plotly_chart": "st.plotly_chart(fig, key='chart{i}')",
    "arrow_vega_lite_chart": "st.plotly_chart(fig, key='chart{i}')",
}


def elements_script(elements: Counter) -> str:
    """A bare page that draws the same elements as the app page: every widget (as bare_script) and
    every other element and block, the same kinds and numbers, without any of the app's own code."""
    widgets = Counter({k: n for k, n in elements.items() if k not in ELEMENT_CODE})
    if "checkbox" not in widgets:
        widgets["checkbox"] = 1
    lines = bare_script(widgets, chart=False).splitlines()  # the page's charts are drawn below with the rest
    i = 0
    for kind, n in sorted(elements.items()):
        if kind not in ELEMENT_CODE:
            continue
        for _ in range(n):
            lines.append(ELEMENT_CODE[kind].format(i=i))
            i += 1
    return "\n".join(lines) + "\n"


class BarePage:
    def __init__(self, kinds: Counter, folder: Path, *, same_elements: bool = False):
        if same_elements:
            source = elements_script(kinds)
        else:
            kinds = Counter({k: v for k, v in kinds.items() if k not in ("plotly_chart", "arrow_vega_lite_chart")})
            if "checkbox" not in kinds:
                kinds["checkbox"] = 1
            source = bare_script(kinds)
        path = folder / f"bare_{'e' if same_elements else 'w'}_{abs(hash(frozenset(kinds.items())))}.py"
        path.write_text(source, encoding="utf-8")
        self.at = AppTest.from_file(str(path), default_timeout=TIMEOUT)
        self.at.run()
        self.k = 0

    def step(self) -> tuple[float, float, float]:
        self.k += 1
        self.at.checkbox(key="change").set_value(self.k % 2 == 1)
        return timed_run(self.at)


# ---- reporting ----------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def widgets_of(kinds: Counter) -> int:
    return sum(n for k, n in kinds.items() if k not in ("plotly_chart", "arrow_vega_lite_chart"))


def measure(url: str, runs: int, warmup: int, change: str, folder: Path, profile: bool) -> dict:
    page = AppPage(url, change)
    for _ in range(warmup):
        page.step()
    kinds = Counter(CLOCK.kinds)
    elements = Counter(CLOCK.elements)
    bare = BarePage(kinds, folder)
    same = BarePage(elements, folder, same_elements=True)
    for _ in range(warmup):
        bare.step()
        same.step()
    page_t, bare_t, page_gc, bare_gc, page_cpu, bare_cpu, same_t = [], [], [], [], [], [], []
    if profile:
        CLOCK.profile = cProfile.Profile()
    for _ in range(runs):
        s, c, g = page.step()
        page_t.append(s)
        page_cpu.append(c)
        page_gc.append(g)
        if profile:
            CLOCK.profile, prof = None, CLOCK.profile
        s, c, g = bare.step()
        bare_t.append(s)
        bare_cpu.append(c)
        bare_gc.append(g)
        same_t.append(same.step()[0])
        if profile:
            CLOCK.profile = prof
    out = {
        "page": url, "widgets": widgets_of(kinds), "charts": kinds["plotly_chart"] + kinds["arrow_vega_lite_chart"],
        "tables": kinds["arrow_data_frame"],
        "median": statistics.median(page_t), "p95": pct(page_t, 0.95),
        "bare_median": statistics.median(bare_t), "bare_p95": pct(bare_t, 0.95),
        "elements": sum(elements.values()), "same_median": statistics.median(same_t),
        "cpu": statistics.median(page_cpu), "bare_cpu": statistics.median(bare_cpu),
        "gc": statistics.median(page_gc), "bare_gc": statistics.median(bare_gc),
        "with_gc": statistics.median(a + b for a, b in zip(page_t, page_gc, strict=True)),
    }
    if profile:
        buf = io.StringIO()
        stats = pstats.Stats(CLOCK.profile, stream=buf)
        stats.sort_stats("cumulative").print_stats(os.environ.get("PROFILE_FILTER", ""), 40)
        stats.sort_stats("tottime").print_stats(25)
        out["profile"] = buf.getvalue()
        CLOCK.profile = None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40, help="timed reruns per page (and as many of the bare page)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pages", default=",".join(p for p, (f, _) in PAGES.items() if (ROOT / f).is_file()))
    parser.add_argument("--change", choices=("name", "gate"), default="name",
                        help="the input changed before every rerun (sidebar: enterprise name, or the 闵行 gate)")
    parser.add_argument("--profile", metavar="PAGE", help="print a cProfile of this page's reruns")
    parser.add_argument("--gc-freeze", action="store_true",
                        help="gc.freeze() before each page, as the app does after its first run")
    parser.add_argument("--no-post-script-gc", action="store_true",
                        help="as with runner.postScriptGC = false: no full collection after each rerun")
    args = parser.parse_args(argv)

    pages = [p for p in args.pages.split(",") if p]
    if args.no_post_script_gc:
        config.set_option("runner.postScriptGC", False)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  runs per page: {args.runs}  "
          f"change: {args.change}  gc.freeze: {args.gc_freeze}  postScriptGC: {config.get_option('runner.postScriptGC')}")
    head = (f"{'page':11} {'widgets':>7} {'charts':>6} {'median ms':>9} {'p95 ms':>7} {'bare med':>8} {'bare p95':>8}"
            f" {'ratio':>6} {'own ms':>7} {'gc ms':>6} {'+gc ms':>7} {'cpu ms':>6} {'bare cpu':>8} {'cpu ratio':>9}"
            f" {'elements':>8} {'same-el ms':>10} {'vs same-el':>10}")
    print(head)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for url in pages:
            if args.gc_freeze:
                gc.collect()
                gc.freeze()
            r = measure(url, args.runs, args.warmup, args.change, Path(tmp), args.profile == url)
            ratio = r["median"] / r["bare_median"]
            own = (r["median"] - r["bare_median"]) * 1000
            flag = "" if ratio <= 1.5 and own <= 30 else "  <- over target"
            failed |= bool(flag)
            print(f"{url:11} {r['widgets']:7d} {r['charts']:6d} {r['median'] * 1000:9.1f} {r['p95'] * 1000:7.1f}"
                  f" {r['bare_median'] * 1000:8.1f} {r['bare_p95'] * 1000:8.1f} {ratio:6.2f} {own:7.1f}"
                  f" {r['gc'] * 1000:6.1f} {r['with_gc'] * 1000:7.1f} {r['cpu'] * 1000:6.1f} {r['bare_cpu'] * 1000:8.1f}"
                  f" {r['cpu'] / r['bare_cpu']:9.2f} {r['elements']:8d} {r['same_median'] * 1000:10.1f}"
                  f" {r['median'] / r['same_median']:10.2f}{flag}", flush=True)
            if "profile" in r:
                print(r["profile"])
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
