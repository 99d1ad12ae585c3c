"""AppTest of Oversikt: the tiles show the engine's figures; empty and missing databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.engine.formatting import format_fraction, format_value
from dashboard.engine.indicators import status_label
from tests.engine import engine

PAGE = "app_pages/oversikt.py"


def _texts(at) -> str:  # type: ignore[no-untyped-def]
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def test_tiles_show_the_engines_figures(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE)
    assert not at.exception
    texts = _texts(at)
    expected = engine(app_db, dt.date.today().year).values()
    for result in expected:
        assert f"**{result.indicator.title}**" in texts
        assert format_value(result.indicator.kind, result.value) in texts
        assert format_fraction(result.numerator, result.denominator) in texts
        assert status_label(result.status) in texts
    table = at.dataframe[0].value
    assert table["Antall"].tolist() == [
        format_fraction(r.numerator, r.denominator) for r in expected
    ]
    # A small trend chart per indicator.
    assert len(at.get("plotly_chart")) == 16


def test_filters_from_the_url_change_the_figures(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, ar="2024", gruppe="SYK-SAND")
    assert not at.exception
    assert at.selectbox(key="f_year").value == "2024"
    assert at.selectbox(key="f_network_group").value == "SYK-SAND"
    expected = engine(app_db, 2024, network_group="SYK-SAND").values()
    table = at.dataframe[0].value
    assert table["Antall"].tolist() == [
        format_fraction(r.numerator, r.denominator) for r in expected
    ]


def test_a_selection_with_nothing_in_it(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, hf="bergen")  # a health trust without data in the demo
    assert not at.exception
    assert any("Utvalget" in i.value or "ingen data" in i.value.lower() for i in at.info)
    assert set(at.dataframe[0].value["Verdi"]) == {"ingen data"}


def test_empty_database_shows_no_data(run_page, empty_db: Path) -> None:
    at = run_page(empty_db, PAGE)
    assert not at.exception
    assert set(at.dataframe[0].value["Verdi"]) == {"ingen data"}


def test_missing_database_explains_what_to_do(run_page, tmp_path: Path) -> None:
    at = run_page(tmp_path / "nowhere.duckdb", PAGE)
    assert not at.exception
    assert "Fant ingen database" in at.error[0].value


def test_meeting_mode_enlarges_and_hides_the_table(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, mote="1")
    assert not at.exception
    assert at.toggle(key="meeting_mode_page").value is True
    assert len(at.dataframe) == 0  # the projector shows tiles only
    assert any(m.value.startswith("# ") for m in at.markdown)  # large values


def test_documents_are_made_on_request(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE)
    assert not [b for b in at.get("download_button") if "årsrapport" in b.proto.label.lower()]
    next(b for b in at.button if b.key == "make_document_xlsx").click()
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Last ned årsrapport (excel)" in labels
