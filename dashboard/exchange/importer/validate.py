"""Checking read files against the contract before anything is written: types, required values,
enumerated values, date order, duplicate keys in a file, and references to rows that exist in the
database or in the same batch."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from dashboard.engine import db
from dashboard.engine.contract import (
    CHOICE_ALIASES,
    NEEDS_MEMBER_BY_DEFAULT,
    TABLE_ORDER,
    TABLES_BY_NAME,
    Column,
    Table,
)
from dashboard.engine.formatting import format_date
from dashboard.engine.indicators import INDICATORS_BY_ID
from dashboard.exchange.importer.problems import WHOLE_FILE, Problem
from dashboard.exchange.importer.read import ParsedFile, normalise_header, read_file

TRUE_WORDS = {"ja", "j", "yes", "y", "true", "sann", "1", "x"}
FALSE_WORDS = {"nei", "n", "no", "false", "usann", "0"}


@dataclass
class ValidatedFile:
    """A file whose rows are typed and checked, ready to load."""

    file_name: str
    table: Table
    sha256: str
    columns: list[str]
    frame: pd.DataFrame  # typed Python values, one column per contract column present


def parse_date(text: str) -> dt.date:
    """ISO (2026-04-16) or Norwegian (16.04.2026, also 16.4.2026 and 16/04/2026)."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00(:00)?)?", text):
        return dt.date.fromisoformat(text[:10])
    match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def _convert(column: Column, text: str) -> Any:
    """A text cell → the column's Python value; ValueError with a Norwegian reason."""
    if column.type == "date":
        try:
            return parse_date(text)
        except ValueError:
            raise ValueError(f"ugyldig dato «{text}» (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)") from None
    if column.type == "bool":
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"«{text}» er ikke ja/nei (bruk ja/nei, yes/no, true/false eller 1/0)")
    if column.type == "int":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"«{text}» er ikke et heltall")
        return int(text)
    if column.type == "float":
        try:
            return float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            raise ValueError(f"«{text}» er ikke et tall") from None
    if column.type == "municipality":
        if not re.fullmatch(r"\d{1,4}", text):
            raise ValueError(f"«{text}» er ikke et kommunenummer (fire sifre)")
        return text.zfill(4)  # "301" lost its leading zero in Excel → "0301"
    if column.choices:
        word = normalise_header(text)
        word = CHOICE_ALIASES.get(word, word)
        if word not in column.choices:
            raise ValueError(f"ukjent verdi «{text}»; gyldige verdier: {', '.join(column.choices)}")
        return word
    return text


def _show(value: Any) -> str:
    return format_date(value) if isinstance(value, dt.date) else str(value)


_ORDERED_PAIRS = {
    "unit": ("valid_from", "valid_to"),
    "member": ("start_date", "end_date"),
    "reporting_round": ("sent_on", "closes_on"),
    "target": ("year_from", "year_to"),
}


def _type_rows(parsed: ParsedFile) -> tuple[list[dict[str, Any]], list[Problem]]:
    table = parsed.table
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    seen_keys: dict[tuple, int] = {}
    for row_number, cells in parsed.rows:
        record: dict[str, Any] = {}
        row_ok = True
        for name, text in zip(parsed.headers, cells, strict=True):
            column = table.column(name)
            if not text:
                record[name] = None
                if column.required:
                    problems.append(Problem(parsed.file_name, row_number, name, "verdien mangler"))
                    row_ok = False
                continue
            try:
                record[name] = _convert(column, text)
            except ValueError as reason:
                problems.append(Problem(parsed.file_name, row_number, name, str(reason)))
                row_ok = False
        if not row_ok:
            continue
        first, last = _ORDERED_PAIRS.get(table.name, ("", ""))
        start, end = record.get(first), record.get(last)
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(
                    parsed.file_name,
                    row_number,
                    last,
                    f"{last} ({_show(end)}) er før {first} ({_show(start)})",
                )
            )
            continue
        if table.name == "unit" and record.get("needs_member") is None:
            record["needs_member"] = record["unit_type"] in NEEDS_MEMBER_BY_DEFAULT
        if table.name == "target":
            if record["indicator"] not in INDICATORS_BY_ID:
                problems.append(
                    Problem(
                        parsed.file_name,
                        row_number,
                        "indicator",
                        f"ukjent indikator «{record['indicator']}»",
                    )
                )
                continue
            if record["comparison"] != "rising" and record.get("value") is None:
                problems.append(
                    Problem(
                        parsed.file_name,
                        row_number,
                        "value",
                        "målverdien mangler (påkrevd for >= og <=)",
                    )
                )
                continue
        key = tuple(record.get(k) for k in table.key)
        if key in seen_keys:
            problems.append(
                Problem(
                    parsed.file_name,
                    row_number,
                    ", ".join(table.key),
                    f"samme nøkkel som rad {seen_keys[key]} i samme fil",
                )
            )
            continue
        seen_keys[key] = row_number
        records.append({"_row": row_number, **record})
    return records, problems


def _existing_keys(con: duckdb.DuckDBPyConnection, table: str) -> set[Any]:
    """Values of a referenced key column already in the database."""
    return set(db.run(con, "import_reference_keys", {"table_name": table})["key"].dropna())


_REFERENCED_KEY = {
    "health_trust": "code",
    "municipality": "number",
    "network_group": "code",
    "unit": "unit_id",
    "leader": "leader_id",
    "member": "member_id",
    "event": "event_id",
}


def validate(
    con: duckdb.DuckDBPyConnection, files: Sequence[tuple[str, bytes]]
) -> tuple[list[ValidatedFile], list[Problem]]:
    """Read and check every file; references may point at the database or at the same batch."""
    problems: list[Problem] = []
    parsed_files: list[ParsedFile] = []
    tables_seen: dict[str, str] = {}
    for file_name, data in files:
        result = read_file(file_name, data)
        if isinstance(result, list):
            problems.extend(result)
            continue
        if result.table.name in tables_seen:
            problems.append(
                Problem(
                    file_name,
                    None,
                    WHOLE_FILE,
                    f"tabellen {result.table.name} kommer også fra "
                    f"{tables_seen[result.table.name]}; importer én fil per tabell",
                )
            )
            continue
        tables_seen[result.table.name] = file_name
        problems.extend(result.problems)
        parsed_files.append(result)
    typed: dict[str, tuple[ParsedFile, list[dict[str, Any]]]] = {}
    for parsed in parsed_files:
        if parsed.problems:
            continue
        records, row_problems = _type_rows(parsed)
        problems.extend(row_problems)
        typed[parsed.table.name] = (parsed, records)
    # Keys each batch provides for the references of the others.
    batch_keys: dict[str, set[Any]] = {
        table: {r.get(_REFERENCED_KEY[table]) for r in records}
        for table, (_, records) in typed.items()
        if table in _REFERENCED_KEY
    }
    known_cache: dict[str, set[Any]] = {}

    def known(table: str) -> set[Any]:
        if table not in known_cache:
            known_cache[table] = _existing_keys(con, table) | batch_keys.get(table, set())
        return known_cache[table]

    for parsed, records in typed.values():
        for record in records:
            for column in parsed.table.columns:
                value = record.get(column.name)
                target = column.references
                if column.name == "person_id":
                    target = "leader" if record.get("person_type") == "leader" else "member"
                if value is None or target is None or value in known(target):
                    continue
                problems.append(
                    Problem(
                        parsed.file_name,
                        record["_row"],
                        column.name,
                        f"«{value}» finnes ikke i {TABLES_BY_NAME[target].title.lower()}"
                        " (verken i databasen eller i filene som importeres)",
                    )
                )
    if problems:
        return [], problems
    validated = []
    for table_name in TABLE_ORDER:
        if table_name not in typed:
            continue
        parsed, records = typed[table_name]
        columns = [
            c
            for c in parsed.table.column_names
            if c in parsed.headers or (table_name == "unit" and c == "needs_member")
        ]
        frame = pd.DataFrame(
            [{c: r.get(c) for c in columns} for r in records], columns=columns, dtype=object
        )
        validated.append(
            ValidatedFile(parsed.file_name, parsed.table, parsed.sha256, columns, frame)
        )
    return validated, problems
