"""The national-size database for the benchmark: realistic size, deterministic, fast to build."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.demo.scale import build_scaled
from dashboard.engine.database import Database
from dashboard.exchange import boundaries

CHECKSUM = """
select
    (select count(*) from member), (select sum(hash(member_id || start_date || unit_id)) from member),
    (select count(*) from attendance), (select sum(hash(event_id || person_id || status)) from attendance),
    (select count(*) from annual_report),
    (select sum(hash(member_id || year || met_leader)) from annual_report)
"""


@pytest.fixture(scope="module")
def national(national_db: tuple[Path, float]) -> tuple[Path, float]:
    return national_db


def test_national_size(national: tuple[Path, float]) -> None:
    path, seconds = national
    with Database(path).read() as con:
        assert con.execute("select count(*) from municipality").fetchall() == [(356,)]
        assert con.execute("select count(*) from health_trust").fetchall() == [(18,)]
        active = con.execute(
            "select count(distinct member_id) from member where end_date is null"
        ).fetchall()[0][0]
        years = con.execute("select count(distinct year(event_date)) from event").fetchall()[0][0]
        prepared = con.execute("select count(distinct selection_key) from prepared_count")
        n_prepared = prepared.fetchall()[0][0]
    assert 2_000 <= active <= 3_500
    assert years == 10
    # Every trust, group and municipality, each profession, network and unit type, everything,
    # and each trust with each profession.
    assert n_prepared == 1 + 18 + 90 + 356 + 3 + 2 + 5 + 18 * 3
    # Real municipalities, all on the map: the map draws the whole country.
    with Database(path).read() as con:
        numbers = {r[0] for r in con.execute("select number from municipality").fetchall()}
    assert numbers <= set(boundaries.municipalities())
    assert seconds < 60


def test_national_is_deterministic(national: tuple[Path, float], tmp_path: Path) -> None:
    again = build_scaled(tmp_path / "again.lake", "national")
    sums = []
    for path in (national[0], again):
        with Database(path).read() as con:
            sums.append(con.execute(CHECKSUM).fetchall())
    assert sums[0] == sums[1]
