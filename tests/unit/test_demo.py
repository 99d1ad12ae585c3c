"""The embedded demo network: deterministic, realistic in size, the 2026 calendar of seed 001."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from dashboard.demo.lake_writer import TABLE_COLUMNS
from dashboard.demo.network import build_demo
from dashboard.demo.region import DATA_DATE
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard


def _all_rows(path: Path) -> dict[str, list[tuple]]:
    with Database(path).read() as con:
        rows = {
            table: con.execute(f"select * from {table} order by all").fetchall()
            for table in TABLE_COLUMNS
        }
        rows["import_batch"] = con.execute(
            "select * replace (imported_at::varchar as imported_at) from import_batch"
        ).fetchall()
        rows["prepared_count"] = con.execute("select * from prepared_count order by all").fetchall()
        return rows


def test_same_seed_same_database(demo_db: Path, tmp_path: Path) -> None:
    again = build_demo(tmp_path / "again.lake")
    assert _all_rows(again) == _all_rows(demo_db)


def test_another_seed_another_network(demo_db: Path, tmp_path: Path) -> None:
    other = build_demo(tmp_path / "other.lake", seed=7)
    assert _all_rows(other)["member"] != _all_rows(demo_db)["member"]


def test_sizes_are_realistic(demo_db: Path) -> None:
    with Database(demo_db).read() as con:
        _check_sizes(con)


def _check_sizes(con: object) -> None:
    active = dict(
        con.execute(
            "select profession, count(distinct member_id) from member"
            " where is_active(start_date, end_date, $d) group by 1",
            {"d": DATA_DATE},
        ).fetchall()
    )
    assert 120 <= active["sykepleier"] <= 145
    assert 25 <= active["fysioterapeut"] <= 35
    assert 7 <= active["ergoterapeut"] <= 13
    municipalities = con.execute("select count(*) from municipality").fetchall()[0][0]
    assert municipalities == 15
    groups = con.execute("select network, count(*) from network_group group by 1 order by 1")
    assert groups.fetchall() == [("fysio_ergo", 1), ("sykepleier", 4)]
    # Turnover: people left, moved unit and were replaced in every year of the history.
    left = con.execute(
        "select year(end_date), count(*) from member where end_date is not null"
        " and year(end_date) between 2021 and 2025 group by 1"
    ).fetchall()
    assert len(left) == 5 and all(n >= 10 for _, n in left)
    movers = con.execute(
        "select count(*) from (select member_id from member group by 1 having count(distinct unit_id) > 1)"
    ).fetchall()[0][0]
    assert movers >= 5


def test_calendar_2026_is_the_annual_plans(demo_db: Path) -> None:
    with Database(demo_db).read() as con:
        rows = con.execute(
            "select e.kind, coalesce(g.name, ''), e.event_date from event e"
            " left join network_group g on g.code = e.network_group"
            " where year(e.event_date) = 2026 order by e.event_date, 2"
        ).fetchall()
    d = dt.date
    meetings = {(name, day) for kind, name, day in rows if kind == "nettverksmote"}
    assert meetings == {
        ("Stavanger + SUS", d(2026, 4, 16)),
        ("Stavanger + SUS", d(2026, 10, 22)),
        ("Sandnes + SUS", d(2026, 4, 16)),
        ("Sandnes + SUS", d(2026, 10, 15)),
        ("Dalane og sør Jæren + SUS", d(2026, 3, 12)),
        ("Dalane og sør Jæren + SUS", d(2026, 10, 29)),
        ("Ryfylke og nord Jæren + SUS", d(2026, 3, 12)),
        ("Ryfylke og nord Jæren + SUS", d(2026, 10, 22)),
    }
    by_kind = Counter(kind for kind, _, _ in rows)
    assert by_kind["fagdag"] == 1 and by_kind["introkurs"] == 1 and by_kind["samling"] == 2
    days = {(kind, day) for kind, _, day in rows}
    assert ("introkurs", d(2026, 1, 29)) in days
    assert ("annet", d(2026, 3, 26)) in days  # fagdag i grunnleggende palliasjon
    assert ("samling", d(2026, 4, 28)) in days
    assert ("samling", d(2026, 10, 15)) in days
    assert ("fagdag", d(2026, 11, 12)) in days


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_indicator_shows_something(demo_db: Path, year: int) -> None:
    with Database(demo_db).read() as con:
        results = compute_scorecard(con, Scope(year), today=DATA_DATE).results
    assert len(results) == 16
    assert all(r.denominator >= 5 for r in results), [r.indicator.id for r in results]
    statuses = Counter(r.status for r in results)
    assert statuses["met"] >= 2 and statuses["close"] >= 2 and statuses["not_met"] >= 2, statuses
    shares = [r.value for r in results if r.indicator.kind == "share"]
    assert all(0 < v <= 1 for v in shares)
    attendance = {r.indicator.id: r.value for r in results}
    assert 0.65 <= attendance["meeting_attendance"] <= 0.90
    assert 0.65 <= attendance["fagdag_attendance"] <= 0.90
