"""Reading CSV and XLSX files into text cells, with the table each belongs to (from its name) and
the contract columns its headers name.

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

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import io
import itertools
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from dashboard.engine.contract import (
    COLUMN_ALIASES,
    HEADER_LABELS,
    TABLE_ALIASES,
    TABLE_HEADER_LABELS,
    TABLE_ORDER,
    TABLES_BY_NAME,
    Table,
    header_label,
)
from dashboard.engine.formatting import format_number
from dashboard.engine.i18n import LANGUAGES, _, using
from dashboard.exchange.importer.problems import WHOLE_FILE, Problem

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
_CHUNK = 64 * 1024


@dataclass
class ParsedFile:
    """A file whose header is read and mapped; its rows are read as they are asked for."""

    file_name: str
    table: Table
    sha256: str
    headers: list[str]  # contract column names, in file order
    # (row number as in the spreadsheet, the text under each of `headers`), read one at a time;
    # raises RowsRefused when reading stops at a limit or at something unreadable
    rows: Iterator[tuple[int, tuple[str, ...]]]
    problems: list[Problem] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # contract column → header as written

    @property
    def norwegian(self) -> bool:
        """Whether the file names its columns the Norwegian way (`Startdato`, not `start_date`)."""
        return any(normalise_header(label) != column for column, label in self.labels.items())

    def header(self, column: str) -> str:
        """A column as the file calls it (the header as written); a column the file lacks as
        the file's language would call it."""
        if column in self.labels:
            return self.labels[column]
        return header_label(self.table, column) if self.norwegian else column

    def column_label(self, column: str) -> str:
        """A column as a problem names it: the file's header, with the contract name in
        parentheses when they differ (`Sluttdato (end_date)`)."""
        said = self.header(column)
        return said if normalise_header(said) == column else f"{said} ({column})"


class RowsRefused(Exception):
    """Reading a file's rows stopped at a limit or at something unreadable: nothing of the file
    may be imported."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _Refused(Exception):
    """A file passes one of the limits: the Norwegian reason, and the row when there is one."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


def _count(number: int) -> str:
    """300000 → «300 000» (a no-break space between thousands in Norwegian; «300,000» in
    English)."""
    return format_number(number).replace(" ", "\u00a0")


def _too_many_rows(row: int | None = None) -> _Refused:
    return _Refused(
        _(
            "filen har mer enn {rows} rader under overskriftene, som er grensen. "
            "Del den opp i flere filer (og slett eventuelle tomme rader nederst)."
        ).format(rows=_count(MAX_ROWS)),
        row,
    )


def _too_wide(row: int) -> _Refused:
    return _Refused(
        _(
            "raden har verdier i flere enn {columns} kolonner, som er grensen. Slett kolonnene "
            "som ikke hører til tabellen (og eventuelle verdier langt til høyre)."
        ).format(columns=MAX_COLUMNS),
        row,
    )


def normalise_header(label: str) -> str:
    text = label.strip().strip("\ufeff").lower()
    text = re.sub(r"[\s\-./]+", "_", text)
    return text.strip("_")


def table_for_file(file_name: str) -> Table | None:
    """`member.csv`, `Medlem.xlsx`, `member (2).csv` → the table; None when the name says none."""
    stem = normalise_header(re.sub(r"\s*\(\d+\)$", "", Path(file_name).stem))
    name = TABLE_ALIASES.get(stem, stem)
    return TABLES_BY_NAME.get(name)


# --- CSV -----------------------------------------------------------------------------------------


def _encoding(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM (Excel's «Unicode-tekst»), else Windows-1252
    (what Norwegian Excel saves as «CSV (semikolondelt)»). Checked a megabyte at a time."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data[:4096]:
        raise ValueError("binary or UTF-16 without BOM")
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), 1024 * 1024):
            decoder.decode(view[start : start + 1024 * 1024])
        decoder.decode(b"", True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _delimiter(first_line: str) -> str:
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    return delimiter


def _lines(stream: IO[str]) -> Iterator[str]:
    """The lines of a text stream, each read only up to the line limit."""
    while line := stream.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise _Refused(
                _(
                    "en linje i filen er lengre enn {characters} tegn, som er grensen. "
                    "Er det riktig fil?"
                ).format(characters=_count(MAX_LINE_CHARS))
            )
        yield line


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells without the empty ones at the end) for every record of the file."""
    if data[:4] == b"PK\x03\x04":
        raise ValueError("an XLSX file named .csv")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=_encoding(data), newline="")
    delimiter = _delimiter(stream.readline(MAX_LINE_CHARS).split("\n", 1)[0])
    stream.seek(0)
    for number, row in enumerate(csv.reader(_lines(stream), delimiter=delimiter), start=1):
        while row and not row[-1].strip():
            row.pop()
        if len(row) > MAX_COLUMNS:
            raise _too_wide(number)
        yield number, row


# --- XLSX ----------------------------------------------------------------------------------------


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
    if entries > MAX_XLSX_ENTRIES or size > MAX_XLSX_DIRECTORY_BYTES:
        raise _Refused(
            _(
                "arbeidsboken består av flere deler enn en arbeidsbok har (grensen er "
                "{parts}). Lagre dataene i en ny arbeidsbok eller som CSV."
            ).format(parts=_count(MAX_XLSX_ENTRIES))
        )


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _Xml:
    """An expat parser with the guards every part gets: no DTD, bounded depth and token size.
    Subclasses get `start(local name, attributes)`, `end(local name)` and `text(data)`."""

    collect_text = False

    def __init__(self) -> None:
        self.depth = 0
        self.elements = 0
        self.names: dict[str, str] = {}
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        if self.collect_text:
            self.parser.CharacterDataHandler = self.text

    def _doctype(self, *_: Any) -> None:
        raise ValueError("DTD in a workbook part")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_XML_DEPTH:
            raise ValueError("XML nested too deep")
        if self.elements > MAX_XML_ELEMENTS:
            raise _Refused(
                _(
                    "arbeidsboken har flere enn {elements} XML-elementer i én del, "
                    "som er grensen. Lagre dataene i en ny arbeidsbok eller som CSV."
                ).format(elements=_count(MAX_XML_ELEMENTS))
            )
        local = self.names.get(name)
        if local is None:
            local = self.names[name] = _local(name)
        self.start(local, attributes)

    def _end(self, name: str) -> None:
        self.depth -= 1
        self.end(self.names.get(name) or _local(name))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass

    def feed(self, source: IO[bytes]) -> Iterator[None]:
        """Parse the source a chunk at a time, pausing after each."""
        fed = 0
        while chunk := source.read(_CHUNK):
            fed += len(chunk)
            self.parser.Parse(chunk, False)
            if fed - self.parser.CurrentByteIndex > MAX_XML_TOKEN_BYTES:
                raise ValueError("an XML token larger than the limit")
            yield
        self.parser.Parse(b"", True)
        yield

    def read(self, archive: zipfile.ZipFile, path: str) -> None:
        """Parse a part that is read whole, once its unpacked size is known to be in bounds."""
        too_big = _(
            "arbeidsboken har for mye innhold utenfor selve arket ({part} er {size} MB "
            "utpakket; grensen er {limit} MB). Kopier dataene til en ny arbeidsbok eller lagre "
            "dem som CSV."
        )
        with _unpacked(archive, path, MAX_XLSX_PART_BYTES, too_big, part=path) as source:
            for _step in self.feed(source):
                pass


class _Relationships(_Xml):
    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[str, tuple[str, str]] = {}  # id → (type, target)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "Relationship" and attributes.get("TargetMode") != "External":
            self.targets[attributes.get("Id", "")] = (
                attributes.get("Type", ""),
                attributes.get("Target", ""),
            )

    def of_type(self, kind: str) -> str | None:
        return next((t for k, t in self.targets.values() if k.endswith("/" + kind)), None)


class _Workbook(_Xml):
    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.date1904 = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "sheet":
            rid = next((v for k, v in attributes.items() if _local(k) == "id" and ":" in k), "")
            self.sheets.append((attributes.get("name", ""), rid))
        elif name == "workbookPr":
            self.date1904 = attributes.get("date1904", "").lower() in ("1", "true")


class _Styles(_Xml):
    """Which cell styles show a number as a date (or a duration), as openpyxl decides it."""

    def __init__(self) -> None:
        super().__init__()
        self.custom: dict[int, str] = {}
        self.style_formats = bytearray()  # per cell style: its number format id, when < 256
        self.style_custom: dict[int, int] = {}  # cell style → its number format id, when ≥ 256
        self.in_cell_xfs = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "numFmt":
            with contextlib.suppress(ValueError):
                self.custom[int(attributes.get("numFmtId", ""))] = attributes.get("formatCode", "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            try:
                number_format = int(attributes.get("numFmtId", "0"))
            except ValueError:
                number_format = 0
            if 0 <= number_format < 256:
                self.style_formats.append(number_format)
            else:
                self.style_custom[len(self.style_formats)] = number_format
                self.style_formats.append(0)

    def end(self, name: str) -> None:
        if name == "cellXfs":
            self.in_cell_xfs = False

    def kinds(self) -> tuple[set[int], set[int]]:
        """(styles that are dates, styles that are durations)."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates: set[int] = set()
        durations: set[int] = set()
        verdicts: dict[int, tuple[bool, bool]] = {}
        for style, small in enumerate(self.style_formats):
            number_format = self.style_custom.get(style, small)
            if number_format not in verdicts:
                code = self.custom.get(number_format) or BUILTIN_FORMATS.get(number_format)
                verdicts[number_format] = (is_date_format(code), is_timedelta_format(code))
            is_date, is_duration = verdicts[number_format]
            if is_date:
                dates.add(style)
            if is_duration:
                durations.add(style)
        return dates, durations


class _SharedStrings(_Xml):
    collect_text = True

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self.parts: list[str] | None = None
        self.size = 0
        self.phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "si":
            self.parts, self.size = [], 0
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.parts is not None and not self.phonetic:
            self.collecting = True

    collecting = False

    def text(self, data: str) -> None:
        if self.collecting and self.parts is not None:
            self.size += len(data)
            if self.size > MAX_CELL_CHARS:
                raise ValueError("a shared string larger than the limit")
            self.parts.append(data)

    def end(self, name: str) -> None:
        if name == "t":
            self.collecting = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si" and self.parts is not None:
            self.strings.append("".join(self.parts))
            self.parts = None


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


class _Sheet(_Xml):
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
        if last_column > MAX_COLUMNS or last_row - first_row + 1 > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _Refused(
                _(
                    "arkfanen «{sheet}» er i bruk helt ut til celle {cell} ({rows} rader, "
                    "{columns} kolonner); grensen er {max_rows} rader og {max_columns} kolonner. "
                    "Slett de tomme radene og kolonnene under og til høyre for dataene, eller "
                    "kopier dataene til et nytt ark, og prøv igjen."
                ).format(
                    sheet=self.sheet_name,
                    cell=f"{_column_letters(last_column)}{last_row}",
                    rows=_count(last_row - first_row + 1),
                    columns=_count(last_column),
                    max_rows=_count(MAX_ROWS),
                    max_columns=MAX_COLUMNS,
                )
            )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "c":
            if self.row is None:
                return
            self.cells += 1
            if self.cells > MAX_SHEET_CELLS:
                raise _Refused(
                    _(
                        "arket har flere enn {cells} celler, som er grensen. "
                        "Del det opp i flere filer."
                    ).format(cells=_count(MAX_SHEET_CELLS)),
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
            if number > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _too_many_rows(number)
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
            if self.size > MAX_CELL_CHARS:
                raise _Refused(
                    _("en celle har mer enn {characters} tegn, som er grensen").format(
                        characters=_count(MAX_CELL_CHARS)
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
                if self.column > MAX_COLUMNS:
                    raise _too_wide(self.row_number)
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
        except _Refused:
            yield from self.done  # the rows before it, so that a limit of the reader comes first
            raise


def _resolve(directory: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(directory, target))


def _xlsx_rows(data: bytes, table: Table) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells without the empty ones at the end) for every row with a value, from
    the sheet named after the table, else the first."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    _check_zip_directory(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        package = _Relationships()
        if "_rels/.rels" in names:
            package.read(archive, "_rels/.rels")
        workbook_path = _resolve("", package.of_type("officeDocument") or "xl/workbook.xml")
        workbook = _Workbook()
        workbook.read(archive, workbook_path)
        directory = posixpath.dirname(workbook_path)
        relationships = _Relationships()
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
        shared = _SharedStrings()
        shared_path = relationships.of_type("sharedStrings")
        if shared_path and _resolve(directory, shared_path) in names:
            shared.read(archive, _resolve(directory, shared_path))
        styles = _Styles()
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
        with _unpacked(
            archive, sheet_path, MAX_SHEET_XML_BYTES, too_big, sheet=sheet_name
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


# --- from rows to a parsed file -----------------------------------------------------------------


_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ValueError,
    KeyError,
    IndexError,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    csv.Error,
    expat.ExpatError,
)


def _unreadable(file_name: str) -> Problem:
    return Problem(
        file_name,
        None,
        _(WHOLE_FILE),
        _(
            "filen kan ikke leses som et regneark. Lagre den fra Excel som «CSV UTF-8» "
            "eller «Excel-arbeidsbok (.xlsx)»"
        ),
    )


def read_file(file_name: str, data: bytes) -> ParsedFile | list[Problem]:
    """Read one CSV or XLSX file up to its first row under the header; problems when it cannot
    be read at all or passes a limit there (see the module docstring). The returned file reads
    the rest of its rows as they are asked for."""
    table = table_for_file(file_name)
    if table is None:
        known = ", ".join(f"{t}.csv" for t in TABLE_ORDER)
        return [
            Problem(
                file_name,
                None,
                _(WHOLE_FILE),
                _("filnavnet sier ikke hvilken tabell filen hører til. Bruk et av: {names}").format(
                    names=known
                ),
            )
        ]
    if len(data) > MAX_FILE_BYTES:
        return [_too_big(file_name, len(data))]
    if not data or data.isspace():
        return [Problem(file_name, None, _(WHOLE_FILE), _("filen er tom"))]
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(data, table)  # generators: nothing is read before _collect asks
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(data)
    else:
        return [Problem(file_name, None, _(WHOLE_FILE), _("ukjent filtype: bruk .csv eller .xlsx"))]
    try:
        return _collect(file_name, table, data, rows)
    except _Refused as refused:
        return [Problem(file_name, refused.row, _(WHOLE_FILE), refused.message)]
    except _UNREADABLE:
        return [_unreadable(file_name)]


def _collect(
    file_name: str, table: Table, data: bytes, rows: Iterator[tuple[int, list[str]]]
) -> ParsedFile | list[Problem]:
    """Find the header among the first rows with a value and map it; the file's rows are then
    the cells under the known columns of every row below it, up to the row limit."""
    top: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if number > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _too_many_rows(number)
        if cells:
            top.append((number, cells))
            if len(top) == HEADER_SEARCH_ROWS:
                break
    if not top:
        return [Problem(file_name, None, _(WHOLE_FILE), _("filen er tom"))]
    header_at = _header_position(table, top)
    header_number, header = top[header_at]
    parsed, positions = _map_headers(file_name, table, data, header_number, header)
    body = _body(file_name, top[header_at + 1 :], rows, positions, header_number + MAX_ROWS)
    try:
        first = next(body)
    except StopIteration:
        return [
            Problem(
                file_name,
                header_number + 1,
                _(WHOLE_FILE),
                _("filen har overskrifter, men ingen rader"),
            )
        ]
    except RowsRefused as refused:
        return [refused.problem]
    parsed.rows = itertools.chain((first,), body)
    return parsed


def _body(
    file_name: str,
    top: list[tuple[int, list[str]]],
    rows: Iterator[tuple[int, list[str]]],
    positions: list[int],
    last: int,
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, the text under each known column) for every row with a value."""
    text_left = MAX_TEXT_BYTES
    try:
        for number, cells in itertools.chain(top, rows):
            if number > last:
                raise _too_many_rows(number)
            if cells:
                width = len(cells)
                kept = tuple(cells[p].strip() if p < width else "" for p in positions)
                text = "".join(kept)
                text_left -= (
                    len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
                )
                if text_left < 0:
                    raise _Refused(
                        _(
                            "filen har mer enn {limit} MB tekst (regnet som UTF-8), som er "
                            "grensen. Del den opp i flere filer."
                        ).format(limit=_megabytes(MAX_TEXT_BYTES)),
                        number,
                    )
                yield number, kept
    except _Refused as refused:
        raise RowsRefused(Problem(file_name, refused.row, _(WHOLE_FILE), refused.message)) from None
    except _UNREADABLE:
        raise RowsRefused(_unreadable(file_name)) from None


def _header_position(table: Table, numbered: list[tuple[int, list[str]]]) -> int:
    """The header row: the first of the top rows that names a column of the table (exports
    from this product start with a few lines saying what the file is); else the first row."""
    for position, (_number, row) in enumerate(numbered[:HEADER_SEARCH_ROWS]):
        if any(_column_for(table, label) for label in row if label.strip()):
            return position
    return 0


@cache
def _written_headers() -> dict[str, tuple[str, ...]]:
    """The headers this product writes (exports, templates) in each of its languages, normalised,
    → the columns each may name: a file written in nynorsk or English reads back too."""
    found: dict[str, dict[str, None]] = {}
    for code in LANGUAGES:
        with using(code):
            for column, label in HEADER_LABELS.items():
                found.setdefault(normalise_header(label), {})[column] = None
            for (_table, column), label in TABLE_HEADER_LABELS.items():
                found.setdefault(normalise_header(label), {})[column] = None
    return {label: tuple(columns) for label, columns in found.items()}


def _column_for(table: Table, label: str) -> str | None:
    key = normalise_header(label)
    if key in table.column_names:
        return key
    candidates = (*COLUMN_ALIASES.get(key, ()), *_written_headers().get(key, ()))
    return next((c for c in candidates if c in table.column_names), None)


def _map_headers(
    file_name: str, table: Table, data: bytes, header_number: int, header: list[str]
) -> tuple[ParsedFile, list[int]]:
    """The file with its known columns and the header's problems, and where each known column
    stands in a row."""
    parsed = ParsedFile(file_name, table, hashlib.sha256(data).hexdigest(), [], iter(()))
    positions: list[int] = []
    unknown: list[str] = []
    for position, raw in enumerate(header):
        label = raw.strip().strip("\ufeff").strip()
        if not label:
            continue
        column = _column_for(table, label)
        if column is None:
            unknown.append(label)
        elif column in parsed.labels:
            first = parsed.labels[column]
            said = (
                f"«{label}»"
                if first == label
                else _("«{first}» og «{label}»").format(first=first, label=label)
            )
            parsed.problems.append(
                Problem(
                    file_name,
                    header_number,
                    label,
                    _(
                        "kolonnen {said} står to ganger (begge er {column}); behold én av dem"
                    ).format(said=said, column=column),
                )
            )
        else:
            parsed.headers.append(column)
            parsed.labels[column] = label
            positions.append(position)
    if unknown:
        known = ", ".join(
            f"{header_label(table, c)} ({c})" if parsed.norwegian else c for c in table.column_names
        )
        for label in unknown:
            parsed.problems.append(
                Problem(
                    file_name,
                    header_number,
                    label,
                    _("ukjent kolonne for {table} ({name}). Kolonnene er: {known}").format(
                        table=table.title.lower(), name=table.name, known=known
                    ),
                )
            )
    for column in table.columns:
        if column.required and column.name not in parsed.labels:
            name = parsed.column_label(column.name)
            parsed.problems.append(
                Problem(
                    file_name,
                    header_number,
                    name,
                    _("kolonnen {name} mangler ({help})").format(name=name, help=column.help),
                )
            )
    return parsed, positions


def _unpacked(
    archive: zipfile.ZipFile, path: str, limit: int, too_big: str, **names: str
) -> IO[bytes]:
    """A part of the workbook opened for reading, once its unpacked size is within `limit`; else
    refused with `too_big` (which names the part by `names`, its {size} and the {limit})."""
    info = archive.getinfo(path)
    if info.file_size > limit:
        raise _Refused(
            too_big.format(size=_megabytes(info.file_size), limit=_megabytes(limit), **names)
        )
    return archive.open(info)


def _megabytes(size: int) -> str:
    """«4», «20», «2,5» (English «2.5»): megabytes with one decimal where it is not 0."""
    return re.sub(r"[.,]0$", "", format_number(size / 1024 / 1024, 1))


def _too_big(file_name: str, size: int) -> Problem:
    return Problem(
        file_name,
        None,
        _(WHOLE_FILE),
        _(
            "filen er for stor ({size} MB; grensen er {limit} MB). Del den opp i flere filer."
        ).format(size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES)),
    )


def read_paths(paths: Iterable[Path]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """(file name, bytes) for files on disk; files missing or too large become problems unread."""
    files: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(path.name, None, _(WHOLE_FILE), _("fant ikke filen")))
        elif path.stat().st_size > MAX_FILE_BYTES:
            problems.append(_too_big(path.name, path.stat().st_size))
        else:
            files.append((path.name, path.read_bytes()))
    return files, problems
