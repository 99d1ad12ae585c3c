"""Helpers for import/export tests: real files written in the test, and table snapshots."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from dashboard.engine import db
from dashboard.engine.database import Database
from dashboard.exchange import importer
from tests.smtp_server import Smtp


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every table (data, audit and undo) as sorted text rows: equal snapshots = same database.
    Time-zone-aware columns are compared as text (fetching them as objects needs pytz)."""
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database()"
            " order by 1"
        ).fetchall()
    ]
    result = {}
    for table in tables:
        columns = con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = $t"
            " and database_name = current_database() order by column_index",
            {"t": table},
        ).fetchall()
        select = ", ".join(
            f"{name}::varchar" if "TIME ZONE" in kind else name for name, kind in columns
        )
        rows = con.execute(f"select {select} from {table}").fetchall()
        result[table] = sorted(repr(row) for row in rows)
    return result


def csv_bytes(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8") -> bytes:
    text = "\r\n".join(sep.join(cell for cell in row) for row in rows) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[object]], sheet: str = "Ark1") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


UNIT_HEADER = [
    "unit_id",
    "name",
    "unit_type",
    "owner",
    "municipality_number",
    "health_trust",
    "network_group",
]
BASE_FILES = {
    "health_trust.csv": [["code", "name"], ["hst", "Helse Stavanger HF"]],
    "municipality.csv": [
        ["number", "name", "health_trust"],
        ["1103", "Stavanger", "hst"],
        ["1108", "Sandnes", "hst"],
    ],
    "network_group.csv": [
        ["code", "name", "network", "health_trust"],
        ["G1", "Stavanger + SUS", "sykepleier", "hst"],
    ],
    "unit.csv": [
        UNIT_HEADER,
        ["A", "Åsen sykehjem", "sykehjem", "kommune", "1103", "hst", "G1"],
        ["B", "Bø hjemmetjeneste", "hjemmetjeneste", "kommune", "1108", "hst", "G1"],
    ],
    "leader.csv": [
        ["leader_id", "name", "email", "unit_id"],
        ["LA", "Liv Leder", "liv@eksempel.no", "A"],
    ],
}


def imported(path: Path, files: dict[str, list[list[str]]]) -> Path:
    """A new lake at `path` with these files imported in one batch (each file's header first)."""
    batch = [(name, csv_bytes(rows)) for name, rows in files.items()]
    Database(path).change(lambda con: importer.import_files(con, batch, imported_by="test"))
    return path


def refused(
    con: duckdb.DuckDBPyConnection, files: list[tuple[str, bytes]]
) -> list[importer.Problem]:
    """The problems of an import that must be refused; the database must be unchanged."""
    before = snapshot(con)
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_files(con, files, imported_by="test")
    assert snapshot(con) == before
    return rejected.value.problems


def assert_named(problems: list[importer.Problem], where: str, words: str) -> None:
    """One of the problems starts with `where` (file, row and column) and says `words`."""
    messages = [str(p) for p in problems]
    assert any(m.startswith(where) and words in m for m in messages), messages


@pytest.fixture
def base_db(tmp_path: Path) -> Path:
    """A database file with a health trust, two municipalities, a group, two units, a leader."""
    return imported(tmp_path / "base.lake", BASE_FILES)


@pytest.fixture
def base_con(base_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The base database opened read-write; `importer` functions called on it directly write
    statement by statement (the app and CLI call them inside `Database.change`)."""
    con = db.connect(base_db)
    yield con
    con.close()


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[Smtp]:
    """A real SMTP server (aiosmtpd in its own process) on a free port, writing a Maildir."""
    server = Smtp(tmp_path / "maildir")
    server.start()
    yield server
    server.stop()
