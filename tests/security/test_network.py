"""The server makes no connection outside the machine: not at start, not while serving, not when a
foreign web page tries to open a session (Streamlit would then look up the machine's addresses).

Two independent records: a Python audit hook (every socket.connect / sendto / name lookup / urllib
request of the server process) and, where strace exists (installed by .ci/run), the kernel's view of
every connect()/sendto() of the process and its threads and children.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.server import REPO, StreamlitServer  # noqa: E402
from tests.security.netcheck import audit_violations, strace_violations  # noqa: E402

NETAUDIT = REPO / "tests" / "security" / "netaudit"
# A new peer needs connect(), or sendto()/sendmsg() with an address. The server's own replies go out on
# sockets it accepted: with uvloop (libuv) as write()/writev(), which cannot reach anyone new. So the
# accepts are traced too, to show strace saw the server's sockets at all (the test's own requests).
STRACE_CALLS = "trace=connect,sendto,sendmsg,accept,accept4"


def _strace() -> str:
    path = shutil.which("strace")
    if path:
        return path
    message = "strace is missing (apt-get install strace; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _ws_handshake(port: int, origin: str, *, run_script: bool = False) -> str:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    try:
        with connect(f"ws://127.0.0.1:{port}/_stcore/stream", origin=origin, subprotocols=["streamlit"],
                     open_timeout=10) as ws:
            if run_script:  # what the app's own page does next: run app.py once
                msg = BackMsg()
                msg.rerun_script.query_string = ""
                ws.send(msg.SerializeToString())
                while True:
                    fm = ForwardMsg()
                    fm.ParseFromString(ws.recv(timeout=60))
                    if fm.WhichOneof("type") == "script_finished" and \
                            fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        break
            return "accepted"
    except InvalidStatus as exc:
        return f"refused {exc.response.status_code}"


def _exercise(server: StreamlitServer) -> None:
    """What a user and a hostile page can make the server do without a browser."""
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/carriers", "/no-such-page"):
        try:
            with urllib.request.urlopen(server.url + path, timeout=10) as r:
                r.read()
        except OSError:
            pass
    # a same-origin session (what the app's own page does) runs the script once
    assert _ws_handshake(server.port, server.url, run_script=True) == "accepted"
    # a foreign page trying to reach the local app: refused, and no address lookup to decide it.
    # (Before the very first session has run app.py, Streamlit itself would still look the addresses
    # up for such a page: app.py is the earliest point the app's code runs.)
    for origin in ("http://evil.example", "https://203.0.113.7:8501", "null"):
        assert _ws_handshake(server.port, origin) == "refused 403"


@pytest.fixture
def audit_log():
    fd, path = tempfile.mkstemp(prefix="netaudit-", suffix=".jsonl")
    os.close(fd)
    yield Path(path)
    os.unlink(path)


def _env(log: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(NETAUDIT), "NETAUDIT_LOG": str(log)}


def test_recorder_sees_outside_connections(audit_log, tmp_path):
    """The recorder itself works: a deliberate lookup and connect to a TEST-NET address are caught."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import socket\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "s.connect(('192.0.2.1', 9))\n"
        "try:\n    socket.getaddrinfo('example.invalid', 80)\nexcept OSError:\n    pass\n",
        encoding="utf-8",
    )
    import subprocess

    subprocess.run([sys.executable, str(script)], env={**os.environ, **_env(audit_log)}, check=True, timeout=30)
    events = {(v["event"]) for v in audit_violations(audit_log)}
    assert events == {"socket.connect", "socket.getaddrinfo"}


def test_kernel_recorder_sees_outside_connections(tmp_path):
    """The strace check itself works: a UDP connect and a sendto to TEST-NET addresses are caught."""
    import subprocess

    script = tmp_path / "probe.py"
    script.write_text(
        "import socket\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "s.connect(('192.0.2.1', 9))\n"
        "s.sendto(b'x', ('192.0.2.2', 9))\n",
        encoding="utf-8",
    )
    out = tmp_path / "strace.out"
    subprocess.run([_strace(), "-f", "-qq", "-e", STRACE_CALLS, "-o", str(out),
                    sys.executable, str(script)], check=True, timeout=30)
    bad = strace_violations(out)
    assert len(bad) == 2 and "192.0.2.1" in bad[0] and "192.0.2.2" in bad[1]


def test_server_stays_on_the_machine_python_view(audit_log):
    with StreamlitServer(extra_env=_env(audit_log)) as server:
        _exercise(server)
    assert audit_violations(audit_log) == []


def test_server_stays_on_the_machine_kernel_view(audit_log, tmp_path):
    strace = _strace()
    out = tmp_path / "strace.out"
    prefix = [strace, "-f", "-qq", "-e", STRACE_CALLS, "-o", str(out)]
    with StreamlitServer(extra_env=_env(audit_log), prefix=prefix) as server:
        _exercise(server)
    lines = out.read_text(encoding="utf-8", errors="replace")
    assert "accept4(" in lines or "accept(" in lines, "strace saw no connection: the check would be empty"
    assert strace_violations(out) == []
    assert audit_violations(audit_log) == []


def test_server_log_carries_no_external_url(audit_log):
    """`streamlit run` printed one local URL and no 'External URL' (that would need a lookup)."""
    with StreamlitServer(extra_env=_env(audit_log)) as server:
        output = server.output()
    assert "External URL" not in output and "Network URL" not in output


def test_first_request_from_a_foreign_page_stays_on_the_machine(audit_log, tmp_path):
    """Issue 15: a foreign-origin websocket as the very first request after start (no page, no health
    check before it) is refused without any lookup: launch.py pins the addresses before the server
    accepts anything. Before, Streamlit looked up 8.8.8.8 and checkip.amazonaws.com here, because
    app.py (where the answer used to be set) had not run yet."""
    strace = _strace()
    out = tmp_path / "strace.out"
    prefix = [strace, "-f", "-qq", "-e", STRACE_CALLS, "-o", str(out)]
    server = StreamlitServer(extra_env=_env(audit_log), prefix=prefix)
    try:
        server.start(http_probe=False)
        assert _ws_handshake(server.port, "http://evil.example") == "refused 403"
        assert _ws_handshake(server.port, "https://203.0.113.7:8501") == "refused 403"
    finally:
        server.stop()
    lines = out.read_text(encoding="utf-8", errors="replace")
    assert "accept4(" in lines or "accept(" in lines, "strace saw no connection: the check would be empty"
    assert strace_violations(out) == []
    assert audit_violations(audit_log) == []


def test_launch_pins_streamlits_address_lookups():
    """launch.py's one use of Streamlit's private address cache: fails if Streamlit renames or
    bypasses it (then the first-request test above would also see the lookups)."""
    from streamlit import net_util
    from streamlit.web.server import server_util

    import launch

    assert hasattr(net_util, "_internal_ip") and hasattr(net_util, "_external_ip")
    launch.pin_server_addresses()
    assert net_util.get_internal_ip() == launch.LOOPBACK and net_util.get_external_ip() == launch.LOOPBACK
    assert server_util.is_url_from_allowed_origins("http://evil.example") is False
    assert server_util.is_url_from_allowed_origins("http://localhost:8501") is True
