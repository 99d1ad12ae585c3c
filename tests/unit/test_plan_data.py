"""The demo's annual plan as data: `data/plan_goal.csv` and `data/plan_activity.csv`, read by
`dashboard.demo.governance.plan_rows`."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from dashboard.demo import governance
from dashboard.engine.contract import EVENT_NETWORKS, PLAN_STATUSES, TABLES_BY_NAME
from dashboard.engine.indicators import INDICATORS_BY_ID

GOAL = TABLES_BY_NAME["plan_goal"].column_names
ACTIVITY = TABLES_BY_NAME["plan_activity"].column_names


def _header(path: Path) -> tuple[str, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(next(csv.reader(handle)))


def _plan(trust: str = "stavanger", short: str = "STAV") -> tuple[list[dict], list[dict]]:
    rows = governance.plan_rows(trust, short)
    return (
        [dict(zip(GOAL, row, strict=True)) for row in rows["plan_goal"]],
        [dict(zip(ACTIVITY, row, strict=True)) for row in rows["plan_activity"]],
    )


def test_files_use_the_contracts_columns_without_the_trust() -> None:
    assert governance.PLAN_GOAL_FILE.parent == governance.DATA_DIR
    assert _header(governance.PLAN_GOAL_FILE) == tuple(
        c for c in GOAL if c not in ("goal_id", "health_trust")
    )
    assert _header(governance.PLAN_ACTIVITY_FILE) == (
        "focus_area_number",
        "goal_number",
        *(c for c in ACTIVITY if c not in ("activity_id", "goal_id")),
    )


def test_goals_and_activities_per_focus_area() -> None:
    goals, activities = _plan()
    # Counted by hand in seed 001's plan (the former Python literal): 16 delmål, 59 activities.
    assert Counter(g["focus_area_number"] for g in goals) == {1: 5, 2: 4, 3: 2, 4: 2, 5: 3}
    area_of = {g["goal_id"]: g["focus_area_number"] for g in goals}
    assert Counter(area_of[a["goal_id"]] for a in activities) == {1: 13, 2: 17, 3: 9, 4: 5, 5: 15}
    assert Counter(a["status"] for a in activities) == {
        "done": 32,
        "under_way": 24,
        "planned": 2,
        "dropped": 1,
    }


def test_every_row_is_valid() -> None:
    goals, activities = _plan()
    goal_ids = [g["goal_id"] for g in goals]
    assert len(set(goal_ids)) == len(goal_ids)
    assert len({a["activity_id"] for a in activities}) == len(activities)
    for goal in goals:
        assert goal["year"] == 2026 and goal["title"] and goal["focus_area"]
        assert goal["network"] in EVENT_NETWORKS
        for indicator in (goal["indicators"] or "").split(","):
            assert not indicator or indicator in INDICATORS_BY_ID, indicator
        assert any(a["goal_id"] == goal["goal_id"] for a in activities), goal["goal_id"]
    for activity in activities:
        assert activity["goal_id"] in goal_ids
        assert activity["activity_id"].startswith(activity["goal_id"] + "-")
        assert activity["status"] in PLAN_STATUSES
        assert activity["title"] and activity["owner"]
        dates = [d for d in (activity["start_date"], activity["due_date"]) if d is not None]
        assert dates, activity["activity_id"]
        assert dates == sorted(dates) and all(d.year == 2026 for d in dates)


def test_rows_are_typed_and_named_for_the_trust() -> None:
    rows = governance.plan_rows("fonna", "FONN")
    assert rows["plan_goal"][0] == (
        "2026-FONN-1.1",
        2026,
        "fonna",
        1,
        "Pasient- og pårørendearbeid",
        1,
        "Styrke kompetansen i etiske og juridiske aspekter relatert til debatten om dødshjelp",
        "alle",
        None,
    )
    assert rows["plan_activity"][9] == (
        "2026-FONN-1.4-04",
        "2026-FONN-1.4",
        "Pasientforløp i palliasjon. Presentasjon av oppdatert utgave",
        "Driftsgruppen",
        dt.date(2026, 10, 15),
        dt.date(2026, 10, 29),
        "dropped",
        "Den oppdaterte utgaven er ikke publisert ennå; tas opp igjen i 2027.",
    )
    assert rows["plan_goal"][-1][0] == "2026-FONN-5.3"
    assert rows["plan_goal"][-1][-1] == "meeting_attendance,fagdag_attendance,full_attendance"
    # Another trust: the same plan, only the trust and the ids differ.
    stavanger = governance.plan_rows("stavanger", "STAV")

    def as_stavanger(value: object) -> object:
        if value == "fonna":
            return "stavanger"
        return value.replace("-FONN-", "-STAV-") if isinstance(value, str) else value

    for table, table_rows in rows.items():
        assert [tuple(map(as_stavanger, row)) for row in table_rows] == stavanger[table]


def test_an_activity_without_its_goal_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = governance.PLAN_ACTIVITY_FILE.read_text(encoding="utf-8")
    orphan = tmp_path / "plan_activity.csv"
    orphan.write_text(text + "9,1,Ukjent delmål,Koordinator,,2026-06-30,planned,\n", "utf-8")
    monkeypatch.setattr(governance, "PLAN_ACTIVITY_FILE", orphan)
    with pytest.raises(ValueError, match=r"\(9, 1\)"):
        governance.plan_rows("stavanger", "STAV")
