"""The hardened Streamlit configuration: every option is one Streamlit 1.67 knows, set to the safe value."""

import tomllib
from pathlib import Path

import pytest
from streamlit import config as st_config

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"

EXPECTED = {
    ("client", "showErrorDetails"): "none",
    ("client", "toolbarMode"): "minimal",
    ("client", "showErrorLinks"): False,
    ("runner", "magicEnabled"): False,
    ("runner", "postScriptGC"): False,
    ("server", "headless"): True,
    ("server", "fileWatcherType"): "none",
    ("server", "runOnSave"): False,
    ("server", "enableXsrfProtection"): True,
    ("server", "enableCORS"): True,
    ("server", "maxUploadSize"): 10,
    # on for the interface font only (static/ holds it and its licence): see test_static_serves_only_the_font
    ("server", "enableStaticServing"): True,
    ("server", "enableAgentApi"): False,
    ("browser", "gatherUsageStats"): False,
    ("browser", "serverAddress"): "localhost",
}


@pytest.fixture(scope="module")
def toml():
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("section", "option"), sorted(EXPECTED))
def test_option_is_hardened(toml, section, option):
    assert toml[section][option] == EXPECTED[(section, option)]


def test_every_option_is_known_to_streamlit(toml):
    known = st_config._config_options_template
    unknown = [f"{s}.{o}" for s, opts in toml.items() if s != "theme" for o in opts if f"{s}.{o}" not in known]
    assert unknown == []


def test_streamlit_reads_the_file_as_written(toml, monkeypatch):
    """Parse the file with Streamlit's own loader: values arrive with the right types."""
    monkeypatch.chdir(CONFIG.parents[1])
    st_config.get_config_options(force_reparse=True)
    try:
        for (section, option), value in EXPECTED.items():
            assert st_config.get_option(f"{section}.{option}") == value, f"{section}.{option}"
        assert st_config.is_manually_set("browser.serverAddress")
        # headless with a manually set serverAddress: `streamlit run` prints one URL, looks nothing up
        assert st_config.get_option("server.headless") is True
    finally:
        st_config.get_config_options(force_reparse=True)


def test_upload_limit_fits_the_batch_page(toml):
    """Large enough for a batch spreadsheet of several thousand rows, small enough to bound memory."""
    assert 1 <= toml["server"]["maxUploadSize"] <= 20
    assert toml["server"]["maxMessageSize"] <= 200


def test_no_remote_font_or_theme(toml):
    """A [theme] (frame's section) must not pull fonts or themes from the internet."""
    theme = toml.get("theme", {})
    text = repr(theme)
    assert "http://" not in text and "https://" not in text
    for face in theme.get("fontFaces", []):
        assert not face.get("url", "").startswith(("http:", "https:", "//"))


STATIC = CONFIG.parents[1] / "static"


def test_static_serves_only_the_font():
    """Static serving publishes everything under static/: only the interface font and its OFL notice."""
    files = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    assert files == ["fonts/NotoSansSC-UI.woff", "fonts/OFL.txt"]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (STATIC / "fonts" / "OFL.txt").read_text(encoding="utf-8")


def test_theme_font_is_the_served_subset(toml):
    """The theme's font is the face served from static/, and the charts name the same family first."""
    from ui import theme as ui_theme

    faces = toml["theme"]["fontFaces"]
    assert [(f["family"], f["url"]) for f in faces] == [("Noto Sans SC UI", "app/static/fonts/NotoSansSC-UI.woff")]
    assert toml["theme"]["font"].split(",")[0].strip() == "Noto Sans SC UI"
    assert ui_theme.FONT_FAMILY.startswith('"Noto Sans SC UI"')
    assert (STATIC / "fonts" / "NotoSansSC-UI.woff").stat().st_size < 1_000_000  # loaded by every browser


def test_served_font_covers_every_interface_string():
    """Every character of the interface, chart and policy strings has a glyph in the served font."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(STATIC / "fonts" / "NotoSansSC-UI.woff")).getBestCmap()
    source = TTFont(str(CONFIG.parents[1] / "content" / "fonts" / "NotoSansSC-Report.ttf")).getBestCmap()
    content = CONFIG.parents[1] / "content"
    text = "".join(p.read_text(encoding="utf-8") for p in content.rglob("*") if p.suffix in (".yaml", ".txt", ".json"))
    missing = sorted({c for c in text if c.isprintable() and not c.isspace() and ord(c) not in cmap})
    assert missing == ["✓", "✗"]  # batch.yaml's accepted spellings of yes/no, read, never shown
    assert all(ord(c) not in source for c in missing)  # Noto Sans SC has no glyph for them either
    assert all(ord(c) in cmap for c in "闵行微短剧政策测算器最高可达万元申城寻味记")
