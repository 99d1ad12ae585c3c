"""Targets are data: a database built only by importing files (the import templates, no target
file) has the seed documents' targets, and editing one changes the tile, the chart line, the
export and the report, with no constant anywhere in between."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.engine import admin, db
from dashboard.engine.contract import TABLE_ORDER
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import importer, report
from dashboard.exchange.page_tables import scorecard_table
from dashboard.exchange.templates import template_xlsx
from tests.app.conftest import html_text

YEAR = 2026  # the templates' example event is a network meeting on 16.04.2026


@pytest.fixture
def imported_db(tmp_path: Path) -> Path:
    path = tmp_path / "imported.lake"
    files = [(f"{t}.xlsx", template_xlsx(t)) for t in TABLE_ORDER if t != "target"]
    Database(path).change(lambda con: importer.import_files(con, files, imported_by="test"))
    return path


def _set_meeting_target(path: Path, value: float) -> None:
    database = Database(path)
    targets = database.run("target_rules")
    targets.loc[targets["indicator"] == "meeting_attendance", "value"] = value
    database.change(lambda con: admin.save_targets(con, targets, by="test"))


def test_imported_database_has_the_seed_targets(imported_db: Path) -> None:
    rows = Database(imported_db).run("target_rules")
    assert len(rows) == len(db.seed_targets())
    meeting = rows[rows["indicator"] == "meeting_attendance"].iloc[0]
    assert (meeting["value"], meeting["comparison"]) == (0.8, ">=")


def test_an_edited_target_reaches_tile_chart_export_and_report(imported_db: Path, run_page) -> None:
    _set_meeting_target(imported_db, 0.9)
    with Database(imported_db).read() as con:
        card = compute_scorecard(con, Scope(YEAR))
        content = report.collect(con, Scope(YEAR))
    assert card["meeting_attendance"].target == 0.9
    # The export.
    frame = scorecard_table(card.results, YEAR).frame.set_index("ID")
    assert frame.loc["meeting_attendance", "Mål"] == 0.9
    # The report: its XLSX, and its chart of the events.
    workbook = load_workbook(io.BytesIO(report.to_xlsx(content)))
    sheet = pd.DataFrame(
        list(workbook["Indikatorer"].values)[1:],
        columns=[c.value for c in workbook["Indikatorer"][1]],
    )
    assert sheet.set_index("ID").loc["meeting_attendance", "Mål"] == pytest.approx(0.9)
    events_chart = report.figures(content)["events"]
    assert [shape.y0 for shape in events_chart.layout.shapes] == [pytest.approx(90.0)]
    # The tile on Oversikt.
    at = run_page(imported_db, "app_pages/oversikt.py", ar=str(YEAR))
    assert not at.exception
    assert "Mål: minst 90,0 %" in html_text(at)
    # The chart line on Oppmøte.
    at = run_page(imported_db, "app_pages/oppmote.py", ar=str(YEAR))
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    lines = [
        row["target"]
        for layer in spec["layer"]
        if layer.get("layer") and layer["layer"][0]["mark"]["type"] == "rule"
        for row in layer["data"]["values"]
    ]
    assert lines == [pytest.approx(90.0)]
