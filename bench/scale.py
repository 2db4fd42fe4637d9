"""One replica against two, through the balancer: the sessions of bench/load.py (each opens its own share
link and checks, after every rerun, that the total shown is the engine's for *its own* profile) sent
through HAProxy to a `make serve` deployment with 1 replica and to one with 2 replicas.

Both deployments (deploy/serve.py, free loopback ports, state in a temporary directory) run for the
whole bench, and the trials alternate 1, 2, 1, 2, ... so both see the same machine load. Every session
first asks for the page as a browser does, takes the balancer's stickiness cookie and opens its
websocket with it. Prints, per replica count: reruns per second, median and p95 rerun latency, errors
and wrong results (a total or a name not the session's own), how the sessions were spread over the
replicas, and the machine's load average.

    .venv/bin/python bench/scale.py                      # 10 sessions, 4 rounds, 3 trials each
    .venv/bin/python bench/scale.py -n 20 --rounds 3 --trials 2
    .venv/bin/python bench/scale.py --kill 5            # one of 2 replicas killed 5 s into the run
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import load  # noqa: E402  (bench/load.py: the sessions and their checks)
from websockets.sync.client import connect  # noqa: E402

from ui import share  # noqa: E402

COOKIE = "mh_replica"


class BalancedSession(load.Session):
    """A bench/load.py session that first loads the page, as a browser does, and sends the balancer's
    cookie with its websocket (so the session sticks to the replica the balancer chose)."""

    replica = ""

    def open(self):
        with urllib.request.urlopen(self.origin + "/", timeout=60) as r:
            r.read()
            cookies = [c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or []]
        for c in cookies:
            if c.startswith(COOKIE + "="):
                self.replica = c.split("=", 1)[1]
        self.ws = connect(self.ws_url, origin=self.origin, subprotocols=["streamlit"], open_timeout=30,
                          max_size=64 * 1024 * 1024, additional_headers={"Cookie": "; ".join(cookies)})
        replicas.append(self.replica)
        replica_of[self.query] = self.replica
        return self.rerun()


replicas: list[str] = []  # the replica of every session opened (from its cookie)
replica_of: dict[str, str] = {}  # a session's query string (its own share link) -> its replica


def serve(replica_count: int, state: Path) -> str:
    cmd = [sys.executable, str(REPO / "deploy" / "serve.py"), "start", "--port", "0", "--replicas",
           str(replica_count), "--state-dir", str(state)]
    subprocess.run(cmd, check=True, cwd=REPO)
    return json.loads((state / "serve.json").read_text(encoding="utf-8"))["url"]


def stop(state: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "deploy" / "serve.py"), "stop", "--state-dir", str(state)],
                   cwd=REPO, check=False)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (from /proc), in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(state: Path) -> list[int]:
    info = json.loads((state / "serve.json").read_text(encoding="utf-8"))
    return [r["pid"] for r in info["replicas"]] + [info["haproxy"]["pid"]]


def trial(url: str, sessions: int, rounds: int) -> tuple[load.Result, float, collections.Counter]:
    replicas.clear()
    result = load.Result()
    lock = threading.Lock()
    barrier = threading.Barrier(sessions)
    threads = [threading.Thread(target=load.run_session, args=(url, 1000 + k, rounds, result, lock, barrier),
                                kwargs={"session_class": BalancedSession}) for k in range(sessions)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return result, time.perf_counter() - t0, collections.Counter(replicas)


def kill_under_load(sessions: int, rounds: int, after: float) -> int:
    """--kill: 2 replicas, `sessions` sessions with a person's pause (~0.5 s) between changes; `after`
    seconds in, r2 is killed (SIGKILL). Sessions on r1 must finish with no error and only right results;
    sessions on r2 lose their websocket (this client does not reconnect, a browser does: see
    tests/browser/test_serve_browser.py). Then the supervisor must have restarted r2, and a second round
    of sessions must be spread over both replicas again with no error."""
    state = Path(tempfile.mkdtemp(prefix="scale-kill-"))
    try:
        url = serve(2, state)
        trial(url, 4, 1)  # warm both replicas
        replica_of.clear()
        result = load.Result()
        lock = threading.Lock()
        barrier = threading.Barrier(sessions)
        threads = [threading.Thread(target=load.run_session, args=(url, 2000 + k, rounds, result, lock, barrier, 0.5),
                                    kwargs={"session_class": BalancedSession}) for k in range(sessions)]
        for th in threads:
            th.start()
        time.sleep(after)
        victim = next(r for r in json.loads((state / "serve.json").read_text())["replicas"] if r["name"] == "r2")
        os.kill(victim["pid"], signal.SIGKILL)
        killed_at = time.monotonic()
        for th in threads:
            th.join()
        on = {k: replica_of.get(f"{share.PARAM}={share.encode(load.profile_for(2000 + k))}", "?")
              for k in range(sessions)}
        errors = {k: [e for e in result.errors if e.startswith(f"session {2000 + k}:")] for k in range(sessions)}
        r1 = [k for k in range(sessions) if on[k] == "r1"]
        r2 = [k for k in range(sessions) if on[k] == "r2"]
        r1_errors = sum(len(errors[k]) for k in r1)
        wrong = sum(is_wrong(e) for e in result.errors)
        print(f"killed r2 {after:.0f} s into {sessions} sessions x {rounds} rounds (0.5 s pauses): "
              f"sessions on r1: {len(r1)}, errors {r1_errors}; sessions on r2: {len(r2)}, "
              f"ended by the kill {sum(bool(errors[k]) for k in r2)}; wrong results {wrong}; "
              f"checks passed {result.checks}")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            now = next(r for r in json.loads((state / "serve.json").read_text())["replicas"] if r["name"] == "r2")
            if now["restarts"] >= 1 and serve_healthy(now["port"]):
                break
            time.sleep(0.5)
        print(f"r2 restarted by the supervisor and healthy {time.monotonic() - killed_at:.1f} s after the kill "
              f"(pid {victim['pid']} -> {now['pid']})")
        time.sleep(3)  # two good health checks: HAProxy takes it back
        again, _, spread = trial(url, sessions, 1)
        print(f"after the restart: {sessions} new sessions, per replica {dict(sorted(spread.items()))}, "
              f"errors {len(again.errors)}, checks passed {again.checks}, load {os.getloadavg()[0]:.2f}")
        for e in (result.errors + again.errors)[:12]:
            print("  ", e)
        return 0 if r1_errors == 0 and wrong == 0 and not again.errors and len(spread) == 2 else 1
    finally:
        stop(state)
        shutil.rmtree(state, ignore_errors=True)


def serve_healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def is_wrong(error: str) -> bool:
    return "but the engine gives" in error or "another name shown" in error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--trials", type=int, default=3, help="trials per replica count, alternated")
    parser.add_argument("--kill", type=float, metavar="SECONDS",
                        help="instead: kill one of 2 replicas this many seconds into a run (see kill_under_load)")
    args = parser.parse_args(argv)
    if args.kill is not None:
        return kill_under_load(args.sessions, args.rounds, args.kill)

    states = {n: Path(tempfile.mkdtemp(prefix=f"scale-{n}-")) for n in (1, 2)}
    urls: dict[int, str] = {}
    totals = {n: {"lat": [], "changes": [], "reruns": 0, "wall": 0.0, "errors": [], "checks": 0, "spread": collections.Counter(),
                  "rates": [], "server_cpu": 0.0} for n in (1, 2)}
    loads = []
    try:
        for n, state in states.items():
            urls[n] = serve(n, state)
        for n in (1, 2):  # warm every replica (first runs import and load; not measured)
            trial(urls[n], 2 * n, 1)
        for t in range(args.trials):
            for n in (1, 2):
                pids = server_pids(states[n])
                cpu0, client0 = cpu_seconds(pids), time.process_time()
                result, wall, spread = trial(urls[n], args.sessions, args.rounds)
                server_cpu, client_cpu = (cpu_seconds(pids) - cpu0) / wall, (time.process_time() - client0) / wall
                loads.append(os.getloadavg()[0])
                agg = totals[n]
                agg["lat"] += result.latencies
                agg["changes"] += result.changes
                agg["reruns"] += len(result.latencies)
                agg["wall"] += wall
                agg["errors"] += result.errors
                agg["checks"] += result.checks
                agg["spread"] += spread
                agg["rates"].append(len(result.latencies) / wall)
                agg["server_cpu"] += server_cpu * wall
                print(f"trial {t + 1}, {n} replica(s): {len(result.latencies) / wall:.1f} reruns/s, median "
                      f"{statistics.median(result.latencies) * 1000:.0f} ms, errors {len(result.errors)}, "
                      f"sessions per replica {dict(sorted(spread.items()))}, CPU used: servers "
                      f"{server_cpu:.2f} cores, this client {client_cpu:.2f} cores, load {os.getloadavg()[0]:.2f}",
                      flush=True)
    finally:
        for state in states.values():
            stop(state)
            shutil.rmtree(state, ignore_errors=True)  # its cookie secret and logs: this run's only

    print(f"\n{args.sessions} sessions x {args.rounds} rounds, {args.trials} alternated trials per replica count; "
          f"load average during the trials {min(loads):.2f}-{max(loads):.2f} "
          f"(now {' '.join(f'{x:.2f}' for x in os.getloadavg())}), {os.cpu_count()} CPUs")
    print("| replicas | reruns/s | median ms | p95 ms | input changes: median, p95 ms | errors | wrong results "
          "| checks passed | sessions per replica | server CPU (cores) | reruns per server CPU-s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rate = {}
    for n in (1, 2):
        agg = totals[n]
        rate[n] = agg["reruns"] / agg["wall"]
        wrong = sum(is_wrong(e) for e in agg["errors"])
        print(f"| {n} | {rate[n]:.1f} | {statistics.median(agg['lat']) * 1000:.0f} | "
              f"{load.percentile(agg['lat'], 0.95) * 1000:.0f} | {statistics.median(agg['changes']) * 1000:.0f}, "
              f"{load.percentile(agg['changes'], 0.95) * 1000:.0f} | {len(agg['errors'])} | {wrong} | {agg['checks']} | "
              f"{dict(sorted(agg['spread'].items()))} | {agg['server_cpu'] / agg['wall']:.2f} | "
              f"{agg['reruns'] / agg['server_cpu']:.0f} |")
    print(f"2 replicas / 1 replica throughput: {rate[2] / rate[1]:.2f}x")
    for e in (totals[1]["errors"] + totals[2]["errors"])[:10]:
        print("  ", e)
    return 1 if totals[1]["errors"] or totals[2]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
