"""AppTest of the Oversikt page: runs on the demo, an empty database and a missing one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import db
from dashboard.formatting import format_fraction, format_value
from dashboard.indicators import status_label
from dashboard.scorecard import compute_scorecard

ENTRY = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _run(monkeypatch: pytest.MonkeyPatch, path: Path) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return AppTest.from_file(ENTRY, default_timeout=60).run()


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path) -> Path:
    """The app opens its database read-write: give it its own copy."""
    return Path(shutil.copy(demo_db, tmp_path / "app.duckdb"))


def test_oversikt_shows_the_engines_figures(monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    at = _run(monkeypatch, app_db)
    assert not at.exception
    year = at.selectbox(key="year").value
    shown = {}
    for frame in (df.value for df in at.dataframe):
        for row in frame.itertuples(index=False):
            shown[row.Indikator] = row
    con = db.connect(app_db, read_only=False)
    expected = compute_scorecard(con, int(year))
    assert len(shown) == len(expected) == 16
    for result in expected:
        row = shown[result.indicator.title]
        assert row.Verdi == format_value(result.indicator.kind, result.value)
        assert row.Antall == format_fraction(result.numerator, result.denominator)
        assert row.Status == status_label(result.status)


def test_changing_the_year_changes_the_figures(
    monkeypatch: pytest.MonkeyPatch, app_db: Path
) -> None:
    at = _run(monkeypatch, app_db)
    before = [df.value.to_dict() for df in at.dataframe]
    at.selectbox(key="year").set_value(2023).run()
    assert not at.exception
    after = [df.value.to_dict() for df in at.dataframe]
    assert before != after


def test_empty_database_shows_no_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    db.connect(empty).close()
    at = _run(monkeypatch, empty)
    assert not at.exception
    values = [v for df in at.dataframe for v in df.value["Verdi"]]
    assert values and set(values) == {"ingen data"}


def test_missing_database_explains_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = _run(monkeypatch, tmp_path / "nowhere.duckdb")
    assert not at.exception
    assert "Fant ingen database" in at.error[0].value
