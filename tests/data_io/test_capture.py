"""Data captured in the product (check-in by QR code, the annual report answered by link) lands
exactly as an import of the same rows would: the same rows, the same figures, the same undo.
Real DuckDB files (copies of the demo database), the engine's own functions, no mocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine import capture, db
from dashboard.engine.access import DEMO, OPERATOR, people
from dashboard.engine.capture import RoundKey, TokenRefused
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from dashboard.exchange import checkin, importer, questionnaire
from tests.engine import MAIL_MERGE_COLUMNS, REPORTING, copy_lake, signature_changed, sql

SECRET = "en-hemmelighet-for-testene-" + "z" * 20
ADDRESS = capture.address_key(SECRET, "192.0.2.10")
ROUND = RoundKey(2026, "sykepleier", "stavanger")
SENT_ON = dt.date(2026, 10, 1)


@pytest.fixture
def database(demo_db: Path, tmp_path: Path) -> Database:
    return Database(copy_lake(demo_db, tmp_path / "a.lake"))


def _copy(demo_db: Path, tmp_path: Path, name: str) -> Database:
    return Database(copy_lake(demo_db, tmp_path / name))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _figures(database: Database, year: int, ids: tuple[str, ...] | None = None) -> dict:
    with database.read() as con:
        card = compute_scorecard(con, Scope(year))
    return {
        r.indicator.id: (r.numerator, r.denominator)
        for r in card.results
        if ids is None or r.indicator.id in ids
    }


def _import(database: Database, name: str, text: str) -> None:
    database.change(lambda con: importer.import_and_record(con, [(name, text.encode())], "test"))


def _closes_on() -> dt.date:
    return capture.today() + dt.timedelta(days=30)


def _non_respondents(database: Database, n: int) -> list[str]:
    with database.read() as con:
        rows = people(con, "questionnaire_mail_merge", ROUND.params(), OPERATOR).rows
    return sorted(rows.loc[~rows["has_responded"].astype(bool), "member_id"])[:n]


def _answers(i: int) -> dict[str, bool]:
    """Varied answers, the i-th respondent's."""
    return {q: (i + j) % 3 != 0 for j, q in enumerate(questionnaire.QUESTIONS)}


def _answer_file(rows: list[tuple[str, dict[str, bool]]], day: dt.date) -> str:
    header = ";".join(["year", "member_id", "submitted_on", *questionnaire.QUESTIONS])
    lines = [
        ";".join([str(ROUND.year), m, day.isoformat(), *("ja" if a[q] else "nei" for q in a)])
        for m, a in rows
    ]
    return "\n".join([header, *lines]) + "\n"


def _answer(database: Database, member_id: str, answers: dict, comment: str = "") -> str:
    token = capture.answer_token(SECRET, ROUND, member_id)
    return database.change(
        lambda con: questionnaire.answer(con, SECRET, token, answers, comment, ADDRESS, _now())
    )


def _report_row(database: Database, member_id: str) -> list[tuple]:
    return sql(
        database.path,
        "select * from annual_report where year = $y and member_id = $m",
        {"y": ROUND.year, "m": member_id},
    )


def test_questionnaire_answers_give_the_same_figures_as_importing_them(
    demo_db: Path, tmp_path: Path
) -> None:
    answered = _copy(demo_db, tmp_path, "answered.lake")
    imported = _copy(demo_db, tmp_path, "imported.lake")
    before = _figures(answered, ROUND.year, REPORTING)
    members = _non_respondents(answered, 6)
    assert len(members) == 6
    answers = [(m, _answers(i)) for i, m in enumerate(members)]

    # In the product: the coordinator opens the round, six members answer by their links.
    answered.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, _now())
    )
    for member_id, given in answers:
        assert _answer(answered, member_id, given, "Fint nettverk") == "saved"
    # By file: the same round and the same answers imported.
    _import(
        imported,
        "reporting_round.csv",
        "year;network;health_trust;sent_on;closes_on\n"
        f"{ROUND.year};sykepleier;stavanger;{SENT_ON.isoformat()};{_closes_on().isoformat()}\n",
    )
    _import(imported, "annual_report.csv", _answer_file(answers, capture.today()))

    after = _figures(answered, ROUND.year, REPORTING)
    assert after == _figures(imported, ROUND.year, REPORTING)
    # Six more of the same denominator answered.
    assert after["report_response"] == (
        before["report_response"][0] + 6,
        before["report_response"][1],
    )
    with answered.read() as con, imported.read() as other:
        query = "select * from annual_report order by year, member_id"
        assert con.execute(query).fetchall() == other.execute(query).fetchall()
        # The prepared figures the pages read were counted again in the same change.
        counts = "select * from prepared_count order by all"
        assert con.execute(counts).fetchall() == other.execute(counts).fetchall()
        # They left the reminder list at once.
        missing = people(
            con, "report_missing_list", {"selections": Scope(ROUND.year).selections()}, OPERATOR
        )
        assert not set(members) & set(missing.rows["member_id"])
        # The audit trail names the round, never an answer.
        audit = con.execute("select action, detail from audit_log").fetchall()
        assert ("import", ROUND.label) in audit
        assert not [d for _a, d in audit if d and "Fint nettverk" in d]
        batches = con.execute(
            "select distinct import_id, sha256 from import_batch where file_name = $l",
            {"l": ROUND.label},
        ).fetchall()
        assert len(batches) == 1 and batches[0][1] is None  # one import, no hash of answers


def test_answers_changed_before_the_close_replace_the_old_ones_and_undo_per_round(
    database: Database,
) -> None:
    deadline = "select closes_on from reporting_round where year = 2026 and network = 'sykepleier'"
    with database.read() as con:
        original = con.execute(deadline).fetchall()
    database.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, _now())
    )
    member_id = _non_respondents(database, 1)[0]
    first = {q: True for q in questionnaire.QUESTIONS}
    second = {**first, "met_leader": False, "job_shadowing": False}
    _answer(database, member_id, first, "Første")
    _answer(database, member_id, second, "")
    rows = _report_row(database, member_id)
    assert len(rows) == 1
    assert rows[0][3:] == tuple(second.values())
    token = capture.answer_token(SECRET, ROUND, member_id)
    with database.read() as con:
        respondent = questionnaire.verify(con, SECRET, token, _now())
        assert respondent.answers == second
        assert respondent.comment == ""  # answered again without free text: none kept
        assert con.execute(deadline).fetchall() == [(_closes_on(),)]
    # Opening the round and its answers are one import in the history: undone together, the
    # round and the answers are as they were before it.
    database.change(lambda con: importer.undo_and_record(con, "test"))
    assert _report_row(database, member_id) == []
    with database.read() as con:
        assert con.execute(deadline).fetchall() == original


def test_an_incomplete_questionnaire_writes_nothing(database: Database) -> None:
    database.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, _now())
    )
    member_id = _non_respondents(database, 1)[0]
    partial = {q: True for q in list(questionnaire.QUESTIONS)[:-1]}
    with pytest.raises(questionnaire.AnswersIncomplete):
        _answer(database, member_id, partial)
    assert _report_row(database, member_id) == []


def test_after_the_close_the_link_is_refused(database: Database) -> None:
    database.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, _now())
    )
    member_id = _non_respondents(database, 1)[0]
    answers = {q: True for q in questionnaire.QUESTIONS}
    _answer(database, member_id, answers)
    database.change(lambda con: questionnaire.close_round(con, ROUND, DEMO, _now()))
    token = capture.answer_token(SECRET, ROUND, member_id)
    with database.read() as con, pytest.raises(TokenRefused) as refused:
        questionnaire.verify(con, SECRET, token, _now())
    assert refused.value.reason == "closed"
    with pytest.raises(TokenRefused):
        _answer(database, member_id, {**answers, "met_leader": False})
    assert _report_row(database, member_id)[0][3] is True  # the answer given stays
    # A round whose deadline has passed refuses too, and so does one never opened in the app.
    with database.read() as con:
        late = questionnaire.round_of(con, ROUND)
        assert late is not None
        day_after = dt.datetime.combine(
            _closes_on() + dt.timedelta(days=1), dt.time(12), tzinfo=capture.OSLO
        )
        assert not late.is_open(day_after)
        other = capture.answer_token(SECRET, RoundKey(2026, "fysio_ergo", "stavanger"), "M0001")
        with pytest.raises(TokenRefused):
            questionnaire.verify(con, SECRET, other, _now())
    # A deadline before today cannot be set.
    with pytest.raises(questionnaire.RoundRefused):
        database.change(
            lambda con: questionnaire.open_round(
                con, ROUND, SENT_ON, capture.today() - dt.timedelta(days=1), DEMO, _now()
            )
        )


def _event_today(database: Database, event_id: str = "TEST-I-DAG", group: str = "SYK-SAND") -> None:
    _import(
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
    return database.change(lambda con: checkin.check_in(con, SECRET, token, email, address, _now()))


def _attendance(database: Database, event_id: str) -> list[tuple]:
    return sql(
        database.path,
        "select person_id, person_type, status from attendance where event_id = $e order by 1",
        {"e": event_id},
    )


def test_checkin_writes_one_attendance_row_as_an_import_would(
    demo_db: Path, tmp_path: Path
) -> None:
    checked = _copy(demo_db, tmp_path, "checked.lake")
    imported = _copy(demo_db, tmp_path, "imported.lake")
    for database in (checked, imported):
        _event_today(database)
    year = dt.date.today().year
    before = _figures(checked, year)["meeting_attendance"]
    (first, first_email), (second, second_email) = _expected_emails(checked, "TEST-I-DAG")[:2]

    assert _check_in(checked, first_email) == "registered"
    assert _check_in(checked, f"  {first_email.upper()} ") == "already"  # once only
    assert _check_in(checked, second_email) == "registered"
    assert _attendance(checked, "TEST-I-DAG") == [
        (first, "member", "møtt"),
        (second, "member", "møtt"),
    ]
    _import(
        imported,
        "attendance.csv",
        f"event_id;person_id;person_type;status\nTEST-I-DAG;{first};member;møtt\n"
        f"TEST-I-DAG;{second};member;møtt\n",
    )
    after = _figures(checked, year)
    assert after == _figures(imported, year)
    assert after["meeting_attendance"] == (before[0] + 2, before[1])
    with checked.read() as con:
        history = con.execute(
            "select distinct import_id from import_batch where file_name = 'innsjekk TEST-I-DAG'"
        ).fetchall()
        assert len(history) == 1  # the event's check-ins are one import
    # Undone together: the attendance is as before the check-in.
    checked.change(lambda con: importer.undo_and_record(con, "test"))
    assert _attendance(checked, "TEST-I-DAG") == []


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
        lambda con: checkin.resolve(con, event, typo, "registrert", member_id, DEMO, _now())
    )
    database.change(lambda con: checkin.resolve(con, event, guest, "gjest", None, DEMO, _now()))
    assert _attendance(database, "TEST-I-DAG") == [(member_id, "member", "møtt")]
    with pytest.raises(checkin.ResolveRefused):  # already resolved
        database.change(
            lambda con: checkin.resolve(con, event, guest, "avvist", None, DEMO, _now())
        )
    with database.read() as con:
        arrivals = db.run(con, "checkin_arrivals", {"event_id": "TEST-I-DAG"}, personal=True)
    assert list(arrivals["via"]) == ["koordinator"]


def test_refused_links_write_nothing(database: Database) -> None:
    _event_today(database)
    email = _expected_emails(database, "TEST-I-DAG")[0][1]
    _import(
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
                lambda con, t=bad_token: checkin.check_in(con, SECRET, t, email, ADDRESS, _now())
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


def test_cli_writes_the_mail_merge_file(
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    from dashboard.cli import main

    monkeypatch.setenv(capture.SECRET_ENV, SECRET)
    monkeypatch.chdir(tmp_path)
    args = ["round-links", "--db", str(database.path), "--round", "2026:sykepleier:stavanger"]
    url = ["--base-url", "https://indikatorer.example.no"]
    assert main([*args, "--output", str(tmp_path / "f.csv"), *url]) == 1  # not opened yet
    assert "ikke åpen" in capsys.readouterr().err
    database.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, _now())
    )
    assert main([*args, "--output", str(tmp_path / "f.csv"), *url]) == 0
    rows = list(
        csv.DictReader(
            io.StringIO((tmp_path / "f.csv").read_bytes().decode("utf-8-sig")), delimiter=";"
        )
    )
    with database.read() as con:
        population = people(con, "questionnaire_mail_merge", ROUND.params(), OPERATOR).rows
    assert len(rows) == len(population) > 100
    assert list(rows[0]) == MAIL_MERGE_COLUMNS
    first = rows[0]
    token = first["Lenke"].split("/svar?t=")[1]
    assert first["Lenke"].startswith("https://indikatorer.example.no/svar?t=")
    assert capture.answer_respondent(SECRET, token)[0] == ROUND
    with database.read() as con:  # each link opens its own member's questionnaire
        respondent = questionnaire.verify(con, SECRET, token, _now())
    email = population.set_index("member_id").loc[respondent.member_id, "member_email"]
    assert first["E-post"] == email
    assert main([*args, "--output", str(tmp_path / "f.xlsx"), *url]) == 0
    sheet = load_workbook(tmp_path / "f.xlsx").worksheets[0]
    assert sheet.max_row == len(population) + 1
    with database.read() as con:
        audit = con.execute("select action, n_rows from audit_log").fetchall()
    assert audit.count(("eksport av personopplysninger", len(population))) == 2


def test_a_leader_checks_in_at_the_conference_day_and_a_new_member_at_the_intro_course(
    database: Database,
) -> None:
    """Leaders of the expected members count at a conference day (leader_fagdag_share); an
    intro course has no expected list, but new members (first appointment within its window)
    may check in."""
    today = dt.date.today()
    _import(
        database,
        "event.csv",
        "event_id;kind;title;event_date;network;network_group;health_trust\n"
        f"TEST-FAGDAG;fagdag;Fagdag;{today.isoformat()};alle;;stavanger\n"
        f"TEST-INTRO;introkurs;Introkurs;{today.isoformat()};alle;;stavanger\n",
    )
    before = _figures(database, today.year)["leader_fagdag_share"]
    leader_id, leader_email = sql_one(
        database,
        "select distinct l.leader_id, l.email from expected_attendance x"
        " join leader l on l.leader_id = x.leader_id"
        " where x.event_id = 'TEST-FAGDAG' and l.email is not null order by 1 limit 1",
    )
    assert _check_in(database, leader_email, "TEST-FAGDAG") == "registered"
    assert _attendance(database, "TEST-FAGDAG") == [(leader_id, "leader", "møtt")]
    after = _figures(database, today.year)["leader_fagdag_share"]
    assert after == (before[0] + 1, before[1])
    # A new member at the intro course; a long-standing member is not expected there.
    unit_id = sql_one(
        database, "select unit_id from unit where health_trust = 'stavanger' order by 1 limit 1"
    )[0]
    new_id, new_email = "NY-TEST", "ny.ressursperson@eksempel.no"
    _import(
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
