"""The annual report answered by link lands exactly as an import of the same answers would: the
same rows, the same figures, the same undo; the mail-merge file of the links. Check-in:
test_checkin.py. Real DuckDB files (copies of the demo database), the engine's own functions, no
mocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.engine import capture
from dashboard.engine.access import DEMO, OPERATOR, people
from dashboard.engine.capture import RoundKey, TokenRefused
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope
from dashboard.exchange import importer, questionnaire
from tests.data_io.captured import ADDRESS, ROUND, SECRET, copied, figures, import_text, now
from tests.engine import MAIL_MERGE_COLUMNS, REPORTING, sql

SENT_ON = dt.date(2026, 10, 1)


@pytest.fixture
def database(demo_db: Path, tmp_path: Path) -> Database:
    return copied(demo_db, tmp_path, "a.lake")


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
        lambda con: questionnaire.answer(con, SECRET, token, answers, comment, ADDRESS, now())
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
    answered = copied(demo_db, tmp_path, "answered.lake")
    imported = copied(demo_db, tmp_path, "imported.lake")
    before = figures(answered, ROUND.year, REPORTING)
    members = _non_respondents(answered, 6)
    assert len(members) == 6
    answers = [(m, _answers(i)) for i, m in enumerate(members)]

    # In the product: the coordinator opens the round, six members answer by their links.
    answered.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, now())
    )
    for member_id, given in answers:
        assert _answer(answered, member_id, given, "Fint nettverk") == "saved"
    # By file: the same round and the same answers imported.
    import_text(
        imported,
        "reporting_round.csv",
        "year;network;health_trust;sent_on;closes_on\n"
        f"{ROUND.year};sykepleier;stavanger;{SENT_ON.isoformat()};{_closes_on().isoformat()}\n",
    )
    import_text(imported, "annual_report.csv", _answer_file(answers, capture.today()))

    after = figures(answered, ROUND.year, REPORTING)
    assert after == figures(imported, ROUND.year, REPORTING)
    # Six more of the same denominator answered.
    assert after["report_response"] == (
        before["report_response"][0] + 6,
        before["report_response"][1],
    )
    with answered.read() as con, imported.read() as other:
        query = "select * from annual_report order by year, member_id"
        assert con.execute(query).fetchall() == other.execute(query).fetchall()
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
    # The prepared figures the pages read are counted again within seconds of a change (pages
    # count what is owed themselves meanwhile): once both are, they are the same.
    answered.settle()
    imported.settle()
    with answered.read() as con, imported.read() as other:
        counts = "select * from prepared_count order by all"
        prepared = con.execute(counts).fetchall()
        assert prepared and prepared == other.execute(counts).fetchall()


def test_answers_changed_before_the_close_replace_the_old_ones_and_undo_per_round(
    database: Database,
) -> None:
    deadline = "select closes_on from reporting_round where year = 2026 and network = 'sykepleier'"
    with database.read() as con:
        original = con.execute(deadline).fetchall()
    database.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, now())
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
        respondent = questionnaire.verify(con, SECRET, token, now())
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
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, now())
    )
    member_id = _non_respondents(database, 1)[0]
    partial = {q: True for q in list(questionnaire.QUESTIONS)[:-1]}
    with pytest.raises(questionnaire.AnswersIncomplete):
        _answer(database, member_id, partial)
    assert _report_row(database, member_id) == []


def test_after_the_close_the_link_is_refused(database: Database) -> None:
    database.change(
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, now())
    )
    member_id = _non_respondents(database, 1)[0]
    answers = {q: True for q in questionnaire.QUESTIONS}
    _answer(database, member_id, answers)
    database.change(lambda con: questionnaire.close_round(con, ROUND, DEMO, now()))
    token = capture.answer_token(SECRET, ROUND, member_id)
    with database.read() as con, pytest.raises(TokenRefused) as refused:
        questionnaire.verify(con, SECRET, token, now())
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
            questionnaire.verify(con, SECRET, other, now())
    # A deadline before today cannot be set.
    with pytest.raises(questionnaire.RoundRefused):
        database.change(
            lambda con: questionnaire.open_round(
                con, ROUND, SENT_ON, capture.today() - dt.timedelta(days=1), DEMO, now()
            )
        )


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
        lambda con: questionnaire.open_round(con, ROUND, SENT_ON, _closes_on(), DEMO, now())
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
        respondent = questionnaire.verify(con, SECRET, token, now())
    email = population.set_index("member_id").loc[respondent.member_id, "member_email"]
    assert first["E-post"] == email
    assert main([*args, "--output", str(tmp_path / "f.xlsx"), *url]) == 0
    sheet = load_workbook(tmp_path / "f.xlsx").worksheets[0]
    assert sheet.max_row == len(population) + 1
    with database.read() as con:
        audit = con.execute("select action, n_rows from audit_log").fetchall()
    assert audit.count(("eksport av personopplysninger", len(population))) == 2
