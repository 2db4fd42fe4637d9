"""Many users at once: N concurrent sessions against a real `streamlit run app.py`, over the Streamlit
websocket protocol (the same BackMsg/ForwardMsg protobufs the browser sends and receives).

Each session opens the app through its own share link (its own enterprise and figures), then makes a
series of changes with real widget states (enterprise gate off/on, name, carrier figures when the
carriers page exists, reading), and after every rerun checks that the running total shown in the
sidebar is exactly what the engine gives for *its own* profile, and that its own name is shown back.
Prints the error count, the median and 95th-percentile rerun latency and the reruns per second.

    .venv/bin/python bench/load.py              # 20 sessions, 6 rounds each, own server on 127.0.0.1
    .venv/bin/python bench/load.py -n 40 --rounds 3
    .venv/bin/python bench/load.py --url http://127.0.0.1:8501   # against a server already running
    .venv/bin/python bench/load.py -n 10 --set runner.postScriptGC=false   # a config option for this run
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from google.protobuf import text_format  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

from calculators import assess, validate_profile  # noqa: E402
from calculators.explain import wan  # noqa: E402
from ui import share  # noqa: E402

# websockets 15+ warns when a sync connection is not used in a `with` block; ours is closed in finally.
warnings.filterwarnings("ignore", category=DeprecationWarning, module="websockets")
warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*context manager.*")


class Failure(Exception):
    pass


@dataclass
class Rerun:
    elements: list[tuple[str, Any]] = field(default_factory=list)
    ids: dict[str, tuple[str, Any]] = field(default_factory=dict)  # user key -> (widget type, element)
    sidebar: list[tuple[str, Any]] = field(default_factory=list)  # the elements drawn in the sidebar
    page: str = ""
    exception: bool = False

    def texts(self, kind: str) -> list[str]:
        return [text_format.MessageToString(e, as_utf8=True) for k, e in self.elements if k == kind]

    def metric_values(self) -> list[str]:
        """The sidebar's metrics (the running total first)."""
        return [e.body for k, e in self.sidebar if k == "metric"]


class Session:
    """One browser tab, spoken to in protobuf over the websocket."""

    def __init__(self, base_url: str, query: str = ""):
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.origin = base_url
        self.query = query
        self.ws = None
        self.page_hash = ""
        self.widget_states: dict[str, Any] = {}  # widget id -> WidgetState message
        self.ids: dict[str, tuple[str, Any]] = {}
        self.fragment_of: dict[str, str] = {}  # widget id -> the fragment it is drawn in ("" if none)

    def open(self) -> Rerun:
        self.ws = connect(self.ws_url, origin=self.origin, subprotocols=["streamlit"], open_timeout=30,
                          max_size=64 * 1024 * 1024)
        return self.rerun()

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()

    def rerun(self, page_name: str | None = None, timeout: float = 60, fragment_id: str = "") -> Rerun:
        """Ask for a rerun with the current widget states; with ``fragment_id``, of that fragment only
        (what the browser sends when a widget drawn inside a fragment changes)."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.fragment_id = fragment_id
        if page_name is not None:
            cs.page_name = page_name
            cs.page_script_hash = ""
        else:
            cs.page_script_hash = self.page_hash
        for ws in self.widget_states.values():
            cs.widget_states.widgets.add().CopyFrom(ws)
        self.ws.send(msg.SerializeToString())
        return self._collect(timeout)

    def _collect(self, timeout: float) -> Rerun:
        out = Rerun()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Failure("timed out waiting for the rerun to finish")
            raw = self.ws.recv(timeout=remaining)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                pass
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                etype = el.WhichOneof("type")
                sub = getattr(el, etype)
                out.elements.append((etype, sub))
                if fm.metadata.delta_path and fm.metadata.delta_path[0] == 1:  # the sidebar's root
                    out.sidebar.append((etype, sub))
                if etype == "exception":
                    out.exception = True
                wid = getattr(sub, "id", "") if hasattr(sub, "id") else ""
                if wid and "-" in wid:
                    key = wid.rsplit("-", 1)[-1] if wid.count("-") >= 2 else ""
                    user_key = wid.split("-", 2)[-1] if wid.startswith("$$ID-") else key
                    out.ids[user_key] = (etype, sub)
                    self.fragment_of[wid] = fm.delta.fragment_id
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    out = Rerun()  # the app called st.rerun(): what counts is the run that follows
                    continue
                if fm.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                              ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    raise Failure(f"the script did not finish normally ({fm.script_finished})")
                self.ids.update(out.ids)
                return out

    def fragment(self, key: str) -> str:
        """The fragment the widget ``key`` is drawn in ("" when it is not in one)."""
        return self.fragment_of.get(self.ids[key][1].id, "")

    def set_widget(self, key: str, value: Any) -> None:
        if key not in self.ids:
            raise Failure(f"widget {key!r} not on the page")
        etype, el = self.ids[key]
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        ws = WidgetState()
        ws.id = el.id
        if etype in ("checkbox", "toggle"):
            ws.bool_value = bool(value)
        elif etype == "text_input":
            ws.string_value = str(value)
        elif etype in ("arrow_data_frame", "dataframe"):  # a data editor: its edits, as the browser sends them
            ws.string_value = json.dumps(value)
        elif etype == "radio":  # the chosen option's label, as the browser sends it (value: its index)
            ws.string_value = el.options[int(value)]
        elif etype == "number_input":
            if el.data_type == el.INT:
                ws.int_value = int(value)
            else:
                ws.double_value = float(value)
        else:
            raise Failure(f"cannot set a {etype}")
        self.widget_states[el.id] = ws


def expected_total(profile: dict) -> str:
    model, problems = validate_profile(profile, "zh")
    if problems:
        raise ValueError(problems)
    return wan(assess(model, "zh").total_ceiling_yuan)


def profile_for(k: int) -> dict:
    """A different enterprise for every session: the drama studio plus a carrier with its own figures."""
    data = json.loads((REPO / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    data["enterprise"]["name"] = f"并发测试企业{k:03d}"
    data["carrier"] = {"name": f"园区{k:03d}", "year": 2026, "related_enterprises": 60, "total_enterprises": 150,
                       "independent_area_sqm": 0, "revenue_last_year_yuan": 100_000_000,
                       "revenue_this_year_yuan": 110_000_000 + 100_000 * k}
    return data


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    changes: list[float] = field(default_factory=list)  # reruns after an input change (not open/switch)
    errors: list[str] = field(default_factory=list)
    checks: int = 0


def run_session(base_url: str, k: int, rounds: int, result: Result, lock: threading.Lock,
                barrier: threading.Barrier, think: float = 0.0, session_class: type[Session] | None = None) -> None:
    prof = profile_for(k)
    session = (session_class or Session)(base_url, query=f"{share.PARAM}={share.encode(prof)}")
    latencies: list[float] = []
    changes: list[float] = []
    errors: list[str] = []
    checks = 0

    rng = random.Random(k)

    def timed(fn, *args, **kwargs):
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))  # a person reading before the next change
        t0 = time.perf_counter()
        r = fn(*args, **kwargs)
        latencies.append(time.perf_counter() - t0)
        if fn == session.rerun and not args:  # same page, new widget states: an input change
            changes.append(latencies[-1])
        if r.exception:
            raise Failure("the page showed an exception")
        return r

    def check(r: Rerun, expected_profile: dict, what: str) -> None:
        nonlocal checks
        want = expected_total(expected_profile)
        shown = r.metric_values()
        if not any(want in v for v in shown[:1]):
            raise Failure(f"{what}: total shown {shown[:1]} but the engine gives {want} 万元")
        names = [e.value for kind, e in r.elements if kind == "text_input" and e.id.endswith("enterprise.name")]
        own = expected_profile["enterprise"]["name"]
        if names and names[0] not in ("", own):
            raise Failure(f"{what}: another name shown ({names[0]!r}, expected {own!r})")
        checks += 1

    try:
        barrier.wait(timeout=120)
        r = timed(session.open)
        check(r, prof, "restored from the share link")
        has_carrier_page = False
        r = timed(session.rerun, "carriers")
        has_carrier_page = "w:carrier.revenue_this_year_yuan" in session.ids
        check(r, prof, "carriers page")
        for step in range(rounds):
            # the 附则 gate off: nothing is eligible
            session.set_widget("w:enterprise.registered_in_minhang", 1)  # 是 / 否 / 未确认: 否
            off = copy.deepcopy(prof)
            off["enterprise"]["registered_in_minhang"] = False
            check(timed(session.rerun), off, f"round {step}: gate off")
            session.set_widget("w:enterprise.registered_in_minhang", 0)  # 是
            check(timed(session.rerun), prof, f"round {step}: gate on")
            prof["enterprise"]["name"] = f"并发测试企业{k:03d}-{step}"
            session.set_widget("w:enterprise.name", prof["enterprise"]["name"])
            check(timed(session.rerun), prof, f"round {step}: name")
            if has_carrier_page:
                value = prof["carrier"]["revenue_this_year_yuan"] + 1_000_000 * (step + 1)
                prof["carrier"]["revenue_this_year_yuan"] = value
                session.set_widget("w:carrier.revenue_this_year_yuan", value)
                # as a browser: the input is in the page's fragment, so only the fragment reruns
                frag = session.fragment("w:carrier.revenue_this_year_yuan")
                check(timed(session.rerun, fragment_id=frag), prof, f"round {step}: carrier revenue")
    except Exception as exc:  # every failure is counted, none stops the others
        errors.append(f"session {k}: {type(exc).__name__}: {exc}")
    finally:
        session.close()
    with lock:
        result.latencies.extend(latencies)
        result.changes.extend(changes)
        result.errors.extend(errors)
        result.checks += checks


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a user waits between changes (default 0: back-to-back, the worst case)")
    parser.add_argument("--url", help="a server already running (default: start one on 127.0.0.1)")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.OPTION=VALUE",
                        help="a Streamlit config option for the server this starts (repeatable)")
    args = parser.parse_args(argv)

    server = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        from tests.browser.server import StreamlitServer

        extra = [part for opt in args.set for part in ("--" + opt.split("=", 1)[0], opt.split("=", 1)[1])]
        server = StreamlitServer(extra_args=extra).start()
        base = server.url
    try:
        result = Result()
        lock = threading.Lock()
        barrier = threading.Barrier(args.sessions)
        threads = [threading.Thread(target=run_session, args=(base, k, args.rounds, result, lock, barrier, args.think))
                   for k in range(args.sessions)]
        t0 = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
    finally:
        if server is not None:
            server.stop()

    lat = result.latencies
    print(f"sessions: {args.sessions}  rounds: {args.rounds}  think: {args.think}s  server: {base}  "
          f"set: {' '.join(args.set) or '-'}  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"reruns: {len(lat)}  checks passed: {result.checks}  errors: {len(result.errors)}")
    if lat:
        print(f"rerun latency: median {statistics.median(lat) * 1000:.0f} ms, "
              f"p95 {percentile(lat, 0.95) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms")
        print(f"throughput: {len(lat) / wall:.1f} reruns/s over {wall:.1f} s")
    if result.changes:
        ch = result.changes
        print(f"input changes only ({len(ch)}): median {statistics.median(ch) * 1000:.0f} ms, "
              f"p95 {percentile(ch, 0.95) * 1000:.0f} ms")
    for err in result.errors[:20]:
        print("  ", err)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
