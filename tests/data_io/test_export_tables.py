"""Every table the app and the CLI offer, written to XLSX and CSV and read back: shares are
numbers with a percent format in XLSX and «80,5 %» in CSV, counts are whole numbers and never
percents, nothing says «None», «nan» or «NaT», and no header or value is a raw code."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import inspect
import io
import pkgutil
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.engine import db
from dashboard.engine.access import OPERATOR, people
from dashboard.engine.contract import TABLE_ORDER, TABLES_BY_NAME
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import page_tables
from dashboard.exchange.export import ExportMeta, format_at, to_csv, to_xlsx
from dashboard.exchange.page_tables import Table
from dashboard.exchange.tables import EXPORTABLE_TABLES, named_table
from tests.engine import cli, copy_lake

SCOPES = [Scope(2025), Scope(2026, None, Selection(network_group="SYK-SAND"))]
RAW = re.compile(r"^(None|nan|NaN|NaT|<NA>)$")
SHARE_TEXT = re.compile(r"^\d{1,3},\d %$")
# Each page table: how it is built (builder, query, extra arguments of the builder).
PAGE_TABLES = [
    (page_tables.coverage_by_municipality, "coverage_by_municipality", ()),
    (page_tables.unit_status, "unit_status_list", ()),
    (page_tables.uncovered_units, "uncovered_unit_list", ()),
    (page_tables.vacant_units, "uncovered_unit_list", ()),
    (page_tables.municipalities_without_physio_ot, "coverage_by_municipality", ()),
    (page_tables.appointments_ending, "appointments_ending", ()),
    (page_tables.turnover, "turnover_by_year", ()),
    (page_tables.events, "attendance_by_event", ()),
    (page_tables.attendance_by_place, "attendance_by_place", ()),
    (page_tables.attendance_matrix, "attendance_matrix", ()),
    (page_tables.full_attendance, "full_attendance_list", ()),
    (page_tables.intro_course, "intro_course_list", ()),
    (page_tables.report_missing, "report_missing_list", ()),
    (page_tables.member_register, "member_register", ()),
    *(
        (page_tables.reporting_by, "report_by_group", (d,))
        for d in ("municipality", "network_group", "unit_type")
    ),
    *(
        (page_tables.coverage_by_group, "unit_coverage_by_group", (d, {}))
        for d in ("unit_type", "network_group")
    ),
]
# Tables built from their own sources, checked in their own tests.
ELSEWHERE = {
    "scorecard_table",
    "member_history",
    "prize_draws",
    "import_history",
    "audit_log",
    "change_since",
    "decisions",
    "subscriptions",  # tests/data_io/test_subscriptions.py
    "deliveries",
}
# A decision as queries/decision_notes.sql gives it (the demo has none).
DECISION = {
    "note_id": 1,
    "indicator": "unit_coverage",
    "selection_key": "",
    "year": 2026,
    "body": "styringsgruppe",
    "decided_on": dt.date(2026, 3, 12),
    "meeting_id": "m",
    "meeting_title": "Fagråd",
    "meeting_date": dt.date(2026, 3, 12),
    "note": "Rekruttere",
    "activity_id": None,
    "activity_title": None,
    "written_at": dt.datetime(2026, 3, 12, 12, 0),
}


def _rows(con: object, query: str, scope: Scope) -> object:
    params: dict = {"selections": scope.selections()}
    if query == "appointments_ending":
        params["days"] = 365
    if query == "member_register":
        params |= {"search": None, "only_active": True}
    if db.load_query(query).personal_column:
        return people(con, query, params, OPERATOR).rows
    return db.run(con, query, params)


def _all_tables(path: Path) -> list[Table]:
    tables = []
    with Database(path).read() as con:
        for scope in SCOPES:
            results = compute_scorecard(con, scope).results
            tables.append(page_tables.scorecard_table(results, scope.year))
            tables.append(page_tables.change_since(results, results, scope.as_of_date))
            for build, query, args in PAGE_TABLES:
                tables.append(build(_rows(con, query, scope), *args))
            tables.extend(named_table(con, name, scope, OPERATOR) for name in EXPORTABLE_TABLES)
        tables.append(
            page_tables.prize_draws(
                db.run(con, "prize_draw_history", {"year": 2025}, personal=True)
            )
        )
        tables.append(page_tables.import_history(db.run(con, "import_history")))
        tables.append(page_tables.audit_log(db.run(con, "audit_list", {"limit_rows": 100})))
        tables.append(page_tables.decisions(pd.DataFrame([DECISION])))
    return [t for t in tables if len(t.frame)]


def test_every_page_table_is_checked() -> None:
    modules = [
        importlib.import_module(f"{page_tables.__name__}.{module.name}")
        for module in pkgutil.iter_modules(page_tables.__path__)
    ]
    builders = {
        name
        for module in modules
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and inspect.signature(function).return_annotation in ("Table", Table)
    }
    checked = {build.__name__ for build, _, _ in PAGE_TABLES}
    assert builders == checked | ELSEWHERE


def _formats_by_cell(table: Table) -> list[dict[str, str | None]]:
    return [
        {c: format_at(table.formats, c, i) for c in table.frame.columns}
        for i in range(len(table.frame))
    ]


def test_shares_are_numbers_in_xlsx_and_counts_never_percents(demo_db: Path) -> None:
    checked_shares = checked_counts = 0
    for table in _all_tables(demo_db):
        workbook = load_workbook(
            io.BytesIO(to_xlsx(table.frame, ExportMeta(table.title), table.formats))
        )
        sheet = workbook["Data"]
        header = [c.value for c in sheet[1]]
        assert header == [str(c) for c in table.frame.columns], table.title
        for row_index, formats in enumerate(_formats_by_cell(table), start=2):
            for col_index, column in enumerate(header, start=1):
                cell = sheet.cell(row_index, col_index)
                fmt = formats[column]
                if isinstance(cell.value, str):
                    assert not RAW.match(cell.value), (table.title, column, cell.value)
                if cell.value is None:
                    continue
                if fmt in ("share", "percent"):
                    assert isinstance(cell.value, int | float), (table.title, column, cell.value)
                    assert "%" in cell.number_format, (table.title, column)
                    checked_shares += 1
                elif fmt in ("integer", "count"):
                    assert isinstance(cell.value, int | float) and float(cell.value).is_integer()
                    assert "%" not in cell.number_format, (table.title, column)
                    checked_counts += 1
    assert checked_shares > 300 and checked_counts > 1000


def test_shares_read_right_in_csv(demo_db: Path) -> None:
    for table in _all_tables(demo_db):
        text = to_csv(table.frame, ExportMeta(table.title), table.formats).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        header, body = rows[4], rows[5:]
        assert header == [str(c) for c in table.frame.columns]
        for values, formats in zip(body, _formats_by_cell(table), strict=True):
            for column, value in zip(header, values, strict=True):
                assert not RAW.match(value), (table.title, column, value)
                if not value:
                    continue
                if formats[column] in ("share", "percent"):
                    assert SHARE_TEXT.match(value), (table.title, column, value)
                elif formats[column] in ("integer", "count"):
                    assert re.fullmatch(r"-?\d+", value), (table.title, column, value)


def test_headers_are_words_not_codes(demo_db: Path) -> None:
    contract_names = {c for t in TABLE_ORDER for c in TABLES_BY_NAME[t].column_names}
    for table in _all_tables(demo_db):
        english = [c for c in table.frame.columns if c in contract_names]
        assert not english, (table.title, english)


@pytest.mark.parametrize("name", EXPORTABLE_TABLES)
def test_cli_export_of_every_table(demo_db: Path, tmp_path: Path, name: str) -> None:
    """The CLI writes the same tables; a share column is numeric in its XLSX."""

    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    out = tmp_path / f"{name}.xlsx"
    result = cli(
        "export",
        name,
        "--db",
        str(path),
        "--year",
        "2025",
        "--format",
        "xlsx",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out)["Data"]
    with Database(path).read() as con:
        expected = named_table(con, name, Scope(2025), OPERATOR)
    assert sheet.max_row - 1 == len(expected.frame)
    for column, fmt in expected.formats.items():
        if fmt == "share" and len(expected.frame):
            index = list(expected.frame.columns).index(column) + 1
            cells = [sheet.cell(r, index) for r in range(2, sheet.max_row + 1)]
            assert all(c.value is None or "%" in c.number_format for c in cells)
