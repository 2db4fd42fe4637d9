"""Every interface string exists in both languages, once, with the same placeholders; every key the
frame's code asks for exists."""

import re
import string
from pathlib import Path

from tests.test_text_catalogue import format_problems
from ui.i18n import LANGS, load_strings_per_file, strings

ROOT = Path(__file__).resolve().parents[2]
FRAME_CODE = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")),
              *(ROOT / "pages" / f"{p}.py" for p in ("overview", "carriers", "results", "policy"))]
KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z_0-9.]+)["']""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_and_formats_with_the_same_values():
    """Both languages exist and take the same keyword values (a language may leave one out, e.g. the
    yuan figure beside 万元 in English, but never asks for one the other does not get). Every broken
    key is listed at once."""
    broken = []
    for key, entry in sorted(strings().items()):
        missing = [lang for lang in LANGS if not (isinstance(entry.get(lang), str) and entry[lang].strip())]
        if missing:
            broken.append(f"{key}: no {'/'.join(missing)} text")
            continue
        if "%{" in entry["zh"] + entry["en"]:  # a Plotly hover template, used as is (never formatted)
            continue
        broken += format_problems(key, entry)
        dropped = _fields(entry["zh"]) & {"wan", "yuan", "n", "item", "article", "days"} - _fields(entry["en"]) - {"yuan"}
        if dropped:
            broken.append(f"{key}: the English text drops {sorted(dropped)}, which the Chinese one shows")
    assert broken == []
    assert len(strings()) > 300  # the whole interface was read, not an empty file


def test_keys_are_unique_across_files():
    seen: dict[str, str] = {}
    for file, flat in load_strings_per_file().items():
        for key in flat:
            assert key not in seen, f"{key} is in both {seen.get(key)} and {file}"
            seen[key] = file


def test_every_key_the_frame_uses_exists():
    missing = []
    for path in FRAME_CODE:
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            if key not in strings():
                missing.append(f"{path.name}: {key}")
    assert not missing, missing


def test_dynamic_keys_exist():
    """Keys built at run time: statuses, readings, the what-if axis of each rate item."""
    for status in ("eligible", "ineligible", "review", "superseded", "not_entered"):
        assert f"status.{status}" in strings()
    for reading in ("default", "strict"):
        assert f"sidebar.reading_{reading}" in strings()
        assert f"sidebar.reading_{reading}_explain" in strings()
    for item in ("1", "4.1", "4.2", "5", "6"):
        assert f"chart.base_axis.{item}" in strings()
    for stage in ("uncapped", "ceiling", "counted"):
        assert f"results.stage.{stage}" in strings()
