"""Reading CSV and XLSX files into text cells, with the table each belongs to (from its name) and
the contract columns its headers name."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.engine.contract import (
    COLUMN_ALIASES,
    TABLE_ALIASES,
    TABLE_ORDER,
    TABLES_BY_NAME,
    Table,
)
from dashboard.exchange.importer.problems import WHOLE_FILE, Problem

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000


@dataclass
class ParsedFile:
    """A file read into text cells, with the table it belongs to."""

    file_name: str
    table: Table
    sha256: str
    headers: list[str]  # contract column names, in file order
    rows: list[tuple[int, list[str]]]  # (row number as in the spreadsheet, text cells)
    problems: list[Problem] = field(default_factory=list)


def normalise_header(label: str) -> str:
    text = label.strip().strip("\ufeff").lower()
    text = re.sub(r"[\s\-./]+", "_", text)
    return text.strip("_")


def table_for_file(file_name: str) -> Table | None:
    """`member.csv`, `Medlem.xlsx`, `member (2).csv` → the table; None when the name says none."""
    stem = normalise_header(re.sub(r"\s*\(\d+\)$", "", Path(file_name).stem))
    name = TABLE_ALIASES.get(stem, stem)
    return TABLES_BY_NAME.get(name)


def _decode(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM (Excel's «Unicode-tekst»), else Windows-1252
    (what Norwegian Excel saves as «CSV (semikolondelt)»)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ValueError("binary or UTF-16 without BOM")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _read_csv(text: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


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


def _read_xlsx(data: bytes, table: Table) -> list[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        names = {normalise_header(n): n for n in workbook.sheetnames}
        wanted = next(
            (
                names[n]
                for n in (table.name, *(a for a, t in TABLE_ALIASES.items() if t == table.name))
                if n in names
            ),
            workbook.sheetnames[0],
        )
        sheet = workbook[wanted]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_file(file_name: str, data: bytes) -> ParsedFile | list[Problem]:
    """Read one CSV or XLSX file into text cells; problems when it cannot be read at all."""
    table = table_for_file(file_name)
    if table is None:
        known = ", ".join(f"{t}.csv" for t in TABLE_ORDER)
        return [
            Problem(
                file_name,
                None,
                WHOLE_FILE,
                f"filnavnet sier ikke hvilken tabell filen hører til. Bruk et av: {known}",
            )
        ]
    if len(data) > MAX_FILE_BYTES:
        return [
            Problem(
                file_name,
                None,
                WHOLE_FILE,
                f"filen er for stor ({len(data) / 1e6:.0f} MB; grensen er "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB). Del den opp i flere filer.",
            )
        ]
    if not data.strip():
        return [Problem(file_name, None, WHOLE_FILE, "filen er tom")]
    suffix = Path(file_name).suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            cells = _read_xlsx(data, table)
        elif suffix in (".csv", ".txt"):
            if data[:4] == b"PK\x03\x04":
                raise ValueError("an XLSX file named .csv")
            cells = _read_csv(_decode(data))
        else:
            return [Problem(file_name, None, WHOLE_FILE, "ukjent filtype: bruk .csv eller .xlsx")]
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, csv.Error):
        return [
            Problem(
                file_name,
                None,
                WHOLE_FILE,
                "filen kan ikke leses som et regneark. Lagre den fra Excel som «CSV UTF-8» "
                "eller «Excel-arbeidsbok (.xlsx)»",
            )
        ]
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(c.strip() for c in row)]
    if not numbered:
        return [Problem(file_name, None, WHOLE_FILE, "filen er tom")]
    header_at = _header_position(table, numbered)
    header_number, header = numbered[header_at]
    body = numbered[header_at + 1 :]
    if not body:
        return [
            Problem(
                file_name, header_number + 1, WHOLE_FILE, "filen har overskrifter, men ingen rader"
            )
        ]
    if len(body) > MAX_ROWS:
        return [
            Problem(
                file_name, None, WHOLE_FILE, f"filen har {len(body)} rader; grensen er {MAX_ROWS}"
            )
        ]
    return _map_headers(file_name, table, data, header_number, header, body)


def _header_position(table: Table, numbered: list[tuple[int, list[str]]]) -> int:
    """The header row: the first of the top rows that names a column of the table (exports
    from this product start with a few lines saying what the file is); else the first row."""
    for position, (_, row) in enumerate(numbered[:10]):
        if any(_column_for(table, label) for label in row if label.strip()):
            return position
    return 0


def _column_for(table: Table, label: str) -> str | None:
    key = normalise_header(label)
    if key in table.column_names:
        return key
    return next((c for c in COLUMN_ALIASES.get(key, ()) if c in table.column_names), None)


def _map_headers(
    file_name: str,
    table: Table,
    data: bytes,
    header_number: int,
    header: list[str],
    body: list[tuple[int, list[str]]],
) -> ParsedFile:
    problems: list[Problem] = []
    headers: list[str] = []
    positions: list[int] = []
    for position, label in enumerate(header):
        if not label.strip():
            continue
        column = _column_for(table, label)
        if column is None:
            problems.append(
                Problem(
                    file_name,
                    header_number,
                    label.strip(),
                    f"ukjent kolonne for {table.name}. Kolonnene er: "
                    f"{', '.join(table.column_names)}",
                )
            )
        elif column in headers:
            problems.append(
                Problem(
                    file_name, header_number, label.strip(), f"kolonnen {column} står to ganger"
                )
            )
        else:
            headers.append(column)
            positions.append(position)
    for column in table.columns:
        if column.required and column.name not in headers:
            problems.append(
                Problem(
                    file_name,
                    header_number,
                    column.name,
                    f"kolonnen {column.name} mangler ({column.help})",
                )
            )
    rows = [
        (number, [(row[p] if p < len(row) else "").strip() for p in positions])
        for number, row in body
    ]
    return ParsedFile(file_name, table, hashlib.sha256(data).hexdigest(), headers, rows, problems)


def read_paths(paths: Iterable[Path]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """(file name, bytes) for files on disk; files missing or too large become problems unread."""
    files: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.is_file():
            problems.append(Problem(path.name, None, WHOLE_FILE, "fant ikke filen"))
        elif path.stat().st_size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    path.name,
                    None,
                    WHOLE_FILE,
                    f"filen er for stor ({path.stat().st_size / 1e6:.0f} MB; grensen "
                    f"er {MAX_FILE_BYTES / 1e6:.0f} MB). Del den opp i flere filer.",
                )
            )
        else:
            files.append((path.name, path.read_bytes()))
    return files, problems
