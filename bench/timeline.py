"""Where one rerun's time goes, message by message, on a real server: a diagnostic, not a target.

bench/interact.py says how long a change takes; this says when, within it, the server got the request,
when the script made each message (element, block, the end of the run) and when the last one was sent
and read. It runs the app's server with a small ``sitecustomize`` (in a temporary folder, on
PYTHONPATH) that notes the time of three of Streamlit's own steps (pinned streamlit==1.67.0; private
methods, so this may need a change when Streamlit moves):

- ``AppSession.handle_backmsg``: the rerun request arrived;
- ``ScriptRunner._enqueue_forward_msg``: the script thread made a message (so the gap before a
  message is the time the script took to make it, GIL waits included);
- ``Runtime._send_message``: the event loop sent a message to the browser.

Then it makes the same change as interact.py ``--runs`` times on the page and prints, for every message
of the rerun in order, the median time since the change was sent and the step since the one before.
With ``--bare`` it does the same for the bare page interact.py compares the page with (same widgets,
one chart), for a side-by-side reading.

    .venv/bin/python bench/timeline.py --page projects --runs 40
    .venv/bin/python bench/timeline.py --page results --runs 40 --bare

Nothing it writes holds enterprise data: the trace file has times and message kinds only, in a
temporary folder removed at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from interact import PAGES, bare_app, open_on_page, widget_kinds  # noqa: E402
from load import Session  # noqa: E402

from tests.browser.server import StreamlitServer  # noqa: E402

SITECUSTOMIZE = '''
import os, time
_path = os.environ.get("TIMELINE_TRACE")
if _path:
    from streamlit.runtime import app_session, runtime
    from streamlit.runtime.scriptrunner import script_runner
    _out = open(_path, "w", buffering=1)

    def _kind(msg):
        kind = msg.WhichOneof("type")
        if kind == "delta":
            d = msg.delta.WhichOneof("type")
            kind = msg.delta.new_element.WhichOneof("type") if d == "new_element" else d
        return kind

    _made = script_runner.ScriptRunner._enqueue_forward_msg
    def _on_made(self, msg):
        _out.write(f"made {time.perf_counter():.6f} {_kind(msg)} {'.'.join(map(str, msg.metadata.delta_path))}\\n")
        return _made(self, msg)
    script_runner.ScriptRunner._enqueue_forward_msg = _on_made

    _sent = runtime.Runtime._send_message
    def _on_sent(self, info, msg):
        _out.write(f"sent {time.perf_counter():.6f} {_kind(msg)} -\\n")
        return _sent(self, info, msg)
    runtime.Runtime._send_message = _on_sent

    _back = app_session.AppSession.handle_backmsg
    def _on_back(self, msg):
        _out.write(f"request {time.perf_counter():.6f} - -\\n")
        return _back(self, msg)
    app_session.AppSession.handle_backmsg = _on_back
'''


def _server(folder: Path, trace: Path, cwd: Path) -> StreamlitServer:
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return StreamlitServer(cwd=cwd, extra_env={"PYTHONPATH": path, "TIMELINE_TRACE": str(trace)})


def _timelines(trace: Path, marks: list[tuple[float, float]]) -> list[list[tuple[float, str]]]:
    """Per rerun: (ms since the change was sent, what) for the request, every message made, the last
    message sent and the client's end."""
    events = []
    for line in trace.read_text(encoding="utf-8").splitlines():
        step, at, kind, path = line.split(" ")
        events.append((float(at), step, kind, path))
    out = []
    for t0, t1 in marks:
        mine = [e for e in events if t0 <= e[0] <= t1]
        seq = [((at - t0) * 1000, "request received") for at, step, _, _ in mine if step == "request"][:1]
        seq += [((at - t0) * 1000, f"made {kind} {path}".rstrip(" -")) for at, step, kind, path in mine if step == "made"]
        sent = [at for at, step, _, _ in mine if step == "sent"]
        if sent:
            seq.append(((sent[-1] - t0) * 1000, "last message sent"))
        seq.append(((t1 - t0) * 1000, "client read the end of the run"))
        out.append(seq)
    return out


def _print(title: str, runs: list[list[tuple[float, str]]]) -> None:
    shapes = Counter(tuple(what for _, what in r) for r in runs)
    shape, count = shapes.most_common(1)[0]  # the usual rerun (a rare one may differ by a message)
    same = [r for r in runs if tuple(what for _, what in r) == shape]
    print(f"\n{title}: {count} of {len(runs)} reruns had this sequence of {len(shape)} steps (medians, ms)")
    print(f"{'at':>8} {'step':>7}  what")
    before = 0.0
    for i, what in enumerate(shape):
        at = statistics.median(r[i][0] for r in same)
        print(f"{at:8.2f} {at - before:+7.2f}  {what}")
        before = at


def _changes(session: Session, change, prof: dict, runs: int, warmup: int, gap: float) -> list[tuple[float, float]]:
    marks = []
    for k in range(warmup + runs):
        fragment_id = change(session, prof, k + 1)
        time.sleep(gap)
        t0 = time.perf_counter()
        session.rerun(fragment_id=fragment_id)
        if k >= warmup:
            marks.append((t0, time.perf_counter()))
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", default="projects", choices=sorted(PAGES))
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--gap", type=float, default=0.15, help="seconds between changes (as interact.py)")
    parser.add_argument("--bare", action="store_true", help="also the bare page interact.py compares with")
    args = parser.parse_args(argv)
    _, what, change = PAGES[args.page]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  page: {args.page}  change: {what}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        trace = folder / "app.trace"
        with _server(folder, trace, ROOT) as app:
            session, prof, full = open_on_page(app.url, args.page)
            marks = _changes(session, change, prof, args.runs, args.warmup, args.gap)
            session.close()
            time.sleep(0.2)
        _print(f"{args.page} ({what})", _timelines(trace, marks))

        if args.bare:
            bare_dir, widgets = bare_app(folder / "bare", widget_kinds(session, full.elements))
            bare_trace = folder / "bare.trace"
            with _server(folder, bare_trace, bare_dir) as server:
                bare = Session(server.url)
                bare.open()

                def flip(s: Session, _prof: dict, k: int) -> str:
                    s.set_widget("change", k % 2 == 0)
                    return ""

                bare_marks = _changes(bare, flip, {}, args.runs, args.warmup, args.gap)
                bare.close()
                time.sleep(0.2)
            _print(f"bare page ({sum(widgets.values())} widgets, one chart)", _timelines(bare_trace, bare_marks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
