"""Batch intake: many enterprises from one workbook (or one CSV per section), through the same engine.

The steps, each its own module:

- ``schema``: the template's sheets and columns (RULES.md §5), :class:`BatchProblem`;
- ``read``: uploaded files into raw sheets, within the limits (``xlsx_guard`` checks a workbook first);
- ``convert``: cells into profile values;
- ``assemble``: rows into one profile dict per enterprise, remembering each part's row;
- ``run``: validation and assessment by the engine (``pool``: over several processes on the command
  line), problems placed back on their cells;
- ``entries``: an assessment kept as plain values, and the batch's result;
- ``whatif``: a portfolio compared today and under a reform (calculators/reform.py);
- ``demo``: a synthetic (fictitious) portfolio; ``cli``: ``python -m batch``.

The workbooks written from a batch (results, filled templates, the blank template, comparisons) are
reports: reports/batch_book.py and reports/reform_tables.py. calculators/ never imports this package.
openpyxl and pandas are imported inside the functions that need them, so ``import batch`` stays light.
"""

from .assemble import Candidate, assemble, place_problem
from .convert import convert
from .entries import BatchResult, Entry, Gap, ItemRow, entry_of
from .read import RawBook, RawSheet, decode_text, read_csvs, read_files, read_paths, read_xlsx
from .run import check_many, collect, items_of, run
from .schema import (
    EXAMPLE_CREDIT_CODE,
    KEY_CODE,
    KEY_NAME,
    LEGACY_COLUMNS,
    SECTION_KEYS,
    SECTIONS,
    BatchProblem,
    columns,
    section_of_sheet,
    sheet_name,
    texts,
)

__all__ = [
    "EXAMPLE_CREDIT_CODE", "KEY_CODE", "KEY_NAME", "LEGACY_COLUMNS", "SECTIONS", "SECTION_KEYS", "BatchProblem",
    "BatchResult", "Candidate", "Entry", "Gap", "ItemRow", "RawBook", "RawSheet", "assemble", "check_many",
    "collect", "columns", "convert", "decode_text", "entry_of", "items_of", "place_problem", "read_csvs",
    "read_files", "read_paths", "read_xlsx", "run", "section_of_sheet", "sheet_name", "texts",
]
