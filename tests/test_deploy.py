"""deploy/serve.py without browsers: the filled-in HAProxy config is valid and carries the app's limits,
the cookie secret is made once and kept owner-only, the state never goes inside the repository.
(The whole deployment is driven end to end in tests/browser/test_serve_browser.py.)"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("deploy_serve", REPO / "deploy" / "serve.py")
serve = importlib.util.module_from_spec(spec)
sys.modules["deploy_serve"] = serve  # its dataclasses look their module up there
spec.loader.exec_module(serve)


def _upload_limit_bytes() -> int:
    with (REPO / ".streamlit" / "config.toml").open("rb") as f:
        return int(tomllib.load(f)["server"]["maxUploadSize"]) * 1024 * 1024


def test_the_filled_config_is_valid_and_carries_the_limits(tmp_path):
    text = serve.haproxy_config(18080, [("r1", 18081), ("r2", 18082)])
    assert "@" not in re.sub(r"#.*", "", text)  # every placeholder filled
    assert "bind 127.0.0.1:18080" in text
    assert "server r1 127.0.0.1:18081 cookie r1" in text and "server r2 127.0.0.1:18082 cookie r2" in text
    assert f"gt {_upload_limit_bytes()} }}" in text
    log_format = re.search(r'^\s*log-format "(.*)"', text, re.M).group(1)
    assert "%HP" in log_format and not {"%r", "%HU", "%HQ", "%{+Q}r", "%CC", "%hr"} & set(log_format.split())
    assert "option httplog" not in re.sub(r"#.*", "", text)
    if shutil.which("haproxy") is None:
        if os.environ.get("CI"):
            pytest.fail("haproxy is missing: `make test` (as root) installs it", pytrace=False)
        pytest.skip("haproxy is missing")
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(text, encoding="utf-8")
    check = subprocess.run(["haproxy", "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_cookie_secret_is_made_once_and_owner_only(tmp_path):
    state = serve.owner_only_dir(tmp_path / "state")
    assert state.stat().st_mode & 0o777 == 0o700
    first = serve.cookie_secret(state)
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert (state / "cookie_secret").stat().st_mode & 0o777 == 0o600
    assert serve.cookie_secret(state) == first  # kept across starts
    os.chmod(state / "cookie_secret", 0o644)
    with pytest.raises(SystemExit, match="readable by others"):
        serve.cookie_secret(state)


def test_the_state_directory_is_never_inside_the_repository():
    inside = REPO / "deploy" / "state-test-never-created"
    try:
        with pytest.raises(SystemExit, match="inside the repository"):
            serve.owner_only_dir(inside)
    finally:
        shutil.rmtree(inside, ignore_errors=True)


def test_stop_with_nothing_running_is_harmless(tmp_path, capsys):
    assert serve.main(["stop", "--state-dir", str(tmp_path)]) == 0
    assert "nothing to stop" in capsys.readouterr().out
