"""Meeting memory: a meeting's figures frozen on a lake snapshot read the same after new imports,
the lake's maintenance keeps that snapshot, and decisions are recorded only by those allowed.

The base database (tests/data_io/conftest.py) has two units that need a resource nurse, A in
Stavanger and B in Sandnes, and no members. Worked by hand, for 2026 as of 30.06.2026:
- with a member in A only: unit_coverage 1 of 2 (50 %), municipality_coverage_nurse 1 of 2;
- after a member in B is imported too: 2 of 2 (100 %) and 2 of 2.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from dashboard.engine import lake, meetings
from dashboard.engine.access import Access
from dashboard.engine.database import Database
from dashboard.engine.maintenance import maintain
from dashboard.engine.meetings import Decision, Meeting, MeetingRefused
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import importer
from tests.data_io.conftest import csv_bytes
from tests.engine import cli

MEMBER_HEADER = ["member_id", "name", "profession", "unit_id", "start_date"]
SCOPE = Scope(2026, dt.date(2026, 6, 30))
MEETING = Meeting("fagrad-2026-09", "styringsgruppe", "hst", dt.date(2026, 9, 10), "Fagråd sept.")
COORDINATOR = Access("koordinator@eksempel.no", "koordinator")


def _member(database: Database, member_id: str, unit: str) -> None:
    rows = [MEMBER_HEADER, [member_id, f"Person {member_id}", "sykepleier", unit, "01.01.2026"]]
    database.change(
        lambda con: importer.import_files(con, [("member.csv", csv_bytes(rows))], "test")
    )


def _figures(database: Database, at: int | None = None) -> dict[str, tuple[int, int]]:
    with database.read(at) as con:
        card = compute_scorecard(con, SCOPE)
    return {r.indicator.id: (r.numerator, r.denominator) for r in card.results}


@pytest.fixture
def frozen_db(base_db: Path) -> tuple[Database, int]:
    """A member in unit A, the meeting frozen, then a member in unit B imported."""
    database = Database(base_db)
    _member(database, "m1", "A")
    database.change(lambda con: meetings.add_meeting(con, MEETING, "test"))
    freeze = database.change(lambda con: meetings.freeze(con, MEETING.meeting_id, SCOPE, "test"))
    _member(database, "m2", "B")
    return database, freeze.snapshot_id


def test_frozen_figures_stay_as_they_were_and_live_ones_move_on(
    frozen_db: tuple[Database, int],
) -> None:
    database, snapshot = frozen_db
    then, now = _figures(database, snapshot), _figures(database)
    assert then["unit_coverage"] == (1, 2)
    assert now["unit_coverage"] == (2, 2)
    assert then["municipality_coverage_nurse"] == (1, 2)
    assert now["municipality_coverage_nurse"] == (2, 2)
    with database.read() as con:
        freeze = meetings.frozen(con, MEETING.meeting_id)
    assert freeze is not None and freeze.snapshot_id == snapshot
    assert freeze.scope == Scope(2026, dt.date(2026, 6, 30))


def test_cli_reads_the_frozen_meeting(frozen_db: tuple[Database, int], tmp_path: Path) -> None:
    database, _snapshot = frozen_db
    db_arg = str(database.path)
    database.close()  # the CLI's process opens the lake itself
    frozen = cli("indicators", "--db", db_arg, "--meeting", MEETING.meeting_id, "--format", "json")
    assert frozen.returncode == 0, frozen.stderr
    by_id = {r["indicator"]: r for r in json.loads(frozen.stdout)}
    assert (by_id["unit_coverage"]["numerator"], by_id["unit_coverage"]["denominator"]) == (1, 2)
    live = cli("indicators", "--db", db_arg, "--year", "2026", "--as-of", "2026-06-30")
    assert live.returncode == 0 and "2 av 2" in live.stdout.splitlines()[0]

    note = cli(
        "note", "add", "--db", db_arg, "--indicator", "unit_coverage", "--body",
        "styringsgruppe", "--meeting", MEETING.meeting_id, "--year", "2026",
        "--text", "Rekruttere i Sandnes før jul",
    )  # fmt: skip
    assert note.returncode == 0, note.stderr
    pack = tmp_path / "pakke.pdf"
    made = cli(
        "report", "--db", db_arg, "--meeting", MEETING.meeting_id, "--format", "pack",
        "--output", str(pack),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pack), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Tall slik de var på møtet 10.09.2026 (Fagråd sept.)" in text
    assert "Rekruttere i Sandnes før jul" in text
    figures = text.split("Vedtak om indikatorene")[0]
    assert "1 av 2" in figures and "2 av 2" not in figures

    unknown = cli("report", "--db", db_arg, "--meeting", "finnes-ikke", "--output", str(pack))
    assert unknown.returncode == 2 and "fant ikke møtet" in unknown.stderr
    listed = cli("meeting", "list", "--db", db_arg, "--format", "json")
    assert json.loads(listed.stdout)[0]["frozen_snapshot"] is not None


def _snapshots(database: Database) -> set[int]:
    """The lake's snapshots that can still be read."""
    cursor = database.lake_cursor()
    try:
        rows = cursor.execute(f"select snapshot_id from ducklake_snapshots('{lake.ALIAS}')")
        return {r[0] for r in rows.fetchall()}
    finally:
        cursor.close()


def test_maintenance_never_expires_a_frozen_snapshot(frozen_db: tuple[Database, int]) -> None:
    database, snapshot = frozen_db
    before = _snapshots(database)
    steps = dict(maintain(database, keep_days=0))
    after = _snapshots(database)
    assert steps["øyeblikksbilder eldre enn 0 dager fjernet"] > 0
    assert before - after and snapshot in after  # maintenance adds a snapshot of its own
    database.close()  # the replica of the frozen snapshot is made again from the lake
    assert _figures(Database(database.path), snapshot)["unit_coverage"] == (1, 2)


def test_decisions_are_written_only_by_coordinators_and_the_bodys_members(
    frozen_db: tuple[Database, int],
) -> None:
    database, _snapshot = frozen_db
    decision = Decision(
        "unit_coverage", "", 2026, "styringsgruppe", MEETING.meeting_date, "Følge opp Sandnes",
        MEETING.meeting_id,
    )  # fmt: skip
    steering = Access("styre@eksempel.no", "styringsgruppe")  # not in the register
    with pytest.raises(MeetingRefused, match="Bare koordinatorer og medlemmene"):
        database.change(lambda con: meetings.add_note(con, decision, steering))
    for broken, message in (
        (
            Decision("unit_coverage", "", 2026, "styringsgruppe", MEETING.meeting_date, "  "),
            "Skriv",
        ),
        (
            Decision("nope", "", 2026, "styringsgruppe", MEETING.meeting_date, "x"),
            "Ukjent indikator",
        ),
        (
            Decision("unit_coverage", "", 2026, "styringsgruppe", MEETING.meeting_date, "x", "m-0"),
            "Fant ikke møtet",
        ),
    ):
        with pytest.raises(MeetingRefused, match=message):
            database.change(lambda con, broken=broken: meetings.add_note(con, broken, COORDINATOR))
    first = database.change(lambda con: meetings.add_note(con, decision, COORDINATOR))
    second = database.change(lambda con: meetings.add_note(con, decision, COORDINATOR))
    assert (first, second) == (1, 2)
    with database.read() as con:
        rows = meetings.notes(con, year=2026, indicator="unit_coverage", selection_key="")
        audit = con.execute("select action, detail from audit_log order by audit_id").fetchall()
    assert list(rows["note"]) == ["Følge opp Sandnes", "Følge opp Sandnes"]
    assert list(rows["meeting_title"]) == ["Fagråd sept.", "Fagråd sept."]
    written = [d for a, d in audit if a == "vedtak skrevet"]
    assert len(written) == 2 and not any("Sandnes" in d for d in written)  # never the text
