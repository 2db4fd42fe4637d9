"""The content keeps the code honest: every number cited to its sentence, every item and message in
both languages, and no policy number or streamlit import inside the engine."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import yaml

from calculators import models
from calculators.stacking import ITEM_ORDER

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CALCULATORS = ROOT / "calculators"
# Parameters that are the rule book's or plain sense's limits on input, not sentences of the policy.
NOT_POLICY_ARTICLES = ("输入校验", "RULES.md")


def squash(text: str) -> str:
    """Drop every kind of whitespace, so a quote matches across line breaks and spaced digits."""
    return re.sub(r"\s+", "", text)


def load(relative: str):
    return yaml.safe_load((CONTENT / relative).read_text(encoding="utf-8"))


POLICY_TEXT = squash((CONTENT / "policy" / "full_text.txt").read_text(encoding="utf-8"))
PARAMETER_FILES = sorted((CONTENT / "parameters").glob("*.yaml"))
PARAMETERS = [
    (path.stem, name, spec)
    for path in PARAMETER_FILES
    for name, spec in yaml.safe_load(path.read_text(encoding="utf-8")).items()
]


def quoted(quote: str) -> bool:
    """Whether ``quote`` occurs in the policy text, whitespace aside; an ellipsis (…… or …) may
    stand for elided words, so the pieces around it must occur in that order."""
    position = 0
    for piece in re.split(r"…+", squash(quote)):
        if not piece:
            continue
        found = POLICY_TEXT.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def test_an_elided_quote_must_keep_its_order():
    assert quoted("对开放运营满1年……按项目总投资20%以内给予一次性扶持")
    assert not quoted("按项目总投资20%以内给予一次性扶持……对开放运营满1年")
    assert not quoted("最高不超过 500 万元")


def is_policy(spec: dict) -> bool:
    return not str(spec["article"]).startswith(NOT_POLICY_ARTICLES)


# ---- parameters ------------------------------------------------------------------------------


def test_there_are_parameters_for_every_article():
    stems = {p.stem for p in PARAMETER_FILES}
    assert {"general", "article1_carrier", "article2_projects", "article3_works", "article4_platforms",
            "article5_rnd", "article6_venues"} <= stems


def test_every_parameter_carries_its_citation_and_dated_values():
    """Every parameter of every file; the faults of all of them listed at once."""
    faults = []
    for stem, name, spec in PARAMETERS:
        for key in ("description", "unit", "article", "reference"):
            if not (isinstance(spec.get(key), str) and spec[key].strip()):
                faults.append(f"{stem}.{name}: no {key}")
        values = spec.get("values")
        if not (isinstance(values, dict) and values):
            faults.append(f"{stem}.{name}: no values")
            continue
        for since, value in values.items():
            since = since if isinstance(since, dt.date) else dt.date.fromisoformat(str(since))
            if since < dt.date(2026, 3, 14):
                faults.append(f"{stem}.{name}: a value dated before the policy took effect")
            if value is None or value == "":
                faults.append(f"{stem}.{name}: empty value")
    assert faults == []
    assert len(PARAMETERS) >= 40


def test_every_policy_parameter_quotes_a_sentence_of_the_policy():
    unquoted = [f"{stem}.{name}" for stem, name, spec in PARAMETERS if is_policy(spec) and not quoted(spec["reference"])]
    assert unquoted == []


def _spelled(value, unit: str) -> list[str]:
    """The ways the policy writes ``value`` of ``unit`` (whitespace removed)."""
    d = Decimal(str(value))
    if unit == "ratio":
        return [f"{(d * 100).normalize():f}%"]
    if unit == "元":
        return [f"{(d / 10000).normalize():f}万元", f"{d.normalize():f}元"]
    return [f"{d.normalize():f}{unit}", f"{d.normalize():f}"]


NUMERIC_POLICY = [
    (stem, name, spec) for stem, name, spec in PARAMETERS if is_policy(spec) and spec["unit"] not in ("text", "date", "list")
]


def test_every_policy_number_is_written_in_its_own_reference():
    """The value is the number the quoted sentence gives (300 万元 → 3000000, 30% → 0.30)."""
    wrong = [
        (stem, name, value)
        for stem, name, spec in NUMERIC_POLICY
        for value in spec["values"].values()
        if not any(s in squash(spec["reference"]) for s in _spelled(value, spec["unit"]))
    ]
    assert wrong == []
    assert len(NUMERIC_POLICY) >= 25


def test_the_policy_dates_are_the_ones_in_the_text():
    general = load("parameters/general.yaml")
    for name in ("effective_from", "effective_until"):
        for value in general[name]["values"].values():
            d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            assert f"{d.year}年{d.month}月{d.day}日" in squash(general[name]["reference"])
    assert squash("本措施自 2026 年 3 月 14 日起施行，有效期至 2028 年 3 月 13 日") in POLICY_TEXT


def test_the_platform_list_is_the_texts():
    platforms = load("parameters/article2_projects.yaml")["major_platforms"]["values"]
    for listed in platforms.values():
        assert set(listed) == {"tencent", "youku", "iqiyi", "mgtv", "hongguo", "douyin"}
        for entry in listed.values():
            assert entry["zh"] and entry["en"]
    for short in ("腾讯", "优酷", "爱奇艺", "芒果TV", "红果", "抖音"):
        assert short in POLICY_TEXT


# ---- items and articles ----------------------------------------------------------------------


def test_every_item_of_the_engine_has_its_entry_and_clause():
    items = {str(k): v for k, v in load("policy/items.yaml").items()}
    assert set(items) == set(ITEM_ORDER)
    for item_id in ITEM_ORDER:
        entry = items[item_id]
        assert entry["name"]["zh"] and entry["name"]["en"], item_id
        assert entry["clause"].strip(), item_id
        assert quoted(entry["clause"]), f"item {item_id}: clause not in the policy text"
        assert entry["materials"]["zh"] and entry["materials"]["en"], item_id
        assert str(entry["article"]) == item_id.split(".")[0]


def test_every_article_text_is_the_policys():
    articles = load("policy/articles.yaml")
    numbers = []
    for section in articles["sections"]:
        assert squash(section["heading"]) in POLICY_TEXT
        for article in section["articles"]:
            numbers.append(article["number"])
            assert squash(article["text"]) in POLICY_TEXT, f"article {article['number']}"
    assert set(range(1, 9)) <= set(numbers)


# ---- the engine's code -----------------------------------------------------------------------


def _python_files() -> list[Path]:
    """The engine and the batch intake (batch/, which reads cells into the engine's values)."""
    return sorted(CALCULATORS.rglob("*.py")) + sorted((CALCULATORS.parent / "batch").rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _policy_numbers() -> set[Decimal]:
    """Every number the policy itself sets (content/parameters minus the input limits), but 0 and 1."""
    numbers: set[Decimal] = set()
    for _, _, spec in PARAMETERS:
        if not is_policy(spec):
            continue
        for value in spec["values"].values():
            if isinstance(value, bool):
                continue
            if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"[\d.]+", value)):
                numbers.add(Decimal(str(value)))
            elif isinstance(value, dt.date):
                numbers.add(Decimal(value.year))
    return {n for n in numbers if n not in (0, 1)}


def _decisions(tree: ast.AST):
    """Yield (constant, line) where a number decides something: compared, multiplied or divided,
    passed to min/max/Decimal, or bound to a module-level name (a constant in disguise)."""

    def numbers_in(node, small_too: bool = False):
        # A one-digit whole number (the policy's 4 reports, 1 year) is a threshold only where it is
        # compared; elsewhere (chunk sizes, slices, multipliers) it is too common to mean anything.
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) \
                and not isinstance(node.value, bool):
            if small_too or not (isinstance(node.value, int) and abs(node.value) < 10):
                yield node
        elif isinstance(node, ast.UnaryOp):
            yield from numbers_in(node.operand, small_too)

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                yield from numbers_in(operand, small_too=True)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)):
            yield from numbers_in(node.left)
            yield from numbers_in(node.right)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("min", "max", "Decimal", "int", "float"):
            for arg in node.args:
                yield from numbers_in(arg)
    for node in getattr(tree, "body", []):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            yield from numbers_in(node.value)


# Where a number equals a policy number by coincidence and means something else: the reason.
ALLOWED_LITERALS = {
    ("money.py", Decimal(10000)): "10,000 yuan = 1 万元, the unit the app writes amounts in",
}
ALLOWED_FILES = {
    "demo.py": "generates made-up demo profiles: its numbers are sampling ranges and odds, not rules",
}
# A policy amount or threshold spelled out in a string the engine writes (it belongs in content/).
SPELLED_OUT = re.compile(r"\d[\d,.]*\s*(?:万元|%|家|平方米|分钟|人次|次)")


def test_no_policy_number_is_written_into_the_engine():
    numbers = _policy_numbers()
    assert {Decimal("0.30"), Decimal(3000000), Decimal(8000), Decimal(4), Decimal(50)} <= numbers
    found = []
    for path in _python_files():
        if path.name in ALLOWED_FILES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in _decisions(tree):
            text = str(node.value)
            if isinstance(node.value, str) and not re.fullmatch(r"-?\d+(?:\.\d+)?", text):
                continue
            value = Decimal(text)
            if value in numbers and (path.name, value) not in ALLOWED_LITERALS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if SPELLED_OUT.search(node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "policy numbers written into the code:\n" + "\n".join(found)


def test_the_number_scan_catches_a_hard_coded_threshold():
    """The scan above would see the usual ways a threshold gets hard-coded."""
    numbers = _policy_numbers()
    for code in ("ok = v.positive_media_reports >= 4", "ceiling = base * Decimal('0.30')",
                 "ceiling = min(x, 3000000)", "CAP = 3_000_000", "passed = area > 8000"):
        hits = [n for n in _decisions(ast.parse(code)) if Decimal(str(n.value)) in numbers]
        assert hits, code
    assert SPELLED_OUT.search("最高不超过 300 万元")


def test_the_engine_never_imports_streamlit():
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not [n for n in names if n.split(".")[0] == "streamlit"], path.name
    code = ("import sys, calculators, calculators.cli, calculators.explain, calculators.engine; "
            "sys.exit('streamlit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# ---- messages and labels in both languages ---------------------------------------------------


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_engine_message_has_chinese_and_english():
    messages = load("i18n/engine.yaml")
    missing = []
    for group, entries in messages.items():
        for code, entry in entries.items():
            for lang in ("zh", "en"):
                if not (isinstance(entry, dict) and isinstance(entry.get(lang), str) and entry[lang].strip()):
                    missing.append(f"{group}.{code}.{lang}")
    assert not missing, missing


def test_english_messages_use_only_values_the_chinese_ones_are_given():
    messages = load("i18n/engine.yaml")
    for group, entries in messages.items():
        for code, entry in entries.items():
            extra = _placeholders(entry["en"]) - _placeholders(entry["zh"])
            assert not extra, f"{group}.{code}: {extra}"


def test_every_profile_field_has_a_label_in_both_languages():
    labels = load("i18n/fields.yaml")
    for section in models.Profile.model_fields:
        if section in ("as_of", "interpretation"):
            assert {"zh", "en"} <= set(labels["fields"][section])
        else:
            assert {"zh", "en"} <= set(labels["sections"][section]), section
    for model in (models.Enterprise, models.Carrier, models.Project, models.TechPlatform,
                  models.TransformationProject, models.Rnd, models.Venue, models.Talent, models.Training):
        for field in model.model_fields:
            if field == "credit_code":
                continue
            entry = labels["fields"].get(field)
            assert entry and entry["zh"] and entry["en"], f"{model.__name__}.{field}"


def test_each_items_materials_are_the_same_documents_in_both_languages():
    # an English document with a comma in an unquoted YAML list ("Proof of broadcast (listing
    # screenshots, platform agreement)") became two checklist lines, "… (listing screenshots" and
    # "platform agreement)": 2.3 listed four documents in English against three in Chinese, 5 likewise
    items = {str(k): v for k, v in load("policy/items.yaml").items()}
    assert len(items["2.3"]["materials"]["en"]) == 3 and len(items["5"]["materials"]["en"]) == 3
    assert items["2.3"]["materials"]["en"][0] == "Proof of broadcast (listing screenshots, platform agreement)"
    assert items["5"]["materials"]["en"][2] == "Patents, software copyrights or similar outputs"
    for item_id, entry in items.items():
        zh, en = entry["materials"]["zh"], entry["materials"]["en"]
        assert len(zh) == len(en), item_id
        for doc in en:
            assert doc.count("(") == doc.count(")"), (item_id, doc)
