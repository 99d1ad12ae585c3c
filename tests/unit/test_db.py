"""The data-access layer: named queries, parameter checks, schema idempotence, the rules every
change is checked against, and snapshots as the data version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from dashboard.engine import db, maintenance, rules
from dashboard.engine.database import Database, DatabaseMissing
from dashboard.engine.rules import RuleBroken
from dashboard.engine.scope import Scope


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


def test_a_view_or_macro_the_sql_no_longer_defines_is_dropped(tmp_path: Path) -> None:
    """A lake made by an older schema keeps nothing the SQL dropped or renamed: after a change of
    schema, only what queries/ defines (and the derived tables' views) is left."""
    database = Database(tmp_path / "x.lake", create=True)
    with database.read():  # the schema made
        pass
    cursor = database.lake_cursor()
    try:
        cursor.execute("create view expected_pair as select 1 as x")
        cursor.execute("create macro attended_pairs(s) as table select s as x")
        cursor.execute("create macro old_rule(x) as x > 0")
        cursor.execute("update schema_fingerprint set sha256 = 'an older schema'")
        db.ensure_schema(cursor)
        views = {
            r[0]
            for r in cursor.execute(
                "select view_name from duckdb_views() where not internal"
            ).fetchall()
        }
        macros = {
            r[0]
            for r in cursor.execute(
                "select function_name from duckdb_functions() where not internal"
                " and function_type in ('macro', 'table_macro')"
            ).fetchall()
        }
    finally:
        cursor.close()
    defined = db.defined_objects()
    assert views == defined["view"]
    assert macros == defined["macro"]
    assert "expected_attendance_live" in views and "selections" in macros  # kept, not dropped


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


@pytest.fixture(scope="module")
def ruled_lake(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """One lake for every refused change: two units, an event, an attendance, an audit line (a
    refused change leaves it as it was, so the next one meets the same rows)."""
    database = Database(tmp_path_factory.mktemp("rules") / "x.lake", create=True)

    def setup(con: duckdb.DuckDBPyConnection) -> None:
        _one_unit(con)
        con.execute(
            "insert into unit values ('B', 'B', 'sykehjem', 'kommune', '1103', 'hst',"
            " null, true, null, null)"
        )
        con.execute(
            "insert into event values ('E1', 'fagdag', 'E', date '2026-11-12', 'alle', null, 'hst')"
        )
        con.execute("insert into attendance values ('E1', 'm1', 'member', 'møtt')")
        con.execute("insert into audit_log values (1, now(), 'a', 'eksport', null, null, null)")

    database.change(setup)
    return database


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
        "insert into target (indicator, year_from, year_to, value, comparison)"
        " values ('x', 2026, 2025, 0.8, '>=')",
        "insert into attendance values ('E1', 'm1', 'member', 'møtt')",
        "update unit set unit_id = 'A2'",  # two units A2: the key twice
        "insert into app_user values ('Kari@x.no', 'koordinator', '', '')",
        "insert into audit_log values (1, now(), 'a', 'eksport', null, null, null)",
        # Only inserted into: the new rows' keys are checked against the old rows and each other.
        "insert into unit select * from unit where unit_id = 'B'",
        "insert into audit_log values (5, now(), 'a', 'eksport', null, null, null),"
        " (5, now(), 'b', 'eksport', null, null, null)",
    ],
)
def test_rules_refuse_bad_values_on_every_change(statement: str, ruled_lake: Database) -> None:
    """DuckLake has no keys or checks: rules.py holds them and every change is checked before
    it commits; a change that breaks one leaves the lake as it was."""
    database = ruled_lake
    before = database.snapshot_id()
    with pytest.raises(RuleBroken, match="Endringen er ikke lagret"):
        database.change(lambda con: con.execute(statement))
    assert database.snapshot_id() == before
    with database.read() as con:
        assert con.execute("select count(*) from attendance").fetchall() == [(1,)]
        assert con.execute("select count(*) from unit").fetchall() == [(2,)]


def test_every_rule_is_sql_the_lake_runs(tmp_path: Path) -> None:
    """Each table's key and checks (rules.py, contract.py) run on an empty lake and find
    nothing: a rule naming a column the schema lacks would fail here."""
    con = db.connect(tmp_path / "rules.lake")
    assert rules.violations(con, rules.ruled_tables()) == []
    tables = {
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'lake'"
        ).fetchall()
    }
    assert rules.ruled_tables() <= tables


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


def test_data_version_is_the_snapshot_of_the_last_change_to_figures(tmp_path: Path) -> None:
    database = Database(tmp_path / "v.lake", create=True)
    database.change(_one_unit)
    made = database.snapshot_id()
    first = database.data_version()  # the first read keeps its figures in the lake: a snapshot
    assert first == str(made) and database.snapshot_id() == made + 1
    database.change(lambda con: con.execute("update unit set name = 'Ny' where unit_id = 'A'"))
    assert int(database.data_version()) > int(first)
    with database.read() as con:  # read your own writes, at once
        assert con.execute("select name from unit").fetchall() == [("Ny",)]
        assert db.data_version(con) == database.data_version()
    # An audit line moves the snapshot, not the data version the pages' caches key on.
    moved = database.data_version()
    database.change(
        lambda con: db.run(
            con,
            "audit_record",
            {"email": "a@b.no", "action": "eksport", "detail": "", "filters": "", "n_rows": 1},
        )
    )
    assert database.signature() == database.snapshot_id() > int(moved)
    assert database.data_version() == moved
    with database.read() as con:
        assert con.execute("select count(*) from audit_log").fetchall() == [(1,)]


def test_a_change_that_fails_leaves_the_snapshot_as_it_was(tmp_path: Path) -> None:
    database = Database(tmp_path / "f.lake", create=True)
    database.change(_one_unit)
    before = database.snapshot_id()

    def fails(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("delete from unit")
        raise RuntimeError("stopp")

    with pytest.raises(RuntimeError):
        database.change(fails)
    assert database.snapshot_id() == before
    with database.read() as con:
        assert con.execute("select count(*) from unit").fetchall() == [(1,)]


def test_a_missing_lake_is_said_in_norwegian(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="Fant ingen database"):
        Database(tmp_path / "nowhere").data_version()


def test_the_lake_numbers_a_transactions_new_rows_apart(tmp_path: Path) -> None:
    """rules.py checks a table the change only inserted into by its new rows, which DuckLake
    numbers from `NEW_ROW_IDS_FROM` until the commit; an updated row keeps its number. If a new
    DuckLake numbers them otherwise, this fails before a broken key could pass."""
    con = db.connect(tmp_path / "ids.lake")
    con.execute("insert into audit_log values (1, now(), 'a', 'eksport', null, null, null)")
    con.execute("begin transaction")
    con.execute("insert into audit_log values (2, now(), 'b', 'eksport', null, null, null)")
    con.execute("update audit_log set action = 'x' where audit_id = 1")
    rows = con.execute(
        "select audit_id, rowid >= $new from audit_log order by 1", {"new": rules.NEW_ROW_IDS_FROM}
    ).fetchall()
    con.execute("commit")
    assert rows == [(1, False), (2, True)]
    assert con.execute("select max(rowid) from audit_log").fetchall()[0][0] < rules.NEW_ROW_IDS_FROM
    con.close()


def test_the_replica_follows_appended_deleted_updated_and_compacted_rows(tmp_path: Path) -> None:
    """The replica appends the new rows of a table that only gained rows since it followed, and
    copies a table whose rows were deleted or updated (or moved by maintenance) whole: after each
    kind of change, and after several at once, it holds exactly the lake's rows."""
    database = Database(tmp_path / "r.lake", create=True)
    database.change(_one_unit)

    def member(con: duckdb.DuckDBPyConnection, n: int) -> None:
        con.execute(
            "insert into member (member_id, name, unit_id, profession, start_date)"
            " values ($id, $name, 'A', 'sykepleier', date '2026-01-01')",
            {"id": f"M{n}", "name": f"Navn {n}"},
        )

    def same_rows() -> list[tuple]:
        cursor = database.lake_cursor()
        try:
            lake_rows = cursor.execute("select * from member order by all").fetchall()
        finally:
            cursor.close()
        with database.read() as con:
            assert con.execute("select * from member order by all").fetchall() == lake_rows
        return lake_rows

    database.data_version()  # the replica, before the changes it follows
    database.change(lambda con: member(con, 1))
    assert [row[0] for row in same_rows()] == ["M1"]
    for n in (2, 3):  # two snapshots followed at once
        database.change(lambda con, n=n: member(con, n))
    assert [row[0] for row in same_rows()] == ["M1", "M2", "M3"]
    database.change(lambda con: con.execute("delete from member where member_id = 'M2'"))
    database.change(lambda con: member(con, 4))  # a deletion, then an insertion, followed at once
    assert [row[0] for row in same_rows()] == ["M1", "M3", "M4"]
    database.change(lambda con: con.execute("update member set name = 'Ny' where member_id = 'M3'"))
    assert ("M3", "Ny") in [row[:2] for row in same_rows()]
    for _step in maintenance.maintain(database):  # inlined rows written out as Parquet files
        pass
    database.change(lambda con: member(con, 5))
    assert [row[0] for row in same_rows()] == ["M1", "M3", "M4", "M5"]
