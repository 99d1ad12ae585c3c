"""Checking read files against the contract before anything is written: types, required values,
enumerated values, date order, duplicate keys in a file, and references to rows that exist in the
database or in the same batch.

Every problem of a file is reported at once: an unknown or missing column does not hide the
problems of the rows (up to `MAX_PROBLEMS_PER_FILE` per file). Problems name a column as the file
wrote its header («Sluttdato (end_date)»). Rows are typed as they are read and kept column by
column, the same text or value object shared wherever it repeats, so a file costs little more
memory than its values."""

from __future__ import annotations

import datetime as dt
import functools
import re
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard.engine import db, governance, plan
from dashboard.engine.access import Access
from dashboard.engine.contract import (
    NEEDS_MEMBER_BY_DEFAULT,
    TABLE_ORDER,
    TABLES_BY_NAME,
    Column,
    Table,
)
from dashboard.engine.formatting import format_date
from dashboard.engine.i18n import _
from dashboard.engine.import_aliases import CHOICE_ALIASES
from dashboard.engine.indicators import INDICATORS_BY_ID
from dashboard.exchange.importer.headers import normalise_header
from dashboard.exchange.importer.problems import WHOLE_FILE, Problem, ProblemLog
from dashboard.exchange.importer.read import ParsedFile, RowsRefused, read_file
from dashboard.exchange.importer.trusts import TARGET_SCOPE, trust_problems

TRUE_WORDS = {"ja", "j", "yes", "y", "true", "sann", "1", "x"}
FALSE_WORDS = {"nei", "n", "no", "false", "usann", "0"}
# Distinct texts per column shared as one object (ids of units, events, people repeat).
_SHARED_TEXTS = 20_000


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


_parse_date_shared = functools.lru_cache(maxsize=4096)(parse_date)


def _convert(column: Column, text: str) -> Any:
    """A text cell → the column's Python value; ValueError with the reason (current language)."""
    if column.type == "date":
        try:
            return _parse_date_shared(text)
        except ValueError:
            raise ValueError(
                _("ugyldig dato «{text}» (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)").format(text=text)
            ) from None
    if column.type == "bool":
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(
            _("«{text}» er ikke ja/nei (bruk ja/nei, yes/no, true/false eller 1/0)").format(
                text=text
            )
        )
    if column.type == "int":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(_("«{text}» er ikke et heltall").format(text=text))
        return int(text)
    if column.type == "float":
        try:
            return float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            raise ValueError(_("«{text}» er ikke et tall").format(text=text)) from None
    if column.type == "municipality":
        if not re.fullmatch(r"\d{1,4}", text):
            raise ValueError(_("«{text}» er ikke et kommunenummer (fire sifre)").format(text=text))
        return text.zfill(4)  # "301" lost its leading zero in Excel → "0301"
    if column.choices:
        word = normalise_header(text)
        if word not in column.choices:  # «leder» is a role of its own, not an alias of leader
            word = CHOICE_ALIASES.get(word, word)
        if word not in column.choices:
            raise ValueError(
                _("ukjent verdi «{text}»; gyldige verdier: {choices}").format(
                    text=text, choices=", ".join(column.choices)
                )
            )
        return column.choices[column.choices.index(word)]  # the contract's own string
    return text


def _show(value: Any) -> str:
    return format_date(value) if isinstance(value, dt.date) else str(value)


_ORDERED_PAIRS = {
    "unit": ("valid_from", "valid_to"),
    "member": ("start_date", "end_date"),
    "reporting_round": ("sent_on", "closes_on"),
    "target": ("year_from", "year_to"),
    "plan_activity": ("start_date", "due_date"),
    "governance_member": ("start_date", "end_date"),
}
# Checks of one row across its columns, per table: (column, message) pairs for its problems.
_ROW_RULES = {
    "plan_goal": plan.goal_problems,
    "governance_member": governance.assignment_problems,
}


@dataclass
class _Typed:
    """A file's good rows as typed values, kept column by column in the order of `columns`."""

    parsed: ParsedFile
    columns: list[str]  # contract order: the file's columns (and needs_member for units)
    row_numbers: array = field(default_factory=lambda: array("l"))
    values: list[list[Any]] = field(default_factory=list)
    # Why reading stopped (at a limit, or at something unreadable): then nothing of the file
    # may be imported, and its row problems so far are not worth showing.
    refusal: Problem | None = None

    def index(self, column: str) -> int | None:
        return self.columns.index(column) if column in self.columns else None


def _type_rows(parsed: ParsedFile, log: ProblemLog) -> _Typed:
    """Type every row of a file as it is read (also when its header has problems, so that one
    upload shows them all)."""
    table = parsed.table
    file_name = parsed.file_name
    columns = [
        c
        for c in table.column_names
        if c in parsed.labels
        or (table.name == "unit" and c == "needs_member")
        or (table.name == "target" and c in TARGET_SCOPE)
    ]
    typed = _Typed(parsed, columns, values=[[] for _ in columns])
    cells_of = [
        (name, table.column(name), parsed.column_label(name), {}) for name in parsed.headers
    ]
    first, last = _ORDERED_PAIRS.get(table.name, ("", ""))
    check_key = all(k in columns for k in table.key)
    key_label = ", ".join(parsed.column_label(k) for k in table.key)
    single_key = table.key[0] if len(table.key) == 1 else None
    seen_keys: dict[Any, int] = {}
    try:
        for row_number, cells in parsed.rows:
            record: dict[str, Any] = {}
            row_ok = True
            for (name, column, label, shared), text in zip(cells_of, cells, strict=True):
                if not text:
                    record[name] = None
                    if column.required:
                        log.add(Problem(file_name, row_number, label, _("verdien mangler")))
                        row_ok = False
                    continue
                try:
                    value = _convert(column, text)
                except ValueError as reason:
                    log.add(Problem(file_name, row_number, label, str(reason)))
                    row_ok = False
                    continue
                if isinstance(value, str):
                    value = shared.get(value, value)
                    if len(shared) < _SHARED_TEXTS:
                        shared.setdefault(value, value)
                record[name] = value
            if not row_ok:
                continue
            start, end = record.get(first), record.get(last)
            if start is not None and end is not None and end < start:
                log.add(
                    Problem(
                        file_name,
                        row_number,
                        parsed.column_label(last),
                        _("{last} ({end}) er før {first} ({start})").format(
                            last=parsed.header(last),
                            end=_show(end),
                            first=parsed.header(first),
                            start=_show(start),
                        ),
                    )
                )
                continue
            if table.name == "unit" and record.get("needs_member") is None:
                record["needs_member"] = record.get("unit_type") in NEEDS_MEMBER_BY_DEFAULT
            if table.name == "target" and not _target_ok(parsed, row_number, record, log):
                continue
            if table.name in _ROW_RULES and not _rules_ok(parsed, row_number, record, log):
                continue
            if check_key:
                key = record[single_key] if single_key else tuple(record[k] for k in table.key)
                if key in seen_keys:
                    log.add(
                        Problem(
                            file_name,
                            row_number,
                            key_label,
                            _("samme nøkkel som rad {row} i samme fil").format(row=seen_keys[key]),
                        )
                    )
                    continue
                seen_keys[key] = row_number
            typed.row_numbers.append(row_number)
            for values, column_name in zip(typed.values, columns, strict=True):
                values.append(record.get(column_name))
    except RowsRefused as refused:
        typed.refusal = refused.problem
        typed.row_numbers, typed.values = array("l"), [[] for _ in columns]
    return typed


def _target_ok(
    parsed: ParsedFile, row_number: int, record: dict[str, Any], log: ProblemLog
) -> bool:
    for column in TARGET_SCOPE:  # an empty scope (or none in the file) is the whole region
        record[column] = record.get(column) or ""
    indicator = record.get("indicator")
    if indicator is not None and indicator not in INDICATORS_BY_ID:
        log.add(
            Problem(
                parsed.file_name,
                row_number,
                parsed.column_label("indicator"),
                _("ukjent indikator «{indicator}»").format(indicator=indicator),
            )
        )
        return False
    comparison = record.get("comparison")
    if comparison not in (None, "rising") and record.get("value") is None:
        log.add(
            Problem(
                parsed.file_name,
                row_number,
                parsed.column_label("value"),
                _("målverdien mangler (påkrevd for >= og <=)"),
            )
        )
        return False
    return True


def _rules_ok(parsed: ParsedFile, row_number: int, record: dict[str, Any], log: ProblemLog) -> bool:
    """The table's row rules (`_ROW_RULES`): each problem named by its column."""
    problems = _ROW_RULES[parsed.table.name](record)
    for column, message in problems:
        log.add(Problem(parsed.file_name, row_number, parsed.column_label(column), message))
    return not problems


def _existing_keys(con: duckdb.DuckDBPyConnection, table: str, wanted: set[Any]) -> set[Any]:
    """Which of the `wanted` values of a referenced key column are in the database."""
    asked = sorted(str(value) for value in wanted if value not in (None, ""))
    if not asked:
        return set()
    frame = db.run(con, "import_reference_keys", {"table_name": table, "keys": asked})
    return set(frame["key"].dropna())


_REFERENCED_KEY = {
    "health_trust": "code",
    "municipality": "number",
    "network_group": "code",
    "unit": "unit_id",
    "leader": "leader_id",
    "member": "member_id",
    "event": "event_id",
    "plan_goal": "goal_id",
}


def _references(
    typed: dict[str, _Typed], unread: set[str]
) -> Iterator[tuple[_Typed, str, int, Any, str]]:
    """Every reference the files make: (file, column label, position, value, referenced table).
    References to a table whose file could not be read, and '' (a target's whole-region scope,
    never a key), are left out."""
    for file in typed.values():
        person_type = file.index("person_type")
        for column in file.parsed.table.columns:
            at = file.index(column.name)
            if at is None or (column.references is None and column.name != "person_id"):
                continue
            label = file.parsed.column_label(column.name)
            kinds = file.values[person_type] if person_type is not None else None
            for position, value in enumerate(file.values[at]):
                target = column.references
                if column.name == "person_id":
                    is_leader = kinds is not None and kinds[position] == "leader"
                    target = "leader" if is_leader else "member"
                if value in (None, "") or target is None or target in unread:
                    continue
                yield file, label, position, value, target


def _check_references(
    con: duckdb.DuckDBPyConnection,
    typed: dict[str, _Typed],
    logs: dict[str, ProblemLog],
    unread: set[str],
) -> None:
    """Every reference must point at a row in the database or in a file of the same batch
    (references to a table whose file could not be read are not checked)."""
    # Keys each batch provides for the references of the others.
    batch_keys: dict[str, set[Any]] = {}
    for table, file in typed.items():
        at = file.index(_REFERENCED_KEY.get(table, ""))
        if at is not None:
            batch_keys[table] = set(file.values[at])
    # The database is asked only for the keys the files name and do not provide themselves.
    asked: dict[str, set[Any]] = defaultdict(set)
    for _file, _label, _position, value, target in _references(typed, unread):
        if value not in batch_keys.get(target, set()):
            asked[target].add(value)
    known = {target: _existing_keys(con, target, values) for target, values in asked.items()}
    for file, label, position, value, target in _references(typed, unread):
        if value in batch_keys.get(target, set()) or value in known.get(target, set()):
            continue
        logs[file.parsed.table.name].add(
            Problem(
                file.parsed.file_name,
                file.row_numbers[position],
                label,
                _(
                    "«{value}» finnes ikke i {table} (verken i databasen eller i filene "
                    "som importeres)"
                ).format(value=value, table=TABLES_BY_NAME[target].title.lower()),
            )
        )


def _frame(file: _Typed) -> pd.DataFrame:
    """The typed values as a frame of Python objects, each column let go of once copied."""
    arrays: dict[str, np.ndarray] = {}
    for column, values in zip(file.columns, file.values, strict=True):
        array_of_column = np.empty(len(values), dtype=object)
        array_of_column[:] = values
        values.clear()
        arrays[column] = array_of_column
    return pd.DataFrame(arrays, columns=file.columns, dtype=object, copy=False)


def validate(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[tuple[str, bytes]],
    access: Access | None = None,
    keys_from: duckdb.DuckDBPyConnection | None = None,
) -> tuple[list[ValidatedFile], list[Problem]]:
    """Read and check every file; references may point at the database (as `keys_from` sees
    it, by default `con`) or at the same batch. A user limited to some health trusts (`access`)
    may bring only those trusts' rows."""
    problems: list[Problem] = []
    logs: dict[str, ProblemLog] = {}  # per table
    typed: dict[str, _Typed] = {}
    unread: set[str] = set()  # tables whose file stopped at a limit
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
                    _(WHOLE_FILE),
                    _("tabellen {table} kommer også fra {file}; importer én fil per tabell").format(
                        table=result.table.name, file=tables_seen[result.table.name]
                    ),
                )
            )
            continue
        tables_seen[result.table.name] = file_name
        log = logs[result.table.name] = ProblemLog(file_name)
        for problem in result.problems:
            log.add(problem)
        file = _type_rows(result, log)
        if file.refusal is None:
            typed[result.table.name] = file
            continue
        unread.add(result.table.name)
        log = logs[result.table.name] = ProblemLog(file_name)
        for problem in [*result.problems, file.refusal]:
            log.add(problem)
    _check_references(keys_from or con, typed, logs, unread)
    for log in logs.values():
        problems.extend(log.problems())
    problems.extend(trust_problems(con, list(typed.values()), access))
    if problems:
        return [], problems
    validated = []
    for table_name in TABLE_ORDER:
        if table_name not in typed:
            continue
        file = typed.pop(table_name)
        validated.append(
            ValidatedFile(
                file.parsed.file_name,
                file.parsed.table,
                file.parsed.sha256,
                file.columns,
                _frame(file),
            )
        )
    return validated, problems
