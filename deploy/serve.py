"""`make serve` / `make stop`: N Streamlit replicas on loopback ports behind HAProxy, and a supervisor
that restarts a replica that dies.

    .venv/bin/python deploy/serve.py start [--replicas 2] [--port 8501]   # detached; returns when ready
    .venv/bin/python deploy/serve.py run   [--replicas 2] [--port 8501]   # in the foreground (systemd)
    .venv/bin/python deploy/serve.py status
    .venv/bin/python deploy/serve.py stop

Everything it keeps is in the state directory, outside the repository (`--state-dir`, else $MH_STATE_DIR,
else $XDG_STATE_HOME/minhang-calculator, else ~/.local/state/minhang-calculator), mode 0700:

- `cookie_secret`: the replicas' shared server.cookieSecret, made at the first start (32 random bytes,
  hex), mode 0600, handed to each replica in its environment (never on a command line, which any user
  of the machine can read in `ps`);
- `haproxy.cfg`: deploy/haproxy.cfg with the ports and limits filled in;
- `serve.json`: the supervisor's pid and the pid and port of every process it started (`stop` and the
  tests read it);
- `access.log` (HAProxy: paths, never query strings), `haproxy.log`, `replica-<name>.log` (Streamlit at
  level "warning") and `serve.log` (starts, exits, restarts).

`stop` signals the supervisor recorded in serve.json, after checking that the pid is still this script;
the supervisor then ends exactly the processes it started (each in its own process group), HAProxy
first so no new request reaches a replica that is going away. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "deploy" / "haproxy.cfg"
CONFIG = REPO / ".streamlit" / "config.toml"
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit reads server.cookieSecret from it


def default_state_dir() -> Path:
    if os.environ.get("MH_STATE_DIR"):
        return Path(os.environ["MH_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "minhang-calculator"


def owner_only_dir(path: Path) -> Path:
    if path.resolve().is_relative_to(REPO):
        raise SystemExit(f"the state directory {path} is inside the repository: choose one outside it")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def cookie_secret(state: Path) -> str:
    """The shared cookie secret: made once (0600, created exclusively), then read on every start."""
    path = state / "cookie_secret"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise SystemExit(f"{path} is readable by others (mode {mode:o}): chmod 600 it or delete it") from None
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) < 32:
            raise SystemExit(f"{path} holds no usable secret: delete it and start again") from None
        return secret
    secret = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secret + "\n")
    return secret


def max_upload_mb() -> int:
    with CONFIG.open("rb") as f:
        return int(tomllib.load(f)["server"]["maxUploadSize"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haproxy_config(port: int, replicas: list[tuple[str, int]], bind: str = "127.0.0.1") -> str:
    mb = max_upload_mb()
    servers = "\n".join(f"    server {name} 127.0.0.1:{p} cookie {name}" for name, p in replicas)
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {"@LISTEN@": f"{bind}:{port}", "@MAX_UPLOAD_MB@": str(mb),
                       "@MAX_BODY_BYTES@": str(mb * 1024 * 1024), "@SERVERS@": servers}.items():
        text = text.replace(key, value)
    return text


def healthy(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


@dataclass
class Child:
    name: str
    cmd: list[str]
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    stdout: Path | None = None  # HAProxy: its access log (standard output) apart from its messages
    port: int = 0
    proc: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0
    next_start: float = 0.0

    def start(self) -> None:
        env = dict(os.environ)
        env.update(self.env)
        err = self.log.open("ab")
        out = self.stdout.open("ab") if self.stdout else err
        try:
            self.proc = subprocess.Popen(self.cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=err, start_new_session=True)
        finally:
            err.close()
            if out is not err:
                out.close()
        self.started = time.monotonic()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace: float = 10) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


class Supervisor:
    def __init__(self, state: Path, port: int, replicas: int, replica_port: int, bind: str):
        self.state = state
        self.port = port or free_port()
        self.bind = bind
        self.log_path = state / "serve.log"
        secret = cookie_secret(state)
        self.replicas: list[Child] = []
        for i in range(replicas):
            name = f"r{i + 1}"
            rport = replica_port + i if replica_port else free_port()
            # launch.py: `streamlit run app.py` with the address lookups pinned before the first request
            cmd = [sys.executable, "-m", "launch", "--server.address", "127.0.0.1",
                   "--server.port", str(rport), "--server.headless", "true"]
            self.replicas.append(Child(name, cmd, state / f"replica-{name}.log", {SECRET_ENV: secret,
                                                                                 "PYTHONUNBUFFERED": "1"},
                                       port=rport))
        cfg = state / "haproxy.cfg"
        fd = os.open(cfg, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(haproxy_config(self.port, [(c.name, c.port) for c in self.replicas], bind))
        self.haproxy = Child("haproxy", ["haproxy", "-db", "-f", str(cfg)], state / "haproxy.log",
                             stdout=state / "access.log", port=self.port)
        self.stopping = False
        self.ready = False

    def local_host(self) -> str:
        """Where this machine reaches the balancer: its bind address, or loopback for a wildcard one."""
        return "127.0.0.1" if self.bind in ("0.0.0.0", "::", "") else self.bind

    def say(self, text: str) -> None:
        with self.log_path.open("a", encoding="utf-8") as f:
            f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {text}\n")

    def write_state(self) -> None:
        data = {"pid": os.getpid(), "port": self.port, "url": f"http://{self.local_host()}:{self.port}", "ready": self.ready,
                "haproxy": {"pid": self.haproxy.proc.pid if self.haproxy.proc else None},
                "replicas": [{"name": c.name, "port": c.port, "pid": c.proc.pid if c.proc else None,
                              "restarts": c.restarts} for c in self.replicas]}
        tmp = self.state / "serve.json.tmp"
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, self.state / "serve.json")

    def _on_signal(self, signum, frame) -> None:
        self.stopping = True

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        subprocess.run(["haproxy", "-c", "-q", "-f", str(self.state / "haproxy.cfg")], check=True)
        for c in self.replicas:
            c.start()
            self.say(f"started replica {c.name} on 127.0.0.1:{c.port} (pid {c.proc.pid})")
        # The balancer starts once the replicas answer (bounded), so it never has to answer 503 at start.
        deadline = time.monotonic() + 90
        while not self.stopping and time.monotonic() < deadline and not all(
                c.alive() and healthy(f"http://127.0.0.1:{c.port}", 1) for c in self.replicas):
            time.sleep(0.3)
        self.haproxy.start()
        self.say(f"started haproxy on {self.bind}:{self.port} (pid {self.haproxy.proc.pid})")
        self.write_state()
        try:
            while not self.stopping:
                self._tick()
                time.sleep(0.5)
        finally:
            self.say("stopping")
            self.haproxy.stop()
            for c in self.replicas:
                c.stop()
            for name in ("serve.json",):
                with contextlib.suppress(FileNotFoundError):
                    (self.state / name).unlink()
            self.say("stopped")
        return 0

    def _tick(self) -> None:
        changed = False
        now = time.monotonic()
        for c in [*self.replicas, self.haproxy]:
            if c.alive():
                continue
            if c.proc is not None and c.next_start == 0.0:  # just found dead: schedule the restart
                ran = now - c.started
                # back off when it dies right after starting (a broken install must not spin the CPU)
                delay = 1.0 if ran > 30 else min(30.0, 2.0 ** min(c.restarts, 5))
                c.next_start = now + delay
                self.say(f"{c.name} (pid {c.proc.pid}) exited with {c.proc.returncode} after {ran:.0f} s; "
                         f"restarting in {delay:.0f} s")
            if now >= c.next_start:
                c.restarts += 1
                c.next_start = 0.0
                c.start()
                self.say(f"restarted {c.name} (pid {c.proc.pid}, restart {c.restarts})")
                changed = True
        if not self.ready and all(healthy(f"http://127.0.0.1:{c.port}", 1) for c in self.replicas) \
                and healthy(f"http://{self.local_host()}:{self.port}", 1):
            self.ready = True
            self.say(f"ready: http://{self.bind}:{self.port} ({len(self.replicas)} replicas)")
            changed = True
        if changed:
            self.write_state()


def read_state(state: Path) -> dict | None:
    try:
        return json.loads((state / "serve.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_supervisor(pid: int | None) -> bool:
    cmd = cmdline(pid) if pid else []
    return any(part.endswith("deploy/serve.py") for part in cmd) and "run" in cmd


def cmd_run(args) -> int:
    state = owner_only_dir(args.state_dir)
    running = read_state(state)
    if running and is_supervisor(running.get("pid")):
        print(f"already serving on {running['url']} (pid {running['pid']}): `make stop` first", file=sys.stderr)
        return 1
    return Supervisor(state, args.port, args.replicas, args.replica_port, args.bind).run()


def cmd_start(args) -> int:
    if shutil.which("haproxy") is None:
        print("haproxy is missing: `make serve` as root installs it (apt-get install haproxy)", file=sys.stderr)
        return 1
    state = owner_only_dir(args.state_dir)
    running = read_state(state)
    if running and is_supervisor(running.get("pid")):
        print(f"already serving on {running['url']} (pid {running['pid']}): `make stop` first", file=sys.stderr)
        return 1
    if args.port:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((args.bind, args.port))
            except OSError as exc:
                print(f"{args.bind}:{args.port} is taken ({exc.strerror}): is `make run` or another server on it? "
                      "Choose another with PORT=...", file=sys.stderr)
                return 1
    with contextlib.suppress(FileNotFoundError):
        (state / "serve.json").unlink()
    cmd = [sys.executable, str(Path(__file__).resolve()), "run", "--state-dir", str(state), "--replicas",
           str(args.replicas), "--port", str(args.port), "--replica-port", str(args.replica_port), "--bind", args.bind]
    with (state / "serve.log").open("ab") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            print(f"the supervisor exited with {proc.returncode}; see {state / 'serve.log'}:", file=sys.stderr)
            print((state / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
            return 1
        current = read_state(state)
        if current and current.get("ready"):
            print(f"serving {current['url']} with {len(current['replicas'])} replicas behind HAProxy "
                  f"(state and logs: {state}); `make stop` ends it")
            return 0
        time.sleep(0.3)
    print(f"not ready after {args.timeout:.0f} s; see {state / 'serve.log'}. Stopping.", file=sys.stderr)
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)
    return 1


def cmd_stop(args) -> int:
    state = args.state_dir
    current = read_state(state)
    if not current:
        print("nothing to stop (no serve.json in the state directory)")
        return 0
    pid = current.get("pid")
    if is_supervisor(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and is_supervisor(pid):
            time.sleep(0.2)
        if is_supervisor(pid):
            print(f"the supervisor (pid {pid}) did not stop in 40 s", file=sys.stderr)
            return 1
        print(f"stopped {current['url']}")
        return 0
    # The supervisor is gone (killed with -9?): end what it recorded, if each pid is still that process.
    ended = []
    for child in [current.get("haproxy", {}), *current.get("replicas", [])]:
        cpid = child.get("pid")
        cmd = cmdline(cpid) if cpid else []
        ours = ("haproxy" in " ".join(cmd[:1]) and str(state / "haproxy.cfg") in cmd) or \
               (("launch" in cmd or "streamlit" in cmd) and str(child.get("port")) in cmd)
        if ours:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(cpid, signal.SIGTERM)
            ended.append(cpid)
    (state / "serve.json").unlink(missing_ok=True)
    print(f"the supervisor was gone; ended its leftover processes {ended or 'none'}")
    return 0


def cmd_status(args) -> int:
    current = read_state(args.state_dir)
    if not current or not is_supervisor(current.get("pid")):
        print("not serving")
        return 1
    print(f"{current['url']}  supervisor pid {current['pid']}  balancer "
          f"{'up' if healthy(current['url']) else 'DOWN'}")
    for r in current["replicas"]:
        up = healthy(f"http://127.0.0.1:{r['port']}")
        print(f"  {r['name']}  127.0.0.1:{r['port']}  pid {r['pid']}  restarts {r['restarts']}  "
              f"{'up' if up else 'DOWN'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "run", "stop", "status"])
    parser.add_argument("--state-dir", type=Path, default=None)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="the balancer's port (0: any free port)")
    parser.add_argument("--replica-port", type=int, default=0,
                        help="the first replica's port, the others follow (default 0: free loopback ports)")
    parser.add_argument("--bind", default="127.0.0.1",
                        help="the balancer's address (0.0.0.0 for a LAN; the replicas stay on loopback)")
    parser.add_argument("--timeout", type=float, default=120, help="start: seconds to wait until ready")
    args = parser.parse_args(argv)
    if args.command in ("start", "run"):
        os.umask(0o077)  # the state directory's files (logs, config, secret) are the owner's alone
    args.state_dir = (args.state_dir or default_state_dir()).resolve()
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    return {"start": cmd_start, "run": cmd_run, "stop": cmd_stop, "status": cmd_status}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
