"""`python -m dashboard plan` and `terms` on the demo, run as real subprocesses: the 2026 plan of
seed 001 (at least 15 delmål, each with activities) and the register's terms ending within 90
days; bad arguments get one Norwegian line and exit status 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dashboard.engine.database import Database
from dashboard.exchange.governance_tables import PLAN_RECORD_KEYS, TERMS_RECORD_KEYS
from tests.engine import assert_refused, cli, copy_lake


def test_plan_lists_the_delmal_of_seed_001_each_with_activities(demo_db: Path) -> None:
    result = cli("plan", "--db", str(demo_db), "--year", "2026", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(tuple(r) == PLAN_RECORD_KEYS for r in rows)
    goals: dict[str, list[dict]] = {}
    for row in rows:
        goals.setdefault(row["goal_id"], []).append(row)
    assert len(goals) >= 15
    assert all(len(activities) >= 1 for activities in goals.values())
    # The five focus areas of the plan, in order, and every status with its label.
    assert list(dict.fromkeys(r["focus_area"] for r in rows)) == [
        "Pasient- og pårørendearbeid",
        "Kompetanse",
        "Ledelsesforankring",
        "Synliggjøring og samarbeid",
        "Organisering og drift av nettverket",
    ]
    assert {r["status"] for r in rows} == {"planned", "under_way", "done", "dropped"}
    fagdag = next(r for r in rows if r["activity"].startswith("Årlig fagdag"))
    assert (fagdag["due_date"], fagdag["status"], fagdag["status_label"]) == (
        "2026-11-12",
        "done",
        "Gjennomført",
    )
    # The delmål on attendance names the indicators that measure it.
    attendance = goals["2026-STAV-5.3"][0]
    assert attendance["indicators"] == [
        "meeting_attendance",
        "fagdag_attendance",
        "full_attendance",
    ]


def test_plan_as_csv_and_on_an_as_of_date(demo_db: Path) -> None:
    result = cli(
        "plan", "--db", str(demo_db), "--year", "2026", "--as-of", "20.11.2026", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == PLAN_RECORD_KEYS
    # On 20.11.2026 three open activities are overdue (see the AppTest of Oversikt).
    assert sum(r["is_overdue"] == "True" for r in rows) == 3
    nurses = cli("plan", "--db", str(demo_db), "--year", "2026", "--network", "sykepleier")
    assert not [r for r in json.loads(nurses.stdout) if r["network"] == "fysio_ergo"]


def test_a_year_without_a_plan_is_an_empty_list(demo_db: Path) -> None:
    result = cli("plan", "--db", str(demo_db), "--year", "2030")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert "Ingen årsplan for 2030" in result.stderr


def test_terms_lists_terms_ending_within_90_days(demo_db: Path, tmp_path: Path) -> None:
    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    result = cli("terms", "--db", str(path), "--within-days", "90", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(tuple(r) == TERMS_RECORD_KEYS for r in rows)
    ending = [r for r in rows if r["kind"] == "term_ending"]
    assert len(ending) >= 1
    assert all(0 <= r["days_left"] <= 90 and r["name"] for r in ending)
    assert [r["network_group"] for r in rows if r["kind"] == "group_without_leader"] == ["SYK-DSJ"]
    # The names went out: the export of personal data is in the audit trail.
    with Database(path).read() as con:
        audit = con.execute(
            "select action, n_rows from audit_log where detail like 'Styringsorganer%'"
        ).fetchall()
    assert audit == [("eksport av personopplysninger", len(ending))]
    # A shorter window lists fewer; CSV has the same fields.
    short = cli("terms", "--db", str(path), "--within-days", "30", "--format", "csv")
    rows_30 = list(csv.DictReader(io.StringIO(short.stdout)))
    assert tuple(rows_30[0]) == TERMS_RECORD_KEYS
    assert 1 <= sum(r["kind"] == "term_ending" for r in rows_30) < len(ending)


def test_terms_on_another_day(demo_db: Path, tmp_path: Path) -> None:
    path = Path(copy_lake(demo_db, tmp_path / "demo.lake"))
    # Long before the register's first term began: nothing ends, and no group has a leader.
    result = cli("terms", "--db", str(path), "--as-of", "2015-01-01")
    rows = json.loads(result.stdout)
    assert [r["kind"] for r in rows] == ["group_without_leader"] * 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--year", "1999"], "utenfor 2000–2100"),
        (["plan", "--year", "2026", "--as-of", "01.01.2025"], "er ikke i året 2026"),
        (["plan", "--year", "2026", "--health-trust", "nope"], "ukjent helseforetak «nope»"),
        (["plan", "--year", "2026", "--format", "xml"], "invalid choice"),
        (["terms", "--within-days", "mange"], "ugyldig antall dager"),
        (["terms", "--within-days", "-5"], "ugyldig antall dager"),
        (["terms", "--within-days", "99999"], "mer enn grensen"),
        (["terms", "--as-of", "31.02.2026"], "ugyldig dato"),
        (["terms", "--health-trust", "nope"], "ukjent helseforetak «nope»"),
    ],
)
def test_bad_arguments_get_one_line_and_status_2(
    demo_db: Path, args: list[str], message: str
) -> None:
    assert_refused(cli(*args, "--db", str(demo_db)), message)


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    for command in (["plan", "--year", "2026"], ["terms"]):
        result = cli(*command, "--db", str(tmp_path / "nope.lake"))
        assert result.returncode == 2
        assert "Fant ikke databasen" in result.stderr
