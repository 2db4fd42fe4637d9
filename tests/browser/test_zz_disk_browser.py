"""Nothing about an enterprise is written to disk: the server, watched by strace from start to stop,
opens no file for writing (nor creates, renames or deletes one) while a user loads an example, edits,
uploads a batch file above Starlette's 1 MB spooling threshold and a saved-inputs JSON, and downloads
the PDF report and the batch results workbook. Loopback sockets and pipes are not files; /dev/null and Python's own __pycache__ (compiled
code, written when a module changed since its last import) are allowed."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from browser_helpers import choose_example, fill, key_css, nav, no_traceback, settle, total

from tests.browser.server import REPO, StreamlitServer

pytestmark = pytest.mark.browser

WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TMPFILE|O_TRUNC|O_APPEND")
ALLOWED = ("/dev/null", "/dev/tty", "/dev/pts/", "/dev/urandom")


def _writes(lines: list[str]) -> list[str]:
    bad = []
    for line in lines:
        if "/__pycache__/" in line:  # Python caching compiled code of a module edited meanwhile: no data
            continue
        if re.search(r"\b(creat|rename|renameat2?|unlink|unlinkat|mkdir|mkdirat|link|symlink)\(", line):
            if "= -1" not in line:
                bad.append(line)
            continue
        if re.search(r"\bopen(at)?\(", line) and WRITE_FLAGS.search(line) and "= -1" not in line:
            path = re.search(r'"([^"]*)"', line)
            if path and path.group(1).startswith(ALLOWED):
                continue
            bad.append(line)
    return bad


def test_a_whole_session_writes_nothing_to_disk(chromium, tmp_path):
    # the chromium fixture fails (CI) or skips when Chromium is missing
    strace = shutil.which("strace")
    if not strace:
        import os

        msg = "strace is missing (apt-get install strace; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    out = tmp_path / "strace.out"
    calls = "trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,link,symlink"
    big_csv = ("企业名称,在闵行区注册或经营（是/否）\n" + "".join(f"磁盘检查企业{i:06d},是\n" for i in range(90000))).encode()
    assert len(big_csv) > 2 * 1024 * 1024
    saved = json.loads((REPO / "content" / "examples" / "park_operator.json").read_text(encoding="utf-8"))

    with StreamlitServer(prefix=[strace, "-f", "-qq", "-e", calls, "-o", str(out)]) as server:
        ctx = chromium.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            page.goto(server.url)
            settle(page)
            choose_example(page, "微短剧制作公司（第2、3条）")
            fill(page, "w:enterprise.name", "磁盘检查企业")
            nav(page, "results")
            with page.expect_download() as info:
                page.locator('[data-testid="stDownloadButton"]').filter(has_text="PDF").click()
            assert info.value.path()
            page.locator(key_css("upload_profile")).locator('input[type="file"]').set_input_files(
                [{"name": "saved.json", "mimeType": "application/json",
                  "buffer": json.dumps(saved, ensure_ascii=False).encode("utf-8")}])
            page.wait_for_function("() => document.body.innerText.includes('产业园')", timeout=60000)
            settle(page)
            assert total(page) != "—"
            nav(page, "batch")
            page.locator('[class*="st-key-batch_upload_"] input[type="file"]').set_input_files(
                [{"name": "企业.csv", "mimeType": "text/csv", "buffer": big_csv}])
            page.get_by_text("测算概况").wait_for(timeout=180000)
            settle(page, timeout=120)
            no_traceback(page)
            # the results workbook: written by compiled code (rustpy-xlsxwriter), which strace sees too
            with page.expect_download(timeout=120000) as info:
                page.locator('[data-testid="stDownloadButton"]').filter(has_text="下载测算结果").click()
            assert info.value.path()
        finally:
            ctx.close()
    lines = out.read_text(encoding="utf-8", errors="replace").splitlines()
    assert any("openat(" in line for line in lines), "strace recorded nothing: the check would be empty"
    bad = _writes(lines)
    assert bad == [], "\n".join(bad[:30])
