"""While people use the app in a browser, the server connects to nothing beyond this machine.

Runs after the other browser tests (file order), on the same server: its network record then covers
every flow above (examples, edits, language, share links, PDF downloads, hostile names) plus its own.
"""

import pytest
from browser_helpers import choose_example, fill, nav, open_app

from tests.security.netcheck import audit_violations

pytestmark = pytest.mark.browser


def test_no_connection_leaves_the_machine_while_browsing(page, app_server, netaudit_log):
    open_app(page, app_server.url)
    choose_example(page, "科技企业（第4、5条）")
    fill(page, "w:enterprise.name", "网络检查企业")
    for where in ("technology", "results", "policy", "overview"):
        nav(page, where)
    assert page.requests.foreign() == []
    assert netaudit_log.exists()
    assert audit_violations(netaudit_log) == []


def test_server_log_holds_no_enterprise_data(app_server):
    """The console log of the whole browser session names no enterprise (only errors would be logged)."""
    out = app_server.output()
    for name in ("网络检查企业", "甲用户企业", "乙用户企业", "语言切换测试企业", "春申短剧影业有限公司"):
        assert name not in out
