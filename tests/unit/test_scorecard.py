"""The engine's plumbing of targets: rising and baseline targets come from the same selection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.demo.region import DATA_DATE
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope, Selection, selection_rows
from dashboard.engine.scorecard import compute_scorecard, count_indicator, count_many, scorecard
from tests.network import D, Network


def test_rising_and_baseline_targets_use_the_same_selection(demo_db: Path) -> None:
    with Database(demo_db).read() as con:
        _check_targets_of_the_same_selection(con)


def _check_targets_of_the_same_selection(con: object) -> None:
    selection = Selection(network_group="SYK-SAND")
    card = compute_scorecard(con, Scope(2026, DATA_DATE, selection), today=DATA_DATE)
    results = {r.indicator.id: r for r in card.results}
    # Rising: the target is last year's value for Sandnes + SUS, computed at 31.12.2025.
    num, den = count_indicator(con, "earmarked_time", Scope(2025, dt.date(2025, 12, 31), selection))
    assert results["earmarked_time"].target == pytest.approx(num / den)
    assert results["earmarked_time"].previous_value == pytest.approx(num / den)
    # Baseline: 1.5 x the 2021 share for Sandnes + SUS.
    num, den = count_indicator(
        con, "leader_fagdag_share", Scope(2021, dt.date(2021, 12, 31), selection)
    )
    assert results["leader_fagdag_share"].target == pytest.approx(1.5 * num / den)
    # Fixed target, and the leader-meeting target that changes in 2026.
    assert results["meeting_attendance"].target == 0.8
    assert results["leader_meeting"].target == 1.0
    assert compute_scorecard(con, Scope(2025, None, selection))["leader_meeting"].target == 0.8


def test_engine_on_a_tiny_network() -> None:
    n = Network()
    n.group("G1")
    n.municipality("1103", groups=("G1",))
    n.unit("A", "1103", "G1")
    for i in range(5):
        n.member(f"m{i}", "A", D(2020, 1, 1))
    n.event("N1", "nettverksmote", D(2026, 4, 16), group="G1")
    for i in range(4):
        n.attend("N1", f"m{i}")
    n.target("meeting_attendance", 2021, 0.8, ">=")
    n.target("unit_coverage", 2021, 1.0, ">=")
    n.refresh()
    card = compute_scorecard(n.con, Scope(2026, D(2026, 12, 31)), today=D(2027, 1, 5))
    results = {r.indicator.id: r for r in card.results}
    meeting = results["meeting_attendance"]
    # 4 of 5 expected came: 80 %, exactly the target → met.
    assert (meeting.numerator, meeting.denominator, meeting.value) == (4, 5, 0.8)
    assert meeting.status == "met"
    assert meeting.to_json() == {
        "indicator": "meeting_attendance",
        "numerator": 4,
        "denominator": 5,
        "value": 0.8,
        "target": 0.8,
        "status": "met",
    }
    # One unit, covered: 1 of 1 → too few to judge.
    assert results["unit_coverage"].status == "too_few"
    # No reporting round at all → no data, value null.
    assert results["report_response"].status == "no_data"
    assert results["report_response"].to_json()["value"] is None
    # No target row → no target.
    assert results["fagdag_attendance"].status == "no_data"
    assert results["full_attendance"].status == "no_target"


def test_counting_side_by_side_gives_the_same_counts(demo_db: Path) -> None:
    """The app counts a selection that is not prepared with two cursors side by side (reads of
    the attached file): the same counts as one cursor, and the same scorecard as computed."""
    with Database(demo_db).read() as con:
        number = con.execute("select min(number) from municipality").fetchall()[0][0]
        selections = [
            Selection(),
            Selection(municipality=number, profession="fysioterapeut"),
            Selection(health_trust="bergen", unit_type="sykehjem"),
        ]
        rows = selection_rows((2025, dt.date(2025, 12, 31), s) for s in selections)
        side_by_side = count_many(con, rows, workers=2)
        assert side_by_side == count_many(con, rows)
        assert side_by_side["unit_coverage", 0][1] > 0  # the siblings read the demo, not nothing
        scope = Scope(2025, None, selections[1])
        assert scorecard(con, scope, workers=2) == compute_scorecard(con, scope, trend=True)
