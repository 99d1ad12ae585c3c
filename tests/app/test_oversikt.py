"""AppTest of Oversikt: the tiles show the engine's figures; empty and missing databases; meeting
mode."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.indicators import status_label
from tests.app.conftest import frame_with, html_text
from tests.engine import engine

PAGE = "app_pages/oversikt.py"


def test_tiles_show_the_engines_figures(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE)
    assert not at.exception
    tiles = html_text(at)
    expected = engine(app_db, dt.date.today().year).values()
    for result in expected:
        assert result.indicator.title in tiles
        assert format_value(result.indicator.kind, result.value) in tiles
        assert format_fraction(result.numerator, result.denominator) in tiles
        assert status_label(result.status) in tiles
    table = frame_with(at, "Teller", "Nevner")
    assert table["Teller"].tolist() == [r.numerator for r in expected]
    assert table["Nevner"].tolist() == [r.denominator for r in expected]
    # No Plotly figure per tile: the trends are drawn inline.
    assert len(at.get("plotly_chart")) == 0
    assert tiles.count("Forklaring og detaljer") == 16


def test_tiles_link_to_their_section_with_the_same_selection(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, gruppe="SYK-SAND", ar="2025")
    bodies = " ".join(e.proto.body for e in at.get("html"))
    assert (
        'href="oppmote?ar=2025&amp;gruppe=SYK-SAND&amp;del=arrangementer#meeting_attendance"'
        in bodies
    )
    assert 'href="dekning?ar=2025&amp;gruppe=SYK-SAND&amp;del=enheter#vacant_units"' in bodies


def test_filters_from_the_url_change_the_figures(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, ar="2024", gruppe="SYK-SAND")
    assert not at.exception
    assert at.selectbox(key="f_year").value == "2024"
    assert at.selectbox(key="f_network_group").value == "SYK-SAND"
    expected = engine(app_db, 2024, network_group="SYK-SAND").values()
    table = frame_with(at, "Teller", "Nevner")
    assert table["Teller"].tolist() == [r.numerator for r in expected]


def test_a_selection_with_nothing_in_it(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, hf="bergen")  # a health trust without data in the demo
    assert not at.exception
    assert any("Utvalget" in i.value or "ingen data" in i.value.lower() for i in at.info)
    assert set(frame_with(at, "Verdi")["Verdi"]) == {"ingen data"}


def test_empty_database_shows_no_data(run_page, empty_db: Path) -> None:
    at = run_page(empty_db, PAGE)
    assert not at.exception
    assert set(frame_with(at, "Verdi")["Verdi"]) == {"ingen data"}


def test_missing_database_explains_what_to_do(run_page, tmp_path: Path) -> None:
    at = run_page(tmp_path / "nowhere.lake", PAGE)
    assert not at.exception
    assert "Fant ingen database" in at.error[0].value


def test_meeting_mode_shows_the_scorecard_alone(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, mote="1")
    assert not at.exception
    assert len(at.dataframe) == 0  # the projector shows tiles only
    bodies = " ".join(e.proto.body for e in at.get("html"))
    assert 'class="nk-meeting"' in bodies
    assert bodies.count('class="nk-tile"') == 16


def test_documents_are_made_on_request(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE)
    assert not [b for b in at.get("download_button") if "årsrapport" in b.proto.label.lower()]
    next(b for b in at.button if b.key == "make_document_xlsx").click()
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Last ned årsrapport (excel)" in labels
