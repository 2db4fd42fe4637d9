"""创新场景 (第6条): one row per venue; each venue's item 6 with status, ceiling, what-if and the yearly cap."""

from ui import tables
from ui.table_page import table_page

table_page("venues", ("6",), tables.VENUES)
