"""Limits before work (calculators/limits.py): each limit of content/parameters/limits.yaml at its line and
just past it, and the one message a refusal gives, in Chinese and English.

The limits, read from the file by hand: a file at most 10,485,760 bytes, a JSON text at most 1,000,000
bytes, nesting at most 20 levels, a number at most 30 digits and within 10^-100 … 10^100 (magnitude,
``adjusted()`` from -100 to 99), at most 500 subjects a profile.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
from decimal import Decimal

import pytest

from calculators.limits import BadInput, int_limit, json_depth_ok, limit, load_json, read_bytes, refuse, subject_count
from tests.engine.test_validation import deadline


@pytest.fixture(autouse=True)
def _promptly():
    """Each test here takes well under a second: one that blocks (a FIFO opened without O_NONBLOCK waits
    for a writer forever) fails within 10 s, under mutmut's shortest wall timeout (15 s)."""
    with deadline(10):
        yield


def refused(call) -> str:
    with pytest.raises(BadInput) as caught:
        call()
    return str(caught.value)


def test_the_limits_are_the_files():
    assert limit("max_json_depth") == 20
    assert limit("earliest_date") == dt.date(1949, 10, 1)
    assert limit("latest_as_of") == dt.date(2099, 12, 31)
    assert [int_limit(n) for n in ("max_file_bytes", "max_json_bytes", "max_number_digits", "max_number_exponent",
                                   "max_subjects_per_profile")] == [10485760, 1000000, 30, 100, 500]


@pytest.mark.parametrize(("code", "lang", "values", "expected"), [
    ("file_too_large", "zh", {"limit": 10485760}, "文件过大：上限 10,485,760 字节"),
    ("file_too_large", "en", {"limit": 1000}, "The file is too large: the limit is 1,000 bytes"),
    ("json_depth", "zh", {"limit": 20}, "JSON 嵌套过深：最多 20 层"),
    ("not_regular", "en", {"path": "a,b/1000"},
     'Cannot read the file: "a,b/1000" is not a regular file (it is a pipe, device or folder)'),
    ("enterprises", "zh", {"count": 20001, "limit": 20000}, "企业过多（20,001 家）：一次批量测算最多 20,000 家"),
])
def test_a_refusal_states_its_limit_with_thousands_separators(code, lang, values, expected):
    error = refuse(code, lang, **values)
    assert isinstance(error, BadInput) and isinstance(error, ValueError)
    assert str(error) == expected


# ---- bytes ------------------------------------------------------------------------------------

def test_a_file_of_the_cap_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, cap=100) == b"x" * 100
    assert read_bytes(str(path), "en", cap=101) == b"x" * 100
    assert refused(lambda: read_bytes(path, "zh", cap=99)) == "文件过大：上限 99 字节"
    assert refused(lambda: read_bytes(path, "en", cap=99)) == "The file is too large: the limit is 99 bytes"


def test_the_default_cap_is_max_file_bytes(tmp_path):
    path = tmp_path / "big.bin"
    with open(path, "wb") as handle:
        handle.truncate(10485760)  # sparse: 10 MiB of zeros without writing them
    assert len(read_bytes(path)) == 10485760
    with open(path, "ab") as handle:
        handle.write(b"!")
    assert refused(lambda: read_bytes(path)) == "文件过大：上限 10,485,760 字节"


def test_a_file_whose_size_is_reported_as_0_is_still_read_only_to_its_cap():
    """procfs files are regular files of size 0 whatever they hold: the cap holds while reading."""
    assert os.stat("/proc/self/status").st_size == 0
    assert refused(lambda: read_bytes("/proc/self/status", "en", cap=10)) == (
        "The file is too large: the limit is 10 bytes")
    assert refused(lambda: read_bytes("/proc/self/status", "zh", cap=10)) == "文件过大：上限 10 字节"


def test_an_empty_file_is_read_as_nothing(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert read_bytes(path) == b""


def test_a_folder_and_a_fifo_are_refused_by_name(tmp_path):
    assert refused(lambda: read_bytes(tmp_path, "zh")) == f"无法读取文件：“{tmp_path}”不是普通文件（而是管道、设备或文件夹）"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert refused(lambda: read_bytes(fifo, "en")) == (
        f'Cannot read the file: "{fifo}" is not a regular file (it is a pipe, device or folder)')


class _Stdin:
    """Standard input that hands out its bytes in reads of at most ``most`` bytes (as a pipe does)."""

    def __init__(self, data: bytes, most: int | None = None):
        self.buffer = self
        self._data = io.BytesIO(data)
        self.most = most
        self.asked: list[int] = []

    def read(self, n: int) -> bytes:
        self.asked.append(n)
        return self._data.read(n if self.most is None else min(n, self.most))


def test_standard_input_is_read_to_the_cap_and_no_further(monkeypatch):
    stdin = _Stdin(b"y" * 3_000_000, most=700_000)  # a pipe giving 700 kB at a time
    monkeypatch.setattr("sys.stdin", stdin)
    assert read_bytes("-", cap=3_000_000) == b"y" * 3_000_000
    # never more than 1 MiB a read, nor more than one byte past the cap: 3 × 700,000 read, then
    # 3,000,001 - 2,100,000 = 900,001 asked, 2,800,000 read, 200,001 asked, 3,000,000 read, 1 asked (none left)
    assert stdin.asked == [1 << 20, 1 << 20, 1 << 20, 900_001, 200_001, 1]

    stdin = _Stdin(b"y" * 3_000_001)
    monkeypatch.setattr("sys.stdin", stdin)
    assert refused(lambda: read_bytes("-", "en", cap=3_000_000)) == "The file is too large: the limit is 3,000,000 bytes"
    assert stdin.asked == [1 << 20, 1 << 20, 3_000_001 - 2 * (1 << 20)]


def test_standard_input_of_exactly_the_cap(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b"z" * 10))
    assert read_bytes("-", cap=10) == b"z" * 10
    monkeypatch.setattr("sys.stdin", _Stdin(b"z" * 11, most=4))
    assert refused(lambda: read_bytes("-", cap=10)) == "文件过大：上限 10 字节"


# ---- JSON text --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "deepest"), [
    ("[]", 1),
    ("[[[]]]", 3),
    ("[][][]", 1),  # closing brackets count back down
    ("[[][[]]]", 3),  # one level back down per closing bracket
    ('{"a": [{"b": []}], "c": {}}', 4),
    ('["[[[[", "{{{{"]', 1),  # brackets inside strings do not count
    ('["a\\"[[[["]', 1),  # nor after an escaped quote inside a string
    ("", 0),
])
def test_nesting_is_counted_outside_strings(text, deepest):
    assert json_depth_ok(text, deepest)
    assert json_depth_ok(text, deepest + 1)
    if deepest:
        assert not json_depth_ok(text, deepest - 1)


def test_a_json_text_of_the_cap_is_read_and_one_byte_more_is_refused():
    text = '["' + "a" * 996 + '"]'
    assert len(text) == 1000
    assert load_json(text, max_bytes=1000) == ["a" * 996]
    assert refused(lambda: load_json(text, "en", max_bytes=999)) == "The file is too large: the limit is 999 bytes"
    big = '"' + "a" * 999_998 + '"'
    assert load_json(big) == "a" * 999_998
    assert refused(lambda: load_json(big + " ")) == "文件过大：上限 1,000,000 字节"


def test_bytes_are_utf8_with_or_without_a_byte_order_mark():
    assert load_json('{"名称": "甲"}'.encode()) == {"名称": "甲"}
    assert load_json(b"\xef\xbb\xbf" + '{"名称": "甲"}'.encode()) == {"名称": "甲"}
    assert refused(lambda: load_json('{"名称": "甲"}'.encode("gbk"))) == "无法读取文件：不是 UTF-8 编码的文本"
    assert refused(lambda: load_json(b"\xff", "en")) == "cannot read the file: it is not UTF-8 text"


def test_twenty_levels_are_read_and_twenty_one_refused():
    assert load_json("[" * 20 + "]" * 20) == eval("[" * 20 + "]" * 20)  # noqa: S307 - a literal list
    assert refused(lambda: load_json("[" * 21 + "]" * 21)) == "JSON 嵌套过深：最多 20 层"
    assert refused(lambda: load_json("[" * 21 + "]" * 21, "en")) == "The JSON is nested too deeply: at most 20 levels"


@pytest.mark.parametrize(("text", "value"), [
    ("9" * 30, int("9" * 30)),
    ("-" + "9" * 30, -int("9" * 30)),
    ("0." + "1" * 29, Decimal("0." + "1" * 29)),  # 30 digits with the leading 0
    ("1" * 15 + "." + "1" * 15, Decimal("1" * 15 + "." + "1" * 15)),
])
def test_a_number_of_30_digits_is_read_exactly(text, value):
    parsed = load_json(f'{{"n": {text}}}')["n"]
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("text", ["9" * 31, "0." + "1" * 30, "1" * 16 + "." + "1" * 15, "1" * 31 + "e2"])
def test_a_number_of_31_digits_is_refused(text):
    assert refused(lambda: load_json(f"[{text}]")) == "数字过长：每个数字最多 30 位"
    assert refused(lambda: load_json(f"[{text}]", "en")) == "A number is too long: at most 30 digits"


@pytest.mark.parametrize(("text", "value"), [
    ("1e99", Decimal("1e99")),
    ("9.9e99", Decimal("9.9e99")),
    ("1e-100", Decimal("1e-100")),
    ("-1e-100", Decimal("-1e-100")),
    ("0e999", Decimal("0e999")),  # zero, however written, has no size
    ("0.1", Decimal("0.1")),  # exact: not the binary float 0.1000000000000000055…
])
def test_numbers_within_ten_to_the_minus_100_and_100_are_exact_decimals(text, value):
    parsed = load_json(f"[{text}]")[0]
    assert isinstance(parsed, Decimal) and parsed == value


@pytest.mark.parametrize("text", ["1e100", "1.0e100", "-1e100", "1e-101", "9e-101"])
def test_numbers_beyond_are_refused(text):
    assert refused(lambda: load_json(f"[{text}]")) == "数字的数量级过大或过小：须在 10 的 -100 次方与 10 的 100 次方之间"
    assert refused(lambda: load_json(f"[{text}]", "en")) == (
        "A number is too large or too small: it must lie between 10^-100 and 10^100")


def test_nan_and_infinity_pass_through_as_floats_for_validation_to_name():
    values = load_json("[NaN, Infinity, -Infinity]")
    assert math.isnan(values[0]) and values[1:] == [math.inf, -math.inf]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("{not json", "zh", "文件不是有效的 JSON：第 1 行第 2 列附近格式有误"),
    ('{\n  "a": 1,\n  x', "en", "the file is not valid JSON: the format breaks near line 3, column 3"),
    ("", "zh", "文件不是有效的 JSON：第 1 行第 1 列附近格式有误"),
])
def test_broken_json_names_its_line_and_column(text, lang, expected):
    assert refused(lambda: load_json(text, lang)) == expected


@pytest.mark.parametrize(("data", "count"), [
    ({"projects": [{}] * 3, "tech_platforms": [{}] * 2, "transformation_projects": [{}], "venues": [{}] * 4}, 10),
    ({"projects": [{}], "venues": "x", "carrier": [{}] * 5, "rnd": [{}]}, 1),  # only the four lists count
    ({}, 0),
    ([{"projects": [{}]}], 0),  # not a profile
])
def test_subjects_are_counted_in_the_four_lists(data, count):
    assert subject_count(data) == count
