"""The XLSX reader: the sheet named after the table (else the first) streamed as numbered rows of
text cells, as openpyxl (data_only) would show them, within the limits (limits.py): the zip
archive's directory is checked before zipfile reads it, the sheet's used range before its first
row, and every limit again while the rows are read. The parts read whole are in xlsx_parts.py.

Why a reader of our own: openpyxl (read-only), python-calamine and DuckDB's `read_xlsx` were
measured against these limits (bench/xlsx_readers.md, `python -m bench.xlsx_readers`), and none
holds them all. openpyxl and DuckDB stream the sheet but read the sharedStrings table whole (5
million strings in a 12 MB file: openpyxl 788 MB and over a minute, DuckDB about 500 MB, then out
of memory), and openpyxl does not finish a zip bomb in a minute even stopped at `MAX_ROWS`;
calamine builds the whole sheet as one dense range, so A1 + XFD1048576 or a zip bomb aborts the
process on a failed allocation. The nearest replacement would be DuckDB behind these zip checks
and a LIMIT.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import struct
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from dashboard.engine.contract import Table
from dashboard.engine.i18n import _
from dashboard.engine.import_aliases import TABLE_ALIASES
from dashboard.exchange.importer import limits
from dashboard.exchange.importer.headers import normalise_header
from dashboard.exchange.importer.limits import Refused, format_count, too_many_rows, too_wide
from dashboard.exchange.importer.xlsx_parts import (
    Relationships,
    SharedStrings,
    Styles,
    Workbook,
    XmlPart,
    unpacked,
)


def _check_zip_directory(data: bytes) -> None:
    """Refuse an archive whose directory lists more parts than a workbook has, before zipfile
    builds an object for each of them."""
    tail = data[-(65535 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries == 0xFFFF or size == 0xFFFFFFFF:  # Zip64: the real numbers are in its record
        locator = tail[at - 20 : at] if at >= 20 else b""
        if locator[:4] != b"PK\x06\x07":
            raise zipfile.BadZipFile("Zip64 locator missing")
        (offset,) = struct.unpack("<Q", locator[8:16])
        record = data[offset : offset + 56]
        if record[:4] != b"PK\x06\x06" or len(record) < 56:
            raise zipfile.BadZipFile("Zip64 record missing")
        entries, size = struct.unpack("<QQ", record[32:48])
    if entries > limits.MAX_XLSX_ENTRIES or size > limits.MAX_XLSX_DIRECTORY_BYTES:
        raise Refused(
            _(
                "arbeidsboken består av flere deler enn en arbeidsbok har (grensen er "
                "{parts}). Lagre dataene i en ny arbeidsbok eller som CSV."
            ).format(parts=format_count(limits.MAX_XLSX_ENTRIES))
        )


def _column_number(letters: str) -> int:
    """`A` → 1, `XFD` → 16 384; longer references are further right than any limit."""
    if not (letters.isascii() and letters.isalpha()):
        raise ValueError(f"not a cell reference: {letters!r}")
    if len(letters) > 3:
        return 1 << 20
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number_text(text: str) -> str:
    try:
        return str(int(text))
    except ValueError:
        return _cell_text(float(text))


class _Sheet(XmlPart):
    """The rows of a worksheet, streamed: (row number, the cells' text up to the last value)."""

    collect_text = True

    def __init__(
        self,
        name: str,
        shared: list[str],
        dates: set[int],
        durations: set[int],
        epoch: dt.datetime,
    ) -> None:
        super().__init__()
        self.sheet_name = name
        self.shared = shared
        self.dates = dates
        self.durations = durations
        self.epoch = epoch
        self.done: list[tuple[int, list[str]]] = []
        self.row: dict[int, str] | None = None
        self.row_number = 0
        self.cells = 0
        self.column = 0
        self.kind = "n"
        self.style = ""
        self.parts: list[str] | None = None
        self.size = 0
        self.inline = False
        self.phonetic = 0
        self.columns: dict[str, int] = {}

    def _check_dimension(self, ref: str) -> None:
        from openpyxl.utils.cell import range_boundaries

        try:
            _first_column, first_row, last_column, last_row = range_boundaries(ref.upper())
        except (ValueError, TypeError):
            return  # a dimension that says nothing: the limits hold while reading
        if last_column is None or last_row is None or first_row is None:
            return
        if (
            last_column > limits.MAX_COLUMNS
            or last_row - first_row + 1 > limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS
        ):
            raise Refused(
                _(
                    "arkfanen «{sheet}» er i bruk helt ut til celle {cell} ({rows} rader, "
                    "{columns} kolonner); grensen er {max_rows} rader og {max_columns} kolonner. "
                    "Slett de tomme radene og kolonnene under og til høyre for dataene, eller "
                    "kopier dataene til et nytt ark, og prøv igjen."
                ).format(
                    sheet=self.sheet_name,
                    cell=f"{_column_letters(last_column)}{last_row}",
                    rows=format_count(last_row - first_row + 1),
                    columns=format_count(last_column),
                    max_rows=format_count(limits.MAX_ROWS),
                    max_columns=limits.MAX_COLUMNS,
                )
            )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "c":
            if self.row is None:
                return
            self.cells += 1
            if self.cells > limits.MAX_SHEET_CELLS:
                raise Refused(
                    _(
                        "arket har flere enn {cells} celler, som er grensen. "
                        "Del det opp i flere filer."
                    ).format(cells=format_count(limits.MAX_SHEET_CELLS)),
                    self.row_number,
                )
            ref = attributes.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = _column_number(letters)
                self.column = column
            else:
                self.column += 1
            self.kind = attributes.get("t", "n")
            self.style = attributes.get("s", "")
            self.parts, self.size = [], 0
        elif name == "v" or (name == "t" and self.inline and not self.phonetic):
            self.collecting = self.parts is not None
        elif name == "row":
            try:
                number = max(int(attributes.get("r", "")), self.row_number + 1)
            except ValueError:
                number = self.row_number + 1
            if number > limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS:
                raise too_many_rows(number)
            self.row_number, self.row, self.column = number, {}, 0
        elif name == "is":
            self.inline = True
        elif name == "rPh":
            self.phonetic += 1
        elif name == "dimension":
            self._check_dimension(attributes.get("ref", ""))

    collecting = False

    def text(self, data: str) -> None:
        if self.collecting and self.parts is not None:
            self.size += len(data)
            if self.size > limits.MAX_CELL_CHARS:
                raise Refused(
                    _("en celle har mer enn {characters} tegn, som er grensen").format(
                        characters=format_count(limits.MAX_CELL_CHARS)
                    ),
                    self.row_number,
                )
            self.parts.append(data)

    def end(self, name: str) -> None:
        if name == "c":
            if self.parts is None or self.row is None:
                return
            text = self._value("".join(self.parts))
            self.parts = None
            if text.strip():
                if self.column > limits.MAX_COLUMNS:
                    raise too_wide(self.row_number)
                self.row[self.column] = text
        elif name in ("v", "t"):
            self.collecting = False
        elif name == "row":
            if self.row:
                cells = [""] * max(self.row)
                for column, text in self.row.items():
                    cells[column - 1] = text
                self.done.append((self.row_number, cells))
            self.row = None
        elif name == "is":
            self.inline = False
        elif name == "rPh":
            self.phonetic -= 1

    def _value(self, text: str) -> str:
        """A cell's text as openpyxl (data_only) and `_cell_text` would give it."""
        kind = self.kind
        if kind == "inlineStr" or not text:
            return text if kind == "inlineStr" else ""
        if kind == "s":
            index = int(text)
            if index < 0:
                raise ValueError("a negative shared string index")
            return self.shared[index]
        if kind == "b":
            return "ja" if text.strip() not in ("0", "false") else "nei"
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            try:
                return _cell_text(from_ISO8601(text))
            except ValueError:
                return text
        if kind != "n":  # str (a formula's text), e (an error such as #N/A)
            return text
        style = int(self.style) if self.style.isdigit() else 0
        if style in self.dates:
            from openpyxl.utils.datetime import from_excel

            try:
                return _cell_text(
                    from_excel(float(text), self.epoch, timedelta=style in self.durations)
                )
            except (OverflowError, ValueError):
                return "#VALUE!"
        return _number_text(text)

    def rows(self, source: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
        try:
            for _ in self.feed(source):
                yield from self.done
                self.done = []
        except Refused:
            yield from self.done  # the rows before it, so that a limit of the reader comes first
            raise


def _resolve(directory: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(directory, target))


def xlsx_rows(data: bytes, table: Table) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells without the empty ones at the end) for every row with a value, from
    the sheet named after the table, else the first."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    _check_zip_directory(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        package = Relationships()
        if "_rels/.rels" in names:
            package.read(archive, "_rels/.rels")
        workbook_path = _resolve("", package.of_type("officeDocument") or "xl/workbook.xml")
        workbook = Workbook()
        workbook.read(archive, workbook_path)
        directory = posixpath.dirname(workbook_path)
        relationships = Relationships()
        rels_path = posixpath.join(directory, "_rels", posixpath.basename(workbook_path) + ".rels")
        if rels_path in names:
            relationships.read(archive, rels_path)
        sheets = [
            (name, _resolve(directory, relationships.targets[rid][1]))
            for name, rid in workbook.sheets
            if rid in relationships.targets
        ]
        if not sheets:
            raise ValueError("a workbook without sheets")
        by_name = {normalise_header(name): (name, path) for name, path in sheets}
        wanted = (table.name, *(a for a, t in TABLE_ALIASES.items() if t == table.name))
        sheet_name, sheet_path = next((by_name[n] for n in wanted if n in by_name), sheets[0])
        shared = SharedStrings()
        shared_path = relationships.of_type("sharedStrings")
        if shared_path and _resolve(directory, shared_path) in names:
            shared.read(archive, _resolve(directory, shared_path))
        styles = Styles()
        styles_path = relationships.of_type("styles")
        if styles_path and _resolve(directory, styles_path) in names:
            styles.read(archive, _resolve(directory, styles_path))
        dates, durations = styles.kinds()
        epoch = CALENDAR_MAC_1904 if workbook.date1904 else CALENDAR_WINDOWS_1900
        sheet = _Sheet(sheet_name, shared.strings, dates, durations, epoch)
        too_big = _(
            "arkfanen «{sheet}» er {size} MB utpakket; grensen er {limit} MB. Del dataene opp i "
            "flere filer."
        )
        with unpacked(
            archive, sheet_path, limits.MAX_SHEET_XML_BYTES, too_big, sheet=sheet_name
        ) as source:
            yield from sheet.rows(source)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
