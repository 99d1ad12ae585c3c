"""The same lake on both catalogs: the demo network in an embedded lake (SQLite catalog) and
moved, table by table, into a lake whose catalog is a real PostgreSQL server (what a deployment
uses) gives the same figures, and the product's keys hold on both.

The PostgreSQL lake is filled the way an operator moves data in (`python -m dashboard lake init
--from FOLDER`, here `moving.move` itself): from one Parquet file per table, written from the
embedded lake. `lake init` reads a DuckDB file, a store or such a folder, not a lake folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.engine import lake, moving, replica
from dashboard.engine.database import Database
from dashboard.engine.rules import RuleBroken
from tests.engine import copy_lake, engine, sql
from tests.lakes import PostgresLake

CATALOGS = ("sqlite", "postgres")
YEAR = 2026
# The whole region, a nurse group and the physio/OT group of the demo network.
SELECTIONS = ({}, {"network_group": "SYK-SAND"}, {"network_group": "FE-HS"})


def _export(setting: Path | str, folder: Path) -> None:
    """Every table of the lake as `folder/<table>.parquet`, from this process's replica of it:
    one snapshot, read from memory (0.2 s for the demo, against 3 s table by table from the
    lake; the figures below need the replica anyway)."""
    folder.mkdir()
    with Database(setting).read() as con:
        for table in replica.lake_tables(con):
            target = str(folder / f"{table}.parquet").replace("'", "''")
            con.execute(f"copy {lake.REPLICA}.main.\"{table}\" to '{target}' (format parquet)")


@pytest.fixture(scope="module")
def postgres_demo(
    demo_db: Path, postgres_lake: PostgresLake, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The demo network in a lake with a PostgreSQL catalog (read it; a change must fail)."""
    folder = tmp_path_factory.mktemp("demo-export") / "tables"
    _export(demo_db, folder)
    setting = postgres_lake()
    moved = moving.move(folder, Database(setting, create=True))
    assert {m.table for m in moved} >= {"attendance", "member", "unit", "event", "target"}
    assert [m for m in moved if m.before != m.after] == []
    return setting


@pytest.fixture(params=CATALOGS)
def demo_lake(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """The demo lake on each catalog, to write to (an embedded one is a copy)."""
    if request.param == "sqlite":
        return copy_lake(request.getfixturevalue("demo_db"), tmp_path / "demo.lake")
    return request.getfixturevalue("postgres_demo")


def test_the_postgres_catalog_holds_every_row(demo_db: Path, postgres_demo: str) -> None:
    counts = "select count(*) from {table}"
    for table in ("attendance", "member", "annual_report", "target", "import_batch"):
        assert sql(postgres_demo, counts.format(table=table)) == sql(
            demo_db, counts.format(table=table)
        ), table


@pytest.mark.parametrize("filters", SELECTIONS, ids=("region", "SYK-SAND", "FE-HS"))
def test_both_catalogs_give_the_same_figures(
    demo_db: Path, postgres_demo: str, filters: dict[str, str]
) -> None:
    embedded = engine(demo_db, YEAR, **filters)
    deployed = engine(postgres_demo, YEAR, **filters)
    assert set(deployed) == set(embedded)
    figures = {
        indicator: (result.numerator, result.denominator) for indicator, result in embedded.items()
    }
    assert {
        indicator: (result.numerator, result.denominator) for indicator, result in deployed.items()
    } == figures
    assert any(denominator for _numerator, denominator in figures.values())


def _lake_count(database: Database, table: str) -> tuple[int, int]:
    """(rows in `table`, the newest snapshot), read from the lake itself."""
    cursor = database.lake_cursor()
    try:
        rows = cursor.execute(f"select count(*) from {table}").fetchall()[0][0]
        return int(rows), database.snapshot_id()
    finally:
        cursor.close()


def test_a_duplicate_attendance_row_is_refused(demo_lake: str | Path) -> None:
    database = Database(demo_lake)
    before = _lake_count(database, "attendance")
    assert before[0] > 0

    def duplicate(con) -> None:  # type: ignore[no-untyped-def]
        con.execute("insert into attendance select * from attendance limit 1")

    with pytest.raises(RuleBroken, match="attendance"):
        database.change(duplicate, message="en rad to ganger")
    assert _lake_count(database, "attendance") == before
