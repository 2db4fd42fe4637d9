"""Read the two network records (Python audit hook, strace) and list anything that is not loopback/local."""

from __future__ import annotations

import ast
import ipaddress
import json
import re
from pathlib import Path

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "", "None"}


def _is_local_host(host: str) -> bool:
    host = host.strip("'\"[]")
    if host in LOCAL_NAMES:
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def audit_violations(log: Path) -> list[dict]:
    """Entries of the audit log (tests/security/netaudit) that reach beyond this machine."""
    bad = []
    for line in log.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        event = rec["event"]
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            try:
                address = ast.literal_eval(rec["address"])
            except (ValueError, SyntaxError):
                address = rec["address"]
            if isinstance(address, (str, bytes)):  # AF_UNIX path: local by definition
                continue
            if isinstance(address, tuple) and address and _is_local_host(str(address[0])):
                continue
            if address is None:  # sendto on an already connected socket
                continue
            bad.append(rec)
        elif event in ("socket.getaddrinfo", "http.client.connect"):
            if not _is_local_host(rec["host"]):
                bad.append(rec)
        elif event in ("socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"):
            if not any(_is_local_host(a) for a in re.findall(r"'([^']*)'", rec.get("args", ""))):
                bad.append(rec)
        elif event == "urllib.Request":
            host = re.sub(r"^\w+://", "", rec["url"]).split("/")[0].rsplit(":", 1)[0]
            if not _is_local_host(host):
                bad.append(rec)
    return bad


_INET = re.compile(r"sa_family=AF_INET6?,[^}]*?(?:inet_addr\(\"([^\"]+)\"\)|inet_pton\(AF_INET6, \"([^\"]+)\")")


def strace_violations(out: Path) -> list[str]:
    """connect()/sendto() lines of `strace -f` output whose IPv4/IPv6 peer is not loopback."""
    bad = []
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        if not re.search(r"\b(connect|sendto|sendmsg)\(", line):
            continue
        for m in _INET.finditer(line):
            host = m.group(1) or m.group(2)
            if not _is_local_host(host):
                bad.append(line.strip())
    return bad
