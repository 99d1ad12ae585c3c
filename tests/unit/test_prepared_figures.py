"""The prepared figures are exactly what `compute_scorecard` gives: for every prepared selection
and year of the demo, on a hand-made network, and after an import and an undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.engine.database import Database
from dashboard.engine.prepared import (
    prepare_figures,
    prepared_selections,
    prepared_years,
    single_selections,
    stale_years,
)
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import (
    compute_scorecard,
    load_target_rules,
    prepared_counts,
    scorecard,
    years_needed,
)
from dashboard.exchange import importer
from tests.engine import copy_lake
from tests.network import D, Network


def _assert_prepared_equal_computed(
    con: object, years: list[int], selections: list[Selection]
) -> int:
    """Each selection and year: every year the scorecard needs was prepared (none is computed
    on the spot), and the prepared path gives the computed scorecard."""
    rules = load_target_rules(con)
    checked = 0
    for selection in selections:
        for year in years:
            scope = Scope(year, None, selection)
            computed = compute_scorecard(con, scope, trend=True)
            wanted = years_needed(scope, rules, computed.trend_years, None)
            [counts] = prepared_counts(con, [selection], wanted)
            assert {year for _indicator, year in counts} == set(wanted), (year, selection.key())
            assert scorecard(con, scope) == computed, (year, selection.key())
            checked += 1
    return checked


def test_demo_prepared_equals_computed_for_every_selection(demo_db: Path) -> None:
    with Database(demo_db).read() as con:
        assert not stale_years(con)  # built today: every year's as-of date holds
        single, every = single_selections(con), prepared_selections(con)
        combined = [selection for selection in every if selection not in single]
        # Everything, 5 trusts, 5 groups, 15 municipalities, 2 networks, 3 professions, 5 unit
        # types; then each of the 5 trusts with each of the 3 professions.
        assert (len(single), len(combined)) == (1 + 5 + 5 + 15 + 2 + 3 + 5, 5 * 3)
        assert Selection(health_trust="fonna", profession="fysioterapeut") in combined
        this_year = dt.date.today().year
        _assert_prepared_equal_computed(con, [2021, 2024, 2025, this_year], single)
        _assert_prepared_equal_computed(con, [2025, this_year], combined)


def test_hand_made_network_prepared_equals_computed() -> None:
    net = Network()
    net.group("G1")
    net.group("P1", network="fysio_ergo")
    net.municipality("1103", groups=("G1", "P1"))
    net.municipality("1108", groups=("G1",))
    net.unit("A", "1103", "G1")
    net.unit("B", "1108", "G1", unit_type="hjemmetjeneste")
    net.unit("F", "1103", "P1", unit_type="annet", needs_member=False)
    for i in range(6):
        net.member(f"s{i}", "A" if i % 2 else "B", D(2024, 1, 1), D(2026, 5, 1) if i == 0 else None)
    net.member("p1", "F", D(2025, 3, 1), profession="fysioterapeut")
    net.event("N1", "nettverksmote", D(2026, 4, 16), group="G1")
    net.event("F1", "fagdag", D(2026, 11, 12), network="alle")
    for i in range(1, 5):
        net.attend("N1", f"s{i}")
    net.attend("F1", "p1")
    net.round(2026, "sykepleier", D(2026, 10, 1))
    net.report(2026, "s1", met_leader=True, earmarked_time=True)
    net.report(2026, "s2", met_leader=False)
    net.target("meeting_attendance", 2021, 0.8, ">=")
    net.target("earmarked_time", 2021, None, "rising")
    net.refresh()
    today = D(2026, 12, 1)
    prepare_figures(net.con, today)
    for selection in prepared_selections(net.con):
        for year in prepared_years(net.con, today):
            scope = Scope(year, None, selection)
            assert scorecard(net.con, scope, today) == compute_scorecard(
                net.con, scope, today, trend=True
            ), (year, selection.key())


def test_an_import_and_an_undo_prepare_the_figures_again(demo_db: Path, tmp_path: Path) -> None:
    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    database = Database(path)
    year = dt.date.today().year
    scope = Scope(year, None, Selection(network_group="SYK-SAND"))
    with database.read() as con:
        before = scorecard(con, scope)
        unit = con.execute(
            "select unit_id from unit where network_group = 'SYK-SAND' and needs_member"
            " order by unit_id limit 1"
        ).fetchall()[0][0]
        # The prepared selections the new member is in (their figures move): the others keep
        # their rows, which the attendance test below checks.
        trust, municipality, unit_type = con.execute(
            "select health_trust, municipality_number, unit_type from unit where unit_id = $u",
            {"u": unit},
        ).fetchall()[0]
        touched = [
            s
            for s in prepared_selections(con)
            if s.chosen().items()
            <= {
                "health_trust": trust,
                "network_group": "SYK-SAND",
                "municipality": municipality,
                "profession": "sykepleier",
                "network": "sykepleier",
                "unit_type": unit_type,
            }.items()
        ]
        assert len(touched) == 8  # everything, and the unit's 7 single and combined places
    member = (
        "member_id;name;profession;unit_id;start_date\n"
        f"NY-1;Ny Person;sykepleier;{unit};01.01.{year}\n"
    ).encode()
    database.change(lambda con: importer.import_files(con, [("member.csv", member)], "test"))
    with database.read() as con:  # at once: the figures the change moved are counted on the spot
        after = scorecard(con, scope)
        assert after == compute_scorecard(con, scope, trend=True)
    database.settle()  # and prepared again within seconds
    with database.read() as con:
        assert scorecard(con, scope) == after
        _assert_prepared_equal_computed(con, [year], touched)
    # The new member is new this year: the intro-course denominator grew by one.
    assert after["intro_course_uptake"].denominator == before["intro_course_uptake"].denominator + 1
    database.change(lambda con: importer.undo_last_import(con, "test"))
    with database.read() as con:
        assert scorecard(con, scope) == before
    database.settle()
    with database.read() as con:
        assert scorecard(con, scope) == before
        _assert_prepared_equal_computed(con, [year], touched)


def test_an_attendance_import_recounts_only_its_years_and_they_are_right(
    demo_db: Path, tmp_path: Path
) -> None:
    """Attendance at a network meeting (what a check-in writes) moves only its event's year:
    that year is counted again, the other years' prepared rows (the years beside it too) stay
    as they were, and every year still equals a full recount."""
    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    database = Database(path)
    with database.read() as con:
        event_id, year = con.execute(
            "select event_id, year(event_date) from event where kind = 'nettverksmote'"
            " order by event_date limit 1"
        ).fetchall()[0]
        absent = con.execute(
            "select person_id from attendance where event_id = $e and status <> 'møtt'"
            " and person_type = 'member' limit 1",
            {"e": event_id},
        ).fetchall()[0][0]
        before = con.execute(
            "select * from prepared_count where year <> $y order by all", {"y": year}
        ).fetchall()
    rows = f"event_id;person_id;person_type;status\n{event_id};{absent};member;møtt\n".encode()
    database.change(lambda con: importer.import_files(con, [("attendance.csv", rows)], "test"))
    database.settle()
    with database.read() as con:
        # Other years: the very same rows (not counted again).
        assert (
            con.execute(
                "select * from prepared_count where year <> $y order by all", {"y": year}
            ).fetchall()
            == before
        )
        mine = con.execute("select * from prepared_count order by all").fetchall()
        assert _assert_prepared_equal_computed(con, [year], prepared_selections(con)) > 30
        # The replica told its expected_attendance who came in place: as the view counts it.
        assert con.execute(
            "select is_attended from expected_attendance where event_id = $e and member_id = $m",
            {"e": event_id, "m": absent},
        ).fetchall() == [(True,)]
        _assert_expected_attendance_as_the_view_counts_it(con)
        # A member expected but not listed at all checks in: a new row.
        newcomer = con.execute(
            "select x.member_id from expected_attendance as x where x.event_id = $e and not"
            " exists (select 1 from attendance as a where a.event_id = x.event_id"
            " and a.person_id = x.member_id) limit 1",
            {"e": event_id},
        ).fetchall()[0][0]
    rows = f"event_id;person_id;person_type;status\n{event_id};{newcomer};member;møtt\n".encode()
    database.change(lambda con: importer.import_files(con, [("attendance.csv", rows)], "test"))
    database.settle()
    with database.read() as con:
        _assert_expected_attendance_as_the_view_counts_it(con)
        assert con.execute(
            "select bool_and(is_attended) from expected_attendance"
            " where event_id = $e and member_id = $m",
            {"e": event_id, "m": newcomer},
        ).fetchall() == [(True,)]
        mine = con.execute("select * from prepared_count order by all").fetchall()
    # A full recount gives the same table: nothing the attendance moved was left out.
    database.close()
    with Database(copy_lake(path, tmp_path / "full.lake")).read() as full:
        prepare_figures(full)  # in the read's own transaction, on the replica: never kept
        assert full.execute("select * from prepared_count order by all").fetchall() == mine


def test_attendance_at_an_intro_course_recounts_the_years_beside_it_too(
    demo_db: Path, tmp_path: Path
) -> None:
    """An intro course counts for new members who started up to 365 days before it: a member who
    started the year before and comes to this year's course moves that year's
    intro_course_uptake. The years beside the course's are counted again, and equal a full
    count; the years further off stay as they were."""
    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    database = Database(path)
    with database.read() as con:
        # 2025-INTRO (23.01.2025): a member whose first appointment started in 2024, in the 365
        # days before it, who has come to no intro course in their window.
        event_id, year, member_id = con.execute(
            "select e.event_id, year(e.event_date), f.member_id"
            " from event as e join first_appointment as f"
            " on f.start_date between e.event_date - 365 and e.event_date - 1"
            " and year(f.start_date) = year(e.event_date) - 1"
            " where e.kind = 'introkurs' and year(e.event_date) = 2025"
            " and f.member_id not in (select member_id from member_intro_course)"
            " order by f.member_id limit 1"
        ).fetchall()[0]
        figure = (
            "select numerator from prepared_count where indicator = 'intro_course_uptake'"
            " and year = $y and selection_key = ''"
        )
        uptake_before = con.execute(figure, {"y": year - 1}).fetchall()
        further = (
            "select * from prepared_count where year not between $y - 1 and $y + 1 order by all"
        )
        before = con.execute(further, {"y": year}).fetchall()
    rows = f"event_id;person_id;person_type;status\n{event_id};{member_id};member;møtt\n".encode()
    database.change(lambda con: importer.import_files(con, [("attendance.csv", rows)], "test"))
    database.settle()
    with database.read() as con:
        assert con.execute(further, {"y": year}).fetchall() == before
        [(numerator,)] = uptake_before
        assert con.execute(figure, {"y": year - 1}).fetchall() == [(numerator + 1,)]
        everything = [Selection()]
        assert _assert_prepared_equal_computed(con, [year - 1, year, year + 1], everything) == 3


def _assert_expected_attendance_as_the_view_counts_it(con: object) -> None:
    """The replica's table (kept in place after attendance alone changed) equals the view."""
    kept = con.execute("select * from expected_attendance order by all").fetchall()
    assert kept == con.execute("select * from expected_attendance_live order by all").fetchall()


def test_a_new_days_figures_are_counted_once_and_kept_for_the_next_process(
    demo_db: Path, tmp_path: Path
) -> None:
    """The day after the figures were prepared, the current year is counted again at the new
    as-of date, and kept: the next process starts with them instead of counting the day again."""
    path = copy_lake(demo_db, tmp_path / "demo.lake")
    today = dt.date.today()
    step = dt.timedelta(days=1 if (today.month, today.day) != (12, 31) else -1)
    other_day = today + step
    current = Database(path)
    with current.read() as con:
        assert stale_years(con, other_day) == [today.year]
    kept_before = _kept_as_of(current, today.year)
    assert kept_before == [today]
    assert current.refresh_if_stale(other_day)
    with current.read() as con:
        assert not stale_years(con, other_day)
    assert _kept_as_of(current, today.year) == [other_day]
    assert not current.refresh_if_stale(other_day)  # counted once
    current.close()
    again = Database(path)  # as a new process: the replica kept on disk
    with again.read() as con:
        assert not stale_years(con, other_day)
        held = con.execute("select snapshot_id from replica_snapshot").fetchall()[0][0]
    assert held == again.snapshot_id()
    again.close()


def _kept_as_of(current: Database, year: int) -> list[dt.date]:
    """The as-of dates of `year` among the prepared figures kept in the lake."""
    cursor = current.lake_cursor()
    try:
        rows = cursor.execute(
            "select distinct as_of_date from prepared_figures where year = $y", {"y": year}
        ).fetchall()
    finally:
        cursor.close()
    return [row[0] for row in rows]
