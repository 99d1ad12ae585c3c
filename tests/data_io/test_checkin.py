"""Check-in by QR code lands exactly as an import of the same rows would: the same rows, the same
figures, the same undo; unknown e-mails wait for the coordinator, refused links and too many
attempts write nothing, the CLI prints the link. The questionnaire: test_capture.py. Real DuckDB
files (copies of the demo database), the engine's own functions, no mocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine import capture, db
from dashboard.engine.access import DEMO
from dashboard.engine.capture import TokenRefused
from dashboard.engine.database import Database
from dashboard.exchange import checkin, importer
from tests.data_io.captured import ADDRESS, ROUND, SECRET, copied, figures, import_text, now
from tests.engine import signature_changed, sql


@pytest.fixture
def database(demo_db: Path, tmp_path: Path) -> Database:
    return copied(demo_db, tmp_path, "a.lake")


def _event_today(database: Database, event_id: str = "TEST-I-DAG", group: str = "SYK-SAND") -> None:
    import_text(
        database,
        "event.csv",
        "event_id;kind;title;event_date;network;network_group;health_trust\n"
        f"{event_id};nettverksmote;Testmøte;{dt.date.today().isoformat()};sykepleier;{group};"
        "stavanger\n",
    )


def _expected_emails(database: Database, event_id: str) -> list[tuple[str, str]]:
    with database.read() as con:
        return con.execute(
            "select distinct x.member_id, m.email from expected_attendance x"
            " join member m using (member_id) where x.event_id = $e order by 1",
            {"e": event_id},
        ).fetchall()


def _check_in(
    database: Database, email: str, event_id: str = "TEST-I-DAG", address: str = ADDRESS
) -> str:
    token = capture.checkin_token(SECRET, event_id)
    return database.change(lambda con: checkin.check_in(con, SECRET, token, email, address, now()))


def _attendance(database: Database, event_id: str) -> list[tuple]:
    return sql(
        database.path,
        "select person_id, person_type, status from attendance where event_id = $e order by 1",
        {"e": event_id},
    )


def test_checkin_writes_one_attendance_row_as_an_import_would(
    demo_db: Path, tmp_path: Path
) -> None:
    checked = copied(demo_db, tmp_path, "checked.lake")
    imported = copied(demo_db, tmp_path, "imported.lake")
    for database in (checked, imported):
        _event_today(database)
    year = dt.date.today().year
    before = figures(checked, year)["meeting_attendance"]
    (first, first_email), (second, second_email) = _expected_emails(checked, "TEST-I-DAG")[:2]

    assert _check_in(checked, first_email) == "registered"
    assert _check_in(checked, f"  {first_email.upper()} ") == "already"  # once only
    assert _check_in(checked, second_email) == "registered"
    assert _attendance(checked, "TEST-I-DAG") == [
        (first, "member", "møtt"),
        (second, "member", "møtt"),
    ]
    import_text(
        imported,
        "attendance.csv",
        f"event_id;person_id;person_type;status\nTEST-I-DAG;{first};member;møtt\n"
        f"TEST-I-DAG;{second};member;møtt\n",
    )
    after = figures(checked, year)
    assert after == figures(imported, year)
    assert after["meeting_attendance"] == (before[0] + 2, before[1])
    with checked.read() as con:
        history = con.execute(
            "select distinct import_id from import_batch where file_name = 'innsjekk TEST-I-DAG'"
        ).fetchall()
        assert len(history) == 1  # the event's check-ins are one import
    # Undone together: the attendance is as before the check-in.
    checked.change(lambda con: importer.undo_and_record(con, "test"))
    assert _attendance(checked, "TEST-I-DAG") == []


def test_a_member_registered_absent_is_changed_to_present_and_then_already_writes_nothing(
    database: Database,
) -> None:
    """Whether someone is registered is what the importer finds for their row: `forfall`
    becomes `møtt` (a change, undone with the rest), `møtt` again changes nothing and leaves no
    line in the history or the audit trail, only the attempt."""
    _event_today(database)
    [(member, email)] = _expected_emails(database, "TEST-I-DAG")[:1]
    import_text(
        database,
        "attendance.csv",
        f"event_id;person_id;person_type;status\nTEST-I-DAG;{member};member;forfall\n",
    )

    def written() -> tuple[int, int]:
        [(batches, audits)] = sql(
            database.path,
            "select (select count(*) from import_batch), (select count(*) from audit_log)",
        )
        return int(batches), int(audits)

    before = written()
    assert _check_in(database, email) == "registered"
    assert _attendance(database, "TEST-I-DAG") == [(member, "member", "møtt")]
    [(updated,)] = sql(
        database.path,
        "select updated from import_batch where file_name = 'innsjekk TEST-I-DAG'",
    )
    assert updated == 1  # the row of the import before, changed
    assert written() == (before[0] + 1, before[1] + 1)  # its history line and audit line

    after_first = written()
    assert _check_in(database, email) == "already"
    assert written() == after_first
    assert _attendance(database, "TEST-I-DAG") == [(member, "member", "møtt")]
    assert sql(
        database.path,
        "select outcome from checkin_attempt where event_id = 'TEST-I-DAG' order by attempt_id",
    ) == [("registrert",), ("allerede_registrert",)]
    database.change(lambda con: importer.undo_and_record(con, "test"))
    assert _attendance(database, "TEST-I-DAG") == [(member, "member", "forfall")]


def test_an_unknown_email_writes_no_attendance_and_waits_for_the_coordinator(
    database: Database,
) -> None:
    _event_today(database)
    with database.read() as con:
        batches = con.execute("select count(*) from import_batch").fetchall()
    assert _check_in(database, "ukjent.person@eksempel.no") == "unknown"
    # Someone expected at another group's meeting is not expected at this one.
    _event_today(database, "TEST-ANNEN-GRUPPE", "SYK-STAV")
    other = _expected_emails(database, "TEST-ANNEN-GRUPPE")
    sandnes = {m for m, _e in _expected_emails(database, "TEST-I-DAG")}
    stranger = next(e for m, e in other if m not in sandnes)
    assert _check_in(database, stranger) == "unknown"
    assert _attendance(database, "TEST-I-DAG") == []
    with database.read() as con:
        # Nothing imported for the check-ins (only the second event's own import).
        assert (
            con.execute("select count(*) from import_batch").fetchall()[0][0] == batches[0][0] + 1
        )
        attempts = db.run(con, "checkin_attempts", {"event_id": "TEST-I-DAG"}, personal=True)
    assert list(attempts["typed_email"]) == [stranger, "ukjent.person@eksempel.no"]

    # The coordinator: a typo, registered as the member meant; a guest.
    member_id = _expected_emails(database, "TEST-I-DAG")[0][0]
    typo, guest = (int(a) for a in attempts["attempt_id"])
    with database.read() as con:
        event = checkin.event(con, "TEST-I-DAG")
    assert event is not None
    database.change(
        lambda con: checkin.resolve(con, event, typo, "registrert", member_id, DEMO, now())
    )
    database.change(lambda con: checkin.resolve(con, event, guest, "gjest", None, DEMO, now()))
    assert _attendance(database, "TEST-I-DAG") == [(member_id, "member", "møtt")]
    with pytest.raises(checkin.ResolveRefused):  # already resolved
        database.change(lambda con: checkin.resolve(con, event, guest, "avvist", None, DEMO, now()))
    with database.read() as con:
        arrivals = db.run(con, "checkin_arrivals", {"event_id": "TEST-I-DAG"}, personal=True)
    assert list(arrivals["via"]) == ["koordinator"]


def test_refused_links_write_nothing(database: Database) -> None:
    _event_today(database)
    email = _expected_emails(database, "TEST-I-DAG")[0][1]
    import_text(
        database,
        "event.csv",
        "event_id;kind;title;event_date;network;network_group;health_trust\n"
        f"TEST-FORBI;nettverksmote;Forbi;{(dt.date.today() - dt.timedelta(days=7)).isoformat()};"
        "sykepleier;SYK-SAND;stavanger\n",
    )
    with database.read() as con:
        before = con.execute("select count(*) from attendance").fetchall()
    token = capture.checkin_token(SECRET, "TEST-I-DAG")
    for bad_token, reason in (
        (capture.checkin_token(SECRET, "TEST-FORBI"), "expired"),
        (signature_changed(token), "forged"),
        (capture.checkin_token("en-helt-annen-hemmelighet-" + "q" * 20, "TEST-I-DAG"), "forged"),
        (capture.answer_token(SECRET, ROUND, "M0001"), "forged"),
        (capture.checkin_token(SECRET, "FINNES-IKKE"), "unknown"),
    ):
        with pytest.raises(TokenRefused) as refused:
            database.change(
                lambda con, t=bad_token: checkin.check_in(con, SECRET, t, email, ADDRESS, now())
            )
        assert refused.value.reason == reason
    with database.read() as con:
        assert con.execute("select count(*) from attendance").fetchall() == before
        assert con.execute("select count(*) from checkin_attempt").fetchall() == [(0,)]


def test_thirty_checkins_a_minute_from_one_address_hit_the_limit(database: Database) -> None:
    _event_today(database)
    outcomes = [_check_in(database, f"gjest{i}@eksempel.no") for i in range(30)]
    limit = capture.LIMITS["innsjekk"].per_address
    assert outcomes[:limit] == ["unknown"] * limit
    assert outcomes[limit:] == ["limited"] * (30 - limit)
    with database.read() as con:
        assert con.execute("select count(*) from checkin_attempt").fetchall() == [(limit,)]
    # Another address (another phone on another network) still gets through.
    assert (
        _check_in(database, "gjest@eksempel.no", address=capture.address_key(SECRET, "x"))
        == "unknown"
    )


def test_cli_prints_the_checkin_link_and_writes_its_qr_code(
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    import zxingcpp
    from PIL import Image

    from dashboard.cli import main

    _event_today(database)
    monkeypatch.setenv(capture.SECRET_ENV, SECRET)
    monkeypatch.chdir(tmp_path)  # no secrets file of the checkout's
    png = tmp_path / "innsjekk.png"
    args = ["checkin-link", "--db", str(database.path), "--event", "TEST-I-DAG"]
    assert main([*args, "--png", str(png), "--base-url", "https://indikatorer.example.no/"]) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://indikatorer.example.no/innsjekk?t=")
    assert capture.checkin_event(SECRET, link.split("?t=")[1]) == "TEST-I-DAG"
    assert zxingcpp.read_barcodes(Image.open(png))[0].text == link
    # Bad arguments: one Norwegian line, exit status 2; no secret: exit status 1.
    assert main([*args[:-1], "FINNES-IKKE", "--base-url", "https://x.no"]) == 2
    assert "ukjent arrangement" in capsys.readouterr().err
    assert main(args) == 2
    assert "--base-url" in capsys.readouterr().err
    monkeypatch.delenv(capture.SECRET_ENV)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    assert main([*args, "--base-url", "https://x.no"]) == 1
    assert "slått av" in capsys.readouterr().err


def test_a_leader_checks_in_at_the_conference_day_and_a_new_member_at_the_intro_course(
    database: Database,
) -> None:
    """Leaders of the expected members count at a conference day (leader_fagdag_share); an
    intro course has no expected list, but new members (first appointment within its window)
    may check in."""
    today = dt.date.today()
    import_text(
        database,
        "event.csv",
        "event_id;kind;title;event_date;network;network_group;health_trust\n"
        f"TEST-FAGDAG;fagdag;Fagdag;{today.isoformat()};alle;;stavanger\n"
        f"TEST-INTRO;introkurs;Introkurs;{today.isoformat()};alle;;stavanger\n",
    )
    before = figures(database, today.year)["leader_fagdag_share"]
    leader_id, leader_email = sql_one(
        database,
        "select distinct l.leader_id, l.email from expected_attendance x"
        " join leader l on l.leader_id = x.leader_id"
        " where x.event_id = 'TEST-FAGDAG' and l.email is not null order by 1 limit 1",
    )
    assert _check_in(database, leader_email, "TEST-FAGDAG") == "registered"
    assert _attendance(database, "TEST-FAGDAG") == [(leader_id, "leader", "møtt")]
    after = figures(database, today.year)["leader_fagdag_share"]
    assert after == (before[0] + 1, before[1])
    # A new member at the intro course; a long-standing member is not expected there.
    unit_id = sql_one(
        database, "select unit_id from unit where health_trust = 'stavanger' order by 1 limit 1"
    )[0]
    new_id, new_email = "NY-TEST", "ny.ressursperson@eksempel.no"
    import_text(
        database,
        "member.csv",
        "member_id;name;email;profession;unit_id;start_date\n"
        f"{new_id};Ny Ressursperson;{new_email};sykepleier;{unit_id};{today.isoformat()}\n",
    )
    old_email = sql_one(
        database,
        "select any_value(email) from member group by member_id"
        " having min(start_date) < current_date - 800 order by 1 limit 1",
    )[0]
    assert _check_in(database, new_email, "TEST-INTRO") == "registered"
    assert _check_in(database, old_email, "TEST-INTRO") == "unknown"
    assert _attendance(database, "TEST-INTRO") == [(new_id, "member", "møtt")]


def sql_one(database: Database, statement: str) -> tuple:
    with database.read() as con:
        rows = con.execute(statement).fetchall()
    assert rows, statement
    return rows[0]
