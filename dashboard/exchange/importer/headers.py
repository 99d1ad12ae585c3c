"""How a file says what it holds: its name → the table (`member.csv`, `Medlem.xlsx`), a header
→ a contract column (the contract name, an alias, or the header this product writes in any of its
languages), and which of the top rows is the header row.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from dashboard.engine.column_headers import HEADER_LABELS, TABLE_HEADER_LABELS
from dashboard.engine.contract import TABLES_BY_NAME, Table
from dashboard.engine.i18n import LANGUAGES, using
from dashboard.engine.import_aliases import COLUMN_ALIASES, TABLE_ALIASES
from dashboard.exchange.importer import limits


def normalise_header(label: str) -> str:
    text = label.strip().strip("\ufeff").lower()
    text = re.sub(r"[\s\-./]+", "_", text)
    return text.strip("_")


def table_for_file(file_name: str) -> Table | None:
    """`member.csv`, `Medlem.xlsx`, `member (2).csv` → the table; None when the name says none."""
    stem = normalise_header(re.sub(r"\s*\(\d+\)$", "", Path(file_name).stem))
    name = TABLE_ALIASES.get(stem, stem)
    return TABLES_BY_NAME.get(name)


def header_position(table: Table, numbered: list[tuple[int, list[str]]]) -> int:
    """The header row: the first of the top rows that names a column of the table (exports
    from this product start with a few lines saying what the file is); else the first row."""
    for position, (_number, row) in enumerate(numbered[: limits.HEADER_SEARCH_ROWS]):
        if any(column_for(table, label) for label in row if label.strip()):
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


def column_for(table: Table, label: str) -> str | None:
    key = normalise_header(label)
    if key in table.column_names:
        return key
    candidates = (*COLUMN_ALIASES.get(key, ()), *_written_headers().get(key, ()))
    return next((c for c in candidates if c in table.column_names), None)
