"""The demo's annual plan and governance register.

The plan is Helse Stavanger's «Årsplan 2026» (seed 001): its five focus areas, sixteen delmål and
their activities, with owners, dates from the plan's own calendar (intro course 29 January, the
physio/OT gathering 28 April, the annual conference day 12 November, …) and statuses as they
plausibly stand on the demo's data date: most done, some under way, three overdue, one dropped.
It lives as data, edited by hand, in `data/plan_goal.csv` and `data/plan_activity.csv`: the
import contract's columns for `plan_goal` and `plan_activity` less the trust and the ids (which
hold its code); an activity names its delmål by `focus_area_number` and `goal_number`.
`plan_rows` adds the trust and makes the ids: `2026-STAV-1.2` from the year, the trust's code
and the two numbers, then `-01`, `-02`, … for a delmål's activities in the order of the file.

The register follows seed 000's structure: a steering group of six from the hospital trust and
five from the municipalities, an operations group with the leader of each network's operations
group, one person responsible for each network group and the partner organisations, and each
network group's informal leader (a resource person of the group) appointed for two years. Its
dates are relative to the day the demo is built, so that some terms end within 90 days and one
network group is without a leader whenever the demo is looked at. Names are fictional and drawn
from a random generator of their own, so the rest of the demo stays as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dashboard.engine.contract import TABLES_BY_NAME
from dashboard.engine.db import DATA_DIR
from dashboard.engine.meetings import Meeting

PLAN_GOAL_FILE = DATA_DIR / "plan_goal.csv"
PLAN_ACTIVITY_FILE = DATA_DIR / "plan_activity.csv"
# How a cell of a contract column's type is read; text stays as it is. An empty cell is None.
CELL_TYPES: dict[str, Callable[[str], Any]] = {"int": int, "date": dt.date.fromisoformat}


def _row(table: str, values: dict[str, Any]) -> tuple:
    """A row in the contract's column order."""
    return tuple(values.get(c) for c in TABLES_BY_NAME[table].column_names)


def read_plan_file(path: Path, table: str) -> list[dict[str, Any]]:
    """The rows of one plan file, each cell typed as the contract types its column in `table`
    (or, for `focus_area_number` and `goal_number`, in `plan_goal`)."""
    types = {c.name: c.type for name in ("plan_goal", table) for c in TABLES_BY_NAME[name].columns}
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            {
                column: CELL_TYPES.get(types[column], str)(text) if text else None
                for column, text in row.items()
            }
            for row in csv.DictReader(handle)
        ]


def plan_rows(trust: str, short: str) -> dict[str, list[tuple]]:
    """The plan's delmål and activities for one health trust (`short`: its code in ids)."""
    activities_of: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for activity in read_plan_file(PLAN_ACTIVITY_FILE, "plan_activity"):
        key = (activity.pop("focus_area_number"), activity.pop("goal_number"))
        activities_of.setdefault(key, []).append(activity)
    goals: list[tuple] = []
    activities: list[tuple] = []
    for goal in read_plan_file(PLAN_GOAL_FILE, "plan_goal"):
        area, number = goal["focus_area_number"], goal["goal_number"]
        goal_id = f"{goal['year']}-{short}-{area}.{number}"
        goals.append(_row("plan_goal", {**goal, "goal_id": goal_id, "health_trust": trust}))
        for position, activity in enumerate(activities_of.pop((area, number), []), start=1):
            values = {**activity, "activity_id": f"{goal_id}-{position:02d}", "goal_id": goal_id}
            activities.append(_row("plan_activity", values))
    if activities_of:
        raise ValueError(f"{PLAN_ACTIVITY_FILE}: aktiviteter uten delmål: {sorted(activities_of)}")
    return {"plan_goal": goals, "plan_activity": activities}


def _days(today: dt.date, n: int) -> dt.date:
    return today + dt.timedelta(days=n)


def _years_back(today: dt.date, years: int, days: int = 0) -> dt.date:
    """`years` years before today (28 February for a 29th), moved by `days`."""
    try:
        day = today.replace(year=today.year - years)
    except ValueError:
        day = today.replace(year=today.year - years, day=28)
    return day + dt.timedelta(days=days)


def meetings(trust: str, year: int) -> list[Meeting]:
    """The steering group's (palliativt fagråd) four meetings of the year and the operations
    group's two, as seed 001's calendar spaces them."""
    dates = (
        ("styringsgruppe", 3, 12, "Fagrådsmøte mars"),
        ("driftsgruppe", 4, 23, "Driftsgruppemøte april"),
        ("styringsgruppe", 6, 11, "Fagrådsmøte juni"),
        ("styringsgruppe", 9, 17, "Fagrådsmøte september"),
        ("driftsgruppe", 10, 22, "Driftsgruppemøte oktober"),
        ("styringsgruppe", 12, 10, "Fagrådsmøte desember"),
    )
    return [
        Meeting(f"{body}-{year}-{month:02d}", body, trust, dt.date(year, month, day), title)
        for body, month, day, title in dates
    ]


def register_rows(
    trust: str,
    today: dt.date,
    seed: int,
    rows: dict[str, list[tuple]],
    used_names: set[str],
    first_names: Sequence[str],
    last_names: Sequence[str],
    slug: Any,
) -> list[tuple]:
    """The governance register of seed 000's structure, dated relative to `today`."""
    rng = random.Random(f"styringsorganer-{seed}")
    taken = set(used_names)

    def new_person(domain: str) -> tuple[str, str]:
        for _ in range(1000):
            name = f"{rng.choice(first_names)} {rng.choice(last_names)}"
            if name not in taken:
                taken.add(name)
                email = f"{slug(name.split()[0])}.{slug(name.split()[-1])}@{domain}"
                return name, email
        raise RuntimeError("name pool exhausted")

    municipality_names = {r[0]: r[1] for r in rows["municipality"]}
    result: list[tuple] = []

    def add(
        assignment_id: str,
        body: str,
        role: str,
        organisation: str,
        start: dt.date,
        end: dt.date | None,
        person: tuple[str, str],
        network: str | None = None,
        network_group: str | None = None,
    ) -> None:
        result.append(
            _row(
                "governance_member",
                {
                    "assignment_id": assignment_id,
                    "body": body,
                    "health_trust": trust,
                    "network": network,
                    "network_group": network_group,
                    "name": person[0],
                    "email": person[1],
                    "organisation": organisation,
                    "role": role,
                    "start_date": start,
                    "end_date": end,
                },
            )
        )

    hospital = "Helse Stavanger HF"
    sus = "sus.eksempel.no"

    def municipal(name: str) -> str:
        return f"{slug(name)}.kommune.eksempel.no"

    # The steering group (palliativt fagråd): six from the hospital trust, five municipalities.
    steering = [
        ("SG-01", "leder", f"{hospital}, Medisinsk klinikk", -760, 335, sus),
        ("SG-02", "medlem", f"{hospital}, Kreftavdelingen", -600, 130, sus),
        ("SG-03", "medlem", f"{hospital}, Palliativt senter", -400, None, sus),
        ("SG-04", "medlem", f"{hospital}, Klinikk for indremedisin", -720, 45, sus),
        ("SG-05", "medlem", f"{hospital}, Fagutvikling og forskning", -300, 430, sus),
        ("SG-06", "sekretær", f"{hospital}, Kompetansesenteret", -1000, None, sus),
        ("SG-07", "medlem", "Stavanger kommune", -500, 230, municipal("Stavanger")),
        ("SG-08", "medlem", "Sandnes kommune", -660, 70, municipal("Sandnes")),
        ("SG-09", "medlem", "Eigersund kommune", -200, 530, municipal("Eigersund")),
        ("SG-10", "medlem", "Klepp kommune", -900, -20, municipal("Klepp")),
        ("SG-11", "medlem", "Strand kommune", -100, 630, municipal("Strand")),
        ("SG-12", "medlem", "Sandnes kommune", 71, 801, municipal("Sandnes")),
        ("SG-13", "medlem", "Klepp kommune", -19, 711, municipal("Klepp")),
    ]
    for assignment_id, role, organisation, start, end, domain in steering:
        add(
            assignment_id,
            "styringsgruppe",
            role,
            organisation,
            _days(today, start),
            None if end is None else _days(today, end),
            new_person(domain),
        )

    # The operations group: the leader of each network's operations group, one responsible per
    # network group, and the partner organisations of seed 000.
    for suffix, department, since, network in (
        ("SYK", "Kompetansesenteret", -800, "sykepleier"),
        ("FE", "Fysioterapiavdelingen", -500, "fysio_ergo"),
    ):
        add(
            f"DG-{suffix}",
            "driftsgruppe",
            "leder",
            f"{hospital}, {department}",
            _days(today, since),
            None,
            new_person(sus),
            network=network,
        )
    groups = [(r[0], r[2]) for r in rows["network_group"] if r[3] == trust]
    for number, (code, network) in enumerate(groups):
        end = _days(today, 20) if number == len(groups) - 2 else None
        add(
            f"DG-{code}",
            "driftsgruppe",
            "medlem",
            hospital,
            _days(today, -300 - 90 * number),
            end,
            new_person(sus),
            network=network,
            network_group=code,
        )
    partners = [
        ("DG-KLB", "Kompetansesenter i lindrende behandling Helseregion Vest", "helse-bergen"),
        ("DG-MPT", "Palliativt senter v/Mobilt palliativt team, SUS", "sus"),
        ("DG-KF", "Kreftforeningen", "kreftforeningen"),
        ("DG-KOR", "Kreftomsorg Rogaland (KOR)", "kor"),
        ("DG-UIS", "Universitetet i Stavanger", "uis"),
    ]
    for number, (assignment_id, organisation, domain) in enumerate(partners):
        add(
            assignment_id,
            "driftsgruppe",
            "medlem",
            organisation,
            _days(today, -250 - 110 * number),
            None,
            new_person(f"{domain}.eksempel.no"),
        )

    # Each network group's informal leader: a resource person of the group, for two years.
    # (years back, days) of each group's leaders, oldest first; the last one of a group whose
    # term has run out leaves the group without a leader.
    terms = {
        0: [(2, 25)],  # ends in 24 days: within 90
        1: [(2, -200), (0, -200)],  # an earlier leader, and the one now
        2: [(2, -40)],  # ended 41 days ago, no successor: without a leader
        3: [(1, -55)],
        4: [(0, -90)],
    }
    for number, (code, network) in enumerate(groups):
        candidates = _group_members(rows, code, today)
        for turn, (years, days) in enumerate(terms.get(number, [(0, -30)])):
            if turn >= len(candidates):
                break
            name, email, unit_owner, municipality = candidates[turn]
            organisation = (
                hospital
                if unit_owner == "helseforetak"
                else f"{municipality_names[municipality]} kommune"
            )
            add(
                f"NG-{code}-{turn + 1}",
                "nettverksgruppe",
                "leder",
                organisation,
                _years_back(today, years, days),
                None,
                (name, email),
                network=network,
                network_group=code,
            )
    return result


def _group_members(
    rows: dict[str, list[tuple]], group: str, today: dt.date
) -> list[tuple[str, str, str, str]]:
    """Resource persons of a network group who are active today, in member-id order: (name,
    e-mail, the unit's owner, the unit's municipality)."""
    units = {r[0]: r for r in rows["unit"]}
    found: dict[str, tuple[str, str, str, str]] = {}
    for member in sorted(rows["member"], key=lambda r: (r[0], r[6])):
        member_id, name, email, _profession, unit_id, _leader, start, end, _reason = member
        unit = units[unit_id]
        if unit[6] != group or start > today or (end is not None and end < today):
            continue
        found.setdefault(member_id, (name, email, unit[3], unit[4]))
    return list(found.values())


# The demo's users (a steering-group member, a network-group leader, a coordinator) and a
# subscription of each kind for them, never sent: the first `send` on a fresh demo delivers each
# kind that is due (see README, docs/pages.md).
DEMO_USERS = (
    ("styringsgruppe@demo.eksempel.no", "styringsgruppe", "SYK-SAND"),
    ("nettverksleder@demo.eksempel.no", "nettverksleder", "SYK-SAND"),
    ("koordinator@demo.eksempel.no", "koordinator", ""),
)
DEMO_SUBSCRIPTIONS = (
    ("nettverksleder@demo.eksempel.no", "digest", "weekly", "network_group=SYK-SAND"),
    ("styringsgruppe@demo.eksempel.no", "pack", "before_meeting", "health_trust=stavanger"),
    ("koordinator@demo.eksempel.no", "alert", "daily", ""),
    ("koordinator@demo.eksempel.no", "reminder", "weekly", ""),
)
