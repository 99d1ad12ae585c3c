"""What «bokmål left on a page» means, for the language tests (AppTest and browser): the literal
parts of catalogue messages whose translation differs, as they read on the screen."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from dashboard.engine import i18n, lake
from dashboard.engine.database import Database

PLACEHOLDER_OR_MARKUP = re.compile(r"\{[^{}]*\}|\*\*|`|«|»|\n")


def data_text(path: Path) -> str:
    """Every text value in the database (names, titles, notes: data, never translated)."""
    with Database(path).read() as con:
        columns = con.execute(
            "select table_name, column_name from duckdb_columns() where data_type = 'VARCHAR'"
            " and not internal and database_name = $replica and schema_name = 'main'",
            {"replica": lake.REPLICA},
        ).fetchall()
        values: set[str] = set()
        for table, column in columns:
            rows = con.execute(f'select distinct "{column}" from "{table}"').fetchall()
            values.update(str(v) for (v,) in rows if v)
    return "\n".join(values)


def bokmål_only(language: str, data: str) -> list[str]:
    """The parts of the catalogue's messages that would show only in bokmål: each literal part
    between placeholders and markup of at least two words, unless it also occurs in a
    translation of the language or in the data. Longest first."""
    with i18n.catalogue_path(language).open("rb") as source:
        catalogue = read_po(source, locale=language)
    entries = [e for e in catalogue if e.id and e.string]
    translated = "\n".join(
        s for e in entries for s in (e.string if isinstance(e.string, tuple) else (e.string,))
    )
    parts: set[str] = set()
    for entry in entries:
        source_text = entry.id[0] if isinstance(entry.id, tuple) else entry.id
        target = entry.string[0] if isinstance(entry.string, tuple) else entry.string
        if target == source_text:
            continue
        for part in PLACEHOLDER_OR_MARKUP.split(source_text):
            part = part.strip(" .,:;–-()")
            if len(part.split()) >= 2 and part not in translated and part not in data:
                parts.add(part)
    return sorted(parts, key=len, reverse=True)
