"""AppTest of meeting memory on Oversikt: a frozen meeting's link shows its figures as they were
(after a new import), with the change since beside them, on every page a banner; decisions listed
under the scorecard and marked on the tiles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.engine import db, meetings
from dashboard.engine.access import OPERATOR
from dashboard.engine.database import Database
from dashboard.engine.formatting import format_fraction, format_number
from dashboard.engine.meetings import Decision, Meeting
from dashboard.engine.scope import Scope, Selection
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import importer
from tests.app.conftest import frame_with, html_text
from tests.data_io.conftest import csv_bytes

PAGE = "app_pages/oversikt.py"
YEAR = dt.date.today().year
SCOPE = Scope(YEAR, None, Selection(network_group="SYK-SAND"))
MEETING = Meeting("fagrad-1", "styringsgruppe", "stavanger", dt.date(YEAR, 3, 12), "Fagråd mars")


def _freeze_then_cover_a_unit(path: Path) -> tuple[int, int, int]:
    """Freeze SYK-SAND's figures, then give one of its uncovered units a resource nurse: the
    unit coverage's numerator then and now, and the denominator."""
    database = Database(path)
    database.change(lambda con: meetings.add_meeting(con, MEETING, "test"))
    database.change(lambda con: meetings.freeze(con, MEETING.meeting_id, SCOPE, "test"))
    with database.read() as con:
        before = compute_scorecard(con, SCOPE)["unit_coverage"]
        unit = db.run(con, "uncovered_unit_list", {"selections": SCOPE.selections()})
    unit = unit["unit_id"].iloc[0]
    rows = [
        ["member_id", "name", "profession", "unit_id", "start_date"],
        ["ny-1", "Ny Ressurs", "sykepleier", unit, f"01.01.{YEAR}"],
    ]
    database.change(
        lambda con: importer.import_files(con, [("member.csv", csv_bytes(rows))], "test")
    )
    with database.read() as con:
        after = compute_scorecard(con, SCOPE)["unit_coverage"]
    assert after.numerator == before.numerator + 1
    database.change(
        lambda con: meetings.add_note(
            con,
            Decision(
                "unit_coverage",
                "network_group=SYK-SAND",
                YEAR,
                "styringsgruppe",
                MEETING.meeting_date,
                "Rekruttere <b>raskt</b>",
                MEETING.meeting_id,
            ),
            OPERATOR,
        )
    )
    database.close()
    return before.numerator, after.numerator, before.denominator


def test_a_frozen_meeting_shows_its_figures_and_the_change_since(run_page, app_db: Path) -> None:
    then, now, units = _freeze_then_cover_a_unit(app_db)
    at = run_page(app_db, PAGE, gruppe="SYK-SAND", frosset=MEETING.meeting_id)
    assert not at.exception
    banner = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "Tall slik de var på møtet 12.03." in banner and "Fagråd mars" in banner
    tiles = html_text(at)
    assert format_fraction(then, units) in tiles
    change = frame_with(at, "Da", "Nå", "Endring")
    row = change[change["Indikator"] == "Enheter med ressurssykepleier"].iloc[0]
    assert (row["Teller da"], row["Teller nå"]) == (then, now)
    points = format_number((now - then) / units * 100, 1)
    assert row["Endring"] == f"+{points} prosentpoeng"
    decisions = frame_with(at, "Vedtak", "Organ")
    assert decisions["Vedtak"].tolist() == ["Rekruttere <b>raskt</b>"]
    assert "◆ Vedtak om indikatoren: " + str(YEAR) in tiles
    bodies = " ".join(e.proto.body for e in at.get("html"))
    assert "<b>raskt" not in bodies  # a note is text, never markup

    live = run_page(app_db, PAGE, gruppe="SYK-SAND")
    assert format_fraction(now, units) in html_text(live)
    assert not any("Tall slik de var" in w.value for w in live.warning)


def test_an_unknown_frozen_meeting_says_so_and_shows_todays_figures(run_page, app_db: Path) -> None:
    at = run_page(app_db, PAGE, frosset="finnes-ikke")
    assert not at.exception
    warned = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "Fant ingen frosne tall for møtet «finnes-ikke»" in warned
