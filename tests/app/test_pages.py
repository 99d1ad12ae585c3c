"""AppTest of every page: runs without exception on the demo, an empty database and a selection
with nothing in it; figures shown equal the engine's and the list queries'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine.formatting import format_fraction, format_share
from dashboard.engine.scope import as_of_date_for
from tests.app.conftest import PAGES, frame_with, html_text
from tests.engine import engine, sql, table


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo(run_page, app_db: Path, page: str) -> None:
    at = run_page(app_db, page)
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(run_page, empty_db: Path, page: str) -> None:
    at = run_page(empty_db, page)
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_when_nothing_is_selected(run_page, app_db: Path, page: str) -> None:
    at = run_page(app_db, page, hf="bergen", yrke="ergoterapeut")
    assert not at.exception, [e.value for e in at.exception]


def test_dekning_shows_coverage_and_vacant_units(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/dekning.py", ar="2025", **{"del": "enheter"})
    assert not at.exception
    results = engine(app_db, 2025)
    tiles = html_text(at)
    assert format_share(results["unit_coverage"].value) in tiles
    vacant = results["vacant_units"]
    assert f"Ledige enheter {vacant.numerator} " in " ".join(tiles.split())
    uncovered = frame_with(at, "Situasjon", "Enhet")
    shown_vacant = uncovered[uncovered["Situasjon"].str.startswith("Ledig")]
    assert sorted(shown_vacant["Enhet"]) == sorted(
        table(app_db, "vacant_units", 2025).frame["Enhet"]
    )
    # The default section: coverage per municipality, one row per municipality.
    at = run_page(app_db, "app_pages/dekning.py", ar="2025")
    assert len(frame_with(at, "Kommune", "Dekning")) == 15


def test_oppmote_shows_each_event_and_the_rates(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/oppmote.py", ar="2026", gruppe="SYK-STAV")
    assert not at.exception
    results = engine(app_db, 2026, network_group="SYK-STAV")
    assert format_share(results["meeting_attendance"].value) in html_text(at)
    events = frame_with(at, "Arrangement", "Forventet")
    meetings = events[events["Type"] == "Nettverksmøte"]
    # The year's Stavanger + SUS meetings (16.04 and 22.10) sum to the indicator.
    assert meetings["Møtt"].sum() == results["meeting_attendance"].numerator
    assert meetings["Forventet"].sum() == results["meeting_attendance"].denominator
    # Under a group filter, no other group's meetings (they have nobody expected).
    assert (events["Forventet"] > 0).all()
    at = run_page(app_db, "app_pages/oppmote.py", ar="2026", gruppe="SYK-STAV", **{"del": "premie"})
    full = frame_with(at, "Arrangementer")
    assert len(full) == results["full_attendance"].numerator


def test_prize_draw_is_reproducible_and_recorded(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/oppmote.py", ar="2025", **{"del": "premie"})
    at.number_input(key="draw_seed").set_value(123456)
    at.number_input(key="draw_winners").set_value(3)
    submit = next(b for b in at.button if "Trekk vinnere" in b.proto.label)
    submit.click()
    at.run()
    assert not at.exception
    first = at.success[0].value
    assert "frø 123456" in first
    next(b for b in at.button if "Trekk vinnere" in b.proto.label).click()
    at.run()
    assert at.success[0].value == first  # same seed, same list → same winners
    draws = frame_with(at, "Frø")
    assert draws["Frø"].tolist() == [123456, 123456]
    assert all("T" not in str(t) for t in draws["Tidspunkt"])  # Oslo time, not ISO UTC


def test_rapportering_shows_response_and_reminder_list(run_page, app_db: Path) -> None:
    year = dt.date.today().year
    at = run_page(app_db, "app_pages/rapportering.py")
    assert not at.exception
    results = engine(app_db, year)
    response = results["report_response"]
    tiles = html_text(at)
    assert format_share(response.value) in tiles
    leader = results["leader_meeting"]
    assert format_fraction(leader.numerator, leader.denominator) in tiles
    at = run_page(app_db, "app_pages/rapportering.py", **{"del": "mangler"})
    reminder = frame_with(at, "Leders e-post")
    assert len(reminder) == response.denominator - response.numerator


def test_ressurspersoner_search_and_history(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/ressurspersoner.py")
    assert not at.exception
    everyone = at.dataframe[0].value
    active = sql(
        app_db,
        "select count(*) from member where is_active(start_date, end_date, $d)",
        {"d": as_of_date_for(dt.date.today().year)},
    )[0][0]
    assert len(everyone) == active
    name = everyone["Navn"].iloc[0]
    at.text_input(key="member_search").set_value(name.split()[-1]).run()
    found = at.dataframe[0].value
    assert name in set(found["Navn"]) and len(found) < len(everyone)
    at.selectbox(key="history_person").set_value(found["ID"].iloc[0]).run()
    assert not at.exception
    history = at.dataframe[1].value
    assert "Oppnevning" in set(history["Hva"])
