"""Test-only: record every network call the Python process makes (PEP 578 audit hooks).

Put this directory first on PYTHONPATH and set NETAUDIT_LOG to a file; each socket.connect,
socket.sendto, name lookup and urllib request is appended to it as one JSON line. The tests then
assert that nothing but loopback and local (AF_UNIX) sockets was ever touched.
"""

import json
import os
import sys
import threading

_LOG = os.environ.get("NETAUDIT_LOG")
_EVENTS = {
    "socket.connect",
    "socket.sendto",
    "socket.sendmsg",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
    "urllib.Request",
    "http.client.connect",
    "subprocess.Popen",
}


def _describe(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        sock, address = args[0], args[-1]
        family = getattr(sock, "family", None)
        return {"family": int(family) if family is not None else None, "address": repr(address)}
    if event == "socket.getaddrinfo":
        return {"host": repr(args[0]), "port": repr(args[1])}
    if event == "http.client.connect":
        return {"host": repr(args[1]), "port": repr(args[2])}
    if event == "urllib.Request":
        return {"url": str(args[0])}
    if event == "subprocess.Popen":
        return {"executable": repr(args[0]), "args": repr(args[1])[:300]}
    return {"args": repr(args)[:300]}


if _LOG:
    _lock = threading.Lock()
    _fh = open(_LOG, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the process

    def _hook(event, args):
        if event not in _EVENTS:
            return
        try:
            record = {"pid": os.getpid(), "event": event, **_describe(event, args)}
            with _lock:
                _fh.write(json.dumps(record) + "\n")
        except Exception:  # never let the recorder break the program it watches
            pass

    sys.addaudithook(_hook)
