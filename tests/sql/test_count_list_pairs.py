"""Each headline count and the list behind it read the same macro, so they agree under every
filter: the numbers on a page and the rows below them can never contradict each other."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine import db
from dashboard.engine.access import OPERATOR, people
from dashboard.engine.database import Database
from dashboard.engine.prepared import prepared_selections
from dashboard.engine.scope import Scope, Selection, selection_rows
from dashboard.engine.scorecard import count_many
from dashboard.exchange.tables import vacant_units

COMBINATIONS = [
    Selection(network_group="SYK-SAND", profession="sykepleier"),
    Selection(municipality="1103", unit_type="sykehjem"),
    Selection(health_trust="stavanger", network="fysio_ergo"),
    Selection(network_group="SYK-DSJ", unit_type="hjemmetjeneste"),
]


@pytest.fixture(scope="module")
def every_scope(demo_db: Path) -> list[Scope]:
    with Database(demo_db).read() as con:
        selections = prepared_selections(con) + COMBINATIONS
    return [
        Scope(year, as_of, s)
        for s in selections
        for year, as_of in (
            (2025, None),
            (2026, dt.date(2026, 11, 20)),
            (2023, dt.date(2023, 6, 1)),
        )
    ]


def _counts(con: object, scopes: list[Scope]) -> list[dict[str, tuple[int, int]]]:
    """Every indicator's counts for each scope, all scopes in one query per indicator."""
    rows = selection_rows((s.year, s.as_of_date, s.selection) for s in scopes)
    counts = count_many(con, rows)
    return [{i: c for (i, n), c in counts.items() if n == number} for number in range(len(scopes))]


def _list(con: object, name: str, scope: Scope) -> object:
    params = {"selections": scope.selections()}
    if db.load_query(name).personal_column:
        return people(con, name, params, OPERATOR).rows
    return db.run(con, name, params)


def test_pairs_agree_under_every_filter(demo_db: Path, every_scope: list[Scope]) -> None:
    checked = 0
    with Database(demo_db).read() as con:
        for scope, counts in zip(every_scope, _counts(con, every_scope), strict=True):
            where = (scope.year, scope.selection.key())

            # Units without a resource nurse: the gap in unit_coverage.
            covered, units = counts["unit_coverage"]
            uncovered = _list(con, "uncovered_unit_list", scope)
            assert len(uncovered) == units - covered, where
            # Vacant units: the count, its rows in the list, and the export table.
            vacant, units_again = counts["vacant_units"]
            assert units_again == units, where
            assert int(uncovered["is_vacant"].sum()) == vacant, where
            assert len(vacant_units(con, scope).frame) == vacant, where
            # Full attendance: the prize-draw list is the numerator.
            full, _ = counts["full_attendance"]
            assert len(_list(con, "full_attendance_list", scope)) == full, where
            # Intro course: the list holds every new member; those with a course, the numerator.
            took, new = counts["intro_course_uptake"]
            intro = _list(con, "intro_course_list", scope)
            assert len(intro) == new, where
            assert int(intro["course_date"].notna().sum()) == took, where
            # Reporting: the reminder list is who has not answered.
            answered, population = counts["report_response"]
            missing = _list(con, "report_missing_list", scope)
            assert len(missing) == population - answered, where
            checked += 1
    assert checked == len(every_scope) > 100


def test_a_profession_filter_empties_headline_and_list_alike(demo_db: Path) -> None:
    """The drift this layout removed: with Yrke = fysioterapeut the nurse coverage has no data,
    and the list of units without a resource nurse is empty too (it used to show all)."""
    scope = Scope(2026, None, Selection(profession="fysioterapeut"))
    with Database(demo_db).read() as con:
        assert _counts(con, [scope])[0]["unit_coverage"] == (0, 0)
        assert _list(con, "uncovered_unit_list", scope).empty
