"""`python -m dashboard compare` and `user add --trusts`, run as real subprocesses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dashboard.engine.access import access_for
from dashboard.engine.comparison import compare
from dashboard.engine.database import Database
from dashboard.engine.scope import Scope, Selection
from dashboard.exchange.region import RECORD_KEYS, comparison_records
from tests.engine import assert_refused, cli, copy_lake


def test_compare_json_is_the_engines_comparison(demo_db: Path) -> None:
    result = cli("compare", "--db", str(demo_db), "--year", "2025", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    with Database(demo_db).read() as con:
        expected = comparison_records(compare(con, Scope(2025), "health_trust"))
    assert rows == json.loads(json.dumps(expected))
    # The demo's five health trusts and the region, sixteen indicators each.
    assert len(rows) == 6 * 16
    assert {r["code"] for r in rows} == {"bergen", "fonna", "forde", "stavanger", "innlandet", None}
    region = [r for r in rows if r["by"] == "region"]
    stavanger = [r for r in rows if r["code"] == "stavanger"]
    # Only Stavanger has units in the demo: its figures are the region's.
    assert [(r["numerator"], r["denominator"]) for r in region] == [
        (r["numerator"], r["denominator"]) for r in stavanger
    ]


def test_compare_network_groups_of_a_trust_as_csv(demo_db: Path) -> None:
    result = cli(
        "compare",
        "--db",
        str(demo_db),
        "--year",
        "2025",
        "--by",
        "network_group",
        "--health-trust",
        "stavanger",
        "--network",
        "sykepleier",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(RECORD_KEYS)
    with Database(demo_db).read() as con:
        expected = compare(
            con,
            Scope(2025, None, Selection(health_trust="stavanger", network="sykepleier")),
            "network_group",
        )
    # The four nurse groups, Stavanger's total and the region.
    assert len(expected.places) == 6
    assert len(rows) == 6 * 16
    assert [r["code"] for r in rows[::16]] == [p.code or "" for p in expected.places]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025", "--by", "kommune"], "invalid choice"),
        (["--year", "1999"], "utenfor 2000–2100"),
        (["--year", "2025", "--health-trust", "stavanger"], "bare sammen med --by network_group"),
        (
            ["--year", "2025", "--by", "network_group", "--health-trust", "oslo"],
            "ukjent helseforetak «oslo»",
        ),
        (["--year", "2025", "--format", "xml"], "invalid choice"),
    ],
)
def test_compare_bad_arguments_get_one_line_and_status_2(
    demo_db: Path, args: list[str], message: str
) -> None:
    assert_refused(cli("compare", "--db", str(demo_db), *args), message)


def test_compare_without_a_database(tmp_path: Path) -> None:
    result = cli("compare", "--db", str(tmp_path / "nope.lake"), "--year", "2025")
    assert result.returncode == 2
    assert "Fant ikke databasen" in result.stderr


def test_user_add_limits_a_user_to_trusts(demo_db: Path, tmp_path: Path) -> None:
    path = Path(copy_lake(demo_db, tmp_path / "users.lake"))
    result = cli(
        "user",
        "add",
        "Kari@Eksempel.no",
        "koordinator",
        "--trusts",
        "stavanger, fonna",
        "--db",
        str(path),
    )
    assert result.returncode == 0, result.stderr
    listed = cli("user", "list", "--db", str(path))
    assert "kari@eksempel.no\tkoordinator\t\tfonna,stavanger" in listed.stdout
    with Database(path).read() as con:
        access = access_for(con, "kari@eksempel.no")
    assert access.health_trusts == frozenset({"stavanger", "fonna"})
    # Adding another user keeps Kari's limit.
    assert (
        cli("user", "add", "ola@eksempel.no", "styringsgruppe", "--db", str(path)).returncode == 0
    )
    with Database(path).read() as con:
        assert access_for(con, "kari@eksempel.no").health_trusts == {"stavanger", "fonna"}
        assert access_for(con, "ola@eksempel.no").health_trusts == frozenset()
    refused = cli(
        "user", "add", "per@eksempel.no", "koordinator", "--trusts", "oslo", "--db", str(path)
    )
    assert refused.returncode == 1
    assert "ukjente helseforetak oslo" in refused.stderr
