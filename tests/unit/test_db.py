"""The data-access layer: named queries, parameter checks, schema idempotence and constraints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from dashboard.engine import db
from dashboard.engine.scope import Scope
from tests.engine import reopened_as_older


def _one_unit(con: duckdb.DuckDBPyConnection) -> None:
    """Helse Stavanger, Stavanger and its nursing home A."""
    con.execute("insert into health_trust values ('hst', 'Helse Stavanger HF')")
    con.execute("insert into municipality values ('1103', 'Stavanger', 'hst')")
    con.execute(
        "insert into unit values ('A', 'A', 'sykehjem', 'kommune', '1103', 'hst', null,"
        " true, null, null)"
    )


def _selections() -> dict:
    return {"selections": Scope(2026, dt.date(2026, 1, 1)).selections()}


def test_run_returns_a_dataframe() -> None:
    con = db.connect(None)
    _one_unit(con)
    frame = db.run(con, "unit_coverage", _selections())
    assert list(frame.columns) == ["selection_id", "numerator", "denominator"]
    assert frame.iloc[0].tolist() == [0, 0, 1]


def test_missing_parameter_raises() -> None:
    con = db.connect(None)
    with pytest.raises(db.QueryError, match="mangler"):
        db.run(con, "answer_share", _selections())


def test_unknown_parameter_raises() -> None:
    con = db.connect(None)
    with pytest.raises(db.QueryError, match="ukjente"):
        db.run(con, "unit_coverage", {**_selections(), "year": 2026})


def test_person_level_query_runs_only_through_the_people_gate() -> None:
    con = db.connect(None)
    assert db.load_query("member_register").personal_column == "network_group"
    with pytest.raises(db.QueryError, match="personopplysninger"):
        db.run(con, "member_register", {**_selections(), "search": None, "only_active": False})
    rows = db.run(
        con,
        "member_register",
        {**_selections(), "search": None, "only_active": False},
        personal=True,
    )
    assert rows.empty


def test_unknown_query_raises() -> None:
    with pytest.raises(db.QueryError):
        db.load_query("no_such_query")
    with pytest.raises(db.QueryError):
        db.load_query("../schema")


def test_header_must_match_body(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.sql").write_text("-- broken\n-- params: year\nselect $year, $extra\n")
    (tmp_path / "headless.sql").write_text("select 1\n")
    monkeypatch.setattr(db, "QUERIES_DIR", tmp_path)
    db.load_query.cache_clear()
    try:
        with pytest.raises(db.QueryError, match="stemmer ikke"):
            db.load_query("broken")
        with pytest.raises(db.QueryError, match="params"):
            db.load_query("headless")
    finally:
        db.load_query.cache_clear()


def test_schema_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "x.lake"
    con = db.connect(path)
    con.execute("insert into health_trust values ('hst', 'Helse Stavanger HF')")
    con.close()
    con = db.connect(path)  # creating the schema again keeps the data
    db.ensure_schema(con)
    assert con.execute("select count(*) from health_trust").fetchall() == [(1,)]
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert {
        "unit",
        "member",
        "event",
        "attendance",
        "annual_report",
        "target",
        "import_batch",
    } <= tables
    con.close()


@pytest.mark.parametrize(
    "statement",
    [
        "insert into unit values ('U', 'U', 'sjukehus', 'kommune', '1103', 'hst', null, true, null, null)",
        "insert into unit values ('U', 'U', 'sykehjem', 'privat', '1103', 'hst', null, true, null, null)",
        "insert into member values ('m', 'M', null, 'lege', 'A', null, date '2026-01-01', null, null)",
        "insert into event values ('e', 'fest', 'E', date '2026-01-01', 'alle', null, 'hst')",
        "insert into event values ('e', 'fagdag', 'E', date '2026-01-01', 'leger', null, 'hst')",
        "insert into attendance values ('E1', 'm', 'member', 'kanskje')",
        "insert into attendance values ('E1', 'm', 'gjest', 'møtt')",
        "insert into network_group values ('G', 'G', 'leger', 'hst')",
        "insert into municipality values ('301', 'Oslo', 'hst')",
        "insert into member values ('m', 'M', null, 'sykepleier', 'A', null, date '2026-01-01',"
        " date '2025-01-01', null)",
        "insert into target (indicator, year_from, year_to, value, comparison)"
        " values ('x', 2026, null, 0.8, '>')",
    ],
)
def test_constraints_reject_bad_values(statement: str) -> None:
    con = db.connect(None)
    _one_unit(con)
    con.execute(
        "insert into event values ('E1', 'fagdag', 'E', date '2026-11-12', 'alle', null, 'hst')"
    )
    with pytest.raises(duckdb.ConstraintException):
        con.execute(statement)


def test_a_database_with_foreign_keys_loses_them_and_keeps_its_rows(tmp_path: Path) -> None:
    """References are the importer's to check (schema.sql): DuckDB's foreign keys would stop an
    undo from running in one transaction. A database made with them is migrated."""
    path = tmp_path / "old.lake"
    con = db.connect(path)
    _one_unit(con)
    con.execute("drop table member")
    con.execute(
        "create table member (member_id varchar not null, name varchar not null, email varchar,"
        " profession varchar not null, unit_id varchar not null references unit (unit_id),"
        " leader_id varchar, start_date date not null, end_date date, end_reason varchar,"
        " primary key (member_id, start_date))"
    )
    con.execute(
        "insert into member values ('m', 'M', null, 'sykepleier', 'A', null,"
        " date '2026-01-01', null, null)"
    )
    con = reopened_as_older(con, path)
    foreign = con.execute(
        "select count(*) from duckdb_constraints() where constraint_type = 'FOREIGN KEY'"
    ).fetchall()
    assert foreign == [(0,)]
    assert con.execute("select member_id, unit_id from member").fetchall() == [("m", "A")]
    # Deleting a unit and its member in one transaction now works (what undo does).
    con.execute("begin; delete from member; delete from unit; commit")
    assert con.execute("select count(*) from unit").fetchall() == [(0,)]
    con.close()


def test_a_new_database_has_the_seed_targets_and_a_hand_made_one_can_clear_them() -> None:
    con = db.connect(None)
    rows = con.execute("select indicator, year_from, value, comparison from target").fetchall()
    assert ("meeting_attendance", 2021, 0.8, ">=") in rows
    assert ("leader_meeting", 2026, 1.0, ">=") in rows
    assert len(rows) == len(db.seed_targets())


def test_a_referenced_unit_can_move_group_and_municipality() -> None:
    """Why referenced tables carry no FOREIGN KEY of their own (see schema.sql)."""
    con = db.connect(None)
    con.execute("insert into health_trust values ('hst', 'Helse Stavanger HF')")
    con.execute(
        "insert into municipality values ('1103', 'Stavanger', 'hst'), ('1108', 'Sandnes', 'hst')"
    )
    con.execute(
        "insert into unit values ('A', 'A', 'sykehjem', 'kommune', '1103', 'hst', null,"
        " true, null, null)"
    )
    con.execute(
        "insert into member values ('m', 'M', null, 'sykepleier', 'A', null,"
        " date '2026-01-01', null, null)"
    )
    con.execute("update unit set municipality_number = '1108' where unit_id = 'A'")
    assert con.execute("select municipality_number from unit").fetchall() == [("1108",)]


def test_data_version_follows_import_batches() -> None:
    con = db.connect(None)
    assert db.data_version(con) == "0.0"
    con.execute(
        "insert into import_batch (imported_at, imported_by, file_name, table_name)"
        " values (now(), 'test', 'member.csv', 'member')"
    )
    assert db.data_version(con) == "1.0"
    con.execute("insert into audit_log (logged_at, email, action) values (now(), 'a', 'eksport')")
    assert db.data_version(con) == "1.0"  # an export changes no figures
    con.execute(
        "insert into audit_log (logged_at, email, action) values (now(), 'a', 'endret mål')"
    )
    assert db.data_version(con) == "1.2"


def test_a_file_another_process_holds_is_waited_for_then_refused_in_norwegian(
    tmp_path: Path,
) -> None:
    """Reads (attached to the process's reader) and changes wait while another process has the
    file open for writing, then say so; once it lets go, both work again."""
    import subprocess
    import sys

    from dashboard.engine.database import Database, DatabaseBusy

    path = tmp_path / "held.lake"
    db.connect(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        database = Database(path, wait_seconds=0.3)
        attempts = (
            database.read().__enter__,  # the schema check opens the file first
            database._file_cursor,  # the read's own attach
            lambda: database.change(lambda _con: None),
        )
        for attempt in attempts:
            with pytest.raises(DatabaseBusy, match="i bruk av en annen prosess"):
                attempt()
    finally:
        holder.kill()
        holder.wait()
    with Database(path).read() as con:
        assert con.execute("select count(*) from schema_fingerprint").fetchone() == (1,)
    assert Database(path).change(lambda con: 7) == 7
