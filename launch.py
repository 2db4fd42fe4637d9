"""Start the app: ``python -m launch [streamlit run options]`` (``make run``, the test server; from another
folder: ``python /path/to/launch.py [script.py] [options]``).

Streamlit decides whether a web page from another origin may open a session by comparing its host
with this machine's addresses, which it looks up the first time it needs them: a UDP connect to
8.8.8.8 and an HTTP request to checkip.amazonaws.com. No configuration option turns that off
(``browser.serverAddress`` is only compared, before the lookups; ``server.enableCORS = false`` would
accept every origin). So the addresses are answered with loopback here, before the server accepts
anything: the foreign page is still refused (403), and nothing leaves the machine, not even for the
very first request. This is the one place that sets Streamlit's private address cache;
tests/security/test_network.py fails if Streamlit changes under it.
"""

from __future__ import annotations

import sys
from pathlib import Path

LOOPBACK = "127.0.0.1"
APP = str(Path(__file__).resolve().parent / "app.py")


def pin_server_addresses() -> None:
    """Answer Streamlit's internal and external address lookups with loopback (idempotent)."""
    from streamlit import net_util

    net_util._internal_ip = net_util._internal_ip or LOOPBACK
    net_util._external_ip = net_util._external_ip or LOOPBACK


def main(argv: list[str] | None = None) -> None:
    """``streamlit run app.py`` with ``argv`` as its options, the addresses pinned first.

    A first argument ending in ``.py`` is the script to run instead (the benchmarks' bare apps).
    """
    from streamlit.web import cli

    args = sys.argv[1:] if argv is None else argv
    script, options = (args[0], args[1:]) if args and args[0].endswith(".py") else (APP, args)
    pin_server_addresses()
    from workarounds import navigation_only

    navigation_only()  # a first request straight to a page URL runs app.py's frame (workarounds.py, 1.)
    sys.argv = ["streamlit", "run", script, *options]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
