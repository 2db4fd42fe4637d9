"""Whatever is typed in the cells, the batch never crashes: each bad cell is a problem with its place."""

from __future__ import annotations

import datetime as dt

from batch_helpers import AS_OF, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import batch
from reports import batch_book

CELL = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["是", "否", "获得", "入围", "抖音、其他", "2026/2/30", "=1+1", "1,000.005", "NaN", "-0",
                     "91330100716105852F", "【示例】x", " ", "\t", "1e30"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)


def base_book() -> batch.RawBook:
    rows = batch_book.profile_rows(examples())
    book = batch.RawBook()
    for section in batch.SECTION_KEYS:
        header = [h for _f, _k, h in batch.columns(section)]
        book.sheets[section] = batch.RawSheet(batch.sheet_name(section), header,
                                              [(n, list(r)) for n, r in enumerate(rows[section], start=2)])
    return book


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_cells_give_problems_with_places_never_a_crash(data):
    book = base_book()
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        section = data.draw(st.sampled_from(batch.SECTION_KEYS))
        sheet = book.sheets[section]
        if not sheet.rows:
            continue
        _n, row = sheet.rows[data.draw(st.integers(min_value=0, max_value=len(sheet.rows) - 1))]
        row[data.draw(st.integers(min_value=0, max_value=len(row) - 1))] = data.draw(CELL)
    result = batch.run(book, "zh", as_of=AS_OF)
    assert len(result.entries) + result.invalid == result.enterprises_read
    for p in result.problems:
        assert p.sheet and p.message
        assert p.row is None or p.row >= 1
    batch_book.results_xlsx(result)  # and the results can always be written
