"""The one text catalogue (calculators.content.texts): every file of content/i18n/, every key in Chinese
and English with the same placeholders, and every key the code asks for present. Each test lists
every broken or missing key at once, not the first."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml

from calculators import content

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "content" / "i18n"
LANGS = ("zh", "en")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_problems(key: str, entry: dict) -> list[str]:
    """Each language of an entry formats with the values either language names (a Plotly hover
    template, "%{…}", is used as is and never formatted)."""
    if "%{" in entry["zh"] + entry["en"]:
        return []
    names = _fields(entry["zh"]) | _fields(entry["en"])
    broken = []
    for lang in LANGS:
        try:
            entry[lang].format(**dict.fromkeys(names, "1"))
        except (KeyError, IndexError, ValueError) as e:
            broken.append(f"{key} ({lang}): does not format: {e!r}")
    return broken


def _leaves(node, path):
    """Every {zh, en} entry of a file as read here with yaml (not through the loader)."""
    if isinstance(node, dict) and any(lang in node for lang in LANGS):
        yield path, node
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _leaves(child, f"{path}.{key}")


def test_the_catalogue_holds_every_entry_of_every_file():
    """Read with plain yaml, each file's entries are in the catalogue under ``<stem>.<path>`` (``ui``
    for every ui*.yaml file), with the same texts."""
    files = sorted(I18N.glob("*.yaml"))
    assert {p.name for p in files} >= {"engine.yaml", "explain.yaml", "reports.yaml", "fields.yaml", "ui.yaml",
                                       "batch.yaml", "reform.yaml"}
    missing = []
    for path in files:
        ns = "ui" if path.name.startswith("ui") else path.stem
        for key, entry in _leaves(yaml.safe_load(path.read_text(encoding="utf-8")), ns):
            if content.texts().get(key) != entry:
                missing.append(f"{path.name}: {key}")
    assert missing == []
    assert content.text("engine.checks.credit_ok", "en") == "No false materials and no unrepaired negative credit record"
    assert content.text("reports.total", "zh") == "合计最高可达"
    assert content.text("ui.status.ineligible", "en") == "Not yet"


def test_every_entry_has_both_languages_and_formats_with_the_same_values():
    """Both languages present (text, or a list of lines), and each formats with the values either one
    asks for; an English text never asks for a value the Chinese one is not given."""
    broken = []
    for key, entry in sorted(content.texts().items()):
        missing = [lang for lang in LANGS if not entry.get(lang)]
        if missing:
            broken.append(f"{key}: no {'/'.join(missing)} text")
            continue
        if isinstance(entry["zh"], list) or isinstance(entry["en"], list):
            if not (isinstance(entry["zh"], list) and isinstance(entry["en"], list)
                    and all(isinstance(x, str) and x for x in entry["zh"] + entry["en"])):
                broken.append(f"{key}: a list in one language only, or an empty line")
            continue
        if not (isinstance(entry["zh"], str) and isinstance(entry["en"], str)):
            broken.append(f"{key}: not text")
            continue
        broken += format_problems(key, entry)
    assert broken == []


def test_keys_are_unique_across_files():
    seen: dict[str, str] = {}
    twice = []
    for file, flat in content.texts_per_file().items():
        for key in flat:
            if key in seen:
                twice.append(f"{key}: {seen[key]} and {file}")
            seen[key] = file
    assert twice == []


def test_a_missing_language_falls_back_to_chinese_and_a_missing_key_is_itself():
    assert content.text("reports.total", "fr") == "合计最高可达"
    assert content.text("reports.no_such_key", "en") == "reports.no_such_key"


# The literal keys the code asks for, by how it asks: (files, call pattern, prefix added, files skipped).
_KEY = r"""\(\s*f?["']([A-Za-z_0-9.]+)["']"""
_PAIR = r"""\(\s*["'](\w+)["'],\s*["'](\w+)["']"""
CALLERS = [
    (["calculators", "ui", "reports", "pages", "app.py", "batch"], re.compile(r"\bcontent\.text" + _KEY), "", ()),
    (["calculators/explain.py"], re.compile(r"\bsay" + _KEY), "explain.", ()),
    # reports' ``text`` is reports.common's; batch_book.py's own ``text`` is the batch's (group, code)
    (["reports"], re.compile(r"(?<![.\w])text" + _KEY), "reports.", ("batch_book.py",)),
    (["reports/batch_book.py"], re.compile(r"\b_rt" + _KEY), "reports.", ()),
    (["batch", "reports/batch_book.py"], re.compile(r"(?<![.\w])text" + _PAIR), "batch.", ()),
    (["calculators", "ui/share.py", "ui/tables.py"], re.compile(r"(?<![.\w])text" + _KEY), "", ()),
    (["calculators"], re.compile(r"\bmessage" + _PAIR), "engine.", ()),
    (["calculators"], re.compile(r"""\bctx\.msg\(\s*["'](\w+)["']"""), "engine.checks.", ()),
    (["calculators"], re.compile(r"""\bctx\.note\(\s*["'](\w+)["']"""), "engine.notes.", ()),
    (["calculators/reform.py"], re.compile(r"\b_m" + _KEY), "reform.messages.", ()),
    (["reports/reform_figures.py", "reports/brief.py"], re.compile(r"\bft" + _KEY), "reform.figures.", ()),
    (["reports/reform_tables.py", "reports/brief.py"], re.compile(r"\btt" + _KEY), "reform.tables.", ()),
    (["reports/brief.py"], re.compile(r"\bbt" + _KEY), "reform.brief.", ()),
]


def _files(places: list[str], skipped: tuple[str, ...]) -> list[Path]:
    out = []
    for place in places:
        path = ROOT / place
        out += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return [p for p in out if p.name not in skipped]


def test_every_key_the_code_asks_for_exists():
    """Literal keys only (an f-string's key up to its first brace is not checked); each missing key
    is listed with the file that asks for it."""
    missing, seen = [], 0
    for places, pattern, prefix, skipped in CALLERS:
        for path in _files(places, skipped):
            source = path.read_text(encoding="utf-8")
            for match in pattern.finditer(source):
                key = prefix + ".".join(g for g in match.groups() if g)
                if "{" in source[match.start():match.end() + 2] or key.endswith("."):
                    continue
                seen += 1
                if key not in content.texts():
                    missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []
    assert seen > 100  # the scan found the code's keys, not nothing
