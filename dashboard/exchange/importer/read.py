"""Reading CSV and XLSX files into text cells, with the table each belongs to (from its name) and
the contract columns its headers name.

The readers and their limits live beside this module: limits.py (every limit, what it is and why,
and the refusal when a file passes one), headers.py (a file's name → its table, a header → its
column), csv_reader.py, and xlsx_reader.py with xlsx_parts.py (and why a reader of our own). This
module turns a reader's rows into a `ParsedFile`: it finds and maps the header, then hands out the
cells under the known columns row by row, up to the row and text limits.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from dashboard.engine.column_headers import header_label
from dashboard.engine.contract import TABLE_ORDER, Table
from dashboard.engine.i18n import _
from dashboard.exchange.importer import limits
from dashboard.exchange.importer.csv_reader import csv_rows
from dashboard.exchange.importer.headers import (
    column_for,
    header_position,
    normalise_header,
    table_for_file,
)
from dashboard.exchange.importer.limits import Refused, megabytes, too_many_rows
from dashboard.exchange.importer.problems import WHOLE_FILE, Problem
from dashboard.exchange.importer.xlsx_reader import xlsx_rows


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
    be read at all or passes a limit there (see limits.py). The returned file reads
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
    if len(data) > limits.MAX_FILE_BYTES:
        return [_too_big(file_name, len(data))]
    if not data or data.isspace():
        return [Problem(file_name, None, _(WHOLE_FILE), _("filen er tom"))]
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = xlsx_rows(data, table)  # generators: nothing is read before _collect asks
    elif suffix in (".csv", ".txt"):
        rows = csv_rows(data)
    else:
        return [Problem(file_name, None, _(WHOLE_FILE), _("ukjent filtype: bruk .csv eller .xlsx"))]
    try:
        return _collect(file_name, table, data, rows)
    except Refused as refused:
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
        if number > limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS:
            raise too_many_rows(number)
        if cells:
            top.append((number, cells))
            if len(top) == limits.HEADER_SEARCH_ROWS:
                break
    if not top:
        return [Problem(file_name, None, _(WHOLE_FILE), _("filen er tom"))]
    header_at = header_position(table, top)
    header_number, header = top[header_at]
    parsed, positions = _map_headers(file_name, table, data, header_number, header)
    body = _body(file_name, top[header_at + 1 :], rows, positions, header_number + limits.MAX_ROWS)
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
    text_left = limits.MAX_TEXT_BYTES
    try:
        for number, cells in itertools.chain(top, rows):
            if number > last:
                raise too_many_rows(number)
            if cells:
                width = len(cells)
                kept = tuple(cells[p].strip() if p < width else "" for p in positions)
                text = "".join(kept)
                text_left -= (
                    len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
                )
                if text_left < 0:
                    raise Refused(
                        _(
                            "filen har mer enn {limit} MB tekst (regnet som UTF-8), som er "
                            "grensen. Del den opp i flere filer."
                        ).format(limit=megabytes(limits.MAX_TEXT_BYTES)),
                        number,
                    )
                yield number, kept
    except Refused as refused:
        raise RowsRefused(Problem(file_name, refused.row, _(WHOLE_FILE), refused.message)) from None
    except _UNREADABLE:
        raise RowsRefused(_unreadable(file_name)) from None


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
        column = column_for(table, label)
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


def _too_big(file_name: str, size: int) -> Problem:
    return Problem(
        file_name,
        None,
        _(WHOLE_FILE),
        _(
            "filen er for stor ({size} MB; grensen er {limit} MB). Del den opp i flere filer."
        ).format(size=megabytes(size), limit=megabytes(limits.MAX_FILE_BYTES)),
    )


def read_paths(paths: Iterable[Path]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """(file name, bytes) for files on disk; files missing or too large become problems unread."""
    files: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(path.name, None, _(WHOLE_FILE), _("fant ikke filen")))
        elif path.stat().st_size > limits.MAX_FILE_BYTES:
            problems.append(_too_big(path.name, path.stat().st_size))
        else:
            files.append((path.name, path.read_bytes()))
    return files, problems
