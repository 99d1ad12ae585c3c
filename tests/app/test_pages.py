"""AppTest of every page: runs without exception on the demo, an empty database and a selection
with nothing in it; figures shown equal the engine's and the list queries'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine.formatting import format_fraction, format_share
from dashboard.engine.scope import as_of_date_for
from tests.app.conftest import PAGES
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
    at = run_page(app_db, "app_pages/dekning.py", ar="2025")
    assert not at.exception
    results = engine(app_db, 2025)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Enheter med ressurssykepleier"] == format_share(results["unit_coverage"].value)
    assert metrics["Ledige enheter"] == str(results["vacant_units"].numerator)
    vacant = table(app_db, "vacant_units", 2025)
    uncovered = next(df.value for df in at.dataframe if "Situasjon" in df.value.columns)
    shown_vacant = uncovered[uncovered["Situasjon"].str.startswith("Ledig")]
    assert sorted(shown_vacant["Enhet"]) == sorted(vacant.frame["unit_name"])
    # Coverage per municipality sums to the unit counts of the municipal units.
    per_municipality = next(
        df.value
        for df in at.dataframe
        if "Kommune" in df.value.columns and "Dekning" in df.value.columns
    )
    assert len(per_municipality) == 15


def test_oppmote_shows_each_event_and_the_rates(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/oppmote.py", ar="2026", gruppe="SYK-STAV")
    assert not at.exception
    results = engine(app_db, 2026, network_group="SYK-STAV")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Oppmøte på nettverksmøter"] == format_share(results["meeting_attendance"].value)
    events = next(
        df.value
        for df in at.dataframe
        if "Arrangement" in df.value.columns and "Forventet" in df.value.columns
    )
    meetings = events[events["Type"] == "Nettverksmøte"]
    # The year's Stavanger + SUS meetings (16.04 and 22.10) sum to the indicator.
    assert meetings["Møtt"].sum() == results["meeting_attendance"].numerator
    assert meetings["Forventet"].sum() == results["meeting_attendance"].denominator
    full = next(df.value for df in at.dataframe if "Arrangementer" in df.value.columns)
    assert len(full) == results["full_attendance"].numerator


def test_prize_draw_is_reproducible_and_recorded(run_page, app_db: Path) -> None:
    at = run_page(app_db, "app_pages/oppmote.py", ar="2025")
    at.number_input[0].set_value(123456)
    at.number_input[1].set_value(3)
    at.button[0].click()  # the form's submit button
    at.run()
    assert not at.exception
    first = at.success[0].value
    assert "frø 123456" in first
    at.button[0].click()
    at.run()
    assert at.success[0].value == first  # same seed, same list → same winners
    draws = next(df.value for df in at.dataframe if "Frø" in df.value.columns)
    assert draws["Frø"].tolist() == [123456, 123456]


def test_rapportering_shows_response_and_reminder_list(run_page, app_db: Path) -> None:
    year = dt.date.today().year
    at = run_page(app_db, "app_pages/rapportering.py")
    assert not at.exception
    results = engine(app_db, year)
    response = results["report_response"]
    assert at.metric[0].value == format_share(response.value)
    reminder = next(df.value for df in at.dataframe if "Leders e-post" in df.value.columns)
    assert len(reminder) == response.denominator - response.numerator
    answers = at.dataframe[0].value
    assert answers["Antall"].tolist()[0] == format_fraction(
        results["leader_meeting"].numerator, results["leader_meeting"].denominator
    )


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
