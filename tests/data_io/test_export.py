"""Exports read back the way Excel and a CSV reader see them: types, header, no formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.engine.database import Database
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange.export import ExportMeta, file_name, safe_text, to_csv, to_xlsx
from dashboard.exchange.tables import named_table
from tests.engine import cli, copy_lake

META = ExportMeta(
    "Ressurspersoner",
    {"år": "2026", "network_group": "SYK-STAV"},
    made_at=dt.datetime(2026, 11, 23, 14, 5),
)
FRAME = pd.DataFrame(
    {
        "Navn": ['=HYPERLINK("http://x")', "+47 999", "-1", "@SUM(A1)", "Åse Ødegård"],
        "Startdato": pd.to_datetime(["2026-04-16", "2025-01-01", None, "2024-02-29", "2026-11-12"]),
        "Andel": [0.805, 0.5, None, 1.0, 0.0],
        "Antall": [41, 3, 0, 7, 12],
        "Tidspunkt": pd.to_datetime(["2026-11-20 06:00"] * 5).tz_localize("UTC"),
    }
)
FORMATS = {"Andel": "percent", "Antall": "integer"}


def test_xlsx_has_types_header_filter_and_no_formulas() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(FRAME, META, FORMATS)))
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    assert header == ["Navn", "Startdato", "Andel", "Antall", "Tidspunkt"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E6"
    names = [sheet.cell(row=r, column=1) for r in range(2, 7)]
    # User text that looks like a formula stays text: no cell is a formula.
    assert [c.value for c in names] == list(FRAME["Navn"])
    assert {c.data_type for c in names} == {"s"}
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row), (
        "a cell became a formula"
    )
    start = sheet.cell(row=2, column=2)
    assert start.value == dt.datetime(2026, 4, 16) and start.number_format == "dd.mm.yyyy"
    assert sheet.cell(row=4, column=2).value is None
    share = sheet.cell(row=2, column=3)
    assert share.value == pytest.approx(0.805) and share.number_format == "0.0 %"
    assert sheet.cell(row=2, column=4).value == 41
    # Time zones are converted to Oslo time and dropped (Excel rejects them).
    assert sheet.cell(row=2, column=5).value == dt.datetime(2026, 11, 20, 7, 0)
    assert sheet.column_dimensions["A"].width >= len('=HYPERLINK("http://x")')
    about = workbook["Om uttrekket"]
    lines = {row[0].value: row[1].value for row in about.iter_rows()}
    assert lines == {
        "Tabell": "Ressurspersoner",
        "Utvalg": "år: 2026; network_group: SYK-STAV",
        "Laget": "23.11.2026 14:05",
    }


def test_csv_for_norwegian_excel() -> None:
    data = to_csv(FRAME, META, FORMATS)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so Excel reads æøå
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tabell", "Ressurspersoner"]
    assert rows[1] == ["Utvalg", "år: 2026; network_group: SYK-STAV"]
    assert rows[2] == ["Laget", "23.11.2026 14:05"]
    assert rows[3] == []
    assert rows[4] == ["Navn", "Startdato", "Andel", "Antall", "Tidspunkt"]
    assert rows[5] == ['\'=HYPERLINK("http://x")', "16.04.2026", "80,5 %", "41", "20.11.2026 07:00"]
    assert [r[0] for r in rows[6:9]] == ["'+47 999", "'-1", "'@SUM(A1)"]
    assert rows[7][1] == "" and rows[7][2] == ""
    assert rows[9] == ["Åse Ødegård", "12.11.2026", "0,0 %", "12", "20.11.2026 07:00"]


def test_safe_text_and_file_names() -> None:
    assert safe_text("=1+1") == "'=1+1"
    assert safe_text("Kari") == "Kari"
    assert file_name("Dekning per kommune / 2026", "xlsx", dt.date(2026, 11, 23)) == (
        "dekning_per_kommune___2026_2026-11-23.xlsx"
    )


def test_exported_indicators_equal_the_engines(demo_db: Path) -> None:
    scope = Scope(2025, None, Selection(network_group="SYK-DSJ"))
    with Database(demo_db).read() as con:
        table = named_table(con, "indicators", scope)
        results = compute_scorecard(con, scope).results
    workbook = load_workbook(io.BytesIO(to_xlsx(table.frame, META, table.formats)))
    rows = list(workbook["Data"].iter_rows(min_row=2, values_only=True))
    header = [c.value for c in workbook["Data"][1]]
    by_id = {row[header.index("ID")]: row for row in rows}
    assert len(by_id) == 16
    for r in results:
        row = by_id[r.indicator.id]
        assert row[header.index("Teller")] == r.numerator
        assert row[header.index("Nevner")] == r.denominator
        assert row[header.index("Verdi")] == (
            pytest.approx(r.value) if r.value is not None else None
        )


def test_cli_export_csv_with_filters(demo_db: Path, tmp_path: Path) -> None:
    demo_copy = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    out = tmp_path / "ledige.csv"
    result = cli(
        "export",
        "vacant_units",
        "--db",
        str(demo_copy),
        "--year",
        "2026",
        "--network-group",
        "SYK-STAV",
        "--format",
        "csv",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    # The selection in words, with the group's name (as the app writes it).
    assert rows[1][1].startswith("År: 2026; Per dato: ")
    assert rows[1][1].endswith("; Nettverksgruppe: Stavanger + SUS")
    header, body = rows[4], rows[5:]
    scope = Scope(2026, None, Selection(network_group="SYK-STAV"))
    with Database(demo_copy).read() as con:
        expected = named_table(con, "vacant_units", scope)
        audit = con.execute("select action, n_rows from audit_log").fetchall()
    assert header == list(expected.frame.columns)
    assert [r[header.index("Enhets-ID")] for r in body] == expected.frame["Enhets-ID"].tolist()
    assert [int(r[header.index("Dager ledig")]) for r in body] == (
        expected.frame["Dager ledig"].tolist()
    )
    # The leaders to contact are person-level: the export is in the audit trail.
    assert audit == [("eksport av personopplysninger", len(body))]


def test_cli_export_refuses_unknown_table(demo_db: Path, tmp_path: Path) -> None:
    result = cli(
        "export", "passwords", "--db", str(demo_db), "--output", str(tmp_path / "x.csv"), timeout=60
    )
    assert result.returncode == 2
    assert "invalid choice" in result.stderr or "ugyldig" in result.stderr
