"""The annual plan's deadlines and the governance register's reminders on hand-made data: which
activities are overdue or due within 30 days, which terms end within 90 days and which network
groups have no leader, each listed exactly. Every expected row is worked out in the comments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dashboard.engine import db
from tests.network import D, Network

AS_OF = D(2026, 6, 15)  # the day everything below is read on
PLAN = {"year": 2026, "as_of_date": AS_OF, "days": 30, "health_trust": "hst", "network": None}


def _insert(net: Network, table: str, **values: Any) -> None:
    net._insert(table, **values)


def _goal(net: Network, goal_id: str, area: int, number: int, **values: Any) -> None:
    row = {
        "goal_id": goal_id,
        "year": 2026,
        "health_trust": "hst",
        "focus_area_number": area,
        "focus_area": f"Område {area}",
        "goal_number": number,
        "title": f"Delmål {goal_id}",
        "network": "alle",
        **values,
    }
    _insert(net, "plan_goal", **row)


def _activity(
    net: Network, activity_id: str, goal_id: str, status: str, due: dt.date | None
) -> None:
    _insert(
        net,
        "plan_activity",
        activity_id=activity_id,
        goal_id=goal_id,
        title=f"Aktivitet {activity_id}",
        owner="Driftsgruppen",
        due_date=due,
        status=status,
    )


@pytest.fixture
def plan() -> Network:
    """Read on 15.06.2026 with a 30-day window: due soon = due 15.06–15.07.2026.

    G1 (hst, 2026, both networks)
      A1 planned,   due 14.06  → overdue (1 day)
      A2 under way, due 15.06  → due soon (today: not overdue)
      A3 planned,   due 15.07  → due soon (day 30, the last day of the window)
      A4 planned,   due 16.07  → neither (day 31)
      A5 done,      due 01.06  → neither (done)
      A6 dropped,   due 01.06  → neither (dropped)
      A7 under way, no due date (ongoing) → neither
    G2 (hst, 2026, physio/OT network)
      A8 planned,   due 20.06  → due soon; not for the nurse network
    G3 (hb, 2026)
      A9 planned,   due 01.06  → overdue, in Helse Bergen only
    G4 (hst, 2025)
      A10 planned,  due 01.12.2025 → another year's plan
    G5 (hst, 2026) without activities
    """
    net = Network()
    _goal(net, "G1", 1, 1)
    _goal(net, "G2", 2, 1, network="fysio_ergo")
    _goal(net, "G3", 1, 1, health_trust="hb")
    _goal(net, "G4", 1, 1, year=2025)
    _goal(net, "G5", 3, 1)
    _activity(net, "A1", "G1", "planned", D(2026, 6, 14))
    _activity(net, "A2", "G1", "under_way", D(2026, 6, 15))
    _activity(net, "A3", "G1", "planned", D(2026, 7, 15))
    _activity(net, "A4", "G1", "planned", D(2026, 7, 16))
    _activity(net, "A5", "G1", "done", D(2026, 6, 1))
    _activity(net, "A6", "G1", "dropped", D(2026, 6, 1))
    _activity(net, "A7", "G1", "under_way", None)
    _activity(net, "A8", "G2", "planned", D(2026, 6, 20))
    _activity(net, "A9", "G3", "planned", D(2026, 6, 1))
    _activity(net, "A10", "G4", "planned", D(2025, 12, 1))
    return net


def _deadlines(net: Network, **changes: Any) -> list[tuple[str, bool, int]]:
    rows = db.run(net.con, "plan_deadlines", {**PLAN, **changes})
    return list(zip(rows["activity_id"], rows["is_overdue"], rows["n_days_left"], strict=True))


def test_overdue_and_due_within_30_days_listed_exactly(plan: Network) -> None:
    # Ordered by due date: A1 (14.06, overdue by 1), A2 (today), A8 (20.06), A3 (15.07).
    assert _deadlines(plan) == [
        ("A1", True, -1),
        ("A2", False, 0),
        ("A8", False, 5),
        ("A3", False, 30),
    ]


def test_deadlines_follow_network_trust_and_year(plan: Network) -> None:
    # The nurse network: A8 (physio/OT) drops out; G1 is for both networks.
    assert [a for a, _, _ in _deadlines(plan, network="sykepleier")] == ["A1", "A2", "A3"]
    # Every trust: Helse Bergen's A9 (due 01.06, 14 days overdue) comes first.
    assert _deadlines(plan, health_trust=None)[0] == ("A9", True, -14)
    assert [a for a, _, _ in _deadlines(plan, health_trust="hb")] == ["A9"]
    # 2025's plan on 15.06.2026: A10 was due 01.12.2025 and is still open.
    assert _deadlines(plan, year=2025) == [("A10", True, -196)]
    # A shorter window: 5 days takes A1, A2 and A8 (due on day 5), not A3.
    assert [a for a, _, _ in _deadlines(plan, days=5)] == ["A1", "A2", "A8"]


def test_goals_count_their_activities_by_status(plan: Network) -> None:
    rows = db.run(plan.con, "plan_goals", PLAN).set_index("goal_id")
    # G1: 7 activities; planned A1 A3 A4, under way A2 A7, done A5, dropped A6; overdue A1;
    # due soon A2 A3. G5 has none and is listed all the same.
    assert list(rows.index) == ["G1", "G2", "G5"]
    g1 = rows.loc["G1"]
    counted = (
        "n_activities",
        "n_planned",
        "n_under_way",
        "n_done",
        "n_dropped",
        "n_overdue",
        "n_due_soon",
    )
    assert [int(g1[c]) for c in counted] == [7, 3, 2, 1, 1, 1, 2]
    assert int(rows.loc["G5", "n_activities"]) == 0
    activities = db.run(plan.con, "plan_activities", PLAN)
    assert list(activities["activity_id"]) == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]


# --- the governance register -------------------------------------------------------------------

REGISTER = {"as_of_date": AS_OF, "health_trust": "hst"}


def _assignment(
    net: Network,
    assignment_id: str,
    body: str,
    role: str,
    start: dt.date,
    end: dt.date | None = None,
    **values: Any,
) -> None:
    _insert(
        net,
        "governance_member",
        assignment_id=assignment_id,
        body=body,
        health_trust=values.pop("health_trust", "hst"),
        name=f"Person {assignment_id}",
        role=role,
        start_date=start,
        end_date=end,
        **values,
    )


@pytest.fixture
def register() -> Network:
    """Read on 15.06.2026 with a 90-day window: ending = in force today, term ends 15.06–13.09.

    Steering group (hst)
      R1 leder,  until 13.09.2026 → ending (day 90); R2 is its successor
      R2 leder,  from 14.09.2026  → not yet in force
      R3 medlem (Kommune A), until 14.09.2026 → not ending (day 91)
      R4 medlem, until 14.06.2026 → ended yesterday
      R5 medlem (Kommune B), until 15.06.2026 → ending (today, day 0); R6 is from another
         organisation, so no successor
      R6 medlem (Kommune C), from 01.07.2026
    Network-group leaders, appointed for 2 years (no end date: the term ends the day before the
    second anniversary)
      R7 GA from 20.06.2024 → term ends 19.06.2026 → ending (day 4)
      R8 GB from 15.06.2024 → term ended 14.06.2026; R9 GB from 01.07.2026 → GB has no leader
         today (1 day without), a new one from 01.07, and R8 has a successor
      GC never had a leader
      R10 GD leder 01.01–31.12.2025 (an end date of its own); R11 GD nestleder today: a deputy is
          not the leader, so GD has no leader (166 days since 31.12.2025)
      R12 GX (Helse Bergen) from 01.01.2026 → has a leader until 31.12.2027
    Operations group
      R13 medlem for GA, open-ended → never ending
    """
    net = Network()
    for code in ("GA", "GB", "GC", "GD"):
        net.group(code)
    net.group("GX", trust="hb")
    steering = [  # assignment, role, start, end, organisation
        ("R1", "leder", D(2025, 1, 1), D(2026, 9, 13), None),
        ("R2", "leder", D(2026, 9, 14), None, None),
        ("R3", "medlem", D(2025, 1, 1), D(2026, 9, 14), "Kommune A"),
        ("R4", "medlem", D(2025, 1, 1), D(2026, 6, 14), None),
        ("R5", "medlem", D(2025, 1, 1), D(2026, 6, 15), "Kommune B"),
        ("R6", "medlem", D(2026, 7, 1), None, "Kommune C"),
    ]
    for assignment_id, role, start, end, organisation in steering:
        _assignment(
            net, assignment_id, "styringsgruppe", role, start, end, organisation=organisation
        )
    _assignment(net, "R7", "nettverksgruppe", "leder", D(2024, 6, 20), network_group="GA")
    _assignment(net, "R8", "nettverksgruppe", "leder", D(2024, 6, 15), network_group="GB")
    _assignment(net, "R9", "nettverksgruppe", "leder", D(2026, 7, 1), network_group="GB")
    _assignment(
        net, "R10", "nettverksgruppe", "leder", D(2025, 1, 1), D(2025, 12, 31), network_group="GD"
    )
    _assignment(net, "R11", "nettverksgruppe", "nestleder", D(2025, 1, 1), network_group="GD")
    _assignment(
        net, "R12", "nettverksgruppe", "leder", D(2026, 1, 1), network_group="GX", health_trust="hb"
    )
    _assignment(net, "R13", "driftsgruppe", "medlem", D(2025, 3, 1), network_group="GA")
    return net


def test_terms_ending_within_90_days_listed_exactly(register: Network) -> None:
    rows = db.run(register.con, "governance_terms_ending", {**REGISTER, "days": 90})
    # Soonest first: R5 (today), R7 (19.06, the 2-year term), R1 (13.09, day 90).
    assert list(rows["assignment_id"]) == ["R5", "R7", "R1"]
    assert list(rows["n_days_left"]) == [0, 4, 90]
    assert list(rows["term_end"].dt.date) == [D(2026, 6, 15), D(2026, 6, 19), D(2026, 9, 13)]
    # R1's successor R2 is appointed; R5's «successor» R6 comes from another organisation.
    assert list(rows["has_successor"]) == [False, False, True]
    # No names in this list: they come through the people gate only.
    assert "name" not in rows.columns and "email" not in rows.columns
    # Helse Bergen's only leader (R12) serves until 31.12.2027.
    hb = db.run(
        register.con, "governance_terms_ending", {**REGISTER, "days": 90, "health_trust": "hb"}
    )
    assert hb.empty


def test_groups_without_a_leader_listed_exactly(register: Network) -> None:
    rows = db.run(register.con, "governance_groups_without_leader", REGISTER)
    # GA has R7 (until 19.06); GB's R8 ended yesterday and R9 starts 01.07; GC never had one;
    # GD has only a deputy since its leader's term ended 31.12.2025.
    assert list(rows["network_group"]) == ["GB", "GC", "GD"]
    by_group = rows.set_index("network_group")
    assert by_group.at["GB", "last_term_end"].date() == D(2026, 6, 14)
    assert by_group.at["GB", "n_days_without"] == 1
    assert by_group.at["GB", "next_start_date"].date() == D(2026, 7, 1)
    never = by_group.loc["GC", ["last_term_end", "n_days_without", "next_start_date"]]
    assert never.isna().all()
    assert by_group.at["GD", "n_days_without"] == 166  # 31.12.2025 → 15.06.2026
    # Every trust: GX (Helse Bergen) has a leader, so the same three.
    everyone = db.run(
        register.con, "governance_groups_without_leader", {**REGISTER, "health_trust": None}
    )
    assert list(everyone["network_group"]) == ["GB", "GC", "GD"]
    # On 01.07.2026 R9 has taken over GB (and R7's term has ended: GA is without one).
    later = db.run(
        register.con, "governance_groups_without_leader", {**REGISTER, "as_of_date": D(2026, 7, 1)}
    )
    assert list(later["network_group"]) == ["GA", "GC", "GD"]


def test_register_terms_and_successors(register: Network) -> None:
    rows = db.run(register.con, "governance_register", REGISTER).set_index("assignment_id")
    # A leader without an end date serves two years: R7 from 20.06.2024 until 19.06.2026.
    assert rows.at["R7", "term_end"].date() == D(2026, 6, 19)
    # Other assignments without one run on.
    assert rows["term_end"].isna()["R13"] and rows.at["R13", "is_active"]
    assert not rows.at["R4", "is_active"] and not rows.at["R2", "is_active"]
    assert bool(rows.at["R8", "has_successor"]) and not bool(rows.at["R7", "has_successor"])
    # Steering group first (leader before members), then the operations group, then groups.
    assert list(rows.index[:2]) == ["R1", "R2"]
    assert list(rows["body"].drop_duplicates()) == [
        "styringsgruppe",
        "driftsgruppe",
        "nettverksgruppe",
    ]
    assert "R12" not in rows.index  # another trust
