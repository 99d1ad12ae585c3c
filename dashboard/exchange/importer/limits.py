"""The limits of the importer's reader, and the refusal when a file passes one.

Limits. A file is refused with a problem that names the limit as soon as it passes one: its size
before a byte of it is parsed, its rows and columns while it is read, never after. A file is read
as a stream of rows, of which only the cells under known columns are kept, so nothing much bigger
than the limits is ever built in memory: importing any file up to them keeps the whole process,
database work included, under 512 MB (`tests/data_io/test_import_limits.py` measures it). A real
network's files stay far below them: a member list has a few thousand rows, a year of attendance
of the whole network about 100 000 (some 4 MB as CSV), and no table has more than ten columns.

- `MAX_FILE_BYTES` (20 MB): checked first (`read_paths`: before the file is read from disk). The
  load (staging, comparing and writing the rows in DuckDB) costs some six times the text it
  writes, which is what keeps this limit well below the 50 MB the app accepts as an upload.
- `MAX_ROWS` (200 000): rows under the header, blank ones included; reading stops at the first row
  past it.
- `MAX_COLUMNS` (200): a row with a value further right than column 200 (GR) is refused. Empty
  cells at the end of a row are dropped, so a sheet formatted far to the right reads like any other.
- `MAX_TEXT_BYTES` (20 MB): the text kept from a file's cells, counted as UTF-8 as DuckDB stores
  it. Only a packed XLSX file, or a Windows-1252 CSV full of «€» or «–» (one byte in the file,
  three in UTF-8), can come near it.
- CSV: read line by line from the bytes (never decoded as a whole); a line may hold
  `MAX_LINE_CHARS` (1 000 000) characters, a cell csv's 131 072.
- XLSX: the sheet is read as a stream of XML events, without building a tree (openpyxl's reader
  keeps every element it does not clear, so a crafted workbook of a few kilobytes could fill the
  memory): a sheet whose used range (its `<dimension>`) is wider than `MAX_COLUMNS` or taller than
  `MAX_ROWS` (+ `HEADER_SEARCH_ROWS` for title lines above the header) is refused before a row is
  read, and the limits also hold while reading, in case the dimension is missing or wrong. So do
  `MAX_SHEET_CELLS` (5 000 000 cells, empty ones included), `MAX_CELL_CHARS` (100 000 characters
  in a cell) and `MAX_SHEET_XML_BYTES` (512 MB of unpacked sheet). The parts read whole (workbook,
  relationships, styles, shared strings) may each unpack to `MAX_XLSX_PART_BYTES` (4 MB); the
  archive may list `MAX_XLSX_ENTRIES` (10 000) parts in a directory of at most 1 MB; an XML part
  with more than `MAX_XML_ELEMENTS` (10 000 000) elements, nested deeper than `MAX_XML_DEPTH`
  (64), with a single tag over `MAX_XML_TOKEN_BYTES` (1 MB) or with a DTD is refused or
  unreadable. openpyxl's helpers still say which number formats are dates and convert serials.
"""

from __future__ import annotations

import re

from dashboard.engine.formatting import format_number
from dashboard.engine.i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_TEXT_BYTES = MAX_FILE_BYTES
MAX_LINE_CHARS = 1_000_000
HEADER_SEARCH_ROWS = 10  # the header is the first of the top non-empty rows that names a column
MAX_SHEET_CELLS = 5_000_000
MAX_CELL_CHARS = 100_000
MAX_SHEET_XML_BYTES = 512 * 1024 * 1024
MAX_XLSX_PART_BYTES = 4 * 1024 * 1024
MAX_XLSX_ENTRIES = 10_000
MAX_XLSX_DIRECTORY_BYTES = 1024 * 1024
MAX_XML_DEPTH = 64
MAX_XML_ELEMENTS = 10_000_000
MAX_XML_TOKEN_BYTES = 1024 * 1024


class Refused(Exception):
    """A file passes one of the limits: the Norwegian reason, and the row when there is one."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


def format_count(number: int) -> str:
    """300000 → «300 000» (a no-break space between thousands in Norwegian; «300,000» in
    English)."""
    return format_number(number).replace(" ", "\u00a0")


def too_many_rows(row: int | None = None) -> Refused:
    return Refused(
        _(
            "filen har mer enn {rows} rader under overskriftene, som er grensen. "
            "Del den opp i flere filer (og slett eventuelle tomme rader nederst)."
        ).format(rows=format_count(MAX_ROWS)),
        row,
    )


def too_wide(row: int) -> Refused:
    return Refused(
        _(
            "raden har verdier i flere enn {columns} kolonner, som er grensen. Slett kolonnene "
            "som ikke hører til tabellen (og eventuelle verdier langt til høyre)."
        ).format(columns=MAX_COLUMNS),
        row,
    )


def megabytes(size: int) -> str:
    """«4», «20», «2,5» (English «2.5»): megabytes with one decimal where it is not 0."""
    return re.sub(r"[.,]0$", "", format_number(size / 1024 / 1024, 1))
