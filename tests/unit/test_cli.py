"""The command line, run as a real subprocess the way scripts and scheduled jobs run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.engine.database import Database
from dashboard.engine.indicators import INDICATORS
from dashboard.engine.scope import Scope
from dashboard.engine.scorecard import compute_scorecard
from tests.engine import assert_refused, cli, copy_lake


def test_indicators_json_prints_all_sixteen(demo_db: Path) -> None:
    result = cli("indicators", "--db", str(demo_db), "--year", "2026", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["indicator"] for r in rows] == [i.id for i in INDICATORS]
    for row in rows:
        assert set(row) == {"indicator", "numerator", "denominator", "value", "target", "status"}
        assert row["status"] in ("met", "close", "not_met", "too_few", "no_target", "no_data")
    with Database(demo_db).read() as con:
        expected = [r.to_json() for r in compute_scorecard(con, Scope(2026)).results]
    assert rows == json.loads(json.dumps(expected))


def test_indicators_with_filters_and_as_of(demo_db: Path) -> None:
    result = cli(
        "indicators",
        "--db",
        str(demo_db),
        "--year",
        "2025",
        "--as-of",
        "30.06.2025",
        "--network-group",
        "SYK-SAND",
        "--municipality",
        "1108",
        "--profession",
        "sykepleier",
        "--unit-type",
        "sykehjem",
        "--health-trust",
        "stavanger",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = {r["indicator"]: r for r in json.loads(result.stdout)}
    # Physio/OT coverage with a nurse filter has nothing to count.
    assert rows["municipality_coverage_physio_ot"]["denominator"] == 0
    assert rows["municipality_coverage_physio_ot"]["value"] is None
    assert 0 < rows["unit_coverage"]["denominator"] < 20


@pytest.mark.parametrize("output_format", ["table", "csv"])
def test_indicators_other_formats(demo_db: Path, output_format: str) -> None:
    result = cli("indicators", "--db", str(demo_db), "--year", "2026", "--format", output_format)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 16 + (output_format == "csv")


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = cli("indicators", "--db", str(tmp_path / "nope.lake"), "--year", "2026")
    assert result.returncode == 2
    assert "Fant ikke databasen" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_date_is_a_clear_error(demo_db: Path) -> None:
    result = cli("indicators", "--db", str(demo_db), "--year", "2026", "--as-of", "31.02.2026")
    assert result.returncode == 2
    assert "ugyldig dato" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["indicators", "--year", "0"], "utenfor 2000–2100"),
        (["indicators", "--year", "99999999999"], "utenfor 2000–2100"),
        (["indicators", "--year", "tjue"], "ugyldig år"),
        (["indicators", "--year", "2026", "--as-of", "01.01.2025"], "er ikke i året 2026"),
        (
            ["indicators", "--year", "2026", "--network-group", "FINNES-IKKE"],
            "ukjent nettverksgruppe",
        ),
        (["indicators", "--year", "2026", "--municipality", "12345"], "ugyldig kommunenummer"),
        (["indicators", "--year", "2026", "--profession", "lege"], "invalid choice"),
        (["export", "nope", "--output", "x.csv"], "invalid choice"),
        (["report", "--year", "1999", "--output", "x.pdf"], "utenfor 2000–2100"),
    ],
)
def test_bad_arguments_get_one_line_and_status_2(
    demo_db: Path, args: list[str], message: str
) -> None:
    assert_refused(cli(*args, "--db", str(demo_db)), message)


def test_user_command_adds_the_first_coordinator(demo_db: Path, tmp_path: Path) -> None:

    path = Path(copy_lake(demo_db, tmp_path / "users.lake"))
    added = cli("user", "add", "Kari@Eksempel.no", "koordinator", "--db", str(path))
    assert added.returncode == 0, added.stderr
    refused = cli(
        "user", "add", "per@eksempel.no", "nettverksleder", "--groups", "NOPE", "--db", str(path)
    )
    assert refused.returncode == 1
    assert "ukjente nettverksgrupper NOPE" in refused.stderr
    listed = cli("user", "list", "--db", str(path))
    kari = [line.split() for line in listed.stdout.splitlines() if "kari" in line]
    assert kari == [["kari@eksempel.no", "koordinator"]]
    removed = cli("user", "remove", "kari@eksempel.no", "--db", str(path))
    assert removed.returncode == 0
    assert "kari" not in cli("user", "list", "--db", str(path)).stdout
