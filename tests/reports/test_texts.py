"""Every text of the exports and the batch exists in Chinese and English."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def leaves(node, path=""):
    if isinstance(node, dict) and ("zh" in node or "en" in node):
        yield path, node
        return
    if isinstance(node, dict):
        for key, child in node.items():
            yield from leaves(child, f"{path}.{key}" if path else str(key))


@pytest.mark.parametrize("name", ["reports.yaml", "batch.yaml", "ui_batch.yaml"])
def test_every_text_has_both_languages(name):
    data = yaml.safe_load((ROOT / "content" / "i18n" / name).read_text(encoding="utf-8"))
    found = list(leaves({k: v for k, v in data.items() if k != "values"}))
    assert len(found) > 10
    for path, entry in found:
        assert set(entry) == {"zh", "en"}, path
        for lang in ("zh", "en"):
            value = entry[lang]
            assert value, (path, lang)
            assert isinstance(value, (str, list)), (path, lang)
            if isinstance(value, list):
                assert all(isinstance(v, str) and v for v in value), (path, lang)


def test_the_readme_lines_match_in_number():
    data = yaml.safe_load((ROOT / "content" / "i18n" / "batch.yaml").read_text(encoding="utf-8"))
    assert len(data["readme"]["zh"]) == len(data["readme"]["en"])
