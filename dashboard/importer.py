"""Import CSV and XLSX files into the tables their names say: read, validate, preview, commit, undo.

Validation happens before anything is written; files given together load in one transaction,
parents before children, all or nothing. Every import is recorded in `import_batch` with the
before-images needed to undo it. Problems are reported with the file, the row as the user sees it
in the spreadsheet (the header is row 1) and the column, in Norwegian.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard import db
from dashboard.contract import (
    CHOICE_ALIASES,
    COLUMN_ALIASES,
    NEEDS_MEMBER_BY_DEFAULT,
    TABLE_ALIASES,
    TABLE_ORDER,
    TABLES_BY_NAME,
    Column,
    Table,
)
from dashboard.formatting import format_date
from dashboard.indicators import INDICATORS_BY_ID

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
WHOLE_FILE = "(hele filen)"
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "sann", "1", "x"}
FALSE_WORDS = {"nei", "n", "no", "false", "usann", "0"}
Progress = Callable[[float, str], None]


class ImportRejected(Exception):
    """Validation found problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(er) i filene")
        self.problems = problems


class UndoRefused(Exception):
    """There is nothing that may be undone."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as the user sees it."""

    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        row = "–" if self.row is None else str(self.row)
        return f"{self.file}, rad {row}, kolonne {self.column}: {self.message}"


@dataclass
class ParsedFile:
    """A file read into text cells, with the table it belongs to."""

    file_name: str
    table: Table
    sha256: str
    headers: list[str]  # contract column names, in file order
    rows: list[tuple[int, list[str]]]  # (row number as in the spreadsheet, text cells)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ValidatedFile:
    """A file whose rows are typed and checked, ready to load."""

    file_name: str
    table: Table
    sha256: str
    columns: list[str]
    frame: pd.DataFrame  # typed Python values, one column per contract column present


@dataclass
class TableChange:
    """What an import would do (or did) to one table."""

    table: str
    file_name: str
    inserted: int
    updated: int
    unchanged: int
    new_rows: pd.DataFrame
    changed_rows: pd.DataFrame


@dataclass
class ImportResult:
    import_id: int | None
    changes: list[TableChange]

    @property
    def inserted(self) -> int:
        return sum(c.inserted for c in self.changes)

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.changes)


# --- reading ---------------------------------------------------------------------------------


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


# --- validating ------------------------------------------------------------------------------


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


# --- loading ---------------------------------------------------------------------------------
# Table and column names in these statements come from the contract (dashboard/contract.py), never
# from a file; every value travels as a parameter or through a registered DataFrame.


def _stage(cursor: duckdb.DuckDBPyConnection, file: ValidatedFile) -> str:
    """A typed temporary copy of the incoming rows, named after the table."""
    stage = f"stage_{file.table.name}"
    cursor.execute(
        f"create or replace temp table {stage} as select * from {file.table.name} limit 0"
    )
    cursor.register("incoming_frame", file.frame)
    columns = ", ".join(file.columns)
    cursor.execute(f"insert into {stage} ({columns}) select {columns} from incoming_frame")
    cursor.unregister("incoming_frame")
    return stage


def _key_match(table: Table, left: str, right: str) -> str:
    return " and ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


def _differs(table: Table, columns: Iterable[str], left: str, right: str) -> str:
    value_columns = [c for c in columns if c not in table.key]
    if not value_columns:
        return "false"
    return (
        "(" + " or ".join(f"{left}.{c} is distinct from {right}.{c}" for c in value_columns) + ")"
    )


def _diff(cursor: duckdb.DuckDBPyConnection, file: ValidatedFile, stage: str) -> TableChange:
    table = file.table
    key_columns = ", ".join(table.key)
    new_rows = cursor.execute(
        f"select s.* from {stage} s anti join {table.name} t using ({key_columns})"
    ).df()
    changed_rows = cursor.execute(
        f"select s.* from {stage} s join {table.name} t on {_key_match(table, 's', 't')}"
        f" where {_differs(table, file.columns, 's', 't')}"
    ).df()
    keep = file.columns
    return TableChange(
        table=table.name,
        file_name=file.file_name,
        inserted=len(new_rows),
        updated=len(changed_rows),
        unchanged=len(file.frame) - len(new_rows) - len(changed_rows),
        new_rows=new_rows[keep],
        changed_rows=changed_rows[keep],
    )


def preview(con: duckdb.DuckDBPyConnection, files: Sequence[tuple[str, bytes]]) -> ImportResult:
    """What an import would change, per table, without writing anything."""
    validated, problems = validate(con, files)
    if problems:
        raise ImportRejected(problems)
    cursor = con.cursor()
    try:
        changes = [_diff(cursor, f, _stage(cursor, f)) for f in validated]
    finally:
        cursor.close()
    return ImportResult(import_id=None, changes=changes)


def import_files(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[tuple[str, bytes]],
    imported_by: str,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate, then load every file in one transaction (all or nothing) and record it."""
    say = progress or (lambda _fraction, _message: None)
    say(0.05, "Leser og kontrollerer filene")
    validated, problems = validate(con, files)
    if problems:
        raise ImportRejected(problems)
    changes: list[TableChange] = []

    def load(cursor: duckdb.DuckDBPyConnection) -> int:
        import_id = int(cursor.execute("select nextval('import_batch_id')").fetchall()[0][0])
        now = dt.datetime.now(dt.UTC)
        for position, file in enumerate(validated):
            say(0.2 + 0.7 * position / len(validated), f"Lagrer {file.file_name}")
            stage = _stage(cursor, file)
            change = _diff(cursor, file, stage)
            _apply(cursor, file, stage, import_id)
            changes.append(change)
            cursor.execute(
                "insert into import_batch (imported_at, imported_by, file_name, sha256,"
                " table_name, inserted, updated, rejected, import_id, action)"
                " values ($at, $by, $file, $sha, $table, $inserted, $updated, 0, $import_id, 'import')",
                {
                    "at": now,
                    "by": imported_by,
                    "file": file.file_name,
                    "sha": file.sha256,
                    "table": file.table.name,
                    "inserted": change.inserted,
                    "updated": change.updated,
                    "import_id": import_id,
                },
            )
        db.refresh_derived(cursor)
        return import_id

    import_id = _in_transaction(con, load)
    say(1.0, "Ferdig")
    return ImportResult(import_id=import_id, changes=changes)


def _apply(
    cursor: duckdb.DuckDBPyConnection, file: ValidatedFile, stage: str, import_id: int
) -> None:
    table = file.table
    keys = ", ".join(table.key)
    match = _key_match(table, "t", "s")
    differs = _differs(table, file.columns, "t", "s")
    # Before-images: the key of each new row, the whole old row of each changed one.
    cursor.execute(
        f"insert into undo_{table.name} (undo_import_id, undo_action, {keys})"
        f" select $id, 'insert', {keys} from {stage} anti join {table.name} using ({keys})",
        {"id": import_id},
    )
    cursor.execute(
        f"insert into undo_{table.name} select $id, 'update', t.* from {table.name} t"
        f" join {stage} s on {match} where {differs}",
        {"id": import_id},
    )
    value_columns = [c for c in file.columns if c not in table.key]
    if value_columns:
        assignments = ", ".join(f"{c} = s.{c}" for c in value_columns)
        cursor.execute(
            f"update {table.name} as t set {assignments} from {stage} s where {match} and {differs}"
        )
    columns = ", ".join(file.columns)
    cursor.execute(
        f"insert into {table.name} ({columns}) select {columns} from {stage}"
        f" anti join {table.name} using ({keys})"
    )


# --- history and undo ------------------------------------------------------------------------


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.run(con, "import_history")


def undoable_import(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest import still in effect (not undone)."""
    frame = db.run(con, "import_undoable")
    value = frame.iat[0, 0] if len(frame) else None
    return None if value is None or pd.isna(value) else int(value)


# DuckDB refuses to delete a referenced row in the transaction that deleted its referencing rows
# (its foreign-key check sees the index before commit). Undo therefore deletes level by level,
# children first, one transaction per level that has rows to delete; every step is idempotent, so
# an interrupted undo can simply be run again.
UNDO_DELETE_LEVELS: tuple[tuple[str, ...], ...] = (
    (
        "attendance",
        "annual_report",
        "target",
        "member",
        "network_group_municipality",
        "reporting_round",
    ),
    ("event", "leader"),
    ("unit",),
    ("network_group", "municipality"),
    ("health_trust",),
)


def _in_transaction(
    con: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], int]
) -> int:
    cursor = con.cursor()
    try:
        cursor.execute("begin transaction")
        result = work(cursor)
        cursor.execute("commit")
        return result
    except BaseException:
        cursor.execute("rollback")
        raise
    finally:
        cursor.close()


def _affected(result: list[tuple]) -> int:
    return int(result[0][0]) if result else 0


def undo_last_import(con: duckdb.DuckDBPyConnection, undone_by: str) -> int:
    """Restore every row the newest import inserted or changed; returns its import id."""
    import_id = undoable_import(con)
    if import_id is None:
        raise UndoRefused("Det finnes ingen import som kan angres.")
    params = {"id": import_id}

    def delete_level(tables: tuple[str, ...]) -> Callable[[duckdb.DuckDBPyConnection], int]:
        def work(cursor: duckdb.DuckDBPyConnection) -> int:
            restored = 0
            for name in tables:
                match = _key_match(TABLES_BY_NAME[name], "t", "u")
                restored += _affected(
                    cursor.execute(
                        f"delete from {name} as t using undo_{name} as u where u.undo_import_id = $id"
                        f" and u.undo_action = 'insert' and {match}",
                        params,
                    ).fetchall()
                )
            return restored

        return work

    def restore_updates(cursor: duckdb.DuckDBPyConnection) -> int:
        restored = 0
        for name in TABLE_ORDER:
            table = TABLES_BY_NAME[name]
            value_columns = [c for c in table.column_names if c not in table.key]
            if not value_columns:
                continue
            assignments = ", ".join(f"{c} = u.{c}" for c in value_columns)
            restored += _affected(
                cursor.execute(
                    f"update {name} as t set {assignments} from undo_{name} u"
                    f" where u.undo_import_id = $id and u.undo_action = 'update'"
                    f" and {_key_match(table, 't', 'u')}",
                    params,
                ).fetchall()
            )
        return restored + delete_level(UNDO_DELETE_LEVELS[0])(cursor)

    restored = _in_transaction(con, restore_updates)
    for level in UNDO_DELETE_LEVELS[1:]:
        restored += _in_transaction(con, delete_level(level))

    def record(cursor: duckdb.DuckDBPyConnection) -> int:
        db.refresh_derived(cursor)
        for name in TABLE_ORDER:
            cursor.execute(f"delete from undo_{name} where undo_import_id = $id", params)
        cursor.execute("update import_batch set undone = true where import_id = $id", params)
        cursor.execute(
            "insert into import_batch (imported_at, imported_by, file_name, table_name, updated,"
            " import_id, action) values ($at, $by, $file, 'alle', $n, $id, 'undo')",
            {
                "at": dt.datetime.now(dt.UTC),
                "by": undone_by,
                "file": f"angret import {import_id}",
                "n": restored,
                "id": import_id,
            },
        )
        return 0

    _in_transaction(con, record)
    return import_id


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
